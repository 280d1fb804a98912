/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The map's legend never hides a partner: at window sizes from a small
 * laptop to a projector, in presentation mode with its large text, and
 * zoomed on a region, no partner's label lies under the legend. (Below
 * about 800×500, or zoomed close on East Asia, no corner of the map is
 * free of partners: the legend folds with its header, or L in
 * presentation mode.) */

#include "config.h"

#include <locale.h>

#include <math.h>

#include <adwaita.h>

#include "atlas-core.h"
#include "atlas-map-paint.h"
#include "atlas-map-view.h"
#include "atlas-test-util.h"
#include "atlas-window.h"

/* Around a label point, where its name is written: the legend must keep
 * clear of that, not just of the point. */
#define LABEL_HALF_WIDTH 40
#define LABEL_HALF_HEIGHT 10

/* How many partners' labels the legend covers. */
static guint
partners_under_legend (AtlasMapView *view,
                       AtlasDataset *dataset)
{
  AtlasWorld *world = atlas_world_get_default ();
  GtkWidget *legend = atlas_map_view_get_legend (view);
  AtlasMapFrame frame = { 0 };
  graphene_rect_t bounds;
  guint covered = 0;

  g_assert_true (gtk_widget_compute_bounds (legend, GTK_WIDGET (view), &bounds));
  atlas_world_layer_get_frame (atlas_map_view_get_world_layer (view), &frame);

  for (guint i = 0; i < atlas_dataset_get_n_partners (dataset); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (atlas_dataset_get_partners (dataset), i);
      int country = atlas_world_find_country (world, atlas_partner_get_id (partner));
      double mx, my;
      graphene_rect_t label;

      g_assert_cmpint (country, >=, 0);
      atlas_world_country_get_label_point (world, country, &mx, &my);
      atlas_map_frame_project (&frame, mx, my, &mx, &my);
      graphene_rect_init (&label,
                          mx - LABEL_HALF_WIDTH,
                          my - LABEL_HALF_HEIGHT,
                          2 * LABEL_HALF_WIDTH, 2 * LABEL_HALF_HEIGHT);
      if (graphene_rect_intersection (&bounds, &label, NULL))
        {
          g_test_message ("%s is under the legend at %gx%g", atlas_partner_get_id (partner),
                          label.origin.x + LABEL_HALF_WIDTH, label.origin.y + LABEL_HALF_HEIGHT);
          covered++;
        }
    }

  return covered;
}

typedef struct
{
  int         width, height;
  double      text_scale;  /* presentation mode's labels and legend */
  const char *zoom_on;     /* a partner to fly to, or NULL for the world */
} Case;

static void
test_legend_clear (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(AtlasDataset) dataset = NULL;
  GtkWindow *window;
  AtlasMapView *view;

  if (c->text_scale > 1)
    {
      /* The real thing: the window in presentation mode, its style sheet,
       * its large labels and legend. */
      AtlasWindow *atlas_window = g_object_new (ATLAS_TYPE_WINDOW, NULL);

      gtk_window_set_default_size (GTK_WINDOW (atlas_window), c->width, c->height);
      atlas_window_load_bundled (atlas_window);
      dataset = g_object_ref (atlas_window_get_dataset (atlas_window));
      gtk_window_present (GTK_WINDOW (atlas_window));
      atlas_test_wait_ms (300);
      atlas_window_set_presenting (atlas_window, TRUE);
      window = GTK_WINDOW (atlas_window);
      view = atlas_test_template_child (atlas_window, "map_view");
    }
  else
    {
      dataset = atlas_dataset_new_bundled ();
      window = GTK_WINDOW (gtk_window_new ());
      view = ATLAS_MAP_VIEW (atlas_map_view_new ());
      atlas_map_view_set_dataset (view, dataset);
      atlas_map_view_set_lens_id (view, "cooperation_depth");
      gtk_window_set_child (window, GTK_WIDGET (view));
      gtk_window_set_default_size (window, c->width, c->height);
      gtk_window_present (window);
    }
  atlas_test_wait_ms (800);

  if (c->zoom_on != NULL)
    {
      atlas_map_view_fly_to (view, c->zoom_on);
      atlas_test_wait_ms (1200);
    }

  g_assert_true (atlas_map_view_get_legend_visible (view));
  g_assert_cmpuint (partners_under_legend (view, dataset), ==, 0);

  gtk_window_destroy (window);
}

