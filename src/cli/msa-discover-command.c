/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `mailssl-assistant --discover ADDRESS`: a provider's settings from an
 * e-mail address (src/discover/).  Exit statuses, as README.md's
 * contract has them:
 *   0  encrypted servers found
 *   1  none found
 *   2  bad usage or bad input */
#include "config.h"

#include "msa-discover-command.h"
#include "msa-command-line.h"

#include <glib/gi18n.h>

#include "msa-discovery-text.h"
#include "msa-found-account-text.h"
#include "msa-report.h"
#include "msa-trust-store.h"

enum
{
  EXIT_FOUND = 0,
  EXIT_NONE = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  GMainLoop    *loop;
  MsaDiscovery *discovery;
  gboolean      json;
  int           status;
} DiscoverCommand;

/**
 * msa_discover_command_check_url:
 * @url: the value of --ispdb-url
 * @error: why it cannot be used
 *
 * Returns: whether @url is an https: URL that the domain can be
 *   appended to
 */
gboolean
msa_discover_command_check_url (const char  *url,
                                GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0
      || g_uri_get_host (uri) == NULL || !g_str_has_suffix (url, "/"))
    {
      g_autofree char *safe = msa_report_sanitize (url);

      /* Translators: %s is the value given to --ispdb-url */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Invalid --ispdb-url “%s”: give an https:// address that ends in “/”."), safe);
      return FALSE;
    }
  return TRUE;
}

static void
append_server (GString   *text,
               MsaServer *server)
{
  g_autofree char *host = msa_report_sanitize (msa_server_get_hostname (server));

  /* Translators: a server of the profile found: the protocol (IMAP, POP3,
   * SMTP), the host name, the port and the connection security
   * (“SSL/TLS” or “STARTTLS”) */
  g_string_append_printf (text, _("  %s  %s, port %u, %s\n"),
                          msa_protocol_to_string (msa_server_get_protocol (server)),
                          host, msa_server_get_port (server),
                          msa_security_get_label (msa_server_get_security (server)));
}

/**
 * msa_discover_command_to_text:
 * @discovery: a finished discovery
 *
 * Returns: (transfer full): the readable report: every source with its
 *   answer, then the profile chosen
 */
char *
msa_discover_command_to_text (MsaDiscovery *discovery)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GListModel *sources = msa_discovery_get_sources (discovery);
  MsaProfile *profile = msa_discovery_get_profile (discovery);
  g_autofree char *domain = msa_report_sanitize (msa_discovery_get_domain (discovery));

  /* Translators: %s is a mail domain */
  g_string_append_printf (text, _("Settings for %s:\n"), domain);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(MsaDiscoverySource) source = g_list_model_get_item (sources, i);
      MsaDiscoveryResult result = msa_discovery_source_get_result (source);
      const GError *error = msa_discovery_source_get_error (source);
      g_autofree char *target = msa_report_sanitize (msa_discovery_source_get_target (source));

      if (result == MSA_DISCOVERY_RESULT_PENDING)
        continue;
      g_string_append_printf (text, "  %s: %s",
                              msa_discovery_source_kind_get_label (msa_discovery_source_get_kind (source)),
                              msa_discovery_result_get_label (result));
      if (result != MSA_DISCOVERY_RESULT_SKIPPED)
        /* Translators: what a source asked and how long it took */
        g_string_append_printf (text, _(" (%s, %.0f ms)"), target,
                                msa_discovery_source_get_ms (source));
      g_string_append_c (text, '\n');
      if (error != NULL)
        {
          g_autofree char *reason = msa_report_sanitize (error->message);

          g_string_append_printf (text, "    %s\n", reason);
        }
    }

  g_string_append_c (text, '\n');
  if (profile == NULL)
    {
      g_string_append_printf (text, _("No encrypted mail servers were found for %s.\n"), domain);
      g_string_append (text, _("Ask your provider for a settings file, or for the names of its encrypted servers.\n"));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  {
    g_autofree char *provider = msa_report_sanitize (msa_profile_get_display_name (profile));
    MsaDiscoverySource *chosen = msa_discovery_get_chosen (discovery);
    GListModel *servers = msa_profile_get_servers (profile);

    /* Translators: the first %s is the provider's name, the second the
     * name of the source, e.g. “Thunderbird’s provider database” */
    g_string_append_printf (text, _("Provider: %s (from: %s)\n"), provider,
                            msa_discovery_source_kind_get_label (msa_discovery_source_get_kind (chosen)));
    for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
      {
        g_autoptr(MsaServer) server = g_list_model_get_item (servers, i);

        append_server (text, server);
      }
    if (msa_discovery_get_needs_confirmation (discovery))
      {
        g_autofree char *servers_domain = msa_discovery_get_servers_domain (discovery);
        g_autofree char *safe = msa_report_sanitize (servers_domain);

        /* Translators: the first %s is the domain of the servers found,
         * the second the domain of the e-mail address */
        g_string_append_printf (text, _("Confirm before you use them: these servers belong to %s, not to %s, "
                                        "and were found through records that are not protected against forgery.\n"),
                                safe, domain);
      }
  }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_discovered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DiscoverCommand *self = user_data;
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  profile = msa_discovery_run_finish (self->discovery, result, &error);
  if (self->json)
    report = msa_discovery_to_json (self->discovery);
  else
    report = msa_discover_command_to_text (self->discovery);
  g_print ("%s", report);

  self->status = profile != NULL ? EXIT_FOUND : EXIT_NONE;
  g_main_loop_quit (self->loop);
}

