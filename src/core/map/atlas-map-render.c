/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The one drawing of the map every export shares (see the header): the
 * countries come from atlas_map_paint (), framed and cut here; labels,
 * legend and titles are laid out with Pango in the context's own units. */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "atlas-map-labels.h"
#include "atlas-map-render.h"
#include "atlas-text-layout.h"

/* The part of the world shown, and where it is cut */
#define NORTH_LATITUDE 84.0
#define SOUTH_LATITUDE (-57.0)
/* The map's edge is the meridian of 169° W, in the Bering Strait */
#define CENTRAL_LONGITUDE 11.0

#define FONT_FAMILY "Cantarell, Nimbus Sans, DejaVu Sans, sans-serif"

/* Vector output is simplified for this resolution unless told otherwise:
 * 300 dpi in PostScript points. */
#define DEFAULT_DETAIL (300.0 / 72.0)

struct _AtlasMapRender
{
  AtlasWorld   *world;
  AtlasDataset *dataset;
  AtlasLens    *lens;
  GPtrArray    *partners;    /* nullable: all */
  gboolean      hatch;
  double        label_size;
  double        detail;
  char         *attribution;

  AtlasMapColoring *coloring;   /* built on first use */
  GArray       *obstacles;      /* AtlasMapBox the labels keep off: the legend */
  PangoContext *pango_context;
};

/* The map's place on the context: Equal Earth, centred on CENTRAL, its
 * plane's point (frame.x, frame.y) at (x, y). */
typedef struct
{
  double x, y;
  AtlasMapFrame frame;
} View;

typedef struct
{
  double x, y, width, height;
} Box;

