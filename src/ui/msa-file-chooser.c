/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One way to ask for a file or a folder, whatever the GTK: GtkFileDialog
 * from GTK 4.10, GtkFileChooserNative before it (Debian 12's GTK 4.8).
 * Both go through the file chooser portal inside Flatpak; outside a
 * sandbox without a portal GTK shows its own dialog.  With the newer
 * runtime only the first half remains. */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-file-chooser.h"

#if GTK_CHECK_VERSION (4, 10, 0)

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
on_dialog_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (object);
  MsaFileChooserAction action = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  GFile *file = NULL;

  switch (action)
    {
    case MSA_FILE_CHOOSER_OPEN:
      file = gtk_file_dialog_open_finish (dialog, result, &error);
      break;
    case MSA_FILE_CHOOSER_SAVE:
      file = gtk_file_dialog_save_finish (dialog, result, &error);
      break;
    case MSA_FILE_CHOOSER_SELECT_FOLDER:
      file = gtk_file_dialog_select_folder_finish (dialog, result, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (file == NULL && g_task_return_error_if_cancelled (task))
    return;
  /* Dismissed by the user: no file, no error. */
  g_task_return_pointer (task, file, g_object_unref);
}

static void
run_dialog (GTask                *task,
            GtkWindow            *parent,
            MsaFileChooserAction  action,
            const char           *title,
            GtkFileFilter        *filter,
            const char           *initial_name)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GCancellable *cancellable = g_task_get_cancellable (task);

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (filter != NULL)
    {
      g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

      g_list_store_append (filters, filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
      gtk_file_dialog_set_default_filter (dialog, filter);
    }
  if (initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, initial_name);

  switch (action)
    {
    case MSA_FILE_CHOOSER_OPEN:
      gtk_file_dialog_open (dialog, parent, cancellable, on_dialog_done_cb, task);
      break;
    case MSA_FILE_CHOOSER_SAVE:
      gtk_file_dialog_save (dialog, parent, cancellable, on_dialog_done_cb, task);
      break;
    case MSA_FILE_CHOOSER_SELECT_FOLDER:
      gtk_file_dialog_select_folder (dialog, parent, cancellable, on_dialog_done_cb, task);
      break;
    default:
      g_assert_not_reached ();
    }
}
G_GNUC_END_IGNORE_DEPRECATIONS

#else

typedef struct
{
  GtkNativeDialog *dialog;
  GCancellable    *cancellable;
  gulong           cancelled_id;
} Chooser;

static void
chooser_free (Chooser *chooser)
{
  g_clear_signal_handler (&chooser->cancelled_id, chooser->cancellable);
  g_clear_object (&chooser->cancellable);
  if (chooser->dialog != NULL)
    gtk_native_dialog_destroy (chooser->dialog);
  g_clear_object (&chooser->dialog);
  g_free (chooser);
}

static void
on_native_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  /* Dismissed by the user: no file, no error. */
  g_task_return_pointer (task, file, g_object_unref);
}

/* The page or the window went away: the dialog goes too. */
static void
on_cancelled_cb (GCancellable *cancellable,
                 GTask        *task)
{
  Chooser *chooser = g_task_get_task_data (task);

  g_signal_handlers_disconnect_by_func (chooser->dialog, on_native_response_cb, task);
  gtk_native_dialog_hide (chooser->dialog);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);   /* the response's reference */
}

static void
run_dialog (GTask                *task,
            GtkWindow            *parent,
            MsaFileChooserAction  action,
            const char           *title,
            const char           *accept_label,
            GtkFileFilter        *filter,
            const char           *initial_name)
{
  static const GtkFileChooserAction actions[] = {
    [MSA_FILE_CHOOSER_OPEN] = GTK_FILE_CHOOSER_ACTION_OPEN,
    [MSA_FILE_CHOOSER_SAVE] = GTK_FILE_CHOOSER_ACTION_SAVE,
    [MSA_FILE_CHOOSER_SELECT_FOLDER] = GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
  };
  Chooser *chooser = g_new0 (Chooser, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  chooser->dialog = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (title, parent, actions[action],
                                                                    accept_label, _("_Cancel")));
  g_task_set_task_data (task, chooser, (GDestroyNotify) chooser_free);
  gtk_native_dialog_set_modal (chooser->dialog, TRUE);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser->dialog), filter);
  if (initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser->dialog), initial_name);

  /* The response holds a reference to the task until it comes. */
  g_signal_connect (chooser->dialog, "response", G_CALLBACK (on_native_response_cb), g_object_ref (task));
  if (cancellable != NULL)
    {
      chooser->cancellable = g_object_ref (cancellable);
      chooser->cancelled_id = g_signal_connect (cancellable, "cancelled", G_CALLBACK (on_cancelled_cb), task);
    }
  gtk_native_dialog_show (chooser->dialog);
  g_object_unref (task);
}

#endif

/**
 * msa_file_chooser_run_async:
 * @widget: the widget that asks; its window is the dialog's parent
 * @action: what to choose
 * @title: the dialog's title
 * @accept_label: the label of the dialog's accept button, with a
 *   mnemonic (GTK 4.8's dialog; the newer one names it itself)
 * @filter: (nullable): the files to offer
 * @initial_name: (nullable): the name to suggest when saving
 * @cancellable: (nullable): closes the dialog when cancelled
 * @callback: called with the choice
 * @user_data: for @callback
 *
 * Asks the user for a file or a folder.
 */
void
msa_file_chooser_run_async (GtkWidget            *widget,
                            MsaFileChooserAction  action,
                            const char           *title,
                            const char           *accept_label,
                            GtkFileFilter        *filter,
                            const char           *initial_name,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  GTask *task;
  GtkRoot *root;
  GtkWindow *parent;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (action <= MSA_FILE_CHOOSER_SELECT_FOLDER);

  root = gtk_widget_get_root (widget);
  parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, msa_file_chooser_run_async);

#if GTK_CHECK_VERSION (4, 10, 0)
  g_task_set_task_data (task, GINT_TO_POINTER (action), NULL);
  run_dialog (task, parent, action, title, filter, initial_name);
#else
  run_dialog (task, parent, action, title, accept_label, filter, initial_name);
#endif
}

/**
 * msa_file_chooser_run_finish:
 * @result: the result passed to the callback
 * @error: set when the dialog was closed by the cancellable
 *
 * Returns: (transfer full) (nullable): the file or folder chosen;
 *   %NULL when the user dismissed the dialog (@error unset) or it was
 *   cancelled
 */
GFile *
msa_file_chooser_run_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == msa_file_chooser_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
