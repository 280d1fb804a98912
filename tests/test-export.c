/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Exports, each checked by a program no one here wrote: poppler's
 * pdftotext, pdfinfo and pdffonts for the briefing, gdk-pixbuf for the PNG,
 * librsvg's rsvg-convert for the SVG, json-glib and the app's own strict
 * loader for the JSON; plus what must hold whatever the format: a failed
 * or cancelled export leaves no file behind. (tests/test_export_tools.py
 * checks the command line with Python's csv module, GDAL and jsonschema.) */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "atlas-core.h"
#include "atlas-briefing.h"
#include "atlas-export.h"
#include "atlas-export-writers.h"
#include "atlas-map-paint.h"
#include "atlas-test-util.h"

typedef struct
{
  char         *dir;
  AtlasDataset *dataset;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("atlas-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->dataset = atlas_dataset_new_bundled ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  atlas_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_clear_object (&fixture->dataset);
}

static char *
export_to (Fixture            *fixture,
           AtlasExportOptions *options,
           const char         *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  atlas_export_to_file (fixture->dataset, options, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return path;
}

/* Runs a tool; its standard output, or NULL (and the test fails) when it
 * is missing or fails. */
static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path (argv[0]);
  char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (program == NULL)
    {
      g_test_message ("%s is not installed (poppler-utils, librsvg2-bin)", argv[0]);
      g_test_fail ();
      return NULL;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("%s failed: %s", argv[0], err);
      g_test_fail ();
      g_clear_pointer (&out, g_free);
    }

  return out;
}

/* Whitespace folded to single spaces and words rejoined where a line broke
 * after a hyphen, so that text can be found whatever the line breaks. */
static char *
normalize_text (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* The first words of a text, normalized as above */
static char *
opening_words (const char *text,
               guint       n)
{
  g_autofree char *normalized = normalize_text (text);
  g_auto(GStrv) words = g_strsplit (normalized, " ", n + 1);

  if (g_strv_length (words) > n)
    g_clear_pointer (&words[n], g_free);

  return g_strjoinv (" ", words);
}

static AtlasPartner *
get_partner (AtlasDataset *dataset,
             guint         i)
{
  g_autoptr(AtlasPartner) partner = g_list_model_get_item (atlas_dataset_get_partners (dataset), i);

  return partner;
}

/* Names, sizes, papers */

static void
test_formats (void)
{
  for (guint i = 0; i < ATLAS_EXPORT_N_FORMATS; i++)
    {
      AtlasExportFormat format;

      g_assert_true (atlas_export_format_from_string (atlas_export_format_to_string (i), &format));
      g_assert_cmpint (format, ==, i);
      g_assert_nonnull (atlas_export_format_get_label (i));
      g_assert_nonnull (atlas_export_format_get_mime_type (i));
    }
  g_assert_false (atlas_export_format_from_string ("tiff", &(AtlasExportFormat) { 0 }));
  g_assert_false (atlas_export_format_from_string (NULL, &(AtlasExportFormat) { 0 }));
}

static void
test_sizes (void)
{
  int width = 0, height = 0;
  const char *bad[] = { "", "1920", "1920x", "x1080", "axb", "-5x10", "10x10", "20000x100", "1920x1080x3" };

  g_assert_true (atlas_export_parse_size ("3840x2160", &width, &height, NULL));
  g_assert_cmpint (width, ==, 3840);
  g_assert_cmpint (height, ==, 2160);
  g_assert_true (atlas_export_parse_size (" 800 × 600 ", &width, &height, NULL));
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (atlas_export_parse_size (bad[i], &width, &height, &error));
      g_assert_error (error, ATLAS_EXPORT_ERROR, ATLAS_EXPORT_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_papers (void)
{
  AtlasPaper paper;
  double width, height;

  g_assert_true (atlas_paper_from_string ("letter", &paper));
  g_assert_cmpint (paper, ==, ATLAS_PAPER_LETTER);
  g_assert_true (atlas_paper_from_string ("iso_a4", &paper));
  g_assert_cmpint (paper, ==, ATLAS_PAPER_A4);
  g_assert_false (atlas_paper_from_string ("a5", &paper));

  atlas_paper_get_size (ATLAS_PAPER_A4, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);

  /* LC_PAPER decides: the C locale's paper is A4, en_US's Letter. */
  setlocale (LC_PAPER, "C");
  g_assert_cmpint (atlas_paper_get_default (), ==, ATLAS_PAPER_A4);
  if (setlocale (LC_PAPER, "en_US.UTF-8") != NULL)
    {
      g_assert_cmpint (atlas_paper_get_default (), ==, ATLAS_PAPER_LETTER);
      setlocale (LC_PAPER, "");
    }
  else
    {
      setlocale (LC_PAPER, "");
      /* .ci/setup generates en_US.UTF-8 so that this runs in CI. */
      g_test_skip ("no en_US.UTF-8 locale: the Letter default is not checked");
    }
}

static void
test_resolve (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (ATLAS_EXPORT_FORMAT_PDF);
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(GError) error = NULL;
  AtlasLens *lens = NULL;
  const char *ids[] = { "RU", "US", NULL };
  const char *unknown[] = { "US", "FR", NULL };

  partners = atlas_export_options_resolve (options, fixture->dataset, &lens, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (partners->len, ==, 10);
  g_assert_cmpstr (atlas_lens_get_id (lens), ==, "cooperation_depth");
  g_clear_pointer (&partners, g_ptr_array_unref);

  /* The dataset's order, whatever the order asked for */
  atlas_export_options_set_partner_ids (options, ids);
  atlas_export_options_set_lens_id (options, "wcit_2012");
  partners = atlas_export_options_resolve (options, fixture->dataset, &lens, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (partners->len, ==, 2);
  g_assert_cmpstr (atlas_partner_get_id (g_ptr_array_index (partners, 0)), ==, "US");
  g_assert_cmpstr (atlas_partner_get_id (g_ptr_array_index (partners, 1)), ==, "RU");
  g_assert_cmpstr (atlas_lens_get_id (lens), ==, "wcit_2012");
  g_clear_pointer (&partners, g_ptr_array_unref);

  atlas_export_options_set_lens_id (options, "no_such_lens");
  partners = atlas_export_options_resolve (options, fixture->dataset, &lens, &error);
  g_assert_error (error, ATLAS_EXPORT_ERROR, ATLAS_EXPORT_ERROR_UNKNOWN_LENS);
  g_assert_null (partners);
  g_assert_nonnull (strstr (error->message, "no_such_lens"));
  g_clear_error (&error);

  atlas_export_options_set_lens_id (options, NULL);
  atlas_export_options_set_partner_ids (options, unknown);
  partners = atlas_export_options_resolve (options, fixture->dataset, &lens, &error);
  g_assert_error (error, ATLAS_EXPORT_ERROR, ATLAS_EXPORT_ERROR_UNKNOWN_PARTNER);
  g_assert_nonnull (strstr (error->message, "“FR”"));
}

/* CSV */

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (ATLAS_EXPORT_FORMAT_CSV);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  AtlasPartner *brazil = atlas_dataset_find_partner (fixture->dataset, "BR");
  AtlasPartner *canada = atlas_dataset_find_partner (fixture->dataset, "CA");
  AtlasPartner *china = atlas_dataset_find_partner (fixture->dataset, "CN");

  atlas_partner_set_name (brazil, "=cmd|' /C calc'!A0");
  atlas_partner_set_name (canada, "Canada, \"the\" North");
  atlas_partner_set_name (china, "@SUM(A1)\nmore");

  path = export_to (fixture, options, "partners.csv");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_utf8_validate (contents, -1, NULL));

  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "id,name,cooperation_depth,cooperation_depth_name,wcit_2012,wcit_2012_name,"
                   "budapest_convention,budapest_convention_name,internet_governance,"
                   "internet_governance_name,un_cybercrime_convention,"
                   "un_cybercrime_convention_name,documents,dialogues,agreements,rounds,"
                   "last_round,overdue_dialogues,updated,as_of");
  /* The United States has "No data" under the UN convention: empty cells.
   * Its rounds: four of the cyber dialogue, the last on 6 December 2023;
   * overdue as of the dataset's date (2026-01-31): every active dialogue
   * with a frequency, the cyber dialogue included (annual, none since).
   * The last column: the date the values hold on, the dataset's. */
  g_assert_cmpstr (lines[1], ==,
                   "US,United States,strategic,Strategic,refused,Refused,party,Party,"
                   "multi-stakeholder,Multi-stakeholder,,,1,7,5,4,2023-12-06,"
                   "Summit; Ministerial dialogue on justice and home affairs; "
                   "Working Group on Cyber-security and Cyber-crime; Cyber dialogue; "
                   "Information and Society Dialogue; "
                   "EU-US-Canada meeting of senior officials on justice and home affairs,"
                   "2014-06-30,2026-01-31");
  g_assert_true (g_str_has_prefix (lines[2], "CA,\"Canada, \"\"the\"\" North\",mature,"));
  g_assert_true (g_str_has_prefix (lines[4], "BR,'=cmd|' /C calc'!A0,limited,"));
  /* A quoted cell keeps its line break; the record still ends in CRLF. */
  g_assert_nonnull (strstr (contents, "\r\nCN,\"'@SUM(A1)\nmore\",confidence-building,"));
  /* 10 records, the header, and nothing after the last CRLF */
  g_assert_cmpuint (g_strv_length (lines), ==, 12);
  g_assert_cmpstr (lines[11], ==, "");
}

/* JSON */

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (ATLAS_EXPORT_FORMAT_JSON);
  g_autoptr(AtlasDataset) loaded = NULL;
  g_autoptr(AtlasDataset) subset = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *ids[] = { "JP", "BR", NULL };

  path = export_to (fixture, options, "all.json");
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  }
  loaded = atlas_dataset_load_bytes (bytes, "all.json", &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  /* Loads back equal: same partners, and the same canonical bytes. */
  g_assert_cmpuint (atlas_dataset_get_n_partners (loaded), ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_true (atlas_partner_equal (get_partner (loaded, i), get_partner (fixture->dataset, i)));
  again = atlas_dataset_to_bytes (fixture->dataset);
  g_assert_true (g_bytes_equal (bytes, again));
  g_clear_pointer (&bytes, g_bytes_unref);

  atlas_export_options_set_partner_ids (options, ids);
  bytes = atlas_export_to_bytes (fixture->dataset, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  subset = atlas_dataset_load_bytes (bytes, "subset.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_dataset_get_n_partners (subset), ==, 2);
  g_assert_cmpstr (atlas_partner_get_id (get_partner (subset, 0)), ==, "BR");
  g_assert_cmpstr (atlas_partner_get_id (get_partner (subset, 1)), ==, "JP");
  g_assert_true (atlas_partner_equal (get_partner (subset, 1),
                                      atlas_dataset_find_partner (fixture->dataset, "JP")));
  g_assert_cmpstr (atlas_dataset_get_title (subset), ==, atlas_dataset_get_title (fixture->dataset));
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_lenses (subset)), ==, 5);
}

/* GeoJSON */

static double
signed_area (JsonArray *ring)
{
  double area = 0;
  guint n = json_array_get_length (ring);

  for (guint i = 0; i + 1 < n; i++)
    {
      JsonArray *a = json_array_get_array_element (ring, i);
      JsonArray *b = json_array_get_array_element (ring, i + 1);

      area += json_array_get_double_element (a, 0) * json_array_get_double_element (b, 1) -
              json_array_get_double_element (b, 0) * json_array_get_double_element (a, 1);
    }

  return area / 2;
}

static void
test_geojson (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (ATLAS_EXPORT_FORMAT_GEOJSON);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_to (fixture, options, "outlines.geojson");
  JsonObject *root;
  JsonArray *features;
  guint n_holes = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "FeatureCollection");
  features = json_object_get_array_member (root, "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 10);

  for (guint i = 0; i < 10; i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);
      JsonObject *properties = json_object_get_object_member (feature, "properties");
      JsonObject *geometry = json_object_get_object_member (feature, "geometry");
      JsonArray *polygons = json_object_get_array_member (geometry, "coordinates");
      AtlasPartner *partner = get_partner (fixture->dataset, i);

      g_assert_cmpstr (json_object_get_string_member (properties, "id"), ==, atlas_partner_get_id (partner));
      g_assert_cmpstr (json_object_get_string_member (properties, "name"), ==, atlas_partner_get_name (partner));
      g_assert_cmpstr (json_object_get_string_member (properties, "cooperation_depth"), ==,
                       atlas_partner_get_indicator (partner, "cooperation_depth"));
      g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "MultiPolygon");
      g_assert_cmpuint (json_array_get_length (polygons), >, 0);

      for (guint p = 0; p < json_array_get_length (polygons); p++)
        {
          JsonArray *rings = json_array_get_array_element (polygons, p);

          for (guint r = 0; r < json_array_get_length (rings); r++)
            {
              JsonArray *ring = json_array_get_array_element (rings, r);
              guint n = json_array_get_length (ring);
              JsonArray *first = json_array_get_array_element (ring, 0);
              JsonArray *last = json_array_get_array_element (ring, n - 1);

              g_assert_cmpuint (n, >=, 4);
              g_assert_cmpfloat (json_array_get_double_element (first, 0), ==, json_array_get_double_element (last, 0));
              g_assert_cmpfloat (json_array_get_double_element (first, 1), ==, json_array_get_double_element (last, 1));
              for (guint k = 0; k < n; k++)
                {
                  JsonArray *point = json_array_get_array_element (ring, k);

                  g_assert_cmpfloat (fabs (json_array_get_double_element (point, 0)), <=, 180);
                  g_assert_cmpfloat (fabs (json_array_get_double_element (point, 1)), <=, 85.06);
                }
              /* Right-hand rule: exteriors counter-clockwise, holes clockwise */
              if (r == 0)
                g_assert_cmpfloat (signed_area (ring), >, 0);
              else
                {
                  g_assert_cmpfloat (signed_area (ring), <, 0);
                  n_holes++;
                }
            }
        }
    }

  /* South Africa's outline has a hole where Lesotho is. */
  g_assert_cmpuint (n_holes, >, 0);
}

/* PNG and SVG */

static void
assert_pixel_color (GdkPixbuf *pixbuf,
                    double     x,
                    double     y,
                    guint32    expected,
                    const char *what)
{
  int ix = (int) x, iy = (int) y;
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) + iy * gdk_pixbuf_get_rowstride (pixbuf) +
                    ix * gdk_pixbuf_get_n_channels (pixbuf);
  guint32 color = (p[0] << 16) | (p[1] << 8) | p[2];

  if (color != expected)
    {
      g_test_message ("%s at %d,%d: #%06x, expected #%06x", what, ix, iy, color, expected);
      g_test_fail ();
    }
}

static void
check_png (Fixture            *fixture,
           AtlasExportOptions *options,
           const char         *name)
{
  g_autofree char *path = export_to (fixture, options, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);
  AtlasLens *lens = atlas_dataset_find_lens (fixture->dataset, atlas_export_options_get_lens_id (options));
  AtlasPartner *brazil = atlas_dataset_find_partner (fixture->dataset, "BR");
  AtlasCategory *category = atlas_lens_find_category (lens, atlas_partner_get_indicator (brazil, atlas_lens_get_id (lens)));
  double x, y;

  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, atlas_export_options_get_width (options));
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, atlas_export_options_get_height (options));

  /* Inland points, well away from borders and labels */
  g_assert_true (atlas_export_image_locate (fixture->dataset, options, -57.0, -7.0, &x, &y));
  assert_pixel_color (pixbuf, x, y, atlas_category_get_color (category), "Brazil");
  g_assert_true (atlas_export_image_locate (fixture->dataset, options, 2.4, 46.0, &x, &y));
  /* A member: in the subject's own category when it has one (the EU at
   * WCIT-12, on internet governance), else in the subject's colour */
  {
    const char *own = atlas_dataset_get_subject_indicator (fixture->dataset, atlas_lens_get_id (lens));

    assert_pixel_color (pixbuf, x, y,
                        own ? atlas_category_get_color (atlas_lens_find_category (lens, own))
                            : atlas_dataset_get_subject_color (fixture->dataset), "France");
  }
  g_assert_true (atlas_export_image_locate (fixture->dataset, options, -65.0, -36.0, &x, &y));
  assert_pixel_color (pixbuf, x, y, ATLAS_MAP_OTHER_COLOR, "Argentina");
  g_assert_true (atlas_export_image_locate (fixture->dataset, options, -30.0, 30.0, &x, &y));
  assert_pixel_color (pixbuf, x, y, ATLAS_MAP_OCEAN_COLOR, "the Atlantic");
}

