/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-autoconfig.h"
#include "msa-autoconfig-private.h"

#include <glib/gi18n.h>

/* Reading a profile from a file: size-bounded, never blocking on a FIFO
 * or a device, and with the file's name in every message. */

static char *
display_basename (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = NULL;

  if (path != NULL)
    return g_filename_display_basename (path);

  basename = g_file_get_basename (file);
  return g_filename_display_name (basename != NULL ? basename : "");
}

static void
set_read_error (GError     **error,
                const char  *file_name,
                GError      *io_error)
{
  /* Cancelling is not a fault of the file: keep it recognisable. */
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (io_error));
      return;
    }

  msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_READ, file_name, 0,
                     /* Translators: %s is the system's reason, e.g. "No
                      * such file or directory". */
                     _("the file cannot be read: %s."),
                     io_error->message);
}

static gboolean
set_type_error (GError     **error,
                const char  *file_name,
                GFileInfo   *info)
{
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_NOT_REGULAR, file_name, 0,
                       /* Translators: follows “file name”: */
                       _("this is a folder, not a provider profile."));
  else
    msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_NOT_REGULAR, file_name, 0,
                       /* Translators: follows “file name”: */
                       _("this is not an ordinary file (but a pipe, a socket or a "
                         "device), so it is not a provider profile."));
  return FALSE;
}

/* Opening a FIFO blocks until someone writes to it, and a device may
 * never end: only a regular file (or a link to one) is read. */
static gboolean
check_regular (GFile         *file,
               const char    *file_name,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      set_read_error (error, file_name, local_error);
      return FALSE;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return set_type_error (error, file_name, info);

  return TRUE;
}

/**
 * msa_profile_new_from_file:
 * @file: an autoconfig file
 * @error: return location for a #MsaProfileError, or %G_IO_ERROR_CANCELLED
 *
 * Reads @file with blocking I/O (for the command line; the wizard uses
 * msa_profile_load_async()).  At most %MSA_PROFILE_MAX_SIZE + 1 bytes
 * are read, so a huge file costs no time or memory.
 *
 * Returns: (transfer full): the profile, or %NULL with @error set
 */
MsaProfile *
msa_profile_new_from_file (GFile   *file,
                           GError **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *buffer = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file_name = display_basename (file);
  if (!check_regular (file, file_name, NULL, error))
    return NULL;

  stream = g_file_read (file, NULL, &local_error);
  if (stream != NULL)
    {
      buffer = g_malloc (MSA_PROFILE_MAX_SIZE + 1);
      g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, MSA_PROFILE_MAX_SIZE + 1,
                               &length, NULL, &local_error);
    }

  if (local_error != NULL)
    {
      set_read_error (error, file_name, local_error);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&buffer), length);
  return msa_profile_new_from_bytes (bytes, file_name, error);
}

static gboolean
on_load_read_more (const char *file_contents,
                   goffset     file_size,
                   gpointer    user_data)
{
  /* Stop as soon as the file is known to be too large. */
  return file_size <= MSA_PROFILE_MAX_SIZE;
}

static void
on_load_contents_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = display_basename (G_FILE (source));
  g_autoptr(GBytes) bytes = NULL;
  MsaProfile *profile;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_partial_contents_finish (G_FILE (source), result,
                                            &contents, &length, NULL, &error))
    {
      GError *read_error = NULL;

      set_read_error (&read_error, file_name, error);
      g_task_return_error (task, read_error);
      return;
    }

  bytes = g_bytes_new_take (contents, length);
  profile = msa_profile_new_from_bytes (bytes, file_name, &error);
  if (profile == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, profile, g_object_unref);
}

static void
on_load_info_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = display_basename (G_FILE (source));
  GCancellable *cancellable;
  GError *load_error = NULL;

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (info == NULL)
    {
      set_read_error (&load_error, file_name, error);
      g_task_return_error (task, load_error);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      set_type_error (&load_error, file_name, info);
      g_task_return_error (task, load_error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  g_file_load_partial_contents_async (G_FILE (source), cancellable,
                                      on_load_read_more,
                                      on_load_contents_cb,
                                      g_steal_pointer (&task));
}

/**
 * msa_profile_load_async:
 * @file: an autoconfig file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the profile is read
 * @user_data: data for @callback
 *
 * Reads @file without blocking, stopping after %MSA_PROFILE_MAX_SIZE
 * bytes, and parses it like msa_profile_new_from_bytes().
 */
void
msa_profile_load_async (GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, msa_profile_load_async);

  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, cancellable,
                           on_load_info_cb, g_steal_pointer (&task));
}

/**
 * msa_profile_load_finish:
 * @result: the result given to the callback
 * @error: return location for a #MsaProfileError, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the profile, or %NULL with @error set
 */
MsaProfile *
msa_profile_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == msa_profile_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
