/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Time (atlas-timeline.c): the history chain rules as the loader reports
 * them, the state as of a date, the changes between two dates, and the
 * editor keeping the chain whole. All on hand-made histories. */

#include "config.h"

#include <string.h>

#include "atlas-core.h"
#include "atlas-export.h"
#include "atlas-undo-stack.h"

/* Brazil moves up the Budapest lens twice and rewrites its assessment;
 * China's WCIT vote flips and flips back on one day (file order decides);
 * Australia is added in 2017, Russia removed in 2019. */
static const char base_text[] =
  "{\n"
  "  \"format\": \"cyber-diplomacy-atlas\",\n"
  "  \"schema_version\": 1,\n"
  "  \"title\": \"Timeline test\",\n"
  "  \"as_of\": \"2020-12-31\",\n"
  "  \"sources\": [],\n"
  "  \"subject\": {\"name\": \"European Union\", \"color\": \"#003399\", \"members\": [\"DE\"]},\n"
  "  \"lenses\": [\n"
  "    {\"id\": \"budapest\", \"name\": \"Budapest\", \"description\": \"\", \"ordered\": true,\n"
  "     \"categories\": [\n"
  "       {\"id\": \"party\", \"name\": \"Party\", \"description\": \"\", \"color\": \"#009E73\"},\n"
  "       {\"id\": \"signatory\", \"name\": \"Signatory\", \"description\": \"\", \"color\": \"#56B4E9\"},\n"
  "       {\"id\": \"non-party\", \"name\": \"Non-party\", \"description\": \"\", \"color\": \"#E69F00\"}]},\n"
  "    {\"id\": \"wcit\", \"name\": \"WCIT\", \"description\": \"\", \"ordered\": false,\n"
  "     \"categories\": [\n"
  "       {\"id\": \"signed\", \"name\": \"Signed\", \"description\": \"\", \"color\": \"#CC79A7\"},\n"
  "       {\"id\": \"refused\", \"name\": \"Refused\", \"description\": \"\", \"color\": \"#F0E442\"}]}\n"
  "  ],\n"
  "  \"partners\": [\n"
  "    {\"id\": \"BR\", \"name\": \"Brazil\", \"indicators\": {\"budapest\": \"party\"},\n"
  "     \"documents\": [{\"title\": \"Old\", \"year\": 2010, \"url\": null},\n"
  "                   {\"title\": \"New\", \"year\": 2019, \"url\": null}],\n"
  "     \"dialogues\": [{\"name\": \"Cyber dialogue\", \"frequency\": null, \"level\": \"working\",\n"
  "                    \"established\": 2016, \"status\": \"active\"}],\n"
  "     \"agreements\": [{\"kind\": \"other\", \"title\": \"Pact\", \"signed\": 2019, \"in_force\": null,\n"
  "                     \"status\": \"signed\"}],\n"
  "     \"assessment\": \"Now.\", \"updated\": \"2018-07-08\", \"sources\": [],\n"
  "     \"history\": [\n"
  "       {\"date\": \"2015-03-01\", \"field\": \"indicators.budapest\", \"old\": \"non-party\",\n"
  "        \"new\": \"signatory\", \"source\": \"https://example.org/a\"},\n"
  "       {\"date\": \"2016-01-01\", \"field\": \"assessment\", \"old\": \"Then.\", \"new\": \"Now.\",\n"
  "        \"source\": \"https://example.org/b\"},\n"
  "       {\"date\": \"2018-07-08\", \"field\": \"indicators.budapest\", \"old\": \"signatory\",\n"
  "        \"new\": \"party\", \"source\": \"https://example.org/c\"}]},\n"
  "    {\"id\": \"CN\", \"name\": \"China\", \"indicators\": {\"wcit\": \"signed\"},\n"
  "     \"documents\": [], \"dialogues\": [], \"agreements\": [],\n"
  "     \"assessment\": \"\", \"updated\": \"2016-06-06\", \"sources\": [],\n"
  "     \"history\": [\n"
  "       {\"date\": \"2016-06-06\", \"field\": \"indicators.wcit\", \"old\": \"signed\",\n"
  "        \"new\": \"refused\", \"source\": \"x\"},\n"
  "       {\"date\": \"2016-06-06\", \"field\": \"indicators.wcit\", \"old\": \"refused\",\n"
  "        \"new\": \"signed\", \"source\": \"y\"}]},\n"
  "    {\"id\": \"AU\", \"name\": \"Australia\", \"indicators\": {\"budapest\": \"party\"},\n"
  "     \"documents\": [], \"dialogues\": [], \"agreements\": [],\n"
  "     \"assessment\": \"\", \"updated\": \"2017-05-05\", \"sources\": [],\n"
  "     \"history\": [\n"
  "       {\"date\": \"2017-05-05\", \"field\": \"partner\", \"old\": null, \"new\": \"listed\",\n"
  "        \"source\": \"added\"}]},\n"
  "    {\"id\": \"RU\", \"name\": \"Russia\", \"indicators\": {\"budapest\": \"non-party\"},\n"
  "     \"documents\": [], \"dialogues\": [], \"agreements\": [],\n"
  "     \"assessment\": \"\", \"updated\": \"2019-02-02\", \"sources\": [],\n"
  "     \"history\": [\n"
  "       {\"date\": \"2019-02-02\", \"field\": \"partner\", \"old\": \"listed\", \"new\": null,\n"
  "        \"source\": \"removed\"}]}\n"
  "  ]\n"
  "}\n";

