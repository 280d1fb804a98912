/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "atlas-text.h"

G_BEGIN_DECLS

/* Members of a JSON object that this version of the app does not know are
 * kept with the model object they were read into, in file order, and written
 * back after the known ones: a file from a newer app loses nothing here.
 * They are kept as one compact JSON object's text, {"name":value,...}
 * (atlas_json_reader_copy_value()): about the size of the file's text, not
 * a tree of nodes 40 times that, and numbers exactly as written. The bytes
 * are immutable, so copies share them.
 */
GBytes     *atlas_extra_get   (gpointer    object);
/* Takes a new reference; NULL or "{}" clears. */
void        atlas_extra_set   (gpointer    object,
                               GBytes     *extra);
void        atlas_extra_copy  (gpointer    dest,
                               gpointer    src);
gboolean    atlas_extra_equal (gpointer    a,
                               gpointer    b);

/* Calls changed (owner) when a list model's content changes, or when one
 * of its items emits item_signal (itself and not its detail: "notify",
 * "changed"): how a container learns that something deep inside it changed.
 * Items removed from the list are disconnected at once. */
typedef struct _AtlasStoreWatch AtlasStoreWatch;

AtlasStoreWatch *atlas_store_watch_new  (GListModel      *model,
                                         const char      *item_signal,
                                         void           (*changed) (gpointer owner),
                                         gpointer         owner);
void             atlas_store_watch_free (AtlasStoreWatch *watch);

/* Element-wise equality of two list models holding the same type. */
gboolean         atlas_list_model_equal (GListModel      *a,
                                         GListModel      *b,
                                         GEqualFunc       item_equal);
/* Appends deep copies of src's items to dest. */
void             atlas_list_store_copy_items (GListStore *dest,
                                              GListModel *src,
                                              gpointer  (*copy) (gpointer item));

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasStoreWatch, atlas_store_watch_free)

G_END_DECLS
