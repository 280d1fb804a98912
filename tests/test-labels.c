/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The map's one label placer (atlas-map-labels.h), with no display: at the
 * window sizes people use (1024x768, 1366x768, 1920x1080), at scale 2 and
 * with presentation mode's large text, for every bundled lens, every
 * partner gets a label with its short name, inside the view, over no
 * other partner and no other label. The checker itself is shown to catch a
 * label moved over the wrong partner or cut at the edge. */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "atlas-core.h"
#include "atlas-map-labels.h"
#include "atlas-test-labels.h"

/* What the map view shows at its whole-world zoom (atlas-map-view.c) */
#define HOME_NORTH 78.0
#define HOME_SOUTH -56.0

typedef struct
{
  int width, height;
  int scale;          /* device pixels per widget pixel */
  double text_scale;  /* 2 in presentation mode */
} Case;

static const Case cases[] = {
  { 1024, 768, 1, 1.0 },
  { 1366, 768, 1, 1.0 },
  { 1920, 1080, 1, 1.0 },
  { 1366, 768, 2, 1.0 },
  { 1024, 768, 1, 2.0 },
  { 1366, 768, 1, 2.0 },
  { 1920, 1080, 1, 2.0 },
  { 1920, 1080, 2, 2.0 },
};

/* The whole world fitted to the view, as the map view's Home does, in
 * device pixels. */
static AtlasMapFrame
world_frame (const Case *c)
{
  AtlasMapFrame frame = { 0 };
  double x, north, south;

  frame.width = c->width * c->scale;
  frame.height = c->height * c->scale;
  atlas_geo_lonlat_to_map (0, HOME_NORTH, &x, &north);
  atlas_geo_lonlat_to_map (0, HOME_SOUTH, &x, &south);
  frame.scale = MIN (frame.width, frame.height / (south - north));
  frame.x = 0.5 - frame.width / 2 / frame.scale;
  frame.y = (north + south) / 2 - frame.height / 2 / frame.scale;
  frame.pixel = 1;
  frame.text_scale = c->text_scale;
  return frame;
}

static GArray *
place (AtlasMapColoring    *coloring,
       const AtlasMapFrame *frame,
       const Case          *c,
       AtlasMapTransform   *transform,
       AtlasMapBox         *viewport,
       double              *size)
{
  PangoContext *context = atlas_map_labels_create_context ();
  GArray *labels;

  *transform = atlas_test_frame_transform (frame);
  *viewport = (AtlasMapBox) { 2, 2, frame->width - 4, frame->height - 4 };
  *size = atlas_map_labels_window_size (frame->scale / c->scale, c->text_scale) * c->scale;
  labels = atlas_map_labels_place (coloring, transform, viewport, NULL, context, *size);
  g_object_unref (context);
  return labels;
}

static void
test_bundled (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  GListModel *lenses = atlas_dataset_get_lenses (dataset);
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint l = 0; l < g_list_model_get_n_items (lenses); l++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, l);
      g_autoptr(AtlasMapColoring) coloring =
        atlas_map_coloring_new (atlas_world_get_default (), dataset, atlas_lens_get_id (lens));

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          const Case *c = &cases[i];
          AtlasMapFrame frame = world_frame (c);
          AtlasMapTransform transform;
          AtlasMapBox viewport;
          double size;
          g_autoptr(GArray) labels = place (coloring, &frame, c, &transform, &viewport, &size);
          g_autoptr(GString) here = g_string_new (NULL);

          g_assert_cmpuint (labels->len, ==, 10);
          if (atlas_test_check_labels (coloring, &transform, &viewport, labels, size,
                                       12.0 * c->scale * c->text_scale, here) > 0)
            g_string_append_printf (problems, "%s at %dx%d, scale %d, text x%.0f:\n%s",
                                    atlas_lens_get_id (lens), c->width, c->height, c->scale,
                                    c->text_scale, here->str);
        }
    }
  g_assert_cmpstr (problems->str, ==, "");
}

/* Zoomed in on East Asia: the partners in view are labelled, the others
 * are not, and nothing leaves the view. */
