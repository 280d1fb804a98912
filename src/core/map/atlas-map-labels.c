/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The map's label placer (see the header). Greedy, in two passes: first
 * every name that fits over its own country, centred on its label point,
 * biggest countries first; then the others beside their country, trying
 * positions around it at growing distances and keeping the one that covers
 * the least land, over no other partner, no label and no leader. What is
 * under a label is found by hit-testing points spread over its box, so the
 * test is the same for every projection. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "atlas-iso-codes.h"
#include "atlas-map-labels.h"
#include "atlas-text-layout.h"
#include "atlas-map-render.h"

#define FONT_FAMILY "Cantarell, Nimbus Sans, DejaVu Sans, sans-serif"

typedef struct
{
  double x0, y0, x1, y1;
} Segment;

/* A ring of a partner's land, projected onto the target */
typedef struct
{
  double x0, y0, x1, y1;   /* its extent */
  guint  country;
  guint  first, count;     /* in Placer.points (x, y pairs) */
} Ring;

typedef struct
{
  AtlasMapColoring        *coloring;
  AtlasWorld              *world;
  const AtlasMapTransform *transform;
  const AtlasMapBox       *viewport;
  GArray                  *obstacles;   /* AtlasMapBox, nullable */
  GArray                  *labels;      /* AtlasMapLabel placed so far */
  GArray                  *segments;    /* leader lines placed so far */
  GArray                  *anchors;     /* AtlasMapBox of every partner's dot */
  GArray                  *rings;       /* Ring: every partner's, by country */
  GArray                  *points;      /* double: their vertices on the target */
  GHashTable              *samples;     /* lattice point -> country + 2 */
  double                   size;
} Placer;

/* What lies under a box */
typedef struct
{
  guint samples;
  guint land;        /* any land other than the label's own country */
  guint own;
  guint partners;    /* another partner's land */
} Cover;

static void
label_clear (AtlasMapLabel *label)
{
  g_clear_object (&label->partner);
  g_clear_object (&label->layout);
}

char *
atlas_map_label_name (AtlasPartner *partner)
{
  const char *english = atlas_iso_codes_get_name (atlas_partner_get_id (partner));
  const char *translated;
  const char *comma;

  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), NULL);

  /* dgettext () hands back its argument when there is no translation:
   * the dataset's own short name ("Russia") is then the better one. */
  translated = english ? dgettext ("iso_3166-1", english) : NULL;
  if (translated == NULL || translated == english)
    return atlas_text_layout_one_line (atlas_partner_get_name (partner));

  /* "Russie, Fédération de", "Rusia, Federación de": the inverted official
   * form of a list; the map wants what comes before the comma. */
  comma = strstr (translated, ", ");
  if (comma != NULL && comma > translated)
    return g_strndup (translated, comma - translated);
  return g_strdup (translated);
}

double
atlas_map_labels_window_size (double world_width,
                              double text_scale)
{
  return CLAMP (world_width / 150.0, 12.0, 20.0) * (text_scale > 0 ? text_scale : 1.0);
}

PangoContext *
atlas_map_labels_create_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  /* The same metrics on every surface: a PNG and a PDF lay out alike. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  return context;
}

static gboolean
boxes_overlap (double ax, double ay, double aw, double ah,
               double bx, double by, double bw, double bh)
{
  return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

static gboolean
point_in_box (double x, double y,
              double bx, double by, double bw, double bh)
{
  return x >= bx && x <= bx + bw && y >= by && y <= by + bh;
}

/* Liang–Barsky: whether the segment crosses the box. */
static gboolean
segment_hits_box (const Segment *s,
                  double bx, double by, double bw, double bh)
{
  double t0 = 0, t1 = 1;
  double dx = s->x1 - s->x0, dy = s->y1 - s->y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { s->x0 - bx, bx + bw - s->x0, s->y0 - by, by + bh - s->y0 };

  for (int i = 0; i < 4; i++)
    {
      if (fabs (p[i]) < 1e-12)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      {
        double t = q[i] / p[i];

        if (p[i] < 0)
          t0 = MAX (t0, t);
        else
          t1 = MIN (t1, t);
        if (t0 > t1)
          return FALSE;
      }
    }
  return TRUE;
}

