/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The undo stack: each kind of command, coalescing, the modified state and
 * the history entries that indicator and assessment changes leave. */

#include "config.h"

#include "atlas-core.h"
#include "atlas-undo-stack.h"

typedef struct
{
  AtlasDataset   *dataset;
  AtlasPartner   *brazil;
  AtlasPartner   *japan;
  AtlasUndoStack *stack;
  guint           n_changed;
} Fixture;

static AtlasLens *
make_lens (void)
{
  AtlasLens *lens = atlas_lens_new ("cooperation_depth", "Cooperation depth", "", TRUE);
  const char *ids[] = { "strategic", "mature", "limited", "confidence-building" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(AtlasCategory) category = atlas_category_new (ids[i], ids[i], "", 0x112233 * (i + 1));

      atlas_lens_append_category (lens, category);
    }

  return lens;
}

static void
changed_cb (AtlasUndoStack *stack,
            Fixture        *fixture)
{
  fixture->n_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AtlasLens) lens = make_lens ();
  g_autoptr(AtlasHistoryEntry) old_entry = NULL;

  fixture->dataset = atlas_dataset_new ();
  atlas_dataset_append_lens (fixture->dataset, lens);

  fixture->brazil = atlas_partner_new ("BR", "Brazil");
  atlas_partner_set_indicator (fixture->brazil, "cooperation_depth", "limited");
  atlas_partner_set_assessment (fixture->brazil, "A swing state.");
  atlas_partner_set_updated (fixture->brazil, "2014-01-01");
  old_entry = atlas_history_entry_new ("2013-05-01", "indicators.cooperation_depth",
                                       "confidence-building", "limited", "the paper");
  g_list_store_append (atlas_partner_get_history_store (fixture->brazil), old_entry);
  atlas_dataset_add_partner (fixture->dataset, fixture->brazil);

  fixture->japan = atlas_partner_new ("JP", "Japan");
  atlas_partner_set_indicator (fixture->japan, "cooperation_depth", "mature");
  atlas_partner_set_updated (fixture->japan, "2014-01-01");
  atlas_dataset_add_partner (fixture->dataset, fixture->japan);

  fixture->stack = atlas_undo_stack_new (fixture->dataset);
  atlas_undo_stack_set_change_date (fixture->stack, "2024-03-01");
  atlas_undo_stack_set_change_source (fixture->stack, "a meeting");
  g_signal_connect (fixture->stack, "changed", G_CALLBACK (changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->stack);
  g_clear_object (&fixture->brazil);
  g_clear_object (&fixture->japan);
  g_clear_object (&fixture->dataset);
}

static guint
n_history (AtlasPartner *partner)
{
  return g_list_model_get_n_items (atlas_partner_get_history (partner));
}

static AtlasHistoryEntry *
last_history (AtlasPartner *partner)
{
  guint n = n_history (partner);

  g_assert_cmpuint (n, >, 0);
  /* The partner keeps it alive for the test's use. */
  g_object_unref (g_list_model_get_item (atlas_partner_get_history (partner), n - 1));
  return g_list_model_get_item (atlas_partner_get_history (partner), n - 1);
}

