/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* gtk_widget_set_tooltip_text() without GTK 4.8's round trip to the X
 * server for a widget in no window (see msa-tooltip.c). */
void msa_tooltip_set_text (GtkWidget  *widget,
                           const char *text);

G_END_DECLS
