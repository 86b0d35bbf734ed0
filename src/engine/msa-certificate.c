/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-certificate.h"

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

struct _MsaCertificate
{
  GObject parent_instance;

  char                   *subject;
  char                   *issuer;
  GDateTime              *not_before;
  GDateTime              *not_after;
  char                   *sha256;
  GStrv                   dns_names;
  char                   *key_type;
  guint                   key_bits;
  MsaCertificateProblems  problems;
};

G_DEFINE_FINAL_TYPE (MsaCertificate, msa_certificate, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUBJECT,
  PROP_ISSUER,
  PROP_NOT_BEFORE,
  PROP_NOT_AFTER,
  PROP_SHA256,
  PROP_DNS_NAMES,
  PROP_KEY_TYPE,
  PROP_KEY_BITS,
  PROP_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const problem_names[] = {
  "untrusted",
  "hostname-mismatch",
  "expired",
  "not-yet-valid",
  "revoked",
  "insecure",
};

static gboolean
set_gnutls_error (GError **error,
                  int      status)
{
  g_set_error (error, G_TLS_ERROR, G_TLS_ERROR_MISC,
               /* Translators: %s is GnuTLS's own (English) reason. */
               _("The certificate could not be read: %s"), gnutls_strerror (status));
  return FALSE;
}

static char *
dup_datum (gnutls_datum_t *datum)
{
  char *text = g_strndup ((const char *) datum->data, datum->size);

  gnutls_free (datum->data);
  datum->data = NULL;
  /* Names in certificates are data from the network; keep them valid
   * UTF-8 so they can be shown anywhere. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (text, -1);

      g_free (text);
      text = valid;
    }
  return text;
}

static const char *
key_type_name (gnutls_pk_algorithm_t algorithm)
{
  switch ((int) algorithm)
    {
    case GNUTLS_PK_RSA:
      return "RSA";
    case GNUTLS_PK_RSA_PSS:
      return "RSA-PSS";
    case GNUTLS_PK_DSA:
      return "DSA";
    case GNUTLS_PK_ECDSA:
      return "ECDSA";
    case GNUTLS_PK_EDDSA_ED25519:
      return "Ed25519";
    case GNUTLS_PK_EDDSA_ED448:
      return "Ed448";
    default:
      {
        const char *name = gnutls_pk_algorithm_get_name (algorithm);
        return name != NULL ? name : "unknown";
      }
    }
}

static gboolean
load_crt (MsaCertificate         *self,
          gnutls_x509_crt_t       crt,
          GError                **error)
{
  gnutls_datum_t datum = { NULL, 0 };
  guint8 digest[32];
  size_t digest_size = sizeof digest;
  GString *fingerprint;
  GPtrArray *names;
  unsigned int bits = 0;
  time_t t;
  int status;

  if ((status = gnutls_x509_crt_get_dn3 (crt, &datum, 0)) < 0)
    return set_gnutls_error (error, status);
  self->subject = dup_datum (&datum);

  if ((status = gnutls_x509_crt_get_issuer_dn3 (crt, &datum, 0)) < 0)
    return set_gnutls_error (error, status);
  self->issuer = dup_datum (&datum);

  if ((t = gnutls_x509_crt_get_activation_time (crt)) == (time_t) -1)
    return set_gnutls_error (error, GNUTLS_E_CERTIFICATE_ERROR);
  self->not_before = g_date_time_new_from_unix_utc (t);
  if ((t = gnutls_x509_crt_get_expiration_time (crt)) == (time_t) -1)
    return set_gnutls_error (error, GNUTLS_E_CERTIFICATE_ERROR);
  self->not_after = g_date_time_new_from_unix_utc (t);
  if (self->not_before == NULL || self->not_after == NULL)
    return set_gnutls_error (error, GNUTLS_E_CERTIFICATE_ERROR);

  status = gnutls_x509_crt_get_fingerprint (crt, GNUTLS_DIG_SHA256, digest, &digest_size);
  if (status < 0)
    return set_gnutls_error (error, status);
  fingerprint = g_string_sized_new (3 * digest_size);
  for (gsize i = 0; i < digest_size; i++)
    g_string_append_printf (fingerprint, i == 0 ? "%02X" : ":%02X", digest[i]);
  self->sha256 = g_string_free (fingerprint, FALSE);

  names = g_ptr_array_new ();
  for (unsigned int seq = 0; seq < 1024; seq++)
    {
      char buffer[1024];
      size_t size = sizeof buffer - 1;

      /* A name longer than the buffer is no DNS name: skipped. */
      status = gnutls_x509_crt_get_subject_alt_name (crt, seq, buffer, &size, NULL);
      if (status == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (status == GNUTLS_SAN_DNSNAME)
        {
          char *name = g_strndup (buffer, size);

          if (!g_utf8_validate (name, -1, NULL))
            {
              char *valid = g_utf8_make_valid (name, -1);

              g_free (name);
              name = valid;
            }
          g_ptr_array_add (names, name);
        }
    }
  g_ptr_array_add (names, NULL);
  self->dns_names = (GStrv) g_ptr_array_free (names, FALSE);

  status = gnutls_x509_crt_get_pk_algorithm (crt, &bits);
  if (status < 0)
    return set_gnutls_error (error, status);
  self->key_type = g_strdup (key_type_name (status));
  self->key_bits = bits;

  return TRUE;
}

static MsaCertificate *
new_from_datum (const gnutls_datum_t  *datum,
                gnutls_x509_crt_fmt_t  format,
                GError               **error)
{
  g_autoptr(MsaCertificate) self = g_object_new (MSA_TYPE_CERTIFICATE, NULL);
  gnutls_x509_crt_t crt = NULL;
  int status;

  if ((status = gnutls_x509_crt_init (&crt)) < 0)
    {
      set_gnutls_error (error, status);
      return NULL;
    }

  if ((status = gnutls_x509_crt_import (crt, datum, format)) < 0)
    {
      set_gnutls_error (error, status);
      gnutls_x509_crt_deinit (crt);
      return NULL;
    }

  if (!load_crt (self, crt, error))
    {
      gnutls_x509_crt_deinit (crt);
      return NULL;
    }

  gnutls_x509_crt_deinit (crt);
  return g_steal_pointer (&self);
}

static void
msa_certificate_finalize (GObject *object)
{
  MsaCertificate *self = MSA_CERTIFICATE (object);

  g_free (self->subject);
  g_free (self->issuer);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);
  g_free (self->sha256);
  g_strfreev (self->dns_names);
  g_free (self->key_type);

  G_OBJECT_CLASS (msa_certificate_parent_class)->finalize (object);
}

