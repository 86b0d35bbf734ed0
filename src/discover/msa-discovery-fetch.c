/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One HTTPS GET for discovery, with libsoup: HTTPS only, including every
 * redirect; the certificate checked against the engine's trust store and
 * never accepted when it fails (libsoup refuses unless "accept-certificate"
 * says otherwise, and nothing here says so); TLS 1.2 or newer, as the mail
 * check demands; at most MSA_DISCOVERY_FETCH_MAX_SIZE bytes of body.
 *
 * Errors: G_IO_ERROR_NOT_FOUND when there is nothing at the URL (no such
 * host, 404, 410) — an answer, not a failure — G_IO_ERROR_CANCELLED, and
 * otherwise MSA_DISCOVERY_ERROR codes. */
#include "config.h"

#include "msa-discovery-fetch.h"
#include "msa-discovery-source.h"

#include <glib/gi18n.h>

typedef struct
{
  SoupSession  *session;
  GUri         *uri;
  guint         redirects;
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *body;
  char         *outdated_tls;   /* the version offered, when below 1.2 */
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->session);
  g_clear_pointer (&fetch->uri, g_uri_unref);
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_clear_pointer (&fetch->outdated_tls, g_free);
  g_free (fetch);
}

/**
 * msa_discovery_fetch_session_new:
 * @database: the trust store of the mail check
 * @timeout_seconds: how long a connection may stay silent
 *
 * Returns: (transfer full): a session for msa_discovery_fetch_async()
 */
SoupSession *
msa_discovery_fetch_session_new (GTlsDatabase *database,
                                 guint         timeout_seconds)
{
  return soup_session_new_with_options ("tls-database", database,
                                        "timeout", timeout_seconds,
                                        "idle-timeout", timeout_seconds,
                                        "user-agent", "mailssl-assistant/" PACKAGE_VERSION,
                                        NULL);
}

static void start_request (GTask *task);

static void
on_network_event_cb (SoupMessage        *message,
                     GSocketClientEvent  event,
                     GIOStream          *connection,
                     gpointer            user_data)
{
  Fetch *fetch = user_data;
  GTlsProtocolVersion version;

  if (event != G_SOCKET_CLIENT_TLS_HANDSHAKED || !G_IS_TLS_CONNECTION (connection))
    return;

  version = g_tls_connection_get_protocol_version (G_TLS_CONNECTION (connection));
  if (version == G_TLS_PROTOCOL_VERSION_SSL_3_0
      || version == G_TLS_PROTOCOL_VERSION_TLS_1_0
      || version == G_TLS_PROTOCOL_VERSION_TLS_1_1)
    {
      g_free (fetch->outdated_tls);
      fetch->outdated_tls = g_strdup (version == G_TLS_PROTOCOL_VERSION_SSL_3_0 ? "SSL 3.0"
                                      : version == G_TLS_PROTOCOL_VERSION_TLS_1_0 ? "TLS 1.0"
                                      : "TLS 1.1");
    }
}

static GError *
map_send_error (GError *error)
{
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&owned);
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, error->message);
  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_DNS_FAILED,
                        /* Translators: %s is the system's reason */
                        _("The name lookup failed: %s"), error->message);
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    return g_error_new (MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_CERTIFICATE,
                        /* Translators: %s is the TLS library's reason */
                        _("The web server’s certificate cannot be trusted: %s"), error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_TIMEOUT,
                                _("The web server did not answer in time."));
  if (error->domain == G_TLS_ERROR)
    return g_error_new (MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_CONNECTION_FAILED,
                        /* Translators: %s is the TLS library's reason */
                        _("No encrypted connection to the web server: %s"), error->message);
  return g_error_new (MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_CONNECTION_FAILED,
                      /* Translators: %s is the system's reason */
                      _("The web server cannot be reached: %s"), error->message);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, map_send_error (g_steal_pointer (&error)));
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  g_byte_array_append (fetch->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (fetch->body->len > MSA_DISCOVERY_FETCH_MAX_SIZE)
    {
      g_task_return_new_error (task, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_TOO_LARGE,
                               /* Translators: %d is a number of MiB */
                               _("The answer is larger than %d MiB; no settings file is that large."),
                               MSA_DISCOVERY_FETCH_MAX_SIZE / (1024 * 1024));
      return;
    }

  g_input_stream_read_bytes_async (fetch->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read_cb, g_object_ref (task));
}

