/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-accessible.h"
#include "msa-account-scan.h"
#include "msa-file-chooser.h"
#include "msa-found-account-text.h"
#include "msa-found-accounts-group.h"
#include "msa-tooltip.h"

struct _MsaFoundAccountsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template children */
  AdwActionRow        *scan_status_row;
  AdwActionRow        *choose_folder_row;
  GtkSpinner          *scan_spinner;

  MsaAccountScan      *scan;          /* of the user's own folders */
  MsaAccountScan      *folder_scan;   /* of a folder the user chose */
  GCancellable        *cancellable;   /* the scans' */
  GCancellable        *window_cancellable;
  GPtrArray           *rows;          /* accounts' and unreadable files' */
  gboolean             choosing_folder;
};

G_DEFINE_FINAL_TYPE (MsaFoundAccountsGroup, msa_found_accounts_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  ACCOUNT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
verdict_icon (MsaVerdict verdict)
{
  switch (verdict)
    {
    case MSA_VERDICT_ENCRYPTED:
      return "channel-secure-symbolic";
    case MSA_VERDICT_STARTTLS:
      return "dialog-information-symbolic";
    case MSA_VERDICT_UNENCRYPTED:
    case MSA_VERDICT_CERTIFICATE_ERRORS_IGNORED:
    default:
      return "dialog-warning-symbolic";
    }
}

static void
on_account_row_activated_cb (AdwActionRow          *row,
                             MsaFoundAccountsGroup *self)
{
  g_signal_emit (self, signals[ACCOUNT_ACTIVATED], 0, g_object_get_data (G_OBJECT (row), "msa-account"));
}

static GtkWidget *
account_row_new (MsaFoundAccountsGroup *self,
                 MsaFoundAccount       *account)
{
  GtkWidget *row = adw_action_row_new ();
  MsaVerdict verdict = msa_found_account_get_worst_verdict (account);
  GtkWidget *icon = gtk_image_new_from_icon_name (verdict_icon (verdict));
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  /* Translators: under an account's name: the mail program, then the
   * verdict on its connection, e.g. "Thunderbird · Not Encrypted" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"),
                                               msa_mail_program_get_name (msa_found_account_get_program (account)),
                                               msa_verdict_get_title (verdict));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), msa_found_account_get_name (account));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  msa_tooltip_set_text (row, msa_verdict_get_sentence (verdict));
  msa_tooltip_set_text (icon, msa_verdict_get_title (verdict));
  msa_accessible_set_label (icon, msa_verdict_get_title (verdict));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_visible (check, FALSE);
  msa_accessible_set_label (check, _("Chosen"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), NULL);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  g_object_set_data_full (G_OBJECT (row), "msa-account", g_object_ref (account), g_object_unref);
  g_object_set_data (G_OBJECT (row), "msa-check", check);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_account_row_activated_cb), self, 0);
  return row;
}

static gboolean
account_listed (MsaFoundAccountsGroup *self,
                MsaFoundAccount       *account)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      MsaFoundAccount *listed = g_object_get_data (g_ptr_array_index (self->rows, i), "msa-account");

      if (listed != NULL
          && g_strcmp0 (msa_found_account_get_source (listed), msa_found_account_get_source (account)) == 0
          && g_strcmp0 (msa_found_account_get_name (listed), msa_found_account_get_name (account)) == 0)
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
unreadable_row_new (GPtrArray *unreadable)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  g_autoptr(GString) paths = g_string_new (NULL);
  /* Translators: %u is a number of files */
  g_autofree char *title = g_strdup_printf (ngettext ("%u file could not be read",
                                                      "%u files could not be read",
                                                      unreadable->len),
                                            unreadable->len);

  for (guint i = 0; i < unreadable->len; i++)
    {
      const MsaUnreadable *file = g_ptr_array_index (unreadable, i);

      g_string_append_printf (paths, "%s%s: %s", i > 0 ? "\n" : "", file->path, file->message);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), paths->str);
  msa_accessible_set_label (warning, _("Warning"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), warning);
  return row;
}

/* Rows for the accounts of @scan not listed yet, before the folder row;
 * returns how many were added. */
