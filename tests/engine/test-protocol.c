/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "msa-check-error.h"
#include "msa-protocol.h"

/* Feeds every line of @text (CRLF-separated) through a splitter into a
 * new answer; returns it complete, or NULL with @error. */
static MsaAnswer *
parse (MsaAnswerKind   kind,
       const char     *tag,
       const char     *text,
       GError        **error)
{
  g_autoptr(MsaLineSplitter) splitter = msa_line_splitter_new ();
  g_autoptr(MsaAnswer) answer = msa_answer_new (kind, tag);
  char *line;

  msa_line_splitter_push (splitter, text, strlen (text));
  while ((line = msa_line_splitter_next_line (splitter, error)) != NULL)
    {
      gboolean complete = FALSE;
      gboolean fed = msa_answer_feed (answer, line, &complete, error);

      g_free (line);
      if (!fed)
        return NULL;
      if (complete)
        {
          g_assert_cmpuint (msa_line_splitter_get_pending (splitter), ==, 0);
          return g_steal_pointer (&answer);
        }
    }

  if (error != NULL && *error == NULL)
    g_assert_not_reached ();  /* every test text is complete */
  return NULL;
}

static void
test_splitter_lines (void)
{
  g_autoptr(MsaLineSplitter) splitter = msa_line_splitter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  char *none;

  msa_line_splitter_push (splitter, "* OK rea", 8);
  none = msa_line_splitter_next_line (splitter, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_cmpuint (msa_line_splitter_get_pending (splitter), ==, 8);

  msa_line_splitter_push (splitter, "dy\r\nbare\n\r\nrest", 15);
  first = msa_line_splitter_next_line (splitter, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "* OK ready");
  second = msa_line_splitter_next_line (splitter, &error);
  g_assert_cmpstr (second, ==, "bare");
  third = msa_line_splitter_next_line (splitter, &error);
  g_assert_cmpstr (third, ==, "");
  none = msa_line_splitter_next_line (splitter, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_cmpuint (msa_line_splitter_get_pending (splitter), ==, 4);

  msa_line_splitter_clear (splitter);
  g_assert_cmpuint (msa_line_splitter_get_pending (splitter), ==, 0);
}

static void
test_splitter_long_line (void)
{
  g_autoptr(MsaLineSplitter) splitter = msa_line_splitter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *fits = g_strnfill (MSA_PROTOCOL_MAX_LINE, 'x');
  g_autofree char *line = NULL;
  g_autofree char *too_long = g_strnfill (MSA_PROTOCOL_MAX_LINE + 1, 'y');
  char *none;

  /* Exactly the limit is fine. */
  msa_line_splitter_push (splitter, fits, strlen (fits));
  msa_line_splitter_push (splitter, "\r\n", 2);
  line = msa_line_splitter_next_line (splitter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (line), ==, MSA_PROTOCOL_MAX_LINE);

  /* One byte more without a line end is an error at once: no waiting
   * for a newline that may never come. */
  msa_line_splitter_push (splitter, too_long, strlen (too_long));
  none = msa_line_splitter_next_line (splitter, &error);
  g_assert_null (none);
  g_assert_error (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_PROTOCOL_ERROR);
  g_clear_error (&error);

  /* … and with a line end as well. */
  msa_line_splitter_push (splitter, "\n", 1);
  none = msa_line_splitter_next_line (splitter, &error);
  g_assert_null (none);
  g_assert_error (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_PROTOCOL_ERROR);
}

static void
test_splitter_binary (void)
{
  g_autoptr(MsaLineSplitter) splitter = msa_line_splitter_new ();
  g_autoptr(GError) error = NULL;
  char *none;

  msa_line_splitter_push (splitter, "* OK\0evil\r\n", 11);
  none = msa_line_splitter_next_line (splitter, &error);
  g_assert_null (none);
  g_assert_error (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_PROTOCOL_ERROR);
}

static void
test_imap_greeting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaAnswer) answer = NULL;
  g_auto(GStrv) caps = NULL;
  const char *greeting = "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID "
                         "ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] Dovecot ready.";
  g_autofree char *text = g_strconcat (greeting, "\r\n", NULL);

  answer = parse (MSA_ANSWER_IMAP_GREETING, NULL, text, &error);
  g_assert_no_error (error);
  g_assert_true (msa_answer_is_complete (answer));
  g_assert_true (msa_answer_is_ok (answer));
  g_assert_cmpstr (msa_answer_get_first_line (answer), ==, greeting);

  caps = msa_protocol_imap_greeting_capabilities (greeting);
  g_assert_nonnull (caps);
  g_assert_cmpuint (g_strv_length (caps), ==, 9);
  g_assert_cmpstr (caps[0], ==, "IMAP4rev1");
  g_assert_cmpstr (caps[8], ==, "LOGINDISABLED");
  g_assert_true (msa_protocol_has_capability ((const char * const *) caps, "starttls"));
  g_assert_true (msa_protocol_has_capability ((const char * const *) caps, "LOGINDISABLED"));
  g_assert_false (msa_protocol_has_capability ((const char * const *) caps, "LOGIN"));
}

