/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-accessible.h"
#include "msa-file-chooser.h"
#include "widgets/msa-found-profile-group.h"
#include "widgets/msa-source-row.h"
#include "msa-welcome-page-private.h"

#include "msa-autoconfig.h"
#include "msa-discovery.h"
#include "msa-discovery-text.h"
#include "msa-found-account-text.h"
#include "msa-profile-text.h"
#include "msa-setting-field.h"
#include "msa-trust-store.h"

#include <string.h>

typedef enum
{
  MODE_BUILTIN,
  MODE_DISCOVER,
  MODE_FILE,
  MODE_MANUAL,
} Mode;

struct _MsaWelcomePage
{
  MsaPage         parent_instance;

  /* Template children */
  GtkCheckButton *builtin_check;
  GtkCheckButton *discover_check;
  AdwPreferencesGroup *discover_group;
  AdwEntryRow    *address_row;
  GtkButton      *find_button;
  GtkButton      *cancel_button;
  AdwPreferencesGroup *sources_group;
  MsaFoundProfileGroup *found_group;
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
  GtkLabel       *profile_note_label;

  /* Owned state */
  Mode            mode;
  MsaProfile     *file_profile;   /* the last file that loaded */
  char           *file_path;
  GCancellable   *load_cancellable;
  GFile          *loading_file;
  gboolean        syncing;        /* filling widgets from the state */

  /* Discovery */
  MsaDiscovery   *discovery;      /* the last one started */
  GCancellable   *discover_cancellable;
  GPtrArray      *source_rows;    /* in sources_group, one a source */
  MsaProfile     *found_profile;  /* encrypted servers only */
  char           *found_source;   /* its source's nick */
};

G_DEFINE_FINAL_TYPE (MsaWelcomePage, msa_welcome_page, MSA_TYPE_PAGE)

static void
show_error (MsaWelcomePage *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Builds the profile of the hand-typed servers; NULL while a field is
 * wrong, with the reason shown. */
static MsaProfile *
build_manual_profile (MsaWelcomePage *self)
{
  g_autofree char *incoming = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->incoming_host_row))));
  g_autofree char *outgoing = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->outgoing_host_row))));
  gboolean incoming_ok = msa_setting_host_is_valid (incoming);
  gboolean outgoing_ok = msa_setting_host_is_valid (outgoing);
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

  g_autofree char *incoming_problem = msa_setting_check_host (incoming, NULL);
  g_autofree char *outgoing_problem = msa_setting_check_host (outgoing, NULL);
  g_autofree char *port_problem = NULL;

  /* Empty fields are not mistakes yet, only unfinished. */
  msa_page_mark_invalid (GTK_WIDGET (self->incoming_host_row), incoming_problem != NULL, self->error_label);
  msa_page_mark_invalid (GTK_WIDGET (self->outgoing_host_row), outgoing_problem != NULL, self->error_label);

  /* A port out of range is refused with a reason, never changed into
   * the nearest one (the spin buttons allow 0 to 99999 for that). */
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      int port;
      g_autofree char *problem = msa_setting_check_port (gtk_editable_get_text (GTK_EDITABLE (servers[i].spin)),
                                                         &port);

      if (problem == NULL && port < 0)
        problem = g_strdup (_("A port is a number from 1 to 65535."));
      msa_page_mark_invalid (GTK_WIDGET (servers[i].spin), problem != NULL, self->error_label);
      if (problem != NULL && port_problem == NULL)
        port_problem = g_steal_pointer (&problem);
    }

  show_error (self, incoming_problem != NULL ? incoming_problem
                    : outgoing_problem != NULL ? outgoing_problem : port_problem);

  if (!incoming_ok || !outgoing_ok || port_problem != NULL)
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
  gtk_widget_set_visible (GTK_WIDGET (self->discover_group), self->mode == MODE_DISCOVER);
  gtk_widget_set_visible (GTK_WIDGET (self->sources_group),
                          self->mode == MODE_DISCOVER && self->source_rows->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->found_group),
                          self->mode == MODE_DISCOVER && self->found_profile != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->manual_group), self->mode == MODE_MANUAL);

  if (self->syncing || state == NULL)
    return;

  switch (self->mode)
    {
    case MODE_BUILTIN:
      show_error (self, NULL);
      msa_wizard_state_set_profile_source (state, NULL);
      if (!msa_wizard_state_get_builtin_profile (state))
        {
          g_autoptr(MsaProfile) builtin = msa_profile_new_builtin ();

          msa_wizard_state_set_profile_file (state, NULL);
          msa_wizard_state_set_profile (state, builtin, TRUE);
        }
      complete = TRUE;
      break;

    case MODE_DISCOVER:
      if (self->found_profile != NULL)
        show_error (self, NULL);
      if (self->found_profile != NULL
          && msa_found_profile_group_get_confirmed (self->found_group))
        {
          const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));

          msa_wizard_state_set_profile_file (state, NULL);
          if (msa_wizard_state_get_builtin_profile (state)
              || !msa_profile_equal (msa_wizard_state_get_profile (state), self->found_profile))
            msa_wizard_state_set_profile (state, self->found_profile, FALSE);
          msa_wizard_state_set_profile_source (state, self->found_source);
          if (strchr (address, '@') != NULL)
            msa_wizard_state_set_email_address (state, address);
          complete = TRUE;
        }
      break;

    case MODE_FILE:
      if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ||
          self->file_profile != NULL)
        show_error (self, NULL);
      if (self->file_profile != NULL)
        {
          msa_wizard_state_set_profile_source (state, NULL);
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
            msa_wizard_state_set_profile_source (state, NULL);
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

  /* What a file or a discovered profile lacks, where it is chosen. */
  {
    MsaProfile *chosen = self->mode == MODE_FILE ? self->file_profile
                         : self->mode == MODE_DISCOVER ? self->found_profile : NULL;
    g_autofree char *missing = chosen != NULL ? msa_profile_dup_missing_text (chosen) : NULL;

    gtk_label_set_text (self->profile_note_label, missing != NULL ? missing : "");
    gtk_widget_set_visible (GTK_WIDGET (self->profile_note_label), missing != NULL);
  }

  msa_page_set_complete (MSA_PAGE (self), complete);
}

