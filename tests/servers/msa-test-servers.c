/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "msa-test-servers"

#include "msa-test-servers.h"
#include "msa-test-servers-guard-path.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <utime.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <glib/gstdio.h>
#include <glib-unix.h>

/* How long the servers may take to accept connections.  Generous: the
 * machines that run the tests are shared and can be very busy; a normal
 * start takes a small fraction of a second. */
#define START_TIMEOUT_US (20 * G_USEC_PER_SEC)
#define STOP_TIMEOUT_US (10 * G_USEC_PER_SEC)
#define PORT_ATTEMPTS 3
/* Ports are picked below Linux's ephemeral range (32768–60999), so an
 * outgoing connection of some other program cannot take one between the
 * pick and the server's bind. */
#define PORT_MIN 20000
#define PORT_MAX 32000
/* Unix socket paths hold at most 107 bytes, and Dovecot's longest is
 * INSTANCE/run/token-login/imap-urlauth: 43 bytes below the fixture's
 * directory with the longest instance directory.  Longer directories go
 * to /tmp instead, with a margin for other Dovecot versions. */
#define MAX_DIR_LENGTH 56

typedef enum
{
  INSTANCE_DOVECOT,
  INSTANCE_POSTFIX,
  INSTANCE_UNTRUSTED,
  INSTANCE_WRONG_HOST,
  INSTANCE_EXPIRED,
  INSTANCE_NOT_YET_VALID,
  N_INSTANCES
} InstanceId;

typedef struct
{
  const char *name;
  char       *dir;
  char       *log_file;      /* the server's own log */
  char       *output_file;   /* its standard output and error */
  GPid        guard_pid;     /* 0 when not running */
  int         guard_stdin;   /* write end; closing it stops the server */
} Instance;

struct _MsaTestServers
{
  char     *dir;
  char     *ca_file;
  char     *cert_file;
  char     *key_file;
  guint16   ports[MSA_TEST_N_SERVICES];
  Instance  instances[N_INSTANCES];
  guint     n_profiles;
  guint     n_restarts;
  /* gnutls-serv instances (msa_test_servers_start_gnutls()) */
  GPtrArray *gnutls;

  /* MSA_TEST_SERVERS_SQUAT, for the fixture's own test */
  gboolean        squat;
  MsaTestService  squat_service;
  GSocket        *squatter;
};

static const struct
{
  const char      *name;
  const char      *protocol;
  const char      *socket_type;
  InstanceId       instance;
  GTlsCertificateFlags flags;
} services[MSA_TEST_N_SERVICES] = {
  [MSA_TEST_SERVICE_IMAPS] = { "imaps", "imap", "SSL", INSTANCE_DOVECOT, 0 },
  [MSA_TEST_SERVICE_POP3S] = { "pop3s", "pop3", "SSL", INSTANCE_DOVECOT, 0 },
  [MSA_TEST_SERVICE_IMAP_STARTTLS] = { "imap-starttls", "imap", "STARTTLS", INSTANCE_DOVECOT, 0 },
  [MSA_TEST_SERVICE_POP3_STARTTLS] = { "pop3-starttls", "pop3", "STARTTLS", INSTANCE_DOVECOT, 0 },
  [MSA_TEST_SERVICE_SMTPS] = { "smtps", "smtp", "SSL", INSTANCE_POSTFIX, 0 },
  [MSA_TEST_SERVICE_SUBMISSION_STARTTLS] = { "submission-starttls", "smtp", "STARTTLS",
                                             INSTANCE_POSTFIX, 0 },
  [MSA_TEST_SERVICE_IMAPS_UNTRUSTED] = { "imaps-untrusted", "imap", "SSL", INSTANCE_UNTRUSTED,
                                         G_TLS_CERTIFICATE_UNKNOWN_CA },
  [MSA_TEST_SERVICE_IMAPS_WRONG_HOST] = { "imaps-wrong-host", "imap", "SSL", INSTANCE_WRONG_HOST,
                                          G_TLS_CERTIFICATE_BAD_IDENTITY },
  [MSA_TEST_SERVICE_IMAPS_EXPIRED] = { "imaps-expired", "imap", "SSL", INSTANCE_EXPIRED,
                                       G_TLS_CERTIFICATE_EXPIRED },
  [MSA_TEST_SERVICE_IMAPS_NOT_YET_VALID] = { "imaps-not-yet-valid", "imap", "SSL",
                                             INSTANCE_NOT_YET_VALID,
                                             G_TLS_CERTIFICATE_NOT_ACTIVATED },
};

/* Short: Dovecot's socket paths are below them (MAX_DIR_LENGTH). */
static const char *instance_dirs[N_INSTANCES] = {
  [INSTANCE_DOVECOT] = "dovecot",
  [INSTANCE_POSTFIX] = "postfix",
  [INSTANCE_UNTRUSTED] = "untrusted",
  [INSTANCE_WRONG_HOST] = "wrong-host",
  [INSTANCE_EXPIRED] = "expired",
  [INSTANCE_NOT_YET_VALID] = "not-yet-valid",
};

static const char *instance_names[N_INSTANCES] = {
  [INSTANCE_DOVECOT] = "dovecot",
  [INSTANCE_POSTFIX] = "postfix",
  [INSTANCE_UNTRUSTED] = "dovecot-untrusted",
  [INSTANCE_WRONG_HOST] = "dovecot-wrong-host",
  [INSTANCE_EXPIRED] = "dovecot-expired",
  [INSTANCE_NOT_YET_VALID] = "dovecot-not-yet-valid",
};

/* Certificate file of each bad Dovecot instance, below certs/. */
static const char *instance_certs[N_INSTANCES] = {
  [INSTANCE_DOVECOT] = "good.pem",
  [INSTANCE_POSTFIX] = "good.pem",
  [INSTANCE_UNTRUSTED] = "untrusted.pem",
  [INSTANCE_WRONG_HOST] = "wrong-host.pem",
  [INSTANCE_EXPIRED] = "expired.pem",
  [INSTANCE_NOT_YET_VALID] = "not-yet-valid.pem",
};

/* ---- small helpers ---------------------------------------------------- */

static gboolean
write_file (const char  *path,
            const char  *contents,
            GError     **error)
{
  if (!g_file_set_contents (path, contents, -1, error))
    return FALSE;
  /* Dovecot and Postfix read these as their own unprivileged users. */
  g_chmod (path, 0644);
  return TRUE;
}

/* Postfix waits, 300 ms at a time, until a configuration file is more
 * than a second old, so that it never reads one half-written: a file
 * written just now would cost well over a second of start-up. */
