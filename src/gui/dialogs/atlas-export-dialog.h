/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "atlas-core.h"
#include "atlas-export.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_EXPORT_DIALOG (atlas_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasExportDialog, atlas_export_dialog, ATLAS, EXPORT_DIALOG, AdwWindow)

/* The Export dialog: format, lens, partners (all, the selected one, or a
 * chosen set), layout; "Export…" asks for a file name, then exports a copy
 * of @dataset in a worker thread with progress and Cancel. The last choices
 * are kept in @settings (export-format, export-lens, export-size,
 * export-paper, export-folder) when given. "exported" (GFile *file) is
 * emitted on success, just before the dialog closes; an error is shown and
 * the dialog stays. @lens_id is the map's lens, @selected_id the partner
 * selected in the window (both nullable). */
AtlasExportDialog  *atlas_export_dialog_new         (GtkWindow         *parent,
                                                     AtlasDataset      *dataset,
                                                     const char        *lens_id,
                                                     const char        *selected_id,
                                                     GSettings         *settings);
/* The options as chosen; a new object */
AtlasExportOptions *atlas_export_dialog_get_options (AtlasExportDialog *self);
/* Exports to @file without asking for a name (what "Export…" does once
 * a name is chosen; tests call it directly). */
void                atlas_export_dialog_export_to   (AtlasExportDialog *self,
                                                     GFile             *file);
gboolean            atlas_export_dialog_is_busy     (AtlasExportDialog *self);
/* The date the export shows (YYYY-MM-DD; NULL: the latest state); the
 * window passes the date it shows. */
void                atlas_export_dialog_set_as_of   (AtlasExportDialog *self,
                                                     const char        *date);

G_END_DECLS
