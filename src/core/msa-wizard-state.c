/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-wizard-state.h"
#include "msa-glib-compat.h"

#include <string.h>

struct _MsaWizardState
{
  GObject          parent_instance;

  /* The user's answers */
  MsaProfile      *profile;
  gboolean         builtin_profile;
  char            *profile_file;
  MsaProtocol      incoming_protocol;
  MsaMailClientId  mail_client;
  char            *email_address;

  /* What the mail program shows today */
  char            *current_incoming_host;
  guint            current_incoming_port;
  MsaSecurity      current_incoming_security;
  char            *current_outgoing_host;
  guint            current_outgoing_port;
  MsaSecurity      current_outgoing_security;

  /* What the wizard found out */
  MsaProfileCheck *check;
  char            *ca_file;
  char            *profile_source;
  char            *ispdb_url;
};

G_DEFINE_FINAL_TYPE (MsaWizardState, msa_wizard_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_BUILTIN_PROFILE,
  PROP_PROFILE_FILE,
  PROP_INCOMING_PROTOCOL,
  PROP_MAIL_CLIENT,
  PROP_EMAIL_ADDRESS,
  PROP_CURRENT_INCOMING_HOST,
  PROP_CURRENT_INCOMING_PORT,
  PROP_CURRENT_INCOMING_SECURITY,
  PROP_CURRENT_OUTGOING_HOST,
  PROP_CURRENT_OUTGOING_PORT,
  PROP_CURRENT_OUTGOING_SECURITY,
  PROP_CHECK,
  PROP_CA_FILE,
  PROP_PROFILE_SOURCE,
  PROP_ISPDB_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_str_prop (MsaWizardState  *self,
              char           **field,
              const char      *value,
              guint            prop)
{
  /* An empty entry means "not given". */
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (msa_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_uint_prop (MsaWizardState *self,
               guint          *field,
               guint           value,
               guint           prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
msa_wizard_state_finalize (GObject *object)
{
  MsaWizardState *self = MSA_WIZARD_STATE (object);

  g_clear_object (&self->profile);
  g_clear_object (&self->check);
  g_clear_pointer (&self->email_address, g_free);
  g_clear_pointer (&self->profile_file, g_free);
  g_clear_pointer (&self->current_incoming_host, g_free);
  g_clear_pointer (&self->current_outgoing_host, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->profile_source, g_free);
  g_clear_pointer (&self->ispdb_url, g_free);

  G_OBJECT_CLASS (msa_wizard_state_parent_class)->finalize (object);
}

static void
msa_wizard_state_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MsaWizardState *self = MSA_WIZARD_STATE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    case PROP_BUILTIN_PROFILE:
      g_value_set_boolean (value, self->builtin_profile);
      break;

    case PROP_PROFILE_FILE:
      g_value_set_string (value, self->profile_file);
      break;

    case PROP_INCOMING_PROTOCOL:
      g_value_set_enum (value, self->incoming_protocol);
      break;

    case PROP_MAIL_CLIENT:
      g_value_set_enum (value, self->mail_client);
      break;

    case PROP_EMAIL_ADDRESS:
      g_value_set_string (value, self->email_address);
      break;

    case PROP_CURRENT_INCOMING_HOST:
      g_value_set_string (value, self->current_incoming_host);
      break;

    case PROP_CURRENT_INCOMING_PORT:
      g_value_set_uint (value, self->current_incoming_port);
      break;

    case PROP_CURRENT_INCOMING_SECURITY:
      g_value_set_enum (value, self->current_incoming_security);
      break;

    case PROP_CURRENT_OUTGOING_HOST:
      g_value_set_string (value, self->current_outgoing_host);
      break;

    case PROP_CURRENT_OUTGOING_PORT:
      g_value_set_uint (value, self->current_outgoing_port);
      break;

    case PROP_CURRENT_OUTGOING_SECURITY:
      g_value_set_enum (value, self->current_outgoing_security);
      break;

    case PROP_CHECK:
      g_value_set_object (value, self->check);
      break;

    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;

    case PROP_PROFILE_SOURCE:
      g_value_set_string (value, self->profile_source);
      break;

    case PROP_ISPDB_URL:
      g_value_set_string (value, self->ispdb_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_wizard_state_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MsaWizardState *self = MSA_WIZARD_STATE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      msa_wizard_state_set_profile (self, g_value_get_object (value), self->builtin_profile);
      break;

    case PROP_PROFILE_FILE:
      msa_wizard_state_set_profile_file (self, g_value_get_string (value));
      break;

    case PROP_INCOMING_PROTOCOL:
      msa_wizard_state_set_incoming_protocol (self, g_value_get_enum (value));
      break;

    case PROP_MAIL_CLIENT:
      msa_wizard_state_set_mail_client (self, g_value_get_enum (value));
      break;

    case PROP_EMAIL_ADDRESS:
      msa_wizard_state_set_email_address (self, g_value_get_string (value));
      break;

    case PROP_CURRENT_INCOMING_HOST:
      msa_wizard_state_set_current_incoming_host (self, g_value_get_string (value));
      break;

    case PROP_CURRENT_INCOMING_PORT:
      msa_wizard_state_set_current_incoming_port (self, g_value_get_uint (value));
      break;

    case PROP_CURRENT_INCOMING_SECURITY:
      msa_wizard_state_set_current_incoming_security (self, g_value_get_enum (value));
      break;

    case PROP_CURRENT_OUTGOING_HOST:
      msa_wizard_state_set_current_outgoing_host (self, g_value_get_string (value));
      break;

    case PROP_CURRENT_OUTGOING_PORT:
      msa_wizard_state_set_current_outgoing_port (self, g_value_get_uint (value));
      break;

    case PROP_CURRENT_OUTGOING_SECURITY:
      msa_wizard_state_set_current_outgoing_security (self, g_value_get_enum (value));
      break;

    case PROP_CHECK:
      msa_wizard_state_set_check (self, g_value_get_object (value));
      break;

    case PROP_CA_FILE:
      msa_wizard_state_set_ca_file (self, g_value_get_string (value));
      break;

    case PROP_PROFILE_SOURCE:
      msa_wizard_state_set_profile_source (self, g_value_get_string (value));
      break;

    case PROP_ISPDB_URL:
      msa_wizard_state_set_ispdb_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_wizard_state_class_init (MsaWizardStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = (G_PARAM_READWRITE |
                    G_PARAM_EXPLICIT_NOTIFY |
                    G_PARAM_STATIC_STRINGS);

  object_class->finalize = msa_wizard_state_finalize;
  object_class->get_property = msa_wizard_state_get_property;
  object_class->set_property = msa_wizard_state_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, MSA_TYPE_PROFILE, rw);
  properties[PROP_BUILTIN_PROFILE] =
    g_param_spec_boolean ("builtin-profile", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE_FILE] =
    g_param_spec_string ("profile-file", NULL, NULL, NULL, rw);
  /* Enum properties: their nicks ("imap", "apple-mail", …) are the
   * values GSettings keeps, so the application binds them directly. */
  properties[PROP_INCOMING_PROTOCOL] =
    g_param_spec_enum ("incoming-protocol", NULL, NULL,
                       MSA_TYPE_PROTOCOL, MSA_PROTOCOL_IMAP, rw);
  properties[PROP_MAIL_CLIENT] =
    g_param_spec_enum ("mail-client", NULL, NULL,
                       MSA_TYPE_MAIL_CLIENT_ID, MSA_MAIL_CLIENT_THUNDERBIRD, rw);
  properties[PROP_EMAIL_ADDRESS] =
    g_param_spec_string ("email-address", NULL, NULL, NULL, rw);
  properties[PROP_CURRENT_INCOMING_HOST] =
    g_param_spec_string ("current-incoming-host", NULL, NULL, NULL, rw);
  properties[PROP_CURRENT_INCOMING_PORT] =
    g_param_spec_uint ("current-incoming-port", NULL, NULL, 0, G_MAXUINT16, 0, rw);
  properties[PROP_CURRENT_INCOMING_SECURITY] =
    g_param_spec_enum ("current-incoming-security", NULL, NULL,
                       MSA_TYPE_SECURITY, MSA_SECURITY_PLAIN, rw);
  properties[PROP_CURRENT_OUTGOING_HOST] =
    g_param_spec_string ("current-outgoing-host", NULL, NULL, NULL, rw);
  properties[PROP_CURRENT_OUTGOING_PORT] =
    g_param_spec_uint ("current-outgoing-port", NULL, NULL, 0, G_MAXUINT16, 0, rw);
  properties[PROP_CURRENT_OUTGOING_SECURITY] =
    g_param_spec_enum ("current-outgoing-security", NULL, NULL,
                       MSA_TYPE_SECURITY, MSA_SECURITY_PLAIN, rw);
  properties[PROP_CHECK] =
    g_param_spec_object ("check", NULL, NULL, MSA_TYPE_PROFILE_CHECK, rw);
  properties[PROP_PROFILE_SOURCE] =
    g_param_spec_string ("profile-source", NULL, NULL, NULL, rw);
  properties[PROP_ISPDB_URL] =
    g_param_spec_string ("ispdb-url", NULL, NULL, NULL, rw);
  properties[PROP_CA_FILE] =
    g_param_spec_string ("ca-file", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msa_wizard_state_init (MsaWizardState *self)
{
  self->profile = msa_profile_new_builtin ();
  self->builtin_profile = TRUE;
  self->incoming_protocol = MSA_PROTOCOL_IMAP;
  self->mail_client = MSA_MAIL_CLIENT_THUNDERBIRD;
  self->current_incoming_security = MSA_SECURITY_PLAIN;
  self->current_outgoing_security = MSA_SECURITY_PLAIN;
}

/**
 * msa_wizard_state_new:
 *
 * Returns: (transfer full): a state with the built-in profile, IMAP and
 *   Thunderbird chosen
 */
MsaWizardState *
msa_wizard_state_new (void)
{
  return g_object_new (MSA_TYPE_WIZARD_STATE, NULL);
}

/**
 * msa_wizard_state_get_profile:
 * @self: a #MsaWizardState
 *
 * Returns: (transfer none): the provider profile
 */
MsaProfile *
msa_wizard_state_get_profile (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), NULL);

  return self->profile;
}

/**
 * msa_wizard_state_set_profile:
 * @self: a #MsaWizardState
 * @profile: the provider profile
 * @builtin: whether it is the built-in one
 *
 * A new profile makes the last check meaningless, so it is dropped.
 */
void
msa_wizard_state_set_profile (MsaWizardState *self,
                              MsaProfile     *profile,
                              gboolean        builtin)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));
  g_return_if_fail (MSA_IS_PROFILE (profile));

  builtin = !!builtin;
  g_object_freeze_notify (G_OBJECT (self));

  if (g_set_object (&self->profile, profile))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
      msa_wizard_state_set_check (self, NULL);
    }

  if (self->builtin_profile != builtin)
    {
      self->builtin_profile = builtin;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILTIN_PROFILE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * msa_wizard_state_get_builtin_profile:
 * @self: a #MsaWizardState
 *
 * Returns: whether the profile is the built-in one
 */
gboolean
msa_wizard_state_get_builtin_profile (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), FALSE);

  return self->builtin_profile;
}

