/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Tests of the test fixture itself: every real server speaks its protocol
 * over TLS with the test CA, every bad-certificate server fails in exactly
 * its own way, and no server outlives its test — not even a test that is
 * killed. */

#include "config.h"

#include "msa-test-servers.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msa-test-servers-guard-defs.h"

#define IO_TIMEOUT_S 10

/* One fixture for the protocol tests: starting it is what they share. */
static MsaTestServers *servers;

static GTlsDatabase *
test_database (void)
{
  g_autoptr(GError) error = NULL;
  GTlsDatabase *database;

  database = g_tls_file_database_new (msa_test_servers_get_ca_file (servers), &error);
  g_assert_no_error (error);
  return database;
}

static gboolean
on_accept_certificate_cb (GTlsConnection       *connection,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              user_data)
{
  GTlsCertificateFlags *flags = user_data;

  *flags = errors;
  return FALSE;
}

/* Byte by byte: nothing read ahead can be lost between calls, or when
 * TLS starts on the same socket. */
static char *
read_line (GIOStream *stream)
{
  GInputStream *input = g_io_stream_get_input_stream (stream);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  while (line->len < 64 * 1024 && !g_str_has_suffix (line->str, "\r\n"))
    {
      char c;
      gssize n = g_input_stream_read (input, &c, 1, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, ==, 1);
      g_string_append_c (line, c);
    }

  g_assert_true (g_str_has_suffix (line->str, "\r\n"));
  g_string_truncate (line, line->len - 2);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
write_line (GIOStream  *stream,
            const char *line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *with_crlf = g_strconcat (line, "\r\n", NULL);

  g_output_stream_write_all (g_io_stream_get_output_stream (stream),
                             with_crlf, strlen (with_crlf), NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Reads lines until one starts with @prefix; returns that line. */
static char *
read_until (GIOStream  *stream,
            const char *prefix)
{
  for (guint i = 0; i < 50; i++)
    {
      char *line = read_line (stream);

      if (g_str_has_prefix (line, prefix))
        return line;
      g_free (line);
    }
  g_assert_not_reached ();
}

static GSocketConnection *
connect_to (const char *address,
            guint16     port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (inet, port);
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  g_socket_client_set_timeout (client, IO_TIMEOUT_S);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (socket_address),
                                        NULL, &error);
  g_assert_no_error (error);
  return connection;
}

/* A TLS handshake on @base for "localhost" against the test CA.  Returns
 * the connection, or NULL with the certificate flags in @flags. */
static GIOStream *
start_tls (GIOStream            *base,
           guint16               port,
           GTlsCertificateFlags *flags,
           GError              **error)
{
  g_autoptr(GSocketConnectable) identity = g_network_address_new ("localhost", port);
  g_autoptr(GTlsDatabase) database = test_database ();
  g_autoptr(GIOStream) tls = NULL;

  tls = g_tls_client_connection_new (base, identity, error);
  g_assert_nonnull (tls);
  g_tls_connection_set_database (G_TLS_CONNECTION (tls), database);
  *flags = 0;
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), flags);

  if (!g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, error))
    return NULL;

  return g_steal_pointer (&tls);
}

static void
assert_tls_1_3 (GIOStream *tls)
{
#if GLIB_CHECK_VERSION (2, 70, 0)
  g_assert_cmpint (g_tls_connection_get_protocol_version (G_TLS_CONNECTION (tls)), ==,
                   G_TLS_PROTOCOL_VERSION_TLS_1_3);
#endif
  g_assert_cmpint (g_tls_connection_get_peer_certificate_errors (G_TLS_CONNECTION (tls)), ==, 0);
}

static void
assert_implicit_tls (MsaTestService  service,
                     const char     *address,
                     const char     *greeting)
{
  guint16 port = msa_test_servers_get_port (servers, service);
  g_autoptr(GSocketConnection) base = connect_to (address, port);
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  GTlsCertificateFlags flags;

  tls = start_tls (G_IO_STREAM (base), port, &flags, &error);
  g_assert_no_error (error);
  assert_tls_1_3 (tls);

  line = read_line (tls);
  g_test_message ("%s on %s: %s", msa_test_service_to_string (service), address, line);
  g_assert_true (g_str_has_prefix (line, greeting));
}

