/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-done-page-private.h"

#include "msa-accessible.h"
#include "msa-tooltip.h"

struct _MsaDonePage
{
  MsaPage       parent_instance;

  /* Template children */
  AdwStatusPage *status_page;
  AdwActionRow *incoming_row;
  AdwActionRow *outgoing_row;
  AdwActionRow *security_row;
  AdwActionRow *check_row;
  GtkImage     *check_icon;
  AdwActionRow *support_row;
  GtkImage     *support_link_icon;
  AdwActionRow *webmail_row;
  GtkImage     *webmail_link_icon;
};

G_DEFINE_FINAL_TYPE (MsaDonePage, msa_done_page, MSA_TYPE_PAGE)

static char *
describe_server (MsaServer *server)
{
  if (server == NULL)
    return g_strdup (_("not in this provider’s settings"));

  /* Translators: server, port and protocol, e.g. "sslin.df.eu, port 993 (IMAP)" */
  return g_strdup_printf (_("%s, port %u (%s)"),
                          msa_server_get_hostname (server),
                          msa_server_get_port (server),
                          msa_server_get_protocol (server) == MSA_PROTOCOL_IMAP ? "IMAP" :
                          msa_server_get_protocol (server) == MSA_PROTOCOL_POP3 ? "POP3" : "SMTP");
}

typedef enum
{
  VERDICT_NOT_RUN,
  VERDICT_UNFINISHED,
  VERDICT_PASSED,
  VERDICT_FAILED,
} Verdict;

/* A check that was cancelled or is still running has no verdict yet. */
static Verdict
check_verdict (MsaProfileCheck *check,
               guint           *n_failed)
{
  GListModel *checks;
  gboolean unfinished = FALSE;
  guint n;

  *n_failed = 0;

  if (check == NULL)
    return VERDICT_NOT_RUN;

  checks = msa_profile_check_get_checks (check);
  n = g_list_model_get_n_items (checks);
  if (n == 0)
    return VERDICT_NOT_RUN;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServerCheck) server_check = g_list_model_get_item (checks, i);
      MsaCheckError code;

      switch (msa_server_check_get_state (server_check))
        {
        case MSA_CHECK_STATE_FAILED:
          if (msa_server_check_get_error_code (server_check, &code) &&
              code == MSA_CHECK_ERROR_CANCELLED)
            unfinished = TRUE;
          else
            (*n_failed)++;
          break;

        case MSA_CHECK_STATE_IDLE:
        case MSA_CHECK_STATE_RUNNING:
          unfinished = TRUE;
          break;

        case MSA_CHECK_STATE_PASSED:
        default:
          break;
        }
    }

  if (*n_failed > 0)
    return VERDICT_FAILED;
  return unfinished ? VERDICT_UNFINISHED : VERDICT_PASSED;
}

static void
set_check_row (MsaDonePage *self,
               const char  *text,
               const char  *icon_name,
               const char  *icon_label,
               const char  *css_class)
{
  adw_action_row_set_subtitle (self->check_row, text);
  gtk_image_set_from_icon_name (self->check_icon, icon_name);
  msa_accessible_set_label (GTK_WIDGET (self->check_icon), icon_label);
  gtk_widget_remove_css_class (GTK_WIDGET (self->check_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->check_icon), "error");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->check_icon), css_class);
}

static void
set_status (MsaDonePage *self,
            const char  *icon_name,
            const char  *title,
            const char  *description)
{
  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
}

/**
 * msa_done_page_get_description:
 * @self: the page
 *
 * Returns: the sentence under the heading (for tests)
 */
const char *
msa_done_page_get_description (MsaDonePage *self)
{
  g_return_val_if_fail (MSA_IS_DONE_PAGE (self), NULL);

  return adw_status_page_get_description (self->status_page);
}

/**
 * msa_done_page_get_heading:
 * @self: the page
 *
 * Returns: the heading the page shows now (for tests)
 */
const char *
msa_done_page_get_heading (MsaDonePage *self)
{
  g_return_val_if_fail (MSA_IS_DONE_PAGE (self), NULL);

  return adw_status_page_get_title (self->status_page);
}

