/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Reads world.atlasgeo (layout in atlas-geo-format.h) in place and answers
 * "which country is here" with a coarse grid of candidate countries and, for
 * long rings, the vertical extent of each run of edges, so that a point test
 * only looks at the few edges near the point's latitude. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "atlas-geo.h"
#include "atlas-geo-format.h"

#define WORLD_RESOURCE "/io/github/cyberdiplomacy/Atlas/data/world.atlasgeo"

#define GRID 64
#define CHUNK 32

struct _AtlasWorld
{
  gatomicrefcount ref_count;
  GBytes *bytes;

  const AtlasGeoHeader *header;
  const AtlasGeoLevel *levels;
  const AtlasGeoCountryRecord *countries;
  const AtlasGeoRange *country_rings;
  const AtlasGeoSpan *spans;
  const AtlasGeoPoint *points;
  const char *strings;
  guint n_levels;
  guint n_countries;
  guint n_spans;
  guint n_points;

  GHashTable *by_code;  /* alpha-2 -> index + 1 */

  /* Hit-testing index */
  guint32 *cell_start;  /* GRID * GRID + 1 */
  guint32 *cell_items;  /* country indices */
  guint32 *span_chunks; /* per span: index of its first chunk, or G_MAXUINT32 */
  float *chunks;        /* min_y, max_y of each run of CHUNK edges */
};

G_DEFINE_BOXED_TYPE (AtlasWorld, atlas_world, atlas_world_ref, atlas_world_unref)

G_STATIC_ASSERT (sizeof (AtlasGeoSpan) == sizeof (AtlasGeoSpanRecord));
G_STATIC_ASSERT (sizeof (AtlasGeoPoint) == sizeof (AtlasGeoPointRecord));

static gboolean
fail (GError     **error,
      const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "Invalid world outlines: %s", what);
  return FALSE;
}

#if G_BYTE_ORDER == G_BIG_ENDIAN
/* Every field but the codes and the strings is a 32-bit word. */
static GBytes *
swap_to_host (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  guint32 *copy = g_malloc (size);
  guint32 strings_offset, countries_offset, n_countries;

  memcpy (copy, data, size);
  strings_offset = GUINT32_FROM_LE (((AtlasGeoHeader *) copy)->strings_offset);
  countries_offset = GUINT32_FROM_LE (((AtlasGeoHeader *) copy)->countries_offset);
  n_countries = GUINT32_FROM_LE (((AtlasGeoHeader *) copy)->n_countries);
  for (gsize i = 2; i < MIN (size, strings_offset) / 4; i++)
    copy[i] = GUINT32_FROM_LE (copy[i]);
  /* Undo the swap of the codes: they are bytes. */
  for (guint i = 0; i < n_countries && countries_offset + (i + 1) * sizeof (AtlasGeoCountryRecord) <= size; i++)
    {
      guint32 *code = (guint32 *) ((guint8 *) copy + countries_offset + i * sizeof (AtlasGeoCountryRecord));
      *code = GUINT32_SWAP_LE_BE (*code);
    }
  return g_bytes_new_take (copy, size);
}
#endif

static gboolean
check_region (gsize   size,
              guint32 offset,
              guint64 length)
{
  return offset % 4 == 0 && offset <= size && length <= size - offset;
}