static void
test_implicit_tls (void)
{
  static const char *addresses[] = { "127.0.0.1", "::1" };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      assert_implicit_tls (MSA_TEST_SERVICE_IMAPS, addresses[i], "* OK");
      assert_implicit_tls (MSA_TEST_SERVICE_POP3S, addresses[i], "+OK");
      assert_implicit_tls (MSA_TEST_SERVICE_SMTPS, addresses[i], "220 localhost ESMTP");
    }
}

static void
assert_starttls (MsaTestService  service,
                 const char     *address)
{
  guint16 port = msa_test_servers_get_port (servers, service);
  g_autoptr(GSocketConnection) base = connect_to (address, port);
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *greeting = read_line (G_IO_STREAM (base));
  g_autofree char *answer = NULL;
  g_autofree char *capability = NULL;
  GTlsCertificateFlags flags;

  g_test_message ("%s on %s: %s", msa_test_service_to_string (service), address, greeting);

  switch (service)
    {
    case MSA_TEST_SERVICE_IMAP_STARTTLS:
      g_assert_true (g_str_has_prefix (greeting, "* OK"));
      g_assert_nonnull (strstr (greeting, "STARTTLS"));
      write_line (G_IO_STREAM (base), "a STARTTLS");
      answer = read_until (G_IO_STREAM (base), "a ");
      g_assert_true (g_str_has_prefix (answer, "a OK"));
      break;
    case MSA_TEST_SERVICE_POP3_STARTTLS:
      g_assert_true (g_str_has_prefix (greeting, "+OK"));
      write_line (G_IO_STREAM (base), "STLS");
      answer = read_line (G_IO_STREAM (base));
      g_assert_true (g_str_has_prefix (answer, "+OK"));
      break;
    case MSA_TEST_SERVICE_SUBMISSION_STARTTLS:
      {
        g_autofree char *last = NULL;

        g_assert_true (g_str_has_prefix (greeting, "220 localhost ESMTP"));
        write_line (G_IO_STREAM (base), "EHLO test.invalid");
        last = read_until (G_IO_STREAM (base), "250 ");
        write_line (G_IO_STREAM (base), "STARTTLS");
        answer = read_line (G_IO_STREAM (base));
        g_assert_true (g_str_has_prefix (answer, "220"));
      }
      break;
    case MSA_TEST_SERVICE_IMAPS:
    case MSA_TEST_SERVICE_POP3S:
    case MSA_TEST_SERVICE_SMTPS:
    case MSA_TEST_SERVICE_IMAPS_UNTRUSTED:
    case MSA_TEST_SERVICE_IMAPS_WRONG_HOST:
    case MSA_TEST_SERVICE_IMAPS_EXPIRED:
    case MSA_TEST_SERVICE_IMAPS_NOT_YET_VALID:
    default:
      g_assert_not_reached ();
    }

  tls = start_tls (G_IO_STREAM (base), port, &flags, &error);
  g_assert_no_error (error);
  assert_tls_1_3 (tls);

  /* The same protocol goes on inside TLS. */
  switch (service)
    {
    case MSA_TEST_SERVICE_IMAP_STARTTLS:
      write_line (tls, "b CAPABILITY");
      capability = read_until (tls, "* CAPABILITY");
      g_assert_null (strstr (capability, "STARTTLS"));
      g_free (answer);
      answer = read_until (tls, "b ");
      g_assert_true (g_str_has_prefix (answer, "b OK"));
      break;
    case MSA_TEST_SERVICE_POP3_STARTTLS:
      write_line (tls, "CAPA");
      capability = read_line (tls);
      g_assert_true (g_str_has_prefix (capability, "+OK"));
      g_free (answer);
      answer = read_until (tls, ".");
      break;
    case MSA_TEST_SERVICE_SUBMISSION_STARTTLS:
      write_line (tls, "EHLO test.invalid");
      capability = read_line (tls);
      g_assert_true (g_str_has_prefix (capability, "250"));
      break;
    case MSA_TEST_SERVICE_IMAPS:
    case MSA_TEST_SERVICE_POP3S:
    case MSA_TEST_SERVICE_SMTPS:
    case MSA_TEST_SERVICE_IMAPS_UNTRUSTED:
    case MSA_TEST_SERVICE_IMAPS_WRONG_HOST:
    case MSA_TEST_SERVICE_IMAPS_EXPIRED:
    case MSA_TEST_SERVICE_IMAPS_NOT_YET_VALID:
    default:
      g_assert_not_reached ();
    }
}

