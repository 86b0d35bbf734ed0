/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-server-check.h"

#include "msa-protocol.h"

#include <glib/gi18n.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

/* The check of one server: name lookup, connect (address by address),
 * TLS (implicit, or after STARTTLS), certificate verdict, greeting and
 * capabilities, and a goodbye that is sent but not waited for.
 *
 * One GTask carries a run from start to end; the steps are plain
 * functions chained through GIO's async calls, all on the caller's
 * thread-default main context.  An internal GCancellable ends every
 * pending operation; it is cancelled by the caller's cancellable or by the
 * deadline (a GSource on the same context), and which one decides between
 * `cancelled` and `timeout`. */

/* With more addresses to try, one that does not answer gets this long
 * before the next is tried (a broken IPv6 route must not eat the whole
 * deadline); the last address gets whatever time is left. */
#define ADDRESS_TIMEOUT_MS 2000

#define MIN_DAYS_LEFT 30
#define MIN_RSA_BITS  2048

struct _MsaServerCheck
{
  GObject parent_instance;

  MsaServer      *server;
  GTlsDatabase   *database;
  guint           timeout_seconds;

  /* Results */
  MsaCheckState   state;
  MsaStepState    step_states[MSA_CHECK_N_STEPS];
  double          step_ms[MSA_CHECK_N_STEPS];
  double          total_ms;
  gboolean        failed_with_code;
  MsaCheckError   error_code;
  char           *error_message;
  char           *error_detail;
  char           *address;
  char           *tls_version;
  char           *cipher;
  MsaCertificate *certificate;
  char           *greeting;
  GStrv           capabilities;
  GPtrArray      *warnings;      /* char*, NULL-terminated */

  gboolean        running;
};

G_DEFINE_FINAL_TYPE (MsaServerCheck, msa_server_check, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVER,
  PROP_DATABASE,
  PROP_TIMEOUT,
  PROP_STATE,
  PROP_ADDRESS,
  PROP_TLS_VERSION,
  PROP_CIPHER,
  PROP_CERTIFICATE,
  PROP_GREETING,
  PROP_ERROR_MESSAGE,
  PROP_TOTAL_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STEP_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef void (*RunStep) (GTask *task);

typedef struct
{
  MsaServerCheck        *self;          /* the task's source object */
  GCancellable          *cancellable;   /* internal: ends everything */
  GCancellable          *outer;
  gulong                 outer_handler;
  GSource               *deadline;
  gboolean               timed_out;

  gint64                 start_us;
  gint64                 step_start_us[MSA_CHECK_N_STEPS];
  MsaCheckStep           current_step;

  GList                 *addresses;     /* GInetAddress */
  GList                 *next_address;
  GError                *connect_error;
  GSocketClient         *client;
  GCancellable          *attempt;       /* this address only */
  gulong                 attempt_handler;
  GSource               *attempt_timer;
  gboolean               attempt_timed_out;

  GSocketConnection     *connection;    /* TCP */
  GSocket               *socket;
  GIOStream             *stream;        /* TCP, or TLS on top of it */
  gboolean               handshaking;
  gboolean               tls_done;
  gboolean               goodbye;

  MsaLineSplitter       *splitter;
  MsaAnswer             *answer;
  RunStep                answer_done;
  RunStep                write_done;
  char                  *command;
  guint                  tag;
  char                   buffer[16 * 1024];

  GTlsCertificate       *peer_certificate;
  GTlsCertificateFlags   peer_errors;
  GStrv                  answer_capabilities;
} Run;

static void
clear_attempt (Run *run)
{
  if (run->attempt_timer != NULL)
    {
      g_source_destroy (run->attempt_timer);
      g_clear_pointer (&run->attempt_timer, g_source_unref);
    }
  if (run->attempt_handler != 0)
    {
      g_cancellable_disconnect (run->cancellable, run->attempt_handler);
      run->attempt_handler = 0;
    }
  g_clear_object (&run->attempt);
  run->attempt_timed_out = FALSE;
}

static void
run_free (Run *run)
{
  g_assert (run->deadline == NULL);
  g_assert (run->outer_handler == 0);

  clear_attempt (run);

  g_clear_object (&run->cancellable);
  g_clear_object (&run->outer);
  g_list_free_full (run->addresses, g_object_unref);
  g_clear_error (&run->connect_error);
  g_clear_object (&run->client);
  g_clear_object (&run->stream);
  g_clear_object (&run->connection);
  g_clear_pointer (&run->splitter, msa_line_splitter_free);
  g_clear_pointer (&run->answer, msa_answer_free);
  g_free (run->command);
  g_clear_object (&run->peer_certificate);
  g_strfreev (run->answer_capabilities);
  g_free (run);
}

/* The input side of the connection while TLS is set up.  A server that
 * speaks plain text on an SSL port greets at once ("* OK …"), and GnuTLS
 * reads those bytes as the header of a record some 19 KB long, then waits
 * for the rest until the deadline.  A TLS server's first byte is a record
 * type (20–24, in practice a handshake or an alert), so one look at it
 * ends the wait at once as a TLS failure. */

#define MSA_TYPE_TLS_SNIFFER (msa_tls_sniffer_get_type ())
G_DECLARE_FINAL_TYPE (MsaTlsSniffer, msa_tls_sniffer, MSA, TLS_SNIFFER, GFilterInputStream)

struct _MsaTlsSniffer
{
  GFilterInputStream parent_instance;

  gboolean seen_first_byte;
};

static void msa_tls_sniffer_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MsaTlsSniffer, msa_tls_sniffer, G_TYPE_FILTER_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      msa_tls_sniffer_pollable_init))

static gssize
sniff (MsaTlsSniffer  *self,
       const guint8   *data,
       gssize          n,
       GError        **error)
{
  if (n <= 0 || self->seen_first_byte)
    return n;

  self->seen_first_byte = TRUE;
  if (data[0] < 20 || data[0] > 24)
    {
      g_set_error_literal (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS,
                           _("The server answered in plain text, not with TLS."));
      return -1;
    }
  return n;
}

static GInputStream *
sniffer_base (gpointer self)
{
  return g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (self));
}

static gssize
msa_tls_sniffer_read (GInputStream  *stream,
                      void          *buffer,
                      gsize          count,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gssize n = g_input_stream_read (sniffer_base (stream), buffer, count, cancellable, error);

  return sniff (MSA_TLS_SNIFFER (stream), buffer, n, error);
}

