/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Three-way merge of datasets (atlas-merge.h).
 *
 * Like the diff, the merge walks the JSON the datasets are saved as, so
 * every field and every unknown key is merged by the same rules: an object
 * member by member, a list entry by entry (matched by identity), a value
 * as a whole. The format's one extra rule is history: the merged partner's
 * entries are sorted by date and must chain (per field, each entry's "old"
 * is the previous entry's "new", the last "new" is the current value).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-core-private.h"
#include "atlas-dataset-io.h"
#include "atlas-diff-private.h"
#include "atlas-json-reader-private.h"
#include "atlas-merge.h"

G_DEFINE_QUARK (atlas-merge-error-quark, atlas_merge_error)

typedef struct
{
  AtlasTreeCursor cursor;
  GPtrArray      *conflicts;
  GHashTable     *conflict_paths;
} Merge;

static JsonNode *merge_node (Merge      *m,
                             const char *name,
                             JsonNode   *b,
                             JsonNode   *o,
                             JsonNode   *t);

static JsonNode *
dup_node (JsonNode *node)
{
  return node != NULL ? json_node_copy (node) : NULL;
}

static JsonArray *
copy_location (JsonArray *location)
{
  JsonArray *copy = json_array_sized_new (json_array_get_length (location));

  for (guint i = 0; i < json_array_get_length (location); i++)
    json_array_add_element (copy, json_node_copy (json_array_get_element (location, i)));

  return copy;
}

/* The new conflict, or NULL when its place has one already. */
static AtlasConflict *
add_conflict (Merge    *m,
              JsonNode *b,
              JsonNode *o,
              JsonNode *t)
{
  g_autofree char *path = atlas_tree_cursor_dup_path (&m->cursor);
  AtlasConflict *conflict;

  if (g_hash_table_contains (m->conflict_paths, path))
    return NULL;

  conflict = g_new0 (AtlasConflict, 1);
  conflict->path = g_steal_pointer (&path);
  conflict->partner_id = g_strdup (m->cursor.partner_id);
  conflict->field = atlas_tree_cursor_dup_field (&m->cursor);
  conflict->location = atlas_tree_cursor_dup_location (&m->cursor);
  conflict->base = dup_node (b);
  conflict->ours = dup_node (o);
  conflict->theirs = dup_node (t);
  g_ptr_array_add (m->conflicts, conflict);
  g_hash_table_add (m->conflict_paths, g_strdup (conflict->path));

  return conflict;
}

static JsonNode *
merge_object (Merge      *m,
              JsonObject *b,
              JsonObject *o,
              JsonObject *t)
{
  g_autoptr(JsonObject) result = json_object_new ();
  JsonObject *sides[] = { o, t, b };

  /* Ours' order, then what only theirs has. */
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (sides[s] == NULL)
        continue;

      json_object_iter_init_ordered (&iter, sides[s]);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          JsonNode *merged;
          guint mark;

          if (json_object_has_member (result, name) ||
              (s > 0 && json_object_has_member (o, name)) ||
              (s > 1 && json_object_has_member (t, name)))
            continue;

          mark = atlas_tree_cursor_push_member (&m->cursor, name);
          merged = merge_node (m, name,
                               b ? json_object_get_member (b, name) : NULL,
                               json_object_get_member (o, name),
                               json_object_get_member (t, name));
          atlas_tree_cursor_pop (&m->cursor, mark);

          if (merged != NULL)
            json_object_set_member (result, name, merged);
        }
    }

  return json_node_init_object (json_node_alloc (), result);
}

/* Whether the entries both lists have come in a different order. */
static gboolean
order_changed (AtlasKeyedList *a,
               AtlasKeyedList *b)
{
  guint j = 0;

  for (guint i = 0; i < a->keys->len; i++)
    {
      const char *key = g_ptr_array_index (a->keys, i);

      if (!g_hash_table_contains (b->elements, key))
        continue;
      while (j < b->keys->len && !g_hash_table_contains (a->elements, g_ptr_array_index (b->keys, j)))
        j++;
      if (j == b->keys->len || !g_str_equal (key, g_ptr_array_index (b->keys, j)))
        return TRUE;
      j++;
    }

  return FALSE;
}

/* Adds @list's keys missing from @order, each after the one it follows. */
static void
insert_missing (GPtrArray      *order,
                GHashTable     *present,
                AtlasKeyedList *list)
{
  int last = -1;

  for (guint i = 0; i < list->keys->len; i++)
    {
      char *key = g_ptr_array_index (list->keys, i);
      guint found;

      if (g_hash_table_contains (present, key))
        {
          if (g_ptr_array_find_with_equal_func (order, key, g_str_equal, &found))
            last = found;
          continue;
        }

      g_ptr_array_insert (order, ++last, key);
      g_hash_table_add (present, key);
    }
}

