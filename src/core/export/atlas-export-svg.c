/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The map for slides as SVG, written directly rather than through cairo's
 * SVG surface (which turns every glyph into an outline and knows nothing of
 * countries): real <text> for the title, labels, legend and source, one
 * group per country with its ISO 3166-1 code as id and its category as
 * class, <title> and <desc> for the picture and each partner, and hatches
 * as SVG patterns. A communications unit can fix a title, translate a label
 * or restyle a country in any SVG editor.
 *
 * The geometry is the PNG's: atlas_map_render_get_image_layout () places
 * the map as atlas_map_render_draw_image () does, and cairo only traces the
 * outlines (atlas_map_paint_append_country ()) so that the simplification is
 * the same; the path is then read back and written as text. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "atlas-export-writers.h"
#include "atlas-map-paint.h"
#include "atlas-map-render.h"
#include "atlas-text-layout.h"

#define FONT_FAMILY "Cantarell, 'Nimbus Sans', 'DejaVu Sans', sans-serif"
#define PANGO_FAMILY "Cantarell, Nimbus Sans, DejaVu Sans, sans-serif"
#define HATCH_SIZE 8

typedef struct
{
  GString          *out;
  AtlasMapColoring *coloring;
  AtlasDataset     *dataset;
  AtlasWorld       *world;
  AtlasLens        *lens;
  AtlasMapImageLayout layout;
  double            width;
  double            height;
  gboolean          hatch;
} Writer;

static void
append_color (GString *out,
              guint32  color)
{
  g_string_append_printf (out, "#%06x", color & 0xffffff);
}

/* Text for XML content and attributes: escaped, never markup. */
static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (out, escaped);
}

/* A coordinate to a tenth of a pixel, whatever the locale */
static void
append_number (GString *out,
               double   value)
{
  gint64 tenths = (gint64) llround (value * 10);

  if (tenths < 0)
    {
      g_string_append_c (out, '-');
      tenths = -tenths;
    }
  g_string_append_printf (out, "%" G_GINT64_FORMAT, tenths / 10);
  if (tenths % 10 != 0)
    g_string_append_printf (out, ".%d", (int) (tenths % 10));
}

/* <text x y ...>TEXT</text>, @y the baseline */
static void
append_text_element (Writer     *self,
                     const char *id,
                     double      x,
                     double      y,
                     double      size,
                     const char *weight,
                     guint32     color,
                     const char *anchor,
                     const char *text)
{
  GString *out = self->out;

  g_string_append (out, "<text");
  if (id != NULL)
    g_string_append_printf (out, " id=\"%s\"", id);
  g_string_append (out, " x=\"");
  append_number (out, x);
  g_string_append (out, "\" y=\"");
  append_number (out, y);
  g_string_append (out, "\" font-size=\"");
  append_number (out, size);
  g_string_append (out, "\"");
  if (weight != NULL)
    g_string_append_printf (out, " font-weight=\"%s\"", weight);
  if (anchor != NULL)
    g_string_append_printf (out, " text-anchor=\"%s\"", anchor);
  g_string_append (out, " fill=\"");
  append_color (out, color);
  g_string_append (out, "\">");
  {
    /* One line each (title, legend rows): a dataset text of 200 000
     * characters would make every viewer lay it out whole. */
    g_autofree char *line = atlas_text_layout_one_line (text);

    append_text (out, line);
  }
  g_string_append (out, "</text>\n");
}

/* The hatch tiles of atlas-map-paint.c, as patterns in picture pixels */
static void
append_hatch_pattern (GString *out,
                      int      kind)
{
  static const char * const tiles[] = {
    "<path d=\"M0 8L8 0M-1 1L1 -1M7 9L9 7\" stroke=\"#1a1a1a\" stroke-opacity=\"0.55\"/>",
    "<path d=\"M0 0L8 8M-1 7L1 9M7 -1L9 1\" stroke=\"#1a1a1a\" stroke-opacity=\"0.55\"/>",
    "<rect x=\"0\" y=\"3\" width=\"8\" height=\"1\" fill=\"#1a1a1a\" fill-opacity=\"0.55\"/>",
    "<rect x=\"3\" y=\"0\" width=\"1\" height=\"8\" fill=\"#1a1a1a\" fill-opacity=\"0.55\"/>",
    "<path d=\"M2 2h2v2h-2zM6 6h2v2h-2z\" fill=\"#1a1a1a\" fill-opacity=\"0.55\"/>",
    "<path d=\"M0 3h8v1h-8zM3 0h1v8h-1z\" fill=\"#1a1a1a\" fill-opacity=\"0.55\"/>",
    "<path d=\"M0 8L8 0M0 0L8 8\" stroke=\"#1a1a1a\" stroke-opacity=\"0.55\"/>",
  };

  g_string_append_printf (out,
                          "<pattern id=\"hatch-%d\" patternUnits=\"userSpaceOnUse\" width=\"%d\" height=\"%d\">%s</pattern>\n",
                          kind, HATCH_SIZE, HATCH_SIZE, tiles[kind % G_N_ELEMENTS (tiles)]);
}

