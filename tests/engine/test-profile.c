/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "msa-autoconfig.h"
#include "msa-profile.h"

/* Test helpers */

static MsaProfile *
parse (const char  *text,
       gssize       length,
       const char  *file_name,
       GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);

  return msa_profile_new_from_bytes (bytes, file_name, error);
}

static MsaServer *
get_server (MsaProfile *profile,
            guint       position)
{
  g_autoptr(MsaServer) server = g_list_model_get_item (msa_profile_get_servers (profile),
                                                       position);
  g_assert_nonnull (server);
  /* The profile keeps its own reference. */
  return server;
}

static void
assert_server (MsaServer   *server,
               MsaProtocol  protocol,
               const char  *hostname,
               guint16      port,
               MsaSecurity  security)
{
  g_assert_cmpint (msa_server_get_protocol (server), ==, protocol);
  g_assert_cmpstr (msa_server_get_hostname (server), ==, hostname);
  g_assert_cmpuint (msa_server_get_port (server), ==, port);
  g_assert_cmpint (msa_server_get_security (server), ==, security);
}

/* Guards a test's main loop against a hang; not a timed assertion. */
static gboolean
on_hang_guard (gpointer user_data)
{
  g_error ("the loop did not finish");
  return G_SOURCE_REMOVE;
}

/* Objects */

static void
test_server_new_destroy (void)
{
  MsaServer *server = msa_server_new (MSA_PROTOCOL_POP3, "pop.example.org", 0,
                                      MSA_SECURITY_SSL);
  g_autofree char *hostname = NULL;
  MsaProtocol protocol;
  MsaSecurity security;
  guint port;
  gboolean incoming;

  /* Port 0 means the usual one. */
  assert_server (server, MSA_PROTOCOL_POP3, "pop.example.org", 995, MSA_SECURITY_SSL);
  g_object_get (server,
                "protocol", &protocol,
                "hostname", &hostname,
                "port", &port,
                "security", &security,
                "incoming", &incoming,
                NULL);
  g_assert_cmpint (protocol, ==, MSA_PROTOCOL_POP3);
  g_assert_cmpstr (hostname, ==, "pop.example.org");
  g_assert_cmpuint (port, ==, 995);
  g_assert_cmpint (security, ==, MSA_SECURITY_SSL);
  g_assert_true (incoming);
  g_assert_null (msa_server_get_username (server));
  g_assert_null (msa_server_get_authentication (server));

  g_assert_finalize_object (server);
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_server_properties (void)
{
  g_autoptr(MsaServer) server = msa_server_new (MSA_PROTOCOL_SMTP, "smtp.example.org", 2525,
                                                MSA_SECURITY_STARTTLS);
  guint username_notified = 0;
  guint auth_notified = 0;

  g_assert_false (msa_server_is_incoming (server));
  g_assert_cmpuint (msa_server_get_port (server), ==, 2525);

  g_signal_connect (server, "notify::username", G_CALLBACK (on_notify_count), &username_notified);
  g_signal_connect (server, "notify::authentication", G_CALLBACK (on_notify_count), &auth_notified);

  msa_server_set_username (server, "%EMAILADDRESS%");
  g_assert_cmpstr (msa_server_get_username (server), ==, "%EMAILADDRESS%");
  g_assert_cmpuint (username_notified, ==, 1);
  msa_server_set_username (server, "%EMAILADDRESS%");
  g_assert_cmpuint (username_notified, ==, 1);
  g_object_set (server, "username", "someone", NULL);
  g_assert_cmpuint (username_notified, ==, 2);
  msa_server_set_username (server, NULL);
  g_assert_null (msa_server_get_username (server));
  g_assert_cmpuint (username_notified, ==, 3);

  msa_server_set_authentication (server, "password-cleartext");
  msa_server_set_authentication (server, "password-cleartext");
  g_assert_cmpuint (auth_notified, ==, 1);
  g_assert_cmpstr (msa_server_get_authentication (server), ==, "password-cleartext");
}

static void
test_server_equal (void)
{
  g_autoptr(MsaServer) a = msa_server_new (MSA_PROTOCOL_IMAP, "imap.example.org", 993,
                                           MSA_SECURITY_SSL);
  g_autoptr(MsaServer) b = msa_server_new (MSA_PROTOCOL_IMAP, "IMAP.Example.org", 0,
                                           MSA_SECURITY_SSL);
  g_autoptr(MsaServer) c = msa_server_new (MSA_PROTOCOL_IMAP, "imap.example.org", 143,
                                           MSA_SECURITY_STARTTLS);
  g_autoptr(MsaServer) d = msa_server_new (MSA_PROTOCOL_POP3, "imap.example.org", 993,
                                           MSA_SECURITY_SSL);

  g_assert_true (msa_server_equal (a, b));
  g_assert_false (msa_server_equal (a, c));
  g_assert_false (msa_server_equal (a, d));
  msa_server_set_username (b, "x");
  g_assert_false (msa_server_equal (a, b));
}

static void
test_profile_new_destroy (void)
{
  MsaProfile *profile = msa_profile_new ("example.org", "Example");
  MsaServer *server = msa_server_new (MSA_PROTOCOL_IMAP, "imap.example.org", 0,
                                      MSA_SECURITY_SSL);
  g_autofree char *domain = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GListModel) servers = NULL;

  msa_profile_add_server (profile, server);
  g_object_unref (server);

  g_object_get (profile,
                "id", &id,
                "domain", &domain,
                "display-name", &display_name,
                "servers", &servers,
                NULL);
  g_assert_cmpstr (id, ==, "example.org");
  g_assert_cmpstr (domain, ==, "example.org");
  g_assert_cmpstr (display_name, ==, "Example");
  g_assert_true (servers == msa_profile_get_servers (profile));
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 1);
  g_assert_true (g_list_model_get_item_type (servers) == MSA_TYPE_SERVER);
  g_clear_object (&servers);

  /* The server dies with its profile. */
  g_object_add_weak_pointer (G_OBJECT (server), (gpointer *) &server);
  g_assert_finalize_object (profile);
  g_assert_null (server);
}

