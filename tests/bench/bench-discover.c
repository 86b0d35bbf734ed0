/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Discovery with every source at once against the same sources one after
 * another, through a delay on every DNS answer and every HTTPS exchange:
 * in discovery's test network (tests/discover/msa-test-discovery-net.c,
 * a network namespace of its own, as root), a UDP relay of its own holds
 * each DNS query and each answer for DELAY ms in front of dnsmasq, and
 * the TCP delay relay does the same for every piece of data to and from
 * nginx.  Figures only, no assertion:
 *
 *   mxhosted.test  MX, then the provider database for the MX's domain:
 *                  the longest chain discovery needs
 *   acme.test      the provider's own autoconfig, the best source
 *   nothing.test   nothing published: bounded by the guess's probes
 *
 * Each figure is the median of RUNS runs.  "sequential" is the sum of
 * each source run alone (a discovery with only that source enabled). */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "msa-delay-relay.h"
#include "msa-server-check.h"
#include "msa-test-discovery-net.h"

#define DELAY_MS 40
#define RUNS 5

/* The DNS delay: each query waits DELAY_MS before it goes to dnsmasq and
 * each answer DELAY_MS before it goes back, a thread a query. */

typedef struct
{
  int                     listen_fd;
  guint8                  query[512];
  gssize                  length;
  struct sockaddr_storage from;
  socklen_t               from_length;
} Query;

static gpointer
query_thread (gpointer data)
{
  Query *query = data;
  struct sockaddr_in upstream = { .sin_family = AF_INET, .sin_port = htons (53) };
  guint8 answer[4096];
  struct pollfd pfd;
  gssize length;
  int fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

  inet_pton (AF_INET, "127.0.0.2", &upstream.sin_addr);
  g_usleep (DELAY_MS * 1000);
  sendto (fd, query->query, query->length, 0, (struct sockaddr *) &upstream, sizeof upstream);
  pfd = (struct pollfd) { fd, POLLIN, 0 };
  if (poll (&pfd, 1, 5000) == 1)
    {
      length = recv (fd, answer, sizeof answer, 0);
      g_usleep (DELAY_MS * 1000);
      if (length > 0)
        sendto (query->listen_fd, answer, length, 0, (struct sockaddr *) &query->from, query->from_length);
    }
  close (fd);
  g_free (query);
  return NULL;
}

static gpointer
dns_relay_thread (gpointer data)
{
  int listen_fd = GPOINTER_TO_INT (data);

  for (;;)
    {
      Query *query = g_new0 (Query, 1);

      query->listen_fd = listen_fd;
      query->from_length = sizeof query->from;
      query->length = recvfrom (listen_fd, query->query, sizeof query->query, 0,
                                (struct sockaddr *) &query->from, &query->from_length);
      if (query->length <= 0)
        {
          g_free (query);
          continue;
        }
      g_thread_unref (g_thread_new ("dns-delay", query_thread, query));
    }
  return NULL;
}

static void
start_dns_relay (void)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (53) };
  int fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

  inet_pton (AF_INET, "127.0.0.1", &address.sin_addr);
  if (bind (fd, (struct sockaddr *) &address, sizeof address) != 0)
    g_error ("cannot bind 127.0.0.1:53: %s", g_strerror (errno));
  g_thread_unref (g_thread_new ("dns-relay", dns_relay_thread, GINT_TO_POINTER (fd)));
}

/* Running discoveries */

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;

  g_clear_object (&(MsaProfile *) { msa_discovery_run_finish (MSA_DISCOVERY (object), result, NULL) });
  *done = TRUE;
}

/* One discovery of @address with the sources of @mask; its time in ms. */
static double
run_once (const char  *address,
          guint        mask,
          const char **chosen)
{
  g_autoptr(MsaDiscovery) discovery = msa_discovery_new (address, msa_test_discovery_net_get_database (),
                                                         MSA_CHECK_DEFAULT_TIMEOUT);
  gboolean done = FALSE;
  gint64 start;
  gint64 deadline;

  msa_test_discovery_net_prepare (discovery);
  msa_discovery_set_enabled_sources (discovery, mask);
  start = g_get_monotonic_time ();
  deadline = start + 60 * G_USEC_PER_SEC;
  msa_discovery_run_async (discovery, NULL, on_done_cb, &done);
  while (!done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (chosen != NULL)
    *chosen = msa_discovery_get_chosen (discovery) != NULL
      ? msa_discovery_source_kind_to_string (msa_discovery_source_get_kind (msa_discovery_get_chosen (discovery)))
      : "none";
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (const char  *address,
        guint        mask,
        const char **chosen)
{
  double runs[RUNS];

  for (guint i = 0; i < RUNS; i++)
    runs[i] = run_once (address, mask, chosen);
  qsort (runs, RUNS, sizeof runs[0], compare_doubles);
  return runs[RUNS / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaDelayRelay) web_relay = NULL;
  const char * const addresses[] = { "anna@mxhosted.test", "anna@acme.test", "anna@nothing.test" };

  if (!msa_test_netns_enter (&error))
    {
      g_printerr ("bench-discover: %s\n", error->message);
      return 1;
    }

  start_dns_relay ();
  web_relay = msa_delay_relay_new_at ("127.0.0.1", 443, "127.0.0.3", 443, DELAY_MS, &error);
  if (web_relay == NULL || !msa_test_discovery_net_start_at ("127.0.0.2", "127.0.0.3", &error))
    {
      g_printerr ("bench-discover: %s\n", error->message);
      return 1;
    }

  g_print ("Discovery through a delay of %d ms on each DNS query and answer and on\n"
           "each direction of every HTTPS exchange; median of %d runs:\n\n", DELAY_MS, RUNS);
  g_print ("%-20s %-12s %14s %14s %7s\n", "address", "chosen", "together (ms)", "one by one (ms)", "ratio");
  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      const char *chosen = NULL;
      double together = median (addresses[i], (1u << MSA_DISCOVERY_N_SOURCES) - 1, &chosen);
      double sequential = 0;

      for (guint kind = 0; kind < MSA_DISCOVERY_N_SOURCES; kind++)
        sequential += median (addresses[i], 1u << kind, NULL);
      g_print ("%-20s %-12s %14.0f %14.0f %7.2f\n", addresses[i], chosen, together, sequential,
               sequential / together);
    }
  g_print ("\nThe guess's bound (a probe's deadline plus a second): %d ms\n",
           (MSA_CHECK_DEFAULT_TIMEOUT + 1) * 1000);

  msa_test_discovery_net_stop ();
  return 0;
}