static void
test_png (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (ATLAS_EXPORT_FORMAT_PNG);

  atlas_export_options_set_lens_id (options, "cooperation_depth");
  check_png (fixture, options, "map.png");

  atlas_export_options_set_lens_id (options, "internet_governance");
  atlas_export_options_set_size (options, 3840, 2160);
  check_png (fixture, options, "map-4k.png");

  atlas_export_options_set_lens_id (options, "wcit_2012");
  atlas_export_options_set_size (options, 800, 800);
  check_png (fixture, options, "square.png");
}

static void
test_svg (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (ATLAS_EXPORT_FORMAT_SVG);
  g_autofree char *path = NULL;
  g_autofree char *png = g_build_filename (fixture->dir, "rendered.png", NULL);
  g_autofree char *out = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  double x, y;

  atlas_export_options_set_lens_id (options, "budapest_convention");
  path = export_to (fixture, options, "map.svg");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  /* Vectors: the outlines are paths, not an embedded picture. */
  g_assert_null (strstr (contents, "<image"));

  out = run_tool ((const char *[]) { "rsvg-convert", "--format=png", "--output", png, path, NULL });
  if (out == NULL)
    return;
  pixbuf = gdk_pixbuf_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 1920);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 1080);

  /* librsvg draws France in the subject's colour too. */
  g_assert_true (atlas_export_image_locate (fixture->dataset, options, 2.4, 46.0, &x, &y));
  assert_pixel_color (pixbuf, x, y, atlas_dataset_get_subject_color (fixture->dataset), "France");
}

