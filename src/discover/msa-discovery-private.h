/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-discovery.h"

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The ports the guess probes, in the order of the standard ones:
 * 993, 995, 465 (implicit TLS), then 143, 110, 587 (STARTTLS). */
#define MSA_DISCOVERY_N_GUESS_PORTS 6

/* One source's run: its cancellable, its deadline and what it collects.
 * The discovery owns it; each operation in flight holds the discovery. */
typedef struct
{
  MsaDiscovery       *discovery;      /* not a reference: the owner */
  MsaDiscoverySource *source;
  GCancellable       *cancellable;
  guint               deadline_id;
  gboolean            timed_out;
  guint               pending;        /* SRV: look-ups in flight */
  MsaProfile         *profile;        /* SRV: the servers found so far */
  GError             *error;          /* SRV: a look-up that failed */
  GObject            *check;          /* guess: the profile check */
  char               *host;           /* MX: the host its answer is about */
} MsaSourceRun;

/* For tests and benchmarks: the guess's ports (the fixture's servers do
 * not listen on the standard ones), the HTTP and DNS deadline in
 * milliseconds, and which sources run at all (a bit per kind). */
void          msa_discovery_set_guess_ports      (MsaDiscovery  *self,
                                                  const guint16  ports[MSA_DISCOVERY_N_GUESS_PORTS]);
void          msa_discovery_set_lookup_timeout   (MsaDiscovery  *self,
                                                  guint          milliseconds);
void          msa_discovery_set_enabled_sources  (MsaDiscovery  *self,
                                                  guint          mask);

/* For the sources' files. */
SoupSession  *msa_discovery_get_session          (MsaDiscovery  *self);
GTlsDatabase *msa_discovery_get_database         (MsaDiscovery  *self);
guint         msa_discovery_get_timeout          (MsaDiscovery  *self);
const guint16 *msa_discovery_get_guess_ports     (MsaDiscovery  *self);
GPtrArray    *msa_discovery_get_builtin_profiles (MsaDiscovery  *self);
void          msa_source_run_hold                (MsaSourceRun  *run);
void          msa_source_run_release             (MsaSourceRun  *run);
void          msa_source_run_finish              (MsaSourceRun  *run,
                                                  MsaDiscoveryResult result,
                                                  MsaProfile    *profile,
                                                  gboolean       needs_confirmation,
                                                  const GError  *error);
void          msa_source_run_finish_with_error   (MsaSourceRun  *run,
                                                  const GError  *error);
void          msa_source_run_finish_with_profile (MsaSourceRun  *run,
                                                  MsaProfile    *profile,
                                                  gboolean       needs_confirmation);
char         *msa_discovery_base_domain          (const char    *host);
gboolean      msa_discovery_profile_is_outside   (MsaProfile    *profile,
                                                  const char    *domain);

void          msa_discovery_run_http_source      (MsaSourceRun  *run,
                                                  const char    *url);
void          msa_discovery_run_mx               (MsaSourceRun  *run);
void          msa_discovery_run_srv              (MsaSourceRun  *run);
void          msa_discovery_run_guess            (MsaSourceRun  *run);

/* For the JSON report (msa-discovery-json.c). */
gboolean      msa_discovery_get_source_started   (MsaDiscovery           *self,
                                                  MsaDiscoverySourceKind  kind);

G_END_DECLS
