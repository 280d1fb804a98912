/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-diff.h"

G_BEGIN_DECLS

/* Three-way merge of datasets (README.md, "Comparing and merging
 * datasets"): a change made on one side only is taken, the same change on
 * both sides once; different changes to the same field are a conflict,
 * kept as ours in the result and reported with both values and the base,
 * never resolved silently. History entries of both sides are united in date
 * order and must chain; where they do not, the field is a conflict.
 *
 * The result carries its conflicts in the top-level "merge_conflicts"
 * list, so that whoever opens the file sees them: each
 * {"path", "partner", "field", "location", "base", "ours", "theirs"}, a
 * value left out when that side has none.
 */

#define ATLAS_MERGE_ERROR (atlas_merge_error_quark ())

typedef enum
{
  /* The merged dataset breaks the format's rules: nothing to write. */
  ATLAS_MERGE_ERROR_INVALID,
} AtlasMergeError;

GQuark atlas_merge_error_quark (void);

typedef struct
{
  char      *path;       /* partners[JP].indicators.budapest_convention */
  char      *partner_id; /* NULL outside partners */
  char      *field;      /* within the partner, or NULL */
  JsonArray *location;   /* as an AtlasDiffChange's */
  JsonNode  *base;       /* NULL: that side has no value there */
  JsonNode  *ours;
  JsonNode  *theirs;
  /* Both sides reordered the list at @location differently: base, ours
   * and theirs are arrays of the entries' identities, in order. */
  gboolean   order;
} AtlasConflict;

void           atlas_conflict_free           (AtlasConflict *conflict);
/* `PATH: ours VALUE, theirs VALUE (base VALUE)`, escaped for a terminal. */
char          *atlas_conflict_to_string      (AtlasConflict *conflict);
JsonNode      *atlas_conflict_to_json        (AtlasConflict *conflict);
AtlasConflict *atlas_conflict_from_json      (JsonNode      *node);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasConflict, atlas_conflict_free)

/* The merge of three trees (atlas_dataset_to_json ()). Returns the merged
 * tree, with "merge_conflicts" when @conflicts (a new array of
 * AtlasConflict) is not empty. Nothing is checked: see atlas_merge (). */
JsonNode      *atlas_merge_json              (JsonNode      *base,
                                              JsonNode      *ours,
                                              JsonNode      *theirs,
                                              GPtrArray    **conflicts);

/* The version both sides started from, as far as their history tells,
 * for a merge of two copies without a base file: what both hold alike;
 * for a field whose history chains (an indicator, the assessment, the
 * name), the value of the side that did not move on since they parted
 * (its entries are all in the other's, which has more), else the value
 * the last entry both have left it at; for a country one lists as a
 * member and the other not, the same from the member changes. A value
 * the sides give differently with nothing to tell stays out, so the
 * merge asks about it; what only one side has is that side's addition,
 * and nothing is removed. A new tree. */
JsonNode      *atlas_merge_base_from_history (JsonNode      *ours,
                                              JsonNode      *theirs);

/* Merges and checks the result like any save. NULL with
 * ATLAS_MERGE_ERROR_INVALID (and the problems, when asked) if the merged
 * dataset would not be valid. */
AtlasDataset  *atlas_merge                   (AtlasDataset  *base,
                                              AtlasDataset  *ours,
                                              AtlasDataset  *theirs,
                                              GPtrArray    **conflicts,
                                              GPtrArray    **problems,
                                              GError       **error);

/* The conflicts a merge left in @dataset's file (a new array of
 * AtlasConflict, empty when none), and forgetting them once resolved. */
GPtrArray     *atlas_dataset_dup_merge_conflicts   (AtlasDataset  *dataset);
/* The same from a dataset's saved form. */
GPtrArray     *atlas_merge_conflicts_from_bytes    (GBytes        *bytes);
void           atlas_dataset_clear_merge_conflicts (AtlasDataset  *dataset);

G_END_DECLS
