/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-welcome-page-private.h"

#include "msa-autoconfig.h"

#include <string.h>

typedef enum
{
  MODE_BUILTIN,
  MODE_FILE,
  MODE_MANUAL,
} Mode;

struct _MsaWelcomePage
{
  MsaPage         parent_instance;

  /* Template children */
  GtkCheckButton *builtin_check;
  GtkCheckButton *file_check;
  GtkCheckButton *manual_check;
  AdwPreferencesGroup *file_group;
  AdwActionRow   *file_chooser_row;
  GtkSpinner     *file_spinner;
  GtkButton      *choose_button;
  AdwPreferencesGroup *manual_group;
  AdwEntryRow    *incoming_host_row;
  AdwEntryRow    *outgoing_host_row;
  GtkSpinButton  *imap_port_spin;
  GtkSpinButton  *pop3_port_spin;
  GtkSpinButton  *smtp_port_spin;
  GtkLabel       *error_label;

  /* Owned state */
  Mode            mode;
  MsaProfile     *file_profile;   /* the last file that loaded */
  char           *file_path;
  GCancellable   *load_cancellable;
  GFile          *loading_file;
  gboolean        syncing;        /* filling widgets from the state */
};

G_DEFINE_FINAL_TYPE (MsaWelcomePage, msa_welcome_page, MSA_TYPE_PAGE)

/* A DNS name (RFC 1123 labels) or an IP address; checked as typed so the
 * user sees a mistake before the server check does. */
static gboolean
hostname_is_valid (const char *host)
{
  gsize label = 0;
  gsize len;

  if (host == NULL || host[0] == '\0')
    return FALSE;
  if (g_hostname_is_ip_address (host))
    return TRUE;

  len = strlen (host);
  if (len > 253)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = host[i];

      if (c == '.')
        {
          if (label == 0 || host[i - 1] == '-')
            return FALSE;
          label = 0;
          continue;
        }
      if (!g_ascii_isalnum (c) && !(c == '-' && label > 0))
        return FALSE;
      if (++label > 63)
        return FALSE;
    }

  return label > 0 && host[len - 1] != '-';
}

static void
show_error (MsaWelcomePage *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Builds the profile of the hand-typed servers; NULL while a field is
 * wrong, with the reason shown. */
static MsaProfile *
build_manual_profile (MsaWelcomePage *self)
{
  g_autofree char *incoming = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->incoming_host_row))));
  g_autofree char *outgoing = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->outgoing_host_row))));
  gboolean incoming_ok = hostname_is_valid (incoming);
  gboolean outgoing_ok = hostname_is_valid (outgoing);
  g_autoptr(MsaProfile) profile = NULL;
  const struct {
    MsaProtocol protocol;
    const char *host;
    GtkSpinButton *spin;
  } servers[] = {
    { MSA_PROTOCOL_IMAP, incoming, self->imap_port_spin },
    { MSA_PROTOCOL_POP3, incoming, self->pop3_port_spin },
    { MSA_PROTOCOL_SMTP, outgoing, self->smtp_port_spin },
  };

  /* Empty fields are not mistakes yet, only unfinished. */
  set_row_error (self->incoming_host_row, incoming[0] != '\0' && !incoming_ok);
  set_row_error (self->outgoing_host_row, outgoing[0] != '\0' && !outgoing_ok);

  if ((incoming[0] != '\0' && !incoming_ok) || (outgoing[0] != '\0' && !outgoing_ok))
    show_error (self, _("A server name may only contain letters, digits, hyphens and dots, "
                        "e.g. mail.example.com."));
  else
    show_error (self, NULL);

  if (!incoming_ok || !outgoing_ok)
    return NULL;

  profile = msa_profile_new (incoming, incoming);
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      g_autoptr(MsaServer) server = NULL;

      server = msa_server_new (servers[i].protocol, servers[i].host,
                               gtk_spin_button_get_value_as_int (servers[i].spin),
                               MSA_SECURITY_SSL);
      msa_server_set_username (server, "%EMAILADDRESS%");
      msa_server_set_authentication (server, "password-cleartext");
      msa_profile_add_server (profile, server);
    }

  return g_steal_pointer (&profile);
}

