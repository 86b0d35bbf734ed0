/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-page.h"

G_BEGIN_DECLS

#define MSA_TYPE_ACCOUNT_TYPE_PAGE (msa_account_type_page_get_type ())
G_DECLARE_FINAL_TYPE (MsaAccountTypePage, msa_account_type_page, MSA, ACCOUNT_TYPE_PAGE, MsaPage)

GtkWidget *msa_account_type_page_new (MsaWizardState *state);

G_END_DECLS
