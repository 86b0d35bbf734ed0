/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GNOME Online Accounts' IMAP and SMTP accounts:
 * $XDG_CONFIG_HOME/goa-1.0/accounts.conf, a key file with a group
 * "Account <id>" an account.  The keys, from gnome-online-accounts'
 * src/goabackend/goaimapsmtpprovider.c:
 *   Provider=imap_smtp, Enabled (the account's mail is on), EmailAddress,
 *   PresentationIdentity
 *   ImapHost, ImapUseSsl, ImapUseTls, ImapAcceptSslErrors
 *   SmtpHost, SmtpUseSsl, SmtpUseTls, SmtpAcceptSslErrors
 * A host may carry its port ("host:port"); without one GOA uses 993
 * (SSL) or 143 for IMAP and 465 (SSL) or 587 for SMTP (ensure_credentials_sync
 * there; data/dbus-interfaces.xml).  Neither UseSsl nor UseTls is no
 * encryption up to GOA 3.52; 3.53 reads it as SSL, but the mail programs
 * that take the account from GOA (Evolution, Geary) still connect
 * without encryption, so it counts as unencrypted.  Passwords live in
 * the keyring, never in this file. */
#include "config.h"

#include "msa-scan-context.h"

#include <glib/gi18n.h>
#include <string.h>

static MsaFoundServer *
read_server (GKeyFile    *conf,
             const char  *group,
             const char  *prefix,
             MsaProtocol  protocol)
{
  g_autofree char *host_key = g_strconcat (prefix, "Host", NULL);
  g_autofree char *ssl_key = g_strconcat (prefix, "UseSsl", NULL);
  g_autofree char *tls_key = g_strconcat (prefix, "UseTls", NULL);
  g_autofree char *errors_key = g_strconcat (prefix, "AcceptSslErrors", NULL);
  g_autofree char *host_and_port = g_key_file_get_string (conf, group, host_key, NULL);
  g_autofree char *host = NULL;
  g_autoptr(MsaServer) server = NULL;
  guint16 port = 0;
  MsaSecurity security;
  guint16 standard;

  if (host_and_port == NULL || *host_and_port == '\0')
    return NULL;

  if (g_key_file_get_boolean (conf, group, ssl_key, NULL))
    security = MSA_SECURITY_SSL;
  else if (g_key_file_get_boolean (conf, group, tls_key, NULL))
    security = MSA_SECURITY_STARTTLS;
  else
    security = MSA_SECURITY_PLAIN;

  if (protocol == MSA_PROTOCOL_IMAP)
    standard = security == MSA_SECURITY_SSL ? 993 : 143;
  else
    standard = security == MSA_SECURITY_SSL ? 465 : 587;

  /* g_network_address_parse() is how GOA splits "host:port" (also
   * "[::1]:993"). */
  {
    g_autoptr(GSocketConnectable) address = g_network_address_parse (host_and_port, standard, NULL);

    if (address == NULL)
      return NULL;
    host = g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (address)));
    port = g_network_address_get_port (G_NETWORK_ADDRESS (address));
  }

  server = msa_server_new (protocol, host, port, security);
  return msa_found_server_new (server,
                               security != MSA_SECURITY_PLAIN
                               && g_key_file_get_boolean (conf, group, errors_key, NULL));
}

static void
on_accounts_conf_read (MsaScanContext *context,
                       GFile          *file,
                       GBytes         *contents,
                       gpointer        user_data)
{
  g_autoptr(GKeyFile) conf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) groups = NULL;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  if (!g_key_file_load_from_data (conf, data != NULL ? data : "", size, G_KEY_FILE_NONE, &error))
    {
      msa_scan_context_add_unreadable (context, file, error->message);
      return;
    }

  path = msa_scan_context_dup_display_path (file);
  groups = g_key_file_get_groups (conf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *provider = g_key_file_get_string (conf, groups[i], "Provider", NULL);
      g_autofree char *address = NULL;
      g_autofree char *identity = NULL;
      g_autoptr(MsaFoundServer) incoming = NULL;
      g_autoptr(MsaFoundServer) outgoing = NULL;

      g_autoptr(GError) enabled_error = NULL;
      gboolean enabled;

      if (!g_str_has_prefix (groups[i], "Account ") || g_strcmp0 (provider, "imap_smtp") != 0)
        continue;
      /* An account whose mail is switched off sends nothing. */
      enabled = g_key_file_get_boolean (conf, groups[i], "Enabled", &enabled_error);
      if (enabled_error == NULL && !enabled)
        continue;

      incoming = read_server (conf, groups[i], "Imap", MSA_PROTOCOL_IMAP);
      outgoing = read_server (conf, groups[i], "Smtp", MSA_PROTOCOL_SMTP);
      if (incoming == NULL && outgoing == NULL)
        continue;

      address = g_key_file_get_string (conf, groups[i], "EmailAddress", NULL);
      identity = g_key_file_get_string (conf, groups[i], "PresentationIdentity", NULL);
      msa_scan_context_add_found (context, MSA_MAIL_PROGRAM_GNOME_ONLINE_ACCOUNTS, path, identity, address,
                                  groups[i] + strlen ("Account "), incoming, outgoing);
    }
}

void
msa_reader_goa_start (MsaScanContext *context)
{
  g_autoptr(GFile) conf = g_file_resolve_relative_path (msa_scan_context_get_config (context),
                                                        "goa-1.0/accounts.conf");

  msa_scan_context_read_file (context, conf, on_accounts_conf_read, NULL);

  /* A chosen folder: goa-1.0 itself. */
  if (msa_scan_context_get_folder (context) != NULL)
    {
      g_autoptr(GFile) chosen = g_file_get_child (msa_scan_context_get_folder (context), "accounts.conf");

      msa_scan_context_read_file (context, chosen, on_accounts_conf_read, NULL);
    }
}
