/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The lines a support person needs before the check report itself: which
 * version, when, on which system, for which mail program, account type
 * and profile.  Never an e-mail address or a user name. */
#include "config.h"

#include "msa-diagnostic-report.h"

#include <glib/gi18n.h>

#include "msa-discovery-text.h"
#include "msa-report.h"

/* Each kind of profile has a sentence of its own, so that no language has
 * to fit a noun phrase into another sentence. */
static char *
dup_profile_line (MsaWizardState *state)
{
  MsaProfile *profile = msa_wizard_state_get_profile (state);
  g_autofree char *name = msa_report_sanitize (msa_profile_get_display_name (profile));
  const char *file = msa_wizard_state_get_profile_file (state);
  const char *source = msa_wizard_state_get_profile_source (state);

  if (msa_wizard_state_get_builtin_profile (state))
    /* Translators: a line of the diagnostic report; %s is the provider's name */
    return g_strdup_printf (_("Profile: the built-in one of %s"), name);
  if (file != NULL)
    {
      g_autofree char *basename = g_path_get_basename (file);
      g_autofree char *safe = msa_report_sanitize (basename);

      /* Translators: a line of the diagnostic report; the first %s is
       * the provider's name, the second a file name */
      return g_strdup_printf (_("Profile: %s, from the file %s"), name, safe);
    }
  if (source != NULL)
    {
      MsaDiscoverySourceKind kind;
      gboolean known = msa_discovery_source_kind_from_string (source, &kind);

      /* Translators: a line of the diagnostic report; the first %s is
       * the provider's name, the second where it was found, e.g.
       * “Thunderbird’s provider database” */
      return g_strdup_printf (_("Profile: %s, found in: %s"), name,
                              known ? msa_discovery_source_kind_get_label (kind) : source);
    }
  /* Translators: a line of the diagnostic report */
  return g_strdup (_("Profile: servers typed by hand"));
}

/**
 * msa_diagnostic_report_dup_header:
 * @state: the wizard's state
 * @now: the time of the report
 *
 * Returns: (transfer full): the report's first lines, each ending in a
 *   newline, then an empty line
 */
char *
msa_diagnostic_report_dup_header (MsaWizardState *state,
                                  GDateTime      *now)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M:%S UTC");
  g_autofree char *os = g_get_os_info (G_OS_INFO_KEY_PRETTY_NAME);
  g_autofree char *os_safe = msa_report_sanitize (os != NULL ? os : "?");
  g_autofree char *profile = dup_profile_line (state);
  MsaMailClientId client = msa_wizard_state_get_mail_client (state);

  /* Translators: the first line of the diagnostic report; %s is a version number */
  g_string_append_printf (text, _("Mail SSL Assistant %s"), PACKAGE_VERSION);
  g_string_append_c (text, '\n');
  /* Translators: a line of the diagnostic report; %s is a date and time in UTC */
  g_string_append_printf (text, _("Date: %s"), when);
  g_string_append_c (text, '\n');
  /* Translators: a line of the diagnostic report; %s is the operating system's name */
  g_string_append_printf (text, _("System: %s"), os_safe);
  g_string_append_c (text, '\n');
  /* Translators: a line of the diagnostic report; %s is a mail program */
  g_string_append_printf (text, _("Mail program: %s"), msa_mail_client_get_name (client));
  g_string_append_c (text, '\n');
  /* Translators: a line of the diagnostic report; %s is IMAP or POP3 */
  g_string_append_printf (text, _("Account type: %s"),
                          msa_wizard_state_get_incoming_protocol (state) == MSA_PROTOCOL_POP3 ? "POP3" : "IMAP");
  g_string_append_c (text, '\n');
  g_string_append_printf (text, "%s\n\n", profile);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
