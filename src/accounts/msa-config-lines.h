/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The "[group]" and "key=value" lines that KConfig (KMail) and Claws
 * Mail write, read leniently: GKeyFile refuses much of what they accept
 * (KConfig's nested groups and key flags, Claws Mail's free-form
 * values).  Only the keys @wanted names are kept, so no other value —
 * Claws Mail's password keys among them — is ever copied. */
typedef enum
{
  MSA_CONFIG_LINES_NONE = 0,
  /* KConfig's escapes in values: \s \t \n \r \\ \xHH (kconfigini.cpp) */
  MSA_CONFIG_LINES_KCONFIG_ESCAPES = 1 << 0,
} MsaConfigLinesFlags;

/* group → (key → value) of the wanted keys; groups in file order are
 * listed in @groups when it is not NULL. */
GHashTable *msa_config_lines_parse (const char           *text,
                                    gsize                 length,
                                    MsaConfigLinesFlags   flags,
                                    const char * const   *wanted,
                                    GPtrArray           **groups,
                                    GError              **error);
const char *msa_config_lines_get   (GHashTable           *config,
                                    const char           *group,
                                    const char           *key);

G_END_DECLS
