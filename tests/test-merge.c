/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Diff and three-way merge of datasets (no display). Each case edits the
 * bundled dataset's JSON tree, the form the merge works on, and checks
 * the result through the loader like any save. */

#include "config.h"

#include <string.h>

#include "atlas-core.h"
#include "atlas-diff.h"
#include "atlas-merge.h"
#include "atlas-review.h"
#include "atlas-test-util.h"

/* Trees */

/* The paper's dataset as it stood (tests/data/paper-2014.json): the
 * bundled one moves on with the facts. */
static JsonNode *
bundled_tree (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_test_load_paper ();

  return atlas_dataset_to_json (dataset);
}

static JsonNode *
deep_copy (JsonNode *node)
{
  return atlas_json_deep_copy (node);
}

static JsonObject *
root_of (JsonNode *tree)
{
  return json_node_get_object (tree);
}

static JsonObject *
partner_of (JsonNode   *tree,
            const char *id)
{
  JsonArray *partners = json_object_get_array_member (root_of (tree), "partners");

  for (guint i = 0; i < json_array_get_length (partners); i++)
    {
      JsonObject *partner = json_array_get_object_element (partners, i);

      if (g_str_equal (json_object_get_string_member (partner, "id"), id))
        return partner;
    }
  g_assert_not_reached ();
}

static JsonObject *
entry_of (JsonNode   *tree,
          const char *id,
          const char *list,
          guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (partner_of (tree, id), list), index);
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
append_parsed (JsonArray  *array,
               const char *json)
{
  json_array_add_element (array, parse (json));
}

static void
add_history (JsonNode   *tree,
             const char *id,
             const char *date,
             const char *field,
             const char *old_value,
             const char *new_value)
{
  g_autofree char *json = g_strdup_printf ("{\"date\": \"%s\", \"field\": \"%s\", \"old\": \"%s\", "
                                           "\"new\": \"%s\", \"source\": \"test\"}",
                                           date, field, old_value, new_value);

  append_parsed (json_object_get_array_member (partner_of (tree, id), "history"), json);
}

/* An indicator change the way the editor makes it: the value and its
 * history entry. */
static void
change_indicator (JsonNode   *tree,
                  const char *id,
                  const char *lens,
                  const char *value,
                  const char *date)
{
  JsonObject *indicators = json_object_get_object_member (partner_of (tree, id), "indicators");
  g_autofree char *old_value = g_strdup (json_object_get_string_member (indicators, lens));
  g_autofree char *field = g_strconcat ("indicators.", lens, NULL);

  json_object_set_string_member (indicators, lens, value);
  add_history (tree, id, date, field, old_value, value);
}

