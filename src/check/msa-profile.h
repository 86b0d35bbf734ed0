/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  MSA_PROTOCOL_IMAP,
  MSA_PROTOCOL_POP3,
  MSA_PROTOCOL_SMTP,
} MsaProtocol;

typedef enum
{
  MSA_SECURITY_SSL,
  MSA_SECURITY_STARTTLS,
  MSA_SECURITY_PLAIN,
} MsaSecurity;

/* Errors of reading a provider profile.  The message always names the
 * file and, where the problem has one, the line. */
#define MSA_PROFILE_ERROR (msa_profile_error_quark ())
typedef enum
{
  MSA_PROFILE_ERROR_READ,            /* cannot be read at all */
  MSA_PROFILE_ERROR_EMPTY,
  MSA_PROFILE_ERROR_BINARY,
  MSA_PROFILE_ERROR_TOO_LARGE,       /* over 1 MiB */
  MSA_PROFILE_ERROR_NOT_XML,
  MSA_PROFILE_ERROR_WRONG_ROOT,      /* not <clientConfig> */
  MSA_PROFILE_ERROR_NO_SERVERS,
  MSA_PROFILE_ERROR_MISSING_HOSTNAME,
  MSA_PROFILE_ERROR_BAD_PORT,        /* not a number, or outside 1–65535 */
  MSA_PROFILE_ERROR_BAD_SOCKET_TYPE,
  MSA_PROFILE_ERROR_BAD_SERVER_TYPE,
  MSA_PROFILE_ERROR_BAD_HOSTNAME,    /* spaces, control characters, placeholders */
} MsaProfileError;

#define MSA_PROFILE_MAX_SIZE (1024 * 1024)

/* Where the built-in domainFACTORY profile lives in the check library's
 * own GResource (data/providers/df.eu.xml). */
#define MSA_PROFILE_BUILTIN_RESOURCE "/io/github/mailssl/Assistant/providers/df.eu.xml"

#define MSA_TYPE_PROTOCOL (msa_protocol_get_type ())
#define MSA_TYPE_SECURITY (msa_security_get_type ())
GType        msa_protocol_get_type          (void) G_GNUC_CONST;
GType        msa_security_get_type          (void) G_GNUC_CONST;

#define MSA_TYPE_SERVER (msa_server_get_type ())
G_DECLARE_FINAL_TYPE (MsaServer, msa_server, MSA, SERVER, GObject)

#define MSA_TYPE_PROFILE (msa_profile_get_type ())
G_DECLARE_FINAL_TYPE (MsaProfile, msa_profile, MSA, PROFILE, GObject)

GQuark       msa_profile_error_quark        (void);

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

MsaProfile  *msa_profile_new                (const char   *domain,
                                             const char   *display_name);
MsaProfile  *msa_profile_new_builtin        (void);
MsaProfile  *msa_profile_new_from_bytes     (GBytes       *bytes,
                                             const char   *file_name,
                                             GError      **error);
MsaProfile  *msa_profile_new_from_file      (GFile        *file,
                                             GError      **error);
void         msa_profile_load_async         (GFile        *file,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer      user_data);
MsaProfile  *msa_profile_load_finish        (GAsyncResult *result,
                                             GError      **error);
const char  *msa_profile_get_id             (MsaProfile   *self);
const char  *msa_profile_get_domain         (MsaProfile   *self);
const char * const *
             msa_profile_get_domains        (MsaProfile   *self);
void         msa_profile_add_domain         (MsaProfile   *self,
                                             const char   *domain);
const char  *msa_profile_get_display_name   (MsaProfile   *self);
GListModel  *msa_profile_get_servers        (MsaProfile   *self);
void         msa_profile_add_server         (MsaProfile   *self,
                                             MsaServer    *server);
MsaServer   *msa_profile_find_server        (MsaProfile   *self,
                                             MsaProtocol   protocol,
                                             MsaSecurity   security);
char        *msa_profile_to_xml             (MsaProfile   *self);
gboolean     msa_profile_equal              (MsaProfile   *a,
                                             MsaProfile   *b);

G_END_DECLS
