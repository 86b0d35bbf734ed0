/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-profile.h"

#include "msa-providers-resources.h"

#include <string.h>

#include <glib/gi18n.h>

/* A provider profile: the servers of one mail provider, read from and
 * written to Mozilla's autoconfig format (clientConfig version="1.1"),
 * the format of Thunderbird's provider database, so that a file from a
 * provider's autoconfig URL can be loaded as it is. */

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

struct _MsaProfile
{
  GObject     parent_instance;

  char       *id;
  char       *display_name;
  GPtrArray  *domains;     /* char*, NULL-terminated */
  GListStore *servers;     /* MsaServer: incoming first, then outgoing */
};

G_DEFINE_FINAL_TYPE (MsaServer, msa_server, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (MsaProfile, msa_profile, G_TYPE_OBJECT)
G_DEFINE_QUARK (msa-profile-error-quark, msa_profile_error)

enum
{
  SERVER_PROP_0,
  SERVER_PROP_PROTOCOL,
  SERVER_PROP_HOSTNAME,
  SERVER_PROP_PORT,
  SERVER_PROP_SECURITY,
  SERVER_PROP_USERNAME,
  SERVER_PROP_AUTHENTICATION,
  SERVER_PROP_INCOMING,
  SERVER_N_PROPS
};

static GParamSpec *server_properties[SERVER_N_PROPS];

enum
{
  PROFILE_PROP_0,
  PROFILE_PROP_ID,
  PROFILE_PROP_DOMAIN,
  PROFILE_PROP_DISPLAY_NAME,
  PROFILE_PROP_SERVERS,
  PROFILE_N_PROPS
};

static GParamSpec *profile_properties[PROFILE_N_PROPS];

/* g_set_str() is GLib 2.76; Debian 12 has 2.74. */
static gboolean
set_str (char       **slot,
         const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* Enumerations */

static const GEnumValue protocol_values[] = {
  { MSA_PROTOCOL_IMAP, "MSA_PROTOCOL_IMAP", "imap" },
  { MSA_PROTOCOL_POP3, "MSA_PROTOCOL_POP3", "pop3" },
  { MSA_PROTOCOL_SMTP, "MSA_PROTOCOL_SMTP", "smtp" },
  { 0, NULL, NULL },
};

static const GEnumValue security_values[] = {
  { MSA_SECURITY_SSL, "MSA_SECURITY_SSL", "ssl" },
  { MSA_SECURITY_STARTTLS, "MSA_SECURITY_STARTTLS", "starttls" },
  { MSA_SECURITY_PLAIN, "MSA_SECURITY_PLAIN", "plain" },
  { 0, NULL, NULL },
};

GType
msa_protocol_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("MsaProtocol"),
                                           protocol_values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GType
msa_security_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("MsaSecurity"),
                                           security_values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
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

  return protocol_values[protocol].value_nick;
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
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; protocol_values[i].value_nick != NULL; i++)
    if (g_ascii_strcasecmp (name, protocol_values[i].value_nick) == 0)
      {
        if (protocol != NULL)
          *protocol = protocol_values[i].value;
        return TRUE;
      }

  return FALSE;
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

  return security_values[security].value_nick;
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
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; security_values[i].value_nick != NULL; i++)
    if (g_ascii_strcasecmp (name, security_values[i].value_nick) == 0)
      {
        if (security != NULL)
          *security = security_values[i].value;
        return TRUE;
      }

  return FALSE;
}

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
    case SERVER_PROP_PROTOCOL:
      g_value_set_enum (value, self->protocol);
      break;
    case SERVER_PROP_HOSTNAME:
      g_value_set_string (value, self->hostname);
      break;
    case SERVER_PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case SERVER_PROP_SECURITY:
      g_value_set_enum (value, self->security);
      break;
    case SERVER_PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case SERVER_PROP_AUTHENTICATION:
      g_value_set_string (value, self->authentication);
      break;
    case SERVER_PROP_INCOMING:
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
    case SERVER_PROP_PROTOCOL:
      self->protocol = g_value_get_enum (value);
      break;
    case SERVER_PROP_HOSTNAME:
      set_str (&self->hostname, g_value_get_string (value));
      break;
    case SERVER_PROP_PORT:
      self->port = g_value_get_uint (value);
      break;
    case SERVER_PROP_SECURITY:
      self->security = g_value_get_enum (value);
      break;
    case SERVER_PROP_USERNAME:
      msa_server_set_username (self, g_value_get_string (value));
      break;
    case SERVER_PROP_AUTHENTICATION:
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

  server_properties[SERVER_PROP_PROTOCOL] =
    g_param_spec_enum ("protocol", NULL, NULL,
                       MSA_TYPE_PROTOCOL, MSA_PROTOCOL_IMAP,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  server_properties[SERVER_PROP_HOSTNAME] =
    g_param_spec_string ("hostname", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* 0 at construction means the protocol's default port. */
  server_properties[SERVER_PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  server_properties[SERVER_PROP_SECURITY] =
    g_param_spec_enum ("security", NULL, NULL,
                       MSA_TYPE_SECURITY, MSA_SECURITY_SSL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  server_properties[SERVER_PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  server_properties[SERVER_PROP_AUTHENTICATION] =
    g_param_spec_string ("authentication", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  server_properties[SERVER_PROP_INCOMING] =
    g_param_spec_boolean ("incoming", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, SERVER_N_PROPS, server_properties);
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

  if (set_str (&self->username, username))
    g_object_notify_by_pspec (G_OBJECT (self), server_properties[SERVER_PROP_USERNAME]);
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

  if (set_str (&self->authentication, authentication))
    g_object_notify_by_pspec (G_OBJECT (self), server_properties[SERVER_PROP_AUTHENTICATION]);
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

/* MsaProfile */

static void
msa_profile_dispose (GObject *object)
{
  MsaProfile *self = MSA_PROFILE (object);

  g_clear_object (&self->servers);

  G_OBJECT_CLASS (msa_profile_parent_class)->dispose (object);
}

static void
msa_profile_finalize (GObject *object)
{
  MsaProfile *self = MSA_PROFILE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->domains, g_ptr_array_unref);

  G_OBJECT_CLASS (msa_profile_parent_class)->finalize (object);
}

static void
msa_profile_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MsaProfile *self = MSA_PROFILE (object);

  switch (prop_id)
    {
    case PROFILE_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROFILE_PROP_DOMAIN:
      g_value_set_string (value, msa_profile_get_domain (self));
      break;
    case PROFILE_PROP_DISPLAY_NAME:
      g_value_set_string (value, msa_profile_get_display_name (self));
      break;
    case PROFILE_PROP_SERVERS:
      g_value_set_object (value, self->servers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_profile_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MsaProfile *self = MSA_PROFILE (object);

  switch (prop_id)
    {
    case PROFILE_PROP_ID:
      set_str (&self->id, g_value_get_string (value));
      break;
    case PROFILE_PROP_DOMAIN:
      if (g_value_get_string (value) != NULL)
        msa_profile_add_domain (self, g_value_get_string (value));
      break;
    case PROFILE_PROP_DISPLAY_NAME:
      set_str (&self->display_name, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_profile_class_init (MsaProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msa_profile_dispose;
  object_class->finalize = msa_profile_finalize;
  object_class->get_property = msa_profile_get_property;
  object_class->set_property = msa_profile_set_property;

  /* emailProvider's id attribute; defaults to the first domain. */
  profile_properties[PROFILE_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* The first domain. */
  profile_properties[PROFILE_PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* Falls back to the domain when the file has no displayName. */
  profile_properties[PROFILE_PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  profile_properties[PROFILE_PROP_SERVERS] =
    g_param_spec_object ("servers", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, PROFILE_N_PROPS, profile_properties);
}

static void
msa_profile_init (MsaProfile *self)
{
  self->domains = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  self->servers = g_list_store_new (MSA_TYPE_SERVER);
}

/**
 * msa_profile_new:
 * @domain: (nullable): the provider's mail domain, e.g. "df.eu"
 * @display_name: (nullable): the provider's name, e.g. "domainFACTORY"
 *
 * Returns: (transfer full): a profile without servers
 */
MsaProfile *
msa_profile_new (const char *domain,
                 const char *display_name)
{
  return g_object_new (MSA_TYPE_PROFILE,
                       "id", domain,
                       "domain", domain,
                       "display-name", display_name,
                       NULL);
}

/**
 * msa_profile_get_id:
 * @self: a profile
 *
 * Returns: (transfer none) (nullable): emailProvider's id, or the first
 *   domain when the file has none
 */
const char *
msa_profile_get_id (MsaProfile *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);

  return self->id != NULL ? self->id : msa_profile_get_domain (self);
}

/**
 * msa_profile_get_domain:
 * @self: a profile
 *
 * Returns: (transfer none) (nullable): the first domain
 */
const char *
msa_profile_get_domain (MsaProfile *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);

  return self->domains->len > 0 ? g_ptr_array_index (self->domains, 0) : NULL;
}

/**
 * msa_profile_get_domains:
 * @self: a profile
 *
 * Returns: (transfer none) (array zero-terminated=1): every domain
 */
const char * const *
msa_profile_get_domains (MsaProfile *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);

  return (const char * const *) self->domains->pdata;
}

void
msa_profile_add_domain (MsaProfile *self,
                        const char *domain)
{
  g_return_if_fail (MSA_IS_PROFILE (self));
  g_return_if_fail (domain != NULL);

  for (guint i = 0; i < self->domains->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->domains, i), domain) == 0)
      return;

  g_ptr_array_add (self->domains, g_strdup (domain));
  if (self->domains->len == 1)
    g_object_notify_by_pspec (G_OBJECT (self), profile_properties[PROFILE_PROP_DOMAIN]);
}

/**
 * msa_profile_get_display_name:
 * @self: a profile
 *
 * Returns: (transfer none) (nullable): the provider's name, or its
 *   domain when the profile has no name
 */
const char *
msa_profile_get_display_name (MsaProfile *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);

  return self->display_name != NULL ? self->display_name : msa_profile_get_domain (self);
}

/**
 * msa_profile_get_servers:
 * @self: a profile
 *
 * Returns: (transfer none): a list of #MsaServer, incoming servers
 *   first, in the order of the file
 */
GListModel *
msa_profile_get_servers (MsaProfile *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);

  return G_LIST_MODEL (self->servers);
}

/**
 * msa_profile_add_server:
 * @self: a profile
 * @server: a server
 *
 * Adds @server after the other servers of its direction: autoconfig
 * lists incoming servers before outgoing ones, so keeping that order
 * here makes writing and reading back give the same list.
 */
void
msa_profile_add_server (MsaProfile *self,
                        MsaServer  *server)
{
  guint n;
  guint position;

  g_return_if_fail (MSA_IS_PROFILE (self));
  g_return_if_fail (MSA_IS_SERVER (server));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->servers));
  position = n;

  if (msa_server_is_incoming (server))
    {
      for (position = 0; position < n; position++)
        {
          g_autoptr(MsaServer) other = g_list_model_get_item (G_LIST_MODEL (self->servers),
                                                              position);
          if (!msa_server_is_incoming (other))
            break;
        }
    }

  g_list_store_insert (self->servers, position, server);
}

/**
 * msa_profile_find_server:
 * @self: a profile
 * @protocol: the protocol
 * @security: the security
 *
 * Returns: (transfer none) (nullable): the first server of @protocol
 *   with @security
 */
MsaServer *
msa_profile_find_server (MsaProfile  *self,
                         MsaProtocol  protocol,
                         MsaSecurity  security)
{
  guint n;

  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->servers));
  for (guint i = 0; i < n; i++)
    {
      /* The store keeps its reference, so a borrowed pointer stays valid. */
      g_autoptr(MsaServer) server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);

      if (server->protocol == protocol && server->security == security)
        return server;
    }

  return NULL;
}

