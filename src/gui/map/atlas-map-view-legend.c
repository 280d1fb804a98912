/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The map view's legend: a row per category of the lens (swatch, name,
 * count, its description on hover), the lens's caption and the source
 * line, rebuilt when the lens or the dataset changes. */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "atlas-core.h"
#include "atlas-geo.h"
#include "atlas-map-paint.h"
#include "atlas-map-view-parts.h"
#include "atlas-map-view.h"
#include "atlas-offline-source.h"
#include "atlas-world-layer.h"

/* Colouring and legend */

/* What a legend row's swatch draws */
typedef struct
{
  AtlasMapView *view;      /* not held: the swatch is the view's */
  guint32       color;
  int           category;  /* -1 for none */
  guint32       outline;   /* the subject's row when it has a category of
                            * its own: its outline's colour + 1; else 0 */
} Swatch;

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  Swatch *swatch = user_data;
  AtlasMapView *self = swatch->view;
  guint32 color = swatch->color;
  int category = swatch->category;
  guint32 outline = swatch->outline;
  double pixel = 1.0 / gtk_widget_get_scale_factor (GTK_WIDGET (area));

  cairo_rectangle (cr, pixel / 2, pixel / 2, width - pixel, height - pixel);
  cairo_set_source_rgb (cr, ((color >> 16) & 0xff) / 255.0, ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
  cairo_fill_preserve (cr);
  if (self->hatch_patterns)
    atlas_map_paint_hatch (cr, category, pixel);
  if (category < 0 && color == ATLAS_MAP_NO_DATA_COLOR)
    atlas_map_paint_no_data_hatch (cr, pixel);
  if (outline != 0)
    {
      guint32 rgb = outline - 1;

      cairo_new_path (cr);
      cairo_rectangle (cr, 1.5, 1.5, width - 3, height - 3);
      cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
      return;
    }
  cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
  cairo_set_line_width (cr, pixel);
  cairo_stroke (cr);
}

/* A category's description shows on hover and to screen readers; an
 * empty category (no partner in it) is dimmed, not dropped, so the scale
 * stays whole. */
