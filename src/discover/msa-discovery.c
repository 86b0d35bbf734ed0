/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Discovery: a provider's settings from an e-mail address.  Every source
 * starts at once; the answer is the best-ranked source (in the order of
 * MsaDiscoverySourceKind) that found encrypted servers, taken as soon as
 * every better-ranked source has answered or run out of time.  The rest
 * are cancelled and reported as skipped.
 *
 * Only the domain ever leaves the computer: no URL and no DNS name holds
 * the address's local part. */
#include "config.h"

#include "msa-discovery-private.h"
#include "msa-discover-enums.h"
#include "msa-discovery-fetch.h"
#include "msa-profile-private.h"
#include "msa-server-check.h"

#include <glib/gi18n.h>
#include <libpsl.h>
#include <string.h>

struct _MsaDiscovery
{
  GObject             parent_instance;

  char               *address;
  char               *domain;
  GTlsDatabase       *database;
  guint               timeout;
  char               *ispdb_url;
  guint               lookup_timeout_ms;
  guint               enabled;
  guint16             guess_ports[MSA_DISCOVERY_N_GUESS_PORTS];

  GListStore         *sources;
  MsaSourceRun       *runs[MSA_DISCOVERY_N_SOURCES];
  GPtrArray          *builtins;
  SoupSession        *session;
  GTask              *task;
  gboolean            starting;       /* the sources are being started */
  gulong              cancelled_id;
  MsaDiscoverySource *chosen;
};

G_DEFINE_FINAL_TYPE (MsaDiscovery, msa_discovery, G_TYPE_OBJECT)

static void decide (MsaDiscovery *self);

static void
source_run_free (MsaSourceRun *run)
{
  if (run == NULL)
    return;
  g_clear_handle_id (&run->deadline_id, g_source_remove);
  g_clear_object (&run->source);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->profile);
  g_clear_error (&run->error);
  g_clear_object (&run->check);
  g_clear_pointer (&run->host, g_free);
  g_free (run);
}

static void
msa_discovery_dispose (GObject *object)
{
  MsaDiscovery *self = MSA_DISCOVERY (object);

  for (guint i = 0; i < MSA_DISCOVERY_N_SOURCES; i++)
    if (self->runs[i] != NULL)
      g_cancellable_cancel (self->runs[i]->cancellable);

  G_OBJECT_CLASS (msa_discovery_parent_class)->dispose (object);
}

static void
msa_discovery_finalize (GObject *object)
{
  MsaDiscovery *self = MSA_DISCOVERY (object);

  for (guint i = 0; i < MSA_DISCOVERY_N_SOURCES; i++)
    g_clear_pointer (&self->runs[i], source_run_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->domain, g_free);
  g_clear_pointer (&self->ispdb_url, g_free);
  g_clear_object (&self->database);
  g_clear_object (&self->sources);
  g_clear_pointer (&self->builtins, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->chosen);

  G_OBJECT_CLASS (msa_discovery_parent_class)->finalize (object);
}

static void
msa_discovery_class_init (MsaDiscoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msa_discovery_dispose;
  object_class->finalize = msa_discovery_finalize;
}

static void
msa_discovery_init (MsaDiscovery *self)
{
  static const guint16 standard_ports[MSA_DISCOVERY_N_GUESS_PORTS] = { 993, 995, 465, 143, 110, 587 };

  self->sources = g_list_store_new (MSA_TYPE_DISCOVERY_SOURCE);
  self->ispdb_url = g_strdup (MSA_DISCOVERY_DEFAULT_ISPDB_URL);
  self->lookup_timeout_ms = MSA_DISCOVERY_LOOKUP_TIMEOUT * 1000;
  self->enabled = (1u << MSA_DISCOVERY_N_SOURCES) - 1;
  memcpy (self->guess_ports, standard_ports, sizeof standard_ports);

  for (guint i = 0; i < MSA_DISCOVERY_N_SOURCES; i++)
    {
      g_autoptr(MsaDiscoverySource) source = msa_discovery_source_new (i);

      g_list_store_append (self->sources, source);
    }
}

