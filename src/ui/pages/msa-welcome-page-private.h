/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-welcome-page.h"
#include "msa-discovery.h"

G_BEGIN_DECLS

/* What the tests read back; the wizard itself does not need these. */
gboolean    msa_welcome_page_get_busy  (MsaWelcomePage *self);
const char *msa_welcome_page_get_error (MsaWelcomePage *self);
const char *msa_welcome_page_get_profile_note (MsaWelcomePage *self);
void          msa_welcome_page_discover         (MsaWelcomePage *self,
                                                 const char     *address);
MsaDiscovery *msa_welcome_page_get_discovery    (MsaWelcomePage *self);
gboolean      msa_welcome_page_get_discovering  (MsaWelcomePage *self);
GPtrArray    *msa_welcome_page_get_source_rows  (MsaWelcomePage *self);
void          msa_welcome_page_cancel           (MsaWelcomePage *self);
gboolean      msa_welcome_page_confirm          (MsaWelcomePage *self);

G_END_DECLS
