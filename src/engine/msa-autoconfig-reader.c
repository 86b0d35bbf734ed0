/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-autoconfig.h"
#include "msa-autoconfig-private.h"
#include "msa-profile-private.h"
#include "msa-glib-compat.h"

#include <string.h>

#include <glib/gi18n.h>

G_DEFINE_QUARK (msa-profile-error-quark, msa_profile_error)

/* Reading */

/* Values quoted from the file go into messages that may reach a terminal:
 * keep them short and free of control characters. */
static char *
quote_value (const char *value)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_chars = 0;

  for (const char *p = value; *p != '\0' && n_chars < 40; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }

  if (*value != '\0' && g_utf8_strlen (value, -1) > 40)
    g_string_append (out, "…");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every message names the file and, where there is one, the line. */
void
msa_autoconfig_set_error (GError         **error,
                   MsaProfileError  code,
                   const char      *file_name,
                   int              line,
                   const char      *format,
                   ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *name = quote_value (file_name);
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    /* Translators: “%s” is a file name, %d a line number in it, and the
     * last %s a sentence saying what is wrong there. */
    g_set_error (error, MSA_PROFILE_ERROR, code, _("“%s”, line %d: %s"), name, line, detail);
  else
    /* Translators: “%s” is a file name, the last %s a sentence saying
     * what is wrong with it. */
    g_set_error (error, MSA_PROFILE_ERROR, code, _("“%s”: %s"), name, detail);
}

typedef enum
{
  FIELD_NONE,
  FIELD_DOMAIN,
  FIELD_DISPLAY_NAME,
  FIELD_HOSTNAME,
  FIELD_PORT,
  FIELD_SOCKET_TYPE,
  FIELD_USERNAME,
  FIELD_AUTHENTICATION,
} Field;

typedef struct
{
  const char *file_name;
  const char *email_domain;  /* fills %EMAILDOMAIN%, or NULL */
  MsaProfile *profile;

  int         depth;         /* of the element being read */
  int         skip_depth;    /* > 0: inside an element we ignore */
  gboolean    seen_root;
  gboolean    in_provider;
  gboolean    seen_provider;
  int         webmail_depth;  /* > 0: inside <webMail> */

  /* The server being read */
  gboolean    in_server;
  const char *server_element;
  int         server_line;
  MsaProtocol protocol;
  char       *hostname;
  int         hostname_line;
  char       *port;
  int         port_line;
  char       *socket_type;
  int         socket_type_line;
  char       *username;
  char       *authentication;

  /* The text element being read */
  Field       field;
  GString    *text;
} ParseData;

static void
parse_data_clear_server (ParseData *data)
{
  data->in_server = FALSE;
  data->server_element = NULL;
  g_clear_pointer (&data->hostname, g_free);
  g_clear_pointer (&data->port, g_free);
  g_clear_pointer (&data->socket_type, g_free);
  g_clear_pointer (&data->username, g_free);
  g_clear_pointer (&data->authentication, g_free);
}

static int
current_line (GMarkupParseContext *context)
{
  int line = 0;

  g_markup_parse_context_get_position (context, &line, NULL);
  return line;
}

/* The line of the tag whose callback is running.  GMarkup calls back
 * after it has read one character past the '>': when that was the line
 * break, it already counts the next line. */
static int
tag_line (GMarkupParseContext *context)
{
  int line = 0;
  int column = 0;

  g_markup_parse_context_get_position (context, &line, &column);
  return column <= 1 && line > 1 ? line - 1 : line;
}

/* A name from the file must be plain text on one line: a control
 * character (written as &#10; or &#12;, say) would not survive being
 * written back, and could move a terminal's cursor. */
static gboolean
value_is_clean (const char *value)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
check_value (GMarkupParseContext  *context,
             ParseData            *data,
             const char           *element,
             const char           *value,
             GError              **error)
{
  g_autofree char *quoted = NULL;

  if (value_is_clean (value))
    return TRUE;

  quoted = quote_value (value);
  msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_BAD_VALUE,
                     data->file_name, tag_line (context),
                     /* Translators: <%s> is an element or attribute
                      * name from the file, “%s” its value with the
                      * offending characters shown as “?”. */
                     _("the value of <%s> “%s” has control characters; "
                       "it must be plain text on one line."),
                     element, quoted);
  return FALSE;
}

