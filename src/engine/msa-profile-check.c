/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-profile-check.h"

#include <sys/resource.h>

/* Checks the selected servers of a profile at the same time: the whole
 * check takes about as long as the slowest server.  A long profile
 * queues behind a bounded number of checks in flight, so that it cannot
 * run this process out of file descriptors (each check holds a socket,
 * two while it tries a second address). */

/* In flight at most: enough that a provider's handful of servers all
 * start together, few enough for any descriptor limit seen in practice. */
#define MAX_IN_FLIGHT 32
#define MIN_IN_FLIGHT 2

struct _MsaProfileCheck
{
  GObject parent_instance;

  MsaProfile   *profile;
  GTlsDatabase *database;
  guint         timeout_seconds;

  GPtrArray    *candidates;   /* MsaServerCheck: every server that may be checked */
  GListStore   *checks;       /* MsaServerCheck: the selection */
  MsaProtocol  *protocols;    /* the filter, NULL for all */
  gsize         n_protocols;

  gboolean      running;
  gboolean      passed;
};

G_DEFINE_FINAL_TYPE (MsaProfileCheck, msa_profile_check, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_CHECKS,
  PROP_PASSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GCancellable *cancellable;
  GPtrArray    *queue;     /* MsaServerCheck, in the profile's order */
  guint         next;      /* the first in the queue not started */
  guint         pending;
  GError       *first_error;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->queue, g_ptr_array_unref);
  g_clear_error (&run->first_error);
  g_free (run);
}

static gboolean
is_selected (MsaProfileCheck *self,
             MsaServerCheck  *check)
{
  MsaProtocol protocol = msa_server_get_protocol (msa_server_check_get_server (check));

  if (self->protocols == NULL)
    return TRUE;
  for (gsize i = 0; i < self->n_protocols; i++)
    if (self->protocols[i] == protocol)
      return TRUE;
  return FALSE;
}

static void
update_selection (MsaProfileCheck *self)
{
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();

  for (guint i = 0; i < self->candidates->len; i++)
    if (is_selected (self, self->candidates->pdata[i]))
      g_ptr_array_add (selected, self->candidates->pdata[i]);

  g_list_store_splice (self->checks, 0, g_list_model_get_n_items (G_LIST_MODEL (self->checks)),
                       selected->pdata, selected->len);
}

static void
add_candidate (MsaProfileCheck *self,
               MsaServer       *server)
{
  g_ptr_array_add (self->candidates,
                   msa_server_check_new (server, self->database, self->timeout_seconds));
}

/* An eighth of the descriptors this process may open, never more than
 * MAX_IN_FLIGHT: the rest stay for the program around the check. */
static guint
max_in_flight (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return MAX_IN_FLIGHT;
  return CLAMP (limit.rlim_cur / 8, MIN_IN_FLIGHT, MAX_IN_FLIGHT);
}

static void on_server_checked_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data);

static void
start_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  MsaServerCheck *check = run->queue->pdata[run->next++];

  msa_server_check_run_async (check, run->cancellable, on_server_checked_cb,
                              g_object_ref (task));
}

