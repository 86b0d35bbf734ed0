/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-tls-sniffer.h"

#include <glib/gi18n.h>
#include <string.h>

struct _MsaTlsSniffer
{
  GFilterInputStream parent_instance;

  gboolean seen_first_byte;
  /* The start of the server's first record: its header (type, version,
   * length) and the first bytes of its body. */
  guint8   head[11];
  gsize    n_head;
};

static void msa_tls_sniffer_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MsaTlsSniffer, msa_tls_sniffer, G_TYPE_FILTER_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      msa_tls_sniffer_pollable_init))

static gssize
sniff (MsaTlsSniffer  *self,
       const guint8   *data,
       gssize          n,
       GError        **error)
{
  if (n > 0 && self->n_head < sizeof self->head)
    {
      gsize take = MIN ((gsize) n, sizeof self->head - self->n_head);

      memcpy (self->head + self->n_head, data, take);
      self->n_head += take;
    }

  if (n <= 0 || self->seen_first_byte)
    return n;

  self->seen_first_byte = TRUE;
  if (data[0] < 20 || data[0] > 24)
    {
      g_set_error_literal (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS,
                           _("The server answered in plain text, not with TLS."));
      return -1;
    }
  return n;
}

static GInputStream *
sniffer_base (gpointer self)
{
  return g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (self));
}

static gssize
msa_tls_sniffer_read (GInputStream  *stream,
                      void          *buffer,
                      gsize          count,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gssize n = g_input_stream_read (sniffer_base (stream), buffer, count, cancellable, error);

  return sniff (MSA_TLS_SNIFFER (stream), buffer, n, error);
}

static gboolean
msa_tls_sniffer_can_poll (GPollableInputStream *stream)
{
  GInputStream *base = sniffer_base (stream);

  return G_IS_POLLABLE_INPUT_STREAM (base)
         && g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (base));
}

static gboolean
msa_tls_sniffer_is_readable (GPollableInputStream *stream)
{
  return g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (sniffer_base (stream)));
}

static GSource *
msa_tls_sniffer_create_source (GPollableInputStream *stream,
                               GCancellable         *cancellable)
{
  g_autoptr(GSource) base_source = NULL;

  base_source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (sniffer_base (stream)),
                                                       NULL);
  return g_pollable_source_new_full (stream, base_source, cancellable);
}

static gssize
msa_tls_sniffer_read_nonblocking (GPollableInputStream  *stream,
                                  void                  *buffer,
                                  gsize                  count,
                                  GError               **error)
{
  gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (sniffer_base (stream)),
                                                       buffer, count, NULL, error);

  return sniff (MSA_TLS_SNIFFER (stream), buffer, n, error);
}

static void
msa_tls_sniffer_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = msa_tls_sniffer_can_poll;
  iface->is_readable = msa_tls_sniffer_is_readable;
  iface->create_source = msa_tls_sniffer_create_source;
  iface->read_nonblocking = msa_tls_sniffer_read_nonblocking;
}

static void
msa_tls_sniffer_class_init (MsaTlsSnifferClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  stream_class->read_fn = msa_tls_sniffer_read;
}

static void
msa_tls_sniffer_init (MsaTlsSniffer *self)
{
}

/**
 * msa_tls_sniffer_refused_version:
 * @self: the sniffer of a failed handshake
 *
 * Whether the server's first record says that it offers no TLS version
 * the client does: an alert "protocol_version" (RFC 8446, 6.2), or a
 * ServerHello with a version below TLS 1.2 (TLS 1.3 says 1.2 there too).
 *
 * Returns: %TRUE when the server only offers versions older than TLS 1.2
 */
gboolean
msa_tls_sniffer_refused_version (MsaTlsSniffer *self)
{
  enum { ALERT = 21, HANDSHAKE = 22, PROTOCOL_VERSION = 70, SERVER_HELLO = 2 };

  g_return_val_if_fail (MSA_IS_TLS_SNIFFER (self), FALSE);

  if (self->n_head >= 7 && self->head[0] == ALERT && self->head[6] == PROTOCOL_VERSION)
    return TRUE;
  if (self->n_head >= 11 && self->head[0] == HANDSHAKE && self->head[5] == SERVER_HELLO)
    return self->head[9] == 3 && self->head[10] < 3;
  return FALSE;
}

/**
 * msa_tls_sniffer_wrap_stream:
 * @base: the TCP connection
 *
 * Returns: (transfer full): @base with a sniffer on its input side
 */
GIOStream *
msa_tls_sniffer_wrap_stream (GIOStream *base)
{
  g_autoptr(GInputStream) sniffer = NULL;

  sniffer = g_object_new (MSA_TYPE_TLS_SNIFFER,
                          "base-stream", g_io_stream_get_input_stream (base),
                          "close-base-stream", FALSE,
                          NULL);
  return g_simple_io_stream_new (sniffer, g_io_stream_get_output_stream (base));
}
