/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-autoconfig.h"
#include "msa-profile-private.h"

/* Writes a profile as a Mozilla autoconfig file.  The reader refuses
 * control characters in every value, so what it accepted is written
 * back as plain escaped text and reads back the same. */

/* Autoconfig spells the securities SSL, STARTTLS and plain. */
static const char *
security_to_socket_type (MsaSecurity security)
{
  switch (security)
    {
    case MSA_SECURITY_SSL:
      return "SSL";
    case MSA_SECURITY_STARTTLS:
      return "STARTTLS";
    case MSA_SECURITY_PLAIN:
    default:
      return "plain";
    }
}

static void
append_element (GString    *out,
                const char *indent,
                const char *name,
                const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;

  escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (out, "%s<%s>%s</%s>\n", indent, name, escaped, name);
}

/**
 * msa_profile_to_xml:
 * @self: a profile
 *
 * Writes the profile as a Mozilla autoconfig file (clientConfig 1.1)
 * that msa_profile_new_from_bytes() reads back to an equal profile.
 *
 * Returns: (transfer full): UTF-8 XML text
 */
char *
msa_profile_to_xml (MsaProfile *self)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *id = NULL;
  const char * const *domains;
  GListModel *servers;
  guint n;

  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<clientConfig version=\"1.1\">\n");

  if (msa_profile_get_own_id (self) != NULL)
    {
      id = g_markup_escape_text (msa_profile_get_own_id (self), -1);
      g_string_append_printf (out, "  <emailProvider id=\"%s\">\n", id);
    }
  else
    g_string_append (out, "  <emailProvider>\n");

  domains = msa_profile_get_domains (self);
  for (guint i = 0; domains[i] != NULL; i++)
    append_element (out, "    ", "domain", domains[i]);
  append_element (out, "    ", "displayName", msa_profile_get_own_display_name (self));

  servers = msa_profile_get_servers (self);
  n = g_list_model_get_n_items (servers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServer) server = g_list_model_get_item (servers, i);
      g_autofree char *port = g_strdup_printf ("%u", (guint) msa_server_get_port (server));
      const char *element = msa_server_is_incoming (server) ? "incomingServer" : "outgoingServer";

      g_string_append_printf (out, "    <%s type=\"%s\">\n",
                              element, msa_protocol_to_string (msa_server_get_protocol (server)));
      append_element (out, "      ", "hostname", msa_server_get_hostname (server));
      append_element (out, "      ", "port", port);
      append_element (out, "      ", "socketType", security_to_socket_type (msa_server_get_security (server)));
      append_element (out, "      ", "username", msa_server_get_username (server));
      append_element (out, "      ", "authentication", msa_server_get_authentication (server));
      g_string_append_printf (out, "    </%s>\n", element);
    }

  if (msa_profile_get_documentation_url (self) != NULL)
    {
      g_autofree char *url = g_markup_escape_text (msa_profile_get_documentation_url (self), -1);

      g_string_append_printf (out, "    <documentation url=\"%s\"/>\n", url);
    }
  g_string_append (out, "  </emailProvider>\n");
  if (msa_profile_get_webmail_url (self) != NULL)
    {
      g_autofree char *url = g_markup_escape_text (msa_profile_get_webmail_url (self), -1);

      g_string_append_printf (out, "  <webMail>\n    <loginPage url=\"%s\"/>\n  </webMail>\n", url);
    }
  g_string_append (out, "</clientConfig>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
