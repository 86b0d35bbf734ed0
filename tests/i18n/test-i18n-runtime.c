/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The German catalogue as the programs really use it: the compiled .mo from
 * the build tree, looked up through gettext under LANGUAGE=de and
 * LANGUAGE=en.  Asserts on the engine's real strings (error titles and
 * advice, mail-program labels, command-line errors), not on the .po file. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "msa-check-error.h"
#include "msa-command-line.h"
#include "msa-mail-client.h"

static GString *printed_err;

static void
capture_printerr (const char *text)
{
  g_string_append (printed_err, text);
}

/* gettext ignores LANGUAGE in the C locale, so use C.UTF-8 (no generated
 * locale needed); textdomain() drops gettext's cache after a switch. */
static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, ""));
  textdomain (GETTEXT_PACKAGE);
}

static char *
run_command_line (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  GPrintFunc old;
  int status;

  g_ptr_array_add (argv, (char *) "mailssl-assistant");
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  printed_err = g_string_new (NULL);
  old = g_set_printerr_handler (capture_printerr);
  status = msa_command_line_run ((int) argv->len - 1, (char **) argv->pdata);
  g_set_printerr_handler (old);
  g_assert_cmpint (status, ==, 2);

  return g_string_free (g_steal_pointer (&printed_err), FALSE);
}

static void
test_check_errors (void)
{
  for (int e = MSA_CHECK_ERROR_RESOLVE_FAILED; e <= MSA_CHECK_ERROR_CANCELLED; e++)
    {
      g_autofree char *en_title = NULL;
      g_autofree char *en_advice = NULL;
      const char *de_title;
      const char *de_advice;

      use_language ("en");
      en_title = g_strdup (msa_check_error_get_title (e));
      en_advice = g_strdup (msa_check_error_get_advice (e));
      use_language ("de");
      de_title = msa_check_error_get_title (e);
      de_advice = msa_check_error_get_advice (e);

      g_test_message ("%s: %s / %s", msa_check_error_to_code (e), en_title, de_title);
      g_assert_cmpstr (de_title, !=, en_title);
      g_assert_cmpstr (de_advice, !=, en_advice);
      /* German typography: no English quotes or "..." in the German text */
      g_assert_null (strstr (de_advice, "“"));
      g_assert_null (strstr (de_advice, "\""));
      g_assert_null (strstr (de_advice, "..."));
    }

  use_language ("de");
  g_assert_cmpstr (msa_check_error_get_title (MSA_CHECK_ERROR_RESOLVE_FAILED), ==,
                   "Servername nicht gefunden");
  g_assert_cmpstr (msa_check_error_get_title (MSA_CHECK_ERROR_CERTIFICATE_EXPIRED), ==,
                   "Zertifikat abgelaufen");
  g_assert_cmpstr (msa_check_error_get_title (MSA_CHECK_ERROR_TIMEOUT), ==,
                   "Keine Antwort");
  use_language ("en");
  g_assert_cmpstr (msa_check_error_get_title (MSA_CHECK_ERROR_RESOLVE_FAILED), ==,
                   "Server name not found");
}

/* The mail programs' own German labels, as their translation files have them:
 * the German catalogue must give exactly what users see in the program. */