static void
test_profile_fallbacks (void)
{
  g_autoptr(MsaProfile) profile = msa_profile_new ("example.org", NULL);
  g_autoptr(MsaProfile) nameless = msa_profile_new (NULL, NULL);

  g_assert_cmpstr (msa_profile_get_display_name (profile), ==, "example.org");
  g_assert_null (msa_profile_get_domain (nameless));
  g_assert_null (msa_profile_get_id (nameless));
  g_assert_null (msa_profile_get_display_name (nameless));
  g_assert_cmpuint (g_strv_length ((char **) msa_profile_get_domains (nameless)), ==, 0);

  msa_profile_add_domain (profile, "example.net");
  msa_profile_add_domain (profile, "EXAMPLE.org");
  g_assert_cmpuint (g_strv_length ((char **) msa_profile_get_domains (profile)), ==, 2);
  g_assert_cmpstr (msa_profile_get_domains (profile)[1], ==, "example.net");
}

static void
test_profile_server_order (void)
{
  g_autoptr(MsaProfile) profile = msa_profile_new ("example.org", "Example");
  g_autoptr(MsaServer) smtp = msa_server_new (MSA_PROTOCOL_SMTP, "smtp.example.org", 0,
                                              MSA_SECURITY_SSL);
  g_autoptr(MsaServer) imap = msa_server_new (MSA_PROTOCOL_IMAP, "imap.example.org", 0,
                                              MSA_SECURITY_SSL);
  g_autoptr(MsaServer) pop3 = msa_server_new (MSA_PROTOCOL_POP3, "pop.example.org", 0,
                                              MSA_SECURITY_STARTTLS);
  g_autoptr(MsaServer) smtp2 = msa_server_new (MSA_PROTOCOL_SMTP, "smtp.example.org", 0,
                                               MSA_SECURITY_STARTTLS);

  msa_profile_add_server (profile, smtp);
  msa_profile_add_server (profile, imap);
  msa_profile_add_server (profile, smtp2);
  msa_profile_add_server (profile, pop3);

  /* Incoming first, each direction in the order added. */
  g_assert_true (get_server (profile, 0) == imap);
  g_assert_true (get_server (profile, 1) == pop3);
  g_assert_true (get_server (profile, 2) == smtp);
  g_assert_true (get_server (profile, 3) == smtp2);

  g_assert_true (msa_profile_find_server (profile, MSA_PROTOCOL_SMTP, MSA_SECURITY_STARTTLS)
                 == smtp2);
  g_assert_true (msa_profile_find_server (profile, MSA_PROTOCOL_POP3, MSA_SECURITY_STARTTLS)
                 == pop3);
  g_assert_null (msa_profile_find_server (profile, MSA_PROTOCOL_POP3, MSA_SECURITY_SSL));
}

/* Names and ports */

static void
test_default_ports (void)
{
  g_assert_cmpuint (msa_protocol_default_port (MSA_PROTOCOL_IMAP, MSA_SECURITY_SSL), ==, 993);
  g_assert_cmpuint (msa_protocol_default_port (MSA_PROTOCOL_IMAP, MSA_SECURITY_STARTTLS), ==, 143);
  g_assert_cmpuint (msa_protocol_default_port (MSA_PROTOCOL_IMAP, MSA_SECURITY_PLAIN), ==, 143);
  g_assert_cmpuint (msa_protocol_default_port (MSA_PROTOCOL_POP3, MSA_SECURITY_SSL), ==, 995);
  g_assert_cmpuint (msa_protocol_default_port (MSA_PROTOCOL_POP3, MSA_SECURITY_STARTTLS), ==, 110);
  g_assert_cmpuint (msa_protocol_default_port (MSA_PROTOCOL_POP3, MSA_SECURITY_PLAIN), ==, 110);
  g_assert_cmpuint (msa_protocol_default_port (MSA_PROTOCOL_SMTP, MSA_SECURITY_SSL), ==, 465);
  g_assert_cmpuint (msa_protocol_default_port (MSA_PROTOCOL_SMTP, MSA_SECURITY_STARTTLS), ==, 587);
  g_assert_cmpuint (msa_protocol_default_port (MSA_PROTOCOL_SMTP, MSA_SECURITY_PLAIN), ==, 25);
}

static void
test_names (void)
{
  static const char * const protocols[] = { "imap", "pop3", "smtp" };
  static const char * const securities[] = { "ssl", "starttls", "plain" };
  MsaProtocol protocol;
  MsaSecurity security;
  GEnumClass *klass;

  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    {
      g_assert_cmpstr (msa_protocol_to_string (i), ==, protocols[i]);
      g_assert_true (msa_protocol_from_string (protocols[i], &protocol));
      g_assert_cmpint (protocol, ==, i);
    }
  for (guint i = 0; i < G_N_ELEMENTS (securities); i++)
    {
      g_assert_cmpstr (msa_security_to_string (i), ==, securities[i]);
      g_assert_true (msa_security_from_string (securities[i], &security));
      g_assert_cmpint (security, ==, i);
    }

  /* Autoconfig's spelling. */
  g_assert_true (msa_security_from_string ("SSL", &security));
  g_assert_cmpint (security, ==, MSA_SECURITY_SSL);
  g_assert_true (msa_security_from_string ("STARTTLS", &security));
  g_assert_cmpint (security, ==, MSA_SECURITY_STARTTLS);
  g_assert_true (msa_protocol_from_string ("IMAP", NULL));

  g_assert_false (msa_protocol_from_string ("imaps", NULL));
  g_assert_false (msa_protocol_from_string ("", NULL));
  g_assert_false (msa_security_from_string ("TLS", NULL));

  klass = g_type_class_ref (MSA_TYPE_PROTOCOL);
  g_assert_cmpstr (g_enum_get_value (klass, MSA_PROTOCOL_SMTP)->value_nick, ==, "smtp");
  g_type_class_unref (klass);
  klass = g_type_class_ref (MSA_TYPE_SECURITY);
  g_assert_cmpstr (g_enum_get_value (klass, MSA_SECURITY_STARTTLS)->value_nick, ==, "starttls");
  g_type_class_unref (klass);
}

/* The built-in profile */

