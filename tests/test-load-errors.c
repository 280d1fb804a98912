/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Bad input: every kind gives its error code and says exactly where.
 *
 * Most cases edit tests/data/minimal.json (a small, canonical dataset) by
 * one text replacement; line and column numbers refer to that file as
 * edited (see `cat -n tests/data/minimal.json`).
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "atlas-core.h"

typedef struct
{
  const char *name;
  const char *find;     /* first occurrence replaced in minimal.json */
  const char *replace;
  int         code;
  int         line;
  int         column;
  const char *path;
  const char *message;
} Case;

static const Case cases[] = {
  /* The JSON itself */
  { "truncated/in-string", "Close.\\n\\nVery close.\",\n      \"updated\"", NULL,
    ATLAS_DATASET_ERROR_NOT_JSON, 99, 21, "partners[0].assessment", "unterminated string" },
  { "syntax/trailing-comma", "\"history\": []\n    }", "\"history\": [],\n    }",
    ATLAS_DATASET_ERROR_NOT_JSON, 130, 5, "partners[1]",
    "unexpected character \"}\", expected a key in quotes" },
  { "syntax/missing-colon", "\"title\": \"Test\"", "\"title\" \"Test\"",
    ATLAS_DATASET_ERROR_NOT_JSON, 4, 11, "",
    "unexpected character \"\"\", expected \":\" after the key" },
  { "syntax/bare-word", "\"established\": null", "\"established\": nothing",
    ATLAS_DATASET_ERROR_NOT_JSON, 86, 26, "partners[0].dialogues[0].established",
    "invalid value (only true, false and null are written without quotes)" },
  { "syntax/single-quotes", "\"Test\"", "'Test'",
    ATLAS_DATASET_ERROR_NOT_JSON, 4, 12, "title",
    "unexpected character \"'\", expected a value" },
  { "syntax/raw-line-break", "\"Test\"", "\"Te\nst\"",
    ATLAS_DATASET_ERROR_NOT_JSON, 4, 15, "title",
    "line break inside a string (write it as \\n)" },
  { "syntax/unpaired-surrogate", "\"Test\"", "\"\\ud800x\"",
    ATLAS_DATASET_ERROR_NOT_JSON, 4, 13, "title",
    "unpaired UTF-16 surrogate in \"\\u\" escape" },
  { "syntax/nul-escape", "\"Test\"", "\"Te\\u0000st\"",
    ATLAS_DATASET_ERROR_NOT_JSON, 4, 15, "title", "\"\\u0000\" is not allowed in strings" },
  { "syntax/number", "\"year\": 2014", "\"year\": 02014",
    ATLAS_DATASET_ERROR_NOT_JSON, 11, 16, "sources[0]",
    "unexpected character \"2\", expected \",\" or \"}\"" },
  { "syntax/huge-number", "\"year\": 2014", "\"year\": 1e999",
    ATLAS_DATASET_ERROR_NOT_JSON, 11, 15, "sources[0].year", "number too large" },
  { "syntax/garbage-after", "  ]\n}\n", "  ]\n}\n}",
    ATLAS_DATASET_ERROR_NOT_JSON, 133, 1, "", "unexpected text after the end of the data" },
  { "encoding/not-utf8", "\"Test\"", "\"Te\xffst\"",
    ATLAS_DATASET_ERROR_NOT_JSON, 4, 15, "", "not valid UTF-8 text (byte 0xff)" },
  { "encoding/column-counts-characters", "\"Test\"", "\"T\xc3\xa9\xc3\xa9\xffst\"",
    ATLAS_DATASET_ERROR_NOT_JSON, 4, 16, "", "not valid UTF-8 text (byte 0xff)" },
  { "encoding/overlong", "\"Test\"", "\"T\xc0\xafst\"",
    ATLAS_DATASET_ERROR_NOT_JSON, 4, 14, "", "not valid UTF-8 text (byte 0xc0)" },

  /* Not a dataset, or a newer one */
  { "format/other", "\"cyber-diplomacy-atlas\"", "\"geojson\"",
    ATLAS_DATASET_ERROR_INVALID, 2, 13, "format",
    "not a Cyber Diplomacy Atlas dataset (\"format\" must be \"cyber-diplomacy-atlas\")" },
  { "format/missing", "\"format\": \"cyber-diplomacy-atlas\",\n  ", "",
    ATLAS_DATASET_ERROR_INVALID, 1, 1, "",
    "not a Cyber Diplomacy Atlas dataset (\"format\" must be \"cyber-diplomacy-atlas\")" },
  { "format/too-new", "\"schema_version\": 1", "\"schema_version\": 2",
    ATLAS_DATASET_ERROR_TOO_NEW, 3, 21, "schema_version",
    "the file has format version 2, this version of the app reads version 1 only: "
    "open it with a newer version of Cyber Diplomacy Atlas" },
  { "format/version-zero", "\"schema_version\": 1", "\"schema_version\": 0",
    ATLAS_DATASET_ERROR_INVALID, 3, 21, "schema_version", "format version 0 does not exist" },

  /* Types and required keys */
  { "type/year-as-string", "\"year\": 2009", "\"year\": \"2009\"",
    ATLAS_DATASET_ERROR_INVALID, 77, 19, "partners[0].documents[0].year",
    "must be a year or null, not a string" },
  { "type/year-with-fraction", "\"year\": 2014,", "\"year\": 2014.5,",
    ATLAS_DATASET_ERROR_INVALID, 11, 15, "sources[0].year",
    "must be a year, not a number with a fraction" },
  { "type/source-year-null", "\"year\": 2014,", "\"year\": null,",
    ATLAS_DATASET_ERROR_INVALID, 11, 15, "sources[0].year", "must be a year, not null" },
  { "type/boolean-as-string", "\"ordered\": false", "\"ordered\": \"no\"",
    ATLAS_DATASET_ERROR_INVALID, 29, 18, "lenses[0].ordered",
    "must be true or false, not a string" },
  { "type/array-as-object", "\"documents\": [],", "\"documents\": {},",
    ATLAS_DATASET_ERROR_INVALID, 123, 20, "partners[1].documents",
    "must be an array, not an object" },
  { "type/partner-not-object", "  \"partners\": [\n    {", "  \"partners\": [\n    42, {",
    ATLAS_DATASET_ERROR_INVALID, 67, 5, "partners[0]", "must be an object, not a whole number" },
  { "required/missing-key", "\"id\": \"paper\",\n          \"locator\": \"Appendix\"",
    "\"id\": \"paper\"",
    ATLAS_DATASET_ERROR_INVALID, 102, 9, "partners[0].sources[0]", "missing key \"locator\"" },
  { "required/empty-history-field", "\"field\": \"indicators.wcit_2012\"", "\"field\": \"\"",
    ATLAS_DATASET_ERROR_INVALID, 110, 20, "partners[0].history[0].field",
    "must name the field that changed" },

  /* Lenses and categories */
  { "lens/unknown-lens", "\"cooperation_depth\": \"strategic\"", "\"depth\": \"strategic\"",
    ATLAS_DATASET_ERROR_INVALID, 72, 9, "partners[0].indicators.depth", "unknown lens \"depth\"" },
  { "lens/unknown-category", "\"wcit_2012\": \"refused\"", "\"wcit_2012\": \"maybe\"",
    ATLAS_DATASET_ERROR_INVALID, 71, 22, "partners[0].indicators.wcit_2012",
    "\"maybe\" is not a category of lens wcit_2012" },
  { "lens/indicator-not-string", "\"wcit_2012\": \"signed\"", "\"wcit_2012\": 1",
    ATLAS_DATASET_ERROR_INVALID, 121, 22, "partners[1].indicators.wcit_2012",
    "must be a category id (a string), not a whole number" },
  { "lens/duplicate-lens", "\"id\": \"cooperation_depth\"", "\"id\": \"wcit_2012\"",
    ATLAS_DATASET_ERROR_INVALID, 46, 13, "lenses[1].id", "duplicate lens id \"wcit_2012\"" },
  { "lens/duplicate-category", "\"id\": \"refused\"", "\"id\": \"signed\"",
    ATLAS_DATASET_ERROR_INVALID, 38, 17, "lenses[0].categories[1].id",
    "duplicate category id \"signed\"" },
  { "lens/bad-id", "\"id\": \"wcit_2012\"", "\"id\": \"WCIT 2012\"",
    ATLAS_DATASET_ERROR_INVALID, 26, 13, "lenses[0].id",
    "\"WCIT 2012\" is not a valid id (use a-z, 0-9 and \"_\")" },
  { "lens/no-category", "\"ordered\": true,\n      \"categories\": [",
    "\"ordered\": true,\n      \"categories\": [],\n      \"x-old\": [",
    ATLAS_DATASET_ERROR_INVALID, 50, 21, "lenses[1].categories",
    "a lens needs at least one category" },

  /* Translations: "names" and "descriptions" (language code -> text) */
  { "names/not-a-language", "\"name\": \"WCIT-12\",", "\"name\": \"WCIT-12\", \"names\": {\"French\": \"CMTI-12\"},",
    ATLAS_DATASET_ERROR_INVALID, 27, 36, "lenses[0].names.French",
    "\"French\" is not a language code (such as \"fr\" or \"pt-BR\")" },
  { "names/locale-form", "\"description\": \"Vote.\",", "\"description\": \"Vote.\", \"descriptions\": {\"pt_BR\": \"Voto.\"},",
    ATLAS_DATASET_ERROR_INVALID, 28, 48, "lenses[0].descriptions.pt_BR",
    "\"pt_BR\" is not a language code (such as \"fr\" or \"pt-BR\")" },
  { "names/not-an-object", "\"name\": \"WCIT-12\",", "\"name\": \"WCIT-12\", \"names\": \"CMTI-12\",",
    ATLAS_DATASET_ERROR_INVALID, 27, 35, "lenses[0].names",
    "must be an object of translations (language code: text), not a string" },
  { "names/empty", "\"name\": \"Signed\",", "\"name\": \"Signed\", \"names\": {\"fr\": \" \"},",
    ATLAS_DATASET_ERROR_INVALID, 33, 45, "lenses[0].categories[0].names.fr",
    "a translation cannot be empty" },
  { "names/not-text", "\"name\": \"Signed\",", "\"name\": \"Signed\", \"names\": {\"fr\": \"A sign\u00e9\", \"de\": [\"x\"]},",
    ATLAS_DATASET_ERROR_INVALID, 33, 62, "lenses[0].categories[0].names.de",
    "must be a string, not an array" },
  { "names/twice", "\"name\": \"European Union\",", "\"name\": \"European Union\", \"names\": {\"fr\": \"UE\", \"fr\": \"Union\"},",
    ATLAS_DATASET_ERROR_INVALID, 16, 53, "subject.names.fr", "duplicate key \"fr\"" },

  /* Partners and countries */
  { "partner/duplicate", "\"id\": \"CN\"", "\"id\": \"US\"",
    ATLAS_DATASET_ERROR_INVALID, 118, 13, "partners[1].id",
    "duplicate partner \"US\" (already at partners[0])" },
  { "partner/unknown-iso-code", "\"id\": \"CN\"", "\"id\": \"XX\"",
    ATLAS_DATASET_ERROR_INVALID, 118, 13, "partners[1].id",
    "\"XX\" is not an ISO 3166-1 alpha-2 country code" },
  { "partner/lower-case-code", "\"id\": \"CN\"", "\"id\": \"cn\"",
    ATLAS_DATASET_ERROR_INVALID, 118, 13, "partners[1].id",
    "\"cn\" is not an ISO 3166-1 alpha-2 country code" },
  { "subject/unknown-member", "\"GB\"", "\"UK\"",
    ATLAS_DATASET_ERROR_INVALID, 21, 7, "subject.members[2]",
    "\"UK\" is not an ISO 3166-1 alpha-2 country code" },
  { "subject/member-twice", "\"FR\"", "\"DE\"",
    ATLAS_DATASET_ERROR_INVALID, 20, 7, "subject.members[1]", "\"DE\" is listed twice" },

  /* Duplicate keys */
  { "duplicate-key/top-level", "\"title\": \"Test\",", "\"title\": \"Test\",\n  \"title\": \"Again\",",
    ATLAS_DATASET_ERROR_INVALID, 5, 3, "title", "duplicate key \"title\"" },
  { "duplicate-key/in-unknown-member", "\"schema_version\": 1,",
    "\"schema_version\": 1,\n  \"x-extra\": {\"a\": 1, \"a\": 2},",
    ATLAS_DATASET_ERROR_INVALID, 4, 23, "x-extra.a", "duplicate key \"a\"" },
  { "duplicate-key/unknown-member-twice", "\"schema_version\": 1,",
    "\"schema_version\": 1,\n  \"x\": 1,\n  \"x\": 2,",
    ATLAS_DATASET_ERROR_INVALID, 5, 3, "x", "duplicate key \"x\"" },
  /* Found by fuzzing: the second list replaces the first, whose partners
   * the cross-reference checks still held. */
  { "duplicate-key/partners", "\n  ]\n}\n", "\n  ],\n  \"partners\": []\n}\n",
    ATLAS_DATASET_ERROR_INVALID, 132, 3, "partners", "duplicate key \"partners\"" },
  { "duplicate-key/indicators", "\"wcit_2012\": \"signed\"",
    "\"wcit_2012\": \"signed\", \"wcit_2012\": \"refused\"",
    ATLAS_DATASET_ERROR_INVALID, 121, 32, "partners[1].indicators.wcit_2012",
    "duplicate key \"wcit_2012\"" },

  /* Values */
  { "year/too-early", "\"signed\": 2003", "\"signed\": 1899",
    ATLAS_DATASET_ERROR_INVALID, 94, 21, "partners[0].agreements[0].signed",
    "year 1899 is outside 1900-2100" },
  { "year/too-late", "\"in_force\": 2010", "\"in_force\": 2101",
    ATLAS_DATASET_ERROR_INVALID, 95, 23, "partners[0].agreements[0].in_force",
    "year 2101 is outside 1900-2100" },
  { "date/no-such-day", "\"as_of\": \"2014-06-30\"", "\"as_of\": \"2014-02-30\"",
    ATLAS_DATASET_ERROR_INVALID, 5, 12, "as_of", "\"2014-02-30\" is not a date (YYYY-MM-DD)" },
  { "date/other-format", "\"updated\": \"2014-06-30\"", "\"updated\": \"30/06/2014\"",
    ATLAS_DATASET_ERROR_INVALID, 100, 18, "partners[0].updated",
    "\"30/06/2014\" is not a date (YYYY-MM-DD)" },
  { "color/short", "\"color\": \"#003399\"", "\"color\": \"#039\"",
    ATLAS_DATASET_ERROR_INVALID, 17, 14, "subject.color", "\"#039\" is not a colour (#rrggbb)" },
  { "color/name", "\"color\": \"#CC79A7\"", "\"color\": \"pink\"",
    ATLAS_DATASET_ERROR_INVALID, 35, 20, "lenses[0].categories[0].color",
    "\"pink\" is not a colour (#rrggbb)" },
  { "color/subject", "\"color\": \"#CC79A7\"", "\"color\": \"#003399\"",
    ATLAS_DATASET_ERROR_INVALID, 35, 20, "lenses[0].categories[0].color",
    "colour #003399 is the subject's colour" },
  /* The subject's own categories are checked as a partner's */
  { "subject/indicators-lens", "      \"GB\"\n    ]\n", "      \"GB\"\n    ],\n    \"indicators\": { \"nope\": \"refused\" }\n",
    ATLAS_DATASET_ERROR_INVALID, 23, 21, "subject.indicators.nope", "unknown lens \"nope\"" },
  { "subject/indicators-category", "      \"GB\"\n    ]\n", "      \"GB\"\n    ],\n    \"indicators\": { \"wcit_2012\": \"maybe\" }\n",
    ATLAS_DATASET_ERROR_INVALID, 23, 34, "subject.indicators.wcit_2012", "\"maybe\" is not a category of lens wcit_2012" },
  { "subject/indicators-type", "      \"GB\"\n    ]\n", "      \"GB\"\n    ],\n    \"indicators\": [ \"refused\" ]\n",
    ATLAS_DATASET_ERROR_INVALID, 23, 19, "subject.indicators", "must be an object, not an array" },
  { "color/no-data-grey", "\"color\": \"#CC79A7\"", "\"color\": \"#ededea\"",
    ATLAS_DATASET_ERROR_INVALID, 35, 20, "lenses[0].categories[0].color",
    "colour #EDEDEA is the grey kept for \"No data\"" },
  { "color/other-countries-grey", "\"color\": \"#CC79A7\"", "\"color\": \"#D6D6D2\"",
    ATLAS_DATASET_ERROR_INVALID, 35, 20, "lenses[0].categories[0].color",
    "colour #D6D6D2 is the grey kept for other countries" },
  { "url/ftp", "\"url\": \"http://example.org/statement.pdf\"",
    "\"url\": \"ftp://example.org/statement.pdf\"",
    ATLAS_DATASET_ERROR_INVALID, 78, 18, "partners[0].documents[0].url",
    "\"ftp://example.org/statement.pdf\" is not an http or https link" },
  { "url/javascript", "\"url\": \"https://example.org/paper\"", "\"url\": \"javascript:alert(1)\"",
    ATLAS_DATASET_ERROR_INVALID, 12, 14, "sources[0].url",
    "\"javascript:alert(1)\" is not an http or https link" },
  { "url/no-host", "\"url\": \"https://example.org/paper\"", "\"url\": \"https:///paper\"",
    ATLAS_DATASET_ERROR_INVALID, 12, 14, "sources[0].url",
    "\"https:///paper\" is not an http or https link" },
  { "url/space", "\"url\": \"https://example.org/paper\"", "\"url\": \"https://example.org/a paper\"",
    ATLAS_DATASET_ERROR_INVALID, 12, 14, "sources[0].url",
    "\"https://example.org/a paper\" is not an http or https link" },
  { "url/relative", "\"url\": \"https://example.org/paper\"", "\"url\": \"example.org/paper\"",
    ATLAS_DATASET_ERROR_INVALID, 12, 14, "sources[0].url",
    "\"example.org/paper\" is not an http or https link" },
  { "source-ref/unknown-source", "\"id\": \"paper\",\n          \"locator\"",
    "\"id\": \"book\",\n          \"locator\"",
    ATLAS_DATASET_ERROR_INVALID, 103, 17, "partners[0].sources[0].id",
    "\"book\" is not the id of a source of the dataset" },
  { "source/duplicate-id", "\"sources\": [\n    {", "\"sources\": [\n    {\"id\": \"paper\", \"title\": \"\", \"author\": \"\", \"year\": 2000, \"url\": null},\n    {",
    ATLAS_DATASET_ERROR_INVALID, 9, 13, "sources[1].id", "duplicate source id \"paper\"" },
  { "enum/dialogue-level", "\"level\": \"summit\"", "\"level\": \"presidential\"",
    ATLAS_DATASET_ERROR_INVALID, 85, 20, "partners[0].dialogues[0].level",
    "\"presidential\" is not one of: summit, ministerial, working, expert" },
  { "enum/dialogue-status", "\"status\": \"active\"", "\"status\": \"asleep\"",
    ATLAS_DATASET_ERROR_INVALID, 87, 21, "partners[0].dialogues[0].status",
    "\"asleep\" is not one of: active, dormant, planned" },
  { "enum/agreement-kind", "\"kind\": \"extradition\"", "\"kind\": \"treaty\"",
    ATLAS_DATASET_ERROR_INVALID, 92, 19, "partners[0].agreements[0].kind",
    "\"treaty\" is not one of: extradition, mutual-legal-assistance, europol-operational, "
    "europol-strategic, eurojust, liaison-magistrate, framework, other" },
  { "enum/agreement-status", "\"status\": \"in-force\"", "\"status\": \"in force\"",
    ATLAS_DATASET_ERROR_INVALID, 96, 21, "partners[0].agreements[0].status",
    "\"in force\" is not one of: in-force, signed, under-negotiation, on-hold, envisaged, "
    "terminated" },
};

