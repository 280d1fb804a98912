/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Time in the window, on tests/data/history.json (see test-time-cli.py):
 * the map as of two dates differs exactly where the history says, the
 * legend counts the state on show, [ and ] step through the changes, and
 * a past date shows a banner and turns editing off. Rendered with the
 * cairo renderer; ATLAS_SHOTS_DIR keeps the screenshots. */

#include "config.h"

#include <adwaita.h>

#include "atlas-application.h"
#include "atlas-compare-marks.h"
#include "atlas-export-dialog.h"
#include "atlas-geo.h"
#include "atlas-map-view.h"
#include "atlas-profile-view.h"
#include "atlas-test-util.h"
#include "atlas-window.h"
#include "atlas-world-layer.h"

typedef struct
{
  AtlasWindow *window;
  double latitude, longitude, zoom;
} Fixture;

/* A point inside each partner of the test data. */
static const struct { const char *id; double lon, lat; } places[] = {
  { "BR", -48.0, -19.0 },  /* clear of the label */
  { "CA", -100.0, 55.0 },
  { "JP", 142.8, 43.4 },  /* Hokkaido, clear of the label */
};

static gboolean
loaded (gpointer data)
{
  AtlasWindow *window = data;

  return atlas_window_get_dataset (window) != NULL && atlas_window_get_shown_dataset (window) != NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "history.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  f->window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1366, 768);
  gtk_window_present (GTK_WINDOW (f->window));
  atlas_window_load_file (f->window, file);
  g_assert_true (atlas_test_iterate_until (loaded, f->window, 10000));
  atlas_window_set_lens_id (f->window, "budapest");
  atlas_map_view_set_legend_visible (atlas_test_template_child (f->window, "map_view"), FALSE);
  atlas_test_wait_ms (200);
  atlas_map_view_show_world (atlas_test_template_child (f->window, "map_view"));
  atlas_test_wait_ms (200);
  /* Wherever show_world's flight got to, it stops there: the pixels looked
   * up later are where the shots were taken. */
  atlas_map_view_get_camera (atlas_test_template_child (f->window, "map_view"), &f->latitude, &f->longitude, &f->zoom);
  atlas_map_view_set_camera (atlas_test_template_child (f->window, "map_view"), f->latitude, f->longitude, f->zoom);
  atlas_test_wait_ms (60);
}

/* Back where the fixture left the camera (a selection may have flown it). */
static void
home_camera (Fixture *f)
{
  atlas_map_view_set_camera (atlas_test_template_child (f->window, "map_view"), f->latitude, f->longitude, f->zoom);
  atlas_test_wait_ms (60);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
}

static gboolean
not_fading (gpointer data)
{
  return !atlas_map_view_get_fading (data);
}

static AtlasTestPixels *
map_shot (Fixture    *f,
          const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;

  /* A step in time cross-fades the colours: the shot shows where it ends. */
  g_assert_true (atlas_test_iterate_until (not_fading, atlas_test_template_child (f->window, "map_view"), 5000));
  atlas_test_wait_ms (60);
  texture = atlas_test_render_widget (GTK_WIDGET (atlas_test_template_child (f->window, "map_view")));
  atlas_test_save_texture (texture, name);

  return atlas_test_pixels_new (texture);
}

static guint32
pixel_of (Fixture         *f,
          AtlasTestPixels *shot,
          const char      *id)
{
  AtlasMapFrame frame = { 0 };
  double mx, my;

  atlas_world_layer_get_frame (atlas_map_view_get_world_layer (atlas_test_template_child (f->window, "map_view")), &frame);
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (g_str_equal (places[i].id, id))
      {
        atlas_geo_lonlat_to_map (places[i].lon, places[i].lat, &mx, &my);
        guint32 color;

        atlas_map_frame_project (&frame, mx, my, &mx, &my);
        color = atlas_test_pixels_get (shot, mx, my);
        /* "No data" is a grey under a fine hatch */
        return color == ATLAS_MAP_NO_DATA_HATCH_COLOR ? ATLAS_MAP_NO_DATA_COLOR : color;
      }
  g_assert_not_reached ();
}

/* What the map should paint for @id as of @date: its category's colour, or
 * the grey of other countries when it is not a partner then. */
static guint32
expected_color (Fixture    *f,
                const char *id,
                const char *date)
{
  AtlasPartner *partner = atlas_dataset_find_any_partner (atlas_window_get_dataset (f->window), id);
  AtlasLens *lens = atlas_dataset_find_lens (atlas_window_get_dataset (f->window), "budapest");
  const char *category;

  if (!atlas_timeline_is_listed_at (partner, date))
    return ATLAS_MAP_OTHER_COLOR;
  category = atlas_timeline_value_at (partner, "indicators.budapest", date);
  if (category == NULL)
    return ATLAS_MAP_NO_DATA_COLOR;
  return atlas_category_get_color (atlas_lens_find_category (lens, category));
}

