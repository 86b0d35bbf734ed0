/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The server check page against real servers: the fixture's Dovecot and
 * Postfix on loopback with the test CA (through the wizard state's
 * ca-file), and in-process fake servers for refused and silent ports. */
#include "config.h"

#include <adwaita.h>

#include "msa-fake-server.h"
#include "msa-test-servers.h"
#include "msa-ui-test.h"
#include "msa-application.h"
#include "msa-autoconfig.h"
#include "msa-window-private.h"
#include "pages/msa-check-page-private.h"
#include "widgets/msa-server-card-private.h"

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

  fixture->page = MSA_CHECK_PAGE (msa_check_page_new (fixture->state));

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

/* Waits until the running check ends, however it ends. */
static void
wait_for_check (MsaCheckPage *page)
{
  g_assert_true (msa_ui_test_wait_check_page (page, 60));
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

/* The label with @text in @widget's tree, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

/* The server cards in the page's widget tree, found without the page's
 * getters (which build cards still waiting for a frame). */
static void
collect_cards (GtkWidget *widget,
               GPtrArray *cards)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (MSA_IS_SERVER_CARD (child))
        g_ptr_array_add (cards, child);
      collect_cards (child, cards);
    }
}

static void
on_after_paint_count_cards_cb (GdkFrameClock *frame_clock,
                               int           *cards_at_first_frame)
{
  if (*cards_at_first_frame < 0)
    {
      GtkWidget *page = g_object_get_data (G_OBJECT (frame_clock), "msa-test-page");
      g_autoptr(GPtrArray) cards = g_ptr_array_new ();

      collect_cards (page, cards);
      *cards_at_first_frame = (int) cards->len;
    }
}

/* Shown in a window, the page draws its first frame without cards and
 * adds them one a frame after it: they arrive by themselves, bound to
 * the checks of the run, which the page keeps running meanwhile. */
static void
test_check_page_cards_follow_frame (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  int cards_at_first_frame = -1;
  graphene_rect_t first_alone = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  graphene_rect_t first_beside;
  GdkFrameClock *frame_clock;
  gulong after_paint_id;
  gint64 deadline;
  GListModel *checks;

  msa_wizard_state_set_incoming_protocol (fixture->state, MSA_PROTOCOL_IMAP);
  for (guint i = 0; i < 1000 && !gtk_widget_get_mapped (GTK_WIDGET (fixture->page)); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->page)));

  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->page));
  g_object_set_data (G_OBJECT (frame_clock), "msa-test-page", fixture->page);
  after_paint_id = g_signal_connect (frame_clock, "after-paint",
                                     G_CALLBACK (on_after_paint_count_cards_cb),
                                     &cards_at_first_frame);
  msa_page_shown (MSA_PAGE (fixture->page));
  g_assert_true (msa_check_page_get_running (fixture->page));
  collect_cards (GTK_WIDGET (fixture->page), cards);
  g_assert_cmpuint (cards->len, ==, 0);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (cards->len < 2 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      g_ptr_array_set_size (cards, 0);
      collect_cards (GTK_WIDGET (fixture->page), cards);
      /* The first card, drawn alone: already in its own column. */
      if (cards->len == 1 && gtk_widget_get_width (g_ptr_array_index (cards, 0)) > 0)
        g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (cards, 0),
                                                  gtk_widget_get_parent (g_ptr_array_index (cards, 0)),
                                                  &first_alone));
    }
  g_assert_cmpuint (cards->len, ==, 2);
  g_signal_handler_disconnect (frame_clock, after_paint_id);
  g_assert_cmpint (cards_at_first_frame, ==, 0);

  /* The second card took the second column and left the first where it
   * was: its frame laid out and drew that card alone. */
  for (guint i = 0; i < 1000 && gtk_widget_get_width (g_ptr_array_index (cards, 1)) == 0; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (cards, 0),
                                            gtk_widget_get_parent (g_ptr_array_index (cards, 0)),
                                            &first_beside));
  g_test_message ("the first card alone: %.0f px wide at %.0f; beside the second: %.0f px at %.0f",
                  first_alone.size.width, first_alone.origin.x,
                  first_beside.size.width, first_beside.origin.x);
  g_assert_cmpfloat (first_alone.size.width, >, 0);
  g_assert_cmpfloat (first_alone.size.width, <, gtk_widget_get_width (gtk_widget_get_parent (g_ptr_array_index (cards, 0))) / 2.0);
  g_assert_cmpfloat (first_alone.size.width, ==, first_beside.size.width);
  g_assert_cmpfloat (first_alone.origin.x, ==, first_beside.origin.x);

  checks = msa_profile_check_get_checks (msa_wizard_state_get_check (fixture->state));
  for (guint i = 0; i < cards->len; i++)
    {
      g_autoptr(MsaServerCheck) check = g_list_model_get_item (checks, i);

      g_assert_true (msa_server_card_get_check (g_ptr_array_index (cards, i)) == check);
    }

  wait_for_check (fixture->page);
  g_assert_cmpuint (msa_check_page_get_n_cards (fixture->page), ==, 2);
  assert_card_passed (fixture->page, 0, MSA_PROTOCOL_IMAP);
  assert_card_passed (fixture->page, 1, MSA_PROTOCOL_SMTP);
}

