/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-server-card.h"

G_BEGIN_DECLS

/* What the tests read back; the wizard itself does not need these. */
const char     *msa_server_card_get_verdict_title (MsaServerCard  *self);
const char     *msa_server_card_get_verdict_text  (MsaServerCard  *self);
MsaStepState    msa_server_card_get_shown_step    (MsaServerCard  *self,
                                                   MsaCheckStep    step);
gboolean        msa_server_card_get_details_expanded (MsaServerCard *self);

G_END_DECLS
