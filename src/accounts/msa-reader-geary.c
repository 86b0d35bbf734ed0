/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Geary's accounts: one folder an account under $XDG_CONFIG_HOME/geary/
 * (and the Flatpak's copy), each with a geary.ini key file
 * (src/client/accounts/accounts-manager.vala: AccountConfigV1 and
 * ServiceConfigV1):
 *   [Account] service_provider, sender_mailboxes, label
 *   [Incoming] / [Outgoing] host, port, transport_security
 * transport_security is "none", "start-tls" or "transport"
 * (src/engine/api/geary-tls-negotiation-method.vala).  Geary reads the
 * server keys only for its "other" provider; Gmail and Outlook.com
 * accounts use Geary's built-in, encrypted settings, so they have
 * nothing to change and are not listed. */
#include "config.h"

#include "msa-scan-context.h"

#include <glib/gi18n.h>
#include <string.h>

static MsaFoundServer *
read_service (GKeyFile    *ini,
              const char  *group,
              MsaProtocol  protocol)
{
  g_autofree char *host = g_key_file_get_string (ini, group, "host", NULL);
  g_autofree char *method = g_key_file_get_string (ini, group, "transport_security", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaServer) server = NULL;
  int port = g_key_file_get_integer (ini, group, "port", &error);
  MsaSecurity security;

  if (host == NULL || *host == '\0')
    return NULL;

  /* Geary's default is "transport" (TLS from the first byte). */
  if (g_strcmp0 (method, "none") == 0)
    security = MSA_SECURITY_PLAIN;
  else if (g_strcmp0 (method, "start-tls") == 0)
    security = MSA_SECURITY_STARTTLS;
  else
    security = MSA_SECURITY_SSL;

  if (error != NULL || port <= 0 || port > G_MAXUINT16)
    port = 0;

  server = msa_server_new (protocol, host, (guint16) port, security);
  return msa_found_server_new (server, FALSE);
}

static char *
address_of (const char *mailbox)
{
  const char *open = strrchr (mailbox, '<');
  const char *close = open != NULL ? strchr (open, '>') : NULL;

  if (open != NULL && close != NULL)
    return g_strndup (open + 1, close - open - 1);
  return g_strstrip (g_strdup (mailbox));
}

static void
on_ini_read (MsaScanContext *context,
             GFile          *file,
             GBytes         *contents,
             gpointer        user_data)
{
  g_autoptr(GKeyFile) ini = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *label = NULL;
  g_auto(GStrv) mailboxes = NULL;
  g_autofree char *address = NULL;
  g_autofree char *path = NULL;
  g_autoptr(MsaFoundAccount) account = NULL;
  g_autoptr(MsaFoundServer) incoming = NULL;
  g_autoptr(MsaFoundServer) outgoing = NULL;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  if (!g_key_file_load_from_data (ini, data != NULL ? data : "", size, G_KEY_FILE_NONE, &error))
    {
      msa_scan_context_add_unreadable (context, file, error->message);
      return;
    }

  provider = g_key_file_get_string (ini, "Account", "service_provider", NULL);
  if (provider != NULL && g_ascii_strcasecmp (provider, "other") != 0)
    return;

  incoming = read_service (ini, "Incoming", MSA_PROTOCOL_IMAP);
  if (incoming == NULL)
    return;
  outgoing = read_service (ini, "Outgoing", MSA_PROTOCOL_SMTP);

  mailboxes = g_key_file_get_string_list (ini, "Account", "sender_mailboxes", NULL, NULL);
  if (mailboxes != NULL && mailboxes[0] != NULL)
    address = address_of (mailboxes[0]);
  label = g_key_file_get_string (ini, "Account", "label", NULL);

  path = msa_scan_context_dup_display_path (file);
  account = msa_found_account_new (MSA_MAIL_PROGRAM_GEARY, path,
                                   label != NULL && *label != '\0' ? label
                                   : address != NULL ? address
                                   : msa_server_get_hostname (msa_found_server_get_server (incoming)));
  msa_found_account_set_address (account, address);
  msa_found_account_add_server (account, incoming);
  if (outgoing != NULL)
    msa_found_account_add_server (account, outgoing);
  msa_scan_context_add_account (context, account);
}

static void
on_accounts_listed (MsaScanContext     *context,
                    GFile              *dir,
                    const char * const *names,
                    gpointer            user_data)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *relative = g_build_filename (names[i], "geary.ini", NULL);
      g_autoptr(GFile) ini = g_file_resolve_relative_path (dir, relative);

      msa_scan_context_read_file (context, ini, on_ini_read, NULL);
    }
}

void
msa_reader_geary_start (MsaScanContext *context)
{
  g_autoptr(GFile) native = g_file_get_child (msa_scan_context_get_config (context), "geary");
  g_autoptr(GFile) flatpak = g_file_resolve_relative_path (msa_scan_context_get_home (context),
                                                           ".var/app/org.gnome.Geary/config/geary");

  msa_scan_context_list_dir (context, native, on_accounts_listed, NULL);
  msa_scan_context_list_dir (context, flatpak, on_accounts_listed, NULL);
}
