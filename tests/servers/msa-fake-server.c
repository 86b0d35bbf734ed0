/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-fake-server.h"

#include <string.h>

/* A fake mail server inside the test process, for the failures real
 * servers cannot be made to show.  It runs on the thread-default main
 * context of the thread that created it, so a test that iterates its own
 * context drives both the check and the fake. */

#define MAX_LINE 1024
#define FLOOD_CHUNK (16 * 1024)
#define BIND_ATTEMPTS 50

typedef struct
{
  grefcount           ref_count;
  MsaFakeBehaviour    behaviour;
  GMainContext       *context;
  GCancellable       *cancellable;
  GSocketConnection  *base;
  GIOStream          *stream;          /* base, or the TLS connection on it */
  gboolean            closed;

  char                read_buffer[4096];
  GString            *line;
  GString            *pending;         /* to write after the current write */
  GBytes             *writing;         /* being written */
  gboolean            close_after_write;
  gsize               flood_sent;

  /* IMAP_STARTTLS_PLAIN: OK was said to STARTTLS */
  gboolean starttls_agreed;
  /* IMAP_NO_STARTTLS's lines (msa_fake_server_set_imap_lines()) */
  char               *imap_greeting;
  char               *imap_capability;
  char               *imap_bye;
} Connection;

struct _MsaFakeServer
{
  GObject           parent_instance;

  MsaFakeBehaviour  behaviour;
  GTlsCertificate  *certificate;

  GMainContext     *context;
  GCancellable     *cancellable;
  GSocketListener  *listener;
  GSocket          *reserved[2];      /* bound, never listening: REFUSED's
                                       * two, an IPv4-only server's ::1 */
  GPtrArray        *connections;
  guint16           port;
  guint             n_connections;

  char             *imap_greeting;
  char             *imap_capability;
  char             *imap_bye;
};

G_DEFINE_FINAL_TYPE (MsaFakeServer, msa_fake_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BEHAVIOUR,
  PROP_CERTIFICATE,
  PROP_PORT,
  PROP_N_CONNECTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void connection_start_read (Connection *conn);
static void connection_start_write (Connection *conn);

/* ---- connections ------------------------------------------------------ */

static Connection *
connection_ref (Connection *conn)
{
  g_ref_count_inc (&conn->ref_count);
  return conn;
}

static void
connection_unref (Connection *conn)
{
  if (!g_ref_count_dec (&conn->ref_count))
    return;

  g_clear_object (&conn->stream);
  g_clear_object (&conn->base);
  g_clear_object (&conn->cancellable);
  g_main_context_unref (conn->context);
  g_string_free (conn->line, TRUE);
  g_string_free (conn->pending, TRUE);
  g_clear_pointer (&conn->writing, g_bytes_unref);
  g_free (conn->imap_greeting);
  g_free (conn->imap_capability);
  g_free (conn->imap_bye);
  g_free (conn);
}

/* Closes the socket itself: no TLS close_notify, nothing that could wait
 * on a client that does not read. */
static void
connection_close (Connection *conn)
{
  if (conn->closed)
    return;
  conn->closed = TRUE;
  g_socket_close (g_socket_connection_get_socket (conn->base), NULL);
}

static void
connection_send (Connection *conn,
                 const char *text)
{
  g_string_append (conn->pending, text);
  if (conn->writing == NULL)
    connection_start_write (conn);
}

static void
on_write_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Connection *conn = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&conn->writing, g_bytes_unref);

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error)
      || conn->closed)
    {
      connection_close (conn);
      connection_unref (conn);
      return;
    }

  /* More pending text, or the flood's next chunk; else done. */
  connection_start_write (conn);
  if (conn->writing == NULL && conn->close_after_write)
    connection_close (conn);

  connection_unref (conn);
}

/* Writes what is pending; for the flood, the next chunk of the endless
 * greeting line, up to MSA_FAKE_SERVER_FLOOD_SIZE in all. */
