/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One technical detail of a server card: a small title over a value that
 * can be selected and quoted. */
#define MSA_TYPE_DETAIL_ROW (msa_detail_row_get_type ())
G_DECLARE_FINAL_TYPE (MsaDetailRow, msa_detail_row, MSA, DETAIL_ROW, GtkListBoxRow)

GtkWidget  *msa_detail_row_new        (const char   *title,
                                       gboolean      monospace);
void        msa_detail_row_set_value  (MsaDetailRow *self,
                                       const char   *text);
const char *msa_detail_row_get_value  (MsaDetailRow *self);

G_END_DECLS