static void
test_imap_greeting_variants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaAnswer) preauth = NULL;
  g_autoptr(MsaAnswer) bye = NULL;
  g_autoptr(MsaAnswer) bad = NULL;
  g_auto(GStrv) none = NULL;

  preauth = parse (MSA_ANSWER_IMAP_GREETING, NULL, "* PREAUTH ready\r\n", &error);
  g_assert_no_error (error);
  g_assert_true (msa_answer_is_ok (preauth));

  bye = parse (MSA_ANSWER_IMAP_GREETING, NULL, "* BYE too busy\r\n", &error);
  g_assert_no_error (error);
  g_assert_true (msa_answer_is_complete (bye));
  g_assert_false (msa_answer_is_ok (bye));

  /* An SMTP server on the IMAP port. */
  bad = parse (MSA_ANSWER_IMAP_GREETING, NULL, "220 mail ESMTP\r\n", &error);
  g_assert_null (bad);
  g_assert_error (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_PROTOCOL_ERROR);

  /* No response code: no capabilities from the greeting. */
  none = msa_protocol_imap_greeting_capabilities ("* OK Dovecot ready.");
  g_assert_null (none);
  none = msa_protocol_imap_greeting_capabilities ("* OK [ALERT] hello");
  g_assert_null (none);
}

static void
test_imap_tagged (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaAnswer) answer = NULL;
  g_autoptr(MsaAnswer) no = NULL;
  g_autoptr(MsaAnswer) other = NULL;
  g_auto(GStrv) caps = NULL;

  answer = parse (MSA_ANSWER_IMAP_TAGGED, "a1",
                  "* CAPABILITY IMAP4rev1 STARTTLS\r\n"
                  "* CAPABILITY AUTH=PLAIN  AUTH=LOGIN\r\n"
                  "a1 OK Pre-login capabilities listed, post-login capabilities have more.\r\n",
                  &error);
  g_assert_no_error (error);
  g_assert_true (msa_answer_is_ok (answer));
  g_assert_cmpuint (g_strv_length ((GStrv) msa_answer_get_lines (answer)), ==, 3);

  caps = msa_protocol_imap_capabilities (msa_answer_get_lines (answer));
  g_assert_cmpuint (g_strv_length (caps), ==, 4);
  g_assert_cmpstr (caps[0], ==, "IMAP4rev1");
  g_assert_cmpstr (caps[3], ==, "AUTH=LOGIN");
  g_assert_true (msa_protocol_has_capability_value ((const char * const *) caps, "AUTH", "plain"));
  g_assert_false (msa_protocol_has_capability_value ((const char * const *) caps, "AUTH", "CRAM-MD5"));
  g_assert_true (msa_protocol_has_capability ((const char * const *) caps, "AUTH"));

  no = parse (MSA_ANSWER_IMAP_TAGGED, "a2", "a2 BAD unknown command\r\n", &error);
  g_assert_no_error (error);
  g_assert_true (msa_answer_is_complete (no));
  g_assert_false (msa_answer_is_ok (no));

  /* Someone else's tag is not our completion. */
  other = parse (MSA_ANSWER_IMAP_TAGGED, "a3", "a1 OK done\r\n", &error);
  g_assert_null (other);
  g_assert_error (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_PROTOCOL_ERROR);
}

static void
test_imap_more_than_asked (void)
{
  g_autoptr(MsaAnswer) answer = msa_answer_new (MSA_ANSWER_IMAP_GREETING, NULL);
  g_autoptr(GError) error = NULL;
  gboolean complete = FALSE;

  g_assert_true (msa_answer_feed (answer, "* OK hi", &complete, &error));
  g_assert_true (complete);
  g_assert_false (msa_answer_feed (answer, "* OK again", &complete, &error));
  g_assert_error (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_PROTOCOL_ERROR);
}