static double
luminance (guint32 rgb)
{
  double c[3] = { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0 };

  for (int i = 0; i < 3; i++)
    c[i] = c[i] <= 0.04045 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* WCAG contrast of a label's text with what is behind it: the background
 * is the colour along the label's top edge, the text its pixel that stands
 * out most. */
static double
label_contrast (AtlasTestPixels *shot,
                GtkWidget       *label,
                GtkWidget       *root)
{
  graphene_rect_t b;
  guint32 background;
  double lb, best = 1;

  g_assert_true (gtk_widget_compute_bounds (label, root, &b));
  background = atlas_test_pixels_get (shot, b.origin.x + 1, b.origin.y + 1);
  lb = luminance (background);
  for (int y = b.origin.y; y < b.origin.y + b.size.height; y++)
    for (int x = b.origin.x; x < b.origin.x + b.size.width; x++)
      {
        double l = luminance (atlas_test_pixels_get (shot, x, y));
        double ratio = (MAX (l, lb) + 0.05) / (MIN (l, lb) + 0.05);

        best = MAX (best, ratio);
      }
  return best;
}

/* In the dark style as in the light one, the legend's title, names and
 * counts stand at 4.5:1 or more against its surface, over the light map. */
static void
test_legend_contrast (gconstpointer data)
{
  AdwColorScheme scheme = GPOINTER_TO_INT (data);
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AtlasMapView *view = ATLAS_MAP_VIEW (atlas_map_view_new ());
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(AtlasTestPixels) shot = NULL;
  GtkWidget *legend;

  adw_style_manager_set_color_scheme (style, scheme);
  atlas_map_view_set_dataset (view, dataset);
  atlas_map_view_set_lens_id (view, "budapest_convention");
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_set_default_size (window, 1366, 768);
  gtk_window_present (window);
  atlas_test_wait_ms (800);

  texture = atlas_test_render_widget (GTK_WIDGET (view));
  atlas_test_save_texture (texture, scheme == ADW_COLOR_SCHEME_FORCE_DARK ? "legend-dark.png" : "legend-light.png");
  shot = atlas_test_pixels_new (texture);
  /* Around the world's outline, the style's own background */
  g_assert_cmphex (atlas_test_pixels_get (shot, 2, 2), ==,
                   scheme == ADW_COLOR_SCHEME_FORCE_DARK ? ATLAS_MAP_SPACE_DARK_COLOR : ATLAS_MAP_SPACE_COLOR);
  /* The legend's box: the grid's revealer's parent */
  legend = gtk_widget_get_parent (gtk_widget_get_parent (atlas_map_view_get_legend (view)));
  atlas_test_collect_widgets (legend, GTK_TYPE_LABEL, labels);
  g_assert_cmpuint (labels->len, >, 5);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      double contrast;

      if (!gtk_widget_is_drawable (label) || gtk_label_get_text (GTK_LABEL (label))[0] == '\0')
        continue;
      contrast = label_contrast (shot, label, GTK_WIDGET (view));
      if (contrast < 4.5)
        g_error ("\"%s\" in the legend stands at %.2f:1", gtk_label_get_text (GTK_LABEL (label)), contrast);
    }

  gtk_window_destroy (window);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* The legend explains: the lens's description under its title, "most to
 * least" on an ordered lens, each category's description on hover, empty
 * categories dimmed, "No data" only when a partner has none, the source
 * and date at the foot, and a hide button apart from the title. */
static void
test_legend_explains (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AtlasMapView *view = ATLAS_MAP_VIEW (atlas_map_view_new ());
  GtkWidget *legend_grid = atlas_map_view_get_legend (view);
  GtkWidget *legend = gtk_widget_get_parent (gtk_widget_get_parent (legend_grid));
  AtlasLens *lens = atlas_dataset_find_lens (dataset, "budapest_convention");
  g_autoptr(AtlasCategory) first = g_list_model_get_item (atlas_lens_get_categories (lens), 0);
  GtkLabel *label;
  GtkWidget *button;
  AtlasMapColoring *coloring;

  atlas_map_view_set_dataset (view, dataset);
  atlas_map_view_set_lens_id (view, "budapest_convention");
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_set_default_size (window, 1366, 768);
  gtk_window_present (window);
  atlas_test_wait_ms (300);

  label = atlas_test_find_label_showing (legend, atlas_lens_get_description (lens));
  g_assert_nonnull (label);
  g_assert_nonnull (atlas_test_find_label_showing (legend, "most ↓"));
  g_assert_nonnull (atlas_test_find_label_showing (legend, "least"));
  label = atlas_test_find_label_showing (legend, atlas_category_get_name (first));
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), ==, atlas_category_get_description (first));
  g_assert_nonnull (atlas_test_find_label_containing (legend, "Source: "));
  g_assert_nonnull (atlas_test_find_label_containing (legend, atlas_dataset_get_as_of (dataset)));

  /* Empty categories are dimmed; No data shows only when some partner has none */
  coloring = atlas_world_layer_get_coloring (atlas_map_view_get_world_layer (view));
  for (guint i = 0; i < atlas_lens_get_n_categories (lens); i++)
    {
      g_autoptr(AtlasCategory) category = g_list_model_get_item (atlas_lens_get_categories (lens), i);
      GtkLabel *row = atlas_test_find_label_showing (legend, atlas_category_get_name (category));

      g_assert_nonnull (row);
      g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (row), "empty"), ==,
                       atlas_map_coloring_count (coloring, (int) i) == 0);
    }
  g_assert_cmpint (atlas_test_find_label_showing (legend, "No data") != NULL, ==,
                   atlas_map_coloring_count (coloring, -1) > 0);

  /* The hide button is not the title */
  button = atlas_test_find_widget (legend, GTK_TYPE_TOGGLE_BUTTON, "Show or hide the legend");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_ancestor (GTK_WIDGET (atlas_test_find_label_showing (legend, atlas_lens_get_name (lens))),
                                          button));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
  g_assert_false (atlas_map_view_get_legend_visible (view));

  gtk_window_destroy (window);
}

