/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The list of the dataset's partners, each with the colour and name of its
 * category under the current lens. The selection is exposed as an ISO code
 * so the map and the profile can share it. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-partner-list.h"
#include "atlas-swatch.h"

struct _AtlasPartnerList
{
  GtkWidget           parent_instance;

  GtkListView        *list_view;

  AtlasDataset       *dataset;
  GtkSingleSelection *selection;
  char               *lens_id;
  GPtrArray          *rows;
};

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LENS_ID,
  PROP_SELECTED_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasPartnerList, atlas_partner_list, GTK_TYPE_WIDGET)

/* g_set_str() needs GLib 2.76. */
static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
update_row (AtlasPartnerList *self,
            GtkWidget        *row)
{
  AtlasPartner *partner = g_object_get_data (G_OBJECT (row), "partner");
  AtlasSwatch *swatch = g_object_get_data (G_OBJECT (row), "swatch");
  GtkLabel *name_label = g_object_get_data (G_OBJECT (row), "name");
  GtkLabel *category_label = g_object_get_data (G_OBJECT (row), "category");
  AtlasLens *lens = NULL;
  AtlasCategory *category = NULL;
  const char *category_id;

  if (partner == NULL)
    return;

  if (self->dataset != NULL && self->lens_id != NULL)
    lens = atlas_dataset_find_lens (self->dataset, self->lens_id);
  category_id = lens ? atlas_partner_get_indicator (partner, self->lens_id) : NULL;
  if (category_id != NULL)
    category = atlas_lens_find_category (lens, category_id);

  gtk_label_set_text (name_label, atlas_partner_get_display_name (partner));
  gtk_label_set_text (category_label,
                      category ? atlas_category_get_name (category) : _("No data"));
  atlas_swatch_set_color (swatch, category ? (gint64) atlas_category_get_color (category) : -1);
}

static void
partner_changed_cb (AtlasPartner *partner,
                    GtkWidget    *row)
{
  AtlasPartnerList *self = g_object_get_data (G_OBJECT (row), "list");

  update_row (self, row);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AtlasPartnerList         *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *swatch = atlas_swatch_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *category = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (category), 0);
  gtk_label_set_ellipsize (GTK_LABEL (category), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (category, "dim-label");
  gtk_widget_add_css_class (category, "caption");

  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), category);
  gtk_box_append (GTK_BOX (row), swatch);
  gtk_box_append (GTK_BOX (row), labels);
  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);

  g_object_set_data (G_OBJECT (row), "swatch", swatch);
  g_object_set_data (G_OBJECT (row), "name", name);
  g_object_set_data (G_OBJECT (row), "category", category);
  g_object_set_data (G_OBJECT (row), "list", self);

  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AtlasPartnerList         *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  AtlasPartner *partner = gtk_list_item_get_item (item);

  g_object_set_data_full (G_OBJECT (row), "partner", g_object_ref (partner), g_object_unref);
  g_signal_connect_object (partner, "changed", G_CALLBACK (partner_changed_cb), row, 0);
  g_ptr_array_add (self->rows, row);
  update_row (self, row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AtlasPartnerList         *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  AtlasPartner *partner = g_object_get_data (G_OBJECT (row), "partner");

  if (partner != NULL)
    g_signal_handlers_disconnect_by_func (partner, partner_changed_cb, row);
  g_ptr_array_remove_fast (self->rows, row);
  g_object_set_data (G_OBJECT (row), "partner", NULL);
}

static void
selection_changed_cb (AtlasPartnerList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

static void
atlas_partner_list_dispose (GObject *object)
{
  AtlasPartnerList *self = ATLAS_PARTNER_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_PARTNER_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (atlas_partner_list_parent_class)->dispose (object);
}

static void
atlas_partner_list_finalize (GObject *object)
{
  AtlasPartnerList *self = ATLAS_PARTNER_LIST (object);

  g_clear_pointer (&self->lens_id, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_partner_list_parent_class)->finalize (object);
}

static void
atlas_partner_list_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AtlasPartnerList *self = ATLAS_PARTNER_LIST (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_LENS_ID:
      g_value_set_string (value, self->lens_id);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, atlas_partner_list_get_selected_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_partner_list_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AtlasPartnerList *self = ATLAS_PARTNER_LIST (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      atlas_partner_list_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_LENS_ID:
      atlas_partner_list_set_lens_id (self, g_value_get_string (value));
      break;
    case PROP_SELECTED_ID:
      atlas_partner_list_set_selected_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_partner_list_class_init (AtlasPartnerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_partner_list_dispose;
  object_class->finalize = atlas_partner_list_finalize;
  object_class->get_property = atlas_partner_list_get_property;
  object_class->set_property = atlas_partner_list_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         ATLAS_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LENS_ID] =
    g_param_spec_string ("lens-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-partner-list.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasPartnerList, list_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "partnerlist");
}

static void
atlas_partner_list_init (AtlasPartnerList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

AtlasDataset *
atlas_partner_list_get_dataset (AtlasPartnerList *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_LIST (self), NULL);

  return self->dataset;
}

void
atlas_partner_list_set_dataset (AtlasPartnerList *self,
                                AtlasDataset     *dataset)
{
  g_return_if_fail (ATLAS_IS_PARTNER_LIST (self));
  g_return_if_fail (!dataset || ATLAS_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;

  gtk_single_selection_set_model (self->selection,
                                  dataset ? atlas_dataset_get_partners (dataset) : NULL);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

const char *
atlas_partner_list_get_lens_id (AtlasPartnerList *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_LIST (self), NULL);

  return self->lens_id;
}

void
atlas_partner_list_set_lens_id (AtlasPartnerList *self,
                                const char       *lens_id)
{
  g_return_if_fail (ATLAS_IS_PARTNER_LIST (self));

  if (!set_str (&self->lens_id, lens_id))
    return;

  for (guint i = 0; i < self->rows->len; i++)
    update_row (self, g_ptr_array_index (self->rows, i));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENS_ID]);
}

const char *
atlas_partner_list_get_selected_id (AtlasPartnerList *self)
{
  AtlasPartner *partner;

  g_return_val_if_fail (ATLAS_IS_PARTNER_LIST (self), NULL);

  partner = gtk_single_selection_get_selected_item (self->selection);

  return partner ? atlas_partner_get_id (partner) : NULL;
}

void
atlas_partner_list_set_selected_id (AtlasPartnerList *self,
                                    const char       *id)
{
  GListModel *model;
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (ATLAS_IS_PARTNER_LIST (self));

  if (g_strcmp0 (id, atlas_partner_list_get_selected_id (self)) == 0)
    return;

  model = G_LIST_MODEL (self->selection);
  for (guint i = 0; id != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (model, i);

      if (g_strcmp0 (atlas_partner_get_id (partner), id) == 0)
        {
          position = i;
          break;
        }
    }

  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}