static char *minimal_text;

static char *
replace_first (const char *text,
               const char *find,
               const char *replace)
{
  const char *at = strstr (text, find);
  GString *out;

  g_assert_nonnull (at);

  out = g_string_new_len (text, at - text);
  if (replace != NULL)
    g_string_append (out, replace);
  else
    return g_string_free (out, FALSE); /* truncated just before */
  g_string_append (out, at + strlen (find));

  return g_string_free (out, FALSE);
}

static AtlasDataset *
load_string (const char  *text,
             gsize        len,
             GPtrArray  **problems,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len);

  return atlas_dataset_load_bytes (bytes, "minimal.json", problems, error);
}

static void
assert_problem (const AtlasProblem *problem,
                int                 line,
                int                 column,
                const char         *path,
                const char         *message)
{
  g_assert_cmpstr (problem->file, ==, "minimal.json");
  g_assert_cmpstr (problem->path, ==, path);
  g_assert_cmpstr (problem->message, ==, message);
  g_assert_cmpint (problem->line, ==, line);
  g_assert_cmpint (problem->column, ==, column);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *text = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  text = replace_first (minimal_text, c->find, c->replace);
  len = strlen (text);

  dataset = load_string (text, len, &problems, &error);

  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, c->code);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >=, 1);
  assert_problem (g_ptr_array_index (problems, 0), c->line, c->column, c->path, c->message);

  /* The error message starts with the first problem, as the CLI prints it. */
  {
    g_autofree char *first = atlas_problem_to_string (g_ptr_array_index (problems, 0));

    g_assert_true (g_str_has_prefix (error->message, first));
  }
}

