/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The check page: checks the incoming and the outgoing SSL server at the same
 * time, as soon as the page is shown, with a live card per server.
 *
 * The check never traps the user: once it finished (passed or failed) or
 * was cancelled, the page is complete and the settings page is one click
 * away; what failed stays visible on the cards.  The check is cancelled
 * when the page is hidden or goes away, so no work outlives the view. */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-accessible.h"
#include "msa-glib-compat.h"
#include "msa-check-page-private.h"
#include "msa-trust-store.h"
#include "msa-icon-preload.h"
#include "msa-report.h"
#include "msa-diagnostic-report.h"
#include "msa-profile-text.h"
#include "widgets/msa-cards-box.h"

struct _MsaCheckPage
{
  MsaPage          parent_instance;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkStack        *status_stack;
  GtkSpinner      *status_spinner;
  GtkImage        *status_passed_image;
  GtkImage        *status_failed_image;
  GtkImage        *status_cancelled_image;
  GtkLabel        *verdict_label;
  GtkLabel        *description_label;
  MsaCardsBox     *cards_box;
  GtkButton       *cancel_button;
  GtkButton       *retry_button;
  GtkButton       *copy_report_button;

  /* The run in progress (or the last one) */
  MsaProfileCheck *check;
  GCancellable    *cancellable;
  guint            generation;
  gboolean         running;
  gboolean         cancelled;
  char            *setup_error;
  /* The verdict a screen reader was last told, NULL while checking */
  char            *announced_verdict;

  /* The window's cancellable, whose "cancelled" ends our run too */
  GCancellable    *window_cancellable;
  gulong           window_cancelled_id;
};

G_DEFINE_FINAL_TYPE (MsaCheckPage, msa_check_page, MSA_TYPE_PAGE)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Which run a trust store was opened for (a Retry may start a new run
 * before the old one ended). */
typedef struct
{
  MsaCheckPage *self;
  guint         generation;
} DatabaseData;

static void
database_data_free (DatabaseData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DatabaseData, database_data_free)

static void
set_running (MsaCheckPage *self,
             gboolean      running)
{
  if (self->running == running)
    return;

  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static const char *
mail_client_name (MsaCheckPage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));

  if (state == NULL)
    return msa_mail_client_get_name (MSA_MAIL_CLIENT_OTHER);

  return msa_mail_client_get_name (msa_wizard_state_get_mail_client (state));
}

static gboolean
is_other_client (MsaCheckPage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));

  return state == NULL || msa_wizard_state_get_mail_client (state) == MSA_MAIL_CLIENT_OTHER;
}

static gboolean
has_warnings (MsaCheckPage *self)
{
  GListModel *checks = msa_profile_check_get_checks (self->check);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(MsaServerCheck) check = g_list_model_get_item (checks, i);
      const char * const *warnings = msa_server_check_get_warnings (check);

      if (warnings != NULL && warnings[0] != NULL)
        return TRUE;
    }

  return FALSE;
}

/* The heading of a check that did not pass counts what happened and,
 * where it can, says which: the incoming or the outgoing server. */
