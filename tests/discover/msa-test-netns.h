/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A network of the test's own: a new network namespace with only
 * loopback, a private mount table whose /etc/resolv.conf names a DNS
 * server on 127.0.0.1, and there a real dnsmasq and a real nginx.  Nothing
 * leaves the namespace; every name is under .test (RFC 6761). */

gboolean  msa_test_netns_enter        (GError     **error);

typedef struct _MsaTestDns MsaTestDns;
MsaTestDns *msa_test_dns_start        (const char  *dir,
                                       const char  *listen_address,
                                       const char  *config,
                                       GError     **error);
void        msa_test_dns_stop         (MsaTestDns  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsaTestDns, msa_test_dns_stop)

typedef struct _MsaTestWeb MsaTestWeb;
MsaTestWeb *msa_test_web_start        (const char  *dir,
                                       const char  *servers,
                                       const char  *wait_address,
                                       guint16      wait_port,
                                       GError     **error);
const char *msa_test_web_get_log      (MsaTestWeb  *self);
void        msa_test_web_stop         (MsaTestWeb  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsaTestWeb, msa_test_web_stop)

gboolean    msa_test_sign_certificate (const char  *ca_dir,
                                       const char  *out_file,
                                       const char * const *dns_names,
                                       int          from_days,
                                       int          to_days,
                                       GError     **error);

G_END_DECLS