static gboolean
backdate (const char  *path,
          GError     **error)
{
  struct utimbuf times;

  times.actime = times.modtime = time (NULL) - 60;
  if (g_utime (path, &times) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot set the time of %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
make_dir (const char  *path,
          const char  *owner,
          int          mode,
          GError     **error)
{
  if (g_mkdir (path, mode) != 0 && errno != EEXIST)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  g_chmod (path, mode);

  if (owner != NULL)
    {
      struct passwd *pw = getpwnam (owner);

      if (pw == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "There is no user %s: is its server installed?", owner);
          return FALSE;
        }
      if (chown (path, pw->pw_uid, pw->pw_gid) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot give %s to %s: %s", path, owner, g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}

static char *
read_tail (const char *path,
           gsize       max)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (path == NULL || !g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("");
  if (length <= max)
    return g_steal_pointer (&contents);
  return g_strdup (contents + length - max);
}

/* Every directory on the way must be searchable by others, or user
 * dovecot cannot reach its files. */
static gboolean
others_can_traverse (const char *path)
{
  g_autofree char *dir = g_canonicalize_filename (path, NULL);

  while (TRUE)
    {
      struct stat st;
      char *slash;

      if (g_stat (dir, &st) != 0 || !S_ISDIR (st.st_mode) || (st.st_mode & S_IXOTH) == 0)
        return FALSE;
      slash = strrchr (dir, '/');
      if (slash == NULL || slash == dir)
        return TRUE;
      *slash = '\0';
    }
}

/* Removes a tree without following symbolic links. */
static void
remove_tree (const char *path)
{
  struct stat st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

#define DIR_PREFIX "msa-srv-"
#define OWNER_FILE "owner.pid"

static gboolean
process_exists (GPid pid)
{
  return pid > 0 && (kill (pid, 0) == 0 || errno != ESRCH);
}

/* A test that was killed leaves its directory behind (its guards kill
 * the servers, but cannot know the directory): the next start removes
 * every directory whose owner is gone. */
static void
remove_stale_dirs (const char *base)
{
  g_autoptr(GDir) dir = g_dir_open (base, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *owner_file = NULL;
      g_autofree char *owner = NULL;

      if (!g_str_has_prefix (name, DIR_PREFIX))
        continue;

      path = g_build_filename (base, name, NULL);
      owner_file = g_build_filename (path, OWNER_FILE, NULL);
      if (g_file_get_contents (owner_file, &owner, NULL, NULL)
          && !process_exists (atoi (owner)))
        remove_tree (path);
    }
}

static char *
make_temp_dir (GError **error)
{
  const char *build_dir = g_getenv ("MSA_TEST_SERVERS_DIR");
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  g_autofree char *owner_file = NULL;
  g_autofree char *owner = NULL;

  if (build_dir == NULL)
    build_dir = MSA_TEST_SERVERS_BUILD_DIR;

  if (g_file_test (build_dir, G_FILE_TEST_IS_DIR)
      && strlen (build_dir) + strlen ("/" DIR_PREFIX "XXXXXX") <= MAX_DIR_LENGTH
      && others_can_traverse (build_dir))
    base = g_strdup (build_dir);
  else
    base = g_strdup (g_get_tmp_dir ());

  remove_stale_dirs (base);

  template = g_build_filename (base, DIR_PREFIX "XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0755) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create a directory in %s: %s", base, g_strerror (saved_errno));
      return NULL;
    }

  owner_file = g_build_filename (template, OWNER_FILE, NULL);
  owner = g_strdup_printf ("%d\n", (int) getpid ());
  if (!g_file_set_contents (owner_file, owner, -1, error))
    {
      remove_tree (template);
      return NULL;
    }

  return g_steal_pointer (&template);
}

static const char *
find_program (const char *const *candidates)
{
  for (guint i = 0; candidates[i] != NULL; i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
      return candidates[i];
  return NULL;
}

/* ---- certificates ----------------------------------------------------- */

/* certtool runs in waves of jobs that do not depend on each other: each
 * job is a process, and a wave costs as long as its slowest job. */
typedef struct
{
  GPid  pid;
  char *what;
  char *log_file;
} CertJob;

static void
cert_job_clear (gpointer data)
{
  CertJob *job = data;

  g_free (job->what);
  g_free (job->log_file);
}

static gboolean
certtool_start (GArray      *jobs,
                const char  *dir,
                GError     **error,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  CertJob job = { 0 };
  const char *arg;
  va_list args;
  int log_fd;
  gboolean ok;

  g_ptr_array_add (argv, (char *) "certtool");
  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  job.what = g_strjoinv (" ", (char **) argv->pdata);
  job.log_file = g_strdup_printf ("%s/certtool-%u.log", dir, jobs->len);
  log_fd = g_open (job.log_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create %s: %s", job.log_file, g_strerror (saved_errno));
      cert_job_clear (&job);
      return FALSE;
    }

  ok = g_spawn_async_with_pipes_and_fds (dir, (const char * const *) argv->pdata, NULL,
                                         G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD
                                         | G_SPAWN_STDOUT_TO_DEV_NULL
                                         | G_SPAWN_STDIN_FROM_DEV_NULL,
                                         NULL, NULL,
                                         -1, -1, log_fd,
                                         NULL, NULL, 0,
                                         &job.pid, NULL, NULL, NULL, error);
  close (log_fd);
  if (!ok)
    {
      g_prefix_error (error, "Cannot run certtool (package gnutls-bin): ");
      cert_job_clear (&job);
      return FALSE;
    }

  g_array_append_val (jobs, job);
  return TRUE;
}

/* Waits for every job of the wave, also after a failure: no zombies. */
static gboolean
certtool_wait (GArray  *jobs,
               GError **error)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < jobs->len; i++)
    {
      CertJob *job = &g_array_index (jobs, CertJob, i);
      int status = 0;

      while (waitpid (job->pid, &status, 0) < 0 && errno == EINTR)
        ;

      if (ok && !g_spawn_check_wait_status (status, NULL))
        {
          g_autofree char *output = read_tail (job->log_file, 2000);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s failed: %s", job->what, output);
          ok = FALSE;
        }
      g_remove (job->log_file);
    }

  g_array_set_size (jobs, 0);
  return ok;
}

static char *
format_date (GDateTime *now,
             int        days)
{
  g_autoptr(GDateTime) when = g_date_time_add_days (now, days);

  return g_date_time_format (when, "%Y-%m-%d %H:%M:%S UTC");
}

/* The validity and names of one server certificate, as a certtool
 * template. */
static gboolean
write_server_template (const char  *path,
                       const char  *dns_name,
                       GDateTime   *now,
                       int          from_days,
                       int          to_days,
                       GError     **error)
{
  g_autofree char *from = format_date (now, from_days);
  g_autofree char *to = format_date (now, to_days);
  g_autofree char *template = NULL;
  gboolean is_localhost = g_str_equal (dns_name, "localhost");

  template = g_strdup_printf ("cn = \"%s\"\n"
                              "dns_name = \"%s\"\n"
                              "%s"
                              "tls_www_server\n"
                              "signing_key\n"
                              "encryption_key\n"
                              "activation_date = \"%s\"\n"
                              "expiration_date = \"%s\"\n",
                              dns_name, dns_name,
                              /* The names discovery's tests give the
                               * fixture's servers (tests/discover/). */
                              is_localhost ? "ip_address = \"127.0.0.1\"\n"
                                             "ip_address = \"::1\"\n"
                                             "dns_name = \"*.guess.test\"\n"
                                             "dns_name = \"*.srv.test\"\n" : "",
                              from, to);
  return write_file (path, template, error);
}

static gboolean
write_ca_template (const char  *path,
                   const char  *name,
                   GDateTime   *now,
                   GError     **error)
{
  g_autofree char *from = format_date (now, -3 * 365);
  g_autofree char *to = format_date (now, 10 * 365);
  g_autofree char *template = NULL;

  template = g_strdup_printf ("cn = \"%s\"\n"
                              "organization = \"Mail SSL Assistant tests\"\n"
                              "ca\n"
                              "cert_signing_key\n"
                              "crl_signing_key\n"
                              "activation_date = \"%s\"\n"
                              "expiration_date = \"%s\"\n",
                              name, from, to);
  return write_file (path, template, error);
}

static gboolean
sign_server_cert_hash (GArray      *jobs,
                       const char  *dir,
                       const char  *name,
                       const char  *ca,
                       const char  *hash,
                       GError     **error)
{
  g_autofree char *template = g_strconcat (name, ".tmpl", NULL);
  g_autofree char *output = g_strconcat (name, ".pem", NULL);
  g_autofree char *ca_cert = g_strconcat (ca, ".pem", NULL);
  g_autofree char *ca_key = g_strconcat (ca, ".key", NULL);

  g_autofree char *hash_arg = g_strconcat ("--hash=", hash, NULL);

  return certtool_start (jobs, dir, error, "--generate-certificate",
                         "--load-privkey", "server.key",
                         "--load-ca-certificate", ca_cert,
                         "--load-ca-privkey", ca_key,
                         "--template", template,
                         hash_arg,
                         "--outfile", output, NULL);
}

static gboolean
sign_server_cert (GArray      *jobs,
                  const char  *dir,
                  const char  *name,
                  const char  *ca,
                  GError     **error)
{
  return sign_server_cert_hash (jobs, dir, name, ca, "SHA256", error);
}

/**
 * msa_test_make_certificates:
 * @dir: an existing directory
 * @error: return location for a #GError
 *
 * Makes the fixture's certificates with certtool, without starting any
 * server (e.g. for a TLS #MsaFakeServer): in @dir, `ca.pem` (the test CA),
 * `other-ca.pem` (a second CA nobody trusts), `server.key` (the key of
 * every server certificate) and the server certificates `good.pem`
 * (localhost, 127.0.0.1, ::1, and *.guess.test and *.srv.test for
 * discovery's tests; valid from yesterday for a year),
 * `wrong-host.pem` (only wrong-host.invalid), `expired.pem` (a year ago),
 * `not-yet-valid.pem` (from a year on), `insecure.pem` (like good.pem,
 * but signed with SHA-1), all from the test CA, and `untrusted.pem` (like
 * good.pem, from the other CA).  ECDSA P-256 keys:
 * made in no time, where RSA keys would cost most of the start-up.
 *
 * Returns: %TRUE on success
 */
gboolean
msa_test_make_certificates (const char  *dir,
                            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GArray) jobs = g_array_new (FALSE, TRUE, sizeof (CertJob));
  g_autofree char *path = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_array_set_clear_func (jobs, cert_job_clear);

#define TEMPLATE(name) (g_free (path), path = g_build_filename (dir, name, NULL))
  if (!write_ca_template (TEMPLATE ("ca.tmpl"), "Mail SSL Assistant Test CA", now, error)
      || !write_ca_template (TEMPLATE ("other-ca.tmpl"), "Untrusted Test CA", now, error)
      || !write_server_template (TEMPLATE ("good.tmpl"), "localhost", now, -1, 365, error)
      || !write_server_template (TEMPLATE ("untrusted.tmpl"), "localhost", now, -1, 365, error)
      || !write_server_template (TEMPLATE ("insecure.tmpl"), "localhost", now, -1, 365, error)
      || !write_server_template (TEMPLATE ("wrong-host.tmpl"), "wrong-host.invalid", now,
                                 -1, 365, error)
      || !write_server_template (TEMPLATE ("expired.tmpl"), "localhost", now,
                                 -2 * 365, -365, error)
      || !write_server_template (TEMPLATE ("not-yet-valid.tmpl"), "localhost", now,
                                 365, 2 * 365, error))
    return FALSE;
#undef TEMPLATE

  /* Three waves: the keys, the two CAs, the server certificates. */
  if (!certtool_start (jobs, dir, error, "--generate-privkey", "--key-type=ecdsa",
                       "--outfile", "ca.key", NULL)
      || !certtool_start (jobs, dir, error, "--generate-privkey", "--key-type=ecdsa",
                          "--outfile", "other-ca.key", NULL)
      || !certtool_start (jobs, dir, error, "--generate-privkey", "--key-type=ecdsa",
                          "--outfile", "server.key", NULL)
      || !certtool_wait (jobs, error))
    {
      certtool_wait (jobs, NULL);   /* reap what did start */
      return FALSE;
    }

  if (!certtool_start (jobs, dir, error, "--generate-self-signed", "--load-privkey", "ca.key",
                       "--template", "ca.tmpl", "--outfile", "ca.pem", NULL)
      || !certtool_start (jobs, dir, error, "--generate-self-signed",
                          "--load-privkey", "other-ca.key",
                          "--template", "other-ca.tmpl", "--outfile", "other-ca.pem", NULL)
      || !certtool_wait (jobs, error))
    {
      certtool_wait (jobs, NULL);   /* reap what did start */
      return FALSE;
    }

  if (!sign_server_cert (jobs, dir, "good", "ca", error)
      || !sign_server_cert (jobs, dir, "wrong-host", "ca", error)
      || !sign_server_cert (jobs, dir, "expired", "ca", error)
      || !sign_server_cert (jobs, dir, "not-yet-valid", "ca", error)
      || !sign_server_cert (jobs, dir, "untrusted", "other-ca", error)
      || !sign_server_cert_hash (jobs, dir, "insecure", "ca", "SHA1", error)
      || !certtool_wait (jobs, error))
    {
      certtool_wait (jobs, NULL);   /* reap what did start */
      return FALSE;
    }

  /* Readable by the servers' unprivileged users.  Test keys only. */
  for (guint i = 0; i < N_INSTANCES; i++)
    {
      g_autofree char *cert = g_build_filename (dir, instance_certs[i], NULL);
      g_chmod (cert, 0644);
    }
  g_free (path);
  path = g_build_filename (dir, "server.key", NULL);
  g_chmod (path, 0644);
  g_free (path);
  path = g_build_filename (dir, "insecure.pem", NULL);
  g_chmod (path, 0644);

  return TRUE;
}

static gboolean
make_certificates (MsaTestServers  *self,
                   GError         **error)
{
  g_autofree char *dir = g_build_filename (self->dir, "certs", NULL);

  if (!make_dir (dir, NULL, 0755, error)
      || !msa_test_make_certificates (dir, error))
    return FALSE;

  self->ca_file = g_build_filename (dir, "ca.pem", NULL);
  self->cert_file = g_build_filename (dir, "good.pem", NULL);
  self->key_file = g_build_filename (dir, "server.key", NULL);
  return TRUE;
}

/* ---- ports ------------------------------------------------------------ */

static gboolean
can_bind (int      family,
          guint16  port)
{
  struct sockaddr_storage storage = { 0 };
  socklen_t length;
  int one = 1;
  int fd;
  gboolean ok;

  if (family == AF_INET)
    {
      struct sockaddr_in *sin = (struct sockaddr_in *) &storage;

      sin->sin_family = AF_INET;
      sin->sin_port = htons (port);
      sin->sin_addr.s_addr = htonl (INADDR_LOOPBACK);
      length = sizeof *sin;
    }
  else
    {
      struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) &storage;

      sin6->sin6_family = AF_INET6;
      sin6->sin6_port = htons (port);
      sin6->sin6_addr = in6addr_loopback;
      length = sizeof *sin6;
    }

  fd = socket (family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  /* Like the servers: a port with connections in TIME_WAIT is free. */
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  ok = bind (fd, (struct sockaddr *) &storage, length) == 0;
  close (fd);
  return ok;
}

static guint16
pick_port (MsaTestServers *self)
{
  for (guint attempt = 0; attempt < 1000; attempt++)
    {
      guint16 port = (guint16) g_random_int_range (PORT_MIN, PORT_MAX);
      gboolean taken = FALSE;

      for (guint i = 0; i < MSA_TEST_N_SERVICES; i++)
        taken |= self->ports[i] == port;
      if (!taken && can_bind (AF_INET, port) && can_bind (AF_INET6, port))
        return port;
    }

  return 0;
}

/* ---- configurations --------------------------------------------------- */

static const char *
dovecot_user (void)
{
  return "dovecot";
}

static char *
dovecot_config (MsaTestServers *self,
                InstanceId      id)
{
  Instance *instance = &self->instances[id];
  g_autofree char *cert = g_build_filename (self->dir, "certs", instance_certs[id], NULL);
  GString *conf = g_string_new (NULL);

  /* No include of /etc/dovecot: nothing of the system's set-up leaks in. */
  g_string_append_printf (conf,
                          "# Private Dovecot of the Mail SSL Assistant tests.\n"
                          "instance_name = msa-%s-%s\n"
                          "base_dir = %s/run\n"
                          "state_dir = %s/state\n"
                          "log_path = %s\n"
                          "protocols = %s\n"
                          "listen = 127.0.0.1, ::1\n"
                          "ssl = yes\n"
                          "ssl_cert = <%s\n"
                          "ssl_key = <%s\n"
                          "default_internal_user = %s\n"
                          "default_internal_group = %s\n"
                          "default_login_user = %s\n"
                          "mail_location = maildir:%s/mail/%%u\n"
                          "passdb {\n"
                          "  driver = static\n"
                          "  args = password=never-used\n"
                          "}\n"
                          "userdb {\n"
                          "  driver = static\n"
                          "  args = uid=%s gid=%s home=%s/home/%%u\n"
                          "}\n"
                          /* Unprivileged: no chroot. */
                          "service anvil {\n"
                          "  chroot =\n"
                          "}\n",
                          strrchr (self->dir, '-') + 1, instance->name,
                          instance->dir, instance->dir, instance->log_file,
                          id == INSTANCE_DOVECOT ? "imap pop3" : "imap",
                          cert, self->key_file,
                          dovecot_user (), dovecot_user (), dovecot_user (),
                          instance->dir,
                          dovecot_user (), dovecot_user (), instance->dir);

  /* service_count = 0: one login process serves every connection
   * (Dovecot's high-performance mode), so no check or benchmark pays for
   * a fork per connection, and no process comes and goes with each. */
  if (id == INSTANCE_DOVECOT)
    {
      g_string_append_printf (conf,
                              "service imap-login {\n"
                              "  chroot =\n"
                              "  service_count = 0\n"
                              "  inet_listener imap {\n"
                              "    port = %u\n"
                              "  }\n"
                              "  inet_listener imaps {\n"
                              "    port = %u\n"
                              "    ssl = yes\n"
                              "  }\n"
                              "}\n"
                              "service pop3-login {\n"
                              "  chroot =\n"
                              "  service_count = 0\n"
                              "  inet_listener pop3 {\n"
                              "    port = %u\n"
                              "  }\n"
                              "  inet_listener pop3s {\n"
                              "    port = %u\n"
                              "    ssl = yes\n"
                              "  }\n"
                              "}\n",
                              self->ports[MSA_TEST_SERVICE_IMAP_STARTTLS],
                              self->ports[MSA_TEST_SERVICE_IMAPS],
                              self->ports[MSA_TEST_SERVICE_POP3_STARTTLS],
                              self->ports[MSA_TEST_SERVICE_POP3S]);
    }
  else
    {
      guint16 port = 0;

      for (guint i = 0; i < MSA_TEST_N_SERVICES; i++)
        if (services[i].instance == id)
          port = self->ports[i];

      g_string_append_printf (conf,
                              "service imap-login {\n"
                              "  chroot =\n"
                              "  service_count = 0\n"
                              "  inet_listener imap {\n"
                              "    port = 0\n"
                              "  }\n"
                              "  inet_listener imaps {\n"
                              "    port = %u\n"
                              "    ssl = yes\n"
                              "  }\n"
                              "}\n",
                              port);
    }

  return g_string_free (conf, FALSE);
}

static char *
postfix_main_cf (MsaTestServers *self)
{
  Instance *instance = &self->instances[INSTANCE_POSTFIX];

  return g_strdup_printf ("# Private Postfix of the Mail SSL Assistant tests.\n"
                          "compatibility_level = 3.6\n"
                          "queue_directory = %s/queue\n"
                          "data_directory = %s/data\n"
                          "mail_owner = postfix\n"
                          "myhostname = localhost\n"
                          "mydomain = localdomain\n"
                          "mydestination =\n"
                          "inet_interfaces = loopback-only\n"
                          "inet_protocols = all\n"
                          /* No syslog here: Postfix would fail silently. */
                          "maillog_file = %s\n"
                          "maillog_file_prefixes = %s\n"
                          "smtpd_banner = $myhostname ESMTP Postfix (Mail SSL Assistant test)\n"
                          "smtpd_tls_cert_file = %s\n"
                          "smtpd_tls_key_file = %s\n"
                          "smtpd_tls_security_level = may\n"
                          /* No reverse DNS lookups of the loopback client. */
                          "smtpd_peername_lookup = no\n"
                          "biff = no\n"
                          "alias_maps =\n"
                          "alias_database =\n"
                          "local_recipient_maps =\n",
                          instance->dir, instance->dir,
                          instance->log_file, instance->dir,
                          self->cert_file, self->key_file);
}

static char *
postfix_master_cf (MsaTestServers *self)
{
  guint16 smtps = self->ports[MSA_TEST_SERVICE_SMTPS];
  guint16 submission = self->ports[MSA_TEST_SERVICE_SUBMISSION_STARTTLS];

  return g_strdup_printf ("# service type private unpriv chroot wakeup maxproc command\n"
                          "127.0.0.1:%u inet n - n - - smtpd\n"
                          "  -o smtpd_tls_wrappermode=yes\n"
                          "  -o smtpd_tls_security_level=encrypt\n"
                          "[::1]:%u inet n - n - - smtpd\n"
                          "  -o smtpd_tls_wrappermode=yes\n"
                          "  -o smtpd_tls_security_level=encrypt\n"
                          "127.0.0.1:%u inet n - n - - smtpd\n"
                          "  -o smtpd_tls_security_level=encrypt\n"
                          "[::1]:%u inet n - n - - smtpd\n"
                          "  -o smtpd_tls_security_level=encrypt\n"
                          "postlog unix-dgram n - n - 1 postlogd\n"
                          "tlsmgr unix - - n 1000? 1 tlsmgr\n"
                          "anvil unix - - n - 1 anvil\n",
                          smtps, smtps, submission, submission);
}

/* ---- instances -------------------------------------------------------- */

static gboolean
spawn_guard (MsaTestServers      *self,
             Instance            *instance,
             const char          *user,
             const char * const  *command,
             GError             **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  int fds[2];
  GPid pid;

  g_ptr_array_add (argv, g_strdup (MSA_TEST_SERVERS_GUARD));
  g_ptr_array_add (argv, g_strdup ("--parent"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", (int) getpid ()));
  g_ptr_array_add (argv, g_strdup ("--output"));
  g_ptr_array_add (argv, g_strdup (instance->output_file));
  if (user != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--user"));
      g_ptr_array_add (argv, g_strdup (user));
    }
  g_ptr_array_add (argv, g_strdup ("--"));
  for (guint i = 0; command[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (command[i]));
  g_ptr_array_add (argv, NULL);

  /* Close-on-exec: no other child of the test may hold the write end,
   * or the guard would not see the test die. */
  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    return FALSE;

  if (!g_spawn_async_with_pipes_and_fds (NULL, (const char * const *) argv->pdata, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD
                                         | G_SPAWN_STDOUT_TO_DEV_NULL,
                                         NULL, NULL,
                                         fds[0], -1, -1,
                                         NULL, NULL, 0,
                                         &pid, NULL, NULL, NULL, error))
    {
      close (fds[0]);
      close (fds[1]);
      g_prefix_error (error, "Cannot start %s: ", instance->name);
      return FALSE;
    }

  close (fds[0]);
  instance->guard_pid = pid;
  instance->guard_stdin = fds[1];
  return TRUE;
}

/* Stops one instance: closing the pipe makes its guard kill the server's
 * process group, reap every descendant and exit. */
static void
stop_instance (Instance *instance)
{
  gint64 deadline;

  if (instance->guard_pid == 0)
    return;

  if (instance->guard_stdin >= 0)
    close (instance->guard_stdin);
  instance->guard_stdin = -1;

  deadline = g_get_monotonic_time () + STOP_TIMEOUT_US;
  while (waitpid (instance->guard_pid, NULL, WNOHANG) == 0)
    {
      if (g_get_monotonic_time () > deadline)
        {
          /* The guard is stuck (it gives up reaping after 5 s); it has
           * sent SIGKILL to its servers already. */
          kill (instance->guard_pid, SIGKILL);
          waitpid (instance->guard_pid, NULL, 0);
          break;
        }
      g_usleep (2000);
    }

  instance->guard_pid = 0;
}

static GSocket *
squat_port (guint16 port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  if (socket == NULL || !g_socket_bind (socket, address, FALSE, NULL)
      || !g_socket_listen (socket, NULL))
    return NULL;
  return g_steal_pointer (&socket);
}

static gboolean
start_instance (MsaTestServers  *self,
                InstanceId       id,
                GError         **error)
{
  Instance *instance = &self->instances[id];

  g_remove (instance->output_file);
  g_remove (instance->log_file);

  for (guint i = 0; i < MSA_TEST_N_SERVICES; i++)
    if (services[i].instance == id)
      {
        self->ports[i] = 0;
        self->ports[i] = pick_port (self);
        if (self->ports[i] == 0)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                         "No free loopback port between %d and %d", PORT_MIN, PORT_MAX);
            return FALSE;
          }
      }

  /* For the fixture's own test of lost port races: another program takes
   * the port between the pick and the server's bind, once. */
  if (self->squat && services[self->squat_service].instance == id)
    {
      self->squatter = squat_port (self->ports[self->squat_service]);
      self->squat = FALSE;
    }

  if (id == INSTANCE_POSTFIX)
    {
      static const char *masters[] = {
        "/usr/lib/postfix/sbin/master", "/usr/libexec/postfix/master",
        "/usr/lib/postfix/master", NULL
      };
      const char *master = g_getenv ("MSA_TEST_SERVERS_POSTFIX_MASTER");
      g_autofree char *conf_dir = g_build_filename (instance->dir, "conf", NULL);
      g_autofree char *queue_dir = g_build_filename (instance->dir, "queue", NULL);
      g_autofree char *pid_dir = g_build_filename (queue_dir, "pid", NULL);
      g_autofree char *public_dir = g_build_filename (queue_dir, "public", NULL);
      g_autofree char *private_dir = g_build_filename (queue_dir, "private", NULL);
      g_autofree char *data_dir = g_build_filename (instance->dir, "data", NULL);
      g_autofree char *main_cf = g_build_filename (conf_dir, "main.cf", NULL);
      g_autofree char *master_cf = g_build_filename (conf_dir, "master.cf", NULL);
      g_autofree char *main_text = postfix_main_cf (self);
      g_autofree char *master_text = postfix_master_cf (self);

      if (master == NULL)
        master = find_program (masters);
      if (master == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "Postfix's master is not installed (package postfix)");
          return FALSE;
        }

      /* A fresh queue each time: a retry must not find the old pid file. */
      remove_tree (queue_dir);
      remove_tree (data_dir);
      /* The layout `postfix start` would check: master runs as root, its
       * daemons as user postfix. */
      if (!make_dir (conf_dir, NULL, 0755, error)
          || !make_dir (queue_dir, NULL, 0755, error)
          || !make_dir (pid_dir, NULL, 0755, error)
          || !make_dir (public_dir, "postfix", 0755, error)
          || !make_dir (private_dir, "postfix", 0700, error)
          || !make_dir (data_dir, "postfix", 0700, error)
          || !write_file (main_cf, main_text, error)
          || !write_file (master_cf, master_text, error)
          || !backdate (main_cf, error)
          || !backdate (master_cf, error))
        return FALSE;

      {
        /* master -d stays in the foreground as the guard's child. */
        const char *command[] = { master, "-d", "-c", conf_dir, NULL };

        return spawn_guard (self, instance, NULL, command, error);
      }
    }
  else
    {
      static const char *dovecots[] = {
        "/usr/sbin/dovecot", "/usr/local/sbin/dovecot", NULL
      };
      const char *dovecot = g_getenv ("MSA_TEST_SERVERS_DOVECOT");
      g_autofree char *conf_file = g_build_filename (instance->dir, "dovecot.conf", NULL);
      g_autofree char *conf_text = dovecot_config (self, id);
      g_autofree char *run_dir = g_build_filename (instance->dir, "run", NULL);

      if (dovecot == NULL)
        dovecot = find_program (dovecots);
      if (dovecot == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "Dovecot is not installed (packages dovecot-imapd, dovecot-pop3d)");
          return FALSE;
        }

      remove_tree (run_dir);
      if (!write_file (conf_file, conf_text, error))
        return FALSE;

      {
        /* -F: in the foreground, as the guard's child.  Dovecot runs fully
         * unprivileged as user dovecot. */
        const char *command[] = { dovecot, "-F", "-c", conf_file, NULL };

        return spawn_guard (self, instance, dovecot_user (), command, error);
      }
    }
}

static gboolean
instance_exited (Instance *instance)
{
  if (instance->guard_pid == 0)
    return TRUE;

  if (waitpid (instance->guard_pid, NULL, WNOHANG) == instance->guard_pid)
    {
      instance->guard_pid = 0;
      if (instance->guard_stdin >= 0)
        close (instance->guard_stdin);
      instance->guard_stdin = -1;
      return TRUE;
    }

  return FALSE;
}

static char *
instance_log_tail (Instance *instance)
{
  g_autofree char *output = read_tail (instance->output_file, 1500);
  g_autofree char *log = read_tail (instance->log_file, 1500);

  return g_strdup_printf ("--- %s: output ---\n%s--- %s: log ---\n%s",
                          instance->name, output, instance->name, log);
}

/* Whether every port of a stopped instance could be bound now: if not,
 * something else took one. */
static gboolean
instance_ports_free (MsaTestServers *self,
                     InstanceId      id)
{
  for (guint i = 0; i < MSA_TEST_N_SERVICES; i++)
    if (services[i].instance == id
        && (!can_bind (AF_INET, self->ports[i]) || !can_bind (AF_INET6, self->ports[i])))
      return FALSE;

  return TRUE;
}

typedef enum
{
  PROBE_REFUSED,
  PROBE_READY,
  PROBE_BAD_GREETING,
} ProbeResult;

/* Connects once; with @greeting, also reads the first line and checks
 * that it starts so: Dovecot accepts before its auth process is up and
 * only greets after. */
static ProbeResult
probe (int         family,
       guint16     port,
       const char *greeting,
       gint64      deadline)
{
  struct sockaddr_storage storage = { 0 };
  socklen_t length;
  ProbeResult result = PROBE_READY;
  int fd;

  if (family == AF_INET)
    {
      struct sockaddr_in *sin = (struct sockaddr_in *) &storage;

      sin->sin_family = AF_INET;
      sin->sin_port = htons (port);
      sin->sin_addr.s_addr = htonl (INADDR_LOOPBACK);
      length = sizeof *sin;
    }
  else
    {
      struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) &storage;

      sin6->sin6_family = AF_INET6;
      sin6->sin6_port = htons (port);
      sin6->sin6_addr = in6addr_loopback;
      length = sizeof *sin6;
    }

  fd = socket (family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return PROBE_REFUSED;

  if (connect (fd, (struct sockaddr *) &storage, length) != 0)
    result = PROBE_REFUSED;
  else if (greeting != NULL)
    {
      gint64 remaining = MAX (deadline - g_get_monotonic_time (), 1000);
      struct timeval tv = { remaining / G_USEC_PER_SEC, remaining % G_USEC_PER_SEC };
      char line[256];
      gsize got = 0;

      setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      while (got < sizeof line - 1 && memchr (line, '\n', got) == NULL)
        {
          ssize_t n = recv (fd, line + got, sizeof line - 1 - got, 0);

          if (n <= 0)
            break;
          got += n;
        }
      line[got] = '\0';
      if (!g_str_has_prefix (line, greeting))
        result = PROBE_BAD_GREETING;
    }

  close (fd);
  return result;
}

static const char *
plain_greeting (MsaTestService service)
{
  switch (service)
    {
    case MSA_TEST_SERVICE_IMAP_STARTTLS:
      return "* OK";
    case MSA_TEST_SERVICE_POP3_STARTTLS:
      return "+OK";
    case MSA_TEST_SERVICE_SUBMISSION_STARTTLS:
      return "220";
    case MSA_TEST_SERVICE_IMAPS:
    case MSA_TEST_SERVICE_POP3S:
    case MSA_TEST_SERVICE_SMTPS:
    case MSA_TEST_SERVICE_IMAPS_UNTRUSTED:
    case MSA_TEST_SERVICE_IMAPS_WRONG_HOST:
    case MSA_TEST_SERVICE_IMAPS_EXPIRED:
    case MSA_TEST_SERVICE_IMAPS_NOT_YET_VALID:
    default:
      return NULL;
    }
}

/* Waits until every port of the instance answers on both addresses.
 * Returns FALSE with @port_in_use set when the server lost a race for a
 * port, so the caller can try others. */
static gboolean
wait_instance (MsaTestServers  *self,
               InstanceId       id,
               gint64           deadline,
               gboolean        *port_in_use,
               GError         **error)
{
  Instance *instance = &self->instances[id];

  *port_in_use = FALSE;

  for (guint i = 0; i < MSA_TEST_N_SERVICES; i++)
    {
      static const int families[] = { AF_INET, AF_INET6 };

      if (services[i].instance != id)
        continue;

      for (guint f = 0; f < G_N_ELEMENTS (families); f++)
        {
          while (TRUE)
            {
              ProbeResult result = probe (families[f], self->ports[i],
                                          plain_greeting (i), deadline);
              const char *problem = NULL;

              if (result == PROBE_READY)
                break;

              if (result == PROBE_BAD_GREETING)
                problem = "greeted wrongly";
              else if (instance_exited (instance))
                problem = "exited";
              else if (g_get_monotonic_time () > deadline)
                problem = "did not start listening in time";

              if (problem != NULL)
                {
                  g_autofree char *tail = instance_log_tail (instance);

                  /* Postfix says nothing when its bind fails (it has no
                   * log yet): look at the ports themselves too. */
                  *port_in_use = strstr (tail, "in use") != NULL
                                 || !instance_ports_free (self, id);
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "Test server %s %s (port %u for %s)\n%s",
                               instance->name, problem, self->ports[i],
                               services[i].name, tail);
                  return FALSE;
                }

              g_usleep (2000);
            }
        }
    }

  return TRUE;
}

