/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Screenshot tests of the map view: the widget is drawn to a texture with
 * the cairo renderer at a fixed size, and pixels at known places are
 * compared with what the bundled dataset says they should be. With
 * ATLAS_SHOTS_DIR set, every shot is also saved there (map-NN.png). */

#include <math.h>

#include <adwaita.h>

#include "atlas-core.h"
#include "atlas-map-view.h"
#include "atlas-test-util.h"

#define WIDTH 900
#define HEIGHT 560

typedef struct
{
  GtkWindow *window;
  AtlasMapView *view;
  AtlasDataset *dataset;
} Fixture;

/* Lets layout, the frame clock and pending notifications settle. */
static void
wait_for_frame (Fixture *f)
{
  atlas_test_wait_ms (40);
}

static AtlasTestPixels *
take_shot (Fixture *f)
{
  static int n;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = g_strdup_printf ("map-%02d.png", n++);

  wait_for_frame (f);
  texture = atlas_test_render_widget (GTK_WIDGET (f->view));
  atlas_test_save_texture (texture, name);

  return atlas_test_pixels_new (texture);
}

static void
to_widget (Fixture *f,
           double   lon,
           double   lat,
           double  *x,
           double  *y)
{
  AtlasMapFrame frame = { 0 };
  double mx, my;

  atlas_world_layer_get_frame (atlas_map_view_get_world_layer (f->view), &frame);
  atlas_geo_lonlat_to_map (lon, lat, &mx, &my);
  atlas_map_frame_project (&frame, mx, my, x, y);
}

static guint32
pixel_at_lonlat (Fixture         *f,
                 AtlasTestPixels *shot,
                 double           lon,
                 double           lat)
{
  double x, y;

  to_widget (f, lon, lat, &x, &y);
  return atlas_test_pixels_get (shot, x, y);
}

static guint32
category_color (AtlasDataset *dataset,
                const char   *lens_id,
                const char   *partner_id)
{
  AtlasPartner *partner = atlas_dataset_find_partner (dataset, partner_id);
  AtlasLens *lens = atlas_dataset_find_lens (dataset, lens_id);
  const char *category_id;

  g_assert_nonnull (partner);
  g_assert_nonnull (lens);
  category_id = atlas_partner_get_indicator (partner, lens_id);
  g_assert_nonnull (category_id);
  return atlas_category_get_color (atlas_lens_find_category (lens, category_id));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dataset = atlas_dataset_new_bundled ();
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, WIDTH, HEIGHT);
  f->view = ATLAS_MAP_VIEW (atlas_map_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  atlas_map_view_set_dataset (f->view, f->dataset);
  atlas_map_view_set_lens_id (f->view, "cooperation_depth");
  /* The legend would cover part of South America in this small window. */
  atlas_map_view_set_legend_visible (f->view, FALSE);
  gtk_window_present (f->window);
  wait_for_frame (f);
  atlas_map_view_show_world (f->view);
  wait_for_frame (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->dataset);
}

static void
test_colors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AtlasTestPixels) shot = take_shot (f);
  guint32 subject = atlas_dataset_get_subject_color (f->dataset);

  g_assert_cmphex (pixel_at_lonlat (f, shot, -50.0, -10.0), ==,
                   category_color (f->dataset, "cooperation_depth", "BR"));
  g_assert_cmphex (pixel_at_lonlat (f, shot, -30.0, 30.0), ==, ATLAS_MAP_OCEAN_COLOR);
  g_assert_cmphex (pixel_at_lonlat (f, shot, 2.5, 46.5), ==, subject);
  g_assert_cmphex (pixel_at_lonlat (f, shot, 10.5, 51.0), ==, subject);
  /* Crimea is Ukraine's: neutral, not Russia's category. */
  g_assert_cmphex (pixel_at_lonlat (f, shot, 34.2, 45.2), ==, ATLAS_MAP_OTHER_COLOR);
  g_assert_cmphex (pixel_at_lonlat (f, shot, 45.0, 55.0), ==,
                   category_color (f->dataset, "cooperation_depth", "RU"));
  /* Norway: neither partner nor member. */
  g_assert_cmphex (pixel_at_lonlat (f, shot, 9.0, 61.5), ==, ATLAS_MAP_OTHER_COLOR);
}

/* "No data" is a light grey under a fine hatch (a pixel in four): neither
 * the grey of other countries nor the white of a label's halo, in the
 * window as on exports. */
