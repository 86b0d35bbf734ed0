/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `mailssl-assistant --check` as users run it: the built program, spawned
 * against real Dovecot and Postfix (the fixture), with its exit statuses,
 * its JSON and English text reports, every kind of bad usage, the
 * --protocol filter, and a server whose greeting tries to steer the
 * terminal.  (The built program finds its German only where it is
 * installed; tests/check/test-report.c reads the German report with the
 * build tree's catalogue.) */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* How much of a command's output the test log shows */
#define LOGGED_OUTPUT 4096
#include <sys/resource.h>

#include "msa-fake-server.h"
#include "msa-test-servers.h"
#include "../msa-test-loopback.h"

#define RUN_DEADLINE_SECONDS 60

static MsaTestServers *servers;
static char *assistant;
static char *tmp_dir;
static char *whole_profile;   /* the six good services */
/* The next run's descriptor limit (RLIMIT_NOFILE), 0 for the test's own */
static rlim_t nofile_limit;
/* The next run's G_TLS_GNUTLS_PRIORITY (glib-networking's system policy
 * stand-in), NULL for none */
static const char *tls_priority;

static const char *good_services[MSA_TEST_N_GOOD_SERVICES + 1];

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
on_communicated_cb (GObject      *source,
                    GAsyncResult *async_result,
                    gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (async_result);
}

static void
limit_descriptors (gpointer user_data)
{
  struct rlimit limit = { nofile_limit, nofile_limit };

  if (nofile_limit > 0)
    setrlimit (RLIMIT_NOFILE, &limit);
}

static gboolean
keep_going_cb (gpointer user_data)
{
  /* Only there to end each main-loop iteration in time for the deadline. */
  return G_SOURCE_CONTINUE;
}

/* Runs mailssl-assistant with @args in @language and collects its exit
 * status and output; a hang past the deadline fails the test. */
static Result
run_in (const char         *language,
        const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autofree char *command = NULL;
  gint64 deadline = g_get_monotonic_time () + RUN_DEADLINE_SECONDS * G_USEC_PER_SEC;
  Result result = { -1, NULL, NULL };
  guint wakeup;

  g_ptr_array_add (argv, assistant);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  command = g_strjoinv (" ", (char **) argv->pdata);
  g_test_message ("LANGUAGE=%s %s", language, command);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "LC_ALL");
  g_subprocess_launcher_unsetenv (launcher, "LC_MESSAGES");
  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  if (tls_priority != NULL)
    g_subprocess_launcher_setenv (launcher, "G_TLS_GNUTLS_PRIORITY", tls_priority, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_TLS_GNUTLS_PRIORITY");
  g_subprocess_launcher_set_child_setup (launcher, limit_descriptors, NULL, NULL);

  /* The default main context, where the in-process server accepts too. */
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated_cb, &async_result);
  wakeup = g_timeout_add (100, keep_going_cb, NULL);
  while (async_result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wakeup);
  if (async_result == NULL)
    {
      g_subprocess_force_exit (process);
      g_error ("%s did not finish within %d s", command, RUN_DEADLINE_SECONDS);
    }
  g_subprocess_communicate_utf8_finish (process, async_result, &result.out, &result.err, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  result.status = g_subprocess_get_exit_status (process);
  /* Only the start of a long output: GLib splits a message into its
   * lines, and under AddressSanitizer (whose strstr measures the whole
   * rest each time) the 2,000 results of test_descriptor_limit() took
   * most of a minute to log. */
  g_test_message ("exit %d\n--- stdout (%zu bytes):\n%.*s%s--- stderr:\n%.*s", result.status,
                  strlen (result.out), LOGGED_OUTPUT, result.out,
                  strlen (result.out) > LOGGED_OUTPUT ? "\n[…]\n" : "",
                  LOGGED_OUTPUT, result.err);

  return result;
}

#define run(...) run_in ("en", (const char * const []) { __VA_ARGS__, NULL })

static char *
write_file (const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
profile_xml (const char *servers_xml)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<clientConfig version=\"1.1\">\n"
                          "  <emailProvider id=\"example.test\">\n"
                          "    <domain>example.test</domain>\n"
                          "    <displayName>Example Test</displayName>\n"
                          "%s"
                          "  </emailProvider>\n"
                          "</clientConfig>\n",
                          servers_xml);
}