/* The map as of two dates differs exactly where the history says. */
static void
test_map_as_of (Fixture       *f,
                gconstpointer  data)
{
  const struct { const char *a, *b; const char *changed; } pairs[] = {
    { "2015-02-28", "2015-03-01", "BR" },   /* Brazil signs */
    { "2017-02-01", "2017-02-02", "CA" },   /* Canada steps back */
    { "2017-05-04", "2017-05-05", "JP" },   /* Japan becomes a partner */
    { "2017-05-05", "2018-07-07", "" },     /* nothing in between */
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *name_a = g_strdup_printf ("time-map-%s.png", pairs[i].a);
      g_autofree char *name_b = g_strdup_printf ("time-map-%s.png", pairs[i].b);
      g_autoptr(AtlasTestPixels) a = NULL;
      g_autoptr(AtlasTestPixels) b = NULL;

      atlas_window_set_as_of (f->window, pairs[i].a);
      a = map_shot (f, name_a);
      atlas_window_set_as_of (f->window, pairs[i].b);
      b = map_shot (f, name_b);

      for (guint p = 0; p < G_N_ELEMENTS (places); p++)
        {
          const char *id = places[p].id;

          g_test_message ("%s: %s / %s", id, pairs[i].a, pairs[i].b);
          g_assert_cmphex (pixel_of (f, a, id), ==, expected_color (f, id, pairs[i].a));
          g_assert_cmphex (pixel_of (f, b, id), ==, expected_color (f, id, pairs[i].b));
          if (g_str_equal (id, pairs[i].changed))
            g_assert_cmphex (pixel_of (f, a, id), !=, pixel_of (f, b, id));
          else
            g_assert_cmphex (pixel_of (f, a, id), ==, pixel_of (f, b, id));
        }
    }
}

/* The count the legend shows beside a category's name, or -1. */
static int
legend_count (Fixture    *f,
              const char *name)
{
  GtkWidget *grid = atlas_map_view_get_legend (atlas_test_template_child (f->window, "map_view"));

  for (GtkWidget *child = gtk_widget_get_first_child (grid); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), name))
      {
        int column, row;
        GtkWidget *count;

        gtk_grid_query_child (GTK_GRID (grid), child, &column, &row, NULL, NULL);
        count = gtk_grid_get_child_at (GTK_GRID (grid), 2, row);
        return count ? atoi (gtk_label_get_text (GTK_LABEL (count))) : -1;
      }

  return -1;
}

static void
test_legend_counts (Fixture       *f,
                    gconstpointer  data)
{
  atlas_map_view_set_legend_visible (atlas_test_template_child (f->window, "map_view"), TRUE);

  /* Latest: Brazil and Japan parties, Canada a non-party */
  g_assert_cmpint (legend_count (f, "Party"), ==, 2);
  g_assert_cmpint (legend_count (f, "Signatory"), ==, 0);
  g_assert_cmpint (legend_count (f, "Non-party"), ==, 1);

  /* 2016: Canada a party, Brazil a signatory, Japan not yet a partner */
  atlas_window_set_as_of (f->window, "2016-06-30");
  atlas_test_wait_ms (60);
  g_assert_cmpint (legend_count (f, "Party"), ==, 1);
  g_assert_cmpint (legend_count (f, "Signatory"), ==, 1);
  g_assert_cmpint (legend_count (f, "Non-party"), ==, 0);
  atlas_test_save_shot (GTK_WIDGET (f->window), "time-window-2016.png");

  /* The partner list shows that date too */
  g_assert_cmpuint (atlas_dataset_get_n_partners (atlas_window_get_shown_dataset (f->window)), ==, 2);
  {
    g_autofree char *ids = atlas_test_partner_ids (
      G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (
        atlas_test_find_widget (GTK_WIDGET (atlas_test_template_child (f->window, "partner_list")), GTK_TYPE_LIST_VIEW, NULL)))));

    g_assert_null (strstr (ids, "JP"));
    g_assert_nonnull (strstr (ids, "BR"));
  }
}

static void
activate (Fixture    *f,
          const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), action, parameter));
}

static void
test_steps (Fixture       *f,
            gconstpointer  data)
{
  const char *back[] = { "2018-07-08", "2017-05-05", "2017-02-02", "2016-01-01", "2015-03-01",
                         "2015-02-28" };

  g_assert_null (atlas_window_get_as_of (f->window));
  for (guint i = 0; i < G_N_ELEMENTS (back); i++)
    {
      activate (f, "win.as-of-previous", NULL);
      g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, back[i]);
    }
  /* Before the baseline there is nothing */
  activate (f, "win.as-of-previous", NULL);
  g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, "2015-02-28");

  for (int i = G_N_ELEMENTS (back) - 2; i >= 0; i--)
    {
      activate (f, "win.as-of-next", NULL);
      g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, back[i]);
    }
  /* Past the last change: the latest state */
  activate (f, "win.as-of-next", NULL);
  g_assert_null (atlas_window_get_as_of (f->window));

  /* By a year */
  activate (f, "win.as-of-year", g_variant_new_int32 (-1));
  g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, "2019-12-31");
  activate (f, "win.as-of-year", g_variant_new_int32 (-1));
  g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, "2018-12-31");
  activate (f, "win.as-of-year", g_variant_new_int32 (1));
  g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, "2019-12-31");
  activate (f, "win.as-of-year", g_variant_new_int32 (1));
  g_assert_null (atlas_window_get_as_of (f->window));

  /* The slider follows, and moving it picks the date */
  atlas_window_set_as_of (f->window, "2016-06-30");
  {
    GDate day;

    g_date_clear (&day, 1);
    g_date_set_dmy (&day, 30, 6, 2016);
    g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (atlas_test_template_child (f->window, "as_of_scale"))), ==,
                       g_date_get_julian (&day));
  }
  gtk_range_set_value (GTK_RANGE (atlas_test_template_child (f->window, "as_of_scale")),
                       gtk_range_get_value (GTK_RANGE (atlas_test_template_child (f->window, "as_of_scale"))) + 366);
  g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, "2017-07-01");
}

