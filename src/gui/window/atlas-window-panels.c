/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's side panels: the partner list (start) and the profile with
 * its editor (end), both AdwFlaps that fold away on a narrow window and
 * come back with the header bar's toggles; the shared selection; adding
 * and removing partners. A removal is recorded in the partner's history
 * with its date and source (the atlas as of an earlier date still shows the
 * partner), asked for in a dialog, and undoable from a toast. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-add-partner-dialog.h"
#include "atlas-window-private.h"

static AtlasUndoStack *
get_undo_stack (AtlasWindow *self)
{
  return atlas_window_get_undo_stack (self);
}

static AtlasPartner *
get_selected_partner (AtlasWindow *self)
{
  if (atlas_window_get_dataset (self) == NULL || self->selected_id == NULL)
    return NULL;

  return atlas_dataset_find_partner (atlas_window_get_dataset (self), self->selected_id);
}

static void
update_actions (AtlasWindow *self)
{
  /* As of a past date the window shows a state no edit can go to. */
  gboolean latest = atlas_window_get_as_of (self) == NULL;
  gboolean editable = latest && get_selected_partner (self) != NULL &&
                      get_undo_stack (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-partner", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-partner",
                                 latest && atlas_window_get_dataset (self) != NULL && get_undo_stack (self) != NULL);
}

/* The profile is what a choice is for: it comes in with a partner (and,
 * on a narrow window, the list goes out of its way). With no partner it
 * would only say so: the map has the room. */
