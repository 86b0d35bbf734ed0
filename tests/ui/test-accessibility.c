/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every button that shows only an icon says what it does: a tooltip for
 * the eye and an accessible label for a screen reader.  Checked on every
 * page of the real window, 1024 px and 360 px wide (where Back and Next
 * become icons), in English and German. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "msa-ui-test.h"
#include "msa-window-private.h"
#include "pages/msa-check-page.h"

/* A button's own words, if it shows any: its label, or a label inside
 * it (AdwButtonContent, a box of image and label). */
static gboolean
has_visible_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_widget_get_visible (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0';

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && has_visible_text (child))
      return TRUE;

  return FALSE;
}

/* Its own label: GTK gives every button a "labelled by" relation to
 * its child, which for an icon says nothing, and a tooltip becomes a
 * description, not a name. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Collects the icon-only buttons on screen under @widget. */
static void
collect_icon_buttons (GtkWidget *widget,
                      GPtrArray *buttons)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      /* The title bar's own close button is GTK's. */
      if (GTK_IS_WINDOW_CONTROLS (child))
        continue;
      /* A menu button is the control; its inner button is its part. */
      if (GTK_IS_MENU_BUTTON (child) || GTK_IS_BUTTON (child))
        {
          if (!has_visible_text (child))
            g_ptr_array_add (buttons, child);
          continue;
        }
      collect_icon_buttons (child, buttons);
    }
}

static void
iterate (void)
{
  for (guint i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* Checks the current page's icon buttons; returns how many there were. */
static guint
check_page (MsaWindow  *window,
            const char *where)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_icon_buttons (GTK_WIDGET (window), buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      const char *tooltip = gtk_widget_get_tooltip_text (button);

      g_test_message ("%s: %s “%s”", where, G_OBJECT_TYPE_NAME (button),
                      tooltip != NULL ? tooltip : "(no tooltip)");
      if (tooltip == NULL || tooltip[0] == '\0')
        g_error ("%s: an icon-only %s has no tooltip", where, G_OBJECT_TYPE_NAME (button));
      if (!has_accessible_name (button))
        g_error ("%s: the icon-only %s “%s” has no accessible label", where,
                 G_OBJECT_TYPE_NAME (button), tooltip);
    }

  return buttons->len;
}

static void
check_window (int width)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaWindow *window = msa_window_new (NULL, state);
  guint n_icon_buttons = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  for (guint i = 0; i < msa_window_get_n_pages (window); i++)
    {
      MsaPage *page = msa_window_get_page (window, i);
      g_autofree char *where = NULL;

      /* Showing the check page would check the provider's real servers;
       * its buttons all show words (tests/ui/test-check-page.c). */
      if (MSA_IS_CHECK_PAGE (page))
        continue;
      msa_window_set_page_index (window, i);
      iterate ();
      where = g_strdup_printf ("%s at %d px", msa_window_get_page_name (window, i), width);
      n_icon_buttons += check_page (window, where);
    }

  /* Something was checked: the main menu at least, and at 360 px Back
   * and Next on every page, and the settings page's copy buttons. */
  g_assert_cmpuint (n_icon_buttons, >=, width < 520 ? 13 : 7);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

static void
test_icon_buttons (gconstpointer data)
{
  const char *language = data;

  g_setenv ("LANGUAGE", language, TRUE);
  /* gettext honours LANGUAGE in C.UTF-8, not in "C". */
  if (g_strcmp0 (setlocale (LC_MESSAGES, ""), "C") == 0)
    setlocale (LC_MESSAGES, "C.UTF-8");
  /* Makes gettext drop what it cached for the other language. */
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (gettext ("_Next"), ==, g_str_equal (language, "de") ? "_Weiter" : "_Next");

  check_window (1024);
  check_window (360);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = g_build_filename (g_getenv ("MSA_BUILD_ROOT"), "po", NULL);

  /* The test AT context records what widgets tell assistive technology. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* The catalogue compiled in the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  msa_ui_test_init (&argc, &argv);

  /* German first: GLib decides at its first g_dgettext () whether to
   * translate at all, and with LANGUAGE=en it would decide against it
   * (see test-i18n-window.c). */
  g_test_add_data_func ("/accessibility/icon-buttons/de", "de", test_icon_buttons);
  g_test_add_data_func ("/accessibility/icon-buttons/en", "en", test_icon_buttons);

  return g_test_run ();
}
