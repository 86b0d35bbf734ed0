/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-check-error.h"

#include <glib/gi18n.h>

/* Each failure cause has a code (the --json contract), a short title and
 * a sentence for someone who is not technical: what it means, and what to
 * do about it.  The wizard shows title and advice on a failed server
 * card; the text report prints them too. */

typedef struct
{
  const char *code;
  const char *title;
  const char *advice;
} CheckErrorInfo;

static const CheckErrorInfo infos[] = {
  [MSA_CHECK_ERROR_RESOLVE_FAILED] = {
    "resolve-failed",
    /* Translators: the heading of a failed server check. */
    N_("Server name not found"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server’s name could not be found. Check that the computer is connected to the "
       "internet and that the server name is spelled exactly right."),
  },
  [MSA_CHECK_ERROR_CONNECTION_REFUSED] = {
    "connection-refused",
    /* Translators: the heading of a failed server check. */
    N_("Connection refused"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server was reached but does not accept connections on this port. Check that the "
       "port number is right; if it is, a firewall may be blocking the port."),
  },
  [MSA_CHECK_ERROR_NETWORK_UNREACHABLE] = {
    "network-unreachable",
    /* Translators: the heading of a failed server check. */
    N_("No network connection"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The computer cannot reach the server at all. It seems to be offline: check the "
       "network cable or Wi-Fi, then try again."),
  },
  [MSA_CHECK_ERROR_TIMEOUT] = {
    "timeout",
    /* Translators: the heading of a failed server check. */
    N_("No answer"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server did not answer in time. The network may be slow, or a firewall may be "
       "silently blocking this port. Try again later, or from another network."),
  },
  [MSA_CHECK_ERROR_TLS_FAILED] = {
    "tls-failed",
    /* Translators: the heading of a failed server check. */
    N_("No encrypted connection"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server answered, but an encrypted connection could not be set up. Often the "
       "port belongs to an unencrypted service: check that the port is the SSL/TLS port "
       "(993 for IMAP, 995 for POP3, 465 for sending)."),
  },
  [MSA_CHECK_ERROR_CERTIFICATE_UNTRUSTED] = {
    "certificate-untrusted",
    /* Translators: the heading of a failed server check. */
    N_("Certificate not trusted"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server’s certificate is not vouched for by any authority this computer trusts, "
       "so it cannot prove that it is the real server. Do not use it and contact your "
       "mail provider’s support."),
  },
  [MSA_CHECK_ERROR_CERTIFICATE_HOSTNAME_MISMATCH] = {
    "certificate-hostname-mismatch",
    /* Translators: the heading of a failed server check. */
    N_("Certificate for another name"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server’s certificate was issued for a different name than the one entered. "
       "Check the server name: use the encrypted server name of your provider exactly as "
       "given."),
  },
  [MSA_CHECK_ERROR_CERTIFICATE_EXPIRED] = {
    "certificate-expired",
    /* Translators: the heading of a failed server check. */
    N_("Certificate expired"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server’s certificate is no longer valid. Check that the computer’s date and "
       "time are right; if they are, tell your mail provider."),
  },
  [MSA_CHECK_ERROR_CERTIFICATE_NOT_YET_VALID] = {
    "certificate-not-yet-valid",
    /* Translators: the heading of a failed server check. */
    N_("Certificate not yet valid"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server’s certificate only becomes valid later. This usually means the "
       "computer’s date and time are wrong: correct them and try again."),
  },
  [MSA_CHECK_ERROR_STARTTLS_UNSUPPORTED] = {
    "starttls-unsupported",
    /* Translators: the heading of a failed server check. */
    N_("Server offers no encryption"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server does not offer to switch to an encrypted connection on this port. Use "
       "the SSL/TLS port instead (993 for IMAP, 995 for POP3, 465 for sending)."),
  },
  [MSA_CHECK_ERROR_PROTOCOL_ERROR] = {
    "protocol-error",
    /* Translators: the heading of a failed server check. */
    N_("Unexpected answer"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server answered in a way a mail server should not. The port may belong to "
       "another kind of service: check the server name and port."),
  },
  [MSA_CHECK_ERROR_TLS_OUTDATED] = {
    "tls-outdated",
    /* Translators: the heading of a failed server check. */
    N_("Outdated encryption"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server only offers an old version of TLS (1.1 or older), which mail programs no "
       "longer accept. The provider has to update the server."),
  },
  [MSA_CHECK_ERROR_CERTIFICATE_INSECURE] = {
    "certificate-insecure",
    /* Translators: the heading of a failed server check. */
    N_("Certificate with an outdated signature"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server’s certificate is signed with an outdated signature algorithm that can be "
       "forged, so it no longer proves that it is the real server. The provider has to renew "
       "the certificate."),
  },
  [MSA_CHECK_ERROR_STARTTLS_FAILED] = {
    "starttls-failed",
    /* Translators: the heading of a failed server check. */
    N_("Encryption agreed, then not used"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The server agreed to switch to an encrypted connection and then did not. The server "
       "is broken, or something on the network is interfering. Do not use this server "
       "without encryption."),
  },
  [MSA_CHECK_ERROR_LOCAL_ERROR] = {
    "local-error",
    /* Translators: the heading of a failed server check. */
    N_("Problem on this computer"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The check failed because of this computer, not the network or the server: for "
       "example, too many connections are open at once. Close some programs and try again."),
  },
  [MSA_CHECK_ERROR_CANCELLED] = {
    "cancelled",
    /* Translators: the heading of a failed server check. */
    N_("Check cancelled"),
    /* Translators: what the failure means and what to do, for
     * someone who is not technical. */
    N_("The check was stopped before it finished. Start it again to see the result."),
  },
};

G_STATIC_ASSERT (G_N_ELEMENTS (infos) == MSA_CHECK_ERROR_CANCELLED + 1);

G_DEFINE_QUARK (msa-check-error-quark, msa_check_error)

/**
 * msa_check_error_to_code:
 * @error: a check error
 *
 * Returns: (transfer none): the code of the --json report, e.g.
 *   "certificate-expired"
 */
const char *
msa_check_error_to_code (MsaCheckError error)
{
  g_return_val_if_fail (error <= MSA_CHECK_ERROR_CANCELLED, NULL);

  return infos[error].code;
}

/**
 * msa_check_error_from_code:
 * @code: a code from msa_check_error_to_code()
 * @error: (out) (optional): the check error
 *
 * Returns: %TRUE if @code is a known code
 */
gboolean
msa_check_error_from_code (const char    *code,
                           MsaCheckError *error)
{
  g_return_val_if_fail (code != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (infos); i++)
    if (g_str_equal (code, infos[i].code))
      {
        if (error != NULL)
          *error = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * msa_check_error_get_title:
 * @error: a check error
 *
 * Returns: (transfer none): a short translated title, e.g. "Certificate
 *   expired"
 */
const char *
msa_check_error_get_title (MsaCheckError error)
{
  g_return_val_if_fail (error <= MSA_CHECK_ERROR_CANCELLED, NULL);

  return _(infos[error].title);
}

/**
 * msa_check_error_get_advice:
 * @error: a check error
 *
 * Returns: (transfer none): a translated sentence or two: what the error
 *   means for the user and what to do
 */
const char *
msa_check_error_get_advice (MsaCheckError error)
{
  g_return_val_if_fail (error <= MSA_CHECK_ERROR_CANCELLED, NULL);

  return _(infos[error].advice);
}
