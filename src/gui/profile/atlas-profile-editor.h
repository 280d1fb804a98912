/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"
#include "atlas-undo-stack.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_PROFILE_EDITOR (atlas_profile_editor_get_type ())

G_DECLARE_FINAL_TYPE (AtlasProfileEditor, atlas_profile_editor, ATLAS, PROFILE_EDITOR, GtkWidget)

/* The form for @partner of @dataset; every change goes through @undo_stack. */
GtkWidget *atlas_profile_editor_new  (AtlasDataset       *dataset,
                                      AtlasUndoStack     *undo_stack,
                                      AtlasPartner       *partner);
/* Brings the form in line with the partner after it changed (an edit, an
 * undo): a list section is rebuilt only when its length changed. */
void       atlas_profile_editor_sync (AtlasProfileEditor *self);

G_END_DECLS
