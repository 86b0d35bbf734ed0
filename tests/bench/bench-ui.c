/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How fast does the wizard show its first frame, how smooth is it while
 * the check runs, and how much memory does it take?  Run under a display
 * and a session bus (`build-aux/run-tests --benchmark`).  It prints
 * figures and PASS/MISS per target and exits 0 unless it cannot measure
 * at all: speed is never a test assertion.
 *
 *   bench-ui MAILSSL-ASSISTANT WIZARD FLOOR WALK
 *
 *   start-up  spawn → the first frame processed by the X server, from the
 *             MSA_BENCH_FIRST_FRAME hook (src/ui/msa-application.c,
 *             bench-floor.c); `mailssl-assistant` (which execs the wizard),
 *             the wizard alone, and bench-floor, a minimal
 *             AdwApplicationWindow: the toolkit's floor.  Runs interleaved,
 *             after two warm-up runs each; GSK_RENDERER=cairo and the
 *             default renderer.  Target: wizard ≤ 1.5 × floor (cairo).
 *   smooth    bench-ui-walk against the fixture's Dovecot (IMAPS) and
 *             Postfix (SMTPS): longest main-loop iteration while the check
 *             page checks, several rounds.  Target ≤ 16 ms.  Twice: on
 *             loopback, where a round takes a few milliseconds and hardly
 *             a frame falls into it, and through a relay that delays data
 *             RELAY_DELAY_MS each way, as a real network does, so that the
 *             spinners turn and each step shows in frames of its own.
 *             The servers and the relay run niced (BACKGROUND_NICE): in
 *             use they are other machines.
 *   moves     the same walks' moves between pages (Next, the slide, and
 *             the next page built while this one is read): longest
 *             main-loop iteration, target ≤ 16 ms, printed beside the
 *             floor's start-up as this machine's speed.
 *   memory    peak RSS of the whole walk (wait4's ru_maxrss) beside the
 *             floor's and the wizard's at the first frame.
 *
 * Every program runs with GTK_A11Y=none: on a machine where several D-Bus
 * sessions run UI tests at once, another session's accessibility bus
 * launcher removes the shared socket (~/.cache/at-spi/bus) and GTK's
 * connection fails; the bus costs all programs alike.
 *
 * MSA_BENCH_RUNS (default 15) and MSA_BENCH_ROUNDS (default 10) change the
 * numbers of runs and check rounds. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msa-delay-relay.h"
#include "msa-test-servers.h"

#define WARM_UP_RUNS 2
#define START_UP_TARGET 1.5
#define GAP_TARGET_US 16000
#define RELAY_DELAY_MS 20
/* The servers and the relay stand for machines elsewhere: on this one
 * they run behind the wizard and the X server (see bench_walk()). */
#define BACKGROUND_NICE 10

enum { FLOOR, WIZARD, ASSISTANT, N_PROGRAMS };

static const char *program_titles[N_PROGRAMS] = {
  "floor (AdwApplicationWindow)",
  "mailssl-assistant-wizard",
  "mailssl-assistant -> wizard",
};

typedef struct
{
  double ms;         /* spawn to first frame, or < 0 */
  double cpu_ms;     /* the program's CPU time until then (all threads) */
  long maxrss_kb;
} Run;

typedef struct
{
  gint64 iterations, max_us, p99_us, max_cpu_us, p99_cpu_us;
} Phase;

static char *programs[N_PROGRAMS];
static char *tmp_dir;
static guint n_misses;
static guint n_failed_runs;

/* Waits for @pid at most @seconds, killing it after that. */
static gboolean
wait_child (GPid           pid,
            guint          seconds,
            int           *status,
            struct rusage *usage)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      pid_t done = wait4 (pid, status, WNOHANG, usage);

      if (done == pid)
        return TRUE;
      if (done < 0 && errno != EINTR)
        return FALSE;
      g_usleep (2000);
    }

  kill (pid, SIGKILL);
  wait4 (pid, status, 0, usage);
  return FALSE;
}