/**
 * msa_wizard_state_get_profile_file:
 * @self: a #MsaWizardState
 *
 * Returns: (transfer none) (nullable): the autoconfig file the profile
 *   came from
 */
const char *
msa_wizard_state_get_profile_file (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), NULL);

  return self->profile_file;
}

/**
 * msa_wizard_state_set_profile_file:
 * @self: a #MsaWizardState
 * @path: (nullable): the file's path
 */
void
msa_wizard_state_set_profile_file (MsaWizardState *self,
                                   const char     *path)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));

  set_str_prop (self, &self->profile_file, path, PROP_PROFILE_FILE);
}

/**
 * msa_wizard_state_get_incoming_protocol:
 * @self: a #MsaWizardState
 *
 * Returns: %MSA_PROTOCOL_IMAP or %MSA_PROTOCOL_POP3
 */
MsaProtocol
msa_wizard_state_get_incoming_protocol (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), MSA_PROTOCOL_IMAP);

  return self->incoming_protocol;
}

/**
 * msa_wizard_state_set_incoming_protocol:
 * @self: a #MsaWizardState
 * @protocol: %MSA_PROTOCOL_IMAP or %MSA_PROTOCOL_POP3
 */
void
msa_wizard_state_set_incoming_protocol (MsaWizardState *self,
                                        MsaProtocol     protocol)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));
  g_return_if_fail (protocol == MSA_PROTOCOL_IMAP || protocol == MSA_PROTOCOL_POP3);

  set_uint_prop (self, &self->incoming_protocol, protocol, PROP_INCOMING_PROTOCOL);
}

