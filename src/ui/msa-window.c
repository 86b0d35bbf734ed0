/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-window-private.h"

#include "msa-accessible.h"
#include "msa-tooltip.h"

#include "pages/msa-account-type-page.h"
#include "pages/msa-check-page.h"
#include "pages/msa-current-settings-page.h"
#include "pages/msa-done-page.h"
#include "pages/msa-settings-page.h"
#include "pages/msa-welcome-page.h"
#include "pages/msa-why-page.h"

struct _MsaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  GtkButton            *back_button;
  GtkButton            *next_button;
  GtkMenuButton        *menu_button;
  AdwSqueezer          *title_squeezer;
  GtkLabel             *one_line_title_label;      /* the title on one line, */
  GtkLabel             *one_line_subtitle_label;
  GtkLabel             *title_label;               /* or wrapped at words, */
  GtkLabel             *subtitle_label;
  GtkLabel             *compact_title_label;       /* or smaller, wrapped anywhere */
  GtkLabel             *compact_subtitle_label;
  GtkProgressBar       *progress_bar;
  GtkStack             *stack;
  GtkWidget            *header_bar;

  /* Owned state */
  MsaWizardState       *state;
  GCancellable         *cancellable;
  GPtrArray            *pages;        /* of MsaPage, in the table's order */
  guint                 page_index;
  guint                 prebuild_id;
  GPtrArray            *premeasure;   /* labels of the next page, to measure */
  guint                 premeasure_id;
  gboolean              narrow;       /* icon buttons in the header bar */
  GtkShortcut          *back_mnemonic; /* Alt+<letter> while Back shows an icon */
  GtkShortcut          *next_mnemonic; /* likewise for Next */
};