static Run
run_first_frame (guint    program,
                 gboolean cairo)
{
  g_autofree char *stamp_file = g_build_filename (tmp_dir, "first-frame", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *argv[] = { programs[program], NULL };
  Run run = { -1, 0, 0 };
  char *end;
  struct rusage usage;
  gint64 start;
  int status;
  GPid pid;

  g_unlink (stamp_file);
  envp = g_environ_setenv (envp, "GTK_A11Y", "none", TRUE);
  envp = g_environ_setenv (envp, "MSA_BENCH_FIRST_FRAME", stamp_file, TRUE);
  if (cairo)
    envp = g_environ_setenv (envp, "GSK_RENDERER", "cairo", TRUE);
  else
    envp = g_environ_unsetenv (envp, "GSK_RENDERER");

  start = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, (char **) argv, envp,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    {
      g_printerr ("cannot run %s: %s\n", argv[0], error->message);
      return run;
    }

  if (!wait_child (pid, 60, &status, &usage) || !WIFEXITED (status) ||
      WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s did not exit normally\n", argv[0]);
      return run;
    }

  if (!g_file_get_contents (stamp_file, &contents, NULL, &error))
    {
      g_printerr ("%s wrote no first-frame time: %s\n", argv[0], error->message);
      return run;
    }

  run.ms = (g_ascii_strtoll (contents, &end, 10) - start) / 1000.0;
  run.cpu_ms = g_ascii_strtoll (end, NULL, 10) / 1000.0;
  run.maxrss_kb = usage.ru_maxrss;
  return run;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return -1;
  g_array_sort (values, compare_double);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
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

  if (!pass)
    n_misses++;
  va_start (args, format);
  printf ("  %-4s  ", pass ? "PASS" : "MISS");
  vprintf (format, args);
  printf ("\n");
  va_end (args);
}

/* Start-up of every program, @n_runs times each, interleaved.  Stores the
 * medians (ms) and the median peak RSS (KiB). */
static gboolean
bench_start_up (gboolean cairo,
                guint    n_runs,
                double   medians[N_PROGRAMS],
                double   cpu_medians[N_PROGRAMS],
                double   rss[N_PROGRAMS])
{
  GArray *times[N_PROGRAMS];
  GArray *cpu_times[N_PROGRAMS];
  GArray *sizes[N_PROGRAMS];
  gboolean ok = TRUE;

  for (guint p = 0; p < N_PROGRAMS; p++)
    {
      times[p] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu_times[p] = g_array_new (FALSE, FALSE, sizeof (double));
      sizes[p] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* Interleaved, in an order that rotates, so that load from elsewhere
   * and whatever one program leaves behind fall on all of them alike. */
  for (guint i = 0; ok && i < WARM_UP_RUNS + n_runs; i++)
    for (guint j = 0; ok && j < N_PROGRAMS; j++)
      {
        guint p = (i + j) % N_PROGRAMS;
        Run run = run_first_frame (p, cairo);
        double kb;

        /* A run that fails for reasons outside the program (e.g. the
         * accessibility bus of another session going away under Xvfb) is
         * run again, and counted. */
        for (guint retry = 0; run.ms < 0 && retry < 3; retry++)
          {
            n_failed_runs++;
            run = run_first_frame (p, cairo);
          }
        kb = run.maxrss_kb;

        ok = run.ms >= 0;
        if (i < WARM_UP_RUNS || !ok)
          continue;
        g_array_append_val (times[p], run.ms);
        g_array_append_val (cpu_times[p], run.cpu_ms);
        g_array_append_val (sizes[p], kb);
      }

  if (!ok)
    goto out;

  printf ("\nStart-up to the first frame, renderer %s (%u runs each, after %u warm-up):\n",
           cairo ? "cairo" : "default (GSK_RENDERER unset)", n_runs, WARM_UP_RUNS);
  printf ("  %-28s %9s %9s %9s %12s %12s\n", "", "median", "min", "max", "CPU median",
          "peak RSS");
  for (guint p = 0; p < N_PROGRAMS; p++)
    {
      double lo, hi;

      medians[p] = median (times[p]);
      lo = g_array_index (times[p], double, 0);
      hi = g_array_index (times[p], double, times[p]->len - 1);
      rss[p] = median (sizes[p]);
      cpu_medians[p] = median (cpu_times[p]);
      printf ("  %-28s %6.1f ms %6.1f ms %6.1f ms %9.1f ms %8.1f MiB\n",
              program_titles[p], medians[p], lo, hi, cpu_medians[p], rss[p] / 1024.0);
    }

out:
  for (guint p = 0; p < N_PROGRAMS; p++)
    {
      g_array_unref (times[p]);
      g_array_unref (cpu_times[p]);
      g_array_unref (sizes[p]);
    }
  return ok;
}

/* The profile @path with each port in @from replaced by the one in @to. */
static void
reroute_profile (const char    *path,
                 const guint16 *from,
                 const guint16 *to,
                 guint          n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  if (!g_file_get_contents (path, &xml, NULL, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *old_port = g_strdup_printf ("<port>%u</port>", from[i]);
      g_autofree char *new_port = g_strdup_printf ("<port>%u</port>", to[i]);
      g_auto(GStrv) parts = g_strsplit (xml, old_port, -1);

      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      g_free (xml);
      xml = g_strjoinv (new_port, parts);
    }
  if (!g_file_set_contents (path, xml, -1, &error))
    g_error ("%s", error->message);
}

static gboolean
bench_walk (const char *walk,
            guint       rounds,
            double      floor_rss,
            guint       relay_ms,
            Phase      *check,
            Phase      *moves)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaTestServers) servers = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *rounds_text = g_strdup_printf ("%u", rounds);
  g_autofree char *output = NULL;
  const char *services[] = { "imaps", "smtps", NULL };
  const MsaTestService relayed[] = { MSA_TEST_SERVICE_IMAPS, MSA_TEST_SERVICE_SMTPS };
  MsaDelayRelay *relays[G_N_ELEMENTS (relayed)] = { NULL, };
  const char *argv[] = { walk, NULL, NULL, rounds_text, NULL };
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "MSA_BENCH_FIRST_FRAME");
  g_auto(GStrv) lines = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  struct rusage usage;
  gint64 frames = 0, frame_max = 0, frame_p99 = 0, frame_late = 0;
  gint64 passed = 0, total = 0, round_us = 0;
  gint64 layout_us = 0, paint_us = 0;
  g_autoptr(GString) rss = g_string_new (NULL);
  int out_fd, status;
  gsize length;
  GPid pid;

  servers = msa_test_servers_start (&error);
  if (servers == NULL)
    {
      g_printerr ("cannot start the test servers: %s\n", error->message);
      return FALSE;
    }
  profile = msa_test_servers_write_profile (servers, services, &error);
  if (profile == NULL)
    {
      g_printerr ("cannot write the profile: %s\n", error->message);
      return FALSE;
    }
  if (relay_ms > 0)
    {
      guint16 from[G_N_ELEMENTS (relayed)], to[G_N_ELEMENTS (relayed)];

      for (guint i = 0; i < G_N_ELEMENTS (relayed); i++)
        {
          from[i] = msa_test_servers_get_port (servers, relayed[i]);
          relays[i] = msa_delay_relay_new_niced (from[i], relay_ms, BACKGROUND_NICE, &error);
          if (relays[i] == NULL)
            {
              g_printerr ("cannot start the relay: %s\n", error->message);
              return FALSE;
            }
          to[i] = msa_delay_relay_get_port (relays[i]);
        }
      reroute_profile (profile, from, to, G_N_ELEMENTS (relayed));
    }
  argv[1] = profile;
  argv[2] = msa_test_servers_get_ca_file (servers);

  /* In use, the provider's servers and the network between run on
   * other machines; here Dovecot, Postfix and the relay share the two
   * cores with the wizard, its TLS threads and the X server, and took
   * the main thread off the CPU for up to 10 ms at a time.  They run
   * niced, as the stand-ins they are.  (Processes they start later for
   * a connection inherit it.) */
  {
    g_autoptr(GArray) pids = msa_test_servers_list_pids (servers);

    for (guint i = 0; i < pids->len; i++)
      setpriority (PRIO_PROCESS, g_array_index (pids, GPid, i), BACKGROUND_NICE);
  }

  envp = g_environ_setenv (envp, "GSK_RENDERER", "cairo", TRUE);
  envp = g_environ_setenv (envp, "GTK_A11Y", "none", TRUE);
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    {
      g_printerr ("cannot run %s: %s\n", walk, error->message);
      return FALSE;
    }
  /* The output is a few hundred bytes: read it all, then reap. */
  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  if (g_io_channel_read_to_end (channel, &output, &length, &error) != G_IO_STATUS_NORMAL)
    {
      g_printerr ("cannot read from %s: %s\n", walk, error->message);
      return FALSE;
    }
  if (!wait_child (pid, 300, &status, &usage) || !WIFEXITED (status) ||
      WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s failed:\n%s", walk, output);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (relays); i++)
    g_clear_pointer (&relays[i], msa_delay_relay_free);

  printf ("\nThe whole walk (welcome → … → check ×%u → settings → done), renderer cairo,\n", rounds);
  if (relay_ms > 0)
    printf ("against Dovecot IMAPS and Postfix SMTPS through a relay that delays data %u ms\n"
            "each way (one round trip %u ms); servers and relay at nice %d:\n",
            relay_ms, 2 * relay_ms, BACKGROUND_NICE);
  else
    printf ("against Dovecot IMAPS and Postfix SMTPS on loopback, at nice %d:\n",
            BACKGROUND_NICE);
  printf ("  main-loop iterations (wall time; the main thread's CPU time in it):\n");
  printf ("  %-16s %8s %11s %11s %11s %11s\n", "phase", "count", "longest", "99th pct.",
          "CPU longest", "CPU 99th");
  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char name[32];
      long long a, b, c, d, e;

      if (sscanf (lines[i], "PHASE %31s %lld %lld %lld %lld %lld", name, &a, &b, &c, &d, &e) == 6)
        {
          printf ("  %-16s %8lld %8.1f ms %8.1f ms %8.1f ms %8.1f ms\n",
                  name, a, b / 1000.0, c / 1000.0, d / 1000.0, e / 1000.0);
          /* The target holds for the whole check: the page's own first
           * round (building and showing it) and the Retry rounds. */
          if (g_str_has_prefix (name, "check") && b > check->max_us)
            *check = (Phase) { a, b, c, d, e };
          /* Moving between pages: each "to-" phase, the next page built
           * while the user reads the one before included. */
          if (g_str_has_prefix (name, "to-") && b > moves->max_us)
            *moves = (Phase) { a, b, c, d, e };
        }
      else if (sscanf (lines[i], "FRAMES %lld %lld %lld %lld", &a, &b, &c, &d) == 4)
        {
          frames = a;
          frame_max = b;
          frame_p99 = c;
          frame_late = d;
        }
      else if (sscanf (lines[i], "FRAMEPHASES %lld %lld", &a, &b) == 2)
        {
          layout_us = a;
          paint_us = b;
        }
      else if (sscanf (lines[i], "ROUNDS %lld %lld %lld", &a, &b, &c) == 3)
        {
          passed = a;
          total = b;
          round_us = c;
        }
      else if (sscanf (lines[i], "RSS %31s %lld", name, &a) == 2)
        g_string_append_printf (rss, "  peak RSS up to %-20s %7.1f MiB\n", name, a / 1024.0);
    }
  printf ("%s", rss->str);
  printf ("  frames while checking: %" G_GINT64_FORMAT ", longest interval %.1f ms,"
           " 99th pct. %.1f ms (%" G_GINT64_FORMAT " intervals over 25 ms)\n",
           frames, frame_max / 1000.0, frame_p99 / 1000.0, frame_late);
  printf ("  longest frame phases while checking: layout (measure, allocate) %.1f ms,"
          " paint (snapshot, render) %.1f ms\n", layout_us / 1000.0, paint_us / 1000.0);
  printf ("  check rounds passed %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
           ", median %.1f ms a round\n", passed, total, round_us / 1000.0);
  printf ("  peak RSS of the walk (wait4) %.1f MiB; floor at its first frame %.1f MiB"
           " (%.2f ×)\n", usage.ru_maxrss / 1024.0, floor_rss / 1024.0,
           usage.ru_maxrss / floor_rss);

  if (check->max_us < 0 || total == 0 || passed != total)
    {
      g_printerr ("the check did not pass every round\n");
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *runs_env = g_getenv ("MSA_BENCH_RUNS");
  const char *rounds_env = g_getenv ("MSA_BENCH_ROUNDS");
  guint n_runs = runs_env ? MAX (10, atoi (runs_env)) : 15;
  guint rounds = rounds_env ? MAX (1, atoi (rounds_env)) : 10;
  double cairo[N_PROGRAMS], cairo_cpu[N_PROGRAMS], cairo_rss[N_PROGRAMS];
  double gl[N_PROGRAMS], gl_cpu[N_PROGRAMS], gl_rss[N_PROGRAMS];
  double load[3] = { 0 };
  Phase check = { -1, -1, -1, -1, -1 };
  Phase relayed_check = { -1, -1, -1, -1, -1 };
  Phase moves = { -1, -1, -1, -1, -1 };
  g_autofree char *stamp_file = NULL;
  gboolean ok;

  if (argc != 5)
    {
      g_printerr ("usage: %s MAILSSL-ASSISTANT WIZARD FLOOR WALK\n", argv[0]);
      return 2;
    }
  programs[ASSISTANT] = argv[1];
  programs[WIZARD] = argv[2];
  programs[FLOOR] = argv[3];

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("no display: run under xvfb-run (build-aux/run-tests --benchmark)\n");
      return 77;
    }

  tmp_dir = g_dir_make_tmp ("msa-bench-ui-XXXXXX", &error);
  g_assert_no_error (error);

  printf ("All programs run with GTK_A11Y=none (see bench-ui.c).\n");
  if (getloadavg (load, 3) > 0)
    printf ("Load average before: %.2f %.2f %.2f (2 cores shared: figures vary with it)\n",
             load[0], load[1], load[2]);

  ok = bench_start_up (TRUE, n_runs, cairo, cairo_cpu, cairo_rss) &&
       bench_start_up (FALSE, n_runs, gl, gl_cpu, gl_rss) &&
       bench_walk (argv[4], rounds, cairo_rss[FLOOR], 0, &check, &moves) &&
       bench_walk (argv[4], rounds, cairo_rss[FLOOR], RELAY_DELAY_MS, &relayed_check, &moves);

  if (ok)
    {
      printf ("\nTargets:\n");
      verdict (cairo[ASSISTANT] <= START_UP_TARGET * cairo[FLOOR],
               "start-up (cairo) %.1f ms = %.2f × the floor's %.1f ms ≤ %.1f ×",
               cairo[ASSISTANT], cairo[ASSISTANT] / cairo[FLOOR], cairo[FLOOR], START_UP_TARGET);
      printf ("        CPU time to the first frame (cairo): %.1f ms = %.2f × the floor's %.1f ms\n",
              cairo_cpu[ASSISTANT], cairo_cpu[ASSISTANT] / cairo_cpu[FLOOR], cairo_cpu[FLOOR]);
      printf ("        default renderer: %.1f ms = %.2f × the floor's %.1f ms"
              " (CPU %.1f ms = %.2f ×)\n",
              gl[ASSISTANT], gl[ASSISTANT] / gl[FLOOR], gl[FLOOR],
              gl_cpu[ASSISTANT], gl_cpu[ASSISTANT] / gl_cpu[FLOOR]);
      printf ("        the exec through mailssl-assistant: %+.1f ms (cairo)\n",
               cairo[ASSISTANT] - cairo[WIZARD]);
      printf ("        peak RSS at the first frame (cairo): wizard %.1f MiB, floor %.1f MiB\n",
               cairo_rss[ASSISTANT] / 1024.0, cairo_rss[FLOOR] / 1024.0);
      verdict (check.max_us <= GAP_TARGET_US,
               "longest main-loop iteration while checking on loopback %.1f ms ≤ %.0f ms "
               "(99th pct. %.1f ms; CPU time %.1f ms, 99th pct. %.1f ms)",
               check.max_us / 1000.0, GAP_TARGET_US / 1000.0, check.p99_us / 1000.0,
               check.max_cpu_us / 1000.0, check.p99_cpu_us / 1000.0);
      verdict (relayed_check.max_us <= GAP_TARGET_US,
               "longest main-loop iteration while checking through the %u ms relay %.1f ms ≤ %.0f ms "
               "(99th pct. %.1f ms; CPU time %.1f ms, 99th pct. %.1f ms)",
               RELAY_DELAY_MS, relayed_check.max_us / 1000.0, GAP_TARGET_US / 1000.0,
               relayed_check.p99_us / 1000.0,
               relayed_check.max_cpu_us / 1000.0, relayed_check.p99_cpu_us / 1000.0);
      verdict (moves.max_us <= GAP_TARGET_US,
               "longest main-loop iteration moving between pages %.1f ms ≤ %.0f ms "
               "(CPU time %.1f ms), on a machine whose floor window starts in %.1f ms",
               moves.max_us / 1000.0, GAP_TARGET_US / 1000.0, moves.max_cpu_us / 1000.0,
               cairo[FLOOR]);
      if (n_failed_runs > 0)
        printf ("        (%u start-up runs failed and were run again)\n", n_failed_runs);
      printf ("%u target(s) missed\n", n_misses);
    }

  stamp_file = g_build_filename (tmp_dir, "first-frame", NULL);
  g_unlink (stamp_file);
  g_rmdir (tmp_dir);

  return ok ? 0 : 1;
}
