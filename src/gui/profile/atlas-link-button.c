/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The profile's link buttons: shown only for a web link, whose address the
 * tooltip gives; clicking opens it in the browser. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-link-button.h"
#include "atlas-profile-private.h"

struct _AtlasLinkButton
{
  GtkButton  parent_instance;

  char      *uri;  /* NULL unless a web link */
};

G_DEFINE_FINAL_TYPE (AtlasLinkButton, atlas_link_button, GTK_TYPE_BUTTON)

static void
atlas_link_button_clicked (GtkButton *button)
{
  AtlasLinkButton *self = ATLAS_LINK_BUTTON (button);

  atlas_profile_open_link (GTK_WIDGET (self), self->uri);
}

static void
atlas_link_button_finalize (GObject *object)
{
  AtlasLinkButton *self = ATLAS_LINK_BUTTON (object);

  g_clear_pointer (&self->uri, g_free);

  G_OBJECT_CLASS (atlas_link_button_parent_class)->finalize (object);
}

static void
atlas_link_button_class_init (AtlasLinkButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkButtonClass *button_class = GTK_BUTTON_CLASS (klass);

  object_class->finalize = atlas_link_button_finalize;
  button_class->clicked = atlas_link_button_clicked;
}

static void
atlas_link_button_init (AtlasLinkButton *self)
{
  gtk_button_set_icon_name (GTK_BUTTON (self), "web-browser-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open Link"),
                                  -1);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
}

GtkWidget *
atlas_link_button_new (const char *uri)
{
  AtlasLinkButton *self = g_object_new (ATLAS_TYPE_LINK_BUTTON, NULL);

  atlas_link_button_set_uri (self, uri);
  return GTK_WIDGET (self);
}

const char *
atlas_link_button_get_uri (AtlasLinkButton *self)
{
  g_return_val_if_fail (ATLAS_IS_LINK_BUTTON (self), NULL);

  return self->uri;
}

void
atlas_link_button_set_uri (AtlasLinkButton *self,
                           const char      *uri)
{
  gboolean web = atlas_format_is_web_link (uri);
  g_autofree char *tooltip = NULL;

  g_return_if_fail (ATLAS_IS_LINK_BUTTON (self));

  g_free (self->uri);
  self->uri = web ? g_strdup (uri) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), web);
  if (!web)
    return;

  /* Translators: %s is a web address */
  tooltip = g_strdup_printf (_("Open %s in the browser"), uri);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
}
