/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-current-settings-page.h"

G_BEGIN_DECLS

/* What the tests read back; the wizard itself does not need these. */
char      *msa_current_settings_page_dup_changes      (MsaCurrentSettingsPage *self);
GPtrArray *msa_current_settings_page_get_account_rows (MsaCurrentSettingsPage *self);
gboolean   msa_current_settings_page_get_scan_done    (MsaCurrentSettingsPage *self);
const char *msa_current_settings_page_get_problem     (MsaCurrentSettingsPage *self,
                                                       gboolean                incoming);
void       msa_current_settings_page_find_provider    (MsaCurrentSettingsPage *self);
gboolean   msa_current_settings_page_get_finding_provider (MsaCurrentSettingsPage *self);
void       msa_current_settings_page_scan_folder      (MsaCurrentSettingsPage *self,
                                                       GFile                  *folder);

G_END_DECLS
