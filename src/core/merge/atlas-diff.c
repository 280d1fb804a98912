/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Differences between two datasets (atlas-diff.h).
 *
 * The walk is generic on purpose: it compares the JSON the datasets are
 * saved as, so a field added to the format, or an unknown key a newer app
 * wrote, is compared without code here. What it needs to know of the format
 * is only how to tell list entries apart (atlas_diff_identity ()). The
 * three-way merge (atlas-merge.c) uses the same cursor and keyed lists.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-diff-private.h"
#include "atlas-text.h"

static void append_json (GString  *out,
                         JsonNode *node,
                         gboolean  for_people);

/* Identities */

typedef struct
{
  const char *list;
  const char *fields[3];
} IdentityRule;

static const IdentityRule identity_rules[] = {
  { "partners", { "id" } },
  { "lenses", { "id" } },
  { "categories", { "id" } },
  /* Top-level sources have no locator: their id alone. */
  { "sources", { "id", "locator" } },
  { "documents", { "title", "year" } },
  { "dialogues", { "name" } },
  { "agreements", { "kind", "title" } },
  { "rounds", { "date" } },
};

static const IdentityRule *
find_rule (const char *list_name)
{
  if (list_name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (identity_rules); i++)
    if (g_str_equal (identity_rules[i].list, list_name))
      return &identity_rules[i];

  return NULL;
}

char *
atlas_diff_identity (const char *list_name,
                     JsonNode   *element)
{
  const IdentityRule *rule = find_rule (list_name);
  GString *key = g_string_new (NULL);

  if (rule == NULL || !atlas_json_is_object (element))
    {
      append_json (key, element, FALSE);
      return g_string_free (key, FALSE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rule->fields) && rule->fields[i] != NULL; i++)
    {
      JsonObject *object = json_node_get_object (element);
      JsonNode *value = json_object_get_member (object, rule->fields[i]);

      if (i > 0)
        g_string_append_c (key, ',');
      if (value != NULL)
        append_json (key, value, FALSE);
      else
        g_string_append (key, "null");
    }

  return g_string_free (key, FALSE);
}

/* Whether two values of an identity field give the same text in
 * atlas_diff_identity (): strings and integers compared as they are,
 * anything else through its text. */
static gboolean
identity_value_equal (JsonNode *a,
                      JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);
  g_autoptr(GString) ta = NULL;
  g_autoptr(GString) tb = NULL;

  if (a_null || b_null)
    return a_null && b_null;
  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b))
    {
      GType type = json_node_get_value_type (a);

      if (type != json_node_get_value_type (b))
        return FALSE;
      if (type == G_TYPE_STRING)
        return g_str_equal (json_node_get_string (a), json_node_get_string (b));
      if (type == G_TYPE_INT64)
        return json_node_get_int (a) == json_node_get_int (b);
    }

  ta = g_string_new (NULL);
  tb = g_string_new (NULL);
  append_json (ta, a, FALSE);
  append_json (tb, b, FALSE);

  return g_string_equal (ta, tb);
}

/* Whether atlas_diff_identity () gives @a and @b the same identity,
 * without writing it out. */
static gboolean
same_identity (const IdentityRule *rule,
               JsonNode           *a,
               JsonNode           *b)
{
  if (rule == NULL || !atlas_json_is_object (a) || !atlas_json_is_object (b))
    {
      const char *list = rule != NULL ? rule->list : NULL;
      g_autofree char *ia = atlas_diff_identity (list, a);
      g_autofree char *ib = atlas_diff_identity (list, b);

      return g_str_equal (ia, ib);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rule->fields) && rule->fields[i] != NULL; i++)
    if (!identity_value_equal (json_object_get_member (json_node_get_object (a), rule->fields[i]),
                               json_object_get_member (json_node_get_object (b), rule->fields[i])))
      return FALSE;

  return TRUE;
}

/* Keys made as they are asked for: an entry's key needs only the entries
 * before it, each of which is read once whatever the number of keys asked
 * for. An identity is JSON text, which never ends in "#N": the Nth entry
 * of an identity is its key followed by "#N" (atlas_keyed_list_init ()). */
