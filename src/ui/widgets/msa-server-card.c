/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One server's check, shown live: which server, a verdict in plain words,
 * a row per step (spinner while it runs, then a done or failed icon), the
 * warnings, and the technical details behind an expander.
 *
 * The card is a view: it reads everything from its MsaServerCheck each
 * time the check says something changed, so it can be bound to a check
 * that already finished (screenshots, going back to the page) as well as
 * to one that is running.  Everything that came from the network is
 * passed through msa_report_sanitize() and shown as plain text. */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-server-card-private.h"

#include "msa-accessible.h"
#include "msa-report.h"

#include "msa-certificate-text.h"
#include "msa-check-step-text.h"
#include "msa-card-row.h"
#include "msa-detail-row.h"
#include "msa-step-row.h"
#include "msa-text-block.h"

typedef enum
{
  DETAIL_ADDRESS,
  DETAIL_TLS_VERSION,
  DETAIL_CIPHER,
  DETAIL_SUBJECT,
  DETAIL_ISSUER,
  DETAIL_VALIDITY,
  DETAIL_NAMES,
  DETAIL_PROBLEMS,
  DETAIL_FINGERPRINT,
  DETAIL_GREETING,
  DETAIL_MESSAGE,
  N_DETAILS
} Detail;

struct _MsaServerCard
{
  AdwBin          parent_instance;

  gboolean        offline;   /* the page says the computer is offline */

  /* Template children */
  GtkImage       *protocol_icon;
  GtkLabel       *title_label;
  GtkLabel       *address_label;
  GtkListBox     *list;
  GtkListBoxRow  *verdict_row;
  GtkLabel       *verdict_title_label;
  GtkLabel       *verdict_text_label;
  GtkStack       *verdict_stack;
  GtkImage       *verdict_idle_image;
  GtkSpinner     *verdict_spinner;
  GtkImage       *verdict_passed_image;
  GtkImage       *verdict_warning_image;
  GtkImage       *verdict_failed_image;
  GtkListBoxRow  *details_row;
  GtkLabel       *details_title_label;
  GtkLabel       *details_subtitle_label;

  /* Rows made in code */
  MsaStepRow     *steps[MSA_CHECK_N_STEPS];
  MsaDetailRow   *details[N_DETAILS];
  GPtrArray      *warning_rows;
  char          **shown_warnings;

  /* Owned state */
  MsaServerCheck *check;
  MsaStepState    shown_steps[MSA_CHECK_N_STEPS];
  char           *verdict_title;
  char           *verdict_text;
  gboolean        details_expanded;
};

G_DEFINE_FINAL_TYPE (MsaServerCard, msa_server_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CHECK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
detail_title (Detail detail)
{
  switch (detail)
    {
    case DETAIL_ADDRESS:
      return _("Address");
    case DETAIL_TLS_VERSION:
      return _("Protocol");
    case DETAIL_CIPHER:
      return _("Cipher");
    case DETAIL_SUBJECT:
      return _("Certificate issued to");
    case DETAIL_ISSUER:
      return _("Certificate issued by");
    case DETAIL_VALIDITY:
      return _("Valid");
    case DETAIL_NAMES:
      return _("Server names in the certificate");
    case DETAIL_PROBLEMS:
      return _("Certificate problems");
    case DETAIL_FINGERPRINT:
      return _("SHA-256 fingerprint");
    case DETAIL_GREETING:
      return _("Server greeting");
    case DETAIL_MESSAGE:
      return _("Technical message");
    case N_DETAILS:
    default:
      g_assert_not_reached ();
    }
}

static void
build_step_rows (MsaServerCard *self)
{
  for (guint i = 0; i < MSA_CHECK_N_STEPS; i++)
    {
      GtkWidget *row = msa_step_row_new (i);

      /* After the verdict row (0), before the details. */
      gtk_list_box_insert (self->list, row, 1 + i);
      self->steps[i] = MSA_STEP_ROW (row);
    }
}

static void
build_detail_rows (MsaServerCard *self)
{
  for (guint i = 0; i < N_DETAILS; i++)
    {
      GtkWidget *row = msa_detail_row_new (detail_title (i), i == DETAIL_FINGERPRINT);

      /* After the details row, which is last until now.  Shown once
       * there is a value and the expander is open. */
      gtk_list_box_append (self->list, row);
      gtk_widget_set_visible (row, FALSE);
      self->details[i] = MSA_DETAIL_ROW (row);
    }
}

static void
set_detail_text (MsaServerCard *self,
                 Detail         detail,
                 const char    *safe)
{
  gboolean has_text = safe != NULL && safe[0] != '\0';

  msa_detail_row_set_value (self->details[detail], has_text ? safe : NULL);
  /* Under a closed expander GTK would still measure the rows (GtkRevealer
   * measures its hidden child): they are shown only while it is open. */
  gtk_widget_set_visible (GTK_WIDGET (self->details[detail]), has_text && self->details_expanded);
}

static void
on_row_activated_cb (MsaServerCard *self,
                     GtkListBoxRow *row)
{
  if (row == self->details_row)
    msa_server_card_set_details_expanded (self, !self->details_expanded);
}

/* A value from the network (or a profile): shown without its control
 * characters, as plain text. */
static void
set_detail (MsaServerCard *self,
            Detail         detail,
            const char    *value)
{
  g_autofree char *safe = msa_report_sanitize (value);

  set_detail_text (self, detail, safe);
}

/* One value a line, each made safe on its own: the line breaks are ours,
 * so they must not go through msa_report_sanitize() with the values. */
static char *
join_lines (const char * const *values)
{
  GString *lines;

  if (values == NULL || values[0] == NULL)
    return NULL;

  lines = g_string_new (NULL);
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *safe = msa_report_sanitize (values[i]);

      if (i > 0)
        g_string_append_c (lines, '\n');
      g_string_append (lines, safe);
    }

  return g_string_free (lines, FALSE);
}

