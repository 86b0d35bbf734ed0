/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-server-check-private.h"

#include "msa-dialect.h"

#include <glib/gi18n.h>

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
      msa_check_run_fail (task, g_steal_pointer (&error));
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
      msa_check_run_fail (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (n == 0)
    {
      msa_check_run_fail_literal (task, MSA_CHECK_ERROR_PROTOCOL_ERROR,
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

  msa_check_quick_ack (run);
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
      msa_check_run_fail (task, g_steal_pointer (&error));
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

static void on_capabilities (GTask *task);

static void
after_goodbye (GTask *task)
{
  msa_check_run_succeed (task);
}

static const MsaDialect *
dialect (Run *run)
{
  return msa_dialect_get (msa_server_get_protocol (run->self->server));
}

/* @verb as the dialect sends it: with a new tag in IMAP. */
static char *
command_line (Run        *run,
              const char *verb)
{
  g_autofree char *tag = NULL;

  if (!dialect (run)->tagged)
    return g_strdup (verb);

  tag = next_tag (run);
  return g_strconcat (tag, " ", verb, NULL);
}

/* Waits for the answer to the last command: a tagged one ends with the
 * command's tag. */
static void
expect_reply (GTask         *task,
              MsaAnswerKind  kind,
              RunStep        done)
{
  Run *run = g_task_get_task_data (task);
  g_autofree char *tag = NULL;

  if (kind == MSA_ANSWER_IMAP_TAGGED)
    tag = g_strdup_printf ("A%u", run->tag);
  expect_answer (g_object_ref (task), kind, tag, done);
}

static void
say_goodbye (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autofree char *command = NULL;

  /* Sent, not waited for: the answer would cost a round trip and tell
   * nothing. */
  run->goodbye = TRUE;
  command = command_line (run, dialect (run)->goodbye_command);
  send_line (g_object_ref (task), command, after_goodbye);
}

static void
on_greeting (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *self = run->self;
  g_auto(GStrv) greeting_capabilities = NULL;
  g_autofree char *greeting = NULL;

  greeting = msa_check_dup_server_text (msa_answer_get_first_line (run->answer));
  msa_check_set_string (self, &self->greeting, greeting, PROP_GREETING);

  if (!msa_answer_is_ok (run->answer))
    {
      /* Translators: %s is the server's own greeting line. */
      g_autofree char *detail = g_strdup_printf (_("The server refused the connection: %s"),
                                                 greeting);
      msa_check_run_fail_literal (task, MSA_CHECK_ERROR_PROTOCOL_ERROR, detail);
      return;
    }

  /* IMAP servers usually list their capabilities in the greeting: no
   * CAPABILITY command, no round trip. */
  if (dialect (run)->greeting_has_capabilities)
    greeting_capabilities = msa_protocol_imap_greeting_capabilities (greeting);

  if (greeting_capabilities != NULL)
    {
      g_strfreev (run->answer_capabilities);
      run->answer_capabilities = g_steal_pointer (&greeting_capabilities);
      on_capabilities (task);
      return;
    }

  msa_check_query_capabilities (task);
}

void
msa_check_read_greeting (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  expect_answer (g_object_ref (task), dialect (run)->greeting, NULL, on_greeting);
}

static void
on_capability_answer (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  const char * const *lines = msa_answer_get_lines (run->answer);

  g_strfreev (run->answer_capabilities);
  run->answer_capabilities = dialect (run)->parse_capabilities (lines,
                                                                msa_answer_is_ok (run->answer));
  on_capabilities (task);
}

static void
expect_capabilities (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  expect_reply (task, dialect (run)->capability_answer, on_capability_answer);
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

void
msa_check_query_capabilities (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  const char *verb = dialect (run)->capability_command;
  g_autofree char *command = verb != NULL ? command_line (run, verb) : ehlo_command (run);

  send_line (g_object_ref (task), command, expect_capabilities);
}

static void
on_starttls_answer (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (!msa_answer_is_ok (run->answer))
    {
      msa_check_run_fail_literal (task, MSA_CHECK_ERROR_STARTTLS_UNSUPPORTED,
                        _("The server refused to switch on encryption."));
      return;
    }

  /* Anything already received was sent before encryption and could have
   * been injected by someone in between (CVE-2011-0411 and friends). */
  if (msa_line_splitter_get_pending (run->splitter) > 0)
    {
      msa_check_run_fail_literal (task, MSA_CHECK_ERROR_PROTOCOL_ERROR,
                        _("The server sent data before encryption was switched on."));
      return;
    }

  msa_check_start_handshake (task);
}

static void
expect_starttls_answer (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  expect_reply (task, dialect (run)->starttls_answer, on_starttls_answer);
}

static void
send_starttls (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  const MsaDialect *d = dialect (run);
  const char * const *caps = (const char * const *) run->answer_capabilities;
  g_autofree char *command = NULL;

  if (!msa_protocol_has_capability (caps, d->starttls_capability))
    {
      msa_check_run_fail_literal (task, MSA_CHECK_ERROR_STARTTLS_UNSUPPORTED,
                        _("The server does not offer STARTTLS."));
      return;
    }

  if (d->allows_plain_login (caps))
    msa_check_add_warning (run->self,
                 _("The server also accepts passwords before encryption is switched on. "
                   "Make sure the mail program is set to use encryption, so that the "
                   "password is never sent unprotected."));

  command = command_line (run, d->starttls_command);
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
  msa_check_run_set_step (run, MSA_CHECK_STEP_GREETING, MSA_STEP_STATE_DONE);
  say_goodbye (task);
}