typedef struct
{
  JsonNode   *node;
  const char *date;
  guint       index;
} DatedEntry;

static int
compare_dated (gconstpointer a,
               gconstpointer b)
{
  const DatedEntry *x = a, *y = b;
  int c = g_strcmp0 (x->date, y->date);

  return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

static const char *
member_string (JsonNode   *node,
               const char *name)
{
  JsonNode *member;

  if (!atlas_json_is_object (node))
    return NULL;
  member = json_object_get_member (json_node_get_object (node), name);

  return member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
         json_node_get_value_type (member) == G_TYPE_STRING ? json_node_get_string (member) : NULL;
}

JsonArray *
atlas_history_sorted_by_date (GPtrArray *entries)
{
  g_autoptr(GArray) dated = g_array_sized_new (FALSE, FALSE, sizeof (DatedEntry), entries->len);
  JsonArray *array = json_array_sized_new (entries->len);

  for (guint i = 0; i < entries->len; i++)
    {
      DatedEntry entry = { g_ptr_array_index (entries, i), NULL, i };

      entry.date = member_string (entry.node, "date");
      g_array_append_val (dated, entry);
    }
  g_array_sort (dated, compare_dated);
  for (guint i = 0; i < dated->len; i++)
    json_array_add_element (array, json_node_copy (g_array_index (dated, DatedEntry, i).node));

  return array;
}

static JsonNode *
merge_array (Merge      *m,
             const char *name,
             JsonArray  *b,
             JsonArray  *o,
             JsonArray  *t);

static gboolean
value_equal (JsonNode *a,
             JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null && b_null;

  return json_node_equal (a, b);
}

JsonNode *
atlas_history_field_value (JsonNode   *partner,
             const char *field,
             gboolean   *has_value)
{
  JsonObject *object;
  JsonNode *indicators;

  *has_value = FALSE;
  if (!atlas_json_is_object (partner))
    return NULL;
  object = json_node_get_object (partner);

  if (g_str_equal (field, "assessment") || g_str_equal (field, "name"))
    {
      *has_value = TRUE;
      return json_object_get_member (object, field);
    }
  if (g_str_has_prefix (field, "indicators."))
    {
      *has_value = TRUE;
      indicators = json_object_get_member (object, "indicators");
      return atlas_json_is_object (indicators)
             ? json_object_get_member (json_node_get_object (indicators), field + strlen ("indicators."))
             : NULL;
    }

  return NULL;
}

/* How a field's entries in a partner's history chain so far. */
typedef struct
{
  JsonNode *last_new;
  gboolean  broken;
  gboolean  listed;
} Chain;

/* Each field's chain in @partner's history, in one pass over it (not one
 * per field): field (borrowed from the entries) -> Chain. */
static GHashTable *
chains_of (JsonNode *partner)
{
  GHashTable *chains = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  JsonNode *history = atlas_json_is_object (partner)
                      ? json_object_get_member (json_node_get_object (partner), "history") : NULL;
  JsonArray *entries = atlas_json_is_array (history) ? json_node_get_array (history) : NULL;

  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonNode *entry = json_array_get_element (entries, i);
      const char *field = member_string (entry, "field");
      JsonObject *object;
      Chain *chain;

      if (field == NULL)
        continue;
      object = json_node_get_object (entry);
      chain = g_hash_table_lookup (chains, field);
      if (chain == NULL)
        {
          chain = g_new0 (Chain, 1);
          g_hash_table_insert (chains, (gpointer) field, chain);
        }
      else if (!chain->broken && !value_equal (json_object_get_member (object, "old"), chain->last_new))
        chain->broken = TRUE;
      chain->last_new = json_object_get_member (object, "new");
    }

  return chains;
}

/* Whether @field's entries in @chains (of @partner) chain and end in
 * the partner's value of it. */
static gboolean
field_chains (GHashTable *chains,
              const char *field,
              JsonNode   *partner)
{
  gboolean has_value;
  JsonNode *current = atlas_history_field_value (partner, field, &has_value);
  Chain *chain = g_hash_table_lookup (chains, field);

  if (!has_value || chain == NULL)
    return TRUE;

  return !chain->broken && value_equal (current, chain->last_new);
}

/* Gives @merged (a partner this merge built) ours' value of @field and
 * ours' history of it. */
