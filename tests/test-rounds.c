/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The format additions of 2026: dialogue rounds and overdue dialogues, a
 * lens's opening date, and the subject's membership by date. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "atlas-core.h"
#include "atlas-partner-filter.h"

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static char *
read_text (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

static AtlasDataset *
load_text (const char  *text,
           GPtrArray  **problems)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset;

  dataset = atlas_dataset_load_bytes (bytes, "test.json", problems, &error);
  if (problems == NULL)
    g_assert_no_error (error);

  return dataset;
}

/* The problems of a text, one string each. */
static char *
problems_of (const char *text)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(AtlasDataset) dataset = load_text (text, &problems);
  GString *out = g_string_new (NULL);

  g_assert_null (dataset);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = atlas_problem_to_string (g_ptr_array_index (problems, i));

      g_string_append_printf (out, "%s\n", line);
    }

  return g_string_free (out, FALSE);
}

/* A copy of @text with the first @from replaced by @to. */
static char *
edit (const char *text,
      const char *from,
      const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);

  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static AtlasDialogue *
first_dialogue (AtlasDataset *dataset,
                const char   *partner_id)
{
  GListModel *dialogues = atlas_partner_get_dialogues (atlas_dataset_find_partner (dataset,
                                                                                  partner_id));
  AtlasDialogue *dialogue = g_list_model_get_item (dialogues, 0);

  g_object_unref (dialogue);

  return dialogue;
}

static void
test_rounds_load_save (void)
{
  g_autofree char *text = read_text ("rounds.json");
  g_autoptr(AtlasDataset) dataset = load_text (text, NULL);
  g_autoptr(GBytes) written = NULL;
  AtlasDialogue *summit;
  GPtrArray *rounds;
  AtlasRound *round;

  g_assert_nonnull (dataset);
  summit = first_dialogue (dataset, "US");
  rounds = atlas_dialogue_get_rounds (summit);
  g_assert_cmpuint (rounds->len, ==, 3);

  round = g_ptr_array_index (rounds, 0);
  g_assert_cmpstr (round->date, ==, "2017");
  g_assert_null (round->place);
  g_assert_cmpint (round->number, ==, 0);
  g_assert_null (round->url);
  g_assert_cmpstr (round->note, ==, "Year only");

  round = g_ptr_array_index (rounds, 2);
  g_assert_cmpstr (round->date, ==, "2023-12-06");
  g_assert_cmpstr (round->place, ==, "Brussels");
  g_assert_cmpint (round->number, ==, 9);
  g_assert_cmpstr (round->url, ==, "https://example.org/9th");

  /* Canonical text out is the text in. */
  written = atlas_dataset_to_bytes (dataset);
  g_assert_cmpstr (g_bytes_get_data (written, NULL), ==, text);

  /* A dialogue with no round is written without the key. */
  {
    g_autofree char *minimal = read_text ("minimal.json");
    g_autoptr(AtlasDataset) old = load_text (minimal, NULL);
    g_autoptr(GBytes) again = atlas_dataset_to_bytes (old);

    g_assert_cmpuint (atlas_dialogue_get_rounds (first_dialogue (old, "US"))->len, ==, 0);
    g_assert_null (strstr (g_bytes_get_data (again, NULL), "\"rounds\""));
    g_assert_null (strstr (g_bytes_get_data (again, NULL), "\"opens\""));
    g_assert_null (strstr (g_bytes_get_data (again, NULL), "\"member_changes\""));
    g_assert_cmpstr (g_bytes_get_data (again, NULL), ==, minimal);
  }
}

static void
test_rounds_optional_keys (void)
{
  g_autofree char *text = read_text ("rounds.json");
  /* Only the date is required in a round. */
  g_autofree char *bare = edit (text,
                                "\"date\": \"2017\",\n"
                                "              \"place\": null,\n"
                                "              \"number\": null,\n"
                                "              \"url\": null,\n"
                                "              \"note\": \"Year only\"",
                                "\"date\": \"2017\"");
  g_autoptr(AtlasDataset) dataset = load_text (bare, NULL);
  AtlasRound *round;

  g_assert_nonnull (dataset);
  round = g_ptr_array_index (atlas_dialogue_get_rounds (first_dialogue (dataset, "US")), 0);
  g_assert_cmpstr (round->date, ==, "2017");
  g_assert_null (round->note);
}