static char *
write_profile (const char *name,
               const char *type,
               guint16     port)
{
  g_autofree char *server = g_strdup_printf ("    <%s type=\"%s\">\n"
                                             "      <hostname>localhost</hostname>\n"
                                             "      <port>%u</port>\n"
                                             "      <socketType>SSL</socketType>\n"
                                             "      <username>%%EMAILADDRESS%%</username>\n"
                                             "      <authentication>password-cleartext</authentication>\n"
                                             "    </%s>\n",
                                             g_str_equal (type, "smtp") ? "outgoingServer" : "incomingServer",
                                             type, port,
                                             g_str_equal (type, "smtp") ? "outgoingServer" : "incomingServer");
  g_autofree char *xml = profile_xml (server);

  return write_file (name, xml);
}

static JsonObject *
parse_report (const char *json,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_node_type (json_parser_get_root (parser)), ==, JSON_NODE_OBJECT);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_no_controls (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        continue;
      g_assert_false (c < 0x20 || (c >= 0x7f && c <= 0x9f));
    }
}

static MsaTestService
service_of (JsonObject *result)
{
  const char *protocol = json_object_get_string_member (result, "protocol");
  gboolean ssl = g_str_equal (json_object_get_string_member (result, "security"), "ssl");

  g_assert_cmpstr (json_object_get_string_member (result, "security"), !=, "plain");
  if (g_str_equal (protocol, "imap"))
    return ssl ? MSA_TEST_SERVICE_IMAPS : MSA_TEST_SERVICE_IMAP_STARTTLS;
  if (g_str_equal (protocol, "pop3"))
    return ssl ? MSA_TEST_SERVICE_POP3S : MSA_TEST_SERVICE_POP3_STARTTLS;
  g_assert_cmpstr (protocol, ==, "smtp");
  return ssl ? MSA_TEST_SERVICE_SMTPS : MSA_TEST_SERVICE_SUBMISSION_STARTTLS;
}

/* ---------------------------------------------------------------------- */

static void
test_whole_profile_json (void)
{
  const char *ca = msa_test_servers_get_ca_file (servers);
  g_auto(Result) result = run ("--check", "--json", "--ca-file", ca, "--profile", whole_profile);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *report;
  JsonArray *results;
  guint seen = 0;

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  report = parse_report (result.out, parser);
  g_assert_true (json_object_has_member (report, "provider"));
  results = json_object_get_array_member (report, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, MSA_TEST_N_GOOD_SERVICES);

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *server = json_array_get_object_element (results, i);
      MsaTestService service = service_of (server);
      JsonObject *tls = json_object_get_object_member (server, "tls");
      JsonObject *certificate = json_object_get_object_member (server, "certificate");
      JsonObject *timings = json_object_get_object_member (server, "timings_ms");

      seen |= 1u << service;
      g_assert_cmpstr (json_object_get_string_member (server, "host"), ==, "localhost");
      g_assert_cmpint (json_object_get_int_member (server, "port"), ==,
                       msa_test_servers_get_port (servers, service));
      g_assert_true (json_object_get_boolean_member (server, "ok"));
      g_assert_true (json_node_is_null (json_object_get_member (server, "error")));
      g_assert_nonnull (tls);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (tls, "version"), "TLS 1."));
      g_assert_nonnull (certificate);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (certificate, "problems")), ==, 0);
      g_assert_cmpint (json_object_get_int_member (certificate, "days_left"), >, 0);
      g_assert_cmpstr (json_object_get_string_member (certificate, "sha256"), !=, "");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (certificate, "dns_names")), >, 0);
      g_assert_cmpstr (json_object_get_string_member (server, "greeting"), !=, "");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (server, "capabilities")), >, 0);
      g_assert_cmpint (json_object_get_int_member (timings, "total"), >=, 0);
    }
  g_assert_cmpuint (seen, ==, (1u << MSA_TEST_N_GOOD_SERVICES) - 1);
}

