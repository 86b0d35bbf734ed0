/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The network of discovery's tests.  What each .test domain publishes:
 *   acme.test       everything: autoconfig (with an Exchange server, a plain
 *                   POP3 server and imap.%EMAILDOMAIN%), well-known, ISPDB,
 *                   SRV, an MX under itself
 *   wellknown.test  only the well-known file; listed.test only ISPDB
 *   mxhosted.test   MX under hoster.test, which ISPDB lists
 *   dfcustomer.test, dfcustomer2.test  MX under df.eu and ispgateway.de
 *   srv.test        SRV to the real servers, with "." for POP3S
 *   srvaway.test    SRV outside the domain; srvlisted.test SRV and ISPDB
 *   slow.test       an autoconfig host that never answers, and well-known
 *   guess.test      imap., pop3., smtp. names of the real servers
 *   badguess.test   imap. on a server whose certificate names others
 *   plain.test      autoconfig with unencrypted servers only
 *   plainhttp, redirhttp, redirloop, redirok, huge, notxml, expired,
 *   silent, status500  an autoconfig host that fails in that way
 *   servfail.test, silentdns.test  DNS that fails or never answers
 *   nothing.test    nothing at all */
#include "config.h"

#include "msa-test-discovery-net.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "msa-trust-store.h"

#define ISPDB_URL MSA_TEST_DISCOVERY_ISPDB_URL

static MsaTestServers *servers;
static MsaTestDns *dns;
static GSocket *servfail_server;
static MsaTestWeb *web;
static GTlsDatabase *database;
static char *dir;
static int silent_sockets[2] = { -1, -1 };

/* The files the web server serves */

static char *
autoconfig (const char *id,
            const char *display_name,
            const char *servers_xml)
{
  return g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                          "<clientConfig version=\"1.1\">\n"
                          "  <emailProvider id=\"%s\">\n"
                          "    <domain>%s</domain>\n"
                          "    <displayName>%s</displayName>\n"
                          "%s"
                          "  </emailProvider>\n"
                          "</clientConfig>\n",
                          id, id, display_name, servers_xml);
}

static char *
server_xml (const char *direction,
            const char *type,
            const char *host,
            guint       port,
            const char *socket_type)
{
  return g_strdup_printf ("    <%sServer type=\"%s\"><hostname>%s</hostname><port>%u</port>"
                          "<socketType>%s</socketType><username>%%EMAILADDRESS%%</username>"
                          "<authentication>password-cleartext</authentication></%sServer>\n",
                          direction, type, host, port, socket_type, direction);
}

static void
put (const char *host,
     const char *path,
     const char *contents)
{
  g_autofree char *file = g_build_filename (dir, "www", host, path, NULL);
  g_autofree char *parent = g_path_get_dirname (file);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0755);
  g_file_set_contents (file, contents, -1, &error);
  g_assert_no_error (error);
}

static void
put_profile (const char *host,
             const char *path,
             const char *id,
             const char *display_name,
             const char *imap_host,
             const char *smtp_host)
{
  g_autofree char *imap = server_xml ("incoming", "imap", imap_host, 993, "SSL");
  g_autofree char *smtp = server_xml ("outgoing", "smtp", smtp_host, 465, "SSL");
  g_autofree char *both = g_strconcat (imap, smtp, NULL);
  g_autofree char *xml = autoconfig (id, display_name, both);

  put (host, path, xml);
}

#define AUTOCONFIG_PATH "mail/config-v1.1.xml"
#define WELL_KNOWN_PATH ".well-known/autoconfig/mail/config-v1.1.xml"

