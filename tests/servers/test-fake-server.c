/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The fake servers do exactly what the failure tests rely on.  Everything
 * runs on a private main context, as in the engine's tests: the fake and
 * the client here share it. */

#include "config.h"

#include "msa-fake-server.h"
#include "msa-test-servers.h"

#include <glib/gstdio.h>
#include <string.h>

/* A bound on every wait: a broken fake fails the test instead of hanging. */
#define WAIT_LIMIT_S 20

static GMainContext *context;

static gboolean
on_wait_limit_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the test's context until *@done. */
static void
run_until (const gboolean *done)
{
  gboolean expired = FALSE;
  GSource *limit = g_timeout_source_new_seconds (WAIT_LIMIT_S);

  g_source_set_callback (limit, on_wait_limit_cb, &expired, NULL);
  g_source_attach (limit, context);

  while (!*done && !expired)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (limit);
  g_source_unref (limit);
  g_assert_false (expired);
}

typedef struct
{
  gboolean      done;
  GObject      *object;
  GError       *error;
  char         *line;
  gssize        size;
} Result;

static void
result_clear (Result *result)
{
  g_clear_object (&result->object);
  g_clear_error (&result->error);
  g_clear_pointer (&result->line, g_free);
  memset (result, 0, sizeof *result);
}

static void
on_connect_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  Result *result = user_data;

  result->object = G_OBJECT (g_socket_client_connect_finish (G_SOCKET_CLIENT (source), res,
                                                             &result->error));
  result->done = TRUE;
}

static GSocketConnection *
try_connect (const char  *address,
             guint16      port,
             GError     **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (inet, port);
  Result result = { 0 };
  GSocketConnection *connection;

  g_socket_client_connect_async (client, G_SOCKET_CONNECTABLE (socket_address), NULL,
                                 on_connect_cb, &result);
  run_until (&result.done);

  connection = G_SOCKET_CONNECTION (g_steal_pointer (&result.object));
  if (result.error != NULL)
    g_propagate_error (error, g_steal_pointer (&result.error));
  result_clear (&result);
  return connection;
}

static GSocketConnection *
connect_to (const char *address,
            guint16     port)
{
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection = try_connect (address, port, &error);

  g_assert_no_error (error);
  return connection;
}

static void
on_read_line_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Result *result = user_data;
  gsize length = 0;

  result->line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), res,
                                                       &length, &result->error);
  result->done = TRUE;
}

/* The next line, without CRLF; NULL at end of stream. */
static char *
read_line (GDataInputStream *data)
{
  Result result = { 0 };
  char *line;

  g_data_input_stream_read_line_async (data, G_PRIORITY_DEFAULT, NULL, on_read_line_cb, &result);
  run_until (&result.done);
  g_assert_no_error (result.error);

  line = g_steal_pointer (&result.line);
  result_clear (&result);
  return line;
}

static GDataInputStream *
line_reader (GSocketConnection *connection)
{
  GDataInputStream *data;

  data = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  return data;
}

static void
send_line (GSocketConnection *connection,
           const char        *line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *with_crlf = g_strconcat (line, "\r\n", NULL);

  /* Small writes to a loopback socket never block. */
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             with_crlf, strlen (with_crlf), NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  Result *result = user_data;

  result->size = g_input_stream_read_finish (G_INPUT_STREAM (source), res, &result->error);
  result->done = TRUE;
}

/* One read: how many bytes came (0 at end of stream). */
static gssize
read_some (GInputStream *input,
           char         *buffer,
           gsize         size)
{
  Result result = { 0 };
  gssize n;

  g_input_stream_read_async (input, buffer, size, G_PRIORITY_DEFAULT, NULL, on_read_cb, &result);
  run_until (&result.done);
  g_assert_no_error (result.error);
  n = result.size;
  result_clear (&result);
  return n;
}

/* Reads until the end; asserts that nothing came before it.  A server
 * that closes with unread input makes the kernel reset the connection:
 * that is an end too. */
