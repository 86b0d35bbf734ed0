/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-check-step-text.h"

#include <glib/gi18n.h>

/**
 * msa_check_step_get_title:
 * @step: a step of a server check
 *
 * Returns: (transfer none): the step's name, in the UI language
 */
const char *
msa_check_step_get_title (MsaCheckStep step)
{
  switch (step)
    {
    case MSA_CHECK_STEP_RESOLVE:
      return _("Name lookup");
    case MSA_CHECK_STEP_CONNECT:
      return _("Connection");
    case MSA_CHECK_STEP_TLS:
      return _("TLS handshake");
    case MSA_CHECK_STEP_CERTIFICATE:
      return _("Certificate");
    case MSA_CHECK_STEP_GREETING:
      return _("Server greeting");
    case MSA_CHECK_N_STEPS:
    default:
      g_return_val_if_reached (NULL);
    }
}