static void
test_minimal_is_valid (void)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) saved = NULL;

  dataset = load_string (minimal_text, strlen (minimal_text), &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_null (problems);

  /* The line numbers above hold only if the fixture stays canonical. */
  saved = atlas_dataset_to_bytes (dataset);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                   minimal_text, strlen (minimal_text));
}

static void
test_nul_byte (void)
{
  g_autofree char *text = g_strdup (minimal_text);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  char *at = strstr (text, "\"Test\"");

  at[3] = '\0';
  g_assert_null (load_string (text, strlen (minimal_text), &problems, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_JSON);
  assert_problem (g_ptr_array_index (problems, 0), 4, 15, "",
                  "not a text file: it contains a NUL byte");
}

static void
test_empty (void)
{
  static const struct { const char *text; int line, column; } inputs[] = {
    { "", 1, 1 },
    { "\n\n  ", 3, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_null (load_string (inputs[i].text, strlen (inputs[i].text), &problems, &error));
      g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_JSON);
      assert_problem (g_ptr_array_index (problems, 0), inputs[i].line, inputs[i].column, "",
                      "the file is empty");
    }
}

/* Valid JSON, but some other document. */
static void
test_not_an_object (void)
{
  static const char * const inputs[] = { "[{\"format\": \"cyber-diplomacy-atlas\"}]", "42", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_null (load_string (inputs[i], strlen (inputs[i]), &problems, &error));
      g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
      g_assert_cmpuint (problems->len, ==, 1);
      assert_problem (g_ptr_array_index (problems, 0), 1, 1, "",
                      "not a Cyber Diplomacy Atlas dataset (\"format\" must be \"cyber-diplomacy-atlas\")");
    }
}

static void
test_truncated_at_end (void)
{
  gsize len = strlen (minimal_text) - strlen ("}\n");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (load_string (minimal_text, len, &problems, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_JSON);
  assert_problem (g_ptr_array_index (problems, 0), 132, 1, "",
                  "unexpected end of file, expected \",\" or \"}\"");
}

/* Every prefix of the file is broken JSON: none may crash or be taken
 * for a dataset. */
static void
test_truncated_everywhere (void)
{
  gsize len = strlen (minimal_text);

  for (gsize cut = 0; cut < len - 1; cut++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_null (load_string (minimal_text, cut, &problems, &error));
      g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_JSON);
      g_assert_cmpuint (problems->len, ==, 1);
    }
}

/* Random damage must give an answer, never a crash. */
static void
test_damaged (void)
{
  gsize len = strlen (minimal_text);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20140630);

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *text = g_strdup (minimal_text);
      g_autoptr(AtlasDataset) dataset = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      guint n_changes = g_rand_int_range (rand, 1, 4);

      for (guint k = 0; k < n_changes; k++)
        text[g_rand_int_range (rand, 0, len)] = "{}[]\",:0a\\ \xff-"[g_rand_int_range (rand, 0, 14)];

      dataset = load_string (text, len, &problems, &error);
      g_assert_true ((dataset != NULL) == (error == NULL));
      if (dataset == NULL)
        g_assert_cmpuint (problems->len, >=, 1);
    }
}

