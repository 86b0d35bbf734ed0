/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The settings page: the exact values to enter in the mail program, a row each with
 * a copy button, for the incoming and the outgoing server.  The SSL
 * option is named as the chosen mail program names it (msa-mail-client).
 * "Copy All" gives the same values as one block of text; "Save as
 * Autoconfig File…" writes the provider profile as Mozilla autoconfig XML,
 * atomically: a temporary file beside the target, renamed over it. */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-settings-page-private.h"
#include "msa-file-chooser.h"

#include "msa-autoconfig.h"

#include <string.h>

struct _MsaSettingsPage
{
  MsaPage               parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *heading_label;
  GtkLabel             *intro_label;
  GtkWidget            *check_failed_box;
  GtkLabel             *check_failed_label;
  AdwPreferencesGroup  *incoming_group;
  AdwPreferencesGroup  *outgoing_group;
  GtkButton            *save_button;
  GtkButton            *copy_all_button;

  /* Rows made in code: [0] incoming, [1] outgoing */
  MsaCopyRow           *rows[2][MSA_SETTING_N_FIELDS];

  /* The state whose changes we follow */
  GCancellable         *save_cancellable;
};

G_DEFINE_FINAL_TYPE (MsaSettingsPage, msa_settings_page, MSA_TYPE_PAGE)




static void
on_row_copied_cb (MsaSettingsPage *self,
                  MsaCopyRow      *row)
{
  g_autofree char *text = NULL;

  /* Translators: toast after a copy button; %s is what was copied, e.g. "Port" */
  text = g_strdup_printf (_("%s copied"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  msa_page_add_toast (MSA_PAGE (self), self->toast_overlay, GTK_WIDGET (row), text);
}

static void
build_rows (MsaSettingsPage *self)
{
  AdwPreferencesGroup *groups[2] = { self->incoming_group, self->outgoing_group };

  for (guint g = 0; g < 2; g++)
    for (guint r = 0; r < MSA_SETTING_N_FIELDS; r++)
      {
        GtkWidget *row = msa_copy_row_new (msa_setting_field_get_title (r), NULL);

        g_signal_connect_object (row, "copied", G_CALLBACK (on_row_copied_cb), self,
                                 G_CONNECT_SWAPPED);
        adw_preferences_group_add (groups[g], row);
        self->rows[g][r] = MSA_COPY_ROW (row);
      }
}

static const char *
group_title (MsaServer *server)
{
  switch (msa_server_get_protocol (server))
    {
    case MSA_PROTOCOL_IMAP:
      return _("Incoming Mail (IMAP)");
    case MSA_PROTOCOL_POP3:
      return _("Incoming Mail (POP3)");
    case MSA_PROTOCOL_SMTP:
      return _("Outgoing Mail (SMTP)");
    default:
      g_assert_not_reached ();
    }
}

static void
update_group (MsaSettingsPage *self,
              guint            index,
              MsaServer       *server)
{
  AdwPreferencesGroup *group = index == 0 ? self->incoming_group : self->outgoing_group;
  MsaCopyRow **rows = self->rows[index];
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  MsaMailClientId client;
  g_autofree char *port = NULL;
  g_autofree char *username = NULL;
  g_autofree char *where = NULL;
  g_autofree char *port_title = NULL;
  g_autofree char *security_title = NULL;
  const char *port_field;
  const char *authentication;

  gtk_widget_set_visible (GTK_WIDGET (group), server != NULL);
  if (server == NULL)
    return;

  client = msa_wizard_state_get_mail_client (state);

  adw_preferences_group_set_title (group, group_title (server));
  /* Translators: where the setting lives in the mail program, e.g.
   * "Account Settings → your account → Server Settings" */
  if (client == MSA_MAIL_CLIENT_OTHER)
    /* Translators: %s is where the setting usually lives */
    where = g_strdup_printf (_("In your mail program: %s"),
                             msa_mail_client_get_location (client, msa_server_get_protocol (server)));
  else
    where = g_strdup_printf (_("In %s: %s"), msa_mail_client_get_name (client),
                             msa_mail_client_get_location (client, msa_server_get_protocol (server)));
  adw_preferences_group_set_description (group, where);

  msa_copy_row_set_value (rows[MSA_SETTING_FIELD_SERVER], msa_server_get_hostname (server));

  port = g_strdup_printf ("%u", (guint) msa_server_get_port (server));
  port_field = msa_mail_client_get_port_field (client);
  port_title = msa_mail_client_dup_row_title (port_field != NULL ? port_field : msa_setting_field_get_title (MSA_SETTING_FIELD_PORT));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[MSA_SETTING_FIELD_PORT]), port_title);
  msa_copy_row_set_value (rows[MSA_SETTING_FIELD_PORT], port);

  /* The program's own name for the option: "Connection security",
   * "Encryption method", or a check box such as "Use TLS/SSL". */
  security_title = msa_mail_client_dup_row_title (msa_mail_client_get_security_field (client));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows[MSA_SETTING_FIELD_SECURITY]),
                                 security_title);
  msa_copy_row_set_value (rows[MSA_SETTING_FIELD_SECURITY],
                          msa_mail_client_get_security_value (client, msa_server_get_security (server)));
  /* "ticked" is for reading, not for pasting. */
  msa_copy_row_set_copyable (rows[MSA_SETTING_FIELD_SECURITY],
                             !msa_mail_client_security_is_checkbox (client));

  username = msa_wizard_state_dup_username (state, server);
  gtk_widget_set_visible (GTK_WIDGET (rows[MSA_SETTING_FIELD_USERNAME]), username != NULL);
  if (username != NULL && strchr (username, '%') != NULL)
    {
      /* No e-mail address was given: explain the placeholder instead of
       * offering "%EMAILADDRESS%" for pasting. */
      msa_copy_row_set_value (rows[MSA_SETTING_FIELD_USERNAME],
                              _("Your full e-mail address, for example name@example.com"));
      msa_copy_row_set_copyable (rows[MSA_SETTING_FIELD_USERNAME], FALSE);
    }
  else
    {
      msa_copy_row_set_value (rows[MSA_SETTING_FIELD_USERNAME], username);
      msa_copy_row_set_copyable (rows[MSA_SETTING_FIELD_USERNAME], TRUE);
    }

  authentication = msa_setting_authentication_get_text (msa_server_get_authentication (server));
  gtk_widget_set_visible (GTK_WIDGET (rows[MSA_SETTING_FIELD_AUTHENTICATION]),
                          authentication != NULL);
  msa_copy_row_set_value (rows[MSA_SETTING_FIELD_AUTHENTICATION], authentication);
}

