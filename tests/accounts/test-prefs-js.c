/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Thunderbird's prefs.js as Mozilla's preference parser reads it. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "msa-prefs-js.h"

static GHashTable *
parse (const char  *text,
       GError     **error)
{
  return msa_prefs_js_parse (text, strlen (text), error);
}

static void
test_prefs_js_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) prefs = parse (
    "// Mozilla User Preferences\n"
    "# a shell-style comment\n"
    "/* a block\n   comment */\n"
    "user_pref(\"a.string\", \"mail.example.org\");\n"
    "user_pref('single', 'it\\'s');\n"
    "user_pref(\"escapes\", \"q\\\" b\\\\ n\\n x\\x41 u\\u00e4 pair\\ud83d\\ude00\");\n"
    "user_pref(\"int\", 143);\n"
    "user_pref(\"negative\", -1);\n"
    "user_pref(\"plus\", +3);\n"
    "user_pref(\"yes\", true);\n"
    "user_pref(\"no\", false);\n"
    "pref(\"locked.one\", 2, locked);\n"
    "sticky_pref(\"sticky.one\", \"s\");\n"
    "user_pref ( \"spaced\" ,\t7 ) ;\n"
    "user_pref(\"int\", 993);\n",
    &error);

  g_assert_no_error (error);
  g_assert_nonnull (prefs);
  g_assert_cmpstr (g_hash_table_lookup (prefs, "a.string"), ==, "mail.example.org");
  g_assert_cmpstr (g_hash_table_lookup (prefs, "single"), ==, "it's");
  g_assert_cmpstr (g_hash_table_lookup (prefs, "escapes"), ==, "q\" b\\ n\n xA u\xc3\xa4 pair\xf0\x9f\x98\x80");
  /* A later statement wins. */
  g_assert_cmpstr (g_hash_table_lookup (prefs, "int"), ==, "993");
  g_assert_cmpstr (g_hash_table_lookup (prefs, "negative"), ==, "-1");
  g_assert_cmpstr (g_hash_table_lookup (prefs, "plus"), ==, "3");
  g_assert_cmpstr (g_hash_table_lookup (prefs, "yes"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (prefs, "no"), ==, "false");
  g_assert_cmpstr (g_hash_table_lookup (prefs, "locked.one"), ==, "2");
  g_assert_cmpstr (g_hash_table_lookup (prefs, "sticky.one"), ==, "s");
  g_assert_cmpstr (g_hash_table_lookup (prefs, "spaced"), ==, "7");
  g_assert_cmpuint (g_hash_table_size (prefs), ==, 11);
}

static void
test_prefs_js_errors (void)
{
  const struct
  {
    const char *text;
    const char *line;
  } cases[] = {
    { "user_pref(\"a\", \"unterminated);\n", "Line 2" },
    { "user_pref(\"a\", 1);\nuser_pref(\"b\", 2)\n", "Line 3" },
    { "\n\nuser_pref(\"a\", \"bad \\q escape\");", "Line 3" },
    { "user_pref(\"a\", \"\\x0\");", "Line 1" },
    { "user_pref(\"a\", \"\\ud83d alone\");", "Line 1" },
    { "user_pref(\"a\", 99999999999);", "Line 1" },
    { "user_pref(\"a\", 1, frozen);", "Line 1" },
    { "set(\"a\", 1);", "Line 1" },
    { "user_pref(\"a\", 1); /* never closed", "Line 1" },
    { "user_pref(\"a\", \"\xff\xfe\");", "Line 1" },
    { "user_pref(1, 1);", "Line 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) prefs = parse (cases[i].text, &error);

      g_test_message ("case %u", i);
      g_assert_null (prefs);
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
      g_assert_true (g_str_has_prefix (error->message, cases[i].line));
    }
}

/* An embedded NUL is not a string character. */
static void
test_prefs_js_nul (void)
{
  static const char text[] = "user_pref(\"a\", \"x\0y\");";
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) prefs = msa_prefs_js_parse (text, sizeof text - 1, &error);

  g_assert_null (prefs);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
}

static void
test_prefs_js_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) prefs = msa_prefs_js_parse ("", 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (prefs), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prefs-js/values", test_prefs_js_values);
  g_test_add_func ("/prefs-js/errors", test_prefs_js_errors);
  g_test_add_func ("/prefs-js/nul", test_prefs_js_nul);
  g_test_add_func ("/prefs-js/empty", test_prefs_js_empty);

  return g_test_run ();
}
