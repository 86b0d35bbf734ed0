/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The input side of the connection while TLS is set up.  A server that
 * speaks plain text on an SSL port greets at once ("* OK …"), and GnuTLS
 * reads those bytes as the header of a record some 19 KB long, then waits
 * for the rest until the deadline.  A TLS server's first byte is a record
 * type (20–24, in practice a handshake or an alert), so one look at it
 * ends the wait at once as a TLS failure. */
#define MSA_TYPE_TLS_SNIFFER (msa_tls_sniffer_get_type ())
G_DECLARE_FINAL_TYPE (MsaTlsSniffer, msa_tls_sniffer, MSA, TLS_SNIFFER, GFilterInputStream)

GIOStream *msa_tls_sniffer_wrap_stream     (GIOStream     *base);
gboolean   msa_tls_sniffer_refused_version (MsaTlsSniffer *self);

G_END_DECLS
