/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window as a whole: a file that cannot be opened gets a page saying
 * what is wrong and where, and its name is shown as it is, never read as
 * markup (the status page's description is markup). */

/* link(): POSIX, not plain C11. */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "atlas-application.h"
#include "atlas-map-view.h"
#include "atlas-partner-list.h"
#include "atlas-safe-write-private.h"
#include "atlas-test-util.h"
#include "atlas-window.h"

static gboolean
showing_error (gpointer data)
{
  AtlasWindow *window = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (atlas_test_template_child (window, "main_stack")), "error") == 0;
}

static void
test_error_page_plain_name (void)
{
  g_autofree char *dir = atlas_test_make_tmp_dir ("atlas-window-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "R&D <i>draft.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AtlasWindow *window;
  GtkLabel *label;

  /* Broken at line 2, column 3. */
  g_assert_true (g_file_set_contents (path, "{\n  \"format\" 1\n}\n", -1, NULL));

  window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_load_file (window, file);
  g_assert_true (atlas_test_iterate_until (showing_error, window, 10000));

  /* The name is shown literally, tags and all... */
  label = atlas_test_find_label_containing (GTK_WIDGET (atlas_test_template_child (window, "error_page")), "R&D <i>draft.json");
  g_assert_nonnull (label);
  /* ...and the problem with its place. */
  g_assert_nonnull (strstr (gtk_label_get_text (atlas_test_template_child (window, "error_details")), ":2:"));
  /* The header hides what means nothing without a dataset: no lens
   * "(None)", no panels, no saving, no presenting. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (atlas_test_template_child (window, "lens_dropdown"))));
  g_assert_false (gtk_widget_get_visible (atlas_test_template_child (window, "present_button")));
  g_assert_false (gtk_widget_get_visible (atlas_test_template_child (window, "save_button")));
  g_assert_false (gtk_widget_get_visible (atlas_test_template_child (window, "sidebar_button")));


  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static gboolean
showing_summary (gpointer data)
{
  AtlasWindow *window = data;

  return showing_error (window) && gtk_widget_get_visible (GTK_WIDGET (atlas_test_template_child (window, "error_summary")));
}

static gboolean
showing_map (gpointer data)
{
  AtlasWindow *window = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (atlas_test_template_child (window, "main_stack")), "error") != 0 &&
         atlas_window_get_dataset (window) != NULL;
}

/* A file with a bad value: the problem in the dataset's words (partner,
 * lens, the categories it could be, the line), the JSON path below; it
 * opens read-only without that value, which the bar lists. */
static void
test_open_read_only (void)
{
  g_autofree char *minimal = g_test_build_filename (G_TEST_DIST, "data", "minimal.json", NULL);
  g_autofree char *dir = atlas_test_make_tmp_dir ("atlas-window-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "invalid.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GString) edited = NULL;
  const char *find = "\"wcit_2012\": \"signed\"\n      },\n      \"documents\": [],";
  const char *at;
  AtlasWindow *window;
  AtlasPartner *china;

  g_assert_true (g_file_get_contents (minimal, &text, NULL, NULL));
  at = strstr (text, find);
  g_assert_nonnull (at);
  edited = g_string_new_len (text, at - text);
  g_string_append (edited, "\"wcit_2012\": \"maybe\"\n      },\n      \"documents\": [],");
  g_string_append (edited, at + strlen (find));
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));

  window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_load_file (window, file);
  g_assert_true (atlas_test_iterate_until (showing_summary, window, 10000));

  g_assert_cmpstr (gtk_label_get_text (atlas_test_template_child (window, "error_summary")), ==,
                   "• China’s WCIT-12 is “maybe”, which is not one of Signed, Refused (line 121)");
  /* The JSON path is still there, as a detail */
  g_assert_nonnull (strstr (gtk_label_get_text (atlas_test_template_child (window, "error_details")), "partners[1].indicators.wcit_2012"));
  g_assert_false (gtk_expander_get_expanded (atlas_test_template_child (window, "error_expander")));
  g_assert_true (gtk_widget_get_visible (atlas_test_template_child (window, "error_read_only_button")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-read-only", NULL));
  g_assert_true (atlas_test_iterate_until (showing_map, window, 10000));
  g_assert_true (gtk_info_bar_get_revealed (atlas_test_template_child (window, "problems_bar")));
  g_assert_nonnull (strstr (gtk_label_get_text (atlas_test_template_child (window, "problems_label")), "open read-only"));
  g_assert_nonnull (strstr (gtk_label_get_text (atlas_test_template_child (window, "problems_label")), "China’s WCIT-12 is “maybe”"));
  /* The bad value reads "No data"; the rest is there */
  china = atlas_dataset_find_partner (atlas_window_get_dataset (window), "CN");
  g_assert_nonnull (china);
  g_assert_null (atlas_partner_get_indicator (china, "wcit_2012"));
  g_assert_cmpstr (atlas_partner_get_indicator (atlas_dataset_find_partner (atlas_window_get_dataset (window), "US"), "wcit_2012"),
                   ==, "refused");
  /* Read-only, under the file's name: saving asks for a new one */
  g_assert_true (atlas_dataset_file_get_read_only (atlas_window_get_dataset_file (window)));
  subtitle = g_strdup (adw_window_title_get_subtitle (atlas_test_template_child (window, "window_title")));
  g_assert_cmpstr (subtitle, ==, "invalid.json (read-only)");

  /* Another dataset: the bar goes */
  atlas_window_load_bundled (window);
  g_assert_false (gtk_info_bar_get_revealed (atlas_test_template_child (window, "problems_bar")));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The window's message dialog, once it is shown */
static gboolean
showing_dialog (gpointer data)
{
  AdwMessageDialog **dialog = data;

  *dialog = ADW_MESSAGE_DIALOG (atlas_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  return *dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (*dialog));
}

/* The dialog's button for a response, as the user sees it labelled */
static GtkWidget *
response_button (AdwMessageDialog *dialog,
                 const char       *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  atlas_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static gboolean
showing_read_only (gpointer data)
{
  AtlasWindow *window = data;

  return atlas_window_get_dataset_file (window) != NULL && atlas_dataset_file_get_read_only (atlas_window_get_dataset_file (window)) &&
         g_strcmp0 (adw_window_title_get_subtitle (atlas_test_template_child (window, "window_title")), "invalid.json (read-only)") == 0;
}

/* The same file opened while a dataset is open: the window keeps it and a
 * dialog says what is wrong in the dataset's words, the JSON path under
 * Technical Details; Close keeps the dataset that was open; Open
 * Read-Only, the suggested and default answer, opens the rest of the
 * file, read-only, the bar listing the value left out. */
static void
test_open_read_only_dialog (void)
{
  g_autofree char *minimal = g_test_build_filename (G_TEST_DIST, "data", "minimal.json", NULL);
  g_autofree char *dir = atlas_test_make_tmp_dir ("atlas-window-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "invalid.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  const char *find = "\"wcit_2012\": \"signed\"\n      },\n      \"documents\": [],";
  const char *at;
  AdwMessageDialog *dialog = NULL;
  AtlasDataset *before;
  g_autofree char *subtitle = NULL;
  GtkWidget *button;
  GtkWidget *expander;
  AtlasWindow *window;

  g_assert_true (g_file_get_contents (minimal, &text, NULL, NULL));
  at = strstr (text, find);
  g_assert_nonnull (at);
  edited = g_string_new_len (text, at - text);
  g_string_append (edited, "\"wcit_2012\": \"maybe\"\n      },\n      \"documents\": [],");
  g_string_append (edited, at + strlen (find));
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));

  window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (atlas_test_iterate_until (showing_map, window, 10000));
  before = atlas_window_get_dataset (window);
  subtitle = g_strdup (adw_window_title_get_subtitle (atlas_test_template_child (window, "window_title")));

  /* Close: nothing changes */
  atlas_window_load_file (window, file);
  g_assert_true (atlas_test_iterate_until (showing_dialog, &dialog, 10000));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  atlas_test_wait_ms (300);
  atlas_test_save_shot (GTK_WIDGET (dialog), "window-read-only-dialog.png");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open the Dataset");
  /* What failed, and what can be done */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "invalid.json” has a value this app cannot read; the rest can be opened read-only"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "• China’s WCIT-12 is “maybe”, which is not one of Signed, Refused (line 121)"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "partners[1]"));
  /* The JSON path is a detail, folded away */
  expander = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_EXPANDER (expander));
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  g_assert_true (GTK_IS_LABEL (gtk_expander_get_child (GTK_EXPANDER (expander))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_expander_get_child (GTK_EXPANDER (expander)))),
                            "partners[1].indicators.wcit_2012"));
  /* Open Read-Only is what Enter does */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "read-only");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "read-only"), ==, ADW_RESPONSE_SUGGESTED);
  g_assert_true (atlas_window_get_dataset (window) == before);
  button = response_button (dialog, "_Close");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  atlas_test_wait_ms (300);
  g_assert_null (atlas_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (atlas_window_get_dataset (window) == before);
  g_assert_cmpstr (adw_window_title_get_subtitle (atlas_test_template_child (window, "window_title")), ==, subtitle);
  g_assert_false (gtk_info_bar_get_revealed (atlas_test_template_child (window, "problems_bar")));

  /* Open Read-Only */
  dialog = NULL;
  atlas_window_load_file (window, file);
  g_assert_true (atlas_test_iterate_until (showing_dialog, &dialog, 10000));
  button = response_button (dialog, "Open _Read-Only");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  g_assert_true (atlas_test_iterate_until (showing_read_only, window, 10000));
  g_assert_true (atlas_window_get_dataset (window) != before);
  g_assert_null (atlas_partner_get_indicator (atlas_dataset_find_partner (atlas_window_get_dataset (window), "CN"), "wcit_2012"));
  g_assert_cmpstr (atlas_partner_get_indicator (atlas_dataset_find_partner (atlas_window_get_dataset (window), "US"), "wcit_2012"),
                   ==, "refused");
  g_assert_true (gtk_info_bar_get_revealed (atlas_test_template_child (window, "problems_bar")));
  g_assert_nonnull (strstr (gtk_label_get_text (atlas_test_template_child (window, "problems_label")), "China’s WCIT-12 is “maybe”"));
  g_assert_cmpstr (adw_window_title_get_subtitle (atlas_test_template_child (window, "window_title")), ==, "invalid.json (read-only)");
  atlas_test_wait_ms (300);
  atlas_test_save_shot (GTK_WIDGET (window), "window-read-only-1024.png");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static ShumateLocation *
map_center (AtlasWindow *window)
{
  return SHUMATE_LOCATION (shumate_map_get_viewport (atlas_map_view_get_map (atlas_test_template_child (window, "map_view"))));
}

static gboolean
map_near_japan (gpointer data)
{
  double lat, lon, zoom;

  /* On the Earth, whatever the projection */
  atlas_map_view_get_camera (atlas_test_template_child (ATLAS_WINDOW (data), "map_view"), &lat, &lon, &zoom);
  return fabs (lat - 36) < 8 && fabs (lon - 138) < 10;
}

/* A partner picked in the list flies the map to it; one selected from
 * elsewhere (a click on the map, the window's API) leaves the view alone. */
static void
test_list_pick_flies_map (void)
{
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  GtkListView *list_view;
  GtkSelectionModel *model;
  GListModel *items;
  double lat, lon;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (300);

  list_view = GTK_LIST_VIEW (atlas_test_find_widget (GTK_WIDGET (atlas_test_template_child (window, "partner_list")), GTK_TYPE_LIST_VIEW, NULL));
  g_assert_nonnull (list_view);
  g_assert_false (map_near_japan (window));

  /* As a click on the row does. */
  model = gtk_list_view_get_model (list_view);
  items = G_LIST_MODEL (model);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (items, i);

      if (g_str_equal (atlas_partner_get_id (partner), "JP"))
        gtk_selection_model_select_item (model, i, TRUE);
    }
  g_assert_cmpstr (atlas_window_get_selected_id (window), ==, "JP");
  g_assert_true (atlas_test_iterate_until (map_near_japan, window, 10000));
  /* Past the end of the flight (600 ms). */
  atlas_test_wait_ms (800);

  /* From outside: selected, outlined, but the view stays where it is. */
  lat = shumate_location_get_latitude (map_center (window));
  lon = shumate_location_get_longitude (map_center (window));
  atlas_window_set_selected_id (window, "BR");
  atlas_test_wait_ms (800);
  g_assert_cmpstr (atlas_window_get_selected_id (window), ==, "BR");
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (map_center (window)), lat, 0.01);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (map_center (window)), lon, 0.01);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Enter in the search picks the first match: the map flies there too, as
 * for a click on its row (the two ways to pick from the list). */
