/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real window: both account types walked page by page through the
 * real wizard.next / wizard.back actions, and the language switch. */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "msa-application.h"
#include "msa-window-private.h"
#include "pages/msa-account-type-page.h"
#include "pages/msa-check-page.h"
#include "pages/msa-current-settings-page-private.h"
#include "pages/msa-welcome-page.h"
#include "pages/msa-why-page-private.h"
#include "msa-ui-test.h"

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
next_enabled (MsaWindow *window)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (window), "wizard.next");

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static gboolean
back_enabled (MsaWindow *window)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (window), "wizard.back");

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
next (MsaWindow *window)
{
  guint index = msa_window_get_page_index (window);

  g_assert_true (next_enabled (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL);
  iterate ();
  g_assert_cmpuint (msa_window_get_page_index (window), ==, index + 1);
}

static void
back (MsaWindow *window)
{
  guint index = msa_window_get_page_index (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.back", NULL);
  iterate ();
  g_assert_cmpuint (msa_window_get_page_index (window), ==, index - 1);
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

static const char *
page_name (MsaWindow *window)
{
  return msa_window_get_page_name (window, msa_window_get_page_index (window));
}

/* A port on loopback that nothing listens on: the check fails at once
 * with "connection refused", with no network needed. */
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

static void
walk (MsaProtocol protocol)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaWindow *window = msa_window_new (NULL, state);
  g_autofree char *port_text = g_strdup_printf ("%u", closed_port ());
  gboolean pop3 = protocol == MSA_PROTOCOL_POP3;
  g_autofree char *changes = NULL;
  MsaServer *incoming;

  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  /* 1. Welcome: the built-in profile lets the user go on at once. */
  g_assert_cmpstr (page_name (window), ==, "welcome");
  g_assert_cmpuint (msa_window_get_n_pages (window), ==, 7);
  g_assert_false (back_enabled (window));
  g_assert_true (next_enabled (window));

  /* Typing servers by hand: Next only once both names are valid. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (window, MSA_TYPE_WELCOME_PAGE, "manual_check")), TRUE);
  g_assert_false (next_enabled (window));
  gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_WELCOME_PAGE, "incoming_host_row")), "127.0.0.1");
  g_assert_false (next_enabled (window));
  gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_WELCOME_PAGE, "outgoing_host_row")), "bad host!");
  g_assert_false (next_enabled (window));
  g_assert_true (gtk_widget_has_css_class (child (window, MSA_TYPE_WELCOME_PAGE, "outgoing_host_row"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_WELCOME_PAGE, "outgoing_host_row")), "localhost");
  gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_WELCOME_PAGE, "imap_port_spin")), port_text);
  gtk_spin_button_update (GTK_SPIN_BUTTON (child (window, MSA_TYPE_WELCOME_PAGE, "imap_port_spin")));
  gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_WELCOME_PAGE, "pop3_port_spin")), port_text);
  gtk_spin_button_update (GTK_SPIN_BUTTON (child (window, MSA_TYPE_WELCOME_PAGE, "pop3_port_spin")));
  gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_WELCOME_PAGE, "smtp_port_spin")), port_text);
  gtk_spin_button_update (GTK_SPIN_BUTTON (child (window, MSA_TYPE_WELCOME_PAGE, "smtp_port_spin")));
  g_assert_false (gtk_widget_has_css_class (child (window, MSA_TYPE_WELCOME_PAGE, "outgoing_host_row"), "error"));
  g_assert_true (next_enabled (window));
  g_assert_false (msa_wizard_state_get_builtin_profile (state));
  g_assert_cmpstr (msa_server_get_hostname (msa_wizard_state_get_outgoing_server (state)), ==, "localhost");
  next (window);

  /* 2. Account type: the choice goes into the state; a wrong address
   * blocks Next. */
  g_assert_cmpstr (page_name (window), ==, "account-type");
  g_assert_true (back_enabled (window));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE,
                                                        pop3 ? "pop3_check" : "imap_check")), TRUE);
  g_assert_cmpint (msa_wizard_state_get_incoming_protocol (state), ==, protocol);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE, "client_row")),
                              MSA_MAIL_CLIENT_KMAIL);
  g_assert_cmpint (msa_wizard_state_get_mail_client (state), ==, MSA_MAIL_CLIENT_KMAIL);
  gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE, "email_row")), "anna");
  g_assert_false (next_enabled (window));
  gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE, "email_row")), "anna@example.org");
  g_assert_true (next_enabled (window));
  g_assert_cmpstr (msa_wizard_state_get_email_address (state), ==, "anna@example.org");

  /* Back restores the welcome page as it was left. */
  back (window);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (window, MSA_TYPE_WELCOME_PAGE, "manual_check"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, MSA_TYPE_WELCOME_PAGE, "incoming_host_row"))), ==, "127.0.0.1");
  g_assert_true (next_enabled (window));
  next (window);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE,
                                                                       pop3 ? "pop3_check" : "imap_check"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE, "email_row"))), ==, "anna@example.org");
  next (window);

  /* 3. Why: names the chosen servers and the program's own labels. */
  g_assert_cmpstr (page_name (window), ==, "why");
  {
    g_autofree char *text = msa_why_page_dup_changes (MSA_WHY_PAGE (msa_window_get_current_page (window)));
    g_autofree char *port = g_strdup_printf ("%s for incoming", port_text);

    g_assert_nonnull (strstr (text, "127.0.0.1"));
    g_assert_nonnull (strstr (text, "KMail"));
    g_assert_nonnull (strstr (text, port));
  }
  next (window);

  /* 4. Current settings: old → new from what the user types. */
  g_assert_cmpstr (page_name (window), ==, "current-settings");
  g_assert_true (next_enabled (window));
  /* The keyboard starts in the first field, where the old server name goes. */
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
      GtkWidget *host_row = child (window, MSA_TYPE_CURRENT_SETTINGS_PAGE, "incoming_host_row");

      g_test_message ("focus: %s", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "none");
      g_assert_nonnull (focus);
      g_assert_true (focus == host_row || gtk_widget_is_ancestor (focus, host_row));
    }
  gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_CURRENT_SETTINGS_PAGE, "incoming_port_row")),
                         pop3 ? "110" : "143");
  gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_CURRENT_SETTINGS_PAGE, "outgoing_port_row")),
                         pop3 ? "25" : "587");
  changes = msa_current_settings_page_dup_changes (MSA_CURRENT_SETTINGS_PAGE (msa_window_get_current_page (window)));
  g_test_message ("%s", changes);
  {
    g_autofree char *in_change = g_strdup_printf ("%s → %s", pop3 ? "110" : "143", port_text);
    g_autofree char *out_change = g_strdup_printf ("%s → %s", pop3 ? "25" : "587", port_text);

    g_assert_nonnull (strstr (changes, in_change));
    g_assert_nonnull (strstr (changes, out_change));
  }
  next (window);

  /* 5. Server check: starts by itself; a failed check does not trap
   * the user, so Next comes back once it has ended. */
  g_assert_cmpstr (page_name (window), ==, "check");
  for (guint i = 0; i < 30000 && !next_enabled (window); i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_true (next_enabled (window));
  next (window);

  /* 6. Settings: the incoming server of the chosen type. */
  g_assert_cmpstr (page_name (window), ==, "settings");
  incoming = msa_wizard_state_get_incoming_server (state);
  g_assert_cmpint (msa_server_get_protocol (incoming), ==, protocol);
  next (window);

  /* 7. Done: Next closes. */
  g_assert_cmpstr (page_name (window), ==, "done");
  g_assert_true (next_enabled (window));
  back (window);
  g_assert_cmpstr (page_name (window), ==, "settings");

  /* Back all the way restores every answer. */
  while (msa_window_get_page_index (window) > 1)
    back (window);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE,
                                                                       pop3 ? "pop3_check" : "imap_check"))));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE, "client_row"))),
                    ==, MSA_MAIL_CLIENT_KMAIL);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_walk_imap (void)
{
  walk (MSA_PROTOCOL_IMAP);
}

