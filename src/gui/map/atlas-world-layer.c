/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#include "atlas-map-labels.h"
#include "atlas-world-layer.h"


struct _AtlasWorldLayer
{
  ShumateLayer parent_instance;

  AtlasMapColoring *coloring;
  AtlasMapPaintFlags flags;
  AtlasMapProjection projection;
  int selected;
  double text_scale;

  /* The cached rendering: device pixels [x, x + width) of a world
   * world_device pixels wide, drawn with the colouring and flags below. */
  cairo_surface_t *cache;
  double cache_world_device;
  double cache_x, cache_y;
  int cache_width, cache_height;
  AtlasMapColoring *cache_coloring;
  AtlasMapPaintFlags cache_flags;
  int cache_scale;
  AtlasMapProjection cache_projection;
  /* Just the view, drawn first after a zoom or a change of colours; an
   * idle callback then draws the margins a pan would need. */
  gboolean cache_partial;
  guint extend_id;
  /* The cache's region as country numbers (atlas_map_raster_new ()): a
   * new colouring of it (a lens, a date) is a look-up, not a new drawing. */
  AtlasMapRaster *raster;
  double raster_world_device, raster_x, raster_y;
  int raster_width, raster_height, raster_scale;
  AtlasMapProjection raster_projection;

  /* The labels of the view, placed for labels_frame */
  GArray *labels;
  AtlasMapFrame labels_frame;
  AtlasMapColoring *labels_coloring;
  double label_size;
  GArray *obstacles;
  PangoContext *pango_context;
  /* The labels drawn once, for labels_surface_frame: a pan paints them
   * shifted, as the map's cache. */
  cairo_surface_t *labels_surface;
  AtlasMapFrame labels_surface_frame;
};

enum {
  PROP_0,
  PROP_COLORING,
  PROP_FLAGS,
  PROP_SELECTED,
  PROP_PROJECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasWorldLayer, atlas_world_layer, SHUMATE_TYPE_LAYER)

static void
drop_cache (AtlasWorldLayer *self)
{
  g_clear_handle_id (&self->extend_id, g_source_remove);
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  g_clear_pointer (&self->cache_coloring, atlas_map_coloring_unref);
}

/* Whether the flags allow drawing through a raster: plain colours only */
static gboolean
raster_flags (AtlasMapPaintFlags flags)
{
  return (flags & (ATLAS_MAP_PAINT_HATCH | ATLAS_MAP_PAINT_TRANSLUCENT | ATLAS_MAP_PAINT_NO_OCEAN)) == 0;
}

static gboolean
raster_matches (AtlasWorldLayer *self,
                double           world_device,
                double           x0,
                double           y0,
                int              width,
                int              height,
                int              scale)
{
  return self->raster != NULL && self->raster_world_device == world_device &&
         self->raster_x == x0 && self->raster_y == y0 && self->raster_width == width &&
         self->raster_height == height && self->raster_scale == scale &&
         self->raster_projection == self->projection;
}

static double
tile_size (ShumateViewport *viewport)
{
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);

  return source ? shumate_map_source_get_tile_size (source) : 256;
}

static void
drop_labels (AtlasWorldLayer *self)
{
  g_clear_pointer (&self->labels_surface, cairo_surface_destroy);
  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->labels_coloring, atlas_map_coloring_unref);
}

static void
frame_to_target (gpointer data,
                 double   mx,
                 double   my,
                 double  *x,
                 double  *y)
{
  atlas_map_frame_project (data, mx, my, x, y);
}

static gboolean
frame_to_map (gpointer data,
              double   x,
              double   y,
              double  *mx,
              double  *my)
{
  return atlas_map_frame_unproject (data, x, y, mx, my);
}

/* The frame of a part of the plane (atlas_map_to_plane ()): @u, @v at the
 * target's origin, the world @world_width target units wide. */
static void
plane_frame (AtlasWorldLayer *self,
             double           u,
             double           v,
             double           world_width,
             double           width,
             double           height,
             double           pixel,
             AtlasMapFrame   *frame)
{
  *frame = (AtlasMapFrame) { 0 };
  atlas_map_frame_init_plane (frame, self->projection, u, v, world_width);
  frame->width = width;
  frame->height = height;
  frame->pixel = pixel;
  frame->text_scale = self->text_scale;
}

