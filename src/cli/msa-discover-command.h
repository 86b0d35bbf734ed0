/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "msa-discovery.h"

G_BEGIN_DECLS

int       msa_discover_command_run          (int           argc,
                                             char        **argv);
gboolean  msa_discover_command_check_url    (const char   *url,
                                             GError      **error);
char     *msa_discover_command_to_text      (MsaDiscovery *discovery);

G_END_DECLS
