/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A row that shows one setting (its name as the title, the value below it
 * in the larger type) with a button that copies the value.  The row only
 * copies and says so through MsaCopyRow::copied; whoever shows the row
 * decides how to tell the user (a toast on the settings page). */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-copy-row.h"
#include "msa-glib-compat.h"
#include "msa-text-layout.h"
#include "msa-tooltip.h"

struct _MsaCopyRow
{
  AdwActionRow  parent_instance;

  /* Template children */
  GtkButton    *copy_button;

  /* Owned state */
  char         *value;
  gboolean      copyable;
};

G_DEFINE_FINAL_TYPE (MsaCopyRow, msa_copy_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_COPYABLE,
  N_PROPS
};

enum {
  COPIED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The button has only an icon: its tooltip and accessible name say what
 * it copies ("Copy Server"), so a screen reader user hears more than
 * "Copy, Copy, Copy". */
static void
update_button_label (MsaCopyRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  g_autofree char *label = NULL;

  if (title != NULL && title[0] != '\0')
    /* Translators: tooltip of a copy button; %s is what it copies, e.g. "Port" */
    label = g_strdup_printf (_("Copy %s"), title);
  else
    label = g_strdup (_("Copy"));

  msa_tooltip_set_text (GTK_WIDGET (self->copy_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
on_title_changed_cb (MsaCopyRow *self)
{
  update_button_label (self);
}

static void
on_copy_button_clicked_cb (MsaCopyRow *self)
{
  msa_copy_row_copy (self);
}

static void
msa_copy_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MSA_TYPE_COPY_ROW);

  G_OBJECT_CLASS (msa_copy_row_parent_class)->dispose (object);
}

static void
msa_copy_row_finalize (GObject *object)
{
  MsaCopyRow *self = MSA_COPY_ROW (object);

  g_clear_pointer (&self->value, g_free);

  G_OBJECT_CLASS (msa_copy_row_parent_class)->finalize (object);
}

static void
msa_copy_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MsaCopyRow *self = MSA_COPY_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;

    case PROP_COPYABLE:
      g_value_set_boolean (value, self->copyable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_copy_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MsaCopyRow *self = MSA_COPY_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      msa_copy_row_set_value (self, g_value_get_string (value));
      break;

    case PROP_COPYABLE:
      msa_copy_row_set_copyable (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_copy_row_class_init (MsaCopyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msa_copy_row_dispose;
  object_class->finalize = msa_copy_row_finalize;
  object_class->get_property = msa_copy_row_get_property;
  object_class->set_property = msa_copy_row_set_property;

  /**
   * MsaCopyRow:value:
   *
   * The value shown below the title and copied by the button.  Shown as
   * plain text, never as markup.
   */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * MsaCopyRow:copyable:
   *
   * Whether the copy button is shown; %FALSE for a value that is an
   * explanation rather than something to paste.
   */
  properties[PROP_COPYABLE] =
    g_param_spec_boolean ("copyable", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MsaCopyRow::copied:
   * @self: the row
   *
   * Emitted after the value was put on the clipboard.
   */
  signals[COPIED] =
    g_signal_new ("copied",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/widgets/msa-copy-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaCopyRow, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_button_clicked_cb);
}

static void
msa_copy_row_init (MsaCopyRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A page holds a dozen of these rows: see msa-text-layout.c. */
  msa_text_layout_adopt_row (GTK_WIDGET (self));

  self->copyable = TRUE;

  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_changed_cb), NULL);
  update_button_label (self);
}

/**
 * msa_copy_row_new:
 * @title: (nullable): what the value is ("Server")
 * @value: (nullable): the value ("sslin.df.eu")
 *
 * Returns: (transfer full): a new #MsaCopyRow
 */
GtkWidget *
msa_copy_row_new (const char *title,
                  const char *value)
{
  return g_object_new (MSA_TYPE_COPY_ROW,
                       "title", title,
                       "value", value,
                       NULL);
}

/**
 * msa_copy_row_get_value:
 * @self: a #MsaCopyRow
 *
 * Returns: (transfer none) (nullable): the value
 */
const char *
msa_copy_row_get_value (MsaCopyRow *self)
{
  g_return_val_if_fail (MSA_IS_COPY_ROW (self), NULL);

  return self->value;
}

/**
 * msa_copy_row_set_value:
 * @self: a #MsaCopyRow
 * @value: (nullable): the value to show and copy
 */
void
msa_copy_row_set_value (MsaCopyRow *self,
                        const char *value)
{
  g_return_if_fail (MSA_IS_COPY_ROW (self));

  if (!msa_set_str (&self->value, value))
    return;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), value != NULL ? value : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button),
                            value != NULL && value[0] != '\0');

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/**
 * msa_copy_row_get_copyable:
 * @self: a #MsaCopyRow
 *
 * Returns: whether the row offers to copy its value
 */
gboolean
msa_copy_row_get_copyable (MsaCopyRow *self)
{
  g_return_val_if_fail (MSA_IS_COPY_ROW (self), FALSE);

  return self->copyable;
}

/**
 * msa_copy_row_set_copyable:
 * @self: a #MsaCopyRow
 * @copyable: whether to offer the copy button
 */
void
msa_copy_row_set_copyable (MsaCopyRow *self,
                           gboolean    copyable)
{
  g_return_if_fail (MSA_IS_COPY_ROW (self));

  copyable = !!copyable;
  if (self->copyable == copyable)
    return;

  self->copyable = copyable;
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), copyable);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self),
                                         copyable ? GTK_WIDGET (self->copy_button) : NULL);
  /* The row labels its activatable widget with its title; the button's
   * own name ("Copy Port") says it already: not "Copy Port Port". */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->copy_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  /* A row that does nothing is no Tab stop: Enter there would go on to
   * the window's default button. */
  gtk_widget_set_focusable (GTK_WIDGET (self), copyable);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), copyable);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COPYABLE]);
}

/**
 * msa_copy_row_copy:
 * @self: a #MsaCopyRow
 *
 * Puts the value on the clipboard and emits MsaCopyRow::copied.  Does
 * nothing when the row is not copyable or has no value.
 */
void
msa_copy_row_copy (MsaCopyRow *self)
{
  GdkClipboard *clipboard;

  g_return_if_fail (MSA_IS_COPY_ROW (self));

  if (!self->copyable || self->value == NULL || self->value[0] == '\0')
    return;

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  gdk_clipboard_set_text (clipboard, self->value);

  g_signal_emit (self, signals[COPIED], 0);
}
