/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Discovery against real servers in a network of the test's own
 * (msa-test-netns.c): dnsmasq serves the .test domains' A, MX and SRV
 * records, nginx their autoconfig files, well-known files and a provider
 * database, and the real Dovecot/Postfix of tests/servers/ stand in for
 * guessed and SRV-named servers.  Each case's expectation is what a
 * careful mail program should be told. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "msa-account-scan.h"
#include "msa-discovery-private.h"
#include "msa-test-discovery-net.h"
#include "msa-test-netns.h"
#include "msa-test-servers.h"
#include "msa-trust-store.h"

/* Short deadlines keep the failure cases quick; the defaults are the
 * CLI's business. */
#define LOOKUP_TIMEOUT_MS 1500
#define PROBE_TIMEOUT_S 3
#define CASE_TIMEOUT_S 30

#define ISPDB_URL MSA_TEST_DISCOVERY_ISPDB_URL

static MsaTestServers *servers;
static MsaTestWeb *web;
static GTlsDatabase *database;
static const char *dir;

/* Running a discovery */

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
on_case_timeout_cb (gpointer user_data)
{
  g_error ("a discovery did not end within %d s", CASE_TIMEOUT_S);
  return G_SOURCE_REMOVE;
}

static MsaDiscovery *
discover (const char  *address,
          MsaProfile **profile,
          GError     **error)
{
  MsaDiscovery *discovery = msa_discovery_new (address, database, PROBE_TIMEOUT_S);
  g_autoptr(GAsyncResult) result = NULL;
  guint timeout_id;

  msa_test_discovery_net_prepare (discovery);
  msa_discovery_set_lookup_timeout (discovery, LOOKUP_TIMEOUT_MS);

  timeout_id = g_timeout_add_seconds (CASE_TIMEOUT_S, on_case_timeout_cb, NULL);
  msa_discovery_run_async (discovery, NULL, on_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);

  *profile = msa_discovery_run_finish (discovery, result, error);
  return discovery;
}

static MsaDiscoveryResult
result_of (MsaDiscovery           *discovery,
           MsaDiscoverySourceKind  kind)
{
  return msa_discovery_source_get_result (msa_discovery_get_source (discovery, kind));
}

static const char *
error_code_of (MsaDiscovery           *discovery,
               MsaDiscoverySourceKind  kind)
{
  const GError *error = msa_discovery_source_get_error (msa_discovery_get_source (discovery, kind));

  g_assert_nonnull (error);
  g_assert_true (error->domain == MSA_DISCOVERY_ERROR);
  return msa_discovery_error_to_string (error->code);
}

static MsaServer *
first_server (MsaProfile  *profile,
              MsaProtocol  protocol)
{
  GListModel *list = msa_profile_get_servers (profile);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MsaServer) server = g_list_model_get_item (list, i);

      if (msa_server_get_protocol (server) == protocol)
        return server;   /* the profile keeps it */
    }
  return NULL;
}

/* Every source, one at a time, and the order between them */

typedef struct
{
  const char             *address;
  MsaDiscoverySourceKind  source;
  const char             *provider;
  const char             *imap_host;
  gboolean                needs_confirmation;
} FoundCase;

