/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <sys/resource.h>

#include "msa-application.h"
#include "msa-autoconfig.h"
#include "msa-window.h"
#include "pages/msa-check-page.h"
#include "msa-wizard-state.h"

struct _MsaApplication
{
  AdwApplication  parent_instance;

  /* NULL when the schema is not installed (e.g. run from the build tree) */
  GSettings      *settings;
  /* One set of answers for the whole run: windows are views of it. */
  MsaWizardState *state;
  GCancellable   *cancellable;
  /* LANGUAGE as the session gave it, restored by "System" */
  char           *system_language;
  gboolean        had_system_language;
};

G_DEFINE_FINAL_TYPE (MsaApplication, msa_application, ADW_TYPE_APPLICATION)

/* Switches gettext to @language ("" for the system's) for the whole
 * process.  gettext caches translations per domain; textdomain() drops
 * that cache, so strings looked up afterwards come from the new catalog. */
static void
apply_language (MsaApplication *self,
                const char     *language)
{
  const char *locale;

  g_assert (language != NULL);

  if (language[0] != '\0')
    g_setenv ("LANGUAGE", language, TRUE);
  else if (self->had_system_language)
    g_setenv ("LANGUAGE", self->system_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  locale = setlocale (LC_MESSAGES, "");
  /* gettext ignores LANGUAGE in the "C" locale; C.UTF-8 honours it and
   * needs no generated locale. */
  if (language[0] != '\0' &&
      (locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX")))
    setlocale (LC_MESSAGES, "C.UTF-8");

  textdomain (GETTEXT_PACKAGE);
}

static void
save_provider (MsaApplication *self)
{
  const char *file;

  if (self->settings == NULL)
    return;

  file = msa_wizard_state_get_profile_file (self->state);
  if (!msa_wizard_state_get_builtin_profile (self->state) && file != NULL)
    g_settings_set_string (self->settings, "provider", file);
  else
    g_settings_set_string (self->settings, "provider", "builtin");
}


static void
load_profile_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MsaApplication) self = user_data;
  g_autoptr(MsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  profile = msa_profile_load_finish (result, &error);
  if (profile == NULL)
    {
      /* The file moved or broke since the last run: fall back quietly to
       * the built-in profile, the welcome page offers the choice again. */
      g_debug ("Not restoring the last profile: %s", error->message);
      return;
    }

  /* The user may have chosen something else while the file loaded. */
  if (!msa_wizard_state_get_builtin_profile (self->state) || self->settings == NULL)
    return;

  path = g_settings_get_string (self->settings, "provider");

  msa_wizard_state_set_profile_file (self->state, path);
  msa_wizard_state_set_profile (self->state, profile, FALSE);
}

static void
restore_state (MsaApplication *self)
{
  g_autofree char *provider = NULL;

  if (self->settings == NULL)
    return;

  /* The schema's choices are the enums' nicks: GSettings maps them
   * both ways and keeps them in sync from now on. */
  g_settings_bind (self->settings, "account-type", self->state, "incoming-protocol",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "mail-client", self->state, "mail-client",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ispdb-url", self->state, "ispdb-url",
                   G_SETTINGS_BIND_GET);

  provider = g_settings_get_string (self->settings, "provider");
  if (provider[0] != '\0' && !g_str_equal (provider, "builtin"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (provider);

      msa_profile_load_async (file, self->cancellable, load_profile_cb, g_object_ref (self));
    }
}

static gboolean
on_window_close_request_cb (MsaApplication *self,
                            GtkWindow      *window)
{
  int width, height;

  if (self->settings == NULL)
    return FALSE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);

  return FALSE;
}

static MsaWindow *
create_window (MsaApplication *self)
{
  MsaWindow *window = msa_window_new (GTK_APPLICATION (self), self->state);

  if (self->settings != NULL)
    gtk_window_set_default_size (GTK_WINDOW (window),
                                 g_settings_get_int (self->settings, "window-width"),
                                 g_settings_get_int (self->settings, "window-height"));
  g_signal_connect_object (window, "close-request",
                           G_CALLBACK (on_window_close_request_cb), self,
                           G_CONNECT_SWAPPED);
  return window;
}

/* Replaces every wizard window by a new one built in the current
 * language, on the same page and with the same state: nothing the user
 * answered or the check found is lost. */
static void
rebuild_windows (MsaApplication *self)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (const GList *l = windows; l != NULL; l = l->next)
    {
      MsaWindow *old_window;
      MsaWindow *window;
      int width, height;

      if (!MSA_IS_WINDOW (l->data))
        continue;

      old_window = l->data;
      window = create_window (self);
      gtk_window_get_default_size (GTK_WINDOW (old_window), &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      if (gtk_window_is_maximized (GTK_WINDOW (old_window)))
        gtk_window_maximize (GTK_WINDOW (window));
      msa_window_set_page_index (window, msa_window_get_page_index (old_window));
      gtk_window_present (GTK_WINDOW (window));
      gtk_window_destroy (GTK_WINDOW (old_window));
    }
}

static void
language_change_state_cb (GSimpleAction *action,
                          GVariant      *value,
                          gpointer       user_data)
{
  MsaApplication *self = MSA_APPLICATION (user_data);
  const char *language = g_variant_get_string (value, NULL);

  if (!g_str_equal (language, "") && !g_str_equal (language, "de") &&
      !g_str_equal (language, "en"))
    {
      g_warning ("Unknown language “%s”", language);
      return;
    }

  g_simple_action_set_state (action, value);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "language", language);

  apply_language (self, language);
  rebuild_windows (self);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MsaApplication *self = MSA_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Mail SSL Assistant contributors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Mail SSL Assistant"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Guides you in switching your mail program to encrypted connections, "
                                      "and checks your provider’s servers."),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  MsaApplication *self = MSA_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (not destroying) lets each window save its size. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}