static void
test_check_page_new_destroy (void)
{
  GtkWidget *page = g_object_ref_sink (msa_check_page_new (NULL));

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
  /* A profile with both kinds of server: nothing said to be missing. */
  g_assert_cmpstr (msa_check_page_get_description (fixture->page), ==,
                   "Your provider’s servers answered over SSL/TLS with trusted certificates. "
                   "The next page shows what to enter in Thunderbird.");

  /* Details: the certificate's names one a line, the greeting as the
   * server sent it, as plain text. */
  {
    MsaServerCard *card = msa_check_page_get_card (fixture->page, 0);
    MsaServerCheck *check = msa_server_card_get_check (card);
    MsaCertificate *certificate = msa_server_check_get_certificate (check);
    g_autofree char *names = g_strjoinv ("\n", (char **) msa_certificate_get_dns_names (certificate));
    GtkWidget *details = GTK_WIDGET (card);

    msa_server_card_set_details_expanded (card, TRUE);

    g_assert_cmpstr (find_detail (details, "Server names in the certificate"), ==, names);
    g_assert_cmpstr (find_detail (details, "SHA-256 fingerprint"), ==,
                     msa_certificate_get_sha256 (certificate));
    g_assert_cmpstr (find_detail (details, "Server greeting"), ==,
                     msa_server_check_get_greeting (check));
    g_assert_cmpstr (find_detail (details, "Address"), ==,
                     msa_server_check_get_address (check));
  }

  /* 1024 px wide: the cards side by side, in columns of one width. */
  {
    GtkWidget *first = GTK_WIDGET (msa_check_page_get_card (fixture->page, 0));
    GtkWidget *second = GTK_WIDGET (msa_check_page_get_card (fixture->page, 1));
    graphene_rect_t a, b;

    for (guint i = 0; i < 1000 && gtk_widget_get_width (first) == 0; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (gtk_widget_compute_bounds (first, GTK_WIDGET (fixture->page), &a));
    g_assert_true (gtk_widget_compute_bounds (second, GTK_WIDGET (fixture->page), &b));
    g_assert_cmpfloat (a.origin.y, ==, b.origin.y);
    g_assert_cmpfloat (a.size.width, ==, b.size.width);
    g_assert_cmpfloat (b.origin.x, >=, a.origin.x + a.size.width);
  }

  /* The details are shown only while open (GTK would measure rows under
   * a closed expander too); activating the "Details" row, as a click or
   * Enter does, opens and closes them. */
  {
    MsaServerCard *card = msa_check_page_get_card (fixture->page, 0);
    GtkWidget *details = gtk_widget_get_ancestor (find_label (GTK_WIDGET (card), "Details"),
                                                  GTK_TYPE_LIST_BOX_ROW);
    GtkWidget *row;

    msa_server_card_set_details_expanded (card, FALSE);
    g_assert_true (GTK_IS_LIST_BOX_ROW (details));
    g_assert_true (gtk_widget_get_sensitive (details));
    g_assert_false (msa_server_card_get_details_expanded (card));
    g_assert_true (gtk_widget_activate (details));
    row = gtk_widget_get_ancestor (find_label (GTK_WIDGET (card), "Address"), GTK_TYPE_LIST_BOX_ROW);
    g_assert_true (GTK_IS_LIST_BOX_ROW (row));
    g_assert_true (msa_server_card_get_details_expanded (card));
    g_assert_true (gtk_widget_get_visible (row));
    g_assert_true (gtk_widget_get_state_flags (details) & GTK_STATE_FLAG_CHECKED);
    g_assert_true (gtk_widget_activate (details));
    g_assert_false (msa_server_card_get_details_expanded (card));
    g_assert_false (gtk_widget_get_visible (row));

    /* A new run closes them: there is nothing to show while it runs. */
    {
      MsaServerCheck *old_check = msa_server_card_get_check (card);
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      msa_server_card_set_details_expanded (card, TRUE);
      msa_check_page_start (fixture->page);
      while (msa_server_card_get_check (card) == old_check && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (msa_server_card_get_check (card) != old_check);
    }
    g_assert_false (msa_server_card_get_details_expanded (card));
    g_assert_false (gtk_widget_get_sensitive (details));
    g_assert_false (gtk_widget_get_visible (row));
    wait_for_check (fixture->page);
    g_assert_true (gtk_widget_get_sensitive (details));
  }

  /* Again: the same cards show the new run. */
  {
    MsaServerCard *card = msa_check_page_get_card (fixture->page, 0);

    msa_check_page_start (fixture->page);
    wait_for_check (fixture->page);
    g_assert_true (msa_check_page_get_card (fixture->page, 0) == card);
    assert_card_passed (fixture->page, 0, MSA_PROTOCOL_IMAP);
    assert_card_passed (fixture->page, 1, MSA_PROTOCOL_SMTP);
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
  /* What a support person asks first: version, time, system, mail
   * program, account type, profile. */
  g_assert_true (g_str_has_prefix (report, "Mail SSL Assistant " PACKAGE_VERSION "\n"));
  g_assert_nonnull (strstr (report, " UTC\n"));
  g_assert_nonnull (strstr (report, "\nSystem: "));
  g_assert_nonnull (strstr (report, "\nMail program: "));
  g_assert_nonnull (strstr (report, "\nAccount type: IMAP\n"));
  g_assert_nonnull (strstr (report, "\nProfile: servers typed by hand\n"));
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
/* A profile with only an outgoing server: the check passes and says what
 * the profile lacks. */
static void
test_check_page_outgoing_only (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(MsaProfile) profile = msa_profile_new ("localhost", "Test provider");
  g_autoptr(MsaServer) smtp =
    msa_server_new (MSA_PROTOCOL_SMTP, "localhost",
                    msa_test_servers_get_port (servers, MSA_TEST_SERVICE_SMTPS),
                    MSA_SECURITY_SSL);

  msa_profile_add_server (profile, smtp);
  msa_wizard_state_set_profile (fixture->state, profile, FALSE);

  msa_page_shown (MSA_PAGE (fixture->page));
  wait_for_check (fixture->page);

  g_assert_cmpuint (msa_check_page_get_n_cards (fixture->page), ==, 1);
  assert_card_passed (fixture->page, 0, MSA_PROTOCOL_SMTP);
  g_assert_cmpstr (msa_check_page_get_verdict_title (fixture->page), ==,
                   "Encrypted Connections Work");
  g_assert_true (g_str_has_suffix (msa_check_page_get_description (fixture->page),
                                   "These settings name no encrypted incoming server (IMAP or POP3): "
                                   "the assistant can help only with the outgoing server."));
}

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
  /* The heading says which one failed. */
  g_assert_cmpstr (msa_check_page_get_verdict_title (fixture->page), ==,
                   "The Incoming Server Did Not Pass the Check");
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

  /* A page made as the window makes it, with the window's cancellable. */
  fixture->page = MSA_CHECK_PAGE (g_object_new (MSA_TYPE_CHECK_PAGE,
                                                "state", fixture->state,
                                                "cancellable", window_cancellable,
                                                NULL));
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  start_silent_check (fixture, &imap, &smtp);

  /* The window went away: its cancellable ends the page's check. */
  g_cancellable_cancel (window_cancellable);
  wait_for_check (fixture->page);
  assert_all_cancelled (fixture->page);
}

/* The check page's place in the wizard. */
#define CHECK_PAGE_INDEX 4

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* From the top of the page, Tab reaches "Copy Diagnostic Report" in a few
 * stops, each a control that does something: no step row, no label but
 * the verdict (which takes the focus to be read), nothing twice. */
static void
test_check_page_tab_stops (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *copy = msa_check_page_get_copy_report_button (fixture->page);
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();
  GtkWidget *focus = NULL;

  msa_page_shown (MSA_PAGE (fixture->page));
  wait_for_check (fixture->page);
  /* The cards are in the window from its next frame. */
  msa_ui_test_run_for (300);
  gtk_root_set_focus (GTK_ROOT (fixture->window), NULL);

  for (guint i = 0; i < 40 && focus != copy; i++)
    {
      g_assert_true (gtk_widget_child_focus (fixture->window, GTK_DIR_TAB_FORWARD));
      focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
      g_assert_nonnull (focus);
      g_test_message ("Tab %u: %s %s", i + 1, G_OBJECT_TYPE_NAME (focus),
                      GTK_IS_BUTTON (focus) ? gtk_button_get_label (GTK_BUTTON (focus))
                      : GTK_IS_LABEL (focus) ? gtk_label_get_text (GTK_LABEL (focus)) : "");
      g_assert_false (g_ptr_array_find (stops, focus, NULL));
      g_assert_true (GTK_IS_BUTTON (focus) ||
                     (GTK_IS_LIST_BOX_ROW (focus) &&
                      gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (focus))) ||
                     (GTK_IS_LABEL (focus) &&
                      g_str_equal (gtk_label_get_text (GTK_LABEL (focus)),
                                   msa_check_page_get_verdict_title (fixture->page))));
      g_ptr_array_add (stops, focus);
    }
  g_assert_true (focus == copy);
  /* The verdict, each card's details, Check Again, then Copy. */
  g_assert_cmpuint (stops->len, <=, 5);

  /* Shift+Tab goes back through the same stops. */
  for (guint i = stops->len - 1; i > 0; i--)
    {
      g_assert_true (gtk_widget_child_focus (fixture->window, GTK_DIR_TAB_BACKWARD));
      g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == g_ptr_array_index (stops, i - 1));
    }
}

/* The "copied" toast at the page's bottom never covers the button that
 * raised it, even with the page scrolled to its very end in a small
 * window. */
static void
test_check_page_toast_uncovers (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *copy = msa_check_page_get_copy_report_button (fixture->page);
  GtkWidget *overlay = find_descendant (GTK_WIDGET (fixture->page), ADW_TYPE_TOAST_OVERLAY);
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (find_descendant (GTK_WIDGET (fixture->page),
                                                                      GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  GtkWidget *toast = NULL;
  graphene_rect_t button, toast_bounds;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 480);
  msa_page_shown (MSA_PAGE (fixture->page));
  wait_for_check (fixture->page);
  msa_ui_test_run_for (200);

  /* The page's end: the button at the window's bottom edge. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  msa_ui_test_run_for (100);
  g_assert_true (gtk_widget_compute_bounds (copy, overlay, &button));
  g_test_message ("before: button ends at %.0f of %d px",
                  button.origin.y + button.size.height, gtk_widget_get_height (overlay));
  g_assert_cmpfloat (button.origin.y + button.size.height, >, gtk_widget_get_height (overlay) - 80);

  g_signal_emit_by_name (copy, "clicked");
  msa_ui_test_run_for (1000);

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget"))
      toast = child;
  g_assert_nonnull (toast);
  g_assert_true (gtk_widget_compute_bounds (copy, overlay, &button));
  g_assert_true (gtk_widget_compute_bounds (toast, overlay, &toast_bounds));
  g_test_message ("after: button ends at %.0f, the toast starts at %.0f",
                  button.origin.y + button.size.height, toast_bounds.origin.y);
  g_assert_cmpfloat (button.origin.y + button.size.height, <=, toast_bounds.origin.y);
  g_assert_true (gtk_widget_get_mapped (copy));
}

static MsaCheckPage *
window_check_page (MsaApplication *app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_assert_true (MSA_IS_WINDOW (windows->data));
  g_assert_cmpuint (msa_window_get_page_index (windows->data), ==, CHECK_PAGE_INDEX);
  return MSA_CHECK_PAGE (msa_window_get_page (windows->data, CHECK_PAGE_INDEX));
}

static void
assert_page_passed (MsaCheckPage    *page,
                    MsaProfileCheck *check)
{
  g_assert_false (msa_check_page_get_running (page));
  g_assert_true (msa_page_get_complete (MSA_PAGE (page)));
  g_assert_true (msa_profile_check_get_passed (check));
  g_assert_cmpuint (msa_check_page_get_n_cards (page), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      MsaServerCard *card = msa_check_page_get_card (page, i);

      g_assert_cmpint (msa_server_check_get_state (msa_server_card_get_check (card)), ==,
                       MSA_CHECK_STATE_PASSED);
      for (MsaCheckStep step = 0; step < MSA_CHECK_N_STEPS; step++)
        g_assert_cmpint (msa_server_card_get_shown_step (card, step), ==, MSA_STEP_STATE_DONE);
    }
}

/* The language switch rebuilds the window, and the old window cancels
 * the check it was running: the new window's page checks again, to the
 * end.  A check that had ended is shown by the next window as it is. */
static void
test_check_page_language_switch (void)
{
  g_autoptr(MsaProfile) profile = load_fixture_profile ();
  g_autoptr(MsaProfileCheck) old_check = NULL;
  g_autoptr(GError) error = NULL;
  MsaApplication *app;
  MsaWizardState *state;
  MsaCheckPage *page;
  MsaCheckPage *old_page;
  MsaProfileCheck *check;
  GList *windows;
  gboolean started = FALSE;
  gboolean cancelled = FALSE;

  app = g_object_new (MSA_TYPE_APPLICATION,
                      "application-id", "io.github.mailssl.Assistant.TestCheckPage",
                      "resource-base-path", RESOURCE_BASE,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  state = msa_application_get_state (app);
  msa_wizard_state_set_profile (state, profile, FALSE);
  msa_wizard_state_set_incoming_protocol (state, MSA_PROTOCOL_IMAP);
  msa_wizard_state_set_ca_file (state, msa_test_servers_get_ca_file (servers));

  g_application_activate (G_APPLICATION (app));
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  msa_window_set_page_index (windows->data, CHECK_PAGE_INDEX);
  page = window_check_page (app);
  g_assert_true (msa_check_page_get_running (page));

  /* Switched while the servers are being checked. */
  for (guint i = 0; i < 100000 && !started; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      started = msa_wizard_state_get_check (state) != NULL;
    }
  g_assert_true (started);
  g_assert_true (msa_check_page_get_running (page));
  old_check = g_object_ref (msa_wizard_state_get_check (state));

  old_page = page;
  g_object_add_weak_pointer (G_OBJECT (old_page), (gpointer *) &old_page);
  g_action_group_activate_action (G_ACTION_GROUP (app), "language", g_variant_new_string ("de"));
  page = window_check_page (app);
  g_assert_true (page != old_page);
  wait_for_check (page);
  for (guint i = 0; i < 1000 && old_page != NULL; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (old_page);

  /* The old window's check was cut off; the new one ran to the end. */
  check = msa_wizard_state_get_check (state);
  g_assert_true (check != old_check);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MsaServerCheck) server_check =
        g_list_model_get_item (msa_profile_check_get_checks (old_check), i);
      MsaCheckError code;

      if (msa_server_check_get_error_code (server_check, &code) && code == MSA_CHECK_ERROR_CANCELLED)
        cancelled = TRUE;
    }
  g_test_message ("the old window's check was %s", cancelled ? "cancelled" : "already done");
  assert_page_passed (page, check);

  /* Switched back after the check ended: the finished check stays. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "language", g_variant_new_string (""));
  page = window_check_page (app);
  g_assert_false (msa_check_page_get_running (page));
  g_assert_true (msa_wizard_state_get_check (state) == check);
  assert_page_passed (page, check);
  g_assert_true (msa_server_card_get_check (msa_check_page_get_card (page, 0)) ==
                 g_list_model_get_item (msa_profile_check_get_checks (check), 0));
  g_object_unref (msa_server_card_get_check (msa_check_page_get_card (page, 0)));

  gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_object_unref (app);
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
  g_test_add ("/check-page/cards-follow-frame", Fixture, NULL,
              fixture_set_up, test_check_page_cards_follow_frame, fixture_tear_down);
  g_test_add ("/check-page/refused", Fixture, NULL,
              fixture_set_up, test_check_page_refused, fixture_tear_down);
  g_test_add ("/check-page/cancel", Fixture, NULL,
              fixture_set_up, test_check_page_cancel, fixture_tear_down);
  g_test_add ("/check-page/hidden-cancels", Fixture, NULL,
              fixture_set_up, test_check_page_hidden_cancels, fixture_tear_down);
  g_test_add ("/check-page/window-cancellable", Fixture, NULL,
              fixture_set_up, test_check_page_window_cancellable, fixture_tear_down);
  g_test_add ("/check-page/outgoing-only", Fixture, NULL,
              fixture_set_up, test_check_page_outgoing_only, fixture_tear_down);
  g_test_add ("/check-page/tab-stops", Fixture, NULL,
              fixture_set_up, test_check_page_tab_stops, fixture_tear_down);
  g_test_add ("/check-page/toast-uncovers", Fixture, NULL,
              fixture_set_up, test_check_page_toast_uncovers, fixture_tear_down);
  g_test_add_func ("/check-page/language-switch", test_check_page_language_switch);

  status = g_test_run ();

  msa_test_servers_stop (servers);
  g_free (fixture_profile);

  return status;
}
