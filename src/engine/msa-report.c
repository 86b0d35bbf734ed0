/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The two reports of `mailssl-assistant --check`: a readable one for a
 * terminal and the JSON one of the README's command-line contract for scripts.  Every string that
 * came from the network (or from a profile file) passes through
 * msa_report_sanitize() first: a server must not be able to move the
 * cursor, change colours or retitle the terminal of the person reading. */
#include "config.h"

#include "msa-report.h"
#include "msa-certificate-text.h"
#include "msa-check-step-text.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define TEXT_WIDTH 78

/* Unicode's replacement character, shown where a control was. */
#define REPLACEMENT "\xef\xbf\xbd"

static gboolean
is_unsafe_char (gunichar c)
{
  /* C0 (tab, CR and ESC included), DEL and C1: all can steer a terminal. */
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
    return TRUE;

  /* Line and paragraph separators, and the bidirectional overrides and
   * isolates that can make text read differently from what it is. */
  if (c == 0x2028 || c == 0x2029)
    return TRUE;
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
    return TRUE;

  return FALSE;
}

/**
 * msa_report_sanitize:
 * @server_text: (nullable): text as a server (or a file) sent it
 *
 * Makes @server_text safe to print: invalid UTF-8 and every control
 * character (C0 including tab, CR, LF and ESC; DEL; C1) as well as the
 * bidirectional overrides become U+FFFD.
 *
 * Returns: (transfer full) (nullable): the safe text, %NULL for %NULL
 */
char *
msa_report_sanitize (const char *server_text)
{
  g_autofree char *valid = NULL;
  GString *safe;

  if (server_text == NULL)
    return NULL;

  valid = g_utf8_make_valid (server_text, -1);
  safe = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_unsafe_char (c))
        g_string_append (safe, REPLACEMENT);
      else
        g_string_append_unichar (safe, c);
    }

  return g_string_free (safe, FALSE);
}

static gboolean
step_ran (MsaServerCheck *check,
          MsaCheckStep    step)
{
  MsaStepState state = msa_server_check_get_step_state (check, step);

  return state == MSA_STEP_STATE_DONE || state == MSA_STEP_STATE_FAILED;
}

static gint64
round_ms (double ms)
{
  return (gint64) floor (ms + 0.5);
}

/* ---------------------------------------------------------------------- */
/* JSON                                                                     */

static void
add_safe_string (JsonBuilder *builder,
                 const char  *name,
                 const char  *value)
{
  g_autofree char *safe = msa_report_sanitize (value);

  json_builder_set_member_name (builder, name);
  if (safe != NULL)
    json_builder_add_string_value (builder, safe);
  else
    json_builder_add_null_value (builder);
}

static void
add_safe_strv (JsonBuilder        *builder,
               const char         *name,
               const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (gsize i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *safe = msa_report_sanitize (values[i]);

      json_builder_add_string_value (builder, safe);
    }
  json_builder_end_array (builder);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          GDateTime   *date)
{
  g_autofree char *iso = NULL;

  if (date != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

      iso = g_date_time_format_iso8601 (utc);
    }

  json_builder_set_member_name (builder, name);
  if (iso != NULL)
    json_builder_add_string_value (builder, iso);
  else
    json_builder_add_null_value (builder);
}

