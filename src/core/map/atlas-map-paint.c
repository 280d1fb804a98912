/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "atlas-map-paint.h"
#include "atlas-map-projection-private.h"
#include "atlas-map-raster-private.h"

struct _AtlasMapColoring
{
  gatomicrefcount ref_count;
  AtlasWorld *world;
  AtlasLens *lens;
  guint n_countries;
  guint8 *kinds;        /* AtlasMapFillKind */
  int *categories;
  guint32 *colors;
  AtlasPartner **partners;
  guint *counts;        /* [0]: No data; [i + 1]: category i */
  guint n_counts;
  int subject_category; /* the subject's own category in the lens, or -1 */
  guint32 subject_color;
};

G_DEFINE_BOXED_TYPE (AtlasMapColoring, atlas_map_coloring,
                     atlas_map_coloring_ref, atlas_map_coloring_unref)

AtlasMapColoring *
atlas_map_coloring_new (AtlasWorld   *world,
                        AtlasDataset *dataset,
                        const char   *lens_id)
{
  AtlasMapColoring *self;
  GListModel *partners;
  guint n_partners;

  g_return_val_if_fail (world != NULL, NULL);
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  self = g_new0 (AtlasMapColoring, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->world = atlas_world_ref (world);
  self->lens = lens_id ? atlas_dataset_find_lens (dataset, lens_id) : NULL;
  if (self->lens)
    g_object_ref (self->lens);
  self->n_countries = atlas_world_get_n_countries (world);
  self->kinds = g_new0 (guint8, self->n_countries);
  self->categories = g_new (int, self->n_countries);
  self->colors = g_new (guint32, self->n_countries);
  self->partners = g_new0 (AtlasPartner *, self->n_countries);
  self->n_counts = 1 + (self->lens ? atlas_lens_get_n_categories (self->lens) : 0);
  self->counts = g_new0 (guint, self->n_counts);
  self->subject_color = atlas_dataset_get_subject_color (dataset);
  self->subject_category = -1;
  if (self->lens != NULL)
    {
      const char *own = atlas_dataset_get_subject_indicator (dataset, lens_id);

      self->subject_category = own ? atlas_lens_get_category_index (self->lens, own) : -1;
    }

  for (guint i = 0; i < self->n_countries; i++)
    {
      const char *alpha2 = atlas_world_country_get_alpha2 (world, i);

      self->categories[i] = -1;
      if (alpha2 != NULL && atlas_dataset_is_member (dataset, alpha2))
        {
          self->kinds[i] = ATLAS_MAP_FILL_SUBJECT;
          /* The subject's own category, when it has one, for agreement
           * with it to show; an outline keeps its members one */
          if (self->subject_category >= 0)
            {
              g_autoptr(AtlasCategory) own = g_list_model_get_item (atlas_lens_get_categories (self->lens),
                                                                     self->subject_category);

              self->colors[i] = atlas_category_get_color (own);
              self->categories[i] = self->subject_category;
            }
          else
            self->colors[i] = self->subject_color;
        }
      else
        {
          self->kinds[i] = ATLAS_MAP_FILL_OTHER;
          self->colors[i] = ATLAS_MAP_OTHER_COLOR;
        }
    }

  partners = atlas_dataset_get_partners (dataset);
  n_partners = g_list_model_get_n_items (partners);
  for (guint p = 0; p < n_partners; p++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, p);
      int country = atlas_world_find_country (world, atlas_partner_get_id (partner));
      const char *category_id = lens_id ? atlas_partner_get_indicator (partner, lens_id) : NULL;
      int category = -1;

      if (self->lens && category_id)
        category = atlas_lens_get_category_index (self->lens, category_id);
      self->counts[category + 1]++;

      /* A partner the outlines do not know is still counted in the legend. */
      if (country < 0)
        continue;
      self->partners[country] = g_object_ref (partner);
      self->categories[country] = category;
      if (category >= 0)
        {
          g_autoptr(AtlasCategory) cat = g_list_model_get_item (atlas_lens_get_categories (self->lens), category);
          self->kinds[country] = ATLAS_MAP_FILL_CATEGORY;
          self->colors[country] = atlas_category_get_color (cat);
        }
      else
        {
          self->kinds[country] = ATLAS_MAP_FILL_NO_DATA;
          self->colors[country] = ATLAS_MAP_NO_DATA_COLOR;
        }
    }
  return self;
}