static void
set_source_rgb (cairo_t *cr,
                guint32  color)
{
  cairo_set_source_rgb (cr,
                        ((color >> 16) & 0xff) / 255.0,
                        ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

/* The plane's rectangle shown: the whole width, from NORTH to SOUTH */
static void
get_bounds (double *left,
            double *top,
            double *right,
            double *bottom)
{
  double x;

  atlas_map_equal_earth (CENTRAL_LONGITUDE + 180.0, 0, CENTRAL_LONGITUDE, right, &x);
  *right = fabs (*right);
  *left = -*right;
  atlas_map_equal_earth (CENTRAL_LONGITUDE, NORTH_LATITUDE, CENTRAL_LONGITUDE, &x, top);
  atlas_map_equal_earth (CENTRAL_LONGITUDE, SOUTH_LATITUDE, CENTRAL_LONGITUDE, &x, bottom);
}

static View
fit_world (double x,
           double y,
           double width,
           double height)
{
  View view = { 0 };
  double left, top, right, bottom;

  get_bounds (&left, &top, &right, &bottom);
  view.frame.projection = ATLAS_MAP_PROJECTION_EQUAL_EARTH;
  view.frame.central_longitude = CENTRAL_LONGITUDE;
  view.frame.scale = MIN (width / (right - left), height / (bottom - top));
  view.frame.x = left;
  view.frame.y = top;
  view.frame.width = (right - left) * view.frame.scale;
  view.frame.height = (bottom - top) * view.frame.scale;
  view.x = x + (width - view.frame.width) / 2;
  view.y = y + (height - view.frame.height) / 2;

  return view;
}

/* The partners' extent on the plane: the main rings of each (not its
 * far-flung islands: the Aleutians would stretch the United States across
 * the world; nor a ring cut by the map's edge). FALSE if none is drawn. */
static gboolean
partners_bounds (AtlasMapRender *self,
                 double         *x1,
                 double         *y1,
                 double         *x2,
                 double         *y2)
{
  const AtlasGeoPoint *points = atlas_world_get_points (self->world);
  guint level = atlas_world_pick_level (self->world, 2000);
  double left, top, right, bottom;

  get_bounds (&left, &top, &right, &bottom);
  *x1 = *y1 = G_MAXDOUBLE;
  *x2 = *y2 = -G_MAXDOUBLE;
  for (guint i = 0; i < self->partners->len; i++)
    {
      int country = atlas_world_find_country (self->world,
                                              atlas_partner_get_id (g_ptr_array_index (self->partners, i)));
      g_autofree double *boxes = NULL;
      const AtlasGeoSpan *rings;
      guint n_rings;
      double largest = 0;

      if (country < 0)
        continue;
      rings = atlas_world_country_get_rings (self->world, country, level, &n_rings);
      boxes = g_new (double, 4 * n_rings);
      for (guint r = 0; r < n_rings; r++)
        {
          double *box = boxes + 4 * r;

          box[0] = box[1] = G_MAXDOUBLE;
          box[2] = box[3] = -G_MAXDOUBLE;
          for (guint k = 0; k < rings[r].count; k++)
            {
              const AtlasGeoPoint *p = points + rings[r].first + k;
              double lon, lat, px, py;

              atlas_geo_map_to_lonlat (p->x, p->y, &lon, &lat);
              atlas_map_equal_earth (lon, CLAMP (lat, SOUTH_LATITUDE, NORTH_LATITUDE), CENTRAL_LONGITUDE,
                                     &px, &py);
              box[0] = MIN (box[0], px);
              box[1] = MIN (box[1], py);
              box[2] = MAX (box[2], px);
              box[3] = MAX (box[3], py);
            }
          /* Cut by the edge: on both sides of the map */
          if (box[2] - box[0] > (right - left) / 2)
            continue;
          largest = MAX (largest, (box[2] - box[0]) * (box[3] - box[1]));
        }
      for (guint r = 0; r < n_rings; r++)
        {
          double *box = boxes + 4 * r;

          if (box[2] - box[0] > (right - left) / 2 ||
              (box[2] - box[0]) * (box[3] - box[1]) < largest * 0.05)
            continue;
          *x1 = MIN (*x1, box[0]);
          *y1 = MIN (*y1, box[1]);
          *x2 = MAX (*x2, box[2]);
          *y2 = MAX (*y2, box[3]);
        }
    }

  return *x1 <= *x2;
}

/* The whole world; for some partners, those partners with their
 * neighbourhood around them (half their extent again on every side, and
 * never less than a twentieth of the world's width). */
static View
fit_view (AtlasMapRender *self,
          double          x,
          double          y,
          double          width,
          double          height)
{
  View view = fit_world (x, y, width, height);
  guint n_partners = g_list_model_get_n_items (atlas_dataset_get_partners (self->dataset));
  double left, top, right, bottom, x1, y1, x2, y2, span_x, span_y, scale;

  if (self->partners == NULL || self->partners->len == 0 || self->partners->len >= n_partners ||
      !partners_bounds (self, &x1, &y1, &x2, &y2))
    return view;

  get_bounds (&left, &top, &right, &bottom);
  span_x = MAX ((x2 - x1) * 2.0, (right - left) * 0.05);
  span_y = MAX ((y2 - y1) * 2.0, (right - left) * 0.05);
  scale = MIN (width / span_x, height / span_y);
  if (scale <= view.frame.scale)
    return view;

  view.frame.scale = scale;
  view.frame.width = width;
  view.frame.height = height;
  view.frame.x = (x1 + x2) / 2 - width / 2 / scale;
  view.frame.y = (y1 + y2) / 2 - height / 2 / scale;
  view.x = x;
  view.y = y;
  return view;
}

/* Map units to the context's units */
static inline void
to_device (const View *view,
           double      mx,
           double      my,
           double     *dx,
           double     *dy)
{
  atlas_map_frame_project (&view->frame, mx, my, dx, dy);
  *dx += view->x;
  *dy += view->y;
}

/* The world's outline on the plane, as a path: what the map shows. */
static void
append_outline (cairo_t    *cr,
                const View *view)
{
  for (int side = 0; side < 2; side++)
    for (int i = 0; i <= 90; i++)
      {
        double lat = side == 0 ? 90.0 - i * 2.0 : -90.0 + i * 2.0;
        double lon = CENTRAL_LONGITUDE + (side == 0 ? 179.999 : -179.999);
        double px, py;

        atlas_map_equal_earth (lon, lat, CENTRAL_LONGITUDE, &px, &py);
        px = view->x + (px - view->frame.x) * view->frame.scale;
        py = view->y + (py - view->frame.y) * view->frame.scale;
        if (side == 0 && i == 0)
          cairo_move_to (cr, px, py);
        else
          cairo_line_to (cr, px, py);
      }
  cairo_close_path (cr);
}

static PangoLayout *
create_layout (AtlasMapRender *self,
               const char     *text,
               double          size,
               PangoWeight     weight)
{
  PangoLayout *layout;
  PangoFontDescription *font;
  /* One line each (titles, legend rows): a long one is cut, not laid out
   * whole. */
  g_autofree char *line = atlas_text_layout_one_line (text);

  if (self->pango_context == NULL)
    self->pango_context = atlas_map_labels_create_context ();

  layout = pango_layout_new (self->pango_context);
  font = pango_font_description_from_string (FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, line, -1);

  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  *width = (double) w / PANGO_SCALE;
  *height = (double) h / PANGO_SCALE;
}

static gboolean
partner_is_shown (AtlasMapRender *self,
                  AtlasPartner   *partner)
{
  if (self->partners == NULL)
    return TRUE;

  for (guint i = 0; i < self->partners->len; i++)
    if (g_ptr_array_index (self->partners, i) == partner)
      return TRUE;

  return FALSE;
}

/* The category position of a partner in the lens, -1 for "No data". */
static int
partner_category (AtlasMapRender *self,
                  AtlasPartner   *partner)
{
  const char *category_id;

  if (self->lens == NULL)
    return -1;

  category_id = atlas_partner_get_indicator (partner, atlas_lens_get_id (self->lens));
  return category_id ? atlas_lens_get_category_index (self->lens, category_id) : -1;
}

/* The colouring paints every partner of a dataset: for some of them, it is
 * given a dataset holding just those (the same objects). */
static AtlasMapColoring *
get_coloring (AtlasMapRender *self)
{
  g_autoptr(AtlasDataset) shown = NULL;

  if (self->coloring != NULL)
    return self->coloring;

  if (self->partners == NULL)
    shown = g_object_ref (self->dataset);
  else
    {
      shown = atlas_dataset_new ();
      atlas_dataset_set_subject_name (shown, atlas_dataset_get_subject_original_name (self->dataset));
      atlas_dataset_set_subject_names (shown, atlas_dataset_get_subject_names (self->dataset));
      atlas_dataset_set_subject_color (shown, atlas_dataset_get_subject_color (self->dataset));
      atlas_dataset_set_members (shown, atlas_dataset_get_members (self->dataset));
      atlas_dataset_copy_subject_indicators (shown, self->dataset);
      if (self->lens != NULL)
        atlas_dataset_append_lens (shown, self->lens);
      for (guint i = 0; i < self->partners->len; i++)
        atlas_dataset_add_partner (shown, g_ptr_array_index (self->partners, i));
    }

  self->coloring = atlas_map_coloring_new (self->world, shown,
                                           self->lens ? atlas_lens_get_id (self->lens) : NULL);
  return self->coloring;
}

/* Equal Earth: areas on the map are areas on the ground. */
static void
draw_countries (AtlasMapRender *self,
                cairo_t        *cr,
                const View     *view,
                double          pixel)
{
  AtlasMapColoring *coloring = get_coloring (self);
  AtlasMapPaintFlags flags = (self->hatch ? ATLAS_MAP_PAINT_HATCH : ATLAS_MAP_PAINT_NONE) |
                             ATLAS_MAP_PAINT_NO_OCEAN;
  AtlasMapFrame frame = view->frame;

  frame.pixel = pixel;
  cairo_save (cr);
  /* Land cut by the edge meridian stops at the outline. */
  append_outline (cr, view);
  cairo_clip (cr);
  cairo_translate (cr, view->x, view->y);
  atlas_map_paint (cr, coloring, &frame, flags);
  cairo_restore (cr);
}

static void
view_to_target (gpointer data,
                double   mx,
                double   my,
                double  *x,
                double  *y)
{
  to_device (data, mx, my, x, y);
}

static gboolean
view_to_map (gpointer data,
             double   x,
             double   y,
             double  *mx,
             double  *my)
{
  const View *view = data;
  double lon, lat;

  if (!atlas_map_equal_earth_inverse ((x - view->x) / view->frame.scale + view->frame.x,
                                      (y - view->y) / view->frame.scale + view->frame.y,
                                      CENTRAL_LONGITUDE, &lon, &lat))
    return FALSE;
  atlas_geo_lonlat_to_map (lon, lat, mx, my);
  return TRUE;
}

/* Partners' names, by the map's one label placer (atlas-map-labels.h). */
static void
draw_labels (AtlasMapRender *self,
             cairo_t        *cr,
             const View     *view,
             const Box      *frame)
{
  AtlasMapTransform transform = { view_to_target, view_to_map, (gpointer) view };
  AtlasMapBox viewport = { frame->x, frame->y, frame->width, frame->height };
  g_autoptr(GArray) labels = NULL;

  if (self->pango_context == NULL)
    self->pango_context = atlas_map_labels_create_context ();
  labels = atlas_map_labels_place (get_coloring (self), &transform, &viewport, self->obstacles,
                                   self->pango_context, self->label_size);
  atlas_map_labels_draw (cr, labels, self->label_size);
}

/* The size of a device pixel in the context's units; on vector surfaces,
 * of a pixel at the resolution asked for. */
static double
device_pixel (AtlasMapRender *self,
              cairo_t        *cr)
{
  double dx = 1, dy = 0;

  cairo_user_to_device_distance (cr, &dx, &dy);
  dx = hypot (dx, dy);
  if (cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE)
    dx *= self->detail;

  return dx > 0 ? 1.0 / dx : 1.0;
}

AtlasMapRender *
atlas_map_render_new (AtlasWorld   *world,
                      AtlasDataset *dataset,
                      AtlasLens    *lens)
{
  AtlasMapRender *self;

  g_return_val_if_fail (world != NULL, NULL);
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (lens == NULL || ATLAS_IS_LENS (lens), NULL);

  self = g_new0 (AtlasMapRender, 1);
  self->world = atlas_world_ref (world);
  self->dataset = g_object_ref (dataset);
  self->lens = lens ? g_object_ref (lens) : NULL;
  self->label_size = 12;
  self->detail = DEFAULT_DETAIL;

  return self;
}

void
atlas_map_render_free (AtlasMapRender *self)
{
  if (self == NULL)
    return;

  atlas_world_unref (self->world);
  g_object_unref (self->dataset);
  g_clear_object (&self->lens);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->coloring, atlas_map_coloring_unref);
  g_clear_object (&self->pango_context);
  g_free (self->attribution);
  g_free (self);
}

void
atlas_map_render_set_partners (AtlasMapRender *self,
                               GPtrArray      *partners)
{
  g_return_if_fail (self != NULL);

  if (partners != NULL)
    g_ptr_array_ref (partners);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->coloring, atlas_map_coloring_unref);
  self->partners = partners;
}

