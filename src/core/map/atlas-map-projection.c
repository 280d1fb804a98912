/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The map's projections: Equal Earth and its inverse, the plane a pannable
 * map moves over, a frame's projection of map units, the world's outline,
 * and the outlines projected to Equal Earth once per level of detail for
 * the painter (atlas-map-paint.c) and the label placer. */

#include "config.h"

#include <math.h>

#include "atlas-map-paint.h"
#include "atlas-map-projection-private.h"

/* Equal Earth: Šavrič, Patterson and Jenny, "The Equal Earth map
 * projection", International Journal of Geographical Information Science
 * 33 (2019), the published polynomial. */
#define EE_A1 1.340264
#define EE_A2 (-0.081106)
#define EE_A3 0.000893
#define EE_A4 0.003796
#define EE_M (0.8660254037844386)   /* sqrt (3) / 2 */

/* @lambda in radians from the central meridian, not wrapped */
void
atlas_map_equal_earth_unwrapped (double  lambda,
                       double  latitude,
                       double *x,
                       double *y)
{
  double theta = asin (EE_M * sin (latitude * G_PI / 180.0));
  double t2 = theta * theta, t6 = t2 * t2 * t2;

  *x = 2 * sqrt (3) * lambda * cos (theta) /
       (3 * (9 * EE_A4 * t6 * t2 + 7 * EE_A3 * t6 + 3 * EE_A2 * t2 + EE_A1));
  *y = -theta * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2));
}

void
atlas_map_equal_earth (double  longitude,
                       double  latitude,
                       double  central_longitude,
                       double *x,
                       double *y)
{
  double lambda = fmod (longitude - central_longitude + 540.0, 360.0) - 180.0;

  atlas_map_equal_earth_unwrapped (lambda * G_PI / 180.0, latitude, x, y);
}

gboolean
atlas_map_equal_earth_inverse (double  x,
                               double  y,
                               double  central_longitude,
                               double *longitude,
                               double *latitude)
{
  double theta = -y, t2, t6, fy, fpy, lambda;

  /* Newton on theta, as the authors do */
  for (int i = 0; i < 12; i++)
    {
      t2 = theta * theta;
      t6 = t2 * t2 * t2;
      fy = theta * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2)) + y;
      fpy = EE_A1 + 3 * EE_A2 * t2 + t6 * (7 * EE_A3 + 9 * EE_A4 * t2);
      theta -= fy / fpy;
      if (fabs (fy / fpy) < 1e-9)
        break;
    }
  t2 = theta * theta;
  t6 = t2 * t2 * t2;
  if (fabs (sin (theta) / EE_M) > 1)
    return FALSE;
  lambda = EE_M * x * (EE_A1 + 3 * EE_A2 * t2 + t6 * (7 * EE_A3 + 9 * EE_A4 * t2)) / cos (theta);
  *latitude = asin (sin (theta) / EE_M) * 180.0 / G_PI;
  *longitude = lambda * 180.0 / G_PI + central_longitude;
  if (fabs (lambda) > G_PI)
    return FALSE;
  *longitude = fmod (*longitude + 540.0, 360.0) - 180.0;
  return TRUE;
}

void
atlas_map_frame_project (const AtlasMapFrame *frame,
                         double               mx,
                         double               my,
                         double              *x,
                         double              *y)
{
  if (frame->projection == ATLAS_MAP_PROJECTION_EQUAL_EARTH)
    {
      double lon, lat;

      atlas_geo_map_to_lonlat (mx, my, &lon, &lat);
      atlas_map_equal_earth (lon, lat, frame->central_longitude, &mx, &my);
    }
  *x = (mx - frame->x) * frame->scale;
  *y = (my - frame->y) * frame->scale;
}

