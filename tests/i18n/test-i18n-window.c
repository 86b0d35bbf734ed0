/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real window under LANGUAGE=en and LANGUAGE=de, 360 px wide, walked
 * through every page by the real wizard.next action (servers typed by
 * hand on loopback, so the check page fails at once with "connection
 * refused" and needs no network).  On each page every visible label and
 * tooltip is read back:
 *   - each page shows its own heading in the language asked for;
 *   - nothing English is left on a German page: a text that is the same
 *     in both runs must be language-neutral (a host name, a number, a
 *     product name), never a catalogue string or an English phrase;
 *   - at 360 px no text is cut off, with “…” or by running over its
 *     parent's side, the header bar's title included, and no page
 *     makes the window wider than 360 px (what does is listed).
 * A second walk does the same with text scaled by 1.5 (through the font
 * resolution, as GNOME's text scaling sets it).
 * With MSA_SCREENSHOT_DIR set, every page is also saved as
 * <dir>/<page>-<lang>-360[-large].png to look at (MSA_SCREENSHOT_HEIGHT
 * makes the window taller, to see whole pages). */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "msa-ui-resources.h"
#include "msa-window-private.h"
#include "pages/msa-account-type-page.h"
#include "pages/msa-check-page.h"
#include "pages/msa-current-settings-page.h"
#include "pages/msa-settings-page.h"
#include "pages/msa-welcome-page.h"

#define N_PAGES 7
#define WIDTH 360
#define HEIGHT 720
#define LARGE_TEXT 1.5

typedef struct
{
  GPtrArray *texts[N_PAGES];      /* char*: what each page shows */
  char      *names[N_PAGES];      /* page names, for messages */
  GPtrArray *ellipsized;          /* char*: "page: text" */
  int        widths[N_PAGES];     /* the window's width on each page */
  char      *copied;              /* what "Copy all" put on the clipboard */
} Walk;

static void
walk_clear (Walk *walk)
{
  for (guint i = 0; i < N_PAGES; i++)
    {
      g_clear_pointer (&walk->texts[i], g_ptr_array_unref);
      g_clear_pointer (&walk->names[i], g_free);
    }
  g_clear_pointer (&walk->ellipsized, g_ptr_array_unref);
  g_clear_pointer (&walk->copied, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Walk, walk_clear)

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_assert_nonnull (setlocale (LC_ALL, ""));
  textdomain (GETTEXT_PACKAGE);
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Lets GTK lay out, finish the page transition and draw; bounded. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 600 * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static gboolean
shown (GtkWidget *widget)
{
  /* visible and every ancestor visible, none of them transparent (an
   * AdwEntryRow keeps its big title, at opacity 0, while it holds text);
   * a GtkStack or an AdwSqueezer (the header bar's title) shows only one
   * child */
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (!gtk_widget_get_visible (w) || gtk_widget_get_opacity (w) == 0.0)
        return FALSE;
      if (GTK_IS_STACK (parent) && gtk_stack_get_visible_child (GTK_STACK (parent)) != w)
        return FALSE;
      if (ADW_IS_SQUEEZER (parent) && adw_squeezer_get_visible_child (ADW_SQUEEZER (parent)) != w)
        return FALSE;
    }
  return TRUE;
}

/* Whether @widget lies within each of its ancestors from side to side:
 * a child given more width than its parent has is cut off by it. */
static gboolean
fits_across (GtkWidget *widget)
{
  for (GtkWidget *ancestor = gtk_widget_get_parent (widget);
       ancestor != NULL;
       ancestor = gtk_widget_get_parent (ancestor))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (widget, ancestor, &bounds))
        continue;
      if (bounds.origin.x < -0.5 ||
          bounds.origin.x + bounds.size.width > gtk_widget_get_width (ancestor) + 0.5)
        return FALSE;
    }

  return TRUE;
}

static void
add_text (GPtrArray  *texts,
          const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return;
  g_ptr_array_add (texts, g_strdup (text));
}

