/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "msa-accessible.h"
#include "msa-current-settings-page-private.h"
#include "msa-tooltip.h"
#include "widgets/msa-found-accounts-group.h"
#include "msa-discovery.h"
#include "msa-trust-store.h"
#include "msa-found-account-text.h"
#include "msa-setting-field.h"

struct _MsaCurrentSettingsPage
{
  MsaPage              parent_instance;

  /* Template children */
  MsaFoundAccountsGroup *found_group;
  AdwPreferencesGroup *incoming_group;
  AdwPreferencesGroup *outgoing_group;
  AdwEntryRow         *incoming_host_row;
  AdwEntryRow         *incoming_port_row;
  AdwComboRow         *incoming_security_row;
  AdwEntryRow         *outgoing_host_row;
  AdwEntryRow         *outgoing_port_row;
  AdwComboRow         *outgoing_security_row;
  AdwPreferencesGroup *changes_group;

  /* Owned state */
  GPtrArray           *change_rows;   /* rows now in changes_group */
  gboolean             syncing;

  /* The account chosen in found_group */
  MsaFoundAccount     *chosen;

  /* What is wrong with what was typed, below each group */
  GtkLabel            *incoming_problem_label;
  GtkLabel            *outgoing_problem_label;
  GtkButton           *incoming_fix_button;
  GtkButton           *outgoing_fix_button;

  /* The provider of the chosen account, looked up on request */
  GCancellable        *provider_cancellable;
  MsaDiscovery        *provider_discovery;
  MsaProfile          *provider_profile;   /* what it found for provider_domain */
  char                *provider_domain;
  char                *provider_message;   /* why it found nothing usable */
};

G_DEFINE_FINAL_TYPE (MsaCurrentSettingsPage, msa_current_settings_page, MSA_TYPE_PAGE)

/* The combo rows list the program's own values in this order. */
static const MsaSecurity security_order[] = {
  MSA_SECURITY_PLAIN, MSA_SECURITY_STARTTLS, MSA_SECURITY_SSL,
};

static guint
security_to_position (MsaSecurity security)
{
  for (guint i = 0; i < G_N_ELEMENTS (security_order); i++)
    if (security_order[i] == security)
      return i;
  g_assert_not_reached ();
}



/* Returns 0 for an empty field, -1 for one that is not a port. */

static gboolean
account_belongs_to_profile (MsaFoundAccount *account,
                            MsaProfile      *profile)
{
  GListModel *servers = msa_found_account_get_servers (account);
  guint n = g_list_model_get_n_items (servers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaFoundServer) found = g_list_model_get_item (servers, i);

      if (msa_profile_owns_host (profile, msa_server_get_hostname (msa_found_server_get_server (found))))
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
add_change (MsaCurrentSettingsPage *self,
            const char             *field,
            const char             *change)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), change);
  gtk_widget_add_css_class (row, "msa-property");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("document-edit-symbolic"));
  adw_preferences_group_add (self->changes_group, row);
  g_ptr_array_add (self->change_rows, row);
  return row;
}

/* Lists old → new for one server.  Host names compare without case;
 * an unknown old value ("") is shown as a value to set. */
static void
add_server_changes (MsaCurrentSettingsPage *self,
                    MsaServer              *target,
                    const char             *old_host,
                    int                     old_port,
                    MsaSecurity             old_security,
                    const char             *host_field,
                    const char             *port_field,
                    const char             *security_field)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  MsaMailClientId client = msa_wizard_state_get_mail_client (state);
  const char *new_host = msa_server_get_hostname (target);
  guint new_port = msa_server_get_port (target);

  if (old_host == NULL || old_host[0] == '\0')
    {
      /* Translators: a value to enter, e.g. "enter sslin.df.eu" */
      g_autofree char *change = g_strdup_printf (_("enter %s"), new_host);
      add_change (self, host_field, change);
    }
  else if (g_ascii_strcasecmp (old_host, new_host) != 0)
    {
      g_autofree char *change = g_strdup_printf ("%s → %s", old_host, new_host);
      add_change (self, host_field, change);
    }

  if (old_port <= 0)
    {
      /* Translators: a port to enter, e.g. "enter 993" */
      g_autofree char *change = g_strdup_printf (_("enter %u"), new_port);
      add_change (self, port_field, change);
    }
  else if ((guint) old_port != new_port)
    {
      g_autofree char *change = g_strdup_printf ("%d → %u", old_port, new_port);
      add_change (self, port_field, change);
    }

  if (old_security != MSA_SECURITY_SSL)
    {
      g_autofree char *change = g_strdup_printf ("%s → %s",
                                                 msa_mail_client_get_security_value (client, old_security),
                                                 msa_mail_client_get_security_value (client, MSA_SECURITY_SSL));
      add_change (self, security_field, change);
    }
}