static void
check_no_data (Fixture         *f,
               AtlasTestPixels *shot,
               double           lon,
               double           lat)
{
  double x, y;
  guint base = 0, hatch = 0, other = 0;

  to_widget (f, lon, lat, &x, &y);
  for (int dy = -6; dy < 6; dy++)
    for (int dx = -6; dx < 6; dx++)
      {
        guint32 c = atlas_test_pixels_get (shot, x + dx, y + dy);

        if (c == ATLAS_MAP_NO_DATA_COLOR)
          base++;
        else if (c == ATLAS_MAP_NO_DATA_HATCH_COLOR)
          hatch++;
        else
          other++;
      }
  g_test_message ("No data at %g,%g: %u base, %u hatch, %u other", lon, lat, base, hatch, other);
  g_assert_cmpuint (other, ==, 0);
  g_assert_cmpuint (hatch, >=, 144 / 4 - 4);
  g_assert_cmpuint (hatch, <=, 144 / 4 + 4);
  g_assert_cmphex (ATLAS_MAP_NO_DATA_COLOR, !=, ATLAS_MAP_OTHER_COLOR);
  g_assert_cmphex (ATLAS_MAP_NO_DATA_COLOR, !=, 0xffffff);
}

static void
test_lens_switch (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AtlasTestPixels) before = take_shot (f);
  g_autoptr(AtlasTestPixels) after = NULL;
  guint32 brazil_before = category_color (f->dataset, "cooperation_depth", "BR");
  guint32 brazil_after = category_color (f->dataset, "wcit_2012", "BR");
  guint32 us_after = category_color (f->dataset, "wcit_2012", "US");

  g_assert_cmphex (pixel_at_lonlat (f, before, -50.0, -10.0), ==, brazil_before);
  atlas_map_view_set_lens_id (f->view, "wcit_2012");
  after = take_shot (f);
  g_assert_cmphex (brazil_before, !=, brazil_after);
  g_assert_cmphex (pixel_at_lonlat (f, after, -50.0, -10.0), ==, brazil_after);
  g_assert_cmphex (pixel_at_lonlat (f, after, -117.0, 39.0), ==, us_after);
  /* The EU refused too: its own category (/map/subject-category) */
  g_assert_cmphex (pixel_at_lonlat (f, after, 2.5, 46.5), ==,
                   atlas_category_get_color (atlas_lens_find_category (atlas_dataset_find_lens (f->dataset, "wcit_2012"),
                                                                       "refused")));

  /* A lens the dataset lacks: every partner shows "No data". */
  atlas_map_view_set_lens_id (f->view, "no_such_lens");
  g_clear_pointer (&after, atlas_test_pixels_free);
  after = take_shot (f);
  check_no_data (f, after, -48.0, -19.0);
}

static char *describe (Fixture *f, double lon, double lat);

static guint
count_color (AtlasTestPixels *shot,
             guint32          color)
{
  guint n = 0;

  for (int y = 0; y < shot->height; y++)
    for (int x = 0; x < shot->width; x++)
      n += atlas_test_pixels_get (shot, x, y) == color;
  return n;
}

/* The subject's own position: on WCIT-12 the EU refused too, so its
 * members are drawn as "Refused", inside an outline in the EU's colour,
 * and the legend says so; on a lens where it has none, in its colour. */