static void
collect (GtkWidget  *widget,
         GPtrArray  *texts,
         GPtrArray  *ellipsized,
         const char *page)
{
  if (!gtk_widget_get_visible (widget))
    return;
  /* Entries hold what the user typed (or our test data), not UI text;
   * their placeholders are labels and are read as such. */
  if (GTK_IS_LABEL (widget) && shown (widget))
    {
      GtkLabel *label = GTK_LABEL (widget);
      const char *text = gtk_label_get_text (label);

      add_text (texts, text);
      /* The header bar's title too: where one line is too narrow it
       * wraps. */
      if (text[0] != '\0' && gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE &&
          pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_ptr_array_add (ellipsized, g_strdup_printf ("%s: “%s”", page, text));
      /* Nor may a text run over its parent's side (a toast's text that
       * wraps where libadwaita 1.2 does not expect it did). */
      else if (text[0] != '\0' && !fits_across (widget))
        g_ptr_array_add (ellipsized, g_strdup_printf ("%s: “%s” (over the side)", page, text));
    }
  if (shown (widget))
    add_text (texts, gtk_widget_get_tooltip_text (widget));

  if (GTK_IS_STACK (widget))
    {
      GtkWidget *visible = gtk_stack_get_visible_child (GTK_STACK (widget));

      if (visible != NULL)
        collect (visible, texts, ellipsized, page);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, texts, ellipsized, page);
}

/* The primary menu's items, as a user opening it would read them. */
static void
collect_menu (GMenuModel *model,
              GPtrArray  *texts)
{
  for (int i = 0; model != NULL && i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = NULL;
      g_autoptr(GMenuModel) submenu = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        add_text (texts, label);
      section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      collect_menu (section, texts);
      submenu = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);
      collect_menu (submenu, texts);
    }
}

static GtkMenuButton *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens every expander row and the server cards' details. */
static void
expand_all (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
  if (MSA_IS_SERVER_CARD (widget))
    msa_server_card_set_details_expanded (MSA_SERVER_CARD (widget), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    expand_all (child);
}

/* The innermost widgets that alone need nearly the whole width: what
 * keeps a window from being WIDTH wide.  Listed, to find the culprit. */
static gboolean
list_wide (GtkWidget  *widget,
           int         limit,
           const char *page)
{
  gboolean child_wide = FALSE;
  int minimum = 0;

  if (!gtk_widget_get_visible (widget))
    return FALSE;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum < limit)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    child_wide |= list_wide (child, limit, page);
  if (!child_wide)
    g_test_message ("%s: %s needs %d px (%s)", page, G_OBJECT_TYPE_NAME (widget), minimum,
                    GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "");
  return TRUE;
}

static void
screenshot (MsaWindow  *window,
            const char *page,
            const char *language,
            double      scale)
{
  const char *dir = g_getenv ("MSA_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  if (dir == NULL || dir[0] == '\0')
    return;

  g_mkdir_with_parents (dir, 0755);
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  name = g_strdup_printf ("%s-%s-%d%s.png", page, language, WIDTH, scale != 1.0 ? "-large" : "");
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static GtkWidget *
child (MsaWindow  *window,
       GType       page_type,
       const char *name)
{
  MsaPage *page = msa_window_get_current_page (window);

  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (page, page_type));
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), page_type, name));
}

static void
set_spin (MsaWindow  *window,
          const char *name,
          const char *value)
{
  GtkWidget *spin = child (window, MSA_TYPE_WELCOME_PAGE, name);

  gtk_editable_set_text (GTK_EDITABLE (spin), value);
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
}

/* A port on loopback that nothing listens on. */
static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

typedef struct
{
  gboolean  done;
  char     *text;
} ClipboardRead;

static void
on_text_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static char *
read_clipboard (GtkWidget *widget)
{
  ClipboardRead read = { FALSE, NULL };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_text_read_cb, &read);
  while (!read.done && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_true (read.done);
  return read.text;
}

/* The height a label of one line takes with the current text scaling. */
static int
line_height (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("Mg"));
  int height = 0;

  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  g_object_unref (label);
  return height;
}

