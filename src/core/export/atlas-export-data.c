/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The data exports: a table for spreadsheets (CSV), the partners' outlines
 * for GIS (GeoJSON) and profiles for another desk (the dataset format). */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "atlas-dataset-io.h"
#include "atlas-export.h"
#include "atlas-export-writers.h"
#include "atlas-geo.h"

/* CSV (RFC 4180) */

static void
append_csv_number (GString *line,
                   guint    value)
{
  g_string_append_printf (line, ",%u", value);
}

/* A partner's rounds in one line: how many, the latest, and the dialogues
 * overdue as of the dataset's date ("; " between names). */
typedef struct
{
  guint       n_rounds;
  const char *last_round;    /* borrowed, or NULL */
  char       *overdue;       /* "" when none */
} RoundsSummary;

static void
rounds_summary_init (RoundsSummary *summary,
                     AtlasPartner  *partner,
                     const char    *as_of)
{
  GListModel *dialogues = atlas_partner_get_dialogues (partner);
  GString *overdue = g_string_new (NULL);

  summary->n_rounds = 0;
  summary->last_round = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (dialogues); i++)
    {
      g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (dialogues, i);
      GPtrArray *rounds = atlas_dialogue_get_rounds (dialogue);

      summary->n_rounds += rounds->len;
      for (guint j = 0; j < rounds->len; j++)
        {
          const char *date = ((AtlasRound *) g_ptr_array_index (rounds, j))->date;

          /* The more precise of two dates that do not order each other. */
          if (summary->last_round == NULL ||
              atlas_round_date_compare (date, summary->last_round) > 0 ||
              (atlas_round_date_compare (date, summary->last_round) == 0 &&
               strlen (date) > strlen (summary->last_round)))
            summary->last_round = date;
        }
      if (as_of != NULL && atlas_dialogue_is_overdue (dialogue, as_of))
        {
          if (overdue->len > 0)
            g_string_append (overdue, "; ");
          g_string_append (overdue, atlas_dialogue_get_name (dialogue));
        }
    }
  summary->overdue = g_string_free (overdue, FALSE);
}

GBytes *
atlas_export_csv (AtlasExportJob  *job,
                  GError         **error)
{
  GString *csv = g_string_new (NULL);
  GListModel *lenses = atlas_dataset_get_lenses (job->dataset);
  guint n_lenses = g_list_model_get_n_items (lenses);

  atlas_text_append_csv_cell (csv, "id", TRUE);
  atlas_text_append_csv_cell (csv, "name", FALSE);
  for (guint i = 0; i < n_lenses; i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
      g_autofree char *name_column = g_strconcat (atlas_lens_get_id (lens), "_name", NULL);

      atlas_text_append_csv_cell (csv, atlas_lens_get_id (lens), FALSE);
      atlas_text_append_csv_cell (csv, name_column, FALSE);
    }
  atlas_text_append_csv_cell (csv, "documents", FALSE);
  atlas_text_append_csv_cell (csv, "dialogues", FALSE);
  atlas_text_append_csv_cell (csv, "agreements", FALSE);
  atlas_text_append_csv_cell (csv, "rounds", FALSE);
  atlas_text_append_csv_cell (csv, "last_round", FALSE);
  atlas_text_append_csv_cell (csv, "overdue_dialogues", FALSE);
  atlas_text_append_csv_cell (csv, "updated", FALSE);
  /* The date the values hold on: the dataset's, or the one asked for. */
  atlas_text_append_csv_cell (csv, "as_of", FALSE);
  g_string_append (csv, "\r\n");

  for (guint p = 0; p < job->partners->len; p++)
    {
      AtlasPartner *partner = g_ptr_array_index (job->partners, p);

      atlas_text_append_csv_cell (csv, atlas_partner_get_id (partner), TRUE);
      atlas_text_append_csv_cell (csv, atlas_partner_get_name (partner), FALSE);
      for (guint i = 0; i < n_lenses; i++)
        {
          g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
          const char *category_id = atlas_partner_get_indicator (partner, atlas_lens_get_id (lens));
          AtlasCategory *category = category_id ? atlas_lens_find_category (lens, category_id) : NULL;

          atlas_text_append_csv_cell (csv, category_id, FALSE);
          /* The dataset's own words, as the partner's name: a data file does
           * not change with the desktop's language. */
          atlas_text_append_csv_cell (csv, category ? atlas_category_get_original_name (category) : NULL, FALSE);
        }
      append_csv_number (csv, g_list_model_get_n_items (atlas_partner_get_documents (partner)));
      append_csv_number (csv, g_list_model_get_n_items (atlas_partner_get_dialogues (partner)));
      append_csv_number (csv, g_list_model_get_n_items (atlas_partner_get_agreements (partner)));
      {
        RoundsSummary summary;

        rounds_summary_init (&summary, partner, atlas_dataset_get_as_of (job->dataset));
        append_csv_number (csv, summary.n_rounds);
        atlas_text_append_csv_cell (csv, summary.last_round, FALSE);
        atlas_text_append_csv_cell (csv, summary.overdue, FALSE);
        g_free (summary.overdue);
      }
      atlas_text_append_csv_cell (csv, atlas_partner_get_updated (partner), FALSE);
      atlas_text_append_csv_cell (csv, atlas_dataset_get_as_of (job->dataset), FALSE);
      g_string_append (csv, "\r\n");
    }

  atlas_export_job_progress (job, 1.0);

  return g_string_free_to_bytes (csv);
}

