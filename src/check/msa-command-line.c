/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "msa-command-line.h"

gboolean
msa_command_line_wants_check (int    argc,
                              char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--check") == 0)
      return TRUE;
  return FALSE;
}

int
msa_command_line_run (int    argc,
                      char **argv)
{
  return 2;
}