static gboolean
msa_tls_sniffer_can_poll (GPollableInputStream *stream)
{
  GInputStream *base = sniffer_base (stream);

  return G_IS_POLLABLE_INPUT_STREAM (base)
         && g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (base));
}

static gboolean
msa_tls_sniffer_is_readable (GPollableInputStream *stream)
{
  return g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (sniffer_base (stream)));
}

static GSource *
msa_tls_sniffer_create_source (GPollableInputStream *stream,
                               GCancellable         *cancellable)
{
  g_autoptr(GSource) base_source = NULL;

  base_source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (sniffer_base (stream)),
                                                       NULL);
  return g_pollable_source_new_full (stream, base_source, cancellable);
}

static gssize
msa_tls_sniffer_read_nonblocking (GPollableInputStream  *stream,
                                  void                  *buffer,
                                  gsize                  count,
                                  GError               **error)
{
  gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (sniffer_base (stream)),
                                                       buffer, count, NULL, error);

  return sniff (MSA_TLS_SNIFFER (stream), buffer, n, error);
}

static void
msa_tls_sniffer_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = msa_tls_sniffer_can_poll;
  iface->is_readable = msa_tls_sniffer_is_readable;
  iface->create_source = msa_tls_sniffer_create_source;
  iface->read_nonblocking = msa_tls_sniffer_read_nonblocking;
}

static void
msa_tls_sniffer_class_init (MsaTlsSnifferClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  stream_class->read_fn = msa_tls_sniffer_read;
}

static void
msa_tls_sniffer_init (MsaTlsSniffer *self)
{
}

/* The TCP connection, with the sniffer on its input side. */
static GIOStream *
sniffing_stream_new (GIOStream *base)
{
  g_autoptr(GInputStream) sniffer = NULL;

  sniffer = g_object_new (MSA_TYPE_TLS_SNIFFER,
                          "base-stream", g_io_stream_get_input_stream (base),
                          "close-base-stream", FALSE,
                          NULL);
  return g_simple_io_stream_new (sniffer, g_io_stream_get_output_stream (base));
}

/* Steps and state */

static double
ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

static void
set_step (Run          *run,
          MsaCheckStep  step,
          MsaStepState  state)
{
  MsaServerCheck *self = run->self;
  MsaStepState old = self->step_states[step];

  if (old == state)
    return;

  if (state == MSA_STEP_STATE_RUNNING)
    {
      run->step_start_us[step] = g_get_monotonic_time ();
      run->current_step = step;
    }
  else if (old == MSA_STEP_STATE_RUNNING)
    {
      self->step_ms[step] += ms_since (run->step_start_us[step]);
    }

  self->step_states[step] = state;
  g_signal_emit (self, signals[STEP_CHANGED], 0, (guint) step);
}

static void
set_string (MsaServerCheck  *self,
            char           **field,
            const char      *value,
            guint            prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_state (MsaServerCheck *self,
           MsaCheckState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
add_warning (MsaServerCheck *self,
             const char     *warning)
{
  g_ptr_array_insert (self->warnings, self->warnings->len - 1, g_strdup (warning));
}

/* Text from the network, made safe to keep as a string. */
static char *
dup_server_text (const char *text)
{
  if (text == NULL)
    return NULL;
  return g_utf8_make_valid (text, -1);
}

static const char *
tls_version_name (GTlsProtocolVersion version)
{
  switch (version)
    {
    case G_TLS_PROTOCOL_VERSION_SSL_3_0:
      return "SSL 3.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_0:
      return "TLS 1.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_1:
      return "TLS 1.1";
    case G_TLS_PROTOCOL_VERSION_TLS_1_2:
      return "TLS 1.2";
    case G_TLS_PROTOCOL_VERSION_TLS_1_3:
      return "TLS 1.3";
    case G_TLS_PROTOCOL_VERSION_DTLS_1_0:
      return "DTLS 1.0";
    case G_TLS_PROTOCOL_VERSION_DTLS_1_2:
      return "DTLS 1.2";
    case G_TLS_PROTOCOL_VERSION_UNKNOWN:
    default:
      return NULL;
    }
}

/* Linux delays ACKs; Postfix then holds its greeting after the TLS 1.3
 * handshake (Nagle: its session ticket is unacknowledged) until our
 * delayed ACK goes out, 40 ms or more later.  TCP_QUICKACK makes the
 * kernel acknowledge at once, but it does not stick: it is re-armed
 * before every read. */
static void
quick_ack (Run *run)
{
#ifdef TCP_QUICKACK
  if (run->socket != NULL)
    g_socket_set_option (run->socket, IPPROTO_TCP, TCP_QUICKACK, 1, NULL);
#endif
}

/* Errors */

static MsaCheckError
certificate_error (GTlsCertificateFlags flags)
{
  /* Not vouched for is the most basic problem: report it first. */
  if (flags & (G_TLS_CERTIFICATE_UNKNOWN_CA | G_TLS_CERTIFICATE_REVOKED
               | G_TLS_CERTIFICATE_INSECURE | G_TLS_CERTIFICATE_GENERIC_ERROR))
    return MSA_CHECK_ERROR_CERTIFICATE_UNTRUSTED;
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return MSA_CHECK_ERROR_CERTIFICATE_EXPIRED;
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return MSA_CHECK_ERROR_CERTIFICATE_NOT_YET_VALID;
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return MSA_CHECK_ERROR_CERTIFICATE_HOSTNAME_MISMATCH;
  return MSA_CHECK_ERROR_CERTIFICATE_UNTRUSTED;
}

/* Whether the computer has a route out at all.  connect() on a UDP
 * socket only looks the route up, sends nothing and never waits, and
 * fails at once when there is none (offline). */
static gboolean
has_route_out (void)
{
  static const char * const probes[] = { "192.0.2.1", "2001:db8::1" };

  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (probes[i]);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, 53);
      g_autoptr(GSocket) socket = g_socket_new (g_inet_address_get_family (inet),
                                                G_SOCKET_TYPE_DATAGRAM,
                                                G_SOCKET_PROTOCOL_UDP, NULL);

      if (socket != NULL && g_socket_connect (socket, address, NULL, NULL))
        return TRUE;
    }

  return FALSE;
}