static void
test_banner_and_editing (Fixture       *f,
                         gconstpointer  data)
{
  atlas_window_set_selected_id (f->window, "BR");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (f->window)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (atlas_test_template_child (f->window, "time_bar"))));

  atlas_window_set_as_of (f->window, "2015-03-01");
  atlas_test_wait_ms (60);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (atlas_test_template_child (f->window, "time_bar"))));
  g_assert_true (gtk_info_bar_get_revealed (atlas_test_template_child (f->window, "time_bar")));
  g_assert_nonnull (strstr (gtk_label_get_text (atlas_test_template_child (f->window, "time_label")), "1 March 2015"));
  g_assert_nonnull (strstr (gtk_label_get_text (atlas_test_template_child (f->window, "time_label")), "Editing is off"));
  /* The selection stays, and the profile shows the partner then */
  g_assert_cmpstr (atlas_window_get_selected_id (f->window), ==, "BR");
  g_assert_nonnull (atlas_test_find_label_showing (GTK_WIDGET (atlas_test_template_child (f->window, "profile_view")), "Signatory"));
  atlas_test_save_shot (GTK_WIDGET (f->window), "time-banner.png");

  /* The Export dialog offers the date on show */
  {
    AtlasExportDialog *dialog;
    g_autoptr(AtlasExportOptions) options = NULL;

    activate (f, "win.export", NULL);
    dialog = ATLAS_EXPORT_DIALOG (atlas_test_find_toplevel (ATLAS_TYPE_EXPORT_DIALOG));
    g_assert_nonnull (dialog);
    options = atlas_export_dialog_get_options (dialog);
    g_assert_cmpstr (atlas_export_options_get_as_of (options), ==, "2015-03-01");
    g_clear_object (&options);

    /* "Changes since", for the PDF briefing only */
    {
      AdwComboRow *format_row = (AdwComboRow *) gtk_widget_get_template_child (GTK_WIDGET (dialog), ATLAS_TYPE_EXPORT_DIALOG,
                                                               "format_row");
      GtkWidget *since_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), ATLAS_TYPE_EXPORT_DIALOG,
                                                            "since_row");

      adw_combo_row_set_selected (format_row, ATLAS_EXPORT_FORMAT_PDF);
      g_assert_true (gtk_widget_get_visible (since_row));
      gtk_editable_set_text (GTK_EDITABLE (since_row), " 2014-06-30 ");
      options = atlas_export_dialog_get_options (dialog);
      g_assert_cmpstr (atlas_export_options_get_since (options), ==, "2014-06-30");
      g_clear_object (&options);
      adw_combo_row_set_selected (format_row, ATLAS_EXPORT_FORMAT_CSV);
      g_assert_false (gtk_widget_get_visible (since_row));
      options = atlas_export_dialog_get_options (dialog);
      g_assert_null (atlas_export_options_get_since (options));
    }
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* No edit but at the latest state */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit", NULL) &&
                  atlas_profile_view_get_editing (atlas_test_template_child (f->window, "profile_view")));
  g_assert_false (atlas_profile_view_get_editing (atlas_test_template_child (f->window, "profile_view")));
  g_assert_null (atlas_profile_view_get_undo_stack (atlas_test_template_child (f->window, "profile_view")));

  activate (f, "win.as-of-today", NULL);
  atlas_test_wait_ms (60);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (atlas_test_template_child (f->window, "time_bar"))));
  g_assert_cmpstr (atlas_window_get_selected_id (f->window), ==, "BR");
  g_assert_nonnull (atlas_test_find_label_showing (GTK_WIDGET (atlas_test_template_child (f->window, "profile_view")), "Party"));
  activate (f, "win.edit", NULL);
  g_assert_true (atlas_profile_view_get_editing (atlas_test_template_child (f->window, "profile_view")));
}

static char *
listed_in_window (Fixture *f)
{
  return atlas_test_partner_ids (
    G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (
      atlas_test_find_widget (GTK_WIDGET (atlas_test_template_child (f->window, "partner_list")), GTK_TYPE_LIST_VIEW, NULL)))));
}

