/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The server check page against real servers: the fixture's Dovecot and
 * Postfix on loopback with the test CA (through the wizard state's
 * ca-file), and in-process fake servers for refused and silent ports. */
#include "config.h"

#include <adwaita.h>

#include "msa-fake-server.h"
#include "msa-test-servers.h"
#include "msa-ui-test.h"
#include "pages/msa-check-page.h"

static MsaTestServers *servers;
static char *fixture_profile;

typedef struct
{
  MsaWizardState *state;
  GtkWidget      *window;
  MsaCheckPage   *page;
} Fixture;

static MsaProfile *
load_fixture_profile (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture_profile);
  g_autoptr(GError) error = NULL;
  MsaProfile *profile = msa_profile_new_from_file (file, &error);

  g_assert_no_error (error);
  return profile;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MsaProfile) profile = load_fixture_profile ();

  fixture->state = msa_wizard_state_new ();
  msa_wizard_state_set_profile (fixture->state, profile, FALSE);
  msa_wizard_state_set_ca_file (fixture->state, msa_test_servers_get_ca_file (servers));

  fixture->page = MSA_CHECK_PAGE (msa_check_page_new ());
  msa_page_set_state (MSA_PAGE (fixture->page), fixture->state);

  /* In a real window, as in the wizard: the cards are realized, their
   * spinners run. */
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1024, 768);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_ref (fixture->page);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_false (msa_check_page_get_running (fixture->page));
  g_assert_finalize_object (fixture->page);
  g_assert_finalize_object (fixture->state);
}

static void
on_running_changed_cb (MsaCheckPage *page,
                       GParamSpec   *pspec,
                       gboolean     *stopped)
{
  if (!msa_check_page_get_running (page))
    *stopped = TRUE;
}

/* Waits until the running check ends, however it ends. */
static void
wait_for_check (MsaCheckPage *page)
{
  gboolean stopped = !msa_check_page_get_running (page);
  gulong id = g_signal_connect (page, "notify::running", G_CALLBACK (on_running_changed_cb),
                                &stopped);

  g_assert_true (msa_ui_test_wait (&stopped, 60));
  g_signal_handler_disconnect (page, id);
}

static MsaServerCheck *
card_check (MsaCheckPage *page,
            guint         index)
{
  return msa_server_card_get_check (msa_check_page_get_card (page, index));
}

static void
assert_card_passed (MsaCheckPage *page,
                    guint         index,
                    MsaProtocol   protocol)
{
  MsaServerCard *card = msa_check_page_get_card (page, index);
  MsaServerCheck *check = msa_server_card_get_check (card);

  g_assert_cmpint (msa_server_get_protocol (msa_server_check_get_server (check)), ==, protocol);
  g_assert_cmpint (msa_server_check_get_state (check), ==, MSA_CHECK_STATE_PASSED);
  g_assert_cmpstr (msa_server_card_get_verdict_title (card), ==, "Encryption works");
  for (MsaCheckStep step = 0; step < MSA_CHECK_N_STEPS; step++)
    g_assert_cmpint (msa_server_card_get_shown_step (card, step), ==, MSA_STEP_STATE_DONE);
}

