/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the files of the map view share (atlas-map-view.c says which does
 * what); for them only: the tests use the public accessors of
 * atlas-map-view.h. */

#include <adwaita.h>
#include <shumate/shumate.h>

#include "atlas-map-paint.h"
#include "atlas-map-view.h"
#include "atlas-world-layer.h"

G_BEGIN_DECLS

#define MAX_ZOOM 10
#define FLY_TO_MAX_ZOOM 5.5

/* Latitudes the whole-world view shows at least: Antarctica is left out,
 * Tierra del Fuego and most of the Arctic islands are in. Web Mercator
 * swells the Arctic: it shows less of it. */
#define HOME_NORTH 84.0
#define HOME_SOUTH -60.0
#define MERCATOR_HOME_NORTH 78.0
#define MERCATOR_HOME_SOUTH -56.0

struct _AtlasMapView
{
  GtkWidget parent_instance;

  /* template */
  GtkWidget *overlay;
  ShumateMap *map;
  GtkWidget *legend;
  GtkToggleButton *legend_button;
  GtkLabel *legend_title;
  GtkImage *legend_arrow;
  GtkRevealer *legend_revealer;
  GtkGrid *legend_grid;
  /* How the legend's rows are built (_atlas_map_view_rebuild_legend ()): a step in time
   * changes its counts and its date, not its rows, and keeps the widgets. */
  enum { LEGEND_BUILD, LEGEND_SIGN, LEGEND_UPDATE } legend_mode;
  GString *legend_rows;
  char *legend_shape;

  ShumateViewport *viewport;
  ShumateMapSource *offline_source;
  AtlasWorldLayer *world_layer;
  ShumateMapLayer *tile_layer;
  AtlasWorld *world;

  AtlasDataset *dataset;
  char *lens_id;
  char *selected_id;
  gboolean hatch_patterns;
  gboolean online_tiles;
  gboolean presenting;

  AtlasMapColoring *coloring;
  /* A cross-fade of the colours to self->coloring (a step in time): from
   * what was on show when it started. */
  AdwAnimation *transition;
  AtlasMapColoring *transition_from;
  gboolean animate_next;

  int last_width, last_height;
  gboolean homed;
  gboolean at_world;   /* showing the whole world, as Home left it */
  gboolean clamping;
  /* A flight under way and where it ends (plane and zoom): its target was
   * kept on the world, its steps are not (libshumate may move the centre
   * before the zoom, and the centre of a far-zoomed view is off-limits at a
   * wide one). Until it lands, or until flight_end at the latest. */
  gboolean flying;
  double flight_x, flight_y, flight_zoom;
  gint64 flight_end;
  double press_x, press_y;
  /* Parts of the view covered by something else (a caption): fly_to ()
   * frames the country in the rest */
  GtkBorder fit_insets;
};

double _atlas_map_view_tile_size (AtlasMapView *self);

AtlasMapProjection _atlas_map_view_projection (AtlasMapView *self);

void _atlas_map_view_view_center (AtlasMapView *self,
                                  double       *x,
                                  double       *y);

void _atlas_map_view_clamp_view (AtlasMapView *self);

gboolean _atlas_map_view_shows_world (AtlasMapView *self);

void _atlas_map_view_go_to (AtlasMapView *self,
                            double        x,
                            double        y,
                            double        zoom,
                            gboolean      animate);

void _atlas_map_view_show_world (AtlasMapView *self,
                                 gboolean      animate);

void _atlas_map_view_rebuild_legend (AtlasMapView *self);

G_END_DECLS
