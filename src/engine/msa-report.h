/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "msa-profile-check.h"

G_BEGIN_DECLS

JsonNode *msa_report_to_json_node (MsaProfileCheck *check,
                                   GDateTime       *now);
char     *msa_report_to_json      (MsaProfileCheck *check,
                                   GDateTime       *now);
char     *msa_report_json_to_text (JsonNode        *root);
void      msa_report_add_server_settings (JsonBuilder *builder,
                                          MsaServer   *server);
char     *msa_report_to_text      (MsaProfileCheck *check,
                                   GDateTime       *now);
char     *msa_report_sanitize     (const char      *server_text);

G_END_DECLS
