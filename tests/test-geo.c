/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The world outlines and hit-testing: known places resolve to the right
 * country, the sea to none, and the outlines carry the EU's positions. */

#include <math.h>

#include "atlas-core.h"
#include "atlas-geo.h"

typedef struct
{
  const char *place;
  double lon;
  double lat;
  const char *alpha2;   /* NULL: open sea */
} Place;

static const Place capitals[] = {
  { "Paris", 2.35, 48.86, "FR" },
  { "Berlin", 13.40, 52.52, "DE" },
  { "Madrid", -3.70, 40.42, "ES" },
  { "Rome", 12.50, 41.90, "IT" },
  { "Warsaw", 21.01, 52.23, "PL" },
  { "Brussels", 4.35, 50.85, "BE" },
  { "Brasília", -47.88, -15.79, "BR" },
  { "Ottawa", -75.70, 45.42, "CA" },
  { "Beijing", 116.40, 39.90, "CN" },
  { "New Delhi", 77.21, 28.61, "IN" },
  { "Tokyo", 139.69, 35.69, "JP" },
  { "Mexico City", -99.13, 19.43, "MX" },
  { "Moscow", 37.62, 55.75, "RU" },
  { "Pretoria", 28.19, -25.75, "ZA" },
  { "Seoul", 126.98, 37.57, "KR" },
  { "Washington", -77.04, 38.90, "US" },
  { "Canberra", 149.13, -35.28, "AU" },
  { "Buenos Aires", -58.45, -34.62, "AR" },
  { "Cairo", 31.24, 30.04, "EG" },
  { "Nairobi", 36.82, -1.29, "KE" },
  { "Kyiv", 30.52, 50.45, "UA" },
  { "Ankara", 32.85, 39.93, "TR" },
  { "Tehran", 51.39, 35.69, "IR" },
  { "London", -0.12, 51.51, "GB" },
  { "Pristina", 21.17, 42.66, "XK" },
};

static const Place border_towns[] = {
  { "Ciudad Juárez", -106.42, 31.68, "MX" },
  { "El Paso", -106.40, 31.80, "US" },
  { "Tijuana", -117.02, 32.50, "MX" },
  { "San Diego", -117.15, 32.72, "US" },
  { "Tacna", -70.25, -18.01, "PE" },
  { "Arica", -70.31, -18.48, "CL" },
  { "Manzhouli", 117.43, 49.60, "CN" },
  { "Ruse", 25.97, 43.85, "BG" },
  { "Giurgiu", 25.97, 43.90, "RO" },
  { "Kharkiv", 36.23, 49.99, "UA" },
  { "Belgorod", 36.59, 50.60, "RU" },
  { "Brest", 23.73, 52.09, "BY" },
  { "Chernivtsi", 25.94, 48.29, "UA" },
  { "Lille", 3.06, 50.63, "FR" },
  { "Mons", 3.95, 50.45, "BE" },
  { "Lviv", 24.03, 49.84, "UA" },
};

static const Place islands[] = {
  { "Malta", 14.44, 35.89, "MT" },
  { "Iceland", -18.5, 64.9, "IS" },
  { "Sri Lanka", 80.7, 7.8, "LK" },
  { "Tasmania", 146.5, -42.0, "AU" },
  { "Oahu (Honolulu)", -158.0, 21.48, "US" },
  { "Corsica", 9.1, 42.15, "FR" },
  { "Hokkaido", 142.8, 43.4, "JP" },
  { "Nicosia", 33.36, 35.17, "CY" },
};

/* The EU's positions, where Natural Earth differs. */
static const Place amended[] = {
  { "Simferopol (Crimea)", 34.10, 44.95, "UA" },
  { "Sevastopol (Crimea)", 33.52, 44.60, "UA" },
  { "Kerch (Crimea)", 36.45, 45.33, "UA" },
  { "Kaliningrad", 20.51, 54.71, "RU" },
  { "Kyrenia (northern Cyprus)", 33.32, 35.33, "CY" },
  { "Hargeisa (Somaliland)", 44.06, 9.56, "SO" },
};

static const Place antimeridian[] = {
  { "Viti Levu (Fiji)", 178.0, -17.8, "FJ" },
  { "Chukotka, west of 180°", 175.0, 67.0, "RU" },
  { "Chukotka, east of 180°", -176.0, 66.0, "RU" },
  { "Chukotka, near Cape Dezhnev", -170.5, 66.0, "RU" },
  { "Attu (Aleutians, 173° E)", 173.1, 52.9, "US" },
  { "Adak (Aleutians, 176° W)", -176.6, 51.88, "US" },
};

static const Place sea[] = {
  { "Mid-Atlantic", -30.0, 30.0, NULL },
  { "South Atlantic", -20.0, -30.0, NULL },
  { "Mid-Pacific", -150.0, 0.0, NULL },
  { "Bering Sea", -171.0, 60.0, NULL },
  { "Indian Ocean", 80.0, -20.0, NULL },
  { "Southern Ocean", 0.0, -60.0, NULL },
  { "Mediterranean", 18.0, 34.0, NULL },
  { "Black Sea", 34.0, 43.0, NULL },
};

