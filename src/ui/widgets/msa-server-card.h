/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msa-server-check.h"

G_BEGIN_DECLS

#define MSA_TYPE_SERVER_CARD (msa_server_card_get_type ())
G_DECLARE_FINAL_TYPE (MsaServerCard, msa_server_card, MSA, SERVER_CARD, AdwBin)

GtkWidget      *msa_server_card_new               (MsaServerCheck *check);
MsaServerCheck *msa_server_card_get_check         (MsaServerCard  *self);
void            msa_server_card_set_check         (MsaServerCard  *self,
                                                   MsaServerCheck *check);
void            msa_server_card_set_offline       (MsaServerCard  *self,
                                                   gboolean       offline);
void            msa_server_card_set_details_expanded (MsaServerCard *self,
                                                      gboolean       expanded);

G_END_DECLS