/* The value under a detail's caption in @widget's tree, or NULL. */
static const char *
find_detail (GtkWidget  *widget,
             const char *caption)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found;

      if (GTK_IS_LABEL (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), caption) == 0 &&
          GTK_IS_LABEL (gtk_widget_get_next_sibling (child)))
        return gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (child)));

      if ((found = find_detail (child, caption)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_expander (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_EXPANDER_ROW (child))
        return child;
      if ((found = find_expander (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_check_page_new_destroy (void)
{
  GtkWidget *page = g_object_ref_sink (msa_check_page_new ());

  g_assert_false (msa_page_get_complete (MSA_PAGE (page)));
  g_assert_false (msa_check_page_get_running (MSA_CHECK_PAGE (page)));
  g_assert_cmpuint (msa_check_page_get_n_cards (MSA_CHECK_PAGE (page)), ==, 0);
  g_assert_finalize_object (page);
}

static void
test_check_page_imap_passes (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *report = NULL;

  msa_wizard_state_set_incoming_protocol (fixture->state, MSA_PROTOCOL_IMAP);
  msa_wizard_state_set_email_address (fixture->state, "anna.secret@example.com");

  /* Shown: it starts by itself, and the user waits for it. */
  msa_page_shown (MSA_PAGE (fixture->page));
  g_assert_true (msa_check_page_get_running (fixture->page));
  g_assert_false (msa_page_get_complete (MSA_PAGE (fixture->page)));
  wait_for_check (fixture->page);

  g_assert_true (msa_page_get_complete (MSA_PAGE (fixture->page)));
  g_assert_cmpuint (msa_check_page_get_n_cards (fixture->page), ==, 2);
  assert_card_passed (fixture->page, 0, MSA_PROTOCOL_IMAP);
  assert_card_passed (fixture->page, 1, MSA_PROTOCOL_SMTP);
  g_assert_cmpstr (msa_check_page_get_verdict_title (fixture->page), ==,
                   "Encrypted Connections Work");

  /* Details: the certificate's names one a line, the greeting as the
   * server sent it, as plain text. */
  {
    MsaServerCard *card = msa_check_page_get_card (fixture->page, 0);
    MsaServerCheck *check = msa_server_card_get_check (card);
    MsaCertificate *certificate = msa_server_check_get_certificate (check);
    g_autofree char *names = g_strjoinv ("\n", (char **) msa_certificate_get_dns_names (certificate));
    GtkWidget *details = find_expander (GTK_WIDGET (card));

    g_assert_cmpstr (find_detail (details, "Server names in the certificate"), ==, names);
    g_assert_cmpstr (find_detail (details, "SHA-256 fingerprint"), ==,
                     msa_certificate_get_sha256 (certificate));
    g_assert_cmpstr (find_detail (details, "Server greeting"), ==,
                     msa_server_check_get_greeting (check));
    g_assert_cmpstr (find_detail (details, "Address"), ==,
                     msa_server_check_get_address (check));
  }

  /* The check is the wizard's, for the pages after this one. */
  g_assert_nonnull (msa_wizard_state_get_check (fixture->state));
  g_assert_true (msa_profile_check_get_passed (msa_wizard_state_get_check (fixture->state)));

  /* Shown again: the finished check stays, nothing runs again. */
  msa_page_hidden (MSA_PAGE (fixture->page));
  msa_page_shown (MSA_PAGE (fixture->page));
  g_assert_false (msa_check_page_get_running (fixture->page));
  g_assert_cmpint (msa_server_check_get_state (card_check (fixture->page, 0)), ==,
                   MSA_CHECK_STATE_PASSED);

  /* The diagnostic report, as --check prints it. */
  msa_check_page_copy_report (fixture->page);
  report = msa_ui_test_read_clipboard (GTK_WIDGET (fixture->page));
  g_assert_nonnull (strstr (report, "localhost"));
  g_assert_nonnull (strstr (report, "Test provider"));
  /* Nothing of the user's own: no address, so no user name either. */
  g_assert_null (strstr (report, "anna.secret"));
}

static void
test_check_page_pop3_passes (Fixture       *fixture,
                             gconstpointer  data)
{
  msa_wizard_state_set_incoming_protocol (fixture->state, MSA_PROTOCOL_POP3);
  msa_page_shown (MSA_PAGE (fixture->page));
  wait_for_check (fixture->page);

  g_assert_cmpuint (msa_check_page_get_n_cards (fixture->page), ==, 2);
  assert_card_passed (fixture->page, 0, MSA_PROTOCOL_POP3);
  assert_card_passed (fixture->page, 1, MSA_PROTOCOL_SMTP);
  g_assert_true (msa_page_get_complete (MSA_PAGE (fixture->page)));
}

/* A profile of an IMAP SSL server at @imap_port and the fixture's good
 * SMTP server. */
static MsaProfile *
profile_with_imap_port (guint16 imap_port)
{
  MsaProfile *profile = msa_profile_new ("localhost", "Test provider");
  g_autoptr(MsaServer) imap = msa_server_new (MSA_PROTOCOL_IMAP, "localhost", imap_port,
                                              MSA_SECURITY_SSL);
  g_autoptr(MsaServer) smtp =
    msa_server_new (MSA_PROTOCOL_SMTP, "localhost",
                    msa_test_servers_get_port (servers, MSA_TEST_SERVICE_SMTPS),
                    MSA_SECURITY_SSL);

  msa_profile_add_server (profile, imap);
  msa_profile_add_server (profile, smtp);

  return profile;
}

static void
test_check_page_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) refused = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_REFUSED, &error);
  g_autoptr(MsaProfile) profile = NULL;
  MsaServerCard *card;
  MsaCheckError code;

  g_assert_no_error (error);
  profile = profile_with_imap_port (msa_fake_server_get_port (refused));
  msa_wizard_state_set_profile (fixture->state, profile, FALSE);

  msa_page_shown (MSA_PAGE (fixture->page));
  wait_for_check (fixture->page);

  /* The failure card, with the error's own sentence ... */
  card = msa_check_page_get_card (fixture->page, 0);
  g_assert_cmpint (msa_server_check_get_state (msa_server_card_get_check (card)), ==,
                   MSA_CHECK_STATE_FAILED);
  g_assert_true (msa_server_check_get_error_code (msa_server_card_get_check (card), &code));
  g_assert_cmpint (code, ==, MSA_CHECK_ERROR_CONNECTION_REFUSED);
  g_assert_cmpstr (msa_server_card_get_verdict_title (card), ==,
                   msa_check_error_get_title (MSA_CHECK_ERROR_CONNECTION_REFUSED));
  g_assert_cmpstr (msa_server_card_get_verdict_text (card), ==,
                   msa_check_error_get_advice (MSA_CHECK_ERROR_CONNECTION_REFUSED));
  g_assert_cmpint (msa_server_card_get_shown_step (card, MSA_CHECK_STEP_CONNECT), ==,
                   MSA_STEP_STATE_FAILED);

  /* ... beside the other server's success; and the user may go on. */
  assert_card_passed (fixture->page, 1, MSA_PROTOCOL_SMTP);
  g_assert_cmpstr (msa_check_page_get_verdict_title (fixture->page), ==,
                   "A Server Did Not Pass the Check");
  g_assert_true (msa_page_get_complete (MSA_PAGE (fixture->page)));

  /* Retry checks again, with a new check. */
  {
    MsaProfileCheck *first = msa_wizard_state_get_check (fixture->state);

    msa_check_page_start (fixture->page);
    g_assert_true (msa_check_page_get_running (fixture->page));
    wait_for_check (fixture->page);
    g_assert_true (msa_wizard_state_get_check (fixture->state) != first);
    g_assert_cmpstr (msa_server_card_get_verdict_title (msa_check_page_get_card (fixture->page, 0)),
                     ==, msa_check_error_get_title (MSA_CHECK_ERROR_CONNECTION_REFUSED));
  }
}

static void
assert_all_cancelled (MsaCheckPage *page)
{
  g_assert_false (msa_check_page_get_running (page));
  g_assert_cmpuint (msa_check_page_get_n_cards (page), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      MsaServerCheck *check = card_check (page, i);
      MsaCheckError code;

      g_assert_cmpint (msa_server_check_get_state (check), ==, MSA_CHECK_STATE_FAILED);
      g_assert_true (msa_server_check_get_error_code (check, &code));
      /* Cancelled, not ended by the 10 s deadline. */
      g_assert_cmpint (code, ==, MSA_CHECK_ERROR_CANCELLED);
      for (MsaCheckStep step = 0; step < MSA_CHECK_N_STEPS; step++)
        g_assert_cmpint (msa_server_card_get_shown_step (msa_check_page_get_card (page, i), step),
                         !=, MSA_STEP_STATE_RUNNING);
    }
  g_assert_cmpstr (msa_check_page_get_verdict_title (page), ==, "Check Cancelled");
  g_assert_true (msa_page_get_complete (MSA_PAGE (page)));
}

/* Two servers that accept the connection and then say nothing: without a
 * cancel, both checks would wait for their deadline. */
static void
start_silent_check (Fixture        *fixture,
                    MsaFakeServer **imap,
                    MsaFakeServer **smtp)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) profile = msa_profile_new ("localhost", "Test provider");
  g_autoptr(MsaServer) imap_server = NULL;
  g_autoptr(MsaServer) smtp_server = NULL;

  *imap = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_SILENT, &error);
  g_assert_no_error (error);
  *smtp = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_SILENT, &error);
  g_assert_no_error (error);

  imap_server = msa_server_new (MSA_PROTOCOL_IMAP, "localhost",
                                msa_fake_server_get_port (*imap), MSA_SECURITY_SSL);
  smtp_server = msa_server_new (MSA_PROTOCOL_SMTP, "localhost",
                                msa_fake_server_get_port (*smtp), MSA_SECURITY_SSL);
  msa_profile_add_server (profile, imap_server);
  msa_profile_add_server (profile, smtp_server);
  msa_wizard_state_set_profile (fixture->state, profile, FALSE);

  msa_page_shown (MSA_PAGE (fixture->page));
  g_assert_true (msa_check_page_get_running (fixture->page));

  /* Wait until both servers have a connection: the checks are in the TLS
   * handshake, where only a cancel or the deadline ends them. */
  {
    guint connected = 0;
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    while (connected < 2 && g_get_monotonic_time () < deadline)
      {
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
        connected = (msa_fake_server_get_n_connections (*imap) > 0) +
                    (msa_fake_server_get_n_connections (*smtp) > 0);
      }
    g_assert_cmpuint (connected, ==, 2);
  }
  g_assert_true (msa_check_page_get_running (fixture->page));
}