G_DEFINE_FINAL_TYPE (MsaWindow, msa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STATE,
  PROP_PAGE_INDEX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The wizard's pages, in order: the only place the order is written. */
static const struct {
  const char *name;
  GType     (*get_type) (void);
} page_table[] = {
  { "welcome",          msa_welcome_page_get_type },
  { "account-type",     msa_account_type_page_get_type },
  { "why",              msa_why_page_get_type },
  { "current-settings", msa_current_settings_page_get_type },
  { "check",            msa_check_page_get_type },
  { "settings",         msa_settings_page_get_type },
  { "done",             msa_done_page_get_type },
};

/* Below this width the header bar's Back and Next show icons, not words:
 * at 360 px the words ("Zurück", "Schließen") left the page title four or
 * five letters and made the German done page wider than 360 px.  Above it
 * both fit beside a title in either language. */
#define NARROW_WIDTH 520

static void on_page_notify_cb (MsaWindow  *self,
                               GParamSpec *pspec,
                               MsaPage    *page);

/* Pages are built when first shown, not all with the window: building
 * all seven up front cost about 40 ms of the start-up, a third of what
 * the wizard adds to a bare libadwaita window (tests/bench/bench-ui.c).
 * The pages before @index are built first, so that the stack's children
 * stay in the table's order, which the slide transition follows. */
static MsaPage *
ensure_page (MsaWindow *self,
             guint      index)
{
  g_assert (index < self->pages->len);

  for (guint i = 0; i <= index; i++)
    {
      MsaPage *page;

      if (g_ptr_array_index (self->pages, i) != NULL)
        continue;

      page = g_object_new (page_table[i].get_type (),
                           "state", self->state,
                           "cancellable", self->cancellable,
                           NULL);
      g_signal_connect_object (page, "notify::complete",
                               G_CALLBACK (on_page_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "notify::title",
                               G_CALLBACK (on_page_notify_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->stack, GTK_WIDGET (page), page_table[i].name);
      g_ptr_array_index (self->pages, i) = page;
      msa_accessible_sync_visible_child (GTK_WIDGET (self->stack));
    }

  return g_ptr_array_index (self->pages, index);
}

static MsaPage *
current_page (MsaWindow *self)
{
  return ensure_page (self, self->page_index);
}

/* @mnemonic without its underlines ("_Next" → "Next", "a__b" → "a_b"). */
static char *
strip_mnemonic (const char *mnemonic)
{
  GString *text = g_string_new (NULL);

  g_assert (mnemonic != NULL);

  for (const char *p = mnemonic; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

/* The key of @mnemonic's underlined letter ("_Weiter": w), or 0. */
static guint
mnemonic_keyval (const char *mnemonic)
{
  for (const char *p = mnemonic; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p != '_')
        continue;
      if (p[1] == '_')
        {
          p++;
          continue;
        }
      if (p[1] != '\0')
        return gdk_unicode_to_keyval (g_unichar_tolower (g_utf8_get_char (p + 1)));
    }

  return 0;
}

/* A header bar button shows @mnemonic as its label, or in a narrow window
 * only @icon_name; its accessible label is the words either way.  Without
 * the words, @shortcut keeps their Alt+letter working. */
static void
set_button_content (MsaWindow   *self,
                    GtkButton   *button,
                    GtkShortcut *shortcut,
                    const char  *mnemonic,
                    const char  *icon_name)
{
  g_autofree char *text = strip_mnemonic (mnemonic);
  guint keyval = mnemonic_keyval (mnemonic);

  if (self->narrow)
    {
      if (g_strcmp0 (gtk_button_get_icon_name (button), icon_name) != 0)
        gtk_button_set_icon_name (button, icon_name);
    }
  else if (g_strcmp0 (gtk_button_get_label (button), mnemonic) != 0 ||
           gtk_button_get_icon_name (button) != NULL)
    {
      gtk_button_set_label (button, mnemonic);
      gtk_button_set_use_underline (button, TRUE);
    }

  /* With the words shown, their own mnemonic does it: not twice. */
  gtk_shortcut_set_trigger (shortcut,
                            self->narrow && keyval != 0
                            ? gtk_mnemonic_trigger_new (keyval)
                            : g_object_ref (gtk_never_trigger_get ()));

  /* The words, when shown, are its name already (GTK 4.8 would read a
   * label given as well twice: "Next Next"). */
  if (self->narrow)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button),
                                   GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
update_header (MsaWindow *self)
{
  gboolean last = self->page_index + 1 == self->pages->len;

  set_button_content (self, self->back_button, self->back_mnemonic,
                      _("_Back"), "go-previous-symbolic");
  set_button_content (self, self->next_button, self->next_mnemonic,
                      last ? _("_Close") : _("_Next"),
                      last ? "object-select-symbolic" : "go-next-symbolic");
  msa_tooltip_set_text (GTK_WIDGET (self->next_button),
                        last ? _("Close the assistant") : _("Next step (Alt+→)"));
}

static void
update_navigation (MsaWindow *self)
{
  MsaPage *page = current_page (self);
  guint n = self->pages->len;
  g_autofree char *step = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", self->page_index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 msa_page_get_complete (page));

  update_header (self);

  gtk_label_set_text (self->one_line_title_label, msa_page_get_title (page));
  gtk_label_set_text (self->title_label, msa_page_get_title (page));
  gtk_label_set_text (self->compact_title_label, msa_page_get_title (page));
  /* Translators: shown under the page title, e.g. "Step 2 of 7" */
  step = g_strdup_printf (_("Step %u of %u"), self->page_index + 1, n);
  gtk_label_set_text (self->one_line_subtitle_label, step);
  gtk_label_set_text (self->subtitle_label, step);
  gtk_label_set_text (self->compact_subtitle_label, step);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) (self->page_index + 1) / n);

  /* The window's name says where the user is, for the task switcher and
   * for a screen reader, which reads it as the page changes. */
  {
    /* Translators: the window's title: the page's title, then the
     * application's name */
    g_autofree char *window_title = g_strdup_printf (_("%s – Mail SSL Assistant"),
                                                     msa_page_get_title (page));

    gtk_window_set_title (GTK_WINDOW (self), window_title);
  }
}

static void
on_page_notify_cb (MsaWindow  *self,
                   GParamSpec *pspec,
                   MsaPage    *page)
{
  if (page == current_page (self))
    update_navigation (self);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, g_object_ref (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* A few milliseconds at a time: each label's width, which does not
 * depend on where it is laid out, is measured (and kept by GTK) before
 * the page's first frame needs it. */
static gboolean
premeasure_cb (gpointer data)
{
  MsaWindow *self = data;
  gint64 until = g_get_monotonic_time () + 3000;

  while (self->premeasure->len > 0 && g_get_monotonic_time () < until)
    {
      g_autoptr(GtkWidget) label = g_ptr_array_steal_index (self->premeasure, self->premeasure->len - 1);

      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
    }
  if (self->premeasure->len > 0)
    return G_SOURCE_CONTINUE;
  self->premeasure_id = 0;
  return G_SOURCE_REMOVE;
}

/* The next page is built while the user reads this one, once the slide
 * has ended: building it is the longest part of moving to it (a page's
 * template is some hundred widgets), and then no frame waits for it. */
static gboolean
prebuild_next_page_cb (gpointer data)
{
  MsaWindow *self = data;

  self->prebuild_id = 0;
  if (self->page_index + 1 < self->pages->len)
    {
      MsaPage *page = ensure_page (self, self->page_index + 1);

      g_ptr_array_set_size (self->premeasure, 0);
      collect_labels (GTK_WIDGET (page), self->premeasure);
      if (self->premeasure_id == 0)
        self->premeasure_id = g_idle_add_full (G_PRIORITY_LOW, premeasure_cb, self, NULL);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_prebuild (MsaWindow *self)
{
  g_clear_handle_id (&self->prebuild_id, g_source_remove);
  if (self->page_index + 1 >= self->pages->len ||
      g_ptr_array_index (self->pages, self->page_index + 1) != NULL)
    return;
  self->prebuild_id = g_timeout_add_full (G_PRIORITY_LOW,
                                          gtk_stack_get_transition_duration (self->stack) + 100,
                                          prebuild_next_page_cb, self, NULL);
}

static void
show_page (MsaWindow *self,
           guint      index)
{
  MsaPage *old_page = current_page (self);
  MsaPage *page;

  g_assert (index < self->pages->len);

  page = ensure_page (self, index);
  if (page != old_page)
    msa_page_hidden (old_page);

  self->page_index = index;
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (page));
  update_navigation (self);
  msa_page_shown (page);

  /* Start each page at its top, with the keyboard on its first control. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    msa_page_focus_first (page);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_INDEX]);
  schedule_prebuild (self);
}

static void
wizard_next_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MsaWindow *self = MSA_WINDOW (widget);

  if (!msa_page_get_complete (current_page (self)))
    return;

  if (self->page_index + 1 < self->pages->len)
    show_page (self, self->page_index + 1);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
wizard_back_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MsaWindow *self = MSA_WINDOW (widget);

  if (self->page_index > 0)
    show_page (self, self->page_index - 1);
}

static void
set_narrow (MsaWindow *self,
            gboolean   narrow)
{
  if (narrow != self->narrow && self->pages != NULL)
    {
      self->narrow = narrow;
      update_header (self);
      /* The pages' pill buttons get less padding (style.css). */
      if (narrow)
        gtk_widget_add_css_class (GTK_WIDGET (self), "msa-narrow");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "msa-narrow");
    }
}

/* Follows the window's real width, not its default width: a maximized
 * window on a phone keeps its default width of 760.  The buttons change
 * before the header bar is allocated, which measures them anew; the
 * window's width does not depend on them (the narrow header bar is
 * narrower than NARROW_WIDTH either way), so this cannot swing back and
 * forth. */
static void
msa_window_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  MsaWindow *self = MSA_WINDOW (widget);

  set_narrow (self, width < NARROW_WIDTH);

  GTK_WIDGET_CLASS (msa_window_parent_class)->size_allocate (widget, width, height, baseline);
}

/* A window asked to be narrow is narrow at once, before it is allocated:
 * with words on Back and Next the header bar can need more than the
 * width asked for (German at 360 px with large text, 367 px), and where
 * no window manager sizes the window again it would keep that width. */
static void
on_default_width_notify_cb (MsaWindow *self)
{
  int width = 0;
  int height = 0;

  /* Both out-arguments: GTK 4.8 writes to the height unchecked. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && width < NARROW_WIDTH)
    set_narrow (self, TRUE);
}

/* Pages are built late (ensure_page()); the slow icons they show at
 * once are loaded at idle moments before, each page naming its own. */
static void
preload_page_icons (MsaWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (page_table[i].get_type ());
      MsaPageClass *page_class = MSA_PAGE_CLASS (klass);

      if (page_class->n_preload_icons > 0)
        msa_icon_preload (GTK_WIDGET (self), page_class->preload_icons,
                          page_class->n_preload_icons);
    }
}

static void
msa_window_constructed (GObject *object)
{
  MsaWindow *self = MSA_WINDOW (object);

  G_OBJECT_CLASS (msa_window_parent_class)->constructed (object);

  if (self->state == NULL)
    self->state = msa_wizard_state_new ();

  /* One slot per page, filled by ensure_page(). */
  g_ptr_array_set_size (self->pages, G_N_ELEMENTS (page_table));

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->next_button));
  show_page (self, MIN (self->page_index, self->pages->len - 1));
  preload_page_icons (self);
}