/* Puts the choice of the radio rows into the wizard state. */
static void
apply_mode (MsaWelcomePage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  gboolean complete = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->file_group), self->mode == MODE_FILE);
  gtk_widget_set_visible (GTK_WIDGET (self->manual_group), self->mode == MODE_MANUAL);

  if (self->syncing || state == NULL)
    return;

  switch (self->mode)
    {
    case MODE_BUILTIN:
      show_error (self, NULL);
      if (!msa_wizard_state_get_builtin_profile (state))
        {
          g_autoptr(MsaProfile) builtin = msa_profile_new_builtin ();

          msa_wizard_state_set_profile_file (state, NULL);
          msa_wizard_state_set_profile (state, builtin, TRUE);
        }
      complete = TRUE;
      break;

    case MODE_FILE:
      if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ||
          self->file_profile != NULL)
        show_error (self, NULL);
      if (self->file_profile != NULL)
        {
          msa_wizard_state_set_profile_file (state, self->file_path);
          msa_wizard_state_set_profile (state, self->file_profile, FALSE);
          complete = TRUE;
        }
      break;

    case MODE_MANUAL:
      {
        g_autoptr(MsaProfile) profile = build_manual_profile (self);

        if (profile != NULL)
          {
            MsaProfile *current = msa_wizard_state_get_profile (state);

            msa_wizard_state_set_profile_file (state, NULL);
            /* Keep the check result when nothing really changed. */
            if (msa_wizard_state_get_builtin_profile (state) ||
                !msa_profile_equal (current, profile))
              msa_wizard_state_set_profile (state, profile, FALSE);
            complete = TRUE;
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  msa_page_set_complete (MSA_PAGE (self), complete);
}

static void
on_mode_toggled_cb (MsaWelcomePage *self)
{
  if (gtk_check_button_get_active (self->file_check))
    self->mode = MODE_FILE;
  else if (gtk_check_button_get_active (self->manual_check))
    self->mode = MODE_MANUAL;
  else
    self->mode = MODE_BUILTIN;

  apply_mode (self);
}

static void
on_manual_changed_cb (MsaWelcomePage *self)
{
  if (self->mode == MODE_MANUAL)
    apply_mode (self);
}

static void
update_file_row (MsaWelcomePage *self)
{
  if (self->file_profile != NULL)
    {
      g_autofree char *basename = g_path_get_basename (self->file_path);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_chooser_row),
                                     msa_profile_get_display_name (self->file_profile));
      adw_action_row_set_subtitle (self->file_chooser_row, basename);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_chooser_row),
                                     _("No file chosen"));
      adw_action_row_set_subtitle (self->file_chooser_row, NULL);
    }
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(MsaWelcomePage) self = user_data;
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = msa_profile_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->file_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->file_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), TRUE);
  g_clear_object (&self->load_cancellable);

  if (profile == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason, e.g. "config.xml, line 3: not XML" */
      message = g_strdup_printf (_("This file cannot be used: %s"), error->message);
      show_error (self, message);
      return;
    }

  g_set_object (&self->file_profile, profile);
  g_free (self->file_path);
  self->file_path = g_file_get_path (self->loading_file);
  update_file_row (self);
  apply_mode (self);
}

static void
open_response (MsaWelcomePage *self,
               GFile          *file)
{
  if (file != NULL)
    msa_welcome_page_load_file (self, file);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
file_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MsaWelcomePage) self = user_data;
  g_autoptr(GFile) file = NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  open_response (self, file);
}
#else
static void
file_chooser_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(MsaWelcomePage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      open_response (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}
#endif

/* The file chooser goes through the portal inside Flatpak:
 * GtkFileDialog from GTK 4.10, GtkFileChooserNative before. */
static void
on_choose_button_clicked_cb (MsaWelcomePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Autoconfig files (XML)"));
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_filter_add_mime_type (filter, "text/xml");
  gtk_file_filter_add_suffix (filter, "xml");

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, _("Choose a Settings File"));
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_set_default_filter (dialog, filter);
    gtk_file_dialog_open (dialog, parent, msa_page_get_cancellable (MSA_PAGE (self)),
                          file_dialog_cb, g_object_ref (self));
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    GtkFileChooserNative *native;

    native = gtk_file_chooser_native_new (_("Choose a Settings File"), parent,
                                          GTK_FILE_CHOOSER_ACTION_OPEN,
                                          _("_Open"), _("_Cancel"));
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
    g_signal_connect (native, "response", G_CALLBACK (file_chooser_response_cb),
                      g_object_ref (self));
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  }
#endif
}

static void
fill_manual_rows (MsaWelcomePage *self,
                  MsaProfile     *profile)
{
  MsaServer *imap = msa_profile_find_server (profile, MSA_PROTOCOL_IMAP, MSA_SECURITY_SSL);
  MsaServer *pop3 = msa_profile_find_server (profile, MSA_PROTOCOL_POP3, MSA_SECURITY_SSL);
  MsaServer *smtp = msa_profile_find_server (profile, MSA_PROTOCOL_SMTP, MSA_SECURITY_SSL);
  MsaServer *incoming = imap != NULL ? imap : pop3;

  if (incoming != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->incoming_host_row), msa_server_get_hostname (incoming));
  if (smtp != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->outgoing_host_row), msa_server_get_hostname (smtp));
  if (imap != NULL)
    gtk_spin_button_set_value (self->imap_port_spin, msa_server_get_port (imap));
  if (pop3 != NULL)
    gtk_spin_button_set_value (self->pop3_port_spin, msa_server_get_port (pop3));
  if (smtp != NULL)
    gtk_spin_button_set_value (self->smtp_port_spin, msa_server_get_port (smtp));
}

/* Shows what the state holds, e.g. in a window rebuilt for another
 * language or after the last provider was restored. */
