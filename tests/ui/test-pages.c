/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pages one by one: new→destroy, and what each computes from
 * the wizard state. */
#include "config.h"

#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "msa-page.h"
#include "msa-wizard-state.h"
#include "pages/msa-account-type-page.h"
#include "pages/msa-current-settings-page-private.h"
#include "pages/msa-done-page-private.h"
#include "msa-fake-server.h"
#include "pages/msa-welcome-page-private.h"
#include "pages/msa-why-page.h"
#include "msa-ui-test.h"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_page_new_destroy (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaPage *page = g_object_ref_sink (g_object_new (MSA_TYPE_PAGE, "state", state, NULL));
  guint count = 0;

  g_signal_connect (page, "notify::complete", G_CALLBACK (count_notify_cb), &count);
  g_assert_false (msa_page_get_complete (page));
  msa_page_set_complete (page, TRUE);
  msa_page_set_complete (page, TRUE);
  g_assert_cmpuint (count, ==, 1);
  msa_page_set_title (page, "Title");
  g_assert_cmpstr (msa_page_get_title (page), ==, "Title");
  g_assert_true (msa_page_get_state (page) == state);
  g_assert_nonnull (msa_page_get_cancellable (page));
  msa_page_shown (page);
  msa_page_hidden (page);

  g_assert_finalize_object (page);
}

static void
test_page_class_new_destroy (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaPage *page = g_object_ref_sink (g_object_new (type, "state", state, NULL));

  g_assert_nonnull (msa_page_get_title (page));
  msa_page_shown (page);
  g_assert_true (msa_page_get_complete (page));
  msa_page_hidden (page);

  g_assert_finalize_object (page);
}

static char *
changes_for (MsaProtocol protocol,
             guint       in_port,
             guint       out_port)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaPage *page = g_object_ref_sink (g_object_new (MSA_TYPE_CURRENT_SETTINGS_PAGE, "state", state, NULL));
  char *changes;

  msa_wizard_state_set_incoming_protocol (state, protocol);
  msa_wizard_state_set_current_incoming_host (state, "mail.df.eu");
  msa_wizard_state_set_current_incoming_port (state, in_port);
  msa_wizard_state_set_current_outgoing_host (state, "smtp.df.eu");
  msa_wizard_state_set_current_outgoing_port (state, out_port);
  msa_page_shown (page);
  changes = msa_current_settings_page_dup_changes (MSA_CURRENT_SETTINGS_PAGE (page));
  g_test_message ("%s", changes);

  g_assert_finalize_object (page);
  return changes;
}

static void
test_current_settings_changes (void)
{
  g_autofree char *imap = changes_for (MSA_PROTOCOL_IMAP, 143, 25);
  g_autofree char *pop3 = changes_for (MSA_PROTOCOL_POP3, 110, 587);
  g_autofree char *done = changes_for (MSA_PROTOCOL_IMAP, 993, 465);

  g_assert_nonnull (strstr (imap, "143 → 993"));
  g_assert_nonnull (strstr (imap, "25 → 465"));
  g_assert_nonnull (strstr (imap, "mail.df.eu → sslin.df.eu"));
  g_assert_nonnull (strstr (imap, "smtp.df.eu → sslout.df.eu"));
  /* Thunderbird's own labels, the default program. */
  g_assert_nonnull (strstr (imap, "None → SSL/TLS"));
  g_assert_nonnull (strstr (pop3, "110 → 995"));
  g_assert_nonnull (strstr (pop3, "587 → 465"));
  /* Right ports are not listed as changes. */
  g_assert_null (strstr (done, "993 →"));
  g_assert_null (strstr (done, "465 →"));
  g_assert_nonnull (strstr (done, "None → SSL/TLS"));
}

static void
test_current_settings_typed (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaPage *page = g_object_ref_sink (g_object_new (MSA_TYPE_CURRENT_SETTINGS_PAGE, "state", state, NULL));
  GtkEditable *port_row;
  g_autofree char *changes = NULL;

  msa_page_shown (page);
  port_row = GTK_EDITABLE ((GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (page),
                                                          MSA_TYPE_CURRENT_SETTINGS_PAGE,
                                                          "outgoing_port_row"));
  gtk_editable_set_text (port_row, "587");
  g_assert_cmpuint (msa_wizard_state_get_current_outgoing_port (state), ==, 587);
  changes = msa_current_settings_page_dup_changes (MSA_CURRENT_SETTINGS_PAGE (page));
  g_assert_nonnull (strstr (changes, "587 → 465"));
  g_assert_true (msa_page_get_complete (page));

  /* Not a port: the page says so and does not let the user go on. */
  gtk_editable_set_text (port_row, "58x");
  g_assert_false (msa_page_get_complete (page));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (port_row), "error"));
  gtk_editable_set_text (port_row, "");
  g_assert_true (msa_page_get_complete (page));

  g_assert_finalize_object (page);
}

