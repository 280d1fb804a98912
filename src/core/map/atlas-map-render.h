/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "atlas-dataset.h"
#include "atlas-geo.h"
#include "atlas-map-labels.h"
#include "atlas-map-paint.h"

G_BEGIN_DECLS

/* Draws the world coloured by a lens into any cairo context, at any size,
 * with no display: the map of the PDF briefing's cover, the PNG and SVG
 * images for slides, and printing. The map widget can draw with it too.
 *
 * The countries are painted by atlas_map_paint () (atlas-map-paint.h), as
 * the app's map is; this adds the framing, labels that never drop a
 * partner, the legend, the title and the attribution. The world is drawn
 * in the Equal Earth projection, so that areas compare truly, from 84° N
 * to 57° S (Antarctica would only take room), centred on 11° E so that its
 * edge runs through the Bering Strait and no large country is split.
 *
 * An AtlasMapRender reads the dataset when it draws: use it from one thread
 * at a time and do not change the dataset meanwhile.
 */

/* Text on the map */
#define ATLAS_MAP_TEXT_COLOR 0x1e1e1e

typedef struct _AtlasMapRender AtlasMapRender;

/* @lens may be NULL (partners are then drawn as "No data"). */
AtlasMapRender *atlas_map_render_new          (AtlasWorld     *world,
                                               AtlasDataset   *dataset,
                                               AtlasLens      *lens);
void            atlas_map_render_free         (AtlasMapRender *self);

/* The partners to colour and label; NULL (the default) means all of them.
 * The others are drawn as plain land. */
void            atlas_map_render_set_partners (AtlasMapRender *self,
                                               GPtrArray      *partners);
/* Hatch patterns over the category colours, one per category (the map
 * widget's). */
void            atlas_map_render_set_hatch    (AtlasMapRender *self,
                                               gboolean        hatch);
/* Label font size in the units of the cairo context; 0 draws no labels. */
void            atlas_map_render_set_label_size (AtlasMapRender *self,
                                                 double          size);
/* The credit in the corner of atlas_map_render_draw_image (); NULL: the
 * outlines' ("Map data: Natural Earth"). */
void            atlas_map_render_set_attribution (AtlasMapRender *self,
                                                  const char     *attribution);
/* For vector output, the resolution to simplify the outlines for, as a
 * factor of the context's unit (PDF points: 300 dpi is 300 / 72.0). */
void            atlas_map_render_set_detail   (AtlasMapRender *self,
                                               double          pixels_per_unit);

/* Width over height of the part of the world shown */
double          atlas_map_render_get_aspect   (void);

/* The map alone, fitted and centred in the rectangle; the ocean fills the
 * whole rectangle. */
void            atlas_map_render_draw_map     (AtlasMapRender *self,
                                               cairo_t        *cr,
                                               double          x,
                                               double          y,
                                               double          width,
                                               double          height);

/* The legend: the lens, its categories, the subject and "No data" when a
 * partner lacks one, each with its swatch. Measures only when @cr is NULL. */
void            atlas_map_render_draw_legend  (AtlasMapRender *self,
                                               cairo_t        *cr,
                                               double          x,
                                               double          y,
                                               double          font_size,
                                               double         *width,
                                               double         *height);

/* Draws a swatch of a colour (and a category's hatch when enabled);
 * @index is the category's position in its lens, or -1 for none. */
void            atlas_map_render_draw_swatch  (AtlasMapRender *self,
                                               cairo_t        *cr,
                                               double          x,
                                               double          y,
                                               double          size,
                                               guint32         color,
                                               int             index);

/* A picture for a slide: title and subtitle at the top, the map, the legend
 * in the South Pacific and the attribution in the corner. */
void            atlas_map_render_draw_image   (AtlasMapRender *self,
                                               cairo_t        *cr,
                                               double          width,
                                               double          height,
                                               const char     *title,
                                               const char     *subtitle);

/* Where a point of the world, in degrees, lands in the picture
 * atlas_map_render_draw_image () draws with the same arguments; FALSE when
 * the map does not show it. */
gboolean        atlas_map_render_locate       (AtlasMapRender *self,
                                               double          width,
                                               double          height,
                                               const char     *title,
                                               const char     *subtitle,
                                               double          longitude,
                                               double          latitude,
                                               double         *x,
                                               double         *y);

/* Where atlas_map_render_draw_image () puts things, for writers that draw
 * the picture themselves (the SVG export): the map's frame (Equal Earth;
 * atlas_map_frame_project () gives a point relative to (view_x, view_y)),
 * the top and bottom of the map's band, the margin, the sizes of labels
 * and legend text, and the legend's box in the lower left corner. */
typedef struct
{
  AtlasMapFrame frame;
  double view_x, view_y;
  double width, height;
  double top, bottom;
  double margin;
  double unit;
  double label_size;
  double legend_size;
  AtlasMapBox legend;
} AtlasMapImageLayout;

/* How the countries are painted: the partners set, the lens (borrowed) */
AtlasMapColoring *atlas_map_render_get_coloring   (AtlasMapRender      *self);

void            atlas_map_render_get_image_layout (AtlasMapRender      *self,
                                                   double               width,
                                                   double               height,
                                                   const char          *title,
                                                   const char          *subtitle,
                                                   AtlasMapImageLayout *layout);
/* Appends the world's outline on the picture (what the map shows: land
 * beyond it is cut) to @cr's path. */
void            atlas_map_render_append_outline   (const AtlasMapImageLayout *layout,
                                                   cairo_t             *cr);
/* The partners' labels as atlas_map_render_draw_image () places them (an
 * array of AtlasMapLabel), clear of the legend. */
GArray         *atlas_map_render_place_labels     (AtlasMapRender      *self,
                                                   const AtlasMapImageLayout *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasMapRender, atlas_map_render_free)

G_END_DECLS
