/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A choice field of the editor (see the header). */

#include "config.h"

#include "atlas-choice-row.h"
#include "atlas-profile-private.h"

struct _AtlasChoiceRow
{
  AdwActionRow parent_instance;

  GtkDropDown *dropdown;
};

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasChoiceRow, atlas_choice_row, ADW_TYPE_ACTION_ROW)

static void
selected_cb (AtlasChoiceRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
atlas_choice_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasChoiceRow *self = ATLAS_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_uint (value, atlas_choice_row_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_choice_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtlasChoiceRow *self = ATLAS_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      atlas_choice_row_set_selected (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_choice_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATLAS_TYPE_CHOICE_ROW);

  G_OBJECT_CLASS (atlas_choice_row_parent_class)->dispose (object);
}

static void
atlas_choice_row_class_init (AtlasChoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = atlas_choice_row_get_property;
  object_class->set_property = atlas_choice_row_set_property;
  object_class->dispose = atlas_choice_row_dispose;

  properties[PROP_SELECTED] = g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-choice-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasChoiceRow, dropdown);
  gtk_widget_class_bind_template_callback (widget_class, selected_cb);
}

static void
atlas_choice_row_init (AtlasChoiceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_profile_name_by_title (ADW_PREFERENCES_ROW (self), GTK_WIDGET (self->dropdown));
}

GtkWidget *
atlas_choice_row_new (const char *title,
                      GListModel *choices)
{
  AtlasChoiceRow *self = g_object_new (ATLAS_TYPE_CHOICE_ROW, "title", title, NULL);

  gtk_drop_down_set_model (self->dropdown, choices);
  gtk_drop_down_set_selected (self->dropdown, GTK_INVALID_LIST_POSITION);
  return GTK_WIDGET (self);
}

GtkDropDown *
atlas_choice_row_get_drop_down (AtlasChoiceRow *self)
{
  g_return_val_if_fail (ATLAS_IS_CHOICE_ROW (self), NULL);

  return self->dropdown;
}

guint
atlas_choice_row_get_selected (AtlasChoiceRow *self)
{
  g_return_val_if_fail (ATLAS_IS_CHOICE_ROW (self), GTK_INVALID_LIST_POSITION);

  return gtk_drop_down_get_selected (self->dropdown);
}

void
atlas_choice_row_set_selected (AtlasChoiceRow *self,
                               guint           position)
{
  g_return_if_fail (ATLAS_IS_CHOICE_ROW (self));

  if (gtk_drop_down_get_selected (self->dropdown) != position)
    gtk_drop_down_set_selected (self->dropdown, position);
}
