/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lays out a column of labels (a row's title and subtitle) so that a
 * horizontal box can allocate it cheaply.
 *
 * GTK 4.8's horizontal GtkBox allocates its children by asking each for
 * its width at the box's height.  A vertical GtkBox of wrapping labels
 * answers that by a binary search over widths, laying out every label
 * with Pango a dozen times or more, at every frame after a change; every
 * AdwActionRow keeps its title and subtitle in such a box.  On the check
 * page this was most of the layout time while the servers were checked,
 * on the settings page most of its first frame (tests/bench/bench-ui.c).
 *
 * A column of text needs the same width at any height, so this layout
 * answers with the width it needs for no height, from the labels' cached
 * measurements, and stacks the children top to bottom.  MsaTextBlock uses
 * it; msa_text_layout_adopt_rows() gives it to the title boxes of
 * libadwaita's rows. */
#include "config.h"

#include "msa-text-layout.h"

struct _MsaTextLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;
};

G_DEFINE_FINAL_TYPE (MsaTextLayout, msa_text_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
msa_text_layout_get_request_mode (GtkLayoutManager *manager,
                                  GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
msa_text_layout_measure (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         GtkOrientation    orientation,
                         int               for_size,
                         int              *minimum,
                         int              *natural,
                         int              *minimum_baseline,
                         int              *natural_baseline)
{
  MsaTextLayout *self = MSA_TEXT_LAYOUT (manager);
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
msa_text_layout_allocate (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          int               width,
                          int               height,
                          int               baseline)
{
  MsaTextLayout *self = MSA_TEXT_LAYOUT (manager);
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
msa_text_layout_class_init (MsaTextLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = msa_text_layout_get_request_mode;
  manager_class->measure = msa_text_layout_measure;
  manager_class->allocate = msa_text_layout_allocate;
}

static void
msa_text_layout_init (MsaTextLayout *self)
{
}

/**
 * msa_text_layout_new:
 * @spacing: the space between two children, in pixels
 *
 * Returns: (transfer full): a new #MsaTextLayout
 */
GtkLayoutManager *
msa_text_layout_new (int spacing)
{
  MsaTextLayout *self = g_object_new (MSA_TYPE_TEXT_LAYOUT, NULL);

  self->spacing = MAX (spacing, 0);
  return GTK_LAYOUT_MANAGER (self);
}

/**
 * msa_text_layout_get_spacing:
 * @self: a #MsaTextLayout
 *
 * Returns: the space between two children, in pixels
 */
int
msa_text_layout_get_spacing (MsaTextLayout *self)
{
  g_return_val_if_fail (MSA_IS_TEXT_LAYOUT (self), 0);

  return self->spacing;
}

/**
 * msa_text_layout_set_spacing:
 * @self: a #MsaTextLayout
 * @spacing: the space between two children, in pixels
 */
void
msa_text_layout_set_spacing (MsaTextLayout *self,
                             int            spacing)
{
  g_return_if_fail (MSA_IS_TEXT_LAYOUT (self));
  g_return_if_fail (spacing >= 0);

  if (self->spacing == spacing)
    return;

  self->spacing = spacing;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

/* The spacing libadwaita's style gives the boxes adopted here:
 * "row > box.header > box.title { border-spacing: 3px }" and
 * "preferencesgroup > box .labels { border-spacing: 6px }". */
#define ROW_TITLE_SPACING 3
#define GROUP_LABELS_SPACING 6

/* @widget's first child that is a GtkBox with @style_class, or NULL. */
static GtkWidget *
find_box (GtkWidget  *widget,
          const char *style_class)
{
  for (GtkWidget *child = widget != NULL ? gtk_widget_get_first_child (widget) : NULL;
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BOX (child) && gtk_widget_has_css_class (child, style_class))
      return child;

  return NULL;
}

/* Whether this libadwaita builds its rows and groups as checked here:
 * 1.2, Debian 12's, whose nodes and code were read for this and whose
 * rows the tests and the benchmark run with.  Another version (the
 * Flatpak runtime's) keeps its own layout: it might set the spacing or
 * orientation of the very box, which only a GtkBoxLayout can take. */
static gboolean
libadwaita_checked (void)
{
  return adw_get_major_version () == 1 && adw_get_minor_version () == 2;
}

/* Gives @box an MsaTextLayout if it is a vertical GtkBox of labels. */
static gboolean
adopt_box (GtkWidget *box,
           int        spacing)
{
  if (box == NULL || !libadwaita_checked ())
    return FALSE;
  if (MSA_IS_TEXT_LAYOUT (gtk_widget_get_layout_manager (box)))
    return TRUE;
  if (!GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (box)) ||
      gtk_orientable_get_orientation (GTK_ORIENTABLE (box)) != GTK_ORIENTATION_VERTICAL)
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_LABEL (child))
      return FALSE;

  gtk_widget_set_layout_manager (box, msa_text_layout_new (spacing));
  return TRUE;
}

/**
 * msa_text_layout_adopt_row:
 * @row: a row built as libadwaita's AdwActionRow documents its nodes
 *   (row > box.header > box.title, the title box holding only labels)
 *
 * Lays out @row's title and subtitle with an #MsaTextLayout instead of
 * the title box's own GtkBoxLayout.  A row built otherwise (another
 * kind of row), or any row of a libadwaita other than 1.2, is left as it
 * is.
 *
 * Returns: whether the row's title box was found and changed
 */
gboolean
msa_text_layout_adopt_row (GtkWidget *row)
{
  g_return_val_if_fail (GTK_IS_WIDGET (row), FALSE);

  return adopt_box (find_box (find_box (row, "header"), "title"), ROW_TITLE_SPACING);
}

/* The same for a preferences group's title and description, in
 * libadwaita 1.2's preferencesgroup > box > box.header > box.labels. */
static gboolean
adopt_group (GtkWidget *group)
{
  GtkWidget *box = gtk_widget_get_first_child (group);

  return GTK_IS_BOX (box) &&
         adopt_box (find_box (find_box (box, "header"), "labels"), GROUP_LABELS_SPACING);
}

/* A page's column: the vertical box inside an AdwClamp that stacks the
 * page's groups.  GTK 4.8's box answers the question of its width at a
 * height, which the scrollable page asks, by trying widths one after
 * another, measuring every row of the column at each: the done page's
 * first frame measured a row's text 18 times (tests/bench/bench-ui.c).
 * A column's width does not depend on its height, and children that do
 * not expand get their natural height either way. */
static gboolean
adopt_column (GtkWidget *box)
{
  if (box == NULL || !libadwaita_checked () || !GTK_IS_BOX (box))
    return FALSE;
  if (MSA_IS_TEXT_LAYOUT (gtk_widget_get_layout_manager (box)))
    return TRUE;
  if (!GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (box)) ||
      gtk_orientable_get_orientation (GTK_ORIENTABLE (box)) != GTK_ORIENTATION_VERTICAL ||
      gtk_box_get_homogeneous (GTK_BOX (box)))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_vexpand (child))
      return FALSE;

  gtk_widget_set_layout_manager (box, msa_text_layout_new (gtk_box_get_spacing (GTK_BOX (box))));
  return TRUE;
}

/**
 * msa_text_layout_adopt_rows:
 * @widget: a widget
 *
 * Calls msa_text_layout_adopt_row() on every action row under @widget
 * (expander rows hold one too), and does the same for the title and
 * description of every preferences group and for the column of boxes in
 * every clamp.
 *
 * Returns: how many rows and groups were changed
 */
guint
msa_text_layout_adopt_rows (GtkWidget *widget)
{
  guint n = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);

  if (ADW_IS_ACTION_ROW (widget) && msa_text_layout_adopt_row (widget))
    n++;
  else if (ADW_IS_PREFERENCES_GROUP (widget) && adopt_group (widget))
    n++;
  else if (ADW_IS_CLAMP (widget) && adopt_column (adw_clamp_get_child (ADW_CLAMP (widget))))
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += msa_text_layout_adopt_rows (child);

  return n;
}
