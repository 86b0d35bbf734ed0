/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-page.h"

#include "msa-accessible.h"
#include "msa-glib-compat.h"
#include "widgets/msa-text-layout.h"

typedef struct
{
  char           *title;
  gboolean        complete;
  MsaWizardState *state;
  GCancellable   *cancellable;
} MsaPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MsaPage, msa_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_COMPLETE,
  PROP_STATE,
  PROP_CANCELLABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
msa_page_real_shown (MsaPage *self)
{
}

static void
msa_page_real_hidden (MsaPage *self)
{
}

/* libadwaita ellipsizes a preferences group's title, and has no setting
 * for it: at 360 px with large text a German one ("Bisheriger
 * Posteingangsserver (IMAP)") lost its end.  The title is the label with
 * the "heading" class in the group's header, the first child of its
 * box; the rows come after, in a list box, which this does not enter.
 * Where a libadwaita version builds its group otherwise, nothing
 * changes (and the narrow-window tests fail). */
static gboolean
wrap_heading (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "heading"))
    {
      gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_NONE);
      gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
      return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LIST_BOX (child) && wrap_heading (child))
        return TRUE;
    }

  return FALSE;
}

/* Wraps the titles of the preferences groups under @widget. */
static void
wrap_group_titles (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_PREFERENCES_GROUP (child))
        {
          GtkWidget *box = gtk_widget_get_first_child (child);
          GtkWidget *header = box != NULL ? gtk_widget_get_first_child (box) : NULL;

          if (header != NULL)
            wrap_heading (header);
        }
      wrap_group_titles (child);
    }
}

/* The subclass's template is built by now (instance init runs before
 * constructed), and with it every group a page has. */
static void
msa_page_constructed (GObject *object)
{
  MsaPage *self = MSA_PAGE (object);
  MsaPagePrivate *priv = msa_page_get_instance_private (self);

  G_OBJECT_CLASS (msa_page_parent_class)->constructed (object);

  /* A page outside a window (as in the tests) has a state of its own;
   * subclasses find it set when their constructed() runs. */
  if (priv->state == NULL)
    priv->state = msa_wizard_state_new ();

  wrap_group_titles (GTK_WIDGET (object));
  msa_text_layout_adopt_rows (GTK_WIDGET (object));
}

static void
msa_page_dispose (GObject *object)
{
  MsaPage *self = MSA_PAGE (object);
  MsaPagePrivate *priv = msa_page_get_instance_private (self);

  g_clear_object (&priv->state);
  g_clear_object (&priv->cancellable);

  G_OBJECT_CLASS (msa_page_parent_class)->dispose (object);
}

static void
msa_page_finalize (GObject *object)
{
  MsaPage *self = MSA_PAGE (object);
  MsaPagePrivate *priv = msa_page_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);

  G_OBJECT_CLASS (msa_page_parent_class)->finalize (object);
}