/* Whether the state's profile is the one looked up for the account's
 * domain. */
static gboolean
account_has_found_provider (MsaCurrentSettingsPage *self,
                            MsaFoundAccount        *account)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  g_autofree char *domain = msa_found_account_dup_domain (account);

  return self->provider_profile != NULL && domain != NULL
         && g_strcmp0 (domain, self->provider_domain) == 0
         && msa_wizard_state_get_profile (state) == self->provider_profile;
}

static void
update_changes (MsaCurrentSettingsPage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  MsaMailClientId client;
  MsaServer *incoming, *outgoing;
  g_autofree char *field = NULL;
  g_autofree char *in_host = NULL, *in_port = NULL, *in_security = NULL;
  g_autofree char *out_host = NULL, *out_port = NULL, *out_security = NULL;

  for (guint i = 0; i < self->change_rows->len; i++)
    adw_preferences_group_remove (self->changes_group, g_ptr_array_index (self->change_rows, i));
  g_ptr_array_set_size (self->change_rows, 0);

  if (state == NULL)
    return;

  client = msa_wizard_state_get_mail_client (state);
  incoming = msa_wizard_state_get_incoming_server (state);
  outgoing = msa_wizard_state_get_outgoing_server (state);
  field = msa_mail_client_dup_row_title (msa_mail_client_get_security_field (client));

  /* Translators: the field names in the list of changes */
  in_host = g_strdup (_("Incoming server name"));
  in_port = g_strdup (_("Incoming port"));
  /* Translators: %s is the program's security field, e.g. "Connection security" */
  in_security = g_strdup_printf (_("%s (incoming)"), field);
  out_host = g_strdup (_("Outgoing server name"));
  out_port = g_strdup (_("Outgoing port"));
  /* Translators: %s is the program's security field, e.g. "Connection security" */
  out_security = g_strdup_printf (_("%s (outgoing)"), field);

  if (incoming != NULL)
    add_server_changes (self, incoming,
                        msa_wizard_state_get_current_incoming_host (state),
                        msa_wizard_state_get_current_incoming_port (state),
                        msa_wizard_state_get_current_incoming_security (state),
                        in_host, in_port, in_security);
  if (outgoing != NULL)
    add_server_changes (self, outgoing,
                        msa_wizard_state_get_current_outgoing_host (state),
                        msa_wizard_state_get_current_outgoing_port (state),
                        msa_wizard_state_get_current_outgoing_security (state),
                        out_host, out_port, out_security);

  if (self->change_rows->len == 0)
    add_change (self, _("Nothing to change"),
                _("Your program already uses the encrypted servers."));

  /* An account of another provider: the changes are for this profile's
   * servers, which that account does not use, unless the provider was
   * looked up for the account's domain. */
  if (self->chosen != NULL && !account_belongs_to_profile (self->chosen, msa_wizard_state_get_profile (state))
      && !account_has_found_provider (self, self->chosen))
    {
      g_autofree char *domain = msa_found_account_dup_domain (self->chosen);
      /* Translators: %s is the provider's name, e.g. "domainFACTORY" */
      g_autofree char *note = g_strdup_printf (_("The chosen account does not use %s’s servers. The changes above are "
                                                 "for %s; for another provider, load its profile on the first page."),
                                               msa_profile_get_display_name (msa_wizard_state_get_profile (state)),
                                               msa_profile_get_display_name (msa_wizard_state_get_profile (state)));
      GtkWidget *row;

      if (domain != NULL && self->provider_message != NULL && g_strcmp0 (domain, self->provider_domain) == 0)
        {
          g_autofree char *both = g_strconcat (note, "\n", self->provider_message, NULL);

          row = add_change (self, _("Another provider"), both);
        }
      else
        row = add_change (self, _("Another provider"), note);

      /* Its provider can be looked up by the address's domain. */
      if (domain != NULL && self->provider_message == NULL)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Find Provider"));
          /* Translators: %s is a mail domain */
          g_autofree char *tooltip = g_strdup_printf (_("Looks up the provider of %s on the network; "
                                                        "only the domain is sent"),
                                                      domain);

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          msa_tooltip_set_text (button, tooltip);
          gtk_widget_set_sensitive (button, self->provider_cancellable == NULL);
          g_signal_connect_object (button, "clicked", G_CALLBACK (msa_current_settings_page_find_provider),
                                   self, G_CONNECT_SWAPPED);
          if (self->provider_cancellable != NULL)
            {
              GtkWidget *spinner = gtk_spinner_new ();

              gtk_spinner_start (GTK_SPINNER (spinner));
              msa_accessible_set_label (spinner, _("Looking up the provider"));
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
            }
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
    }

  if (client != MSA_MAIL_CLIENT_OTHER)
    {
      MsaProtocol protocol = msa_wizard_state_get_incoming_protocol (state);
      /* Translators: %s is the program's name, e.g. "Thunderbird" */
      g_autofree char *title = g_strdup_printf (_("What to Change in %s"),
                                                msa_mail_client_get_name (client));
      /* Translators: where the settings are; %s are menu paths of the mail program */
      g_autofree char *where = g_strdup_printf (_("Incoming: %s\nOutgoing: %s"),
                                                msa_mail_client_get_location (client, protocol),
                                                msa_mail_client_get_location (client, MSA_PROTOCOL_SMTP));

      adw_preferences_group_set_title (self->changes_group, title);
      adw_preferences_group_set_description (self->changes_group, where);
    }
  else
    {
      adw_preferences_group_set_title (self->changes_group, _("What to Change"));
      adw_preferences_group_set_description (self->changes_group, NULL);
    }
}

