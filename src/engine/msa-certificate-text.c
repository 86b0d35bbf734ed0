/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-certificate-text.h"

#include <glib/gi18n.h>

/* One phrase a problem, as it fits in a list after “Certificate:”. */
static const struct
{
  MsaCertificateProblems  problem;
  const char             *text;
} problem_texts[] = {
  { MSA_CERTIFICATE_PROBLEM_UNTRUSTED,
    N_("untrusted certificate (no trusted authority vouches for it)") },
  { MSA_CERTIFICATE_PROBLEM_HOSTNAME_MISMATCH, N_("issued for a different server name") },
  { MSA_CERTIFICATE_PROBLEM_EXPIRED, N_("expired") },
  { MSA_CERTIFICATE_PROBLEM_NOT_YET_VALID, N_("not valid yet") },
  { MSA_CERTIFICATE_PROBLEM_REVOKED, N_("revoked by its issuer") },
  { MSA_CERTIFICATE_PROBLEM_INSECURE, N_("uses an insecure algorithm") },
};

/**
 * msa_certificate_problem_get_text:
 * @problem: one problem (a single flag)
 *
 * Returns: (transfer none) (nullable): the problem in words, in the UI
 *   language, starting in lower case
 */
const char *
msa_certificate_problem_get_text (MsaCertificateProblems problem)
{
  for (guint i = 0; i < G_N_ELEMENTS (problem_texts); i++)
    if (problem_texts[i].problem == problem)
      return _(problem_texts[i].text);
  return NULL;
}

/**
 * msa_certificate_problems_dup_texts:
 * @problems: the problems
 * @capitalize: whether each text starts with a capital (one a line)
 * @separator: put between the texts
 *
 * Returns: (transfer full) (nullable): the problems in the table's
 *   order, or %NULL for none
 */
char *
msa_certificate_problems_dup_texts (MsaCertificateProblems  problems,
                                    gboolean                capitalize,
                                    const char             *separator)
{
  GString *out;

  g_return_val_if_fail (separator != NULL, NULL);

  if (problems == MSA_CERTIFICATE_PROBLEM_NONE)
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (problem_texts); i++)
    {
      const char *text;

      if ((problems & problem_texts[i].problem) == 0)
        continue;

      text = _(problem_texts[i].text);
      if (out->len > 0)
        g_string_append (out, separator);
      if (capitalize)
        {
          g_string_append_unichar (out, g_unichar_totitle (g_utf8_get_char (text)));
          g_string_append (out, g_utf8_next_char (text));
        }
      else
        g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

/**
 * msa_certificate_format_date:
 * @date: (nullable): a date
 *
 * Returns: (transfer full) (nullable): @date in local time, as the UI
 *   language writes dates
 */
char *
msa_certificate_format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return NULL;

  local = g_date_time_to_local (date);
  /* Translators: a strftime() format for a certificate's dates; German
   * would be "%d.%m.%Y" */
  return g_date_time_format (local, C_("certificate date", "%Y-%m-%d"));
}

/**
 * msa_certificate_dup_validity:
 * @certificate: a certificate
 * @now: the time to measure from
 *
 * Returns: (transfer full) (nullable): "first date to last date (42 days
 *   left)", "… (starts in 3 days)" or "… (expired 2 days ago)"; %NULL
 *   when the certificate has no dates
 */
char *
msa_certificate_dup_validity (MsaCertificate *certificate,
                              GDateTime      *now)
{
  GDateTime *not_before;
  GDateTime *not_after;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *left = NULL;
  int days;

  g_return_val_if_fail (MSA_IS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  not_before = msa_certificate_get_not_before (certificate);
  not_after = msa_certificate_get_not_after (certificate);
  if (not_before == NULL || not_after == NULL)
    return NULL;

  from = msa_certificate_format_date (not_before);
  until = msa_certificate_format_date (not_after);
  days = msa_certificate_get_days_left (certificate, now);

  if (g_date_time_compare (now, not_before) < 0)
    {
      int until_valid = (int) ((g_date_time_difference (not_before, now) + G_TIME_SPAN_DAY - 1)
                               / G_TIME_SPAN_DAY);

      /* Translators: when a certificate that is not valid yet becomes
       * valid */
      left = g_strdup_printf (dngettext (GETTEXT_PACKAGE,
                                           "starts in %d day", "starts in %d days",
                                           until_valid),
                              until_valid);
    }
  else if (days >= 0)
    /* Translators: how long a certificate is still valid */
    left = g_strdup_printf (dngettext (GETTEXT_PACKAGE,
                                         "%d day left", "%d days left", days),
                            days);
  else
    /* Translators: how long ago a certificate expired */
    left = g_strdup_printf (dngettext (GETTEXT_PACKAGE,
                                         "expired %d day ago", "expired %d days ago", -days),
                            -days);

  /* Translators: a certificate's validity: first date, last date, then
   * "42 days left" */
  return g_strdup_printf (_("%s to %s (%s)"), from, until, left);
}
