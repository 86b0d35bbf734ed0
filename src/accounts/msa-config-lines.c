/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-config-lines.h"

#include <glib/gi18n.h>
#include <string.h>

static int
hex_value (char c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

static char *
unescape_kconfig (const char *value,
                  gsize       length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      char c = value[i];

      if (c != '\\' || i + 1 >= length)
        {
          g_string_append_c (out, c);
          continue;
        }

      c = value[++i];
      switch (c)
        {
        case 's': g_string_append_c (out, ' '); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case 'x':
          if (i + 2 < length && hex_value (value[i + 1]) >= 0 && hex_value (value[i + 2]) >= 0)
            {
              g_string_append_c (out, (char) (hex_value (value[i + 1]) * 16 + hex_value (value[i + 2])));
              i += 2;
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          /* KConfig keeps an unknown escape as it is. */
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * msa_config_lines_parse:
 * @text: the file's contents
 * @length: their length in bytes
 * @flags: how values are escaped
 * @wanted: the keys to keep (a key's flags such as "[$e]" are ignored)
 * @groups: (out) (optional) (element-type utf8): the groups in file order
 * @error: a #G_FILE_ERROR_INVAL for a file that is not text
 *
 * Group names of KConfig's nested form "[a][b]" come out as "a/b".
 *
 * Returns: (transfer full) (nullable): group → (key → value)
 */
GHashTable *
msa_config_lines_parse (const char           *text,
                        gsize                 length,
                        MsaConfigLinesFlags   flags,
                        const char * const   *wanted,
                        GPtrArray           **groups,
                        GError              **error)
{
  g_autoptr(GHashTable) config = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  GHashTable *current = NULL;
  const char *end = text + length;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           _("The file is not text."));
      return NULL;
    }

  for (const char *line = text; line < end;)
    {
      const char *line_end = memchr (line, '\n', end - line);
      const char *equals;
      gsize line_length;

      if (line_end == NULL)
        line_end = end;
      line_length = line_end - line;

      while (line_length > 0 && (line[0] == ' ' || line[0] == '\t'))
        line++, line_length--;
      while (line_length > 0 && (line[line_length - 1] == '\r' || line[line_length - 1] == ' '
                                 || line[line_length - 1] == '\t'))
        line_length--;

      if (line_length == 0 || line[0] == '#')
        ;
      else if (line[0] == '[')
        {
          g_autoptr(GString) name = g_string_new (NULL);
          gsize i = 0;

          /* "[a]" or KConfig's "[a][b]"; KConfig's "[$i]" marks a group
           * immutable and is no part of its name. */
          while (i < line_length && line[i] == '[')
            {
              const char *close = memchr (line + i, ']', line_length - i);

              if (close == NULL)
                break;
              if (!(close - (line + i) == 3 && line[i + 1] == '$'))
                {
                  if (name->len > 0)
                    g_string_append_c (name, '/');
                  g_string_append_len (name, line + i + 1, close - (line + i) - 1);
                }
              i = close - line + 1;
            }

          current = g_hash_table_lookup (config, name->str);
          if (current == NULL)
            {
              current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
              g_hash_table_insert (config, g_strdup (name->str), current);
              g_ptr_array_add (order, g_strdup (name->str));
            }
        }
      else if (current != NULL && (equals = memchr (line, '=', line_length)) != NULL)
        {
          gsize key_length = equals - line;
          const char *value = equals + 1;
          gsize value_length = line_length - key_length - 1;
          const char *flag;
          g_autofree char *key = NULL;

          /* "key[$e]=" : KConfig's flags; "key[de]=" is a translation,
           * not the key itself. */
          flag = memchr (line, '[', key_length);
          if (flag != NULL && !(flag + 1 < equals && flag[1] == '$'))
            goto next;
          if (flag != NULL)
            key_length = flag - line;
          while (key_length > 0 && (line[key_length - 1] == ' ' || line[key_length - 1] == '\t'))
            key_length--;
          while (value_length > 0 && (value[0] == ' ' || value[0] == '\t'))
            value++, value_length--;

          key = g_strndup (line, key_length);
          if (wanted != NULL && g_strv_contains (wanted, key))
            g_hash_table_replace (current, g_steal_pointer (&key),
                                  flags & MSA_CONFIG_LINES_KCONFIG_ESCAPES
                                    ? unescape_kconfig (value, value_length)
                                    : g_strndup (value, value_length));
        }

    next:
      line = line_end < end ? line_end + 1 : end;
    }

  if (groups != NULL)
    *groups = g_steal_pointer (&order);
  return g_steal_pointer (&config);
}

/**
 * msa_config_lines_get:
 * @config: what msa_config_lines_parse() gave
 * @group: a group
 * @key: a wanted key
 *
 * Returns: (transfer none) (nullable): the value, or %NULL where the key
 *   is not set
 */
const char *
msa_config_lines_get (GHashTable *config,
                      const char *group,
                      const char *key)
{
  GHashTable *keys = g_hash_table_lookup (config, group);

  return keys != NULL ? g_hash_table_lookup (keys, key) : NULL;
}
