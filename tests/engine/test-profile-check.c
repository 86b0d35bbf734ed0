/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MsaProfileCheck and MsaServerCheck without a network: construction,
 * the default selection, the protocol filter and the idle state.  The
 * checks themselves run against real servers in tests/servers/. */
#include "config.h"

#include "msa-profile-check.h"

static MsaProfile *
mixed_profile (void)
{
  MsaProfile *profile = msa_profile_new ("example.org", "Example");
  g_autoptr(MsaServer) imaps = msa_server_new (MSA_PROTOCOL_IMAP, "mail.example.org", 993, MSA_SECURITY_SSL);
  g_autoptr(MsaServer) imap = msa_server_new (MSA_PROTOCOL_IMAP, "mail.example.org", 143, MSA_SECURITY_STARTTLS);
  g_autoptr(MsaServer) pop3 = msa_server_new (MSA_PROTOCOL_POP3, "mail.example.org", 110, MSA_SECURITY_PLAIN);
  g_autoptr(MsaServer) smtp = msa_server_new (MSA_PROTOCOL_SMTP, "mail.example.org", 465, MSA_SECURITY_SSL);

  msa_profile_add_server (profile, imaps);
  msa_profile_add_server (profile, imap);
  msa_profile_add_server (profile, pop3);
  msa_profile_add_server (profile, smtp);
  return profile;
}

static MsaServer *
nth_server (MsaProfileCheck *check,
            guint            n)
{
  g_autoptr(MsaServerCheck) server_check = g_list_model_get_item (msa_profile_check_get_checks (check), n);

  return msa_server_check_get_server (server_check);
}

static void
test_new_destroy (void)
{
  g_autoptr(MsaProfile) profile = mixed_profile ();
  MsaProfileCheck *check = msa_profile_check_new (profile, NULL, 0);

  g_assert_true (msa_profile_check_get_profile (check) == profile);
  g_assert_false (msa_profile_check_get_passed (check));
  g_assert_finalize_object (check);
}

static void
test_server_check_new_destroy (void)
{
  g_autoptr(MsaServer) server = msa_server_new (MSA_PROTOCOL_SMTP, "mail.example.org", 465, MSA_SECURITY_SSL);
  MsaServerCheck *check = msa_server_check_new (server, NULL, 0);
  g_autofree char *address = NULL;
  int state = -1;

  g_assert_true (msa_server_check_get_server (check) == server);
  g_assert_null (msa_server_check_get_database (check));
  g_assert_cmpuint (msa_server_check_get_timeout (check), ==, MSA_CHECK_DEFAULT_TIMEOUT);
  g_assert_cmpint (msa_server_check_get_state (check), ==, MSA_CHECK_STATE_IDLE);
  for (guint i = 0; i < MSA_CHECK_N_STEPS; i++)
    {
      g_assert_cmpint (msa_server_check_get_step_state (check, i), ==, MSA_STEP_STATE_PENDING);
      g_assert_cmpfloat (msa_server_check_get_step_ms (check, i), ==, 0);
    }
  g_assert_false (msa_server_check_get_error_code (check, NULL));
  g_assert_null (msa_server_check_get_certificate (check));
  g_assert_null (msa_server_check_get_capabilities (check));
  g_assert_cmpuint (g_strv_length ((GStrv) msa_server_check_get_warnings (check)), ==, 0);

  g_object_get (check, "state", &state, "address", &address, NULL);
  g_assert_cmpint (state, ==, MSA_CHECK_STATE_IDLE);
  g_assert_null (address);

  g_assert_finalize_object (check);
}

static void
test_default_selection (void)
{
  g_autoptr(MsaProfile) profile = mixed_profile ();
  g_autoptr(MsaProfileCheck) check = msa_profile_check_new (profile, NULL, 7);
  GListModel *checks = msa_profile_check_get_checks (check);
  g_autoptr(MsaServerCheck) first = NULL;

  /* Every SSL and STARTTLS server, in the profile's order; not the plain
   * POP3 one. */
  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, 3);
  g_assert_cmpuint (msa_server_get_port (nth_server (check, 0)), ==, 993);
  g_assert_cmpuint (msa_server_get_port (nth_server (check, 1)), ==, 143);
  g_assert_cmpuint (msa_server_get_port (nth_server (check, 2)), ==, 465);

  first = g_list_model_get_item (checks, 0);
  g_assert_cmpuint (msa_server_check_get_timeout (first), ==, 7);
}