static void
add_certificate (JsonBuilder    *builder,
                 MsaCertificate *certificate,
                 GDateTime      *now)
{
  g_auto(GStrv) problems = NULL;

  json_builder_set_member_name (builder, "certificate");
  if (certificate == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  problems = msa_certificate_problems_to_strv (msa_certificate_get_problems (certificate));

  json_builder_begin_object (builder);
  add_safe_string (builder, "subject", msa_certificate_get_subject (certificate));
  add_safe_string (builder, "issuer", msa_certificate_get_issuer (certificate));
  add_date (builder, "not_before", msa_certificate_get_not_before (certificate));
  add_date (builder, "not_after", msa_certificate_get_not_after (certificate));
  json_builder_set_member_name (builder, "days_left");
  json_builder_add_int_value (builder, msa_certificate_get_days_left (certificate, now));
  add_safe_string (builder, "sha256", msa_certificate_get_sha256 (certificate));
  add_safe_strv (builder, "dns_names", msa_certificate_get_dns_names (certificate));
  add_safe_strv (builder, "problems", (const char * const *) problems);
  json_builder_end_object (builder);
}

static void
add_timing (JsonBuilder    *builder,
            MsaServerCheck *check,
            const char     *name,
            MsaCheckStep    step)
{
  json_builder_set_member_name (builder, name);
  if (step_ran (check, step))
    json_builder_add_int_value (builder, round_ms (msa_server_check_get_step_ms (check, step)));
  else
    json_builder_add_null_value (builder);
}

static void
add_result (JsonBuilder    *builder,
            MsaServerCheck *check,
            GDateTime      *now)
{
  MsaServer *server = msa_server_check_get_server (check);
  MsaCheckError code;
  const char *version = msa_server_check_get_tls_version (check);
  const char *cipher = msa_server_check_get_cipher (check);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "protocol");
  json_builder_add_string_value (builder, msa_protocol_to_string (msa_server_get_protocol (server)));
  add_safe_string (builder, "host", msa_server_get_hostname (server));
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, msa_server_get_port (server));
  json_builder_set_member_name (builder, "security");
  json_builder_add_string_value (builder, msa_security_to_string (msa_server_get_security (server)));
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder,
                                  msa_server_check_get_state (check) == MSA_CHECK_STATE_PASSED);

  json_builder_set_member_name (builder, "error");
  if (msa_server_check_get_error_code (check, &code))
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, msa_check_error_to_code (code));
      add_safe_string (builder, "message", msa_server_check_get_error_message (check));
      /* The reason the text report shows, so a script sees what a person does. */
      add_safe_string (builder, "detail", msa_server_check_get_error_detail (check));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  add_safe_string (builder, "address", msa_server_check_get_address (check));

  json_builder_set_member_name (builder, "tls");
  if (version != NULL || cipher != NULL)
    {
      json_builder_begin_object (builder);
      add_safe_string (builder, "version", version);
      add_safe_string (builder, "cipher", cipher);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  add_certificate (builder, msa_server_check_get_certificate (check), now);
  add_safe_string (builder, "greeting", msa_server_check_get_greeting (check));
  add_safe_strv (builder, "capabilities", msa_server_check_get_capabilities (check));
  add_safe_strv (builder, "warnings", msa_server_check_get_warnings (check));

  json_builder_set_member_name (builder, "timings_ms");
  json_builder_begin_object (builder);
  add_timing (builder, check, "resolve", MSA_CHECK_STEP_RESOLVE);
  add_timing (builder, check, "connect", MSA_CHECK_STEP_CONNECT);
  add_timing (builder, check, "tls", MSA_CHECK_STEP_TLS);
  add_timing (builder, check, "greeting", MSA_CHECK_STEP_GREETING);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, round_ms (msa_server_check_get_total_ms (check)));
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

/**
 * msa_report_to_json_node:
 * @check: a finished profile check
 * @now: the time to count the certificates' days left from
 *
 * Builds the `--json` report of the README's contract: `provider` and one entry in
 * `results` per checked server.  Error codes and the words of `problems`
 * are language-neutral; `message` is in the user's language.  Missing
 * values (no address, no TLS, no certificate, no greeting, steps that
 * never ran) are JSON null, lists are always arrays.
 *
 * Returns: (transfer full): the report object
 */