static void
set_security_model (MsaCurrentSettingsPage *self,
                    AdwComboRow            *row,
                    MsaMailClientId         client)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *title = msa_mail_client_dup_row_title (msa_mail_client_get_security_field (client));

  for (guint i = 0; i < G_N_ELEMENTS (security_order); i++)
    gtk_string_list_append (model, msa_mail_client_get_security_value (client, security_order[i]));
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

static void
add_security_actions (AdwComboRow *row)
{
  const char *keys[G_N_ELEMENTS (security_order) + 1] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (security_order); i++)
    keys[i] = msa_security_to_string (security_order[i]);
  msa_accessible_add_choice_actions (GTK_WIDGET (row), keys);
}

static void
set_port_row (AdwEntryRow *row,
              guint        port)
{
  g_autofree char *text = port > 0 ? g_strdup_printf ("%u", port) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Fills the rows from the state: on a language switch, on Back. */
static void
sync_from_state (MsaCurrentSettingsPage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  MsaMailClientId client;
  const char *host;
  g_autofree char *title = NULL;

  if (state == NULL)
    return;

  client = msa_wizard_state_get_mail_client (state);
  self->syncing = TRUE;
  set_security_model (self, self->incoming_security_row, client);
  set_security_model (self, self->outgoing_security_row, client);

  host = msa_wizard_state_get_current_incoming_host (state);
  gtk_editable_set_text (GTK_EDITABLE (self->incoming_host_row), host ? host : "");
  set_port_row (self->incoming_port_row, msa_wizard_state_get_current_incoming_port (state));
  adw_combo_row_set_selected (self->incoming_security_row,
                              security_to_position (msa_wizard_state_get_current_incoming_security (state)));
  host = msa_wizard_state_get_current_outgoing_host (state);
  gtk_editable_set_text (GTK_EDITABLE (self->outgoing_host_row), host ? host : "");
  set_port_row (self->outgoing_port_row, msa_wizard_state_get_current_outgoing_port (state));
  adw_combo_row_set_selected (self->outgoing_security_row,
                              security_to_position (msa_wizard_state_get_current_outgoing_security (state)));

  /* Translators: %s is IMAP or POP3 */
  title = g_strdup_printf (_("Incoming Server (%s) Today"),
                           msa_wizard_state_get_incoming_protocol (state) == MSA_PROTOCOL_POP3 ? "POP3" : "IMAP");
  adw_preferences_group_set_title (self->incoming_group, title);
  self->syncing = FALSE;

  update_changes (self);
}

/* Checks one group's server name and port; says what is wrong under the
 * group and offers the server name where the text holds one.  Returns
 * the port, or -1. */
static int
check_group (AdwEntryRow *host_row,
             AdwEntryRow *port_row,
             GtkLabel    *label,
             GtkButton   *fix_button)
{
  g_autofree char *suggestion = NULL;
  g_autofree char *host_problem = msa_setting_check_host (gtk_editable_get_text (GTK_EDITABLE (host_row)),
                                                          &suggestion);
  int port = -1;
  g_autofree char *port_problem = msa_setting_check_port (gtk_editable_get_text (GTK_EDITABLE (port_row)),
                                                          &port);
  g_autofree char *text = g_strjoin ("\n", host_problem != NULL ? host_problem : port_problem,
                                     host_problem != NULL ? port_problem : NULL, NULL);

  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), host_problem != NULL || port_problem != NULL);
  msa_page_mark_invalid (GTK_WIDGET (host_row), host_problem != NULL, label);
  msa_page_mark_invalid (GTK_WIDGET (port_row), port_problem != NULL, label);

  gtk_widget_set_visible (GTK_WIDGET (fix_button), suggestion != NULL);
  if (suggestion != NULL)
    {
      /* Translators: a button that puts the server name found in what
       * was typed into the field; %s is the name */
      g_autofree char *button_label = g_strdup_printf (_("Use “%s”"), suggestion);

      gtk_button_set_label (fix_button, button_label);
      g_object_set_data_full (G_OBJECT (fix_button), "msa-suggestion", g_steal_pointer (&suggestion), g_free);
    }
  return port;
}

