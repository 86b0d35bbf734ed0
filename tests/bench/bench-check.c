/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How fast is `mailssl-assistant --check` against the local Dovecot and
 * Postfix, and where does the time go?  Run with `meson test --benchmark`.
 * It prints figures and PASS/MISS per target and always exits 0 unless it
 * cannot measure at all: speed is never a test assertion.
 *
 *   whole     the profile's IMAPS, POP3S and SMTPS servers in one process
 *   single    each of them alone (--protocol)
 *   curl      curl checking the same three one after another
 *   start-up  exec of /bin/true, `--check --help` (process start, library
 *             load, option parsing), the steps from --json
 *   RSS       peak resident memory of --check (wait4's ru_maxrss)
 *   RTT       the same checks through a relay that delays data 20 ms each
 *             way: time / 40 ms is the number of round trips */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msa-delay-relay.h"

#define DEFAULT_RUNS 25
#define RELAY_DELAY_MS 20
#define RTT_MS (2.0 * RELAY_DELAY_MS)

enum { IMAP, POP3, SMTP, N_SERVERS };

static const char *protocol_names[N_SERVERS] = { "imap", "pop3", "smtp" };
static const char *protocol_titles[N_SERVERS] = { "IMAPS", "POP3S", "SMTPS" };

typedef struct
{
  GPid pid;
  int stdin_fd;
  char *ca_file;
  guint16 ports[N_SERVERS];
} Fixture;

typedef struct
{
  double wall_ms;
  double cpu_ms;    /* user + system */
  long maxrss_kb;
  int status;       /* exit status, or -1 */
  char *output;     /* standard output when asked for */
} Run;

static char *build_root;
static char *assistant;
static char *tmp_dir;
static guint n_runs = DEFAULT_RUNS;
static guint n_misses;
static char *curl;   /* NULL when curl is not installed */

/* ---------------------------------------------------------------------- */
/* Running programs                                                       */

static Run
run_program (const char * const *argv,
             gboolean            capture)
{
  g_autoptr(GError) error = NULL;
  Run run = { 0, 0, 0, -1, NULL };
  struct rusage usage;
  int out_fd = -1;
  int status;
  gint64 start;
  GPid pid;
  GSpawnFlags flags = G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL;

  if (!capture)
    flags |= G_SPAWN_STDOUT_TO_DEV_NULL;

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, flags, NULL, NULL, &pid,
                                 NULL, capture ? &out_fd : NULL, NULL, &error))
    {
      g_printerr ("cannot run %s: %s\n", argv[0], error->message);
      return run;
    }

  if (capture)
    {
      GString *output = g_string_new (NULL);
      char buffer[8192];
      ssize_t n;

      while ((n = read (out_fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0)
          g_string_append_len (output, buffer, n);
      close (out_fd);
      run.output = g_string_free (output, FALSE);
    }

  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      return run;
  run.wall_ms = (g_get_monotonic_time () - start) / 1000.0;
  run.maxrss_kb = usage.ru_maxrss;
  run.cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
               + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  run.status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;

  return run;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);
  guint n = sorted->len;

  if (n == 0)
    return 0;
  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

/* ---------------------------------------------------------------------- */
/* The fixture: real Dovecot and Postfix                                  */

static gboolean
fixture_start (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_build_filename (build_root, "tests", "servers",
                                               "msa-test-servers-run", NULL);
  const char *argv[] = { program, NULL };
  g_autoptr(GIOChannel) channel = NULL;
  int out_fd;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gboolean ready = FALSE;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &fixture->pid, &fixture->stdin_fd, &out_fd,
                                 NULL, &error))
    {
      g_printerr ("cannot start the test servers: %s\n", error->message);
      return FALSE;
    }

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *line = NULL;
      g_auto(GStrv) pair = NULL;
      GIOStatus status = g_io_channel_read_line (channel, &line, NULL, NULL, NULL);

      if (status != G_IO_STATUS_NORMAL)
        break;
      g_strchomp (line);
      pair = g_strsplit (line, "=", 2);
      if (pair[0] == NULL || pair[1] == NULL)
        continue;

      if (g_str_equal (pair[0], "MSA_TEST_CA"))
        {
          /* The fixture prints shell-quoted values. */
          g_free (fixture->ca_file);
          fixture->ca_file = g_shell_unquote (pair[1], NULL);
        }
      else if (g_str_equal (pair[0], "MSA_TEST_PORT_IMAPS"))
        fixture->ports[IMAP] = (guint16) atoi (pair[1]);
      else if (g_str_equal (pair[0], "MSA_TEST_PORT_POP3S"))
        fixture->ports[POP3] = (guint16) atoi (pair[1]);
      else if (g_str_equal (pair[0], "MSA_TEST_PORT_SMTPS"))
        fixture->ports[SMTP] = (guint16) atoi (pair[1]);
      else if (g_str_equal (pair[0], "MSA_TEST_READY"))
        {
          ready = TRUE;
          break;
        }
    }

  if (!ready || fixture->ca_file == NULL
      || fixture->ports[IMAP] == 0 || fixture->ports[POP3] == 0 || fixture->ports[SMTP] == 0)
    {
      g_printerr ("the test servers did not say where they are\n");
      return FALSE;
    }
  return TRUE;
}