static void
on_mode_toggled_cb (MsaWelcomePage *self)
{
  if (gtk_check_button_get_active (self->discover_check))
    self->mode = MODE_DISCOVER;
  else if (gtk_check_button_get_active (self->file_check))
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


/* Discovery */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
build_source_rows (MsaWelcomePage *self)
{
  GListModel *sources = msa_discovery_get_sources (self->discovery);

  clear_rows (self->sources_group, self->source_rows);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(MsaDiscoverySource) source = g_list_model_get_item (sources, i);
      GtkWidget *row = msa_source_row_new (source);

      adw_preferences_group_add (self->sources_group, row);
      g_ptr_array_add (self->source_rows, row);
    }
}

static void
set_discovering (MsaWelcomePage *self,
                 gboolean        discovering)
{
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), discovering);
  gtk_widget_set_visible (GTK_WIDGET (self->find_button), !discovering);
  gtk_editable_set_editable (GTK_EDITABLE (self->address_row), !discovering);
}

static void
on_discovered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MsaWelcomePage) self = user_data;
  MsaDiscovery *discovery = MSA_DISCOVERY (object);
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = msa_discovery_run_finish (discovery, result, &error);
  if (discovery != self->discovery)
    return;   /* a newer one runs */
  g_clear_object (&self->discover_cancellable);
  set_discovering (self, FALSE);

  if (profile == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The search was cancelled."));
      else if (g_error_matches (error, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_NOTHING_FOUND))
        {
          /* Translators: %s is a mail domain */
          g_autofree char *message = g_strdup_printf (_("No encrypted mail servers were found for %s. "
                                                        "Choose a settings file from your provider, or "
                                                        "enter the servers it names by hand."),
                                                      msa_discovery_get_domain (discovery));

          show_error (self, message);
        }
      else
        show_error (self, error->message);
      apply_mode (self);
      return;
    }

  {
    g_autofree char *servers_domain = msa_discovery_get_servers_domain (discovery);
    MsaDiscoverySource *chosen = msa_discovery_get_chosen (discovery);

    g_set_object (&self->found_profile, profile);
    g_free (self->found_source);
    self->found_source = g_strdup (msa_discovery_source_kind_to_string (msa_discovery_source_get_kind (chosen)));
    msa_found_profile_group_show (self->found_group, profile,
                                  msa_discovery_source_kind_get_label (msa_discovery_source_get_kind (chosen)),
                                  msa_discovery_get_domain (discovery),
                                  msa_discovery_get_needs_confirmation (discovery) ? servers_domain : NULL);
  }
  apply_mode (self);
}

