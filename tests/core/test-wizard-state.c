/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The wizard's state without a display: defaults, the servers it picks
 * from the profile, notifications and the user name placeholders. */
#include "config.h"

#include <locale.h>

#include "msa-wizard-state.h"

static void
test_wizard_state_new_destroy (void)
{
  MsaWizardState *state = msa_wizard_state_new ();

  g_assert_true (msa_wizard_state_get_builtin_profile (state));
  g_assert_cmpint (msa_wizard_state_get_incoming_protocol (state), ==, MSA_PROTOCOL_IMAP);
  g_assert_nonnull (msa_wizard_state_get_incoming_server (state));
  g_assert_cmpstr (msa_server_get_hostname (msa_wizard_state_get_incoming_server (state)), ==, "sslin.df.eu");
  g_assert_cmpuint (msa_server_get_port (msa_wizard_state_get_incoming_server (state)), ==, 993);
  g_assert_cmpstr (msa_server_get_hostname (msa_wizard_state_get_outgoing_server (state)), ==, "sslout.df.eu");
  g_assert_cmpuint (msa_server_get_port (msa_wizard_state_get_outgoing_server (state)), ==, 465);

  msa_wizard_state_set_incoming_protocol (state, MSA_PROTOCOL_POP3);
  g_assert_cmpuint (msa_server_get_port (msa_wizard_state_get_incoming_server (state)), ==, 995);

  g_assert_finalize_object (state);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_wizard_state_properties (void)
{
  g_autoptr(MsaWizardState) state = msa_wizard_state_new ();
  g_autoptr(MsaServer) server = msa_server_new (MSA_PROTOCOL_IMAP, "mail.example.org", 993,
                                                 MSA_SECURITY_SSL);
  g_autofree char *username = NULL;
  guint count = 0;

  g_signal_connect (state, "notify::email-address", G_CALLBACK (count_notify_cb), &count);
  msa_wizard_state_set_email_address (state, "anna@example.org");
  msa_wizard_state_set_email_address (state, "anna@example.org");
  g_assert_cmpuint (count, ==, 1);
  /* An empty address is no address. */
  msa_wizard_state_set_email_address (state, "");
  g_assert_null (msa_wizard_state_get_email_address (state));
  g_assert_cmpuint (count, ==, 2);

  msa_server_set_username (server, "%EMAILLOCALPART%+%EMAILDOMAIN%");
  username = msa_wizard_state_dup_username (state, server);
  g_assert_cmpstr (username, ==, "%EMAILLOCALPART%+%EMAILDOMAIN%");
  g_clear_pointer (&username, g_free);
  msa_wizard_state_set_email_address (state, "anna@example.org");
  username = msa_wizard_state_dup_username (state, server);
  g_assert_cmpstr (username, ==, "anna+example.org");
  g_clear_pointer (&username, g_free);
  msa_server_set_username (server, "%EMAILADDRESS%");
  username = msa_wizard_state_dup_username (state, server);
  g_assert_cmpstr (username, ==, "anna@example.org");

  msa_wizard_state_set_current_incoming_port (state, 143);
  g_assert_cmpuint (msa_wizard_state_get_current_incoming_port (state), ==, 143);
  msa_wizard_state_set_current_outgoing_security (state, MSA_SECURITY_STARTTLS);
  g_assert_cmpint (msa_wizard_state_get_current_outgoing_security (state), ==, MSA_SECURITY_STARTTLS);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wizard-state/new-destroy", test_wizard_state_new_destroy);
  g_test_add_func ("/wizard-state/properties", test_wizard_state_properties);

  return g_test_run ();
}