static void
msa_page_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MsaPage *self = MSA_PAGE (object);
  MsaPagePrivate *priv = msa_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, priv->complete);
      break;

    case PROP_STATE:
      g_value_set_object (value, priv->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_page_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  MsaPage *self = MSA_PAGE (object);
  MsaPagePrivate *priv = msa_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TITLE:
      msa_page_set_title (self, g_value_get_string (value));
      break;

    case PROP_COMPLETE:
      msa_page_set_complete (self, g_value_get_boolean (value));
      break;

    case PROP_STATE:
      priv->state = g_value_dup_object (value);
      break;

    case PROP_CANCELLABLE:
      priv->cancellable = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_page_class_init (MsaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = msa_page_constructed;
  object_class->dispose = msa_page_dispose;
  object_class->finalize = msa_page_finalize;
  object_class->get_property = msa_page_get_property;
  object_class->set_property = msa_page_set_property;

  klass->shown = msa_page_real_shown;
  klass->hidden = msa_page_real_hidden;

  /**
   * MsaPage:title:
   *
   * The page's short, translated title (shown in the header bar).
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * MsaPage:complete:
   *
   * Whether the user may go on to the next page.
   */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * MsaPage:state:
   *
   * The wizard's shared state this page shows and edits, given when the
   * page is made and kept for its lifetime: a page connects to it once,
   * in its constructed().
   */
  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL,
                         MSA_TYPE_WIZARD_STATE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * MsaPage:cancellable:
   *
   * The window's cancellable, cancelled when the window goes away.
   */
  properties[PROP_CANCELLABLE] =
    g_param_spec_object ("cancellable", NULL, NULL,
                         G_TYPE_CANCELLABLE,
                         (G_PARAM_WRITABLE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msa_page_init (MsaPage *self)
{
}

/**
 * msa_page_class_set_preload_icons:
 * @klass: a page class
 * @icons: (array length=n_icons): static icon requests
 * @n_icons: the number of @icons
 *
 * Names icons the window should load before the page is first shown.
 */
void
msa_page_class_set_preload_icons (MsaPageClass         *klass,
                                  const MsaIconRequest *icons,
                                  guint                 n_icons)
{
  g_return_if_fail (MSA_IS_PAGE_CLASS (klass));

  klass->preload_icons = icons;
  klass->n_preload_icons = n_icons;
}

/**
 * msa_page_get_title:
 * @self: a #MsaPage
 *
 * Returns: (transfer none) (nullable): the page's title
 */
const char *
msa_page_get_title (MsaPage *self)
{
  MsaPagePrivate *priv = msa_page_get_instance_private (self);

  g_return_val_if_fail (MSA_IS_PAGE (self), NULL);

  return priv->title;
}

/**
 * msa_page_set_title:
 * @self: a #MsaPage
 * @title: (nullable): the translated title
 */
void
msa_page_set_title (MsaPage    *self,
                    const char *title)
{
  MsaPagePrivate *priv = msa_page_get_instance_private (self);

  g_return_if_fail (MSA_IS_PAGE (self));

  if (!msa_set_str (&priv->title, title))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * msa_page_get_complete:
 * @self: a #MsaPage
 *
 * Returns: whether the user may go on from this page
 */
gboolean
msa_page_get_complete (MsaPage *self)
{
  MsaPagePrivate *priv = msa_page_get_instance_private (self);

  g_return_val_if_fail (MSA_IS_PAGE (self), FALSE);

  return priv->complete;
}

/**
 * msa_page_set_complete:
 * @self: a #MsaPage
 * @complete: whether the user may go on
 */
void
msa_page_set_complete (MsaPage  *self,
                       gboolean  complete)
{
  MsaPagePrivate *priv = msa_page_get_instance_private (self);

  g_return_if_fail (MSA_IS_PAGE (self));

  complete = !!complete;
  if (priv->complete == complete)
    return;

  priv->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

/**
 * msa_page_get_state:
 * @self: a #MsaPage
 *
 * Returns: (transfer none) (nullable): the shared wizard state
 */
MsaWizardState *
msa_page_get_state (MsaPage *self)
{
  MsaPagePrivate *priv = msa_page_get_instance_private (self);

  g_return_val_if_fail (MSA_IS_PAGE (self), NULL);

  return priv->state;
}

static GtkWidget *
find_scrolled_window (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_SCROLLED_WINDOW (child) ? child : find_scrolled_window (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * msa_page_get_scrolled_window:
 * @self: a #MsaPage
 *
 * Returns: (transfer none) (nullable): the page's own scrolled window,
 *   the first one inside it
 */
GtkWidget *
msa_page_get_scrolled_window (MsaPage *self)
{
  g_return_val_if_fail (MSA_IS_PAGE (self), NULL);

  return find_scrolled_window (GTK_WIDGET (self));
}

/**
 * msa_page_get_cancellable:
 * @self: a #MsaPage
 *
 * Returns: (transfer none): the cancellable for the page's async work;
 *   never %NULL (a page outside a window gets its own)
 */
GCancellable *
msa_page_get_cancellable (MsaPage *self)
{
  MsaPagePrivate *priv = msa_page_get_instance_private (self);

  g_return_val_if_fail (MSA_IS_PAGE (self), NULL);

  if (priv->cancellable == NULL)
    priv->cancellable = g_cancellable_new ();

  return priv->cancellable;
}

/**
 * msa_page_shown:
 * @self: a #MsaPage
 *
 * Tells the page it became the visible one.  Called by the window.
 */
void
msa_page_shown (MsaPage *self)
{
  g_return_if_fail (MSA_IS_PAGE (self));

  MSA_PAGE_GET_CLASS (self)->shown (self);
  /* Rows the page built since (see msa-text-layout.c). */
  msa_text_layout_adopt_rows (GTK_WIDGET (self));
  /* Only what says something is read (msa-accessible.h). */
  msa_accessible_tidy (GTK_WIDGET (self));
}

/**
 * msa_page_focus_first:
 * @self: a #MsaPage
 *
 * Puts the keyboard on the page's first control.  Called by the window
 * each time the page appears, after msa_page_shown().
 */
void
msa_page_focus_first (MsaPage *self)
{
  MsaPageClass *klass;

  g_return_if_fail (MSA_IS_PAGE (self));

  klass = MSA_PAGE_GET_CLASS (self);
  if (klass->focus_first != NULL)
    klass->focus_first (self);
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

/**
 * msa_page_hidden:
 * @self: a #MsaPage
 *
 * Tells the page it is no longer the visible one.  Called by the window.
 */
void
msa_page_hidden (MsaPage *self)
{
  g_return_if_fail (MSA_IS_PAGE (self));

  MSA_PAGE_GET_CLASS (self)->hidden (self);
}

/* What a toast takes beside its text: its margins, padding, spacing and
 * close button (libadwaita 1.2: 24 + 18 + 6 + 34 px), and some to spare. */
#define TOAST_CHROME 96

/* The frames during which the control is kept clear of the toast. */
#define UNCOVER_FRAMES 60
/* The gap kept between the toast and the control. */
#define UNCOVER_GAP 6

typedef struct
{
  GtkWidget *source;
  guint      frames;
} Uncover;

static void
uncover_free (gpointer data)
{
  Uncover *uncover = data;

  g_clear_object (&uncover->source);
  g_free (uncover);
}

static GtkWidget *
find_toast_widget (GtkWidget *overlay)
{
  /* libadwaita's own widget; the overlay holds it beside the page. */
  for (GtkWidget *child = gtk_widget_get_last_child (overlay);
       child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    if (g_strcmp0 (G_OBJECT_TYPE_NAME (child), "AdwToastWidget") == 0)
      return child;
  return NULL;
}

static gboolean
uncover_tick_cb (GtkWidget     *overlay,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  Uncover *uncover = data;
  GtkWidget *toast = find_toast_widget (overlay);
  GtkWidget *scrolled = gtk_widget_get_ancestor (uncover->source, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds, toast_bounds;
  GtkAdjustment *adjustment;
  double toast_top, delta, room;

  if (++uncover->frames > UNCOVER_FRAMES || scrolled == NULL ||
      !gtk_widget_get_mapped (uncover->source))
    return G_SOURCE_REMOVE;
  if (toast == NULL || gtk_widget_get_height (toast) == 0 ||
      !gtk_widget_compute_bounds (uncover->source, overlay, &bounds) ||
      !gtk_widget_compute_bounds (toast, overlay, &toast_bounds))
    return G_SOURCE_CONTINUE;

  /* Where the toast is now: it slides in from below, so this is followed
   * frame by frame until it stands. */
  toast_top = toast_bounds.origin.y;
  delta = bounds.origin.y + bounds.size.height + UNCOVER_GAP - toast_top;
  /* Checked again on each frame while the toast takes its final size
   * (its label wraps once it is narrowed to the page). */
  if (delta <= 0)
    return G_SOURCE_CONTINUE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  room = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) -
         gtk_adjustment_get_value (adjustment);
  if (room < delta)
    {
      /* The page's end: room below it for the toast, then scroll. */
      GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));

      if (GTK_IS_VIEWPORT (content))
        content = gtk_viewport_get_child (GTK_VIEWPORT (content));
      gtk_widget_set_margin_bottom (content,
                                    gtk_widget_get_margin_bottom (content) + (int) (delta - room) + 1);
      return G_SOURCE_CONTINUE;
    }
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + delta);
  return G_SOURCE_CONTINUE;
}

static void
uncover_source (GtkWidget *overlay,
                GtkWidget *source)
{
  Uncover *uncover = g_new0 (Uncover, 1);

  uncover->source = g_object_ref (source);
  gtk_widget_add_tick_callback (overlay, uncover_tick_cb, uncover, uncover_free);
}

/**
 * msa_page_add_toast:
 * @self: a #MsaPage
 * @overlay: the page's toast overlay
 * @source: (nullable): the control that raised it, never to be covered
 * @text: what to say, plain text
 *
 * Shows @text in a toast over the page.  A toast sits at the bottom of
 * the page: if @source is there, the page scrolls it above the toast
 * (with room added at the page's end where it cannot scroll so far).
 */
void
msa_page_add_toast (MsaPage         *self,
                    AdwToastOverlay *overlay,
                    GtkWidget       *source,
                    const char      *text)
{
  /* A toast with its own label, since libadwaita's toast title
   * is one line that ellipsizes ("Alle Einstellungen kopiert" lost its end
   * at 360 px with large text) and is read as markup, while a file name or
   * the system's error message is plain text.
   *
   * The label wraps, but libadwaita 1.2 sizes a toast at its natural
   * width, takes the height for that width and only then narrows it to
   * the page: a label that wraps only once narrowed spills out of its
   * toast.  So its natural width stays within the room the page has for
   * it, counted in characters as GtkLabel counts them (a little short, as
   * the toast's bold characters are wider than the page's). */
  AdwToast *toast;
  GtkWidget *label;
  int room;

  g_return_if_fail (MSA_IS_PAGE (self));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (text != NULL);

  toast = adw_toast_new ("");
  label = gtk_label_new (text);
  room = gtk_widget_get_width (GTK_WIDGET (self)) - TOAST_CHROME;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");

  if (room > 0)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                                             NULL, NULL);
      int char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                            pango_font_metrics_get_approximate_digit_width (metrics));

      if (char_width > 0)
        gtk_label_set_max_width_chars (GTK_LABEL (label),
                                       MAX (8, room * PANGO_SCALE * 9 / 10 / char_width));
      pango_font_metrics_unref (metrics);
    }

  adw_toast_set_custom_title (toast, label);
  adw_toast_overlay_add_toast (overlay, toast);

  if (source != NULL)
    uncover_source (GTK_WIDGET (overlay), source);
}

/**
 * msa_page_mark_invalid:
 * @field: an entry row or spin button
 * @invalid: whether what it holds is wrong
 * @reason: the label that says why
 *
 * Marks @field wrong (or right) where a screen reader hears it too: the
 * "error" style, the invalid state, and @reason as its description.
 */
void
msa_page_mark_invalid (GtkWidget *field,
                       gboolean   invalid,
                       GtkLabel  *reason)
{
  g_return_if_fail (GTK_IS_WIDGET (field));
  g_return_if_fail (GTK_IS_LABEL (reason));

  if (invalid)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      reason, NULL, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
    }
}