typedef enum
{
  FAILURE_NONE,
  FAILURE_HERE,         /* says nothing about the server: offline, this computer */
  FAILURE_SERVER,       /* the server does not work as these settings need */
  FAILURE_CERTIFICATE,  /* its certificate cannot be trusted */
} Failure;

/* The worst kind of failure among the servers checked. */
static Failure
worst_failure (MsaProfileCheck *check)
{
  GListModel *checks = msa_profile_check_get_checks (check);
  Failure worst = FAILURE_NONE;

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(MsaServerCheck) server_check = g_list_model_get_item (checks, i);
      MsaCheckError code;
      Failure failure;

      if (msa_server_check_get_state (server_check) != MSA_CHECK_STATE_FAILED
          || !msa_server_check_get_error_code (server_check, &code))
        continue;
      switch (code)
        {
        case MSA_CHECK_ERROR_CERTIFICATE_UNTRUSTED:
        case MSA_CHECK_ERROR_CERTIFICATE_HOSTNAME_MISMATCH:
        case MSA_CHECK_ERROR_CERTIFICATE_EXPIRED:
        case MSA_CHECK_ERROR_CERTIFICATE_NOT_YET_VALID:
        case MSA_CHECK_ERROR_CERTIFICATE_INSECURE:
          failure = FAILURE_CERTIFICATE;
          break;
        case MSA_CHECK_ERROR_NETWORK_UNREACHABLE:
        case MSA_CHECK_ERROR_LOCAL_ERROR:
        case MSA_CHECK_ERROR_CANCELLED:
          failure = FAILURE_HERE;
          break;
        case MSA_CHECK_ERROR_RESOLVE_FAILED:
          /* Offline, every name fails; the profile's names are not wrong
           * for that. */
          failure = g_network_monitor_get_network_available (g_network_monitor_get_default ())
                    ? FAILURE_SERVER : FAILURE_HERE;
          break;
        default:
          failure = FAILURE_SERVER;
          break;
        }
      worst = MAX (worst, failure);
    }
  return worst;
}