static char *
replace_first (const char *text,
               const char *find,
               const char *replacement)
{
  const char *at = strstr (text, find);
  GString *out;

  g_assert_nonnull (at);
  out = g_string_new_len (text, at - text);
  g_string_append (out, replacement);
  g_string_append (out, at + strlen (find));

  return g_string_free (out, FALSE);
}

static AtlasDataset *
load (const char  *text,
      GPtrArray  **problems)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load_bytes (bytes, "t.json", problems, &error);

  if (problems == NULL)
    g_assert_no_error (error);

  return dataset;
}

static AtlasDataset *
load_base (void)
{
  return load (base_text, NULL);
}

/* "t.json:LINE:COL: " of the first occurrence of @needle in @text. */
static char *
location_of (const char *text,
             const char *needle)
{
  const char *at = strstr (text, needle);
  int line = 1, column = 1;

  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    {
      if (*p == '\n')
        {
          line++;
          column = 1;
        }
      else
        column++;
    }

  return g_strdup_printf ("t.json:%d:%d: ", line, column);
}

/* Loads @text with @find replaced and checks that it fails with exactly one
 * problem, located at @where (a string in the edited text) and saying
 * @message ("partners[0].history[1]: ..."). */
static void
assert_broken (const char *find,
               const char *replacement,
               const char *where,
               const char *message)
{
  g_autofree char *text = replace_first (base_text, find, replacement);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(AtlasDataset) dataset = load (text, &problems);
  g_autofree char *location = location_of (text, where);
  g_autofree char *expected = g_strconcat (location, message, NULL);
  g_autofree char *got = NULL;

  g_assert_null (dataset);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = atlas_problem_to_string (g_ptr_array_index (problems, i));

      g_test_message ("%s", line);
    }
  g_assert_cmpuint (problems->len, ==, 1);
  got = atlas_problem_to_string (g_ptr_array_index (problems, 0));
  g_assert_cmpstr (got, ==, expected);
}

static void
test_chain_valid (void)
{
  g_autoptr(AtlasDataset) dataset = load_base ();
  g_autoptr(GPtrArray) problems = atlas_timeline_check_dataset (dataset, "t.json");

  g_assert_cmpuint (problems->len, ==, 0);
  /* Russia, removed, is in the file but not listed. */
  g_assert_cmpuint (g_list_model_get_n_items (atlas_dataset_get_all_partners (dataset)), ==, 4);
  g_assert_cmpuint (atlas_dataset_get_n_partners (dataset), ==, 3);
}

static void
test_chain_broken (void)
{
  /* old does not follow the new of the entry before it */
  assert_broken ("\"old\": \"signatory\",\n        \"new\": \"party\"",
                 "\"old\": \"non-party\",\n        \"new\": \"party\"",
                 "\"non-party\",\n        \"new\": \"party\"",
                 "partners[0].history[2]: old \"non-party\" does not follow \"signatory\" of history[0]");
  /* the last new is not the current value */
  assert_broken ("\"indicators\": {\"budapest\": \"party\"},\n     \"documents\": [{",
                 "\"indicators\": {\"budapest\": \"signatory\"},\n     \"documents\": [{",
                 "\"party\", \"source\": \"https://example.org/c\"",
                 "partners[0].history[2]: new \"party\" is not the current value \"signatory\" "
                 "of indicators.budapest");
  /* the last new of a field with no indicator now ("No data") */
  assert_broken ("\"indicators\": {\"wcit\": \"signed\"}", "\"indicators\": {}",
                 "\"signed\", \"source\": \"y\"",
                 "partners[1].history[1]: new \"signed\" is not the current value none "
                 "of indicators.wcit");
  /* the assessment's chain */
  assert_broken ("\"assessment\": \"Now.\", \"updated\"", "\"assessment\": \"Later.\", \"updated\"",
                 "\"Now.\",\n        \"source\": \"https://example.org/b\"",
                 "partners[0].history[1]: new \"Now.\" is not the current value \"Later.\" "
                 "of assessment");
  /* same date: file order decides, so swapping the two breaks the chain */
  {
    const char *x = "\"old\": \"signed\",\n        \"new\": \"refused\"";
    const char *y = "\"old\": \"refused\",\n        \"new\": \"signed\"";
    g_autofree char *t1 = replace_first (base_text, x, "@@");
    g_autofree char *t2 = replace_first (t1, y, x);
    g_autofree char *t3 = replace_first (t2, "@@", y);
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(AtlasDataset) dataset = load (t3, &problems);
    g_autofree char *location = location_of (t3, "\"refused\", \"source\": \"y\"");
    g_autofree char *expected = g_strconcat (location, "partners[1].history[1]: new \"refused\" "
                                             "is not the current value \"signed\" of "
                                             "indicators.wcit", NULL);
    g_autofree char *got = NULL;

    g_assert_null (dataset);
    g_assert_cmpuint (problems->len, ==, 1);
    got = atlas_problem_to_string (g_ptr_array_index (problems, 0));
    g_assert_cmpstr (got, ==, expected);
  }
}

