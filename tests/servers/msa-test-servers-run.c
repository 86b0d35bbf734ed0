/* SPDX-License-Identifier: GPL-3.0-or-later */

/* msa-test-servers-run: starts the test mail servers, prints where they
 * are as lines a shell can source, and keeps them running until standard
 * input reaches end of file or SIGTERM, SIGINT or SIGHUP arrives.
 *
 *   coproc SERVERS { msa-test-servers-run; }
 *   while read -r line <&"${SERVERS[0]}"; do
 *     [ "$line" = MSA_TEST_READY=1 ] && break; eval "$line"; done
 *   ... mailssl-assistant --check --profile "$MSA_TEST_PROFILE" \
 *         --ca-file "$MSA_TEST_CA" ...
 *   exec {SERVERS[1]}>&-    # stops them
 *
 * With --ignore-stdin it waits for a signal only (for `... &` in a shell,
 * whose standard input is /dev/null). */

#include "config.h"

#include "msa-test-servers.h"

#include <errno.h>
#include <glib-unix.h>
#include <stdio.h>
#include <unistd.h>

static gboolean
on_signal_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_stdin_cb (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  GMainLoop *loop = user_data;
  char buf[256];
  ssize_t n = read (fd, buf, sizeof buf);

  if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
    {
      g_main_loop_quit (loop);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static char *
env_name (MsaTestService service)
{
  g_autofree char *upper = g_ascii_strup (msa_test_service_to_string (service), -1);

  g_strdelimit (upper, "-", '_');
  return g_strconcat ("MSA_TEST_PORT_", upper, NULL);
}

static void
print_variable (const char *name,
                const char *value)
{
  g_autofree char *quoted = g_shell_quote (value);

  printf ("%s=%s\n", name, quoted);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MsaTestServers) servers = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  g_autoptr(GArray) pids = NULL;
  g_autoptr(GString) pid_list = g_string_new (NULL);
  gboolean ignore_stdin = FALSE;
  gint64 started;
  const GOptionEntry entries[] = {
    { "ignore-stdin", 0, 0, G_OPTION_ARG_NONE, &ignore_stdin,
      "Run until a signal, whatever standard input does", NULL },
    { NULL }
  };

  context = g_option_context_new ("— run the test mail servers");
  g_option_context_set_summary (context,
                                "Starts private Dovecot and Postfix instances with test "
                                "certificates, prints shell variable assignments, and stops "
                                "everything at end of standard input or on SIGTERM/SIGINT.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  loop = g_main_loop_new (NULL, FALSE);
  /* Installed before the servers start, so an early signal still stops
   * them cleanly. */
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_unix_signal_add (SIGHUP, on_signal_cb, loop);

  started = g_get_monotonic_time ();
  servers = msa_test_servers_start (&error);
  if (servers == NULL)
    {
      g_printerr ("Cannot start the test servers: %s\n", error->message);
      return 1;
    }

  profile = msa_test_servers_write_profile (servers, NULL, &error);
  if (profile == NULL)
    {
      g_printerr ("Cannot write the profile: %s\n", error->message);
      return 1;
    }

  print_variable ("MSA_TEST_DIR", msa_test_servers_get_dir (servers));
  print_variable ("MSA_TEST_CA", msa_test_servers_get_ca_file (servers));
  print_variable ("MSA_TEST_PROFILE", profile);
  print_variable ("MSA_TEST_HOST", msa_test_servers_get_host (servers, MSA_TEST_SERVICE_IMAPS));
  for (guint i = 0; i < MSA_TEST_N_SERVICES; i++)
    {
      g_autofree char *name = env_name (i);

      printf ("%s=%u\n", name, msa_test_servers_get_port (servers, i));
    }
  pids = msa_test_servers_list_pids (servers);
  for (guint i = 0; i < pids->len; i++)
    g_string_append_printf (pid_list, "%s%d", i > 0 ? " " : "", g_array_index (pids, GPid, i));
  print_variable ("MSA_TEST_PIDS", pid_list->str);
  printf ("MSA_TEST_START_MS=%" G_GINT64_FORMAT "\n",
          (g_get_monotonic_time () - started) / 1000);
  printf ("MSA_TEST_READY=1\n");
  fflush (stdout);

  if (!ignore_stdin)
    g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin_cb, loop);

  g_main_loop_run (loop);

  g_clear_pointer (&servers, msa_test_servers_stop);
  return 0;
}
