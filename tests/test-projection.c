/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Equal Earth for the exports: the projection and its inverse agree, and
 * on an exported map Russia's coloured pixels over Brazil's come within
 * 15 % of their true area ratio (17.1 over 8.5 million km², 2.0), where Web
 * Mercator gave Russia about three times its share. */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "atlas-core.h"
#include "atlas-map-render.h"

static void
test_round_trip (void)
{
  const double points[][2] = { { 0, 0 }, { 11, 50 }, { -169.5, 65 }, { 140, -30 }, { -70, -55 }, { 179, 84 } };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double x, y, lon, lat;

      atlas_map_equal_earth (points[i][0], points[i][1], 11.0, &x, &y);
      g_assert_true (atlas_map_equal_earth_inverse (x, y, 11.0, &lon, &lat));
      g_assert_cmpfloat_with_epsilon (lat, points[i][1], 1e-6);
      g_assert_cmpfloat_with_epsilon (fmod (lon - points[i][0] + 540, 360) - 180, 0, 1e-6);
    }
  /* The equator's half length and the pole line's height, from the paper */
  {
    double x, y;

    atlas_map_equal_earth (191, 0, 11, &x, &y);
    g_assert_cmpfloat_with_epsilon (fabs (x), 2.7066, 1e-3);
    atlas_map_equal_earth (11, 90, 11, &x, &y);
    g_assert_cmpfloat_with_epsilon (-y, 1.3173, 1e-3);
  }
}

/* The plane the window's viewport pans: geographic points go there and
 * back; its unit square holds the whole world; Mercator's is map units. */
static void
test_plane (void)
{
  const double points[][2] = { { 0, 0 }, { 11, 50 }, { 138, 36 }, { -100, 40 }, { -70, -55 }, { 179, 80 } };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    for (int p = 0; p < 2; p++)
      {
        AtlasMapProjection projection = p ? ATLAS_MAP_PROJECTION_EQUAL_EARTH : ATLAS_MAP_PROJECTION_MERCATOR;
        double mx, my, u, v, bx, by, lon, lat;

        atlas_geo_lonlat_to_map (points[i][0], points[i][1], &mx, &my);
        atlas_map_to_plane (projection, mx, my, &u, &v);
        g_assert_cmpfloat (u, >=, 0);
        g_assert_cmpfloat (u, <=, 1);
        g_assert_cmpfloat (v, >, p ? 0.2 : 0);
        g_assert_cmpfloat (v, <, 1);
        g_assert_true (atlas_map_from_plane (projection, u, v, &bx, &by));
        atlas_geo_map_to_lonlat (bx, by, &lon, &lat);
        g_assert_cmpfloat_with_epsilon (lat, points[i][1], 1e-6);
        g_assert_cmpfloat_with_epsilon (lon, points[i][0], 1e-6);
      }
  /* Japan lies east of the middle and north of the equator */
  {
    double mx, my, u, v;

    atlas_geo_lonlat_to_map (138, 36, &mx, &my);
    atlas_map_to_plane (ATLAS_MAP_PROJECTION_EQUAL_EARTH, mx, my, &u, &v);
    g_assert_cmpfloat (u, >, 0.75);
    g_assert_cmpfloat (v, <, 0.5);
    g_assert_false (atlas_map_from_plane (ATLAS_MAP_PROJECTION_EQUAL_EARTH, 0.01, 0.3, &mx, &my));
  }
}

/* A raster coloured by look-up gives the painter's picture: the same colour
 * everywhere but along the edges (which the raster leaves unsmoothed, under
 * the lines), in both projections, for two lenses from one raster. */
