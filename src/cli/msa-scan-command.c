/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `mailssl-assistant --scan`: the accounts of the mail programs on this
 * computer, each server's verdict and the change to make.  Exit
 * statuses, as README.md's contract has them:
 *   0  no server is unencrypted or ignores certificate errors (STARTTLS
 *      counts as encrypted; no account at all is 0)
 *   1  at least one is
 *   2  bad usage */
#include "config.h"

#include "msa-scan-command.h"

#include <glib/gi18n.h>

#include "msa-account-scan.h"
#include "msa-command-line.h"
#include "msa-discover-command.h"
#include "msa-trust-store.h"
#include "msa-found-account-text.h"
#include "msa-report.h"
#include "msa-setting-field.h"

enum
{
  EXIT_FINE = 0,
  EXIT_FOUND = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  GMainLoop      *loop;
  MsaAccountScan *scan;
  gboolean        json;
  GTlsDatabase   *database;    /* with --find-providers */
  char           *ispdb_url;
  int             status;
} ScanCommand;

/* A server's settings in the program's own words where the wizard
 * knows them ("Port 993, Connection security “SSL/TLS”"), else in the
 * wizard's general words. */
static void
append_settings (GString         *text,
                 MsaMailClientId  client,
                 MsaServer       *server)
{
  g_autofree char *host = msa_report_sanitize (msa_server_get_hostname (server));
  MsaSecurity security = msa_server_get_security (server);
  const char *field = client == MSA_MAIL_CLIENT_OTHER
                      ? msa_setting_field_get_title (MSA_SETTING_FIELD_SECURITY)
                      : msa_mail_client_get_security_field (client);
  const char *value = client == MSA_MAIL_CLIENT_OTHER
                      ? msa_security_get_label (security)
                      : msa_mail_client_get_security_value (client, security);

  /* Translators: a server's settings: the first %s is the server name,
   * %u the port, the second %s the program's security field (e.g.
   * „Verbindungssicherheit“), the third its value (e.g. „SSL/TLS“) */
  g_string_append_printf (text, _("%s, port %u, %s “%s”"),
                          host, msa_server_get_port (server), field, value);
}

static char *
scan_to_text (MsaAccountScan *scan)
{
  GListModel *accounts = msa_account_scan_get_accounts (scan);
  GPtrArray *unreadable = msa_account_scan_get_unreadable (scan);
  guint n = g_list_model_get_n_items (accounts);
  guint to_change = 0;
  GString *text = g_string_new (NULL);

  if (n == 0)
    g_string_append (text, _("No mail program on this computer has an account set up.\n"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaFoundAccount) account = g_list_model_get_item (accounts, i);
      MsaMailProgram program = msa_found_account_get_program (account);
      MsaMailClientId client = msa_mail_program_get_client (program);
      GListModel *servers = msa_found_account_get_servers (account);
      guint n_servers = g_list_model_get_n_items (servers);
      g_autofree char *name = msa_report_sanitize (msa_found_account_get_name (account));
      g_autofree char *source = msa_report_sanitize (msa_found_account_get_source (account));

      /* Translators: the first %s is a mail program, the second an
       * account's name (often its e-mail address) */
      g_string_append_printf (text, _("%s: %s\n"), msa_mail_program_get_name (program), name);
      /* Translators: %s is a file name */
      g_string_append_printf (text, _("  read from %s\n"), source);

      for (guint j = 0; j < n_servers; j++)
        {
          g_autoptr(MsaFoundServer) found = g_list_model_get_item (servers, j);
          MsaServer *server = msa_found_server_get_server (found);
          MsaServer *change = msa_found_server_get_change (found);
          MsaVerdict verdict = msa_found_server_get_verdict (found);

          g_string_append_printf (text, "  %s: ", msa_protocol_get_server_title (msa_server_get_protocol (server)));
          append_settings (text, client, server);
          g_string_append_printf (text, "\n    %s. %s\n",
                                  msa_verdict_get_title (verdict), msa_verdict_get_sentence (verdict));
          if (change != NULL)
            {
              /* Translators: followed by the new settings */
              g_string_append_printf (text, "    %s ", _("Change to:"));
              append_settings (text, client, change);
              g_string_append_c (text, '\n');
            }
          if (verdict == MSA_VERDICT_CERTIFICATE_ERRORS_IGNORED)
            g_string_append_printf (text, "    %s\n",
                                    _("Remove the certificate exception or stop accepting certificate errors for this server."));
          if (change != NULL || verdict == MSA_VERDICT_CERTIFICATE_ERRORS_IGNORED)
            to_change++;
        }
      g_string_append_c (text, '\n');
    }

  if (unreadable->len > 0)
    g_string_append_printf (text, "%s\n", _("Files that could not be read:"));
  for (guint i = 0; i < unreadable->len; i++)
    {
      const MsaUnreadable *file = g_ptr_array_index (unreadable, i);
      g_autofree char *path = msa_report_sanitize (file->path);
      g_autofree char *message = msa_report_sanitize (file->message);

      g_string_append_printf (text, "  %s: %s\n", path, message);
    }
  if (unreadable->len > 0)
    g_string_append_c (text, '\n');

  if (n > 0)
    {
      /* Translators: the summary; %u is a number of servers */
      g_autofree char *summary = g_strdup_printf (ngettext ("%u server needs a change.",
                                                            "%u servers need a change.",
                                                            to_change),
                                                  to_change);

      g_string_append_printf (text, "%s\n", to_change > 0 ? summary : _("No server needs a change."));
    }

  return g_string_free (text, FALSE);
}

