/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MsaFakeBehaviour:
 * @MSA_FAKE_BEHAVIOUR_SILENT: accepts connections and never says a word
 *   (reads and drops what the client sends, so a TLS client waits for a
 *   ServerHello that never comes)
 * @MSA_FAKE_BEHAVIOUR_PLAIN_ON_SSL: says "* OK IMAP ready\r\n" in plain
 *   text at once, whatever the client sends (a TLS client gets
 *   garbage instead of a ServerHello)
 * @MSA_FAKE_BEHAVIOUR_OVERSIZED_GREETING: sends a greeting line "* OK xxx…"
 *   without an end: 1 MiB (#MSA_FAKE_SERVER_FLOOD_SIZE), then nothing more
 * @MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS: plain IMAP: greets "* OK …",
 *   answers CAPABILITY without STARTTLS, STARTTLS with BAD, NOOP, LOGOUT
 * @MSA_FAKE_BEHAVIOUR_POP3_NO_STLS: plain POP3: "+OK …", CAPA without
 *   STLS, STLS with -ERR, QUIT
 * @MSA_FAKE_BEHAVIOUR_SMTP_NO_STARTTLS: plain SMTP: "220 …", EHLO without
 *   STARTTLS, STARTTLS with 502, QUIT
 * @MSA_FAKE_BEHAVIOUR_IMAP_STARTTLS_PLAIN: like IMAP_NO_STARTTLS, but offers
 *   STARTTLS, answers it with OK and then goes on in plain text
 * @MSA_FAKE_BEHAVIOUR_REFUSED: nothing listens: the port is bound on both
 *   addresses (so no one else takes it) but not listening, so every
 *   connection is refused
 *
 * What an #MsaFakeServer does with a connection.  With a certificate
 * (msa_fake_server_new_tls()), SILENT, OVERSIZED_GREETING and the
 * *_NO_STARTTLS behaviours first complete a TLS handshake and then behave
 * so inside TLS; PLAIN_ON_SSL and REFUSED ignore the certificate.
 */
typedef enum
{
  MSA_FAKE_BEHAVIOUR_SILENT,
  MSA_FAKE_BEHAVIOUR_PLAIN_ON_SSL,
  MSA_FAKE_BEHAVIOUR_OVERSIZED_GREETING,
  MSA_FAKE_BEHAVIOUR_IMAP_NO_STARTTLS,
  MSA_FAKE_BEHAVIOUR_POP3_NO_STLS,
  MSA_FAKE_BEHAVIOUR_SMTP_NO_STARTTLS,
  MSA_FAKE_BEHAVIOUR_REFUSED,
  MSA_FAKE_BEHAVIOUR_IMAP_STARTTLS_PLAIN,
  MSA_FAKE_BEHAVIOUR_SMTP_STARTTLS_INJECTION,
} MsaFakeBehaviour;

/* What OVERSIZED_GREETING sends at most, in bytes. */
#define MSA_FAKE_SERVER_FLOOD_SIZE (1024 * 1024)

#define MSA_TYPE_FAKE_SERVER (msa_fake_server_get_type ())
G_DECLARE_FINAL_TYPE (MsaFakeServer, msa_fake_server, MSA, FAKE_SERVER, GObject)

MsaFakeServer    *msa_fake_server_new                (MsaFakeBehaviour   behaviour,
                                                      GError           **error);
MsaFakeServer    *msa_fake_server_new_tls            (MsaFakeBehaviour   behaviour,
                                                      GTlsCertificate   *certificate,
                                                      GError           **error);
MsaFakeServer    *msa_fake_server_new_ipv4_only      (MsaFakeBehaviour   behaviour,
                                                      GError           **error);
MsaFakeBehaviour  msa_fake_server_get_behaviour      (MsaFakeServer     *self);
guint16           msa_fake_server_get_port           (MsaFakeServer     *self);
guint             msa_fake_server_get_n_connections  (MsaFakeServer     *self);
void              msa_fake_server_set_imap_lines     (MsaFakeServer     *self,
                                                      const char        *greeting,
                                                      const char        *capability,
                                                      const char        *bye);

G_END_DECLS