gboolean
atlas_map_frame_unproject (const AtlasMapFrame *frame,
                           double               x,
                           double               y,
                           double              *mx,
                           double              *my)
{
  double px = frame->x + x / frame->scale;
  double py = frame->y + y / frame->scale;
  double lon, lat;

  if (frame->projection != ATLAS_MAP_PROJECTION_EQUAL_EARTH)
    {
      *mx = px;
      *my = py;
      return px >= 0 && px <= 1 && py >= 0 && py <= 1;
    }
  if (!atlas_map_equal_earth_inverse (px, py, frame->central_longitude, &lon, &lat))
    return FALSE;
  atlas_geo_lonlat_to_map (lon, lat, mx, my);
  return TRUE;
}

void
atlas_map_to_plane (AtlasMapProjection  projection,
                    double              mx,
                    double              my,
                    double             *u,
                    double             *v)
{
  double lon, lat, x, y;

  if (projection != ATLAS_MAP_PROJECTION_EQUAL_EARTH)
    {
      *u = mx;
      *v = my;
      return;
    }
  atlas_geo_map_to_lonlat (mx, my, &lon, &lat);
  atlas_map_equal_earth (lon, lat, ATLAS_MAP_CENTRAL_LONGITUDE, &x, &y);
  *u = 0.5 + x / ATLAS_MAP_EQUAL_EARTH_WIDTH;
  *v = 0.5 + y / ATLAS_MAP_EQUAL_EARTH_WIDTH;
}

gboolean
atlas_map_from_plane (AtlasMapProjection  projection,
                      double              u,
                      double              v,
                      double             *mx,
                      double             *my)
{
  double lon, lat;

  if (projection != ATLAS_MAP_PROJECTION_EQUAL_EARTH)
    {
      *mx = u;
      *my = v;
      return u >= 0 && u <= 1 && v >= 0 && v <= 1;
    }
  if (!atlas_map_equal_earth_inverse ((u - 0.5) * ATLAS_MAP_EQUAL_EARTH_WIDTH,
                                      (v - 0.5) * ATLAS_MAP_EQUAL_EARTH_WIDTH,
                                      ATLAS_MAP_CENTRAL_LONGITUDE, &lon, &lat))
    return FALSE;
  atlas_geo_lonlat_to_map (lon, lat, mx, my);
  return TRUE;
}

void
atlas_map_frame_init_plane (AtlasMapFrame      *frame,
                            AtlasMapProjection  projection,
                            double              u,
                            double              v,
                            double              world_width)
{
  frame->projection = projection;
  if (projection == ATLAS_MAP_PROJECTION_EQUAL_EARTH)
    {
      frame->central_longitude = ATLAS_MAP_CENTRAL_LONGITUDE;
      frame->x = (u - 0.5) * ATLAS_MAP_EQUAL_EARTH_WIDTH;
      frame->y = (v - 0.5) * ATLAS_MAP_EQUAL_EARTH_WIDTH;
      frame->scale = world_width / ATLAS_MAP_EQUAL_EARTH_WIDTH;
    }
  else
    {
      frame->central_longitude = 0;
      frame->x = u;
      frame->y = v;
      frame->scale = world_width;
    }
}

double
atlas_map_frame_get_world_width (const AtlasMapFrame *frame)
{
  return frame->projection == ATLAS_MAP_PROJECTION_EQUAL_EARTH
         ? ATLAS_MAP_EQUAL_EARTH_WIDTH * frame->scale : frame->scale;
}

void
atlas_map_frame_append_outline (cairo_t             *cr,
                                const AtlasMapFrame *frame)
{
  if (frame->projection != ATLAS_MAP_PROJECTION_EQUAL_EARTH)
    {
      cairo_rectangle (cr, -frame->x * frame->scale, -frame->y * frame->scale,
                       frame->scale, frame->scale);
      return;
    }
  /* The two edge meridians, pole to pole; the poles are lines. */
  for (int side = 0; side < 2; side++)
    for (int i = 0; i <= 90; i++)
      {
        double lat = side == 0 ? 90.0 - i * 2.0 : -90.0 + i * 2.0;
        double lambda = side == 0 ? G_PI : -G_PI;
        double x, y;

        atlas_map_equal_earth_unwrapped (lambda, lat, &x, &y);
        x = (x - frame->x) * frame->scale;
        y = (y - frame->y) * frame->scale;
        if (side == 0 && i == 0)
          cairo_move_to (cr, x, y);
        else
          cairo_line_to (cr, x, y);
      }
  cairo_close_path (cr);
}

