/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msa-profile.h"

G_BEGIN_DECLS

/* The places discovery asks, best-ranked first: the order in which their
 * answers are preferred.  The nicks are the words of --discover --json. */
typedef enum
{
  MSA_DISCOVERY_SOURCE_BUILTIN,     /*< nick=built-in >*/
  MSA_DISCOVERY_SOURCE_AUTOCONFIG,
  MSA_DISCOVERY_SOURCE_WELL_KNOWN,  /*< nick=well-known >*/
  MSA_DISCOVERY_SOURCE_ISPDB,
  MSA_DISCOVERY_SOURCE_MX,
  MSA_DISCOVERY_SOURCE_SRV,
  MSA_DISCOVERY_SOURCE_GUESS,
  MSA_DISCOVERY_N_SOURCES,          /*< skip >*/
} MsaDiscoverySourceKind;

typedef enum
{
  MSA_DISCOVERY_RESULT_PENDING,
  MSA_DISCOVERY_RESULT_RUNNING,
  MSA_DISCOVERY_RESULT_FOUND,        /* encrypted servers */
  MSA_DISCOVERY_RESULT_NOT_FOUND,
  MSA_DISCOVERY_RESULT_UNENCRYPTED,  /* only servers without encryption */
  MSA_DISCOVERY_RESULT_ERROR,
  MSA_DISCOVERY_RESULT_SKIPPED,      /* not needed: a better source decided */
} MsaDiscoveryResult;

/* Why a source failed; the nicks are the JSON "code". */
#define MSA_DISCOVERY_ERROR (msa_discovery_error_quark ())
typedef enum
{
  MSA_DISCOVERY_ERROR_INVALID_ADDRESS,
  MSA_DISCOVERY_ERROR_TIMEOUT,
  MSA_DISCOVERY_ERROR_DNS_FAILED,
  MSA_DISCOVERY_ERROR_CONNECTION_FAILED,
  MSA_DISCOVERY_ERROR_CERTIFICATE,
  MSA_DISCOVERY_ERROR_TLS_OUTDATED,
  MSA_DISCOVERY_ERROR_INSECURE_REDIRECT,
  MSA_DISCOVERY_ERROR_TOO_MANY_REDIRECTS,
  MSA_DISCOVERY_ERROR_HTTP_STATUS,
  MSA_DISCOVERY_ERROR_TOO_LARGE,
  MSA_DISCOVERY_ERROR_NOT_AUTOCONFIG,
  MSA_DISCOVERY_ERROR_NOTHING_FOUND,
} MsaDiscoveryError;

#define MSA_TYPE_DISCOVERY_SOURCE (msa_discovery_source_get_type ())
G_DECLARE_FINAL_TYPE (MsaDiscoverySource, msa_discovery_source, MSA, DISCOVERY_SOURCE, GObject)

GQuark                 msa_discovery_error_quark             (void);
const char            *msa_discovery_error_to_string         (MsaDiscoveryError   code);
const char            *msa_discovery_source_kind_to_string   (MsaDiscoverySourceKind kind);
gboolean               msa_discovery_source_kind_from_string (const char       *nick,
                                                              MsaDiscoverySourceKind *kind);
const char            *msa_discovery_result_to_string        (MsaDiscoveryResult  result);

MsaDiscoverySource    *msa_discovery_source_new              (MsaDiscoverySourceKind kind);
MsaDiscoverySourceKind msa_discovery_source_get_kind         (MsaDiscoverySource *self);
MsaDiscoveryResult     msa_discovery_source_get_result       (MsaDiscoverySource *self);
gboolean               msa_discovery_source_is_done          (MsaDiscoverySource *self);
const char            *msa_discovery_source_get_target       (MsaDiscoverySource *self);
void                   msa_discovery_source_set_target       (MsaDiscoverySource *self,
                                                              const char         *target);
MsaProfile            *msa_discovery_source_get_profile      (MsaDiscoverySource *self);
const GError          *msa_discovery_source_get_error        (MsaDiscoverySource *self);
gboolean               msa_discovery_source_get_needs_confirmation (MsaDiscoverySource *self);
double                 msa_discovery_source_get_ms           (MsaDiscoverySource *self);

void                   msa_discovery_source_start            (MsaDiscoverySource *self);
void                   msa_discovery_source_finish           (MsaDiscoverySource *self,
                                                              MsaDiscoveryResult  result,
                                                              MsaProfile         *profile,
                                                              gboolean            needs_confirmation,
                                                              const GError       *error);

G_END_DECLS