static void
test_walk_pop3 (void)
{
  walk (MSA_PROTOCOL_POP3);
}

static void
test_window_new_destroy (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaWindow *window = msa_window_new (NULL, state);
  GCancellable *cancellable;

  g_object_ref_sink (window);
  g_assert_true (msa_window_get_state (window) == state);
  g_assert_cmpuint (msa_window_get_page_index (window), ==, 0);
  cancellable = g_object_ref (msa_window_get_cancellable (window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  /* Disposing the window ends every page's async work. */
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_object_unref (cancellable);
}

/* The action a window-class shortcut with @trigger runs, or NULL. */
static char *
shortcut_action (GtkWidget  *widget,
                 const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (g_str_equal (text, trigger) && GTK_IS_NAMED_ACTION (action))
            return g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
        }
    }

  return NULL;
}

/* The action the window runs for the Alt+letter of @mnemonic ("_Next"),
 * or NULL. */
static char *
mnemonic_action (GtkWidget  *widget,
                 const char *mnemonic)
{
  const char *underscore = strchr (mnemonic, '_');
  g_autoptr(GtkShortcutTrigger) trigger = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (underscore);
  trigger = gtk_mnemonic_trigger_new (gdk_unicode_to_keyval (g_unichar_tolower (g_utf8_get_char (underscore + 1))));
  text = gtk_shortcut_trigger_to_string (trigger);
  return shortcut_action (widget, text);
}

