/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "msa-mail-client.h"

static void
assert_text (const char *text)
{
  g_assert_nonnull (text);
  g_assert_cmpuint (strlen (text), >, 0);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  /* Labels are shown without the programs' trailing colons. */
  g_assert_false (g_str_has_suffix (text, ":"));
}

static void
test_table_complete (void)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (MsaMailClientId id = 0; id < MSA_MAIL_CLIENT_N_CLIENTS; id++)
    {
      g_test_message ("mail program %s", msa_mail_client_to_key (id));

      assert_text (msa_mail_client_to_key (id));
      g_assert_true (g_hash_table_add (keys, (gpointer) msa_mail_client_to_key (id)));
      assert_text (msa_mail_client_get_name (id));
      assert_text (msa_mail_client_get_security_field (id));
      assert_text (msa_mail_client_get_ssl_value (id));
      assert_text (msa_mail_client_get_starttls_value (id));
      assert_text (msa_mail_client_get_plain_value (id));
      for (MsaProtocol p = MSA_PROTOCOL_IMAP; p <= MSA_PROTOCOL_SMTP; p++)
        assert_text (msa_mail_client_get_location (id, p));

      /* Incoming and outgoing settings are in different places. */
      g_assert_cmpstr (msa_mail_client_get_location (id, MSA_PROTOCOL_IMAP), !=,
                       msa_mail_client_get_location (id, MSA_PROTOCOL_SMTP));

      /* The three values are different choices. */
      g_assert_cmpstr (msa_mail_client_get_ssl_value (id), !=,
                       msa_mail_client_get_plain_value (id));
      g_assert_cmpstr (msa_mail_client_get_ssl_value (id), !=,
                       msa_mail_client_get_starttls_value (id));

      if (msa_mail_client_has_port_field (id))
        assert_text (msa_mail_client_get_port_field (id));
      else
        g_assert_null (msa_mail_client_get_port_field (id));
    }

  g_assert_cmpuint (g_hash_table_size (keys), ==, MSA_MAIL_CLIENT_N_CLIENTS);
}

static void
test_labels (void)
{
  /* Thunderbird: mozilla/releases-comm-central am-server-top.dtd */
  g_assert_cmpstr (msa_mail_client_get_name (MSA_MAIL_CLIENT_THUNDERBIRD), ==, "Thunderbird");
  g_assert_cmpstr (msa_mail_client_get_security_field (MSA_MAIL_CLIENT_THUNDERBIRD), ==,
                   "Connection security");
  g_assert_cmpstr (msa_mail_client_get_ssl_value (MSA_MAIL_CLIENT_THUNDERBIRD), ==, "SSL/TLS");
  g_assert_cmpstr (msa_mail_client_get_plain_value (MSA_MAIL_CLIENT_THUNDERBIRD), ==, "None");
  g_assert_false (msa_mail_client_security_is_checkbox (MSA_MAIL_CLIENT_THUNDERBIRD));

  /* Evolution: e-mail-config-remote-accounts.c */
  g_assert_cmpstr (msa_mail_client_get_security_field (MSA_MAIL_CLIENT_EVOLUTION), ==,
                   "Encryption method");
  g_assert_cmpstr (msa_mail_client_get_ssl_value (MSA_MAIL_CLIENT_EVOLUTION), ==,
                   "TLS on a dedicated port");
  g_assert_cmpstr (msa_mail_client_get_starttls_value (MSA_MAIL_CLIENT_EVOLUTION), ==,
                   "STARTTLS after connecting");

  /* Geary: accounts-editor-row.vala; no port field, IMAP only. */
  g_assert_cmpstr (msa_mail_client_get_ssl_value (MSA_MAIL_CLIENT_GEARY), ==, "TLS");
  g_assert_cmpstr (msa_mail_client_get_starttls_value (MSA_MAIL_CLIENT_GEARY), ==, "StartTLS");
  g_assert_false (msa_mail_client_has_port_field (MSA_MAIL_CLIENT_GEARY));
  g_assert_false (msa_mail_client_supports_pop3 (MSA_MAIL_CLIENT_GEARY));

  /* KMail: setupserverview_desktop.ui, popsettings.ui, smtpsettings.ui */
  g_assert_cmpstr (msa_mail_client_get_security_field (MSA_MAIL_CLIENT_KMAIL), ==, "Encryption");
  g_assert_cmpstr (msa_mail_client_get_ssl_value (MSA_MAIL_CLIENT_KMAIL), ==, "SSL/TLS");
  g_assert_cmpstr (msa_mail_client_get_location (MSA_MAIL_CLIENT_KMAIL, MSA_PROTOCOL_IMAP), !=,
                   msa_mail_client_get_location (MSA_MAIL_CLIENT_KMAIL, MSA_PROTOCOL_POP3));

  /* Check boxes: the English label is quoted inside our description. */
  g_assert_true (msa_mail_client_security_is_checkbox (MSA_MAIL_CLIENT_OUTLOOK));
  g_assert_nonnull (strstr (msa_mail_client_get_security_field (MSA_MAIL_CLIENT_OUTLOOK),
                            "This server requires an encrypted connection (SSL/TLS)"));
  g_assert_true (msa_mail_client_security_is_checkbox (MSA_MAIL_CLIENT_APPLE_MAIL));
  g_assert_nonnull (strstr (msa_mail_client_get_security_field (MSA_MAIL_CLIENT_APPLE_MAIL),
                            "Use TLS/SSL"));
  g_assert_nonnull (strstr (msa_mail_client_get_location (MSA_MAIL_CLIENT_APPLE_MAIL,
                                                          MSA_PROTOCOL_IMAP),
                            "Automatically manage connection settings"));

  /* Every program but Geary fetches POP3 and has a port field. */
  for (MsaMailClientId id = 0; id < MSA_MAIL_CLIENT_N_CLIENTS; id++)
    if (id != MSA_MAIL_CLIENT_GEARY)
      {
        g_assert_true (msa_mail_client_supports_pop3 (id));
        g_assert_true (msa_mail_client_has_port_field (id));
      }
}

