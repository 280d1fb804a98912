/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-merge.h"

G_BEGIN_DECLS

/* What "Review Changes" does with the user's choices, without a display:
 * the changes a merge (or a colleague's copy) brings, taken one by one.
 *
 * History entries are not chosen on their own: an entry goes with the
 * change it records (same partner and field), so that history stays true to
 * the values. An accepted change of an indicator, the assessment or the
 * name that brings no entry of its own gets one, dated @date, with @source;
 * a @date after the dataset's as_of moves as_of to it, as the editor does.
 */

/* TRUE for a change inside a partner's history, or in the subject's
 * member changes (the history of its membership). */
gboolean     atlas_diff_change_is_history   (AtlasDiffChange   *change);
/* Sorts @changes (a diff from your dataset to the one to take from, of
 * AtlasDiffChange; kept by the caller) for review: into @values what can
 * be taken one by one, including history entries that record none of the
 * other changes; into @history the entries that go with a value change.
 * A whole history list that one side lacks is split into its entries
 * (new changes, which @changes then owns). Recorded merge conflicts are
 * left out: they are settled on their own. */
void         atlas_review_split             (GPtrArray         *changes,
                                             GPtrArray         *values,
                                             GPtrArray         *history);
/* Whether the history entry @entry records one of @changes (a partner's
 * field; a country joining or leaving the subject), and so goes with it.
 * An entry that goes with none is a change of its own. */
gboolean     atlas_review_entry_goes_with   (AtlasDiffChange   *entry,
                                             GPtrArray         *changes);

/* The change that settles @conflict with theirs' value. */
AtlasDiffChange *atlas_conflict_to_change  (AtlasConflict *conflict);

/* Applies @accepted (AtlasDiffChange: values, and history entries taken on
 * their own) and the entries of @history (AtlasDiffChange, history only)
 * that go with them to @ours, a tree the call modifies. */
gboolean     atlas_review_apply        (JsonNode      *ours,
                                        GPtrArray     *accepted,
                                        GPtrArray     *history,
                                        const char    *date,
                                        const char    *source,
                                        GError       **error);

G_END_DECLS
