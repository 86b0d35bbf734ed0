/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `mailssl-assistant --scan` as users run it: the built program over the
 * fixture homes, with $HOME and $XDG_CONFIG_HOME pointing there — its
 * JSON (every account, verdict and change), its text report, its exit
 * statuses and bad usage. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "msa-test-home.h"

static char *assistant;

typedef struct
{
  int   status;
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

static Result
run_with_home (const char         *home,
               const char * const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *config = g_build_filename (home, ".config", NULL);
  Result result = { -1, NULL, NULL };

  g_ptr_array_add (argv, assistant);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_unsetenv (launcher, "LC_ALL");
  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result.out, &result.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result.status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\n--- stdout:\n%s--- stderr:\n%s", result.status, result.out, result.err);
  return result;
}

#define run(home, ...) run_with_home (home, (const char * const []) { __VA_ARGS__, NULL })

static void
assert_server_json (JsonObject          *server,
                    const MsaTestServer *expected)
{
  JsonNode *change = json_object_get_member (server, "change");

  g_assert_cmpstr (json_object_get_string_member (server, "direction"), ==,
                   g_str_equal (expected->protocol, "smtp") ? "outgoing" : "incoming");
  g_assert_cmpstr (json_object_get_string_member (server, "protocol"), ==, expected->protocol);
  g_assert_cmpstr (json_object_get_string_member (server, "host"), ==, expected->host);
  g_assert_cmpint (json_object_get_int_member (server, "port"), ==, expected->port);
  g_assert_cmpstr (json_object_get_string_member (server, "security"), ==, expected->security);
  g_assert_cmpstr (json_object_get_string_member (server, "verdict"), ==, expected->verdict);
  g_assert_nonnull (change);
  if (expected->change_host == NULL)
    {
      g_assert_true (JSON_NODE_HOLDS_NULL (change));
      return;
    }
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (change), "host"), ==, expected->change_host);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (change), "port"), ==, expected->change_port);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (change), "security"), ==,
                   expected->change_security);
}

static void
test_scan_json (void)
{
  g_autoptr(char) home = msa_test_home_new ("full");
  g_auto(Result) result = run (home, "--scan", "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *accounts;

  /* Unencrypted servers were found. */
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.err, ==, "");
  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "unreadable")), ==, 0);

  accounts = json_object_get_array_member (root, "accounts");
  g_assert_cmpuint (json_array_get_length (accounts), ==, msa_test_home_full_n_accounts);
  for (guint i = 0; i < msa_test_home_full_n_accounts; i++)
    {
      const MsaTestAccount *expected = &msa_test_home_full_accounts[i];
      JsonObject *account = json_array_get_object_element (accounts, i);
      JsonArray *servers = json_object_get_array_member (account, "servers");
      g_autofree char *source = g_build_filename (home, expected->source, NULL);
      guint n_expected = expected->servers[1].protocol != NULL ? 2 : 1;

      g_assert_cmpstr (json_object_get_string_member (account, "program"), ==, expected->program);
      g_assert_cmpstr (json_object_get_string_member (account, "name"), ==, expected->name);
      g_assert_cmpstr (json_object_get_string_member (account, "source"), ==, source);
      g_assert_cmpuint (json_array_get_length (servers), ==, n_expected);
      for (guint j = 0; j < n_expected; j++)
        assert_server_json (json_array_get_object_element (servers, j), &expected->servers[j]);
    }
}

static void
test_scan_text (void)
{
  g_autoptr(char) home = msa_test_home_new ("full");
  g_auto(Result) result = run (home, "--scan");

  g_assert_cmpint (result.status, ==, 1);
  /* The change in the program's own words (Thunderbird's labels). */
  g_assert_nonnull (strstr (result.out, "Thunderbird: anna@df.eu\n"));
  g_assert_nonnull (strstr (result.out, "Incoming server (IMAP): mail.df.eu, port 143, Connection security “STARTTLS”"));
  g_assert_nonnull (strstr (result.out, "Change to: sslin.df.eu, port 993, Connection security “SSL/TLS”"));
  g_assert_nonnull (strstr (result.out, "Not Encrypted."));
  g_assert_nonnull (strstr (result.out, "Certificate Errors Ignored."));
  g_assert_nonnull (strstr (result.out, "servers need a change."));
}

static void
test_scan_exit_status (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_dir_make_tmp ("msa-empty-XXXXXX", &error);
  g_autoptr(char) cleanup = g_strdup (empty);
  g_autofree char *dir = g_build_filename (empty, ".config", "goa-1.0", NULL);
  g_autofree char *conf = g_build_filename (dir, "accounts.conf", NULL);

  g_assert_no_error (error);

  /* No account at all: 0, and a sentence that says so. */
  {
    g_auto(Result) result = run (empty, "--scan");

    g_assert_cmpint (result.status, ==, 0);
    g_assert_nonnull (strstr (result.out, "No mail program"));
  }

  /* STARTTLS counts as encrypted. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (conf,
                       "[Account account_1_0]\nProvider=imap_smtp\nEmailAddress=a@example.org\n"
                       "ImapHost=imap.example.org\nImapUseTls=true\n"
                       "SmtpHost=smtp.example.org\nSmtpUseSsl=true\n", -1, &error);
  g_assert_no_error (error);
  {
    g_auto(Result) result = run (empty, "--scan", "--json");

    g_assert_cmpint (result.status, ==, 0);
    g_assert_nonnull (strstr (result.out, "\"verdict\" : \"starttls\""));
  }

  /* Accepting certificate errors does not. */
  g_file_set_contents (conf,
                       "[Account account_1_0]\nProvider=imap_smtp\nEmailAddress=a@example.org\n"
                       "ImapHost=imap.example.org\nImapUseSsl=true\nImapAcceptSslErrors=true\n", -1, &error);
  g_assert_no_error (error);
  {
    g_auto(Result) result = run (empty, "--scan");

    g_assert_cmpint (result.status, ==, 1);
  }
}

static void
test_scan_usage (void)
{
  g_autoptr(char) home = msa_test_home_new ("full");
  const char * const *cases[] = {
    (const char * const []) { "--scan", "extra", NULL },
    (const char * const []) { "--scan", "--bogus", NULL },
    (const char * const []) { "--scan", "--check", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) result = run_with_home (home, cases[i]);

      g_assert_cmpint (result.status, ==, 2);
      g_assert_cmpstr (result.out, ==, "");
      g_assert_nonnull (strstr (result.err, "--help"));
    }

  {
    g_auto(Result) result = run (home, "--scan", "--help");

    g_assert_cmpint (result.status, ==, 0);
    g_assert_nonnull (strstr (result.out, "--json"));
    g_assert_nonnull (strstr (result.out, "Exit status"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  assistant = g_build_filename (g_getenv ("MSA_BUILD_ROOT"), "src", "cli", "mailssl-assistant", NULL);

  g_test_add_func ("/scan/json", test_scan_json);
  g_test_add_func ("/scan/text", test_scan_text);
  g_test_add_func ("/scan/exit-status", test_scan_exit_status);
  g_test_add_func ("/scan/usage", test_scan_usage);

  return g_test_run ();
}