/**
 * msa_profile_equal:
 * @a: a profile
 * @b: another profile
 *
 * Returns: %TRUE if @a and @b have the same id, name, domains and
 *   servers (in the same order)
 */
gboolean
msa_profile_equal (MsaProfile *a,
                   MsaProfile *b)
{
  guint n;

  g_return_val_if_fail (MSA_IS_PROFILE (a), FALSE);
  g_return_val_if_fail (MSA_IS_PROFILE (b), FALSE);

  if (g_strcmp0 (msa_profile_get_id (a), msa_profile_get_id (b)) != 0 ||
      g_strcmp0 (a->display_name, b->display_name) != 0 ||
      !g_strv_equal ((const char * const *) a->domains->pdata,
                     (const char * const *) b->domains->pdata))
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (a->servers));
  if (n != g_list_model_get_n_items (G_LIST_MODEL (b->servers)))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServer) sa = g_list_model_get_item (G_LIST_MODEL (a->servers), i);
      g_autoptr(MsaServer) sb = g_list_model_get_item (G_LIST_MODEL (b->servers), i);

      if (!msa_server_equal (sa, sb))
        return FALSE;
    }

  return TRUE;
}

/* Writing */

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
  guint n;

  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<clientConfig version=\"1.1\">\n");

  if (self->id != NULL)
    {
      id = g_markup_escape_text (self->id, -1);
      g_string_append_printf (out, "  <emailProvider id=\"%s\">\n", id);
    }
  else
    g_string_append (out, "  <emailProvider>\n");

  for (guint i = 0; i < self->domains->len; i++)
    append_element (out, "    ", "domain", g_ptr_array_index (self->domains, i));
  append_element (out, "    ", "displayName", self->display_name);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->servers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServer) server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);
      g_autofree char *port = g_strdup_printf ("%u", (guint) server->port);
      const char *element = msa_server_is_incoming (server) ? "incomingServer" : "outgoingServer";

      g_string_append_printf (out, "    <%s type=\"%s\">\n",
                              element, msa_protocol_to_string (server->protocol));
      append_element (out, "      ", "hostname", server->hostname);
      append_element (out, "      ", "port", port);
      append_element (out, "      ", "socketType", security_to_socket_type (server->security));
      append_element (out, "      ", "username", server->username);
      append_element (out, "      ", "authentication", server->authentication);
      g_string_append_printf (out, "    </%s>\n", element);
    }

  g_string_append (out, "  </emailProvider>\n"
                        "</clientConfig>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

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

static void set_profile_error (GError         **error,
                               MsaProfileError  code,
                               const char      *file_name,
                               int              line,
                               const char      *format,
                               ...) G_GNUC_PRINTF (5, 6);

/* Every message names the file and, where there is one, the line. */
static void
set_profile_error (GError         **error,
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
  MsaProfile *profile;

  int         depth;         /* of the element being read */
  int         skip_depth;    /* > 0: inside an element we ignore */
  gboolean    seen_root;
  gboolean    in_provider;
  gboolean    seen_provider;

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
      set_profile_error (error, MSA_PROFILE_ERROR_BAD_SERVER_TYPE,
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

  if (!msa_protocol_from_string (type, &protocol) ||
      (protocol == MSA_PROTOCOL_SMTP) == incoming)
    {
      g_autofree char *quoted = quote_value (type);

      set_profile_error (error, MSA_PROFILE_ERROR_BAD_SERVER_TYPE,
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

          set_profile_error (error, MSA_PROFILE_ERROR_WRONG_ROOT,
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
          set_str (&data->profile->id, attribute_values[i]);
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

/* Catches what cannot be a host name before it reaches a resolver or a
 * terminal: blanks, control characters, and autoconfig placeholders such
 * as "imap.%EMAILDOMAIN%" that only a mail program fills in.  Non-ASCII
 * (international) names and IP addresses are fine. */
static gboolean
hostname_is_valid (const char *hostname)
{
  if (g_hostname_is_ip_address (hostname))
    return TRUE;

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
      set_profile_error (error, MSA_PROFILE_ERROR_MISSING_HOSTNAME,
                         data->file_name, data->server_line,
                         /* Translators: <%s> is incomingServer or
                          * outgoingServer; leave <hostname> as it is. */
                         _("the server <%s> has no host name (<hostname>)."),
                         data->server_element);
      return FALSE;
    }

  if (!hostname_is_valid (data->hostname))
    {
      g_autofree char *quoted = quote_value (data->hostname);

      if (strchr (data->hostname, '%') != NULL)
        set_profile_error (error, MSA_PROFILE_ERROR_BAD_HOSTNAME,
                           data->file_name, data->hostname_line,
                           /* Translators: “%s” is a value from the file,
                            * e.g. imap.%EMAILDOMAIN%. */
                           _("the server name “%s” has a placeholder that only a mail "
                             "program fills in; the check needs the real server name."),
                           quoted);
      else
        set_profile_error (error, MSA_PROFILE_ERROR_BAD_HOSTNAME,
                           data->file_name, data->hostname_line,
                           /* Translators: “%s” is a value from the file. */
                           _("“%s” is not a server name: a name has only letters, digits, "
                             "dots and hyphens."),
                           quoted);
      return FALSE;
    }

  if (data->socket_type == NULL)
    {
      set_profile_error (error, MSA_PROFILE_ERROR_BAD_SOCKET_TYPE,
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

      set_profile_error (error, MSA_PROFILE_ERROR_BAD_SOCKET_TYPE,
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
      set_profile_error (error, MSA_PROFILE_ERROR_BAD_PORT,
                         data->file_name, data->port_line,
                         /* Translators: follows “file name”, line N: */
                         _("the port is empty; it must be a number from 1 to 65535."));
      return FALSE;
    }

  if (data->port != NULL &&
      !g_ascii_string_to_unsigned (data->port, 10, 1, G_MAXUINT16, &port, NULL))
    {
      g_autofree char *quoted = quote_value (data->port);

      set_profile_error (error, MSA_PROFILE_ERROR_BAD_PORT,
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

static void
finish_field (ParseData *data)
{
  char *value = g_strstrip (data->text->str);
  char **slot = NULL;

  switch (data->field)
    {
    case FIELD_DOMAIN:
      if (value[0] != '\0')
        msa_profile_add_domain (data->profile, value);
      return;
    case FIELD_DISPLAY_NAME:
      if (value[0] == '\0')
        return;
      slot = &data->profile->display_name;
      break;
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
        return;
      slot = &data->authentication;
      break;
    case FIELD_NONE:
    default:
      g_assert_not_reached ();
    }

  set_str (slot, value);
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
      finish_field (data);
      data->field = FIELD_NONE;
      return;
    }

  if (depth == 3 && data->in_server)
    {
      finish_server (context, data, error);
      parse_data_clear_server (data);
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
      set_profile_error (error, MSA_PROFILE_ERROR_TOO_LARGE, file_name, 0,
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
      set_profile_error (error, MSA_PROFILE_ERROR_EMPTY, file_name, 0,
                         /* Translators: follows “file name”: */
                         _("the file is empty: it holds no provider settings."));
      return NULL;
    }

  if (memchr (text, '\0', length) != NULL || !g_utf8_validate_len (text, length, &end))
    {
      set_profile_error (error, MSA_PROFILE_ERROR_BINARY, file_name, 0,
                         /* Translators: follows “file name”: */
                         _("the file is not text (it has binary data or is not UTF-8), "
                           "so it is not a provider profile."));
      return NULL;
    }

  profile = g_object_new (MSA_TYPE_PROFILE, NULL);
  data.file_name = file_name;
  data.profile = profile;
  data.text = g_string_new (NULL);

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &data, NULL);

  if (!g_markup_parse_context_parse (context, text, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      if (local_error->domain != MSA_PROFILE_ERROR)
        {
          g_autoptr(GError) markup_error = g_steal_pointer (&local_error);

          set_profile_error (&local_error, MSA_PROFILE_ERROR_NOT_XML,
                             file_name, current_line (context),
                             /* Translators: %s is the XML parser's own message. */
                             _("this is not valid XML (%s)."),
                             markup_error->message);
        }
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (profile->servers)) == 0)
    {
      set_profile_error (&local_error, MSA_PROFILE_ERROR_NO_SERVERS, file_name, 0,
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
  if (profile->id == NULL && msa_profile_get_domain (profile) != NULL)
    profile->id = g_strdup (msa_profile_get_domain (profile));
  else if (profile->id != NULL && msa_profile_get_domain (profile) == NULL)
    msa_profile_add_domain (profile, profile->id);

  return g_steal_pointer (&profile);
}

static char *
display_basename (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = NULL;

  if (path != NULL)
    return g_filename_display_basename (path);

  basename = g_file_get_basename (file);
  return g_filename_display_name (basename != NULL ? basename : "");
}

static void
set_read_error (GError     **error,
                const char  *file_name,
                GError      *io_error)
{
  /* Cancelling is not a fault of the file: keep it recognisable. */
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (io_error));
      return;
    }

  set_profile_error (error, MSA_PROFILE_ERROR_READ, file_name, 0,
                     /* Translators: %s is the system's reason, e.g. "No
                      * such file or directory". */
                     _("the file cannot be read: %s."),
                     io_error->message);
}

/**
 * msa_profile_new_from_file:
 * @file: an autoconfig file
 * @error: return location for a #MsaProfileError, or %G_IO_ERROR_CANCELLED
 *
 * Reads @file with blocking I/O (for the command line; the wizard uses
 * msa_profile_load_async()).  At most %MSA_PROFILE_MAX_SIZE + 1 bytes
 * are read, so a huge file costs no time or memory.
 *
 * Returns: (transfer full): the profile, or %NULL with @error set
 */
MsaProfile *
msa_profile_new_from_file (GFile   *file,
                           GError **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *buffer = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file_name = display_basename (file);
  stream = g_file_read (file, NULL, &local_error);
  if (stream != NULL)
    {
      buffer = g_malloc (MSA_PROFILE_MAX_SIZE + 1);
      g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, MSA_PROFILE_MAX_SIZE + 1,
                               &length, NULL, &local_error);
    }

  if (local_error != NULL)
    {
      set_read_error (error, file_name, local_error);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&buffer), length);
  return msa_profile_new_from_bytes (bytes, file_name, error);
}

static gboolean
on_load_read_more (const char *file_contents,
                   goffset     file_size,
                   gpointer    user_data)
{
  /* Stop as soon as the file is known to be too large. */
  return file_size <= MSA_PROFILE_MAX_SIZE;
}

static void
on_load_contents_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = display_basename (G_FILE (source));
  g_autoptr(GBytes) bytes = NULL;
  MsaProfile *profile;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_partial_contents_finish (G_FILE (source), result,
                                            &contents, &length, NULL, &error))
    {
      GError *read_error = NULL;

      set_read_error (&read_error, file_name, error);
      g_task_return_error (task, read_error);
      return;
    }

  bytes = g_bytes_new_take (contents, length);
  profile = msa_profile_new_from_bytes (bytes, file_name, &error);
  if (profile == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, profile, g_object_unref);
}

/**
 * msa_profile_load_async:
 * @file: an autoconfig file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the profile is read
 * @user_data: data for @callback
 *
 * Reads @file without blocking, stopping after %MSA_PROFILE_MAX_SIZE
 * bytes, and parses it like msa_profile_new_from_bytes().
 */
void
msa_profile_load_async (GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, msa_profile_load_async);

  g_file_load_partial_contents_async (file, cancellable,
                                      on_load_read_more,
                                      on_load_contents_cb,
                                      g_steal_pointer (&task));
}

/**
 * msa_profile_load_finish:
 * @result: the result given to the callback
 * @error: return location for a #MsaProfileError, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the profile, or %NULL with @error set
 */
MsaProfile *
msa_profile_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == msa_profile_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * msa_profile_new_builtin:
 *
 * The built-in domainFACTORY profile (data/providers/df.eu.xml), from
 * the check library's own GResource, so the GTK-free --check has it too.
 *
 * Returns: (transfer full): the profile
 */
MsaProfile *
msa_profile_new_builtin (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MsaProfile *profile = NULL;

  bytes = g_resource_lookup_data (msa_providers_get_resource (),
                                  MSA_PROFILE_BUILTIN_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    profile = msa_profile_new_from_bytes (bytes, "df.eu.xml", &error);

  /* The file is part of the build and has its own test: a failure here
   * is a broken build, not a user's problem. */
  if (error != NULL)
    g_error ("The built-in profile is broken: %s", error->message);

  return profile;
}