AtlasMapColoring *
atlas_map_coloring_ref (AtlasMapColoring *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
atlas_map_coloring_unref (AtlasMapColoring *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < self->n_countries; i++)
    g_clear_object (&self->partners[i]);
  g_free (self->partners);
  g_free (self->kinds);
  g_free (self->categories);
  g_free (self->colors);
  g_free (self->counts);
  g_clear_object (&self->lens);
  atlas_world_unref (self->world);
  g_free (self);
}

AtlasWorld *
atlas_map_coloring_get_world (AtlasMapColoring *self)
{
  return self->world;
}

AtlasLens *
atlas_map_coloring_get_lens (AtlasMapColoring *self)
{
  return self->lens;
}

AtlasMapFillKind
atlas_map_coloring_get_kind (AtlasMapColoring *self,
                             guint             country)
{
  g_return_val_if_fail (country < self->n_countries, ATLAS_MAP_FILL_OTHER);

  return self->kinds[country];
}

guint32
atlas_map_coloring_get_color (AtlasMapColoring *self,
                              guint             country)
{
  g_return_val_if_fail (country < self->n_countries, ATLAS_MAP_OTHER_COLOR);

  return self->colors[country];
}

int
atlas_map_coloring_get_category (AtlasMapColoring *self,
                                 guint             country)
{
  g_return_val_if_fail (country < self->n_countries, -1);

  return self->categories[country];
}

AtlasPartner *
atlas_map_coloring_get_partner (AtlasMapColoring *self,
                                guint             country)
{
  g_return_val_if_fail (country < self->n_countries, NULL);

  return self->partners[country];
}

int
atlas_map_coloring_get_subject_category (AtlasMapColoring *self)
{
  return self->subject_category;
}

guint32
atlas_map_coloring_get_subject_color (AtlasMapColoring *self)
{
  return self->subject_color;
}

guint
atlas_map_coloring_count (AtlasMapColoring *self,
                          int               category)
{
  if (category < -1 || category + 1 >= (int) self->n_counts)
    return 0;
  return self->counts[category + 1];
}

static guint32
mix_channel (guint32 from,
             guint32 to,
             int     shift,
             double  progress)
{
  double a = (from >> shift) & 0xff;
  double b = (to >> shift) & 0xff;

  return (guint32) CLAMP (lround (a + (b - a) * progress), 0, 255) << shift;
}

