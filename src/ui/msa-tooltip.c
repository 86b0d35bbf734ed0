/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-tooltip.h"

/* gtk_widget_set_tooltip_text() on a visible widget asks the display
 * where the pointer is, to update a tooltip that may be showing
 * (gtk_tooltip_trigger_tooltip_query()), and GTK 4.8 asks before it
 * looks whether the widget is in a window at all.  On X11 that is a
 * round trip to the server each time: 0.17 ms on an idle machine, more
 * while the server is drawing.  A check page builds some forty state
 * icons with tooltips in one main-loop iteration, and that alone took
 * a third of it.
 *
 * A widget in no window has no tooltip showing, so its text is set
 * while it is hidden, which skips the question.  Hiding and showing it
 * again resets its accessible "hidden" state to false: set the tooltip
 * before marking a widget hidden for assistive technologies.  An
 * unchanged text is left alone. */
void
msa_tooltip_set_text (GtkWidget  *widget,
                      const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;

  if (gtk_widget_get_root (widget) == NULL && gtk_widget_get_visible (widget))
    {
      gtk_widget_set_visible (widget, FALSE);
      gtk_widget_set_tooltip_text (widget, text);
      gtk_widget_set_visible (widget, TRUE);
      return;
    }

  gtk_widget_set_tooltip_text (widget, text);
}
