/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The partner list's filter and sort models, on the bundled dataset; no
 * display needed. */

#include "config.h"

#include <locale.h>

#include "atlas-core.h"
#include "atlas-partner-filter.h"
#include "atlas-test-util.h"

#define FRENCH_MO ISO_CODES_LOCALEDIR "/fr/LC_MESSAGES/iso_3166-1.mo"

static char *
search_ids (AtlasPartnerFilter *filter,
            const char         *search)
{
  atlas_partner_filter_set_search (filter, search);
  return atlas_test_partner_ids (atlas_partner_filter_get_model (filter));
}

#define assert_search(filter, search, expected) \
  G_STMT_START { \
    g_autofree char *ids_ = search_ids (filter, search); \
    g_assert_cmpstr (ids_, ==, expected); \
  } G_STMT_END

static void
test_fold (void)
{
  g_autofree char *a = atlas_partner_filter_fold ("Côte d’Ivoire");
  g_autofree char *b = atlas_partner_filter_fold ("  CORÉE, République de ");
  g_autofree char *c = atlas_partner_filter_fold ("Straße");
  g_autofree char *d = atlas_partner_filter_fold (NULL);

  g_assert_cmpstr (a, ==, "cote d ivoire");
  g_assert_cmpstr (b, ==, "coree republique de");
  g_assert_cmpstr (c, ==, "strasse");
  g_assert_cmpstr (d, ==, "");
}

static void
test_search (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasPartnerFilter) filter = atlas_partner_filter_new (atlas_dataset_get_partners (dataset));
  GListModel *model = atlas_partner_filter_get_model (filter);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);

  assert_search (filter, "kor", "KR");
  assert_search (filter, "KR", "KR");
  assert_search (filter, "Kor", "KR");
  /* alpha-3 */
  assert_search (filter, "usa", "US");
  /* word starts, in any order, all words needed */
  assert_search (filter, "south", "ZA,KR");
  assert_search (filter, "africa sou", "ZA");
  assert_search (filter, "  united   st", "US");
  /* iso-codes' English name of RU beside the dataset's "Russia" */
  assert_search (filter, "federation", "RU");
  assert_search (filter, "russia", "RU");
  /* a letter inside a word is not a word start */
  assert_search (filter, "outh", "");
  assert_search (filter, "zz", "");
  assert_search (filter, "", "BR,CA,CN,IN,JP,MX,RU,ZA,KR,US");
  assert_search (filter, NULL, "BR,CA,CN,IN,JP,MX,RU,ZA,KR,US");
}

static void
test_search_accents (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasPartnerFilter) filter = atlas_partner_filter_new (atlas_dataset_get_partners (dataset));
  g_autoptr(AtlasPartner) ivory = atlas_partner_new ("CI", "Côte d'Ivoire");

  atlas_dataset_add_partner (dataset, ivory);

  assert_search (filter, "cote", "CI");
  assert_search (filter, "CÔTE", "CI");
  assert_search (filter, "ivo", "CI");
  assert_search (filter, "d'iv", "CI");
  assert_search (filter, "CIV", "CI");

  /* A partner renamed in the dataset is found by its new name. */
  atlas_partner_set_name (ivory, "Elfenbeinküste");
  assert_search (filter, "elfenbeinkuste", "CI");
}

/* LANGUAGE only counts outside the C locale: run in a child where both are
 * set before any name is translated. */