AtlasMapColoring *
atlas_map_coloring_new_blend (AtlasMapColoring *from,
                              AtlasMapColoring *to,
                              double            progress)
{
  AtlasMapColoring *self;

  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  if (progress >= 1.0 || from->world != to->world || from->n_countries != to->n_countries)
    return atlas_map_coloring_ref (to);
  progress = MAX (progress, 0.0);

  self = g_new0 (AtlasMapColoring, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->world = atlas_world_ref (to->world);
  self->lens = to->lens ? g_object_ref (to->lens) : NULL;
  self->n_countries = to->n_countries;
  self->kinds = g_memdup2 (to->kinds, to->n_countries * sizeof *to->kinds);
  self->categories = g_memdup2 (to->categories, to->n_countries * sizeof *to->categories);
  self->colors = g_new (guint32, to->n_countries);
  self->partners = g_new0 (AtlasPartner *, to->n_countries);
  self->n_counts = to->n_counts;
  self->counts = g_memdup2 (to->counts, to->n_counts * sizeof *to->counts);
  /* The subject's own category and colour are the new colouring's (a
   * zeroed blend would outline the members in black on every lens) */
  self->subject_category = to->subject_category;
  self->subject_color = to->subject_color;

  for (guint i = 0; i < self->n_countries; i++)
    {
      guint32 a = from->colors[i], b = to->colors[i];

      if (to->partners[i] != NULL)
        self->partners[i] = g_object_ref (to->partners[i]);
      self->colors[i] = a == b ? b
                               : mix_channel (a, b, 16, progress) |
                                 mix_channel (a, b, 8, progress) |
                                 mix_channel (a, b, 0, progress);
    }

  return self;
}

/* Painting */

static void
set_color (cairo_t *cr,
           guint32  rgb,
           double   alpha)
{
  cairo_set_source_rgba (cr,
                         ((rgb >> 16) & 0xff) / 255.0,
                         ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0,
                         alpha);
}

/* The world's width on the target, in device pixels: what picks the
 * outlines' level of detail. */
static double
world_pixels (const AtlasMapFrame *frame)
{
  return atlas_map_frame_get_world_width (frame) / frame->pixel;
}

static gboolean
box_visible (double               min_x,
             double               min_y,
             double               max_x,
             double               max_y,
             const AtlasMapFrame *frame)
{
  double x1 = frame->x + frame->width / frame->scale;
  double y1 = frame->y + frame->height / frame->scale;

  return max_x >= frame->x && min_x <= x1 && max_y >= frame->y && min_y <= y1;
}

/* What a pass of the painter draws: everything, or (with the projected
 * outlines) first what lies inside the map's edge, unclipped, then the few
 * rings and lines that run past it, clipped to the outline: a clip path
 * over the whole world would double a frame's cost. */
typedef enum
{
  PASS_ALL,
  PASS_INSIDE,
  PASS_STRADDLING,
} Pass;

static gboolean span_visible (const AtlasGeoSpan  *span,
                              const AtlasMapFrame *frame,
                              const AtlasMapProjected     *pw);

static gboolean
span_visible_in (const AtlasGeoSpan  *span,
                 const AtlasMapFrame *frame,
                 const AtlasMapProjected     *pw,
                 Pass                 pass)
{
  if (pw != NULL)
    {
      const AtlasMapProjectedSpan *ps = atlas_map_projected_span (pw, span);

      if ((pass == PASS_INSIDE && ps->straddles) || (pass == PASS_STRADDLING && !ps->straddles))
        return FALSE;
      return box_visible (ps->min_x, ps->min_y, ps->max_x, ps->max_y, frame);
    }
  return span_visible (span, frame, NULL);
}

static gboolean
span_visible (const AtlasGeoSpan  *span,
              const AtlasMapFrame *frame,
              const AtlasMapProjected     *pw)
{
  if (pw != NULL)
    {
      const AtlasMapProjectedSpan *ps = atlas_map_projected_span (pw, span);

      return box_visible (ps->min_x, ps->min_y, ps->max_x, ps->max_y, frame);
    }
  if (frame->projection != ATLAS_MAP_PROJECTION_MERCATOR)
    return TRUE;
  return box_visible (span->min_x, span->min_y, span->max_x, span->max_y, frame);
}

static void
append_span (cairo_t             *cr,
             const AtlasGeoPoint *points,
             const AtlasGeoSpan  *span,
             const AtlasMapFrame *frame,
             const AtlasMapProjected     *pw,
             gboolean             close)
{
  const AtlasGeoPoint *p = points + span->first;
  double s = frame->scale, ox = frame->x, oy = frame->y;

  if (pw != NULL)
    p = atlas_map_projected_span (pw, span)->points;
  else if (frame->projection == ATLAS_MAP_PROJECTION_EQUAL_EARTH)
    {
      /* Another central meridian: projected here, as project_span () does. */
      double mid = ((span->min_x + span->max_x) / 2) * 360.0 - 180.0;
      double centre = frame->central_longitude;
      double shift = (fmod (mid - centre + 540.0, 360.0) - 180.0) - (mid - centre);

      for (guint i = 0; i < span->count; i++)
        {
          double lon, lat, x, y;

          atlas_geo_map_to_lonlat (p[i].x, p[i].y, &lon, &lat);
          atlas_map_equal_earth_unwrapped ((lon - centre + shift) * G_PI / 180.0, lat, &x, &y);
          if (i == 0)
            cairo_move_to (cr, (x - ox) * s, (y - oy) * s);
          else
            cairo_line_to (cr, (x - ox) * s, (y - oy) * s);
        }
      if (close)
        cairo_close_path (cr);
      return;
    }

  cairo_move_to (cr, (p[0].x - ox) * s, (p[0].y - oy) * s);
  for (guint i = 1; i < span->count; i++)
    cairo_line_to (cr, (p[i].x - ox) * s, (p[i].y - oy) * s);
  if (close)
    cairo_close_path (cr);
}

static gboolean
append_country_in (cairo_t             *cr,
                   AtlasWorld          *world,
                   guint                country,
                   guint                level,
                   const AtlasMapFrame *frame,
                   const AtlasMapProjected     *pw,
                   Pass                 pass)
{
  const AtlasGeoPoint *points = atlas_world_get_points (world);
  const AtlasGeoSpan *rings;
  gboolean any = FALSE;
  guint n;

  rings = atlas_world_country_get_rings (world, country, level, &n);
  for (guint r = 0; r < n; r++)
    if (span_visible_in (&rings[r], frame, pw, pass))
      {
        append_span (cr, points, &rings[r], frame, pw, TRUE);
        any = TRUE;
      }
  return any;
}

static void
append_country (cairo_t             *cr,
                AtlasWorld          *world,
                guint                country,
                guint                level,
                const AtlasMapFrame *frame,
                const AtlasMapProjected     *pw)
{
  append_country_in (cr, world, country, level, frame, pw, PASS_ALL);
}

void
atlas_map_paint_append_country (cairo_t             *cr,
                                AtlasWorld          *world,
                                guint                country,
                                const AtlasMapFrame *frame)
{
  guint level;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (world != NULL);
  g_return_if_fail (country < atlas_world_get_n_countries (world));

  level = atlas_world_pick_level (world, world_pixels (frame));
  append_country (cr, world, country, level, frame, atlas_map_projected_get (world, frame, level));
}

#define N_HATCHES 7
#define HATCH_SIZE 8

/* One tile of a hatch, in device pixels, drawn on pixel centres so that
 * thin lines stay crisp. */
static cairo_pattern_t *
create_hatch (int kind)
{
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, HATCH_SIZE, HATCH_SIZE);
  cairo_t *cr = cairo_create (tile);
  cairo_pattern_t *pattern;

  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.55);
  cairo_set_line_width (cr, 1.0);
  switch (kind)
    {
    case 0: /* / */
      cairo_move_to (cr, 0, HATCH_SIZE);
      cairo_line_to (cr, HATCH_SIZE, 0);
      cairo_move_to (cr, -1, 1);
      cairo_line_to (cr, 1, -1);
      cairo_move_to (cr, HATCH_SIZE - 1, HATCH_SIZE + 1);
      cairo_line_to (cr, HATCH_SIZE + 1, HATCH_SIZE - 1);
      cairo_stroke (cr);
      break;
    case 1: /* \ */
      cairo_move_to (cr, 0, 0);
      cairo_line_to (cr, HATCH_SIZE, HATCH_SIZE);
      cairo_move_to (cr, -1, HATCH_SIZE - 1);
      cairo_line_to (cr, 1, HATCH_SIZE + 1);
      cairo_move_to (cr, HATCH_SIZE - 1, -1);
      cairo_line_to (cr, HATCH_SIZE + 1, 1);
      cairo_stroke (cr);
      break;
    case 2: /* horizontal */
      cairo_rectangle (cr, 0, 3, HATCH_SIZE, 1);
      cairo_fill (cr);
      break;
    case 3: /* vertical */
      cairo_rectangle (cr, 3, 0, 1, HATCH_SIZE);
      cairo_fill (cr);
      break;
    case 4: /* dots */
      cairo_rectangle (cr, 2, 2, 2, 2);
      cairo_rectangle (cr, 6, 6, 2, 2);
      cairo_fill (cr);
      break;
    case 5: /* grid */
      cairo_rectangle (cr, 0, 3, HATCH_SIZE, 1);
      cairo_rectangle (cr, 3, 0, 1, HATCH_SIZE);
      cairo_fill (cr);
      break;
    default: /* cross-hatch */
      cairo_move_to (cr, 0, HATCH_SIZE);
      cairo_line_to (cr, HATCH_SIZE, 0);
      cairo_move_to (cr, 0, 0);
      cairo_line_to (cr, HATCH_SIZE, HATCH_SIZE);
      cairo_stroke (cr);
      break;
    }
  cairo_destroy (cr);
  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);
  return pattern;
}