static gboolean
load (AtlasWorld  *self,
      GError     **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  const AtlasGeoHeader *h = (const AtlasGeoHeader *) data;

  if (size < sizeof *h || memcmp (h->magic, ATLAS_GEO_MAGIC, 8) != 0)
    return fail (error, "not an atlasgeo file");
  if (h->version != ATLAS_GEO_VERSION)
    return fail (error, "unknown version");
  if (h->file_size != size)
    return fail (error, "wrong size");
  if (h->n_levels == 0 || h->n_levels > ATLAS_GEO_MAX_LEVELS)
    return fail (error, "bad number of levels");
  if (!check_region (size, h->levels_offset, (guint64) h->n_levels * sizeof (AtlasGeoLevel)) ||
      !check_region (size, h->countries_offset, (guint64) h->n_countries * sizeof (AtlasGeoCountryRecord)) ||
      !check_region (size, h->country_rings_offset, (guint64) h->n_countries * h->n_levels * sizeof (AtlasGeoRange)) ||
      !check_region (size, h->spans_offset, (guint64) h->n_spans * sizeof (AtlasGeoSpan)) ||
      !check_region (size, h->points_offset, (guint64) h->n_points * sizeof (AtlasGeoPoint)) ||
      h->strings_offset > size || h->strings_size > size - h->strings_offset ||
      h->strings_size == 0 || data[h->strings_offset + h->strings_size - 1] != '\0')
    return fail (error, "a table lies outside the file");

  self->header = h;
  self->n_levels = h->n_levels;
  self->n_countries = h->n_countries;
  self->n_spans = h->n_spans;
  self->n_points = h->n_points;
  self->levels = (const AtlasGeoLevel *) (data + h->levels_offset);
  self->countries = (const AtlasGeoCountryRecord *) (data + h->countries_offset);
  self->country_rings = (const AtlasGeoRange *) (data + h->country_rings_offset);
  self->spans = (const AtlasGeoSpan *) (data + h->spans_offset);
  self->points = (const AtlasGeoPoint *) (data + h->points_offset);
  self->strings = (const char *) (data + h->strings_offset);

  for (guint i = 0; i < self->n_spans; i++)
    if (self->spans[i].first > self->n_points ||
        self->spans[i].count > self->n_points - self->spans[i].first)
      return fail (error, "a ring lies outside the points");
  for (guint i = 0; i < self->n_countries * self->n_levels; i++)
    if (self->country_rings[i].first > self->n_spans ||
        self->country_rings[i].count > self->n_spans - self->country_rings[i].first)
      return fail (error, "a country's rings lie outside the table");
  for (guint i = 0; i < self->n_levels; i++)
    if (self->levels[i].first_line > self->n_spans ||
        self->levels[i].n_lines > self->n_spans - self->levels[i].first_line)
      return fail (error, "a level's lines lie outside the table");

  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->n_countries; i++)
    {
      const AtlasGeoCountryRecord *c = &self->countries[i];

      if (c->name >= h->strings_size)
        return fail (error, "a name lies outside the strings");
      if (c->alpha2[0] != '\0')
        {
          if (c->alpha2[2] != '\0')
            return fail (error, "a country code is not two letters");
          g_hash_table_insert (self->by_code, (gpointer) c->alpha2, GUINT_TO_POINTER (i + 1));
        }
    }
  return TRUE;
}

static void
build_index (AtlasWorld *self)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) chunks = g_array_new (FALSE, FALSE, sizeof (float));

  self->cell_start = g_new (guint32, GRID * GRID + 1);
  for (guint cy = 0; cy < GRID; cy++)
    for (guint cx = 0; cx < GRID; cx++)
      {
        double x0 = (double) cx / GRID, x1 = (double) (cx + 1) / GRID;
        double y0 = (double) cy / GRID, y1 = (double) (cy + 1) / GRID;

        self->cell_start[cy * GRID + cx] = items->len;
        for (guint32 i = 0; i < self->n_countries; i++)
          {
            const AtlasGeoCountryRecord *c = &self->countries[i];
            if (c->min_x <= x1 && c->max_x >= x0 && c->min_y <= y1 && c->max_y >= y0)
              g_array_append_val (items, i);
          }
      }
  self->cell_start[GRID * GRID] = items->len;
  self->cell_items = (guint32 *) g_array_free (g_steal_pointer (&items), FALSE);

  self->span_chunks = g_new (guint32, self->n_spans);
  for (guint i = 0; i < self->n_spans; i++)
    self->span_chunks[i] = G_MAXUINT32;
  for (guint c = 0; c < self->n_countries; c++)
    {
      const AtlasGeoRange *range = &self->country_rings[c * self->n_levels];

      for (guint r = range->first; r < range->first + range->count; r++)
        {
          const AtlasGeoSpan *span = &self->spans[r];
          const AtlasGeoPoint *p = self->points + span->first;

          if (span->count <= CHUNK)
            continue;
          self->span_chunks[r] = chunks->len / 2;
          for (guint start = 0; start < span->count; start += CHUNK)
            {
              float lo = G_MAXFLOAT, hi = -G_MAXFLOAT;
              guint end = MIN (start + CHUNK, span->count);

              /* Edge i runs from point i to point i + 1 (the last wraps). */
              for (guint i = start; i <= end; i++)
                {
                  float y = p[i % span->count].y;
                  lo = MIN (lo, y);
                  hi = MAX (hi, y);
                }
              g_array_append_val (chunks, lo);
              g_array_append_val (chunks, hi);
            }
        }
    }
  self->chunks = (float *) g_array_free (g_steal_pointer (&chunks), FALSE);
}