static void
update_details (MsaServerCard *self)
{
  MsaCertificate *certificate = msa_server_check_get_certificate (self->check);
  g_autofree char *validity = NULL;
  g_autofree char *names = NULL;
  g_autofree char *problems = NULL;
  MsaCheckError code;

  if (self->details[0] == NULL)
    return;

  set_detail (self, DETAIL_ADDRESS, msa_server_check_get_address (self->check));
  set_detail (self, DETAIL_TLS_VERSION, msa_server_check_get_tls_version (self->check));
  set_detail (self, DETAIL_CIPHER, msa_server_check_get_cipher (self->check));

  if (certificate != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      /* Worded as in the text report (msa-certificate-text.c), one
       * problem a line. */
      validity = msa_certificate_dup_validity (certificate, now);
      names = join_lines (msa_certificate_get_dns_names (certificate));
      problems = msa_certificate_problems_dup_texts (msa_certificate_get_problems (certificate),
                                                     TRUE, "\n");
    }

  set_detail (self, DETAIL_SUBJECT,
              certificate != NULL ? msa_certificate_get_subject (certificate) : NULL);
  set_detail (self, DETAIL_ISSUER,
              certificate != NULL ? msa_certificate_get_issuer (certificate) : NULL);
  set_detail (self, DETAIL_VALIDITY, validity);
  set_detail_text (self, DETAIL_NAMES, names);
  set_detail_text (self, DETAIL_PROBLEMS, problems);
  set_detail (self, DETAIL_FINGERPRINT,
              certificate != NULL ? msa_certificate_get_sha256 (certificate) : NULL);
  set_detail (self, DETAIL_GREETING, msa_server_check_get_greeting (self->check));

  /* A cancelled check needs no technical explanation. */
  if (msa_server_check_get_error_code (self->check, &code) && code != MSA_CHECK_ERROR_CANCELLED)
    {
      const char *detail = msa_server_check_get_error_detail (self->check);

      set_detail (self, DETAIL_MESSAGE,
                  detail != NULL ? detail : msa_server_check_get_error_message (self->check));
    }
  else
    set_detail (self, DETAIL_MESSAGE, NULL);
}

static void
update_steps (MsaServerCard *self)
{
  for (guint i = 0; i < MSA_CHECK_N_STEPS; i++)
    {
      MsaStepState state = MSA_STEP_STATE_PENDING;
      double ms = 0;

      if (self->check != NULL)
        {
          state = msa_server_check_get_step_state (self->check, i);
          ms = msa_server_check_get_step_ms (self->check, i);
        }
      msa_step_row_set_state (self->steps[i], state, ms);
      self->shown_steps[i] = state;
    }
}

