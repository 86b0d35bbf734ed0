/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msa-discovery-source.h"
#include "msa-profile.h"

G_BEGIN_DECLS

/* Thunderbird's public provider database; the domain is appended. */
#define MSA_DISCOVERY_DEFAULT_ISPDB_URL "https://autoconfig.thunderbird.net/v1.1/"
/* The longest an HTTP or DNS source may take, in seconds. */
#define MSA_DISCOVERY_LOOKUP_TIMEOUT 5

#define MSA_TYPE_DISCOVERY (msa_discovery_get_type ())
G_DECLARE_FINAL_TYPE (MsaDiscovery, msa_discovery, MSA, DISCOVERY, GObject)

char               *msa_discovery_domain_from_address   (const char          *address,
                                                         GError             **error);

MsaDiscovery       *msa_discovery_new                   (const char          *address,
                                                         GTlsDatabase        *database,
                                                         guint                timeout_seconds);
void                msa_discovery_set_ispdb_url         (MsaDiscovery        *self,
                                                         const char          *url);
const char         *msa_discovery_get_ispdb_url         (MsaDiscovery        *self);
const char         *msa_discovery_get_address           (MsaDiscovery        *self);
const char         *msa_discovery_get_domain            (MsaDiscovery        *self);
GListModel         *msa_discovery_get_sources           (MsaDiscovery        *self);
MsaDiscoverySource *msa_discovery_get_source            (MsaDiscovery        *self,
                                                         MsaDiscoverySourceKind kind);

void                msa_discovery_run_async             (MsaDiscovery        *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
MsaProfile         *msa_discovery_run_finish            (MsaDiscovery        *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

MsaDiscoverySource *msa_discovery_get_chosen            (MsaDiscovery        *self);
MsaProfile         *msa_discovery_get_profile           (MsaDiscovery        *self);
gboolean            msa_discovery_get_needs_confirmation (MsaDiscovery       *self);
char               *msa_discovery_get_servers_domain    (MsaDiscovery        *self);
char               *msa_discovery_to_json               (MsaDiscovery        *self);

G_END_DECLS
