/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "msa-check-error.h"

/* The codes are the --json contract: scripts match on exactly these. */
static const char * const expected_codes[] = {
  "resolve-failed",
  "connection-refused",
  "network-unreachable",
  "timeout",
  "tls-failed",
  "certificate-untrusted",
  "certificate-hostname-mismatch",
  "certificate-expired",
  "certificate-not-yet-valid",
  "starttls-unsupported",
  "protocol-error",
  "tls-outdated",
  "certificate-insecure",
  "starttls-failed",
  "local-error",
  "cancelled",
};

static void
test_codes_exact (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (expected_codes), ==, MSA_CHECK_ERROR_CANCELLED + 1);

  for (guint i = 0; i < G_N_ELEMENTS (expected_codes); i++)
    g_assert_cmpstr (msa_check_error_to_code (i), ==, expected_codes[i]);
}

static void
test_codes_round_trip (void)
{
  for (MsaCheckError e = 0; e <= MSA_CHECK_ERROR_CANCELLED; e++)
    {
      MsaCheckError back = MSA_CHECK_ERROR_CANCELLED - e;

      g_assert_true (msa_check_error_from_code (msa_check_error_to_code (e), &back));
      g_assert_cmpint (back, ==, e);
    }

  g_assert_false (msa_check_error_from_code ("", NULL));
  g_assert_false (msa_check_error_from_code ("expired", NULL));
  g_assert_false (msa_check_error_from_code ("Timeout", NULL));
  g_assert_true (msa_check_error_from_code ("timeout", NULL));
}

static void
test_texts (void)
{
  g_autoptr(GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) advices = g_hash_table_new (g_str_hash, g_str_equal);

  for (MsaCheckError e = 0; e <= MSA_CHECK_ERROR_CANCELLED; e++)
    {
      const char *title = msa_check_error_get_title (e);
      const char *advice = msa_check_error_get_advice (e);

      g_assert_nonnull (title);
      g_assert_nonnull (advice);
      g_assert_cmpuint (strlen (title), >, 3);
      /* A sentence that says what to do, not a bare phrase. */
      g_assert_cmpuint (strlen (advice), >, strlen (title));
      g_assert_true (g_str_has_suffix (advice, "."));
      /* Each cause has its own words. */
      g_assert_true (g_hash_table_add (titles, (gpointer) title));
      g_assert_true (g_hash_table_add (advices, (gpointer) advice));
    }
}

static void
test_quark (void)
{
  g_autoptr(GError) error = g_error_new_literal (MSA_CHECK_ERROR,
                                                 MSA_CHECK_ERROR_TIMEOUT, "x");

  g_assert_true (g_error_matches (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_TIMEOUT));
  g_assert_cmpstr (g_quark_to_string (MSA_CHECK_ERROR), ==, "msa-check-error-quark");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/check-error/codes-exact", test_codes_exact);
  g_test_add_func ("/check-error/codes-round-trip", test_codes_round_trip);
  g_test_add_func ("/check-error/texts", test_texts);
  g_test_add_func ("/check-error/quark", test_quark);

  return g_test_run ();
}