/**
 * msa_wizard_state_get_mail_client:
 * @self: a #MsaWizardState
 *
 * Returns: the chosen mail program
 */
MsaMailClientId
msa_wizard_state_get_mail_client (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), MSA_MAIL_CLIENT_OTHER);

  return self->mail_client;
}

/**
 * msa_wizard_state_set_mail_client:
 * @self: a #MsaWizardState
 * @client: the mail program
 */
void
msa_wizard_state_set_mail_client (MsaWizardState  *self,
                                  MsaMailClientId  client)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));
  g_return_if_fail (client < MSA_MAIL_CLIENT_N_CLIENTS);

  set_uint_prop (self, &self->mail_client, client, PROP_MAIL_CLIENT);
}

/**
 * msa_wizard_state_get_email_address:
 * @self: a #MsaWizardState
 *
 * Returns: (transfer none) (nullable): the e-mail address, if given
 */
const char *
msa_wizard_state_get_email_address (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), NULL);

  return self->email_address;
}

/**
 * msa_wizard_state_set_email_address:
 * @self: a #MsaWizardState
 * @address: (nullable): the e-mail address; empty means none
 */
void
msa_wizard_state_set_email_address (MsaWizardState *self,
                                    const char     *address)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));

  set_str_prop (self, &self->email_address, address, PROP_EMAIL_ADDRESS);
}

