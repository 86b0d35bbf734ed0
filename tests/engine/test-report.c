/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reports of `--check`: the JSON shape of the README's contract key by key and
 * type by type, read back with json-glib, the text report, and the
 * stripping of control characters.  The results are real: the engine
 * checks a small IMAPS server in this process (certificates made here with
 * GnuTLS) and a refused loopback port. */
#include "config.h"

#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <json-glib/json-glib.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "msa-fake-server.h"
#include "msa-profile.h"
#include "msa-profile-check.h"
#include "msa-report.h"
#include "../msa-test-loopback.h"

#define FAKE_GREETING_TAIL "Fake\x1b]0;owned\x07 IMAP \x1b[31mready\r"

/* ---------------------------------------------------------------------- */
/* Certificates                                                           */

typedef struct
{
  char *ca_pem;
  char *server_pem;   /* certificate and key */
} Certificates;

static char *
datum_to_string (gnutls_datum_t *datum)
{
  char *text = g_strndup ((const char *) datum->data, datum->size);

  gnutls_free (datum->data);
  return text;
}

static void
make_certificates (Certificates *certs)
{
  gnutls_x509_privkey_t ca_key, key;
  gnutls_x509_crt_t ca, crt;
  gnutls_datum_t datum;
  time_t now = time (NULL);
  guint8 serial[] = { 1 };
  guint8 loopback4[] = { 127, 0, 0, 1 };
  char *cert_pem, *key_pem;

  g_assert_cmpint (gnutls_x509_privkey_init (&ca_key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (ca_key, GNUTLS_PK_ECDSA,
                                                 GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&ca), ==, 0);
  gnutls_x509_crt_set_version (ca, 3);
  gnutls_x509_crt_set_serial (ca, serial, sizeof serial);
  gnutls_x509_crt_set_activation_time (ca, now - 3600);
  gnutls_x509_crt_set_expiration_time (ca, now + 400 * 86400);
  gnutls_x509_crt_set_dn_by_oid (ca, GNUTLS_OID_X520_COMMON_NAME, 0, "Report Test CA", 14);
  gnutls_x509_crt_set_key (ca, ca_key);
  gnutls_x509_crt_set_basic_constraints (ca, 1, -1);
  gnutls_x509_crt_set_key_usage (ca, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN);
  g_assert_cmpint (gnutls_x509_crt_sign2 (ca, ca, ca_key, GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (ca, GNUTLS_X509_FMT_PEM, &datum), ==, 0);
  certs->ca_pem = datum_to_string (&datum);

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                                 GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  serial[0] = 2;
  gnutls_x509_crt_set_version (crt, 3);
  gnutls_x509_crt_set_serial (crt, serial, sizeof serial);
  gnutls_x509_crt_set_activation_time (crt, now - 3600);
  gnutls_x509_crt_set_expiration_time (crt, now + 365 * 86400);
  gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, "localhost", 9);
  gnutls_x509_crt_set_key (crt, key);
  gnutls_x509_crt_set_basic_constraints (crt, 0, -1);
  gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE);
  gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0);
  gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, "localhost", 9, GNUTLS_FSAN_APPEND);
  gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, loopback4, 4, GNUTLS_FSAN_APPEND);
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, ca, ca_key, GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &datum), ==, 0);
  cert_pem = datum_to_string (&datum);
  g_assert_cmpint (gnutls_x509_privkey_export2 (key, GNUTLS_X509_FMT_PEM, &datum), ==, 0);
  key_pem = datum_to_string (&datum);
  certs->server_pem = g_strconcat (cert_pem, key_pem, NULL);

  g_free (cert_pem);
  g_free (key_pem);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_privkey_deinit (key);
  gnutls_x509_privkey_deinit (ca_key);
}

static Certificates certificates;
static GPtrArray *temporary_files;

/* The fake IMAPS server (tests/servers) with this test's certificate
 * and greeting. */
static MsaFakeServer *
fake_server_new (void)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  MsaFakeServer *server;

  certificate = g_tls_certificate_new_from_pem (certificates.server_pem, -1, &error);
  g_assert_no_error (error);
  server = msa_fake_server_new_tls (MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS, certificate, &error);
  g_assert_no_error (error);
  msa_fake_server_set_imap_lines (server,
                                  "* OK [CAPABILITY IMAP4rev1 IDLE] " FAKE_GREETING_TAIL "\n",
                                  "* CAPABILITY IMAP4rev1 IDLE\r\n",
                                  "* BYE see you\r\n");
  return server;
}

/* A loopback port nobody listens on: bind one, note it, close it. */
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

