/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-account-scan.h"
#include "msa-discovery.h"

#include <json-glib/json-glib.h>

#include "msa-report.h"
#include <string.h>

#include "msa-scan-context.h"

/* The scan of the mail programs' account stores in one home: every
 * reader starts at once, reads only its own program's files (never a
 * password or key store, never a write), and the scan ends when the last
 * read has answered.  Each server then gets its verdict, and where its
 * host belongs to a known provider, the provider's encrypted server as
 * the change to make. */

struct _MsaAccountScan
{
  GObject     parent_instance;

  GFile      *home;
  GFile      *config;
  GFile      *folder;
  GPtrArray  *profiles;
  GHashTable *discovered;   /* address domain → MsaProfile */

  GListStore *accounts;
  GPtrArray  *unreadable;
  gboolean    running;
};

G_DEFINE_FINAL_TYPE (MsaAccountScan, msa_account_scan, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_HOME,
  PROP_CONFIG,
  PROP_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
msa_unreadable_free (MsaUnreadable *unreadable)
{
  if (unreadable == NULL)
    return;
  g_free (unreadable->path);
  g_free (unreadable->message);
  g_free (unreadable);
}

/* Changes */

static MsaProfile *
find_provider (MsaAccountScan *self,
               MsaServer      *server)
{
  for (guint i = 0; i < self->profiles->len; i++)
    if (msa_profile_owns_host (g_ptr_array_index (self->profiles, i), msa_server_get_hostname (server)))
      return g_ptr_array_index (self->profiles, i);

  return NULL;
}

/* An encrypted server of the program's own choosing stays as it is; the
 * others get the provider's server for SSL/TLS (or STARTTLS where it
 * offers nothing else), unless they already use exactly that. */
static MsaServer *
find_change (MsaAccountScan  *self,
             MsaFoundAccount *account,
             MsaFoundServer  *found)
{
  MsaServer *server = msa_found_server_get_server (found);
  MsaProfile *profile;
  MsaProtocol protocol = msa_server_get_protocol (server);
  MsaServer *target;

  if (msa_found_server_get_verdict (found) == MSA_VERDICT_ENCRYPTED)
    return NULL;
  profile = find_provider (self, server);
  if (profile == NULL)
    {
      /* The provider discovery found for the account's address. */
      g_autofree char *domain = msa_found_account_dup_domain (account);

      if (domain != NULL)
        profile = g_hash_table_lookup (self->discovered, domain);
    }
  if (profile == NULL)
    return NULL;

  /* RFC 8314: TLS from the first byte where the provider offers it. */
  target = msa_profile_find_server (profile, protocol, MSA_SECURITY_SSL);
  if (target == NULL)
    target = msa_profile_find_server (profile, protocol, MSA_SECURITY_STARTTLS);
  if (target == NULL)
    return NULL;

  if (g_ascii_strcasecmp (msa_server_get_hostname (target), msa_server_get_hostname (server)) == 0
      && msa_server_get_port (target) == msa_server_get_port (server)
      && msa_server_get_security (target) == msa_server_get_security (server))
    return NULL;

  return msa_server_new (protocol,
                         msa_server_get_hostname (target),
                         msa_server_get_port (target),
                         msa_server_get_security (target));
}

static void
update_changes (MsaAccountScan  *self,
                MsaFoundAccount *account)
{
  GListModel *servers = msa_found_account_get_servers (account);
  guint n = g_list_model_get_n_items (servers);

  for (guint j = 0; j < n; j++)
    {
      g_autoptr(MsaFoundServer) found = g_list_model_get_item (servers, j);
      g_autoptr(MsaServer) change = find_change (self, account, found);

      msa_found_server_set_change (found, change);
    }
}

static int
compare_accounts (gconstpointer a,
                  gconstpointer b)
{
  MsaFoundAccount *first = *(MsaFoundAccount * const *) a;
  MsaFoundAccount *second = *(MsaFoundAccount * const *) b;
  int order = (int) msa_found_account_get_program (first) - (int) msa_found_account_get_program (second);

  if (order != 0)
    return order;
  return g_strcmp0 (msa_found_account_get_source (first), msa_found_account_get_source (second));
}

static int
compare_unreadable (gconstpointer a,
                    gconstpointer b)
{
  const MsaUnreadable *first = *(MsaUnreadable * const *) a;
  const MsaUnreadable *second = *(MsaUnreadable * const *) b;

  return g_strcmp0 (first->path, second->path);
}

static void
on_scan_done (MsaScanContext *context,
              gpointer        user_data)
{
  g_autoptr(GTask) task = user_data;
  MsaAccountScan *self = g_task_get_source_object (task);
  GPtrArray *accounts = msa_scan_context_get_accounts (context);
  GPtrArray *unreadable = msa_scan_context_get_unreadable (context);

  self->running = FALSE;
  if (g_task_return_error_if_cancelled (task))
    {
      msa_scan_context_free (context);
      return;
    }

  /* Stable: the accounts of one file keep the program's own order. */
  g_ptr_array_sort (accounts, compare_accounts);
  g_ptr_array_sort (unreadable, compare_unreadable);

  for (guint i = 0; i < accounts->len; i++)
    update_changes (self, g_ptr_array_index (accounts, i));

  g_list_store_splice (self->accounts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->accounts)),
                       accounts->pdata, accounts->len);
  g_ptr_array_set_size (self->unreadable, 0);
  for (guint i = 0; i < unreadable->len; i++)
    g_ptr_array_add (self->unreadable, g_steal_pointer (&unreadable->pdata[i]));
  g_ptr_array_set_free_func (unreadable, NULL);
  g_ptr_array_set_size (unreadable, 0);
  g_ptr_array_set_free_func (unreadable, (GDestroyNotify) msa_unreadable_free);

  msa_scan_context_free (context);
  g_task_return_boolean (task, TRUE);
}