static void
on_server_checked_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MsaProfileCheck *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!msa_server_check_run_finish (MSA_SERVER_CHECK (source), result, &error)
      && run->first_error == NULL)
    run->first_error = g_steal_pointer (&error);

  g_assert (run->pending > 0);
  if (run->next < run->queue->len)
    start_next (task);
  if (--run->pending > 0)
    return;

  self->running = FALSE;
  self->passed = run->first_error == NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSED]);

  if (run->first_error != NULL)
    g_task_return_error (task, g_steal_pointer (&run->first_error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
msa_profile_check_dispose (GObject *object)
{
  MsaProfileCheck *self = MSA_PROFILE_CHECK (object);

  g_clear_object (&self->profile);
  g_clear_object (&self->database);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_object (&self->checks);

  G_OBJECT_CLASS (msa_profile_check_parent_class)->dispose (object);
}

static void
msa_profile_check_finalize (GObject *object)
{
  MsaProfileCheck *self = MSA_PROFILE_CHECK (object);

  g_free (self->protocols);

  G_OBJECT_CLASS (msa_profile_check_parent_class)->finalize (object);
}

static void
msa_profile_check_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MsaProfileCheck *self = MSA_PROFILE_CHECK (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_CHECKS:
      g_value_set_object (value, self->checks);
      break;
    case PROP_PASSED:
      g_value_set_boolean (value, self->passed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_profile_check_class_init (MsaProfileCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msa_profile_check_dispose;
  object_class->finalize = msa_profile_check_finalize;
  object_class->get_property = msa_profile_check_get_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, MSA_TYPE_PROFILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKS] =
    g_param_spec_object ("checks", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PASSED] =
    g_param_spec_boolean ("passed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msa_profile_check_init (MsaProfileCheck *self)
{
  self->candidates = g_ptr_array_new_with_free_func (g_object_unref);
  self->checks = g_list_store_new (MSA_TYPE_SERVER_CHECK);
}

/**
 * msa_profile_check_new:
 * @profile: the provider's profile
 * @database: (nullable): trust anchors; %NULL for the system's
 * @timeout_seconds: deadline per server; 0 for the default
 *
 * Selects every SSL and STARTTLS server of @profile.
 *
 * Returns: (transfer full): a check that has not started
 */
MsaProfileCheck *
msa_profile_check_new (MsaProfile   *profile,
                       GTlsDatabase *database,
                       guint         timeout_seconds)
{
  MsaProfileCheck *self;
  GListModel *servers;

  g_return_val_if_fail (MSA_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (database == NULL || G_IS_TLS_DATABASE (database), NULL);

  self = g_object_new (MSA_TYPE_PROFILE_CHECK, NULL);
  self->profile = g_object_ref (profile);
  self->database = database != NULL ? g_object_ref (database) : NULL;
  self->timeout_seconds = timeout_seconds > 0 ? timeout_seconds : MSA_CHECK_DEFAULT_TIMEOUT;

  servers = msa_profile_get_servers (profile);
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(MsaServer) server = g_list_model_get_item (servers, i);

      if (msa_server_get_security (server) != MSA_SECURITY_PLAIN)
        add_candidate (self, server);
    }
  update_selection (self);

  return self;
}

/**
 * msa_profile_check_add_server:
 * @server: a server to check as well (any security, e.g. typed in by hand)
 */
void
msa_profile_check_add_server (MsaProfileCheck *self,
                              MsaServer       *server)
{
  g_return_if_fail (MSA_IS_PROFILE_CHECK (self));
  g_return_if_fail (MSA_IS_SERVER (server));
  g_return_if_fail (!self->running);

  add_candidate (self, server);
  update_selection (self);
}

/**
 * msa_profile_check_select:
 * @protocols: (array length=n_protocols) (nullable): the protocols to check
 * @n_protocols: their number; 0 selects every server again
 *
 * Restricts the check to servers of @protocols.
 */
void
msa_profile_check_select (MsaProfileCheck   *self,
                          const MsaProtocol *protocols,
                          gsize              n_protocols)
{
  g_return_if_fail (MSA_IS_PROFILE_CHECK (self));
  g_return_if_fail (protocols != NULL || n_protocols == 0);
  g_return_if_fail (!self->running);

  g_clear_pointer (&self->protocols, g_free);
  self->n_protocols = n_protocols;
  if (n_protocols > 0)
    self->protocols = g_memdup2 (protocols, n_protocols * sizeof *protocols);
  update_selection (self);
}

/**
 * msa_profile_check_run_async:
 * @cancellable: (nullable): ends every check promptly as `cancelled`
 *
 * Checks every selected server, as many at the same time as this
 * process's descriptor limit safely allows (at least two, at most 32);
 * the rest queue in the profile's order.
 */
void
msa_profile_check_run_async (MsaProfileCheck     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GListModel *checks;
  guint n;
  Run *run;

  g_return_if_fail (MSA_IS_PROFILE_CHECK (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->running);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, msa_profile_check_run_async);

  checks = G_LIST_MODEL (self->checks);
  n = g_list_model_get_n_items (checks);

  if (self->passed)
    {
      self->passed = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSED]);
    }

  if (n == 0)
    {
      self->passed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSED]);
      g_task_return_boolean (task, TRUE);
      return;
    }

  run = g_new0 (Run, 1);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  run->queue = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (run->queue, g_list_model_get_item (checks, i));
  run->pending = n;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  self->running = TRUE;

  for (guint i = 0, limit = max_in_flight (); i < n && i < limit; i++)
    start_next (task);
}

/**
 * msa_profile_check_run_finish:
 *
 * Returns: %TRUE when every selected server passed; otherwise %FALSE with
 *   the first failure's #MSA_CHECK_ERROR (each check keeps its own)
 */
gboolean
msa_profile_check_run_finish (MsaProfileCheck  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (MSA_IS_PROFILE_CHECK (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * msa_profile_check_get_profile:
 *
 * Returns: (transfer none): the profile
 */
MsaProfile *
msa_profile_check_get_profile (MsaProfileCheck *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE_CHECK (self), NULL);

  return self->profile;
}

/**
 * msa_profile_check_get_checks:
 *
 * Returns: (transfer none): the selected checks, a #GListModel of
 *   #MsaServerCheck in the profile's order
 */
GListModel *
msa_profile_check_get_checks (MsaProfileCheck *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE_CHECK (self), NULL);

  return G_LIST_MODEL (self->checks);
}

gboolean
msa_profile_check_get_passed (MsaProfileCheck *self)
{
  g_return_val_if_fail (MSA_IS_PROFILE_CHECK (self), FALSE);

  return self->passed;
}
