/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-export.h"
#include "atlas-format-rules.h"
#include "atlas-text.h"

G_BEGIN_DECLS

/* The writers behind atlas_export_to_bytes (), one per format; the options
 * are already resolved into a lens (nullable) and the partners to export. */

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

void    atlas_export_job_progress (AtlasExportJob  *job,
                                   double           fraction);

GBytes *atlas_export_pdf          (AtlasExportJob  *job,
                                   GError         **error);
GBytes *atlas_export_image        (AtlasExportJob  *job,
                                   GError         **error);
/* The map image as SVG, written directly (atlas-export-svg.c) */
GBytes *atlas_export_svg          (AtlasExportJob  *job,
                                   const char      *title,
                                   const char      *subtitle,
                                   GError         **error);
/* Citations of the dataset and the works cited (atlas-export-cite.c) */
GBytes *atlas_export_bibtex       (AtlasExportJob  *job,
                                   GError         **error);
GBytes *atlas_export_ris          (AtlasExportJob  *job,
                                   GError         **error);
GBytes *atlas_export_csl_json     (AtlasExportJob  *job,
                                   GError         **error);
GBytes *atlas_export_csv          (AtlasExportJob  *job,
                                   GError         **error);
GBytes *atlas_export_geojson      (AtlasExportJob  *job,
                                   GError         **error);
GBytes *atlas_export_json         (AtlasExportJob  *job,
                                   GError         **error);

/* Where a point of the world lands in the image the options give (for
 * tests); FALSE when the options do not resolve or the map omits it. */
gboolean atlas_export_image_locate (AtlasDataset       *dataset,
                                    AtlasExportOptions *options,
                                    double              longitude,
                                    double              latitude,
                                    double             *x,
                                    double             *y);

/* "Source: WORK (and N other works) · as of DATE · Outlines: Natural
 * Earth": the credit every PDF, PNG and SVG carries. */
char   *atlas_export_source_line  (AtlasDataset    *dataset);

G_END_DECLS
