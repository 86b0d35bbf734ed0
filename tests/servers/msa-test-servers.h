/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MsaTestService:
 * @MSA_TEST_SERVICE_IMAPS: Dovecot, IMAP over implicit TLS (like 993)
 * @MSA_TEST_SERVICE_POP3S: Dovecot, POP3 over implicit TLS (like 995)
 * @MSA_TEST_SERVICE_IMAP_STARTTLS: Dovecot, IMAP with STARTTLS (like 143)
 * @MSA_TEST_SERVICE_POP3_STARTTLS: Dovecot, POP3 with STLS (like 110)
 * @MSA_TEST_SERVICE_SMTPS: Postfix, submission over implicit TLS (like 465)
 * @MSA_TEST_SERVICE_SUBMISSION_STARTTLS: Postfix, submission with STARTTLS (like 587)
 * @MSA_TEST_SERVICE_IMAPS_UNTRUSTED: Dovecot IMAPS whose certificate comes
 *   from a second CA that is not in the test CA file (%G_TLS_CERTIFICATE_UNKNOWN_CA)
 * @MSA_TEST_SERVICE_IMAPS_WRONG_HOST: Dovecot IMAPS whose certificate, from
 *   the test CA, names only `wrong-host.invalid` (%G_TLS_CERTIFICATE_BAD_IDENTITY)
 * @MSA_TEST_SERVICE_IMAPS_EXPIRED: Dovecot IMAPS with an expired certificate
 *   from the test CA (%G_TLS_CERTIFICATE_EXPIRED)
 * @MSA_TEST_SERVICE_IMAPS_NOT_YET_VALID: Dovecot IMAPS with a certificate
 *   from the test CA that becomes valid in a year (%G_TLS_CERTIFICATE_NOT_ACTIVATED)
 *
 * The servers of the fixture.  Every one listens on 127.0.0.1 and ::1 on
 * the same port and is reached as "localhost"; each bad-certificate server
 * has exactly one thing wrong, so its verification flags are exactly the
 * one flag named above.
 */
typedef enum
{
  MSA_TEST_SERVICE_IMAPS,
  MSA_TEST_SERVICE_POP3S,
  MSA_TEST_SERVICE_IMAP_STARTTLS,
  MSA_TEST_SERVICE_POP3_STARTTLS,
  MSA_TEST_SERVICE_SMTPS,
  MSA_TEST_SERVICE_SUBMISSION_STARTTLS,
  MSA_TEST_SERVICE_IMAPS_UNTRUSTED,
  MSA_TEST_SERVICE_IMAPS_WRONG_HOST,
  MSA_TEST_SERVICE_IMAPS_EXPIRED,
  MSA_TEST_SERVICE_IMAPS_NOT_YET_VALID,
} MsaTestService;

#define MSA_TEST_N_SERVICES (MSA_TEST_SERVICE_IMAPS_NOT_YET_VALID + 1)

/* The six well-configured services, in enum order. */
#define MSA_TEST_N_GOOD_SERVICES (MSA_TEST_SERVICE_SUBMISSION_STARTTLS + 1)

typedef struct _MsaTestServers MsaTestServers;

const char           *msa_test_service_to_string           (MsaTestService   service);
gboolean              msa_test_service_from_string         (const char      *name,
                                                            MsaTestService  *service);
const char           *msa_test_service_get_protocol        (MsaTestService   service);
const char           *msa_test_service_get_socket_type     (MsaTestService   service);
GTlsCertificateFlags  msa_test_service_get_expected_flags  (MsaTestService   service);

gboolean              msa_test_make_certificates           (const char      *dir,
                                                            GError         **error);

MsaTestServers       *msa_test_servers_start               (GError         **error);
void                  msa_test_servers_stop                (MsaTestServers  *self);

const char           *msa_test_servers_get_dir             (MsaTestServers  *self);
const char           *msa_test_servers_get_ca_file         (MsaTestServers  *self);
const char           *msa_test_servers_get_cert_file       (MsaTestServers  *self);
const char           *msa_test_servers_get_key_file        (MsaTestServers  *self);
const char           *msa_test_servers_get_host            (MsaTestServers  *self,
                                                            MsaTestService   service);
guint16               msa_test_servers_get_port            (MsaTestServers  *self,
                                                            MsaTestService   service);
char                 *msa_test_servers_write_profile       (MsaTestServers  *self,
                                                            const char *const *services,
                                                            GError         **error);
guint16               msa_test_servers_start_gnutls        (MsaTestServers  *self,
                                                            const char      *cert_name,
                                                            const char      *priority,
                                                            GError         **error);
GArray               *msa_test_servers_list_pids           (MsaTestServers  *self);
char                 *msa_test_servers_get_log_tail        (MsaTestServers  *self);
guint                 msa_test_servers_get_n_restarts      (MsaTestServers  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsaTestServers, msa_test_servers_stop)

G_END_DECLS
