/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Load problems in plain words, and opening a file with bad values
 * read-only: tests/data/minimal.json edited by one text replacement. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "atlas-core.h"
#include "atlas-salvage.h"

/* minimal.json with the first @find replaced, salvaged after loading */
static AtlasSalvage *
salvage_edited (const char *find,
                const char *replace,
                int         code)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "minimal.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  AtlasSalvage *salvage;
  const char *at;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  at = strstr (text, find);
  g_assert_nonnull (at);
  edited = g_string_new_len (text, at - text);
  g_string_append (edited, replace);
  g_string_append (edited, at + strlen (find));
  bytes = g_bytes_new (edited->str, edited->len);

  dataset = atlas_dataset_load_bytes (bytes, "minimal.json", &problems, &error);
  g_assert_null (dataset);
  g_assert_error (error, ATLAS_DATASET_ERROR, code);
  g_assert_nonnull (problems);

  salvage = atlas_salvage_bytes (bytes, "minimal.json", problems);
  for (guint i = 0; salvage->descriptions[i] != NULL; i++)
    g_test_message ("%s", salvage->descriptions[i]);

  return salvage;
}

static AtlasPartner *
partner (AtlasDataset *dataset,
         const char   *id)
{
  AtlasPartner *found = atlas_dataset_find_partner (dataset, id);

  g_assert_nonnull (found);
  return found;
}

/* The issue's own example: a partner's value not among the lens's
 * categories, named by partner, lens and categories, with its line; the
 * file opens with that indicator as "No data", the rest as it was. */
static void
test_indicator (void)
{
  g_autoptr(AtlasSalvage) salvage = salvage_edited ("\"wcit_2012\": \"signed\"\n      },\n      \"documents\": [],",
                                                    "\"wcit_2012\": \"maybe\"\n      },\n      \"documents\": [],",
                                                    ATLAS_DATASET_ERROR_INVALID);

  g_assert_cmpuint (g_strv_length (salvage->descriptions), ==, 1);
  g_assert_cmpstr (salvage->descriptions[0], ==,
                   "China’s WCIT-12 is “maybe”, which is not one of Signed, Refused (line 121)");
  g_assert_nonnull (salvage->dataset);
  g_assert_null (atlas_partner_get_indicator (partner (salvage->dataset, "CN"), "wcit_2012"));
  g_assert_cmpstr (atlas_partner_get_indicator (partner (salvage->dataset, "US"), "wcit_2012"), ==, "refused");
  g_assert_cmpstr (atlas_partner_get_assessment (partner (salvage->dataset, "CN")), ==, "Distant.");
}

/* A bad value elsewhere in a partner: named by partner and field. The
 * date of the last update is required: it cannot be left out, and the file
 * stays shut. */
static void
test_date (void)
{
  g_autoptr(AtlasSalvage) salvage = salvage_edited ("\"assessment\": \"Distant.\",\n      \"updated\": \"2014-06-30\"",
                                                    "\"assessment\": \"Distant.\",\n      \"updated\": \"30/06/2014\"",
                                                    ATLAS_DATASET_ERROR_INVALID);

  g_assert_cmpuint (g_strv_length (salvage->descriptions), ==, 1);
  g_assert_true (g_str_has_prefix (salvage->descriptions[0], "China, the date of the last update: "));
  g_assert_true (strstr (salvage->descriptions[0], "30/06/2014") != NULL);
  g_assert_true (g_str_has_suffix (salvage->descriptions[0], " (line 127)"));
  g_assert_null (salvage->dataset);
}

/* An indicator for a lens the file does not have */
static void
test_unknown_lens (void)
{
  g_autoptr(AtlasSalvage) salvage = salvage_edited ("\"wcit_2012\": \"signed\"\n      },\n      \"documents\": [],",
                                                    "\"wcit\": \"signed\"\n      },\n      \"documents\": [],",
                                                    ATLAS_DATASET_ERROR_INVALID);

  g_assert_cmpstr (salvage->descriptions[0], ==,
                   "China has a value for “wcit”, which is not a lens of this dataset (line 121)");
  g_assert_nonnull (salvage->dataset);
}

/* A problem in a dialogue: the dialogue by name */
static void
test_dialogue (void)
{
  g_autoptr(AtlasSalvage) salvage = salvage_edited ("\"established\": null", "\"established\": \"soon\"",
                                                    ATLAS_DATASET_ERROR_INVALID);

  g_assert_true (g_str_has_prefix (salvage->descriptions[0], "United States, the dialogue “"));
  g_assert_true (strstr (salvage->descriptions[0], "”, the year it was established: ") != NULL);
  /* An optional value: left out, the dialogue is there without it */
  g_assert_nonnull (salvage->dataset);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_dialogues (partner (salvage->dataset, "US"))), >, 0);
}

/* A lens's translation under a tag that is no language: named by lens,
 * the member in words, and the tag. */
static void
test_translation (void)
{
  g_autoptr(AtlasSalvage) salvage = salvage_edited ("\"name\": \"WCIT-12\",",
                                                    "\"name\": \"WCIT-12\", \"names\": {\"French\": \"CMTI-12\"},",
                                                    ATLAS_DATASET_ERROR_INVALID);

  g_assert_cmpstr (salvage->descriptions[0], ==,
                   "The lens “WCIT-12”, the names in other languages, French: "
                   "\"French\" is not a language code (such as \"fr\" or \"pt-BR\") (line 27)");
}

/* What is not a partner's value cannot be left out: the file stays shut,
 * but the problem is still in words. */
static void
test_structure (void)
{
  g_autoptr(AtlasSalvage) title = salvage_edited ("\"title\": \"Test\"", "\"title\": 5", ATLAS_DATASET_ERROR_INVALID);
  g_autoptr(AtlasSalvage) lens = salvage_edited ("\"name\": \"WCIT-12\"", "\"name\": 12", ATLAS_DATASET_ERROR_INVALID);
  g_autoptr(AtlasSalvage) json = salvage_edited ("\"title\": \"Test\"", "\"title\" \"Test\"",
                                                 ATLAS_DATASET_ERROR_NOT_JSON);

  g_assert_null (title->dataset);
  g_assert_true (g_str_has_prefix (title->descriptions[0], "The title: "));
  g_assert_null (lens->dataset);
  g_assert_true (g_str_has_prefix (lens->descriptions[0], "The lens “wcit_2012”, the name: "));
  g_assert_null (json->dataset);
  g_assert_true (g_str_has_suffix (json->descriptions[0], " (line 4)"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/salvage/indicator", test_indicator);
  g_test_add_func ("/salvage/date", test_date);
  g_test_add_func ("/salvage/unknown-lens", test_unknown_lens);
  g_test_add_func ("/salvage/dialogue", test_dialogue);
  g_test_add_func ("/salvage/translation", test_translation);
  g_test_add_func ("/salvage/structure", test_structure);

  return g_test_run ();
}