static void
connection_start_write (Connection *conn)
{
  g_assert (conn->writing == NULL);

  if (conn->closed)
    return;

  if (conn->pending->len > 0)
    {
      conn->writing = g_string_free_to_bytes (conn->pending);
      conn->pending = g_string_new (NULL);
    }
  else if (conn->behaviour == MSA_FAKE_BEHAVIOUR_OVERSIZED_GREETING
           && conn->flood_sent < MSA_FAKE_SERVER_FLOOD_SIZE)
    {
      gsize length = MIN (FLOOD_CHUNK, MSA_FAKE_SERVER_FLOOD_SIZE - conn->flood_sent);
      char *chunk = g_malloc (length);

      memset (chunk, 'x', length);
      if (conn->flood_sent == 0)
        memcpy (chunk, "* OK ", MIN (length, 5));
      conn->flood_sent += length;
      conn->writing = g_bytes_new_take (chunk, length);
    }
  else
    return;

  g_main_context_push_thread_default (conn->context);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (conn->stream),
                                   g_bytes_get_data (conn->writing, NULL),
                                   g_bytes_get_size (conn->writing),
                                   G_PRIORITY_DEFAULT, conn->cancellable,
                                   on_write_cb, connection_ref (conn));
  g_main_context_pop_thread_default (conn->context);
}

/* The first word of @line, as it is; @rest points after it. */
static char *
first_word (const char  *line,
            const char **rest)
{
  const char *end = line;

  while (*end != '\0' && *end != ' ')
    end++;
  if (rest != NULL)
    *rest = *end == ' ' ? end + 1 : end;
  return g_strndup (line, end - line);
}

/* Commands are case-insensitive. */
static char *
first_word_upper (const char *line)
{
  g_autofree char *word = first_word (line, NULL);

  return g_ascii_strup (word, -1);
}

static void
answer_imap (Connection *conn,
             const char *line)
{
  const char *rest;
  g_autofree char *tag = first_word (line, &rest);
  g_autofree char *command = first_word_upper (rest);
  g_autofree char *answer = NULL;

  /* Tags are echoed: keep them printable and short. */
  if (*tag == '\0' || strlen (tag) > 32 || strpbrk (tag, "\r\n*") != NULL)
    {
      connection_send (conn, "* BAD Invalid tag\r\n");
      return;
    }

  if (g_str_equal (command, "CAPABILITY"))
    answer = g_strdup_printf ("%s"
                              "%s OK Capability completed.\r\n",
                              conn->imap_capability != NULL
                              ? conn->imap_capability
                              : conn->behaviour == MSA_FAKE_BEHAVIOUR_IMAP_STARTTLS_PLAIN
                              ? "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n"
                              : "* CAPABILITY IMAP4rev1 AUTH=PLAIN ID\r\n",
                              tag);
  else if (g_str_equal (command, "STARTTLS")
           && conn->behaviour == MSA_FAKE_BEHAVIOUR_IMAP_STARTTLS_PLAIN)
    {
      /* The plain text follows the client's first handshake bytes, so
       * that it is not mistaken for data injected before the handshake. */
      answer = g_strdup_printf ("%s OK Begin TLS negotiation now.\r\n", tag);
      conn->starttls_agreed = TRUE;
    }
  else if (g_str_equal (command, "STARTTLS"))
    answer = g_strdup_printf ("%s BAD STARTTLS is not supported here.\r\n", tag);
  else if (g_str_equal (command, "NOOP"))
    answer = g_strdup_printf ("%s OK NOOP completed.\r\n", tag);
  else if (g_str_equal (command, "LOGOUT"))
    {
      answer = g_strdup_printf ("%s"
                                "%s OK Logout completed.\r\n",
                                conn->imap_bye != NULL ? conn->imap_bye : "* BYE Logging out\r\n",
                                tag);
      conn->close_after_write = TRUE;
    }
  else
    answer = g_strdup_printf ("%s BAD Unknown command.\r\n", tag);

  connection_send (conn, answer);
}

