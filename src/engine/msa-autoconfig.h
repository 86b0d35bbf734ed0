/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msa-profile.h"

G_BEGIN_DECLS

/* Mozilla's autoconfig format (clientConfig version="1.1"), read into
 * and written from an MsaProfile. */

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
  MSA_PROFILE_ERROR_BAD_HOSTNAME,    /* spaces, control characters, placeholders, too long */
  MSA_PROFILE_ERROR_BAD_VALUE,       /* control characters in a name */
  MSA_PROFILE_ERROR_NOT_REGULAR,     /* a FIFO, socket or device */
} MsaProfileError;

#define MSA_PROFILE_MAX_SIZE (1024 * 1024)

GQuark       msa_profile_error_quark                (void);

MsaProfile  *msa_profile_new_from_bytes             (GBytes        *bytes,
                                                     const char    *file_name,
                                                     GError       **error);
MsaProfile  *msa_profile_new_from_bytes_for_domain  (GBytes        *bytes,
                                                     const char    *file_name,
                                                     const char    *email_domain,
                                                     GError       **error);
MsaProfile  *msa_profile_new_from_file              (GFile         *file,
                                                     GError       **error);
void         msa_profile_load_async                 (GFile         *file,
                                                     GCancellable  *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer       user_data);
MsaProfile  *msa_profile_load_finish                (GAsyncResult  *result,
                                                     GError       **error);
char        *msa_profile_to_xml                     (MsaProfile    *self);

G_END_DECLS
