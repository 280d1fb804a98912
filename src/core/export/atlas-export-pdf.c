/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The PDF briefing and the partner fiches: the briefing's pages on a cairo
 * PDF surface, tagged (a structure tree for screen readers and reflow),
 * with the document's title, language and an outline of the partners'
 * sections. With a "since" date (--since, the Export dialog), the briefing
 * ends with "Changes since DATE": every dated change after it, up to the
 * date the briefing shows, with its source. */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "atlas-briefing.h"
#include "atlas-export-writers.h"
#include "atlas-pdf-amend.h"
#include "atlas-timeline.h"

/* A fiche that does not fit on its page is laid out again on a larger page
 * drawn smaller, down to this scale (9.5 pt text becomes 7 pt). */
#define FICHE_MIN_SCALE 0.74
#define FICHE_SCALE_STEP 0.06

typedef struct
{
  AtlasBriefing *briefing;
  double         scale;
} Part;

static cairo_status_t
write_to_array_cb (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  AtlasDataset *dataset;
  GHashTable   *partner_ids;   /* NULL: every partner's changes */
  char         *since;
} SinceAnnex;

static void
since_annex_free (gpointer data)
{
  SinceAnnex *annex = data;

  g_object_unref (annex->dataset);
  g_clear_pointer (&annex->partner_ids, g_hash_table_unref);
  g_free (annex->since);
  g_free (annex);
}

static void
since_annex_cb (AtlasBriefing *briefing,
                gpointer       user_data)
{
  SinceAnnex *annex = user_data;
  const char *to = atlas_dataset_get_as_of (annex->dataset);
  g_autoptr(GPtrArray) changes = atlas_timeline_changes (annex->dataset, annex->since, to);
  g_autofree char *since_text = atlas_format_display_date (annex->since);
  g_autofree char *to_text = atlas_format_display_date (to);
  g_autofree char *heading = NULL;
  const double shares[] = { 0.16, 0.18, 0.40, 0.26 };
  const char *titles[] = { _("Date"), _("Partner"), _("Change"), _("Source") };
  guint shown = 0;

  /* Translators: a section of the PDF briefing; %s is a date, e.g. "30 June 2014" */
  heading = g_strdup_printf (_("Changes since %s"), since_text);
  atlas_briefing_add_heading (briefing, heading, 1);

  for (guint i = 0; i < changes->len; i++)
    {
      AtlasChange *change = g_ptr_array_index (changes, i);
      g_autofree char *date = NULL;
      g_autofree char *what = NULL;
      const char *source;
      const char *row[4];

      if (annex->partner_ids != NULL &&
          !g_hash_table_contains (annex->partner_ids, atlas_partner_get_id (change->partner)))
        continue;
      if (shown++ == 0)
        {
          g_autofree char *intro =
            /* Translators: both are dates, e.g. "30 June 2014" */
            g_strdup_printf (_("Every dated change after %s, up to %s, with its source."),
                             since_text, to_text);

          atlas_briefing_add_paragraph (briefing, intro);
          atlas_briefing_add_table_header (briefing, G_N_ELEMENTS (titles), titles, shares);
        }
      date = atlas_format_display_date (change->date);
      what = atlas_change_describe (change, FALSE);
      source = atlas_history_entry_get_source (change->entry);
      row[0] = date;
      row[1] = atlas_partner_get_display_name (change->partner);
      row[2] = what;
      row[3] = source != NULL && *source != '\0' ? source : NULL;
      atlas_briefing_add_table_row (briefing, G_N_ELEMENTS (row), row, shares);
    }

  if (shown > 0)
    atlas_briefing_end_table (briefing);
  else
    {
      g_autofree char *none =
        /* Translators: both are dates, e.g. "30 June 2014" */
        g_strdup_printf (_("No dated change after %s, up to %s."), since_text, to_text);

      atlas_briefing_add_paragraph (briefing, none);
    }
}

/* "Changes since" for the partners of the briefing: all of them, those
 * removed since too, unless a choice of partners was made. */
static void
add_since_annex (AtlasBriefing  *briefing,
                 AtlasExportJob *job,
                 const char     *since)
{
  SinceAnnex *annex = g_new0 (SinceAnnex, 1);
  const char * const *ids = atlas_export_options_get_partner_ids (job->options);

  annex->dataset = g_object_ref (job->dataset);
  annex->since = g_strdup (since);
  if (ids != NULL)
    {
      annex->partner_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < job->partners->len; i++)
        g_hash_table_add (annex->partner_ids,
                          g_strdup (atlas_partner_get_id (g_ptr_array_index (job->partners, i))));
    }
  atlas_briefing_set_annex_func (briefing, since_annex_cb, annex, since_annex_free);
}

static AtlasBriefing *
new_briefing (AtlasExportJob  *job,
              GPtrArray       *partners,
              const char      *title,
              gboolean         fiche,
              double           width,
              double           height,
              GError         **error)
{
  g_autoptr(AtlasBriefing) briefing = atlas_briefing_new (job->dataset, job->lens, partners, width, height);

  atlas_briefing_set_title (briefing, title);
  atlas_briefing_set_hatch (briefing, atlas_export_options_get_hatch (job->options));
  atlas_briefing_set_order (briefing,
                            atlas_export_options_get_order (job->options) == ATLAS_EXPORT_ORDER_CATEGORY
                            ? ATLAS_BRIEFING_ORDER_CATEGORY : ATLAS_BRIEFING_ORDER_NAME);
  atlas_briefing_set_fiche (briefing, fiche);
  atlas_briefing_set_tagged (briefing, TRUE);
  if (!fiche && atlas_export_options_get_since (job->options) != NULL)
    add_since_annex (briefing, job, atlas_export_options_get_since (job->options));
  if (!atlas_briefing_paginate (briefing, job->cancellable, error))
    return NULL;

  return g_steal_pointer (&briefing);
}

