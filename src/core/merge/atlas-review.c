/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Taking changes one by one (atlas-review.h): the model behind the Review
 * Changes window, kept here so that it needs no display to test. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-diff-private.h"
#include "atlas-review.h"

/* The location's first steps are the members @a, @b. */
static gboolean
location_starts (AtlasDiffChange *change,
                 const char      *a,
                 const char      *b)
{
  return json_array_get_length (change->location) >= 3 &&
         g_strcmp0 (json_array_get_string_element (change->location, 0), a) == 0 &&
         g_strcmp0 (json_array_get_string_element (change->location, 1), b) == 0;
}

/* A partner's history or the subject's member changes: the whole list
 * (@list TRUE), or one entry of it. */
static gboolean
is_history_list (AtlasDiffChange *change,
                 gboolean         list)
{
  guint n = json_array_get_length (change->location);
  guint depth = list ? n : n - 1;

  if (change->partner_id != NULL && g_strcmp0 (change->field, "history") == 0)
    return depth == 3;
  return depth == 2 &&
         g_strcmp0 (json_array_get_string_element (change->location, 0), "subject") == 0 &&
         g_strcmp0 (json_array_get_string_element (change->location, 1), "member_changes") == 0;
}

gboolean
atlas_diff_change_is_history (AtlasDiffChange *change)
{
  return json_array_get_length (change->location) > 0 &&
         JSON_NODE_HOLDS_OBJECT (json_array_get_element (change->location, json_array_get_length (change->location) - 1)) &&
         is_history_list (change, FALSE);
}

/* A history list added or removed as a whole, as its entries. */
static void
split_list (AtlasDiffChange *change,
            GPtrArray       *owner)
{
  JsonNode *value = change->new_value ? change->new_value : change->old_value;
  JsonArray *list = json_node_get_array (value);
  const char *list_name = json_array_get_string_element (change->location,
                                                         json_array_get_length (change->location) - 1);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      AtlasDiffChange *entry = g_new0 (AtlasDiffChange, 1);
      g_autofree char *key = atlas_diff_identity (list_name, element);
      JsonObject *step = json_object_new ();
      g_autoptr(GString) path = g_string_new (change->path);

      entry->kind = change->kind;
      entry->partner_id = g_strdup (change->partner_id);
      entry->field = g_strdup (change->field);
      entry->location = json_array_sized_new (json_array_get_length (change->location) + 1);
      for (guint j = 0; j < json_array_get_length (change->location); j++)
        json_array_add_element (entry->location, json_node_copy (json_array_get_element (change->location, j)));
      json_object_set_string_member (step, "key", key);
      json_array_add_object_element (entry->location, step);
      g_string_append_printf (path, "[%u]", i + 1);
      entry->path = g_string_free (g_steal_pointer (&path), FALSE);
      if (change->new_value != NULL)
        entry->new_value = json_node_copy (element);
      else
        entry->old_value = json_node_copy (element);
      entry->old_position = change->old_value ? (int) i : -1;
      entry->new_position = change->new_value ? (int) i : -1;
      g_ptr_array_add (owner, entry);
    }
}

void
atlas_review_split (GPtrArray *changes,
                    GPtrArray *values,
                    GPtrArray *history)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  guint n = changes->len;

  for (guint i = 0; i < n; i++)
    {
      AtlasDiffChange *change = g_ptr_array_index (changes, i);
      JsonNode *value = change->new_value ? change->new_value : change->old_value;

      if (g_str_has_prefix (change->path, "merge_conflicts"))
        continue;
      if (change->kind != ATLAS_DIFF_MOVED && change->kind != ATLAS_DIFF_CHANGED &&
          atlas_json_is_array (value) && is_history_list (change, TRUE))
        {
          guint first = changes->len;

          split_list (change, changes);
          for (guint j = first; j < changes->len; j++)
            g_ptr_array_add (entries, g_ptr_array_index (changes, j));
          continue;
        }
      if (atlas_diff_change_is_history (change))
        g_ptr_array_add (entries, change);
      else
        g_ptr_array_add (values, change);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      AtlasDiffChange *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (atlas_review_entry_goes_with (entry, values) ? history : values, entry);
    }
}

static char *field_key (const char *partner_id,
                        const char *field);

