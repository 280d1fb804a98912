/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Dataset dialog (win.dataset-properties): its title and date go
 * through the undo stack and follow undo; a work added there is one the
 * profile editor's source drop-downs offer; a work that profiles cite
 * cannot be removed. With ATLAS_SHOTS_DIR set, it saves dataset-*.png. */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "atlas-dataset-dialog.h"
#include "atlas-profile-view.h"
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

static GtkWidget *
open_dialog (AtlasWindow *window)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.dataset-properties", NULL));
  atlas_test_wait_ms (200);
  dialog = atlas_test_find_toplevel (ATLAS_TYPE_DATASET_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (atlas_test_has_label (GTK_WIDGET (dialog), "Dataset"));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));

  return GTK_WIDGET (dialog);
}

static gboolean
is_source_id (const char *id)
{
  return g_regex_match_simple ("^[a-z0-9-]+$", id, 0, 0);
}

static void
test_title_and_date (void)
{
  AtlasWindow *window = new_window ();
  AtlasDataset *dataset = atlas_window_get_dataset (window);
  AtlasUndoStack *stack = atlas_window_get_undo_stack (window);
  g_autofree char *title = g_strdup (atlas_dataset_get_title (dataset));
  g_autofree char *as_of = g_strdup (atlas_dataset_get_as_of (dataset));
  GtkWidget *dialog = open_dialog (window);
  GtkWidget *title_row = atlas_test_find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Title");
  GtkWidget *as_of_row = atlas_test_find_widget (dialog, ADW_TYPE_ENTRY_ROW, "As of");

  g_assert_nonnull (stack);
  g_assert_nonnull (title_row);
  g_assert_nonnull (as_of_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, title);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (as_of_row)), ==, as_of);
  g_assert_false (atlas_undo_stack_get_can_undo (stack));

  gtk_editable_set_text (GTK_EDITABLE (title_row), "Cyber diplomacy, 2024");
  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "Cyber diplomacy, 2024");
  g_assert_true (atlas_undo_stack_get_can_undo (stack));
  g_assert_true (atlas_undo_stack_get_modified (stack));

  /* A date that is not one stays in the field, marked, and out of the file. */
  gtk_editable_set_text (GTK_EDITABLE (as_of_row), "2024-13-01");
  g_assert_true (gtk_widget_has_css_class (as_of_row, "error"));
  /* ...saying why in the words saving would use */
  {
    g_autofree char *problem = atlas_format_check_date ("2024-13-01");

    g_assert_nonnull (problem);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (as_of_row), ==, problem);
  }
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, as_of);
  gtk_editable_set_text (GTK_EDITABLE (as_of_row), "2024-03-01");
  g_assert_false (gtk_widget_has_css_class (as_of_row, "error"));
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, "2024-03-01");

  /* The window's undo takes both back, and the dialog follows. */
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, as_of);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (as_of_row)), ==, as_of);
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, title);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, title);
  g_assert_true (atlas_undo_stack_redo (stack));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Cyber diplomacy, 2024");

  /* The window's undo (Ctrl+Z) is the same stack. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, title);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_add_source (void)
{
  AtlasWindow *window = new_window ();
  AtlasDataset *dataset = atlas_window_get_dataset (window);
  AtlasUndoStack *stack = atlas_window_get_undo_stack (window);
  GListModel *sources = atlas_dataset_get_sources (dataset);
  guint n_before = g_list_model_get_n_items (sources);
  GtkWidget *dialog = open_dialog (window);
  GtkWidget *add = atlas_test_find_widget (dialog, GTK_TYPE_BUTTON, "Add Source");
  g_autoptr(GPtrArray) authors = g_ptr_array_new ();
  g_autoptr(GPtrArray) years = g_ptr_array_new ();
  g_autoptr(AtlasSource) added = NULL;
  GtkWidget *author_row, *title_row, *year_spin, *url_row, *dropdown;

  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  atlas_test_wait_ms (100);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, n_before + 1);
  added = g_list_model_get_item (sources, n_before);
  g_assert_true (is_source_id (atlas_source_get_id (added)));
  g_assert_true (atlas_undo_stack_get_modified (stack));

  /* Its id follows its author and year while nobody cites it. */
  atlas_test_collect_widgets (dialog, ADW_TYPE_ENTRY_ROW, authors);
  author_row = atlas_test_find_widget (dialog, ADW_TYPE_ENTRY_ROW, "Author");
  for (guint i = 0; i < authors->len; i++)
    if (atlas_test_has_label (g_ptr_array_index (authors, i), "Author"))
      author_row = g_ptr_array_index (authors, i);
  atlas_test_collect_widgets (dialog, GTK_TYPE_SPIN_BUTTON, years);
  g_assert_cmpuint (years->len, ==, n_before + 1);
  year_spin = g_ptr_array_index (years, n_before);
  gtk_editable_set_text (GTK_EDITABLE (author_row), "Council of Europe");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (year_spin), 2022);
  g_assert_cmpstr (atlas_source_get_id (added), ==, "council-of-europe-2022");
  g_assert_true (atlas_dataset_find_source (dataset, "council-of-europe-2022") == added);

  title_row = NULL;
  url_row = NULL;
  for (guint i = 0; i < authors->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (authors, i);

      if (atlas_test_has_label (row, "Source Title"))
        title_row = row;
      if (atlas_test_has_label (row, "Link"))
        url_row = row;
    }
  g_assert_nonnull (title_row);
  g_assert_nonnull (url_row);
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Press release: Budapest Convention");
  g_assert_cmpstr (atlas_source_get_title (added), ==, "Press release: Budapest Convention");
  /* Only web links are taken. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "ftp://coe.int/x");
  g_assert_null (atlas_source_get_url (added));
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));
  /* ...saying why in the words saving would use */
  {
    g_autofree char *problem = atlas_format_check_web_link ("ftp://coe.int/x");

    g_assert_nonnull (problem);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (url_row), ==, problem);
  }
  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://www.coe.int/en/web/portal/-/press");
  g_assert_cmpstr (atlas_source_get_url (added), ==, "https://www.coe.int/en/web/portal/-/press");
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));

  /* The whole file still loads. */
  {
    g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (dataset);
    g_autoptr(AtlasDataset) reloaded = NULL;
    g_autoptr(GError) error = NULL;

    reloaded = atlas_dataset_load_bytes (bytes, "edited.json", NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (atlas_dataset_find_source (reloaded, "council-of-europe-2022"));
  }

  /* Shown by the profile editor's source drop-downs. */
  {
    AtlasSource *source;
    guint position;

    gtk_widget_set_visible (dialog, FALSE);
    atlas_window_set_selected_id (window, "JP");
    atlas_profile_view_set_editing (atlas_test_template_child (window, "profile_view"), TRUE);
    atlas_test_wait_ms (200);
    dropdown = atlas_test_find_widget (atlas_test_template_child (window, "profile_view"), GTK_TYPE_DROP_DOWN,
                                       "Source");
    g_assert_nonnull (dropdown);
    g_assert_true (g_list_store_find (G_LIST_STORE (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown))),
                                      added, &position));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), position);
    source = atlas_dataset_find_source (dataset, "council-of-europe-2022");
    g_assert_true (source == added);
    {
      AtlasPartner *japan = atlas_dataset_find_partner (dataset, "JP");
      g_autoptr(AtlasSourceRef) ref = g_list_model_get_item (atlas_partner_get_sources (japan), 0);

      g_assert_cmpstr (atlas_source_ref_get_id (ref), ==, "council-of-europe-2022");
    }
    atlas_profile_view_set_editing (atlas_test_template_child (window, "profile_view"), FALSE);
  }

  /* Undo all: gone again. */
  while (atlas_undo_stack_undo (stack))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, n_before);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_cited_remove (void)
{
  AtlasWindow *window = new_window ();
  AtlasDataset *dataset = atlas_window_get_dataset (window);
  GListModel *sources = atlas_dataset_get_sources (dataset);
  guint n_before = g_list_model_get_n_items (sources);
  GtkWidget *dialog = open_dialog (window);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) expanders = g_ptr_array_new ();
  GtkWidget *cited_button = NULL, *free_button = NULL;

  g_assert_cmpuint (n_before, >, 0);
  g_signal_emit_by_name (atlas_test_find_widget (dialog, GTK_TYPE_BUTTON, "Add Source"), "clicked");
  atlas_test_wait_ms (100);

  atlas_test_collect_widgets (dialog, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (!atlas_test_has_label (button, "Remove Source"))
        continue;
      if (cited_button == NULL)
        cited_button = button;
      else
        free_button = button;
    }
  g_assert_nonnull (cited_button);
  g_assert_nonnull (free_button);

  /* The bundled dataset's one work is cited by every partner. */
  g_assert_false (gtk_widget_get_sensitive (cited_button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (cited_button), "Cited by "));
  {
    g_autoptr(AtlasPartner) first = g_list_model_get_item (atlas_dataset_get_partners (dataset), 0);

    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (cited_button),
                              atlas_partner_get_display_name (first)));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (cited_button), "more"));
  }
  g_assert_true (gtk_widget_get_sensitive (free_button));

  atlas_test_collect_widgets (dialog, ADW_TYPE_EXPANDER_ROW, expanders);
  g_assert_cmpuint (expanders->len, ==, n_before + 1);
  adw_expander_row_set_expanded (g_ptr_array_index (expanders, 0), TRUE);
  atlas_test_save_shot (dialog, "dataset-dialog.png");
  /* The new work open, at the bottom: its Remove can be used. */
  adw_expander_row_set_expanded (g_ptr_array_index (expanders, 0), FALSE);
  adw_expander_row_set_expanded (g_ptr_array_index (expanders, n_before), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 900);
  atlas_test_wait_ms (100);
  atlas_test_save_shot (dialog, "dataset-dialog-new-source.png");

  g_signal_emit_by_name (free_button, "clicked");
  atlas_test_wait_ms (100);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, n_before);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
