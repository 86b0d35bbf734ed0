/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Thunderbird's accounts: profiles.ini names the profiles
 * (toolkit/profile/nsToolkitProfileService.cpp: [ProfileN] Path=,
 * IsRelative=1 for a path relative to the folder of profiles.ini); each
 * profile's prefs.js holds the accounts (parsed in msa-prefs-js.c) and
 * cert_override.txt the certificate exceptions the user accepted
 * (security/manager/ssl/nsCertOverrideService.cpp).  logins.json and
 * key4.db, the password stores, are never opened.
 *
 * The preference names, from comm-central's mailnews:
 *   mail.accountmanager.accounts              comma-separated account keys
 *   mail.account.KEY.server, .identities      base/src/nsMsgAccount.cpp
 *   mail.server.KEY.type, .hostname, .realhostname, .port, .socketType,
 *     .name                                   base/src/nsMsgIncomingServer.cpp
 *   mail.identity.KEY.useremail, .smtpServer  base/src/nsMsgIdentity.cpp
 *   mail.smtp.defaultserver, else the first of mail.smtpservers
 *                                             compose/src/OutgoingServerService.sys.mjs
 *   mail.smtpserver.KEY.type, .hostname, .port, .try_ssl
 *                                             compose/src/SmtpServer.sys.mjs
 * socketType and try_ssl share nsMsgSocketType (base/public/
 * MailNewsTypes2.idl): 0 plain, 1 "STARTTLS if available" (until
 * Thunderbird 131; an attacker can strip it: unencrypted), 2 STARTTLS,
 * 3 SSL/TLS; the default of both is 0 (mailnews/mailnews.js), and an old
 * profile's isSecure=true without a socketType means 3.  An incoming
 * port of 0 or -1, or none, is the standard one (993/143, 995/110); an
 * outgoing one is 465 with SSL/TLS, else 587 (SmtpClient.sys.mjs: never
 * 25).  Server types other than imap and pop3 (none for Local Folders,
 * nntp, rss, im, ews, graph) and outgoing servers of a type other than
 * smtp (ews) are nothing this assistant checks. */
#include "config.h"

#include "msa-scan-context.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "msa-prefs-js.h"

typedef struct
{
  char       *prefs_path;
  GHashTable *prefs;
  GHashTable *overrides;  /* "host:port" (lower case) */
} Profile;

static void
profile_free (gpointer data)
{
  Profile *profile = data;

  g_clear_pointer (&profile->prefs_path, g_free);
  g_clear_pointer (&profile->prefs, g_hash_table_unref);
  g_clear_pointer (&profile->overrides, g_hash_table_unref);
  g_free (profile);
}

/* The value of "PREFIX.KEY.LEAF", e.g. mail.server.server1.hostname */
static const char *
get_pref (Profile    *profile,
          const char *prefix,
          const char *key,
          const char *leaf)
{
  g_autofree char *name = g_strjoin (".", prefix, key, leaf, NULL);

  return g_hash_table_lookup (profile->prefs, name);
}

static int
get_int (const char *text,
         int         fallback)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, &value, NULL))
    return fallback;
  return (int) value;
}

static MsaSecurity
security_from_socket_type (int socket_type)
{
  switch (socket_type)
    {
    case 3:
      return MSA_SECURITY_SSL;
    case 2:
      return MSA_SECURITY_STARTTLS;
    case 1: /* STARTTLS only if the server offers it: strippable */
    case 0:
    default:
      return MSA_SECURITY_PLAIN;
    }
}

static MsaFoundServer *
found_server (Profile     *profile,
              MsaProtocol  protocol,
              const char  *host,
              int          port,
              MsaSecurity  security)
{
  g_autoptr(MsaServer) server = NULL;
  g_autofree char *override = NULL;
  g_autofree char *override_key = NULL;

  if (port <= 0 || port > G_MAXUINT16)
    port = 0;
  server = msa_server_new (protocol, host, (guint16) port, security);
  override = g_strdup_printf ("%s:%u", msa_server_get_hostname (server), msa_server_get_port (server));
  override_key = g_ascii_strdown (override, -1);

  return msa_found_server_new (server,
                               profile->overrides != NULL
                               && security != MSA_SECURITY_PLAIN
                               && g_hash_table_contains (profile->overrides, override_key));
}

