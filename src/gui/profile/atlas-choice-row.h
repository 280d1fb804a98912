/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_CHOICE_ROW (atlas_choice_row_get_type ())

G_DECLARE_FINAL_TYPE (AtlasChoiceRow, atlas_choice_row, ATLAS, CHOICE_ROW, AdwActionRow)

/* A row that picks one of @choices in a flat drop-down named by the
 * row's title; nothing is picked at first. "selected" (a position, or
 * GTK_INVALID_LIST_POSITION) is notified as it changes. */
GtkWidget   *atlas_choice_row_new           (const char     *title,
                                             GListModel     *choices);
GtkDropDown *atlas_choice_row_get_drop_down (AtlasChoiceRow *self);
guint        atlas_choice_row_get_selected  (AtlasChoiceRow *self);
void         atlas_choice_row_set_selected  (AtlasChoiceRow *self,
                                             guint           position);

G_END_DECLS