static void
assert_nothing_then_end (GSocketConnection *connection)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  Result result = { 0 };
  char buffer[64];

  g_input_stream_read_async (input, buffer, sizeof buffer, G_PRIORITY_DEFAULT, NULL,
                             on_read_cb, &result);
  run_until (&result.done);
  if (result.error != NULL)
    g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
  else
    g_assert_cmpint (result.size, ==, 0);
  result_clear (&result);
}

static MsaFakeServer *
new_fake (MsaFakeBehaviour behaviour)
{
  g_autoptr(GError) error = NULL;
  MsaFakeServer *fake = msa_fake_server_new (behaviour, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fake);
  return fake;
}

static void
wait_for_connections (MsaFakeServer *fake,
                      guint          n)
{
  gboolean expired = FALSE;
  GSource *limit = g_timeout_source_new_seconds (WAIT_LIMIT_S);

  g_source_set_callback (limit, on_wait_limit_cb, &expired, NULL);
  g_source_attach (limit, context);
  while (msa_fake_server_get_n_connections (fake) < n && !expired)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (limit);
  g_source_unref (limit);
  g_assert_cmpuint (msa_fake_server_get_n_connections (fake), ==, n);
}

static void
test_new_destroy (void)
{
  for (MsaFakeBehaviour behaviour = MSA_FAKE_BEHAVIOUR_SILENT;
       behaviour <= MSA_FAKE_BEHAVIOUR_REFUSED; behaviour++)
    {
      MsaFakeServer *fake = new_fake (behaviour);
      guint port = 0;

      g_assert_cmpint (msa_fake_server_get_behaviour (fake), ==, behaviour);
      g_assert_cmpuint (msa_fake_server_get_port (fake), >, 0);
      g_object_get (fake, "port", &port, NULL);
      g_assert_cmpuint (port, ==, msa_fake_server_get_port (fake));
      g_assert_cmpuint (msa_fake_server_get_n_connections (fake), ==, 0);
      g_assert_finalize_object (fake);
    }
}

/* Finalized with a client still connected: the client sees the end. */
static void
test_destroy_while_connected (void)
{
  MsaFakeServer *fake = new_fake (MSA_FAKE_BEHAVIOUR_SILENT);
  g_autoptr(GSocketConnection) connection = NULL;

  connection = connect_to ("127.0.0.1", msa_fake_server_get_port (fake));
  wait_for_connections (fake, 1);
  g_assert_finalize_object (fake);

  assert_nothing_then_end (connection);
}

static void
test_silent (void)
{
  static const char *addresses[] = { "127.0.0.1", "::1" };
  MsaFakeServer *fake = new_fake (MSA_FAKE_BEHAVIOUR_SILENT);
  GSocketConnection *connections[G_N_ELEMENTS (addresses)];

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      connections[i] = connect_to (addresses[i], msa_fake_server_get_port (fake));
      send_line (connections[i], "a CAPABILITY");
    }
  wait_for_connections (fake, G_N_ELEMENTS (addresses));

  /* Not a word until the end: the first read returns end of stream. */
  g_assert_finalize_object (fake);
  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      assert_nothing_then_end (connections[i]);
      g_object_unref (connections[i]);
    }
}

static void
test_plain_on_ssl (void)
{
  MsaFakeServer *fake = new_fake (MSA_FAKE_BEHAVIOUR_PLAIN_ON_SSL);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autofree char *line = NULL;

  connection = connect_to ("::1", msa_fake_server_get_port (fake));
  data = line_reader (connection);
  line = read_line (data);
  g_assert_cmpstr (line, ==, "* OK IMAP ready");

  g_assert_finalize_object (fake);
}

static void
on_handshake_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Result *result = user_data;

  g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), res, &result->error);
  result->done = TRUE;
}

