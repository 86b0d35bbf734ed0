/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-test-home.h"

#include <gio/gio.h>

/* What each program's fixture in homes/full says, worked out from the
 * programs' own rules (see each file there and src/accounts/): every
 * account the scan must list, in its order, with each server's verdict
 * and change. */
const MsaTestAccount msa_test_home_full_accounts[] = {
  { "thunderbird", "office@mustermann-gmbh.de",
    ".thunderbird-elsewhere/work/prefs.js",
    { { "pop3", "sslin.df.eu", 995, "ssl", "encrypted", NULL, 0, NULL },
      { "smtp", "sslout.df.eu", 465, "ssl", "encrypted", NULL, 0, NULL } } },
  { "thunderbird", "anna@df.eu",
    ".thunderbird/Profiles/k3x9.default-release/prefs.js",
    { { "imap", "mail.df.eu", 143, "starttls", "starttls", "sslin.df.eu", 993, "ssl" },
      { "smtp", "smtp.df.eu", 25, "plain", "unencrypted", "sslout.df.eu", 465, "ssl" } } },
  { "thunderbird", "Anna (privat)",
    ".thunderbird/Profiles/k3x9.default-release/prefs.js",
    { { "pop3", "pop.example.org", 110, "plain", "unencrypted", NULL, 0, NULL },
      { "smtp", "smtp.example.org", 465, "ssl", "encrypted", NULL, 0, NULL } } },
  { "thunderbird", "Work ä \"quoted\" \\ A",
    ".thunderbird/Profiles/k3x9.default-release/prefs.js",
    { { "imap", "imap.example.net", 993, "ssl", "certificate-errors-ignored", NULL, 0, NULL },
      { "smtp", "smtp.example.net", 587, "starttls", "starttls", NULL, 0, NULL } } },
  { "thunderbird", "renamed",
    ".thunderbird/Profiles/k3x9.default-release/prefs.js",
    { { "imap", "imap.df.eu", 993, "ssl", "encrypted", NULL, 0, NULL },
      { "smtp", "smtp.df.eu", 25, "plain", "unencrypted", "sslout.df.eu", 465, "ssl" } } },
  { "thunderbird", "flatpak@df.eu",
    ".var/app/org.mozilla.Thunderbird/.thunderbird/q1w2.default/prefs.js",
    { { "imap", "sslin.df.eu", 143, "plain", "unencrypted", "sslin.df.eu", 993, "ssl" },
      { "smtp", "sslout.df.eu", 587, "starttls", "starttls", "sslout.df.eu", 465, "ssl" } } },
  { "evolution", "Vereinspost",
    ".config/evolution/sources/0b1c2d3e4f5061728394a5b6c7d8e9f0.source",
    { { "pop3", "pop.verein.example", 110, "plain", "unencrypted", NULL, 0, NULL },
      { "smtp", "smtp.verein.example", 25, "plain", "unencrypted", NULL, 0, NULL } } },
  { "evolution", "Anna bei domainFACTORY",
    ".config/evolution/sources/3a1f0c2e9b7d4e5fa1c2d3e4f5a6b7c8.source",
    { { "imap", "mail.df.eu", 993, "ssl", "encrypted", NULL, 0, NULL },
      { "smtp", "mail.df.eu", 587, "starttls", "starttls", "sslout.df.eu", 465, "ssl" } } },
  { "evolution", "Flatpak-Konto",
    ".var/app/org.gnome.Evolution/config/evolution/sources/e0e1e2e3e4e5e6e7e8e9eaebecedeeef.source",
    { { "imap", "imap.example.org", 143, "starttls", "starttls", NULL, 0, NULL } } },
  { "kmail", "Anna (KMail)",
    ".config/akonadi_imap_resource_0rc",
    { { "imap", "imap.df.eu", 143, "starttls", "starttls", "sslin.df.eu", 993, "ssl" } } },
  { "kmail", "akonadi_imap_resource_1",
    ".config/akonadi_imap_resource_1rc",
    { { "imap", "imap.example.org", 993, "ssl", "encrypted", NULL, 0, NULL } } },
  { "kmail", "akonadi_imap_resource_2",
    ".config/akonadi_imap_resource_2rc",
    { { "imap", "imap.verein.example", 993, "plain", "unencrypted", NULL, 0, NULL } } },
  { "kmail", "Anna POP3",
    ".config/akonadi_pop3_resource_0rc",
    { { "pop3", "pop.df.eu", 110, "plain", "unencrypted", "sslin.df.eu", 995, "ssl" } } },
  { "kmail", "smtp.df.eu",
    ".config/mailtransports",
    { { "smtp", "smtp.df.eu", 587, "starttls", "starttls", "sslout.df.eu", 465, "ssl" } } },
  { "kmail", "df.eu (SSL)",
    ".config/mailtransports",
    { { "smtp", "sslout.df.eu", 465, "ssl", "encrypted", NULL, 0, NULL } } },
  { "kmail", "Verein",
    ".config/mailtransports",
    { { "smtp", "mail.verein.example", 25, "plain", "unencrypted", NULL, 0, NULL } } },
  { "geary", "Anna (Geary)",
    ".config/geary/account_01/geary.ini",
    { { "imap", "mail.df.eu", 143, "starttls", "starttls", "sslin.df.eu", 993, "ssl" },
      { "smtp", "mail.df.eu", 25, "plain", "unencrypted", "sslout.df.eu", 465, "ssl" } } },
  { "geary", "Altes Konto",
    ".config/geary/account_03/geary.ini",
    { { "imap", "imap.example.com", 143, "plain", "unencrypted", NULL, 0, NULL },
      { "smtp", "smtp.example.com", 587, "starttls", "starttls", NULL, 0, NULL } } },
  { "claws-mail", "Anna bei df.eu",
    ".claws-mail/accountrc",
    { { "imap", "mail.df.eu", 143, "plain", "unencrypted", "sslin.df.eu", 993, "ssl" },
      { "smtp", "mail.df.eu", 587, "starttls", "starttls", "sslout.df.eu", 465, "ssl" } } },
  { "claws-mail", "Privat",
    ".claws-mail/accountrc",
    { { "imap", "imap.example.org", 993, "ssl", "encrypted", NULL, 0, NULL },
      { "smtp", "smtp.example.org", 465, "ssl", "encrypted", NULL, 0, NULL } } },
  { "gnome-online-accounts", "anna@df.eu",
    ".config/goa-1.0/accounts.conf",
    { { "imap", "mail.df.eu", 143, "starttls", "starttls", "sslin.df.eu", 993, "ssl" },
      { "smtp", "mail.df.eu", 587, "starttls", "starttls", "sslout.df.eu", 465, "ssl" } } },
  { "gnome-online-accounts", "jo@example.net",
    ".config/goa-1.0/accounts.conf",
    { { "imap", "imap.example.net", 1993, "ssl", "certificate-errors-ignored", NULL, 0, NULL },
      { "smtp", "smtp.example.net", 465, "ssl", "encrypted", NULL, 0, NULL } } },
};

