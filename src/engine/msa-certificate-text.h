/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "msa-certificate.h"

G_BEGIN_DECLS

/* How a certificate's facts are worded, once for the server card and the
 * text report: its problems, its dates, its validity. */

const char *msa_certificate_problem_get_text   (MsaCertificateProblems  problem);
char       *msa_certificate_problems_dup_texts (MsaCertificateProblems  problems,
                                                gboolean                capitalize,
                                                const char             *separator);
char       *msa_certificate_format_date        (GDateTime              *date);
char       *msa_certificate_dup_validity       (MsaCertificate         *certificate,
                                                GDateTime              *now);

G_END_DECLS
