/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msa-profile.h"
#include "msa-server-check.h"

G_BEGIN_DECLS

#define MSA_TYPE_PROFILE_CHECK (msa_profile_check_get_type ())
G_DECLARE_FINAL_TYPE (MsaProfileCheck, msa_profile_check, MSA, PROFILE_CHECK, GObject)

MsaProfileCheck *msa_profile_check_new          (MsaProfile       *profile,
                                                 GTlsDatabase     *database,
                                                 guint             timeout_seconds);
void             msa_profile_check_add_server   (MsaProfileCheck  *self,
                                                 MsaServer        *server);
void             msa_profile_check_select       (MsaProfileCheck  *self,
                                                 const MsaProtocol *protocols,
                                                 gsize             n_protocols);
void             msa_profile_check_run_async    (MsaProfileCheck  *self,
                                                 GCancellable     *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer          user_data);
gboolean         msa_profile_check_run_finish   (MsaProfileCheck  *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);
MsaProfile      *msa_profile_check_get_profile  (MsaProfileCheck  *self);
GListModel      *msa_profile_check_get_checks   (MsaProfileCheck  *self);
gboolean         msa_profile_check_get_passed   (MsaProfileCheck  *self);

G_END_DECLS
