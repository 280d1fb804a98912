/* SPDX-License-Identifier: GPL-3.0-or-later */

/* atlas-geo-compile: turns Natural Earth's TopoJSON (world-atlas) into
 * world.atlasgeo, the projected outlines the app maps straight in (layout in
 * ../atlas-geo-format.h). Run at build time only:
 *
 *   atlas-geo-compile countries-50m.json iso_3166-1.json world.atlasgeo
 *
 * What it does, in order:
 *  1. decodes the quantised, delta-encoded arcs;
 *  2. names each feature by ISO 3166-1 alpha-2 (from the numeric id, parsed
 *     base 10) and amends the outlines to the EU's positions: Crimea goes from
 *     Russia to Ukraine, Northern Cyprus joins Cyprus, Somaliland joins
 *     Somalia (none of these is recognised by the EU); Kosovo gets the code
 *     XK the EU uses; features with no code stay as unnamed land;
 *  3. dissolves the borders a merge leaves inside one country;
 *  4. projects the arcs to Web Mercator (latitude clamped to ±85.0511°) and
 *     simplifies each shared arc once per level (Douglas–Peucker), so that
 *     neighbours keep one common border at every level;
 *  5. assembles the rings of every level, cuts those that jump across ±180°
 *     and drops rings smaller than the level's tolerance;
 *  6. collects the lines to stroke (each arc once, without the cuts);
 *  7. places a label point inside each country (the point of its largest
 *     ring farthest from any edge).
 */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "../atlas-geo-format.h"

#define MAX_LAT 85.05112878
#define N_LEVELS 6

/* Tolerances in unit-square units: level n is good down to 0.5 device pixel
 * while the world is at most 0.5 / tolerance pixels wide. */
static const double level_tolerance[N_LEVELS] = {
  0.0,
  1.0 / (1 << 15),
  1.0 / (1 << 14),
  1.0 / (1 << 13),
  1.0 / (1 << 12),
  1.0 / (1 << 11),
};

typedef struct
{
  double x;
  double y;
} Point;

typedef struct
{
  /* quantised coordinates of the ends, to match arcs exactly */
  gint64 q_first[2];
  gint64 q_last[2];
  GArray *points;                 /* Point, projected */
  GArray *simplified[N_LEVELS];   /* Point */
} Arc;

typedef struct
{
  char alpha2[3];
  int numeric;
  char *name;
  gboolean amended;
  GPtrArray *rings;    /* GArray of int (arc refs) */
  int n_sources;
  /* output */
  GPtrArray *level_rings[N_LEVELS];  /* of GArray of Point */
  double label_x, label_y;
  double bbox[4];
} Country;

static GPtrArray *arcs;

static G_NORETURN void
die (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  fprintf (stderr, "atlas-geo-compile: ");
  vfprintf (stderr, format, args);
  fprintf (stderr, "\n");
  va_end (args);
  exit (1);
}

static Arc *
arc_for_ref (int ref)
{
  int index = ref >= 0 ? ref : ~ref;

  if (index < 0 || (guint) index >= arcs->len)
    die ("arc reference %d out of range", ref);
  return g_ptr_array_index (arcs, index);
}

static const gint64 *
ref_first (int ref)
{
  Arc *arc = arc_for_ref (ref);
  return ref >= 0 ? arc->q_first : arc->q_last;
}

static const gint64 *
ref_last (int ref)
{
  Arc *arc = arc_for_ref (ref);
  return ref >= 0 ? arc->q_last : arc->q_first;
}

static void
project (double  lon,
         double  lat,
         double *x,
         double *y)
{
  lat = CLAMP (lat, -MAX_LAT, MAX_LAT);
  lon = CLAMP (lon, -180.0, 180.0);
  *x = (lon + 180.0) / 360.0;
  *y = 0.5 - log (tan (G_PI / 4 + lat * G_PI / 360.0)) / (2 * G_PI);
  *y = CLAMP (*y, 0.0, 1.0);
}

static void
unproject (double  x,
           double  y,
           double *lon,
           double *lat)
{
  *lon = x * 360.0 - 180.0;
  *lat = 360.0 / G_PI * atan (exp ((0.5 - y) * 2 * G_PI)) - 90.0;
}

/* Decoding */

