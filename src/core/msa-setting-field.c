/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-setting-field.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

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

/**
 * msa_setting_check_port:
 * @text: a port as typed
 * @port: (out): the port, or -1 when @text is empty or wrong
 *
 * Returns: (transfer full) (nullable): why @text is no port, or %NULL
 *   when it is one or empty (not known yet)
 */
char *
msa_setting_check_port (const char *text,
                        int        *port)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint64 value;

  *port = -1;
  if (trimmed[0] == '\0')
    return NULL;
  for (const char *p = trimmed; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return g_strdup (_("A port is a number, such as 993."));
  if (strlen (trimmed) > 5 || !g_ascii_string_to_unsigned (trimmed, 10, 1, G_MAXUINT16, &value, NULL))
    /* Values out of range are refused, not changed into the nearest one. */
    return g_strdup (_("A port is a number from 1 to 65535."));
  *port = (int) value;
  return NULL;
}

/**
 * msa_setting_host_is_valid:
 * @host: a server name, trimmed
 *
 * Returns: whether @host is a DNS name (RFC 1123 labels) or an IP address
 */
gboolean
msa_setting_host_is_valid (const char *host)
{
  gsize label = 0;
  gsize length = strlen (host);

  if (g_hostname_is_ip_address (host))
    return TRUE;
  if (length == 0 || length > 253)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      char c = host[i];

      if (c == '.')
        {
          if (label == 0 || host[i - 1] == '-')
            return FALSE;
          label = 0;
          continue;
        }
      if (!g_ascii_isalnum (c) && !(c == '-' && label > 0))
        return FALSE;
      if (++label > 63)
        return FALSE;
    }
  return label > 0 && host[length - 1] != '-';
}

/**
 * msa_setting_check_host:
 * @text: a server name as typed
 * @suggestion: (out) (optional) (nullable): the server name within
 *   @text, where it holds one with more around it ("https://mail.x/",
 *   "mail.x:993")
 *
 * Returns: (transfer full) (nullable): why @text is no server name, or
 *   %NULL when it is one or empty
 */
char *
msa_setting_check_host (const char  *text,
                        char       **suggestion)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *scheme_end;

  if (suggestion != NULL)
    *suggestion = NULL;
  if (trimmed[0] == '\0' || msa_setting_host_is_valid (trimmed))
    return NULL;

  scheme_end = strstr (trimmed, "://");
  if (scheme_end != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
      const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
      g_autofree char *scheme = g_strndup (trimmed, scheme_end - trimmed);

      if (host != NULL && msa_setting_host_is_valid (host) && suggestion != NULL)
        *suggestion = g_strdup (host);
      /* Translators: %s is what was typed before "://", e.g. "https" */
      return g_strdup_printf (_("Enter only the server name, without “%s://” or a path."), scheme);
    }

  if (strchr (trimmed, ':') != NULL && strchr (trimmed, ':') == strrchr (trimmed, ':'))
    {
      g_autofree char *host = g_strndup (trimmed, strchr (trimmed, ':') - trimmed);

      if (msa_setting_host_is_valid (host) && suggestion != NULL)
        *suggestion = g_steal_pointer (&host);
      return g_strdup (_("Enter the port in its own field, not after the server name."));
    }

  if (strchr (trimmed, ' ') != NULL || strchr (trimmed, '\t') != NULL)
    return g_strdup (_("A server name has no spaces."));
  return g_strdup (_("A server name may only contain letters, digits, hyphens and dots, "
                     "e.g. mail.example.com."));
}