static char *
tree_to_text (JsonNode *tree)
{
  g_autoptr(GString) out = g_string_new (NULL);

  atlas_json_append_escaped (out, tree);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_tree_equal (JsonNode *a,
                   JsonNode *b)
{
  if (!json_node_equal (a, b))
    {
      g_autofree char *ta = tree_to_text (a);
      g_autofree char *tb = tree_to_text (b);

      g_assert_cmpstr (ta, ==, tb);
    }
}

/* The merged tree loads: what a merge writes is a valid dataset. */
static AtlasDataset *
assert_valid (JsonNode *tree)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  AtlasDataset *dataset = atlas_dataset_from_json (tree, "merged", &problems, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  return dataset;
}

static gboolean
has_change (GPtrArray       *changes,
            AtlasDiffKind  kind,
            const char      *path)
{
  for (guint i = 0; i < changes->len; i++)
    {
      AtlasDiffChange *change = g_ptr_array_index (changes, i);

      if (change->kind == kind && g_str_equal (change->path, path))
        return TRUE;
    }
  return FALSE;
}

/* Every kind of field, on each side */

typedef void (*EditFunc) (JsonNode *tree);

typedef struct
{
  const char      *name;
  EditFunc         edit;
  AtlasDiffKind  kind;  /* what the diff from the original to the edit says */
  const char      *path;
} FieldCase;

static void
edit_indicator (JsonNode *tree)
{
  change_indicator (tree, "JP", "budapest_convention", "signatory", "2014-05-01");
}

static void
edit_indicator_removed (JsonNode *tree)
{
  json_object_remove_member (json_object_get_object_member (partner_of (tree, "KR"), "indicators"),
                             "wcit_2012");
}

static void
edit_assessment (JsonNode *tree)
{
  JsonObject *partner = partner_of (tree, "CN");
  g_autofree char *old_value = g_strdup (json_object_get_string_member (partner, "assessment"));

  json_object_set_string_member (partner, "assessment", "A new assessment.");
  add_history (tree, "CN", "2014-06-01", "assessment", old_value, "A new assessment.");
}

static void
edit_document_added (JsonNode *tree)
{
  append_parsed (json_object_get_array_member (partner_of (tree, "BR"), "documents"),
                 "{\"title\": \"Marco Civil da Internet\", \"year\": 2014, \"url\": null}");
}

static void
edit_document_field (JsonNode *tree)
{
  json_object_set_string_member (entry_of (tree, "JP", "documents", 0), "url", "https://example.org/jp");
}

static void
edit_dialogue_added (JsonNode *tree)
{
  append_parsed (json_object_get_array_member (partner_of (tree, "ZA"), "dialogues"),
                 "{\"name\": \"Cyber consultations\", \"frequency\": null, \"level\": \"expert\", "
                 "\"established\": null, \"status\": \"planned\"}");
}

static void
edit_dialogue_field (JsonNode *tree)
{
  json_object_set_string_member (entry_of (tree, "US", "dialogues", 1), "status", "dormant");
}

static void
edit_agreement_added (JsonNode *tree)
{
  append_parsed (json_object_get_array_member (partner_of (tree, "CA"), "agreements"),
                 "{\"kind\": \"other\", \"title\": \"Cyber arrangement\", \"signed\": null, "
                 "\"in_force\": null, \"status\": \"envisaged\"}");
}

static void
edit_agreement_field (JsonNode *tree)
{
  json_object_set_string_member (entry_of (tree, "RU", "agreements", 0), "status", "on-hold");
}

static void
edit_source_ref (JsonNode *tree)
{
  append_parsed (json_object_get_array_member (partner_of (tree, "MX"), "sources"),
                 "{\"id\": \"renard-2014\", \"locator\": \"p. 99\"}");
}

static void
edit_history (JsonNode *tree)
{
  add_history (tree, "IN", "2014-02-01", "dialogues", "none", "Cyber dialogue");
}

static void
edit_title (JsonNode *tree)
{
  json_object_set_string_member (root_of (tree), "title", "Another title");
}

static void
edit_as_of (JsonNode *tree)
{
  json_object_set_string_member (root_of (tree), "as_of", "2014-07-31");
}

static void
edit_works_cited (JsonNode *tree)
{
  append_parsed (json_object_get_array_member (root_of (tree), "sources"),
                 "{\"id\": \"coe-2001\", \"title\": \"Convention on Cybercrime\", "
                 "\"author\": \"Council of Europe\", \"year\": 2001, \"url\": null}");
}

static void
edit_lens (JsonNode *tree)
{
  JsonObject *lens = json_array_get_object_element (json_object_get_array_member (root_of (tree), "lenses"), 1);

  json_object_set_string_member (json_array_get_object_element (json_object_get_array_member (lens, "categories"), 0),
                                 "name", "Signed it");
}

static void
edit_members (JsonNode *tree)
{
  JsonObject *subject = json_object_get_object_member (root_of (tree), "subject");
  JsonArray *members = json_object_get_array_member (subject, "members");
  JsonArray *without_gb = json_array_new ();

  for (guint i = 0; i < json_array_get_length (members); i++)
    if (!g_str_equal (json_array_get_string_element (members, i), "GB"))
      json_array_add_string_element (without_gb, json_array_get_string_element (members, i));
  json_object_set_array_member (subject, "members", without_gb);
}

static void
edit_partner_removed (JsonNode *tree)
{
  JsonArray *partners = json_object_get_array_member (root_of (tree), "partners");

  json_array_remove_element (partners, json_array_get_length (partners) - 1);
}

static void
edit_unknown_key (JsonNode *tree)
{
  json_object_set_string_member (partner_of (tree, "US"), "x_desk_note", "kept");
}

static const FieldCase field_cases[] = {
  { "indicator", edit_indicator, ATLAS_DIFF_CHANGED, "partners[JP].indicators.budapest_convention" },
  { "indicator-removed", edit_indicator_removed, ATLAS_DIFF_REMOVED, "partners[KR].indicators.wcit_2012" },
  { "assessment", edit_assessment, ATLAS_DIFF_CHANGED, "partners[CN].assessment" },
  { "document", edit_document_added, ATLAS_DIFF_ADDED, "partners[BR].documents[\"Marco Civil da Internet\" 2014]" },
  { "document-field", edit_document_field, ATLAS_DIFF_CHANGED, NULL },
  { "dialogue", edit_dialogue_added, ATLAS_DIFF_ADDED, "partners[ZA].dialogues[\"Cyber consultations\"]" },
  { "dialogue-field", edit_dialogue_field, ATLAS_DIFF_CHANGED, NULL },
  { "agreement", edit_agreement_added, ATLAS_DIFF_ADDED, "partners[CA].agreements[other \"Cyber arrangement\"]" },
  { "agreement-field", edit_agreement_field, ATLAS_DIFF_CHANGED, NULL },
  { "source-reference", edit_source_ref, ATLAS_DIFF_ADDED, "partners[MX].sources[renard-2014 \"p. 99\"]" },
  { "history", edit_history, ATLAS_DIFF_ADDED, "partners[IN].history[2014-02-01 dialogues]" },
  { "title", edit_title, ATLAS_DIFF_CHANGED, "title" },
  { "as-of", edit_as_of, ATLAS_DIFF_CHANGED, "as_of" },
  { "works-cited", edit_works_cited, ATLAS_DIFF_ADDED, "sources[coe-2001]" },
  { "lens", edit_lens, ATLAS_DIFF_CHANGED, "lenses[wcit_2012].categories[signed].name" },
  { "members", edit_members, ATLAS_DIFF_REMOVED, "subject.members[GB]" },
  { "partner", edit_partner_removed, ATLAS_DIFF_REMOVED, "partners[RU]" },
  { "unknown-key", edit_unknown_key, ATLAS_DIFF_ADDED, "partners[US].x_desk_note" },
};

static AtlasDiffKind
reverse_kind (AtlasDiffKind kind)
{
  return kind == ATLAS_DIFF_ADDED ? ATLAS_DIFF_REMOVED
       : kind == ATLAS_DIFF_REMOVED ? ATLAS_DIFF_ADDED : kind;
}

static void
check_one_side (JsonNode *base,
                JsonNode *edited)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;

  /* Ours changed, theirs did not. */
  merged = atlas_merge_json (base, edited, base, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  assert_tree_equal (merged, edited);
  g_clear_pointer (&merged, json_node_unref);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* Theirs changed, ours did not. */
  merged = atlas_merge_json (base, base, edited, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  assert_tree_equal (merged, edited);
  dataset = assert_valid (merged);
  g_clear_pointer (&merged, json_node_unref);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* The same change on both sides, taken once. */
  merged = atlas_merge_json (base, edited, edited, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  assert_tree_equal (merged, edited);
}

static void
test_field (gconstpointer data)
{
  const FieldCase *c = data;
  g_autoptr(JsonNode) original = bundled_tree ();
  g_autoptr(JsonNode) edited = deep_copy (original);
  g_autoptr(GPtrArray) forward = NULL;
  g_autoptr(GPtrArray) backward = NULL;

  c->edit (edited);
  g_assert_false (json_node_equal (original, edited));

  /* The edit and its reverse (added and removed, changed both ways). */
  check_one_side (original, edited);
  check_one_side (edited, original);

  forward = atlas_diff_json (original, edited);
  backward = atlas_diff_json (edited, original);
  g_assert_cmpuint (forward->len, >, 0);
  for (guint i = 0; i < forward->len; i++)
    g_assert_cmpint (((AtlasDiffChange *) g_ptr_array_index (forward, i))->kind, !=, ATLAS_DIFF_MOVED);
  if (c->path != NULL)
    {
      g_assert_true (has_change (forward, c->kind, c->path));
      g_assert_true (has_change (backward, reverse_kind (c->kind), c->path));
    }
  else
    g_assert_cmpint (((AtlasDiffChange *) g_ptr_array_index (forward, 0))->kind, ==, c->kind);

  /* The diff, applied to the original, gives the edit. */
  for (guint i = 0; i < forward->len; i++)
    {
      g_autoptr(GError) error = NULL;

      atlas_diff_change_apply (g_ptr_array_index (forward, i), original, &error);
      g_assert_no_error (error);
    }
  assert_tree_equal (original, edited);
}

/* Three-way merges, a case a row: what base, ours and theirs do to the
 * paper's dataset (base's edit is made before the copies), the conflicts
 * the merge reports, and what else the case checks of the result. */

typedef struct _MergeCase MergeCase;

struct _MergeCase
{
  const char *name;
  EditFunc    base_edit;
  EditFunc    ours_edit;
  EditFunc    theirs_edit;
  guint       n_conflicts;
  /* The conflict's path, or its whole line with " ours " in it */
  const char *conflict;
  /* The result is the base with both sides' edits */
  gboolean    both_edits;
  /* The merge only has to not invent a conflict: a history that did not
   * chain before stays as it was, so the result does not load cleanly */
  gboolean    skip_load;
  void      (*check) (const MergeCase *c,
                      JsonNode        *base,
                      JsonNode        *ours,
                      JsonNode        *merged,
                      GPtrArray       *conflicts);
};

static void
edit_both_sides_ours (JsonNode *tree)
{
  edit_document_field (tree);
  edit_title (tree);
}

static void
edit_both_sides_theirs (JsonNode *tree)
{
  edit_dialogue_field (tree);
  edit_members (tree);
  edit_document_added (tree);
}

static void
edit_reverse_dialogues (JsonNode *tree)
{
  JsonArray *dialogues = json_object_get_array_member (partner_of (tree, "US"), "dialogues");
  JsonArray *reversed = json_array_new ();

  for (guint i = json_array_get_length (dialogues); i > 0; i--)
    json_array_add_element (reversed, json_node_copy (json_array_get_element (dialogues, i - 1)));
  json_object_set_array_member (partner_of (tree, "US"), "dialogues", reversed);
}

static void
edit_first_dialogue_dormant (JsonNode *tree)
{
  json_object_set_string_member (entry_of (tree, "US", "dialogues", 0), "status", "dormant");
}

static void
edit_first_dialogue_dormant_and_last (JsonNode *tree)
{
  JsonArray *dialogues = json_object_get_array_member (partner_of (tree, "US"), "dialogues");

  edit_first_dialogue_dormant (tree);
  json_array_add_element (dialogues, json_node_copy (json_array_get_element (dialogues, 0)));
  json_array_remove_element (dialogues, 0);
}

/* A reordering is a move; one side's reordering is taken with the other
 * side's edits. */
static void
check_reorder (const MergeCase *c,
               JsonNode        *base,
               JsonNode        *ours,
               JsonNode        *merged,
               GPtrArray       *conflicts)
{
  g_autoptr(GPtrArray) changes = atlas_diff_json (base, ours);
  guint n = json_array_get_length (json_object_get_array_member (partner_of (ours, "US"), "dialogues"));
  JsonObject *last = entry_of (merged, "US", "dialogues", n - 1);

  g_assert_cmpuint (changes->len, ==, n - 1);
  for (guint i = 0; i < changes->len; i++)
    g_assert_cmpint (((AtlasDiffChange *) g_ptr_array_index (changes, i))->kind, ==, ATLAS_DIFF_MOVED);
  /* Theirs edited the entry that ours moved to the end. */
  g_assert_cmpstr (json_object_get_string_member (last, "name"), ==,
                   json_object_get_string_member (entry_of (base, "US", "dialogues", 0), "name"));
  g_assert_cmpstr (json_object_get_string_member (last, "status"), ==, "dormant");
}

static void
edit_jp_budapest_signatory_january (JsonNode *tree)
{
  change_indicator (tree, "JP", "budapest_convention", "signatory", "2014-01-10");
}

static void
edit_jp_budapest_party_may (JsonNode *tree)
{
  change_indicator (tree, "JP", "budapest_convention", "party", "2014-05-01");
}

static void
edit_jp_budapest_pending_april_and_title (JsonNode *tree)
{
  change_indicator (tree, "JP", "budapest_convention", "pending", "2014-04-01");
  edit_title (tree);
}

/* The example, word for word, and what the file keeps of it. */
static void
check_conflict_value (const MergeCase *c,
                      JsonNode        *base,
                      JsonNode        *ours,
                      JsonNode        *merged,
                      GPtrArray       *conflicts)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasDataset) reloaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *history;

  /* Ours for the field, with ours' history of it; theirs' other edit taken. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (partner_of (merged, "JP"), "indicators"),
                                                  "budapest_convention"), ==, "party");
  history = json_object_get_array_member (partner_of (merged, "JP"), "history");
  g_assert_cmpuint (json_array_get_length (history), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 1), "new"), ==, "party");
  g_assert_cmpstr (json_object_get_string_member (root_of (merged), "title"), ==, "Another title");

  /* The file records the conflict for the app. */
  dataset = assert_valid (merged);
  bytes = atlas_dataset_to_bytes (dataset);
  reloaded = atlas_dataset_load_bytes (bytes, "merged", NULL, &error);
  g_assert_no_error (error);
  kept = atlas_dataset_dup_merge_conflicts (reloaded);
  g_assert_cmpuint (kept->len, ==, 1);
  g_assert_cmpstr (((AtlasConflict *) g_ptr_array_index (kept, 0))->path, ==,
                   "partners[JP].indicators.budapest_convention");
  g_assert_cmpstr (json_node_get_string (((AtlasConflict *) g_ptr_array_index (kept, 0))->theirs), ==, "pending");
  atlas_dataset_clear_merge_conflicts (reloaded);
  g_clear_pointer (&kept, g_ptr_array_unref);
  kept = atlas_dataset_dup_merge_conflicts (reloaded);
  g_assert_cmpuint (kept->len, ==, 0);
}

static void
edit_remove_ru_agreement (JsonNode *tree)
{
  json_array_remove_element (json_object_get_array_member (partner_of (tree, "RU"), "agreements"), 0);
}

/* One side removed an entry the other changed: ours, removed. */
static void
check_remove_change (const MergeCase *c,
                     JsonNode        *base,
                     JsonNode        *ours,
                     JsonNode        *merged,
                     GPtrArray       *conflicts)
{
  AtlasConflict *conflict = g_ptr_array_index (conflicts, 0);

  g_assert_true (g_str_has_prefix (conflict->path, "partners[RU].agreements["));
  g_assert_cmpstr (conflict->partner_id, ==, "RU");
  g_assert_cmpstr (conflict->field, ==, "agreements");
  g_assert_null (conflict->ours);
  g_assert_nonnull (conflict->theirs);
  g_assert_nonnull (conflict->base);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (partner_of (merged, "RU"), "agreements")), ==,
                    json_array_get_length (json_object_get_array_member (partner_of (ours, "RU"), "agreements")));
}