/* PDF */

static void
check_pdf_text (Fixture    *fixture,
                const char *path,
                GPtrArray  *partners)
{
  g_autofree char *text = run_tool ((const char *[]) { "pdftotext", "-enc", "UTF-8", path, "-", NULL });
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return;
  normalized = normalize_text (text);

  for (guint i = 0; i < partners->len; i++)
    {
      AtlasPartner *partner = g_ptr_array_index (partners, i);
      g_autofree char *opening = opening_words (atlas_partner_get_assessment (partner), 8);

      if (strstr (normalized, atlas_partner_get_display_name (partner)) == NULL ||
          strstr (normalized, opening) == NULL)
        {
          g_test_message ("%s: “%s” not found", atlas_partner_get_id (partner), opening);
          g_test_fail ();
        }
    }
}

static guint
pdf_pages (const char *path,
           char      **page_size)
{
  g_autofree char *info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
  g_auto(GStrv) lines = NULL;
  guint pages = 0;

  if (info == NULL)
    return 0;
  lines = g_strsplit (info, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Pages:"))
        pages = atoi (lines[i] + strlen ("Pages:"));
      if (page_size != NULL && g_str_has_prefix (lines[i], "Page size:"))
        *page_size = g_strstrip (g_strdup (lines[i] + strlen ("Page size:")));
    }

  return pages;
}