/**
 * msa_wizard_state_get_incoming_server:
 * @self: a #MsaWizardState
 *
 * Returns: (transfer none) (nullable): the profile's SSL server of the
 *   chosen incoming protocol, or its STARTTLS server where it has none
 *   (a discovered profile may offer only that)
 */
MsaServer *
msa_wizard_state_get_incoming_server (MsaWizardState *self)
{
  MsaServer *server;

  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), NULL);

  server = msa_profile_find_server (self->profile, self->incoming_protocol, MSA_SECURITY_SSL);
  if (server == NULL)
    server = msa_profile_find_server (self->profile, self->incoming_protocol, MSA_SECURITY_STARTTLS);
  return server;
}

/**
 * msa_wizard_state_get_outgoing_server:
 * @self: a #MsaWizardState
 *
 * Returns: (transfer none) (nullable): the profile's SSL SMTP server,
 *   or its STARTTLS one where it has none
 */
MsaServer *
msa_wizard_state_get_outgoing_server (MsaWizardState *self)
{
  MsaServer *server;

  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), NULL);

  server = msa_profile_find_server (self->profile, MSA_PROTOCOL_SMTP, MSA_SECURITY_SSL);
  if (server == NULL)
    server = msa_profile_find_server (self->profile, MSA_PROTOCOL_SMTP, MSA_SECURITY_STARTTLS);
  return server;
}

/**
 * msa_wizard_state_dup_username:
 * @self: a #MsaWizardState
 * @server: a server of the profile
 *
 * Fills the Mozilla autoconfig placeholders of the server's user name
 * from the e-mail address.  Without an address the placeholders stay, so
 * the user sees what to type.
 *
 * Returns: (transfer full) (nullable): the user name
 */
