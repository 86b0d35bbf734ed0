/* SPDX-License-Identifier: GPL-3.0-or-later */
/* MsaServerCheck and MsaProfileCheck against real Dovecot and Postfix (the
 * fixture) and against in-process fake servers: the full success report
 * of each good service, and one test per failure cause with its code. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "msa-autoconfig.h"
#include "msa-fake-server.h"
#include "msa-profile-check.h"
#include "msa-server-check.h"
#include "msa-test-servers.h"

/* No check may take longer than this; a hang fails the test. */
#define WAIT_SECONDS 30

/* Every test runs on this private context, pushed as thread-default for
 * the whole program: the checks and the in-process fake servers both run
 * on it, so iterating it drives both. */
static GMainContext *context;
static MsaTestServers *servers;
static GTlsDatabase *database;
static MsaCertificate *ca;

static void
on_wait_expired_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
}

/* Iterates the context until *@done, failing the test after WAIT_SECONDS. */
static void
iterate_until (gboolean *done)
{
  g_autoptr(GSource) guard = g_timeout_source_new_seconds (WAIT_SECONDS);
  gboolean expired = FALSE;

  g_source_set_callback (guard, G_SOURCE_FUNC (on_wait_expired_cb), &expired, NULL);
  g_source_attach (guard, context);

  while (!*done && !expired)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (guard);
  g_assert_false (expired);
}

typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} Wait;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static MsaServer *
service_server (MsaTestService service)
{
  MsaProtocol protocol;
  MsaSecurity security;

  g_assert_true (msa_protocol_from_string (msa_test_service_get_protocol (service), &protocol));
  g_assert_true (msa_security_from_string (msa_test_service_get_socket_type (service), &security));
  return msa_server_new (protocol,
                         msa_test_servers_get_host (servers, service),
                         msa_test_servers_get_port (servers, service),
                         security);
}

/* Runs @check on the private main context until it ends; returns whether it
 * passed, with @error otherwise. */
static gboolean
run_check (MsaServerCheck  *check,
           GCancellable    *cancellable,
           GError         **error)
{
  Wait wait = { NULL, FALSE };
  gboolean passed;

  msa_server_check_run_async (check, cancellable, on_done_cb, &wait);
  g_assert_cmpint (msa_server_check_get_state (check), ==, MSA_CHECK_STATE_RUNNING);
  iterate_until (&wait.done);
  passed = msa_server_check_run_finish (check, wait.result, error);
  g_object_unref (wait.result);

  /* Let GIO's leftovers (closing sockets) run. */
  while (g_main_context_iteration (context, FALSE))
    ;

  return passed;
}

static MsaServerCheck *
check_service (MsaTestService service,
               GError       **error)
{
  g_autoptr(MsaServer) server = service_server (service);
  MsaServerCheck *check = msa_server_check_new (server, database, 10);

  run_check (check, NULL, error);
  return check;
}

static void
assert_failed_with (MsaServerCheck *check,
                    const GError   *error,
                    MsaCheckError   expected)
{
  MsaCheckError code = -1;

  g_assert_error (error, MSA_CHECK_ERROR, (int) expected);
  g_assert_cmpint (msa_server_check_get_state (check), ==, MSA_CHECK_STATE_FAILED);
  g_assert_true (msa_server_check_get_error_code (check, &code));
  g_assert_cmpint (code, ==, expected);
  /* The message is the one the user reads: title and advice. */
  g_assert_nonnull (strstr (msa_server_check_get_error_message (check),
                            msa_check_error_get_title (expected)));
  g_assert_cmpstr (error->message, ==, msa_server_check_get_error_message (check));
  g_assert_nonnull (msa_server_check_get_error_detail (check));
  g_test_message ("%s: %s", msa_check_error_to_code (expected),
                  msa_server_check_get_error_detail (check));
}

/* Success reports */

static void
assert_good_certificate (MsaServerCheck *check)
{
  MsaCertificate *certificate = msa_server_check_get_certificate (check);
  const char *sha256;

  g_assert_nonnull (certificate);
  g_assert_cmpstr (msa_certificate_get_issuer (certificate), ==, msa_certificate_get_subject (ca));
  g_assert_true (g_strv_contains (msa_certificate_get_dns_names (certificate), "localhost"));
  g_assert_cmpint (msa_certificate_get_problems (certificate), ==, MSA_CERTIFICATE_PROBLEM_NONE);
  g_assert_cmpint (msa_certificate_get_days_left (certificate, NULL), >, 30);
  g_assert_nonnull (msa_certificate_get_key_type (certificate));
  g_assert_cmpuint (msa_certificate_get_key_bits (certificate), >, 0);

  sha256 = msa_certificate_get_sha256 (certificate);
  g_assert_cmpuint (strlen (sha256), ==, 32 * 3 - 1);
  g_assert_true (g_regex_match_simple ("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", sha256, 0, 0));
}

