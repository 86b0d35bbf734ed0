/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "msa-fake-server.h"
#include "msa-ui-test.h"
#include "widgets/msa-server-card-private.h"
#include "widgets/msa-text-block.h"
#include "widgets/msa-text-layout.h"

static void
test_server_card_new_destroy (void)
{
  GtkWidget *card = g_object_ref_sink (msa_server_card_new (NULL));

  g_assert_null (msa_server_card_get_check (MSA_SERVER_CARD (card)));
  g_assert_finalize_object (card);
}

/* The column of a row's texts: its width does not depend on the height it
 * is given (which is what spares GTK's horizontal boxes their binary
 * search), and its height is its children's, with the spacing. */
static void
test_text_block (void)
{
  GtkWidget *block = g_object_ref_sink (msa_text_block_new (3));
  GtkWidget *title = gtk_label_new ("Encryption works");
  GtkWidget *text = gtk_label_new ("The server answered over SSL/TLS with a valid certificate "
                                   "that your system trusts.");
  int min, nat, min_for, nat_for, title_h, text_h, block_h;

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  msa_text_block_append (MSA_TEXT_BLOCK (block), title);
  msa_text_block_append (MSA_TEXT_BLOCK (block), text);
  g_assert_cmpint (msa_text_block_get_spacing (MSA_TEXT_BLOCK (block)), ==, 3);
  g_assert_cmpint (gtk_widget_get_request_mode (block), ==, GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH);
  g_assert_cmpstr (gtk_widget_get_css_name (block), ==, "box");

  gtk_widget_measure (block, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (block, GTK_ORIENTATION_HORIZONTAL, 40, &min_for, &nat_for, NULL, NULL);
  g_assert_cmpint (min, >, 0);
  g_assert_cmpint (nat, >, min);
  g_assert_cmpint (min_for, ==, min);
  g_assert_cmpint (nat_for, ==, nat);

  gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, 150, NULL, &title_h, NULL, NULL);
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, 150, NULL, &text_h, NULL, NULL);
  gtk_widget_measure (block, GTK_ORIENTATION_VERTICAL, 150, NULL, &block_h, NULL, NULL);
  g_assert_cmpint (text_h, >, title_h);
  g_assert_cmpint (block_h, ==, title_h + 3 + text_h);

  /* A hidden child takes neither room nor spacing. */
  gtk_widget_set_visible (text, FALSE);
  gtk_widget_measure (block, GTK_ORIENTATION_VERTICAL, 150, NULL, &block_h, NULL, NULL);
  g_assert_cmpint (block_h, ==, title_h);

  msa_text_block_set_spacing (MSA_TEXT_BLOCK (block), 6);
  g_assert_cmpint (msa_text_block_get_spacing (MSA_TEXT_BLOCK (block)), ==, 6);
  g_assert_finalize_object (block);
}

/* libadwaita's rows get the same layout for their title and subtitle;
 * what is not such a row is left alone. */
static void
test_text_layout_adopt_row (void)
{
  GtkWidget *list = g_object_ref_sink (gtk_list_box_new ());
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *entry = adw_entry_row_new ();
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("Port"));
  int min, nat, min_for, nat_for;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Incoming server");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "sslin.df.eu, the server your program fetches mail from");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), "Details");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_list_box_append (GTK_LIST_BOX (list), expander);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);

  g_assert_false (msa_text_layout_adopt_row (label));
  /* The action row, and the one inside the expander row's header. */
  g_assert_cmpuint (msa_text_layout_adopt_rows (list), ==, 2);
  g_assert_true (msa_text_layout_adopt_row (row));
  g_assert_cmpuint (msa_text_layout_adopt_rows (list), ==, 2);

  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, 60, &min_for, &nat_for, NULL, NULL);
  g_assert_cmpint (min, >, 0);
  g_assert_cmpint (min_for, ==, min);
  g_assert_cmpint (nat_for, ==, nat);

  g_assert_finalize_object (label);
  g_assert_finalize_object (list);
}

