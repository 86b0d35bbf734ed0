/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msa-found-account.h"

G_BEGIN_DECLS

/* The accounts of the mail programs on this computer: scanned as soon
 * as the group exists, a row an account with its program and worst
 * verdict, and a row to scan a folder the user chooses. */
#define MSA_TYPE_FOUND_ACCOUNTS_GROUP (msa_found_accounts_group_get_type ())
G_DECLARE_FINAL_TYPE (MsaFoundAccountsGroup, msa_found_accounts_group, MSA, FOUND_ACCOUNTS_GROUP, AdwPreferencesGroup)

void       msa_found_accounts_group_set_chosen       (MsaFoundAccountsGroup *self,
                                                      MsaFoundAccount       *account);
void       msa_found_accounts_group_set_cancellable  (MsaFoundAccountsGroup *self,
                                                      GCancellable          *cancellable);
void       msa_found_accounts_group_scan_folder      (MsaFoundAccountsGroup *self,
                                                      GFile                 *folder);
GPtrArray *msa_found_accounts_group_get_rows         (MsaFoundAccountsGroup *self);
gboolean   msa_found_accounts_group_get_scan_done    (MsaFoundAccountsGroup *self);

G_END_DECLS
