/* SPDX-License-Identifier: GPL-3.0-or-later */
/* KMail's accounts are Akonadi resources, each with its own KConfig file
 * in $XDG_CONFIG_HOME; the outgoing servers are in mailtransports.
 * KConfig does not write a value that equals its default
 * (kconfig src/core/kcoreconfigskeleton.cpp), so a missing key means the
 * default of the resource's settings file:
 *   akonadi_imap_resource_*rc  [network] name, ImapServer, ImapPort (993),
 *                              Safety ("SSL"; "STARTTLS"; anything else
 *                              none, compared exactly), OverrideEncryption
 *                              kdepim-runtime resources/imap/imapresource.kcfg,
 *                              resources/imap/settings.cpp (loadAccount)
 *   akonadi_pop3_resource_*rc  [General] name, host, port (110),
 *                              useSSL (false), useTLS (false: STARTTLS)
 *                              kdepim-runtime resources/pop3/settings.kcfg
 *   mailtransports             [Transport <id>] name, identifier (SMTP),
 *                              host, port (465), encryption (SSL; None,
 *                              TLS = STARTTLS; names in any case, or 0-2)
 *                              kmailtransport src/mailtransport.kcfg
 * The transports' defaults are those of current kmailtransport (465 and
 * SSL since 25.12; 587/SSL from 24.05, 25/None before): a file without
 * the keys is read that way by the KMail that reads it today. */
#include "config.h"

#include "msa-scan-context.h"

#include <glib/gi18n.h>
#include <string.h>

#include "msa-config-lines.h"

static const char * const imap_keys[] = { "name", "ImapServer", "ImapPort", "Safety", "OverrideEncryption", NULL };
static const char * const pop3_keys[] = { "name", "host", "port", "useSSL", "useTLS", NULL };
static const char * const transport_keys[] = { "name", "identifier", "type", "host", "port", "encryption", NULL };

typedef struct
{
  GPtrArray *accounts;  /* incoming, in file order */
  GPtrArray *transports;
} KMail;

static void
kmail_free (gpointer data)
{
  KMail *kmail = data;

  g_clear_pointer (&kmail->accounts, g_ptr_array_unref);
  g_clear_pointer (&kmail->transports, g_ptr_array_unref);
  g_free (kmail);
}

static int
get_int (GHashTable *config,
         const char *group,
         const char *key,
         int         fallback)
{
  const char *text = msa_config_lines_get (config, group, key);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, &value, NULL))
    return fallback;
  return (int) value;
}

static gboolean
get_bool (GHashTable *config,
          const char *group,
          const char *key,
          gboolean    fallback)
{
  const char *text = msa_config_lines_get (config, group, key);

  /* KConfig: false only for "false", "no", "off" and "0"
   * (kconfig src/core/kconfiggroup.cpp) */
  if (text == NULL)
    return fallback;
  return g_ascii_strcasecmp (text, "false") != 0 && g_ascii_strcasecmp (text, "no") != 0
         && g_ascii_strcasecmp (text, "off") != 0 && g_strcmp0 (text, "0") != 0;
}

static MsaServer *
make_server (MsaProtocol  protocol,
             const char  *host,
             int          port,
             MsaSecurity  security)
{
  if (host == NULL || *host == '\0')
    return NULL;
  if (port <= 0 || port > G_MAXUINT16)
    port = 0;
  return msa_server_new (protocol, host, (guint16) port, security);
}

static GHashTable *
parse (MsaScanContext     *context,
       GFile              *file,
       GBytes             *contents,
       const char * const *keys)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);
  GHashTable *config = msa_config_lines_parse (data != NULL ? data : "", size,
                                               MSA_CONFIG_LINES_KCONFIG_ESCAPES, keys, NULL, &error);

  if (config == NULL)
    msa_scan_context_add_unreadable (context, file, error->message);
  return config;
}