static MsaCheckError
map_error (Run          *run,
           const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return run->timed_out ? MSA_CHECK_ERROR_TIMEOUT : MSA_CHECK_ERROR_CANCELLED;

  if (error->domain == MSA_CHECK_ERROR)
    return error->code;

  /* A name that cannot be looked up "for now" is, when offline, not the
   * name's fault. */
  if (error->domain == G_RESOLVER_ERROR)
    {
      if (error->code == G_RESOLVER_ERROR_TEMPORARY_FAILURE && !has_route_out ())
        return MSA_CHECK_ERROR_NETWORK_UNREACHABLE;
      return MSA_CHECK_ERROR_RESOLVE_FAILED;
    }

  if (error->domain == G_TLS_ERROR)
    {
      if (error->code == G_TLS_ERROR_BAD_CERTIFICATE)
        return certificate_error (run->peer_errors);
      return MSA_CHECK_ERROR_TLS_FAILED;
    }

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_CONNECTION_REFUSED:
          return MSA_CHECK_ERROR_CONNECTION_REFUSED;
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_HOST_UNREACHABLE:
          return MSA_CHECK_ERROR_NETWORK_UNREACHABLE;
        case G_IO_ERROR_TIMED_OUT:
          return MSA_CHECK_ERROR_TIMEOUT;
        default:
          break;
        }
    }

  /* Anything else: the connection broke in the step that was running. */
  switch (run->current_step)
    {
    case MSA_CHECK_STEP_RESOLVE:
      return MSA_CHECK_ERROR_RESOLVE_FAILED;
    case MSA_CHECK_STEP_CONNECT:
      return MSA_CHECK_ERROR_NETWORK_UNREACHABLE;
    case MSA_CHECK_STEP_TLS:
      /* Before the handshake of STARTTLS, the server spoke its protocol. */
      return run->handshaking ? MSA_CHECK_ERROR_TLS_FAILED : MSA_CHECK_ERROR_PROTOCOL_ERROR;
    case MSA_CHECK_STEP_CERTIFICATE:
    case MSA_CHECK_STEP_GREETING:
    case MSA_CHECK_N_STEPS:
    default:
      return MSA_CHECK_ERROR_PROTOCOL_ERROR;
    }
}

static void
disarm (Run *run)
{
  if (run->deadline != NULL)
    {
      g_source_destroy (run->deadline);
      g_clear_pointer (&run->deadline, g_source_unref);
    }
  if (run->outer_handler != 0)
    {
      g_cancellable_disconnect (run->outer, run->outer_handler);
      run->outer_handler = 0;
    }
}

static void
close_connection (Run *run)
{
  /* Only the TCP connection: a TLS close_notify would be one more write
   * (and, in GIO, a thread hop) for a server that is closing anyway. */
  if (run->connection != NULL)
    g_io_stream_close (G_IO_STREAM (run->connection), NULL, NULL);
}

static void
run_succeed (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *self = run->self;

  disarm (run);
  close_connection (run);

  self->total_ms = ms_since (run->start_us);
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_MS]);
  set_state (self, MSA_CHECK_STATE_PASSED);
  g_task_return_boolean (task, TRUE);
}

static void
run_fail (GTask  *task,
          GError *error)    /* (transfer full) */
{
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *self = run->self;
  g_autoptr(GError) cause = error;
  g_autofree char *message = NULL;
  MsaCheckError code;
  const char *advice;

  g_assert (error != NULL);

  code = map_error (run, cause);
  disarm (run);
  close_connection (run);

  for (guint i = 0; i < MSA_CHECK_N_STEPS; i++)
    {
      if (self->step_states[i] == MSA_STEP_STATE_RUNNING)
        set_step (run, i, MSA_STEP_STATE_FAILED);
      else if (self->step_states[i] == MSA_STEP_STATE_PENDING)
        set_step (run, i, MSA_STEP_STATE_SKIPPED);
    }

  advice = msa_check_error_get_advice (code);
  if (advice != NULL && *advice != '\0')
    message = g_strdup_printf ("%s. %s", msa_check_error_get_title (code), advice);
  else
    message = g_strdup (msa_check_error_get_title (code));

  self->failed_with_code = TRUE;
  self->error_code = code;
  g_free (self->error_detail);
  if (code == MSA_CHECK_ERROR_TIMEOUT && run->timed_out)
    self->error_detail = g_strdup_printf (dngettext (GETTEXT_PACKAGE,
                                                       /* Translators: %u is a number of seconds. */
                                                       "No answer within %u second.",
                                                       "No answer within %u seconds.",
                                                       self->timeout_seconds),
                                          self->timeout_seconds);
  else if (code == MSA_CHECK_ERROR_CANCELLED)
    self->error_detail = g_strdup (_("The check was cancelled."));
  else
    self->error_detail = dup_server_text (cause->message);
  set_string (self, &self->error_message, message, PROP_ERROR_MESSAGE);
  self->total_ms = ms_since (run->start_us);
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_MS]);
  set_state (self, MSA_CHECK_STATE_FAILED);

  g_task_return_new_error (task, MSA_CHECK_ERROR, code, "%s", message);
}

static void
run_fail_literal (GTask         *task,
                  MsaCheckError  code,
                  const char    *detail)
{
  run_fail (task, g_error_new_literal (MSA_CHECK_ERROR, code, detail));
}

/* Reading answers and writing commands */

static void read_more (GTask *task);