/* The viewport's centre on the plane, and the world's width in layer
 * pixels: the viewport's own Web Mercator maths, whatever the projection. */
static void
get_plane_view (AtlasWorldLayer *self,
                double          *u0,
                double          *v0,
                double          *world_width)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double center_u, center_v;

  atlas_geo_lonlat_to_map (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                           shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                           &center_u, &center_v);
  *world_width = tile_size (viewport) * pow (2.0, shumate_viewport_get_zoom_level (viewport));
  *u0 = center_u - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 / *world_width;
  *v0 = center_v - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 / *world_width;
}

/* The box the labels go in, and whose label points the placer labels:
 * the view less a thin margin. */
static AtlasMapBox
label_viewport (const AtlasMapFrame *frame)
{
  const double margin = 2;

  return (AtlasMapBox) { margin, margin, frame->width - 2 * margin, frame->height - 2 * margin };
}

/* A fingerprint of the partners whose label points are in the labels'
 * box (the placer labels exactly those, so a partner coming into it
 * from the margin counts as one coming into view). */

static guint64
visible_anchors (AtlasWorldLayer     *self,
                 const AtlasMapFrame *frame)
{
  AtlasMapBox box = label_viewport (frame);

  AtlasWorld *world = atlas_map_coloring_get_world (self->coloring);
  guint n = atlas_world_get_n_countries (world);
  guint64 hash = 17;

  for (guint c = 0; c < n; c++)
    {
      double mx, my, x, y;

      if (atlas_map_coloring_get_partner (self->coloring, c) == NULL)
        continue;
      atlas_world_country_get_label_point (world, c, &mx, &my);
      frame_to_target ((gpointer) frame, mx, my, &x, &y);
      if (x >= box.x && y >= box.y && x <= box.x + box.width && y <= box.y + box.height)
        hash = hash * 1000003 + c;
    }
  return hash;
}

/* Whether two colourings label the same countries with the same names:
 * then the labels placed for one fit the other (a step in time that only
 * changes colours, or a frame of its cross-fade). */
static gboolean
same_labelling (AtlasMapColoring *a,
                AtlasMapColoring *b)
{
  AtlasWorld *world = atlas_map_coloring_get_world (a);
  guint n;

  if (world != atlas_map_coloring_get_world (b))
    return FALSE;
  n = atlas_world_get_n_countries (world);
  for (guint c = 0; c < n; c++)
    {
      AtlasPartner *pa = atlas_map_coloring_get_partner (a, c);
      AtlasPartner *pb = atlas_map_coloring_get_partner (b, c);
      g_autofree char *name_a = NULL;
      g_autofree char *name_b = NULL;

      if (pa == pb)
        continue;
      if (pa == NULL || pb == NULL ||
          g_strcmp0 (atlas_partner_get_id (pa), atlas_partner_get_id (pb)) != 0)
        return FALSE;
      name_a = atlas_map_label_name (pa);
      name_b = atlas_map_label_name (pb);
      if (g_strcmp0 (name_a, name_b) != 0)
        return FALSE;
    }

  return TRUE;
}

/* A pan moves the labels with the map while they all stay in view and no
 * partner comes or goes; anything else places them again. */