static void
fixture_stop (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  if (fixture->pid == 0)
    return;

  /* The fixture stops its servers when its standard input ends. */
  close (fixture->stdin_fd);
  while (g_get_monotonic_time () < deadline)
    {
      int status;
      pid_t done = waitpid (fixture->pid, &status, WNOHANG);

      if (done == fixture->pid || (done < 0 && errno != EINTR))
        {
          fixture->pid = 0;
          break;
        }
      g_usleep (50 * 1000);
    }
  if (fixture->pid != 0)
    {
      kill (fixture->pid, SIGTERM);
      waitpid (fixture->pid, NULL, 0);
      fixture->pid = 0;
    }
  g_clear_pointer (&fixture->ca_file, g_free);
}

/* A profile of the three implicit-TLS servers only (the fixture's own
 * also has STARTTLS servers). */
static char *
write_profile (const char    *name,
               const guint16  ports[N_SERVERS])
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *xml = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<clientConfig version=\"1.1\">\n"
    "  <emailProvider id=\"bench.test\">\n"
    "    <domain>bench.test</domain>\n"
    "    <displayName>Benchmark</displayName>\n"
    "    <incomingServer type=\"imap\">\n"
    "      <hostname>localhost</hostname><port>%u</port><socketType>SSL</socketType>\n"
    "      <username>%%EMAILADDRESS%%</username><authentication>password-cleartext</authentication>\n"
    "    </incomingServer>\n"
    "    <incomingServer type=\"pop3\">\n"
    "      <hostname>localhost</hostname><port>%u</port><socketType>SSL</socketType>\n"
    "      <username>%%EMAILADDRESS%%</username><authentication>password-cleartext</authentication>\n"
    "    </incomingServer>\n"
    "    <outgoingServer type=\"smtp\">\n"
    "      <hostname>localhost</hostname><port>%u</port><socketType>SSL</socketType>\n"
    "      <username>%%EMAILADDRESS%%</username><authentication>password-cleartext</authentication>\n"
    "    </outgoingServer>\n"
    "  </emailProvider>\n"
    "</clientConfig>\n",
    ports[IMAP], ports[POP3], ports[SMTP]);

  if (!g_file_set_contents (path, xml, -1, &error))
    g_error ("%s", error->message);
  return path;
}

/* ---------------------------------------------------------------------- */
/* Measuring                                                              */

typedef struct
{
  GArray *whole;
  GArray *single[N_SERVERS];
  GArray *whole_cpu;
  GArray *single_cpu[N_SERVERS];
  GArray *curl[N_SERVERS];
  GArray *curl_three;
  long maxrss_kb;
  guint failures;
} Samples;