static void
assert_passed (MsaServerCheck *check,
               const GError   *error)
{
  g_assert_no_error (error);
  g_assert_cmpint (msa_server_check_get_state (check), ==, MSA_CHECK_STATE_PASSED);
  g_assert_false (msa_server_check_get_error_code (check, NULL));
  g_assert_null (msa_server_check_get_error_message (check));

  for (guint i = 0; i < MSA_CHECK_N_STEPS; i++)
    {
      g_assert_cmpint (msa_server_check_get_step_state (check, i), ==, MSA_STEP_STATE_DONE);
      g_assert_cmpfloat (msa_server_check_get_step_ms (check, i), >=, 0);
      g_assert_cmpfloat (msa_server_check_get_step_ms (check, i), <=,
                         msa_server_check_get_total_ms (check));
    }
  g_assert_cmpfloat (msa_server_check_get_total_ms (check), >, 0);

  g_assert_true (g_strcmp0 (msa_server_check_get_address (check), "127.0.0.1") == 0
                 || g_strcmp0 (msa_server_check_get_address (check), "::1") == 0);
  g_assert_cmpstr (msa_server_check_get_tls_version (check), ==, "TLS 1.3");
  g_assert_nonnull (msa_server_check_get_cipher (check));
  g_assert_true (strstr (msa_server_check_get_cipher (check), "AES") != NULL
                 || strstr (msa_server_check_get_cipher (check), "CHACHA20") != NULL);
  assert_good_certificate (check);
}

static void
test_imaps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaServerCheck) check = check_service (MSA_TEST_SERVICE_IMAPS, &error);
  const char * const *caps;

  assert_passed (check, error);
  g_assert_true (g_str_has_prefix (msa_server_check_get_greeting (check), "* OK "));
  caps = msa_server_check_get_capabilities (check);
  g_assert_true (g_strv_contains (caps, "IMAP4rev1"));
  g_assert_true (g_strv_contains (caps, "AUTH=PLAIN"));
  g_assert_false (g_strv_contains (caps, "STARTTLS"));
  g_assert_cmpuint (g_strv_length ((GStrv) msa_server_check_get_warnings (check)), ==, 0);
}

static void
test_pop3s (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaServerCheck) check = check_service (MSA_TEST_SERVICE_POP3S, &error);
  const char * const *caps;

  assert_passed (check, error);
  g_assert_true (g_str_has_prefix (msa_server_check_get_greeting (check), "+OK"));
  caps = msa_server_check_get_capabilities (check);
  g_assert_true (g_strv_contains (caps, "CAPA"));
  g_assert_true (g_strv_contains (caps, "UIDL"));
  g_assert_true (g_strv_contains (caps, "USER"));
  g_assert_false (g_strv_contains (caps, "STLS"));
  g_assert_cmpuint (g_strv_length ((GStrv) msa_server_check_get_warnings (check)), ==, 0);
}

static void
test_smtps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaServerCheck) check = check_service (MSA_TEST_SERVICE_SMTPS, &error);
  const char * const *caps;

  assert_passed (check, error);
  g_assert_true (g_str_has_prefix (msa_server_check_get_greeting (check), "220 "));
  caps = msa_server_check_get_capabilities (check);
  g_assert_true (g_strv_contains (caps, "PIPELINING"));
  g_assert_true (g_strv_contains (caps, "8BITMIME"));
  g_assert_false (g_strv_contains (caps, "STARTTLS"));
  g_assert_cmpuint (g_strv_length ((GStrv) msa_server_check_get_warnings (check)), ==, 0);
}

/* Dovecot treats loopback clients as secure: before STARTTLS it offers
 * plain logins, which the check warns about. */
static void
assert_login_warning (MsaServerCheck *check)
{
  const char * const *warnings = msa_server_check_get_warnings (check);

  g_assert_cmpuint (g_strv_length ((GStrv) warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "before encryption"));
}

static void
test_imap_starttls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaServerCheck) check = check_service (MSA_TEST_SERVICE_IMAP_STARTTLS, &error);
  const char * const *caps;

  assert_passed (check, error);
  g_assert_true (g_str_has_prefix (msa_server_check_get_greeting (check), "* OK "));
  /* The capabilities after STARTTLS: no STARTTLS any more. */
  caps = msa_server_check_get_capabilities (check);
  g_assert_true (g_strv_contains (caps, "IMAP4rev1"));
  g_assert_false (g_strv_contains (caps, "STARTTLS"));
  assert_login_warning (check);
}

static void
test_pop3_starttls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaServerCheck) check = check_service (MSA_TEST_SERVICE_POP3_STARTTLS, &error);
  const char * const *caps;

  assert_passed (check, error);
  g_assert_true (g_str_has_prefix (msa_server_check_get_greeting (check), "+OK"));
  caps = msa_server_check_get_capabilities (check);
  g_assert_true (g_strv_contains (caps, "UIDL"));
  g_assert_false (g_strv_contains (caps, "STLS"));
  assert_login_warning (check);
}

static void
test_submission_starttls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaServerCheck) check = check_service (MSA_TEST_SERVICE_SUBMISSION_STARTTLS, &error);
  const char * const *caps;
  const char * const *warnings;

  assert_passed (check, error);
  g_assert_true (g_str_has_prefix (msa_server_check_get_greeting (check), "220 "));
  caps = msa_server_check_get_capabilities (check);
  g_assert_true (g_strv_contains (caps, "PIPELINING"));
  g_assert_false (g_strv_contains (caps, "STARTTLS"));
  /* Postfix offers AUTH only after STARTTLS here (or no AUTH at all):
   * nothing to warn about. */
  warnings = msa_server_check_get_warnings (check);
  for (guint i = 0; warnings[i] != NULL; i++)
    g_test_message ("warning: %s", warnings[i]);
}

/* Certificate failures */

