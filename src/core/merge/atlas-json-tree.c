/* SPDX-License-Identifier: GPL-3.0-or-later */

/* JSON trees of datasets for the diff and the merge (atlas-diff.h,
 * atlas-diff-private.h): a dataset as the tree it is saved as and back,
 * read through the app's own JSON reader, and compared and copied. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-dataset-io.h"
#include "atlas-diff-private.h"
#include "atlas-json-reader-private.h"

/* Nodes */

/* Trees written by the app have their members in the same order:
 * comparing them side by side spares json_node_equal ()'s lookup of every
 * member by name, most of a large merge's time. Any other order falls back
 * to it. */
static gboolean
equal_in_order (JsonNode *a,
                JsonNode *b)
{
  if (a == b)
    return TRUE;
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *oa = json_node_get_object (a), *ob = json_node_get_object (b);
        JsonObjectIter ia, ib;
        const char *na, *nb;
        JsonNode *va, *vb;

        if (oa == ob)
          return TRUE;
        if (json_object_get_size (oa) != json_object_get_size (ob))
          return FALSE;
        json_object_iter_init_ordered (&ia, oa);
        json_object_iter_init_ordered (&ib, ob);
        while (json_object_iter_next_ordered (&ia, &na, &va) &&
               json_object_iter_next_ordered (&ib, &nb, &vb))
          {
            if (strcmp (na, nb) != 0)
              return json_node_equal (a, b);
            if (!equal_in_order (va, vb))
              return FALSE;
          }
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *xa = json_node_get_array (a), *xb = json_node_get_array (b);
        guint n = json_array_get_length (xa);

        if (xa == xb)
          return TRUE;
        if (n != json_array_get_length (xb))
          return FALSE;
        for (guint i = 0; i < n; i++)
          if (!equal_in_order (json_array_get_element (xa, i), json_array_get_element (xb, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) == G_TYPE_STRING && json_node_get_value_type (b) == G_TYPE_STRING)
        return strcmp (json_node_get_string (a), json_node_get_string (b)) == 0;
      return json_node_equal (a, b);
    default:
      return TRUE;
    }
}

gboolean
atlas_json_equal (JsonNode *a,
                  JsonNode *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return equal_in_order (a, b);
}

JsonNode *
atlas_json_deep_copy (JsonNode *node)
{
  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(JsonObject) copy = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (copy, name, atlas_json_deep_copy (member));
      return json_node_init_object (json_node_alloc (), copy);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonArray) copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, atlas_json_deep_copy (json_array_get_element (array, i)));
      return json_node_init_array (json_node_alloc (), copy);
    }

  return json_node_copy (node);
}

gboolean
atlas_json_is_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node);
}

gboolean
atlas_json_is_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node);
}

/* A tree through the app's own reader: json-glib's parser spends most of
 * a merge's time scanning (a character class test per byte), and the
 * loader keeps no tree of its own since unknown members are kept as text.
 *
 * Trees of several versions of one dataset share what did not change: the
 * first version's containers note where their text lies (@spans), and a
 * container of a later version whose text is the same, at the same place
 * in the tree, is the first one's node, not a copy. The diff and the merge
 * then see it unchanged at once (the same node), and nothing of it is
 * built or freed twice. */
typedef struct
{
  gsize start;
  gsize len;
} Span;

/* Where the first version's containers lie: one array, not a block each. */
typedef struct
{
  GHashTable *index;   /* JsonNode (a container of the first) -> its place in @spans + 1 */
  GArray     *spans;
} Spans;

typedef struct
{
  const char *text;
  Spans      *spans;
} Shared;

static const Span *
find_span (const Spans *spans,
           JsonNode    *node)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (spans->index, node));

  return i > 0 ? &g_array_index (spans->spans, Span, i - 1) : NULL;
}

