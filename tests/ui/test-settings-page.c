/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "msa-ui-test.h"
#include "msa-fake-server.h"
#include "msa-test-servers.h"
#include "msa-autoconfig.h"
#include "pages/msa-settings-page-private.h"

static MsaSettingsPage *
settings_page_new (MsaWizardState *state)
{
  GtkWidget *page = msa_settings_page_new (state);

  g_object_ref_sink (page);
  msa_page_shown (MSA_PAGE (page));

  return MSA_SETTINGS_PAGE (page);
}

static const char *
row_value (MsaSettingsPage *page,
           gboolean         incoming,
           MsaSettingField   row)
{
  return msa_copy_row_get_value (msa_settings_page_get_row (page, incoming, row));
}

static const char *
row_title (MsaSettingsPage *page,
           gboolean         incoming,
           MsaSettingField   row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (msa_settings_page_get_row (page, incoming, row)));
}

static void
test_settings_page_new_destroy (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  GtkWidget *page = g_object_ref_sink (msa_settings_page_new (state));

  g_assert_true (msa_page_get_complete (MSA_PAGE (page)));
  g_assert_nonnull (msa_page_get_title (MSA_PAGE (page)));
  msa_page_shown (MSA_PAGE (page));
  g_assert_finalize_object (page);
  g_assert_finalize_object (g_steal_pointer (&state));
}

static void
test_settings_page_imap (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaSettingsPage) page = NULL;

  msa_wizard_state_set_incoming_protocol (state, MSA_PROTOCOL_IMAP);
  page = settings_page_new (state);

  g_assert_cmpstr (row_value (page, TRUE, MSA_SETTING_FIELD_SERVER), ==, "sslin.df.eu");
  g_assert_cmpstr (row_value (page, TRUE, MSA_SETTING_FIELD_PORT), ==, "993");
  g_assert_cmpstr (row_value (page, FALSE, MSA_SETTING_FIELD_SERVER), ==, "sslout.df.eu");
  g_assert_cmpstr (row_value (page, FALSE, MSA_SETTING_FIELD_PORT), ==, "465");

  /* Thunderbird's own words for the SSL option, and plain words for the
   * authentication. */
  g_assert_cmpstr (row_title (page, TRUE, MSA_SETTING_FIELD_SECURITY), ==, "Connection security");
  g_assert_cmpstr (row_value (page, TRUE, MSA_SETTING_FIELD_SECURITY), ==, "SSL/TLS");
  g_assert_cmpstr (row_value (page, FALSE, MSA_SETTING_FIELD_SECURITY), ==, "SSL/TLS");
  g_assert_cmpstr (row_value (page, TRUE, MSA_SETTING_FIELD_AUTHENTICATION), ==, "Normal password");
}

static void
test_settings_page_pop3 (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaSettingsPage) page = settings_page_new (state);

  /* The page follows the state while it is shown. */
  msa_wizard_state_set_incoming_protocol (state, MSA_PROTOCOL_POP3);

  g_assert_cmpstr (row_value (page, TRUE, MSA_SETTING_FIELD_SERVER), ==, "sslin.df.eu");
  g_assert_cmpstr (row_value (page, TRUE, MSA_SETTING_FIELD_PORT), ==, "995");
  g_assert_cmpstr (row_value (page, FALSE, MSA_SETTING_FIELD_SERVER), ==, "sslout.df.eu");
  g_assert_cmpstr (row_value (page, FALSE, MSA_SETTING_FIELD_PORT), ==, "465");
}

