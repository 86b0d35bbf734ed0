/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-profile.h"

G_BEGIN_DECLS

/* For the autoconfig reader and writer: the values as the file has
 * them, without the fallbacks the public getters apply. */
const char *msa_profile_get_own_id            (MsaProfile *self);
void        msa_profile_set_id                (MsaProfile *self,
                                               const char *id);
const char *msa_profile_get_own_display_name  (MsaProfile *self);
void        msa_profile_set_display_name      (MsaProfile *self,
                                               const char *display_name);
void        msa_profile_set_documentation_url (MsaProfile *self,
                                               const char *url);
void        msa_profile_set_webmail_url       (MsaProfile *self,
                                               const char *url);
void        msa_profile_add_note              (MsaProfile *self,
                                               const char *note);

G_END_DECLS
