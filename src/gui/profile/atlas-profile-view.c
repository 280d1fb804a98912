/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The profile of one partner: a header with its name and the Edit button
 * over a stack of an empty page and the profile, which is either an
 * AtlasProfileReader (its category under each lens, key documents,
 * dialogues, agreements, the assessment, sources and history) or, with
 * "Edit" on, an AtlasProfileEditor (the same as a form). This widget picks
 * the partner, follows its changes and says which of the two shows it. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "atlas-long-text.h"
#include "atlas-profile-editor.h"
#include "atlas-profile-private.h"
#include "atlas-profile-reader.h"
#include "atlas-profile-view.h"

struct _AtlasProfileView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkLabel           *name_label;
  GtkLabel           *subtitle_label;
  GtkToggleButton    *edit_button;
  GtkScrolledWindow  *scroller;
  GtkBox             *content_box;

  AtlasDataset       *dataset;
  AtlasUndoStack     *undo_stack;
  char               *selected_id;
  AtlasPartner       *partner;
  gboolean            editing;
  guint               refresh_id;
  gulong              partners_changed_id;

  /* What content_box shows: the reader, kept from one partner to the
   * next, or the editor, built anew for each partner and each edit. */
  AtlasProfileReader *reader;
  AtlasProfileEditor *editor;
};

enum {
  PROP_0,
  PROP_DATASET,
  PROP_SELECTED_ID,
  PROP_PARTNER,
  PROP_UNDO_STACK,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasProfileView, atlas_profile_view, GTK_TYPE_WIDGET)

static void
update_header (AtlasProfileView *self)
{
  const char *id = atlas_partner_get_id (self->partner);
  const char *name = atlas_partner_get_name (self->partner);
  const char *display = atlas_partner_get_display_name (self->partner);
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (self->name_label, display);
  if (g_strcmp0 (name, display) != 0 && name != NULL && name[0] != '\0')
    {
      const char *parts[] = { name, id, NULL };

      subtitle = atlas_profile_join_parts (parts);
    }
  else
    subtitle = g_strdup (id);
  gtk_label_set_text (self->subtitle_label, subtitle);
  atlas_label_fit_title (self->name_label);
  atlas_label_fit_title (self->subtitle_label);
}

/* While editing, the button is a clear way out: "Done", the suggested
 * action, rather than a pressed "Edit" that looks disabled. */
static void
update_edit_button (AtlasProfileView *self)
{
  AdwButtonContent *content = ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (self->edit_button)));

  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button),
                            self->partner != NULL && self->undo_stack != NULL);
  if (gtk_toggle_button_get_active (self->edit_button) != self->editing)
    gtk_toggle_button_set_active (self->edit_button, self->editing);

  adw_button_content_set_label (content, self->editing ? _("_Done") : _("_Edit"));
  adw_button_content_set_icon_name (content, self->editing ? "object-select-symbolic" : "document-edit-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_button),
                               self->editing ? _("Stop Editing (Ctrl+E)") : _("Edit the Profile (Ctrl+E)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->editing ? _("Done") : _("Edit"), -1);
  if (self->editing)
    gtk_widget_add_css_class (GTK_WIDGET (self->edit_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->edit_button), "suggested-action");
}

static void
clear_content (AtlasProfileView *self)
{
  GtkWidget *child;

  self->reader = NULL;
  self->editor = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);
}

/* Shows the partner afresh: the form is built anew, the read view is
 * reused. */
static void
rebuild (AtlasProfileView *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  update_edit_button (self);

  if (self->partner == NULL || self->dataset == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "profile");
  update_header (self);

  if (self->editing && self->undo_stack != NULL)
    {
      clear_content (self);
      self->editor = ATLAS_PROFILE_EDITOR (atlas_profile_editor_new (self->dataset, self->undo_stack,
                                                                     self->partner));
      gtk_box_append (self->content_box, GTK_WIDGET (self->editor));
      return;
    }

  if (self->reader == NULL)
    {
      clear_content (self);
      self->reader = ATLAS_PROFILE_READER (atlas_profile_reader_new ());
      gtk_box_append (self->content_box, GTK_WIDGET (self->reader));
    }
  atlas_profile_reader_show (self->reader, self->dataset, self->partner);
}

static void
refresh_now (AtlasProfileView *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->partner == NULL)
    return;

  if (self->editor != NULL)
    {
      update_header (self);
      atlas_profile_editor_sync (self->editor);
    }
  else
    rebuild (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  AtlasProfileView *self = user_data;

  self->refresh_id = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

/* One edit can change a partner many times over (a swap of its contents):
 * catch up once, before the next frame. */
static void
partner_changed_cb (AtlasProfileView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle_cb, self, NULL);
}

static void
set_partner (AtlasProfileView *self,
             AtlasPartner     *partner)
{
  if (self->partner == partner)
    return;

  if (self->partner != NULL)
    g_signal_handlers_disconnect_by_func (self->partner, partner_changed_cb, self);
  g_set_object (&self->partner, partner);
  if (partner != NULL)
    g_signal_connect_swapped (partner, "changed", G_CALLBACK (partner_changed_cb), self);

  if (self->undo_stack != NULL)
    atlas_undo_stack_break_coalescing (self->undo_stack);

  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTNER]);
}

static void
resolve_partner (AtlasProfileView *self)
{
  AtlasPartner *partner = NULL;

  if (self->dataset != NULL && self->selected_id != NULL)
    partner = atlas_dataset_find_partner (self->dataset, self->selected_id);

  set_partner (self, partner);
}