static void
write_web_files (void)
{
  g_autofree char *acme = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *huge = NULL;

  /* acme.test publishes everywhere: its own autoconfig must win.  The
   * file also lists an Exchange server (skipped, not fatal), a host with
   * %EMAILDOMAIN% and a plain POP3 server (never recommended). */
  {
    g_autofree char *exchange = g_strdup ("    <incomingServer type=\"exchange\"><hostname>owa.acme.test</hostname>"
                                          "<port>443</port><socketType>SSL</socketType></incomingServer>\n");
    g_autofree char *imap = server_xml ("incoming", "imap", "imap.%EMAILDOMAIN%", 993, "SSL");
    g_autofree char *pop = server_xml ("incoming", "pop3", "pop.acme.test", 110, "plain");
    g_autofree char *smtp = server_xml ("outgoing", "smtp", "smtp.acme.test", 465, "SSL");
    g_autofree char *all = g_strconcat (exchange, imap, pop, smtp, NULL);

    acme = autoconfig ("acme.test", "Acme Mail", all);
    put ("autoconfig.acme.test", AUTOCONFIG_PATH, acme);
  }
  put_profile ("acme.test", WELL_KNOWN_PATH, "acme.test", "Acme (well-known)", "wk.acme.test", "wk.acme.test");
  put_profile ("ispdb.test", "v1.1/acme.test", "acme.test", "Acme (ISPDB)", "db.acme.test", "db.acme.test");

  put_profile ("wellknown.test", WELL_KNOWN_PATH, "wellknown.test", "Well-Known Mail",
               "imap.wellknown.test", "smtp.wellknown.test");
  put_profile ("ispdb.test", "v1.1/listed.test", "listed.test", "Listed Mail",
               "imap.listed.test", "smtp.listed.test");
  put_profile ("ispdb.test", "v1.1/hoster.test", "hoster.test", "Hoster",
               "imap.hoster.test", "smtp.hoster.test");
  /* Better sources that answer late or not at all still rank first. */
  put_profile ("slow.test", WELL_KNOWN_PATH, "slow.test", "Slow Mail", "imap.slow.test", "smtp.slow.test");
  put_profile ("ispdb.test", "v1.1/srvlisted.test", "srvlisted.test", "Listed beside SRV",
               "imap.srvlisted.test", "smtp.srvlisted.test");

  {
    g_autofree char *imap = server_xml ("incoming", "imap", "imap.plain.test", 143, "plain");
    g_autofree char *smtp = server_xml ("outgoing", "smtp", "smtp.plain.test", 25, "plain");
    g_autofree char *both = g_strconcat (imap, smtp, NULL);

    plain = autoconfig ("plain.test", "Plain Mail", both);
    put ("autoconfig.plain.test", AUTOCONFIG_PATH, plain);
  }

  /* The failures */
  put ("autoconfig.plainhttp.test", AUTOCONFIG_PATH, acme);
  put ("autoconfig.notxml.test", AUTOCONFIG_PATH, "<html><body>Welcome to our web site</body></html>\n");
  put ("autoconfig.expired.test", AUTOCONFIG_PATH, acme);
  huge = g_strnfill (5 * 1024 * 1024, 'x');
  put ("autoconfig.huge.test", AUTOCONFIG_PATH, huge);
}

static const char * const web_names[] = {
  "autoconfig.acme.test", "acme.test", "ispdb.test", "wellknown.test", "slow.test",
  "autoconfig.plain.test", "autoconfig.notxml.test", "autoconfig.huge.test",
  "autoconfig.redirhttp.test", "autoconfig.redirloop.test", "autoconfig.redirok.test",
  "autoconfig.status500.test", NULL
};

static char *
web_servers (const char *certs)
{
  return g_strdup_printf (
    "  ssl_certificate %1$s/web.pem;\n"
    "  ssl_certificate_key %2$s/server.key;\n"
    "  server { listen 127.0.0.1:443 ssl default_server; server_name _; return 404; }\n"
    "  server { listen 127.0.0.1:443 ssl;\n"
    "           server_name autoconfig.acme.test acme.test ispdb.test wellknown.test slow.test\n"
    "                       autoconfig.plain.test autoconfig.notxml.test autoconfig.huge.test;\n"
    "           root %1$s/www/$host; }\n"
    "  server { listen 127.0.0.1:443 ssl; server_name autoconfig.redirhttp.test;\n"
    "           return 301 http://autoconfig.acme.test/mail/config-v1.1.xml; }\n"
    "  server { listen 127.0.0.1:443 ssl; server_name autoconfig.redirloop.test;\n"
    "           return 302 https://autoconfig.redirloop.test$request_uri; }\n"
    "  server { listen 127.0.0.1:443 ssl; server_name autoconfig.redirok.test;\n"
    "           return 301 https://autoconfig.acme.test/mail/config-v1.1.xml; }\n"
    "  server { listen 127.0.0.1:443 ssl; server_name autoconfig.status500.test; return 500; }\n"
    "  server { listen 127.0.0.2:443 ssl; server_name autoconfig.expired.test;\n"
    "           ssl_certificate %1$s/expired-web.pem; root %1$s/www/$host; }\n"
    /* plain HTTP only, on an address where nothing listens on 443 */
    "  server { listen 127.0.0.5:80; server_name autoconfig.plainhttp.test; root %1$s/www/$host; }\n",
    dir, certs);
}

