/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "atlas-core.h"
#include "atlas-dataset-file.h"
#include "atlas-undo-stack.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_WINDOW (atlas_window_get_type ())

G_DECLARE_FINAL_TYPE (AtlasWindow, atlas_window, ATLAS, WINDOW, AdwApplicationWindow)

void          atlas_window_load_bundled (AtlasWindow *self);
void          atlas_window_load_file    (AtlasWindow *self,
                                         GFile       *file);
AtlasDataset *atlas_window_get_dataset  (AtlasWindow *self);
/* NULL for the bundled dataset, which is read-only. */
GFile        *atlas_window_get_file     (AtlasWindow *self);
/* The open document, and the undo stack every edit goes through; both
 * change when another file is opened (notify::dataset-file). */
AtlasDatasetFile *atlas_window_get_dataset_file (AtlasWindow *self);
AtlasUndoStack   *atlas_window_get_undo_stack   (AtlasWindow *self);
const char   *atlas_window_get_lens_id  (AtlasWindow *self);
void          atlas_window_set_lens_id  (AtlasWindow *self,
                                         const char  *lens_id);
/* The ISO code of the selected partner, shared by the list, the map and
 * the profile; NULL for none. */
const char   *atlas_window_get_selected_id (AtlasWindow *self);
void          atlas_window_set_selected_id (AtlasWindow *self,
                                            const char  *id);

/* Time (atlas-window-time.c): the date whose state the map, the list and
 * the profile show, YYYY-MM-DD; NULL for the latest state, which is also
 * what a date on or after the dataset's own becomes. */
const char   *atlas_window_get_as_of (AtlasWindow *self);
void          atlas_window_set_as_of (AtlasWindow *self,
                                      const char  *date);
/* The dataset as of that date (the open dataset itself at the latest
 * state): what the map, the list and the profile show. Replaced
 * (notify::shown-dataset) when the date changes, another dataset opens,
 * or an undo changes the past on show. */
AtlasDataset *atlas_window_get_shown_dataset (AtlasWindow *self);
/* Compare: the changes from @from (NULL: off) to the date on show, marked
 * on the map and listed. */
void          atlas_window_set_compare_from (AtlasWindow *self,
                                             const char  *from);

/* Where the window keeps its size, lens, sidebar, legend... and the recent
 * files: the application hands its settings to every window it takes in
 * (GtkApplication::window-added). NULL (a window outside the application,
 * as in the tests): nothing is kept. */
GSettings    *atlas_window_get_settings (AtlasWindow *self);
void          atlas_window_set_settings (AtlasWindow *self,
                                         GSettings   *settings);

/* Presentation mode: full screen, map only, large text, keyboard-driven. */
gboolean      atlas_window_get_presenting (AtlasWindow *self);
void          atlas_window_set_presenting (AtlasWindow *self,
                                           gboolean     presenting);
/* FALSE from entering or leaving presentation mode until the map, at its
 * new size, frames the world or the partner: what a screenshot of the
 * room's view waits for. */
gboolean      atlas_window_get_presentation_framed (AtlasWindow *self);

/* The print operation win.print runs with the print dialog: the whole
 * briefing of the open dataset through the current lens, on the paper the
 * Export dialog last used. Another action (export to a PDF file, as the
 * tests do) runs it without the dialog. */
GtkPrintOperation *atlas_window_create_print_operation (AtlasWindow *self);

G_END_DECLS
