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

G_END_DECLS