static void
test_rounds_problems (void)
{
  g_autofree char *text = read_text ("rounds.json");
  struct { const char *from, *to, *expected; } cases[] = {
    { "\"date\": \"2017\"", "\"date\": \"2017-13\"",
      "test.json:119:23: partners[0].dialogues[0].rounds[0].date: \"2017-13\" is not a date "
      "(YYYY-MM-DD, YYYY-MM or YYYY)" },
    { "\"date\": \"2017\"", "\"date\": \"2024\"",
      "partners[0].dialogues[0].rounds[1].date: rounds run oldest first: 2019-05 comes after 2024" },
    { "\"number\": 6", "\"number\": 0",
      "partners[0].dialogues[0].rounds[1].number: must be the number of the round (1, 2, 3...) or null" },
    { "\"url\": \"https://example.org/6th\"", "\"url\": \"javascript:alert(1)\"",
      "partners[0].dialogues[0].rounds[1].url: \"javascript:alert(1)\" is not an http or https link" },
    { "\"rounds\": [", "\"rounds\": {\"a\": 1}, \"x\": [",
      "partners[0].dialogues[0].rounds: must be an array, not an object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *broken = edit (text, cases[i].from, cases[i].to);
      g_autofree char *problems = problems_of (broken);

      g_test_message ("case %u: %s", i, problems);
      g_assert_nonnull (strstr (problems, cases[i].expected));
    }
}

static void
test_round_dates (void)
{
  g_autofree char *last = NULL;

  g_assert_true (atlas_round_date_is_valid ("2020"));
  g_assert_true (atlas_round_date_is_valid ("2020-02"));
  g_assert_true (atlas_round_date_is_valid ("2020-02-29"));
  g_assert_false (atlas_round_date_is_valid ("2019-02-29"));
  g_assert_false (atlas_round_date_is_valid ("2020-2"));
  g_assert_false (atlas_round_date_is_valid ("20"));
  g_assert_false (atlas_round_date_is_valid (NULL));

  g_assert_cmpint (atlas_round_date_compare ("2020", "2020-01-20"), ==, 0);
  g_assert_cmpint (atlas_round_date_compare ("2019-12", "2020"), <, 0);
  g_assert_cmpint (atlas_round_date_compare ("2020-02-01", "2020-01"), >, 0);

  last = atlas_round_date_last_day ("2020-02");
  g_assert_cmpstr (last, ==, "2020-02-29");
  g_free (last);
  last = atlas_round_date_last_day ("2021");
  g_assert_cmpstr (last, ==, "2021-12-31");

  {
    g_autofree char *day = atlas_round_date_format ("2025-05-20");
    g_autofree char *month = atlas_round_date_format ("2020-01");
    g_autofree char *year = atlas_round_date_format ("2020");

    g_assert_cmpstr (day, ==, "20 May 2025");
    g_assert_cmpstr (month, ==, "January 2020");
    g_assert_cmpstr (year, ==, "2020");
  }
}

static void
test_frequency (void)
{
  g_assert_cmpint (atlas_frequency_months ("annual"), ==, 12);
  g_assert_cmpint (atlas_frequency_months ("Annual "), ==, 12);
  g_assert_cmpint (atlas_frequency_months ("twice a year"), ==, 6);
  g_assert_cmpint (atlas_frequency_months ("several times per year"), ==, 4);
  g_assert_cmpint (atlas_frequency_months ("every two years"), ==, 24);
  g_assert_cmpint (atlas_frequency_months ("ad hoc"), ==, 0);
  g_assert_cmpint (atlas_frequency_months (NULL), ==, 0);
}

static void
test_overdue (void)
{
  g_autoptr(AtlasDialogue) dialogue = atlas_dialogue_new ("Cyber dialogue");
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_round_free);

  atlas_dialogue_set_frequency (dialogue, "annual");
  atlas_dialogue_set_status (dialogue, "active");

  /* No round, no establishment year: overdue. */
  g_assert_true (atlas_dialogue_is_overdue (dialogue, "2014-06-30"));
  g_assert_null (atlas_dialogue_get_last_round (dialogue, NULL));

  /* No round, established 2014: two years run from the end of 2014. */
  atlas_dialogue_set_established (dialogue, 2014);
  g_assert_false (atlas_dialogue_is_overdue (dialogue, "2016-12-31"));
  g_assert_true (atlas_dialogue_is_overdue (dialogue, "2017-01-01"));

  g_ptr_array_add (rounds, atlas_round_new ("2019-05-24", "Washington", 6, NULL, NULL));
  g_ptr_array_add (rounds, atlas_round_new ("2022-12", "Washington", 0, NULL, NULL));
  atlas_dialogue_set_rounds (dialogue, rounds);
  g_assert_cmpuint (atlas_dialogue_get_rounds (dialogue)->len, ==, 2);

  /* Last round December 2022 (counted from its last day): overdue after 2024-12-31. */
  g_assert_false (atlas_dialogue_is_overdue (dialogue, "2024-12-31"));
  g_assert_true (atlas_dialogue_is_overdue (dialogue, "2025-01-01"));
  g_assert_cmpstr (atlas_dialogue_get_last_round (dialogue, NULL)->date, ==, "2022-12");
  /* As of 2021, the last round was the one of 2019. */
  g_assert_cmpstr (atlas_dialogue_get_last_round (dialogue, "2021-06-01")->date, ==, "2019-05-24");
  g_assert_true (atlas_dialogue_is_overdue (dialogue, "2021-06-01"));
  g_assert_false (atlas_dialogue_is_overdue (dialogue, "2021-05-24"));

  /* Twice a year: a year without a round is enough. */
  atlas_dialogue_set_frequency (dialogue, "twice a year");
  g_assert_true (atlas_dialogue_is_overdue (dialogue, "2024-01-01"));

  /* Only active dialogues with a frequency the app can read. */
  atlas_dialogue_set_status (dialogue, "dormant");
  g_assert_false (atlas_dialogue_is_overdue (dialogue, "2030-01-01"));
  atlas_dialogue_set_status (dialogue, "active");
  atlas_dialogue_set_frequency (dialogue, NULL);
  g_assert_false (atlas_dialogue_is_overdue (dialogue, "2030-01-01"));
}