void
atlas_map_render_set_hatch (AtlasMapRender *self,
                            gboolean        hatch)
{
  g_return_if_fail (self != NULL);

  self->hatch = !!hatch;
}

void
atlas_map_render_set_label_size (AtlasMapRender *self,
                                 double          size)
{
  g_return_if_fail (self != NULL);

  self->label_size = MAX (size, 0);
}

void
atlas_map_render_set_attribution (AtlasMapRender *self,
                                  const char     *attribution)
{
  g_return_if_fail (self != NULL);

  g_free (self->attribution);
  self->attribution = g_strdup (attribution);
}

void
atlas_map_render_set_detail (AtlasMapRender *self,
                             double          pixels_per_unit)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (pixels_per_unit > 0);

  self->detail = pixels_per_unit;
}

double
atlas_map_render_get_aspect (void)
{
  double left, top, right, bottom;

  get_bounds (&left, &top, &right, &bottom);
  return (right - left) / (bottom - top);
}

void
atlas_map_render_draw_map (AtlasMapRender *self,
                           cairo_t        *cr,
                           double          x,
                           double          y,
                           double          width,
                           double          height)
{
  View view;
  Box frame = { x, y, width, height };

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  view = fit_view (self, x, y, width, height);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  set_source_rgb (cr, ATLAS_MAP_OCEAN_COLOR);
  cairo_paint (cr);

  draw_countries (self, cr, &view, device_pixel (self, cr));
  if (self->label_size > 0)
    draw_labels (self, cr, &view, &frame);

  cairo_restore (cr);
}

