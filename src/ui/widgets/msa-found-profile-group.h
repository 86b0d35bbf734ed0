/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msa-profile.h"

G_BEGIN_DECLS

/* What a discovery found: the provider, where it came from, a row a
 * server, and the user's confirmation when unauthenticated DNS chose
 * servers under another domain. */
#define MSA_TYPE_FOUND_PROFILE_GROUP (msa_found_profile_group_get_type ())
G_DECLARE_FINAL_TYPE (MsaFoundProfileGroup, msa_found_profile_group, MSA, FOUND_PROFILE_GROUP, AdwPreferencesGroup)

void     msa_found_profile_group_show           (MsaFoundProfileGroup *self,
                                                 MsaProfile           *profile,
                                                 const char           *source_label,
                                                 const char           *address_domain,
                                                 const char           *servers_domain);
void     msa_found_profile_group_clear          (MsaFoundProfileGroup *self);
gboolean msa_found_profile_group_get_confirmed  (MsaFoundProfileGroup *self);
gboolean msa_found_profile_group_confirm        (MsaFoundProfileGroup *self);

G_END_DECLS
