/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The map view's camera: where the view is on the projected plane, the
 * whole world's band, the bounds that keep it on one world, Home, flying
 * to a partner, and the camera as longitude, latitude and zoom. */

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

double
_atlas_map_view_tile_size (AtlasMapView *self)
{
  return shumate_map_source_get_tile_size (self->offline_source);
}

/* Positions below are on the plane the viewport pans (atlas_map_to_plane ()):
 * the world's width from 0 to 1, in Equal Earth or Web Mercator. */
AtlasMapProjection
_atlas_map_view_projection (AtlasMapView *self)
{
  return atlas_world_layer_get_projection (self->world_layer);
}

static void
lonlat_to_plane (AtlasMapView *self,
                 double        longitude,
                 double        latitude,
                 double       *u,
                 double       *v)
{
  double mx, my;

  atlas_geo_lonlat_to_map (longitude, latitude, &mx, &my);
  atlas_map_to_plane (_atlas_map_view_projection (self), mx, my, u, v);
}

/* The band of latitudes the whole-world view shows, on the plane */
static void
home_band (AtlasMapView *self,
           double       *north_v,
           double       *south_v)
{
  gboolean mercator = _atlas_map_view_projection (self) == ATLAS_MAP_PROJECTION_MERCATOR;
  double u;

  lonlat_to_plane (self, ATLAS_MAP_CENTRAL_LONGITUDE, mercator ? MERCATOR_HOME_NORTH : HOME_NORTH, &u, north_v);
  lonlat_to_plane (self, ATLAS_MAP_CENTRAL_LONGITUDE, mercator ? MERCATOR_HOME_SOUTH : HOME_SOUTH, &u, south_v);
}

/* What the fit insets (presentation's caption and legend) leave free of a
 * width × height view, never less than half of it, and how far, in pixels,
 * the free part's centre is off the view's. Without insets: all of it. */
static void
free_area (AtlasMapView *self,
           int           width,
           int           height,
           double       *free_width,
           double       *free_height,
           double       *shift_x,
           double       *shift_y)
{
  const GtkBorder *in = &self->fit_insets;

  *free_width = MAX (width - in->left - in->right, width / 2);
  *free_height = MAX (height - in->top - in->bottom, height / 2);
  *shift_x = (in->left - in->right) / 2.0;
  *shift_y = (in->top - in->bottom) / 2.0;
}

/* The widest view: the whole world's width, or the inhabited latitudes'
 * height if the view is too wide and flat for that, in the part of the
 * view the insets leave free. Zooming out stops there, so the world is
 * never repeated beside itself. */
static double
min_zoom (AtlasMapView *self,
          int           width,
          int           height)
{
  double north_v, south_v, free_width, free_height, shift_x, shift_y;

  free_area (self, width, height, &free_width, &free_height, &shift_x, &shift_y);
  home_band (self, &north_v, &south_v);
  return MAX (0.0, MIN (log2 (free_width / _atlas_map_view_tile_size (self)),
                        log2 (free_height / ((south_v - north_v) * _atlas_map_view_tile_size (self)))));
}

static void
clamped_center (AtlasMapView *self,
                double        zoom,
                int           width,
                int           height,
                double       *x,
                double       *y)
{
  double world = _atlas_map_view_tile_size (self) * pow (2.0, zoom);
  double free_width, free_height, shift_x, shift_y, half_w, half_h, fx, fy;
  double top, bottom, u;

  /* What is clamped is the centre of the part of the view the insets
   * leave free: the world stays in that part, centred there when smaller */
  free_area (self, width, height, &free_width, &free_height, &shift_x, &shift_y);
  half_w = free_width / 2.0 / world;
  half_h = free_height / 2.0 / world;
  fx = *x + shift_x / world;
  fy = *y + shift_y / world;

  /* The top and bottom of the outlines (85° N and S) */
  atlas_map_to_plane (_atlas_map_view_projection (self), 0.5, 0, &u, &top);
  atlas_map_to_plane (_atlas_map_view_projection (self), 0.5, 1, &u, &bottom);
  fx = half_w >= 0.5 ? 0.5 : CLAMP (fx, half_w, 1 - half_w);
  fy = half_h >= (bottom - top) / 2 ? (top + bottom) / 2 : CLAMP (fy, top + half_h, bottom - half_h);
  *x = fx - shift_x / world;
  *y = fy - shift_y / world;
}

