/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The changes between two dates written out: CSV (the rules of the CSV
 * export: RFC 4180, formula cells neutralized), Markdown (a table for a
 * briefing note) and JSON (an array of objects). One row per change, the
 * columns of `cyber-atlas --changes` (README.md). */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "atlas-text.h"
#include "atlas-timeline.h"

static const char * const columns[] = {
  "date", "partner_id", "partner_name", "field", "old_id", "new_id", "old_name", "new_name",
  "direction", "source", NULL
};

/* The row's cells, in the order of columns[]; ids only for indicators. */
static void
change_cells (AtlasChange *change,
              const char  *cells[10])
{
  cells[0] = change->date;
  cells[1] = atlas_partner_get_id (change->partner);
  cells[2] = atlas_partner_get_name (change->partner);
  cells[3] = change->field;
  cells[4] = change->lens ? change->old_value : NULL;
  cells[5] = change->lens ? change->new_value : NULL;
  cells[6] = change->old_name;
  cells[7] = change->new_name;
  cells[8] = atlas_change_direction_to_string (change->direction);
  cells[9] = atlas_history_entry_get_source (change->entry);
}

static GBytes *
to_csv (GPtrArray *changes)
{
  GString *csv = g_string_new (NULL);

  for (guint i = 0; columns[i] != NULL; i++)
    atlas_text_append_csv_cell (csv, columns[i], i == 0);
  g_string_append (csv, "\r\n");

  for (guint r = 0; r < changes->len; r++)
    {
      const char *cells[10];

      change_cells (g_ptr_array_index (changes, r), cells);
      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        atlas_text_append_csv_cell (csv, cells[i], i == 0);
      g_string_append (csv, "\r\n");
    }

  return g_string_free_to_bytes (csv);
}

/* Dataset text in a table cell: no line breaks, and nothing Markdown
 * would read as markup or a cell boundary. */
static void
append_markdown_cell (GString    *out,
                      const char *value)
{
  g_string_append (out, " ");
  for (const char *p = value ? value : ""; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else if (strchr ("\\|`*_[]<>#!~&", *p) != NULL)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  g_string_append (out, " |");
}

static GBytes *
to_markdown (GPtrArray  *changes,
             const char *from,
             const char *to)
{
  GString *md = g_string_new (NULL);

  /* Translators: a heading; the %s are dates, YYYY-MM-DD */
  g_string_append_printf (md, _("# Changes after %s, up to %s"), from, to);
  g_string_append (md, "\n\n");
  if (changes->len == 0)
    {
      g_string_append (md, _("No change."));
      g_string_append_c (md, '\n');
      return g_string_free_to_bytes (md);
    }

  g_string_append (md, "|");
  for (guint i = 0; columns[i] != NULL; i++)
    append_markdown_cell (md, columns[i]);
  g_string_append (md, "\n|");
  for (guint i = 0; columns[i] != NULL; i++)
    g_string_append (md, " --- |");
  g_string_append_c (md, '\n');

  for (guint r = 0; r < changes->len; r++)
    {
      const char *cells[10];

      change_cells (g_ptr_array_index (changes, r), cells);
      g_string_append (md, "|");
      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        append_markdown_cell (md, cells[i]);
      g_string_append_c (md, '\n');
    }

  return g_string_free_to_bytes (md);
}

static GBytes *
to_json (GPtrArray *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize length;

  json_builder_begin_array (builder);
  for (guint r = 0; r < changes->len; r++)
    {
      const char *cells[10];

      change_cells (g_ptr_array_index (changes, r), cells);
      json_builder_begin_object (builder);
      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        {
          json_builder_set_member_name (builder, columns[i]);
          if (cells[i] == NULL)
            json_builder_add_null_value (builder);
          else
            json_builder_add_string_value (builder, cells[i]);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);
  text = g_realloc (text, length + 2);
  text[length++] = '\n';
  text[length] = '\0';

  return g_bytes_new_take (text, length);
}

const char * const *
atlas_timeline_changes_formats (void)
{
  static const char * const formats[] = { "csv", "markdown", "json", NULL };

  return formats;
}

GBytes *
atlas_timeline_changes_to_bytes (GPtrArray  *changes,
                                 const char *format,
                                 const char *from,
                                 const char *to)
{
  g_return_val_if_fail (changes != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  if (strcmp (format, "csv") == 0)
    return to_csv (changes);
  if (strcmp (format, "markdown") == 0)
    return to_markdown (changes, from, to);
  if (strcmp (format, "json") == 0)
    return to_json (changes);

  g_return_val_if_reached (NULL);
}