/* One briefing for the whole PDF; for fiches, one per partner, each shrunk
 * until it fits its page. */
static GArray *
lay_out (AtlasExportJob  *job,
         const char      *title,
         double           width,
         double           height,
         GError         **error)
{
  gboolean fiche = atlas_export_options_get_format (job->options) == ATLAS_EXPORT_FORMAT_FICHE;
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (Part));
  g_autoptr(GPtrArray) ordered = NULL;

  if (!fiche)
    {
      Part part = { new_briefing (job, job->partners, title, FALSE, width, height, error), 1.0 };

      if (part.briefing == NULL)
        return NULL;
      g_array_append_val (parts, part);
      return g_steal_pointer (&parts);
    }

  /* The fiches in the order chosen: let a briefing sort them. */
  if (job->partners->len <= 1)
    {
      ordered = g_ptr_array_new ();
      g_ptr_array_extend (ordered, job->partners, NULL, NULL);
    }
  else
  {
    g_autoptr(AtlasBriefing) order = new_briefing (job, job->partners, title, TRUE, width, height, error);

    if (order == NULL)
      return NULL;
    ordered = g_ptr_array_new ();
    for (guint i = 0; i < atlas_briefing_get_n_sections (order); i++)
      for (guint k = 0; k < job->partners->len; k++)
        if (g_str_equal (atlas_briefing_get_section_title (order, i),
                         atlas_partner_get_display_name (g_ptr_array_index (job->partners, k))) &&
            !g_ptr_array_find (ordered, g_ptr_array_index (job->partners, k), NULL))
          {
            g_ptr_array_add (ordered, g_ptr_array_index (job->partners, k));
            break;
          }
  }

  for (guint i = 0; i < ordered->len; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      Part part = { NULL, 1.0 };

      g_ptr_array_add (one, g_ptr_array_index (ordered, i));
      for (;;)
        {
          g_clear_pointer (&part.briefing, atlas_briefing_free);
          part.briefing = new_briefing (job, one, title, TRUE, width / part.scale, height / part.scale, error);
          if (part.briefing == NULL)
            {
              for (guint k = 0; k < parts->len; k++)
                atlas_briefing_free (g_array_index (parts, Part, k).briefing);
              return NULL;
            }
          if (atlas_briefing_get_n_pages (part.briefing) <= 1 ||
              part.scale - FICHE_SCALE_STEP < FICHE_MIN_SCALE)
            break;
          part.scale -= FICHE_SCALE_STEP;
        }
      g_array_append_val (parts, part);
    }

  return g_steal_pointer (&parts);
}

GBytes *
atlas_export_pdf (AtlasExportJob  *job,
                  GError         **error)
{
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GPtrArray) alts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *lang = NULL;
  const char *title = atlas_export_options_get_title (job->options);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  guint n_pages = 0, done = 0, page_base = 0;

  if (title == NULL)
    title = atlas_dataset_get_title (job->dataset);

  atlas_paper_get_size (atlas_export_options_get_paper (job->options), &width, &height);
  parts = lay_out (job, title, width, height, error);
  if (parts == NULL)
    return NULL;
  atlas_export_job_progress (job, 0.3);

  surface = cairo_pdf_surface_create_for_stream (write_to_array_cb, data, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  atlas_dataset_get_subject_name (job->dataset));

  for (guint p = 0; p < parts->len; p++)
    {
      AtlasBriefing *briefing = g_array_index (parts, Part, p).briefing;
      GPtrArray *figure_alts = atlas_briefing_get_figure_alts (briefing);

      for (guint i = 0; i < atlas_briefing_get_n_sections (briefing); i++)
        {
          g_autofree char *link = g_strdup_printf ("page=%u", page_base + atlas_briefing_get_section_page (briefing, i) + 1);

          cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT,
                                         atlas_briefing_get_section_title (briefing, i), link, 0);
        }
      for (guint i = 0; i < figure_alts->len; i++)
        g_ptr_array_add (alts, g_strdup (g_ptr_array_index (figure_alts, i)));
      page_base += atlas_briefing_get_n_pages (briefing);
    }
  n_pages = page_base;

  cr = cairo_create (surface);
  /* One Document element around every part */
  cairo_tag_begin (cr, "Document", "");
  for (guint p = 0; p < parts->len && !g_cancellable_is_cancelled (job->cancellable); p++)
    {
      Part *part = &g_array_index (parts, Part, p);

      for (guint page = 0; page < atlas_briefing_get_n_pages (part->briefing); page++)
        {
          if (g_cancellable_is_cancelled (job->cancellable))
            break;
          cairo_save (cr);
          cairo_scale (cr, part->scale, part->scale);
          atlas_briefing_draw_page (part->briefing, cr, page);
          cairo_restore (cr);
          if (p + 1 == parts->len && page + 1 == atlas_briefing_get_n_pages (part->briefing))
            cairo_tag_end (cr, "Document");
          cairo_show_page (cr);
          atlas_export_job_progress (job, 0.3 + 0.65 * ++done / n_pages);
        }
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  for (guint p = 0; p < parts->len; p++)
    atlas_briefing_free (g_array_index (parts, Part, p).briefing);

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ATLAS_EXPORT_ERROR, ATLAS_EXPORT_ERROR_FAILED,
                   _("Could not write the briefing: %s"), cairo_status_to_string (status));
      return NULL;
    }

  lang = atlas_pdf_document_lang ();
  if (!atlas_pdf_amend (data, lang, alts, error))
    return NULL;
  atlas_export_job_progress (job, 1.0);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