static void
test_raster (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  /* Budapest: South Korea has no data, under a hatch */
  const char *lenses[] = { "cooperation_depth", "wcit_2012", "budapest_convention" };

  for (int p = 0; p < 2; p++)
    {
      AtlasMapProjection projection = p ? ATLAS_MAP_PROJECTION_EQUAL_EARTH : ATLAS_MAP_PROJECTION_MERCATOR;
      AtlasMapFrame frame = { 0 };
      g_autoptr(AtlasMapRaster) raster = NULL;

      atlas_map_frame_init_plane (&frame, projection, 0.05, 0.25, 1200);
      frame.width = 1000;
      frame.height = 500;
      frame.pixel = 1;
      raster = atlas_map_raster_new (atlas_world_get_default (), &frame);
      for (guint l = 0; l < G_N_ELEMENTS (lenses); l++)
        {
          g_autoptr(AtlasMapColoring) coloring = atlas_map_coloring_new (atlas_world_get_default (), dataset, lenses[l]);
          cairo_surface_t *painted = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 500);
          cairo_surface_t *looked_up = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 500);
          cairo_t *cr = cairo_create (painted);
          guint differ = 0;

          atlas_map_paint (cr, coloring, &frame, ATLAS_MAP_PAINT_NONE);
          cairo_destroy (cr);
          cairo_surface_flush (painted);
          g_assert_true (atlas_map_raster_paint (raster, coloring, ATLAS_MAP_PAINT_NONE, looked_up));
          for (int y = 0; y < 500; y++)
            for (int x = 0; x < 1000; x++)
              {
                guint32 a = ((guint32 *) (cairo_image_surface_get_data (painted) + y * cairo_image_surface_get_stride (painted)))[x];
                guint32 b = ((guint32 *) (cairo_image_surface_get_data (looked_up) + y * cairo_image_surface_get_stride (looked_up)))[x];

                /* Under a line, the fill shows through a tenth */
                differ += abs ((int) ((a >> 16) & 0xff) - (int) ((b >> 16) & 0xff)) > 24 ||
                          abs ((int) ((a >> 8) & 0xff) - (int) ((b >> 8) & 0xff)) > 24 ||
                          abs ((int) (a & 0xff) - (int) (b & 0xff)) > 24;
              }
          g_test_message ("%s, %s: %u of 500000 pixels differ", p ? "Equal Earth" : "Mercator", lenses[l], differ);
          g_assert_cmpuint (differ, <, 500000 / 100);
          cairo_surface_destroy (painted);
          cairo_surface_destroy (looked_up);
        }
    }
}

/* A repaint for a new colouring (a step in time, a blend, another lens)
 * makes the pixels a whole paint makes, byte for byte, and leaves alone
 * the parts of the map whose countries keep their colours: a pixel far
 * from every change, marked, stays marked (unless most of the map changed:
 * then it is all painted again). At one and two device pixels a
 * pixel, in both projections, with and without the dark style. */
static guint32 *
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  return (guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface)) + x;
}

