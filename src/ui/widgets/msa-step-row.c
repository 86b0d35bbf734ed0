/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-accessible.h"
#include "msa-card-row.h"
#include "msa-check-step-text.h"
#include "msa-step-row.h"

struct _MsaStepRow
{
  GtkListBoxRow  parent_instance;

  MsaCheckStep   step;
  GtkStack      *icon_stack;
  GtkLabel      *time_label;
};

G_DEFINE_FINAL_TYPE (MsaStepRow, msa_step_row, GTK_TYPE_LIST_BOX_ROW)

static void
msa_step_row_class_init (MsaStepRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
}

static void
msa_step_row_init (MsaStepRow *self)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *time_label = gtk_label_new (NULL);

  /* Every state the same size, so that a step's change never changes
   * the row's size: no new layout while the check runs. */
  gtk_stack_set_hhomogeneous (GTK_STACK (stack), TRUE);
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), TRUE);
  gtk_widget_set_size_request (stack, 16, 16);
  gtk_widget_set_valign (stack, GTK_ALIGN_CENTER);
  gtk_stack_add_named (GTK_STACK (stack),
                       msa_card_row_state_image_new ("content-loading-symbolic", "dim-label", _("Waiting")),
                       "pending");
  msa_accessible_set_label (spinner, _("In progress"));
  gtk_stack_add_named (GTK_STACK (stack), spinner, "running");
  gtk_stack_add_named (GTK_STACK (stack),
                       msa_card_row_state_image_new ("object-select-symbolic", "success", _("Done")),
                       "done");
  gtk_stack_add_named (GTK_STACK (stack),
                       msa_card_row_state_image_new ("window-close-symbolic", "error", _("Failed")),
                       "failed");
  gtk_stack_add_named (GTK_STACK (stack),
                       msa_card_row_state_image_new ("list-remove-symbolic", "dim-label", _("Skipped")),
                       "skipped");
  msa_accessible_follow_visible_child (stack);
  /* Empty until the step has a time. */
  msa_accessible_hide (time_label);

  gtk_widget_add_css_class (time_label, "dim-label");
  gtk_widget_add_css_class (time_label, "numeric");
  /* Room for "9999 ms" from the start: a time that appears does not
   * make the row re-measure its title. */
  gtk_label_set_width_chars (GTK_LABEL (time_label), 7);
  gtk_label_set_xalign (GTK_LABEL (time_label), 1);

  gtk_widget_add_css_class (GTK_WIDGET (self), "msa-step");
  self->icon_stack = GTK_STACK (stack);
  self->time_label = GTK_LABEL (time_label);
}

/**
 * msa_step_row_new:
 * @step: the step the row shows
 *
 * Returns: (transfer floating): a new #MsaStepRow, pending
 */
GtkWidget *
msa_step_row_new (MsaCheckStep step)
{
  MsaStepRow *self = g_object_new (MSA_TYPE_STEP_ROW, NULL);

  self->step = step;
  msa_card_row_fill (GTK_LIST_BOX_ROW (self), msa_check_step_get_title (step),
                     GTK_WIDGET (self->icon_stack), GTK_WIDGET (self->time_label));
  return GTK_WIDGET (self);
}

/**
 * msa_step_row_set_state:
 * @self: a #MsaStepRow
 * @state: the step's state
 * @ms: how long it took, for a step that is done or failed
 *
 * Shows @state, and the time of a step that ended.
 */
void
msa_step_row_set_state (MsaStepRow   *self,
                        MsaStepState  state,
                        double        ms)
{
  const char *name = "pending";
  g_autofree char *time = NULL;

  g_return_if_fail (MSA_IS_STEP_ROW (self));

  switch (state)
    {
    case MSA_STEP_STATE_PENDING:
      name = "pending";
      break;
    case MSA_STEP_STATE_RUNNING:
      name = "running";
      break;
    case MSA_STEP_STATE_DONE:
      name = "done";
      break;
    case MSA_STEP_STATE_FAILED:
      name = "failed";
      break;
    case MSA_STEP_STATE_SKIPPED:
      name = "skipped";
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_stack_set_visible_child_name (self->icon_stack, name);
  /* A spinner that is not shown must not keep the frame clock busy. */
  gtk_spinner_set_spinning (GTK_SPINNER (gtk_stack_get_child_by_name (self->icon_stack, "running")),
                            state == MSA_STEP_STATE_RUNNING);

  /* The certificate is judged in the handshake: no time of its own. */
  if ((state == MSA_STEP_STATE_DONE || state == MSA_STEP_STATE_FAILED)
      && self->step != MSA_CHECK_STEP_CERTIFICATE)
    {
      if (ms < 1.0)
        /* Translators: a step that took less than a millisecond */
        time = g_strdup (_("< 1 ms"));
      else
        /* Translators: a step's duration in milliseconds */
        time = g_strdup_printf (_("%.0f ms"), ms);
    }
  gtk_label_set_text (self->time_label, time != NULL ? time : "");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->time_label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, time == NULL,
                               -1);
}