static void
on_fix_clicked_cb (GtkButton *button,
                   gpointer   user_data)
{
  AdwEntryRow *row = user_data;
  const char *suggestion = g_object_get_data (G_OBJECT (button), "msa-suggestion");

  if (suggestion != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), suggestion);
}

static void
on_row_changed_cb (MsaCurrentSettingsPage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  int in_port, out_port;
  guint in_pos, out_pos;
  g_autofree char *in_host = NULL;
  g_autofree char *out_host = NULL;

  if (self->syncing || state == NULL)
    return;

  in_port = check_group (self->incoming_host_row, self->incoming_port_row,
                         self->incoming_problem_label, self->incoming_fix_button);
  out_port = check_group (self->outgoing_host_row, self->outgoing_port_row,
                          self->outgoing_problem_label, self->outgoing_fix_button);
  in_pos = adw_combo_row_get_selected (self->incoming_security_row);
  out_pos = adw_combo_row_get_selected (self->outgoing_security_row);

  in_host = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->incoming_host_row))));
  out_host = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->outgoing_host_row))));
  msa_wizard_state_set_current_incoming_host (state, in_host);
  msa_wizard_state_set_current_outgoing_host (state, out_host);
  msa_wizard_state_set_current_incoming_port (state, MAX (in_port, 0));
  msa_wizard_state_set_current_outgoing_port (state, MAX (out_port, 0));
  if (in_pos < G_N_ELEMENTS (security_order))
    msa_wizard_state_set_current_incoming_security (state, security_order[in_pos]);
  if (out_pos < G_N_ELEMENTS (security_order))
    msa_wizard_state_set_current_outgoing_security (state, security_order[out_pos]);

  msa_page_set_complete (MSA_PAGE (self),
                         !gtk_widget_get_visible (GTK_WIDGET (self->incoming_problem_label))
                         && !gtk_widget_get_visible (GTK_WIDGET (self->outgoing_problem_label)));
  update_changes (self);
}

static void
on_provider_found_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MsaCurrentSettingsPage) self = user_data;
  MsaDiscovery *discovery = MSA_DISCOVERY (object);
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = msa_discovery_run_finish (discovery, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || discovery != self->provider_discovery)
    return;
  g_clear_object (&self->provider_cancellable);

  if (profile != NULL && !msa_discovery_get_needs_confirmation (discovery))
    {
      MsaDiscoverySource *chosen = msa_discovery_get_chosen (discovery);

      /* The wizard goes on with this provider: the first page shows it
       * as found, and the check checks its servers. */
      g_set_object (&self->provider_profile, profile);
      msa_wizard_state_set_profile_file (state, NULL);
      msa_wizard_state_set_profile (state, profile, FALSE);
      msa_wizard_state_set_profile_source (state,
                                           msa_discovery_source_kind_to_string (msa_discovery_source_get_kind (chosen)));
    }
  else if (profile != NULL)
    {
      g_autofree char *servers_domain = msa_discovery_get_servers_domain (discovery);

      g_free (self->provider_message);
      /* Translators: %s is a domain */
      self->provider_message = g_strdup_printf (_("Servers were found at %s, outside the account’s domain. "
                                                  "To confirm them, choose “find from my e-mail address” "
                                                  "on the first page."),
                                                servers_domain);
    }
  else
    {
      g_free (self->provider_message);
      /* Translators: %s is a mail domain */
      self->provider_message = g_strdup_printf (_("No encrypted mail servers were found for %s."),
                                                msa_discovery_get_domain (discovery));
    }
  update_changes (self);
}