/**
 * msa_discovery_domain_from_address:
 * @address: an e-mail address or a bare domain, as typed
 * @error: why it is neither
 *
 * The domain that discovery asks about: the part after the "@" (or the
 * whole of a bare domain), in lower case and ASCII (an internationalised
 * domain in its xn-- form), without a final dot.
 *
 * Returns: (transfer full) (nullable): the domain, or %NULL with
 *   %MSA_DISCOVERY_ERROR_INVALID_ADDRESS
 */
char *
msa_discovery_domain_from_address (const char  *address,
                                   GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *lower = NULL;
  const char *at;
  const char *domain;
  gsize length;
  gsize label = 0;

  if (address == NULL || !g_utf8_validate (address, -1, NULL))
    goto invalid;

  trimmed = g_strstrip (g_strdup (address));
  at = strchr (trimmed, '@');
  if (at != NULL && (at == trimmed || strchr (at + 1, '@') != NULL))
    goto invalid;
  for (const char *p = trimmed; at != NULL && p < at; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      goto invalid;

  domain = at != NULL ? at + 1 : trimmed;
  if (domain[0] == '\0')
    goto invalid;

  ascii = g_hostname_to_ascii (domain);
  if (ascii == NULL)
    goto invalid;
  lower = g_ascii_strdown (ascii, -1);
  length = strlen (lower);
  if (length > 0 && lower[length - 1] == '.')
    lower[--length] = '\0';
  if (length == 0 || length > 253 || g_hostname_is_ip_address (lower) || strchr (lower, '.') == NULL)
    goto invalid;

  for (gsize i = 0; i < length; i++)
    {
      char c = lower[i];

      if (c == '.')
        {
          if (label == 0 || lower[i - 1] == '-')
            goto invalid;
          label = 0;
          continue;
        }
      if (!g_ascii_isalnum (c) && !(c == '-' && label > 0))
        goto invalid;
      if (++label > 63)
        goto invalid;
    }
  if (lower[length - 1] == '-')
    goto invalid;

  return g_steal_pointer (&lower);

invalid:
  g_set_error_literal (error, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_INVALID_ADDRESS,
                       _("This is not an e-mail address: give it as name@example.com, or give only the domain."));
  return NULL;
}

/**
 * msa_discovery_new:
 * @address: an e-mail address or a bare domain
 * @database: the trust store (also for HTTPS)
 * @timeout_seconds: the deadline of each guessed server's probe
 *
 * Returns: (transfer full): a discovery to run
 */
MsaDiscovery *
msa_discovery_new (const char   *address,
                   GTlsDatabase *database,
                   guint         timeout_seconds)
{
  MsaDiscovery *self;

  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (G_IS_TLS_DATABASE (database), NULL);

  self = g_object_new (MSA_TYPE_DISCOVERY, NULL);
  self->address = g_strdup (address);
  self->domain = msa_discovery_domain_from_address (address, NULL);
  self->database = g_object_ref (database);
  self->timeout = timeout_seconds > 0 ? timeout_seconds : MSA_CHECK_DEFAULT_TIMEOUT;
  /* HTTP and DNS get a few seconds, no more than a probe. */
  self->lookup_timeout_ms = MIN (MSA_DISCOVERY_LOOKUP_TIMEOUT, self->timeout) * 1000;
  return self;
}

void
msa_discovery_set_ispdb_url (MsaDiscovery *self,
                             const char   *url)
{
  g_return_if_fail (MSA_IS_DISCOVERY (self));
  g_return_if_fail (self->task == NULL);

  g_free (self->ispdb_url);
  self->ispdb_url = g_strdup (url != NULL && url[0] != '\0' ? url : MSA_DISCOVERY_DEFAULT_ISPDB_URL);
}

const char *
msa_discovery_get_ispdb_url (MsaDiscovery *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY (self), NULL);
  return self->ispdb_url;
}

void
msa_discovery_set_guess_ports (MsaDiscovery  *self,
                               const guint16  ports[MSA_DISCOVERY_N_GUESS_PORTS])
{
  g_return_if_fail (MSA_IS_DISCOVERY (self));
  memcpy (self->guess_ports, ports, sizeof self->guess_ports);
}

void
msa_discovery_set_lookup_timeout (MsaDiscovery *self,
                                  guint         milliseconds)
{
  g_return_if_fail (MSA_IS_DISCOVERY (self));
  self->lookup_timeout_ms = MAX (milliseconds, 1);
}