/* Server types of other formats that a provider may list next to
 * IMAP, POP3 and SMTP: not an error, but nothing this check can test. */
static gboolean
is_foreign_server_type (const char *type)
{
  static const char * const foreign[] = {
    "exchange", "ews", "activesync", "graph", "owa", "jmap",
  };

  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    if (g_ascii_strcasecmp (type, foreign[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
start_server (GMarkupParseContext  *context,
              ParseData            *data,
              const char           *element_name,
              const char          **attribute_names,
              const char          **attribute_values,
              GError              **error)
{
  gboolean incoming = g_str_equal (element_name, "incomingServer");
  const char *type = NULL;
  MsaProtocol protocol;

  for (guint i = 0; attribute_names[i] != NULL; i++)
    if (g_str_equal (attribute_names[i], "type"))
      type = attribute_values[i];

  if (type == NULL || type[0] == '\0')
    {
      msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_BAD_SERVER_TYPE,
                         data->file_name, tag_line (context),
                         incoming
                         /* Translators: leave <incomingServer>, imap and
                          * pop3 as they are. */
                         ? _("the <incomingServer> has no type; it must be imap or pop3.")
                         /* Translators: leave <outgoingServer> and smtp
                          * as they are. */
                         : _("the <outgoingServer> has no type; it must be smtp."));
      return;
    }

  if (is_foreign_server_type (type))
    {
      g_autofree char *quoted = quote_value (type);
      g_autofree char *note = NULL;

      /* Translators: “%s” is a server type from the file, such as
       * exchange; leave IMAP, POP3 and SMTP as they are. */
      note = g_strdup_printf (_("The profile also lists a server of type “%s”; "
                                "only IMAP, POP3 and SMTP servers are checked."),
                              quoted);
      msa_profile_add_note (data->profile, note);
      data->skip_depth = data->depth;
      return;
    }

  if (!msa_protocol_from_string (type, &protocol) ||
      (protocol == MSA_PROTOCOL_SMTP) == incoming)
    {
      g_autofree char *quoted = quote_value (type);

      msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_BAD_SERVER_TYPE,
                         data->file_name, tag_line (context),
                         incoming
                         /* Translators: “%s” is a value from the file;
                          * leave imap and pop3 as they are. */
                         ? _("the incoming server type “%s” is unknown; it must be imap or pop3.")
                         /* Translators: “%s” is a value from the file;
                          * leave smtp as it is. */
                         : _("the outgoing server type “%s” is unknown; it must be smtp."),
                         quoted);
      return;
    }

  parse_data_clear_server (data);
  data->in_server = TRUE;
  data->server_element = incoming ? "incomingServer" : "outgoingServer";
  data->server_line = tag_line (context);
  data->protocol = protocol;
}

/* The url attribute, when it is an http or https URL with a host and
 * nothing a link should not hold; NULL otherwise (it is optional, so a
 * bad one is left out, not an error). */
static const char *
web_url (const char **attribute_names,
         const char **attribute_values)
{
  for (guint i = 0; attribute_names[i] != NULL; i++)
    if (g_str_equal (attribute_names[i], "url"))
      {
        const char *url = attribute_values[i];
        g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

        if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0'
            || (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0
                && g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0)
            || strlen (url) > 2048)
          return NULL;
        for (const char *p = url; *p != '\0'; p++)
          if (g_ascii_iscntrl (*p) || *p == ' ')
            return NULL;
        return url;
      }
  return NULL;
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseData *data = user_data;
  static const struct {
    const char *name;
    Field       field;
  } server_fields[] = {
    { "hostname", FIELD_HOSTNAME },
    { "port", FIELD_PORT },
    { "socketType", FIELD_SOCKET_TYPE },
    { "username", FIELD_USERNAME },
    { "authentication", FIELD_AUTHENTICATION },
  };

  data->depth++;

  if (data->skip_depth > 0)
    return;

  if (data->depth == 1)
    {
      if (!g_str_equal (element_name, "clientConfig"))
        {
          g_autofree char *quoted = quote_value (element_name);

          msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_WRONG_ROOT,
                             data->file_name, tag_line (context),
                             /* Translators: <%s> is an XML element name
                              * from the file; leave <clientConfig> as it is. */
                             _("this is not a Mozilla autoconfig file: it starts with <%s> "
                               "instead of <clientConfig>."),
                             quoted);
          return;
        }
      data->seen_root = TRUE;
      return;
    }

  if (data->depth == 2 && g_str_equal (element_name, "emailProvider") && !data->seen_provider)
    {
      data->in_provider = TRUE;
      data->seen_provider = TRUE;

      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (g_str_equal (attribute_names[i], "id"))
          {
            if (!check_value (context, data, "id", attribute_values[i], error))
              return;
            msa_profile_set_id (data->profile, attribute_values[i]);
          }
      return;
    }

  /* <webMail> is a child of <clientConfig> in Thunderbird's database,
   * and of <emailProvider> in some providers' own files. */
  if (g_str_equal (element_name, "webMail") && data->webmail_depth == 0
      && (data->depth == 2 || (data->depth == 3 && data->in_provider)))
    {
      data->webmail_depth = data->depth;
      return;
    }
  if (data->webmail_depth > 0 && data->depth == data->webmail_depth + 1
      && g_str_equal (element_name, "loginPage"))
    {
      const char *url = web_url (attribute_names, attribute_values);

      if (url != NULL && msa_profile_get_webmail_url (data->profile) == NULL)
        msa_profile_set_webmail_url (data->profile, url);
      data->skip_depth = data->depth;
      return;
    }

  if (data->depth == 3 && data->in_provider && g_str_equal (element_name, "documentation"))
    {
      const char *url = web_url (attribute_names, attribute_values);

      /* The first guide is the one a provider lists for mail programs. */
      if (url != NULL && msa_profile_get_documentation_url (data->profile) == NULL)
        msa_profile_set_documentation_url (data->profile, url);
      data->skip_depth = data->depth;
      return;
    }

  if (data->depth == 3 && data->in_provider)
    {
      if (g_str_equal (element_name, "incomingServer") ||
          g_str_equal (element_name, "outgoingServer"))
        {
          start_server (context, data, element_name, attribute_names, attribute_values, error);
          return;
        }
      if (g_str_equal (element_name, "domain"))
        {
          data->field = FIELD_DOMAIN;
          g_string_truncate (data->text, 0);
          return;
        }
      if (g_str_equal (element_name, "displayName"))
        {
          data->field = FIELD_DISPLAY_NAME;
          g_string_truncate (data->text, 0);
          return;
        }
    }

  if (data->depth == 4 && data->in_server)
    {
      for (guint i = 0; i < G_N_ELEMENTS (server_fields); i++)
        if (g_str_equal (element_name, server_fields[i].name))
          {
            data->field = server_fields[i].field;
            g_string_truncate (data->text, 0);
            if (data->field == FIELD_HOSTNAME)
              data->hostname_line = tag_line (context);
            else if (data->field == FIELD_PORT)
              data->port_line = tag_line (context);
            else if (data->field == FIELD_SOCKET_TYPE)
              data->socket_type_line = tag_line (context);
            return;
          }
    }

  /* Anything else (documentation, webMail, oAuth2, a second
   * emailProvider, …) is not ours: skip it with all it contains. */
  data->skip_depth = data->depth;
}

