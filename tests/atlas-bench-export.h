/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The exports' figures for atlas-bench: each writes the bundled dataset's
 * export to a file, as the app and the command line do. No display. */

void atlas_bench_export_pdf       (void);
void atlas_bench_export_fiche     (void);
void atlas_bench_export_png_2160p (void);
void atlas_bench_export_svg       (void);
void atlas_bench_export_csv       (void);
void atlas_bench_export_geojson   (void);
void atlas_bench_export_json      (void);

G_END_DECLS
