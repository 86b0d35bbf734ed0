/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-protocol.h"

#include "msa-check-error.h"

#include <glib/gi18n.h>
#include <string.h>

struct _MsaLineSplitter
{
  GByteArray *buffer;
};

struct _MsaAnswer
{
  MsaAnswerKind  kind;
  char          *tag;
  GPtrArray     *lines;      /* char*, NULL-terminated */
  gsize          size;
  guint          code;
  gboolean       complete;
  gboolean       ok;
};

static gboolean
protocol_error (GError     **error,
                const char  *message)
{
  g_set_error_literal (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_PROTOCOL_ERROR,
                       message);
  return FALSE;
}

/* Line splitter */

/**
 * msa_line_splitter_new:
 *
 * Returns: (transfer full): an empty splitter
 */
MsaLineSplitter *
msa_line_splitter_new (void)
{
  MsaLineSplitter *self = g_new0 (MsaLineSplitter, 1);

  self->buffer = g_byte_array_new ();
  return self;
}

void
msa_line_splitter_free (MsaLineSplitter *self)
{
  if (self == NULL)
    return;
  g_byte_array_unref (self->buffer);
  g_free (self);
}

void
msa_line_splitter_push (MsaLineSplitter *self,
                        const char      *data,
                        gsize            length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || length == 0);

  g_byte_array_append (self->buffer, (const guint8 *) data, length);
}

char *
msa_line_splitter_next_line (MsaLineSplitter  *self,
                             GError          **error)
{
  const char *data;
  const char *newline;
  gsize line_length;
  char *line;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = (const char *) self->buffer->data;
  newline = self->buffer->len > 0 ? memchr (data, '\n', self->buffer->len) : NULL;

  if (newline == NULL)
    {
      if (self->buffer->len > MSA_PROTOCOL_MAX_LINE)
        protocol_error (error, _("The server sent a line that is too long."));
      return NULL;
    }

  line_length = newline - data;
  if (line_length > 0 && data[line_length - 1] == '\r')
    line_length--;

  if (line_length > MSA_PROTOCOL_MAX_LINE)
    {
      protocol_error (error, _("The server sent a line that is too long."));
      return NULL;
    }
  if (memchr (data, '\0', line_length) != NULL)
    {
      protocol_error (error, _("The server sent binary data instead of text."));
      return NULL;
    }

  line = g_strndup (data, line_length);
  g_byte_array_remove_range (self->buffer, 0, newline - data + 1);
  return line;
}

gsize
msa_line_splitter_get_pending (MsaLineSplitter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->buffer->len;
}

void
msa_line_splitter_clear (MsaLineSplitter *self)
{
  g_return_if_fail (self != NULL);

  g_byte_array_set_size (self->buffer, 0);
}

/* Answers */

/**
 * msa_answer_new:
 * @kind: the expected shape
 * @tag: (nullable): the command tag, for %MSA_ANSWER_IMAP_TAGGED
 *
 * Returns: (transfer full): an empty answer
 */
MsaAnswer *
msa_answer_new (MsaAnswerKind  kind,
                const char    *tag)
{
  MsaAnswer *self;

  g_return_val_if_fail (kind != MSA_ANSWER_IMAP_TAGGED || tag != NULL, NULL);

  self = g_new0 (MsaAnswer, 1);
  self->kind = kind;
  self->tag = g_strdup (tag);
  self->lines = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->lines, NULL);
  return self;
}

void
msa_answer_free (MsaAnswer *self)
{
  if (self == NULL)
    return;
  g_free (self->tag);
  g_ptr_array_unref (self->lines);
  g_free (self);
}

/* "WORD" at the start of @line, case-insensitive, followed by a space or
 * the end of the line. */
static gboolean
starts_with_word (const char *line,
                  const char *word)
{
  gsize n = strlen (word);

  return g_ascii_strncasecmp (line, word, n) == 0
         && (line[n] == '\0' || line[n] == ' ');
}

static gboolean
feed_imap_greeting (MsaAnswer   *self,
                    const char  *line,
                    GError     **error)
{
  if (!g_str_has_prefix (line, "* "))
    return protocol_error (error, _("The server’s greeting is not an IMAP greeting."));

  if (starts_with_word (line + 2, "OK") || starts_with_word (line + 2, "PREAUTH"))
    self->ok = TRUE;
  else if (starts_with_word (line + 2, "BYE"))
    self->ok = FALSE;
  else
    return protocol_error (error, _("The server’s greeting is not an IMAP greeting."));

  self->complete = TRUE;
  return TRUE;
}