void
msa_discovery_set_enabled_sources (MsaDiscovery *self,
                                   guint         mask)
{
  g_return_if_fail (MSA_IS_DISCOVERY (self));
  self->enabled = mask;
}

const char *
msa_discovery_get_address (MsaDiscovery *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY (self), NULL);
  return self->address;
}

/**
 * msa_discovery_get_domain:
 * @self: a #MsaDiscovery
 *
 * Returns: (nullable): the domain asked about; %NULL when the address is
 *   not one
 */
const char *
msa_discovery_get_domain (MsaDiscovery *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY (self), NULL);
  return self->domain;
}

/**
 * msa_discovery_get_sources:
 * @self: a #MsaDiscovery
 *
 * Returns: (transfer none): the #MsaDiscoverySource of every kind, in
 *   rank order, for a live view
 */
GListModel *
msa_discovery_get_sources (MsaDiscovery *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY (self), NULL);
  return G_LIST_MODEL (self->sources);
}

/**
 * msa_discovery_get_source:
 * @self: a #MsaDiscovery
 * @kind: which source
 *
 * Returns: (transfer none): that source
 */
MsaDiscoverySource *
msa_discovery_get_source (MsaDiscovery           *self,
                          MsaDiscoverySourceKind  kind)
{
  g_autoptr(MsaDiscoverySource) source = NULL;

  g_return_val_if_fail (MSA_IS_DISCOVERY (self), NULL);
  g_return_val_if_fail (kind < MSA_DISCOVERY_N_SOURCES, NULL);

  source = g_list_model_get_item (G_LIST_MODEL (self->sources), kind);
  return source;   /* the store keeps it */
}

/* Whether the source was started (it is enabled and the address valid). */
gboolean
msa_discovery_get_source_started (MsaDiscovery           *self,
                                  MsaDiscoverySourceKind  kind)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY (self), FALSE);
  g_return_val_if_fail (kind < MSA_DISCOVERY_N_SOURCES, FALSE);

  return self->runs[kind] != NULL;
}

SoupSession *
msa_discovery_get_session (MsaDiscovery *self)
{
  return self->session;
}

GTlsDatabase *
msa_discovery_get_database (MsaDiscovery *self)
{
  return self->database;
}

guint
msa_discovery_get_timeout (MsaDiscovery *self)
{
  return self->timeout;
}

const guint16 *
msa_discovery_get_guess_ports (MsaDiscovery *self)
{
  return self->guess_ports;
}

GPtrArray *
msa_discovery_get_builtin_profiles (MsaDiscovery *self)
{
  return self->builtins;
}

/**
 * msa_discovery_base_domain:
 * @host: a host name
 *
 * The registrable domain @host lies under (mx1.mail.example.co.uk →
 * example.co.uk), from the system's public suffix list, or libpsl's
 * built-in copy; a suffix not on the list counts as one label, as
 * libpsl's default rule has it.
 *
 * Returns: (transfer full): the base domain, or @host itself when it
 *   has none
 */
char *
msa_discovery_base_domain (const char *host)
{
  static gsize initialized;
  static psl_ctx_t *latest;
  g_autofree char *lower = g_ascii_strdown (host, -1);
  const char *base;

  if (g_once_init_enter (&initialized))
    {
      latest = psl_latest (NULL);
      g_once_init_leave (&initialized, 1);
    }

  base = psl_registrable_domain (latest != NULL ? latest : psl_builtin (), lower);
  return g_strdup (base != NULL ? base : lower);
}

/* Whether any server of @profile lies outside @domain. */
gboolean
msa_discovery_profile_is_outside (MsaProfile *profile,
                                  const char *domain)
{
  GListModel *servers = msa_profile_get_servers (profile);
  guint n = g_list_model_get_n_items (servers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServer) server = g_list_model_get_item (servers, i);

      if (!msa_host_is_under (msa_server_get_hostname (server), domain))
        return TRUE;
    }
  return FALSE;
}

void
msa_source_run_hold (MsaSourceRun *run)
{
  g_object_ref (run->discovery);
}

void
msa_source_run_release (MsaSourceRun *run)
{
  g_object_unref (run->discovery);
}

