/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset-file.h"

G_BEGIN_DECLS

/* A seam for the tests: every save and draft write goes through the stream
 * this returns (a wrapper that fails after some bytes, say, as a full disk
 * would). It must not close @base: the writer does, and how it closes
 * decides whether the new file replaces the old. NULL restores the plain
 * stream. */
typedef GOutputStream *(*AtlasDatasetFileWriteHook) (GOutputStream *base,
                                                     GFile         *file,
                                                     gpointer       user_data);

void atlas_dataset_file_set_write_hook (AtlasDatasetFileWriteHook hook,
                                        gpointer                  user_data);

/* Shared by atlas-dataset-file.c and atlas-dataset-file-drafts.c; the
 * tests use only the write hook above. */

typedef enum
{
  DRAFT_SYNC,   /* write the draft if modified, delete it if not */
  DRAFT_DELETE,
} DraftOp;

struct _AtlasDatasetFile
{
  GObject         parent_instance;

  AtlasDataset   *dataset;
  AtlasUndoStack *undo_stack;
  GFile          *file;
  char           *etag;
  gboolean        bundled;
  char           *origin_name;   /* read-only copy of a file that did not load */

  gboolean        saving;
  gboolean        recheck_after_save;
  char           *save_notice;

  GFileMonitor   *monitor;
  GCancellable   *monitor_cancellable;
  /* The outside state last reported, so that one change is reported once. */
  char           *reported_etag;
  gboolean        reported_deleted;

  guint           draft_delay_ms;
  guint           draft_timeout_id;
  GQueue          draft_queue; /* of GTask, the head running */
};

void        _atlas_dataset_file_queue_draft_op (AtlasDatasetFile    *self,
                                                DraftOp              op,
                                                GFile               *file,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* The undo stack changed: a draft is written a little later. */
void        _atlas_dataset_file_edits_changed  (AtlasDatasetFile    *self);
AtlasDraft *_atlas_dataset_file_draft_copy     (AtlasDraft          *draft);

G_END_DECLS
