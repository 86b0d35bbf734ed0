/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-autoconfig.h"

G_BEGIN_DECLS

/* Sets a #MsaProfileError whose message names @file_name and, when
 * @line > 0, the line: "“name”, line 3: the sentence". */
void msa_autoconfig_set_error (GError          **error,
                               MsaProfileError   code,
                               const char       *file_name,
                               int               line,
                               const char       *format,
                               ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
