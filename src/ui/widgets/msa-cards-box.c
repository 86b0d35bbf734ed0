/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-cards-box.h"

/* The cards side by side in equal columns where each gets at least
 * CARDS_COLUMN_MIN_WIDTH, else one under the other.  Unlike a GtkFlowBox
 * it measures each card at one width only (the column's), so a step that
 * changes on a card while the check runs costs one measurement of that
 * card, not one per width the flow box tries.  Each card gets its own
 * height: one card's open details do not stretch the other card. */
#define CARDS_SPACING          24
#define CARDS_COLUMN_MIN_WIDTH 340

struct _MsaCardsBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (MsaCardsBox, msa_cards_box, GTK_TYPE_WIDGET)

static guint
cards_box_count (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      n++;

  return n;
}

/* The width of each column for @width, or @width when the cards go one
 * under the other. */
static int
cards_box_column_width (guint n,
                        int   width)
{
  int column;

  if (n < 2)
    return width;

  column = (width - CARDS_SPACING * ((int) n - 1)) / (int) n;
  return column >= CARDS_COLUMN_MIN_WIDTH ? column : width;
}

static GtkSizeRequestMode
msa_cards_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
msa_cards_box_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  guint n = cards_box_count (widget);
  gboolean columns;
  int column = -1;
  guint i = 0;

  *minimum = *natural = 0;
  if (n == 0)
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the widest card one under the other; naturally
       * side by side. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural += child_nat + (i++ > 0 ? CARDS_SPACING : 0);
        }
      *natural = MAX (*natural, *minimum);
      return;
    }

  if (for_size >= 0)
    column = cards_box_column_width (n, for_size);
  columns = for_size >= 0 && column != for_size;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, column, &child_min, &child_nat, NULL, NULL);
      if (columns)
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          int spacing = i++ > 0 ? CARDS_SPACING : 0;

          *minimum += child_min + spacing;
          *natural += child_nat + spacing;
        }
    }
}

static void
msa_cards_box_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  guint n = cards_box_count (widget);
  int column = cards_box_column_width (n, width);
  gboolean columns = column != width;
  int x = 0, y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, column, NULL, &child_height, NULL, NULL);
      if (columns)
        {
          int x_pos = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL
                      ? width - x - column : x;

          gtk_widget_size_allocate (child,
                                    &(GtkAllocation) { x_pos, 0, column, MIN (child_height, height) },
                                    -1);
          x += column + CARDS_SPACING;
        }
      else
        {
          gtk_widget_size_allocate (child,
                                    &(GtkAllocation) { 0, y, width, child_height },
                                    -1);
          y += child_height + CARDS_SPACING;
        }
    }
}

static void
msa_cards_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (msa_cards_box_parent_class)->dispose (object);
}

static void
msa_cards_box_class_init (MsaCardsBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msa_cards_box_dispose;
  widget_class->get_request_mode = msa_cards_box_get_request_mode;
  widget_class->measure = msa_cards_box_measure;
  widget_class->size_allocate = msa_cards_box_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "cards");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
msa_cards_box_init (MsaCardsBox *self)
{
}