static void
test_server_card_idle (void)
{
  g_autoptr(MsaServer) server = msa_server_new (MSA_PROTOCOL_IMAP, "sslin.df.eu", 993,
                                                MSA_SECURITY_SSL);
  MsaServerCheck *check = msa_server_check_new (server, NULL, 0);
  GtkWidget *card = g_object_ref_sink (msa_server_card_new (check));

  g_assert_true (msa_server_card_get_check (MSA_SERVER_CARD (card)) == check);
  g_assert_cmpstr (msa_server_card_get_verdict_title (MSA_SERVER_CARD (card)), ==,
                   "Not checked yet");
  for (MsaCheckStep step = 0; step < MSA_CHECK_N_STEPS; step++)
    g_assert_cmpint (msa_server_card_get_shown_step (MSA_SERVER_CARD (card), step), ==,
                     MSA_STEP_STATE_PENDING);

  /* The card lets go of the check: both are finalized. */
  g_assert_finalize_object (card);
  g_assert_finalize_object (check);
}

typedef struct
{
  MsaServerCard  *card;
  MsaServerCheck *check;
  guint           n_changes;
  guint           n_running_seen;
  gboolean        done;
} LiveData;

/* Connected after the card, so the card has updated when this runs: what
 * it shows must be what the check says, at every change. */
static void
on_step_changed_cb (MsaServerCheck *check,
                    guint           step,
                    gpointer        user_data)
{
  LiveData *data = user_data;

  data->n_changes++;
  g_assert_cmpint (msa_server_card_get_shown_step (data->card, step), ==,
                   msa_server_check_get_step_state (check, step));
  if (msa_server_check_get_step_state (check, step) == MSA_STEP_STATE_RUNNING)
    data->n_running_seen++;
}

static void
on_run_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LiveData *data = user_data;

  msa_server_check_run_finish (MSA_SERVER_CHECK (source), result, NULL);
  data->done = TRUE;
}

static void
test_server_card_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) fake = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_REFUSED, &error);
  g_autoptr(MsaServer) server = NULL;
  g_autoptr(MsaServerCheck) check = NULL;
  g_autoptr(GtkWidget) card = NULL;
  LiveData data = { 0 };

  g_assert_no_error (error);
  server = msa_server_new (MSA_PROTOCOL_IMAP, "localhost", msa_fake_server_get_port (fake),
                           MSA_SECURITY_SSL);
  check = msa_server_check_new (server, NULL, 5);
  card = g_object_ref_sink (msa_server_card_new (check));

  data.card = MSA_SERVER_CARD (card);
  data.check = check;
  g_signal_connect (check, "step-changed", G_CALLBACK (on_step_changed_cb), &data);

  msa_server_check_run_async (check, NULL, on_run_cb, &data);
  g_assert_true (msa_ui_test_wait (&data.done, 30));

  g_assert_cmpuint (data.n_changes, >, 0);
  g_assert_cmpuint (data.n_running_seen, >, 0);
  g_assert_cmpint (msa_server_check_get_state (check), ==, MSA_CHECK_STATE_FAILED);

  /* The failure card: the connection step failed, and the verdict is
   * the error's own sentence: what it means and what to do. */
  g_assert_cmpint (msa_server_card_get_shown_step (data.card, MSA_CHECK_STEP_RESOLVE), ==,
                   MSA_STEP_STATE_DONE);
  g_assert_cmpint (msa_server_card_get_shown_step (data.card, MSA_CHECK_STEP_CONNECT), ==,
                   MSA_STEP_STATE_FAILED);
  g_assert_cmpint (msa_server_card_get_shown_step (data.card, MSA_CHECK_STEP_TLS), !=,
                   MSA_STEP_STATE_DONE);
  g_assert_cmpstr (msa_server_card_get_verdict_title (data.card), ==,
                   msa_check_error_get_title (MSA_CHECK_ERROR_CONNECTION_REFUSED));
  g_assert_cmpstr (msa_server_card_get_verdict_text (data.card), ==,
                   msa_check_error_get_advice (MSA_CHECK_ERROR_CONNECTION_REFUSED));
}

static void
test_server_card_plain_on_ssl (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) fake = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_PLAIN_ON_SSL, &error);
  g_autoptr(MsaServer) server = NULL;
  g_autoptr(MsaServerCheck) check = NULL;
  g_autoptr(GtkWidget) card = NULL;
  LiveData data = { 0 };

  g_assert_no_error (error);
  server = msa_server_new (MSA_PROTOCOL_SMTP, "localhost", msa_fake_server_get_port (fake),
                           MSA_SECURITY_SSL);
  check = msa_server_check_new (server, NULL, 5);
  card = g_object_ref_sink (msa_server_card_new (check));
  data.card = MSA_SERVER_CARD (card);

  msa_server_check_run_async (check, NULL, on_run_cb, &data);
  g_assert_true (msa_ui_test_wait (&data.done, 30));

  g_assert_cmpint (msa_server_card_get_shown_step (data.card, MSA_CHECK_STEP_CONNECT), ==,
                   MSA_STEP_STATE_DONE);
  g_assert_cmpint (msa_server_card_get_shown_step (data.card, MSA_CHECK_STEP_TLS), ==,
                   MSA_STEP_STATE_FAILED);
  g_assert_cmpstr (msa_server_card_get_verdict_title (data.card), ==,
                   msa_check_error_get_title (MSA_CHECK_ERROR_TLS_FAILED));
}