static void
sync_from_state (MsaWelcomePage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  MsaProfile *profile;

  if (state == NULL)
    return;

  profile = msa_wizard_state_get_profile (state);
  self->syncing = TRUE;
  if (msa_wizard_state_get_builtin_profile (state))
    {
      gtk_check_button_set_active (self->builtin_check, TRUE);
    }
  else if (msa_wizard_state_get_profile_file (state) != NULL)
    {
      g_set_object (&self->file_profile, profile);
      g_free (self->file_path);
      self->file_path = g_strdup (msa_wizard_state_get_profile_file (state));
      update_file_row (self);
      gtk_check_button_set_active (self->file_check, TRUE);
    }
  else
    {
      fill_manual_rows (self, profile);
      gtk_check_button_set_active (self->manual_check, TRUE);
    }
  self->syncing = FALSE;

  on_mode_toggled_cb (self);
}

static void
on_state_profile_notify_cb (MsaWelcomePage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));

  /* Only changes made elsewhere (the last provider restored at start). */
  if (self->mode == MODE_BUILTIN && !msa_wizard_state_get_builtin_profile (state))
    sync_from_state (self);
}

static void
connect_state (MsaWelcomePage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));

  if (state != NULL)
    g_signal_connect_object (state, "notify::profile",
                             G_CALLBACK (on_state_profile_notify_cb), self,
                             G_CONNECT_SWAPPED);
  sync_from_state (self);
}

static void
msa_welcome_page_dispose (GObject *object)
{
  MsaWelcomePage *self = MSA_WELCOME_PAGE (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MSA_TYPE_WELCOME_PAGE);
  g_clear_object (&self->file_profile);
  g_clear_object (&self->loading_file);

  G_OBJECT_CLASS (msa_welcome_page_parent_class)->dispose (object);
}

static void
msa_welcome_page_finalize (GObject *object)
{
  MsaWelcomePage *self = MSA_WELCOME_PAGE (object);

  g_clear_pointer (&self->file_path, g_free);

  G_OBJECT_CLASS (msa_welcome_page_parent_class)->finalize (object);
}

/* The state is construct-only (MsaPage:state): connect to it once. */
static void
msa_welcome_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (msa_welcome_page_parent_class)->constructed (object);

  connect_state (MSA_WELCOME_PAGE (object));
}

static void
msa_welcome_page_class_init (MsaWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = msa_welcome_page_constructed;
  object_class->dispose = msa_welcome_page_dispose;
  object_class->finalize = msa_welcome_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msa-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, builtin_check);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, file_check);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, manual_check);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, file_group);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, file_chooser_row);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, file_spinner);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, choose_button);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, manual_group);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, incoming_host_row);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, outgoing_host_row);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, imap_port_spin);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, pop3_port_spin);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, smtp_port_spin);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_manual_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_button_clicked_cb);
}

static void
msa_welcome_page_init (MsaWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  msa_page_set_complete (MSA_PAGE (self), TRUE);
}

/**
 * msa_welcome_page_new:
 * @state: (nullable): the wizard state the page shows; %NULL for its own
 *
 * Returns: (transfer floating): a new welcome page
 */
GtkWidget *
msa_welcome_page_new (MsaWizardState *state)
{
  return g_object_new (MSA_TYPE_WELCOME_PAGE, "state", state, NULL);
}

/**
 * msa_welcome_page_load_file:
 * @self: a #MsaWelcomePage
 * @file: a Mozilla autoconfig XML file
 *
 * Loads @file in the background (what the file chooser calls); on success
 * it becomes the provider, on failure the page says why.
 */
void
msa_welcome_page_load_file (MsaWelcomePage *self,
                            GFile          *file)
{
  g_return_if_fail (MSA_IS_WELCOME_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  g_set_object (&self->loading_file, file);
  g_signal_connect_object (msa_page_get_cancellable (MSA_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->load_cancellable,
                           G_CONNECT_SWAPPED);

  show_error (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->file_spinner), TRUE);
  gtk_spinner_start (self->file_spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), FALSE);
  if (!gtk_check_button_get_active (self->file_check))
    gtk_check_button_set_active (self->file_check, TRUE);

  msa_profile_load_async (file, self->load_cancellable, load_cb, g_object_ref (self));
}

/**
 * msa_welcome_page_get_busy:
 * @self: a #MsaWelcomePage
 *
 * Returns: whether a file is being loaded
 */
gboolean
msa_welcome_page_get_busy (MsaWelcomePage *self)
{
  g_return_val_if_fail (MSA_IS_WELCOME_PAGE (self), FALSE);

  return self->load_cancellable != NULL;
}

/**
 * msa_welcome_page_get_error:
 * @self: a #MsaWelcomePage
 *
 * Returns: (transfer none) (nullable): the error the page shows
 */
const char *
msa_welcome_page_get_error (MsaWelcomePage *self)
{
  g_return_val_if_fail (MSA_IS_WELCOME_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_text (self->error_label);
}
