/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Renders the real wizard window at each page to PNG, for the README and
 * the metainfo, and for looking at every page in both languages and at
 * 360 px:
 *
 *   msa-screenshot --lang=de --output-dir=DIR [--page=check] [--narrow]
 *                  [--width=1024 --height=768] [--stand-ins]
 *
 * writes DIR/<page>-<lang>[-narrow].png.  --narrow renders 360 px wide
 * and as tall as the page's content.  Offscreen: the window's paintable
 * is snapshotted and rendered by the window's own renderer (use
 * GSK_RENDERER=cairo for images that repeat exactly).
 *
 * --stand-ins makes the check page's result a real one: it serves
 * IMAP on 127.0.0.1:993, POP3 on 995 and SMTP on 465, over TLS with a
 * certificate for sslin.df.eu and sslout.df.eu from a CA made on the spot
 * (certtool), answers every *.df.eu name lookup with 127.0.0.1, and
 * trusts that CA through the wizard state's ca-file.  The real engine
 * then checks these stand-ins.  It binds privileged ports: run it in a
 * network namespace of its own (tests/ui/make-screenshots does).
 *
 * --discover=ADDRESS enters a network namespace itself, starts the test
 * network of discovery's tests (tests/discover/msa-test-discovery-net.c)
 * and finds the provider of ADDRESS on the welcome page before the shot. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "msa-window-private.h"
#include "msa-ui-resources.h"
#include "pages/msa-check-page.h"
#include "pages/msa-welcome-page-private.h"
#include "msa-test-discovery-net.h"

static char *opt_lang = NULL;
static char *opt_output_dir = NULL;
static char *opt_page = NULL;
static gboolean opt_narrow = FALSE;
static int opt_width = 1024;
static int opt_height = 768;
static gboolean opt_stand_ins = FALSE;
static gboolean opt_refuse_smtp = FALSE;
static gboolean opt_expand = FALSE;
static char *opt_suffix = NULL;
static gboolean opt_dark = FALSE;
static gboolean opt_expiring = FALSE;
static gboolean opt_running = FALSE;
static char *opt_mail_client = NULL;
static gboolean opt_pop3 = FALSE;
static double opt_text_scale = 1.0;
static char *opt_discover = NULL;

static const GOptionEntry entries[] = {
  { "lang", 0, 0, G_OPTION_ARG_STRING, &opt_lang, "Language: de or en", "LANG" },
  { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_output_dir, "Where to write the PNGs", "DIR" },
  { "page", 0, 0, G_OPTION_ARG_STRING, &opt_page, "Only this page (welcome, check, …)", "NAME" },
  { "narrow", 0, 0, G_OPTION_ARG_NONE, &opt_narrow, "360 px wide, as tall as the content", NULL },
  { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Width (default 1024)", "PX" },
  { "height", 0, 0, G_OPTION_ARG_INT, &opt_height, "Height (default 768)", "PX" },
  { "stand-ins", 0, 0, G_OPTION_ARG_NONE, &opt_stand_ins, "Serve *.df.eu on loopback for the check", NULL },
  { "refuse-smtp", 0, 0, G_OPTION_ARG_NONE, &opt_refuse_smtp, "With --stand-ins: no SMTP stand-in (refused)", NULL },
  { "expand", 0, 0, G_OPTION_ARG_NONE, &opt_expand, "Open every expander row (the check's details)", NULL },
  { "expiring", 0, 0, G_OPTION_ARG_NONE, &opt_expiring, "With --stand-ins: a certificate that expires in 10 days (a warning)", NULL },
  { "running", 0, 0, G_OPTION_ARG_NONE, &opt_running, "Do not wait for the check to end", NULL },
  { "mail-client", 0, 0, G_OPTION_ARG_STRING, &opt_mail_client, "thunderbird, outlook, apple-mail, evolution, geary, kmail, other", "KEY" },
  { "pop3", 0, 0, G_OPTION_ARG_NONE, &opt_pop3, "POP3 instead of IMAP", NULL },
  { "text-scale", 0, 0, G_OPTION_ARG_DOUBLE, &opt_text_scale, "Text scaling factor (e.g. 1.5)", "FACTOR" },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &opt_dark, "Dark style", NULL },
  { "discover", 0, 0, G_OPTION_ARG_STRING, &opt_discover, "Find the provider of this address on the welcome page, in discovery's test network (as root)", "ADDRESS" },
  { "suffix", 0, 0, G_OPTION_ARG_STRING, &opt_suffix, "Added to the file names (e.g. -failed)", "TEXT" },
  { NULL }
};