static void
test_search_pick_flies_map (void)
{
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  GtkWidget *entry;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (300);
  g_assert_false (map_near_japan (window));

  entry = atlas_test_find_widget (GTK_WIDGET (atlas_test_template_child (window, "partner_list")), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "jap");
  atlas_test_wait_ms (300);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (atlas_window_get_selected_id (window), ==, "JP");
  g_assert_true (atlas_test_iterate_until (map_near_japan, window, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* At 1024x768 the profile comes in over the map: the partner picked is
 * framed in what it leaves of the map, not under it. */
static void
test_pick_clear_of_profile (void)
{
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  GtkWidget *entry;
  AtlasMapFrame frame = { 0 };
  double mx, my, x, y;
  int map_width, profile_left;
  graphene_rect_t bounds;

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (300);

  entry = atlas_test_find_widget (GTK_WIDGET (atlas_test_template_child (window, "partner_list")), GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "jap");
  atlas_test_wait_ms (300);
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (atlas_test_iterate_until (map_near_japan, window, 10000));
  atlas_test_wait_ms (1200);
  atlas_test_save_shot (GTK_WIDGET (window), "pick-1024x768-japan.png");

  g_assert_true (adw_flap_get_folded (atlas_test_template_child (window, "profile_flap")));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (atlas_test_template_child (window, "profile_view")), GTK_WIDGET (atlas_test_template_child (window, "map_view")), &bounds));
  map_width = gtk_widget_get_width (GTK_WIDGET (atlas_test_template_child (window, "map_view")));
  profile_left = (int) bounds.origin.x;
  g_test_message ("map %d px wide, the profile from %d", map_width, profile_left);
  g_assert_cmpint (profile_left, <, map_width);

  /* Tokyo, and Japan's ends (Hokkaido, Kyushu), in the part left uncovered */
  atlas_world_layer_get_frame (atlas_map_view_get_world_layer (atlas_test_template_child (window, "map_view")), &frame);
  for (guint i = 0; i < 3; i++)
    {
      const double places[][2] = { { 139.7, 35.7 }, { 143.0, 43.5 }, { 130.5, 32.0 } };

      atlas_geo_lonlat_to_map (places[i][0], places[i][1], &mx, &my);
      atlas_map_frame_project (&frame, mx, my, &x, &y);
      g_test_message ("%g,%g at %g,%g", places[i][0], places[i][1], x, y);
      g_assert_cmpfloat (x, >, 0);
      g_assert_cmpfloat (x, <, profile_left);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* One application for the whole binary: it owns its name on the bus. */
static AtlasApplication *
get_app (void)
{
  static AtlasApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = atlas_application_new ();
      /* Its own primary instance whatever else runs the app on the
       * suite's bus (a remote instance crashes when given a window). */
      g_application_set_flags (G_APPLICATION (app),
                               g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
      g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));
    }
  return app;
}

/* A narrow window folds the list away; that is not the user hiding it, so
 * the next start must not begin without it. */
static void
test_sidebar_setting_survives_folding (void)
{
  AtlasApplication *app = get_app ();
  GSettings *settings;
  AtlasWindow *window;

  settings = atlas_application_get_settings (app);
  g_settings_set_boolean (settings, "sidebar-visible", TRUE);

  window = g_object_new (ATLAS_TYPE_WINDOW, "application", app, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 800);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (300);

  g_assert_true (adw_flap_get_folded (atlas_test_template_child (window, "flap")));
  g_assert_false (adw_flap_get_reveal_flap (atlas_test_template_child (window, "flap")));
  g_assert_true (g_settings_get_boolean (settings, "sidebar-visible"));
  gtk_window_destroy (GTK_WINDOW (window));

  /* On a wide window, hiding the list is the user's choice: kept. */
  window = g_object_new (ATLAS_TYPE_WINDOW, "application", app, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1600, 900);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (300);
  g_assert_false (adw_flap_get_folded (atlas_test_template_child (window, "flap")));
  g_assert_true (adw_flap_get_reveal_flap (atlas_test_template_child (window, "flap")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  g_assert_false (g_settings_get_boolean (settings, "sidebar-visible"));

  /* The lens is remembered too, and a new window starts on it. */
  atlas_window_set_lens_id (window, "wcit_2012");
  g_assert_cmpstr (g_settings_get_string (settings, "lens"), ==, "wcit_2012");
  gtk_window_destroy (GTK_WINDOW (window));

  window = g_object_new (ATLAS_TYPE_WINDOW, "application", app, NULL);
  atlas_window_load_bundled (window);
  g_assert_cmpstr (atlas_window_get_lens_id (window), ==, "wcit_2012");
  g_assert_false (adw_flap_get_reveal_flap (atlas_test_template_child (window, "flap")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
window_has_file (gpointer data)
{
  return atlas_window_get_file (data) != NULL;
}

static gboolean
window_has_dataset (gpointer data)
{
  return atlas_window_get_dataset (data) != NULL;
}

/* The app reopens the dataset worked on last; one gone since gives way to
 * the bundled dataset. */
static void
test_reopens_last_file (void)
{
  AtlasApplication *app = get_app ();
  GSettings *settings = atlas_application_get_settings (app);
  g_autofree char *dir = atlas_test_make_tmp_dir ("atlas-last-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "partners.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AtlasDataset) bundled = atlas_dataset_new_bundled ();
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (bundled);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *last = NULL;
  AtlasWindow *window;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_settings_set_string (settings, "last-file", "");

  /* First start: the bundled dataset; then the user opens a file. */
  g_application_activate (G_APPLICATION (app));
  window = ATLAS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_assert_null (atlas_window_get_file (window));
  atlas_window_load_file (window, file);
  g_assert_true (atlas_test_iterate_until (window_has_file, window, 10000));
  last = g_settings_get_string (settings, "last-file");
  g_assert_cmpstr (last, ==, uri);
  gtk_window_destroy (GTK_WINDOW (window));
  atlas_test_flush ();

  /* Next start: that file. */
  g_application_activate (G_APPLICATION (app));
  window = ATLAS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (atlas_test_iterate_until (window_has_file, window, 10000));
  g_assert_true (g_file_equal (atlas_window_get_file (window), file));
  gtk_window_destroy (GTK_WINDOW (window));
  atlas_test_flush ();

  /* The file is gone: the bundled dataset, no error page. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_application_activate (G_APPLICATION (app));
  window = ATLAS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (atlas_test_iterate_until (window_has_dataset, window, 10000));
  g_assert_null (atlas_window_get_file (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (atlas_test_template_child (window, "main_stack")), ==, "content");
  gtk_window_destroy (GTK_WINDOW (window));
  atlas_test_flush ();
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static gboolean
last_file_is (gpointer data)
{
  GSettings *settings = atlas_application_get_settings (get_app ());
  g_autofree char *last = g_settings_get_string (settings, "last-file");

  return g_strcmp0 (last, data) == 0;
}

/* A file opened while the window holds unsaved work opens in a new window;
 * that window's file is the one the next start opens, as for any other. */
static void
test_new_window_sets_last_file (void)
{
  AtlasApplication *app = get_app ();
  GSettings *settings = atlas_application_get_settings (app);
  g_autofree char *dir = atlas_test_make_tmp_dir ("atlas-last-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "other.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AtlasDataset) bundled = atlas_dataset_new_bundled ();
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (bundled);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GList) windows = NULL;
  AtlasWindow *window;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_settings_set_string (settings, "last-file", "");

  window = atlas_application_new_window (app);
  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  /* Unsaved work: a copy of the bundled dataset. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-from-bundled", NULL));
  g_assert_true (atlas_dataset_file_get_modified (atlas_window_get_dataset_file (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri));
  g_assert_null (atlas_window_get_file (window));
  g_assert_true (atlas_test_iterate_until (last_file_is, uri, 10000));

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (ATLAS_IS_WINDOW (l->data) && atlas_window_get_file (l->data) != NULL)
        g_assert_true (g_file_equal (atlas_window_get_file (l->data), file));
      /* Closing without asking: the unsaved copy is this test's. */
      gtk_window_destroy (GTK_WINDOW (l->data));
    }
  atlas_test_flush ();
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* However a window joins the application (here made as a window makes one
 * for a file while it holds unsaved work), the application takes it in:
 * the settings, and "last-file" following its file. */
static void
test_any_window_sets_last_file (void)
{
  AtlasApplication *app = get_app ();
  GSettings *settings = atlas_application_get_settings (app);
  g_autofree char *dir = atlas_test_make_tmp_dir ("atlas-last-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "joined.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AtlasDataset) bundled = atlas_dataset_new_bundled ();
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (bundled);
  g_autofree char *uri = g_file_get_uri (file);
  AtlasWindow *window;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_settings_set_string (settings, "last-file", "");

  window = g_object_new (ATLAS_TYPE_WINDOW, "application", app, NULL);
  g_assert_true (atlas_window_get_settings (window) == settings);
  atlas_window_load_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (atlas_test_iterate_until (last_file_is, uri, 10000));

  gtk_window_destroy (GTK_WINDOW (window));
  atlas_test_flush ();
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The list's order is the user's: the next window sorts as the last one did. */
static void
test_partner_sort_kept (void)
{
  AtlasApplication *app = get_app ();
  GSettings *settings = atlas_application_get_settings (app);
  AtlasWindow *window;

  g_settings_set_enum (settings, "partner-sort", ATLAS_PARTNER_SORT_NAME);
  window = atlas_application_new_window (app);
  atlas_window_load_bundled (window);
  atlas_partner_list_set_sort (atlas_test_template_child (window, "partner_list"), ATLAS_PARTNER_SORT_CATEGORY);
  g_assert_cmpint (g_settings_get_enum (settings, "partner-sort"), ==, ATLAS_PARTNER_SORT_CATEGORY);
  gtk_window_destroy (GTK_WINDOW (window));
  atlas_test_flush ();

  window = atlas_application_new_window (app);
  atlas_window_load_bundled (window);
  g_assert_cmpint (atlas_partner_list_get_sort (atlas_test_template_child (window, "partner_list")), ==,
                   ATLAS_PARTNER_SORT_CATEGORY);
  gtk_window_destroy (GTK_WINDOW (window));
  atlas_test_flush ();
  g_settings_reset (settings, "partner-sort");
}

/* Saving a hard-linked file: the save goes through (never in place), and a
 * notification that stays says the other names keep the old version. */
static gboolean
shows_hard_link_notice (gpointer data)
{
  return atlas_test_find_label_containing (GTK_WIDGET (data), "hard links") != NULL;
}

static void
test_save_hard_link_notice (void)
{
  AtlasApplication *app = get_app ();
  g_autofree char *dir = atlas_test_make_tmp_dir ("atlas-hard-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "partners.json", NULL);
  g_autofree char *other = g_build_filename (dir, "other.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AtlasDataset) bundled = atlas_dataset_new_bundled ();
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (bundled);
  g_autofree char *kept = NULL;
  gsize kept_len;
  g_autoptr(AtlasPartner) partner = NULL;
  AtlasWindow *window;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_assert_cmpint (link (path, other), ==, 0);

  g_application_activate (G_APPLICATION (app));
  window = ATLAS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  atlas_window_load_file (window, file);
  g_assert_true (atlas_test_iterate_until (window_has_file, window, 10000));
  g_assert_false (shows_hard_link_notice (window));

  partner = g_list_model_get_item (atlas_dataset_get_partners (atlas_dataset_file_get_dataset (atlas_window_get_dataset_file (window))), 0);
  atlas_undo_stack_set_assessment (atlas_dataset_file_get_undo_stack (atlas_window_get_dataset_file (window)), partner,
                                   "Edited in a hard-linked file.");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_true (atlas_test_iterate_until (shows_hard_link_notice, window, 10000));
  atlas_test_save_shot (GTK_WIDGET (window), "save-hard-link-notice.png");

  /* The other name still has the old dataset. */
  g_assert_true (g_file_get_contents (other, &kept, &kept_len, NULL));
  g_assert_cmpmem (kept, kept_len, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  gtk_window_destroy (GTK_WINDOW (window));
  atlas_test_flush ();
  atlas_test_remove_tree (dir);
}

/* Saving a file of someone else's that could not be given back to them
 * (as for a user who is not root): the save goes through and a
 * notification that stays says the file is now the user's. */
static gboolean
shows_owner_notice (gpointer data)
{
  return atlas_test_find_label_containing (GTK_WIDGET (data), "now belongs to you") != NULL;
}

static void
test_save_owner_not_kept_notice (void)
{
  AtlasApplication *app = get_app ();
  g_autofree char *dir = g_dir_make_tmp ("atlas-owner-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "partners.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AtlasDataset) bundled = atlas_dataset_new_bundled ();
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (bundled);
  g_autoptr(AtlasPartner) partner = NULL;
  AtlasWindow *window;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  if (geteuid () != 0 || chown (path, 4321, 4322) != 0)
    {
      g_test_skip ("only root can make a file someone else's");
      atlas_test_remove_tree (dir);
      return;
    }

  g_application_activate (G_APPLICATION (app));
  window = ATLAS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  atlas_window_load_file (window, file);
  g_assert_true (atlas_test_iterate_until (window_has_file, window, 10000));
  g_assert_false (shows_owner_notice (window));

  partner = g_list_model_get_item (atlas_dataset_get_partners (atlas_dataset_file_get_dataset (atlas_window_get_dataset_file (window))), 0);
  atlas_undo_stack_set_assessment (atlas_dataset_file_get_undo_stack (atlas_window_get_dataset_file (window)), partner,
                                   "Edited in someone else's file.");
  atlas_safe_write_set_refuse_chown (TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_true (atlas_test_iterate_until (shows_owner_notice, window, 10000));
  atlas_safe_write_set_refuse_chown (FALSE);
  atlas_test_save_shot (GTK_WIDGET (window), "save-owner-not-kept-notice.png");

  gtk_window_destroy (GTK_WINDOW (window));
  atlas_test_flush ();
  atlas_test_remove_tree (dir);
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

/* "Copy Citation" puts the dataset's title, date, version and works cited
 * on the clipboard. */
static void
test_copy_citation (void)
{
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  AtlasDataset *dataset;
  g_autoptr(AtlasSource) source = NULL;
  g_autofree char *version = NULL;
  ClipboardRead read = { NULL, FALSE };

  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  atlas_test_wait_ms (200);
  dataset = atlas_window_get_dataset (window);
  source = g_list_model_get_item (atlas_dataset_get_sources (dataset), 0);
  /* With a dataset, the header has its controls (hidden on the error page) */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (atlas_test_template_child (window, "lens_dropdown"))));
  g_assert_true (gtk_widget_get_visible (atlas_test_template_child (window, "present_button")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-citation", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL, clipboard_read_cb, &read);
  g_assert_true (atlas_test_wait_for_flag (&read.done, 2000));
  g_assert_nonnull (read.text);
  g_assert_true (g_str_has_prefix (read.text, atlas_dataset_get_title (dataset)));
  version = g_strdup_printf ("(version %s)", atlas_dataset_get_as_of (dataset));
  g_assert_nonnull (strstr (read.text, version));
  g_assert_nonnull (strstr (read.text, atlas_source_get_title (source)));
  g_free (read.text);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init_gui (&argc, &argv);

  g_test_add_func ("/window/error-page-plain-name", test_error_page_plain_name);
  g_test_add_func ("/window/open-read-only", test_open_read_only);
  g_test_add_func ("/window/open-read-only-dialog", test_open_read_only_dialog);
  g_test_add_func ("/window/list-pick-flies-map", test_list_pick_flies_map);
  g_test_add_func ("/window/search-pick-flies-map", test_search_pick_flies_map);
  g_test_add_func ("/window/pick-clear-of-profile", test_pick_clear_of_profile);
  g_test_add_func ("/window/sidebar-setting-survives-folding", test_sidebar_setting_survives_folding);
  g_test_add_func ("/window/reopens-last-file", test_reopens_last_file);
  g_test_add_func ("/window/new-window-sets-last-file", test_new_window_sets_last_file);
  g_test_add_func ("/window/any-window-sets-last-file", test_any_window_sets_last_file);
  g_test_add_func ("/window/partner-sort-kept", test_partner_sort_kept);
  g_test_add_func ("/window/save-hard-link-notice", test_save_hard_link_notice);
  g_test_add_func ("/window/save-owner-not-kept-notice", test_save_owner_not_kept_notice);
  g_test_add_func ("/window/copy-citation", test_copy_citation);

  return g_test_run ();
}