static int
msa_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("Mail SSL Assistant"), PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
msa_application_startup (GApplication *app)
{
  MsaApplication *self = MSA_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *language = NULL;
  const GActionEntry actions[] = {
    { "about", about_activated_cb },
    { "shortcuts", shortcuts_activated_cb },
    { "quit", quit_activated_cb },
    { "language", NULL, "s", "''", language_change_state_cb },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *shortcuts_accels[] = { "<Control>question", NULL };

  /* The saved language first, so that every string of the first window
   * (and GTK's own) is already in it. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    g_debug ("Schema %s not installed: settings are not remembered", SCHEMA_ID);

  language = self->settings ? g_settings_get_string (self->settings, "language") : g_strdup ("");
  if (language[0] != '\0')
    apply_language (self, language);

  G_APPLICATION_CLASS (msa_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  g_action_group_change_action_state (G_ACTION_GROUP (self), "language",
                                      g_variant_new_string (language));
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);

  restore_state (self);
  /* The provider is two properties (built-in, or a file's path) in one
   * key, and is restored asynchronously: saved by hand. */
  g_signal_connect_object (self->state, "notify::profile",
                           G_CALLBACK (save_provider), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "notify::profile-file",
                           G_CALLBACK (save_provider), self, G_CONNECT_SWAPPED);
}

/* Benchmark hook (tests/bench/bench-ui.c), off unless
 * MSA_BENCH_FIRST_FRAME names a file: after the paint in which the first
 * window rendered, and once the X server has processed that frame, write
 * the monotonic time and the process's CPU time so far (microseconds)
 * there and quit. */
static void
on_bench_after_paint_cb (GdkFrameClock *clock,
                         GApplication  *app)
{
  g_autofree char *text = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  struct rusage usage;

  g_signal_handlers_disconnect_by_func (clock, on_bench_after_paint_cb, app);
  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (window)));
  getrusage (RUSAGE_SELF, &usage);
  text = g_strdup_printf ("%" G_GINT64_FORMAT " %ld\n", g_get_monotonic_time (),
                          (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000L +
                          usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  g_file_set_contents (g_getenv ("MSA_BENCH_FIRST_FRAME"), text, -1, NULL);
  g_application_quit (app);
}

static gboolean
bench_render_hook (GSignalInvocationHint *hint,
                   guint                  n_values,
                   const GValue          *values,
                   gpointer               app)
{
  GdkSurface *surface = g_value_get_object (&values[0]);

  g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                    G_CALLBACK (on_bench_after_paint_cb), app);
  return FALSE;
}

static void
msa_application_activate (GApplication *app)
{
  MsaApplication *self = MSA_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (create_window (self));

  if (G_UNLIKELY (g_getenv ("MSA_BENCH_FIRST_FRAME") != NULL))
    g_signal_add_emission_hook (g_signal_lookup ("render", GDK_TYPE_SURFACE), 0,
                                bench_render_hook, app, NULL);

  gtk_window_present (window);
}

static void
msa_application_shutdown (GApplication *app)
{
  MsaApplication *self = MSA_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (msa_application_parent_class)->shutdown (app);
}

static void
msa_application_dispose (GObject *object)
{
  MsaApplication *self = MSA_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->state);

  G_OBJECT_CLASS (msa_application_parent_class)->dispose (object);
}

static void
msa_application_finalize (GObject *object)
{
  MsaApplication *self = MSA_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->system_language, g_free);

  G_OBJECT_CLASS (msa_application_parent_class)->finalize (object);
}

static void
msa_application_class_init (MsaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = msa_application_dispose;
  object_class->finalize = msa_application_finalize;

  app_class->handle_local_options = msa_application_handle_local_options;
  app_class->startup = msa_application_startup;
  app_class->activate = msa_application_activate;
  app_class->shutdown = msa_application_shutdown;
}

static void
msa_application_init (MsaApplication *self)
{
  const char *language = g_getenv ("LANGUAGE");
  const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  self->state = msa_wizard_state_new ();
  self->cancellable = g_cancellable_new ();
  self->had_system_language = language != NULL;
  self->system_language = g_strdup (language);

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Guides you in switching your mail program to encrypted (SSL/TLS) "
                                              "connections with your mail provider."));
}

/**
 * msa_application_new:
 *
 * Returns: (transfer full): the wizard application
 */
MsaApplication *
msa_application_new (void)
{
  return g_object_new (MSA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * msa_application_get_state:
 * @self: a #MsaApplication
 *
 * Returns: (transfer none): the wizard state all windows show
 */
MsaWizardState *
msa_application_get_state (MsaApplication *self)
{
  g_return_val_if_fail (MSA_IS_APPLICATION (self), NULL);

  return self->state;
}

/**
 * msa_application_main:
 * @argc: from main()
 * @argv: from main()
 * @localedir: where the compiled catalogues are (the installed ones, or
 *   the build tree's for the tests)
 *
 * Returns: the exit status
 */
int
msa_application_main (int         argc,
                      char       *argv[],
                      const char *localedir)
{
  g_autoptr(MsaApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
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
