/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the writers (atlas-export-writers.h) share, defined in
 * atlas-export-job.c: the job they are given and its helpers. The writers
 * include this and never atlas-export.c's dispatch, which calls them. */

#include "atlas-export-options.h"
#include "atlas-format-rules.h"
#include "atlas-text.h"

G_BEGIN_DECLS

/* An export under way; the options are already resolved into a lens
 * (nullable) and the partners to export. */
typedef struct
{
  AtlasDataset            *dataset;
  AtlasExportOptions      *options;
  AtlasLens               *lens;
  GPtrArray               *partners;
  GCancellable            *cancellable;
  AtlasExportProgressFunc  progress;
  gpointer                 progress_data;
} AtlasExportJob;

void    atlas_export_job_progress       (AtlasExportJob *job,
                                         double          fraction);

/* A map image's title (the options', or the dataset's) and subtitle (the
 * lens and the date), the same in PNG and SVG */
const char *atlas_export_job_image_title    (AtlasExportJob *job);
char       *atlas_export_job_image_subtitle (AtlasExportJob *job);

/* "Author, title (year)": how the exports name a work */
void    atlas_export_append_work        (GString        *text,
                                         AtlasSource    *source);

/* "Source: WORK (and N other works) · as of DATE · Outlines: Natural
 * Earth": the credit every PDF, PNG and SVG carries. */
char   *atlas_export_source_line        (AtlasDataset   *dataset);

G_END_DECLS