static char *
dup_failed_heading (MsaCheckPage *self,
                    guint        *n_failed_out)
{
  GListModel *checks = msa_profile_check_get_checks (self->check);
  guint n = g_list_model_get_n_items (checks);
  guint n_failed = 0, n_incoming = 0, n_incoming_failed = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServerCheck) check = g_list_model_get_item (checks, i);
      gboolean incoming = msa_server_get_protocol (msa_server_check_get_server (check))
                          != MSA_PROTOCOL_SMTP;
      gboolean failed = msa_server_check_get_state (check) == MSA_CHECK_STATE_FAILED;

      n_failed += failed;
      n_incoming += incoming;
      n_incoming_failed += incoming && failed;
    }
  *n_failed_out = n_failed;

  if (n_failed == n)
    return g_strdup (n == 1 ? _("The Server Did Not Pass the Check")
                            : _("No Server Passed the Check"));
  if (n_failed == 1 && n_incoming == 1 && n_incoming_failed == 1)
    /* Translators: a heading in a large font that must fit a window 360
     * px wide with large text: a word too long for that line may carry
     * a soft hyphen (U+00AD) where it may break. */
    return g_strdup (_("The Incoming Server Did Not Pass the Check"));
  if (n_failed == 1 && n - n_incoming == 1 && n_incoming_failed == 0)
    /* Translators: see "The Incoming Server Did Not Pass the Check". */
    return g_strdup (_("The Outgoing Server Did Not Pass the Check"));
  /* Translators: a heading; %u is how many servers failed the check
   * (at least one other server passed it). */
  return g_strdup_printf (ngettext ("%u Server Did Not Pass the Check",
                                    "%u Servers Did Not Pass the Check", n_failed),
                          n_failed);
}

/* No network at all, or every server failed at the name lookup or for
 * an unreachable network: the computer, not the servers.  Names the user
 * typed may be mistyped, so for them only the network monitor counts. */
static gboolean
is_offline (MsaCheckPage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  GListModel *checks;
  guint n;

  if (self->check == NULL || msa_profile_check_get_passed (self->check))
    return FALSE;
  checks = msa_profile_check_get_checks (self->check);
  n = g_list_model_get_n_items (checks);
  if (n == 0)
    return FALSE;
  if (!g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    return TRUE;
  if (state != NULL && !msa_wizard_state_get_builtin_profile (state)
      && msa_wizard_state_get_profile_file (state) == NULL
      && msa_wizard_state_get_profile_source (state) == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServerCheck) check = g_list_model_get_item (checks, i);
      MsaCheckError code;

      if (msa_server_check_get_state (check) != MSA_CHECK_STATE_FAILED
          || !msa_server_check_get_error_code (check, &code)
          || (code != MSA_CHECK_ERROR_RESOLVE_FAILED && code != MSA_CHECK_ERROR_NETWORK_UNREACHABLE))
        return FALSE;
    }
  return TRUE;
}