void
atlas_list_keys_init (AtlasListKeys *keys,
                      const char    *list_name,
                      JsonArray     *list)
{
  keys->list_name = list_name;
  keys->list = list;
  keys->keys = NULL;
  keys->counts = NULL;
}

void
atlas_list_keys_clear (AtlasListKeys *keys)
{
  g_clear_pointer (&keys->keys, g_ptr_array_unref);
  g_clear_pointer (&keys->counts, g_hash_table_unref);
}

const char *
atlas_list_keys_get (AtlasListKeys *keys,
                     guint          index)
{
  if (keys->keys == NULL)
    {
      keys->keys = g_ptr_array_new_with_free_func (g_free);
      keys->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  while (keys->keys->len <= index)
    {
      char *identity = atlas_diff_identity (keys->list_name, json_array_get_element (keys->list, keys->keys->len));
      guint copy = GPOINTER_TO_UINT (g_hash_table_lookup (keys->counts, identity)) + 1;

      g_ptr_array_add (keys->keys, copy > 1 ? g_strdup_printf ("%s#%u", identity, copy) : g_strdup (identity));
      g_hash_table_replace (keys->counts, identity, GUINT_TO_POINTER (copy));
    }

  return g_ptr_array_index (keys->keys, index);
}

/* JSON for people */

/* JSON's own escapes for the quote and the backslash, then the one rule
 * for dataset text on a terminal (atlas_text_escape_line ()). */
static void
append_string (GString    *out,
               const char *text,
               gboolean    for_people)
{
  g_autoptr(GString) quoted = g_string_sized_new (strlen (text));
  g_autofree char *escaped = NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (out, '"');
  if (for_people)
    {
      escaped = atlas_text_escape_line (quoted->str);
      g_string_append (out, escaped);
    }
  else
    g_string_append_len (out, quoted->str, quoted->len);
  g_string_append_c (out, '"');
}

static void
append_json (GString  *out,
             JsonNode *node,
             gboolean  for_people)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_string_append (out, "null");
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
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
            g_string_append (out, ", ");
          first = FALSE;
          append_string (out, name, for_people);
          g_string_append (out, ": ");
          append_json (out, member, for_people);
        }
      g_string_append_c (out, '}');
      return;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_json (out, json_array_get_element (array, i), for_people);
        }
      g_string_append_c (out, ']');
      return;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      append_string (out, json_node_get_string (node), for_people);
      break;
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

void
atlas_json_append_escaped (GString  *out,
                           JsonNode *node)
{
  append_json (out, node, TRUE);
}

static gboolean
is_plain_word (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

/* A value inside a path: ids and dates bare, other text quoted. */
static void
append_label_value (GString  *out,
                    JsonNode *value)
{
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_STRING &&
      is_plain_word (json_node_get_string (value)))
    g_string_append (out, json_node_get_string (value));
  else
    atlas_json_append_escaped (out, value);
}

static void
append_entry_label (GString    *out,
                    const char *list_name,
                    const char *key,
                    JsonNode   *element)
{
  const IdentityRule *rule = find_rule (list_name);
  gsize start = out->len;

  if (rule != NULL && atlas_json_is_object (element))
    {
      JsonObject *object = json_node_get_object (element);

      for (guint i = 0; i < G_N_ELEMENTS (rule->fields) && rule->fields[i] != NULL; i++)
        {
          JsonNode *value = json_object_get_member (object, rule->fields[i]);

          if (value == NULL)
            continue;
          if (out->len > start)
            g_string_append_c (out, ' ');
          append_label_value (out, value);
        }
    }
  else if (g_strcmp0 (list_name, "history") == 0 && atlas_json_is_object (element))
    {
      JsonObject *object = json_node_get_object (element);

      append_label_value (out, json_object_get_member (object, "date"));
      g_string_append_c (out, ' ');
      append_label_value (out, json_object_get_member (object, "field"));
    }
  else if (element != NULL && JSON_NODE_HOLDS_VALUE (element))
    append_label_value (out, element);
  else
    {
      g_autoptr(GString) text = g_string_new (NULL);

      atlas_json_append_escaped (text, element);
      if (g_utf8_strlen (text->str, -1) > 40)
        {
          g_string_truncate (text, g_utf8_offset_to_pointer (text->str, 39) - text->str);
          g_string_append (text, "…");
        }
      g_string_append (out, text->str);
    }

  /* A second entry of the same identity. */
  if (element != NULL)
    {
      g_autofree char *own = atlas_diff_identity (list_name, element);

      if (g_str_has_prefix (key, own) && key[strlen (own)] == '#')
        g_string_append_printf (out, " %s", key + strlen (own));
    }
}