static void
update_warnings (MsaServerCard *self)
{
  const char * const *warnings = NULL;
  guint n = 0;

  if (self->check != NULL)
    warnings = msa_server_check_get_warnings (self->check);

  /* Unchanged (the usual case, at every step): nothing to rebuild. */
  if (warnings == NULL || warnings[0] == NULL)
    {
      if (self->warning_rows->len == 0)
        return;
    }
  else if (self->shown_warnings != NULL &&
           g_strv_equal ((const char * const *) self->shown_warnings, warnings))
    return;

  g_clear_pointer (&self->shown_warnings, g_strfreev);
  if (warnings != NULL && warnings[0] != NULL)
    self->shown_warnings = g_strdupv ((char **) warnings);

  for (guint i = 0; i < self->warning_rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->warning_rows, i));
  g_ptr_array_set_size (self->warning_rows, 0);

  for (; warnings != NULL && warnings[n] != NULL; n++)
    {
      g_autofree char *safe = msa_report_sanitize (warnings[n]);
      GtkWidget *icon = msa_card_row_state_image_new ("dialog-warning-symbolic", "warning", _("Warning"));
      GtkWidget *row = msa_card_row_new (safe, icon, NULL);

      gtk_widget_add_css_class (row, "msa-warning");

      gtk_list_box_insert (self->list, row, 1 + MSA_CHECK_N_STEPS + n);
      g_ptr_array_add (self->warning_rows, row);
    }
}

static void
set_verdict (MsaServerCard *self,
             const char    *page,
             const char    *title,
             const char    *text)
{
  g_free (self->verdict_title);
  self->verdict_title = g_strdup (title);
  g_free (self->verdict_text);
  self->verdict_text = g_strdup (text);

  gtk_stack_set_visible_child_name (self->verdict_stack, page);
  gtk_spinner_set_spinning (self->verdict_spinner, g_str_equal (page, "running"));

  gtk_label_set_text (self->verdict_title_label, title);
  gtk_label_set_text (self->verdict_text_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_text_label), text != NULL && text[0] != '\0');

  /* Our own classes: libadwaita's "success" on a row would colour the
   * explanation under the verdict too, and make it hard to read. */
  /* Only what changes: a style change re-measures the row. */
  {
    const char *classes[] = { "passed", "warning", "failed" };

    for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
      {
        g_autofree char *name = g_strconcat ("msa-", classes[i], NULL);

        if (g_str_equal (page, classes[i]))
          gtk_widget_add_css_class (GTK_WIDGET (self->verdict_row), name);
        else
          gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_row), name);
      }
  }
}

static void
update_verdict (MsaServerCard *self)
{
  MsaCheckState state = MSA_CHECK_STATE_IDLE;
  const char * const *warnings;
  MsaCheckError code;

  if (self->check != NULL)
    state = msa_server_check_get_state (self->check);

  switch (state)
    {
    case MSA_CHECK_STATE_IDLE:
      set_verdict (self, "idle", _("Not checked yet"), NULL);
      break;

    case MSA_CHECK_STATE_RUNNING:
      set_verdict (self, "running", _("Checking…"),
                   _("This takes a few seconds at most."));
      break;

    case MSA_CHECK_STATE_PASSED:
      warnings = msa_server_check_get_warnings (self->check);
      if (warnings != NULL && warnings[0] != NULL)
        set_verdict (self, "warning", _("Encryption works, with warnings"),
                     _("The server can be used with SSL/TLS. Read the notes below."));
      else
        set_verdict (self, "passed", _("Encryption works"),
                     _("The server answered over SSL/TLS with a valid certificate that your system trusts."));
      break;

    case MSA_CHECK_STATE_FAILED:
      if (msa_server_check_get_error_code (self->check, &code) && self->offline
          && (code == MSA_CHECK_ERROR_RESOLVE_FAILED || code == MSA_CHECK_ERROR_NETWORK_UNREACHABLE))
        /* The names are not wrong: nothing can be reached from here. */
        set_verdict (self, "failed", msa_check_error_get_title (code),
                     _("Not reachable while this computer is offline."));
      else if (msa_server_check_get_error_code (self->check, &code))
        set_verdict (self, code == MSA_CHECK_ERROR_CANCELLED ? "idle" : "failed",
                     msa_check_error_get_title (code),
                     msa_check_error_get_advice (code));
      else
        set_verdict (self, "failed", _("The check failed"), NULL);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
update_header (MsaServerCard *self)
{
  MsaServer *server = NULL;
  g_autofree char *address = NULL;
  g_autofree char *host = NULL;
  const char *title = "";

  if (self->check != NULL)
    server = msa_server_check_get_server (self->check);

  if (server == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->address_label, "");
      return;
    }

  switch (msa_server_get_protocol (server))
    {
    case MSA_PROTOCOL_IMAP:
      title = _("Incoming mail (IMAP)");
      break;
    case MSA_PROTOCOL_POP3:
      title = _("Incoming mail (POP3)");
      break;
    case MSA_PROTOCOL_SMTP:
      title = _("Outgoing mail (SMTP)");
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_image_set_from_icon_name (self->protocol_icon,
                                msa_server_is_incoming (server) ? "mail-unread-symbolic"
                                                                : "mail-send-symbolic");

  host = msa_report_sanitize (msa_server_get_hostname (server));
  /* Translators: a server's host name and its port number */
  address = g_strdup_printf (_("%s, port %u"), host, (guint) msa_server_get_port (server));

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->address_label, address);
}

static void
update (MsaServerCard *self)
{
  MsaCheckState state = MSA_CHECK_STATE_IDLE;
  gboolean ended;

  if (self->check != NULL)
    state = msa_server_check_get_state (self->check);
  ended = state != MSA_CHECK_STATE_IDLE && state != MSA_CHECK_STATE_RUNNING;

  update_header (self);
  update_verdict (self);
  update_steps (self);

  /* The warnings and the details are read once the check has ended: while
   * it runs, the rows under the closed expander would be measured again
   * at every step for nothing.  The details row stays in its place, shut
   * and insensitive, so that the card keeps its height while the check
   * runs; what it holds from the last check is not in sight. */
  if (ended)
    {
      update_warnings (self);
      update_details (self);
    }
  else
    {
      for (guint i = 0; i < self->warning_rows->len; i++)
        gtk_list_box_remove (self->list, g_ptr_array_index (self->warning_rows, i));
      g_ptr_array_set_size (self->warning_rows, 0);
      g_clear_pointer (&self->shown_warnings, g_strfreev);
      msa_server_card_set_details_expanded (self, FALSE);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->details_row), ended);
}