static guint
add_scan_rows (MsaFoundAccountsGroup *self,
               MsaAccountScan        *scan)
{
  GListModel *accounts = msa_account_scan_get_accounts (scan);
  GPtrArray *unreadable = msa_account_scan_get_unreadable (scan);
  guint n = g_list_model_get_n_items (accounts);
  guint added = 0;

  /* The folder row stays last. */
  g_object_ref (self->choose_folder_row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->choose_folder_row));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaFoundAccount) account = g_list_model_get_item (accounts, i);
      GtkWidget *row;

      if (account_listed (self, account))
        continue;
      row = account_row_new (self, account);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
      added++;
    }

  if (unreadable->len > 0)
    {
      GtkWidget *row = unreadable_row_new (unreadable);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->choose_folder_row));
  g_object_unref (self->choose_folder_row);
  return added;
}

/* After a scan: the accounts' hint when rows were added, else what was
 * not found (@nothing_found). */
static void
show_scan_result (MsaFoundAccountsGroup *self,
                  guint                  added,
                  const char            *nothing_found)
{
  if (added == 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scan_status_row), _("No accounts found"));
      adw_action_row_set_subtitle (self->scan_status_row, nothing_found);
      gtk_widget_set_visible (GTK_WIDGET (self->scan_status_row), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->scan_status_row), FALSE);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Choose the account to make safe: its settings fill the fields below."));
}

/* The group cancels its scans in dispose: a cancelled scan's callback
 * never touches the group, which may be gone by then. */
static void
on_scan_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MsaFoundAccountsGroup *self = user_data;
  g_autoptr(GError) error = NULL;
  guint added;

  if (!msa_account_scan_run_finish (MSA_ACCOUNT_SCAN (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The account scan failed: %s", error->message);
      return;
    }

  added = add_scan_rows (self, self->scan);
  gtk_spinner_set_spinning (self->scan_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->scan_spinner), FALSE);
  show_scan_result (self, added,
                    _("Thunderbird, Evolution, KMail, Geary, Claws Mail and GNOME Online "
                      "Accounts have no account on this computer. Enter your settings below."));
}

static void
on_folder_scanned_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  MsaFoundAccountsGroup *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *nothing_found = NULL;

  if (!msa_account_scan_run_finish (MSA_ACCOUNT_SCAN (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The account scan failed: %s", error->message);
      return;
    }

  name = g_file_get_parse_name (msa_account_scan_get_folder (MSA_ACCOUNT_SCAN (source)));
  /* Translators: %s is a folder */
  nothing_found = g_strdup_printf (_("No mail program’s account was found in %s."), name);
  show_scan_result (self, add_scan_rows (self, MSA_ACCOUNT_SCAN (source)), nothing_found);
}

static void
on_folder_chosen_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MsaFoundAccountsGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = msa_file_chooser_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->choosing_folder = FALSE;
  if (folder != NULL)
    msa_found_accounts_group_scan_folder (self, folder);
  /* Back where the user was. */
  gtk_widget_grab_focus (GTK_WIDGET (self->choose_folder_row));
}

/* The portal grants the chosen folder to the Flatpak. */
static void
on_choose_folder_row_activated_cb (MsaFoundAccountsGroup *self)
{
  if (self->choosing_folder)
    return;

  self->choosing_folder = TRUE;
  msa_file_chooser_run_async (GTK_WIDGET (self), MSA_FILE_CHOOSER_SELECT_FOLDER,
                              _("Choose a Mail Program’s Folder"), _("_Choose"), NULL, NULL,
                              self->window_cancellable, on_folder_chosen_cb, g_object_ref (self));
}

static void
msa_found_accounts_group_dispose (GObject *object)
{
  MsaFoundAccountsGroup *self = MSA_FOUND_ACCOUNTS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), MSA_TYPE_FOUND_ACCOUNTS_GROUP);
  g_clear_object (&self->scan);
  g_clear_object (&self->folder_scan);
  g_clear_object (&self->window_cancellable);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (msa_found_accounts_group_parent_class)->dispose (object);
}

