/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The current-settings page with a fixture home: it lists every account
 * the scan finds, with its program and verdict; choosing one fills the
 * fields, the mail program (the account-type page follows) and the
 * changes; an account of another provider says so. */
#include "config.h"

#include <locale.h>

#include "msa-ui-test.h"
#include "msa-test-home.h"
#include "msa-wizard-state.h"
#include "pages/msa-account-type-page.h"
#include "pages/msa-current-settings-page-private.h"
#include "widgets/msa-found-accounts-group.h"

static char *home;

/* The row that opens the folder chooser, in the page's group of found
 * accounts. */
static GtkWidget *
folder_row_of (MsaPage *page)
{
  GtkWidget *group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                MSA_TYPE_CURRENT_SETTINGS_PAGE,
                                                                "found_group"));

  return GTK_WIDGET (gtk_widget_get_template_child (group, MSA_TYPE_FOUND_ACCOUNTS_GROUP,
                                                    "choose_folder_row"));
}

static MsaPage *
page_with_scan (MsaWizardState *state)
{
  MsaPage *page = g_object_ref_sink (g_object_new (MSA_TYPE_CURRENT_SETTINGS_PAGE, "state", state, NULL));
  gboolean done = FALSE;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!(done = msa_current_settings_page_get_scan_done (MSA_CURRENT_SETTINGS_PAGE (page)))
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done);
  msa_page_shown (page);
  return page;
}

static AdwActionRow *
find_row (MsaPage    *page,
          const char *title,
          const char *program)
{
  GPtrArray *rows = msa_current_settings_page_get_account_rows (MSA_CURRENT_SETTINGS_PAGE (page));

  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0
          && g_str_has_prefix (adw_action_row_get_subtitle (row), program))
        return row;
    }
  g_error ("no row %s (%s)", title, program);
}

static void
test_scan_rows (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaPage *page = page_with_scan (state);
  GPtrArray *rows = msa_current_settings_page_get_account_rows (MSA_CURRENT_SETTINGS_PAGE (page));

  /* One row an account, in the scan's order, each with its program and
   * its worst verdict, activatable by keyboard. */
  g_assert_cmpuint (rows->len, ==, msa_test_home_full_n_accounts);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       msa_test_home_full_accounts[i].name);
      g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (row)));
      g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (row)));
    }
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (page, "anna@df.eu", "Thunderbird")), ==,
                   "Thunderbird · Not Encrypted");
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (page, "jo@example.net", "GNOME")), ==,
                   "GNOME Online Accounts · Certificate Errors Ignored");
  g_assert_cmpstr (adw_action_row_get_subtitle (find_row (page, "Flatpak-Konto", "Evolution")), ==,
                   "Evolution · Encrypted with STARTTLS");

  g_object_unref (page);
}

static void
test_scan_choose (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaPage *page = page_with_scan (state);
  MsaPage *account_type = g_object_ref_sink (g_object_new (MSA_TYPE_ACCOUNT_TYPE_PAGE, "state", state, NULL));
  AdwComboRow *client_row = ADW_COMBO_ROW ((GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (account_type),
                                                                                      MSA_TYPE_ACCOUNT_TYPE_PAGE,
                                                                                      "client_row"));
  GtkEditable *host_row = GTK_EDITABLE ((GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                                   MSA_TYPE_CURRENT_SETTINGS_PAGE,
                                                                                   "incoming_host_row"));
  g_autofree char *changes = NULL;

  /* Geary's account: STARTTLS on 143 in, nothing on 25 out. */
  g_signal_emit_by_name (find_row (page, "Anna (Geary)", "Geary"), "activated");
  g_assert_cmpint (msa_wizard_state_get_mail_client (state), ==, MSA_MAIL_CLIENT_GEARY);
  g_assert_cmpuint (adw_combo_row_get_selected (client_row), ==, MSA_MAIL_CLIENT_GEARY);
  g_assert_cmpint (msa_wizard_state_get_incoming_protocol (state), ==, MSA_PROTOCOL_IMAP);
  g_assert_cmpstr (msa_wizard_state_get_email_address (state), ==, "anna@df.eu");
  g_assert_cmpstr (gtk_editable_get_text (host_row), ==, "mail.df.eu");
  g_assert_cmpuint (msa_wizard_state_get_current_incoming_port (state), ==, 143);
  g_assert_cmpint (msa_wizard_state_get_current_incoming_security (state), ==, MSA_SECURITY_STARTTLS);
  g_assert_cmpuint (msa_wizard_state_get_current_outgoing_port (state), ==, 25);
  changes = msa_current_settings_page_dup_changes (MSA_CURRENT_SETTINGS_PAGE (page));
  g_assert_nonnull (strstr (changes, "mail.df.eu → sslin.df.eu"));
  g_assert_nonnull (strstr (changes, "143 → 993"));
  g_assert_nonnull (strstr (changes, "25 → 465"));
  g_assert_null (strstr (changes, "Another provider"));
  g_clear_pointer (&changes, g_free);

  /* KMail's POP3 account: the account type follows (POP3), and so does
   * the mail program. */
  g_signal_emit_by_name (find_row (page, "Anna POP3", "KMail"), "activated");
  g_assert_cmpint (msa_wizard_state_get_incoming_protocol (state), ==, MSA_PROTOCOL_POP3);
  g_assert_cmpuint (adw_combo_row_get_selected (client_row), ==, MSA_MAIL_CLIENT_KMAIL);
  changes = msa_current_settings_page_dup_changes (MSA_CURRENT_SETTINGS_PAGE (page));
  g_assert_nonnull (strstr (changes, "110 → 995"));
  g_clear_pointer (&changes, g_free);

  /* An account at another provider: the page says that its changes are
   * for domainFACTORY's servers. */
  g_signal_emit_by_name (find_row (page, "Privat", "Claws Mail"), "activated");
  g_assert_cmpint (msa_wizard_state_get_mail_client (state), ==, MSA_MAIL_CLIENT_OTHER);
  changes = msa_current_settings_page_dup_changes (MSA_CURRENT_SETTINGS_PAGE (page));
  g_assert_nonnull (strstr (changes, "Another provider"));

  g_object_unref (account_type);
  g_object_unref (page);
}

