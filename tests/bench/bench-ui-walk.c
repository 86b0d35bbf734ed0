/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Run by bench-ui (not by itself): the real application and window walk
 * welcome → account type → why → current settings → check → settings →
 * done, with an autoconfig file of the fixture's IMAPS and SMTPS servers
 * and its CA.  On the check page the check runs ROUNDS times (the page's
 * own start, then Retry).
 *
 *   bench-ui-walk PROFILE CA-FILE ROUNDS
 *
 * The probe is the main context's poll function: the time from one poll's
 * return to the next poll's call is the work of one main-loop iteration,
 * during which input and frames wait.  Its largest value is the longest
 * the window was unresponsive.  Frame-clock intervals while the check runs
 * (its spinners animate) are counted too.  Standard output, one figure a
 * line, for bench-ui:
 *   PHASE <name> <iterations> <max µs> <p99 µs> <max CPU µs> <p99 CPU µs>
 *   FRAMES <n> <max interval µs> <p99 interval µs> <intervals over 25 ms>
 *   FRAMEPHASES <longest layout µs> <longest paint µs>   (while checking)
 *   ROUNDS <passed> <total> <median µs of one round>
 *   RSS <phase> <peak KiB> */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "msa-application.h"
#include "msa-autoconfig.h"
#include "msa-window-private.h"
#include "pages/msa-check-page.h"

static GPollFunc real_poll;
static gint64 last_poll_return;
static gint64 last_poll_return_cpu;
static GArray *iteration_us;     /* of gint64, the current phase's */
static GArray *iteration_cpu_us; /* the same iterations in this thread's CPU time */
static gboolean check_running;
static gint64 last_frame;
static GArray *frame_us;         /* of gint64, intervals while checking */
static gboolean trace;           /* MSA_BENCH_TRACE: the long iterations on stderr */
static guint trace_round;
static gint64 iter_layout_us, iter_paint_us;
static GHashTable *label_costs;  /* label text → LabelCost, this iteration's */

typedef struct
{
  guint  calls;
  gint64 us;
} LabelCost;

/* With MSA_BENCH_TRACE, GtkLabel's measure() is timed: which texts a long
 * iteration measured, how often, and for how long. */
static void (*real_label_measure) (GtkWidget *, GtkOrientation, int, int *, int *, int *, int *);

static void
traced_label_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  gint64 start = g_get_monotonic_time ();
  const char *text = gtk_label_get_text (GTK_LABEL (widget));
  LabelCost *cost;

  real_label_measure (widget, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);

  cost = g_hash_table_lookup (label_costs, text);
  if (cost == NULL)
    {
      cost = g_new0 (LabelCost, 1);
      g_hash_table_insert (label_costs, g_strdup (text), cost);
    }
  cost->calls++;
  cost->us += g_get_monotonic_time () - start;
}

static int
compare_cost (gconstpointer a,
              gconstpointer b)
{
  const LabelCost *x = g_hash_table_lookup (label_costs, *(const char **) a);
  const LabelCost *y = g_hash_table_lookup (label_costs, *(const char **) b);

  return (y->us > x->us) - (y->us < x->us);
}

static void
print_label_costs (void)
{
  g_autofree const char **texts = (const char **) g_hash_table_get_keys_as_array (label_costs, NULL);
  guint n = g_hash_table_size (label_costs);
  guint calls = 0;
  gint64 us = 0;

  qsort (texts, n, sizeof (char *), compare_cost);
  for (guint i = 0; i < n; i++)
    {
      LabelCost *cost = g_hash_table_lookup (label_costs, texts[i]);

      calls += cost->calls;
      us += cost->us;
    }
  g_printerr ("  labels measured %u times, %.1f ms in all\n", calls, us / 1000.0);
  for (guint i = 0; i < MIN (n, 12); i++)
    {
      LabelCost *cost = g_hash_table_lookup (label_costs, texts[i]);

      g_printerr ("    %5.2f ms %3u× %.50s\n", cost->us / 1000.0, cost->calls, texts[i]);
    }
}

