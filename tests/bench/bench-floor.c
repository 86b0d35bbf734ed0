/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The toolkit's floor for bench-ui: the least a libadwaita program does
 * before its first frame.  An AdwApplication (on the session bus, like the
 * wizard) with one AdwApplicationWindow of the wizard's default size: a
 * header bar and a label.  MSA_BENCH_FIRST_FRAME works as in the wizard
 * (src/ui/msa-application.c): the time of the first frame and the CPU time
 * until then go into that file, then the program quits. */
#include "config.h"

#include <adwaita.h>
#include <sys/resource.h>

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GApplication  *app)
{
  g_autofree char *text = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  struct rusage usage;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, app);
  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (window)));
  getrusage (RUSAGE_SELF, &usage);
  text = g_strdup_printf ("%" G_GINT64_FORMAT " %ld\n", g_get_monotonic_time (),
                          (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000L +
                          usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  g_file_set_contents (g_getenv ("MSA_BENCH_FIRST_FRAME"), text, -1, NULL);
  g_application_quit (app);
}

static gboolean
render_hook (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               app)
{
  GdkSurface *surface = g_value_get_object (&values[0]);

  g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                    G_CALLBACK (on_after_paint_cb), app);
  return FALSE;
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Floor");

  gtk_window_set_default_size (GTK_WINDOW (window), 760, 640);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  if (g_getenv ("MSA_BENCH_FIRST_FRAME") != NULL)
    g_signal_add_emission_hook (g_signal_lookup ("render", GDK_TYPE_SURFACE), 0,
                                render_hook, app, NULL);

  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.mailssl.Assistant.BenchFloor",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