static int
country_at (Placer *p,
            double  x,
            double  y)
{
  double mx, my;

  if (!p->transform->to_map (p->transform->data, x, y, &mx, &my))
    return -1;
  return atlas_world_hit_test (p->world, mx, my);
}

/* The country at a point of a lattice of @step units, remembered: the
 * candidate boxes of a label overlap, and hit-testing a big country's
 * outline is not free. */
static int
country_at_lattice (Placer *p,
                    double  step,
                    int     i,
                    int     j)
{
  gpointer key = GSIZE_TO_POINTER (((gsize) (guint32) i << 32) | (guint32) j);
  gpointer value;
  int c;

  if (g_hash_table_lookup_extended (p->samples, key, NULL, &value))
    return GPOINTER_TO_INT (value) - 2;
  c = country_at (p, i * step, j * step);
  g_hash_table_insert (p->samples, key, GINT_TO_POINTER (c + 2));
  return c;
}

static gboolean
is_partner (Placer *p,
            int     country)
{
  return country >= 0 && atlas_map_coloring_get_partner (p->coloring, country) != NULL;
}

static Cover
cover_box (Placer *p,
           guint   own,
           double  x,
           double  y,
           double  width,
           double  height)
{
  Cover cover = { 0 };
  double step = MAX (p->size * 0.3, 1.5);

  for (int j = (int) ceil (y / step); j * step <= y + height; j++)
    for (int i = (int) ceil (x / step); i * step <= x + width; i++)
      {
        int c = country_at_lattice (p, step, i, j);

        cover.samples++;
        if (c == (int) own)
          cover.own++;
        else if (c >= 0)
          {
            cover.land++;
            if (is_partner (p, c))
              cover.partners++;
          }
      }
  cover.samples = MAX (cover.samples, 1);
  return cover;
}

static guint
cover_segment (Placer        *p,
               guint          own,
               const Segment *s)
{
  double length = hypot (s->x1 - s->x0, s->y1 - s->y0);
  int n = MAX (2, (int) ceil (length / MAX (p->size * 0.3, 1.5)));
  guint hits = 0;

  double step = MAX (p->size * 0.3, 1.5);

  for (int i = 1; i < n; i++)
    {
      int c = country_at_lattice (p, step,
                                  (int) round ((s->x0 + (s->x1 - s->x0) * i / n) / step),
                                  (int) round ((s->y0 + (s->y1 - s->y0) * i / n) / step));
      if (c != (int) own && is_partner (p, c))
        hits++;
    }
  return hits;
}

static gboolean
ring_contains (Placer     *p,
               const Ring *ring,
               double      x,
               double      y)
{
  const double *v = &g_array_index (p->points, double, 2 * ring->first);
  gboolean inside = FALSE;

  for (guint i = 0, j = ring->count - 1; i < ring->count; j = i++)
    {
      double xi = v[2 * i], yi = v[2 * i + 1], xj = v[2 * j], yj = v[2 * j + 1];

      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }
  return inside;
}

/* Whether another partner's land lies under the box, a unit around it
 * (the outlines are simplified to half a unit): one of its rings' edges
 * crosses the box, or the box lies inside it. */
static gboolean
covers_partner (Placer *p,
                guint   own,
                double  x,
                double  y,
                double  width,
                double  height)
{
  guint i = 0;

  x -= 1;
  y -= 1;
  width += 2;
  height += 2;
  while (i < p->rings->len)
    {
      guint country = g_array_index (p->rings, Ring, i).country;
      gboolean inside = FALSE;

      for (; i < p->rings->len && g_array_index (p->rings, Ring, i).country == country; i++)
        {
          const Ring *ring = &g_array_index (p->rings, Ring, i);
          const double *v;

          if (country == own || ring->x0 > x + width || ring->x1 < x ||
              ring->y0 > y + height || ring->y1 < y)
            continue;
          v = &g_array_index (p->points, double, 2 * ring->first);
          for (guint k = 0, j = ring->count - 1; k < ring->count; j = k++)
            {
              Segment edge = { v[2 * j], v[2 * j + 1], v[2 * k], v[2 * k + 1] };

              if (segment_hits_box (&edge, x, y, width, height))
                return TRUE;
            }
          /* No edge crosses: the box is all inside or all outside. */
          if (ring_contains (p, ring, x, y))
            inside = !inside;
        }
      if (inside)
        return TRUE;
    }
  return FALSE;
}

