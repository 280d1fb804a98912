/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A map drawn once for a frame as the number of the country at each device
 * pixel, with its borders and coasts apart (atlas-map-paint.h): a new
 * colouring is a look-up per pixel, and a colouring that differs from the
 * one on show in a few countries (a step in time) is a look-up over the
 * tiles those countries touch only. */

#include "config.h"

#include <math.h>

#include "atlas-map-raster-private.h"

/* The tiles a repaint works in, in device pixels a side */
#define TILE 32

struct _AtlasMapRaster
{
  AtlasWorld *world;
  AtlasMapFrame frame;
  guint level;
  int width, height;                /* device pixels */
  cairo_surface_t *numbers;         /* RGB24: a country's number a pixel */
  cairo_surface_t *lines;           /* ARGB32: borders and coasts */
  /* The numbers in each tile, made at the first repaint: tile t holds
   * tile_numbers[tile_start[t] .. tile_start[t + 1]) */
  int tiles_x, tiles_y;
  guint *tile_start;
  guint16 *tile_numbers;
};

AtlasMapRaster *
atlas_map_raster_new (AtlasWorld          *world,
                      const AtlasMapFrame *frame)
{
  AtlasMapRaster *self;
  cairo_t *cr;

  g_return_val_if_fail (world != NULL, NULL);
  g_return_val_if_fail (frame != NULL && frame->scale > 0 && frame->pixel > 0, NULL);

  self = g_new0 (AtlasMapRaster, 1);
  self->world = atlas_world_ref (world);
  self->frame = *frame;
  self->width = (int) ceil (frame->width / frame->pixel - 1e-6);
  self->height = (int) ceil (frame->height / frame->pixel - 1e-6);
  self->level = atlas_map_raster_pick_level (world, frame);

  self->numbers = cairo_image_surface_create (CAIRO_FORMAT_RGB24, self->width, self->height);
  cairo_surface_set_device_scale (self->numbers, 1 / frame->pixel, 1 / frame->pixel);
  cr = cairo_create (self->numbers);
  atlas_map_raster_draw_numbers (cr, world, frame, self->level);
  cairo_destroy (cr);
  cairo_surface_flush (self->numbers);

  self->lines = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, self->width, self->height);
  cairo_surface_set_device_scale (self->lines, 1 / frame->pixel, 1 / frame->pixel);
  cr = cairo_create (self->lines);
  atlas_map_raster_draw_lines (cr, world, frame, self->level);
  cairo_destroy (cr);
  cairo_surface_flush (self->lines);

  return self;
}

void
atlas_map_raster_free (AtlasMapRaster *self)
{
  if (self == NULL)
    return;
  cairo_surface_destroy (self->numbers);
  cairo_surface_destroy (self->lines);
  g_free (self->tile_start);
  g_free (self->tile_numbers);
  atlas_world_unref (self->world);
  g_free (self);
}

static gboolean
fits (AtlasMapRaster   *self,
      AtlasMapColoring *coloring,
      cairo_surface_t  *target)
{
  return atlas_map_coloring_get_world (coloring) == self->world &&
         cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE &&
         cairo_image_surface_get_format (target) == CAIRO_FORMAT_ARGB32 &&
         cairo_image_surface_get_width (target) == self->width &&
         cairo_image_surface_get_height (target) == self->height;
}

/* The numbers a raster may hold: the countries, the sea, off the map */
static guint
n_numbers (AtlasMapRaster *self)
{
  return RASTER_COUNTRY (atlas_world_get_n_countries (self->world));
}

/* What a pixel of each number is painted: table[number], or the hatch's
 * colour on the hatch's diagonal where hatched[number]. */
typedef struct
{
  guint n;
  guint32 *table;
  gboolean *hatched;
} Colors;

static void
colors_init (Colors             *colors,
             AtlasMapRaster     *self,
             AtlasMapColoring   *coloring,
             AtlasMapPaintFlags  flags)
{
  guint n_countries = atlas_world_get_n_countries (self->world);

  colors->n = n_numbers (self);
  colors->table = g_new (guint32, colors->n);
  colors->hatched = g_new0 (gboolean, colors->n);
  colors->table[RASTER_SPACE] = 0xff000000 | ((flags & ATLAS_MAP_PAINT_DARK) ? ATLAS_MAP_SPACE_DARK_COLOR
                                                                            : ATLAS_MAP_SPACE_COLOR);
  colors->table[RASTER_OCEAN] = 0xff000000 | ATLAS_MAP_OCEAN_COLOR;
  for (guint c = 0; c < n_countries; c++)
    {
      colors->table[RASTER_COUNTRY (c)] = 0xff000000 | atlas_map_coloring_get_color (coloring, c);
      colors->hatched[RASTER_COUNTRY (c)] = atlas_map_coloring_get_kind (coloring, c) == ATLAS_MAP_FILL_NO_DATA;
    }
}