/* Every field that turns red says why, next to it: a port that is no
 * number or out of range (refused, not changed into the nearest), a
 * server name given as a URL (its name offered) or with a space. */
static void
test_current_settings_problems (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaPage *page = g_object_ref_sink (g_object_new (MSA_TYPE_CURRENT_SETTINGS_PAGE, "state", state, NULL));
  MsaCurrentSettingsPage *current = MSA_CURRENT_SETTINGS_PAGE (page);
  GtkEditable *host_row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page), MSA_TYPE_CURRENT_SETTINGS_PAGE,
                                                                       "incoming_host_row"));
  GtkEditable *port_row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page), MSA_TYPE_CURRENT_SETTINGS_PAGE,
                                                                       "incoming_port_row"));
  GtkWidget *fix = NULL;

  msa_page_shown (page);
  g_assert_null (msa_current_settings_page_get_problem (current, TRUE));

  gtk_editable_set_text (port_row, "70000");
  g_assert_cmpstr (msa_current_settings_page_get_problem (current, TRUE), ==, "A port is a number from 1 to 65535.");
  g_assert_cmpstr (gtk_editable_get_text (port_row), ==, "70000");
  g_assert_cmpuint (msa_wizard_state_get_current_incoming_port (state), ==, 0);
  g_assert_false (msa_page_get_complete (page));
  gtk_editable_set_text (port_row, "0");
  g_assert_cmpstr (msa_current_settings_page_get_problem (current, TRUE), ==, "A port is a number from 1 to 65535.");
  gtk_editable_set_text (port_row, "mail.example.com");
  g_assert_cmpstr (msa_current_settings_page_get_problem (current, TRUE), ==, "A port is a number, such as 993.");
  gtk_editable_set_text (port_row, "143");
  g_assert_null (msa_current_settings_page_get_problem (current, TRUE));

  gtk_editable_set_text (host_row, "http://mail.example.com/webmail");
  g_assert_nonnull (strstr (msa_current_settings_page_get_problem (current, TRUE), "“http://”"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (host_row), "error"));
  /* The name inside is offered: one click puts it in. */
  {
    GtkWidget *stack[64];
    guint depth = 0;

    stack[depth++] = GTK_WIDGET (host_row);
    while (depth > 0 && fix == NULL)
      {
        GtkWidget *w = stack[--depth];

        if (GTK_IS_BUTTON (w) && gtk_widget_get_visible (w)
            && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "Use “mail.example.com”") == 0)
          fix = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && depth < G_N_ELEMENTS (stack);
             c = gtk_widget_get_next_sibling (c))
          stack[depth++] = c;
      }
  }
  g_assert_nonnull (fix);
  g_signal_emit_by_name (fix, "clicked");
  g_assert_cmpstr (gtk_editable_get_text (host_row), ==, "mail.example.com");
  g_assert_null (msa_current_settings_page_get_problem (current, TRUE));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (host_row), "error"));

  gtk_editable_set_text (host_row, "mail example.com");
  g_assert_cmpstr (msa_current_settings_page_get_problem (current, TRUE), ==, "A server name has no spaces.");
  gtk_editable_set_text (host_row, "mail.example.com:993");
  g_assert_cmpstr (msa_current_settings_page_get_problem (current, TRUE), ==,
                   "Enter the port in its own field, not after the server name.");
  gtk_editable_set_text (host_row, "");

  g_assert_finalize_object (page);
}

/* The welcome page's typed ports: 70000 stays 70000 and is refused. */
static void
test_welcome_port_out_of_range (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaWelcomePage *page = g_object_ref_sink (MSA_WELCOME_PAGE (msa_welcome_page_new (state)));
  GtkWidget *spin = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), MSA_TYPE_WELCOME_PAGE, "imap_port_spin"));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page), MSA_TYPE_WELCOME_PAGE,
                                                                                "manual_check")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page), MSA_TYPE_WELCOME_PAGE,
                                                                      "incoming_host_row")), "mail.example.com");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (page), MSA_TYPE_WELCOME_PAGE,
                                                                      "outgoing_host_row")), "mail.example.com");
  g_assert_true (msa_page_get_complete (MSA_PAGE (page)));

  gtk_editable_set_text (GTK_EDITABLE (spin), "70000");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 70000);
  g_assert_cmpstr (msa_welcome_page_get_error (page), ==, "A port is a number from 1 to 65535.");
  g_assert_false (msa_page_get_complete (MSA_PAGE (page)));
  g_assert_true (gtk_widget_has_css_class (spin, "error"));

  gtk_editable_set_text (GTK_EDITABLE (spin), "993");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_null (msa_welcome_page_get_error (page));
  g_assert_true (msa_page_get_complete (MSA_PAGE (page)));

  g_assert_finalize_object (page);
}