static void
test_indicator (Fixture       *fixture,
                gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;
  g_autoptr(AtlasPartner) before = atlas_partner_copy (fixture->brazil);
  g_autoptr(AtlasPartner) after = NULL;
  g_autoptr(AtlasHistoryEntry) entry = NULL;

  g_assert_false (atlas_undo_stack_get_can_undo (stack));
  g_assert_false (atlas_undo_stack_get_modified (stack));
  g_assert_null (atlas_undo_stack_get_undo_label (stack));

  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "mature");
  g_assert_cmpstr (atlas_partner_get_indicator (fixture->brazil, "cooperation_depth"), ==, "mature");
  g_assert_cmpstr (atlas_partner_get_updated (fixture->brazil), ==, "2024-03-01");
  g_assert_cmpuint (n_history (fixture->brazil), ==, 2);
  entry = last_history (fixture->brazil);
  g_assert_cmpstr (atlas_history_entry_get_date (entry), ==, "2024-03-01");
  g_assert_cmpstr (atlas_history_entry_get_field (entry), ==, "indicators.cooperation_depth");
  g_assert_cmpstr (atlas_history_entry_get_old_value (entry), ==, "limited");
  g_assert_cmpstr (atlas_history_entry_get_new_value (entry), ==, "mature");
  g_assert_cmpstr (atlas_history_entry_get_source (entry), ==, "a meeting");
  g_clear_object (&entry);

  g_assert_true (atlas_undo_stack_get_can_undo (stack));
  g_assert_false (atlas_undo_stack_get_can_redo (stack));
  g_assert_true (atlas_undo_stack_get_modified (stack));
  g_assert_cmpstr (atlas_undo_stack_get_undo_label (stack), ==, "Undo Change of Cooperation depth");
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  after = atlas_partner_copy (fixture->brazil);

  /* One command: indicator, history and date go back together. */
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_true (atlas_partner_equal (fixture->brazil, before));
  g_assert_false (atlas_undo_stack_get_modified (stack));
  g_assert_true (atlas_undo_stack_get_can_redo (stack));
  g_assert_cmpstr (atlas_undo_stack_get_redo_label (stack), ==, "Redo Change of Cooperation depth");
  g_assert_false (atlas_undo_stack_undo (stack));

  g_assert_true (atlas_undo_stack_redo (stack));
  g_assert_true (atlas_partner_equal (fixture->brazil, after));
  g_assert_true (atlas_undo_stack_get_modified (stack));
  g_assert_false (atlas_undo_stack_redo (stack));
  g_assert_cmpuint (fixture->n_changed, ==, 3);

  /* Setting the value it has is no command. */
  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "mature");
  g_assert_cmpuint (fixture->n_changed, ==, 3);
}

static void
test_indicator_clear (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AtlasHistoryEntry) entry = NULL;

  atlas_undo_stack_set_indicator (fixture->stack, fixture->japan, "cooperation_depth", NULL);
  g_assert_null (atlas_partner_get_indicator (fixture->japan, "cooperation_depth"));
  entry = last_history (fixture->japan);
  g_assert_cmpstr (atlas_history_entry_get_old_value (entry), ==, "mature");
  g_assert_null (atlas_history_entry_get_new_value (entry));

  atlas_undo_stack_undo (fixture->stack);
  g_assert_cmpstr (atlas_partner_get_indicator (fixture->japan, "cooperation_depth"), ==, "mature");
  g_assert_cmpuint (n_history (fixture->japan), ==, 0);
}

static void
test_history_update_and_revert (Fixture       *fixture,
                                gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;
  g_autoptr(AtlasHistoryEntry) entry = NULL;

  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "mature");
  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "strategic");
  /* The unsaved entry is updated, not doubled. */
  g_assert_cmpuint (n_history (fixture->brazil), ==, 2);
  entry = last_history (fixture->brazil);
  g_assert_cmpstr (atlas_history_entry_get_old_value (entry), ==, "limited");
  g_assert_cmpstr (atlas_history_entry_get_new_value (entry), ==, "strategic");
  g_clear_object (&entry);

  /* ...but each change is its own undo step. */
  atlas_undo_stack_undo (stack);
  entry = last_history (fixture->brazil);
  g_assert_cmpstr (atlas_history_entry_get_new_value (entry), ==, "mature");
  g_clear_object (&entry);
  atlas_undo_stack_redo (stack);

  /* Back to where it was: no entry left, and the date as it was. */
  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "limited");
  g_assert_cmpuint (n_history (fixture->brazil), ==, 1);
  g_assert_cmpstr (atlas_partner_get_updated (fixture->brazil), ==, "2014-01-01");
  entry = last_history (fixture->brazil);
  g_assert_cmpstr (atlas_history_entry_get_date (entry), ==, "2013-05-01");
  g_clear_object (&entry);

  /* A different field gets an entry of its own. */
  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "mature");
  atlas_undo_stack_set_assessment (stack, fixture->brazil, "A partner.");
  g_assert_cmpuint (n_history (fixture->brazil), ==, 3);
  entry = last_history (fixture->brazil);
  g_assert_cmpstr (atlas_history_entry_get_field (entry), ==, "assessment");
  g_assert_cmpstr (atlas_history_entry_get_old_value (entry), ==, "A swing state.");
  g_assert_cmpstr (atlas_history_entry_get_new_value (entry), ==, "A partner.");
}