static void
check_places (const Place *places,
              gsize        n)
{
  AtlasWorld *world = atlas_world_get_default ();

  for (gsize i = 0; i < n; i++)
    {
      double x, y;
      int country;
      const char *found;

      atlas_geo_lonlat_to_map (places[i].lon, places[i].lat, &x, &y);
      country = atlas_world_hit_test (world, x, y);
      found = country < 0 ? NULL : atlas_world_country_get_alpha2 (world, country);
      if (g_strcmp0 (found, places[i].alpha2) != 0)
        g_test_fail_printf ("%s (%g, %g): expected %s, found %s (%s)",
                            places[i].place, places[i].lon, places[i].lat,
                            places[i].alpha2 ? places[i].alpha2 : "the sea",
                            country < 0 ? "the sea" : found ? found : "land with no code",
                            country < 0 ? "-" : atlas_world_country_get_name (world, country));
    }
}

static void
test_capitals (void)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (capitals) >= 20);
  check_places (capitals, G_N_ELEMENTS (capitals));
}

static void
test_border_towns (void)
{
  check_places (border_towns, G_N_ELEMENTS (border_towns));
}

static void
test_islands (void)
{
  check_places (islands, G_N_ELEMENTS (islands));
}

static void
test_amended (void)
{
  AtlasWorld *world = atlas_world_get_default ();

  check_places (amended, G_N_ELEMENTS (amended));
  /* No separate Northern Cyprus or Somaliland remains. */
  for (guint i = 0; i < atlas_world_get_n_countries (world); i++)
    {
      const char *name = atlas_world_country_get_name (world, i);
      g_assert_cmpstr (name, !=, "N. Cyprus");
      g_assert_cmpstr (name, !=, "Somaliland");
    }
}

static void
test_antimeridian (void)
{
  AtlasWorld *world = atlas_world_get_default ();
  guint n_levels = atlas_world_get_n_levels (world);

  check_places (antimeridian, G_N_ELEMENTS (antimeridian));

  /* A ring that jumped across ±180° would span (nearly) the whole width.
   * Only Antarctica, which winds around the pole, may. */
  for (guint c = 0; c < atlas_world_get_n_countries (world); c++)
    {
      if (g_strcmp0 (atlas_world_country_get_alpha2 (world, c), "AQ") == 0)
        continue;
      for (guint level = 0; level < n_levels; level++)
        {
          guint n;
          const AtlasGeoSpan *rings = atlas_world_country_get_rings (world, c, level, &n);

          for (guint r = 0; r < n; r++)
            if (rings[r].max_x - rings[r].min_x > 0.5)
              g_test_fail_printf ("%s: ring %u at level %u is %g wide",
                                  atlas_world_country_get_name (world, c), r, level,
                                  rings[r].max_x - rings[r].min_x);
        }
    }
  /* Nor may a line to stroke. */
  for (guint level = 0; level < n_levels; level++)
    {
      guint n;
      const AtlasGeoSpan *lines = atlas_world_get_lines (world, level, &n);
      const AtlasGeoPoint *points = atlas_world_get_points (world);

      g_assert_cmpuint (n, >, 1000);
      for (guint i = 0; i < n; i++)
        for (guint k = lines[i].first + 1; k < lines[i].first + lines[i].count; k++)
          g_assert_cmpfloat (fabs (points[k].x - points[k - 1].x), <, 0.5);
    }
}

static void
test_sea (void)
{
  check_places (sea, G_N_ELEMENTS (sea));
}

static void
test_outside (void)
{
  AtlasWorld *world = atlas_world_get_default ();

  g_assert_cmpint (atlas_world_hit_test (world, -0.1, 0.5), ==, -1);
  g_assert_cmpint (atlas_world_hit_test (world, 1.1, 0.5), ==, -1);
  g_assert_cmpint (atlas_world_hit_test (world, 0.5, -0.1), ==, -1);
  g_assert_cmpint (atlas_world_hit_test (world, NAN, 0.5), ==, -1);
}