static void
msa_window_dispose (GObject *object)
{
  MsaWindow *self = MSA_WINDOW (object);

  /* Every page's async work ends with the window. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->prebuild_id, g_source_remove);
  g_clear_handle_id (&self->premeasure_id, g_source_remove);
  g_clear_pointer (&self->premeasure, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), MSA_TYPE_WINDOW);
  g_clear_pointer (&self->pages, g_ptr_array_unref);

  G_OBJECT_CLASS (msa_window_parent_class)->dispose (object);
}

static void
msa_window_finalize (GObject *object)
{
  MsaWindow *self = MSA_WINDOW (object);

  g_clear_object (&self->state);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (msa_window_parent_class)->finalize (object);
}

static void
msa_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MsaWindow *self = MSA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_object (value, self->state);
      break;

    case PROP_PAGE_INDEX:
      g_value_set_uint (value, self->page_index);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MsaWindow *self = MSA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_set_object (&self->state, g_value_get_object (value));
      break;

    case PROP_PAGE_INDEX:
      if (self->pages != NULL && self->pages->len > 0)
        msa_window_set_page_index (self, g_value_get_uint (value));
      else
        self->page_index = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_window_class_init (MsaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = msa_window_constructed;
  object_class->dispose = msa_window_dispose;
  object_class->finalize = msa_window_finalize;
  object_class->get_property = msa_window_get_property;
  object_class->set_property = msa_window_set_property;
  widget_class->size_allocate = msa_window_size_allocate;

  /**
   * MsaWindow:state:
   *
   * The wizard state the pages show; a window rebuilt for another
   * language gets the old window's state.
   */
  properties[PROP_STATE] =
    g_param_spec_object ("state", NULL, NULL,
                         MSA_TYPE_WIZARD_STATE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * MsaWindow:page-index:
   *
   * The index of the visible page in the page table.
   */
  properties[PROP_PAGE_INDEX] =
    g_param_spec_uint ("page-index", NULL, NULL,
                       0, G_N_ELEMENTS (page_table) - 1, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/msa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, one_line_title_label);
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, one_line_subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, compact_title_label);
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, compact_subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MsaWindow, header_bar);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, wizard_next_cb);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, wizard_back_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, GDK_ALT_MASK,
                                       "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK,
                                       "wizard.back", NULL);
}

