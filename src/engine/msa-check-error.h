/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One code per failure cause; the strings are the contract of --json. */
#define MSA_CHECK_ERROR (msa_check_error_quark ())
typedef enum
{
  MSA_CHECK_ERROR_RESOLVE_FAILED,
  MSA_CHECK_ERROR_CONNECTION_REFUSED,
  MSA_CHECK_ERROR_NETWORK_UNREACHABLE,
  MSA_CHECK_ERROR_TIMEOUT,
  MSA_CHECK_ERROR_TLS_FAILED,
  MSA_CHECK_ERROR_CERTIFICATE_UNTRUSTED,
  MSA_CHECK_ERROR_CERTIFICATE_HOSTNAME_MISMATCH,
  MSA_CHECK_ERROR_CERTIFICATE_EXPIRED,
  MSA_CHECK_ERROR_CERTIFICATE_NOT_YET_VALID,
  MSA_CHECK_ERROR_STARTTLS_UNSUPPORTED,
  MSA_CHECK_ERROR_PROTOCOL_ERROR,
  MSA_CHECK_ERROR_TLS_OUTDATED,
  MSA_CHECK_ERROR_CERTIFICATE_INSECURE,
  MSA_CHECK_ERROR_STARTTLS_FAILED,
  MSA_CHECK_ERROR_LOCAL_ERROR,
  MSA_CHECK_ERROR_CANCELLED,
} MsaCheckError;

GQuark      msa_check_error_quark        (void);
const char *msa_check_error_to_code      (MsaCheckError  error);
gboolean    msa_check_error_from_code    (const char    *code,
                                          MsaCheckError *error);
const char *msa_check_error_get_title    (MsaCheckError  error);
const char *msa_check_error_get_advice   (MsaCheckError  error);

G_END_DECLS