static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* Remove: a dated, sourced entry in the partner's history. At the latest
 * state the partner leaves the map, its legend count and the list; as of
 * the day before it is still there; undo brings it back. */
static void
test_remove_partner (Fixture       *f,
                     gconstpointer  data)
{
  AtlasPartner *japan = atlas_dataset_find_partner (atlas_window_get_dataset (f->window), "JP");
  AtlasLens *lens = atlas_dataset_find_lens (atlas_window_get_dataset (f->window), "budapest");
  guint32 party = atlas_category_get_color (atlas_lens_find_category (lens, "party"));
  guint32 brazil;
  GListModel *history = atlas_partner_get_history (japan);
  guint n_history = g_list_model_get_n_items (history);
  g_autoptr(AtlasTestPixels) before = NULL;
  g_autoptr(AtlasTestPixels) after = NULL;
  g_autoptr(AtlasTestPixels) then = NULL;
  g_autoptr(AtlasHistoryEntry) entry = NULL;
  g_autofree char *ids = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *date_row, *source_row;

  atlas_map_view_set_legend_visible (atlas_test_template_child (f->window, "map_view"), TRUE);
  atlas_test_wait_ms (60);
  g_assert_cmpint (legend_count (f, "Party"), ==, 2);
  atlas_map_view_set_legend_visible (atlas_test_template_child (f->window, "map_view"), FALSE);
  before = map_shot (f, "time-remove-before.png");
  g_assert_cmphex (pixel_of (f, before, "JP"), ==, party);
  brazil = pixel_of (f, before, "BR");

  atlas_window_set_selected_id (f->window, "JP");
  activate (f, "win.remove-partner", NULL);
  dialog = find_message_dialog ("Remove Japan?");
  g_assert_nonnull (dialog);
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    atlas_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, rows);
    g_assert_cmpuint (rows->len, ==, 2);
    date_row = g_ptr_array_index (rows, 0);
    source_row = g_ptr_array_index (rows, 1);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (date_row)), ==,
                     "Date of the removal (YYYY-MM-DD)");
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (source_row)), ==,
                     "Source of the removal");
  }

  /* Japan became a partner on 2017-05-05: it cannot leave before. */
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2017-01-01");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "remove"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2017-05-05"));
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2019-02-30");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "remove"));
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2019-09-09");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "remove"));
  gtk_editable_set_text (GTK_EDITABLE (source_row), "https://example.org/gone");
  atlas_test_save_shot (GTK_WIDGET (dialog), "time-remove-dialog.png");
  adw_message_dialog_response (dialog, "remove");
  atlas_test_wait_ms (60);

  /* Recorded, dated and sourced, in Japan's history. */
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, n_history + 1);
  entry = g_list_model_get_item (history, n_history);
  g_assert_cmpstr (atlas_history_entry_get_date (entry), ==, "2019-09-09");
  g_assert_cmpstr (atlas_history_entry_get_field (entry), ==, "partner");
  g_assert_null (atlas_history_entry_get_new_value (entry));
  g_assert_cmpstr (atlas_history_entry_get_source (entry), ==, "https://example.org/gone");

  /* Gone from the map, the legend's count, the list and the selection. */
  g_assert_null (atlas_dataset_find_partner (atlas_window_get_dataset (f->window), "JP"));
  g_assert_null (atlas_window_get_selected_id (f->window));
  ids = listed_in_window (f);
  g_assert_null (strstr (ids, "JP"));
  g_clear_pointer (&ids, g_free);
  home_camera (f);
  after = map_shot (f, "time-remove-after.png");
  g_assert_cmphex (pixel_of (f, after, "JP"), ==, ATLAS_MAP_OTHER_COLOR);
  g_assert_cmphex (pixel_of (f, after, "BR"), ==, brazil);
  atlas_map_view_set_legend_visible (atlas_test_template_child (f->window, "map_view"), TRUE);
  atlas_test_wait_ms (60);
  g_assert_cmpint (legend_count (f, "Party"), ==, 1);
  atlas_map_view_set_legend_visible (atlas_test_template_child (f->window, "map_view"), FALSE);

  /* As of the day before, Japan is there, a party. */
  atlas_window_set_as_of (f->window, "2019-09-08");
  home_camera (f);
  then = map_shot (f, "time-remove-day-before.png");
  g_assert_cmphex (pixel_of (f, then, "JP"), ==, party);
  ids = listed_in_window (f);
  g_assert_nonnull (strstr (ids, "JP"));
  g_clear_pointer (&ids, g_free);
  activate (f, "win.as-of-today", NULL);
  atlas_test_wait_ms (60);

  /* Undone: back on the map and in the list. */
  g_assert_true (atlas_undo_stack_undo (atlas_window_get_undo_stack (f->window)));
  atlas_test_wait_ms (60);
  g_assert_true (atlas_dataset_find_partner (atlas_window_get_dataset (f->window), "JP") == japan);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, n_history);
  ids = listed_in_window (f);
  g_assert_nonnull (strstr (ids, "JP"));
  g_clear_pointer (&after, atlas_test_pixels_free);
  home_camera (f);
  after = map_shot (f, "time-remove-undone.png");
  g_assert_cmphex (pixel_of (f, after, "JP"), ==, party);
}

