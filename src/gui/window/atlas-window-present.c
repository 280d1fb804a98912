/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Presentation mode: the map alone, full screen, with large labels and a
 * caption naming the partner on show, for a projector at the end of a
 * meeting room. It is driven from the keyboard (or a presenter's clicker,
 * which sends Page Up and Page Down): next and previous partner, lens by
 * number, the whole world, legend on or off, Escape to leave. The panels'
 * own settings are left as they were, so leaving restores the window,
 * the editor included. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-map-view.h"
#include "atlas-window-private.h"

/* Labels on the map grow by this much; the legend and caption follow the
 * style sheet (window.presentation in style.css). */
#define PRESENTATION_TEXT_SCALE 2.0
/* Below this map height, the legend and caption take a smaller size. */
#define PRESENTATION_COMPACT_HEIGHT 1000
/* How long the key hint stays on screen after entering. */
#define HINT_SECONDS 6

static void
update_caption (AtlasWindow *self)
{
  AtlasLens *lens = NULL;
  AtlasPartner *partner = NULL;
  AtlasCategory *category = NULL;
  const char *category_id = NULL;

  AtlasDataset *shown = atlas_window_get_shown_dataset (self);

  if (!self->presenting || atlas_window_get_dataset (self) == NULL)
    return;

  /* As of a past date, what the map shows then (atlas-window-time.c). */
  if (self->lens_id != NULL)
    lens = atlas_dataset_find_lens (shown, self->lens_id);
  if (self->selected_id != NULL)
    partner = atlas_dataset_find_partner (shown, self->selected_id);
  if (partner != NULL && lens != NULL)
    category_id = atlas_partner_get_indicator (partner, atlas_lens_get_id (lens));
  if (category_id != NULL)
    category = atlas_lens_find_category (lens, category_id);

  if (partner == NULL)
    {
      /* The lens is the story when no partner is picked. */
      gtk_label_set_text (self->presentation_title,
                          lens ? atlas_lens_get_name (lens) : atlas_dataset_get_title (atlas_window_get_dataset (self)));
      gtk_label_set_text (self->presentation_category, atlas_dataset_get_title (atlas_window_get_dataset (self)));
      gtk_widget_set_visible (GTK_WIDGET (self->presentation_swatch), FALSE);
    }
  else
    {
      g_autofree char *line = NULL;

      /* Translators: "<lens>: <category>", e.g. "Depth of cooperation: Mature" */
      line = g_strdup_printf (_("%s: %s"),
                              lens ? atlas_lens_get_name (lens) : "",
                              category ? atlas_category_get_name (category)
                                       : atlas_lens_get_empty_label (lens, atlas_dataset_get_as_of (atlas_window_get_dataset (self))));
      gtk_label_set_text (self->presentation_title, atlas_partner_get_display_name (partner));
      gtk_label_set_text (self->presentation_category, line);
      gtk_widget_set_visible (GTK_WIDGET (self->presentation_swatch), TRUE);
      atlas_swatch_set_color (self->presentation_swatch,
                              category ? (gint64) atlas_category_get_color (category) : -1);
    }
}

/* The caption (top) and the legend (lower left) cover part of the map: a
 * partner flown to is framed in the rest, so that neither hides it; the
 * whole world is fitted below the caption (@legend_too FALSE: the
 * legend's corner of the world is mostly sea; fitted above the legend too,
 * the world would be a third smaller on a 1024×768 projector). The
 * caption's height is measured for its text now, before it is laid out. */
static void
update_fit_insets (AtlasWindow *self,
                   gboolean     legend_too)
{
  GtkWidget *map = GTK_WIDGET (self->map_view);
  GtkWidget *legend = atlas_map_view_get_legend (self->map_view);
  GtkBorder insets = { 0 };
  graphene_rect_t bounds;
  int margin = 12;

  if (!self->presenting)
    {
      atlas_map_view_set_fit_insets (self->map_view, NULL);
      return;
    }

  if (gtk_widget_get_visible (self->presentation_caption) &&
      gtk_widget_compute_bounds (self->presentation_caption, map, &bounds))
    {
      int natural = 0;

      gtk_widget_measure (self->presentation_caption, GTK_ORIENTATION_VERTICAL,
                          MAX ((int) bounds.size.width, 1), NULL, &natural, NULL, NULL);
      insets.top = (gint16) CLAMP (bounds.origin.y + MAX (natural, bounds.size.height) + margin, 0, G_MAXINT16);
    }

  /* The legend's box, around its rows */
  while (legend != NULL && !gtk_widget_has_css_class (legend, "atlas-map-legend"))
    legend = gtk_widget_get_parent (legend);
  if (legend_too && legend != NULL && atlas_map_view_get_legend_visible (self->map_view) && gtk_widget_get_mapped (legend) &&
      gtk_widget_compute_bounds (legend, map, &bounds))
    insets.bottom = (gint16) CLAMP (gtk_widget_get_height (map) - bounds.origin.y + margin, 0, G_MAXINT16);

  atlas_map_view_set_fit_insets (self->map_view, &insets);
}