/* History and what it records go together under one key: a partner's
 * field ("JP", "indicators.wcit_2012"), or a country's membership of the
 * subject. */
#define SUBJECT_KEY "\x1esubject"

static char *
value_key (AtlasDiffChange *change)
{
  JsonNode *value = change->new_value ? change->new_value : change->old_value;

  if (change->partner_id != NULL && change->field != NULL)
    return field_key (change->partner_id, change->field);
  if (location_starts (change, "subject", "members") && value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_STRING)
    return field_key (SUBJECT_KEY, json_node_get_string (value));

  return NULL;
}

static char *
entry_key (AtlasDiffChange *entry)
{
  JsonNode *value = entry->new_value ? entry->new_value : entry->old_value;
  const char *name;

  if (!atlas_json_is_object (value))
    return NULL;
  if (entry->partner_id != NULL)
    {
      name = json_object_get_string_member_with_default (json_node_get_object (value), "field", NULL);
      return name != NULL ? field_key (entry->partner_id, name) : NULL;
    }
  name = json_object_get_string_member_with_default (json_node_get_object (value), "id", NULL);

  return name != NULL ? field_key (SUBJECT_KEY, name) : NULL;
}

gboolean
atlas_review_entry_goes_with (AtlasDiffChange *entry,
                              GPtrArray       *changes)
{
  g_autofree char *key = entry_key (entry);

  for (guint i = 0; key != NULL && i < changes->len; i++)
    {
      g_autofree char *other = value_key (g_ptr_array_index (changes, i));

      if (g_strcmp0 (key, other) == 0)
        return TRUE;
    }

  return FALSE;
}

AtlasDiffChange *
atlas_conflict_to_change (AtlasConflict *conflict)
{
  AtlasDiffChange *change = g_new0 (AtlasDiffChange, 1);
  guint n = json_array_get_length (conflict->location);

  change->kind = conflict->order ? ATLAS_DIFF_MOVED
               : conflict->ours == NULL ? ATLAS_DIFF_ADDED
               : conflict->theirs == NULL ? ATLAS_DIFF_REMOVED : ATLAS_DIFF_CHANGED;
  change->path = g_strdup (conflict->path);
  change->partner_id = g_strdup (conflict->partner_id);
  change->field = g_strdup (conflict->field);
  change->location = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    json_array_add_element (change->location, json_node_copy (json_array_get_element (conflict->location, i)));
  change->old_value = conflict->ours ? json_node_copy (conflict->ours) : NULL;
  change->new_value = conflict->theirs ? json_node_copy (conflict->theirs) : NULL;
  change->old_position = -1;
  /* An entry ours removed comes back at the end of its list. */
  change->new_position = G_MAXINT;

  return change;
}

static JsonObject *
find_partner (JsonNode   *root,
              const char *id)
{
  JsonNode *partners = json_object_get_member (json_node_get_object (root), "partners");

  for (guint i = 0; atlas_json_is_array (partners) && i < json_array_get_length (json_node_get_array (partners)); i++)
    {
      JsonNode *partner = json_array_get_element (json_node_get_array (partners), i);

      if (atlas_json_is_object (partner) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (partner), "id", NULL), id) == 0)
        return json_node_get_object (partner);
    }

  return NULL;
}

static char *
field_key (const char *partner_id,
           const char *field)
{
  return g_strconcat (partner_id, "\x1f", field, NULL);
}

/* An accepted value change whose history has no entry ending at the new
 * value gets one. */