static void
assert_builtin (MsaProfile *profile)
{
  GListModel *servers = msa_profile_get_servers (profile);

  g_assert_cmpstr (msa_profile_get_display_name (profile), ==, "domainFACTORY");
  g_assert_cmpstr (msa_profile_get_domain (profile), ==, "df.eu");
  g_assert_cmpstr (msa_profile_get_id (profile), ==, "df.eu");
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 3);

  /* The provider's documented servers: sslin.df.eu IMAP 993 and POP3 995, sslout.df.eu SMTP 465,
   * all SSL/TLS. */
  assert_server (get_server (profile, 0), MSA_PROTOCOL_IMAP, "sslin.df.eu", 993, MSA_SECURITY_SSL);
  assert_server (get_server (profile, 1), MSA_PROTOCOL_POP3, "sslin.df.eu", 995, MSA_SECURITY_SSL);
  assert_server (get_server (profile, 2), MSA_PROTOCOL_SMTP, "sslout.df.eu", 465, MSA_SECURITY_SSL);

  for (guint i = 0; i < 3; i++)
    {
      MsaServer *server = get_server (profile, i);

      g_assert_cmpstr (msa_server_get_username (server), ==, "%EMAILADDRESS%");
      g_assert_cmpstr (msa_server_get_authentication (server), ==, "password-cleartext");
    }

  g_assert_nonnull (msa_profile_find_server (profile, MSA_PROTOCOL_IMAP, MSA_SECURITY_SSL));
  g_assert_nonnull (msa_profile_find_server (profile, MSA_PROTOCOL_POP3, MSA_SECURITY_SSL));
  g_assert_nonnull (msa_profile_find_server (profile, MSA_PROTOCOL_SMTP, MSA_SECURITY_SSL));
  g_assert_null (msa_profile_find_server (profile, MSA_PROTOCOL_IMAP, MSA_SECURITY_PLAIN));
}

static void
test_builtin (void)
{
  MsaProfile *profile = msa_profile_new_builtin ();

  assert_builtin (profile);
  g_assert_finalize_object (profile);
}

static void
test_builtin_matches_source (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("MSA_SOURCE_ROOT"),
                                            "data", "providers", "df.eu.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) from_file = msa_profile_new_from_file (file, &error);
  g_autoptr(MsaProfile) builtin = msa_profile_new_builtin ();
  g_autoptr(GBytes) resource = NULL;

  g_assert_no_error (error);
  assert_builtin (from_file);
  g_assert_true (msa_profile_equal (from_file, builtin));

  /* Registered globally too, at the documented path. */
  resource = g_resources_lookup_data (MSA_PROFILE_BUILTIN_RESOURCE, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (resource);
}

/* Round trips */

static void
assert_round_trip (MsaProfile *profile)
{
  g_autofree char *xml = msa_profile_to_xml (profile);
  g_autofree char *xml_again = NULL;
  g_autoptr(MsaProfile) back = NULL;
  g_autoptr(GError) error = NULL;

  g_test_message ("%s", xml);
  g_assert_true (g_utf8_validate (xml, -1, NULL));
  g_assert_true (g_str_has_prefix (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                        "<clientConfig version=\"1.1\">"));

  back = parse (xml, -1, "round-trip.xml", &error);
  g_assert_no_error (error);
  g_assert_true (msa_profile_equal (profile, back));
  g_assert_true (msa_profile_equal (back, profile));

  /* And the written text is stable. */
  xml_again = msa_profile_to_xml (back);
  g_assert_cmpstr (xml, ==, xml_again);
}

/* The provider's guide and webmail page: <documentation url> in the
 * provider, <webMail><loginPage url> beside it (Thunderbird's database)
 * or inside it; only http and https links with a host count. */
static void
test_read_links (void)
{
  const char *outside =
    "<clientConfig version=\"1.1\"><emailProvider id=\"a.example\">"
    "<domain>a.example</domain>"
    "<incomingServer type=\"imap\"><hostname>imap.a.example</hostname><port>993</port>"
    "<socketType>SSL</socketType></incomingServer>"
    "<documentation url=\"https://a.example/help\"><descr lang=\"en\">Help</descr></documentation>"
    "<documentation url=\"https://a.example/second\"/>"
    "</emailProvider>"
    "<webMail><loginPage url=\"https://mail.a.example/\"/>"
    "<loginPageInfo url=\"https://mail.a.example/\"><username>%EMAILADDRESS%</username></loginPageInfo>"
    "</webMail></clientConfig>";
  const char *inside =
    "<clientConfig version=\"1.1\"><emailProvider id=\"b.example\">"
    "<domain>b.example</domain>"
    "<incomingServer type=\"imap\"><hostname>imap.b.example</hostname><port>993</port>"
    "<socketType>SSL</socketType></incomingServer>"
    "<webMail><loginPage url=\"http://webmail.b.example\"/></webMail>"
    "</emailProvider></clientConfig>";
  const char *bad =
    "<clientConfig version=\"1.1\"><emailProvider id=\"c.example\">"
    "<domain>c.example</domain>"
    "<incomingServer type=\"imap\"><hostname>imap.c.example</hostname><port>993</port>"
    "<socketType>SSL</socketType></incomingServer>"
    "<documentation url=\"javascript:alert(1)\"/>"
    "</emailProvider>"
    "<webMail><loginPage url=\"file:///etc/passwd\"/></webMail></clientConfig>";
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) a = parse (outside, -1, "outside.xml", &error);
  g_autoptr(MsaProfile) b = NULL;
  g_autoptr(MsaProfile) c = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (msa_profile_get_documentation_url (a), ==, "https://a.example/help");
  g_assert_cmpstr (msa_profile_get_webmail_url (a), ==, "https://mail.a.example/");
  assert_round_trip (a);

  b = parse (inside, -1, "inside.xml", &error);
  g_assert_no_error (error);
  g_assert_null (msa_profile_get_documentation_url (b));
  g_assert_cmpstr (msa_profile_get_webmail_url (b), ==, "http://webmail.b.example");

  c = parse (bad, -1, "bad.xml", &error);
  g_assert_no_error (error);
  g_assert_null (msa_profile_get_documentation_url (c));
  g_assert_null (msa_profile_get_webmail_url (c));

  /* domainFACTORY's, as Thunderbird's database gives them. */
  {
    g_autoptr(MsaProfile) builtin = msa_profile_new_builtin ();

    g_assert_cmpstr (msa_profile_get_documentation_url (builtin), ==,
                     "http://www.df.eu/de/service/df-faq/e-mail/mail-programme/");
    g_assert_cmpstr (msa_profile_get_webmail_url (builtin), ==, "https://webmail.df.eu");
    g_assert_true (msa_profile_has_domain (builtin, "ispgateway.de"));
  }
}

