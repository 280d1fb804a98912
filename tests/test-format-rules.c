/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The format's rules for single values (atlas-format-rules.h), and that
 * loading, the undo stack (what editors go through) and the rule agree;
 * the escaping of dataset text for one-line messages (atlas-text.h) and
 * for JSON strings (atlas-json-reader.h). */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "atlas-core.h"
#include "atlas-json-reader-private.h"
#include "atlas-undo-stack.h"

static const char * const good_links[] = {
  "https://example.org/paper",
  "http://example.org",
  "HTTPS://EXAMPLE.COM/",
  "Http://example.org/a?b=c#d",
  "https://example.org/people/@someone",
  "https://example.org/?mail=a@b.example",
  "https://example.org:8443/x",
  NULL,
};

static const char * const bad_links[] = {
  "https://user:pass@example.com/",
  "https://user@example.com/",
  "https://example.org@evil.example/",
  "ftp://example.org/x",
  "javascript:alert(1)",
  "file:///etc/passwd",
  "mailto:someone@example.org",
  "https:///paper",
  "http://",
  "https://example.org/a paper",
  "https://example.org/\x1b[31m",
  "https://example.org/\x7f",
  "httpsx://example.org/",
  "not a link",
  "",
  NULL,
};

static void
test_web_link (void)
{
  for (guint i = 0; good_links[i] != NULL; i++)
    {
      g_test_message ("%s", good_links[i]);
      g_assert_true (atlas_format_is_web_link (good_links[i]));
    }
  for (guint i = 0; bad_links[i] != NULL; i++)
    {
      g_test_message ("%s", bad_links[i]);
      g_assert_false (atlas_format_is_web_link (bad_links[i]));
    }
  g_assert_false (atlas_format_is_web_link (NULL));
}

static void
test_date (void)
{
  g_assert_true (atlas_format_is_date ("2014-06-30"));
  g_assert_true (atlas_format_is_date ("2024-02-29"));
  g_assert_false (atlas_format_is_date ("2023-02-29"));
  g_assert_false (atlas_format_is_date ("2014-02-30"));
  g_assert_false (atlas_format_is_date ("2014-6-30"));
  g_assert_false (atlas_format_is_date ("30/06/2014"));
  g_assert_false (atlas_format_is_date ("2014-06-30 "));
  g_assert_false (atlas_format_is_date ("0000-01-01"));
  g_assert_false (atlas_format_is_date (""));
  g_assert_false (atlas_format_is_date (NULL));
}

static void
test_year (void)
{
  gint64 year = 0;

  g_assert_true (atlas_format_is_year (ATLAS_FORMAT_YEAR_MIN));
  g_assert_true (atlas_format_is_year (ATLAS_FORMAT_YEAR_MAX));
  g_assert_false (atlas_format_is_year (ATLAS_FORMAT_YEAR_MIN - 1));
  g_assert_false (atlas_format_is_year (ATLAS_FORMAT_YEAR_MAX + 1));

  /* JSON Schema's "integer": any number with no fraction. */
  g_assert_true (atlas_format_number_to_year (1984.0, &year));
  g_assert_cmpint (year, ==, 1984);
  g_assert_true (atlas_format_number_to_year (1.0, &year));
  g_assert_cmpint (year, ==, 1);
  g_assert_false (atlas_format_number_to_year (1984.5, &year));
  g_assert_false (atlas_format_number_to_year (INFINITY, &year));
  g_assert_false (atlas_format_number_to_year (NAN, &year));
  g_assert_true (atlas_format_number_to_year (1e300, &year));
  g_assert_false (atlas_format_is_year (year));
}

static void
test_id (void)
{
  g_assert_true (atlas_format_is_id ("paper-2014", '-'));
  g_assert_true (atlas_format_is_id ("wcit_2012", '_'));
  g_assert_false (atlas_format_is_id ("wcit_2012", '-'));
  g_assert_false (atlas_format_is_id ("Paper", '-'));
  g_assert_false (atlas_format_is_id ("a b", '-'));
  g_assert_false (atlas_format_is_id ("é", '-'));
  g_assert_false (atlas_format_is_id ("", '-'));
  g_assert_false (atlas_format_is_id (NULL, '-'));
}

