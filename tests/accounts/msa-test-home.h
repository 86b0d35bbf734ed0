/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Fixture homes for the account scan: a copy of tests/accounts/homes/NAME
 * in a temporary folder (with @HOME@ in profiles.ini replaced by the
 * copy's path, as Thunderbird writes absolute profile paths), and what
 * the scan must find in the home "full". */

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *protocol;
  const char *host;
  guint       port;
  const char *security;
  const char *verdict;
  const char *change_host;   /* NULL: no change */
  guint       change_port;
  const char *change_security;
} MsaTestServer;

typedef struct
{
  const char    *program;
  const char    *name;
  const char    *source;     /* relative to the home */
  MsaTestServer  servers[2];
} MsaTestAccount;

extern const MsaTestAccount msa_test_home_full_accounts[];
extern const guint msa_test_home_full_n_accounts;

char *msa_test_home_new  (const char *name);
void  msa_test_home_free (char       *home);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (char, msa_test_home_free)

G_END_DECLS
