/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-fuzz.h"

#include "msa-certificate.h"
#include "msa-certificate-text.h"

/* The certificate details, from the DER bytes a server sends: every
 * field that the report and the wizard show. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MsaCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *validity = NULL;
  g_autofree char *problems = NULL;
  /* A fixed day: the same input always takes the same path. */
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 1, 12, 0, 0);

  certificate = msa_certificate_new_from_der (data, size, &error);
  if (certificate == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  g_assert (g_utf8_validate (msa_certificate_get_subject (certificate), -1, NULL));
  g_assert (g_utf8_validate (msa_certificate_get_issuer (certificate), -1, NULL));
  (void) msa_certificate_get_sha256 (certificate);
  (void) msa_certificate_get_dns_names (certificate);
  (void) msa_certificate_get_key_type (certificate);
  (void) msa_certificate_get_key_bits (certificate);
  validity = msa_certificate_dup_validity (certificate, now);
  problems = msa_certificate_problems_dup_texts (msa_certificate_get_problems (certificate), TRUE, ", ");
  (void) msa_certificate_get_days_left (certificate, now);
  return 0;
}
