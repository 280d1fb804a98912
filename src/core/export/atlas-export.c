/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The entry point of every export: the options checked against the
 * dataset (atlas-export-options.c), the dispatch to one writer per format
 * (atlas-export-writers.h) and the atomic write to the target file. */

#include "config.h"

#include "atlas-export.h"
#include "atlas-export-job.h"
#include "atlas-export-writers.h"
#include "atlas-safe-write.h"
#include "atlas-timeline.h"

GBytes *
atlas_export_to_bytes (AtlasDataset             *dataset,
                       AtlasExportOptions       *options,
                       GCancellable             *cancellable,
                       AtlasExportProgressFunc   progress,
                       gpointer                  user_data,
                       GError                  **error)
{
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(AtlasDataset) then = NULL;
  AtlasExportJob job = { 0 };
  AtlasLens *lens = NULL;
  GBytes *bytes = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (options), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (!atlas_export_options_check_dates (options, dataset, error))
    return NULL;
  if (atlas_export_options_get_as_of (options) != NULL)
    dataset = then = atlas_timeline_dup_as_of (dataset, atlas_export_options_get_as_of (options));

  partners = atlas_export_options_resolve (options, dataset, &lens, error);
  if (partners == NULL)
    return NULL;

  job = (AtlasExportJob) {
    .dataset = dataset,
    .options = options,
    .lens = lens,
    .partners = partners,
    .cancellable = cancellable,
    .progress = progress,
    .progress_data = user_data,
  };

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  atlas_export_job_progress (&job, 0.0);

  switch (atlas_export_options_get_format (options))
    {
    case ATLAS_EXPORT_FORMAT_PDF:
    case ATLAS_EXPORT_FORMAT_FICHE:
      bytes = atlas_export_pdf (&job, error);
      break;
    case ATLAS_EXPORT_FORMAT_PNG:
      bytes = atlas_export_png (&job, error);
      break;
    case ATLAS_EXPORT_FORMAT_SVG:
      bytes = atlas_export_svg (&job, error);
      break;
    case ATLAS_EXPORT_FORMAT_CSV:
      bytes = atlas_export_csv (&job, error);
      break;
    case ATLAS_EXPORT_FORMAT_GEOJSON:
      bytes = atlas_export_geojson (&job, error);
      break;
    case ATLAS_EXPORT_FORMAT_JSON:
      bytes = atlas_export_json (&job, error);
      break;
    case ATLAS_EXPORT_FORMAT_BIBTEX:
      bytes = atlas_export_bibtex (&job, error);
      break;
    case ATLAS_EXPORT_FORMAT_RIS:
      bytes = atlas_export_ris (&job, error);
      break;
    case ATLAS_EXPORT_FORMAT_CSL_JSON:
      bytes = atlas_export_csl_json (&job, error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (bytes != NULL && g_cancellable_set_error_if_cancelled (cancellable, error))
    g_clear_pointer (&bytes, g_bytes_unref);

  return bytes;
}

gboolean
atlas_export_write_bytes (GFile         *file,
                          GBytes        *bytes,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  return atlas_safe_write (file, bytes, ATLAS_SAFE_WRITE_NONE, NULL, NULL, NULL,
                           cancellable, error);
}

gboolean
atlas_export_to_file (AtlasDataset             *dataset,
                      AtlasExportOptions       *options,
                      GFile                    *file,
                      GCancellable             *cancellable,
                      AtlasExportProgressFunc   progress,
                      gpointer                  user_data,
                      GError                  **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = atlas_export_to_bytes (dataset, options, cancellable, progress, user_data, error);
  if (bytes == NULL)
    return FALSE;

  return atlas_export_write_bytes (file, bytes, cancellable, error);
}