/* ---- public API ------------------------------------------------------- */

/**
 * msa_test_service_to_string:
 * @service: a service
 *
 * Returns: (transfer none): the service's name in profiles, environment
 *   variables and msa_test_servers_write_profile(): "imaps", "pop3s",
 *   "imap-starttls", "pop3-starttls", "smtps", "submission-starttls",
 *   "imaps-untrusted", "imaps-wrong-host", "imaps-expired",
 *   "imaps-not-yet-valid"
 */
const char *
msa_test_service_to_string (MsaTestService service)
{
  g_return_val_if_fail (service < MSA_TEST_N_SERVICES, NULL);

  return services[service].name;
}

/**
 * msa_test_service_from_string:
 * @name: a name as msa_test_service_to_string() returns it
 * @service: (out): the service
 *
 * Returns: %TRUE if @name names a service
 */
gboolean
msa_test_service_from_string (const char     *name,
                              MsaTestService *service)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < MSA_TEST_N_SERVICES; i++)
    if (g_str_equal (name, services[i].name))
      {
        if (service != NULL)
          *service = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * msa_test_service_get_protocol:
 * @service: a service
 *
 * Returns: (transfer none): "imap", "pop3" or "smtp", as in profiles
 */
const char *
msa_test_service_get_protocol (MsaTestService service)
{
  g_return_val_if_fail (service < MSA_TEST_N_SERVICES, NULL);

  return services[service].protocol;
}

/**
 * msa_test_service_get_socket_type:
 * @service: a service
 *
 * Returns: (transfer none): "SSL" or "STARTTLS", as in profiles
 */
const char *
msa_test_service_get_socket_type (MsaTestService service)
{
  g_return_val_if_fail (service < MSA_TEST_N_SERVICES, NULL);

  return services[service].socket_type;
}

/**
 * msa_test_service_get_expected_flags:
 * @service: a service
 *
 * Returns: what verifying the service's certificate for "localhost"
 *   against the test CA gives: 0 for the good ones, exactly one flag for
 *   each bad one
 */
GTlsCertificateFlags
msa_test_service_get_expected_flags (MsaTestService service)
{
  g_return_val_if_fail (service < MSA_TEST_N_SERVICES, 0);

  return services[service].flags;
}

/**
 * msa_test_servers_start:
 * @error: return location for a #GError
 *
 * Makes a fresh directory (below the build directory when user dovecot
 * can reach it, else below /tmp; `MSA_TEST_SERVERS_DIR` overrides), makes
 * a test CA and the server certificates in it with certtool, and starts
 * private Dovecot and Postfix instances on free loopback ports: the ten
 * services of #MsaTestService.  Returns once every port accepts
 * connections on 127.0.0.1 and ::1 and the plain-text ones have greeted.
 *
 * Every server runs below a guard process that kills it when
 * msa_test_servers_stop() is called, or when the calling process dies in
 * any way, so no server outlives its test.  Call this from the thread
 * that lives as long as the servers (the main thread).
 *
 * Needs root (Postfix's master runs as root; Dovecot runs as user
 * dovecot).  The system's own mail services are never touched.
 * `MSA_TEST_SERVERS_DOVECOT` and `MSA_TEST_SERVERS_POSTFIX_MASTER` name
 * other server programs than Debian's; `MSA_TEST_SERVERS_KEEP` keeps the
 * directory after msa_test_servers_stop(), for reading the logs;
 * `MSA_TEST_SERVERS_SQUAT=service` takes that service's first port away
 * before its server binds it (to test that a lost race for a port is
 * retried with other ports).
 *
 * Returns: (transfer full) (nullable): the running servers, or %NULL with
 *   @error naming the server that failed and the tail of its log
 */
MsaTestServers *
msa_test_servers_start (GError **error)
{
  g_autoptr(MsaTestServers) self = NULL;
  const char *squat = g_getenv ("MSA_TEST_SERVERS_SQUAT");
  gint64 started = g_get_monotonic_time ();
  gint64 deadline;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (geteuid () != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "The test mail servers need root: Postfix's master runs as root "
                   "and Dovecot is started as user dovecot");
      return NULL;
    }

  if (!g_file_test (MSA_TEST_SERVERS_GUARD, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The guard %s is not built", MSA_TEST_SERVERS_GUARD);
      return NULL;
    }

  /* Every server listens on both; say so plainly if one is missing. */
  if (!can_bind (AF_INET, 0) || !can_bind (AF_INET6, 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The test mail servers need both loopback addresses, "
                   "127.0.0.1 and ::1, and one of them cannot be used here");
      return NULL;
    }

  self = g_new0 (MsaTestServers, 1);
  for (guint i = 0; i < N_INSTANCES; i++)
    self->instances[i].guard_stdin = -1;

  if (squat != NULL && !msa_test_service_from_string (squat, &self->squat_service))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "MSA_TEST_SERVERS_SQUAT: no test service is called “%s”", squat);
      return NULL;
    }
  self->squat = squat != NULL;

  self->dir = make_temp_dir (error);
  if (self->dir == NULL)
    return NULL;

  g_debug ("directory made: %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);
  if (!make_certificates (self, error))
    return NULL;
  g_debug ("certificates made: %" G_GINT64_FORMAT " ms",
           (g_get_monotonic_time () - started) / 1000);

  for (guint i = 0; i < N_INSTANCES; i++)
    {
      Instance *instance = &self->instances[i];
      gboolean is_dovecot = i != INSTANCE_POSTFIX;

      instance->name = instance_names[i];
      instance->dir = g_build_filename (self->dir, instance_dirs[i], NULL);
      instance->log_file = g_build_filename (instance->dir,
                                             is_dovecot ? "dovecot.log" : "postfix.log",
                                             NULL);
      instance->output_file = g_build_filename (instance->dir, "output.log", NULL);
      if (!make_dir (instance->dir, is_dovecot ? dovecot_user () : NULL, 0755, error))
        return NULL;
    }

  /* All at once: they start in parallel, and the waiting is shared. */
  for (guint i = 0; i < N_INSTANCES; i++)
    if (!start_instance (self, i, error))
      return NULL;


  g_debug ("servers spawned: %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);

  deadline = g_get_monotonic_time () + START_TIMEOUT_US;
  for (guint i = 0; i < N_INSTANCES; i++)
    {
      for (guint attempt = 1; ; attempt++)
        {
          g_autoptr(GError) local_error = NULL;
          gboolean port_in_use = FALSE;

          if (wait_instance (self, i, deadline, &port_in_use, &local_error))
            break;

          /* Another test took a port between the pick and the bind. */
          if (!port_in_use || attempt == PORT_ATTEMPTS)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }

          g_debug ("%s lost a port race, restarting", self->instances[i].name);
          self->n_restarts++;
          stop_instance (&self->instances[i]);
          if (!start_instance (self, i, error))
            return NULL;
        }
      g_debug ("%s ready: %" G_GINT64_FORMAT " ms", self->instances[i].name,
               (g_get_monotonic_time () - started) / 1000);
    }

  g_clear_object (&self->squatter);

  return g_steal_pointer (&self);
}