typedef struct
{
  AtlasMapView *map_view;
  guint         country;
  guint32       from, to;
  guint         frames;
  guint         between;   /* frames showing a colour strictly between */
} Fade;

static gboolean
fade_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  Fade *fade = data;
  AtlasMapColoring *on_show = atlas_world_layer_get_coloring (atlas_map_view_get_world_layer (fade->map_view));
  guint32 color = atlas_map_coloring_get_color (on_show, fade->country);
  int r = (color >> 16) & 0xff, r_from = (fade->from >> 16) & 0xff, r_to = (fade->to >> 16) & 0xff;

  if (!atlas_map_view_get_fading (fade->map_view))
    return G_SOURCE_CONTINUE;
  fade->frames++;
  if (color != fade->from && color != fade->to && r > MIN (r_from, r_to) && r < MAX (r_from, r_to))
    fade->between++;
  return G_SOURCE_CONTINUE;
}

/* A step in time cross-fades the countries' colours: frames in between,
 * ending at the new colours; with animations off, the new colours at once. */
static void
test_fade (Fixture       *f,
           gconstpointer  data)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (f->window));
  AtlasMapView *map_view = atlas_test_template_child (f->window, "map_view");
  AtlasWorldLayer *layer = atlas_map_view_get_world_layer (map_view);
  AtlasLens *lens = atlas_dataset_find_lens (atlas_window_get_dataset (f->window), "budapest");
  guint32 non_party = atlas_category_get_color (atlas_lens_find_category (lens, "non-party"));
  guint32 signatory = atlas_category_get_color (atlas_lens_find_category (lens, "signatory"));
  Fade fade = { map_view, 0, non_party, signatory, 0, 0 };
  g_autoptr(AtlasTestPixels) shot = NULL;
  guint tick;

  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  atlas_window_set_as_of (f->window, "2015-02-28");
  g_assert_true (atlas_test_iterate_until (not_fading, map_view, 5000));
  fade.country = atlas_world_find_country (atlas_map_coloring_get_world (atlas_map_view_get_coloring (map_view)),
                                           "BR");
  g_assert_cmphex (atlas_map_coloring_get_color (atlas_world_layer_get_coloring (layer), fade.country),
                   ==, non_party);

  /* ] : Brazil signs on 1 March 2015 */
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (map_view), fade_tick_cb, &fade, NULL);
  activate (f, "win.as-of-next", NULL);
  g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, "2015-03-01");
  g_assert_true (atlas_map_view_get_fading (map_view));
  g_assert_true (atlas_world_layer_get_coloring (layer) != atlas_map_view_get_coloring (map_view));
  g_assert_true (atlas_test_iterate_until (not_fading, map_view, 5000));
  gtk_widget_remove_tick_callback (GTK_WIDGET (map_view), tick);
  g_test_message ("%u frames while fading, %u in between", fade.frames, fade.between);
  g_assert_cmpuint (fade.between, >=, 1);
  /* It ends at the new colours, on screen too. */
  g_assert_true (atlas_world_layer_get_coloring (layer) == atlas_map_view_get_coloring (map_view));
  g_assert_cmphex (atlas_map_coloring_get_color (atlas_world_layer_get_coloring (layer), fade.country),
                   ==, signatory);
  shot = map_shot (f, "time-fade-end.png");
  g_assert_cmphex (pixel_of (f, shot, "BR"), ==, signatory);

  /* Animations off (reduced motion): the colours change at once. */
  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  activate (f, "win.as-of-previous", NULL);
  g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, "2015-02-28");
  g_assert_false (atlas_map_view_get_fading (map_view));
  g_assert_true (atlas_world_layer_get_coloring (layer) == atlas_map_view_get_coloring (map_view));
  g_assert_cmphex (atlas_map_coloring_get_color (atlas_world_layer_get_coloring (layer), fade.country),
                   ==, non_party);
  g_clear_pointer (&shot, atlas_test_pixels_free);
  shot = map_shot (f, "time-fade-off.png");
  g_assert_cmphex (pixel_of (f, shot, "BR"), ==, non_party);
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
}

/* A step in time repaints colours: the labels stay placed, and the
 * legend's rows stay, with new counts; a partner coming places them again. */
