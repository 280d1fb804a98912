/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A row of the partner list (see the header). */

#include "config.h"

#include "atlas-long-text.h"
#include "atlas-partner-row.h"
#include "atlas-swatch.h"

struct _AtlasPartnerRow
{
  GtkWidget     parent_instance;

  AtlasPartner *partner;
  AtlasDataset *dataset;
  char         *lens_id;

  AtlasSwatch  *swatch;
  GtkLabel     *name_label;
  GtkLabel     *category_label;
};

G_DEFINE_FINAL_TYPE (AtlasPartnerRow, atlas_partner_row, GTK_TYPE_WIDGET)

static void
update (AtlasPartnerRow *self)
{
  AtlasLens *lens = NULL;
  AtlasCategory *category = NULL;
  const char *category_id;

  if (self->partner == NULL)
    return;

  if (self->dataset != NULL && self->lens_id != NULL)
    lens = atlas_dataset_find_lens (self->dataset, self->lens_id);
  category_id = lens ? atlas_partner_get_indicator (self->partner, self->lens_id) : NULL;
  if (category_id != NULL)
    category = atlas_lens_find_category (lens, category_id);

  gtk_label_set_text (self->name_label, atlas_partner_get_display_name (self->partner));
  gtk_label_set_text (self->category_label,
                      category ? atlas_category_get_name (category)
                               : atlas_lens_get_empty_label (lens, self->dataset ? atlas_dataset_get_as_of (self->dataset)
                                                                                 : NULL));
  atlas_swatch_set_color (self->swatch, category ? (gint64) atlas_category_get_color (category) : -1);
  /* A name of 200 000 characters: one line's worth, ellipsized. */
  atlas_label_fit_title (self->name_label);
  atlas_label_fit_title (self->category_label);
}

static void
atlas_partner_row_dispose (GObject *object)
{
  AtlasPartnerRow *self = ATLAS_PARTNER_ROW (object);
  GtkWidget *child;

  atlas_partner_row_set_partner (self, NULL);
  g_clear_object (&self->dataset);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_PARTNER_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (atlas_partner_row_parent_class)->dispose (object);
}

static void
atlas_partner_row_finalize (GObject *object)
{
  AtlasPartnerRow *self = ATLAS_PARTNER_ROW (object);

  g_free (self->lens_id);

  G_OBJECT_CLASS (atlas_partner_row_parent_class)->finalize (object);
}

static void
atlas_partner_row_class_init (AtlasPartnerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_partner_row_dispose;
  object_class->finalize = atlas_partner_row_finalize;

  g_type_ensure (ATLAS_TYPE_SWATCH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-partner-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasPartnerRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, AtlasPartnerRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasPartnerRow, category_label);
  /* As the box it replaces */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_partner_row_init (AtlasPartnerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
atlas_partner_row_new (void)
{
  return g_object_new (ATLAS_TYPE_PARTNER_ROW, NULL);
}

AtlasPartner *
atlas_partner_row_get_partner (AtlasPartnerRow *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_ROW (self), NULL);

  return self->partner;
}

void
atlas_partner_row_set_partner (AtlasPartnerRow *self,
                               AtlasPartner    *partner)
{
  g_return_if_fail (ATLAS_IS_PARTNER_ROW (self));
  g_return_if_fail (partner == NULL || ATLAS_IS_PARTNER (partner));

  if (self->partner == partner)
    return;

  if (self->partner != NULL)
    g_signal_handlers_disconnect_by_func (self->partner, update, self);
  g_set_object (&self->partner, partner);
  if (partner != NULL)
    {
      g_signal_connect_swapped (partner, "changed", G_CALLBACK (update), self);
      update (self);
    }
}

void
atlas_partner_row_set_lens (AtlasPartnerRow *self,
                            AtlasDataset    *dataset,
                            const char      *lens_id)
{
  g_return_if_fail (ATLAS_IS_PARTNER_ROW (self));

  g_set_object (&self->dataset, dataset);
  if (g_strcmp0 (self->lens_id, lens_id) != 0)
    {
      g_free (self->lens_id);
      self->lens_id = g_strdup (lens_id);
    }
  update (self);
}
