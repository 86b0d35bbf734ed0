/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-server-check-private.h"

#include "msa-tls-sniffer.h"

#include <glib/gi18n.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

/* Connecting, address by address */

/* May run in any thread: it only passes the cancellation on. */
void
msa_check_on_outer_cancelled_cb (GCancellable *outer,
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
  msa_check_clear_attempt (run);
  if (connection == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (!attempt_timed_out || g_cancellable_is_cancelled (run->cancellable))
            {
              msa_check_run_fail (task, g_steal_pointer (&error));
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
      msa_check_connect_next (task);
      return;
    }

  run->connection = g_steal_pointer (&connection);
  run->socket = g_socket_connection_get_socket (run->connection);
  run->stream = G_IO_STREAM (g_object_ref (run->connection));
  /* Commands are single small writes: send each at once. */
  g_socket_set_option (run->socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  msa_check_quick_ack (run);
  msa_check_run_set_step (run, MSA_CHECK_STEP_CONNECT, MSA_STEP_STATE_DONE);

  switch (msa_server_get_security (self->server))
    {
    case MSA_SECURITY_SSL:
      msa_check_run_set_step (run, MSA_CHECK_STEP_TLS, MSA_STEP_STATE_RUNNING);
      msa_check_start_handshake (task);
      break;
    case MSA_SECURITY_STARTTLS:
      /* Greeting, capabilities and STARTTLS count as setting up TLS. */
      msa_check_run_set_step (run, MSA_CHECK_STEP_TLS, MSA_STEP_STATE_RUNNING);
      msa_check_read_greeting (task);
      break;
    case MSA_SECURITY_PLAIN:
    default:
      msa_check_run_set_step (run, MSA_CHECK_STEP_TLS, MSA_STEP_STATE_SKIPPED);
      msa_check_run_set_step (run, MSA_CHECK_STEP_CERTIFICATE, MSA_STEP_STATE_SKIPPED);
      msa_check_run_set_step (run, MSA_CHECK_STEP_GREETING, MSA_STEP_STATE_RUNNING);
      msa_check_read_greeting (task);
      break;
    }
}

void
msa_check_connect_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *self = run->self;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *text = NULL;
  GInetAddress *inet;

  if (run->next_address == NULL)
    {
      msa_check_run_fail (task, g_steal_pointer (&run->connect_error));
      return;
    }

  inet = run->next_address->data;
  run->next_address = run->next_address->next;

  text = g_inet_address_to_string (inet);
  msa_check_set_string (self, &self->address, text, PROP_ADDRESS);

  if (run->next_address != NULL)
    {
      run->attempt = g_cancellable_new ();
      run->attempt_handler = g_cancellable_connect (run->cancellable,
                                                    G_CALLBACK (msa_check_on_outer_cancelled_cb),
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

void
msa_check_on_resolved_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  run->addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  if (run->addresses == NULL)
    {
      msa_check_run_fail (task, g_steal_pointer (&error));
      return;
    }

  msa_check_run_set_step (run, MSA_CHECK_STEP_RESOLVE, MSA_STEP_STATE_DONE);
  msa_check_run_set_step (run, MSA_CHECK_STEP_CONNECT, MSA_STEP_STATE_RUNNING);

  run->next_address = run->addresses;
  run->client = g_socket_client_new ();
  /* A mail server is reached directly, as the mail program would. */
  g_socket_client_set_enable_proxy (run->client, FALSE);
  g_socket_client_set_protocol (run->client, G_SOCKET_PROTOCOL_TCP);
  msa_check_connect_next (task);
}

gboolean
msa_check_on_deadline_cb (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);
  g_clear_pointer (&run->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

