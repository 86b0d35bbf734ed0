/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `mailssl-assistant --check`: the terminal's way to the check engine.
 * The options and exit statuses are the contract in README.md:
 *   0  every checked server is fine (warnings allowed)
 *   1  at least one server failed its check
 *   2  bad usage or bad input
 * GOptionContext parses; the exit statuses are ours, since GOption would
 * exit with 1 on its own. */
#include "config.h"

#include "msa-command-line.h"
#include "msa-trust-store.h"

#include <glib/gi18n.h>
#include <string.h>

#include "msa-autoconfig.h"
#include "msa-discover-command.h"
#include "msa-discovery-text.h"
#include "msa-profile.h"
#include "msa-profile-check.h"
#include "msa-report.h"

/* A deadline longer than this is a typo, not a wish. */
#define MAX_TIMEOUT_SECONDS 600

enum
{
  EXIT_FINE = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  /* options */
  gboolean check;
  char *profile_file;
  char **protocol_names;
  char *ca_file;
  char *timeout_text;
  gboolean json;
  char *address;
  char *ispdb_url;

  /* what they turn into */
  guint timeout;
  MsaProtocol *protocols;
  gsize n_protocols;
  GTlsDatabase *database;

  /* the run */
  GMainLoop *loop;
  MsaProfile *profile;
  MsaProfileCheck *profile_check;
  MsaDiscovery *discovery;
  int status;
} CommandLine;

static void
command_line_clear (CommandLine *self)
{
  g_clear_pointer (&self->profile_file, g_free);
  g_clear_pointer (&self->protocol_names, g_strfreev);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->timeout_text, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->ispdb_url, g_free);
  g_clear_object (&self->discovery);
  g_clear_pointer (&self->protocols, g_free);
  g_clear_object (&self->database);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_object (&self->profile_check);
  g_clear_object (&self->profile);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CommandLine, command_line_clear)

static void
print_usage_error (const char *message)
{
  /* Translators: the first %s is the program name, the second what is
   * wrong with the command line */
  g_printerr (_("%s: %s\n"), g_get_prgname (), message);
  /* Translators: %s is the program name */
  g_printerr (_("Try “%s --check --help” for the options.\n"), g_get_prgname ());
}

static void
print_input_error (const char *message)
{
  g_printerr (_("%s: %s\n"), g_get_prgname (), message);
}

/**
 * msa_command_line_dup_args:
 * @argc: how many arguments
 * @argv: (array length=argc): the arguments
 *
 * GOption shuffles the vector it parses: each command parses a copy.
 *
 * Returns: (transfer full): a %NULL-terminated copy of @argv
 */
char **
msa_command_line_dup_args (int    argc,
                           char **argv)
{
  char **args = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);
  return args;
}

/**
 * msa_command_line_parse_timeout:
 * @text: (nullable): the value of --timeout
 * @seconds: (out): the deadline, MSA_CHECK_DEFAULT_TIMEOUT without @text
 * @error: why @text is no deadline
 *
 * Returns: whether @text is a whole number of seconds in range
 */
gboolean
msa_command_line_parse_timeout (const char  *text,
                                guint       *seconds,
                                GError     **error)
{
  guint64 value = MSA_CHECK_DEFAULT_TIMEOUT;

  if (text != NULL
      && !g_ascii_string_to_unsigned (text, 10, 1, MAX_TIMEOUT_SECONDS, &value, NULL))
    {
      g_autofree char *safe = msa_report_sanitize (text);

      /* Translators: the first %s is the value given to --timeout */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Invalid --timeout “%s”: give a whole number of seconds from 1 to %d."),
                   safe, MAX_TIMEOUT_SECONDS);
      return FALSE;
    }

  *seconds = (guint) value;
  return TRUE;
}