static void
read_arcs (JsonObject *topo)
{
  JsonObject *transform = json_object_get_object_member (topo, "transform");
  JsonArray *scale, *translate, *array;
  double sx, sy, tx, ty;

  if (transform == NULL)
    die ("the topology is not quantised (no transform)");
  scale = json_object_get_array_member (transform, "scale");
  translate = json_object_get_array_member (transform, "translate");
  sx = json_array_get_double_element (scale, 0);
  sy = json_array_get_double_element (scale, 1);
  tx = json_array_get_double_element (translate, 0);
  ty = json_array_get_double_element (translate, 1);

  array = json_object_get_array_member (topo, "arcs");
  arcs = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonArray *positions = json_array_get_array_element (array, i);
      guint n = json_array_get_length (positions);
      Arc *arc = g_new0 (Arc, 1);
      gint64 qx = 0, qy = 0;

      if (n < 2)
        die ("arc %u has fewer than two positions", i);
      arc->points = g_array_sized_new (FALSE, FALSE, sizeof (Point), n);
      for (guint j = 0; j < n; j++)
        {
          JsonArray *position = json_array_get_array_element (positions, j);
          Point p;

          qx += json_array_get_int_element (position, 0);
          qy += json_array_get_int_element (position, 1);
          if (j == 0)
            {
              arc->q_first[0] = qx;
              arc->q_first[1] = qy;
            }
          project (qx * sx + tx, qy * sy + ty, &p.x, &p.y);
          g_array_append_val (arc->points, p);
        }
      arc->q_last[0] = qx;
      arc->q_last[1] = qy;
      g_ptr_array_add (arcs, arc);
    }
}

static GArray *
read_ring (JsonArray *refs)
{
  GArray *ring = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < json_array_get_length (refs); i++)
    {
      int ref = json_array_get_int_element (refs, i);
      arc_for_ref (ref);
      g_array_append_val (ring, ref);
    }
  return ring;
}

/* Every ring of a geometry, flattened: the fill rule is even-odd per country. */
static GPtrArray *
read_geometry_rings (JsonObject *geometry)
{
  const char *type = json_object_get_string_member (geometry, "type");
  JsonArray *array = json_object_get_array_member (geometry, "arcs");
  GPtrArray *rings = g_ptr_array_new ();

  if (g_strcmp0 (type, "Polygon") == 0)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (rings, read_ring (json_array_get_array_element (array, i)));
    }
  else if (g_strcmp0 (type, "MultiPolygon") == 0)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonArray *polygon = json_array_get_array_element (array, i);
          for (guint j = 0; j < json_array_get_length (polygon); j++)
            g_ptr_array_add (rings, read_ring (json_array_get_array_element (polygon, j)));
        }
    }
  else
    die ("unexpected geometry type %s", type ? type : "(none)");

  return rings;
}

static void
ring_lonlat_bounds (GArray *ring,
                    double  bounds[4])
{
  bounds[0] = bounds[1] = G_MAXDOUBLE;
  bounds[2] = bounds[3] = -G_MAXDOUBLE;
  for (guint i = 0; i < ring->len; i++)
    {
      GArray *points = arc_for_ref (g_array_index (ring, int, i))->points;
      for (guint j = 0; j < points->len; j++)
        {
          Point p = g_array_index (points, Point, j);
          double lon, lat;

          unproject (p.x, p.y, &lon, &lat);
          bounds[0] = MIN (bounds[0], lon);
          bounds[1] = MIN (bounds[1], lat);
          bounds[2] = MAX (bounds[2], lon);
          bounds[3] = MAX (bounds[3], lat);
        }
    }
}

/* Topology: merging the parts of a country */

/* Cancels the arcs a country uses in both directions (the borders between
 * parts that were merged into it) and chains what is left back into rings. */
static void
dissolve (Country *country)
{
  g_autoptr(GHashTable) forward = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) backward = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree gboolean *used = NULL;
  GPtrArray *rings = g_ptr_array_new ();

  for (guint i = 0; i < country->rings->len; i++)
    {
      GArray *ring = g_ptr_array_index (country->rings, i);
      for (guint j = 0; j < ring->len; j++)
        {
          int ref = g_array_index (ring, int, j);
          int index = ref >= 0 ? ref : ~ref;

          g_hash_table_add (ref >= 0 ? forward : backward, GINT_TO_POINTER (index + 1));
        }
    }
  /* An arc used both ways is a border between two merged parts. */
  for (guint i = 0; i < country->rings->len; i++)
    {
      GArray *ring = g_ptr_array_index (country->rings, i);
      for (guint j = 0; j < ring->len; j++)
        {
          int ref = g_array_index (ring, int, j);
          gpointer key = GINT_TO_POINTER ((ref >= 0 ? ref : ~ref) + 1);

          if (!g_hash_table_contains (forward, key) || !g_hash_table_contains (backward, key))
            g_array_append_val (refs, ref);
        }
    }

  used = g_new0 (gboolean, refs->len);
  for (guint start = 0; start < refs->len; start++)
    {
      GArray *ring;
      const gint64 *origin;

      if (used[start])
        continue;
      ring = g_array_new (FALSE, FALSE, sizeof (int));
      used[start] = TRUE;
      g_array_append_val (ring, g_array_index (refs, int, start));
      origin = ref_first (g_array_index (refs, int, start));

      for (;;)
        {
          const gint64 *end = ref_last (g_array_index (ring, int, ring->len - 1));
          gboolean found = FALSE;

          if (end[0] == origin[0] && end[1] == origin[1])
            break;
          for (guint k = 0; k < refs->len; k++)
            {
              const gint64 *first;

              if (used[k])
                continue;
              first = ref_first (g_array_index (refs, int, k));
              if (first[0] == end[0] && first[1] == end[1])
                {
                  used[k] = TRUE;
                  g_array_append_val (ring, g_array_index (refs, int, k));
                  found = TRUE;
                  break;
                }
            }
          if (!found)
            die ("%s: a ring does not close after merging", country->name);
        }
      g_ptr_array_add (rings, ring);
    }

  g_ptr_array_free (country->rings, TRUE);
  country->rings = rings;
}

