/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-settings-page.h"

G_BEGIN_DECLS

/* What the tests read back; the wizard itself does not need these. */
MsaCopyRow *msa_settings_page_get_row      (MsaSettingsPage     *self,
                                            gboolean             incoming,
                                            MsaSettingField       row);
gboolean    msa_settings_page_get_shows_check_failure (MsaSettingsPage *self);
const char *msa_settings_page_get_check_failure_text (MsaSettingsPage *self);
char       *msa_settings_page_dup_all_text (MsaSettingsPage     *self);

G_END_DECLS
