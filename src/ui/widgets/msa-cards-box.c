/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-cards-box.h"

/* A card for each server check of a list: the check page's cards, side
 * by side in equal columns where each gets at least
 * CARDS_COLUMN_MIN_WIDTH, else one under the other.
 *
 * Binding a new list of the same servers (a retry) keeps the cards and
 * gives them the new checks: no widgets are built while the spinners
 * turn.
 *
 * Cards can wait for the next frame (msa_cards_box_wait_for_frame()) and
 * then come one a frame: the check page's first frame already lays out
 * and draws the whole page as it slides in, and with both cards built and
 * laid out in it, it took longer than a frame may (tests/bench/bench-ui.c).
 * Each card is bound to its check as the check is by then.  The columns
 * are those of all the checks bound, built or not: a card that comes
 * later takes its own column and leaves the cards before it as they
 * are, so its frame lays out and draws that card only.
 *
 * Unlike a GtkFlowBox
 * it measures each card at one width only (the column's), so a step that
 * changes on a card while the check runs costs one measurement of that
 * card, not one per width the flow box tries.  Each card gets its own
 * height: one card's open details do not stretch the other card. */
#define CARDS_SPACING          24
#define CARDS_COLUMN_MIN_WIDTH 340

struct _MsaCardsBox
{
  GtkWidget      parent_instance;

  GListModel    *checks;      /* the checks bound, or NULL */
  GPtrArray     *cards;       /* the cards, in the checks' order */
  gboolean       offline;

  /* Cards waiting for a frame */
  GdkFrameClock *frame_clock;
  gulong         after_paint_id;
  guint          idle_id;
  gboolean       waiting;
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

static guint
cards_box_n_checks (MsaCardsBox *self)
{
  return self->checks != NULL ? g_list_model_get_n_items (self->checks) : 0;
}

/* How many columns the cards share: one for each check bound, including
 * the cards still waiting for a frame. */
static guint
cards_box_columns (MsaCardsBox *self,
                   guint        n_cards)
{
  return MAX (n_cards, cards_box_n_checks (self));
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
  guint n_columns = cards_box_columns (MSA_CARDS_BOX (widget), n);
  gboolean columns;
  int column = -1;
  int widest = 0;
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
          widest = MAX (widest, child_nat);
        }
      /* A card still to come, as wide as the widest one here. */
      *natural += (int) (n_columns - n) * (widest + CARDS_SPACING);
      *natural = MAX (*natural, *minimum);
      return;
    }

  if (for_size >= 0)
    column = cards_box_column_width (n_columns, for_size);
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
  int column = cards_box_column_width (cards_box_columns (MSA_CARDS_BOX (widget), n), width);
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
add_card (MsaCardsBox *self)
{
  g_autoptr(MsaServerCheck) check = g_list_model_get_item (self->checks, self->cards->len);
  GtkWidget *card = msa_server_card_new (check);

  gtk_widget_set_parent (card, GTK_WIDGET (self));
  g_ptr_array_add (self->cards, card);
  msa_server_card_set_offline (MSA_SERVER_CARD (card), self->offline);
}

static void
stop_waiting_for_frame (MsaCardsBox *self)
{
  /* A frame clock disposed with its surface has dropped its handlers. */
  if (self->frame_clock != NULL && self->after_paint_id != 0 &&
      g_signal_handler_is_connected (self->frame_clock, self->after_paint_id))
    g_signal_handler_disconnect (self->frame_clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->frame_clock);
}

static void
wait_for_frame (MsaCardsBox *self);

/* One waiting card, then the next after the next frame. */
static gboolean
on_idle_cb (gpointer user_data)
{
  MsaCardsBox *self = user_data;

  self->idle_id = 0;
  if (!self->waiting || self->checks == NULL)
    return G_SOURCE_REMOVE;

  add_card (self);
  if (self->cards->len < g_list_model_get_n_items (self->checks))
    wait_for_frame (self);
  else
    self->waiting = FALSE;

  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   MsaCardsBox   *self)
{
  stop_waiting_for_frame (self);
  if (self->waiting && self->idle_id == 0)
    self->idle_id = g_idle_add (on_idle_cb, self);
}

static void
wait_for_frame (MsaCardsBox *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

  if (surface == NULL || self->after_paint_id != 0)
    return;

  self->frame_clock = g_object_ref (gdk_surface_get_frame_clock (surface));
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                           G_CALLBACK (on_after_paint_cb), self);
}

static void
clear_cards (MsaCardsBox *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (self->cards, 0);
}

