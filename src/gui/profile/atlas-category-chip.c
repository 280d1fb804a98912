/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A partner's category under a lens, as the map shows it: its colour and
 * its name, in the profile's indicator rows. */

#include "config.h"

#include "atlas-category-chip.h"
#include "atlas-long-text.h"
#include "atlas-swatch.h"

struct _AtlasCategoryChip
{
  GtkWidget    parent_instance;

  AtlasSwatch *swatch;
  GtkLabel    *label;
};

G_DEFINE_FINAL_TYPE (AtlasCategoryChip, atlas_category_chip, GTK_TYPE_WIDGET)

static void
atlas_category_chip_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ATLAS_TYPE_CATEGORY_CHIP);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (atlas_category_chip_parent_class)->dispose (object);
}

static void
atlas_category_chip_class_init (AtlasCategoryChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_category_chip_dispose;

  g_type_ensure (ATLAS_TYPE_SWATCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-category-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasCategoryChip, swatch);
  gtk_widget_class_bind_template_child (widget_class, AtlasCategoryChip, label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_category_chip_init (AtlasCategoryChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
atlas_category_chip_new (void)
{
  return g_object_new (ATLAS_TYPE_CATEGORY_CHIP, NULL);
}

void
atlas_category_chip_set_category (AtlasCategoryChip *self,
                                  AtlasCategory     *category,
                                  const char        *empty_label)
{
  const char *description = category ? atlas_category_get_description (category) : "";

  g_return_if_fail (ATLAS_IS_CATEGORY_CHIP (self));

  atlas_swatch_set_color (self->swatch, category ? (gint64) atlas_category_get_color (category) : -1);
  gtk_label_set_text (self->label, category ? atlas_category_get_name (category) : empty_label);
  atlas_label_fit_title (self->label);
  if (category == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "no-data");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "no-data");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description[0] != '\0' ? description : NULL);
}