static void
assert_bad_certificate (MsaTestService          service,
                        MsaCheckError           expected,
                        MsaCertificateProblems  problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaServerCheck) check = check_service (service, &error);
  MsaCertificate *certificate;

  assert_failed_with (check, error, expected);

  /* The certificate is reported with its details although it was refused. */
  certificate = msa_server_check_get_certificate (check);
  g_assert_nonnull (certificate);
  g_assert_cmpint (msa_certificate_get_problems (certificate), ==, problem);
  g_assert_nonnull (msa_certificate_get_sha256 (certificate));

  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_RESOLVE), ==, MSA_STEP_STATE_DONE);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_CONNECT), ==, MSA_STEP_STATE_DONE);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_TLS), ==, MSA_STEP_STATE_DONE);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_CERTIFICATE), ==, MSA_STEP_STATE_FAILED);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_GREETING), ==, MSA_STEP_STATE_SKIPPED);
  /* Never spoke IMAP over a connection it does not trust. */
  g_assert_null (msa_server_check_get_greeting (check));
}

static void
test_untrusted (void)
{
  assert_bad_certificate (MSA_TEST_SERVICE_IMAPS_UNTRUSTED,
                          MSA_CHECK_ERROR_CERTIFICATE_UNTRUSTED,
                          MSA_CERTIFICATE_PROBLEM_UNTRUSTED);
}

static void
test_wrong_host (void)
{
  assert_bad_certificate (MSA_TEST_SERVICE_IMAPS_WRONG_HOST,
                          MSA_CHECK_ERROR_CERTIFICATE_HOSTNAME_MISMATCH,
                          MSA_CERTIFICATE_PROBLEM_HOSTNAME_MISMATCH);
}

static void
test_expired (void)
{
  assert_bad_certificate (MSA_TEST_SERVICE_IMAPS_EXPIRED,
                          MSA_CHECK_ERROR_CERTIFICATE_EXPIRED,
                          MSA_CERTIFICATE_PROBLEM_EXPIRED);
}

static void
test_not_yet_valid (void)
{
  assert_bad_certificate (MSA_TEST_SERVICE_IMAPS_NOT_YET_VALID,
                          MSA_CHECK_ERROR_CERTIFICATE_NOT_YET_VALID,
                          MSA_CERTIFICATE_PROBLEM_NOT_YET_VALID);
}

/* A chain from the trusted test CA, signed with SHA-1: not "untrusted",
 * but a certificate the provider has to renew. */
/* Checks an IMAPS gnutls-serv with a certificate of the fixture and a
 * GnuTLS priority string. */
static MsaServerCheck *
check_gnutls (const char  *cert_name,
              const char  *priority,
              GError     **error)
{
  g_autoptr(GError) start_error = NULL;
  g_autoptr(MsaServer) server = NULL;
  guint16 port = msa_test_servers_start_gnutls (servers, cert_name, priority, &start_error);
  MsaServerCheck *check;

  g_assert_no_error (start_error);
  /* gnutls-serv listens on 0.0.0.0 and ::, and goes on with one of them
   * when the other is taken: 127.0.0.1 is the one it was seen on. */
  server = msa_server_new (MSA_PROTOCOL_IMAP, "127.0.0.1", port, MSA_SECURITY_SSL);
  check = msa_server_check_new (server, database, 10);
  run_check (check, NULL, error);
  return check;
}

static void
test_insecure_signature (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaServerCheck) check = check_gnutls ("insecure.pem", "NORMAL", &error);

  assert_failed_with (check, error, MSA_CHECK_ERROR_CERTIFICATE_INSECURE);
  g_assert_nonnull (msa_server_check_get_certificate (check));
  g_assert_cmpint (msa_certificate_get_problems (msa_server_check_get_certificate (check)),
                   ==, MSA_CERTIFICATE_PROBLEM_INSECURE);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_CERTIFICATE), ==,
                   MSA_STEP_STATE_FAILED);
  g_assert_null (msa_server_check_get_greeting (check));
}

/* A server that offers nothing newer than @version fails, whatever this
 * system's policy allows, and the report names what it offered. */
static void
assert_tls_outdated (const char *priority,
                     const char *version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaServerCheck) check = check_gnutls ("good.pem", priority, &error);

  g_assert_nonnull (error);
  assert_failed_with (check, error, MSA_CHECK_ERROR_TLS_OUTDATED);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_TLS), ==,
                   MSA_STEP_STATE_FAILED);
  g_assert_null (msa_server_check_get_greeting (check));
  /* Named where the handshake got that far (this system's policy
   * allows it); otherwise the detail says what was refused. */
  if (msa_server_check_get_tls_version (check) != NULL)
    {
      g_assert_cmpstr (msa_server_check_get_tls_version (check), ==, version);
      g_assert_nonnull (strstr (msa_server_check_get_error_detail (check), version));
    }
}

static void
test_tls_1_0 (void)
{
  assert_tls_outdated ("NORMAL:-VERS-ALL:+VERS-TLS1.0", "TLS 1.0");
}

static void
test_tls_1_1 (void)
{
  assert_tls_outdated ("NORMAL:-VERS-ALL:+VERS-TLS1.1", "TLS 1.1");
}

/* Without a database of its own the check trusts the system's store,
 * which does not know the test CA. */
static void
test_system_trust (void)
{
  g_autoptr(MsaServer) server = service_server (MSA_TEST_SERVICE_IMAPS);
  g_autoptr(MsaServerCheck) check = msa_server_check_new (server, NULL, 10);
  g_autoptr(GError) error = NULL;

  g_assert_false (run_check (check, NULL, &error));
  assert_failed_with (check, error, MSA_CHECK_ERROR_CERTIFICATE_UNTRUSTED);
}

/* Fake servers */

static GTlsCertificate *
fixture_certificate (void)
{
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;

  certificate = g_tls_certificate_new_from_files (msa_test_servers_get_cert_file (servers),
                                                  msa_test_servers_get_key_file (servers),
                                                  &error);
  g_assert_no_error (error);
  return certificate;
}

