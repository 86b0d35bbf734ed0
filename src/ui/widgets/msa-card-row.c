/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-accessible.h"
#include "msa-card-row.h"
#include "msa-text-block.h"
#include "msa-tooltip.h"

GtkWidget *
msa_card_row_state_image_new (const char *icon_name,
                              const char *style_class,
                              const char *accessible_label)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  if (style_class != NULL)
    gtk_widget_add_css_class (image, style_class);
  msa_tooltip_set_text (image, accessible_label);
  msa_accessible_set_label (image, accessible_label);

  return image;
}

/* The box of a row's prefixes or suffixes ("prefixes", "suffixes"). */
static GtkWidget *
affix_box_new (const char *style_class,
               GtkWidget  *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, style_class);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), child);

  return box;
}

/* A row as libadwaita's AdwActionRow draws it (the same nodes and style
 * classes: row > box.header > box.prefixes, box.title, box.suffixes),
 * with the title in an MsaTextBlock, which lays out cheaply. */
void
msa_card_row_fill (GtkListBoxRow *list_row,
                   const char    *title,
                   GtkWidget     *prefix,
                   GtkWidget     *suffix)
{
  GtkWidget *row = GTK_WIDGET (list_row);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *text = msa_text_block_new (3);
  GtkWidget *label = gtk_label_new (title);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (header, "header");

  if (prefix != NULL)
    gtk_box_append (GTK_BOX (header), affix_box_new ("prefixes", prefix));

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "title");
  gtk_widget_add_css_class (text, "title");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  msa_text_block_append (MSA_TEXT_BLOCK (text), label);
  gtk_box_append (GTK_BOX (header), text);

  if (suffix != NULL)
    gtk_box_append (GTK_BOX (header), affix_box_new ("suffixes", suffix));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), header);
  /* It shows a state and does nothing: no Tab stop. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
}

GtkWidget *
msa_card_row_new (const char *title,
                  GtkWidget  *prefix,
                  GtkWidget  *suffix)
{
  GtkWidget *row = gtk_list_box_row_new ();

  msa_card_row_fill (GTK_LIST_BOX_ROW (row), title, prefix, suffix);
  return row;
}

