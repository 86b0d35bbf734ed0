/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loads icons from the icon theme before a page needs them.
 *
 * GTK loads a themed icon when it is first drawn, and a symbolic icon
 * that the theme has only as SVG is parsed by librsvg in the main
 * thread: the check page's first frame, which comes while the check
 * runs, parsed the spinner's icon at three sizes, about 5 ms of its
 * 9 ms paint (tests/bench/bench-ui.c).  Loaded here, one icon per idle
 * moment after the window's first frame, they come out of the icon
 * theme's cache when the page is shown.  The icons are held as long as
 * the widget lives, so the theme's cache cannot drop them in between. */
#include "config.h"

#include "msa-icon-preload.h"

typedef struct
{
  GtkWidget            *widget;      /* not owned: the data lives on it */
  const MsaIconRequest *icons;
  guint                 n_icons;
  guint                 next;
  GPtrArray            *paintables;  /* the icons loaded, held */
  gulong                map_id;
  gulong                after_paint_id;
  GdkFrameClock        *frame_clock;
  guint                 idle_id;
} Preload;

static void
preload_free (Preload *preload)
{
  g_clear_handle_id (&preload->idle_id, g_source_remove);
  /* Freed with the widget, whose handlers are gone by then, or when the
   * same table is preloaded again while it lives. */
  if (preload->map_id != 0 && g_signal_handler_is_connected (preload->widget, preload->map_id))
    g_signal_handler_disconnect (preload->widget, preload->map_id);
  /* A frame clock that was disposed with its surface has dropped its
   * handlers already. */
  if (preload->frame_clock != NULL && preload->after_paint_id != 0 &&
      g_signal_handler_is_connected (preload->frame_clock, preload->after_paint_id))
    g_signal_handler_disconnect (preload->frame_clock, preload->after_paint_id);
  g_clear_object (&preload->frame_clock);
  g_clear_pointer (&preload->paintables, g_ptr_array_unref);
  g_free (preload);
}

static gboolean
load_next_cb (gpointer user_data)
{
  Preload *preload = user_data;
  const MsaIconRequest *request = &preload->icons[preload->next++];
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (preload->widget));
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  /* The lookup a CSS icon makes (GtkSpinner's is one), so that the icon
   * theme's cache answers it later; drawing it loads the file. */
  icon = gtk_icon_theme_lookup_icon (theme, request->name, NULL, request->size,
                                     gtk_widget_get_scale_factor (preload->widget),
                                     GTK_TEXT_DIR_NONE, 0);
  gdk_paintable_snapshot (GDK_PAINTABLE (icon), GDK_SNAPSHOT (snapshot),
                          request->size, request->size);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_ptr_array_add (preload->paintables, g_steal_pointer (&icon));

  if (preload->next < preload->n_icons)
    return G_SOURCE_CONTINUE;

  preload->idle_id = 0;
  return G_SOURCE_REMOVE;
}

/* After the first frame: start-up is not made slower. */
static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   Preload       *preload)
{
  g_clear_signal_handler (&preload->after_paint_id, frame_clock);
  if (preload->idle_id == 0 && preload->next < preload->n_icons)
    preload->idle_id = g_idle_add_full (G_PRIORITY_LOW, load_next_cb, preload, NULL);
}

static void
on_map_cb (GtkWidget *widget,
           Preload   *preload)
{
  g_clear_signal_handler (&preload->map_id, widget);
  g_set_object (&preload->frame_clock, gtk_widget_get_frame_clock (widget));
  preload->after_paint_id = g_signal_connect (preload->frame_clock, "after-paint",
                                              G_CALLBACK (on_after_paint_cb), preload);
}

/**
 * msa_icon_preload:
 * @widget: the widget whose display, scale and direction the icons are for
 *   (usually the window); the icons are held while it lives
 * @icons: (array length=n_icons): the icons, in static storage
 * @n_icons: how many
 *
 * Loads @icons one by one, at idle moments after @widget's first frame.
 */
void
msa_icon_preload (GtkWidget            *widget,
                  const MsaIconRequest *icons,
                  guint                 n_icons)
{
  g_autofree char *key = NULL;
  Preload *preload;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (icons != NULL || n_icons == 0);

  if (n_icons == 0)
    return;

  preload = g_new0 (Preload, 1);
  preload->widget = widget;
  preload->icons = icons;
  preload->n_icons = n_icons;
  preload->paintables = g_ptr_array_new_with_free_func (g_object_unref);
  /* A unique key per call: several tables may be preloaded for one widget. */
  key = g_strdup_printf ("msa-icon-preload-%p", (void *) icons);
  g_object_set_data_full (G_OBJECT (widget), key, preload, (GDestroyNotify) preload_free);

  if (gtk_widget_get_mapped (widget))
    on_map_cb (widget, preload);
  else
    preload->map_id = g_signal_connect (widget, "map", G_CALLBACK (on_map_cb), preload);
}
