/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The map view puts together the ShumateMap, the offline world layer (and
 * optionally OpenStreetMap tiles under it) and the legend, and does what the
 * user does with them: hover, click, keys. It keeps the view on one world:
 * never zoomed out past the point where the world fills the view, never
 * panned past its edges, so there is one copy of every country and no
 * repeated worlds beside it (a view of another shape than the world's shows
 * sea around it).
 *
 * This file holds the widget, its input and its API; the view's geometry
 * and moves are in atlas-map-view-camera.c, the colouring's legend in
 * atlas-map-view-legend.c, sharing atlas-map-view-parts.h. */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "atlas-core.h"
#include "atlas-geo.h"
#include "atlas-map-paint.h"
#include "atlas-map-view-parts.h"
#include "atlas-map-view.h"
#include "atlas-offline-source.h"
#include "atlas-world-layer.h"

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LENS_ID,
  PROP_SELECTED_ID,
  PROP_HATCH_PATTERNS,
  PROP_LEGEND_VISIBLE,
  PROP_ONLINE_TILES,
  PROP_TEXT_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasMapView, atlas_map_view, GTK_TYPE_WIDGET)

static void
viewport_changed_cb (AtlasMapView    *self,
                     GParamSpec      *pspec,
                     ShumateViewport *viewport)
{
  _atlas_map_view_clamp_view (self);
  if (!self->clamping)
    self->at_world = _atlas_map_view_shows_world (self);
}

/* Web Mercator only under OpenStreetMap's tiles (they are drawn in it);
 * Equal Earth otherwise, and always when presenting. The view keeps its
 * place on the Earth across a switch. */
static void
update_projection (AtlasMapView *self)
{
  AtlasMapProjection wanted = self->tile_layer != NULL && !self->presenting
                              ? ATLAS_MAP_PROJECTION_MERCATOR : ATLAS_MAP_PROJECTION_EQUAL_EARTH;
  gboolean whole_world = self->at_world;
  double u, v, mx, my;

  if (self->tile_layer != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->tile_layer), !self->presenting);
  if (_atlas_map_view_projection (self) == wanted)
    return;
  _atlas_map_view_view_center (self, &u, &v);
  if (!atlas_map_from_plane (_atlas_map_view_projection (self), u, v, &mx, &my))
    atlas_map_from_plane (_atlas_map_view_projection (self), 0.5, 0.5, &mx, &my);
  atlas_world_layer_set_projection (self->world_layer, wanted);
  if (whole_world || !self->homed)
    _atlas_map_view_show_world (self, FALSE);
  else
    {
      double lon, lat;

      atlas_map_to_plane (wanted, mx, my, &u, &v);
      atlas_geo_map_to_lonlat (u, v, &lon, &lat);
      shumate_map_stop_go_to (self->map);
      self->flying = FALSE;
      shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
      _atlas_map_view_clamp_view (self);
    }
}

static void
update_flags (AtlasMapView *self)
{
  AtlasMapPaintFlags flags = ATLAS_MAP_PAINT_NONE;

  if (self->hatch_patterns)
    flags |= ATLAS_MAP_PAINT_HATCH;
  if (self->tile_layer != NULL && !self->presenting)
    flags |= ATLAS_MAP_PAINT_NO_OCEAN | ATLAS_MAP_PAINT_TRANSLUCENT;
  /* Around the world, the window's own dark background */
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    flags |= ATLAS_MAP_PAINT_DARK;
  atlas_world_layer_set_flags (self->world_layer, flags);
}

static void
update_selection_outline (AtlasMapView *self)
{
  atlas_world_layer_set_selected (self->world_layer,
                                  atlas_world_find_country (self->world, self->selected_id));
}

static void
transition_value_cb (double        value,
                     AtlasMapView *self)
{
  g_autoptr(AtlasMapColoring) blend = NULL;

  if (self->transition_from == NULL || self->coloring == NULL)
    return;
  blend = atlas_map_coloring_new_blend (self->transition_from, self->coloring, value);
  atlas_world_layer_set_coloring (self->world_layer, blend);
}

