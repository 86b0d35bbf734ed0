/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "msa-found-account.h"
#include "msa-discovery.h"

#include "msa-glib-compat.h"

/* One account of one mail program: where it was read from, what the
 * program calls it, and its incoming and outgoing servers. */

struct _MsaFoundAccount
{
  GObject         parent_instance;

  MsaMailProgram  program;
  char           *source;
  char           *name;
  char           *address;
  GListStore     *servers;
};

G_DEFINE_FINAL_TYPE (MsaFoundAccount, msa_found_account, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PROGRAM,
  PROP_SOURCE,
  PROP_NAME,
  PROP_ADDRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * msa_mail_program_to_string:
 * @program: a mail program
 *
 * Returns: (transfer none): "thunderbird", "evolution", "kmail", "geary",
 *   "claws-mail" or "gnome-online-accounts"
 */
const char *
msa_mail_program_to_string (MsaMailProgram program)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MSA_TYPE_MAIL_PROGRAM);
  GEnumValue *value = g_enum_get_value (klass, program);

  g_return_val_if_fail (value != NULL, NULL);
  return value->value_nick;
}

static void
msa_found_account_finalize (GObject *object)
{
  MsaFoundAccount *self = MSA_FOUND_ACCOUNT (object);

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_object (&self->servers);

  G_OBJECT_CLASS (msa_found_account_parent_class)->finalize (object);
}

static void
msa_found_account_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MsaFoundAccount *self = MSA_FOUND_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_PROGRAM:
      g_value_set_enum (value, self->program);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_found_account_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MsaFoundAccount *self = MSA_FOUND_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_PROGRAM:
      self->program = g_value_get_enum (value);
      break;
    case PROP_SOURCE:
      self->source = g_value_dup_string (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_ADDRESS:
      msa_found_account_set_address (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_found_account_class_init (MsaFoundAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msa_found_account_finalize;
  object_class->get_property = msa_found_account_get_property;
  object_class->set_property = msa_found_account_set_property;

  properties[PROP_PROGRAM] =
    g_param_spec_enum ("program", NULL, NULL,
                       MSA_TYPE_MAIL_PROGRAM, MSA_MAIL_PROGRAM_THUNDERBIRD,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* The file the account was read from. */
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* What the program shows as the account's name (often the address). */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msa_found_account_init (MsaFoundAccount *self)
{
  self->servers = g_list_store_new (MSA_TYPE_FOUND_SERVER);
}

/**
 * msa_found_account_new:
 * @program: the mail program
 * @source: the file the account was read from
 * @name: what the program calls the account
 *
 * Returns: (transfer full): a new account without servers
 */
MsaFoundAccount *
msa_found_account_new (MsaMailProgram  program,
                       const char     *source,
                       const char     *name)
{
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (MSA_TYPE_FOUND_ACCOUNT,
                       "program", program,
                       "source", source,
                       "name", name,
                       NULL);
}

MsaMailProgram
msa_found_account_get_program (MsaFoundAccount *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_ACCOUNT (self), MSA_MAIL_PROGRAM_THUNDERBIRD);

  return self->program;
}

const char *
msa_found_account_get_source (MsaFoundAccount *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_ACCOUNT (self), NULL);

  return self->source;
}

const char *
msa_found_account_get_name (MsaFoundAccount *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_ACCOUNT (self), NULL);

  return self->name;
}

/**
 * msa_found_account_get_address:
 * @self: an account
 *
 * Returns: (transfer none) (nullable): the account's e-mail address, where
 *   the program keeps one
 */
const char *
msa_found_account_get_address (MsaFoundAccount *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_ACCOUNT (self), NULL);

  return self->address;
}

void
msa_found_account_set_address (MsaFoundAccount *self,
                               const char      *address)
{
  g_return_if_fail (MSA_IS_FOUND_ACCOUNT (self));

  if (msa_set_str (&self->address, address))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

/**
 * msa_found_account_get_servers:
 * @self: an account
 *
 * Returns: (transfer none): the #MsaFoundServer list, incoming first
 */
GListModel *
msa_found_account_get_servers (MsaFoundAccount *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_ACCOUNT (self), NULL);

  return G_LIST_MODEL (self->servers);
}

void
msa_found_account_add_server (MsaFoundAccount *self,
                              MsaFoundServer  *server)
{
  g_return_if_fail (MSA_IS_FOUND_ACCOUNT (self));
  g_return_if_fail (MSA_IS_FOUND_SERVER (server));

  g_list_store_append (self->servers, server);
}

/**
 * msa_found_account_get_worst_verdict:
 * @self: an account
 *
 * Returns: the verdict that most needs the user's attention among the
 *   account's servers: ignored certificate errors, then unencrypted,
 *   then STARTTLS; encrypted for an account without servers
 */
MsaVerdict
msa_found_account_get_worst_verdict (MsaFoundAccount *self)
{
  static const int rank[] = {
    [MSA_VERDICT_ENCRYPTED] = 0,
    [MSA_VERDICT_STARTTLS] = 1,
    [MSA_VERDICT_UNENCRYPTED] = 2,
    [MSA_VERDICT_CERTIFICATE_ERRORS_IGNORED] = 3,
  };
  MsaVerdict worst = MSA_VERDICT_ENCRYPTED;
  guint n;

  g_return_val_if_fail (MSA_IS_FOUND_ACCOUNT (self), MSA_VERDICT_ENCRYPTED);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->servers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaFoundServer) server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);
      MsaVerdict verdict = msa_found_server_get_verdict (server);

      if (rank[verdict] > rank[worst])
        worst = verdict;
    }

  return worst;
}

/**
 * msa_found_account_dup_domain:
 * @self: an account
 *
 * Returns: (transfer full) (nullable): the domain of the account's
 *   address, as discovery asks it; %NULL for an account without one
 */
char *
msa_found_account_dup_domain (MsaFoundAccount *self)
{
  const char *address;

  g_return_val_if_fail (MSA_IS_FOUND_ACCOUNT (self), NULL);

  address = msa_found_account_get_address (self);
  if (address == NULL || strchr (address, '@') == NULL)
    return NULL;
  return msa_discovery_domain_from_address (address, NULL);
}