/* On a projector the partner named must be the one in view, whoever
 * picked it (the keys, the list before entering, a click). */
static void
selected_id_changed_cb (AtlasWindow *self)
{
  if (!self->presenting)
    return;

  update_caption (self);
  if (self->selected_id != NULL)
    {
      update_fit_insets (self, TRUE);
      atlas_map_view_fly_to (self->map_view, self->selected_id);
    }
}

static gboolean
hide_hint_cb (gpointer user_data)
{
  AtlasWindow *self = user_data;

  self->presentation_hint_id = 0;
  gtk_revealer_set_reveal_child (self->presentation_hint_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

/* Shows the whole world once the map has its full-screen size. */
static gboolean
fit_world_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  AtlasWindow *self = ATLAS_WINDOW (user_data);

  if (gtk_widget_get_width (widget) == self->presentation_start_width &&
      ++self->presentation_frames < 30)
    return G_SOURCE_CONTINUE;

  self->presentation_tick_id = 0;

  /* A 1024×768 projector has no room for the 1080p legend. */
  if (self->presenting && gtk_widget_get_height (widget) < PRESENTATION_COMPACT_HEIGHT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "presentation-compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation-compact");

  /* Leaving puts the map back where the user had it. */
  if (!self->presenting && self->presentation_restore_camera)
    atlas_map_view_set_camera (self->map_view, self->presentation_camera[0],
                               self->presentation_camera[1], self->presentation_camera[2]);
  else if (self->selected_id != NULL)
    {
      update_fit_insets (self, TRUE);
      atlas_map_view_fly_to (self->map_view, self->selected_id);
    }
  else
    {
      update_fit_insets (self, FALSE);
      atlas_map_view_show_world (self->map_view);
    }
  self->presentation_restore_camera = FALSE;
  return G_SOURCE_REMOVE;
}

/* Hatch patterns, the legend and the lens may change while presenting,
 * for the room; none of it is saved, and leaving puts back the settings,
 * the selection and the camera as they were. */
static void
save_state (AtlasWindow *self)
{
  g_free (self->presentation_saved_lens);
  self->presentation_saved_lens = g_strdup (self->lens_id);
  g_free (self->presentation_saved_selected);
  self->presentation_saved_selected = g_strdup (self->selected_id);
  self->presentation_saved_hatch = atlas_map_view_get_hatch_patterns (self->map_view);
  self->presentation_saved_legend = atlas_map_view_get_legend_visible (self->map_view);
  atlas_map_view_get_camera (self->map_view, &self->presentation_camera[0],
                             &self->presentation_camera[1], &self->presentation_camera[2]);
  /* Equal Earth, without tiles, for the room */
  atlas_map_view_set_presenting (self->map_view, TRUE);

  /* The map's settings stop following the map until presentation ends. */
  g_settings_unbind (self->map_view, "hatch-patterns");
  g_settings_unbind (self->map_view, "legend-visible");
}

static void
restore_state (AtlasWindow *self)
{
  GSettings *settings = atlas_window_get_settings (self);

  atlas_map_view_set_presenting (self->map_view, FALSE);
  atlas_map_view_set_hatch_patterns (self->map_view, self->presentation_saved_hatch);
  atlas_map_view_set_legend_visible (self->map_view, self->presentation_saved_legend);
  if (settings != NULL && self->settings_bound)
    {
      g_settings_bind (settings, "legend-visible", self->map_view, "legend-visible",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "hatch-patterns", self->map_view, "hatch-patterns",
                       G_SETTINGS_BIND_DEFAULT);
    }
  atlas_window_set_lens_id (self, self->presentation_saved_lens);
  atlas_window_set_selected_id (self, self->presentation_saved_selected);
  g_clear_pointer (&self->presentation_saved_lens, g_free);
  g_clear_pointer (&self->presentation_saved_selected, g_free);
  self->presentation_restore_camera = TRUE;
}

static void
set_presenting (AtlasWindow *self,
                gboolean     presenting)
{
  GtkWidget *sidebar = adw_flap_get_flap (self->flap);
  GtkWidget *profile = adw_flap_get_flap (self->profile_flap);
  GtkWidget *map = GTK_WIDGET (self->map_view);

  if (self->presenting == presenting || (presenting && atlas_window_get_dataset (self) == NULL))
    return;

  if (presenting)
    {
      /* Entering ends editing; the changes are kept and undoable, and
       * leaving opens the editor again. */
      self->presentation_saved_editing = atlas_profile_view_get_editing (self->profile_view);
      atlas_profile_view_set_editing (self->profile_view, FALSE);
      save_state (self);
    }
  self->presenting = presenting;
  if (!presenting)
    {
      update_fit_insets (self, FALSE);
      restore_state (self);
    }
  g_clear_handle_id (&self->presentation_hint_id, g_source_remove);

  /* Hiding the flaps' children, not unrevealing them, keeps the user's
   * panel settings (bound to reveal-flap) untouched. */
  if (presenting)
    {
      self->presentation_saved_flap = sidebar && gtk_widget_get_visible (sidebar);
      self->presentation_saved_profile = profile && gtk_widget_get_visible (profile);
    }
  if (sidebar != NULL)
    gtk_widget_set_visible (sidebar, presenting ? FALSE : self->presentation_saved_flap);
  if (profile != NULL)
    gtk_widget_set_visible (profile, presenting ? FALSE : self->presentation_saved_profile);
  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), !presenting);
  gtk_widget_set_visible (self->presentation_caption, presenting);
  atlas_map_view_set_text_scale (self->map_view, presenting ? PRESENTATION_TEXT_SCALE : 1.0);

  if (presenting)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
      update_caption (self);
      gtk_revealer_set_reveal_child (self->presentation_hint_revealer, TRUE);
      self->presentation_hint_id = g_timeout_add_seconds (HINT_SECONDS, hide_hint_cb, self);
      gtk_widget_grab_focus (map);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation-compact");
      gtk_window_unfullscreen (GTK_WINDOW (self));
      gtk_revealer_set_reveal_child (self->presentation_hint_revealer, FALSE);
      /* The editor closed on entering opens again on the same partner, its
       * panel shown again, as the user left it (what was changed in it
       * stayed, undoable). */
      if (self->presentation_saved_editing && self->selected_id != NULL)
        atlas_profile_view_set_editing (self->profile_view, TRUE);
      self->presentation_saved_editing = FALSE;
    }

  /* Entering and leaving again before the size came: one callback is enough. */
  if (self->presentation_tick_id != 0)
    gtk_widget_remove_tick_callback (map, self->presentation_tick_id);
  self->presentation_start_width = gtk_widget_get_width (map);
  self->presentation_frames = 0;
  self->presentation_tick_id = gtk_widget_add_tick_callback (map, fit_world_tick_cb, self, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", presenting);
}