/* Walks the window through every page at WIDTH, in @language, with
 * text scaled by @scale. */
static void
walk_window (const char *language,
             double      scale,
             Walk       *walk)
{
  g_autoptr(MsaWizardState) state = NULL;
  g_autofree char *port = g_strdup_printf ("%u", closed_port ());
  MsaWindow *window;
  GtkMenuButton *menu_button;
  /* MSA_SCREENSHOT_HEIGHT: a taller window shows whole pages in the
   * screenshots. */
  int height = g_getenv ("MSA_SCREENSHOT_HEIGHT") != NULL
               ? atoi (g_getenv ("MSA_SCREENSHOT_HEIGHT")) : HEIGHT;
  int frame;

  use_language (language);
  if (scale != 1.0)
    {
      int plain = line_height (), scaled;

      g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (scale * 96 * 1024), NULL);
      /* The scaling took effect: a line of text is that much taller. */
      scaled = line_height ();
      g_test_message ("a line of text: %d px, with text ×%.2g: %d px", plain, scale, scaled);
      g_assert_cmpfloat ((double) scaled / plain, >=, scale * 0.85);
    }
  state = msa_wizard_state_new ();
  window = msa_window_new (NULL, state);

  /* The default size counts the frame GTK draws around a window where no
   * window manager does (10 px here); a phone's maximized window has
   * none.  Measured on a wide window and added, so that the pages get
   * WIDTH. */
  gtk_window_set_default_size (GTK_WINDOW (window), 2 * WIDTH, height);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  frame = 2 * WIDTH - gtk_widget_get_width (GTK_WIDGET (window));
  g_assert_cmpint (frame, >=, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH + frame, height + frame);
  settle ();
  g_assert_cmpuint (msa_window_get_n_pages (window), ==, N_PAGES);
  walk->ellipsized = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_PAGES; i++)
    {
      const char *name;

      g_assert_cmpuint (msa_window_get_page_index (window), ==, i);
      name = msa_window_get_page_name (window, i);
      walk->names[i] = g_strdup (name);

      if (g_str_equal (name, "welcome"))
        {
          /* Servers typed by hand, on loopback: the check needs no network. */
          gtk_check_button_set_active (GTK_CHECK_BUTTON (child (window, MSA_TYPE_WELCOME_PAGE, "manual_check")), TRUE);
          gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_WELCOME_PAGE, "incoming_host_row")), "127.0.0.1");
          gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_WELCOME_PAGE, "outgoing_host_row")), "localhost");
          set_spin (window, "imap_port_spin", port);
          set_spin (window, "pop3_port_spin", port);
          set_spin (window, "smtp_port_spin", port);
        }
      else if (g_str_equal (name, "account-type"))
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE, "client_row")),
                                      MSA_MAIL_CLIENT_THUNDERBIRD);
        }
      else if (g_str_equal (name, "current-settings"))
        {
          /* What Thunderbird shows today: the old unencrypted ports. */
          gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_CURRENT_SETTINGS_PAGE, "incoming_port_row")), "143");
          gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_CURRENT_SETTINGS_PAGE, "outgoing_port_row")), "587");
        }
      else if (g_str_equal (name, "check"))
        {
          GtkWidget *retry = child (window, MSA_TYPE_CHECK_PAGE, "retry_button");
          gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

          /* Refused at once; the bound only keeps a broken check from hanging. */
          while (!gtk_widget_get_visible (retry) && g_get_monotonic_time () < deadline)
            if (!g_main_context_iteration (NULL, FALSE))
              g_usleep (1000);
          g_assert_true (gtk_widget_get_visible (retry));
          /* The details, too: address and the system's own message.  The
           * cards come after the page's first frame, which a refused check
           * can beat: let it draw first. */
          settle ();
          expand_all (GTK_WIDGET (window));
        }
      else if (g_str_equal (name, "settings"))
        {
          /* "Copy all": the toast and the copied text are in the UI language. */
          msa_settings_page_copy_all (MSA_SETTINGS_PAGE (msa_window_get_current_page (window)));
          walk->copied = read_clipboard (GTK_WIDGET (window));
        }
      settle ();

      walk->texts[i] = g_ptr_array_new_with_free_func (g_free);
      collect (GTK_WIDGET (window), walk->texts[i], walk->ellipsized, name);
      menu_button = find_menu_button (GTK_WIDGET (window));
      g_assert_nonnull (menu_button);
      collect_menu (gtk_menu_button_get_menu_model (menu_button), walk->texts[i]);
      screenshot (window, name, language, scale);
      /* The header bar decides the window's narrowest width; a page that
       * needs more than WIDTH makes the window grow. */
      walk->widths[i] = gtk_widget_get_width (GTK_WIDGET (window));
      g_test_message ("%s (%s, text ×%.2g): window %d px wide for %d px asked", name, language,
                      scale, walk->widths[i], WIDTH);
      if (walk->widths[i] > WIDTH)
        list_wide (GTK_WIDGET (window), WIDTH - 40, name);

      if (i + 1 < N_PAGES)
        {
          gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL);
          iterate ();
          g_assert_cmpuint (msa_window_get_page_index (window), ==, i + 1);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  gtk_settings_reset_property (gtk_settings_get_default (), "gtk-xft-dpi");
}