/* DNS allows 253 characters in a name and 63 in each of its labels
 * (RFC 1035, counted in the ASCII form; a non-ASCII name is longer
 * there, which the resolver then refuses with its own message). */
#define MSA_HOSTNAME_MAX 253
#define MSA_LABEL_MAX 63

static gboolean
hostname_fits_dns (const char *hostname)
{
  gsize length = strlen (hostname);
  gsize label = 0;

  /* One trailing dot is the root, not a character of the name. */
  if (length > 0 && hostname[length - 1] == '.')
    length--;
  if (length > MSA_HOSTNAME_MAX)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (hostname[i] == '.')
        {
          label = 0;
          continue;
        }
      if (++label > MSA_LABEL_MAX)
        return FALSE;
    }

  return TRUE;
}

/* Catches what cannot be a host name before it reaches a resolver or a
 * terminal: blanks, control characters, and autoconfig placeholders such
 * as "imap.%EMAILDOMAIN%" that only a mail program fills in.  Non-ASCII
 * (international) names and IP addresses are fine. */
static gboolean
hostname_is_valid (const char *hostname)
{
  if (g_hostname_is_ip_address (hostname))
    return TRUE;

  if (!hostname_fits_dns (hostname))
    return FALSE;

  for (const char *p = hostname; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c >= 0x80 || g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_')
        continue;
      return FALSE;
    }

  return TRUE;
}