/* What the failed check means for these settings, in words that never
 * tell the user to accept what a mail program must refuse. */
static const char *
failure_text (MsaWizardState *state,
              Failure         failure)
{
  gboolean from_file = msa_wizard_state_get_profile_file (state) != NULL;

  switch (failure)
    {
    case FAILURE_CERTIFICATE:
      if (from_file)
        return _("A server’s certificate failed the check. Do not accept a certificate exception in "
                 "your mail program: anyone on the way could then read your password. The provider "
                 "has to fix the certificate – or the settings file names the wrong servers: use "
                 "only a file that comes from your provider.");
      return _("A server’s certificate failed the check. Do not accept a certificate exception in "
               "your mail program: anyone on the way could then read your password. The provider "
               "has to fix the certificate; until then, wait before you change these settings.");
    case FAILURE_SERVER:
      if (from_file)
        return _("The server check did not pass, and the mail program would run into the same "
                 "problem with these settings. The check page says what it is; the provider has to "
                 "solve it, or the settings file is wrong.");
      return _("The server check did not pass, and the mail program would run into the same "
               "problem with these settings. The check page says what it is and who can solve it.");
    case FAILURE_HERE:
    case FAILURE_NONE:
    default:
      return _("The server check did not pass. These settings are still the right ones, but the "
               "mail program may not connect until the problem shown on the check page is solved.");
    }
}

static void
update (MsaSettingsPage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  MsaProfileCheck *check;
  MsaMailClientId client;
  g_autofree char *heading = NULL;

  if (state == NULL)
    {
      update_group (self, 0, NULL);
      update_group (self, 1, NULL);
      return;
    }

  client = msa_wizard_state_get_mail_client (state);
  if (client == MSA_MAIL_CLIENT_OTHER)
    heading = g_strdup (_("Enter These Settings in Your Mail Program"));
  else
    /* Translators: %s is a mail program, e.g. "Thunderbird" */
    heading = g_strdup_printf (_("Enter These Settings in %s"), msa_mail_client_get_name (client));
  gtk_label_set_text (self->heading_label, heading);
  gtk_label_set_text (self->intro_label,
                      _("Each value has a button beside it that copies it, ready to paste."));

  update_group (self, 0, msa_wizard_state_get_incoming_server (state));
  update_group (self, 1, msa_wizard_state_get_outgoing_server (state));

  check = msa_wizard_state_get_check (state);
  gtk_widget_set_visible (self->check_failed_box,
                          check != NULL && !msa_profile_check_get_passed (check) &&
                          g_list_model_get_n_items (msa_profile_check_get_checks (check)) > 0);
  if (check != NULL)
    gtk_label_set_text (self->check_failed_label, failure_text (state, worst_failure (check)));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            msa_wizard_state_get_profile (state) != NULL);
}

static void
on_state_changed_cb (MsaSettingsPage *self)
{
  update (self);
}

static void
connect_state (MsaSettingsPage *self)
{
  static const char * const watched[] = {
    "notify::profile", "notify::incoming-protocol", "notify::mail-client",
    "notify::email-address", "notify::check",
  };
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
      g_signal_connect_object (state, watched[i], G_CALLBACK (on_state_changed_cb), self,
                               G_CONNECT_SWAPPED);

  update (self);
}

static void
msa_settings_page_shown (MsaPage *page)
{
  update (MSA_SETTINGS_PAGE (page));
}