static void
edit_document_added_with_link (JsonNode *tree)
{
  edit_document_added (tree);
  json_object_set_string_member (json_array_get_object_element (json_object_get_array_member (partner_of (tree, "BR"), "documents"), 0),
                                 "url", "https://example.org/marco-civil");
}

/* Both sides added the same document with different links: no base. */
static void
check_both_added (const MergeCase *c,
                  JsonNode        *base,
                  JsonNode        *ours,
                  JsonNode        *merged,
                  GPtrArray       *conflicts)
{
  g_assert_null (((AtlasConflict *) g_ptr_array_index (conflicts, 0))->base);
}

static void
edit_jp_wcit_and_depth (JsonNode *tree)
{
  change_indicator (tree, "JP", "wcit_2012", "signed", "2014-03-01");
  change_indicator (tree, "JP", "cooperation_depth", "strategic", "2014-06-01");
}

/* History of both sides, united in date order. */
static void
check_history_union (const MergeCase *c,
                     JsonNode        *base,
                     JsonNode        *ours,
                     JsonNode        *merged,
                     GPtrArray       *conflicts)
{
  JsonArray *history = json_object_get_array_member (partner_of (merged, "JP"), "history");

  g_assert_cmpuint (json_array_get_length (history), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 0), "date"), ==, "2014-03-01");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 1), "date"), ==, "2014-05-01");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 2), "date"), ==, "2014-06-01");
}