/* Keeps the encrypted servers of @profile: the only ones ever recommended. */
static MsaProfile *
encrypted_only (MsaProfile *profile)
{
  g_autoptr(MsaProfile) copy = NULL;
  const char * const *domains = msa_profile_get_domains (profile);
  const char * const *notes = msa_profile_get_notes (profile);
  GListModel *servers = msa_profile_get_servers (profile);
  guint n = g_list_model_get_n_items (servers);

  copy = msa_profile_new (msa_profile_get_domain (profile), msa_profile_get_display_name (profile));
  msa_profile_set_id (copy, msa_profile_get_id (profile));
  msa_profile_set_documentation_url (copy, msa_profile_get_documentation_url (profile));
  msa_profile_set_webmail_url (copy, msa_profile_get_webmail_url (profile));
  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    msa_profile_add_domain (copy, domains[i]);
  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    msa_profile_add_note (copy, notes[i]);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServer) server = g_list_model_get_item (servers, i);

      if (msa_server_get_security (server) != MSA_SECURITY_PLAIN)
        msa_profile_add_server (copy, server);
    }

  if (g_list_model_get_n_items (msa_profile_get_servers (copy)) == 0)
    return NULL;
  return g_steal_pointer (&copy);
}

/**
 * msa_source_run_finish:
 * @run: the source's run
 * @result: its answer
 * @profile: (nullable): what it found
 * @needs_confirmation: whether the user must confirm the servers
 * @error: (nullable): why it failed
 *
 * Records the answer (only the first counts) and decides, if it can.
 */
void
msa_source_run_finish (MsaSourceRun       *run,
                       MsaDiscoveryResult  result,
                       MsaProfile         *profile,
                       gboolean            needs_confirmation,
                       const GError       *error)
{
  if (msa_discovery_source_is_done (run->source))
    return;

  g_clear_handle_id (&run->deadline_id, g_source_remove);
  msa_discovery_source_finish (run->source, result, profile, needs_confirmation, error);
  decide (run->discovery);
}

/* A found profile: found when it has encrypted servers, unencrypted when
 * it has only others. */
void
msa_source_run_finish_with_profile (MsaSourceRun *run,
                                    MsaProfile   *profile,
                                    gboolean      needs_confirmation)
{
  g_autoptr(MsaProfile) encrypted = encrypted_only (profile);

  if (encrypted != NULL)
    msa_source_run_finish (run, MSA_DISCOVERY_RESULT_FOUND, encrypted, needs_confirmation, NULL);
  else
    msa_source_run_finish (run, MSA_DISCOVERY_RESULT_UNENCRYPTED, profile, FALSE, NULL);
}

/* Failures: "nothing there" is an answer; cancellation by the deadline a
 * timeout; cancellation by a better source's answer a skip. */
void
msa_source_run_finish_with_error (MsaSourceRun *run,
                                  const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      msa_source_run_finish (run, MSA_DISCOVERY_RESULT_NOT_FOUND, NULL, FALSE, NULL);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (run->timed_out)
        {
          g_autoptr(GError) timeout = NULL;

          timeout = g_error_new_literal (MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_TIMEOUT,
                                         _("No answer in time."));
          msa_source_run_finish (run, MSA_DISCOVERY_RESULT_ERROR, NULL, FALSE, timeout);
        }
      else
        msa_source_run_finish (run, MSA_DISCOVERY_RESULT_SKIPPED, NULL, FALSE, NULL);
    }
  else
    msa_source_run_finish (run, MSA_DISCOVERY_RESULT_ERROR, NULL, FALSE, error);
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  MsaSourceRun *run = user_data;

  run->deadline_id = 0;
  run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);

  /* An operation that ignores its cancellable must not hold the answer. */
  if (!msa_discovery_source_is_done (run->source))
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "");

      msa_source_run_finish_with_error (run, error);
    }
  return G_SOURCE_REMOVE;
}

static void
finish_task (MsaDiscovery *self,
             GError       *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    return;
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), self->cancelled_id);
  self->cancelled_id = 0;

  /* Nothing is needed of the others now. */
  for (guint i = 0; i < MSA_DISCOVERY_N_SOURCES; i++)
    {
      MsaSourceRun *run = self->runs[i];

      if (run == NULL)
        continue;
      g_cancellable_cancel (run->cancellable);
      if (!msa_discovery_source_is_done (run->source))
        {
          g_clear_handle_id (&run->deadline_id, g_source_remove);
          msa_discovery_source_finish (run->source, MSA_DISCOVERY_RESULT_SKIPPED, NULL, FALSE, NULL);
        }
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (msa_discovery_source_get_profile (self->chosen)),
                           g_object_unref);
}