static void
test_untrusted_exit_1 (void)
{
  /* Without the test CA, the system's trust store does not know it. */
  g_auto(Result) result = run ("--check", "--json", "--protocol=imap", "--profile", whole_profile);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *results;

  g_assert_cmpint (result.status, ==, 1);
  results = json_object_get_array_member (parse_report (result.out, parser), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *server = json_array_get_object_element (results, i);
      JsonObject *error = json_object_get_object_member (server, "error");

      g_assert_false (json_object_get_boolean_member (server, "ok"));
      g_assert_nonnull (error);
      g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "certificate-untrusted");
    }
}

static void
test_certificate_problems (void)
{
  static const struct {
    MsaTestService service;
    const char *code;
    const char *problem;
    const char *words;
  } cases[] = {
    { MSA_TEST_SERVICE_IMAPS_UNTRUSTED, "certificate-untrusted", "untrusted", "untrusted certificate" },
    { MSA_TEST_SERVICE_IMAPS_WRONG_HOST, "certificate-hostname-mismatch", "hostname-mismatch",
      "issued for a different server name" },
    { MSA_TEST_SERVICE_IMAPS_EXPIRED, "certificate-expired", "expired", "expired" },
    { MSA_TEST_SERVICE_IMAPS_NOT_YET_VALID, "certificate-not-yet-valid", "not-yet-valid", "not valid yet" },
  };
  const char *ca = msa_test_servers_get_ca_file (servers);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *names[] = { msa_test_service_to_string (cases[i].service), NULL };
      g_autofree char *profile = msa_test_servers_write_profile (servers, names, &error);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *heading = g_strdup_printf ("FAILED  IMAP  localhost:%u (SSL/TLS)\n",
                                                  msa_test_servers_get_port (servers, cases[i].service));
      g_autofree char *certificate_row = NULL;
      JsonObject *result, *certificate;
      JsonArray *problems;

      g_assert_no_error (error);
      {
        g_auto(Result) json = run ("--check", "--json", "--ca-file", ca, "--profile", profile);
        g_auto(Result) text = run ("--check", "--ca-file", ca, "--profile", profile);

        g_assert_cmpint (json.status, ==, 1);
        g_assert_cmpint (text.status, ==, 1);
        result = json_array_get_object_element (json_object_get_array_member (parse_report (json.out, parser),
                                                                              "results"), 0);
        g_assert_false (json_object_get_boolean_member (result, "ok"));
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "error"), "code"),
                         ==, cases[i].code);
        /* The rejected certificate is shown with its details. */
        certificate = json_object_get_object_member (result, "certificate");
        g_assert_nonnull (certificate);
        problems = json_object_get_array_member (certificate, "problems");
        g_assert_cmpuint (json_array_get_length (problems), ==, 1);
        g_assert_cmpstr (json_array_get_string_element (problems, 0), ==, cases[i].problem);

        /* The text says it in plain words. */
        assert_no_controls (text.out);
        g_assert_nonnull (strstr (text.out, heading));
        certificate_row = g_strdup_printf ("  Certificate   %s", cases[i].words);
        g_assert_nonnull (strstr (text.out, certificate_row));
        g_assert_nonnull (strstr (text.out, "What to do"));
        g_assert_nonnull (strstr (text.out, "SHA-256"));
      }
    }
}

static guint16
refused_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

