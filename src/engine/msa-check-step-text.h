/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-server-check.h"

G_BEGIN_DECLS

/* The steps of a server check, named once for the server card and the
 * text report's timing line. */
const char *msa_check_step_get_title (MsaCheckStep step);

G_END_DECLS
