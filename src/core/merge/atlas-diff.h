/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "atlas-dataset.h"

G_BEGIN_DECLS

/* What differs between two datasets, field by field (README.md, "Comparing
 * and merging datasets").
 *
 * Both sides are compared in the JSON form they are saved in, so every
 * field of the format and every unknown key kept from a newer file is
 * covered by one walk. List entries are matched by identity, not position
 * (atlas_diff_identity ()): a reordering is reported as moves.
 *
 * A change's location is a JSON array of steps from the root: a string is
 * an object member, an object {"key": IDENTITY} the list entry with that
 * identity; atlas_diff_change_apply () follows it.
 */

typedef enum
{
  ATLAS_DIFF_ADDED,
  ATLAS_DIFF_REMOVED,
  ATLAS_DIFF_CHANGED,
  ATLAS_DIFF_MOVED,
} AtlasDiffKind;

typedef struct
{
  AtlasDiffKind kind;
  char           *path;        /* partners[JP].indicators.budapest_convention */
  char           *partner_id;  /* NULL outside partners */
  char           *field;       /* within the partner: "indicators.wcit_2012", "documents"...; NULL outside */
  JsonArray      *location;
  JsonNode       *old_value;   /* NULL when added */
  JsonNode       *new_value;   /* NULL when removed */
  int             old_position; /* list entries: index in the old list, else -1 */
  int             new_position; /* list entries: index in the new list, else -1 */
} AtlasDiffChange;

void         atlas_diff_change_free        (AtlasDiffChange  *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasDiffChange, atlas_diff_change_free)

/* The dataset as the JSON tree it is saved as (a new node). */
JsonNode    *atlas_dataset_to_json    (AtlasDataset *dataset);
/* The trees of @n versions of one dataset, as atlas_dataset_to_json ()
 * makes them, into @trees (new references): a container whose saved text
 * is the same as the first version's at the same place in the tree is the
 * first's node itself, so what did not change compares at once and is
 * built once. The trees share nodes: not to be changed in place. */
void         atlas_datasets_to_json_shared (AtlasDataset **datasets,
                                            guint          n,
                                            JsonNode     **trees);
/* Back again, checked like any load (NULL with an error if invalid). */
AtlasDataset *atlas_dataset_from_json (JsonNode     *root,
                                       const char   *display_name,
                                       GPtrArray   **problems,
                                       GError      **error);

/* The changes from @a to @b, in document order: a new array of AtlasDiffChange. */
GPtrArray   *atlas_diff_json          (JsonNode     *a,
                                       JsonNode     *b);
GPtrArray   *atlas_diff_datasets      (AtlasDataset *a,
                                       AtlasDataset *b);

/* One line: `PATH: OLD -> NEW`, `PATH: added VALUE`, `PATH: removed VALUE`,
 * `PATH: moved from I to J`. Dataset text is escaped for a terminal. */
char        *atlas_diff_change_to_string   (AtlasDiffChange  *change);
/* {"kind": ..., "path": ..., "partner": ..., "old": ..., "new": ...} */
JsonNode    *atlas_diff_change_to_json     (AtlasDiffChange  *change);

/* Applies @change (made from the old side) to @root, a tree of the old side
 * that this call may modify. FALSE with an error when the location is gone. */
gboolean     atlas_diff_change_apply       (AtlasDiffChange  *change,
                                       JsonNode     *root,
                                       GError      **error);

/* The identity of a list entry within the list named @list_name: a
 * partner, source, lens or category by its id; a source reference by id and
 * locator; a document by title and year; a dialogue by name; an agreement by
 * kind and title; a dialogue round by date; anything else (history
 * entries, members, unknown lists) by its whole value. */
char        *atlas_diff_identity      (const char   *list_name,
                                       JsonNode     *element);

/* A copy of @node sharing nothing with it, for a tree to modify. */
JsonNode    *atlas_json_deep_copy     (JsonNode     *node);

/* Compact JSON of @node for a terminal or a log: control characters,
 * C1 controls and bidirectional overrides escaped as \uXXXX. */
void         atlas_json_append_escaped (GString     *out,
                                        JsonNode    *node);

G_END_DECLS
