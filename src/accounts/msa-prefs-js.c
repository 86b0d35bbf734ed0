/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-prefs-js.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

/* A tokenizer for the grammar of Mozilla's preference files, after
 * modules/libpref/parser/src/lib.rs:
 *
 *   statement := ("pref" | "user_pref" | "sticky_pref")
 *                "(" string "," value ("," ("locked" | "sticky"))* ")" ";"
 *   value     := string | ["-" | "+"] integer | "true" | "false"
 *   string    := '"' … '"' | "'" … "'", escapes \\ \" \' \n \r \xHH \uHHHH
 *                (a surrogate pair as two \u escapes)
 *   comments  := "#" or "//" to the end of the line, "/" "*" … "*" "/"
 *
 * Integers are 32-bit, as Mozilla's are; a NUL byte ends the file, as it
 * does for Mozilla.  Anything else is an error with its line number
 * (Mozilla drops such a statement and goes on; a prefs.js that
 * Thunderbird wrote has none, so one found here means a damaged file,
 * reported rather than half-read). */

typedef enum
{
  TOKEN_END,
  TOKEN_WORD,
  TOKEN_STRING,
  TOKEN_INT,
  TOKEN_PUNCT,
} TokenType;

typedef struct
{
  const char *p;
  const char *end;
  guint       line;

  TokenType   type;
  GString    *text;
  char        punct;
} Lexer;

static gboolean
fail (Lexer       *lexer,
      GError     **error,
      const char  *what)
{
  /* Translators: %u is a line number, %s what is wrong there */
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               _("Line %u: %s"), lexer->line, what);
  return FALSE;
}

