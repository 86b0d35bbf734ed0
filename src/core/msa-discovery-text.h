/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "msa-discovery-source.h"

G_BEGIN_DECLS

/* The words for discovery, shared by the wizard and `--discover`: each
 * source's name and each result's. */
const char *msa_discovery_source_kind_get_label (MsaDiscoverySourceKind kind);
const char *msa_discovery_result_get_label      (MsaDiscoveryResult     result);

G_END_DECLS
