/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msa-server.h"
#include "msa-accounts-enums.h"

G_BEGIN_DECLS

/* What a server found in a mail program's settings means for the user.
 * The nicks are the words of `--scan --json`. */
typedef enum
{
  MSA_VERDICT_ENCRYPTED,
  MSA_VERDICT_STARTTLS,
  MSA_VERDICT_UNENCRYPTED,
  MSA_VERDICT_CERTIFICATE_ERRORS_IGNORED,
} MsaVerdict;

#define MSA_TYPE_FOUND_SERVER (msa_found_server_get_type ())
G_DECLARE_FINAL_TYPE (MsaFoundServer, msa_found_server, MSA, FOUND_SERVER, GObject)

const char      *msa_verdict_to_string                      (MsaVerdict       verdict);

MsaFoundServer  *msa_found_server_new                       (MsaServer       *server,
                                                             gboolean         ignores_certificate_errors);
MsaServer       *msa_found_server_get_server                (MsaFoundServer  *self);
gboolean         msa_found_server_get_ignores_certificate_errors (MsaFoundServer *self);
MsaVerdict       msa_found_server_get_verdict               (MsaFoundServer  *self);
MsaServer       *msa_found_server_get_change                (MsaFoundServer  *self);
void             msa_found_server_set_change                (MsaFoundServer  *self,
                                                             MsaServer       *change);

G_END_DECLS