static void
msa_account_scan_dispose (GObject *object)
{
  MsaAccountScan *self = MSA_ACCOUNT_SCAN (object);

  g_clear_object (&self->home);
  g_clear_object (&self->config);
  g_clear_object (&self->folder);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->discovered, g_hash_table_unref);
  g_clear_pointer (&self->unreadable, g_ptr_array_unref);

  G_OBJECT_CLASS (msa_account_scan_parent_class)->dispose (object);
}

static void
msa_account_scan_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MsaAccountScan *self = MSA_ACCOUNT_SCAN (object);

  switch (prop_id)
    {
    case PROP_HOME:
      g_value_set_object (value, self->home);
      break;
    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_account_scan_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MsaAccountScan *self = MSA_ACCOUNT_SCAN (object);

  switch (prop_id)
    {
    case PROP_HOME:
      self->home = g_value_dup_object (value);
      break;
    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;
    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_account_scan_class_init (MsaAccountScanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msa_account_scan_dispose;
  object_class->get_property = msa_account_scan_get_property;
  object_class->set_property = msa_account_scan_set_property;

  /* The home folder: Thunderbird, Claws Mail and the Flatpak and Snap
   * copies live under it. */
  properties[PROP_HOME] =
    g_param_spec_object ("home", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* The configuration folder ($XDG_CONFIG_HOME): Evolution, KMail,
   * Geary, GNOME Online Accounts. */
  properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* A mail program's own folder that the user chose: its files are also
   * read directly in it (see msa_account_scan_new_for_folder()). */
  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* Every scan knows the built-in provider profiles. */
static void
msa_account_scan_init (MsaAccountScan *self)
{
  self->profiles = g_ptr_array_new_with_free_func (g_object_unref);
  self->discovered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_ptr_array_add (self->profiles, msa_profile_new_builtin ());
  self->accounts = g_list_store_new (MSA_TYPE_FOUND_ACCOUNT);
  self->unreadable = g_ptr_array_new_with_free_func ((GDestroyNotify) msa_unreadable_free);
}

/**
 * msa_account_scan_new:
 * @home: the home folder
 * @config: the configuration folder
 *
 * The scan knows the built-in provider profiles; add others with
 * msa_account_scan_add_profile().
 *
 * Returns: (transfer full): a new scan of @home and @config
 */
MsaAccountScan *
msa_account_scan_new (GFile *home,
                      GFile *config)
{
  g_return_val_if_fail (G_IS_FILE (home), NULL);
  g_return_val_if_fail (G_IS_FILE (config), NULL);

  return g_object_new (MSA_TYPE_ACCOUNT_SCAN, "home", home, "config", config, NULL);
}

/**
 * msa_account_scan_new_for_user:
 *
 * The user's home and configuration folders as GLib finds them ($HOME,
 * $XDG_CONFIG_HOME).  Inside a Flatpak, $XDG_CONFIG_HOME is the sandbox's
 * own; the mail programs' settings are in the host's, which Flatpak
 * names in $HOST_XDG_CONFIG_HOME (or ~/.config where it does not).
 *
 * Returns: (transfer full): a new scan
 */
MsaAccountScan *
msa_account_scan_new_for_user (void)
{
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autoptr(GFile) config = NULL;

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      const char *host_config = g_getenv ("HOST_XDG_CONFIG_HOME");

      if (host_config != NULL && g_path_is_absolute (host_config))
        config = g_file_new_for_path (host_config);
      else
        config = g_file_get_child (home, ".config");
    }
  else
    config = g_file_new_for_path (g_get_user_config_dir ());

  return msa_account_scan_new (home, config);
}

/**
 * msa_account_scan_new_for_folder:
 * @folder: a folder the user chose
 *
 * For a mail program's folder that the usual places do not reach (inside
 * a Flatpak, where only the granted paths are visible, the file chooser
 * portal hands the chosen folder over): @folder is read as a home and a
 * configuration folder, and each reader also reads its own files directly
 * in it — a Thunderbird profile or its profiles.ini, Evolution's sources,
 * a Geary account folder or Geary's folder, Claws Mail's folder, GNOME
 * Online Accounts' folder, KMail's configuration folder.
 *
 * Returns: (transfer full): a new scan
 */
MsaAccountScan *
msa_account_scan_new_for_folder (GFile *folder)
{
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  return g_object_new (MSA_TYPE_ACCOUNT_SCAN, "home", folder, "config", folder, "folder", folder, NULL);
}

/**
 * msa_account_scan_get_folder:
 * @self: a scan
 *
 * Returns: (transfer none) (nullable): the chosen folder, or %NULL for a
 *   scan of the usual places
 */
GFile *
msa_account_scan_get_folder (MsaAccountScan *self)
{
  g_return_val_if_fail (MSA_IS_ACCOUNT_SCAN (self), NULL);

  return self->folder;
}

GFile *
msa_account_scan_get_home (MsaAccountScan *self)
{
  g_return_val_if_fail (MSA_IS_ACCOUNT_SCAN (self), NULL);

  return self->home;
}

GFile *
msa_account_scan_get_config (MsaAccountScan *self)
{
  g_return_val_if_fail (MSA_IS_ACCOUNT_SCAN (self), NULL);

  return self->config;
}

/**
 * msa_account_scan_add_profile:
 * @self: a scan
 * @profile: a provider's profile
 *
 * Servers under @profile's domains, or named in it, get its encrypted
 * servers as their change.  Profiles added first win.
 */
void
msa_account_scan_add_profile (MsaAccountScan *self,
                              MsaProfile     *profile)
{
  g_return_if_fail (MSA_IS_ACCOUNT_SCAN (self));
  g_return_if_fail (MSA_IS_PROFILE (profile));

  g_ptr_array_add (self->profiles, g_object_ref (profile));
}

/**
 * msa_account_scan_get_unknown_domains:
 * @self: a scan that has run
 *
 * The domains of the accounts' addresses whose provider the scan does not
 * know: an account with a server that is not encrypted from the first
 * byte, no change for it, and no profile yet found for the domain.
 *
 * Returns: (transfer full): the domains, each once
 */
GStrv
msa_account_scan_get_unknown_domains (MsaAccountScan *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_accounts;

  g_return_val_if_fail (MSA_IS_ACCOUNT_SCAN (self), NULL);

  n_accounts = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(MsaFoundAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      GListModel *servers = msa_found_account_get_servers (account);
      g_autofree char *domain = msa_found_account_dup_domain (account);
      gboolean wanted = FALSE;

      if (domain == NULL || g_hash_table_contains (seen, domain)
          || g_hash_table_contains (self->discovered, domain))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (servers); j++)
        {
          g_autoptr(MsaFoundServer) found = g_list_model_get_item (servers, j);

          wanted |= msa_found_server_get_verdict (found) != MSA_VERDICT_ENCRYPTED
                    && msa_found_server_get_change (found) == NULL
                    && find_provider (self, msa_found_server_get_server (found)) == NULL;
        }
      if (!wanted)
        continue;
      g_strv_builder_add (builder, domain);
      g_hash_table_add (seen, g_steal_pointer (&domain));
    }

  return g_strv_builder_end (builder);
}

/**
 * msa_account_scan_add_discovered:
 * @self: a scan
 * @domain: the domain of accounts' addresses
 * @profile: the profile discovery found for it
 *
 * The accounts of addresses at @domain take their changes from @profile
 * where no built-in or added profile owns their servers; the changes of
 * the last run are brought up to date.
 */
void
msa_account_scan_add_discovered (MsaAccountScan *self,
                                 const char     *domain,
                                 MsaProfile     *profile)
{
  guint n_accounts;

  g_return_if_fail (MSA_IS_ACCOUNT_SCAN (self));
  g_return_if_fail (domain != NULL);
  g_return_if_fail (MSA_IS_PROFILE (profile));

  g_hash_table_replace (self->discovered, g_ascii_strdown (domain, -1), g_object_ref (profile));
  n_accounts = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(MsaFoundAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      update_changes (self, account);
    }
}

/**
 * msa_account_scan_run_async:
 * @self: a scan
 * @cancellable: (nullable): cancels the scan
 * @callback: called when every reader has finished
 * @user_data: for @callback
 *
 * Reads the account stores.  Unreadable and malformed files are listed
 * by msa_account_scan_get_unreadable() and never end the scan.
 */
void
msa_account_scan_run_async (MsaAccountScan      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MsaScanContext *context;

  g_return_if_fail (MSA_IS_ACCOUNT_SCAN (self));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msa_account_scan_run_async);
  self->running = TRUE;

  context = msa_scan_context_new (self->home, self->config, self->folder, cancellable);
  msa_scan_context_set_done_func (context, on_scan_done, g_steal_pointer (&task));

  /* Held until every reader has started, so that a reader that finds
   * nothing at once cannot end the scan before the next one begins. */
  msa_scan_context_hold (context);
  msa_reader_thunderbird_start (context);
  msa_reader_evolution_start (context);
  msa_reader_kmail_start (context);
  msa_reader_geary_start (context);
  msa_reader_claws_start (context);
  msa_reader_goa_start (context);
  msa_scan_context_release (context);
}

gboolean
msa_account_scan_run_finish (MsaAccountScan  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (MSA_IS_ACCOUNT_SCAN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * msa_account_scan_get_accounts:
 * @self: a scan
 *
 * Returns: (transfer none): the #MsaFoundAccount list of the last run, by
 *   program and file, each file's accounts in the program's order
 */
GListModel *
msa_account_scan_get_accounts (MsaAccountScan *self)
{
  g_return_val_if_fail (MSA_IS_ACCOUNT_SCAN (self), NULL);

  return G_LIST_MODEL (self->accounts);
}

/**
 * msa_account_scan_get_unreadable:
 * @self: a scan
 *
 * Returns: (transfer none) (element-type MsaUnreadable): the files of the
 *   last run that could not be read, by path
 */
GPtrArray *
msa_account_scan_get_unreadable (MsaAccountScan *self)
{
  g_return_val_if_fail (MSA_IS_ACCOUNT_SCAN (self), NULL);

  return self->unreadable;
}

/**
 * msa_account_scan_get_all_encrypted:
 * @self: a scan
 *
 * Returns: %TRUE when no server found is unencrypted or ignores
 *   certificate errors (STARTTLS counts as encrypted; no server at all
 *   is %TRUE)
 */
gboolean
msa_account_scan_get_all_encrypted (MsaAccountScan *self)
{
  guint n;

  g_return_val_if_fail (MSA_IS_ACCOUNT_SCAN (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaFoundAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      MsaVerdict verdict = msa_found_account_get_worst_verdict (account);

      if (verdict == MSA_VERDICT_UNENCRYPTED || verdict == MSA_VERDICT_CERTIFICATE_ERRORS_IGNORED)
        return FALSE;
    }

  return TRUE;
}

/**
 * msa_account_scan_to_json:
 * @self: a scan that has run
 *
 * The `--scan --json` object: the accounts with each server's verdict
 * and change, and the unreadable files.
 *
 * Returns: (transfer full): JSON text ending in a newline
 */
char *
msa_account_scan_to_json (MsaAccountScan *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n;

  g_return_val_if_fail (MSA_IS_ACCOUNT_SCAN (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaFoundAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      GListModel *servers = msa_found_account_get_servers (account);
      guint n_servers = g_list_model_get_n_items (servers);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "program");
      json_builder_add_string_value (builder, msa_mail_program_to_string (msa_found_account_get_program (account)));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, msa_found_account_get_source (account));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, msa_found_account_get_name (account));
      json_builder_set_member_name (builder, "servers");
      json_builder_begin_array (builder);
      for (guint j = 0; j < n_servers; j++)
        {
          g_autoptr(MsaFoundServer) found = g_list_model_get_item (servers, j);
          MsaServer *server = msa_found_server_get_server (found);
          MsaServer *change = msa_found_server_get_change (found);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "direction");
          json_builder_add_string_value (builder, msa_server_is_incoming (server) ? "incoming" : "outgoing");
          json_builder_set_member_name (builder, "protocol");
          json_builder_add_string_value (builder, msa_protocol_to_string (msa_server_get_protocol (server)));
          msa_report_add_server_settings (builder, server);
          json_builder_set_member_name (builder, "verdict");
          json_builder_add_string_value (builder, msa_verdict_to_string (msa_found_server_get_verdict (found)));
          json_builder_set_member_name (builder, "change");
          if (change != NULL)
            {
              json_builder_begin_object (builder);
              msa_report_add_server_settings (builder, change);
              json_builder_end_object (builder);
            }
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "unreadable");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->unreadable->len; i++)
    {
      const MsaUnreadable *unreadable = g_ptr_array_index (self->unreadable, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, unreadable->path);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, unreadable->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return msa_report_json_to_text (root);
}