static void
edit_ca_party_may (JsonNode *tree)
{
  change_indicator (tree, "CA", "budapest_convention", "party", "2014-05-01");
}

static void
edit_ca_party_april (JsonNode *tree)
{
  change_indicator (tree, "CA", "budapest_convention", "party", "2014-04-01");
}

/* The same change on both sides but on different dates: the values agree,
 * the histories do not chain. The field is a conflict, ours kept. */
static void
check_history_chain (const MergeCase *c,
                     JsonNode        *base,
                     JsonNode        *ours,
                     JsonNode        *merged,
                     GPtrArray       *conflicts)
{
  JsonArray *history = json_object_get_array_member (partner_of (merged, "CA"), "history");

  g_assert_cmpuint (json_array_get_length (history), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 0), "date"), ==, "2014-05-01");
}

static void
edit_jp_broken_history (JsonNode *tree)
{
  add_history (tree, "JP", "2014-01-01", "assessment", "Before.", "After.");
}

static void
edit_jp_first_dialogue_dormant (JsonNode *tree)
{
  json_object_set_string_member (entry_of (tree, "JP", "dialogues", 0), "status", "dormant");
}

static void
edit_team_desk (JsonNode *tree)
{
  json_object_set_string_member (root_of (tree), "x_team", "desk");
}

static void
edit_unknown_keys_theirs (JsonNode *tree)
{
  json_object_set_string_member (root_of (tree), "x_team", "delegation");
  json_object_set_int_member (entry_of (tree, "JP", "documents", 0), "x_pages", 12);
}

/* Keys this app does not know survive, merged like the others. */
static void
check_unknown_keys (const MergeCase *c,
                    JsonNode        *base,
                    JsonNode        *ours,
                    JsonNode        *merged,
                    GPtrArray       *conflicts)
{
  g_autoptr(AtlasDataset) dataset = assert_valid (merged);
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (dataset);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_nonnull (strstr (text, "\"x_team\": \"delegation\""));
  g_assert_nonnull (strstr (text, "\"x_desk_note\": \"kept\""));
  g_assert_nonnull (strstr (text, "\"x_pages\": 12"));
}

static void
edit_dates_ours (JsonNode *tree)
{
  json_object_set_string_member (partner_of (tree, "JP"), "updated", "2014-05-02");
  json_object_set_string_member (root_of (tree), "as_of", "2014-09-01");
}

static void
edit_dates_theirs (JsonNode *tree)
{
  json_object_set_string_member (partner_of (tree, "JP"), "updated", "2014-05-20");
  json_object_set_string_member (root_of (tree), "as_of", "2014-08-01");
}

/* Both moved a profile's "updated" and the dataset's as_of: the later
 * date holds, no conflict. */
static void
check_dates_of_edits (const MergeCase *c,
                      JsonNode        *base,
                      JsonNode        *ours,
                      JsonNode        *merged,
                      GPtrArray       *conflicts)
{
  g_assert_cmpstr (json_object_get_string_member (partner_of (merged, "JP"), "updated"), ==, "2014-05-20");
  g_assert_cmpstr (json_object_get_string_member (root_of (merged), "as_of"), ==, "2014-09-01");
}

static const MergeCase merge_cases[] = {
  /* Edits of different fields and partners on each side all land. */
  { "/merge/both-sides", NULL, edit_both_sides_ours, edit_both_sides_theirs, 0, NULL, TRUE, FALSE, NULL },
  { "/merge/reorder", NULL, edit_reverse_dialogues, edit_first_dialogue_dormant, 0, NULL, FALSE, FALSE, check_reorder },
  /* Both reordered differently: ours' order, and a conflict on the list. */
  { "/merge/reorder/both", NULL, edit_reverse_dialogues, edit_first_dialogue_dormant_and_last, 1,
    "partners[US].dialogues", FALSE, FALSE, NULL },
  { "/merge/conflict/value", edit_jp_budapest_signatory_january, edit_jp_budapest_party_may,
    edit_jp_budapest_pending_april_and_title, 1,
    "partners[JP].indicators.budapest_convention: ours \"party\", theirs \"pending\" (base \"signatory\")",
    FALSE, FALSE, check_conflict_value },
  { "/merge/conflict/remove-change", NULL, edit_remove_ru_agreement, edit_agreement_field, 1, NULL, FALSE, FALSE,
    check_remove_change },
  { "/merge/conflict/both-added", NULL, edit_document_added, edit_document_added_with_link, 1,
    "partners[BR].documents[\"Marco Civil da Internet\" 2014].url", FALSE, FALSE, check_both_added },
  { "/merge/history/union", NULL, edit_jp_budapest_party_may, edit_jp_wcit_and_depth, 0, NULL, FALSE, FALSE,
    check_history_union },
  { "/merge/history/chain", NULL, edit_ca_party_may, edit_ca_party_april, 1,
    "partners[CA].indicators.budapest_convention", FALSE, FALSE, check_history_chain },
  /* A history that did not chain on one side already (a hand-edited
   * file) is not made a conflict by a merge that did not touch it. */
  { "/merge/history/broken-before", edit_jp_broken_history, edit_document_field, edit_jp_first_dialogue_dormant, 0,
    NULL, FALSE, TRUE, NULL },
  { "/merge/unknown-keys", edit_team_desk, edit_unknown_key, edit_unknown_keys_theirs, 0, NULL, FALSE, FALSE,
    check_unknown_keys },
  { "/merge/dates-of-edits", NULL, edit_dates_ours, edit_dates_theirs, 0, NULL, FALSE, FALSE, check_dates_of_edits },
};

