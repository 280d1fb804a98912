/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The writers behind atlas_export_to_bytes (), one per format, each in its
 * atlas-export-*.c: for the dispatch in atlas-export.c (and each writer's
 * own prototype). A writer calls no other writer and nothing of the
 * dispatch: what they share is in atlas-export-job.h. */

#include "atlas-export-job.h"

G_BEGIN_DECLS

/* The PDF briefing or the fiches (atlas-export-pdf.c) */
GBytes *atlas_export_pdf          (AtlasExportJob  *job,
                                   GError         **error);
/* The map image as PNG (atlas-export-image.c) */
GBytes *atlas_export_png          (AtlasExportJob  *job,
                                   GError         **error);
/* The map image as SVG, written directly (atlas-export-svg.c) */
GBytes *atlas_export_svg          (AtlasExportJob  *job,
                                   GError         **error);
/* Citations of the dataset and the works cited (atlas-export-cite.c) */
GBytes *atlas_export_bibtex       (AtlasExportJob  *job,
                                   GError         **error);
GBytes *atlas_export_ris          (AtlasExportJob  *job,
                                   GError         **error);
GBytes *atlas_export_csl_json     (AtlasExportJob  *job,
                                   GError         **error);
/* The data formats (atlas-export-data.c) */
GBytes *atlas_export_csv          (AtlasExportJob  *job,
                                   GError         **error);
GBytes *atlas_export_geojson      (AtlasExportJob  *job,
                                   GError         **error);
GBytes *atlas_export_json         (AtlasExportJob  *job,
                                   GError         **error);

/* Where a point of the world lands in the PNG the options give (for
 * tests); FALSE when the options do not resolve or the map omits it. */
gboolean atlas_export_image_locate (AtlasDataset       *dataset,
                                    AtlasExportOptions *options,
                                    double              longitude,
                                    double              latitude,
                                    double             *x,
                                    double             *y);

G_END_DECLS