static void
test_keyboard (void)
{
  MsaWindow *window = msa_window_new (NULL, NULL);
  g_autofree char *alt_right = NULL;
  g_autofree char *alt_left = NULL;

  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  /* Alt+Right / Alt+Left are bound to the same actions as the buttons. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL));
  g_assert_cmpuint (msa_window_get_page_index (window), ==, 1);
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (window)) ==
                 find_action_button (GTK_WIDGET (window), "wizard.next"));
  alt_right = shortcut_action (GTK_WIDGET (window), "<Alt>Right");
  alt_left = shortcut_action (GTK_WIDGET (window), "<Alt>Left");
  g_assert_cmpstr (alt_right, ==, "wizard.next");
  g_assert_cmpstr (alt_left, ==, "wizard.back");
  /* Every icon-only button says what it does. */
  {
    GtkWidget *menu = NULL;

    for (GtkWidget *w = find_action_button (GTK_WIDGET (window), "wizard.next"); w != NULL && menu == NULL;
         w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_MENU_BUTTON (w))
        menu = w;
    g_assert_nonnull (menu);
    g_assert_nonnull (gtk_widget_get_tooltip_text (menu));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* Sends @keyval to the key controller of @widget, as GTK does on a key
 * press while the focus is inside it. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          if (handled)
            return TRUE;
        }
    }
  return FALSE;
}

/* With the keyboard on the header's buttons, Page Up/Down and the arrow
 * keys scroll the long page below; Left and Right stay the header's. */
/* Lets animations end: half a second of the main loop. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
test_header_keys (void)
{
  MsaWindow *window = msa_window_new (NULL, NULL);
  GtkWidget *next, *header, *scrolled;
  GtkAdjustment *adjustment;
  double page_down;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 420);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  msa_window_set_page_index (window, 2);
  /* The page slides in and is laid out. */
  settle ();

  next = find_action_button (GTK_WIDGET (window), "wizard.next");
  gtk_widget_grab_focus (next);
  header = gtk_widget_get_ancestor (next, ADW_TYPE_HEADER_BAR);
  g_assert_nonnull (header);
  scrolled = msa_page_get_scrolled_window (msa_window_get_current_page (window));
  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  /* The adjustment glides to its new value over a few frames. */
  g_assert_true (press_key (header, GDK_KEY_Page_Down));
  settle ();
  page_down = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (page_down, >, 0);
  g_assert_true (press_key (header, GDK_KEY_Page_Up));
  settle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_true (press_key (header, GDK_KEY_Down));
  settle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, page_down);
  g_assert_true (press_key (header, GDK_KEY_Up));
  settle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  /* Left and Right move between the header's buttons, as before. */
  g_assert_false (press_key (header, GDK_KEY_Left));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == next);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* Each test its own ID: an application is exported on the session bus
 * until its last reference is gone. */