static gboolean
skip_space_and_comments (Lexer   *lexer,
                         GError **error)
{
  while (lexer->p < lexer->end)
    {
      char c = *lexer->p;

      if (c == '\n')
        {
          lexer->line++;
          lexer->p++;
        }
      else if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f')
        lexer->p++;
      else if (c == '#' || (c == '/' && lexer->p + 1 < lexer->end && lexer->p[1] == '/'))
        {
          while (lexer->p < lexer->end && *lexer->p != '\n')
            lexer->p++;
        }
      else if (c == '/' && lexer->p + 1 < lexer->end && lexer->p[1] == '*')
        {
          lexer->p += 2;
          for (;;)
            {
              if (lexer->p + 1 >= lexer->end)
                return fail (lexer, error, _("a comment does not end"));
              if (lexer->p[0] == '*' && lexer->p[1] == '/')
                {
                  lexer->p += 2;
                  break;
                }
              if (*lexer->p == '\n')
                lexer->line++;
              lexer->p++;
            }
        }
      else
        break;
    }

  return TRUE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex (Lexer    *lexer,
          guint     digits,
          guint32  *value)
{
  *value = 0;
  for (guint i = 0; i < digits; i++)
    {
      int digit;

      if (lexer->p >= lexer->end || (digit = hex_value (*lexer->p)) < 0)
        return FALSE;
      *value = *value * 16 + (guint32) digit;
      lexer->p++;
    }
  return TRUE;
}

static gboolean
read_string (Lexer   *lexer,
             GError **error)
{
  char quote = *lexer->p++;

  g_string_truncate (lexer->text, 0);
  for (;;)
    {
      char c;

      if (lexer->p >= lexer->end)
        return fail (lexer, error, _("a string does not end"));

      c = *lexer->p++;
      if (c == quote)
        break;
      if (c == '\n')
        lexer->line++;
      if (c != '\\')
        {
          g_string_append_c (lexer->text, c);
          continue;
        }

      if (lexer->p >= lexer->end)
        return fail (lexer, error, _("a string does not end"));
      c = *lexer->p++;
      switch (c)
        {
        case '\\':
        case '"':
        case '\'':
          g_string_append_c (lexer->text, c);
          break;
        case 'n':
          g_string_append_c (lexer->text, '\n');
          break;
        case 'r':
          g_string_append_c (lexer->text, '\r');
          break;
        case 'x':
          {
            guint32 value;

            if (!read_hex (lexer, 2, &value) || value == 0)
              return fail (lexer, error, _("a \\x escape is malformed"));
            g_string_append_unichar (lexer->text, value);
          }
          break;
        case 'u':
          {
            guint32 value, low;

            if (!read_hex (lexer, 4, &value) || value == 0)
              return fail (lexer, error, _("a \\u escape is malformed"));
            if (value >= 0xD800 && value <= 0xDBFF)
              {
                if (lexer->end - lexer->p < 2 || lexer->p[0] != '\\' || lexer->p[1] != 'u')
                  return fail (lexer, error, _("a \\u escape is malformed"));
                lexer->p += 2;
                if (!read_hex (lexer, 4, &low) || low < 0xDC00 || low > 0xDFFF)
                  return fail (lexer, error, _("a \\u escape is malformed"));
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
              }
            else if (value >= 0xDC00 && value <= 0xDFFF)
              return fail (lexer, error, _("a \\u escape is malformed"));
            g_string_append_unichar (lexer->text, value);
          }
          break;
        default:
          return fail (lexer, error, _("a string holds an unknown escape"));
        }
    }

  if (!g_utf8_validate_len (lexer->text->str, lexer->text->len, NULL))
    return fail (lexer, error, _("a string is not UTF-8"));

  lexer->type = TOKEN_STRING;
  return TRUE;
}

static gboolean
next_token (Lexer   *lexer,
            GError **error)
{
  char c;

  if (!skip_space_and_comments (lexer, error))
    return FALSE;

  if (lexer->p >= lexer->end)
    {
      lexer->type = TOKEN_END;
      return TRUE;
    }

  c = *lexer->p;
  if (c == '"' || c == '\'')
    return read_string (lexer, error);

  if (g_ascii_isalpha (c) || c == '_')
    {
      g_string_truncate (lexer->text, 0);
      while (lexer->p < lexer->end && (g_ascii_isalnum (*lexer->p) || *lexer->p == '_'))
        g_string_append_c (lexer->text, *lexer->p++);
      lexer->type = TOKEN_WORD;
      return TRUE;
    }

  if (g_ascii_isdigit (c))
    {
      g_string_truncate (lexer->text, 0);
      while (lexer->p < lexer->end && g_ascii_isdigit (*lexer->p))
        {
          g_string_append_c (lexer->text, *lexer->p++);
          if (lexer->text->len > 10)
            return fail (lexer, error, _("a number is too large"));
        }
      lexer->type = TOKEN_INT;
      return TRUE;
    }

  if (strchr ("(),;-+", c) != NULL)
    {
      lexer->punct = c;
      lexer->p++;
      lexer->type = TOKEN_PUNCT;
      return TRUE;
    }

  return fail (lexer, error, _("an unexpected character"));
}

static gboolean
expect_punct (Lexer    *lexer,
              char      punct,
              GError  **error)
{
  if (!next_token (lexer, error))
    return FALSE;
  if (lexer->type != TOKEN_PUNCT || lexer->punct != punct)
    return fail (lexer, error, _("the statement is malformed"));
  return TRUE;
}

static gboolean
read_value (Lexer    *lexer,
            char    **value,
            GError  **error)
{
  gboolean negative = FALSE;

  if (!next_token (lexer, error))
    return FALSE;

  if (lexer->type == TOKEN_STRING)
    {
      *value = g_strndup (lexer->text->str, lexer->text->len);
      return TRUE;
    }

  if (lexer->type == TOKEN_WORD
      && (strcmp (lexer->text->str, "true") == 0 || strcmp (lexer->text->str, "false") == 0))
    {
      *value = g_strdup (lexer->text->str);
      return TRUE;
    }

  if (lexer->type == TOKEN_PUNCT && (lexer->punct == '-' || lexer->punct == '+'))
    {
      negative = lexer->punct == '-';
      if (!next_token (lexer, error))
        return FALSE;
      if (lexer->type != TOKEN_INT)
        return fail (lexer, error, _("the statement is malformed"));
    }

  if (lexer->type == TOKEN_INT)
    {
      gint64 number = g_ascii_strtoll (lexer->text->str, NULL, 10);

      if (negative)
        number = -number;
      if (number < G_MININT32 || number > G_MAXINT32)
        return fail (lexer, error, _("a number is too large"));
      *value = g_strdup_printf ("%" G_GINT64_FORMAT, number);
      return TRUE;
    }

  return fail (lexer, error, _("the statement is malformed"));
}

/**
 * msa_prefs_js_parse:
 * @text: the file's contents
 * @length: their length in bytes
 * @error: return location for a #G_FILE_ERROR_INVAL naming the line
 *
 * Returns: (transfer full) (nullable): name → value text, or %NULL on
 *   a syntax error
 */
GHashTable *
msa_prefs_js_parse (const char  *text,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(GHashTable) prefs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) token_text = g_string_new (NULL);
  const char *nul = length > 0 ? memchr (text, '\0', length) : NULL;
  Lexer lexer = { text, nul != NULL ? nul : text + length, 1, TOKEN_END, token_text, 0 };

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  for (;;)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (!next_token (&lexer, error))
        return NULL;
      if (lexer.type == TOKEN_END)
        break;

      if (lexer.type != TOKEN_WORD
          || (strcmp (lexer.text->str, "pref") != 0
              && strcmp (lexer.text->str, "user_pref") != 0
              && strcmp (lexer.text->str, "sticky_pref") != 0))
        {
          fail (&lexer, error, _("a statement must start with user_pref"));
          return NULL;
        }

      if (!expect_punct (&lexer, '(', error) || !next_token (&lexer, error))
        return NULL;
      if (lexer.type != TOKEN_STRING)
        {
          fail (&lexer, error, _("the statement is malformed"));
          return NULL;
        }
      name = g_strndup (lexer.text->str, lexer.text->len);

      if (!expect_punct (&lexer, ',', error) || !read_value (&lexer, &value, error))
        return NULL;

      /* Attributes after the value: `, locked` or `, sticky`. */
      for (;;)
        {
          if (!next_token (&lexer, error))
            return NULL;
          if (lexer.type == TOKEN_PUNCT && lexer.punct == ')')
            break;
          if (lexer.type != TOKEN_PUNCT || lexer.punct != ','
              || !next_token (&lexer, error)
              || lexer.type != TOKEN_WORD
              || (strcmp (lexer.text->str, "locked") != 0 && strcmp (lexer.text->str, "sticky") != 0))
            {
              if (error == NULL || *error == NULL)
                fail (&lexer, error, _("the statement is malformed"));
              return NULL;
            }
        }

      if (!expect_punct (&lexer, ';', error))
        return NULL;

      g_hash_table_replace (prefs, g_steal_pointer (&name), g_steal_pointer (&value));
    }

  return g_steal_pointer (&prefs);
}
