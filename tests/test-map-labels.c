/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The partners' labels in the real window and in presentation mode, at
 * 1024x768, 1366x768 and 1920x1080 (the suite runs this binary a second
 * time with GDK_SCALE=2): every partner has a label, inside the map, over
 * no other partner or label (the checks of atlas-test-labels.h, on what the
 * world layer drew); every label's text shows in the pixels, a selected
 * partner's included (its outline goes under the name); pointing at a label
 * or its leader dot names its partner, as a click selects it; the map is
 * equal-area (Equal Earth) in both. With
 * ATLAS_SHOTS_DIR set, saves labels-*.png there. */

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "atlas-core.h"
#include "atlas-map-view.h"
#include "atlas-test-labels.h"
#include "atlas-test-util.h"
#include "atlas-window.h"

typedef struct
{
  int         width, height;
  gboolean    presenting;
  const char *lens;
} Case;

/* Dark text pixels inside the label's text */
static guint
text_pixels (AtlasTestPixels     *shot,
             const AtlasMapLabel *label)
{
  int w, h;
  guint dark = 0;

  pango_layout_get_pixel_size (label->layout, &w, &h);
  for (int y = (int) label->text_y; y < label->text_y + h; y++)
    for (int x = (int) label->text_x; x < label->text_x + w; x++)
      {
        guint32 c;

        if (x < 0 || y < 0 || x >= shot->width || y >= shot->height)
          continue;
        c = atlas_test_pixels_get (shot, x, y);
        if (((c >> 16) & 0xff) < 0x50 && ((c >> 8) & 0xff) < 0x50 && (c & 0xff) < 0x50)
          dark++;
      }
  return dark;
}

/* Equal Earth in the window and in presentation mode: Russia's coloured
 * pixels over Brazil's within 15 % of their true ratio (2.0; Web Mercator
 * makes it several times that); the whole-world view shows the land from
 * 84° N to 60° S; Chukotka lies whole beside the rest of Russia, not cut
 * off at the map's edge. */
static void
check_equal_area (AtlasMapView    *view,
                  AtlasTestPixels *shot)
{
  AtlasWorldLayer *layer = atlas_map_view_get_world_layer (view);
  AtlasMapColoring *coloring = atlas_world_layer_get_coloring (layer);
  AtlasWorld *world = atlas_map_coloring_get_world (coloring);
  int russia = atlas_world_find_country (world, "RU");
  int brazil = atlas_world_find_country (world, "BR");
  guint32 russia_color = atlas_map_coloring_get_color (coloring, russia);
  guint32 brazil_color = atlas_map_coloring_get_color (coloring, brazil);
  double sx = shot->width / (double) gtk_widget_get_width (GTK_WIDGET (layer));
  double sy = shot->height / (double) gtk_widget_get_height (GTK_WIDGET (layer));
  guint n_russia = 0, n_brazil = 0, colored_russia = 0, colored_brazil = 0;
  AtlasMapFrame frame = { 0 };
  double mx, my, x, y, west_x, west_y, east_x, east_y;

  g_assert_cmpint (atlas_world_layer_get_projection (layer), ==, ATLAS_MAP_PROJECTION_EQUAL_EARTH);
  /* The pixels of each, and those of them in its colour (the rest are
   * borders, coasts and labels) */
  for (int py = 0; py < shot->height; py++)
    for (int px = 0; px < shot->width; px++)
      {
        int country = atlas_world_layer_pick (layer, (px + 0.5) / sx, (py + 0.5) / sy);
        guint32 c;

        if (country != russia && country != brazil)
          continue;
        c = atlas_test_pixels_get (shot, px, py);
        if (country == russia)
          {
            n_russia++;
            colored_russia += c == russia_color;
          }
        else
          {
            n_brazil++;
            colored_brazil += c == brazil_color;
          }
      }
  g_test_message ("Russia %u px (%u coloured), Brazil %u px (%u coloured): %.3f", n_russia, colored_russia,
                  n_brazil, colored_brazil, (double) n_russia / MAX (n_brazil, 1));
  g_assert_cmpuint (n_brazil, >, 100);
  g_assert_cmpfloat (fabs ((double) n_russia / n_brazil - 2.0), <=, 0.15 * 2.0);
  /* Most of each is its colour: the rest is its label, which in
   * presentation mode (twice the size, on a 1024×768 projector's smaller
   * world) may cover up to a third of Brazil */
  g_assert_cmpfloat (colored_russia, >=, 0.75 * n_russia);
  g_assert_cmpfloat (colored_brazil, >=, 0.66 * n_brazil);

  atlas_world_layer_get_frame (layer, &frame);
  atlas_geo_lonlat_to_map (ATLAS_MAP_CENTRAL_LONGITUDE, 84, &mx, &my);
  atlas_map_frame_project (&frame, mx, my, &x, &y);
  g_assert_cmpfloat (y, >=, -1);
  atlas_geo_lonlat_to_map (ATLAS_MAP_CENTRAL_LONGITUDE, -60, &mx, &my);
  atlas_map_frame_project (&frame, mx, my, &x, &y);
  g_assert_cmpfloat (y, <=, frame.height + 1);

  atlas_geo_lonlat_to_map (178, 66.5, &mx, &my);
  atlas_map_frame_project (&frame, mx, my, &west_x, &west_y);
  atlas_geo_lonlat_to_map (-176, 66.5, &mx, &my);
  atlas_map_frame_project (&frame, mx, my, &east_x, &east_y);
  g_assert_cmpint (atlas_world_layer_pick (layer, west_x, west_y), ==, russia);
  g_assert_cmpint (atlas_world_layer_pick (layer, east_x, east_y), ==, russia);
  g_assert_cmpfloat (fabs (east_x - west_x), <, frame.width / 20);
}

