/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-profile.h"

#include <string.h>
#include "msa-profile-private.h"

#include "msa-autoconfig.h"
#include "msa-glib-compat.h"
#include "msa-providers-resources.h"

/* A provider profile: the servers of one mail provider, with the
 * provider's names and domains.  msa-autoconfig-reader.c and
 * msa-autoconfig-writer.c carry it from and to Mozilla's autoconfig
 * format (clientConfig version="1.1"), the format of Thunderbird's
 * provider database. */

struct _MsaProfile
{
  GObject     parent_instance;

  char       *id;
  char       *display_name;
  char       *documentation_url;  /* the provider's guide, or NULL */
  char       *webmail_url;        /* its webmail login page, or NULL */
  GPtrArray  *domains;     /* char*, NULL-terminated */
  GListStore *servers;     /* MsaServer: incoming first, then outgoing */
  guint       n_incoming;
  GPtrArray  *notes;       /* char*, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (MsaProfile, msa_profile, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_DOMAIN,
  PROP_DISPLAY_NAME,
  PROP_SERVERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  g_clear_pointer (&self->documentation_url, g_free);
  g_clear_pointer (&self->webmail_url, g_free);
  g_clear_pointer (&self->domains, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);

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
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_DOMAIN:
      g_value_set_string (value, msa_profile_get_domain (self));
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, msa_profile_get_display_name (self));
      break;
    case PROP_SERVERS:
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
    case PROP_ID:
      msa_set_str (&self->id, g_value_get_string (value));
      break;
    case PROP_DOMAIN:
      if (g_value_get_string (value) != NULL)
        msa_profile_add_domain (self, g_value_get_string (value));
      break;
    case PROP_DISPLAY_NAME:
      msa_set_str (&self->display_name, g_value_get_string (value));
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
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* The first domain. */
  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* Falls back to the domain when the file has no displayName. */
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SERVERS] =
    g_param_spec_object ("servers", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msa_profile_init (MsaProfile *self)
{
  self->domains = g_ptr_array_new_null_terminated (1, g_free, TRUE);
  self->notes = g_ptr_array_new_null_terminated (0, g_free, TRUE);
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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOMAIN]);
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
  g_return_if_fail (MSA_IS_PROFILE (self));
  g_return_if_fail (MSA_IS_SERVER (server));

  /* Counting the incoming servers keeps adding linear: a profile of
   * thousands of servers is read in one pass. */
  if (msa_server_is_incoming (server))
    g_list_store_insert (self->servers, self->n_incoming++, server);
  else
    g_list_store_append (self->servers, server);
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

      if (msa_server_get_protocol (server) == protocol
          && msa_server_get_security (server) == security)
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
      g_strcmp0 (a->documentation_url, b->documentation_url) != 0 ||
      g_strcmp0 (a->webmail_url, b->webmail_url) != 0 ||
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

/**
 * msa_profile_has_domain:
 * @self: a profile
 * @domain: a mail domain
 *
 * Returns: %TRUE if @domain is one of the profile's domains (compared
 *   without regard to case, as DNS does)
 */
gboolean
msa_profile_has_domain (MsaProfile *self,
                        const char *domain)
{
  g_return_val_if_fail (MSA_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (domain != NULL, FALSE);

  for (guint i = 0; i < self->domains->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->domains, i), domain) == 0)
      return TRUE;

  return FALSE;
}

/**
 * msa_host_is_under:
 * @host: a host name
 * @domain: a domain
 *
 * Returns: whether @host is @domain or a name under it (mail.df.eu under
 *   df.eu), compared without regard to case, as DNS does
 */
gboolean
msa_host_is_under (const char *host,
                   const char *domain)
{
  gsize host_length = strlen (host);
  gsize domain_length = strlen (domain);

  if (host_length == domain_length)
    return g_ascii_strcasecmp (host, domain) == 0;
  return host_length > domain_length
         && host[host_length - domain_length - 1] == '.'
         && g_ascii_strcasecmp (host + host_length - domain_length, domain) == 0;
}

/**
 * msa_profile_owns_host:
 * @self: a profile
 * @host: a server's host name
 *
 * Whether @host belongs to the profile's provider: it is one of the
 * profile's servers, or lies under one of its domains (mail.df.eu under
 * df.eu).  Compared without regard to case, as DNS does.
 *
 * Returns: %TRUE if the provider runs @host
 */
gboolean
msa_profile_owns_host (MsaProfile *self,
                       const char *host)
{
  guint n;

  g_return_val_if_fail (MSA_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);

  for (guint i = 0; i < self->domains->len; i++)
    if (msa_host_is_under (host, g_ptr_array_index (self->domains, i)))
      return TRUE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->servers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServer) server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);

      if (g_ascii_strcasecmp (host, msa_server_get_hostname (server)) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * msa_profile_get_documentation_url:
 * @self: a profile
 *
 * Returns: (nullable): the provider's guide to setting up a mail program
 *   (autoconfig's `<documentation url>`), an http or https URL
 */
const char *
msa_profile_get_documentation_url (MsaProfile *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);
  return self->documentation_url;
}

/**
 * msa_profile_get_webmail_url:
 * @self: a profile
 *
 * Returns: (nullable): the provider's webmail login page (autoconfig's
 *   `<webMail><loginPage url>`), an http or https URL
 */
const char *
msa_profile_get_webmail_url (MsaProfile *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);
  return self->webmail_url;
}

/**
 * msa_profile_get_notes:
 * @self: a profile
 *
 * What the reader left out of the file, one sentence each, in the UI
 * language: e.g. an Exchange server, which the check does not cover.
 *
 * Returns: (transfer none) (array zero-terminated=1): the notes
 */
const char * const *
msa_profile_get_notes (MsaProfile *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);

  return (const char * const *) self->notes->pdata;
}

/* Private, for the autoconfig reader and writer */

const char *
msa_profile_get_own_id (MsaProfile *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);

  return self->id;
}

void
msa_profile_set_id (MsaProfile *self,
                    const char *id)
{
  g_return_if_fail (MSA_IS_PROFILE (self));

  msa_set_str (&self->id, id);
}

const char *
msa_profile_get_own_display_name (MsaProfile *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE (self), NULL);

  return self->display_name;
}

void
msa_profile_set_display_name (MsaProfile *self,
                              const char *display_name)
{
  g_return_if_fail (MSA_IS_PROFILE (self));

  msa_set_str (&self->display_name, display_name);
}

void
msa_profile_set_documentation_url (MsaProfile *self,
                                   const char *url)
{
  g_return_if_fail (MSA_IS_PROFILE (self));
  msa_set_str (&self->documentation_url, url);
}

void
msa_profile_set_webmail_url (MsaProfile *self,
                             const char *url)
{
  g_return_if_fail (MSA_IS_PROFILE (self));
  msa_set_str (&self->webmail_url, url);
}

void
msa_profile_add_note (MsaProfile *self,
                      const char *note)
{
  g_return_if_fail (MSA_IS_PROFILE (self));
  g_return_if_fail (note != NULL);

  for (guint i = 0; i < self->notes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->notes, i), note))
      return;
  g_ptr_array_add (self->notes, g_strdup (note));
}

/**
 * msa_profile_new_builtin:
 *
 * The built-in domainFACTORY profile (data/providers/df.eu.xml), from
 * the engine's own GResource, so the GTK-free --check has it too.
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
