/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-application.h"

struct _MsaApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (MsaApplication, msa_application, ADW_TYPE_APPLICATION)

static void
msa_application_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_title (GTK_WINDOW (window), _("Mail SSL Assistant"));
  gtk_window_present (GTK_WINDOW (window));
}

static void
msa_application_class_init (MsaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = msa_application_activate;
}

static void
msa_application_init (MsaApplication *self)
{
}

MsaApplication *
msa_application_new (void)
{
  return g_object_new (MSA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