/* Fails on any text cut off with “…” in either walk, and on any page
 * that made the window wider than WIDTH (on a screen that wide, its
 * side would be cut off). */
static void
assert_nothing_cut (Walk   *de,
                    Walk   *en,
                    double  scale)
{
  g_autoptr(GString) cut = g_string_new (NULL);
  g_autoptr(GString) wide = g_string_new (NULL);

  for (guint i = 0; i < de->ellipsized->len; i++)
    g_string_append_printf (cut, "\n  de: %s", (char *) g_ptr_array_index (de->ellipsized, i));
  for (guint i = 0; i < en->ellipsized->len; i++)
    g_string_append_printf (cut, "\n  en: %s", (char *) g_ptr_array_index (en->ellipsized, i));
  for (guint i = 0; i < N_PAGES; i++)
    {
      if (de->widths[i] > WIDTH)
        g_string_append_printf (wide, "\n  de: %s %d px", de->names[i], de->widths[i]);
      if (en->widths[i] > WIDTH)
        g_string_append_printf (wide, "\n  en: %s %d px", en->names[i], en->widths[i]);
    }
  if (cut->len > 0 || wide->len > 0)
    g_error ("At %d px, text ×%.2g:%s%s%s%s", WIDTH, scale,
             cut->len > 0 ? "\ntexts cut off:" : "", cut->str,
             wide->len > 0 ? "\npages wider:" : "", wide->str);
}

static gboolean
has_text (GPtrArray  *texts,
          const char *wanted)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), wanted) != NULL)
      return TRUE;
  return FALSE;
}

static void
assert_shows (Walk       *walk,
              const char *page,
              const char *wanted)
{
  for (guint i = 0; i < N_PAGES; i++)
    if (g_str_equal (walk->names[i], page))
      {
        if (!has_text (walk->texts[i], wanted))
          {
            for (guint j = 0; j < walk->texts[i]->len; j++)
              g_test_message ("%s shows: %s", page, (char *) g_ptr_array_index (walk->texts[i], j));
            g_error ("page “%s” does not show “%s”", page, wanted);
          }
        return;
      }
  g_error ("no page “%s”", page);
}

