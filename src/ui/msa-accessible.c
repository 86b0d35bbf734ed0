/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-accessible.h"

static void
set_hidden (GtkWidget *widget,
            gboolean   hidden)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_HIDDEN, hidden,
                               -1);
}

void
msa_accessible_sync_visible_child (GtkWidget *container)
{
  g_autoptr(GtkWidget) visible = NULL;

  g_object_get (container, "visible-child", &visible, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (container);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gboolean hidden = child != visible;

      set_hidden (child, hidden);
      /* GTK 4.8 puts a stack's page between the stack and its child. */
      if (GTK_IS_STACK (container))
        {
          GtkStackPage *page = gtk_stack_get_page (GTK_STACK (container), child);

          if (GTK_IS_ACCESSIBLE (page))
            gtk_accessible_update_state (GTK_ACCESSIBLE (page),
                                         GTK_ACCESSIBLE_STATE_HIDDEN, hidden,
                                         -1);
        }
    }
}

void
msa_accessible_follow_visible_child (GtkWidget *container)
{
  g_return_if_fail (g_object_class_find_property (G_OBJECT_GET_CLASS (container),
                                                  "visible-child") != NULL);

  g_signal_connect (container, "notify::visible-child",
                    G_CALLBACK (msa_accessible_sync_visible_child), NULL);
  msa_accessible_sync_visible_child (container);
}

void
msa_accessible_hide (GtkWidget *widget)
{
  set_hidden (widget, TRUE);
}

void
msa_accessible_set_label (GtkWidget  *widget,
                          const char *label)
{
  g_object_set_data (G_OBJECT (widget), "msa-accessible-named", GINT_TO_POINTER (TRUE));
  set_hidden (widget, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static gboolean
is_picture (GtkWidget *widget)
{
  /* GtkBuiltinIcon, the box of a check button, is not public. */
  return GTK_IS_IMAGE (widget) || GTK_IS_PICTURE (widget) || GTK_IS_SPINNER (widget) ||
         g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkBuiltinIcon") == 0;
}

static void
tidy (GtkWidget *widget,
      gboolean   in_entry_row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (is_picture (child))
        {
          if (g_object_get_data (G_OBJECT (child), "msa-accessible-named") == NULL)
            set_hidden (child, TRUE);
          continue;
        }
      if (in_entry_row && GTK_IS_LABEL (child))
        set_hidden (child, TRUE);
      tidy (child, in_entry_row || ADW_IS_ENTRY_ROW (child));
    }
}

void
msa_accessible_tidy (GtkWidget *root)
{
  tidy (root, ADW_IS_ENTRY_ROW (root));
}

static void
on_select_activate_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWidget *widget = user_data;

  if (GTK_IS_CHECK_BUTTON (widget))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), TRUE);
  else
    gtk_widget_activate (widget);
}

void
msa_accessible_add_action (GtkWidget  *widget,
                           const char *name)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new (name, NULL);

  /* GTK lists a widget's own actions (prefix.name) as its AT-SPI actions,
   * those without a parameter. */
  g_signal_connect_object (action, "activate", G_CALLBACK (on_select_activate_cb), widget, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (widget,
                                  GTK_IS_CHECK_BUTTON (widget) ? "choice" : "row",
                                  G_ACTION_GROUP (group));
}

void
msa_accessible_announce (GtkWidget  *widget,
                         const char *text)
{
#if GTK_CHECK_VERSION (4, 14, 0)
  gtk_accessible_announce (GTK_ACCESSIBLE (widget), text,
                           GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
#else
  GtkRoot *root = gtk_widget_get_root (widget);

  /* No announcements before GTK 4.14: a screen reader reads what takes
   * the focus.  Only while the window is the user's, and never away from
   * a text field the user is typing in. */
  msa_accessible_set_label (widget, text);
  if (!GTK_IS_WINDOW (root) || !gtk_window_is_active (GTK_WINDOW (root)))
    return;
  if (GTK_IS_EDITABLE (gtk_root_get_focus (root)) || GTK_IS_TEXT (gtk_root_get_focus (root)))
    return;
  if (GTK_IS_LABEL (widget))
    gtk_label_set_selectable (GTK_LABEL (widget), TRUE);
  gtk_widget_set_focusable (widget, TRUE);
  /* Not gtk_widget_grab_focus(): GTK 4.8's label would select all of
   * itself, and fail a critical check when nothing had the focus. */
  gtk_root_set_focus (root, widget);
#endif
}

static void
on_choose_activate_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (action), "msa-position"));

  adw_combo_row_set_selected (ADW_COMBO_ROW (user_data), position);
}

void
msa_accessible_add_choice_actions (GtkWidget          *combo_row,
                                   const char * const *keys)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_return_if_fail (ADW_IS_COMBO_ROW (combo_row));

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (keys[i], NULL);

      g_object_set_data (G_OBJECT (action), "msa-position", GUINT_TO_POINTER (i));
      g_signal_connect_object (action, "activate", G_CALLBACK (on_choose_activate_cb), combo_row, 0);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (combo_row, "choose", G_ACTION_GROUP (group));
}