/* The cursor */

typedef struct
{
  const char *name;    /* a member's name, or the list's name for an entry */
  const char *key;     /* an entry's identity; NULL for a member, or until needed */
  JsonNode   *element; /* an entry */
  AtlasListKeys *list; /* an entry whose key is made when needed: its list's keys, */
  guint       index;   /* and where it is in it */
} Step;

static gboolean
step_is_entry (const Step *step)
{
  return step->key != NULL || step->list != NULL;
}

static const char *
step_key (Step *step)
{
  return step->key != NULL ? step->key : atlas_list_keys_get (step->list, step->index);
}

void
atlas_tree_cursor_init (AtlasTreeCursor *cursor)
{
  cursor->steps = g_array_new (FALSE, FALSE, sizeof (Step));
  cursor->partner_id = NULL;
}

void
atlas_tree_cursor_clear (AtlasTreeCursor *cursor)
{
  g_array_unref (cursor->steps);
  g_free (cursor->partner_id);
}

guint
atlas_tree_cursor_push_member (AtlasTreeCursor *cursor,
                               const char      *name)
{
  Step step = { name, NULL, NULL, NULL, 0 };
  guint mark = cursor->steps->len;

  g_array_append_val (cursor->steps, step);

  return mark;
}

static guint
push_step (AtlasTreeCursor *cursor,
           Step            *step)
{
  const char *list_name = step->name;
  JsonNode *element = step->element;
  guint mark = cursor->steps->len;

  g_array_append_val (cursor->steps, *step);
  if (cursor->steps->len == 2 && g_strcmp0 (list_name, "partners") == 0 && atlas_json_is_object (element))
    {
      g_free (cursor->partner_id);
      cursor->partner_id = g_strdup (json_object_get_string_member_with_default (json_node_get_object (element),
                                                                                  "id", ""));
    }

  return mark;
}

guint
atlas_tree_cursor_push_entry (AtlasTreeCursor *cursor,
                              const char      *list_name,
                              const char      *key,
                              JsonNode        *element)
{
  Step step = { list_name, key, element, NULL, 0 };

  return push_step (cursor, &step);
}

guint
atlas_tree_cursor_push_entry_at (AtlasTreeCursor *cursor,
                                 AtlasListKeys   *keys,
                                 guint            index)
{
  Step step = { keys->list_name, NULL, json_array_get_element (keys->list, index), keys, index };

  return push_step (cursor, &step);
}

void
atlas_tree_cursor_pop (AtlasTreeCursor *cursor,
                       guint            mark)
{
  g_array_set_size (cursor->steps, mark);
  if (mark < 2)
    g_clear_pointer (&cursor->partner_id, g_free);
}

guint
atlas_tree_cursor_get_depth (AtlasTreeCursor *cursor)
{
  return cursor->steps->len;
}

static void
append_member_name (GString    *out,
                    const char *name)
{
  if (is_plain_word (name))
    g_string_append (out, name);
  else
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), name);

      atlas_json_append_escaped (out, node);
    }
}

