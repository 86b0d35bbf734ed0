/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Claws Mail's accounts: ~/.claws-mail/accountrc, one "[Account: N]"
 * group an account (src/prefs_account.c, its param[] table):
 *   account_name, address, protocol, receive_server, smtp_server,
 *   set_popport/pop_port, set_imapport/imap_port, set_smtpport/smtp_port,
 *   ssl_pop, ssl_imap, ssl_smtp
 * protocol is RecvProtocol (src/procmsg.h): 0 POP3, 3 IMAP; the SSL keys
 * are SSLType (src/common/ssl.h): 0 none, 1 SSL/TLS, 2 STARTTLS.  The
 * same file may hold password keys: only the keys named here are kept
 * (msa-config-lines.c), the rest is never copied. */
#include "config.h"

#include "msa-scan-context.h"

#include <glib/gi18n.h>
#include <string.h>

#include "msa-config-lines.h"

static const char * const wanted[] = {
  "account_name", "address", "protocol", "receive_server", "smtp_server",
  "set_popport", "pop_port", "set_imapport", "imap_port", "set_smtpport", "smtp_port",
  "ssl_pop", "ssl_imap", "ssl_smtp",
  NULL
};

static int
get_int (GHashTable *config,
         const char *group,
         const char *key)
{
  const char *text = msa_config_lines_get (config, group, key);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, &value, NULL))
    return 0;
  return (int) value;
}

static MsaFoundServer *
read_server (GHashTable  *config,
             const char  *group,
             MsaProtocol  protocol,
             const char  *host_key,
             const char  *set_port_key,
             const char  *port_key,
             const char  *ssl_key)
{
  const char *host = msa_config_lines_get (config, group, host_key);
  g_autoptr(MsaServer) server = NULL;
  MsaSecurity security;
  int port = 0;

  if (host == NULL || *host == '\0')
    return NULL;

  switch (get_int (config, group, ssl_key))
    {
    case 1:
      security = MSA_SECURITY_SSL;
      break;
    case 2:
      security = MSA_SECURITY_STARTTLS;
      break;
    default:
      security = MSA_SECURITY_PLAIN;
    }

  /* The port counts only where its "set_" switch is on. */
  if (get_int (config, group, set_port_key) != 0)
    port = get_int (config, group, port_key);
  if (port <= 0 || port > G_MAXUINT16)
    port = 0;

  server = msa_server_new (protocol, host, (guint16) port, security);
  return msa_found_server_new (server, FALSE);
}

static void
on_accountrc_read (MsaScanContext *context,
                   GFile          *file,
                   GBytes         *contents,
                   gpointer        user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) config = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *path = NULL;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  config = msa_config_lines_parse (data != NULL ? data : "", size, MSA_CONFIG_LINES_NONE,
                                   wanted, &groups, &error);
  if (config == NULL)
    {
      msa_scan_context_add_unreadable (context, file, error->message);
      return;
    }

  path = msa_scan_context_dup_display_path (file);
  for (guint i = 0; i < groups->len; i++)
    {
      const char *group = g_ptr_array_index (groups, i);
      const char *name = msa_config_lines_get (config, group, "account_name");
      const char *address = msa_config_lines_get (config, group, "address");
      g_autoptr(MsaFoundAccount) account = NULL;
      g_autoptr(MsaFoundServer) incoming = NULL;
      g_autoptr(MsaFoundServer) outgoing = NULL;

      if (!g_str_has_prefix (group, "Account: "))
        continue;

      switch (get_int (config, group, "protocol"))
        {
        case 0:
          incoming = read_server (config, group, MSA_PROTOCOL_POP3, "receive_server",
                                  "set_popport", "pop_port", "ssl_pop");
          break;
        case 3:
          incoming = read_server (config, group, MSA_PROTOCOL_IMAP, "receive_server",
                                  "set_imapport", "imap_port", "ssl_imap");
          break;
        default:
          /* news, local mailboxes: no mail server */
          break;
        }
      outgoing = read_server (config, group, MSA_PROTOCOL_SMTP, "smtp_server",
                              "set_smtpport", "smtp_port", "ssl_smtp");
      if (incoming == NULL && outgoing == NULL)
        continue;

      account = msa_found_account_new (MSA_MAIL_PROGRAM_CLAWS_MAIL, path,
                                       name != NULL && *name != '\0' ? name
                                       : address != NULL && *address != '\0' ? address
                                       : group);
      msa_found_account_set_address (account, address);
      if (incoming != NULL)
        msa_found_account_add_server (account, incoming);
      if (outgoing != NULL)
        msa_found_account_add_server (account, outgoing);
      msa_scan_context_add_account (context, account);
    }
}

void
msa_reader_claws_start (MsaScanContext *context)
{
  g_autoptr(GFile) accountrc = g_file_resolve_relative_path (msa_scan_context_get_home (context),
                                                             ".claws-mail/accountrc");

  msa_scan_context_read_file (context, accountrc, on_accountrc_read, NULL);
}
