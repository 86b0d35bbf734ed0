/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The delaying relay of the benchmark.  Plain threads and blocking
 * sockets: per connection and direction a reader that stamps each piece
 * of data with "now + delay" and a writer that passes it on at that time,
 * in order.  Loopback only; both sides use TCP_NODELAY, and the relay
 * acknowledges at once (TCP_QUICKACK), so the relay adds its delay and
 * nothing else. */
#include "config.h"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* accept4 */
#endif

#include "msa-delay-relay.h"

#include <gio/gio.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHUNK_SIZE 16384
#define MAX_CONNECTIONS 64

struct _MsaDelayRelay
{
  guint32 upstream_address;   /* network order */
  guint16 upstream_port;
  gint64 delay_us;
  int listen_fds[2];
  int n_listen_fds;
  int wake_pipe[2];
  guint16 port;
  int nice;                 /* of the relay's threads */
  GThread *accept_thread;

  GMutex lock;
  GCond idle;
  GPtrArray *connections;   /* of Connection, alive ones */
};

typedef struct
{
  gint64 due;     /* monotonic µs */
  gsize size;     /* 0: end of stream */
  guint8 data[];
} Chunk;

typedef struct _Connection Connection;

typedef struct
{
  Connection *connection;
  int from;
  int to;
  GAsyncQueue *queue;
} Direction;

struct _Connection
{
  MsaDelayRelay *relay;
  int client_fd;
  int server_fd;
  Direction up;     /* client → server */
  Direction down;   /* server → client */
  int threads_left;
};

static void
connection_release (Connection *connection)
{
  MsaDelayRelay *relay = connection->relay;
  gboolean last;

  g_mutex_lock (&relay->lock);
  last = --connection->threads_left == 0;
  if (last)
    {
      g_ptr_array_remove (relay->connections, connection);
      g_cond_broadcast (&relay->idle);
    }
  g_mutex_unlock (&relay->lock);

  if (last)
    {
      close (connection->client_fd);
      close (connection->server_fd);
      g_async_queue_unref (connection->up.queue);
      g_async_queue_unref (connection->down.queue);
      g_free (connection);
    }
}

static gpointer
reader_thread (gpointer data)
{
  Direction *direction = data;
  gint64 delay = direction->connection->relay->delay_us;
  int one = 1;

  for (;;)
    {
      Chunk *chunk = g_malloc (sizeof (Chunk) + CHUNK_SIZE);
      ssize_t n = recv (direction->from, chunk->data, CHUNK_SIZE, 0);

      if (n < 0 && errno == EINTR)
        {
          g_free (chunk);
          continue;
        }
      /* Acknowledge now: a relay that delays its ACKs would add the very
       * stall the benchmark is there to find. */
      setsockopt (direction->from, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);

      chunk->due = g_get_monotonic_time () + delay;
      chunk->size = n > 0 ? (gsize) n : 0;
      g_async_queue_push (direction->queue, chunk);
      if (n <= 0)
        break;
    }

  connection_release (direction->connection);
  return NULL;
}

static gpointer
writer_thread (gpointer data)
{
  Direction *direction = data;
  gboolean broken = FALSE;

  for (;;)
    {
      g_autofree Chunk *chunk = g_async_queue_pop (direction->queue);
      gint64 wait = chunk->due - g_get_monotonic_time ();
      gsize done = 0;

      if (wait > 0)
        g_usleep (wait);

      if (chunk->size == 0)
        {
          shutdown (direction->to, SHUT_WR);
          break;
        }

      while (!broken && done < chunk->size)
        {
          ssize_t n = send (direction->to, chunk->data + done, chunk->size - done, MSG_NOSIGNAL);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              /* The other side is gone: stop reading from this side. */
              broken = TRUE;
              shutdown (direction->from, SHUT_RD);
              break;
            }
          done += (gsize) n;
        }
    }

  connection_release (direction->connection);
  return NULL;
}

