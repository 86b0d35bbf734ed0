/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msa-wizard-state.h"

G_BEGIN_DECLS

#define MSA_TYPE_APPLICATION (msa_application_get_type ())
G_DECLARE_FINAL_TYPE (MsaApplication, msa_application, MSA, APPLICATION, AdwApplication)

MsaApplication *msa_application_new       (void);
MsaWizardState *msa_application_get_state (MsaApplication *self);

/* The wizard's main(): the translations from @localedir. */
int             msa_application_main (int         argc,
                                      char       *argv[],
                                      const char *localedir);

G_END_DECLS
