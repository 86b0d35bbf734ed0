/* SPDX-License-Identifier: GPL-3.0-or-later */

/* msa-test-servers-guard: runs one test mail server and makes sure it
 * never outlives the test that started it.
 *
 *   msa-test-servers-guard --parent PID [--user NAME] [--output FILE]
 *                          -- PROGRAM [ARGS...]
 *
 * The guard starts PROGRAM in a process group of its own (as user NAME
 * when given), with its standard output and error appended to FILE.  It
 * is a child subreaper, so every process the server forks stays below it
 * even when the server's master dies first.  It kills the whole group
 * with SIGKILL and reaps every descendant when
 *   - its standard input (a pipe whose other end only the test holds)
 *     reaches end of file: the test stopped the fixture, or died;
 *   - it gets SIGTERM, SIGINT or SIGHUP, or its parent dies
 *     (PR_SET_PDEATHSIG);
 * It runs in a process group of its own, so a signal to the test's
 * process group does not kill it before it has done that.
 *   - the server exits by itself (exit status 3 then).
 *
 * Plain POSIX and Linux calls only: it must start in a millisecond, and
 * there is nothing here GLib would make shorter. */

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#define REAP_TIMEOUT_MS 5000

static void
usage (void)
{
  fprintf (stderr, "usage: msa-test-servers-guard --parent PID [--user NAME] "
                   "[--output FILE] -- PROGRAM [ARGS...]\n");
  exit (2);
}

static long long
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Kills every process whose parent is this guard: orphans of the server
 * that left its process group are re-parented here (subreaper). */
static void
kill_own_children (void)
{
  DIR *proc;
  struct dirent *entry;
  pid_t self = getpid ();

  proc = opendir ("/proc");
  if (proc == NULL)
    return;

  while ((entry = readdir (proc)) != NULL)
    {
      char path[64];
      char buf[512];
      char *close_paren;
      FILE *f;
      pid_t pid;
      int ppid;

      pid = (pid_t) atoi (entry->d_name);
      if (pid <= 0)
        continue;

      snprintf (path, sizeof path, "/proc/%d/stat", (int) pid);
      f = fopen (path, "re");
      if (f == NULL)
        continue;
      if (fgets (buf, sizeof buf, f) == NULL)
        buf[0] = '\0';
      fclose (f);

      /* "pid (comm) state ppid ...": comm may hold spaces and parens. */
      close_paren = strrchr (buf, ')');
      if (close_paren == NULL)
        continue;
      if (sscanf (close_paren + 1, " %*c %d", &ppid) == 1 && ppid == self)
        kill (pid, SIGKILL);
    }

  closedir (proc);
}

/* Kills the server's process group and reaps every descendant, bounded. */
static void
kill_and_reap (pid_t server)
{
  long long deadline = now_ms () + REAP_TIMEOUT_MS;

  if (server > 0)
    kill (-server, SIGKILL);

  while (now_ms () < deadline)
    {
      pid_t pid = waitpid (-1, NULL, WNOHANG);

      if (pid < 0 && errno == ECHILD)
        return;
      if (pid > 0)
        continue;

      kill_own_children ();
      usleep (10 * 1000);
    }
}

int
main (int    argc,
      char **argv)
{
  const char *user = NULL;
  const char *output = NULL;
  pid_t parent = 0;
  uid_t uid = 0;
  gid_t gid = 0;
  sigset_t signals;
  sigset_t old_signals;
  int sfd;
  int i;
  pid_t server;
  int status = 0;

  for (i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        {
          i++;
          break;
        }
      else if (strcmp (argv[i], "--parent") == 0 && i + 1 < argc)
        parent = (pid_t) atoi (argv[++i]);
      else if (strcmp (argv[i], "--user") == 0 && i + 1 < argc)
        user = argv[++i];
      else if (strcmp (argv[i], "--output") == 0 && i + 1 < argc)
        output = argv[++i];
      else
        usage ();
    }
  if (i >= argc || parent <= 0)
    usage ();

  /* A process group of its own: whoever kills the test's group (meson
   * on a timeout, a shell's Ctrl-C) must leave the guard alive to clean
   * up.  The Postfix master changes its effective user at start, which
   * clears its parent-death signal, so only the guard can stop it. */
  setpgid (0, 0);

  /* Die with the test even when it is killed with SIGKILL; the check
   * after prctl() closes the race with a parent that died before it. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != parent)
    return 1;
  prctl (PR_SET_CHILD_SUBREAPER, 1);

  if (user != NULL)
    {
      struct passwd *pw = getpwnam (user);

      if (pw == NULL)
        {
          fprintf (stderr, "msa-test-servers-guard: no user %s\n", user);
          return 2;
        }
      uid = pw->pw_uid;
      gid = pw->pw_gid;
    }

  sigemptyset (&signals);
  sigaddset (&signals, SIGTERM);
  sigaddset (&signals, SIGINT);
  sigaddset (&signals, SIGHUP);
  sigaddset (&signals, SIGCHLD);
  sigprocmask (SIG_BLOCK, &signals, &old_signals);
  sfd = signalfd (-1, &signals, SFD_CLOEXEC);
  if (sfd < 0)
    {
      perror ("msa-test-servers-guard: signalfd");
      return 2;
    }

  server = fork ();
  if (server < 0)
    {
      perror ("msa-test-servers-guard: fork");
      return 2;
    }

  if (server == 0)
    {
      pid_t guard = getppid ();
      int null_fd;

      sigprocmask (SIG_SETMASK, &old_signals, NULL);
      setpgid (0, 0);

      null_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
      if (null_fd >= 0)
        dup2 (null_fd, STDIN_FILENO);
      if (output != NULL)
        {
          int out_fd = open (output, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);

          if (out_fd >= 0)
            {
              dup2 (out_fd, STDOUT_FILENO);
              dup2 (out_fd, STDERR_FILENO);
            }
        }

      if (user != NULL)
        {
          if (setgroups (1, &gid) != 0 || setgid (gid) != 0 || setuid (uid) != 0)
            {
              perror ("msa-test-servers-guard: cannot switch user");
              _exit (127);
            }
        }

      /* Set after the user switch: a change of credentials clears it. */
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      if (getppid () != guard)
        _exit (127);

      execv (argv[i], argv + i);
      fprintf (stderr, "msa-test-servers-guard: cannot run %s: %s\n",
               argv[i], strerror (errno));
      _exit (127);
    }

  /* Both sides set the group, so neither a fast exec nor a fast kill
   * can see the server still in the guard's group. */
  setpgid (server, server);

  for (;;)
    {
      struct pollfd fds[2] = {
        { .fd = STDIN_FILENO, .events = POLLIN },
        { .fd = sfd, .events = POLLIN },
      };

      if (poll (fds, 2, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }

      if (fds[0].revents != 0)
        {
          char buf[64];
          ssize_t n = read (STDIN_FILENO, buf, sizeof buf);

          if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
            break;
        }

      if (fds[1].revents & POLLIN)
        {
          struct signalfd_siginfo info;
          if (read (sfd, &info, sizeof info) != sizeof info)
            continue;
          if (info.ssi_signo != SIGCHLD)
            break;

          /* Reap what ended; only the server itself ending matters. */
          for (;;)
            {
              int child_status;
              pid_t pid = waitpid (-1, &child_status, WNOHANG);

              if (pid <= 0)
                break;
              if (pid == server)
                status = 3;
            }
          /* The group outlives its leader: kill_and_reap () still
           * reaches what the server left behind. */
          if (status != 0)
            break;
        }
    }

  kill_and_reap (server);
  return status;
}