static void
test_merge_case (gconstpointer data)
{
  const MergeCase *c = data;
  g_autoptr(JsonNode) base = bundled_tree ();
  g_autoptr(JsonNode) ours = NULL;
  g_autoptr(JsonNode) theirs = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  if (c->base_edit != NULL)
    c->base_edit (base);
  ours = deep_copy (base);
  theirs = deep_copy (base);
  c->ours_edit (ours);
  c->theirs_edit (theirs);
  g_assert_false (json_node_equal (base, ours));
  g_assert_false (json_node_equal (base, theirs));

  merged = atlas_merge_json (base, ours, theirs, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, c->n_conflicts);
  if (c->conflict != NULL)
    {
      AtlasConflict *conflict = g_ptr_array_index (conflicts, 0);
      g_autofree char *line = atlas_conflict_to_string (conflict);

      if (strstr (c->conflict, " ours ") != NULL)
        g_assert_cmpstr (line, ==, c->conflict);
      else
        g_assert_cmpstr (conflict->path, ==, c->conflict);
    }
  if (c->both_edits)
    {
      g_autoptr(JsonNode) expected = deep_copy (base);

      c->ours_edit (expected);
      c->theirs_edit (expected);
      assert_tree_equal (merged, expected);
    }
  if (c->check != NULL)
    c->check (c, base, ours, merged, conflicts);
  if (!c->skip_load)
    {
      g_autoptr(AtlasDataset) dataset = assert_valid (merged);
    }
}

/* Versions of a dataset as trees that share what did not change: the same
 * trees as made one by one, the unchanged partners the very same nodes,
 * and the same diff and merge. */
static void
test_shared_trees (void)
{
  g_autoptr(AtlasDataset) base = atlas_test_load_paper ();
  g_autoptr(AtlasDataset) ours = NULL;
  g_autoptr(AtlasDataset) theirs = NULL;
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (base);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shared_changes = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(AtlasDataset) merged = NULL;
  AtlasDataset *sides[3];
  JsonNode *trees[3];
  JsonNode *alone[3];

  ours = atlas_dataset_load_bytes (bytes, "ours", NULL, &error);
  g_assert_no_error (error);
  theirs = atlas_dataset_load_bytes (bytes, "theirs", NULL, &error);
  g_assert_no_error (error);
  atlas_partner_set_indicator (atlas_dataset_find_partner (ours, "JP"), "budapest_convention", "signatory");
  atlas_partner_set_assessment (atlas_dataset_find_partner (theirs, "CN"), "Another assessment.");
  atlas_dataset_set_title (theirs, "Another title");
  sides[0] = base;
  sides[1] = ours;
  sides[2] = theirs;

  atlas_datasets_to_json_shared (sides, 3, trees);
  for (guint i = 0; i < 3; i++)
    {
      alone[i] = atlas_dataset_to_json (sides[i]);
      assert_tree_equal (trees[i], alone[i]);
    }
  /* Shared: what no side changed; not: what one did, and the roots. */
  g_assert_true (json_object_get_member (partner_of (trees[1], "US"), "history") ==
                 json_object_get_member (partner_of (trees[0], "US"), "history"));
  g_assert_true (json_object_get_member (root_of (trees[1]), "lenses") ==
                 json_object_get_member (root_of (trees[0]), "lenses"));
  g_assert_true (json_object_get_member (partner_of (trees[1], "JP"), "documents") ==
                 json_object_get_member (partner_of (trees[0], "JP"), "documents"));
  g_assert_false (json_object_get_member (partner_of (trees[1], "JP"), "indicators") ==
                  json_object_get_member (partner_of (trees[0], "JP"), "indicators"));
  g_assert_false (trees[2] == trees[0]);

  shared_changes = atlas_diff_json (trees[0], trees[1]);
  changes = atlas_diff_json (alone[0], alone[1]);
  g_assert_cmpuint (shared_changes->len, ==, changes->len);
  g_assert_true (has_change (shared_changes, ATLAS_DIFF_CHANGED, "partners[JP].indicators.budapest_convention"));

  /* The merge through shared trees takes both sides and leaves the
   * sides' trees as they were. */
  merged = atlas_merge (base, ours, theirs, &conflicts, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpstr (atlas_partner_get_indicator (atlas_dataset_find_partner (merged, "JP"), "budapest_convention"), ==,
                   "signatory");
  g_assert_cmpstr (atlas_partner_get_assessment (atlas_dataset_find_partner (merged, "CN")), ==, "Another assessment.");
  g_assert_cmpstr (atlas_dataset_get_title (merged), ==, "Another title");
  for (guint i = 0; i < 3; i++)
    {
      assert_tree_equal (trees[i], alone[i]);
      json_node_unref (trees[i]);
      json_node_unref (alone[i]);
    }
}

/* Merging the bundled dataset with itself changes not one byte. */
static void
test_self_merge (void)
{
  g_autoptr(GBytes) original = g_resources_lookup_data ("/io/github/cyberdiplomacy/Atlas/data/dataset.json",
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(AtlasDataset) a = atlas_dataset_load_bytes (original, "a", NULL, NULL);
  g_autoptr(AtlasDataset) b = atlas_dataset_load_bytes (original, "b", NULL, NULL);
  g_autoptr(AtlasDataset) c = atlas_dataset_load_bytes (original, "c", NULL, NULL);
  g_autoptr(AtlasDataset) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;

  merged = atlas_merge (a, b, c, &conflicts, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  written = atlas_dataset_to_bytes (merged);
  g_assert_true (g_bytes_equal (written, original));
  changes = atlas_diff_datasets (a, merged);
  g_assert_cmpuint (changes->len, ==, 0);
}

/* A merge that would break the format's rules gives no dataset. */
static void
test_invalid_result (void)
{
  g_autoptr(AtlasDataset) base = atlas_test_load_paper ();
  g_autoptr(JsonNode) tree = atlas_dataset_to_json (base);
  g_autoptr(JsonNode) ours = deep_copy (tree);
  g_autoptr(JsonNode) theirs = deep_copy (tree);
  g_autoptr(AtlasDataset) ours_dataset = NULL;
  g_autoptr(AtlasDataset) theirs_dataset = NULL;
  g_autoptr(AtlasDataset) merged = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *sources;

  /* Ours cites a new work; theirs removes every work nobody else cites...
   * which is the one ours now relies on. */
  edit_works_cited (tree);
  g_clear_pointer (&ours, json_node_unref);
  g_clear_pointer (&theirs, json_node_unref);
  ours = deep_copy (tree);
  theirs = deep_copy (tree);
  append_parsed (json_object_get_array_member (partner_of (ours, "MX"), "sources"),
                 "{\"id\": \"coe-2001\", \"locator\": \"Art. 1\"}");
  sources = json_object_get_array_member (root_of (theirs), "sources");
  json_array_remove_element (sources, json_array_get_length (sources) - 1);

  ours_dataset = atlas_dataset_from_json (ours, "ours", NULL, &error);
  g_assert_no_error (error);
  theirs_dataset = atlas_dataset_from_json (theirs, "theirs", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&base);
  base = atlas_dataset_from_json (tree, "base", NULL, &error);
  g_assert_no_error (error);

  merged = atlas_merge (base, ours_dataset, theirs_dataset, NULL, NULL, &error);
  g_assert_error (error, ATLAS_MERGE_ERROR, ATLAS_MERGE_ERROR_INVALID);
  g_assert_null (merged);
}

/* Dataset text printed for a terminal cannot steer it. */
static void
test_escaping (void)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), "a\x1b[31mb\u202e\xc2\x9b\"");
  g_autoptr(GString) out = g_string_new (NULL);

  atlas_json_append_escaped (out, node);
  g_assert_cmpstr (out->str, ==, "\"a\\u001b[31mb\\u202e\\u009b\\\"\"");
}