static void
set_link (AdwActionRow *row,
          GtkImage     *icon,
          const char   *url)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), url != NULL);
  gtk_widget_set_focusable (GTK_WIDGET (row), url != NULL);
  gtk_widget_set_visible (GTK_WIDGET (icon), url != NULL);
  msa_tooltip_set_text (GTK_WIDGET (row), url);
  if (url != NULL && g_object_get_data (G_OBJECT (row), "msa-url-action") == NULL)
    {
      msa_accessible_add_action (GTK_WIDGET (row), "activate");
      g_object_set_data (G_OBJECT (row), "msa-url-action", GINT_TO_POINTER (TRUE));
    }
  else if (url == NULL && g_object_get_data (G_OBJECT (row), "msa-url-action") != NULL)
    {
      gtk_widget_insert_action_group (GTK_WIDGET (row), "row", NULL);
      g_object_set_data (G_OBJECT (row), "msa-url-action", NULL);
    }
  g_object_set_data_full (G_OBJECT (row), "msa-url", g_strdup (url), g_free);
  if (url != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    /* Translators: how a screen reader describes a row that opens a web page */
                                    _("Opens in the web browser"), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
update (MsaDonePage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  MsaMailClientId client;
  MsaProfileCheck *check;
  guint n_failed;
  g_autofree char *incoming = NULL;
  g_autofree char *outgoing = NULL;
  g_autofree char *security = NULL;
  g_autofree char *support = NULL;

  if (state == NULL)
    return;

  client = msa_wizard_state_get_mail_client (state);
  incoming = describe_server (msa_wizard_state_get_incoming_server (state));
  outgoing = describe_server (msa_wizard_state_get_outgoing_server (state));
  adw_action_row_set_subtitle (self->incoming_row, incoming);
  adw_action_row_set_subtitle (self->outgoing_row, outgoing);

  if (client == MSA_MAIL_CLIENT_OTHER)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->security_row),
                                     _("Encryption option"));
      adw_action_row_set_subtitle (self->security_row, "SSL/TLS");
    }
  else
    {
      /* Translators: %s is a mail program, e.g. "In Thunderbird" */
      g_autofree char *title = client == MSA_MAIL_CLIENT_OTHER
                               ? g_strdup (_("In your mail program"))
                               : g_strdup_printf (_("In %s"), msa_mail_client_get_name (client));

      if (msa_mail_client_security_is_checkbox (client))
        {
          /* The description carries its own quotes ("the option “Use
           * TLS/SSL”") and starts the line, so with a capital letter. */
          g_autofree char *option = msa_mail_client_dup_row_title (msa_mail_client_get_security_field (client));

          /* Translators: %s describes a check box and already has its
           * quotes, e.g. "The option “Use TLS/SSL”"; no further quotes */
          security = g_strdup_printf (_("%s: ticked"), option);
        }
      else
        /* Translators: a field and its value, e.g. "Connection security: SSL/TLS" */
        security = g_strdup_printf (_("“%s”: “%s”"), msa_mail_client_get_security_field (client),
                                    msa_mail_client_get_ssl_value (client));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->security_row), title);
      adw_action_row_set_subtitle (self->security_row, security);
    }

  /* The heading says what the check found, as the check page did: a
   * large check mark only for servers that passed. */
  check = msa_wizard_state_get_check (state);
  switch (check_verdict (check, &n_failed))
    {
    case VERDICT_PASSED:
      set_check_row (self, _("The encrypted servers answered with a trusted certificate."),
                     "emblem-ok-symbolic", _("Passed"), "success");
      set_status (self, "emblem-ok-symbolic", _("Settings Ready"),
                  _("Once your mail program uses these settings, your mail travels encrypted."));
      break;

    case VERDICT_FAILED:
      /* As many as failed, as the check page's heading counts them: the
       * wizard checks two servers at most. */
      set_check_row (self,
                     n_failed > 1
                     ? _("Neither server passed. Go back to the check for details.")
                     : _("A server did not pass. Go back to the check for details."),
                     "dialog-warning-symbolic", _("Failed"), "error");
      set_status (self, "dialog-warning-symbolic", _("Not Done Yet"),
                  n_failed > 1
                  ? _("Neither server passed the check, so these settings may not work or may "
                      "not be safe. Go back to the check to see what went wrong.")
                  : _("A server did not pass the check, so these settings may not work or may "
                      "not be safe. Go back to the check to see what went wrong."));
      break;

    case VERDICT_UNFINISHED:
      set_check_row (self, _("Not finished"), "content-loading-symbolic", _("Not checked"), NULL);
      set_status (self, "dialog-information-symbolic", _("Settings Ready, Not Checked"),
                  _("The check of the servers did not finish. Go back to it to be sure that "
                    "these settings work."));
      break;

    case VERDICT_NOT_RUN:
    default:
      set_check_row (self, _("Not run"), "content-loading-symbolic", _("Not checked"), NULL);
      set_status (self, "dialog-information-symbolic", _("Settings Ready, Not Checked"),
                  _("The servers were not checked. Go back to the check to be sure that "
                    "these settings work."));
      break;
    }

  /* Translators: %s is the provider's name, e.g. "domainFACTORY" */
  support = g_strdup_printf (_("%s support"),
                             msa_profile_get_display_name (msa_wizard_state_get_profile (state)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->support_row), support);

  /* A row that looks like a link opens one, where the profile has it;
   * otherwise it is text, and nothing to click. */
  set_link (self->support_row, self->support_link_icon,
            msa_profile_get_documentation_url (msa_wizard_state_get_profile (state)));
  set_link (self->webmail_row, self->webmail_link_icon,
            msa_profile_get_webmail_url (msa_wizard_state_get_profile (state)));
}