static void
test_refused_exit_1 (void)
{
  const char *ca = msa_test_servers_get_ca_file (servers);
  g_autofree char *profile = write_profile ("refused.xml", "imap", refused_port ());
  g_auto(Result) result = run ("--check", "--json", "--ca-file", ca, "--profile", profile);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *results;
  JsonObject *error;

  g_assert_cmpint (result.status, ==, 1);
  results = json_object_get_array_member (parse_report (result.out, parser), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  error = json_object_get_object_member (json_array_get_object_element (results, 0), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "connection-refused");
}

static void
assert_usage_error (const char * const *args,
                    const char         *named)
{
  g_auto(Result) result = run_in ("en", args);

  g_assert_cmpint (result.status, ==, 2);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_cmpstr (result.err, !=, "");
  assert_no_controls (result.err);
  if (named != NULL)
    g_assert_nonnull (strstr (result.err, named));
}

static void
test_bad_usage_exit_2 (void)
{
  const char *ca = msa_test_servers_get_ca_file (servers);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.xml", NULL);
  g_autofree char *not_xml = write_file ("not-xml.xml", "this is not XML\n");
  g_autofree char *bad_ca = write_file ("bad-ca.pem", "not a certificate\n");
  g_autofree char *missing_ca = g_build_filename (tmp_dir, "missing-ca.pem", NULL);
  g_autofree char *imap_only = write_profile ("imap-only.xml", "imap",
                                              msa_test_servers_get_port (servers, MSA_TEST_SERVICE_IMAPS));
  g_autofree char *profile_arg = g_strdup_printf ("--profile=%s", whole_profile);
  g_autofree char *dir_name = g_path_get_basename (tmp_dir);
  g_autofree char *plain_xml = profile_xml ("    <incomingServer type=\"imap\">\n"
                                            "      <hostname>localhost</hostname>\n"
                                            "      <port>143</port>\n"
                                            "      <socketType>plain</socketType>\n"
                                            "    </incomingServer>\n");
  g_autofree char *plain_only = write_file ("plain-only.xml", plain_xml);

#define USAGE(named, ...) assert_usage_error ((const char * const []) { __VA_ARGS__, NULL }, named)
  USAGE ("--bogus", "--check", "--bogus");
  USAGE (NULL, "--check", "--json", "surplus-argument");
  USAGE ("abc", "--check", "--timeout=abc", profile_arg);
  USAGE (NULL, "--check", "--timeout=0", profile_arg);
  USAGE (NULL, "--check", "--timeout=-3", profile_arg);
  USAGE (NULL, "--check", "--timeout=99999999", profile_arg);
  USAGE (NULL, "--check", "--timeout=", profile_arg);
  USAGE (NULL, "--check", profile_arg, "--timeout");
  USAGE ("ftp", "--check", "--protocol=ftp", profile_arg);
  USAGE ("missing.xml", "--check", "--profile", missing);
  USAGE (dir_name, "--check", "--profile", tmp_dir);             /* a directory: unreadable */
  USAGE ("not-xml.xml", "--check", "--profile", not_xml);
  USAGE ("missing-ca.pem", "--check", "--ca-file", missing_ca, profile_arg);
  USAGE ("bad-ca.pem", "--check", "--ca-file", bad_ca, profile_arg);
  USAGE ("imap-only.xml", "--check", "--ca-file", ca, "--protocol=pop3", "--profile", imap_only);
  /* Nothing encrypted to check: never a silent success. */
  USAGE ("plain-only.xml", "--check", "--ca-file", ca, "--profile", plain_only);
  USAGE ("plain-only.xml", "--check", "--ca-file", ca, "--protocol=imap", "--profile", plain_only);
  /* "--" ends the options: what follows is an argument, even "--json". */
  USAGE ("“x”", "--check", profile_arg, "--", "x");
  USAGE ("“--json”", "--check", profile_arg, "--", "--json");
  USAGE ("“--check”", "--check", profile_arg, "--", "--check");
#undef USAGE
}

static void
test_options_end (void)
{
  const char *ca = msa_test_servers_get_ca_file (servers);
  g_autofree char *imap_only = write_profile ("imap-end.xml", "imap",
                                              msa_test_servers_get_port (servers, MSA_TEST_SERVICE_IMAPS));
  g_auto(Result) result = run_in ("en", (const char * const []) {
                                    "--check", "--ca-file", ca, "--profile", imap_only, "--", NULL });

  /* A trailing "--" ends the options and leaves nothing behind. */
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
}

/* A few thousand servers under a descriptor limit far below that: the
 * checks queue instead of running out of sockets, and every result is
 * the server's, none "offline". */
static void
test_descriptor_limit (void)
{
  guint16 port = msa_test_servers_get_port (servers, MSA_TEST_SERVICE_IMAPS);
  const char *ca = msa_test_servers_get_ca_file (servers);
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *profile = NULL;
  g_autofree char *body = NULL;
  JsonArray *results;
  const guint n = 2000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml,
                            "    <incomingServer type=\"imap\">\n"
                            "      <hostname>localhost</hostname>\n"
                            "      <port>%u</port>\n"
                            "      <socketType>SSL</socketType>\n"
                            "      <username>%%EMAILADDRESS%%</username>\n"
                            "      <authentication>password-cleartext</authentication>\n"
                            "    </incomingServer>\n", port);
  body = profile_xml (xml->str);
  profile = write_file ("many-servers.xml", body);

  nofile_limit = 64;
  {
    g_auto(Result) result = run ("--check", "--json", "--ca-file", ca, "--profile", profile);

    nofile_limit = 0;
    g_assert_cmpint (result.status, ==, 0);
    results = json_object_get_array_member (parse_report (result.out, parser), "results");
    g_assert_cmpuint (json_array_get_length (results), ==, n);
    for (guint i = 0; i < n; i++)
      {
        JsonObject *item = json_array_get_object_element (results, i);

        if (!json_object_get_boolean_member (item, "ok"))
          g_error ("server %u failed: %s", i,
                   json_object_get_string_member (json_object_get_object_member (item, "error"),
                                                  "code"));
      }
  }
}

