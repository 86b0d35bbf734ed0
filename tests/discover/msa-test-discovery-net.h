/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msa-discovery-private.h"
#include "msa-test-netns.h"
#include "msa-test-servers.h"

G_BEGIN_DECLS

/* The test domains of discovery (what each publishes is described in
 * msa-test-discovery-net.c): the real Dovecot/Postfix fixture, dnsmasq
 * on 127.0.0.1 and nginx on 127.0.0.1:443, inside the namespace that
 * msa_test_netns_enter() made. */
#define MSA_TEST_DISCOVERY_ISPDB_URL "https://ispdb.test/v1.1/"

gboolean        msa_test_discovery_net_start        (GError      **error);
gboolean        msa_test_discovery_net_start_at     (const char   *dns_address,
                                                     const char   *web_address,
                                                     GError      **error);
void            msa_test_discovery_net_stop         (void);
MsaTestServers *msa_test_discovery_net_get_servers  (void);
MsaTestWeb     *msa_test_discovery_net_get_web      (void);
GTlsDatabase   *msa_test_discovery_net_get_database (void);
const char     *msa_test_discovery_net_get_dir      (void);
void            msa_test_discovery_net_prepare      (MsaDiscovery *discovery);

G_END_DECLS