static void
update_labels (AtlasWorldLayer     *self,
               const AtlasMapFrame *frame)
{
  AtlasMapFrame *old = &self->labels_frame;
  AtlasMapBox viewport = label_viewport (frame);
  AtlasMapTransform transform = { frame_to_target, frame_to_map, (gpointer) frame, frame };
  double size = atlas_map_labels_window_size (atlas_map_frame_get_world_width (frame), self->text_scale);

  /* New colours on the same partners: the same labels. */
  if (self->labels != NULL && self->labels_coloring != self->coloring &&
      same_labelling (self->labels_coloring, self->coloring))
    {
      for (guint i = 0; i < self->labels->len; i++)
        {
          AtlasMapLabel *l = &g_array_index (self->labels, AtlasMapLabel, i);

          g_set_object (&l->partner, atlas_map_coloring_get_partner (self->coloring, l->country));
        }
      g_clear_pointer (&self->labels_coloring, atlas_map_coloring_unref);
      self->labels_coloring = atlas_map_coloring_ref (self->coloring);
    }

  if (self->labels != NULL && self->labels_coloring == self->coloring &&
      old->projection == frame->projection && old->scale == frame->scale && old->width == frame->width && old->height == frame->height &&
      size == self->label_size)
    {
      double dx = (old->x - frame->x) * frame->scale;
      double dy = (old->y - frame->y) * frame->scale;
      gboolean fits = TRUE;

      if (dx == 0 && dy == 0)
        return;
      for (guint i = 0; i < self->labels->len && fits; i++)
        {
          AtlasMapLabel *l = &g_array_index (self->labels, AtlasMapLabel, i);

          fits = l->x + dx >= viewport.x && l->y + dy >= viewport.y &&
                 l->x + dx + l->width <= viewport.x + viewport.width &&
                 l->y + dy + l->height <= viewport.y + viewport.height;
          /* The legend stays put while the map moves. */
          for (guint k = 0; fits && self->obstacles && k < self->obstacles->len; k++)
            {
              AtlasMapBox *o = &g_array_index (self->obstacles, AtlasMapBox, k);

              fits = !(l->x + dx < o->x + o->width && o->x < l->x + dx + l->width &&
                       l->y + dy < o->y + o->height && o->y < l->y + dy + l->height);
            }
        }
      if (fits && visible_anchors (self, old) == visible_anchors (self, frame))
        {
          for (guint i = 0; i < self->labels->len; i++)
            {
              AtlasMapLabel *l = &g_array_index (self->labels, AtlasMapLabel, i);

              l->x += dx;
              l->y += dy;
              l->text_x += dx;
              l->text_y += dy;
              l->anchor_x += dx;
              l->anchor_y += dy;
            }
          *old = *frame;
          return;
        }
    }

  drop_labels (self);
  if (self->pango_context == NULL)
    self->pango_context = atlas_map_labels_create_context ();
  self->labels = atlas_map_labels_place (self->coloring, &transform, &viewport, self->obstacles,
                                         self->pango_context, size);
  self->labels_coloring = atlas_map_coloring_ref (self->coloring);
  self->labels_frame = *frame;
  self->label_size = size;
}

static void
viewport_changed_cb (AtlasWorldLayer *self,
                     GParamSpec      *pspec,
                     ShumateViewport *viewport)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* @surface as the source at @x, @y, read when the node is drawn: a cairo
 * node records a surface set as a source as a copy-on-write snapshot,
 * and a snapshot still held by the last frame's node when the cache is
 * recoloured or freed costs a copy of the whole cache. A raster source
 * hands the surface as it is when drawn; the cache only changes in the
 * next snapshot, which makes the node that will be drawn. */
static cairo_surface_t *
acquire_surface (cairo_pattern_t             *pattern,
                 void                        *data,
                 cairo_surface_t             *target,
                 const cairo_rectangle_int_t *extents)
{
  return cairo_surface_reference (data);
}

static void
release_surface (cairo_pattern_t *pattern,
                 void            *data,
                 cairo_surface_t *surface)
{
  cairo_surface_destroy (surface);
}

static cairo_status_t
copy_source (cairo_pattern_t       *pattern,
             void                  *data,
             const cairo_pattern_t *other)
{
  cairo_surface_reference (data);
  return CAIRO_STATUS_SUCCESS;
}

static void
finish_source (cairo_pattern_t *pattern,
               void            *data)
{
  cairo_surface_destroy (data);
}

