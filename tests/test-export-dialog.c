/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Export dialog and printing, under a display: the dialog's choices
 * become the options and are remembered, an export runs in a thread with
 * progress and can be cancelled, a failure is shown and leaves no file,
 * and the print operation draws the briefing's pages (exported to PDF by
 * GTK, read back with pdftotext).
 *
 * With ATLAS_SHOTS_DIR set, /export-dialog/shots saves pictures of the
 * dialog for people to look at. */

#include "config.h"

#include <string.h>

#include "atlas-core.h"
#include "atlas-export-dialog.h"
#include "atlas-test-util.h"
#include "atlas-window.h"

#define TIMEOUT_MS 20000

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static gpointer
child (AtlasExportDialog *dialog,
       const char        *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (dialog), ATLAS_TYPE_EXPORT_DIALOG, name);
}

static void
exported_cb (AtlasExportDialog *dialog,
             GFile             *file,
             gpointer           user_data)
{
  GFile **out = user_data;

  g_set_object (out, file);
}

typedef struct
{
  char         *dir;
  AtlasDataset *dataset;
  GSettings    *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = atlas_test_make_tmp_dir ("atlas-export-dialog-XXXXXX");
  fixture->dataset = atlas_dataset_new_bundled ();
  fixture->settings = g_settings_new ("io.github.cyberdiplomacy.Atlas");
  /* Memory backend: each test starts from the defaults. */
  g_settings_reset (fixture->settings, "export-format");
  g_settings_reset (fixture->settings, "export-lens");
  g_settings_reset (fixture->settings, "export-size");
  g_settings_reset (fixture->settings, "export-paper");
  g_settings_reset (fixture->settings, "export-folder");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  atlas_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_clear_object (&fixture->dataset);
  g_clear_object (&fixture->settings);
}

