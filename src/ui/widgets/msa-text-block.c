/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A column of labels (a row's title and subtitle, a card's name and
 * address) that a horizontal box can lay out cheaply: a widget with an
 * MsaTextLayout (see msa-text-layout.c for why not a vertical GtkBox).
 * Its CSS name is "box", so that libadwaita's row styles
 * (row > box.header > box.title) apply to it. */
#include "config.h"

#include "msa-text-block.h"
#include "msa-text-layout.h"

struct _MsaTextBlock
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (MsaTextBlock, msa_text_block, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msa_text_block_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (msa_text_block_parent_class)->dispose (object);
}

static void
msa_text_block_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MsaTextBlock *self = MSA_TEXT_BLOCK (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, msa_text_block_get_spacing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_text_block_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MsaTextBlock *self = MSA_TEXT_BLOCK (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      msa_text_block_set_spacing (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_text_block_class_init (MsaTextBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msa_text_block_dispose;
  object_class->get_property = msa_text_block_get_property;
  object_class->set_property = msa_text_block_set_property;

  /**
   * MsaTextBlock:spacing:
   *
   * The space between two children, in pixels.
   */
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, MSA_TYPE_TEXT_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
msa_text_block_init (MsaTextBlock *self)
{
}

/**
 * msa_text_block_new:
 * @spacing: the space between two children, in pixels
 *
 * Returns: (transfer full): a new, empty #MsaTextBlock
 */
GtkWidget *
msa_text_block_new (int spacing)
{
  return g_object_new (MSA_TYPE_TEXT_BLOCK,
                       "spacing", spacing,
                       NULL);
}

/**
 * msa_text_block_append:
 * @self: a #MsaTextBlock
 * @child: a widget, usually a #GtkLabel
 *
 * Adds @child under the children already there.
 */
void
msa_text_block_append (MsaTextBlock *self,
                       GtkWidget    *child)
{
  g_return_if_fail (MSA_IS_TEXT_BLOCK (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

/**
 * msa_text_block_get_spacing:
 * @self: a #MsaTextBlock
 *
 * Returns: the space between two children, in pixels
 */
int
msa_text_block_get_spacing (MsaTextBlock *self)
{
  g_return_val_if_fail (MSA_IS_TEXT_BLOCK (self), 0);

  return msa_text_layout_get_spacing (MSA_TEXT_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))));
}

/**
 * msa_text_block_set_spacing:
 * @self: a #MsaTextBlock
 * @spacing: the space between two children, in pixels
 */
void
msa_text_block_set_spacing (MsaTextBlock *self,
                            int           spacing)
{
  g_return_if_fail (MSA_IS_TEXT_BLOCK (self));
  g_return_if_fail (spacing >= 0);

  if (msa_text_block_get_spacing (self) == spacing)
    return;

  msa_text_layout_set_spacing (MSA_TEXT_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                               spacing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}
