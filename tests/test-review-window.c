/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Review Changes: a file that `cyber-atlas --merge` left with a conflict
 * says so when opened; win.review-changes lists the conflict; taking
 * theirs goes through the undo stack, with a history entry, and forgets
 * the recorded conflict; undo brings ours back. With ATLAS_SHOTS_DIR set,
 * it saves review-*.png. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "atlas-diff.h"
#include "atlas-merge.h"
#include "atlas-review-window.h"
#include "atlas-test-util.h"
#include "atlas-window.h"

typedef struct
{
  AtlasWindow *window;
} Loaded;

static gboolean
loaded (gpointer data)
{
  AtlasWindow *window = data;

  return atlas_window_get_dataset (window) != NULL && atlas_window_get_file (window) != NULL;
}

/* The paper's dataset, JP's Budapest Convention status changed to
 * "signatory" on our side and "pending" on theirs, merged. */
static char *
write_conflicted_file (void)
{
  g_autoptr(AtlasDataset) base = atlas_test_load_paper ();
  g_autoptr(AtlasDataset) ours = atlas_test_load_paper ();
  g_autoptr(AtlasDataset) theirs = atlas_test_load_paper ();
  g_autoptr(AtlasDataset) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = atlas_test_make_tmp_dir ("review-XXXXXX");
  char *path;

  g_assert_no_error (error);
  atlas_partner_set_indicator (atlas_dataset_find_partner (ours, "JP"), "budapest_convention", "signatory");
  atlas_partner_set_indicator (atlas_dataset_find_partner (theirs, "JP"), "budapest_convention", "pending");
  merged = atlas_merge (base, ours, theirs, &conflicts, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);

  path = g_build_filename (dir, "conflicted.atlas.json", NULL);
  bytes = atlas_dataset_to_bytes (merged);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return path;
}