static cairo_pattern_t *
get_hatch (int category)
{
  static cairo_pattern_t *hatches[N_HATCHES];
  int kind = category % N_HATCHES;

  if (g_once_init_enter (&hatches[kind]))
    g_once_init_leave (&hatches[kind], create_hatch (kind));
  return hatches[kind];
}


static cairo_pattern_t *
create_no_data_hatch (void)
{
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, NO_DATA_HATCH_SIZE, NO_DATA_HATCH_SIZE);
  cairo_t *cr = cairo_create (tile);
  cairo_pattern_t *pattern;

  set_color (cr, ATLAS_MAP_NO_DATA_HATCH_COLOR, 1.0);
  for (int y = 0; y < NO_DATA_HATCH_SIZE; y++)
    for (int x = 0; x < NO_DATA_HATCH_SIZE; x++)
      if ((x + y) % NO_DATA_HATCH_SIZE == 0)
        cairo_rectangle (cr, x, y, 1, 1);
  cairo_fill (cr);
  cairo_destroy (cr);
  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_surface_destroy (tile);
  return pattern;
}

void
atlas_map_paint_no_data_hatch (cairo_t *cr,
                               double   pixel)
{
  static cairo_pattern_t *hatch;
  cairo_matrix_t matrix;
  cairo_pattern_t *pattern;
  cairo_surface_t *tile;

  if (g_once_init_enter (&hatch))
    g_once_init_leave (&hatch, create_no_data_hatch ());
  /* A pattern of its own: its matrix is not to be shared between threads */
  cairo_pattern_get_surface (hatch, &tile);
  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  /* One pattern unit is one device pixel. */
  cairo_matrix_init_scale (&matrix, 1 / pixel, 1 / pixel);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (cr, pattern);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (pattern);
}