static void
msa_cards_box_dispose (GObject *object)
{
  MsaCardsBox *self = MSA_CARDS_BOX (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  stop_waiting_for_frame (self);
  clear_cards (self);
  g_clear_object (&self->checks);

  G_OBJECT_CLASS (msa_cards_box_parent_class)->dispose (object);
}

static void
msa_cards_box_finalize (GObject *object)
{
  MsaCardsBox *self = MSA_CARDS_BOX (object);

  g_ptr_array_unref (self->cards);

  G_OBJECT_CLASS (msa_cards_box_parent_class)->finalize (object);
}

static void
msa_cards_box_class_init (MsaCardsBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msa_cards_box_dispose;
  object_class->finalize = msa_cards_box_finalize;
  widget_class->get_request_mode = msa_cards_box_get_request_mode;
  widget_class->measure = msa_cards_box_measure;
  widget_class->size_allocate = msa_cards_box_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "cards");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
msa_cards_box_init (MsaCardsBox *self)
{
  self->cards = g_ptr_array_new ();
}

/**
 * msa_cards_box_bind:
 * @self: a #MsaCardsBox
 * @checks: (nullable): a list of #MsaServerCheck, or %NULL for no cards
 *
 * Shows a card for each check: the cards there are get the new checks,
 * the ones too many go, and the ones missing are built, now or, while
 * cards wait for a frame, one a frame.
 */
void
msa_cards_box_bind (MsaCardsBox *self,
                    GListModel  *checks)
{
  guint n;

  g_return_if_fail (MSA_IS_CARDS_BOX (self));
  g_return_if_fail (checks == NULL || G_IS_LIST_MODEL (checks));

  n = checks != NULL ? g_list_model_get_n_items (checks) : 0;
  /* The columns follow the checks, built or not. */
  if (n != cards_box_n_checks (self))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  g_set_object (&self->checks, checks);
  if (self->cards->len > n)
    clear_cards (self);

  for (guint i = 0; i < self->cards->len; i++)
    {
      g_autoptr(MsaServerCheck) check = g_list_model_get_item (checks, i);

      msa_server_card_set_check (g_ptr_array_index (self->cards, i), check);
    }

  if (self->cards->len < n && (self->after_paint_id != 0 || self->idle_id != 0))
    {
      self->waiting = TRUE;
      return;
    }
  while (self->cards->len < n)
    add_card (self);
}

/**
 * msa_cards_box_wait_for_frame:
 * @self: a #MsaCardsBox
 *
 * While the box has no cards yet, new cards wait until the next frame
 * is drawn, and then come one a frame.
 */
void
msa_cards_box_wait_for_frame (MsaCardsBox *self)
{
  g_return_if_fail (MSA_IS_CARDS_BOX (self));

  if (self->cards->len == 0)
    wait_for_frame (self);
}

/* Builds the cards that wait for a frame, now. */
static void
add_waiting_cards (MsaCardsBox *self)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  stop_waiting_for_frame (self);

  if (!self->waiting)
    return;

  self->waiting = FALSE;
  if (self->checks != NULL)
    msa_cards_box_bind (self, self->checks);
}

/**
 * msa_cards_box_set_offline:
 * @self: a #MsaCardsBox
 * @offline: whether the page says that the computer is offline
 *
 * Passes @offline to every card, now and to come
 * (msa_server_card_set_offline()).
 */
void
msa_cards_box_set_offline (MsaCardsBox *self,
                           gboolean     offline)
{
  g_return_if_fail (MSA_IS_CARDS_BOX (self));

  self->offline = offline;
  for (guint i = 0; i < self->cards->len; i++)
    msa_server_card_set_offline (g_ptr_array_index (self->cards, i), offline);
}

/**
 * msa_cards_box_get_n_cards:
 * @self: a #MsaCardsBox
 *
 * Builds the cards that wait for a frame first.
 *
 * Returns: the number of cards
 */
guint
msa_cards_box_get_n_cards (MsaCardsBox *self)
{
  g_return_val_if_fail (MSA_IS_CARDS_BOX (self), 0);

  add_waiting_cards (self);
  return self->cards->len;
}

/**
 * msa_cards_box_get_card:
 * @self: a #MsaCardsBox
 * @index: which card, from 0
 *
 * Builds the cards that wait for a frame first.
 *
 * Returns: (transfer none): the card
 */
MsaServerCard *
msa_cards_box_get_card (MsaCardsBox *self,
                        guint        index)
{
  g_return_val_if_fail (MSA_IS_CARDS_BOX (self), NULL);

  add_waiting_cards (self);
  g_return_val_if_fail (index < self->cards->len, NULL);

  return g_ptr_array_index (self->cards, index);
}