static void
test_pop3_single (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaAnswer) ok = NULL;
  g_autoptr(MsaAnswer) err = NULL;
  g_autoptr(MsaAnswer) bad = NULL;

  ok = parse (MSA_ANSWER_POP3_SINGLE, NULL, "+OK Dovecot ready.\r\n", &error);
  g_assert_no_error (error);
  g_assert_true (msa_answer_is_ok (ok));
  g_assert_cmpstr (msa_answer_get_first_line (ok), ==, "+OK Dovecot ready.");
  g_assert_cmpuint (msa_answer_get_code (ok), ==, 0);

  err = parse (MSA_ANSWER_POP3_SINGLE, NULL, "-ERR go away\r\n", &error);
  g_assert_no_error (error);
  g_assert_false (msa_answer_is_ok (err));

  bad = parse (MSA_ANSWER_POP3_SINGLE, NULL, "* OK imap\r\n", &error);
  g_assert_null (bad);
  g_assert_error (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_PROTOCOL_ERROR);
}

static void
test_pop3_capa (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaAnswer) answer = NULL;
  g_autoptr(MsaAnswer) refused = NULL;
  g_auto(GStrv) caps = NULL;
  g_auto(GStrv) empty = NULL;

  answer = parse (MSA_ANSWER_POP3_MULTI, NULL,
                  "+OK\r\n"
                  "CAPA\r\n"
                  "TOP\r\n"
                  "UIDL\r\n"
                  "RESP-CODES\r\n"
                  "PIPELINING\r\n"
                  "AUTH-RESP-CODE\r\n"
                  "STLS\r\n"
                  "USER\r\n"
                  "SASL PLAIN LOGIN\r\n"
                  "..dotted\r\n"
                  ".\r\n",
                  &error);
  g_assert_no_error (error);
  g_assert_true (msa_answer_is_ok (answer));

  caps = msa_protocol_pop3_capabilities (msa_answer_get_lines (answer));
  g_assert_cmpuint (g_strv_length (caps), ==, 10);
  g_assert_cmpstr (caps[0], ==, "CAPA");
  g_assert_cmpstr (caps[8], ==, "SASL PLAIN LOGIN");
  g_assert_cmpstr (caps[9], ==, ".dotted");
  g_assert_true (msa_protocol_has_capability ((const char * const *) caps, "STLS"));
  g_assert_true (msa_protocol_has_capability ((const char * const *) caps, "user"));
  g_assert_true (msa_protocol_has_capability_value ((const char * const *) caps, "SASL", "PLAIN"));
  g_assert_false (msa_protocol_has_capability_value ((const char * const *) caps, "SASL", "GSSAPI"));

  /* An old server without CAPA: one line, complete, no capabilities. */
  refused = parse (MSA_ANSWER_POP3_MULTI, NULL, "-ERR unknown command\r\n", &error);
  g_assert_no_error (error);
  g_assert_true (msa_answer_is_complete (refused));
  g_assert_false (msa_answer_is_ok (refused));
  empty = msa_protocol_pop3_capabilities (msa_answer_get_lines (refused));
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
}

static void
test_pop3_capa_incomplete (void)
{
  g_autoptr(MsaAnswer) answer = msa_answer_new (MSA_ANSWER_POP3_MULTI, NULL);
  g_autoptr(GError) error = NULL;
  gboolean complete = TRUE;

  g_assert_true (msa_answer_feed (answer, "+OK", &complete, &error));
  g_assert_false (complete);
  g_assert_true (msa_answer_feed (answer, "TOP", &complete, &error));
  g_assert_false (complete);
  g_assert_false (msa_answer_is_complete (answer));
  g_assert_false (msa_answer_is_ok (answer));
  g_assert_true (msa_answer_feed (answer, ".", &complete, &error));
  g_assert_true (complete);
  g_assert_true (msa_answer_is_ok (answer));
}

static void
test_smtp_multiline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaAnswer) greeting = NULL;
  g_autoptr(MsaAnswer) ehlo = NULL;
  g_auto(GStrv) caps = NULL;

  greeting = parse (MSA_ANSWER_SMTP, NULL,
                    "220-mail.example.org ESMTP Postfix\r\n"
                    "220 second line\r\n",
                    &error);
  g_assert_no_error (error);
  g_assert_true (msa_answer_is_ok (greeting));
  g_assert_cmpuint (msa_answer_get_code (greeting), ==, 220);
  g_assert_cmpstr (msa_answer_get_first_line (greeting), ==, "220-mail.example.org ESMTP Postfix");

  ehlo = parse (MSA_ANSWER_SMTP, NULL,
                "250-mail.example.org\r\n"
                "250-PIPELINING\r\n"
                "250-SIZE 10240000\r\n"
                "250-STARTTLS\r\n"
                "250-AUTH PLAIN LOGIN\r\n"
                "250-ENHANCEDSTATUSCODES\r\n"
                "250 CHUNKING\r\n",
                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (msa_answer_get_code (ehlo), ==, 250);
  caps = msa_protocol_smtp_capabilities (msa_answer_get_lines (ehlo));
  g_assert_cmpuint (g_strv_length (caps), ==, 6);
  g_assert_cmpstr (caps[0], ==, "PIPELINING");
  g_assert_cmpstr (caps[1], ==, "SIZE 10240000");
  g_assert_cmpstr (caps[5], ==, "CHUNKING");
  g_assert_true (msa_protocol_has_capability ((const char * const *) caps, "size"));
  g_assert_true (msa_protocol_has_capability ((const char * const *) caps, "STARTTLS"));
  g_assert_true (msa_protocol_has_capability_value ((const char * const *) caps, "AUTH", "LOGIN"));
}