static void
transition_done_cb (AtlasMapView *self)
{
  g_clear_pointer (&self->transition_from, atlas_map_coloring_unref);
  atlas_world_layer_set_coloring (self->world_layer, self->coloring);
}

static void
recolor (AtlasMapView *self)
{
  g_autoptr(AtlasMapColoring) shown = NULL;
  AtlasMapColoring *on_show = atlas_world_layer_get_coloring (self->world_layer);
  AtlasLens *old_lens = self->coloring ? atlas_map_coloring_get_lens (self->coloring) : NULL;

  /* What is on show now, mid-fade too, is where a new fade starts. */
  if (on_show != NULL)
    shown = atlas_map_coloring_ref (on_show);
  if (self->transition != NULL)
    adw_animation_reset (self->transition);
  g_clear_pointer (&self->transition_from, atlas_map_coloring_unref);

  g_clear_pointer (&self->coloring, atlas_map_coloring_unref);
  if (self->dataset != NULL)
    self->coloring = atlas_map_coloring_new (self->world, self->dataset, self->lens_id);

  /* A step in time fades the colours, on the same lens; anything else (or
   * with animations off: libadwaita skips to the end) shows at once. */
  if (self->animate_next && shown != NULL && self->coloring != NULL &&
      old_lens != NULL && old_lens == atlas_map_coloring_get_lens (self->coloring))
    {
      self->transition_from = g_steal_pointer (&shown);
      if (self->transition == NULL)
        {
          AdwAnimationTarget *target =
            adw_callback_animation_target_new ((AdwAnimationTargetFunc) transition_value_cb,
                                               self, NULL);

          self->transition = adw_timed_animation_new (GTK_WIDGET (self), 0.0, 1.0,
                                                      ATLAS_MAP_VIEW_FADE_MS, target);
          adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->transition),
                                          ADW_EASE_IN_OUT_CUBIC);
          g_signal_connect_swapped (self->transition, "done", G_CALLBACK (transition_done_cb), self);
        }
      adw_animation_play (self->transition);
    }
  else
    atlas_world_layer_set_coloring (self->world_layer, self->coloring);
  _atlas_map_view_rebuild_legend (self);
}

static void
dataset_changed_cb (AtlasMapView *self,
                    AtlasDataset *dataset)
{
  recolor (self);
  /* The selected partner may have gone. */
  if (self->selected_id != NULL && atlas_dataset_find_partner (dataset, self->selected_id) == NULL)
    atlas_map_view_set_selected_id (self, NULL);
}

/* Partners in the order Tab visits them: by name, as the partner list. */
static GPtrArray *
dup_partners_by_name (AtlasMapView *self)
{
  GPtrArray *partners = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;

  if (self->dataset == NULL)
    return partners;
  model = atlas_dataset_get_partners (self->dataset);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (model, i);

      if (atlas_world_find_country (self->world, atlas_partner_get_id (partner)) >= 0)
        g_ptr_array_add (partners, g_steal_pointer (&partner));
    }
  return partners;
}

static int
compare_partner_names (gconstpointer a,
                       gconstpointer b)
{
  AtlasPartner *pa = *(AtlasPartner **) a;
  AtlasPartner *pb = *(AtlasPartner **) b;

  return g_utf8_collate (atlas_partner_get_display_name (pa),
                         atlas_partner_get_display_name (pb));
}