/* Simplification */

static double
segment_distance2 (Point p,
                   Point a,
                   Point b)
{
  double dx = b.x - a.x, dy = b.y - a.y;
  double len2 = dx * dx + dy * dy;
  double t, ex, ey;

  if (len2 == 0)
    {
      ex = p.x - a.x;
      ey = p.y - a.y;
      return ex * ex + ey * ey;
    }
  t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
  t = CLAMP (t, 0.0, 1.0);
  ex = p.x - (a.x + t * dx);
  ey = p.y - (a.y + t * dy);
  return ex * ex + ey * ey;
}

static void
douglas_peucker (const Point *points,
                 guint        first,
                 guint        last,
                 double       tolerance2,
                 gboolean    *keep)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_val (stack, first);
  g_array_append_val (stack, last);
  while (stack->len > 0)
    {
      guint b = g_array_index (stack, guint, stack->len - 1);
      guint a = g_array_index (stack, guint, stack->len - 2);
      double best = -1;
      guint best_index = 0;

      g_array_set_size (stack, stack->len - 2);
      for (guint i = a + 1; i < b; i++)
        {
          double d = segment_distance2 (points[i], points[a], points[b]);
          if (d > best)
            {
              best = d;
              best_index = i;
            }
        }
      if (best > tolerance2)
        {
          keep[best_index] = TRUE;
          g_array_append_val (stack, a);
          g_array_append_val (stack, best_index);
          g_array_append_val (stack, best_index);
          g_array_append_val (stack, b);
        }
    }
}

static GArray *
simplify_arc (GArray *points,
              double  tolerance)
{
  const Point *p = (const Point *) points->data;
  guint n = points->len;
  g_autofree gboolean *keep = g_new0 (gboolean, n);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Point));

  keep[0] = keep[n - 1] = TRUE;
  if (tolerance <= 0)
    {
      for (guint i = 1; i < n - 1; i++)
        keep[i] = TRUE;
    }
  else if (p[0].x == p[n - 1].x && p[0].y == p[n - 1].y)
    {
      /* A closed arc (an island): split it at its farthest point, or the
       * baseline of the first step would be a single point. */
      double best = -1;
      guint far = n / 2;

      for (guint i = 1; i < n - 1; i++)
        {
          double dx = p[i].x - p[0].x, dy = p[i].y - p[0].y;
          if (dx * dx + dy * dy > best)
            {
              best = dx * dx + dy * dy;
              far = i;
            }
        }
      keep[far] = TRUE;
      douglas_peucker (p, 0, far, tolerance * tolerance, keep);
      douglas_peucker (p, far, n - 1, tolerance * tolerance, keep);
    }
  else
    douglas_peucker (p, 0, n - 1, tolerance * tolerance, keep);

  for (guint i = 0; i < n; i++)
    {
      if (!keep[i])
        continue;
      /* Consecutive duplicates would only cost time when drawing. */
      if (out->len > 0)
        {
          Point last = g_array_index (out, Point, out->len - 1);
          if (last.x == p[i].x && last.y == p[i].y)
            continue;
        }
      g_array_append_val (out, p[i]);
    }
  return out;
}

/* Rings */

static GArray *
assemble_ring (GArray *refs,
               int     level)
{
  GArray *ring = g_array_new (FALSE, FALSE, sizeof (Point));

  for (guint i = 0; i < refs->len; i++)
    {
      int ref = g_array_index (refs, int, i);
      GArray *points = arc_for_ref (ref)->simplified[level];
      guint n = points->len;

      /* Each arc starts where the previous one ended: skip the joint. */
      for (guint j = i == 0 ? 0 : 1; j < n; j++)
        {
          Point p = g_array_index (points, Point, ref >= 0 ? j : n - 1 - j);
          g_array_append_val (ring, p);
        }
    }
  /* Rings are stored open: the last point is not the first again. */
  while (ring->len > 1)
    {
      Point a = g_array_index (ring, Point, 0);
      Point b = g_array_index (ring, Point, ring->len - 1);
      if (a.x != b.x || a.y != b.y)
        break;
      g_array_set_size (ring, ring->len - 1);
    }
  return ring;
}