static void
restore_ours (JsonObject *merged,
              const char *field,
              JsonNode   *ours)
{
  gboolean has_value;
  JsonNode *value = atlas_history_field_value (ours, field, &has_value);
  JsonNode *ours_history = json_object_get_member (json_node_get_object (ours), "history");
  JsonNode *history = json_object_get_member (merged, "history");
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  if (g_str_equal (field, "assessment") || g_str_equal (field, "name"))
    {
      if (value != NULL)
        json_object_set_member (merged, field, json_node_copy (value));
      else
        json_object_remove_member (merged, field);
    }
  else if (g_str_has_prefix (field, "indicators."))
    {
      JsonNode *indicators = json_object_get_member (merged, "indicators");
      JsonObject *copy = json_object_new ();
      const char *lens = field + strlen ("indicators.");

      /* The merged indicators may be shared with an input: a new object. */
      if (atlas_json_is_object (indicators))
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *member;

          json_object_iter_init_ordered (&iter, json_node_get_object (indicators));
          while (json_object_iter_next_ordered (&iter, &name, &member))
            json_object_set_member (copy, name, json_node_copy (member));
        }
      if (value != NULL)
        json_object_set_member (copy, lens, json_node_copy (value));
      else
        json_object_remove_member (copy, lens);
      json_object_set_object_member (merged, "indicators", copy);
    }

  for (guint i = 0; atlas_json_is_array (history) && i < json_array_get_length (json_node_get_array (history)); i++)
    {
      JsonNode *entry = json_array_get_element (json_node_get_array (history), i);

      if (g_strcmp0 (member_string (entry, "field"), field) != 0)
        g_ptr_array_add (entries, entry);
    }
  for (guint i = 0; atlas_json_is_array (ours_history) && i < json_array_get_length (json_node_get_array (ours_history)); i++)
    {
      JsonNode *entry = json_array_get_element (json_node_get_array (ours_history), i);

      if (g_strcmp0 (member_string (entry, "field"), field) == 0)
        g_ptr_array_add (entries, entry);
    }
  json_object_set_array_member (merged, "history", atlas_history_sorted_by_date (entries));
}

/* Whether the merged partner's history is @side's own, and so are its
 * values that chain: then each field chains in it as it does in @side. */
static gboolean
is_side_history (JsonObject *merged,
                 JsonNode   *side)
{
  static const char * const values[] = { "assessment", "name", "indicators" };
  JsonObject *object = atlas_json_is_object (side) ? json_node_get_object (side) : NULL;
  JsonNode *history = json_object_get_member (merged, "history");
  JsonNode *side_history = object != NULL ? json_object_get_member (object, "history") : NULL;

  if (!atlas_json_is_array (history) || !atlas_json_is_array (side_history) ||
      json_node_get_array (history) != json_node_get_array (side_history))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (!atlas_json_equal (json_object_get_member (merged, values[i]), json_object_get_member (object, values[i])))
      return FALSE;

  return TRUE;
}

static void
check_chain (Merge    *m,
             JsonNode *merged,
             JsonNode *b,
             JsonNode *o,
             JsonNode *t)
{
  JsonObject *object = json_node_get_object (merged);
  JsonNode *history = json_object_get_member (object, "history");
  g_autoptr(GHashTable) chains = NULL;
  g_autoptr(GHashTable) ours_chains = NULL;
  g_autoptr(GHashTable) theirs_chains = NULL;
  g_autoptr(GPtrArray) broken = NULL;

  /* A chain breaks in the merge only where it held on both sides: not
   * where the merge kept one side's history and values. */
  if (!atlas_json_is_array (history) || is_side_history (object, o) || is_side_history (object, t))
    return;

  chains = chains_of (merged);
  ours_chains = chains_of (o);
  theirs_chains = chains_of (t);
  broken = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (history)); i++)
    {
      const char *field = member_string (json_array_get_element (json_node_get_array (history), i), "field");
      Chain *chain = field != NULL ? g_hash_table_lookup (chains, field) : NULL;
      gboolean has_value;

      if (chain == NULL || chain->listed)
        continue;
      chain->listed = TRUE;
      /* Entries on lists ("dialogues": a round held) are records, not
       * values that chain; and a history that did not chain on one side
       * already is not the merge's doing. */
      atlas_history_field_value (merged, field, &has_value);
      if (has_value && field_chains (ours_chains, field, o) && field_chains (theirs_chains, field, t) &&
          !field_chains (chains, field, merged))
        g_ptr_array_add (broken, g_strdup (field));
    }

  /* Each field's chain is its own: putting ours' back for one leaves
   * the others' as they were. */
  for (guint i = 0; i < broken->len; i++)
    {
      const char *field = g_ptr_array_index (broken, i);
      g_auto(GStrv) parts = g_strsplit (field, ".", 2);
      g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (guint));
      gboolean has_value;

      /* The conflict is the field's own: partners[JP].indicators.wcit_2012. */
      for (guint p = 0; parts[p] != NULL; p++)
        {
          guint mark = atlas_tree_cursor_push_member (&m->cursor, parts[p]);

          g_array_append_val (marks, mark);
        }
      add_conflict (m, atlas_history_field_value (b, field, &has_value), atlas_history_field_value (o, field, &has_value),
                    atlas_history_field_value (t, field, &has_value));
      for (guint p = marks->len; p > 0; p--)
        atlas_tree_cursor_pop (&m->cursor, g_array_index (marks, guint, p - 1));

      restore_ours (object, field, o);
    }
}