/* The value under a detail's caption, or NULL. */
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

static void
run_certtool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

/* A certificate nobody vouches for, with two names and a hostile
 * organisation name: the card must show every detail anyway, each name
 * on its own line, and the server's text only as plain text. */
static void
test_server_card_untrusted_details (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("msa-test-card-XXXXXX", &error);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *pem = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *tmpl = g_build_filename (dir, "cert.tmpl", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(MsaFakeServer) fake = NULL;
  g_autoptr(MsaServer) server = NULL;
  g_autoptr(MsaServerCheck) check = NULL;
  g_autoptr(GtkWidget) card = NULL;
  LiveData data = { 0 };
  GtkWidget *details;
  const char *names;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (tmpl,
                                      "cn = \"localhost\"\n"
                                      "organization = \"<b>Bold</b> & Co\"\n"
                                      "dns_name = \"localhost\"\n"
                                      "dns_name = \"mail.example.test\"\n"
                                      "tls_www_server\nsigning_key\nencryption_key\n"
                                      "expiration_days = 30\n", -1, NULL));
  run_certtool ((const char * const []) { "certtool", "--generate-privkey", "--outfile", key, NULL });
  run_certtool ((const char * const []) { "certtool", "--generate-self-signed",
                                          "--load-privkey", key, "--template", tmpl,
                                          "--outfile", pem, NULL });
  certificate = g_tls_certificate_new_from_files (pem, key, &error);
  g_assert_no_error (error);

  fake = msa_fake_server_new_tls (MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS, certificate, &error);
  g_assert_no_error (error);
  server = msa_server_new (MSA_PROTOCOL_IMAP, "localhost", msa_fake_server_get_port (fake),
                           MSA_SECURITY_SSL);
  check = msa_server_check_new (server, NULL, 5);
  card = g_object_ref_sink (msa_server_card_new (check));
  data.card = MSA_SERVER_CARD (card);

  msa_server_check_run_async (check, NULL, on_run_cb, &data);
  g_assert_true (msa_ui_test_wait (&data.done, 30));

  g_assert_cmpstr (msa_server_card_get_verdict_title (data.card), ==,
                   msa_check_error_get_title (MSA_CHECK_ERROR_CERTIFICATE_UNTRUSTED));
  g_assert_cmpint (msa_server_card_get_shown_step (data.card, MSA_CHECK_STEP_CERTIFICATE), ==,
                   MSA_STEP_STATE_FAILED);

  /* The detail rows are built when the details are first opened. */
  msa_server_card_set_details_expanded (data.card, TRUE);
  details = card;
  g_assert_nonnull (details);
  names = find_detail (details, "Server names in the certificate");
  g_assert_cmpstr (names, ==, "localhost\nmail.example.test");
  /* GnuTLS escapes the DN as RFC 4514 says; the label shows it as is:
   * the angle brackets and the ampersand are text, not markup. */
  g_assert_nonnull (strstr (find_detail (details, "Certificate issued to"),
                            "O=\\<b\\>Bold\\</b\\> & Co"));
  g_assert_cmpstr (find_detail (details, "SHA-256 fingerprint"), ==,
                   msa_certificate_get_sha256 (msa_server_check_get_certificate (check)));
  g_assert_nonnull (find_detail (details, "Certificate problems"));

  g_unlink (key);
  g_unlink (pem);
  g_unlink (tmpl);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  msa_ui_test_init (&argc, &argv);

  g_test_add_func ("/server-card/new-destroy", test_server_card_new_destroy);
  g_test_add_func ("/server-card/text-block", test_text_block);
  g_test_add_func ("/server-card/text-layout-adopt-row", test_text_layout_adopt_row);
  g_test_add_func ("/server-card/idle", test_server_card_idle);
  g_test_add_func ("/server-card/refused", test_server_card_refused);
  g_test_add_func ("/server-card/plain-on-ssl", test_server_card_plain_on_ssl);
  g_test_add_func ("/server-card/untrusted-details", test_server_card_untrusted_details);

  return g_test_run ();
}
