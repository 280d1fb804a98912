/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the model's objects share (atlas-core-private.h): the unknown
 * members each object keeps for the writer, and list-model helpers. */

#include "config.h"

#include "atlas-core-private.h"

struct _AtlasStoreWatch
{
  GListModel *model;
  GPtrArray  *items; /* mirror of model, so removed items can be disconnected */
  char       *item_signal;
  void      (*changed) (gpointer owner);
  gpointer    owner;
  gulong      items_changed_id;
};

/* Unknown members ride on the model's objects as qdata. */
static GQuark
extra_quark (void)
{
  static gsize quark = 0;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("atlas-extra-members"));
  return quark;
}

GBytes *
atlas_extra_get (gpointer object)
{
  return g_object_get_qdata (G_OBJECT (object), extra_quark ());
}

void
atlas_extra_set (gpointer  object,
                 GBytes   *extra)
{
  if (extra != NULL && g_bytes_get_size (extra) <= 2)
    extra = NULL;

  g_object_set_qdata_full (G_OBJECT (object), extra_quark (),
                           extra ? g_bytes_ref (extra) : NULL,
                           (GDestroyNotify) g_bytes_unref);
}

void
atlas_extra_copy (gpointer dest,
                  gpointer src)
{
  /* Immutable: sharing is copying. */
  atlas_extra_set (dest, atlas_extra_get (src));
}

gboolean
atlas_extra_equal (gpointer a,
                   gpointer b)
{
  GBytes *extra_a = atlas_extra_get (a);
  GBytes *extra_b = atlas_extra_get (b);

  if (extra_a == NULL || extra_b == NULL)
    return extra_a == extra_b;

  return g_bytes_equal (extra_a, extra_b);
}

static void
store_watch_item_cb (AtlasStoreWatch *watch)
{
  watch->changed (watch->owner);
}

static void
store_watch_items_changed_cb (AtlasStoreWatch *watch,
                              guint            position,
                              guint            removed,
                              guint            added,
                              GListModel      *model)
{
  for (guint i = 0; i < removed; i++)
    {
      gpointer item = g_ptr_array_index (watch->items, position + i);
      g_signal_handlers_disconnect_by_data (item, watch);
    }
  g_ptr_array_remove_range (watch->items, position, removed);

  for (guint i = 0; i < added; i++)
    {
      GObject *item = g_list_model_get_item (model, position + i);

      g_signal_connect_swapped (item, watch->item_signal,
                                G_CALLBACK (store_watch_item_cb), watch);
      g_ptr_array_insert (watch->items, position + i, item);
    }

  watch->changed (watch->owner);
}

AtlasStoreWatch *
atlas_store_watch_new (GListModel  *model,
                       const char  *item_signal,
                       void       (*changed) (gpointer owner),
                       gpointer     owner)
{
  AtlasStoreWatch *watch = g_new0 (AtlasStoreWatch, 1);
  guint n = g_list_model_get_n_items (model);

  watch->model = g_object_ref (model);
  watch->items = g_ptr_array_new_with_free_func (g_object_unref);
  watch->item_signal = g_strdup (item_signal);
  watch->changed = changed;
  watch->owner = owner;

  for (guint i = 0; i < n; i++)
    {
      GObject *item = g_list_model_get_item (model, i);

      g_signal_connect_swapped (item, item_signal, G_CALLBACK (store_watch_item_cb), watch);
      g_ptr_array_add (watch->items, item);
    }

  watch->items_changed_id =
    g_signal_connect_swapped (model, "items-changed",
                              G_CALLBACK (store_watch_items_changed_cb), watch);

  return watch;
}

void
atlas_store_watch_free (AtlasStoreWatch *watch)
{
  if (watch == NULL)
    return;

  g_clear_signal_handler (&watch->items_changed_id, watch->model);
  for (guint i = 0; i < watch->items->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (watch->items, i), watch);
  g_ptr_array_unref (watch->items);
  g_object_unref (watch->model);
  g_free (watch->item_signal);
  g_free (watch);
}

gboolean
atlas_list_model_equal (GListModel *a,
                        GListModel *b,
                        GEqualFunc  item_equal)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item_a = g_list_model_get_item (a, i);
      g_autoptr(GObject) item_b = g_list_model_get_item (b, i);

      if (!item_equal (item_a, item_b))
        return FALSE;
    }

  return TRUE;
}

void
atlas_list_store_copy_items (GListStore  *dest,
                             GListModel  *src,
                             gpointer   (*copy) (gpointer item))
{
  guint n = g_list_model_get_n_items (src);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (src, i);
      g_ptr_array_add (copies, copy (item));
    }

  /* One splice, one items-changed. */
  g_list_store_splice (dest, g_list_model_get_n_items (G_LIST_MODEL (dest)), 0,
                       copies->pdata, copies->len);
}