static void
test_subject_category (Fixture       *f,
                       gconstpointer  data)
{
  guint32 subject = atlas_dataset_get_subject_color (f->dataset);
  guint32 refused = atlas_category_get_color (atlas_lens_find_category (atlas_dataset_find_lens (f->dataset, "wcit_2012"),
                                                                        "refused"));
  g_autoptr(AtlasTestPixels) plain = take_shot (f);
  g_autoptr(AtlasTestPixels) own = NULL;
  g_autofree char *france = NULL;
  guint filled, outlined;

  g_assert_cmpstr (atlas_dataset_get_subject_indicator (f->dataset, "wcit_2012"), ==, "refused");
  g_assert_cmphex (pixel_at_lonlat (f, plain, 2.5, 46.5), ==, subject);
  filled = count_color (plain, subject);

  atlas_map_view_set_lens_id (f->view, "wcit_2012");
  own = take_shot (f);
  g_assert_cmphex (pixel_at_lonlat (f, own, 2.5, 46.5), ==, refused);
  g_assert_cmphex (pixel_at_lonlat (f, own, 10.5, 51.0), ==, refused);
  outlined = count_color (own, subject);
  g_test_message ("subject's colour: %u pixels filled, %u outlined", filled, outlined);
  /* An outline: some pixels, far fewer than the members' area */
  g_assert_cmpuint (outlined, >, 30);
  g_assert_cmpuint (outlined, <, filled / 2);
  /* Just outside the EU's edge with Switzerland, its colour */
  {
    double x, y;
    gboolean found = FALSE;

    to_widget (f, 7.0, 47.6, &x, &y);   /* Basel, on the French and German border */
    for (int dy = -3; dy <= 3 && !found; dy++)
      for (int dx = -3; dx <= 3 && !found; dx++)
        found = atlas_test_pixels_get (own, x + dx, y + dy) == subject;
    g_assert_true (found);
  }
  france = describe (f, 2.5, 46.5);
  g_assert_nonnull (strstr (france, atlas_dataset_get_subject_name (f->dataset)));
  g_assert_nonnull (strstr (france, "Refused"));
}

/* A ring that jumped across ±180° (or across the map's edge, 169° W) would
 * fill a band across the map at the latitudes of Chukotka, Alaska and the
 * Aleutians; Chukotka stays whole, beside the rest of Russia. */
static void
test_no_smear (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AtlasTestPixels) shot = NULL;
  AtlasWorld *world = atlas_world_get_default ();
  guint checked = 0;
  double west_x, west_y, east_x, east_y;

  AtlasMapFrame frame = { 0 };

  atlas_map_view_set_camera (f->view, 62, -178, 3);
  shot = take_shot (f);
  /* Both sides of 180° are side by side, inside the map */
  to_widget (f, 179.5, 66, &west_x, &west_y);
  to_widget (f, -179.5, 66, &east_x, &east_y);
  g_assert_cmpfloat (fabs (east_x - west_x), <, 20);
  g_assert_cmpfloat (west_x, >, 0);
  g_assert_cmpfloat (east_x, <, shot->width);

  atlas_world_layer_get_frame (atlas_map_view_get_world_layer (f->view), &frame);
  for (double lat = 48; lat <= 74; lat += 1)
    for (double lon = -180; lon <= 180; lon += 1.5)
      {
        gboolean open_sea = TRUE;
        double x, y;

        to_widget (f, lon, lat, &x, &y);
        if (x < 5 || y < 5 || x >= shot->width - 5 || y >= shot->height - 5)
          continue;
        /* Only pixels a few pixels off any coast, small islands included. */
        for (int dy = -4; dy <= 4 && open_sea; dy++)
          for (int dx = -4; dx <= 4 && open_sea; dx++)
            {
              double mx, my;

              open_sea = atlas_map_frame_unproject (&frame, floor (x) + dx + 0.5, floor (y) + dy + 0.5, &mx, &my) &&
                         atlas_world_hit_test (world, mx, my) < 0;
            }
        if (!open_sea)
          continue;
        checked++;
        if (atlas_test_pixels_get (shot, x, y) != ATLAS_MAP_OCEAN_COLOR)
          g_test_fail_printf ("stray fill at %g, %g: %06x", lon, lat, atlas_test_pixels_get (shot, x, y));
      }
  /* The Bering Sea and the North Pacific are in view and were checked. */
  g_assert_cmpuint (checked, >, 200);
  g_assert_cmphex (pixel_at_lonlat (f, shot, -178.0, 58.0), ==, ATLAS_MAP_OCEAN_COLOR);
  g_assert_cmphex (pixel_at_lonlat (f, shot, 177.0, 55.0), ==, ATLAS_MAP_OCEAN_COLOR);
  /* Both halves of Chukotka are drawn. */
  g_assert_cmphex (pixel_at_lonlat (f, shot, -173.0, 66.3), ==,
                   category_color (f->dataset, "cooperation_depth", "RU"));
  g_assert_cmphex (pixel_at_lonlat (f, shot, 172.0, 66.0), ==,
                   category_color (f->dataset, "cooperation_depth", "RU"));
}

