/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Citations: the dataset itself (its title, its date and that date as the
 * version, since a dataset's edition is the state it describes) and every
 * work cited, as BibTeX, RIS or CSL-JSON. With --partners, the works those
 * partners cite. Nothing is invented: a work's author, year and link are
 * written only when the dataset has them. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "atlas-export-writers.h"

/* The works to cite, in the dataset's order */
static GPtrArray *
cited_sources (AtlasExportJob *job)
{
  GListModel *sources = atlas_dataset_get_sources (job->dataset);
  GPtrArray *cited = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean all = atlas_export_options_get_partner_ids (job->options) == NULL;

  for (guint p = 0; p < job->partners->len; p++)
    {
      GListModel *refs = atlas_partner_get_sources (g_ptr_array_index (job->partners, p));

      for (guint i = 0; i < g_list_model_get_n_items (refs); i++)
        {
          g_autoptr(AtlasSourceRef) ref = g_list_model_get_item (refs, i);

          g_hash_table_add (used, (gpointer) atlas_source_ref_get_id (ref));
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (sources, i);

      if (all || g_hash_table_contains (used, atlas_source_get_id (source)))
        g_ptr_array_add (cited, g_steal_pointer (&source));
    }

  return cited;
}

static int
as_of_year (AtlasDataset *dataset)
{
  const char *as_of = atlas_dataset_get_as_of (dataset);

  return as_of && strlen (as_of) >= 4 ? (int) g_ascii_strtoll (as_of, NULL, 10) : 0;
}

/* "Cyber Diplomacy Atlas dataset, as of 30 June 2014" */
static char *
dataset_note (AtlasDataset *dataset)
{
  g_autofree char *date = atlas_format_display_date (atlas_dataset_get_as_of (dataset));

  /* Translators: the note of the dataset's own citation; %s is a date */
  return g_strdup_printf (_("Cyber Diplomacy Atlas dataset, as of %s"), date);
}

/* BibTeX */

/* A field value inside braces: the characters LaTeX reads as commands are
 * escaped, braces balanced by escaping them all. */
static void
append_bibtex_value (GString    *out,
                     const char *value)
{
  g_string_append_c (out, '{');
  for (const char *p = value; *p != '\0'; p++)
    switch (*p)
      {
      case '\\':
        g_string_append (out, "\\textbackslash{}");
        break;
      case '{':
      case '}':
      case '%':
      case '&':
      case '$':
      case '#':
      case '_':
        g_string_append_c (out, '\\');
        g_string_append_c (out, *p);
        break;
      case '~':
        g_string_append (out, "\\textasciitilde{}");
        break;
      case '^':
        g_string_append (out, "\\textasciicircum{}");
        break;
      case '\n':
      case '\r':
      case '\t':
        g_string_append_c (out, ' ');
        break;
      default:
        g_string_append_c (out, *p);
      }
  g_string_append_c (out, '}');
}

static void
append_bibtex_field (GString    *out,
                     const char *name,
                     const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_string_append_printf (out, ",\n  %s = ", name);
  append_bibtex_value (out, value);
}

/* A key BibTeX accepts: letters, digits and - _ : . from @id */
static char *
bibtex_key (const char *id)
{
  GString *key = g_string_new (NULL);

  for (const char *p = id; *p != '\0'; p++)
    g_string_append_c (key, g_ascii_isalnum (*p) || strchr ("-_:.", *p) ? *p : '-');
  if (key->len == 0)
    g_string_append (key, "source");

  return g_string_free (key, FALSE);
}

GBytes *
atlas_export_bibtex (AtlasExportJob  *job,
                     GError         **error)
{
  g_autoptr(GPtrArray) sources = cited_sources (job);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *note = dataset_note (job->dataset);
  g_autofree char *year = g_strdup_printf ("%d", as_of_year (job->dataset));

  g_string_append_printf (out, "@misc{atlas-dataset-%s", atlas_dataset_get_as_of (job->dataset));
  append_bibtex_field (out, "title", atlas_dataset_get_title (job->dataset));
  append_bibtex_field (out, "year", as_of_year (job->dataset) > 0 ? year : NULL);
  append_bibtex_field (out, "version", atlas_dataset_get_as_of (job->dataset));
  append_bibtex_field (out, "note", note);
  g_string_append (out, "\n}\n");

  for (guint i = 0; i < sources->len; i++)
    {
      AtlasSource *source = g_ptr_array_index (sources, i);
      g_autofree char *key = bibtex_key (atlas_source_get_id (source));
      g_autofree char *source_year = g_strdup_printf ("%d", atlas_source_get_year (source));

      g_string_append_printf (out, "\n@misc{%s", key);
      /* An author as written: braces keep an organisation's name whole. */
      if (*atlas_source_get_author (source) != '\0')
        {
          g_string_append (out, ",\n  author = {");
          append_bibtex_value (out, atlas_source_get_author (source));
          g_string_append_c (out, '}');
        }
      append_bibtex_field (out, "title", atlas_source_get_title (source));
      append_bibtex_field (out, "year", atlas_source_get_year (source) > 0 ? source_year : NULL);
      append_bibtex_field (out, "url", atlas_source_get_url (source));
      g_string_append (out, "\n}\n");
    }

  atlas_export_job_progress (job, 1.0);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* RIS: "TAG  - value" lines, one record per work, "ER  - " closing each */

static void
append_ris (GString    *out,
            const char *tag,
            const char *value)
{
  g_autofree char *line = NULL;

  if (value == NULL || *value == '\0')
    return;
  line = g_strdup (value);
  g_strdelimit (line, "\r\n\t", ' ');
  g_string_append_printf (out, "%s  - %s\r\n", tag, line);
}

GBytes *
atlas_export_ris (AtlasExportJob  *job,
                  GError         **error)
{
  g_autoptr(GPtrArray) sources = cited_sources (job);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *note = dataset_note (job->dataset);
  g_autofree char *year = g_strdup_printf ("%d", as_of_year (job->dataset));
  g_autofree char *date = g_strdup (atlas_dataset_get_as_of (job->dataset));

  /* RIS dates are YYYY/MM/DD */
  g_strdelimit (date, "-", '/');
  append_ris (out, "TY", "DATA");
  append_ris (out, "TI", atlas_dataset_get_title (job->dataset));
  append_ris (out, "PY", as_of_year (job->dataset) > 0 ? year : NULL);
  append_ris (out, "DA", date);
  append_ris (out, "ET", atlas_dataset_get_as_of (job->dataset));
  append_ris (out, "N1", note);
  g_string_append (out, "ER  - \r\n");

  for (guint i = 0; i < sources->len; i++)
    {
      AtlasSource *source = g_ptr_array_index (sources, i);
      g_autofree char *source_year = g_strdup_printf ("%d", atlas_source_get_year (source));

      g_string_append (out, "\r\n");
      append_ris (out, "TY", "GEN");
      append_ris (out, "ID", atlas_source_get_id (source));
      append_ris (out, "AU", atlas_source_get_author (source));
      append_ris (out, "TI", atlas_source_get_title (source));
      append_ris (out, "PY", atlas_source_get_year (source) > 0 ? source_year : NULL);
      append_ris (out, "UR", atlas_source_get_url (source));
      g_string_append (out, "ER  - \r\n");
    }

  atlas_export_job_progress (job, 1.0);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* CSL-JSON: an array of items (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html) */

static void
add_issued (JsonBuilder *builder,
            int          year,
            int          month,
            int          day)
{
  json_builder_set_member_name (builder, "issued");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "date-parts");
  json_builder_begin_array (builder);
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, year);
  if (month > 0)
    json_builder_add_int_value (builder, month);
  if (month > 0 && day > 0)
    json_builder_add_int_value (builder, day);
  json_builder_end_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

GBytes *
atlas_export_csl_json (AtlasExportJob  *job,
                       GError         **error)
{
  g_autoptr(GPtrArray) sources = cited_sources (job);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *note = dataset_note (job->dataset);
  g_autofree char *id = g_strdup_printf ("atlas-dataset-%s", atlas_dataset_get_as_of (job->dataset));
  g_autofree char *text = NULL;
  int year = 0, month = 0, day = 0;
  gsize length;

  json_builder_begin_array (builder);

  json_builder_begin_object (builder);
  add_string (builder, "id", id);
  add_string (builder, "type", "dataset");
  add_string (builder, "title", atlas_dataset_get_title (job->dataset));
  add_string (builder, "version", atlas_dataset_get_as_of (job->dataset));
  add_string (builder, "note", note);
  if (sscanf (atlas_dataset_get_as_of (job->dataset), "%4d-%2d-%2d", &year, &month, &day) == 3)
    add_issued (builder, year, month, day);
  json_builder_end_object (builder);

  for (guint i = 0; i < sources->len; i++)
    {
      AtlasSource *source = g_ptr_array_index (sources, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", atlas_source_get_id (source));
      add_string (builder, "type", "document");
      add_string (builder, "title", atlas_source_get_title (source));
      if (*atlas_source_get_author (source) != '\0')
        {
          /* As written: the dataset does not split names into family and given. */
          json_builder_set_member_name (builder, "author");
          json_builder_begin_array (builder);
          json_builder_begin_object (builder);
          add_string (builder, "literal", atlas_source_get_author (source));
          json_builder_end_object (builder);
          json_builder_end_array (builder);
        }
      if (atlas_source_get_year (source) > 0)
        add_issued (builder, atlas_source_get_year (source), 0, 0);
      add_string (builder, "URL", atlas_source_get_url (source));
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);
  atlas_export_job_progress (job, 1.0);

  return g_bytes_new_take (g_strconcat (text, "\n", NULL), length + 1);
}