/* Returns FALSE when the step leaves the partners (to let the focus go). */
static gboolean
step_partner (AtlasMapView *self,
              int           direction)
{
  g_autoptr(GPtrArray) partners = dup_partners_by_name (self);
  int current = -1, next;

  g_ptr_array_sort (partners, compare_partner_names);
  if (partners->len == 0)
    return FALSE;
  for (guint i = 0; i < partners->len; i++)
    if (g_strcmp0 (atlas_partner_get_id (g_ptr_array_index (partners, i)), self->selected_id) == 0)
      current = (int) i;

  if (current < 0)
    next = direction > 0 ? 0 : (int) partners->len - 1;
  else
    next = current + direction;
  if (next < 0 || next >= (int) partners->len)
    {
      atlas_map_view_set_selected_id (self, NULL);
      return FALSE;
    }
  atlas_map_view_set_selected_id (self, atlas_partner_get_id (g_ptr_array_index (partners, next)));
  atlas_map_view_fly_to (self, self->selected_id);
  return TRUE;
}

/* Input */

static char *
describe_country (AtlasMapView *self,
                  int           country)
{
  const char *alpha2 = atlas_world_country_get_alpha2 (self->world, country);
  g_autofree char *name = alpha2 ? atlas_iso_codes_get_localized_name (alpha2) : NULL;
  const char *display = name ? name : atlas_world_country_get_name (self->world, country);
  AtlasPartner *partner;

  if (self->coloring == NULL)
    return g_strdup (display);

  partner = atlas_map_coloring_get_partner (self->coloring, country);
  switch (atlas_map_coloring_get_kind (self->coloring, country))
    {
    case ATLAS_MAP_FILL_SUBJECT:
      if (atlas_map_coloring_get_subject_category (self->coloring) >= 0)
        {
          g_autoptr(AtlasCategory) own = g_list_model_get_item (atlas_lens_get_categories (atlas_map_coloring_get_lens (self->coloring)),
                                                                 atlas_map_coloring_get_subject_category (self->coloring));

          return g_strdup_printf ("%s\n%s: %s", display, atlas_dataset_get_subject_name (self->dataset),
                                  atlas_category_get_name (own));
        }
      return g_strdup_printf ("%s\n%s", display, atlas_dataset_get_subject_name (self->dataset));
    case ATLAS_MAP_FILL_CATEGORY:
      {
        AtlasLens *lens = atlas_map_coloring_get_lens (self->coloring);
        g_autoptr(AtlasCategory) category =
          g_list_model_get_item (atlas_lens_get_categories (lens),
                                 atlas_map_coloring_get_category (self->coloring, country));
        g_autofree char *short_name = atlas_map_label_name (partner);
        return g_strdup_printf ("%s\n%s", short_name, atlas_category_get_name (category));
      }
    case ATLAS_MAP_FILL_NO_DATA:
      {
        g_autofree char *short_name = atlas_map_label_name (partner);
        return g_strdup_printf ("%s\n%s", short_name,
                                atlas_lens_get_empty_label (atlas_map_coloring_get_lens (self->coloring),
                                                            atlas_dataset_get_as_of (self->dataset)));
      }
    case ATLAS_MAP_FILL_OTHER:
    default:
      return g_strdup (display);
    }
}

/* The country under a point: a partner's label or leader dot first, then
 * the land. */
static int
pick (AtlasMapView *self,
      double        x,
      double        y)
{
  int country = atlas_world_layer_pick_label (self->world_layer, x, y);

  return country >= 0 ? country : atlas_world_layer_pick (self->world_layer, x, y);
}

static gboolean
map_query_tooltip_cb (AtlasMapView *self,
                      int           x,
                      int           y,
                      gboolean      keyboard_mode,
                      GtkTooltip   *tooltip,
                      GtkWidget    *map)
{
  g_autofree char *text = NULL;
  int country;

  if (keyboard_mode)
    country = atlas_world_find_country (self->world, self->selected_id);
  else
    country = pick (self, x, y);
  if (country < 0)
    return FALSE;

  text = describe_country (self, country);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
legend_button_active_cb (AtlasMapView *self)
{
  gboolean active = gtk_toggle_button_get_active (self->legend_button);

  gtk_revealer_set_reveal_child (self->legend_revealer, active);
  gtk_image_set_from_icon_name (self->legend_arrow, active ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->legend_button),
                               active ? _("Hide the legend") : _("Show the legend"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEGEND_VISIBLE]);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  AtlasMapView    *self)
{
  self->press_x = x;
  self->press_y = y;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   AtlasMapView    *self)
{
  int country;

  /* A drag pans; only a click in place selects. */
  if (n_press != 1 || hypot (x - self->press_x, y - self->press_y) > 4)
    return;

  country = pick (self, x, y);
  if (country >= 0 && self->coloring && atlas_map_coloring_get_partner (self->coloring, country))
    atlas_map_view_set_selected_id (self, atlas_world_country_get_alpha2 (self->world, country));
  else
    atlas_map_view_set_selected_id (self, NULL);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           AtlasMapView             *self)
{
  int country = pick (self, x, y);
  gboolean partner = country >= 0 && self->coloring &&
                     atlas_map_coloring_get_partner (self->coloring, country) != NULL;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map), partner ? "pointer" : NULL);
}

