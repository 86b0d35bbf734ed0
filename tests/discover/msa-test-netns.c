/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE 1
#include "config.h"

#define G_LOG_DOMAIN "msa-test-netns"

#include "msa-test-netns.h"

#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib/gstdio.h>

/* How long a server may take to answer after its start. */
#define READY_TIMEOUT_US (10 * G_USEC_PER_SEC)

/**
 * msa_test_netns_enter:
 * @error: why not (not root, no namespaces)
 *
 * Moves this process into a new network and mount namespace, with
 * loopback up and /etc/resolv.conf saying "nameserver 127.0.0.1".  Call it
 * first in main(), before GLib starts threads.
 *
 * Returns: %TRUE on success
 */
gboolean
msa_test_netns_enter (GError **error)
{
  struct ifreq request = { 0 };
  g_autofree char *resolv = NULL;
  int fd;

  if (unshare (CLONE_NEWNET | CLONE_NEWNS) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot make a network namespace of the test's own (needs root): %s",
                   g_strerror (saved));
      return FALSE;
    }

  /* Mounts made here must not reach the host's table. */
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot make the mount table private: %s", g_strerror (errno));
      return FALSE;
    }

  fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  g_strlcpy (request.ifr_name, "lo", sizeof request.ifr_name);
  if (fd < 0 || ioctl (fd, SIOCGIFFLAGS, &request) != 0
      || (request.ifr_flags |= IFF_UP, ioctl (fd, SIOCSIFFLAGS, &request) != 0))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot bring up loopback: %s", g_strerror (errno));
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  close (fd);

  /* GSocketClient asks for IPv4 and IPv6 separately, and then glibc's
   * getaddrinfo() applies AI_ADDRCONFIG, which finds nothing configured
   * when 127.0.0.1 and ::1 are all there is: every name would fail
   * without a word to the DNS server.  One more address on loopback (it
   * routes nowhere) and one on IPv6 make both families count. */
  {
    const char *argv4[] = { "ip", "address", "add", "10.255.255.1/32", "dev", "lo", NULL };
    const char *argv6[] = { "ip", "address", "add", "fd00:6d73:61::1/128", "dev", "lo", NULL };
    int status = 0;

    if (!g_spawn_sync (NULL, (char **) argv4, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                       &status, error)
        || !g_spawn_check_wait_status (status, error))
      {
        g_prefix_error (error, "Cannot add an address to loopback (package iproute2): ");
        return FALSE;
      }
    /* A default route into loopback: GNetworkMonitor then counts the
     * network as there (as on a computer that is online), and still
     * nothing leaves the namespace. */
    {
      const char *route[] = { "ip", "route", "add", "default", "dev", "lo", NULL };

      if (!g_spawn_sync (NULL, (char **) route, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                         &status, error)
          || !g_spawn_check_wait_status (status, error))
        {
          g_prefix_error (error, "Cannot add a default route: ");
          return FALSE;
        }
    }
    /* Without IPv6 in this kernel, IPv4 is enough. */
    g_spawn_sync (NULL, (char **) argv6, NULL,
                  G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &status, NULL);
  }

  /* A file of the namespace's own, bind-mounted over the real one. */
  resolv = g_build_filename (g_get_tmp_dir (), "msa-test-resolv-XXXXXX", NULL);
  fd = g_mkstemp (resolv);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot write resolv.conf: %s", g_strerror (errno));
      return FALSE;
    }
  close (fd);
  if (!g_file_set_contents (resolv, "nameserver 127.0.0.1\n", -1, error))
    return FALSE;
  if (mount (resolv, "/etc/resolv.conf", NULL, MS_BIND, NULL) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot bind-mount resolv.conf: %s", g_strerror (errno));
      return FALSE;
    }
  /* The mount holds the file; the name can go. */
  g_unlink (resolv);
  return TRUE;
}

/* Children die with the test, however it ends. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
spawn (const char * const  *argv,
       const char          *log_file,
       GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, log_file);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

static void
stop (GSubprocess *process)
{
  if (process == NULL)
    return;
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

static char *
read_log (const char *path)
{
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

struct _MsaTestDns
{
  GSubprocess *process;
};

/* Polls until @host resolves, within READY_TIMEOUT_US. */
static gboolean
wait_for_name (const char  *host,
               GSubprocess *process,
               const char  *log_file,
               GError     **error)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  gint64 deadline = g_get_monotonic_time () + READY_TIMEOUT_US;

  while (g_get_monotonic_time () < deadline)
    {
      GList *addresses = g_resolver_lookup_by_name (resolver, host, NULL, NULL);

      if (addresses != NULL)
        {
          g_resolver_free_addresses (addresses);
          return TRUE;
        }
      g_usleep (50 * 1000);
    }

  {
    g_autofree char *log = read_log (log_file);

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                 "dnsmasq did not answer for %s:\n%s", host, log);
  }
  return FALSE;
}

