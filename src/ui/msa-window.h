/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msa-page.h"
#include "msa-wizard-state.h"

G_BEGIN_DECLS

#define MSA_TYPE_WINDOW (msa_window_get_type ())
G_DECLARE_FINAL_TYPE (MsaWindow, msa_window, MSA, WINDOW, AdwApplicationWindow)

MsaWindow      *msa_window_new              (GtkApplication *application,
                                             MsaWizardState *state);
MsaWizardState *msa_window_get_state        (MsaWindow      *self);
guint           msa_window_get_page_index   (MsaWindow      *self);
void            msa_window_set_page_index   (MsaWindow      *self,
                                             guint           index);
GCancellable   *msa_window_get_cancellable  (MsaWindow      *self);

G_END_DECLS