static void
test_chain_broken_each_way (void)
{
  /* Dated after the dataset's as_of */
  assert_broken ("\"date\": \"2019-02-02\"", "\"date\": \"2021-02-02\"",
                 "\"2021-02-02\"",
                 "partners[3].history[0]: dated 2021-02-02, after the dataset's date "
                 "(as_of 2020-12-31)");
  /* Entries chain by date, not by file order: dated later, Brazil's first
   * entry now follows its last one, and the chain ends in the wrong value. */
  {
    g_autofree char *a = replace_first (base_text, "\"date\": \"2015-03-01\"", "\"date\": \"2018-07-09\"");
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(AtlasDataset) dataset = load (a, &problems);

    g_assert_null (dataset);
    g_assert_cmpuint (problems->len, ==, 2);
  }
  /* A value that is not a category of the lens */
  assert_broken ("\"old\": \"non-party\",\n        \"new\": \"signatory\"",
                 "\"old\": \"maybe\",\n        \"new\": \"signatory\"",
                 "\"maybe\"",
                 "partners[0].history[0]: old \"maybe\" is not a category of lens budapest");
  /* A field naming no lens */
  assert_broken ("\"field\": \"indicators.wcit\", \"old\": \"signed\"",
                 "\"field\": \"indicators.nope\", \"old\": \"signed\"",
                 "\"indicators.nope\"",
                 "partners[1].history[0]: field \"indicators.nope\" names no lens of the dataset");
  /* "partner" takes "listed" or null */
  assert_broken ("\"new\": \"listed\"", "\"new\": \"here\"", "\"here\"",
                 "partners[2].history[0]: \"here\" must be \"listed\" or null for field \"partner\"");
}

static void
test_as_of_values (void)
{
  g_autoptr(AtlasDataset) dataset = load_base ();
  AtlasPartner *brazil = atlas_dataset_find_partner (dataset, "BR");
  struct { const char *date; const char *budapest; const char *assessment; } cases[] = {
    { "1990-01-01", "non-party", "Then." },  /* before everything: the baseline */
    { "2015-02-28", "non-party", "Then." },
    { "2015-03-01", "signatory", "Then." },
    { "2015-03-02", "signatory", "Then." },
    { "2015-12-31", "signatory", "Then." },
    { "2016-01-01", "signatory", "Now." },
    { "2018-07-07", "signatory", "Now." },
    { "2018-07-08", "party", "Now." },
    { "2018-07-09", "party", "Now." },
    { "2020-12-31", "party", "Now." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AtlasDataset) then = atlas_timeline_dup_as_of (dataset, cases[i].date);
      AtlasPartner *state = atlas_dataset_find_partner (then, "BR");

      g_test_message ("as of %s", cases[i].date);
      g_assert_cmpstr (atlas_timeline_value_at (brazil, "indicators.budapest", cases[i].date), ==,
                       cases[i].budapest);
      g_assert_nonnull (state);
      g_assert_cmpstr (atlas_partner_get_indicator (state, "budapest"), ==, cases[i].budapest);
      g_assert_cmpstr (atlas_partner_get_assessment (state), ==, cases[i].assessment);
      g_assert_cmpstr (atlas_dataset_get_as_of (then), ==, cases[i].date);
      g_assert_cmpstr (atlas_partner_get_updated (state), <=, cases[i].date);
    }

  /* Same-day entries: the day's last one holds, the day before the first's old. */
  g_assert_cmpstr (atlas_timeline_value_at (atlas_dataset_find_partner (dataset, "CN"),
                                            "indicators.wcit", "2016-06-05"), ==, "signed");
  g_assert_cmpstr (atlas_timeline_value_at (atlas_dataset_find_partner (dataset, "CN"),
                                            "indicators.wcit", "2016-06-06"), ==, "signed");
}

static void
test_as_of_lists (void)
{
  g_autoptr(AtlasDataset) dataset = load_base ();
  g_autoptr(AtlasDataset) y2015 = atlas_timeline_dup_as_of (dataset, "2015-12-31");
  g_autoptr(AtlasDataset) y2016 = atlas_timeline_dup_as_of (dataset, "2016-01-01");
  g_autoptr(AtlasDataset) y2019 = atlas_timeline_dup_as_of (dataset, "2019-01-01");
  AtlasPartner *br;

  br = atlas_dataset_find_partner (y2015, "BR");
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_dialogues (br)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_agreements (br)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_documents (br)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_history (br)), ==, 1);

  br = atlas_dataset_find_partner (y2016, "BR");
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_dialogues (br)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_agreements (br)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_history (br)), ==, 2);

  br = atlas_dataset_find_partner (y2019, "BR");
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_agreements (br)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_get_documents (br)), ==, 2);
}

static void
test_as_of_partners (void)
{
  g_autoptr(AtlasDataset) dataset = load_base ();
  struct { const char *date; gboolean australia; gboolean russia; } cases[] = {
    { "2017-05-04", FALSE, TRUE },
    { "2017-05-05", TRUE, TRUE },
    { "2019-02-01", TRUE, TRUE },
    { "2019-02-02", TRUE, FALSE },
    { "2020-12-31", TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AtlasDataset) then = atlas_timeline_dup_as_of (dataset, cases[i].date);

      g_test_message ("as of %s", cases[i].date);
      g_assert_true ((atlas_dataset_find_partner (then, "AU") != NULL) == cases[i].australia);
      g_assert_true ((atlas_dataset_find_partner (then, "RU") != NULL) == cases[i].russia);
      g_assert_nonnull (atlas_dataset_find_partner (then, "BR"));
      g_assert_true (atlas_timeline_is_listed_at (atlas_dataset_find_partner (dataset, "AU"),
                                                  cases[i].date) == cases[i].australia);
    }
}

/* The state as of a date, written out, is a dataset that loads, and whose
 * own as-of state at the same date is itself. */