static void
test_round_trip_builtin (void)
{
  g_autoptr(MsaProfile) profile = msa_profile_new_builtin ();

  assert_round_trip (profile);
}

static void
test_round_trip_awkward (void)
{
  g_autoptr(MsaProfile) profile = msa_profile_new ("exämple.org", "Müller & Söhne <\"Mail\"> 'ok'");
  g_autoptr(MsaServer) smtp = msa_server_new (MSA_PROTOCOL_SMTP, "smtp.example.org", 25,
                                              MSA_SECURITY_PLAIN);
  g_autoptr(MsaServer) imap = msa_server_new (MSA_PROTOCOL_IMAP, "imap.example.org", 143,
                                              MSA_SECURITY_STARTTLS);
  g_autoptr(MsaServer) pop3 = msa_server_new (MSA_PROTOCOL_POP3, "pop.example.org", 65535,
                                              MSA_SECURITY_SSL);
  g_autoptr(MsaServer) smtp2 = msa_server_new (MSA_PROTOCOL_SMTP, "smtp.example.org", 1,
                                               MSA_SECURITY_STARTTLS);
  g_autoptr(MsaProfile) other = NULL;
  g_autoptr(MsaProfile) nameless = msa_profile_new (NULL, NULL);
  g_autoptr(MsaServer) lone = msa_server_new (MSA_PROTOCOL_IMAP, "bücher.example", 0,
                                             MSA_SECURITY_SSL);

  msa_profile_add_domain (profile, "example.net");
  msa_server_set_username (imap, "%EMAILLOCALPART%<&>");
  msa_server_set_authentication (imap, "password-encrypted");
  msa_server_set_username (smtp, "");
  msa_profile_add_server (profile, smtp);
  msa_profile_add_server (profile, imap);
  msa_profile_add_server (profile, smtp2);
  msa_profile_add_server (profile, pop3);

  assert_round_trip (profile);

  msa_profile_add_server (nameless, lone);
  assert_round_trip (nameless);

  /* equal() is not trivially true. */
  other = msa_profile_new ("exämple.org", "Müller & Söhne <\"Mail\"> 'ok'");
  g_assert_false (msa_profile_equal (profile, other));
  g_assert_false (msa_profile_equal (profile, nameless));
}

/* Reading what real files contain */

static const char full_file[] =
  "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!DOCTYPE clientConfig>\n"
  "<!-- a comment -->\n"
  "<clientConfig version=\"1.1\">\n"
  "  <emailProvider id=\"example.com\">\n"
  "    <domain>example.com</domain>\n"
  "    <domain> example.net </domain>\n"
  "    <displayName><![CDATA[Example & Co]]></displayName>\n"
  "    <displayShortName>Example</displayShortName>\n"
  "    <incomingServer type=\"imap\">\n"
  "      <hostname>\n        imap.example.com\n      </hostname>\n"
  "      <port>993</port>\n"
  "      <socketType>SSL</socketType>\n"
  "      <username>%EMAILADDRESS%</username>\n"
  "      <authentication>OAuth2</authentication>\n"
  "      <authentication>password-cleartext</authentication>\n"
  "      <password>never read</password>\n"
  "    </incomingServer>\n"
  "    <incomingServer type=\"pop3\">\n"
  "      <hostname>pop.example.com</hostname>\n"
  "      <socketType>STARTTLS</socketType>\n"
  "      <pop3><leaveMessagesOnServer>true</leaveMessagesOnServer></pop3>\n"
  "    </incomingServer>\n"
  "    <outgoingServer type=\"smtp\">\n"
  "      <hostname>smtp.example.com</hostname>\n"
  "      <port>587</port>\n"
  "      <socketType>STARTTLS</socketType>\n"
  "      <useGlobalPreferredServer>true</useGlobalPreferredServer>\n"
  "    </outgoingServer>\n"
  "    <documentation url=\"https://example.com/help\">\n"
  "      <descr lang=\"en\">Help <incomingServer type=\"bogus\"/></descr>\n"
  "    </documentation>\n"
  "  </emailProvider>\n"
  "  <emailProvider id=\"second.example\">\n"
  "    <incomingServer type=\"imap\"><hostname>ignored</hostname></incomingServer>\n"
  "  </emailProvider>\n"
  "  <webMail><loginPage url=\"https://example.com/\"/></webMail>\n"
  "  <oAuth2><issuer>example</issuer></oAuth2>\n"
  "  <enable visiturl=\"https://example.com/\"><instruction>x</instruction></enable>\n"
  "</clientConfig>\n";

static void
test_read_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) profile = parse (full_file, -1, "full.xml", &error);
  MsaServer *server;

  g_assert_no_error (error);
  g_assert_cmpstr (msa_profile_get_id (profile), ==, "example.com");
  g_assert_cmpstr (msa_profile_get_display_name (profile), ==, "Example & Co");
  g_assert_cmpuint (g_strv_length ((char **) msa_profile_get_domains (profile)), ==, 2);
  g_assert_cmpstr (msa_profile_get_domains (profile)[1], ==, "example.net");
  g_assert_cmpuint (g_list_model_get_n_items (msa_profile_get_servers (profile)), ==, 3);

  server = get_server (profile, 0);
  assert_server (server, MSA_PROTOCOL_IMAP, "imap.example.com", 993, MSA_SECURITY_SSL);
  g_assert_cmpstr (msa_server_get_username (server), ==, "%EMAILADDRESS%");
  /* The first method listed. */
  g_assert_cmpstr (msa_server_get_authentication (server), ==, "OAuth2");

  /* No port: the usual one for POP3 with STARTTLS. */
  server = get_server (profile, 1);
  assert_server (server, MSA_PROTOCOL_POP3, "pop.example.com", 110, MSA_SECURITY_STARTTLS);
  g_assert_null (msa_server_get_username (server));

  assert_server (get_server (profile, 2), MSA_PROTOCOL_SMTP, "smtp.example.com", 587,
                 MSA_SECURITY_STARTTLS);
}