static void
on_copy_all_button_clicked_cb (MsaSettingsPage *self)
{
  msa_settings_page_copy_all (self);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  MsaSettingsPage *self = MSA_SETTINGS_PAGE (source);
  GFile *file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (!msa_settings_page_save_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why, e.g. "Permission denied" */
          text = g_strdup_printf (_("Could not save the file: %s"), error->message);
          msa_page_add_toast (MSA_PAGE (self), self->toast_overlay, GTK_WIDGET (self->save_button), text);
        }
      g_object_unref (file);
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Saved as “%s”"), name);
  msa_page_add_toast (MSA_PAGE (self), self->toast_overlay, GTK_WIDGET (self->save_button), text);
  g_object_unref (file);
}

static void
save_to (MsaSettingsPage *self,
         GFile           *file)
{
  g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  self->save_cancellable = g_cancellable_new ();

  msa_settings_page_save_async (self, file, self->save_cancellable,
                                on_saved_cb, g_object_ref (file));
}

static char *
suggested_file_name (MsaSettingsPage *self)
{
  MsaProfile *profile = msa_wizard_state_get_profile (msa_page_get_state (MSA_PAGE (self)));
  const char *domain = msa_profile_get_domain (profile);

  /* Thunderbird's own name for an autoconfig file is config-v1.1.xml;
   * the domain makes it recognisable in a downloads folder. */
  if (domain != NULL && domain[0] != '\0' && strchr (domain, '/') == NULL)
    return g_strdup_printf ("%s.xml", domain);

  return g_strdup ("config-v1.1.xml");
}

static void
on_file_chosen_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MsaSettingsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = msa_file_chooser_run_finish (result, &error);

  if (file != NULL)
    save_to (self, file);
}

static void
choose_file (MsaSettingsPage *self)
{
  g_autofree char *name = suggested_file_name (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Autoconfig files (XML)"));
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_filter_add_mime_type (filter, "application/xml");
  msa_file_chooser_run_async (GTK_WIDGET (self), MSA_FILE_CHOOSER_SAVE, _("Save as Autoconfig File"),
                              _("_Save"), filter, name, msa_page_get_cancellable (MSA_PAGE (self)),
                              on_file_chosen_cb, g_object_ref (self));
}

static void
on_save_button_clicked_cb (MsaSettingsPage *self)
{
  choose_file (self);
}

static void
msa_settings_page_dispose (GObject *object)
{
  MsaSettingsPage *self = MSA_SETTINGS_PAGE (object);

  g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);

  /* The toast overlay is both a template child and the AdwBin's child:
   * let the bin drop it first, or the template's disposal unparents it
   * behind AdwBin's back and AdwBin's own dispose then unparents a
   * finalized widget (GTK 4.8, libadwaita 1.2). */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), MSA_TYPE_SETTINGS_PAGE);

  G_OBJECT_CLASS (msa_settings_page_parent_class)->dispose (object);
}

/* The state is construct-only (MsaPage:state): connect to it once. */
static void
msa_settings_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (msa_settings_page_parent_class)->constructed (object);

  connect_state (MSA_SETTINGS_PAGE (object));
}

static void
msa_settings_page_class_init (MsaSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MsaPageClass *page_class = MSA_PAGE_CLASS (klass);

  object_class->constructed = msa_settings_page_constructed;
  object_class->dispose = msa_settings_page_dispose;

  page_class->shown = msa_settings_page_shown;

  g_type_ensure (MSA_TYPE_COPY_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msa-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaSettingsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MsaSettingsPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, MsaSettingsPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, MsaSettingsPage, check_failed_box);
  gtk_widget_class_bind_template_child (widget_class, MsaSettingsPage, check_failed_label);
  gtk_widget_class_bind_template_child (widget_class, MsaSettingsPage, incoming_group);
  gtk_widget_class_bind_template_child (widget_class, MsaSettingsPage, outgoing_group);
  gtk_widget_class_bind_template_child (widget_class, MsaSettingsPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, MsaSettingsPage, copy_all_button);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_all_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);
}

static void
msa_settings_page_init (MsaSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  build_rows (self);

  update (self);
}