static void
test_mail_client_labels (void)
{
  const struct {
    MsaMailClientId id;
    const char *security_field;
    const char *ssl_value;
    const char *starttls_value;
    const char *plain_value;   /* NULL: no German label was found */
    const char *port_field;    /* NULL: no port field */
  } labels[] = {
    { MSA_MAIL_CLIENT_THUNDERBIRD, "Verbindungssicherheit", "SSL/TLS", "STARTTLS", "Keine", "Port" },
    { MSA_MAIL_CLIENT_EVOLUTION, "Verschlüsselungsmethode", "TLS auf einem dedizierten Port",
      "STARTTLS nach Verbinden", NULL, "Port" },
    { MSA_MAIL_CLIENT_GEARY, "Sicherheit der Verbindung", "TLS", "StartTLS", "Nichts", NULL },
    { MSA_MAIL_CLIENT_KMAIL, "Verschlüsselung", "SSL/TLS", "STARTTLS", "Keine", "Port" },
  };

  use_language ("de");
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      MsaMailClientId id = labels[i].id;

      g_test_message ("%s", msa_mail_client_get_name (id));
      g_assert_cmpstr (msa_mail_client_get_security_field (id), ==, labels[i].security_field);
      g_assert_cmpstr (msa_mail_client_get_ssl_value (id), ==, labels[i].ssl_value);
      g_assert_cmpstr (msa_mail_client_get_starttls_value (id), ==, labels[i].starttls_value);
      if (labels[i].plain_value != NULL)
        g_assert_cmpstr (msa_mail_client_get_plain_value (id), ==, labels[i].plain_value);
      g_assert_cmpstr (msa_mail_client_get_port_field (id), ==, labels[i].port_field);
    }

  /* Where no German label exists the text describes the option and keeps
   * the English label in quotes: it must not claim a German label. */
  g_assert_nonnull (strstr (msa_mail_client_get_security_field (MSA_MAIL_CLIENT_OUTLOOK),
                            "This server requires an encrypted connection (SSL/TLS)"));
  g_assert_nonnull (strstr (msa_mail_client_get_security_field (MSA_MAIL_CLIENT_APPLE_MAIL),
                            "Use TLS/SSL"));
  g_assert_cmpstr (msa_mail_client_get_name (MSA_MAIL_CLIENT_OTHER), ==,
                   "Anderes E-Mail-Programm");

  use_language ("en");
  g_assert_cmpstr (msa_mail_client_get_security_field (MSA_MAIL_CLIENT_THUNDERBIRD), ==,
                   "Connection security");
  g_assert_cmpstr (msa_mail_client_get_name (MSA_MAIL_CLIENT_OTHER), ==, "Other mail program");
}

static void
test_command_line_errors (void)
{
  const char *const bad_timeout[] = { "--check", "--timeout=soon", NULL };
  const char *const bad_protocol[] = { "--check", "--protocol=gopher", NULL };
  g_autofree char *de_timeout = NULL;
  g_autofree char *en_timeout = NULL;
  g_autofree char *de_protocol = NULL;

  use_language ("de");
  de_timeout = run_command_line (bad_timeout);
  de_protocol = run_command_line (bad_protocol);
  use_language ("en");
  en_timeout = run_command_line (bad_timeout);

  g_test_message ("de: %s", de_timeout);
  g_test_message ("en: %s", en_timeout);
  g_assert_nonnull (strstr (en_timeout, "seconds"));
  g_assert_nonnull (strstr (de_timeout, "Sekunden"));
  g_assert_nonnull (strstr (de_timeout, "„soon“"));
  g_assert_null (strstr (de_timeout, "seconds"));
  g_assert_nonnull (strstr (de_protocol, "„gopher“"));
  g_assert_null (strstr (de_protocol, "Invalid"));
}

