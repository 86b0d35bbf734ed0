/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A column of labels (a row's title and subtitle, a card's name and
 * address) that a horizontal box can lay out cheaply.
 *
 * Why not a vertical GtkBox: GTK 4.8's horizontal GtkBox allocates its
 * children by asking each for its width at the box's height.  A vertical
 * GtkBox of wrapping labels answers that by a binary search over widths,
 * laying out every label with Pango a dozen times or more, at every
 * frame that follows a change.  On the check page this was most of the
 * layout time while the servers were checked (tests/bench/bench-ui.c).
 *
 * A text column's width does not depend on the height it is given, so
 * this one answers with the width it needs at any height, from the
 * labels' cached measurements.  Its CSS name is "box", so that
 * libadwaita's row styles (row > box.header > box.title) apply to it. */
#include "config.h"

#include "msa-text-block.h"

struct _MsaTextBlock
{
  GtkWidget parent_instance;

  int       spacing;
};

G_DEFINE_FINAL_TYPE (MsaTextBlock, msa_text_block, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkSizeRequestMode
msa_text_block_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
msa_text_block_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  MsaTextBlock *self = MSA_TEXT_BLOCK (widget);
  guint n = 0;

  *minimum = *natural = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* The width for any height is the width for no height. */
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
          *minimum += child_min;
          *natural += child_nat;
        }
      n++;
    }

  if (orientation == GTK_ORIENTATION_VERTICAL && n > 1)
    {
      *minimum += self->spacing * (int) (n - 1);
      *natural += self->spacing * (int) (n - 1);
    }
}

static void
msa_text_block_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  MsaTextBlock *self = MSA_TEXT_BLOCK (widget);
  int y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &child_height, NULL, NULL);
      gtk_widget_size_allocate (child,
                                &(GtkAllocation) { 0, y, width, child_height },
                                -1);
      y += child_height + self->spacing;
    }
}

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
      g_value_set_int (value, self->spacing);
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

  widget_class->get_request_mode = msa_text_block_get_request_mode;
  widget_class->measure = msa_text_block_measure;
  widget_class->size_allocate = msa_text_block_size_allocate;

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

  return self->spacing;
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

  if (self->spacing == spacing)
    return;

  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}