static void
set_source_live (cairo_t         *cr,
                 cairo_surface_t *surface,
                 double           x,
                 double           y)
{
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  double sx, sy;

  cairo_surface_get_device_scale (surface, &sx, &sy);
  pattern = cairo_pattern_create_raster_source (cairo_surface_reference (surface), CAIRO_CONTENT_COLOR_ALPHA,
                                                cairo_image_surface_get_width (surface),
                                                cairo_image_surface_get_height (surface));
  cairo_raster_source_pattern_set_acquire (pattern, acquire_surface, release_surface);
  cairo_raster_source_pattern_set_copy (pattern, copy_source);
  cairo_raster_source_pattern_set_finish (pattern, finish_source);
  /* User space to the surface's pixels, as its device scale would */
  cairo_matrix_init_scale (&matrix, sx, sy);
  cairo_matrix_translate (&matrix, -x, -y);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_NONE);
  cairo_set_source (cr, pattern);
  cairo_pattern_destroy (pattern);
}

static gboolean extend_cache_cb (gpointer user_data);

static void
paint_labels (AtlasWorldLayer     *self,
              cairo_t             *cr,
              const AtlasMapFrame *frame,
              int                  scale)
{
  AtlasMapFrame *drawn = &self->labels_surface_frame;

  if (self->labels == NULL || self->labels->len == 0)
    return;
  if (self->labels_surface != NULL)
    {
      double sx, sy;

      cairo_surface_get_device_scale (self->labels_surface, &sx, &sy);
      if (sx != scale)
        g_clear_pointer (&self->labels_surface, cairo_surface_destroy);
    }
  if (self->labels_surface == NULL)
    {
      cairo_t *labels_cr;

      self->labels_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (frame->width * scale),
                                                         (int) ceil (frame->height * scale));
      cairo_surface_set_device_scale (self->labels_surface, scale, scale);
      labels_cr = cairo_create (self->labels_surface);
      atlas_map_labels_draw (labels_cr, self->labels, self->label_size);
      cairo_destroy (labels_cr);
      *drawn = *frame;
    }
  /* Only where there are labels: a whole-view paint per frame would cost
   * more than the map's own. */
  cairo_save (cr);
  for (guint i = 0; i < self->labels->len; i++)
    {
      AtlasMapLabel *l = &g_array_index (self->labels, AtlasMapLabel, i);
      double pad = self->label_size * 0.5;
      double x0 = MIN (l->x, l->anchor_x) - pad, y0 = MIN (l->y, l->anchor_y) - pad;
      double x1 = MAX (l->x + l->width, l->anchor_x) + pad, y1 = MAX (l->y + l->height, l->anchor_y) + pad;

      cairo_rectangle (cr, floor (x0), floor (y0), ceil (x1 - x0) + 1, ceil (y1 - y0) + 1);
    }
  cairo_clip (cr);
  set_source_live (cr, self->labels_surface,
                            round ((drawn->x - frame->x) * frame->scale * scale) / scale,
                            round ((drawn->y - frame->y) * frame->scale * scale) / scale);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void draw_region (AtlasWorldLayer *self,
                         double           world_device,
                         double           x0,
                         double           y0,
                         double           x1,
                         double           y1,
                         int              scale,
                         gboolean         partial);

static void
render_cache (AtlasWorldLayer *self,
              double           world_device,
              double           view_x,
              double           view_y,
              double           view_width,
              double           view_height,
              int              scale,
              gboolean         partial)
{
  double x0, y0, x1, y1, top, bottom, u;

  /* The world's top and bottom on the plane, in device pixels */
  atlas_map_to_plane (self->projection, 0.5, 0, &u, &top);
  atlas_map_to_plane (self->projection, 0.5, 1, &u, &bottom);
  top = floor (top * world_device);
  bottom = ceil (bottom * world_device);

  if (partial)
    {
      x0 = view_x;
      x1 = view_x + view_width;
      y0 = view_y;
      y1 = view_y + view_height;
    }
  /* A quarter of the view each way; all of the world when it is at most
   * twice the view, as in the wide views, where every pan is then free. */
  else if (world_device <= 2 * view_width)
    {
      x0 = MIN (0, view_x);
      x1 = MAX (world_device, view_x + view_width);
    }
  else
    {
      x0 = MAX (view_x - view_width / 4, MIN (0, view_x));
      x1 = MIN (view_x + view_width * 5 / 4, MAX (world_device, view_x + view_width));
    }
  if (partial)
    ;
  else if (bottom - top <= 2 * view_height)
    {
      y0 = MIN (top, view_y);
      y1 = MAX (bottom, view_y + view_height);
    }
  else
    {
      y0 = MAX (view_y - view_height / 4, MIN (top, view_y));
      y1 = MIN (view_y + view_height * 5 / 4, MAX (bottom, view_y + view_height));
    }
  x0 = floor (x0);
  y0 = floor (y0);
  x1 = ceil (x1);
  y1 = ceil (y1);
  draw_region (self, world_device, x0, y0, x1, y1, scale, partial);
}