static void
check_view (AtlasMapView *view,
            const Case   *c,
            const char   *shot_name)
{
  AtlasWorldLayer *layer = atlas_map_view_get_world_layer (view);
  g_autoptr(GdkTexture) texture = atlas_test_render_widget (GTK_WIDGET (view));
  g_autoptr(AtlasTestPixels) shot = atlas_test_pixels_new (texture);
  g_autoptr(GString) problems = g_string_new (NULL);
  AtlasMapFrame frame = { 0 };
  AtlasMapTransform transform = atlas_test_frame_transform (&frame);
  AtlasMapBox viewport;
  GArray *labels;
  double size;
  graphene_rect_t legend;
  gboolean legend_visible;

  atlas_test_save_texture (texture, shot_name);
  legend_visible = gtk_widget_get_mapped (atlas_map_view_get_legend (view)) &&
                   gtk_widget_compute_bounds (gtk_widget_get_parent (gtk_widget_get_parent (atlas_map_view_get_legend (view))),
                                              GTK_WIDGET (layer), &legend);
  atlas_world_layer_get_frame (layer, &frame);
  atlas_world_layer_get_label_box (layer, &viewport);
  labels = atlas_world_layer_get_labels (layer, &size);
  g_assert_nonnull (labels);
  atlas_test_check_labels (atlas_world_layer_get_coloring (layer), &transform, &viewport, labels,
                           size, c->presenting ? 24 : 12, problems);
  g_assert_cmpstr (problems->str, ==, "");

  for (guint i = 0; i < labels->len; i++)
    {
      AtlasMapLabel *l = &g_array_index (labels, AtlasMapLabel, i);
      g_autofree char *name = atlas_map_label_name (l->partner);
      g_autofree char *at_label = atlas_map_view_describe_point (view, l->x + l->width / 2,
                                                                 l->y + l->height / 2);

      if (legend_visible && l->x < legend.origin.x + legend.size.width && legend.origin.x < l->x + l->width &&
          l->y < legend.origin.y + legend.size.height && legend.origin.y < l->y + l->height)
        g_error ("%s's label (%g,%g %gx%g) is under the legend (%g,%g %gx%g)", atlas_partner_get_id (l->partner),
                 l->x, l->y, l->width, l->height, legend.origin.x, legend.origin.y,
                 legend.size.width, legend.size.height);
      if (text_pixels (shot, l) < 10)
        g_error ("%s's label is not drawn (or drawn over)", atlas_partner_get_id (l->partner));
      /* The label names (and a click selects) its partner */
      g_assert_nonnull (at_label);
      g_assert_true (g_str_has_prefix (at_label, name));
      if (l->leader)
        {
          g_autofree char *at_dot = atlas_map_view_describe_point (view, l->anchor_x, l->anchor_y);
          g_assert_true (g_str_has_prefix (at_dot, name));
        }
    }
}