/* What a TLS client makes of it: a TLS error, not a certificate one. */
static void
test_plain_on_ssl_tls_client (void)
{
  MsaFakeServer *fake = new_fake (MSA_FAKE_BEHAVIOUR_PLAIN_ON_SSL);
  guint16 port = msa_fake_server_get_port (fake);
  g_autoptr(GSocketConnection) connection = connect_to ("127.0.0.1", port);
  g_autoptr(GSocketConnectable) identity = g_network_address_new ("localhost", port);
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GError) error = NULL;
  Result result = { 0 };

  tls = g_tls_client_connection_new (G_IO_STREAM (connection), identity, &error);
  g_assert_no_error (error);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL,
                                    on_handshake_cb, &result);
  run_until (&result.done);
  g_assert_nonnull (result.error);
  g_assert_true (result.error->domain == G_TLS_ERROR);
  g_assert_false (g_error_matches (result.error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE));
  result_clear (&result);

  g_assert_finalize_object (fake);
}

static void
test_oversized_greeting (void)
{
  MsaFakeServer *fake = new_fake (MSA_FAKE_BEHAVIOUR_OVERSIZED_GREETING);
  g_autoptr(GSocketConnection) connection = NULL;
  GInputStream *input;
  gsize total = 0;
  char buffer[64 * 1024];

  connection = connect_to ("127.0.0.1", msa_fake_server_get_port (fake));
  input = g_io_stream_get_input_stream (G_IO_STREAM (connection));

  /* One line that never ends, bounded by the fake itself. */
  while (total < MSA_FAKE_SERVER_FLOOD_SIZE)
    {
      gssize n = read_some (input, buffer, sizeof buffer);

      g_assert_cmpint (n, >, 0);
      if (total == 0)
        g_assert_true (n >= 5 && memcmp (buffer, "* OK ", 5) == 0);
      g_assert_null (memchr (buffer, '\n', n));
      total += n;
    }
  g_assert_cmpuint (total, ==, MSA_FAKE_SERVER_FLOOD_SIZE);

  /* Nothing more: the next read sees the end once the fake is gone. */
  g_assert_finalize_object (fake);
  g_assert_cmpint (read_some (input, buffer, sizeof buffer), ==, 0);
}

static void
test_imap_no_starttls (void)
{
  MsaFakeServer *fake = new_fake (MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autofree char *greeting = NULL;
  g_autofree char *capability = NULL;
  g_autofree char *tagged = NULL;
  g_autofree char *starttls = NULL;
  g_autofree char *bye = NULL;
  g_autofree char *logout = NULL;
  g_autofree char *end = NULL;

  connection = connect_to ("::1", msa_fake_server_get_port (fake));
  data = line_reader (connection);

  greeting = read_line (data);
  g_assert_true (g_str_has_prefix (greeting, "* OK "));
  g_assert_null (strstr (greeting, "STARTTLS"));

  send_line (connection, "a1 CAPABILITY");
  capability = read_line (data);
  g_assert_true (g_str_has_prefix (capability, "* CAPABILITY IMAP4rev1"));
  g_assert_null (strstr (capability, "STARTTLS"));
  tagged = read_line (data);
  g_assert_true (g_str_has_prefix (tagged, "a1 OK"));

  send_line (connection, "a2 STARTTLS");
  starttls = read_line (data);
  g_assert_true (g_str_has_prefix (starttls, "a2 BAD"));

  send_line (connection, "a3 LOGOUT");
  bye = read_line (data);
  g_assert_true (g_str_has_prefix (bye, "* BYE"));
  logout = read_line (data);
  g_assert_true (g_str_has_prefix (logout, "a3 OK"));
  end = read_line (data);
  g_assert_null (end);

  g_assert_finalize_object (fake);
}

static void
test_pop3_no_stls (void)
{
  MsaFakeServer *fake = new_fake (MSA_FAKE_BEHAVIOUR_POP3_NO_STLS);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autofree char *greeting = NULL;
  g_autofree char *stls = NULL;
  g_autofree char *quit = NULL;
  g_autofree char *end = NULL;
  guint n_capabilities = 0;

  connection = connect_to ("127.0.0.1", msa_fake_server_get_port (fake));
  data = line_reader (connection);

  greeting = read_line (data);
  g_assert_true (g_str_has_prefix (greeting, "+OK"));

  send_line (connection, "CAPA");
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *line = read_line (data);

      g_assert_nonnull (line);
      if (i == 0)
        {
          g_assert_true (g_str_has_prefix (line, "+OK"));
          continue;
        }
      if (g_str_equal (line, "."))
        break;
      g_assert_cmpstr (line, !=, "STLS");
      n_capabilities++;
    }
  g_assert_cmpuint (n_capabilities, >, 0);

  send_line (connection, "STLS");
  stls = read_line (data);
  g_assert_true (g_str_has_prefix (stls, "-ERR"));

  send_line (connection, "QUIT");
  quit = read_line (data);
  g_assert_true (g_str_has_prefix (quit, "+OK"));
  end = read_line (data);
  g_assert_null (end);

  g_assert_finalize_object (fake);
}