JsonNode *
msa_report_to_json_node (MsaProfileCheck *check,
                         GDateTime       *now)
{
  g_autoptr(JsonBuilder) builder = NULL;
  MsaProfile *profile;
  GListModel *checks;
  guint n;

  g_return_val_if_fail (MSA_IS_PROFILE_CHECK (check), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  profile = msa_profile_check_get_profile (check);
  checks = msa_profile_check_get_checks (check);
  n = g_list_model_get_n_items (checks);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_safe_string (builder, "provider",
                   profile != NULL ? msa_profile_get_display_name (profile) : NULL);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServerCheck) server_check = g_list_model_get_item (checks, i);

      add_result (builder, server_check, now);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * msa_report_to_json:
 * @check: a finished profile check
 * @now: the time to count the certificates' days left from
 *
 * The report of msa_report_to_json_node() as pretty-printed text, with a
 * final newline.
 *
 * Returns: (transfer full): the JSON text
 */
char *
msa_report_to_json (MsaProfileCheck *check,
                    GDateTime       *now)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (MSA_IS_PROFILE_CHECK (check), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  root = msa_report_to_json_node (check, now);
  return msa_report_json_to_text (root);
}

/**
 * msa_report_add_server_settings:
 * @builder: a JSON builder inside an object
 * @server: a server
 *
 * Adds the members "host", "port" and "security" of @server, as every
 * --json output names a server's settings.
 */
void
msa_report_add_server_settings (JsonBuilder *builder,
                                MsaServer   *server)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (MSA_IS_SERVER (server));

  json_builder_set_member_name (builder, "host");
  json_builder_add_string_value (builder, msa_server_get_hostname (server));
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, msa_server_get_port (server));
  json_builder_set_member_name (builder, "security");
  json_builder_add_string_value (builder, msa_security_to_string (msa_server_get_security (server)));
}

/**
 * msa_report_json_to_text:
 * @root: a JSON node
 *
 * Returns: (transfer full): @root as pretty-printed text (two spaces an
 *   indent), with a final newline: the form of every --json output
 */
char *
msa_report_json_to_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;

  g_return_val_if_fail (root != NULL, NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  return g_strconcat (json, "\n", NULL);
}

/* ---------------------------------------------------------------------- */
/* Text                                                                     */

typedef struct
{
  GString *out;
  guint label_width;   /* in characters, the widest label plus a gap */
} TextReport;

static const char *
protocol_title (MsaProtocol protocol)
{
  switch (protocol)
    {
    case MSA_PROTOCOL_IMAP:
      return "IMAP";
    case MSA_PROTOCOL_POP3:
      return "POP3";
    case MSA_PROTOCOL_SMTP:
      return "SMTP";
    default:
      g_assert_not_reached ();
    }
}

static const char *
security_title (MsaSecurity security)
{
  switch (security)
    {
    case MSA_SECURITY_SSL:
      return "SSL/TLS";
    case MSA_SECURITY_STARTTLS:
      return "STARTTLS";
    case MSA_SECURITY_PLAIN:
      /* Translators: the connection security of a server without any */
      return C_("security", "unencrypted");
    default:
      g_assert_not_reached ();
    }
}

static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  glong len = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (out, ' ');
}

static void
new_value_line (TextReport *report,
                guint       indent)
{
  g_string_append_c (report->out, '\n');
  for (guint j = 0; j < indent; j++)
    g_string_append_c (report->out, ' ');
}

/* One "  Label   value" row: @items (already safe) joined by @separator,
 * wrapped between items so that no line is wider than TEXT_WIDTH; the
 * continuation lines start under the value column.  An item wider than
 * the whole column is cut where it reaches the edge. */
static void
append_items (TextReport         *report,
              const char         *label,
              const char * const *items,
              const char         *separator)
{
  guint indent = 2 + report->label_width;
  guint room = TEXT_WIDTH > indent + 8 ? TEXT_WIDTH - indent : 8;
  guint column = 0;   /* characters on the current line, after the indent */
  glong separator_len = g_utf8_strlen (separator, -1);

  g_string_append (report->out, "  ");
  append_padded (report->out, label, report->label_width);

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *item = items[i];
      glong len = g_utf8_strlen (item, -1);

      if (column > 0)
        {
          if (column + separator_len + len > room)
            {
              new_value_line (report, indent);
              column = 0;
            }
          else
            {
              g_string_append (report->out, separator);
              column += separator_len;
            }
        }

      while (column + len > room)
        {
          const char *cut = g_utf8_offset_to_pointer (item, room - column);

          g_string_append_len (report->out, item, cut - item);
          new_value_line (report, indent);
          column = 0;
          len -= g_utf8_pointer_to_offset (item, cut);
          item = cut;
        }
      g_string_append (report->out, item);
      column += len;
    }
  g_string_append_c (report->out, '\n');
}