char *
atlas_tree_cursor_dup_path (AtlasTreeCursor *cursor)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < cursor->steps->len; i++)
    {
      Step *step = &g_array_index (cursor->steps, Step, i);

      if (step_is_entry (step))
        {
          g_string_append_c (path, '[');
          append_entry_label (path, step->name, step_key (step), step->element);
          g_string_append_c (path, ']');
          continue;
        }
      if (path->len > 0)
        g_string_append_c (path, '.');
      append_member_name (path, step->name);
    }

  return g_string_free (path, FALSE);
}

JsonArray *
atlas_tree_cursor_dup_location (AtlasTreeCursor *cursor)
{
  JsonArray *location = json_array_sized_new (cursor->steps->len);

  for (guint i = 0; i < cursor->steps->len; i++)
    {
      Step *step = &g_array_index (cursor->steps, Step, i);

      if (step_is_entry (step))
        {
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "key", step_key (step));
          json_array_add_object_element (location, object);
        }
      else
        json_array_add_string_element (location, step->name);
    }

  return location;
}

char *
atlas_tree_cursor_dup_field (AtlasTreeCursor *cursor)
{
  GString *field;

  if (cursor->partner_id == NULL || cursor->steps->len < 3)
    return NULL;

  field = g_string_new (NULL);
  for (guint i = 2; i < cursor->steps->len; i++)
    {
      Step *step = &g_array_index (cursor->steps, Step, i);

      if (step_is_entry (step))
        break;
      if (field->len > 0)
        g_string_append_c (field, '.');
      g_string_append (field, step->name);
    }

  return g_string_free (field, FALSE);
}

/* Keyed lists */

void
atlas_keyed_list_init (AtlasKeyedList *list,
                       const char     *list_name,
                       JsonArray      *array)
{
  guint n = array ? json_array_get_length (array) : 0;

  list->keys = g_ptr_array_new_full (n, g_free);
  list->elements = g_hash_table_new (g_str_hash, g_str_equal);
  list->positions = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *identity = atlas_diff_identity (list_name, element);
      char *key = g_strdup (identity);

      for (guint copy = 2; g_hash_table_contains (list->elements, key); copy++)
        {
          g_free (key);
          key = g_strdup_printf ("%s#%u", identity, copy);
        }

      g_ptr_array_add (list->keys, key);
      g_hash_table_insert (list->elements, key, element);
      g_hash_table_insert (list->positions, key, GUINT_TO_POINTER (i));
    }
}

void
atlas_keyed_list_clear (AtlasKeyedList *list)
{
  g_hash_table_unref (list->elements);
  g_hash_table_unref (list->positions);
  g_ptr_array_unref (list->keys);
}

JsonNode *
atlas_keyed_list_get (AtlasKeyedList *list,
                      const char     *key)
{
  return g_hash_table_lookup (list->elements, key);
}

/* Changes */

void
atlas_diff_change_free (AtlasDiffChange *change)
{
  if (change == NULL)
    return;

  g_free (change->path);
  g_free (change->partner_id);
  g_free (change->field);
  g_clear_pointer (&change->location, json_array_unref);
  g_clear_pointer (&change->old_value, json_node_unref);
  g_clear_pointer (&change->new_value, json_node_unref);
  g_free (change);
}

typedef struct
{
  AtlasTreeCursor cursor;
  GPtrArray      *changes;
} Diff;

static AtlasDiffChange *
add_change (Diff            *d,
            AtlasDiffKind  kind,
            JsonNode        *old_value,
            JsonNode        *new_value)
{
  AtlasDiffChange *change = g_new0 (AtlasDiffChange, 1);

  change->kind = kind;
  change->path = atlas_tree_cursor_dup_path (&d->cursor);
  change->partner_id = g_strdup (d->cursor.partner_id);
  change->field = atlas_tree_cursor_dup_field (&d->cursor);
  change->location = atlas_tree_cursor_dup_location (&d->cursor);
  change->old_value = old_value ? json_node_copy (old_value) : NULL;
  change->new_value = new_value ? json_node_copy (new_value) : NULL;
  change->old_position = -1;
  change->new_position = -1;
  g_ptr_array_add (d->changes, change);

  return change;
}

static void diff_node (Diff       *d,
                       const char *name,
                       JsonNode   *a,
                       JsonNode   *b);