static void
test_history_saved_entry_kept (Fixture       *fixture,
                               gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;
  g_autoptr(AtlasHistoryEntry) entry = NULL;

  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "mature");
  atlas_undo_stack_mark_saved (stack);
  /* The entry is on disk now: a new change appends. */
  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "strategic");
  g_assert_cmpuint (n_history (fixture->brazil), ==, 3);
  entry = last_history (fixture->brazil);
  g_assert_cmpstr (atlas_history_entry_get_old_value (entry), ==, "mature");
  g_assert_cmpstr (atlas_history_entry_get_new_value (entry), ==, "strategic");
  g_clear_object (&entry);

  /* The entry that came with the file is never rewritten either. */
  atlas_undo_stack_set_indicator (stack, fixture->japan, "cooperation_depth", "strategic");
  atlas_undo_stack_mark_saved (stack);
  atlas_undo_stack_set_indicator (stack, fixture->japan, "cooperation_depth", "mature");
  g_assert_cmpuint (n_history (fixture->japan), ==, 2);
}

static void
test_assessment_coalescing (Fixture       *fixture,
                            gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;
  g_autoptr(AtlasPartner) before = atlas_partner_copy (fixture->brazil);
  g_autoptr(AtlasHistoryEntry) entry = NULL;
  const char *typed[] = { "A swing state. N", "A swing state. No", "A swing state. Now" };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    atlas_undo_stack_set_assessment (stack, fixture->brazil, typed[i]);

  g_assert_cmpstr (atlas_partner_get_assessment (fixture->brazil), ==, "A swing state. Now");
  g_assert_cmpstr (atlas_undo_stack_get_undo_label (stack), ==, "Undo Assessment Edit");
  g_assert_cmpuint (n_history (fixture->brazil), ==, 2);
  entry = last_history (fixture->brazil);
  g_assert_cmpstr (atlas_history_entry_get_old_value (entry), ==, "A swing state.");
  g_assert_cmpstr (atlas_history_entry_get_new_value (entry), ==, "A swing state. Now");
  g_clear_object (&entry);

  /* One step undoes the sentence. */
  atlas_undo_stack_undo (stack);
  g_assert_true (atlas_partner_equal (fixture->brazil, before));
  g_assert_false (atlas_undo_stack_get_can_undo (stack));

  /* A break makes the next keystroke a new step. */
  atlas_undo_stack_set_assessment (stack, fixture->brazil, "A");
  atlas_undo_stack_break_coalescing (stack);
  atlas_undo_stack_set_assessment (stack, fixture->brazil, "AB");
  atlas_undo_stack_undo (stack);
  g_assert_cmpstr (atlas_partner_get_assessment (fixture->brazil), ==, "A");
  g_assert_true (atlas_undo_stack_get_can_undo (stack));

  /* Another partner's assessment does not merge into this one's. */
  atlas_undo_stack_set_assessment (stack, fixture->japan, "X");
  atlas_undo_stack_undo (stack);
  g_assert_cmpstr (atlas_partner_get_assessment (fixture->brazil), ==, "A");
  g_assert_cmpstr (atlas_partner_get_assessment (fixture->japan), ==, "");
}

static void
test_assessment_typed_back (Fixture       *fixture,
                            gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;
  g_autoptr(AtlasPartner) before = atlas_partner_copy (fixture->brazil);

  atlas_undo_stack_set_assessment (stack, fixture->brazil, "A swing state.!");
  atlas_undo_stack_set_assessment (stack, fixture->brazil, "A swing state.");
  /* Typed and deleted: nothing happened. */
  g_assert_true (atlas_partner_equal (fixture->brazil, before));
  g_assert_false (atlas_undo_stack_get_can_undo (stack));
  g_assert_false (atlas_undo_stack_get_modified (stack));
}