/**
 * msa_settings_page_new:
 * @state: (nullable): the wizard state the page shows; %NULL for its own
 *
 * Returns: (transfer full): a new #MsaSettingsPage
 */
GtkWidget *
msa_settings_page_new (MsaWizardState *state)
{
  return g_object_new (MSA_TYPE_SETTINGS_PAGE, "state", state, NULL);
}

/**
 * msa_settings_page_get_row:
 * @self: a #MsaSettingsPage
 * @incoming: %TRUE for the incoming server's group, %FALSE for the outgoing
 * @row: which row
 *
 * Returns: (transfer none): the row
 */
MsaCopyRow *
msa_settings_page_get_row (MsaSettingsPage *self,
                           gboolean         incoming,
                           MsaSettingField   row)
{
  g_return_val_if_fail (MSA_IS_SETTINGS_PAGE (self), NULL);
  g_return_val_if_fail (row < MSA_SETTING_N_FIELDS, NULL);

  return self->rows[incoming ? 0 : 1][row];
}

/**
 * msa_settings_page_get_check_failure_text:
 * @self: a #MsaSettingsPage
 *
 * Returns: (nullable): what the page says about a failed check, or %NULL
 *   when it says nothing
 */
const char *
msa_settings_page_get_check_failure_text (MsaSettingsPage *self)
{
  g_return_val_if_fail (MSA_IS_SETTINGS_PAGE (self), NULL);

  if (!gtk_widget_get_visible (self->check_failed_box))
    return NULL;
  return gtk_label_get_text (self->check_failed_label);
}

/**
 * msa_settings_page_get_shows_check_failure:
 * @self: a #MsaSettingsPage
 *
 * Returns: whether the page says that the server check did not pass
 */
gboolean
msa_settings_page_get_shows_check_failure (MsaSettingsPage *self)
{
  g_return_val_if_fail (MSA_IS_SETTINGS_PAGE (self), FALSE);

  return gtk_widget_get_visible (self->check_failed_box);
}

static void
append_group_text (MsaSettingsPage *self,
                   GString         *text,
                   guint            index)
{
  AdwPreferencesGroup *group = index == 0 ? self->incoming_group : self->outgoing_group;

  if (!gtk_widget_get_visible (GTK_WIDGET (group)))
    return;

  g_string_append_printf (text, "\n%s\n", adw_preferences_group_get_title (group));
  for (guint r = 0; r < MSA_SETTING_N_FIELDS; r++)
    {
      MsaCopyRow *row = self->rows[index][r];

      if (!gtk_widget_get_visible (GTK_WIDGET (row)))
        continue;

      /* Translators: one line of "Copy All": a setting and its value */
      g_string_append_printf (text, _("  %s: %s\n"),
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              msa_copy_row_get_value (row));
    }
}

/**
 * msa_settings_page_dup_all_text:
 * @self: a #MsaSettingsPage
 *
 * Every value of the page as one block of text in the UI language, with
 * the mail program's own names for the settings.
 *
 * Returns: (transfer full): the text
 */
char *
msa_settings_page_dup_all_text (MsaSettingsPage *self)
{
  MsaWizardState *state;
  MsaProfile *profile;
  GString *text;

  g_return_val_if_fail (MSA_IS_SETTINGS_PAGE (self), NULL);

  update (self);

  state = msa_page_get_state (MSA_PAGE (self));
  profile = state != NULL ? msa_wizard_state_get_profile (state) : NULL;

  text = g_string_new (NULL);
  if (profile != NULL && msa_profile_get_display_name (profile) != NULL)
    /* Translators: first line of "Copy All"; %s is the provider, e.g. "domainFACTORY" */
    g_string_append_printf (text, _("Settings for encrypted mail connections to %s\n"),
                            msa_profile_get_display_name (profile));
  else
    g_string_append_printf (text, "%s\n", _("Settings for encrypted mail connections"));
  if (state != NULL && msa_wizard_state_get_mail_client (state) == MSA_MAIL_CLIENT_OTHER)
    /* Translators: second line of "Copy All" when no mail program was chosen */
    g_string_append (text, _("Names of the settings in general words; your program may use others\n"));
  else if (state != NULL)
    /* Translators: second line of "Copy All"; %s is a mail program */
    g_string_append_printf (text, _("Names of the settings as in %s\n"),
                            msa_mail_client_get_name (msa_wizard_state_get_mail_client (state)));

  append_group_text (self, text, 0);
  append_group_text (self, text, 1);

  return g_string_free (text, FALSE);
}