static void
decide (MsaDiscovery *self)
{
  if (self->task == NULL || self->starting)
    return;

  for (guint i = 0; i < MSA_DISCOVERY_N_SOURCES; i++)
    {
      MsaDiscoverySource *source = msa_discovery_get_source (self, i);

      if (self->runs[i] == NULL)
        continue;
      if (!msa_discovery_source_is_done (source))
        return;
      if (msa_discovery_source_get_result (source) == MSA_DISCOVERY_RESULT_FOUND)
        {
          g_set_object (&self->chosen, source);
          finish_task (self, NULL);
          return;
        }
    }

  finish_task (self, g_error_new (MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_NOTHING_FOUND,
                                  /* Translators: %s is a mail domain */
                                  _("No encrypted mail servers were found for %s."),
                                  self->domain));
}

static void
on_cancelled_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  MsaDiscovery *self = user_data;

  for (guint i = 0; i < MSA_DISCOVERY_N_SOURCES; i++)
    if (self->runs[i] != NULL)
      g_cancellable_cancel (self->runs[i]->cancellable);
}

static gboolean
on_cancelled_idle_cb (gpointer user_data)
{
  MsaDiscovery *self = user_data;

  finish_task (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                          _("The search was cancelled.")));
  return G_SOURCE_REMOVE;
}

static void
on_outer_cancelled_cb (GCancellable *cancellable,
                       gpointer      user_data)
{
  MsaDiscovery *self = user_data;

  GSource *idle;

  on_cancelled_cb (cancellable, self);
  /* Answer from an idle of the task's context: "cancelled" may come from
   * another thread, and disconnecting inside the handler would wait for
   * the handler itself. */
  idle = g_idle_source_new ();
  g_source_set_callback (idle, on_cancelled_idle_cb, g_object_ref (self), g_object_unref);
  g_source_attach (idle, g_task_get_context (self->task));
  g_source_unref (idle);
}

static void
run_builtin (MsaSourceRun *run)
{
  MsaDiscovery *self = run->discovery;

  msa_discovery_source_set_target (run->source, self->domain);
  for (guint i = 0; i < self->builtins->len; i++)
    {
      MsaProfile *profile = g_ptr_array_index (self->builtins, i);

      if (msa_profile_has_domain (profile, self->domain))
        {
          msa_source_run_finish_with_profile (run, profile, FALSE);
          return;
        }
    }
  msa_source_run_finish (run, MSA_DISCOVERY_RESULT_NOT_FOUND, NULL, FALSE, NULL);
}

