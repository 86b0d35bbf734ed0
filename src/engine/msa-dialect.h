/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-protocol.h"
#include "msa-server.h"

G_BEGIN_DECLS

/* How one mail protocol says the few things a check needs: its
 * greeting, capabilities, STARTTLS and goodbye.  One row per protocol,
 * so the server check's dialogue is written once for all three. */
typedef struct
{
  MsaProtocol     protocol;
  /* IMAP: every command carries a tag, and its answer ends with it. */
  gboolean        tagged;
  MsaAnswerKind   greeting;
  /* IMAP lists its capabilities in the greeting, usually: then no
   * capability command is sent. */
  gboolean        greeting_has_capabilities;
  /* NULL: SMTP's EHLO, which names the client's address. */
  const char     *capability_command;
  MsaAnswerKind   capability_answer;
  /* The capabilities in an answer; @ok: whether the answer was positive. */
  char         **(*parse_capabilities) (const char * const *lines,
                                        gboolean            ok);
  const char     *starttls_capability;
  const char     *starttls_command;
  MsaAnswerKind   starttls_answer;
  const char     *goodbye_command;
  /* Whether the server offers, before STARTTLS, a way to send a
   * password in the clear. */
  gboolean      (*allows_plain_login) (const char * const *capabilities);
} MsaDialect;

const MsaDialect *msa_dialect_get (MsaProtocol protocol);

G_END_DECLS
