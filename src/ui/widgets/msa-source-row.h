/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msa-discovery-source.h"

G_BEGIN_DECLS

/* One source of a discovery by e-mail address, live: a spinner while it
 * asks, then an icon and what it answered (the reason, when it failed). */
#define MSA_TYPE_SOURCE_ROW (msa_source_row_get_type ())
G_DECLARE_FINAL_TYPE (MsaSourceRow, msa_source_row, MSA, SOURCE_ROW, AdwActionRow)

GtkWidget *msa_source_row_new (MsaDiscoverySource *source);

G_END_DECLS