static void
test_edit_partner (Fixture       *fixture,
                   gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;
  g_autoptr(AtlasPartner) before = atlas_partner_copy (fixture->brazil);
  g_autoptr(AtlasPartner) state = atlas_partner_copy (fixture->brazil);
  g_autoptr(AtlasDocument) document = atlas_document_new ("Strategy");
  GListModel *documents = atlas_partner_get_documents (fixture->brazil);
  g_autoptr(AtlasDocument) live = NULL;

  g_list_store_append (atlas_partner_get_documents_store (state), document);
  atlas_undo_stack_edit_partner (stack, fixture->brazil, state, "Addition of a Document", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
  g_assert_cmpstr (atlas_undo_stack_get_undo_label (stack), ==, "Undo Addition of a Document");
  /* The partner holds its own copy, not the caller's object. */
  live = g_list_model_get_item (documents, 0);
  g_assert_true (live != document);

  /* Typing in the title: one step, merged by key. */
  atlas_document_set_title (document, "Strategy 2");
  atlas_undo_stack_edit_partner (stack, fixture->brazil, state, "Document Title Edit", "doc-title-0");
  atlas_document_set_title (document, "Strategy 20");
  atlas_undo_stack_edit_partner (stack, fixture->brazil, state, "Document Title Edit", "doc-title-0");
  g_assert_cmpstr (atlas_document_get_title (live), ==, "Strategy 20");
  /* The row kept its object: only the field changed. */
  g_assert_cmpstr (atlas_undo_stack_get_undo_label (stack), ==, "Undo Document Title Edit");

  atlas_undo_stack_undo (stack);
  g_assert_cmpstr (atlas_document_get_title (live), ==, "Strategy");
  atlas_undo_stack_undo (stack);
  g_assert_true (atlas_partner_equal (fixture->brazil, before));
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 0);
  g_assert_false (atlas_undo_stack_get_modified (stack));

  atlas_undo_stack_redo (stack);
  atlas_undo_stack_redo (stack);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
  g_clear_object (&live);
  live = g_list_model_get_item (documents, 0);
  g_assert_cmpstr (atlas_document_get_title (live), ==, "Strategy 20");
}

static void
test_add_remove_partner (Fixture       *fixture,
                         gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;
  g_autoptr(AtlasPartner) india = atlas_partner_new ("IN", "India");
  GListModel *partners = atlas_dataset_get_partners (fixture->dataset);
  g_autoptr(AtlasPartner) first = NULL;

  atlas_undo_stack_add_partner (stack, india, 0);
  g_assert_cmpuint (g_list_model_get_n_items (partners), ==, 3);
  first = g_list_model_get_item (partners, 0);
  g_assert_true (first == india);
  g_clear_object (&first);
  g_assert_nonnull (strstr (atlas_undo_stack_get_undo_label (stack), "Undo Addition of"));

  atlas_undo_stack_remove_partner (stack, fixture->brazil);
  g_assert_null (atlas_dataset_find_partner (fixture->dataset, "BR"));
  g_assert_true (atlas_undo_stack_undo (stack));
  /* Back at its place, the same object. */
  first = g_list_model_get_item (partners, 1);
  g_assert_true (first == fixture->brazil);
  g_clear_object (&first);

  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_cmpuint (g_list_model_get_n_items (partners), ==, 2);
  g_assert_null (atlas_dataset_find_partner (fixture->dataset, "IN"));
  g_assert_false (atlas_undo_stack_get_modified (stack));

  g_assert_true (atlas_undo_stack_redo (stack));
  g_assert_true (atlas_dataset_find_partner (fixture->dataset, "IN") == india);
}