static void
test_starttls (void)
{
  static const char *addresses[] = { "127.0.0.1", "::1" };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      assert_starttls (MSA_TEST_SERVICE_IMAP_STARTTLS, addresses[i]);
      assert_starttls (MSA_TEST_SERVICE_POP3_STARTTLS, addresses[i]);
      assert_starttls (MSA_TEST_SERVICE_SUBMISSION_STARTTLS, addresses[i]);
    }
}

static void
test_bad_certificates (void)
{
  static const char *addresses[] = { "127.0.0.1", "::1" };

  for (MsaTestService service = MSA_TEST_SERVICE_IMAPS_UNTRUSTED;
       service < MSA_TEST_N_SERVICES; service++)
    {
      GTlsCertificateFlags expected = msa_test_service_get_expected_flags (service);

      g_assert_cmpint (expected, !=, 0);

      for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
        {
          guint16 port = msa_test_servers_get_port (servers, service);
          g_autoptr(GSocketConnection) base = connect_to (addresses[i], port);
          g_autoptr(GIOStream) tls = NULL;
          g_autoptr(GError) error = NULL;
          GTlsCertificateFlags flags;

          tls = start_tls (G_IO_STREAM (base), port, &flags, &error);
          g_test_message ("%s on %s: flags 0x%x", msa_test_service_to_string (service),
                          addresses[i], flags);
          g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
          g_assert_null (tls);
          /* Exactly one thing is wrong with each. */
          g_assert_cmphex (flags & G_TLS_CERTIFICATE_VALIDATE_ALL, ==, expected);
        }
    }
}

static void
test_ports_distinct (void)
{
  for (guint i = 0; i < MSA_TEST_N_SERVICES; i++)
    {
      g_assert_cmpuint (msa_test_servers_get_port (servers, i), >=, 1024);
      g_assert_cmpstr (msa_test_servers_get_host (servers, i), ==, "localhost");
      for (guint j = 0; j < i; j++)
        g_assert_cmpuint (msa_test_servers_get_port (servers, i), !=,
                          msa_test_servers_get_port (servers, j));
    }

  g_assert_true (g_path_is_absolute (msa_test_servers_get_ca_file (servers)));
  g_assert_true (g_file_test (msa_test_servers_get_ca_file (servers), G_FILE_TEST_IS_REGULAR));
}

static void
test_service_names (void)
{
  for (guint i = 0; i < MSA_TEST_N_SERVICES; i++)
    {
      MsaTestService service = 0;

      g_assert_true (msa_test_service_from_string (msa_test_service_to_string (i), &service));
      g_assert_cmpint (service, ==, i);
      g_assert_nonnull (msa_test_service_get_protocol (i));
      g_assert_nonnull (msa_test_service_get_socket_type (i));
    }

  g_assert_false (msa_test_service_from_string ("imap", NULL));
  g_assert_cmpstr (msa_test_service_to_string (MSA_TEST_SERVICE_SUBMISSION_STARTTLS), ==,
                   "submission-starttls");
}