static void
test_smtp_no_starttls (void)
{
  MsaFakeServer *fake = new_fake (MSA_FAKE_BEHAVIOUR_SMTP_NO_STARTTLS);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autofree char *greeting = NULL;
  g_autofree char *starttls = NULL;
  g_autofree char *quit = NULL;
  g_autofree char *end = NULL;
  gboolean last = FALSE;

  connection = connect_to ("127.0.0.1", msa_fake_server_get_port (fake));
  data = line_reader (connection);

  greeting = read_line (data);
  g_assert_true (g_str_has_prefix (greeting, "220 "));

  send_line (connection, "EHLO test.invalid");
  for (guint i = 0; i < 20 && !last; i++)
    {
      g_autofree char *line = read_line (data);

      g_assert_nonnull (line);
      g_assert_true (g_str_has_prefix (line, "250"));
      g_assert_null (strstr (line, "STARTTLS"));
      last = line[3] == ' ';
    }
  g_assert_true (last);

  send_line (connection, "STARTTLS");
  starttls = read_line (data);
  g_assert_true (g_str_has_prefix (starttls, "502"));

  send_line (connection, "QUIT");
  quit = read_line (data);
  g_assert_true (g_str_has_prefix (quit, "221"));
  end = read_line (data);
  g_assert_null (end);

  g_assert_finalize_object (fake);
}

static void
test_refused (void)
{
  static const char *addresses[] = { "127.0.0.1", "::1" };
  MsaFakeServer *fake = new_fake (MSA_FAKE_BEHAVIOUR_REFUSED);

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocketConnection) connection = NULL;

      connection = try_connect (addresses[i], msa_fake_server_get_port (fake), &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
      g_assert_null (connection);
    }

  g_assert_cmpuint (msa_fake_server_get_n_connections (fake), ==, 0);
  g_assert_finalize_object (fake);
}

/* STARTTLS advertised and agreed to, with a second reply right behind
 * the agreement in the same write. */
static void
test_smtp_starttls_injection (void)
{
  MsaFakeServer *fake = new_fake (MSA_FAKE_BEHAVIOUR_SMTP_STARTTLS_INJECTION);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autofree char *greeting = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *agreed = NULL;
  g_autofree char *injected = NULL;

  connection = connect_to ("127.0.0.1", msa_fake_server_get_port (fake));
  data = line_reader (connection);

  greeting = read_line (data);
  g_assert_cmpstr (greeting, ==, "220 localhost ESMTP Fake server");
  send_line (connection, "EHLO test.invalid");
  first = read_line (data);
  last = read_line (data);
  g_assert_cmpstr (first, ==, "250-localhost");
  g_assert_cmpstr (last, ==, "250 STARTTLS");

  send_line (connection, "STARTTLS");
  agreed = read_line (data);
  injected = read_line (data);
  g_assert_true (g_str_has_prefix (agreed, "220 "));
  g_assert_cmpstr (injected, ==, "250 injected before TLS");

  g_assert_finalize_object (fake);
}

