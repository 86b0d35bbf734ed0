/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One source of a discovery: what it asked (the target), how long it took
 * and what it answered.  The discovery runs the sources; a view watches
 * notify::result for live progress. */
#include "config.h"

#include "msa-discovery-source.h"
#include "msa-discover-enums.h"

struct _MsaDiscoverySource
{
  GObject                 parent_instance;

  MsaDiscoverySourceKind  kind;
  MsaDiscoveryResult      result;
  char                   *target;
  MsaProfile             *profile;
  GError                 *error;
  gboolean                needs_confirmation;
  gint64                  started_us;
  double                  ms;
};

enum
{
  PROP_0,
  PROP_KIND,
  PROP_RESULT,
  PROP_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MsaDiscoverySource, msa_discovery_source, G_TYPE_OBJECT)

G_DEFINE_QUARK (msa-discovery-error-quark, msa_discovery_error)

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *found = g_enum_get_value (klass, value);

  /* The nicks are static strings of the generated type. */
  return found != NULL ? found->value_nick : NULL;
}

const char *
msa_discovery_error_to_string (MsaDiscoveryError code)
{
  return enum_nick (MSA_TYPE_DISCOVERY_ERROR, code);
}

const char *
msa_discovery_source_kind_to_string (MsaDiscoverySourceKind kind)
{
  return enum_nick (MSA_TYPE_DISCOVERY_SOURCE_KIND, kind);
}

/**
 * msa_discovery_source_kind_from_string:
 * @nick: (nullable): a source's word, as msa_discovery_source_kind_to_string() gives it
 * @kind: (out): the source
 *
 * Returns: whether @nick names a source
 */
gboolean
msa_discovery_source_kind_from_string (const char             *nick,
                                       MsaDiscoverySourceKind *kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MSA_TYPE_DISCOVERY_SOURCE_KIND);
  GEnumValue *found = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (found == NULL)
    return FALSE;
  *kind = found->value;
  return TRUE;
}

const char *
msa_discovery_result_to_string (MsaDiscoveryResult result)
{
  return enum_nick (MSA_TYPE_DISCOVERY_RESULT, result);
}

static void
msa_discovery_source_finalize (GObject *object)
{
  MsaDiscoverySource *self = MSA_DISCOVERY_SOURCE (object);

  g_clear_pointer (&self->target, g_free);
  g_clear_object (&self->profile);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (msa_discovery_source_parent_class)->finalize (object);
}

static void
msa_discovery_source_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MsaDiscoverySource *self = MSA_DISCOVERY_SOURCE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_RESULT:
      g_value_set_enum (value, self->result);
      break;
    case PROP_TARGET:
      g_value_set_string (value, self->target);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_discovery_source_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MsaDiscoverySource *self = MSA_DISCOVERY_SOURCE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_discovery_source_class_init (MsaDiscoverySourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msa_discovery_source_finalize;
  object_class->get_property = msa_discovery_source_get_property;
  object_class->set_property = msa_discovery_source_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       MSA_TYPE_DISCOVERY_SOURCE_KIND, MSA_DISCOVERY_SOURCE_BUILTIN,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULT] =
    g_param_spec_enum ("result", NULL, NULL,
                       MSA_TYPE_DISCOVERY_RESULT, MSA_DISCOVERY_RESULT_PENDING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET] =
    g_param_spec_string ("target", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msa_discovery_source_init (MsaDiscoverySource *self)
{
}

MsaDiscoverySource *
msa_discovery_source_new (MsaDiscoverySourceKind kind)
{
  return g_object_new (MSA_TYPE_DISCOVERY_SOURCE, "kind", kind, NULL);
}

MsaDiscoverySourceKind
msa_discovery_source_get_kind (MsaDiscoverySource *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY_SOURCE (self), 0);
  return self->kind;
}

MsaDiscoveryResult
msa_discovery_source_get_result (MsaDiscoverySource *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY_SOURCE (self), 0);
  return self->result;
}

/**
 * msa_discovery_source_is_done:
 * @self: a #MsaDiscoverySource
 *
 * Returns: whether the source has answered (or was skipped)
 */