static gboolean
parse_timeout (CommandLine *self)
{
  g_autoptr(GError) error = NULL;

  if (!msa_command_line_parse_timeout (self->timeout_text, &self->timeout, &error))
    {
      print_usage_error (error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_protocols (CommandLine *self)
{
  guint n = self->protocol_names != NULL ? g_strv_length (self->protocol_names) : 0;

  self->protocols = g_new0 (MsaProtocol, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_ascii_strdown (self->protocol_names[i], -1);
      MsaProtocol protocol;
      gboolean seen = FALSE;

      if (!msa_protocol_from_string (name, &protocol))
        {
          g_autofree char *safe = msa_report_sanitize (self->protocol_names[i]);
          /* Translators: %s is the value given to --protocol; the names
           * after it are literal and must not be translated */
          g_autofree char *message = g_strdup_printf (_("Invalid --protocol “%s”: give imap, pop3 or smtp."),
                                                      safe);

          print_usage_error (message);
          return FALSE;
        }

      for (gsize j = 0; j < self->n_protocols; j++)
        seen |= self->protocols[j] == protocol;
      if (!seen)
        self->protocols[self->n_protocols++] = protocol;
    }

  return TRUE;
}

static gboolean
load_database (CommandLine *self)
{
  g_autoptr(GError) error = NULL;

  self->database = msa_trust_store_load (self->ca_file, &error);
  if (self->database == NULL)
    {
      print_input_error (error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
profile_has_encrypted (MsaProfile  *profile,
                       MsaProtocol  protocol)
{
  GListModel *servers = msa_profile_get_servers (profile);
  guint n = g_list_model_get_n_items (servers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServer) server = g_list_model_get_item (servers, i);

      if (msa_server_get_protocol (server) == protocol
          && msa_server_get_security (server) != MSA_SECURITY_PLAIN)
        return TRUE;
    }

  return FALSE;
}

/* Each kind of profile has its own sentences: a noun phrase such as
 * "the built-in profile" does not fit into another sentence in every
 * language. */
static char *
dup_no_server_message (CommandLine *self,
                       MsaProtocol  protocol)
{
  const char *name = msa_protocol_to_string (protocol);

  if (self->profile_file != NULL)
    {
      g_autofree char *display = g_filename_display_name (self->profile_file);

      /* Translators: the first %s is a protocol name (IMAP, POP3,
       * SMTP), the second a file name */
      return g_strdup_printf (_("There is no encrypted %s server in %s."), name, display);
    }
  if (self->address != NULL)
    /* Translators: %s is a protocol name (IMAP, POP3, SMTP) */
    return g_strdup_printf (_("The settings found have no encrypted %s server."), name);
  /* Translators: %s is a protocol name (IMAP, POP3, SMTP) */
  return g_strdup_printf (_("The built-in profile has no encrypted %s server."), name);
}

static char *
dup_nothing_to_check_message (CommandLine *self)
{
  if (self->profile_file != NULL)
    {
      g_autofree char *display = g_filename_display_name (self->profile_file);

      /* Translators: %s is a file name */
      return g_strdup_printf (_("There is no encrypted server in %s to check."), display);
    }
  if (self->address != NULL)
    return g_strdup (_("The settings found have no encrypted server to check."));
  return g_strdup (_("The built-in profile has no encrypted server to check."));
}

/* Every asked-for protocol must have an encrypted server in the profile,
 * and there must be something to check at all. */
static gboolean
check_selection (CommandLine *self)
{
  gboolean any = FALSE;

  for (gsize i = 0; i < self->n_protocols; i++)
    if (!profile_has_encrypted (self->profile, self->protocols[i]))
      {
        g_autofree char *message = dup_no_server_message (self, self->protocols[i]);

        print_input_error (message);
        return FALSE;
      }

  for (MsaProtocol p = MSA_PROTOCOL_IMAP; p <= MSA_PROTOCOL_SMTP; p++)
    any |= profile_has_encrypted (self->profile, p);
  if (!any)
    {
      g_autofree char *message = dup_nothing_to_check_message (self);

      print_input_error (message);
      return FALSE;
    }

  return TRUE;
}

static void
on_check_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CommandLine *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *report = NULL;

  if (!msa_profile_check_run_finish (self->profile_check, result, &error)
      && error->domain != MSA_CHECK_ERROR)
    {
      /* Failures of single servers are in the report; anything else is
       * worth a line of its own. */
      g_autofree char *reason = msa_report_sanitize (error->message);

      print_input_error (reason);
    }

  if (self->json)
    report = msa_report_to_json (self->profile_check, now);
  else
    report = msa_report_to_text (self->profile_check, now);
  g_print ("%s", report);

  self->status = msa_profile_check_get_passed (self->profile_check) ? EXIT_FINE : EXIT_FAILED;
  g_main_loop_quit (self->loop);
}

static void
start_check (CommandLine *self)
{
  if (!check_selection (self))
    {
      self->status = EXIT_USAGE;
      g_main_loop_quit (self->loop);
      return;
    }

  self->profile_check = msa_profile_check_new (self->profile, self->database, self->timeout);
  if (self->n_protocols > 0)
    msa_profile_check_select (self->profile_check, self->protocols, self->n_protocols);
  msa_profile_check_run_async (self->profile_check, NULL, on_check_done_cb, self);
}

static void
on_profile_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CommandLine *self = user_data;
  g_autoptr(GError) error = NULL;

  self->profile = msa_profile_load_finish (result, &error);
  if (self->profile == NULL)
    {
      /* The profile's errors name the file and the line already. */
      g_autofree char *reason = msa_report_sanitize (error->message);

      print_input_error (reason);
      self->status = EXIT_USAGE;
      g_main_loop_quit (self->loop);
      return;
    }

  start_check (self);
}

static void
on_discovered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CommandLine *self = user_data;
  g_autoptr(GError) error = NULL;

  self->profile = msa_discovery_run_finish (self->discovery, result, &error);
  if (self->profile == NULL)
    {
      g_autofree char *report = msa_discover_command_to_text (self->discovery);

      /* What was tried goes to standard error: the report on standard
       * output is the check's. */
      g_printerr ("%s", report);
      self->status = EXIT_FAILED;
      g_main_loop_quit (self->loop);
      return;
    }

  if (msa_discovery_get_needs_confirmation (self->discovery))
    {
      g_autofree char *servers_domain = msa_discovery_get_servers_domain (self->discovery);
      g_autofree char *safe = msa_report_sanitize (servers_domain);
      g_autofree char *domain = msa_report_sanitize (msa_discovery_get_domain (self->discovery));

      /* Translators: the first %s is the domain of the servers found,
       * the second the domain of the e-mail address */
      g_printerr (_("Note: the servers found belong to %s, not to %s; confirm them before you use them.\n"),
                  safe, domain);
    }

  start_check (self);
}

static gboolean
start_cb (gpointer user_data)
{
  CommandLine *self = user_data;

  if (self->profile_file != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (self->profile_file);

      msa_profile_load_async (file, NULL, on_profile_loaded_cb, self);
    }
  else if (self->address != NULL)
    {
      self->discovery = msa_discovery_new (self->address, self->database, self->timeout);
      if (self->ispdb_url != NULL)
        msa_discovery_set_ispdb_url (self->discovery, self->ispdb_url);
      msa_discovery_run_async (self->discovery, NULL, on_discovered_cb, self);
    }
  else
    {
      self->profile = msa_profile_new_builtin ();
      start_check (self);
    }

  return G_SOURCE_REMOVE;
}

/**
 * msa_command_line_wants:
 * @argc: the number of arguments
 * @argv: (array length=argc): the arguments
 * @option: a front end's option, "--check", "--discover" or "--scan"
 *
 * Whether the command line asks for that front end rather than the
 * wizard: @option comes before any "--".
 *
 * Returns: %TRUE if @option is among the options
 */
gboolean
msa_command_line_wants (int         argc,
                        char      **argv,
                        const char *option)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--") == 0)
        break;
      if (g_strcmp0 (argv[i], option) == 0
          || (g_str_has_prefix (argv[i], option) && argv[i][strlen (option)] == '='))
        return TRUE;
    }
  return FALSE;
}