static MsaApplication *
new_application (void)
{
  static guint serial;
  g_autofree char *id = g_strdup_printf ("io.github.mailssl.Assistant.Test%u", ++serial);
  MsaApplication *app = g_object_new (MSA_TYPE_APPLICATION,
                                      "application-id", id,
                                      "resource-base-path", RESOURCE_BASE,
                                      "flags", G_APPLICATION_NON_UNIQUE,
                                      NULL);
  g_autoptr(GError) error = NULL;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

static MsaWindow *
app_window (MsaApplication *app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_assert_true (MSA_IS_WINDOW (windows->data));
  return windows->data;
}

static const char *
next_label (MsaWindow *window)
{
  return gtk_button_get_label (GTK_BUTTON (find_action_button (GTK_WIDGET (window), "wizard.next")));
}

static void
test_application (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  MsaApplication *app;
  g_auto(GStrv) quit_accels = NULL;
  g_auto(GStrv) help_accels = NULL;
  MsaWindow *window;
  MsaWizardState *state;
  g_autofree char *provider = g_build_filename (g_getenv ("MSA_SOURCE_ROOT"), "data", "providers",
                                                "df.eu.xml", NULL);

  /* What the last run remembered comes back. */
  g_settings_set_string (settings, "account-type", "pop3");
  g_settings_set_string (settings, "mail-client", "evolution");
  g_settings_set_string (settings, "provider", provider);
  app = new_application ();
  state = msa_application_get_state (app);
  /* The last autoconfig file loads in the background. */
  for (guint i = 0; i < 10000 && msa_wizard_state_get_builtin_profile (state); i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_false (msa_wizard_state_get_builtin_profile (state));
  g_assert_cmpstr (msa_wizard_state_get_profile_file (state), ==, provider);
  g_assert_cmpint (msa_wizard_state_get_incoming_protocol (state), ==, MSA_PROTOCOL_POP3);
  g_assert_cmpint (msa_wizard_state_get_mail_client (state), ==, MSA_MAIL_CLIENT_EVOLUTION);

  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "about", "shortcuts", "quit", "language" };

      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), names[i]));
    }
  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstr (quit_accels[0], ==, "<Control>q");
  help_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_cmpstr (help_accels[0], ==, "<Control>question");

  g_application_activate (G_APPLICATION (app));
  window = app_window (app);
  g_assert_true (msa_window_get_state (window) == state);
  /* The shortcuts window comes from the resources (gtk/help-overlay.ui). */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  /* About and Keyboard Shortcuts open their windows. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)))));
  gtk_widget_set_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))), FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  iterate ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *about = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_ABOUT_WINDOW (toplevel))
          about = toplevel;
      }
    g_assert_nonnull (about);
    g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
    gtk_window_destroy (about);
  }

  /* A new answer is remembered at once. */
  msa_wizard_state_set_mail_client (state, MSA_MAIL_CLIENT_GEARY);
  g_assert_cmpstr (g_settings_get_string (settings, "mail-client"), ==, "geary");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_object_unref (app);
  g_settings_reset (settings, "account-type");
  g_settings_reset (settings, "mail-client");
  g_settings_reset (settings, "provider");
}

static void
test_language_switch (void)
{
  MsaApplication *app = new_application ();
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  MsaWizardState *state;
  MsaWindow *window, *old_window;
  const char *german;

  g_application_activate (G_APPLICATION (app));
  window = app_window (app);
  state = msa_window_get_state (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.next", NULL);
  gtk_editable_set_text (GTK_EDITABLE (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE, "email_row")), "anna@example.org");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE, "pop3_check")), TRUE);
  g_assert_cmpstr (next_label (window), ==, "_Next");

  old_window = window;
  g_object_add_weak_pointer (G_OBJECT (old_window), (gpointer *) &old_window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "language", g_variant_new_string ("de"));
  iterate ();

  /* A new window, on the same page, with the same answers. */
  g_assert_null (old_window);
  window = app_window (app);
  g_assert_true (msa_window_get_state (window) == state);
  g_assert_cmpstr (page_name (window), ==, "account-type");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE, "email_row"))), ==, "anna@example.org");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE, "pop3_check"))));
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "de");
  g_assert_cmpstr (g_settings_get_string (settings, "language"), ==, "de");
  /* The widgets show what the German catalogue says (German wherever it
   * has the string). */
  /* gettext(), as _() of <glib/gi18n.h>: g_dgettext() decides once per
   * process whether to translate at all. */
  german = gettext ("_Next");
  g_test_message ("German for _Next: %s", german);
  g_assert_cmpstr (next_label (window), ==, german);
  if (g_strcmp0 (german, "_Next") != 0)
    {
      g_assert_cmpstr (next_label (window), !=, "_Next");
      /* A string from the page's .ui file, too. */
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (window, MSA_TYPE_ACCOUNT_TYPE_PAGE, "email_row"))),
                       ==, gettext ("E-mail address (optional)"));
    }

  g_action_group_activate_action (G_ACTION_GROUP (app), "language", g_variant_new_string ("en"));
  iterate ();
  window = app_window (app);
  g_assert_cmpstr (next_label (window), ==, "_Next");
  g_assert_cmpstr (page_name (window), ==, "account-type");
  g_assert_cmpstr (msa_wizard_state_get_email_address (msa_window_get_state (window)), ==, "anna@example.org");

  /* The answers are remembered for the next run. */
  g_assert_cmpstr (g_settings_get_string (settings, "account-type"), ==, "pop3");

  g_action_group_activate_action (G_ACTION_GROUP (app), "language", g_variant_new_string (""));
  iterate ();
  gtk_window_destroy (GTK_WINDOW (app_window (app)));
  iterate ();
  g_object_unref (app);
}

