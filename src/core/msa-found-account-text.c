/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-found-account-text.h"

#include <glib/gi18n.h>

typedef struct
{
  const char *title;
  const char *sentence;
} VerdictText;

static const VerdictText verdicts[] = {
  [MSA_VERDICT_ENCRYPTED] = {
    N_("Encrypted"),
    N_("The connection is encrypted from the first byte (SSL/TLS)."),
  },
  [MSA_VERDICT_STARTTLS] = {
    N_("Encrypted with STARTTLS"),
    N_("The connection is encrypted after a start in plain text. SSL/TLS from the first byte is "
       "the safer choice that current standards recommend (RFC 8314)."),
  },
  [MSA_VERDICT_UNENCRYPTED] = {
    N_("Not Encrypted"),
    N_("The password and every message cross the network as plain text: anyone on the way can "
       "read them."),
  },
  [MSA_VERDICT_CERTIFICATE_ERRORS_IGNORED] = {
    N_("Certificate Errors Ignored"),
    N_("The program accepts any certificate for this server, so whoever sits on the network can "
       "pretend to be the server and read everything."),
  },
};

typedef struct
{
  const char      *name;
  MsaMailClientId  client;
} Program;

/* Claws Mail and GNOME Online Accounts are not among the wizard's
 * programs: their changes use the wizard's general words. */
static const Program programs[] = {
  [MSA_MAIL_PROGRAM_THUNDERBIRD] = { "Thunderbird", MSA_MAIL_CLIENT_THUNDERBIRD },
  [MSA_MAIL_PROGRAM_EVOLUTION] = { "Evolution", MSA_MAIL_CLIENT_EVOLUTION },
  [MSA_MAIL_PROGRAM_KMAIL] = { "KMail", MSA_MAIL_CLIENT_KMAIL },
  [MSA_MAIL_PROGRAM_GEARY] = { "Geary", MSA_MAIL_CLIENT_GEARY },
  [MSA_MAIL_PROGRAM_CLAWS_MAIL] = { "Claws Mail", MSA_MAIL_CLIENT_OTHER },
  /* Translators: the name of GNOME's “Online Accounts” settings as
   * GNOME's German translation has it: „Online-Konten“ */
  [MSA_MAIL_PROGRAM_GNOME_ONLINE_ACCOUNTS] = { N_("GNOME Online Accounts"), MSA_MAIL_CLIENT_OTHER },
};

/**
 * msa_verdict_get_title:
 * @verdict: a verdict
 *
 * Returns: (transfer none): the verdict as a short title, translated
 */
const char *
msa_verdict_get_title (MsaVerdict verdict)
{
  g_return_val_if_fail (verdict < G_N_ELEMENTS (verdicts), NULL);

  return _(verdicts[verdict].title);
}

/**
 * msa_verdict_get_sentence:
 * @verdict: a verdict
 *
 * Returns: (transfer none): what the verdict means for the user, translated
 */
const char *
msa_verdict_get_sentence (MsaVerdict verdict)
{
  g_return_val_if_fail (verdict < G_N_ELEMENTS (verdicts), NULL);

  return _(verdicts[verdict].sentence);
}

/**
 * msa_mail_program_get_name:
 * @program: a mail program
 *
 * Returns: (transfer none): the program's name, translated where it has
 *   a German name of its own
 */
const char *
msa_mail_program_get_name (MsaMailProgram program)
{
  g_return_val_if_fail (program < G_N_ELEMENTS (programs), NULL);

  if (program == MSA_MAIL_PROGRAM_GNOME_ONLINE_ACCOUNTS)
    return _(programs[program].name);
  return programs[program].name;
}

/**
 * msa_mail_program_get_client:
 * @program: a mail program
 *
 * Returns: the wizard's mail program whose labels describe @program's
 *   settings (%MSA_MAIL_CLIENT_OTHER where the wizard has none of its own)
 */
MsaMailClientId
msa_mail_program_get_client (MsaMailProgram program)
{
  g_return_val_if_fail (program < G_N_ELEMENTS (programs), MSA_MAIL_CLIENT_OTHER);

  return programs[program].client;
}

/**
 * msa_security_get_label:
 * @security: how a connection is secured
 *
 * Returns: (transfer none): the security in the wizard's general words,
 *   for programs whose own labels it does not know
 */
const char *
msa_security_get_label (MsaSecurity security)
{
  switch (security)
    {
    case MSA_SECURITY_SSL:
      return _("SSL/TLS");
    case MSA_SECURITY_STARTTLS:
      return _("STARTTLS");
    case MSA_SECURITY_PLAIN:
    default:
      /* Translators: the value of “Connection security” for none */
      return C_("security", "None");
    }
}

/**
 * msa_protocol_get_server_title:
 * @protocol: a protocol
 *
 * Returns: (transfer none): the title of a server of @protocol, e.g.
 *   "Incoming server (IMAP)"
 */
const char *
msa_protocol_get_server_title (MsaProtocol protocol)
{
  switch (protocol)
    {
    case MSA_PROTOCOL_IMAP:
      return _("Incoming server (IMAP)");
    case MSA_PROTOCOL_POP3:
      return _("Incoming server (POP3)");
    case MSA_PROTOCOL_SMTP:
    default:
      return _("Outgoing server (SMTP)");
    }
}
