/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-account-type-page.h"

#include "msa-accessible.h"
#include "msa-profile-text.h"

#include <string.h>

struct _MsaAccountTypePage
{
  MsaPage         parent_instance;

  /* Template children */
  GtkCheckButton *imap_check;
  GtkCheckButton *pop3_check;
  AdwComboRow    *client_row;
  GtkLabel       *pop3_warning_label;
  GtkLabel       *no_incoming_label;
  AdwEntryRow    *email_row;
  GtkLabel       *email_error_label;

  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (MsaAccountTypePage, msa_account_type_page, MSA_TYPE_PAGE)

/* Loose on purpose: only catches what is plainly not an address; the
 * provider's server decides the rest. */
static gboolean
email_is_plausible (const char *address)
{
  const char *at = strchr (address, '@');

  return at != NULL && at != address && at[1] != '\0' &&
         strchr (at + 1, '@') == NULL && strchr (address, ' ') == NULL &&
         strchr (at + 1, '.') != NULL;
}

static void
update (MsaAccountTypePage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  gboolean email_ok = email[0] == '\0' || email_is_plausible (email);
  MsaMailClientId client = adw_combo_row_get_selected (self->client_row);
  gboolean pop3 = gtk_check_button_get_active (self->pop3_check);

  /* Only what the profile has can be chosen. */
  if (state != NULL)
    {
      MsaProfile *profile = msa_wizard_state_get_profile (state);
      gboolean has_imap = msa_profile_has_encrypted (profile, MSA_PROTOCOL_IMAP);
      gboolean has_pop3 = msa_profile_has_encrypted (profile, MSA_PROTOCOL_POP3);

      gtk_widget_set_sensitive (GTK_WIDGET (self->imap_check), has_imap);
      gtk_widget_set_sensitive (GTK_WIDGET (self->pop3_check), has_pop3);
      gtk_widget_set_visible (GTK_WIDGET (self->no_incoming_label), !has_imap && !has_pop3);
      if (pop3 && !has_pop3 && has_imap)
        {
          gtk_check_button_set_active (self->imap_check, TRUE);
          return;   /* toggling comes back here */
        }
      if (!pop3 && !has_imap && has_pop3)
        {
          gtk_check_button_set_active (self->pop3_check, TRUE);
          return;
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->pop3_warning_label),
                          pop3 && client < MSA_MAIL_CLIENT_N_CLIENTS &&
                          !msa_mail_client_supports_pop3 (client));
  gtk_widget_set_visible (GTK_WIDGET (self->email_error_label), !email_ok);
  if (email_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->email_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->email_row), "error");

  msa_page_set_complete (MSA_PAGE (self), email_ok);

  if (self->syncing || state == NULL)
    return;

  msa_wizard_state_set_incoming_protocol (state, pop3 ? MSA_PROTOCOL_POP3 : MSA_PROTOCOL_IMAP);
  if (client < MSA_MAIL_CLIENT_N_CLIENTS)
    msa_wizard_state_set_mail_client (state, client);
  msa_wizard_state_set_email_address (state, email_ok ? email : NULL);
}

static void
on_protocol_toggled_cb (MsaAccountTypePage *self)
{
  update (self);
}

static void
on_client_selected_cb (MsaAccountTypePage *self)
{
  update (self);
}

static void
on_email_changed_cb (MsaAccountTypePage *self)
{
  update (self);
}

static void
sync_from_state (MsaAccountTypePage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  const char *email;

  if (state == NULL)
    return;

  self->syncing = TRUE;
  if (msa_wizard_state_get_incoming_protocol (state) == MSA_PROTOCOL_POP3)
    gtk_check_button_set_active (self->pop3_check, TRUE);
  else
    gtk_check_button_set_active (self->imap_check, TRUE);
  adw_combo_row_set_selected (self->client_row, msa_wizard_state_get_mail_client (state));
  email = msa_wizard_state_get_email_address (state);
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email != NULL ? email : "");
  self->syncing = FALSE;

  update (self);
}

static void
on_state_notify_cb (MsaAccountTypePage *self)
{
  if (!self->syncing)
    sync_from_state (self);
}

static void
connect_state (MsaAccountTypePage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));

  if (state != NULL)
    {
      /* Settings restored at start-up arrive after the page exists. */
      g_signal_connect_object (state, "notify::incoming-protocol",
                               G_CALLBACK (on_state_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (state, "notify::mail-client",
                               G_CALLBACK (on_state_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (state, "notify::profile",
                               G_CALLBACK (on_state_notify_cb), self, G_CONNECT_SWAPPED);
    }
  sync_from_state (self);
}

static void
msa_account_type_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MSA_TYPE_ACCOUNT_TYPE_PAGE);

  G_OBJECT_CLASS (msa_account_type_page_parent_class)->dispose (object);
}

/* The state is construct-only (MsaPage:state): connect to it once. */
static void
msa_account_type_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (msa_account_type_page_parent_class)->constructed (object);

  connect_state (MSA_ACCOUNT_TYPE_PAGE (object));
}

static void
msa_account_type_page_class_init (MsaAccountTypePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = msa_account_type_page_constructed;
  object_class->dispose = msa_account_type_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msa-account-type-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaAccountTypePage, imap_check);
  gtk_widget_class_bind_template_child (widget_class, MsaAccountTypePage, pop3_check);
  gtk_widget_class_bind_template_child (widget_class, MsaAccountTypePage, client_row);
  gtk_widget_class_bind_template_child (widget_class, MsaAccountTypePage, pop3_warning_label);
  gtk_widget_class_bind_template_child (widget_class, MsaAccountTypePage, no_incoming_label);
  gtk_widget_class_bind_template_child (widget_class, MsaAccountTypePage, email_row);
  gtk_widget_class_bind_template_child (widget_class, MsaAccountTypePage, email_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_protocol_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_client_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_email_changed_cb);
}

static void
msa_account_type_page_init (MsaAccountTypePage *self)
{
  g_autoptr(GtkStringList) clients = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The model's positions are the MsaMailClientId values. */
  self->syncing = TRUE;
  for (guint i = 0; i < MSA_MAIL_CLIENT_N_CLIENTS; i++)
    gtk_string_list_append (clients, msa_mail_client_get_name (i));
  adw_combo_row_set_model (self->client_row, G_LIST_MODEL (clients));
  self->syncing = FALSE;

  msa_accessible_add_action (GTK_WIDGET (self->imap_check), "select");
  msa_accessible_add_action (GTK_WIDGET (self->pop3_check), "select");
  {
    const char *keys[MSA_MAIL_CLIENT_N_CLIENTS + 1] = { NULL };

    for (guint i = 0; i < MSA_MAIL_CLIENT_N_CLIENTS; i++)
      keys[i] = msa_mail_client_to_key (i);
    msa_accessible_add_choice_actions (GTK_WIDGET (self->client_row), keys);
  }

  msa_page_set_complete (MSA_PAGE (self), TRUE);
}

/**
 * msa_account_type_page_new:
 * @state: (nullable): the wizard state the page shows; %NULL for its own
 *
 * Returns: (transfer floating): a new account type page
 */
GtkWidget *
msa_account_type_page_new (MsaWizardState *state)
{
  return g_object_new (MSA_TYPE_ACCOUNT_TYPE_PAGE, "state", state, NULL);
}