static void
test_as_of_is_valid (void)
{
  g_autoptr(AtlasDataset) dataset = load_base ();
  const char *dates[] = { "1990-01-01", "2015-03-01", "2016-06-06", "2017-05-05", "2019-02-02" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(AtlasDataset) then = atlas_timeline_dup_as_of (dataset, dates[i]);
      g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (then);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(AtlasDataset) reloaded = atlas_dataset_load_bytes (bytes, "then.json",
                                                                   &problems, &error);
      g_autoptr(AtlasDataset) again = NULL;
      g_autoptr(GBytes) bytes_again = NULL;

      g_test_message ("as of %s", dates[i]);
      g_assert_no_error (error);
      g_assert_nonnull (reloaded);
      again = atlas_timeline_dup_as_of (reloaded, dates[i]);
      bytes_again = atlas_dataset_to_bytes (again);
      g_assert_true (g_bytes_equal (bytes, bytes_again));
    }
}

/* The format's dated parts beside the history: the subject's members (the
 * UK left on 2020-01-31), a lens that opens on a date, dialogue rounds. */
static void
test_as_of_format_dates (void)
{
  g_autofree char *t1 = replace_first (base_text, "\"members\": [\"DE\"]}",
                                       "\"members\": [\"DE\"], \"member_changes\": [{\"date\": "
                                       "\"2020-01-31\", \"id\": \"GB\", \"change\": \"left\", "
                                       "\"source\": \"https://example.org/uk\"}]}");
  g_autofree char *t2 = replace_first (t1, "\"id\": \"wcit\",", "\"id\": \"wcit\", \"opens\": \"2016-01-01\",");
  g_autofree char *t3 = replace_first (t2, "\"established\": 2016, \"status\": \"active\"",
                                       "\"established\": 2016, \"status\": \"active\", \"rounds\": ["
                                       "{\"date\": \"2016-05\", \"place\": null, \"number\": 1, "
                                       "\"url\": null, \"note\": null}, "
                                       "{\"date\": \"2019\", \"place\": null, \"number\": 2, "
                                       "\"url\": null, \"note\": null}]");
  g_autoptr(AtlasDataset) dataset = load (t3, NULL);
  g_autoptr(AtlasDataset) y2015 = atlas_timeline_dup_as_of (dataset, "2015-12-31");
  g_autoptr(AtlasDataset) y2017 = atlas_timeline_dup_as_of (dataset, "2017-01-01");
  g_autoptr(AtlasDataset) y2020 = atlas_timeline_dup_as_of (dataset, "2020-01-31");
  g_autoptr(AtlasDialogue) dialogue = NULL;
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (y2015);
  g_autoptr(AtlasDataset) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (atlas_dataset_is_member (y2015, "GB"));
  g_assert_true (atlas_dataset_is_member (y2017, "GB"));
  g_assert_false (atlas_dataset_is_member (y2020, "GB"));
  {
    g_auto(GStrv) dates = atlas_timeline_dup_dates (dataset);

    g_assert_true (g_strv_contains ((const char * const *) dates, "2020-01-31"));
    g_assert_true (g_strv_contains ((const char * const *) dates, "2016-01-01"));
  }
  g_assert_true (atlas_dataset_is_member (y2020, "DE"));

  /* Not open yet: no category, whatever the history says */
  g_assert_null (atlas_partner_get_indicator (atlas_dataset_find_partner (y2015, "CN"), "wcit"));
  g_assert_cmpstr (atlas_partner_get_indicator (atlas_dataset_find_partner (y2017, "CN"), "wcit"),
                   ==, "signed");

  dialogue = g_list_model_get_item (atlas_partner_get_dialogues (atlas_dataset_find_partner (y2017, "BR")), 0);
  g_assert_cmpuint (atlas_dialogue_get_rounds (dialogue)->len, ==, 1);

  /* and the state as of 2015 is still a valid dataset */
  reloaded = atlas_dataset_load_bytes (bytes, "then.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reloaded);
}

static void
test_changes (void)
{
  g_autoptr(AtlasDataset) dataset = load_base ();
  g_autoptr(GPtrArray) all = atlas_timeline_changes (dataset, "1990-01-01", NULL);
  g_autoptr(GPtrArray) bounded = atlas_timeline_changes (dataset, "2015-03-01", "2018-07-08");
  g_autoptr(GPtrArray) back = atlas_timeline_changes (dataset, "2018-07-08", "2015-03-01");
  AtlasChange *change;

  /* BR x3, CN x2, AU, RU */
  g_assert_cmpuint (all->len, ==, 7);
  change = g_ptr_array_index (all, 0);
  g_assert_cmpstr (change->date, ==, "2015-03-01");
  g_assert_cmpstr (atlas_partner_get_id (change->partner), ==, "BR");
  g_assert_cmpstr (change->field, ==, "indicators.budapest");
  g_assert_cmpstr (change->old_name, ==, "Non-party");
  g_assert_cmpstr (change->new_name, ==, "Signatory");
  g_assert_cmpint (change->direction, ==, ATLAS_CHANGE_UP);
  g_assert_cmpstr (atlas_history_entry_get_source (change->entry), ==, "https://example.org/a");

  /* (from, to]: the 2015-03-01 entry is out, the 2018-07-08 one in */
  g_assert_cmpuint (bounded->len, ==, 5);
  g_assert_cmpstr (((AtlasChange *) g_ptr_array_index (bounded, 0))->date, ==, "2016-01-01");
  change = g_ptr_array_index (bounded, 4);
  g_assert_cmpstr (change->date, ==, "2018-07-08");
  g_assert_cmpint (change->direction, ==, ATLAS_CHANGE_UP);
  /* unordered lens: changed; same-day entries in file order */
  change = g_ptr_array_index (bounded, 1);
  g_assert_cmpstr (atlas_partner_get_id (change->partner), ==, "CN");
  g_assert_cmpstr (change->new_value, ==, "refused");
  g_assert_cmpint (change->direction, ==, ATLAS_CHANGE_CHANGED);
  g_assert_cmpstr (((AtlasChange *) g_ptr_array_index (bounded, 2))->new_value, ==, "signed");

  /* Going back: the same changes, newest first, undone */
  g_assert_cmpuint (back->len, ==, bounded->len);
  change = g_ptr_array_index (back, 0);
  g_assert_cmpstr (change->date, ==, "2018-07-08");
  g_assert_cmpstr (change->old_value, ==, "party");
  g_assert_cmpstr (change->new_value, ==, "signatory");
  g_assert_cmpint (change->direction, ==, ATLAS_CHANGE_DOWN);
  g_assert_cmpstr (atlas_change_direction_to_string (change->direction), ==, "down");
}

static void
test_dates_and_steps (void)
{
  g_autoptr(AtlasDataset) dataset = load_base ();
  g_auto(GStrv) dates = atlas_timeline_dup_dates (dataset);
  const char *expected[] = { "2015-03-01", "2016-01-01", "2016-06-06", "2017-05-05",
                             "2018-07-08", "2019-02-02", NULL };
  g_autofree char *next = atlas_timeline_step (dataset, "2015-03-01", TRUE);
  g_autofree char *prev = atlas_timeline_step (dataset, "2015-03-01", FALSE);
  g_autofree char *last = atlas_timeline_step (dataset, "2019-02-02", TRUE);
  g_autofree char *before_last = atlas_timeline_step (dataset, "2020-12-31", FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstrv (dates, expected);
  g_assert_cmpstr (next, ==, "2016-01-01");
  g_assert_null (prev);
  g_assert_null (last);
  g_assert_cmpstr (before_last, ==, "2019-02-02");

  g_assert_true (atlas_timeline_check_date (dataset, "2015-07-08", NULL));
  g_assert_false (atlas_timeline_check_date (dataset, "2015-02-30", &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (atlas_timeline_check_date (dataset, "15-07-08", &error));
  g_clear_error (&error);
  g_assert_false (atlas_timeline_check_date (dataset, "2021-01-01", &error));
  g_assert_nonnull (strstr (error->message, "2020-12-31"));
}

/* The editor: a change dated in the past goes in date order, moves nothing
 * it should not, and one that would break the chain is refused. */
static void
test_editor_keeps_chain (void)
{
  g_autoptr(AtlasDataset) dataset = load_base ();
  g_autoptr(AtlasUndoStack) stack = atlas_undo_stack_new (dataset);
  AtlasPartner *brazil = atlas_dataset_find_partner (dataset, "BR");
  AtlasPartner *china = atlas_dataset_find_partner (dataset, "CN");
  GListModel *history = atlas_partner_get_history (china);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(AtlasHistoryEntry) inserted = NULL;
  g_autoptr(GError) error = NULL;

  /* Brazil's Budapest status last changed on 2018-07-08: 2017 is refused */
  atlas_undo_stack_set_change_date (stack, "2017-01-01");
  g_assert_false (atlas_undo_stack_check_change (stack, brazil, "indicators.budapest", &error));
  g_assert_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_CHAIN);
  g_assert_nonnull (strstr (error->message, "2018-07-08"));
  g_clear_error (&error);
  atlas_undo_stack_set_indicator (stack, brazil, "budapest", "signatory");
  g_assert_cmpstr (atlas_partner_get_indicator (brazil, "budapest"), ==, "party");
  g_assert_false (atlas_undo_stack_get_can_undo (stack));

  /* China's WCIT vote changed on 2016-06-06: a change on 2016-07-08, entered
   * after a 2019 change of another field, goes between them in date order */
  atlas_undo_stack_set_change_date (stack, "2019-03-03");
  atlas_undo_stack_set_assessment (stack, china, "Written in 2019.");
  atlas_undo_stack_set_change_date (stack, "2016-07-08");
  g_assert_true (atlas_undo_stack_check_change (stack, china, "indicators.wcit", NULL));
  atlas_undo_stack_set_indicator (stack, china, "wcit", "refused");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 4);
  inserted = g_list_model_get_item (history, 2);
  g_assert_cmpstr (atlas_history_entry_get_date (inserted), ==, "2016-07-08");
  g_assert_cmpstr (atlas_history_entry_get_old_value (inserted), ==, "signed");
  problems = atlas_timeline_check_dataset (dataset, "t.json");
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstr (atlas_timeline_value_at (china, "indicators.wcit", "2016-07-07"), ==, "signed");
  g_assert_cmpstr (atlas_timeline_value_at (china, "indicators.wcit", "2016-07-08"), ==, "refused");
  g_assert_cmpstr (atlas_partner_get_updated (china), ==, "2019-03-03");

  /* A change after the dataset's as_of moves it, in the same undo step */
  atlas_undo_stack_set_change_date (stack, "2022-02-02");
  atlas_undo_stack_set_indicator (stack, brazil, "budapest", "signatory");
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, "2022-02-02");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = atlas_timeline_check_dataset (dataset, "t.json");
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, "2020-12-31");
  g_assert_cmpstr (atlas_partner_get_indicator (brazil, "budapest"), ==, "party");
  g_assert_true (atlas_undo_stack_redo (stack));
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, "2022-02-02");

  /* A partner added today is not there as of yesterday */
  {
    g_autoptr(AtlasPartner) japan = atlas_partner_new ("JP", "Japan");
    g_autoptr(AtlasDataset) before = NULL;
    g_autoptr(AtlasDataset) after = NULL;

    atlas_partner_set_updated (japan, "2022-03-03");
    atlas_undo_stack_set_change_date (stack, "2022-03-03");
    atlas_undo_stack_add_partner (stack, japan, G_MAXUINT);
    g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, "2022-03-03");
    before = atlas_timeline_dup_as_of (dataset, "2022-03-02");
    after = atlas_timeline_dup_as_of (dataset, "2022-03-03");
    g_assert_null (atlas_dataset_find_partner (before, "JP"));
    g_assert_nonnull (atlas_dataset_find_partner (after, "JP"));
    g_clear_pointer (&problems, g_ptr_array_unref);
    problems = atlas_timeline_check_dataset (dataset, "t.json");
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static char *
listed_ids (GListModel *partners)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);

      g_string_append_printf (ids, "%s%s", i ? "," : "", atlas_partner_get_id (partner));
    }

  return g_string_free (ids, FALSE);
}

