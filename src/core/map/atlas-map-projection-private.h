/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-map-paint.h"

G_BEGIN_DECLS

/* Between the painter and the projections (atlas-map-projection.c) */

/* Equal Earth of a point, @lambda in radians from the central meridian,
 * not wrapped; x, y on the plane of radius 1, y growing southwards */
void                          atlas_map_equal_earth_unwrapped   (double               lambda,
                                                                 double               latitude,
                                                                 double              *x,
                                                                 double              *y);

/* One of the world's rings or lines in Equal Earth around
 * ATLAS_MAP_CENTRAL_LONGITUDE, with its bounds on the plane */
typedef struct
{
  float min_x, min_y, max_x, max_y;
  guint32 count;
  gboolean straddles;            /* runs past the map's edge: clip it */
  const AtlasGeoPoint *points;   /* NULL until its level is projected */
} AtlasMapProjectedSpan;

typedef struct _AtlasMapProjected AtlasMapProjected;

/* The projected outlines of @world with @level ready, or NULL when @frame
 * is not Equal Earth around ATLAS_MAP_CENTRAL_LONGITUDE. Thread-safe; kept
 * for the life of the process, as the outlines are. */
const AtlasMapProjected      *atlas_map_projected_get           (AtlasWorld          *world,
                                                                 const AtlasMapFrame *frame,
                                                                 guint                level);
/* @span: one of the world's (atlas_world_get_spans ()) at a projected level */
const AtlasMapProjectedSpan  *atlas_map_projected_span          (const AtlasMapProjected *pw,
                                                                 const AtlasGeoSpan      *span);
/* min_x, min_y, max_x, max_y of a country's rings at @level */
const float                  *atlas_map_projected_country_bounds (const AtlasMapProjected *pw,
                                                                  guint                    level,
                                                                  guint                    country);

G_END_DECLS
