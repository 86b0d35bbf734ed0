/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "msa-ui-test.h"
#include "widgets/msa-copy-row.h"

static void
test_copy_row_new_destroy (void)
{
  GtkWidget *row = msa_copy_row_new ("Server", "sslin.df.eu");

  g_object_ref_sink (row);
  g_assert_cmpstr (msa_copy_row_get_value (MSA_COPY_ROW (row)), ==, "sslin.df.eu");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "sslin.df.eu");
  g_assert_true (msa_copy_row_get_copyable (MSA_COPY_ROW (row)));
  g_assert_finalize_object (row);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_copy_row_properties (void)
{
  g_autoptr(GtkWidget) row = g_object_ref_sink (msa_copy_row_new ("Port", NULL));
  guint notified = 0;

  g_signal_connect (row, "notify::value", G_CALLBACK (on_notify_cb), &notified);

  msa_copy_row_set_value (MSA_COPY_ROW (row), "993");
  msa_copy_row_set_value (MSA_COPY_ROW (row), "993");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (msa_copy_row_get_value (MSA_COPY_ROW (row)), ==, "993");

  /* Values are plain text: markup characters stay as they are. */
  msa_copy_row_set_value (MSA_COPY_ROW (row), "<b>a&b</b>");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "<b>a&b</b>");

  msa_copy_row_set_copyable (MSA_COPY_ROW (row), FALSE);
  g_assert_false (msa_copy_row_get_copyable (MSA_COPY_ROW (row)));
}

static GtkWidget *
find_copy_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "edit-copy-symbolic") == 0)
        return child;

      if ((found = find_copy_button (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_copy_row_button_label (void)
{
  g_autoptr(GtkWidget) row = g_object_ref_sink (msa_copy_row_new ("Server", "sslin.df.eu"));
  GtkWidget *button = find_copy_button (row);

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Copy Server");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Port");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Copy Port");
}

static void
on_copied_cb (MsaCopyRow *row,
              gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_copy_row_copy (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = msa_copy_row_new ("Server", "sslout.df.eu");
  g_autofree char *text = NULL;
  g_autofree char *unchanged = NULL;
  guint copied = 0;

  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (row, "copied", G_CALLBACK (on_copied_cb), &copied);

  /* Press the button the way a click does. */
  g_signal_emit_by_name (find_copy_button (row), "clicked");
  g_assert_cmpuint (copied, ==, 1);
  text = msa_ui_test_read_clipboard (row);
  g_assert_cmpstr (text, ==, "sslout.df.eu");

  /* Activating the row in its list (Enter on it) presses the button,
   * which GTK animates before it says "clicked". */
  msa_copy_row_set_value (MSA_COPY_ROW (row), "465");
  gtk_widget_activate (row);
  g_assert_true (msa_ui_test_wait_count (&copied, 2, 10));
  g_free (text);
  text = msa_ui_test_read_clipboard (row);
  g_assert_cmpstr (text, ==, "465");

  /* A row that only explains copies nothing. */
  msa_copy_row_set_value (MSA_COPY_ROW (row), "Your e-mail address");
  msa_copy_row_set_copyable (MSA_COPY_ROW (row), FALSE);
  msa_copy_row_copy (MSA_COPY_ROW (row));
  g_assert_cmpuint (copied, ==, 2);
  unchanged = msa_ui_test_read_clipboard (row);
  g_assert_cmpstr (unchanged, ==, "465");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* One Tab stop a value: the row (Enter on it copies); the button is
 * none.  A row without a value to copy is no stop at all. */
static void
test_copy_row_tab_stops (void)
{
  g_autoptr(GtkWidget) row = g_object_ref_sink (msa_copy_row_new ("Server", "sslin.df.eu"));

  g_assert_true (gtk_widget_get_focusable (row));
  g_assert_false (gtk_widget_get_focusable (find_copy_button (row)));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));

  msa_copy_row_set_copyable (MSA_COPY_ROW (row), FALSE);
  g_assert_false (gtk_widget_get_focusable (row));
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
}

int
main (int   argc,
      char *argv[])
{
  msa_ui_test_init (&argc, &argv);

  g_test_add_func ("/copy-row/new-destroy", test_copy_row_new_destroy);
  g_test_add_func ("/copy-row/properties", test_copy_row_properties);
  g_test_add_func ("/copy-row/button-label", test_copy_row_button_label);
  g_test_add_func ("/copy-row/copy", test_copy_row_copy);
  g_test_add_func ("/copy-row/tab-stops", test_copy_row_tab_stops);

  return g_test_run ();
}