/* `--check --help` prints and exits inside GOption: run it in a child. */
static void
test_help (void)
{
  if (g_test_subprocess ())
    {
      char *args[] = { (char *) "mailssl-assistant", (char *) "--check", (char *) "--help", NULL };

      use_language (g_getenv ("MSA_TEST_LANGUAGE"));
      exit (msa_command_line_run (3, args));
    }

  g_setenv ("MSA_TEST_LANGUAGE", "de", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Die Server des Anbieters prüfen, einen Bericht ausgeben und beenden*");
  g_test_trap_assert_stdout ("*--timeout=SEKUNDEN*");
  g_test_trap_assert_stdout ("*Exit-Status:*");
  g_test_trap_assert_stdout_unmatched ("*Print a machine-readable JSON report*");

  g_setenv ("MSA_TEST_LANGUAGE", "en", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Print a machine-readable JSON report*");
  g_test_trap_assert_stdout ("*--timeout=SECONDS*");
  g_unsetenv ("MSA_TEST_LANGUAGE");
}

static GString *printed_out;

static void
capture_print (const char *text)
{
  g_string_append (printed_out, text);
}

/* A port on loopback that nothing listens on: refused at once. */
static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* `mailssl-assistant --check` of a server that refuses: returns what it
 * printed on standard output. */
static char *
run_check (const char *profile,
           gboolean    json)
{
  g_autofree char *profile_arg = g_strdup_printf ("--profile=%s", profile);
  char *args[] = { (char *) "mailssl-assistant", (char *) "--check", profile_arg,
                   (char *) "--protocol=imap", (char *) "--timeout=5",
                   json ? (char *) "--json" : NULL, NULL };
  GPrintFunc old_print, old_printerr;
  int status;

  printed_out = g_string_new (NULL);
  printed_err = g_string_new (NULL);
  old_print = g_set_print_handler (capture_print);
  old_printerr = g_set_printerr_handler (capture_printerr);
  status = msa_command_line_run (json ? 6 : 5, args);
  g_set_print_handler (old_print);
  g_set_printerr_handler (old_printerr);
  g_test_message ("stderr: %s", printed_err->str);
  g_string_free (g_steal_pointer (&printed_err), TRUE);
  g_assert_cmpint (status, ==, 1);

  return g_string_free (g_steal_pointer (&printed_out), FALSE);
}

static void
test_check_report (void)
{
  g_autofree char *dir = g_dir_make_tmp ("msa-i18n-XXXXXX", NULL);
  g_autofree char *profile = g_build_filename (dir, "refusing.xml", NULL);
  g_autofree char *xml = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<clientConfig version=\"1.1\"><emailProvider id=\"example.org\">"
    "<domain>example.org</domain><displayName>Example</displayName>"
    "<incomingServer type=\"imap\"><hostname>127.0.0.1</hostname><port>%u</port>"
    "<socketType>SSL</socketType><username>%%EMAILADDRESS%%</username>"
    "<authentication>password-cleartext</authentication></incomingServer>"
    "</emailProvider></clientConfig>\n", closed_port ());
  g_autofree char *de_text = NULL;
  g_autofree char *en_text = NULL;
  g_autofree char *de_json = NULL;
  g_autofree char *en_json = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (profile, xml, -1, &error));
  g_assert_no_error (error);

  use_language ("de");
  de_text = run_check (profile, FALSE);
  de_json = run_check (profile, TRUE);
  use_language ("en");
  en_text = run_check (profile, FALSE);
  en_json = run_check (profile, TRUE);
  g_test_message ("de:\n%s", de_text);
  g_test_message ("en:\n%s", en_text);

  /* The text report follows the language ... */
  g_assert_nonnull (strstr (en_text, "FAILED"));
  g_assert_nonnull (strstr (en_text, "Connection refused"));
  g_assert_nonnull (strstr (de_text, "FEHLGESCHLAGEN"));
  g_assert_nonnull (strstr (de_text, "Verbindung abgelehnt"));
  g_assert_nonnull (strstr (de_text, "Abhilfe"));
  g_assert_nonnull (strstr (de_text, "E-Mail-Server von Example"));
  g_assert_null (strstr (de_text, "Connection refused"));
  g_assert_null (strstr (de_text, "What to do"));

  /* ... the JSON keeps its codes and keys, and only its messages do. */
  g_test_message ("de json: %s", de_json);
  g_assert_nonnull (strstr (de_json, "\"connection-refused\""));
  g_assert_nonnull (strstr (en_json, "\"connection-refused\""));
  g_assert_nonnull (strstr (de_json, "\"protocol\""));
  g_assert_nonnull (strstr (de_json, "\"imap\""));
  g_assert_null (strstr (de_json, "FEHLGESCHLAGEN"));

  g_remove (profile);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *build_root = g_getenv ("MSA_BUILD_ROOT");
  g_autofree char *localedir = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The build tree's po/de/LC_MESSAGES/mailssl-assistant.mo */
  g_assert_nonnull (build_root);
  localedir = g_build_filename (build_root, "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  use_language ("en");

  g_test_add_func ("/i18n/runtime/check-errors", test_check_errors);
  g_test_add_func ("/i18n/runtime/mail-client-labels", test_mail_client_labels);
  g_test_add_func ("/i18n/runtime/command-line-errors", test_command_line_errors);
  g_test_add_func ("/i18n/runtime/check-report", test_check_report);
  g_test_add_func ("/i18n/runtime/help", test_help);

  return g_test_run ();
}