static void
test_rounds_copy_equal_notify (void)
{
  g_autoptr(AtlasDialogue) dialogue = atlas_dialogue_new ("Cyber dialogue");
  g_autoptr(AtlasDialogue) copy = NULL;
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_round_free);
  g_autoptr(GPtrArray) value = NULL;
  guint notified = 0;

  g_signal_connect_swapped (dialogue, "notify::rounds", G_CALLBACK (g_nullify_pointer), NULL);
  g_ptr_array_add (rounds, atlas_round_new ("2025-05-20", "Seoul", 7, NULL, NULL));

  copy = atlas_dialogue_copy (dialogue);
  g_assert_true (atlas_dialogue_equal (dialogue, copy));

  g_signal_handlers_disconnect_by_func (dialogue, g_nullify_pointer, NULL);
  g_signal_connect_swapped (dialogue, "notify::rounds", G_CALLBACK (g_atomic_int_inc), &notified);
  atlas_dialogue_set_rounds (dialogue, rounds);
  g_assert_cmpuint (notified, ==, 1);
  atlas_dialogue_set_rounds (dialogue, rounds);  /* the same: no notification */
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (atlas_dialogue_equal (dialogue, copy));

  /* The property carries the array; the setter copies it. */
  g_object_get (dialogue, "rounds", &value, NULL);
  g_assert_cmpuint (value->len, ==, 1);
  g_object_set (copy, "rounds", value, NULL);
  g_assert_true (atlas_dialogue_equal (dialogue, copy));
  g_assert_true (atlas_dialogue_get_rounds (copy) != atlas_dialogue_get_rounds (dialogue));

  g_clear_object (&copy);
  copy = atlas_dialogue_copy (dialogue);
  g_assert_true (atlas_dialogue_equal (dialogue, copy));
  g_assert_cmpstr (((AtlasRound *) g_ptr_array_index (atlas_dialogue_get_rounds (copy), 0))->place,
                   ==, "Seoul");
}

