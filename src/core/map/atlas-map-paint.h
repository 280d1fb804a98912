/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "atlas-dataset.h"
#include "atlas-geo.h"

G_BEGIN_DECLS

/* Painting the choropleth with cairo, with no display: the map widget
 * draws through it, and so can an exporter (PDF, SVG, PNG surfaces).
 *
 * An AtlasMapColoring is a snapshot of what each country of the world gets
 * for one dataset and lens: the subject's members the subject's colour,
 * partners their category's colour (or "No data"), every other country the
 * neutral grey. Build a new one when the dataset or the lens changes.
 */

typedef enum
{
  ATLAS_MAP_FILL_OTHER,      /* neither a partner nor a member of the subject */
  ATLAS_MAP_FILL_SUBJECT,    /* a member of the subject (the EU) */
  ATLAS_MAP_FILL_NO_DATA,    /* a partner with no category in the lens */
  ATLAS_MAP_FILL_CATEGORY,   /* a partner with a category */
} AtlasMapFillKind;

/* The fixed colours, 0xRRGGBB */
#define ATLAS_MAP_OCEAN_COLOR   0xcfe0ee
#define ATLAS_MAP_OTHER_COLOR   ATLAS_OTHER_COUNTRIES_COLOR
#define ATLAS_MAP_NO_DATA_COLOR ATLAS_NO_DATA_COLOR
/* "No data" has a fine diagonal hatch in this colour over it: one device
 * pixel in four, where (x + y) % 4 == 0 */
#define ATLAS_MAP_NO_DATA_HATCH_COLOR ATLAS_NO_DATA_HATCH_COLOR
#define ATLAS_MAP_BORDER_COLOR  0xffffff
#define ATLAS_MAP_COAST_COLOR   0x8aa5bb
/* Around an Equal Earth world's outline: the window's light and dark
 * backgrounds (ATLAS_MAP_PAINT_DARK) */
#define ATLAS_MAP_SPACE_COLOR   0xf4f4f2
#define ATLAS_MAP_SPACE_DARK_COLOR 0x242424

typedef struct _AtlasMapColoring AtlasMapColoring;

#define ATLAS_TYPE_MAP_COLORING (atlas_map_coloring_get_type ())

GType             atlas_map_coloring_get_type     (void) G_GNUC_CONST;

/* @lens_id may name no lens of the dataset (or be NULL): partners then all
 * show "No data". */
AtlasMapColoring *atlas_map_coloring_new          (AtlasWorld       *world,
                                                   AtlasDataset     *dataset,
                                                   const char       *lens_id);
AtlasMapColoring *atlas_map_coloring_ref          (AtlasMapColoring *self);
void              atlas_map_coloring_unref        (AtlasMapColoring *self);

AtlasWorld       *atlas_map_coloring_get_world    (AtlasMapColoring *self);
/* NULL when the dataset has no such lens */
AtlasLens        *atlas_map_coloring_get_lens     (AtlasMapColoring *self);
AtlasMapFillKind  atlas_map_coloring_get_kind     (AtlasMapColoring *self,
                                                   guint             country);
/* 0xRRGGBB */
guint32           atlas_map_coloring_get_color    (AtlasMapColoring *self,
                                                   guint             country);
/* The category's index in the lens, or -1 */
int               atlas_map_coloring_get_category (AtlasMapColoring *self,
                                                   guint             country);
/* The partner drawn on this country, or NULL */
AtlasPartner     *atlas_map_coloring_get_partner  (AtlasMapColoring *self,
                                                   guint             country);
/* The subject's own category in the lens (its members are drawn in it,
 * inside an outline in the subject's colour), or -1 */
int               atlas_map_coloring_get_subject_category (AtlasMapColoring *self);
/* The subject's colour (0xRRGGBB), whatever its members are filled with */
guint32           atlas_map_coloring_get_subject_color (AtlasMapColoring *self);
/* How many partners fall in the category (-1: in "No data") */
guint             atlas_map_coloring_count        (AtlasMapColoring *self,
                                                   int               category);
/* A step of a cross-fade from @from to @to (@progress 0 to 1): @to in every
 * way but its colours, each country's @progress of the way from its colour
 * in @from (per sRGB channel). @to itself at 1, or when the two are of
 * different worlds. */
