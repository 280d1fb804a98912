/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-map-paint.h"

G_BEGIN_DECLS

/* Between the painter (atlas-map-paint.c) and its rasters
 * (atlas-map-raster.c) */

/* A country's number in a raster: 0 is off the map, 1 the sea */
#define RASTER_SPACE 0
#define RASTER_OCEAN 1
#define RASTER_COUNTRY(c) ((c) + 2)

/* "No data"'s hatch: one pixel in four, on a diagonal: fine enough to
 * read as a grey, not a pattern, and to set "No data" apart from any flat
 * colour. */
#define NO_DATA_HATCH_SIZE 4

guint atlas_map_raster_pick_level           (AtlasWorld          *world,
                                             const AtlasMapFrame *frame);
/* Each country in its own number (RASTER_COUNTRY ()), the sea and what
 * is off the map, without antialiasing, over all of @cr's target */
void  atlas_map_raster_draw_numbers         (cairo_t             *cr,
                                             AtlasWorld          *world,
                                             const AtlasMapFrame *frame,
                                             guint                level);
/* The borders and coasts alone, as atlas_map_paint () draws them */
void  atlas_map_raster_draw_lines           (cairo_t             *cr,
                                             AtlasWorld          *world,
                                             const AtlasMapFrame *frame,
                                             guint                level);
/* The line around the subject's members, as atlas_map_paint () draws it */
void  atlas_map_raster_draw_subject_outline (cairo_t             *cr,
                                             AtlasMapColoring    *coloring,
                                             const AtlasMapFrame *frame,
                                             guint                level);

G_END_DECLS
