/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "msa-found-account.h"
#include "msa-mail-client.h"

G_BEGIN_DECLS

/* The words for what the account scan finds, shared by the wizard and
 * `--scan`: each verdict's title and sentence, each program's name, and
 * the wizard's mail program whose labels an account's change uses. */
const char      *msa_verdict_get_title          (MsaVerdict       verdict);
const char      *msa_verdict_get_sentence       (MsaVerdict       verdict);
const char      *msa_mail_program_get_name      (MsaMailProgram   program);
MsaMailClientId  msa_mail_program_get_client    (MsaMailProgram   program);
const char      *msa_protocol_get_server_title  (MsaProtocol      protocol);
const char      *msa_security_get_label         (MsaSecurity      security);

G_END_DECLS