static void
record_in_history (JsonObject  *partner,
                   AtlasDiffChange *change,
                   const char  *date,
                   const char  *source)
{
  g_autoptr(JsonNode) partner_node = json_node_init_object (json_node_alloc (), partner);
  JsonNode *history = json_object_get_member (partner, "history");
  JsonNode *last_new = NULL;
  JsonNode *value;
  gboolean chained, found = FALSE;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  JsonObject *entry;

  value = atlas_history_field_value (partner_node, change->field, &chained);
  if (!chained)
    return;

  for (guint i = 0; atlas_json_is_array (history) && i < json_array_get_length (json_node_get_array (history)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (history), i);

      g_ptr_array_add (entries, node);
      if (g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (node), "field", NULL),
                     change->field) == 0)
        {
          last_new = json_object_get_member (json_node_get_object (node), "new");
          found = TRUE;
        }
    }

  if (found && ((last_new == NULL || JSON_NODE_HOLDS_NULL (last_new))
                ? (value == NULL || JSON_NODE_HOLDS_NULL (value))
                : (value != NULL && json_node_equal (last_new, value))))
    return;

  entry = json_object_new ();
  json_object_set_string_member (entry, "date", date);
  json_object_set_string_member (entry, "field", change->field);
  json_object_set_member (entry, "old", change->old_value ? json_node_copy (change->old_value)
                                                          : json_node_init_null (json_node_alloc ()));
  json_object_set_member (entry, "new", value ? json_node_copy (value)
                                              : json_node_init_null (json_node_alloc ()));
  json_object_set_string_member (entry, "source", source);
  g_ptr_array_add (entries, json_node_init_object (json_node_alloc (), entry));
  json_object_set_array_member (partner, "history", atlas_history_sorted_by_date (entries));
  json_node_unref (g_ptr_array_index (entries, entries->len - 1));
  json_object_unref (entry);
}

static gboolean
apply_all (JsonNode   *root,
           GPtrArray  *changes,
           GError    **error)
{
  for (guint i = 0; i < changes->len; i++)
    if (!atlas_diff_change_apply (g_ptr_array_index (changes, i), root, error))
      return FALSE;

  return TRUE;
}

gboolean
atlas_review_apply (JsonNode    *ours,
                    GPtrArray   *accepted,
                    GPtrArray   *history,
                    const char  *date,
                    const char  *source,
                    GError     **error)
{
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  for (guint i = 0; i < accepted->len; i++)
    {
      char *key = value_key (g_ptr_array_index (accepted, i));

      if (key != NULL)
        g_hash_table_add (fields, key);
    }

  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      AtlasDiffChange *change = g_ptr_array_index (history, i);
      g_autofree char *key = entry_key (change);

      if (key != NULL && g_hash_table_contains (fields, key))
        g_ptr_array_add (entries, change);
    }

  if (!apply_all (ours, accepted, error) || !apply_all (ours, entries, error))
    return FALSE;

  for (guint i = 0; i < accepted->len; i++)
    {
      AtlasDiffChange *change = g_ptr_array_index (accepted, i);
      JsonObject *partner;

      if (change->partner_id == NULL || change->field == NULL)
        continue;
      partner = find_partner (ours, change->partner_id);
      if (partner != NULL)
        record_in_history (partner, change, date, source);
    }

  /* As the editor does: a change dated after the dataset's date moves
   * the date to it (no history entry may come after as_of). */
  if (atlas_json_is_object (ours) && date != NULL &&
      g_strcmp0 (date, json_object_get_string_member_with_default (json_node_get_object (ours), "as_of", "")) > 0)
    for (guint i = 0; i < accepted->len; i++)
      {
        AtlasDiffChange *change = g_ptr_array_index (accepted, i);
        JsonObject *partner = change->partner_id ? find_partner (ours, change->partner_id) : NULL;
        JsonNode *list = partner ? json_object_get_member (partner, "history") : NULL;
        JsonArray *entries_of = atlas_json_is_array (list) ? json_node_get_array (list) : NULL;

        for (guint j = 0; entries_of != NULL && j < json_array_get_length (entries_of); j++)
          if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (entries_of, j),
                                                                     "date", ""), date) == 0)
            {
              json_object_set_string_member (json_node_get_object (ours), "as_of", date);
              break;
            }
      }

  /* Entries came in where they stood in the other list: date order again. */
  for (guint i = 0; i < accepted->len; i++)
    {
      AtlasDiffChange *change = g_ptr_array_index (accepted, i);
      JsonObject *partner = change->partner_id ? find_partner (ours, change->partner_id) : NULL;
      JsonNode *list = partner ? json_object_get_member (partner, "history") : NULL;
      g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

      if (!atlas_json_is_array (list))
        continue;
      for (guint j = 0; j < json_array_get_length (json_node_get_array (list)); j++)
        g_ptr_array_add (nodes, json_array_get_element (json_node_get_array (list), j));
      json_object_set_array_member (partner, "history", atlas_history_sorted_by_date (nodes));
    }

  return TRUE;
}