static void
samples_init (Samples *samples)
{
  samples->whole = g_array_new (FALSE, FALSE, sizeof (double));
  samples->whole_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  samples->curl_three = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < N_SERVERS; i++)
    {
      samples->single[i] = g_array_new (FALSE, FALSE, sizeof (double));
      samples->single_cpu[i] = g_array_new (FALSE, FALSE, sizeof (double));
      samples->curl[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }
}

static void
samples_clear (Samples *samples)
{
  g_array_unref (samples->whole);
  g_array_unref (samples->whole_cpu);
  g_array_unref (samples->curl_three);
  for (guint i = 0; i < N_SERVERS; i++)
    {
      g_array_unref (samples->single[i]);
      g_array_unref (samples->single_cpu[i]);
      g_array_unref (samples->curl[i]);
    }
}

static void
add_check_sample (Samples    *samples,
                  GArray     *into,
                  GArray     *cpu_into,
                  const Run  *run)
{
  if (run->status != 0)
    samples->failures++;
  g_array_append_val (into, run->wall_ms);
  g_array_append_val (cpu_into, run->cpu_ms);
  samples->maxrss_kb = MAX (samples->maxrss_kb, run->maxrss_kb);
}

static void
measure_checks (Samples    *samples,
                const char *ca_file,
                const char *profile,
                guint       runs)
{
  for (guint r = 0; r < runs; r++)
    {
      const char *whole[] = { assistant, "--check", "--ca-file", ca_file, "--profile", profile, NULL };
      Run run = run_program (whole, FALSE);

      /* Interleaved, so that drift on a shared machine hits all alike. */
      add_check_sample (samples, samples->whole, samples->whole_cpu, &run);
      for (guint i = 0; i < N_SERVERS; i++)
        {
          g_autofree char *protocol = g_strdup_printf ("--protocol=%s", protocol_names[i]);
          const char *single[] = { assistant, "--check", "--ca-file", ca_file, "--profile", profile,
                                   protocol, NULL };

          run = run_program (single, FALSE);
          add_check_sample (samples, samples->single[i], samples->single_cpu[i], &run);
        }
    }
}

static void
measure_curl (Samples       *samples,
              const char    *ca_file,
              const guint16  ports[N_SERVERS],
              guint          runs)
{
  static const char *schemes[N_SERVERS] = { "imaps", "pop3s", "smtps" };
  static const char *commands[N_SERVERS] = { "NOOP", "CAPA", "NOOP" };

  if (curl == NULL)
    return;

  for (guint r = 0; r < runs; r++)
    {
      double three = 0;

      for (guint i = 0; i < N_SERVERS; i++)
        {
          g_autofree char *url = g_strdup_printf ("%s://localhost:%u", schemes[i], ports[i]);
          const char *argv[] = { curl, "-s", "--cacert", ca_file, "-X", commands[i], url, NULL };
          Run run = run_program (argv, FALSE);

          if (run.status != 0)
            samples->failures++;
          g_array_append_val (samples->curl[i], run.wall_ms);
          three += run.wall_ms;
        }
      g_array_append_val (samples->curl_three, three);
    }
}