/* ---------------------------------------------------------------------- */
/* Running a check                                                        */

static GTlsDatabase *
database_for (const char *pem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("msa-test-report-XXXXXX.pem", &path, &error);
  GTlsDatabase *database;

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, pem, -1, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (path, &error);
  g_assert_no_error (error);
  /* GIO reads the file again for every connection: keep it until the end. */
  g_ptr_array_add (temporary_files, g_steal_pointer (&path));

  return database;
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static MsaProfileCheck *
run_check (const char   *display_name,
           guint16       port,
           GTlsDatabase *database)
{
  g_autoptr(MsaProfile) profile = msa_profile_new ("example.test", display_name);
  g_autoptr(MsaServer) server = msa_server_new (MSA_PROTOCOL_IMAP, "localhost", port,
                                                MSA_SECURITY_SSL);
  g_autoptr(MsaProfileCheck) check = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  msa_profile_add_server (profile, server);
  check = msa_profile_check_new (profile, database, 5);
  msa_profile_check_run_async (check, NULL, on_done_cb, &result);
  while (result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);
  msa_profile_check_run_finish (check, result, NULL);

  return g_steal_pointer (&check);
}

static JsonObject *
report_object (MsaProfileCheck *check,
               GDateTime       *now,
               JsonParser      *parser)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = msa_report_to_json (check, now);
  JsonNode *root;

  g_assert_true (g_str_has_suffix (json, "}\n"));
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_cmpint (json_node_get_node_type (root), ==, JSON_NODE_OBJECT);

  return json_node_get_object (root);
}

/* ---------------------------------------------------------------------- */
/* Shape helpers                                                          */

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_member (object, name);
}

static void
assert_null (JsonObject *object,
             const char *name)
{
  g_assert_cmpint (json_node_get_node_type (member (object, name)), ==, JSON_NODE_NULL);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = member (object, name);

  g_assert_cmpint (json_node_get_node_type (node), ==, JSON_NODE_VALUE);
  g_assert_true (json_node_get_value_type (node) == G_TYPE_STRING);
  return json_node_get_string (node);
}

static gint64
get_int (JsonObject *object,
         const char *name)
{
  JsonNode *node = member (object, name);

  g_assert_cmpint (json_node_get_node_type (node), ==, JSON_NODE_VALUE);
  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  return json_node_get_int (node);
}