static void
check_repaint (AtlasMapRaster     *raster,
               AtlasMapColoring   *before,
               AtlasMapColoring   *after,
               AtlasMapPaintFlags  flags,
               int                 width,
               int                 height,
               int                 scale,
               guint              *n_marked)
{
  cairo_surface_t *old = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_t *whole = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_t *repainted = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  const int block = 64;
  int blocks_x = (width + block - 1) / block, blocks_y = (height + block - 1) / block;
  g_autofree gboolean *changed = g_new0 (gboolean, blocks_x * blocks_y);
  int mark_x = -1, mark_y = -1;

  cairo_surface_set_device_scale (old, scale, scale);
  cairo_surface_set_device_scale (whole, scale, scale);
  cairo_surface_set_device_scale (repainted, scale, scale);
  g_assert_true (atlas_map_raster_paint (raster, before, flags, old));
  g_assert_true (atlas_map_raster_paint (raster, after, flags, whole));
  g_assert_true (atlas_map_raster_paint (raster, before, flags, repainted));
  cairo_surface_flush (old);
  cairo_surface_flush (whole);
  cairo_surface_flush (repainted);

  /* A pixel in a block whose neighbours all keep their pixels */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (*pixel_at (old, x, y) != *pixel_at (whole, x, y))
        changed[(y / block) * blocks_x + x / block] = TRUE;
  for (int by = 1; by + 1 < blocks_y && mark_x < 0; by++)
    for (int bx = 1; bx + 1 < blocks_x && mark_x < 0; bx++)
      {
        gboolean quiet = TRUE;

        for (int j = -1; j <= 1; j++)
          for (int i = -1; i <= 1; i++)
            quiet = quiet && !changed[(by + j) * blocks_x + bx + i];
        if (quiet)
          {
            mark_x = bx * block + block / 2;
            mark_y = by * block + block / 2;
          }
      }
  if (mark_x >= 0)
    {
      *pixel_at (repainted, mark_x, mark_y) = 0xff123456;
      cairo_surface_mark_dirty (repainted);
    }

  g_assert_true (atlas_map_raster_repaint (raster, before, after, flags, repainted));
  cairo_surface_flush (repainted);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        if (x == mark_x && y == mark_y && *pixel_at (repainted, x, y) == 0xff123456)
          (*n_marked)++;
        else if (*pixel_at (repainted, x, y) != *pixel_at (whole, x, y))
          g_error ("pixel %d, %d: %08x repainted, %08x painted whole", x, y,
                   *pixel_at (repainted, x, y), *pixel_at (whole, x, y));
      }

  /* Not the raster's size: nothing drawn */
  {
    cairo_surface_t *small = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width / 2, height);

    g_assert_false (atlas_map_raster_repaint (raster, before, after, flags, small));
    cairo_surface_destroy (small);
  }
  cairo_surface_destroy (old);
  cairo_surface_destroy (whole);
  cairo_surface_destroy (repainted);
}

static void
test_raster_repaint (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_auto(GStrv) dates = atlas_timeline_dup_dates (dataset);
  GListModel *lenses = atlas_dataset_get_lenses (dataset);
  AtlasWorld *world = atlas_world_get_default ();
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_marked = 0, n_checked = 0;

  g_assert_cmpuint (g_strv_length (dates), >, 2);
  for (guint i = 0; dates[i] != NULL; i++)
    g_ptr_array_add (states, atlas_timeline_dup_as_of (dataset, dates[i]));
  g_ptr_array_add (states, g_object_ref (dataset));

  for (int p = 0; p < 2; p++)
    for (int scale = 1; scale <= 2; scale++)
      {
        AtlasMapProjection projection = p ? ATLAS_MAP_PROJECTION_EQUAL_EARTH : ATLAS_MAP_PROJECTION_MERCATOR;
        AtlasMapPaintFlags flags = scale == 2 ? ATLAS_MAP_PAINT_DARK : ATLAS_MAP_PAINT_NONE;
        AtlasMapFrame frame = { 0 };
        g_autoptr(AtlasMapRaster) raster = NULL;

        /* Mercator once: the repaint does not depend on the projection */
        if (!p && scale == 2)
          continue;
        atlas_map_frame_init_plane (&frame, projection, 0.05, 0.25, 1000);
        frame.width = 500;
        frame.height = 250;
        frame.pixel = 1.0 / scale;
        raster = atlas_map_raster_new (world, &frame);

        for (guint l = 0; l < g_list_model_get_n_items (lenses); l++)
          {
            g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, l);
            const char *id = atlas_lens_get_id (lens);

            /* Each step in time, forwards and back */
            for (guint i = 0; i + 1 < states->len; i++)
              {
                g_autoptr(AtlasMapColoring) a = atlas_map_coloring_new (world, g_ptr_array_index (states, i), id);
                g_autoptr(AtlasMapColoring) b = atlas_map_coloring_new (world, g_ptr_array_index (states, i + 1), id);
                g_autoptr(AtlasMapColoring) blend = atlas_map_coloring_new_blend (a, b, 0.5);

                check_repaint (raster, a, b, flags, 500 * scale, 250 * scale, scale, &n_marked);
                check_repaint (raster, b, a, flags, 500 * scale, 250 * scale, scale, &n_marked);
                check_repaint (raster, a, blend, flags, 500 * scale, 250 * scale, scale, &n_marked);
                n_checked += 3;
              }
            /* Another lens: most of the map */
            if (l > 0)
              {
                g_autoptr(AtlasLens) previous = g_list_model_get_item (lenses, l - 1);
                g_autoptr(AtlasMapColoring) a = atlas_map_coloring_new (world, dataset, atlas_lens_get_id (previous));
                g_autoptr(AtlasMapColoring) b = atlas_map_coloring_new (world, dataset, id);

                check_repaint (raster, a, b, flags, 500 * scale, 250 * scale, scale, &n_marked);
                n_checked++;
              }
          }
      }
  g_test_message ("%u repaints, %u left a marked pixel alone", n_checked, n_marked);
  /* Most steps change a country or two: most repaints are partial */
  g_assert_cmpuint (n_marked, >, n_checked / 2);
}

