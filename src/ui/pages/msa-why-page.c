/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "msa-why-page-private.h"

#include "msa-accessible.h"
#include "widgets/msa-text-block.h"

struct _MsaWhyPage
{
  MsaPage     parent_instance;

  /* Template children */
  GtkPicture *open_picture;
  GtkPicture *locked_picture;
  GtkBox     *changes_box;
  GtkLabel   *provider_label;
};

G_DEFINE_FINAL_TYPE (MsaWhyPage, msa_why_page, MSA_TYPE_PAGE)

/* SVGs are drawn as pictures, which CSS cannot recolour: each comes in a
 * light and a dark variant, chosen by the style manager. */
static void
update_pictures (MsaWhyPage *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const char *variant = dark ? "dark" : "light";
  g_autofree char *open_path = g_strdup_printf (RESOURCE_BASE "/pictures/why-open-%s.svg", variant);
  g_autofree char *locked_path = g_strdup_printf (RESOURCE_BASE "/pictures/why-locked-%s.svg", variant);

  gtk_picture_set_resource (self->open_picture, open_path);
  gtk_picture_set_resource (self->locked_picture, locked_path);
}

/* A bullet with a hanging indent: wrapped lines start under the text,
 * not under the bullet. */
static void
add_bullet (MsaWhyPage *self,
            const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bullet = gtk_label_new ("•");
  GtkWidget *label = gtk_label_new (text);
  /* The box asks the text its width at a height, which a wrapping label
   * answers by laying itself out at width after width; a text block
   * answers at once (msa-text-layout.c). */
  GtkWidget *block = msa_text_block_new (0);

  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  msa_accessible_hide (bullet);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (block, TRUE);
  msa_text_block_append (MSA_TEXT_BLOCK (block), label);
  gtk_box_append (GTK_BOX (box), bullet);
  gtk_box_append (GTK_BOX (box), block);
  gtk_box_append (self->changes_box, box);
}

static void
update_text (MsaWhyPage *self)
{
  MsaWizardState *state = msa_page_get_state (MSA_PAGE (self));
  MsaServer *incoming, *outgoing;
  MsaMailClientId client;
  GtkWidget *old;
  g_autofree char *servers = NULL;
  g_autofree char *option = NULL;
  g_autofree char *ports = NULL;
  g_autofree char *old_ports = NULL;

  if (state == NULL)
    return;

  incoming = msa_wizard_state_get_incoming_server (state);
  outgoing = msa_wizard_state_get_outgoing_server (state);
  client = msa_wizard_state_get_mail_client (state);

  if (incoming != NULL && outgoing != NULL)
    /* Translators: %s are server names, e.g. "sslin.df.eu" and "sslout.df.eu" */
    servers = g_strdup_printf (_("The server names: %s for incoming and %s for outgoing mail."),
                               msa_server_get_hostname (incoming),
                               msa_server_get_hostname (outgoing));
  else
    servers = g_strdup (_("The server names: your provider’s names for its encrypted servers."));

  if (client == MSA_MAIL_CLIENT_OTHER)
    option = g_strdup (_("The option for encryption: your program may call it “SSL”, "
                         "“Use SSL”, “Enable SSL” or “SSL/TLS”. Choose SSL/TLS, not STARTTLS."));
  else
    {
      /* e.g. "set “Connection security” to “SSL/TLS”", or for a check box
       * "tick the option “Use TLS/SSL”" (that description has its quotes) */
      g_autofree char *instruction = msa_mail_client_dup_ssl_instruction (client);

      /* Translators: 1st %s is the program's name, 2nd what to do there,
       * quotes included, e.g. "in Thunderbird, set “Connection security”
       * to “SSL/TLS”" or "in Apple Mail, tick the option “Use TLS/SSL”" */
      option = g_strdup_printf (_("The option for encryption: in %s, %s."),
                                msa_mail_client_get_name (client), instruction);
    }

  if (incoming != NULL && outgoing != NULL)
    {
      gboolean imap = msa_server_get_protocol (incoming) == MSA_PROTOCOL_IMAP;

      /* Translators: %u are port numbers, e.g. 993 and 465; %s is 143 or 110 */
      ports = g_strdup_printf (_("The port: %u for incoming and %u for outgoing mail. Most programs "
                                 "change it by themselves when you choose SSL; if %s or 25/587 "
                                 "is still shown, change it by hand."),
                               msa_server_get_port (incoming), msa_server_get_port (outgoing),
                               imap ? "143" : "110");
    }

  while ((old = gtk_widget_get_first_child (GTK_WIDGET (self->changes_box))) != NULL)
    gtk_box_remove (self->changes_box, old);
  add_bullet (self, servers);
  add_bullet (self, option);
  if (ports != NULL)
    add_bullet (self, ports);

  if (msa_wizard_state_get_builtin_profile (state))
    gtk_label_set_text (self->provider_label,
                        _("domainFACTORY recommends encryption but does not enforce it: your "
                          "program keeps working unencrypted until you change it. Webmail in "
                          "the browser is always encrypted."));
  gtk_widget_set_visible (GTK_WIDGET (self->provider_label),
                          msa_wizard_state_get_builtin_profile (state));
}

