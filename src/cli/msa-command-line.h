/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean msa_command_line_wants       (int         argc,
                                       char      **argv,
                                       const char *option);
int      msa_command_line_run         (int    argc,
                                       char **argv);
char   **msa_command_line_dup_args    (int    argc,
                                       char **argv);
gboolean msa_command_line_parse_timeout (const char  *text,
                                         guint       *seconds,
                                         GError     **error);

G_END_DECLS