/* The SVG path data of what is on @cr's path, in picture pixels */
static gboolean
append_path_data (GString *out,
                  cairo_t *cr)
{
  cairo_path_t *path;
  gboolean any = FALSE;

  cairo_identity_matrix (cr);
  path = cairo_copy_path (cr);
  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    {
      cairo_path_data_t *data = &path->data[i];

      switch (data->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
        case CAIRO_PATH_LINE_TO:
          g_string_append_c (out, data->header.type == CAIRO_PATH_MOVE_TO ? 'M' : 'L');
          append_number (out, data[1].point.x);
          g_string_append_c (out, ' ');
          append_number (out, data[1].point.y);
          any = TRUE;
          break;
        case CAIRO_PATH_CURVE_TO:
          g_string_append_c (out, 'C');
          for (int k = 1; k <= 3; k++)
            {
              if (k > 1)
                g_string_append_c (out, ' ');
              append_number (out, data[k].point.x);
              g_string_append_c (out, ' ');
              append_number (out, data[k].point.y);
            }
          any = TRUE;
          break;
        case CAIRO_PATH_CLOSE_PATH:
          g_string_append_c (out, 'Z');
          break;
        default:
          break;
        }
    }
  cairo_path_destroy (path);
  cairo_new_path (cr);

  return any;
}

/* The country's outline on the picture, as atlas_map_render_draw_map ()
 * paints it (Equal Earth; rings cut by the map's edge run a little past
 * the world's outline, which clips them). */
static char *
country_path (Writer  *self,
              cairo_t *cr,
              guint    country)
{
  const AtlasMapImageLayout *l = &self->layout;
  AtlasMapFrame frame = l->frame;
  g_autoptr(GString) d = g_string_new (NULL);

  frame.pixel = 1.0;
  cairo_new_path (cr);
  cairo_identity_matrix (cr);
  cairo_translate (cr, l->view_x, l->view_y);
  atlas_map_paint_append_country (cr, self->world, country, &frame);
  if (!append_path_data (d, cr))
    return NULL;

  return g_string_free (g_steal_pointer (&d), FALSE);
}

static const char *
kind_class (AtlasMapFillKind kind)
{
  switch (kind)
    {
    case ATLAS_MAP_FILL_SUBJECT:
      return "subject";
    case ATLAS_MAP_FILL_NO_DATA:
      return "partner no-data";
    case ATLAS_MAP_FILL_CATEGORY:
      return "partner";
    case ATLAS_MAP_FILL_OTHER:
    default:
      return "other";
    }
}

static AtlasCategory *
category_at (AtlasLens *lens,
             int        index)
{
  if (lens == NULL || index < 0)
    return NULL;

  return g_list_model_get_item (atlas_lens_get_categories (lens), index);
}