static void
diff_object (Diff       *d,
             JsonObject *a,
             JsonObject *b)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, a);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      guint mark = atlas_tree_cursor_push_member (&d->cursor, name);
      JsonNode *other = json_object_get_member (b, name);

      if (other != NULL)
        diff_node (d, name, member, other);
      else
        add_change (d, ATLAS_DIFF_REMOVED, member, NULL);
      atlas_tree_cursor_pop (&d->cursor, mark);
    }

  json_object_iter_init_ordered (&iter, b);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      guint mark;

      if (json_object_has_member (a, name))
        continue;
      mark = atlas_tree_cursor_push_member (&d->cursor, name);
      add_change (d, ATLAS_DIFF_ADDED, NULL, member);
      atlas_tree_cursor_pop (&d->cursor, mark);
    }
}

/* Which of @sequence's items are in a longest increasing subsequence: the
 * entries that kept their order; the others moved. */
static gboolean *
longest_increasing (const guint *sequence,
                    guint        n)
{
  g_autofree guint *tails = g_new (guint, n + 1);
  g_autofree int *previous = g_new (int, n);
  gboolean *kept = g_new0 (gboolean, n);
  guint length = 0;

  for (guint i = 0; i < n; i++)
    {
      guint lo = 0, hi = length;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (sequence[tails[mid]] < sequence[i])
            lo = mid + 1;
          else
            hi = mid;
        }
      previous[i] = lo > 0 ? (int) tails[lo - 1] : -1;
      tails[lo] = i;
      if (lo == length)
        length++;
    }

  if (length > 0)
    for (int i = tails[length - 1]; i >= 0; i = previous[i])
      kept[i] = TRUE;

  return kept;
}

/* A list whose entries are, one by one, the same entries (by identity)
 * in the same order, as most are: no entry added, removed or moved, so
 * they are compared in pairs without keying either list. FALSE, and no
 * change recorded, for any other list. */
static gboolean
diff_in_order (Diff       *d,
               const char *name,
               JsonArray  *a,
               JsonArray  *b)
{
  const IdentityRule *rule = find_rule (name);
  guint n = json_array_get_length (a);
  guint recorded = d->changes->len;
  AtlasListKeys keys;
  gboolean in_order = TRUE;

  /* Entries without a rule are their whole value: nothing to pair. */
  if (rule == NULL || n != json_array_get_length (b))
    return FALSE;

  atlas_list_keys_init (&keys, name, b);
  for (guint i = 0; i < n && in_order; i++)
    {
      JsonNode *element = json_array_get_element (a, i);
      JsonNode *other = json_array_get_element (b, i);
      guint mark;

      if (atlas_json_equal (element, other))
        continue;
      if (!same_identity (rule, element, other))
        {
          /* Not pairs after all: the changes recorded are made again. */
          g_ptr_array_set_size (d->changes, recorded);
          in_order = FALSE;
          break;
        }
      mark = atlas_tree_cursor_push_entry_at (&d->cursor, &keys, i);
      diff_node (d, name, element, other);
      atlas_tree_cursor_pop (&d->cursor, mark);
    }
  atlas_list_keys_clear (&keys);

  return in_order;
}