static void
test_saved_language (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);
  g_autoptr(GVariant) action_state = NULL;
  MsaApplication *app;
  MsaWindow *window;

  /* The saved language is in force before the first window exists. */
  g_settings_set_string (settings, "language", "de");
  app = new_application ();
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "de");
  action_state = g_action_group_get_action_state (G_ACTION_GROUP (app), "language");
  g_assert_cmpstr (g_variant_get_string (action_state, NULL), ==, "de");
  g_application_activate (G_APPLICATION (app));
  window = app_window (app);
  g_assert_cmpstr (next_label (window), ==, gettext ("_Next"));

  /* "System" gives the session's LANGUAGE back (none here). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "language", g_variant_new_string (""));
  iterate ();
  g_assert_null (g_getenv ("LANGUAGE"));
  g_assert_cmpstr (g_settings_get_string (settings, "language"), ==, "");
  g_assert_cmpstr (next_label (app_window (app)), ==, "_Next");

  gtk_window_destroy (GTK_WINDOW (app_window (app)));
  iterate ();
  g_object_unref (app);
}

/* Whether the window is (or is not) narrow, header bar and width. */
static gboolean
is_narrow (MsaWindow *window,
           gboolean   narrow)
{
  int width = gtk_widget_get_width (GTK_WIDGET (window));

  return msa_window_get_narrow (window) == narrow && (narrow ? width <= 360 : width > 360);
}

/* Iterates until the window's header bar is (or is not) in its narrow
 * form and the window has the width asked for (the header bar turns
 * narrow as soon as a narrow width is asked for), at most 5 s. */
static gboolean
wait_narrow (MsaWindow *window,
             gboolean   narrow)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!is_narrow (window, narrow) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  return is_narrow (window, narrow);
}

/* Appends to @cut every label under @widget that is on screen and cut
 * off with "…", as "“text”". */
static void
collect_cut (GtkWidget *widget,
             GString   *cut)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      GtkLabel *label = GTK_LABEL (widget);

      if (gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE &&
          pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_string_append_printf (cut, " “%s”", gtk_label_get_text (label));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cut (child, cut);
}

/* What the window shows cut off once laid out: iterates until nothing
 * is, at most 2 s (the frame clock lays out, not iterate ()). */
static char *
wait_cut (MsaWindow *window)
{
  g_autoptr(GString) cut = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  for (;;)
    {
      g_string_truncate (cut, 0);
      collect_cut (GTK_WIDGET (window), cut);
      if (cut->len == 0 || g_get_monotonic_time () >= deadline)
        break;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return cut->len > 0 ? g_string_free (g_steal_pointer (&cut), FALSE) : NULL;
}

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* The first label under @widget, in the order they are shown. */
static GtkWidget *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = first_label (child);

      if (label != NULL)
        return label;
    }

  return NULL;
}

/* The header bar's title as shown: which of the squeezer's forms (one
 * line, wrapped at words, smaller), or NULL while it shows less than the
 * page's whole title: another text, or a form wider or taller than its
 * room (said in a test message if @report). */