/* Follows a redirect: only to HTTPS, and only a few times. */
static void
follow_redirect (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->message);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) next = NULL;

  if (location != NULL)
    next = g_uri_parse_relative (fetch->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (next == NULL)
    {
      g_task_return_new_error (task, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_HTTP_STATUS,
                               _("The web server sent a redirect without a valid address."));
      return;
    }
  if (g_ascii_strcasecmp (g_uri_get_scheme (next), "https") != 0)
    {
      g_autofree char *text = g_uri_to_string (next);

      g_task_return_new_error (task, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_INSECURE_REDIRECT,
                               /* Translators: %s is a URL */
                               _("The web server redirects to an unencrypted address (%s), which is not followed."),
                               text);
      return;
    }
  if (++fetch->redirects > MSA_DISCOVERY_FETCH_MAX_REDIRECTS)
    {
      g_task_return_new_error (task, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_TOO_MANY_REDIRECTS,
                               /* Translators: %d is a small number */
                               _("The web server redirects more than %d times."),
                               MSA_DISCOVERY_FETCH_MAX_REDIRECTS);
      return;
    }

  g_uri_unref (fetch->uri);
  fetch->uri = g_steal_pointer (&next);
  start_request (task);
}

static void
on_close_for_redirect_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  g_input_stream_close_finish (G_INPUT_STREAM (source), result, NULL);
  if (g_task_return_error_if_cancelled (task))
    return;
  follow_redirect (task);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;
  goffset length;

  g_clear_object (&fetch->stream);
  fetch->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (fetch->stream == NULL)
    {
      g_task_return_error (task, map_send_error (g_steal_pointer (&error)));
      return;
    }

  if (fetch->outdated_tls != NULL)
    {
      g_task_return_new_error (task, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_TLS_OUTDATED,
                               /* Translators: %s is a protocol version such as “TLS 1.0” */
                               _("The web server offered %s; TLS 1.2 or newer is required."),
                               fetch->outdated_tls);
      return;
    }

  status = soup_message_get_status (fetch->message);
  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      g_input_stream_close_async (fetch->stream, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                  on_close_for_redirect_cb, g_object_ref (task));
      return;
    }
  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               /* Translators: %u is an HTTP status, 404 or 410 */
                               _("Nothing at this address (HTTP %u)."), status);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_HTTP_STATUS,
                               /* Translators: %u is an HTTP status such as 500, %s its reason */
                               _("The web server answered %u %s."),
                               status, soup_message_get_reason_phrase (fetch->message));
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (fetch->message));
  if (length > MSA_DISCOVERY_FETCH_MAX_SIZE)
    {
      g_task_return_new_error (task, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_TOO_LARGE,
                               _("The answer is larger than %d MiB; no settings file is that large."),
                               MSA_DISCOVERY_FETCH_MAX_SIZE / (1024 * 1024));
      return;
    }

  fetch->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (fetch->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read_cb, g_object_ref (task));
}

static void
start_request (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  g_clear_object (&fetch->message);
  g_clear_pointer (&fetch->outdated_tls, g_free);
  fetch->message = soup_message_new_from_uri (SOUP_METHOD_GET, fetch->uri);
  /* Redirects are followed here, where their scheme is checked. */
  soup_message_add_flags (fetch->message, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (fetch->message, "network-event", G_CALLBACK (on_network_event_cb), fetch);
  soup_session_send_async (fetch->session, fetch->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), on_sent_cb, g_object_ref (task));
}

/**
 * msa_discovery_fetch_async:
 * @session: from msa_discovery_fetch_session_new()
 * @url: an https: URL
 * @cancellable: (nullable): cancels the request
 * @callback: called with the body
 * @user_data: for @callback
 *
 * Fetches @url as described at the top of this file.
 */
void
msa_discovery_fetch_async (SoupSession         *session,
                           const char          *url,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Fetch *fetch = g_new0 (Fetch, 1);

  g_task_set_source_tag (task, msa_discovery_fetch_async);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  fetch->session = g_object_ref (session);
  fetch->uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  if (fetch->uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (fetch->uri), "https") != 0)
    {
      g_task_return_new_error (task, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_INSECURE_REDIRECT,
                               /* Translators: %s is a URL */
                               _("Only HTTPS addresses are used, not %s."), url);
      return;
    }

  start_request (task);
}

/**
 * msa_discovery_fetch_finish:
 * @result: the result passed to the callback
 * @error: the reason of a failure
 *
 * Returns: (transfer full): the body, or %NULL with @error set
 */
GBytes *
msa_discovery_fetch_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
