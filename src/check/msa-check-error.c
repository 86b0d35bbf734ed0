/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-check-error.h"

G_DEFINE_QUARK (msa-check-error-quark, msa_check_error)