static void
presentation_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  set_presenting (self, !self->presenting);
}

static void
leave_presentation_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  set_presenting (ATLAS_WINDOW (widget), FALSE);
}

/* Runs before any child sees the key, and only while presenting: the
 * room's remote sends Page Up/Down, a laptop's arrows do the same. */
static gboolean
presentation_key_pressed_cb (GtkEventControllerKey *controller,
                             guint                  keyval,
                             guint                  keycode,
                             GdkModifierType        state,
                             AtlasWindow           *self)
{
  GtkWidget *map = GTK_WIDGET (self->map_view);

  if (!self->presenting || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      set_presenting (self, FALSE);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_Page_Down:
    case GDK_KEY_space:
    case GDK_KEY_n:
      gtk_widget_activate_action (map, "map.next-partner", NULL);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_Page_Up:
    case GDK_KEY_BackSpace:
    case GDK_KEY_p:
      gtk_widget_activate_action (map, "map.previous-partner", NULL);
      return TRUE;
    case GDK_KEY_Home:
      atlas_window_set_selected_id (self, NULL);
      update_fit_insets (self, FALSE);
      atlas_map_view_show_world (self->map_view);
      return TRUE;
    case GDK_KEY_l:
      atlas_map_view_set_legend_visible (self->map_view,
                                         !atlas_map_view_get_legend_visible (self->map_view));
      return TRUE;
    case GDK_KEY_h:
      atlas_map_view_set_hatch_patterns (self->map_view,
                                         !atlas_map_view_get_hatch_patterns (self->map_view));
      return TRUE;
    /* Time (atlas-window-time.c): step through the dated changes, play the years. */
    case GDK_KEY_bracketleft:
    case GDK_KEY_bracketright:
      _atlas_window_time_present_step (self, keyval == GDK_KEY_bracketright);
      return TRUE;
    case GDK_KEY_P:
      _atlas_window_time_toggle_play (self);
      return TRUE;
    default:
      return FALSE;
    }
}

void
_atlas_window_present_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (ATLAS_TYPE_SWATCH);

  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, presentation_caption);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, presentation_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, presentation_category);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, presentation_swatch);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, presentation_hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, presentation_keys);

  gtk_widget_class_install_action (widget_class, "win.presentation", NULL, presentation_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
  gtk_widget_class_install_action (widget_class, "win.leave-presentation", NULL,
                                   leave_presentation_action);
}

void
_atlas_window_present_init (AtlasWindow *self)
{
  g_signal_connect (self->presentation_keys, "key-pressed",
                    G_CALLBACK (presentation_key_pressed_cb), self);

  g_signal_connect_swapped (self, "notify::selected-id", G_CALLBACK (selected_id_changed_cb), self);
  g_signal_connect_swapped (self, "notify::lens-id", G_CALLBACK (update_caption), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-presentation", FALSE);
}

gboolean
atlas_window_get_presenting (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  return self->presenting;
}

gboolean
atlas_window_get_presentation_framed (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  return self->presentation_tick_id == 0;
}

void
atlas_window_set_presenting (AtlasWindow *self,
                             gboolean     presenting)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));

  set_presenting (self, !!presenting);
}