/* The partners' rings on the target, simplified to half a unit (a unit
 * being a pixel of the window or a point of a PDF). */
static void
project_partners (Placer                  *p,
                  const AtlasMapTransform *transform)
{
  AtlasWorld *world = p->world;
  const AtlasGeoPoint *points = atlas_world_get_points (world);
  guint n = atlas_world_get_n_countries (world);
  double ax, ay, bx, by, world_width;
  guint level;

  /* The world's width on the target, measured along the equator */
  transform->to_target (transform->data, 0.25, 0.5, &ax, &ay);
  transform->to_target (transform->data, 0.5, 0.5, &bx, &by);
  world_width = 4 * hypot (bx - ax, by - ay);
  level = atlas_world_pick_level (world, world_width);

  for (guint c = 0; c < n; c++)
    {
      const AtlasGeoSpan *rings;
      guint n_rings;

      if (atlas_map_coloring_get_partner (p->coloring, c) == NULL)
        continue;
      rings = atlas_world_country_get_rings (world, c, level, &n_rings);
      for (guint r = 0; r < n_rings; r++)
        {
          Ring ring = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE, c,
                        p->points->len / 2, rings[r].count };

          if (rings[r].count < 3)
            continue;
          if (transform->frame != NULL)
            {
              double *out;

              g_array_set_size (p->points, p->points->len + 2 * rings[r].count);
              out = &g_array_index (p->points, double, 2 * ring.first);
              atlas_map_frame_project_span (transform->frame, world, &rings[r], level, out);
              for (guint k = 0; k < rings[r].count; k++)
                {
                  ring.x0 = MIN (ring.x0, out[2 * k]);
                  ring.y0 = MIN (ring.y0, out[2 * k + 1]);
                  ring.x1 = MAX (ring.x1, out[2 * k]);
                  ring.y1 = MAX (ring.y1, out[2 * k + 1]);
                }
            }
          else
            for (guint k = 0; k < rings[r].count; k++)
              {
                const AtlasGeoPoint *pt = &points[rings[r].first + k];
                double tx, ty;

                transform->to_target (transform->data, pt->x, pt->y, &tx, &ty);
                g_array_append_val (p->points, tx);
                g_array_append_val (p->points, ty);
                ring.x0 = MIN (ring.x0, tx);
                ring.y0 = MIN (ring.y0, ty);
                ring.x1 = MAX (ring.x1, tx);
                ring.y1 = MAX (ring.y1, ty);
              }
          /* An islet cut by the map's edge meridian, drawn on one side
           * and clipped: its projected points wrap to both sides. */
          if (ring.x1 - ring.x0 > world_width / 2)
            {
              g_array_set_size (p->points, 2 * ring.first);
              continue;
            }
          g_array_append_val (p->rings, ring);
        }
    }
}

/* Whether the box lies inside the viewport, off the obstacles. */
static gboolean
box_in_view (Placer *p,
             double  x,
             double  y,
             double  width,
             double  height)
{
  const AtlasMapBox *v = p->viewport;

  if (x < v->x || y < v->y || x + width > v->x + v->width || y + height > v->y + v->height)
    return FALSE;
  for (guint i = 0; p->obstacles && i < p->obstacles->len; i++)
    {
      AtlasMapBox *o = &g_array_index (p->obstacles, AtlasMapBox, i);
      if (boxes_overlap (x, y, width, height, o->x, o->y, o->width, o->height))
        return FALSE;
    }
  return TRUE;
}

/* Whether the box, in view, keeps clear of the labels and leaders placed so
 * far and of other partners' dots. */
static gboolean
box_is_free (Placer *p,
             double  x,
             double  y,
             double  width,
             double  height)
{
  if (!box_in_view (p, x, y, width, height))
    return FALSE;
  for (guint i = 0; i < p->labels->len; i++)
    {
      AtlasMapLabel *l = &g_array_index (p->labels, AtlasMapLabel, i);
      if (boxes_overlap (x, y, width, height, l->x, l->y, l->width, l->height))
        return FALSE;
    }
  for (guint i = 0; i < p->segments->len; i++)
    if (segment_hits_box (&g_array_index (p->segments, Segment, i), x, y, width, height))
      return FALSE;
  for (guint i = 0; i < p->anchors->len; i++)
    {
      AtlasMapBox *a = &g_array_index (p->anchors, AtlasMapBox, i);
      /* its own dot is stored with a zero size */
      if (a->width > 0 && boxes_overlap (x, y, width, height, a->x, a->y, a->width, a->height))
        return FALSE;
    }
  return TRUE;
}