/* Draws the cache: device pixels [x0, x1) x [y0, y1) of a world
 * world_device pixels wide. */
static void
draw_region (AtlasWorldLayer *self,
             double           world_device,
             double           x0,
             double           y0,
             double           x1,
             double           y1,
             int              scale,
             gboolean         partial)
{
  AtlasMapFrame frame = { 0 };
  cairo_t *cr;

  /* A new colouring of the region a raster holds: a look-up */
  if (!partial && raster_flags (self->flags) && self->coloring != NULL)
    {
      AtlasMapFrame raster_frame = { 0 };

      if (!raster_matches (self, world_device, x0, y0, (int) (x1 - x0), (int) (y1 - y0), scale))
        {
          g_clear_pointer (&self->raster, atlas_map_raster_free);
          plane_frame (self, x0 / world_device, y0 / world_device, world_device / scale,
                       (x1 - x0) / scale, (y1 - y0) / scale, 1.0 / scale, &raster_frame);
          self->raster = atlas_map_raster_new (atlas_map_coloring_get_world (self->coloring), &raster_frame);
          self->raster_world_device = world_device;
          self->raster_x = x0;
          self->raster_y = y0;
          self->raster_width = (int) (x1 - x0);
          self->raster_height = (int) (y1 - y0);
          self->raster_scale = scale;
          self->raster_projection = self->projection;
        }
    }

  drop_cache (self);
  self->cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (x1 - x0), (int) (y1 - y0));
  cairo_surface_set_device_scale (self->cache, scale, scale);
  self->cache_world_device = world_device;
  self->cache_x = x0;
  self->cache_y = y0;
  self->cache_width = (int) (x1 - x0);
  self->cache_height = (int) (y1 - y0);
  self->cache_coloring = atlas_map_coloring_ref (self->coloring);
  self->cache_flags = self->flags;
  self->cache_scale = scale;
  self->cache_partial = partial;
  if (partial)
    self->extend_id = g_idle_add_full (G_PRIORITY_LOW, extend_cache_cb, self, NULL);

  self->cache_projection = self->projection;
  plane_frame (self, x0 / world_device, y0 / world_device, world_device / scale,
               (x1 - x0) / scale, (y1 - y0) / scale, 1.0 / scale, &frame);
  if (partial || !raster_flags (self->flags) ||
      !raster_matches (self, world_device, x0, y0, self->cache_width, self->cache_height, scale) ||
      !atlas_map_raster_paint (self->raster, self->coloring, self->flags, self->cache))
    {
      cr = cairo_create (self->cache);
      atlas_map_paint (cr, self->coloring, &frame, self->flags);
      cairo_destroy (cr);
    }
  /* Nothing draws into it from now on: a new one replaces it. */
  cairo_surface_flush (self->cache);
}

/* The cache recoloured in place where the colours differ from the ones it
 * shows: a step in time repaints the few countries it changes. */
static void
recolor_cache (AtlasWorldLayer *self,
               double           world_device,
               int              scale)
{
  if (!atlas_map_raster_repaint (self->raster, self->cache_coloring, self->coloring, self->flags, self->cache))
    {
      /* Not the raster's region after all: drawn again */
      draw_region (self, world_device, self->cache_x, self->cache_y, self->cache_x + self->cache_width,
                   self->cache_y + self->cache_height, scale, FALSE);
      return;
    }
  cairo_surface_flush (self->cache);
  g_clear_pointer (&self->cache_coloring, atlas_map_coloring_unref);
  self->cache_coloring = atlas_map_coloring_ref (self->coloring);
}