static MsaServerCheck *
check_fake (MsaFakeServer *fake,
            MsaProtocol    protocol,
            MsaSecurity    security,
            guint          timeout_seconds,
            GError       **error)
{
  g_autoptr(MsaServer) server = msa_server_new (protocol, "localhost",
                                                msa_fake_server_get_port (fake),
                                                security);
  MsaServerCheck *check = msa_server_check_new (server, database, timeout_seconds);

  run_check (check, NULL, error);
  return check;
}

static void
test_plain_on_ssl_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) fake = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_PLAIN_ON_SSL, &error);
  g_autoptr(MsaServerCheck) check = NULL;

  g_assert_no_error (error);
  check = check_fake (fake, MSA_PROTOCOL_IMAP, MSA_SECURITY_SSL, 10, &error);
  assert_failed_with (check, error, MSA_CHECK_ERROR_TLS_FAILED);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_TLS), ==, MSA_STEP_STATE_FAILED);
  g_assert_null (msa_server_check_get_certificate (check));
}

/* OK to STARTTLS, then plain text: the server broke its word. */
static void
test_starttls_stays_plain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) fake = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_IMAP_STARTTLS_PLAIN, &error);
  g_autoptr(MsaServerCheck) check = NULL;

  g_assert_no_error (error);
  check = check_fake (fake, MSA_PROTOCOL_IMAP, MSA_SECURITY_STARTTLS, 10, &error);
  assert_failed_with (check, error, MSA_CHECK_ERROR_STARTTLS_FAILED);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_TLS), ==, MSA_STEP_STATE_FAILED);
  g_assert_null (msa_server_check_get_certificate (check));
}

static void
test_silent_timeout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) fake = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_SILENT, &error);
  g_autoptr(MsaServerCheck) check = NULL;
  gint64 start;
  double elapsed_s;

  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  check = check_fake (fake, MSA_PROTOCOL_IMAP, MSA_SECURITY_SSL, 1, &error);
  elapsed_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  assert_failed_with (check, error, MSA_CHECK_ERROR_TIMEOUT);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_TLS), ==, MSA_STEP_STATE_FAILED);
  /* The deadline holds: 1 s, and at most 1 s more to wind down. */
  g_assert_cmpfloat (elapsed_s, >=, 0.9);
  g_assert_cmpfloat (elapsed_s, <, 2.0);
  g_assert_cmpuint (msa_fake_server_get_n_connections (fake), ==, 1);
}

static void
test_silent_plain_timeout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) fake = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_SILENT, &error);
  g_autoptr(MsaServerCheck) check = NULL;

  /* A STARTTLS server that never greets: the read ends at the deadline. */
  g_assert_no_error (error);
  check = check_fake (fake, MSA_PROTOCOL_SMTP, MSA_SECURITY_STARTTLS, 1, &error);
  assert_failed_with (check, error, MSA_CHECK_ERROR_TIMEOUT);
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) fake = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_REFUSED, &error);
  g_autoptr(MsaServerCheck) check = NULL;

  g_assert_no_error (error);
  check = check_fake (fake, MSA_PROTOCOL_SMTP, MSA_SECURITY_SSL, 10, &error);
  assert_failed_with (check, error, MSA_CHECK_ERROR_CONNECTION_REFUSED);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_RESOLVE), ==, MSA_STEP_STATE_DONE);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_CONNECT), ==, MSA_STEP_STATE_FAILED);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_TLS), ==, MSA_STEP_STATE_SKIPPED);
}

/* Out of file descriptors: the socket cannot even be made.  That is this
 * computer's failure, reported as one ("local-error"), not as the
 * network's.  The limit is lowered first, so that filling it takes a few
 * opens only. */
static void
test_local_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) fake = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_REFUSED, &error);
  g_autoptr(MsaServer) server = NULL;
  g_autoptr(MsaServerCheck) check = NULL;
  g_autoptr(GArray) fillers = g_array_new (FALSE, FALSE, sizeof (int));
  struct rlimit saved, low;
  int highest = 0;

  g_assert_no_error (error);
  server = msa_server_new (MSA_PROTOCOL_IMAP, "127.0.0.1", msa_fake_server_get_port (fake),
                           MSA_SECURITY_SSL);
  check = msa_server_check_new (server, database, 10);

  {
    g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
    const char *name;

    g_assert_nonnull (dir);
    while ((name = g_dir_read_name (dir)) != NULL)
      highest = MAX (highest, atoi (name));
  }
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  low = saved;
  low.rlim_cur = highest + 8;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &low), ==, 0);
  for (guint i = 0; i < low.rlim_cur; i++)
    {
      int fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);

      if (fd < 0)
        {
          g_assert_cmpint (errno, ==, EMFILE);
          break;
        }
      g_array_append_val (fillers, fd);
    }

  run_check (check, NULL, &error);

  for (guint i = 0; i < fillers->len; i++)
    close (g_array_index (fillers, int, i));
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);

  assert_failed_with (check, error, MSA_CHECK_ERROR_LOCAL_ERROR);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_CONNECT), ==,
                   MSA_STEP_STATE_FAILED);
}

static void
test_unresolvable (void)
{
  g_autoptr(MsaServer) server = msa_server_new (MSA_PROTOCOL_IMAP, "no-such-host.invalid",
                                                993, MSA_SECURITY_SSL);
  g_autoptr(MsaServerCheck) check = msa_server_check_new (server, database, 10);
  g_autoptr(GError) error = NULL;

  g_assert_false (run_check (check, NULL, &error));
  assert_failed_with (check, error, MSA_CHECK_ERROR_RESOLVE_FAILED);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_RESOLVE), ==, MSA_STEP_STATE_FAILED);
  g_assert_null (msa_server_check_get_address (check));
}

