/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Picking a country to add as a partner. The countries are stand-in
 * partners, so that the partner list's own filter (names in the user's
 * language and in English, ISO codes, accents aside) searches them. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-add-partner-dialog.h"
#include "atlas-partner-filter.h"

struct _AtlasAddPartnerDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  GtkButton          *add_button;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;

  GListStore         *countries;
  AtlasPartnerFilter *filter;
  GtkSingleSelection *selection;
  /* Set while the entry is given a search made elsewhere: replacing its
   * text empties it first, and an empty search is reported at once. */
  gboolean            setting_text;
};

enum {
  PARTNER_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AtlasAddPartnerDialog, atlas_add_partner_dialog, ADW_TYPE_WINDOW)

static void
choose (AtlasAddPartnerDialog *self,
        AtlasPartner          *country)
{
  g_autofree char *id = NULL;

  if (country == NULL)
    return;

  id = g_strdup (atlas_partner_get_id (country));
  gtk_window_close (GTK_WINDOW (self));
  g_signal_emit (self, signals[PARTNER_CHOSEN], 0, id);
}

static void
add_clicked_cb (AtlasAddPartnerDialog *self)
{
  choose (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
list_activate_cb (AtlasAddPartnerDialog *self,
                  guint                  position)
{
  g_autoptr(AtlasPartner) country = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  choose (self, country);
}

static void
search_changed_cb (AtlasAddPartnerDialog *self)
{
  if (!self->setting_text)
    atlas_add_partner_dialog_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (AtlasAddPartnerDialog *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
selection_changed_cb (AtlasAddPartnerDialog *self)
{
  GListModel *shown = atlas_partner_filter_get_model (self->filter);

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            gtk_single_selection_get_selected_item (self->selection) != NULL);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (shown) > 0 ? "list" : "empty");
}

static void
atlas_add_partner_dialog_dispose (GObject *object)
{
  AtlasAddPartnerDialog *self = ATLAS_ADD_PARTNER_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_ADD_PARTNER_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->countries);

  G_OBJECT_CLASS (atlas_add_partner_dialog_parent_class)->dispose (object);
}

static void
atlas_add_partner_dialog_class_init (AtlasAddPartnerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_add_partner_dialog_dispose;

  signals[PARTNER_CHOSEN] =
    g_signal_new ("partner-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* Its rows show partners (the list's item factory, in the template) */
  g_type_ensure (ATLAS_TYPE_PARTNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-add-partner-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasAddPartnerDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasAddPartnerDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasAddPartnerDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasAddPartnerDialog, list_view);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
atlas_add_partner_dialog_init (AtlasAddPartnerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_entry_set_search_delay (self->search_entry, 0);

  self->countries = g_list_store_new (ATLAS_TYPE_PARTNER);
  self->filter = atlas_partner_filter_new (G_LIST_MODEL (self->countries));
  self->selection = gtk_single_selection_new (g_object_ref (atlas_partner_filter_get_model (self->filter)));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->selection, "items-changed",
                            G_CALLBACK (selection_changed_cb), self);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Typing goes to the search; Enter adds the country shown first. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

AtlasAddPartnerDialog *
atlas_add_partner_dialog_new (GtkWindow    *parent,
                              AtlasDataset *dataset)
{
  AtlasAddPartnerDialog *self;
  const char * const *all = atlas_iso_codes_get_all ();
  g_autoptr(GPtrArray) countries = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  self = g_object_new (ATLAS_TYPE_ADD_PARTNER_DIALOG,
                       "transient-for", parent,
                       NULL);

  for (guint i = 0; all[i] != NULL; i++)
    if (atlas_dataset_find_partner (dataset, all[i]) == NULL)
      g_ptr_array_add (countries, atlas_partner_new (all[i], atlas_iso_codes_get_name (all[i])));
  g_list_store_splice (self->countries, 0, 0, countries->pdata, countries->len);
  selection_changed_cb (self);

  return self;
}

GListModel *
atlas_add_partner_dialog_get_model (AtlasAddPartnerDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_ADD_PARTNER_DIALOG (self), NULL);

  return G_LIST_MODEL (self->selection);
}

void
atlas_add_partner_dialog_set_search (AtlasAddPartnerDialog *self,
                                     const char            *search)
{
  g_return_if_fail (ATLAS_IS_ADD_PARTNER_DIALOG (self));

  atlas_partner_filter_set_search (self->filter, search);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), search ? search : "") != 0)
    {
      self->setting_text = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search ? search : "");
      self->setting_text = FALSE;
    }
  /* Keep the first match ready for Enter. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
}
