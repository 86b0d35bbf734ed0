/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers the UI tests share: waiting for async results on the default
 * main context, with a bound so a broken test fails instead of hanging. */
#pragma once

#include <adwaita.h>

#include "msa-profile-check.h"
#include "pages/msa-check-page.h"
#include "msa-ui-resources.h"

G_BEGIN_DECLS

/* Sets up GTK and libadwaita for a test.  The UI library is static: its
 * GResource (templates, style) registers itself only when its object is
 * linked, which asking for it guarantees. */
static inline void
msa_ui_test_init (int    *argc,
                  char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  g_assert_nonnull (msa_ui_get_resource ());
}

/* Iterates the default main context until *@done is TRUE or @seconds
 * have passed; returns *@done. */
static inline gboolean
msa_ui_test_wait (const gboolean *done,
                  guint           seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!*done && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return *done;
}

static inline void
msa_ui_test_on_profile_checked_cb (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  gboolean *done = user_data;

  msa_profile_check_run_finish (MSA_PROFILE_CHECK (source), result, NULL);
  *done = TRUE;
}

/* Runs @check to its end, at most @seconds; returns whether it ended. */
static inline gboolean
msa_ui_test_run_profile_check (MsaProfileCheck *check,
                               guint            seconds)
{
  gboolean done = FALSE;

  msa_profile_check_run_async (check, NULL, msa_ui_test_on_profile_checked_cb, &done);
  return msa_ui_test_wait (&done, seconds);
}

static inline void
msa_ui_test_on_check_page_running_cb (MsaCheckPage *page,
                                      GParamSpec   *pspec,
                                      gpointer      user_data)
{
  gboolean *stopped = user_data;

  if (!msa_check_page_get_running (page))
    *stopped = TRUE;
}

/* Waits until @page's running check ends, however it ends, at most
 * @seconds; returns whether it ended. */
static inline gboolean
msa_ui_test_wait_check_page (MsaCheckPage *page,
                             guint         seconds)
{
  gboolean stopped = !msa_check_page_get_running (page);
  gulong id = g_signal_connect (page, "notify::running",
                                G_CALLBACK (msa_ui_test_on_check_page_running_cb), &stopped);
  gboolean ended = msa_ui_test_wait (&stopped, seconds);

  g_signal_handler_disconnect (page, id);
  return ended;
}

/* Iterates the default main context for @ms milliseconds. */
static inline void
msa_ui_test_run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* Iterates until *@count reaches @wanted, at most @seconds. */
static inline gboolean
msa_ui_test_wait_count (const guint *count,
                        guint        wanted,
                        guint        seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (*count < wanted && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return *count >= wanted;
}

typedef struct
{
  gboolean  done;
  char     *text;
} MsaUiTestClipboard;

static inline void
msa_ui_test_on_text_read_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  MsaUiTestClipboard *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

/* Reads the clipboard's text back the way another program would. */
static inline char *
msa_ui_test_read_clipboard (GtkWidget *widget)
{
  MsaUiTestClipboard read = { FALSE, NULL };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL,
                                 msa_ui_test_on_text_read_cb, &read);
  g_assert_true (msa_ui_test_wait (&read.done, 10));

  return read.text;
}

G_END_DECLS