static void
start_source (MsaDiscovery           *self,
              MsaDiscoverySourceKind  kind)
{
  MsaSourceRun *run = g_new0 (MsaSourceRun, 1);
  g_autofree char *url = NULL;
  guint deadline_ms = self->lookup_timeout_ms;

  run->discovery = self;
  run->source = g_object_ref (msa_discovery_get_source (self, kind));
  run->cancellable = g_cancellable_new ();
  self->runs[kind] = run;

  /* MX may need a second look-up (the provider database); a guess is as
   * slow as its probes, which have deadlines of their own. */
  if (kind == MSA_DISCOVERY_SOURCE_MX)
    deadline_ms *= 2;
  if (kind == MSA_DISCOVERY_SOURCE_GUESS)
    deadline_ms = (self->timeout + 1) * 1000;
  run->deadline_id = g_timeout_add (deadline_ms, on_deadline_cb, run);

  msa_discovery_source_start (run->source);
  switch (kind)
    {
    case MSA_DISCOVERY_SOURCE_BUILTIN:
      run_builtin (run);
      break;
    case MSA_DISCOVERY_SOURCE_AUTOCONFIG:
      url = g_strdup_printf ("https://autoconfig.%s/mail/config-v1.1.xml", self->domain);
      msa_discovery_run_http_source (run, url);
      break;
    case MSA_DISCOVERY_SOURCE_WELL_KNOWN:
      url = g_strdup_printf ("https://%s/.well-known/autoconfig/mail/config-v1.1.xml", self->domain);
      msa_discovery_run_http_source (run, url);
      break;
    case MSA_DISCOVERY_SOURCE_ISPDB:
      url = g_strconcat (self->ispdb_url, self->domain, NULL);
      msa_discovery_run_http_source (run, url);
      break;
    case MSA_DISCOVERY_SOURCE_MX:
      msa_discovery_run_mx (run);
      break;
    case MSA_DISCOVERY_SOURCE_SRV:
      msa_discovery_run_srv (run);
      break;
    case MSA_DISCOVERY_SOURCE_GUESS:
      msa_discovery_run_guess (run);
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * msa_discovery_run_async:
 * @self: a #MsaDiscovery, not yet run
 * @cancellable: (nullable): stops every source
 * @callback: called with the chosen profile
 * @user_data: for @callback
 *
 * Starts every source at once; see the top of this file.
 */
void
msa_discovery_run_async (MsaDiscovery        *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(MsaProfile) builtin = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MSA_IS_DISCOVERY (self));
  g_return_if_fail (self->task == NULL && self->builtins == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, msa_discovery_run_async);

  if (self->domain == NULL)
    {
      msa_discovery_domain_from_address (self->address, &error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->builtins = g_ptr_array_new_with_free_func (g_object_unref);
  builtin = msa_profile_new_builtin ();
  g_ptr_array_add (self->builtins, g_steal_pointer (&builtin));
  self->session = msa_discovery_fetch_session_new (self->database,
                                                   MAX (self->lookup_timeout_ms / 1000, 1));
  self->task = g_steal_pointer (&task);
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_outer_cancelled_cb),
                                                self, NULL);

  /* A source that answers at once (the built-in one) must not decide
   * before the others are on their way. */
  g_object_ref (self);
  self->starting = TRUE;
  for (guint i = 0; i < MSA_DISCOVERY_N_SOURCES; i++)
    if (self->enabled & (1u << i))
      start_source (self, i);
  self->starting = FALSE;
  decide (self);
  g_object_unref (self);
}

/**
 * msa_discovery_run_finish:
 * @self: a #MsaDiscovery
 * @result: the result passed to the callback
 * @error: %MSA_DISCOVERY_ERROR_INVALID_ADDRESS,
 *   %MSA_DISCOVERY_ERROR_NOTHING_FOUND or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full): the chosen profile: only its encrypted servers
 */
MsaProfile *
msa_discovery_run_finish (MsaDiscovery  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * msa_discovery_get_chosen:
 * @self: a #MsaDiscovery
 *
 * Returns: (transfer none) (nullable): the source whose answer was taken
 */
MsaDiscoverySource *
msa_discovery_get_chosen (MsaDiscovery *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY (self), NULL);
  return self->chosen;
}

/**
 * msa_discovery_get_profile:
 * @self: a #MsaDiscovery
 *
 * Returns: (transfer none) (nullable): the chosen profile
 */
MsaProfile *
msa_discovery_get_profile (MsaDiscovery *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY (self), NULL);
  return self->chosen != NULL ? msa_discovery_source_get_profile (self->chosen) : NULL;
}

gboolean
msa_discovery_get_needs_confirmation (MsaDiscovery *self)
{
  g_return_val_if_fail (MSA_IS_DISCOVERY (self), FALSE);
  return self->chosen != NULL && msa_discovery_source_get_needs_confirmation (self->chosen);
}

/**
 * msa_discovery_get_servers_domain:
 * @self: a #MsaDiscovery that chose a profile
 *
 * The domain the chosen servers belong to, as the confirmation shows
 * it: the base domain (public-suffix aware) of the first server.
 *
 * Returns: (transfer full) (nullable): the domain
 */
char *
msa_discovery_get_servers_domain (MsaDiscovery *self)
{
  MsaProfile *profile = msa_discovery_get_profile (self);
  g_autoptr(MsaServer) first = NULL;

  if (profile == NULL || g_list_model_get_n_items (msa_profile_get_servers (profile)) == 0)
    return NULL;
  first = g_list_model_get_item (msa_profile_get_servers (profile), 0);
  return msa_discovery_base_domain (msa_server_get_hostname (first));
}
