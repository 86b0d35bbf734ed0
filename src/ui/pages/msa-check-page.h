/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-page.h"
#include "widgets/msa-server-card.h"

G_BEGIN_DECLS

#define MSA_TYPE_CHECK_PAGE (msa_check_page_get_type ())
G_DECLARE_FINAL_TYPE (MsaCheckPage, msa_check_page, MSA, CHECK_PAGE, MsaPage)

GtkWidget     *msa_check_page_new (MsaWizardState *state);
void           msa_check_page_start             (MsaCheckPage *self);
void           msa_check_page_cancel            (MsaCheckPage *self);
gboolean       msa_check_page_get_running       (MsaCheckPage *self);
void           msa_check_page_copy_report       (MsaCheckPage *self);

G_END_DECLS