static void
diff_array (Diff       *d,
            const char *name,
            JsonArray  *a,
            JsonArray  *b)
{
  AtlasKeyedList ka, kb;
  g_autoptr(GArray) common = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) common_keys = g_ptr_array_new ();
  guint n = json_array_get_length (a);
  g_autofree gboolean *same = NULL;

  if (diff_in_order (d, name, a, b))
    return;

  /* Most entries are where they were, as they were: compared in place
   * once, they are not walked again, and an unchanged list costs no
   * identities at all. */
  if (n == json_array_get_length (b))
    {
      gboolean all_same = TRUE;

      same = g_new (gboolean, n);
      for (guint i = 0; i < n; i++)
        all_same &= same[i] = atlas_json_equal (json_array_get_element (a, i), json_array_get_element (b, i));
      if (all_same)
        return;
    }

  atlas_keyed_list_init (&ka, name, a);
  atlas_keyed_list_init (&kb, name, b);

  for (guint i = 0; i < ka.keys->len; i++)
    {
      const char *key = g_ptr_array_index (ka.keys, i);
      JsonNode *element = atlas_keyed_list_get (&ka, key);
      JsonNode *other = atlas_keyed_list_get (&kb, key);
      guint mark;

      if (other != NULL && same != NULL && same[i] && json_array_get_element (b, i) == other)
        {
          g_array_append_val (common, i);
          g_ptr_array_add (common_keys, (gpointer) key);
          continue;
        }

      mark = atlas_tree_cursor_push_entry (&d->cursor, name, key, other ? other : element);
      if (other != NULL)
        {
          guint position = GPOINTER_TO_UINT (g_hash_table_lookup (kb.positions, key));

          diff_node (d, name, element, other);
          g_array_append_val (common, position);
          g_ptr_array_add (common_keys, (gpointer) key);
        }
      else
        add_change (d, ATLAS_DIFF_REMOVED, element, NULL)->old_position = i;
      atlas_tree_cursor_pop (&d->cursor, mark);
    }

  if (common->len > 1)
    {
      g_autofree gboolean *kept = longest_increasing ((guint *) common->data, common->len);

      for (guint i = 0; i < common->len; i++)
        {
          const char *key = g_ptr_array_index (common_keys, i);
          JsonNode *element = atlas_keyed_list_get (&kb, key);
          AtlasDiffChange *change;
          guint mark;

          if (kept[i])
            continue;
          mark = atlas_tree_cursor_push_entry (&d->cursor, name, key, element);
          change = add_change (d, ATLAS_DIFF_MOVED, NULL, NULL);
          change->old_position = GPOINTER_TO_UINT (g_hash_table_lookup (ka.positions, key));
          change->new_position = g_array_index (common, guint, i);
          atlas_tree_cursor_pop (&d->cursor, mark);
        }
    }

  for (guint i = 0; i < kb.keys->len; i++)
    {
      const char *key = g_ptr_array_index (kb.keys, i);
      JsonNode *element = atlas_keyed_list_get (&kb, key);
      guint mark;

      if (atlas_keyed_list_get (&ka, key) != NULL)
        continue;
      mark = atlas_tree_cursor_push_entry (&d->cursor, name, key, element);
      add_change (d, ATLAS_DIFF_ADDED, NULL, element)->new_position = i;
      atlas_tree_cursor_pop (&d->cursor, mark);
    }

  atlas_keyed_list_clear (&ka);
  atlas_keyed_list_clear (&kb);
}

/* Containers are walked once, member by member or entry by entry, not
 * compared whole first and then walked again at every level. */
static void
diff_node (Diff       *d,
           const char *name,
           JsonNode   *a,
           JsonNode   *b)
{
  if (atlas_json_is_object (a) && atlas_json_is_object (b))
    diff_object (d, json_node_get_object (a), json_node_get_object (b));
  else if (atlas_json_is_array (a) && atlas_json_is_array (b))
    diff_array (d, name, json_node_get_array (a), json_node_get_array (b));
  else if (!atlas_json_equal (a, b))
    add_change (d, ATLAS_DIFF_CHANGED, a, b);
}

GPtrArray *
atlas_diff_json (JsonNode *a,
                 JsonNode *b)
{
  Diff d;

  atlas_tree_cursor_init (&d.cursor);
  d.changes = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_diff_change_free);
  diff_node (&d, NULL, a, b);
  atlas_tree_cursor_clear (&d.cursor);

  return d.changes;
}

GPtrArray *
atlas_diff_datasets (AtlasDataset *a,
                     AtlasDataset *b)
{
  AtlasDataset *sides[] = { a, b };
  JsonNode *trees[G_N_ELEMENTS (sides)];
  GPtrArray *changes;

  /* B shares with A what did not change */
  atlas_datasets_to_json_shared (sides, G_N_ELEMENTS (sides), trees);
  changes = atlas_diff_json (trees[0], trees[1]);
  json_node_unref (trees[0]);
  json_node_unref (trees[1]);

  return changes;
}

