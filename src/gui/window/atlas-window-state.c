/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the window shows and its parts share: the open document (its
 * dataset, file and undo stack are the document's, never copied), the
 * lens, the selected partner, and the settings the application hands it. The parts
 * read and change them here and follow them through the window's notify
 * signals (connected in their _init ()); nothing here calls a part, so the
 * parts never call each other round in a circle. */

#include "config.h"

#include "atlas-window-private.h"

GParamSpec *_atlas_window_properties[_ATLAS_WINDOW_N_PROPS];

GSettings *
atlas_window_get_settings (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->settings;
}

void
atlas_window_set_settings (AtlasWindow *self,
                           GSettings   *settings)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (g_set_object (&self->settings, settings))
    g_object_notify_by_pspec (G_OBJECT (self), _atlas_window_properties[_ATLAS_WINDOW_PROP_SETTINGS]);
}

void
_atlas_window_set_document (AtlasWindow      *self,
                            AtlasDatasetFile *document)
{
  GObject *object = G_OBJECT (self);

  g_return_if_fail (ATLAS_IS_DATASET_FILE (document));

  /* A new document brings a new dataset (the document's is given at its
   * construction): the lens drop-down, the list, the map, the time
   * controls follow notify::dataset. */
  if (g_set_object (&self->document, document))
    g_object_notify_by_pspec (object, _atlas_window_properties[_ATLAS_WINDOW_PROP_DATASET]);

  gtk_stack_set_visible_child_name (self->main_stack, "content");
  g_object_notify_by_pspec (object, _atlas_window_properties[_ATLAS_WINDOW_PROP_FILE]);
  g_object_notify_by_pspec (object, _atlas_window_properties[_ATLAS_WINDOW_PROP_DATASET_FILE]);
  g_object_notify_by_pspec (object, _atlas_window_properties[_ATLAS_WINDOW_PROP_UNDO_STACK]);
}

void
_atlas_window_document_saved (AtlasWindow *self)
{
  /* Perhaps under another name; the title and the base a merge compares
   * with follow notify::file. */
  g_object_notify_by_pspec (G_OBJECT (self), _atlas_window_properties[_ATLAS_WINDOW_PROP_FILE]);
}

AtlasDatasetFile *
atlas_window_get_dataset_file (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->document;
}

AtlasDataset *
atlas_window_get_dataset (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->document ? atlas_dataset_file_get_dataset (self->document) : NULL;
}

GFile *
atlas_window_get_file (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->document ? atlas_dataset_file_get_file (self->document) : NULL;
}

AtlasUndoStack *
atlas_window_get_undo_stack (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->document ? atlas_dataset_file_get_undo_stack (self->document) : NULL;
}

const char *
atlas_window_get_lens_id (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->lens_id;
}

void
atlas_window_set_lens_id (AtlasWindow *self,
                          const char  *lens_id)
{
  GSettings *settings;

  g_return_if_fail (ATLAS_IS_WINDOW (self));

  if (g_strcmp0 (self->lens_id, lens_id) == 0)
    return;

  g_free (self->lens_id);
  self->lens_id = g_strdup (lens_id);

  /* A lens picked while presenting lasts until presentation mode ends. */
  settings = atlas_window_get_settings (self);
  if (settings != NULL && lens_id != NULL && !self->presenting)
    g_settings_set_string (settings, "lens", lens_id);

  g_object_notify_by_pspec (G_OBJECT (self), _atlas_window_properties[_ATLAS_WINDOW_PROP_LENS_ID]);
}

const char *
atlas_window_get_selected_id (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->selected_id;
}

void
atlas_window_set_selected_id (AtlasWindow *self,
                              const char  *id)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));

  if (g_strcmp0 (self->selected_id, id) == 0)
    return;

  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), _atlas_window_properties[_ATLAS_WINDOW_PROP_SELECTED_ID]);
}