static void
update_status (MsaCheckPage *self)
{
  gboolean offline = FALSE;

  g_autofree char *description = NULL;
  g_autofree char *failed_heading = NULL;
  const char *page;
  const char *verdict;

  if (self->running)
    {
      page = "running";
      verdict = _("Checking the Encrypted Servers…");
      description = g_strdup (_("The incoming and the outgoing server are checked at the same time. No password is sent."));
    }
  else if (self->setup_error != NULL)
    {
      page = "failed";
      verdict = _("The Check Could Not Start");
      description = g_strdup (self->setup_error);
    }
  else if (self->cancelled)
    {
      page = "cancelled";
      verdict = _("Check Cancelled");
      description = g_strdup (_("Check again, or go on to the settings."));
    }
  else if (self->check != NULL && msa_profile_check_get_passed (self->check))
    {
      page = "passed";
      verdict = _("Encrypted Connections Work");
      /* "Other mail program" is a choice in a list, not a name to put
       * into a sentence: that case has sentences of its own. */
      if (has_warnings (self) && is_other_client (self))
        description = g_strdup (_("Your provider’s servers answered over SSL/TLS with trusted certificates; read the notes on their cards. The next page shows what to enter in your mail program."));
      else if (is_other_client (self))
        description = g_strdup (_("Your provider’s servers answered over SSL/TLS with trusted certificates. The next page shows what to enter in your mail program."));
      else if (has_warnings (self))
        /* Translators: %s is a mail program, e.g. "Thunderbird" */
        description = g_strdup_printf (_("Your provider’s servers answered over SSL/TLS with trusted certificates; read the notes on their cards. The next page shows what to enter in %s."),
                                       mail_client_name (self));
      else
        /* Translators: %s is a mail program, e.g. "Thunderbird" */
        description = g_strdup_printf (_("Your provider’s servers answered over SSL/TLS with trusted certificates. The next page shows what to enter in %s."),
                                       mail_client_name (self));

      /* Only what the profile has was checked: say what it lacks. */
      {
        /* The wizard's profile: the check's own holds no servers (they
         * are added to the check, see on_database_loaded_cb()). */
        MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
        MsaProfile *profile = state != NULL ? msa_wizard_state_get_profile (state) : NULL;
        g_autofree char *missing = profile != NULL ? msa_profile_dup_missing_text (profile) : NULL;

        if (missing != NULL)
          {
            g_autofree char *both = g_strconcat (description, " ", missing, NULL);

            g_free (description);
            description = g_steal_pointer (&both);
          }
      }
    }
  else if (self->check != NULL && (offline = is_offline (self)))
    {
      page = "failed";
      verdict = _("This Computer Seems to Be Offline");
      description = g_strdup (_("None of the servers could be reached: this computer seems to have no "
                                "connection to the internet. Connect it, then check again."));
    }
  else if (self->check != NULL)
    {
      guint n_failed = 0;

      page = "failed";
      verdict = failed_heading = dup_failed_heading (self, &n_failed);
      description = g_strdup (ngettext ("The server’s card says what went wrong and what you can do. You can still go on to the settings.",
                                        "The servers’ cards say what went wrong and what you can do. You can still go on to the settings.",
                                        n_failed));
    }
  else
    {
      page = "cancelled";
      verdict = _("Not Checked Yet");
      description = NULL;
    }

  msa_cards_box_set_offline (self->cards_box, offline);

  gtk_stack_set_visible_child_name (self->status_stack, page);
  gtk_spinner_set_spinning (self->status_spinner, self->running);
  gtk_label_set_text (self->verdict_label, verdict);

  /* GTK says nothing of a label's new text: a verdict reached is said. */
  if (self->running)
    g_clear_pointer (&self->announced_verdict, g_free);
  else if ((self->check != NULL || self->setup_error != NULL || self->cancelled) &&
           gtk_widget_get_mapped (GTK_WIDGET (self)) &&
           msa_set_str (&self->announced_verdict, verdict))
    msa_accessible_announce (GTK_WIDGET (self->verdict_label), verdict);
  gtk_label_set_text (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), !self->running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_report_button),
                            !self->running && self->check != NULL);
}

/* The run ended: successfully, with failures, or cancelled.  In every
 * case the user may go on. */
static void
finish_run (MsaCheckPage *self)
{
  set_running (self, FALSE);
  g_clear_object (&self->cancellable);
  msa_accessible_follow_visible_child (GTK_WIDGET (self->status_stack));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->verdict_label),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->description_label, NULL,
                                  -1);

  update_status (self);
  msa_page_set_complete (MSA_PAGE (self), TRUE);
}

static void
on_check_run_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MsaProfileCheck *check = MSA_PROFILE_CHECK (source);
  g_autoptr(MsaCheckPage) self = user_data;
  g_autoptr(GError) error = NULL;

  msa_profile_check_run_finish (check, result, &error);

  /* A newer run replaced this one. */
  if (check != self->check)
    return;

  /* A failed server is not an error of the page: its card shows it. */
  if (g_cancellable_is_cancelled (self->cancellable) ||
      g_error_matches (error, MSA_CHECK_ERROR, MSA_CHECK_ERROR_CANCELLED))
    self->cancelled = TRUE;

  finish_run (self);
}

