/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-server.h"

#include "msa-glib-compat.h"

/* One server of a provider: protocol, host, port and how the connection
 * is secured, with the user name pattern and authentication method of
 * the autoconfig file it came from. */

struct _MsaServer
{
  GObject      parent_instance;

  MsaProtocol  protocol;
  MsaSecurity  security;
  guint16      port;
  char        *hostname;
  char        *username;
  char        *authentication;
};

G_DEFINE_FINAL_TYPE (MsaServer, msa_server, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PROTOCOL,
  PROP_HOSTNAME,
  PROP_PORT,
  PROP_SECURITY,
  PROP_USERNAME,
  PROP_AUTHENTICATION,
  PROP_INCOMING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Protocol and security names */

static const char *
enum_nick (GType type,
           int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  /* The class of a static enum type is never freed: the nick stays. */
  g_type_class_unref (klass);
  return found != NULL ? found->value_nick : NULL;
}

static gboolean
enum_from_nick (GType       type,
                const char *name,
                int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  for (guint i = 0; i < klass->n_values; i++)
    if (g_ascii_strcasecmp (name, klass->values[i].value_nick) == 0)
      {
        if (value != NULL)
          *value = klass->values[i].value;
        return TRUE;
      }

  return FALSE;
}

/**
 * msa_protocol_to_string:
 * @protocol: a protocol
 *
 * Returns: (transfer none): "imap", "pop3" or "smtp", the words of
 *   autoconfig's server types and of the --protocol option.
 */
const char *
msa_protocol_to_string (MsaProtocol protocol)
{
  g_return_val_if_fail (protocol <= MSA_PROTOCOL_SMTP, NULL);

  return enum_nick (MSA_TYPE_PROTOCOL, protocol);
}

/**
 * msa_protocol_from_string:
 * @name: "imap", "pop3" or "smtp" (any case)
 * @protocol: (out) (optional): the protocol
 *
 * Returns: %TRUE if @name is a protocol
 */
gboolean
msa_protocol_from_string (const char  *name,
                          MsaProtocol *protocol)
{
  int value;

  g_return_val_if_fail (name != NULL, FALSE);

  if (!enum_from_nick (MSA_TYPE_PROTOCOL, name, &value))
    return FALSE;
  if (protocol != NULL)
    *protocol = value;
  return TRUE;
}

/**
 * msa_security_to_string:
 * @security: a security
 *
 * Returns: (transfer none): "ssl", "starttls" or "plain", the words of
 *   the JSON report.  (Autoconfig files spell them SSL, STARTTLS, plain.)
 */
const char *
msa_security_to_string (MsaSecurity security)
{
  g_return_val_if_fail (security <= MSA_SECURITY_PLAIN, NULL);

  return enum_nick (MSA_TYPE_SECURITY, security);
}

/**
 * msa_security_from_string:
 * @name: "ssl", "starttls" or "plain" (any case, so autoconfig's
 *   "SSL" and "STARTTLS" are accepted too)
 * @security: (out) (optional): the security
 *
 * Returns: %TRUE if @name is a security
 */
gboolean
msa_security_from_string (const char  *name,
                          MsaSecurity *security)
{
  int value;

  g_return_val_if_fail (name != NULL, FALSE);

  if (!enum_from_nick (MSA_TYPE_SECURITY, name, &value))
    return FALSE;
  if (security != NULL)
    *security = value;
  return TRUE;
}

/**
 * msa_protocol_default_port:
 * @protocol: a protocol
 * @security: how the connection is secured
 *
 * The well-known port: IMAP 993 with SSL, else 143; POP3 995 with SSL,
 * else 110; SMTP 465 with SSL, 587 with STARTTLS, 25 without encryption.
 *
 * Returns: the port
 */
guint16
msa_protocol_default_port (MsaProtocol protocol,
                           MsaSecurity security)
{
  g_return_val_if_fail (protocol <= MSA_PROTOCOL_SMTP, 0);
  g_return_val_if_fail (security <= MSA_SECURITY_PLAIN, 0);

  switch (protocol)
    {
    case MSA_PROTOCOL_IMAP:
      return security == MSA_SECURITY_SSL ? 993 : 143;
    case MSA_PROTOCOL_POP3:
      return security == MSA_SECURITY_SSL ? 995 : 110;
    case MSA_PROTOCOL_SMTP:
    default:
      if (security == MSA_SECURITY_SSL)
        return 465;
      return security == MSA_SECURITY_STARTTLS ? 587 : 25;
    }
}

/* MsaServer */

static void
msa_server_finalize (GObject *object)
{
  MsaServer *self = MSA_SERVER (object);

  g_clear_pointer (&self->hostname, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->authentication, g_free);

  G_OBJECT_CLASS (msa_server_parent_class)->finalize (object);
}

static void
msa_server_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MsaServer *self = MSA_SERVER (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      g_value_set_enum (value, self->protocol);
      break;
    case PROP_HOSTNAME:
      g_value_set_string (value, self->hostname);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_SECURITY:
      g_value_set_enum (value, self->security);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_AUTHENTICATION:
      g_value_set_string (value, self->authentication);
      break;
    case PROP_INCOMING:
      g_value_set_boolean (value, msa_server_is_incoming (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_server_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MsaServer *self = MSA_SERVER (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      self->protocol = g_value_get_enum (value);
      break;
    case PROP_HOSTNAME:
      msa_set_str (&self->hostname, g_value_get_string (value));
      break;
    case PROP_PORT:
      self->port = g_value_get_uint (value);
      break;
    case PROP_SECURITY:
      self->security = g_value_get_enum (value);
      break;
    case PROP_USERNAME:
      msa_server_set_username (self, g_value_get_string (value));
      break;
    case PROP_AUTHENTICATION:
      msa_server_set_authentication (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_server_constructed (GObject *object)
{
  MsaServer *self = MSA_SERVER (object);

  G_OBJECT_CLASS (msa_server_parent_class)->constructed (object);

  /* Port 0 means "the usual one for this protocol and security". */
  if (self->port == 0)
    self->port = msa_protocol_default_port (self->protocol, self->security);
}

static void
msa_server_class_init (MsaServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = msa_server_constructed;
  object_class->finalize = msa_server_finalize;
  object_class->get_property = msa_server_get_property;
  object_class->set_property = msa_server_set_property;

  properties[PROP_PROTOCOL] =
    g_param_spec_enum ("protocol", NULL, NULL,
                       MSA_TYPE_PROTOCOL, MSA_PROTOCOL_IMAP,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_HOSTNAME] =
    g_param_spec_string ("hostname", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* 0 at construction means the protocol's default port. */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SECURITY] =
    g_param_spec_enum ("security", NULL, NULL,
                       MSA_TYPE_SECURITY, MSA_SECURITY_SSL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_AUTHENTICATION] =
    g_param_spec_string ("authentication", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_INCOMING] =
    g_param_spec_boolean ("incoming", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msa_server_init (MsaServer *self)
{
}

/**
 * msa_server_new:
 * @protocol: the protocol
 * @hostname: the server's host name
 * @port: the port, or 0 for the protocol's default port with @security
 * @security: how the connection is secured
 *
 * Returns: (transfer full): a new server
 */
MsaServer *
msa_server_new (MsaProtocol  protocol,
                const char  *hostname,
                guint16      port,
                MsaSecurity  security)
{
  g_return_val_if_fail (protocol <= MSA_PROTOCOL_SMTP, NULL);
  g_return_val_if_fail (hostname != NULL, NULL);
  g_return_val_if_fail (security <= MSA_SECURITY_PLAIN, NULL);

  return g_object_new (MSA_TYPE_SERVER,
                       "protocol", protocol,
                       "hostname", hostname,
                       "port", (guint) port,
                       "security", security,
                       NULL);
}

MsaProtocol
msa_server_get_protocol (MsaServer *self)
{
  g_return_val_if_fail (MSA_IS_SERVER (self), MSA_PROTOCOL_IMAP);

  return self->protocol;
}

const char *
msa_server_get_hostname (MsaServer *self)
{
  g_return_val_if_fail (MSA_IS_SERVER (self), NULL);

  return self->hostname;
}

guint16
msa_server_get_port (MsaServer *self)
{
  g_return_val_if_fail (MSA_IS_SERVER (self), 0);

  return self->port;
}

MsaSecurity
msa_server_get_security (MsaServer *self)
{
  g_return_val_if_fail (MSA_IS_SERVER (self), MSA_SECURITY_PLAIN);

  return self->security;
}

/**
 * msa_server_get_username:
 * @self: a server
 *
 * Returns: (transfer none) (nullable): the user name pattern of the
 *   profile, e.g. "%EMAILADDRESS%"
 */
const char *
msa_server_get_username (MsaServer *self)
{
  g_return_val_if_fail (MSA_IS_SERVER (self), NULL);

  return self->username;
}

void
msa_server_set_username (MsaServer  *self,
                         const char *username)
{
  g_return_if_fail (MSA_IS_SERVER (self));

  if (msa_set_str (&self->username, username))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
}

/**
 * msa_server_get_authentication:
 * @self: a server
 *
 * Returns: (transfer none) (nullable): autoconfig's authentication
 *   method, e.g. "password-cleartext"
 */
const char *
msa_server_get_authentication (MsaServer *self)
{
  g_return_val_if_fail (MSA_IS_SERVER (self), NULL);

  return self->authentication;
}

void
msa_server_set_authentication (MsaServer  *self,
                               const char *authentication)
{
  g_return_if_fail (MSA_IS_SERVER (self));

  if (msa_set_str (&self->authentication, authentication))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHENTICATION]);
}

gboolean
msa_server_is_incoming (MsaServer *self)
{
  g_return_val_if_fail (MSA_IS_SERVER (self), FALSE);

  return self->protocol != MSA_PROTOCOL_SMTP;
}

/**
 * msa_server_equal:
 * @a: a server
 * @b: another server
 *
 * Host names compare without regard to case, as DNS does.
 *
 * Returns: %TRUE if @a and @b describe the same server the same way
 */
gboolean
msa_server_equal (MsaServer *a,
                  MsaServer *b)
{
  g_return_val_if_fail (MSA_IS_SERVER (a), FALSE);
  g_return_val_if_fail (MSA_IS_SERVER (b), FALSE);

  return a->protocol == b->protocol &&
         a->security == b->security &&
         a->port == b->port &&
         g_ascii_strcasecmp (a->hostname, b->hostname) == 0 &&
         g_strcmp0 (a->username, b->username) == 0 &&
         g_strcmp0 (a->authentication, b->authentication) == 0;
}
