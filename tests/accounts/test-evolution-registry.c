/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Evolution reader against Evolution's own: evolution-source-registry
 * (evolution-data-server) started on this test's private session bus with
 * XDG_CONFIG_HOME at the fixture home must list the same mail accounts,
 * hosts, ports and security methods as the scan, linked the same way
 * (account → identity → transport).  The registry reads only the native
 * sources folder; the Flatpak copy is left out of the comparison. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "msa-account-scan.h"
#include "msa-test-home.h"

#define REGISTRY "/usr/libexec/evolution-source-registry"
#define BUS_NAME "org.gnome.evolution.dataserver.Sources5"
#define MANAGER_PATH "/org/gnome/evolution/dataserver/SourceManager"
#define SOURCE_INTERFACE "org.gnome.evolution.dataserver.Source"

/* "host:port:security" in the engine's words; the registry's Port 0 is
 * the standard port, as Camel reads it. */
static char *
describe (GKeyFile    *source,
          MsaProtocol  protocol)
{
  g_autofree char *host = g_key_file_get_string (source, "Authentication", "Host", NULL);
  g_autofree char *method = g_key_file_get_string (source, "Security", "Method", NULL);
  int port = g_key_file_get_integer (source, "Authentication", "Port", NULL);
  MsaSecurity security = g_strcmp0 (method, "ssl-on-alternate-port") == 0 ? MSA_SECURITY_SSL
                         : g_strcmp0 (method, "starttls-on-standard-port") == 0 ? MSA_SECURITY_STARTTLS
                         : MSA_SECURITY_PLAIN;

  if (port <= 0)
    port = msa_protocol_default_port (protocol, security);
  return g_strdup_printf ("%s:%d:%s", host, port, msa_security_to_string (security));
}

static GHashTable *
registry_sources (const char *home)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) registry = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) objects = NULL;
  g_autofree char *config = g_build_filename (home, ".config", NULL);
  g_autofree char *data = g_build_filename (home, ".local", "share", NULL);
  g_autofree char *cache = g_build_filename (home, ".cache", NULL);
  GHashTable *sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_key_file_unref);
  const char *path;
  GVariant *interfaces;
  gboolean owned = FALSE;

  g_assert_no_error (error);
  g_assert_true (g_file_test (REGISTRY, G_FILE_TEST_IS_EXECUTABLE));
  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);

  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  registry = g_subprocess_launcher_spawn (launcher, &error, REGISTRY, NULL);
  g_assert_no_error (error);

  /* It takes the bus name once its sources are loaded: wait at most 30 s. */
  for (guint i = 0; i < 300 && !owned; i++)
    {
      g_autoptr(GVariant) has = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                             "org.freedesktop.DBus", "NameHasOwner",
                                                             g_variant_new ("(s)", BUS_NAME), G_VARIANT_TYPE ("(b)"),
                                                             G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);

      g_assert_no_error (error);
      g_variant_get (has, "(b)", &owned);
      if (!owned)
        g_usleep (100 * 1000);
    }
  g_assert_true (owned);

  reply = g_dbus_connection_call_sync (bus, BUS_NAME, MANAGER_PATH,
                                       "org.freedesktop.DBus.ObjectManager", "GetManagedObjects",
                                       NULL, G_VARIANT_TYPE ("(a{oa{sa{sv}}})"),
                                       G_DBUS_CALL_FLAGS_NONE, 30000, NULL, &error);
  g_assert_no_error (error);

  g_variant_get (reply, "(a{oa{sa{sv}}})", &objects);
  while (g_variant_iter_next (objects, "{&o@a{sa{sv}}}", &path, &interfaces))
    {
      g_autoptr(GVariant) properties = g_variant_lookup_value (interfaces, SOURCE_INTERFACE, NULL);
      const char *uid = NULL, *text = NULL;

      if (properties != NULL
          && g_variant_lookup (properties, "UID", "&s", &uid)
          && g_variant_lookup (properties, "Data", "&s", &text))
        {
          g_autoptr(GKeyFile) source = g_key_file_new ();

          g_key_file_load_from_data (source, text, -1, G_KEY_FILE_NONE, &error);
          g_assert_no_error (error);
          g_hash_table_insert (sources, g_strdup (uid), g_steal_pointer (&source));
        }
      g_variant_unref (interfaces);
    }

  g_subprocess_force_exit (registry);
  g_subprocess_wait (registry, NULL, NULL);
  return sources;
}

