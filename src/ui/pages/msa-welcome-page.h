/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-page.h"

G_BEGIN_DECLS

#define MSA_TYPE_WELCOME_PAGE (msa_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (MsaWelcomePage, msa_welcome_page, MSA, WELCOME_PAGE, MsaPage)

GtkWidget  *msa_welcome_page_new (MsaWizardState *state);
void        msa_welcome_page_load_file (MsaWelcomePage *self,
                                        GFile          *file);

G_END_DECLS
