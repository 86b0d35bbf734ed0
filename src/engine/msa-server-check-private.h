/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Between the files of one server's check: msa-server-check.c (the
 * object, its results and a run's life), msa-check-dialogue.c (lines
 * in and out, the protocol through msa-dialect.c), msa-check-tls.c (the
 * handshake and the certificate) and msa-connector.c (name lookup and
 * connecting address by address). */

#include "msa-server-check.h"
#include "msa-protocol.h"
#include "msa-tls-sniffer.h"

G_BEGIN_DECLS

/* With more addresses to try, one that does not answer gets this long
 * before the next is tried (a broken IPv6 route must not eat the whole
 * deadline); the last address gets whatever time is left. */
#define ADDRESS_TIMEOUT_MS 2000

#define MIN_DAYS_LEFT 30
#define MIN_RSA_BITS  2048

struct _MsaServerCheck
{
  GObject parent_instance;

  MsaServer      *server;
  GTlsDatabase   *database;
  guint           timeout_seconds;

  /* Results */
  MsaCheckState   state;
  MsaStepState    step_states[MSA_CHECK_N_STEPS];
  double          step_ms[MSA_CHECK_N_STEPS];
  double          total_ms;
  gboolean        failed_with_code;
  MsaCheckError   error_code;
  char           *error_message;
  char           *error_detail;
  char           *address;
  char           *tls_version;
  char           *cipher;
  MsaCertificate *certificate;
  char           *greeting;
  GStrv           capabilities;
  GPtrArray      *warnings;      /* char*, NULL-terminated */

  gboolean        running;
};

enum {
  PROP_0,
  PROP_SERVER,
  PROP_DATABASE,
  PROP_TIMEOUT,
  PROP_STATE,
  PROP_ADDRESS,
  PROP_TLS_VERSION,
  PROP_CIPHER,
  PROP_CERTIFICATE,
  PROP_GREETING,
  PROP_ERROR_MESSAGE,
  PROP_TOTAL_MS,
  N_PROPS
};


typedef void (*RunStep) (GTask *task);

typedef struct
{
  MsaServerCheck        *self;          /* the task's source object */
  GCancellable          *cancellable;   /* internal: ends everything */
  GCancellable          *outer;
  gulong                 outer_handler;
  GSource               *deadline;
  gboolean               timed_out;

  gint64                 start_us;
  gint64                 step_start_us[MSA_CHECK_N_STEPS];
  MsaCheckStep           current_step;

  GList                 *addresses;     /* GInetAddress */
  GList                 *next_address;
  GError                *connect_error;
  GSocketClient         *client;
  GCancellable          *attempt;       /* this address only */
  gulong                 attempt_handler;
  GSource               *attempt_timer;
  gboolean               attempt_timed_out;

  GSocketConnection     *connection;    /* TCP */
  GSocket               *socket;
  GIOStream             *stream;        /* TCP, or TLS on top of it */
  MsaTlsSniffer         *sniffer;       /* the input side during the handshake */
  gboolean               handshaking;
  gboolean               tls_done;
  gboolean               goodbye;

  MsaLineSplitter       *splitter;
  MsaAnswer             *answer;
  RunStep                answer_done;
  RunStep                write_done;
  char                  *command;
  guint                  tag;
  char                   buffer[16 * 1024];

  GTlsCertificate       *peer_certificate;
  GTlsCertificateFlags   peer_errors;
  GStrv                  answer_capabilities;
} Run;


/* msa-server-check.c */
double   msa_check_ms_since            (gint64           start_us);
void     msa_check_run_set_step        (Run             *run,
                                        MsaCheckStep     step,
                                        MsaStepState     state);
void     msa_check_set_string          (MsaServerCheck  *self,
                                        char           **field,
                                        const char      *value,
                                        guint            prop_id);
void     msa_check_add_warning         (MsaServerCheck  *self,
                                        const char      *warning);
char    *msa_check_dup_server_text     (const char      *text);
void     msa_check_notify              (MsaServerCheck  *self,
                                        guint            prop_id);
const char *msa_check_tls_version_name (GTlsProtocolVersion version);
void     msa_check_quick_ack           (Run             *run);
void     msa_check_clear_attempt       (Run             *run);
void     msa_check_run_fail            (GTask           *task,
                                        GError          *error);
void     msa_check_run_fail_literal    (GTask           *task,
                                        MsaCheckError    code,
                                        const char      *message);
void     msa_check_run_succeed         (GTask           *task);

/* msa-check-dialogue.c */
void     msa_check_read_greeting       (GTask           *task);
void     msa_check_query_capabilities  (GTask           *task);

/* msa-check-tls.c */
void     msa_check_start_handshake     (GTask           *task);

/* msa-connector.c */
void     msa_check_connect_next        (GTask           *task);
void     msa_check_on_outer_cancelled_cb (GCancellable  *outer,
                                          gpointer       user_data);
gboolean msa_check_on_deadline_cb      (gpointer         user_data);
void     msa_check_on_resolved_cb      (GObject         *source,
                                        GAsyncResult    *result,
                                        gpointer         user_data);

G_END_DECLS