/* The part of the plane (atlas_map_to_plane ()) a frame shows */
static void
plane_bounds (const AtlasMapFrame *frame,
              double              *x0,
              double              *y0,
              double              *x1,
              double              *y1)
{
  double world = atlas_map_frame_get_world_width (frame);
  double offset = frame->projection == ATLAS_MAP_PROJECTION_EQUAL_EARTH ? 0.5 : 0;
  double unit = frame->projection == ATLAS_MAP_PROJECTION_EQUAL_EARTH ? ATLAS_MAP_EQUAL_EARTH_WIDTH : 1;

  *x0 = offset + frame->x / unit;
  *y0 = offset + frame->y / unit;
  *x1 = *x0 + frame->width / world;
  *y1 = *y0 + frame->height / world;
}

static void
test_one_world (Fixture       *f,
                gconstpointer  data)
{
  AtlasWorldLayer *layer = atlas_map_view_get_world_layer (f->view);
  ShumateViewport *viewport = shumate_map_get_viewport (atlas_map_view_get_map (f->view));
  AtlasMapFrame frame = { 0 };
  double x0, y0, x1, y1;

  /* Equal Earth, the map's own projection without tiles */
  g_assert_cmpint (atlas_world_layer_get_projection (layer), ==, ATLAS_MAP_PROJECTION_EQUAL_EARTH);

  /* Zooming out stops where the world fills the view's width... */
  shumate_viewport_set_zoom_level (viewport, 0);
  wait_for_frame (f);
  atlas_world_layer_get_frame (layer, &frame);
  g_assert_cmpfloat_with_epsilon (atlas_map_frame_get_world_width (&frame), frame.width, 1e-6);
  plane_bounds (&frame, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x0, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (x1, 1, 1e-9);

  /* ...or, in a flat view, where it shows the inhabited latitudes, centred
   * with sea beside it, never a second copy. */
  gtk_window_set_default_size (f->window, WIDTH, HEIGHT / 3);
  wait_for_frame (f);
  shumate_viewport_set_zoom_level (viewport, 0);
  wait_for_frame (f);
  atlas_world_layer_get_frame (layer, &frame);
  g_assert_cmpfloat (atlas_map_frame_get_world_width (&frame), <, frame.width);
  plane_bounds (&frame, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon ((x0 + x1) / 2, 0.5, 1e-9);
  {
    g_autoptr(AtlasTestPixels) shot = take_shot (f);
    double x, y;

    /* Beside the world's outline, no map */
    g_assert_cmphex (atlas_test_pixels_get (shot, 2, shot->height / 2.0), ==, ATLAS_MAP_SPACE_COLOR);
    g_assert_cmphex (atlas_test_pixels_get (shot, shot->width - 3, shot->height / 2.0), ==, ATLAS_MAP_SPACE_COLOR);
    /* The Pacific at its edges */
    to_widget (f, ATLAS_MAP_CENTRAL_LONGITUDE - 179, 0, &x, &y);
    g_assert_cmphex (atlas_test_pixels_get (shot, x + 2, y), ==, ATLAS_MAP_OCEAN_COLOR);
    to_widget (f, ATLAS_MAP_CENTRAL_LONGITUDE + 179, 0, &x, &y);
    g_assert_cmphex (atlas_test_pixels_get (shot, x - 2, y), ==, ATLAS_MAP_OCEAN_COLOR);
  }
  gtk_window_set_default_size (f->window, WIDTH, HEIGHT);
  wait_for_frame (f);

  /* ...and panning stops at its edges. */
  atlas_map_view_set_camera (f->view, 0, ATLAS_MAP_CENTRAL_LONGITUDE + 179.9, 4);
  wait_for_frame (f);
  atlas_world_layer_get_frame (layer, &frame);
  plane_bounds (&frame, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat (x1, <=, 1 + 1e-9);
  g_assert_cmpfloat (x1, >=, 1 - 1e-6);
  atlas_map_view_set_camera (f->view, 85, ATLAS_MAP_CENTRAL_LONGITUDE - 179.9, 4);
  wait_for_frame (f);
  atlas_world_layer_get_frame (layer, &frame);
  plane_bounds (&frame, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat (x0, >=, -1e-9);
  /* No higher than the outlines' top, 85° N */
  {
    double top, u;

    atlas_map_to_plane (ATLAS_MAP_PROJECTION_EQUAL_EARTH, 0.5, 0, &u, &top);
    g_assert_cmpfloat (y0, >=, top - 1e-9);
  }
}

static gboolean
has_label (GArray     *labels,
           const char *partner_id)
{
  for (guint i = 0; labels && i < labels->len; i++)
    if (g_str_equal (atlas_partner_get_id (g_array_index (labels, AtlasMapLabel, i).partner), partner_id))
      return TRUE;
  return FALSE;
}

/* Moves the map sideways so that PARTNER's label point is X pixels from the
 * view's left edge, and returns the labels drawn there. */
static GArray *
labels_with_anchor_at (Fixture    *f,
                       const char *partner_id,
                       double      x)
{
  AtlasWorldLayer *layer = atlas_map_view_get_world_layer (f->view);
  AtlasMapColoring *coloring = atlas_world_layer_get_coloring (layer);
  AtlasWorld *world = atlas_map_coloring_get_world (coloring);
  ShumateViewport *viewport = shumate_map_get_viewport (atlas_map_view_get_map (f->view));
  AtlasMapFrame frame = { 0 };
  double mx = 0, my = 0, lon, px, py;

  for (guint c = 0; c < atlas_world_get_n_countries (world); c++)
    {
      AtlasPartner *partner = atlas_map_coloring_get_partner (coloring, c);

      if (partner != NULL && g_str_equal (atlas_partner_get_id (partner), partner_id))
        atlas_world_country_get_label_point (world, c, &mx, &my);
    }
  g_assert_cmpfloat (mx, >, 0);
  atlas_world_layer_get_frame (layer, &frame);
  atlas_map_frame_project (&frame, mx, my, &px, &py);
  /* The viewport's longitude is linear in the plane it pans: a pixel is
   * 360 / (the world's width) of its degrees. */
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) +
        (px - x) / atlas_map_frame_get_world_width (&frame) * 360.0;
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), lon);
  wait_for_frame (f);
  atlas_world_layer_get_frame (layer, &frame);
  atlas_map_frame_project (&frame, mx, my, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, x, 0.5);

  return atlas_world_layer_get_labels (layer, NULL);
}

/* A partner whose label point sits in the view's edge, where no label
 * is placed, gets its label once a pan brings it further in (the labels
 * moved with the map used to keep it unlabelled: seen as "JP has no
 * label" in CI). */
static void
test_label_enters_view (Fixture       *f,
                        gconstpointer  data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (f->view));

  atlas_map_view_set_camera (f->view, 36, 130, 4);
  wait_for_frame (f);
  labels_with_anchor_at (f, "JP", width - 0.5);
  g_assert_true (has_label (labels_with_anchor_at (f, "JP", width - 80), "JP"));
}

