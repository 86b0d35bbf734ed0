/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sources that ask the network for a document or a record: the
 * provider's autoconfig and well-known files and the provider database
 * (HTTPS, msa-discovery-fetch.c), the MX records (then the built-in
 * profiles and the provider database for the MX hosts' base domain) and
 * the SRV records of RFC 6186 with RFC 8314's implicit-TLS names. */
#include "config.h"

#include "msa-discovery-private.h"
#include "msa-discovery-fetch.h"
#include "msa-autoconfig.h"

#include <glib/gi18n.h>
#include <string.h>

/* A document that is not a usable autoconfig file is the source's error. */
static MsaProfile *
parse_profile (GBytes      *bytes,
               const char  *url,
               const char  *domain,
               GError     **error)
{
  g_autoptr(GError) local = NULL;
  MsaProfile *profile;

  profile = msa_profile_new_from_bytes_for_domain (bytes, url, domain, &local);
  if (profile == NULL)
    g_set_error (error, MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_NOT_AUTOCONFIG,
                 /* Translators: %s is the reason, e.g. "…, line 3: not XML" */
                 _("The answer is not a usable settings file: %s"), local->message);
  return profile;
}

/* The provider's own files and the provider database */

static void
on_http_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  MsaSourceRun *run = user_data;
  MsaDiscovery *self = run->discovery;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) profile = NULL;

  bytes = msa_discovery_fetch_finish (result, &error);
  if (bytes != NULL)
    profile = parse_profile (bytes, msa_discovery_source_get_target (run->source),
                             msa_discovery_get_domain (self), &error);

  if (profile != NULL)
    /* Reached over HTTPS at the domain itself or at the database the
     * user trusts: nothing to confirm. */
    msa_source_run_finish_with_profile (run, profile, FALSE);
  else
    msa_source_run_finish_with_error (run, error);

  msa_source_run_release (run);
}

void
msa_discovery_run_http_source (MsaSourceRun *run,
                               const char   *url)
{
  MsaDiscovery *self = run->discovery;

  msa_discovery_source_set_target (run->source, url);
  msa_source_run_hold (run);
  msa_discovery_fetch_async (msa_discovery_get_session (self), url, run->cancellable,
                             on_http_fetched_cb, run);
}

/* Name look-up failures: "no such name" is an answer. */
static GError *
map_resolver_error (const GError *error)
{
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, error->message);
  if (error->domain == G_IO_ERROR)
    return g_error_copy (error);
  return g_error_new (MSA_DISCOVERY_ERROR, MSA_DISCOVERY_ERROR_DNS_FAILED,
                      _("The name lookup failed: %s"), error->message);
}

/* MX */

static void
on_mx_ispdb_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  MsaSourceRun *run = user_data;
  MsaDiscovery *self = run->discovery;
  const char *domain = msa_discovery_get_domain (self);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) profile = NULL;

  bytes = msa_discovery_fetch_finish (result, &error);
  if (bytes != NULL)
    profile = parse_profile (bytes, msa_discovery_source_get_target (run->source), domain, &error);

  if (profile != NULL)
    /* The entry was chosen by an MX record, which anyone on the path can
     * forge: servers outside the address's domain need the user's word. */
    msa_source_run_finish_with_profile (run, profile,
                                        msa_discovery_profile_is_outside (profile, domain));
  else
    msa_source_run_finish_with_error (run, error);

  msa_source_run_release (run);
}

static int
compare_mx (gconstpointer a,
            gconstpointer b)
{
  guint16 pa, pb;

  g_variant_get ((GVariant *) a, "(q&s)", &pa, NULL);
  g_variant_get ((GVariant *) b, "(q&s)", &pb, NULL);
  return (int) pa - (int) pb;
}

static void
on_mx_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  MsaSourceRun *run = user_data;
  MsaDiscovery *self = run->discovery;
  const char *domain = msa_discovery_get_domain (self);
  GPtrArray *builtins = msa_discovery_get_builtin_profiles (self);
  g_autoptr(GError) error = NULL;
  GList *records;
  g_autofree char *host = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;

  records = g_resolver_lookup_records_finish (G_RESOLVER (object), result, &error);
  if (records == NULL)
    {
      g_autoptr(GError) mapped = map_resolver_error (error);

      msa_source_run_finish_with_error (run, mapped);
      msa_source_run_release (run);
      return;
    }

  /* The most preferred exchanger speaks for the domain. */
  records = g_list_sort (records, compare_mx);
  g_variant_get (records->data, "(qs)", NULL, &host);
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);
  if (host[0] != '\0' && host[strlen (host) - 1] == '.')
    host[strlen (host) - 1] = '\0';

  /* A null MX (RFC 7505, "." ) says the domain takes no mail. */
  if (host[0] == '\0' || g_strcmp0 (host, ".") == 0)
    {
      msa_source_run_finish (run, MSA_DISCOVERY_RESULT_NOT_FOUND, NULL, FALSE, NULL);
      msa_source_run_release (run);
      return;
    }
  msa_discovery_source_set_target (run->source, host);

  for (guint i = 0; i < builtins->len; i++)
    if (msa_profile_owns_host (g_ptr_array_index (builtins, i), host))
      {
        /* A built-in profile is right by construction. */
        msa_source_run_finish_with_profile (run, g_ptr_array_index (builtins, i), FALSE);
        msa_source_run_release (run);
        return;
      }

  base = msa_discovery_base_domain (host);
  if (msa_host_is_under (base, domain))
    {
      /* The domain's own exchanger: the sources above have asked. */
      msa_source_run_finish (run, MSA_DISCOVERY_RESULT_NOT_FOUND, NULL, FALSE, NULL);
      msa_source_run_release (run);
      return;
    }

  url = g_strconcat (msa_discovery_get_ispdb_url (self), base, NULL);
  msa_discovery_source_set_target (run->source, url);
  msa_discovery_fetch_async (msa_discovery_get_session (self), url, run->cancellable,
                             on_mx_ispdb_cb, run);   /* keeps the hold */
}

