/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Thunderbird's prefs.js, parsed as Mozilla's preference parser reads it
 * (modules/libpref/parser/src/lib.rs): a sequence of
 * `user_pref("name", value);` statements (also pref and sticky_pref).
 * The table maps each name to its value as text: a string's characters,
 * an integer in decimal, or "true"/"false"; a later statement wins. */
GHashTable *msa_prefs_js_parse (const char  *text,
                                gsize        length,
                                GError     **error);

G_END_DECLS
