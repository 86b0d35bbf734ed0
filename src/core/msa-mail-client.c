/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-mail-client.h"

#include <glib/gi18n.h>

/* What each mail program calls its SSL/TLS setting and where it lives.
 *
 * Every label comes from the programs' own translation files, or
 * their support pages where there are none.  Each string
 * has the program's name as its context and a comment for translators
 * with the program's own German label: the German translation must be
 * exactly that label, so users find the word they see on screen.  Where
 * no German label was found, the English string is a description in our
 * own words, and the comment asks for a description, never an invented
 * label.  Labels are given without the programs' trailing colons. */

typedef struct
{
  const char *key;
  const char *name;             /* product name; NULL for "other" */
  const char *context;          /* msgctxt of every string below */
  const char *security_field;
  const char *ssl_value;
  const char *starttls_value;
  const char *plain_value;
  const char *port_field;       /* NULL: no separate port field */
  const char *imap_location;
  const char *pop3_location;    /* NULL: the same as imap_location */
  const char *smtp_location;
  gboolean    checkbox;
  gboolean    supports_pop3;
} MailClient;

static const MailClient clients[] = {
  [MSA_MAIL_CLIENT_THUNDERBIRD] = {
    .key = "thunderbird",
    .name = "Thunderbird",
    .context = "Thunderbird",
    /* Translators: Thunderbird's label; use Thunderbird's own German
     * label „Verbindungssicherheit“ (without the colon). */
    .security_field = NC_("Thunderbird", "Connection security"),
    /* Translators: Thunderbird's label; German: „SSL/TLS“. */
    .ssl_value = NC_("Thunderbird", "SSL/TLS"),
    /* Translators: Thunderbird's label; German: „STARTTLS“. */
    .starttls_value = NC_("Thunderbird", "STARTTLS"),
    /* Translators: Thunderbird's label; German: „Keine“. */
    .plain_value = NC_("Thunderbird", "None"),
    /* Translators: Thunderbird's label; German: „Port“. */
    .port_field = NC_("Thunderbird", "Port"),
    .imap_location =
      /* Translators: a path through Thunderbird's settings.  Thunderbird's
       * German labels: Account Settings = „Konten-Einstellungen“, Server
       * Settings = „Server-Einstellungen“, Security Settings = „Sicherheit
       * und Authentifizierung“.  "≡ menu", "your account" and "section"
       * are our own words. */
      NC_("Thunderbird", "≡ menu → Account Settings → your account → Server Settings → section "
                         "Security Settings"),
    .pop3_location = NULL,
    .smtp_location =
      /* Translators: a path through Thunderbird's settings.  Thunderbird's
       * German labels: Account Settings = „Konten-Einstellungen“, Outgoing
       * Server (SMTP) = „Postausgangs-Server (SMTP)“, SMTP Server =
       * „SMTP-Server“, Security and Authentication = „Sicherheit und
       * Authentifizierung“.  The rest are our own words. */
      NC_("Thunderbird", "≡ menu → Account Settings → Outgoing Server (SMTP), at the bottom of "
                         "the account list → select the server and edit it → dialog SMTP "
                         "Server → section Security and Authentication"),
    .checkbox = FALSE,
    .supports_pop3 = TRUE,
  },
  [MSA_MAIL_CLIENT_OUTLOOK] = {
    .key = "outlook",
    .name = "Outlook",
    .context = "Outlook",
    .security_field =
      /* Translators: Outlook's German label for this check box was NOT
       * found (only Outlook 2003/2007's „Dieser Server verwendet eine
       * sichere Verbindung (SSL)“).  Do not invent a label: describe the
       * option in your own words and keep the English label in quotes,
       * e.g. „die Option für eine verschlüsselte Verbindung (SSL/TLS),
       * englisch “This server requires an encrypted connection (SSL/TLS)”“. */
      NC_("Outlook", "the option “This server requires an encrypted connection (SSL/TLS)”"),
    /* Translators: our own word for a ticked check box (not a label). */
    .ssl_value = NC_("Outlook", "ticked"),
    .starttls_value =
      /* Translators: our own words; Outlook's German labels for its list
       * of encryption types were not found: describe, do not invent. */
      NC_("Outlook", "STARTTLS, chosen in the list “Use the following type of encrypted "
                     "connection”"),
    /* Translators: our own words for a check box that is not ticked. */
    .plain_value = NC_("Outlook", "not ticked"),
    /* Translators: our own words; Outlook's German labels were not
     * found ("Server Port Numbers" is its English heading). */
    .port_field = NC_("Outlook", "the port number under “Server Port Numbers”"),
    .imap_location =
      /* Translators: Outlook's German path, from a third-party guide
       * (Outlook 2010–2016): „Datei“ → „Informationen“ →
       * „Kontoeinstellungen“ → „Ändern…“ → „Weitere Einstellungen“ →
       * „Erweitert“.  Use those words; "your account" is ours. */
      NC_("Outlook", "File → Account Settings → Account Settings → your account → Change → "
                     "More Settings → Advanced"),
    .pop3_location = NULL,
    .smtp_location =
      /* Translators: the same path as for incoming mail (German from a
       * third-party guide: „Datei“ → „Informationen“ → „Kontoeinstellungen“
       * → „Ändern…“ → „Weitere Einstellungen“ → „Erweitert“); the German
       * label of the list "Use the following type of encrypted connection"
       * was not found: describe it, keep the English in quotes. */
      NC_("Outlook", "File → Account Settings → Account Settings → your account → Change → "
                     "More Settings → Advanced, the list “Use the following type of encrypted "
                     "connection” for the outgoing server"),
    .checkbox = TRUE,
    .supports_pop3 = TRUE,
  },
  [MSA_MAIL_CLIENT_APPLE_MAIL] = {
    .key = "apple-mail",
    .name = "Apple Mail",
    .context = "Apple Mail",
    /* Translators: Apple Mail's German label for this check box was NOT
     * found („TLS/SSL verwenden“ is unconfirmed).  Do not invent a label:
     * describe the option in your own words and keep the English label
     * in quotes, e.g. „die Option für TLS/SSL (englisch “Use TLS/SSL”)“. */
    .security_field = NC_("Apple Mail", "the option “Use TLS/SSL”"),
    /* Translators: our own word for a ticked check box (not a label). */
    .ssl_value = NC_("Apple Mail", "ticked"),
    /* Translators: our own words: Apple Mail has no separate STARTTLS
     * setting that a source confirms. */
    .starttls_value = NC_("Apple Mail", "ticked (there is no separate STARTTLS setting)"),
    /* Translators: our own words for a check box that is not ticked. */
    .plain_value = NC_("Apple Mail", "not ticked"),
    /* Translators: Apple Mail's label; German: „Port“. */
    .port_field = NC_("Apple Mail", "Port"),
    .imap_location =
      /* Translators: Apple Mail's German labels (Apple's German guide):
       * „Mail“ > „Einstellungen“ > „Accounts“ > „Servereinstellungen“, and
       * the check box „Verbindungseinstellungen automatisch verwalten“.
       * "your account" and the rest are our own words. */
      NC_("Apple Mail", "Mail → Settings → Accounts → your account → Server Settings; first "
                        "untick “Automatically manage connection settings”"),
    .pop3_location = NULL,
    .smtp_location =
      /* Translators: the same German labels as the incoming path:
       * „Mail“ > „Einstellungen“ > „Accounts“ > „Servereinstellungen“,
       * „Verbindungseinstellungen automatisch verwalten“. */
      NC_("Apple Mail", "Mail → Settings → Accounts → your account → Server Settings, the "
                        "outgoing mail server; first untick “Automatically manage connection "
                        "settings”"),
    .checkbox = TRUE,
    .supports_pop3 = TRUE,
  },
  [MSA_MAIL_CLIENT_EVOLUTION] = {
    .key = "evolution",
    .name = "Evolution",
    .context = "Evolution",
    /* Translators: Evolution's label; German: „Verschlüsselungsmethode“
     * (without the colon). */
    .security_field = NC_("Evolution", "Encryption method"),
    /* Translators: Evolution's label; German: „TLS auf einem dedizierten Port“. */
    .ssl_value = NC_("Evolution", "TLS on a dedicated port"),
    /* Translators: Evolution's label; German: „STARTTLS nach Verbinden“. */
    .starttls_value = NC_("Evolution", "STARTTLS after connecting"),
    /* Translators: Evolution's German label for this was NOT found.
     * Translate it as a plain description (e.g. „keine Verschlüsselung“),
     * not as a claimed Evolution label. */
    .plain_value = NC_("Evolution", "No encryption"),
    /* Translators: Evolution's label; German: „Port“. */
    .port_field = NC_("Evolution", "Port"),
    .imap_location =
      /* Translators: Evolution's German labels: Account Editor =
       * „Konteneditor“, Receiving Email = „Abrufen von E-Mails“, Security
       * = „Sicherheit“.  "of your account" and "section" are our words. */
      NC_("Evolution", "Account Editor of your account → Receiving Email → section Security"),
    .pop3_location = NULL,
    .smtp_location =
      /* Translators: Evolution's German labels: Account Editor =
       * „Konteneditor“, Sending Email = „Verschicken von E-Mails“, Security
       * = „Sicherheit“. */
      NC_("Evolution", "Account Editor of your account → Sending Email → section Security"),
    .checkbox = FALSE,
    .supports_pop3 = TRUE,
  },
  [MSA_MAIL_CLIENT_GEARY] = {
    .key = "geary",
    .name = "Geary",
    .context = "Geary",
    /* Translators: Geary's label; German: „Sicherheit der Verbindung“. */
    .security_field = NC_("Geary", "Connection security"),
    /* Translators: Geary's label; German: „TLS“. */
    .ssl_value = NC_("Geary", "TLS"),
    /* Translators: Geary's label; German: „StartTLS“. */
    .starttls_value = NC_("Geary", "StartTLS"),
    /* Translators: Geary's label; German: „Nichts“. */
    .plain_value = NC_("Geary", "None"),
    /* Geary has no port field: the port follows the server name. */
    .port_field = NULL,
    .imap_location =
      /* Translators: Geary's German labels: Accounts = „Konten“, Server
       * Settings = „Server-Einstellungen“, Receiving = „Wird empfangen“.
       * "app menu", "your account" and "group" are our own words. */
      NC_("Geary", "app menu → Accounts → your account → Server Settings → group Receiving"),
    .pop3_location = NULL,
    .smtp_location =
      /* Translators: Geary's German labels: Accounts = „Konten“, Server
       * Settings = „Server-Einstellungen“, Sending = „Wird gesendet“. */
      NC_("Geary", "app menu → Accounts → your account → Server Settings → group Sending"),
    .checkbox = FALSE,
    .supports_pop3 = FALSE,
  },
  [MSA_MAIL_CLIENT_KMAIL] = {
    .key = "kmail",
    .name = "KMail",
    .context = "KMail",
    /* Translators: KMail's label; German: „Verschlüsselung“ (without the
     * colon). */
    .security_field = NC_("KMail", "Encryption"),
    /* Translators: KMail's label; German: „SSL/TLS“. */
    .ssl_value = NC_("KMail", "SSL/TLS"),
    /* Translators: KMail's label; German: „STARTTLS“. */
    .starttls_value = NC_("KMail", "STARTTLS"),
    /* Translators: KMail's label; German: „Keine“. */
    .plain_value = NC_("KMail", "None"),
    /* Translators: KMail's label; German: „Port“. */
    .port_field = NC_("KMail", "Port"),
    .imap_location =
      /* Translators: KMail's German labels: Configure KMail… = „KMail
       * einrichten …“, Accounts = „Zugänge“, Receiving = „Empfang“, Advanced
       * = „Erweitert“ (IMAP), Connection Settings = „Verbindungseinstellungen“.
       * The German for "Settings" (menu) and "Modify…" was not checked:
       * describe those in your own words. */
      NC_("KMail", "Settings → Configure KMail… → Accounts → Receiving → your account → "
                   "Modify… → Advanced → Connection Settings"),
    .pop3_location =
      /* Translators: as for IMAP, but for POP3 KMail's German tab is
       * „Erweiterte Einstellungen“ (Advanced). */
      NC_("KMail", "Settings → Configure KMail… → Accounts → Receiving → your POP3 account → "
                   "Modify… → Advanced → Connection Settings"),
    .smtp_location =
      /* Translators: KMail's German labels: Configure KMail… = „KMail
       * einrichten …“, Accounts = „Zugänge“, Sending = „Versand“, Advanced
       * = „Erweiterte Einstellungen“, Connection Settings =
       * „Verbindungseinstellungen“.  "Settings" (menu) and "Modify…" were
       * not checked: describe those in your own words. */
      NC_("KMail", "Settings → Configure KMail… → Accounts → Sending → your account → Modify… "
                   "→ Advanced → Connection Settings"),
    .checkbox = FALSE,
    .supports_pop3 = TRUE,
  },
  [MSA_MAIL_CLIENT_OTHER] = {
    .key = "other",
    .name = NULL,
    .context = "other mail program",
    .security_field =
      /* Translators: our own generic words for any mail program's
       * encryption setting (not a label of a program): translate freely. */
      NC_("other mail program", "the setting for encryption or connection security"),
    .ssl_value =
      /* Translators: our own generic words; keep the quoted examples as
       * mail programs spell them. */
      NC_("other mail program", "SSL/TLS (also called “SSL”, “Use SSL”, “Enable SSL” or “TLS”)"),
    /* Translators: our own generic words. */
    .starttls_value = NC_("other mail program", "STARTTLS"),
    /* Translators: our own generic words for "no encryption". */
    .plain_value = NC_("other mail program", "none (no encryption)"),
    /* Translators: our own generic word for a port field. */
    .port_field = NC_("other mail program", "Port"),
    .imap_location =
      /* Translators: our own generic words. */
      NC_("other mail program", "the account settings, where the incoming server's name is"),
    .pop3_location = NULL,
    .smtp_location =
      /* Translators: our own generic words. */
      NC_("other mail program", "the account settings, where the outgoing (SMTP) server's name "
                                "is"),
    .checkbox = FALSE,
    .supports_pop3 = TRUE,
  },
};