static void
on_database_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(DatabaseData) data = user_data;
  MsaCheckPage *self = data->self;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) check_profile = NULL;
  MsaWizardState *state;
  MsaProfile *profile;
  MsaServer *incoming;
  MsaServer *outgoing;

  database = msa_trust_store_load_finish (result, &error);

  if (data->generation != self->generation)
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->cancelled = TRUE;
      finish_run (self);
      return;
    }

  if (database == NULL)
    {
      /* A whole sentence from msa-trust-store.c, worded once for the
       * wizard and the command line. */
      g_free (self->setup_error);
      self->setup_error = g_strdup (error->message);
      finish_run (self);
      return;
    }

  state = msa_page_get_state (MSA_PAGE (self));
  incoming = msa_wizard_state_get_incoming_server (state);
  outgoing = msa_wizard_state_get_outgoing_server (state);

  /* Only the two servers the wizard is about, not every SSL and STARTTLS
   * server of the profile: an empty profile with the provider's name
   * (for the report), and the two servers added to the check. */
  profile = msa_wizard_state_get_profile (state);
  check_profile = msa_profile_new (msa_profile_get_domain (profile),
                                   msa_profile_get_display_name (profile));
  self->check = msa_profile_check_new (check_profile, database, MSA_CHECK_DEFAULT_TIMEOUT);
  if (incoming != NULL)
    msa_profile_check_add_server (self->check, incoming);
  if (outgoing != NULL)
    msa_profile_check_add_server (self->check, outgoing);

  msa_wizard_state_set_check (state, self->check);
  msa_cards_box_bind (self->cards_box, msa_profile_check_get_checks (self->check));

  if (g_list_model_get_n_items (msa_profile_check_get_checks (self->check)) == 0)
    {
      g_free (self->setup_error);
      self->setup_error = g_strdup (_("This provider’s profile names no SSL/TLS server for this account type."));
      finish_run (self);
      return;
    }

  msa_profile_check_run_async (self->check, self->cancellable,
                               on_check_run_cb, g_object_ref (self));
}

static void
on_window_cancelled_cb (MsaCheckPage *self)
{
  msa_check_page_cancel (self);
}

static void
watch_window_cancellable (MsaCheckPage *self)
{
  GCancellable *cancellable = msa_page_get_cancellable (MSA_PAGE (self));

  if (cancellable == self->window_cancellable)
    return;

  g_clear_signal_handler (&self->window_cancelled_id, self->window_cancellable);
  g_set_object (&self->window_cancellable, cancellable);
  if (cancellable != NULL)
    self->window_cancelled_id =
      g_signal_connect_object (cancellable, "cancelled",
                               G_CALLBACK (on_window_cancelled_cb), self,
                               G_CONNECT_SWAPPED);
}

static gboolean
check_matches_state (MsaCheckPage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  MsaServer *wanted[2];
  GListModel *checks;
  guint n_wanted = 0;

  if (self->check == NULL || state == NULL)
    return FALSE;

  if ((wanted[n_wanted] = msa_wizard_state_get_incoming_server (state)) != NULL)
    n_wanted++;
  if ((wanted[n_wanted] = msa_wizard_state_get_outgoing_server (state)) != NULL)
    n_wanted++;

  checks = msa_profile_check_get_checks (self->check);
  if (g_list_model_get_n_items (checks) != n_wanted)
    return FALSE;

  for (guint i = 0; i < n_wanted; i++)
    {
      g_autoptr(MsaServerCheck) server_check = g_list_model_get_item (checks, i);

      if (!msa_server_equal (msa_server_check_get_server (server_check), wanted[i]))
        return FALSE;
    }

  return TRUE;
}

/* Marks a check that the user's Cancel button ended, so that a window
 * rebuilt for another language shows it as the user left it. */
#define USER_CANCELLED_KEY "msa-check-page-user-cancelled"

/* Whether any server of @check ended cancelled; sets *@running when one
 * has not ended (or never started). */
static gboolean
check_was_cancelled (MsaProfileCheck *check,
                     gboolean        *running)
{
  GListModel *checks = msa_profile_check_get_checks (check);
  gboolean cancelled = FALSE;

  *running = FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    {
      g_autoptr(MsaServerCheck) server_check = g_list_model_get_item (checks, i);
      MsaCheckState state = msa_server_check_get_state (server_check);
      MsaCheckError code;

      if (state == MSA_CHECK_STATE_IDLE || state == MSA_CHECK_STATE_RUNNING)
        *running = TRUE;
      else if (msa_server_check_get_error_code (server_check, &code) &&
               code == MSA_CHECK_ERROR_CANCELLED)
        cancelled = TRUE;
    }

  return cancelled;
}