static double
ring_area (GArray *ring)
{
  const Point *p = (const Point *) ring->data;
  double area = 0;

  for (guint i = 0, j = ring->len - 1; i < ring->len; j = i++)
    area += (p[j].x * p[i].y - p[i].x * p[j].y);
  return area / 2;
}

static void
ring_bounds (GArray *ring,
             double  bounds[4])
{
  bounds[0] = bounds[1] = G_MAXDOUBLE;
  bounds[2] = bounds[3] = -G_MAXDOUBLE;
  for (guint i = 0; i < ring->len; i++)
    {
      Point p = g_array_index (ring, Point, i);
      bounds[0] = MIN (bounds[0], p.x);
      bounds[1] = MIN (bounds[1], p.y);
      bounds[2] = MAX (bounds[2], p.x);
      bounds[3] = MAX (bounds[3], p.y);
    }
}

/* Keeps the part of a ring with lo <= x <= hi (Sutherland–Hodgman, one
 * vertical edge at a time: enough, the cut edges lie on the map's edge). */
static GArray *
clip_x (GArray  *ring,
        double   bound,
        gboolean keep_above)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Point));
  const Point *p = (const Point *) ring->data;
  guint n = ring->len;

  for (guint i = 0; i < n; i++)
    {
      Point cur = p[i];
      Point prev = p[(i + n - 1) % n];
      gboolean cur_in = keep_above ? cur.x >= bound : cur.x <= bound;
      gboolean prev_in = keep_above ? prev.x >= bound : prev.x <= bound;

      if (cur_in != prev_in)
        {
          Point cut;
          double t = (bound - prev.x) / (cur.x - prev.x);
          cut.x = bound;
          cut.y = prev.y + t * (cur.y - prev.y);
          g_array_append_val (out, cut);
        }
      if (cur_in)
        g_array_append_val (out, cur);
    }
  return out;
}

/* Rings of Natural Earth jump from 180° to -180° mid-ring (Russia, Fiji):
 * drawn as they are, the jump is a smear across the whole map. Unwrap such a
 * ring and cut it into one piece per copy of the world it spans. Rings that
 * wind around the pole (Antarctica) jump along the clamped edge of the map,
 * which draws nothing: they stay as they are. */
static void
split_antimeridian (GArray    *ring,
                    GPtrArray *out)
{
  g_autoptr(GArray) unwrapped = g_array_sized_new (FALSE, FALSE, sizeof (Point), ring->len);
  double offset = 0, min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE;
  const Point *p = (const Point *) ring->data;
  double closing;

  for (guint i = 0; i < ring->len; i++)
    {
      Point q = p[i];
      if (i > 0)
        {
          double dx = p[i].x - p[i - 1].x;
          if (dx > 0.5)
            offset -= 1;
          else if (dx < -0.5)
            offset += 1;
        }
      q.x += offset;
      min_x = MIN (min_x, q.x);
      max_x = MAX (max_x, q.x);
      g_array_append_val (unwrapped, q);
    }
  closing = p[0].x - p[ring->len - 1].x;
  if (closing > 0.5)
    offset -= 1;
  else if (closing < -0.5)
    offset += 1;

  if (offset != 0 || (min_x >= 0 && max_x <= 1))
    {
      g_ptr_array_add (out, g_array_ref (ring));
      return;
    }

  for (double cell = floor (min_x); cell < max_x; cell += 1)
    {
      g_autoptr(GArray) left = clip_x (unwrapped, cell, TRUE);
      g_autoptr(GArray) piece = NULL;

      if (left->len < 3)
        continue;
      piece = clip_x (left, cell + 1, FALSE);
      if (piece->len < 3 || fabs (ring_area (piece)) == 0)
        continue;
      for (guint i = 0; i < piece->len; i++)
        g_array_index (piece, Point, i).x -= cell;
      g_ptr_array_add (out, g_steal_pointer (&piece));
    }
}

/* Label point: the pole of inaccessibility, by refining a grid */

static gboolean
inside_rings (GPtrArray *rings,
              double     x,
              double     y)
{
  gboolean inside = FALSE;

  for (guint r = 0; r < rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (rings, r);
      const Point *p = (const Point *) ring->data;

      for (guint i = 0, j = ring->len - 1; i < ring->len; j = i++)
        {
          if ((p[i].y > y) != (p[j].y > y) &&
              x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x)
            inside = !inside;
        }
    }
  return inside;
}