static void
test_smtp_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaAnswer) refused = NULL;
  g_autoptr(MsaAnswer) bare = NULL;
  g_autoptr(MsaAnswer) mixed = NULL;
  g_autoptr(MsaAnswer) garbage = NULL;

  refused = parse (MSA_ANSWER_SMTP, NULL, "554 5.7.1 go away\r\n", &error);
  g_assert_no_error (error);
  g_assert_true (msa_answer_is_complete (refused));
  g_assert_false (msa_answer_is_ok (refused));
  g_assert_cmpuint (msa_answer_get_code (refused), ==, 554);

  /* A bare code is a complete reply. */
  bare = parse (MSA_ANSWER_SMTP, NULL, "250\r\n", &error);
  g_assert_no_error (error);
  g_assert_true (msa_answer_is_ok (bare));

  mixed = parse (MSA_ANSWER_SMTP, NULL, "250-one\r\n251 two\r\n", &error);
  g_assert_null (mixed);
  g_assert_error (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_PROTOCOL_ERROR);
  g_clear_error (&error);

  garbage = parse (MSA_ANSWER_SMTP, NULL, "+OK pop3\r\n", &error);
  g_assert_null (garbage);
  g_assert_error (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_PROTOCOL_ERROR);
}

static void
test_answer_limit (void)
{
  g_autoptr(MsaAnswer) answer = msa_answer_new (MSA_ANSWER_SMTP, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *filler = g_strnfill (1000, 'x');
  g_autofree char *line = g_strconcat ("250-", filler, NULL);
  gboolean complete = FALSE;
  guint fed = 0;

  /* 1004 bytes and a line end per line: the 66th line passes 64 KiB. */
  while (msa_answer_feed (answer, line, &complete, &error))
    {
      g_assert_false (complete);
      fed++;
      g_assert_cmpuint (fed, <, 100);
    }
  g_assert_error (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_PROTOCOL_ERROR);
  g_assert_cmpuint (fed, ==, MSA_PROTOCOL_MAX_ANSWER / 1006);
}

static void
test_capability_helpers (void)
{
  const char *caps[] = { "IMAP4rev1", "AUTH=PLAIN", "SASL PLAIN", NULL };

  g_assert_false (msa_protocol_has_capability (NULL, "IMAP4rev1"));
  g_assert_false (msa_protocol_has_capability (caps, "IMAP4"));
  g_assert_true (msa_protocol_has_capability (caps, "imap4REV1"));
  g_assert_true (msa_protocol_has_capability_value (caps, "AUTH", "PLAIN"));
  g_assert_true (msa_protocol_has_capability_value (caps, "SASL", "plain"));
  g_assert_false (msa_protocol_has_capability_value (caps, "IMAP4rev1", "PLAIN"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/protocol/splitter/lines", test_splitter_lines);
  g_test_add_func ("/protocol/splitter/long-line", test_splitter_long_line);
  g_test_add_func ("/protocol/splitter/binary", test_splitter_binary);
  g_test_add_func ("/protocol/imap/greeting", test_imap_greeting);
  g_test_add_func ("/protocol/imap/greeting-variants", test_imap_greeting_variants);
  g_test_add_func ("/protocol/imap/tagged", test_imap_tagged);
  g_test_add_func ("/protocol/imap/more-than-asked", test_imap_more_than_asked);
  g_test_add_func ("/protocol/pop3/single", test_pop3_single);
  g_test_add_func ("/protocol/pop3/capa", test_pop3_capa);
  g_test_add_func ("/protocol/pop3/capa-incomplete", test_pop3_capa_incomplete);
  g_test_add_func ("/protocol/smtp/multiline", test_smtp_multiline);
  g_test_add_func ("/protocol/smtp/errors", test_smtp_errors);
  g_test_add_func ("/protocol/answer-limit", test_answer_limit);
  g_test_add_func ("/protocol/capability-helpers", test_capability_helpers);

  return g_test_run ();
}