/* A row of running text, wrapped at its spaces. */
static void
append_row (TextReport *report,
            const char *label,
            const char *value)
{
  g_auto(GStrv) words = g_strsplit (value, " ", -1);

  append_items (report, label, (const char * const *) words, " ");
}

static void
append_safe_row (TextReport *report,
                 const char *label,
                 const char *server_text)
{
  g_autofree char *safe = msa_report_sanitize (server_text);

  if (safe != NULL && *safe != '\0')
    append_row (report, label, safe);
}

static char *
format_ms (double ms)
{
  /* Translators: a duration in milliseconds, e.g. "3 ms" */
  if (ms < 10)
    return g_strdup_printf (_("%.1f ms"), ms);
  return g_strdup_printf (_("%.0f ms"), ms);
}

static void
append_certificate (TextReport     *report,
                    MsaCertificate *certificate,
                    GDateTime      *now)
{
  MsaCertificateProblems problems = msa_certificate_get_problems (certificate);
  const char * const *names = msa_certificate_get_dns_names (certificate);
  const char *key_type = msa_certificate_get_key_type (certificate);
  guint key_bits = msa_certificate_get_key_bits (certificate);
  g_autofree char *verdict = msa_certificate_problems_dup_texts (problems, FALSE, "; ");
  g_autofree char *valid = msa_certificate_dup_validity (certificate, now);

  /* Translators: a label in the check report, padded to a column */
  append_row (report, _("Certificate"),
              verdict != NULL ? verdict : _("trusted, valid for this server"));
  /* Translators: a label in the check report, padded to a column */
  append_safe_row (report, _("Issued to"), msa_certificate_get_subject (certificate));
  /* Translators: a label in the check report, padded to a column */
  append_safe_row (report, _("Issued by"), msa_certificate_get_issuer (certificate));

  if (valid != NULL)
    /* Translators: a label in the check report, padded to a column */
    append_row (report, _("Valid"), valid);

  if (key_type != NULL)
    {
      g_autofree char *key = NULL;

      if (key_bits > 0)
        /* Translators: a certificate's key, e.g. "RSA, 2048 bits" */
        key = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%s, %u bit", "%s, %u bits", key_bits),
                               key_type, key_bits);
      else
        key = g_strdup (key_type);
      /* Translators: a label in the check report, padded to a column */
      append_safe_row (report, _("Key"), key);
    }

  if (names != NULL && names[0] != NULL)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *safe = msa_report_sanitize (names[i]);

          g_ptr_array_add (items, g_strconcat (safe, names[i + 1] != NULL ? "," : "", NULL));
        }
      g_ptr_array_add (items, NULL);
      /* Translators: a label in the check report: the server names a
       * certificate is valid for */
      append_items (report, _("Names"), (const char * const *) items->pdata, " ");
    }
  if (msa_certificate_get_sha256 (certificate) != NULL)
    {
      g_autofree char *safe = msa_report_sanitize (msa_certificate_get_sha256 (certificate));
      g_auto(GStrv) pairs = g_strsplit (safe, ":", -1);

      /* Wrapped after a colon, never inside a byte. */
      for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i++)
        {
          char *with_colon = g_strconcat (pairs[i], ":", NULL);

          g_free (pairs[i]);
          pairs[i] = with_colon;
        }
      /* Translators: a label in the check report, padded to a column */
      append_items (report, _("SHA-256"), (const char * const *) pairs, "");
    }
}

