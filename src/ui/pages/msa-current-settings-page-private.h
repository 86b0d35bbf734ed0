/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-current-settings-page.h"

G_BEGIN_DECLS

/* What the tests read back; the wizard itself does not need these. */
char      *msa_current_settings_page_dup_changes (MsaCurrentSettingsPage *self);

G_END_DECLS
