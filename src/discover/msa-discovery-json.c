/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A finished discovery as the JSON object of `--discover --json`
 * (README.md): the chosen source and servers, and every source's
 * answer. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "msa-report.h"

#include "msa-discovery-private.h"

static void
add_servers (JsonBuilder *builder,
             MsaProfile  *profile,
             gboolean     incoming)
{
  GListModel *servers = msa_profile_get_servers (profile);
  guint n = g_list_model_get_n_items (servers);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServer) server = g_list_model_get_item (servers, i);

      if (msa_server_is_incoming (server) != incoming)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "protocol");
      json_builder_add_string_value (builder, msa_protocol_to_string (msa_server_get_protocol (server)));
      msa_report_add_server_settings (builder, server);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * msa_discovery_to_json:
 * @self: a finished #MsaDiscovery
 *
 * Returns: (transfer full): the --discover --json object (README.md)
 */
char *
msa_discovery_to_json (MsaDiscovery *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  MsaProfile *profile = msa_discovery_get_profile (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "address");
  json_builder_add_string_value (builder, msa_discovery_get_address (self));
  json_builder_set_member_name (builder, "domain");
  if (msa_discovery_get_domain (self) != NULL)
    json_builder_add_string_value (builder, msa_discovery_get_domain (self));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "profile");
  if (profile == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "provider");
      json_builder_add_string_value (builder, msa_profile_get_display_name (profile));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder,
                                     msa_discovery_source_kind_to_string (msa_discovery_source_get_kind (msa_discovery_get_chosen (self))));
      json_builder_set_member_name (builder, "needs_confirmation");
      json_builder_add_boolean_value (builder, msa_discovery_get_needs_confirmation (self));
      json_builder_set_member_name (builder, "incoming");
      add_servers (builder, profile, TRUE);
      json_builder_set_member_name (builder, "outgoing");
      add_servers (builder, profile, FALSE);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; msa_discovery_get_domain (self) != NULL && i < MSA_DISCOVERY_N_SOURCES; i++)
    {
      MsaDiscoverySource *source = msa_discovery_get_source (self, i);
      const GError *error = msa_discovery_source_get_error (source);

      if (!msa_discovery_get_source_started (self, i))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, msa_discovery_source_kind_to_string (i));
      json_builder_set_member_name (builder, "target");
      json_builder_add_string_value (builder, msa_discovery_source_get_target (source));
      json_builder_set_member_name (builder, "result");
      json_builder_add_string_value (builder,
                                     msa_discovery_result_to_string (msa_discovery_source_get_result (source)));
      json_builder_set_member_name (builder, "error");
      if (error == NULL)
        json_builder_add_null_value (builder);
      else
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder,
                                         error->domain == MSA_DISCOVERY_ERROR
                                         ? msa_discovery_error_to_string (error->code)
                                         : "connection-failed");
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, error->message);
          json_builder_end_object (builder);
        }
      json_builder_set_member_name (builder, "ms");
      json_builder_add_int_value (builder, (gint64) (msa_discovery_source_get_ms (source) + 0.5));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return msa_report_json_to_text (root);
}
