/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The PDF briefing: the briefing's pages on a cairo PDF surface, with the
 * document's title and an outline of the partners' sections. */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "atlas-briefing.h"
#include "atlas-export-private.h"

static cairo_status_t
write_to_array_cb (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
atlas_export_pdf (AtlasExportJob  *job,
                  GError         **error)
{
  g_autoptr(AtlasBriefing) briefing = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  const char *title = atlas_export_options_get_title (job->options);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  guint n_pages;

  if (title == NULL)
    title = atlas_dataset_get_title (job->dataset);

  atlas_paper_get_size (atlas_export_options_get_paper (job->options), &width, &height);
  briefing = atlas_briefing_new (job->dataset, job->lens, job->partners, width, height);
  atlas_briefing_set_title (briefing, title);
  atlas_briefing_set_hatch (briefing, atlas_export_options_get_hatch (job->options));
  if (!atlas_briefing_paginate (briefing, job->cancellable, error))
    return NULL;
  atlas_export_job_progress (job, 0.3);

  n_pages = atlas_briefing_get_n_pages (briefing);
  surface = cairo_pdf_surface_create_for_stream (write_to_array_cb, data, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  atlas_dataset_get_subject_name (job->dataset));

  for (guint i = 0; i < atlas_briefing_get_n_sections (briefing); i++)
    {
      g_autofree char *link = g_strdup_printf ("page=%u", atlas_briefing_get_section_page (briefing, i) + 1);

      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT,
                                     atlas_briefing_get_section_title (briefing, i), link, 0);
    }

  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      if (g_cancellable_is_cancelled (job->cancellable))
        break;
      atlas_briefing_draw_page (briefing, cr, page);
      cairo_show_page (cr);
      atlas_export_job_progress (job, 0.3 + 0.65 * (page + 1) / n_pages);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ATLAS_EXPORT_ERROR, ATLAS_EXPORT_ERROR_FAILED,
                   _("Could not write the briefing: %s"), cairo_status_to_string (status));
      return NULL;
    }

  atlas_export_job_progress (job, 1.0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