AtlasMapColoring *atlas_map_coloring_new_blend    (AtlasMapColoring *from,
                                                   AtlasMapColoring *to,
                                                   double            progress);

typedef enum
{
  /* The outlines' own Web Mercator: the window's map, under tiles. */
  ATLAS_MAP_PROJECTION_MERCATOR,
  /* Equal Earth (Šavrič, Patterson and Jenny 2018): equal-area, for
   * exports and whenever areas are compared. */
  ATLAS_MAP_PROJECTION_EQUAL_EARTH,
} AtlasMapProjection;

/* Where the map lies on the target. With Mercator, x, y and scale are in
 * map units (atlas-geo.h); with Equal Earth, in the projection's plane
 * (radius 1, y growing southwards, x = 0 on the central meridian). */
typedef struct
{
  double x, y;           /* the map point (map units) at the target's origin */
  double scale;          /* target units per map unit: the world's width */
  double width, height;  /* the target's size, in its units */
  double pixel;          /* target units per device pixel (0.5 at scale 2) */
  double text_scale;     /* labels' size factor (presentation mode); 0 means 1 */
  AtlasMapProjection projection;
  double central_longitude;  /* Equal Earth: the meridian in the middle */
} AtlasMapFrame;

/* The meridian in the middle of the app's Equal Earth maps: their edge is
 * then the meridian of 169° W, in the Bering Strait, and cuts no country
 * but a few islands (Chukotka stays whole, with Russia). */
#define ATLAS_MAP_CENTRAL_LONGITUDE 11.0
/* Equal Earth's equator on the plane of radius 1: 2 * 2 sqrt (3) pi / (3 A1) */
#define ATLAS_MAP_EQUAL_EARTH_WIDTH (4.0 * 1.7320508075688772 * G_PI / (3.0 * 1.340264))

/* Equal Earth of a point in degrees: x, y on the plane of radius 1, y
 * growing southwards, longitudes wrapped around @central_longitude. */
void              atlas_map_equal_earth           (double              longitude,
                                                   double              latitude,
                                                   double              central_longitude,
                                                   double             *x,
                                                   double             *y);
/* Its inverse; FALSE outside the projection's outline. */
gboolean          atlas_map_equal_earth_inverse   (double              x,
                                                   double              y,
                                                   double              central_longitude,
                                                   double             *longitude,
                                                   double             *latitude);
/* A point in map units (atlas-geo.h) on the target of @frame. */
void              atlas_map_frame_project         (const AtlasMapFrame *frame,
                                                   double              mx,
                                                   double              my,
                                                   double             *x,
                                                   double             *y);

/* The target point (x, y) in map units; FALSE where it shows no map. */
gboolean          atlas_map_frame_unproject       (const AtlasMapFrame *frame,
                                                   double              x,
                                                   double              y,
                                                   double             *mx,
                                                   double             *my);
/* The points of one of @world's rings or lines at @level on the target of
 * @frame, into @out (x, y for each point): as the painter draws them (in
 * Equal Earth, a ring cut by the map's edge stays on one side of it). */
void              atlas_map_frame_project_span    (const AtlasMapFrame *frame,
                                                   AtlasWorld         *world,
                                                   const AtlasGeoSpan *span,
                                                   guint               level,
                                                   double             *out);
/* The world's width (its equator) on the target, in its units. */
double            atlas_map_frame_get_world_width (const AtlasMapFrame *frame);
/* The world's outline on the target, as a path (Web Mercator: a square). */
void              atlas_map_frame_append_outline  (cairo_t            *cr,
                                                   const AtlasMapFrame *frame);

/* The plane a pannable map moves over (the window's ShumateViewport does its
 * Web Mercator maths there, whatever the map shows): the unit square, the
 * world's width from 0 to 1. With Mercator it is map units; with Equal
 * Earth, the projection around ATLAS_MAP_CENTRAL_LONGITUDE, scaled to unit
 * width, with the equator at v = 0.5. */
void              atlas_map_to_plane              (AtlasMapProjection  projection,
                                                   double              mx,
                                                   double              my,
                                                   double             *u,
                                                   double             *v);