static JsonNode *
merge_array (Merge      *m,
             const char *name,
             JsonArray  *b,
             JsonArray  *o,
             JsonArray  *t)
{
  AtlasKeyedList kb, ko, kt;
  AtlasKeyedList *primary, *secondary;
  gboolean ours_moved, theirs_moved;
  gboolean partners = g_strcmp0 (name, "partners") == 0 && atlas_tree_cursor_get_depth (&m->cursor) == 1;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  JsonArray *result;
  JsonNode *node;

  atlas_keyed_list_init (&kb, name, b);
  atlas_keyed_list_init (&ko, name, o);
  atlas_keyed_list_init (&kt, name, t);

  /* A reordering on one side is taken; on both, ours is kept and the order
   * is a conflict of its own. */
  ours_moved = order_changed (&kb, &ko);
  theirs_moved = order_changed (&kb, &kt);
  if (ours_moved && theirs_moved && order_changed (&ko, &kt))
    {
      JsonNode *orders[3];
      AtlasKeyedList *lists[] = { &kb, &ko, &kt };
      AtlasConflict *conflict;

      for (guint s = 0; s < 3; s++)
        {
          JsonArray *keys = json_array_new ();

          for (guint i = 0; i < lists[s]->keys->len; i++)
            json_array_add_string_element (keys, g_ptr_array_index (lists[s]->keys, i));
          orders[s] = json_node_init_array (json_node_alloc (), keys);
          json_array_unref (keys);
        }
      conflict = add_conflict (m, orders[0], orders[1], orders[2]);
      if (conflict != NULL)
        conflict->order = TRUE;
      for (guint s = 0; s < 3; s++)
        json_node_unref (orders[s]);
    }
  primary = theirs_moved && !ours_moved ? &kt : &ko;
  secondary = primary == &kt ? &ko : &kt;

  for (guint i = 0; i < primary->keys->len; i++)
    {
      g_ptr_array_add (order, g_ptr_array_index (primary->keys, i));
      g_hash_table_add (present, g_ptr_array_index (primary->keys, i));
    }
  insert_missing (order, present, secondary);
  insert_missing (order, present, &kb);

  for (guint i = 0; i < order->len; i++)
    {
      const char *key = g_ptr_array_index (order, i);
      JsonNode *be = atlas_keyed_list_get (&kb, key);
      JsonNode *oe = atlas_keyed_list_get (&ko, key);
      JsonNode *te = atlas_keyed_list_get (&kt, key);
      guint mark = atlas_tree_cursor_push_entry (&m->cursor, name, key, oe ? oe : te ? te : be);
      JsonNode *element = merge_node (m, name, be, oe, te);

      if (element != NULL && partners && oe != NULL && te != NULL &&
          !atlas_json_equal (oe, te) && !atlas_json_equal (be, oe) && !atlas_json_equal (be, te))
        check_chain (m, element, be, oe, te);
      atlas_tree_cursor_pop (&m->cursor, mark);

      if (element != NULL)
        g_ptr_array_add (merged, element);
    }

  if (g_strcmp0 (name, "history") == 0)
    result = atlas_history_sorted_by_date (merged);
  else
    {
      result = json_array_sized_new (merged->len);
      for (guint i = 0; i < merged->len; i++)
        json_array_add_element (result, json_node_ref (g_ptr_array_index (merged, i)));
    }

  atlas_keyed_list_clear (&kb);
  atlas_keyed_list_clear (&ko);
  atlas_keyed_list_clear (&kt);

  node = json_node_init_array (json_node_alloc (), result);
  json_array_unref (result);

  return node;
}

static gboolean
member_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* partners[ID].updated, or the dataset's as_of. */
static gboolean
is_date_of_edits (Merge      *m,
                  const char *name)
{
  guint depth = atlas_tree_cursor_get_depth (&m->cursor);

  return (depth == 1 && g_strcmp0 (name, "as_of") == 0) ||
         (depth == 3 && m->cursor.partner_id != NULL && g_strcmp0 (name, "updated") == 0);
}

