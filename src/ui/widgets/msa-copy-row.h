/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MSA_TYPE_COPY_ROW (msa_copy_row_get_type ())
G_DECLARE_FINAL_TYPE (MsaCopyRow, msa_copy_row, MSA, COPY_ROW, AdwActionRow)

GtkWidget  *msa_copy_row_new          (const char *title,
                                       const char *value);
const char *msa_copy_row_get_value    (MsaCopyRow *self);
void        msa_copy_row_set_value    (MsaCopyRow *self,
                                       const char *value);
gboolean    msa_copy_row_get_copyable (MsaCopyRow *self);
void        msa_copy_row_set_copyable (MsaCopyRow *self,
                                       gboolean    copyable);
void        msa_copy_row_copy         (MsaCopyRow *self);

G_END_DECLS
