/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-current-settings-page-private.h"
#include "msa-setting-field.h"

struct _MsaCurrentSettingsPage
{
  MsaPage              parent_instance;

  /* Template children */
  AdwPreferencesGroup *incoming_group;
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
static int
parse_port (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  guint64 port;

  if (text[0] == '\0')
    return 0;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT16, &port, NULL))
    return -1;
  return (int) port;
}

static void
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

  in_port = parse_port (self->incoming_port_row);
  out_port = parse_port (self->outgoing_port_row);
  in_pos = adw_combo_row_get_selected (self->incoming_security_row);
  out_pos = adw_combo_row_get_selected (self->outgoing_security_row);

  if (in_port < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->incoming_port_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->incoming_port_row), "error");
  if (out_port < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->outgoing_port_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->outgoing_port_row), "error");

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

  msa_page_set_complete (MSA_PAGE (self), in_port >= 0 && out_port >= 0);
  update_changes (self);
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

  G_OBJECT_CLASS (msa_current_settings_page_parent_class)->dispose (object);
}

/* The state is construct-only (MsaPage:state): connect to it once. */
static void
msa_current_settings_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (msa_current_settings_page_parent_class)->constructed (object);

  connect_state (MSA_CURRENT_SETTINGS_PAGE (object));
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msa-current-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, incoming_group);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, incoming_host_row);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, incoming_port_row);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, incoming_security_row);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, outgoing_host_row);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, outgoing_port_row);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, outgoing_security_row);
  gtk_widget_class_bind_template_child (widget_class, MsaCurrentSettingsPage, changes_group);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
}

static void
msa_current_settings_page_init (MsaCurrentSettingsPage *self)
{
  self->change_rows = g_ptr_array_new ();
  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->syncing = FALSE;

  /* The same names as on the page of the settings to enter. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->incoming_host_row),
                                 msa_setting_field_get_title (MSA_SETTING_FIELD_SERVER));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->outgoing_host_row),
                                 msa_setting_field_get_title (MSA_SETTING_FIELD_SERVER));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->incoming_port_row),
                                 msa_setting_field_get_title (MSA_SETTING_FIELD_PORT));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->outgoing_port_row),
                                 msa_setting_field_get_title (MSA_SETTING_FIELD_PORT));

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
