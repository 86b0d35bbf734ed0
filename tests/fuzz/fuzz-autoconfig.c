/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "msa-fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "msa-autoconfig.h"
#include "msa-profile.h"

/* The autoconfig reader: whatever it accepts, the writer writes, and the
 * reader reads that back to the same profile. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(MsaProfile) again = NULL;
  g_autoptr(GError) error = NULL;
  char *xml;
  gsize length;

  profile = msa_profile_new_from_bytes_for_domain (bytes, "input.xml", "example.org", &error);
  if (profile == NULL)
    {
      g_assert (error != NULL && error->domain == MSA_PROFILE_ERROR);
      return 0;
    }

  xml = msa_profile_to_xml (profile);
  length = strlen (xml);
  g_bytes_unref (bytes);
  bytes = g_bytes_new_take (xml, length);
  again = msa_profile_new_from_bytes (bytes, "written.xml", &error);
  /* abort(), not g_error(): libFuzzer keeps the input of an abort. */
  if (again == NULL)
    {
      g_printerr ("The writer's output was refused: %s\n%s\n", error->message,
                  (const char *) g_bytes_get_data (bytes, NULL));
      abort ();
    }
  if (!msa_profile_equal (profile, again))
    {
      g_printerr ("Read back to a different profile:\n%s\n",
                  (const char *) g_bytes_get_data (bytes, NULL));
      abort ();
    }
  return 0;
}