static gboolean
get_bool (JsonObject *object,
          const char *name)
{
  JsonNode *node = member (object, name);

  g_assert_cmpint (json_node_get_node_type (node), ==, JSON_NODE_VALUE);
  g_assert_true (json_node_get_value_type (node) == G_TYPE_BOOLEAN);
  return json_node_get_boolean (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = member (object, name);

  g_assert_cmpint (json_node_get_node_type (node), ==, JSON_NODE_OBJECT);
  return json_node_get_object (node);
}

/* An array of strings (possibly empty); returns it as a strv. */
static GStrv
get_strings (JsonObject *object,
             const char *name)
{
  JsonNode *node = member (object, name);
  JsonArray *array;
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv strv;

  g_assert_cmpint (json_node_get_node_type (node), ==, JSON_NODE_ARRAY);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      g_assert_cmpint (json_node_get_node_type (element), ==, JSON_NODE_VALUE);
      g_assert_true (json_node_get_value_type (element) == G_TYPE_STRING);
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

static void
assert_no_controls (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        continue;   /* the reports' own line breaks */
      g_assert_false (c < 0x20 || (c >= 0x7f && c <= 0x9f));
    }
}

static const char * const result_keys[] = {
  "protocol", "host", "port", "security", "ok", "error", "address", "tls",
  "certificate", "greeting", "capabilities", "warnings", "timings_ms",
};

static void
assert_result_keys (JsonObject *result)
{
  g_assert_cmpuint (json_object_get_size (result), ==, G_N_ELEMENTS (result_keys));
  for (guint i = 0; i < G_N_ELEMENTS (result_keys); i++)
    g_assert_true (json_object_has_member (result, result_keys[i]));
}

static void
assert_timings (JsonObject *result,
                gboolean    reached_tls)
{
  JsonObject *timings = get_object (result, "timings_ms");
  const char *steps[] = { "resolve", "connect", "tls", "greeting" };
  gint64 total = get_int (timings, "total");

  g_assert_cmpuint (json_object_get_size (timings), ==, 5);
  g_assert_cmpint (total, >=, 0);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (!reached_tls && i >= 2)
        {
          assert_null (timings, steps[i]);
          continue;
        }
      g_assert_cmpint (get_int (timings, steps[i]), >=, 0);
      g_assert_cmpint (get_int (timings, steps[i]), <=, total + 1);
    }
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                  */

static void
test_sanitize (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "* OK Dovecot ready.", "* OK Dovecot ready." },
    { "", "" },
    { "Grüße aus Köln", "Grüße aus Köln" },
    { "a\x1b[2Jb", "a\xef\xbf\xbd[2Jb" },                  /* ESC */
    { "x\ry", "x\xef\xbf\xbdy" },                           /* CR */
    { "tab\there", "tab\xef\xbf\xbdhere" },                 /* tab too */
    { "nl\nx", "nl\xef\xbf\xbdx" },
    { "bell\a", "bell\xef\xbf\xbd" },
    { "del\x7f", "del\xef\xbf\xbd" },
    { "csi\xc2\x9b" "31m", "csi\xef\xbf\xbd" "31m" },        /* C1 CSI */
    { "bad\xff utf8", "bad\xef\xbf\xbd utf8" },
    { "rlo\xe2\x80\xae" "evil", "rlo\xef\xbf\xbd" "evil" },    /* U+202E */
  };

  g_assert_null (msa_report_sanitize (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = msa_report_sanitize (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_json_passed (void)
{
  g_autoptr(GTlsDatabase) database = database_for (certificates.ca_pem);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MsaFakeServer) server = fake_server_new ();
  g_autoptr(MsaProfileCheck) check = NULL;
  JsonObject *report, *result, *tls, *certificate;
  JsonArray *results;
  g_auto(GStrv) capabilities = NULL;
  g_auto(GStrv) dns_names = NULL;
  g_auto(GStrv) problems = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autoptr(GDateTime) not_before = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  g_autoptr(GRegex) fingerprint = g_regex_new ("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", 0, 0, NULL);
  const char *address;

  check = run_check ("Fake\x1b[1m Mail", msa_fake_server_get_port (server), database);

  g_assert_true (msa_profile_check_get_passed (check));
  report = report_object (check, now, parser);
  g_assert_cmpuint (json_object_get_size (report), ==, 2);
  g_assert_cmpstr (get_string (report, "provider"), ==, "Fake\xef\xbf\xbd[1m Mail");
  g_assert_cmpint (json_node_get_node_type (member (report, "results")), ==, JSON_NODE_ARRAY);
  results = json_object_get_array_member (report, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  result = json_array_get_object_element (results, 0);

  assert_result_keys (result);
  g_assert_cmpstr (get_string (result, "protocol"), ==, "imap");
  g_assert_cmpstr (get_string (result, "host"), ==, "localhost");
  g_assert_cmpint (get_int (result, "port"), ==, msa_fake_server_get_port (server));
  g_assert_cmpstr (get_string (result, "security"), ==, "ssl");
  g_assert_true (get_bool (result, "ok"));
  assert_null (result, "error");
  address = get_string (result, "address");
  g_assert_true (g_str_equal (address, "127.0.0.1") || g_str_equal (address, "::1"));

  tls = get_object (result, "tls");
  g_assert_cmpuint (json_object_get_size (tls), ==, 2);
  g_assert_true (g_str_has_prefix (get_string (tls, "version"), "TLS 1."));
  g_assert_cmpstr (get_string (tls, "cipher"), !=, "");

  certificate = get_object (result, "certificate");
  g_assert_cmpuint (json_object_get_size (certificate), ==, 8);
  g_assert_nonnull (strstr (get_string (certificate, "subject"), "localhost"));
  g_assert_nonnull (strstr (get_string (certificate, "issuer"), "Report Test CA"));
  not_before = g_date_time_new_from_iso8601 (get_string (certificate, "not_before"), NULL);
  not_after = g_date_time_new_from_iso8601 (get_string (certificate, "not_after"), NULL);
  g_assert_nonnull (not_before);
  g_assert_nonnull (not_after);
  g_assert_cmpint (g_date_time_compare (not_before, now), <, 0);
  g_assert_cmpint (g_date_time_compare (not_after, now), >, 0);
  g_assert_cmpint (get_int (certificate, "days_left"), >=, 364);
  g_assert_cmpint (get_int (certificate, "days_left"), <=, 365);
  g_assert_true (g_regex_match (fingerprint, get_string (certificate, "sha256"), 0, NULL));
  dns_names = get_strings (certificate, "dns_names");
  g_assert_true (g_strv_contains ((const char * const *) dns_names, "localhost"));
  problems = get_strings (certificate, "problems");
  g_assert_cmpuint (g_strv_length (problems), ==, 0);

  /* The greeting is the server's, minus what could steer a terminal. */
  g_assert_nonnull (strstr (get_string (result, "greeting"), "Fake"));
  assert_no_controls (get_string (result, "greeting"));
  capabilities = get_strings (result, "capabilities");
  g_assert_true (g_strv_contains ((const char * const *) capabilities, "IMAP4rev1"));
  warnings = get_strings (result, "warnings");
  g_assert_nonnull (warnings);
  assert_timings (result, TRUE);
}

static void
test_json_untrusted (void)
{
  /* Trust only a CA that did not sign the server's certificate. */
  Certificates other = { 0, };
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MsaFakeServer) server = fake_server_new ();
  g_autoptr(MsaProfileCheck) check = NULL;
  JsonObject *report, *result, *error, *certificate;
  g_auto(GStrv) problems = NULL;

  make_certificates (&other);
  database = database_for (other.ca_pem);
  g_free (other.ca_pem);
  g_free (other.server_pem);

  check = run_check ("Fake", msa_fake_server_get_port (server), database);

  g_assert_false (msa_profile_check_get_passed (check));
  report = report_object (check, now, parser);
  result = json_array_get_object_element (json_object_get_array_member (report, "results"), 0);
  assert_result_keys (result);
  g_assert_false (get_bool (result, "ok"));
  error = get_object (result, "error");
  g_assert_cmpuint (json_object_get_size (error), ==, 3);
  g_assert_cmpstr (get_string (error, "code"), ==, "certificate-untrusted");
  g_assert_cmpstr (get_string (error, "message"), !=, "");
  /* The reason beside the sentence: present, a string or null. */
  g_assert_true (json_object_has_member (error, "detail"));

  /* The rejected certificate is reported with its details. */
  certificate = get_object (result, "certificate");
  g_assert_nonnull (strstr (get_string (certificate, "subject"), "localhost"));
  problems = get_strings (certificate, "problems");
  g_assert_true (g_strv_contains ((const char * const *) problems, "untrusted"));
  assert_null (result, "greeting");
}

static void
test_json_refused (void)
{
  g_autoptr(GTlsDatabase) database = database_for (certificates.ca_pem);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint16 port = refused_port ();
  g_autoptr(MsaProfileCheck) check = run_check ("Fake", port, database);
  JsonObject *report, *result, *error;
  g_auto(GStrv) capabilities = NULL;
  g_auto(GStrv) warnings = NULL;

  report = report_object (check, now, parser);
  result = json_array_get_object_element (json_object_get_array_member (report, "results"), 0);
  assert_result_keys (result);
  g_assert_cmpint (get_int (result, "port"), ==, port);
  g_assert_false (get_bool (result, "ok"));
  error = get_object (result, "error");
  g_assert_cmpstr (get_string (error, "code"), ==, "connection-refused");
  g_assert_cmpstr (get_string (error, "message"), !=, "");
  assert_null (result, "tls");
  assert_null (result, "certificate");
  assert_null (result, "greeting");
  capabilities = get_strings (result, "capabilities");
  g_assert_cmpuint (g_strv_length (capabilities), ==, 0);
  warnings = get_strings (result, "warnings");
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  assert_timings (result, FALSE);
}

static void
test_text (void)
{
  g_autoptr(GTlsDatabase) database = database_for (certificates.ca_pem);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(MsaFakeServer) server = fake_server_new ();
  g_autoptr(MsaProfileCheck) passed = NULL;
  g_autoptr(MsaProfileCheck) refused = NULL;
  g_autofree char *passed_text = NULL;
  g_autofree char *refused_text = NULL;
  g_autofree char *heading = NULL;
  guint16 port;

  passed = run_check ("Fake\x1b[1m Mail", msa_fake_server_get_port (server), database);
  passed_text = msa_report_to_text (passed, now);
  assert_no_controls (passed_text);
  g_test_message ("%s", passed_text);
  g_assert_true (g_str_has_prefix (passed_text, "Mail servers of Fake\xef\xbf\xbd[1m Mail\n"));
  heading = g_strdup_printf ("OK  IMAP  localhost:%u (SSL/TLS)\n", msa_fake_server_get_port (server));
  g_assert_nonnull (strstr (passed_text, heading));
  g_assert_nonnull (strstr (passed_text, "trusted, valid for this server"));
  g_assert_nonnull (strstr (passed_text, "IMAP4rev1"));
  g_assert_nonnull (strstr (passed_text, "Fake"));
  g_assert_true (g_str_has_suffix (passed_text, "The server is fine.\n"));

  port = refused_port ();
  refused = run_check ("Fake", port, database);
  refused_text = msa_report_to_text (refused, now);
  g_test_message ("%s", refused_text);
  g_clear_pointer (&heading, g_free);
  heading = g_strdup_printf ("FAILED  IMAP  localhost:%u (SSL/TLS)\n", port);
  g_assert_nonnull (strstr (refused_text, heading));
  g_assert_null (strstr (refused_text, "Certificate"));
  g_assert_true (g_str_has_suffix (refused_text, "1 of 1 server failed its check.\n"));
}

static void
test_text_aligned (void)
{
  g_autoptr(GTlsDatabase) database = database_for (certificates.ca_pem);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(MsaFakeServer) server = fake_server_new ();
  g_autoptr(MsaProfileCheck) check = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  int value_column = -1;

  check = run_check ("Fake", msa_fake_server_get_port (server), database);
  text = msa_report_to_text (check, now);

  /* Every "  Label   value" row starts its value in the same column, and
   * no line is wider than a terminal. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *p;

      g_assert_cmpint (g_utf8_strlen (line, -1), <=, 78);
      if (!g_str_has_prefix (line, "  ") || line[2] == ' ')
        continue;
      p = strstr (line + 2, "  ");
      g_assert_nonnull (p);
      while (p != NULL && *p == ' ')
        p++;
      if (value_column < 0)
        value_column = (int) g_utf8_pointer_to_offset (line, p);
      g_assert_cmpint ((int) g_utf8_pointer_to_offset (line, p), ==, value_column);
    }
  g_assert_cmpint (value_column, >, 2);
}

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, ""));
  /* textdomain() also drops gettext's cache of translations. */
  textdomain (GETTEXT_PACKAGE);
}

static void
test_text_german (void)
{
  g_autoptr(GTlsDatabase) database = database_for (certificates.ca_pem);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *localedir = g_build_filename (g_getenv ("MSA_BUILD_ROOT"), "po", NULL);
  g_autofree char *catalogue = g_build_filename (localedir, "de", "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(MsaFakeServer) server = fake_server_new ();
  g_autoptr(MsaProfileCheck) passed = NULL;
  g_autoptr(MsaProfileCheck) refused = NULL;
  g_autofree char *passed_text = NULL;
  g_autofree char *refused_text = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *fine = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *failed_line = NULL;

  /* The catalogue the build makes from po/de.po. */
  g_assert_true (g_file_test (catalogue, G_FILE_TEST_IS_REGULAR));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  use_language ("de");

  passed = run_check ("Fake", msa_fake_server_get_port (server), database);
  passed_text = msa_report_to_text (passed, now);
  refused = run_check ("Fake", refused_port (), database);
  refused_text = msa_report_to_text (refused, now);
  /* What the catalogue says, whatever its wording today. */
  heading = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Mail servers of %s"), "Fake");
  fine = g_strconcat (g_dngettext (GETTEXT_PACKAGE, "The server is fine.", "All %u servers are fine.", 1),
                      "\n", NULL);
  failed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u server failed its check.",
                                         "%u of %u servers failed their check.", 1), 1, 1);
  failed_line = g_strconcat (failed, "\n", NULL);
  use_language ("en");

  g_test_message ("%s%s", passed_text, refused_text);
  g_assert_cmpstr (heading, !=, "Mail servers of Fake");
  g_assert_cmpstr (fine, !=, "The server is fine.\n");
  g_assert_cmpstr (failed, !=, "1 of 1 server failed its check.");
  assert_no_controls (passed_text);
  assert_no_controls (refused_text);
  g_assert_true (g_str_has_prefix (passed_text, heading));
  g_assert_true (g_str_has_suffix (passed_text, fine));
  g_assert_true (g_str_has_suffix (refused_text, failed_line));
  g_assert_null (strstr (passed_text, "Greeting"));
  g_assert_null (strstr (passed_text, "Certificate"));
  g_assert_null (strstr (passed_text, "in total"));
  g_assert_null (strstr (refused_text, "What to do"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  make_certificates (&certificates);
  temporary_files = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/report/sanitize", test_sanitize);
  g_test_add_func ("/report/json/passed", test_json_passed);
  g_test_add_func ("/report/json/untrusted", test_json_untrusted);
  g_test_add_func ("/report/json/refused", test_json_refused);
  g_test_add_func ("/report/text", test_text);
  g_test_add_func ("/report/text/aligned", test_text_aligned);
  g_test_add_func ("/report/text/german", test_text_german);

  status = g_test_run ();

  for (guint i = 0; i < temporary_files->len; i++)
    g_unlink (g_ptr_array_index (temporary_files, i));
  g_ptr_array_unref (temporary_files);
  g_free (certificates.ca_pem);
  g_free (certificates.server_pem);

  return status;
}
