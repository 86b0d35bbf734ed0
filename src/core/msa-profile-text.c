/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a profile lacks, said once in words the welcome page, the
 * account-type page and the check page share. */
#include "config.h"

#include "msa-profile-text.h"

#include <glib/gi18n.h>

/**
 * msa_profile_has_encrypted:
 * @profile: a profile
 * @protocol: a protocol
 *
 * Returns: whether @profile has an SSL/TLS or STARTTLS server of @protocol
 */
gboolean
msa_profile_has_encrypted (MsaProfile  *profile,
                           MsaProtocol  protocol)
{
  return msa_profile_find_server (profile, protocol, MSA_SECURITY_SSL) != NULL
         || msa_profile_find_server (profile, protocol, MSA_SECURITY_STARTTLS) != NULL;
}

/**
 * msa_profile_dup_missing_text:
 * @profile: a profile
 *
 * Returns: (transfer full) (nullable): a sentence saying which encrypted
 *   server the profile does not name, or %NULL when it has both kinds
 */
char *
msa_profile_dup_missing_text (MsaProfile *profile)
{
  gboolean incoming = msa_profile_has_encrypted (profile, MSA_PROTOCOL_IMAP)
                      || msa_profile_has_encrypted (profile, MSA_PROTOCOL_POP3);
  gboolean outgoing = msa_profile_has_encrypted (profile, MSA_PROTOCOL_SMTP);

  if (incoming && outgoing)
    return NULL;
  if (outgoing)
    return g_strdup (_("These settings name no encrypted incoming server (IMAP or POP3): the assistant "
                       "can help only with the outgoing server."));
  if (incoming)
    return g_strdup (_("These settings name no encrypted outgoing server (SMTP): the assistant can "
                       "help only with the incoming server."));
  return g_strdup (_("These settings name no encrypted server at all."));
}