static JsonNode *
merge_node (Merge      *m,
            const char *name,
            JsonNode   *b,
            JsonNode   *o,
            JsonNode   *t)
{
  if (atlas_json_equal (o, t))
    return dup_node (o);
  if (atlas_json_equal (b, o))
    return dup_node (t);
  if (atlas_json_equal (b, t))
    return dup_node (o);

  if (atlas_json_is_object (o) && atlas_json_is_object (t) && (b == NULL || atlas_json_is_object (b)))
    return merge_object (m, b ? json_node_get_object (b) : NULL,
                         json_node_get_object (o), json_node_get_object (t));

  if (atlas_json_is_array (o) && atlas_json_is_array (t) && (b == NULL || atlas_json_is_array (b)))
    return merge_array (m, name, b ? json_node_get_array (b) : NULL,
                        json_node_get_array (o), json_node_get_array (t));

  /* When a profile was last updated, and the dataset's date, follow the
   * edits: both sides moved them, the later one holds. */
  if (is_date_of_edits (m, name) && member_is_string (o) && member_is_string (t))
    return dup_node (g_strcmp0 (json_node_get_string (o), json_node_get_string (t)) >= 0 ? o : t);

  add_conflict (m, b, o, t);
  return dup_node (o);
}

JsonNode *
atlas_merge_json (JsonNode   *base,
                  JsonNode   *ours,
                  JsonNode   *theirs,
                  GPtrArray **conflicts)
{
  Merge m;
  JsonNode *merged;

  atlas_tree_cursor_init (&m.cursor);
  m.conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_conflict_free);
  m.conflict_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  merged = merge_node (&m, NULL, base, ours, theirs);

  /* Conflicts go with the file, after any a former merge left there. */
  if (m.conflicts->len > 0 && atlas_json_is_object (merged))
    {
      JsonObject *root = json_node_get_object (merged);
      JsonNode *earlier = json_object_get_member (root, "merge_conflicts");
      JsonArray *list = json_array_new ();

      for (guint i = 0; atlas_json_is_array (earlier) && i < json_array_get_length (json_node_get_array (earlier)); i++)
        json_array_add_element (list, json_node_copy (json_array_get_element (json_node_get_array (earlier), i)));
      for (guint i = 0; i < m.conflicts->len; i++)
        json_array_add_element (list, atlas_conflict_to_json (g_ptr_array_index (m.conflicts, i)));
      json_object_set_array_member (root, "merge_conflicts", list);
    }

  atlas_tree_cursor_clear (&m.cursor);
  g_hash_table_unref (m.conflict_paths);
  if (conflicts != NULL)
    *conflicts = m.conflicts;
  else
    g_ptr_array_unref (m.conflicts);

  return merged;
}

AtlasDataset *
atlas_merge (AtlasDataset  *base,
             AtlasDataset  *ours,
             AtlasDataset  *theirs,
             GPtrArray    **conflicts,
             GPtrArray    **problems,
             GError       **error)
{
  AtlasDataset *sides[] = { base, ours, theirs };
  JsonNode *trees[G_N_ELEMENTS (sides)];
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GError) local_error = NULL;
  AtlasDataset *dataset;

  /* Ours and theirs share with the base what they did not change */
  atlas_datasets_to_json_shared (sides, G_N_ELEMENTS (sides), trees);
  merged = atlas_merge_json (trees[0], trees[1], trees[2], conflicts);
  for (guint i = 0; i < G_N_ELEMENTS (trees); i++)
    json_node_unref (trees[i]);
  dataset = atlas_dataset_from_json (merged, _("merged dataset"), problems, &local_error);
  if (dataset == NULL)
    {
      g_set_error (error, ATLAS_MERGE_ERROR, ATLAS_MERGE_ERROR_INVALID,
                   _("The merged dataset would not be valid: %s"), local_error->message);
      if (conflicts != NULL)
        g_clear_pointer (conflicts, g_ptr_array_unref);
    }

  return dataset;
}

/* A base from the two sides' history */

/* What both sides hold alike: members and list entries both have (by
 * identity), values both give the same; NULL where they differ. */
static JsonNode *
common_part (const char *name,
             JsonNode   *o,
             JsonNode   *t)
{
  if (atlas_json_equal (o, t))
    return dup_node (o);

  if (atlas_json_is_object (o) && atlas_json_is_object (t))
    {
      JsonObject *result = json_object_new ();
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, json_node_get_object (o));
      while (json_object_iter_next_ordered (&iter, &member, &value))
        {
          JsonNode *common = common_part (member, value, json_object_get_member (json_node_get_object (t), member));

          if (common != NULL)
            json_object_set_member (result, member, common);
        }
      return json_node_init_object (json_node_alloc (), result);
    }

  if (atlas_json_is_array (o) && atlas_json_is_array (t))
    {
      AtlasKeyedList ko, kt;
      JsonArray *result = json_array_new ();
      JsonNode *node;

      atlas_keyed_list_init (&ko, name, json_node_get_array (o));
      atlas_keyed_list_init (&kt, name, json_node_get_array (t));
      for (guint i = 0; i < ko.keys->len; i++)
        {
          const char *key = g_ptr_array_index (ko.keys, i);
          JsonNode *other = atlas_keyed_list_get (&kt, key);
          JsonNode *common = other ? common_part (name, atlas_keyed_list_get (&ko, key), other) : NULL;

          if (common != NULL)
            json_array_add_element (result, common);
        }
      atlas_keyed_list_clear (&ko);
      atlas_keyed_list_clear (&kt);
      node = json_node_init_array (json_node_alloc (), result);
      json_array_unref (result);
      return node;
    }

  return NULL;
}