/* A folder chosen in the file chooser (the portal, in a Flatpak): its
 * accounts join the list, the folder row stays last. */
static void
test_scan_folder (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaPage *page = page_with_scan (state);
  GPtrArray *rows = msa_current_settings_page_get_account_rows (MSA_CURRENT_SETTINGS_PAGE (page));
  g_autoptr(char) other = msa_test_home_new ("full");
  g_autofree char *path = g_build_filename (other, ".thunderbird", "Profiles", "k3x9.default-release", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  GtkWidget *folder_row = folder_row_of (page);
  guint before = rows->len;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (folder_row)));
  g_assert_nonnull (gtk_widget_get_tooltip_text (folder_row));

  msa_current_settings_page_scan_folder (MSA_CURRENT_SETTINGS_PAGE (page), folder);
  while (rows->len == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rows->len, ==, before + 4);
  g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, before)), ==,
                   "Thunderbird · Not Encrypted");
  g_assert_true (gtk_widget_get_next_sibling (g_ptr_array_index (rows, rows->len - 1)) == folder_row);

  g_object_unref (page);
}

static GtkFileChooser *
find_file_chooser_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_visible (window))
        return GTK_FILE_CHOOSER (window);
    }
  return NULL;
}

/* The folder row opens the real file chooser (outside a sandbox, GTK's
 * own dialog stands in for the portal); the folder chosen there is
 * scanned, and the focus comes back to the row. */
static void
test_scan_folder_dialog (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaPage *page = page_with_scan (state);
  GtkWidget *window = gtk_window_new ();
  GPtrArray *rows = msa_current_settings_page_get_account_rows (MSA_CURRENT_SETTINGS_PAGE (page));
  g_autoptr(char) other = msa_test_home_new ("full");
  g_autofree char *path = g_build_filename (other, ".thunderbird", "Profiles", "k3x9.default-release", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  GtkWidget *folder_row = folder_row_of (page);
  GtkFileChooser *chooser = NULL;
  guint before = rows->len;
  gint64 deadline;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_emit_by_name (folder_row, "activated");

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((chooser = find_file_chooser_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  /* In folder mode, with nothing selected, the chooser answers with the
   * folder it shows. */
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (rows->len == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (rows->len, ==, before + 4);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == folder_row);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (page);
}

/* A page destroyed while its scan runs: the scan is cancelled, nothing
 * touches the page afterwards. */
static void
test_scan_destroy_early (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaPage *page = g_object_ref_sink (g_object_new (MSA_TYPE_CURRENT_SETTINGS_PAGE, "state", state, NULL));
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  g_assert_finalize_object (page);
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = NULL;
  int status;

  /* Before anything asks GLib for the home folder. */
  home = msa_test_home_new ("full");
  config = g_build_filename (home, ".config", NULL);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  msa_ui_test_init (&argc, &argv);

  g_test_add_func ("/current-settings-scan/rows", test_scan_rows);
  g_test_add_func ("/current-settings-scan/choose", test_scan_choose);
  g_test_add_func ("/current-settings-scan/folder", test_scan_folder);
  g_test_add_func ("/current-settings-scan/folder-dialog", test_scan_folder_dialog);
  g_test_add_func ("/current-settings-scan/destroy-early", test_scan_destroy_early);

  status = g_test_run ();
  msa_test_home_free (g_steal_pointer (&home));
  return status;
}
