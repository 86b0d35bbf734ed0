/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  int         size;   /* in pixels, as the widget that shows it asks */
} MsaIconRequest;

void msa_icon_preload (GtkWidget            *widget,
                       const MsaIconRequest *icons,
                       guint                 n_icons);

G_END_DECLS