static void
msa_found_accounts_group_finalize (GObject *object)
{
  MsaFoundAccountsGroup *self = MSA_FOUND_ACCOUNTS_GROUP (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (msa_found_accounts_group_parent_class)->finalize (object);
}

static void
msa_found_accounts_group_class_init (MsaFoundAccountsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = msa_found_accounts_group_dispose;
  object_class->finalize = msa_found_accounts_group_finalize;

  /**
   * MsaFoundAccountsGroup::account-activated:
   * @self: the group
   * @account: the account of the row
   *
   * The user chose an account's row.
   */
  signals[ACCOUNT_ACTIVATED] =
    g_signal_new ("account-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MSA_TYPE_FOUND_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/widgets/msa-found-accounts-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaFoundAccountsGroup, scan_status_row);
  gtk_widget_class_bind_template_child (widget_class, MsaFoundAccountsGroup, scan_spinner);
  gtk_widget_class_bind_template_child (widget_class, MsaFoundAccountsGroup, choose_folder_row);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder_row_activated_cb);
}

static void
msa_found_accounts_group_init (MsaFoundAccountsGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The scan reads a few small files, asynchronously: the page is ready
   * long before the user reaches it. */
  self->scan = msa_account_scan_new_for_user ();
  msa_account_scan_run_async (self->scan, self->cancellable, on_scan_done_cb, self);
}

/**
 * msa_found_accounts_group_set_chosen:
 * @self: a #MsaFoundAccountsGroup
 * @account: (nullable): the account chosen
 *
 * Marks @account's row as the chosen one.
 */
void
msa_found_accounts_group_set_chosen (MsaFoundAccountsGroup *self,
                                     MsaFoundAccount       *account)
{
  g_return_if_fail (MSA_IS_FOUND_ACCOUNTS_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "msa-check");

      if (check != NULL)
        gtk_widget_set_visible (check, g_object_get_data (G_OBJECT (row), "msa-account") == account);
    }
}

/**
 * msa_found_accounts_group_set_cancellable:
 * @self: a #MsaFoundAccountsGroup
 * @cancellable: (nullable): closes the folder chooser when cancelled (the
 *   window's)
 */
void
msa_found_accounts_group_set_cancellable (MsaFoundAccountsGroup *self,
                                          GCancellable          *cancellable)
{
  g_return_if_fail (MSA_IS_FOUND_ACCOUNTS_GROUP (self));

  g_set_object (&self->window_cancellable, cancellable);
}

/**
 * msa_found_accounts_group_scan_folder:
 * @self: a #MsaFoundAccountsGroup
 * @folder: a folder, as the file chooser gives it
 *
 * What choosing a folder in the dialog does: its accounts join the list.
 */
void
msa_found_accounts_group_scan_folder (MsaFoundAccountsGroup *self,
                                      GFile                 *folder)
{
  g_return_if_fail (MSA_IS_FOUND_ACCOUNTS_GROUP (self));
  g_return_if_fail (G_IS_FILE (folder));

  g_clear_object (&self->folder_scan);
  self->folder_scan = msa_account_scan_new_for_folder (folder);
  msa_account_scan_run_async (self->folder_scan, self->cancellable, on_folder_scanned_cb, self);
}

/**
 * msa_found_accounts_group_get_rows:
 * @self: a #MsaFoundAccountsGroup
 *
 * Returns: (transfer none) (element-type AdwActionRow): the rows of the
 *   found accounts (and of the unreadable files), in order
 */
GPtrArray *
msa_found_accounts_group_get_rows (MsaFoundAccountsGroup *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_ACCOUNTS_GROUP (self), NULL);

  return self->rows;
}

/**
 * msa_found_accounts_group_get_scan_done:
 * @self: a #MsaFoundAccountsGroup
 *
 * Returns: %TRUE once the scan's results are shown
 */
gboolean
msa_found_accounts_group_get_scan_done (MsaFoundAccountsGroup *self)
{
  g_return_val_if_fail (MSA_IS_FOUND_ACCOUNTS_GROUP (self), FALSE);

  return !gtk_spinner_get_spinning (self->scan_spinner);
}
