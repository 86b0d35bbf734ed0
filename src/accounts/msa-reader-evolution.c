/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Evolution's accounts: one key file a source in
 * $XDG_CONFIG_HOME/evolution/sources/UID.source (and the Flatpak's copy).
 * The keys, from evolution-data-server's own sources:
 *   [Data Source] DisplayName            libedataserver/e-source.c
 *   [Mail Account] BackendName, IdentityUid
 *                                        libedataserver/e-source-mail-account.c
 *   [Mail Identity] Address              libedataserver/e-source-mail-identity.c
 *   [Mail Submission] TransportUid       libedataserver/e-source-mail-submission.c
 *   [Mail Transport] BackendName         libedataserver/e-source-mail-transport.c
 *   [Authentication] Host, Port, User    libedataserver/e-source-authentication.c
 *   [Security] Method                    libedataserver/e-source-security.c
 * Camel's network settings (host, port, user, security method) are
 * stored in [Authentication] and [Security]: libedataserver/e-source-camel.c
 * binds them there.  A port of 0 is the provider's standard port:
 * 993/143 (camel-imapx-store.c), 995/110 (camel-pop3-store.c), 465/25
 * (camel-smtp-transport.c: STARTTLS on 25, not 587).  Without a
 * [Security] group Camel does not encrypt; a method it does not know
 * leaves camel-network-settings.c's default, STARTTLS. */
#include "config.h"

#include "msa-scan-context.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct
{
  GHashTable *sources;  /* UID → GKeyFile */
  GHashTable *paths;    /* UID → display path */
} Sources;

static void
sources_free (gpointer data)
{
  Sources *sources = data;

  g_clear_pointer (&sources->sources, g_hash_table_unref);
  g_clear_pointer (&sources->paths, g_hash_table_unref);
  g_free (sources);
}

static char *
get_string (GKeyFile   *source,
            const char *group,
            const char *key)
{
  char *value = g_key_file_get_string (source, group, key, NULL);

  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static MsaServer *
server_from_source (GKeyFile    *source,
                    MsaProtocol  protocol)
{
  g_autofree char *host = get_string (source, "Authentication", "Host");
  g_autofree char *method = get_string (source, "Security", "Method");
  g_autofree char *user = get_string (source, "Authentication", "User");
  guint64 port = 0;
  g_autofree char *port_text = get_string (source, "Authentication", "Port");
  MsaSecurity security;
  MsaServer *server;

  if (host == NULL)
    return NULL;

  /* CamelNetworkSecurityMethod's nicks (camel-enums.h) */
  if (method == NULL || g_strcmp0 (method, "none") == 0)
    security = MSA_SECURITY_PLAIN;
  else if (g_strcmp0 (method, "ssl-on-alternate-port") == 0)
    security = MSA_SECURITY_SSL;
  else
    security = MSA_SECURITY_STARTTLS;

  if (port_text != NULL && !g_ascii_string_to_unsigned (port_text, 10, 0, G_MAXUINT16, &port, NULL))
    port = 0;
  if (port == 0 && protocol == MSA_PROTOCOL_SMTP)
    port = security == MSA_SECURITY_SSL ? 465 : 25;

  server = msa_server_new (protocol, host, (guint16) port, security);
  msa_server_set_username (server, user);
  return server;
}

static void
on_sources_read (MsaScanContext *context,
                 gpointer        user_data)
{
  Sources *sources = user_data;
  g_autoptr(GList) uids = g_hash_table_get_keys (sources->sources);

  uids = g_list_sort (uids, (GCompareFunc) g_strcmp0);
  for (GList *l = uids; l != NULL; l = l->next)
    {
      GKeyFile *source = g_hash_table_lookup (sources->sources, l->data);
      g_autofree char *backend = get_string (source, "Mail Account", "BackendName");
      g_autofree char *name = NULL;
      g_autofree char *identity_uid = NULL;
      g_autoptr(MsaFoundAccount) account = NULL;
      g_autoptr(MsaServer) incoming = NULL;
      GKeyFile *identity = NULL;
      MsaProtocol protocol;

      /* e-mail accounts only: "imapx" and "pop" are Camel's IMAP and POP3
       * providers; "none" is the account of local folders. */
      if (g_strcmp0 (backend, "imapx") == 0)
        protocol = MSA_PROTOCOL_IMAP;
      else if (g_strcmp0 (backend, "pop") == 0)
        protocol = MSA_PROTOCOL_POP3;
      else
        continue;

      incoming = server_from_source (source, protocol);
      if (incoming == NULL)
        continue;

      name = get_string (source, "Data Source", "DisplayName");
      account = msa_found_account_new (MSA_MAIL_PROGRAM_EVOLUTION,
                                       g_hash_table_lookup (sources->paths, l->data),
                                       name != NULL ? name : msa_server_get_hostname (incoming));
      {
        g_autoptr(MsaFoundServer) found = msa_found_server_new (incoming, FALSE);

        msa_found_account_add_server (account, found);
      }

      identity_uid = get_string (source, "Mail Account", "IdentityUid");
      if (identity_uid != NULL)
        identity = g_hash_table_lookup (sources->sources, identity_uid);
      if (identity != NULL)
        {
          g_autofree char *address = get_string (identity, "Mail Identity", "Address");
          g_autofree char *transport_uid = get_string (identity, "Mail Submission", "TransportUid");
          GKeyFile *transport = transport_uid != NULL
                                ? g_hash_table_lookup (sources->sources, transport_uid) : NULL;
          g_autofree char *transport_backend = transport != NULL
                                               ? get_string (transport, "Mail Transport", "BackendName")
                                               : NULL;

          msa_found_account_set_address (account, address);
          if (g_strcmp0 (transport_backend, "smtp") == 0)
            {
              g_autoptr(MsaServer) outgoing = server_from_source (transport, MSA_PROTOCOL_SMTP);

              if (outgoing != NULL)
                {
                  g_autoptr(MsaFoundServer) found = msa_found_server_new (outgoing, FALSE);

                  msa_found_account_add_server (account, found);
                }
            }
        }

      msa_scan_context_add_account (context, account);
    }
}

static void
on_source_read (MsaScanContext *context,
                GFile          *file,
                GBytes         *contents,
                gpointer        user_data)
{
  Sources *sources = user_data;
  g_autoptr(GKeyFile) source = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  if (!g_key_file_load_from_data (source, data != NULL ? data : "", size, G_KEY_FILE_NONE, &error))
    {
      msa_scan_context_add_unreadable (context, file, error->message);
      return;
    }

  /* The file's name is the source's UID (e-source-registry-server.c). */
  basename[strlen (basename) - strlen (".source")] = '\0';
  g_hash_table_replace (sources->paths, g_strdup (basename), msa_scan_context_dup_display_path (file));
  g_hash_table_replace (sources->sources, g_steal_pointer (&basename), g_steal_pointer (&source));
}

static void
on_sources_listed (MsaScanContext     *context,
                   GFile              *dir,
                   const char * const *names,
                   gpointer            user_data)
{
  Sources *sources = g_new0 (Sources, 1);

  sources->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_key_file_unref);
  sources->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  msa_scan_context_add_finish (context, on_sources_read, sources, sources_free);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".source") && strlen (names[i]) > strlen (".source"))
      {
        g_autoptr(GFile) file = g_file_get_child (dir, names[i]);

        msa_scan_context_read_file (context, file, on_source_read, sources);
      }
}

void
msa_reader_evolution_start (MsaScanContext *context)
{
  g_autoptr(GFile) native = g_file_resolve_relative_path (msa_scan_context_get_config (context),
                                                          "evolution/sources");
  g_autoptr(GFile) flatpak = g_file_resolve_relative_path (msa_scan_context_get_home (context),
                                                           ".var/app/org.gnome.Evolution/config/evolution/sources");

  msa_scan_context_list_dir (context, native, on_sources_listed, NULL);
  msa_scan_context_list_dir (context, flatpak, on_sources_listed, NULL);

  /* A chosen folder: the sources folder itself, or Evolution's folder. */
  if (msa_scan_context_get_folder (context) != NULL)
    {
      GFile *folder = msa_scan_context_get_folder (context);
      g_autoptr(GFile) sources = g_file_get_child (folder, "sources");

      msa_scan_context_list_dir (context, folder, on_sources_listed, NULL);
      msa_scan_context_list_dir (context, sources, on_sources_listed, NULL);
    }
}