static char *
minimal_with (const char *find,
              const char *replace)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "minimal.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) out = NULL;
  const char *at;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  at = strstr (text, find);
  g_assert_nonnull (at);
  out = g_string_new_len (text, at - text);
  g_string_append (out, replace);
  g_string_append (out, at + strlen (find));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static AtlasDataset *
load_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return atlas_dataset_load_bytes (bytes, "minimal.json", NULL, NULL);
}

/* A link loads exactly when the rule takes it, and the undo stack (what
 * the Dataset dialog's editor goes through) takes exactly those too. */
static void
test_link_rule_everywhere (void)
{
  const char * const *lists[] = { good_links, bad_links };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l][i] != NULL; i++)
      {
        const char *url = lists[l][i];
        g_autoptr(GString) quoted = g_string_new ("\"url\": \"");
        g_autofree char *text = NULL;
        g_autoptr(AtlasDataset) loaded = NULL;
        g_autoptr(AtlasDataset) dataset = NULL;
        g_autoptr(AtlasUndoStack) undo = NULL;
        g_autoptr(GListStore) sources = g_list_store_new (ATLAS_TYPE_SOURCE);
        g_autoptr(AtlasSource) source = atlas_source_new ("paper");
        g_autoptr(GError) error = NULL;
        gboolean rule = atlas_format_is_web_link (url);

        for (const char *p = url; *p; p++)
          if ((guchar) *p < 0x20 || *p == 0x7f)
            g_string_append_printf (quoted, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (quoted, *p);
        g_string_append_c (quoted, '"');

        g_test_message ("%s", url);
        text = minimal_with ("\"url\": \"https://example.org/paper\"", quoted->str);
        loaded = load_text (text);
        g_assert_true ((loaded != NULL) == rule);

        g_clear_pointer (&text, g_free);
        text = minimal_with ("\"title\": \"Test\"", "\"title\": \"Test\"");
        dataset = load_text (text);
        g_assert_nonnull (dataset);
        undo = atlas_undo_stack_new (dataset);
        atlas_source_set_title (source, "A paper");
        atlas_source_set_author (source, "A. Author");
        atlas_source_set_year (source, 2014);
        atlas_source_set_url (source, url[0] != '\0' ? url : NULL);
        g_list_store_append (sources, source);
        if (url[0] == '\0')
          continue;  /* empty means "no link" in the editor */
        g_assert_true (atlas_undo_stack_edit_sources (undo, G_LIST_MODEL (sources), "Edit",
                                                      NULL, &error) == rule);
      }
}

/* 2014.0 is a year, as JSON Schema's "integer" has it; saved as 2014. */
static void
test_integral_year_loads (void)
{
  g_autofree char *text = minimal_with ("\"year\": 2014,", "\"year\": 2014.0,");
  g_autofree char *exp = minimal_with ("\"year\": 2014,", "\"year\": 2.014e3,");
  g_autofree char *half = minimal_with ("\"year\": 2014,", "\"year\": 2014.5,");
  g_autoptr(AtlasDataset) dataset = load_text (text);
  g_autoptr(AtlasDataset) dataset_exp = load_text (exp);
  g_autoptr(AtlasDataset) dataset_half = load_text (half);
  g_autoptr(GBytes) saved = NULL;
  AtlasSource *source;

  g_assert_nonnull (dataset);
  g_assert_nonnull (dataset_exp);
  g_assert_null (dataset_half);
  source = atlas_dataset_find_source (dataset, "paper");
  g_assert_nonnull (source);
  g_assert_cmpint (atlas_source_get_year (source), ==, 2014);

  saved = atlas_dataset_to_bytes (dataset);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                  "\"year\": 2014,"));
}

