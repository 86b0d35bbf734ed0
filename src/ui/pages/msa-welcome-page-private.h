/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-welcome-page.h"

G_BEGIN_DECLS

/* What the tests read back; the wizard itself does not need these. */
gboolean    msa_welcome_page_get_busy  (MsaWelcomePage *self);
const char *msa_welcome_page_get_error (MsaWelcomePage *self);

G_END_DECLS