static void
on_provider_trust_loaded_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(MsaCurrentSettingsPage) self = user_data;
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  const char *ispdb_url = msa_wizard_state_get_ispdb_url (state);

  database = msa_trust_store_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->provider_cancellable == NULL)
    return;
  if (database == NULL)
    {
      g_clear_object (&self->provider_cancellable);
      g_free (self->provider_message);
      self->provider_message = g_strdup (error->message);
      update_changes (self);
      return;
    }

  g_clear_object (&self->provider_discovery);
  self->provider_discovery = msa_discovery_new (self->provider_domain, database, MSA_CHECK_DEFAULT_TIMEOUT);
  if (ispdb_url != NULL && g_str_has_prefix (ispdb_url, "https://"))
    msa_discovery_set_ispdb_url (self->provider_discovery, ispdb_url);
  msa_discovery_run_async (self->provider_discovery, self->provider_cancellable,
                           on_provider_found_cb, g_object_ref (self));
}

/**
 * msa_current_settings_page_get_problem:
 * @self: a #MsaCurrentSettingsPage
 * @incoming: the incoming group's, else the outgoing one's
 *
 * Returns: (nullable): what the page says is wrong with that group's
 *   fields
 */
const char *
msa_current_settings_page_get_problem (MsaCurrentSettingsPage *self,
                                       gboolean                incoming)
{
  GtkLabel *label;

  g_return_val_if_fail (MSA_IS_CURRENT_SETTINGS_PAGE (self), NULL);

  label = incoming ? self->incoming_problem_label : self->outgoing_problem_label;
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

/**
 * msa_current_settings_page_find_provider:
 * @self: a #MsaCurrentSettingsPage
 *
 * Looks up the provider of the chosen account's address domain (the
 * "Find Provider" button of an account at another provider).  When it
 * is found, the wizard goes on with it.
 */
void
msa_current_settings_page_find_provider (MsaCurrentSettingsPage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  g_autofree char *domain = NULL;

  g_return_if_fail (MSA_IS_CURRENT_SETTINGS_PAGE (self));

  if (self->chosen == NULL || self->provider_cancellable != NULL
      || (domain = msa_found_account_dup_domain (self->chosen)) == NULL)
    return;

  g_free (self->provider_domain);
  self->provider_domain = g_steal_pointer (&domain);
  g_clear_pointer (&self->provider_message, g_free);
  self->provider_cancellable = g_cancellable_new ();
  g_signal_connect_object (msa_page_get_cancellable (MSA_PAGE (self)), "cancelled",
                           G_CALLBACK (g_cancellable_cancel), self->provider_cancellable,
                           G_CONNECT_SWAPPED);
  update_changes (self);
  msa_trust_store_load_async (msa_wizard_state_get_ca_file (state), self->provider_cancellable,
                              on_provider_trust_loaded_cb, g_object_ref (self));
}

/**
 * msa_current_settings_page_get_finding_provider:
 * @self: a #MsaCurrentSettingsPage
 *
 * Returns: whether a provider is being looked up
 */
gboolean
msa_current_settings_page_get_finding_provider (MsaCurrentSettingsPage *self)
{
  g_return_val_if_fail (MSA_IS_CURRENT_SETTINGS_PAGE (self), FALSE);
  return self->provider_cancellable != NULL;
}

/* Fills the fields from a found account, and the mail program from its
 * program; the account-type page follows the state. */
static void
choose_account (MsaCurrentSettingsPage *self,
                MsaFoundAccount        *account)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  GListModel *servers = msa_found_account_get_servers (account);
  guint n = g_list_model_get_n_items (servers);
  gboolean outgoing_seen = FALSE;

  g_set_object (&self->chosen, account);
  /* A lookup for the account chosen before no longer matters. */
  g_cancellable_cancel (self->provider_cancellable);
  g_clear_object (&self->provider_cancellable);
  g_clear_pointer (&self->provider_message, g_free);
  msa_wizard_state_set_mail_client (state, msa_mail_program_get_client (msa_found_account_get_program (account)));
  if (msa_found_account_get_address (account) != NULL)
    msa_wizard_state_set_email_address (state, msa_found_account_get_address (account));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaFoundServer) found = g_list_model_get_item (servers, i);
      MsaServer *server = msa_found_server_get_server (found);

      if (msa_server_is_incoming (server))
        {
          msa_wizard_state_set_incoming_protocol (state, msa_server_get_protocol (server));
          msa_wizard_state_set_current_incoming_host (state, msa_server_get_hostname (server));
          msa_wizard_state_set_current_incoming_port (state, msa_server_get_port (server));
          msa_wizard_state_set_current_incoming_security (state, msa_server_get_security (server));
        }
      else
        {
          msa_wizard_state_set_current_outgoing_host (state, msa_server_get_hostname (server));
          msa_wizard_state_set_current_outgoing_port (state, msa_server_get_port (server));
          msa_wizard_state_set_current_outgoing_security (state, msa_server_get_security (server));
          outgoing_seen = TRUE;
        }
    }
  /* No stale outgoing server of an earlier choice. */
  if (!outgoing_seen)
    {
      msa_wizard_state_set_current_outgoing_host (state, NULL);
      msa_wizard_state_set_current_outgoing_port (state, 0);
      msa_wizard_state_set_current_outgoing_security (state, MSA_SECURITY_PLAIN);
    }

  msa_found_accounts_group_set_chosen (self->found_group, account);
  sync_from_state (self);
}