static void
accept (Placer        *p,
        AtlasMapLabel *label,
        double         x,
        double         y,
        gboolean       leader)
{
  double pad = p->size * 0.2;

  label->x = x;
  label->y = y;
  label->text_x = x + pad;
  label->text_y = y + pad;
  label->leader = leader;
  if (leader)
    {
      /* From the dot to the nearest point of the box */
      Segment s = { label->anchor_x, label->anchor_y,
                    CLAMP (label->anchor_x, x, x + label->width),
                    CLAMP (label->anchor_y, y, y + label->height) };
      g_array_append_val (p->segments, s);
    }
  g_array_append_val (p->labels, *label);
}

/* The box of a label centred on its anchor, if it covers no other partner
 * and stays mostly over its own country or the sea. */
static gboolean
try_centred (Placer        *p,
             AtlasMapLabel *label)
{
  double x = label->anchor_x - label->width / 2;
  double y = label->anchor_y - label->height / 2;
  double pad = p->size * 0.2;
  Cover cover;

  if (!box_is_free (p, x, y, label->width, label->height))
    return FALSE;
  /* The text itself, not its halo, must name only its country. */
  if (covers_partner (p, label->country, x + pad, y + pad, label->width - 2 * pad, label->height - 2 * pad))
    return FALSE;
  cover = cover_box (p, label->country, x + pad, y + pad, label->width - 2 * pad, label->height - 2 * pad);
  if (cover.own * 2 < cover.samples)
    return FALSE;
  accept (p, label, x, y, FALSE);
  return TRUE;
}

typedef struct
{
  double x, y, score;
  gboolean found;
} Best;

static void
consider (Placer        *p,
          AtlasMapLabel *label,
          double         x,
          double         y,
          double         distance,
          gboolean       strict,
          Best          *best)
{
  const AtlasMapBox *v = p->viewport;
  Segment s;
  Cover cover;
  guint crossed;
  double score;

  /* Pushed back inside the viewport: a country at its edge labels inwards. */
  x = CLAMP (x, v->x, v->x + v->width - label->width);
  y = CLAMP (y, v->y, v->y + v->height - label->height);
  if (point_in_box (label->anchor_x, label->anchor_y, x, y, label->width, label->height))
    return;
  if (strict ? !box_is_free (p, x, y, label->width, label->height)
             : !box_in_view (p, x, y, label->width, label->height))
    return;

  if (strict && covers_partner (p, label->country, x, y, label->width, label->height))
    return;
  cover = cover_box (p, label->country, x, y, label->width, label->height);
  s = (Segment) { label->anchor_x, label->anchor_y,
                  CLAMP (label->anchor_x, x, x + label->width),
                  CLAMP (label->anchor_y, y, y + label->height) };
  crossed = cover_segment (p, label->country, &s);

  /* Near, over the sea, its leader crossing no other partner. */
  score = distance / p->size
          + 6.0 * cover.land / cover.samples
          + 2.0 * cover.own / cover.samples
          + 3.0 * crossed;
  if (!strict)
    {
      /* Least harm: another partner's land, then other labels. */
      score += 50.0 * cover.partners / cover.samples;
      for (guint i = 0; i < p->labels->len; i++)
        {
          AtlasMapLabel *l = &g_array_index (p->labels, AtlasMapLabel, i);
          if (boxes_overlap (x, y, label->width, label->height, l->x, l->y, l->width, l->height))
            score += 100.0;
        }
    }
  if (!best->found || score < best->score)
    *best = (Best) { x, y, score, TRUE };
}