static void
answer_pop3 (Connection *conn,
             const char *line)
{
  g_autofree char *command = first_word_upper (line);

  if (g_str_equal (command, "CAPA"))
    connection_send (conn, "+OK Capability list follows\r\n"
                           "TOP\r\n"
                           "UIDL\r\n"
                           "USER\r\n"
                           "SASL PLAIN\r\n"
                           ".\r\n");
  else if (g_str_equal (command, "STLS"))
    connection_send (conn, "-ERR STLS is not supported here.\r\n");
  else if (g_str_equal (command, "NOOP"))
    connection_send (conn, "+OK\r\n");
  else if (g_str_equal (command, "QUIT"))
    {
      connection_send (conn, "+OK Bye\r\n");
      conn->close_after_write = TRUE;
    }
  else
    connection_send (conn, "-ERR Unknown command.\r\n");
}

static void
answer_smtp (Connection *conn,
             const char *line)
{
  g_autofree char *command = first_word_upper (line);

  if (conn->behaviour == MSA_FAKE_BEHAVIOUR_SMTP_STARTTLS_INJECTION && g_str_equal (command, "EHLO"))
    connection_send (conn, "250-localhost\r\n"
                           "250 STARTTLS\r\n");
  /* A second reply right behind the answer to STARTTLS: it arrives
   * before encryption and could have been put there by someone in
   * between (the STARTTLS injection of CVE-2011-0411). */
  else if (conn->behaviour == MSA_FAKE_BEHAVIOUR_SMTP_STARTTLS_INJECTION && g_str_equal (command, "STARTTLS"))
    connection_send (conn, "220 2.0.0 Ready to start TLS\r\n"
                           "250 injected before TLS\r\n");
  else if (g_str_equal (command, "EHLO"))
    connection_send (conn, "250-localhost\r\n"
                           "250-PIPELINING\r\n"
                           "250-SIZE 10240000\r\n"
                           "250-8BITMIME\r\n"
                           "250 SMTPUTF8\r\n");
  else if (g_str_equal (command, "HELO"))
    connection_send (conn, "250 localhost\r\n");
  else if (g_str_equal (command, "STARTTLS"))
    connection_send (conn, "502 5.5.1 STARTTLS is not supported here\r\n");
  else if (g_str_equal (command, "NOOP"))
    connection_send (conn, "250 2.0.0 Ok\r\n");
  else if (g_str_equal (command, "QUIT"))
    {
      connection_send (conn, "221 2.0.0 Bye\r\n");
      conn->close_after_write = TRUE;
    }
  else
    connection_send (conn, "502 5.5.2 Unknown command\r\n");
}

static void
connection_take_input (Connection *conn,
                       const char *data,
                       gsize       length)
{
  char *newline;

  switch (conn->behaviour)
    {
    case MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS:
    case MSA_FAKE_BEHAVIOUR_IMAP_STARTTLS_PLAIN:
    case MSA_FAKE_BEHAVIOUR_POP3_NO_STLS:
    case MSA_FAKE_BEHAVIOUR_SMTP_NO_STARTTLS:
    case MSA_FAKE_BEHAVIOUR_SMTP_STARTTLS_INJECTION:
      break;
    case MSA_FAKE_BEHAVIOUR_SILENT:
    case MSA_FAKE_BEHAVIOUR_PLAIN_ON_SSL:
    case MSA_FAKE_BEHAVIOUR_OVERSIZED_GREETING:
    case MSA_FAKE_BEHAVIOUR_REFUSED:
    default:
      return;   /* dropped */
    }

  if (conn->starttls_agreed)
    {
      connection_send (conn, "* OK Still in plain text.\r\n");
      conn->close_after_write = TRUE;
      return;
    }

  g_string_append_len (conn->line, data, length);

  while (!conn->closed && !conn->close_after_write
         && (newline = memchr (conn->line->str, '\n', conn->line->len)) != NULL)
    {
      gsize line_length = newline - conn->line->str;
      g_autofree char *line = g_strndup (conn->line->str, line_length);

      g_string_erase (conn->line, 0, line_length + 1);
      g_strchomp (line);

      if (conn->behaviour == MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS
          || conn->behaviour == MSA_FAKE_BEHAVIOUR_IMAP_STARTTLS_PLAIN)
        answer_imap (conn, line);
      else if (conn->behaviour == MSA_FAKE_BEHAVIOUR_POP3_NO_STLS)
        answer_pop3 (conn, line);
      else
        answer_smtp (conn, line);
    }

  /* Bounded like any server: a client that never ends its line is cut off. */
  if (conn->line->len > MAX_LINE)
    connection_close (conn);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Connection *conn = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n <= 0 || conn->closed)
    {
      connection_close (conn);
      connection_unref (conn);
      return;
    }

  connection_take_input (conn, conn->read_buffer, n);
  connection_start_read (conn);
  connection_unref (conn);
}

