/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-window.h"

G_BEGIN_DECLS

/* What the tests read back; the wizard itself does not need these. */
guint           msa_window_get_n_pages      (MsaWindow      *self);
MsaPage        *msa_window_get_page         (MsaWindow      *self,
                                             guint           index);
MsaPage        *msa_window_get_current_page (MsaWindow      *self);
const char     *msa_window_get_page_name    (MsaWindow      *self,
                                             guint           index);
gboolean        msa_window_get_narrow       (MsaWindow      *self);

G_END_DECLS
