/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "msa-config-lines.h"

/* The KConfig and Claws Mail line reader: only wanted keys come out,
 * every group in the table is listed once. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const wanted[] = { "host", "port", "Safety", "receive_server", NULL };
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GHashTable) config = msa_config_lines_parse ((const char *) data, size,
                                                         size % 2 ? MSA_CONFIG_LINES_KCONFIG_ESCAPES
                                                                  : MSA_CONFIG_LINES_NONE,
                                                         wanted, &groups, NULL);
  GHashTableIter iter;
  gpointer group, keys;

  if (config == NULL)
    return 0;
  if (groups->len != g_hash_table_size (config))
    abort ();

  g_hash_table_iter_init (&iter, config);
  while (g_hash_table_iter_next (&iter, &group, &keys))
    {
      GHashTableIter key_iter;
      gpointer key;

      g_hash_table_iter_init (&key_iter, keys);
      while (g_hash_table_iter_next (&key_iter, &key, NULL))
        if (!g_strv_contains (wanted, key))
          abort ();
    }
  return 0;
}