static void
process_lines (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *line;

  while ((line = msa_line_splitter_next_line (run->splitter, &error)) != NULL)
    {
      gboolean complete = FALSE;
      gboolean fed = msa_answer_feed (run->answer, line, &complete, &error);

      g_free (line);
      if (!fed)
        break;
      if (complete)
        {
          run->answer_done (task);
          g_object_unref (task);
          return;
        }
    }

  if (error != NULL)
    {
      run_fail (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  read_more (task);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;   /* owned; process_lines() passes it on */
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n < 0)
    {
      run_fail (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (n == 0)
    {
      run_fail_literal (task, MSA_CHECK_ERROR_PROTOCOL_ERROR,
                        _("The server closed the connection before it answered."));
      g_object_unref (task);
      return;
    }

  msa_line_splitter_push (run->splitter, run->buffer, n);
  process_lines (task);
}

static void
read_more (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  quick_ack (run);
  g_input_stream_read_async (g_io_stream_get_input_stream (run->stream),
                             run->buffer, sizeof run->buffer,
                             G_PRIORITY_DEFAULT, run->cancellable,
                             on_read_cb, task);
}

/* Waits for an answer of @kind, then calls @done with the answer in
 * run->answer.  Takes over the caller's reference on @task. */
static void
expect_answer (GTask         *task,
               MsaAnswerKind  kind,
               const char    *tag,
               RunStep        done)
{
  Run *run = g_task_get_task_data (task);

  g_clear_pointer (&run->answer, msa_answer_free);
  run->answer = msa_answer_new (kind, tag);
  run->answer_done = done;
  process_lines (task);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;   /* owned */
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Everything is known once the goodbye is due: a server that has
   * already hung up does not fail the check. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error)
      && !run->goodbye)
    {
      run_fail (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  run->write_done (task);
  g_object_unref (task);
}

/* Sends @line and CRLF, then calls @done.  Takes over the caller's
 * reference on @task. */
static void
send_line (GTask      *task,
           const char *line,
           RunStep     done)
{
  Run *run = g_task_get_task_data (task);

  g_free (run->command);
  run->command = g_strconcat (line, "\r\n", NULL);
  run->write_done = done;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (run->stream),
                                   run->command, strlen (run->command),
                                   G_PRIORITY_DEFAULT, run->cancellable,
                                   on_written_cb, task);
}

/* Upper case, as many servers (and our fake one) echo tags upper-cased. */
static char *
next_tag (Run *run)
{
  return g_strdup_printf ("A%u", ++run->tag);
}

/* The protocol: greeting, capabilities, STARTTLS, goodbye */

static void start_handshake (GTask *task);
static void query_capabilities (GTask *task);
static void on_capabilities (GTask *task);

static void
after_goodbye (GTask *task)
{
  run_succeed (task);
}

static void
say_goodbye (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autofree char *command = NULL;

  /* Sent, not waited for: the answer would cost a round trip and tell
   * nothing. */
  run->goodbye = TRUE;
  if (msa_server_get_protocol (run->self->server) == MSA_PROTOCOL_IMAP)
    {
      g_autofree char *tag = next_tag (run);
      command = g_strconcat (tag, " LOGOUT", NULL);
    }
  else
    {
      command = g_strdup ("QUIT");
    }

  send_line (g_object_ref (task), command, after_goodbye);
}

static void
on_greeting (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *self = run->self;
  g_auto(GStrv) greeting_capabilities = NULL;
  g_autofree char *greeting = NULL;

  greeting = dup_server_text (msa_answer_get_first_line (run->answer));
  set_string (self, &self->greeting, greeting, PROP_GREETING);

  if (!msa_answer_is_ok (run->answer))
    {
      /* Translators: %s is the server's own greeting line. */
      g_autofree char *detail = g_strdup_printf (_("The server refused the connection: %s"),
                                                 greeting);
      run_fail_literal (task, MSA_CHECK_ERROR_PROTOCOL_ERROR, detail);
      return;
    }

  /* IMAP servers usually list their capabilities in the greeting: no
   * CAPABILITY command, no round trip. */
  if (msa_server_get_protocol (self->server) == MSA_PROTOCOL_IMAP)
    greeting_capabilities = msa_protocol_imap_greeting_capabilities (greeting);

  if (greeting_capabilities != NULL)
    {
      g_strfreev (run->answer_capabilities);
      run->answer_capabilities = g_steal_pointer (&greeting_capabilities);
      on_capabilities (task);
      return;
    }

  query_capabilities (task);
}

static void
read_greeting (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MsaAnswerKind kind;

  switch (msa_server_get_protocol (run->self->server))
    {
    case MSA_PROTOCOL_IMAP:
      kind = MSA_ANSWER_IMAP_GREETING;
      break;
    case MSA_PROTOCOL_POP3:
      kind = MSA_ANSWER_POP3_SINGLE;
      break;
    case MSA_PROTOCOL_SMTP:
    default:
      kind = MSA_ANSWER_SMTP;
      break;
    }

  expect_answer (g_object_ref (task), kind, NULL, on_greeting);
}

static void
on_capability_answer (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  const char * const *lines = msa_answer_get_lines (run->answer);

  g_strfreev (run->answer_capabilities);
  switch (msa_server_get_protocol (run->self->server))
    {
    case MSA_PROTOCOL_IMAP:
      run->answer_capabilities = msa_protocol_imap_capabilities (lines);
      break;
    case MSA_PROTOCOL_POP3:
      /* An old server without CAPA says -ERR: no capabilities, no error. */
      run->answer_capabilities = msa_protocol_pop3_capabilities (lines);
      break;
    case MSA_PROTOCOL_SMTP:
    default:
      run->answer_capabilities = msa_answer_is_ok (run->answer)
                                 ? msa_protocol_smtp_capabilities (lines)
                                 : g_new0 (char *, 1);
      break;
    }

  on_capabilities (task);
}

static void
expect_capabilities (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  switch (msa_server_get_protocol (run->self->server))
    {
    case MSA_PROTOCOL_IMAP:
      {
        g_autofree char *tag = g_strdup_printf ("A%u", run->tag);
        expect_answer (g_object_ref (task), MSA_ANSWER_IMAP_TAGGED, tag, on_capability_answer);
      }
      break;
    case MSA_PROTOCOL_POP3:
      expect_answer (g_object_ref (task), MSA_ANSWER_POP3_MULTI, NULL, on_capability_answer);
      break;
    case MSA_PROTOCOL_SMTP:
    default:
      expect_answer (g_object_ref (task), MSA_ANSWER_SMTP, NULL, on_capability_answer);
      break;
    }
}

static char *
ehlo_command (Run *run)
{
  g_autoptr(GSocketAddress) local = NULL;
  GInetAddress *inet;
  g_autofree char *text = NULL;

  /* RFC 5321: without a name of our own, an address literal. */
  if (run->socket != NULL)
    local = g_socket_get_local_address (run->socket, NULL);
  if (!G_IS_INET_SOCKET_ADDRESS (local))
    return g_strdup ("EHLO [127.0.0.1]");

  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));
  text = g_inet_address_to_string (inet);
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("EHLO [IPv6:%s]", text);
  return g_strdup_printf ("EHLO [%s]", text);
}