/* A colouring blended for a fade keeps the subject's own category (none
 * on most lenses: a blend must not outline the members there) */
static void
test_blend_subject (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  const char *lenses[] = { "cooperation_depth", "wcit_2012" };

  for (guint i = 0; i < G_N_ELEMENTS (lenses); i++)
    {
      g_autoptr(AtlasMapColoring) to = atlas_map_coloring_new (atlas_world_get_default (), dataset, lenses[i]);
      g_autoptr(AtlasMapColoring) from = atlas_map_coloring_new (atlas_world_get_default (), dataset, NULL);
      g_autoptr(AtlasMapColoring) blend = atlas_map_coloring_new_blend (from, to, 0.5);

      g_assert_cmpint (atlas_map_coloring_get_subject_category (blend), ==,
                       atlas_map_coloring_get_subject_category (to));
      g_assert_cmphex (atlas_map_coloring_get_subject_color (blend), ==, atlas_dataset_get_subject_color (dataset));
    }
}

/* Pixels of exactly the partner's colour on a 3000-pixel-wide export */
static guint
count_partner_pixels (AtlasDataset *dataset,
                      const char   *id)
{
  AtlasLens *lens = atlas_dataset_find_lens (dataset, "cooperation_depth");
  AtlasPartner *partner = atlas_dataset_find_partner (dataset, id);
  AtlasCategory *category = atlas_lens_find_category (lens, atlas_partner_get_indicator (partner, "cooperation_depth"));
  guint32 color = atlas_category_get_color (category);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(AtlasMapRender) render = atlas_map_render_new (atlas_world_get_default (), dataset, lens);
  int width = 3000, height = (int) (width / atlas_map_render_get_aspect ());
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  guint8 *data;
  int stride;
  guint count = 0;

  g_ptr_array_add (shown, partner);
  atlas_map_render_set_partners (render, shown);
  atlas_map_render_set_label_size (render, 0);
  atlas_map_render_draw_map (render, cr, 0, 0, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if ((((guint32 *) (data + y * stride))[x] & 0xffffff) == color)
        count++;
  if (g_getenv ("ATLAS_SHOTS_DIR"))
    {
      g_autofree char *path = g_strdup_printf ("%s/equal-earth-%s.png", g_getenv ("ATLAS_SHOTS_DIR"), id);
      cairo_surface_write_to_png (surface, path);
    }
  cairo_surface_destroy (surface);
  return count;
}

static void
test_area_ratio (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  guint russia = count_partner_pixels (dataset, "RU");
  guint brazil = count_partner_pixels (dataset, "BR");
  double ratio = (double) russia / brazil;

  g_test_message ("Russia %u px, Brazil %u px: %.3f (true 2.0)", russia, brazil, ratio);
  g_assert_cmpuint (brazil, >, 10000);
  g_assert_cmpfloat (fabs (ratio / 2.0 - 1), <, 0.15);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  atlas_core_init ();

  g_test_add_func ("/projection/round-trip", test_round_trip);
  g_test_add_func ("/projection/plane", test_plane);
  g_test_add_func ("/projection/blend-subject", test_blend_subject);
  g_test_add_func ("/projection/raster", test_raster);
  g_test_add_func ("/projection/raster-repaint", test_raster_repaint);
  g_test_add_func ("/projection/area-ratio", test_area_ratio);

  return g_test_run ();
}
