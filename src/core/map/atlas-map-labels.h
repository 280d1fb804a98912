/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "atlas-map-paint.h"

G_BEGIN_DECLS

/* The one label placer of the map: the window, presentation mode and every
 * export call it, so a partner is named the same way everywhere.
 *
 * Every partner whose label point is in view gets a label; a label never
 * covers another partner's land, another label or another partner's leader
 * dot, and stays inside the viewport. A name that does not fit over its own
 * country goes beside it, over the sea if it can, joined to the country by a
 * leader line ending in a dot. Placement is done in the target's units
 * (pixels of the window, points of a PDF), through a transform that may be
 * any projection of the map units of atlas-geo.h. */

typedef struct
{
  /* map units to target units */
  void     (*to_target) (gpointer data,
                         double   mx,
                         double   my,
                         double  *x,
                         double  *y);
  /* target units to map units; FALSE where the target shows no map */
  gboolean (*to_map)    (gpointer data,
                         double   x,
                         double   y,
                         double  *mx,
                         double  *my);
  gpointer data;
  /* Nullable: when to_target is this frame's projection (as the window's
   * is), the outlines are read as the painter projected them. */
  const AtlasMapFrame *frame;
} AtlasMapTransform;

typedef struct
{
  AtlasPartner *partner;
  guint         country;
  PangoLayout  *layout;
  double        x, y, width, height;   /* the label's box, halo included */
  double        text_x, text_y;        /* where the layout's origin goes */
  double        anchor_x, anchor_y;    /* the point of the country it names */
  gboolean      leader;                /* drawn beside it, with a leader line */
} AtlasMapLabel;

typedef struct
{
  double x, y, width, height;
} AtlasMapBox;

/* The short name the map shows for a partner: iso-codes' common name in
 * the user's language, never an inverted official form ("Russie" for
 * "Russie, Fédération de"), or the dataset's own name when iso-codes has no
 * translation. Free with g_free (). */
char     *atlas_map_label_name        (AtlasPartner            *partner);

/* The label size (font size in target units) the window uses at a zoom:
 * at least 12 pixels, times @text_scale (presentation mode). */
double    atlas_map_labels_window_size (double                  world_width,
                                        double                  text_scale);

/* Places a label for every partner of @coloring whose label point lies in
 * @viewport. @obstacles (nullable, AtlasMapBox) are parts of the viewport
 * the map does not show (a legend over it). @context lays out the text;
 * @size is the font size in target units. Returns an array of
 * AtlasMapLabel, in no particular order. */
GArray   *atlas_map_labels_place      (AtlasMapColoring        *coloring,
                                       const AtlasMapTransform *transform,
                                       const AtlasMapBox       *viewport,
                                       GArray                  *obstacles,
                                       PangoContext            *context,
                                       double                   size);
/* Leader lines, dots, halos and text (real text: a PDF keeps it searchable). */
void      atlas_map_labels_draw       (cairo_t                 *cr,
                                       GArray                  *labels,
                                       double                   size);
/* The country of the label or leader dot at a point, or -1. */
int       atlas_map_labels_pick       (GArray                  *labels,
                                       double                   x,
                                       double                   y,
                                       double                   size);
/* A PangoContext with the same metrics on every surface, for the placer. */
PangoContext *atlas_map_labels_create_context (void);

G_END_DECLS
