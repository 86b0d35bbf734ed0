/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by test programs that serve TLS themselves on loopback. */
#pragma once

#include <gio/gio.h>

/* Adds 127.0.0.1 on a port the kernel picks to @listener, and ::1 on the
 * same port where the machine has IPv6 ("localhost" may resolve to ::1
 * first); returns the port. */
static inline guint16
msa_test_listen_on_loopback (GSocketListener *listener)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback4 = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GInetAddress) loopback6 = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr(GSocketAddress) address4 = g_inet_socket_address_new (loopback4, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GSocketAddress) address6 = NULL;
  guint16 port;

  g_socket_listener_add_address (listener, address4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));

  address6 = g_inet_socket_address_new (loopback6, port);
  g_socket_listener_add_address (listener, address6, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, NULL, NULL);

  return port;
}