static void
colors_clear (Colors *colors)
{
  g_free (colors->table);
  g_free (colors->hatched);
}

static inline guint
number_at (const guint32 *row,
           int            x,
           guint          n)
{
  guint number = row[x] & 0xffff;

  return number < n ? number : RASTER_OCEAN;
}

/* The fills of device pixels [x0, x1) x [y0, y1) */
static void
fill_rect (AtlasMapRaster  *self,
           const Colors    *colors,
           cairo_surface_t *target,
           int              x0,
           int              y0,
           int              x1,
           int              y1)
{
  const guint8 *src = cairo_image_surface_get_data (self->numbers);
  int src_stride = cairo_image_surface_get_stride (self->numbers);
  guint8 *dest = cairo_image_surface_get_data (target);
  int dest_stride = cairo_image_surface_get_stride (target);

  for (int y = y0; y < y1; y++)
    {
      const guint32 *s = (const guint32 *) (src + (gsize) y * src_stride);
      guint32 *d = (guint32 *) (dest + (gsize) y * dest_stride);

      for (int x = x0; x < x1; x++)
        {
          guint number = number_at (s, x, colors->n);

          /* "No data"'s hatch, as atlas_map_paint_no_data_hatch () lays it */
          if (colors->hatched[number] && (x + y) % NO_DATA_HATCH_SIZE == 0)
            d[x] = 0xff000000 | ATLAS_MAP_NO_DATA_HATCH_COLOR;
          else
            d[x] = colors->table[number];
        }
    }
}

/* The borders, coasts and the subject's outline over the fills, within
 * the current clip of @cr (on the target, identity matrix). */
static void
paint_over (AtlasMapRaster   *self,
            cairo_t          *cr,
            AtlasMapColoring *coloring)
{
  cairo_set_source_surface (cr, self->lines, 0, 0);
  cairo_paint (cr);
  cairo_scale (cr, 1 / self->frame.pixel, 1 / self->frame.pixel);
  atlas_map_raster_draw_subject_outline (cr, coloring, &self->frame, self->level);
}

gboolean
atlas_map_raster_paint (AtlasMapRaster     *self,
                        AtlasMapColoring   *coloring,
                        AtlasMapPaintFlags  flags,
                        cairo_surface_t    *target)
{
  Colors colors;
  cairo_t *cr;

  g_return_val_if_fail (self != NULL && coloring != NULL && target != NULL, FALSE);

  if (!fits (self, coloring, target))
    return FALSE;

  colors_init (&colors, self, coloring, flags);
  cairo_surface_flush (target);
  fill_rect (self, &colors, target, 0, 0, self->width, self->height);
  cairo_surface_mark_dirty (target);
  colors_clear (&colors);

  cr = cairo_create (target);
  cairo_identity_matrix (cr);
  paint_over (self, cr, coloring);
  cairo_destroy (cr);
  return TRUE;
}

/* Which numbers each tile holds: one pass over the raster. */
static void
ensure_tiles (AtlasMapRaster *self)
{
  const guint8 *src = cairo_image_surface_get_data (self->numbers);
  int stride = cairo_image_surface_get_stride (self->numbers);
  guint n = n_numbers (self);
  g_autofree guint *seen = g_new0 (guint, n);
  GArray *numbers;
  guint t = 0;

  if (self->tile_start != NULL)
    return;
  self->tiles_x = (self->width + TILE - 1) / TILE;
  self->tiles_y = (self->height + TILE - 1) / TILE;
  self->tile_start = g_new (guint, self->tiles_x * self->tiles_y + 1);
  numbers = g_array_new (FALSE, FALSE, sizeof (guint16));
  for (int ty = 0; ty < self->tiles_y; ty++)
    for (int tx = 0; tx < self->tiles_x; tx++, t++)
      {
        guint last = G_MAXUINT;

        self->tile_start[t] = numbers->len;
        for (int y = ty * TILE; y < MIN ((ty + 1) * TILE, self->height); y++)
          {
            const guint32 *s = (const guint32 *) (src + (gsize) y * stride);

            for (int x = tx * TILE; x < MIN ((tx + 1) * TILE, self->width); x++)
              {
                guint number = number_at (s, x, n);
                guint16 value = number;

                if (number == last || seen[number] == t + 1)
                  continue;
                seen[number] = t + 1;
                last = number;
                g_array_append_val (numbers, value);
              }
          }
      }
  self->tile_start[t] = numbers->len;
  self->tile_numbers = (guint16 *) g_array_free (numbers, FALSE);
}