static void
count_notify (guint *counter)
{
  (*counter)++;
}

static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AtlasTestPixels) plain = take_shot (f);
  g_autoptr(AtlasTestPixels) selected = NULL;
  double x0, y0, x1, y1, left, top, right, bottom;
  guint changed = 0, outside = 0;
  int brazil;
  AtlasWorld *world = atlas_world_get_default ();
  guint notified = 0;

  brazil = atlas_world_find_country (world, "BR");
  atlas_world_country_get_bounds (world, brazil, &x0, &y0, &x1, &y1);
  {
    double lon0, lat0, lon1, lat1;
    atlas_geo_map_to_lonlat (x0, y0, &lon0, &lat0);
    atlas_geo_map_to_lonlat (x1, y1, &lon1, &lat1);
    to_widget (f, lon0, lat0, &left, &top);
    to_widget (f, lon1, lat1, &right, &bottom);
  }

  g_signal_connect_swapped (f->view, "notify::selected-id", G_CALLBACK (count_notify), &notified);
  atlas_map_view_set_selected_id (f->view, "BR");
  atlas_map_view_set_selected_id (f->view, "BR");
  g_assert_cmpstr (atlas_map_view_get_selected_id (f->view), ==, "BR");
  g_assert_cmpuint (notified, ==, 1);
  selected = take_shot (f);

  for (int y = 0; y < plain->height; y++)
    for (int x = 0; x < plain->width; x++)
      if (atlas_test_pixels_get (plain, x, y) != atlas_test_pixels_get (selected, x, y))
        {
          changed++;
          if (x < left - 4 || x > right + 4 || y < top - 4 || y > bottom + 4)
            outside++;
        }
  /* An outline around Brazil, and nothing else. */
  g_assert_cmpuint (changed, >, 200);
  g_assert_cmpuint (outside, ==, 0);
  /* The inside keeps its colour. */
  g_assert_cmphex (pixel_at_lonlat (f, selected, -50.0, -10.0), ==,
                   category_color (f->dataset, "cooperation_depth", "BR"));

  atlas_map_view_set_selected_id (f->view, NULL);
  g_assert_null (atlas_map_view_get_selected_id (f->view));
}

