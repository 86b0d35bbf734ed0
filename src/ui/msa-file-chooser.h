/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The file chooser every page uses: through the portal inside Flatpak,
 * so that the sandbox only ever sees what the user chose. */
typedef enum
{
  MSA_FILE_CHOOSER_OPEN,
  MSA_FILE_CHOOSER_SAVE,
  MSA_FILE_CHOOSER_SELECT_FOLDER,
} MsaFileChooserAction;

void   msa_file_chooser_run_async   (GtkWidget            *widget,
                                     MsaFileChooserAction  action,
                                     const char           *title,
                                     const char           *accept_label,
                                     GtkFileFilter        *filter,
                                     const char           *initial_name,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GFile *msa_file_chooser_run_finish  (GAsyncResult         *result,
                                     GError              **error);

G_END_DECLS