static void
check_fonts_embedded (const char *path)
{
  g_autofree char *fonts = run_tool ((const char *[]) { "pdffonts", path, NULL });
  g_auto(GStrv) lines = NULL;
  guint n_fonts = 0;

  if (fonts == NULL)
    return;
  lines = g_strsplit (fonts, "\n", -1);
  /* Two header lines; then "name type encoding emb sub uni object ID" */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = NULL;
      guint n;

      if (*lines[i] == '\0')
        continue;
      columns = g_strsplit_set (lines[i], " ", -1);
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

        for (guint k = 0; columns[k] != NULL; k++)
          if (*columns[k] != '\0')
            g_strv_builder_add (builder, columns[k]);
        g_strfreev (columns);
        columns = g_strv_builder_end (builder);
      }
      n = g_strv_length (columns);
      g_assert_cmpuint (n, >=, 7);
      /* emb is the fifth column from the end */
      g_assert_cmpstr (columns[n - 5], ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

/* In French, the legend names the lens, its categories and the subject as
 * the dataset translates them (its "names"), not in English. */
static void
test_svg_translated (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (ATLAS_EXPORT_FORMAT_SVG);
  g_autofree char *saved_locale = g_strdup (setlocale (LC_MESSAGES, NULL));
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  g_setenv ("LANGUAGE", "fr", TRUE);
  if (setlocale (LC_MESSAGES, "fr_FR.UTF-8") == NULL && setlocale (LC_MESSAGES, "C.UTF-8") == NULL)
    {
      g_test_skip ("neither fr_FR.UTF-8 nor C.UTF-8 is installed");
      return;
    }
  atlas_export_options_set_lens_id (options, "wcit_2012");
  path = export_to (fixture, options, "carte.svg");
  if (saved_language != NULL)
    g_setenv ("LANGUAGE", saved_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, saved_locale);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, ">Vote à la CMTI-12<"));
  g_assert_nonnull (strstr (contents, ">A signé<"));
  g_assert_nonnull (strstr (contents, "Union européenne"));
  g_assert_nonnull (strstr (contents, "A refusé de signer"));
  g_assert_null (strstr (contents, "WCIT-12 vote"));
  g_assert_null (strstr (contents, ">Signed<"));
  g_assert_null (strstr (contents, "European Union"));
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (ATLAS_EXPORT_FORMAT_PDF);
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(AtlasBriefing) briefing = NULL;
  g_autofree char *path = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *size = NULL;
  AtlasLens *lens;
  double width, height;

  atlas_export_options_set_paper (options, ATLAS_PAPER_A4);
  path = export_to (fixture, options, "briefing.pdf");
  partners = atlas_export_options_resolve (options, fixture->dataset, &lens, NULL);
  check_pdf_text (fixture, path, partners);
  check_fonts_embedded (path);

  atlas_paper_get_size (ATLAS_PAPER_A4, &width, &height);
  briefing = atlas_briefing_new (fixture->dataset, lens, partners, width, height);
  g_assert_true (atlas_briefing_paginate (briefing, NULL, NULL));
  /* A cover, then the partners' sections, one after the other */
  g_assert_cmpuint (atlas_briefing_get_n_pages (briefing), >, 5);
  g_assert_cmpuint (pdf_pages (path, &size), ==, atlas_briefing_get_n_pages (briefing));
  g_assert_true (g_str_has_prefix (size, "595.276 x 841.89"));
  g_clear_pointer (&size, g_free);
  g_assert_cmpuint (atlas_briefing_get_n_sections (briefing), ==, partners->len);
  for (guint i = 0; i < atlas_briefing_get_n_sections (briefing); i++)
    {
      g_assert_cmpuint (atlas_briefing_get_section_page (briefing, i), >, 0);
      /* In alphabetical order of the names shown */
      if (i > 0)
        {
          g_assert_cmpint (g_utf8_collate (atlas_briefing_get_section_title (briefing, i - 1),
                                           atlas_briefing_get_section_title (briefing, i)), <, 0);
          g_assert_cmpuint (atlas_briefing_get_section_page (briefing, i), >=,
                            atlas_briefing_get_section_page (briefing, i - 1));
        }
    }

  atlas_export_options_set_paper (options, ATLAS_PAPER_LETTER);
  letter = export_to (fixture, options, "letter.pdf");
  g_assert_cmpuint (pdf_pages (letter, &size), >, 5);
  g_assert_true (g_str_has_prefix (size, "612 x 792"));
}