static void
pan (AtlasMapView *self,
     double        dx,
     double        dy)
{
  double zoom = shumate_viewport_get_zoom_level (self->viewport);
  double world = _atlas_map_view_tile_size (self) * pow (2.0, zoom);
  double x, y;

  _atlas_map_view_view_center (self, &x, &y);
  x += dx * gtk_widget_get_width (GTK_WIDGET (self->map)) / world;
  y += dy * gtk_widget_get_height (GTK_WIDGET (self->map)) / world;
  _atlas_map_view_go_to (self, x, y, zoom, FALSE);
}

static void
zoom_by (AtlasMapView *self,
         double        steps)
{
  double x, y;

  _atlas_map_view_view_center (self, &x, &y);
  _atlas_map_view_go_to (self, x, y, shumate_viewport_get_zoom_level (self->viewport) + steps, TRUE);
}

/* Actions and their keys */

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  double dx, dy;

  g_variant_get (parameter, "(dd)", &dx, &dy);
  pan (ATLAS_MAP_VIEW (widget), dx, dy);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  zoom_by (ATLAS_MAP_VIEW (widget), 1);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zoom_by (ATLAS_MAP_VIEW (widget), -1);
}

static void
show_world_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _atlas_map_view_show_world (ATLAS_MAP_VIEW (widget), TRUE);
}

static void
next_partner_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step_partner (ATLAS_MAP_VIEW (widget), 1);
}

static void
previous_partner_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  step_partner (ATLAS_MAP_VIEW (widget), -1);
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  atlas_map_view_set_selected_id (ATLAS_MAP_VIEW (widget), NULL);
}

/* Tab and Escape go on to the window (focus moves, dialogs close) when the
 * map has nothing to do with them. */
static gboolean
tab_cb (GtkWidget *widget,
        GVariant  *args,
        gpointer   user_data)
{
  return step_partner (ATLAS_MAP_VIEW (widget), g_variant_get_int32 (args));
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (widget);

  if (self->selected_id == NULL)
    return FALSE;
  atlas_map_view_set_selected_id (self, NULL);
  return TRUE;
}

static void
add_pan_binding (GtkWidgetClass *widget_class,
                 guint           keyval,
                 guint           kp_keyval,
                 double          dx,
                 double          dy)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, "map.pan", "(dd)", dx, dy);
  gtk_widget_class_add_binding_action (widget_class, kp_keyval, 0, "map.pan", "(dd)", dx, dy);
}

/* GtkWidget */

/* The legend floats over the map: labels keep off it. */
static void
update_label_obstacles (AtlasMapView *self)
{
  graphene_rect_t bounds;
  AtlasMapBox box;

  if (!gtk_widget_get_visible (self->legend) ||
      !gtk_widget_compute_bounds (self->legend, GTK_WIDGET (self->world_layer), &bounds))
    {
      atlas_world_layer_set_label_obstacles (self->world_layer, NULL, 0);
      return;
    }
  box = (AtlasMapBox) { bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height };
  atlas_world_layer_set_label_obstacles (self->world_layer, &box, 1);
}

