/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-dataset.h"
#include "atlas-problem.h"

G_BEGIN_DECLS

/* When a dataset file does not load: each problem in the words of the
 * dataset itself ("India’s WCIT-12 vote is “maybe”, which is not one of
 * Signed, Refused"), for a desk officer who cannot map a JSON path such as
 * partners[3].indicators.wcit_2012 to India; and, when every problem lies
 * in a partner's value that can be left out, the dataset without those
 * values (an indicator left out reads "No data"), to be opened read-only.
 *
 * The file is read again and parsed leniently (json-glib): the loader's own
 * parser stops at the first problem of each value and keeps no tree.
 */

typedef struct
{
  /* One sentence per problem, in the order of the problems, each ending
   * with its line ("… (line 432)") when it has one. */
  GStrv         descriptions;
  /* The dataset without the bad values, or NULL when a problem is not in
   * a value that can be left out (a missing key, the wrong structure, JSON
   * that does not parse...). */
  AtlasDataset *dataset;
} AtlasSalvage;

void          atlas_salvage_free            (AtlasSalvage       *salvage);

/* @problems: what loading @bytes reported (atlas_dataset_load_bytes ()).
 * Never NULL. */
AtlasSalvage *atlas_salvage_bytes           (GBytes             *bytes,
                                             const char         *display_name,
                                             GPtrArray          *problems);

/* The problems alone in the dataset's words, one sentence each and
 * without their lines (for a "file:line:column: " prefix of their own):
 * what `cyber-atlas --validate` prints. Never NULL. */
GStrv         atlas_salvage_describe_bytes  (GBytes             *bytes,
                                             GPtrArray          *problems);

/* Reads @file again in a worker thread and salvages it. */
void          atlas_salvage_file_async      (GFile              *file,
                                             GPtrArray          *problems,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
AtlasSalvage *atlas_salvage_file_finish     (GAsyncResult       *result,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasSalvage, atlas_salvage_free)

G_END_DECLS
