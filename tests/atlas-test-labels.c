/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "atlas-test-labels.h"

static const char *
partner_id (AtlasMapColoring *coloring,
            int               country)
{
  AtlasPartner *partner = country >= 0 ? atlas_map_coloring_get_partner (coloring, country) : NULL;

  return partner ? atlas_partner_get_id (partner) : "-";
}

guint
atlas_test_check_labels (AtlasMapColoring        *coloring,
                         const AtlasMapTransform *transform,
                         const AtlasMapBox       *viewport,
                         GArray                  *labels,
                         double                   size,
                         double                   min_size,
                         GString                 *problems)
{
  AtlasWorld *world = atlas_map_coloring_get_world (coloring);
  guint n = atlas_world_get_n_countries (world);
  guint found = 0;
  const double slack = 0.5;

#define PROBLEM(...) G_STMT_START { g_string_append_printf (problems, __VA_ARGS__); \
                                    g_string_append_c (problems, '\n'); found++; } G_STMT_END

  if (size < min_size)
    PROBLEM ("labels are %.1f units, less than %.1f", size, min_size);

  for (guint c = 0; c < n; c++)
    {
      AtlasPartner *partner = atlas_map_coloring_get_partner (coloring, c);
      double mx, my, x, y;
      guint count = 0;

      if (partner == NULL)
        continue;
      atlas_world_country_get_label_point (world, c, &mx, &my);
      transform->to_target (transform->data, mx, my, &x, &y);
      for (guint i = 0; labels && i < labels->len; i++)
        if (g_array_index (labels, AtlasMapLabel, i).country == c)
          count++;
      if (x >= viewport->x && y >= viewport->y &&
          x <= viewport->x + viewport->width && y <= viewport->y + viewport->height && count == 0)
        PROBLEM ("%s has no label", atlas_partner_get_id (partner));
      if (count > 1)
        PROBLEM ("%s has %u labels", atlas_partner_get_id (partner), count);
    }

  for (guint i = 0; labels && i < labels->len; i++)
    {
      AtlasMapLabel *l = &g_array_index (labels, AtlasMapLabel, i);
      const char *id = atlas_partner_get_id (l->partner);
      g_autofree char *name = atlas_map_label_name (l->partner);
      gboolean over;
      int w, h;

      if (g_strcmp0 (pango_layout_get_text (l->layout), name) != 0)
        PROBLEM ("%s is labelled \"%s\", not \"%s\"", id, pango_layout_get_text (l->layout), name);
      if (l->x < viewport->x - slack || l->y < viewport->y - slack ||
          l->x + l->width > viewport->x + viewport->width + slack ||
          l->y + l->height > viewport->y + viewport->height + slack)
        PROBLEM ("%s's label (%.0f,%.0f %.0fx%.0f) is cut at the edge of the view", id,
                 l->x, l->y, l->width, l->height);

      for (guint j = i + 1; j < labels->len; j++)
        {
          AtlasMapLabel *o = &g_array_index (labels, AtlasMapLabel, j);

          if (l->x < o->x + o->width && o->x < l->x + l->width &&
              l->y < o->y + o->height && o->y < l->y + l->height)
            PROBLEM ("%s's label covers %s's", id, atlas_partner_get_id (o->partner));
        }

      /* The text's own extent, every two units: one report a label */
      pango_layout_get_size (l->layout, &w, &h);
      over = FALSE;
      for (double y = l->text_y; y <= l->text_y + (double) h / PANGO_SCALE && !over; y += 2)
        for (double x = l->text_x; x <= l->text_x + (double) w / PANGO_SCALE && !over; x += 2)
          {
            double mx, my;
            int under;

            if (!transform->to_map (transform->data, x, y, &mx, &my))
              continue;
            under = atlas_world_hit_test (world, mx, my);
            over = under >= 0 && under != (int) l->country &&
                   atlas_map_coloring_get_partner (coloring, under) != NULL;
            if (over)
              PROBLEM ("%s's label lies over %s at %.0f,%.0f", id, partner_id (coloring, under), x, y);
          }
    }
#undef PROBLEM

  return found;
}

static void
frame_to_target (gpointer data, double mx, double my, double *x, double *y)
{
  atlas_map_frame_project (data, mx, my, x, y);
}

static gboolean
frame_to_map (gpointer data, double x, double y, double *mx, double *my)
{
  return atlas_map_frame_unproject (data, x, y, mx, my);
}

AtlasMapTransform
atlas_test_frame_transform (const AtlasMapFrame *frame)
{
  return (AtlasMapTransform) { frame_to_target, frame_to_map, (gpointer) frame };
}
