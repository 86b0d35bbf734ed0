/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What is wrong with a certificate; the nicks are the words of the
 * "problems" list in --json (untrusted, hostname-mismatch, …). */
typedef enum /*< flags >*/
{
  MSA_CERTIFICATE_PROBLEM_NONE              = 0,
  MSA_CERTIFICATE_PROBLEM_UNTRUSTED         = 1 << 0,
  MSA_CERTIFICATE_PROBLEM_HOSTNAME_MISMATCH = 1 << 1,
  MSA_CERTIFICATE_PROBLEM_EXPIRED           = 1 << 2,
  MSA_CERTIFICATE_PROBLEM_NOT_YET_VALID     = 1 << 3,
  MSA_CERTIFICATE_PROBLEM_REVOKED           = 1 << 4,
  MSA_CERTIFICATE_PROBLEM_INSECURE          = 1 << 5,
} MsaCertificateProblems;

#define MSA_TYPE_CERTIFICATE (msa_certificate_get_type ())
G_DECLARE_FINAL_TYPE (MsaCertificate, msa_certificate, MSA, CERTIFICATE, GObject)

MsaCertificate         *msa_certificate_new_from_tls    (GTlsCertificate        *certificate,
                                                         GTlsCertificateFlags    flags,
                                                         GError                **error);
MsaCertificate         *msa_certificate_new_from_pem    (const char             *pem,
                                                         GError                **error);
MsaCertificate         *msa_certificate_new_from_der    (const guint8           *der,
                                                         gsize                   length,
                                                         GError                **error);
const char             *msa_certificate_get_subject     (MsaCertificate         *self);
const char             *msa_certificate_get_issuer      (MsaCertificate         *self);
GDateTime              *msa_certificate_get_not_before  (MsaCertificate         *self);
GDateTime              *msa_certificate_get_not_after   (MsaCertificate         *self);
int                     msa_certificate_get_days_left   (MsaCertificate         *self,
                                                         GDateTime              *now);
const char             *msa_certificate_get_sha256      (MsaCertificate         *self);
const char * const     *msa_certificate_get_dns_names   (MsaCertificate         *self);
const char             *msa_certificate_get_key_type    (MsaCertificate         *self);
guint                   msa_certificate_get_key_bits    (MsaCertificate         *self);
MsaCertificateProblems  msa_certificate_get_problems    (MsaCertificate         *self);
char                  **msa_certificate_problems_to_strv (MsaCertificateProblems problems);
MsaCertificateProblems  msa_certificate_problems_from_tls_flags (GTlsCertificateFlags flags);

G_END_DECLS