void
atlas_map_paint_hatch (cairo_t *cr,
                       int      category,
                       double   pixel)
{
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;

  if (category < 0)
    return;
  pattern = get_hatch (category);
  /* One pattern unit is one device pixel. */
  cairo_matrix_init_scale (&matrix, 1 / pixel, 1 / pixel);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (cr, pattern);
  cairo_fill_preserve (cr);
}

#define LINE_ALPHA 0.9

/* Blends one colour into a premultiplied ARGB32 pixel. */
static inline void
blend_pixel (guint32 *pixel,
             guint32  rgb,
             double   alpha)
{
  guint32 d = *pixel;
  guint a = (guint) (alpha * 255 + 0.5);
  guint inv = 255 - a;
  guint out_a = a + (((d >> 24) & 0xff) * inv + 127) / 255;
  guint out_r = (((rgb >> 16) & 0xff) * a + ((d >> 16) & 0xff) * inv + 127) / 255;
  guint out_g = (((rgb >> 8) & 0xff) * a + ((d >> 8) & 0xff) * inv + 127) / 255;
  guint out_b = ((rgb & 0xff) * a + (d & 0xff) * inv + 127) / 255;

  *pixel = (out_a << 24) | (out_r << 16) | (out_g << 8) | out_b;
}

typedef struct
{
  guint8 *data;
  int stride;
  int x0, y0, x1, y1;   /* the clip, in device pixels */
  guint32 rgb;
  double alpha;
} Raster;

static inline void
plot (Raster *r,
      int     x,
      int     y,
      double  coverage)
{
  if (x < r->x0 || x >= r->x1 || y < r->y0 || y >= r->y1 || coverage <= 0)
    return;
  blend_pixel ((guint32 *) (r->data + y * r->stride) + x, r->rgb, r->alpha * coverage);
}

/* An anti-aliased line one pixel wide (after Xiaolin Wu), in device pixels.
 * Each segment covers the columns (or rows) [start, end) so that a polyline
 * draws its joints once. */
static void
wu_segment (Raster *r,
            double  x0,
            double  y0,
            double  x1,
            double  y1)
{
  gboolean steep = fabs (y1 - y0) > fabs (x1 - x0);
  double gradient;
  int start, end;

  /* Pixel centres sit at half-integers. */
  x0 -= 0.5; y0 -= 0.5; x1 -= 0.5; y1 -= 0.5;
  if (steep)
    {
      double t;
      t = x0; x0 = y0; y0 = t;
      t = x1; x1 = y1; y1 = t;
    }
  if (x0 > x1)
    {
      double t;
      t = x0; x0 = x1; x1 = t;
      t = y0; y0 = y1; y1 = t;
    }
  if (x1 - x0 < 1e-9)
    return;
  gradient = (y1 - y0) / (x1 - x0);
  start = (int) ceil (x0);
  end = (int) ceil (x1);
  /* Skip what lies outside the clip. */
  if (steep)
    {
      start = MAX (start, r->y0 - 1);
      end = MIN (end, r->y1 + 1);
    }
  else
    {
      start = MAX (start, r->x0 - 1);
      end = MIN (end, r->x1 + 1);
    }
  for (int x = start; x < end; x++)
    {
      double y = y0 + gradient * (x - x0);
      double yf = floor (y);
      double f = y - yf;
      int yi = (int) yf;

      if (steep)
        {
          plot (r, yi, x, 1 - f);
          plot (r, yi + 1, x, f);
        }
      else
        {
          plot (r, x, yi, 1 - f);
          plot (r, x, yi + 1, f);
        }
    }
}

/* cairo's stroker spends some 30 ms on the world's borders at 1080p; lines
 * one device pixel wide drawn straight into an image surface cost a few.
 * Returns FALSE when the target is not a plain image surface with an
 * axis-aligned transformation (PDF, SVG, recordings): stroke those. */
