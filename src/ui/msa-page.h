/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "msa-icon-preload.h"
#include "msa-wizard-state.h"

G_BEGIN_DECLS

#define MSA_TYPE_PAGE (msa_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (MsaPage, msa_page, MSA, PAGE, AdwBin)

/* A wizard page: a view of the shared MsaWizardState that says whether the
 * user may go on.  Pages never look for the window; the window owns the
 * navigation and hands each page the state. */
struct _MsaPageClass
{
  AdwBinClass parent_class;

  /* Called by the window each time the page becomes the visible one. */
  void (*shown)  (MsaPage *self);
  /* Called when the page stops being visible (e.g. to cancel work). */
  void (*hidden) (MsaPage *self);

  /* Icons slow to load (SVG) that the page shows at once when it
   * appears: the window loads them while the user is on earlier pages.
   * Set with msa_page_class_set_preload_icons(). */
  const MsaIconRequest *preload_icons;
  guint                 n_preload_icons;

  /* Puts the keyboard on the page's first control when it appears; by
   * default the first one in the focus chain (msa_page_focus_first()). */
  void (*focus_first) (MsaPage *self);
};

void             msa_page_class_set_preload_icons (MsaPageClass         *klass,
                                                   const MsaIconRequest *icons,
                                                   guint                 n_icons);

const char      *msa_page_get_title    (MsaPage         *self);
void             msa_page_set_title    (MsaPage         *self,
                                        const char      *title);
gboolean         msa_page_get_complete (MsaPage         *self);
void             msa_page_set_complete (MsaPage         *self,
                                        gboolean         complete);
MsaWizardState  *msa_page_get_state    (MsaPage         *self);
/* The window's GCancellable, cancelled when the window goes away: pass
 * it (or a child of it) to every async call the page makes. */
GCancellable    *msa_page_get_cancellable (MsaPage      *self);
GtkWidget       *msa_page_get_scrolled_window (MsaPage  *self);
void             msa_page_shown        (MsaPage         *self);
void             msa_page_focus_first  (MsaPage         *self);
void             msa_page_hidden       (MsaPage         *self);
void             msa_page_mark_invalid (GtkWidget       *field,
                                        gboolean         invalid,
                                        GtkLabel        *reason);
void             msa_page_add_toast    (MsaPage         *self,
                                        AdwToastOverlay *overlay,
                                        GtkWidget       *source,
                                        const char      *text);

G_END_DECLS