static gboolean
try_beside (Placer        *p,
            AtlasMapLabel *label,
            gboolean       strict)
{
  static const double distances[] = { 0.6, 1.4, 2.4, 3.6, 5.0, 7.0, 9.5 };
  Best best = { 0 };

  for (guint d = 0; d < G_N_ELEMENTS (distances); d++)
    {
      double distance = distances[d] * p->size;

      for (int k = 0; k < 16; k++)
        {
          double angle = k * G_PI / 8;
          double dx = cos (angle), dy = sin (angle);
          /* The box's near edge at the distance, along the direction */
          double cx = label->anchor_x + dx * (distance + label->width / 2);
          double cy = label->anchor_y + dy * (distance + label->height / 2);

          consider (p, label, cx - label->width / 2, cy - label->height / 2, distance, strict, &best);
        }
      /* A good place near by beats a perfect one far away. */
      if (best.found && best.score < distances[d] + 1.0)
        break;
    }
  if (!best.found)
    return FALSE;
  accept (p, label, best.x, best.y, TRUE);
  return TRUE;
}

static int
compare_by_area (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  AtlasWorld *world = user_data;
  const AtlasMapLabel *la = a, *lb = b;
  double ax0, ay0, ax1, ay1, bx0, by0, bx1, by1, area_a, area_b;

  atlas_world_country_get_bounds (world, la->country, &ax0, &ay0, &ax1, &ay1);
  atlas_world_country_get_bounds (world, lb->country, &bx0, &by0, &bx1, &by1);
  area_a = (ax1 - ax0) * (ay1 - ay0);
  area_b = (bx1 - bx0) * (by1 - by0);
  if (area_a != area_b)
    return (area_a < area_b) - (area_a > area_b);
  return strcmp (atlas_partner_get_id (la->partner), atlas_partner_get_id (lb->partner));
}

GArray *
atlas_map_labels_place (AtlasMapColoring        *coloring,
                        const AtlasMapTransform *transform,
                        const AtlasMapBox       *viewport,
                        GArray                  *obstacles,
                        PangoContext            *context,
                        double                   size)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (AtlasMapLabel));
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autoptr(GArray) anchors = g_array_new (FALSE, FALSE, sizeof (AtlasMapBox));
  g_autoptr(GArray) rings = g_array_new (FALSE, FALSE, sizeof (Ring));
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) samples = g_hash_table_new (NULL, NULL);
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (AtlasMapLabel));
  PangoFontDescription *font;
  AtlasWorld *world;
  Placer p;
  double pad = size * 0.2, dot = MAX (size * 0.35, 3);
  guint n_countries;

  g_return_val_if_fail (coloring != NULL, labels);
  g_return_val_if_fail (transform != NULL && viewport != NULL, labels);
  g_array_set_clear_func (labels, (GDestroyNotify) label_clear);
  if (size <= 0)
    return labels;

  world = atlas_map_coloring_get_world (coloring);
  n_countries = atlas_world_get_n_countries (world);
  font = pango_font_description_from_string (FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);

  for (guint c = 0; c < n_countries; c++)
    {
      AtlasPartner *partner = atlas_map_coloring_get_partner (coloring, c);
      AtlasMapLabel label = { 0 };
      g_autofree char *name = NULL;
      double mx, my;
      int w, h;

      if (partner == NULL)
        continue;
      atlas_world_country_get_label_point (world, c, &mx, &my);
      transform->to_target (transform->data, mx, my, &label.anchor_x, &label.anchor_y);
      if (!point_in_box (label.anchor_x, label.anchor_y,
                         viewport->x, viewport->y, viewport->width, viewport->height))
        continue;

      label.partner = g_object_ref (partner);
      label.country = c;
      label.layout = pango_layout_new (context);
      pango_layout_set_font_description (label.layout, font);
      name = atlas_map_label_name (partner);
      pango_layout_set_text (label.layout, name, -1);
      pango_layout_get_size (label.layout, &w, &h);
      label.width = (double) w / PANGO_SCALE + 2 * pad;
      label.height = (double) h / PANGO_SCALE + 2 * pad;
      g_array_append_val (pending, label);
    }
  pango_font_description_free (font);
  g_array_sort_with_data (pending, compare_by_area, world);

  /* Every dot is an obstacle to the other labels. */
  for (guint i = 0; i < pending->len; i++)
    {
      AtlasMapLabel *l = &g_array_index (pending, AtlasMapLabel, i);
      AtlasMapBox a = { l->anchor_x - dot, l->anchor_y - dot, 2 * dot, 2 * dot };
      g_array_append_val (anchors, a);
    }

  p = (Placer) { coloring, world, transform, viewport, obstacles, labels, segments, anchors,
                 rings, points, samples, size };
  project_partners (&p, transform);

  {
    g_autofree gboolean *done = g_new0 (gboolean, pending->len);

    for (guint pass = 0; pass < 3; pass++)
      for (guint i = 0; i < pending->len; i++)
        {
          AtlasMapLabel *l = &g_array_index (pending, AtlasMapLabel, i);
          AtlasMapBox *own = &g_array_index (anchors, AtlasMapBox, i);
          AtlasMapBox saved = *own;
          gboolean placed;

          if (done[i])
            continue;
          own->width = own->height = 0;
          if (pass == 0)
            placed = try_centred (&p, l);
          else
            placed = try_beside (&p, l, pass == 1);
          *own = saved;
          if (!placed && pass == 2)
            {
              /* Nowhere at all (a viewport smaller than the name): on its
               * dot, clamped into the viewport. */
              accept (&p, l,
                      CLAMP (l->anchor_x - l->width / 2, viewport->x, viewport->x + viewport->width - l->width),
                      CLAMP (l->anchor_y - l->height / 2, viewport->y, viewport->y + viewport->height - l->height),
                      FALSE);
              placed = TRUE;
            }
          done[i] = placed;
        }
  }
  /* The labels own the partners and layouts now. */
  g_array_set_size (pending, 0);

  return labels;
}