/* ---------------------------------------------------------------------- */
/* Stand-in servers                                                         */

#define MSA_TYPE_STAND_IN_RESOLVER (msa_stand_in_resolver_get_type ())
G_DECLARE_FINAL_TYPE (MsaStandInResolver, msa_stand_in_resolver, MSA, STAND_IN_RESOLVER, GResolver)

struct _MsaStandInResolver
{
  GResolver  parent_instance;
  GResolver *fallback;
};

G_DEFINE_FINAL_TYPE (MsaStandInResolver, msa_stand_in_resolver, G_TYPE_RESOLVER)

static GList *
stand_in_addresses (void)
{
  return g_list_prepend (NULL, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));
}

static GList *
msa_stand_in_resolver_lookup_by_name (GResolver     *resolver,
                                      const char    *hostname,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  MsaStandInResolver *self = MSA_STAND_IN_RESOLVER (resolver);

  if (g_str_has_suffix (hostname, ".df.eu"))
    return stand_in_addresses ();

  return g_resolver_lookup_by_name (self->fallback, hostname, cancellable, error);
}

static void
msa_stand_in_resolver_lookup_by_name_async (GResolver           *resolver,
                                            const char          *hostname,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  GList *addresses;

  addresses = msa_stand_in_resolver_lookup_by_name (resolver, hostname, cancellable, &error);
  if (addresses != NULL)
    g_task_return_pointer (task, addresses, (GDestroyNotify) g_resolver_free_addresses);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static GList *
msa_stand_in_resolver_lookup_by_name_finish (GResolver     *resolver,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
msa_stand_in_resolver_finalize (GObject *object)
{
  g_clear_object (&MSA_STAND_IN_RESOLVER (object)->fallback);

  G_OBJECT_CLASS (msa_stand_in_resolver_parent_class)->finalize (object);
}

static void
msa_stand_in_resolver_class_init (MsaStandInResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = msa_stand_in_resolver_finalize;
  resolver_class->lookup_by_name = msa_stand_in_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = msa_stand_in_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = msa_stand_in_resolver_lookup_by_name_finish;
}

static void
msa_stand_in_resolver_init (MsaStandInResolver *self)
{
  self->fallback = g_resolver_get_default ();
}

typedef enum { STAND_IN_IMAP, STAND_IN_POP3, STAND_IN_SMTP } StandInKind;

typedef struct
{
  GTlsCertificate *certificate;
  StandInKind      kind;
} StandIn;

static void
write_line (GOutputStream *out,
            const char    *line)
{
  g_output_stream_write_all (out, line, strlen (line), NULL, NULL, NULL);
}

/* Runs in a thread of the GThreadedSocketService: blocking is fine. */
static gboolean
on_stand_in_run_cb (GThreadedSocketService *service,
                    GSocketConnection      *connection,
                    GObject                *source_object,
                    gpointer                user_data)
{
  StandIn *stand_in = user_data;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  GOutputStream *out;

  /* For a picture of the check in progress: a slow server. */
  if (opt_running)
    g_usleep (3 * G_USEC_PER_SEC);

  tls = g_tls_server_connection_new (G_IO_STREAM (connection), stand_in->certificate, NULL);
  if (tls == NULL || !g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, NULL))
    return TRUE;

  out = g_io_stream_get_output_stream (tls);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (tls));
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_ANY);

  switch (stand_in->kind)
    {
    case STAND_IN_IMAP:
      write_line (out, "* OK IMAP server ready\r\n");
      break;
    case STAND_IN_POP3:
      write_line (out, "+OK POP3 server ready\r\n");
      break;
    case STAND_IN_SMTP:
      write_line (out, "220 sslout.df.eu ESMTP ready\r\n");
      break;
    default:
      g_assert_not_reached ();
    }

  for (guint i = 0; i < 16; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);
      g_auto(GStrv) words = NULL;
      g_autofree char *answer = NULL;
      gboolean bye = FALSE;

      if (line == NULL)
        break;
      words = g_strsplit (line, " ", 3);

      if (stand_in->kind == STAND_IN_IMAP && words[0] != NULL && words[1] != NULL)
        {
          if (g_ascii_strcasecmp (words[1], "CAPABILITY") == 0)
            answer = g_strdup_printf ("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n%s OK done\r\n", words[0]);
          else if ((bye = g_ascii_strcasecmp (words[1], "LOGOUT") == 0))
            answer = g_strdup_printf ("* BYE\r\n%s OK done\r\n", words[0]);
          else
            answer = g_strdup_printf ("%s OK\r\n", words[0]);
        }
      else if (stand_in->kind == STAND_IN_POP3 && words[0] != NULL)
        {
          if (g_ascii_strcasecmp (words[0], "CAPA") == 0)
            answer = g_strdup ("+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n");
          else if ((bye = g_ascii_strcasecmp (words[0], "QUIT") == 0))
            answer = g_strdup ("+OK bye\r\n");
          else
            answer = g_strdup ("+OK\r\n");
        }
      else if (stand_in->kind == STAND_IN_SMTP && words[0] != NULL)
        {
          if (g_ascii_strcasecmp (words[0], "EHLO") == 0)
            answer = g_strdup ("250-sslout.df.eu\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 52428800\r\n");
          else if ((bye = g_ascii_strcasecmp (words[0], "QUIT") == 0))
            answer = g_strdup ("221 bye\r\n");
          else
            answer = g_strdup ("250 OK\r\n");
        }
      else
        break;

      write_line (out, answer);
      if (bye)
        break;
    }

  g_io_stream_close (tls, NULL, NULL);
  return TRUE;
}

