/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Discovery in the wizard.  The welcome page finds a provider from an
 * e-mail address: live rows a source, the provider and its servers, the
 * confirmation for servers outside the domain, a clear failure, Cancel;
 * what it finds is then checked.  The current-settings page looks up the
 * provider of a found account at an unknown domain.  Against the real
 * DNS and HTTPS servers of discovery's tests, in a network of the test's
 * own, with a home of its own. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "msa-ui-test.h"
#include "msa-test-discovery-net.h"
#include "msa-wizard-state.h"
#include "pages/msa-check-page-private.h"
#include "widgets/msa-server-card-private.h"
#include "pages/msa-current-settings-page-private.h"
#include "pages/msa-welcome-page-private.h"

static MsaWizardState *
new_state (void)
{
  MsaWizardState *state = msa_wizard_state_new ();

  msa_wizard_state_set_ca_file (state, msa_test_servers_get_ca_file (msa_test_discovery_net_get_servers ()));
  g_object_set (state, "ispdb-url", MSA_TEST_DISCOVERY_ISPDB_URL, NULL);
  return state;
}

/* In a window, as in the wizard: rows take the focus when activated. */
static MsaPage *
new_page (MsaWizardState *state)
{
  MsaPage *page = g_object_ref_sink (g_object_new (MSA_TYPE_WELCOME_PAGE, "state", state, NULL));
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  g_object_set_data_full (G_OBJECT (page), "msa-test-window", window, (GDestroyNotify) gtk_window_destroy);
  return page;
}