static int
usage_error (const char *message)
{
  /* Translators: the first %s is the program name, the second what is
   * wrong with the command line */
  g_printerr (_("%s: %s\n"), g_get_prgname (), message);
  /* Translators: %s is the program name */
  g_printerr (_("Try “%s --discover --help” for the options.\n"), g_get_prgname ());
  return EXIT_USAGE;
}

/**
 * msa_discover_command_run:
 * @argc: the number of arguments
 * @argv: (array length=argc): the arguments, `--discover` among them
 *
 * Runs `mailssl-assistant --discover ADDRESS`: every source at once on
 * a main loop of its own, then the text or JSON report.
 *
 * Returns: the exit status
 */
int
msa_discover_command_run (int    argc,
                          char **argv)
{
  DiscoverCommand self = { 0, };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *address = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *timeout_text = NULL;
  g_autofree char *ispdb_url = NULL;
  g_autofree char *domain = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  guint timeout = 0;
  guint first_argument = 1;
  const GOptionEntry entries[] = {
    { "discover", 0, 0, G_OPTION_ARG_STRING, &address,
      N_("Find the provider’s encrypted servers for an e-mail address (or a domain), print them and exit"),
      N_("ADDRESS") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("PEM file of trust anchors to use instead of the system’s"), N_("FILE") },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &timeout_text,
      N_("Deadline per probed server in seconds (default: 10); web and DNS look-ups take at most 5"),
      N_("SECONDS") },
    { "ispdb-url", 0, 0, G_OPTION_ARG_STRING, &ispdb_url,
      N_("Provider database to ask, an https:// address the domain is appended to (default: Thunderbird’s)"),
      N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &self.json,
      N_("Print a machine-readable JSON report"), NULL },
    { NULL }
  };

  g_return_val_if_fail (argc >= 1 && argv != NULL, EXIT_USAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Finds a provider’s encrypted mail servers from an e-mail address. Only the domain is sent, never the part before the “@”."));
  g_option_context_set_description (context,
                                    /* Translators: the end of --discover --help */
                                    _("Exit status:\n"
                                      "  0  encrypted servers found\n"
                                      "  1  none found\n"
                                      "  2  bad usage or bad input"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  args = msa_command_line_dup_args (argc, argv);

  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (error->message);

  if (g_strcmp0 (args[first_argument], "--") == 0)
    first_argument++;
  if (g_strv_length (args) > first_argument)
    {
      g_autofree char *safe = msa_report_sanitize (args[first_argument]);
      /* Translators: %s is a command-line argument */
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), safe);

      return usage_error (message);
    }

  domain = msa_discovery_domain_from_address (address, &error);
  if (domain == NULL
      || !msa_command_line_parse_timeout (timeout_text, &timeout, &error)
      || (ispdb_url != NULL && !msa_discover_command_check_url (ispdb_url, &error)))
    return usage_error (error->message);

  database = msa_trust_store_load (ca_file, &error);
  if (database == NULL)
    {
      g_printerr (_("%s: %s\n"), g_get_prgname (), error->message);
      return EXIT_USAGE;
    }

  self.loop = g_main_loop_new (NULL, FALSE);
  self.discovery = msa_discovery_new (address, database, timeout);
  if (ispdb_url != NULL)
    msa_discovery_set_ispdb_url (self.discovery, ispdb_url);
  self.status = EXIT_USAGE;
  msa_discovery_run_async (self.discovery, NULL, on_discovered_cb, &self);
  g_main_loop_run (self.loop);

  g_clear_object (&self.discovery);
  g_clear_pointer (&self.loop, g_main_loop_unref);
  return self.status;
}