static void
query_capabilities (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autofree char *command = NULL;

  switch (msa_server_get_protocol (run->self->server))
    {
    case MSA_PROTOCOL_IMAP:
      {
        g_autofree char *tag = next_tag (run);
        command = g_strconcat (tag, " CAPABILITY", NULL);
      }
      break;
    case MSA_PROTOCOL_POP3:
      command = g_strdup ("CAPA");
      break;
    case MSA_PROTOCOL_SMTP:
    default:
      command = ehlo_command (run);
      break;
    }

  send_line (g_object_ref (task), command, expect_capabilities);
}

/* Whether the server, before STARTTLS, offers a way to send a password in
 * the clear. */
static gboolean
allows_plain_login (MsaProtocol          protocol,
                    const char * const  *capabilities)
{
  switch (protocol)
    {
    case MSA_PROTOCOL_IMAP:
      return !msa_protocol_has_capability (capabilities, "LOGINDISABLED");
    case MSA_PROTOCOL_POP3:
      return msa_protocol_has_capability (capabilities, "USER")
             || msa_protocol_has_capability_value (capabilities, "SASL", "PLAIN")
             || msa_protocol_has_capability_value (capabilities, "SASL", "LOGIN");
    case MSA_PROTOCOL_SMTP:
    default:
      return msa_protocol_has_capability (capabilities, "AUTH");
    }
}

static void
on_starttls_answer (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (!msa_answer_is_ok (run->answer))
    {
      run_fail_literal (task, MSA_CHECK_ERROR_STARTTLS_UNSUPPORTED,
                        _("The server refused to switch on encryption."));
      return;
    }

  /* Anything already received was sent before encryption and could have
   * been injected by someone in between (CVE-2011-0411 and friends). */
  if (msa_line_splitter_get_pending (run->splitter) > 0)
    {
      run_fail_literal (task, MSA_CHECK_ERROR_PROTOCOL_ERROR,
                        _("The server sent data before encryption was switched on."));
      return;
    }

  start_handshake (task);
}

static void
expect_starttls_answer (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  switch (msa_server_get_protocol (run->self->server))
    {
    case MSA_PROTOCOL_IMAP:
      {
        g_autofree char *tag = g_strdup_printf ("A%u", run->tag);
        expect_answer (g_object_ref (task), MSA_ANSWER_IMAP_TAGGED, tag, on_starttls_answer);
      }
      break;
    case MSA_PROTOCOL_POP3:
      expect_answer (g_object_ref (task), MSA_ANSWER_POP3_SINGLE, NULL, on_starttls_answer);
      break;
    case MSA_PROTOCOL_SMTP:
    default:
      expect_answer (g_object_ref (task), MSA_ANSWER_SMTP, NULL, on_starttls_answer);
      break;
    }
}

static void
send_starttls (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MsaProtocol protocol = msa_server_get_protocol (run->self->server);
  const char * const *caps = (const char * const *) run->answer_capabilities;
  g_autofree char *command = NULL;

  if (!msa_protocol_has_capability (caps, protocol == MSA_PROTOCOL_POP3 ? "STLS" : "STARTTLS"))
    {
      run_fail_literal (task, MSA_CHECK_ERROR_STARTTLS_UNSUPPORTED,
                        _("The server does not offer STARTTLS."));
      return;
    }

  if (allows_plain_login (protocol, caps))
    add_warning (run->self,
                 _("The server also accepts passwords before encryption is switched on. "
                   "Make sure the mail program is set to use encryption, so that the "
                   "password is never sent unprotected."));

  switch (protocol)
    {
    case MSA_PROTOCOL_IMAP:
      {
        g_autofree char *tag = next_tag (run);
        command = g_strconcat (tag, " STARTTLS", NULL);
      }
      break;
    case MSA_PROTOCOL_POP3:
      command = g_strdup ("STLS");
      break;
    case MSA_PROTOCOL_SMTP:
    default:
      command = g_strdup ("STARTTLS");
      break;
    }

  send_line (g_object_ref (task), command, expect_starttls_answer);
}

static void
on_capabilities (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *self = run->self;

  if (msa_server_get_security (self->server) == MSA_SECURITY_STARTTLS && !run->tls_done)
    {
      send_starttls (task);
      return;
    }

  g_strfreev (self->capabilities);
  self->capabilities = g_steal_pointer (&run->answer_capabilities);
  set_step (run, MSA_CHECK_STEP_GREETING, MSA_STEP_STATE_DONE);
  say_goodbye (task);
}

/* TLS */

static gboolean
on_accept_certificate_cb (GTlsConnection       *connection,
                          GTlsCertificate      *peer_certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              user_data)
{
  Run *run = user_data;

  /* Keep the details to report them, and never accept: there is no
   * "ignore" switch. */
  g_set_object (&run->peer_certificate, peer_certificate);
  run->peer_errors = errors;
  return FALSE;
}

static void
check_certificate_warnings (MsaServerCheck *self)
{
  int days_left = msa_certificate_get_days_left (self->certificate, NULL);
  const char *key_type = msa_certificate_get_key_type (self->certificate);
  guint key_bits = msa_certificate_get_key_bits (self->certificate);

  if (days_left < MIN_DAYS_LEFT)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %d is a number of days. */
                                           "The server’s certificate expires in %d day. "
                                           "The provider should renew it soon.",
                                           "The server’s certificate expires in %d days. "
                                           "The provider should renew it soon.",
                                           MAX (days_left, 0)),
                              MAX (days_left, 0));
      add_warning (self, text);
    }

  if (g_strcmp0 (key_type, "RSA") == 0 && key_bits < MIN_RSA_BITS)
    {
      /* Translators: %u is the key's size in bits, e.g. 1024. */
      g_autofree char *text = g_strdup_printf (_("The server’s certificate has a weak key "
                                                 "(RSA with %u bits; 2048 bits or more are "
                                                 "considered safe)."),
                                               key_bits);
      add_warning (self, text);
    }
}