static void
test_lens_opens (void)
{
  g_autofree char *text = read_text ("rounds.json");
  g_autoptr(AtlasDataset) dataset = load_text (text, NULL);
  AtlasLens *lens = atlas_dataset_find_lens (dataset, "un_cybercrime");
  AtlasLens *always = atlas_dataset_find_lens (dataset, "wcit_2012");

  g_assert_cmpstr (atlas_lens_get_opens (lens), ==, "2025-10-25");
  g_assert_false (atlas_lens_is_open_at (lens, "2025-10-24"));
  g_assert_true (atlas_lens_is_open_at (lens, "2025-10-25"));
  g_assert_true (atlas_lens_is_open_at (lens, "2026-01-01"));
  g_assert_true (atlas_lens_is_open_at (lens, NULL));
  g_assert_null (atlas_lens_get_opens (always));
  g_assert_true (atlas_lens_is_open_at (always, "1990-01-01"));

  {
    /* A dataset dated before the lens opens cannot give a category in it. */
    g_autofree char *early = edit (text, "\"as_of\": \"2026-01-31\"", "\"as_of\": \"2025-06-30\"");
    g_autofree char *problems = problems_of (early);

    g_assert_nonnull (strstr (problems, "partners[0].indicators.un_cybercrime: lens un_cybercrime "
                                        "opens on 2025-10-25, after the dataset's date 2025-06-30"));
    g_assert_nonnull (strstr (problems, "partners[1].indicators.un_cybercrime: lens un_cybercrime "));
  }
  {
    g_autofree char *bad = edit (text, "\"opens\": \"2025-10-25\"", "\"opens\": \"25 Oct 2025\"");
    g_autofree char *problems = problems_of (bad);

    g_assert_nonnull (strstr (problems, "lenses[2].opens: \"25 Oct 2025\" is not a date (YYYY-MM-DD)"));
  }
  {
    /* null: always open. */
    g_autofree char *open = edit (text, "\"opens\": \"2025-10-25\"", "\"opens\": null");
    g_autoptr(AtlasDataset) reopened = load_text (open, NULL);

    g_assert_null (atlas_lens_get_opens (atlas_dataset_find_lens (reopened, "un_cybercrime")));
  }
}

static void
test_members_at (void)
{
  g_autofree char *text = read_text ("rounds.json");
  g_autoptr(AtlasDataset) dataset = load_text (text, NULL);
  GPtrArray *changes = atlas_dataset_get_member_changes (dataset);
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) on = NULL;
  g_auto(GStrv) now = NULL;

  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((AtlasMemberChange *) g_ptr_array_index (changes, 0))->id, ==, "GB");

  g_assert_true (atlas_dataset_is_member_at (dataset, "GB", "2014-06-30"));
  g_assert_true (atlas_dataset_is_member_at (dataset, "GB", "2020-01-30"));
  g_assert_false (atlas_dataset_is_member_at (dataset, "GB", "2020-01-31"));
  g_assert_false (atlas_dataset_is_member_at (dataset, "GB", NULL));
  g_assert_true (atlas_dataset_is_member_at (dataset, "DE", "2014-06-30"));
  g_assert_false (atlas_dataset_is_member_at (dataset, "US", "2014-06-30"));

  before = atlas_dataset_dup_members_at (dataset, "2019-12-31");
  on = atlas_dataset_dup_members_at (dataset, "2020-01-31");
  now = atlas_dataset_dup_members_at (dataset, NULL);
  g_assert_cmpstrv (before, ((const char * const[]) { "DE", "FR", "GB", NULL }));
  g_assert_cmpstrv (on, ((const char * const[]) { "DE", "FR", NULL }));
  g_assert_cmpstrv (now, ((const char * const[]) { "DE", "FR", NULL }));
}

static void
test_members_problems (void)
{
  g_autofree char *text = read_text ("rounds.json");
  struct { const char *from, *to, *expected; } cases[] = {
    /* The current list still has the country that left. */
    { "\"DE\",\n      \"FR\"", "\"DE\",\n      \"FR\",\n      \"GB\"",
      "subject.member_changes[0].change: GB left, but subject.members still lists it" },
    { "\"date\": \"2020-01-31\"", "\"date\": \"2027-01-31\"",
      "subject.member_changes[0].date: 2027-01-31 is after the dataset's date 2026-01-31" },
    { "\"change\": \"left\"", "\"change\": \"gone\"",
      "subject.member_changes[0].change: \"gone\" is not one of: joined, left" },
    { "\"id\": \"GB\"", "\"id\": \"XX\"",
      "subject.member_changes[0].id: \"XX\" is not an ISO 3166-1 alpha-2 country code" },
    { "\"change\": \"left\",\n        \"source\": \"https://example.org/withdrawal\"\n      }",
      "\"change\": \"left\",\n        \"source\": \"a\"\n      },\n      {\"date\": \"2021-01-01\", "
      "\"id\": \"GB\", \"change\": \"left\", \"source\": \"b\"}",
      "subject.member_changes[1].change: GB cannot have left twice in a row (2020-01-31, then 2021-01-01)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *broken = edit (text, cases[i].from, cases[i].to);
      g_autofree char *problems = problems_of (broken);

      g_test_message ("case %u: %s", i, problems);
      g_assert_nonnull (strstr (problems, cases[i].expected));
    }
}

static AtlasPartner *
partner_with_dialogue (const char *id,
                       const char *frequency,
                       const char *last_round)
{
  AtlasPartner *partner = atlas_partner_new (id, id);
  g_autoptr(AtlasDialogue) dialogue = atlas_dialogue_new ("Cyber dialogue");
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_round_free);

  atlas_dialogue_set_frequency (dialogue, frequency);
  atlas_dialogue_set_status (dialogue, "active");
  atlas_dialogue_set_level (dialogue, "working");
  if (last_round != NULL)
    g_ptr_array_add (rounds, atlas_round_new (last_round, NULL, 0, NULL, NULL));
  atlas_dialogue_set_rounds (dialogue, rounds);
  g_list_store_append (atlas_partner_get_dialogues_store (partner), dialogue);

  return partner;
}

