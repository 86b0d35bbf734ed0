/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "msa-profile.h"

G_BEGIN_DECLS

/* The mail programs the wizard knows, and what each calls the SSL/TLS
 * setting and where it lives (facts and sources: shared/CLIENT-LABELS.md). */
typedef enum
{
  MSA_MAIL_CLIENT_THUNDERBIRD,
  MSA_MAIL_CLIENT_OUTLOOK,
  MSA_MAIL_CLIENT_APPLE_MAIL,
  MSA_MAIL_CLIENT_EVOLUTION,
  MSA_MAIL_CLIENT_GEARY,
  MSA_MAIL_CLIENT_KMAIL,
  MSA_MAIL_CLIENT_OTHER,
  MSA_MAIL_CLIENT_N_CLIENTS, /*< skip >*/
} MsaMailClientId;

typedef struct
{
  MsaMailClientId id;
  const char *key;              /* stable id for GSettings: "thunderbird", … */
  const char *name;             /* product name, not translated */
  /* Labels as the program shows them, in the UI language (translated
   * through gettext where the program's own German label is known;
   * otherwise a description in our own words): */
  const char *security_field;   /* e.g. "Connection security" */
  const char *ssl_value;        /* e.g. "SSL/TLS" */
  const char *plain_value;      /* e.g. "None" */
  const char *where;            /* menu path to the incoming settings */
  const char *where_outgoing;   /* menu path to the outgoing settings */
} MsaMailClient;

const MsaMailClient *msa_mail_client_get           (MsaMailClientId  id);
const MsaMailClient *msa_mail_client_from_key      (const char      *key);
const char          *msa_mail_client_get_label     (const MsaMailClient *client,
                                                    const char      *which);

G_END_DECLS
