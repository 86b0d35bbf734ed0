/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The account scan of a home with all six programs and fifty accounts
 * (made here: 15 Thunderbird accounts in two profiles, 10 Evolution
 * accounts of three sources each, 8 KMail resources and 5 transports,
 * 5 Geary, 5 Claws Mail and 5 GNOME Online Accounts accounts): the
 * scan's wall time in-process (median of 50 runs), the longest the main
 * loop waited between two iterations meanwhile (a stall would show
 * here), and `mailssl-assistant --scan --json` as a whole process
 * (median of 20).  Figures, never assertions. */
#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>

#include "msa-account-scan.h"

#define N_RUNS 50
#define N_PROCESS_RUNS 20

static void
write_file (const char *home,
            const char *relative,
            const char *contents)
{
  g_autofree char *path = g_build_filename (home, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  if (!g_file_set_contents (path, contents, -1, NULL))
    g_error ("cannot write %s", path);
}

static guint
make_home (const char *home)
{
  g_autoptr(GString) prefs = g_string_new ("// Mozilla User Preferences\n");
  g_autoptr(GString) accounts = g_string_new (NULL);
  g_autoptr(GString) transports = g_string_new (NULL);
  g_autoptr(GString) claws = g_string_new (NULL);
  g_autoptr(GString) goa = g_string_new (NULL);
  guint n = 0;

  write_file (home, ".thunderbird/profiles.ini",
              "[Profile0]\nPath=a.default\nIsRelative=1\n\n[Profile1]\nPath=b.work\nIsRelative=1\n");
  for (guint p = 0; p < 2; p++)
    {
      guint count = p == 0 ? 8 : 7;

      g_string_truncate (prefs, 0);
      g_string_truncate (accounts, 0);
      for (guint i = 1; i <= count; i++, n++)
        {
          g_string_append_printf (accounts, "%saccount%u", i > 1 ? "," : "", i);
          g_string_append_printf (prefs,
                                  "user_pref(\"mail.account.account%u.server\", \"server%u\");\n"
                                  "user_pref(\"mail.account.account%u.identities\", \"id%u\");\n"
                                  "user_pref(\"mail.identity.id%u.useremail\", \"user%u@example.org\");\n"
                                  "user_pref(\"mail.identity.id%u.smtpServer\", \"smtp%u\");\n"
                                  "user_pref(\"mail.server.server%u.type\", \"imap\");\n"
                                  "user_pref(\"mail.server.server%u.hostname\", \"imap%u.df.eu\");\n"
                                  "user_pref(\"mail.server.server%u.name\", \"user%u@example.org\");\n"
                                  "user_pref(\"mail.server.server%u.socketType\", %u);\n"
                                  "user_pref(\"mail.smtpserver.smtp%u.hostname\", \"smtp%u.df.eu\");\n"
                                  "user_pref(\"mail.smtpserver.smtp%u.try_ssl\", 2);\n",
                                  i, i, i, i, i, n, i, i, i, i, i, i, n, i, i % 4, i, i, i);
        }
      g_string_append_printf (prefs, "user_pref(\"mail.accountmanager.accounts\", \"%s\");\n", accounts->str);
      write_file (home, p == 0 ? ".thunderbird/a.default/prefs.js" : ".thunderbird/b.work/prefs.js", prefs->str);
    }

  for (guint i = 0; i < 10; i++, n++)
    {
      g_autofree char *account = g_strdup_printf (".config/evolution/sources/account%u.source", i);
      g_autofree char *identity = g_strdup_printf (".config/evolution/sources/identity%u.source", i);
      g_autofree char *transport = g_strdup_printf (".config/evolution/sources/transport%u.source", i);
      g_autofree char *a = g_strdup_printf ("[Data Source]\nDisplayName=Evolution %u\n\n[Mail Account]\n"
                                            "BackendName=imapx\nIdentityUid=identity%u\n\n[Authentication]\n"
                                            "Host=imap%u.example.org\nPort=993\n\n[Security]\n"
                                            "Method=ssl-on-alternate-port\n", i, i, i);
      g_autofree char *d = g_strdup_printf ("[Data Source]\nDisplayName=e%u@example.org\n\n[Mail Identity]\n"
                                            "Address=e%u@example.org\n\n[Mail Submission]\nTransportUid=transport%u\n",
                                            i, i, i);
      g_autofree char *t = g_strdup_printf ("[Data Source]\nDisplayName=t%u\n\n[Mail Transport]\nBackendName=smtp\n\n"
                                            "[Authentication]\nHost=smtp%u.example.org\nPort=25\n\n[Security]\n"
                                            "Method=none\n", i, i);

      write_file (home, account, a);
      write_file (home, identity, d);
      write_file (home, transport, t);
    }

  for (guint i = 0; i < 8; i++, n++)
    {
      g_autofree char *name = g_strdup_printf (".config/akonadi_imap_resource_%urc", i);
      g_autofree char *text = g_strdup_printf ("[network]\nImapServer=imap%u.df.eu\nImapPort=143\nSafety=STARTTLS\n", i);

      write_file (home, name, text);
    }
  for (guint i = 1; i <= 5; i++, n++)
    g_string_append_printf (transports, "[Transport %u]\nhost=smtp%u.df.eu\nid=%u\nname=t%u\nencryption=TLS\nport=587\n\n",
                            i, i, i, i);
  write_file (home, ".config/mailtransports", transports->str);

  for (guint i = 1; i <= 5; i++, n++)
    {
      g_autofree char *name = g_strdup_printf (".config/geary/account_%02u/geary.ini", i);
      g_autofree char *text = g_strdup_printf ("[Metadata]\nversion=1\n\n[Account]\nsender_mailboxes=g%u@df.eu;\n"
                                               "service_provider=other\n\n[Incoming]\nhost=mail.df.eu\nport=143\n"
                                               "transport_security=start-tls\n\n[Outgoing]\nhost=mail.df.eu\nport=25\n"
                                               "transport_security=none\ncredentials=use-incoming\n", i);

      write_file (home, name, text);
    }

  for (guint i = 1; i <= 5; i++, n++)
    g_string_append_printf (claws, "[Account: %u]\naccount_name=c%u\naddress=c%u@example.org\nconfig_version=5\n"
                            "protocol=1\nreceive_server=imap.example.org\nsmtp_server=smtp.example.org\n"
                            "ssl_imap=0\nssl_smtp=2\npassword=\n\n", i, i, i);
  write_file (home, ".claws-mail/accountrc", claws->str);

  for (guint i = 1; i <= 5; i++, n++)
    g_string_append_printf (goa, "[Account account_%u_0]\nProvider=imap_smtp\nEmailAddress=o%u@df.eu\n"
                            "ImapHost=mail.df.eu\nImapUseTls=true\nSmtpHost=mail.df.eu\nSmtpUseTls=true\n\n", i, i);
  write_file (home, ".config/goa-1.0/accounts.conf", goa->str);

  return n;
}

typedef struct
{
  gint64 last;
  gint64 longest;
} Stall;

static gboolean
on_tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last > 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("msa-bench-home-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (home, ".config", NULL);
  g_autoptr(GFile) home_file = g_file_new_for_path (home);
  g_autoptr(GFile) config_file = g_file_new_for_path (config);
  g_autofree char *assistant = g_build_filename (g_getenv ("MSA_BUILD_ROOT"), "src", "cli", "mailssl-assistant", NULL);
  double times[N_RUNS], process_times[N_PROCESS_RUNS];
  gint64 longest_stall = 0;
  guint n_found = 0;
  guint n_made = make_home (home);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(MsaAccountScan) scan = msa_account_scan_new (home_file, config_file);
      g_autoptr(GAsyncResult) result = NULL;
      Stall stall = { 0, 0 };
      guint tick = g_timeout_add (1, on_tick_cb, &stall);
      gint64 start = g_get_monotonic_time ();

      msa_account_scan_run_async (scan, NULL, on_done_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      times[run] = (g_get_monotonic_time () - start) / 1000.0;
      g_source_remove (tick);
      if (!msa_account_scan_run_finish (scan, result, NULL))
        g_error ("the scan failed");
      n_found = g_list_model_get_n_items (msa_account_scan_get_accounts (scan));
      longest_stall = MAX (longest_stall, stall.longest);
    }

  for (guint run = 0; run < N_PROCESS_RUNS; run++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
      g_autoptr(GSubprocess) process = NULL;
      gint64 start;

      g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
      start = g_get_monotonic_time ();
      process = g_subprocess_launcher_spawn (launcher, NULL, assistant, "--scan", "--json", NULL);
      if (process == NULL || !g_subprocess_wait (process, NULL, NULL))
        g_error ("cannot run %s", assistant);
      process_times[run] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (times, N_RUNS, sizeof times[0], compare_doubles);
  qsort (process_times, N_PROCESS_RUNS, sizeof process_times[0], compare_doubles);
  g_print ("accounts: %u made, %u found\n", n_made, n_found);
  g_print ("scan in-process: median %.2f ms, fastest %.2f ms, slowest %.2f ms (%d runs)\n",
           times[N_RUNS / 2], times[0], times[N_RUNS - 1], N_RUNS);
  g_print ("longest main-loop wait during a scan: %.2f ms (a 1 ms timer)\n", longest_stall / 1000.0);
  g_print ("mailssl-assistant --scan --json: median %.2f ms (%d runs)\n",
           process_times[N_PROCESS_RUNS / 2], N_PROCESS_RUNS);

  {
    const char *argv_rm[] = { "rm", "-rf", home, NULL };

    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return n_found == n_made ? 0 : 1;
}