/* The main thread's CPU time: on a shared machine an iteration's wall
 * time also holds the time other processes had the CPU. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint
probe_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();
  gint result;

  if (last_poll_return != 0)
    {
      g_array_append_val (iteration_us, (gint64) { now - last_poll_return });
      g_array_append_val (iteration_cpu_us, (gint64) { cpu - last_poll_return_cpu });
      if (trace && now - last_poll_return > 8000)
        g_printerr ("TRACE round %u%s: iteration %.1f ms, layout %.1f ms, paint %.1f ms"
                    " (monotonic %.6f to %.6f s)\n",
                    trace_round, check_running ? " (checking)" : "",
                    (now - last_poll_return) / 1000.0,
                    iter_layout_us / 1000.0, iter_paint_us / 1000.0,
                    last_poll_return / 1e6, now / 1e6);
      if (trace && now - last_poll_return > 8000)
        print_label_costs ();
    }
  iter_layout_us = iter_paint_us = 0;
  if (label_costs != NULL)
    g_hash_table_remove_all (label_costs);

  result = real_poll (fds, n_fds, timeout);
  last_poll_return = g_get_monotonic_time ();
  last_poll_return_cpu = thread_cpu_time ();

  return result;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
percentile (GArray *values,
            double  fraction)
{
  guint index;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_gint64);
  index = (guint) (fraction * (values->len - 1) + 0.5);
  return g_array_index (values, gint64, MIN (index, values->len - 1));
}

static guint
count_over (GArray *values,
            gint64  limit)
{
  guint n = 0;

  for (guint i = 0; i < values->len; i++)
    n += g_array_index (values, gint64, i) > limit;

  return n;
}

static void
end_phase (const char *name)
{
  printf ("PHASE %s %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", name, iteration_us->len,
          percentile (iteration_us, 1.0), percentile (iteration_us, 0.99),
          percentile (iteration_cpu_us, 1.0), percentile (iteration_cpu_us, 0.99));
  g_array_set_size (iteration_us, 0);
  g_array_set_size (iteration_cpu_us, 0);
}

static void
print_rss (const char *phase)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  printf ("RSS %s %ld\n", phase, usage.ru_maxrss);
}

/* Where a frame's time goes: GTK's own handlers of each frame-clock
 * phase run before these (they connected when the window was realized),
 * so layout is measure and allocate, paint is snapshot and render. */
static gint64 phase_start;
static gint64 max_layout_us, max_paint_us;

static void
on_update_cb (GdkFrameClock *clock)
{
  phase_start = g_get_monotonic_time ();
}

static void
on_layout_cb (GdkFrameClock *clock)
{
  gint64 now = g_get_monotonic_time ();

  if (check_running)
    max_layout_us = MAX (max_layout_us, now - phase_start);
  iter_layout_us += now - phase_start;
  phase_start = now;
}

static void
on_paint_cb (GdkFrameClock *clock)
{
  if (check_running)
    max_paint_us = MAX (max_paint_us, g_get_monotonic_time () - phase_start);
  iter_paint_us += g_get_monotonic_time () - phase_start;
}

static void
on_after_paint_cb (GdkFrameClock *clock)
{
  gint64 now = g_get_monotonic_time ();

  if (check_running && last_frame != 0)
    g_array_append_val (frame_us, (gint64) { now - last_frame });
  last_frame = check_running ? now : 0;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates (blocking in poll, as the real main loop does) until *@done or
 * @seconds have passed. */
static gboolean
run_until (const gboolean *done,
           double          seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while ((done == NULL || !*done) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return done == NULL || *done;
}

static void
next_page (MsaWindow  *window,
           const char *expected)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL))
    g_error ("wizard.next failed");
  /* Let the page's slide animation run. */
  run_until (NULL, 0.4);
  if (g_strcmp0 (msa_window_get_page_name (window, msa_window_get_page_index (window)),
                 expected) != 0)
    g_error ("expected page %s", expected);
}

