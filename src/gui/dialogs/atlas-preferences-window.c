/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Preferences: the map's options, each a GSettings key, so every window
 * follows at once and the choice survives a restart. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-preferences-window.h"

struct _AtlasPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkSwitch            *legend_switch;
  GtkSwitch            *hatch_switch;
  GtkSwitch            *tiles_switch;
};

G_DEFINE_FINAL_TYPE (AtlasPreferencesWindow, atlas_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
atlas_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATLAS_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (atlas_preferences_window_parent_class)->dispose (object);
}

static void
atlas_preferences_window_class_init (AtlasPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/atlas-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, hatch_switch);
  gtk_widget_class_bind_template_child (widget_class, AtlasPreferencesWindow, tiles_switch);
}

static void
atlas_preferences_window_init (AtlasPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
atlas_preferences_window_new (GtkWindow *parent,
                              GSettings *settings)
{
  AtlasPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ATLAS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  g_settings_bind (settings, "legend-visible", self->legend_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "hatch-patterns", self->hatch_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "online-tiles", self->tiles_switch, "active", G_SETTINGS_BIND_DEFAULT);

  return GTK_WIDGET (self);
}