/* A partner removed in its history (Russia, 2019) is in the file but not
 * listed at the latest state: not among the partners the map, the list and
 * exports read, but saved, and listed as of a date before its removal. */
static void
test_removed_listing (void)
{
  g_autoptr(AtlasDataset) dataset = load_base ();
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (dataset);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *listed = listed_ids (atlas_dataset_get_partners (dataset));
  g_autofree char *all = listed_ids (atlas_dataset_get_all_partners (dataset));
  g_autoptr(AtlasDataset) before = atlas_timeline_dup_as_of (dataset, "2019-02-01");
  g_autoptr(AtlasDataset) after = atlas_timeline_dup_as_of (dataset, "2019-02-02");
  g_autofree char *before_ids = listed_ids (atlas_dataset_get_partners (before));
  g_autofree char *after_ids = listed_ids (atlas_dataset_get_partners (after));
  g_autofree char *after_all = listed_ids (atlas_dataset_get_all_partners (after));
  g_autoptr(GPtrArray) changes = NULL;

  g_assert_cmpstr (listed, ==, "BR,CN,AU");
  g_assert_cmpstr (all, ==, "BR,CN,AU,RU");
  g_assert_cmpuint (atlas_dataset_get_n_partners (dataset), ==, 3);
  g_assert_null (atlas_dataset_find_partner (dataset, "RU"));
  g_assert_nonnull (atlas_dataset_find_any_partner (dataset, "RU"));
  g_assert_false (atlas_partner_is_listed (atlas_dataset_find_any_partner (dataset, "RU")));
  g_assert_true (atlas_partner_is_listed (atlas_dataset_find_partner (dataset, "AU")));
  /* Saved with its history, the file as it was read. */
  g_assert_nonnull (strstr (text, "\"id\": \"RU\""));
  /* As of the day before, listed; as of the removal, in the file only. */
  g_assert_cmpstr (before_ids, ==, "BR,CN,AU,RU");
  g_assert_cmpstr (after_ids, ==, "BR,CN,AU");
  g_assert_cmpstr (after_all, ==, "BR,CN,AU,RU");
  /* A JSON export as of a date keeps the removed partner and its history. */
  {
    g_autoptr(AtlasDataset) copy = atlas_export_copy_dataset (after, NULL);
    g_autoptr(GBytes) copy_bytes = atlas_dataset_to_bytes (copy);

    g_assert_nonnull (g_strstr_len (g_bytes_get_data (copy_bytes, NULL), g_bytes_get_size (copy_bytes),
                                    "\"source\": \"removed\""));
  }
  /* Its removal is a change. */
  changes = atlas_timeline_changes (dataset, "2019-01-01", NULL);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((AtlasChange *) g_ptr_array_index (changes, 0))->field, ==, "partner");
  g_assert_null (((AtlasChange *) g_ptr_array_index (changes, 0))->new_value);
  /* The dates of the slider include it. */
  {
    g_auto(GStrv) dates = atlas_timeline_dup_dates (dataset);

    g_assert_true (g_strv_contains ((const char * const *) dates, "2019-02-02"));
  }
}