static gboolean
run_certtool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("certtool: %s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

/* Makes a CA and a server certificate for the stand-ins in @dir; returns
 * the CA's file and the server certificate. */
static GTlsCertificate *
make_certificates (const char  *dir,
                   char       **ca_file)
{
  g_autofree char *ca_key = g_build_filename (dir, "ca.key", NULL);
  g_autofree char *ca_pem = g_build_filename (dir, "ca.pem", NULL);
  g_autofree char *ca_tmpl = g_build_filename (dir, "ca.tmpl", NULL);
  g_autofree char *key = g_build_filename (dir, "server.key", NULL);
  g_autofree char *pem = g_build_filename (dir, "server.pem", NULL);
  g_autofree char *tmpl = g_build_filename (dir, "server.tmpl", NULL);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;

  g_file_set_contents (ca_tmpl,
                       "cn = \"Screenshot Stand-in CA\"\n"
                       "ca\ncert_signing_key\nexpiration_days = 3650\n", -1, NULL);
  {
    g_autofree char *template =
      g_strdup_printf ("cn = \"sslin.df.eu\"\n"
                       "dns_name = \"sslin.df.eu\"\ndns_name = \"sslout.df.eu\"\n"
                       "tls_www_server\nsigning_key\nencryption_key\n"
                       "expiration_days = %d\n", opt_expiring ? 10 : 365);

    g_file_set_contents (tmpl, template, -1, NULL);
  }

  if (!run_certtool ((const char * const []) { "certtool", "--generate-privkey",
                                               "--outfile", ca_key, NULL }) ||
      !run_certtool ((const char * const []) { "certtool", "--generate-self-signed",
                                               "--load-privkey", ca_key,
                                               "--template", ca_tmpl,
                                               "--outfile", ca_pem, NULL }) ||
      !run_certtool ((const char * const []) { "certtool", "--generate-privkey",
                                               "--outfile", key, NULL }) ||
      !run_certtool ((const char * const []) { "certtool", "--generate-certificate",
                                               "--load-privkey", key,
                                               "--load-ca-certificate", ca_pem,
                                               "--load-ca-privkey", ca_key,
                                               "--template", tmpl,
                                               "--outfile", pem, NULL }))
    return NULL;

  certificate = g_tls_certificate_new_from_files (pem, key, &error);
  if (certificate == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }

  *ca_file = g_steal_pointer (&ca_pem);
  return certificate;
}

static gboolean
start_stand_ins (const char  *dir,
                 char       **ca_file)
{
  static const struct { guint16 port; StandInKind kind; } ports[] = {
    { 993, STAND_IN_IMAP }, { 995, STAND_IN_POP3 }, { 465, STAND_IN_SMTP },
  };
  g_autoptr(GTlsCertificate) certificate = make_certificates (dir, ca_file);
  g_autoptr(GResolver) resolver = NULL;

  if (certificate == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
    {
      /* Lives as long as the process. */
      GSocketService *service = g_threaded_socket_service_new (4);
      StandIn *stand_in = g_new0 (StandIn, 1);
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, ports[i].port);
      g_autoptr(GError) error = NULL;

      if (opt_refuse_smtp && ports[i].kind == STAND_IN_SMTP)
        continue;

      stand_in->certificate = g_object_ref (certificate);
      stand_in->kind = ports[i].kind;
      if (!g_socket_listener_add_address (G_SOCKET_LISTENER (service), address,
                                          G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                          NULL, NULL, &error))
        {
          g_printerr ("Cannot serve port %u (run in a network namespace of its own): %s\n",
                      ports[i].port, error->message);
          return FALSE;
        }
      g_signal_connect (service, "run", G_CALLBACK (on_stand_in_run_cb), stand_in);
      g_socket_service_start (service);
    }

  resolver = g_object_new (MSA_TYPE_STAND_IN_RESOLVER, NULL);
  g_resolver_set_default (resolver);

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Rendering                                                                */

/* A narrow shot is as tall as its page, within Xvfb's screen
 * (make-screenshots asks for 1280x4096). */
#define NARROW_MIN_HEIGHT 480
#define NARROW_MAX_HEIGHT 4000

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

/* Scrolled windows report a small natural height; for a narrow shot as
 * tall as the page, let them ask for all of their content. */
static void
propagate_natural_height (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SCROLLED_WINDOW (child))
        gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (child), TRUE);
      propagate_natural_height (child);
    }
}

