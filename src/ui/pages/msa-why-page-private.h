/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-why-page.h"

G_BEGIN_DECLS

/* What the tests read back; the wizard itself does not need these. */
char      *msa_why_page_dup_changes  (MsaWhyPage *self);

G_END_DECLS