static const FoundCase found_cases[] = {
  /* autoconfig beats well-known, ISPDB and SRV, which all have entries */
  { "anna@acme.test", MSA_DISCOVERY_SOURCE_AUTOCONFIG, "Acme Mail", "imap.acme.test", FALSE },
  { "acme.test", MSA_DISCOVERY_SOURCE_AUTOCONFIG, "Acme Mail", "imap.acme.test", FALSE },
  { "anna@wellknown.test", MSA_DISCOVERY_SOURCE_WELL_KNOWN, "Well-Known Mail", "imap.wellknown.test", FALSE },
  { "anna@listed.test", MSA_DISCOVERY_SOURCE_ISPDB, "Listed Mail", "imap.listed.test", FALSE },
  /* the ISPDB entry of the MX host's base domain; its servers lie outside */
  { "anna@mxhosted.test", MSA_DISCOVERY_SOURCE_MX, "Hoster", "imap.hoster.test", TRUE },
  /* domainFACTORY customers on their own domains: MX under df.eu or ispgateway.de */
  { "anna@dfcustomer.test", MSA_DISCOVERY_SOURCE_MX, "domainFACTORY", "sslin.df.eu", FALSE },
  { "anna@dfcustomer2.test", MSA_DISCOVERY_SOURCE_MX, "domainFACTORY", "sslin.df.eu", FALSE },
  { "anna@df.eu", MSA_DISCOVERY_SOURCE_BUILTIN, "domainFACTORY", "sslin.df.eu", FALSE },
  { "anna@srv.test", MSA_DISCOVERY_SOURCE_SRV, "srv.test", "imap.srv.test", FALSE },
  { "anna@srvaway.test", MSA_DISCOVERY_SOURCE_SRV, "srvaway.test", "mail.elsewhere.test", TRUE },
  /* ISPDB ranks above SRV, which answers sooner */
  { "anna@srvlisted.test", MSA_DISCOVERY_SOURCE_ISPDB, "Listed beside SRV", "imap.srvlisted.test", FALSE },
  /* the provider's autoconfig host never answers: well-known waits for it */
  { "anna@slow.test", MSA_DISCOVERY_SOURCE_WELL_KNOWN, "Slow Mail", "imap.slow.test", FALSE },
  { "anna@guess.test", MSA_DISCOVERY_SOURCE_GUESS, "guess.test", "imap.guess.test", FALSE },
  /* a redirect to HTTPS is followed; %EMAILDOMAIN% is the address's domain */
  { "anna@redirok.test", MSA_DISCOVERY_SOURCE_AUTOCONFIG, "Acme Mail", "imap.redirok.test", FALSE },
};

static void
test_found (gconstpointer data)
{
  const FoundCase *expected = data;
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaDiscovery) discovery = discover (expected->address, &profile, &error);
  MsaServer *imap;

  g_assert_no_error (error);
  g_assert_nonnull (profile);
  g_assert_cmpint (msa_discovery_source_get_kind (msa_discovery_get_chosen (discovery)), ==, expected->source);
  g_assert_cmpstr (msa_profile_get_display_name (profile), ==, expected->provider);
  imap = first_server (profile, MSA_PROTOCOL_IMAP);
  g_assert_nonnull (imap);
  g_assert_cmpstr (msa_server_get_hostname (imap), ==, expected->imap_host);
  g_assert_cmpint (msa_discovery_get_needs_confirmation (discovery), ==, expected->needs_confirmation);

  /* Only encrypted servers are ever recommended. */
  for (guint i = 0; i < g_list_model_get_n_items (msa_profile_get_servers (profile)); i++)
    {
      g_autoptr(MsaServer) server = g_list_model_get_item (msa_profile_get_servers (profile), i);

      g_assert_cmpint (msa_server_get_security (server), !=, MSA_SECURITY_PLAIN);
    }

  /* Every better-ranked source answered before the choice, and none of
   * them found anything. */
  for (guint kind = 0; kind < expected->source; kind++)
    {
      MsaDiscoveryResult result = result_of (discovery, kind);

      g_assert_true (result != MSA_DISCOVERY_RESULT_PENDING && result != MSA_DISCOVERY_RESULT_RUNNING
                     && result != MSA_DISCOVERY_RESULT_FOUND && result != MSA_DISCOVERY_RESULT_SKIPPED);
    }
}

static void
test_acme_details (void)
{
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaDiscovery) discovery = discover ("anna@acme.test", &profile, &error);
  const char * const *notes;
  gboolean exchange_noted = FALSE;

  g_assert_no_error (error);
  /* The Exchange server is skipped with a note, the plain POP3 server
   * dropped, the rest kept. */
  notes = msa_profile_get_notes (profile);

  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    exchange_noted |= strstr (notes[i], "exchange") != NULL;
  g_assert_true (exchange_noted);
  g_assert_null (first_server (profile, MSA_PROTOCOL_POP3));
  g_assert_cmpstr (msa_server_get_hostname (first_server (profile, MSA_PROTOCOL_SMTP)), ==, "smtp.acme.test");
  g_assert_cmpint (g_list_model_get_n_items (msa_profile_get_servers (profile)), ==, 2);

  /* The MX under the domain itself adds nothing; a worse source that
   * had not answered yet was not waited for. */
  g_assert_cmpint (result_of (discovery, MSA_DISCOVERY_SOURCE_AUTOCONFIG), ==, MSA_DISCOVERY_RESULT_FOUND);
}