/**
 * msa_test_servers_stop:
 * @self: (transfer full): the servers
 *
 * Stops every server by its process group (Dovecot's and Postfix's
 * helper processes included), waits until all are gone, removes the
 * directory and frees @self.
 */
void
msa_test_servers_stop (MsaTestServers *self)
{
  gint64 started = g_get_monotonic_time ();

  if (self == NULL)
    return;

  /* Close every pipe first: the guards then shut down in parallel. */
  for (guint i = 0; i < N_INSTANCES; i++)
    {
      if (self->instances[i].guard_stdin >= 0)
        close (self->instances[i].guard_stdin);
      self->instances[i].guard_stdin = -1;
    }
  for (guint i = 0; i < N_INSTANCES; i++)
    stop_instance (&self->instances[i]);
  if (self->gnutls != NULL)
    g_ptr_array_free (self->gnutls, TRUE);
  g_debug ("servers stopped: %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);

  if (self->dir != NULL && g_getenv ("MSA_TEST_SERVERS_KEEP") == NULL)
    remove_tree (self->dir);
  g_debug ("directory removed: %" G_GINT64_FORMAT " ms",
           (g_get_monotonic_time () - started) / 1000);

  for (guint i = 0; i < N_INSTANCES; i++)
    {
      g_free (self->instances[i].dir);
      g_free (self->instances[i].log_file);
      g_free (self->instances[i].output_file);
    }
  g_clear_object (&self->squatter);
  g_free (self->dir);
  g_free (self->ca_file);
  g_free (self->cert_file);
  g_free (self->key_file);
  g_free (self);
}

/**
 * msa_test_servers_get_dir:
 * @self: the servers
 *
 * Returns: (transfer none): the absolute path of the fixture's directory
 */
const char *
msa_test_servers_get_dir (MsaTestServers *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->dir;
}

/**
 * msa_test_servers_get_ca_file:
 * @self: the servers
 *
 * Returns: (transfer none): the absolute path of the test CA's
 *   certificate (PEM), the one trust anchor the good servers need
 */
const char *
msa_test_servers_get_ca_file (MsaTestServers *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->ca_file;
}

/**
 * msa_test_servers_get_cert_file:
 * @self: the servers
 *
 * Returns: (transfer none): the absolute path of the good server
 *   certificate (PEM; localhost, 127.0.0.1, ::1; signed by the test CA),
 *   e.g. for a TLS #MsaFakeServer
 */
const char *
msa_test_servers_get_cert_file (MsaTestServers *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->cert_file;
}

/**
 * msa_test_servers_get_key_file:
 * @self: the servers
 *
 * Returns: (transfer none): the absolute path of the private key (PEM) of
 *   every server certificate
 */
const char *
msa_test_servers_get_key_file (MsaTestServers *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->key_file;
}

/**
 * msa_test_servers_get_host:
 * @self: the servers
 * @service: a service
 *
 * Returns: (transfer none): the host name to reach @service by: always
 *   "localhost" (which resolves to ::1 and 127.0.0.1; both listen)
 */
const char *
msa_test_servers_get_host (MsaTestServers *self,
                           MsaTestService  service)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (service < MSA_TEST_N_SERVICES, NULL);

  return "localhost";
}

