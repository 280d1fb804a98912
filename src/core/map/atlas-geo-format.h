/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The layout of world.atlasgeo, shared by the build-time compiler
 * (tools/atlas-geo-compile.c) and the loader (atlas-geo.c).
 *
 * Everything is little-endian and 4-byte aligned so that the loader can
 * point straight into the resource. Coordinates are Web Mercator in the unit
 * square: x = 0 at 180° W, 1 at 180° E; y = 0 at 85.0511° N, 1 at 85.0511° S.
 *
 *   header                                      AtlasGeoHeader
 *   levels[n_levels]                            AtlasGeoLevel
 *   countries[n_countries]                      AtlasGeoCountryRecord
 *   country_rings[n_countries * n_levels]       AtlasGeoRange (rings of a
 *                                               country at a level)
 *   spans[n_spans]                              AtlasGeoSpanRecord (rings and lines)
 *   points[n_points]                            AtlasGeoPointRecord
 *   strings                                     NUL-terminated UTF-8
 *
 * Level 0 holds every vertex; each further level is simplified with a larger
 * tolerance (in unit-square units). The shared arcs of the topology are
 * simplified once per level, so neighbours keep a common border at every
 * level. Rings are filled with the even-odd rule, per country: holes and
 * islands in lakes need no other bookkeeping. Rings never cross the
 * antimeridian (they are cut there). Lines are the borders and coastlines to
 * stroke, each drawn once, without the artificial cuts at ±180° and at the
 * clamped poles.
 */

#include <stdint.h>

#define ATLAS_GEO_MAGIC "ATLASGEO"
#define ATLAS_GEO_VERSION 1
#define ATLAS_GEO_MAX_LEVELS 8

typedef struct
{
  char     magic[8];
  uint32_t version;
  uint32_t n_levels;
  uint32_t n_countries;
  uint32_t n_spans;
  uint32_t n_points;
  uint32_t strings_size;
  uint32_t levels_offset;
  uint32_t countries_offset;
  uint32_t country_rings_offset;
  uint32_t spans_offset;
  uint32_t points_offset;
  uint32_t strings_offset;
  uint32_t file_size;
  uint32_t reserved;
} AtlasGeoHeader;

typedef struct
{
  float    tolerance;   /* unit-square units; 0 for full detail */
  uint32_t first_line;  /* into spans */
  uint32_t n_lines;
  uint32_t n_points;    /* vertices of this level's rings, for statistics */
} AtlasGeoLevel;

typedef struct
{
  char     alpha2[4];   /* "FR\0\0"; all zero for land with no code */
  uint32_t numeric;     /* ISO 3166-1 numeric, 0 if none */
  uint32_t flags;       /* ATLAS_GEO_COUNTRY_* */
  uint32_t name;        /* offset into strings: Natural Earth's English name */
  float    label_x;
  float    label_y;
  float    min_x, min_y, max_x, max_y;
} AtlasGeoCountryRecord;

enum {
  /* The outline was changed from Natural Earth's (see the compiler). */
  ATLAS_GEO_COUNTRY_AMENDED = 1 << 0,
};

typedef struct
{
  uint32_t first;       /* into spans */
  uint32_t count;
} AtlasGeoRange;

typedef struct
{
  float    min_x, min_y, max_x, max_y;
  uint32_t first;       /* into points */
  uint32_t count;
} AtlasGeoSpanRecord;

typedef struct
{
  float x;
  float y;
} AtlasGeoPointRecord;
