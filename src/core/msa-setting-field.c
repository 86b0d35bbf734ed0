/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-setting-field.h"

#include <glib/gi18n.h>

/**
 * msa_setting_field_get_title:
 * @field: a field
 *
 * Returns: (transfer none): the field's name, as a row's title
 */
const char *
msa_setting_field_get_title (MsaSettingField field)
{
  switch (field)
    {
    case MSA_SETTING_FIELD_SERVER:
      return _("Server name");
    case MSA_SETTING_FIELD_PORT:
      return _("Port");
    case MSA_SETTING_FIELD_SECURITY:
      return _("Connection security");
    case MSA_SETTING_FIELD_USERNAME:
      return _("User name");
    case MSA_SETTING_FIELD_AUTHENTICATION:
      return _("Authentication");
    case MSA_SETTING_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * msa_setting_authentication_get_text:
 * @authentication: (nullable): an autoconfig <authentication> word
 *
 * Returns: (transfer none) (nullable): the method in plain language
 */
const char *
msa_setting_authentication_get_text (const char *authentication)
{
  static const struct
  {
    const char *word;
    const char *text;
  } texts[] = {
    { "password-cleartext", N_("Normal password") },
    { "password-encrypted", N_("Encrypted password") },
    { "OAuth2", N_("OAuth2 (sign in through the provider’s web page)") },
    { "client-IP-address", N_("None (the server recognises your network)") },
    { "TLS-client-cert", N_("TLS client certificate") },
    { "none", N_("None") },
  };

  if (authentication == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (g_str_equal (authentication, texts[i].word))
      return _(texts[i].text);

  return authentication;
}
