/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-certificate.h"

/* tests/engine/data/: a test CA (RSA 2048) and a server certificate it
 * signed (ECDSA P-256), made once with certtool and fixed dates, so the
 * fingerprints below stay true. */
#define LEAF_SHA256 "6A:DE:7F:93:66:C3:0A:23:58:29:B3:ED:AA:56:B3:A4:" \
                    "AC:B3:16:F7:7B:55:45:24:BF:25:69:A3:28:0F:43:14"
#define CA_SHA256   "DB:A8:9F:AB:97:54:96:01:DA:7C:45:A1:8F:15:02:98:" \
                    "A5:EB:86:77:89:0E:75:D0:A6:FC:72:2C:FA:A1:D3:5D"

static char *
load_pem (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "engine", "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *pem = NULL;

  g_file_get_contents (path, &pem, NULL, &error);
  g_assert_no_error (error);
  return pem;
}

static void
test_new_destroy (void)
{
  g_autofree char *pem = load_pem ("test-leaf.pem");
  g_autoptr(GError) error = NULL;
  MsaCertificate *certificate = msa_certificate_new_from_pem (pem, &error);

  g_assert_no_error (error);
  g_assert_nonnull (certificate);
  g_assert_finalize_object (certificate);
}

static void
test_leaf_fields (void)
{
  g_autofree char *pem = load_pem ("test-leaf.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaCertificate) certificate = msa_certificate_new_from_pem (pem, &error);
  g_autofree char *not_before = NULL;
  g_autofree char *not_after = NULL;
  const char * const *names;

  g_assert_no_error (error);
  g_assert_cmpstr (msa_certificate_get_subject (certificate), ==,
                   "CN=mail.example.test,O=Example Mail");
  g_assert_cmpstr (msa_certificate_get_issuer (certificate), ==,
                   "CN=MSA Test CA,O=Mail SSL Assistant tests");

  not_before = g_date_time_format_iso8601 (msa_certificate_get_not_before (certificate));
  not_after = g_date_time_format_iso8601 (msa_certificate_get_not_after (certificate));
  g_assert_cmpstr (not_before, ==, "2026-01-02T03:04:05Z");
  g_assert_cmpstr (not_after, ==, "2027-01-02T03:04:05Z");

  g_assert_cmpstr (msa_certificate_get_sha256 (certificate), ==, LEAF_SHA256);

  /* The IP address entry is no DNS name. */
  names = msa_certificate_get_dns_names (certificate);
  g_assert_cmpuint (g_strv_length ((GStrv) names), ==, 2);
  g_assert_cmpstr (names[0], ==, "mail.example.test");
  g_assert_cmpstr (names[1], ==, "imap.example.test");

  g_assert_cmpstr (msa_certificate_get_key_type (certificate), ==, "ECDSA");
  g_assert_cmpuint (msa_certificate_get_key_bits (certificate), ==, 256);
  g_assert_cmpuint (msa_certificate_get_problems (certificate), ==, MSA_CERTIFICATE_PROBLEM_NONE);
}

static void
test_ca_fields (void)
{
  g_autofree char *pem = load_pem ("test-ca.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaCertificate) certificate = msa_certificate_new_from_pem (pem, &error);
  g_autofree char *subject = NULL;
  guint bits = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (msa_certificate_get_subject (certificate), ==,
                   msa_certificate_get_issuer (certificate));
  g_assert_cmpstr (msa_certificate_get_sha256 (certificate), ==, CA_SHA256);
  g_assert_cmpstr (msa_certificate_get_key_type (certificate), ==, "RSA");
  g_assert_cmpuint (msa_certificate_get_key_bits (certificate), ==, 2048);
  g_assert_cmpuint (g_strv_length ((GStrv) msa_certificate_get_dns_names (certificate)), ==, 0);

  /* The same through the properties a view binds to. */
  g_object_get (certificate, "subject", &subject, "key-bits", &bits, NULL);
  g_assert_cmpstr (subject, ==, "CN=MSA Test CA,O=Mail SSL Assistant tests");
  g_assert_cmpuint (bits, ==, 2048);
}

static void
test_days_left (void)
{
  g_autofree char *pem = load_pem ("test-leaf.pem");
  g_autoptr(MsaCertificate) certificate = msa_certificate_new_from_pem (pem, NULL);
  g_autoptr(GDateTime) month_before = g_date_time_new_utc (2026, 12, 2, 3, 4, 5);
  g_autoptr(GDateTime) hour_before = g_date_time_new_utc (2027, 1, 2, 2, 4, 5);
  g_autoptr(GDateTime) hour_after = g_date_time_new_utc (2027, 1, 2, 4, 4, 5);
  g_autoptr(GDateTime) days_after = g_date_time_new_utc (2027, 1, 12, 3, 4, 5);

  g_assert_cmpint (msa_certificate_get_days_left (certificate, month_before), ==, 31);
  g_assert_cmpint (msa_certificate_get_days_left (certificate, hour_before), ==, 0);
  g_assert_cmpint (msa_certificate_get_days_left (certificate, hour_after), ==, -1);
  g_assert_cmpint (msa_certificate_get_days_left (certificate, days_after), ==, -10);
}

static void
test_from_tls (void)
{
  g_autofree char *pem = load_pem ("test-leaf.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) tls = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_autoptr(MsaCertificate) certificate = NULL;
  g_auto(GStrv) problems = NULL;

  g_assert_no_error (error);
  certificate = msa_certificate_new_from_tls (tls,
                                              G_TLS_CERTIFICATE_UNKNOWN_CA
                                              | G_TLS_CERTIFICATE_BAD_IDENTITY
                                              | G_TLS_CERTIFICATE_EXPIRED,
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpstr (msa_certificate_get_sha256 (certificate), ==, LEAF_SHA256);
  g_assert_cmpstr (msa_certificate_get_subject (certificate), ==,
                   "CN=mail.example.test,O=Example Mail");
  g_assert_cmpuint (msa_certificate_get_problems (certificate), ==,
                    MSA_CERTIFICATE_PROBLEM_UNTRUSTED
                    | MSA_CERTIFICATE_PROBLEM_HOSTNAME_MISMATCH
                    | MSA_CERTIFICATE_PROBLEM_EXPIRED);

  problems = msa_certificate_problems_to_strv (msa_certificate_get_problems (certificate));
  g_assert_cmpuint (g_strv_length (problems), ==, 3);
  g_assert_cmpstr (problems[0], ==, "untrusted");
  g_assert_cmpstr (problems[1], ==, "hostname-mismatch");
  g_assert_cmpstr (problems[2], ==, "expired");
}

static void
test_problems (void)
{
  g_auto(GStrv) none = msa_certificate_problems_to_strv (MSA_CERTIFICATE_PROBLEM_NONE);
  g_auto(GStrv) rest = NULL;

  g_assert_cmpuint (g_strv_length (none), ==, 0);

  g_assert_cmpuint (msa_certificate_problems_from_tls_flags (G_TLS_CERTIFICATE_NOT_ACTIVATED
                                                             | G_TLS_CERTIFICATE_REVOKED
                                                             | G_TLS_CERTIFICATE_INSECURE),
                    ==,
                    MSA_CERTIFICATE_PROBLEM_NOT_YET_VALID
                    | MSA_CERTIFICATE_PROBLEM_REVOKED
                    | MSA_CERTIFICATE_PROBLEM_INSECURE);
  g_assert_cmpuint (msa_certificate_problems_from_tls_flags (G_TLS_CERTIFICATE_GENERIC_ERROR),
                    ==, MSA_CERTIFICATE_PROBLEM_UNTRUSTED);
  g_assert_cmpuint (msa_certificate_problems_from_tls_flags (0), ==, MSA_CERTIFICATE_PROBLEM_NONE);

  rest = msa_certificate_problems_to_strv (MSA_CERTIFICATE_PROBLEM_NOT_YET_VALID
                                           | MSA_CERTIFICATE_PROBLEM_REVOKED
                                           | MSA_CERTIFICATE_PROBLEM_INSECURE);
  g_assert_cmpuint (g_strv_length (rest), ==, 3);
  g_assert_cmpstr (rest[0], ==, "not-yet-valid");
  g_assert_cmpstr (rest[1], ==, "revoked");
  g_assert_cmpstr (rest[2], ==, "insecure");
}

static void
test_bad_pem (void)
{
  g_autoptr(GError) error = NULL;
  MsaCertificate *certificate;

  certificate = msa_certificate_new_from_pem ("-----BEGIN CERTIFICATE-----\nnope\n"
                                              "-----END CERTIFICATE-----\n", &error);
  g_assert_null (certificate);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_MISC);
  g_clear_error (&error);

  certificate = msa_certificate_new_from_pem ("", &error);
  g_assert_null (certificate);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_MISC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certificate/new-destroy", test_new_destroy);
  g_test_add_func ("/certificate/leaf-fields", test_leaf_fields);
  g_test_add_func ("/certificate/ca-fields", test_ca_fields);
  g_test_add_func ("/certificate/days-left", test_days_left);
  g_test_add_func ("/certificate/from-tls", test_from_tls);
  g_test_add_func ("/certificate/problems", test_problems);
  g_test_add_func ("/certificate/bad-pem", test_bad_pem);

  return g_test_run ();
}
