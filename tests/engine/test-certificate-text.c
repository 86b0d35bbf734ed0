/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one wording of a certificate's problems, dates and validity, shared
 * by the server card and the text report. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "msa-certificate-text.h"

static MsaCertificate *
load_leaf (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "engine", "data",
                                                 "test-leaf.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) tls = g_tls_certificate_new_from_file (path, &error);
  MsaCertificate *certificate;

  g_assert_no_error (error);
  certificate = msa_certificate_new_from_tls (tls, 0, &error);
  g_assert_no_error (error);
  return certificate;
}

static void
test_problems (void)
{
  g_autofree char *none = msa_certificate_problems_dup_texts (MSA_CERTIFICATE_PROBLEM_NONE,
                                                              FALSE, "; ");
  g_autofree char *two = msa_certificate_problems_dup_texts (MSA_CERTIFICATE_PROBLEM_EXPIRED |
                                                             MSA_CERTIFICATE_PROBLEM_UNTRUSTED,
                                                             FALSE, "; ");
  g_autofree char *lines = msa_certificate_problems_dup_texts (MSA_CERTIFICATE_PROBLEM_EXPIRED |
                                                               MSA_CERTIFICATE_PROBLEM_INSECURE,
                                                               TRUE, "\n");

  g_assert_null (none);
  /* In the table's order, whatever the bits' order. */
  g_assert_cmpstr (two, ==, "untrusted certificate (no trusted authority vouches for it); expired");
  g_assert_cmpstr (lines, ==, "Expired\nUses an insecure algorithm");

  /* Every flag has its words. */
  for (guint bit = MSA_CERTIFICATE_PROBLEM_UNTRUSTED; bit <= MSA_CERTIFICATE_PROBLEM_INSECURE;
       bit <<= 1)
    g_assert_nonnull (msa_certificate_problem_get_text (bit));
  g_assert_null (msa_certificate_problem_get_text (MSA_CERTIFICATE_PROBLEM_NONE));
}

static void
test_validity (void)
{
  g_autoptr(MsaCertificate) leaf = load_leaf ();
  /* The leaf is valid from 2026-01-02 03:04:05 to 2027-01-02 03:04:05 UTC. */
  g_autoptr(GDateTime) before = g_date_time_new_utc (2025, 12, 30, 12, 0, 0);
  g_autoptr(GDateTime) during = g_date_time_new_utc (2026, 12, 1, 3, 4, 5);
  g_autoptr(GDateTime) after = g_date_time_new_utc (2027, 1, 4, 3, 4, 5);
  g_autofree char *starts = msa_certificate_dup_validity (leaf, before);
  g_autofree char *left = msa_certificate_dup_validity (leaf, during);
  g_autofree char *expired = msa_certificate_dup_validity (leaf, after);
  g_autofree char *date = msa_certificate_format_date (msa_certificate_get_not_after (leaf));

  g_assert_cmpstr (date, ==, "2027-01-02");
  g_assert_true (g_str_has_prefix (starts, "2026-01-02 to 2027-01-02 ("));
  g_assert_nonnull (strstr (starts, "starts in 3 days"));
  g_assert_nonnull (strstr (left, "32 days left"));
  g_assert_nonnull (strstr (expired, "expired 2 days ago"));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  /* Dates in UTC, so that the local day is the certificate's. */
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/certificate-text/problems", test_problems);
  g_test_add_func ("/certificate-text/validity", test_validity);

  return g_test_run ();
}
