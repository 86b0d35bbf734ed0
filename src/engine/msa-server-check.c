/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-server-check-private.h"
#include "msa-glib-compat.h"

#include "msa-protocol.h"
#include "msa-tls-sniffer.h"
#include "msa-dialect.h"

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



G_DEFINE_FINAL_TYPE (MsaServerCheck, msa_server_check, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

enum {
  STEP_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
msa_check_clear_attempt (Run *run)
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

  msa_check_clear_attempt (run);

  g_clear_object (&run->cancellable);
  g_clear_object (&run->outer);
  g_list_free_full (run->addresses, g_object_unref);
  g_clear_error (&run->connect_error);
  g_clear_object (&run->client);
  g_clear_object (&run->stream);
  g_clear_object (&run->connection);
  g_clear_object (&run->sniffer);
  g_clear_pointer (&run->splitter, msa_line_splitter_free);
  g_clear_pointer (&run->answer, msa_answer_free);
  g_free (run->command);
  g_clear_object (&run->peer_certificate);
  g_strfreev (run->answer_capabilities);
  g_free (run);
}

/* Steps and state */

void
msa_check_notify (MsaServerCheck *self,
                  guint           prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}


double
msa_check_ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

void
msa_check_run_set_step (Run          *run,
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
      self->step_ms[step] += msa_check_ms_since (run->step_start_us[step]);
    }

  self->step_states[step] = state;
  g_signal_emit (self, signals[STEP_CHANGED], 0, (guint) step);
}

void
msa_check_set_string (MsaServerCheck  *self,
                      char           **field,
                      const char      *value,
                      guint            prop)
{
  if (msa_set_str (field, value))
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

void
msa_check_add_warning (MsaServerCheck *self,
                       const char     *warning)
{
  g_ptr_array_insert (self->warnings, self->warnings->len - 1, g_strdup (warning));
}

/* Text from the network, made safe to keep as a string. */
char *
msa_check_dup_server_text (const char *text)
{
  if (text == NULL)
    return NULL;
  return g_utf8_make_valid (text, -1);
}

const char *
msa_check_tls_version_name (GTlsProtocolVersion version)
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
void
msa_check_quick_ack (Run *run)
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
  /* A chain that is vouched for but signed with an outdated algorithm
   * (SHA-1, MD5) needs a new certificate, not a trusted authority. */
  if ((flags & G_TLS_CERTIFICATE_INSECURE)
      && !(flags & (G_TLS_CERTIFICATE_UNKNOWN_CA | G_TLS_CERTIFICATE_REVOKED)))
    return MSA_CHECK_ERROR_CERTIFICATE_INSECURE;

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
      /* Where this system refuses old TLS itself, the server's answer
       * shows that it offers nothing newer. */
      if (run->handshaking && run->sniffer != NULL
          && msa_tls_sniffer_refused_version (run->sniffer))
        return MSA_CHECK_ERROR_TLS_OUTDATED;
      /* The server said yes to STARTTLS and then did not speak TLS. */
      if (run->handshaking
          && msa_server_get_security (run->self->server) == MSA_SECURITY_STARTTLS
          && (error->code == G_TLS_ERROR_MISC || error->code == G_TLS_ERROR_NOT_TLS
              || error->code == G_TLS_ERROR_EOF))
        return MSA_CHECK_ERROR_STARTTLS_FAILED;
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
        case G_IO_ERROR_TOO_MANY_OPEN_FILES:
        case G_IO_ERROR_NO_SPACE:
          /* This computer ran out of something: not the network's fault. */
          return MSA_CHECK_ERROR_LOCAL_ERROR;
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

void
msa_check_run_succeed (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *self = run->self;

  disarm (run);
  close_connection (run);

  self->total_ms = msa_check_ms_since (run->start_us);
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_MS]);
  set_state (self, MSA_CHECK_STATE_PASSED);
  g_task_return_boolean (task, TRUE);
}

void
msa_check_run_fail (GTask  *task,
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
        msa_check_run_set_step (run, i, MSA_STEP_STATE_FAILED);
      else if (self->step_states[i] == MSA_STEP_STATE_PENDING)
        msa_check_run_set_step (run, i, MSA_STEP_STATE_SKIPPED);
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
    self->error_detail = msa_check_dup_server_text (cause->message);
  msa_check_set_string (self, &self->error_message, message, PROP_ERROR_MESSAGE);
  self->total_ms = msa_check_ms_since (run->start_us);
  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_MS]);
  set_state (self, MSA_CHECK_STATE_FAILED);

  g_task_return_new_error (task, MSA_CHECK_ERROR, code, "%s", message);
}

void
msa_check_run_fail_literal (GTask         *task,
                            MsaCheckError  code,
                            const char    *detail)
{
  msa_check_run_fail (task, g_error_new_literal (MSA_CHECK_ERROR, code, detail));
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
  msa_check_set_string (self, &self->error_message, NULL, PROP_ERROR_MESSAGE);
  msa_check_set_string (self, &self->address, NULL, PROP_ADDRESS);
  msa_check_set_string (self, &self->tls_version, NULL, PROP_TLS_VERSION);
  msa_check_set_string (self, &self->cipher, NULL, PROP_CIPHER);
  msa_check_set_string (self, &self->greeting, NULL, PROP_GREETING);
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
                                                  G_CALLBACK (msa_check_on_outer_cancelled_cb),
                                                  g_object_ref (run->cancellable),
                                                  g_object_unref);
    }

  run->deadline = g_timeout_source_new (self->timeout_seconds * 1000);
  g_source_set_callback (run->deadline, msa_check_on_deadline_cb, run, NULL);
  g_source_set_static_name (run->deadline, "[msa] server check deadline");
  g_source_attach (run->deadline, g_task_get_context (task));

  msa_check_run_set_step (run, MSA_CHECK_STEP_RESOLVE, MSA_STEP_STATE_RUNNING);
  g_resolver_lookup_by_name_async (g_resolver_get_default (),
                                   msa_server_get_hostname (self->server),
                                   run->cancellable, msa_check_on_resolved_cb,
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