static gboolean
feed_imap_tagged (MsaAnswer   *self,
                  const char  *line,
                  GError     **error)
{
  gsize tag_length = strlen (self->tag);

  /* Untagged data and continuation requests come before the completion. */
  if (g_str_has_prefix (line, "* ") || g_str_has_prefix (line, "+ ")
      || strcmp (line, "+") == 0)
    return TRUE;

  if (strncmp (line, self->tag, tag_length) == 0 && line[tag_length] == ' ')
    {
      const char *status = line + tag_length + 1;

      if (starts_with_word (status, "OK"))
        self->ok = TRUE;
      else if (starts_with_word (status, "NO") || starts_with_word (status, "BAD"))
        self->ok = FALSE;
      else
        return protocol_error (error, _("The server answered with an unknown IMAP status."));

      self->complete = TRUE;
      return TRUE;
    }

  return protocol_error (error, _("The server sent an answer that does not fit the IMAP protocol."));
}

static gboolean
feed_pop3_status (MsaAnswer   *self,
                  const char  *line,
                  GError     **error)
{
  if (g_ascii_strncasecmp (line, "+OK", 3) == 0)
    self->ok = TRUE;
  else if (g_ascii_strncasecmp (line, "-ERR", 4) == 0)
    self->ok = FALSE;
  else
    return protocol_error (error, _("The server sent an answer that does not fit the POP3 protocol."));

  return TRUE;
}

static gboolean
feed_pop3 (MsaAnswer   *self,
           const char  *line,
           GError     **error)
{
  /* The first line is the status; only a positive multi-line answer has
   * more lines, up to a line of a single dot. */
  if (self->lines->len == 1)
    {
      if (!feed_pop3_status (self, line, error))
        return FALSE;
      self->complete = self->kind == MSA_ANSWER_POP3_SINGLE || !self->ok;
      return TRUE;
    }

  if (strcmp (line, ".") == 0)
    self->complete = TRUE;
  return TRUE;
}

static gboolean
feed_smtp (MsaAnswer   *self,
           const char  *line,
           GError     **error)
{
  guint code;

  if (!g_ascii_isdigit (line[0]) || !g_ascii_isdigit (line[1])
      || !g_ascii_isdigit (line[2])
      || (line[3] != '\0' && line[3] != ' ' && line[3] != '-'))
    return protocol_error (error, _("The server sent an answer that does not fit the SMTP protocol."));

  code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  if (code < 200 || code > 599)
    return protocol_error (error, _("The server sent an answer that does not fit the SMTP protocol."));
  if (self->code != 0 && code != self->code)
    return protocol_error (error, _("The server changed its reply code within one SMTP answer."));

  self->code = code;
  self->ok = code >= 200 && code < 300;
  self->complete = line[3] != '-';
  return TRUE;
}

gboolean
msa_answer_feed (MsaAnswer   *self,
                 const char  *line,
                 gboolean    *complete,
                 GError     **error)
{
  gboolean fed = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->complete)
    return protocol_error (error, _("The server sent more than it was asked for."));

  self->size += strlen (line) + 2;
  if (self->size > MSA_PROTOCOL_MAX_ANSWER)
    return protocol_error (error, _("The server’s answer is too long."));

  /* Stored after parsing: feed_pop3() tells the first line by the
   * still empty array. */
  switch (self->kind)
    {
    case MSA_ANSWER_IMAP_GREETING:
      fed = feed_imap_greeting (self, line, error);
      break;
    case MSA_ANSWER_IMAP_TAGGED:
      fed = feed_imap_tagged (self, line, error);
      break;
    case MSA_ANSWER_POP3_SINGLE:
    case MSA_ANSWER_POP3_MULTI:
      fed = feed_pop3 (self, line, error);
      break;
    case MSA_ANSWER_SMTP:
      fed = feed_smtp (self, line, error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!fed)
    return FALSE;

  g_ptr_array_insert (self->lines, self->lines->len - 1, g_strdup (line));
  if (complete != NULL)
    *complete = self->complete;
  return TRUE;
}

gboolean
msa_answer_is_complete (MsaAnswer *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->complete;
}

gboolean
msa_answer_is_ok (MsaAnswer *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->kind == MSA_ANSWER_SMTP)
    return self->complete && self->code >= 200 && self->code < 300;
  return self->complete && self->ok;
}

guint
msa_answer_get_code (MsaAnswer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->code;
}

const char * const *
msa_answer_get_lines (MsaAnswer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->lines->pdata;
}

const char *
msa_answer_get_first_line (MsaAnswer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->lines->len > 1 ? self->lines->pdata[0] : NULL;
}

/* Capabilities */

static void
add_words (GPtrArray  *array,
           const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (array, g_strdup (words[i]));
}