static char *
make_nested (guint depth)
{
  GString *text = g_string_sized_new (2 * depth + 16);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');

  return g_string_free (text, FALSE);
}

static void
test_deep_nesting (void)
{
  g_autofree char *text = make_nested (200000);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_null (load_string (text, strlen (text), &problems, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_TOO_DEEP);
  assert_problem (g_ptr_array_index (problems, 0), 1, 65, "", "nested more than 64 levels deep");
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 10);
}

/* Deep, but not too deep, and inside a member the app keeps unread. */
static void
test_nesting_limit (void)
{
  g_autofree char *ok = make_nested (64 - 1);
  g_autofree char *deep = make_nested (64);
  g_autofree char *ok_member = g_strdup_printf ("\"schema_version\": 1,\n  \"x\": %s,", ok);
  g_autofree char *deep_member = g_strdup_printf ("\"schema_version\": 1,\n  \"x\": %s,", deep);
  g_autofree char *ok_text = replace_first (minimal_text, "\"schema_version\": 1,", ok_member);
  g_autofree char *deep_text = replace_first (minimal_text, "\"schema_version\": 1,", deep_member);
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  /* The root object is level 1: 63 arrays inside it make 64. */
  dataset = load_string (ok_text, strlen (ok_text), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  g_assert_null (load_string (deep_text, strlen (deep_text), &problems, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_TOO_DEEP);
  assert_problem (g_ptr_array_index (problems, 0), 4, 71, "x", "nested more than 64 levels deep");
}

static void
test_too_large (void)
{
  gsize len = ATLAS_DATASET_MAX_SIZE + 1;
  char *text = g_malloc (len);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  memset (text, ' ', len);
  bytes = g_bytes_new_take (text, len);
  g_assert_null (atlas_dataset_load_bytes (bytes, "minimal.json", &problems, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_TOO_LARGE);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpint (((AtlasProblem *) g_ptr_array_index (problems, 0))->line, ==, 0);
  g_assert_nonnull (strstr (error->message, "too large"));
}

static void
test_too_large_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("atlas-test-XXXXXX.json", &stream, &error);
  g_autoptr(GPtrArray) problems = NULL;
  int fd;

  g_assert_no_error (error);
  /* A sparse file: the loader must refuse it before reading it. */
  fd = g_open (g_file_peek_path (file), O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 1 << 32), ==, 0);
  close (fd);

  g_assert_null (atlas_dataset_load_file (file, NULL, &problems, NULL, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_TOO_LARGE);
  g_assert_cmpuint (problems->len, ==, 1);
  g_file_delete (file, NULL, NULL);
}

/* Found by fuzzing: an invalid id took part in the check for duplicates,
 * and the lens got the same category twice. */
static void
test_invalid_ids_twice (void)
{
  g_autofree char *a = replace_first (minimal_text, "\"id\": \"signed\"", "\"id\": \"Bad\"");
  g_autofree char *b = replace_first (a, "\"id\": \"refused\"", "\"id\": \"Bad\"");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (load_string (b, strlen (b), &problems, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
  assert_problem (g_ptr_array_index (problems, 0), 32, 17, "lenses[0].categories[0].id",
                  "\"Bad\" is not a valid id (use a-z, 0-9 and \"-\")");
  assert_problem (g_ptr_array_index (problems, 1), 38, 17, "lenses[0].categories[1].id",
                  "\"Bad\" is not a valid id (use a-z, 0-9 and \"-\")");
}

static void
test_many_problems (void)
{
  g_autofree char *a = replace_first (minimal_text, "\"id\": \"CN\"", "\"id\": \"XX\"");
  g_autofree char *b = replace_first (a, "\"wcit_2012\": \"refused\"", "\"wcit_2012\": \"maybe\"");
  g_autofree char *c = replace_first (b, "\"as_of\": \"2014-06-30\"", "\"as_of\": \"soon\"");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (load_string (c, strlen (c), &problems, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);

  /* All of them, in file order. */
  g_assert_cmpuint (problems->len, ==, 3);
  assert_problem (g_ptr_array_index (problems, 0), 5, 12, "as_of",
                  "\"soon\" is not a date (YYYY-MM-DD)");
  assert_problem (g_ptr_array_index (problems, 1), 71, 22, "partners[0].indicators.wcit_2012",
                  "\"maybe\" is not a category of lens wcit_2012");
  assert_problem (g_ptr_array_index (problems, 2), 118, 13, "partners[1].id",
                  "\"XX\" is not an ISO 3166-1 alpha-2 country code");

  g_assert_cmpstr (error->message, ==,
                   "minimal.json:5:12: as_of: \"soon\" is not a date (YYYY-MM-DD) "
                   "(and 2 more problems)");
}

/* A dataset whose every partner is broken: the list stops, and says so. */
static void
test_problem_cap (void)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  AtlasProblem *last;

  g_string_append (text, "{\"format\": \"cyber-diplomacy-atlas\", \"schema_version\": 1, \"partners\": [");
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text, "%s{\"id\": \"XX\"}", i ? ", " : "");
  g_string_append (text, "]}");

  g_assert_null (load_string (text->str, text->len, &problems, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 1001);
  last = g_ptr_array_index (problems, 1000);
  g_assert_cmpint (last->line, ==, 0);
  g_assert_true (g_str_has_suffix (last->message, "more problems not listed"));
  g_string_free (text, TRUE);
}

static void
test_problem_to_string (void)
{
  g_autoptr(AtlasProblem) located =
    atlas_problem_new ("dataset.json", 41, 17, "partners[3].indicators.wcit_2012",
                       "\"maybe\" is not a category of lens wcit_2012");
  g_autoptr(AtlasProblem) whole = atlas_problem_new ("big.json", 0, 0, NULL, "the file is too large");
  g_autoptr(AtlasProblem) copy = atlas_problem_copy (located);
  g_autofree char *a = atlas_problem_to_string (located);
  g_autofree char *b = atlas_problem_to_string (whole);
  g_autofree char *c = atlas_problem_to_string (copy);

  /* The README's example, to the byte. */
  g_assert_cmpstr (a, ==, "dataset.json:41:17: partners[3].indicators.wcit_2012: "
                          "\"maybe\" is not a category of lens wcit_2012");
  g_assert_cmpstr (b, ==, "big.json: the file is too large");
  g_assert_cmpstr (c, ==, a);
}

static void
test_load_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "minimal.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/dataset.json");
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  dataset = atlas_dataset_load_file (file, NULL, &problems, &etag, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_null (problems);
  g_assert_nonnull (etag);
  g_assert_cmpuint (atlas_dataset_get_n_partners (dataset), ==, 2);

  g_clear_pointer (&etag, g_free);
  g_assert_null (atlas_dataset_load_file (missing, NULL, &problems, &etag, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (problems);
  g_assert_null (etag);
}

static void
load_async_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_load_file_async (void)
{
  g_autofree char *bad_text = replace_first (minimal_text, "\"id\": \"CN\"", "\"id\": \"XX\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) bad = g_file_new_tmp ("atlas-test-XXXXXX.json", &stream, &error);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "minimal.json", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *etag = NULL;

  g_assert_no_error (error);
  g_file_replace_contents (bad, bad_text, strlen (bad_text), NULL, FALSE, 0, NULL, NULL, &error);
  g_assert_no_error (error);

  atlas_dataset_load_file_async (good, NULL, load_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  dataset = atlas_dataset_load_file_finish (result, &problems, &etag, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_nonnull (etag);
  g_clear_object (&result);
  g_clear_pointer (&etag, g_free);

  /* The problems travel with the error. */
  atlas_dataset_load_file_async (bad, NULL, load_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (atlas_dataset_load_file_finish (result, &problems, &etag, &error));
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpint (((AtlasProblem *) g_ptr_array_index (problems, 0))->line, ==, 118);
  g_assert_null (etag);

  g_file_delete (bad, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  atlas_core_init ();

  path = g_test_build_filename (G_TEST_DIST, "data", "minimal.json", NULL);
  g_file_get_contents (path, &minimal_text, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/load-errors/minimal-is-valid", test_minimal_is_valid);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/load-errors/%s", cases[i].name);

      g_test_add_data_func (name, &cases[i], test_case);
    }
  g_test_add_func ("/load-errors/encoding/nul-byte", test_nul_byte);
  g_test_add_func ("/load-errors/truncated/empty", test_empty);
  g_test_add_func ("/load-errors/format/not-an-object", test_not_an_object);
  g_test_add_func ("/load-errors/truncated/at-end", test_truncated_at_end);
  g_test_add_func ("/load-errors/truncated/everywhere", test_truncated_everywhere);
  g_test_add_func ("/load-errors/damaged", test_damaged);
  g_test_add_func ("/load-errors/nesting/200000", test_deep_nesting);
  g_test_add_func ("/load-errors/nesting/limit", test_nesting_limit);
  g_test_add_func ("/load-errors/size/bytes", test_too_large);
  g_test_add_func ("/load-errors/size/file", test_too_large_file);
  g_test_add_func ("/load-errors/lens/invalid-ids-twice", test_invalid_ids_twice);
  g_test_add_func ("/load-errors/report/all-problems-in-order", test_many_problems);
  g_test_add_func ("/load-errors/report/cap", test_problem_cap);
  g_test_add_func ("/load-errors/report/to-string", test_problem_to_string);
  g_test_add_func ("/load-errors/file/sync", test_load_file);
  g_test_add_func ("/load-errors/file/async", test_load_file_async);

  return g_test_run ();
}
