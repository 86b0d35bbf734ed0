/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-application.h"

int
main (int   argc,
      char *argv[])
{
  return msa_application_main (argc, argv, LOCALEDIR);
}