static void
add_legend_row_outlined (AtlasMapView *self,
                         int           row,
                         guint32       color,
                         guint32       outline,
                         int           category,
                         const char   *name,
                         const char   *description,
                         int           count)
{
  GtkWidget *swatch, *label;
  g_autofree char *count_text = count >= 0 ? g_strdup_printf ("%d", count) : NULL;
  gboolean has_description = description != NULL && description[0] != '\0';

  if (self->legend_mode == LEGEND_SIGN)
    {
      g_string_append_printf (self->legend_rows, "R%d|%06x|%x|%d|%s|%s|%d\n", row, color, outline, category,
                              name, has_description ? description : "", count >= 0);
      return;
    }
  if (self->legend_mode == LEGEND_UPDATE)
    {
      GtkWidget *count_label = gtk_grid_get_child_at (self->legend_grid, 2, row);

      swatch = gtk_grid_get_child_at (self->legend_grid, 0, row);
      label = gtk_grid_get_child_at (self->legend_grid, 1, row);
      if (count_label != NULL && count_text != NULL)
        gtk_label_set_text (GTK_LABEL (count_label), count_text);
      if (count == 0 && category >= 0)
        {
          gtk_widget_add_css_class (label, "empty");
          gtk_widget_add_css_class (swatch, "empty");
        }
      else
        {
          gtk_widget_remove_css_class (label, "empty");
          gtk_widget_remove_css_class (swatch, "empty");
        }
      return;
    }

  swatch = gtk_drawing_area_new ();
  label = gtk_label_new (name);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 18);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  {
    Swatch *drawn = g_new0 (Swatch, 1);

    drawn->view = self;
    drawn->color = color;
    drawn->category = category;
    drawn->outline = outline;
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, drawn, g_free);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (swatch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_grid_attach (self->legend_grid, swatch, 0, row, 1, 1);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_set_hexpand (label, TRUE);
  if (has_description)
    {
      /* Plain text: a tooltip set with set_tooltip_text is not markup. */
      gtk_widget_set_tooltip_text (label, description);
      gtk_widget_set_tooltip_text (swatch, description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }
  gtk_grid_attach (self->legend_grid, label, 1, row, 1, 1);

  if (count_text)
    {
      GtkWidget *count_label = gtk_label_new (count_text);

      gtk_label_set_xalign (GTK_LABEL (count_label), 1);
      gtk_widget_add_css_class (count_label, "numeric");
      gtk_widget_add_css_class (count_label, "dim-label");
      gtk_grid_attach (self->legend_grid, count_label, 2, row, 1, 1);
    }
  if (count == 0 && category >= 0)
    {
      gtk_widget_add_css_class (label, "empty");
      gtk_widget_add_css_class (swatch, "empty");
    }
}

static void
add_legend_row (AtlasMapView *self,
                int           row,
                guint32       color,
                int           category,
                const char   *name,
                const char   *description,
                int           count)
{
  add_legend_row_outlined (self, row, color, 0, category, name, description, count);
}

/* A line of small text across the legend: the lens's description, the
 * order of its categories, the source. One line; all of it on hover. */
static void
add_legend_caption (AtlasMapView *self,
                    int           row,
                    const char   *text,
                    const char   *css_class)
{
  GtkWidget *label;

  if (self->legend_mode == LEGEND_SIGN)
    {
      g_string_append_printf (self->legend_rows, "C%d|%s\n", row, css_class);
      return;
    }
  if (self->legend_mode == LEGEND_UPDATE)
    {
      label = gtk_grid_get_child_at (self->legend_grid, 0, row);
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
        {
          gtk_label_set_text (GTK_LABEL (label), text);
          gtk_widget_set_tooltip_text (label, text);
        }
      return;
    }

  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Never wider than the rows: the legend keeps off the partners. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (self->legend_grid, label, 0, row, 4, 1);
}

static char *
source_line (AtlasDataset *dataset)
{
  GListModel *sources = atlas_dataset_get_sources (dataset);
  g_autoptr(AtlasSource) first = g_list_model_get_n_items (sources) > 0 ? g_list_model_get_item (sources, 0) : NULL;
  const char *title = first ? atlas_source_get_title (first) : atlas_dataset_get_title (dataset);
  const char *as_of = atlas_dataset_get_as_of (dataset);

  if (title == NULL || title[0] == '\0')
    return as_of ? g_strdup_printf (_("As of %s"), as_of) : NULL;
  if (as_of == NULL || as_of[0] == '\0')
    return g_strdup_printf (_("Source: %s"), title);
  /* Translators: the legend's footer, e.g. "Source: The rise of cyber-diplomacy · as of 2014-06-30" */
  return g_strdup_printf (_("Source: %s · as of %s"), title, as_of);
}

static void
fill_legend (AtlasMapView *self)
{
  AtlasLens *lens = self->coloring ? atlas_map_coloring_get_lens (self->coloring) : NULL;
  g_autofree char *footer = NULL;
  int row = 0;
  guint no_data;

  if (lens)
    {
      GListModel *categories = atlas_lens_get_categories (lens);
      const char *description = atlas_lens_get_description (lens);

      if (description != NULL && description[0] != '\0')
        add_legend_caption (self, row++, description, "atlas-legend-description");
      for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
        {
          g_autoptr(AtlasCategory) category = g_list_model_get_item (categories, i);
          guint n = g_list_model_get_n_items (categories);

          /* An ordered lens says which way it runs, beside its two ends */
          if (atlas_lens_get_ordered (lens) && n > 1 && (i == 0 || i == n - 1) &&
              self->legend_mode == LEGEND_BUILD)
            {
              /* Translators: beside the first and the last category of an ordered lens */
              GtkWidget *end = gtk_label_new (i == 0 ? _("most ↓") : _("least"));

              gtk_label_set_xalign (GTK_LABEL (end), 0);
              gtk_widget_add_css_class (end, "caption");
              gtk_widget_add_css_class (end, "atlas-legend-order");
              gtk_grid_attach (self->legend_grid, end, 3, row, 1, 1);
            }
          add_legend_row (self, row++, atlas_category_get_color (category), (int) i,
                          atlas_category_get_name (category),
                          atlas_category_get_description (category),
                          (int) atlas_map_coloring_count (self->coloring, (int) i));
        }
    }
  /* "No data" only when some partner has none */
  no_data = atlas_map_coloring_count (self->coloring, -1);
  if (no_data > 0 || lens == NULL)
    add_legend_row (self, row++, ATLAS_MAP_NO_DATA_COLOR, -1,
                    atlas_lens_get_empty_label (lens, atlas_dataset_get_as_of (self->dataset)),
                    NULL, (int) no_data);
  if (lens != NULL && atlas_map_coloring_get_subject_category (self->coloring) >= 0)
    {
      /* The subject's own category: its members in that colour, outlined */
      g_autoptr(AtlasCategory) own = g_list_model_get_item (atlas_lens_get_categories (lens),
                                                             atlas_map_coloring_get_subject_category (self->coloring));
      /* Translators: the legend's row of the subject with its own category, e.g. "European Union: Refused" */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), atlas_dataset_get_subject_name (self->dataset),
                                               atlas_category_get_name (own));
      add_legend_row_outlined (self, row++, atlas_category_get_color (own),
                               atlas_map_coloring_get_subject_color (self->coloring) + 1, -1, text,
                               atlas_category_get_description (own),
                               (int) g_strv_length ((char **) atlas_dataset_get_members (self->dataset)));
    }
  else
    add_legend_row (self, row++, atlas_dataset_get_subject_color (self->dataset), -1,
                    atlas_dataset_get_subject_name (self->dataset), NULL,
                    (int) g_strv_length ((char **) atlas_dataset_get_members (self->dataset)));
  add_legend_row (self, row++, ATLAS_MAP_OTHER_COLOR, -1, _("Other countries"), NULL, -1);

  footer = source_line (self->dataset);
  if (footer != NULL)
    add_legend_caption (self, row++, footer, "atlas-legend-source");
}