static void
test_modified (Fixture       *fixture,
               gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;

  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "mature");
  atlas_undo_stack_set_indicator (stack, fixture->japan, "cooperation_depth", "strategic");
  atlas_undo_stack_mark_saved (stack);
  g_assert_false (atlas_undo_stack_get_modified (stack));

  /* Undoing past the save point is a change. */
  atlas_undo_stack_undo (stack);
  g_assert_true (atlas_undo_stack_get_modified (stack));
  atlas_undo_stack_redo (stack);
  g_assert_false (atlas_undo_stack_get_modified (stack));

  /* An edit right after saving does not merge into the saved state. */
  atlas_undo_stack_set_assessment (stack, fixture->japan, "A");
  g_assert_true (atlas_undo_stack_get_modified (stack));
  atlas_undo_stack_mark_saved (stack);
  atlas_undo_stack_set_assessment (stack, fixture->japan, "AB");
  g_assert_true (atlas_undo_stack_get_modified (stack));
  atlas_undo_stack_undo (stack);
  g_assert_false (atlas_undo_stack_get_modified (stack));

  /* Undo past the save, then a new edit: the saved state is out of reach. */
  atlas_undo_stack_undo (stack);
  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "limited");
  g_assert_true (atlas_undo_stack_get_modified (stack));
  while (atlas_undo_stack_undo (stack))
    g_assert_true (atlas_undo_stack_get_modified (stack));
  while (atlas_undo_stack_redo (stack))
    g_assert_true (atlas_undo_stack_get_modified (stack));

  /* Clearing keeps what is unsaved unsaved. */
  atlas_undo_stack_clear (stack);
  g_assert_true (atlas_undo_stack_get_modified (stack));
  g_assert_false (atlas_undo_stack_get_can_undo (stack));
  atlas_undo_stack_mark_saved (stack);
  g_assert_false (atlas_undo_stack_get_modified (stack));

  atlas_undo_stack_mark_unsaved (stack);
  g_assert_true (atlas_undo_stack_get_modified (stack));
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_redo_cleared (Fixture       *fixture,
                   gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;
  g_autoptr(GString) log = g_string_new (NULL);

  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "mature");
  atlas_undo_stack_undo (stack);
  g_assert_true (atlas_undo_stack_get_can_redo (stack));

  g_signal_connect (stack, "notify", G_CALLBACK (notify_cb), log);
  atlas_undo_stack_set_assessment (stack, fixture->brazil, "New.");
  g_assert_false (atlas_undo_stack_get_can_redo (stack));
  g_assert_null (atlas_undo_stack_get_redo_label (stack));
  g_assert_false (atlas_undo_stack_redo (stack));
  g_assert_cmpstr (atlas_partner_get_indicator (fixture->brazil, "cooperation_depth"), ==, "limited");
  /* Each property that changed said so, once. */
  g_assert_nonnull (strstr (log->str, "can-redo;"));
  g_assert_nonnull (strstr (log->str, "can-undo;"));
  g_assert_nonnull (strstr (log->str, "modified;"));
  g_assert_null (strstr (strstr (log->str, "can-redo;") + 1, "can-redo;"));
}

static void
test_change_date_default (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new ();
  g_autoptr(AtlasUndoStack) stack = atlas_undo_stack_new (dataset);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_assert_cmpstr (atlas_undo_stack_get_change_date (stack), ==, today);
  atlas_undo_stack_set_change_date (stack, "2020-02-02");
  g_assert_cmpstr (atlas_undo_stack_get_change_date (stack), ==, "2020-02-02");
  atlas_undo_stack_set_change_date (stack, NULL);
  g_assert_cmpstr (atlas_undo_stack_get_change_date (stack), ==, today);
  g_assert_null (atlas_undo_stack_get_change_source (stack));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
  atlas_core_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/undo-stack/indicator", test_indicator);
  ADD ("/undo-stack/indicator-clear", test_indicator_clear);
  ADD ("/undo-stack/history-update-and-revert", test_history_update_and_revert);
  ADD ("/undo-stack/history-saved-entry-kept", test_history_saved_entry_kept);
  ADD ("/undo-stack/assessment-coalescing", test_assessment_coalescing);
  ADD ("/undo-stack/assessment-typed-back", test_assessment_typed_back);
  ADD ("/undo-stack/edit-partner", test_edit_partner);
  ADD ("/undo-stack/add-remove-partner", test_add_remove_partner);
  ADD ("/undo-stack/modified", test_modified);
  ADD ("/undo-stack/redo-cleared", test_redo_cleared);
#undef ADD
  g_test_add_func ("/undo-stack/change-date-default", test_change_date_default);

  return g_test_run ();
}