static gboolean
stroke_hairlines_in_place (cairo_t             *cr,
                           const AtlasGeoPoint *points,
                           const AtlasGeoSpan  *lines,
                           guint                n_lines,
                           const AtlasMapFrame *frame,
                           const AtlasMapProjected     *pw,
                           Pass                 pass,
                           guint32              rgb,
                           double               alpha)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double ox = 0, oy = 0, ax = 1, ay = 0, bx = 0, by = 1;
  double fx0 = 0, fy0 = 0, fx1 = frame->width, fy1 = frame->height;
  double sx, sy;
  Raster r;

  if ((frame->projection != ATLAS_MAP_PROJECTION_MERCATOR && pw == NULL) || pass == PASS_STRADDLING ||
      cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      (cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32 &&
       cairo_image_surface_get_format (target) != CAIRO_FORMAT_RGB24))
    return FALSE;
  cairo_user_to_device (cr, &ox, &oy);
  cairo_user_to_device (cr, &ax, &ay);
  cairo_user_to_device (cr, &bx, &by);
  if (fabs (ay - oy) > 1e-9 || fabs (bx - ox) > 1e-9)
    return FALSE;
  sx = ax - ox;
  sy = by - oy;
  /* One device pixel wide: only when a frame pixel is a device pixel. */
  if (fabs (sx * frame->pixel - 1) > 1e-6 || fabs (sy * frame->pixel - 1) > 1e-6)
    return FALSE;

  cairo_user_to_device (cr, &fx0, &fy0);
  cairo_user_to_device (cr, &fx1, &fy1);
  cairo_surface_flush (target);
  r.data = cairo_image_surface_get_data (target);
  r.stride = cairo_image_surface_get_stride (target);
  r.x0 = MAX (0, (int) floor (MIN (fx0, fx1)));
  r.y0 = MAX (0, (int) floor (MIN (fy0, fy1)));
  r.x1 = MIN (cairo_image_surface_get_width (target), (int) ceil (MAX (fx0, fx1)));
  r.y1 = MIN (cairo_image_surface_get_height (target), (int) ceil (MAX (fy0, fy1)));
  r.rgb = rgb;
  r.alpha = alpha;

  for (guint i = 0; i < n_lines; i++)
    {
      const AtlasGeoPoint *p = pw ? atlas_map_projected_span (pw, &lines[i])->points : points + lines[i].first;
      double px, py;

      if (!span_visible_in (&lines[i], frame, pw, pass))
        continue;
      px = ox + (p[0].x - frame->x) * frame->scale * sx;
      py = oy + (p[0].y - frame->y) * frame->scale * sy;
      for (guint k = 1; k < lines[i].count; k++)
        {
          double qx = ox + (p[k].x - frame->x) * frame->scale * sx;
          double qy = oy + (p[k].y - frame->y) * frame->scale * sy;

          if (!((px < r.x0 && qx < r.x0) || (px > r.x1 && qx > r.x1) ||
                (py < r.y0 && qy < r.y0) || (py > r.y1 && qy > r.y1)))
            wu_segment (&r, px, py, qx, qy);
          px = qx;
          py = qy;
        }
    }
  cairo_surface_mark_dirty (target);
  return TRUE;
}

/* What a pass draws: the fills in the colouring's colours, or (with no
 * colouring) each country in its own number for a raster; the lines. */
typedef enum
{
  DRAW_FILLS = 1 << 0,
  DRAW_LINES = 1 << 1,
} Draw;


static void
paint_pass (cairo_t             *cr,
            AtlasWorld          *world,
            AtlasMapColoring    *coloring,
            const AtlasMapFrame *frame,
            AtlasMapPaintFlags   flags,
            guint                level,
            const AtlasMapProjected     *pw,
            Pass                 pass,
            Draw                 draw)
{
  const AtlasGeoPoint *points = atlas_world_get_points (world);
  const AtlasGeoSpan *lines;
  double fill_alpha = (flags & ATLAS_MAP_PAINT_TRANSLUCENT) ? 0.6 : 1.0;
  guint n_lines, n_countries = atlas_world_get_n_countries (world);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  /* Half the cost of the default on the world's coasts, and as smooth to
   * the eye once the borders are drawn over the edges. A raster holds
   * whole numbers: no antialiasing there (the lines cover the edges). */
  cairo_set_antialias (cr, coloring ? CAIRO_ANTIALIAS_FAST : CAIRO_ANTIALIAS_NONE);
  for (guint c = 0; (draw & DRAW_FILLS) && c < n_countries; c++)
    {
      AtlasGeoSpan bounds;
      double x0, y0, x1, y1;

      if (pw != NULL)
        {
          const float *b = atlas_map_projected_country_bounds (pw, level, c);

          if (!box_visible (b[0], b[1], b[2], b[3], frame))
            continue;
        }
      else
        {
          atlas_world_country_get_bounds (world, c, &x0, &y0, &x1, &y1);
          bounds = (AtlasGeoSpan) { x0, y0, x1, y1, 0, 0 };
          if (!span_visible (&bounds, frame, NULL))
            continue;
        }
      if (!append_country_in (cr, world, c, level, frame, pw, pass))
        continue;
      if (coloring == NULL)
        {
          set_color (cr, RASTER_COUNTRY (c), 1.0);
          cairo_fill (cr);
          continue;
        }
      set_color (cr, coloring->colors[c], fill_alpha);
      if ((flags & ATLAS_MAP_PAINT_HATCH) && coloring->categories[c] >= 0)
        {
          cairo_fill_preserve (cr);
          atlas_map_paint_hatch (cr, coloring->categories[c], frame->pixel);
          cairo_new_path (cr);
        }
      else if (coloring->kinds[c] == ATLAS_MAP_FILL_NO_DATA)
        {
          cairo_fill_preserve (cr);
          atlas_map_paint_no_data_hatch (cr, frame->pixel);
          cairo_new_path (cr);
        }
      else
        cairo_fill (cr);
    }

  if (!(draw & DRAW_LINES))
    return;
  /* Borders and coasts: one device pixel, each drawn once. */
  lines = atlas_world_get_lines (world, level, &n_lines);
  if (!stroke_hairlines_in_place (cr, points, lines, n_lines, frame, pw, pass, ATLAS_MAP_COAST_COLOR, LINE_ALPHA))
    {
      for (guint i = 0; i < n_lines; i++)
        if (span_visible_in (&lines[i], frame, pw, pass))
          append_span (cr, points, &lines[i], frame, pw, FALSE);
      cairo_set_line_width (cr, frame->pixel);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
      set_color (cr, ATLAS_MAP_COAST_COLOR, LINE_ALPHA);
      cairo_stroke (cr);
    }

}