char *
msa_wizard_state_dup_username (MsaWizardState *self,
                               MsaServer      *server)
{
  const char *username;
  const char *at;
  g_autoptr(GString) result = NULL;

  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), NULL);
  g_return_val_if_fail (MSA_IS_SERVER (server), NULL);

  username = msa_server_get_username (server);
  if (username == NULL)
    return NULL;

  result = g_string_new (username);
  if (self->email_address == NULL)
    return g_string_free (g_steal_pointer (&result), FALSE);

  at = strrchr (self->email_address, '@');
  g_string_replace (result, "%EMAILADDRESS%", self->email_address, 0);
  if (at != NULL)
    {
      g_autofree char *local = g_strndup (self->email_address, at - self->email_address);

      g_string_replace (result, "%EMAILLOCALPART%", local, 0);
      g_string_replace (result, "%EMAILDOMAIN%", at + 1, 0);
    }

  return g_string_free (g_steal_pointer (&result), FALSE);
}

/**
 * msa_wizard_state_get_current_incoming_host:
 * @self: a #MsaWizardState
 *
 * Returns: (transfer none) (nullable): the incoming server the mail
 *   program shows today
 */
const char *
msa_wizard_state_get_current_incoming_host (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), NULL);

  return self->current_incoming_host;
}

/**
 * msa_wizard_state_set_current_incoming_host:
 * @self: a #MsaWizardState
 * @host: (nullable): the host name; empty means unknown
 */
void
msa_wizard_state_set_current_incoming_host (MsaWizardState *self,
                                            const char     *host)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));

  set_str_prop (self, &self->current_incoming_host, host, PROP_CURRENT_INCOMING_HOST);
}

/**
 * msa_wizard_state_get_current_incoming_port:
 * @self: a #MsaWizardState
 *
 * Returns: the incoming port shown today, 0 if unknown
 */
guint
msa_wizard_state_get_current_incoming_port (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), 0);

  return self->current_incoming_port;
}

/**
 * msa_wizard_state_set_current_incoming_port:
 * @self: a #MsaWizardState
 * @port: the port, 0 for unknown
 */
void
msa_wizard_state_set_current_incoming_port (MsaWizardState *self,
                                            guint           port)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));
  g_return_if_fail (port <= G_MAXUINT16);

  set_uint_prop (self, &self->current_incoming_port, port, PROP_CURRENT_INCOMING_PORT);
}

/**
 * msa_wizard_state_get_current_incoming_security:
 * @self: a #MsaWizardState
 *
 * Returns: the incoming connection security shown today
 */
MsaSecurity
msa_wizard_state_get_current_incoming_security (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), MSA_SECURITY_PLAIN);

  return self->current_incoming_security;
}

/**
 * msa_wizard_state_set_current_incoming_security:
 * @self: a #MsaWizardState
 * @security: the security
 */
void
msa_wizard_state_set_current_incoming_security (MsaWizardState *self,
                                                MsaSecurity     security)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));
  g_return_if_fail (security <= MSA_SECURITY_PLAIN);

  set_uint_prop (self, &self->current_incoming_security, security,
                 PROP_CURRENT_INCOMING_SECURITY);
}

/**
 * msa_wizard_state_get_current_outgoing_host:
 * @self: a #MsaWizardState
 *
 * Returns: (transfer none) (nullable): the outgoing server the mail
 *   program shows today
 */
const char *
msa_wizard_state_get_current_outgoing_host (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), NULL);

  return self->current_outgoing_host;
}

/**
 * msa_wizard_state_set_current_outgoing_host:
 * @self: a #MsaWizardState
 * @host: (nullable): the host name; empty means unknown
 */
void
msa_wizard_state_set_current_outgoing_host (MsaWizardState *self,
                                            const char     *host)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));

  set_str_prop (self, &self->current_outgoing_host, host, PROP_CURRENT_OUTGOING_HOST);
}

/**
 * msa_wizard_state_get_current_outgoing_port:
 * @self: a #MsaWizardState
 *
 * Returns: the outgoing port shown today, 0 if unknown
 */
guint
msa_wizard_state_get_current_outgoing_port (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), 0);

  return self->current_outgoing_port;
}