void
_atlas_map_view_rebuild_legend (AtlasMapView *self)
{
  GtkWidget *child;
  AtlasLens *lens = self->coloring ? atlas_map_coloring_get_lens (self->coloring) : NULL;
  g_autofree char *shape = NULL;

  gtk_widget_set_visible (self->legend, self->dataset != NULL);
  if (self->dataset == NULL)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend_grid))))
        gtk_grid_remove (self->legend_grid, child);
      g_clear_pointer (&self->legend_shape, g_free);
      return;
    }

  gtk_label_set_text (self->legend_title, lens ? atlas_lens_get_name (lens) : _("No lens"));

  /* The same rows (a step in time): new counts and captions in place. */
  if (self->legend_rows == NULL)
    self->legend_rows = g_string_new (NULL);
  g_string_truncate (self->legend_rows, 0);
  g_string_append_printf (self->legend_rows, "%p %s\n", (gpointer) lens, lens ? atlas_lens_get_id (lens) : "");
  self->legend_mode = LEGEND_SIGN;
  fill_legend (self);
  shape = g_strdup (self->legend_rows->str);
  if (g_strcmp0 (shape, self->legend_shape) == 0)
    {
      self->legend_mode = LEGEND_UPDATE;
      fill_legend (self);
      self->legend_mode = LEGEND_BUILD;
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend_grid))))
    gtk_grid_remove (self->legend_grid, child);
  self->legend_mode = LEGEND_BUILD;
  fill_legend (self);
  g_free (self->legend_shape);
  self->legend_shape = g_steal_pointer (&shape);
}