void
atlas_map_render_draw_swatch (AtlasMapRender *self,
                              cairo_t        *cr,
                              double          x,
                              double          y,
                              double          size,
                              guint32         color,
                              int             index)
{
  double radius = size * 0.18;

  g_return_if_fail (self != NULL);

  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + size - radius, y + size - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + size - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_source_rgb (cr, color);
  cairo_fill_preserve (cr);

  if (self->hatch && index >= 0)
    atlas_map_paint_hatch (cr, index, MAX (device_pixel (self, cr), size / 24));
  else if (index < 0 && color == ATLAS_MAP_NO_DATA_COLOR)
    atlas_map_paint_no_data_hatch (cr, MAX (device_pixel (self, cr), size / 24));

  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, MAX (size * 0.05, 0.25));
  cairo_stroke (cr);
  cairo_restore (cr);
}

typedef struct
{
  char    *text;
  guint32  color;
  int      index;     /* the category's, -1 for the rest, SUBJECT_OWN_ROW */
} LegendRow;

/* LegendRow.index of the subject in its own category: outlined */
#define SUBJECT_OWN_ROW (-2)

static void
legend_row_clear (LegendRow *row)
{
  g_free (row->text);
}

static GArray *
legend_rows (AtlasMapRender *self)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (LegendRow));
  GListModel *partners = atlas_dataset_get_partners (self->dataset);
  gboolean no_data = FALSE;
  LegendRow row;

  g_array_set_clear_func (rows, (GDestroyNotify) legend_row_clear);

  if (self->lens != NULL)
    {
      GListModel *categories = atlas_lens_get_categories (self->lens);

      for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
        {
          g_autoptr(AtlasCategory) category = g_list_model_get_item (categories, i);

          /* Only what the map shows */
          if (atlas_map_coloring_count (get_coloring (self), i) == 0)
            continue;
          row = (LegendRow) { g_strdup (atlas_category_get_name (category)),
                              atlas_category_get_color (category), i };
          g_array_append_val (rows, row);
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);
      if (partner_is_shown (self, partner) && partner_category (self, partner) < 0)
        no_data = TRUE;
    }

  if (atlas_map_coloring_get_subject_category (get_coloring (self)) >= 0)
    {
      /* The subject's own category: its members are drawn in it, outlined */
      g_autoptr(AtlasCategory) own = g_list_model_get_item (atlas_lens_get_categories (self->lens),
                                                             atlas_map_coloring_get_subject_category (get_coloring (self)));

      /* Translators: the legend's row of the subject with its own category, e.g. "European Union: Refused" */
      row = (LegendRow) { g_strdup_printf (_("%s: %s"), atlas_dataset_get_subject_name (self->dataset),
                                           atlas_category_get_name (own)),
                          atlas_category_get_color (own), SUBJECT_OWN_ROW };
    }
  else
    row = (LegendRow) { g_strdup (atlas_dataset_get_subject_name (self->dataset)),
                        atlas_dataset_get_subject_color (self->dataset), -1 };
  g_array_append_val (rows, row);

  if (no_data)
    {
      row = (LegendRow) { g_strdup (atlas_lens_get_empty_label (self->lens,
                                                                atlas_dataset_get_as_of (self->dataset))),
                          ATLAS_MAP_NO_DATA_COLOR, -1 };
      g_array_append_val (rows, row);
    }

  return rows;
}