/* FALSE outside the world */
gboolean          atlas_map_from_plane            (AtlasMapProjection  projection,
                                                   double              u,
                                                   double              v,
                                                   double             *mx,
                                                   double             *my);
/* Sets projection, x, y and scale of @frame so that the plane's point
 * (@u, @v) is at the target's origin and the world is @world_width wide. */
void              atlas_map_frame_init_plane      (AtlasMapFrame      *frame,
                                                   AtlasMapProjection  projection,
                                                   double              u,
                                                   double              v,
                                                   double              world_width);

typedef enum
{
  ATLAS_MAP_PAINT_NONE        = 0,
  ATLAS_MAP_PAINT_HATCH       = 1 << 0,  /* hatch patterns per category */
  /* 1 << 1 was the partner names: atlas-map-labels.h places them now */
  ATLAS_MAP_PAINT_NO_OCEAN    = 1 << 2,  /* leave the sea transparent */
  ATLAS_MAP_PAINT_TRANSLUCENT = 1 << 3,  /* fills see-through, over tiles */
  ATLAS_MAP_PAINT_DARK        = 1 << 4,  /* the dark style: a dark surround */
} AtlasMapPaintFlags;

void              atlas_map_paint                 (cairo_t            *cr,
                                                   AtlasMapColoring   *coloring,
                                                   const AtlasMapFrame *frame,
                                                   AtlasMapPaintFlags  flags);
/* A selection outline around one country. */
void              atlas_map_paint_outline         (cairo_t            *cr,
                                                   AtlasWorld         *world,
                                                   guint               country,
                                                   const AtlasMapFrame *frame);
/* Appends a country's rings to the current path, simplified for the
 * frame's pixel, as atlas_map_paint () fills them: for writers that draw
 * the countries themselves (the SVG export). */
void              atlas_map_paint_append_country  (cairo_t            *cr,
                                                   AtlasWorld         *world,
                                                   guint               country,
                                                   const AtlasMapFrame *frame);
/* Fills the current path (kept) with the fine hatch of "No data", for
 * legends; @pixel as in AtlasMapFrame. */
void              atlas_map_paint_no_data_hatch   (cairo_t            *cr,
                                                   double              pixel);
/* Fills the current path with the hatch of a category (index in its lens),
 * for legends; @pixel as in AtlasMapFrame. */
void              atlas_map_paint_hatch           (cairo_t            *cr,
                                                   int                 category,
                                                   double              pixel);

/* A map drawn once for a frame as the number of the country at each device
 * pixel, with its borders and coasts apart: a new colouring of the same
 * frame (another lens, another date) is then a look-up per pixel instead of
 * the world's outlines filled again. Only plain colours: hatch patterns and
 * translucent fills go through atlas_map_paint (). */
typedef struct _AtlasMapRaster AtlasMapRaster;

AtlasMapRaster   *atlas_map_raster_new            (AtlasWorld          *world,
                                                   const AtlasMapFrame *frame);
void              atlas_map_raster_free           (AtlasMapRaster      *self);
/* Paints @coloring over all of @target, an ARGB32 image surface the size
 * of the raster in device pixels; FALSE (and nothing drawn) if it is not. */
gboolean          atlas_map_raster_paint          (AtlasMapRaster      *self,
                                                   AtlasMapColoring    *coloring,
                                                   AtlasMapPaintFlags   flags,
                                                   cairo_surface_t     *target);
/* Paints @coloring over @target, on which this raster painted @before with
 * the same @flags: only the tiles of the countries whose colour differs,
 * the pixels as atlas_map_raster_paint () would make them (a step in time
 * changes a few countries). FALSE (and nothing drawn) if @target is not
 * the raster's size. */
gboolean          atlas_map_raster_repaint        (AtlasMapRaster      *self,
                                                   AtlasMapColoring    *before,
                                                   AtlasMapColoring    *coloring,
                                                   AtlasMapPaintFlags   flags,
                                                   cairo_surface_t     *target);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasMapColoring, atlas_map_coloring_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasMapRaster, atlas_map_raster_free)

G_END_DECLS