char *
atlas_diff_change_to_string (AtlasDiffChange *change)
{
  GString *line = g_string_new (change->path);

  g_string_append (line, ": ");
  switch (change->kind)
    {
    case ATLAS_DIFF_ADDED:
      g_string_append (line, "added ");
      atlas_json_append_escaped (line, change->new_value);
      break;
    case ATLAS_DIFF_REMOVED:
      g_string_append (line, "removed ");
      atlas_json_append_escaped (line, change->old_value);
      break;
    case ATLAS_DIFF_CHANGED:
      atlas_json_append_escaped (line, change->old_value);
      g_string_append (line, " -> ");
      atlas_json_append_escaped (line, change->new_value);
      break;
    case ATLAS_DIFF_MOVED:
      g_string_append_printf (line, "moved from %d to %d", change->old_position, change->new_position);
      break;
    default:
      g_assert_not_reached ();
    }

  return g_string_free (line, FALSE);
}

static const char * const kind_names[] = { "added", "removed", "changed", "moved" };

JsonNode *
atlas_diff_change_to_json (AtlasDiffChange *change)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "kind", kind_names[change->kind]);
  json_object_set_string_member (object, "path", change->path);
  if (change->partner_id != NULL)
    json_object_set_string_member (object, "partner", change->partner_id);
  if (change->old_value != NULL)
    json_object_set_member (object, "old", json_node_copy (change->old_value));
  if (change->new_value != NULL)
    json_object_set_member (object, "new", json_node_copy (change->new_value));
  if (change->old_position >= 0)
    json_object_set_int_member (object, "old_position", change->old_position);
  if (change->new_position >= 0)
    json_object_set_int_member (object, "new_position", change->new_position);

  return json_node_init_object (json_node_alloc (), object);
}

/* Applying a change */

static int
find_entry (JsonArray  *array,
            const char *list_name,
            const char *key)
{
  AtlasKeyedList list;
  int position = -1;

  atlas_keyed_list_init (&list, list_name, array);
  if (g_hash_table_contains (list.positions, key))
    position = GPOINTER_TO_INT (g_hash_table_lookup (list.positions, key));
  atlas_keyed_list_clear (&list);

  return position;
}

/* JsonArray cannot insert: build the list again. */
static void
splice (JsonNode *array_node,
        int       remove_at,
        int       insert_at,
        JsonNode *insert)
{
  JsonArray *array = json_node_get_array (array_node);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  JsonArray *rebuilt;

  for (guint i = 0; i < json_array_get_length (array); i++)
    if ((int) i != remove_at)
      g_ptr_array_add (items, json_node_copy (json_array_get_element (array, i)));
  if (insert != NULL)
    g_ptr_array_insert (items, CLAMP (insert_at, 0, (int) items->len), insert);

  rebuilt = json_array_sized_new (items->len);
  for (guint i = 0; i < items->len; i++)
    json_array_add_element (rebuilt, json_node_ref (g_ptr_array_index (items, i)));
  json_node_take_array (array_node, rebuilt);
}

/* Puts the entries of the list @list_node in the order of @keys (their
 * identities); entries @keys does not name go at the end. */
static void
reorder (JsonNode   *list_node,
         const char *list_name,
         JsonArray  *keys)
{
  AtlasKeyedList list;
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *rebuilt = json_array_new ();

  atlas_keyed_list_init (&list, list_name, json_node_get_array (list_node));
  for (guint i = 0; i < json_array_get_length (keys); i++)
    {
      const char *key = json_array_get_string_element (keys, i);
      JsonNode *element = key != NULL ? atlas_keyed_list_get (&list, key) : NULL;

      if (element == NULL || g_hash_table_contains (placed, key))
        continue;
      json_array_add_element (rebuilt, json_node_copy (element));
      g_hash_table_add (placed, (gpointer) key);
    }
  /* Entries @keys does not know of (added since): at the end. */
  for (guint i = 0; i < list.keys->len; i++)
    if (!g_hash_table_contains (placed, g_ptr_array_index (list.keys, i)))
      json_array_add_element (rebuilt, json_node_copy (atlas_keyed_list_get (&list, g_ptr_array_index (list.keys, i))));
  atlas_keyed_list_clear (&list);
  json_node_take_array (list_node, rebuilt);
}

