/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "msa-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MsaApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* GLib decides once per process, at the first g_dgettext(), whether
   * GTK's and libadwaita's own strings are translated at all; under a
   * "C.UTF-8" locale with our domain set it decides "never", and the
   * in-app switch to Deutsch would leave them in English.  Asking while
   * the default domain is still "messages" makes it decide "always".
   * Nothing to translate here: the name is in brackets so that the
   * string tools do not take the call for a message. */
  (g_dgettext) (GETTEXT_PACKAGE, "");
  textdomain (GETTEXT_PACKAGE);

  app = msa_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