static void
test_builtin_selection (void)
{
  g_autoptr(MsaProfile) profile = msa_profile_new_builtin ();
  g_autoptr(MsaProfileCheck) check = msa_profile_check_new (profile, NULL, 0);
  GListModel *checks = msa_profile_check_get_checks (check);

  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, 3);
  g_assert_cmpstr (msa_server_get_hostname (nth_server (check, 0)), ==, "sslin.df.eu");
  g_assert_cmpuint (msa_server_get_port (nth_server (check, 0)), ==, 993);
  g_assert_cmpuint (msa_server_get_port (nth_server (check, 1)), ==, 995);
  g_assert_cmpstr (msa_server_get_hostname (nth_server (check, 2)), ==, "sslout.df.eu");
  g_assert_cmpuint (msa_server_get_port (nth_server (check, 2)), ==, 465);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n_changes)
{
  (*n_changes)++;
}

static void
test_select (void)
{
  g_autoptr(MsaProfile) profile = mixed_profile ();
  g_autoptr(MsaProfileCheck) check = msa_profile_check_new (profile, NULL, 0);
  GListModel *checks = msa_profile_check_get_checks (check);
  const MsaProtocol imap[] = { MSA_PROTOCOL_IMAP };
  const MsaProtocol pop3_smtp[] = { MSA_PROTOCOL_POP3, MSA_PROTOCOL_SMTP };
  guint n_changes = 0;

  g_signal_connect (checks, "items-changed", G_CALLBACK (on_items_changed_cb), &n_changes);

  msa_profile_check_select (check, imap, G_N_ELEMENTS (imap));
  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, 2);
  g_assert_cmpint (msa_server_get_protocol (nth_server (check, 0)), ==, MSA_PROTOCOL_IMAP);
  g_assert_cmpint (msa_server_get_protocol (nth_server (check, 1)), ==, MSA_PROTOCOL_IMAP);
  g_assert_cmpuint (n_changes, ==, 1);

  /* The plain POP3 server is not a candidate: only SMTP is left. */
  msa_profile_check_select (check, pop3_smtp, G_N_ELEMENTS (pop3_smtp));
  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, 1);
  g_assert_cmpint (msa_server_get_protocol (nth_server (check, 0)), ==, MSA_PROTOCOL_SMTP);

  msa_profile_check_select (check, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, 3);

  g_signal_handlers_disconnect_by_data (checks, &n_changes);
}

static void
test_add_server (void)
{
  g_autoptr(MsaProfile) profile = mixed_profile ();
  g_autoptr(MsaProfileCheck) check = msa_profile_check_new (profile, NULL, 0);
  g_autoptr(MsaServer) by_hand = msa_server_new (MSA_PROTOCOL_POP3, "pop.example.org", 995, MSA_SECURITY_SSL);
  const MsaProtocol pop3[] = { MSA_PROTOCOL_POP3 };

  msa_profile_check_add_server (check, by_hand);
  g_assert_cmpuint (g_list_model_get_n_items (msa_profile_check_get_checks (check)), ==, 4);
  g_assert_true (nth_server (check, 3) == by_hand);

  /* The filter applies to added servers too. */
  msa_profile_check_select (check, pop3, G_N_ELEMENTS (pop3));
  g_assert_cmpuint (g_list_model_get_n_items (msa_profile_check_get_checks (check)), ==, 1);
  g_assert_true (nth_server (check, 0) == by_hand);
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Nothing selected: nothing can fail. */
static void
test_run_empty (void)
{
  g_autoptr(MsaProfile) profile = mixed_profile ();
  g_autoptr(MsaProfileCheck) check = msa_profile_check_new (profile, NULL, 0);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const MsaProtocol pop3[] = { MSA_PROTOCOL_POP3 };

  msa_profile_check_select (check, pop3, G_N_ELEMENTS (pop3));
  g_main_context_push_thread_default (context);
  msa_profile_check_run_async (check, NULL, on_done_cb, &result);
  for (guint i = 0; i < 100 && result == NULL; i++)
    g_main_context_iteration (context, FALSE);
  g_main_context_pop_thread_default (context);

  g_assert_nonnull (result);
  g_assert_true (msa_profile_check_run_finish (check, result, &error));
  g_assert_no_error (error);
  g_assert_true (msa_profile_check_get_passed (check));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profile-check/new-destroy", test_new_destroy);
  g_test_add_func ("/profile-check/server-check-new-destroy", test_server_check_new_destroy);
  g_test_add_func ("/profile-check/default-selection", test_default_selection);
  g_test_add_func ("/profile-check/builtin-selection", test_builtin_selection);
  g_test_add_func ("/profile-check/select", test_select);
  g_test_add_func ("/profile-check/add-server", test_add_server);
  g_test_add_func ("/profile-check/run-empty", test_run_empty);

  return g_test_run ();
}
