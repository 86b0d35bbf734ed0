/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-profile.h"

G_BEGIN_DECLS

gboolean  msa_profile_has_encrypted          (MsaProfile  *profile,
                                              MsaProtocol  protocol);
char     *msa_profile_dup_missing_text       (MsaProfile  *profile);

G_END_DECLS
