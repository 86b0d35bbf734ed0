/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "msa-mail-client.h"
#include "msa-profile.h"
#include "msa-profile-check.h"

G_BEGIN_DECLS

/* Everything the user answered and everything the wizard found out, in
 * one GObject, so that pages are views of it and the window can be
 * rebuilt (e.g. on a language switch) without losing anything.
 *
 * Properties (all G_PARAM_EXPLICIT_NOTIFY, bindable):
 *   profile           MsaProfile*   the provider profile (built-in by default)
 *   builtin-profile   gboolean      TRUE while profile is the built-in one
 *   incoming-protocol MsaProtocol   MSA_PROTOCOL_IMAP or MSA_PROTOCOL_POP3
 *   mail-client       MsaMailClientId
 *   email-address     char*         optional; fills %EMAILADDRESS%
 *   current-incoming-host / current-incoming-port / current-incoming-security
 *   current-outgoing-host / current-outgoing-port / current-outgoing-security
 *                     what the mail program shows today (the current-settings page; may stay unset:
 *                     port 0, host NULL, security MSA_SECURITY_PLAIN)
 *   check             MsaProfileCheck*  the last server check (NULL before one ran)
 *   profile-source    char*         how discovery found the profile, or NULL
 *   ispdb-url         char*         the provider database discovery asks
 *   ca-file           char*         test hook: PEM trust anchors instead of the system's
 */
#define MSA_TYPE_WIZARD_STATE (msa_wizard_state_get_type ())
G_DECLARE_FINAL_TYPE (MsaWizardState, msa_wizard_state, MSA, WIZARD_STATE, GObject)

MsaWizardState  *msa_wizard_state_new                     (void);

MsaProfile      *msa_wizard_state_get_profile             (MsaWizardState *self);
void             msa_wizard_state_set_profile             (MsaWizardState *self,
                                                           MsaProfile     *profile,
                                                           gboolean        builtin);
gboolean         msa_wizard_state_get_builtin_profile     (MsaWizardState *self);
/* The autoconfig file the profile was loaded from (NULL for the built-in
 * one or one typed by hand); remembered across runs. */
const char      *msa_wizard_state_get_profile_file        (MsaWizardState *self);
void             msa_wizard_state_set_profile_file        (MsaWizardState *self,
                                                           const char     *path);
MsaProtocol      msa_wizard_state_get_incoming_protocol   (MsaWizardState *self);
void             msa_wizard_state_set_incoming_protocol   (MsaWizardState *self,
                                                           MsaProtocol     protocol);
MsaMailClientId  msa_wizard_state_get_mail_client         (MsaWizardState *self);
void             msa_wizard_state_set_mail_client         (MsaWizardState *self,
                                                           MsaMailClientId client);
const char      *msa_wizard_state_get_email_address       (MsaWizardState *self);
void             msa_wizard_state_set_email_address       (MsaWizardState *self,
                                                           const char     *address);

/* The two servers the wizard is about: the profile's SSL server of the
 * chosen incoming protocol and its SSL SMTP server, each falling back to
 * STARTTLS where the profile has no SSL one (NULL if missing). */
MsaServer       *msa_wizard_state_get_incoming_server     (MsaWizardState *self);
MsaServer       *msa_wizard_state_get_outgoing_server     (MsaWizardState *self);

/* The user name for @server: its username with %EMAILADDRESS% (and
 * %EMAILLOCALPART%, %EMAILDOMAIN%) filled from the e-mail address when one
 * was given; NULL when the profile names none. */
char            *msa_wizard_state_dup_username            (MsaWizardState *self,
                                                           MsaServer      *server);

/* What the mail program shows today (the current-settings page).  Host may be NULL, port 0. */
const char      *msa_wizard_state_get_current_incoming_host     (MsaWizardState *self);
void             msa_wizard_state_set_current_incoming_host     (MsaWizardState *self,
                                                                 const char     *host);
guint            msa_wizard_state_get_current_incoming_port     (MsaWizardState *self);
void             msa_wizard_state_set_current_incoming_port     (MsaWizardState *self,
                                                                 guint           port);
MsaSecurity      msa_wizard_state_get_current_incoming_security (MsaWizardState *self);
void             msa_wizard_state_set_current_incoming_security (MsaWizardState *self,
                                                                 MsaSecurity     security);
const char      *msa_wizard_state_get_current_outgoing_host     (MsaWizardState *self);
void             msa_wizard_state_set_current_outgoing_host     (MsaWizardState *self,
                                                                 const char     *host);
guint            msa_wizard_state_get_current_outgoing_port     (MsaWizardState *self);
void             msa_wizard_state_set_current_outgoing_port     (MsaWizardState *self,
                                                                 guint           port);
MsaSecurity      msa_wizard_state_get_current_outgoing_security (MsaWizardState *self);
void             msa_wizard_state_set_current_outgoing_security (MsaWizardState *self,
                                                                 MsaSecurity     security);

MsaProfileCheck *msa_wizard_state_get_check               (MsaWizardState *self);
void             msa_wizard_state_set_check               (MsaWizardState *self,
                                                           MsaProfileCheck *check);
/* How discovery found the profile ("mx", "ispdb", …; NULL otherwise). */
const char      *msa_wizard_state_get_profile_source      (MsaWizardState *self);
void             msa_wizard_state_set_profile_source      (MsaWizardState *self,
                                                           const char     *source);
/* The provider database discovery asks (GSettings ispdb-url). */
const char      *msa_wizard_state_get_ispdb_url           (MsaWizardState *self);
void             msa_wizard_state_set_ispdb_url           (MsaWizardState *self,
                                                           const char     *url);
const char      *msa_wizard_state_get_ca_file             (MsaWizardState *self);
void             msa_wizard_state_set_ca_file             (MsaWizardState *self,
                                                           const char     *ca_file);

G_END_DECLS
