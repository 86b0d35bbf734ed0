/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-page.h"

G_BEGIN_DECLS

#define MSA_TYPE_DONE_PAGE (msa_done_page_get_type ())
G_DECLARE_FINAL_TYPE (MsaDonePage, msa_done_page, MSA, DONE_PAGE, MsaPage)

GtkWidget *msa_done_page_new (MsaWizardState *state);

G_END_DECLS
