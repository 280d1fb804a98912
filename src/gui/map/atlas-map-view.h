/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "atlas-dataset.h"
#include "atlas-map-paint.h"
#include "atlas-world-layer.h"

G_BEGIN_DECLS

/* The world map: a ShumateMap coloured by a lens of a dataset, with a
 * legend, hover tooltips, partner labels, click-to-select and keyboard
 * navigation. Works offline, in the equal-area Equal Earth projection;
 * OpenStreetMap tiles under the outlines are an option (online-tiles, off by
 * default), and the map is in their Web Mercator while they show.
 *
 * Properties: dataset (AtlasDataset), lens-id (string), selected-id (a
 * partner's alpha-2 code or NULL: set it to select and outline a partner; a
 * click or Tab sets it and notifies), hatch-patterns, legend-visible,
 * online-tiles (booleans).
 *
 * Keys when the map has the focus: arrows pan, +/- zoom, Home shows the
 * whole world, Tab/Shift+Tab select the next/previous partner and fly to it
 * (past the last one, the focus moves on), Escape clears the selection.
 */

#define ATLAS_TYPE_MAP_VIEW (atlas_map_view_get_type ())

/* How long the colours take to cross-fade after a step in time. */
#define ATLAS_MAP_VIEW_FADE_MS 300

G_DECLARE_FINAL_TYPE (AtlasMapView, atlas_map_view, ATLAS, MAP_VIEW, GtkWidget)

GtkWidget    *atlas_map_view_new                (void);

AtlasDataset *atlas_map_view_get_dataset        (AtlasMapView *self);
void          atlas_map_view_set_dataset        (AtlasMapView *self,
                                                 AtlasDataset *dataset);
/* The same for a step in time: the countries' colours cross-fade from
 * those on show to the new ones (ATLAS_MAP_VIEW_FADE_MS), unless
 * animations are off (gtk-enable-animations) or the lens differs. */
void          atlas_map_view_set_dataset_animated (AtlasMapView *self,
                                                   AtlasDataset *dataset);

const char   *atlas_map_view_get_lens_id        (AtlasMapView *self);
void          atlas_map_view_set_lens_id        (AtlasMapView *self,
                                                 const char   *lens_id);
const char   *atlas_map_view_get_selected_id    (AtlasMapView *self);
void          atlas_map_view_set_selected_id    (AtlasMapView *self,
                                                 const char   *alpha2);
gboolean      atlas_map_view_get_hatch_patterns (AtlasMapView *self);
void          atlas_map_view_set_hatch_patterns (AtlasMapView *self,
                                                 gboolean      hatch_patterns);
gboolean      atlas_map_view_get_legend_visible (AtlasMapView *self);
void          atlas_map_view_set_legend_visible (AtlasMapView *self,
                                                 gboolean      legend_visible);
gboolean      atlas_map_view_get_online_tiles   (AtlasMapView *self);
void          atlas_map_view_set_online_tiles   (AtlasMapView *self,
                                                 gboolean      online_tiles);

double        atlas_map_view_get_text_scale     (AtlasMapView *self);
void          atlas_map_view_set_text_scale     (AtlasMapView *self,
                                                 double        text_scale);

/* The whole world, centred. */
void          atlas_map_view_show_world         (AtlasMapView *self);
/* Where the map looks, to put it back as it was (presentation mode) */
void          atlas_map_view_get_camera         (AtlasMapView *self,
                                                 double       *latitude,
                                                 double       *longitude,
                                                 double       *zoom);
void          atlas_map_view_set_camera         (AtlasMapView *self,
                                                 double        latitude,
                                                 double        longitude,
                                                 double        zoom);
/* Parts of the view something covers (presentation mode's caption and
 * legend): atlas_map_view_fly_to () frames the country in the rest, the
 * whole world (atlas_map_view_show_world ()) fits in it, and the view is
 * kept on the world there. NULL: none. */
void          atlas_map_view_set_fit_insets     (AtlasMapView    *self,
                                                 const GtkBorder *insets);
/* Animates the view to a country (any ISO alpha-2 code the map knows). */
void          atlas_map_view_fly_to             (AtlasMapView *self,
                                                 const char   *alpha2);

/* Presentation mode: the map is in Equal Earth, without tiles. */
gboolean      atlas_map_view_get_presenting     (AtlasMapView *self);
void          atlas_map_view_set_presenting     (AtlasMapView *self,
                                                 gboolean      presenting);

/* The view's parts, for what lays things over the map (the compare marks,
 * presentation mode) and for the tests and the benchmark, which draw the
 * map and look at its pixels. */
AtlasWorldLayer  *atlas_map_view_get_world_layer (AtlasMapView *self);
ShumateMap       *atlas_map_view_get_map         (AtlasMapView *self);
GtkWidget        *atlas_map_view_get_legend      (AtlasMapView *self);
/* Whether the colours are cross-fading (atlas_map_view_set_dataset_animated ()),
 * and the colouring they end at (the world layer's is a blend meanwhile). */
gboolean          atlas_map_view_get_fading      (AtlasMapView *self);
AtlasMapColoring *atlas_map_view_get_coloring    (AtlasMapView *self);
/* The hover tooltip's text at a point of the map, or NULL over the sea. */
char             *atlas_map_view_describe_point  (AtlasMapView *self,
                                                  double        x,
                                                  double        y);

G_END_DECLS