static void
atlas_map_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (widget);

  gtk_widget_measure (self->overlay, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
atlas_map_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (widget);

  gtk_widget_allocate (self->overlay, width, height, baseline, NULL);
  update_label_obstacles (self);

  if (width != self->last_width || height != self->last_height)
    {
      /* A view of the whole world stays one when the map is resized (a
       * panel coming in beside it), rather than cutting off its edges;
       * any other view (a flight under way too) stays where it is. */
      gboolean whole_world = self->at_world && self->last_width > 0 && self->last_height > 0;

      self->last_width = width;
      self->last_height = height;
      if ((!self->homed || whole_world) && width > 0 && height > 0)
        {
          self->homed = TRUE;
          _atlas_map_view_show_world (self, FALSE);
        }
      else
        _atlas_map_view_clamp_view (self);
    }
}

static void
atlas_map_view_dispose (GObject *object)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (object);

  if (self->dataset)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  if (self->viewport)
    g_signal_handlers_disconnect_by_data (self->viewport, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->dataset);
  if (self->transition != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->transition, self);
      adw_animation_reset (self->transition);
      g_clear_object (&self->transition);
    }
  g_clear_pointer (&self->transition_from, atlas_map_coloring_unref);
  g_clear_pointer (&self->coloring, atlas_map_coloring_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_MAP_VIEW);
  self->overlay = NULL;
  self->world_layer = NULL;
  self->tile_layer = NULL;
  self->viewport = NULL;
  g_clear_object (&self->offline_source);

  G_OBJECT_CLASS (atlas_map_view_parent_class)->dispose (object);
}

static void
atlas_map_view_finalize (GObject *object)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (object);

  g_free (self->lens_id);
  g_free (self->selected_id);
  g_clear_pointer (&self->world, atlas_world_unref);
  if (self->legend_rows != NULL)
    g_string_free (self->legend_rows, TRUE);
  g_free (self->legend_shape);

  G_OBJECT_CLASS (atlas_map_view_parent_class)->finalize (object);
}

static void
atlas_map_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_LENS_ID:
      g_value_set_string (value, self->lens_id);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    case PROP_HATCH_PATTERNS:
      g_value_set_boolean (value, self->hatch_patterns);
      break;
    case PROP_LEGEND_VISIBLE:
      g_value_set_boolean (value, atlas_map_view_get_legend_visible (self));
      break;
    case PROP_ONLINE_TILES:
      g_value_set_boolean (value, self->online_tiles);
      break;
    case PROP_TEXT_SCALE:
      g_value_set_double (value, atlas_map_view_get_text_scale (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_map_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasMapView *self = ATLAS_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      atlas_map_view_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_LENS_ID:
      atlas_map_view_set_lens_id (self, g_value_get_string (value));
      break;
    case PROP_SELECTED_ID:
      atlas_map_view_set_selected_id (self, g_value_get_string (value));
      break;
    case PROP_HATCH_PATTERNS:
      atlas_map_view_set_hatch_patterns (self, g_value_get_boolean (value));
      break;
    case PROP_LEGEND_VISIBLE:
      atlas_map_view_set_legend_visible (self, g_value_get_boolean (value));
      break;
    case PROP_ONLINE_TILES:
      atlas_map_view_set_online_tiles (self, g_value_get_boolean (value));
      break;
    case PROP_TEXT_SCALE:
      atlas_map_view_set_text_scale (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_map_view_class_init (AtlasMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_map_view_dispose;
  object_class->finalize = atlas_map_view_finalize;
  object_class->get_property = atlas_map_view_get_property;
  object_class->set_property = atlas_map_view_set_property;

  widget_class->measure = atlas_map_view_measure;
  widget_class->size_allocate = atlas_map_view_size_allocate;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         ATLAS_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LENS_ID] =
    g_param_spec_string ("lens-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HATCH_PATTERNS] =
    g_param_spec_boolean ("hatch-patterns", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEGEND_VISIBLE] =
    g_param_spec_boolean ("legend-visible", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE_TILES] =
    g_param_spec_boolean ("online-tiles", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL,
                         0.5, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_MAP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/atlas-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, map);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, legend);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, legend_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, legend_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, legend_arrow);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, legend_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasMapView, legend_grid);
  gtk_widget_class_bind_template_callback (widget_class, map_query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, legend_button_active_cb);

  /* An eighth of the view per key press. */
  gtk_widget_class_install_action (widget_class, "map.pan", "(dd)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.show-world", NULL, show_world_action);
  gtk_widget_class_install_action (widget_class, "map.next-partner", NULL, next_partner_action);
  gtk_widget_class_install_action (widget_class, "map.previous-partner", NULL, previous_partner_action);
  gtk_widget_class_install_action (widget_class, "map.clear-selection", NULL, clear_selection_action);

  add_pan_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, -0.125, 0);
  add_pan_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 0.125, 0);
  add_pan_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, 0, -0.125);
  add_pan_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 0, 0.125);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_SHIFT_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "map.show-world", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "map.show-world", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, 0, tab_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Tab, 0, tab_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, GDK_SHIFT_MASK, tab_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, tab_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Left_Tab, 0, tab_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "atlas-map-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
