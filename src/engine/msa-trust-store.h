/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The certificates a check trusts: the system's store, or one CA file
 * (--ca-file, the wizard's ca-file).  One loader for the wizard, the
 * command line and discovery, with one wording of each failure. */

#define MSA_TRUST_STORE_ERROR (msa_trust_store_error_quark ())
typedef enum
{
  MSA_TRUST_STORE_ERROR_NO_TLS,     /* GIO has no TLS backend */
  MSA_TRUST_STORE_ERROR_NOT_FOUND,  /* the CA file is missing or no file */
  MSA_TRUST_STORE_ERROR_UNUSABLE,   /* the CA file holds no certificates */
} MsaTrustStoreError;

GQuark        msa_trust_store_error_quark  (void);

GTlsDatabase *msa_trust_store_load         (const char           *ca_file,
                                            GError              **error);
void          msa_trust_store_load_async   (const char           *ca_file,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GTlsDatabase *msa_trust_store_load_finish  (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
