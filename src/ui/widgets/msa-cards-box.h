/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "msa-server-card.h"

G_BEGIN_DECLS

/* The check page's server cards, one for each server check: side by side
 * in equal columns where they fit, else one under the other
 * (msa-cards-box.c says why not a GtkFlowBox, and why cards can wait for
 * a frame). */
#define MSA_TYPE_CARDS_BOX (msa_cards_box_get_type ())
G_DECLARE_FINAL_TYPE (MsaCardsBox, msa_cards_box, MSA, CARDS_BOX, GtkWidget)

void           msa_cards_box_bind            (MsaCardsBox *self,
                                              GListModel  *checks);
void           msa_cards_box_wait_for_frame  (MsaCardsBox *self);
void           msa_cards_box_set_offline     (MsaCardsBox *self,
                                              gboolean     offline);
guint          msa_cards_box_get_n_cards     (MsaCardsBox *self);
MsaServerCard *msa_cards_box_get_card        (MsaCardsBox *self,
                                              guint        index);

G_END_DECLS