static void
test_step_keeps_labels_and_legend (Fixture       *f,
                                   gconstpointer  data)
{
  AtlasWorldLayer *layer = atlas_map_view_get_world_layer (atlas_test_template_child (f->window, "map_view"));
  GtkWidget *legend = atlas_map_view_get_legend (atlas_test_template_child (f->window, "map_view"));
  g_autoptr(AtlasTestPixels) shot = NULL;
  GtkWidget *party_label = NULL, *count = NULL;
  GArray *labels;
  int column, row;

  atlas_map_view_set_legend_visible (atlas_test_template_child (f->window, "map_view"), TRUE);
  atlas_window_set_as_of (f->window, "2015-02-28");
  shot = map_shot (f, "time-step-before.png");
  /* Held, so that labels placed again cannot take the same address. */
  labels = g_array_ref (atlas_world_layer_get_labels (layer, NULL));
  g_assert_cmpuint (labels->len, >, 0);
  party_label = GTK_WIDGET (atlas_test_find_label_showing (legend, "Party"));
  g_assert_nonnull (party_label);
  gtk_grid_query_child (GTK_GRID (legend), party_label, &column, &row, NULL, NULL);
  count = gtk_grid_get_child_at (GTK_GRID (legend), 2, row);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "1");   /* Canada */

  /* ]: Brazil signs; nobody comes or goes. */
  activate (f, "win.as-of-next", NULL);
  g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, "2015-03-01");
  g_clear_pointer (&shot, atlas_test_pixels_free);
  shot = map_shot (f, "time-step-after.png");
  g_assert_true (atlas_world_layer_get_labels (layer, NULL) == labels);
  g_assert_true (GTK_WIDGET (atlas_test_find_label_showing (legend, "Party")) == party_label);
  g_assert_true (gtk_grid_get_child_at (GTK_GRID (legend), 2, row) == count);
  g_assert_cmpint (legend_count (f, "Signatory"), ==, 1);
  for (guint i = 0; i < labels->len; i++)
    {
      AtlasMapLabel *l = &g_array_index (labels, AtlasMapLabel, i);

      /* The partners of the state on show, for a click on a label. */
      g_assert_true (l->partner == atlas_dataset_find_partner (atlas_window_get_shown_dataset (f->window),
                                                               atlas_partner_get_id (l->partner)));
    }

  /* Japan becomes a partner on 2017-05-05: placed again. */
  atlas_window_set_as_of (f->window, "2017-05-05");
  g_clear_pointer (&shot, atlas_test_pixels_free);
  shot = map_shot (f, "time-step-japan.png");
  g_assert_true (atlas_world_layer_get_labels (layer, NULL) != labels);
  g_array_unref (labels);
}

static GtkWidget *
entry_row_titled (GtkWidget  *root,
                  const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  atlas_test_collect_widgets (root, ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title))
      return g_ptr_array_index (rows, i);

  return NULL;
}

/* The editor's "Date of this change": a change dated in the past goes in
 * date order; one dated before a later change of the same field is refused,
 * with the reason, and the form shows the profile as it is. */
static void
test_change_date (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *profile = GTK_WIDGET (atlas_test_template_child (f->window, "profile_view"));
  AtlasPartner *brazil = atlas_dataset_find_partner (atlas_window_get_dataset (f->window), "BR");
  GListModel *history = atlas_partner_get_history (brazil);
  guint n_history = g_list_model_get_n_items (history);
  GtkWidget *date_row;
  GtkDropDown *dropdown;
  GtkLabel *reason;
  g_autoptr(AtlasHistoryEntry) entry = NULL;

  atlas_window_set_selected_id (f->window, "BR");
  activate (f, "win.edit", NULL);
  atlas_test_flush ();
  date_row = entry_row_titled (profile, "Date of this change");
  g_assert_nonnull (date_row);
  dropdown = GTK_DROP_DOWN (atlas_test_find_widget (profile, GTK_TYPE_DROP_DOWN, "Budapest Convention"));
  g_assert_nonnull (dropdown);
  g_assert_cmpstr (atlas_partner_get_indicator (brazil, "budapest"), ==, "party");

  /* Not a date: marked, not taken */
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2017-02-30");
  g_assert_true (gtk_widget_has_css_class (date_row, "error"));

  /* Brazil became a party on 2018-07-08: a change dated 2017 is refused. */
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2017-01-01");
  g_assert_false (gtk_widget_has_css_class (date_row, "error"));
  g_assert_cmpstr (atlas_undo_stack_get_change_date (atlas_window_get_undo_stack (f->window)), ==,
                   "2017-01-01");
  gtk_drop_down_set_selected (dropdown, 1);   /* Signatory */
  atlas_test_flush ();
  g_assert_cmpstr (atlas_partner_get_indicator (brazil, "budapest"), ==, "party");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, n_history);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  reason = atlas_test_find_label_containing (profile, "2018-07-08");
  g_assert_nonnull (reason);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (reason)));
  atlas_test_save_shot (GTK_WIDGET (f->window), "time-change-refused.png");

  /* Dated 2019-01-01, after it: taken, in date order. */
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2019-01-01");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (reason)));
  gtk_drop_down_set_selected (dropdown, 1);
  atlas_test_flush ();
  g_assert_cmpstr (atlas_partner_get_indicator (brazil, "budapest"), ==, "signatory");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, n_history + 1);
  entry = g_list_model_get_item (history, n_history);
  g_assert_cmpstr (atlas_history_entry_get_date (entry), ==, "2019-01-01");
  g_assert_cmpstr (atlas_timeline_value_at (brazil, "indicators.budapest", "2018-12-31"), ==, "party");

  /* The source prompt the change brought up is answered "Not Now", as a
   * user would, before the window goes: GTK 4.8 may otherwise time a
   * tooltip against the popover after it is destroyed (a fatal
   * Gdk-CRITICAL in the next test). */
  {
    g_autoptr(GPtrArray) popovers = g_ptr_array_new ();

    atlas_test_collect_widgets (profile, GTK_TYPE_POPOVER, popovers);
    for (guint i = 0; i < popovers->len; i++)
      if (gtk_widget_get_visible (popovers->pdata[i]))
        gtk_popover_popdown (popovers->pdata[i]);
    atlas_test_flush ();
  }
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* Compare: the marks on the map, coloured by the later date, and the
 * Changes panel with its filters. */
