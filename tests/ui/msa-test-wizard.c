/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The wizard as installed, but with the catalogues of the build tree: the
 * program the AT-SPI test (test-atspi.py) starts. */
#include "config.h"

#include "msa-application.h"

int
main (int   argc,
      char *argv[])
{
  return msa_application_main (argc, argv, MSA_TEST_LOCALEDIR);
}