void
atlas_map_render_draw_legend (AtlasMapRender *self,
                              cairo_t        *cr,
                              double          x,
                              double          y,
                              double          font_size,
                              double         *width,
                              double         *height)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(PangoLayout) heading = NULL;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double pad = font_size * 0.8;
  double swatch = font_size * 1.05;
  double gap = font_size * 0.55;
  double row_height = font_size * 1.65;
  double w, h, max_width, total_height;

  g_return_if_fail (self != NULL);

  rows = legend_rows (self);
  heading = create_layout (self, self->lens ? atlas_lens_get_name (self->lens) : _("Map"),
                           font_size * 1.05, PANGO_WEIGHT_BOLD);
  layout_size (heading, &max_width, &h);
  total_height = pad + h + font_size * 0.4;

  for (guint i = 0; i < rows->len; i++)
    {
      LegendRow *row = &g_array_index (rows, LegendRow, i);
      PangoLayout *layout = create_layout (self, row->text, font_size, PANGO_WEIGHT_NORMAL);

      layout_size (layout, &w, &h);
      max_width = MAX (max_width, swatch + gap + w);
      g_ptr_array_add (layouts, layout);
      total_height += row_height;
    }
  max_width += 2 * pad;
  total_height += pad - (row_height - swatch) / 2;

  if (width != NULL)
    *width = max_width;
  if (height != NULL)
    *height = total_height;
  if (cr == NULL)
    return;

  cairo_save (cr);
  cairo_new_sub_path (cr);
  {
    double r = font_size * 0.5;

    cairo_arc (cr, x + max_width - r, y + r, r, -G_PI / 2, 0);
    cairo_arc (cr, x + max_width - r, y + total_height - r, r, 0, G_PI / 2);
    cairo_arc (cr, x + r, y + total_height - r, r, G_PI / 2, G_PI);
    cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  }
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.12);
  cairo_set_line_width (cr, MAX (font_size * 0.06, 0.3));
  cairo_stroke (cr);

  set_source_rgb (cr, ATLAS_MAP_TEXT_COLOR);
  cairo_move_to (cr, x + pad, y + pad);
  pango_cairo_show_layout (cr, heading);
  layout_size (heading, &w, &h);

  {
    double row_y = y + pad + h + font_size * 0.4;

    for (guint i = 0; i < rows->len; i++)
      {
        LegendRow *row = &g_array_index (rows, LegendRow, i);
        PangoLayout *layout = g_ptr_array_index (layouts, i);
        double text_y;

        atlas_map_render_draw_swatch (self, cr, x + pad, row_y, swatch, row->color, row->index);
        if (row->index == SUBJECT_OWN_ROW)
          {
            /* The members' outline, as on the map */
            double line = swatch * 0.14;

            cairo_rectangle (cr, x + pad + line / 2, row_y + line / 2, swatch - line, swatch - line);
            set_source_rgb (cr, atlas_dataset_get_subject_color (self->dataset));
            cairo_set_line_width (cr, line);
            cairo_stroke (cr);
          }
        layout_size (layout, &w, &h);
        text_y = row_y + (swatch - h) / 2;
        set_source_rgb (cr, ATLAS_MAP_TEXT_COLOR);
        cairo_move_to (cr, x + pad + swatch + gap, text_y);
        pango_cairo_show_layout (cr, layout);
        row_y += row_height;
      }
  }

  cairo_restore (cr);
}