/* In French the legend names the lens, its categories and the subject as
 * the dataset translates them ("names"), as the window's own words are. */
static void
test_legend_translated (void)
{
  g_autofree char *saved_locale = g_strdup (setlocale (LC_MESSAGES, NULL));
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AtlasMapView *view = ATLAS_MAP_VIEW (atlas_map_view_new ());
  GtkWidget *legend_grid = atlas_map_view_get_legend (view);
  GtkWidget *legend = gtk_widget_get_parent (gtk_widget_get_parent (legend_grid));

  g_setenv ("LANGUAGE", "fr", TRUE);
  if (setlocale (LC_MESSAGES, "fr_FR.UTF-8") == NULL && setlocale (LC_MESSAGES, "C.UTF-8") == NULL)
    {
      g_test_skip ("neither fr_FR.UTF-8 nor C.UTF-8 is installed");
      gtk_window_destroy (window);
      return;
    }

  atlas_map_view_set_dataset (view, dataset);
  atlas_map_view_set_lens_id (view, "wcit_2012");
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_set_default_size (window, 1024, 768);
  gtk_window_present (window);
  atlas_test_wait_ms (300);
  atlas_test_save_texture (atlas_test_render_widget (GTK_WIDGET (view)), "legend-fr.png");

  g_assert_nonnull (atlas_test_find_label_showing (legend, "Vote à la CMTI-12"));
  g_assert_nonnull (atlas_test_find_label_showing (legend, "A signé"));
  g_assert_nonnull (atlas_test_find_label_containing (legend, "Union européenne"));
  g_assert_nonnull (atlas_test_find_label_containing (legend, "A refusé de signer"));
  g_assert_null (atlas_test_find_label_showing (legend, "WCIT-12 vote"));
  g_assert_null (atlas_test_find_label_showing (legend, "Signed"));

  /* Another lens, picked while in French */
  atlas_map_view_set_lens_id (view, "budapest_convention");
  atlas_test_wait_ms (100);
  g_assert_nonnull (atlas_test_find_label_showing (legend, "Convention de Budapest"));
  g_assert_nonnull (atlas_test_find_label_showing (legend, "Partie"));

  if (saved_language != NULL)
    g_setenv ("LANGUAGE", saved_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, saved_locale);
  gtk_window_destroy (window);
}