static void
on_check_changed_cb (MsaServerCard *self)
{
  update (self);
}

/* A card's labels would like to be one long line each; without a cap on
 * its natural width, a card would ask for the whole screen.  AdwBin measures through a
 * layout manager, so the card measures and allocates its child itself. */
#define CARD_NATURAL_WIDTH 380

static GtkSizeRequestMode
msa_server_card_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
msa_server_card_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  gtk_widget_measure (child, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, CARD_NATURAL_WIDTH));
}

static void
msa_server_card_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  gtk_widget_allocate (adw_bin_get_child (ADW_BIN (widget)), width, height, baseline, NULL);
}

static void
msa_server_card_dispose (GObject *object)
{
  MsaServerCard *self = MSA_SERVER_CARD (object);

  msa_server_card_set_check (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (object), MSA_TYPE_SERVER_CARD);

  G_OBJECT_CLASS (msa_server_card_parent_class)->dispose (object);
}

static void
msa_server_card_finalize (GObject *object)
{
  MsaServerCard *self = MSA_SERVER_CARD (object);

  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown_warnings, g_strfreev);
  g_clear_pointer (&self->verdict_title, g_free);
  g_clear_pointer (&self->verdict_text, g_free);

  G_OBJECT_CLASS (msa_server_card_parent_class)->finalize (object);
}