/* The outlines in Equal Earth around ATLAS_MAP_CENTRAL_LONGITUDE, projected
 * once per level of detail on first use: a frame then costs what a Web
 * Mercator one does (no trigonometry per point and frame), and the
 * one-pixel lines can be drawn straight into the image.
 *
 * A ring or line keeps to the side of the map's edge its middle is on: one
 * cut by the edge meridian runs a little past the outline rather than
 * across the whole map (the painters clip to the outline). */

struct _AtlasMapProjected
{
  AtlasWorld *world;
  const AtlasGeoSpan *base;
  AtlasMapProjectedSpan *spans;
  float *country_bounds;    /* [level][country][4] */
  guint n_levels, n_countries;
  gboolean *level_done;
  GPtrArray *blocks;        /* the projected points, a block per level */
};

static void
project_span (const AtlasGeoPoint *points,
              const AtlasGeoSpan  *span,
              AtlasMapProjectedSpan       *out,
              AtlasGeoPoint       *dest)
{
  const AtlasGeoPoint *p = points + span->first;
  double mid = ((span->min_x + span->max_x) / 2) * 360.0 - 180.0;
  double centre = ATLAS_MAP_CENTRAL_LONGITUDE;
  double shift = (fmod (mid - centre + 540.0, 360.0) - 180.0) - (mid - centre);

  out->min_x = out->min_y = G_MAXFLOAT;
  out->max_x = out->max_y = -G_MAXFLOAT;
  out->count = span->count;
  out->straddles = FALSE;
  for (guint i = 0; i < span->count; i++)
    {
      double lon, lat, x, y, lambda;

      atlas_geo_map_to_lonlat (p[i].x, p[i].y, &lon, &lat);
      lambda = lon - centre + shift;
      out->straddles |= fabs (lambda) > 180.0;
      atlas_map_equal_earth_unwrapped (lambda * G_PI / 180.0, lat, &x, &y);
      dest[i].x = (float) x;
      dest[i].y = (float) y;
      out->min_x = MIN (out->min_x, dest[i].x);
      out->min_y = MIN (out->min_y, dest[i].y);
      out->max_x = MAX (out->max_x, dest[i].x);
      out->max_y = MAX (out->max_y, dest[i].y);
    }
  out->points = dest;
}

static void
project_level (AtlasMapProjected *pw,
               guint      level)
{
  const AtlasGeoPoint *points = atlas_world_get_points (pw->world);
  const AtlasGeoSpan *lines, *rings;
  guint n_lines, n_rings, total = 0;
  AtlasGeoPoint *block, *dest;

  lines = atlas_world_get_lines (pw->world, level, &n_lines);
  for (guint i = 0; i < n_lines; i++)
    total += lines[i].count;
  for (guint c = 0; c < pw->n_countries; c++)
    {
      rings = atlas_world_country_get_rings (pw->world, c, level, &n_rings);
      for (guint r = 0; r < n_rings; r++)
        total += rings[r].count;
    }
  /* Kept for the life of the process, as the outlines themselves. */
  block = dest = g_new (AtlasGeoPoint, MAX (total, 1));

  for (guint i = 0; i < n_lines; i++)
    {
      project_span (points, &lines[i], &pw->spans[&lines[i] - pw->base], dest);
      dest += lines[i].count;
    }
  for (guint c = 0; c < pw->n_countries; c++)
    {
      float *bounds = pw->country_bounds + ((gsize) level * pw->n_countries + c) * 4;

      bounds[0] = bounds[1] = G_MAXFLOAT;
      bounds[2] = bounds[3] = -G_MAXFLOAT;
      rings = atlas_world_country_get_rings (pw->world, c, level, &n_rings);
      for (guint r = 0; r < n_rings; r++)
        {
          AtlasMapProjectedSpan *out = &pw->spans[&rings[r] - pw->base];

          project_span (points, &rings[r], out, dest);
          dest += rings[r].count;
          bounds[0] = MIN (bounds[0], out->min_x);
          bounds[1] = MIN (bounds[1], out->min_y);
          bounds[2] = MAX (bounds[2], out->max_x);
          bounds[3] = MAX (bounds[3], out->max_y);
        }
    }
  g_ptr_array_add (pw->blocks, block);
  pw->level_done[level] = TRUE;
}