static gboolean
finish_server (GMarkupParseContext  *context,
               ParseData            *data,
               GError              **error)
{
  g_autoptr(MsaServer) server = NULL;
  MsaSecurity security;
  guint64 port = 0;

  if (data->hostname == NULL || data->hostname[0] == '\0')
    {
      msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_MISSING_HOSTNAME,
                         data->file_name, data->server_line,
                         /* Translators: <%s> is incomingServer or
                          * outgoingServer; leave <hostname> as it is. */
                         _("the server <%s> has no host name (<hostname>)."),
                         data->server_element);
      return FALSE;
    }

  /* A profile fetched for an address has its domain to fill in. */
  if (data->email_domain != NULL && strstr (data->hostname, "%EMAILDOMAIN%") != NULL)
    {
      g_autoptr(GString) filled = g_string_new (data->hostname);

      g_string_replace (filled, "%EMAILDOMAIN%", data->email_domain, 0);
      g_free (data->hostname);
      data->hostname = g_string_free (g_steal_pointer (&filled), FALSE);
    }

  if (!hostname_is_valid (data->hostname))
    {
      g_autofree char *quoted = quote_value (data->hostname);

      if (!hostname_fits_dns (data->hostname))
        msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_BAD_HOSTNAME,
                           data->file_name, data->hostname_line,
                           /* Translators: “%s” is the start of a value from
                            * the file. */
                           _("the server name “%s” is too long: a name has at most "
                             "253 characters, and at most 63 between two dots."),
                           quoted);
      else if (strchr (data->hostname, '%') != NULL)
        msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_BAD_HOSTNAME,
                           data->file_name, data->hostname_line,
                           /* Translators: “%s” is a value from the file,
                            * e.g. imap.%EMAILDOMAIN%. */
                           _("the server name “%s” has a placeholder that only a mail "
                             "program fills in; the check needs the real server name."),
                           quoted);
      else
        msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_BAD_HOSTNAME,
                           data->file_name, data->hostname_line,
                           /* Translators: “%s” is a value from the file. */
                           _("“%s” is not a server name: a name has only letters, digits, "
                             "dots and hyphens."),
                           quoted);
      return FALSE;
    }

  if (data->socket_type == NULL)
    {
      msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_BAD_SOCKET_TYPE,
                         data->file_name, data->server_line,
                         /* Translators: <%s> is incomingServer or
                          * outgoingServer; leave <socketType>, SSL,
                          * STARTTLS and plain as they are. */
                         _("the server <%s> does not say how it is secured "
                           "(<socketType> SSL, STARTTLS or plain)."),
                         data->server_element);
      return FALSE;
    }

  /* Autoconfig spells them SSL, STARTTLS and plain; "ssl" is ours. */
  if (!msa_security_from_string (data->socket_type, &security))
    {
      g_autofree char *quoted = quote_value (data->socket_type);

      msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_BAD_SOCKET_TYPE,
                         data->file_name, data->socket_type_line,
                         /* Translators: “%s” is a value from the file;
                          * leave SSL, STARTTLS and plain as they are. */
                         _("the connection security “%s” is unknown; "
                           "it must be SSL, STARTTLS or plain."),
                         quoted);
      return FALSE;
    }

  if (data->port != NULL && data->port[0] == '\0')
    {
      msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_BAD_PORT,
                         data->file_name, data->port_line,
                         /* Translators: follows “file name”, line N: */
                         _("the port is empty; it must be a number from 1 to 65535."));
      return FALSE;
    }

  if (data->port != NULL &&
      !g_ascii_string_to_unsigned (data->port, 10, 1, G_MAXUINT16, &port, NULL))
    {
      g_autofree char *quoted = quote_value (data->port);

      msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_BAD_PORT,
                         data->file_name, data->port_line,
                         /* Translators: “%s” is a value from the file. */
                         _("the port “%s” is not a number from 1 to 65535."),
                         quoted);
      return FALSE;
    }

  /* A missing port means the usual one (port 0 does that). */
  server = msa_server_new (data->protocol, data->hostname, (guint16) port, security);
  msa_server_set_username (server, data->username);
  msa_server_set_authentication (server, data->authentication);
  msa_profile_add_server (data->profile, server);

  return TRUE;
}