static void
test_srv_details (void)
{
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaDiscovery) discovery = discover ("anna@srv.test", &profile, &error);
  MsaServer *smtp_ssl;
  MsaServer *smtp_starttls;

  g_assert_no_error (error);
  /* _pop3s._tcp has the target ".": not offered, so no POP3 at all. */
  g_assert_null (first_server (profile, MSA_PROTOCOL_POP3));
  g_assert_cmpuint (msa_server_get_port (first_server (profile, MSA_PROTOCOL_IMAP)), ==,
                    msa_test_servers_get_port (servers, MSA_TEST_SERVICE_IMAPS));
  smtp_ssl = msa_profile_find_server (profile, MSA_PROTOCOL_SMTP, MSA_SECURITY_SSL);
  smtp_starttls = msa_profile_find_server (profile, MSA_PROTOCOL_SMTP, MSA_SECURITY_STARTTLS);
  g_assert_nonnull (smtp_ssl);
  g_assert_nonnull (smtp_starttls);
  /* implicit TLS first */
  g_assert_true (first_server (profile, MSA_PROTOCOL_SMTP) == smtp_ssl);
}

static void
test_srv_away_domain (void)
{
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaDiscovery) discovery = discover ("anna@srvaway.test", &profile, &error);
  g_autofree char *servers_domain = msa_discovery_get_servers_domain (discovery);

  g_assert_no_error (error);
  g_assert_cmpstr (servers_domain, ==, "elsewhere.test");
}

static void
test_guess_details (void)
{
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaDiscovery) discovery = discover ("anna@guess.test", &profile, &error);

  g_assert_no_error (error);
  /* Real Dovecot and Postfix answered on each kind of port. */
  g_assert_cmpstr (msa_server_get_hostname (msa_profile_find_server (profile, MSA_PROTOCOL_POP3, MSA_SECURITY_SSL)),
                   ==, "pop3.guess.test");
  g_assert_nonnull (msa_profile_find_server (profile, MSA_PROTOCOL_SMTP, MSA_SECURITY_SSL));
  g_assert_nonnull (msa_profile_find_server (profile, MSA_PROTOCOL_IMAP, MSA_SECURITY_STARTTLS));
  g_assert_nonnull (msa_profile_find_server (profile, MSA_PROTOCOL_SMTP, MSA_SECURITY_STARTTLS));
  g_assert_cmpint (g_list_model_get_n_items (msa_profile_get_servers (profile)), ==, 6);
}

/* What must fail its source, and how */

typedef struct
{
  const char             *address;
  MsaDiscoverySourceKind  source;
  MsaDiscoveryResult      result;
  const char             *code;     /* for an error */
} FailCase;

static const FailCase fail_cases[] = {
  { "anna@nothing.test", MSA_DISCOVERY_SOURCE_MX, MSA_DISCOVERY_RESULT_NOT_FOUND, NULL },
  { "anna@plain.test", MSA_DISCOVERY_SOURCE_AUTOCONFIG, MSA_DISCOVERY_RESULT_UNENCRYPTED, NULL },
  { "anna@plainhttp.test", MSA_DISCOVERY_SOURCE_AUTOCONFIG, MSA_DISCOVERY_RESULT_ERROR, "connection-failed" },
  { "anna@redirhttp.test", MSA_DISCOVERY_SOURCE_AUTOCONFIG, MSA_DISCOVERY_RESULT_ERROR, "insecure-redirect" },
  { "anna@redirloop.test", MSA_DISCOVERY_SOURCE_AUTOCONFIG, MSA_DISCOVERY_RESULT_ERROR, "too-many-redirects" },
  { "anna@huge.test", MSA_DISCOVERY_SOURCE_AUTOCONFIG, MSA_DISCOVERY_RESULT_ERROR, "too-large" },
  { "anna@notxml.test", MSA_DISCOVERY_SOURCE_AUTOCONFIG, MSA_DISCOVERY_RESULT_ERROR, "not-autoconfig" },
  { "anna@expired.test", MSA_DISCOVERY_SOURCE_AUTOCONFIG, MSA_DISCOVERY_RESULT_ERROR, "certificate" },
  { "anna@silent.test", MSA_DISCOVERY_SOURCE_AUTOCONFIG, MSA_DISCOVERY_RESULT_ERROR, "timeout" },
  { "anna@status500.test", MSA_DISCOVERY_SOURCE_AUTOCONFIG, MSA_DISCOVERY_RESULT_ERROR, "http-status" },
  { "anna@servfail.test", MSA_DISCOVERY_SOURCE_MX, MSA_DISCOVERY_RESULT_ERROR, "dns-failed" },
  { "anna@silentdns.test", MSA_DISCOVERY_SOURCE_MX, MSA_DISCOVERY_RESULT_ERROR, "timeout" },
  { "anna@silentdns.test", MSA_DISCOVERY_SOURCE_SRV, MSA_DISCOVERY_RESULT_ERROR, "timeout" },
  /* a certificate for the wrong name is no guess */
  { "anna@badguess.test", MSA_DISCOVERY_SOURCE_GUESS, MSA_DISCOVERY_RESULT_NOT_FOUND, NULL },
};