/* The entries of @list (a history, or member changes) whose @key member
 * is @value, by identity, in order. */
static GPtrArray *
entries_about (JsonNode   *list,
               const char *list_name,
               const char *key,
               const char *value)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; atlas_json_is_array (list) && i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *entry = json_array_get_element (json_node_get_array (list), i);

      if (g_strcmp0 (member_string (entry, key), value) == 0)
        g_ptr_array_add (found, atlas_diff_identity (list_name, entry));
    }

  return found;
}

static gboolean
includes_all (GPtrArray *a,
              GPtrArray *b)
{
  for (guint i = 0; i < b->len; i++)
    if (!g_ptr_array_find_with_equal_func (a, g_ptr_array_index (b, i), g_str_equal, NULL))
      return FALSE;

  return TRUE;
}

typedef enum
{
  BASE_UNKNOWN,
  BASE_THEIRS, /* theirs did not move since the sides parted */
  BASE_OURS,
  BASE_ENTRY,  /* where the last entry both have left it */
} BaseFrom;

/* Who moved on, from the entries each side recorded: a side whose every
 * entry the other has too, the other having more, is behind; it still
 * holds the value both started from. Else the last entry both have says
 * what it was, and @last_common is set to its index in @ours_list. */
static BaseFrom
base_from_entries (JsonNode   *ours_list,
                   JsonNode   *theirs_list,
                   const char *list_name,
                   const char *key,
                   const char *value,
                   int        *last_common)
{
  g_autoptr(GPtrArray) in_ours = entries_about (ours_list, list_name, key, value);
  g_autoptr(GPtrArray) in_theirs = entries_about (theirs_list, list_name, key, value);

  *last_common = -1;
  if (in_ours->len > in_theirs->len && includes_all (in_ours, in_theirs))
    return BASE_THEIRS;
  if (in_theirs->len > in_ours->len && includes_all (in_theirs, in_ours))
    return BASE_OURS;

  for (guint i = 0; atlas_json_is_array (ours_list) && i < json_array_get_length (json_node_get_array (ours_list)); i++)
    {
      JsonNode *entry = json_array_get_element (json_node_get_array (ours_list), i);
      g_autofree char *identity = NULL;

      if (g_strcmp0 (member_string (entry, key), value) != 0)
        continue;
      identity = atlas_diff_identity (list_name, entry);
      if (g_ptr_array_find_with_equal_func (in_theirs, identity, g_str_equal, NULL))
        *last_common = i;
    }

  return *last_common >= 0 ? BASE_ENTRY : BASE_UNKNOWN;
}

/* Sets @field ("assessment", "indicators.LENS") of the base partner. */
static void
set_field (JsonObject *partner,
           const char *field,
           JsonNode   *value)
{
  JsonObject *target = partner;
  const char *member = field;

  if (g_str_has_prefix (field, "indicators."))
    {
      JsonNode *indicators = json_object_get_member (partner, "indicators");

      if (!atlas_json_is_object (indicators))
        {
          json_object_set_object_member (partner, "indicators", json_object_new ());
          indicators = json_object_get_member (partner, "indicators");
        }
      target = json_node_get_object (indicators);
      member = field + strlen ("indicators.");
    }

  if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
    json_object_set_member (target, member, json_node_copy (value));
  else
    json_object_remove_member (target, member);
}

/* The fields that chain in either side's history of a partner. */
static void
collect_fields (JsonNode   *partner,
                GPtrArray  *fields)
{
  JsonNode *history = json_object_get_member (json_node_get_object (partner), "history");

  for (guint i = 0; atlas_json_is_array (history) && i < json_array_get_length (json_node_get_array (history)); i++)
    {
      const char *field = member_string (json_array_get_element (json_node_get_array (history), i), "field");
      gboolean chained;

      atlas_history_field_value (partner, field ? field : "", &chained);
      if (field != NULL && chained && !g_ptr_array_find_with_equal_func (fields, field, g_str_equal, NULL))
        g_ptr_array_add (fields, (gpointer) field);
    }
}