/* JSON helpers for GeoJSON, written by hand: it is mostly numbers */

static void
append_json_string (GString    *out,
                    const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

/* Fixed-point with five decimals (about a metre): the outlines are no finer,
 * and printf's "%f" would follow LC_NUMERIC. */
static void
append_coordinate (GString *out,
                   double   value)
{
  gint64 scaled = (gint64) llround (value * 100000.0);
  guint64 magnitude = scaled < 0 ? (guint64) -scaled : (guint64) scaled;

  if (scaled < 0)
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%" G_GUINT64_FORMAT ".%05u",
                          magnitude / 100000, (guint) (magnitude % 100000));
}

typedef struct
{
  const AtlasGeoPoint *points;
  guint                count;
  double               area;     /* in map units, y down */
  const AtlasGeoSpan  *span;
  int                  depth;
  int                  parent;
} Ring;

static double
ring_area (const AtlasGeoPoint *p,
           guint                n)
{
  double area = 0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    area += (double) p[j].x * p[i].y - (double) p[i].x * p[j].y;

  return area / 2;
}

static gboolean
ring_contains_point (const Ring *ring,
                     double      x,
                     double      y)
{
  const AtlasGeoPoint *p = ring->points;
  gboolean inside = FALSE;

  if (x < ring->span->min_x || x > ring->span->max_x ||
      y < ring->span->min_y || y > ring->span->max_y)
    return FALSE;

  for (guint i = 0, j = ring->count - 1; i < ring->count; j = i++)
    if ((p[i].y > y) != (p[j].y > y) &&
        x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x)
      inside = !inside;

  return inside;
}

/* The geometry as a GeoJSON MultiPolygon. The compiled rings are filled
 * even-odd with no roles, so a ring inside an odd number of others is a
 * hole of the innermost; exteriors are written counter-clockwise and holes
 * clockwise (RFC 7946's right-hand rule), each ring closed. */
static void
append_multipolygon (GString             *out,
                     const AtlasGeoSpan  *spans,
                     guint                n_spans,
                     const AtlasGeoPoint *points)
{
  g_autofree Ring *rings = g_new0 (Ring, n_spans);
  gboolean first_polygon = TRUE;

  for (guint i = 0; i < n_spans; i++)
    {
      rings[i].points = points + spans[i].first;
      rings[i].count = spans[i].count;
      rings[i].span = &spans[i];
      rings[i].area = rings[i].count >= 3 ? ring_area (rings[i].points, rings[i].count) : 0;
      rings[i].parent = -1;
    }

  for (guint i = 0; i < n_spans; i++)
    {
      double best_area = G_MAXDOUBLE;

      if (rings[i].count < 3)
        continue;
      for (guint j = 0; j < n_spans; j++)
        {
          if (j == i || rings[j].count < 3 ||
              fabs (rings[j].area) <= fabs (rings[i].area) ||
              !ring_contains_point (&rings[j], rings[i].points[0].x, rings[i].points[0].y))
            continue;
          rings[i].depth++;
          if (fabs (rings[j].area) < best_area)
            {
              best_area = fabs (rings[j].area);
              rings[i].parent = j;
            }
        }
    }

  g_string_append (out, "{\"type\":\"MultiPolygon\",\"coordinates\":[");
  for (guint i = 0; i < n_spans; i++)
    {
      if (rings[i].count < 3 || rings[i].area == 0 || rings[i].depth % 2 != 0)
        continue;

      if (!first_polygon)
        g_string_append_c (out, ',');
      first_polygon = FALSE;
      g_string_append_c (out, '[');

      /* The exterior, then its holes */
      for (int k = -1; k < (int) n_spans; k++)
        {
          const Ring *ring = &rings[k < 0 ? i : (guint) k];
          gboolean hole = k >= 0;
          gboolean reverse;

          if (hole && (ring->parent != (int) i || ring->depth % 2 == 0 || ring->area == 0))
            continue;

          /* Counter-clockwise in longitude and latitude is clockwise with
           * y pointing down, a negative area here. */
          reverse = hole ? ring->area < 0 : ring->area > 0;

          if (hole)
            g_string_append_c (out, ',');
          g_string_append_c (out, '[');
          for (guint n = 0; n <= ring->count; n++)
            {
              guint index = n % ring->count;
              const AtlasGeoPoint *point = &ring->points[reverse ? ring->count - 1 - index : index];
              double lon, lat;

              atlas_geo_map_to_lonlat (point->x, point->y, &lon, &lat);
              if (n > 0)
                g_string_append_c (out, ',');
              g_string_append_c (out, '[');
              append_coordinate (out, CLAMP (lon, -180.0, 180.0));
              g_string_append_c (out, ',');
              append_coordinate (out, lat);
              g_string_append_c (out, ']');
            }
          g_string_append_c (out, ']');
        }

      g_string_append_c (out, ']');
    }
  g_string_append (out, "]}");
}