static void
edit_toggled_cb (AtlasProfileView *self)
{
  atlas_profile_view_set_editing (self, gtk_toggle_button_get_active (self->edit_button));
}

static void
atlas_profile_view_dispose (GObject *object)
{
  AtlasProfileView *self = ATLAS_PROFILE_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->partner != NULL)
    g_signal_handlers_disconnect_by_func (self->partner, partner_changed_cb, self);
  if (self->dataset != NULL)
    g_clear_signal_handler (&self->partners_changed_id, atlas_dataset_get_partners (self->dataset));

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_PROFILE_VIEW);

  g_clear_object (&self->partner);
  g_clear_object (&self->dataset);
  g_clear_object (&self->undo_stack);

  G_OBJECT_CLASS (atlas_profile_view_parent_class)->dispose (object);
}

static void
atlas_profile_view_finalize (GObject *object)
{
  AtlasProfileView *self = ATLAS_PROFILE_VIEW (object);

  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (atlas_profile_view_parent_class)->finalize (object);
}

static void
atlas_profile_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AtlasProfileView *self = ATLAS_PROFILE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    case PROP_PARTNER:
      g_value_set_object (value, self->partner);
      break;
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo_stack);
      break;
    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_profile_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AtlasProfileView *self = ATLAS_PROFILE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      atlas_profile_view_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_ID:
      atlas_profile_view_set_selected_id (self, g_value_get_string (value));
      break;
    case PROP_UNDO_STACK:
      atlas_profile_view_set_undo_stack (self, g_value_get_object (value));
      break;
    case PROP_EDITING:
      atlas_profile_view_set_editing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_profile_view_class_init (AtlasProfileViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_profile_view_dispose;
  object_class->finalize = atlas_profile_view_finalize;
  object_class->get_property = atlas_profile_view_get_property;
  object_class->set_property = atlas_profile_view_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         ATLAS_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTNER] =
    g_param_spec_object ("partner", NULL, NULL,
                         ATLAS_TYPE_PARTNER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL,
                         ATLAS_TYPE_UNDO_STACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-profile-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileView, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileView, name_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileView, content_box);
  gtk_widget_class_bind_template_callback (widget_class, edit_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "profileview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_profile_view_init (AtlasProfileView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_edit_button (self);
}

GtkWidget *
atlas_profile_view_new (void)
{
  return g_object_new (ATLAS_TYPE_PROFILE_VIEW, NULL);
}

AtlasDataset *
atlas_profile_view_get_dataset (AtlasProfileView *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), NULL);

  return self->dataset;
}

void
atlas_profile_view_set_dataset (AtlasProfileView *self,
                                AtlasDataset     *dataset)
{
  g_return_if_fail (ATLAS_IS_PROFILE_VIEW (self));
  g_return_if_fail (!dataset || ATLAS_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  if (self->dataset != NULL)
    g_clear_signal_handler (&self->partners_changed_id, atlas_dataset_get_partners (self->dataset));
  g_set_object (&self->dataset, dataset);
  /* A partner removed (or brought back by undo) leaves (or comes back). */
  if (dataset != NULL)
    self->partners_changed_id = g_signal_connect_swapped (atlas_dataset_get_partners (dataset),
                                                          "items-changed",
                                                          G_CALLBACK (resolve_partner), self);

  /* Another dataset's partner with the same code is another profile. */
  set_partner (self, NULL);
  resolve_partner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

const char *
atlas_profile_view_get_selected_id (AtlasProfileView *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), NULL);

  return self->selected_id;
}

void
atlas_profile_view_set_selected_id (AtlasProfileView *self,
                                    const char       *id)
{
  g_return_if_fail (ATLAS_IS_PROFILE_VIEW (self));

  if (!atlas_set_str (&self->selected_id, id))
    return;

  /* Leaving the partner ends editing; the changes are kept (and undoable). */
  if (self->editing)
    {
      self->editing = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
    }
  resolve_partner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

AtlasPartner *
atlas_profile_view_get_partner (AtlasProfileView *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), NULL);

  return self->partner;
}

AtlasUndoStack *
atlas_profile_view_get_undo_stack (AtlasProfileView *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), NULL);

  return self->undo_stack;
}

void
atlas_profile_view_set_undo_stack (AtlasProfileView *self,
                                   AtlasUndoStack   *undo_stack)
{
  g_return_if_fail (ATLAS_IS_PROFILE_VIEW (self));
  g_return_if_fail (!undo_stack || ATLAS_IS_UNDO_STACK (undo_stack));

  if (self->undo_stack == undo_stack)
    return;

  g_set_object (&self->undo_stack, undo_stack);

  if (self->editing)
    rebuild (self);
  update_edit_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_STACK]);
}

gboolean
atlas_profile_view_get_editing (AtlasProfileView *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), FALSE);

  return self->editing;
}

void
atlas_profile_view_set_editing (AtlasProfileView *self,
                                gboolean          editing)
{
  g_return_if_fail (ATLAS_IS_PROFILE_VIEW (self));

  editing = !!editing;
  if (self->editing == editing)
    return;

  self->editing = editing;
  if (self->undo_stack != NULL)
    atlas_undo_stack_break_coalescing (self->undo_stack);
  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  /* Focus moves into the form, to its first field. */
  if (editing && self->partner != NULL && self->undo_stack != NULL)
    gtk_widget_child_focus (GTK_WIDGET (self->content_box), GTK_DIR_TAB_FORWARD);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

gboolean
atlas_profile_view_open_link (AtlasProfileView *self,
                              const char       *uri)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), FALSE);

  return atlas_profile_open_link (GTK_WIDGET (self), uri);
}