static char *
dns_config (void)
{
  guint16 imaps = msa_test_servers_get_port (servers, MSA_TEST_SERVICE_IMAPS);
  guint16 smtps = msa_test_servers_get_port (servers, MSA_TEST_SERVICE_SMTPS);
  guint16 submission = msa_test_servers_get_port (servers, MSA_TEST_SERVICE_SUBMISSION_STARTTLS);

  return g_strdup_printf (
    "local=/test/\n"
    "host-record=ready.test,127.0.0.1\n"
    /* web servers */
    "host-record=autoconfig.acme.test,127.0.0.1\n"
    "host-record=acme.test,127.0.0.1\n"
    "host-record=ispdb.test,127.0.0.1\n"
    "host-record=wellknown.test,127.0.0.1\n"
    "host-record=slow.test,127.0.0.1\n"
    "host-record=autoconfig.slow.test,127.0.0.6\n"
    "host-record=autoconfig.plain.test,127.0.0.1\n"
    "host-record=autoconfig.notxml.test,127.0.0.1\n"
    "host-record=autoconfig.huge.test,127.0.0.1\n"
    "host-record=autoconfig.redirhttp.test,127.0.0.1\n"
    "host-record=autoconfig.redirloop.test,127.0.0.1\n"
    "host-record=autoconfig.redirok.test,127.0.0.1\n"
    "host-record=autoconfig.status500.test,127.0.0.1\n"
    "host-record=autoconfig.expired.test,127.0.0.2\n"
    "host-record=autoconfig.plainhttp.test,127.0.0.5\n"
    "host-record=autoconfig.silent.test,127.0.0.6\n"
    /* MX */
    "mx-host=acme.test,mx.acme.test,10\n"
    "mx-host=mxhosted.test,mx2.hoster.test,20\n"
    "mx-host=mxhosted.test,mx1.hoster.test,10\n"
    "mx-host=dfcustomer.test,mx01.df.eu,10\n"
    "mx-host=dfcustomer2.test,mx.ispgateway.de,10\n"
    /* SRV: the fixture's real servers, and a null target for POP3 */
    "srv-host=_imaps._tcp.srv.test,imap.srv.test,%u,0,1\n"
    "srv-host=_pop3s._tcp.srv.test\n"
    "srv-host=_submissions._tcp.srv.test,smtp.srv.test,%u,0,1\n"
    "srv-host=_submission._tcp.srv.test,smtp.srv.test,%u,0,1\n"
    "host-record=imap.srv.test,127.0.0.1\n"
    "host-record=smtp.srv.test,127.0.0.1\n"
    "srv-host=_imaps._tcp.srvaway.test,mail.elsewhere.test,993,0,1\n"
    "srv-host=_imaps._tcp.srvlisted.test,imap.srvlisted.test,993,0,1\n"
    "srv-host=_imaps._tcp.acme.test,srv.acme.test,993,0,1\n"
    /* guessed names: the fixture's servers (its certificate names *.guess.test) */
    "host-record=imap.guess.test,127.0.0.1\n"
    "host-record=pop3.guess.test,127.0.0.1\n"
    "host-record=smtp.guess.test,127.0.0.1\n"
    "host-record=imap.badguess.test,127.0.0.1\n"
    /* DNS failures: a server that refuses, one that never answers */
    "server=/servfail.test/127.0.0.9\n"  /* start_servfail_server() */
    "server=/silentdns.test/127.0.0.10\n",
    imaps, smtps, submission);
}

/* A socket that takes connections (the kernel completes them) or
 * datagrams and never answers. */
static int
silent_socket (int         type,
               const char *address,
               guint16     port)
{
  struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons (port) };
  int fd = socket (AF_INET, type | SOCK_CLOEXEC, 0);
  int one = 1;

  inet_pton (AF_INET, address, &sin.sin_addr);
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &sin, sizeof sin), ==, 0);
  if (type == SOCK_STREAM)
    g_assert_cmpint (listen (fd, 16), ==, 0);
  return fd;
}

/* A DNS server that answers every query with SERVFAIL (RFC 1035: QR set,
 * RCODE 2), where dnsmasq forwards servfail.test. */
static gboolean
on_servfail_query_cb (GSocket      *socket,
                      GIOCondition  condition,
                      gpointer      user_data)
{
  guint8 buffer[512];
  g_autoptr(GSocketAddress) from = NULL;
  gssize length = g_socket_receive_from (socket, &from, (char *) buffer, sizeof buffer, NULL, NULL);

  if (length >= 12)
    {
      buffer[2] |= 0x80;
      buffer[3] = (buffer[3] & 0xf0) | 2;
      g_socket_send_to (socket, from, (char *) buffer, length, NULL, NULL);
    }
  return G_SOURCE_CONTINUE;
}

static GSocket *
start_servfail_server (GError **error)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                            G_SOCKET_PROTOCOL_UDP, error);
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string ("127.0.0.9");
  g_autoptr(GSocketAddress) where = g_inet_socket_address_new (address, 53);
  GSource *source;

  if (socket == NULL || !g_socket_bind (socket, where, TRUE, error))
    return NULL;
  source = g_socket_create_source (socket, G_IO_IN, NULL);
  g_source_set_callback (source, (GSourceFunc) (void (*) (void)) on_servfail_query_cb, NULL, NULL);
  g_source_attach (source, NULL);
  g_source_unref (source);
  return g_steal_pointer (&socket);
}

