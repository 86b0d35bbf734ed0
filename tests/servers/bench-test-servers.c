/* SPDX-License-Identifier: GPL-3.0-or-later */

/* How long the test mail servers take to start and to stop: several test
 * programs start them, so this is paid again and again.  Prints medians
 * over a number of runs (default 10; first argument overrides). */

#include "config.h"

#include "msa-test-servers.h"

#include <stdlib.h>

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
median_ms (GArray *values)
{
  g_array_sort (values, compare_gint64);
  return g_array_index (values, gint64, values->len / 2) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) stops = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint runs = argc > 1 ? (guint) CLAMP (atoi (argv[1]), 1, 1000) : 10;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      MsaTestServers *servers;
      gint64 t0, t1, t2;

      t0 = g_get_monotonic_time ();
      servers = msa_test_servers_start (&error);
      t1 = g_get_monotonic_time ();
      if (servers == NULL)
        {
          g_printerr ("Cannot start the test servers: %s\n", error->message);
          return 1;
        }
      msa_test_servers_stop (servers);
      t2 = g_get_monotonic_time ();

      t1 -= t0;
      t2 -= t0 + t1;
      g_array_append_val (starts, t1);
      g_array_append_val (stops, t2);
    }

  g_print ("test servers, %u runs: start median %.0f ms (min %.0f, max %.0f), "
           "stop median %.0f ms\n",
           runs, median_ms (starts),
           g_array_index (starts, gint64, 0) / 1000.0,
           g_array_index (starts, gint64, starts->len - 1) / 1000.0,
           median_ms (stops));
  return 0;
}