static void
append_countries (Writer *self)
{
  GString *out = self->out;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);
  guint n = atlas_world_get_n_countries (self->world);
  GString *members;

  /* The map's frame in its band, and the world's outline in it: a map
   * fitted to a few partners reaches beyond the band, land cut by the
   * map's edge beyond the outline, Antarctica below the frame. */
  {
    const AtlasMapImageLayout *l = &self->layout;
    double x1 = MAX (0, l->view_x), y1 = MAX (l->top, l->view_y);
    double x2 = MIN (self->width, l->view_x + l->frame.width);
    double y2 = MIN (l->bottom, l->view_y + l->frame.height);

    g_string_append (out, "<clipPath id=\"map-band\"><rect x=\"");
    append_number (out, x1);
    g_string_append (out, "\" y=\"");
    append_number (out, y1);
    g_string_append (out, "\" width=\"");
    append_number (out, x2 - x1);
    g_string_append (out, "\" height=\"");
    append_number (out, y2 - y1);
  }
  g_string_append (out, "\"/></clipPath>\n<clipPath id=\"world\"><path d=\"");
  cairo_new_path (cr);
  cairo_identity_matrix (cr);
  atlas_map_render_append_outline (&self->layout, cr);
  append_path_data (out, cr);
  g_string_append (out, "\"/></clipPath>\n");

  g_string_append (out, "<g id=\"map\" clip-path=\"url(#map-band)\">\n");
  members = g_string_new (NULL);
  /* Other countries and the subject's members first, partners on top */
  for (int pass = 0; pass < 2; pass++)
    {
      /* Borders: the coast's colour between other countries, white around partners */
      g_string_append_printf (out, "<g id=\"%s\" clip-path=\"url(#world)\" stroke=\"#%06x\" stroke-width=\"0.6\" stroke-linejoin=\"round\">\n",
                              pass == 0 ? "countries" : "partners",
                              pass == 0 ? ATLAS_MAP_COAST_COLOR : ATLAS_MAP_BORDER_COLOR);
      for (guint c = 0; c < n; c++)
        {
          AtlasMapFillKind kind = atlas_map_coloring_get_kind (self->coloring, c);
          gboolean partner = kind == ATLAS_MAP_FILL_CATEGORY || kind == ATLAS_MAP_FILL_NO_DATA;
          const char *code = atlas_world_country_get_alpha2 (self->world, c);
          int index = atlas_map_coloring_get_category (self->coloring, c);
          g_autoptr(AtlasCategory) category = partner ? category_at (self->lens, index) : NULL;
          g_autofree char *d = NULL;

          if (partner != (pass == 1))
            continue;
          d = country_path (self, cr, c);
          if (d == NULL)
            continue;

          g_string_append (out, "<g");
          /* An id is unique: the code when the country has one */
          if (code != NULL && *code != '\0')
            g_string_append_printf (out, " id=\"%s\"", code);
          g_string_append_printf (out, " class=\"%s", kind_class (kind));
          if (category != NULL)
            g_string_append_printf (out, " category-%s", atlas_category_get_id (category));
          g_string_append (out, "\">");
          if (partner)
            {
              AtlasPartner *p = atlas_map_coloring_get_partner (self->coloring, c);

              g_string_append (out, "<title>");
              /* Translators: a country's tooltip in an SVG map: "Japan: Mature" */
              {
                g_autofree char *title = g_strdup_printf (_("%s: %s"), atlas_partner_get_display_name (p),
                                                          category ? atlas_category_get_name (category)
                                                                   : atlas_lens_get_empty_label (self->lens, atlas_dataset_get_as_of (self->dataset)));
                append_text (out, title);
              }
              g_string_append (out, "</title>");
            }
          g_string_append (out, "<path fill=\"");
          append_color (out, atlas_map_coloring_get_color (self->coloring, c));
          g_string_append_printf (out, "\" d=\"%s\"/>", d);
          if (partner && self->hatch && index >= 0)
            g_string_append_printf (out, "<path class=\"hatch\" fill=\"url(#hatch-%d)\" stroke=\"none\" d=\"%s\"/>",
                                    index % 7, d);
          else if (kind == ATLAS_MAP_FILL_NO_DATA)
            g_string_append_printf (out, "<path class=\"hatch\" fill=\"url(#no-data)\" stroke=\"none\" d=\"%s\"/>", d);
          g_string_append (out, "</g>\n");
          if (kind == ATLAS_MAP_FILL_SUBJECT)
            g_string_append_printf (members, "%s ", d);
        }
      g_string_append (out, "</g>\n");
    }
  /* The subject in a category of its own: an outline in its colour around
   * its members, outside them only (the map's, atlas-map-paint.c) */
  if (atlas_map_coloring_get_subject_category (self->coloring) >= 0 && members->len > 0)
    {
      g_string_append_printf (out, "<mask id=\"subject-outside\" maskUnits=\"userSpaceOnUse\">"
                              "<rect x=\"-10%%\" y=\"-10%%\" width=\"120%%\" height=\"120%%\" fill=\"#ffffff\"/>"
                              "<path fill=\"#000000\" d=\"%s\"/></mask>\n", members->str);
      g_string_append (out, "<path id=\"subject-outline\" fill=\"none\" stroke=\"");
      append_color (out, atlas_map_coloring_get_subject_color (self->coloring));
      g_string_append_printf (out, "\" stroke-width=\"4\" stroke-linejoin=\"round\" mask=\"url(#subject-outside)\" d=\"%s\"/>\n",
                              members->str);
    }
  g_string_free (members, TRUE);
  g_string_append (out, "</g>\n");

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Partners' names as the PNG places them (atlas-map-labels.h): over their
 * countries, or beside them with a leader line ending in a dot; the text
 * with a white halo, as SVG 2's paint-order draws it. */
