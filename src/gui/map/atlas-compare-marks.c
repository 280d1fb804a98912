/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "atlas-compare-marks.h"
#include "atlas-geo.h"
#include "atlas-map-view.h"
#include "atlas-world-layer.h"

/* The badge's radius, and how far above the label point it sits so that
 * the partner's name stays readable. */
#define RADIUS 11.0
#define LIFT   22.0

struct _AtlasCompareMarks
{
  GtkWidget     parent_instance;

  AtlasMapView *view;
  GHashTable   *marks;   /* owned alpha-2 -> direction + 1 */
};

G_DEFINE_FINAL_TYPE (AtlasCompareMarks, atlas_compare_marks, GTK_TYPE_WIDGET)

gboolean
atlas_compare_marks_locate (AtlasCompareMarks *self,
                            const char        *alpha2,
                            double            *x,
                            double            *y)
{
  AtlasWorld *world = atlas_world_get_default ();
  AtlasMapFrame frame = { 0 };
  double mx, my;
  int country;
  graphene_point_t in_view, in_self;

  if (self->view == NULL || !g_hash_table_contains (self->marks, alpha2))
    return FALSE;

  country = atlas_world_find_country (world, alpha2);
  if (country < 0)
    return FALSE;

  atlas_world_layer_get_frame (atlas_map_view_get_world_layer (self->view), &frame);
  atlas_world_country_get_label_point (world, country, &mx, &my);
  atlas_map_frame_project (&frame, mx, my, &mx, &my);
  in_view = GRAPHENE_POINT_INIT (mx, my - LIFT);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->view), GTK_WIDGET (self), &in_view, &in_self))
    in_self = in_view;
  *x = in_self.x;
  *y = in_self.y;

  return TRUE;
}

static void
set_rgb (cairo_t *cr,
         guint32  color)
{
  cairo_set_source_rgb (cr, ((color >> 16) & 0xff) / 255.0, ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

static void
draw_mark (cairo_t              *cr,
           double                x,
           double                y,
           AtlasChangeDirection  direction)
{
  guint32 color = direction == ATLAS_CHANGE_UP ? ATLAS_COMPARE_UP_COLOR
                : direction == ATLAS_CHANGE_DOWN ? ATLAS_COMPARE_DOWN_COLOR
                : ATLAS_COMPARE_CHANGED_COLOR;

  /* A white rim reads on every category colour. */
  cairo_arc (cr, x, y, RADIUS + 2, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_arc (cr, x, y, RADIUS, 0, 2 * G_PI);
  set_rgb (cr, color);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (direction == ATLAS_CHANGE_CHANGED)
    {
      /* Two arrows turning: "changed", no better, no worse. */
      cairo_arc (cr, x, y, RADIUS * 0.5, 0, 2 * G_PI);
      cairo_stroke (cr);
      return;
    }

  {
    double s = direction == ATLAS_CHANGE_UP ? -1 : 1;

    cairo_move_to (cr, x, y - s * RADIUS * 0.6);
    cairo_line_to (cr, x, y + s * RADIUS * 0.6);
    cairo_move_to (cr, x - RADIUS * 0.5, y + s * RADIUS * 0.1);
    cairo_line_to (cr, x, y + s * RADIUS * 0.6);
    cairo_line_to (cr, x + RADIUS * 0.5, y + s * RADIUS * 0.1);
    cairo_stroke (cr);
  }
}

static void
atlas_compare_marks_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  AtlasCompareMarks *self = ATLAS_COMPARE_MARKS (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GHashTableIter iter;
  gpointer key, value;
  cairo_t *cr;

  if (g_hash_table_size (self->marks) == 0 || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_hash_table_iter_init (&iter, self->marks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double x, y;

      if (atlas_compare_marks_locate (self, key, &x, &y))
        draw_mark (cr, x, y, GPOINTER_TO_INT (value) - 1);
    }
  cairo_destroy (cr);
}

static void
view_changed_cb (AtlasCompareMarks *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
atlas_compare_marks_set_view (AtlasCompareMarks *self,
                              AtlasMapView      *view)
{
  ShumateViewport *viewport;

  g_return_if_fail (ATLAS_IS_COMPARE_MARKS (self));

  self->view = view;
  viewport = shumate_map_get_viewport (atlas_map_view_get_map (view));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
atlas_compare_marks_update (AtlasCompareMarks *self,
                            AtlasDataset      *dataset,
                            const char        *lens_id,
                            const char        *from,
                            const char        *to)
{
  AtlasLens *lens;
  g_autofree char *field = NULL;
  GListModel *partners;

  g_return_if_fail (ATLAS_IS_COMPARE_MARKS (self));

  g_hash_table_remove_all (self->marks);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (dataset == NULL || lens_id == NULL || from == NULL || to == NULL)
    return;

  lens = atlas_dataset_find_lens (dataset, lens_id);
  if (lens == NULL)
    return;

  field = g_strconcat ("indicators.", lens_id, NULL);
  /* Removed partners too: they may be on the map at the later date. */
  partners = atlas_dataset_get_all_partners (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);
      const char *before, *after;
      AtlasChangeDirection direction = ATLAS_CHANGE_CHANGED;
      int a, b;

      /* Only partners on the map at the later date. */
      if (!atlas_timeline_is_listed_at (partner, to))
        continue;
      before = atlas_timeline_is_listed_at (partner, from)
               ? atlas_timeline_value_at (partner, field, from) : NULL;
      after = atlas_timeline_value_at (partner, field, to);
      if (!atlas_lens_is_open_at (lens, from))
        before = NULL;
      if (!atlas_lens_is_open_at (lens, to))
        after = NULL;
      if (g_strcmp0 (before, after) == 0)
        continue;

      a = before ? atlas_lens_get_category_index (lens, before) : -1;
      b = after ? atlas_lens_get_category_index (lens, after) : -1;
      if (atlas_lens_get_ordered (lens) && a >= 0 && b >= 0)
        direction = b < a ? ATLAS_CHANGE_UP : ATLAS_CHANGE_DOWN;
      g_hash_table_insert (self->marks, g_strdup (atlas_partner_get_id (partner)),
                           GINT_TO_POINTER (direction + 1));
    }
}

GHashTable *
atlas_compare_marks_get_marks (AtlasCompareMarks *self)
{
  return self->marks;
}

static void
atlas_compare_marks_finalize (GObject *object)
{
  AtlasCompareMarks *self = ATLAS_COMPARE_MARKS (object);

  g_hash_table_unref (self->marks);

  G_OBJECT_CLASS (atlas_compare_marks_parent_class)->finalize (object);
}

static void
atlas_compare_marks_class_init (AtlasCompareMarksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = atlas_compare_marks_finalize;
  widget_class->snapshot = atlas_compare_marks_snapshot;
}

static void
atlas_compare_marks_init (AtlasCompareMarks *self)
{
  self->marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
}

GtkWidget *
atlas_compare_marks_new (void)
{
  return g_object_new (ATLAS_TYPE_COMPARE_MARKS, NULL);
}
