/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-server-check-private.h"

#include "msa-report.h"
#include "msa-tls-sniffer.h"

#include <glib/gi18n.h>

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
      msa_check_add_warning (self, text);
    }

  if (g_strcmp0 (key_type, "RSA") == 0 && key_bits < MIN_RSA_BITS)
    {
      /* Translators: %u is the key's size in bits, e.g. 1024. */
      g_autofree char *text = g_strdup_printf (_("The server’s certificate has a weak key "
                                                 "(RSA with %u bits; 2048 bits or more are "
                                                 "considered safe)."),
                                               key_bits);
      msa_check_add_warning (self, text);
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
            msa_check_notify (self, PROP_CERTIFICATE);

          /* The handshake itself worked; the certificate is the problem. */
          msa_check_run_set_step (run, MSA_CHECK_STEP_TLS, MSA_STEP_STATE_DONE);
          msa_check_run_set_step (run, MSA_CHECK_STEP_CERTIFICATE, MSA_STEP_STATE_RUNNING);
        }
      msa_check_run_fail (task, g_steal_pointer (&error));
      return;
    }

  run->handshaking = FALSE;
  run->tls_done = TRUE;
  msa_check_quick_ack (run);

  version = g_tls_connection_get_protocol_version (tls);
  msa_check_set_string (self, &self->tls_version, msa_check_tls_version_name (version), PROP_TLS_VERSION);
  cipher = g_tls_connection_get_ciphersuite_name (tls);
  msa_check_set_string (self, &self->cipher, cipher, PROP_CIPHER);
  if (version == G_TLS_PROTOCOL_VERSION_SSL_3_0
      || version == G_TLS_PROTOCOL_VERSION_TLS_1_0
      || version == G_TLS_PROTOCOL_VERSION_TLS_1_1)
    {
      /* Translators: %s is a protocol version such as “TLS 1.0”. */
      g_autofree char *text = g_strdup_printf (_("The server offered %s. Mail programs require "
                                                 "TLS 1.2 or newer."),
                                               self->tls_version);

      /* Mail programs refuse TLS below 1.2 (RFC 8996) whatever this
       * system's policy allows: so does the verdict. */
      msa_check_run_fail_literal (task, MSA_CHECK_ERROR_TLS_OUTDATED, text);
      return;
    }
  msa_check_run_set_step (run, MSA_CHECK_STEP_TLS, MSA_STEP_STATE_DONE);

  msa_check_run_set_step (run, MSA_CHECK_STEP_CERTIFICATE, MSA_STEP_STATE_RUNNING);
  peer = g_tls_connection_get_peer_certificate (tls);
  flags = g_tls_connection_get_peer_certificate_errors (tls);
  if (peer != NULL)
    {
      g_autoptr(MsaCertificate) certificate = NULL;

      certificate = msa_certificate_new_from_tls (peer, flags, &error);
      if (certificate == NULL)
        {
          msa_check_run_fail_literal (task, MSA_CHECK_ERROR_TLS_FAILED, error->message);
          return;
        }
      g_set_object (&self->certificate, certificate);
      msa_check_notify (self, PROP_CERTIFICATE);
      check_certificate_warnings (self);
    }
  msa_check_run_set_step (run, MSA_CHECK_STEP_CERTIFICATE, MSA_STEP_STATE_DONE);

  g_clear_object (&run->stream);
  run->stream = G_IO_STREAM (g_object_ref (tls));

  msa_check_run_set_step (run, MSA_CHECK_STEP_GREETING, MSA_STEP_STATE_RUNNING);
  if (msa_server_get_security (self->server) == MSA_SECURITY_STARTTLS)
    msa_check_query_capabilities (task);   /* the greeting came before STARTTLS */
  else
    msa_check_read_greeting (task);
}

void
msa_check_start_handshake (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *self = run->self;
  g_autoptr(GSocketConnectable) identity = NULL;
  g_autoptr(GIOStream) base = msa_tls_sniffer_wrap_stream (G_IO_STREAM (run->connection));

  g_set_object (&run->sniffer, MSA_TLS_SNIFFER (g_io_stream_get_input_stream (base)));
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
      msa_check_run_fail_literal (task, MSA_CHECK_ERROR_TLS_FAILED, error->message);
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