/* IPv4 only: 127.0.0.1 answers, the same port on ::1 refuses. */
static void
test_ipv4_only (void)
{
  g_autoptr(GError) error = NULL;
  MsaFakeServer *fake = msa_fake_server_new_ipv4_only (MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS, &error);
  g_autoptr(GSocketConnection) refused = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autofree char *greeting = NULL;

  g_assert_no_error (error);
  refused = try_connect ("::1", msa_fake_server_get_port (fake), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (refused);

  connection = connect_to ("127.0.0.1", msa_fake_server_get_port (fake));
  data = line_reader (connection);
  greeting = read_line (data);
  g_assert_true (g_str_has_prefix (greeting, "* OK "));

  g_clear_object (&data);
  g_clear_object (&connection);
  g_assert_finalize_object (fake);
}

/* With a certificate: the handshake succeeds against the test CA, then
 * the behaviour runs inside TLS. */
static void
test_tls (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("msa-fake-XXXXXX", &error);
  g_autofree char *cert_file = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *ca_file = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autofree char *greeting = NULL;
  MsaFakeServer *fake;
  Result result = { 0 };
  const char *name;
  GDir *listing;

  g_assert_no_error (error);
  g_assert_true (msa_test_make_certificates (dir, &error));
  g_assert_no_error (error);

  cert_file = g_build_filename (dir, "good.pem", NULL);
  key_file = g_build_filename (dir, "server.key", NULL);
  ca_file = g_build_filename (dir, "ca.pem", NULL);
  certificate = g_tls_certificate_new_from_files (cert_file, key_file, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (ca_file, &error);
  g_assert_no_error (error);

  fake = msa_fake_server_new_tls (MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS, certificate, &error);
  g_assert_no_error (error);

  connection = connect_to ("::1", msa_fake_server_get_port (fake));
  identity = g_network_address_new ("localhost", msa_fake_server_get_port (fake));
  tls = g_tls_client_connection_new (G_IO_STREAM (connection), identity, &error);
  g_assert_no_error (error);
  g_tls_connection_set_database (G_TLS_CONNECTION (tls), database);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL,
                                    on_handshake_cb, &result);
  run_until (&result.done);
  g_assert_no_error (result.error);
  result_clear (&result);
  g_assert_cmpint (g_tls_connection_get_peer_certificate_errors (G_TLS_CONNECTION (tls)), ==, 0);

  data = g_data_input_stream_new (g_io_stream_get_input_stream (tls));
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  greeting = read_line (data);
  g_assert_true (g_str_has_prefix (greeting, "* OK "));

  g_assert_finalize_object (fake);

  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_clear_pointer (&listing, g_dir_close);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  g_test_add_func ("/fake-server/new-destroy", test_new_destroy);
  g_test_add_func ("/fake-server/destroy-while-connected", test_destroy_while_connected);
  g_test_add_func ("/fake-server/silent", test_silent);
  g_test_add_func ("/fake-server/plain-on-ssl", test_plain_on_ssl);
  g_test_add_func ("/fake-server/plain-on-ssl-tls-client", test_plain_on_ssl_tls_client);
  g_test_add_func ("/fake-server/oversized-greeting", test_oversized_greeting);
  g_test_add_func ("/fake-server/imap-no-starttls", test_imap_no_starttls);
  g_test_add_func ("/fake-server/pop3-no-stls", test_pop3_no_stls);
  g_test_add_func ("/fake-server/smtp-no-starttls", test_smtp_no_starttls);
  g_test_add_func ("/fake-server/smtp-starttls-injection", test_smtp_starttls_injection);
  g_test_add_func ("/fake-server/refused", test_refused);
  g_test_add_func ("/fake-server/ipv4-only", test_ipv4_only);
  g_test_add_func ("/fake-server/tls", test_tls);

  result = g_test_run ();

  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return result;
}
