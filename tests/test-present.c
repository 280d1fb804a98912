/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Presentation mode: what it hides and shows, the caption following the
 * selection and the lens, the panels' settings left alone, and the large
 * labels. With ATLAS_SHOTS_DIR set, it also saves present-*.png there. */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "atlas-application.h"
#include "atlas-map-view.h"
#include "atlas-preferences-window.h"
#include "atlas-profile-view.h"
#include "atlas-swatch.h"
#include "atlas-test-util.h"
#include "atlas-window.h"

static AtlasWindow *
new_window (void)
{
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (300);

  return window;
}

static void
test_enter_and_leave (void)
{
  AtlasWindow *window = new_window ();
  GtkWidget *sidebar = adw_flap_get_flap (atlas_test_template_child (window, "flap"));
  gboolean reveal_before = adw_flap_get_reveal_flap (atlas_test_template_child (window, "flap"));

  g_assert_false (atlas_window_get_presenting (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (atlas_test_template_child (window, "header_bar"))));
  g_assert_false (gtk_widget_get_visible (atlas_test_template_child (window, "presentation_caption")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  atlas_test_wait_ms (200);

  g_assert_true (atlas_window_get_presenting (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (atlas_test_template_child (window, "header_bar"))));
  g_assert_false (gtk_widget_get_visible (sidebar));
  g_assert_false (gtk_widget_get_visible (adw_flap_get_flap (atlas_test_template_child (window, "profile_flap"))));
  g_assert_true (gtk_widget_get_visible (atlas_test_template_child (window, "presentation_caption")));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_cmpfloat (atlas_map_view_get_text_scale (atlas_test_template_child (window, "map_view")), >, 1.5);
  /* The panels' own state, which settings remember, is untouched. */
  g_assert_cmpint (adw_flap_get_reveal_flap (atlas_test_template_child (window, "flap")), ==, reveal_before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL));
  atlas_test_wait_ms (100);

  g_assert_false (atlas_window_get_presenting (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (atlas_test_template_child (window, "header_bar"))));
  g_assert_true (gtk_widget_get_visible (sidebar));
  g_assert_false (gtk_widget_get_visible (atlas_test_template_child (window, "presentation_caption")));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_cmpfloat (atlas_map_view_get_text_scale (atlas_test_template_child (window, "map_view")), ==, 1.0);
  /* No editor was open: none opens. */
  g_assert_false (atlas_profile_view_get_editing (atlas_test_template_child (window, "profile_view")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_caption_follows (void)
{
  AtlasWindow *window = new_window ();
  AtlasDataset *dataset = atlas_window_get_dataset (window);
  AtlasLens *lens;
  AtlasPartner *japan = atlas_dataset_find_partner (dataset, "JP");
  g_autofree char *expected = NULL;

  atlas_window_set_presenting (window, TRUE);
  atlas_test_wait_ms (100);

  lens = atlas_dataset_find_lens (dataset, atlas_window_get_lens_id (window));
  g_assert_nonnull (lens);
  /* No partner picked: the caption names the lens. */
  g_assert_cmpstr (gtk_label_get_text (atlas_test_template_child (window, "presentation_title")), ==, atlas_lens_get_name (lens));

  /* The next partner, as a clicker's Page Down would. */
  gtk_widget_activate_action (GTK_WIDGET (atlas_test_template_child (window, "map_view")), "map.next-partner", NULL);
  atlas_test_wait_ms (100);
  g_assert_nonnull (atlas_window_get_selected_id (window));
  g_assert_cmpstr (gtk_label_get_text (atlas_test_template_child (window, "presentation_title")), ==,
                   atlas_partner_get_display_name (atlas_dataset_find_partner (dataset,
                                                                                atlas_window_get_selected_id (window))));

  atlas_window_set_selected_id (window, "JP");
  atlas_window_set_lens_id (window, "budapest_convention");
  atlas_test_wait_ms (600);
  lens = atlas_dataset_find_lens (dataset, "budapest_convention");
  expected = g_strdup_printf ("%s: %s", atlas_lens_get_name (lens),
                              atlas_category_get_name (atlas_lens_find_category (lens,
                                                                                 atlas_partner_get_indicator (japan, "budapest_convention"))));
  g_assert_cmpstr (gtk_label_get_text (atlas_test_template_child (window, "presentation_title")), ==, atlas_partner_get_display_name (japan));
  g_assert_cmpstr (gtk_label_get_text (atlas_test_template_child (window, "presentation_category")), ==, expected);
  g_assert_cmpint (atlas_swatch_get_color (atlas_test_template_child (window, "presentation_swatch")), ==,
                   atlas_category_get_color (atlas_lens_find_category (lens, "party")));

  atlas_test_save_shot (GTK_WIDGET (window), "present-japan.png");

  atlas_window_set_selected_id (window, NULL);
  atlas_window_set_lens_id (window, "cooperation_depth");
  atlas_map_view_show_world (atlas_test_template_child (window, "map_view"));
  atlas_test_wait_ms (800);
  atlas_test_save_shot (GTK_WIDGET (window), "present-world.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
press (AtlasWindow *window,
       guint        keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (atlas_test_template_child (window, "presentation_keys"), "key-pressed", keyval, 0, 0, &handled);
  return handled;
}

/* Hatch patterns, the legend and the lens changed for the room last only
 * until presentation ends: the settings keep the user's choices, and
 * leaving puts back the lens, the selection, the camera and the editor. */
static void
test_leaves_no_trace (void)
{
  g_autoptr(GError) error = NULL;
  AtlasApplication *app = atlas_application_new ();
  GSettings *settings;
  AtlasWindow *window;
  g_autofree char *lens_before = NULL;
  double camera[3], after[3];

  /* Not unique: whatever else runs the app on the suite's session bus at
   * the same time (the end-to-end tests, a parallel test), this one must
   * be its own primary instance; a remote one has no window machinery, and
   * adding a window to it crashes in GTK. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));
  settings = atlas_application_get_settings (app);
  g_settings_set_boolean (settings, "hatch-patterns", FALSE);
  g_settings_set_boolean (settings, "legend-visible", TRUE);
  g_settings_set_string (settings, "lens", "cooperation_depth");

  window = g_object_new (ATLAS_TYPE_WINDOW, "application", app, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (300);

  lens_before = g_strdup (atlas_window_get_lens_id (window));
  g_assert_cmpstr (lens_before, ==, "cooperation_depth");
  atlas_window_set_selected_id (window, "BR");
  atlas_test_wait_ms (900);
  atlas_map_view_get_camera (atlas_test_template_child (window, "map_view"), &camera[0], &camera[1], &camera[2]);
  atlas_profile_view_set_editing (atlas_test_template_child (window, "profile_view"), TRUE);
  g_assert_true (atlas_profile_view_get_editing (atlas_test_template_child (window, "profile_view")));

  atlas_window_set_presenting (window, TRUE);
  atlas_test_wait_ms (200);
  /* Entering ends editing. */
  g_assert_false (atlas_profile_view_get_editing (atlas_test_template_child (window, "profile_view")));

  g_assert_true (press (window, GDK_KEY_h));
  g_assert_true (press (window, GDK_KEY_l));
  g_assert_true (atlas_map_view_get_hatch_patterns (atlas_test_template_child (window, "map_view")));
  g_assert_false (atlas_map_view_get_legend_visible (atlas_test_template_child (window, "map_view")));
  atlas_window_set_lens_id (window, "wcit_2012");
  g_assert_true (press (window, GDK_KEY_Right));
  g_assert_true (press (window, GDK_KEY_Right));
  atlas_test_wait_ms (700);
  g_assert_cmpstr (atlas_window_get_selected_id (window), !=, "BR");
  /* Nothing of it reaches the settings. */
  g_assert_false (g_settings_get_boolean (settings, "hatch-patterns"));
  g_assert_true (g_settings_get_boolean (settings, "legend-visible"));
  {
    g_autofree char *lens = g_settings_get_string (settings, "lens");

    g_assert_cmpstr (lens, ==, "cooperation_depth");
  }

  g_assert_true (press (window, GDK_KEY_Escape));
  atlas_test_wait_ms (900);
  g_assert_false (atlas_window_get_presenting (window));
  g_assert_false (atlas_map_view_get_hatch_patterns (atlas_test_template_child (window, "map_view")));
  g_assert_true (atlas_map_view_get_legend_visible (atlas_test_template_child (window, "map_view")));
  g_assert_cmpstr (atlas_window_get_lens_id (window), ==, lens_before);
  g_assert_cmpstr (atlas_window_get_selected_id (window), ==, "BR");
  /* The editor left open before is open again, on the same partner, and
   * the focus in its form. */
  g_assert_true (atlas_profile_view_get_editing (atlas_test_template_child (window, "profile_view")));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (atlas_test_template_child (window, "profile_view"))));
  }
  atlas_map_view_get_camera (atlas_test_template_child (window, "map_view"), &after[0], &after[1], &after[2]);
  g_assert_cmpfloat_with_epsilon (after[0], camera[0], 0.05);
  g_assert_cmpfloat_with_epsilon (after[1], camera[1], 0.05);
  g_assert_cmpfloat_with_epsilon (after[2], camera[2], 0.05);

  /* The settings follow the map again after leaving. */
  atlas_map_view_set_hatch_patterns (atlas_test_template_child (window, "map_view"), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "hatch-patterns"));
  atlas_map_view_set_hatch_patterns (atlas_test_template_child (window, "map_view"), FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
}

/* The hint names every key, and a "Present" button is in the header bar. */
static void
test_hint_and_button (void)
{
  AtlasWindow *window = new_window ();
  GtkWidget *button = atlas_test_find_widget (GTK_WIDGET (atlas_test_template_child (window, "header_bar")), GTK_TYPE_BUTTON, "Present");
  GtkWidget *hint = gtk_revealer_get_child (atlas_test_template_child (window, "presentation_hint_revealer"));
  const char *text = gtk_label_get_text (GTK_LABEL (hint));

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.presentation");
  for (const char *const *key = (const char *const[]) { "→", "←", "1–9", "Home", "L ", "H ", "Esc", NULL }; *key; key++)
    g_assert_nonnull (strstr (text, *key));

  gtk_widget_activate (button);
  atlas_test_wait_ms (300);
  g_assert_true (atlas_window_get_presenting (window));
  atlas_window_set_presenting (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The key hint covers neither the caption nor the legend */
static void
assert_hint_clear (AtlasWindow *window)
{
  GtkWidget *legend = atlas_map_view_get_legend (atlas_test_template_child (window, "map_view"));
  GtkWidget *hint = GTK_WIDGET (atlas_test_template_child (window, "presentation_hint_revealer"));
  graphene_rect_t hint_box, caption, box;

  while (legend != NULL && !gtk_widget_has_css_class (legend, "atlas-map-legend"))
    legend = gtk_widget_get_parent (legend);
  g_assert_nonnull (legend);
  g_assert_true (gtk_revealer_get_reveal_child (atlas_test_template_child (window, "presentation_hint_revealer")));
  g_assert_true (gtk_widget_compute_bounds (hint, GTK_WIDGET (window), &hint_box));
  g_assert_cmpfloat (hint_box.size.height, >, 50);
  g_assert_true (gtk_widget_compute_bounds (atlas_test_template_child (window, "presentation_caption"), GTK_WIDGET (window), &caption));
  g_assert_true (gtk_widget_compute_bounds (legend, GTK_WIDGET (window), &box));
  g_assert_false (graphene_rect_intersection (&hint_box, &caption, NULL));
  g_assert_false (graphene_rect_intersection (&hint_box, &box, NULL));
}

/* A point's place on the map widget */
static void
point_on_map (AtlasWindow *window,
              double       latitude,
              double       longitude,
              double      *x,
              double      *y)
{
  ShumateMap *map = atlas_map_view_get_map (atlas_test_template_child (window, "map_view"));
  graphene_point_t in, out;

  AtlasMapProjection projection = atlas_world_layer_get_projection (atlas_map_view_get_world_layer (atlas_test_template_child (window, "map_view")));
  double mx, my, u, v, lon, lat;

  /* The viewport's locations are points of the map's plane */
  atlas_geo_lonlat_to_map (longitude, latitude, &mx, &my);
  atlas_map_to_plane (projection, mx, my, &u, &v);
  atlas_geo_map_to_lonlat (u, v, &lon, &lat);
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (map), GTK_WIDGET (map),
                                              lat, lon, x, y);
  in = GRAPHENE_POINT_INIT (*x, *y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (map), GTK_WIDGET (atlas_test_template_child (window, "map_view")), &in, &out));
  *x = out.x;
  *y = out.y;
}

/* Japan flown to on a 1024×768 projector: the caption above and the legend
 * below cover none of it, from Hokkaido to Kyushu. */
static void
test_fit_clear_of_caption (void)
{
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  GtkWidget *legend = atlas_map_view_get_legend (atlas_test_template_child (window, "map_view"));
  graphene_rect_t caption, box;
  double x, y;

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (300);
  atlas_window_set_presenting (window, TRUE);
  atlas_test_wait_ms (500);
  atlas_window_set_selected_id (window, "JP");
  /* The flight, and the caption laid out for Japan */
  atlas_test_wait_ms (2500);
  atlas_test_save_shot (GTK_WIDGET (window), "present-japan-1024.png");
  assert_hint_clear (window);

  g_assert_true (gtk_widget_compute_bounds (atlas_test_template_child (window, "presentation_caption"), GTK_WIDGET (atlas_test_template_child (window, "map_view")), &caption));
  while (legend != NULL && !gtk_widget_has_css_class (legend, "atlas-map-legend"))
    legend = gtk_widget_get_parent (legend);
  g_assert_nonnull (legend);
  g_assert_true (gtk_widget_compute_bounds (legend, GTK_WIDGET (atlas_test_template_child (window, "map_view")), &box));

  /* Cape Sōya, Hokkaido's north: below the caption */
  point_on_map (window, 45.52, 141.94, &x, &y);
  g_assert_cmpfloat (y, >, caption.origin.y + caption.size.height);
  /* Cape Sata, Kyushu's south: above the legend */
  point_on_map (window, 30.99, 130.66, &x, &y);
  g_assert_cmpfloat (y, <, box.origin.y);

  atlas_window_set_presenting (window, FALSE);
  atlas_test_wait_ms (300);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The whole world on a projector, on entering and after Home: below the
 * caption, from Canada's Arctic coast down, the caption whole on the
 * screen, and Brazil, South Africa and Japan clear of the legend. */
static void
check_world_clear (int width,
                   int height)
{
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  GtkWidget *legend = atlas_map_view_get_legend (atlas_test_template_child (window, "map_view"));
  g_autofree char *shot = g_strdup_printf ("present-world-%d.png", width);
  graphene_rect_t caption, box;
  double x, y;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (300);
  atlas_window_set_presenting (window, TRUE);
  /* The world, once the map has its size */
  atlas_test_wait_ms (1500);
  atlas_test_save_shot (GTK_WIDGET (window), shot);
  assert_hint_clear (window);

  for (int home = 0; home < 2; home++)
    {
      g_assert_true (gtk_widget_compute_bounds (atlas_test_template_child (window, "presentation_caption"), GTK_WIDGET (atlas_test_template_child (window, "map_view")),
                                                &caption));
      g_assert_cmpfloat (caption.origin.x, >=, 0);
      g_assert_cmpfloat (caption.origin.x + caption.size.width, <=, gtk_widget_get_width (GTK_WIDGET (atlas_test_template_child (window, "map_view"))));
      /* Canada's Arctic coast: below the caption */
      point_on_map (window, 70.0, -100.0, &x, &y);
      g_assert_cmpfloat (y, >, caption.origin.y + caption.size.height);
      /* Cape Horn on the screen: the world is whole */
      point_on_map (window, -55.98, -67.27, &x, &y);
      g_assert_cmpfloat (y, <, gtk_widget_get_height (GTK_WIDGET (atlas_test_template_child (window, "map_view"))));
      /* Brazil's south (Chuí) and east (Ponta do Seixas) clear of the legend */
      while (legend != NULL && !gtk_widget_has_css_class (legend, "atlas-map-legend"))
        legend = gtk_widget_get_parent (legend);
      g_assert_true (gtk_widget_compute_bounds (legend, GTK_WIDGET (atlas_test_template_child (window, "map_view")), &box));
      point_on_map (window, -7.15, -34.79, &x, &y);
      g_assert_true (x < box.origin.x || y < box.origin.y);
      /* nor South Africa's Cape Agulhas, nor Japan's south */
      point_on_map (window, -34.83, 20.0, &x, &y);
      g_assert_true (x < box.origin.x || y < box.origin.y);
      point_on_map (window, 30.99, 130.66, &x, &y);
      g_assert_true (x < box.origin.x || y < box.origin.y);
      point_on_map (window, -33.75, -53.37, &x, &y);
      g_assert_true (x < box.origin.x || y < box.origin.y);

      /* Japan, then Home */
      atlas_window_set_selected_id (window, "JP");
      atlas_test_wait_ms (2000);
      g_assert_true (press (window, GDK_KEY_Home));
      atlas_test_wait_ms (2000);
    }

  atlas_window_set_presenting (window, FALSE);
  atlas_test_wait_ms (300);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_world_clear_of_caption (void)
{
  check_world_clear (1024, 768);
  check_world_clear (1366, 768);
}

/* Each switch of the preferences is its GSettings key, both ways. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.cyberdiplomacy.Atlas");
  GtkWidget *window = atlas_preferences_window_new (NULL, settings);
  const char *keys[] = { "legend-visible", "hatch-patterns", "online-tiles" };
  const char *names[] = { "Legend", "Hatch Patterns", "OpenStreetMap Tiles" };

  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (100);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      /* The switch named after the key's row. */
      GtkSwitch *found = GTK_SWITCH (atlas_test_find_widget (window, GTK_TYPE_SWITCH, names[i]));
      gboolean before = g_settings_get_boolean (settings, keys[i]);

      g_assert_nonnull (found);
      g_assert_cmpint (gtk_switch_get_active (found), ==, before);
      gtk_switch_set_active (found, !before);
      g_assert_cmpint (g_settings_get_boolean (settings, keys[i]), ==, !before);
      g_settings_set_boolean (settings, keys[i], before);
      g_assert_cmpint (gtk_switch_get_active (found), ==, before);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init_gui (&argc, &argv);

  atlas_test_add_app_style ();

  g_test_add_func ("/present/enter-and-leave", test_enter_and_leave);
  g_test_add_func ("/present/caption-follows", test_caption_follows);
  g_test_add_func ("/present/leaves-no-trace", test_leaves_no_trace);
  g_test_add_func ("/present/hint-and-button", test_hint_and_button);
  g_test_add_func ("/present/fit-clear-of-caption", test_fit_clear_of_caption);
  g_test_add_func ("/present/world-clear-of-caption", test_world_clear_of_caption);
  g_test_add_func ("/preferences/switches", test_preferences);

  return g_test_run ();
}
