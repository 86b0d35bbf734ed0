/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one loader of the certificates to trust, shared by the wizard, the
 * command line and discovery. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "msa-trust-store.h"

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "engine", "data", name, NULL);
}

static void
test_trust_store_system (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = msa_trust_store_load (NULL, &error);

  g_assert_no_error (error);
  g_assert_true (G_IS_TLS_DATABASE (database));
}

static void
test_trust_store_ca_file (void)
{
  g_autofree char *path = data_path ("test-ca.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = msa_trust_store_load (path, &error);

  g_assert_no_error (error);
  g_assert_true (G_IS_TLS_FILE_DATABASE (database));
}

static void
test_trust_store_errors (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "engine", "data", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "engine",
                                                   "test-trust-store.c", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (msa_trust_store_load ("/nonexistent/ca.pem", &error));
  g_assert_error (error, MSA_TRUST_STORE_ERROR, MSA_TRUST_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/ca.pem"));
  g_clear_error (&error);

  /* A folder is not a file. */
  g_assert_null (msa_trust_store_load (dir, &error));
  g_assert_error (error, MSA_TRUST_STORE_ERROR, MSA_TRUST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A file without a certificate in it. */
  g_assert_null (msa_trust_store_load (source, &error));
  g_assert_error (error, MSA_TRUST_STORE_ERROR, MSA_TRUST_STORE_ERROR_UNUSABLE);
  g_assert_nonnull (strstr (error->message, "test-trust-store.c"));
}

typedef struct
{
  GTlsDatabase *database;
  GError       *error;
  gboolean      done;
} LoadResult;

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadResult *load = user_data;

  load->database = msa_trust_store_load_finish (result, &load->error);
  load->done = TRUE;
}

static void
wait_for (LoadResult *load)
{
  /* Bounded: about 10 s. */
  for (guint i = 0; i < 10000 && !load->done; i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_true (load->done);
}

static void
test_trust_store_async (void)
{
  g_autofree char *path = data_path ("test-ca.pem");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LoadResult good = { 0, }, missing = { 0, }, cancelled = { 0, };

  msa_trust_store_load_async (path, NULL, on_loaded_cb, &good);
  msa_trust_store_load_async ("/nonexistent/ca.pem", NULL, on_loaded_cb, &missing);
  g_cancellable_cancel (cancellable);
  msa_trust_store_load_async (path, cancellable, on_loaded_cb, &cancelled);
  wait_for (&good);
  wait_for (&missing);
  wait_for (&cancelled);

  g_assert_no_error (good.error);
  g_assert_true (G_IS_TLS_FILE_DATABASE (good.database));
  g_object_unref (good.database);
  g_assert_error (missing.error, MSA_TRUST_STORE_ERROR, MSA_TRUST_STORE_ERROR_NOT_FOUND);
  g_clear_error (&missing.error);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trust-store/system", test_trust_store_system);
  g_test_add_func ("/trust-store/ca-file", test_trust_store_ca_file);
  g_test_add_func ("/trust-store/errors", test_trust_store_errors);
  g_test_add_func ("/trust-store/async", test_trust_store_async);

  return g_test_run ();
}