/* English words that never occur in German text. */
static gboolean
reads_english (const char *text)
{
  static const char *words[] = {
    "the", "and", "your", "you", "of", "is", "are", "with", "not", "this",
    "has", "was", "from", "will", "what", "which", "for", "to", "be", "copy",
    "check", "settings", "server's", "step", "next", "back",
  };
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_auto(GStrv) tokens = g_regex_split_simple ("[^[:alnum:]’']+", lower, 0, 0);

  for (guint i = 0; tokens[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (words); j++)
      if (g_str_equal (tokens[i], words[j]))
        return TRUE;
  return FALSE;
}

static void
test_pages_in_both_languages (void)
{
  g_auto(Walk) en = { 0 };
  g_auto(Walk) de = { 0 };
  g_autoptr(GString) leaks = g_string_new (NULL);

  /* German first: GLib decides once, at the first g_dgettext () call,
   * whether to translate at all, and under C.UTF-8 with LANGUAGE=en (no
   * catalogue) it would decide against it for the whole process. */
  walk_window ("de", 1.0, &de);
  walk_window ("en", 1.0, &en);

  /* Each page in the language asked for: its heading and the header bar. */
  assert_shows (&en, "welcome", "Encrypted Connections for Your Mail");
  /* A word joiner keeps „E-Mails“ whole when the heading wraps. */
  assert_shows (&de, "welcome", "Verschlüsselte Verbindungen für Ihre E-\xe2\x81\xa0" "Mails");
  /* the header bar: the page title (at 360 px the step line is hidden) */
  assert_shows (&en, "welcome", "Welcome");
  assert_shows (&de, "welcome", "Willkommen");
  /* Next's tooltip (at 360 px the button itself shows only an icon) */
  assert_shows (&de, "welcome", "Nächster Schritt (Alt+→)");
  assert_shows (&de, "welcome", "Posteingangsserver");
  assert_shows (&en, "account-type", "How Does Your Program Fetch Mail?");
  assert_shows (&de, "account-type", "Wie ruft Ihr Programm E-Mails ab?");
  assert_shows (&de, "account-type", "E-Mail-Programm");
  assert_shows (&en, "why", "Why Encryption Matters");
  assert_shows (&de, "why", "Warum Verschlüsselung wichtig ist");
  /* Thunderbird's own German label, from CLIENT-LABELS.md */
  assert_shows (&de, "why", "„Verbindungssicherheit“ auf „SSL/TLS“");
  assert_shows (&en, "current-settings", "Your Settings Today");
  assert_shows (&de, "current-settings", "Ihre bisherigen Einstellungen");
  assert_shows (&de, "current-settings", "143 → ");
  assert_shows (&en, "check", "No Server Passed the Check");
  assert_shows (&de, "check", "Kein Server hat die Prüfung bestanden");
  assert_shows (&en, "check", "The servers’ cards say what went wrong and what you can do. "
                              "You can still go on to the settings.");
  assert_shows (&de, "check", "Die Karten der Server zeigen, was schiefgegangen ist und was "
                              "Sie tun können. Sie können trotzdem mit den Einstellungen "
                              "fortfahren.");
  assert_shows (&en, "check", "Connection refused");
  assert_shows (&de, "check", "Verbindung abgelehnt");
  assert_shows (&de, "check", "Posteingang (IMAP)");
  assert_shows (&en, "check", "Technical message");
  assert_shows (&de, "check", "Technische Meldung");
  assert_shows (&en, "settings", "Enter These Settings in Thunderbird");
  assert_shows (&de, "settings", "Tragen Sie diese Einstellungen in Thunderbird ein");
  assert_shows (&de, "settings", "Verbindungssicherheit");
  assert_shows (&en, "settings", "All settings copied");
  assert_shows (&de, "settings", "Alle Einstellungen kopiert");
  g_test_message ("Copy all (de):\n%s", de.copied);
  g_assert_nonnull (strstr (en.copied, "Connection security"));
  g_assert_nonnull (strstr (de.copied, "Verbindungssicherheit"));
  g_assert_null (strstr (de.copied, "Connection security"));
  /* The walk's check failed (refused): the done page says so, too. */
  assert_shows (&en, "done", "Not Done Yet");
  assert_shows (&de, "done", "Noch nicht erledigt");
  assert_shows (&de, "done", "Erledigt");
  /* the primary menu */
  assert_shows (&de, "done", "_Tastenkürzel");

  /* Nothing English left on a German page. */
  for (guint i = 0; i < N_PAGES; i++)
    {
      g_assert_cmpstr (en.names[i], ==, de.names[i]);
      for (guint j = 0; j < de.texts[i]->len; j++)
        {
          const char *text = g_ptr_array_index (de.texts[i], j);
          gboolean same = FALSE;
          const char *german;

          for (guint k = 0; k < en.texts[i]->len && !same; k++)
            same = g_str_equal (text, g_ptr_array_index (en.texts[i], k));
          if (!same)
            continue;
          german = g_dgettext (GETTEXT_PACKAGE, text);
          if (!g_str_equal (german, text) || reads_english (text))
            g_string_append_printf (leaks, "\n  %s: “%s”%s%s%s", de.names[i], text,
                                    g_str_equal (german, text) ? "" : " (German: “",
                                    g_str_equal (german, text) ? "" : german,
                                    g_str_equal (german, text) ? "" : "”)");
        }
    }
  if (leaks->len > 0)
    g_error ("English text on German pages:%s", leaks->str);

  /* No page text cut off with “…” at 360 px, in either language, and
   * no page wider. */
  assert_nothing_cut (&de, &en, 1.0);
}

/* Text scaled by 1.5, in both languages: still nothing cut off with
 * “…” (the header bar's title and the groups' titles wrap, the toast's
 * text too) and no page wider than WIDTH. */
static void
test_large_text (void)
{
  g_auto(Walk) en = { 0 };
  g_auto(Walk) de = { 0 };

  walk_window ("de", LARGE_TEXT, &de);
  walk_window ("en", LARGE_TEXT, &en);

  /* the header bar's title and the toast, whole */
  assert_shows (&de, "current-settings", "Ihre bisherigen Einstellungen");
  assert_shows (&en, "current-settings", "Your Settings Today");
  assert_shows (&de, "settings", "Alle Einstellungen kopiert");

  assert_nothing_cut (&de, &en, LARGE_TEXT);
}

/* The keyboard shortcuts window (win.show-help-overlay), from its
 * resource, as GtkApplicationWindow loads it. */
static GPtrArray *
shortcut_titles (const char *language)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GSList) objects = NULL;
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *window;

  use_language (language);
  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *title = NULL;

      if (GTK_IS_SHORTCUTS_SHORTCUT (l->data) || GTK_IS_SHORTCUTS_GROUP (l->data) ||
          GTK_IS_SHORTCUTS_SECTION (l->data))
        {
          g_object_get (l->data, "title", &title, NULL);
          add_text (titles, title);
        }
    }
  window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_nonnull (window);
  gtk_window_destroy (window);
  iterate ();
  return titles;
}