static void
test_welcome_bad_file (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaWelcomePage *page = g_object_ref_sink (MSA_WELCOME_PAGE (msa_welcome_page_new (state)));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  const char *bad = "<clientConfig version=\"1.1\"><emailProvider id=\"x\">";

  file = g_file_new_tmp ("msa-bad-XXXXXX.xml", &stream, &error);
  g_assert_no_error (error);
  g_file_replace_contents (file, bad, strlen (bad), NULL, FALSE, 0, NULL, NULL, &error);
  g_assert_no_error (error);

  msa_welcome_page_load_file (page, file);
  g_assert_true (msa_welcome_page_get_busy (page));
  /* While nothing is loaded, the page is not complete. */
  g_assert_false (msa_page_get_complete (MSA_PAGE (page)));
  /* Bounded: about 10 s at most. */
  for (guint i = 0; i < 10000 && msa_welcome_page_get_busy (page); i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_false (msa_welcome_page_get_busy (page));
  g_assert_nonnull (msa_welcome_page_get_error (page));
  g_test_message ("error shown: %s", msa_welcome_page_get_error (page));
  g_assert_false (msa_page_get_complete (MSA_PAGE (page)));
  /* Also in the file's row, which is in view at any window size. */
  {
    GtkWidget *row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), MSA_TYPE_WELCOME_PAGE,
                                                                "file_chooser_row"));

    g_assert_true (gtk_widget_has_css_class (row, "error"));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "This file cannot be used");
    g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  }
  /* The provider stays the built-in one. */
  g_assert_true (msa_wizard_state_get_builtin_profile (state));

  g_file_delete (file, NULL, NULL);
  g_assert_finalize_object (page);
}