static void paint_subject_outline (cairo_t             *cr,
                                   AtlasMapColoring    *coloring,
                                   const AtlasMapFrame *frame,
                                   guint                level,
                                   const AtlasMapProjected     *pw);

void
atlas_map_paint (cairo_t             *cr,
                 AtlasMapColoring    *coloring,
                 const AtlasMapFrame *frame,
                 AtlasMapPaintFlags   flags)
{
  AtlasWorld *world;
  guint level;
  const AtlasMapProjected *pw;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (coloring != NULL);
  g_return_if_fail (frame != NULL && frame->scale > 0 && frame->pixel > 0);

  world = coloring->world;
  level = atlas_world_pick_level (world, world_pixels (frame));
  pw = atlas_map_projected_get (world, frame, level);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, frame->width, frame->height);
  cairo_clip (cr);
  if (frame->projection == ATLAS_MAP_PROJECTION_EQUAL_EARTH)
    {
      /* Around the world's outline, the window's own background; inside
       * it, the sea; land cut by the edge meridian stops at the edge. */
      if (!(flags & ATLAS_MAP_PAINT_NO_OCEAN))
        {
          set_color (cr, (flags & ATLAS_MAP_PAINT_DARK) ? ATLAS_MAP_SPACE_DARK_COLOR : ATLAS_MAP_SPACE_COLOR, 1.0);
          cairo_paint (cr);
          atlas_map_frame_append_outline (cr, frame);
          set_color (cr, ATLAS_MAP_OCEAN_COLOR, 1.0);
          cairo_fill (cr);
        }
      if (pw == NULL)
        {
          atlas_map_frame_append_outline (cr, frame);
          cairo_clip (cr);
        }
    }
  else if (!(flags & ATLAS_MAP_PAINT_NO_OCEAN))
    {
      set_color (cr, ATLAS_MAP_OCEAN_COLOR, 1.0);
      cairo_paint (cr);
    }

  if (pw == NULL)
    paint_pass (cr, world, coloring, frame, flags, level, pw, PASS_ALL, DRAW_FILLS | DRAW_LINES);
  else
    {
      paint_pass (cr, world, coloring, frame, flags, level, pw, PASS_INSIDE, DRAW_FILLS | DRAW_LINES);
      atlas_map_frame_append_outline (cr, frame);
      cairo_clip (cr);
      paint_pass (cr, world, coloring, frame, flags, level, pw, PASS_STRADDLING, DRAW_FILLS | DRAW_LINES);
    }
  paint_subject_outline (cr, coloring, frame, level, pw);

  cairo_restore (cr);
}

/* When the subject has a category of its own, its members take that
 * category's colour; a line in the subject's colour around them, outside
 * their outer edge only (not between members), keeps them one. */