static void
test_zoomed (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasMapColoring) coloring =
    atlas_map_coloring_new (atlas_world_get_default (), dataset, "cooperation_depth");
  const Case c = { 1366, 768, 1, 1.0 };
  AtlasMapFrame frame = world_frame (&c);
  AtlasMapTransform transform;
  AtlasMapBox viewport;
  double size, cx, cy;
  g_autoptr(GArray) labels = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);

  atlas_geo_lonlat_to_map (130, 36, &cx, &cy);
  frame.scale = 256 * 16;
  frame.x = cx - frame.width / 2 / frame.scale;
  frame.y = cy - frame.height / 2 / frame.scale;
  labels = place (coloring, &frame, &c, &transform, &viewport, &size);
  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (names, "%s ", atlas_partner_get_id (g_array_index (labels, AtlasMapLabel, i).partner));

  g_assert_nonnull (strstr (names->str, "JP"));
  g_assert_nonnull (strstr (names->str, "KR"));
  g_assert_null (strstr (names->str, "BR"));
  atlas_test_check_labels (coloring, &transform, &viewport, labels, size, 12, problems);
  g_assert_cmpstr (problems->str, ==, "");
}

/* The checker catches what the issue saw: "South Korea" over Japan, a
 * label cut at the edge, a partner with no label. */
static void
test_checker_fails (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasMapColoring) coloring =
    atlas_map_coloring_new (atlas_world_get_default (), dataset, "budapest_convention");
  const Case c = { 1920, 1080, 1, 2.0 };
  AtlasMapFrame frame = world_frame (&c);
  AtlasMapTransform transform;
  AtlasMapBox viewport;
  double size, jx, jy, mx, my;
  g_autoptr(GArray) labels = place (coloring, &frame, &c, &transform, &viewport, &size);
  g_autoptr(GString) problems = g_string_new (NULL);
  AtlasMapLabel *korea = NULL;

  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (atlas_partner_get_id (g_array_index (labels, AtlasMapLabel, i).partner), "KR"))
      korea = &g_array_index (labels, AtlasMapLabel, i);
  g_assert_nonnull (korea);

  /* South Korea's name moved onto Honshu */
  atlas_geo_lonlat_to_map (138.5, 36.5, &mx, &my);
  transform.to_target (&frame, mx, my, &jx, &jy);
  korea->text_x += jx - (korea->x + korea->width / 2);
  korea->text_y += jy - (korea->y + korea->height / 2);
  korea->x = jx - korea->width / 2;
  korea->y = jy - korea->height / 2;
  g_assert_cmpuint (atlas_test_check_labels (coloring, &transform, &viewport, labels, size, 12, problems), >, 0);
  g_assert_nonnull (strstr (problems->str, "KR's label lies over JP"));

  /* Cut at the right edge */
  g_string_truncate (problems, 0);
  korea->x = frame.width - korea->width / 2;
  korea->text_x = korea->x + size * 0.2;
  korea->y = 400;
  korea->text_y = 400 + size * 0.2;
  atlas_test_check_labels (coloring, &transform, &viewport, labels, size, 12, problems);
  g_assert_nonnull (strstr (problems->str, "KR's label"));
  g_assert_nonnull (strstr (problems->str, "cut at the edge"));

  /* Gone */
  g_string_truncate (problems, 0);
  g_array_remove_index (labels, korea - (AtlasMapLabel *) labels->data);
  atlas_test_check_labels (coloring, &transform, &viewport, labels, size, 12, problems);
  g_assert_cmpstr (problems->str, ==, "KR has no label\n");
}

/* Short names: the dataset's in English, iso-codes' common name in French,
 * never the inverted official form. */
static void
test_short_names (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autofree char *saved_locale = g_strdup (setlocale (LC_MESSAGES, NULL));
  g_autofree char *english = NULL, *russia = NULL, *korea = NULL;

  g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, "C");
  english = atlas_map_label_name (atlas_dataset_find_partner (dataset, "RU"));
  g_assert_cmpstr (english, ==, atlas_partner_get_name (atlas_dataset_find_partner (dataset, "RU")));

  g_setenv ("LANGUAGE", "fr", TRUE);
  if (setlocale (LC_MESSAGES, "fr_FR.UTF-8") == NULL && setlocale (LC_MESSAGES, "C.UTF-8") == NULL)
    {
      setlocale (LC_MESSAGES, saved_locale);
      g_test_skip ("neither fr_FR.UTF-8 nor C.UTF-8 is installed");
      return;
    }
  russia = atlas_map_label_name (atlas_dataset_find_partner (dataset, "RU"));
  korea = atlas_map_label_name (atlas_dataset_find_partner (dataset, "KR"));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, saved_locale);

  g_assert_cmpstr (russia, ==, "Russie");
  g_assert_cmpstr (korea, ==, "Corée du Sud");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  atlas_core_init ();

  g_test_add_func ("/labels/bundled", test_bundled);
  g_test_add_func ("/labels/zoomed", test_zoomed);
  g_test_add_func ("/labels/checker-fails", test_checker_fails);
  g_test_add_func ("/labels/short-names", test_short_names);

  return g_test_run ();
}