static void
selected_id_changed_cb (AtlasWindow *self)
{
  update_actions (self);

  if (self->selected_id == NULL)
    {
      if (!adw_flap_get_folded (self->profile_flap) && !atlas_profile_view_get_editing (self->profile_view))
        adw_flap_set_reveal_flap (self->profile_flap, FALSE);
      return;
    }

  adw_flap_set_reveal_flap (self->profile_flap, TRUE);
  if (adw_flap_get_folded (self->flap) && adw_flap_get_folded (self->profile_flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* The width a panel takes from the map when it comes in over it (folded,
 * on a narrow window), 0 when it sits beside it. */
static int
width_over_map (AdwFlap *flap)
{
  GtkWidget *panel = adw_flap_get_flap (flap);
  int natural = 0;

  if (panel == NULL || !adw_flap_get_folded (flap) || !adw_flap_get_reveal_flap (flap))
    return 0;

  gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return MAX (natural, gtk_widget_get_width (panel));
}

/* A partner picked in the list is shown on the map too, clear of the
 * profile (and the list) when they come in over the map on a narrow
 * window; one clicked on the map is already in view, and the map is not
 * moved under the pointer. */
static void
partner_picked_cb (AtlasWindow *self,
                   const char  *id)
{
  GtkBorder insets = { 0 };

  if (!self->presenting)
    {
      insets.right = (gint16) MIN (width_over_map (self->profile_flap), G_MAXINT16);
      insets.left = (gint16) MIN (width_over_map (self->flap), G_MAXINT16);
      atlas_map_view_set_fit_insets (self->map_view, &insets);
    }
  atlas_map_view_fly_to (self->map_view, id);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  atlas_partner_list_focus_search (self->partner_list);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  gboolean editing = !atlas_profile_view_get_editing (self->profile_view);

  atlas_profile_view_set_editing (self->profile_view, editing);
  if (editing)
    adw_flap_set_reveal_flap (self->profile_flap, TRUE);
}

static void
partner_chosen_cb (AtlasAddPartnerDialog *dialog,
                   const char            *id,
                   AtlasWindow           *self)
{
  AtlasUndoStack *undo_stack = get_undo_stack (self);
  g_autoptr(AtlasPartner) partner = NULL;

  if (undo_stack == NULL || atlas_window_get_dataset (self) == NULL ||
      atlas_dataset_find_partner (atlas_window_get_dataset (self), id) != NULL)
    return;

  /* Removed earlier: it comes back, history and all. */
  if (atlas_dataset_find_any_partner (atlas_window_get_dataset (self), id) != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!atlas_undo_stack_set_listed (undo_stack, atlas_dataset_find_any_partner (atlas_window_get_dataset (self), id),
                                        TRUE, NULL, NULL, &error))
        {
          g_autofree char *text = g_markup_escape_text (error->message, -1);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
          return;
        }
      atlas_partner_list_set_search (self->partner_list, "");
      atlas_window_set_selected_id (self, id);
      adw_flap_set_reveal_flap (self->profile_flap, TRUE);
      return;
    }

  partner = atlas_partner_new (id, atlas_iso_codes_get_name (id));
  atlas_partner_set_updated (partner, atlas_undo_stack_get_change_date (undo_stack));
  atlas_undo_stack_add_partner (undo_stack, partner, G_MAXUINT);

  /* A new partner has everything still to be written; and it should be
   * seen in the list, whatever was being searched. */
  atlas_partner_list_set_search (self->partner_list, "");
  atlas_window_set_selected_id (self, id);
  atlas_profile_view_set_editing (self->profile_view, TRUE);
  adw_flap_set_reveal_flap (self->profile_flap, TRUE);
}

static void
add_partner_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  AtlasAddPartnerDialog *dialog;

  if (atlas_window_get_dataset (self) == NULL || get_undo_stack (self) == NULL)
    return;

  dialog = atlas_add_partner_dialog_new (GTK_WINDOW (self), atlas_window_get_dataset (self));
  g_signal_connect_object (dialog, "partner-chosen", G_CALLBACK (partner_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  AtlasWindow *window;
  char        *id;
  GtkWidget   *date_row;
  GtkWidget   *source_row;
} Removal;

static void
removal_free (gpointer data)
{
  Removal *removal = data;

  g_object_unref (removal->window);
  g_free (removal->id);
  g_free (removal);
}

static AtlasPartner *
removal_partner (Removal *removal)
{
  AtlasDataset *dataset = atlas_window_get_dataset (removal->window);

  return dataset ? atlas_dataset_find_partner (dataset, removal->id) : NULL;
}

/* The date must be one, and not before the partner's last listing change
 * (it was added later, say): the reason goes in the dialog's text. */
static void
removal_validate (Removal *removal)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_ancestor (removal->date_row,
                                                                          ADW_TYPE_MESSAGE_DIALOG));
  AtlasUndoStack *undo_stack = get_undo_stack (removal->window);
  AtlasPartner *partner = removal_partner (removal);
  const char *date = gtk_editable_get_text (GTK_EDITABLE (removal->date_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gboolean ok;

  if (dialog == NULL || partner == NULL || undo_stack == NULL)
    return;

  if (!atlas_format_is_date (date))
    {
      ok = FALSE;
      /* Translators: %s is what was typed */
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a date: write year-month-day, e.g. 2014-06-30."), date);
    }
  else
    ok = atlas_undo_stack_check_listed (undo_stack, partner, date, &error);

  body = g_strdup_printf (
    /* Translators: %s is a country's name */
    _("%s leaves the map, the list and exports. Its history is kept: the atlas as of an "
      "earlier date still shows it."),
    atlas_partner_get_display_name (partner));
  if (!ok)
    {
      g_autofree char *with_reason = g_strconcat (body, "\n\n", error->message, NULL);

      g_free (body);
      body = g_steal_pointer (&with_reason);
      gtk_widget_add_css_class (removal->date_row, "error");
    }
  else
    gtk_widget_remove_css_class (removal->date_row, "error");

  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_response_enabled (dialog, "remove", ok);
}

static void
undo_removal_cb (AdwToast    *toast,
                 AtlasWindow *self)
{
  AtlasUndoStack *undo_stack = get_undo_stack (self);
  const char *id = g_object_get_data (G_OBJECT (toast), "partner-id");

  /* The toast goes as soon as anything else is done, so the last command
   * is still the removal. */
  if (undo_stack != NULL && atlas_undo_stack_undo (undo_stack))
    atlas_window_set_selected_id (self, id);
}

static void
removal_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Removal          *removal)
{
  AtlasWindow *self = removal->window;
  AtlasUndoStack *undo_stack = get_undo_stack (self);
  AtlasPartner *partner = removal_partner (removal);
  const char *date = gtk_editable_get_text (GTK_EDITABLE (removal->date_row));
  const char *source = gtk_editable_get_text (GTK_EDITABLE (removal->source_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!g_str_equal (response, "remove") || partner == NULL || undo_stack == NULL ||
      atlas_window_get_as_of (self) != NULL)
    return;

  /* A toast's title is markup (libadwaita 1.2 has no switch for it), and
   * the name may come from the dataset. */
  name = g_markup_escape_text (atlas_partner_get_display_name (partner), -1);
  if (!atlas_undo_stack_set_listed (undo_stack, partner, FALSE, date, source, &error))
    {
      g_autofree char *text = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  /* The next change is likely to come from the same source. */
  atlas_undo_stack_set_change_source (undo_stack, source);

  /* Translators: %s is a country's name */
  title = g_strdup_printf (_("%s removed"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "partner-id", g_strdup (removal->id), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_removal_cb), self, 0);
  g_signal_connect_object (undo_stack, "changed", G_CALLBACK (adw_toast_dismiss), toast,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWidget *
removal_row_new (Removal    *removal,
                 GtkWidget  *list,
                 const char *title,
                 const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (removal_validate), removal);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  return row;
}

/* Asks when and on what source the partner leaves the atlas. */
static void
remove_partner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  AtlasUndoStack *undo_stack = get_undo_stack (self);
  AtlasPartner *partner = get_selected_partner (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *list;
  Removal *removal;

  if (partner == NULL || undo_stack == NULL || atlas_window_get_as_of (self) != NULL)
    return;

  /* Translators: %s is a country's name */
  heading = g_strdup_printf (_("Remove %s?"), atlas_partner_get_display_name (partner));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  adw_message_dialog_set_heading_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  removal = g_new0 (Removal, 1);
  removal->window = g_object_ref (self);
  removal->id = g_strdup (atlas_partner_get_id (partner));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  removal->date_row = removal_row_new (removal, list, _("Date of the removal (YYYY-MM-DD)"),
                                       atlas_undo_stack_get_change_date (undo_stack));
  removal->source_row = removal_row_new (removal, list, _("Source of the removal"),
                                         atlas_undo_stack_get_change_source (undo_stack));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data_full (G_OBJECT (dialog), "atlas-removal", removal, removal_free);
  g_signal_connect (dialog, "response", G_CALLBACK (removal_response_cb), removal);

  removal_validate (removal);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_stack_changed_cb (AtlasWindow *self)
{
  update_actions (self);
}

/* The profile's dataset is the state on show (atlas-window-time.c). */
static void
dataset_changed_cb (AtlasWindow *self)
{
  update_actions (self);
}

/* The list's order is the user's, from one window and run to the next. */
static void
settings_set_cb (AtlasWindow *self)
{
  GSettings *settings = atlas_window_get_settings (self);

  if (settings != NULL)
    g_settings_bind (settings, "partner-sort", self->partner_list, "sort", G_SETTINGS_BIND_DEFAULT);
}

void
_atlas_window_panels_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (ATLAS_TYPE_PROFILE_VIEW);

  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, profile_flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, profile_view);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.edit", NULL, edit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.edit", NULL);
  gtk_widget_class_install_action (widget_class, "win.add-partner", NULL, add_partner_action);
  gtk_widget_class_install_action (widget_class, "win.remove-partner", NULL, remove_partner_action);
}

void
_atlas_window_panels_init (AtlasWindow *self)
{
  g_object_bind_property (self, "selected-id", self->partner_list, "selected-id",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (self, "selected-id", self->profile_view, "selected-id",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect (self, "notify::selected-id", G_CALLBACK (selected_id_changed_cb), NULL);
  /* Nothing picked yet: the map first. */
  adw_flap_set_reveal_flap (self->profile_flap, FALSE);
  g_signal_connect_object (self->partner_list, "partner-picked", G_CALLBACK (partner_picked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::dataset", G_CALLBACK (dataset_changed_cb), NULL);
  g_signal_connect (self, "notify::settings", G_CALLBACK (settings_set_cb), NULL);
  /* A past date on show (atlas-window-time.c) takes no edit. */
  g_signal_connect (self, "notify::shown-dataset", G_CALLBACK (dataset_changed_cb), NULL);
  g_signal_connect_swapped (self->profile_view, "notify::undo-stack",
                            G_CALLBACK (undo_stack_changed_cb), self);
  /* The undo stack belongs to the files side of the window (one per
   * dataset); every edit goes through it. */
  g_object_bind_property (self, "undo-stack", self->profile_view, "undo-stack",
                          G_BINDING_SYNC_CREATE);

  update_actions (self);
}

