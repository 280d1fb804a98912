/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Map images for slides: the map renderer drawn on a PNG surface; the SVG
 * is written directly (atlas-export-svg.c) with the same layout, title and
 * subtitle (atlas-export-job.c). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-export-writers.h"
#include "atlas-map-render.h"

static cairo_status_t
write_to_array_cb (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static AtlasMapRender *
new_render (AtlasExportJob *job)
{
  AtlasMapRender *render = atlas_map_render_new (atlas_world_get_default (), job->dataset, job->lens);

  atlas_map_render_set_partners (render, job->partners);
  atlas_map_render_set_hatch (render, atlas_export_options_get_hatch (job->options));
  /* An image's unit is its pixel: lines one unit wide, detail for it. */
  atlas_map_render_set_detail (render, 1.0);
  {
    g_autofree char *source = atlas_export_source_line (job->dataset);

    atlas_map_render_set_attribution (render, source);
  }

  return render;
}

static void
draw_image (AtlasExportJob *job,
            cairo_t        *cr,
            double          width,
            double          height)
{
  g_autoptr(AtlasMapRender) render = new_render (job);
  g_autofree char *subtitle = atlas_export_job_image_subtitle (job);

  atlas_map_render_draw_image (render, cr, width, height, atlas_export_job_image_title (job), subtitle);
}

GBytes *
atlas_export_png (AtlasExportJob  *job,
                  GError         **error)
{
  int width = atlas_export_options_get_width (job->options);
  int height = atlas_export_options_get_height (job->options);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);

  cr = cairo_create (surface);
  draw_image (job, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  atlas_export_job_progress (job, 0.7);

  if (status == CAIRO_STATUS_SUCCESS && !g_cancellable_is_cancelled (job->cancellable))
    {
      status = cairo_surface_write_to_png_stream (surface, write_to_array_cb, data);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ATLAS_EXPORT_ERROR, ATLAS_EXPORT_ERROR_FAILED,
                   _("Could not draw the map: %s"), cairo_status_to_string (status));
      return NULL;
    }

  atlas_export_job_progress (job, 1.0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

gboolean
atlas_export_image_locate (AtlasDataset       *dataset,
                           AtlasExportOptions *options,
                           double              longitude,
                           double              latitude,
                           double             *x,
                           double             *y)
{
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(AtlasMapRender) render = NULL;
  g_autofree char *subtitle = NULL;
  AtlasExportJob job = { 0 };

  partners = atlas_export_options_resolve (options, dataset, &job.lens, NULL);
  if (partners == NULL)
    return FALSE;

  job.dataset = dataset;
  job.options = options;
  job.partners = partners;
  render = new_render (&job);
  subtitle = atlas_export_job_image_subtitle (&job);

  return atlas_map_render_locate (render,
                                  atlas_export_options_get_width (options),
                                  atlas_export_options_get_height (options),
                                  atlas_export_job_image_title (&job), subtitle,
                                  longitude, latitude, x, y);
}
