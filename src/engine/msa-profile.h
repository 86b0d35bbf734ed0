/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msa-server.h"

G_BEGIN_DECLS

/* Where the built-in domainFACTORY profile lives in the engine's own
 * GResource (data/providers/df.eu.xml). */
#define MSA_PROFILE_BUILTIN_RESOURCE "/io/github/mailssl/Assistant/providers/df.eu.xml"

#define MSA_TYPE_PROFILE (msa_profile_get_type ())
G_DECLARE_FINAL_TYPE (MsaProfile, msa_profile, MSA, PROFILE, GObject)

MsaProfile  *msa_profile_new                (const char   *domain,
                                             const char   *display_name);
MsaProfile  *msa_profile_new_builtin        (void);
const char  *msa_profile_get_id             (MsaProfile   *self);
const char  *msa_profile_get_domain         (MsaProfile   *self);
const char * const *
             msa_profile_get_domains        (MsaProfile   *self);
void         msa_profile_add_domain         (MsaProfile   *self,
                                             const char   *domain);
gboolean     msa_profile_has_domain         (MsaProfile   *self,
                                             const char   *domain);
gboolean     msa_host_is_under              (const char   *host,
                                             const char   *domain);
gboolean     msa_profile_owns_host          (MsaProfile   *self,
                                             const char   *host);
const char  *msa_profile_get_display_name   (MsaProfile   *self);
GListModel  *msa_profile_get_servers        (MsaProfile   *self);
void         msa_profile_add_server         (MsaProfile   *self,
                                             MsaServer    *server);
MsaServer   *msa_profile_find_server        (MsaProfile   *self,
                                             MsaProtocol   protocol,
                                             MsaSecurity   security);
const char  *msa_profile_get_documentation_url (MsaProfile *self);
const char  *msa_profile_get_webmail_url    (MsaProfile   *self);
const char * const *
             msa_profile_get_notes          (MsaProfile   *self);
gboolean     msa_profile_equal              (MsaProfile   *a,
                                             MsaProfile   *b);

G_END_DECLS