static void
assert_no_starttls (MsaFakeBehaviour behaviour,
                    MsaProtocol      protocol)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) fake = msa_fake_server_new (behaviour, &error);
  g_autoptr(MsaServerCheck) check = NULL;

  g_assert_no_error (error);
  check = check_fake (fake, protocol, MSA_SECURITY_STARTTLS, 10, &error);
  assert_failed_with (check, error, MSA_CHECK_ERROR_STARTTLS_UNSUPPORTED);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_TLS), ==, MSA_STEP_STATE_FAILED);
  /* The greeting was read, and kept for the report. */
  g_assert_nonnull (msa_server_check_get_greeting (check));
  g_assert_null (msa_server_check_get_certificate (check));
}

static void
test_imap_no_starttls (void)
{
  assert_no_starttls (MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS, MSA_PROTOCOL_IMAP);
}

static void
test_pop3_no_stls (void)
{
  assert_no_starttls (MSA_FAKE_BEHAVIOUR_POP3_NO_STLS, MSA_PROTOCOL_POP3);
}

static void
test_smtp_no_starttls (void)
{
  assert_no_starttls (MSA_FAKE_BEHAVIOUR_SMTP_NO_STARTTLS, MSA_PROTOCOL_SMTP);
}

static void
test_oversized_greeting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = fixture_certificate ();
  g_autoptr(MsaFakeServer) fake = NULL;
  g_autoptr(MsaServerCheck) check = NULL;

  /* Inside TLS, with a certificate the check trusts. */
  fake = msa_fake_server_new_tls (MSA_FAKE_BEHAVIOUR_OVERSIZED_GREETING, certificate, &error);
  g_assert_no_error (error);
  check = check_fake (fake, MSA_PROTOCOL_IMAP, MSA_SECURITY_SSL, 10, &error);
  assert_failed_with (check, error, MSA_CHECK_ERROR_PROTOCOL_ERROR);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_TLS), ==, MSA_STEP_STATE_DONE);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_CERTIFICATE), ==, MSA_STEP_STATE_DONE);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_GREETING), ==, MSA_STEP_STATE_FAILED);
  g_assert_null (msa_server_check_get_greeting (check));
}

static void
test_oversized_plain_greeting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) fake = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_OVERSIZED_GREETING, &error);
  g_autoptr(MsaServerCheck) check = NULL;

  g_assert_no_error (error);
  check = check_fake (fake, MSA_PROTOCOL_POP3, MSA_SECURITY_STARTTLS, 10, &error);
  assert_failed_with (check, error, MSA_CHECK_ERROR_PROTOCOL_ERROR);
}

typedef struct
{
  MsaServerCheck *check;
  GCancellable   *cancellable;
  gboolean        cancelled_in_tls;
} CancelData;

static gboolean
on_cancel_timeout_cb (gpointer user_data)
{
  CancelData *data = user_data;

  /* The silent server never answers the ClientHello: the handshake is
   * still under way. */
  data->cancelled_in_tls =
    msa_server_check_get_step_state (data->check, MSA_CHECK_STEP_TLS) == MSA_STEP_STATE_RUNNING;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_step_changed_cancel_cb (MsaServerCheck *check,
                           guint           step,
                           CancelData     *data)
{
  if (step == MSA_CHECK_STEP_TLS
      && msa_server_check_get_step_state (check, step) == MSA_STEP_STATE_RUNNING)
    {
      g_autoptr(GSource) source = g_timeout_source_new (200);

      g_source_set_callback (source, on_cancel_timeout_cb, data, NULL);
      g_source_attach (source, context);
    }
}

static void
test_cancel_in_handshake (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) fake = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_SILENT, &error);
  g_autoptr(MsaServer) server = NULL;
  g_autoptr(MsaServerCheck) check = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelData data = { NULL, cancellable, FALSE };

  g_assert_no_error (error);
  server = msa_server_new (MSA_PROTOCOL_IMAP, "localhost", msa_fake_server_get_port (fake),
                           MSA_SECURITY_SSL);
  /* A long deadline: only the cancellation can end it early. */
  check = msa_server_check_new (server, database, 60);
  data.check = check;
  g_signal_connect (check, "step-changed", G_CALLBACK (on_step_changed_cancel_cb), &data);

  g_assert_false (run_check (check, cancellable, &error));
  g_assert_true (data.cancelled_in_tls);
  assert_failed_with (check, error, MSA_CHECK_ERROR_CANCELLED);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_CONNECT), ==, MSA_STEP_STATE_DONE);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_TLS), ==, MSA_STEP_STATE_FAILED);
  g_assert_cmpfloat (msa_server_check_get_total_ms (check), <, 60 * 1000);
}

static void
test_cancel_before_start (void)
{
  g_autoptr(MsaServer) server = service_server (MSA_TEST_SERVICE_IMAPS);
  g_autoptr(MsaServerCheck) check = msa_server_check_new (server, database, 10);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (run_check (check, cancellable, &error));
  assert_failed_with (check, error, MSA_CHECK_ERROR_CANCELLED);
}

/* Live view: every step reports running, then its end, in order. */
static void
on_step_changed_record_cb (MsaServerCheck *check,
                           guint           step,
                           GString        *log)
{
  g_string_append_printf (log, "%u:%d ", step, msa_server_check_get_step_state (check, step));
}

