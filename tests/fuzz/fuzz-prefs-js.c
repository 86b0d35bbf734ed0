/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-fuzz.h"

#include <stdlib.h>

#include "msa-prefs-js.h"

/* Thunderbird's prefs.js parser: whatever it accepts has UTF-8 names and
 * values without NUL; whatever it refuses says why with a line number. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) prefs = msa_prefs_js_parse ((const char *) data, size, &error);
  GHashTableIter iter;
  gpointer name, value;

  if (prefs == NULL)
    {
      if (error == NULL || error->domain != G_FILE_ERROR || !g_str_has_prefix (error->message, "Line "))
        abort ();
      return 0;
    }

  g_hash_table_iter_init (&iter, prefs);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (!g_utf8_validate (name, -1, NULL) || !g_utf8_validate (value, -1, NULL))
      abort ();
  return 0;
}