static void
test_search_french (void)
{
  if (!g_file_test (FRENCH_MO, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no French translation of iso-codes (" FRENCH_MO ")");
      return;
    }

  if (g_test_subprocess ())
    {
      g_autoptr(AtlasDataset) dataset = NULL;
      g_autoptr(AtlasPartnerFilter) filter = NULL;
      g_autoptr(AtlasPartner) korea = NULL;

      if (setlocale (LC_ALL, "C.UTF-8") == NULL)
        g_error ("no C.UTF-8 locale");
      g_setenv ("LANGUAGE", "fr", TRUE);

      dataset = atlas_dataset_new_bundled ();
      filter = atlas_partner_filter_new (atlas_dataset_get_partners (dataset));
      korea = g_object_ref (atlas_dataset_find_partner (dataset, "KR"));
      g_assert_cmpstr (atlas_partner_get_display_name (korea), ==, "Corée du Sud");

      assert_search (filter, "Corée", "KR");
      assert_search (filter, "coree", "KR");
      assert_search (filter, "CORÉE DU", "KR");
      assert_search (filter, "kor", "KR");
      assert_search (filter, "KR", "KR");
      /* "États-Unis" and "United States" */
      assert_search (filter, "etats", "US");
      assert_search (filter, "united", "US");
      return;
    }

  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    {
      g_test_skip ("no C.UTF-8 locale: gettext ignores LANGUAGE in the C locale");
      return;
    }
  setlocale (LC_ALL, "");

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_sort (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasPartnerFilter) filter = atlas_partner_filter_new (atlas_dataset_get_partners (dataset));
  GListModel *model = atlas_partner_filter_get_model (filter);
  g_autofree char *by_name = NULL;
  g_autofree char *by_depth = NULL;
  g_autofree char *by_budapest = NULL;
  g_autofree char *no_lens = NULL;
  g_autofree char *searched = NULL;

  g_assert_cmpint (atlas_partner_filter_get_sort (filter), ==, ATLAS_PARTNER_SORT_NAME);
  by_name = atlas_test_partner_ids (model);
  g_assert_cmpstr (by_name, ==, "BR,CA,CN,IN,JP,MX,RU,ZA,KR,US");

  /* Category order without a lens falls back to names. */
  atlas_partner_filter_set_sort (filter, ATLAS_PARTNER_SORT_CATEGORY);
  no_lens = atlas_test_partner_ids (model);
  g_assert_cmpstr (no_lens, ==, by_name);

  atlas_partner_filter_set_lens (filter, atlas_dataset_find_lens (dataset, "cooperation_depth"));
  by_depth = atlas_test_partner_ids (model);
  g_assert_cmpstr (by_depth, ==, "US,CA,JP,BR,IN,MX,ZA,KR,CN,RU");

  /* South Korea has no Budapest Convention status: "No data" last. Brazil
   * and Canada became parties in 2022 and 2015. */
  atlas_partner_filter_set_lens (filter, atlas_dataset_find_lens (dataset, "budapest_convention"));
  by_budapest = atlas_test_partner_ids (model);
  g_assert_cmpstr (by_budapest, ==, "BR,CA,JP,US,ZA,MX,IN,CN,RU,KR");

  /* Filtering keeps the order. */
  searched = search_ids (filter, "south");
  g_assert_cmpstr (searched, ==, "ZA,KR");
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_live_update (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasPartnerFilter) filter = atlas_partner_filter_new (atlas_dataset_get_partners (dataset));
  GListModel *model = atlas_partner_filter_get_model (filter);
  AtlasPartner *korea = atlas_dataset_find_partner (dataset, "KR");
  g_autoptr(AtlasPartner) kept = g_object_ref (korea);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *other_lens = NULL;
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;
  guint changes = 0;

  atlas_partner_filter_set_lens (filter, atlas_dataset_find_lens (dataset, "cooperation_depth"));
  atlas_partner_filter_set_sort (filter, ATLAS_PARTNER_SORT_CATEGORY);
  before = atlas_test_partner_ids (model);
  g_assert_cmpstr (before, ==, "US,CA,JP,BR,IN,MX,ZA,KR,CN,RU");

  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  /* An indicator of the sorting lens moves the partner at once. */
  atlas_partner_set_indicator (korea, "cooperation_depth", "strategic");
  after = atlas_test_partner_ids (model);
  g_assert_cmpstr (after, ==, "KR,US,CA,JP,BR,IN,MX,ZA,CN,RU");
  g_assert_cmpuint (changes, >, 0);

  /* One of another lens does not. */
  changes = 0;
  atlas_partner_set_indicator (korea, "wcit_2012", "refused");
  other_lens = atlas_test_partner_ids (model);
  g_assert_cmpstr (other_lens, ==, after);
  g_assert_cmpuint (changes, ==, 0);

  /* Clearing it ("No data") sends it last. */
  atlas_partner_set_indicator (korea, "cooperation_depth", NULL);
  {
    g_autofree char *cleared = atlas_test_partner_ids (model);

    g_assert_cmpstr (cleared, ==, "US,CA,JP,BR,IN,MX,ZA,CN,RU,KR");
  }

  /* Partners added to or removed from the dataset come and go. */
  atlas_dataset_remove_partner (dataset, korea);
  removed = atlas_test_partner_ids (model);
  g_assert_cmpstr (removed, ==, "US,CA,JP,BR,IN,MX,ZA,CN,RU");
  atlas_partner_set_indicator (kept, "cooperation_depth", "mature");
  atlas_dataset_add_partner (dataset, kept);
  added = atlas_test_partner_ids (model);
  g_assert_cmpstr (added, ==, "US,CA,JP,KR,BR,IN,MX,ZA,CN,RU");

  /* A removed partner no longer moves anything. */
  atlas_dataset_remove_partner (dataset, kept);
  changes = 0;
  atlas_partner_set_indicator (kept, "cooperation_depth", "strategic");
  g_assert_cmpuint (changes, ==, 0);
}

static void
test_matches (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasPartnerFilter) filter = atlas_partner_filter_new (atlas_dataset_get_partners (dataset));
  g_autoptr(AtlasPartner) stranger = atlas_partner_new ("NO", "Norway");

  atlas_partner_filter_set_search (filter, "nor");
  g_assert_true (atlas_partner_filter_matches (filter, stranger));
  g_assert_false (atlas_partner_filter_matches (filter, atlas_dataset_find_partner (dataset, "KR")));
  atlas_partner_filter_set_search (filter, "");
  g_assert_true (atlas_partner_filter_matches (filter, atlas_dataset_find_partner (dataset, "KR")));

  /* Swapping the source list */
  atlas_partner_filter_set_partners (filter, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (atlas_partner_filter_get_model (filter)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Names in English unless a test asks otherwise. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  atlas_core_init ();

  g_test_add_func ("/partner-filter/fold", test_fold);
  g_test_add_func ("/partner-filter/search", test_search);
  g_test_add_func ("/partner-filter/search-accents", test_search_accents);
  g_test_add_func ("/partner-filter/search-french", test_search_french);
  g_test_add_func ("/partner-filter/sort", test_sort);
  g_test_add_func ("/partner-filter/live-update", test_live_update);
  g_test_add_func ("/partner-filter/matches", test_matches);

  return g_test_run ();
}
