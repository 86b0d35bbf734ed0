/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "msa-profile.h"
#include "msa-core-enums.h"

G_BEGIN_DECLS

/* The mail programs the wizard knows, and what each calls the SSL/TLS
 * setting and where it lives (from the programs' own translation files or support pages).
 *
 * Every getter returns a string in the UI language (through gettext).
 * Where the program's own German label is known, the German translation
 * is that label; where it is not, the string is a description in our own
 * words (e.g. the option “Use TLS/SSL”), never an invented label. */
typedef enum
{
  MSA_MAIL_CLIENT_THUNDERBIRD,
  MSA_MAIL_CLIENT_OUTLOOK,
  MSA_MAIL_CLIENT_APPLE_MAIL,
  MSA_MAIL_CLIENT_EVOLUTION,
  MSA_MAIL_CLIENT_GEARY,
  MSA_MAIL_CLIENT_KMAIL,
  MSA_MAIL_CLIENT_OTHER,
  MSA_MAIL_CLIENT_N_CLIENTS, /*< skip >*/
} MsaMailClientId;

/* Stable key for GSettings: "thunderbird", "outlook", "apple-mail",
 * "evolution", "geary", "kmail", "other". */
const char *msa_mail_client_to_key                 (MsaMailClientId  id);
gboolean    msa_mail_client_from_key               (const char      *key,
                                                    MsaMailClientId *id);

/* Product name ("Thunderbird", …); for MSA_MAIL_CLIENT_OTHER a translated
 * "Other mail program". */
const char *msa_mail_client_get_name               (MsaMailClientId  id);

/* The control that switches encryption on, as the program labels it
 * (without a trailing colon): a field such as "Connection security".
 * Where msa_mail_client_security_is_checkbox() (Outlook, Apple Mail) the
 * program's German label is unknown, so the string is a description that
 * already carries its own quotes, e.g. the option “Use TLS/SSL”: show it
 * as it is, never inside further quotes.  For a ready phrase use
 * msa_mail_client_dup_ssl_instruction(). */
const char *msa_mail_client_get_security_field     (MsaMailClientId  id);
/* What to do, as a phrase that fits after "In Thunderbird, …", quotes
 * included: "set “Connection security” to “SSL/TLS”", "tick the option
 * “Use TLS/SSL”". */
char       *msa_mail_client_dup_ssl_instruction    (MsaMailClientId  id);
/* TRUE where encryption is a check box (Outlook, Apple Mail): then the
 * values below read "ticked" / "not ticked" in our own words. */
gboolean    msa_mail_client_security_is_checkbox   (MsaMailClientId  id);
/* The value to choose for SSL/TLS on its own port (993, 995, 465). */
const char *msa_mail_client_get_ssl_value          (MsaMailClientId  id);
/* The value for STARTTLS (143, 110, 587). */
const char *msa_mail_client_get_starttls_value     (MsaMailClientId  id);
/* The value that means "no encryption" (what a user may see today). */
const char *msa_mail_client_get_plain_value        (MsaMailClientId  id);
/* One of the three above, by security: the labels the current-settings
 * page, the settings page and the account scan show. */
const char *msa_mail_client_get_security_value     (MsaMailClientId  id,
                                                    MsaSecurity      security);
/* @text as a row's title: some fields are described in words meant to
 * run on in a sentence ("the option “Use TLS/SSL”"); a title starts with
 * a capital letter. */
char       *msa_mail_client_dup_row_title          (const char      *text);

/* The port field's label, or NULL where the program has no separate port
 * field (Geary: the port goes after the server name, "host:993"). */
const char *msa_mail_client_get_port_field         (MsaMailClientId  id);
gboolean    msa_mail_client_has_port_field         (MsaMailClientId  id);

/* Where the settings for a server of @protocol live: a path of the
 * program's own menu and page names, e.g. "Account Settings → your
 * account → Server Settings → Security Settings" for IMAP.  SMTP gives
 * the outgoing server's place. */
const char *msa_mail_client_get_location           (MsaMailClientId  id,
                                                    MsaProtocol      protocol);

/* FALSE for programs that cannot fetch mail over POP3 (Geary: IMAP only). */
gboolean    msa_mail_client_supports_pop3          (MsaMailClientId  id);

G_END_DECLS