static void
test_read_hostnames (void)
{
  static const char * const names[] = {
    "sslin.df.eu", "127.0.0.1", "::1", "mail_1.example-host.org", "bücher.example",
    "localhost",
    /* The DNS limits exactly: 253 characters, a label of 63. */
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.c",
    "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.example",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = g_strdup_printf ("<clientConfig><emailProvider>"
                                               "<outgoingServer type=\"smtp\">"
                                               "<hostname>%s</hostname>"
                                               "<socketType>SSL</socketType>"
                                               "</outgoingServer></emailProvider></clientConfig>",
                                               names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(MsaProfile) profile = parse (text, -1, "names.xml", &error);

      g_assert_no_error (error);
      assert_server (get_server (profile, 0), MSA_PROTOCOL_SMTP, names[i], 465, MSA_SECURITY_SSL);
    }
}

static void
test_read_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) profile =
    parse ("<clientConfig><emailProvider><incomingServer type=\"imap\">"
           "<hostname>h</hostname><socketType>plain</socketType>"
           "</incomingServer></emailProvider></clientConfig>",
           -1, "minimal.xml", &error);

  g_assert_no_error (error);
  g_assert_null (msa_profile_get_id (profile));
  g_assert_null (msa_profile_get_domain (profile));
  assert_server (get_server (profile, 0), MSA_PROTOCOL_IMAP, "h", 143, MSA_SECURITY_PLAIN);
}

/* Bad files */

typedef struct
{
  const char      *name;
  const char      *text;
  gssize           length;
  MsaProfileError  code;
  int              line;      /* 0: the message has no line */
} BadCase;

#define HEAD "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\">\n<emailProvider id=\"x\">\n"
#define TAIL "</emailProvider>\n</clientConfig>\n"
#define SERVER(type, body) "<incomingServer type=\"" type "\">\n" body "</incomingServer>\n"
#define GOOD_BODY "<hostname>h</hostname>\n<port>993</port>\n<socketType>SSL</socketType>\n"

