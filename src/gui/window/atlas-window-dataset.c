/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The dataset's own properties: win.dataset-properties opens the Dataset
 * dialog on the open document's undo stack. As in the profile editor, the
 * bundled dataset can be edited in memory; its first save asks where. */

#include "config.h"

#include "atlas-dataset-dialog.h"
#include "atlas-window-private.h"

static void
dataset_properties_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  AtlasUndoStack *stack = atlas_window_get_undo_stack (self);
  GtkWidget *dialog;

  if (stack == NULL)
    return;

  dialog = atlas_dataset_dialog_new (GTK_WINDOW (self), stack);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_action (AtlasWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.dataset-properties",
                                 atlas_window_get_undo_stack (self) != NULL);
}

void
_atlas_window_dataset_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.dataset-properties", NULL,
                                   dataset_properties_action);
}

void
_atlas_window_dataset_init (AtlasWindow *self)
{
  g_signal_connect (self, "notify::dataset-file", G_CALLBACK (update_action), NULL);
  update_action (self);
}