static void
on_state_notify_cb (MsaServerCheck *check,
                    GParamSpec     *pspec,
                    GString        *log)
{
  g_string_append_printf (log, "state:%d ", msa_server_check_get_state (check));
}

static void
test_signals (void)
{
  g_autoptr(MsaServer) server = service_server (MSA_TEST_SERVICE_SMTPS);
  g_autoptr(MsaServerCheck) check = msa_server_check_new (server, database, 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *expected = NULL;

  g_signal_connect (check, "step-changed", G_CALLBACK (on_step_changed_record_cb), log);
  g_signal_connect (check, "notify::state", G_CALLBACK (on_state_notify_cb), log);
  g_assert_true (run_check (check, NULL, &error));
  g_assert_no_error (error);

  expected = g_strdup_printf ("state:%d 0:%d 0:%d 1:%d 1:%d 2:%d 2:%d 3:%d 3:%d 4:%d 4:%d state:%d ",
                              MSA_CHECK_STATE_RUNNING,
                              MSA_STEP_STATE_RUNNING, MSA_STEP_STATE_DONE,
                              MSA_STEP_STATE_RUNNING, MSA_STEP_STATE_DONE,
                              MSA_STEP_STATE_RUNNING, MSA_STEP_STATE_DONE,
                              MSA_STEP_STATE_RUNNING, MSA_STEP_STATE_DONE,
                              MSA_STEP_STATE_RUNNING, MSA_STEP_STATE_DONE,
                              MSA_CHECK_STATE_PASSED);
  g_assert_cmpstr (log->str, ==, expected);

  /* A second run starts from a clean slate and passes again. */
  g_string_truncate (log, 0);
  g_assert_true (run_check (check, NULL, &error));
  g_assert_true (g_str_has_prefix (log->str, "0:0 1:0 2:0 3:0 4:0 state:0 state:1 "));
}

static void
test_new_destroy (void)
{
  g_autoptr(MsaServer) server = service_server (MSA_TEST_SERVICE_POP3S);
  MsaServerCheck *check = msa_server_check_new (server, database, 10);
  g_autoptr(GError) error = NULL;

  g_assert_true (msa_server_check_get_server (check) == server);
  g_assert_true (msa_server_check_get_database (check) == database);
  g_assert_cmpuint (msa_server_check_get_timeout (check), ==, 10);
  g_assert_cmpint (msa_server_check_get_state (check), ==, MSA_CHECK_STATE_IDLE);

  /* Also after a run: nothing of the run keeps the check alive. */
  g_assert_true (run_check (check, NULL, &error));
  g_assert_finalize_object (check);
}

/* A plain IMAP server on 127.0.0.1 only: "localhost" resolves to ::1
 * first, which refuses, and the check goes on to the next address. */
static void
test_next_address (void)
{
  g_autoptr(MsaFakeServer) fake = NULL;
  g_autoptr(MsaServerCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  fake = msa_fake_server_new_ipv4_only (MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS, &error);
  g_assert_no_error (error);
  msa_fake_server_set_imap_lines (fake, "* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] plain test server\r\n",
                                  NULL, NULL);
  check = check_fake (fake, MSA_PROTOCOL_IMAP, MSA_SECURITY_PLAIN, 10, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (msa_server_check_get_address (check), ==, "127.0.0.1");
  g_assert_cmpstr (msa_server_check_get_greeting (check), ==,
                   "* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] plain test server");
  g_assert_true (g_strv_contains (msa_server_check_get_capabilities (check), "LOGINDISABLED"));
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_CONNECT), ==, MSA_STEP_STATE_DONE);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_TLS), ==, MSA_STEP_STATE_SKIPPED);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_CERTIFICATE), ==, MSA_STEP_STATE_SKIPPED);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_GREETING), ==, MSA_STEP_STATE_DONE);
  g_assert_null (msa_server_check_get_tls_version (check));
}

/* Warnings: a server whose certificate (from the test CA, made here with
 * certtool) has a 1024-bit RSA key and expires in ten days still passes,
 * with a warning for each. */
static void
certtool (const char *dir,
          const char *first_arg,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (char *) "certtool");
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("certtool failed: %s", err);
}

static void
test_certificate_warnings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("msa-weak-XXXXXX", &error);
  g_autofree char *ca_dir = g_path_get_dirname (msa_test_servers_get_ca_file (servers));
  g_autofree char *ca_key = g_build_filename (ca_dir, "ca.key", NULL);
  g_autofree char *template = NULL;
  g_autofree char *cert_file = NULL;
  g_autofree char *key_file = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(MsaFakeServer) fake = NULL;
  g_autoptr(MsaServerCheck) check = NULL;
  MsaCertificate *details;
  const char * const *warnings;

  g_assert_no_error (error);
  template = g_build_filename (dir, "weak.tmpl", NULL);
  g_file_set_contents (template,
                       "cn = \"localhost\"\n"
                       "dns_name = \"localhost\"\n"
                       "expiration_days = 10\n"
                       "tls_www_server\n"
                       "encryption_key\n"
                       "signing_key\n",
                       -1, &error);
  g_assert_no_error (error);
  certtool (dir, "--generate-privkey", "--key-type=rsa", "--bits=1024",
            "--outfile", "weak.key", NULL);
  certtool (dir, "--generate-certificate", "--load-privkey", "weak.key",
            "--load-ca-certificate", msa_test_servers_get_ca_file (servers),
            "--load-ca-privkey", ca_key, "--template", "weak.tmpl",
            "--outfile", "weak.pem", NULL);

  cert_file = g_build_filename (dir, "weak.pem", NULL);
  key_file = g_build_filename (dir, "weak.key", NULL);
  certificate = g_tls_certificate_new_from_files (cert_file, key_file, &error);
  g_assert_no_error (error);

  fake = msa_fake_server_new_tls (MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS, certificate, &error);
  g_assert_no_error (error);
  check = check_fake (fake, MSA_PROTOCOL_IMAP, MSA_SECURITY_SSL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (msa_server_check_get_state (check), ==, MSA_CHECK_STATE_PASSED);

  details = msa_server_check_get_certificate (check);
  g_assert_cmpstr (msa_certificate_get_key_type (details), ==, "RSA");
  g_assert_cmpuint (msa_certificate_get_key_bits (details), ==, 1024);
  g_assert_cmpint (msa_certificate_get_days_left (details, NULL), <=, 10);

  warnings = msa_server_check_get_warnings (check);
  g_assert_cmpuint (g_strv_length ((GStrv) warnings), ==, 2);
  g_assert_nonnull (strstr (warnings[0], "expires in"));
  g_assert_nonnull (strstr (warnings[1], "1024"));

  /* The fake's CAPABILITY answer, asked for because its greeting has none. */
  g_assert_true (g_strv_contains (msa_server_check_get_capabilities (check), "IMAP4rev1"));

  g_remove (template);
  g_remove (cert_file);
  g_remove (key_file);
  g_rmdir (dir);
}