static int
connect_upstream (guint32 upstream_address,
                  guint16 port)
{
  struct sockaddr_in address = { 0, };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  if (fd < 0)
    return -1;
  address.sin_family = AF_INET;
  address.sin_port = htons (port);
  address.sin_addr.s_addr = upstream_address;
  if (connect (fd, (struct sockaddr *) &address, sizeof address) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

static void
start_connection (MsaDelayRelay *self,
                  int            client_fd)
{
  Connection *connection;
  int server_fd;
  int one = 1;

  g_mutex_lock (&self->lock);
  if (self->connections->len >= MAX_CONNECTIONS)
    {
      g_mutex_unlock (&self->lock);
      close (client_fd);
      return;
    }
  g_mutex_unlock (&self->lock);

  server_fd = connect_upstream (self->upstream_address, self->upstream_port);
  if (server_fd < 0)
    {
      close (client_fd);
      return;
    }
  setsockopt (client_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  setsockopt (server_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

  connection = g_new0 (Connection, 1);
  connection->relay = self;
  connection->client_fd = client_fd;
  connection->server_fd = server_fd;
  connection->threads_left = 4;
  connection->up = (Direction) { connection, client_fd, server_fd, g_async_queue_new_full (g_free) };
  connection->down = (Direction) { connection, server_fd, client_fd, g_async_queue_new_full (g_free) };

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->connections, connection);
  g_mutex_unlock (&self->lock);

  g_thread_unref (g_thread_new ("relay-up-read", reader_thread, &connection->up));
  g_thread_unref (g_thread_new ("relay-up-write", writer_thread, &connection->up));
  g_thread_unref (g_thread_new ("relay-down-read", reader_thread, &connection->down));
  g_thread_unref (g_thread_new ("relay-down-write", writer_thread, &connection->down));
}

static gpointer
accept_thread (gpointer data)
{
  MsaDelayRelay *self = data;

  /* On Linux a thread's own; the connections' threads, which this one
   * starts, inherit it. */
  if (self->nice != 0)
    setpriority (PRIO_PROCESS, 0, self->nice);

  for (;;)
    {
      struct pollfd fds[3];
      int n = 0;

      fds[n++] = (struct pollfd) { self->wake_pipe[0], POLLIN, 0 };
      for (int i = 0; i < self->n_listen_fds; i++)
        fds[n++] = (struct pollfd) { self->listen_fds[i], POLLIN, 0 };

      if (poll (fds, n, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      if (fds[0].revents != 0)
        break;

      for (int i = 1; i < n; i++)
        if (fds[i].revents & POLLIN)
          {
            int client_fd = accept4 (fds[i].fd, NULL, NULL, SOCK_CLOEXEC);

            if (client_fd >= 0)
              start_connection (self, client_fd);
          }
    }

  return NULL;
}

static int
listen_on (int      family,
           guint32  address4,
           guint16  port,
           guint16 *bound_port)
{
  struct sockaddr_storage storage = { 0, };
  socklen_t length;
  int fd = socket (family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;

  if (fd < 0)
    return -1;
  setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);

  if (family == AF_INET)
    {
      struct sockaddr_in *address = (struct sockaddr_in *) &storage;

      address->sin_family = AF_INET;
      address->sin_port = htons (port);
      address->sin_addr.s_addr = address4;
      length = sizeof *address;
    }
  else
    {
      struct sockaddr_in6 *address = (struct sockaddr_in6 *) &storage;

      setsockopt (fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
      address->sin6_family = AF_INET6;
      address->sin6_port = htons (port);
      address->sin6_addr = in6addr_loopback;
      length = sizeof *address;
    }

  if (bind (fd, (struct sockaddr *) &storage, length) != 0 || listen (fd, 16) != 0)
    {
      close (fd);
      return -1;
    }

  length = sizeof storage;
  getsockname (fd, (struct sockaddr *) &storage, &length);
  *bound_port = family == AF_INET
    ? ntohs (((struct sockaddr_in *) &storage)->sin_port)
    : ntohs (((struct sockaddr_in6 *) &storage)->sin6_port);

  return fd;
}

/**
 * msa_delay_relay_new:
 * @upstream_port: the port on 127.0.0.1 to relay to
 * @delay_ms: the delay in each direction
 * @error: return location for an error
 *
 * Starts a relay listening on 127.0.0.1 and, where there is IPv6, on ::1,
 * on the same free port.
 *
 * Returns: (transfer full): the relay, or %NULL
 */
MsaDelayRelay *
msa_delay_relay_new (guint16   upstream_port,
                     guint     delay_ms,
                     GError  **error)
{
  return msa_delay_relay_new_niced (upstream_port, delay_ms, 0, error);
}

/* The same, its threads running at @nice (0 to 19): behind a program
 * under measurement that shares the CPU with it, as the network is. */
MsaDelayRelay *
msa_delay_relay_new_niced (guint16   upstream_port,
                           guint     delay_ms,
                           int       nice,
                           GError  **error)
{
  MsaDelayRelay *self = g_new0 (MsaDelayRelay, 1);
  guint16 port6;
  int fd;

  self->upstream_address = htonl (INADDR_LOOPBACK);
  self->upstream_port = upstream_port;
  self->delay_us = (gint64) delay_ms * 1000;
  self->nice = CLAMP (nice, 0, 19);
  g_mutex_init (&self->lock);
  g_cond_init (&self->idle);
  self->connections = g_ptr_array_new ();

  fd = listen_on (AF_INET, htonl (INADDR_LOOPBACK), 0, &self->port);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot listen on 127.0.0.1: %s", g_strerror (errno));
      msa_delay_relay_free (self);
      return NULL;
    }
  self->listen_fds[self->n_listen_fds++] = fd;

  /* GIO tries ::1 first for "localhost". */
  fd = listen_on (AF_INET6, 0, self->port, &port6);
  if (fd >= 0)
    self->listen_fds[self->n_listen_fds++] = fd;

  if (pipe (self->wake_pipe) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "pipe: %s", g_strerror (errno));
      msa_delay_relay_free (self);
      return NULL;
    }

  self->accept_thread = g_thread_new ("relay-accept", accept_thread, self);
  return self;
}

/**
 * msa_delay_relay_new_at:
 * @listen_address: an IPv4 loopback address to listen on
 * @listen_port: the port there
 * @upstream_address: the IPv4 loopback address to relay to
 * @upstream_port: the port there
 * @delay_ms: the delay in each direction
 * @error: return location for an error
 *
 * Like msa_delay_relay_new(), on the given addresses: e.g. in front of
 * a web server that must be reached on port 443 (IPv4 only).
 *
 * Returns: (transfer full): the relay, or %NULL
 */
MsaDelayRelay *
msa_delay_relay_new_at (const char  *listen_address,
                        guint16      listen_port,
                        const char  *upstream_address,
                        guint16      upstream_port,
                        guint        delay_ms,
                        GError     **error)
{
  MsaDelayRelay *self = g_new0 (MsaDelayRelay, 1);
  struct in_addr listen_in;
  struct in_addr upstream_in;
  int fd;

  if (inet_pton (AF_INET, listen_address, &listen_in) != 1
      || inet_pton (AF_INET, upstream_address, &upstream_in) != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Not IPv4 addresses");
      g_free (self);
      return NULL;
    }
  self->upstream_address = upstream_in.s_addr;
  self->upstream_port = upstream_port;
  self->delay_us = (gint64) delay_ms * 1000;
  g_mutex_init (&self->lock);
  g_cond_init (&self->idle);
  self->connections = g_ptr_array_new ();

  fd = listen_on (AF_INET, listen_in.s_addr, listen_port, &self->port);
  if (fd < 0 || pipe (self->wake_pipe) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot listen on %s:%u: %s", listen_address, listen_port, g_strerror (errno));
      if (fd >= 0)
        close (fd);
      msa_delay_relay_free (self);
      return NULL;
    }
  self->listen_fds[self->n_listen_fds++] = fd;
  self->accept_thread = g_thread_new ("relay-accept", accept_thread, self);
  return self;
}

guint16
msa_delay_relay_get_port (MsaDelayRelay *self)
{
  return self->port;
}

void
msa_delay_relay_free (MsaDelayRelay *self)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  if (self->accept_thread != NULL)
    {
      (void) !write (self->wake_pipe[1], "x", 1);
      g_thread_join (self->accept_thread);
    }
  for (int i = 0; i < self->n_listen_fds; i++)
    close (self->listen_fds[i]);
  if (self->wake_pipe[0] > 0)
    {
      close (self->wake_pipe[0]);
      close (self->wake_pipe[1]);
    }

  /* End the connections still open and wait, bounded, for their threads. */
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *connection = g_ptr_array_index (self->connections, i);

      shutdown (connection->client_fd, SHUT_RDWR);
      shutdown (connection->server_fd, SHUT_RDWR);
    }
  while (self->connections->len > 0)
    if (!g_cond_wait_until (&self->idle, &self->lock, deadline))
      break;
  g_mutex_unlock (&self->lock);

  /* Threads still alive after the deadline keep the relay's memory. */
  if (self->connections->len == 0)
    {
      g_ptr_array_unref (self->connections);
      g_mutex_clear (&self->lock);
      g_cond_clear (&self->idle);
      g_free (self);
    }
}