/* With the keyboard in the header bar, Page Up/Down and the arrow keys
 * scroll the page below (inside the page its scrolled window does that
 * itself); Left and Right still move between the header's buttons. */
static gboolean
on_header_key_pressed_cb (MsaWindow       *self,
                          guint            keyval,
                          guint            keycode,
                          GdkModifierType  state,
                          GtkEventControllerKey *controller)
{
  GtkScrollType scroll;
  GtkWidget *scrolled;
  gboolean handled = FALSE;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      scroll = GTK_SCROLL_PAGE_BACKWARD;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      scroll = GTK_SCROLL_PAGE_FORWARD;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      scroll = GTK_SCROLL_STEP_BACKWARD;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      scroll = GTK_SCROLL_STEP_FORWARD;
      break;
    default:
      return FALSE;
    }

  scrolled = msa_page_get_scrolled_window (current_page (self));
  if (scrolled == NULL)
    return FALSE;
  g_signal_emit_by_name (scrolled, "scroll-child", scroll, FALSE, &handled);
  return handled;
}

static void
msa_window_init (MsaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Only the page and the title on screen are read, not the pages left
   * or the title's other two layouts. */
  msa_accessible_follow_visible_child (GTK_WIDGET (self->stack));
  msa_accessible_follow_visible_child (GTK_WIDGET (self->title_squeezer));

  self->cancellable = g_cancellable_new ();
  self->pages = g_ptr_array_new ();
  self->premeasure = g_ptr_array_new_with_free_func (g_object_unref);

  /* Back's and Next's Alt+letter while they show icons only
   * (set_button_content()). */
  {
    GtkEventController *controller = gtk_shortcut_controller_new ();

    self->back_mnemonic = gtk_shortcut_new (g_object_ref (gtk_never_trigger_get ()),
                                            gtk_named_action_new ("wizard.back"));
    self->next_mnemonic = gtk_shortcut_new (g_object_ref (gtk_never_trigger_get ()),
                                            gtk_named_action_new ("wizard.next"));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          self->back_mnemonic);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          self->next_mnemonic);
    gtk_widget_add_controller (GTK_WIDGET (self), controller);
  }

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_header_key_pressed_cb),
                             self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (self->header_bar, keys);
  }

  g_signal_connect (self, "notify::default-width",
                    G_CALLBACK (on_default_width_notify_cb), NULL);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * msa_window_new:
 * @application: the application
 * @state: (nullable): the wizard state to show; %NULL for a new one
 *
 * Returns: (transfer full): a new window on its first page
 */