static void
on_account_activated_cb (MsaCurrentSettingsPage *self,
                         MsaFoundAccount        *account)
{
  choose_account (self, account);
}

static void
msa_current_settings_page_shown (MsaPage *page)
{
  sync_from_state (MSA_CURRENT_SETTINGS_PAGE (page));
}

/* The first field, where the old server name goes.  Moving the focus
 * forward into the freshly shown page landed in the port field instead
 * (GTK 4.8, libadwaita 1.2), and a name typed there went into Port. */
static void
msa_current_settings_page_focus_first (MsaPage *page)
{
  MsaCurrentSettingsPage *self = MSA_CURRENT_SETTINGS_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->incoming_host_row));
}

static void
connect_state (MsaCurrentSettingsPage *self)
{
  sync_from_state (self);
}

static void
msa_current_settings_page_dispose (GObject *object)
{
  MsaCurrentSettingsPage *self = MSA_CURRENT_SETTINGS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), MSA_TYPE_CURRENT_SETTINGS_PAGE);
  g_clear_pointer (&self->change_rows, g_ptr_array_unref);
  g_clear_object (&self->chosen);
  g_cancellable_cancel (self->provider_cancellable);
  g_clear_object (&self->provider_cancellable);
  g_clear_object (&self->provider_discovery);
  g_clear_object (&self->provider_profile);
  g_clear_pointer (&self->provider_domain, g_free);
  g_clear_pointer (&self->provider_message, g_free);

  G_OBJECT_CLASS (msa_current_settings_page_parent_class)->dispose (object);
}

/* The state is construct-only (MsaPage:state): connect to it once. */
static void
msa_current_settings_page_constructed (GObject *object)
{
  MsaCurrentSettingsPage *self = MSA_CURRENT_SETTINGS_PAGE (object);

  G_OBJECT_CLASS (msa_current_settings_page_parent_class)->constructed (object);

  connect_state (self);
  msa_found_accounts_group_set_cancellable (self->found_group, msa_page_get_cancellable (MSA_PAGE (self)));
}

static void
msa_current_settings_page_class_init (MsaCurrentSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MsaPageClass *page_class = MSA_PAGE_CLASS (klass);

  object_class->constructed = msa_current_settings_page_constructed;
  object_class->dispose = msa_current_settings_page_dispose;
  page_class->shown = msa_current_settings_page_shown;
  page_class->focus_first = msa_current_settings_page_focus_first;

  g_type_ensure (MSA_TYPE_FOUND_ACCOUNTS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msa-current-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, found_group);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, incoming_group);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, outgoing_group);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, incoming_host_row);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, incoming_port_row);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, incoming_security_row);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, outgoing_host_row);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, outgoing_port_row);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, outgoing_security_row);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, changes_group);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_account_activated_cb);
}

