/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The list of the dataset's partners, each with the colour and name of its
 * category under the current lens, searchable and sortable through the
 * core's AtlasPartnerFilter. The selection is exposed as an ISO code so the
 * map and the profile can share it. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "atlas-partner-list.h"
#include "atlas-partner-row.h"
#include "atlas-long-text.h"
#include "atlas-swatch.h"

struct _AtlasPartnerList
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *sort_button;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;

  AtlasDataset       *dataset;
  AtlasPartnerFilter *filter;
  GtkSingleSelection *selection;
  /* Set while the entry is given a search made elsewhere: replacing its
   * text empties it first, and an empty search is reported at once. */
  gboolean            setting_text;
  char               *lens_id;
  char               *selected_id;
  gboolean            overdue_only;
  gulong              as_of_id;
  GPtrArray          *rows;

  /* Set while the shown list is being rebuilt (a search, a re-sort), when
   * the selection model briefly loses the selected partner: the selected
   * id then stays. */
  guint               model_changing;
};

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LENS_ID,
  PROP_SELECTED_ID,
  PROP_SORT,
  PROP_SEARCH,
  PROP_OVERDUE_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PARTNER_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AtlasPartnerList, atlas_partner_list, GTK_TYPE_WIDGET)

static AtlasLens *
get_lens (AtlasPartnerList *self)
{
  if (self->dataset == NULL || self->lens_id == NULL)
    return NULL;

  return atlas_dataset_find_lens (self->dataset, self->lens_id);
}