static const BadCase bad_cases[] = {
  { "empty.xml", "", 0, MSA_PROFILE_ERROR_EMPTY, 0 },
  { "blank.xml", " \n\t\n", -1, MSA_PROFILE_ERROR_EMPTY, 0 },
  { "nul.xml", "<clientConfig>\0</clientConfig>", 31, MSA_PROFILE_ERROR_BINARY, 0 },
  { "latin1.xml", "<clientConfig><displayName>M\xFCller</displayName></clientConfig>", -1,
    MSA_PROFILE_ERROR_BINARY, 0 },
  { "image.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16, MSA_PROFILE_ERROR_BINARY, 0 },
  { "prose.txt", "Dear customer,\nplease use these settings.\n", -1,
    MSA_PROFILE_ERROR_NOT_XML, 1 },
  { "unclosed.xml", HEAD SERVER ("imap", GOOD_BODY) "</emailProvider>\n", -1,
    MSA_PROFILE_ERROR_NOT_XML, 10 },
  { "mismatch.xml", HEAD "<incomingServer type=\"imap\">\n</outgoingServer>\n" TAIL, -1,
    MSA_PROFILE_ERROR_NOT_XML, 5 },
  { "entity.xml", HEAD SERVER ("imap", "<hostname>a&nbsp;b</hostname>\n") TAIL, -1,
    MSA_PROFILE_ERROR_NOT_XML, 5 },
  { "html.xml", "<?xml version=\"1.0\"?>\n<html><body>clientConfig</body></html>\n", -1,
    MSA_PROFILE_ERROR_WRONG_ROOT, 2 },
  { "no-provider.xml", "<clientConfig version=\"1.1\">\n</clientConfig>\n", -1,
    MSA_PROFILE_ERROR_NO_SERVERS, 0 },
  { "no-server.xml", HEAD "<domain>x</domain>\n<displayName>X</displayName>\n" TAIL, -1,
    MSA_PROFILE_ERROR_NO_SERVERS, 0 },
  { "outside.xml", "<clientConfig>\n" SERVER ("imap", GOOD_BODY) "</clientConfig>\n", -1,
    MSA_PROFILE_ERROR_NO_SERVERS, 0 },
  { "no-hostname.xml", HEAD "<domain>x</domain>\n"
    SERVER ("imap", "<port>993</port>\n<socketType>SSL</socketType>\n") TAIL, -1,
    MSA_PROFILE_ERROR_MISSING_HOSTNAME, 5 },
  { "blank-hostname.xml", HEAD
    SERVER ("imap", "<hostname> </hostname>\n<socketType>SSL</socketType>\n") TAIL, -1,
    MSA_PROFILE_ERROR_MISSING_HOSTNAME, 4 },
  { "hostname-template.xml", HEAD
    SERVER ("imap", "<hostname>imap.%EMAILDOMAIN%</hostname>\n<socketType>SSL</socketType>\n")
    TAIL, -1, MSA_PROFILE_ERROR_BAD_HOSTNAME, 5 },
  { "hostname-space.xml", HEAD
    SERVER ("imap", "<socketType>SSL</socketType>\n<hostname>imap example.org</hostname>\n")
    TAIL, -1, MSA_PROFILE_ERROR_BAD_HOSTNAME, 6 },
  { "hostname-escape.xml", HEAD
    SERVER ("imap", "<hostname>a&#27;[2Jb</hostname>\n<socketType>SSL</socketType>\n")
    TAIL, -1, MSA_PROFILE_ERROR_BAD_HOSTNAME, 5 },
  { "port-word.xml", HEAD
    SERVER ("imap", "<hostname>h</hostname>\n<port>imaps</port>\n<socketType>SSL</socketType>\n")
    TAIL, -1, MSA_PROFILE_ERROR_BAD_PORT, 6 },
  { "port-empty.xml", HEAD
    SERVER ("imap", "<hostname>h</hostname>\n<port></port>\n<socketType>SSL</socketType>\n")
    TAIL, -1, MSA_PROFILE_ERROR_BAD_PORT, 6 },
  { "port-zero.xml", HEAD
    SERVER ("imap", "<hostname>h</hostname>\n<socketType>SSL</socketType>\n<port>0</port>\n")
    TAIL, -1, MSA_PROFILE_ERROR_BAD_PORT, 7 },
  { "port-high.xml", HEAD
    SERVER ("imap", "<hostname>h</hostname>\n<port>65536</port>\n<socketType>SSL</socketType>\n")
    TAIL, -1, MSA_PROFILE_ERROR_BAD_PORT, 6 },
  { "port-negative.xml", HEAD
    SERVER ("imap", "<hostname>h</hostname>\n<port>-993</port>\n<socketType>SSL</socketType>\n")
    TAIL, -1, MSA_PROFILE_ERROR_BAD_PORT, 6 },
  { "port-huge.xml", HEAD
    SERVER ("imap", "<hostname>h</hostname>\n<port>99999999999999999999993</port>\n"
            "<socketType>SSL</socketType>\n") TAIL, -1, MSA_PROFILE_ERROR_BAD_PORT, 6 },
  { "socket-tls.xml", HEAD
    SERVER ("imap", "<hostname>h</hostname>\n<port>993</port>\n<socketType>TLS</socketType>\n")
    TAIL, -1, MSA_PROFILE_ERROR_BAD_SOCKET_TYPE, 7 },
  { "socket-missing.xml", HEAD "\n" SERVER ("imap", "<hostname>h</hostname>\n") TAIL, -1,
    MSA_PROFILE_ERROR_BAD_SOCKET_TYPE, 5 },
  { "type-nntp.xml", HEAD SERVER ("nntp", GOOD_BODY) TAIL, -1,
    MSA_PROFILE_ERROR_BAD_SERVER_TYPE, 4 },
  { "exchange-only.xml", HEAD SERVER ("exchange", GOOD_BODY) TAIL, -1,
    MSA_PROFILE_ERROR_NO_SERVERS, 0 },
  { "id-newline.xml", "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\">\n"
    "<emailProvider id=\"a&#10;b\">\n" SERVER ("imap", GOOD_BODY) TAIL, -1,
    MSA_PROFILE_ERROR_BAD_VALUE, 3 },
  { "display-name-formfeed.xml", HEAD "<displayName>A&#12;B</displayName>\n"
    SERVER ("imap", GOOD_BODY) TAIL, -1, MSA_PROFILE_ERROR_BAD_VALUE, 4 },
  { "domain-escape.xml", HEAD "<domain>x&#27;[2J.org</domain>\n"
    SERVER ("imap", GOOD_BODY) TAIL, -1, MSA_PROFILE_ERROR_BAD_VALUE, 4 },
  { "username-newline.xml", HEAD SERVER ("imap", GOOD_BODY "<username>a&#10;b</username>\n")
    TAIL, -1, MSA_PROFILE_ERROR_BAD_VALUE, 8 },
  { "hostname-label-64.xml", HEAD
    SERVER ("imap", "<hostname>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example</hostname>\n<socketType>SSL</socketType>\n")
    TAIL, -1, MSA_PROFILE_ERROR_BAD_HOSTNAME, 5 },
  { "hostname-254.xml", HEAD
    SERVER ("imap", "<hostname>bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.cc</hostname>\n<socketType>SSL</socketType>\n")
    TAIL, -1, MSA_PROFILE_ERROR_BAD_HOSTNAME, 5 },
  { "type-missing.xml", HEAD "<incomingServer>\n" GOOD_BODY "</incomingServer>\n" TAIL, -1,
    MSA_PROFILE_ERROR_BAD_SERVER_TYPE, 4 },
  { "type-smtp-in.xml", HEAD SERVER ("smtp", GOOD_BODY) TAIL, -1,
    MSA_PROFILE_ERROR_BAD_SERVER_TYPE, 4 },
  { "type-imap-out.xml", HEAD "\n\n<outgoingServer type=\"imap\">\n" GOOD_BODY
    "</outgoingServer>\n" TAIL, -1, MSA_PROFILE_ERROR_BAD_SERVER_TYPE, 6 },
};

static void
test_read_foreign_servers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) profile =
    parse (HEAD SERVER ("exchange", "<hostname>ex.example</hostname>\n<port>443</port>\n")
           SERVER ("imap", GOOD_BODY) TAIL, -1, "exchange.xml", &error);
  const char * const *notes;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (msa_profile_get_servers (profile)), ==, 1);
  assert_server (get_server (profile, 0), MSA_PROTOCOL_IMAP, "h", 993, MSA_SECURITY_SSL);
  notes = msa_profile_get_notes (profile);
  g_assert_nonnull (notes);
  g_assert_cmpuint (g_strv_length ((char **) notes), ==, 1);
  g_assert_nonnull (strstr (notes[0], "“exchange”"));
}

static void
test_read_email_domain (void)
{
  static const char text[] =
    HEAD SERVER ("imap", "<hostname>imap.%EMAILDOMAIN%</hostname>\n"
                 "<socketType>SSL</socketType>\n<username>%EMAILADDRESS%</username>\n")
    TAIL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) profile =
    msa_profile_new_from_bytes_for_domain (bytes, "ispdb.xml", "example.org", &error);

  g_assert_no_error (error);
  assert_server (get_server (profile, 0), MSA_PROTOCOL_IMAP, "imap.example.org", 993,
                 MSA_SECURITY_SSL);
  /* The user name stays the mail program's to fill in. */
  g_assert_cmpstr (msa_server_get_username (get_server (profile, 0)), ==, "%EMAILADDRESS%");

  /* Without a domain the placeholder is an error, as before. */
  g_assert_null (msa_profile_new_from_bytes (bytes, "ispdb.xml", &error));
  g_assert_error (error, MSA_PROFILE_ERROR, MSA_PROFILE_ERROR_BAD_HOSTNAME);
}

/* Many servers are read in order and none lost (adding one is constant
 * time; the benchmark bench-profile measures it). */