G_STATIC_ASSERT (G_N_ELEMENTS (clients) == MSA_MAIL_CLIENT_N_CLIENTS);

static const MailClient *
get_client (MsaMailClientId id)
{
  g_assert (id < MSA_MAIL_CLIENT_N_CLIENTS);

  return &clients[id];
}

static const char *
translate (const MailClient *client,
           const char       *msgid)
{
  if (msgid == NULL)
    return NULL;

  return g_dpgettext2 (NULL, client->context, msgid);
}

/**
 * msa_mail_client_to_key:
 * @id: a mail program
 *
 * Returns: (transfer none): the stable key kept in GSettings
 */
const char *
msa_mail_client_to_key (MsaMailClientId id)
{
  g_return_val_if_fail (id < MSA_MAIL_CLIENT_N_CLIENTS, NULL);

  return get_client (id)->key;
}

/**
 * msa_mail_client_from_key:
 * @key: a key from msa_mail_client_to_key()
 * @id: (out) (optional): the mail program
 *
 * Returns: %TRUE if @key names a mail program
 */
gboolean
msa_mail_client_from_key (const char      *key,
                          MsaMailClientId *id)
{
  g_return_val_if_fail (key != NULL, FALSE);

  for (guint i = 0; i < MSA_MAIL_CLIENT_N_CLIENTS; i++)
    if (g_str_equal (key, clients[i].key))
      {
        if (id != NULL)
          *id = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * msa_mail_client_get_name:
 * @id: a mail program
 *
 * Returns: (transfer none): the product name, or a translated "Other
 *   mail program"
 */
const char *
msa_mail_client_get_name (MsaMailClientId id)
{
  g_return_val_if_fail (id < MSA_MAIL_CLIENT_N_CLIENTS, NULL);

  if (get_client (id)->name == NULL)
    /* Translators: the choice for a mail program not in the list. */
    return _("Other mail program");

  return get_client (id)->name;
}

/**
 * msa_mail_client_get_security_field:
 * @id: a mail program
 *
 * Returns: (transfer none): the translated label of the control that
 *   switches encryption on
 */
const char *
msa_mail_client_get_security_field (MsaMailClientId id)
{
  g_return_val_if_fail (id < MSA_MAIL_CLIENT_N_CLIENTS, NULL);

  return translate (get_client (id), get_client (id)->security_field);
}

/**
 * msa_mail_client_dup_ssl_instruction:
 * @id: a mail program
 *
 * What to do to switch SSL/TLS on, as a translated phrase with the
 * program's labels in quotes where they are labels, e.g. "set
 * “Connection security” to “SSL/TLS”" or "tick the option “Use TLS/SSL”".
 *
 * Returns: (transfer full): the phrase
 */
char *
msa_mail_client_dup_ssl_instruction (MsaMailClientId id)
{
  g_return_val_if_fail (id < MSA_MAIL_CLIENT_N_CLIENTS, NULL);

  if (id == MSA_MAIL_CLIENT_OTHER)
    /* Translators: an instruction for any mail program; it follows
     * e.g. "In your mail program, ". */
    return g_strdup (_("choose SSL/TLS in the setting for encryption or connection security "
                       "(it may also be called “SSL”, “Use SSL”, “Enable SSL” or “TLS”)"));

  if (get_client (id)->checkbox)
    /* Translators: %s describes a check box and already has its quotes,
     * e.g. the option “Use TLS/SSL”. */
    return g_strdup_printf (_("tick %s"), msa_mail_client_get_security_field (id));

  /* Translators: the first %s is a mail program's field label, the second
   * the value to choose, e.g. set “Connection security” to “SSL/TLS”. */
  return g_strdup_printf (_("set “%s” to “%s”"),
                          msa_mail_client_get_security_field (id),
                          msa_mail_client_get_ssl_value (id));
}

gboolean
msa_mail_client_security_is_checkbox (MsaMailClientId id)
{
  g_return_val_if_fail (id < MSA_MAIL_CLIENT_N_CLIENTS, FALSE);

  return get_client (id)->checkbox;
}

/**
 * msa_mail_client_get_ssl_value:
 * @id: a mail program
 *
 * Returns: (transfer none): the translated value for SSL/TLS on its own
 *   port, e.g. "SSL/TLS" in Thunderbird
 */
const char *
msa_mail_client_get_ssl_value (MsaMailClientId id)
{
  g_return_val_if_fail (id < MSA_MAIL_CLIENT_N_CLIENTS, NULL);

  return translate (get_client (id), get_client (id)->ssl_value);
}

/**
 * msa_mail_client_get_starttls_value:
 * @id: a mail program
 *
 * Returns: (transfer none): the translated value for STARTTLS
 */
const char *
msa_mail_client_get_starttls_value (MsaMailClientId id)
{
  g_return_val_if_fail (id < MSA_MAIL_CLIENT_N_CLIENTS, NULL);

  return translate (get_client (id), get_client (id)->starttls_value);
}

/**
 * msa_mail_client_get_plain_value:
 * @id: a mail program
 *
 * Returns: (transfer none): the translated value for no encryption
 */
const char *
msa_mail_client_get_plain_value (MsaMailClientId id)
{
  g_return_val_if_fail (id < MSA_MAIL_CLIENT_N_CLIENTS, NULL);

  return translate (get_client (id), get_client (id)->plain_value);
}

/**
 * msa_mail_client_get_port_field:
 * @id: a mail program
 *
 * Returns: (transfer none) (nullable): the translated label of the port
 *   field, or %NULL where the port goes after the server name
 */
const char *
msa_mail_client_get_port_field (MsaMailClientId id)
{
  g_return_val_if_fail (id < MSA_MAIL_CLIENT_N_CLIENTS, NULL);

  return translate (get_client (id), get_client (id)->port_field);
}

gboolean
msa_mail_client_has_port_field (MsaMailClientId id)
{
  g_return_val_if_fail (id < MSA_MAIL_CLIENT_N_CLIENTS, FALSE);

  return get_client (id)->port_field != NULL;
}

/**
 * msa_mail_client_get_location:
 * @id: a mail program
 * @protocol: the server's protocol
 *
 * Returns: (transfer none): where the settings of a @protocol server
 *   live, translated
 */
const char *
msa_mail_client_get_location (MsaMailClientId id,
                              MsaProtocol     protocol)
{
  const MailClient *client;

  g_return_val_if_fail (id < MSA_MAIL_CLIENT_N_CLIENTS, NULL);
  g_return_val_if_fail (protocol <= MSA_PROTOCOL_SMTP, NULL);

  client = get_client (id);
  switch (protocol)
    {
    case MSA_PROTOCOL_SMTP:
      return translate (client, client->smtp_location);
    case MSA_PROTOCOL_POP3:
      if (client->pop3_location != NULL)
        return translate (client, client->pop3_location);
      G_GNUC_FALLTHROUGH;
    case MSA_PROTOCOL_IMAP:
    default:
      return translate (client, client->imap_location);
    }
}

gboolean
msa_mail_client_supports_pop3 (MsaMailClientId id)
{
  g_return_val_if_fail (id < MSA_MAIL_CLIENT_N_CLIENTS, FALSE);

  return get_client (id)->supports_pop3;
}

/**
 * msa_mail_client_get_security_value:
 * @id: a mail program
 * @security: a connection security
 *
 * Returns: (transfer none): what @id calls @security
 */
const char *
msa_mail_client_get_security_value (MsaMailClientId id,
                                    MsaSecurity     security)
{
  switch (security)
    {
    case MSA_SECURITY_SSL:
      return msa_mail_client_get_ssl_value (id);
    case MSA_SECURITY_STARTTLS:
      return msa_mail_client_get_starttls_value (id);
    case MSA_SECURITY_PLAIN:
    default:
      return msa_mail_client_get_plain_value (id);
    }
}

/**
 * msa_mail_client_dup_row_title:
 * @text: (nullable): a field's name or description
 *
 * Returns: (transfer full) (nullable): @text starting with a capital
 */
char *
msa_mail_client_dup_row_title (const char *text)
{
  char buffer[8] = { 0 };
  gunichar first;

  if (text == NULL || text[0] == '\0')
    return g_strdup (text);

  first = g_utf8_get_char (text);
  if (!g_unichar_islower (first))
    return g_strdup (text);

  g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
  return g_strconcat (buffer, g_utf8_next_char (text), NULL);
}
