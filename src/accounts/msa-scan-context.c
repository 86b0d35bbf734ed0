/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-scan-context.h"

#include <glib/gi18n.h>

#include "msa-account-scan.h"

/* Every read of a scan is counted; when the last one has answered, the
 * readers' finish functions link what they read (Evolution's accounts to
 * their transports, Thunderbird's servers to its certificate exceptions)
 * and the done function completes the scan.  Nothing here blocks: a file
 * is asked for its type first (a FIFO would block an open()), and read in
 * chunks up to a bound. */

typedef struct
{
  MsaScanFinishFunc func;
  gpointer          user_data;
  GDestroyNotify    destroy;
} Finish;

struct _MsaScanContext
{
  GFile             *home;
  GFile             *config;
  GFile             *folder;
  GCancellable      *cancellable;

  guint              pending;
  GArray            *finishes;
  MsaScanFinishFunc  done_func;
  gpointer           done_data;

  GPtrArray         *accounts;
  GPtrArray         *unreadable;
};

typedef struct
{
  MsaScanContext  *context;
  GFile           *file;
  MsaScanFileFunc  file_func;
  MsaScanDirFunc   dir_func;
  gpointer         user_data;
  GInputStream    *stream;
  GFileEnumerator *enumerator;
  GByteArray      *contents;
  GPtrArray       *names;
} Read;

static void
finish_clear (gpointer data)
{
  Finish *finish = data;

  if (finish->destroy != NULL)
    finish->destroy (finish->user_data);
}

MsaScanContext *
msa_scan_context_new (GFile        *home,
                      GFile        *config,
                      GFile        *folder,
                      GCancellable *cancellable)
{
  MsaScanContext *self = g_new0 (MsaScanContext, 1);

  self->home = g_object_ref (home);
  self->config = g_object_ref (config);
  self->folder = folder != NULL ? g_object_ref (folder) : NULL;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->finishes = g_array_new (FALSE, TRUE, sizeof (Finish));
  g_array_set_clear_func (self->finishes, finish_clear);
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  self->unreadable = g_ptr_array_new_with_free_func ((GDestroyNotify) msa_unreadable_free);
  return self;
}

void
msa_scan_context_free (MsaScanContext *self)
{
  g_assert (self->pending == 0);

  g_clear_object (&self->home);
  g_clear_object (&self->config);
  g_clear_object (&self->folder);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->finishes, g_array_unref);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->unreadable, g_ptr_array_unref);
  g_free (self);
}

GFile *
msa_scan_context_get_home (MsaScanContext *self)
{
  return self->home;
}

GFile *
msa_scan_context_get_config (MsaScanContext *self)
{
  return self->config;
}

/* A folder the user chose (a program's own folder, where the sandbox
 * hides the usual place): each reader also reads its files directly in
 * it.  NULL for a scan of the usual places. */
GFile *
msa_scan_context_get_folder (MsaScanContext *self)
{
  return self->folder;
}

void
msa_scan_context_set_done_func (MsaScanContext    *self,
                                MsaScanFinishFunc  func,
                                gpointer           user_data)
{
  self->done_func = func;
  self->done_data = user_data;
}

void
msa_scan_context_hold (MsaScanContext *self)
{
  self->pending++;
}

void
msa_scan_context_release (MsaScanContext *self)
{
  g_assert (self->pending > 0);

  if (--self->pending > 0)
    return;

  /* A finish function only links what was read; it starts no reads. */
  for (guint i = 0; i < self->finishes->len; i++)
    {
      Finish *finish = &g_array_index (self->finishes, Finish, i);

      finish->func (self, finish->user_data);
    }
  g_array_set_size (self->finishes, 0);

  g_assert (self->pending == 0);
  if (self->done_func != NULL)
    self->done_func (self, self->done_data);
}

void
msa_scan_context_add_finish (MsaScanContext    *self,
                             MsaScanFinishFunc  func,
                             gpointer           user_data,
                             GDestroyNotify     destroy)
{
  Finish finish = { func, user_data, destroy };

  g_array_append_val (self->finishes, finish);
}