/**
 * msa_command_line_run:
 * @argc: the number of arguments
 * @argv: (array length=argc): the arguments, `--check` among them
 *
 * Runs `mailssl-assistant --check`: parses the options, loads the profile
 * and the trust anchors, checks the servers on a main loop of its own and
 * prints the text or JSON report on standard output.  Errors go to
 * standard error.
 *
 * Returns: the exit status: 0 every server fine, 1 a server failed,
 *   2 bad usage or bad input
 */
int
msa_command_line_run (int    argc,
                      char **argv)
{
  g_auto(CommandLine) self = { 0, };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  guint first_argument;
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &self.check,
      N_("Check the provider’s servers, print a report and exit"), NULL },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &self.profile_file,
      N_("Provider profile, a Mozilla autoconfig XML file (default: the built-in domainFACTORY profile)"),
      N_("FILE") },
    { "protocol", 0, 0, G_OPTION_ARG_STRING_ARRAY, &self.protocol_names,
      N_("Check only this protocol: imap, pop3 or smtp; may be repeated (default: every SSL and STARTTLS server)"),
      N_("NAME") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &self.ca_file,
      N_("PEM file of trust anchors to use instead of the system’s"),
      N_("FILE") },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &self.timeout_text,
      N_("Deadline per server in seconds (default: 10)"),
      N_("SECONDS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &self.json,
      N_("Print a machine-readable JSON report"), NULL },
    { "address", 0, 0, G_OPTION_ARG_STRING, &self.address,
      N_("Find the provider’s servers from this e-mail address (or domain) first, as --discover does, and check them"),
      N_("ADDRESS") },
    { "ispdb-url", 0, 0, G_OPTION_ARG_STRING, &self.ispdb_url,
      N_("With --address: the provider database to ask (default: Thunderbird’s)"),
      N_("URL") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1 && argv != NULL, EXIT_USAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Checks that the provider’s mail servers answer over SSL/TLS with a trustworthy certificate."));
  g_option_context_set_description (context,
                                    /* Translators: the end of --check --help */
                                    _("Exit status:\n"
                                      "  0  every checked server is fine (warnings allowed)\n"
                                      "  1  at least one server failed its check\n"
                                      "  2  bad usage or bad input"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  args = msa_command_line_dup_args (argc, argv);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      print_usage_error (error->message);
      return EXIT_USAGE;
    }

  /* GOption keeps a "--" that protects a following "-…" argument; it ends
   * the options all the same, so what follows it is an argument. */
  first_argument = 1;
  if (g_strcmp0 (args[first_argument], "--") == 0)
    first_argument++;

  if (g_strv_length (args) > first_argument)
    {
      g_autofree char *safe = msa_report_sanitize (args[first_argument]);
      /* Translators: %s is a command-line argument */
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), safe);

      print_usage_error (message);
      return EXIT_USAGE;
    }

  if (self.address != NULL)
    {
      g_autofree char *domain = NULL;

      if (self.profile_file != NULL)
        {
          print_usage_error (_("--address and --profile exclude each other: give one."));
          return EXIT_USAGE;
        }
      domain = msa_discovery_domain_from_address (self.address, &error);
      if (domain == NULL
          || (self.ispdb_url != NULL && !msa_discover_command_check_url (self.ispdb_url, &error)))
        {
          print_usage_error (error->message);
          return EXIT_USAGE;
        }
    }

  if (!parse_timeout (&self) || !parse_protocols (&self) || !load_database (&self))
    return EXIT_USAGE;

  self.status = EXIT_USAGE;
  self.loop = g_main_loop_new (NULL, FALSE);
  g_idle_add (start_cb, &self);
  g_main_loop_run (self.loop);

  return self.status;
}