/* An SMTP server that sends a second reply right behind its answer to
 * STARTTLS: that line arrived before encryption and could have been put
 * there by someone in between (the STARTTLS injection of CVE-2011-0411).
 * The check must not carry it into the TLS session. */
static void
test_starttls_injection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) fake = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_SMTP_STARTTLS_INJECTION, &error);
  g_autoptr(MsaServerCheck) check = NULL;

  g_assert_no_error (error);
  check = check_fake (fake, MSA_PROTOCOL_SMTP, MSA_SECURITY_STARTTLS, 10, &error);
  assert_failed_with (check, error, MSA_CHECK_ERROR_PROTOCOL_ERROR);
  g_assert_cmpint (msa_server_check_get_step_state (check, MSA_CHECK_STEP_TLS), ==, MSA_STEP_STATE_FAILED);
  g_assert_null (msa_server_check_get_certificate (check));
  g_assert_cmpstr (msa_server_check_get_greeting (check), ==, "220 localhost ESMTP Fake server");
}

/* Profile checks */

typedef struct
{
  guint running;
  guint max_running;
} Concurrency;

static void
on_concurrency_state_cb (MsaServerCheck *check,
                         GParamSpec     *pspec,
                         Concurrency    *concurrency)
{
  if (msa_server_check_get_state (check) == MSA_CHECK_STATE_RUNNING)
    {
      concurrency->running++;
      concurrency->max_running = MAX (concurrency->max_running, concurrency->running);
    }
  else if (msa_server_check_get_state (check) != MSA_CHECK_STATE_IDLE)
    concurrency->running--;
}

static gboolean
run_profile_check (MsaProfileCheck  *check,
                   Concurrency      *concurrency,
                   GError          **error)
{
  GListModel *checks = msa_profile_check_get_checks (check);
  Wait wait = { NULL, FALSE };
  gboolean passed;

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(MsaServerCheck) server_check = g_list_model_get_item (checks, i);

      g_signal_connect (server_check, "notify::state",
                        G_CALLBACK (on_concurrency_state_cb), concurrency);
    }

  msa_profile_check_run_async (check, NULL, on_done_cb, &wait);
  iterate_until (&wait.done);
  passed = msa_profile_check_run_finish (check, wait.result, error);
  g_object_unref (wait.result);
  while (g_main_context_iteration (context, FALSE))
    ;

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(MsaServerCheck) server_check = g_list_model_get_item (checks, i);

      g_signal_handlers_disconnect_by_data (server_check, concurrency);
    }

  return passed;
}

static MsaProfile *
load_profile (const char * const *services)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = msa_test_servers_write_profile (servers, services, &error);
  g_autoptr(GFile) file = NULL;
  MsaProfile *profile;

  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  profile = msa_profile_new_from_file (file, &error);
  g_assert_no_error (error);
  return profile;
}

static void
test_profile_all (void)
{
  g_autoptr(MsaProfile) profile = load_profile (NULL);
  g_autoptr(MsaProfileCheck) check = msa_profile_check_new (profile, database, 10);
  g_autoptr(GError) error = NULL;
  GListModel *checks = msa_profile_check_get_checks (check);
  Concurrency concurrency = { 0, 0 };

  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, MSA_TEST_N_GOOD_SERVICES);
  g_assert_true (run_profile_check (check, &concurrency, &error));
  g_assert_no_error (error);
  g_assert_true (msa_profile_check_get_passed (check));

  /* All six were under way at the same time. */
  g_assert_cmpuint (concurrency.max_running, ==, MSA_TEST_N_GOOD_SERVICES);
  g_assert_cmpuint (concurrency.running, ==, 0);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(MsaServerCheck) server_check = g_list_model_get_item (checks, i);

      g_assert_cmpint (msa_server_check_get_state (server_check), ==, MSA_CHECK_STATE_PASSED);
      assert_good_certificate (server_check);
      g_assert_nonnull (msa_server_check_get_greeting (server_check));
    }
}