static void
update_all_rows (AtlasPartnerList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    atlas_partner_row_set_lens (g_ptr_array_index (self->rows, i), self->dataset, self->lens_id);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AtlasPartnerList         *self)
{
  gtk_list_item_set_child (item, atlas_partner_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AtlasPartnerList         *self)
{
  AtlasPartnerRow *row = ATLAS_PARTNER_ROW (gtk_list_item_get_child (item));

  atlas_partner_row_set_lens (row, self->dataset, self->lens_id);
  atlas_partner_row_set_partner (row, gtk_list_item_get_item (item));
  g_ptr_array_add (self->rows, row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AtlasPartnerList         *self)
{
  AtlasPartnerRow *row = ATLAS_PARTNER_ROW (gtk_list_item_get_child (item));

  g_ptr_array_remove_fast (self->rows, row);
  atlas_partner_row_set_partner (row, NULL);
}

static guint
find_position (AtlasPartnerList *self,
               const char       *id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (model, i);

      if (g_strcmp0 (atlas_partner_get_id (partner), id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
set_selected_id_internal (AtlasPartnerList *self,
                          const char       *id)
{
  if (atlas_set_str (&self->selected_id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

static void
selection_changed_cb (AtlasPartnerList *self)
{
  AtlasPartner *partner = gtk_single_selection_get_selected_item (self->selection);
  AtlasPartner *selected;

  if (partner != NULL)
    {
      /* The user's own choice, not one set from outside or kept through a
       * change of the list: worth showing on the map. */
      gboolean picked = self->model_changing == 0 &&
                        g_strcmp0 (self->selected_id, atlas_partner_get_id (partner)) != 0;

      set_selected_id_internal (self, atlas_partner_get_id (partner));
      if (picked)
        g_signal_emit (self, signals[PARTNER_PICKED], 0, atlas_partner_get_id (partner));
      return;
    }

  if (self->selected_id == NULL)
    return;

  /* Hidden by the search or moving within the list: the partner is still
   * the selected one. Gone from the dataset, or unselected by the user
   * while shown: it is not. */
  selected = self->dataset ? atlas_dataset_find_partner (self->dataset, self->selected_id) : NULL;
  if (selected == NULL)
    set_selected_id_internal (self, NULL);
  else if (self->model_changing == 0 && atlas_partner_filter_matches (self->filter, selected))
    set_selected_id_internal (self, NULL);
}

static void
update_empty_state (AtlasPartnerList *self)
{
  GListModel *shown = atlas_partner_filter_get_model (self->filter);

  if (g_list_model_get_n_items (shown) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (self->dataset != NULL && atlas_dataset_get_n_partners (self->dataset) > 0 &&
      self->overdue_only && (atlas_partner_filter_get_search (self->filter) == NULL ||
                             atlas_partner_filter_get_search (self->filter)[0] == '\0'))
    {
      adw_status_page_set_title (self->empty_page, _("No Overdue Dialogues"));
      adw_status_page_set_description (self->empty_page,
                                       _("Every dialogue with a frequency met in time"));
    }
  else if (self->dataset != NULL && atlas_dataset_get_n_partners (self->dataset) > 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Partners Found"));
      adw_status_page_set_description (self->empty_page,
                                       _("Try a country’s name or its ISO code"));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Partners"));
      adw_status_page_set_description (self->empty_page, _("Add a partner with the + button"));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* The overdue filter follows the dataset's date (an as-of view has its own). */
static void
update_overdue_filter (AtlasPartnerList *self)
{
  atlas_partner_filter_set_overdue_date (self->filter,
                                         self->overdue_only && self->dataset != NULL
                                         ? atlas_dataset_get_as_of (self->dataset) : NULL);
}

static void
model_items_changed_cb (AtlasPartnerList *self)
{
  self->model_changing++;
}

/* After the selection model has dealt with the change: select the partner
 * again if it came back into view. */
static void
model_items_changed_after_cb (AtlasPartnerList *self)
{
  self->model_changing--;

  if (self->model_changing == 0 && self->selected_id != NULL &&
      gtk_single_selection_get_selected_item (self->selection) == NULL)
    {
      guint position = find_position (self, self->selected_id);

      if (position != GTK_INVALID_LIST_POSITION)
        gtk_single_selection_set_selected (self->selection, position);
    }

  update_empty_state (self);
}

static void
search_changed_cb (AtlasPartnerList *self)
{
  if (!self->setting_text)
    atlas_partner_list_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (AtlasPartnerList *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Enter in the search picks the first match, as a click on its row does:
 * the map shows it too (the filter may have selected it already, so the
 * selection's change alone does not say it was picked). */
static void
search_activate_cb (AtlasPartnerList *self)
{
  GListModel *shown = atlas_partner_filter_get_model (self->filter);

  if (g_list_model_get_n_items (shown) > 0)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (shown, 0);

      atlas_partner_list_set_selected_id (self, atlas_partner_get_id (partner));
      g_signal_emit (self, signals[PARTNER_PICKED], 0, atlas_partner_get_id (partner));
    }
}

static void
atlas_partner_list_dispose (GObject *object)
{
  AtlasPartnerList *self = ATLAS_PARTNER_LIST (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_PARTNER_LIST);
  /* The template's unnamed children too (the box layout holds them all). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->selection, self);
      g_signal_handlers_disconnect_by_data (atlas_partner_filter_get_model (self->filter), self);
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  if (self->dataset != NULL)
    g_clear_signal_handler (&self->as_of_id, self->dataset);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (atlas_partner_list_parent_class)->dispose (object);
}

static void
atlas_partner_list_finalize (GObject *object)
{
  AtlasPartnerList *self = ATLAS_PARTNER_LIST (object);

  g_clear_pointer (&self->lens_id, g_free);
  g_clear_pointer (&self->selected_id, g_free);
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
      g_value_set_string (value, self->selected_id);
      break;
    case PROP_SORT:
      g_value_set_enum (value, atlas_partner_filter_get_sort (self->filter));
      break;
    case PROP_OVERDUE_ONLY:
      g_value_set_boolean (value, self->overdue_only);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, atlas_partner_list_get_search (self));
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
    case PROP_SORT:
      atlas_partner_list_set_sort (self, g_value_get_enum (value));
      break;
    case PROP_OVERDUE_ONLY:
      atlas_partner_list_set_overdue_only (self, g_value_get_boolean (value));
      break;
    case PROP_SEARCH:
      atlas_partner_list_set_search (self, g_value_get_string (value));
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
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL,
                       ATLAS_TYPE_PARTNER_SORT, ATLAS_PARTNER_SORT_NAME,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Only partners with a dialogue overdue as of the dataset's date. */
  properties[PROP_OVERDUE_ONLY] =
    g_param_spec_boolean ("overdue-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasPartnerList::partner-picked:
   * @id: the partner's ISO code
   *
   * The user picked a partner in the list (a click, the keyboard, an
   * accessibility tool), as opposed to a selection set from outside.
   */
  signals[PARTNER_PICKED] =
    g_signal_new ("partner-picked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-partner-list.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasPartnerList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasPartnerList, sort_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasPartnerList, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasPartnerList, list_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasPartnerList, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

  gtk_widget_class_install_property_action (widget_class, "partners.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "partners.overdue-only", "overdue-only");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "partnerlist");
}

static void
atlas_partner_list_init (AtlasPartnerList *self)
{
  GtkListItemFactory *factory;
  GListModel *shown;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  /* Filtering is fast enough to follow every key. */
  gtk_search_entry_set_search_delay (self->search_entry, 0);

  self->rows = g_ptr_array_new ();
  self->filter = atlas_partner_filter_new (NULL);
  shown = atlas_partner_filter_get_model (self->filter);

  /* Around the selection model's own handler: connected before it, and
   * after all handlers. */
  g_signal_connect_swapped (shown, "items-changed", G_CALLBACK (model_items_changed_cb), self);
  g_signal_connect_data (shown, "items-changed", G_CALLBACK (model_items_changed_after_cb),
                         self, NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  self->selection = gtk_single_selection_new (g_object_ref (shown));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_empty_state (self);
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

  if (self->dataset == dataset)
    return;

  if (self->dataset != NULL)
    g_clear_signal_handler (&self->as_of_id, self->dataset);
  g_set_object (&self->dataset, dataset);
  if (dataset != NULL)
    self->as_of_id = g_signal_connect_swapped (dataset, "notify::as-of",
                                               G_CALLBACK (update_overdue_filter), self);

  g_object_freeze_notify (G_OBJECT (self));
  /* A new dataset starts with nothing selected. */
  set_selected_id_internal (self, NULL);
  atlas_partner_filter_set_lens (self->filter, get_lens (self));
  atlas_partner_filter_set_partners (self->filter,
                                     dataset ? atlas_dataset_get_partners (dataset) : NULL);
  update_overdue_filter (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  g_object_thaw_notify (G_OBJECT (self));
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

  if (!atlas_set_str (&self->lens_id, lens_id))
    return;

  atlas_partner_filter_set_lens (self->filter, get_lens (self));
  update_all_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENS_ID]);
}

const char *
atlas_partner_list_get_selected_id (AtlasPartnerList *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_LIST (self), NULL);

  return self->selected_id;
}

void
atlas_partner_list_set_selected_id (AtlasPartnerList *self,
                                    const char       *id)
{
  guint position;

  g_return_if_fail (ATLAS_IS_PARTNER_LIST (self));

  if (id != NULL && (self->dataset == NULL || atlas_dataset_find_partner (self->dataset, id) == NULL))
    id = NULL;

  position = find_position (self, id);
  g_object_freeze_notify (G_OBJECT (self));
  set_selected_id_internal (self, id);
  /* Unselecting a partner that the search hides must not forget it. */
  self->model_changing++;
  gtk_single_selection_set_selected (self->selection, position);
  self->model_changing--;
  g_object_thaw_notify (G_OBJECT (self));

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

AtlasPartnerSort
atlas_partner_list_get_sort (AtlasPartnerList *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_LIST (self), ATLAS_PARTNER_SORT_NAME);

  return atlas_partner_filter_get_sort (self->filter);
}

void
atlas_partner_list_set_sort (AtlasPartnerList *self,
                             AtlasPartnerSort  sort)
{
  g_return_if_fail (ATLAS_IS_PARTNER_LIST (self));

  if (atlas_partner_filter_get_sort (self->filter) == sort)
    return;

  atlas_partner_filter_set_sort (self->filter, sort);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

gboolean
atlas_partner_list_get_overdue_only (AtlasPartnerList *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_LIST (self), FALSE);

  return self->overdue_only;
}

void
atlas_partner_list_set_overdue_only (AtlasPartnerList *self,
                                     gboolean          overdue_only)
{
  g_return_if_fail (ATLAS_IS_PARTNER_LIST (self));

  overdue_only = !!overdue_only;
  if (self->overdue_only == overdue_only)
    return;

  self->overdue_only = overdue_only;
  update_overdue_filter (self);
  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERDUE_ONLY]);
}

const char *
atlas_partner_list_get_search (AtlasPartnerList *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_LIST (self), NULL);

  return atlas_partner_filter_get_search (self->filter);
}

void
atlas_partner_list_set_search (AtlasPartnerList *self,
                               const char       *search)
{
  g_return_if_fail (ATLAS_IS_PARTNER_LIST (self));

  if (g_strcmp0 (search, atlas_partner_filter_get_search (self->filter)) == 0)
    return;

  atlas_partner_filter_set_search (self->filter, search);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), search ? search : "") != 0)
    {
      self->setting_text = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search ? search : "");
      self->setting_text = FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

void
atlas_partner_list_focus_search (AtlasPartnerList *self)
{
  g_return_if_fail (ATLAS_IS_PARTNER_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

GListModel *
atlas_partner_list_get_model (AtlasPartnerList *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_LIST (self), NULL);

  return atlas_partner_filter_get_model (self->filter);
}