static void
test_fails (gconstpointer data)
{
  const FailCase *expected = data;
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaDiscovery) discovery = discover (expected->address, &profile, &error);

  /* Nothing is found for any of these domains, and the discovery says so. */
  g_assert_error (error, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_NOTHING_FOUND);
  g_assert_null (profile);
  g_assert_cmpint (result_of (discovery, expected->source), ==, expected->result);
  if (expected->code != NULL)
    g_assert_cmpstr (error_code_of (discovery, expected->source), ==, expected->code);
}

static void
test_invalid_address (void)
{
  const char * const invalid[] = { "anna@", "@acme.test", "a@b@acme.test", "not an address", "anna@localhost",
                                   "anna@127.0.0.1", "anna@-acme.test", "", NULL };

  for (guint i = 0; invalid[i] != NULL; i++)
    {
      g_autoptr(MsaProfile) profile = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(MsaDiscovery) discovery = discover (invalid[i], &profile, &error);

      g_assert_error (error, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_INVALID_ADDRESS);
      g_assert_null (msa_discovery_get_domain (discovery));
    }
}

static void
on_cancel_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;

  g_assert_null (msa_discovery_run_finish (MSA_DISCOVERY (object), result, error));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelled while a source waits for a server that never answers: the
 * discovery ends at once, every source answered or skipped. */
static void
test_cancel (void)
{
  g_autoptr(MsaDiscovery) discovery = msa_discovery_new ("anna@silent.test", database, PROBE_TIMEOUT_S);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  msa_test_discovery_net_prepare (discovery);
  msa_discovery_run_async (discovery, cancellable, on_cancel_done_cb, &error);
  g_timeout_add (200, cancel_cb, cancellable);
  while (error == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (result_of (discovery, MSA_DISCOVERY_SOURCE_AUTOCONFIG), ==, MSA_DISCOVERY_RESULT_SKIPPED);
  for (guint kind = 0; kind < MSA_DISCOVERY_N_SOURCES; kind++)
    g_assert_true (msa_discovery_source_is_done (msa_discovery_get_source (discovery, kind)));
  g_assert_null (msa_discovery_get_chosen (discovery));
}

static char *
read_log_with (const char *path,
               const char *wanted)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  char *text = NULL;

  do
    {
      g_free (text);
      text = NULL;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      if (strstr (text, wanted) != NULL)
        break;
      g_usleep (20 * 1000);
    }
  while (g_get_monotonic_time () < deadline);
  return text;
}

/* Only the domain leaves the computer, and never over plain HTTP. */
static void
test_only_domain_sent (void)
{
  g_autofree char *web_log = NULL;
  g_autofree char *dns_log_file = g_build_filename (dir, "dnsmasq.log", NULL);
  g_autofree char *dns_log = NULL;
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaDiscovery) discovery = discover ("secret-local-part@plainhttp.test", &profile, &error);
  g_autoptr(MsaDiscovery) discovery2 = NULL;
  g_autoptr(MsaProfile) profile2 = NULL;

  g_clear_error (&error);
  discovery2 = discover ("secret-local-part@mxhosted.test", &profile2, &error);
  g_assert_no_error (error);

  /* nginx writes a request's line after it has answered, and dnsmasq
   * its own when it likes: wait, bounded, for the lines expected. */
  web_log = read_log_with (msa_test_web_get_log (web), "https ispdb.test:443 /v1.1/hoster.test");
  dns_log = read_log_with (dns_log_file, "autoconfig.plainhttp.test");
  g_assert_nonnull (strstr (web_log, "https ispdb.test:443 /v1.1/hoster.test"));
  g_assert_null (strstr (web_log, "secret-local-part"));
  g_assert_null (strstr (dns_log, "secret-local-part"));
  /* The plain-HTTP server has the file and was never asked. */
  g_assert_null (strstr (web_log, "http autoconfig.plainhttp.test"));
  g_assert_nonnull (strstr (dns_log, "autoconfig.plainhttp.test"));
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The account scan: the providers of accounts at unknown domains */

