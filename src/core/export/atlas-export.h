/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-export-options.h"

G_BEGIN_DECLS

/* Exports: a dataset (or some of its partners) written as a PDF briefing, a
 * map image (PNG, SVG), a table (CSV), outlines (GeoJSON) or profiles in the
 * dataset format (JSON). The app, the command line and the benchmark all go
 * through atlas_export_to_file (), so they write the same bytes; printing
 * draws the same briefing pages (atlas-briefing.h). The options are in
 * atlas-export-options.h; atlas-export.c hands the export to one writer per
 * format (atlas-export-writers.h), which share atlas-export-job.h.
 *
 * Nothing here needs a display, and an export may run in a worker thread
 * as long as nothing changes the dataset meanwhile: the app exports a copy
 * (atlas_export_copy_dataset ()).
 */

/* Renders the export in memory. */
GBytes       *atlas_export_to_bytes     (AtlasDataset             *dataset,
                                         AtlasExportOptions       *options,
                                         GCancellable             *cancellable,
                                         AtlasExportProgressFunc   progress,
                                         gpointer                  user_data,
                                         GError                  **error);

/* Renders the export and writes it to @file through a temporary file in
 * the same folder, renamed over @file only once complete: a failed or
 * cancelled export leaves @file as it was and no stray file behind. */
gboolean      atlas_export_to_file      (AtlasDataset             *dataset,
                                         AtlasExportOptions       *options,
                                         GFile                    *file,
                                         GCancellable             *cancellable,
                                         AtlasExportProgressFunc   progress,
                                         gpointer                  user_data,
                                         GError                  **error);

/* The write atlas_export_to_file () uses: atlas_safe_write () (a symlink
 * followed, permissions kept, only a regular file replaced, no backup). */
gboolean      atlas_export_write_bytes  (GFile                    *file,
                                         GBytes                   *bytes,
                                         GCancellable             *cancellable,
                                         GError                  **error);

/* The texts and the copy below are in atlas-export-job.c, with what the
 * writers share. */

/* The dataset's citation as one line of plain text: title, date, version
 * and the works it cites (what "Copy Citation" puts on the clipboard). */
char         *atlas_export_citation_text (AtlasDataset            *dataset);

/* A deep copy of the dataset, keeping only the given partners (NULL: all),
 * and every source, lens and unknown key: what a JSON export writes, and
 * what the app hands a worker thread. */
AtlasDataset *atlas_export_copy_dataset (AtlasDataset             *dataset,
                                         const char * const       *partner_ids);

G_END_DECLS