static void
msa_certificate_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MsaCertificate *self = MSA_CERTIFICATE (object);

  switch (prop_id)
    {
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_NOT_BEFORE:
      g_value_set_boxed (value, self->not_before);
      break;
    case PROP_NOT_AFTER:
      g_value_set_boxed (value, self->not_after);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    case PROP_DNS_NAMES:
      g_value_set_boxed (value, self->dns_names);
      break;
    case PROP_KEY_TYPE:
      g_value_set_string (value, self->key_type);
      break;
    case PROP_KEY_BITS:
      g_value_set_uint (value, self->key_bits);
      break;
    case PROP_PROBLEMS:
      g_value_set_uint (value, self->problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
msa_certificate_class_init (MsaCertificateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = msa_certificate_finalize;
  object_class->get_property = msa_certificate_get_property;

  properties[PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOT_BEFORE] =
    g_param_spec_boxed ("not-before", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOT_AFTER] =
    g_param_spec_boxed ("not-after", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DNS_NAMES] =
    g_param_spec_boxed ("dns-names", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY_TYPE] =
    g_param_spec_string ("key-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY_BITS] =
    g_param_spec_uint ("key-bits", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* MsaCertificateProblems as a plain number: no enum types are
   * registered for the engine. */
  properties[PROP_PROBLEMS] =
    g_param_spec_uint ("problems", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
msa_certificate_init (MsaCertificate *self)
{
}

/**
 * msa_certificate_problems_from_tls_flags:
 * @flags: what GIO found wrong with a peer certificate
 *
 * Returns: the same findings in our words
 */
MsaCertificateProblems
msa_certificate_problems_from_tls_flags (GTlsCertificateFlags flags)
{
  MsaCertificateProblems problems = MSA_CERTIFICATE_PROBLEM_NONE;

  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    problems |= MSA_CERTIFICATE_PROBLEM_UNTRUSTED;
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    problems |= MSA_CERTIFICATE_PROBLEM_HOSTNAME_MISMATCH;
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    problems |= MSA_CERTIFICATE_PROBLEM_EXPIRED;
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    problems |= MSA_CERTIFICATE_PROBLEM_NOT_YET_VALID;
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    problems |= MSA_CERTIFICATE_PROBLEM_REVOKED;
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    problems |= MSA_CERTIFICATE_PROBLEM_INSECURE;
  /* A generic error means GIO could not vouch for it: untrusted. */
  if (flags & G_TLS_CERTIFICATE_GENERIC_ERROR)
    problems |= MSA_CERTIFICATE_PROBLEM_UNTRUSTED;

  return problems;
}

/**
 * msa_certificate_new_from_tls:
 * @certificate: the peer certificate of a TLS connection
 * @flags: what GIO found wrong with it (0 when it was accepted)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the certificate's details, or %NULL
 */
MsaCertificate *
msa_certificate_new_from_tls (GTlsCertificate       *certificate,
                              GTlsCertificateFlags   flags,
                              GError               **error)
{
  g_autoptr(GByteArray) der = NULL;
  MsaCertificate *self;
  gnutls_datum_t datum;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL || der->len == 0)
    {
      g_set_error_literal (error, G_TLS_ERROR, G_TLS_ERROR_MISC,
                           _("The server’s certificate is empty."));
      return NULL;
    }

  datum.data = der->data;
  datum.size = der->len;
  self = new_from_datum (&datum, GNUTLS_X509_FMT_DER, error);
  if (self != NULL)
    self->problems = msa_certificate_problems_from_tls_flags (flags);
  return self;
}

/**
 * msa_certificate_new_from_der:
 * @der: (array length=length): one certificate in DER
 * @length: its size in bytes
 * @error: return location for a #GError
 *
 * Reads the details of a certificate without verifying it (no flags):
 * what a server sent, byte for byte.
 *
 * Returns: (transfer full): the details, or %NULL with @error
 */
MsaCertificate *
msa_certificate_new_from_der (const guint8  *der,
                              gsize          length,
                              GError       **error)
{
  gnutls_datum_t datum;

  g_return_val_if_fail (der != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0 || length > G_MAXUINT)
    {
      set_gnutls_error (error, GNUTLS_E_ASN1_DER_ERROR);
      return NULL;
    }
  datum.data = (unsigned char *) der;
  datum.size = (unsigned int) length;
  return new_from_datum (&datum, GNUTLS_X509_FMT_DER, error);
}

/**
 * msa_certificate_new_from_pem:
 * @pem: a certificate in PEM form (the first one is read)
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the certificate's details, without problems,
 *   or %NULL
 */
MsaCertificate *
msa_certificate_new_from_pem (const char  *pem,
                              GError     **error)
{
  gnutls_datum_t datum;

  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  datum.data = (unsigned char *) pem;
  datum.size = strlen (pem);
  return new_from_datum (&datum, GNUTLS_X509_FMT_PEM, error);
}

const char *
msa_certificate_get_subject (MsaCertificate *self)
{
  g_return_val_if_fail (MSA_IS_CERTIFICATE (self), NULL);

  return self->subject;
}

const char *
msa_certificate_get_issuer (MsaCertificate *self)
{
  g_return_val_if_fail (MSA_IS_CERTIFICATE (self), NULL);

  return self->issuer;
}

/**
 * msa_certificate_get_not_before:
 *
 * Returns: (transfer none): the start of the validity, in UTC
 */
GDateTime *
msa_certificate_get_not_before (MsaCertificate *self)
{
  g_return_val_if_fail (MSA_IS_CERTIFICATE (self), NULL);

  return self->not_before;
}

/**
 * msa_certificate_get_not_after:
 *
 * Returns: (transfer none): the end of the validity, in UTC
 */
GDateTime *
msa_certificate_get_not_after (MsaCertificate *self)
{
  g_return_val_if_fail (MSA_IS_CERTIFICATE (self), NULL);

  return self->not_after;
}

/**
 * msa_certificate_get_days_left:
 * @now: (nullable): the moment to count from; %NULL for now
 *
 * Returns: whole days until the certificate expires, negative once it has
 */
int
msa_certificate_get_days_left (MsaCertificate *self,
                               GDateTime      *now)
{
  g_autoptr(GDateTime) current = NULL;
  GTimeSpan span;

  g_return_val_if_fail (MSA_IS_CERTIFICATE (self), 0);

  current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  span = g_date_time_difference (self->not_after, current);
  /* Round towards minus infinity: expired an hour ago is -1, not 0. */
  if (span < 0)
    return (int) ((span - G_TIME_SPAN_DAY + 1) / G_TIME_SPAN_DAY);
  return (int) (span / G_TIME_SPAN_DAY);
}

const char *
msa_certificate_get_sha256 (MsaCertificate *self)
{
  g_return_val_if_fail (MSA_IS_CERTIFICATE (self), NULL);

  return self->sha256;
}

const char * const *
msa_certificate_get_dns_names (MsaCertificate *self)
{
  g_return_val_if_fail (MSA_IS_CERTIFICATE (self), NULL);

  return (const char * const *) self->dns_names;
}

const char *
msa_certificate_get_key_type (MsaCertificate *self)
{
  g_return_val_if_fail (MSA_IS_CERTIFICATE (self), NULL);

  return self->key_type;
}

guint
msa_certificate_get_key_bits (MsaCertificate *self)
{
  g_return_val_if_fail (MSA_IS_CERTIFICATE (self), 0);

  return self->key_bits;
}

MsaCertificateProblems
msa_certificate_get_problems (MsaCertificate *self)
{
  g_return_val_if_fail (MSA_IS_CERTIFICATE (self), MSA_CERTIFICATE_PROBLEM_NONE);

  return self->problems;
}

/**
 * msa_certificate_problems_to_strv:
 * @problems: a set of problems
 *
 * Returns: (transfer full): the words of --json ("untrusted", …) in a
 *   fixed order
 */
char **
msa_certificate_problems_to_strv (MsaCertificateProblems problems)
{
  GPtrArray *array = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (problem_names); i++)
    if (problems & (1u << i))
      g_ptr_array_add (array, g_strdup (problem_names[i]));
  g_ptr_array_add (array, NULL);
  return (char **) g_ptr_array_free (array, FALSE);
}