static const char goa_accounts[] =
  "[Account account_1]\n"
  "Provider=imap_smtp\n"
  "EmailAddress=anna@listed.test\n"
  "ImapHost=mail.listed.test\n"
  "ImapUseSsl=false\n"
  "ImapUseTls=false\n"
  "SmtpHost=mail.listed.test\n"
  "SmtpUseSsl=false\n"
  "SmtpUseTls=true\n"
  "\n"
  "[Account account_2]\n"
  "Provider=imap_smtp\n"
  "EmailAddress=bob@mxhosted.test\n"
  "ImapHost=mail.mxhosted.test\n"
  "ImapUseSsl=false\n"
  "ImapUseTls=false\n"
  "\n"
  "[Account account_3]\n"
  "Provider=imap_smtp\n"
  "EmailAddress=carol@nothing.test\n"
  "ImapHost=mail.nothing.test\n"
  "ImapUseSsl=false\n"
  "ImapUseTls=false\n";

static char *
write_home (void)
{
  g_autofree char *home = g_build_filename (dir, "home", NULL);
  g_autofree char *goa = g_build_filename (home, ".config", "goa-1.0", NULL);
  g_autofree char *file = g_build_filename (goa, "accounts.conf", NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (goa, 0700);
  g_file_set_contents (file, goa_accounts, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&home);
}

static void
on_scan_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (msa_account_scan_run_finish (MSA_ACCOUNT_SCAN (object), result, NULL));
  *done = TRUE;
}

static void
on_providers_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (msa_account_scan_find_providers_finish (MSA_ACCOUNT_SCAN (object), result, NULL));
  *done = TRUE;
}

static MsaFoundServer *
found_server (MsaAccountScan *scan,
              guint           account,
              guint           server)
{
  g_autoptr(MsaFoundAccount) found = g_list_model_get_item (msa_account_scan_get_accounts (scan), account);

  /* The scan keeps both. */
  return g_list_model_get_item (msa_found_account_get_servers (found), server);
}