/* Presentation has fitted the world to the map's full-screen size, below
 * its caption (atlas-window-present.c) */
static gboolean
presentation_fitted (gpointer data)
{
  AtlasWindow *window = data;

  return atlas_window_get_presentation_framed (window);
}

static void
test_labels (gconstpointer data)
{
  const Case *c = data;
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  AtlasDataset *dataset;
  AtlasMapView *view = atlas_test_template_child (window, "map_view");
  g_autofree char *base = g_strdup_printf ("labels-%dx%d%s-%s", c->width, c->height,
                                           c->presenting ? "-presentation" : "", c->lens);
  g_autofree char *world_name = g_strconcat (base, ".png", NULL);
  g_autofree char *selected_name = g_strconcat (base, "-selected.png", NULL);
  GListModel *partners;

  gtk_window_set_default_size (GTK_WINDOW (window), c->width, c->height);
  atlas_window_load_bundled (window);
  dataset = atlas_window_get_dataset (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (300);
  if (c->presenting)
    {
      atlas_window_set_presenting (window, TRUE);
      g_assert_true (atlas_test_iterate_until (presentation_fitted, window, 10000));
    }
  atlas_window_set_lens_id (window, c->lens);
  atlas_map_view_show_world (view);
  atlas_test_wait_ms (900);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >, 0);
  check_view (view, c, world_name);
  {
    /* The map alone: the legend may cover some of Brazil on a small screen */
    g_autoptr(GdkTexture) texture = atlas_test_render_widget (GTK_WIDGET (atlas_map_view_get_world_layer (view)));
    g_autoptr(AtlasTestPixels) shot = atlas_test_pixels_new (texture);

    check_equal_area (view, shot);
  }
  {
    double size;
    /* At the whole-world view, every partner is in view. */
    g_assert_cmpuint (atlas_world_layer_get_labels (atlas_map_view_get_world_layer (view), &size)->len, ==,
                      atlas_dataset_get_n_partners (dataset));
  }

  /* Each partner selected: its outline never covers a label. Back at the
   * world view each time, as a presenter stepping through would not be. */
  partners = atlas_dataset_get_partners (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i += 3)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);

      atlas_map_view_set_selected_id (view, atlas_partner_get_id (partner));
      atlas_map_view_show_world (view);
      atlas_test_wait_ms (100);
      check_view (view, c, selected_name);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  AtlasWindow     *window;
  AtlasMapView    *view;
  ShumateViewport *viewport;
  double           world_zoom;
} Layout;

/* The window laid out with its list beside the map (not folded over it) */
static gboolean
list_beside_map (gpointer data)
{
  Layout *l = data;

  return gtk_widget_get_width (GTK_WIDGET (l->view)) > 0 &&
         adw_flap_get_reveal_flap (atlas_test_template_child (l->window, "flap")) &&
         !adw_flap_get_folded (atlas_test_template_child (l->window, "flap"));
}

/* Flown to a partner (zoomed well in), its profile in */
static gboolean
flown_in_with_profile (gpointer data)
{
  Layout *l = data;

  return shumate_viewport_get_zoom_level (l->viewport) > l->world_zoom + 1 &&
         adw_flap_get_reveal_flap (atlas_test_template_child (l->window, "profile_flap"));
}

/* The profile gone, the map has its room back */
static gboolean
map_has_room (gpointer data)
{
  Layout *l = data;

  return gtk_widget_get_width (GTK_WIDGET (l->view)) >= 1366 * 6 / 10;
}

/* Room for the map on a laptop: with no partner picked, the map has at
 * least 60 % of a 1366x768 window (the profile comes in with a partner);
 * a partner picked in the list flies the map to it, and the selection is
 * a halo, not a black stroke. */