static double
edge_distance (GPtrArray *rings,
               double     x,
               double     y)
{
  double best = G_MAXDOUBLE;
  Point q = { x, y };

  for (guint r = 0; r < rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (rings, r);
      const Point *p = (const Point *) ring->data;

      for (guint i = 0, j = ring->len - 1; i < ring->len; j = i++)
        best = MIN (best, segment_distance2 (q, p[j], p[i]));
    }
  return sqrt (best);
}

static void
place_label (Country *country)
{
  GPtrArray *rings = NULL;
  g_autoptr(GPtrArray) near = g_ptr_array_new ();
  GArray *largest = NULL;
  double largest_area = 0, bounds[4];
  double best_x, best_y, best_d = -G_MAXDOUBLE;
  double cell_w, cell_h;

  /* A mid level is exact enough for a label and far quicker. */
  for (int level = 1; level >= 0 && (rings == NULL || rings->len == 0); level--)
    rings = country->level_rings[level];
  if (rings == NULL || rings->len == 0)
    die ("%s has no ring", country->name);

  for (guint i = 0; i < rings->len; i++)
    {
      GArray *ring = g_ptr_array_index (rings, i);
      double area = fabs (ring_area (ring));
      if (area > largest_area)
        {
          largest_area = area;
          largest = ring;
        }
    }
  ring_bounds (largest, bounds);
  /* Holes and lakes in the largest ring count as edges too. */
  for (guint i = 0; i < rings->len; i++)
    {
      GArray *ring = g_ptr_array_index (rings, i);
      double b[4];
      ring_bounds (ring, b);
      if (b[0] < bounds[2] && b[2] > bounds[0] && b[1] < bounds[3] && b[3] > bounds[1])
        g_ptr_array_add (near, ring);
    }

  best_x = (bounds[0] + bounds[2]) / 2;
  best_y = (bounds[1] + bounds[3]) / 2;
  cell_w = (bounds[2] - bounds[0]) / 24;
  cell_h = (bounds[3] - bounds[1]) / 24;
  for (int round = 0; round < 10; round++)
    {
      double x0 = round == 0 ? bounds[0] : best_x - 12 * cell_w;
      double y0 = round == 0 ? bounds[1] : best_y - 12 * cell_h;
      double round_x = best_x, round_y = best_y;

      for (int i = 0; i <= 24; i++)
        for (int j = 0; j <= 24; j++)
          {
            double x = x0 + i * cell_w, y = y0 + j * cell_h, d;

            if (!inside_rings (near, x, y))
              continue;
            d = edge_distance (near, x, y);
            if (d > best_d)
              {
                best_d = d;
                round_x = x;
                round_y = y;
              }
          }
      best_x = round_x;
      best_y = round_y;
      cell_w /= 4;
      cell_h /= 4;
    }
  if (best_d < 0)
    {
      /* A sliver with no interior point on the grid: its first vertex. */
      best_x = g_array_index (largest, Point, 0).x;
      best_y = g_array_index (largest, Point, 0).y;
    }
  country->label_x = best_x;
  country->label_y = best_y;
}

/* Output */

static void
put_u32 (GArray  *array,
         guint32  value)
{
  guint32 le = GUINT32_TO_LE (value);
  g_array_append_val (array, le);
}

static void
put_f32 (GArray *array,
         double  value)
{
  union { float f; guint32 u; } v = { .f = (float) value };
  put_u32 (array, v.u);
}

static void
put_span (GArray *spans,
          GArray *points_out,
          GArray *points)
{
  double b[4];

  ring_bounds (points, b);
  put_f32 (spans, b[0]);
  put_f32 (spans, b[1]);
  put_f32 (spans, b[2]);
  put_f32 (spans, b[3]);
  put_u32 (spans, points_out->len / 2);
  put_u32 (spans, points->len);
  for (guint i = 0; i < points->len; i++)
    {
      Point p = g_array_index (points, Point, i);
      put_f32 (points_out, p.x);
      put_f32 (points_out, p.y);
    }
}

static gboolean
on_seam (Point a,
         Point b)
{
  const double eps = 1e-9;

  return (a.x <= eps && b.x <= eps) || (a.x >= 1 - eps && b.x >= 1 - eps) ||
         (a.y <= eps && b.y <= eps) || (a.y >= 1 - eps && b.y >= 1 - eps) ||
         fabs (a.x - b.x) > 0.5;
}

