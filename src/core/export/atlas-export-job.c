/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the writers share (the job's progress, the credit every image and
 * PDF carries) and what the app asks of an export besides the file: the
 * dataset's citation, a copy of the dataset for a worker thread. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core-private.h"
#include "atlas-dataset-private.h"
#include "atlas-export.h"
#include "atlas-export-job.h"

void
atlas_export_job_progress (AtlasExportJob *job,
                           double          fraction)
{
  if (job->progress != NULL)
    job->progress (CLAMP (fraction, 0.0, 1.0), job->progress_data);
}

const char *
atlas_export_job_image_title (AtlasExportJob *job)
{
  const char *title = atlas_export_options_get_title (job->options);

  return title ? title : atlas_dataset_get_title (job->dataset);
}

char *
atlas_export_job_image_subtitle (AtlasExportJob *job)
{
  g_autofree char *date = atlas_format_display_date (atlas_dataset_get_as_of (job->dataset));

  if (job->lens == NULL)
    /* Translators: %s is a date */
    return g_strdup_printf (_("As of %s"), date);

  /* Translators: the first %s is a lens ("Depth of cooperation"), the second a date */
  return g_strdup_printf (_("%s, as of %s"), atlas_lens_get_name (job->lens), date);
}

void
atlas_export_append_work (GString     *text,
                          AtlasSource *source)
{
  if (*atlas_source_get_author (source) != '\0')
    g_string_append_printf (text, "%s, ", atlas_source_get_author (source));
  g_string_append (text, atlas_source_get_title (source));
  if (atlas_source_get_year (source) > 0)
    g_string_append_printf (text, " (%d)", atlas_source_get_year (source));
}

char *
atlas_export_source_line (AtlasDataset *dataset)
{
  GListModel *sources = atlas_dataset_get_sources (dataset);
  guint n_sources = g_list_model_get_n_items (sources);
  g_autofree char *date = atlas_format_display_date (atlas_dataset_get_as_of (dataset));
  g_autoptr(GString) work = g_string_new (NULL);

  if (n_sources > 0)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (sources, 0);

      atlas_export_append_work (work, source);
      if (n_sources > 1)
        {
          g_string_append_c (work, ' ');
          /* Translators: after the first work cited in a "Source:" line */
          g_string_append_printf (work, g_dngettext (GETTEXT_PACKAGE, "and %u other work",
                                                     "and %u other works", n_sources - 1),
                                  n_sources - 1);
        }
    }
  else
    g_string_append (work, atlas_dataset_get_title (dataset));

  /* Translators: the credit on every export: the works the data comes
   * from, the dataset's date; the outlines come from Natural Earth */
  return g_strdup_printf (_("Source: %s · as of %s · Outlines: Natural Earth"), work->str, date);
}

char *
atlas_export_citation_text (AtlasDataset *dataset)
{
  GListModel *sources = atlas_dataset_get_sources (dataset);
  g_autofree char *date = atlas_format_display_date (atlas_dataset_get_as_of (dataset));
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  /* Translators: the dataset's citation: its title, a date, the date as YYYY-MM-DD */
  g_string_append_printf (text, _("%s. Dataset, as of %s (version %s)."), atlas_dataset_get_title (dataset),
                          date, atlas_dataset_get_as_of (dataset));
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (sources, i);

      /* Translators: before the first work a dataset cites, in its citation */
      g_string_append (text, i == 0 ? _(" Sources: ") : "; ");
      atlas_export_append_work (text, source);
      if (atlas_source_get_url (source) != NULL)
        g_string_append_printf (text, ", %s", atlas_source_get_url (source));
    }
  if (g_list_model_get_n_items (sources) > 0)
    g_string_append_c (text, '.');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gpointer
copy_object (gpointer object,
             gpointer user_data)
{
  if (ATLAS_IS_SOURCE (object))
    return atlas_source_copy (object);

  return g_object_ref (object);
}

AtlasDataset *
atlas_export_copy_dataset (AtlasDataset       *dataset,
                           const char * const *partner_ids)
{
  AtlasDataset *copy;
  GListModel *sources, *lenses, *partners;
  g_autoptr(GPtrArray) partner_copies = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  copy = atlas_dataset_new ();
  atlas_dataset_set_title (copy, atlas_dataset_get_title (dataset));
  atlas_dataset_set_as_of (copy, atlas_dataset_get_as_of (dataset));
  atlas_dataset_set_subject_name (copy, atlas_dataset_get_subject_original_name (dataset));
  atlas_dataset_set_subject_names (copy, atlas_dataset_get_subject_names (dataset));
  atlas_dataset_set_subject_color (copy, atlas_dataset_get_subject_color (dataset));
  atlas_dataset_set_members (copy, atlas_dataset_get_members (dataset));
  atlas_dataset_set_member_changes (copy, atlas_dataset_get_member_changes (dataset));
  atlas_extra_copy (copy, dataset);
  atlas_dataset_set_subject_extra (copy, atlas_dataset_get_subject_extra (dataset));
  atlas_dataset_copy_subject_indicators (copy, dataset);

  sources = atlas_dataset_get_sources (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (sources, i);
      g_autoptr(AtlasSource) source_copy = copy_object (source, NULL);

      g_list_store_append (atlas_dataset_get_sources_store (copy), source_copy);
    }

  /* Lenses are immutable once built: sharing them is safe. */
  lenses = atlas_dataset_get_lenses (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (lenses); i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);

      atlas_dataset_append_lens (copy, lens);
    }

  /* Removed partners too: they are part of the file, with their history. */
  partners = atlas_dataset_get_all_partners (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);

      if (partner_ids == NULL || g_strv_contains (partner_ids, atlas_partner_get_id (partner)))
        g_ptr_array_add (partner_copies, atlas_partner_copy (partner));
    }
  atlas_dataset_splice_partners (copy, (AtlasPartner **) partner_copies->pdata, partner_copies->len);

  return copy;
}
