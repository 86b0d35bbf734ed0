/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Claws Mail's accounts: ~/.claws-mail/accountrc, one "[Account: N]"
 * group an account (src/prefs_account.c, its param tables; syntax in
 * src/prefs_gtk.c: raw "key=value" lines, keys without regard to case):
 *   account_name, address, protocol, receive_server, smtp_server,
 *   set_popport/pop_port, set_imapport/imap_port, set_smtpport/smtp_port,
 *   ssl_pop, ssl_imap, ssl_smtp, config_version
 * protocol is RecvProtocol (src/prefs_account.h): 0 POP3, 1 IMAP since
 * config version 1; before it (and for accounts without a version of
 * their own, the config_version of clawsrc, default 0) 0 POP3, 3 IMAP
 * (src/prefs_migration.c).  The SSL keys are SSLType (src/common/ssl.h):
 * 0 none, 1 SSL/TLS, 2 STARTTLS; a missing one means 1.  Without its
 * "set_" switch a port is the standard one: 993/143, 995/110, 465/25 —
 * STARTTLS for SMTP is port 25 (src/imap.c, src/inc.c,
 * src/send_message.c).  The same file may hold password keys: only the
 * keys named here are kept (msa-config-lines.c), the rest is never
 * copied. */
#include "config.h"

#include "msa-scan-context.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "msa-config-lines.h"

static const char * const wanted[] = {
  "account_name", "address", "protocol", "receive_server", "smtp_server",
  "set_popport", "pop_port", "set_imapport", "imap_port", "set_smtpport", "smtp_port",
  "ssl_pop", "ssl_imap", "ssl_smtp", "config_version",
  NULL
};

static const char * const clawsrc_wanted[] = { "config_version", NULL };

typedef struct
{
  GFile      *accountrc;
  GHashTable *accounts;
  GPtrArray  *groups;
  int         config_version;  /* clawsrc's */
} Claws;

static void
claws_free (gpointer data)
{
  Claws *claws = data;

  g_clear_object (&claws->accountrc);
  g_clear_pointer (&claws->accounts, g_hash_table_unref);
  g_clear_pointer (&claws->groups, g_ptr_array_unref);
  g_free (claws);
}

/* atoi(), as Claws Mail reads numbers; @fallback for a missing key */
static int
get_int (GHashTable *config,
         const char *group,
         const char *key,
         int         fallback)
{
  const char *text = msa_config_lines_get (config, group, key);

  if (text == NULL)
    return fallback;
  return atoi (text);
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

  switch (get_int (config, group, ssl_key, 1))
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
  if (get_int (config, group, set_port_key, 0) != 0)
    port = get_int (config, group, port_key, 0);
  if (port <= 0 || port > G_MAXUINT16)
    {
      if (security == MSA_SECURITY_SSL)
        port = protocol == MSA_PROTOCOL_IMAP ? 993 : protocol == MSA_PROTOCOL_POP3 ? 995 : 465;
      else
        port = protocol == MSA_PROTOCOL_IMAP ? 143 : protocol == MSA_PROTOCOL_POP3 ? 110 : 25;
    }

  server = msa_server_new (protocol, host, (guint16) port, security);
  return msa_found_server_new (server, FALSE);
}

static void
on_claws_read (MsaScanContext *context,
               gpointer        user_data)
{
  Claws *claws = user_data;
  g_autofree char *path = NULL;
  GHashTable *config = claws->accounts;

  if (config == NULL)
    return;

  path = msa_scan_context_dup_display_path (claws->accountrc);
  for (guint i = 0; i < claws->groups->len; i++)
    {
      const char *group = g_ptr_array_index (claws->groups, i);
      const char *name = msa_config_lines_get (config, group, "account_name");
      const char *address = msa_config_lines_get (config, group, "address");
      int version = get_int (config, group, "config_version", -1);
      int protocol = get_int (config, group, "protocol", 0);
      g_autoptr(MsaFoundServer) incoming = NULL;
      g_autoptr(MsaFoundServer) outgoing = NULL;

      if (!g_str_has_prefix (group, "Account: "))
        continue;

      if (version < 0)
        version = claws->config_version;
      /* The numbering before config version 1: 1 APOP and 2 RPOP were
       * POP3, 3 IMAP (prefs_migration.c maps them the same way). */
      if (version < 1)
        protocol = protocol == 1 ? 0 : protocol > 2 ? protocol - 2 : protocol;

      switch (protocol)
        {
        case 0:
          incoming = read_server (config, group, MSA_PROTOCOL_POP3, "receive_server",
                                  "set_popport", "pop_port", "ssl_pop");
          break;
        case 1:
          incoming = read_server (config, group, MSA_PROTOCOL_IMAP, "receive_server",
                                  "set_imapport", "imap_port", "ssl_imap");
          break;
        default:
          /* news, local mailboxes, sending only: no mail server */
          break;
        }
      outgoing = read_server (config, group, MSA_PROTOCOL_SMTP, "smtp_server",
                              "set_smtpport", "smtp_port", "ssl_smtp");
      if (incoming == NULL && outgoing == NULL)
        continue;

      msa_scan_context_add_found (context, MSA_MAIL_PROGRAM_CLAWS_MAIL, path, name, address, group,
                                  incoming, outgoing);
    }
}

static void
on_accountrc_read (MsaScanContext *context,
                   GFile          *file,
                   GBytes         *contents,
                   gpointer        user_data)
{
  Claws *claws = user_data;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  claws->accounts = msa_config_lines_parse (data != NULL ? data : "", size, MSA_CONFIG_LINES_NONE,
                                            wanted, &claws->groups, &error);
  if (claws->accounts == NULL)
    msa_scan_context_add_unreadable (context, file, error->message);
}

static void
on_clawsrc_read (MsaScanContext *context,
                 GFile          *file,
                 GBytes         *contents,
                 gpointer        user_data)
{
  Claws *claws = user_data;
  g_autoptr(GHashTable) config = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  /* Only the version; a broken clawsrc leaves the default. */
  config = msa_config_lines_parse (data != NULL ? data : "", size, MSA_CONFIG_LINES_NONE,
                                   clawsrc_wanted, &groups, NULL);
  for (guint i = 0; config != NULL && i < groups->len; i++)
    {
      const char *version = msa_config_lines_get (config, g_ptr_array_index (groups, i), "config_version");

      if (version != NULL)
        claws->config_version = atoi (version);
    }
}

static void
read_claws_folder (MsaScanContext *context,
                   GFile          *dir)
{
  g_autoptr(GFile) clawsrc = g_file_get_child (dir, "clawsrc");
  Claws *claws = g_new0 (Claws, 1);

  claws->accountrc = g_file_get_child (dir, "accountrc");
  msa_scan_context_add_finish (context, on_claws_read, claws, claws_free);
  msa_scan_context_read_file (context, claws->accountrc, on_accountrc_read, claws);
  msa_scan_context_read_file (context, clawsrc, on_clawsrc_read, claws);
}

void
msa_reader_claws_start (MsaScanContext *context)
{
  g_autoptr(GFile) dir = g_file_get_child (msa_scan_context_get_home (context), ".claws-mail");

  read_claws_folder (context, dir);
  /* A chosen folder: Claws Mail's folder itself. */
  if (msa_scan_context_get_folder (context) != NULL)
    read_claws_folder (context, msa_scan_context_get_folder (context));
}
