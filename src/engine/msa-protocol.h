/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Pure parsers of what IMAP, POP3 and SMTP servers say: no I/O, so they
 * are easy to test.  Errors are MSA_CHECK_ERROR_PROTOCOL_ERROR. */

/* A line longer than this, or an answer longer than that, is a protocol
 * error: a server that floods us is not a mail server we can vouch for. */
#define MSA_PROTOCOL_MAX_LINE   (8 * 1024)
#define MSA_PROTOCOL_MAX_ANSWER (64 * 1024)

/* Splits received bytes into lines (CRLF or bare LF). */
typedef struct _MsaLineSplitter MsaLineSplitter;

MsaLineSplitter *msa_line_splitter_new        (void);
void             msa_line_splitter_free       (MsaLineSplitter *self);
void             msa_line_splitter_push       (MsaLineSplitter *self,
                                               const char      *data,
                                               gsize            length);
/* Returns the next complete line without its line end (transfer full),
 * or NULL: then @error tells whether the buffered rest is too long, or,
 * unset, that more data is needed. */
char            *msa_line_splitter_next_line  (MsaLineSplitter *self,
                                               GError         **error);
/* Bytes received but not yet returned as lines. */
gsize            msa_line_splitter_get_pending (MsaLineSplitter *self);
void             msa_line_splitter_clear      (MsaLineSplitter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsaLineSplitter, msa_line_splitter_free)

/* What shape of answer is expected; decides when it is complete. */
typedef enum
{
  MSA_ANSWER_IMAP_GREETING,  /* one untagged line: * OK, * PREAUTH, * BYE */
  MSA_ANSWER_IMAP_TAGGED,    /* untagged lines, then "<tag> OK|NO|BAD" */
  MSA_ANSWER_POP3_SINGLE,    /* one line: +OK or -ERR */
  MSA_ANSWER_POP3_MULTI,     /* +OK, lines, "." (or a single -ERR) */
  MSA_ANSWER_SMTP,           /* "250-…" lines, then "250 …" */
} MsaAnswerKind;

typedef struct _MsaAnswer MsaAnswer;

MsaAnswer          *msa_answer_new           (MsaAnswerKind  kind,
                                              const char    *tag);
void                msa_answer_free          (MsaAnswer     *self);
/* Feeds one line (without line end).  Returns FALSE with @error when the
 * line does not fit the protocol or the answer grows too long; sets
 * @complete once the answer's last line has arrived. */
gboolean            msa_answer_feed          (MsaAnswer     *self,
                                              const char    *line,
                                              gboolean      *complete,
                                              GError       **error);
gboolean            msa_answer_is_complete   (MsaAnswer     *self);
/* The positive result: IMAP OK or PREAUTH, POP3 +OK, SMTP 2xx (3xx for
 * a greeting is not positive).  Only meaningful once complete. */
gboolean            msa_answer_is_ok         (MsaAnswer     *self);
/* SMTP reply code, 0 for the other protocols. */
guint               msa_answer_get_code      (MsaAnswer     *self);
/* Every line as received. */
const char * const *msa_answer_get_lines     (MsaAnswer     *self);
/* The first line, as a greeting to show. */
const char         *msa_answer_get_first_line (MsaAnswer    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsaAnswer, msa_answer_free)

/* Capability lists (transfer full; NULL-terminated; may be empty). */

/* The [CAPABILITY …] response code of an IMAP greeting, or NULL when the
 * greeting carries none. */
char **msa_protocol_imap_greeting_capabilities (const char         *greeting);
/* The atoms of every untagged "* CAPABILITY …" line of an answer. */
char **msa_protocol_imap_capabilities          (const char * const *lines);
/* The lines between "+OK" and "." of a CAPA answer. */
char **msa_protocol_pop3_capabilities          (const char * const *lines);
/* The EHLO keywords with their parameters ("SIZE 10240000"), without the
 * first line, which names the server. */
char **msa_protocol_smtp_capabilities          (const char * const *lines);

/* TRUE when @capabilities holds @name (case-insensitive, first word of
 * each entry). */
gboolean msa_protocol_has_capability           (const char * const *capabilities,
                                                const char         *name);
/* TRUE when a capability @name offers @value among its words (POP3
 * "SASL PLAIN LOGIN", SMTP "AUTH PLAIN") or, for IMAP, "AUTH=PLAIN". */
gboolean msa_protocol_has_capability_value     (const char * const *capabilities,
                                                const char         *name,
                                                const char         *value);

G_END_DECLS