/* The picture's title and subtitle, drawn when @cr is given; returns where
 * the map starts. */
static double
image_header (AtlasMapRender *self,
              cairo_t        *cr,
              double          width,
              double          height,
              const char     *title,
              const char     *subtitle)
{
  double unit = MIN (height, width * 9.0 / 16.0);
  double margin = unit * 0.035;
  double top = margin;
  double w, h;

  if (title != NULL && *title != '\0')
    {
      g_autoptr(PangoLayout) layout = create_layout (self, title, unit * 0.042, PANGO_WEIGHT_BOLD);

      pango_layout_set_width (layout, (int) ((width - 2 * margin) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      if (cr != NULL)
        {
          set_source_rgb (cr, ATLAS_MAP_TEXT_COLOR);
          cairo_move_to (cr, margin, top);
          pango_cairo_show_layout (cr, layout);
        }
      layout_size (layout, &w, &h);
      top += h;
    }
  if (subtitle != NULL && *subtitle != '\0')
    {
      g_autoptr(PangoLayout) layout = create_layout (self, subtitle, unit * 0.025, PANGO_WEIGHT_NORMAL);

      pango_layout_set_width (layout, (int) ((width - 2 * margin) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      if (cr != NULL)
        {
          cairo_set_source_rgb (cr, 0.33, 0.33, 0.33);
          cairo_move_to (cr, margin, top + unit * 0.004);
          pango_cairo_show_layout (cr, layout);
        }
      layout_size (layout, &w, &h);
      top += h;
    }
  if (top > margin)
    top += margin * 0.6;

  return top;
}

/* The picture's layout, and the view of its map */
static View
image_layout (AtlasMapRender      *self,
              double               width,
              double               height,
              const char          *title,
              const char          *subtitle,
              AtlasMapImageLayout *layout)
{
  double unit = MIN (height, width * 9.0 / 16.0);
  double margin = unit * 0.035;
  double top = image_header (self, NULL, width, height, title, subtitle);
  double legend_width, legend_height;
  View view;

  atlas_map_render_draw_legend (self, NULL, 0, 0, unit * 0.02, &legend_width, &legend_height);
  view = fit_view (self, 0, top, width, height - top - margin * 0.5);
  *layout = (AtlasMapImageLayout) {
    .frame = view.frame,
    .view_x = view.x, .view_y = view.y,
    .width = width, .height = height,
    .top = top, .bottom = height - margin * 0.5,
    .margin = margin, .unit = unit,
    /* At least 24 pixels on a 1080-pixel-high slide */
    .label_size = unit * 0.0225,
    .legend_size = unit * 0.02,
    .legend = { margin, height - margin - legend_height, legend_width, legend_height },
  };

  return view;
}

void
atlas_map_render_draw_image (AtlasMapRender *self,
                             cairo_t        *cr,
                             double          width,
                             double          height,
                             const char     *title,
                             const char     *subtitle)
{
  AtlasMapImageLayout layout;
  double w, h;
  double saved_label_size = self->label_size;
  g_autoptr(PangoLayout) attribution = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  image_layout (self, width, height, title, subtitle, &layout);

  cairo_save (cr);
  set_source_rgb (cr, ATLAS_MAP_OCEAN_COLOR);
  cairo_paint (cr);

  image_header (self, cr, width, height, title, subtitle);

  if (self->label_size > 0)
    self->label_size = layout.label_size;
  /* The labels keep off the legend drawn over the map. */
  self->obstacles = g_array_new (FALSE, FALSE, sizeof (AtlasMapBox));
  g_array_append_val (self->obstacles, layout.legend);
  atlas_map_render_draw_map (self, cr, 0, layout.top, width, layout.bottom - layout.top);
  g_clear_pointer (&self->obstacles, g_array_unref);
  self->label_size = saved_label_size;

  atlas_map_render_draw_legend (self, cr, layout.legend.x, layout.legend.y, layout.legend_size, NULL, NULL);

  /* Translators: the credit on exported maps */
  attribution = create_layout (self, self->attribution ? self->attribution : _("Map data: Natural Earth"),
                               layout.unit * 0.015, PANGO_WEIGHT_NORMAL);
  layout_size (attribution, &w, &h);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_move_to (cr, width - layout.margin - w, height - layout.margin * 0.6 - h);
  pango_cairo_show_layout (cr, attribution);

  cairo_restore (cr);
}

AtlasMapColoring *
atlas_map_render_get_coloring (AtlasMapRender *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return get_coloring (self);
}

void
atlas_map_render_get_image_layout (AtlasMapRender      *self,
                                   double               width,
                                   double               height,
                                   const char          *title,
                                   const char          *subtitle,
                                   AtlasMapImageLayout *layout)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (layout != NULL);

  image_layout (self, width, height, title, subtitle, layout);
}

void
atlas_map_render_append_outline (const AtlasMapImageLayout *layout,
                                 cairo_t                   *cr)
{
  View view = { layout->view_x, layout->view_y, layout->frame };

  g_return_if_fail (cr != NULL);

  append_outline (cr, &view);
}

GArray *
atlas_map_render_place_labels (AtlasMapRender            *self,
                               const AtlasMapImageLayout *layout)
{
  View view = { layout->view_x, layout->view_y, layout->frame };
  AtlasMapTransform transform = { view_to_target, view_to_map, &view };
  AtlasMapBox viewport = { 0, layout->top, layout->width, layout->bottom - layout->top };
  g_autoptr(GArray) obstacles = g_array_new (FALSE, FALSE, sizeof (AtlasMapBox));

  g_return_val_if_fail (self != NULL, NULL);

  g_array_append_val (obstacles, layout->legend);
  if (self->pango_context == NULL)
    self->pango_context = atlas_map_labels_create_context ();

  return atlas_map_labels_place (get_coloring (self), &transform, &viewport, obstacles,
                                 self->pango_context, layout->label_size);
}

gboolean
atlas_map_render_locate (AtlasMapRender *self,
                         double          width,
                         double          height,
                         const char     *title,
                         const char     *subtitle,
                         double          longitude,
                         double          latitude,
                         double         *x,
                         double         *y)
{
  double unit = MIN (height, width * 9.0 / 16.0);
  double margin = unit * 0.035;
  double top, mx, my;
  View view;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (x != NULL && y != NULL, FALSE);

  top = image_header (self, NULL, width, height, title, subtitle);
  view = fit_view (self, 0, top, width, height - top - margin * 0.5);
  atlas_geo_lonlat_to_map (longitude, latitude, &mx, &my);
  to_device (&view, mx, my, x, y);

  return latitude <= NORTH_LATITUDE && latitude >= SOUTH_LATITUDE;
}