static void
test_hatch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(AtlasTestPixels) shot = NULL;
  guint32 brazil = category_color (f->dataset, "cooperation_depth", "BR");
  double x, y;
  guint same = 0, other = 0;

  atlas_map_view_set_hatch_patterns (f->view, TRUE);
  shot = take_shot (f);
  to_widget (f, -50.0, -10.0, &x, &y);
  /* Off Brazil's name, which may sit over the spot */
  {
    GArray *labels = atlas_world_layer_get_labels (atlas_map_view_get_world_layer (f->view), NULL);

    for (guint i = 0; labels && i < labels->len; i++)
      {
        AtlasMapLabel *l = &g_array_index (labels, AtlasMapLabel, i);

        if (g_str_equal (atlas_partner_get_id (l->partner), "BR") &&
            x + 16 > l->x && x < l->x + l->width && y + 16 > l->y && y < l->y + l->height)
          y = l->y + l->height + 1;
      }
  }
  for (int dy = 0; dy < 16; dy++)
    for (int dx = 0; dx < 16; dx++)
      {
        if (atlas_test_pixels_get (shot, x + dx, y + dy) == brazil)
          same++;
        else
          other++;
      }
  /* Both the colour and the pattern's lines show. */
  g_assert_cmpuint (same, >, 64);
  g_assert_cmpuint (other, >, 16);
  /* The subject and the other countries are not hatched. */
  g_assert_cmphex (pixel_at_lonlat (f, shot, 2.5, 46.5), ==, atlas_dataset_get_subject_color (f->dataset));
}

static void
test_legend (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *grid = atlas_map_view_get_legend (f->view);
  AtlasLens *lens = atlas_dataset_find_lens (f->dataset, "budapest_convention");
  g_autoptr(GString) text = g_string_new ("");
  guint rows = 0;

  atlas_map_view_set_lens_id (f->view, "budapest_convention");
  for (GtkWidget *child = gtk_widget_get_first_child (grid); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      g_string_append_printf (text, "%s|", gtk_label_get_text (GTK_LABEL (child)));
    else
      rows++;

  /* One swatch per category, "No data", the subject and the others. */
  g_assert_cmpuint (rows, ==, atlas_lens_get_n_categories (lens) + 3);
  for (guint i = 0; i < atlas_lens_get_n_categories (lens); i++)
    {
      g_autoptr(AtlasCategory) category = g_list_model_get_item (atlas_lens_get_categories (lens), i);
      g_assert_nonnull (strstr (text->str, atlas_category_get_name (category)));
    }
  g_assert_nonnull (strstr (text->str, atlas_dataset_get_subject_name (f->dataset)));

  g_assert_false (atlas_map_view_get_legend_visible (f->view));
  atlas_map_view_set_legend_visible (f->view, TRUE);
  g_assert_true (atlas_map_view_get_legend_visible (f->view));
}

static gboolean
map_idle (gpointer data)
{
  Fixture *f = data;

  return shumate_map_get_state (atlas_map_view_get_map (f->view)) == SHUMATE_STATE_NONE;
}

static gboolean
over_japan (gpointer data)
{
  Fixture *f = data;
  double lat, lon, zoom;

  atlas_map_view_get_camera (f->view, &lat, &lon, &zoom);
  return fabs (lon - 137) <= 8 && fabs (lat - 36) <= 8;
}

static void
test_fly_to (Fixture       *f,
             gconstpointer  data)
{
  ShumateViewport *viewport = shumate_map_get_viewport (atlas_map_view_get_map (f->view));
  double zoom = shumate_viewport_get_zoom_level (viewport);
  g_autoptr(AtlasTestPixels) shot = NULL;

  atlas_map_view_fly_to (f->view, "JP");
  atlas_test_iterate_until (map_idle, f, 3000);
  wait_for_frame (f);
  atlas_test_iterate_until (over_japan, f, 3000);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom + 1);
  shot = take_shot (f);
  g_assert_cmphex (atlas_test_pixels_get (shot, shot->width / 2.0, shot->height / 2.0), !=, 0);
  /* Japan itself is in view, around the middle */
  {
    double x, y;

    to_widget (f, 140.3, 38.8, &x, &y);
    g_assert_cmpfloat (fabs (x - WIDTH / 2.0), <, WIDTH / 4.0);
    g_assert_cmpfloat (fabs (y - HEIGHT / 2.0), <, HEIGHT / 4.0);
    g_assert_cmphex (atlas_test_pixels_get (shot, x, y), ==, category_color (f->dataset, "cooperation_depth", "JP"));
  }
}

