/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-dialect.h"

static char **
imap_capabilities (const char * const *lines,
                   gboolean            ok)
{
  return msa_protocol_imap_capabilities (lines);
}

/* An old server without CAPA says -ERR: no capabilities, no error. */
static char **
pop3_capabilities (const char * const *lines,
                   gboolean            ok)
{
  return msa_protocol_pop3_capabilities (lines);
}

static char **
smtp_capabilities (const char * const *lines,
                   gboolean            ok)
{
  return ok ? msa_protocol_smtp_capabilities (lines) : g_new0 (char *, 1);
}

static gboolean
imap_allows_plain_login (const char * const *capabilities)
{
  return !msa_protocol_has_capability (capabilities, "LOGINDISABLED");
}

static gboolean
pop3_allows_plain_login (const char * const *capabilities)
{
  return msa_protocol_has_capability (capabilities, "USER")
         || msa_protocol_has_capability_value (capabilities, "SASL", "PLAIN")
         || msa_protocol_has_capability_value (capabilities, "SASL", "LOGIN");
}

static gboolean
smtp_allows_plain_login (const char * const *capabilities)
{
  return msa_protocol_has_capability (capabilities, "AUTH");
}

/* RFC 3501 (IMAP), RFC 1939 and 2449 (POP3, CAPA), RFC 2595 (STLS),
 * RFC 5321 and 3207 (SMTP, STARTTLS). */
static const MsaDialect dialects[] = {
  {
    .protocol = MSA_PROTOCOL_IMAP,
    .tagged = TRUE,
    .greeting = MSA_ANSWER_IMAP_GREETING,
    .greeting_has_capabilities = TRUE,
    .capability_command = "CAPABILITY",
    .capability_answer = MSA_ANSWER_IMAP_TAGGED,
    .parse_capabilities = imap_capabilities,
    .starttls_capability = "STARTTLS",
    .starttls_command = "STARTTLS",
    .starttls_answer = MSA_ANSWER_IMAP_TAGGED,
    .goodbye_command = "LOGOUT",
    .allows_plain_login = imap_allows_plain_login,
  },
  {
    .protocol = MSA_PROTOCOL_POP3,
    .tagged = FALSE,
    .greeting = MSA_ANSWER_POP3_SINGLE,
    .greeting_has_capabilities = FALSE,
    .capability_command = "CAPA",
    .capability_answer = MSA_ANSWER_POP3_MULTI,
    .parse_capabilities = pop3_capabilities,
    .starttls_capability = "STLS",
    .starttls_command = "STLS",
    .starttls_answer = MSA_ANSWER_POP3_SINGLE,
    .goodbye_command = "QUIT",
    .allows_plain_login = pop3_allows_plain_login,
  },
  {
    .protocol = MSA_PROTOCOL_SMTP,
    .tagged = FALSE,
    .greeting = MSA_ANSWER_SMTP,
    .greeting_has_capabilities = FALSE,
    .capability_command = NULL,
    .capability_answer = MSA_ANSWER_SMTP,
    .parse_capabilities = smtp_capabilities,
    .starttls_capability = "STARTTLS",
    .starttls_command = "STARTTLS",
    .starttls_answer = MSA_ANSWER_SMTP,
    .goodbye_command = "QUIT",
    .allows_plain_login = smtp_allows_plain_login,
  },
};

/**
 * msa_dialect_get:
 * @protocol: a protocol
 *
 * Returns: (transfer none): how @protocol says things
 */
const MsaDialect *
msa_dialect_get (MsaProtocol protocol)
{
  for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
    if (dialects[i].protocol == protocol)
      return &dialects[i];

  g_return_val_if_reached (&dialects[0]);
}
