/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-accessible.h"
#include "msa-discovery-text.h"
#include "msa-source-row.h"
#include "msa-tooltip.h"

struct _MsaSourceRow
{
  AdwActionRow        parent_instance;

  MsaDiscoverySource *source;
  GtkSpinner         *spinner;
  GtkImage           *image;
};

G_DEFINE_FINAL_TYPE (MsaSourceRow, msa_source_row, ADW_TYPE_ACTION_ROW)

static void
set_icon (MsaSourceRow *self,
          const char   *icon_name,
          const char   *style,
          const char   *label)
{
  static const char * const styles[] = { "success", "warning", "error", "dim-label" };
  GtkWidget *image = GTK_WIDGET (self->image);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (image, styles[i]);
  gtk_widget_set_visible (image, icon_name != NULL);
  if (icon_name == NULL)
    return;
  gtk_image_set_from_icon_name (self->image, icon_name);
  gtk_widget_add_css_class (image, style);
  msa_tooltip_set_text (image, label);
  msa_accessible_set_label (image, label);
}

static void
update (MsaSourceRow *self)
{
  MsaDiscoveryResult result = msa_discovery_source_get_result (self->source);
  const GError *error = msa_discovery_source_get_error (self->source);
  const char *label = msa_discovery_result_get_label (result);
  gboolean running = result == MSA_DISCOVERY_RESULT_RUNNING;
  g_autofree char *subtitle = NULL;

  if (error != NULL)
    /* Translators: a source's result and the reason, e.g. “Failed – The web server did not answer in time.” */
    subtitle = g_strdup_printf (_("%s – %s"), label, error->message);
  else
    subtitle = g_strdup (label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  switch (result)
    {
    case MSA_DISCOVERY_RESULT_FOUND:
      set_icon (self, "emblem-ok-symbolic", "success", label);
      break;
    case MSA_DISCOVERY_RESULT_UNENCRYPTED:
      set_icon (self, "channel-insecure-symbolic", "warning", label);
      break;
    case MSA_DISCOVERY_RESULT_ERROR:
      set_icon (self, "dialog-warning-symbolic", "error", label);
      break;
    case MSA_DISCOVERY_RESULT_NOT_FOUND:
      set_icon (self, "action-unavailable-symbolic", "dim-label", label);
      break;
    case MSA_DISCOVERY_RESULT_PENDING:
    case MSA_DISCOVERY_RESULT_RUNNING:
    case MSA_DISCOVERY_RESULT_SKIPPED:
    default:
      set_icon (self, NULL, NULL, NULL);
      break;
    }
}

static void
msa_source_row_dispose (GObject *object)
{
  MsaSourceRow *self = MSA_SOURCE_ROW (object);

  g_clear_object (&self->source);

  G_OBJECT_CLASS (msa_source_row_parent_class)->dispose (object);
}

static void
msa_source_row_class_init (MsaSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = msa_source_row_dispose;
}

static void
msa_source_row_init (MsaSourceRow *self)
{
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *image = gtk_image_new ();

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 100);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  msa_accessible_set_label (spinner, msa_discovery_result_get_label (MSA_DISCOVERY_RESULT_RUNNING));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), spinner);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), image);
  self->spinner = GTK_SPINNER (spinner);
  self->image = GTK_IMAGE (image);
}

/**
 * msa_source_row_new:
 * @source: the source to show
 *
 * Returns: (transfer floating): a new #MsaSourceRow, which follows
 *   @source's result
 */
GtkWidget *
msa_source_row_new (MsaDiscoverySource *source)
{
  MsaSourceRow *self;

  g_return_val_if_fail (MSA_IS_DISCOVERY_SOURCE (source), NULL);

  self = g_object_new (MSA_TYPE_SOURCE_ROW, NULL);
  self->source = g_object_ref (source);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 msa_discovery_source_kind_get_label (msa_discovery_source_get_kind (source)));
  g_signal_connect_object (source, "notify::result", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}