static void
test_options (Fixture       *fixture,
              gconstpointer  data)
{
  AtlasExportDialog *dialog = atlas_export_dialog_new (NULL, fixture->dataset, "wcit_2012", "KR",
                                                       fixture->settings);
  g_autoptr(AtlasExportOptions) options = NULL;
  GPtrArray *checks;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Export");

  /* The defaults: a briefing of every partner, on the map's lens */
  options = atlas_export_dialog_get_options (dialog);
  g_assert_cmpint (atlas_export_options_get_format (options), ==, ATLAS_EXPORT_FORMAT_PDF);
  g_assert_cmpstr (atlas_export_options_get_lens_id (options), ==, "wcit_2012");
  g_assert_null (atlas_export_options_get_partner_ids (options));
  g_assert_cmpint (atlas_export_options_get_order (options), ==, ATLAS_EXPORT_ORDER_NAME);
  g_clear_object (&options);

  /* A briefing's partners by category, stated in the options */
  g_assert_true (gtk_widget_get_visible (child (dialog, "order_row")));
  adw_combo_row_set_selected (child (dialog, "order_row"), 1);
  options = atlas_export_dialog_get_options (dialog);
  g_assert_cmpint (atlas_export_options_get_order (options), ==, ATLAS_EXPORT_ORDER_CATEGORY);
  g_clear_object (&options);
  adw_combo_row_set_selected (child (dialog, "format_row"), ATLAS_EXPORT_FORMAT_FICHE);
  g_assert_true (gtk_widget_get_visible (child (dialog, "order_row")));
  adw_combo_row_set_selected (child (dialog, "format_row"), ATLAS_EXPORT_FORMAT_PDF);

  /* The selected partner */
  adw_combo_row_set_selected (child (dialog, "partners_row"), 1);
  options = atlas_export_dialog_get_options (dialog);
  g_assert_cmpstrv (atlas_export_options_get_partner_ids (options), ((const char *[]) { "KR", NULL }));
  g_clear_object (&options);

  /* A chosen set: the check rows appear, starting from the selection */
  adw_combo_row_set_selected (child (dialog, "partners_row"), 2);
  g_assert_true (gtk_widget_get_visible (child (dialog, "chosen_group")));
  checks = g_ptr_array_new ();
  /* The check buttons, in dataset order */
  atlas_test_collect_widgets (child (dialog, "chosen_group"), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, 10);
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);   /* US */
  gtk_check_button_set_active (g_ptr_array_index (checks, 9), TRUE);   /* RU */
  options = atlas_export_dialog_get_options (dialog);
  g_assert_cmpstrv (atlas_export_options_get_partner_ids (options), ((const char *[]) { "US", "KR", "RU", NULL }));
  g_clear_object (&options);

  /* Nothing chosen: nothing to export */
  for (guint i = 0; i < checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (checks, i), FALSE);
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "export_button")));
  gtk_check_button_set_active (g_ptr_array_index (checks, 3), TRUE);
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "export_button")));
  g_ptr_array_unref (checks);

  /* Images: sizes */
  adw_combo_row_set_selected (child (dialog, "format_row"), ATLAS_EXPORT_FORMAT_PNG);
  g_assert_true (gtk_widget_get_visible (child (dialog, "size_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "paper_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "order_row")));
  adw_combo_row_set_selected (child (dialog, "size_row"), 1);
  options = atlas_export_dialog_get_options (dialog);
  g_assert_cmpint (atlas_export_options_get_width (options), ==, 3840);
  g_assert_cmpint (atlas_export_options_get_height (options), ==, 2160);
  g_clear_object (&options);
  adw_combo_row_set_selected (child (dialog, "size_row"), 2);
  g_assert_true (gtk_widget_get_visible (child (dialog, "custom_size_row")));
  gtk_spin_button_set_value (child (dialog, "width_spin"), 1000);
  gtk_spin_button_set_value (child (dialog, "height_spin"), 500);
  options = atlas_export_dialog_get_options (dialog);
  g_assert_cmpint (atlas_export_options_get_width (options), ==, 1000);
  g_assert_cmpint (atlas_export_options_get_height (options), ==, 500);
  g_clear_object (&options);

  /* Tables have no lens and no layout */
  adw_combo_row_set_selected (child (dialog, "format_row"), ATLAS_EXPORT_FORMAT_CSV);
  g_assert_false (gtk_widget_get_visible (child (dialog, "lens_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "layout_group")));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* An export runs, is remembered, and the dialog closes. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  AtlasExportDialog *dialog = atlas_export_dialog_new (NULL, fixture->dataset, NULL, NULL,
                                                       fixture->settings);
  g_autofree char *path = g_build_filename (fixture->dir, "map.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autofree char *folder_uri = g_file_get_uri (folder);
  char *saved = NULL;
  g_autoptr(GFile) exported = NULL;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &exported);
  gtk_window_present (GTK_WINDOW (dialog));
  adw_combo_row_set_selected (child (dialog, "format_row"), ATLAS_EXPORT_FORMAT_PNG);
  adw_combo_row_set_selected (child (dialog, "lens_row"), 2);
  adw_combo_row_set_selected (child (dialog, "size_row"), 1);

  atlas_export_dialog_export_to (dialog, file);
  g_assert_true (atlas_export_dialog_is_busy (dialog));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "export_button")));
  g_assert_true (gtk_revealer_get_reveal_child (child (dialog, "progress_revealer")));

  atlas_test_iterate_until (pointer_set, &exported, TIMEOUT_MS);
  g_assert_nonnull (exported);
  g_assert_true (g_file_equal (exported, file));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* The dialog closed itself. */
  atlas_test_wait_ms (50);
  g_assert_null (dialog);

  saved = g_settings_get_string (fixture->settings, "export-format");
  g_assert_cmpstr (saved, ==, "png");
  g_free (saved);
  saved = g_settings_get_string (fixture->settings, "export-lens");
  g_assert_cmpstr (saved, ==, "budapest_convention");
  g_free (saved);
  saved = g_settings_get_string (fixture->settings, "export-size");
  g_assert_cmpstr (saved, ==, "3840x2160");
  g_free (saved);
  saved = g_settings_get_string (fixture->settings, "export-folder");
  g_assert_cmpstr (saved, ==, folder_uri);
  g_free (saved);

  /* The next dialog starts from these choices. */
  dialog = atlas_export_dialog_new (NULL, fixture->dataset, "wcit_2012", NULL, fixture->settings);
  {
    g_autoptr(AtlasExportOptions) options = atlas_export_dialog_get_options (dialog);

    g_assert_cmpint (atlas_export_options_get_format (options), ==, ATLAS_EXPORT_FORMAT_PNG);
    g_assert_cmpstr (atlas_export_options_get_lens_id (options), ==, "budapest_convention");
    g_assert_cmpint (atlas_export_options_get_width (options), ==, 3840);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWindow *
find_window (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), title) == 0)
        return window;
    }

  return NULL;
}

