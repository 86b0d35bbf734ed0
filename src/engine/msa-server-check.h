/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msa-certificate.h"
#include "msa-check-error.h"
#include "msa-profile.h"

G_BEGIN_DECLS

/* The steps a check goes through, in order; each has its own state and
 * timing, so a live view can show a row per step.  With STARTTLS, the
 * plain-text greeting, capability query and STARTTLS command count as
 * part of TLS (setting it up); GREETING is then the capability query
 * inside TLS, and the greeting kept is the server's only one. */
typedef enum
{
  MSA_CHECK_STEP_RESOLVE,
  MSA_CHECK_STEP_CONNECT,
  MSA_CHECK_STEP_TLS,
  MSA_CHECK_STEP_CERTIFICATE,
  MSA_CHECK_STEP_GREETING,
  MSA_CHECK_N_STEPS,         /*< skip >*/
} MsaCheckStep;

typedef enum
{
  MSA_STEP_STATE_PENDING,
  MSA_STEP_STATE_RUNNING,
  MSA_STEP_STATE_DONE,
  MSA_STEP_STATE_FAILED,
  MSA_STEP_STATE_SKIPPED,
} MsaStepState;

typedef enum
{
  MSA_CHECK_STATE_IDLE,      /* not started */
  MSA_CHECK_STATE_RUNNING,
  MSA_CHECK_STATE_PASSED,    /* fine; warnings allowed */
  MSA_CHECK_STATE_FAILED,    /* see error-code / error-message */
} MsaCheckState;

#define MSA_CHECK_DEFAULT_TIMEOUT 10

/* Signals: "step-changed" (guint step) whenever a step's state changes,
 * after its timing is recorded; notify::state when the whole check
 * changes state.  Both are emitted on the thread-default main context of
 * the caller of msa_server_check_run_async(). */
#define MSA_TYPE_SERVER_CHECK (msa_server_check_get_type ())
G_DECLARE_FINAL_TYPE (MsaServerCheck, msa_server_check, MSA, SERVER_CHECK, GObject)

MsaServerCheck      *msa_server_check_new               (MsaServer       *server,
                                                         GTlsDatabase    *database,
                                                         guint            timeout_seconds);
void                 msa_server_check_run_async         (MsaServerCheck  *self,
                                                         GCancellable    *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer         user_data);
gboolean             msa_server_check_run_finish        (MsaServerCheck  *self,
                                                         GAsyncResult    *result,
                                                         GError         **error);
void                 msa_server_check_reset             (MsaServerCheck  *self);

MsaServer           *msa_server_check_get_server        (MsaServerCheck  *self);
MsaCheckState        msa_server_check_get_state         (MsaServerCheck  *self);
MsaStepState         msa_server_check_get_step_state    (MsaServerCheck  *self,
                                                         MsaCheckStep     step);
double               msa_server_check_get_step_ms       (MsaServerCheck  *self,
                                                         MsaCheckStep     step);
double               msa_server_check_get_total_ms      (MsaServerCheck  *self);
gboolean             msa_server_check_get_error_code    (MsaServerCheck  *self,
                                                         MsaCheckError   *code);
const char          *msa_server_check_get_error_message (MsaServerCheck  *self);
const char          *msa_server_check_get_address       (MsaServerCheck  *self);
const char          *msa_server_check_get_tls_version   (MsaServerCheck  *self);
const char          *msa_server_check_get_cipher        (MsaServerCheck  *self);
MsaCertificate      *msa_server_check_get_certificate   (MsaServerCheck  *self);
const char          *msa_server_check_get_greeting      (MsaServerCheck  *self);
const char * const  *msa_server_check_get_capabilities  (MsaServerCheck  *self);
const char * const  *msa_server_check_get_warnings      (MsaServerCheck  *self);
/* The technical reason behind the error (GIO's or the parser's message),
 * for details on demand; NULL when the check has not failed. */
const char          *msa_server_check_get_error_detail  (MsaServerCheck  *self);
GTlsDatabase        *msa_server_check_get_database      (MsaServerCheck  *self);
guint                msa_server_check_get_timeout       (MsaServerCheck  *self);

G_END_DECLS
