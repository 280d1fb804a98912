/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "atlas-core.h"
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

static GQuark extra_quark;

void
atlas_core_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      extra_quark = g_quark_from_static_string ("atlas-extra-members");
      /* Loading the table binds the iso_3166-1 text domain. */
      atlas_iso_codes_is_valid_alpha2 ("EU");
      g_type_ensure (ATLAS_TYPE_DATASET);
      g_type_ensure (ATLAS_TYPE_PARTNER);
      g_type_ensure (ATLAS_TYPE_LENS);
      g_type_ensure (ATLAS_TYPE_CATEGORY);
      g_type_ensure (ATLAS_TYPE_SOURCE);
      g_type_ensure (ATLAS_TYPE_DOCUMENT);
      g_type_ensure (ATLAS_TYPE_DIALOGUE);
      g_type_ensure (ATLAS_TYPE_AGREEMENT);
      g_type_ensure (ATLAS_TYPE_SOURCE_REF);
      g_type_ensure (ATLAS_TYPE_HISTORY_ENTRY);
      g_type_ensure (ATLAS_TYPE_PROBLEM);
      g_once_init_leave (&initialized, 1);
    }
}

static GQuark
get_extra_quark (void)
{
  atlas_core_init ();
  return extra_quark;
}

JsonObject *
atlas_extra_get (gpointer object)
{
  return g_object_get_qdata (G_OBJECT (object), get_extra_quark ());
}

void
atlas_extra_set (gpointer    object,
                 JsonObject *extra)
{
  if (extra != NULL && json_object_get_size (extra) == 0)
    extra = NULL;

  g_object_set_qdata_full (G_OBJECT (object), get_extra_quark (),
                           extra ? json_object_ref (extra) : NULL,
                           (GDestroyNotify) json_object_unref);
}

void
atlas_extra_copy (gpointer dest,
                  gpointer src)
{
  JsonObject *extra = atlas_extra_get (src);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) copy = NULL;

  if (extra == NULL)
    {
      atlas_extra_set (dest, NULL);
      return;
    }

  /* The two objects must not share mutable JSON. */
  node = json_node_init_object (json_node_alloc (), extra);
  copy = atlas_json_node_deep_copy (node);
  atlas_extra_set (dest, json_node_get_object (copy));
}

/* json_node_copy() shares arrays and objects between the copies. */
JsonNode *
atlas_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (object, name, atlas_json_node_deep_copy (member));
        copy = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        guint n = json_array_get_length (source);
        JsonArray *array = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array, atlas_json_node_deep_copy (json_array_get_element (source, i)));
        copy = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
      }
      break;

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      copy = json_node_copy (node);
      break;
    }

  return copy;
}

gboolean
atlas_json_object_equal (JsonObject *a,
                         JsonObject *b)
{
  g_autoptr(JsonNode) node_a = NULL;
  g_autoptr(JsonNode) node_b = NULL;
  GList *ma, *mb, *la, *lb;
  gboolean equal = TRUE;

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  /* json_node_equal ignores member order, which we keep and write. */
  ma = json_object_get_members (a);
  mb = json_object_get_members (b);
  for (la = ma, lb = mb; la != NULL && lb != NULL; la = la->next, lb = lb->next)
    if (g_strcmp0 (la->data, lb->data) != 0)
      break;
  equal = la == NULL && lb == NULL;
  g_list_free (ma);
  g_list_free (mb);
  if (!equal)
    return FALSE;

  node_a = json_node_init_object (json_node_alloc (), a);
  node_b = json_node_init_object (json_node_alloc (), b);

  return json_node_equal (node_a, node_b);
}

gboolean
atlas_extra_equal (gpointer a,
                   gpointer b)
{
  return atlas_json_object_equal (atlas_extra_get (a), atlas_extra_get (b));
}

gboolean
atlas_set_str (char       **field,
               const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
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