static void
partner_base (JsonObject *base,
              JsonNode   *ours,
              JsonNode   *theirs)
{
  JsonNode *ours_history = json_object_get_member (json_node_get_object (ours), "history");
  JsonNode *theirs_history = json_object_get_member (json_node_get_object (theirs), "history");
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();

  collect_fields (ours, fields);
  collect_fields (theirs, fields);
  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);
      gboolean chained;
      JsonNode *ours_value = atlas_history_field_value (ours, field, &chained);
      JsonNode *theirs_value = atlas_history_field_value (theirs, field, &chained);
      int last = -1;

      if (value_equal (ours_value, theirs_value))
        continue;
      switch (base_from_entries (ours_history, theirs_history, "history", "field", field, &last))
        {
        case BASE_THEIRS:
          set_field (base, field, theirs_value);
          break;
        case BASE_OURS:
          set_field (base, field, ours_value);
          break;
        case BASE_ENTRY:
          set_field (base, field, json_object_get_member (json_array_get_object_element (json_node_get_array (ours_history),
                                                                                        last), "new"));
          break;
        default:
          break;
        }
    }
}

/* A country one side lists as a member and the other not: the member
 * changes each side recorded tell who moved on. */
static void
members_base (JsonObject *base,
              JsonNode   *ours,
              JsonNode   *theirs)
{
  JsonNode *subjects[] = { json_object_get_member (json_node_get_object (ours), "subject"),
                           json_object_get_member (json_node_get_object (theirs), "subject") };
  JsonNode *lists[2], *changes[2];
  JsonNode *base_subject = json_object_get_member (base, "subject");
  JsonNode *base_members;
  g_autoptr(GHashTable) in_base = g_hash_table_new (g_str_hash, g_str_equal);

  if (!atlas_json_is_object (subjects[0]) || !atlas_json_is_object (subjects[1]) || !atlas_json_is_object (base_subject))
    return;
  for (guint s = 0; s < 2; s++)
    {
      lists[s] = json_object_get_member (json_node_get_object (subjects[s]), "members");
      changes[s] = json_object_get_member (json_node_get_object (subjects[s]), "member_changes");
      if (!atlas_json_is_array (lists[s]))
        return;
    }
  base_members = json_object_get_member (json_node_get_object (base_subject), "members");
  if (!atlas_json_is_array (base_members))
    return;

  /* Each side's members that the other lacks, in that side's order. */
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < json_array_get_length (json_node_get_array (lists[s])); i++)
      {
        const char *code = json_array_get_string_element (json_node_get_array (lists[s]), i);
        gboolean in_other = FALSE;
        BaseFrom from;
        int last;

        for (guint j = 0; code != NULL && j < json_array_get_length (json_node_get_array (lists[1 - s])); j++)
          in_other |= g_strcmp0 (code, json_array_get_string_element (json_node_get_array (lists[1 - s]), j)) == 0;
        if (code == NULL || in_other || g_hash_table_contains (in_base, code))
          continue;

        from = base_from_entries (changes[0], changes[1], "member_changes", "id", code, &last);
        /* A member in base when the side that did not move has it, or when
         * the last change both know of made it one. */
        if ((from == BASE_OURS && s == 0) || (from == BASE_THEIRS && s == 1) ||
            (from == BASE_ENTRY &&
             g_strcmp0 (member_string (json_array_get_element (json_node_get_array (changes[0]), last), "change"),
                        "joined") == 0))
          {
            json_array_add_string_element (json_node_get_array (base_members), code);
            g_hash_table_add (in_base, (gpointer) code);
          }
      }
}

JsonNode *
atlas_merge_base_from_history (JsonNode *ours,
                               JsonNode *theirs)
{
  JsonNode *base = common_part (NULL, ours, theirs);
  JsonNode *partners;

  if (!atlas_json_is_object (base))
    return base;

  partners = json_object_get_member (json_node_get_object (base), "partners");
  for (guint i = 0; atlas_json_is_array (partners) && i < json_array_get_length (json_node_get_array (partners)); i++)
    {
      JsonNode *partner = json_array_get_element (json_node_get_array (partners), i);
      const char *id = member_string (partner, "id");
      JsonNode *sides[2] = { NULL, NULL };
      JsonNode *roots[2] = { ours, theirs };

      for (guint s = 0; s < 2; s++)
        {
          JsonNode *list = json_object_get_member (json_node_get_object (roots[s]), "partners");

          for (guint j = 0; atlas_json_is_array (list) && j < json_array_get_length (json_node_get_array (list)); j++)
            if (g_strcmp0 (member_string (json_array_get_element (json_node_get_array (list), j), "id"), id) == 0)
              sides[s] = json_array_get_element (json_node_get_array (list), j);
        }
      if (id != NULL && sides[0] != NULL && sides[1] != NULL)
        partner_base (json_node_get_object (partner), sides[0], sides[1]);
    }
  members_base (json_node_get_object (base), ours, theirs);

  return base;
}

/* Conflicts */