static void
print_report (ScanCommand *self)
{
  g_autofree char *report = NULL;

  report = self->json ? msa_account_scan_to_json (self->scan) : scan_to_text (self->scan);
  g_print ("%s", report);
  self->status = msa_account_scan_get_all_encrypted (self->scan) ? EXIT_FINE : EXIT_FOUND;
  g_main_loop_quit (self->loop);
}

static void
on_providers_found_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ScanCommand *self = user_data;

  /* A provider not found leaves its accounts without a change; the
   * report says the rest all the same. */
  msa_account_scan_find_providers_finish (self->scan, result, NULL);
  print_report (self);
}

static void
on_scan_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ScanCommand *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!msa_account_scan_run_finish (self->scan, result, &error))
    {
      g_autofree char *reason = msa_report_sanitize (error->message);

      g_printerr (_("%s: %s\n"), g_get_prgname (), reason);
      self->status = EXIT_USAGE;
      g_main_loop_quit (self->loop);
      return;
    }

  if (self->database != NULL)
    {
      msa_account_scan_find_providers_async (self->scan, self->database, self->ispdb_url, NULL,
                                             on_providers_found_cb, self);
      return;
    }
  print_report (self);
}

/**
 * msa_scan_command_run:
 * @argc: the number of arguments
 * @argv: (array length=argc): the arguments, `--scan` among them
 *
 * Runs `mailssl-assistant --scan`: reads the account stores under $HOME
 * and $XDG_CONFIG_HOME (as GLib finds them) on a main loop of its own
 * and prints the text or JSON report.
 *
 * Returns: the exit status
 */
int
msa_scan_command_run (int    argc,
                      char **argv)
{
  ScanCommand self = { 0, };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  gboolean scan = FALSE;
  gboolean find_providers = FALSE;
  g_autofree char *ca_file = NULL;
  g_autofree char *ispdb_url = NULL;
  guint first_argument = 1;
  const GOptionEntry entries[] = {
    { "scan", 0, 0, G_OPTION_ARG_NONE, &scan,
      N_("List the accounts of the mail programs on this computer, with what to change, and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &self.json,
      N_("Print a machine-readable JSON report"), NULL },
    { "find-providers", 0, 0, G_OPTION_ARG_NONE, &find_providers,
      N_("Look up on the network the providers of accounts at unknown domains, as --discover does, for their changes"),
      NULL },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("With --find-providers: PEM file of trust anchors to use instead of the system’s"), N_("FILE") },
    { "ispdb-url", 0, 0, G_OPTION_ARG_STRING, &ispdb_url,
      N_("With --find-providers: the provider database to ask (default: Thunderbird’s)"), N_("URL") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1 && argv != NULL, EXIT_USAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Finds the accounts of the mail programs on this computer and says for each server whether it is encrypted. Passwords are never read."));
  g_option_context_set_description (context,
                                    /* Translators: the end of --scan --help */
                                    _("Exit status:\n"
                                      "  0  no server is unencrypted or ignores certificate errors\n"
                                      "  1  at least one server is\n"
                                      "  2  bad usage"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  args = msa_command_line_dup_args (argc, argv);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      /* Translators: the first %s is the program name, the second what is
       * wrong with the command line */
      g_printerr (_("%s: %s\n"), g_get_prgname (), error->message);
      /* Translators: %s is the program name */
      g_printerr (_("Try “%s --scan --help” for the options.\n"), g_get_prgname ());
      return EXIT_USAGE;
    }

  if (g_strcmp0 (args[first_argument], "--") == 0)
    first_argument++;
  if (g_strv_length (args) > first_argument)
    {
      g_autofree char *safe = msa_report_sanitize (args[first_argument]);

      /* Translators: %s is a command-line argument */
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), safe);

      g_printerr (_("%s: %s\n"), g_get_prgname (), message);
      g_printerr (_("Try “%s --scan --help” for the options.\n"), g_get_prgname ());
      return EXIT_USAGE;
    }

  if (ispdb_url != NULL && !msa_discover_command_check_url (ispdb_url, &error))
    {
      g_printerr (_("%s: %s\n"), g_get_prgname (), error->message);
      g_printerr (_("Try “%s --scan --help” for the options.\n"), g_get_prgname ());
      return EXIT_USAGE;
    }
  if (find_providers)
    {
      self.database = msa_trust_store_load (ca_file, &error);
      if (self.database == NULL)
        {
          g_printerr (_("%s: %s\n"), g_get_prgname (), error->message);
          return EXIT_USAGE;
        }
      self.ispdb_url = g_steal_pointer (&ispdb_url);
    }

  self.loop = g_main_loop_new (NULL, FALSE);
  self.scan = msa_account_scan_new_for_user ();
  self.status = EXIT_USAGE;
  msa_account_scan_run_async (self.scan, NULL, on_scan_done_cb, &self);
  g_main_loop_run (self.loop);

  g_clear_object (&self.scan);
  g_clear_object (&self.database);
  g_clear_pointer (&self.ispdb_url, g_free);
  g_clear_pointer (&self.loop, g_main_loop_unref);
  return self.status;
}