static JsonNode *
read_node (AtlasJsonReader *reader,
           JsonNode        *same_place,
           const Shared    *first,
           Spans           *spans)
{
  JsonNode *node = NULL;
  AtlasJsonType type = atlas_json_reader_peek (reader);
  gsize start = reader->value_offset;

  if (first != NULL && same_place != NULL && (type == ATLAS_JSON_OBJECT || type == ATLAS_JSON_ARRAY))
    {
      const Span *span = find_span (first->spans, same_place);

      /* The same text is the same value, and ends where it did */
      if (span != NULL && reader->len - start >= span->len &&
          memcmp (reader->text + start, first->text + span->start, span->len) == 0)
        {
          reader->pos = start + span->len;
          return json_node_ref (same_place);
        }
    }

  switch (type)
    {
    case ATLAS_JSON_OBJECT:
      {
        JsonObject *object = json_object_new ();
        JsonObject *other = atlas_json_is_object (same_place) ? json_node_get_object (same_place) : NULL;

        atlas_json_reader_begin_object (reader);
        while (atlas_json_reader_next_member (reader))
          {
            AtlasJsonType member_type = atlas_json_reader_peek (reader);
            /* A container's own members take the reader's key: its name
             * is kept first. A value's is read from the key in place. */
            g_autofree char *kept = member_type == ATLAS_JSON_OBJECT || member_type == ATLAS_JSON_ARRAY
                                    ? g_strndup (reader->key->str, reader->key->len) : NULL;
            const char *name = kept != NULL ? kept : reader->key->str;
            JsonNode *member = read_node (reader, other ? json_object_get_member (other, name) : NULL,
                                          first, spans);

            if (member == NULL)
              break;
            json_object_set_member (object, name, member);
          }
        node = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
      }
      break;
    case ATLAS_JSON_ARRAY:
      {
        JsonArray *array = json_array_new ();
        JsonArray *other = atlas_json_is_array (same_place) ? json_node_get_array (same_place) : NULL;
        guint n_other = other ? json_array_get_length (other) : 0;

        atlas_json_reader_begin_array (reader);
        while (atlas_json_reader_next_element (reader))
          {
            guint i = json_array_get_length (array);
            JsonNode *element = read_node (reader, i < n_other ? json_array_get_element (other, i) : NULL,
                                           first, spans);

            if (element == NULL)
              break;
            json_array_add_element (array, element);
          }
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
      }
      break;
    case ATLAS_JSON_STRING:
      {
        g_autofree char *text = atlas_json_reader_read_string (reader);

        if (text != NULL)
          node = json_node_init_string (json_node_alloc (), text);
      }
      break;
    case ATLAS_JSON_NUMBER:
      {
        gboolean is_integer = FALSE;
        gint64 integer = 0;
        double number = 0;

        if (atlas_json_reader_read_number (reader, &is_integer, &integer, &number))
          node = is_integer ? json_node_init_int (json_node_alloc (), integer)
                            : json_node_init_double (json_node_alloc (), number);
      }
      break;
    case ATLAS_JSON_BOOLEAN:
      {
        gboolean value = FALSE;

        if (atlas_json_reader_read_boolean (reader, &value))
          node = json_node_init_boolean (json_node_alloc (), value);
      }
      break;
    case ATLAS_JSON_NULL:
      if (atlas_json_reader_read_null (reader))
        node = json_node_init_null (json_node_alloc ());
      break;
    default:
      break;
    }

  if (spans != NULL && node != NULL && (type == ATLAS_JSON_OBJECT || type == ATLAS_JSON_ARRAY))
    {
      Span span = { start, reader->pos - start };

      g_array_append_val (spans->spans, span);
      g_hash_table_insert (spans->index, node, GUINT_TO_POINTER (spans->spans->len));
    }

  return node;
}

JsonNode *
atlas_json_parse_bytes (const char  *data,
                        gsize        size,
                        GError     **error)
{
  AtlasJsonReader reader;
  JsonNode *root;

  atlas_json_reader_init (&reader, data, size, 64);
  root = read_node (&reader, NULL, NULL, NULL);
  if (reader.error != ATLAS_JSON_ERROR_NONE || root == NULL || !atlas_json_reader_end (&reader))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                   reader.error_message ? reader.error_message : _("not JSON"));
      g_clear_pointer (&root, json_node_unref);
    }
  atlas_json_reader_clear (&reader);

  return root;
}

JsonNode *
atlas_dataset_to_json (AtlasDataset *dataset)
{
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (dataset);
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root = atlas_json_parse_bytes (data, size, &error);

  /* What the app writes always reads back. */
  if (root == NULL)
    g_error ("atlas_dataset_to_json: %s", error->message);

  return root;
}

void
atlas_datasets_to_json_shared (AtlasDataset **datasets,
                               guint          n,
                               JsonNode     **trees)
{
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) span_array = g_array_new (FALSE, FALSE, sizeof (Span));
  Spans spans = { index, span_array };
  g_autoptr(GBytes) first_bytes = NULL;
  Shared first = { NULL, &spans };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (datasets[i]);
      AtlasJsonReader reader;
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      atlas_json_reader_init (&reader, data, size, 64);
      trees[i] = read_node (&reader, i > 0 ? trees[0] : NULL, i > 0 ? &first : NULL, i == 0 ? &spans : NULL);
      /* What the app writes always reads back. */
      if (reader.error != ATLAS_JSON_ERROR_NONE || trees[i] == NULL || !atlas_json_reader_end (&reader))
        g_error ("atlas_datasets_to_json_shared: %s", reader.error_message ? reader.error_message : "not JSON");
      atlas_json_reader_clear (&reader);
      if (i == 0)
        {
          first_bytes = g_steal_pointer (&bytes);
          first.text = g_bytes_get_data (first_bytes, NULL);
        }
    }
}

/* Compact JSON for the loader. json-glib's generator makes an escaped
 * copy of every string and member name; this writes into one buffer, the
 * numbers as the generator does. */
static void
write_compact (GString  *out,
               JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            atlas_json_append_string (out, name);
            g_string_append_c (out, ':');
            write_compact (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_compact (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          atlas_json_append_string (out, json_node_get_string (node));
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];
            const char *text = g_ascii_formatd (buffer, sizeof buffer, "%.17g", json_node_get_double (node));

            g_string_append (out, text);
            if (strpbrk (text, ".eE") == NULL)
              g_string_append (out, ".0");
          }
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

AtlasDataset *
atlas_dataset_from_json (JsonNode    *root,
                         const char  *display_name,
                         GPtrArray  **problems,
                         GError     **error)
{
  GString *text = g_string_sized_new (64 * 1024);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) found = NULL;
  AtlasDataset *dataset;

  write_compact (text, root);
  bytes = g_string_free_to_bytes (text);
  dataset = atlas_dataset_load_bytes (bytes, display_name, &found, error);

  /* Lines and columns of text nobody saw would mislead. */
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      AtlasProblem *problem = g_ptr_array_index (found, i);

      problem->line = 0;
      problem->column = 0;
    }
  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return dataset;
}