static MsaFoundServer *
smtp_server (Profile    *profile,
             const char *key)
{
  const char *host = get_pref (profile, "mail.smtpserver", key, "hostname");
  const char *type;
  MsaSecurity security;
  int port;

  if (host == NULL || *host == '\0')
    return NULL;

  type = get_pref (profile, "mail.smtpserver", key, "type");
  if (type != NULL && g_strcmp0 (type, "smtp") != 0)
    return NULL;

  security = security_from_socket_type (get_int (get_pref (profile, "mail.smtpserver", key, "try_ssl"), 0));
  port = get_int (get_pref (profile, "mail.smtpserver", key, "port"), 0);
  if (port <= 0)
    port = security == MSA_SECURITY_SSL ? 465 : 587;
  return found_server (profile, MSA_PROTOCOL_SMTP, host, port, security);
}

static void
read_accounts (MsaScanContext *context,
               Profile        *profile)
{
  const char *list = g_hash_table_lookup (profile->prefs, "mail.accountmanager.accounts");
  g_auto(GStrv) keys = g_strsplit (list != NULL ? list : "", ",", -1);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *account_key = g_strstrip (keys[i]);
      const char *server_key = get_pref (profile, "mail.account", account_key, "server");
      const char *type, *host, *name, *identities, *socket_type;
      g_autoptr(MsaFoundAccount) account = NULL;
      g_autoptr(MsaFoundServer) incoming = NULL;
      g_autoptr(MsaFoundServer) outgoing = NULL;
      MsaProtocol protocol;

      if (*account_key == '\0' || server_key == NULL)
        continue;

      /* "imap" and "pop3"; "none" is Local Folders, "nntp" news, "rss"
       * feeds, "ews" Exchange: nothing this assistant checks. */
      type = get_pref (profile, "mail.server", server_key, "type");
      if (g_strcmp0 (type, "imap") == 0)
        protocol = MSA_PROTOCOL_IMAP;
      else if (g_strcmp0 (type, "pop3") == 0)
        protocol = MSA_PROTOCOL_POP3;
      else
        continue;

      /* A changed server name goes to realhostname; hostname stays the
       * name the account was made with (nsMsgIncomingServer::GetHostName
       * prefers realhostname). */
      host = get_pref (profile, "mail.server", server_key, "realhostname");
      if (host == NULL || *host == '\0')
        host = get_pref (profile, "mail.server", server_key, "hostname");
      if (host == NULL || *host == '\0')
        continue;

      socket_type = get_pref (profile, "mail.server", server_key, "socketType");
      if (socket_type == NULL
          && g_strcmp0 (get_pref (profile, "mail.server", server_key, "isSecure"), "true") == 0)
        socket_type = "3";
      incoming = found_server (profile, protocol, host,
                               get_int (get_pref (profile, "mail.server", server_key, "port"), 0),
                               security_from_socket_type (get_int (socket_type, 0)));

      name = get_pref (profile, "mail.server", server_key, "name");
      account = msa_found_account_new (MSA_MAIL_PROGRAM_THUNDERBIRD, profile->prefs_path,
                                       name != NULL && *name != '\0' ? name : host);
      msa_found_account_add_server (account, incoming);

      /* The first identity is the account's default one; its outgoing
       * server, or the profile's default outgoing server. */
      identities = get_pref (profile, "mail.account", account_key, "identities");
      if (identities != NULL)
        {
          g_auto(GStrv) ids = g_strsplit (identities, ",", 2);
          g_auto(GStrv) smtp_keys = NULL;
          const char *identity = ids[0] != NULL ? g_strstrip (ids[0]) : "";
          const char *smtp_key = get_pref (profile, "mail.identity", identity, "smtpServer");

          if (*identity != '\0')
            msa_found_account_set_address (account, get_pref (profile, "mail.identity",
                                                              identity, "useremail"));
          if (smtp_key == NULL || *smtp_key == '\0')
            smtp_key = g_hash_table_lookup (profile->prefs, "mail.smtp.defaultserver");
          if (smtp_key == NULL || *smtp_key == '\0')
            {
              const char *servers = g_hash_table_lookup (profile->prefs, "mail.smtpservers");

              smtp_keys = g_strsplit (servers != NULL ? servers : "", ",", 2);
              smtp_key = smtp_keys[0] != NULL ? g_strstrip (smtp_keys[0]) : NULL;
            }
          if (smtp_key != NULL && *smtp_key != '\0')
            outgoing = smtp_server (profile, smtp_key);
        }
      if (outgoing != NULL)
        msa_found_account_add_server (account, outgoing);

      msa_scan_context_add_account (context, account);
    }
}

