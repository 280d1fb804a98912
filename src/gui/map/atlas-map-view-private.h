/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "atlas-map-paint.h"
#include "atlas-map-view.h"
#include "atlas-world-layer.h"

G_BEGIN_DECLS

/* For the tests and the benchmark, which draw the map and look at its
 * pixels. */
AtlasWorldLayer *atlas_map_view_get_world_layer (AtlasMapView *self);
ShumateMap      *atlas_map_view_get_map         (AtlasMapView *self);
GtkWidget       *atlas_map_view_get_legend      (AtlasMapView *self);
/* Whether the colours are cross-fading (atlas_map_view_set_dataset_animated ()),
 * and the colouring they end at (the world layer's is a blend meanwhile). */
gboolean          atlas_map_view_get_fading     (AtlasMapView *self);
AtlasMapColoring *atlas_map_view_get_coloring   (AtlasMapView *self);
/* The hover tooltip's text at a point of the map, or NULL over the sea. */
char            *atlas_map_view_describe_point  (AtlasMapView *self,
                                                 double        x,
                                                 double        y);

G_END_DECLS