static void
test_profile_one_fails (void)
{
  const char *services[] = { "imaps", "imaps-expired", "smtps", NULL };
  g_autoptr(MsaProfile) profile = load_profile (services);
  g_autoptr(MsaProfileCheck) check = msa_profile_check_new (profile, database, 10);
  g_autoptr(GError) error = NULL;
  GListModel *checks = msa_profile_check_get_checks (check);
  Concurrency concurrency = { 0, 0 };
  g_autoptr(MsaServerCheck) first = NULL;
  g_autoptr(MsaServerCheck) second = NULL;
  g_autoptr(MsaServerCheck) third = NULL;

  g_assert_false (run_profile_check (check, &concurrency, &error));
  g_assert_error (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_CERTIFICATE_EXPIRED);
  g_assert_false (msa_profile_check_get_passed (check));
  g_assert_cmpuint (concurrency.max_running, ==, 3);

  first = g_list_model_get_item (checks, 0);
  second = g_list_model_get_item (checks, 1);
  third = g_list_model_get_item (checks, 2);
  g_assert_cmpint (msa_server_check_get_state (first), ==, MSA_CHECK_STATE_PASSED);
  g_assert_cmpint (msa_server_check_get_state (second), ==, MSA_CHECK_STATE_FAILED);
  g_assert_cmpint (msa_server_check_get_state (third), ==, MSA_CHECK_STATE_PASSED);
}

static void
test_profile_select (void)
{
  g_autoptr(MsaProfile) profile = load_profile (NULL);
  g_autoptr(MsaProfileCheck) check = msa_profile_check_new (profile, database, 10);
  const MsaProtocol smtp[] = { MSA_PROTOCOL_SMTP };
  g_autoptr(GError) error = NULL;
  GListModel *checks = msa_profile_check_get_checks (check);
  Concurrency concurrency = { 0, 0 };

  msa_profile_check_select (check, smtp, G_N_ELEMENTS (smtp));
  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, 2);
  g_assert_true (run_profile_check (check, &concurrency, &error));
  g_assert_cmpuint (concurrency.max_running, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ca_pem = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  servers = msa_test_servers_start (&error);
  if (servers == NULL)
    g_error ("Could not start the test servers: %s", error->message);

  database = g_tls_file_database_new (msa_test_servers_get_ca_file (servers), &error);
  g_assert_no_error (error);
  g_file_get_contents (msa_test_servers_get_ca_file (servers), &ca_pem, NULL, &error);
  g_assert_no_error (error);
  ca = msa_certificate_new_from_pem (ca_pem, &error);
  g_assert_no_error (error);

  g_test_add_func ("/server-check/new-destroy", test_new_destroy);
  g_test_add_func ("/server-check/success/imaps", test_imaps);
  g_test_add_func ("/server-check/success/pop3s", test_pop3s);
  g_test_add_func ("/server-check/success/smtps", test_smtps);
  g_test_add_func ("/server-check/success/imap-starttls", test_imap_starttls);
  g_test_add_func ("/server-check/success/pop3-starttls", test_pop3_starttls);
  g_test_add_func ("/server-check/success/submission-starttls", test_submission_starttls);
  g_test_add_func ("/server-check/signals", test_signals);
  g_test_add_func ("/server-check/next-address", test_next_address);
  g_test_add_func ("/server-check/certificate-warnings", test_certificate_warnings);
  g_test_add_func ("/server-check/fail/untrusted", test_untrusted);
  g_test_add_func ("/server-check/fail/system-trust", test_system_trust);
  g_test_add_func ("/server-check/fail/hostname-mismatch", test_wrong_host);
  g_test_add_func ("/server-check/fail/expired", test_expired);
  g_test_add_func ("/server-check/fail/not-yet-valid", test_not_yet_valid);
  g_test_add_func ("/server-check/fail/insecure-signature", test_insecure_signature);
  g_test_add_func ("/server-check/fail/tls-1.0", test_tls_1_0);
  g_test_add_func ("/server-check/fail/tls-1.1", test_tls_1_1);
  g_test_add_func ("/server-check/fail/plain-on-ssl-port", test_plain_on_ssl_port);
  g_test_add_func ("/server-check/starttls/stays-plain", test_starttls_stays_plain);
  g_test_add_func ("/server-check/fail/silent-timeout", test_silent_timeout);
  g_test_add_func ("/server-check/fail/silent-plain-timeout", test_silent_plain_timeout);
  g_test_add_func ("/server-check/fail/refused", test_refused);
  g_test_add_func ("/server-check/fail/local-error", test_local_error);
  g_test_add_func ("/server-check/fail/unresolvable", test_unresolvable);
  g_test_add_func ("/server-check/fail/imap-no-starttls", test_imap_no_starttls);
  g_test_add_func ("/server-check/fail/pop3-no-stls", test_pop3_no_stls);
  g_test_add_func ("/server-check/fail/smtp-no-starttls", test_smtp_no_starttls);
  g_test_add_func ("/server-check/fail/starttls-injection", test_starttls_injection);
  g_test_add_func ("/server-check/fail/oversized-greeting", test_oversized_greeting);
  g_test_add_func ("/server-check/fail/oversized-plain-greeting", test_oversized_plain_greeting);
  g_test_add_func ("/server-check/fail/cancel-in-handshake", test_cancel_in_handshake);
  g_test_add_func ("/server-check/fail/cancel-before-start", test_cancel_before_start);
  g_test_add_func ("/profile-check/all", test_profile_all);
  g_test_add_func ("/profile-check/one-fails", test_profile_one_fails);
  g_test_add_func ("/profile-check/select", test_profile_select);

  status = g_test_run ();

  g_clear_object (&ca);
  g_clear_object (&database);
  g_clear_pointer (&servers, msa_test_servers_stop);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return status;
}