static void
append_timings (TextReport     *report,
                MsaServerCheck *check)
{
  /* The steps that take time of their own (the certificate is judged
   * within the TLS handshake). */
  static const MsaCheckStep steps[] = {
    MSA_CHECK_STEP_RESOLVE, MSA_CHECK_STEP_CONNECT, MSA_CHECK_STEP_TLS, MSA_CHECK_STEP_GREETING,
  };
  g_autofree char *total = format_ms (msa_server_check_get_total_ms (check));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  char *last;

  /* Translators: the start of the timing line, e.g. "6.2 ms in total:" */
  g_ptr_array_add (items, g_strdup_printf (_("%s in total:"), total));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *ms = NULL;

      if (!step_ran (check, steps[i]))
        continue;
      ms = format_ms (msa_server_check_get_step_ms (check, steps[i]));
      g_ptr_array_add (items, g_strdup_printf ("%s %s,", msa_check_step_get_title (steps[i]), ms));
    }
  /* No comma after the last step, no colon when no step ran. */
  last = g_ptr_array_index (items, items->len - 1);
  last[strlen (last) - 1] = '\0';
  g_ptr_array_add (items, NULL);
  /* Translators: a label in the check report, padded to a column */
  append_items (report, _("Time"), (const char * const *) items->pdata, " ");
}

static void
append_server (TextReport     *report,
               MsaServerCheck *check,
               GDateTime      *now)
{
  MsaServer *server = msa_server_check_get_server (check);
  MsaCheckState state = msa_server_check_get_state (check);
  MsaCheckError code;
  gboolean failed = msa_server_check_get_error_code (check, &code);
  MsaCertificate *certificate = msa_server_check_get_certificate (check);
  const char * const *capabilities = msa_server_check_get_capabilities (check);
  const char * const *warnings = msa_server_check_get_warnings (check);
  const char *version = msa_server_check_get_tls_version (check);
  const char *cipher = msa_server_check_get_cipher (check);
  g_autofree char *host = msa_report_sanitize (msa_server_get_hostname (server));
  const char *verdict;

  if (state == MSA_CHECK_STATE_PASSED)
    /* Translators: the verdict on a server, shown in capitals */
    verdict = _("OK");
  else if (state == MSA_CHECK_STATE_FAILED || failed)
    /* Translators: the verdict on a server, shown in capitals */
    verdict = _("FAILED");
  else
    /* Translators: the verdict on a server that was not checked */
    verdict = _("NOT CHECKED");

  /* Translators: the heading of one server in the check report:
   * verdict, protocol, host name, port, kind of encryption, e.g.
   * "OK  IMAP  sslin.df.eu:993 (SSL/TLS)" */
  g_string_append_printf (report->out, _("%s  %s  %s:%u (%s)"),
                          verdict, protocol_title (msa_server_get_protocol (server)),
                          host, (guint) msa_server_get_port (server),
                          security_title (msa_server_get_security (server)));
  g_string_append_c (report->out, '\n');

  if (failed)
    {
      g_autofree char *message = msa_report_sanitize (msa_server_check_get_error_message (check));
      g_autofree char *detail = msa_report_sanitize (msa_server_check_get_error_detail (check));
      const char *title = msa_check_error_get_title (code);
      const char *advice = msa_check_error_get_advice (code);

      /* Translators: a label in the check report, padded to a column */
      append_row (report, _("Problem"), title != NULL ? title : msa_check_error_to_code (code));
      /* The engine's message often is the title and the advice in one
       * sentence: show it only when it says something else. */
      if (message != NULL && *message != '\0'
          && (title == NULL || strstr (message, title) == NULL)
          && (advice == NULL || strstr (message, advice) == NULL))
        /* Translators: a label in the check report, padded to a column */
        append_row (report, _("Details"), message);
      if (detail != NULL && *detail != '\0'
          && g_strcmp0 (detail, message) != 0 && g_strcmp0 (detail, title) != 0)
        /* Translators: a label in the check report: the technical reason
         * behind a failure, as the network library reported it */
        append_row (report, _("Reason"), detail);
      if (advice != NULL && *advice != '\0')
        /* Translators: a label in the check report, padded to a column */
        append_row (report, _("What to do"), advice);
    }

  /* Translators: a label in the check report: the IP address connected to */
  append_safe_row (report, _("Address"), msa_server_check_get_address (check));

  if (version != NULL || cipher != NULL)
    {
      g_autofree char *tls = NULL;

      if (version != NULL && cipher != NULL)
        tls = g_strdup_printf ("%s, %s", version, cipher);
      else
        tls = g_strdup (version != NULL ? version : cipher);
      /* Translators: a label in the check report: TLS version and cipher */
      append_safe_row (report, _("Encryption"), tls);
    }

  if (certificate != NULL)
    append_certificate (report, certificate, now);

  /* Translators: a label in the check report: the server's first line */
  append_safe_row (report, _("Greeting"), msa_server_check_get_greeting (check));

  if (capabilities != NULL && capabilities[0] != NULL)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

      /* One item per capability, so "SIZE 10240000" stays on one line. */
      for (guint i = 0; capabilities[i] != NULL; i++)
        g_ptr_array_add (items, msa_report_sanitize (capabilities[i]));
      g_ptr_array_add (items, NULL);
      /* Translators: a label in the check report: what the server offers */
      append_items (report, _("Capabilities"), (const char * const *) items->pdata, " ");
    }

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    /* Translators: a label in the check report, padded to a column */
    append_safe_row (report, _("Warning"), warnings[i]);

  if (state == MSA_CHECK_STATE_PASSED || state == MSA_CHECK_STATE_FAILED)
    append_timings (report, check);
}