atlas_map_view_init (AtlasMapView *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->world = atlas_world_ref (atlas_world_get_default ());
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (update_flags), self);
  self->offline_source = atlas_offline_source_new ();
  shumate_map_set_map_source (self->map, self->offline_source);
  self->viewport = shumate_map_get_viewport (self->map);
  shumate_viewport_set_max_zoom_level (self->viewport, MAX_ZOOM);
  shumate_map_set_go_to_duration (self->map, 600);

  self->world_layer = atlas_world_layer_new (self->viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->world_layer));
  update_flags (self);
  g_signal_connect_object (self->viewport, "notify", G_CALLBACK (viewport_changed_cb), self,
                           G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("World map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Arrows pan, plus and minus zoom, Tab steps through the partners"),
                                  -1);
  _atlas_map_view_rebuild_legend (self);
}

GtkWidget *
atlas_map_view_new (void)
{
  return g_object_new (ATLAS_TYPE_MAP_VIEW, NULL);
}

AtlasDataset *
atlas_map_view_get_dataset (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  return self->dataset;
}

void
atlas_map_view_set_dataset (AtlasMapView *self,
                            AtlasDataset *dataset)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));
  g_return_if_fail (dataset == NULL || ATLAS_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;
  if (self->dataset)
    g_signal_handlers_disconnect_by_data (self->dataset, self);
  g_set_object (&self->dataset, dataset);
  if (dataset)
    g_signal_connect_object (dataset, "changed", G_CALLBACK (dataset_changed_cb), self,
                             G_CONNECT_SWAPPED);
  recolor (self);
  if (self->selected_id && (dataset == NULL || atlas_dataset_find_partner (dataset, self->selected_id) == NULL))
    atlas_map_view_set_selected_id (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

void
atlas_map_view_set_dataset_animated (AtlasMapView *self,
                                     AtlasDataset *dataset)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  self->animate_next = TRUE;
  atlas_map_view_set_dataset (self, dataset);
  self->animate_next = FALSE;
}

gboolean
atlas_map_view_get_fading (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), FALSE);

  return self->transition != NULL &&
         adw_animation_get_state (self->transition) == ADW_ANIMATION_PLAYING;
}

AtlasMapColoring *
atlas_map_view_get_coloring (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  return self->coloring;
}

const char *
atlas_map_view_get_lens_id (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  return self->lens_id;
}

void
atlas_map_view_set_lens_id (AtlasMapView *self,
                            const char   *lens_id)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  if (!atlas_set_str (&self->lens_id, lens_id))
    return;
  recolor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENS_ID]);
}

const char *
atlas_map_view_get_selected_id (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), NULL);

  return self->selected_id;
}

