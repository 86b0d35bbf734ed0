/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command users run.  `--check`, `--discover` and `--scan` are answered here,
 * without GTK; anything else starts the wizard, which is a separate program so
 * that a check never pays for loading GTK. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#include "msa-command-line.h"
#include "msa-discover-command.h"
#include "msa-scan-command.h"

static char *
find_wizard (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *sibling = NULL;

  /* In the build tree the wizard is built in src/ui/, beside this
   * program's src/cli/; a relocated install may keep both together. */
  if (self != NULL)
    {
      const char * const candidates[] = { "../ui", "." };

      dir = g_path_get_dirname (self);
      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          g_free (sibling);
          sibling = g_build_filename (dir, candidates[i], "mailssl-assistant-wizard", NULL);
          if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
            return g_steal_pointer (&sibling);
        }
    }

  return g_build_filename (LIBEXECDIR, "mailssl-assistant-wizard", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *wizard = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (msa_command_line_wants (argc, argv, "--check"))
    return msa_command_line_run (argc, argv);
  if (msa_command_line_wants (argc, argv, "--discover"))
    return msa_discover_command_run (argc, argv);
  if (msa_command_line_wants (argc, argv, "--scan"))
    return msa_scan_command_run (argc, argv);

  wizard = find_wizard ();
  argv[0] = wizard;
  execv (wizard, argv);

  /* Translators: %s is a file name, the second a system error message. */
  g_printerr (_("Cannot start the wizard %s: %s\n"), wizard, g_strerror (errno));
  return 2;
}
