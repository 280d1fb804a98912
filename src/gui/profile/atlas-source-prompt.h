/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-undo-stack.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_SOURCE_PROMPT (atlas_source_prompt_get_type ())

G_DECLARE_FINAL_TYPE (AtlasSourcePrompt, atlas_source_prompt, ATLAS, SOURCE_PROMPT, GtkPopover)

#define ATLAS_TYPE_SOURCE_PROMPT_ROW (atlas_source_prompt_row_get_type ())

G_DECLARE_FINAL_TYPE (AtlasSourcePromptRow, atlas_source_prompt_row, ATLAS, SOURCE_PROMPT_ROW, AdwEntryRow)

/* Asking where a change comes from when it is made, rather than in a row
 * of the editor that is easily missed: the answer becomes the undo stack's
 * change source, and the partner's changes of this session recorded
 * without a source take it (atlas_undo_stack_fill_missing_sources ()).
 *
 * A popover on @anchor (an indicator's drop-down, just changed). */
void       atlas_source_prompt_popup   (GtkWidget      *anchor,
                                        AtlasUndoStack *stack,
                                        AtlasPartner   *partner);

/* A row that asks the same under a field being typed in (the assessment),
 * without taking the focus from it; hidden until shown, and again once
 * answered. */
GtkWidget *atlas_source_prompt_row_new (AtlasUndoStack *stack,
                                        AtlasPartner   *partner);

G_END_DECLS
