/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the readers of the account stores share during one scan: the
 * folders to read, bounded asynchronous reading, and where results go.
 * Private to the accounts library. */

#include <gio/gio.h>

#include "msa-found-account.h"

G_BEGIN_DECLS

/* No account store comes near this; a bigger file is not one. */
#define MSA_SCAN_MAX_FILE_SIZE (8 * 1024 * 1024)
/* Entries read from one folder at most (Evolution keeps one file a
 * source; thousands are already unusual). */
#define MSA_SCAN_MAX_DIR_ENTRIES 10000

typedef struct _MsaScanContext MsaScanContext;

typedef void (*MsaScanFileFunc)   (MsaScanContext *context,
                                   GFile          *file,
                                   GBytes         *contents,
                                   gpointer        user_data);
typedef void (*MsaScanDirFunc)    (MsaScanContext *context,
                                   GFile          *dir,
                                   const char * const *names,
                                   gpointer        user_data);
typedef void (*MsaScanFinishFunc) (MsaScanContext *context,
                                   gpointer        user_data);

MsaScanContext *msa_scan_context_new            (GFile              *home,
                                                 GFile              *config,
                                                 GFile              *folder,
                                                 GCancellable       *cancellable);
void            msa_scan_context_free           (MsaScanContext     *self);
GFile          *msa_scan_context_get_home       (MsaScanContext     *self);
GFile          *msa_scan_context_get_config     (MsaScanContext     *self);
GFile          *msa_scan_context_get_folder     (MsaScanContext     *self);
void            msa_scan_context_hold           (MsaScanContext     *self);
void            msa_scan_context_release        (MsaScanContext     *self);
void            msa_scan_context_set_done_func  (MsaScanContext     *self,
                                                 MsaScanFinishFunc   func,
                                                 gpointer            user_data);
void            msa_scan_context_read_file      (MsaScanContext     *self,
                                                 GFile              *file,
                                                 MsaScanFileFunc     func,
                                                 gpointer            user_data);
void            msa_scan_context_list_dir       (MsaScanContext     *self,
                                                 GFile              *dir,
                                                 MsaScanDirFunc      func,
                                                 gpointer            user_data);
void            msa_scan_context_add_finish     (MsaScanContext     *self,
                                                 MsaScanFinishFunc   func,
                                                 gpointer            user_data,
                                                 GDestroyNotify      destroy);
void            msa_scan_context_add_account    (MsaScanContext     *self,
                                                 MsaFoundAccount    *account);
void            msa_scan_context_add_found      (MsaScanContext     *self,
                                                 MsaMailProgram      program,
                                                 const char         *source,
                                                 const char         *name,
                                                 const char         *address,
                                                 const char         *fallback,
                                                 MsaFoundServer     *incoming,
                                                 MsaFoundServer     *outgoing);
void            msa_scan_context_add_unreadable (MsaScanContext     *self,
                                                 GFile              *file,
                                                 const char         *message);
GPtrArray      *msa_scan_context_get_accounts   (MsaScanContext     *self);
GPtrArray      *msa_scan_context_get_unreadable (MsaScanContext     *self);
char           *msa_scan_context_dup_display_path (GFile            *file);

/* Each program's reader starts its reads (msa-reader-*.c). */
void msa_reader_thunderbird_start (MsaScanContext *context);
void msa_reader_evolution_start   (MsaScanContext *context);
void msa_reader_kmail_start       (MsaScanContext *context);
void msa_reader_geary_start       (MsaScanContext *context);
void msa_reader_claws_start       (MsaScanContext *context);
void msa_reader_goa_start         (MsaScanContext *context);

G_END_DECLS