/* Where this system itself refuses old TLS, the server that offers
 * nothing newer still fails as outdated, not as "not TLS". */
static void
test_tls_outdated_refused_here (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint16 port = msa_test_servers_start_gnutls (servers, "good.pem",
                                                "NORMAL:-VERS-ALL:+VERS-TLS1.0", &error);
  g_autofree char *profile = NULL;
  JsonObject *item;

  g_assert_no_error (error);
  profile = write_profile ("tls-1.0.xml", "imap", port);
  /* gnutls-serv is certainly on 127.0.0.1 (msa_test_servers_start_gnutls()). */
  {
    g_autofree char *xml = NULL;
    g_autoptr(GString) text = NULL;

    g_file_get_contents (profile, &xml, NULL, &error);
    g_assert_no_error (error);
    text = g_string_new (xml);
    g_string_replace (text, "localhost", "127.0.0.1", 0);
    g_file_set_contents (profile, text->str, -1, &error);
    g_assert_no_error (error);
  }
  tls_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2";
  {
    g_auto(Result) result = run ("--check", "--json", "--ca-file",
                                 msa_test_servers_get_ca_file (servers), "--profile", profile);

    tls_priority = NULL;
    g_assert_cmpint (result.status, ==, 1);
    item = json_array_get_object_element (json_object_get_array_member (parse_report (result.out, parser),
                                                                         "results"), 0);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "error"),
                                                    "code"), ==, "tls-outdated");
    g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (item, "error"),
                                                     "detail"));
  }
}

#ifndef __SANITIZE_ADDRESS__
/* valgrind over a whole-profile check against the real servers: any
 * memory error or definite leak fails (its own exit status, 99). */
static void
test_valgrind_whole_profile (void)
{
  g_autofree char *valgrind = g_find_program_in_path ("valgrind");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *log_file = g_build_filename (tmp_dir, "valgrind.log", NULL);
  g_autofree char *log_arg = g_strconcat ("--log-file=", log_file, NULL);
  g_autofree char *supp_arg = g_strconcat ("--suppressions=", g_getenv ("MSA_SOURCE_ROOT"),
                                           "/tests/valgrind.supp", NULL);
  g_autofree char *log = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *results;

  g_assert_nonnull (valgrind);   /* package valgrind, installed by install-deps */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "G_SLICE", "always-malloc", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, valgrind,
                                         "--error-exitcode=99", "--leak-check=full",
                                         "--errors-for-leak-kinds=definite",
                                         "--show-leak-kinds=definite", supp_arg, log_arg,
                                         assistant, "--check", "--json", "--timeout", "60",
                                         "--ca-file", msa_test_servers_get_ca_file (servers),
                                         "--profile", whole_profile, NULL);
  g_assert_no_error (error);
  /* Bounded: the checks' own deadline is 60 s, valgrind's start a few. */
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_file_get_contents (log_file, &log, NULL, NULL);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_error ("valgrind found a problem (exit %d):\n%s",
             g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1,
             log);
  g_assert_nonnull (strstr (log, "ERROR SUMMARY: 0 errors"));

  results = json_object_get_array_member (parse_report (out, parser), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, MSA_TEST_N_GOOD_SERVICES);
  for (guint i = 0; i < json_array_get_length (results); i++)
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (results, i), "ok"));
}
#endif