AtlasWorld *
atlas_world_new_from_bytes (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(AtlasWorld) self = g_new0 (AtlasWorld, 1);
  gsize size;
  gconstpointer data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  data = g_bytes_get_data (bytes, &size);
#if G_BYTE_ORDER == G_BIG_ENDIAN
  self->bytes = swap_to_host (bytes);
#else
  /* Resources are aligned, but bytes from elsewhere may not be. */
  if (((guintptr) data) % 8 != 0)
    self->bytes = g_bytes_new_take (g_memdup2 (data, size), size);
  else
    self->bytes = g_bytes_ref (bytes);
#endif

  if (!load (self, error))
    return NULL;
  build_index (self);
  return g_steal_pointer (&self);
}

AtlasWorld *
atlas_world_get_default (void)
{
  static AtlasWorld *world;

  if (g_once_init_enter (&world))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      AtlasWorld *loaded;

      bytes = g_resources_lookup_data (WORLD_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("%s", error->message);
      loaded = atlas_world_new_from_bytes (bytes, &error);
      if (loaded == NULL)
        g_error ("%s", error->message);
      g_once_init_leave (&world, loaded);
    }
  return world;
}

AtlasWorld *
atlas_world_ref (AtlasWorld *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
atlas_world_unref (AtlasWorld *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->by_code, g_hash_table_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->cell_start);
  g_free (self->cell_items);
  g_free (self->span_chunks);
  g_free (self->chunks);
  g_free (self);
}

guint
atlas_world_get_n_countries (AtlasWorld *self)
{
  return self->n_countries;
}

int
atlas_world_find_country (AtlasWorld *self,
                          const char *alpha2)
{
  if (alpha2 == NULL)
    return -1;
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->by_code, alpha2)) - 1;
}

const char *
atlas_world_country_get_alpha2 (AtlasWorld *self,
                                guint       country)
{
  g_return_val_if_fail (country < self->n_countries, NULL);

  return self->countries[country].alpha2[0] ? self->countries[country].alpha2 : NULL;
}

int
atlas_world_country_get_numeric (AtlasWorld *self,
                                 guint       country)
{
  g_return_val_if_fail (country < self->n_countries, 0);

  return (int) self->countries[country].numeric;
}

const char *
atlas_world_country_get_name (AtlasWorld *self,
                              guint       country)
{
  g_return_val_if_fail (country < self->n_countries, NULL);

  return self->strings + self->countries[country].name;
}

void
atlas_world_country_get_label_point (AtlasWorld *self,
                                     guint       country,
                                     double     *x,
                                     double     *y)
{
  g_return_if_fail (country < self->n_countries);

  *x = self->countries[country].label_x;
  *y = self->countries[country].label_y;
}

void
atlas_world_country_get_bounds (AtlasWorld *self,
                                guint       country,
                                double     *min_x,
                                double     *min_y,
                                double     *max_x,
                                double     *max_y)
{
  const AtlasGeoCountryRecord *c;

  g_return_if_fail (country < self->n_countries);

  c = &self->countries[country];
  *min_x = c->min_x;
  *min_y = c->min_y;
  *max_x = c->max_x;
  *max_y = c->max_y;
}

const AtlasGeoSpan *
atlas_world_country_get_rings (AtlasWorld *self,
                               guint       country,
                               guint       level,
                               guint      *n_rings)
{
  const AtlasGeoRange *range;

  g_return_val_if_fail (country < self->n_countries, NULL);
  g_return_val_if_fail (level < self->n_levels, NULL);

  range = &self->country_rings[country * self->n_levels + level];
  *n_rings = range->count;
  return (const AtlasGeoSpan *) self->spans + range->first;
}

guint
atlas_world_get_n_levels (AtlasWorld *self)
{
  return self->n_levels;
}

double
atlas_world_get_level_tolerance (AtlasWorld *self,
                                 guint       level)
{
  g_return_val_if_fail (level < self->n_levels, 0);

  return self->levels[level].tolerance;
}

