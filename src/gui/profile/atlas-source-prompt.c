/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Where a change comes from, asked when it is made (see the header). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-source-prompt.h"

static void
give_source (AtlasUndoStack *stack,
             AtlasPartner   *partner,
             const char     *text)
{
  g_autofree char *source = g_strstrip (g_strdup (text));

  if (source[0] == '\0')
    return;
  atlas_undo_stack_set_change_source (stack, source);
  atlas_undo_stack_fill_missing_sources (stack, partner);
}

/* The popover */

static void
record_clicked_cb (GtkWidget *button,
                   GtkPopover *popover)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (popover), "entry");

  give_source (g_object_get_data (G_OBJECT (popover), "stack"),
               g_object_get_data (G_OBJECT (popover), "partner"),
               gtk_editable_get_text (entry));
  gtk_popover_popdown (popover);
}

static void
entry_changed_cb (GtkEditable *entry,
                  GtkWidget   *button)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  gtk_widget_set_sensitive (button, text[0] != '\0');
}

static void
entry_activate_cb (GtkEntry  *entry,
                   GtkWidget *record)
{
  if (gtk_widget_get_sensitive (record))
    record_clicked_cb (record, GTK_POPOVER (gtk_widget_get_ancestor (record, GTK_TYPE_POPOVER)));
}

/* Shortcuts the entry leaves alone (Ctrl+S, Ctrl+Z...) are the window's:
 * the question is put aside, the key goes on. */
static gboolean
popover_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkPopover            *popover)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (gtk_widget_get_parent (GTK_WIDGET (popover))));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0 || root == NULL)
    return FALSE;

  gtk_popover_popdown (popover);
  return gtk_event_controller_key_forward (controller, root);
}

static gboolean
unparent_idle (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  g_object_unref (popover);
  return G_SOURCE_REMOVE;
}

/* The editor may rebuild its rows (and drop the drop-down the popover
 * hangs on) while the popover is open or before its idle unparenting: a
 * widget must not be finalized with a child it did not make. */
static void
anchor_destroy_cb (GtkWidget *anchor,
                   GtkWidget *popover)
{
  if (gtk_widget_get_parent (popover) == anchor)
    gtk_widget_unparent (popover);
}

static void
popover_closed_cb (GtkPopover *popover)
{
  /* Not from inside its own signal */
  g_idle_add (unparent_idle, g_object_ref (popover));
}

void
atlas_source_prompt_popup (GtkWidget      *anchor,
                           AtlasUndoStack *stack,
                           AtlasPartner   *partner)
{
  GtkWidget *popover, *box, *title, *hint, *entry, *buttons, *skip, *record;

  g_return_if_fail (GTK_IS_WIDGET (anchor));
  g_return_if_fail (ATLAS_IS_UNDO_STACK (stack));
  g_return_if_fail (ATLAS_IS_PARTNER (partner));

  popover = gtk_popover_new ();
  gtk_widget_add_css_class (popover, "source-prompt");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  title = gtk_label_new (_("Where Does This Change Come From?"));
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  hint = gtk_label_new (_("The history records it with the change, for whoever reads the briefing."));
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 36);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("A link, or a document and its date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Source of this change"), -1);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  skip = gtk_button_new_with_mnemonic (_("_Not Now"));
  record = gtk_button_new_with_mnemonic (_("_Record Source"));
  gtk_widget_add_css_class (record, "suggested-action");
  gtk_widget_set_sensitive (record, FALSE);
  gtk_box_append (GTK_BOX (buttons), skip);
  gtk_box_append (GTK_BOX (buttons), record);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  g_object_set_data_full (G_OBJECT (popover), "stack", g_object_ref (stack), g_object_unref);
  g_object_set_data_full (G_OBJECT (popover), "partner", g_object_ref (partner), g_object_unref);
  g_object_set_data (G_OBJECT (popover), "entry", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), record);
  g_signal_connect (record, "clicked", G_CALLBACK (record_clicked_cb), popover);
  /* Enter records it, once there is something to record */
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), record);
  g_signal_connect_swapped (skip, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
  g_signal_connect (popover, "closed", G_CALLBACK (popover_closed_cb), NULL);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (popover_key_pressed_cb), popover);
    gtk_widget_add_controller (popover, keys);
  }

  gtk_widget_set_parent (popover, anchor);
  g_signal_connect_object (anchor, "destroy", G_CALLBACK (anchor_destroy_cb), popover, 0);
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_widget_grab_focus (entry);
}

/* The row */

static void
row_apply_cb (AdwEntryRow *row)
{
  give_source (g_object_get_data (G_OBJECT (row), "stack"), g_object_get_data (G_OBJECT (row), "partner"),
               gtk_editable_get_text (GTK_EDITABLE (row)));
  if (atlas_undo_stack_get_change_source (g_object_get_data (G_OBJECT (row), "stack")) != NULL)
    gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
}

GtkWidget *
atlas_source_prompt_row_new (AtlasUndoStack *stack,
                             AtlasPartner   *partner)
{
  GtkWidget *row;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (stack), NULL);
  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), NULL);

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 _("Where does this change come from? (a link, or a document and its date)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "source-prompt");
  gtk_widget_set_visible (row, FALSE);
  g_object_set_data_full (G_OBJECT (row), "stack", g_object_ref (stack), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "partner", g_object_ref (partner), g_object_unref);
  g_signal_connect (row, "apply", G_CALLBACK (row_apply_cb), NULL);

  return row;
}
