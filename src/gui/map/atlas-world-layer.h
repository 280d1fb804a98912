/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "atlas-map-labels.h"
#include "atlas-map-paint.h"

G_BEGIN_DECLS

/* The offline choropleth as a ShumateLayer: ocean, countries filled by an
 * AtlasMapColoring, borders, partner labels, and a selection outline.
 *
 * What the world looks like at the current zoom is kept in an image surface
 * a little larger than the view (the whole world when it is not much larger
 * than the view), so that a pan repaints that surface, shifted, instead of
 * the outlines. A change of zoom, colouring or flags draws it again.
 *
 * With Equal Earth (the default, atlas_world_layer_set_projection ()) the
 * layer draws its own geometry while the viewport still drives pan and
 * zoom: see atlas_map_to_plane ().
 *
 * The partners' labels are placed for the view itself (atlas-map-labels.h)
 * and drawn over the cache and the selection outline on every frame, so
 * they stay inside the view and above the outline. */

#define ATLAS_TYPE_WORLD_LAYER (atlas_world_layer_get_type ())

G_DECLARE_FINAL_TYPE (AtlasWorldLayer, atlas_world_layer, ATLAS, WORLD_LAYER, ShumateLayer)

AtlasWorldLayer    *atlas_world_layer_new              (ShumateViewport    *viewport);

AtlasMapColoring   *atlas_world_layer_get_coloring     (AtlasWorldLayer    *self);
void                atlas_world_layer_set_coloring     (AtlasWorldLayer    *self,
                                                        AtlasMapColoring   *coloring);
AtlasMapPaintFlags  atlas_world_layer_get_flags        (AtlasWorldLayer    *self);
void                atlas_world_layer_set_flags        (AtlasWorldLayer    *self,
                                                        AtlasMapPaintFlags  flags);
/* A country index of the world, or -1 */
int                 atlas_world_layer_get_selected     (AtlasWorldLayer    *self);
void                atlas_world_layer_set_selected     (AtlasWorldLayer    *self,
                                                        int                 country);

/* Equal Earth (the default) or Web Mercator (under tiles). Either way the
 * viewport's Web Mercator maths pans and zooms the plane of
 * atlas_map_to_plane (): its latitude and longitude are the plane's, not
 * the Earth's, when the projection is Equal Earth. */
AtlasMapProjection  atlas_world_layer_get_projection   (AtlasWorldLayer    *self);
void                atlas_world_layer_set_projection   (AtlasWorldLayer    *self,
                                                        AtlasMapProjection  projection);

/* Where the map lies in the layer now (target units: widget pixels). */
void                atlas_world_layer_set_text_scale   (AtlasWorldLayer    *self,
                                                        double              text_scale);
double              atlas_world_layer_get_text_scale   (AtlasWorldLayer    *self);
void                atlas_world_layer_get_frame        (AtlasWorldLayer    *self,
                                                        AtlasMapFrame      *frame);
/* The country under a point of the layer, or -1 */
int                 atlas_world_layer_pick             (AtlasWorldLayer    *self,
                                                        double              x,
                                                        double              y);
/* The partner country whose label or leader dot is at a point, or -1 */
int                 atlas_world_layer_pick_label       (AtlasWorldLayer    *self,
                                                        double              x,
                                                        double              y);
/* Parts of the layer covered by something (the legend): no label there.
 * @boxes in layer pixels. */
void                atlas_world_layer_set_label_obstacles (AtlasWorldLayer   *self,
                                                           const AtlasMapBox *boxes,
                                                           guint              n_boxes);
/* The labels of the last frame drawn (AtlasMapLabel), and their font size;
 * for the tests. */
void                atlas_world_layer_get_label_box    (AtlasWorldLayer    *self,
                                                        AtlasMapBox        *box);
GArray             *atlas_world_layer_get_labels       (AtlasWorldLayer    *self,
                                                        double             *size);

G_END_DECLS