/* A section longer than a page breaks between lines and loses nothing. */
static void
test_pdf_long (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (ATLAS_EXPORT_FORMAT_PDF);
  g_autoptr(GString) assessment = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *normalized = NULL;
  AtlasPartner *japan = atlas_dataset_find_partner (fixture->dataset, "JP");
  const char *ids[] = { "JP", NULL };

  for (guint i = 0; i < 40; i++)
    {
      if (i > 0)
        g_string_append (assessment, "\n\n");
      g_string_append_printf (assessment, "Paragraph %u opens here and goes on", i + 1);
      for (guint k = 0; k < 12; k++)
        g_string_append_printf (assessment, " with sentence %u.%u about cooperation", i + 1, k + 1);
      g_string_append_printf (assessment, " and closes paragraph %u.", i + 1);
    }
  atlas_partner_set_assessment (japan, assessment->str);
  atlas_export_options_set_partner_ids (options, ids);

  path = export_to (fixture, options, "long.pdf");
  g_assert_cmpuint (pdf_pages (path, NULL), >=, 4);
  text = run_tool ((const char *[]) { "pdftotext", "-enc", "UTF-8", path, "-", NULL });
  if (text == NULL)
    return;
  normalized = normalize_text (text);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *opens = g_strdup_printf ("Paragraph %u opens here", i + 1);
      g_autofree char *closes = g_strdup_printf ("closes paragraph %u.", i + 1);

      g_assert_nonnull (strstr (normalized, opens));
      g_assert_nonnull (strstr (normalized, closes));
      /* Drawn once: no line is repeated across a page break */
      g_assert_null (strstr (strstr (normalized, opens) + 1, opens));
    }
  g_assert_nonnull (strstr (normalized, "Japan (continued)"));
}