GBytes *
atlas_export_geojson (AtlasExportJob  *job,
                      GError         **error)
{
  GString *out = g_string_new (NULL);
  g_autoptr(AtlasWorld) world = atlas_world_ref (atlas_world_get_default ());
  const AtlasGeoPoint *points = atlas_world_get_points (world);
  GListModel *lenses = atlas_dataset_get_lenses (job->dataset);
  guint n_lenses = g_list_model_get_n_items (lenses);

  g_string_append (out, "{\"type\":\"FeatureCollection\",\"name\":");
  append_json_string (out, atlas_dataset_get_title (job->dataset));
  g_string_append (out, ",\"features\":[");

  for (guint p = 0; p < job->partners->len; p++)
    {
      AtlasPartner *partner = g_ptr_array_index (job->partners, p);
      int country = atlas_world_find_country (world, atlas_partner_get_id (partner));

      if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
        {
          g_string_free (out, TRUE);
          return NULL;
        }

      g_string_append (out, p > 0 ? ",\n" : "\n");
      g_string_append (out, "{\"type\":\"Feature\",\"id\":");
      append_json_string (out, atlas_partner_get_id (partner));
      g_string_append (out, ",\"properties\":{\"id\":");
      append_json_string (out, atlas_partner_get_id (partner));
      g_string_append (out, ",\"name\":");
      append_json_string (out, atlas_partner_get_name (partner));
      for (guint i = 0; i < n_lenses; i++)
        {
          g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
          const char *lens_id = atlas_lens_get_id (lens);
          const char *category_id = atlas_partner_get_indicator (partner, lens_id);
          AtlasCategory *category = category_id ? atlas_lens_find_category (lens, category_id) : NULL;

          g_string_append_c (out, ',');
          append_json_string (out, lens_id);
          g_string_append_c (out, ':');
          append_json_string (out, category_id);
          g_string_append (out, ",\"");
          g_string_append (out, lens_id);
          g_string_append (out, "_name\":");
          append_json_string (out, category ? atlas_category_get_original_name (category) : NULL);
        }
      {
        RoundsSummary summary;

        rounds_summary_init (&summary, partner, atlas_dataset_get_as_of (job->dataset));
        g_string_append_printf (out, ",\"rounds\":%u,\"last_round\":", summary.n_rounds);
        append_json_string (out, summary.last_round);
        g_string_append (out, ",\"overdue_dialogues\":");
        append_json_string (out, summary.overdue);
        g_free (summary.overdue);
      }
      g_string_append (out, ",\"updated\":");
      append_json_string (out, atlas_partner_get_updated (partner));
      g_string_append (out, ",\"as_of\":");
      append_json_string (out, atlas_dataset_get_as_of (job->dataset));
      g_string_append (out, "},\"geometry\":");

      if (country >= 0)
        {
          guint n_rings;
          const AtlasGeoSpan *rings = atlas_world_country_get_rings (world, country, 0, &n_rings);

          append_multipolygon (out, rings, n_rings, points);
        }
      else
        g_string_append (out, "null");

      g_string_append_c (out, '}');
      atlas_export_job_progress (job, (p + 1.0) / job->partners->len);
    }

  g_string_append (out, "\n]}\n");

  return g_string_free_to_bytes (out);
}

/* Dataset JSON */

GBytes *
atlas_export_json (AtlasExportJob  *job,
                   GError         **error)
{
  g_autoptr(AtlasDataset) copy = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < job->partners->len; i++)
    g_ptr_array_add (ids, (gpointer) atlas_partner_get_id (g_ptr_array_index (job->partners, i)));
  g_ptr_array_add (ids, NULL);

  /* The whole dataset keeps its removed partners, with their history; a
   * choice of partners is of listed ones. */
  copy = atlas_export_copy_dataset (job->dataset,
                                    atlas_export_options_get_partner_ids (job->options) == NULL
                                    ? NULL : (const char * const *) ids->pdata);
  atlas_export_job_progress (job, 0.5);

  return atlas_dataset_to_bytes (copy);
}