/**
 * msa_settings_page_copy_all:
 * @self: a #MsaSettingsPage
 *
 * Copies msa_settings_page_dup_all_text() and says so in a toast.
 */
void
msa_settings_page_copy_all (MsaSettingsPage *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MSA_IS_SETTINGS_PAGE (self));

  text = msa_settings_page_dup_all_text (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  msa_page_add_toast (MSA_PAGE (self), self->toast_overlay, GTK_WIDGET (self->copy_all_button),
                      _("All settings copied"));
}

/* Saving: write a temporary file beside the target, then rename it over
 * the target.  A rename within a directory is atomic, so the target is
 * either the old file or the whole new one, never half of it. */
typedef struct
{
  GFile *target;
  GFile *temporary;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->target);
  g_clear_object (&data->temporary);
  g_free (data);
}

static void
on_temporary_deleted_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* Nothing more to do if it is gone already. */
  g_file_delete_finish (G_FILE (source), result, NULL);
}

/* Removes the temporary file after a failure, then reports @error. */
static void
fail_and_clean_up (GTask  *task,
                   GError *error)
{
  SaveData *data = g_task_get_task_data (task);

  g_task_return_error (task, error);
  /* Not cancellable: the leftover must go even when the save was
   * cancelled. */
  g_file_delete_async (data->temporary, G_PRIORITY_DEFAULT, NULL,
                       on_temporary_deleted_cb, g_object_ref (task));
}

static void
on_moved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_move_finish (G_FILE (source), result, &error))
    {
      fail_and_clean_up (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_temporary_written_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      fail_and_clean_up (task, error);
      return;
    }

  g_file_move_async (data->temporary, data->target,
                     G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                     G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                     NULL, NULL,
                     on_moved_cb, g_object_ref (task));
}

/**
 * msa_settings_page_save_async:
 * @self: a #MsaSettingsPage
 * @file: where to save the profile
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Writes the state's provider profile to @file as Mozilla autoconfig
 * XML, atomically (a temporary file in the same folder, renamed over
 * @file).  The file reads back with msa_profile_new_from_file() to an
 * equal profile.
 */
void
msa_settings_page_save_async (MsaSettingsPage     *self,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *temporary_name = NULL;
  MsaWizardState *state;
  MsaProfile *profile;
  SaveData *data;
  char *xml;

  g_return_if_fail (MSA_IS_SETTINGS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msa_settings_page_save_async);

  state = msa_page_get_state (MSA_PAGE (self));
  profile = state != NULL ? msa_wizard_state_get_profile (state) : NULL;
  parent = g_file_get_parent (file);
  if (profile == NULL || parent == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "%s", _("There is nothing to save, or no folder to save it in"));
      return;
    }

  basename = g_file_get_basename (file);
  temporary_name = g_strdup_printf (".%s.%08x.tmp", basename, g_random_int ());

  data = g_new0 (SaveData, 1);
  data->target = g_object_ref (file);
  data->temporary = g_file_get_child (parent, temporary_name);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  xml = msa_profile_to_xml (profile);
  bytes = g_bytes_new_take (xml, strlen (xml));

  g_file_replace_contents_bytes_async (data->temporary, bytes, NULL, FALSE,
                                       G_FILE_CREATE_NONE, cancellable,
                                       on_temporary_written_cb, g_object_ref (task));
}

/**
 * msa_settings_page_save_finish:
 * @self: a #MsaSettingsPage
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: whether the file was written
 */
gboolean
msa_settings_page_save_finish (MsaSettingsPage  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (MSA_IS_SETTINGS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == msa_settings_page_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