gboolean
msa_discovery_source_is_done (MsaDiscoverySource *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY_SOURCE (self), FALSE);
  return self->result != MSA_DISCOVERY_RESULT_PENDING
         && self->result != MSA_DISCOVERY_RESULT_RUNNING;
}

/**
 * msa_discovery_source_get_target:
 * @self: a #MsaDiscoverySource
 *
 * Returns: (nullable): the URL or DNS name the source asked, or the
 *   built-in profile's name
 */
const char *
msa_discovery_source_get_target (MsaDiscoverySource *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY_SOURCE (self), NULL);
  return self->target;
}

void
msa_discovery_source_set_target (MsaDiscoverySource *self,
                                 const char         *target)
{
  g_return_if_fail (MSA_IS_DISCOVERY_SOURCE (self));

  if (g_strcmp0 (self->target, target) == 0)
    return;
  g_free (self->target);
  self->target = g_strdup (target);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

/**
 * msa_discovery_source_get_profile:
 * @self: a #MsaDiscoverySource
 *
 * Returns: (transfer none) (nullable): what the source found: only its
 *   encrypted servers when the result is found, all of them when it is
 *   unencrypted
 */
MsaProfile *
msa_discovery_source_get_profile (MsaDiscoverySource *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY_SOURCE (self), NULL);
  return self->profile;
}

/**
 * msa_discovery_source_get_error:
 * @self: a #MsaDiscoverySource
 *
 * Returns: (nullable): why the source failed, in the #MSA_DISCOVERY_ERROR
 *   domain, when the result is error
 */
const GError *
msa_discovery_source_get_error (MsaDiscoverySource *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY_SOURCE (self), NULL);
  return self->error;
}

/**
 * msa_discovery_source_get_needs_confirmation:
 * @self: a #MsaDiscoverySource
 *
 * Returns: whether the servers' names came from unauthenticated DNS and
 *   lie outside the address's domain, so the user must confirm them
 */
gboolean
msa_discovery_source_get_needs_confirmation (MsaDiscoverySource *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY_SOURCE (self), FALSE);
  return self->needs_confirmation;
}

/**
 * msa_discovery_source_get_ms:
 * @self: a #MsaDiscoverySource
 *
 * Returns: milliseconds from the source's start to its answer; 0 before
 */
double
msa_discovery_source_get_ms (MsaDiscoverySource *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY_SOURCE (self), 0);
  return self->ms;
}

static void
set_result (MsaDiscoverySource *self,
            MsaDiscoveryResult  result)
{
  if (self->result == result)
    return;
  self->result = result;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

void
msa_discovery_source_start (MsaDiscoverySource *self)
{
  g_return_if_fail (MSA_IS_DISCOVERY_SOURCE (self));
  g_return_if_fail (self->result == MSA_DISCOVERY_RESULT_PENDING);

  self->started_us = g_get_monotonic_time ();
  set_result (self, MSA_DISCOVERY_RESULT_RUNNING);
}

/**
 * msa_discovery_source_finish:
 * @self: a running #MsaDiscoverySource
 * @result: what it answered
 * @profile: (nullable): what it found
 * @needs_confirmation: whether the user must confirm the servers' names
 * @error: (nullable): why it failed, for %MSA_DISCOVERY_RESULT_ERROR
 *
 * Records the answer; only the first one counts.
 */
void
msa_discovery_source_finish (MsaDiscoverySource *self,
                             MsaDiscoveryResult  result,
                             MsaProfile         *profile,
                             gboolean            needs_confirmation,
                             const GError       *error)
{
  g_return_if_fail (MSA_IS_DISCOVERY_SOURCE (self));
  g_return_if_fail (result != MSA_DISCOVERY_RESULT_PENDING && result != MSA_DISCOVERY_RESULT_RUNNING);

  if (msa_discovery_source_is_done (self))
    return;

  if (self->started_us != 0)
    self->ms = (g_get_monotonic_time () - self->started_us) / 1000.0;
  g_set_object (&self->profile, profile);
  self->needs_confirmation = needs_confirmation;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  set_result (self, result);
}