static void
test_settings_page_mail_client_labels (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaSettingsPage) page = settings_page_new (state);

  for (MsaMailClientId id = 0; id < MSA_MAIL_CLIENT_N_CLIENTS; id++)
    {
      msa_wizard_state_set_mail_client (state, id);

      const char *field = msa_mail_client_get_security_field (id);
      const char *title = row_title (page, TRUE, MSA_SETTING_FIELD_SECURITY);

      /* The program's own words, capitalised where they start a row. */
      g_assert_cmpstr (g_utf8_next_char (title), ==, g_utf8_next_char (field));
      g_assert_cmpuint (g_utf8_get_char (title), ==, g_unichar_totitle (g_utf8_get_char (field)));
      /* A check box's "ticked" is read, not pasted. */
      g_assert_true (msa_copy_row_get_copyable (msa_settings_page_get_row (page, TRUE, MSA_SETTING_FIELD_SECURITY))
                     == !msa_mail_client_security_is_checkbox (id));
      g_assert_cmpstr (row_value (page, TRUE, MSA_SETTING_FIELD_SECURITY), ==,
                       msa_mail_client_get_ssl_value (id));
      g_assert_cmpstr (row_value (page, FALSE, MSA_SETTING_FIELD_SECURITY), ==,
                       msa_mail_client_get_ssl_value (id));
      /* The port is the profile's whatever the program. */
      g_assert_cmpstr (row_value (page, TRUE, MSA_SETTING_FIELD_PORT), ==, "993");
    }
}

static void
test_settings_page_username (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaSettingsPage) page = settings_page_new (state);
  MsaCopyRow *row = msa_settings_page_get_row (page, TRUE, MSA_SETTING_FIELD_USERNAME);

  /* No address given: an explanation, nothing to paste. */
  g_assert_false (msa_copy_row_get_copyable (row));
  g_assert_null (strstr (msa_copy_row_get_value (row), "%EMAILADDRESS%"));

  msa_wizard_state_set_email_address (state, "anna@example.com");
  g_assert_true (msa_copy_row_get_copyable (row));
  g_assert_cmpstr (msa_copy_row_get_value (row), ==, "anna@example.com");
  g_assert_cmpstr (row_value (page, FALSE, MSA_SETTING_FIELD_USERNAME), ==, "anna@example.com");
}

static void
count_copy (guint *count)
{
  (*count)++;
}

static void
test_settings_page_copy_button (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaSettingsPage) page = settings_page_new (state);
  GtkWidget *window = gtk_window_new ();
  guint copied = 0;
  g_autofree char *port = NULL;
  g_autofree char *server = NULL;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));

  for (guint g = 0; g < 2; g++)
    for (MsaSettingField r = 0; r < MSA_SETTING_N_FIELDS; r++)
      g_signal_connect_swapped (msa_settings_page_get_row (page, g == 0, r), "copied",
                                G_CALLBACK (count_copy), &copied);

  /* Activating a row (Enter on it) presses its copy button. */
  gtk_widget_activate (GTK_WIDGET (msa_settings_page_get_row (page, TRUE, MSA_SETTING_FIELD_PORT)));
  g_assert_true (msa_ui_test_wait_count (&copied, 1, 10));
  port = msa_ui_test_read_clipboard (GTK_WIDGET (page));
  g_assert_cmpstr (port, ==, "993");

  gtk_widget_activate (GTK_WIDGET (msa_settings_page_get_row (page, FALSE, MSA_SETTING_FIELD_SERVER)));
  g_assert_true (msa_ui_test_wait_count (&copied, 2, 10));
  server = msa_ui_test_read_clipboard (GTK_WIDGET (page));
  g_assert_cmpstr (server, ==, "sslout.df.eu");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* "Other mail program" is a choice, not a name for a sentence. */
static void
test_settings_page_other_program (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaSettingsPage) page = NULL;
  g_autofree char *text = NULL;

  msa_wizard_state_set_mail_client (state, MSA_MAIL_CLIENT_OTHER);
  page = settings_page_new (state);
  text = msa_settings_page_dup_all_text (page);
  g_assert_null (strstr (text, "Other mail program"));
  g_assert_nonnull (strstr (text, "general words"));
}

