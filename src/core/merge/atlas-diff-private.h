/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-diff.h"

G_BEGIN_DECLS

/* What the diff and the merge share: where they are in the tree, and lists
 * indexed by identity. */

/* Where a walk is: the steps from the root (borrowed from the trees
 * walked), rendered as a path or a location only when a change is
 * recorded, since most places visited have none. */
typedef struct
{
  GArray    *steps;
  char      *partner_id; /* while inside a partner */
} AtlasTreeCursor;

void        atlas_tree_cursor_init       (AtlasTreeCursor *cursor);
void        atlas_tree_cursor_clear      (AtlasTreeCursor *cursor);
/* Returns what atlas_tree_cursor_pop () needs to come back. */
guint       atlas_tree_cursor_push_member (AtlasTreeCursor *cursor,
                                           const char      *name);
guint       atlas_tree_cursor_push_entry  (AtlasTreeCursor *cursor,
                                           const char      *list_name,
                                           const char      *key,
                                           JsonNode        *element);
/* The keys of a list's entries (as atlas_keyed_list_init () gives them),
 * made only when asked for, and then only up to the entry asked for. */
typedef struct
{
  const char *list_name;
  JsonArray  *list;
  GPtrArray  *keys;
  GHashTable *counts;
} AtlasListKeys;

void        atlas_list_keys_init          (AtlasListKeys   *keys,
                                           const char      *list_name,
                                           JsonArray       *list);
void        atlas_list_keys_clear         (AtlasListKeys   *keys);
const char *atlas_list_keys_get           (AtlasListKeys   *keys,
                                           guint            index);

/* The entry at @index of @keys' list, whose key is made only if a path or
 * a location is asked for (@keys outlives the step). */
guint       atlas_tree_cursor_push_entry_at (AtlasTreeCursor *cursor,
                                             AtlasListKeys   *keys,
                                             guint            index);
void        atlas_tree_cursor_pop         (AtlasTreeCursor *cursor,
                                           guint            mark);
guint       atlas_tree_cursor_get_depth   (AtlasTreeCursor *cursor);
/* partners[JP].indicators.wcit_2012, escaped for people */
char       *atlas_tree_cursor_dup_path    (AtlasTreeCursor *cursor);
JsonArray  *atlas_tree_cursor_dup_location (AtlasTreeCursor *cursor);
/* The partner field at the cursor ("indicators.wcit_2012", "documents"), or NULL. */
char       *atlas_tree_cursor_dup_field   (AtlasTreeCursor *cursor);

/* A list by identity: keys in list order (a second entry with the same
 * identity gets "#2"...), and key -> element, key -> position. */
typedef struct
{
  GPtrArray  *keys;
  GHashTable *elements;
  GHashTable *positions;
} AtlasKeyedList;

void        atlas_keyed_list_init   (AtlasKeyedList *list,
                                     const char     *list_name,
                                     JsonArray      *array);
void        atlas_keyed_list_clear  (AtlasKeyedList *list);
JsonNode   *atlas_keyed_list_get    (AtlasKeyedList *list,
                                     const char     *key);

/* NULL (absent) equals only NULL. */
gboolean    atlas_json_equal        (JsonNode       *a,
                                     JsonNode       *b);
gboolean    atlas_json_is_object    (JsonNode       *node);
gboolean    atlas_json_is_array     (JsonNode       *node);
JsonNode   *atlas_json_parse_bytes  (const char     *data,
                                     gsize           size,
                                     GError        **error);

/* History entries (JSON nodes) sorted by date; entries of the same date
 * keep their order. A new array of copies. */
JsonArray  *atlas_history_sorted_by_date (GPtrArray     *entries);
/* A partner's value of a history field, and whether the field is one whose
 * history must chain (the issue on time: indicators, assessment, name). */
JsonNode   *atlas_history_field_value    (JsonNode      *partner,
                                          const char    *field,
                                          gboolean      *chained);

G_END_DECLS