static void
test_shortcuts_window (void)
{
  g_autoptr(GPtrArray) de = shortcut_titles ("de");
  g_autoptr(GPtrArray) en = shortcut_titles ("en");

  g_assert_cmpuint (de->len, >, 0);
  g_assert_cmpuint (de->len, ==, en->len);
  g_assert_true (has_text (en, "Next step"));
  g_assert_true (has_text (de, "Nächster Schritt"));
  for (guint i = 0; i < de->len; i++)
    {
      const char *text = g_ptr_array_index (de, i);

      g_test_message ("shortcut (de): %s", text);
      for (guint j = 0; j < en->len; j++)
        if (g_str_equal (text, g_ptr_array_index (en, j)))
          g_error ("the shortcuts window shows “%s” in German too", text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  /* The catalogue compiled in the build tree. */
  localedir = g_build_filename (g_getenv ("MSA_BUILD_ROOT"), "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  use_language ("de");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (msa_ui_get_resource ());
  /* GNOME's title bar buttons (close only), as on a phone and in the
   * screenshots, not the three GTK falls back to without a desktop:
   * those leave a 360 px header bar no room for the page title. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  /* The application's own styles, which an AdwApplication loads by
   * itself from its resource base path; the windows here have none. */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_test_add_func ("/i18n/window/pages-in-both-languages", test_pages_in_both_languages);
  g_test_add_func ("/i18n/window/large-text", test_large_text);
  g_test_add_func ("/i18n/window/shortcuts-window", test_shortcuts_window);

  return g_test_run ();
}
