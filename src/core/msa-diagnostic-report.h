/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-wizard-state.h"

G_BEGIN_DECLS

char *msa_diagnostic_report_dup_header (MsaWizardState *state,
                                        GDateTime      *now);

G_END_DECLS
