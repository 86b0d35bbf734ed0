/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The providers of the accounts the scan does not know, found by
 * discovery (src/discover/) from the domains of their addresses: network
 * look-ups, so a step of its own that the caller asks for.  Only the
 * domains leave the computer; a profile whose servers would need the
 * user's confirmation (found through unauthenticated DNS, outside the
 * domain) gives no change. */
#include "config.h"

#include "msa-account-scan.h"
#include "msa-discovery.h"

/* A probe of a guessed server may take this long (seconds). */
#define PROBE_TIMEOUT 5

static void
on_discovered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MsaDiscovery *discovery = MSA_DISCOVERY (object);
  MsaAccountScan *self = g_task_get_source_object (task);
  guint *pending = g_task_get_task_data (task);
  g_autoptr(MsaProfile) profile = msa_discovery_run_finish (discovery, result, NULL);

  if (profile != NULL && !msa_discovery_get_needs_confirmation (discovery))
    msa_account_scan_add_discovered (self, msa_discovery_get_domain (discovery), profile);

  if (--*pending == 0 && !g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/**
 * msa_account_scan_find_providers_async:
 * @self: a scan that has run
 * @database: the trust store for HTTPS and the probes
 * @ispdb_url: (nullable): the provider database; %NULL for Thunderbird's
 * @cancellable: (nullable): stops every discovery
 * @callback: called when every discovery has answered
 * @user_data: for @callback
 *
 * Discovers, all at once, the providers of the domains that
 * msa_account_scan_get_unknown_domains() lists, and brings the changes
 * up to date with what was found.
 */
void
msa_account_scan_find_providers_async (MsaAccountScan      *self,
                                       GTlsDatabase        *database,
                                       const char          *ispdb_url,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_auto(GStrv) domains = NULL;
  guint *pending = g_new0 (guint, 1);

  g_return_if_fail (MSA_IS_ACCOUNT_SCAN (self));
  g_return_if_fail (G_IS_TLS_DATABASE (database));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msa_account_scan_find_providers_async);
  g_task_set_task_data (task, pending, g_free);

  domains = msa_account_scan_get_unknown_domains (self);
  if (domains[0] == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  *pending = g_strv_length (domains);
  for (guint i = 0; domains[i] != NULL; i++)
    {
      g_autoptr(MsaDiscovery) discovery = msa_discovery_new (domains[i], database, PROBE_TIMEOUT);

      if (ispdb_url != NULL)
        msa_discovery_set_ispdb_url (discovery, ispdb_url);
      msa_discovery_run_async (discovery, cancellable, on_discovered_cb, g_object_ref (task));
    }
}

gboolean
msa_account_scan_find_providers_finish (MsaAccountScan  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
