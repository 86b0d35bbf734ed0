/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-detail-row.h"

struct _MsaDetailRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *title_label;
  GtkLabel      *value_label;
};

G_DEFINE_FINAL_TYPE (MsaDetailRow, msa_detail_row, GTK_TYPE_LIST_BOX_ROW)

static void
msa_detail_row_class_init (MsaDetailRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
}

static void
msa_detail_row_init (MsaDetailRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *value = gtk_label_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "msa-detail");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_add_css_class (title, "dim-label");

  /* Server text: never markup; selectable so it can be quoted to a
   * support person; broken anywhere so a fingerprint fits 360 px. */
  gtk_label_set_use_markup (GTK_LABEL (value), FALSE);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), value);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  self->title_label = GTK_LABEL (title);
  self->value_label = GTK_LABEL (value);
}

/**
 * msa_detail_row_new:
 * @title: what the detail is
 * @monospace: whether the value is shown in a monospace font (a
 *   fingerprint)
 *
 * Returns: (transfer floating): a new #MsaDetailRow without a value
 */
GtkWidget *
msa_detail_row_new (const char *title,
                    gboolean    monospace)
{
  MsaDetailRow *self = g_object_new (MSA_TYPE_DETAIL_ROW, NULL);

  gtk_label_set_text (self->title_label, title);
  if (monospace)
    gtk_widget_add_css_class (GTK_WIDGET (self->value_label), "monospace");
  return GTK_WIDGET (self);
}

/**
 * msa_detail_row_set_value:
 * @self: a #MsaDetailRow
 * @text: (nullable): the value, already safe to show, or %NULL for none
 */
void
msa_detail_row_set_value (MsaDetailRow *self,
                          const char   *text)
{
  g_return_if_fail (MSA_IS_DETAIL_ROW (self));

  gtk_label_set_text (self->value_label, text != NULL ? text : "");
}

/**
 * msa_detail_row_get_value:
 * @self: a #MsaDetailRow
 *
 * Returns: the value shown, "" for none
 */
const char *
msa_detail_row_get_value (MsaDetailRow *self)
{
  g_return_val_if_fail (MSA_IS_DETAIL_ROW (self), "");

  return gtk_label_get_text (self->value_label);
}
