/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-found-profile-group.h"
#include "msa-found-account-text.h"

struct _MsaFoundProfileGroup
{
  AdwPreferencesGroup  parent_instance;

  GPtrArray           *server_rows;
  AdwActionRow        *confirm_row;   /* while confirmation is asked for */
  GtkCheckButton      *confirm_check;
  gboolean             showing;       /* no notifications in between */
};

G_DEFINE_FINAL_TYPE (MsaFoundProfileGroup, msa_found_profile_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CONFIRMED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Only the user's choice: what is shown comes with its own update. */
static void
on_confirm_toggled_cb (MsaFoundProfileGroup *self)
{
  if (!self->showing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIRMED]);
}

static void
msa_found_profile_group_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MsaFoundProfileGroup *self = MSA_FOUND_PROFILE_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONFIRMED:
      g_value_set_boolean (value, msa_found_profile_group_get_confirmed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_found_profile_group_finalize (GObject *object)
{
  MsaFoundProfileGroup *self = MSA_FOUND_PROFILE_GROUP (object);

  g_ptr_array_unref (self->server_rows);

  G_OBJECT_CLASS (msa_found_profile_group_parent_class)->finalize (object);
}

static void
msa_found_profile_group_class_init (MsaFoundProfileGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = msa_found_profile_group_get_property;
  object_class->finalize = msa_found_profile_group_finalize;

  /**
   * MsaFoundProfileGroup:confirmed:
   *
   * Whether the servers shown may be used: no confirmation was asked
   * for, or the user gave it.  Notified when the user ticks or unticks
   * the confirmation.
   */
  properties[PROP_CONFIRMED] =
    g_param_spec_boolean ("confirmed", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msa_found_profile_group_init (MsaFoundProfileGroup *self)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *row = adw_action_row_new ();

  self->server_rows = g_ptr_array_new ();

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_signal_connect_object (check, "notify::active", G_CALLBACK (on_confirm_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 100);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 100);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_visible (row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);

  self->confirm_row = ADW_ACTION_ROW (row);
  self->confirm_check = GTK_CHECK_BUTTON (check);
}

/**
 * msa_found_profile_group_clear:
 * @self: a #MsaFoundProfileGroup
 *
 * Takes away the servers shown and the confirmation.  As with
 * msa_found_profile_group_show(), #MsaFoundProfileGroup:confirmed is
 * not notified: the caller knows.
 */
void
msa_found_profile_group_clear (MsaFoundProfileGroup *self)
{
  g_return_if_fail (MSA_IS_FOUND_PROFILE_GROUP (self));

  for (guint i = 0; i < self->server_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->server_rows, i));
  g_ptr_array_set_size (self->server_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), FALSE);
  self->showing = TRUE;
  gtk_check_button_set_active (self->confirm_check, FALSE);
  self->showing = FALSE;
}

/**
 * msa_found_profile_group_show:
 * @self: a #MsaFoundProfileGroup
 * @profile: the profile found
 * @source_label: where it was found, e.g. “Thunderbird’s provider database”
 * @address_domain: the domain of the e-mail address
 * @servers_domain: (nullable): the domain of the servers, when they need
 *   the user's confirmation; %NULL when they do not
 */
void
msa_found_profile_group_show (MsaFoundProfileGroup *self,
                              MsaProfile           *profile,
                              const char           *source_label,
                              const char           *address_domain,
                              const char           *servers_domain)
{
  GListModel *servers;
  g_autofree char *description = NULL;

  g_return_if_fail (MSA_IS_FOUND_PROFILE_GROUP (self));
  g_return_if_fail (MSA_IS_PROFILE (profile));

  msa_found_profile_group_clear (self);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), msa_profile_get_display_name (profile));
  /* Translators: %s is where the settings came from, e.g. “Thunderbird’s provider database” */
  description = g_strdup_printf (_("Found in: %s"), source_label);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);

  servers = msa_profile_get_servers (profile);
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(MsaServer) server = g_list_model_get_item (servers, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      /* Translators: a server found: its name, port and connection
       * security, e.g. “imap.example.org · port 993 · SSL/TLS” */
      subtitle = g_strdup_printf (_("%s · port %u · %s"), msa_server_get_hostname (server),
                                  msa_server_get_port (server),
                                  msa_security_get_label (msa_server_get_security (server)));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     msa_protocol_get_server_title (msa_server_get_protocol (server)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 100);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->server_rows, row);
    }

  if (servers_domain != NULL)
    {
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: %s is a domain, e.g. hoster.example */
      title = g_strdup_printf (_("Use the servers of %s"), servers_domain);
      /* Translators: %s is the domain of the e-mail address */
      subtitle = g_strdup_printf (_("These servers do not belong to %s and were found through records "
                                    "that anyone on the network could forge. Use them only if your "
                                    "provider names this domain."), address_domain);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->confirm_row), title);
      adw_action_row_set_subtitle (self->confirm_row, subtitle);
      /* The confirmation comes after the servers it is about. */
      g_object_ref (self->confirm_row);
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->confirm_row));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->confirm_row));
      g_object_unref (self->confirm_row);
      gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), TRUE);
    }
}

/**
 * msa_found_profile_group_get_confirmed:
 * @self: a #MsaFoundProfileGroup
 *
 * Returns: the #MsaFoundProfileGroup:confirmed property
 */
gboolean
msa_found_profile_group_get_confirmed (MsaFoundProfileGroup *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_PROFILE_GROUP (self), FALSE);

  return !gtk_widget_get_visible (GTK_WIDGET (self->confirm_row))
         || gtk_check_button_get_active (self->confirm_check);
}

/**
 * msa_found_profile_group_confirm:
 * @self: a #MsaFoundProfileGroup
 *
 * Ticks the confirmation, as a click on its row does.
 *
 * Returns: whether a confirmation was asked for
 */
gboolean
msa_found_profile_group_confirm (MsaFoundProfileGroup *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_PROFILE_GROUP (self), FALSE);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->confirm_row)))
    return FALSE;
  gtk_widget_activate (GTK_WIDGET (self->confirm_row));
  return TRUE;
}