/* The view's centre on the plane: the viewport's own Web Mercator maths */
void
_atlas_map_view_view_center (AtlasMapView *self,
                             double       *x,
                             double       *y)
{
  atlas_geo_lonlat_to_map (shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)),
                           shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)), x, y);
}

/* Where Home puts the centre of the view */
static void
home_center (AtlasMapView *self,
             double        zoom,
             int           width,
             int           height,
             double       *x,
             double       *y)
{
  double north_v, south_v;

  home_band (self, &north_v, &south_v);
  *x = 0.5;
  *y = (north_v + south_v) / 2;
  clamped_center (self, zoom, width, height, x, y);
}

/* Keeps the view on one world (see the top of the file). Where the world
 * is narrower or shorter than the view, it stays centred in it, with sea
 * around. */
void
_atlas_map_view_clamp_view (AtlasMapView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double zoom, lowest, x, y, clamped_x, clamped_y, lon, lat;

  if (self->clamping || width <= 0 || height <= 0)
    return;
  self->clamping = TRUE;

  if (shumate_viewport_get_rotation (self->viewport) != 0)
    shumate_viewport_set_rotation (self->viewport, 0);

  zoom = shumate_viewport_get_zoom_level (self->viewport);
  if (self->flying)
    {
      double fx, fy;

      atlas_geo_lonlat_to_map (shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)),
                               shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)), &fx, &fy);
      if (g_get_monotonic_time () > self->flight_end ||
          (fabs (zoom - self->flight_zoom) < 1e-6 && fabs (fx - self->flight_x) < 1e-9 &&
           fabs (fy - self->flight_y) < 1e-9))
        self->flying = FALSE;
      else
        {
          self->clamping = FALSE;
          return;
        }
    }
  lowest = min_zoom (self, width, height);
  if (zoom < lowest)
    {
      zoom = lowest;
      shumate_viewport_set_zoom_level (self->viewport, zoom);
    }

  atlas_geo_lonlat_to_map (shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)),
                           shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)),
                           &x, &y);
  clamped_x = x;
  clamped_y = y;
  clamped_center (self, zoom, width, height, &clamped_x, &clamped_y);
  if (fabs (clamped_x - x) > 1e-12 || fabs (clamped_y - y) > 1e-12)
    {
      atlas_geo_map_to_lonlat (clamped_x, clamped_y, &lon, &lat);
      shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
    }

  self->clamping = FALSE;
}

/* Whether the view is the whole world, as Home shows it */
gboolean
_atlas_map_view_shows_world (AtlasMapView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double x, y, home_x, home_y, zoom;

  if (width <= 0 || height <= 0)
    return FALSE;
  zoom = min_zoom (self, width, height);
  home_center (self, zoom, width, height, &home_x, &home_y);
  atlas_geo_lonlat_to_map (shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)),
                           shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)), &x, &y);
  return fabs (shumate_viewport_get_zoom_level (self->viewport) - zoom) < 1e-3 &&
         fabs (x - home_x) < 1e-4 && fabs (y - home_y) < 1e-4;
}

void
_atlas_map_view_go_to (AtlasMapView *self,
                       double        x,
                       double        y,
                       double        zoom,
                       gboolean      animate)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double lon, lat;

  if (width > 0 && height > 0)
    {
      zoom = CLAMP (zoom, min_zoom (self, width, height), MAX_ZOOM);
      clamped_center (self, zoom, width, height, &x, &y);
    }
  atlas_geo_map_to_lonlat (x, y, &lon, &lat);
  /* A flight under way is not the whole world, even before it moves. */
  self->at_world = FALSE;
  if (animate)
    {
      self->flying = TRUE;
      atlas_geo_lonlat_to_map (lon, lat, &self->flight_x, &self->flight_y);
      self->flight_zoom = zoom;
      self->flight_end = g_get_monotonic_time () + (shumate_map_get_go_to_duration (self->map) + 3000) * 1000;
      shumate_map_go_to_full (self->map, lat, lon, zoom);
    }
  else
    {
      self->flying = FALSE;
      shumate_map_stop_go_to (self->map);
      shumate_viewport_set_zoom_level (self->viewport, zoom);
      shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
    }
}

void
_atlas_map_view_show_world (AtlasMapView *self,
                            gboolean      animate)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double zoom = width > 0 && height > 0 ? min_zoom (self, width, height) : 2;
  double x, y;

  home_center (self, zoom, MAX (width, 1), MAX (height, 1), &x, &y);
  _atlas_map_view_go_to (self, x, y, zoom, animate);
}