/* Whether two colourings draw the same line around the subject */
static gboolean
same_subject_outline (AtlasMapColoring *a,
                      AtlasMapColoring *b,
                      guint             n_countries)
{
  if (atlas_map_coloring_get_subject_category (a) < 0 && atlas_map_coloring_get_subject_category (b) < 0)
    return TRUE;
  if (atlas_map_coloring_get_subject_category (a) < 0 || atlas_map_coloring_get_subject_category (b) < 0 ||
      atlas_map_coloring_get_subject_color (a) != atlas_map_coloring_get_subject_color (b))
    return FALSE;
  for (guint c = 0; c < n_countries; c++)
    if ((atlas_map_coloring_get_kind (a, c) == ATLAS_MAP_FILL_SUBJECT) !=
        (atlas_map_coloring_get_kind (b, c) == ATLAS_MAP_FILL_SUBJECT))
      return FALSE;
  return TRUE;
}

gboolean
atlas_map_raster_repaint (AtlasMapRaster     *self,
                          AtlasMapColoring   *before,
                          AtlasMapColoring   *coloring,
                          AtlasMapPaintFlags  flags,
                          cairo_surface_t    *target)
{
  guint n_countries, n_tiles, n_dirty = 0;
  g_autofree gboolean *changed = NULL;
  g_autofree gboolean *dirty = NULL;
  Colors colors, old_colors;
  double sx, sy;
  cairo_t *cr;

  g_return_val_if_fail (self != NULL && before != NULL && coloring != NULL && target != NULL, FALSE);

  if (!fits (self, coloring, target))
    return FALSE;
  n_countries = atlas_world_get_n_countries (self->world);
  if (atlas_map_coloring_get_world (before) != self->world ||
      !same_subject_outline (before, coloring, n_countries))
    return atlas_map_raster_paint (self, coloring, flags, target);

  /* The numbers whose pixels change */
  colors_init (&colors, self, coloring, flags);
  colors_init (&old_colors, self, before, flags);
  changed = g_new0 (gboolean, colors.n);
  for (guint i = 0; i < colors.n; i++)
    changed[i] = colors.table[i] != old_colors.table[i] || colors.hatched[i] != old_colors.hatched[i];
  colors_clear (&old_colors);

  ensure_tiles (self);
  n_tiles = self->tiles_x * self->tiles_y;
  dirty = g_new0 (gboolean, n_tiles);
  for (guint t = 0; t < n_tiles; t++)
    for (guint i = self->tile_start[t]; i < self->tile_start[t + 1] && !dirty[t]; i++)
      if (changed[self->tile_numbers[i]])
        {
          dirty[t] = TRUE;
          n_dirty++;
        }
  if (n_dirty == 0)
    {
      colors_clear (&colors);
      return TRUE;
    }
  /* Most of the map: all of it in one pass costs less */
  if (n_dirty > n_tiles / 2)
    {
      colors_clear (&colors);
      return atlas_map_raster_paint (self, coloring, flags, target);
    }

  /* The fills of the tiles, then what is drawn over them there, in runs
   * of tiles along a row */
  cairo_surface_flush (target);
  cr = cairo_create (target);
  cairo_identity_matrix (cr);
  cairo_surface_get_device_scale (target, &sx, &sy);
  for (int ty = 0; ty < self->tiles_y; ty++)
    for (int tx = 0; tx < self->tiles_x; tx++)
      {
        int run = 0;
        int x0 = tx * TILE, y0 = ty * TILE, x1, y1;

        while (tx + run < self->tiles_x && dirty[ty * self->tiles_x + tx + run])
          run++;
        if (run == 0)
          continue;
        x1 = MIN ((tx + run) * TILE, self->width);
        y1 = MIN ((ty + 1) * TILE, self->height);
        fill_rect (self, &colors, target, x0, y0, x1, y1);
        cairo_rectangle (cr, x0 / sx, y0 / sy, (x1 - x0) / sx, (y1 - y0) / sy);
        tx += run - 1;
      }
  cairo_surface_mark_dirty (target);
  colors_clear (&colors);
  cairo_clip (cr);
  paint_over (self, cr, coloring);
  cairo_destroy (cr);
  return TRUE;
}
