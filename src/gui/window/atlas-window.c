/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The main window: one dataset, its partners beside the map, and the
 * profile of the selected partner. This file puts the parts together
 * (atlas-window-*.c, each one area, see atlas-window-private.h); what they
 * share is atlas-window-state.c's, and they follow each other through the
 * window's notify signals, never by calling one another. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-partner-list.h"
#include "atlas-window-private.h"

G_DEFINE_FINAL_TYPE (AtlasWindow, atlas_window, ADW_TYPE_APPLICATION_WINDOW)

/* Keeps the drop-down on the window's lens, choosing the first lens when the
 * dataset does not have the one asked for. */
static void lens_selected_cb (AtlasWindow *self);

static void
sync_lens_dropdown (AtlasWindow *self)
{
  GListModel *lenses;
  guint n;

  if (atlas_window_get_dataset (self) == NULL)
    return;

  lenses = atlas_dataset_get_lenses (atlas_window_get_dataset (self));
  n = g_list_model_get_n_items (lenses);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);

      if (g_strcmp0 (atlas_lens_get_id (lens), self->lens_id) == 0)
        {
          gtk_drop_down_set_selected (self->lens_dropdown, i);
          return;
        }
    }

  if (n > 0)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, 0);

      atlas_window_set_lens_id (self, atlas_lens_get_id (lens));
    }
}

/* Connected before any part's handler: the lenses are the new dataset's
 * before anything else hears of it. */
static void
dataset_set_cb (AtlasWindow *self)
{
  /* A new model selects its first item: that is not the user choosing. */
  g_signal_handlers_block_by_func (self->lens_dropdown, lens_selected_cb, self);
  gtk_drop_down_set_model (self->lens_dropdown, atlas_dataset_get_lenses (atlas_window_get_dataset (self)));
  g_signal_handlers_unblock_by_func (self->lens_dropdown, lens_selected_cb, self);
  sync_lens_dropdown (self);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* Keys 1–4 (and on) pick the n-th lens, as the legend and the drop-down list them. */
static gboolean
select_lens_shortcut_cb (GtkWidget *widget,
                         GVariant  *args,
                         gpointer   user_data)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  guint index = g_variant_get_uint32 (args);

  if (atlas_window_get_dataset (self) == NULL ||
      index >= g_list_model_get_n_items (atlas_dataset_get_lenses (atlas_window_get_dataset (self))))
    return FALSE;

  gtk_drop_down_set_selected (self->lens_dropdown, index);
  return TRUE;
}

static void
lens_selected_cb (AtlasWindow *self)
{
  AtlasLens *lens = gtk_drop_down_get_selected_item (self->lens_dropdown);

  if (lens != NULL)
    atlas_window_set_lens_id (self, atlas_lens_get_id (lens));
}

static void
sidebar_revealed_cb (AdwFlap     *flap,
                     GParamSpec  *pspec,
                     AtlasWindow *self)
{
  GSettings *settings = atlas_window_get_settings (self);

  if (settings != NULL && !adw_flap_get_folded (flap))
    g_settings_set_boolean (settings, "sidebar-visible", adw_flap_get_reveal_flap (flap));
}

/* The settings come from the application when it takes the window in,
 * after construction: bind them when they come. */
static void
bind_settings (AtlasWindow *self)
{
  GSettings *settings = atlas_window_get_settings (self);

  if (settings != NULL && !self->settings_bound)
    {
      g_autofree char *lens_id = g_settings_get_string (settings, "lens");

      g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
      /* Read once; written back only when the user shows or hides the list
       * on a wide window, not when a narrow one folds it away. */
      adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (settings, "sidebar-visible"));
      g_signal_connect (self->flap, "notify::reveal-flap", G_CALLBACK (sidebar_revealed_cb), self);
      g_settings_bind (settings, "legend-visible", self->map_view, "legend-visible",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "hatch-patterns", self->map_view, "hatch-patterns",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "online-tiles", self->map_view, "online-tiles",
                       G_SETTINGS_BIND_DEFAULT);
      atlas_window_set_lens_id (self, lens_id);
      self->settings_bound = TRUE;
    }
}