void
atlas_map_view_set_selected_id (AtlasMapView *self,
                                const char   *alpha2)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  if (alpha2 != NULL && alpha2[0] == '\0')
    alpha2 = NULL;
  if (!atlas_set_str (&self->selected_id, alpha2))
    return;
  update_selection_outline (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

gboolean
atlas_map_view_get_hatch_patterns (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), FALSE);

  return self->hatch_patterns;
}

void
atlas_map_view_set_hatch_patterns (AtlasMapView *self,
                                   gboolean      hatch_patterns)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  hatch_patterns = !!hatch_patterns;
  if (self->hatch_patterns == hatch_patterns)
    return;
  self->hatch_patterns = hatch_patterns;
  update_flags (self);
  _atlas_map_view_rebuild_legend (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HATCH_PATTERNS]);
}

gboolean
atlas_map_view_get_legend_visible (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), FALSE);

  return gtk_toggle_button_get_active (self->legend_button);
}

void
atlas_map_view_set_legend_visible (AtlasMapView *self,
                                   gboolean      legend_visible)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  /* The button's handler notifies. */
  gtk_toggle_button_set_active (self->legend_button, legend_visible);
}

gboolean
atlas_map_view_get_online_tiles (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), FALSE);

  return self->online_tiles;
}

void
atlas_map_view_set_online_tiles (AtlasMapView *self,
                                 gboolean      online_tiles)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  online_tiles = !!online_tiles;
  if (self->online_tiles == online_tiles)
    return;
  self->online_tiles = online_tiles;

  if (online_tiles)
    {
      g_autoptr(ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();
      ShumateMapSource *source = shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK);

      /* Tiles load asynchronously; offline, they fail quietly and the
       * outlines are drawn all the same. */
      if (source != NULL)
        {
          self->tile_layer = shumate_map_layer_new (source, self->viewport);
          shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->tile_layer),
                                           SHUMATE_LAYER (self->world_layer));
        }
    }
  else if (self->tile_layer != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->tile_layer));
      self->tile_layer = NULL;
    }
  update_flags (self);
  update_projection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE_TILES]);
}

AtlasWorldLayer *
atlas_map_view_get_world_layer (AtlasMapView *self)
{
  return self->world_layer;
}

ShumateMap *
atlas_map_view_get_map (AtlasMapView *self)
{
  return self->map;
}

GtkWidget *
atlas_map_view_get_legend (AtlasMapView *self)
{
  return GTK_WIDGET (self->legend_grid);
}

char *
atlas_map_view_describe_point (AtlasMapView *self,
                               double        x,
                               double        y)
{
  int country = pick (self, x, y);

  return country < 0 ? NULL : describe_country (self, country);
}

double
atlas_map_view_get_text_scale (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), 1.0);

  return atlas_world_layer_get_text_scale (self->world_layer);
}

/* Partner labels grow by this factor (the legend follows the style sheet:
 * the window's presentation mode sets both). */
void
atlas_map_view_set_text_scale (AtlasMapView *self,
                               double        text_scale)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  text_scale = CLAMP (text_scale, 0.5, 4.0);
  if (atlas_map_view_get_text_scale (self) == text_scale)
    return;

  atlas_world_layer_set_text_scale (self->world_layer, text_scale);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

gboolean
atlas_map_view_get_presenting (AtlasMapView *self)
{
  g_return_val_if_fail (ATLAS_IS_MAP_VIEW (self), FALSE);

  return self->presenting;
}

/* Presentation mode: Equal Earth and no tiles, whatever the settings */
void
atlas_map_view_set_presenting (AtlasMapView *self,
                               gboolean      presenting)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  presenting = !!presenting;
  if (self->presenting == presenting)
    return;
  self->presenting = presenting;
  /* On a projector the legend goes to the lower right: there the whole
   * world has the Pacific and Australia under it, not Brazil (1024×768) */
  gtk_widget_set_halign (self->legend, presenting ? GTK_ALIGN_END : GTK_ALIGN_START);
  update_flags (self);
  update_projection (self);
}