static void
test_help_exit_0 (void)
{
  g_auto(Result) result = run ("--check", "--help");

  g_assert_cmpint (result.status, ==, 0);
  for (guint i = 0; i < 6; i++)
    {
      const char *options[] = { "--profile=FILE", "--protocol=NAME", "--ca-file=FILE",
                                "--timeout=SECONDS", "--json", "--check" };

      g_assert_nonnull (strstr (result.out, options[i]));
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
assert_protocols (const char * const *args,
                  const char         *expected)
{
  g_auto(Result) result = run_in ("en", args);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  JsonArray *results;

  g_assert_cmpint (result.status, ==, 0);
  results = json_object_get_array_member (parse_report (result.out, parser), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *server = json_array_get_object_element (results, i);

      g_ptr_array_add (seen, (gpointer) msa_test_service_to_string (service_of (server)));
    }
  g_ptr_array_sort (seen, compare_names);
  g_ptr_array_add (seen, NULL);
  joined = g_strjoinv (",", (char **) seen->pdata);
  g_assert_cmpstr (joined, ==, expected);
}

static char *
sorted_names (const MsaTestService *services,
              guint                 n)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, (gpointer) msa_test_service_to_string (services[i]));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static void
test_protocol_filter (void)
{
  const char *ca = msa_test_servers_get_ca_file (servers);
  const MsaTestService smtp[] = { MSA_TEST_SERVICE_SMTPS, MSA_TEST_SERVICE_SUBMISSION_STARTTLS };
  const MsaTestService incoming[] = { MSA_TEST_SERVICE_IMAPS, MSA_TEST_SERVICE_POP3S,
                                      MSA_TEST_SERVICE_IMAP_STARTTLS, MSA_TEST_SERVICE_POP3_STARTTLS };
  g_autofree char *smtp_names = sorted_names (smtp, G_N_ELEMENTS (smtp));
  g_autofree char *incoming_names = sorted_names (incoming, G_N_ELEMENTS (incoming));

  assert_protocols ((const char * const []) { "--check", "--json", "--ca-file", ca, "--profile",
                                              whole_profile, "--protocol=smtp", NULL },
                    smtp_names);
  /* Repeated, in capitals, and once twice. */
  assert_protocols ((const char * const []) { "--check", "--json", "--ca-file", ca, "--profile",
                                              whole_profile, "--protocol=pop3", "--protocol", "IMAP",
                                              "--protocol=imap", NULL },
                    incoming_names);
}

static void
test_text_english (void)
{
  const char *ca = msa_test_servers_get_ca_file (servers);
  g_auto(Result) fine = run ("--check", "--ca-file", ca, "--profile", whole_profile);
  g_auto(Result) untrusted = run ("--check", "--protocol=imap", "--profile", whole_profile);
  g_autofree char *imaps = g_strdup_printf ("OK  IMAP  localhost:%u (SSL/TLS)\n",
                                            msa_test_servers_get_port (servers, MSA_TEST_SERVICE_IMAPS));
  g_autofree char *submission = g_strdup_printf ("OK  SMTP  localhost:%u (STARTTLS)\n",
                                                 msa_test_servers_get_port (servers, MSA_TEST_SERVICE_SUBMISSION_STARTTLS));
  g_autofree char *failed = g_strdup_printf ("FAILED  IMAP  localhost:%u (SSL/TLS)\n",
                                             msa_test_servers_get_port (servers, MSA_TEST_SERVICE_IMAPS));

  g_assert_cmpint (fine.status, ==, 0);
  assert_no_controls (fine.out);
  g_assert_true (g_str_has_prefix (fine.out, "Mail servers of "));
  g_assert_nonnull (strstr (fine.out, imaps));
  g_assert_nonnull (strstr (fine.out, submission));
  g_assert_nonnull (strstr (fine.out, "trusted, valid for this server"));
  g_assert_nonnull (strstr (fine.out, "Encryption"));
  g_assert_nonnull (strstr (fine.out, "TLS 1."));
  g_assert_nonnull (strstr (fine.out, "Greeting"));
  g_assert_nonnull (strstr (fine.out, "Capabilities"));
  g_assert_nonnull (strstr (fine.out, "in total"));
  g_assert_true (g_str_has_suffix (fine.out, "All 6 servers are fine.\n"));

  g_assert_cmpint (untrusted.status, ==, 1);
  assert_no_controls (untrusted.out);
  g_assert_nonnull (strstr (untrusted.out, failed));
  g_assert_nonnull (strstr (untrusted.out, "untrusted certificate"));
  g_assert_true (g_str_has_suffix (untrusted.out, "2 of 2 servers failed their check.\n"));
}

/* ---------------------------------------------------------------------- */
/* A server that tries to steer the terminal                              */

#define HOSTILE_GREETING "* OK [CAPABILITY IMAP4rev1] \x1b]0;pwned\x07\x1b[2J\x1b[31mHello\x9b" "1m \r there\r\n"
/* Not an IMAP greeting at all: the check fails, and whatever of it the
 * error texts quote must be defused as well. */
#define HOSTILE_GARBAGE "\x1b[2J\x1b]0;pwned\x07HTTP/1.0 400 \x1b[5mBad\x9b" "1m\r\n\r\n"

/* The fake IMAPS server (tests/servers), saying hostile things. */
static MsaFakeServer *
hostile_server_new (const char *greeting)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  MsaFakeServer *server;

  /* The fixture's certificate for localhost, from the test CA. */
  certificate = g_tls_certificate_new_from_files (msa_test_servers_get_cert_file (servers),
                                                  msa_test_servers_get_key_file (servers),
                                                  &error);
  g_assert_no_error (error);
  server = msa_fake_server_new_tls (MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS, certificate, &error);
  g_assert_no_error (error);
  msa_fake_server_set_imap_lines (server, greeting,
                                  "* CAPABILITY IMAP4rev1 X-\x1b[5mBLINK\r\n",
                                  "* BYE \x1b[2J\r\n");
  return server;
}