static void
test_welcome_good_file (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaWelcomePage *page = g_object_ref_sink (MSA_WELCOME_PAGE (msa_welcome_page_new (state)));
  g_autofree char *path = g_build_filename (g_getenv ("MSA_SOURCE_ROOT"), "data", "providers",
                                            "df.eu.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  msa_welcome_page_load_file (page, file);
  for (guint i = 0; i < 10000 && msa_welcome_page_get_busy (page); i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_false (msa_welcome_page_get_busy (page));
  g_assert_null (msa_welcome_page_get_error (page));
  g_assert_true (msa_page_get_complete (MSA_PAGE (page)));
  /* The file's profile is the provider now, and remembered by its path. */
  g_assert_false (msa_wizard_state_get_builtin_profile (state));
  g_assert_cmpstr (msa_wizard_state_get_profile_file (state), ==, path);
  g_assert_cmpstr (msa_server_get_hostname (msa_wizard_state_get_incoming_server (state)), ==, "sslin.df.eu");

  /* Back to the built-in profile with one click. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page), MSA_TYPE_WELCOME_PAGE,
                                                                                "builtin_check")), TRUE);
  g_assert_true (msa_wizard_state_get_builtin_profile (state));
  g_assert_null (msa_wizard_state_get_profile_file (state));

  g_assert_finalize_object (page);
}

/* A file with only an outgoing server: the welcome page says what it
 * lacks, and the account-type page offers no IMAP or POP3 to choose. */
static void
test_outgoing_only_file (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaWelcomePage *page = g_object_ref_sink (MSA_WELCOME_PAGE (msa_welcome_page_new (state)));
  MsaPage *account_type = g_object_ref_sink (MSA_PAGE (msa_account_type_page_new (state)));
  g_autofree char *dir = g_dir_make_tmp ("msa-test-pages-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "smtp-only.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *imap_check;
  GtkWidget *pop3_check;
  GtkWidget *label;

  g_assert_true (g_file_set_contents (path,
                                      "<clientConfig version=\"1.1\"><emailProvider id=\"out.example\">"
                                      "<domain>out.example</domain><displayName>Out</displayName>"
                                      "<outgoingServer type=\"smtp\"><hostname>smtp.out.example</hostname>"
                                      "<port>465</port><socketType>SSL</socketType></outgoingServer>"
                                      "</emailProvider></clientConfig>", -1, NULL));
  msa_welcome_page_load_file (page, file);
  for (guint i = 0; i < 10000 && msa_welcome_page_get_busy (page); i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_false (msa_welcome_page_get_busy (page));
  g_assert_true (msa_page_get_complete (MSA_PAGE (page)));
  g_assert_nonnull (msa_welcome_page_get_profile_note (page));
  g_assert_nonnull (strstr (msa_welcome_page_get_profile_note (page), "no encrypted incoming server"));
  g_assert_null (msa_wizard_state_get_incoming_server (state));

  imap_check = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (account_type), MSA_TYPE_ACCOUNT_TYPE_PAGE, "imap_check"));
  pop3_check = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (account_type), MSA_TYPE_ACCOUNT_TYPE_PAGE, "pop3_check"));
  label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (account_type), MSA_TYPE_ACCOUNT_TYPE_PAGE, "no_incoming_label"));
  g_assert_false (gtk_widget_get_sensitive (imap_check));
  g_assert_false (gtk_widget_get_sensitive (pop3_check));
  g_assert_true (gtk_widget_get_visible (label));

  /* The built-in profile has both: all is offered again, and the note goes. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page), MSA_TYPE_WELCOME_PAGE,
                                                                                "builtin_check")), TRUE);
  g_assert_null (msa_welcome_page_get_profile_note (page));
  g_assert_true (gtk_widget_get_sensitive (imap_check));
  g_assert_true (gtk_widget_get_sensitive (pop3_check));
  g_assert_false (gtk_widget_get_visible (label));

  g_unlink (path);
  g_rmdir (dir);
  g_object_unref (account_type);
  g_assert_finalize_object (page);
}

static void
test_account_type_geary_pop3 (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaPage *page = g_object_ref_sink (MSA_PAGE (msa_account_type_page_new (state)));
  GtkWidget *warning;

  msa_wizard_state_set_mail_client (state, MSA_MAIL_CLIENT_GEARY);
  warning = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), MSA_TYPE_ACCOUNT_TYPE_PAGE,
                                                       "pop3_warning_label"));
  g_assert_false (gtk_widget_get_visible (warning));
  /* Geary fetches over IMAP only: choosing POP3 with it says so. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page), MSA_TYPE_ACCOUNT_TYPE_PAGE,
                                                                                "pop3_check")), TRUE);
  g_assert_cmpint (msa_wizard_state_get_incoming_protocol (state), ==, MSA_PROTOCOL_POP3);
  g_assert_true (gtk_widget_get_visible (warning));
  adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (page), MSA_TYPE_ACCOUNT_TYPE_PAGE,
                                                                            "client_row")),
                              MSA_MAIL_CLIENT_THUNDERBIRD);
  g_assert_false (gtk_widget_get_visible (warning));
  g_assert_cmpint (msa_wizard_state_get_mail_client (state), ==, MSA_MAIL_CLIENT_THUNDERBIRD);

  g_assert_finalize_object (page);
}

/* The done page's heading is the check's verdict: a large check mark
 * only when the servers passed. */
/* The help rows open the provider's guide and webmail where the profile
 * names them (the built-in one does), and are text only otherwise. */
static void
test_done_page_links (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaProfile) plain = msa_profile_new ("example.org", "Example");
  MsaPage *page;

  page = g_object_ref_sink (g_object_new (MSA_TYPE_DONE_PAGE, "state", state, NULL));
  msa_page_shown (page);
  g_assert_cmpstr (msa_done_page_get_link (MSA_DONE_PAGE (page), FALSE), ==,
                   "http://www.df.eu/de/service/df-faq/e-mail/mail-programme/");
  g_assert_cmpstr (msa_done_page_get_link (MSA_DONE_PAGE (page), TRUE), ==, "https://webmail.df.eu");
  /* The summary is text: no Tab stop where Enter would close the window. */
  {
    const char * const rows[] = { "incoming_row", "outgoing_row", "security_row", "check_row" };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      g_assert_false (gtk_widget_get_focusable (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                                         MSA_TYPE_DONE_PAGE,
                                                                                         rows[i]))));
  }

  msa_wizard_state_set_profile (state, plain, FALSE);
  msa_page_shown (page);
  g_assert_null (msa_done_page_get_link (MSA_DONE_PAGE (page), FALSE));
  g_assert_null (msa_done_page_get_link (MSA_DONE_PAGE (page), TRUE));
  g_object_unref (page);
}