static void
on_profile_read (MsaScanContext *context,
                 gpointer        user_data)
{
  Profile *profile = user_data;

  if (profile->prefs != NULL)
    read_accounts (context, profile);
}

static void
on_prefs_read (MsaScanContext *context,
               GFile          *file,
               GBytes         *contents,
               gpointer        user_data)
{
  Profile *profile = user_data;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  profile->prefs = msa_prefs_js_parse (data != NULL ? data : "", size, &error);
  if (profile->prefs == NULL)
    msa_scan_context_add_unreadable (context, file, error->message);
}

/* cert_override.txt: a comment line, then one exception a line:
 * "host:port:<origin attributes>\t<hash OID>\t<fingerprint>\t…"
 * (older versions wrote "host:port\t…").  Only the host and port count. */
static void
on_overrides_read (MsaScanContext *context,
                   GFile          *file,
                   GBytes         *contents,
                   gpointer        user_data)
{
  Profile *profile = user_data;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);
  g_autofree char *text = g_strndup (data != NULL ? data : "", size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  profile->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_auto(GStrv) parts = NULL;
      guint64 port;

      if (lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", 2);
      if (fields[0] == NULL || fields[1] == NULL)
        continue;
      parts = g_strsplit (fields[0], ":", 3);
      if (parts[0] == NULL || parts[1] == NULL || *parts[0] == '\0'
          || !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT16, &port, NULL))
        continue;
      {
        g_autofree char *host = g_ascii_strdown (parts[0], -1);

        g_hash_table_add (profile->overrides, g_strdup_printf ("%s:%u", host, (guint) port));
      }
    }
}

/* One profile: its prefs.js and its certificate exceptions. */
static void
read_profile (MsaScanContext *context,
              GFile          *dir)
{
  Profile *profile = g_new0 (Profile, 1);
  g_autoptr(GFile) prefs = g_file_get_child (dir, "prefs.js");
  g_autoptr(GFile) overrides = g_file_get_child (dir, "cert_override.txt");

  profile->prefs_path = msa_scan_context_dup_display_path (prefs);
  msa_scan_context_add_finish (context, on_profile_read, profile, profile_free);
  msa_scan_context_read_file (context, prefs, on_prefs_read, profile);
  msa_scan_context_read_file (context, overrides, on_overrides_read, profile);
}

static void
on_profiles_ini_read (MsaScanContext *context,
                      GFile          *file,
                      GBytes         *contents,
                      gpointer        user_data)
{
  g_autoptr(GKeyFile) ini = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) base = g_file_get_parent (file);
  g_auto(GStrv) groups = NULL;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  if (!g_key_file_load_from_data (ini, data != NULL ? data : "", size, G_KEY_FILE_NONE, &error))
    {
      msa_scan_context_add_unreadable (context, file, error->message);
      return;
    }

  groups = g_key_file_get_groups (ini, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GFile) dir = NULL;

      if (!g_str_has_prefix (groups[i], "Profile"))
        continue;
      path = g_key_file_get_string (ini, groups[i], "Path", NULL);
      if (path == NULL || *path == '\0')
        continue;

      if (g_key_file_get_integer (ini, groups[i], "IsRelative", NULL) == 1)
        dir = g_file_resolve_relative_path (base, path);
      else
        dir = g_file_new_for_path (path);
      read_profile (context, dir);
    }
}

void
msa_reader_thunderbird_start (MsaScanContext *context)
{
  /* Native, the Flatpak (under its current and its earlier ID) and the
   * Snap. */
  static const char * const bases[] = {
    ".thunderbird",
    ".var/app/org.mozilla.Thunderbird/.thunderbird",
    ".var/app/org.mozilla.thunderbird/.thunderbird",
    "snap/thunderbird/common/.thunderbird",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      g_autofree char *relative = g_build_filename (bases[i], "profiles.ini", NULL);
      g_autoptr(GFile) ini = g_file_resolve_relative_path (msa_scan_context_get_home (context), relative);

      msa_scan_context_read_file (context, ini, on_profiles_ini_read, NULL);
    }

  /* A chosen folder: Thunderbird's own (profiles.ini) or one profile. */
  if (msa_scan_context_get_folder (context) != NULL)
    {
      GFile *folder = msa_scan_context_get_folder (context);
      g_autoptr(GFile) ini = g_file_get_child (folder, "profiles.ini");

      msa_scan_context_read_file (context, ini, on_profiles_ini_read, NULL);
      read_profile (context, folder);
    }
}
