/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-fuzz.h"

#include <string.h>

#include "msa-protocol.h"

/* The line splitter and the answer parsers of IMAP, POP3 and SMTP, as a
 * server's bytes reach them.  The first byte picks the kind of answer
 * expected; the rest arrives in pieces whose sizes the next bytes pick,
 * as TCP may cut it anywhere. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const MsaAnswerKind kinds[] = {
    MSA_ANSWER_IMAP_GREETING, MSA_ANSWER_IMAP_TAGGED, MSA_ANSWER_POP3_SINGLE,
    MSA_ANSWER_POP3_MULTI, MSA_ANSWER_SMTP,
  };
  g_autoptr(MsaLineSplitter) splitter = msa_line_splitter_new ();
  g_autoptr(MsaAnswer) answer = NULL;
  MsaAnswerKind kind;
  gboolean done = FALSE;
  size_t offset = 1;

  if (size < 2)
    return 0;
  kind = kinds[data[0] % G_N_ELEMENTS (kinds)];
  answer = msa_answer_new (kind, kind == MSA_ANSWER_IMAP_TAGGED ? "A1" : NULL);

  while (!done && offset < size)
    {
      size_t piece = MIN ((size_t) data[offset] + 1, size - offset - 1);
      char *line;

      msa_line_splitter_push (splitter, (const char *) data + offset + 1, piece);
      offset += piece + 1;

      for (;;)
        {
          g_autoptr(GError) error = NULL;
          gboolean complete = FALSE;

          line = msa_line_splitter_next_line (splitter, &error);
          if (line == NULL)
            {
              done = error != NULL;
              break;
            }
          g_assert (strlen (line) <= MSA_PROTOCOL_MAX_LINE);
          if (!msa_answer_feed (answer, line, &complete, &error))
            {
              g_assert (error != NULL);
              done = TRUE;
            }
          g_free (line);
          if (done || complete)
            {
              done = TRUE;
              break;
            }
        }
      g_assert (msa_line_splitter_get_pending (splitter) <= MSA_PROTOCOL_MAX_LINE + 256);
    }

  if (msa_answer_is_complete (answer))
    {
      const char * const *lines = msa_answer_get_lines (answer);
      g_auto(GStrv) greeting = msa_protocol_imap_greeting_capabilities (msa_answer_get_first_line (answer));
      g_auto(GStrv) imap = msa_protocol_imap_capabilities (lines);
      g_auto(GStrv) pop3 = msa_protocol_pop3_capabilities (lines);
      g_auto(GStrv) smtp = msa_protocol_smtp_capabilities (lines);

      (void) msa_answer_is_ok (answer);
      (void) msa_answer_get_code (answer);
      (void) msa_protocol_has_capability_value ((const char * const *) imap, "AUTH", "PLAIN");
      (void) msa_protocol_has_capability_value ((const char * const *) pop3, "SASL", "PLAIN");
      (void) msa_protocol_has_capability ((const char * const *) smtp, "STARTTLS");
      (void) greeting;
    }
  return 0;
}
