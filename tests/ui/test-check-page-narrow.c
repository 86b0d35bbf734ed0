/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The check page after a failure, 360 px wide and with text scaled 1.5×,
 * in German and in English: the heading that says which server failed
 * ("Der Postausgangsserver hat …": one long compound word in a large
 * font) wraps instead of widening the window.  test-window checks every
 * page at 360 px before anything is checked; this is the state after. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "msa-fake-server.h"
#include "msa-test-servers.h"
#include "msa-ui-test.h"
#include "pages/msa-check-page-private.h"

static MsaTestServers *servers;

typedef struct {
  const char *language;
  MsaProtocol refused;   /* the server that fails */
  const char *heading;   /* its heading, in English */
} Case;

static void
switch_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, "C.UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static int
label_width (const char *text)
{
  g_autoptr(GtkWidget) label = g_object_ref_sink (gtk_label_new (text));
  int natural = 0;

  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* IMAP and SMTP: the real server for each, but a refusing port for
 * @refused. */
static MsaProfile *
profile_refusing (MsaProtocol refused,
                  guint16     refused_port)
{
  static const struct { MsaProtocol protocol; MsaTestService service; } servers_used[] = {
    { MSA_PROTOCOL_IMAP, MSA_TEST_SERVICE_IMAPS },
    { MSA_PROTOCOL_SMTP, MSA_TEST_SERVICE_SMTPS },
  };
  MsaProfile *profile = msa_profile_new ("localhost", "Test provider");

  for (guint i = 0; i < G_N_ELEMENTS (servers_used); i++)
    {
      guint16 port = servers_used[i].protocol == refused
                     ? refused_port
                     : msa_test_servers_get_port (servers, servers_used[i].service);
      g_autoptr(MsaServer) server = msa_server_new (servers_used[i].protocol, "localhost", port,
                                                    MSA_SECURITY_SSL);

      msa_profile_add_server (profile, server);
    }
  return profile;
}

static void
test_narrow_failed (gconstpointer data)
{
  const Case *c = data;
  GtkSettings *settings = gtk_settings_get_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaFakeServer) refused = msa_fake_server_new (MSA_FAKE_BEHAVIOUR_REFUSED, &error);
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  MsaCheckPage *page;
  GtkWidget *window;
  int plain_width, page_min = 0;
  const char *heading;

  g_assert_no_error (error);
  switch_language (c->language);
  g_assert_cmpstr (gettext (c->heading), !=, c->language != NULL ? c->heading : "");

  /* Text at 1.5×, as GNOME's settings daemon sets it; a label proves it. */
  plain_width = label_width ("Postausgangsserver");
  g_object_set (settings, "gtk-xft-dpi", (int) (1.5 * 96 * 1024), NULL);
  g_test_message ("a label: %d px at 1.0, %d px at 1.5", plain_width, label_width ("Postausgangsserver"));
  g_assert_cmpint (label_width ("Postausgangsserver"), >=, plain_width * 14 / 10);

  profile = profile_refusing (c->refused, msa_fake_server_get_port (refused));
  msa_wizard_state_set_profile (state, profile, FALSE);
  msa_wizard_state_set_ca_file (state, msa_test_servers_get_ca_file (servers));
  page = MSA_CHECK_PAGE (msa_check_page_new (state));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));

  msa_page_shown (MSA_PAGE (page));
  g_assert_true (msa_ui_test_wait_check_page (page, 60));
  msa_ui_test_run_for (300);

  heading = msa_check_page_get_verdict_title (page);
  g_test_message ("heading: %s", heading);
  g_assert_cmpstr (heading, ==, gettext (c->heading));

  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &page_min, NULL, NULL, NULL);
  g_test_message ("the page asks for at least %d px", page_min);
  g_assert_cmpint (page_min, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);

  gtk_window_destroy (GTK_WINDOW (window));
  msa_ui_test_run_for (100);
  gtk_settings_reset_property (settings, "gtk-xft-dpi");
  switch_language (NULL);
}

int
main (int   argc,
      char *argv[])
{
  static const Case cases[] = {
    { "de", MSA_PROTOCOL_SMTP, "The Outgoing Server Did Not Pass the Check" },
    { "de", MSA_PROTOCOL_IMAP, "The Incoming Server Did Not Pass the Check" },
    { NULL, MSA_PROTOCOL_SMTP, "The Outgoing Server Did Not Pass the Check" },
    { NULL, MSA_PROTOCOL_IMAP, "The Incoming Server Did Not Pass the Check" },
  };
  g_autofree char *localedir = g_build_filename (g_getenv ("MSA_BUILD_ROOT"), "po", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  /* The catalogue compiled in the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  msa_ui_test_init (&argc, &argv);
  servers = msa_test_servers_start (&error);
  g_assert_no_error (error);

  /* German first: GLib decides at its first g_dgettext () whether to
   * translate at all (see test-accessibility.c). */
  g_test_add_data_func ("/check-page-narrow/de/outgoing-failed", &cases[0], test_narrow_failed);
  g_test_add_data_func ("/check-page-narrow/de/incoming-failed", &cases[1], test_narrow_failed);
  g_test_add_data_func ("/check-page-narrow/en/outgoing-failed", &cases[2], test_narrow_failed);
  g_test_add_data_func ("/check-page-narrow/en/incoming-failed", &cases[3], test_narrow_failed);

  status = g_test_run ();
  msa_test_servers_stop (servers);
  return status;
}
