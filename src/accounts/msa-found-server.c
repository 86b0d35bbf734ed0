/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-found-server.h"

/* One server as a mail program is set up to reach it, the verdict on
 * that, and — where the server's provider is known — the settings it
 * should have instead. */

struct _MsaFoundServer
{
  GObject    parent_instance;

  MsaServer *server;
  MsaServer *change;
  gboolean   ignores_certificate_errors;
};

G_DEFINE_FINAL_TYPE (MsaFoundServer, msa_found_server, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SERVER,
  PROP_IGNORES_CERTIFICATE_ERRORS,
  PROP_VERDICT,
  PROP_CHANGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * msa_verdict_to_string:
 * @verdict: a verdict
 *
 * Returns: (transfer none): "encrypted", "starttls", "unencrypted" or
 *   "certificate-errors-ignored", the words of `--scan --json`
 */
const char *
msa_verdict_to_string (MsaVerdict verdict)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MSA_TYPE_VERDICT);
  GEnumValue *value = g_enum_get_value (klass, verdict);

  g_return_val_if_fail (value != NULL, NULL);
  /* A static enum type's class is never freed: the nick stays valid. */
  return value->value_nick;
}

static void
msa_found_server_dispose (GObject *object)
{
  MsaFoundServer *self = MSA_FOUND_SERVER (object);

  g_clear_object (&self->server);
  g_clear_object (&self->change);

  G_OBJECT_CLASS (msa_found_server_parent_class)->dispose (object);
}

static void
msa_found_server_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MsaFoundServer *self = MSA_FOUND_SERVER (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_object (value, self->server);
      break;
    case PROP_IGNORES_CERTIFICATE_ERRORS:
      g_value_set_boolean (value, self->ignores_certificate_errors);
      break;
    case PROP_VERDICT:
      g_value_set_enum (value, msa_found_server_get_verdict (self));
      break;
    case PROP_CHANGE:
      g_value_set_object (value, self->change);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_found_server_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MsaFoundServer *self = MSA_FOUND_SERVER (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      self->server = g_value_dup_object (value);
      break;
    case PROP_IGNORES_CERTIFICATE_ERRORS:
      self->ignores_certificate_errors = g_value_get_boolean (value);
      break;
    case PROP_CHANGE:
      msa_found_server_set_change (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_found_server_class_init (MsaFoundServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msa_found_server_dispose;
  object_class->get_property = msa_found_server_get_property;
  object_class->set_property = msa_found_server_set_property;

  properties[PROP_SERVER] =
    g_param_spec_object ("server", NULL, NULL,
                         MSA_TYPE_SERVER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* The program accepts any certificate for this server (GNOME Online
   * Accounts' AcceptSslErrors, Thunderbird's stored exceptions). */
  properties[PROP_IGNORES_CERTIFICATE_ERRORS] =
    g_param_spec_boolean ("ignores-certificate-errors", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_VERDICT] =
    g_param_spec_enum ("verdict", NULL, NULL,
                       MSA_TYPE_VERDICT, MSA_VERDICT_ENCRYPTED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_CHANGE] =
    g_param_spec_object ("change", NULL, NULL,
                         MSA_TYPE_SERVER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msa_found_server_init (MsaFoundServer *self)
{
}

/**
 * msa_found_server_new:
 * @server: the server as the program reaches it (host, port, security)
 * @ignores_certificate_errors: whether the program accepts any certificate
 *
 * Returns: (transfer full): a new found server
 */
MsaFoundServer *
msa_found_server_new (MsaServer *server,
                      gboolean   ignores_certificate_errors)
{
  g_return_val_if_fail (MSA_IS_SERVER (server), NULL);

  return g_object_new (MSA_TYPE_FOUND_SERVER,
                       "server", server,
                       "ignores-certificate-errors", ignores_certificate_errors,
                       NULL);
}

/**
 * msa_found_server_get_server:
 * @self: a found server
 *
 * Returns: (transfer none): the server as the program reaches it
 */
MsaServer *
msa_found_server_get_server (MsaFoundServer *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_SERVER (self), NULL);

  return self->server;
}

gboolean
msa_found_server_get_ignores_certificate_errors (MsaFoundServer *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_SERVER (self), FALSE);

  return self->ignores_certificate_errors;
}

/**
 * msa_found_server_get_verdict:
 * @self: a found server
 *
 * Ignoring certificate errors outweighs the rest: an encrypted connection
 * to whoever answers protects nothing.  STARTTLS is encrypted, but
 * RFC 8314 prefers TLS from the first byte.
 *
 * Returns: the verdict
 */
MsaVerdict
msa_found_server_get_verdict (MsaFoundServer *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_SERVER (self), MSA_VERDICT_UNENCRYPTED);

  switch (msa_server_get_security (self->server))
    {
    case MSA_SECURITY_PLAIN:
      return MSA_VERDICT_UNENCRYPTED;
    case MSA_SECURITY_STARTTLS:
      return self->ignores_certificate_errors ? MSA_VERDICT_CERTIFICATE_ERRORS_IGNORED
                                              : MSA_VERDICT_STARTTLS;
    case MSA_SECURITY_SSL:
    default:
      return self->ignores_certificate_errors ? MSA_VERDICT_CERTIFICATE_ERRORS_IGNORED
                                              : MSA_VERDICT_ENCRYPTED;
    }
}

/**
 * msa_found_server_get_change:
 * @self: a found server
 *
 * Returns: (transfer none) (nullable): the provider's encrypted server to
 *   use instead, or %NULL where nothing is to change or the provider is
 *   not known
 */
MsaServer *
msa_found_server_get_change (MsaFoundServer *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_SERVER (self), NULL);

  return self->change;
}

void
msa_found_server_set_change (MsaFoundServer *self,
                             MsaServer      *change)
{
  g_return_if_fail (MSA_IS_FOUND_SERVER (self));
  g_return_if_fail (change == NULL || MSA_IS_SERVER (change));

  if (g_set_object (&self->change, change))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGE]);
}
