/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The rows of a server card: drawn as libadwaita's AdwActionRow, laid
 * out cheaply (msa-card-row.c). */
GtkWidget *msa_card_row_new              (const char *title,
                                          GtkWidget  *prefix,
                                          GtkWidget  *suffix);
/* The same, built into @row (a subclass of GtkListBoxRow). */
void       msa_card_row_fill             (GtkListBoxRow *row,
                                          const char    *title,
                                          GtkWidget     *prefix,
                                          GtkWidget     *suffix);
/* A state icon with its tooltip and accessible label. */
GtkWidget *msa_card_row_state_image_new  (const char *icon_name,
                                          const char *style_class,
                                          const char *accessible_label);

G_END_DECLS