void
atlas_conflict_free (AtlasConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->path);
  g_free (conflict->partner_id);
  g_free (conflict->field);
  g_clear_pointer (&conflict->location, json_array_unref);
  g_clear_pointer (&conflict->base, json_node_unref);
  g_clear_pointer (&conflict->ours, json_node_unref);
  g_clear_pointer (&conflict->theirs, json_node_unref);
  g_free (conflict);
}

static void
append_side (GString    *line,
             const char *label,
             JsonNode   *value)
{
  g_string_append (line, label);
  g_string_append_c (line, ' ');
  if (value != NULL)
    atlas_json_append_escaped (line, value);
  else
    g_string_append (line, "absent");
}

char *
atlas_conflict_to_string (AtlasConflict *conflict)
{
  GString *line = g_string_new (conflict->path);

  g_string_append (line, ": ");
  append_side (line, "ours", conflict->ours);
  g_string_append (line, ", ");
  append_side (line, "theirs", conflict->theirs);
  g_string_append (line, " (");
  append_side (line, "base", conflict->base);
  g_string_append_c (line, ')');

  return g_string_free (line, FALSE);
}

JsonNode *
atlas_conflict_to_json (AtlasConflict *conflict)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "path", conflict->path);
  if (conflict->partner_id != NULL)
    json_object_set_string_member (object, "partner", conflict->partner_id);
  if (conflict->field != NULL)
    json_object_set_string_member (object, "field", conflict->field);
  json_object_set_array_member (object, "location", copy_location (conflict->location));
  if (conflict->base != NULL)
    json_object_set_member (object, "base", json_node_copy (conflict->base));
  if (conflict->ours != NULL)
    json_object_set_member (object, "ours", json_node_copy (conflict->ours));
  if (conflict->theirs != NULL)
    json_object_set_member (object, "theirs", json_node_copy (conflict->theirs));
  if (conflict->order)
    json_object_set_boolean_member (object, "order", TRUE);

  return json_node_init_object (json_node_alloc (), object);
}

AtlasConflict *
atlas_conflict_from_json (JsonNode *node)
{
  JsonObject *object;
  JsonNode *location;
  AtlasConflict *conflict;

  if (!atlas_json_is_object (node))
    return NULL;
  object = json_node_get_object (node);
  location = json_object_get_member (object, "location");
  if (member_string (node, "path") == NULL || !atlas_json_is_array (location))
    return NULL;

  conflict = g_new0 (AtlasConflict, 1);
  conflict->path = g_strdup (member_string (node, "path"));
  conflict->partner_id = g_strdup (member_string (node, "partner"));
  conflict->field = g_strdup (member_string (node, "field"));
  conflict->location = copy_location (json_node_get_array (location));
  conflict->base = dup_node (json_object_get_member (object, "base"));
  conflict->ours = dup_node (json_object_get_member (object, "ours"));
  conflict->theirs = dup_node (json_object_get_member (object, "theirs"));
  conflict->order = json_object_get_boolean_member_with_default (object, "order", FALSE) &&
                    atlas_json_is_array (conflict->ours) && atlas_json_is_array (conflict->theirs);

  return conflict;
}

/* Through the saved form rather than the dataset's unknown members, whose
 * representation is the loader's business: a scan of the text, and a
 * parse only when the list is there. */
GPtrArray *
atlas_merge_conflicts_from_bytes (GBytes *bytes)
{
  GPtrArray *conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_conflict_free);
  static const char needle[] = "\"merge_conflicts\"";
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *list;

  if (data == NULL || g_strstr_len (data, size, needle) == NULL)
    return conflicts;

  root = atlas_json_parse_bytes (data, size, NULL);
  list = atlas_json_is_object (root) ? json_object_get_member (json_node_get_object (root), "merge_conflicts") : NULL;

  for (guint i = 0; atlas_json_is_array (list) && i < json_array_get_length (json_node_get_array (list)); i++)
    {
      AtlasConflict *conflict = atlas_conflict_from_json (json_array_get_element (json_node_get_array (list), i));

      if (conflict != NULL)
        g_ptr_array_add (conflicts, conflict);
    }

  return conflicts;
}

GPtrArray *
atlas_dataset_dup_merge_conflicts (AtlasDataset *dataset)
{
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (dataset);

  return atlas_merge_conflicts_from_bytes (bytes);
}

void
atlas_dataset_clear_merge_conflicts (AtlasDataset *dataset)
{
  g_autoptr(JsonNode) tree = atlas_dataset_to_json (dataset);
  g_autoptr(AtlasDataset) cleared = NULL;

  if (!json_object_has_member (json_node_get_object (tree), "merge_conflicts"))
    return;

  json_object_remove_member (json_node_get_object (tree), "merge_conflicts");
  cleared = atlas_dataset_from_json (tree, NULL, NULL, NULL);
  if (cleared != NULL)
    atlas_extra_copy (dataset, cleared);
}
