/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fields of one server's settings, named once for every page that
 * shows them (the settings today, the settings to enter, the scan). */
typedef enum
{
  MSA_SETTING_FIELD_SERVER,
  MSA_SETTING_FIELD_PORT,
  MSA_SETTING_FIELD_SECURITY,
  MSA_SETTING_FIELD_USERNAME,
  MSA_SETTING_FIELD_AUTHENTICATION,
  MSA_SETTING_N_FIELDS,        /*< skip >*/
} MsaSettingField;

const char *msa_setting_field_get_title          (MsaSettingField  field);
/* Mozilla autoconfig's <authentication> words in plain language; other
 * words (NTLM, GSSAPI) as they are. */
const char *msa_setting_authentication_get_text  (const char      *authentication);

/* Checks of what the user types, with the reason in words. */
char       *msa_setting_check_port               (const char      *text,
                                                  int             *port);
gboolean    msa_setting_host_is_valid            (const char      *host);
char       *msa_setting_check_host               (const char      *text,
                                                  char           **suggestion);

G_END_DECLS