/* Web Mercator only under OpenStreetMap's tiles, which are drawn in it;
 * Equal Earth again without them, and always in presentation mode. The
 * view stays over the same place, and hit-testing follows. */
static void
test_tiles_mercator (Fixture       *f,
                     gconstpointer  data)
{
  AtlasWorldLayer *layer = atlas_map_view_get_world_layer (f->view);
  AtlasMapFrame frame = { 0 };
  double lat, lon, zoom, x, y;

  atlas_map_view_set_camera (f->view, 36, 138, 4);
  wait_for_frame (f);
  g_assert_cmpint (atlas_world_layer_get_projection (layer), ==, ATLAS_MAP_PROJECTION_EQUAL_EARTH);

  atlas_map_view_set_online_tiles (f->view, TRUE);
  wait_for_frame (f);
  g_assert_cmpint (atlas_world_layer_get_projection (layer), ==, ATLAS_MAP_PROJECTION_MERCATOR);
  atlas_world_layer_get_frame (layer, &frame);
  g_assert_cmpint (frame.projection, ==, ATLAS_MAP_PROJECTION_MERCATOR);
  atlas_map_view_get_camera (f->view, &lat, &lon, &zoom);
  g_assert_cmpfloat (fabs (lat - 36), <, 0.01);
  g_assert_cmpfloat (fabs (lon - 138), <, 0.01);
  /* Japan under the middle, as a click finds it */
  {
    g_autofree char *text = describe (f, 140.3, 38.8);
    g_autofree char *japan = atlas_map_label_name (atlas_dataset_find_partner (f->dataset, "JP"));

    g_assert_nonnull (text);
    g_assert_true (g_str_has_prefix (text, japan));
    to_widget (f, 140.3, 38.8, &x, &y);
    g_assert_cmpfloat (fabs (x - WIDTH / 2.0), <, WIDTH / 4.0);
  }

  atlas_map_view_set_presenting (f->view, TRUE);
  wait_for_frame (f);
  g_assert_cmpint (atlas_world_layer_get_projection (layer), ==, ATLAS_MAP_PROJECTION_EQUAL_EARTH);
  atlas_map_view_set_presenting (f->view, FALSE);
  wait_for_frame (f);
  g_assert_cmpint (atlas_world_layer_get_projection (layer), ==, ATLAS_MAP_PROJECTION_MERCATOR);

  atlas_map_view_set_online_tiles (f->view, FALSE);
  wait_for_frame (f);
  g_assert_cmpint (atlas_world_layer_get_projection (layer), ==, ATLAS_MAP_PROJECTION_EQUAL_EARTH);
  atlas_map_view_get_camera (f->view, &lat, &lon, &zoom);
  g_assert_cmpfloat (fabs (lat - 36), <, 0.01);
  g_assert_cmpfloat (fabs (lon - 138), <, 0.01);
}

static char *
describe (Fixture *f,
          double   lon,
          double   lat)
{
  double x, y;

  to_widget (f, lon, lat, &x, &y);
  return atlas_map_view_describe_point (f->view, x, y);
}

static void
test_tooltip (Fixture       *f,
              gconstpointer  data)
{
  AtlasPartner *brazil = atlas_dataset_find_partner (f->dataset, "BR");
  AtlasLens *lens = atlas_dataset_find_lens (f->dataset, "cooperation_depth");
  AtlasCategory *category = atlas_lens_find_category (lens, atlas_partner_get_indicator (brazil, "cooperation_depth"));
  g_autofree char *expected = g_strdup_printf ("%s\n%s", atlas_partner_get_display_name (brazil),
                                               atlas_category_get_name (category));
  g_autofree char *text = describe (f, -50.0, -10.0);
  g_autofree char *france = describe (f, 2.5, 46.5);
  g_autofree char *norway = describe (f, 9.0, 61.5);
  g_autofree char *sea = describe (f, -30.0, 30.0);
  g_autofree char *no_data = NULL;

  g_assert_cmpstr (text, ==, expected);
  g_assert_true (g_str_has_suffix (france, atlas_dataset_get_subject_name (f->dataset)));
  g_assert_null (strchr (norway, '\n'));
  g_assert_null (sea);

  atlas_map_view_set_lens_id (f->view, "no_such_lens");
  no_data = describe (f, -50.0, -10.0);
  g_assert_true (g_str_has_suffix (no_data, "\nNo data"));
}

