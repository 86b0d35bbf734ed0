/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-done-page.h"

G_BEGIN_DECLS

const char *msa_done_page_get_heading (MsaDonePage *self);
const char *msa_done_page_get_description (MsaDonePage *self);
const char *msa_done_page_get_link    (MsaDonePage *self,
                                       gboolean     webmail);

G_END_DECLS