void
atlas_map_view_show_world (AtlasMapView *self)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  self->homed = TRUE;
  _atlas_map_view_show_world (self, gtk_widget_get_mapped (GTK_WIDGET (self)));
}

void
atlas_map_view_fly_to (AtlasMapView *self,
                       const char   *alpha2)
{
  const AtlasGeoSpan *rings;
  int country, width, height;
  guint n, best = 0;
  double best_area = -1, x0 = 0, y0 = 0, x1 = 1, y1 = 1, zoom;

  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  country = atlas_world_find_country (self->world, alpha2);
  if (country < 0)
    return;

  /* Frame the country's largest part: the bounds of all of it span the
   * world for the United States or Russia. */
  rings = atlas_world_country_get_rings (self->world, country, 0, &n);
  for (guint r = 0; r < n; r++)
    {
      double area = (rings[r].max_x - rings[r].min_x) * (rings[r].max_y - rings[r].min_y);
      if (area > best_area)
        {
          best_area = area;
          best = r;
        }
    }
  if (n > 0)
    {
      /* Its bounds on the plane: those of its points there */
      const AtlasGeoPoint *points = atlas_world_get_points (self->world) + rings[best].first;

      x0 = y0 = G_MAXDOUBLE;
      x1 = y1 = -G_MAXDOUBLE;
      for (guint i = 0; i < rings[best].count; i++)
        {
          double u, v;

          atlas_map_to_plane (_atlas_map_view_projection (self), points[i].x, points[i].y, &u, &v);
          x0 = MIN (x0, u);
          y0 = MIN (y0, v);
          x1 = MAX (x1, u);
          y1 = MAX (y1, v);
        }
    }

  width = gtk_widget_get_width (GTK_WIDGET (self->map));
  height = gtk_widget_get_height (GTK_WIDGET (self->map));
  if (width <= 0 || height <= 0)
    {
      width = 800;
      height = 600;
    }
  /* Framed in what the insets leave of the view (never less than half
   * of it), and centred there. */
  {
    double free_width, free_height, shift_x, shift_y, units_per_pixel;

    free_area (self, width, height, &free_width, &free_height, &shift_x, &shift_y);

    /* With context: the country takes about half the view, its neighbours
     * and the sea around it the rest. */
    zoom = log2 (MIN (free_width / ((x1 - x0) * 2.2 * _atlas_map_view_tile_size (self)),
                      free_height / ((y1 - y0) * 2.2 * _atlas_map_view_tile_size (self))));
    zoom = MIN (zoom, FLY_TO_MAX_ZOOM);
    units_per_pixel = 1.0 / (_atlas_map_view_tile_size (self) * exp2 (zoom));
    /* The view's centre sits off the country's by the insets' imbalance */
    _atlas_map_view_go_to (self, (x0 + x1) / 2 - shift_x * units_per_pixel, (y0 + y1) / 2 - shift_y * units_per_pixel,
                           zoom, gtk_widget_get_mapped (GTK_WIDGET (self)));
  }
}

void
atlas_map_view_set_fit_insets (AtlasMapView    *self,
                               const GtkBorder *insets)
{
  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  self->fit_insets = insets ? *insets : (GtkBorder) { 0 };
}

/* The camera is on the Earth, whatever the _atlas_map_view_projection */
void
atlas_map_view_get_camera (AtlasMapView *self,
                           double       *latitude,
                           double       *longitude,
                           double       *zoom)
{
  double u, v, mx, my;

  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  _atlas_map_view_view_center (self, &u, &v);
  if (!atlas_map_from_plane (_atlas_map_view_projection (self), u, v, &mx, &my))
    atlas_map_from_plane (_atlas_map_view_projection (self), 0.5, 0.5, &mx, &my);
  atlas_geo_map_to_lonlat (mx, my, longitude, latitude);
  *zoom = shumate_viewport_get_zoom_level (self->viewport);
}

void
atlas_map_view_set_camera (AtlasMapView *self,
                           double        latitude,
                           double        longitude,
                           double        zoom)
{
  double u, v, lon, lat;

  g_return_if_fail (ATLAS_IS_MAP_VIEW (self));

  lonlat_to_plane (self, longitude, latitude, &u, &v);
  atlas_geo_map_to_lonlat (u, v, &lon, &lat);
  shumate_map_stop_go_to (self->map);
  self->flying = FALSE;
  shumate_viewport_set_zoom_level (self->viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (self->viewport), lat, lon);
}