/* The hook for annexes ("Changes since DATE"): sections after the
 * partners', drawn as headings, paragraphs and a table, in the structure
 * tree too. */
static void
add_annex (AtlasBriefing *briefing,
           gpointer       user_data)
{
  const char *titles[] = { "Date", "Partner", "Change" };
  const char *row[] = { "2015-01-01", "Japan", "Annex row text" };
  const double shares[] = { 0.2, 0.3, 0.5 };

  (*(guint *) user_data)++;
  atlas_briefing_add_heading (briefing, "Annex heading one", 1);
  atlas_briefing_add_paragraph (briefing, "Annex paragraph text.");
  atlas_briefing_add_heading (briefing, "Annex subheading", 2);
  atlas_briefing_add_table_header (briefing, G_N_ELEMENTS (titles), titles, shares);
  atlas_briefing_add_table_row (briefing, G_N_ELEMENTS (row), row, shares);
  atlas_briefing_end_table (briefing);
}

static void
test_pdf_annex (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (ATLAS_EXPORT_FORMAT_PDF);
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(AtlasBriefing) briefing = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "annex.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *tree = NULL;
  const char *ids[] = { "JP", "KR", NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  AtlasLens *lens;
  guint calls = 0;
  double width, height;
  const char *japan, *annex;

  atlas_export_options_set_partner_ids (options, ids);
  partners = atlas_export_options_resolve (options, fixture->dataset, &lens, NULL);
  atlas_paper_get_size (ATLAS_PAPER_A4, &width, &height);
  briefing = atlas_briefing_new (fixture->dataset, lens, partners, width, height);
  atlas_briefing_set_annex_func (briefing, add_annex, &calls, NULL);
  atlas_briefing_set_tagged (briefing, TRUE);
  g_assert_true (atlas_briefing_paginate (briefing, NULL, NULL));
  g_assert_cmpuint (calls, ==, 1);

  surface = cairo_pdf_surface_create (path, width, height);
  cr = cairo_create (surface);
  cairo_tag_begin (cr, "Document", "");
  for (guint i = 0; i < atlas_briefing_get_n_pages (briefing); i++)
    {
      atlas_briefing_draw_page (briefing, cr, i);
      if (i + 1 == atlas_briefing_get_n_pages (briefing))
        cairo_tag_end (cr, "Document");
      cairo_show_page (cr);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  text = run_tool ((const char *[]) { "pdftotext", "-enc", "UTF-8", path, "-", NULL });
  if (text == NULL)
    return;
  normalized = normalize_text (text);
  japan = strstr (normalized, "Japan Assessment");
  annex = strstr (normalized, "Annex heading one Annex paragraph text. Annex subheading");
  g_assert_nonnull (japan);
  g_assert_nonnull (annex);
  /* After the partners */
  g_assert_true (annex > strstr (normalized, "South Korea Assessment"));
  g_assert_nonnull (strstr (annex, "Annex row text"));
  /* No "(continued)" header names a partner over the annex */
  g_assert_null (strstr (annex, "(continued)"));

  tree = run_tool ((const char *[]) { "pdfinfo", "-struct-text", path, NULL });
  g_assert_nonnull (strstr (tree, "H1 (block)\n    \"Annex heading one\""));
  g_assert_nonnull (strstr (tree, "H2 (block)\n    \"Annex subheading\""));
  g_assert_nonnull (strstr (tree, "TD\n        \"Annex row text\""));
}

/* Writing safely */

static void
test_write_failures (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (ATLAS_EXPORT_FORMAT_PNG);
  g_autofree char *regular = g_build_filename (fixture->dir, "regular", NULL);
  g_autofree char *under_file = g_build_filename (regular, "map.png", NULL);
  g_autofree char *gone_dir = g_build_filename (fixture->dir, "gone", NULL);
  g_autofree char *in_gone = g_build_filename (gone_dir, "map.png", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (regular, "x", 1, NULL));

  /* A path through a regular file */
  file = g_file_new_for_path (under_file);
  g_assert_false (atlas_export_to_file (fixture->dataset, options, file, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, under_file));
  g_assert_null (strstr (error->message, ".part"));
  g_clear_error (&error);
  g_clear_object (&file);

  /* A folder that vanished since it was chosen */
  g_assert_cmpint (g_mkdir (gone_dir, 0700), ==, 0);
  g_assert_cmpint (g_rmdir (gone_dir), ==, 0);
  file = g_file_new_for_path (in_gone);
  g_assert_false (atlas_export_to_file (fixture->dataset, options, file, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&file);
  g_assert_false (g_file_test (gone_dir, G_FILE_TEST_EXISTS));

  /* A folder as the target */
  file = g_file_new_for_path (fixture->dir);
  g_assert_false (atlas_export_to_file (fixture->dataset, options, file, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* Nothing left behind: only the regular file */
  g_assert_cmpuint (atlas_test_count_files (fixture->dir), ==, 1);
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
} CancelAfter;

static void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  CancelAfter *cancel = user_data;

  if (++cancel->calls == 2)
    g_cancellable_cancel (cancel->cancellable);
}

/* A cancelled export leaves the old file as it was and no temporary file. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "briefing.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  CancelAfter cancel = { cancellable, 0 };

  g_assert_true (g_file_set_contents (path, "an older briefing", -1, NULL));

  for (guint format = 0; format < ATLAS_EXPORT_N_FORMATS; format++)
    {
      g_autoptr(AtlasExportOptions) options = atlas_export_options_new (format);

      cancel.calls = 0;
      g_cancellable_reset (cancellable);
      g_assert_false (atlas_export_to_file (fixture->dataset, options, file, cancellable,
                                            cancel_on_progress, &cancel, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
    }

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "an older briefing");
  g_assert_cmpuint (atlas_test_count_files (fixture->dir), ==, 1);
}

/* A successful export replaces the old file whole. */
static void
test_replace (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_options_new (ATLAS_EXPORT_FORMAT_CSV);
  g_autofree char *path = g_build_filename (fixture->dir, "partners.csv", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_free (export_to (fixture, options, "partners.csv"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "id,name,"));
  g_assert_cmpuint (atlas_test_count_files (fixture->dir), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  atlas_core_init ();

  g_test_add_func ("/export/formats", test_formats);
  g_test_add_func ("/export/sizes", test_sizes);
  g_test_add_func ("/export/papers", test_papers);
  g_test_add ("/export/resolve", Fixture, NULL, fixture_set_up, test_resolve, fixture_tear_down);
  g_test_add ("/export/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/export/json", Fixture, NULL, fixture_set_up, test_json, fixture_tear_down);
  g_test_add ("/export/geojson", Fixture, NULL, fixture_set_up, test_geojson, fixture_tear_down);
  g_test_add ("/export/png", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/export/svg", Fixture, NULL, fixture_set_up, test_svg, fixture_tear_down);
  g_test_add ("/export/svg-translated", Fixture, NULL, fixture_set_up, test_svg_translated, fixture_tear_down);
  g_test_add ("/export/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/export/pdf-long", Fixture, NULL, fixture_set_up, test_pdf_long, fixture_tear_down);
  g_test_add ("/export/pdf-annex", Fixture, NULL, fixture_set_up, test_pdf_annex, fixture_tear_down);
  g_test_add ("/export/write-failures", Fixture, NULL, fixture_set_up, test_write_failures, fixture_tear_down);
  g_test_add ("/export/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/export/replace", Fixture, NULL, fixture_set_up, test_replace, fixture_tear_down);

  return g_test_run ();
}
