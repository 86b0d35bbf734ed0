/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MSA_TYPE_TEXT_LAYOUT (msa_text_layout_get_type ())
G_DECLARE_FINAL_TYPE (MsaTextLayout, msa_text_layout, MSA, TEXT_LAYOUT, GtkLayoutManager)

GtkLayoutManager *msa_text_layout_new           (int            spacing);
int               msa_text_layout_get_spacing   (MsaTextLayout *self);
void              msa_text_layout_set_spacing   (MsaTextLayout *self,
                                                 int            spacing);
gboolean          msa_text_layout_adopt_row     (GtkWidget     *row);
guint             msa_text_layout_adopt_rows    (GtkWidget     *widget);

G_END_DECLS
