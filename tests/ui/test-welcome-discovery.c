/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The welcome page finds a provider from an e-mail address: live rows a
 * source, the provider and its servers, the confirmation for servers
 * outside the domain, a clear failure, Cancel.  Against the real DNS and
 * HTTPS servers of discovery's tests, in a network of the test's own. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "msa-ui-test.h"
#include "msa-test-discovery-net.h"
#include "msa-wizard-state.h"
#include "pages/msa-check-page.h"
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

  status = g_test_run ();
  msa_test_discovery_net_stop ();
  return status;
}