/* JSON's escapes, one character at a time. */
static char *
escape_json_slowly (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\b')
        g_string_append (out, "\\b");
      else if (c == '\f')
        g_string_append (out, "\\f");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

/* The writer looks at eight bytes at a time: whatever needs an escape is
 * found at every place in a word, next to a word's end, in a short tail,
 * and bytes just outside the ranges (0x20, 0x7f, UTF-8) are left alone. */
static void
test_json_string (void)
{
  static const char * const specials[] = {
    "\x01", "\x1f", "\"", "\\", "\n", "\r", "\t", "\b", "\f", " ", "\x7f", "!", "#", "[", "]",
    "\xc3\xa9", "\xe2\x80\xae",
  };

  for (guint length = 0; length <= 20; length++)
    for (guint at = 0; at <= length; at++)
      for (guint k = 0; k < G_N_ELEMENTS (specials); k++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autoptr(GString) written = g_string_new ("x");
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autofree char *expected = NULL;

          for (guint i = 0; i < length; i++)
            g_string_append_c (text, 'a' + i % 26);
          g_string_insert (text, at, specials[k]);
          if (k % 2 == 0)
            g_string_append (text, specials[(k + 3) % G_N_ELEMENTS (specials)]);
          expected = escape_json_slowly (text->str);

          atlas_json_append_string (written, text->str);
          g_assert_cmpstr (written->str + 1, ==, expected);
          g_assert_true (json_parser_load_from_data (parser, written->str + 1, -1, NULL));
          g_assert_cmpstr (json_node_get_string (json_parser_get_root (parser)), ==, text->str);
        }
}

static void
test_escape_line (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "plain text, accentué, 日本", "plain text, accentué, 日本" },
    { "a\nb", "a\\nb" },
    { "a\r\nb\tc", "a\\r\\nb\\tc" },
    { "\x1b[31mred\x1b[0m", "\\u001b[31mred\\u001b[0m" },
    { "\x1b]0;title\x07", "\\u001b]0;title\\u0007" },
    { "del\x7f", "del\\u007f" },
    { "c1 \xc2\x9b" "31m", "c1 \\u009b31m" },         /* U+009B, CSI */
    { "bidi \xe2\x80\xae" "cod.exe", "bidi \\u202ecod.exe" },  /* U+202E */
    { "iso \xe2\x81\xa6x\xe2\x81\xa9", "iso \\u2066x\\u2069" },
    { "ls \xe2\x80\xa8 ps \xe2\x80\xa9", "ls \\u2028 ps \\u2029" },
    { "bad \xff byte", "bad \\xff byte" },
    { "cut \xe2\x80", "cut \\xe2\\x80" },
    { "back\\slash", "back\\slash" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = atlas_text_escape_line (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_true (g_utf8_validate (out, -1, NULL));
    }

  {
    g_autofree char *out = atlas_text_escape_line (NULL);

    g_assert_cmpstr (out, ==, "");
  }
}

/* The loader, the undo stack and the editors say why in the same words:
 * atlas_format_check_web_link () and atlas_format_check_date (). */
static void
test_same_words (void)
{
  const char *url = "https://user@example.org/paper";
  g_autofree char *link_problem = atlas_format_check_web_link (url);
  g_autofree char *date_problem = atlas_format_check_date ("2023-02-30");
  g_autofree char *quoted = g_strdup_printf ("\"url\": \"%s\"", url);
  g_autofree char *bad_link = minimal_with ("\"url\": \"https://example.org/paper\"", quoted);
  g_autofree char *bad_date = minimal_with ("\"as_of\": \"2014-06-30\"", "\"as_of\": \"2023-02-30\"");
  const char *texts[] = { bad_link, bad_date };
  const char *problems_expected[] = { link_problem, date_problem };
  g_autofree char *good = minimal_with ("\"title\": \"Test\"", "\"title\": \"Test\"");
  g_autoptr(AtlasDataset) dataset = load_text (good);
  g_autoptr(AtlasUndoStack) undo = atlas_undo_stack_new (dataset);
  g_autoptr(GListStore) sources = g_list_store_new (ATLAS_TYPE_SOURCE);
  g_autoptr(AtlasSource) source = atlas_source_new ("paper");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (link_problem);
  g_assert_nonnull (strstr (link_problem, url));
  g_assert_nonnull (date_problem);
  g_assert_null (atlas_format_check_web_link ("https://example.org/"));
  g_assert_null (atlas_format_check_date ("2024-02-29"));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (texts[i], strlen (texts[i]));
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(AtlasDataset) loaded = atlas_dataset_load_bytes (bytes, "minimal.json", &problems, NULL);
      AtlasProblem *problem;

      g_assert_null (loaded);
      g_assert_cmpuint (problems->len, ==, 1);
      problem = g_ptr_array_index (problems, 0);
      g_assert_cmpstr (problem->message, ==, problems_expected[i]);
    }

  atlas_source_set_title (source, "A paper");
  atlas_source_set_author (source, "A. Author");
  atlas_source_set_year (source, 2014);
  atlas_source_set_url (source, url);
  g_list_store_append (sources, source);
  g_assert_false (atlas_undo_stack_edit_sources (undo, G_LIST_MODEL (sources), "Edit", NULL, &error));
  g_assert_cmpstr (error->message, ==, link_problem);
}