static void
test_control_characters (void)
{
  const char *ca = msa_test_servers_get_ca_file (servers);
  g_autoptr(MsaFakeServer) server = hostile_server_new (HOSTILE_GREETING);
  g_autofree char *profile = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *result;
  const char *greeting;

  profile = write_profile ("hostile.xml", "imap", msa_fake_server_get_port (server));

  {
    g_auto(Result) text = run ("--check", "--ca-file", ca, "--profile", profile);
    g_auto(Result) json = run ("--check", "--json", "--ca-file", ca, "--profile", profile);

    /* Nothing from the server steers the terminal:
     * not in the text, not in the JSON (not even escaped). */
    g_assert_cmpint (text.status, !=, 2);
    assert_no_controls (text.out);
    assert_no_controls (text.err);
    assert_no_controls (json.out);
    g_assert_null (strstr (json.out, "\\u001b"));
    g_assert_null (strstr (json.out, "\\u001B"));
    g_assert_null (strstr (json.out, "\\r"));
    result = json_array_get_object_element (json_object_get_array_member (parse_report (json.out, parser),
                                                                          "results"), 0);
    /* The greeting is shown, only defused. */
    g_assert_cmpint (json.status, ==, 0);
    g_assert_cmpint (text.status, ==, 0);
    greeting = json_object_get_string_member (result, "greeting");
    g_assert_nonnull (greeting);
    assert_no_controls (greeting);
    g_assert_null (strchr (greeting, '\n'));
    g_assert_nonnull (strstr (greeting, "Hello"));
    g_assert_nonnull (strstr (text.out, "Hello"));
  }
}