void
msa_scan_context_add_account (MsaScanContext  *self,
                              MsaFoundAccount *account)
{
  g_ptr_array_add (self->accounts, g_object_ref (account));
}

/**
 * msa_scan_context_add_found:
 * @self: a #MsaScanContext
 * @program: the mail program whose file it is
 * @source: the file the account was read from
 * @name: (nullable): the account's own name
 * @address: (nullable): its e-mail address
 * @fallback: the name when it has neither (the file's key for it)
 * @incoming: (nullable): its incoming server
 * @outgoing: (nullable): its outgoing server
 *
 * Adds an account named as people know it: by its name, else its
 * address, else @fallback.
 */
void
msa_scan_context_add_found (MsaScanContext *self,
                            MsaMailProgram  program,
                            const char     *source,
                            const char     *name,
                            const char     *address,
                            const char     *fallback,
                            MsaFoundServer *incoming,
                            MsaFoundServer *outgoing)
{
  g_autoptr(MsaFoundAccount) account = NULL;

  account = msa_found_account_new (program, source,
                                   name != NULL && *name != '\0' ? name
                                   : address != NULL && *address != '\0' ? address
                                   : fallback);
  msa_found_account_set_address (account, address);
  if (incoming != NULL)
    msa_found_account_add_server (account, incoming);
  if (outgoing != NULL)
    msa_found_account_add_server (account, outgoing);
  msa_scan_context_add_account (self, account);
}

/**
 * msa_scan_context_dup_display_path:
 * @file: a file
 *
 * Returns: (transfer full): the file's path for people and for JSON
 */
char *
msa_scan_context_dup_display_path (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return g_filename_display_name (path != NULL ? path : "");
}

void
msa_scan_context_add_unreadable (MsaScanContext *self,
                                 GFile          *file,
                                 const char     *message)
{
  MsaUnreadable *unreadable = g_new0 (MsaUnreadable, 1);

  unreadable->path = msa_scan_context_dup_display_path (file);
  unreadable->message = g_strdup (message);
  g_ptr_array_add (self->unreadable, unreadable);
}

GPtrArray *
msa_scan_context_get_accounts (MsaScanContext *self)
{
  return self->accounts;
}

GPtrArray *
msa_scan_context_get_unreadable (MsaScanContext *self)
{
  return self->unreadable;
}

/* Reads */

static Read *
read_new (MsaScanContext *context,
          GFile          *file,
          gpointer        user_data)
{
  Read *read = g_new0 (Read, 1);

  read->context = context;
  read->file = g_object_ref (file);
  read->user_data = user_data;
  msa_scan_context_hold (context);
  return read;
}

/* Ends a read; a missing file is no news (most homes lack most
 * programs; a path through a plain file is missing too), any other
 * error is reported. */
static void
read_done (Read   *read,
           GError *error)
{
  MsaScanContext *context = read->context;

  if (error != NULL
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
    msa_scan_context_add_unreadable (context, read->file, error->message);

  g_clear_object (&read->file);
  g_clear_object (&read->stream);
  g_clear_object (&read->enumerator);
  g_clear_pointer (&read->contents, g_byte_array_unref);
  g_clear_pointer (&read->names, g_ptr_array_unref);
  g_free (read);

  msa_scan_context_release (context);
}

static void
read_fail (Read       *read,
           const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, message);

  read_done (read, error);
}

static void on_chunk_read_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data);

static void
read_next_chunk (Read *read)
{
  g_input_stream_read_bytes_async (read->stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   read->context->cancellable, on_chunk_read_cb, read);
}

static void
on_chunk_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Read *read = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  g_autoptr(GBytes) contents = NULL;
  gsize size;
  gconstpointer data;

  if (chunk == NULL)
    {
      read_done (read, error);
      return;
    }

  data = g_bytes_get_data (chunk, &size);
  if (size > 0)
    {
      /* The file may have grown since its size was asked. */
      if (read->contents->len + size > MSA_SCAN_MAX_FILE_SIZE)
        {
          read_fail (read, _("The file is too large to be an account store."));
          return;
        }
      g_byte_array_append (read->contents, data, size);
      read_next_chunk (read);
      return;
    }

  contents = g_byte_array_free_to_bytes (g_steal_pointer (&read->contents));
  read->file_func (read->context, read->file, contents, read->user_data);
  read_done (read, NULL);
}

