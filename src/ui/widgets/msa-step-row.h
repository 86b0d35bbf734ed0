/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "msa-server-check.h"

G_BEGIN_DECLS

/* One step of a server card: its title, an icon for its state (a
 * spinner while it runs) and the time it took. */
#define MSA_TYPE_STEP_ROW (msa_step_row_get_type ())
G_DECLARE_FINAL_TYPE (MsaStepRow, msa_step_row, MSA, STEP_ROW, GtkListBoxRow)

GtkWidget *msa_step_row_new        (MsaCheckStep  step);
void       msa_step_row_set_state  (MsaStepRow   *self,
                                    MsaStepState  state,
                                    double        ms);

G_END_DECLS