/* "name → incoming | outgoing" for every mail account the registry knows. */
static GHashTable *
registry_accounts (GHashTable *sources)
{
  GHashTable *accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer uid, value;

  g_hash_table_iter_init (&iter, sources);
  while (g_hash_table_iter_next (&iter, &uid, &value))
    {
      GKeyFile *source = value;
      g_autofree char *backend = g_key_file_get_string (source, "Mail Account", "BackendName", NULL);
      g_autofree char *name = g_key_file_get_string (source, "Data Source", "DisplayName", NULL);
      g_autofree char *identity_uid = g_key_file_get_string (source, "Mail Account", "IdentityUid", NULL);
      g_autofree char *incoming = NULL;
      g_autofree char *outgoing = NULL;
      GKeyFile *identity;
      MsaProtocol protocol;

      if (g_strcmp0 (backend, "imapx") == 0)
        protocol = MSA_PROTOCOL_IMAP;
      else if (g_strcmp0 (backend, "pop") == 0)
        protocol = MSA_PROTOCOL_POP3;
      else
        continue;

      incoming = describe (source, protocol);
      identity = identity_uid != NULL ? g_hash_table_lookup (sources, identity_uid) : NULL;
      if (identity != NULL)
        {
          g_autofree char *transport_uid = g_key_file_get_string (identity, "Mail Submission", "TransportUid", NULL);
          GKeyFile *transport = transport_uid != NULL ? g_hash_table_lookup (sources, transport_uid) : NULL;

          if (transport != NULL)
            outgoing = describe (transport, MSA_PROTOCOL_SMTP);
        }

      g_hash_table_insert (accounts, g_steal_pointer (&name),
                           g_strdup_printf ("%s | %s", incoming, outgoing != NULL ? outgoing : "-"));
    }

  return accounts;
}

static char *
describe_found (MsaFoundServer *found)
{
  MsaServer *server = msa_found_server_get_server (found);

  return g_strdup_printf ("%s:%u:%s", msa_server_get_hostname (server), msa_server_get_port (server),
                          msa_security_to_string (msa_server_get_security (server)));
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_evolution_registry_same_accounts (void)
{
  g_autoptr(char) home = msa_test_home_new ("full");
  g_autoptr(GHashTable) sources = registry_sources (home);
  g_autoptr(GHashTable) expected = registry_accounts (sources);
  g_autoptr(GFile) home_file = g_file_new_for_path (home);
  g_autoptr(GFile) config = g_file_get_child (home_file, ".config");
  g_autoptr(MsaAccountScan) scan = msa_account_scan_new (home_file, config);
  g_autofree char *flatpak = g_build_filename (home, ".var", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *accounts;
  guint compared = 0;

  msa_account_scan_run_async (scan, NULL, on_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (msa_account_scan_run_finish (scan, result, &error));
  g_assert_no_error (error);

  accounts = msa_account_scan_get_accounts (scan);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(MsaFoundAccount) account = g_list_model_get_item (accounts, i);
      GListModel *servers = msa_found_account_get_servers (account);
      g_autoptr(MsaFoundServer) incoming = g_list_model_get_item (servers, 0);
      g_autoptr(MsaFoundServer) outgoing = g_list_model_get_n_items (servers) > 1
                                           ? g_list_model_get_item (servers, 1) : NULL;
      g_autofree char *in_text = describe_found (incoming);
      g_autofree char *out_text = outgoing != NULL ? describe_found (outgoing) : g_strdup ("-");
      g_autofree char *found = g_strdup_printf ("%s | %s", in_text, out_text);
      const char *name = msa_found_account_get_name (account);

      if (msa_found_account_get_program (account) != MSA_MAIL_PROGRAM_EVOLUTION
          || g_str_has_prefix (msa_found_account_get_source (account), flatpak))
        continue;

      g_test_message ("%s: registry %s, scan %s", name,
                      (const char *) g_hash_table_lookup (expected, name), found);
      g_assert_cmpstr (g_hash_table_lookup (expected, name), ==, found);
      compared++;
    }

  /* Every account of the registry is in the scan, and there are some. */
  g_assert_cmpuint (compared, ==, g_hash_table_size (expected));
  g_assert_cmpuint (compared, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/evolution-registry/same-accounts", test_evolution_registry_same_accounts);

  return g_test_run ();
}
