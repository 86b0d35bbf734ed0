/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The KConfig and Claws Mail lines: groups, wanted keys only, KConfig's
 * escapes, nested groups and key flags. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "msa-config-lines.h"

static void
test_config_lines_kconfig (void)
{
  static const char * const wanted[] = { "host", "name", "port", NULL };
  static const char text[] =
    "# comment\n"
    "[General]\n"
    "default-transport=1\n"
    "\n"
    "[Transport 1]\n"
    "  host = smtp.example.org  \r\n"
    "name=\\sLeading\\x41\\tTab\\\\\n"
    "name[de]=Übersetzt\n"
    "port[$i]=465\n"
    "password=secret\n"
    "[Outer][Inner]\n"
    "host=nested\n"
    "[Locked][$i]\n"
    "host=locked\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GHashTable) config = msa_config_lines_parse (text, strlen (text), MSA_CONFIG_LINES_KCONFIG_ESCAPES,
                                                         wanted, &groups, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 4);
  g_assert_cmpstr (groups->pdata[1], ==, "Transport 1");
  g_assert_cmpstr (msa_config_lines_get (config, "Transport 1", "host"), ==, "smtp.example.org");
  g_assert_cmpstr (msa_config_lines_get (config, "Transport 1", "name"), ==, " LeadingA\tTab\\");
  g_assert_cmpstr (msa_config_lines_get (config, "Transport 1", "port"), ==, "465");
  /* Not wanted: never copied. */
  g_assert_null (msa_config_lines_get (config, "Transport 1", "password"));
  g_assert_null (msa_config_lines_get (config, "General", "default-transport"));
  g_assert_cmpstr (msa_config_lines_get (config, "Outer/Inner", "host"), ==, "nested");
  g_assert_cmpstr (msa_config_lines_get (config, "Locked", "host"), ==, "locked");
}

static void
test_config_lines_raw (void)
{
  static const char * const wanted[] = { "receive_server", NULL };
  static const char text[] = "key before any group=1\n[Account: 1]\nreceive_server=a\\sb\nno equals sign\n";
  g_autoptr(GHashTable) config = msa_config_lines_parse (text, strlen (text), MSA_CONFIG_LINES_NONE,
                                                         wanted, NULL, NULL);

  g_assert_cmpstr (msa_config_lines_get (config, "Account: 1", "receive_server"), ==, "a\\sb");
}

static void
test_config_lines_binary (void)
{
  static const char text[] = "[a]\nb=\xff\xfe\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) config = msa_config_lines_parse (text, strlen (text), MSA_CONFIG_LINES_NONE,
                                                         NULL, NULL, &error);

  g_assert_null (config);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/config-lines/kconfig", test_config_lines_kconfig);
  g_test_add_func ("/config-lines/raw", test_config_lines_raw);
  g_test_add_func ("/config-lines/binary", test_config_lines_binary);

  return g_test_run ();
}
