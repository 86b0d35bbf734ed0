/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-fake-server.h"

static void
test_new_destroy (void)
{
  g_autoptr(GError) error = NULL;
  MsaFakeServer *server = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_SILENT, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (msa_fake_server_get_port (server), >, 0);
  g_assert_finalize_object (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fake-server/new-destroy", test_new_destroy);
  return g_test_run ();
}