static void
msa_server_card_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MsaServerCard *self = MSA_SERVER_CARD (object);

  switch (prop_id)
    {
    case PROP_CHECK:
      g_value_set_object (value, self->check);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_server_card_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MsaServerCard *self = MSA_SERVER_CARD (object);

  switch (prop_id)
    {
    case PROP_CHECK:
      msa_server_card_set_check (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Tab from row to row that does something.  GTK 4.8's list box tries only
 * its first row and gives up when that one takes no focus, as the verdict
 * and the steps do not (they show, they do nothing): the details row and
 * the details' selectable values would never be reached. */
static gboolean
msa_server_card_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  MsaServerCard *self = MSA_SERVER_CARD (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean forward = direction == GTK_DIR_TAB_FORWARD;
  GtkWidget *row = NULL;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (msa_server_card_parent_class)->focus (widget, direction);

  /* The row the focus is in now: first try to move on inside it. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    {
      row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
      if (row != NULL && row != focus && gtk_widget_child_focus (row, direction))
        return TRUE;
    }
  else if (focus != NULL && gtk_widget_is_ancestor (focus, widget))
    return FALSE;

  row = row != NULL
        ? (forward ? gtk_widget_get_next_sibling (row) : gtk_widget_get_prev_sibling (row))
        : (forward ? gtk_widget_get_first_child (GTK_WIDGET (self->list))
                   : gtk_widget_get_last_child (GTK_WIDGET (self->list)));
  for (; row != NULL;
       row = forward ? gtk_widget_get_next_sibling (row) : gtk_widget_get_prev_sibling (row))
    {
      if (!gtk_widget_get_mapped (row) || !gtk_widget_is_sensitive (row) ||
          !gtk_widget_get_focusable (row))
        continue;
      if (gtk_widget_child_focus (row, direction) &&
          (focus = gtk_root_get_focus (root)) != NULL &&
          (focus == row || gtk_widget_is_ancestor (focus, row)))
        return TRUE;
    }
  return FALSE;
}

static void
msa_server_card_class_init (MsaServerCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msa_server_card_dispose;
  object_class->finalize = msa_server_card_finalize;
  object_class->get_property = msa_server_card_get_property;
  object_class->set_property = msa_server_card_set_property;

  widget_class->get_request_mode = msa_server_card_get_request_mode;
  widget_class->measure = msa_server_card_measure;
  widget_class->size_allocate = msa_server_card_size_allocate;
  widget_class->focus = msa_server_card_focus;

  /**
   * MsaServerCard:check:
   *
   * The server check the card shows, live.
   */
  properties[PROP_CHECK] =
    g_param_spec_object ("check", NULL, NULL,
                         MSA_TYPE_SERVER_CHECK,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/widgets/msa-server-card.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, protocol_icon);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, address_label);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, list);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, verdict_title_label);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, verdict_text_label);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, verdict_stack);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, verdict_idle_image);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, verdict_spinner);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, verdict_passed_image);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, verdict_warning_image);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, verdict_failed_image);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, details_row);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, details_title_label);
  gtk_widget_class_bind_template_child (widget_class, MsaServerCard, details_subtitle_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  g_type_ensure (MSA_TYPE_TEXT_BLOCK);
}

static void
msa_server_card_init (MsaServerCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Without AdwBin's layout manager, measure() and size_allocate() above
   * are the card's own. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  self->warning_rows = g_ptr_array_new ();

  msa_accessible_set_label (GTK_WIDGET (self->verdict_idle_image), _("Not checked"));
  msa_accessible_set_label (GTK_WIDGET (self->verdict_spinner), _("Checking"));
  msa_accessible_set_label (GTK_WIDGET (self->verdict_passed_image), _("Passed"));
  msa_accessible_set_label (GTK_WIDGET (self->verdict_warning_image), _("Passed with warnings"));
  msa_accessible_set_label (GTK_WIDGET (self->verdict_failed_image), _("Failed"));

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->verdict_row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->verdict_title_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->verdict_text_label, NULL,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->details_row),
                               GTK_ACCESSIBLE_STATE_EXPANDED, FALSE,
                               -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->details_row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->details_title_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->details_subtitle_label, NULL,
                                  -1);
  msa_accessible_add_action (GTK_WIDGET (self->details_row), "activate");
  msa_accessible_follow_visible_child (GTK_WIDGET (self->verdict_stack));

  /* The detail rows are built when the details are first opened: most
   * people never open them, and a card is built while the check runs. */
  build_step_rows (self);
  update (self);
}

/**
 * msa_server_card_new:
 * @check: (nullable): the check to show
 *
 * Returns: (transfer full): a new #MsaServerCard
 */
GtkWidget *
msa_server_card_new (MsaServerCheck *check)
{
  g_return_val_if_fail (check == NULL || MSA_IS_SERVER_CHECK (check), NULL);

  return g_object_new (MSA_TYPE_SERVER_CARD,
                       "check", check,
                       NULL);
}

/**
 * msa_server_card_get_check:
 * @self: a #MsaServerCard
 *
 * Returns: (transfer none) (nullable): the check shown
 */
MsaServerCheck *
msa_server_card_get_check (MsaServerCard *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CARD (self), NULL);

  return self->check;
}

/**
 * msa_server_card_set_check:
 * @self: a #MsaServerCard
 * @check: (nullable): the check to show, running or finished
 */