static void
test_layout_1366 (void)
{
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  AtlasMapView *view = atlas_test_template_child (window, "map_view");
  ShumateViewport *viewport = shumate_map_get_viewport (atlas_map_view_get_map (view));
  double world_zoom;
  int map_width;
  Layout layout = { window, view, viewport, 0 };

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  /* Laid out (or, on a screen too small for it, folded: see below) */
  atlas_test_iterate_until (list_beside_map, &layout, 5000);

  map_width = gtk_widget_get_width (GTK_WIDGET (view));
  g_test_message ("map %d px of %d", map_width, gtk_widget_get_width (GTK_WIDGET (window)));
  if (gtk_widget_get_width (GTK_WIDGET (window)) < 1300)
    {
      /* At scale 2 the suite's screen holds no 1366-pixel window; the
       * scale-2 run has a screen of its own (tests/run-on-screen.py), where
       * this is a failure. */
      g_assert_null (g_getenv ("ATLAS_TEST_SCREEN"));
      g_test_skip ("the screen is too small for a 1366x768 window");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  atlas_test_save_shot (GTK_WIDGET (window), "layout-1366x768.png");
  g_assert_cmpint (map_width, >=, 1366 * 6 / 10);
  /* The list is there beside it */
  g_assert_true (adw_flap_get_reveal_flap (atlas_test_template_child (window, "flap")));
  g_assert_false (adw_flap_get_folded (atlas_test_template_child (window, "flap")));

  world_zoom = shumate_viewport_get_zoom_level (viewport);
  layout.world_zoom = world_zoom;
  g_signal_emit_by_name (atlas_test_template_child (window, "partner_list"), "partner-picked", "JP");
  atlas_window_set_selected_id (window, "JP");
  /* The flight and the flap are animations: waited for, not timed */
  g_assert_true (atlas_test_iterate_until (flown_in_with_profile, &layout, 10000));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, world_zoom + 1);
  atlas_test_save_shot (GTK_WIDGET (window), "layout-1366x768-japan.png");

  /* Back to no partner: the map has the room again. */
  atlas_window_set_selected_id (window, NULL);
  g_assert_true (atlas_test_iterate_until (map_has_room, &layout, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The README's and the metainfo's screenshot (data/screenshots/main.png),
 * saved only with ATLAS_SHOTS_DIR set. */
static void
test_readme_shot (void)
{
  AtlasWindow *window;

  if (g_getenv ("ATLAS_SHOTS_DIR") == NULL)
    {
      g_test_skip ("set ATLAS_SHOTS_DIR to save screenshots");
      return;
    }
  window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1440, 900);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (300);
  atlas_window_set_lens_id (window, "budapest_convention");
  atlas_window_set_selected_id (window, "BR");
  atlas_map_view_show_world (atlas_test_template_child (window, "map_view"));
  atlas_test_wait_ms (900);
  atlas_test_save_shot (GTK_WIDGET (window), "main.png");
  gtk_window_destroy (GTK_WINDOW (window));

  /* data/screenshots/presentation.png: presentation mode on Japan */
  window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (300);
  atlas_window_set_lens_id (window, "cooperation_depth");
  atlas_window_set_presenting (window, TRUE);
  atlas_test_wait_ms (600);
  atlas_window_set_selected_id (window, "JP");
  atlas_map_view_fly_to (atlas_test_template_child (window, "map_view"), "JP");
  atlas_test_wait_ms (1500);
  atlas_test_save_shot (GTK_WIDGET (window), "presentation.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static const Case cases[] = {
  { 1024, 768, FALSE, "cooperation_depth" },
  { 1366, 768, FALSE, "budapest_convention" },
  { 1920, 1080, FALSE, "wcit_2012" },
  { 1024, 768, TRUE, "budapest_convention" },
  { 1366, 768, TRUE, "cooperation_depth" },
  { 1920, 1080, TRUE, "budapest_convention" },
};

int
main (int   argc,
      char *argv[])
{
  atlas_test_init_gui (&argc, &argv);

  atlas_test_add_app_style ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/map-labels/%dx%d%s/%s", cases[i].width, cases[i].height,
                                               cases[i].presenting ? "-presentation" : "", cases[i].lens);

      g_test_add_data_func (path, &cases[i], test_labels);
    }

  g_test_add_func ("/map-layout/1366x768", test_layout_1366);
  g_test_add_func ("/map-labels/readme-shot", test_readme_shot);

  return g_test_run ();
}
