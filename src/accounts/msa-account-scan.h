/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msa-found-account.h"
#include "msa-profile.h"

G_BEGIN_DECLS

/* A file that should have held accounts and could not be read. */
typedef struct
{
  char *path;
  char *message;
} MsaUnreadable;

void msa_unreadable_free (MsaUnreadable *unreadable);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsaUnreadable, msa_unreadable_free)

#define MSA_TYPE_ACCOUNT_SCAN (msa_account_scan_get_type ())
G_DECLARE_FINAL_TYPE (MsaAccountScan, msa_account_scan, MSA, ACCOUNT_SCAN, GObject)

MsaAccountScan  *msa_account_scan_new             (GFile               *home,
                                                   GFile               *config);
MsaAccountScan  *msa_account_scan_new_for_user    (void);
MsaAccountScan  *msa_account_scan_new_for_folder  (GFile               *folder);
GFile           *msa_account_scan_get_folder      (MsaAccountScan      *self);
GFile           *msa_account_scan_get_home        (MsaAccountScan      *self);
GFile           *msa_account_scan_get_config      (MsaAccountScan      *self);
void             msa_account_scan_add_profile     (MsaAccountScan      *self,
                                                   MsaProfile          *profile);
void             msa_account_scan_run_async       (MsaAccountScan      *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         msa_account_scan_run_finish      (MsaAccountScan      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
GListModel      *msa_account_scan_get_accounts    (MsaAccountScan      *self);
GPtrArray       *msa_account_scan_get_unreadable  (MsaAccountScan      *self);
gboolean         msa_account_scan_get_all_encrypted (MsaAccountScan    *self);
GStrv            msa_account_scan_get_unknown_domains (MsaAccountScan *self);
void             msa_account_scan_add_discovered  (MsaAccountScan      *self,
                                                   const char          *domain,
                                                   MsaProfile          *profile);
void             msa_account_scan_find_providers_async  (MsaAccountScan      *self,
                                                         GTlsDatabase        *database,
                                                         const char          *ispdb_url,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean         msa_account_scan_find_providers_finish (MsaAccountScan      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
char            *msa_account_scan_to_json         (MsaAccountScan      *self);

G_END_DECLS
