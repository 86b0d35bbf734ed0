/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MSA_TYPE_TEXT_BLOCK (msa_text_block_get_type ())
G_DECLARE_FINAL_TYPE (MsaTextBlock, msa_text_block, MSA, TEXT_BLOCK, GtkWidget)

GtkWidget *msa_text_block_new         (int           spacing);
void       msa_text_block_append      (MsaTextBlock *self,
                                       GtkWidget    *child);
int        msa_text_block_get_spacing (MsaTextBlock *self);
void       msa_text_block_set_spacing (MsaTextBlock *self,
                                       int           spacing);

G_END_DECLS
