/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-dataset.h"
#include "atlas-format-rules.h"
#include "atlas-problem.h"

G_BEGIN_DECLS

/* Reading and writing the dataset format (README.md, "The dataset format").
 *
 * Loading validates strictly: on failure it returns NULL with an error in
 * ATLAS_DATASET_ERROR whose message sums up the problems, and, when
 * @problems is given, sets it to a new array of every AtlasProblem found
 * (also for NOT_JSON, TOO_DEEP, TOO_LARGE and TOO_NEW, with one entry). On
 * success *@problems is set to NULL. @display_name is the "file" of the
 * problems ("dataset.json", a path the user typed...).
 *
 * Saving writes canonical JSON: the same dataset gives the same bytes.
 */

/* Files larger than this are refused with ATLAS_DATASET_ERROR_TOO_LARGE. */
#define ATLAS_DATASET_MAX_SIZE (64 * 1024 * 1024)
/* Arrays and objects nested deeper than this are refused with
 * ATLAS_DATASET_ERROR_TOO_DEEP; the format itself needs 5 levels. */
#define ATLAS_DATASET_MAX_DEPTH 64
/* The newest schema_version this app reads and the one it writes. */
#define ATLAS_DATASET_SCHEMA_VERSION 1

AtlasDataset *atlas_dataset_load_bytes       (GBytes               *bytes,
                                              const char           *display_name,
                                              GPtrArray           **problems,
                                              GError              **error);
AtlasDataset *atlas_dataset_load_file        (GFile                *file,
                                              GCancellable         *cancellable,
                                              GPtrArray           **problems,
                                              char                **etag_out,
                                              GError              **error);
/* Like atlas_dataset_load_file(), naming the file display_name in problems. */
AtlasDataset *atlas_dataset_load_file_named (GFile         *file,
                                             const char    *display_name,
                                             GCancellable  *cancellable,
                                             GPtrArray    **problems,
                                             char         **etag_out,
                                             GError       **error);
/* Loads in a worker thread; the display name is the file's parse name. */
void          atlas_dataset_load_file_async  (GFile                *file,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
AtlasDataset *atlas_dataset_load_file_finish (GAsyncResult         *result,
                                              GPtrArray           **problems,
                                              char                **etag_out,
                                              GError              **error);

/* Checks a dataset held in memory (say, before saving an edited one) with
 * the same rules as loading; the problems have no line or column. Returns
 * a new array, empty when all is well. */
GPtrArray    *atlas_dataset_validate         (AtlasDataset         *self,
                                              const char           *display_name);

/* The dataset compiled into the app; it cannot fail (a broken bundled file
 * is a build error, caught by the tests). */
AtlasDataset        *atlas_dataset_new_bundled              (void);

GBytes       *atlas_dataset_to_bytes         (AtlasDataset         *self);

G_END_DECLS