/**
 * msa_wizard_state_set_current_outgoing_port:
 * @self: a #MsaWizardState
 * @port: the port, 0 for unknown
 */
void
msa_wizard_state_set_current_outgoing_port (MsaWizardState *self,
                                            guint           port)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));
  g_return_if_fail (port <= G_MAXUINT16);

  set_uint_prop (self, &self->current_outgoing_port, port, PROP_CURRENT_OUTGOING_PORT);
}

/**
 * msa_wizard_state_get_current_outgoing_security:
 * @self: a #MsaWizardState
 *
 * Returns: the outgoing connection security shown today
 */
MsaSecurity
msa_wizard_state_get_current_outgoing_security (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), MSA_SECURITY_PLAIN);

  return self->current_outgoing_security;
}

/**
 * msa_wizard_state_set_current_outgoing_security:
 * @self: a #MsaWizardState
 * @security: the security
 */
void
msa_wizard_state_set_current_outgoing_security (MsaWizardState *self,
                                                MsaSecurity     security)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));
  g_return_if_fail (security <= MSA_SECURITY_PLAIN);

  set_uint_prop (self, &self->current_outgoing_security, security,
                 PROP_CURRENT_OUTGOING_SECURITY);
}

/**
 * msa_wizard_state_get_check:
 * @self: a #MsaWizardState
 *
 * Returns: (transfer none) (nullable): the last server check
 */
MsaProfileCheck *
msa_wizard_state_get_check (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), NULL);

  return self->check;
}

/**
 * msa_wizard_state_set_check:
 * @self: a #MsaWizardState
 * @check: (nullable): the server check
 */
void
msa_wizard_state_set_check (MsaWizardState  *self,
                            MsaProfileCheck *check)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));
  g_return_if_fail (check == NULL || MSA_IS_PROFILE_CHECK (check));

  if (g_set_object (&self->check, check))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECK]);
}

/**
 * msa_wizard_state_get_ca_file:
 * @self: a #MsaWizardState
 *
 * Returns: (transfer none) (nullable): the PEM file of trust anchors to
 *   check against instead of the system's (tests)
 */
const char *
msa_wizard_state_get_ca_file (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), NULL);

  return self->ca_file;
}

/**
 * msa_wizard_state_set_ca_file:
 * @self: a #MsaWizardState
 * @ca_file: (nullable): an absolute path
 */
void
msa_wizard_state_set_ca_file (MsaWizardState *self,
                              const char     *ca_file)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));

  set_str_prop (self, &self->ca_file, ca_file, PROP_CA_FILE);
}

/**
 * msa_wizard_state_get_profile_source:
 * @self: a #MsaWizardState
 *
 * Returns: (nullable): how discovery found the profile (a source's
 *   name such as "mx"), or %NULL for a profile not discovered
 */
const char *
msa_wizard_state_get_profile_source (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), NULL);

  return self->profile_source;
}

/**
 * msa_wizard_state_set_profile_source:
 * @self: a #MsaWizardState
 * @source: (nullable): the discovery source, or %NULL
 */
void
msa_wizard_state_set_profile_source (MsaWizardState *self,
                                     const char     *source)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));

  set_str_prop (self, &self->profile_source, source, PROP_PROFILE_SOURCE);
}

/**
 * msa_wizard_state_get_ispdb_url:
 * @self: a #MsaWizardState
 *
 * Returns: (nullable): the provider database discovery asks, or %NULL
 *   for discovery's default
 */
const char *
msa_wizard_state_get_ispdb_url (MsaWizardState *self)
{
  g_return_val_if_fail (MSA_IS_WIZARD_STATE (self), NULL);

  return self->ispdb_url;
}

/**
 * msa_wizard_state_set_ispdb_url:
 * @self: a #MsaWizardState
 * @url: (nullable): an https:// URL
 */
void
msa_wizard_state_set_ispdb_url (MsaWizardState *self,
                                const char     *url)
{
  g_return_if_fail (MSA_IS_WIZARD_STATE (self));

  set_str_prop (self, &self->ispdb_url, url, PROP_ISPDB_URL);
}
