/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-merge.h"
#include "atlas-undo-stack.h"

G_BEGIN_DECLS

/* Review Changes: what another version of the dataset brings to yours,
 * listed by partner with your value and theirs side by side and theirs'
 * source; conflicts first, each settled by picking a side. Apply takes what
 * was accepted through the undo stack (history entries for indicators and
 * the assessment come with it, see atlas-review.h).
 *
 * @merged is what your dataset would become with every change taken (a
 * three-way merge's result, against a base file or one rebuilt from both
 * sides' history: atlas_merge_base_from_history ()). @conflicts (nullable)
 * are a merge's, kept as yours in @merged. @source_name names theirs.
 *
 * Signal "applied" () once the choices are in the dataset. */

#define ATLAS_TYPE_REVIEW_WINDOW (atlas_review_window_get_type ())

G_DECLARE_FINAL_TYPE (AtlasReviewWindow, atlas_review_window, ATLAS, REVIEW_WINDOW, AdwWindow)

GtkWidget *atlas_review_window_new (GtkWindow      *parent,
                                    AtlasUndoStack *stack,
                                    JsonNode       *merged,
                                    GPtrArray      *conflicts,
                                    const char     *source_name);

G_END_DECLS