static void
wait_for_animation (Fixture *f)
{
  wait_for_frame (f);
  atlas_test_iterate_until (map_idle, f, 3000);
  /* go_to animations run on the frame clock, which has no state to ask. */
  atlas_test_wait_ms (1000);
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (f->view);
  ShumateViewport *viewport = shumate_map_get_viewport (atlas_map_view_get_map (f->view));
  double zoom = shumate_viewport_get_zoom_level (viewport);
  AtlasMapFrame before, after;
  g_autofree char *first = NULL;

  /* Tab: the partners by name, starting with the first. */
  g_assert_true (gtk_widget_activate_action (view, "map.next-partner", NULL));
  g_assert_nonnull (atlas_map_view_get_selected_id (f->view));
  g_assert_nonnull (atlas_dataset_find_partner (f->dataset, atlas_map_view_get_selected_id (f->view)));
  first = g_strdup (atlas_map_view_get_selected_id (f->view));
  gtk_widget_activate_action (view, "map.next-partner", NULL);
  g_assert_cmpstr (atlas_map_view_get_selected_id (f->view), !=, first);
  gtk_widget_activate_action (view, "map.previous-partner", NULL);
  g_assert_cmpstr (atlas_map_view_get_selected_id (f->view), ==, first);
  /* Tab flies to the partner. */
  wait_for_animation (f);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom);

  gtk_widget_activate_action (view, "map.clear-selection", NULL);
  g_assert_null (atlas_map_view_get_selected_id (f->view));

  /* Home, then + and the arrows. */
  gtk_widget_activate_action (view, "map.show-world", NULL);
  wait_for_animation (f);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 0.01);
  gtk_widget_activate_action (view, "map.zoom-in", NULL);
  wait_for_animation (f);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom + 1, 0.01);
  atlas_world_layer_get_frame (atlas_map_view_get_world_layer (f->view), &before);
  gtk_widget_activate_action (view, "map.pan", "(dd)", 0.125, 0.0);
  wait_for_frame (f);
  atlas_world_layer_get_frame (atlas_map_view_get_world_layer (f->view), &after);
  g_assert_cmpfloat_with_epsilon ((after.x - before.x) * after.scale, 0.125 * after.width, 1.0);
  gtk_widget_activate_action (view, "map.zoom-out", NULL);
  wait_for_animation (f);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 0.01);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  /* Untranslated names and "No data". */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  atlas_test_init_gui (&argc, &argv);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/map/colors", Fixture, NULL, fixture_set_up, test_colors, fixture_tear_down);
  g_test_add ("/map/lens-switch", Fixture, NULL, fixture_set_up, test_lens_switch, fixture_tear_down);
  g_test_add ("/map/no-smear", Fixture, NULL, fixture_set_up, test_no_smear, fixture_tear_down);
  g_test_add ("/map/one-world", Fixture, NULL, fixture_set_up, test_one_world, fixture_tear_down);
  g_test_add ("/map/label-enters-view", Fixture, NULL, fixture_set_up, test_label_enters_view, fixture_tear_down);
  g_test_add ("/map/selection", Fixture, NULL, fixture_set_up, test_selection, fixture_tear_down);
  g_test_add ("/map/hatch", Fixture, NULL, fixture_set_up, test_hatch, fixture_tear_down);
  g_test_add ("/map/legend", Fixture, NULL, fixture_set_up, test_legend, fixture_tear_down);
  g_test_add ("/map/tooltip", Fixture, NULL, fixture_set_up, test_tooltip, fixture_tear_down);
  g_test_add ("/map/subject-category", Fixture, NULL, fixture_set_up, test_subject_category, fixture_tear_down);
  g_test_add ("/map/tiles-mercator", Fixture, NULL, fixture_set_up, test_tiles_mercator, fixture_tear_down);
  g_test_add ("/map/keyboard", Fixture, NULL, fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/map/fly-to", Fixture, NULL, fixture_set_up, test_fly_to, fixture_tear_down);

  return g_test_run ();
}