static void
on_trust_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(MsaWelcomePage) self = user_data;
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));

  database = msa_trust_store_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->discover_cancellable == NULL)
    return;
  if (database == NULL)
    {
      g_clear_object (&self->discover_cancellable);
      set_discovering (self, FALSE);
      show_error (self, error->message);
      return;
    }

  g_clear_object (&self->discovery);
  self->discovery = msa_discovery_new (address, database, MSA_CHECK_DEFAULT_TIMEOUT);
  if (state != NULL && msa_wizard_state_get_ispdb_url (state) != NULL
      && g_str_has_prefix (msa_wizard_state_get_ispdb_url (state), "https://"))
    msa_discovery_set_ispdb_url (self->discovery, msa_wizard_state_get_ispdb_url (state));
  build_source_rows (self);
  apply_mode (self);
  msa_discovery_run_async (self->discovery, self->discover_cancellable, on_discovered_cb,
                           g_object_ref (self));
}

static void
on_find_clicked_cb (MsaWelcomePage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));
  g_autofree char *domain = NULL;
  g_autoptr(GError) error = NULL;

  if (self->discover_cancellable != NULL)
    return;
  domain = msa_discovery_domain_from_address (address, &error);
  msa_page_mark_invalid (GTK_WIDGET (self->address_row), domain == NULL, self->error_label);
  if (domain == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  g_clear_object (&self->discovery);
  g_clear_object (&self->found_profile);
  msa_found_profile_group_clear (self->found_group);
  self->discover_cancellable = g_cancellable_new ();
  g_signal_connect_object (msa_page_get_cancellable (MSA_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->discover_cancellable,
                           G_CONNECT_SWAPPED);
  set_discovering (self, TRUE);
  apply_mode (self);
  msa_trust_store_load_async (state != NULL ? msa_wizard_state_get_ca_file (state) : NULL,
                              self->discover_cancellable, on_trust_loaded_cb, g_object_ref (self));
}

static void
on_cancel_clicked_cb (MsaWelcomePage *self)
{
  g_cancellable_cancel (self->discover_cancellable);
  if (self->discovery == NULL)
    {
      /* Cancelled while the trust store loaded: nothing else will say so. */
      g_clear_object (&self->discover_cancellable);
      set_discovering (self, FALSE);
      show_error (self, _("The search was cancelled."));
    }
}

static void
on_address_changed_cb (MsaWelcomePage *self)
{
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->address_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->find_button), address[0] != '\0');
  msa_page_mark_invalid (GTK_WIDGET (self->address_row), FALSE, self->error_label);
}

static void
on_confirm_toggled_cb (MsaWelcomePage *self)
{
  apply_mode (self);
}

static void
update_file_row (MsaWelcomePage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->file_chooser_row), "error");
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
      /* Also where the user looks: in the row of the file, which stays
       * in view at any window size. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_chooser_row),
                                     _("This file cannot be used"));
      adw_action_row_set_subtitle (self->file_chooser_row, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->file_chooser_row), "error");
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
  /* Back where the user was (insensitive while a file loads: then the
   * row that holds it). */
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->choose_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->choose_button));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->file_chooser_row));
}

static void
on_file_chosen_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MsaWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = msa_file_chooser_run_finish (result, &error);

  if (error == NULL)
    open_response (self, file);
}

static void
on_choose_button_clicked_cb (MsaWelcomePage *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Autoconfig files (XML)"));
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_filter_add_mime_type (filter, "text/xml");
  gtk_file_filter_add_suffix (filter, "xml");
  msa_file_chooser_run_async (GTK_WIDGET (self), MSA_FILE_CHOOSER_OPEN, _("Choose a Settings File"),
                              _("_Open"), filter, NULL, msa_page_get_cancellable (MSA_PAGE (self)),
                              on_file_chosen_cb, g_object_ref (self));
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
  else if (msa_wizard_state_get_profile_source (state) != NULL)
    {
      MsaDiscoverySourceKind kind = MSA_DISCOVERY_SOURCE_BUILTIN;

      msa_discovery_source_kind_from_string (msa_wizard_state_get_profile_source (state), &kind);
      /* Shown again (a rebuilt window): the user has confirmed it. */
      g_set_object (&self->found_profile, profile);
      g_free (self->found_source);
      self->found_source = g_strdup (msa_wizard_state_get_profile_source (state));
      if (msa_wizard_state_get_email_address (state) != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->address_row), msa_wizard_state_get_email_address (state));
      msa_found_profile_group_show (self->found_group, profile, msa_discovery_source_kind_get_label (kind),
                                    msa_profile_get_domain (profile), NULL);
      gtk_check_button_set_active (self->discover_check, TRUE);
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
  g_cancellable_cancel (self->discover_cancellable);
  g_clear_object (&self->discover_cancellable);
  g_clear_object (&self->discovery);
  g_clear_object (&self->found_profile);
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
  g_clear_pointer (&self->found_source, g_free);
  g_clear_pointer (&self->source_rows, g_ptr_array_unref);

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

  g_type_ensure (MSA_TYPE_FOUND_PROFILE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msa-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, builtin_check);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, file_check);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, discover_check);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, discover_group);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, address_row);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, find_button);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, sources_group);
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, found_group);
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
  gtk_widget_class_bind_template_child (widget_class, MsaWelcomePage, profile_note_label);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_manual_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_find_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_toggled_cb);
}