static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  AtlasCompareMarks *marks = atlas_test_template_child (f->window, "compare_marks");
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(AtlasTestPixels) shot = NULL;
  graphene_point_t point;
  double x, y;

  activate (f, "win.compare", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (atlas_test_template_child (f->window, "changes_revealer")));
  atlas_window_set_compare_from (f->window, "2015-01-01");
  atlas_test_wait_ms (400);

  /* Brazil up (non-party to party), Canada down, Japan new: changed */
  g_assert_cmpuint (g_hash_table_size (atlas_compare_marks_get_marks (marks)), ==, 3);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (atlas_compare_marks_get_marks (marks), "BR")),
                   ==, ATLAS_CHANGE_UP + 1);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (atlas_compare_marks_get_marks (marks), "CA")),
                   ==, ATLAS_CHANGE_DOWN + 1);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (atlas_compare_marks_get_marks (marks), "JP")),
                   ==, ATLAS_CHANGE_CHANGED + 1);

  /* On screen: each mark in its colour, over the later date's map */
  texture = atlas_test_render_widget (GTK_WIDGET (atlas_test_template_child (f->window, "map_overlay")));
  atlas_test_save_texture (texture, "time-compare-map.png");
  shot = atlas_test_pixels_new (texture);
  g_assert_true (atlas_compare_marks_locate (marks, "BR", &x, &y));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (marks), GTK_WIDGET (atlas_test_template_child (f->window, "map_overlay")),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  /* Clear of the arrow's strokes, inside the badge */
  g_assert_cmphex (atlas_test_pixels_get (shot, point.x - 7, point.y + 5), ==, ATLAS_COMPARE_UP_COLOR);
  g_assert_true (atlas_compare_marks_locate (marks, "CA", &x, &y));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (marks), GTK_WIDGET (atlas_test_template_child (f->window, "map_overlay")),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  g_assert_cmphex (atlas_test_pixels_get (shot, point.x - 7, point.y - 5), ==, ATLAS_COMPARE_DOWN_COLOR);
  g_assert_cmphex (pixel_of (f, shot, "BR"), ==, expected_color (f, "BR", "2020-12-31"));

  /* The panel lists every change after the date, then filters */
  g_assert_cmpuint (count_rows (atlas_test_template_child (f->window, "changes_list")), ==, 5);
  gtk_drop_down_set_selected (atlas_test_template_child (f->window, "changes_partner_dropdown"), 1); /* Brazil */
  g_assert_cmpuint (count_rows (atlas_test_template_child (f->window, "changes_list")), ==, 3);
  gtk_drop_down_set_selected (atlas_test_template_child (f->window, "changes_lens_dropdown"), 1); /* Budapest */
  g_assert_cmpuint (count_rows (atlas_test_template_child (f->window, "changes_list")), ==, 2);
  gtk_drop_down_set_selected (atlas_test_template_child (f->window, "changes_partner_dropdown"), 0);
  gtk_drop_down_set_selected (atlas_test_template_child (f->window, "changes_lens_dropdown"), 0);
  atlas_test_wait_ms (100);
  atlas_test_save_shot (GTK_WIDGET (f->window), "time-compare.png");

  /* As of an earlier date, compared from further back: only what moved then */
  atlas_window_set_as_of (f->window, "2016-06-30");
  g_assert_cmpuint (g_hash_table_size (atlas_compare_marks_get_marks (marks)), ==, 1);
  g_assert_cmpuint (count_rows (atlas_test_template_child (f->window, "changes_list")), ==, 2);

  activate (f, "win.compare", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (atlas_test_template_child (f->window, "changes_revealer")));
  g_assert_cmpuint (g_hash_table_size (atlas_compare_marks_get_marks (marks)), ==, 0);
}

/* The compare view on the bundled dataset, at the sizes a desk officer
 * uses and in the dark style, for looking at (with ATLAS_SHOTS_DIR): the
 * README's screenshot is compare-1430x890.png. Canada (2015) and Brazil
 * (2022) became parties to the Budapest Convention since the paper. */