static void
on_file_opened_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Read *read = user_data;
  g_autoptr(GError) error = NULL;

  read->stream = G_INPUT_STREAM (g_file_read_finish (G_FILE (source), result, &error));
  if (read->stream == NULL)
    {
      read_done (read, error);
      return;
    }

  read->contents = g_byte_array_new ();
  read_next_chunk (read);
}

static void
on_file_info_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Read *read = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);

  if (info == NULL)
    {
      read_done (read, error);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      read_fail (read, _("This is not a regular file."));
      return;
    }
  if (g_file_info_get_size (info) > MSA_SCAN_MAX_FILE_SIZE)
    {
      read_fail (read, _("The file is too large to be an account store."));
      return;
    }

  g_file_read_async (read->file, G_PRIORITY_DEFAULT, read->context->cancellable,
                     on_file_opened_cb, read);
}

/**
 * msa_scan_context_read_file:
 * @self: the scan
 * @file: the file to read
 * @func: called with the contents, unless the file is missing or
 *   unreadable (then it is reported and @func is not called)
 * @user_data: for @func
 *
 * Reads a whole file, at most %MSA_SCAN_MAX_FILE_SIZE bytes, following
 * symbolic links (a loop fails at the kernel's limit).
 */
void
msa_scan_context_read_file (MsaScanContext  *self,
                            GFile           *file,
                            MsaScanFileFunc  func,
                            gpointer         user_data)
{
  Read *read = read_new (self, file, user_data);

  read->file_func = func;
  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           self->cancellable, on_file_info_cb, read);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
on_files_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Read *read = user_data;
  g_autoptr(GError) error = NULL;
  GList *infos = g_file_enumerator_next_files_finish (G_FILE_ENUMERATOR (source), result, &error);

  if (error != NULL)
    {
      read_done (read, error);
      return;
    }

  for (GList *l = infos; l != NULL; l = l->next)
    if (read->names->len < MSA_SCAN_MAX_DIR_ENTRIES)
      g_ptr_array_add (read->names, g_strdup (g_file_info_get_name (l->data)));
  g_list_free_full (infos, g_object_unref);

  if (infos == NULL || read->names->len >= MSA_SCAN_MAX_DIR_ENTRIES)
    {
      g_ptr_array_sort (read->names, compare_names);
      g_ptr_array_add (read->names, NULL);
      read->dir_func (read->context, read->file,
                      (const char * const *) read->names->pdata, read->user_data);
      read_done (read, NULL);
      return;
    }

  g_file_enumerator_next_files_async (read->enumerator, 100, G_PRIORITY_DEFAULT,
                                      read->context->cancellable, on_files_listed_cb, read);
}

static void
on_dir_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Read *read = user_data;
  g_autoptr(GError) error = NULL;

  read->enumerator = g_file_enumerate_children_finish (G_FILE (source), result, &error);
  if (read->enumerator == NULL)
    {
      read_done (read, error);
      return;
    }

  read->names = g_ptr_array_new_with_free_func (g_free);
  g_file_enumerator_next_files_async (read->enumerator, 100, G_PRIORITY_DEFAULT,
                                      read->context->cancellable, on_files_listed_cb, read);
}

/**
 * msa_scan_context_list_dir:
 * @self: the scan
 * @dir: the folder
 * @func: called with the names in it, sorted, unless it is missing or
 *   unreadable
 * @user_data: for @func
 *
 * Lists at most %MSA_SCAN_MAX_DIR_ENTRIES names of one folder, without
 * descending into it.
 */
void
msa_scan_context_list_dir (MsaScanContext *self,
                           GFile          *dir,
                           MsaScanDirFunc  func,
                           gpointer        user_data)
{
  Read *read = read_new (self, dir, user_data);

  read->dir_func = func;
  g_file_enumerate_children_async (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                   G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                                   self->cancellable, on_dir_opened_cb, read);
}