dialog_shows (GtkWidget  *dialog,
              const char *needle)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  atlas_test_collect_widgets (dialog, ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (strstr (adw_preferences_row_get_title (rows->pdata[i]), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* The user's colours: the 2014 palettes draw warnings with their numbers,
 * the bundled ones none. */
static void
test_color_warnings (void)
{
  g_autoptr(AtlasDataset) paper = atlas_test_load_paper ();
  g_autoptr(AtlasDataset) bundled = atlas_dataset_new_bundled ();
  g_autoptr(AtlasUndoStack) paper_stack = atlas_undo_stack_new (paper);
  g_autoptr(AtlasUndoStack) bundled_stack = atlas_undo_stack_new (bundled);
  GtkWidget *dialog = atlas_dataset_dialog_new (NULL, paper_stack);

  gtk_window_present (GTK_WINDOW (dialog));
  atlas_test_wait_ms (200);
  atlas_test_save_shot (dialog, "dataset-dialog-colors.png");
  /* WCIT-12: Signed L* 61, Refused L* 58 */
  g_assert_true (dialog_shows (dialog, "“Signed” (L* 61) and “Refused” (L* 58) differ by 4 in lightness"));
  g_assert_true (dialog_shows (dialog, "does not run with the order"));
  g_assert_true (dialog_shows (dialog, "WCIT-12 vote"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = atlas_dataset_dialog_new (NULL, bundled_stack);
  gtk_window_present (GTK_WINDOW (dialog));
  atlas_test_wait_ms (200);
  g_assert_false (dialog_shows (dialog, "lightness"));
  g_assert_true (dialog_shows (dialog, "Every lens's colours keep apart"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init_gui (&argc, &argv);

  atlas_test_add_app_style ();

  g_test_add_func ("/dataset-dialog/title-and-date", test_title_and_date);
  g_test_add_func ("/dataset-dialog/add-source", test_add_source);
  g_test_add_func ("/dataset-dialog/cited-remove", test_cited_remove);
  g_test_add_func ("/dataset-dialog/color-warnings", test_color_warnings);

  return g_test_run ();
}
