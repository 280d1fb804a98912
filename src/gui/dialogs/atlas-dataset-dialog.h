/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "atlas-undo-stack.h"

G_BEGIN_DECLS

/* The "Dataset" dialog: the dataset's title, its "as of" date and the
 * works it cites, each change an undoable command of @undo_stack. */

#define ATLAS_TYPE_DATASET_DIALOG (atlas_dataset_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasDatasetDialog, atlas_dataset_dialog, ATLAS, DATASET_DIALOG,
                      AdwPreferencesWindow)

GtkWidget *atlas_dataset_dialog_new (GtkWindow      *parent,
                                     AtlasUndoStack *undo_stack);

G_END_DECLS