/* A failure is said, the dialog stays, and nothing is written. */
static void
test_failure (Fixture       *fixture,
              gconstpointer  data)
{
  AtlasExportDialog *dialog = atlas_export_dialog_new (NULL, fixture->dataset, NULL, NULL,
                                                       fixture->settings);
  g_autofree char *regular = g_build_filename (fixture->dir, "regular", NULL);
  g_autofree char *path = g_build_filename (regular, "briefing.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *message;

  g_assert_true (g_file_set_contents (regular, "x", 1, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  atlas_export_dialog_export_to (dialog, file);

  while (atlas_export_dialog_is_busy (dialog))
    g_main_context_iteration (NULL, TRUE);
  atlas_test_wait_ms (100);

  message = find_window ("Could Not Export");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), path));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "export_button")));
  g_assert_cmpuint (atlas_test_count_files (fixture->dir), ==, 1);

  gtk_window_destroy (message);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Cancel stops the export and leaves no file. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  AtlasExportDialog *dialog = atlas_export_dialog_new (NULL, fixture->dataset, NULL, NULL,
                                                       fixture->settings);
  g_autofree char *path = g_build_filename (fixture->dir, "briefing.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) exported = NULL;

  g_signal_connect (dialog, "exported", G_CALLBACK (exported_cb), &exported);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_ref (dialog);
  atlas_export_dialog_export_to (dialog, file);
  g_signal_emit_by_name (child (dialog, "cancel_button"), "clicked");

  while (atlas_export_dialog_is_busy (dialog))
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (exported);
  g_assert_null (find_window ("Could Not Export"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (atlas_test_count_files (fixture->dir), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
}

/* Printing draws the briefing: GTK exports the print job to PDF. */
static void
test_print (Fixture       *fixture,
            gconstpointer  data)
{
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  gboolean done = FALSE;
  GtkPrintOperationResult result;
  int status;

  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));

  operation = atlas_window_create_print_operation (window);
  gtk_print_operation_set_export_filename (operation, path);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), &done);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    GTK_WINDOW (window), &error);
  g_assert_no_error (error);
  if (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_assert_true (atlas_test_wait_for_flag (&done, TIMEOUT_MS));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (gtk_print_operation_get_n_pages_to_print (operation), >, 10);

  g_assert_nonnull (program);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "BRIEFING"));
  g_assert_nonnull (strstr (text, "South Africa"));
  g_assert_nonnull (strstr (text, "Page 1 of"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* win.export opens the dialog on the window's dataset and lens. */
static void
test_action (Fixture       *fixture,
             gconstpointer  data)
{
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  AtlasExportDialog *dialog;

  atlas_window_load_bundled (window);
  atlas_window_set_lens_id (window, "internet_governance");
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  atlas_test_wait_ms (50);

  dialog = ATLAS_EXPORT_DIALOG (atlas_test_find_toplevel (ATLAS_TYPE_EXPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  {
    g_autoptr(AtlasExportOptions) options = atlas_export_dialog_get_options (dialog);

    g_assert_cmpstr (atlas_export_options_get_lens_id (options), ==, "internet_governance");
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_shots (Fixture       *fixture,
            gconstpointer  data)
{
  AtlasExportDialog *dialog;

  if (g_getenv ("ATLAS_SHOTS_DIR") == NULL)
    {
      g_test_skip ("set ATLAS_SHOTS_DIR to save screenshots");
      return;
    }

  dialog = atlas_export_dialog_new (NULL, fixture->dataset, "cooperation_depth", "BR", fixture->settings);
  gtk_window_present (GTK_WINDOW (dialog));
  atlas_test_save_shot (GTK_WIDGET (dialog), "export-dialog.png");

  adw_combo_row_set_selected (child (dialog, "format_row"), ATLAS_EXPORT_FORMAT_PNG);
  adw_combo_row_set_selected (child (dialog, "partners_row"), 2);
  atlas_test_save_shot (GTK_WIDGET (dialog), "export-dialog-png.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  atlas_test_init_gui (&argc, &argv);

  g_test_add ("/export-dialog/options", Fixture, NULL, fixture_set_up, test_options, fixture_tear_down);
  g_test_add ("/export-dialog/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/export-dialog/failure", Fixture, NULL, fixture_set_up, test_failure, fixture_tear_down);
  g_test_add ("/export-dialog/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/export-dialog/action", Fixture, NULL, fixture_set_up, test_action, fixture_tear_down);
  g_test_add ("/export-dialog/print", Fixture, NULL, fixture_set_up, test_print, fixture_tear_down);
  g_test_add ("/export-dialog/shots", Fixture, NULL, fixture_set_up, test_shots, fixture_tear_down);

  return g_test_run ();
}