static void
test_scan_providers (void)
{
  g_autofree char *home = write_home ();
  g_autofree char *config = g_build_filename (home, ".config", NULL);
  g_autoptr(GFile) home_file = g_file_new_for_path (home);
  g_autoptr(GFile) config_file = g_file_new_for_path (config);
  g_autoptr(MsaAccountScan) scan = msa_account_scan_new (home_file, config_file);
  g_auto(GStrv) domains = NULL;
  gboolean done = FALSE;
  g_autoptr(MsaFoundServer) imap = NULL;
  g_autoptr(MsaFoundServer) smtp = NULL;
  g_autoptr(MsaFoundServer) unconfirmed = NULL;
  g_autoptr(MsaFoundServer) nothing = NULL;
  MsaServer *change;

  msa_account_scan_run_async (scan, NULL, on_scan_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (msa_account_scan_get_accounts (scan)), ==, 3);

  /* Before: no provider known, no change. */
  domains = msa_account_scan_get_unknown_domains (scan);
  g_assert_cmpuint (g_strv_length (domains), ==, 3);
  imap = found_server (scan, 0, 0);
  g_assert_null (msa_found_server_get_change (imap));

  done = FALSE;
  msa_account_scan_find_providers_async (scan, database, MSA_TEST_DISCOVERY_ISPDB_URL, NULL,
                                         on_providers_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  /* listed.test's provider, from the provider database: its SSL servers. */
  change = msa_found_server_get_change (imap);
  g_assert_nonnull (change);
  g_assert_cmpstr (msa_server_get_hostname (change), ==, "imap.listed.test");
  g_assert_cmpuint (msa_server_get_port (change), ==, 993);
  g_assert_cmpint (msa_server_get_security (change), ==, MSA_SECURITY_SSL);
  smtp = found_server (scan, 0, 1);
  g_assert_cmpstr (msa_server_get_hostname (msa_found_server_get_change (smtp)), ==, "smtp.listed.test");
  /* Servers that would need the user's confirmation give no change, and
   * a domain with nothing published none either. */
  unconfirmed = found_server (scan, 1, 0);
  g_assert_null (msa_found_server_get_change (unconfirmed));
  nothing = found_server (scan, 2, 0);
  g_assert_null (msa_found_server_get_change (nothing));
}

static void
test_cli_scan_providers (void)
{
  g_autofree char *home = write_home ();
  g_autofree char *config = g_build_filename (home, ".config", NULL);
  g_autofree char *program = g_build_filename (g_getenv ("MSA_BUILD_ROOT"), "src", "cli",
                                               "mailssl-assistant", NULL);
  g_autofree char *ca = g_strconcat ("--ca-file=", msa_test_servers_get_ca_file (servers), NULL);
  const char *argv[] = { program, "--scan", "--json", "--find-providers", ca,
                         "--ispdb-url=" ISPDB_URL, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *server;
  JsonObject *change;
  int wait_status = 0;

  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  root = parse_object (parser, output);
  server = json_array_get_object_element (
             json_object_get_array_member (
               json_array_get_object_element (json_object_get_array_member (root, "accounts"), 0),
               "servers"),
             0);
  change = json_object_get_object_member (server, "change");
  g_assert_nonnull (change);
  g_assert_cmpstr (json_object_get_string_member (change, "host"), ==, "imap.listed.test");
  g_assert_cmpstr (json_object_get_string_member (change, "security"), ==, "ssl");
}

/* The command line */

static char *
run_cli (const char * const *args,
         int                *status)
{
  g_autofree char *program = g_build_filename (g_getenv ("MSA_BUILD_ROOT"), "src", "cli",
                                               "mailssl-assistant", NULL);
  g_autofree char *ca = g_strconcat ("--ca-file=", msa_test_servers_get_ca_file (servers), NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *output = NULL;
  int wait_status = 0;

  /* The test's own options last: the last of a repeated option counts. */
  g_ptr_array_add (argv, program);
  g_ptr_array_add (argv, ca);
  g_ptr_array_add (argv, (char *) "--ispdb-url=" ISPDB_URL);
  g_ptr_array_add (argv, (char *) "--timeout=3");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &output, NULL, &wait_status, &error);
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return output;
}


static void
test_cli_json (void)
{
  const char * const domains[][3] = {
    /* address, source, first incoming host */
    { "anna@acme.test", "autoconfig", "imap.acme.test" },
    { "anna@wellknown.test", "well-known", "imap.wellknown.test" },
    { "anna@listed.test", "ispdb", "imap.listed.test" },
    { "anna@mxhosted.test", "mx", "imap.hoster.test" },
    { "anna@dfcustomer.test", "mx", "sslin.df.eu" },
    { "anna@srv.test", "srv", "imap.srv.test" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      const char * const args[] = { "--discover", domains[i][0], "--json", NULL };
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *output = NULL;
      JsonObject *root;
      JsonObject *profile;
      JsonArray *sources;
      JsonObject *incoming;
      int status;

      output = run_cli (args, &status);
      if (status != 0)
        g_test_message ("%s", output);
      g_assert_cmpint (status, ==, 0);
      root = parse_object (parser, output);
      g_assert_cmpstr (json_object_get_string_member (root, "address"), ==, domains[i][0]);
      g_assert_cmpstr (json_object_get_string_member (root, "domain"), ==, strchr (domains[i][0], '@') + 1);
      profile = json_object_get_object_member (root, "profile");
      g_assert_nonnull (profile);
      g_assert_cmpstr (json_object_get_string_member (profile, "source"), ==, domains[i][1]);
      g_assert_cmpint (json_object_get_boolean_member (profile, "needs_confirmation"), ==,
                       g_str_equal (domains[i][1], "mx") && !g_str_equal (domains[i][2], "sslin.df.eu"));
      incoming = json_array_get_object_element (json_object_get_array_member (profile, "incoming"), 0);
      g_assert_cmpstr (json_object_get_string_member (incoming, "host"), ==, domains[i][2]);
      g_assert_cmpstr (json_object_get_string_member (incoming, "security"), ==, "ssl");
      sources = json_object_get_array_member (root, "sources");
      g_assert_cmpuint (json_array_get_length (sources), ==, MSA_DISCOVERY_N_SOURCES);
      for (guint j = 0; j < json_array_get_length (sources); j++)
        {
          JsonObject *source = json_array_get_object_element (sources, j);

          g_assert_true (json_object_has_member (source, "target"));
          g_assert_true (json_object_has_member (source, "ms"));
          g_assert_true (json_object_has_member (source, "error"));
        }
    }
}

static void
test_cli_nothing_and_errors (void)
{
  const char * const nothing[] = { "--discover", "anna@nothing.test", "--json", NULL };
  const char * const not_address[] = { "--discover", "not an address", NULL };
  const char * const bad_url[] = { "--discover", "anna@acme.test", "--ispdb-url=http://ispdb.test/", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *output = NULL;
  g_autofree char *ignored = NULL;
  JsonObject *root;
  JsonArray *sources;
  JsonObject *error;
  int status;

  output = run_cli (nothing, &status);
  g_assert_cmpint (status, ==, 1);
  root = parse_object (parser, output);
  g_assert_true (json_object_get_null_member (root, "profile"));
  sources = json_object_get_array_member (root, "sources");
  for (guint j = 0; j < json_array_get_length (sources); j++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sources, j), "result"),
                     ==, "not-found");

  g_free (output);
  output = run_cli ((const char *[]) { "--discover", "anna@huge.test", "--json", NULL }, &status);
  g_assert_cmpint (status, ==, 1);
  root = parse_object (parser, output);
  error = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (root, "sources"), 1),
                                         "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "too-large");
  g_assert_nonnull (json_object_get_string_member (error, "message"));

  ignored = run_cli (not_address, &status);
  g_assert_cmpint (status, ==, 2);
  g_free (ignored);
  ignored = run_cli (bad_url, &status);
  g_assert_cmpint (status, ==, 2);
}

/* --check --address: discovery, then the real check of what it found */
static void
test_cli_check_address (void)
{
  const char * const good[] = { "--check", "--address=anna@srv.test", "--json", NULL };
  const char * const none[] = { "--check", "--address=anna@nothing.test", NULL };
  const char * const both[] = { "--check", "--address=anna@srv.test", "--profile=x.xml", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *output = NULL;
  g_autofree char *ignored = NULL;
  JsonObject *root;
  JsonArray *results;
  int status;

  output = run_cli (good, &status);
  g_assert_cmpint (status, ==, 0);
  root = parse_object (parser, output);
  /* the check report of Dovecot's and Postfix's three servers */
  results = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 3);
  for (guint i = 0; i < json_array_get_length (results); i++)
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (results, i), "ok"));

  ignored = run_cli (none, &status);
  g_assert_cmpint (status, ==, 1);
  g_free (ignored);
  ignored = run_cli (both, &status);
  g_assert_cmpint (status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before anything starts a thread. */
  if (!msa_test_netns_enter (&error))
    {
      g_printerr ("test-discovery: %s\n", error->message);
      return 1;
    }

  g_test_init (&argc, &argv, NULL);

  if (!msa_test_discovery_net_start (&error))
    {
      g_printerr ("test-discovery: %s\n", error->message);
      return 1;
    }
  servers = msa_test_discovery_net_get_servers ();
  web = msa_test_discovery_net_get_web ();
  database = msa_test_discovery_net_get_database ();
  dir = msa_test_discovery_net_get_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (found_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/discovery/found/%s", found_cases[i].address);

      g_test_add_data_func (path, &found_cases[i], test_found);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fail_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/discovery/fails/%s/%s", fail_cases[i].address,
                                               msa_discovery_source_kind_to_string (fail_cases[i].source));

      g_test_add_data_func (path, &fail_cases[i], test_fails);
    }
  g_test_add_func ("/discovery/acme-details", test_acme_details);
  g_test_add_func ("/discovery/srv-details", test_srv_details);
  g_test_add_func ("/discovery/srv-away-domain", test_srv_away_domain);
  g_test_add_func ("/discovery/guess-details", test_guess_details);
  g_test_add_func ("/discovery/invalid-address", test_invalid_address);
  g_test_add_func ("/discovery/only-domain-sent", test_only_domain_sent);
  g_test_add_func ("/discovery/cancel", test_cancel);
  g_test_add_func ("/discovery/scan-providers", test_scan_providers);
  g_test_add_func ("/discovery/cli/json", test_cli_json);
  g_test_add_func ("/discovery/cli/scan-providers", test_cli_scan_providers);
  g_test_add_func ("/discovery/cli/nothing-and-errors", test_cli_nothing_and_errors);
  g_test_add_func ("/discovery/cli/check-address", test_cli_check_address);

  status = g_test_run ();

  msa_test_discovery_net_stop ();
  return status;
}