static void
test_settle_recorded_conflict (void)
{
  g_autofree char *path = write_conflicted_file ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  AtlasUndoStack *stack;
  AtlasPartner *japan;
  GtkWindow *review;
  GtkWidget *take;
  g_autoptr(GPtrArray) left = NULL;
  GListModel *history;
  g_autoptr(AtlasHistoryEntry) last = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  atlas_window_load_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (atlas_test_iterate_until (loaded, window, 10000));
  atlas_test_wait_ms (200);

  /* Opening it says so. */
  g_assert_nonnull (atlas_test_find_label_containing (GTK_WIDGET (window), "A merge left 1 conflict to settle"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review-changes", NULL));
  atlas_test_wait_ms (200);
  review = atlas_test_find_toplevel (ATLAS_TYPE_REVIEW_WINDOW);
  g_assert_nonnull (review);
  g_assert_true (gtk_window_get_transient_for (review) == GTK_WINDOW (window));
  take = atlas_test_find_widget (GTK_WIDGET (review), GTK_TYPE_TOGGLE_BUTTON,
                                 "Take theirs for Japan · Budapest Convention");
  g_assert_nonnull (take);
  if (g_getenv ("ATLAS_SHOTS_DIR") != NULL)
    atlas_test_save_shot (GTK_WIDGET (review), "review-conflict");

  stack = atlas_window_get_undo_stack (window);
  japan = atlas_dataset_find_partner (atlas_window_get_dataset (window), "JP");
  g_assert_cmpstr (atlas_partner_get_indicator (japan, "budapest_convention"), ==, "signatory");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (take), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.apply", NULL));
  atlas_test_wait_ms (200);
  g_assert_null (atlas_test_find_toplevel (ATLAS_TYPE_REVIEW_WINDOW));

  /* Theirs, with a history entry naming where it came from. */
  g_assert_cmpstr (atlas_partner_get_indicator (japan, "budapest_convention"), ==, "pending");
  history = atlas_partner_get_history (japan);
  g_assert_cmpuint (g_list_model_get_n_items (history), >, 0);
  last = g_list_model_get_item (history, g_list_model_get_n_items (history) - 1);
  g_assert_cmpstr (atlas_history_entry_get_field (last), ==, "indicators.budapest_convention");
  g_assert_cmpstr (atlas_history_entry_get_old_value (last), ==, "signatory");
  g_assert_cmpstr (atlas_history_entry_get_new_value (last), ==, "pending");
  g_assert_true (g_str_has_prefix (atlas_history_entry_get_source (last), "Merged from "));
  left = atlas_dataset_dup_merge_conflicts (atlas_window_get_dataset (window));
  g_assert_cmpuint (left->len, ==, 0);
  g_assert_true (atlas_undo_stack_get_modified (stack));

  /* Through the undo stack. */
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_cmpstr (atlas_partner_get_indicator (japan, "budapest_convention"), ==, "signatory");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

static char *
dataset_text (AtlasDataset *dataset)
{
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (dataset);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static JsonObject *
partner_in (JsonNode   *tree,
            const char *id)
{
  JsonArray *partners = json_object_get_array_member (json_node_get_object (tree), "partners");

  for (guint i = 0; i < json_array_get_length (partners); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (partners, i), "id"), id))
      return json_array_get_object_element (partners, i);
  g_assert_not_reached ();
}

/* Moves a partner's first @n dialogues to the end. */
static void
rotate_dialogues (JsonNode   *tree,
                  const char *id,
                  guint       n)
{
  JsonArray *dialogues = json_object_get_array_member (partner_in (tree, id), "dialogues");

  for (guint i = 0; i < n; i++)
    {
      json_array_add_element (dialogues, json_node_copy (json_array_get_element (dialogues, 0)));
      json_array_remove_element (dialogues, 0);
    }
}

/* A colleague's copy that renamed a lens, added a document, recorded a
 * member leaving and an older event, and put a list in another order than
 * ours: every row can be taken, and Apply is one undo step that Undo takes
 * back whole. */
static void
test_apply_one_step (void)
{
  g_autoptr(AtlasDataset) paper = atlas_test_load_paper ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = atlas_test_make_tmp_dir ("review-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "ours.atlas.json", NULL);
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (paper);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  g_autoptr(JsonNode) ours = NULL;
  g_autoptr(JsonNode) theirs = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *before = NULL;
  JsonObject *root, *subject, *japan;
  JsonArray *members;
  AtlasDataset *dataset;
  AtlasUndoStack *stack;
  GtkWidget *review;
  GtkWidget *lens_row, *member_row, *document_row, *history_row, *order_take;
  g_autoptr(JsonNode) base = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  atlas_window_load_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (atlas_test_iterate_until (loaded, window, 10000));
  dataset = atlas_window_get_dataset (window);
  stack = atlas_window_get_undo_stack (window);
  before = dataset_text (dataset);

  ours = atlas_dataset_to_json (dataset);
  theirs = atlas_json_deep_copy (ours);
  root = json_node_get_object (theirs);
  json_object_set_string_member (json_array_get_object_element (json_object_get_array_member (root, "lenses"), 1),
                                 "name", "WCIT-12 treaty vote");
  subject = json_object_get_object_member (root, "subject");
  members = json_object_get_array_member (subject, "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    if (g_str_equal (json_array_get_string_element (members, i), "SE"))
      json_array_remove_element (members, i--);
  json_parser_load_from_data (parser, "[{\"date\": \"2014-06-01\", \"id\": \"SE\", \"change\": \"left\", "
                                      "\"source\": \"test\"}]", -1, &error);
  g_assert_no_error (error);
  json_object_set_member (subject, "member_changes", json_node_copy (json_parser_get_root (parser)));
  japan = partner_in (theirs, "JP");
  json_parser_load_from_data (parser, "{\"title\": \"Japan-EU cyber dialogue launched\", \"year\": 2014, \"url\": \"https://example.org/jp\"}", -1, &error);
  g_assert_no_error (error);
  json_array_add_element (json_object_get_array_member (japan, "documents"), json_node_copy (json_parser_get_root (parser)));

  /* An older event theirs recorded, and the US dialogues: the base had
   * them in another order than ours, theirs in a third. */
  json_parser_load_from_data (parser, "{\"date\": \"2013-01-15\", \"field\": \"dialogues\", \"old\": null, "
                                      "\"new\": null, \"source\": \"Delegation in Tokyo\"}", -1, &error);
  g_assert_no_error (error);
  json_array_add_element (json_object_get_array_member (japan, "history"), json_node_copy (json_parser_get_root (parser)));
  base = atlas_json_deep_copy (ours);
  rotate_dialogues (base, "US", 1);
  rotate_dialogues (theirs, "US", 2);

  merged = atlas_merge_json (base, ours, theirs, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_true (((AtlasConflict *) g_ptr_array_index (conflicts, 0))->order);
  review = atlas_review_window_new (GTK_WINDOW (window), stack, merged, conflicts, "colleague.atlas.json");
  gtk_window_present (GTK_WINDOW (review));
  atlas_test_wait_ms (200);

  lens_row = atlas_test_find_widget (review, GTK_TYPE_TOGGLE_BUTTON, "Accept Dataset: Lens WCIT-12 vote: name");
  member_row = atlas_test_find_widget (review, GTK_TYPE_TOGGLE_BUTTON, "Accept Dataset: Member left: Sweden");
  document_row = atlas_test_find_widget (review, GTK_TYPE_TOGGLE_BUTTON,
                                         "Accept Japan: Added: documents[\"Japan-EU cyber dialogue launched\" 2014]");
  history_row = atlas_test_find_widget (review, GTK_TYPE_TOGGLE_BUTTON,
                                        "Accept Japan: History entry: [2013-01-15 dialogues]");
  order_take = atlas_test_find_widget (review, GTK_TYPE_TOGGLE_BUTTON,
                                       "Take theirs for United States · Order of dialogues");
  g_assert_nonnull (history_row);
  g_assert_nonnull (order_take);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (order_take), TRUE);
  g_assert_nonnull (lens_row);
  g_assert_nonnull (member_row);
  g_assert_nonnull (document_row);
  /* Lenses too can be taken, and are by default. */
  g_assert_true (gtk_widget_get_sensitive (lens_row));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (lens_row)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (member_row)));
  if (g_getenv ("ATLAS_SHOTS_DIR") != NULL)
    {
      const int sizes[][2] = { { 1024, 768 }, { 1366, 768 }, { 1920, 1080 } };

      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autofree char *name = g_strdup_printf ("review-changes-%dx%d.png", sizes[i][0], sizes[i][1]);

          gtk_window_set_default_size (GTK_WINDOW (review), MIN (sizes[i][0], 900), MIN (sizes[i][1] - 60, 640));
          atlas_test_save_shot (review, name);
        }
    }

  /* The window shows the lens being renamed: it goes on showing it. */
  atlas_window_set_lens_id (window, "wcit_2012");
  g_assert_true (gtk_widget_activate_action (review, "review.apply", NULL));
  atlas_test_wait_ms (200);
  g_assert_null (atlas_test_find_toplevel (ATLAS_TYPE_REVIEW_WINDOW));

  g_assert_cmpstr (atlas_lens_get_name (atlas_dataset_find_lens (dataset, "wcit_2012")), ==, "WCIT-12 treaty vote");
  g_assert_cmpstr (atlas_window_get_lens_id (window), ==, "wcit_2012");
  g_assert_false (atlas_dataset_is_member (dataset, "SE"));
  g_assert_cmpuint (atlas_dataset_get_member_changes (dataset)->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_documents (atlas_dataset_find_partner (dataset, "JP"))),
                    ==, json_array_get_length (json_object_get_array_member (japan, "documents")));
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_history (atlas_dataset_find_partner (dataset, "JP"))),
                    ==, json_array_get_length (json_object_get_array_member (japan, "history")));
  {
    g_autoptr(AtlasDialogue) first = g_list_model_get_item (atlas_partner_get_dialogues (atlas_dataset_find_partner (dataset, "US")), 0);
    JsonArray *wanted = json_object_get_array_member (partner_in (theirs, "US"), "dialogues");

    g_assert_cmpstr (atlas_dialogue_get_name (first), ==,
                     json_object_get_string_member (json_array_get_object_element (wanted, 0), "name"));
  }

  /* One step, labelled as such, and undone whole. */
  g_assert_cmpstr (atlas_undo_stack_get_undo_label (stack), ==, "Undo Merged Changes");
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_false (atlas_undo_stack_get_can_undo (stack));
  {
    g_autofree char *after_undo = dataset_text (dataset);

    g_assert_cmpstr (after_undo, ==, before);
  }
  g_assert_cmpstr (atlas_lens_get_name (atlas_dataset_find_lens (dataset, "wcit_2012")), ==, "WCIT-12 vote");
  g_assert_cmpstr (atlas_window_get_lens_id (window), ==, "wcit_2012");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  atlas_test_init_gui (&argc, &argv);

  atlas_test_add_app_style ();

  g_test_add_func ("/review-window/settle-recorded-conflict", test_settle_recorded_conflict);
  g_test_add_func ("/review-window/apply-one-step", test_apply_one_step);

  return g_test_run ();
}