/* Review Changes: accept some, reject others; history follows the values. */
static void
test_review (void)
{
  g_autoptr(JsonNode) base = bundled_tree ();
  g_autoptr(JsonNode) ours = deep_copy (base);
  g_autoptr(JsonNode) theirs = deep_copy (base);
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) accepted = g_ptr_array_new ();
  g_autoptr(GPtrArray) history = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  JsonArray *entries;

  edit_document_field (ours);
  change_indicator (theirs, "JP", "wcit_2012", "signed", "2014-03-01");
  edit_assessment (theirs);
  edit_document_added (theirs);

  merged = atlas_merge_json (base, ours, theirs, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 0);
  changes = atlas_diff_json (ours, merged);
  for (guint i = 0; i < changes->len; i++)
    {
      AtlasDiffChange *change = g_ptr_array_index (changes, i);

      if (atlas_diff_change_is_history (change))
        g_ptr_array_add (history, change);
      else if (g_strcmp0 (change->partner_id, "CN") != 0)
        g_ptr_array_add (accepted, change);
    }
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpuint (accepted->len, ==, 2);

  atlas_review_apply (ours, accepted, history, "2014-06-30", "colleague.atlas.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (partner_of (ours, "JP"), "indicators"),
                                                  "wcit_2012"), ==, "signed");
  entries = json_object_get_array_member (partner_of (ours, "JP"), "history");
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0), "source"), ==, "test");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (partner_of (ours, "CN"), "history")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (partner_of (ours, "CN"), "assessment"), ==,
                   json_object_get_string_member (partner_of (base, "CN"), "assessment"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (partner_of (ours, "BR"), "documents")), ==,
                    json_array_get_length (json_object_get_array_member (partner_of (base, "BR"), "documents")) + 1);
  dataset = assert_valid (ours);
}

/* A conflict settled with theirs' value: a history entry says so. */
static void
test_review_conflict (void)
{
  g_autoptr(JsonNode) base = bundled_tree ();
  g_autoptr(JsonNode) ours = deep_copy (base);
  g_autoptr(JsonNode) theirs = deep_copy (base);
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) accepted = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_diff_change_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  JsonArray *entries;
  JsonObject *last;

  change_indicator (ours, "JP", "budapest_convention", "signatory", "2014-05-01");
  change_indicator (theirs, "JP", "budapest_convention", "pending", "2014-04-01");
  merged = atlas_merge_json (base, ours, theirs, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);

  g_ptr_array_add (accepted, atlas_conflict_to_change (g_ptr_array_index (conflicts, 0)));
  atlas_review_apply (merged, accepted, NULL, "2014-06-30", "colleague.atlas.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (partner_of (merged, "JP"), "indicators"),
                                                  "budapest_convention"), ==, "pending");
  entries = json_object_get_array_member (partner_of (merged, "JP"), "history");
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  last = json_array_get_object_element (entries, 1);
  g_assert_cmpstr (json_object_get_string_member (last, "old"), ==, "signatory");
  g_assert_cmpstr (json_object_get_string_member (last, "new"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (last, "source"), ==, "colleague.atlas.json");
  dataset = assert_valid (merged);
}

static JsonArray *
dialogue_names (JsonNode   *tree,
                const char *id)
{
  JsonArray *dialogues = json_object_get_array_member (partner_of (tree, id), "dialogues");
  JsonArray *names = json_array_new ();

  for (guint i = 0; i < json_array_get_length (dialogues); i++)
    json_array_add_string_element (names, json_object_get_string_member (json_array_get_object_element (dialogues, i),
                                                                         "name"));
  return names;
}

static void
move_first_to_end (JsonArray *array)
{
  json_array_add_element (array, json_node_copy (json_array_get_element (array, 0)));
  json_array_remove_element (array, 0);
}

/* Every kind of change Review Changes lists can be taken: a lens, the
 * subject's members with the member changes that record them, an older
 * history entry on its own, and a list's order both sides changed. A
 * member change whose membership is not taken stays out. */