static void
on_running_notify_cb (MsaCheckPage *page,
                      GParamSpec   *pspec,
                      gboolean     *running)
{
  *running = msa_check_page_get_running (page);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MsaApplication) app = NULL;
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) round_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  MsaWizardState *state;
  MsaWindow *window;
  MsaCheckPage *page;
  guint rounds, passed = 0;

  if (argc != 4)
    {
      g_printerr ("usage: %s PROFILE CA-FILE ROUNDS\n", argv[0]);
      return 2;
    }
  rounds = MAX (1, atoi (argv[3]));
  trace = g_getenv ("MSA_BENCH_TRACE") != NULL;
  iteration_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  iteration_cpu_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  frame_us = g_array_new (FALSE, FALSE, sizeof (gint64));

  file = g_file_new_for_path (argv[1]);
  profile = msa_profile_new_from_file (file, &error);
  if (profile == NULL)
    g_error ("%s", error->message);

  app = g_object_new (MSA_TYPE_APPLICATION,
                      "application-id", "io.github.mailssl.Assistant.BenchWalk",
                      "resource-base-path", RESOURCE_BASE,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  /* As if the user had opened the fixture's autoconfig file. */
  state = msa_application_get_state (app);
  msa_wizard_state_set_profile_file (state, argv[1]);
  msa_wizard_state_set_profile (state, profile, FALSE);
  msa_wizard_state_set_incoming_protocol (state, MSA_PROTOCOL_IMAP);
  msa_wizard_state_set_ca_file (state, argv[2]);

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, probe_poll);
  g_timeout_add (50, wake_cb, NULL);

  if (trace)
    {
      GtkWidgetClass *label_class = g_type_class_ref (GTK_TYPE_LABEL);

      label_costs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      real_label_measure = label_class->measure;
      label_class->measure = traced_label_measure;
    }

  g_application_activate (G_APPLICATION (app));
  window = MSA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  run_until (NULL, 1.0);
  end_phase ("start");
  print_rss ("first-window");

  /* Each move between pages a phase of its own ("to-" the page). */
  next_page (window, "account-type");
  end_phase ("to-account-type");
  next_page (window, "why");
  end_phase ("to-why");
  next_page (window, "current-settings");
  end_phase ("to-current");

  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

    g_signal_connect (clock, "update", G_CALLBACK (on_update_cb), NULL);
    g_signal_connect (clock, "layout", G_CALLBACK (on_layout_cb), NULL);
    g_signal_connect (clock, "paint", G_CALLBACK (on_paint_cb), NULL);
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
  }

  /* The page starts its check when shown; then Retry, round after round. */
  page = MSA_CHECK_PAGE (msa_window_get_page (window, 4));
  g_signal_connect (page, "notify::running", G_CALLBACK (on_running_notify_cb), &check_running);
  for (guint i = 0; i < rounds; i++)
    {
      gint64 start = g_get_monotonic_time ();
      MsaProfileCheck *check;

      trace_round = i + 1;

      if (i == 0)
        gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL);
      else
        msa_check_page_start (page);
      check_running = msa_check_page_get_running (page);
      if (!check_running)
        g_error ("the check did not start");
      while (check_running && g_get_monotonic_time () - start < 60 * G_USEC_PER_SEC)
        g_main_context_iteration (NULL, TRUE);
      if (check_running)
        g_error ("the check did not end within 60 s");
      g_array_append_val (round_us, (gint64) { g_get_monotonic_time () - start });

      check = msa_wizard_state_get_check (state);
      if (check != NULL && msa_profile_check_get_passed (check))
        passed++;

      /* The first round holds building and showing the page. */
      if (i == 0)
        end_phase ("check-first");
    }
  run_until (NULL, 0.2);
  end_phase ("check-retry");
  printf ("FRAMES %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u\n", frame_us->len,
          percentile (frame_us, 1.0), percentile (frame_us, 0.99), count_over (frame_us, 25000));
  printf ("FRAMEPHASES %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", max_layout_us, max_paint_us);
  printf ("ROUNDS %u %u %" G_GINT64_FORMAT "\n", passed, rounds, percentile (round_us, 0.5));
  print_rss ("check");

  next_page (window, "settings");
  end_phase ("to-settings");
  next_page (window, "done");
  end_phase ("to-done");
  print_rss ("done");

  gtk_window_destroy (GTK_WINDOW (window));
  run_until (NULL, 0.1);
  g_main_context_set_poll_func (NULL, real_poll);
  g_array_unref (iteration_us);
  g_array_unref (iteration_cpu_us);
  g_array_unref (frame_us);

  return 0;
}