guint
atlas_world_pick_level (AtlasWorld *self,
                        double      pixels_per_unit)
{
  guint best = 0;

  for (guint i = 1; i < self->n_levels; i++)
    if (self->levels[i].tolerance * pixels_per_unit <= 0.5 &&
        self->levels[i].tolerance > self->levels[best].tolerance)
      best = i;
  return best;
}

const AtlasGeoSpan *
atlas_world_get_lines (AtlasWorld *self,
                       guint       level,
                       guint      *n_lines)
{
  g_return_val_if_fail (level < self->n_levels, NULL);

  *n_lines = self->levels[level].n_lines;
  return (const AtlasGeoSpan *) self->spans + self->levels[level].first_line;
}

const AtlasGeoSpan *
atlas_world_get_spans (AtlasWorld *self,
                       guint      *n_spans)
{
  *n_spans = self->n_spans;
  return (const AtlasGeoSpan *) self->spans;
}

const AtlasGeoPoint *
atlas_world_get_points (AtlasWorld *self)
{
  return (const AtlasGeoPoint *) self->points;
}

static gboolean
crosses (const AtlasGeoPoint *a,
         const AtlasGeoPoint *b,
         double               x,
         double               y)
{
  return ((a->y > y) != (b->y > y)) &&
         x < (b->x - a->x) * (y - a->y) / (b->y - a->y) + a->x;
}

/* Even-odd: whether a ray to the right of the point crosses the ring an odd
 * number of times. */
static gboolean
ring_contains (AtlasWorld *self,
               guint       span_index,
               double      x,
               double      y)
{
  const AtlasGeoSpan *span = &self->spans[span_index];
  const AtlasGeoPoint *p = self->points + span->first;
  guint n = span->count;
  gboolean inside = FALSE;
  guint32 chunk = self->span_chunks[span_index];

  if (chunk == G_MAXUINT32)
    {
      for (guint i = 0, j = n - 1; i < n; j = i++)
        if (crosses (&p[j], &p[i], x, y))
          inside = !inside;
      return inside;
    }

  for (guint start = 0; start < n; start += CHUNK, chunk++)
    {
      guint end = MIN (start + CHUNK, n);

      if (y < self->chunks[2 * chunk] || y > self->chunks[2 * chunk + 1])
        continue;
      for (guint i = start; i < end; i++)
        if (crosses (&p[i], &p[(i + 1) % n], x, y))
          inside = !inside;
    }
  return inside;
}

int
atlas_world_hit_test (AtlasWorld *self,
                      double      x,
                      double      y)
{
  guint cx, cy;

  if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1))
    return -1;
  cx = MIN ((guint) (x * GRID), GRID - 1);
  cy = MIN ((guint) (y * GRID), GRID - 1);

  for (guint k = self->cell_start[cy * GRID + cx]; k < self->cell_start[cy * GRID + cx + 1]; k++)
    {
      guint c = self->cell_items[k];
      const AtlasGeoCountryRecord *record = &self->countries[c];
      const AtlasGeoRange *range;
      gboolean inside = FALSE;

      if (x < record->min_x || x > record->max_x || y < record->min_y || y > record->max_y)
        continue;
      range = &self->country_rings[c * self->n_levels];
      for (guint r = range->first; r < range->first + range->count; r++)
        {
          const AtlasGeoSpan *span = &self->spans[r];

          if (x < span->min_x || x > span->max_x || y < span->min_y || y > span->max_y)
            continue;
          if (ring_contains (self, r, x, y))
            inside = !inside;
        }
      if (inside)
        return (int) c;
    }
  return -1;
}

void
atlas_geo_lonlat_to_map (double  longitude,
                         double  latitude,
                         double *x,
                         double *y)
{
  latitude = CLAMP (latitude, -ATLAS_GEO_MAX_LATITUDE, ATLAS_GEO_MAX_LATITUDE);
  longitude = CLAMP (longitude, -180.0, 180.0);
  *x = (longitude + 180.0) / 360.0;
  *y = 0.5 - log (tan (G_PI / 4 + latitude * G_PI / 360.0)) / (2 * G_PI);
}

void
atlas_geo_map_to_lonlat (double  x,
                         double  y,
                         double *longitude,
                         double *latitude)
{
  *longitude = x * 360.0 - 180.0;
  *latitude = 360.0 / G_PI * atan (exp ((0.5 - y) * 2 * G_PI)) - 90.0;
}