static void
test_control_characters_failing (void)
{
  const char *ca = msa_test_servers_get_ca_file (servers);
  g_autoptr(MsaFakeServer) server = hostile_server_new (HOSTILE_GARBAGE);
  g_autofree char *profile = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *result, *error;

  profile = write_profile ("garbage.xml", "imap", msa_fake_server_get_port (server));

  {
    g_auto(Result) text = run ("--check", "--ca-file", ca, "--profile", profile);
    g_auto(Result) json = run ("--check", "--json", "--ca-file", ca, "--profile", profile);

    g_assert_cmpint (text.status, ==, 1);
    g_assert_cmpint (json.status, ==, 1);
    assert_no_controls (text.out);
    assert_no_controls (text.err);
    assert_no_controls (json.out);
    g_assert_null (strstr (json.out, "\\u001b"));
    g_assert_null (strstr (json.out, "\\u001B"));
    g_assert_null (strstr (json.out, "\\r"));
    result = json_array_get_object_element (json_object_get_array_member (parse_report (json.out, parser),
                                                                          "results"), 0);
    error = json_object_get_object_member (result, "error");
    g_assert_nonnull (error);
    g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "protocol-error");
    assert_no_controls (json_object_get_string_member (error, "message"));
    g_assert_nonnull (strstr (text.out, "FAILED"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  assistant = g_build_filename (g_getenv ("MSA_BUILD_ROOT"), "src", "cli", "mailssl-assistant", NULL);
  g_assert_true (g_file_test (assistant, G_FILE_TEST_IS_EXECUTABLE));
  tmp_dir = g_dir_make_tmp ("msa-test-command-line-XXXXXX", &error);
  g_assert_no_error (error);

  servers = msa_test_servers_start (&error);
  g_assert_no_error (error);
  for (guint i = 0; i < MSA_TEST_N_GOOD_SERVICES; i++)
    good_services[i] = msa_test_service_to_string (i);
  whole_profile = msa_test_servers_write_profile (servers, good_services, &error);
  g_assert_no_error (error);

  g_test_add_func ("/command-line/whole-profile/json", test_whole_profile_json);
  g_test_add_func ("/command-line/untrusted/exit-1", test_untrusted_exit_1);
  g_test_add_func ("/command-line/refused/exit-1", test_refused_exit_1);
  g_test_add_func ("/command-line/certificate-problems/exit-1", test_certificate_problems);
  g_test_add_func ("/command-line/bad-usage/exit-2", test_bad_usage_exit_2);
  g_test_add_func ("/command-line/help", test_help_exit_0);
  g_test_add_func ("/command-line/options-end", test_options_end);
  g_test_add_func ("/command-line/descriptor-limit", test_descriptor_limit);
#ifndef __SANITIZE_ADDRESS__
  /* valgrind cannot run a program built with AddressSanitizer; the
   * sanitizer build checks the same run its own way. */
  g_test_add_func ("/command-line/valgrind/whole-profile", test_valgrind_whole_profile);
#endif
  g_test_add_func ("/command-line/tls-outdated/refused-here", test_tls_outdated_refused_here);
  g_test_add_func ("/command-line/protocol-filter", test_protocol_filter);
  g_test_add_func ("/command-line/text/english", test_text_english);
  g_test_add_func ("/command-line/control-characters", test_control_characters);
  g_test_add_func ("/command-line/control-characters/failing", test_control_characters_failing);

  status = g_test_run ();

  msa_test_servers_stop (servers);
  {
    const char *names[] = { "refused.xml", "not-xml.xml", "bad-ca.pem", "imap-only.xml", "hostile.xml", "garbage.xml",
                            "plain-only.xml" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (tmp_dir, names[i], NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  g_free (whole_profile);
  g_free (assistant);
  g_free (tmp_dir);

  return status;
}
