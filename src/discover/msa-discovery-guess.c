/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The last source: the usual server names under the domain, probed by
 * the check engine.  Only a server that completes TLS with a valid
 * certificate and greets counts, so a guess is never a plain-text
 * server and never a stranger's certificate. */
#include "config.h"

#include "msa-discovery-private.h"
#include "msa-profile-check.h"

static const struct
{
  const char  *prefix;
  MsaProtocol  protocol;
  MsaSecurity  security;
  guint        port;       /* index into the guess ports */
} candidates[] = {
  /* implicit TLS first (993, 995, 465): preferred */
  { "imap", MSA_PROTOCOL_IMAP, MSA_SECURITY_SSL, 0 },
  { "mail", MSA_PROTOCOL_IMAP, MSA_SECURITY_SSL, 0 },
  { "pop3", MSA_PROTOCOL_POP3, MSA_SECURITY_SSL, 1 },
  { "pop", MSA_PROTOCOL_POP3, MSA_SECURITY_SSL, 1 },
  { "mail", MSA_PROTOCOL_POP3, MSA_SECURITY_SSL, 1 },
  { "smtp", MSA_PROTOCOL_SMTP, MSA_SECURITY_SSL, 2 },
  { "mail", MSA_PROTOCOL_SMTP, MSA_SECURITY_SSL, 2 },
  /* then STARTTLS (143, 110, 587) */
  { "imap", MSA_PROTOCOL_IMAP, MSA_SECURITY_STARTTLS, 3 },
  { "mail", MSA_PROTOCOL_IMAP, MSA_SECURITY_STARTTLS, 3 },
  { "pop3", MSA_PROTOCOL_POP3, MSA_SECURITY_STARTTLS, 4 },
  { "pop", MSA_PROTOCOL_POP3, MSA_SECURITY_STARTTLS, 4 },
  { "mail", MSA_PROTOCOL_POP3, MSA_SECURITY_STARTTLS, 4 },
  { "smtp", MSA_PROTOCOL_SMTP, MSA_SECURITY_STARTTLS, 5 },
  { "mail", MSA_PROTOCOL_SMTP, MSA_SECURITY_STARTTLS, 5 },
};

static void
on_guess_checked_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MsaSourceRun *run = user_data;
  MsaProfileCheck *check = MSA_PROFILE_CHECK (object);
  const char *domain = msa_discovery_get_domain (run->discovery);
  g_autoptr(GError) error = NULL;
  g_autoptr(MsaProfile) found = msa_profile_new (domain, domain);
  GListModel *checks = msa_profile_check_get_checks (check);
  guint n = g_list_model_get_n_items (checks);
  gboolean any = FALSE;

  if (!msa_profile_check_run_finish (check, result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      msa_source_run_finish_with_error (run, error);
      msa_source_run_release (run);
      return;
    }

  /* The first server that passed for each protocol and kind of TLS, in
   * the candidates' order. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServerCheck) server_check = g_list_model_get_item (checks, i);
      MsaServer *server = msa_server_check_get_server (server_check);

      if (msa_server_check_get_state (server_check) != MSA_CHECK_STATE_PASSED
          || msa_profile_find_server (found, msa_server_get_protocol (server),
                                      msa_server_get_security (server)) != NULL)
        continue;
      msa_profile_add_server (found, server);
      any = TRUE;
    }

  if (any)
    /* The names lie under the domain, and valid certificates vouch for
     * them. */
    msa_source_run_finish_with_profile (run, found, FALSE);
  else
    msa_source_run_finish (run, MSA_DISCOVERY_RESULT_NOT_FOUND, NULL, FALSE, NULL);
  msa_source_run_release (run);
}

void
msa_discovery_run_guess (MsaSourceRun *run)
{
  MsaDiscovery *self = run->discovery;
  const char *domain = msa_discovery_get_domain (self);
  const guint16 *ports = msa_discovery_get_guess_ports (self);
  g_autoptr(MsaProfile) profile = msa_profile_new (domain, domain);
  g_autofree char *target = g_strdup_printf ("{imap,pop3,pop,mail,smtp}.%s", domain);
  MsaProfileCheck *check;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *host = g_strconcat (candidates[i].prefix, ".", domain, NULL);
      g_autoptr(MsaServer) server = msa_server_new (candidates[i].protocol, host,
                                                    ports[candidates[i].port],
                                                    candidates[i].security);

      msa_profile_add_server (profile, server);
    }

  msa_discovery_source_set_target (run->source, target);
  check = msa_profile_check_new (profile, msa_discovery_get_database (self),
                                 msa_discovery_get_timeout (self));
  run->check = G_OBJECT (check);
  msa_source_run_hold (run);
  msa_profile_check_run_async (check, run->cancellable, on_guess_checked_cb, run);
}
