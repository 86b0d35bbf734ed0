/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The check page's server cards: side by side in equal columns where
 * they fit, else one under the other (msa-cards-box.c says why not a
 * GtkFlowBox). */
#define MSA_TYPE_CARDS_BOX (msa_cards_box_get_type ())
G_DECLARE_FINAL_TYPE (MsaCardsBox, msa_cards_box, MSA, CARDS_BOX, GtkWidget)

G_END_DECLS