MsaWindow *
msa_window_new (GtkApplication *application,
                MsaWizardState *state)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (state == NULL || MSA_IS_WIZARD_STATE (state), NULL);

  return g_object_new (MSA_TYPE_WINDOW,
                       "application", application,
                       "state", state,
                       NULL);
}

/**
 * msa_window_get_state:
 * @self: a #MsaWindow
 *
 * Returns: (transfer none): the wizard state
 */
MsaWizardState *
msa_window_get_state (MsaWindow *self)
{
  g_return_val_if_fail (MSA_IS_WINDOW (self), NULL);

  return self->state;
}

/**
 * msa_window_get_n_pages:
 * @self: a #MsaWindow
 *
 * Returns: the number of pages
 */
guint
msa_window_get_n_pages (MsaWindow *self)
{
  g_return_val_if_fail (MSA_IS_WINDOW (self), 0);

  return self->pages->len;
}

/**
 * msa_window_get_page_index:
 * @self: a #MsaWindow
 *
 * Returns: the index of the visible page
 */
guint
msa_window_get_page_index (MsaWindow *self)
{
  g_return_val_if_fail (MSA_IS_WINDOW (self), 0);

  return self->page_index;
}

/**
 * msa_window_set_page_index:
 * @self: a #MsaWindow
 * @index: a page index
 *
 * Shows a page directly, as when a window is rebuilt for another
 * language.  Users move with `wizard.next` and `wizard.back`.
 */
void
msa_window_set_page_index (MsaWindow *self,
                           guint      index)
{
  g_return_if_fail (MSA_IS_WINDOW (self));
  g_return_if_fail (index < self->pages->len);

  if (index == self->page_index)
    return;

  show_page (self, index);
}

/**
 * msa_window_get_page:
 * @self: a #MsaWindow
 * @index: a page index
 *
 * Returns: (transfer none): the page, built now if it was not yet
 */
MsaPage *
msa_window_get_page (MsaWindow *self,
                     guint      index)
{
  g_return_val_if_fail (MSA_IS_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->pages->len, NULL);

  return ensure_page (self, index);
}

/**
 * msa_window_get_current_page:
 * @self: a #MsaWindow
 *
 * Returns: (transfer none): the visible page
 */
MsaPage *
msa_window_get_current_page (MsaWindow *self)
{
  g_return_val_if_fail (MSA_IS_WINDOW (self), NULL);

  return current_page (self);
}

/**
 * msa_window_get_page_name:
 * @self: a #MsaWindow
 * @index: a page index
 *
 * Returns: (transfer none): the page's stable name, e.g. "welcome"
 */
const char *
msa_window_get_page_name (MsaWindow *self,
                          guint      index)
{
  g_return_val_if_fail (MSA_IS_WINDOW (self), NULL);
  g_return_val_if_fail (index < G_N_ELEMENTS (page_table), NULL);

  return page_table[index].name;
}

/**
 * msa_window_get_narrow:
 * @self: a #MsaWindow
 *
 * Returns: whether the window is so narrow that the header bar's Back
 *   and Next buttons show icons instead of words
 */
gboolean
msa_window_get_narrow (MsaWindow *self)
{
  g_return_val_if_fail (MSA_IS_WINDOW (self), FALSE);

  return self->narrow;
}

/**
 * msa_window_get_cancellable:
 * @self: a #MsaWindow
 *
 * Returns: (transfer none): the cancellable that is cancelled when the
 *   window is disposed
 */
GCancellable *
msa_window_get_cancellable (MsaWindow *self)
{
  g_return_val_if_fail (MSA_IS_WINDOW (self), NULL);

  return self->cancellable;
}