static void
atlas_window_constructed (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  G_OBJECT_CLASS (atlas_window_parent_class)->constructed (object);

  bind_settings (self);
  g_signal_connect (self, "notify::settings", G_CALLBACK (bind_settings), NULL);
}

static void
atlas_window_dispose (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  _atlas_window_files_dispose (self);
  g_clear_object (&self->document);
  _atlas_window_salvage_dispose (self);
  _atlas_window_review_dispose (self);
  /* The key hint's timer would otherwise outlive a window closed while
   * presenting. */
  g_clear_handle_id (&self->presentation_hint_id, g_source_remove);
  _atlas_window_time_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_WINDOW);

  g_clear_object (&self->loading_file);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (atlas_window_parent_class)->dispose (object);
}

static void
atlas_window_finalize (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  g_clear_pointer (&self->lens_id, g_free);
  g_clear_pointer (&self->presentation_saved_lens, g_free);
  g_clear_pointer (&self->presentation_saved_selected, g_free);
  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (atlas_window_parent_class)->finalize (object);
}

static void
atlas_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  switch (prop_id)
    {
    case _ATLAS_WINDOW_PROP_DATASET:
      g_value_set_object (value, atlas_window_get_dataset (self));
      break;
    case _ATLAS_WINDOW_PROP_FILE:
      g_value_set_object (value, atlas_window_get_file (self));
      break;
    case _ATLAS_WINDOW_PROP_DATASET_FILE:
      g_value_set_object (value, atlas_window_get_dataset_file (self));
      break;
    case _ATLAS_WINDOW_PROP_UNDO_STACK:
      g_value_set_object (value, atlas_window_get_undo_stack (self));
      break;
    case _ATLAS_WINDOW_PROP_LENS_ID:
      g_value_set_string (value, atlas_window_get_lens_id (self));
      break;
    case _ATLAS_WINDOW_PROP_SELECTED_ID:
      g_value_set_string (value, atlas_window_get_selected_id (self));
      break;
    case _ATLAS_WINDOW_PROP_SHOWN_DATASET:
      g_value_set_object (value, atlas_window_get_shown_dataset (self));
      break;
    case _ATLAS_WINDOW_PROP_SETTINGS:
      g_value_set_object (value, atlas_window_get_settings (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  switch (prop_id)
    {
    case _ATLAS_WINDOW_PROP_LENS_ID:
      atlas_window_set_lens_id (self, g_value_get_string (value));
      break;
    case _ATLAS_WINDOW_PROP_SELECTED_ID:
      atlas_window_set_selected_id (self, g_value_get_string (value));
      break;
    case _ATLAS_WINDOW_PROP_SETTINGS:
      atlas_window_set_settings (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_window_class_init (AtlasWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_window_constructed;
  object_class->dispose = atlas_window_dispose;
  object_class->finalize = atlas_window_finalize;
  object_class->get_property = atlas_window_get_property;
  object_class->set_property = atlas_window_set_property;

  _atlas_window_properties[_ATLAS_WINDOW_PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         ATLAS_TYPE_DATASET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _atlas_window_properties[_ATLAS_WINDOW_PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _atlas_window_properties[_ATLAS_WINDOW_PROP_DATASET_FILE] =
    g_param_spec_object ("dataset-file", NULL, NULL,
                         ATLAS_TYPE_DATASET_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _atlas_window_properties[_ATLAS_WINDOW_PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL,
                         ATLAS_TYPE_UNDO_STACK,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _atlas_window_properties[_ATLAS_WINDOW_PROP_LENS_ID] =
    g_param_spec_string ("lens-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _atlas_window_properties[_ATLAS_WINDOW_PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The state on show (atlas-window-time.c): the dataset as of the date
   * the "As of" control names, replaced at every step in time. */
  _atlas_window_properties[_ATLAS_WINDOW_PROP_SHOWN_DATASET] =
    g_param_spec_object ("shown-dataset", NULL, NULL,
                         ATLAS_TYPE_DATASET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  _atlas_window_properties[_ATLAS_WINDOW_PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, _ATLAS_WINDOW_N_PROPS, _atlas_window_properties);

  g_type_ensure (ATLAS_TYPE_PARTNER_LIST);
  g_type_ensure (ATLAS_TYPE_MAP_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, lens_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, profile_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, present_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, partner_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, map_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, error_details);

  _atlas_window_files_class_init (klass);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);

  for (guint i = 0; i < 9; i++)
    {
      gtk_widget_class_add_binding (widget_class, GDK_KEY_1 + i, 0,
                                    select_lens_shortcut_cb, "u", i);
      gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_1 + i, 0,
                                    select_lens_shortcut_cb, "u", i);
    }

  _atlas_window_panels_class_init (widget_class);
  _atlas_window_export_class_init (widget_class);
  _atlas_window_salvage_class_init (widget_class);
  _atlas_window_present_class_init (widget_class);
  _atlas_window_dataset_class_init (widget_class);
  _atlas_window_time_class_init (widget_class);
  _atlas_window_review_class_init (widget_class);
}

static void
lens_label_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
lens_label_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  AtlasLens *lens = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), atlas_lens_get_name (lens));
}

/* The button shows the lens's name, shortened on a narrow window so the
 * header bar keeps room for its buttons; the list shows names whole. */
static GtkListItemFactory *
lens_label_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (lens_label_setup_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (lens_label_bind_cb), NULL);
  return factory;
}

/* On the error page (and while loading) the header keeps only what still
 * means something: opening another file, the main menu. */
static void
main_page_changed_cb (AtlasWindow *self)
{
  gboolean content = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "content") == 0;
  GtkWidget *controls[] = {
    GTK_WIDGET (self->lens_dropdown), self->sidebar_button, self->profile_button,
    self->save_button, GTK_WIDGET (self->undo_button), self->present_button,
  };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    gtk_widget_set_visible (controls[i], content);
}

static void
atlas_window_init (AtlasWindow *self)
{
  GtkExpression *expression;
  g_autoptr(GtkListItemFactory) button_factory = lens_label_factory (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = lens_label_factory (FALSE);

  gtk_widget_init_template (GTK_WIDGET (self));
  _atlas_window_files_init (self);

  expression = gtk_property_expression_new (ATLAS_TYPE_LENS, NULL, "name");
  gtk_drop_down_set_expression (self->lens_dropdown, expression);
  gtk_expression_unref (expression);
  g_signal_connect_swapped (self->main_stack, "notify::visible-child-name",
                            G_CALLBACK (main_page_changed_cb), self);
  main_page_changed_cb (self);
  gtk_drop_down_set_factory (self->lens_dropdown, button_factory);
  gtk_drop_down_set_list_factory (self->lens_dropdown, list_factory);
  g_signal_connect_swapped (self->lens_dropdown, "notify::selected-item",
                            G_CALLBACK (lens_selected_cb), self);
  g_signal_connect (self, "notify::dataset", G_CALLBACK (dataset_set_cb), NULL);
  g_signal_connect (self, "notify::lens-id", G_CALLBACK (sync_lens_dropdown), NULL);

  g_object_bind_property (self, "lens-id", self->partner_list, "lens-id", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "lens-id", self->map_view, "lens-id", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "selected-id", self->map_view, "selected-id",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  _atlas_window_panels_init (self);
  _atlas_window_export_init (self);
  _atlas_window_salvage_init (self);
  _atlas_window_present_init (self);
  _atlas_window_dataset_init (self);
  _atlas_window_review_init (self);
  _atlas_window_time_init (self);

#if DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}