/* Strokes an arc as polylines, leaving out the cuts at ±180° and the poles. */
static void
put_lines (GArray *spans,
           GArray *points_out,
           GArray *arc_points,
           guint  *n_lines)
{
  g_autoptr(GArray) line = g_array_new (FALSE, FALSE, sizeof (Point));

  for (guint i = 0; i < arc_points->len; i++)
    {
      Point p = g_array_index (arc_points, Point, i);

      if (line->len > 0 && on_seam (g_array_index (line, Point, line->len - 1), p))
        {
          if (line->len >= 2)
            {
              put_span (spans, points_out, line);
              (*n_lines)++;
            }
          g_array_set_size (line, 0);
        }
      g_array_append_val (line, p);
    }
  if (line->len >= 2)
    {
      put_span (spans, points_out, line);
      (*n_lines)++;
    }
}

static int
compare_countries (gconstpointer a,
                   gconstpointer b)
{
  const Country *ca = *(Country **) a;
  const Country *cb = *(Country **) b;

  /* Named countries first, by code; unnamed land after, by name. */
  if ((ca->alpha2[0] == 0) != (cb->alpha2[0] == 0))
    return ca->alpha2[0] == 0 ? 1 : -1;
  if (ca->alpha2[0] != 0)
    return strcmp (ca->alpha2, cb->alpha2);
  return strcmp (ca->name, cb->name);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(JsonParser) topo_parser = json_parser_new ();
  g_autoptr(JsonParser) iso_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) numeric_to_alpha2 = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) countries = g_ptr_array_new ();
  gboolean *arc_used[N_LEVELS];
  g_autoptr(GArray) levels = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) country_rings = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) points_out = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GString) strings = g_string_new ("");
  JsonArray *iso_list, *geometries;
  JsonObject *topo, *object;
  guint32 level_first_line[N_LEVELS], level_n_lines[N_LEVELS], level_points[N_LEVELS];
  AtlasGeoHeader header = { 0 };
  FILE *out;

  if (argc != 4)
    die ("usage: atlas-geo-compile COUNTRIES.topo.json ISO_3166-1.json OUTPUT");

  if (!json_parser_load_from_file (iso_parser, argv[2], &error))
    die ("%s: %s", argv[2], error->message);
  iso_list = json_object_get_array_member (json_node_get_object (json_parser_get_root (iso_parser)), "3166-1");
  for (guint i = 0; i < json_array_get_length (iso_list); i++)
    {
      JsonObject *entry = json_array_get_object_element (iso_list, i);
      int numeric = atoi (json_object_get_string_member (entry, "numeric"));
      g_hash_table_insert (numeric_to_alpha2, GINT_TO_POINTER (numeric),
                           g_strdup (json_object_get_string_member (entry, "alpha_2")));
    }

  if (!json_parser_load_from_file (topo_parser, argv[1], &error))
    die ("%s: %s", argv[1], error->message);
  topo = json_node_get_object (json_parser_get_root (topo_parser));
  read_arcs (topo);
  object = json_object_get_object_member (json_object_get_object_member (topo, "objects"), "countries");
  geometries = json_object_get_array_member (object, "geometries");

  for (guint i = 0; i < json_array_get_length (geometries); i++)
    {
      JsonObject *geometry = json_array_get_object_element (geometries, i);
      JsonObject *properties = json_object_get_object_member (geometry, "properties");
      const char *name = json_object_get_string_member (properties, "name");
      const char *id = json_object_get_string_member_with_default (geometry, "id", NULL);
      g_autoptr(GPtrArray) rings = read_geometry_rings (geometry);
      const char *code = NULL;
      int numeric = 0;
      Country *country;

      if (id != NULL)
        {
          char *end = NULL;

          errno = 0;
          numeric = (int) strtol (id, &end, 10);
          if (errno != 0 || end == id || *end != '\0')
            die ("%s: id \"%s\" is not a number", name, id);
          code = g_hash_table_lookup (numeric_to_alpha2, GINT_TO_POINTER (numeric));
          if (code == NULL)
            die ("%s: numeric code %d is not in iso-codes", name, numeric);
        }
      else if (g_strcmp0 (name, "N. Cyprus") == 0)
        code = "CY";
      else if (g_strcmp0 (name, "Somaliland") == 0)
        code = "SO";
      else if (g_strcmp0 (name, "Kosovo") == 0)
        code = "XK";

      country = code ? g_hash_table_lookup (by_code, code) : NULL;
      if (country == NULL)
        {
          country = g_new0 (Country, 1);
          if (code)
            {
              g_strlcpy (country->alpha2, code, sizeof country->alpha2);
              g_hash_table_insert (by_code, country->alpha2, country);
            }
          country->rings = g_ptr_array_new ();
          g_ptr_array_add (countries, country);
        }
      /* The country's first own feature names it (Australia, not Ashmore
       * and Cartier Islands), not a part merged into it. */
      if (country->name == NULL || (id != NULL && country->numeric == 0))
        {
          g_free (country->name);
          country->name = g_strdup (name);
          country->numeric = numeric;
        }
      country->n_sources++;
      if (id == NULL && code != NULL && strcmp (code, "XK") != 0)
        country->amended = TRUE;
      for (guint r = 0; r < rings->len; r++)
        g_ptr_array_add (country->rings, g_ptr_array_index (rings, r));
    }

  /* Crimea: the ring of Russia that lies on the peninsula goes to Ukraine. */
  {
    Country *ru = g_hash_table_lookup (by_code, "RU");
    Country *ua = g_hash_table_lookup (by_code, "UA");
    guint moved = 0;

    if (ru == NULL || ua == NULL)
      die ("Russia or Ukraine is missing");
    for (guint r = 0; r < ru->rings->len; r++)
      {
        GArray *ring = g_ptr_array_index (ru->rings, r);
        double b[4];

        ring_lonlat_bounds (ring, b);
        if (b[0] > 32.0 && b[2] < 36.8 && b[1] > 44.2 && b[3] < 46.4 && (b[2] - b[0]) > 3.0)
          {
            g_ptr_array_add (ua->rings, g_ptr_array_steal_index (ru->rings, r));
            r--;
            moved++;
          }
      }
    if (moved != 1)
      die ("expected one ring of Russia in Crimea, found %u", moved);
    ua->amended = ru->amended = TRUE;
    ua->n_sources++;
  }

  for (guint i = 0; i < countries->len; i++)
    {
      Country *country = g_ptr_array_index (countries, i);
      if (country->n_sources > 1)
        dissolve (country);
    }

  for (guint i = 0; i < arcs->len; i++)
    {
      Arc *arc = g_ptr_array_index (arcs, i);
      for (int level = 0; level < N_LEVELS; level++)
        arc->simplified[level] = simplify_arc (arc->points, level_tolerance[level]);
    }

  g_ptr_array_sort (countries, compare_countries);

  /* Rings of every level, and the arcs that stay visible at each level. */
  for (int level = 0; level < N_LEVELS; level++)
    {
      double tolerance = level_tolerance[level];

      arc_used[level] = g_new0 (gboolean, arcs->len);
      level_points[level] = 0;
      for (guint i = 0; i < countries->len; i++)
        {
          Country *country = g_ptr_array_index (countries, i);
          GPtrArray *rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
          double largest_area = -1;
          guint largest = 0;

          country->level_rings[level] = rings;
          /* Keep each country's largest ring at every level, however small,
           * so that it stays clickable and drawable. */
          for (guint r = 0; r < country->rings->len; r++)
            {
              g_autoptr(GArray) ring = assemble_ring (g_ptr_array_index (country->rings, r), 0);
              double area = fabs (ring_area (ring));
              if (area > largest_area)
                {
                  largest_area = area;
                  largest = r;
                }
            }
          for (guint r = 0; r < country->rings->len; r++)
            {
              GArray *refs = g_ptr_array_index (country->rings, r);
              g_autoptr(GArray) ring = assemble_ring (refs, level);
              double b[4];

              if (ring->len < 3 || fabs (ring_area (ring)) == 0)
                {
                  if (r != largest)
                    continue;
                  g_array_unref (ring);
                  ring = assemble_ring (refs, 0);
                }
              ring_bounds (ring, b);
              if (r != largest && b[2] - b[0] < tolerance && b[3] - b[1] < tolerance)
                continue;
              for (guint k = 0; k < refs->len; k++)
                {
                  int ref = g_array_index (refs, int, k);
                  arc_used[level][ref >= 0 ? ref : ~ref] = TRUE;
                }
              split_antimeridian (ring, rings);
            }
          for (guint r = 0; r < rings->len; r++)
            level_points[level] += ((GArray *) g_ptr_array_index (rings, r))->len;
        }
    }

  for (guint i = 0; i < countries->len; i++)
    {
      Country *country = g_ptr_array_index (countries, i);
      GPtrArray *rings = country->level_rings[0];

      country->bbox[0] = country->bbox[1] = G_MAXDOUBLE;
      country->bbox[2] = country->bbox[3] = -G_MAXDOUBLE;
      for (guint r = 0; r < rings->len; r++)
        {
          double b[4];
          ring_bounds (g_ptr_array_index (rings, r), b);
          country->bbox[0] = MIN (country->bbox[0], b[0]);
          country->bbox[1] = MIN (country->bbox[1], b[1]);
          country->bbox[2] = MAX (country->bbox[2], b[2]);
          country->bbox[3] = MAX (country->bbox[3], b[3]);
        }
      place_label (country);
    }

  /* Spans: the rings of each country, level by level, then the lines of
   * each level. */
  for (guint i = 0; i < countries->len; i++)
    {
      Country *country = g_ptr_array_index (countries, i);

      for (int level = 0; level < N_LEVELS; level++)
        {
          GPtrArray *rings = country->level_rings[level];

          put_u32 (country_rings, spans->len / 6);
          put_u32 (country_rings, rings->len);
          for (guint r = 0; r < rings->len; r++)
            put_span (spans, points_out, g_ptr_array_index (rings, r));
        }
    }
  for (int level = 0; level < N_LEVELS; level++)
    {
      level_first_line[level] = spans->len / 6;
      level_n_lines[level] = 0;
      for (guint a = 0; a < arcs->len; a++)
        {
          Arc *arc = g_ptr_array_index (arcs, a);
          if (arc_used[level][a])
            put_lines (spans, points_out, arc->simplified[level], &level_n_lines[level]);
        }
    }

  for (int level = 0; level < N_LEVELS; level++)
    {
      put_f32 (levels, level_tolerance[level]);
      put_u32 (levels, level_first_line[level]);
      put_u32 (levels, level_n_lines[level]);
      put_u32 (levels, level_points[level]);
    }

  g_string_append_c (strings, '\0');
  for (guint i = 0; i < countries->len; i++)
    {
      Country *country = g_ptr_array_index (countries, i);
      guint32 code = 0;

      memcpy (&code, country->alpha2, 2);
      g_array_append_val (records, code);
      put_u32 (records, country->numeric);
      put_u32 (records, country->amended ? ATLAS_GEO_COUNTRY_AMENDED : 0);
      put_u32 (records, strings->len);
      g_string_append_len (strings, country->name, strlen (country->name) + 1);
      put_f32 (records, country->label_x);
      put_f32 (records, country->label_y);
      for (int k = 0; k < 4; k++)
        put_f32 (records, country->bbox[k]);
    }
  while (strings->len % 4 != 0)
    g_string_append_c (strings, '\0');

  G_STATIC_ASSERT (sizeof (AtlasGeoHeader) == 64);
  G_STATIC_ASSERT (sizeof (AtlasGeoCountryRecord) == 40);
  G_STATIC_ASSERT (sizeof (AtlasGeoSpanRecord) == 24);
  memcpy (header.magic, ATLAS_GEO_MAGIC, 8);
  header.version = GUINT32_TO_LE (ATLAS_GEO_VERSION);
  header.n_levels = GUINT32_TO_LE (N_LEVELS);
  header.n_countries = GUINT32_TO_LE (countries->len);
  header.n_spans = GUINT32_TO_LE (spans->len / 6);
  header.n_points = GUINT32_TO_LE (points_out->len / 2);
  header.strings_size = GUINT32_TO_LE (strings->len);
  {
    guint32 offset = sizeof header;

    header.levels_offset = GUINT32_TO_LE (offset);
    offset += levels->len * 4;
    header.countries_offset = GUINT32_TO_LE (offset);
    offset += records->len * 4;
    header.country_rings_offset = GUINT32_TO_LE (offset);
    offset += country_rings->len * 4;
    header.spans_offset = GUINT32_TO_LE (offset);
    offset += spans->len * 4;
    header.points_offset = GUINT32_TO_LE (offset);
    offset += points_out->len * 4;
    header.strings_offset = GUINT32_TO_LE (offset);
    offset += strings->len;
    header.file_size = GUINT32_TO_LE (offset);
  }

  out = fopen (argv[3], "wb");
  if (out == NULL)
    die ("%s: %s", argv[3], g_strerror (errno));
  if (fwrite (&header, sizeof header, 1, out) != 1 ||
      fwrite (levels->data, 4, levels->len, out) != levels->len ||
      fwrite (records->data, 4, records->len, out) != records->len ||
      fwrite (country_rings->data, 4, country_rings->len, out) != country_rings->len ||
      fwrite (spans->data, 4, spans->len, out) != spans->len ||
      fwrite (points_out->data, 4, points_out->len, out) != points_out->len ||
      fwrite (strings->str, 1, strings->len, out) != strings->len ||
      fclose (out) != 0)
    die ("%s: cannot write", argv[3]);

  if (g_getenv ("ATLAS_GEO_COMPILE_VERBOSE"))
    {
      for (int level = 0; level < N_LEVELS; level++)
        fprintf (stderr, "level %d: tolerance %g, %u ring points, %u lines\n",
                 level, level_tolerance[level], level_points[level], level_n_lines[level]);
      fprintf (stderr, "%u countries, %u spans, %u points, %u bytes\n",
               countries->len, spans->len / 6, points_out->len / 2,
               GUINT32_FROM_LE (header.file_size));
    }
  return 0;
}
