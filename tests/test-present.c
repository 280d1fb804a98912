/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Presentation mode: what it hides and shows, the caption following the
 * selection and the lens, the panels' settings left alone, and the large
 * labels. With ATLAS_SHOTS_DIR set, it also saves present-*.png there. */

#include "config.h"

#include <adwaita.h>

#include "atlas-preferences-window.h"
#include "atlas-test-util.h"
#include "atlas-window-private.h"

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
  GtkWidget *sidebar = adw_flap_get_flap (window->flap);
  gboolean reveal_before = adw_flap_get_reveal_flap (window->flap);

  g_assert_false (atlas_window_get_presenting (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->header_bar)));
  g_assert_false (gtk_widget_get_visible (window->presentation_caption));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  atlas_test_wait_ms (200);

  g_assert_true (atlas_window_get_presenting (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->header_bar)));
  g_assert_false (gtk_widget_get_visible (sidebar));
  g_assert_false (gtk_widget_get_visible (adw_flap_get_flap (window->profile_flap)));
  g_assert_true (gtk_widget_get_visible (window->presentation_caption));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_cmpfloat (atlas_map_view_get_text_scale (window->map_view), >, 1.5);
  /* The panels' own state, which settings remember, is untouched. */
  g_assert_cmpint (adw_flap_get_reveal_flap (window->flap), ==, reveal_before);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-presentation", NULL));
  atlas_test_wait_ms (100);

  g_assert_false (atlas_window_get_presenting (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->header_bar)));
  g_assert_true (gtk_widget_get_visible (sidebar));
  g_assert_false (gtk_widget_get_visible (window->presentation_caption));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_cmpfloat (atlas_map_view_get_text_scale (window->map_view), ==, 1.0);

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
  g_assert_cmpstr (gtk_label_get_text (window->presentation_title), ==, atlas_lens_get_name (lens));

  /* The next partner, as a clicker's Page Down would. */
  gtk_widget_activate_action (GTK_WIDGET (window->map_view), "map.next-partner", NULL);
  atlas_test_wait_ms (100);
  g_assert_nonnull (atlas_window_get_selected_id (window));
  g_assert_cmpstr (gtk_label_get_text (window->presentation_title), ==,
                   atlas_partner_get_display_name (atlas_dataset_find_partner (dataset,
                                                                                atlas_window_get_selected_id (window))));

  atlas_window_set_selected_id (window, "JP");
  atlas_window_set_lens_id (window, "budapest_convention");
  atlas_test_wait_ms (600);
  lens = atlas_dataset_find_lens (dataset, "budapest_convention");
  expected = g_strdup_printf ("%s: %s", atlas_lens_get_name (lens),
                              atlas_category_get_name (atlas_lens_find_category (lens,
                                                                                 atlas_partner_get_indicator (japan, "budapest_convention"))));
  g_assert_cmpstr (gtk_label_get_text (window->presentation_title), ==, atlas_partner_get_display_name (japan));
  g_assert_cmpstr (gtk_label_get_text (window->presentation_category), ==, expected);
  g_assert_cmpint (atlas_swatch_get_color (window->presentation_swatch), ==,
                   atlas_category_get_color (atlas_lens_find_category (lens, "party")));

  atlas_test_save_shot (GTK_WIDGET (window), "present-japan.png");

  atlas_window_set_selected_id (window, NULL);
  atlas_window_set_lens_id (window, "cooperation_depth");
  atlas_map_view_show_world (window->map_view);
  atlas_test_wait_ms (800);
  atlas_test_save_shot (GTK_WIDGET (window), "present-world.png");

  gtk_window_destroy (GTK_WINDOW (window));
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
  g_test_add_func ("/preferences/switches", test_preferences);

  return g_test_run ();
}