static gboolean
finish_field (GMarkupParseContext  *context,
              ParseData            *data,
              const char           *element_name,
              GError              **error)
{
  char *value = g_strstrip (data->text->str);
  char **slot = NULL;

  /* The host name, port and socket type have their own checks. */
  if ((data->field == FIELD_DOMAIN || data->field == FIELD_DISPLAY_NAME ||
       data->field == FIELD_USERNAME || data->field == FIELD_AUTHENTICATION) &&
      !check_value (context, data, element_name, value, error))
    return FALSE;

  switch (data->field)
    {
    case FIELD_DOMAIN:
      if (value[0] != '\0')
        msa_profile_add_domain (data->profile, value);
      return TRUE;
    case FIELD_DISPLAY_NAME:
      if (value[0] != '\0')
        msa_profile_set_display_name (data->profile, value);
      return TRUE;
    case FIELD_HOSTNAME:
      slot = &data->hostname;
      break;
    case FIELD_PORT:
      slot = &data->port;
      break;
    case FIELD_SOCKET_TYPE:
      slot = &data->socket_type;
      break;
    case FIELD_USERNAME:
      slot = &data->username;
      break;
    case FIELD_AUTHENTICATION:
      /* Autoconfig may list several methods, best first: keep the first. */
      if (data->authentication != NULL)
        return TRUE;
      slot = &data->authentication;
      break;
    case FIELD_NONE:
    default:
      g_assert_not_reached ();
    }

  msa_set_str (slot, value);
  return TRUE;
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  ParseData *data = user_data;
  int depth = data->depth--;

  if (data->skip_depth > 0)
    {
      if (depth == data->skip_depth)
        data->skip_depth = 0;
      return;
    }

  if (data->field != FIELD_NONE)
    {
      finish_field (context, data, element_name, error);
      data->field = FIELD_NONE;
      return;
    }

  if (depth == 3 && data->in_server)
    {
      finish_server (context, data, error);
      parse_data_clear_server (data);
      return;
    }

  if (depth == data->webmail_depth)
    {
      data->webmail_depth = 0;
      return;
    }

  if (depth == 2 && data->in_provider)
    data->in_provider = FALSE;
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  ParseData *data = user_data;

  if (data->field != FIELD_NONE && data->skip_depth == 0)
    g_string_append_len (data->text, text, text_len);
}

static const GMarkupParser parser = {
  on_start_element,
  on_end_element,
  on_text,
  NULL,
  NULL,
};