/**
 * msa_test_dns_start:
 * @dir: a directory for its configuration and log
 * @listen_address: where it listens on port 53, e.g. "127.0.0.1"
 * @config: dnsmasq configuration lines (host-record=, mx-host=, …);
 *   must hold "host-record=ready.test,127.0.0.1" when @listen_address
 *   is the resolver's address
 * @error: why it did not start
 *
 * Returns: (transfer full): the running server
 */
MsaTestDns *
msa_test_dns_start (const char  *dir,
                    const char  *listen_address,
                    const char  *config,
                    GError     **error)
{
  g_autofree char *conf_file = g_build_filename (dir, "dnsmasq.conf", NULL);
  g_autofree char *log_file = g_build_filename (dir, "dnsmasq.log", NULL);
  g_autofree char *pid_file = g_build_filename (dir, "dnsmasq.pid", NULL);
  g_autofree char *conf_arg = g_strconcat ("--conf-file=", conf_file, NULL);
  g_autofree char *pid_arg = g_strconcat ("--pid-file=", pid_file, NULL);
  g_autofree char *listen_arg = g_strconcat ("--listen-address=", listen_address, NULL);
  g_autoptr(MsaTestDns) self = g_new0 (MsaTestDns, 1);
  const char *argv[] = {
    "dnsmasq", "--keep-in-foreground", "--no-resolv", "--no-hosts", "--bind-interfaces",
    "--user=root", "--log-queries", "--log-facility=-", listen_arg, pid_arg, conf_arg, NULL
  };

  if (!g_file_set_contents (conf_file, config, -1, error))
    return NULL;
  self->process = spawn (argv, log_file, error);
  if (self->process == NULL)
    {
      g_prefix_error (error, "Cannot start dnsmasq (package dnsmasq-base): ");
      return NULL;
    }
  if (g_str_equal (listen_address, "127.0.0.1")
      && !wait_for_name ("ready.test", self->process, log_file, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
msa_test_dns_stop (MsaTestDns *self)
{
  if (self == NULL)
    return;
  stop (self->process);
  g_clear_object (&self->process);
  g_free (self);
}

struct _MsaTestWeb
{
  GSubprocess *process;
  char        *access_log;
};

/**
 * msa_test_web_start:
 * @dir: a directory for its configuration, temporary files and logs
 * @servers: nginx `server { … }` blocks
 * @wait_address: an address:port it listens on, to wait for
 * @wait_port: the port there
 * @error: why it did not start
 *
 * Starts a private nginx whose http block holds @servers and logs every
 * request as "SCHEME HOST:PORT URI" to the access log.
 *
 * Returns: (transfer full): the running server
 */
MsaTestWeb *
msa_test_web_start (const char  *dir,
                    const char  *servers,
                    const char  *wait_address,
                    guint16      wait_port,
                    GError     **error)
{
  g_autofree char *conf_file = g_build_filename (dir, "nginx.conf", NULL);
  g_autofree char *log_file = g_build_filename (dir, "nginx.log", NULL);
  g_autofree char *temp_dir = g_build_filename (dir, "nginx-temp", NULL);
  g_autofree char *globals = NULL;
  g_autofree char *config = NULL;
  g_autoptr(MsaTestWeb) self = g_new0 (MsaTestWeb, 1);
  gint64 deadline;
  const char *argv[] = { "nginx", "-p", dir, "-c", conf_file, "-g", NULL, NULL };

  self->access_log = g_build_filename (dir, "access.log", NULL);
  g_mkdir_with_parents (temp_dir, 0700);
  /* The workers read the test's private directory. */
  config = g_strdup_printf ("user root;\n"
                            "worker_processes 1;\n"
                            "error_log %s/error.log;\n"
                            "events { worker_connections 64; }\n"
                            "http {\n"
                            "  log_format msa '$scheme $host:$server_port $request_uri';\n"
                            "  access_log %s msa;\n"
                            "  client_body_temp_path %s/body;\n"
                            "  proxy_temp_path %s/proxy;\n"
                            "  fastcgi_temp_path %s/fastcgi;\n"
                            "  uwsgi_temp_path %s/uwsgi;\n"
                            "  scgi_temp_path %s/scgi;\n"
                            "  default_type application/xml;\n"
                            "%s\n"
                            "}\n",
                            dir, self->access_log, temp_dir, temp_dir, temp_dir, temp_dir,
                            temp_dir, servers);
  if (!g_file_set_contents (conf_file, config, -1, error))
    return NULL;

  globals = g_strdup_printf ("daemon off; pid %s/nginx.pid;", dir);
  argv[6] = globals;
  self->process = spawn (argv, log_file, error);
  if (self->process == NULL)
    {
      g_prefix_error (error, "Cannot start nginx (package nginx-light): ");
      return NULL;
    }

  deadline = g_get_monotonic_time () + READY_TIMEOUT_US;
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection = NULL;

      connection = g_socket_client_connect_to_host (client, wait_address, wait_port, NULL, NULL);
      if (connection != NULL)
        return g_steal_pointer (&self);
      g_usleep (50 * 1000);
    }

  {
    g_autofree char *log = read_log (log_file);
    g_autofree char *error_log_file = g_build_filename (dir, "error.log", NULL);
    g_autofree char *error_log = read_log (error_log_file);

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                 "nginx did not start:\n%s\n%s", log, error_log);
  }
  return NULL;
}

/**
 * msa_test_web_get_log:
 * @self: a running web server
 *
 * Returns: the path of the access log ("SCHEME HOST:PORT URI" a line)
 */
const char *
msa_test_web_get_log (MsaTestWeb *self)
{
  return self->access_log;
}

void
msa_test_web_stop (MsaTestWeb *self)
{
  if (self == NULL)
    return;
  stop (self->process);
  g_clear_object (&self->process);
  g_clear_pointer (&self->access_log, g_free);
  g_free (self);
}

/**
 * msa_test_sign_certificate:
 * @ca_dir: the test servers' directory, with ca.pem, ca.key and server.key
 * @out_file: where the certificate goes
 * @dns_names: the names it holds
 * @from_days: when it becomes valid, in days from now
 * @to_days: when it expires, in days from now
 * @error: why certtool failed
 *
 * Returns: %TRUE when the certificate (for server.key, from the test CA)
 *   is written
 */
gboolean
msa_test_sign_certificate (const char          *ca_dir,
                           const char          *out_file,
                           const char * const  *dns_names,
                           int                  from_days,
                           int                  to_days,
                           GError             **error)
{
  g_autoptr(GString) template = g_string_new ("cn = \"Mail SSL Assistant test web server\"\n");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) from = g_date_time_add_days (now, from_days);
  g_autoptr(GDateTime) to = g_date_time_add_days (now, to_days);
  g_autofree char *from_text = g_date_time_format (from, "%Y-%m-%d %H:%M:%S UTC");
  g_autofree char *to_text = g_date_time_format (to, "%Y-%m-%d %H:%M:%S UTC");
  g_autofree char *template_file = g_strconcat (out_file, ".tmpl", NULL);
  g_autofree char *ca_cert = g_build_filename (ca_dir, "ca.pem", NULL);
  g_autofree char *ca_key = g_build_filename (ca_dir, "ca.key", NULL);
  g_autofree char *key = g_build_filename (ca_dir, "server.key", NULL);
  g_autofree char *output = NULL;
  int status = 0;

  for (guint i = 0; dns_names[i] != NULL; i++)
    g_string_append_printf (template, "dns_name = \"%s\"\n", dns_names[i]);
  g_string_append_printf (template, "tls_www_server\nsigning_key\nencryption_key\n"
                          "activation_date = \"%s\"\nexpiration_date = \"%s\"\n",
                          from_text, to_text);
  if (!g_file_set_contents (template_file, template->str, -1, error))
    return FALSE;

  {
    const char *argv[] = {
      "certtool", "--generate-certificate", "--load-privkey", key,
      "--load-ca-certificate", ca_cert, "--load-ca-privkey", ca_key,
      "--template", template_file, "--outfile", out_file, NULL
    };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                       NULL, NULL, NULL, &output, &status, error)
        || !g_spawn_check_wait_status (status, error))
      {
        g_prefix_error (error, "certtool: %s: ", output != NULL ? output : "");
        return FALSE;
      }
  }
  return TRUE;
}