static void
on_handshake_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *self = run->self;
  GTlsConnection *tls = G_TLS_CONNECTION (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *cipher = NULL;   /* transfer full, unlike the version */
  GTlsCertificate *peer;
  GTlsCertificateFlags flags;
  GTlsProtocolVersion version;

  if (!g_tls_connection_handshake_finish (tls, result, &error))
    {
      if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE)
          && run->peer_certificate != NULL)
        {
          g_autoptr(MsaCertificate) certificate = NULL;

          certificate = msa_certificate_new_from_tls (run->peer_certificate,
                                                      run->peer_errors, NULL);
          if (certificate != NULL && g_set_object (&self->certificate, certificate))
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CERTIFICATE]);

          /* The handshake itself worked; the certificate is the problem. */
          set_step (run, MSA_CHECK_STEP_TLS, MSA_STEP_STATE_DONE);
          set_step (run, MSA_CHECK_STEP_CERTIFICATE, MSA_STEP_STATE_RUNNING);
        }
      run_fail (task, g_steal_pointer (&error));
      return;
    }

  run->handshaking = FALSE;
  run->tls_done = TRUE;
  quick_ack (run);

  version = g_tls_connection_get_protocol_version (tls);
  set_string (self, &self->tls_version, tls_version_name (version), PROP_TLS_VERSION);
  cipher = g_tls_connection_get_ciphersuite_name (tls);
  set_string (self, &self->cipher, cipher, PROP_CIPHER);
  if (version == G_TLS_PROTOCOL_VERSION_SSL_3_0
      || version == G_TLS_PROTOCOL_VERSION_TLS_1_0
      || version == G_TLS_PROTOCOL_VERSION_TLS_1_1)
    {
      /* Translators: %s is a protocol version such as “TLS 1.0”. */
      g_autofree char *text = g_strdup_printf (_("The server uses an old encryption protocol "
                                                 "(%s). TLS 1.2 or newer is safer."),
                                               self->tls_version);
      add_warning (self, text);
    }
  set_step (run, MSA_CHECK_STEP_TLS, MSA_STEP_STATE_DONE);

  set_step (run, MSA_CHECK_STEP_CERTIFICATE, MSA_STEP_STATE_RUNNING);
  peer = g_tls_connection_get_peer_certificate (tls);
  flags = g_tls_connection_get_peer_certificate_errors (tls);
  if (peer != NULL)
    {
      g_autoptr(MsaCertificate) certificate = NULL;

      certificate = msa_certificate_new_from_tls (peer, flags, &error);
      if (certificate == NULL)
        {
          run_fail_literal (task, MSA_CHECK_ERROR_TLS_FAILED, error->message);
          return;
        }
      g_set_object (&self->certificate, certificate);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CERTIFICATE]);
      check_certificate_warnings (self);
    }
  set_step (run, MSA_CHECK_STEP_CERTIFICATE, MSA_STEP_STATE_DONE);

  g_clear_object (&run->stream);
  run->stream = G_IO_STREAM (g_object_ref (tls));

  set_step (run, MSA_CHECK_STEP_GREETING, MSA_STEP_STATE_RUNNING);
  if (msa_server_get_security (self->server) == MSA_SECURITY_STARTTLS)
    query_capabilities (task);   /* the greeting came before STARTTLS */
  else
    read_greeting (task);
}

static void
start_handshake (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *self = run->self;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GIOStream) base = sniffing_stream_new (G_IO_STREAM (run->connection));
  g_autoptr(GError) error = NULL;
  GTlsBackend *backend = g_tls_backend_get_default ();
  GTlsConnection *tls;

  identity = g_network_address_new (msa_server_get_hostname (self->server),
                                    msa_server_get_port (self->server));

  /* The database goes in at construction: a connection that never sees
   * the default one never loads the system trust store. */
  if (self->database != NULL)
    tls = g_initable_new (g_tls_backend_get_client_connection_type (backend),
                          run->cancellable, &error,
                          "base-io-stream", base,
                          "server-identity", identity,
                          "database", self->database,
                          NULL);
  else
    tls = g_initable_new (g_tls_backend_get_client_connection_type (backend),
                          run->cancellable, &error,
                          "base-io-stream", base,
                          "server-identity", identity,
                          NULL);
  if (tls == NULL)
    {
      run_fail_literal (task, MSA_CHECK_ERROR_TLS_FAILED, error->message);
      return;
    }

  run->handshaking = TRUE;
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), run);
  /* The check reads just what it asked for and leaves: no EOF to wait on. */
  g_tls_connection_set_require_close_notify (tls, FALSE);

  g_tls_connection_handshake_async (tls, G_PRIORITY_DEFAULT, run->cancellable,
                                    on_handshake_cb, g_object_ref (task));
  g_object_unref (tls);   /* the async handshake keeps it alive */
}

/* Connecting, address by address */

