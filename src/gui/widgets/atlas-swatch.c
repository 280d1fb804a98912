/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A small rounded square of a category's colour, used in lists, chips and
 * the legend. It draws itself rather than using CSS so that colours coming
 * from a dataset never go through a style sheet. */

#include "config.h"

#include "atlas-swatch.h"

struct _AtlasSwatch
{
  GtkWidget parent_instance;

  gint64    color;
};

enum {
  PROP_0,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasSwatch, atlas_swatch, GTK_TYPE_WIDGET)

static void
atlas_swatch_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  AtlasSwatch *self = ATLAS_SWATCH (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  GskRoundedRect outline;
  GdkRGBA border;
  float border_widths[4] = { 1, 1, 1, 1 };
  GdkRGBA border_colors[4];

  /* gtk_widget_get_color () is 4.10; the style context is the 4.8 way. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &border);
  border.alpha = 0.45f;
  for (guint i = 0; i < 4; i++)
    border_colors[i] = border;

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), 3);

  if (self->color >= 0)
    {
      GdkRGBA fill = {
        ((self->color >> 16) & 0xff) / 255.f,
        ((self->color >> 8) & 0xff) / 255.f,
        (self->color & 0xff) / 255.f,
        1.f,
      };

      gtk_snapshot_push_rounded_clip (snapshot, &outline);
      gtk_snapshot_append_color (snapshot, &fill, &outline.bounds);
      gtk_snapshot_pop (snapshot);
    }

  gtk_snapshot_append_border (snapshot, &outline, border_widths, border_colors);
}

static void
atlas_swatch_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtlasSwatch *self = ATLAS_SWATCH (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_int64 (value, self->color);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_swatch_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AtlasSwatch *self = ATLAS_SWATCH (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      atlas_swatch_set_color (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_swatch_class_init (AtlasSwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = atlas_swatch_get_property;
  object_class->set_property = atlas_swatch_set_property;

  widget_class->snapshot = atlas_swatch_snapshot;

  properties[PROP_COLOR] =
    g_param_spec_int64 ("color", NULL, NULL,
                        -1, 0xffffff, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "swatch");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
atlas_swatch_init (AtlasSwatch *self)
{
  self->color = -1;
  gtk_widget_set_size_request (GTK_WIDGET (self), 16, 16);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
atlas_swatch_new (void)
{
  return g_object_new (ATLAS_TYPE_SWATCH, NULL);
}

void
atlas_swatch_set_color (AtlasSwatch *self,
                        gint64       color)
{
  g_return_if_fail (ATLAS_IS_SWATCH (self));

  color = CLAMP (color, -1, 0xffffff);
  if (self->color == color)
    return;

  self->color = color;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

gint64
atlas_swatch_get_color (AtlasSwatch *self)
{
  g_return_val_if_fail (ATLAS_IS_SWATCH (self), -1);

  return self->color;
}
