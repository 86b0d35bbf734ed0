/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-trust-store.h"
#include "msa-report.h"

#include <glib/gi18n.h>

G_DEFINE_QUARK (msa-trust-store-error-quark, msa_trust_store_error)

/**
 * msa_trust_store_load:
 * @ca_file: (nullable): a PEM file of CA certificates, or %NULL for the
 *   system's trust store
 * @error: return location for a #MsaTrustStoreError
 *
 * Opens the trust store.  This reads files (the system's store reads
 * every CA file): the wizard uses msa_trust_store_load_async().
 *
 * Returns: (transfer full): the database, or %NULL with @error set to a
 *   sentence for the user
 */
GTlsDatabase *
msa_trust_store_load (const char  *ca_file,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  GTlsDatabase *database;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_set_error_literal (error, MSA_TRUST_STORE_ERROR, MSA_TRUST_STORE_ERROR_NO_TLS,
                           _("This system has no TLS support for GIO; install glib-networking."));
      return NULL;
    }

  if (ca_file == NULL)
    return g_tls_backend_get_default_database (g_tls_backend_get_default ());

  /* g_tls_file_database_new() wants an absolute path. */
  path = g_canonicalize_filename (ca_file, NULL);
  display = g_filename_display_name (path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MSA_TRUST_STORE_ERROR, MSA_TRUST_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s is a file name given to --ca-file */
                   _("The CA file %s does not exist or is not a file."), display);
      return NULL;
    }

  database = g_tls_file_database_new (path, &local_error);
  if (database == NULL)
    {
      g_autofree char *reason = msa_report_sanitize (local_error->message);

      g_set_error (error, MSA_TRUST_STORE_ERROR, MSA_TRUST_STORE_ERROR_UNUSABLE,
                   /* Translators: the first %s is a file name given to
                    * --ca-file, the second why it cannot be used */
                   _("Cannot use the CA file %s: %s"), display, reason);
      return NULL;
    }

  return database;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GTlsDatabase *database = msa_trust_store_load (task_data, &error);

  if (database == NULL)
    g_task_return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, database, g_object_unref);
  else
    g_object_unref (database);
}

/**
 * msa_trust_store_load_async:
 * @ca_file: (nullable): a CA file, or %NULL for the system's store
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Opens the trust store off the main thread: it is file reading that
 * GIO offers no asynchronous form of.
 */
void
msa_trust_store_load_async (const char          *ca_file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, msa_trust_store_load_async);
  g_task_set_task_data (task, g_strdup (ca_file), g_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * msa_trust_store_load_finish:
 * @result: the result given to the callback
 * @error: return location for a #MsaTrustStoreError or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
GTlsDatabase *
msa_trust_store_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