void
msa_discovery_run_mx (MsaSourceRun *run)
{
  MsaDiscovery *self = run->discovery;
  g_autoptr(GResolver) resolver = g_resolver_get_default ();

  msa_discovery_source_set_target (run->source, msa_discovery_get_domain (self));
  msa_source_run_hold (run);
  g_resolver_lookup_records_async (resolver, msa_discovery_get_domain (self),
                                   G_RESOLVER_RECORD_MX, run->cancellable, on_mx_cb, run);
}

/* SRV */

static const struct
{
  const char  *service;
  MsaProtocol  protocol;
  MsaSecurity  security;
} srv_services[] = {
  /* RFC 8314's implicit TLS first: it is preferred */
  { "imaps", MSA_PROTOCOL_IMAP, MSA_SECURITY_SSL },
  { "pop3s", MSA_PROTOCOL_POP3, MSA_SECURITY_SSL },
  { "submissions", MSA_PROTOCOL_SMTP, MSA_SECURITY_SSL },
  /* RFC 6186: these ports are used with STARTTLS */
  { "imap", MSA_PROTOCOL_IMAP, MSA_SECURITY_STARTTLS },
  { "pop3", MSA_PROTOCOL_POP3, MSA_SECURITY_STARTTLS },
  { "submission", MSA_PROTOCOL_SMTP, MSA_SECURITY_STARTTLS },
};

#define N_SRV_SERVICES G_N_ELEMENTS (srv_services)

typedef struct
{
  MsaSourceRun *run;
  guint         index;
} SrvLookup;

/* The servers found, a slot per service, so the profile keeps the order
 * above whatever order the answers come in. */
static MsaServer **
srv_slots (MsaSourceRun *run)
{
  return g_object_get_data (G_OBJECT (run->source), "msa-srv-slots");
}

static void
free_slots (gpointer data)
{
  MsaServer **slots = data;

  for (guint i = 0; i < N_SRV_SERVICES; i++)
    g_clear_object (&slots[i]);
  g_free (slots);
}

static void
finish_srv (MsaSourceRun *run)
{
  MsaDiscovery *self = run->discovery;
  const char *domain = msa_discovery_get_domain (self);
  MsaServer **slots = srv_slots (run);
  g_autoptr(MsaProfile) profile = msa_profile_new (domain, domain);
  gboolean any = FALSE;

  for (guint i = 0; i < N_SRV_SERVICES; i++)
    if (slots[i] != NULL)
      {
        msa_profile_add_server (profile, slots[i]);
        any = TRUE;
      }

  if (any)
    /* Names from unauthenticated DNS: outside the domain they need the
     * user's word. */
    msa_source_run_finish_with_profile (run, profile, msa_discovery_profile_is_outside (profile, domain));
  else if (run->error != NULL)
    msa_source_run_finish_with_error (run, run->error);
  else
    msa_source_run_finish (run, MSA_DISCOVERY_RESULT_NOT_FOUND, NULL, FALSE, NULL);
}

static void
on_srv_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SrvLookup *lookup = user_data;
  MsaSourceRun *run = lookup->run;
  g_autoptr(GError) error = NULL;
  GList *targets;

  targets = g_resolver_lookup_service_finish (G_RESOLVER (object), result, &error);
  for (GList *l = targets; l != NULL; l = l->next)
    {
      const char *host = g_srv_target_get_hostname (l->data);
      guint16 port = g_srv_target_get_port (l->data);

      /* RFC 2782: a target of "." means "not offered"; GResolver hands
       * it over as an empty name. */
      if (host == NULL || host[0] == '\0' || g_str_equal (host, ".") || port == 0)
        continue;
      srv_slots (run)[lookup->index] = msa_server_new (srv_services[lookup->index].protocol, host, port,
                                                       srv_services[lookup->index].security);
      break;
    }
  g_resolver_free_targets (targets);

  if (error != NULL && !g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND)
      && run->error == NULL)
    run->error = map_resolver_error (error);

  if (--run->pending == 0)
    finish_srv (run);

  msa_source_run_release (run);
  g_free (lookup);
}

void
msa_discovery_run_srv (MsaSourceRun *run)
{
  MsaDiscovery *self = run->discovery;
  g_autoptr(GResolver) resolver = g_resolver_get_default ();

  msa_discovery_source_set_target (run->source, msa_discovery_get_domain (self));
  g_object_set_data_full (G_OBJECT (run->source), "msa-srv-slots",
                          g_new0 (MsaServer *, N_SRV_SERVICES), free_slots);
  run->pending = N_SRV_SERVICES;
  for (guint i = 0; i < N_SRV_SERVICES; i++)
    {
      SrvLookup *lookup = g_new0 (SrvLookup, 1);

      lookup->run = run;
      lookup->index = i;
      msa_source_run_hold (run);
      g_resolver_lookup_service_async (resolver, srv_services[i].service, "tcp",
                                       msa_discovery_get_domain (self), run->cancellable,
                                       on_srv_cb, lookup);
    }
}