static const Case cases[] = {
  { 1280, 800, 1.0, NULL },
  { 900, 560, 1.0, NULL },
  { 640, 800, 1.0, NULL },
  { 1100, 500, 1.0, NULL },
  { 1500, 900, 1.0, NULL },
  { 1024, 768, 1.0, "BR" },
  { 1280, 800, 1.0, "MX" },
  { 1280, 800, 1.0, "ZA" },
  /* Presentation mode, on projectors old and new. */
  { 1920, 1080, 2.0, NULL },
  { 1366, 768, 2.0, NULL },
  { 1280, 800, 2.0, NULL },
  { 1024, 768, 2.0, NULL },
};

/* Where the subject has a category of its own (the EU under the WCIT-12
 * vote), its legend row's swatch is that category's colour framed in the
 * subject's colour on the map, and follows a change of lens. */
static void
test_legend_subject_outline (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AtlasMapView *view = ATLAS_MAP_VIEW (atlas_map_view_new ());
  GtkWidget *legend_grid = atlas_map_view_get_legend (view);
  AtlasLens *lens = atlas_dataset_find_lens (dataset, "wcit_2012");
  const char *own_id = atlas_dataset_get_subject_indicator (dataset, "wcit_2012");
  AtlasCategory *own;
  AtlasMapColoring *coloring;
  g_autofree char *name = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(AtlasTestPixels) pixels = NULL;
  GtkWidget *swatch;
  guint32 outline, inside;

  g_assert_nonnull (lens);
  g_assert_nonnull (own_id);
  own = atlas_lens_find_category (lens, own_id);
  g_assert_nonnull (own);
  atlas_map_view_set_dataset (view, dataset);
  atlas_map_view_set_lens_id (view, "budapest_convention");
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_set_default_size (window, 1366, 768);
  gtk_window_present (window);
  atlas_test_wait_ms (200);
  atlas_map_view_set_lens_id (view, "wcit_2012");
  atlas_test_wait_ms (200);

  name = g_strdup_printf ("%s: %s", atlas_dataset_get_subject_name (dataset), atlas_category_get_name (own));
  swatch = atlas_test_find_widget (legend_grid, GTK_TYPE_DRAWING_AREA, name);
  g_assert_nonnull (swatch);
  coloring = atlas_world_layer_get_coloring (atlas_map_view_get_world_layer (view));
  texture = atlas_test_render_widget (swatch);
  pixels = atlas_test_pixels_new (texture);
  /* The frame is 3 pixels wide; the middle is the category's colour */
  outline = atlas_test_pixels_get (pixels, 1, gdk_texture_get_height (texture) / 2) & 0xffffff;
  inside = atlas_test_pixels_get (pixels, gdk_texture_get_width (texture) / 2,
                                  gdk_texture_get_height (texture) / 2) & 0xffffff;
  g_assert_cmphex (outline, ==, atlas_map_coloring_get_subject_color (coloring) & 0xffffff);
  g_assert_cmphex (inside, ==, atlas_category_get_color (own) & 0xffffff);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init_gui (&argc, &argv);

  atlas_test_add_app_style ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/legend/clear/%dx%d%s%s%s", cases[i].width, cases[i].height,
                                               cases[i].text_scale > 1 ? "-presentation" : "",
                                               cases[i].zoom_on ? "-" : "",
                                               cases[i].zoom_on ? cases[i].zoom_on : "");

      g_test_add_data_func (path, &cases[i], test_legend_clear);
    }

  g_test_add_func ("/legend/explains", test_legend_explains);
  g_test_add_func ("/legend/translated", test_legend_translated);
  g_test_add_func ("/legend/subject-outline", test_legend_subject_outline);
  g_test_add_data_func ("/legend/contrast/dark", GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_DARK),
                        test_legend_contrast);
  g_test_add_data_func ("/legend/contrast/light", GINT_TO_POINTER (ADW_COLOR_SCHEME_FORCE_LIGHT),
                        test_legend_contrast);

  return g_test_run ();
}