static void
connection_start_read (Connection *conn)
{
  if (conn->closed)
    return;

  g_main_context_push_thread_default (conn->context);
  g_input_stream_read_async (g_io_stream_get_input_stream (conn->stream),
                             conn->read_buffer, sizeof conn->read_buffer,
                             G_PRIORITY_DEFAULT, conn->cancellable,
                             on_read_cb, connection_ref (conn));
  g_main_context_pop_thread_default (conn->context);
}

static void
connection_begin (Connection *conn)
{
  switch (conn->behaviour)
    {
    case MSA_FAKE_BEHAVIOUR_PLAIN_ON_SSL:
      connection_send (conn, "* OK IMAP ready\r\n");
      break;
    case MSA_FAKE_BEHAVIOUR_OVERSIZED_GREETING:
      connection_start_write (conn);
      break;
    case MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS:
    case MSA_FAKE_BEHAVIOUR_IMAP_STARTTLS_PLAIN:
      connection_send (conn, conn->imap_greeting != NULL
                             ? conn->imap_greeting
                             : "* OK Fake IMAP server ready.\r\n");
      break;
    case MSA_FAKE_BEHAVIOUR_POP3_NO_STLS:
      connection_send (conn, "+OK Fake POP3 server ready.\r\n");
      break;
    case MSA_FAKE_BEHAVIOUR_SMTP_NO_STARTTLS:
    case MSA_FAKE_BEHAVIOUR_SMTP_STARTTLS_INJECTION:
      connection_send (conn, "220 localhost ESMTP Fake server\r\n");
      break;
    case MSA_FAKE_BEHAVIOUR_SILENT:
    case MSA_FAKE_BEHAVIOUR_REFUSED:
    default:
      break;
    }

  connection_start_read (conn);
}

static void
on_handshake_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Connection *conn = user_data;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, NULL)
      || conn->closed)
    connection_close (conn);
  else
    connection_begin (conn);

  connection_unref (conn);
}

/* ---- the server ------------------------------------------------------- */

static void start_accept (MsaFakeServer *self);

static void
on_accept_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(MsaFakeServer) self = g_weak_ref_get (weak);
  g_autoptr(GSocketConnection) base = NULL;
  g_autoptr(GError) error = NULL;
  Connection *conn;

  g_weak_ref_clear (weak);
  g_free (weak);

  base = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL, &error);
  if (base == NULL || self == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      if (base != NULL)
        g_io_stream_close (G_IO_STREAM (base), NULL, NULL);
      return;
    }

  conn = g_new0 (Connection, 1);
  g_ref_count_init (&conn->ref_count);
  conn->behaviour = self->behaviour;
  conn->imap_greeting = g_strdup (self->imap_greeting);
  conn->imap_capability = g_strdup (self->imap_capability);
  conn->imap_bye = g_strdup (self->imap_bye);
  conn->context = g_main_context_ref (self->context);
  conn->cancellable = g_object_ref (self->cancellable);
  conn->base = g_steal_pointer (&base);
  conn->line = g_string_new (NULL);
  conn->pending = g_string_new (NULL);
  g_ptr_array_add (self->connections, conn);

  self->n_connections++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONNECTIONS]);

  if (self->certificate != NULL && self->behaviour != MSA_FAKE_BEHAVIOUR_PLAIN_ON_SSL)
    {
      g_autoptr(GIOStream) tls = NULL;

      tls = g_tls_server_connection_new (G_IO_STREAM (conn->base), self->certificate, &error);
      if (tls == NULL)
        {
          g_warning ("Fake server cannot start TLS: %s", error->message);
          connection_close (conn);
        }
      else
        {
          conn->stream = g_steal_pointer (&tls);
          g_main_context_push_thread_default (conn->context);
          g_tls_connection_handshake_async (G_TLS_CONNECTION (conn->stream),
                                            G_PRIORITY_DEFAULT, conn->cancellable,
                                            on_handshake_cb, connection_ref (conn));
          g_main_context_pop_thread_default (conn->context);
        }
    }
  else
    {
      conn->stream = G_IO_STREAM (g_object_ref (conn->base));
      connection_begin (conn);
    }

  start_accept (self);
}