static void
msa_current_settings_page_init (MsaCurrentSettingsPage *self)
{
  self->change_rows = g_ptr_array_new ();
  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->syncing = FALSE;

  add_security_actions (self->incoming_security_row);
  add_security_actions (self->outgoing_security_row);

  /* The same names as on the page of the settings to enter. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->incoming_host_row),
                                 msa_setting_field_get_title (MSA_SETTING_FIELD_SERVER));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->outgoing_host_row),
                                 msa_setting_field_get_title (MSA_SETTING_FIELD_SERVER));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->incoming_port_row),
                                 msa_setting_field_get_title (MSA_SETTING_FIELD_PORT));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->outgoing_port_row),
                                 msa_setting_field_get_title (MSA_SETTING_FIELD_PORT));

  /* What is wrong with a field, in words below its group. */
  {
    AdwPreferencesGroup *groups[] = { self->incoming_group, self->outgoing_group };
    AdwEntryRow *host_rows[] = { self->incoming_host_row, self->outgoing_host_row };
    GtkLabel **labels[] = { &self->incoming_problem_label, &self->outgoing_problem_label };
    GtkButton **buttons[] = { &self->incoming_fix_button, &self->outgoing_fix_button };

    for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
      {
        GtkWidget *label = gtk_label_new (NULL);
        GtkWidget *button = gtk_button_new ();

        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_set_margin_top (label, 6);
        gtk_widget_add_css_class (label, "error");
        gtk_widget_set_visible (label, FALSE);
        adw_preferences_group_add (groups[i], label);
        *labels[i] = GTK_LABEL (label);

        gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
        gtk_widget_set_visible (button, FALSE);
        g_signal_connect (button, "clicked", G_CALLBACK (on_fix_clicked_cb), host_rows[i]);
        adw_entry_row_add_suffix (host_rows[i], button);
        *buttons[i] = GTK_BUTTON (button);
      }
  }

  msa_page_set_complete (MSA_PAGE (self), TRUE);
}

/**
 * msa_current_settings_page_new:
 * @state: (nullable): the wizard state the page shows; %NULL for its own
 *
 * Returns: (transfer floating): a new current-settings page
 */
GtkWidget *
msa_current_settings_page_new (MsaWizardState *state)
{
  return g_object_new (MSA_TYPE_CURRENT_SETTINGS_PAGE, "state", state, NULL);
}

/**
 * msa_current_settings_page_get_account_rows:
 * @self: a #MsaCurrentSettingsPage
 *
 * Returns: (transfer none) (element-type AdwActionRow): the rows of the
 *   found accounts (and of the unreadable files), in order
 */
GPtrArray *
msa_current_settings_page_get_account_rows (MsaCurrentSettingsPage *self)
{
  g_return_val_if_fail (MSA_IS_CURRENT_SETTINGS_PAGE (self), NULL);

  return msa_found_accounts_group_get_rows (self->found_group);
}

/**
 * msa_current_settings_page_scan_folder:
 * @self: a #MsaCurrentSettingsPage
 * @folder: a folder, as the file chooser would give it
 *
 * What choosing a folder in the dialog does: its accounts join the list.
 */
void
msa_current_settings_page_scan_folder (MsaCurrentSettingsPage *self,
                                       GFile                  *folder)
{
  g_return_if_fail (MSA_IS_CURRENT_SETTINGS_PAGE (self));
  g_return_if_fail (G_IS_FILE (folder));

  msa_found_accounts_group_scan_folder (self->found_group, folder);
}

/**
 * msa_current_settings_page_get_scan_done:
 * @self: a #MsaCurrentSettingsPage
 *
 * Returns: %TRUE once the account scan's results are shown
 */
gboolean
msa_current_settings_page_get_scan_done (MsaCurrentSettingsPage *self)
{
  g_return_val_if_fail (MSA_IS_CURRENT_SETTINGS_PAGE (self), FALSE);

  return msa_found_accounts_group_get_scan_done (self->found_group);
}

/**
 * msa_current_settings_page_dup_changes:
 * @self: a #MsaCurrentSettingsPage
 *
 * Returns: (transfer full): the changes the page lists, one per line as
 *   "field: old → new"
 */
char *
msa_current_settings_page_dup_changes (MsaCurrentSettingsPage *self)
{
  GString *text;

  g_return_val_if_fail (MSA_IS_CURRENT_SETTINGS_PAGE (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->change_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->change_rows, i);

      g_string_append_printf (text, "%s: %s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (row));
    }

  return g_string_free (text, FALSE);
}
