/* SPDX-License-Identifier: GPL-3.0-or-later */
/* msa_tooltip_set_text(): the text arrives, the widget's visibility is
 * what it was, and a widget in no window gets its text while hidden (so
 * GTK 4.8 does not ask the X server for the pointer). */
#include "config.h"

#include <adwaita.h>

#include "msa-tooltip.h"
#include "msa-ui-test.h"

typedef struct {
  guint    notified;
  gboolean visible_when_set;
} Seen;

static void
on_tooltip_notify_cb (GObject    *object,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  Seen *seen = user_data;

  seen->notified++;
  seen->visible_when_set = gtk_widget_get_visible (GTK_WIDGET (object));
}

static void
test_tooltip_unrooted (void)
{
  g_autoptr(GtkWidget) image = g_object_ref_sink (gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
  Seen seen = { 0 };

  g_signal_connect (image, "notify::tooltip-text", G_CALLBACK (on_tooltip_notify_cb), &seen);

  msa_tooltip_set_text (image, "Passed");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (image), ==, "Passed");
  g_assert_true (gtk_widget_get_has_tooltip (image));
  g_assert_true (gtk_widget_get_visible (image));
  g_assert_cmpuint (seen.notified, ==, 1);
  g_assert_false (seen.visible_when_set);

  /* The same text again changes nothing. */
  msa_tooltip_set_text (image, "Passed");
  g_assert_cmpuint (seen.notified, ==, 1);

  /* A hidden widget stays hidden. */
  gtk_widget_set_visible (image, FALSE);
  msa_tooltip_set_text (image, "Failed");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (image), ==, "Failed");
  g_assert_false (gtk_widget_get_visible (image));
  g_assert_cmpuint (seen.notified, ==, 2);

  msa_tooltip_set_text (image, NULL);
  g_assert_null (gtk_widget_get_tooltip_text (image));
  g_assert_false (gtk_widget_get_has_tooltip (image));
}

static void
test_tooltip_rooted (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  Seen seen = { 0 };

  gtk_window_set_child (GTK_WINDOW (window), button);
  g_signal_connect (button, "notify::tooltip-text", G_CALLBACK (on_tooltip_notify_cb), &seen);

  /* In a window a tooltip may be showing: the text is set in place, so
   * a showing tooltip follows it and the widget is never hidden. */
  msa_tooltip_set_text (button, "Copy Server");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Copy Server");
  g_assert_cmpuint (seen.notified, ==, 1);
  g_assert_true (seen.visible_when_set);
  g_assert_true (gtk_widget_get_visible (button));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  msa_ui_test_init (&argc, &argv);

  g_test_add_func ("/tooltip/unrooted", test_tooltip_unrooted);
  g_test_add_func ("/tooltip/rooted", test_tooltip_rooted);

  return g_test_run ();
}
