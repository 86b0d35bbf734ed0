/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msa-engine-enums.h"

G_BEGIN_DECLS

/* The nicks are the words of autoconfig's server types, of --protocol
 * and of the JSON report. */
typedef enum
{
  MSA_PROTOCOL_IMAP,
  MSA_PROTOCOL_POP3,
  MSA_PROTOCOL_SMTP,
} MsaProtocol;

/* The nicks are the words of the JSON report (autoconfig spells them
 * SSL, STARTTLS and plain). */
typedef enum
{
  MSA_SECURITY_SSL,
  MSA_SECURITY_STARTTLS,
  MSA_SECURITY_PLAIN,
} MsaSecurity;

#define MSA_TYPE_SERVER (msa_server_get_type ())
G_DECLARE_FINAL_TYPE (MsaServer, msa_server, MSA, SERVER, GObject)

const char  *msa_protocol_to_string         (MsaProtocol   protocol);
gboolean     msa_protocol_from_string       (const char   *name,
                                             MsaProtocol  *protocol);
const char  *msa_security_to_string         (MsaSecurity   security);
gboolean     msa_security_from_string       (const char   *name,
                                             MsaSecurity  *security);
guint16      msa_protocol_default_port      (MsaProtocol   protocol,
                                             MsaSecurity   security);

MsaServer   *msa_server_new                 (MsaProtocol   protocol,
                                             const char   *hostname,
                                             guint16       port,
                                             MsaSecurity   security);
MsaProtocol  msa_server_get_protocol        (MsaServer    *self);
const char  *msa_server_get_hostname        (MsaServer    *self);
guint16      msa_server_get_port            (MsaServer    *self);
MsaSecurity  msa_server_get_security        (MsaServer    *self);
const char  *msa_server_get_username        (MsaServer    *self);
void         msa_server_set_username        (MsaServer    *self,
                                             const char   *username);
const char  *msa_server_get_authentication  (MsaServer    *self);
void         msa_server_set_authentication  (MsaServer    *self,
                                             const char   *authentication);
gboolean     msa_server_is_incoming         (MsaServer    *self);
gboolean     msa_server_equal               (MsaServer    *a,
                                             MsaServer    *b);

G_END_DECLS
