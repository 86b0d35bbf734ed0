/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* An autoconfig document is at most this large, as a profile file is. */
#define MSA_DISCOVERY_FETCH_MAX_SIZE (1024 * 1024)
#define MSA_DISCOVERY_FETCH_MAX_REDIRECTS 3

SoupSession *msa_discovery_fetch_session_new (GTlsDatabase        *database,
                                              guint                timeout_seconds);
void         msa_discovery_fetch_async       (SoupSession         *session,
                                              const char          *url,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GBytes      *msa_discovery_fetch_finish      (GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