static const char *
title_form (MsaWindow *window,
            MsaPage   *page,
            gboolean   report)
{
  AdwSqueezer *squeezer = ADW_SQUEEZER (gtk_widget_get_template_child (GTK_WIDGET (window), MSA_TYPE_WINDOW, "title_squeezer"));
  GtkWidget *shown = adw_squeezer_get_visible_child (squeezer);
  int width = gtk_widget_get_width (GTK_WIDGET (squeezer));
  int height = 0;
  GtkWidget *title;
  GtkWidget *subtitle;

  if (shown == NULL)
    return NULL;
  title = first_label (shown);
  subtitle = title != NULL ? gtk_widget_get_next_sibling (title) : NULL;
  if (title == NULL || subtitle == NULL || !GTK_IS_LABEL (subtitle))
    return NULL;
  gtk_widget_measure (shown, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (title)), msa_page_get_title (page)) != 0 ||
      !gtk_widget_get_visible (subtitle) ||
      min_width (shown) > width ||
      height > gtk_widget_get_height (GTK_WIDGET (squeezer)))
    {
      if (report)
        g_test_message ("title “%s”: needs %d×%d px, has %d×%d px",
                        gtk_label_get_text (GTK_LABEL (title)), min_width (shown), height,
                        width, gtk_widget_get_height (GTK_WIDGET (squeezer)));
      return NULL;
    }

  return gtk_label_get_wrap (GTK_LABEL (title))
         ? gtk_label_get_wrap_mode (GTK_LABEL (title)) == PANGO_WRAP_WORD ? "wrapped" : "smaller"
         : "one line";
}

/* At 360 px, in the window's language and at the text scale set: the
 * page title whole, Back and Next icon buttons that still say what they
 * do, Next the suggested default, no page, header bar included, asking
 * for more than 360 px, and nothing on a page cut off with "…".  The
 * minimum width is what counts: a wrapping label's natural width is its
 * whole text on one line, whatever the window's width. */
static void
check_narrow (MsaWindow *window)
{
  GtkWidget *back_button = find_action_button (GTK_WIDGET (window), "wizard.back");
  GtkWidget *next_button = find_action_button (GTK_WIDGET (window), "wizard.next");
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  guint n_pages = msa_window_get_n_pages (window);
  guint start = msa_window_get_page_index (window);
  GtkWidget *subtitle = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), MSA_TYPE_WINDOW, "subtitle_label"));

  g_assert_false (msa_window_get_narrow (window));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (back_button)), ==, gettext ("_Back"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next_button)), ==, gettext ("_Next"));
  g_assert_true (gtk_widget_get_visible (subtitle));

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  g_assert_true (wait_narrow (window, TRUE));
  iterate ();
  /* The step stays under the title. */
  g_assert_true (gtk_widget_get_visible (subtitle));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (back_button)), ==, "go-previous-symbolic");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (next_button)), ==, "go-next-symbolic");
  g_assert_null (gtk_button_get_label (GTK_BUTTON (next_button)));
  g_assert_nonnull (gtk_widget_get_tooltip_text (back_button));
  g_assert_nonnull (gtk_widget_get_tooltip_text (next_button));
  g_assert_true (gtk_widget_has_css_class (next_button, "suggested-action"));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (window)) == next_button);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  /* Their words' Alt+letter still works without the words. */
  {
    g_autofree char *back_action = mnemonic_action (GTK_WIDGET (window), gettext ("_Back"));
    g_autofree char *next_action = mnemonic_action (GTK_WIDGET (window), gettext ("_Next"));

    g_assert_cmpstr (back_action, ==, "wizard.back");
    g_assert_cmpstr (next_action, ==, "wizard.next");
  }

  for (guint i = 0; i < n_pages; i++)
    {
      MsaPage *page = msa_window_get_page (window, i);
      const char *name = msa_window_get_page_name (window, i);

      g_test_message ("%s: page %d px", name, min_width (GTK_WIDGET (page)));
      g_assert_cmpint (min_width (GTK_WIDGET (page)), <=, 360);

      /* Showing the check page would start checking the real servers. */
      if (MSA_IS_CHECK_PAGE (page))
        continue;
      msa_window_set_page_index (window, i);
      iterate ();
      g_test_message ("%s: with the header bar %d px", name, min_width (content));
      g_assert_cmpint (min_width (content), <=, 360);
      /* The page title is whole, once laid out, in one of the
       * squeezer's forms, and so is the step under it. */
      for (gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
           title_form (window, page, FALSE) == NULL && g_get_monotonic_time () < deadline;)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
      g_test_message ("%s: title %s", name, title_form (window, page, TRUE));
      g_assert_nonnull (title_form (window, page, FALSE));
      /* Nothing cut off with "…", on the page (its groups' titles
       * included) or in the header bar. */
      {
        g_autofree char *cut = wait_cut (window);

        if (cut != NULL)
          g_error ("%s at 360 px: cut off:%s", name, cut);
      }
    }
  /* The last page's Next closes, and says so. */
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (next_button)), ==, "object-select-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (next_button), ==, gettext ("Close the assistant"));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  /* Wide again: words again, the last page's own. */
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 640);
  g_assert_true (wait_narrow (window, FALSE));
  g_assert_true (gtk_widget_get_visible (subtitle));
  g_assert_null (gtk_button_get_icon_name (GTK_BUTTON (next_button)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next_button)), ==, gettext ("_Close"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (back_button)), ==, gettext ("_Back"));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (window)) == next_button);
  /* With the words back, their own mnemonics do it, not the window's. */
  {
    g_autofree char *back_action = mnemonic_action (GTK_WIDGET (window), gettext ("_Back"));
    g_autofree char *close_action = mnemonic_action (GTK_WIDGET (window), gettext ("_Close"));

    g_assert_null (back_action);
    g_assert_null (close_action);
  }

  msa_window_set_page_index (window, start);
}