static void
test_settings_page_copy_all (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaSettingsPage) page = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copied = NULL;

  msa_wizard_state_set_email_address (state, "anna@example.com");
  page = settings_page_new (state);

  msa_settings_page_copy_all (page);
  copied = msa_ui_test_read_clipboard (GTK_WIDGET (page));
  text = msa_settings_page_dup_all_text (page);
  g_assert_cmpstr (copied, ==, text);

  g_assert_nonnull (strstr (text, "domainFACTORY"));
  g_assert_nonnull (strstr (text, "Incoming Mail (IMAP)"));
  g_assert_nonnull (strstr (text, "Outgoing Mail (SMTP)"));
  for (guint g = 0; g < 2; g++)
    for (MsaSettingField r = 0; r < MSA_SETTING_N_FIELDS; r++)
      {
        g_autofree char *line = g_strdup_printf ("%s: %s\n",
                                                 row_title (page, g == 0, r),
                                                 row_value (page, g == 0, r));

        g_assert_nonnull (strstr (text, line));
      }
  g_assert_nonnull (strstr (text, "Server name: sslin.df.eu\n"));
  g_assert_nonnull (strstr (text, "Port: 993\n"));
  g_assert_nonnull (strstr (text, "Server name: sslout.df.eu\n"));
  g_assert_nonnull (strstr (text, "Port: 465\n"));
  g_assert_nonnull (strstr (text, "Connection security: SSL/TLS\n"));
  g_assert_nonnull (strstr (text, "User name: anna@example.com\n"));
  g_assert_nonnull (strstr (text, "Authentication: Normal password\n"));
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SaveResult;

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = msa_settings_page_save_finish (MSA_SETTINGS_PAGE (source), result, &save->error);
  save->done = TRUE;
}

static void
save (MsaSettingsPage *page,
      GFile           *file)
{
  SaveResult result = { FALSE, FALSE, NULL };

  msa_settings_page_save_async (page, file, NULL, on_saved_cb, &result);
  g_assert_true (msa_ui_test_wait (&result.done, 30));
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
test_settings_page_save (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaSettingsPage) page = settings_page_new (state);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("msa-test-save-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MsaProfile) read_back = NULL;
  g_autoptr(MsaProfile) pop3_read_back = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "df.eu.xml", NULL);
  file = g_file_new_for_path (path);

  save (page, file);
  read_back = msa_profile_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_true (msa_profile_equal (read_back, msa_wizard_state_get_profile (state)));
  g_assert_cmpstr (msa_server_get_hostname (msa_profile_find_server (read_back, MSA_PROTOCOL_POP3,
                                                                     MSA_SECURITY_SSL)),
                   ==, "sslin.df.eu");

  /* Saving over an existing file replaces it whole and leaves no
   * temporary file behind. */
  g_assert_true (g_file_set_contents (path, "half a file", -1, NULL));
  save (page, file);
  pop3_read_back = msa_profile_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_true (msa_profile_equal (pop3_read_back, msa_wizard_state_get_profile (state)));
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_settings_page_save_fails_cleanly (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaSettingsPage) page = settings_page_new (state);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-msa-dir/df.eu.xml");
  SaveResult result = { FALSE, FALSE, NULL };

  msa_settings_page_save_async (page, file, NULL, on_saved_cb, &result);
  g_assert_true (msa_ui_test_wait (&result.done, 30));
  g_assert_false (result.ok);
  g_assert_nonnull (result.error);
  g_clear_error (&result.error);
  g_assert_false (g_file_query_exists (file, NULL));
}

static void
test_settings_page_check_failure (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaSettingsPage) page = settings_page_new (state);
  g_autoptr(MsaProfile) profile = msa_profile_new ("localhost", "Test provider");
  /* Nothing listens on port 1 of the loopback: refused at once. */
  g_autoptr(MsaServer) server = msa_server_new (MSA_PROTOCOL_IMAP, "localhost", 1,
                                                MSA_SECURITY_SSL);
  g_autoptr(MsaProfileCheck) check = NULL;

  g_assert_false (msa_settings_page_get_shows_check_failure (page));

  msa_profile_add_server (profile, server);
  check = msa_profile_check_new (profile, NULL, 5);
  g_assert_true (msa_ui_test_run_profile_check (check, 30));
  g_assert_false (msa_profile_check_get_passed (check));

  /* The failure stays in sight on the settings page ... */
  msa_wizard_state_set_check (state, check);
  g_assert_true (msa_settings_page_get_shows_check_failure (page));
  /* ... and the values are still the profile's. */
  g_assert_cmpstr (row_value (page, TRUE, MSA_SETTING_FIELD_PORT), ==, "993");
  /* A refusing server is a problem of the server: the settings are not
   * called right regardless. */
  g_assert_nonnull (strstr (msa_settings_page_get_check_failure_text (page), "same problem"));
  g_assert_null (strstr (msa_settings_page_get_check_failure_text (page), "still the right ones"));

  msa_wizard_state_set_check (state, NULL);
  g_assert_false (msa_settings_page_get_shows_check_failure (page));
}