/* The editor's removal: a dated, sourced history entry, one undo step; the
 * partner leaves the listed ones at once and comes back at its place on
 * undo; a date before a later listing change is refused; a removed partner
 * can come back. */
static void
test_editor_removal (void)
{
  g_autoptr(AtlasDataset) dataset = load_base ();
  g_autoptr(AtlasUndoStack) stack = atlas_undo_stack_new (dataset);
  AtlasPartner *brazil = atlas_dataset_find_partner (dataset, "BR");
  AtlasPartner *australia = atlas_dataset_find_partner (dataset, "AU");
  AtlasPartner *russia = atlas_dataset_find_any_partner (dataset, "RU");
  GListModel *history = atlas_partner_get_history (brazil);
  g_autoptr(AtlasHistoryEntry) entry = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  guint n_history = g_list_model_get_n_items (history);

  g_object_ref (brazil);
  g_assert_true (atlas_undo_stack_set_listed (stack, brazil, FALSE, "2020-06-01",
                                              "https://example.org/gone", &error));
  g_assert_no_error (error);
  ids = listed_ids (atlas_dataset_get_partners (dataset));
  g_assert_cmpstr (ids, ==, "CN,AU");
  g_clear_pointer (&ids, g_free);
  ids = listed_ids (atlas_dataset_get_all_partners (dataset));
  g_assert_cmpstr (ids, ==, "BR,CN,AU,RU");
  g_clear_pointer (&ids, g_free);
  g_assert_null (atlas_dataset_find_partner (dataset, "BR"));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, n_history + 1);
  entry = g_list_model_get_item (history, n_history);
  g_assert_cmpstr (atlas_history_entry_get_date (entry), ==, "2020-06-01");
  g_assert_cmpstr (atlas_history_entry_get_field (entry), ==, "partner");
  g_assert_cmpstr (atlas_history_entry_get_old_value (entry), ==, "listed");
  g_assert_null (atlas_history_entry_get_new_value (entry));
  g_assert_cmpstr (atlas_history_entry_get_source (entry), ==, "https://example.org/gone");
  g_assert_nonnull (strstr (atlas_undo_stack_get_undo_label (stack), "Removal of Brazil"));
  problems = atlas_timeline_check_dataset (dataset, "t.json");
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (atlas_undo_stack_get_modified (stack));

  /* Still there the day before, with its values. */
  {
    g_autoptr(AtlasDataset) then = atlas_timeline_dup_as_of (dataset, "2020-05-31");
    g_autoptr(AtlasDataset) now = atlas_timeline_dup_as_of (dataset, "2020-06-01");
    AtlasPartner *old_brazil = atlas_dataset_find_partner (then, "BR");

    g_assert_nonnull (old_brazil);
    g_assert_cmpstr (atlas_partner_get_indicator (old_brazil, "budapest"), ==, "party");
    g_assert_null (atlas_dataset_find_partner (now, "BR"));
  }
  /* Saved and read again: still removed. */
  {
    g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (dataset);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_autoptr(AtlasDataset) reloaded = load (text, NULL);

    g_assert_null (atlas_dataset_find_partner (reloaded, "BR"));
    g_assert_nonnull (atlas_dataset_find_any_partner (reloaded, "BR"));
  }

  /* Undone: back at its place, the same object. */
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_true (atlas_dataset_find_partner (dataset, "BR") == brazil);
  ids = listed_ids (atlas_dataset_get_partners (dataset));
  g_assert_cmpstr (ids, ==, "BR,CN,AU");
  g_clear_pointer (&ids, g_free);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, n_history);
  g_assert_false (atlas_undo_stack_get_modified (stack));
  g_assert_true (atlas_undo_stack_redo (stack));
  g_assert_null (atlas_dataset_find_partner (dataset, "BR"));
  g_assert_true (atlas_undo_stack_undo (stack));
  g_object_unref (brazil);

  /* Australia was added on 2017-05-05: it cannot be removed before. */
  g_assert_false (atlas_undo_stack_check_listed (stack, australia, "2016-01-01", &error));
  g_assert_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_CHAIN);
  g_assert_nonnull (strstr (error->message, "2017-05-05"));
  g_clear_error (&error);
  g_assert_false (atlas_undo_stack_set_listed (stack, australia, FALSE, "2016-01-01", "x", &error));
  g_assert_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_CHAIN);
  g_clear_error (&error);
  g_assert_nonnull (atlas_dataset_find_partner (dataset, "AU"));
  g_assert_true (atlas_undo_stack_check_listed (stack, australia, "2017-05-05", NULL));

  /* Russia, removed in 2019, comes back in 2021 (after the dataset's date,
   * which follows), at its place in the file: after Australia. */
  g_assert_true (atlas_undo_stack_set_listed (stack, russia, TRUE, "2021-01-15", "back", &error));
  g_assert_no_error (error);
  ids = listed_ids (atlas_dataset_get_partners (dataset));
  g_assert_cmpstr (ids, ==, "BR,CN,AU,RU");
  g_clear_pointer (&ids, g_free);
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, "2021-01-15");
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = atlas_timeline_check_dataset (dataset, "t.json");
  g_assert_cmpuint (problems->len, ==, 0);
  {
    g_autoptr(AtlasDataset) gone = atlas_timeline_dup_as_of (dataset, "2020-01-01");

    g_assert_null (atlas_dataset_find_partner (gone, "RU"));
  }
  g_assert_true (atlas_undo_stack_undo (stack));
  g_assert_null (atlas_dataset_find_partner (dataset, "RU"));
  g_assert_cmpstr (atlas_dataset_get_as_of (dataset), ==, "2020-12-31");
}