static void
start_accept (MsaFakeServer *self)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  /* A weak reference: a pending accept must not keep the server alive. */
  g_weak_ref_init (weak, self);
  g_main_context_push_thread_default (self->context);
  g_socket_listener_accept_async (self->listener, self->cancellable, on_accept_cb, weak);
  g_main_context_pop_thread_default (self->context);
}

static GSocketAddress *
loopback_address (GSocketFamily family,
                  guint16       port)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_loopback (family);

  return g_inet_socket_address_new (address, port);
}

static guint16
address_port (GSocketAddress *address)
{
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

/* Listens on 127.0.0.1 and ::1 on one port the kernel picks; with
 * @ipv4_only, ::1 is held on that port without listening, so that a
 * client trying ::1 first is refused there and must go on to the next
 * address. */
static gboolean
start_listening (MsaFakeServer  *self,
                 gboolean        ipv4_only,
                 GError        **error)
{
  for (guint attempt = 0; attempt < BIND_ATTEMPTS; attempt++)
    {
      g_autoptr(GSocketListener) listener = g_socket_listener_new ();
      g_autoptr(GSocketAddress) v4 = loopback_address (G_SOCKET_FAMILY_IPV4, 0);
      g_autoptr(GSocketAddress) v6_address = NULL;
      g_autoptr(GSocketAddress) effective = NULL;
      g_autoptr(GSocket) v6 = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean bound;

      if (!g_socket_listener_add_address (listener, v4, G_SOCKET_TYPE_STREAM,
                                          G_SOCKET_PROTOCOL_TCP, NULL, &effective, error))
        return FALSE;

      v6_address = loopback_address (G_SOCKET_FAMILY_IPV6, address_port (effective));
      if (ipv4_only)
        {
          v6 = g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
          if (v6 == NULL)
            return FALSE;
          bound = g_socket_bind (v6, v6_address, FALSE, &local_error);
        }
      else
        bound = g_socket_listener_add_address (listener, v6_address, G_SOCKET_TYPE_STREAM,
                                               G_SOCKET_PROTOCOL_TCP, NULL, NULL, &local_error);
      if (bound)
        {
          self->port = address_port (effective);
          self->reserved[1] = g_steal_pointer (&v6);
          self->listener = g_steal_pointer (&listener);
          start_accept (self);
          return TRUE;
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_socket_listener_close (listener);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
               "No loopback port is free on both 127.0.0.1 and ::1");
  return FALSE;
}

/* Binds 127.0.0.1 and ::1 on one port without listening: connections are
 * refused, and the port stays ours, so nobody else starts listening there. */
static gboolean
reserve_refused_port (MsaFakeServer  *self,
                      GError        **error)
{
  for (guint attempt = 0; attempt < BIND_ATTEMPTS; attempt++)
    {
      g_autoptr(GSocket) v4 = NULL;
      g_autoptr(GSocket) v6 = NULL;
      g_autoptr(GSocketAddress) any_port = loopback_address (G_SOCKET_FAMILY_IPV4, 0);
      g_autoptr(GSocketAddress) bound = NULL;
      g_autoptr(GSocketAddress) v6_address = NULL;
      g_autoptr(GError) local_error = NULL;

      v4 = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
      if (v4 == NULL || !g_socket_bind (v4, any_port, FALSE, error))
        return FALSE;
      bound = g_socket_get_local_address (v4, error);
      if (bound == NULL)
        return FALSE;

      v6 = g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
      if (v6 == NULL)
        return FALSE;
      v6_address = loopback_address (G_SOCKET_FAMILY_IPV6, address_port (bound));
      if (g_socket_bind (v6, v6_address, FALSE, &local_error))
        {
          self->port = address_port (bound);
          self->reserved[0] = g_steal_pointer (&v4);
          self->reserved[1] = g_steal_pointer (&v6);
          return TRUE;
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
               "No loopback port is free on both 127.0.0.1 and ::1");
  return FALSE;
}

static void
msa_fake_server_dispose (GObject *object)
{
  MsaFakeServer *self = MSA_FAKE_SERVER (object);

  g_cancellable_cancel (self->cancellable);

  if (self->connections != NULL)
    {
      for (guint i = 0; i < self->connections->len; i++)
        connection_close (g_ptr_array_index (self->connections, i));
      g_clear_pointer (&self->connections, g_ptr_array_unref);
    }

  if (self->listener != NULL)
    g_socket_listener_close (self->listener);
  g_clear_object (&self->listener);

  for (guint i = 0; i < G_N_ELEMENTS (self->reserved); i++)
    {
      if (self->reserved[i] != NULL)
        g_socket_close (self->reserved[i], NULL);
      g_clear_object (&self->reserved[i]);
    }

  g_clear_object (&self->certificate);

  G_OBJECT_CLASS (msa_fake_server_parent_class)->dispose (object);
}

static void
msa_fake_server_finalize (GObject *object)
{
  MsaFakeServer *self = MSA_FAKE_SERVER (object);

  g_clear_object (&self->cancellable);
  g_main_context_unref (self->context);
  g_free (self->imap_greeting);
  g_free (self->imap_capability);
  g_free (self->imap_bye);

  G_OBJECT_CLASS (msa_fake_server_parent_class)->finalize (object);
}

static void
msa_fake_server_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MsaFakeServer *self = MSA_FAKE_SERVER (object);

  switch (prop_id)
    {
    case PROP_BEHAVIOUR:
      g_value_set_int (value, self->behaviour);
      break;
    case PROP_CERTIFICATE:
      g_value_set_object (value, self->certificate);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_N_CONNECTIONS:
      g_value_set_uint (value, self->n_connections);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_fake_server_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MsaFakeServer *self = MSA_FAKE_SERVER (object);

  switch (prop_id)
    {
    case PROP_BEHAVIOUR:
      self->behaviour = g_value_get_int (value);
      break;
    case PROP_CERTIFICATE:
      self->certificate = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_fake_server_class_init (MsaFakeServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msa_fake_server_dispose;
  object_class->finalize = msa_fake_server_finalize;
  object_class->get_property = msa_fake_server_get_property;
  object_class->set_property = msa_fake_server_set_property;

  /* An int, not a registered enum: a test helper needs no GType for it. */
  properties[PROP_BEHAVIOUR] =
    g_param_spec_int ("behaviour", NULL, NULL,
                      MSA_FAKE_BEHAVIOUR_SILENT, MSA_FAKE_BEHAVIOUR_SMTP_STARTTLS_INJECTION,
                      MSA_FAKE_BEHAVIOUR_SILENT,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CERTIFICATE] =
    g_param_spec_object ("certificate", NULL, NULL,
                         G_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CONNECTIONS] =
    g_param_spec_uint ("n-connections", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msa_fake_server_init (MsaFakeServer *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->connections = g_ptr_array_new_with_free_func ((GDestroyNotify) connection_unref);
}

/**
 * msa_fake_server_new_tls:
 * @behaviour: what to do with connections
 * @certificate: (nullable): a server certificate with its private key, to
 *   speak TLS before the behaviour; %NULL for plain TCP
 * @error: return location for a #GError
 *
 * Starts a fake server on the thread-default main context, listening on
 * 127.0.0.1 and ::1 on one free port (for %MSA_FAKE_BEHAVIOUR_REFUSED:
 * holding that port without listening).  Finalizing it closes the port
 * and every connection.
 *
 * Returns: (transfer full) (nullable): the server, or %NULL with @error set
 */
MsaFakeServer *
msa_fake_server_new_tls (MsaFakeBehaviour   behaviour,
                         GTlsCertificate   *certificate,
                         GError           **error)
{
  g_autoptr(MsaFakeServer) self = NULL;
  gboolean ok;

  g_return_val_if_fail (behaviour <= MSA_FAKE_BEHAVIOUR_SMTP_STARTTLS_INJECTION, NULL);
  g_return_val_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MSA_TYPE_FAKE_SERVER,
                       "behaviour", behaviour,
                       "certificate", certificate,
                       NULL);

  if (behaviour == MSA_FAKE_BEHAVIOUR_REFUSED)
    ok = reserve_refused_port (self, error);
  else
    ok = start_listening (self, FALSE, error);

  if (!ok)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * msa_fake_server_new_ipv4_only:
 * @behaviour: what to do with connections (not REFUSED)
 * @error: return location for a #GError
 *
 * Like msa_fake_server_new(), listening on 127.0.0.1 only: the same port
 * on ::1 is held without listening, so connections there are refused.
 *
 * Returns: (transfer full) (nullable): the server, or %NULL with @error set
 */
MsaFakeServer *
msa_fake_server_new_ipv4_only (MsaFakeBehaviour   behaviour,
                               GError           **error)
{
  g_autoptr(MsaFakeServer) self = NULL;

  g_return_val_if_fail (behaviour <= MSA_FAKE_BEHAVIOUR_SMTP_STARTTLS_INJECTION, NULL);
  g_return_val_if_fail (behaviour != MSA_FAKE_BEHAVIOUR_REFUSED, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MSA_TYPE_FAKE_SERVER, "behaviour", behaviour, NULL);
  if (!start_listening (self, TRUE, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * msa_fake_server_new:
 * @behaviour: what to do with connections
 * @error: return location for a #GError
 *
 * Like msa_fake_server_new_tls() without a certificate: plain TCP.
 *
 * Returns: (transfer full) (nullable): the server, or %NULL with @error set
 */
MsaFakeServer *
msa_fake_server_new (MsaFakeBehaviour   behaviour,
                     GError           **error)
{
  return msa_fake_server_new_tls (behaviour, NULL, error);
}

/**
 * msa_fake_server_get_behaviour:
 * @self: a fake server
 *
 * Returns: what the server does with connections
 */
MsaFakeBehaviour
msa_fake_server_get_behaviour (MsaFakeServer *self)
{
  g_return_val_if_fail (MSA_IS_FAKE_SERVER (self), 0);

  return self->behaviour;
}

/**
 * msa_fake_server_get_port:
 * @self: a fake server
 *
 * Returns: the port, the same on 127.0.0.1 and ::1
 */
guint16
msa_fake_server_get_port (MsaFakeServer *self)
{
  g_return_val_if_fail (MSA_IS_FAKE_SERVER (self), 0);

  return self->port;
}

/**
 * msa_fake_server_get_n_connections:
 * @self: a fake server
 *
 * Returns: how many connections the server has accepted so far (always
 *   0 for %MSA_FAKE_BEHAVIOUR_REFUSED)
 */
guint
msa_fake_server_get_n_connections (MsaFakeServer *self)
{
  g_return_val_if_fail (MSA_IS_FAKE_SERVER (self), 0);

  return self->n_connections;
}

/**
 * msa_fake_server_set_imap_lines:
 * @self: an IMAP_NO_STARTTLS server
 * @greeting: (nullable): the greeting, CRLF included
 * @capability: (nullable): the untagged lines before CAPABILITY's OK
 * @bye: (nullable): the untagged lines before LOGOUT's OK
 *
 * Replaces the server's own lines for connections accepted from now on,
 * e.g. with ones a hostile server would send.  %NULL keeps a line.
 */
void
msa_fake_server_set_imap_lines (MsaFakeServer *self,
                                const char    *greeting,
                                const char    *capability,
                                const char    *bye)
{
  g_return_if_fail (MSA_IS_FAKE_SERVER (self));
  g_return_if_fail (self->behaviour == MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS);

  g_free (self->imap_greeting);
  self->imap_greeting = g_strdup (greeting);
  g_free (self->imap_capability);
  self->imap_capability = g_strdup (capability);
  g_free (self->imap_bye);
  self->imap_bye = g_strdup (bye);
}