void
msa_server_card_set_check (MsaServerCard  *self,
                           MsaServerCheck *check)
{
  g_return_if_fail (MSA_IS_SERVER_CARD (self));
  g_return_if_fail (check == NULL || MSA_IS_SERVER_CHECK (check));

  if (self->check == check)
    return;

  if (self->check != NULL)
    g_signal_handlers_disconnect_by_data (self->check, self);
  g_set_object (&self->check, check);

  /* The check says when a step or the whole check changes state; a full
   * refresh is cheap (a handful of labels), so both refresh everything. */
  if (self->check != NULL)
    {
      g_signal_connect_object (self->check, "step-changed",
                               G_CALLBACK (on_check_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->check, "notify::state",
                               G_CALLBACK (on_check_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  /* During init the template rows do not exist yet. */
  if (self->warning_rows != NULL)
    update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECK]);
}

/**
 * msa_server_card_get_verdict_title:
 * @self: a #MsaServerCard
 *
 * Returns: (transfer none) (nullable): the verdict the card shows
 */
const char *
msa_server_card_get_verdict_title (MsaServerCard *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CARD (self), NULL);

  return self->verdict_title;
}

/**
 * msa_server_card_get_verdict_text:
 * @self: a #MsaServerCard
 *
 * Returns: (transfer none) (nullable): the sentence under the verdict:
 *   what it means and what to do
 */
const char *
msa_server_card_get_verdict_text (MsaServerCard *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CARD (self), NULL);

  return self->verdict_text;
}

/**
 * msa_server_card_get_shown_step:
 * @self: a #MsaServerCard
 * @step: a step
 *
 * Returns: the state the card shows for @step (for tests)
 */
MsaStepState
msa_server_card_get_shown_step (MsaServerCard *self,
                                MsaCheckStep   step)
{
  g_return_val_if_fail (MSA_IS_SERVER_CARD (self), MSA_STEP_STATE_PENDING);
  g_return_val_if_fail (step < MSA_CHECK_N_STEPS, MSA_STEP_STATE_PENDING);

  return self->shown_steps[step];
}

/**
 * msa_server_card_get_details_expanded:
 * @self: a #MsaServerCard
 *
 * Returns: whether the technical details are shown
 */
gboolean
msa_server_card_get_details_expanded (MsaServerCard *self)
{
  g_return_val_if_fail (MSA_IS_SERVER_CARD (self), FALSE);

  return self->details_expanded;
}

/**
 * msa_server_card_set_offline:
 * @self: a #MsaServerCard
 * @offline: whether the computer seems to be offline
 *
 * While offline, a name lookup or an unreachable network is not the
 * server's fault, and the card does not advise checking its name.
 */
void
msa_server_card_set_offline (MsaServerCard *self,
                             gboolean       offline)
{
  g_return_if_fail (MSA_IS_SERVER_CARD (self));

  if (self->offline == !!offline)
    return;
  self->offline = !!offline;
  update_verdict (self);
}

/**
 * msa_server_card_set_details_expanded:
 * @self: a #MsaServerCard
 * @expanded: whether to show the technical details
 *
 * Opens or closes the details (as activating the "Details" row does).
 * While a check runs they stay closed: there is nothing to show yet.
 */
void
msa_server_card_set_details_expanded (MsaServerCard *self,
                                      gboolean       expanded)
{
  g_return_if_fail (MSA_IS_SERVER_CARD (self));

  expanded = !!expanded;
  if (self->details_expanded == expanded)
    return;

  self->details_expanded = expanded;

  if (expanded && self->details[0] == NULL)
    {
      build_detail_rows (self);
      if (self->check != NULL)
        {
          MsaCheckState state = msa_server_check_get_state (self->check);

          if (state != MSA_CHECK_STATE_IDLE && state != MSA_CHECK_STATE_RUNNING)
            update_details (self);
        }
    }

  /* Under a closed "expander" GTK would still measure the rows (as
   * GtkRevealer does with its hidden child): they are shown only while
   * it is open. */
  for (guint i = 0; i < N_DETAILS && self->details[i] != NULL; i++)
    gtk_widget_set_visible (GTK_WIDGET (self->details[i]),
                            expanded && msa_detail_row_get_value (self->details[i])[0] != '\0');

  if (expanded)
    gtk_widget_set_state_flags (GTK_WIDGET (self->details_row), GTK_STATE_FLAG_CHECKED, FALSE);
  else
    gtk_widget_unset_state_flags (GTK_WIDGET (self->details_row), GTK_STATE_FLAG_CHECKED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->details_row),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded,
                               -1);
}
