/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A TCP relay on loopback that holds every piece of data for a fixed
 * delay in each direction, so that one round trip through it costs twice
 * the delay: the benchmark's stand-in for netem. */
typedef struct _MsaDelayRelay MsaDelayRelay;

MsaDelayRelay *msa_delay_relay_new      (guint16        upstream_port,
                                         guint          delay_ms,
                                         GError       **error);
MsaDelayRelay *msa_delay_relay_new_niced (guint16        upstream_port,
                                          guint          delay_ms,
                                          int            nice,
                                          GError       **error);
MsaDelayRelay *msa_delay_relay_new_at   (const char    *listen_address,
                                         guint16        listen_port,
                                         const char    *upstream_address,
                                         guint16        upstream_port,
                                         guint          delay_ms,
                                         GError       **error);
guint16        msa_delay_relay_get_port (MsaDelayRelay *self);
void           msa_delay_relay_free     (MsaDelayRelay *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsaDelayRelay, msa_delay_relay_free)

G_END_DECLS
