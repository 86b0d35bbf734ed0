/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Stand-ins for GLib API newer than Debian 12's GLib 2.74, each named
 * after what it stands in for.  With a newer minimum version they
 * become the real function and can be deleted. */

#include <glib.h>

G_BEGIN_DECLS

/* g_set_str() is GLib 2.76. */
#if GLIB_CHECK_VERSION (2, 76, 0) && defined (GLIB_VERSION_2_76) \
    && GLIB_VERSION_MIN_REQUIRED >= GLIB_VERSION_2_76
# define msa_set_str g_set_str
#else
static inline gboolean
msa_set_str (char       **str_pointer,
             const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}
#endif

G_END_DECLS