/**
 * msa_test_servers_get_port:
 * @self: the servers
 * @service: a service
 *
 * Returns: the port @service listens on
 */
guint16
msa_test_servers_get_port (MsaTestServers *self,
                           MsaTestService  service)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (service < MSA_TEST_N_SERVICES, 0);

  return self->ports[service];
}

/**
 * msa_test_servers_write_profile:
 * @self: the servers
 * @services: (nullable) (array zero-terminated=1): names of services (see
 *   msa_test_service_to_string()), or %NULL for the six good ones
 * @error: return location for a #GError
 *
 * Writes a provider profile in Mozilla's autoconfig format (clientConfig
 * 1.1, displayName "Test provider", domain "localhost") with one
 * incomingServer (imap, pop3) or outgoingServer (smtp) per service, in
 * the order given: hostname localhost, the service's port, socketType SSL
 * or STARTTLS.  Each call writes a new file in the fixture's directory.
 *
 * Returns: (transfer full): the absolute path of the profile, or %NULL
 *   with @error set for an unknown service name
 */
char *
msa_test_servers_write_profile (MsaTestServers     *self,
                                const char *const  *names,
                                GError            **error)
{
  g_autoptr(GString) xml = NULL;
  g_autoptr(GString) outgoing = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  MsaTestService list[MSA_TEST_N_SERVICES * 4];
  guint n = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (names == NULL)
    {
      for (n = 0; n < MSA_TEST_N_GOOD_SERVICES; n++)
        list[n] = n;
    }
  else
    {
      for (n = 0; names[n] != NULL; n++)
        {
          if (n == G_N_ELEMENTS (list))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "Too many services for one profile");
              return NULL;
            }
          if (!msa_test_service_from_string (names[n], &list[n]))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "No test service is called “%s”", names[n]);
              return NULL;
            }
        }
    }

  xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<clientConfig version=\"1.1\">\n"
                      "  <emailProvider id=\"localhost\">\n"
                      "    <domain>localhost</domain>\n"
                      "    <displayName>Test provider</displayName>\n"
                      "    <displayShortName>Test</displayShortName>\n");
  /* Mozilla's format lists incoming servers before outgoing ones. */
  outgoing = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      MsaTestService service = list[i];
      gboolean is_outgoing = g_str_equal (services[service].protocol, "smtp");
      const char *element = is_outgoing ? "outgoingServer" : "incomingServer";

      g_string_append_printf (is_outgoing ? outgoing : xml,
                              "    <%s type=\"%s\">\n"
                              "      <hostname>%s</hostname>\n"
                              "      <port>%u</port>\n"
                              "      <socketType>%s</socketType>\n"
                              "      <username>%%EMAILADDRESS%%</username>\n"
                              "      <authentication>password-cleartext</authentication>\n"
                              "    </%s>\n",
                              element, services[service].protocol,
                              msa_test_servers_get_host (self, service),
                              self->ports[service],
                              services[service].socket_type,
                              element);
    }

  g_string_append (xml, outgoing->str);
  g_string_append (xml, "  </emailProvider>\n"
                        "</clientConfig>\n");

  file_name = g_strdup_printf ("profile-%u.xml", ++self->n_profiles);
  path = g_build_filename (self->dir, file_name, NULL);
  if (!write_file (path, xml->str, error))
    return NULL;

  return g_steal_pointer (&path);
}