static void
test_review_everything (void)
{
  g_autoptr(JsonNode) base = bundled_tree ();
  g_autoptr(JsonNode) ours = deep_copy (base);
  g_autoptr(JsonNode) theirs = deep_copy (base);
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) rejected = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) accepted = g_ptr_array_new ();
  g_autoptr(GPtrArray) history = g_ptr_array_new ();
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_diff_change_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasDataset) dataset2 = NULL;
  g_autoptr(JsonArray) expected_order = NULL;
  g_autoptr(JsonArray) order = NULL;
  JsonObject *subject = json_object_get_object_member (root_of (theirs), "subject");
  JsonArray *members = json_object_get_array_member (subject, "members");
  g_autofree char *wcit = g_strdup (json_object_get_string_member (
                            json_object_get_object_member (partner_of (theirs, "JP"), "indicators"), "wcit_2012"));
  JsonArray *entries;
  JsonArray *member_changes;
  gboolean found = FALSE;

  /* Theirs: a lens renamed, a member gone with its record, an older event
   * recorded, and the US dialogues in another order than ours'. */
  json_object_set_string_member (json_array_get_object_element (json_object_get_array_member (root_of (theirs), "lenses"), 1),
                                 "name", "WCIT-12 treaty vote");
  for (guint i = 0; i < json_array_get_length (members); i++)
    if (g_str_equal (json_array_get_string_element (members, i), "SE"))
      json_array_remove_element (members, i--);
  member_changes = json_array_new ();
  append_parsed (member_changes, "{\"date\": \"2014-06-01\", \"id\": \"SE\", \"change\": \"left\", \"source\": \"test\"}");
  json_object_set_array_member (subject, "member_changes", member_changes);
  entries = json_object_get_array_member (partner_of (theirs, "JP"), "history");
  {
    g_autofree char *entry = g_strdup_printf ("{\"date\": \"2012-12-14\", \"field\": \"indicators.wcit_2012\", "
                                              "\"old\": null, \"new\": \"%s\", \"source\": \"ITU\"}", wcit);

    append_parsed (entries, entry);
  }
  move_first_to_end (json_object_get_array_member (partner_of (theirs, "US"), "dialogues"));
  move_first_to_end (json_object_get_array_member (partner_of (ours, "US"), "dialogues"));
  move_first_to_end (json_object_get_array_member (partner_of (ours, "US"), "dialogues"));
  expected_order = dialogue_names (theirs, "US");

  merged = atlas_merge_json (base, ours, theirs, &conflicts);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_true (((AtlasConflict *) g_ptr_array_index (conflicts, 0))->order);

  /* As the window splits them: values, and history that goes with them or
   * stands alone. */
  changes = atlas_diff_json (ours, merged);
  atlas_review_split (changes, accepted, history);
  g_assert_true (has_change (accepted, ATLAS_DIFF_CHANGED, "lenses[wcit_2012].name"));
  g_assert_true (has_change (accepted, ATLAS_DIFF_REMOVED, "subject.members[SE]"));
  g_assert_true (has_change (accepted, ATLAS_DIFF_ADDED, "partners[JP].history[2012-12-14 indicators.wcit_2012]"));
  g_assert_cmpuint (history->len, ==, 1);

  /* Rejecting the membership leaves its record out too. */
  rejected = deep_copy (ours);
  {
    g_autoptr(GPtrArray) some = g_ptr_array_new ();

    for (guint i = 0; i < accepted->len; i++)
      if (!g_str_has_prefix (((AtlasDiffChange *) g_ptr_array_index (accepted, i))->path, "subject"))
        g_ptr_array_add (some, g_ptr_array_index (accepted, i));
    atlas_review_apply (rejected, some, history, "2014-06-30", "colleague.atlas.json", &error);
    g_assert_no_error (error);
    g_assert_false (json_object_has_member (json_object_get_object_member (root_of (rejected), "subject"),
                                            "member_changes"));
    dataset2 = assert_valid (rejected);
  }

  g_ptr_array_add (owned, atlas_conflict_to_change (g_ptr_array_index (conflicts, 0)));
  g_ptr_array_add (accepted, g_ptr_array_index (owned, 0));
  json_object_remove_member (root_of (merged), "merge_conflicts");
  atlas_review_apply (ours, accepted, history, "2014-06-30", "colleague.atlas.json", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (root_of (ours), "lenses"), 1), "name"), ==, "WCIT-12 treaty vote");
  members = json_object_get_array_member (json_object_get_object_member (root_of (ours), "subject"), "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    g_assert_cmpstr (json_array_get_string_element (members, i), !=, "SE");
  member_changes = json_object_get_array_member (json_object_get_object_member (root_of (ours), "subject"),
                                                 "member_changes");
  g_assert_cmpuint (json_array_get_length (member_changes), ==, 1);
  entries = json_object_get_array_member (partner_of (ours, "JP"), "history");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (entries, i), "date"),
                          "2012-12-14");
  g_assert_true (found);
  order = dialogue_names (ours, "US");
  {
    g_autoptr(JsonNode) a = json_node_init_array (json_node_alloc (), order);
    g_autoptr(JsonNode) b = json_node_init_array (json_node_alloc (), expected_order);

    assert_tree_equal (a, b);
  }
  dataset = assert_valid (ours);
}

static const char *
indicator_of (JsonNode   *tree,
              const char *id,
              const char *lens)
{
  return json_object_get_string_member_with_default (json_object_get_object_member (partner_of (tree, id), "indicators"),
                                                     lens, NULL);
}

static AtlasConflict *
find_conflict (GPtrArray  *conflicts,
               const char *path)
{
  for (guint i = 0; i < conflicts->len; i++)
    if (g_str_equal (((AtlasConflict *) g_ptr_array_index (conflicts, i))->path, path))
      return g_ptr_array_index (conflicts, i);

  return NULL;
}

static gboolean
lists_member (JsonNode   *tree,
              const char *code)
{
  JsonArray *members = json_object_get_array_member (json_object_get_object_member (root_of (tree), "subject"),
                                                     "members");

  for (guint i = 0; i < json_array_get_length (members); i++)
    if (g_str_equal (json_array_get_string_element (members, i), code))
      return TRUE;

  return FALSE;
}

/* Two copies and no base file: the base is rebuilt from their history.
 * Hand-made histories: a side whose entries the other has, and more, is
 * behind; entries both have say where they parted; a value no history
 * explains is a conflict; what one side alone has is kept. */