/* check_narrow() in English and German, with text scaled by @scale
 * (GNOME's Large Text is 1.25; 1.5 as the screenshots take it, through
 * the font resolution as GNOME's settings daemon sets it). */
static void
narrow_at_scale (double scale)
{
  MsaApplication *app = new_application ();
  GtkSettings *settings = gtk_settings_get_default ();
  const char *german;

  /* GNOME's title bar buttons (close only), as the screenshots have
   * them, not the three GTK falls back to without a desktop. */
  g_object_set (settings, "gtk-decoration-layout", "appmenu:close", NULL);
  if (scale != 1.0)
    g_object_set (settings, "gtk-xft-dpi", (int) (scale * 96 * 1024), NULL);

  g_application_activate (G_APPLICATION (app));
  check_narrow (app_window (app));

  g_action_group_activate_action (G_ACTION_GROUP (app), "language", g_variant_new_string ("de"));
  iterate ();
  german = gettext ("_Next");
  g_test_message ("German for _Next: %s", german);
  g_assert_cmpstr (german, !=, "_Next");
  check_narrow (app_window (app));

  g_action_group_activate_action (G_ACTION_GROUP (app), "language", g_variant_new_string (""));
  iterate ();
  gtk_window_destroy (GTK_WINDOW (app_window (app)));
  iterate ();
  g_object_unref (app);
  gtk_settings_reset_property (settings, "gtk-decoration-layout");
  gtk_settings_reset_property (settings, "gtk-xft-dpi");
}

static void
test_narrow (void)
{
  narrow_at_scale (1.0);
}

static void
test_narrow_large_text (void)
{
  narrow_at_scale (1.5);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  /* The catalogues compiled in the build tree. */
  localedir = g_build_filename (g_getenv ("MSA_BUILD_ROOT"), "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/new-destroy", test_window_new_destroy);
  g_test_add_func ("/window/keyboard", test_keyboard);
  g_test_add_func ("/window/header-keys", test_header_keys);
  g_test_add_func ("/window/walk-imap", test_walk_imap);
  g_test_add_func ("/window/walk-pop3", test_walk_pop3);
  g_test_add_func ("/window/application", test_application);
  g_test_add_func ("/window/language-switch", test_language_switch);
  g_test_add_func ("/window/saved-language", test_saved_language);
  g_test_add_func ("/window/narrow", test_narrow);
  g_test_add_func ("/window/narrow-large-text", test_narrow_large_text);

  return g_test_run ();
}