const guint msa_test_home_full_n_accounts = G_N_ELEMENTS (msa_test_home_full_accounts);

static void
replace_home (const char *home,
              const char *relative)
{
  g_autofree char *path = g_build_filename (home, relative, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *replaced = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (contents, "@HOME@", -1);
  replaced = g_strjoinv (home, parts);
  g_file_set_contents (path, replaced, -1, &error);
  g_assert_no_error (error);
}

/**
 * msa_test_home_new:
 * @name: a folder under tests/accounts/homes
 *
 * Returns: (transfer full): the path of a fresh copy
 */
char *
msa_test_home_new (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("msa-home-XXXXXX", &error);
  g_autofree char *source = NULL;
  g_autofree char *from = NULL;
  int status = 0;

  g_assert_no_error (error);
  source = g_build_filename (g_getenv ("MSA_SOURCE_ROOT"), "tests", "accounts", "homes", name, NULL);
  g_assert_true (g_file_test (source, G_FILE_TEST_IS_DIR));
  from = g_build_filename (source, ".", NULL);

  {
    const char *argv[] = { "cp", "-a", from, home, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  replace_home (home, ".thunderbird/profiles.ini");
  return g_steal_pointer (&home);
}

void
msa_test_home_free (char *home)
{
  const char *argv[] = { "rm", "-rf", home, NULL };

  if (home == NULL)
    return;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_free (home);
}