static gboolean
extend_cache_cb (gpointer user_data)
{
  AtlasWorldLayer *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double world_device, u0, v0, world_width;

  self->extend_id = 0;
  get_plane_view (self, &u0, &v0, &world_width);
  world_device = world_width * scale;
  /* Only if the partial drawing is still the one on screen. */
  if (self->cache != NULL && self->cache_partial && self->coloring == self->cache_coloring &&
      self->flags == self->cache_flags && self->cache_scale == scale &&
      self->cache_projection == self->projection &&
      self->cache_world_device == world_device && width > 0 && height > 0)
    render_cache (self, world_device, u0 * world_device, v0 * world_device,
                  width * scale, height * scale, scale, FALSE);
  return G_SOURCE_REMOVE;
}

static void
atlas_world_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AtlasWorldLayer *self = ATLAS_WORLD_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  AtlasMapFrame frame = { 0 };
  double world_device, world_width, u0, v0, view_x, view_y, shift_x, shift_y;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->coloring == NULL)
    return;

  get_plane_view (self, &u0, &v0, &world_width);
  world_device = world_width * scale;
  view_x = u0 * world_device;
  view_y = v0 * world_device;

  if (self->cache != NULL && self->cache_coloring != self->coloring && !self->cache_partial &&
      self->cache_projection == self->projection && self->cache_world_device == world_device &&
      self->cache_flags == self->flags && self->cache_scale == scale && raster_flags (self->flags) &&
      raster_matches (self, world_device, self->cache_x, self->cache_y, self->cache_width, self->cache_height, scale) &&
      view_x >= self->cache_x && view_y >= self->cache_y &&
      view_x + width * scale <= self->cache_x + self->cache_width &&
      view_y + height * scale <= self->cache_y + self->cache_height)
    /* Only the colours changed, over a region the raster holds */
    recolor_cache (self, world_device, scale);
  else if (self->cache == NULL ||
      self->cache_projection != self->projection ||
      self->cache_world_device != world_device ||
      self->cache_coloring != self->coloring ||
      self->cache_flags != self->flags ||
      self->cache_scale != scale)
    render_cache (self, world_device, view_x, view_y, width * scale, height * scale, scale, TRUE);
  else if (view_x < self->cache_x || view_y < self->cache_y ||
           view_x + width * scale > self->cache_x + self->cache_width ||
           view_y + height * scale > self->cache_y + self->cache_height)
    render_cache (self, world_device, view_x, view_y, width * scale, height * scale, scale, FALSE);

  /* Shift by whole device pixels so that the cache stays sharp. */
  shift_x = round (self->cache_x - view_x) / scale;
  shift_y = round (self->cache_y - view_y) / scale;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  set_source_live (cr, self->cache, shift_x, shift_y);
  cairo_paint (cr);

  /* Drawn where the cache put the countries, to the device pixel. */
  plane_frame (self, self->cache_x / world_device - shift_x / world_width,
               self->cache_y / world_device - shift_y / world_width, world_width,
               width, height, 1.0 / scale, &frame);
  if (self->selected >= 0)
    atlas_map_paint_outline (cr, atlas_map_coloring_get_world (self->coloring),
                             self->selected, &frame);
  /* Over the outline: a selected partner's name stays whole. */
  update_labels (self, &frame);
  paint_labels (self, cr, &frame, scale);
  cairo_destroy (cr);
}