static void
on_link_row_activated_cb (AdwActionRow *row,
                          gpointer      user_data)
{
  const char *url = g_object_get_data (G_OBJECT (row), "msa-url");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));

  if (url == NULL)
    return;
  /* Through the portal inside Flatpak. */
#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (url);

    gtk_uri_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL, NULL);
  }
#else
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
#endif
}

static void
msa_done_page_shown (MsaPage *page)
{
  update (MSA_DONE_PAGE (page));
}

static void
connect_state (MsaDonePage *self)
{
  update (self);
}

static void
msa_done_page_dispose (GObject *object)
{
  /* The status page is both a template child and the AdwBin's child: the
   * bin drops it first, as on the check page (GTK 4.8, libadwaita 1.2). */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), MSA_TYPE_DONE_PAGE);

  G_OBJECT_CLASS (msa_done_page_parent_class)->dispose (object);
}

/* The state is construct-only (MsaPage:state): connect to it once. */
static void
msa_done_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (msa_done_page_parent_class)->constructed (object);

  connect_state (MSA_DONE_PAGE (object));
}

static void
msa_done_page_class_init (MsaDonePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MsaPageClass *page_class = MSA_PAGE_CLASS (klass);

  object_class->constructed = msa_done_page_constructed;
  object_class->dispose = msa_done_page_dispose;
  page_class->shown = msa_done_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msa-done-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaDonePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, MsaDonePage, incoming_row);
  gtk_widget_class_bind_template_child (widget_class, MsaDonePage, outgoing_row);
  gtk_widget_class_bind_template_child (widget_class, MsaDonePage, security_row);
  gtk_widget_class_bind_template_child (widget_class, MsaDonePage, check_row);
  gtk_widget_class_bind_template_child (widget_class, MsaDonePage, check_icon);
  gtk_widget_class_bind_template_child (widget_class, MsaDonePage, support_row);
  gtk_widget_class_bind_template_child (widget_class, MsaDonePage, support_link_icon);
  gtk_widget_class_bind_template_child (widget_class, MsaDonePage, webmail_row);
  gtk_widget_class_bind_template_child (widget_class, MsaDonePage, webmail_link_icon);
  gtk_widget_class_bind_template_callback (widget_class, on_link_row_activated_cb);
}

static void
msa_done_page_init (MsaDonePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  msa_page_set_complete (MSA_PAGE (self), TRUE);
}

/**
 * msa_done_page_get_link:
 * @self: a #MsaDonePage
 * @webmail: the webmail row, else the support row
 *
 * Returns: (nullable): what the row opens; %NULL when it is text only
 */
const char *
msa_done_page_get_link (MsaDonePage *self,
                        gboolean     webmail)
{
  AdwActionRow *row;

  g_return_val_if_fail (MSA_IS_DONE_PAGE (self), NULL);

  row = webmail ? self->webmail_row : self->support_row;
  if (!gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)))
    return NULL;
  return g_object_get_data (G_OBJECT (row), "msa-url");
}

/**
 * msa_done_page_new:
 * @state: (nullable): the wizard state the page shows; %NULL for its own
 *
 * Returns: (transfer floating): a new closing page
 */
GtkWidget *
msa_done_page_new (MsaWizardState *state)
{
  return g_object_new (MSA_TYPE_DONE_PAGE, "state", state, NULL);
}
