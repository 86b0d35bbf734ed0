/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The account scan over fixture homes: every program's format with plain,
 * STARTTLS, SSL and certificate-ignoring accounts, several Thunderbird
 * profiles and the Flatpak copies; broken files (truncated, binary,
 * huge, a FIFO, a device, symbolic-link loops) are listed and skipped. */
#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msa-account-scan.h"
#include "msa-test-home.h"

typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} Wait;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_context_wakeup (wait->context);
}

/* Runs the scan on a private main context until it is done. */
static gboolean
run_scan (MsaAccountScan  *scan,
          GCancellable    *cancellable,
          GError         **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  Wait wait = { context, NULL };
  gboolean ok;

  g_main_context_push_thread_default (context);
  msa_account_scan_run_async (scan, cancellable, on_done_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (context, TRUE);
  ok = msa_account_scan_run_finish (scan, wait.result, error);
  g_clear_object (&wait.result);
  g_main_context_pop_thread_default (context);
  return ok;
}

static MsaAccountScan *
scan_home (const char *home)
{
  g_autoptr(GFile) home_file = g_file_new_for_path (home);
  g_autoptr(GFile) config = g_file_get_child (home_file, ".config");
  g_autoptr(GError) error = NULL;
  MsaAccountScan *scan = msa_account_scan_new (home_file, config);

  g_assert_true (run_scan (scan, NULL, &error));
  g_assert_no_error (error);
  return scan;
}

static void
test_account_scan_new_destroy (void)
{
  g_autoptr(GFile) home = g_file_new_for_path ("/nonexistent-home");
  g_autoptr(GFile) config = g_file_new_for_path ("/nonexistent-home/.config");
  MsaAccountScan *scan = msa_account_scan_new (home, config);
  g_autoptr(GError) error = NULL;

  g_assert_true (msa_account_scan_get_home (scan) == home);
  g_assert_true (msa_account_scan_get_config (scan) == config);
  /* A home without any mail program: nothing found, nothing unreadable. */
  g_assert_true (run_scan (scan, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (msa_account_scan_get_accounts (scan)), ==, 0);
  g_assert_cmpuint (msa_account_scan_get_unreadable (scan)->len, ==, 0);
  g_assert_true (msa_account_scan_get_all_encrypted (scan));
  g_assert_finalize_object (scan);
}

static void
test_found_objects (void)
{
  MsaServer *server = msa_server_new (MSA_PROTOCOL_IMAP, "imap.example.org", 0, MSA_SECURITY_STARTTLS);
  MsaFoundServer *found = msa_found_server_new (server, FALSE);
  MsaFoundServer *ignoring = msa_found_server_new (server, TRUE);
  MsaFoundAccount *account = msa_found_account_new (MSA_MAIL_PROGRAM_GEARY, "/x/geary.ini", "Anna");

  g_assert_cmpint (msa_found_server_get_verdict (found), ==, MSA_VERDICT_STARTTLS);
  g_assert_cmpint (msa_found_server_get_verdict (ignoring), ==, MSA_VERDICT_CERTIFICATE_ERRORS_IGNORED);
  g_assert_cmpstr (msa_verdict_to_string (MSA_VERDICT_CERTIFICATE_ERRORS_IGNORED), ==, "certificate-errors-ignored");
  g_assert_cmpstr (msa_mail_program_to_string (MSA_MAIL_PROGRAM_GNOME_ONLINE_ACCOUNTS), ==, "gnome-online-accounts");
  g_assert_cmpstr (msa_mail_program_to_string (MSA_MAIL_PROGRAM_CLAWS_MAIL), ==, "claws-mail");

  g_assert_cmpint (msa_found_account_get_worst_verdict (account), ==, MSA_VERDICT_ENCRYPTED);
  msa_found_account_add_server (account, found);
  g_assert_cmpint (msa_found_account_get_worst_verdict (account), ==, MSA_VERDICT_STARTTLS);
  msa_found_account_add_server (account, ignoring);
  g_assert_cmpint (msa_found_account_get_worst_verdict (account), ==, MSA_VERDICT_CERTIFICATE_ERRORS_IGNORED);
  msa_found_account_set_address (account, "anna@example.org");
  g_assert_cmpstr (msa_found_account_get_address (account), ==, "anna@example.org");

  g_object_unref (found);
  g_object_unref (ignoring);
  g_assert_finalize_object (account);
  g_assert_finalize_object (server);
}

static void
assert_server (MsaFoundServer      *found,
               const MsaTestServer *expected)
{
  MsaServer *server = msa_found_server_get_server (found);
  MsaServer *change = msa_found_server_get_change (found);

  g_assert_cmpstr (msa_protocol_to_string (msa_server_get_protocol (server)), ==, expected->protocol);
  g_assert_cmpstr (msa_server_get_hostname (server), ==, expected->host);
  g_assert_cmpuint (msa_server_get_port (server), ==, expected->port);
  g_assert_cmpstr (msa_security_to_string (msa_server_get_security (server)), ==, expected->security);
  g_assert_cmpstr (msa_verdict_to_string (msa_found_server_get_verdict (found)), ==, expected->verdict);
  if (expected->change_host == NULL)
    {
      g_assert_null (change);
      return;
    }
  g_assert_nonnull (change);
  g_assert_cmpstr (msa_server_get_hostname (change), ==, expected->change_host);
  g_assert_cmpuint (msa_server_get_port (change), ==, expected->change_port);
  g_assert_cmpstr (msa_security_to_string (msa_server_get_security (change)), ==, expected->change_security);
}

static void
test_account_scan_full_home (void)
{
  g_autoptr(char) home = msa_test_home_new ("full");
  g_autoptr(MsaAccountScan) scan = scan_home (home);
  GListModel *accounts = msa_account_scan_get_accounts (scan);
  GPtrArray *unreadable = msa_account_scan_get_unreadable (scan);

  for (guint i = 0; i < unreadable->len; i++)
    g_test_message ("unreadable: %s: %s", ((MsaUnreadable *) unreadable->pdata[i])->path,
                    ((MsaUnreadable *) unreadable->pdata[i])->message);
  g_assert_cmpuint (unreadable->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, msa_test_home_full_n_accounts);

  for (guint i = 0; i < msa_test_home_full_n_accounts; i++)
    {
      const MsaTestAccount *expected = &msa_test_home_full_accounts[i];
      g_autoptr(MsaFoundAccount) account = g_list_model_get_item (accounts, i);
      GListModel *servers = msa_found_account_get_servers (account);
      g_autofree char *source = g_build_filename (home, expected->source, NULL);
      guint n_expected = expected->servers[1].protocol != NULL ? 2 : 1;

      g_test_message ("account %u: %s", i, expected->name);
      g_assert_cmpstr (msa_mail_program_to_string (msa_found_account_get_program (account)), ==, expected->program);
      g_assert_cmpstr (msa_found_account_get_name (account), ==, expected->name);
      g_assert_cmpstr (msa_found_account_get_source (account), ==, source);
      g_assert_cmpuint (g_list_model_get_n_items (servers), ==, n_expected);
      for (guint j = 0; j < n_expected; j++)
        {
          g_autoptr(MsaFoundServer) found = g_list_model_get_item (servers, j);

          assert_server (found, &expected->servers[j]);
        }
    }

  g_assert_false (msa_account_scan_get_all_encrypted (scan));
}

/* The e-mail address each program keeps beside the account. */
static void
test_account_scan_addresses (void)
{
  g_autoptr(char) home = msa_test_home_new ("full");
  g_autoptr(MsaAccountScan) scan = scan_home (home);
  GListModel *accounts = msa_account_scan_get_accounts (scan);
  const struct
  {
    const char *name;
    const char *address;
  } expected[] = {
    { "anna@df.eu", "anna@df.eu" },                       /* Thunderbird, first identity */
    { "Anna (privat)", "anna@example.org" },
    { "Anna bei domainFACTORY", "anna@df.eu" },           /* Evolution, through the identity */
    { "Anna (Geary)", "anna@df.eu" },                     /* Geary, "Name <address>" */
    { "Altes Konto", "anna.alt@example.com" },
    { "Anna bei df.eu", "anna@df.eu" },                   /* Claws Mail */
    { "jo@example.net", "jo@example.net" },               /* GNOME Online Accounts */
  };

  for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
    {
      gboolean seen = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
        {
          g_autoptr(MsaFoundAccount) account = g_list_model_get_item (accounts, i);

          if (g_strcmp0 (msa_found_account_get_name (account), expected[e].name) == 0)
            {
              g_assert_cmpstr (msa_found_account_get_address (account), ==, expected[e].address);
              seen = TRUE;
              break;
            }
        }
      g_assert_true (seen);
    }
}

/* Only what the scan needs is copied out of a file: Claws Mail's password
 * keys never reach the JSON, and the password stores are never opened
 * (made symbolic-link loops here: opening one would list it unreadable). */
static void
test_account_scan_no_secrets (void)
{
  g_autoptr(char) home = msa_test_home_new ("full");
  g_autofree char *profile = g_build_filename (home, ".thunderbird/Profiles/k3x9.default-release", NULL);
  g_autofree char *logins = g_build_filename (profile, "logins.json", NULL);
  g_autofree char *key4 = g_build_filename (profile, "key4.db", NULL);
  g_autoptr(MsaAccountScan) scan = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpint (unlink (logins), ==, 0);
  g_assert_cmpint (symlink (logins, logins), ==, 0);
  g_assert_cmpint (symlink (key4, key4), ==, 0);

  scan = scan_home (home);
  json = msa_account_scan_to_json (scan);
  g_assert_null (strstr (json, "not-a-real-password"));
  g_assert_null (strstr (json, "logins.json"));
  g_assert_null (strstr (json, "key4.db"));
  g_assert_cmpuint (msa_account_scan_get_unreadable (scan)->len, ==, 0);
}

static void
write_file (const char *home,
            const char *relative,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (home, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static char *
make_path (const char *home,
           const char *relative)
{
  g_autofree char *path = g_build_filename (home, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_steal_pointer (&path);
}

static const MsaUnreadable *
find_unreadable (MsaAccountScan *scan,
                 const char     *home,
                 const char     *relative)
{
  GPtrArray *unreadable = msa_account_scan_get_unreadable (scan);
  g_autofree char *path = g_build_filename (home, relative, NULL);

  for (guint i = 0; i < unreadable->len; i++)
    {
      const MsaUnreadable *file = g_ptr_array_index (unreadable, i);

      if (g_strcmp0 (file->path, path) == 0)
        return file;
    }
  return NULL;
}

static void
test_account_scan_broken_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("msa-broken-XXXXXX", &error);
  g_autoptr(char) cleanup = NULL;
  g_autofree char *huge = NULL;
  g_autofree char *loop = NULL;
  g_autofree char *dir_loop = NULL;
  g_autofree char *fifo = NULL;
  g_autofree char *device = NULL;
  g_autoptr(MsaAccountScan) scan = NULL;
  g_autoptr(MsaFoundAccount) account = NULL;
  guchar binary[512];
  const MsaUnreadable *file;
  int fd;

  g_assert_no_error (error);
  cleanup = g_strdup (home);

  /* Thunderbird: one good profile beside a truncated prefs.js and a
   * prefs.js that is a folder. */
  write_file (home, ".thunderbird/profiles.ini",
              "[Profile0]\nPath=good\nIsRelative=1\n\n"
              "[Profile1]\nPath=truncated\nIsRelative=1\n\n"
              "[Profile2]\nPath=folder\nIsRelative=1\n", -1);
  write_file (home, ".thunderbird/good/prefs.js",
              "user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"
              "user_pref(\"mail.account.account1.server\", \"server1\");\n"
              "user_pref(\"mail.server.server1.type\", \"imap\");\n"
              "user_pref(\"mail.server.server1.hostname\", \"imap.example.org\");\n", -1);
  write_file (home, ".thunderbird/truncated/prefs.js",
              "user_pref(\"mail.accountmanager.accounts\", \"account1\");\n"
              "user_pref(\"mail.server.server1.hostname\", \"imap.exa", -1);
  g_assert_cmpint (g_mkdir_with_parents (huge = make_path (home, ".thunderbird/folder/prefs.js"), 0700), ==, 0);
  g_clear_pointer (&huge, g_free);

  /* Evolution: a binary .source. */
  for (guint i = 0; i < sizeof binary; i++)
    binary[i] = (guchar) (i * 7);
  write_file (home, ".config/evolution/sources/binary.source", (const char *) binary, sizeof binary);

  /* KMail: a 9 MiB mailtransports, sparse (only its size counts). */
  huge = make_path (home, ".config/mailtransports");
  fd = open (huge, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 9 * 1024 * 1024), ==, 0);
  close (fd);

  /* Geary: a geary.ini that points at itself, and a whole folder loop
   * in the Flatpak's copy. */
  loop = make_path (home, ".config/geary/account_01/geary.ini");
  g_assert_cmpint (symlink (loop, loop), ==, 0);
  dir_loop = make_path (home, ".var/app/org.gnome.Geary/config/geary");
  g_assert_cmpint (symlink (dir_loop, dir_loop), ==, 0);

  /* Claws Mail: accountrc is a FIFO nobody writes to (an open() would
   * block forever). */
  fifo = make_path (home, ".claws-mail/accountrc");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  /* GNOME Online Accounts: accounts.conf is /dev/zero (endless). */
  device = make_path (home, ".config/goa-1.0/accounts.conf");
  g_assert_cmpint (symlink ("/dev/zero", device), ==, 0);

  scan = scan_home (home);

  /* The good profile is read all the same. */
  g_assert_cmpuint (g_list_model_get_n_items (msa_account_scan_get_accounts (scan)), ==, 1);
  account = g_list_model_get_item (msa_account_scan_get_accounts (scan), 0);
  g_assert_cmpstr (msa_found_account_get_name (account), ==, "imap.example.org");

  g_assert_nonnull (file = find_unreadable (scan, home, ".thunderbird/truncated/prefs.js"));
  g_assert_nonnull (strstr (file->message, "Line 2"));
  g_assert_nonnull (file = find_unreadable (scan, home, ".thunderbird/folder/prefs.js"));
  g_assert_nonnull (file = find_unreadable (scan, home, ".config/evolution/sources/binary.source"));
  g_assert_nonnull (file = find_unreadable (scan, home, ".config/mailtransports"));
  g_assert_nonnull (strstr (file->message, "too large"));
  g_assert_nonnull (find_unreadable (scan, home, ".config/geary/account_01/geary.ini"));
  g_assert_nonnull (find_unreadable (scan, home, ".var/app/org.gnome.Geary/config/geary"));
  g_assert_nonnull (file = find_unreadable (scan, home, ".claws-mail/accountrc"));
  g_assert_nonnull (strstr (file->message, "regular"));
  g_assert_nonnull (find_unreadable (scan, home, ".config/goa-1.0/accounts.conf"));
  g_assert_cmpuint (msa_account_scan_get_unreadable (scan)->len, ==, 8);
}

static void
test_account_scan_cancel (void)
{
  g_autoptr(char) home = msa_test_home_new ("full");
  g_autoptr(GFile) home_file = g_file_new_for_path (home);
  g_autoptr(GFile) config = g_file_get_child (home_file, ".config");
  g_autoptr(MsaAccountScan) scan = msa_account_scan_new (home_file, config);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (run_scan (scan, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The same scan runs again afterwards. */
  g_assert_true (run_scan (scan, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (msa_account_scan_get_accounts (scan)), ==,
                    msa_test_home_full_n_accounts);
}

/* A profile added to the scan brings the changes for its servers. */
static void
test_account_scan_added_profile (void)
{
  g_autoptr(char) home = msa_test_home_new ("full");
  g_autoptr(GFile) home_file = g_file_new_for_path (home);
  g_autoptr(GFile) config = g_file_get_child (home_file, ".config");
  g_autoptr(MsaAccountScan) scan = msa_account_scan_new (home_file, config);
  g_autoptr(MsaProfile) profile = msa_profile_new ("verein.example", "Verein");
  g_autoptr(MsaServer) imap = msa_server_new (MSA_PROTOCOL_IMAP, "secure.verein.example", 993, MSA_SECURITY_SSL);
  g_autoptr(GError) error = NULL;
  GListModel *accounts;
  gboolean seen = FALSE;

  msa_profile_add_server (profile, imap);
  msa_account_scan_add_profile (scan, profile);
  g_assert_true (run_scan (scan, NULL, &error));

  accounts = msa_account_scan_get_accounts (scan);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(MsaFoundAccount) account = g_list_model_get_item (accounts, i);
      g_autoptr(MsaFoundServer) found = g_list_model_get_item (msa_found_account_get_servers (account), 0);
      MsaServer *change = msa_found_server_get_change (found);

      if (g_strcmp0 (msa_found_account_get_name (account), "akonadi_imap_resource_2") != 0)
        continue;
      g_assert_nonnull (change);
      g_assert_cmpstr (msa_server_get_hostname (change), ==, "secure.verein.example");
      g_assert_cmpuint (msa_server_get_port (change), ==, 993);
      seen = TRUE;
    }
  g_assert_true (seen);
}

/* A folder the user chose (the file chooser portal in a Flatpak): each
 * program's own folder is read as such. */
static void
test_account_scan_folder (void)
{
  g_autoptr(char) home = msa_test_home_new ("full");
  const struct
  {
    const char *folder;
    const char *program;
    guint       n_accounts;
  } cases[] = {
    { ".thunderbird", "thunderbird", 5 },                              /* profiles.ini: both profiles */
    { ".thunderbird/Profiles/k3x9.default-release", "thunderbird", 4 }, /* one profile */
    { ".thunderbird-elsewhere/work", "thunderbird", 1 },
    { ".config/evolution", "evolution", 2 },
    { ".config/evolution/sources", "evolution", 2 },
    { ".config/geary", "geary", 2 },
    { ".config/geary/account_01", "geary", 1 },
    { ".claws-mail", "claws-mail", 2 },
    { ".config/goa-1.0", "gnome-online-accounts", 2 },
    { ".config", NULL, 13 },                                         /* KMail 7, Geary 2, GOA 2, Evolution 2 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (home, cases[i].folder, NULL);
      g_autoptr(GFile) folder = g_file_new_for_path (path);
      g_autoptr(MsaAccountScan) scan = msa_account_scan_new_for_folder (folder);
      g_autoptr(GError) error = NULL;
      GListModel *accounts;

      g_test_message ("folder %s", cases[i].folder);
      g_assert_true (msa_account_scan_get_folder (scan) == folder);
      g_assert_true (run_scan (scan, NULL, &error));
      accounts = msa_account_scan_get_accounts (scan);
      g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, cases[i].n_accounts);
      for (guint j = 0; cases[i].program != NULL && j < cases[i].n_accounts; j++)
        {
          g_autoptr(MsaFoundAccount) account = g_list_model_get_item (accounts, j);

          g_assert_cmpstr (msa_mail_program_to_string (msa_found_account_get_program (account)), ==,
                           cases[i].program);
        }
      g_assert_cmpuint (msa_account_scan_get_unreadable (scan)->len, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account-scan/new-destroy", test_account_scan_new_destroy);
  g_test_add_func ("/account-scan/found-objects", test_found_objects);
  g_test_add_func ("/account-scan/full-home", test_account_scan_full_home);
  g_test_add_func ("/account-scan/addresses", test_account_scan_addresses);
  g_test_add_func ("/account-scan/no-secrets", test_account_scan_no_secrets);
  g_test_add_func ("/account-scan/broken-files", test_account_scan_broken_files);
  g_test_add_func ("/account-scan/cancel", test_account_scan_cancel);
  g_test_add_func ("/account-scan/added-profile", test_account_scan_added_profile);
  g_test_add_func ("/account-scan/folder", test_account_scan_folder);

  return g_test_run ();
}
