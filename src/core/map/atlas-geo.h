/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The world's country outlines, projected to Web Mercator at build time
 * (tools/atlas-geo-compile.c) and read in place from the core resource.
 *
 * Coordinates are in the unit square ("map units"): x runs from 0 at 180° W
 * to 1 at 180° E, y from 0 at 85.0511° N to 1 at 85.0511° S. Each country
 * has its rings at several levels of detail; level 0 is full detail and
 * level n is simplified with atlas_world_get_level_tolerance (n) map units.
 * Rings are filled with the even-odd rule; none crosses ±180°.
 *
 * The outlines follow the EU's positions: Crimea is part of Ukraine,
 * Northern Cyprus of Cyprus, Somaliland of Somalia, and Kosovo is "XK".
 * A few pieces of land have no code (Siachen Glacier, Australia's Indian
 * Ocean Territories): they are drawn as land but name no country.
 *
 * An AtlasWorld is immutable, so it can be shared between threads.
 */

typedef struct _AtlasWorld AtlasWorld;

typedef struct
{
  float min_x, min_y, max_x, max_y;
  guint32 first;   /* index of the first point in atlas_world_get_points () */
  guint32 count;
} AtlasGeoSpan;

typedef struct
{
  float x, y;
} AtlasGeoPoint;

#define ATLAS_GEO_MAX_LATITUDE 85.0511287798066

#define ATLAS_TYPE_WORLD (atlas_world_get_type ())

GType                atlas_world_get_type                (void) G_GNUC_CONST;

/* The outlines compiled into the app, loaded on first use; never fails. */
AtlasWorld          *atlas_world_get_default             (void);
AtlasWorld          *atlas_world_new_from_bytes          (GBytes        *bytes,
                                                          GError       **error);
AtlasWorld          *atlas_world_ref                     (AtlasWorld    *self);
void                 atlas_world_unref                   (AtlasWorld    *self);

guint                atlas_world_get_n_countries         (AtlasWorld    *self);
/* The index of the country, or -1 */
int                  atlas_world_find_country            (AtlasWorld    *self,
                                                          const char    *alpha2);
/* NULL for land with no code */
const char          *atlas_world_country_get_alpha2      (AtlasWorld    *self,
                                                          guint          country);
/* ISO 3166-1 numeric, 0 if none */
int                  atlas_world_country_get_numeric     (AtlasWorld    *self,
                                                          guint          country);
/* Natural Earth's English name: a fallback for codes iso-codes lacks. */
const char          *atlas_world_country_get_name        (AtlasWorld    *self,
                                                          guint          country);
/* A point well inside the country's largest part, for its label. */
void                 atlas_world_country_get_label_point (AtlasWorld    *self,
                                                          guint          country,
                                                          double        *x,
                                                          double        *y);
void                 atlas_world_country_get_bounds      (AtlasWorld    *self,
                                                          guint          country,
                                                          double        *min_x,
                                                          double        *min_y,
                                                          double        *max_x,
                                                          double        *max_y);
const AtlasGeoSpan  *atlas_world_country_get_rings       (AtlasWorld    *self,
                                                          guint          country,
                                                          guint          level,
                                                          guint         *n_rings);

guint                atlas_world_get_n_levels            (AtlasWorld    *self);
double               atlas_world_get_level_tolerance     (AtlasWorld    *self,
                                                          guint          level);
/* The coarsest level whose error stays under half a pixel when one map
 * unit spans @pixels_per_unit pixels (the world's width in pixels). */
guint                atlas_world_pick_level              (AtlasWorld    *self,
                                                          double         pixels_per_unit);
/* Borders and coastlines to stroke at a level, each drawn once. */
const AtlasGeoSpan  *atlas_world_get_lines               (AtlasWorld    *self,
                                                          guint          level,
                                                          guint         *n_lines);
const AtlasGeoPoint *atlas_world_get_points              (AtlasWorld    *self);
/* Every ring and line of every level: the rings and lines above point into
 * this table, so a span's index is its offset from it. */
const AtlasGeoSpan  *atlas_world_get_spans               (AtlasWorld    *self,
                                                          guint         *n_spans);

/* The country at a point in map units (full detail), or -1 for the sea. */
int                  atlas_world_hit_test                (AtlasWorld    *self,
                                                          double         x,
                                                          double         y);

void                 atlas_geo_lonlat_to_map             (double         longitude,
                                                          double         latitude,
                                                          double        *x,
                                                          double        *y);
void                 atlas_geo_map_to_lonlat             (double         x,
                                                          double         y,
                                                          double        *longitude,
                                                          double        *latitude);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasWorld, atlas_world_unref)

G_END_DECLS