static char **
finish_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (char **) g_ptr_array_free (array, FALSE);
}

/**
 * msa_protocol_imap_greeting_capabilities:
 * @greeting: an IMAP greeting line
 *
 * Returns: (transfer full) (nullable): the atoms of the greeting's
 *   [CAPABILITY …] response code, or %NULL when it has none
 */
char **
msa_protocol_imap_greeting_capabilities (const char *greeting)
{
  const char *text;
  const char *end;
  g_autofree char *inner = NULL;
  GPtrArray *array;

  g_return_val_if_fail (greeting != NULL, NULL);

  if (!g_str_has_prefix (greeting, "* "))
    return NULL;

  /* The response code follows the status word: "* OK [CAPABILITY …] …" */
  text = strchr (greeting + 2, ' ');
  if (text == NULL)
    return NULL;
  text++;
  if (g_ascii_strncasecmp (text, "[CAPABILITY ", strlen ("[CAPABILITY ")) != 0)
    return NULL;
  text += strlen ("[CAPABILITY ");
  end = strchr (text, ']');
  if (end == NULL)
    return NULL;

  inner = g_strndup (text, end - text);
  array = g_ptr_array_new ();
  add_words (array, inner);
  return finish_strv (array);
}

/**
 * msa_protocol_imap_capabilities:
 * @lines: the lines of an answer to CAPABILITY (or STARTTLS)
 *
 * Returns: (transfer full): the capabilities of every untagged
 *   CAPABILITY line
 */
char **
msa_protocol_imap_capabilities (const char * const *lines)
{
  GPtrArray *array = g_ptr_array_new ();

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], "* CAPABILITY ", strlen ("* CAPABILITY ")) == 0)
      add_words (array, lines[i] + strlen ("* CAPABILITY "));

  return finish_strv (array);
}

/**
 * msa_protocol_pop3_capabilities:
 * @lines: the lines of an answer to CAPA
 *
 * Returns: (transfer full): one entry per capability line
 */
char **
msa_protocol_pop3_capabilities (const char * const *lines)
{
  GPtrArray *array = g_ptr_array_new ();

  if (lines == NULL || lines[0] == NULL || g_ascii_strncasecmp (lines[0], "+OK", 3) != 0)
    return finish_strv (array);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (strcmp (line, ".") == 0)
        break;
      /* Undo dot-stuffing. */
      if (line[0] == '.')
        line++;
      if (line[0] != '\0')
        g_ptr_array_add (array, g_strdup (line));
    }

  return finish_strv (array);
}

/**
 * msa_protocol_smtp_capabilities:
 * @lines: the lines of an answer to EHLO
 *
 * Returns: (transfer full): the EHLO keywords with their parameters
 */
char **
msa_protocol_smtp_capabilities (const char * const *lines)
{
  GPtrArray *array = g_ptr_array_new ();

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      /* The first line greets with the server's name. */
      if (i == 0 || strlen (lines[i]) <= 4 || lines[i][0] != '2')
        continue;
      g_ptr_array_add (array, g_strdup (lines[i] + 4));
    }

  return finish_strv (array);
}

static gboolean
word_equal (const char *text,
            gsize       length,
            const char *word)
{
  return strlen (word) == length && g_ascii_strncasecmp (text, word, length) == 0;
}

gboolean
msa_protocol_has_capability (const char * const *capabilities,
                             const char         *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; capabilities != NULL && capabilities[i] != NULL; i++)
    {
      const char *entry = capabilities[i];

      if (word_equal (entry, strcspn (entry, " ="), name))
        return TRUE;
    }

  return FALSE;
}

gboolean
msa_protocol_has_capability_value (const char * const *capabilities,
                                   const char         *name,
                                   const char         *value)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  for (guint i = 0; capabilities != NULL && capabilities[i] != NULL; i++)
    {
      const char *entry = capabilities[i];
      gsize name_length = strcspn (entry, " =");
      g_auto(GStrv) words = NULL;

      if (!word_equal (entry, name_length, name))
        continue;

      /* IMAP "AUTH=PLAIN": one atom per mechanism. */
      if (entry[name_length] == '=')
        {
          if (g_ascii_strcasecmp (entry + name_length + 1, value) == 0)
            return TRUE;
          continue;
        }

      /* POP3 "SASL PLAIN LOGIN", SMTP "AUTH PLAIN LOGIN" (or "AUTH=PLAIN"
       * of old clients' servers, handled above). */
      words = g_strsplit_set (entry + name_length, " \t", -1);
      for (guint j = 0; words[j] != NULL; j++)
        if (g_ascii_strcasecmp (words[j], value) == 0)
          return TRUE;
    }

  return FALSE;
}