/* May run in any thread: it only passes the cancellation on. */
static void
on_outer_cancelled_cb (GCancellable *outer,
                       gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_attempt_timeout_cb (gpointer user_data)
{
  Run *run = user_data;

  run->attempt_timed_out = TRUE;
  g_cancellable_cancel (run->attempt);
  g_clear_pointer (&run->attempt_timer, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void connect_next (GTask *task);

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *self = run->self;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  gboolean attempt_timed_out = run->attempt_timed_out;

  connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, &error);
  clear_attempt (run);
  if (connection == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (!attempt_timed_out || g_cancellable_is_cancelled (run->cancellable))
            {
              run_fail (task, g_steal_pointer (&error));
              return;
            }
          g_clear_error (&error);
          error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               /* Translators: %s is a network address such as 192.0.2.1. */
                               _("No answer from %s."), self->address);
        }
      /* Keep the first reason (the address the system prefers), unless
       * it was only slow and a later address gives a clearer one. */
      if (run->connect_error == NULL
          || g_error_matches (run->connect_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        {
          g_clear_error (&run->connect_error);
          run->connect_error = g_steal_pointer (&error);
        }
      connect_next (task);
      return;
    }

  run->connection = g_steal_pointer (&connection);
  run->socket = g_socket_connection_get_socket (run->connection);
  run->stream = G_IO_STREAM (g_object_ref (run->connection));
  /* Commands are single small writes: send each at once. */
  g_socket_set_option (run->socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  quick_ack (run);
  set_step (run, MSA_CHECK_STEP_CONNECT, MSA_STEP_STATE_DONE);

  switch (msa_server_get_security (self->server))
    {
    case MSA_SECURITY_SSL:
      set_step (run, MSA_CHECK_STEP_TLS, MSA_STEP_STATE_RUNNING);
      start_handshake (task);
      break;
    case MSA_SECURITY_STARTTLS:
      /* Greeting, capabilities and STARTTLS count as setting up TLS. */
      set_step (run, MSA_CHECK_STEP_TLS, MSA_STEP_STATE_RUNNING);
      read_greeting (task);
      break;
    case MSA_SECURITY_PLAIN:
    default:
      set_step (run, MSA_CHECK_STEP_TLS, MSA_STEP_STATE_SKIPPED);
      set_step (run, MSA_CHECK_STEP_CERTIFICATE, MSA_STEP_STATE_SKIPPED);
      set_step (run, MSA_CHECK_STEP_GREETING, MSA_STEP_STATE_RUNNING);
      read_greeting (task);
      break;
    }
}

static void
connect_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *self = run->self;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *text = NULL;
  GInetAddress *inet;

  if (run->next_address == NULL)
    {
      run_fail (task, g_steal_pointer (&run->connect_error));
      return;
    }

  inet = run->next_address->data;
  run->next_address = run->next_address->next;

  text = g_inet_address_to_string (inet);
  set_string (self, &self->address, text, PROP_ADDRESS);

  if (run->next_address != NULL)
    {
      run->attempt = g_cancellable_new ();
      run->attempt_handler = g_cancellable_connect (run->cancellable,
                                                    G_CALLBACK (on_outer_cancelled_cb),
                                                    g_object_ref (run->attempt),
                                                    g_object_unref);
      run->attempt_timer = g_timeout_source_new (ADDRESS_TIMEOUT_MS);
      g_source_set_callback (run->attempt_timer, on_attempt_timeout_cb, run, NULL);
      g_source_set_static_name (run->attempt_timer, "[msa] address timeout");
      g_source_attach (run->attempt_timer, g_task_get_context (task));
    }

  address = g_inet_socket_address_new (inet, msa_server_get_port (self->server));
  g_socket_client_connect_async (run->client, G_SOCKET_CONNECTABLE (address),
                                 run->attempt != NULL ? run->attempt : run->cancellable,
                                 on_connected_cb, g_object_ref (task));
}

static void
on_resolved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  run->addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  if (run->addresses == NULL)
    {
      run_fail (task, g_steal_pointer (&error));
      return;
    }

  set_step (run, MSA_CHECK_STEP_RESOLVE, MSA_STEP_STATE_DONE);
  set_step (run, MSA_CHECK_STEP_CONNECT, MSA_STEP_STATE_RUNNING);

  run->next_address = run->addresses;
  run->client = g_socket_client_new ();
  /* A mail server is reached directly, as the mail program would. */
  g_socket_client_set_enable_proxy (run->client, FALSE);
  g_socket_client_set_protocol (run->client, G_SOCKET_PROTOCOL_TCP);
  connect_next (task);
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);
  g_clear_pointer (&run->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* GObject */

static void
msa_server_check_finalize (GObject *object)
{
  MsaServerCheck *self = MSA_SERVER_CHECK (object);

  g_clear_object (&self->server);
  g_clear_object (&self->database);
  g_free (self->error_message);
  g_free (self->error_detail);
  g_free (self->address);
  g_free (self->tls_version);
  g_free (self->cipher);
  g_clear_object (&self->certificate);
  g_free (self->greeting);
  g_strfreev (self->capabilities);
  g_ptr_array_unref (self->warnings);

  G_OBJECT_CLASS (msa_server_check_parent_class)->finalize (object);
}

static void
msa_server_check_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MsaServerCheck *self = MSA_SERVER_CHECK (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_object (value, self->server);
      break;
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_seconds);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_TLS_VERSION:
      g_value_set_string (value, self->tls_version);
      break;
    case PROP_CIPHER:
      g_value_set_string (value, self->cipher);
      break;
    case PROP_CERTIFICATE:
      g_value_set_object (value, self->certificate);
      break;
    case PROP_GREETING:
      g_value_set_string (value, self->greeting);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_TOTAL_MS:
      g_value_set_double (value, self->total_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_server_check_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MsaServerCheck *self = MSA_SERVER_CHECK (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      self->server = g_value_dup_object (value);
      break;
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_TIMEOUT:
      self->timeout_seconds = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_server_check_class_init (MsaServerCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msa_server_check_finalize;
  object_class->get_property = msa_server_check_get_property;
  object_class->set_property = msa_server_check_set_property;

  properties[PROP_SERVER] =
    g_param_spec_object ("server", NULL, NULL, MSA_TYPE_SERVER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, MSA_CHECK_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* MsaCheckState as a plain number: no enum types are registered for
   * the engine. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      MSA_CHECK_STATE_IDLE, MSA_CHECK_STATE_FAILED, MSA_CHECK_STATE_IDLE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TLS_VERSION] =
    g_param_spec_string ("tls-version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CIPHER] =
    g_param_spec_string ("cipher", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CERTIFICATE] =
    g_param_spec_object ("certificate", NULL, NULL, MSA_TYPE_CERTIFICATE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GREETING] =
    g_param_spec_string ("greeting", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL_MS] =
    g_param_spec_double ("total-ms", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MsaServerCheck::step-changed:
   * @step: the #MsaCheckStep whose state changed
   *
   * A step started, ended, failed or was skipped; its timing is already
   * recorded.
   */
  signals[STEP_CHANGED] =
    g_signal_new ("step-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
msa_server_check_init (MsaServerCheck *self)
{
  self->timeout_seconds = MSA_CHECK_DEFAULT_TIMEOUT;
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
}

/* Public */

/**
 * msa_server_check_new:
 * @server: the server to check
 * @database: (nullable): trust anchors; %NULL for the system's
 * @timeout_seconds: the deadline of the whole check; 0 for the default
 *
 * Returns: (transfer full): a check that has not started
 */
MsaServerCheck *
msa_server_check_new (MsaServer    *server,
                      GTlsDatabase *database,
                      guint         timeout_seconds)
{
  g_return_val_if_fail (MSA_IS_SERVER (server), NULL);
  g_return_val_if_fail (database == NULL || G_IS_TLS_DATABASE (database), NULL);

  return g_object_new (MSA_TYPE_SERVER_CHECK,
                       "server", server,
                       "database", database,
                       "timeout", timeout_seconds > 0 ? timeout_seconds : MSA_CHECK_DEFAULT_TIMEOUT,
                       NULL);
}

/**
 * msa_server_check_reset:
 *
 * Forgets the results of an earlier run (not while one is running).
 */
void
msa_server_check_reset (MsaServerCheck *self)
{
  g_return_if_fail (MSA_IS_SERVER_CHECK (self));
  g_return_if_fail (!self->running);

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < MSA_CHECK_N_STEPS; i++)
    {
      self->step_ms[i] = 0;
      if (self->step_states[i] != MSA_STEP_STATE_PENDING)
        {
          self->step_states[i] = MSA_STEP_STATE_PENDING;
          g_signal_emit (self, signals[STEP_CHANGED], 0, i);
        }
    }

  self->failed_with_code = FALSE;
  g_clear_pointer (&self->error_detail, g_free);
  set_string (self, &self->error_message, NULL, PROP_ERROR_MESSAGE);
  set_string (self, &self->address, NULL, PROP_ADDRESS);
  set_string (self, &self->tls_version, NULL, PROP_TLS_VERSION);
  set_string (self, &self->cipher, NULL, PROP_CIPHER);
  set_string (self, &self->greeting, NULL, PROP_GREETING);
  if (self->certificate != NULL)
    {
      g_clear_object (&self->certificate);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CERTIFICATE]);
    }
  g_clear_pointer (&self->capabilities, g_strfreev);
  g_ptr_array_set_size (self->warnings, 0);
  g_ptr_array_add (self->warnings, NULL);
  self->total_ms = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_MS]);
  set_state (self, MSA_CHECK_STATE_IDLE);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * msa_server_check_run_async:
 * @cancellable: (nullable): ends the check promptly as `cancelled`
 *
 * Checks the server.  Earlier results are reset first.  Signals and the
 * callback are emitted on the thread-default main context of the caller.
 */
void
msa_server_check_run_async (MsaServerCheck      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (MSA_IS_SERVER_CHECK (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->running);

  msa_server_check_reset (self);
  self->running = TRUE;

  /* No cancellable on the task itself: cancelling must end as our own
   * `cancelled` error, after the steps are marked. */
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, msa_server_check_run_async);

  run = g_new0 (Run, 1);
  run->self = self;
  run->cancellable = g_cancellable_new ();
  run->splitter = msa_line_splitter_new ();
  run->start_us = g_get_monotonic_time ();
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  set_state (self, MSA_CHECK_STATE_RUNNING);

  if (cancellable != NULL)
    {
      run->outer = g_object_ref (cancellable);
      run->outer_handler = g_cancellable_connect (cancellable,
                                                  G_CALLBACK (on_outer_cancelled_cb),
                                                  g_object_ref (run->cancellable),
                                                  g_object_unref);
    }

  run->deadline = g_timeout_source_new (self->timeout_seconds * 1000);
  g_source_set_callback (run->deadline, on_deadline_cb, run, NULL);
  g_source_set_static_name (run->deadline, "[msa] server check deadline");
  g_source_attach (run->deadline, g_task_get_context (task));

  set_step (run, MSA_CHECK_STEP_RESOLVE, MSA_STEP_STATE_RUNNING);
  g_resolver_lookup_by_name_async (g_resolver_get_default (),
                                   msa_server_get_hostname (self->server),
                                   run->cancellable, on_resolved_cb,
                                   g_steal_pointer (&task));
}

/**
 * msa_server_check_run_finish:
 *
 * Returns: %TRUE when the server passed (warnings allowed); otherwise
 *   %FALSE with an #MSA_CHECK_ERROR whose message says what to do
 */
gboolean
msa_server_check_run_finish (MsaServerCheck  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

MsaServer *
msa_server_check_get_server (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), NULL);

  return self->server;
}

/**
 * msa_server_check_get_database:
 *
 * Returns: (transfer none) (nullable): the trust anchors, %NULL for the
 *   system's
 */
GTlsDatabase *
msa_server_check_get_database (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), NULL);

  return self->database;
}

