/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The map's palettes (atlas-palette.h): the bundled lenses keep every rule
 * (the table of their smallest differences is printed for people to read);
 * the checks find what the issue found in the 2014 palettes: a two-category
 * lens that a grey print blanks, an ordered lens whose lightness jumps
 * about, colours that deuteranopia merges. */

#include "config.h"

#include <string.h>

#include "atlas-core.h"
#include "atlas-palette.h"

/* A known pair: Machado's deuteranopia leaves a grey grey, and CIEDE2000
 * of a colour with itself is 0. */
static void
test_basics (void)
{
  double lab[3];

  atlas_palette_lab (0xffffff, ATLAS_VISION_NORMAL, lab);
  g_assert_cmpfloat_with_epsilon (lab[0], 100, 0.5);
  atlas_palette_lab (0x808080, ATLAS_VISION_DEUTERANOPIA, lab);
  g_assert_cmpfloat_with_epsilon (lab[1], 0, 1.0);
  g_assert_cmpfloat_with_epsilon (lab[2], 0, 1.0);
  g_assert_cmpfloat (atlas_palette_delta_e (0x009e73, 0x009e73, ATLAS_VISION_PROTANOPIA), <, 1e-6);
  /* Red and green, far apart for most, close for the red-green blind */
  g_assert_cmpfloat (atlas_palette_delta_e (0xd62728, 0x2ca02c, ATLAS_VISION_NORMAL), >, 40);
  g_assert_cmpfloat (atlas_palette_delta_e (0xd62728, 0x2ca02c, ATLAS_VISION_DEUTERANOPIA), <, 25);
}

static void
test_bundled (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  GListModel *lenses = atlas_dataset_get_lenses (dataset);
  guint32 subject = atlas_dataset_get_subject_color (dataset);
  g_autoptr(GString) problems = g_string_new (NULL);

  g_assert_cmpuint (g_list_model_get_n_items (lenses), >=, 4);
  for (guint l = 0; l < g_list_model_get_n_items (lenses); l++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, l);
      g_autoptr(GPtrArray) found = atlas_palette_check_lens (lens, subject);
      GListModel *categories = atlas_lens_get_categories (lens);
      g_autoptr(GString) table = g_string_new (NULL);
      double smallest[ATLAS_N_VISIONS] = { G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE };

      for (guint i = 0; i < found->len; i++)
        g_string_append_printf (problems, "%s: %s\n", atlas_lens_get_id (lens), (char *) found->pdata[i]);

      /* For the record: L* of each category and the smallest ΔE */
      for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
        {
          g_autoptr(AtlasCategory) a = g_list_model_get_item (categories, i);
          guint32 others[] = { ATLAS_NO_DATA_COLOR, ATLAS_OTHER_COUNTRIES_COLOR, subject };
          double lab[3];

          atlas_palette_lab (atlas_category_get_color (a), ATLAS_VISION_NORMAL, lab);
          g_string_append_printf (table, " %s #%06x L*%.0f", atlas_category_get_id (a),
                                  atlas_category_get_color (a), lab[0]);
          for (AtlasVision v = 0; v < ATLAS_N_VISIONS; v++)
            {
              for (guint j = i + 1; j < g_list_model_get_n_items (categories); j++)
                {
                  g_autoptr(AtlasCategory) b = g_list_model_get_item (categories, j);
                  smallest[v] = MIN (smallest[v], atlas_palette_delta_e (atlas_category_get_color (a),
                                                                         atlas_category_get_color (b), v));
                }
              for (guint k = 0; k < G_N_ELEMENTS (others); k++)
                smallest[v] = MIN (smallest[v], atlas_palette_delta_e (atlas_category_get_color (a), others[k], v));
            }
        }
      g_test_message ("%s:%s; smallest ΔE normal %.1f, deutan %.1f, protan %.1f", atlas_lens_get_id (lens),
                      table->str, smallest[0], smallest[1], smallest[2]);
    }
  g_assert_cmpstr (problems->str, ==, "");
}

static AtlasLens *
lens_of (const char *id,
         gboolean    ordered,
         const char *const *names,
         const guint32     *colors,
         guint              n)
{
  AtlasLens *lens = atlas_lens_new (id, id, "", ordered);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasCategory) category = atlas_category_new (names[i], names[i], "", colors[i]);

      atlas_lens_append_category (lens, category);
    }
  return lens;
}

static gboolean
mentions (GPtrArray  *problems,
          const char *a,
          const char *b)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (problems->pdata[i], a) && (b == NULL || strstr (problems->pdata[i], b)))
      return TRUE;
  return FALSE;
}

/* A user's colours that break the rules: the 2014 palettes. */
static void
test_user_colors (void)
{
  const char *wcit_names[] = { "signed", "refused" };
  const guint32 wcit_colors[] = { 0xcc79a7, 0x009e73 };
  const char *depth_names[] = { "strategic", "mature", "limited", "confidence-building" };
  const guint32 depth_colors[] = { 0x009e73, 0x56b4e9, 0xf0e442, 0xd55e00 };
  const char *close_names[] = { "party", "pending", "non-party" };
  const guint32 close_colors[] = { 0xd62728, 0x2ca02c, 0x1f77b4 };
  g_autoptr(AtlasLens) wcit = lens_of ("wcit", FALSE, wcit_names, wcit_colors, 2);
  g_autoptr(AtlasLens) depth = lens_of ("depth", TRUE, depth_names, depth_colors, 4);
  g_autoptr(AtlasLens) close = lens_of ("close", FALSE, close_names, close_colors, 3);
  g_autoptr(GPtrArray) wcit_problems = atlas_palette_check_lens (wcit, 0x003399);
  g_autoptr(GPtrArray) depth_problems = atlas_palette_check_lens (depth, 0x003399);
  g_autoptr(GPtrArray) close_problems = atlas_palette_check_lens (close, 0x003399);

  /* Signed L* 61, refused L* 58: blank in grey */
  g_assert_true (mentions (wcit_problems, "“signed” (L* 6", "in lightness"));
  /* Strategic and confidence-building, the two ends, L* 58 and 54 */
  g_assert_true (mentions (depth_problems, "does not run with the order", "“strategic” L* 58"));
  /* Red and green for the red-green blind */
  g_assert_true (mentions (close_problems, "“party” and “pending”", "deuteranopia"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  atlas_core_init ();

  g_test_add_func ("/palette/basics", test_basics);
  g_test_add_func ("/palette/bundled", test_bundled);
  g_test_add_func ("/palette/user-colors", test_user_colors);

  return g_test_run ();
}