static gboolean
read_ppid (const char *pid_name,
           GPid       *ppid)
{
  g_autofree char *path = g_build_filename ("/proc", pid_name, "stat", NULL);
  g_autofree char *contents = NULL;
  const char *close_paren;
  char state;
  int value;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;
  /* "pid (comm) state ppid ...": comm may hold spaces and parentheses. */
  close_paren = strrchr (contents, ')');
  if (close_paren == NULL || sscanf (close_paren + 1, " %c %d", &state, &value) != 2)
    return FALSE;
  if (state == 'Z')
    return FALSE;
  *ppid = value;
  return TRUE;
}

/**
 * msa_test_servers_list_pids:
 * @self: the servers
 *
 * Lists the processes of the fixture as they are now: first the guards
 * (one per server instance, in a fixed order), then every living process
 * below them (the servers and their helpers, some of which come and go
 * with connections).
 *
 * Returns: (transfer full) (element-type GPid): the process IDs
 */
GArray *
msa_test_servers_list_pids (MsaTestServers *self)
{
  g_autoptr(GArray) pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  g_autoptr(GHashTable) parents = g_hash_table_new (NULL, NULL);
  g_autoptr(GDir) proc = NULL;
  const char *name;
  gboolean grew = TRUE;

  g_return_val_if_fail (self != NULL, NULL);

  proc = g_dir_open ("/proc", 0, NULL);
  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      GPid ppid;

      if (g_ascii_isdigit (name[0]) && read_ppid (name, &ppid))
        g_hash_table_insert (parents, GINT_TO_POINTER (atoi (name)), GINT_TO_POINTER (ppid));
    }

  for (guint i = 0; i < N_INSTANCES; i++)
    if (self->instances[i].guard_pid != 0)
      g_array_append_val (pids, self->instances[i].guard_pid);

  /* Add children of what is in the list until nothing new turns up. */
  while (grew)
    {
      GHashTableIter iter;
      gpointer key, value;

      grew = FALSE;
      g_hash_table_iter_init (&iter, parents);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          for (guint i = 0; i < pids->len; i++)
            if (g_array_index (pids, GPid, i) == GPOINTER_TO_INT (value))
              {
                GPid pid = GPOINTER_TO_INT (key);

                g_array_append_val (pids, pid);
                g_hash_table_iter_remove (&iter);
                grew = TRUE;
                break;
              }
        }
    }

  return g_steal_pointer (&pids);
}