static void
expand_all (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_EXPANDER_ROW (child))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (child), TRUE);
      if (MSA_IS_SERVER_CARD (child))
        msa_server_card_set_details_expanded (MSA_SERVER_CARD (child), TRUE);
      expand_all (child);
    }
}

/* How much taller the tallest scrolled content is than its view: more
 * than 0 when something is hidden, less than 0 when there is room left,
 * G_MININT when nothing scrolls.  Visits each widget once: the result of
 * a subtree goes into a variable before it is compared, since MAX()
 * evaluates its arguments twice and a recursive call inside it walks
 * the tree 2^depth times (a German done page, 22 levels deep, took
 * almost a thousand million calls per pass). */
static int
hidden_height (GtkWidget *widget)
{
  int hidden = G_MININT;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int below;

      if (GTK_IS_SCROLLED_WINDOW (child) && gtk_widget_get_mapped (child))
        {
          GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (child));
          int width = content != NULL ? gtk_widget_get_width (content) : 0;
          int natural = 0;

          /* Content not laid out yet says nothing (and at width 0 every
           * wrapping label would be measured a word per line). */
          if (width > 0)
            {
              gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, width,
                                  NULL, &natural, NULL, NULL);
              hidden = MAX (hidden, natural - gtk_widget_get_height (child));
            }
        }

      below = hidden_height (child);
      hidden = MAX (hidden, below);
    }

  return hidden;
}

static gboolean
save_png (GtkWidget  *window,
          const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return FALSE;

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}