/**
 * msa_test_discovery_net_start_at:
 * @dns_address: where dnsmasq listens (port 53); not 127.0.0.1 when
 *   something in front of it relays from there
 * @web_address: where nginx listens (port 443) for what the names on
 *   127.0.0.1 serve
 * @error: why the network did not start
 *
 * Returns: whether the servers run
 */
gboolean
msa_test_discovery_net_start_at (const char  *dns_address,
                                 const char  *web_address,
                                 GError     **error)
{
  g_autofree char *web_cert = NULL;
  g_autofree char *expired_cert = NULL;
  g_autofree char *servers_conf = NULL;
  g_autofree char *dns_conf = NULL;
  const char * const expired_names[] = { "autoconfig.expired.test", NULL };
  g_autofree char *certs = NULL;

  servers = msa_test_servers_start (error);
  if (servers == NULL)
    return FALSE;
  certs = g_path_get_dirname (msa_test_servers_get_ca_file (servers));

  dir = g_dir_make_tmp ("msa-test-discovery-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  web_cert = g_build_filename (dir, "web.pem", NULL);
  expired_cert = g_build_filename (dir, "expired-web.pem", NULL);
  if (!msa_test_sign_certificate (certs, web_cert, web_names, -1, 365, error)
      || !msa_test_sign_certificate (certs, expired_cert, expired_names,
                                     -400, -35, error))
    return FALSE;
  write_web_files ();

  silent_sockets[0] = silent_socket (SOCK_STREAM, "127.0.0.6", 443);
  silent_sockets[1] = silent_socket (SOCK_DGRAM, "127.0.0.10", 53);

  servfail_server = start_servfail_server (error);
  if (servfail_server == NULL)
    return FALSE;

  dns_conf = dns_config ();
  dns = msa_test_dns_start (dir, dns_address, dns_conf, error);
  if (dns == NULL)
    return FALSE;
  servers_conf = web_servers (certs);
  {
    g_autoptr(GString) moved = g_string_new (servers_conf);
    g_autofree char *listen = g_strconcat (web_address, ":443", NULL);

    g_string_replace (moved, "127.0.0.1:443", listen, 0);
    web = msa_test_web_start (dir, moved->str, web_address, 443, error);
  }
  if (web == NULL)
    return FALSE;

  database = msa_trust_store_load (msa_test_servers_get_ca_file (servers), error);
  return database != NULL;
}

gboolean
msa_test_discovery_net_start (GError **error)
{
  return msa_test_discovery_net_start_at ("127.0.0.1", "127.0.0.1", error);
}

void
msa_test_discovery_net_stop (void)
{
  g_clear_pointer (&web, msa_test_web_stop);
  g_clear_pointer (&dns, msa_test_dns_stop);
  g_clear_pointer (&servers, msa_test_servers_stop);
  g_clear_object (&database);
  g_clear_object (&servfail_server);
  for (guint i = 0; i < G_N_ELEMENTS (silent_sockets); i++)
    if (silent_sockets[i] >= 0)
      close (silent_sockets[i]);
  if (dir != NULL && g_getenv ("MSA_KEEP_TEST_DIR") == NULL)
    {
      const char *argv[] = { "rm", "-rf", dir, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }
  g_clear_pointer (&dir, g_free);
}

MsaTestServers *
msa_test_discovery_net_get_servers (void)
{
  return servers;
}

MsaTestWeb *
msa_test_discovery_net_get_web (void)
{
  return web;
}

GTlsDatabase *
msa_test_discovery_net_get_database (void)
{
  return database;
}

const char *
msa_test_discovery_net_get_dir (void)
{
  return dir;
}

/* The test provider database, and the guess on the fixture's ports. */
void
msa_test_discovery_net_prepare (MsaDiscovery *discovery)
{
  const guint16 ports[MSA_DISCOVERY_N_GUESS_PORTS] = {
    msa_test_servers_get_port (servers, MSA_TEST_SERVICE_IMAPS),
    msa_test_servers_get_port (servers, MSA_TEST_SERVICE_POP3S),
    msa_test_servers_get_port (servers, MSA_TEST_SERVICE_SMTPS),
    msa_test_servers_get_port (servers, MSA_TEST_SERVICE_IMAP_STARTTLS),
    msa_test_servers_get_port (servers, MSA_TEST_SERVICE_POP3_STARTTLS),
    msa_test_servers_get_port (servers, MSA_TEST_SERVICE_SUBMISSION_STARTTLS),
  };

  msa_discovery_set_ispdb_url (discovery, ISPDB_URL);
  msa_discovery_set_guess_ports (discovery, ports);
}