static char *
shown_ids (GListModel *model)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (model, i);

      g_string_append_printf (ids, "%s%s", i ? "," : "", atlas_partner_get_id (partner));
    }

  return g_string_free (ids, FALSE);
}

static void
test_overdue_filter (void)
{
  g_autoptr(GListStore) partners = g_list_store_new (ATLAS_TYPE_PARTNER);
  g_autoptr(AtlasPartnerFilter) filter = NULL;
  g_autoptr(AtlasPartner) japan = partner_with_dialogue ("JP", "annual", "2025-05-20");
  g_autoptr(AtlasPartner) brazil = partner_with_dialogue ("BR", "annual", "2020");
  g_autoptr(AtlasPartner) mexico = partner_with_dialogue ("MX", NULL, NULL);
  GListModel *model;
  char *ids;

  g_list_store_append (partners, japan);
  g_list_store_append (partners, brazil);
  g_list_store_append (partners, mexico);
  filter = atlas_partner_filter_new (G_LIST_MODEL (partners));
  model = atlas_partner_filter_get_model (filter);

  g_assert_cmpuint (atlas_partner_count_overdue_dialogues (brazil, "2026-01-31"), ==, 1);
  g_assert_cmpuint (atlas_partner_count_overdue_dialogues (japan, "2026-01-31"), ==, 0);
  g_assert_cmpuint (atlas_partner_count_overdue_dialogues (mexico, "2026-01-31"), ==, 0);

  ids = shown_ids (model);
  g_assert_cmpstr (ids, ==, "BR,JP,MX");
  g_free (ids);

  /* Brazil's last round was in 2020: overdue in 2026, not in 2021. */
  atlas_partner_filter_set_overdue_date (filter, "2026-01-31");
  g_assert_cmpstr (atlas_partner_filter_get_overdue_date (filter), ==, "2026-01-31");
  ids = shown_ids (model);
  g_assert_cmpstr (ids, ==, "BR");
  g_free (ids);
  g_assert_false (atlas_partner_filter_matches (filter, japan));
  /* As of mid-2021 Brazil is in time, and Japan had no round yet at all. */
  atlas_partner_filter_set_overdue_date (filter, "2021-06-30");
  ids = shown_ids (model);
  g_assert_cmpstr (ids, ==, "JP");
  g_free (ids);

  /* A round edited away: the filter follows. */
  atlas_partner_filter_set_overdue_date (filter, "2026-01-31");
  {
    g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (atlas_partner_get_dialogues (japan), 0);

    atlas_dialogue_set_rounds (dialogue, NULL);
  }
  ids = shown_ids (model);
  g_assert_cmpstr (ids, ==, "BR,JP");
  g_free (ids);

  atlas_partner_filter_set_overdue_date (filter, NULL);
  ids = shown_ids (model);
  g_assert_cmpstr (ids, ==, "BR,JP,MX");
  g_free (ids);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rounds/load-save", test_rounds_load_save);
  g_test_add_func ("/rounds/optional-keys", test_rounds_optional_keys);
  g_test_add_func ("/rounds/problems", test_rounds_problems);
  g_test_add_func ("/rounds/dates", test_round_dates);
  g_test_add_func ("/rounds/frequency", test_frequency);
  g_test_add_func ("/rounds/overdue", test_overdue);
  g_test_add_func ("/rounds/copy-equal-notify", test_rounds_copy_equal_notify);
  g_test_add_func ("/rounds/overdue-filter", test_overdue_filter);
  g_test_add_func ("/lens/opens", test_lens_opens);
  g_test_add_func ("/members/as-of", test_members_at);
  g_test_add_func ("/members/problems", test_members_problems);

  return g_test_run ();
}