guint
msa_server_check_get_timeout (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), 0);

  return self->timeout_seconds;
}

MsaCheckState
msa_server_check_get_state (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), MSA_CHECK_STATE_IDLE);

  return self->state;
}

MsaStepState
msa_server_check_get_step_state (MsaServerCheck *self,
                                 MsaCheckStep    step)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), MSA_STEP_STATE_PENDING);
  g_return_val_if_fail (step < MSA_CHECK_N_STEPS, MSA_STEP_STATE_PENDING);

  return self->step_states[step];
}

double
msa_server_check_get_step_ms (MsaServerCheck *self,
                              MsaCheckStep    step)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), 0);
  g_return_val_if_fail (step < MSA_CHECK_N_STEPS, 0);

  return self->step_ms[step];
}

double
msa_server_check_get_total_ms (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), 0);

  return self->total_ms;
}

/**
 * msa_server_check_get_error_code:
 * @code: (out): the failure cause
 *
 * Returns: %TRUE when the check failed; then @code says why
 */
gboolean
msa_server_check_get_error_code (MsaServerCheck *self,
                                 MsaCheckError  *code)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), FALSE);

  if (self->failed_with_code && code != NULL)
    *code = self->error_code;
  return self->failed_with_code;
}

const char *
msa_server_check_get_error_message (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), NULL);

  return self->error_message;
}

const char *
msa_server_check_get_error_detail (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), NULL);

  return self->error_detail;
}

const char *
msa_server_check_get_address (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), NULL);

  return self->address;
}

const char *
msa_server_check_get_tls_version (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), NULL);

  return self->tls_version;
}

const char *
msa_server_check_get_cipher (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), NULL);

  return self->cipher;
}

/**
 * msa_server_check_get_certificate:
 *
 * Returns: (transfer none) (nullable): the server's certificate, also when
 *   it was rejected
 */
MsaCertificate *
msa_server_check_get_certificate (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), NULL);

  return self->certificate;
}

const char *
msa_server_check_get_greeting (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), NULL);

  return self->greeting;
}

/**
 * msa_server_check_get_capabilities:
 *
 * Returns: (transfer none) (nullable): the capabilities after TLS, %NULL
 *   before the check got that far
 */
const char * const *
msa_server_check_get_capabilities (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), NULL);

  return (const char * const *) self->capabilities;
}

/**
 * msa_server_check_get_warnings:
 *
 * Returns: (transfer none): translated warnings, possibly none
 */
const char * const *
msa_server_check_get_warnings (MsaServerCheck *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CHECK (self), NULL);

  return (const char * const *) self->warnings->pdata;
}