static void
verdict (gboolean    pass,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
verdict (gboolean    pass,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_print ("  %-4s  ", pass ? "PASS" : "MISS");
  g_vprintf (format, args);
  g_print ("\n");
  va_end (args);
  if (!pass)
    n_misses++;
}

/* The steps of each server from one --json run, medians over @runs. */
static void
print_steps (const char *ca_file,
             const char *profile,
             guint       runs)
{
  static const char *steps[] = { "resolve", "connect", "tls", "greeting", "total" };
  GArray *values[N_SERVERS][G_N_ELEMENTS (steps)];
  guint ok_runs = 0;

  for (guint i = 0; i < N_SERVERS; i++)
    for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
      values[i][s] = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < runs; r++)
    {
      const char *argv[] = { assistant, "--check", "--json", "--ca-file", ca_file,
                             "--profile", profile, NULL };
      Run run = run_program (argv, TRUE);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *output = run.output;
      JsonArray *results;

      if (run.status != 0 || !json_parser_load_from_data (parser, output, -1, NULL))
        continue;
      ok_runs++;
      results = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                              "results");
      for (guint k = 0; k < json_array_get_length (results); k++)
        {
          JsonObject *result = json_array_get_object_element (results, k);
          JsonObject *timings = json_object_get_object_member (result, "timings_ms");
          const char *protocol = json_object_get_string_member (result, "protocol");

          for (guint i = 0; i < N_SERVERS; i++)
            {
              if (!g_str_equal (protocol, protocol_names[i]))
                continue;
              for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
                {
                  JsonNode *node = json_object_get_member (timings, steps[s]);
                  double ms = node != NULL && !json_node_is_null (node)
                    ? (double) json_node_get_int (node) : 0;

                  g_array_append_val (values[i][s], ms);
                }
            }
        }
    }

  g_print ("\nSteps inside the check, from --json (medians of %u runs, whole ms):\n", ok_runs);
  g_print ("  %-6s", "");
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    g_print ("%10s", steps[s]);
  g_print ("\n");
  for (guint i = 0; i < N_SERVERS; i++)
    {
      g_print ("  %-6s", protocol_titles[i]);
      for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
        {
          g_print ("%10.0f", median (values[i][s]));
          g_array_unref (values[i][s]);
        }
      g_print ("\n");
    }
}

static void
print_start_up (double whole_ms)
{
  g_autoptr(GArray) true_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) help_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) usage_ms = g_array_new (FALSE, FALSE, sizeof (double));
  long help_rss = 0;
  double t, h, u;

  for (guint r = 0; r < n_runs; r++)
    {
      const char *truth[] = { "/bin/true", NULL };
      const char *help[] = { assistant, "--check", "--help", NULL };
      /* Exits 2 after parsing, before any trust store or profile. */
      const char *usage[] = { assistant, "--check", "--timeout=0", NULL };
      Run run = run_program (truth, FALSE);

      g_array_append_val (true_ms, run.wall_ms);
      run = run_program (help, FALSE);
      g_array_append_val (help_ms, run.wall_ms);
      help_rss = MAX (help_rss, run.maxrss_kb);
      run = run_program (usage, FALSE);
      g_array_append_val (usage_ms, run.wall_ms);
    }

  t = median (true_ms);
  h = median (help_ms);
  u = median (usage_ms);
  g_print ("\nWhere the time of the whole check goes (medians):\n");
  g_print ("  %-52s %7.1f ms\n", "process start (fork + exec of /bin/true)", t);
  g_print ("  %-52s %7.1f ms\n", "library load and start to main (--check --help - true)", h - t);
  g_print ("  %-52s %7.1f ms\n", "option parsing to a usage error (--timeout=0 - true)", u - t);
  g_print ("  %-52s %7.1f ms\n", "profile, trust, checks and report (whole - --help)", whole_ms - h);
  g_print ("  %-52s %7.1f MB\n", "peak RSS of --check --help", help_rss / 1024.0);
}