static void
test_read_many_servers (void)
{
  g_autoptr(GString) text = g_string_new (HEAD);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) profile = NULL;
  GListModel *servers;
  const guint n = 5000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "<%s type=\"%s\"><hostname>h%u.example</hostname>"
                            "<socketType>SSL</socketType></%s>\n",
                            i % 2 ? "outgoingServer" : "incomingServer",
                            i % 2 ? "smtp" : "imap", i,
                            i % 2 ? "outgoingServer" : "incomingServer");
  g_string_append (text, TAIL);

  profile = parse (text->str, text->len, "many.xml", &error);
  g_assert_no_error (error);
  servers = msa_profile_get_servers (profile);
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, n);

  /* Incoming servers come first, each group in the file's order. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServer) server = g_list_model_get_item (servers, i);
      guint index = i < n / 2 ? 2 * i : 2 * (i - n / 2) + 1;
      g_autofree char *expected = g_strdup_printf ("h%u.example", index);

      g_assert_cmpstr (msa_server_get_hostname (server), ==, expected);
    }
}

static void
assert_bad_error (const GError *error,
                  const char   *name,
                  int           code,
                  int           line)
{
  g_autofree char *with_line = g_strdup_printf ("“%s”, line %d: ", name, line);
  g_autofree char *without_line = g_strdup_printf ("“%s”: ", name);
  const char *prefix = line > 0 ? with_line : without_line;

  g_test_message ("%s: %s", name, error != NULL ? error->message : "(no error)");
  g_assert_error (error, MSA_PROFILE_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  /* A sentence after the file name, not a bare code. */
  g_assert_cmpuint (strlen (error->message), >, strlen (prefix) + 10);
}

static void
test_bad_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *bad = &bad_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error_null_name = NULL;
      g_autoptr(MsaProfile) profile = parse (bad->text, bad->length, bad->name, &error);
      g_autoptr(MsaProfile) profile2 = parse (bad->text, bad->length, NULL, &error_null_name);

      g_assert_null (profile);
      assert_bad_error (error, bad->name, bad->code, bad->line);
      g_assert_null (profile2);
      g_assert_error (error_null_name, MSA_PROFILE_ERROR, (int) bad->code);

      /* Without an error location it still fails. */
      g_assert_null (parse (bad->text, bad->length, bad->name, NULL));
    }
}

static void
test_bad_too_large (void)
{
  gsize size = MSA_PROFILE_MAX_SIZE + 1;
  g_autofree char *text = g_malloc (size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(MsaProfile) at_limit = NULL;
  static const char start[] = "<clientConfig><emailProvider><incomingServer type=\"imap\">"
                              "<hostname>h</hostname><socketType>SSL</socketType>"
                              "</incomingServer></emailProvider><!-- ";
  static const char end[] = " --></clientConfig>";

  /* A valid file, only one byte too large. */
  memset (text, 'x', size);
  memcpy (text, start, strlen (start));
  memcpy (text + size - strlen (end), end, strlen (end));
  profile = parse (text, size, "huge.xml", &error);
  g_assert_null (profile);
  assert_bad_error (error, "huge.xml", MSA_PROFILE_ERROR_TOO_LARGE, 0);
  g_clear_error (&error);

  /* Exactly 1 MiB is fine. */
  memcpy (text + size - 1 - strlen (end), end, strlen (end));
  at_limit = parse (text, size - 1, "limit.xml", &error);
  g_assert_no_error (error);
  g_assert_nonnull (at_limit);
}

static void
test_bad_values_sanitized (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) profile =
    parse (HEAD SERVER ("imap", "<hostname>h</hostname>\n<port>9&#27;[31m9</port>\n"
                        "<socketType>SSL</socketType>\n") TAIL, -1, "escape.xml", &error);

  g_assert_null (profile);
  assert_bad_error (error, "escape.xml", MSA_PROFILE_ERROR_BAD_PORT, 6);
  /* The terminal escape from the file is not passed on. */
  g_assert_null (strchr (error->message, '\033'));
  g_assert_nonnull (strstr (error->message, "9?[31m9"));
}

/* Files */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("msa-test-profile-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_assert_cmpint (g_rmdir (path), ==, 0);
      else
        g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *text,
            gssize      length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GFile *
write_builtin (Fixture    *fixture,
               const char *name)
{
  g_autoptr(MsaProfile) builtin = msa_profile_new_builtin ();
  g_autofree char *xml = msa_profile_to_xml (builtin);

  return write_file (fixture, name, xml, -1);
}

static GFile *
write_huge (Fixture    *fixture,
            const char *name)
{
  gsize size = 2 * MSA_PROFILE_MAX_SIZE;
  g_autofree char *text = g_malloc (size);

  memset (text, ' ', size);
  return write_file (fixture, name, text, size);
}

static GFile *
make_fifo (Fixture    *fixture,
           const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  return g_file_new_for_path (path);
}

static void
test_file_sync (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GFile) good = write_builtin (fixture, "good.xml");
  g_autoptr(GFile) bad = write_file (fixture, "bad-port.xml",
                                     HEAD SERVER ("pop3", "<hostname>h</hostname>\n<port>x</port>\n"
                                                  "<socketType>SSL</socketType>\n") TAIL, -1);
  g_autoptr(GFile) huge = write_huge (fixture, "huge.xml");
  g_autoptr(GFile) missing = g_file_get_child (good, "../missing.xml");
  g_autoptr(GFile) directory = g_file_new_for_path (fixture->dir);
  g_autoptr(GFile) fifo = make_fifo (fixture, "pipe.xml");
  g_autoptr(GFile) device = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFile) missing_real = NULL;
  g_autofree char *dir_name = g_path_get_basename (fixture->dir);
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = msa_profile_new_from_file (good, &error);
  g_assert_no_error (error);
  assert_builtin (profile);

  g_assert_null (msa_profile_new_from_file (bad, &error));
  assert_bad_error (error, "bad-port.xml", MSA_PROFILE_ERROR_BAD_PORT, 6);
  g_clear_error (&error);

  g_assert_null (msa_profile_new_from_file (huge, &error));
  assert_bad_error (error, "huge.xml", MSA_PROFILE_ERROR_TOO_LARGE, 0);
  g_clear_error (&error);

  missing_real = g_file_new_build_filename (fixture->dir, "missing.xml", NULL);
  g_assert_null (msa_profile_new_from_file (missing_real, &error));
  assert_bad_error (error, "missing.xml", MSA_PROFILE_ERROR_READ, 0);
  g_clear_error (&error);

  g_assert_null (msa_profile_new_from_file (directory, &error));
  assert_bad_error (error, dir_name, MSA_PROFILE_ERROR_NOT_REGULAR, 0);
  g_clear_error (&error);

  /* A FIFO would block the open until a writer comes: refused at once. */
  g_assert_null (msa_profile_new_from_file (fifo, &error));
  assert_bad_error (error, "pipe.xml", MSA_PROFILE_ERROR_NOT_REGULAR, 0);
  g_clear_error (&error);

  /* A character device never ends. */
  g_assert_null (msa_profile_new_from_file (device, &error));
  assert_bad_error (error, "zero", MSA_PROFILE_ERROR_NOT_REGULAR, 0);
}

