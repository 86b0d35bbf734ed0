/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-fuzz.h"

#include <glib.h>

/* Replays every file of the corpus directories named on the command line
 * through one fuzz target, with any compiler: the seeds and every crash
 * ever found stay fixed.  TAP, one test per directory. */
int
main (int   argc,
      char *argv[])
{
  guint failed_dirs = 0;

  g_print ("1..%d\n", argc - 1);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      const char *name;
      guint n = 0;

      if (dir == NULL)
        {
          g_print ("not ok %d %s: %s\n", i, argv[i], error->message);
          failed_dirs++;
          continue;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *contents = NULL;
          gsize length;

          if (!g_file_get_contents (path, &contents, &length, &error))
            g_error ("%s", error->message);
          LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
          n++;
        }
      /* An empty corpus replays nothing: that is a failure, not a pass. */
      if (n == 0)
        {
          g_print ("not ok %d %s: no inputs\n", i, argv[i]);
          failed_dirs++;
        }
      else
        g_print ("ok %d %s: %u inputs\n", i, argv[i], n);
    }
  return failed_dirs > 0;
}
