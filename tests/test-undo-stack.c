/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The undo stack: each kind of command, coalescing, the modified state and
 * the history entries that indicator and assessment changes leave. */

#include "config.h"

#include "atlas-core.h"
#include "atlas-diff.h"
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

/* The dataset's works cited, as the fixture's: "paper-2014" cited by both
 * partners, "uncited-2010" by none. */
static void
add_sources (Fixture *fixture)
{
  GListStore *sources = atlas_dataset_get_sources_store (fixture->dataset);
  g_autoptr(AtlasSource) paper = atlas_source_new ("paper-2014");
  g_autoptr(AtlasSource) uncited = atlas_source_new ("uncited-2010");
  g_autoptr(AtlasSourceRef) ref = atlas_source_ref_new ("paper-2014", "p. 3");

  atlas_source_set_title (paper, "The paper");
  atlas_source_set_author (paper, "Someone");
  atlas_source_set_year (paper, 2014);
  g_list_store_append (sources, paper);
  atlas_source_set_title (uncited, "Uncited");
  atlas_source_set_author (uncited, "Uncited");
  atlas_source_set_year (uncited, 2010);
  g_list_store_append (sources, uncited);

  g_list_store_append (atlas_partner_get_sources_store (fixture->brazil), ref);
  g_list_store_append (atlas_partner_get_sources_store (fixture->japan), ref);
}

/* A copy of the dataset's sources, to edit and hand over. */
static GListStore *
copy_dataset_sources (AtlasDataset *dataset)
{
  GListModel *sources = atlas_dataset_get_sources (dataset);
  GListStore *copy = g_list_store_new (ATLAS_TYPE_SOURCE);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (sources, i);
      g_autoptr(AtlasSource) source_copy = atlas_source_copy (source);

      g_list_store_append (copy, source_copy);
    }

  return copy;
}

static void
test_dataset_info (Fixture       *fixture,
                   gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;
  AtlasDataset *dataset = fixture->dataset;
  g_autoptr(GError) error = NULL;

  atlas_dataset_set_title (dataset, "Atlas");
  atlas_dataset_set_as_of (dataset, "2014-06-30");
  atlas_undo_stack_mark_saved (stack);

  /* Typing a title is one step. */
  g_assert_true (atlas_undo_stack_edit_dataset_info (stack, "Atlas 2", NULL, "Rename Dataset", "title", &error));
  g_assert_no_error (error);
  g_assert_true (atlas_undo_stack_edit_dataset_info (stack, "Atlas 20", NULL, "Rename Dataset", "title", NULL));
  g_assert_true (atlas_undo_stack_edit_dataset_info (stack, "Atlas 2024", NULL, "Rename Dataset", "title", NULL));
  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "Atlas 2024");
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, "2014-06-30");
  g_assert_true (atlas_undo_stack_get_modified (stack));
  g_assert_cmpstr (atlas_undo_stack_get_undo_label (stack), ==, "Undo Rename Dataset");
  g_assert_cmpuint (fixture->n_changed, ==, 3);

  /* A date is its own step, and must be one. */
  g_assert_false (atlas_undo_stack_edit_dataset_info (stack, NULL, "2024-02-30", NULL, NULL, &error));
  g_assert_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, "2014-06-30");
  g_assert_true (atlas_undo_stack_edit_dataset_info (stack, NULL, "2024-03-01", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, "2024-03-01");

  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, "2014-06-30");
  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "Atlas 2024");
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "Atlas");
  g_assert_false (atlas_undo_stack_get_modified (stack));
  g_assert_false (atlas_undo_stack_get_can_undo (stack));

  g_assert_true (atlas_undo_stack_redo (stack));
  g_assert_cmpstr (atlas_dataset_get_title (dataset), ==, "Atlas 2024");
  g_assert_true (atlas_undo_stack_get_modified (stack));
  g_assert_true (atlas_undo_stack_redo (stack));
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, "2024-03-01");

  /* Typed and deleted again: nothing to undo. */
  atlas_undo_stack_mark_saved (stack);
  atlas_undo_stack_break_coalescing (stack);
  atlas_undo_stack_edit_dataset_info (stack, "Atlas 2024!", NULL, NULL, "title", NULL);
  atlas_undo_stack_edit_dataset_info (stack, "Atlas 2024", NULL, NULL, "title", NULL);
  g_assert_true (atlas_undo_stack_get_can_undo (stack));
  g_assert_false (atlas_undo_stack_get_modified (stack));
}