/* A merged state (Review Changes) in which a partner was removed, and one
 * in which a removed partner is gone from the file: the first keeps it in
 * the file, not listed; both are undone as one step. */
static void
test_replace_with_removal (void)
{
  g_autoptr(AtlasDataset) dataset = load_base ();
  g_autoptr(AtlasDataset) theirs = load_base ();
  g_autoptr(AtlasUndoStack) stack = atlas_undo_stack_new (dataset);
  g_autoptr(AtlasUndoStack) their_stack = atlas_undo_stack_new (theirs);
  AtlasPartner *brazil = atlas_dataset_find_partner (dataset, "BR");
  AtlasPartner *russia = atlas_dataset_find_any_partner (dataset, "RU");
  g_autofree char *ids = NULL;

  g_assert_true (atlas_undo_stack_set_listed (their_stack, atlas_dataset_find_partner (theirs, "BR"),
                                              FALSE, "2020-06-01", "theirs", NULL));
  atlas_undo_stack_remove_partner (their_stack, atlas_dataset_find_any_partner (theirs, "RU"));

  g_assert_true (atlas_undo_stack_replace_dataset (stack, theirs, "Merged Changes"));
  ids = listed_ids (atlas_dataset_get_partners (dataset));
  g_assert_cmpstr (ids, ==, "CN,AU");
  g_clear_pointer (&ids, g_free);
  ids = listed_ids (atlas_dataset_get_all_partners (dataset));
  g_assert_cmpstr (ids, ==, "BR,CN,AU");
  g_clear_pointer (&ids, g_free);
  g_assert_true (atlas_dataset_find_any_partner (dataset, "BR") == brazil);

  g_assert_true (atlas_undo_stack_undo (stack));
  ids = listed_ids (atlas_dataset_get_partners (dataset));
  g_assert_cmpstr (ids, ==, "BR,CN,AU");
  g_clear_pointer (&ids, g_free);
  ids = listed_ids (atlas_dataset_get_all_partners (dataset));
  g_assert_cmpstr (ids, ==, "BR,CN,AU,RU");
  g_assert_true (atlas_dataset_find_any_partner (dataset, "RU") == russia);
  g_assert_true (atlas_dataset_find_partner (dataset, "BR") == brazil);
}