/* A new page (the window was rebuilt for another language) shows the
 * state's check if it ended on its own or by the user's Cancel.  One that
 * was still running belonged to the old window, which cancelled it when
 * it went away: that one is not adopted, so the page checks anew. */
static gboolean
adopt_state_check (MsaCheckPage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  MsaProfileCheck *check = state != NULL ? msa_wizard_state_get_check (state) : NULL;
  gboolean running;
  gboolean cancelled;

  if (check == NULL)
    return FALSE;

  cancelled = check_was_cancelled (check, &running);
  if (running ||
      (cancelled && !g_object_get_data (G_OBJECT (check), USER_CANCELLED_KEY)))
    return FALSE;

  self->check = g_object_ref (check);
  if (!check_matches_state (self))
    {
      g_clear_object (&self->check);
      return FALSE;
    }

  self->generation++;
  self->cancelled = cancelled;
  g_clear_pointer (&self->setup_error, g_free);
  msa_cards_box_bind (self->cards_box, msa_profile_check_get_checks (self->check));
  update_status (self);
  msa_page_set_complete (MSA_PAGE (self), TRUE);

  return TRUE;
}

static void
msa_check_page_shown (MsaPage *page)
{
  MsaCheckPage *self = MSA_CHECK_PAGE (page);

  /* New cards wait for the page's first frame (msa-cards-box.c). */
  msa_cards_box_wait_for_frame (self->cards_box);

  if (self->running)
    return;

  /* A new page takes over a check that ended in the window before it. */
  if (self->check == NULL && adopt_state_check (self))
    return;

  /* Coming back to a finished check shows it again; a cancelled one, or
   * one of servers the user has since changed, is run anew. */
  if (check_matches_state (self) && !self->cancelled && self->setup_error == NULL)
    return;

  msa_check_page_start (self);
}

static void
msa_check_page_hidden (MsaPage *page)
{
  msa_check_page_cancel (MSA_CHECK_PAGE (page));
}

static void
on_cancel_button_clicked_cb (MsaCheckPage *self)
{
  if (self->check != NULL)
    g_object_set_data (G_OBJECT (self->check), USER_CANCELLED_KEY, GINT_TO_POINTER (TRUE));
  msa_check_page_cancel (self);
}

static void
on_retry_button_clicked_cb (MsaCheckPage *self)
{
  msa_check_page_start (self);
}

static void
on_copy_report_button_clicked_cb (MsaCheckPage *self)
{
  msa_check_page_copy_report (self);
}

static void
msa_check_page_dispose (GObject *object)
{
  MsaCheckPage *self = MSA_CHECK_PAGE (object);

  /* Callbacks still on their way find a newer generation and no check,
   * and leave the disposed widgets alone. */
  msa_check_page_cancel (self);
  self->generation++;
  g_clear_object (&self->check);
  g_clear_signal_handler (&self->window_cancelled_id, self->window_cancellable);
  g_clear_object (&self->window_cancellable);

  /* The toast overlay is both a template child and the AdwBin's child:
   * let the bin drop it first, or the template's disposal unparents it
   * behind AdwBin's back and AdwBin's own dispose then unparents a
   * finalized widget (GTK 4.8, libadwaita 1.2). */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), MSA_TYPE_CHECK_PAGE);

  G_OBJECT_CLASS (msa_check_page_parent_class)->dispose (object);
}

static void
msa_check_page_finalize (GObject *object)
{
  MsaCheckPage *self = MSA_CHECK_PAGE (object);

  g_clear_object (&self->check);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->setup_error, g_free);
  g_clear_pointer (&self->announced_verdict, g_free);

  G_OBJECT_CLASS (msa_check_page_parent_class)->finalize (object);
}

