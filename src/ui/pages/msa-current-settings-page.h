/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-page.h"

G_BEGIN_DECLS

#define MSA_TYPE_CURRENT_SETTINGS_PAGE (msa_current_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (MsaCurrentSettingsPage, msa_current_settings_page, MSA, CURRENT_SETTINGS_PAGE, MsaPage)

GtkWidget *msa_current_settings_page_new (MsaWizardState *state);

G_END_DECLS