static void
atlas_world_layer_constructed (GObject *object)
{
  AtlasWorldLayer *self = ATLAS_WORLD_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (atlas_world_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (viewport_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
atlas_world_layer_dispose (GObject *object)
{
  AtlasWorldLayer *self = ATLAS_WORLD_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (viewport != NULL)
    g_signal_handlers_disconnect_by_data (viewport, self);
  drop_cache (self);
  g_clear_pointer (&self->raster, atlas_map_raster_free);
  drop_labels (self);
  g_clear_pointer (&self->obstacles, g_array_unref);
  g_clear_object (&self->pango_context);
  g_clear_pointer (&self->coloring, atlas_map_coloring_unref);

  G_OBJECT_CLASS (atlas_world_layer_parent_class)->dispose (object);
}

static void
atlas_world_layer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasWorldLayer *self = ATLAS_WORLD_LAYER (object);

  switch (prop_id)
    {
    case PROP_COLORING:
      g_value_set_boxed (value, self->coloring);
      break;
    case PROP_FLAGS:
      g_value_set_uint (value, self->flags);
      break;
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    case PROP_PROJECTION:
      g_value_set_int (value, self->projection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_world_layer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasWorldLayer *self = ATLAS_WORLD_LAYER (object);

  switch (prop_id)
    {
    case PROP_COLORING:
      atlas_world_layer_set_coloring (self, g_value_get_boxed (value));
      break;
    case PROP_FLAGS:
      atlas_world_layer_set_flags (self, g_value_get_uint (value));
      break;
    case PROP_SELECTED:
      atlas_world_layer_set_selected (self, g_value_get_int (value));
      break;
    case PROP_PROJECTION:
      atlas_world_layer_set_projection (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_world_layer_class_init (AtlasWorldLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_world_layer_constructed;
  object_class->dispose = atlas_world_layer_dispose;
  object_class->get_property = atlas_world_layer_get_property;
  object_class->set_property = atlas_world_layer_set_property;

  widget_class->snapshot = atlas_world_layer_snapshot;

  properties[PROP_COLORING] =
    g_param_spec_boxed ("coloring", NULL, NULL,
                        ATLAS_TYPE_MAP_COLORING,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLAGS] =
    g_param_spec_uint ("flags", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL,
                      -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECTION] =
    g_param_spec_int ("projection", NULL, NULL,
                      ATLAS_MAP_PROJECTION_MERCATOR, ATLAS_MAP_PROJECTION_EQUAL_EARTH,
                      ATLAS_MAP_PROJECTION_EQUAL_EARTH,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_world_layer_init (AtlasWorldLayer *self)
{
  self->selected = -1;
  self->text_scale = 1.0;
  self->projection = ATLAS_MAP_PROJECTION_EQUAL_EARTH;
  /* Clicks and hovers are the map view's business. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

AtlasWorldLayer *
atlas_world_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (ATLAS_TYPE_WORLD_LAYER, "viewport", viewport, NULL);
}

AtlasMapColoring *
atlas_world_layer_get_coloring (AtlasWorldLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_LAYER (self), NULL);

  return self->coloring;
}

void
atlas_world_layer_set_coloring (AtlasWorldLayer  *self,
                                AtlasMapColoring *coloring)
{
  g_return_if_fail (ATLAS_IS_WORLD_LAYER (self));

  if (self->coloring == coloring)
    return;
  g_clear_pointer (&self->coloring, atlas_map_coloring_unref);
  if (coloring)
    self->coloring = atlas_map_coloring_ref (coloring);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLORING]);
}

AtlasMapPaintFlags
atlas_world_layer_get_flags (AtlasWorldLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_LAYER (self), 0);

  return self->flags;
}

void
atlas_world_layer_set_flags (AtlasWorldLayer    *self,
                             AtlasMapPaintFlags  flags)
{
  g_return_if_fail (ATLAS_IS_WORLD_LAYER (self));

  if (self->flags == flags)
    return;
  self->flags = flags;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAGS]);
}

int
atlas_world_layer_get_selected (AtlasWorldLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_LAYER (self), -1);

  return self->selected;
}

void
atlas_world_layer_set_selected (AtlasWorldLayer *self,
                                int              country)
{
  g_return_if_fail (ATLAS_IS_WORLD_LAYER (self));

  country = MAX (country, -1);
  if (self->selected == country)
    return;
  self->selected = country;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* Labels grow by this factor, for a room to read them off a projector. */
void
atlas_world_layer_set_text_scale (AtlasWorldLayer *self,
                                  double           text_scale)
{
  g_return_if_fail (ATLAS_IS_WORLD_LAYER (self));

  text_scale = CLAMP (text_scale, 0.5, 4.0);
  if (self->text_scale == text_scale)
    return;
  self->text_scale = text_scale;
  drop_cache (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
atlas_world_layer_get_text_scale (AtlasWorldLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_LAYER (self), 1.0);

  return self->text_scale;
}

AtlasMapProjection
atlas_world_layer_get_projection (AtlasWorldLayer *self)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_LAYER (self), ATLAS_MAP_PROJECTION_EQUAL_EARTH);

  return self->projection;
}

/* The viewport keeps its place on the plane: whoever switches keeps the
 * view where it should be (atlas_map_view_set_online_tiles ()). */
void
atlas_world_layer_set_projection (AtlasWorldLayer    *self,
                                  AtlasMapProjection  projection)
{
  g_return_if_fail (ATLAS_IS_WORLD_LAYER (self));

  if (self->projection == projection)
    return;
  self->projection = projection;
  drop_cache (self);
  drop_labels (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECTION]);
}

void
atlas_world_layer_get_frame (AtlasWorldLayer *self,
                             AtlasMapFrame   *frame)
{
  double u0, v0, world_width;

  g_return_if_fail (ATLAS_IS_WORLD_LAYER (self));

  get_plane_view (self, &u0, &v0, &world_width);
  plane_frame (self, u0, v0, world_width,
               gtk_widget_get_width (GTK_WIDGET (self)),
               gtk_widget_get_height (GTK_WIDGET (self)),
               1.0 / MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self))), frame);
}

int
atlas_world_layer_pick (AtlasWorldLayer *self,
                        double           x,
                        double           y)
{
  AtlasMapFrame frame = { 0 };
  double mx, my;

  g_return_val_if_fail (ATLAS_IS_WORLD_LAYER (self), -1);

  if (self->coloring == NULL)
    return -1;
  atlas_world_layer_get_frame (self, &frame);
  if (!atlas_map_frame_unproject (&frame, x, y, &mx, &my))
    return -1;
  return atlas_world_hit_test (atlas_map_coloring_get_world (self->coloring), mx, my);
}

int
atlas_world_layer_pick_label (AtlasWorldLayer *self,
                              double           x,
                              double           y)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_LAYER (self), -1);

  if (self->labels_coloring != self->coloring)
    return -1;
  return atlas_map_labels_pick (self->labels, x, y, self->label_size);
}

void
atlas_world_layer_set_label_obstacles (AtlasWorldLayer   *self,
                                       const AtlasMapBox *boxes,
                                       guint              n_boxes)
{
  g_return_if_fail (ATLAS_IS_WORLD_LAYER (self));

  if (self->obstacles != NULL && self->obstacles->len == n_boxes &&
      (n_boxes == 0 || memcmp (self->obstacles->data, boxes, n_boxes * sizeof (AtlasMapBox)) == 0))
    return;
  g_clear_pointer (&self->obstacles, g_array_unref);
  self->obstacles = g_array_sized_new (FALSE, FALSE, sizeof (AtlasMapBox), n_boxes);
  g_array_append_vals (self->obstacles, boxes, n_boxes);
  drop_labels (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The box (in the layer's pixels) inside which labels are placed, and
 * whose partners all get one. */
void
atlas_world_layer_get_label_box (AtlasWorldLayer *self,
                                 AtlasMapBox     *box)
{
  AtlasMapFrame frame = { 0 };

  g_return_if_fail (ATLAS_IS_WORLD_LAYER (self));

  atlas_world_layer_get_frame (self, &frame);
  *box = label_viewport (&frame);
}

GArray *
atlas_world_layer_get_labels (AtlasWorldLayer *self,
                              double          *size)
{
  g_return_val_if_fail (ATLAS_IS_WORLD_LAYER (self), NULL);

  /* The labels of the view as it is now, not of the last frame drawn: a
   * click or a reader between a move and the next frame sees the same
   * labels as the next frame will. */
  if (self->coloring != NULL && gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    {
      AtlasMapFrame frame = { 0 };

      atlas_world_layer_get_frame (self, &frame);
      update_labels (self, &frame);
    }
  if (size != NULL)
    *size = self->label_size;
  return self->labels;
}