static void
test_instructions (void)
{
  g_autofree char *thunderbird = msa_mail_client_dup_ssl_instruction (MSA_MAIL_CLIENT_THUNDERBIRD);
  g_autofree char *evolution = msa_mail_client_dup_ssl_instruction (MSA_MAIL_CLIENT_EVOLUTION);
  g_autofree char *apple = msa_mail_client_dup_ssl_instruction (MSA_MAIL_CLIENT_APPLE_MAIL);
  g_autofree char *outlook = msa_mail_client_dup_ssl_instruction (MSA_MAIL_CLIENT_OUTLOOK);
  g_autofree char *other = msa_mail_client_dup_ssl_instruction (MSA_MAIL_CLIENT_OTHER);

  g_assert_cmpstr (thunderbird, ==, "set “Connection security” to “SSL/TLS”");
  g_assert_cmpstr (evolution, ==, "set “Encryption method” to “TLS on a dedicated port”");
  g_assert_cmpstr (apple, ==, "tick the option “Use TLS/SSL”");
  /* Quotes are never doubled. */
  g_assert_null (strstr (outlook, "““"));
  g_assert_null (strstr (outlook, "””"));
  g_assert_nonnull (strstr (outlook, "“This server requires an encrypted connection (SSL/TLS)”"));
  g_assert_nonnull (strstr (other, "SSL/TLS"));

  for (MsaMailClientId id = 0; id < MSA_MAIL_CLIENT_N_CLIENTS; id++)
    {
      g_autofree char *text = msa_mail_client_dup_ssl_instruction (id);

      assert_text (text);
      if (id != MSA_MAIL_CLIENT_OTHER && !msa_mail_client_security_is_checkbox (id))
        g_assert_nonnull (strstr (text, msa_mail_client_get_ssl_value (id)));
    }
}

static void
test_keys (void)
{
  static const struct {
    const char     *key;
    MsaMailClientId id;
  } cases[] = {
    { "thunderbird", MSA_MAIL_CLIENT_THUNDERBIRD },
    { "outlook", MSA_MAIL_CLIENT_OUTLOOK },
    { "apple-mail", MSA_MAIL_CLIENT_APPLE_MAIL },
    { "evolution", MSA_MAIL_CLIENT_EVOLUTION },
    { "geary", MSA_MAIL_CLIENT_GEARY },
    { "kmail", MSA_MAIL_CLIENT_KMAIL },
    { "other", MSA_MAIL_CLIENT_OTHER },
  };

  g_assert_cmpuint (G_N_ELEMENTS (cases), ==, MSA_MAIL_CLIENT_N_CLIENTS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MsaMailClientId id = MSA_MAIL_CLIENT_N_CLIENTS;

      g_assert_cmpstr (msa_mail_client_to_key (cases[i].id), ==, cases[i].key);
      g_assert_true (msa_mail_client_from_key (cases[i].key, &id));
      g_assert_cmpint (id, ==, cases[i].id);
    }

  g_assert_false (msa_mail_client_from_key ("Thunderbird", NULL));
  g_assert_false (msa_mail_client_from_key ("", NULL));
  g_assert_false (msa_mail_client_from_key ("mutt", NULL));
}

int
main (int    argc,
      char **argv)
{
  /* English, the source language, whatever the machine's locale is. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail-client/table-complete", test_table_complete);
  g_test_add_func ("/mail-client/labels", test_labels);
  g_test_add_func ("/mail-client/instructions", test_instructions);
  g_test_add_func ("/mail-client/keys", test_keys);

  return g_test_run ();
}