static void
msa_welcome_page_init (MsaWelcomePage *self)
{
  self->source_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  msa_accessible_add_action (GTK_WIDGET (self->builtin_check), "select");
  msa_accessible_add_action (GTK_WIDGET (self->discover_check), "select");
  msa_accessible_add_action (GTK_WIDGET (self->file_check), "select");
  msa_accessible_add_action (GTK_WIDGET (self->manual_check), "select");

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
 * msa_welcome_page_discover:
 * @self: a #MsaWelcomePage
 * @address: an e-mail address or domain
 *
 * Chooses discovery, types @address and starts it, as the Find button
 * does.
 */
void
msa_welcome_page_discover (MsaWelcomePage *self,
                           const char     *address)
{
  g_return_if_fail (MSA_IS_WELCOME_PAGE (self));

  gtk_check_button_set_active (self->discover_check, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);
  on_find_clicked_cb (self);
}

/**
 * msa_welcome_page_get_discovery:
 * @self: a #MsaWelcomePage
 *
 * Returns: (transfer none) (nullable): the last discovery started
 */
MsaDiscovery *
msa_welcome_page_get_discovery (MsaWelcomePage *self)
{
  g_return_val_if_fail (MSA_IS_WELCOME_PAGE (self), NULL);
  return self->discovery;
}

/**
 * msa_welcome_page_get_discovering:
 * @self: a #MsaWelcomePage
 *
 * Returns: whether a discovery runs
 */
gboolean
msa_welcome_page_get_discovering (MsaWelcomePage *self)
{
  g_return_val_if_fail (MSA_IS_WELCOME_PAGE (self), FALSE);
  return self->discover_cancellable != NULL;
}

/**
 * msa_welcome_page_get_source_rows:
 * @self: a #MsaWelcomePage
 *
 * Returns: (transfer none) (element-type AdwActionRow): a row a source
 */
GPtrArray *
msa_welcome_page_get_source_rows (MsaWelcomePage *self)
{
  g_return_val_if_fail (MSA_IS_WELCOME_PAGE (self), NULL);
  return self->source_rows;
}

/**
 * msa_welcome_page_cancel:
 * @self: a #MsaWelcomePage
 *
 * Presses Cancel, if it is shown.
 */
void
msa_welcome_page_cancel (MsaWelcomePage *self)
{
  g_return_if_fail (MSA_IS_WELCOME_PAGE (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->cancel_button)))
    gtk_widget_activate (GTK_WIDGET (self->cancel_button));
}

/**
 * msa_welcome_page_confirm:
 * @self: a #MsaWelcomePage
 *
 * Ticks the confirmation of servers outside the address's domain.
 *
 * Returns: whether a confirmation was asked for
 */
gboolean
msa_welcome_page_confirm (MsaWelcomePage *self)
{
  g_return_val_if_fail (MSA_IS_WELCOME_PAGE (self), FALSE);

  return msa_found_profile_group_confirm (self->found_group);
}

/**
 * msa_welcome_page_get_profile_note:
 * @self: a #MsaWelcomePage
 *
 * Returns: (transfer none) (nullable): what the page says the chosen
 *   profile lacks
 */
const char *
msa_welcome_page_get_profile_note (MsaWelcomePage *self)
{
  g_return_val_if_fail (MSA_IS_WELCOME_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->profile_note_label)))
    return NULL;
  return gtk_label_get_text (self->profile_note_label);
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