/* The index gives what the plain functions give, at every date around
 * every change, and the same changes. */
static void
test_index (void)
{
  g_autoptr(AtlasDataset) dataset = load_base ();
  g_autoptr(AtlasTimelineIndex) index = atlas_timeline_index_new (dataset);
  g_auto(GStrv) dates = atlas_timeline_dup_dates (dataset);
  GListModel *partners = atlas_dataset_get_all_partners (dataset);
  GListModel *lenses = atlas_dataset_get_lenses (dataset);
  guint n_partners = atlas_timeline_index_get_n_partners (index);
  guint n_lenses = atlas_timeline_index_get_n_lenses (index);
  g_autofree const char **values = g_new0 (const char *, n_partners * n_lenses);
  g_autofree gboolean *listed = g_new0 (gboolean, n_partners);

  g_assert_cmpuint (n_partners, ==, 4);
  g_assert_cmpuint (n_lenses, ==, 2);
  for (guint d = 0; dates[d] != NULL; d++)
    for (int shift = -1; shift <= 1; shift++)
      {
        GDate day;
        char date[11];
        g_autoptr(GPtrArray) plain = NULL;
        g_autoptr(GPtrArray) indexed = NULL;

        g_date_clear (&day, 1);
        g_date_set_parse (&day, dates[d]);
        if (shift < 0)
          g_date_subtract_days (&day, 1);
        else if (shift > 0)
          g_date_add_days (&day, 1);
        g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);

        atlas_timeline_index_indicators_at (index, date, values, listed);
        for (guint p = 0; p < n_partners; p++)
          {
            g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, p);

            g_assert_true (listed[p] == atlas_timeline_is_listed_at (partner, date));
            for (guint l = 0; l < n_lenses; l++)
              {
                g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, l);
                g_autofree char *field = g_strconcat ("indicators.", atlas_lens_get_id (lens), NULL);

                g_assert_cmpstr (values[p * n_lenses + l], ==,
                                 atlas_timeline_value_at (partner, field, date));
              }
          }

        plain = atlas_timeline_changes (dataset, "1990-01-01", date);
        indexed = atlas_timeline_index_changes (index, "1990-01-01", date);
        g_assert_cmpuint (plain->len, ==, indexed->len);
        for (guint i = 0; i < plain->len; i++)
          g_assert_true (((AtlasChange *) g_ptr_array_index (plain, i))->entry ==
                         ((AtlasChange *) g_ptr_array_index (indexed, i))->entry);
        g_clear_pointer (&plain, g_ptr_array_unref);
        g_clear_pointer (&indexed, g_ptr_array_unref);
        plain = atlas_timeline_changes (dataset, date, "2015-03-01");
        indexed = atlas_timeline_index_changes (index, date, "2015-03-01");
        g_assert_cmpuint (plain->len, ==, indexed->len);
        for (guint i = 0; i < plain->len; i++)
          {
            AtlasChange *a = g_ptr_array_index (plain, i), *b = g_ptr_array_index (indexed, i);

            g_assert_true (a->entry == b->entry);
            g_assert_cmpstr (a->old_value, ==, b->old_value);
            g_assert_cmpint (a->direction, ==, b->direction);
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline/chain/valid", test_chain_valid);
  g_test_add_func ("/timeline/chain/broken", test_chain_broken);
  g_test_add_func ("/timeline/chain/broken-each-way", test_chain_broken_each_way);
  g_test_add_func ("/timeline/as-of/values", test_as_of_values);
  g_test_add_func ("/timeline/as-of/lists", test_as_of_lists);
  g_test_add_func ("/timeline/as-of/partners", test_as_of_partners);
  g_test_add_func ("/timeline/as-of/valid", test_as_of_is_valid);
  g_test_add_func ("/timeline/as-of/format-dates", test_as_of_format_dates);
  g_test_add_func ("/timeline/changes", test_changes);
  g_test_add_func ("/timeline/dates", test_dates_and_steps);
  g_test_add_func ("/timeline/editor", test_editor_keeps_chain);
  g_test_add_func ("/timeline/index", test_index);
  g_test_add_func ("/timeline/removed/listing", test_removed_listing);
  g_test_add_func ("/timeline/removed/editor", test_editor_removal);
  g_test_add_func ("/timeline/removed/replace", test_replace_with_removal);

  return g_test_run ();
}