static void
test_done_page_verdict (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) refused = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_REFUSED, &error);
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaProfile) profile = msa_profile_new ("example.test", "Example");
  g_autoptr(MsaServer) server = NULL;
  g_autoptr(MsaProfileCheck) check = NULL;
  MsaPage *page;

  g_assert_no_error (error);
  server = msa_server_new (MSA_PROTOCOL_IMAP, "localhost", msa_fake_server_get_port (refused),
                           MSA_SECURITY_SSL);
  msa_profile_add_server (profile, server);
  msa_wizard_state_set_profile (state, profile, FALSE);
  page = g_object_ref_sink (g_object_new (MSA_TYPE_DONE_PAGE, "state", state, NULL));

  /* Not checked: no check mark. */
  msa_page_shown (page);
  g_assert_cmpstr (msa_done_page_get_heading (MSA_DONE_PAGE (page)), ==,
                   "Settings Ready, Not Checked");
  msa_page_hidden (page);

  /* A failed check: the same verdict as the check page, not "Settings Ready". */
  check = msa_profile_check_new (profile, NULL, 10);
  msa_wizard_state_set_check (state, check);
  g_assert_true (msa_ui_test_run_profile_check (check, 30));
  msa_page_shown (page);
  g_assert_cmpstr (msa_done_page_get_heading (MSA_DONE_PAGE (page)), ==, "Not Done Yet");
  g_assert_true (g_str_has_prefix (msa_done_page_get_description (MSA_DONE_PAGE (page)),
                                   "A server did not pass the check"));
  msa_page_hidden (page);

  /* Both failed: said so, not "a server". */
  {
    g_autoptr(MsaServer) smtp = msa_server_new (MSA_PROTOCOL_SMTP, "localhost",
                                                msa_fake_server_get_port (refused), MSA_SECURITY_SSL);
    g_autoptr(MsaProfileCheck) both = NULL;

    msa_profile_add_server (profile, smtp);
    both = msa_profile_check_new (profile, NULL, 10);
    msa_wizard_state_set_check (state, both);
    g_assert_true (msa_ui_test_run_profile_check (both, 30));
    msa_page_shown (page);
    g_assert_cmpstr (msa_done_page_get_heading (MSA_DONE_PAGE (page)), ==, "Not Done Yet");
    g_assert_true (g_str_has_prefix (msa_done_page_get_description (MSA_DONE_PAGE (page)),
                                     "Neither server passed the check"));
    msa_page_hidden (page);
  }

  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/page/new-destroy", test_page_new_destroy);
  g_test_add_data_func ("/welcome-page/new-destroy",
                        GSIZE_TO_POINTER (MSA_TYPE_WELCOME_PAGE), test_page_class_new_destroy);
  g_test_add_data_func ("/account-type-page/new-destroy",
                        GSIZE_TO_POINTER (MSA_TYPE_ACCOUNT_TYPE_PAGE), test_page_class_new_destroy);
  g_test_add_data_func ("/why-page/new-destroy",
                        GSIZE_TO_POINTER (MSA_TYPE_WHY_PAGE), test_page_class_new_destroy);
  g_test_add_data_func ("/current-settings-page/new-destroy",
                        GSIZE_TO_POINTER (MSA_TYPE_CURRENT_SETTINGS_PAGE), test_page_class_new_destroy);
  g_test_add_data_func ("/done-page/new-destroy",
                        GSIZE_TO_POINTER (MSA_TYPE_DONE_PAGE), test_page_class_new_destroy);
  g_test_add_func ("/done-page/verdict", test_done_page_verdict);
  g_test_add_func ("/done-page/links", test_done_page_links);
  g_test_add_func ("/current-settings-page/changes", test_current_settings_changes);
  g_test_add_func ("/current-settings-page/typed", test_current_settings_typed);
  g_test_add_func ("/current-settings-page/problems", test_current_settings_problems);
  g_test_add_func ("/welcome-page/port-out-of-range", test_welcome_port_out_of_range);
  g_test_add_func ("/account-type-page/geary-pop3", test_account_type_geary_pop3);
  g_test_add_func ("/welcome-page/bad-file", test_welcome_bad_file);
  g_test_add_func ("/welcome-page/good-file", test_welcome_good_file);
  g_test_add_func ("/welcome-page/outgoing-only-file", test_outgoing_only_file);

  return g_test_run ();
}
