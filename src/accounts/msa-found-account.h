/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msa-found-server.h"
#include "msa-accounts-enums.h"

G_BEGIN_DECLS

/* The programs whose account stores the scan reads.  The nicks are the
 * words of `--scan --json`. */
typedef enum
{
  MSA_MAIL_PROGRAM_THUNDERBIRD,
  MSA_MAIL_PROGRAM_EVOLUTION,
  MSA_MAIL_PROGRAM_KMAIL,
  MSA_MAIL_PROGRAM_GEARY,
  MSA_MAIL_PROGRAM_CLAWS_MAIL,
  MSA_MAIL_PROGRAM_GNOME_ONLINE_ACCOUNTS,
} MsaMailProgram;

#define MSA_TYPE_FOUND_ACCOUNT (msa_found_account_get_type ())
G_DECLARE_FINAL_TYPE (MsaFoundAccount, msa_found_account, MSA, FOUND_ACCOUNT, GObject)

const char       *msa_mail_program_to_string        (MsaMailProgram    program);

MsaFoundAccount  *msa_found_account_new             (MsaMailProgram    program,
                                                     const char       *source,
                                                     const char       *name);
MsaMailProgram    msa_found_account_get_program     (MsaFoundAccount  *self);
const char       *msa_found_account_get_source      (MsaFoundAccount  *self);
const char       *msa_found_account_get_name        (MsaFoundAccount  *self);
const char       *msa_found_account_get_address     (MsaFoundAccount  *self);
void              msa_found_account_set_address     (MsaFoundAccount  *self,
                                                     const char       *address);
char             *msa_found_account_dup_domain      (MsaFoundAccount  *self);
GListModel       *msa_found_account_get_servers     (MsaFoundAccount  *self);
void              msa_found_account_add_server      (MsaFoundAccount  *self,
                                                     MsaFoundServer   *server);
MsaVerdict        msa_found_account_get_worst_verdict (MsaFoundAccount *self);

G_END_DECLS