static MsaWizardState *
state_for_page (const char *name,
                const char *ca_file)
{
  MsaWizardState *state = msa_wizard_state_new ();

  MsaMailClientId client = MSA_MAIL_CLIENT_THUNDERBIRD;

  if (opt_mail_client != NULL && !msa_mail_client_from_key (opt_mail_client, &client))
    g_printerr ("Unknown mail program %s\n", opt_mail_client);

  msa_wizard_state_set_incoming_protocol (state, opt_pop3 ? MSA_PROTOCOL_POP3 : MSA_PROTOCOL_IMAP);
  msa_wizard_state_set_mail_client (state, client);
  msa_wizard_state_set_email_address (state, "anna@example.com");
  msa_wizard_state_set_ca_file (state, ca_file);

  /* What a mail program from before the switch shows. */
  msa_wizard_state_set_current_incoming_host (state, "mail.df.eu");
  msa_wizard_state_set_current_incoming_port (state, 143);
  msa_wizard_state_set_current_incoming_security (state, MSA_SECURITY_PLAIN);
  msa_wizard_state_set_current_outgoing_host (state, "mail.df.eu");
  msa_wizard_state_set_current_outgoing_port (state, 25);
  msa_wizard_state_set_current_outgoing_security (state, MSA_SECURITY_PLAIN);

  return state;
}

static gboolean
shoot_page (GtkApplication *app,
            guint           index,
            const char     *ca_file)
{
  g_autoptr(MsaWizardState) state = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  MsaWindow *window;
  const char *name;
  MsaPage *page;
  gboolean ok;
  int target_w = opt_narrow ? 360 : opt_width;
  int target_h = opt_narrow ? 720 : opt_height;
  int extra_w;
  int extra_h;

  /* A window only to learn the page's name. */
  window = msa_window_new (app, NULL);
  name = msa_window_get_page_name (window, index);
  file_name = g_strdup_printf ("%s-%s%s%s.png", name, opt_lang, opt_narrow ? "-narrow" : "",
                               opt_suffix != NULL ? opt_suffix : "");
  state = state_for_page (name, ca_file);
  if (opt_discover != NULL)
    g_object_set (state, "ispdb-url", MSA_TEST_DISCOVERY_ISPDB_URL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));

  window = msa_window_new (app, state);
  gtk_window_set_default_size (GTK_WINDOW (window), target_w, target_h);
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (300);

  /* The default size counts the window's frame; make the picture itself
   * the size asked for. */
  extra_w = target_w - gtk_widget_get_width (GTK_WIDGET (window));
  extra_h = target_h - gtk_widget_get_height (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), target_w + extra_w, target_h + extra_h);
  wait_ms (300);

  msa_window_set_page_index (window, index);
  page = msa_window_get_page (window, index);

  if (opt_discover != NULL && MSA_IS_WELCOME_PAGE (page))
    {
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      msa_welcome_page_discover (MSA_WELCOME_PAGE (page), opt_discover);
      while (msa_welcome_page_get_discovering (MSA_WELCOME_PAGE (page)) &&
             g_get_monotonic_time () < deadline && !opt_running)
        wait_ms (50);
    }

  /* The check page: wait for the real result. */
  if (opt_running)
    wait_ms (700);
  else if (MSA_IS_CHECK_PAGE (page))
    {
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      while (msa_check_page_get_running (MSA_CHECK_PAGE (page)) &&
             g_get_monotonic_time () < deadline)
        wait_ms (50);
    }
  if (opt_expand)
    expand_all (GTK_WIDGET (page));
  if (!opt_running)
    wait_ms (800);

  if (opt_narrow)
    {
      int natural = 0;
      int height;

      propagate_natural_height (GTK_WIDGET (window));
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, 360,
                          NULL, &natural, NULL, NULL);
      height = CLAMP (natural, NARROW_MIN_HEIGHT, NARROW_MAX_HEIGHT);
      gtk_window_set_default_size (GTK_WINDOW (window), 360 + extra_w, height + extra_h);
      wait_ms (500);

      /* Measuring the window is not the last word (labels wrap
       * differently once allocated): fit the window to the scrolled
       * content until nothing is hidden and no room is left.  A few
       * tries at most, within the screen's height, and no further once
       * a try no longer changes the window (content that grows with its
       * view, or a height the window manager will not give). */
      for (guint i = 0; i < 6; i++)
        {
          int hidden = hidden_height (GTK_WIDGET (window));
          int current = gtk_widget_get_height (GTK_WIDGET (window));
          int wanted;

          if (hidden == 0 || hidden == G_MININT)
            break;
          wanted = CLAMP (current + hidden, NARROW_MIN_HEIGHT, NARROW_MAX_HEIGHT);
          if (wanted == current)
            break;
          gtk_window_set_default_size (GTK_WINDOW (window), 360 + extra_w, wanted + extra_h);
          wait_ms (500);
          if (gtk_widget_get_height (GTK_WIDGET (window)) == current)
            break;
        }
    }

  path = g_build_filename (opt_output_dir, file_name, NULL);
  ok = save_png (GTK_WIDGET (window), path);
  g_print ("%s %dx%d %s\n", path, gtk_widget_get_width (GTK_WIDGET (window)),
           gtk_widget_get_height (GTK_WIDGET (window)), ok ? "ok" : "FAILED");

  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (100);

  return ok;
}