static void
test_check_page_cancel (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MsaFakeServer) imap = NULL;
  g_autoptr(MsaFakeServer) smtp = NULL;

  start_silent_check (fixture, &imap, &smtp);

  msa_check_page_cancel (fixture->page);
  wait_for_check (fixture->page);
  assert_all_cancelled (fixture->page);

  /* Shown again after a cancel: it checks again. */
  msa_page_shown (MSA_PAGE (fixture->page));
  g_assert_true (msa_check_page_get_running (fixture->page));
  msa_check_page_cancel (fixture->page);
  wait_for_check (fixture->page);
}

static void
test_check_page_hidden_cancels (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(MsaFakeServer) imap = NULL;
  g_autoptr(MsaFakeServer) smtp = NULL;

  start_silent_check (fixture, &imap, &smtp);

  /* The user went back: the check ends with the page. */
  msa_page_hidden (MSA_PAGE (fixture->page));
  wait_for_check (fixture->page);
  assert_all_cancelled (fixture->page);
}

static void
test_check_page_window_cancellable (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GCancellable) window_cancellable = g_cancellable_new ();
  g_autoptr(MsaFakeServer) imap = NULL;
  g_autoptr(MsaFakeServer) smtp = NULL;

  msa_page_set_cancellable (MSA_PAGE (fixture->page), window_cancellable);
  start_silent_check (fixture, &imap, &smtp);

  /* The window went away: its cancellable ends the page's check. */
  g_cancellable_cancel (window_cancellable);
  wait_for_check (fixture->page);
  assert_all_cancelled (fixture->page);
}