/* A certificate that fails: never "the settings are right anyway", but
 * no certificate exception, and the provider must fix it (or the file
 * is wrong). */
static void
test_settings_page_certificate_failure (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaSettingsPage) page = settings_page_new (state);
  g_autofree char *dir = g_dir_make_tmp ("msa-test-settings-XXXXXX", NULL);
  g_autofree char *cert_file = g_build_filename (dir, "good.pem", NULL);
  g_autofree char *key_file = g_build_filename (dir, "server.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(MsaFakeServer) server = NULL;
  g_autoptr(MsaProfile) profile = msa_profile_new ("localhost", "Test provider");
  g_autoptr(MsaServer) imap = NULL;
  g_autoptr(MsaProfileCheck) check = NULL;
  MsaCheckError code;
  g_autoptr(MsaServerCheck) server_check = NULL;
  const char *text;

  g_assert_true (msa_test_make_certificates (dir, &error));
  certificate = g_tls_certificate_new_from_files (cert_file, key_file, &error);
  g_assert_no_error (error);
  server = msa_fake_server_new_tls (MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS, certificate, &error);
  g_assert_no_error (error);
  imap = msa_server_new (MSA_PROTOCOL_IMAP, "localhost", msa_fake_server_get_port (server), MSA_SECURITY_SSL);
  msa_profile_add_server (profile, imap);

  /* The system's trust store knows nothing of the test CA. */
  check = msa_profile_check_new (profile, NULL, 5);
  g_assert_true (msa_ui_test_run_profile_check (check, 30));
  server_check = g_list_model_get_item (msa_profile_check_get_checks (check), 0);
  g_assert_true (msa_server_check_get_error_code (server_check, &code));
  g_assert_cmpint (code, ==, MSA_CHECK_ERROR_CERTIFICATE_UNTRUSTED);

  msa_wizard_state_set_profile (state, profile, FALSE);
  msa_wizard_state_set_check (state, check);
  text = msa_settings_page_get_check_failure_text (page);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Do not accept a certificate exception"));
  g_assert_nonnull (strstr (text, "provider has to fix the certificate"));
  g_assert_null (strstr (text, "still the right ones"));
  g_assert_null (strstr (text, "settings file"));

  /* From a file: it may name the wrong servers. */
  msa_wizard_state_set_profile_file (state, "/tmp/provider.xml");
  msa_wizard_state_set_check (state, NULL);
  msa_wizard_state_set_check (state, check);
  g_assert_nonnull (strstr (msa_settings_page_get_check_failure_text (page), "settings file names the wrong servers"));

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  msa_ui_test_init (&argc, &argv);

  g_test_add_func ("/settings-page/new-destroy", test_settings_page_new_destroy);
  g_test_add_func ("/settings-page/imap", test_settings_page_imap);
  g_test_add_func ("/settings-page/pop3", test_settings_page_pop3);
  g_test_add_func ("/settings-page/mail-client-labels", test_settings_page_mail_client_labels);
  g_test_add_func ("/settings-page/username", test_settings_page_username);
  g_test_add_func ("/settings-page/copy-button", test_settings_page_copy_button);
  g_test_add_func ("/settings-page/copy-all", test_settings_page_copy_all);
  g_test_add_func ("/settings-page/check-failure", test_settings_page_check_failure);
  g_test_add_func ("/settings-page/other-program", test_settings_page_other_program);
  g_test_add_func ("/settings-page/certificate-failure", test_settings_page_certificate_failure);
  g_test_add_func ("/settings-page/save", test_settings_page_save);
  g_test_add_func ("/settings-page/save-fails-cleanly", test_settings_page_save_fails_cleanly);

  return g_test_run ();
}