static gboolean
is_only_space (const char *text,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/**
 * msa_profile_new_from_bytes:
 * @bytes: the contents of an autoconfig file
 * @file_name: (nullable): the file's name for messages (its base name)
 * @error: return location for a #MsaProfileError
 *
 * Reads a Mozilla autoconfig file (clientConfig version="1.1"): the
 * first emailProvider's id, domains, displayName, and its servers
 * (incomingServer imap|pop3, outgoingServer smtp, each with hostname,
 * port, socketType, username, authentication).  Elements it does not
 * know are skipped.  A missing port is the protocol's usual one.
 *
 * Returns: (transfer full): the profile, or %NULL with @error set; the
 *   message names @file_name and, where there is one, the line
 */
MsaProfile *
msa_profile_new_from_bytes (GBytes      *bytes,
                            const char  *file_name,
                            GError     **error)
{
  return msa_profile_new_from_bytes_for_domain (bytes, file_name, NULL, error);
}

/**
 * msa_profile_new_from_bytes_for_domain:
 * @bytes: the contents of an autoconfig file
 * @file_name: (nullable): the file's name for messages
 * @email_domain: (nullable): the domain of the address the profile was
 *   found for
 * @error: return location for a #MsaProfileError
 *
 * Like msa_profile_new_from_bytes(), but fills the %EMAILDOMAIN%
 * placeholder in host names with @email_domain, as a mail program does
 * with a profile it fetched for an address.
 *
 * Returns: (transfer full): the profile, or %NULL with @error set
 */
MsaProfile *
msa_profile_new_from_bytes_for_domain (GBytes      *bytes,
                                       const char  *file_name,
                                       const char  *email_domain,
                                       GError     **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;
  ParseData data = { 0, };
  const char *text;
  gsize length;
  const char *end = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (file_name == NULL)
    /* Translators: stands in for a file name in messages. */
    file_name = _("provider profile");

  text = g_bytes_get_data (bytes, &length);

  if (length > MSA_PROFILE_MAX_SIZE)
    {
      msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_TOO_LARGE, file_name, 0,
                         /* Translators: follows “file name”: */
                         _("the file is larger than 1 MiB, far too large for a "
                           "provider profile."));
      return NULL;
    }

  /* A byte-order mark is allowed before XML; GMarkup does not take it. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  if (length == 0 || is_only_space (text, length))
    {
      msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_EMPTY, file_name, 0,
                         /* Translators: follows “file name”: */
                         _("the file is empty: it holds no provider settings."));
      return NULL;
    }

  if (memchr (text, '\0', length) != NULL || !g_utf8_validate_len (text, length, &end))
    {
      msa_autoconfig_set_error (error, MSA_PROFILE_ERROR_BINARY, file_name, 0,
                         /* Translators: follows “file name”: */
                         _("the file is not text (it has binary data or is not UTF-8), "
                           "so it is not a provider profile."));
      return NULL;
    }

  profile = g_object_new (MSA_TYPE_PROFILE, NULL);
  data.file_name = file_name;
  data.email_domain = email_domain;
  data.profile = profile;
  data.text = g_string_new (NULL);

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &data, NULL);

  if (!g_markup_parse_context_parse (context, text, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      if (local_error->domain != MSA_PROFILE_ERROR)
        {
          g_autoptr(GError) markup_error = g_steal_pointer (&local_error);

          msa_autoconfig_set_error (&local_error, MSA_PROFILE_ERROR_NOT_XML,
                             file_name, current_line (context),
                             /* Translators: %s is the XML parser's own message. */
                             _("this is not valid XML (%s)."),
                             markup_error->message);
        }
    }
  else if (g_list_model_get_n_items (msa_profile_get_servers (profile)) == 0)
    {
      msa_autoconfig_set_error (&local_error, MSA_PROFILE_ERROR_NO_SERVERS, file_name, 0,
                         /* Translators: leave <incomingServer> and
                          * <outgoingServer> as they are. */
                         _("the profile lists no server (no <incomingServer> or "
                           "<outgoingServer>)."));
    }

  parse_data_clear_server (&data);
  g_string_free (data.text, TRUE);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* The id names the provider; the domain is what users type. */
  if (msa_profile_get_own_id (profile) == NULL && msa_profile_get_domain (profile) != NULL)
    msa_profile_set_id (profile, msa_profile_get_domain (profile));
  else if (msa_profile_get_own_id (profile) != NULL && msa_profile_get_domain (profile) == NULL)
    {
      /* Only an id that could be a domain stands in for one: a <domain>
       * is read with its white space stripped, so "df.eu " would come
       * back as another domain after writing. */
      const char *id = msa_profile_get_own_id (profile);
      gboolean usable = id[0] != '\0';

      for (const char *c = id; *c != '\0' && usable; c++)
        usable = !g_ascii_isspace (*c);
      if (usable)
        msa_profile_add_domain (profile, id);
    }

  return g_steal_pointer (&profile);
}