static void
test_compare_shots (void)
{
  const struct { int width, height; gboolean dark; } sizes[] = {
    { 1430, 890, FALSE }, { 1024, 768, FALSE }, { 1366, 768, FALSE }, { 1920, 1080, FALSE },
    { 1366, 768, TRUE },
  };

  if (g_getenv ("ATLAS_SHOTS_DIR") == NULL)
    {
      g_test_skip ("set ATLAS_SHOTS_DIR to save screenshots");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
      GHashTable *marks;
      g_autofree char *name = g_strdup_printf ("compare-%dx%d%s.png", sizes[i].width,
                                               sizes[i].height, sizes[i].dark ? "-dark" : "");

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          sizes[i].dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_DEFAULT);
      gtk_window_set_default_size (GTK_WINDOW (window), sizes[i].width, sizes[i].height);
      atlas_window_load_bundled (window);
      gtk_window_present (GTK_WINDOW (window));
      g_assert_true (atlas_test_iterate_until (loaded, window, 10000));
      atlas_window_set_lens_id (window, "budapest_convention");
      gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
      atlas_window_set_compare_from (window, "2014-06-30");
      atlas_window_set_selected_id (window, "BR");
      atlas_test_wait_ms (300);
      atlas_map_view_show_world (atlas_test_template_child (window, "map_view"));
      atlas_test_wait_ms (500);

      marks = atlas_compare_marks_get_marks (atlas_test_template_child (window, "compare_marks"));
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (marks, "CA")), ==, ATLAS_CHANGE_UP + 1);
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (marks, "BR")), ==, ATLAS_CHANGE_UP + 1);
      atlas_test_save_shot (GTK_WIDGET (window), name);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
as_of_is (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (atlas_window_get_as_of (f->window), "2016-02-28") == 0;
}

/* A key as presentation mode's key controller gets it, before any child. */
static void
press (Fixture *f,
       guint    keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (atlas_test_template_child (f->window, "presentation_keys"), "key-pressed",
                         keyval, 0, 0, &handled);
  g_assert_true (handled);
}

/* Presentation mode: [ and ] name what changed, P plays through the years. */
static void
test_presentation (Fixture       *f,
                   gconstpointer  data)
{
  activate (f, "win.presentation", NULL);
  atlas_test_wait_ms (200);
  g_assert_true (atlas_window_get_presenting (f->window));

  press (f, GDK_KEY_bracketleft);
  g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, "2018-07-08");
  g_assert_cmpstr (gtk_label_get_text (atlas_test_template_child (f->window, "presentation_title")), ==, "8 July 2018");
  g_assert_cmpstr (gtk_label_get_text (atlas_test_template_child (f->window, "presentation_category")), ==,
                   "Brazil, Budapest Convention: Signatory → Party");
  press (f, GDK_KEY_bracketleft);
  g_assert_cmpstr (gtk_label_get_text (atlas_test_template_child (f->window, "presentation_category")), ==, "Japan added");
  atlas_test_save_shot (GTK_WIDGET (f->window), "time-presentation.png");

  /* P: from the start of the span, a year a second */
  atlas_window_set_as_of (f->window, NULL);
  press (f, GDK_KEY_P);
  g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, "2015-02-28");
  g_assert_true (atlas_test_iterate_until (as_of_is, f, 3000));
  g_assert_cmpstr (gtk_label_get_text (atlas_test_template_child (f->window, "presentation_title")), ==, "28 February 2016");
  g_assert_cmpstr (gtk_label_get_text (atlas_test_template_child (f->window, "presentation_category")), ==,
                   "Brazil, Budapest Convention: Non-party → Signatory, and 1 more change");
  press (f, GDK_KEY_P);
  atlas_test_wait_ms (1200);
  g_assert_cmpstr (atlas_window_get_as_of (f->window), ==, "2016-02-28");

  activate (f, "win.presentation", NULL);
}

/* One application for the whole binary, as the window expects one. */
int
main (int    argc,
      char **argv)
{
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  atlas_test_init_gui (&argc, &argv);

  g_test_add ("/time/map-as-of", Fixture, NULL, fixture_set_up, test_map_as_of, fixture_tear_down);
  g_test_add ("/time/legend-counts", Fixture, NULL, fixture_set_up, test_legend_counts, fixture_tear_down);
  g_test_add ("/time/steps", Fixture, NULL, fixture_set_up, test_steps, fixture_tear_down);
  g_test_add ("/time/compare", Fixture, NULL, fixture_set_up, test_compare, fixture_tear_down);
  g_test_add_func ("/time/compare-shots", test_compare_shots);
  g_test_add ("/time/remove-partner", Fixture, NULL, fixture_set_up, test_remove_partner,
              fixture_tear_down);
  g_test_add ("/time/fade", Fixture, NULL, fixture_set_up, test_fade, fixture_tear_down);
  g_test_add ("/time/change-date", Fixture, NULL, fixture_set_up, test_change_date, fixture_tear_down);
  g_test_add ("/time/step-keeps-labels-and-legend", Fixture, NULL, fixture_set_up,
              test_step_keeps_labels_and_legend, fixture_tear_down);
  g_test_add ("/time/presentation", Fixture, NULL, fixture_set_up, test_presentation, fixture_tear_down);
  g_test_add ("/time/banner-and-editing", Fixture, NULL, fixture_set_up, test_banner_and_editing,
              fixture_tear_down);

  return g_test_run ();
}