static void
add_incoming (MsaScanContext *context,
              KMail          *kmail,
              GFile          *file,
              const char     *name,
              MsaServer      *server)
{
  g_autofree char *path = msa_scan_context_dup_display_path (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(MsaFoundAccount) account = NULL;
  g_autoptr(MsaFoundServer) found = msa_found_server_new (server, FALSE);

  /* Without a name of its own, the resource is called by its identifier:
   * "akonadi_imap_resource_0rc" → "akonadi_imap_resource_0". */
  basename[strlen (basename) - 2] = '\0';
  account = msa_found_account_new (MSA_MAIL_PROGRAM_KMAIL, path,
                                   name != NULL && *name != '\0' ? name : basename);
  msa_found_account_add_server (account, found);
  g_ptr_array_add (kmail->accounts, g_steal_pointer (&account));
}

static void
on_imap_read (MsaScanContext *context,
              GFile          *file,
              GBytes         *contents,
              gpointer        user_data)
{
  g_autoptr(GHashTable) config = parse (context, file, contents, imap_keys);
  g_autoptr(MsaServer) server = NULL;
  const char *safety, *override;
  MsaSecurity security;

  if (config == NULL)
    return;

  safety = msa_config_lines_get (config, "network", "Safety");
  override = msa_config_lines_get (config, "network", "OverrideEncryption");
  if (override != NULL && *override != '\0')
    {
      /* settings.cpp: SSLV2, SSLV3, TLSV1 and SSL are implicit TLS */
      if (g_str_equal (override, "STARTTLS"))
        security = MSA_SECURITY_STARTTLS;
      else if (g_str_equal (override, "SSL") || g_str_equal (override, "SSLV2")
               || g_str_equal (override, "SSLV3") || g_str_equal (override, "TLSV1"))
        security = MSA_SECURITY_SSL;
      else
        security = MSA_SECURITY_PLAIN;
    }
  else if (safety == NULL || g_str_equal (safety, "SSL"))
    security = MSA_SECURITY_SSL;
  else if (g_str_equal (safety, "STARTTLS"))
    security = MSA_SECURITY_STARTTLS;
  else
    security = MSA_SECURITY_PLAIN;

  server = make_server (MSA_PROTOCOL_IMAP, msa_config_lines_get (config, "network", "ImapServer"),
                        get_int (config, "network", "ImapPort", 993), security);
  if (server != NULL)
    add_incoming (context, user_data, file, msa_config_lines_get (config, "network", "name"), server);
}

static void
on_pop3_read (MsaScanContext *context,
              GFile          *file,
              GBytes         *contents,
              gpointer        user_data)
{
  g_autoptr(GHashTable) config = parse (context, file, contents, pop3_keys);
  g_autoptr(MsaServer) server = NULL;
  MsaSecurity security;

  if (config == NULL)
    return;

  if (get_bool (config, "General", "useSSL", FALSE))
    security = MSA_SECURITY_SSL;
  else if (get_bool (config, "General", "useTLS", FALSE))
    security = MSA_SECURITY_STARTTLS;
  else
    security = MSA_SECURITY_PLAIN;

  server = make_server (MSA_PROTOCOL_POP3, msa_config_lines_get (config, "General", "host"),
                        get_int (config, "General", "port", 110), security);
  if (server != NULL)
    add_incoming (context, user_data, file, msa_config_lines_get (config, "General", "name"), server);
}

static void
on_transports_read (MsaScanContext *context,
                    GFile          *file,
                    GBytes         *contents,
                    gpointer        user_data)
{
  KMail *kmail = user_data;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) config = NULL;
  g_autofree char *path = msa_scan_context_dup_display_path (file);
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  config = msa_config_lines_parse (data != NULL ? data : "", size,
                                   MSA_CONFIG_LINES_KCONFIG_ESCAPES, transport_keys, &groups, &error);
  if (config == NULL)
    {
      msa_scan_context_add_unreadable (context, file, error->message);
      return;
    }

  for (guint i = 0; i < groups->len; i++)
    {
      const char *group = g_ptr_array_index (groups, i);
      const char *encryption = msa_config_lines_get (config, group, "encryption");
      const char *identifier = msa_config_lines_get (config, group, "identifier");
      const char *type = msa_config_lines_get (config, group, "type");
      const char *name = msa_config_lines_get (config, group, "name");
      g_autoptr(MsaServer) server = NULL;
      g_autoptr(MsaFoundAccount) account = NULL;
      g_autoptr(MsaFoundServer) found = NULL;
      MsaSecurity security;

      /* SMTP only: an Akonadi transport's identifier is an agent type and
       * its "host" an agent (src/transportmanager.cpp, and the "type"
       * key that kmailtransport wrote before 2017). */
      if (!g_str_has_prefix (group, "Transport ")
          || (identifier != NULL && g_ascii_strcasecmp (identifier, "SMTP") != 0)
          || (type != NULL && g_ascii_strcasecmp (type, "SMTP") != 0 && g_strcmp0 (type, "0") != 0))
        continue;

      if (encryption == NULL || g_ascii_strcasecmp (encryption, "SSL") == 0 || g_strcmp0 (encryption, "1") == 0)
        security = MSA_SECURITY_SSL;
      else if (g_ascii_strcasecmp (encryption, "TLS") == 0 || g_strcmp0 (encryption, "2") == 0)
        security = MSA_SECURITY_STARTTLS;
      else
        security = MSA_SECURITY_PLAIN;

      server = make_server (MSA_PROTOCOL_SMTP, msa_config_lines_get (config, group, "host"),
                            get_int (config, group, "port", 465), security);
      if (server == NULL)
        continue;

      found = msa_found_server_new (server, FALSE);
      account = msa_found_account_new (MSA_MAIL_PROGRAM_KMAIL, path,
                                       name != NULL && *name != '\0' ? name : msa_server_get_hostname (server));
      msa_found_account_add_server (account, found);
      g_ptr_array_add (kmail->transports, g_steal_pointer (&account));
    }
}