static void
print_round_trips (const char    *ca_file,
                   const guint16  ports[N_SERVERS],
                   Samples       *direct)
{
  g_autoptr(GError) error = NULL;
  MsaDelayRelay *relays[N_SERVERS] = { NULL, };
  guint16 relay_ports[N_SERVERS];
  g_autofree char *profile = NULL;
  Samples samples = { 0, };
  guint runs = MAX (n_runs / 2, 20);
  double whole, whole_rtt;

  for (guint i = 0; i < N_SERVERS; i++)
    {
      relays[i] = msa_delay_relay_new (ports[i], RELAY_DELAY_MS, &error);
      if (relays[i] == NULL)
        {
          g_print ("\nRound trips: cannot start the relay: %s\n", error->message);
          goto out;
        }
      relay_ports[i] = msa_delay_relay_get_port (relays[i]);
    }
  profile = write_profile ("relayed.xml", relay_ports);

  samples_init (&samples);
  measure_checks (&samples, ca_file, profile, runs);
  measure_curl (&samples, ca_file, relay_ports, runs);

  g_print ("\nRound trips through a relay that delays data %d ms each way, so one round\n"
           "trip costs %.0f ms (medians of %u runs; round trips = (relayed - direct) / %.0f ms,\n"
           "in brackets relayed / %.0f ms, which also counts local work):\n",
           RELAY_DELAY_MS, RTT_MS, runs, RTT_MS, RTT_MS);
  if (samples.failures > 0)
    g_print ("  (%u relayed runs did not exit 0)\n", samples.failures);
  g_print ("  %-14s %10s %16s %10s %16s\n", "", "--check", "round trips", "curl", "round trips");
  for (guint i = 0; i < N_SERVERS; i++)
    {
      double relayed = median (samples.single[i]);
      double rtt = (relayed - median (direct->single[i])) / RTT_MS;

      if (curl != NULL)
        {
          double curl_relayed = median (samples.curl[i]);
          double curl_rtt = (curl_relayed - median (direct->curl[i])) / RTT_MS;

          g_print ("  %-14s %7.1f ms %5.2f (%5.2f)   %7.1f ms %5.2f (%5.2f)\n",
                   protocol_titles[i], relayed, rtt, relayed / RTT_MS,
                   curl_relayed, curl_rtt, curl_relayed / RTT_MS);
        }
      else
        g_print ("  %-14s %7.1f ms %5.2f (%5.2f)\n",
                 protocol_titles[i], relayed, rtt, relayed / RTT_MS);
    }
  whole = median (samples.whole);
  whole_rtt = (whole - median (direct->whole)) / RTT_MS;
  g_print ("  %-14s %7.1f ms %5.2f (%5.2f)\n", "whole profile", whole, whole_rtt, whole / RTT_MS);
  for (guint i = 0; i < N_SERVERS; i++)
    {
      double rtt = (median (samples.single[i]) - median (direct->single[i])) / RTT_MS;

      verdict (rtt <= 3.5, "%s alone: %.2f round trips (target <= 3.5)", protocol_titles[i], rtt);
    }
  verdict (whole_rtt <= 4.0, "whole profile: %.2f round trips (target <= 4)", whole_rtt);
  {
    double slowest = 0;

    for (guint i = 0; i < N_SERVERS; i++)
      slowest = MAX (slowest, median (samples.single[i]));
    /* With the network as the bottleneck instead of two shared cores. */
    g_print ("        whole / slowest single through the relay = %.2f\n", whole / slowest);
  }

  print_steps (ca_file, profile, 5);
  samples_clear (&samples);

out:
  for (guint i = 0; i < N_SERVERS; i++)
    if (relays[i] != NULL)
      msa_delay_relay_free (relays[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0, };
  g_autofree char *profile = NULL;
  Samples samples = { 0, };
  const char *runs_text = g_getenv ("MSA_BENCH_RUNS");
  double whole, slowest = 0, curl_three, single[N_SERVERS];
  int slowest_index = 0;

  if (g_getenv ("MSA_BUILD_ROOT") == NULL)
    {
      g_printerr ("MSA_BUILD_ROOT is not set: run this with meson test --benchmark\n");
      return 1;
    }
  build_root = g_strdup (g_getenv ("MSA_BUILD_ROOT"));
  curl = g_find_program_in_path ("curl");
  assistant = g_build_filename (build_root, "src", "cli", "mailssl-assistant", NULL);
  if (runs_text != NULL)
    n_runs = MAX (20, (guint) atoi (runs_text));

  tmp_dir = g_dir_make_tmp ("msa-bench-XXXXXX", &error);
  g_assert_no_error (error);

  if (!fixture_start (&fixture))
    {
      fixture_stop (&fixture);
      return 1;
    }
  profile = write_profile ("direct.xml", fixture.ports);

  g_print ("mailssl-assistant --check against local Dovecot (IMAPS, POP3S) and Postfix (SMTPS)\n");
  g_print ("medians of %u runs each\n", n_runs);
  {
    g_autofree char *load = NULL;

    /* The figures on loopback are CPU-bound: say how busy the machine was. */
    if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
      g_print ("%u CPUs, load average %s", g_get_num_processors (), load);
    g_print ("\n");
  }

  /* Warm the page cache and the servers. */
  samples_init (&samples);
  measure_checks (&samples, fixture.ca_file, profile, 2);
  measure_curl (&samples, fixture.ca_file, fixture.ports, 2);
  samples_clear (&samples);

  samples_init (&samples);
  measure_checks (&samples, fixture.ca_file, profile, n_runs);
  measure_curl (&samples, fixture.ca_file, fixture.ports, n_runs);
  if (samples.failures > 0)
    g_print ("WARNING: %u runs did not exit 0; the figures below include them\n\n",
             samples.failures);

  whole = median (samples.whole);
  curl_three = median (samples.curl_three);
  for (guint i = 0; i < N_SERVERS; i++)
    {
      single[i] = median (samples.single[i]);
      if (single[i] > slowest)
        {
          slowest = single[i];
          slowest_index = i;
        }
    }

  g_print ("  %-40s %7s   %-18s %s\n", "", "wall", "CPU of --check", "curl");
  g_print ("  %-40s %7.1f ms   %7.1f ms\n", "whole profile, one --check process", whole,
           median (samples.whole_cpu));
  for (guint i = 0; i < N_SERVERS; i++)
    g_print ("  %-40s %7.1f ms   %7.1f ms         %7.1f ms\n",
             protocol_titles[i], single[i], median (samples.single_cpu[i]),
             median (samples.curl[i]));
  if (curl != NULL)
    {
      g_print ("  %-40s %7.1f ms\n", "curl, the three one after another", curl_three);
      g_print ("\nTargets:\n");
      verdict (whole <= 1.3 * slowest,
               "whole / slowest single (%s) = %.2f (target <= 1.3)",
               protocol_titles[slowest_index], whole / slowest);
      verdict (whole <= 0.8 * curl_three,
               "whole / curl's three = %.2f (target <= 0.8)", whole / curl_three);
      verdict (single[SMTP] <= median (samples.curl[SMTP]),
               "SMTPS alone / curl SMTPS = %.2f (target <= 1)",
               single[SMTP] / median (samples.curl[SMTP]));
    }
  else
    {
      g_print ("\nTargets:\n");
      verdict (whole <= 1.3 * slowest,
               "whole / slowest single (%s) = %.2f (target <= 1.3)",
               protocol_titles[slowest_index], whole / slowest);
      g_print ("  SKIP  the comparisons with curl: curl is not installed\n");
    }
  verdict (samples.maxrss_kb <= 20 * 1024,
           "peak RSS of --check = %.1f MB (target <= 20 MB)", samples.maxrss_kb / 1024.0);

  print_steps (fixture.ca_file, profile, n_runs);
  print_start_up (whole);
  print_round_trips (fixture.ca_file, fixture.ports, &samples);
  samples_clear (&samples);

  fixture_stop (&fixture);
  g_print ("\n%u target(s) missed\n", n_misses);

  /* Remove the profiles written above. */
  {
    g_autofree char *direct = g_build_filename (tmp_dir, "direct.xml", NULL);
    g_autofree char *relayed = g_build_filename (tmp_dir, "relayed.xml", NULL);

    g_unlink (direct);
    g_unlink (relayed);
    g_rmdir (tmp_dir);
  }

  return 0;
}