static void
test_sources_edit (Fixture       *fixture,
                   gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;
  GListStore *store = atlas_dataset_get_sources_store (fixture->dataset);
  g_autoptr(GListStore) edited = NULL;
  g_autoptr(AtlasSource) added = NULL;
  g_autoptr(AtlasSource) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  add_sources (fixture);
  kept = g_list_model_get_item (G_LIST_MODEL (store), 0);
  atlas_undo_stack_mark_saved (stack);

  id = atlas_undo_stack_make_source_id (stack, "Council of Europe", 2022, NULL);
  g_assert_cmpstr (id, ==, "council-of-europe-2022");
  added = atlas_source_new (id);
  atlas_source_set_author (added, "Council of Europe");
  atlas_source_set_year (added, 2022);
  edited = copy_dataset_sources (fixture->dataset);
  g_list_store_append (edited, added);

  g_assert_true (atlas_undo_stack_edit_sources (stack, G_LIST_MODEL (edited), "Add Source", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_nonnull (atlas_dataset_find_source (fixture->dataset, "council-of-europe-2022"));
  /* The store and the rows that did not change are the same objects. */
  g_assert_true (atlas_dataset_get_sources_store (fixture->dataset) == store);
  g_assert_true (atlas_dataset_find_source (fixture->dataset, "paper-2014") == kept);
  /* A copy was taken: the caller's object is not in the dataset. */
  g_assert_true (atlas_dataset_find_source (fixture->dataset, "council-of-europe-2022") != added);
  g_assert_true (atlas_undo_stack_get_modified (stack));
  g_assert_cmpstr (atlas_undo_stack_get_undo_label (stack), ==, "Undo Add Source");

  /* The next one by the same author and year gets another id. */
  g_clear_pointer (&id, g_free);
  id = atlas_undo_stack_make_source_id (stack, "Council of Europe", 2022, NULL);
  g_assert_cmpstr (id, ==, "council-of-europe-2022-2");
  g_clear_pointer (&id, g_free);
  id = atlas_undo_stack_make_source_id (stack, "Council of Europe", 2022, "council-of-europe-2022");
  g_assert_cmpstr (id, ==, "council-of-europe-2022");
  g_clear_pointer (&id, g_free);
  id = atlas_undo_stack_make_source_id (stack, "  Ministère des Affaires étrangères ", 2015, NULL);
  g_assert_cmpstr (id, ==, "ministere-des-affaires-etrangeres-2015");
  g_clear_pointer (&id, g_free);
  id = atlas_undo_stack_make_source_id (stack, "", 0, NULL);
  g_assert_cmpstr (id, ==, "source");

  /* Typing a title is one step. */
  atlas_source_set_title (added, "P");
  g_list_store_splice (edited, 2, 1, (gpointer *) &added, 1);
  g_assert_true (atlas_undo_stack_edit_sources (stack, G_LIST_MODEL (edited), "Edit Source", "title", NULL));
  atlas_source_set_title (added, "Press release");
  g_assert_true (atlas_undo_stack_edit_sources (stack, G_LIST_MODEL (edited), "Edit Source", "title", NULL));
  {
    AtlasSource *live = atlas_dataset_find_source (fixture->dataset, "council-of-europe-2022");

    g_assert_cmpstr (atlas_source_get_title (live), ==, "Press release");
  }

  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_cmpstr (atlas_source_get_title (atlas_dataset_find_source (fixture->dataset,
                                                                      "council-of-europe-2022")), ==, "");
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_null (atlas_dataset_find_source (fixture->dataset, "council-of-europe-2022"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_false (atlas_undo_stack_get_modified (stack));

  g_assert_true (atlas_undo_stack_redo (stack));
  g_assert_true (atlas_undo_stack_redo (stack));
  g_assert_cmpstr (atlas_source_get_title (atlas_dataset_find_source (fixture->dataset,
                                                                      "council-of-europe-2022")), ==,
                   "Press release");
  g_assert_true (atlas_undo_stack_get_modified (stack));

  /* What the file would refuse is refused, and nothing changes. */
  atlas_source_set_url (added, "ftp://example.org/x");
  g_list_store_splice (edited, 2, 1, (gpointer *) &added, 1);
  g_assert_false (atlas_undo_stack_edit_sources (stack, G_LIST_MODEL (edited), NULL, NULL, &error));
  g_assert_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID);
  g_clear_error (&error);
  atlas_source_set_url (added, "https://www.coe.int/en/web/portal/-/press");
  atlas_source_set_id (added, "Council of Europe");
  g_list_store_splice (edited, 2, 1, (gpointer *) &added, 1);
  g_assert_false (atlas_undo_stack_edit_sources (stack, G_LIST_MODEL (edited), NULL, NULL, &error));
  g_assert_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID);
  g_clear_error (&error);
  atlas_source_set_id (added, "paper-2014");
  g_list_store_splice (edited, 2, 1, (gpointer *) &added, 1);
  g_assert_false (atlas_undo_stack_edit_sources (stack, G_LIST_MODEL (edited), NULL, NULL, &error));
  g_assert_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (atlas_source_get_url (atlas_dataset_find_source (fixture->dataset,
                                                                  "council-of-europe-2022")));
}

static void
test_sources_cited (Fixture       *fixture,
                    gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;
  GListModel *sources = atlas_dataset_get_sources (fixture->dataset);
  g_autoptr(GListStore) edited = NULL;
  g_autoptr(GPtrArray) citing = NULL;
  g_autoptr(GError) error = NULL;

  add_sources (fixture);

  citing = atlas_undo_stack_dup_citing_partners (stack, "paper-2014");
  g_assert_cmpuint (citing->len, ==, 2);
  g_assert_true (g_ptr_array_index (citing, 0) == fixture->brazil);
  g_assert_true (g_ptr_array_index (citing, 1) == fixture->japan);
  g_clear_pointer (&citing, g_ptr_array_unref);
  citing = atlas_undo_stack_dup_citing_partners (stack, "uncited-2010");
  g_assert_cmpuint (citing->len, ==, 0);

  /* Removing what partners cite is refused, naming them. */
  edited = copy_dataset_sources (fixture->dataset);
  g_list_store_remove (edited, 0);
  g_assert_false (atlas_undo_stack_edit_sources (stack, G_LIST_MODEL (edited), "Remove Source", NULL, &error));
  g_assert_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_CITED);
  g_assert_nonnull (strstr (error->message, "Brazil, Japan"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 2);
  g_assert_false (atlas_undo_stack_get_can_undo (stack));
  g_assert_false (atlas_undo_stack_get_modified (stack));
  g_assert_cmpuint (fixture->n_changed, ==, 0);

  /* So is renaming it, which would leave the references dangling. */
  g_clear_object (&edited);
  edited = copy_dataset_sources (fixture->dataset);
  {
    g_autoptr(AtlasSource) first = g_list_model_get_item (G_LIST_MODEL (edited), 0);

    atlas_source_set_id (first, "paper");
  }
  g_assert_false (atlas_undo_stack_edit_sources (stack, G_LIST_MODEL (edited), NULL, NULL, &error));
  g_assert_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_CITED);
  g_clear_error (&error);

  /* What nobody cites can go, and come back. */
  g_clear_object (&edited);
  edited = copy_dataset_sources (fixture->dataset);
  g_list_store_remove (edited, 1);
  g_assert_true (atlas_undo_stack_edit_sources (stack, G_LIST_MODEL (edited), "Remove Source", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (atlas_dataset_find_source (fixture->dataset, "uncited-2010"));
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_nonnull (atlas_dataset_find_source (fixture->dataset, "uncited-2010"));
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 2);
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

static char *
dataset_text (AtlasDataset *dataset)
{
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (dataset);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
assert_text (AtlasDataset *dataset,
             const char   *expected)
{
  g_autofree char *text = dataset_text (dataset);

  g_assert_cmpstr (text, ==, expected);
}

/* A whole other state (what Review Changes applies) in one undo step:
 * partners edited, removed and reordered, a lens renamed, the subject, the
 * title and an unknown member; partners that stay keep their objects. */
static void
test_replace_dataset (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasUndoStack) stack = atlas_undo_stack_new (dataset);
  g_autofree char *before = dataset_text (dataset);
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) tree = atlas_dataset_to_json (dataset);
  JsonObject *root = json_node_get_object (tree);
  JsonArray *partners = json_object_get_array_member (root, "partners");
  JsonObject *lens = json_array_get_object_element (json_object_get_array_member (root, "lenses"), 0);
  guint n = json_array_get_length (partners);
  g_autoptr(JsonArray) reordered = json_array_new ();
  g_autoptr(AtlasDataset) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasPartner) first = g_list_model_get_item (atlas_dataset_get_partners (dataset), 0);
  g_autoptr(AtlasPartner) last = g_list_model_get_item (atlas_dataset_get_partners (dataset), n - 1);
  g_autoptr(AtlasLens) old_lens = g_list_model_get_item (atlas_dataset_get_lenses (dataset), 0);
  g_autoptr(AtlasLens) other_lens = g_list_model_get_item (atlas_dataset_get_lenses (dataset), 1);
  g_autoptr(AtlasLens) new_lens = NULL;
  g_autofree char *first_id = g_strdup (atlas_partner_get_id (first));

  g_assert_cmpuint (n, >, 3);
  json_object_set_string_member (json_array_get_object_element (partners, 0), "assessment", "Merged view.");
  /* The last partner goes, the first two swap. */
  json_array_add_element (reordered, json_node_copy (json_array_get_element (partners, 1)));
  json_array_add_element (reordered, json_node_copy (json_array_get_element (partners, 0)));
  for (guint i = 2; i + 1 < n; i++)
    json_array_add_element (reordered, json_node_copy (json_array_get_element (partners, i)));
  json_object_set_array_member (root, "partners", json_array_ref (reordered));
  json_object_set_string_member (lens, "name", "Renamed lens");
  json_object_set_string_member (root, "title", "Merged title");
  json_object_set_string_member (json_object_get_object_member (root, "subject"), "name", "The Union");
  json_object_set_string_member (root, "x_desk", "Lisbon");
  state = atlas_dataset_from_json (tree, "state", NULL, &error);
  g_assert_no_error (error);
  after = dataset_text (state);

  g_assert_true (atlas_undo_stack_replace_dataset (stack, state, "Merged Changes"));
  assert_text (dataset, after);
  g_assert_cmpstr (atlas_undo_stack_get_undo_label (stack), ==, "Undo Merged Changes");
  g_assert_true (atlas_undo_stack_get_modified (stack));
  /* The same objects, in their new places. */
  g_assert_true (atlas_dataset_find_partner (dataset, first_id) == first);
  g_assert_cmpstr (atlas_partner_get_assessment (first), ==, "Merged view.");
  g_assert_null (atlas_dataset_find_partner (dataset, atlas_partner_get_id (last)));
  new_lens = g_list_model_get_item (atlas_dataset_get_lenses (dataset), 0);
  g_assert_true (new_lens != old_lens);
  g_assert_cmpstr (atlas_lens_get_name (new_lens), ==, "Renamed lens");
  g_clear_object (&new_lens);
  new_lens = g_list_model_get_item (atlas_dataset_get_lenses (dataset), 1);
  g_assert_true (new_lens == other_lens);
  g_clear_object (&new_lens);

  /* One step back, all of it. */
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_false (atlas_undo_stack_get_can_undo (stack));
  assert_text (dataset, before);
  g_assert_false (atlas_undo_stack_get_modified (stack));
  g_assert_true (atlas_dataset_find_partner (dataset, atlas_partner_get_id (last)) == last);
  new_lens = g_list_model_get_item (atlas_dataset_get_lenses (dataset), 0);
  g_assert_true (new_lens == old_lens);

  g_assert_true (atlas_undo_stack_redo (stack));
  assert_text (dataset, after);

  /* Nothing to do: no step. */
  g_assert_false (atlas_undo_stack_replace_dataset (stack, state, "Merged Changes"));
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_false (atlas_undo_stack_get_can_undo (stack));
}

/* A source given after the change fills the partner's entries of this
 * session that have none, never a saved entry nor another partner's, as
 * one undo step. */
static void
test_missing_sources (Fixture       *fixture,
                      gconstpointer  data)
{
  AtlasUndoStack *stack = fixture->stack;
  g_autoptr(AtlasHistoryEntry) entry = NULL;
  g_autoptr(AtlasHistoryEntry) saved = NULL;

  atlas_undo_stack_set_change_source (stack, NULL);
  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "mature");
  atlas_undo_stack_set_indicator (stack, fixture->japan, "cooperation_depth", "strategic");
  entry = last_history (fixture->brazil);
  g_assert_cmpstr (atlas_history_entry_get_source (entry), ==, "");
  g_clear_object (&entry);
  g_assert_false (atlas_undo_stack_fill_missing_sources (stack, fixture->brazil));

  atlas_undo_stack_set_change_source (stack, "Council conclusions");
  g_assert_true (atlas_undo_stack_fill_missing_sources (stack, fixture->brazil));
  entry = last_history (fixture->brazil);
  g_assert_cmpstr (atlas_history_entry_get_source (entry), ==, "Council conclusions");
  g_clear_object (&entry);
  saved = g_list_model_get_item (atlas_partner_get_history (fixture->brazil), 0);
  g_assert_cmpstr (atlas_history_entry_get_source (saved), ==, "the paper");
  entry = last_history (fixture->japan);
  g_assert_cmpstr (atlas_history_entry_get_source (entry), ==, "");
  g_clear_object (&entry);
  /* Nothing left to fill */
  g_assert_false (atlas_undo_stack_fill_missing_sources (stack, fixture->brazil));

  g_assert_cmpstr (atlas_undo_stack_get_undo_label (stack), ==, "Undo Addition of a Source");
  g_assert_true (atlas_undo_stack_undo (stack));
  entry = last_history (fixture->brazil);
  g_assert_cmpstr (atlas_history_entry_get_source (entry), ==, "");
  g_assert_cmpstr (atlas_history_entry_get_new_value (entry), ==, "mature");
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
  ADD ("/undo-stack/dataset-info", test_dataset_info);
  ADD ("/undo-stack/sources-edit", test_sources_edit);
  ADD ("/undo-stack/sources-cited", test_sources_cited);
  ADD ("/undo-stack/missing-sources", test_missing_sources);
#undef ADD
  g_test_add_func ("/undo-stack/change-date-default", test_change_date_default);
  g_test_add_func ("/undo-stack/replace-dataset", test_replace_dataset);

  return g_test_run ();
}
