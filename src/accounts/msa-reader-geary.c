/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Geary's accounts: every folder under $XDG_CONFIG_HOME/geary/ (and the
 * Flatpak's copy) with a geary.ini key file.  From Geary's sources:
 * src/client/accounts/accounts-manager.vala reads [Metadata] version
 * (0 or 1) and status ("removed" accounts are gone), then
 *   version 1 (AccountConfigV1, ServiceConfigV1):
 *     [Account] service_provider (gmail, outlook, other), label,
 *               sender_mailboxes (the first is the primary address)
 *     [Incoming] / [Outgoing] host, port, transport_security
 *               ("none", "start-tls", "transport"; compared without case,
 *               src/engine/api/geary-service-information.vala),
 *               credentials (SMTP: "none" means no login)
 *   version 0 (AccountConfigLegacy, ServiceConfigLegacy):
 *     [AccountInformation] primary_email, nickname, service_provider,
 *               imap_host, imap_port, imap_ssl (true), imap_starttls (true),
 *               smtp_host, smtp_port, smtp_ssl (false), smtp_starttls (true),
 *               smtp_noauth
 * Without a port, ServiceInformation.get_default_port(): IMAP 993 for
 * "transport", else 143; SMTP 465 for "transport", else 25 without a
 * login and 587 with one.  Geary reads the server keys only for its
 * "other" provider; Gmail and Outlook.com accounts use Geary's built-in
 * servers, all encrypted, so they have nothing to change and are not
 * listed.  Passwords are in the keyring, never in geary.ini. */
#include "config.h"

#include "msa-scan-context.h"

#include <glib/gi18n.h>
#include <string.h>

static MsaFoundServer *
make_server (MsaProtocol  protocol,
             const char  *host,
             int          port,
             MsaSecurity  security,
             gboolean     login)
{
  g_autoptr(MsaServer) server = NULL;

  if (host == NULL || *host == '\0')
    return NULL;

  if (port <= 0 || port > G_MAXUINT16)
    {
      if (security == MSA_SECURITY_SSL)
        port = protocol == MSA_PROTOCOL_IMAP ? 993 : 465;
      else
        port = protocol == MSA_PROTOCOL_IMAP ? 143 : login ? 587 : 25;
    }

  server = msa_server_new (protocol, host, (guint16) port, security);
  return msa_found_server_new (server, FALSE);
}

static MsaFoundServer *
read_service (GKeyFile    *ini,
              const char  *group,
              MsaProtocol  protocol)
{
  g_autofree char *host = g_key_file_get_string (ini, group, "host", NULL);
  g_autofree char *method = g_key_file_get_string (ini, group, "transport_security", NULL);
  g_autofree char *credentials = g_key_file_get_string (ini, group, "credentials", NULL);
  MsaSecurity security;

  /* The constructor's defaults: IMAP "transport", SMTP "start-tls". */
  if (method == NULL)
    security = protocol == MSA_PROTOCOL_IMAP ? MSA_SECURITY_SSL : MSA_SECURITY_STARTTLS;
  else if (g_ascii_strcasecmp (method, "none") == 0)
    security = MSA_SECURITY_PLAIN;
  else if (g_ascii_strcasecmp (method, "start-tls") == 0)
    security = MSA_SECURITY_STARTTLS;
  else
    security = MSA_SECURITY_SSL;

  return make_server (protocol, host, g_key_file_get_integer (ini, group, "port", NULL), security,
                      g_strcmp0 (credentials, "none") != 0);
}

static gboolean
get_bool (GKeyFile   *ini,
          const char *group,
          const char *key,
          gboolean    fallback)
{
  g_autoptr(GError) error = NULL;
  gboolean value = g_key_file_get_boolean (ini, group, key, &error);

  return error != NULL ? fallback : value;
}

static MsaFoundServer *
read_legacy_service (GKeyFile    *ini,
                     const char  *prefix,
                     MsaProtocol  protocol)
{
  const char *group = "AccountInformation";
  g_autofree char *host_key = g_strconcat (prefix, "_host", NULL);
  g_autofree char *port_key = g_strconcat (prefix, "_port", NULL);
  g_autofree char *ssl_key = g_strconcat (prefix, "_ssl", NULL);
  g_autofree char *starttls_key = g_strconcat (prefix, "_starttls", NULL);
  g_autofree char *host = g_key_file_get_string (ini, group, host_key, NULL);
  MsaSecurity security;

  if (get_bool (ini, group, ssl_key, protocol == MSA_PROTOCOL_IMAP))
    security = MSA_SECURITY_SSL;
  else if (get_bool (ini, group, starttls_key, TRUE))
    security = MSA_SECURITY_STARTTLS;
  else
    security = MSA_SECURITY_PLAIN;

  return make_server (protocol, host, g_key_file_get_integer (ini, group, port_key, NULL), security,
                      !get_bool (ini, group, "smtp_noauth", FALSE));
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
  g_autofree char *status = NULL;
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

  status = g_key_file_get_string (ini, "Metadata", "status", NULL);
  if (g_strcmp0 (status, "removed") == 0)
    return;

  if (g_key_file_get_integer (ini, "Metadata", "version", NULL) == 0)
    {
      const char *group = "AccountInformation";

      provider = g_key_file_get_string (ini, group, "service_provider", NULL);
      if (provider != NULL && g_ascii_strcasecmp (provider, "other") != 0)
        return;
      incoming = read_legacy_service (ini, "imap", MSA_PROTOCOL_IMAP);
      outgoing = read_legacy_service (ini, "smtp", MSA_PROTOCOL_SMTP);
      address = g_key_file_get_string (ini, group, "primary_email", NULL);
      label = g_key_file_get_string (ini, group, "nickname", NULL);
    }
  else
    {
      provider = g_key_file_get_string (ini, "Account", "service_provider", NULL);
      if (provider != NULL && g_ascii_strcasecmp (provider, "other") != 0)
        return;
      incoming = read_service (ini, "Incoming", MSA_PROTOCOL_IMAP);
      outgoing = read_service (ini, "Outgoing", MSA_PROTOCOL_SMTP);
      mailboxes = g_key_file_get_string_list (ini, "Account", "sender_mailboxes", NULL, NULL);
      if (mailboxes != NULL && mailboxes[0] != NULL)
        address = address_of (mailboxes[0]);
      label = g_key_file_get_string (ini, "Account", "label", NULL);
    }
  if (incoming == NULL)
    return;

  path = msa_scan_context_dup_display_path (file);
  /* Geary's display_name: the label unless it is blank, else the
   * primary address (src/engine/api/geary-account-information.vala). */
  if (label != NULL)
    g_strstrip (label);
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

  /* A chosen folder: Geary's folder, or one account's. */
  if (msa_scan_context_get_folder (context) != NULL)
    {
      GFile *folder = msa_scan_context_get_folder (context);
      g_autoptr(GFile) ini = g_file_get_child (folder, "geary.ini");

      msa_scan_context_list_dir (context, folder, on_accounts_listed, NULL);
      msa_scan_context_read_file (context, ini, on_ini_read, NULL);
    }
}
