/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The exports' figures (see atlas-bench-export.h): the median time of
 * atlas_export_to_file () for each format, all ten partners, written to a
 * temporary folder. Targets: export-pdf and export-png-2160p under 1 s,
 * export-fiche (one partner) under 300 ms, the others under 200 ms. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "atlas-bench-export.h"
#include "atlas-core.h"
#include "atlas-export.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static void
bench_export_partners (const char         *name,
                       guint               runs,
                       AtlasExportFormat   format,
                       int                 width,
                       int                 height,
                       const char * const *partner_ids)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (format);
  g_autofree double *times = g_new (double, runs);
  g_autofree char *dir = g_dir_make_tmp ("atlas-bench-export-XXXXXX", NULL);
  g_autofree char *basename = g_strdup_printf ("export.%s", atlas_export_format_get_extension (format));
  g_autofree char *path = g_build_filename (dir, basename, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  atlas_export_options_set_size (options, width, height);
  atlas_export_options_set_partner_ids (options, partner_ids);

  /* One run to warm up: fonts, the world's outlines */
  for (guint i = 0; i <= runs; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      if (!atlas_export_to_file (dataset, options, file, NULL, NULL, NULL, &error))
        g_error ("%s: %s", name, error->message);
      if (i > 0)
        times[i - 1] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (times, runs, sizeof (double), compare_doubles);
  g_print ("bench %s: median %.2f ms (n=%u)\n", name, times[runs / 2], runs);

  g_remove (path);
  g_rmdir (dir);
}

static void
bench_export (const char        *name,
              guint              runs,
              AtlasExportFormat  format,
              int                width,
              int                height)
{
  bench_export_partners (name, runs, format, width, height, NULL);
}

void
atlas_bench_export_pdf (void)
{
  bench_export ("export-pdf", 11, ATLAS_EXPORT_FORMAT_PDF, 1920, 1080);
}

/* One partner's fiche, as `--export fiche --partners JP` (target < 300 ms) */
void
atlas_bench_export_fiche (void)
{
  const char * const japan[] = { "JP", NULL };

  bench_export_partners ("export-fiche", 11, ATLAS_EXPORT_FORMAT_FICHE, 1920, 1080, japan);
}

void
atlas_bench_export_png_2160p (void)
{
  bench_export ("export-png-2160p", 11, ATLAS_EXPORT_FORMAT_PNG, 3840, 2160);
}

void
atlas_bench_export_svg (void)
{
  bench_export ("export-svg", 21, ATLAS_EXPORT_FORMAT_SVG, 1920, 1080);
}

void
atlas_bench_export_csv (void)
{
  bench_export ("export-csv", 51, ATLAS_EXPORT_FORMAT_CSV, 1920, 1080);
}

void
atlas_bench_export_geojson (void)
{
  bench_export ("export-geojson", 21, ATLAS_EXPORT_FORMAT_GEOJSON, 1920, 1080);
}

void
atlas_bench_export_json (void)
{
  bench_export ("export-json", 51, ATLAS_EXPORT_FORMAT_JSON, 1920, 1080);
}