static void
test_countries (void)
{
  AtlasWorld *world = atlas_world_get_default ();
  static const char * const partners[] = {
    "BR", "CA", "CN", "IN", "JP", "MX", "RU", "ZA", "KR", "US",
  };
  static const char * const eu28[] = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
    "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK",
    "SI", "ES", "SE", "GB",
  };
  guint unnamed = 0;

  g_assert_cmpuint (atlas_world_get_n_countries (world), >, 200);
  for (gsize i = 0; i < G_N_ELEMENTS (partners); i++)
    g_assert_cmpint (atlas_world_find_country (world, partners[i]), >=, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (eu28); i++)
    g_assert_cmpint (atlas_world_find_country (world, eu28[i]), >=, 0);
  g_assert_cmpint (atlas_world_find_country (world, "ZZ"), ==, -1);
  g_assert_cmpint (atlas_world_find_country (world, NULL), ==, -1);

  for (guint c = 0; c < atlas_world_get_n_countries (world); c++)
    {
      const char *alpha2 = atlas_world_country_get_alpha2 (world, c);
      double x, y, x0, y0, x1, y1;

      if (alpha2 == NULL)
        unnamed++;
      else
        {
          g_assert_cmpint (atlas_world_find_country (world, alpha2), ==, (int) c);
          if (strcmp (alpha2, "XK") != 0)
            g_assert_true (atlas_iso_codes_is_valid_alpha2 (alpha2));
        }
      /* Every country, however small, has a ring at every level. */
      for (guint level = 0; level < atlas_world_get_n_levels (world); level++)
        {
          guint n;
          atlas_world_country_get_rings (world, c, level, &n);
          g_assert_cmpuint (n, >, 0);
        }
      /* The label point lies inside the country. */
      atlas_world_country_get_label_point (world, c, &x, &y);
      atlas_world_country_get_bounds (world, c, &x0, &y0, &x1, &y1);
      g_assert_cmpfloat (x, >=, x0);
      g_assert_cmpfloat (x, <=, x1);
      g_assert_cmpfloat (y, >=, y0);
      g_assert_cmpfloat (y, <=, y1);
      if (atlas_world_hit_test (world, x, y) != (int) c)
        g_test_fail_printf ("the label point of %s is not inside it",
                            atlas_world_country_get_name (world, c));
    }
  /* Siachen Glacier and the Indian Ocean Territories: land, no code. */
  g_assert_cmpuint (unnamed, ==, 2);
  g_assert_cmpint (atlas_world_country_get_numeric (world, atlas_world_find_country (world, "BR")), ==, 76);
}

static void
test_levels (void)
{
  AtlasWorld *world = atlas_world_get_default ();
  guint n_levels = atlas_world_get_n_levels (world);
  guint previous = G_MAXUINT;

  g_assert_cmpuint (n_levels, >=, 3);
  g_assert_cmpfloat (atlas_world_get_level_tolerance (world, 0), ==, 0);
  for (guint level = 1; level < n_levels; level++)
    g_assert_cmpfloat (atlas_world_get_level_tolerance (world, level), >,
                       atlas_world_get_level_tolerance (world, level - 1));

  /* Zooming in never picks a coarser level. */
  for (double px = 256; px < 1 << 24; px *= 1.5)
    {
      guint level = atlas_world_pick_level (world, px);
      g_assert_cmpfloat (atlas_world_get_level_tolerance (world, level) * px, <=, 0.5);
      if (previous != G_MAXUINT)
        g_assert_cmpfloat (atlas_world_get_level_tolerance (world, level), <=,
                           atlas_world_get_level_tolerance (world, previous));
      previous = level;
    }
  g_assert_cmpuint (atlas_world_pick_level (world, 1 << 24), ==, 0);
}

static void
test_projection (void)
{
  double x, y, lon, lat;

  atlas_geo_lonlat_to_map (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);
  atlas_geo_lonlat_to_map (-180, ATLAS_GEO_MAX_LATITUDE, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-9);
  atlas_geo_lonlat_to_map (180, -90, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 1, 1e-9);

  atlas_geo_lonlat_to_map (2.35, 48.86, &x, &y);
  atlas_geo_map_to_lonlat (x, y, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, 2.35, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 48.86, 1e-9);
}

static void
test_bad_data (void)
{
  static const guint8 garbage[64] = "ATLASGEO";
  g_autoptr(GBytes) bytes = g_bytes_new_static (garbage, sizeof garbage);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) truncated = NULL;
  g_autoptr(GBytes) resource = NULL;
  AtlasWorld *world;

  world = atlas_world_new_from_bytes (bytes, &error);
  g_assert_null (world);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  resource = g_resources_lookup_data ("/io/github/cyberdiplomacy/Atlas/data/world.atlasgeo", 0, &error);
  g_assert_no_error (error);
  truncated = g_bytes_new_from_bytes (resource, 0, g_bytes_get_size (resource) / 2);
  world = atlas_world_new_from_bytes (truncated, &error);
  g_assert_null (world);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  atlas_core_init ();

  g_test_add_func ("/geo/capitals", test_capitals);
  g_test_add_func ("/geo/border-towns", test_border_towns);
  g_test_add_func ("/geo/islands", test_islands);
  g_test_add_func ("/geo/amended", test_amended);
  g_test_add_func ("/geo/antimeridian", test_antimeridian);
  g_test_add_func ("/geo/sea", test_sea);
  g_test_add_func ("/geo/outside", test_outside);
  g_test_add_func ("/geo/countries", test_countries);
  g_test_add_func ("/geo/levels", test_levels);
  g_test_add_func ("/geo/projection", test_projection);
  g_test_add_func ("/geo/bad-data", test_bad_data);

  return g_test_run ();
}