/* A problem is one line whatever the dataset holds. */
static void
test_problem_is_one_line (void)
{
  g_autofree char *text = minimal_with ("\"as_of\": \"2014-06-30\"",
                                        "\"as_of\": \"x\\u001b[2J\\nminimal.json:1:1: forged\"");
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load_bytes (bytes, "min\nimal.json", &problems, NULL);
  g_autofree char *line = NULL;

  g_assert_null (dataset);
  g_assert_cmpuint (problems->len, ==, 1);
  line = atlas_problem_to_string (g_ptr_array_index (problems, 0));
  g_assert_cmpstr (line, ==, "min\\nimal.json:5:12: as_of: "
                             "\"x\\u001b[2J\\nminimal.json:1:1: forged\" is not a date (YYYY-MM-DD)");
}

/* One table of labels for the enumerated fields, which the profile, the
 * editor's choices and the briefing all read: every value has one, and the
 * wording is the app's. */
static void
test_value_labels (void)
{
  const char * const * const lists[] = {
    atlas_dialogue_get_level_values (),
    atlas_dialogue_get_status_values (),
    atlas_agreement_get_kind_values (),
    atlas_agreement_get_status_values (),
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (guint j = 0; lists[i][j] != NULL; j++)
      {
        const char *label = atlas_entry_value_get_label (lists[i][j]);

        g_assert_nonnull (label);
        g_assert_cmpstr (label, !=, lists[i][j]);
      }

  g_assert_cmpstr (atlas_entry_value_get_label ("europol-operational"), ==, "Europol operational");
  g_assert_cmpstr (atlas_entry_value_get_label ("under-negotiation"), ==, "Under negotiation");
  /* A value of a newer app shows as it is. */
  g_assert_cmpstr (atlas_entry_value_get_label ("new-kind"), ==, "new-kind");
  g_assert_null (atlas_entry_value_get_label (NULL));
}

static void
test_language_tag (void)
{
  const char * const good[] = { "fr", "de", "pt-BR", "es-419", "zh-Hant", "zh-Hant-TW", "gsw", NULL };
  const char * const bad[] = {
    "", "f", "FR", "Fr", "fr_FR", "fr-fr", "french", "pt-BR-", "-fr", "zh-hant", "es-41", "fr-FRA",
    "fr FR", "fr.UTF-8", "en@euro", NULL,
  };

  for (guint i = 0; good[i] != NULL; i++)
    {
      g_test_message ("%s", good[i]);
      g_assert_true (atlas_format_is_language_tag (good[i]));
    }
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_false (atlas_format_is_language_tag (bad[i]));
    }
  g_assert_false (atlas_format_is_language_tag (NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  atlas_core_init ();

  g_test_add_func ("/format-rules/web-link", test_web_link);
  g_test_add_func ("/format-rules/date", test_date);
  g_test_add_func ("/format-rules/year", test_year);
  g_test_add_func ("/format-rules/id", test_id);
  g_test_add_func ("/format-rules/language-tag", test_language_tag);
  g_test_add_func ("/format-rules/link-rule-everywhere", test_link_rule_everywhere);
  g_test_add_func ("/format-rules/integral-year-loads", test_integral_year_loads);
  g_test_add_func ("/format-rules/value-labels", test_value_labels);
  g_test_add_func ("/format-rules/same-words", test_same_words);
  g_test_add_func ("/text/escape-line", test_escape_line);
  g_test_add_func ("/text/json-string", test_json_string);
  g_test_add_func ("/text/problem-is-one-line", test_problem_is_one_line);

  return g_test_run ();
}