typedef struct
{
  MsaProfile *profile;
  GError     *error;
  gboolean    done;
} LoadResult;

static void
on_load_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LoadResult *load = user_data;

  g_assert_null (source);
  load->profile = msa_profile_load_finish (result, &load->error);
  load->done = TRUE;
}

/* Loads @file on a private main context and waits for the result. */
static void
load (GFile        *file,
      GCancellable *cancellable,
      LoadResult   *result)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) guard = g_timeout_source_new_seconds (60);

  g_main_context_push_thread_default (context);
  g_source_set_callback (guard, on_hang_guard, NULL, NULL);
  g_source_attach (guard, context);

  msa_profile_load_async (file, cancellable, on_load_cb, result);
  /* The callback never runs before the loop does. */
  g_assert_false (result->done);
  while (!result->done)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (guard);
  g_main_context_pop_thread_default (context);
}

static void
test_file_async (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GFile) good = write_builtin (fixture, "good.xml");
  g_autoptr(GFile) bad = write_file (fixture, "wrong-root.xml",
                                     "<?xml version=\"1.0\"?>\n\n<config/>\n", -1);
  g_autoptr(GFile) binary = write_file (fixture, "binary.xml", "<a>\0\0\0</a>", 10);
  g_autoptr(GFile) empty = write_file (fixture, "empty.xml", "", 0);
  g_autoptr(GFile) huge = write_huge (fixture, "huge.xml");
  g_autoptr(GFile) missing = g_file_new_build_filename (fixture->dir, "missing.xml", NULL);
  g_autoptr(GFile) fifo = make_fifo (fixture, "pipe.xml");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LoadResult result = { 0, };

  load (good, NULL, &result);
  g_assert_no_error (result.error);
  assert_builtin (result.profile);
  g_assert_finalize_object (result.profile);
  memset (&result, 0, sizeof result);

  load (bad, NULL, &result);
  g_assert_null (result.profile);
  assert_bad_error (result.error, "wrong-root.xml", MSA_PROFILE_ERROR_WRONG_ROOT, 3);
  g_clear_error (&result.error);
  memset (&result, 0, sizeof result);

  load (binary, NULL, &result);
  assert_bad_error (result.error, "binary.xml", MSA_PROFILE_ERROR_BINARY, 0);
  g_clear_error (&result.error);
  memset (&result, 0, sizeof result);

  load (empty, NULL, &result);
  assert_bad_error (result.error, "empty.xml", MSA_PROFILE_ERROR_EMPTY, 0);
  g_clear_error (&result.error);
  memset (&result, 0, sizeof result);

  load (huge, NULL, &result);
  assert_bad_error (result.error, "huge.xml", MSA_PROFILE_ERROR_TOO_LARGE, 0);
  g_clear_error (&result.error);
  memset (&result, 0, sizeof result);

  load (missing, NULL, &result);
  assert_bad_error (result.error, "missing.xml", MSA_PROFILE_ERROR_READ, 0);
  g_clear_error (&result.error);
  memset (&result, 0, sizeof result);

  /* Without the check the load would wait for a writer, and the hang
   * guard would fail the test. */
  load (fifo, NULL, &result);
  assert_bad_error (result.error, "pipe.xml", MSA_PROFILE_ERROR_NOT_REGULAR, 0);
  g_clear_error (&result.error);
  memset (&result, 0, sizeof result);

  /* Cancelling is reported as such, not as a bad file. */
  g_cancellable_cancel (cancellable);
  load (good, cancellable, &result);
  g_assert_null (result.profile);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
}

int
main (int    argc,
      char **argv)
{
  /* English, the source language, whatever the machine's locale is. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profile/server/new-destroy", test_server_new_destroy);
  g_test_add_func ("/profile/server/properties", test_server_properties);
  g_test_add_func ("/profile/server/equal", test_server_equal);
  g_test_add_func ("/profile/new-destroy", test_profile_new_destroy);
  g_test_add_func ("/profile/fallbacks", test_profile_fallbacks);
  g_test_add_func ("/profile/server-order", test_profile_server_order);
  g_test_add_func ("/profile/default-ports", test_default_ports);
  g_test_add_func ("/profile/names", test_names);
  g_test_add_func ("/profile/builtin", test_builtin);
  g_test_add_func ("/profile/builtin-matches-source", test_builtin_matches_source);
  g_test_add_func ("/profile/round-trip/builtin", test_round_trip_builtin);
  g_test_add_func ("/profile/round-trip/awkward", test_round_trip_awkward);
  g_test_add_func ("/profile/read/full", test_read_full);
  g_test_add_func ("/profile/read/links", test_read_links);
  g_test_add_func ("/profile/read/minimal", test_read_minimal);
  g_test_add_func ("/profile/read/hostnames", test_read_hostnames);
  g_test_add_func ("/profile/read/foreign-servers", test_read_foreign_servers);
  g_test_add_func ("/profile/read/email-domain", test_read_email_domain);
  g_test_add_func ("/profile/read/many-servers", test_read_many_servers);
  g_test_add_func ("/profile/bad/files", test_bad_files);
  g_test_add_func ("/profile/bad/too-large", test_bad_too_large);
  g_test_add_func ("/profile/bad/values-sanitized", test_bad_values_sanitized);
  g_test_add ("/profile/file/sync", Fixture, NULL,
              fixture_set_up, test_file_sync, fixture_tear_down);
  g_test_add ("/profile/file/async", Fixture, NULL,
              fixture_set_up, test_file_async, fixture_tear_down);

  return g_test_run ();
}