gboolean
atlas_diff_change_apply (AtlasDiffChange *change,
                    JsonNode    *root,
                    GError     **error)
{
  JsonNode *node = root;
  const char *list_name = NULL;
  guint n = json_array_get_length (change->location);
  JsonNode *last;

  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *step = json_array_get_element (change->location, i);

      if (JSON_NODE_HOLDS_VALUE (step) && atlas_json_is_object (node))
        {
          JsonObject *object = json_node_get_object (node);

          list_name = json_node_get_string (step);
          node = json_object_get_member (object, list_name);
          /* The first entry of a list the file leaves out when empty. */
          if (node == NULL && change->kind == ATLAS_DIFF_ADDED && i + 2 == n &&
              JSON_NODE_HOLDS_OBJECT (json_array_get_element (change->location, n - 1)))
            {
              json_object_set_array_member (object, list_name, json_array_new ());
              node = json_object_get_member (object, list_name);
            }
        }
      else if (JSON_NODE_HOLDS_OBJECT (step) && atlas_json_is_array (node))
        {
          const char *key = json_object_get_string_member (json_node_get_object (step), "key");
          int position = find_entry (json_node_get_array (node), list_name, key);

          node = position >= 0 ? json_array_get_element (json_node_get_array (node), position) : NULL;
        }
      else
        node = NULL;

      if (node == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("%s is no longer there"), change->path);
          return FALSE;
        }
    }

  last = n > 0 ? json_array_get_element (change->location, n - 1) : NULL;
  if (change->kind == ATLAS_DIFF_MOVED && last != NULL && JSON_NODE_HOLDS_VALUE (last) &&
      atlas_json_is_object (node) && atlas_json_is_array (change->new_value))
    {
      JsonNode *list = json_object_get_member (json_node_get_object (node), json_node_get_string (last));

      if (atlas_json_is_array (list))
        {
          reorder (list, json_node_get_string (last), json_node_get_array (change->new_value));
          return TRUE;
        }
    }
  if (last != NULL && JSON_NODE_HOLDS_VALUE (last) && atlas_json_is_object (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (change->new_value != NULL)
        json_object_set_member (object, json_node_get_string (last), json_node_copy (change->new_value));
      else
        json_object_remove_member (object, json_node_get_string (last));
      return TRUE;
    }

  if (last != NULL && JSON_NODE_HOLDS_OBJECT (last) && atlas_json_is_array (node))
    {
      const char *key = json_object_get_string_member (json_node_get_object (last), "key");
      int position = find_entry (json_node_get_array (node), list_name, key);
      JsonNode *moved;

      switch (change->kind)
        {
        case ATLAS_DIFF_ADDED:
          splice (node, -1, change->new_position, json_node_copy (change->new_value));
          return TRUE;
        case ATLAS_DIFF_REMOVED:
          if (position < 0)
            break;
          splice (node, position, -1, NULL);
          return TRUE;
        case ATLAS_DIFF_MOVED:
          if (position < 0)
            break;
          moved = json_node_copy (json_array_get_element (json_node_get_array (node), position));
          splice (node, position, change->new_position, moved);
          return TRUE;
        case ATLAS_DIFF_CHANGED:
          if (position < 0)
            break;
          splice (node, position, position, json_node_copy (change->new_value));
          return TRUE;
        default:
          break;
        }
    }

  if (n == 0 && change->kind == ATLAS_DIFF_CHANGED)
    {
      json_node_take_object (root, json_object_ref (json_node_get_object (change->new_value)));
      return TRUE;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("%s is no longer there"), change->path);
  return FALSE;
}