static void
msa_check_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MsaCheckPage *self = MSA_CHECK_PAGE (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The spinners' icon at the sizes of the page's, the cards' verdict and
 * the steps' spinners (ui/pages/msa-check-page.ui, msa-server-card.*):
 * the only SVG icon Debian's Adwaita theme gives the page, the others
 * being PNG files that load in well under a millisecond. */
static const MsaIconRequest check_page_icons[] = {
  { "process-working-symbolic", 16 },
  { "process-working-symbolic", 24 },
  { "process-working-symbolic", 48 },
};

static void
msa_check_page_class_init (MsaCheckPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MsaPageClass *page_class = MSA_PAGE_CLASS (klass);

  object_class->dispose = msa_check_page_dispose;
  object_class->finalize = msa_check_page_finalize;
  object_class->get_property = msa_check_page_get_property;

  page_class->shown = msa_check_page_shown;
  page_class->hidden = msa_check_page_hidden;

  /**
   * MsaCheckPage:running:
   *
   * Whether a check is running.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MSA_TYPE_SERVER_CARD);
  g_type_ensure (MSA_TYPE_CARDS_BOX);

  msa_page_class_set_preload_icons (MSA_PAGE_CLASS (klass), check_page_icons,
                                    G_N_ELEMENTS (check_page_icons));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msa-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaCheckPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MsaCheckPage, status_stack);
  gtk_widget_class_bind_template_child (widget_class, MsaCheckPage, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, MsaCheckPage, status_passed_image);
  gtk_widget_class_bind_template_child (widget_class, MsaCheckPage, status_failed_image);
  gtk_widget_class_bind_template_child (widget_class, MsaCheckPage, status_cancelled_image);
  gtk_widget_class_bind_template_child (widget_class, MsaCheckPage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, MsaCheckPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, MsaCheckPage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, MsaCheckPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MsaCheckPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MsaCheckPage, copy_report_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_report_button_clicked_cb);
}

static void
msa_check_page_init (MsaCheckPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));


  msa_accessible_set_label (GTK_WIDGET (self->status_spinner), _("Checking"));
  msa_accessible_set_label (GTK_WIDGET (self->status_passed_image), _("Passed"));
  msa_accessible_set_label (GTK_WIDGET (self->status_failed_image), _("Failed"));
  msa_accessible_set_label (GTK_WIDGET (self->status_cancelled_image), _("Cancelled"));

  update_status (self);
}

/**
 * msa_check_page_new:
 * @state: (nullable): the wizard state the page shows; %NULL for its own
 *
 * Returns: (transfer full): a new #MsaCheckPage
 */
GtkWidget *
msa_check_page_new (MsaWizardState *state)
{
  return g_object_new (MSA_TYPE_CHECK_PAGE, "state", state, NULL);
}

/**
 * msa_check_page_start:
 * @self: a #MsaCheckPage
 *
 * Starts a new check of the state's incoming and outgoing SSL servers,
 * cancelling one that is still running.  The new check is stored in the
 * wizard state.  Trust comes from the system, or from the state's
 * ca-file when one is set.
 */
void
msa_check_page_start (MsaCheckPage *self)
{
  MsaWizardState *state;
  DatabaseData *data;

  g_return_if_fail (MSA_IS_CHECK_PAGE (self));

  state = msa_page_get_state (MSA_PAGE (self));
  g_return_if_fail (state != NULL);

  msa_check_page_cancel (self);
  watch_window_cancellable (self);
  if (self->window_cancellable != NULL && g_cancellable_is_cancelled (self->window_cancellable))
    return;

  self->generation++;
  self->cancelled = FALSE;
  g_clear_pointer (&self->setup_error, g_free);
  g_clear_object (&self->check);
  self->cancellable = g_cancellable_new ();

  msa_page_set_complete (MSA_PAGE (self), FALSE);
  set_running (self, TRUE);
  update_status (self);

  data = g_new0 (DatabaseData, 1);
  data->self = g_object_ref (self);
  data->generation = self->generation;
  msa_trust_store_load_async (msa_wizard_state_get_ca_file (state), self->cancellable,
                              on_database_loaded_cb, data);
}


/**
 * msa_check_page_cancel:
 * @self: a #MsaCheckPage
 *
 * Cancels the running check, if any.  Every server check ends (as
 * cancelled) and the page becomes complete.
 */
void
msa_check_page_cancel (MsaCheckPage *self)
{
  g_return_if_fail (MSA_IS_CHECK_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/**
 * msa_check_page_get_running:
 * @self: a #MsaCheckPage
 *
 * Returns: whether a check is running
 */
gboolean
msa_check_page_get_running (MsaCheckPage *self)
{
  g_return_val_if_fail (MSA_IS_CHECK_PAGE (self), FALSE);

  return self->running;
}

/**
 * msa_check_page_get_n_cards:
 * @self: a #MsaCheckPage
 *
 * Returns: the number of server cards shown
 */
guint
msa_check_page_get_n_cards (MsaCheckPage *self)
{
  g_return_val_if_fail (MSA_IS_CHECK_PAGE (self), 0);

  return msa_cards_box_get_n_cards (self->cards_box);
}

/**
 * msa_check_page_get_card:
 * @self: a #MsaCheckPage
 * @index: which card, from 0 (the incoming server first)
 *
 * Returns: (transfer none): the card
 */
MsaServerCard *
msa_check_page_get_card (MsaCheckPage *self,
                         guint         index)
{
  g_return_val_if_fail (MSA_IS_CHECK_PAGE (self), NULL);

  return msa_cards_box_get_card (self->cards_box, index);
}

/**
 * msa_check_page_get_description:
 * @self: a #MsaCheckPage
 *
 * Returns: (transfer none): the sentence under the verdict (for tests)
 */
const char *
msa_check_page_get_description (MsaCheckPage *self)
{
  g_return_val_if_fail (MSA_IS_CHECK_PAGE (self), NULL);

  return gtk_label_get_text (self->description_label);
}

/**
 * msa_check_page_get_verdict_title:
 * @self: a #MsaCheckPage
 *
 * Returns: (transfer none): the overall verdict shown at the top
 */
const char *
msa_check_page_get_verdict_title (MsaCheckPage *self)
{
  g_return_val_if_fail (MSA_IS_CHECK_PAGE (self), NULL);

  return gtk_label_get_text (self->verdict_label);
}

/**
 * msa_check_page_copy_report:
 * @self: a #MsaCheckPage
 *
 * Copies the text report of the last check (as `--check` prints it: no
 * user name, no password), after the lines that say which version, when,
 * which system, mail program, account type and profile, to the clipboard
 * and says so in a toast.
 */
void
msa_check_page_copy_report (MsaCheckPage *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *report = NULL;

  g_return_if_fail (MSA_IS_CHECK_PAGE (self));

  if (self->check == NULL || self->running)
    return;

  now = g_date_time_new_now_utc ();
  {
    MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
    g_autofree char *header = state != NULL ? msa_diagnostic_report_dup_header (state, now) : g_strdup ("");
    g_autofree char *body = msa_report_to_text (self->check, now);

    report = g_strconcat (header, body, NULL);
  }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), report);

  msa_page_add_toast (MSA_PAGE (self), self->toast_overlay, GTK_WIDGET (self->copy_report_button),
                      _("Diagnostic report copied"));
}

/**
 * msa_check_page_get_copy_report_button:
 * @self: a #MsaCheckPage
 *
 * Returns: (transfer none): the "Copy Diagnostic Report" button (for tests)
 */
GtkWidget *
msa_check_page_get_copy_report_button (MsaCheckPage *self)
{
  g_return_val_if_fail (MSA_IS_CHECK_PAGE (self), NULL);

  return GTK_WIDGET (self->copy_report_button);
}