static void
paint_subject_outline (cairo_t             *cr,
                       AtlasMapColoring    *coloring,
                       const AtlasMapFrame *frame,
                       guint                level,
                       const AtlasMapProjected     *pw)
{
  AtlasWorld *world = coloring->world;
  double width = 4 * frame->pixel, x0, y0, x1, y1;
  gboolean any = FALSE;

  if (coloring->subject_category < 0)
    return;

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint c = 0; c < coloring->n_countries; c++)
    if (coloring->kinds[c] == ATLAS_MAP_FILL_SUBJECT)
      {
        append_country (cr, world, c, level, frame, pw);
        any = TRUE;
      }
  if (!any)
    {
      cairo_restore (cr);
      return;
    }
  /* Only around the members: a group the size of the whole target would
   * cost more than the map */
  cairo_path_extents (cr, &x0, &y0, &x1, &y1);
  {
    cairo_path_t *path = cairo_copy_path (cr);

    cairo_new_path (cr);
    cairo_rectangle (cr, x0 - 2 * width, y0 - 2 * width, x1 - x0 + 4 * width, y1 - y0 + 4 * width);
    cairo_clip (cr);
    cairo_push_group (cr);
    cairo_append_path (cr, path);
    cairo_path_destroy (path);
  }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, width);
  set_color (cr, coloring->subject_color, 1.0);
  cairo_stroke_preserve (cr);
  /* The inner half of the line, and the lines between members, go */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_fill (cr);
  cairo_pop_group_to_source (cr);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Rasters (atlas-map-raster.c): the numbers and the lines they are drawn
 * with. */

void
atlas_map_raster_draw_numbers (cairo_t             *cr,
                               AtlasWorld          *world,
                               const AtlasMapFrame *frame,
                               guint                level)
{
  const AtlasMapProjected *pw = atlas_map_projected_get (world, frame, level);

  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  set_color (cr, frame->projection == ATLAS_MAP_PROJECTION_EQUAL_EARTH ? RASTER_SPACE : RASTER_OCEAN, 1.0);
  cairo_paint (cr);
  if (frame->projection == ATLAS_MAP_PROJECTION_EQUAL_EARTH)
    {
      atlas_map_frame_append_outline (cr, frame);
      set_color (cr, RASTER_OCEAN, 1.0);
      cairo_fill (cr);
    }
  if (pw == NULL)
    paint_pass (cr, world, NULL, frame, 0, level, pw, PASS_ALL, DRAW_FILLS);
  else
    {
      paint_pass (cr, world, NULL, frame, 0, level, pw, PASS_INSIDE, DRAW_FILLS);
      atlas_map_frame_append_outline (cr, frame);
      cairo_clip (cr);
      paint_pass (cr, world, NULL, frame, 0, level, pw, PASS_STRADDLING, DRAW_FILLS);
    }
}

void
atlas_map_raster_draw_lines (cairo_t             *cr,
                             AtlasWorld          *world,
                             const AtlasMapFrame *frame,
                             guint                level)
{
  const AtlasMapProjected *pw = atlas_map_projected_get (world, frame, level);

  if (pw == NULL)
    paint_pass (cr, world, NULL, frame, 0, level, pw, PASS_ALL, DRAW_LINES);
  else
    {
      paint_pass (cr, world, NULL, frame, 0, level, pw, PASS_INSIDE, DRAW_LINES);
      atlas_map_frame_append_outline (cr, frame);
      cairo_clip (cr);
      paint_pass (cr, world, NULL, frame, 0, level, pw, PASS_STRADDLING, DRAW_LINES);
    }
}

void
atlas_map_raster_draw_subject_outline (cairo_t             *cr,
                                       AtlasMapColoring    *coloring,
                                       const AtlasMapFrame *frame,
                                       guint                level)
{
  paint_subject_outline (cr, coloring, frame, level,
                         atlas_map_projected_get (coloring->world, frame, level));
}

guint
atlas_map_raster_pick_level (AtlasWorld          *world,
                             const AtlasMapFrame *frame)
{
  return atlas_world_pick_level (world, world_pixels (frame));
}

void
atlas_map_paint_outline (cairo_t             *cr,
                         AtlasWorld          *world,
                         guint                country,
                         const AtlasMapFrame *frame)
{
  guint level;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (world != NULL);
  g_return_if_fail (country < atlas_world_get_n_countries (world));

  level = atlas_world_pick_level (world, world_pixels (frame));
  cairo_save (cr);
  cairo_new_path (cr);
  append_country (cr, world, country, level, frame, atlas_map_projected_get (world, frame, level));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* A halo, not a heavy black line: at world scale a thick stroke would
   * swallow a small country and every island of a big one. A soft dark
   * edge, a white halo and a hairline read on every fill colour. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 5 * frame->pixel);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_line_width (cr, 3 * frame->pixel);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 0.08, 0.08, 0.1, 0.8);
  cairo_set_line_width (cr, 1 * frame->pixel);
  cairo_stroke (cr);
  cairo_restore (cr);
}