static void
test_profile (void)
{
  static const char *some[] = { "imaps-expired", "smtps", "pop3-starttls", NULL };
  static const char *unknown[] = { "imaps", "gopher", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *other = NULL;
  g_auto(GStrv) parts = NULL;

  path = msa_test_servers_write_profile (servers, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_path_is_absolute (path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  g_assert_nonnull (strstr (contents, "<clientConfig version=\"1.1\">"));
  g_assert_nonnull (strstr (contents, "<displayName>Test provider</displayName>"));
  for (guint i = 0; i < MSA_TEST_N_GOOD_SERVICES; i++)
    {
      g_autofree char *port = g_strdup_printf ("<port>%u</port>",
                                               msa_test_servers_get_port (servers, i));
      g_assert_nonnull (strstr (contents, port));
    }
  /* Incoming before outgoing, as Mozilla's format has them. */
  g_assert_true (strstr (contents, "<incomingServer type=\"pop3\">")
                 < strstr (contents, "<outgoingServer type=\"smtp\">"));
  g_assert_nonnull (strstr (contents, "<socketType>STARTTLS</socketType>"));

  other = msa_test_servers_write_profile (servers, some, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other, !=, path);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (other, &contents, NULL, NULL));
  expected = g_strdup_printf ("<port>%u</port>",
                              msa_test_servers_get_port (servers, MSA_TEST_SERVICE_IMAPS_EXPIRED));
  g_assert_nonnull (strstr (contents, expected));
  g_assert_null (strstr (contents, "<incomingServer type=\"imap\">\n      <hostname>localhost"
                                   "</hostname>\n      <port>0<"));
  parts = g_strsplit (contents, "<incomingServer", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);

  g_assert_null (msa_test_servers_write_profile (servers, unknown, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static gboolean
pid_alive (GPid pid)
{
  return kill (pid, 0) == 0 || errno != ESRCH;
}

/* Start and stop a fixture of its own: every process goes, and the
 * directory too. */
static void
test_stop (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pids = NULL;
  g_autofree char *dir = NULL;
  MsaTestServers *own;

  own = msa_test_servers_start (&error);
  g_assert_no_error (error);
  dir = g_strdup (msa_test_servers_get_dir (own));
  pids = msa_test_servers_list_pids (own);
  /* Six guards, and at least a master below each. */
  g_assert_cmpuint (pids->len, >=, 12);

  msa_test_servers_stop (own);

  for (guint i = 0; i < pids->len; i++)
    g_assert_false (pid_alive (g_array_index (pids, GPid, i)));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

/* The run tool, killed with SIGKILL: the guards still kill every server. */
static void
test_killed_owner (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) run = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(GStrv) pids = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = g_build_filename (g_get_tmp_dir (), "msa-killed-XXXXXX", NULL);
  MsaTestServers *next;
  gint64 deadline;
  guint alive;

  /* A base directory of its own: other test programs starting servers
   * at the same time would clear the stale directory before we look. */
  g_assert_nonnull (g_mkdtemp_full (base, 0755));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "MSA_TEST_SERVERS_DIR", base, TRUE);
  run = g_subprocess_launcher_spawn (launcher, &error, MSA_TEST_SERVERS_RUN, NULL);
  g_assert_no_error (error);

  data = g_data_input_stream_new (g_subprocess_get_stdout_pipe (run));
  while (TRUE)
    {
      g_autofree char *line = g_data_input_stream_read_line (data, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);   /* it started, or the test fails here */
      if (g_str_equal (line, "MSA_TEST_READY=1"))
        break;
      if (g_str_has_prefix (line, "MSA_TEST_PIDS="))
        {
          g_autofree char *value = g_shell_unquote (line + strlen ("MSA_TEST_PIDS="), &error);

          g_assert_no_error (error);
          pids = g_strsplit (value, " ", -1);
        }
      if (g_str_has_prefix (line, "MSA_TEST_DIR="))
        {
          dir = g_shell_unquote (line + strlen ("MSA_TEST_DIR="), &error);
          g_assert_no_error (error);
        }
    }
  g_assert_nonnull (pids);
  g_assert_cmpuint (g_strv_length (pids), >=, 12);
  /* The six guards come first; a server's helper processes may come and
   * go (a login process ends with its connection). */
  for (guint i = 0; i < 6; i++)
    g_assert_true (pid_alive (atoi (pids[i])));

  /* No chance to clean up: SIGKILL. */
  g_subprocess_force_exit (run);
  g_subprocess_wait (run, NULL, &error);
  g_assert_no_error (error);

  /* Bounded: the guards notice at once, and kill with SIGKILL. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      alive = 0;
      for (guint i = 0; pids[i] != NULL; i++)
        alive += pid_alive (atoi (pids[i]));
      if (alive > 0)
        g_usleep (10000);
    }
  while (alive > 0 && g_get_monotonic_time () < deadline);

  g_assert_cmpuint (alive, ==, 0);

  /* Its directory is left behind, and the next start removes it. */
  g_assert_nonnull (dir);
  g_assert_true (g_str_has_prefix (dir, base));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  g_setenv ("MSA_TEST_SERVERS_DIR", base, TRUE);
  next = msa_test_servers_start (&error);
  g_unsetenv ("MSA_TEST_SERVERS_DIR");
  g_assert_no_error (error);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  msa_test_servers_stop (next);
  g_assert_cmpint (g_rmdir (base), ==, 0);
}

/* A server that does not start: a clear error that names it, and
 * nothing left behind of the others. */
static void
test_start_failure (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_build_filename (g_get_tmp_dir (), "msa-fail-XXXXXX", NULL);
  g_autoptr(GDir) dir = NULL;
  MsaTestServers *broken;

  /* A directory of its own, to see that the failed start leaves nothing. */
  g_assert_nonnull (g_mkdtemp_full (base, 0755));
  g_setenv ("MSA_TEST_SERVERS_DIR", base, TRUE);
  g_setenv ("MSA_TEST_SERVERS_POSTFIX_MASTER", "/bin/false", TRUE);
  broken = msa_test_servers_start (&error);
  g_unsetenv ("MSA_TEST_SERVERS_POSTFIX_MASTER");
  g_unsetenv ("MSA_TEST_SERVERS_DIR");

  g_assert_null (broken);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Test server postfix exited"));
  g_assert_nonnull (strstr (error->message, "--- postfix: log ---"));

  g_clear_error (&error);
  dir = g_dir_open (base, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (dir));
  g_assert_cmpint (g_rmdir (base), ==, 0);
}

/* Another program takes a port between the pick and the server's bind:
 * the server is started again on other ports. */
static void
test_port_race (gconstpointer data)
{
  const char *service_name = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaTestServers) own = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GIOStream) tls = NULL;
  MsaTestService service;
  GTlsCertificateFlags flags;
  MsaTestServers *saved = servers;

  g_assert_true (msa_test_service_from_string (service_name, &service));
  g_setenv ("MSA_TEST_SERVERS_SQUAT", service_name, TRUE);
  own = msa_test_servers_start (&error);
  g_unsetenv ("MSA_TEST_SERVERS_SQUAT");
  g_assert_no_error (error);
  g_assert_cmpuint (msa_test_servers_get_n_restarts (own), ==, 1);

  /* The service works on its new port. */
  servers = own;
  connection = connect_to ("::1", msa_test_servers_get_port (own, service));
  tls = start_tls (G_IO_STREAM (connection), msa_test_servers_get_port (own, service),
                   &flags, &error);
  servers = saved;
  g_assert_no_error (error);
  g_assert_nonnull (tls);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  servers = msa_test_servers_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/test-servers/service-names", test_service_names);
  g_test_add_func ("/test-servers/ports", test_ports_distinct);
  g_test_add_func ("/test-servers/implicit-tls", test_implicit_tls);
  g_test_add_func ("/test-servers/starttls", test_starttls);
  g_test_add_func ("/test-servers/bad-certificates", test_bad_certificates);
  g_test_add_func ("/test-servers/profile", test_profile);
  g_test_add_func ("/test-servers/stop", test_stop);
  g_test_add_func ("/test-servers/start-failure", test_start_failure);
  g_test_add_data_func ("/test-servers/port-race/dovecot", "imaps", test_port_race);
  g_test_add_data_func ("/test-servers/port-race/postfix", "smtps", test_port_race);
  g_test_add_func ("/test-servers/killed-owner", test_killed_owner);

  result = g_test_run ();

  msa_test_servers_stop (servers);
  return result;
}