static void
test_base_from_history (void)
{
  g_autoptr(JsonNode) start = bundled_tree ();
  g_autoptr(JsonNode) ours = NULL;
  g_autoptr(JsonNode) theirs = NULL;
  g_autoptr(JsonNode) base = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  const char *kr_before;
  AtlasConflict *conflict;
  JsonArray *members;

  /* Before they parted: JP and MX signed the Budapest Convention. */
  change_indicator (start, "JP", "budapest_convention", "signatory", "2014-01-01");
  change_indicator (start, "MX", "budapest_convention", "signatory", "2014-01-01");
  kr_before = "signatory";
  ours = deep_copy (start);
  theirs = deep_copy (start);

  /* JP: ours moved on, theirs did not. CN: theirs moved on. */
  change_indicator (ours, "JP", "budapest_convention", "pending", "2014-03-01");
  json_object_set_string_member (partner_of (ours, "JP"), "updated", "2014-03-01");
  json_object_set_string_member (partner_of (theirs, "JP"), "updated", "2014-02-01");
  change_indicator (theirs, "CN", "wcit_2012", "refused", "2014-02-01");
  /* MX: both moved on, differently. */
  change_indicator (ours, "MX", "budapest_convention", "party", "2014-02-01");
  change_indicator (theirs, "MX", "budapest_convention", "pending", "2014-02-15");
  /* BR: each side added a document of its own. */
  edit_document_added (theirs);
  append_parsed (json_object_get_array_member (partner_of (ours, "BR"), "documents"),
                 "{\"title\": \"Our note\", \"year\": 2014, \"url\": \"https://example.org/ours\"}");
  /* US: an assessment changed without history. */
  json_object_set_string_member (partner_of (theirs, "US"), "assessment", "Their view.");
  /* Sweden left, as ours recorded; theirs never heard. */
  members = json_object_get_array_member (json_object_get_object_member (root_of (ours), "subject"), "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    if (g_str_equal (json_array_get_string_element (members, i), "SE"))
      json_array_remove_element (members, i--);
  json_object_set_member (json_object_get_object_member (root_of (ours), "subject"), "member_changes",
                          parse ("[{\"date\": \"2014-05-01\", \"id\": \"SE\", \"change\": \"left\", \"source\": \"test\"}]"));

  base = atlas_merge_base_from_history (ours, theirs);
  g_assert_cmpstr (indicator_of (base, "JP", "budapest_convention"), ==, "signatory");
  g_assert_cmpstr (indicator_of (base, "CN", "wcit_2012"), ==, indicator_of (start, "CN", "wcit_2012"));
  g_assert_cmpstr (indicator_of (base, "MX", "budapest_convention"), ==, kr_before);
  g_assert_false (json_object_has_member (partner_of (base, "US"), "assessment"));
  g_assert_true (lists_member (base, "SE"));

  merged = atlas_merge_json (base, ours, theirs, &conflicts);
  /* Who moved on is taken; the rest is asked about. */
  g_assert_cmpstr (indicator_of (merged, "JP", "budapest_convention"), ==, "pending");
  g_assert_cmpstr (indicator_of (merged, "CN", "wcit_2012"), ==, "refused");
  g_assert_cmpstr (json_object_get_string_member (partner_of (merged, "JP"), "updated"), ==, "2014-03-01");
  g_assert_false (lists_member (merged, "SE"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (partner_of (merged, "BR"), "documents")), ==,
                    json_array_get_length (json_object_get_array_member (partner_of (start, "BR"), "documents")) + 2);
  g_assert_cmpuint (conflicts->len, ==, 2);
  conflict = find_conflict (conflicts, "partners[MX].indicators.budapest_convention");
  g_assert_nonnull (conflict);
  g_assert_cmpstr (json_node_get_string (conflict->base), ==, "signatory");
  g_assert_cmpstr (json_node_get_string (conflict->ours), ==, "party");
  g_assert_cmpstr (json_node_get_string (conflict->theirs), ==, "pending");
  conflict = find_conflict (conflicts, "partners[US].assessment");
  g_assert_nonnull (conflict);
  g_assert_null (conflict->base);
  g_assert_cmpstr (indicator_of (merged, "MX", "budapest_convention"), ==, "party");
  dataset = assert_valid (merged);
}

/* A list whose entries stay in place is compared pair by pair, its keys
 * made only for an entry that changed: the same changes as keying both
 * lists, a second entry of one identity included; and a list that turns
 * out not to pair (an entry replaced after one changed) is keyed, the
 * change found first not told twice. */
static void
test_diff_in_place (void)
{
  g_autoptr(JsonNode) base = bundled_tree ();
  g_autoptr(JsonNode) ours = NULL;
  g_autoptr(JsonNode) replaced = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  JsonArray *documents = json_object_get_array_member (partner_of (base, "JP"), "documents");
  AtlasDiffChange *change;
  g_autofree char *identity = NULL;
  g_autofree char *second = NULL;
  const char *first = "partners[JP].documents[\"An Action Plan for EU-Japan Cooperation\" 2001].url";
  guint n_first = 0;

  append_parsed (documents, "{\"title\": \"Twice\", \"year\": 2014, \"url\": \"https://example.org/1\"}");
  append_parsed (documents, "{\"title\": \"Twice\", \"year\": 2014, \"url\": \"https://example.org/2\"}");
  ours = deep_copy (base);
  json_object_set_string_member (entry_of (ours, "JP", "documents", 3), "url", "https://example.org/two");

  changes = atlas_diff_json (base, ours);
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->kind, ==, ATLAS_DIFF_CHANGED);
  g_assert_cmpstr (change->path, ==, "partners[JP].documents[Twice 2014 #2].url");
  identity = atlas_diff_identity ("documents", json_array_get_element (documents, 3));
  second = g_strconcat (identity, "#2", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (change->location, 3), "key"), ==,
                   second);
  g_assert_true (atlas_diff_change_apply (change, base, NULL));
  assert_tree_equal (base, ours);

  /* The first entry changes, the third is another one now. */
  replaced = deep_copy (ours);
  json_object_set_string_member (entry_of (replaced, "JP", "documents", 0), "url", "https://example.org/first");
  json_object_set_string_member (entry_of (replaced, "JP", "documents", 2), "title", "Once");
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = atlas_diff_json (ours, replaced);
  for (guint i = 0; i < changes->len; i++)
    {
      change = g_ptr_array_index (changes, i);
      n_first += g_str_equal (change->path, first);
    }
  g_assert_cmpuint (n_first, ==, 1);
  g_assert_true (has_change (changes, ATLAS_DIFF_CHANGED, first));
  /* By identity, the first "Twice" is the one left: its link changed. */
  g_assert_true (has_change (changes, ATLAS_DIFF_CHANGED, "partners[JP].documents[Twice 2014].url"));
  g_assert_true (has_change (changes, ATLAS_DIFF_REMOVED, "partners[JP].documents[Twice 2014 #2]"));
  g_assert_true (has_change (changes, ATLAS_DIFF_ADDED, "partners[JP].documents[Once 2014]"));
  g_assert_cmpuint (changes->len, ==, 4);
}

/* The merged tree reaches the loader as text written here: every kind of
 * value an unknown member may hold comes back as it was. */
static void
test_from_json_values (void)
{
  g_autoptr(JsonNode) tree = bundled_tree ();
  g_autoptr(JsonNode) values = parse ("{\"whole\": 1.0, \"half\": 2.5, \"tenth\": 0.1, \"huge\": 1e300, "
                                      "\"minus-zero\": -0.0, \"big\": 9007199254740993, \"no\": false, "
                                      "\"yes\": true, \"none\": null, \"empty\": [], \"nothing\": {}, "
                                      "\"text\": \"tab\\t quote\\\" back\\\\ bell\\u0007 \u00e9\", "
                                      "\"nested\": [[1, [2.5]], {\"a\": {\"b\": []}}]}");
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(JsonNode) back = NULL;
  JsonNode *kept;

  json_object_set_member (root_of (tree), "x_values", json_node_copy (values));
  dataset = assert_valid (tree);
  back = atlas_dataset_to_json (dataset);
  kept = json_object_get_member (root_of (back), "x_values");
  g_assert_nonnull (kept);
  assert_tree_equal (kept, values);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (json_node_get_object (kept), "whole")), ==,
                   G_TYPE_DOUBLE);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (kept), "big"), ==, G_GINT64_CONSTANT (9007199254740993));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  atlas_core_init ();

  for (guint i = 0; i < G_N_ELEMENTS (field_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/merge/field/%s", field_cases[i].name);

      g_test_add_data_func (name, &field_cases[i], test_field);
    }
  for (guint i = 0; i < G_N_ELEMENTS (merge_cases); i++)
    g_test_add_data_func (merge_cases[i].name, &merge_cases[i], test_merge_case);
  g_test_add_func ("/merge/review-everything", test_review_everything);
  g_test_add_func ("/merge/self-merge", test_self_merge);
  g_test_add_func ("/merge/shared-trees", test_shared_trees);
  g_test_add_func ("/merge/invalid-result", test_invalid_result);
  g_test_add_func ("/merge/escaping", test_escaping);
  g_test_add_func ("/merge/diff-in-place", test_diff_in_place);
  g_test_add_func ("/merge/from-json-values", test_from_json_values);
  g_test_add_func ("/merge/review/accept-reject", test_review);
  g_test_add_func ("/merge/review/conflict", test_review_conflict);
  g_test_add_func ("/merge/base-from-history", test_base_from_history);

  return g_test_run ();
}