static void
append_labels (Writer         *self,
               AtlasMapRender *render)
{
  GString *out = self->out;
  g_autoptr(GArray) labels = atlas_map_render_place_labels (render, &self->layout);
  double size = self->layout.label_size;
  double halo = size * 0.3;

  g_string_append (out, "<g id=\"labels\" font-weight=\"600\" stroke=\"#ffffff\" stroke-opacity=\"0.88\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n");
  for (guint i = 0; i < labels->len; i++)
    {
      AtlasMapLabel *l = &g_array_index (labels, AtlasMapLabel, i);
      const char *name = pango_layout_get_text (l->layout);
      int width;
      double baseline = l->text_y + (double) pango_layout_get_baseline (l->layout) / PANGO_SCALE;

      pango_layout_get_size (l->layout, &width, NULL);
      g_string_append_printf (out, "<g class=\"label\" id=\"label-%s\">", atlas_partner_get_id (l->partner));
      if (l->leader)
        {
          double pad = size * 0.2;
          double ex = CLAMP (l->anchor_x, l->x + pad, l->x + l->width - pad);
          double ey = CLAMP (l->anchor_y, l->y + pad, l->y + l->height - pad);

          g_string_append (out, "<path fill=\"none\" stroke=\"");
          append_color (out, ATLAS_MAP_TEXT_COLOR);
          g_string_append (out, "\" stroke-opacity=\"1\" stroke-linecap=\"round\" stroke-width=\"");
          append_number (out, MAX (size * 0.08, 0.75));
          g_string_append (out, "\" d=\"M");
          append_number (out, l->anchor_x);
          g_string_append_c (out, ' ');
          append_number (out, l->anchor_y);
          g_string_append (out, "L");
          append_number (out, ex);
          g_string_append_c (out, ' ');
          append_number (out, ey);
          g_string_append (out, "\"/><circle stroke=\"#ffffff\" stroke-opacity=\"0.9\" stroke-width=\"");
          append_number (out, MAX (size * 0.06, 1.0));
          g_string_append (out, "\" fill=\"");
          append_color (out, ATLAS_MAP_TEXT_COLOR);
          g_string_append (out, "\" cx=\"");
          append_number (out, l->anchor_x);
          g_string_append (out, "\" cy=\"");
          append_number (out, l->anchor_y);
          g_string_append (out, "\" r=\"");
          append_number (out, MAX (size * 0.17, 2.0));
          g_string_append (out, "\"/>");
        }
      g_string_append (out, "<text x=\"");
      append_number (out, l->text_x + (double) width / PANGO_SCALE / 2);
      g_string_append (out, "\" y=\"");
      append_number (out, baseline);
      g_string_append (out, "\" font-size=\"");
      append_number (out, size);
      g_string_append (out, "\" stroke-width=\"");
      append_number (out, halo);
      g_string_append (out, "\" text-anchor=\"middle\" fill=\"");
      append_color (out, ATLAS_MAP_TEXT_COLOR);
      g_string_append (out, "\">");
      append_text (out, name);
      g_string_append (out, "</text></g>\n");
    }
  g_string_append (out, "</g>\n");
}

typedef struct
{
  const char *name;
  guint32     color;
  int         index;
  const char *id;
} LegendRow;

/* The legend: only what the map shows (categories some shown partner has,
 * the subject, "No data" when a partner lacks a category), in the lower
 * left corner. Returns its box. */
/* LegendRow.index of the subject in its own category */
#define SUBJECT_OWN_ROW (-2)

/* The subject's row: in its own category, outlined as on the map, when it
 * has one. @categories keeps the category; @text the row's text. */
static LegendRow
subject_row (Writer     *self,
             GPtrArray  *categories,
             char      **text)
{
  AtlasCategory *own;

  if (atlas_map_coloring_get_subject_category (self->coloring) < 0)
    return (LegendRow) { atlas_dataset_get_subject_name (self->dataset),
                         atlas_dataset_get_subject_color (self->dataset), -1, NULL };

  own = category_at (self->lens, atlas_map_coloring_get_subject_category (self->coloring));
  g_ptr_array_add (categories, own);
  /* Translators: the legend's row of the subject with its own category, e.g. "European Union: Refused" */
  *text = g_strdup_printf (_("%s: %s"), atlas_dataset_get_subject_name (self->dataset),
                           atlas_category_get_name (own));
  return (LegendRow) { *text, atlas_category_get_color (own), SUBJECT_OWN_ROW, NULL };
}