static guint
widest_label (void)
{
  /* Every label append_server() may use, translated, so the values line
   * up in whatever language. */
  const char *labels[] = {
    _("Problem"), _("Details"), _("Reason"), _("What to do"), _("Address"), _("Encryption"),
    _("Certificate"), _("Issued to"), _("Issued by"), _("Valid"), _("Key"),
    _("Names"), _("SHA-256"), _("Greeting"), _("Capabilities"), _("Warning"),
    _("Time"),
  };
  glong width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    width = MAX (width, g_utf8_strlen (labels[i], -1));

  return (guint) width + 2;
}

/**
 * msa_report_to_text:
 * @check: a finished profile check
 * @now: the time to count the certificates' days left from
 *
 * The readable report for a terminal, in the user's language: the
 * provider, then per server its verdict and, aligned in two columns, what
 * went wrong and what to do, address, TLS, certificate, greeting,
 * capabilities, warnings and timings; a summary line at the end.
 *
 * Returns: (transfer full): the report, ending in a newline
 */
char *
msa_report_to_text (MsaProfileCheck *check,
                    GDateTime       *now)
{
  TextReport report = { 0, };
  MsaProfile *profile;
  GListModel *checks;
  guint n, n_failed = 0;
  g_autofree char *provider = NULL;

  g_return_val_if_fail (MSA_IS_PROFILE_CHECK (check), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  profile = msa_profile_check_get_profile (check);
  checks = msa_profile_check_get_checks (check);
  n = g_list_model_get_n_items (checks);

  report.out = g_string_new (NULL);
  report.label_width = widest_label ();

  if (profile != NULL)
    provider = msa_report_sanitize (msa_profile_get_display_name (profile));
  if (provider != NULL && *provider != '\0')
    /* Translators: the first line of the check report; %s is the
     * provider's name */
    g_string_append_printf (report.out, _("Mail servers of %s"), provider);
  else
    g_string_append (report.out, _("Mail servers"));
  g_string_append (report.out, "\n\n");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MsaServerCheck) server_check = g_list_model_get_item (checks, i);

      if (msa_server_check_get_state (server_check) != MSA_CHECK_STATE_PASSED)
        n_failed++;
      append_server (&report, server_check, now);
      g_string_append_c (report.out, '\n');
    }

  if (n == 0)
    g_string_append (report.out, _("No server was checked."));
  else if (n_failed == 0)
    /* Translators: the summary at the end of the check report */
    g_string_append_printf (report.out,
                            dngettext (GETTEXT_PACKAGE,
                                         "The server is fine.",
                                         "All %u servers are fine.", n),
                            n);
  else
    /* Translators: the summary at the end of the check report: the
     * first %u is the number of servers that failed, the second the
     * number checked */
    g_string_append_printf (report.out,
                            dngettext (GETTEXT_PACKAGE,
                                         "%u of %u server failed its check.",
                                         "%u of %u servers failed their check.", n),
                            n_failed, n);
  g_string_append_c (report.out, '\n');

  return g_string_free (report.out, FALSE);
}