/* KMail ties an identity, not an account, to a transport: the outgoing
 * servers are listed as accounts of their own. */
static void
on_kmail_read (MsaScanContext *context,
               gpointer        user_data)
{
  KMail *kmail = user_data;

  for (guint i = 0; i < kmail->accounts->len; i++)
    msa_scan_context_add_account (context, g_ptr_array_index (kmail->accounts, i));
  for (guint i = 0; i < kmail->transports->len; i++)
    msa_scan_context_add_account (context, g_ptr_array_index (kmail->transports, i));
}

static void
on_config_listed (MsaScanContext     *context,
                  GFile              *dir,
                  const char * const *names,
                  gpointer            user_data)
{
  KMail *kmail = user_data;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (dir, names[i]);

      if (!g_str_has_suffix (names[i], "rc"))
        continue;
      if (g_str_has_prefix (names[i], "akonadi_imap_resource_"))
        msa_scan_context_read_file (context, file, on_imap_read, kmail);
      else if (g_str_has_prefix (names[i], "akonadi_pop3_resource_"))
        msa_scan_context_read_file (context, file, on_pop3_read, kmail);
    }
}

void
msa_reader_kmail_start (MsaScanContext *context)
{
  GFile *config = msa_scan_context_get_config (context);
  g_autoptr(GFile) transports = g_file_get_child (config, "mailtransports");
  KMail *kmail = g_new0 (KMail, 1);

  kmail->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  kmail->transports = g_ptr_array_new_with_free_func (g_object_unref);
  msa_scan_context_add_finish (context, on_kmail_read, kmail, kmail_free);

  msa_scan_context_list_dir (context, config, on_config_listed, kmail);
  msa_scan_context_read_file (context, transports, on_transports_read, kmail);
}