static void
append_legend (Writer *self)
{
  const AtlasMapImageLayout *l = &self->layout;
  GString *out = self->out;
  double size = l->legend_size;
  double pad = size * 0.8, swatch = size * 1.05, gap = size * 0.55, row_height = size * 1.65;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (LegendRow));
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_object_unref);
  const char *heading = self->lens ? atlas_lens_get_name (self->lens) : _("Map");
  g_autofree char *subject_text = NULL;
  double width, height, x, y, heading_height;
  LegendRow row;

  if (self->lens != NULL)
    for (guint i = 0; i < atlas_lens_get_n_categories (self->lens); i++)
      if (atlas_map_coloring_count (self->coloring, i) > 0)
        {
          AtlasCategory *category = category_at (self->lens, i);

          g_ptr_array_add (categories, category);
          row = (LegendRow) { atlas_category_get_name (category), atlas_category_get_color (category), i,
                              atlas_category_get_id (category) };
          g_array_append_val (rows, row);
        }
  row = subject_row (self, categories, &subject_text);
  g_array_append_val (rows, row);
  if (atlas_map_coloring_count (self->coloring, -1) > 0)
    {
      row = (LegendRow) { atlas_lens_get_empty_label (self->lens, atlas_dataset_get_as_of (self->dataset)),
                          ATLAS_MAP_NO_DATA_COLOR, -1, NULL };
      g_array_append_val (rows, row);
    }

  /* The PNG's box (atlas_map_render_draw_legend ()), which the labels
   * keep off; the heading's height is what the rows leave of it. */
  width = l->legend.width;
  height = l->legend.height;
  x = l->legend.x;
  y = l->legend.y;
  heading_height = height - (2 * pad + size * 0.4 + rows->len * row_height - (row_height - swatch) / 2);

  g_string_append (out, "<g id=\"legend\">\n<rect x=\"");
  append_number (out, x);
  g_string_append (out, "\" y=\"");
  append_number (out, y);
  g_string_append (out, "\" width=\"");
  append_number (out, width);
  g_string_append (out, "\" height=\"");
  append_number (out, height);
  g_string_append (out, "\" rx=\"");
  append_number (out, size * 0.5);
  g_string_append (out, "\" fill=\"#ffffff\" fill-opacity=\"0.92\" stroke=\"#000000\" stroke-opacity=\"0.12\"/>\n");
  append_text_element (self, "legend-title", x + pad, y + pad + heading_height * 0.78, size * 1.05, "bold",
                       ATLAS_MAP_TEXT_COLOR, NULL, heading);

  {
    double row_y = y + pad + heading_height + size * 0.4;

    for (guint i = 0; i < rows->len; i++)
      {
        LegendRow *r = &g_array_index (rows, LegendRow, i);

        g_string_append (out, "<g class=\"legend-row");
        if (r->id != NULL)
          g_string_append_printf (out, " category-%s", r->id);
        g_string_append (out, "\"><rect x=\"");
        append_number (out, x + pad);
        g_string_append (out, "\" y=\"");
        append_number (out, row_y);
        g_string_append (out, "\" width=\"");
        append_number (out, swatch);
        g_string_append (out, "\" height=\"");
        append_number (out, swatch);
        g_string_append (out, "\" fill=\"");
        append_color (out, r->color);
        if (r->index == SUBJECT_OWN_ROW)
          {
            g_string_append (out, "\" stroke=\"");
            append_color (out, atlas_map_coloring_get_subject_color (self->coloring));
            g_string_append (out, "\" stroke-width=\"");
            append_number (out, swatch * 0.14);
            g_string_append (out, "\"/>");
          }
        else
          g_string_append (out, "\" stroke=\"#000000\" stroke-opacity=\"0.25\"/>");
        if (self->hatch && r->index >= 0)
          {
            g_string_append (out, "<rect x=\"");
            append_number (out, x + pad);
            g_string_append (out, "\" y=\"");
            append_number (out, row_y);
            g_string_append (out, "\" width=\"");
            append_number (out, swatch);
            g_string_append (out, "\" height=\"");
            append_number (out, swatch);
            g_string_append_printf (out, "\" fill=\"url(#hatch-%d)\"/>", r->index % 7);
          }
        else if (r->index < 0 && r->color == ATLAS_MAP_NO_DATA_COLOR)
          {
            g_string_append (out, "<rect x=\"");
            append_number (out, x + pad);
            g_string_append (out, "\" y=\"");
            append_number (out, row_y);
            g_string_append (out, "\" width=\"");
            append_number (out, swatch);
            g_string_append (out, "\" height=\"");
            append_number (out, swatch);
            g_string_append (out, "\" fill=\"url(#no-data)\"/>");
          }
        g_string_append (out, "\n");
        append_text_element (self, NULL, x + pad + swatch + gap, row_y + swatch / 2 + size * 0.35, size, NULL,
                             ATLAS_MAP_TEXT_COLOR, NULL, r->name);
        g_string_append (out, "</g>\n");
        row_y += row_height;
      }
  }
  g_string_append (out, "</g>\n");
}