static void
msa_why_page_shown (MsaPage *page)
{
  update_text (MSA_WHY_PAGE (page));
}

static void
connect_state (MsaWhyPage *self)
{
  update_text (self);
}

static void
msa_why_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MSA_TYPE_WHY_PAGE);

  G_OBJECT_CLASS (msa_why_page_parent_class)->dispose (object);
}

/* The state is construct-only (MsaPage:state): connect to it once. */
static void
msa_why_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (msa_why_page_parent_class)->constructed (object);

  connect_state (MSA_WHY_PAGE (object));
}

static void
msa_why_page_class_init (MsaWhyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MsaPageClass *page_class = MSA_PAGE_CLASS (klass);

  object_class->constructed = msa_why_page_constructed;
  object_class->dispose = msa_why_page_dispose;
  page_class->shown = msa_why_page_shown;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pages/msa-why-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MsaWhyPage, open_picture);
  gtk_widget_class_bind_template_child (widget_class, MsaWhyPage, locked_picture);
  gtk_widget_class_bind_template_child (widget_class, MsaWhyPage, changes_box);
  gtk_widget_class_bind_template_child (widget_class, MsaWhyPage, provider_label);
}

static void
msa_why_page_init (MsaWhyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* A picture's words are its name, not only its description. */
  msa_accessible_set_label (GTK_WIDGET (self->open_picture),
                            gtk_picture_get_alternative_text (self->open_picture));
  msa_accessible_set_label (GTK_WIDGET (self->locked_picture),
                            gtk_picture_get_alternative_text (self->locked_picture));

  update_pictures (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_pictures), self, G_CONNECT_SWAPPED);
  msa_page_set_complete (MSA_PAGE (self), TRUE);
}

/**
 * msa_why_page_new:
 * @state: (nullable): the wizard state the page shows; %NULL for its own
 *
 * Returns: (transfer floating): a new explanation page
 */
GtkWidget *
msa_why_page_new (MsaWizardState *state)
{
  return g_object_new (MSA_TYPE_WHY_PAGE, "state", state, NULL);
}

/**
 * msa_why_page_dup_changes:
 * @self: a #MsaWhyPage
 *
 * Returns: (transfer full): the list of what changes, as shown, one
 *   item per line
 */
char *
msa_why_page_dup_changes (MsaWhyPage *self)
{
  GString *text;

  g_return_val_if_fail (MSA_IS_WHY_PAGE (self), NULL);

  text = g_string_new (NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->changes_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      /* bullet, then the text block holding the text */
      GtkWidget *block = gtk_widget_get_last_child (row);

      g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (block))));
    }

  return g_string_free (text, FALSE);
}