/**
 * msa_test_servers_get_n_restarts:
 * @self: the servers
 *
 * Returns: how many times msa_test_servers_start() started a server again
 *   on other ports because something else took one of its ports first
 */
guint
msa_test_servers_get_n_restarts (MsaTestServers *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_restarts;
}

/**
 * msa_test_servers_get_log_tail:
 * @self: the servers
 *
 * Returns: (transfer full): the end of every server's log, for a failing
 *   test's message
 */
char *
msa_test_servers_get_log_tail (MsaTestServers *self)
{
  GString *tail = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < N_INSTANCES; i++)
    {
      g_autofree char *one = instance_log_tail (&self->instances[i]);

      g_string_append (tail, one);
    }

  return g_string_free (tail, FALSE);
}

/* ---- gnutls-serv ------------------------------------------------------ */

static void
gnutls_instance_free (gpointer data)
{
  Instance *instance = data;

  stop_instance (instance);
  if (instance->guard_stdin >= 0)
    close (instance->guard_stdin);
  g_free (instance->dir);
  g_free (instance->log_file);
  g_free (instance->output_file);
  g_free (instance);
}

static gboolean
accepts_connections (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  g_socket_client_set_timeout (client, 1);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

/**
 * msa_test_servers_start_gnutls:
 * @self: the servers
 * @cert_name: a certificate of the fixture, e.g. "good.pem" or "insecure.pem"
 * @priority: a GnuTLS priority string, e.g. "NORMAL:-VERS-ALL:+VERS-TLS1.0"
 * @error: return location for a #GError
 *
 * Starts gnutls-serv (package gnutls-bin) on a free port with one of the
 * fixture's certificates and a GnuTLS priority string: a TLS server that
 * offers exactly the protocol versions the string allows, which Dovecot
 * cannot be told.  It says nothing after the handshake.  It stops with
 * the fixture.
 *
 * Returns: the port, or 0 on error
 */
guint16
msa_test_servers_start_gnutls (MsaTestServers  *self,
                               const char      *cert_name,
                               const char      *priority,
                               GError         **error)
{
  g_autofree char *program = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *port_arg = NULL;
  Instance *instance;
  gint64 deadline;
  guint16 port;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (cert_name != NULL && priority != NULL, 0);

  port = pick_port (self);
  if (port == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE, "No free port");
      return 0;
    }

  if (self->gnutls == NULL)
    self->gnutls = g_ptr_array_new_with_free_func (gnutls_instance_free);

  instance = g_new0 (Instance, 1);
  instance->guard_stdin = -1;
  instance->name = "gnutls-serv";
  instance->dir = g_strdup_printf ("%s/gnutls-%u", self->dir, self->gnutls->len);
  instance->output_file = g_build_filename (instance->dir, "output.log", NULL);
  g_ptr_array_add (self->gnutls, instance);
  if (!make_dir (instance->dir, NULL, 0755, error))
    return 0;

  program = g_find_program_in_path ("gnutls-serv");
  if (program == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "gnutls-serv (package gnutls-bin) is not installed");
      return 0;
    }
  cert = g_build_filename (self->dir, "certs", cert_name, NULL);
  port_arg = g_strdup_printf ("%u", port);
  if (!spawn_guard (self, instance, NULL,
                    (const char * const []) { program, "--quiet", "--port", port_arg,
                                              "--x509certfile", cert,
                                              "--x509keyfile", self->key_file,
                                              "--priority", priority, NULL },
                    error))
    return 0;

  /* Bounded: a start takes milliseconds, a busy machine a second. */
  deadline = g_get_monotonic_time () + START_TIMEOUT_US;
  while (!accepts_connections (port))
    {
      if (waitpid (instance->guard_pid, NULL, WNOHANG) != 0 || g_get_monotonic_time () > deadline)
        {
          g_autofree char *output = read_tail (instance->output_file, 2000);

          instance->guard_pid = 0;
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "gnutls-serv (package gnutls-bin) did not start: %s", output);
          return 0;
        }
      g_usleep (10000);
    }

  return port;
}