GBytes *
atlas_export_svg (AtlasExportJob  *job,
                  GError         **error)
{
  const char *title = atlas_export_job_image_title (job);
  g_autofree char *subtitle = atlas_export_job_image_subtitle (job);
  g_autoptr(AtlasMapRender) render = NULL;
  g_autofree char *source = atlas_export_source_line (job->dataset);
  Writer self = { 0 };
  GString *out;

  self.width = atlas_export_options_get_width (job->options);
  self.height = atlas_export_options_get_height (job->options);
  self.hatch = atlas_export_options_get_hatch (job->options);
  self.lens = job->lens;
  self.dataset = job->dataset;
  self.world = atlas_world_get_default ();
  render = atlas_map_render_new (self.world, job->dataset, job->lens);
  atlas_map_render_set_partners (render, job->partners);
  self.coloring = atlas_map_render_get_coloring (render);
  atlas_map_render_get_image_layout (render, self.width, self.height, title, subtitle, &self.layout);


  out = self.out = g_string_sized_new (1 << 20);
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"");
  g_string_append_printf (out, " width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\"", self.width, self.height,
                          self.width, self.height);
  g_string_append (out, " font-family=\"" FONT_FAMILY "\" role=\"img\" aria-labelledby=\"title\" aria-describedby=\"desc\">\n");
  g_string_append (out, "<title id=\"title\">");
  append_text (out, title);
  g_string_append (out, "</title>\n<desc id=\"desc\">");
  append_text (out, subtitle);
  g_string_append (out, ". ");
  append_text (out, source);
  g_string_append (out, "</desc>\n");

  g_string_append (out, "<defs>\n");
  if (self.hatch && self.lens != NULL)
    for (guint i = 0; i < MIN (atlas_lens_get_n_categories (self.lens), 7); i++)
      append_hatch_pattern (out, i);
  /* "No data"'s fine hatch (atlas_map_paint_no_data_hatch ()): a pixel in four */
  g_string_append_printf (out, "<pattern id=\"no-data\" patternUnits=\"userSpaceOnUse\" width=\"4\" height=\"4\">"
                          "<path d=\"M0 0h1v1h-1zM3 1h1v1h-1zM2 2h1v1h-1zM1 3h1v1h-1z\" fill=\"#%06X\"/></pattern>\n",
                          ATLAS_MAP_NO_DATA_HATCH_COLOR);
  g_string_append (out, "</defs>\n");

  g_string_append (out, "<rect id=\"ocean\" width=\"100%\" height=\"100%\" fill=\"");
  append_color (out, ATLAS_MAP_OCEAN_COLOR);
  g_string_append (out, "\"/>\n");

  append_countries (&self);
  atlas_export_job_progress (job, 0.6);

  {
    double unit = self.layout.unit, margin = self.layout.margin, top = margin;

    if (title != NULL && *title != '\0')
      {
        append_text_element (&self, "map-title", margin, top + unit * 0.042 * 0.95, unit * 0.042, "bold",
                             ATLAS_MAP_TEXT_COLOR, NULL, title);
        top += unit * 0.042 * 1.25;
      }
    if (subtitle != NULL && *subtitle != '\0')
      append_text_element (&self, "map-subtitle", margin, top + unit * 0.004 + unit * 0.025 * 0.95,
                           unit * 0.025, NULL, 0x545454, NULL, subtitle);

    append_legend (&self);
    append_labels (&self, render);
    append_text_element (&self, "source", self.width - margin, self.height - margin * 0.6, unit * 0.015, NULL,
                         0x595959, "end", source);
  }
  g_string_append (out, "</svg>\n");


  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  atlas_export_job_progress (job, 1.0);
  return g_string_free_to_bytes (out);
}