int
main (int   argc,
      char *argv[])
{
  const char *services[] = { "imaps", "pop3s", "smtps", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  msa_ui_test_init (&argc, &argv);

  servers = msa_test_servers_start (&error);
  g_assert_no_error (error);
  fixture_profile = msa_test_servers_write_profile (servers, services, &error);
  g_assert_no_error (error);

  g_test_add_func ("/check-page/new-destroy", test_check_page_new_destroy);
  g_test_add ("/check-page/imap-passes", Fixture, NULL,
              fixture_set_up, test_check_page_imap_passes, fixture_tear_down);
  g_test_add ("/check-page/pop3-passes", Fixture, NULL,
              fixture_set_up, test_check_page_pop3_passes, fixture_tear_down);
  g_test_add ("/check-page/refused", Fixture, NULL,
              fixture_set_up, test_check_page_refused, fixture_tear_down);
  g_test_add ("/check-page/cancel", Fixture, NULL,
              fixture_set_up, test_check_page_cancel, fixture_tear_down);
  g_test_add ("/check-page/hidden-cancels", Fixture, NULL,
              fixture_set_up, test_check_page_hidden_cancels, fixture_tear_down);
  g_test_add ("/check-page/window-cancellable", Fixture, NULL,
              fixture_set_up, test_check_page_window_cancellable, fixture_tear_down);

  status = g_test_run ();

  msa_test_servers_stop (servers);
  g_free (fixture_profile);

  return status;
}
