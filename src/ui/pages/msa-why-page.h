/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-page.h"

G_BEGIN_DECLS

#define MSA_TYPE_WHY_PAGE (msa_why_page_get_type ())
G_DECLARE_FINAL_TYPE (MsaWhyPage, msa_why_page, MSA, WHY_PAGE, MsaPage)

GtkWidget *msa_why_page_new (MsaWizardState *state);

G_END_DECLS