/* The projected outlines of @world with @level ready, or NULL when the
 * frame is not Equal Earth around the usual meridian. */
const AtlasMapProjected *
atlas_map_projected_get (AtlasWorld          *world,
               const AtlasMapFrame *frame,
               guint                level)
{
  static GMutex lock;
  static GPtrArray *all;
  AtlasMapProjected *pw = NULL;

  if (frame->projection != ATLAS_MAP_PROJECTION_EQUAL_EARTH ||
      frame->central_longitude != ATLAS_MAP_CENTRAL_LONGITUDE)
    return NULL;

  g_mutex_lock (&lock);
  if (all == NULL)
    all = g_ptr_array_new ();
  for (guint i = 0; i < all->len && pw == NULL; i++)
    if (((AtlasMapProjected *) g_ptr_array_index (all, i))->world == world)
      pw = g_ptr_array_index (all, i);
  if (pw == NULL)
    {
      guint n_spans;

      pw = g_new0 (AtlasMapProjected, 1);
      /* A world projected stays: its address names it. */
      pw->world = atlas_world_ref (world);
      pw->base = atlas_world_get_spans (world, &n_spans);
      pw->spans = g_new0 (AtlasMapProjectedSpan, MAX (n_spans, 1));
      pw->n_levels = atlas_world_get_n_levels (world);
      pw->n_countries = atlas_world_get_n_countries (world);
      pw->country_bounds = g_new (float, (gsize) pw->n_levels * MAX (pw->n_countries, 1) * 4);
      pw->level_done = g_new0 (gboolean, pw->n_levels);
      pw->blocks = g_ptr_array_new ();
      g_ptr_array_add (all, pw);
    }
  if (!pw->level_done[level])
    project_level (pw, level);
  g_mutex_unlock (&lock);

  return pw;
}

const AtlasMapProjectedSpan *
atlas_map_projected_span (const AtlasMapProjected    *pw,
                const AtlasGeoSpan *span)
{
  return &pw->spans[span - pw->base];
}

void
atlas_map_frame_project_span (const AtlasMapFrame *frame,
                              AtlasWorld          *world,
                              const AtlasGeoSpan  *span,
                              guint                level,
                              double              *out)
{
  const AtlasMapProjected *pw = atlas_map_projected_get (world, frame, level);
  const AtlasGeoPoint *p;

  if (pw == NULL)
    {
      p = atlas_world_get_points (world) + span->first;
      for (guint i = 0; i < span->count; i++)
        atlas_map_frame_project (frame, p[i].x, p[i].y, &out[2 * i], &out[2 * i + 1]);
      return;
    }
  p = atlas_map_projected_span (pw, span)->points;
  for (guint i = 0; i < span->count; i++)
    {
      out[2 * i] = (p[i].x - frame->x) * frame->scale;
      out[2 * i + 1] = (p[i].y - frame->y) * frame->scale;
    }
}

const float *
atlas_map_projected_country_bounds (const AtlasMapProjected *pw,
                                    guint                    level,
                                    guint                    country)
{
  return pw->country_bounds + ((gsize) level * pw->n_countries + country) * 4;
}
