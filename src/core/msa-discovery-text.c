/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-discovery-text.h"

#include <glib/gi18n.h>

/**
 * msa_discovery_source_kind_get_label:
 * @kind: a source of discovery
 *
 * Returns: (transfer none): its name, translated
 */
const char *
msa_discovery_source_kind_get_label (MsaDiscoverySourceKind kind)
{
  switch (kind)
    {
    case MSA_DISCOVERY_SOURCE_BUILTIN:
      return _("Built-in providers");
    case MSA_DISCOVERY_SOURCE_AUTOCONFIG:
      return _("The provider’s settings file");
    case MSA_DISCOVERY_SOURCE_WELL_KNOWN:
      return _("The domain’s settings file");
    case MSA_DISCOVERY_SOURCE_ISPDB:
      return _("Thunderbird’s provider database");
    case MSA_DISCOVERY_SOURCE_MX:
      return _("The domain’s mail exchanger (MX)");
    case MSA_DISCOVERY_SOURCE_SRV:
      return _("The domain’s service records (SRV)");
    case MSA_DISCOVERY_SOURCE_GUESS:
      return _("Usual server names, tried");
    case MSA_DISCOVERY_N_SOURCES:
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * msa_discovery_result_get_label:
 * @result: what a source answered
 *
 * Returns: (transfer none): a short description, translated
 */
const char *
msa_discovery_result_get_label (MsaDiscoveryResult result)
{
  switch (result)
    {
    case MSA_DISCOVERY_RESULT_PENDING:
      return _("Waiting");
    case MSA_DISCOVERY_RESULT_RUNNING:
      return _("Asking…");
    case MSA_DISCOVERY_RESULT_FOUND:
      return _("Encrypted servers found");
    case MSA_DISCOVERY_RESULT_NOT_FOUND:
      return _("Nothing found");
    case MSA_DISCOVERY_RESULT_UNENCRYPTED:
      return _("Only unencrypted servers");
    case MSA_DISCOVERY_RESULT_ERROR:
      return _("Failed");
    case MSA_DISCOVERY_RESULT_SKIPPED:
      return _("Not needed");
    default:
      g_return_val_if_reached ("");
    }
}
