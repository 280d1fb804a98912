/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the buttons under an entry's fields do */
typedef enum
{
  ATLAS_ENTRY_MOVE_UP,
  ATLAS_ENTRY_MOVE_DOWN,
  ATLAS_ENTRY_REMOVE,
} AtlasEntryAction;

#define ATLAS_TYPE_SECTION_ROW (atlas_section_row_get_type ())

G_DECLARE_FINAL_TYPE (AtlasSectionRow, atlas_section_row, ATLAS, SECTION_ROW, AdwExpanderRow)

/* The editor's row of one entry of a list (a document, a dialogue...): it
 * opens on the entry's fields, with the buttons that move it up or down
 * and remove it under them (their names and tooltips the labels given);
 * "entry-action" (an AtlasEntryAction) says which was clicked. */
GtkWidget *atlas_section_row_new          (const char           *up_label,
                                                 const char           *down_label,
                                                 const char           *remove_label);
/* Adds @row (a field, a round...) after the others, above the buttons. */
void       atlas_section_row_add          (AtlasSectionRow *self,
                                                 GtkWidget            *row);
void       atlas_section_row_set_movable  (AtlasSectionRow *self,
                                                 gboolean              up,
                                                 gboolean              down);
/* Puts the keyboard on the button of @action; FALSE (and nothing done)
 * when that button is off. */
gboolean   atlas_section_row_focus_action (AtlasSectionRow *self,
                                                 AtlasEntryAction      action);

G_END_DECLS