void
atlas_map_labels_draw (cairo_t *cr,
                       GArray  *labels,
                       double   size)
{
  guint32 text = ATLAS_MAP_TEXT_COLOR;

  g_return_if_fail (cr != NULL);

  if (labels == NULL || labels->len == 0)
    return;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* Leaders first: the text goes over them. A light casing keeps a line
   * visible on every fill. */
  for (int casing = 1; casing >= 0; casing--)
    for (guint i = 0; i < labels->len; i++)
      {
        AtlasMapLabel *l = &g_array_index (labels, AtlasMapLabel, i);
        double ex, ey, r = MAX (size * 0.17, 2.0);
        double pad = size * 0.2;

        if (!l->leader)
          continue;
        ex = CLAMP (l->anchor_x, l->x + pad, l->x + l->width - pad);
        ey = CLAMP (l->anchor_y, l->y + pad, l->y + l->height - pad);
        if (casing)
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
        else
          cairo_set_source_rgb (cr, ((text >> 16) & 0xff) / 255.0, ((text >> 8) & 0xff) / 255.0,
                                (text & 0xff) / 255.0);
        cairo_set_line_width (cr, MAX (size * 0.08, 0.75) + (casing ? MAX (size * 0.12, 1.5) : 0));
        cairo_move_to (cr, l->anchor_x, l->anchor_y);
        cairo_line_to (cr, ex, ey);
        cairo_stroke (cr);
        cairo_arc (cr, l->anchor_x, l->anchor_y, r + (casing ? MAX (size * 0.06, 1.0) : 0), 0, 2 * G_PI);
        cairo_fill (cr);
      }

  for (guint i = 0; i < labels->len; i++)
    {
      AtlasMapLabel *l = &g_array_index (labels, AtlasMapLabel, i);

      cairo_move_to (cr, l->text_x, l->text_y);
      pango_cairo_layout_path (cr, l->layout);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.88);
      cairo_set_line_width (cr, size * 0.3);
      cairo_stroke (cr);

      cairo_move_to (cr, l->text_x, l->text_y);
      cairo_set_source_rgb (cr, ((text >> 16) & 0xff) / 255.0, ((text >> 8) & 0xff) / 255.0,
                            (text & 0xff) / 255.0);
      pango_cairo_show_layout (cr, l->layout);
    }
  cairo_restore (cr);
}

int
atlas_map_labels_pick (GArray *labels,
                       double  x,
                       double  y,
                       double  size)
{
  double reach = MAX (size * 0.6, 8.0);

  if (labels == NULL)
    return -1;
  for (guint i = 0; i < labels->len; i++)
    {
      AtlasMapLabel *l = &g_array_index (labels, AtlasMapLabel, i);

      if (point_in_box (x, y, l->x, l->y, l->width, l->height))
        return (int) l->country;
      if (l->leader && hypot (x - l->anchor_x, y - l->anchor_y) <= reach)
        return (int) l->country;
    }
  return -1;
}
