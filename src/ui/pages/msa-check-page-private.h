/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-check-page.h"

G_BEGIN_DECLS

/* What the tests read back; the wizard itself does not need these. */
guint          msa_check_page_get_n_cards       (MsaCheckPage *self);
MsaServerCard *msa_check_page_get_card          (MsaCheckPage *self,
                                                 guint         index);
const char    *msa_check_page_get_verdict_title (MsaCheckPage *self);
const char    *msa_check_page_get_description  (MsaCheckPage *self);
GtkWidget     *msa_check_page_get_copy_report_button (MsaCheckPage *self);

G_END_DECLS