static int status = 0;
static char *stand_in_ca_file = NULL;

static void
on_activate_cb (GtkApplication *app)
{
  /* GNOME's title bar buttons (close only), not the three that GTK falls
   * back to without a desktop's settings. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  if (opt_text_scale != 1.0)
    g_object_set (gtk_settings_get_default (), "gtk-xft-dpi",
                  (int) (opt_text_scale * 96 * 1024), NULL);
  if (opt_dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  g_autoptr(MsaWindow) probe = g_object_ref_sink (msa_window_new (app, NULL));
  guint n_pages = msa_window_get_n_pages (probe);
  gboolean found = FALSE;

  g_application_hold (G_APPLICATION (app));

  for (guint i = 0; i < n_pages; i++)
    {
      const char *name = msa_window_get_page_name (probe, i);

      if (opt_page != NULL && !g_str_equal (opt_page, name))
        continue;
      found = TRUE;
      if (!shoot_page (app, i, stand_in_ca_file))
        status = 1;
    }
  gtk_window_destroy (GTK_WINDOW (probe));

  if (!found)
    {
      g_printerr ("No page named %s\n", opt_page);
      status = 2;
    }

  g_application_release (G_APPLICATION (app));
  g_application_quit (G_APPLICATION (app));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- render the wizard's pages to PNG");
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autofree char *tmp_dir = NULL;
  char *app_argv[] = { argv[0], NULL };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_lang == NULL)
    opt_lang = g_strdup ("en");
  if (opt_output_dir == NULL)
    opt_output_dir = g_strdup (".");

  /* One language per run: gettext reads LANGUAGE at the first lookup. */
  g_setenv ("LANGUAGE", opt_lang, TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, MSA_SCREENSHOT_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (opt_discover != NULL)
    {
      if (!msa_test_netns_enter (&error) || !msa_test_discovery_net_start (&error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      stand_in_ca_file = g_strdup (msa_test_servers_get_ca_file (msa_test_discovery_net_get_servers ()));
    }

  if (opt_stand_ins)
    {
      tmp_dir = g_dir_make_tmp ("msa-screenshot-XXXXXX", &error);
      if (tmp_dir == NULL || !start_stand_ins (tmp_dir, &stand_in_ca_file))
        return 1;
    }

  g_assert_nonnull (msa_ui_get_resource ());
  app = adw_application_new ("io.github.mailssl.Assistant.Screenshot",
                             G_APPLICATION_NON_UNIQUE);
  g_object_set (app, "resource-base-path", RESOURCE_BASE, NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  g_application_run (G_APPLICATION (app), 1, app_argv);

  if (opt_discover != NULL)
    msa_test_discovery_net_stop ();
  return status;
}
