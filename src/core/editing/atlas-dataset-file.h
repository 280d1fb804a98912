/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-dataset.h"
#include "atlas-undo-stack.h"

G_BEGIN_DECLS

/* One open document: a dataset, the file it came from (NULL for the bundled
 * dataset, which is read-only, and for a new copy of it), the etag read at
 * load time, and the undo stack its edits go through.
 *
 * Saving never loses work. The dataset is checked first and an invalid one
 * is not written. The new file is written through atlas_safe_write ():
 * beside the old one (beside a symlink's target), fsync'd and renamed over
 * it, the old one kept as a backup ("file~") with its permissions; a write
 * that fails midway or is killed leaves the old file as it was. The etag read at load time goes with the
 * write: if someone else saved the file meanwhile, the save fails with
 * ATLAS_DATASET_FILE_ERROR_CHANGED_ON_DISK and the user chooses. A failed
 * save changes nothing: the file on disk and the edits in memory stay.
 *
 * A couple of seconds after each change, unsaved edits are written as a
 * draft under the user's state directory (one per document, replacing the
 * last); a save or an explicit discard deletes it. After a crash,
 * atlas_dataset_file_find_drafts () finds what was left behind.
 *
 * "changed-on-disk" (gboolean deleted) is emitted when another program
 * changes, replaces or deletes the file; the app's own saves do not count.
 */

#define ATLAS_DATASET_FILE_ERROR (atlas_dataset_file_error_quark ())

typedef enum
{
  /* The file is not the one loaded: someone else saved it meanwhile. */
  ATLAS_DATASET_FILE_ERROR_CHANGED_ON_DISK,
  /* The dataset breaks the format's rules; nothing was written. */
  ATLAS_DATASET_FILE_ERROR_INVALID,
  /* No file to save to (the bundled dataset): Save As. */
  ATLAS_DATASET_FILE_ERROR_NO_FILE,
} AtlasDatasetFileError;

GQuark atlas_dataset_file_error_quark (void);

typedef enum
{
  ATLAS_DATASET_FILE_SAVE_NONE      = 0,
  /* Write even if the file changed on disk since it was loaded. */
  ATLAS_DATASET_FILE_SAVE_OVERWRITE = 1 << 0,
} AtlasDatasetFileSaveFlags;

/* A draft left behind. */
typedef struct
{
  GFile     *file;     /* the draft: a dataset file */
  GFile     *original; /* what it is a draft of; NULL: the bundled dataset */
  char      *etag;     /* the original's etag when its editing began, or NULL */
  GDateTime *time;     /* when the draft was last written */
} AtlasDraft;

void        atlas_draft_free    (AtlasDraft *draft);
/* Deletes the draft. */
gboolean    atlas_draft_discard (AtlasDraft *draft,
                                 GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasDraft, atlas_draft_free)

#define ATLAS_TYPE_DATASET_FILE (atlas_dataset_file_get_type ())

G_DECLARE_FINAL_TYPE (AtlasDatasetFile, atlas_dataset_file, ATLAS, DATASET_FILE, GObject)

/* @file NULL: a dataset that exists nowhere on disk yet (the bundled one, or
 * a new copy: mark that unsaved on the undo stack). */
AtlasDatasetFile *atlas_dataset_file_new                (AtlasDataset        *dataset,
                                                         GFile               *file,
                                                         const char          *etag);
AtlasDatasetFile *atlas_dataset_file_new_bundled        (void);
/* What could be read of @origin, a file that did not load (atlas-salvage.h):
 * read-only, named after @origin, saved only under a new name. */
AtlasDatasetFile *atlas_dataset_file_new_read_only      (AtlasDataset        *dataset,
                                                         GFile               *origin);

void              atlas_dataset_file_load_async         (GFile               *file,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* @problems: as atlas_dataset_load_file_finish (). */
AtlasDatasetFile *atlas_dataset_file_load_finish        (GAsyncResult        *result,
                                                         GPtrArray          **problems,
                                                         GError             **error);

AtlasDataset     *atlas_dataset_file_get_dataset        (AtlasDatasetFile    *self);
AtlasUndoStack   *atlas_dataset_file_get_undo_stack     (AtlasDatasetFile    *self);
/* NULL for the bundled dataset and a new one. */
GFile            *atlas_dataset_file_get_file           (AtlasDatasetFile    *self);
const char       *atlas_dataset_file_get_etag           (AtlasDatasetFile    *self);
/* TRUE when there is no file to save to: saving needs one. */
gboolean          atlas_dataset_file_get_read_only      (AtlasDatasetFile    *self);
gboolean          atlas_dataset_file_get_modified       (AtlasDatasetFile    *self);
gboolean          atlas_dataset_file_get_saving         (AtlasDatasetFile    *self);
/* The file's name, or "Bundled dataset" / "New dataset"; for titles. */
char             *atlas_dataset_file_dup_display_name   (AtlasDatasetFile    *self);

/* Saves to @file, or to the document's own file when NULL. Saving to
 * another file (Save As) makes it the document's file. */
void              atlas_dataset_file_save_async         (AtlasDatasetFile    *self,
                                                         GFile               *file,
                                                         AtlasDatasetFileSaveFlags flags,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean          atlas_dataset_file_save_finish        (AtlasDatasetFile    *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* After a save that went through with something the user should know (the
 * file had other hard links, which keep the old contents; its owner or
 * group could not be kept): what to tell them, a line for each. NULL
 * after any other save. */
const char       *atlas_dataset_file_get_save_notice    (AtlasDatasetFile    *self);

/* Milliseconds from the last change to writing the draft (2000). */
void              atlas_dataset_file_set_draft_delay    (AtlasDatasetFile    *self,
                                                         guint                delay_ms);
/* Where this document's draft goes (it may not exist). */
GFile            *atlas_dataset_file_get_draft_file     (AtlasDatasetFile    *self);
/* Writes the draft now if there are unsaved edits; deletes it if not. */
void              atlas_dataset_file_write_draft_async  (AtlasDatasetFile    *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean          atlas_dataset_file_write_draft_finish (AtlasDatasetFile    *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* The user threw the unsaved edits away: no draft is kept or written. */
void              atlas_dataset_file_discard_draft      (AtlasDatasetFile    *self);

/* Drafts under the user's state directory, newest first. */
GPtrArray        *atlas_dataset_file_find_drafts        (GCancellable        *cancellable,
                                                         GError             **error);
/* Opens a draft as a modified document of its original (whose etag, from
 * when the editing began, still guards a save against outside changes). */
void              atlas_dataset_file_restore_draft_async  (AtlasDraft          *draft,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
AtlasDatasetFile *atlas_dataset_file_restore_draft_finish (GAsyncResult        *result,
                                                           GPtrArray          **problems,
                                                           GError             **error);

G_END_DECLS