static void
discover_and_wait (MsaPage    *page,
                   const char *address)
{
  MsaWelcomePage *welcome = MSA_WELCOME_PAGE (page);
  gint64 deadline;

  msa_welcome_page_discover (welcome, address);
  g_assert_true (msa_welcome_page_get_discovering (welcome));
  g_assert_false (msa_page_get_complete (page));

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (msa_welcome_page_get_discovering (welcome) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (msa_welcome_page_get_discovering (welcome));
}

static const char *
row_subtitle (MsaPage               *page,
              MsaDiscoverySourceKind kind)
{
  GPtrArray *rows = msa_welcome_page_get_source_rows (MSA_WELCOME_PAGE (page));

  g_assert_cmpuint (rows->len, ==, MSA_DISCOVERY_N_SOURCES);
  return adw_action_row_get_subtitle (g_ptr_array_index (rows, kind));
}

static void
test_found (void)
{
  g_autoptr(MsaWizardState) state = new_state ();
  g_autoptr(MsaPage) page = new_page (state);

  discover_and_wait (page, "anna@acme.test");
  g_assert_null (msa_welcome_page_get_error (MSA_WELCOME_PAGE (page)));
  g_assert_true (msa_page_get_complete (page));
  g_assert_cmpstr (msa_profile_get_display_name (msa_wizard_state_get_profile (state)), ==, "Acme Mail");
  g_assert_false (msa_wizard_state_get_builtin_profile (state));
  g_assert_cmpstr (msa_wizard_state_get_profile_source (state), ==, "autoconfig");
  g_assert_cmpstr (msa_wizard_state_get_email_address (state), ==, "anna@acme.test");
  g_assert_cmpstr (msa_server_get_hostname (msa_wizard_state_get_incoming_server (state)), ==, "imap.acme.test");
  /* Every source has its row, and says what it answered. */
  g_assert_cmpstr (row_subtitle (page, MSA_DISCOVERY_SOURCE_BUILTIN), ==, "Nothing found");
  g_assert_cmpstr (row_subtitle (page, MSA_DISCOVERY_SOURCE_AUTOCONFIG), ==, "Encrypted servers found");
}

/* Found by SRV on the real Dovecot and Postfix: the check page then
 * checks exactly these servers, and they pass. */
static void
test_found_then_checked (void)
{
  g_autoptr(MsaWizardState) state = new_state ();
  g_autoptr(MsaPage) page = new_page (state);
  g_autoptr(MsaPage) check_page = NULL;
  MsaProfileCheck *check;
  gint64 deadline;

  discover_and_wait (page, "anna@srv.test");
  g_assert_true (msa_page_get_complete (page));
  g_assert_cmpstr (msa_wizard_state_get_profile_source (state), ==, "srv");

  check_page = g_object_ref_sink (MSA_PAGE (msa_check_page_new (state)));
  msa_page_shown (check_page);
  g_assert_true (msa_check_page_get_running (MSA_CHECK_PAGE (check_page)));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (msa_check_page_get_running (MSA_CHECK_PAGE (check_page)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (msa_check_page_get_running (MSA_CHECK_PAGE (check_page)));

  check = msa_wizard_state_get_check (state);
  g_assert_nonnull (check);
  g_assert_true (msa_profile_check_get_passed (check));
  g_assert_cmpuint (g_list_model_get_n_items (msa_profile_check_get_checks (check)), ==, 2);
  g_assert_true (msa_page_get_complete (check_page));
}

static void
test_confirmation (void)
{
  g_autoptr(MsaWizardState) state = new_state ();
  g_autoptr(MsaPage) page = new_page (state);

  discover_and_wait (page, "anna@mxhosted.test");
  /* Found through MX, outside the domain: not until the user confirms. */
  g_assert_false (msa_page_get_complete (page));
  g_assert_true (msa_wizard_state_get_builtin_profile (state));
  g_assert_true (msa_welcome_page_confirm (MSA_WELCOME_PAGE (page)));
  g_assert_true (msa_page_get_complete (page));
  g_assert_cmpstr (msa_profile_get_display_name (msa_wizard_state_get_profile (state)), ==, "Hoster");
  g_assert_cmpstr (msa_wizard_state_get_profile_source (state), ==, "mx");
}

static void
test_nothing_found (void)
{
  g_autoptr(MsaWizardState) state = new_state ();
  g_autoptr(MsaPage) page = new_page (state);
  const char *error;

  discover_and_wait (page, "anna@nothing.test");
  error = msa_welcome_page_get_error (MSA_WELCOME_PAGE (page));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "No encrypted mail servers were found for nothing.test"));
  g_assert_nonnull (strstr (error, "settings file"));
  g_assert_false (msa_page_get_complete (page));
  g_assert_cmpstr (row_subtitle (page, MSA_DISCOVERY_SOURCE_GUESS), ==, "Nothing found");
}

static void
test_source_error_shown (void)
{
  g_autoptr(MsaWizardState) state = new_state ();
  g_autoptr(MsaPage) page = new_page (state);

  discover_and_wait (page, "anna@huge.test");
  /* The row says why the source failed. */
  g_assert_true (g_str_has_prefix (row_subtitle (page, MSA_DISCOVERY_SOURCE_AUTOCONFIG), "Failed – "));
  g_assert_nonnull (strstr (row_subtitle (page, MSA_DISCOVERY_SOURCE_AUTOCONFIG), "MiB"));
}

static void
test_invalid_address (void)
{
  g_autoptr(MsaWizardState) state = new_state ();
  g_autoptr(MsaPage) page = new_page (state);

  msa_welcome_page_discover (MSA_WELCOME_PAGE (page), "anna@");
  g_assert_false (msa_welcome_page_get_discovering (MSA_WELCOME_PAGE (page)));
  g_assert_nonnull (strstr (msa_welcome_page_get_error (MSA_WELCOME_PAGE (page)), "not an e-mail address"));
  g_assert_false (msa_page_get_complete (page));
}

static void
test_cancel (void)
{
  g_autoptr(MsaWizardState) state = new_state ();
  g_autoptr(MsaPage) page = new_page (state);
  MsaWelcomePage *welcome = MSA_WELCOME_PAGE (page);
  gint64 deadline;

  /* silent.test's autoconfig host never answers: the search waits. */
  msa_welcome_page_discover (welcome, "anna@silent.test");
  while (msa_welcome_page_get_discovery (welcome) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (msa_welcome_page_get_discovering (welcome));
  msa_welcome_page_cancel (welcome);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (msa_welcome_page_get_discovering (welcome) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (msa_welcome_page_get_discovering (welcome));
  g_assert_cmpstr (msa_welcome_page_get_error (welcome), ==, "The search was cancelled.");
  g_assert_false (msa_page_get_complete (page));
}

/* Every server fails at the name lookup (dnsmasq knows no such names):
 * the page says once that the computer seems offline, and the cards do
 * not send the user to check names they never typed. */
static void
test_check_offline (void)
{
  g_autoptr(MsaWizardState) state = new_state ();
  g_autoptr(MsaProfile) profile = msa_profile_new ("offline.test", "Offline Mail");
  g_autoptr(MsaServer) imap = msa_server_new (MSA_PROTOCOL_IMAP, "imap.offline.test", 993, MSA_SECURITY_SSL);
  g_autoptr(MsaServer) smtp = msa_server_new (MSA_PROTOCOL_SMTP, "smtp.offline.test", 465, MSA_SECURITY_SSL);
  g_autoptr(MsaPage) page = NULL;
  MsaCheckPage *check_page;
  gint64 deadline;

  msa_profile_add_server (profile, imap);
  msa_profile_add_server (profile, smtp);
  /* Names from a file, not typed: they are not mistyped. */
  msa_wizard_state_set_profile (state, profile, FALSE);
  msa_wizard_state_set_profile_file (state, "/tmp/offline.test.xml");
  page = g_object_ref_sink (MSA_PAGE (msa_check_page_new (state)));
  check_page = MSA_CHECK_PAGE (page);
  msa_page_shown (page);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while ((msa_check_page_get_running (check_page) || msa_check_page_get_n_cards (check_page) < 2)
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (msa_check_page_get_verdict_title (check_page), ==, "This Computer Seems to Be Offline");
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (msa_server_card_get_verdict_text (msa_check_page_get_card (check_page, i)), ==,
                     "Not reachable while this computer is offline.");

  /* The same names typed by hand may be mistyped: the cards say so. */
  {
    g_autoptr(MsaWizardState) typed = new_state ();
    g_autoptr(MsaPage) typed_page = NULL;

    msa_wizard_state_set_profile (typed, profile, FALSE);
    typed_page = g_object_ref_sink (MSA_PAGE (msa_check_page_new (typed)));
    msa_page_shown (typed_page);
    deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    while ((msa_check_page_get_running (MSA_CHECK_PAGE (typed_page))
            || msa_check_page_get_n_cards (MSA_CHECK_PAGE (typed_page)) < 2)
           && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (msa_check_page_get_verdict_title (MSA_CHECK_PAGE (typed_page)), !=,
                     "This Computer Seems to Be Offline");
    g_assert_cmpstr (msa_server_card_get_verdict_text (msa_check_page_get_card (MSA_CHECK_PAGE (typed_page), 0)), !=,
                     "Not reachable while this computer is offline.");
  }
}

/* The current-settings page */

static const char goa_accounts[] =
  "[Account account_1]\n"
  "Provider=imap_smtp\n"
  "EmailAddress=anna@listed.test\n"
  "ImapHost=mail.listed.test\n"
  "ImapUseSsl=false\n"
  "ImapUseTls=false\n"
  "SmtpHost=mail.listed.test\n"
  "SmtpUseSsl=false\n"
  "SmtpUseTls=false\n"
  "\n"
  "[Account account_2]\n"
  "Provider=imap_smtp\n"
  "EmailAddress=bob@mxhosted.test\n"
  "ImapHost=mail.mxhosted.test\n"
  "ImapUseSsl=false\n"
  "ImapUseTls=false\n";

static MsaPage *
current_settings_page (MsaWizardState *state)
{
  MsaPage *page = g_object_ref_sink (g_object_new (MSA_TYPE_CURRENT_SETTINGS_PAGE, "state", state, NULL));
  GtkWidget *window = gtk_window_new ();
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  g_object_set_data_full (G_OBJECT (page), "msa-test-window", window, (GDestroyNotify) gtk_window_destroy);
  while (!msa_current_settings_page_get_scan_done (MSA_CURRENT_SETTINGS_PAGE (page))
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (msa_current_settings_page_get_scan_done (MSA_CURRENT_SETTINGS_PAGE (page)));
  msa_page_shown (page);
  return page;
}

static void
choose (MsaPage    *page,
        const char *name)
{
  GPtrArray *rows = msa_current_settings_page_get_account_rows (MSA_CURRENT_SETTINGS_PAGE (page));

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), name) == 0)
      {
        g_signal_emit_by_name (g_ptr_array_index (rows, i), "activated");
        return;
      }
  g_error ("no account %s", name);
}

static void
find_provider_and_wait (MsaPage *page)
{
  MsaCurrentSettingsPage *current = MSA_CURRENT_SETTINGS_PAGE (page);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  msa_current_settings_page_find_provider (current);
  g_assert_true (msa_current_settings_page_get_finding_provider (current));
  while (msa_current_settings_page_get_finding_provider (current) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (msa_current_settings_page_get_finding_provider (current));
}

static void
test_account_provider_found (void)
{
  g_autoptr(MsaWizardState) state = new_state ();
  g_autoptr(MsaPage) page = current_settings_page (state);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  choose (page, "anna@listed.test");
  before = msa_current_settings_page_dup_changes (MSA_CURRENT_SETTINGS_PAGE (page));
  g_assert_nonnull (strstr (before, "Another provider"));

  find_provider_and_wait (page);
  /* The wizard goes on with the provider found for the account's domain,
   * and the changes are its servers. */
  g_assert_cmpstr (msa_profile_get_display_name (msa_wizard_state_get_profile (state)), ==, "Listed Mail");
  g_assert_cmpstr (msa_wizard_state_get_profile_source (state), ==, "ispdb");
  after = msa_current_settings_page_dup_changes (MSA_CURRENT_SETTINGS_PAGE (page));
  g_assert_null (strstr (after, "Another provider"));
  g_assert_nonnull (strstr (after, "imap.listed.test"));
  g_assert_nonnull (strstr (after, "993"));
}

static void
test_account_provider_unconfirmed (void)
{
  g_autoptr(MsaWizardState) state = new_state ();
  g_autoptr(MsaPage) page = current_settings_page (state);
  g_autofree char *changes = NULL;

  choose (page, "bob@mxhosted.test");
  find_provider_and_wait (page);
  /* Servers that need confirming are not taken here. */
  g_assert_true (msa_wizard_state_get_builtin_profile (state));
  changes = msa_current_settings_page_dup_changes (MSA_CURRENT_SETTINGS_PAGE (page));
  g_assert_nonnull (strstr (changes, "outside the account’s domain"));
}

static char *home;

static void
write_home (void)
{
  g_autofree char *config = NULL;
  g_autofree char *goa = NULL;
  g_autofree char *file = NULL;

  home = g_dir_make_tmp ("msa-test-wizard-home-XXXXXX", NULL);
  g_assert_nonnull (home);
  config = g_build_filename (home, ".config", NULL);
  goa = g_build_filename (config, "goa-1.0", NULL);
  file = g_build_filename (goa, "accounts.conf", NULL);
  g_mkdir_with_parents (goa, 0700);
  g_assert_true (g_file_set_contents (file, goa_accounts, -1, NULL));
  /* Before GLib reads them for the first time. */
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!msa_test_netns_enter (&error))
    {
      g_printerr ("test-welcome-discovery: %s\n", error->message);
      return 1;
    }
  write_home ();
  setlocale (LC_ALL, "C.UTF-8");
  msa_ui_test_init (&argc, &argv);
  if (!msa_test_discovery_net_start (&error))
    {
      g_printerr ("test-welcome-discovery: %s\n", error->message);
      return 1;
    }

  g_test_add_func ("/welcome-discovery/found", test_found);
  g_test_add_func ("/welcome-discovery/found-then-checked", test_found_then_checked);
  g_test_add_func ("/welcome-discovery/confirmation", test_confirmation);
  g_test_add_func ("/welcome-discovery/nothing-found", test_nothing_found);
  g_test_add_func ("/welcome-discovery/source-error-shown", test_source_error_shown);
  g_test_add_func ("/welcome-discovery/invalid-address", test_invalid_address);
  g_test_add_func ("/welcome-discovery/cancel", test_cancel);
  g_test_add_func ("/check-page/offline", test_check_offline);
  g_test_add_func ("/current-settings/account-provider-found", test_account_provider_found);
  g_test_add_func ("/current-settings/account-provider-unconfirmed", test_account_provider_unconfirmed);

  status = g_test_run ();
  msa_test_discovery_net_stop ();
  {
    const char *argv_rm[] = { "rm", "-rf", home, NULL };

    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return status;
}
