/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-page.h"
#include "msa-setting-field.h"
#include "widgets/msa-copy-row.h"

G_BEGIN_DECLS

/* The incoming group and the outgoing group have a row for each
 * MsaSettingField. */

#define MSA_TYPE_SETTINGS_PAGE (msa_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (MsaSettingsPage, msa_settings_page, MSA, SETTINGS_PAGE, MsaPage)

GtkWidget  *msa_settings_page_new (MsaWizardState *state);
void        msa_settings_page_copy_all     (MsaSettingsPage     *self);
void        msa_settings_page_save_async   (MsaSettingsPage     *self,
                                            GFile               *file,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    msa_settings_page_save_finish  (MsaSettingsPage     *self,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
