/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What every reader of the format shares (atlas-dataset-loader-private.h):
 * the problems found on the way, kept with their byte offsets until the
 * loader turns them into lines and columns; reading one value of each kind
 * (a string, a year, an id, one of a list, a date, a colour, a link) with
 * the format's rules; the members of an object and the items of an array.
 * The object readers (atlas-dataset-io.c) and the checks across a file
 * (atlas-dataset-checks.c) call these; the loader (atlas-dataset-loader.c)
 * drives them. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-core-private.h"
#include "atlas-dataset-io.h"
#include "atlas-dataset-loader-private.h"

/* Problems */

void
atlas_loader_pending_free (gpointer data)
{
  Pending *pending = data;

  if (pending == NULL)
    return;

  g_free (pending->path);
  g_free (pending->message);
  g_free (pending);
}

static void
path_render (GString    *str,
             const Path *path)
{
  if (path == NULL)
    return;

  path_render (str, path->parent);
  if (path->member != NULL)
    atlas_json_path_append_member (str, path->member);
  else
    atlas_json_path_append_index (str, path->index);
}

static char *
path_to_string (const Path *path)
{
  GString *str = g_string_new (NULL);

  path_render (str, path);

  return g_string_free (str, FALSE);
}

Pending *
atlas_loader_pending_new (char  *path,
                          gsize  offset,
                          char  *message)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->path = path;
  pending->message = message;
  pending->offset = offset;

  return pending;
}

/* Takes path and message. */
void
atlas_loader_add_pending (Loader *l,
                          char   *path,
                          gsize   offset,
                          char   *message)
{
  Pending *pending;

  if (l->pending->len >= MAX_PROBLEMS)
    {
      l->n_dropped++;
      g_free (path);
      g_free (message);
      return;
    }

  pending = atlas_loader_pending_new (path, offset, message);
  pending->sequence = l->pending->len;
  g_ptr_array_add (l->pending, pending);
}

void
atlas_loader_add_problem (Loader     *l,
                          const Path *path,
                          gsize       offset,
                          const char *format,
                          ...)
{
  va_list args;
  char *message;

  if (l->pending->len >= MAX_PROBLEMS)
    {
      l->n_dropped++;
      return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  atlas_loader_add_pending (l, path_to_string (path), offset, message);
}

/* Reading values */

gboolean
atlas_loader_reader_ok (Loader *l)
{
  return l->reader.error == ATLAS_JSON_ERROR_NONE;
}

/* The reader knows no paths: the loader notes the innermost one it is in
 * when it first sees the reader fail, while that path still exists. */
void
atlas_loader_note_error_path (Loader     *l,
                              const Path *path)
{
  if (!atlas_loader_reader_ok (l) && l->error_path == NULL)
    l->error_path = path_to_string (path);
}

/* Consumes a value of an unexpected type and says what it was; NULL after
 * a syntax error. */
const char *
atlas_loader_skip_and_describe (Loader        *l,
                                AtlasJsonType  type)
{
  AtlasJsonReader *r = &l->reader;

  switch (type)
    {
    case ATLAS_JSON_OBJECT:
      return atlas_json_reader_skip (r) ? _("an object") : NULL;
    case ATLAS_JSON_ARRAY:
      return atlas_json_reader_skip (r) ? _("an array") : NULL;
    case ATLAS_JSON_STRING:
      return atlas_json_reader_skip (r) ? _("a string") : NULL;
    case ATLAS_JSON_BOOLEAN:
      return atlas_json_reader_skip (r) ? _("true or false") : NULL;
    case ATLAS_JSON_NULL:
      return atlas_json_reader_skip (r) ? _("null") : NULL;
    case ATLAS_JSON_NUMBER:
      {
        gboolean is_integer;
        gint64 integer;
        double number;

        if (!atlas_json_reader_read_number (r, &is_integer, &integer, &number))
          return NULL;
        return is_integer ? _("a whole number") : _("a number with a fraction");
      }
    case ATLAS_JSON_NONE:
    default:
      return NULL;
    }
}

/* The value readers consume one value whatever it is, return TRUE when it
 * was valid, and report it when it was not. Afterwards the reader's
 * value_offset still points at the value, for problems found later. */

gboolean
atlas_loader_read_string (Loader      *l,
                          const Path  *path,
                          gboolean     nullable,
                          char       **out)
{
  AtlasJsonType type = atlas_json_reader_peek (&l->reader);
  gsize offset = l->reader.value_offset;
  const char *found;

  g_clear_pointer (out, g_free);

  if (type == ATLAS_JSON_STRING)
    {
      *out = atlas_json_reader_read_string (&l->reader);
      return *out != NULL;
    }

  if (type == ATLAS_JSON_NULL && nullable)
    return atlas_json_reader_read_null (&l->reader);

  found = atlas_loader_skip_and_describe (l, type);
  if (found == NULL)
    return FALSE;

  if (nullable)
    atlas_loader_add_problem (l, path, offset, _("must be a string or null, not %s"), found);
  else
    atlas_loader_add_problem (l, path, offset, _("must be a string, not %s"), found);

  return FALSE;
}

/* 0 for null */
gboolean
atlas_loader_read_year (Loader     *l,
                        const Path *path,
                        gboolean    nullable,
                        int        *out)
{
  AtlasJsonType type = atlas_json_reader_peek (&l->reader);
  gsize offset = l->reader.value_offset;
  const char *found;

  *out = 0;

  if (type == ATLAS_JSON_NUMBER)
    {
      gboolean is_integer;
      gint64 year;
      double number;

      if (!atlas_json_reader_read_number (&l->reader, &is_integer, &year, &number))
        return FALSE;

      /* JSON Schema's "integer": 1984.0 is a year, as the schema has it. */
      if (!is_integer && !atlas_format_number_to_year (number, &year))
        {
          atlas_loader_add_problem (l, path, offset, _("must be a year, not a number with a fraction"));
          return FALSE;
        }

      if (!atlas_format_is_year (year))
        {
          atlas_loader_add_problem (l, path, offset, _("year %lld is outside %d-%d"), (long long) year,
                                    ATLAS_FORMAT_YEAR_MIN, ATLAS_FORMAT_YEAR_MAX);
          return FALSE;
        }

      *out = (int) year;
      return TRUE;
    }

  if (type == ATLAS_JSON_NULL && nullable)
    return atlas_json_reader_read_null (&l->reader);

  found = atlas_loader_skip_and_describe (l, type);
  if (found == NULL)
    return FALSE;

  if (nullable)
    atlas_loader_add_problem (l, path, offset, _("must be a year or null, not %s"), found);
  else
    atlas_loader_add_problem (l, path, offset, _("must be a year, not %s"), found);

  return FALSE;
}

gboolean
atlas_loader_read_boolean (Loader     *l,
                           const Path *path,
                           gboolean   *out)
{
  AtlasJsonType type = atlas_json_reader_peek (&l->reader);
  gsize offset = l->reader.value_offset;
  const char *found;

  *out = FALSE;

  if (type == ATLAS_JSON_BOOLEAN)
    return atlas_json_reader_read_boolean (&l->reader, out);

  found = atlas_loader_skip_and_describe (l, type);
  if (found != NULL)
    atlas_loader_add_problem (l, path, offset, _("must be true or false, not %s"), found);

  return FALSE;
}

/* Ids as the schema has them: lower-case letters, digits, and one
 * separator ('-' for sources and categories, '_' for lenses). */
gboolean
atlas_loader_read_id (Loader      *l,
                      const Path  *path,
                      char         separator,
                      char       **out)
{
  if (!atlas_loader_read_string (l, path, FALSE, out))
    return FALSE;

  if (!atlas_format_is_id (*out, separator))
    {
      atlas_loader_add_problem (l, path, l->reader.value_offset,
                                _("\"%s\" is not a valid id (use a-z, 0-9 and \"%c\")"),
                                *out, separator);
      /* Not an id: it must not take part in the checks for duplicates. */
      g_clear_pointer (out, g_free);
      return FALSE;
    }

  return TRUE;
}

gboolean
atlas_loader_read_enum (Loader              *l,
                        const Path          *path,
                        const char * const  *values,
                        char               **out)
{
  if (!atlas_loader_read_string (l, path, FALSE, out))
    return FALSE;

  if (!g_strv_contains (values, *out))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) values);

      atlas_loader_add_problem (l, path, l->reader.value_offset, _("\"%s\" is not one of: %s"), *out, list);
      return FALSE;
    }

  return TRUE;
}

gboolean
atlas_loader_read_date (Loader      *l,
                        const Path  *path,
                        char       **out)
{
  if (!atlas_loader_read_string (l, path, FALSE, out))
    return FALSE;

  if (!atlas_format_is_date (*out))
    {
      g_autofree char *problem = atlas_format_check_date (*out);

      atlas_loader_add_problem (l, path, l->reader.value_offset, "%s", problem);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_color (const char *s,
             guint32    *out)
{
  guint32 color = 0;

  if (strlen (s) != 7 || s[0] != '#')
    return FALSE;

  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (s[i]))
        return FALSE;
      color = color * 16 + g_ascii_xdigit_value (s[i]);
    }

  *out = color;

  return TRUE;
}

gboolean
atlas_loader_read_color (Loader     *l,
                         const Path *path,
                         guint32    *out)
{
  g_autofree char *value = NULL;

  *out = 0;
  if (!atlas_loader_read_string (l, path, FALSE, &value))
    return FALSE;

  if (!parse_color (value, out))
    {
      atlas_loader_add_problem (l, path, l->reader.value_offset, _("\"%s\" is not a colour (#rrggbb)"), value);
      return FALSE;
    }

  return TRUE;
}

gboolean
atlas_loader_read_url (Loader      *l,
                       const Path  *path,
                       char       **out)
{
  if (!atlas_loader_read_string (l, path, TRUE, out))
    return FALSE;

  if (*out != NULL && !atlas_format_is_web_link (*out))
    {
      g_autofree char *problem = atlas_format_check_web_link (*out);

      atlas_loader_add_problem (l, path, l->reader.value_offset, "%s", problem);
      g_clear_pointer (out, g_free);
      return FALSE;
    }

  return TRUE;
}

/* Objects */

typedef struct
{
  Loader     *l;
  const Path *base;
} DuplicateContext;

static void
nested_duplicate_cb (gpointer    data,
                     const char *relative_path,
                     gsize       key_offset)
{
  DuplicateContext *context = data;
  GString *path = g_string_new (NULL);
  const char *last = strrchr (relative_path, '.');
  const char *bracket = strrchr (relative_path, '[');

  path_render (path, context->base);
  /* ".a.b" -> "a.b" at the top level, else as is. */
  g_string_append (path, path->len == 0 && relative_path[0] == '.' ? relative_path + 1
                                                                     : relative_path);
  atlas_loader_add_pending (context->l, g_string_free (path, FALSE), key_offset,
                            g_strdup_printf (_("duplicate key \"%s\""),
                                             last && (!bracket || last > bracket) ? last + 1 : relative_path));
}

/* Starts reading an object; a value of another type is reported (and
 * skipped) and gives FALSE. */
gboolean
atlas_loader_members_begin (Loader             *l,
                            Members            *m,
                            const Path         *path,
                            const char * const *known)
{
  AtlasJsonType type = atlas_json_reader_peek (&l->reader);
  const char *found;

  memset (m, 0, sizeof *m);
  m->l = l;
  m->path = path;
  m->known = known;
  m->n_known = g_strv_length ((char **) known);
  m->offset = l->reader.value_offset;
  m->index = -1;

  g_assert (m->n_known <= 32);

  if (type == ATLAS_JSON_OBJECT)
    return atlas_json_reader_begin_object (&l->reader);

  found = atlas_loader_skip_and_describe (l, type);
  if (found != NULL)
    atlas_loader_add_problem (l, path, m->offset, _("must be an object, not %s"), found);

  return FALSE;
}

/* Moves to the next member this object knows, keeping the others aside;
 * FALSE at the end of the object. */
gboolean
atlas_loader_members_next (Members *m)
{
  Loader *l = m->l;
  AtlasJsonReader *r = &l->reader;

  atlas_loader_note_error_path (l, m->index >= 0 ? &m->member_path : m->path);

  while (atlas_json_reader_next_member (r))
    {
      const char *key = r->key->str;
      g_autofree char *name = NULL;
      gsize key_offset = r->key_offset;
      DuplicateContext context = { l, NULL };

      for (guint i = 0; i < m->n_known; i++)
        if (strcmp (key, m->known[i]) == 0)
          {
            m->index = i;
            m->member_path = (Path) { m->path, m->known[i], -1 };
            if (m->seen & (1u << i))
              atlas_loader_add_problem (l, &m->member_path, key_offset, _("duplicate key \"%s\""), key);
            m->seen |= 1u << i;
            return TRUE;
          }

      /* Unknown: kept as compact text, to be written back. */
      name = g_strdup (key);
      context.base = MEMBER (m->path, name);
      if (m->extra == NULL)
        {
          m->extra = g_string_new ("{");
          m->extra_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        }
      else
        g_string_append_c (m->extra, ',');
      if (!g_hash_table_add (m->extra_names, g_strdup (name)))
        atlas_loader_add_problem (l, MEMBER (m->path, name), key_offset, _("duplicate key \"%s\""), name);
      atlas_json_append_string (m->extra, name);
      g_string_append_c (m->extra, ':');

      if (!atlas_json_reader_copy_value (r, m->extra, nested_duplicate_cb, &context))
        {
          atlas_loader_note_error_path (l, context.base);
          return FALSE;
        }
    }

  atlas_loader_note_error_path (l, m->path);

  return FALSE;
}

/* After the loop: reports missing keys; FALSE after a syntax error. */
gboolean
atlas_loader_members_end (Members *m)
{
  if (!atlas_loader_reader_ok (m->l))
    return FALSE;

  for (guint i = 0; i < m->n_known; i++)
    if (!(m->seen & (1u << i)) && !(m->optional & (1u << i)))
      atlas_loader_add_problem (m->l, m->path, m->offset, _("missing key \"%s\""), m->known[i]);

  return TRUE;
}

/* The unknown members, "{...}", or NULL when there were none. */
GBytes *
atlas_loader_members_steal_extra (Members *m)
{
  if (m->extra == NULL)
    return NULL;

  g_string_append_c (m->extra, '}');
  g_clear_pointer (&m->extra_names, g_hash_table_unref);

  return g_string_free_to_bytes (g_steal_pointer (&m->extra));
}

/* Hands the unknown members to the model object that was read. */
void
atlas_loader_members_keep_extra (Members  *m,
                                 gpointer  model_object)
{
  g_autoptr(GBytes) extra = atlas_loader_members_steal_extra (m);

  if (extra != NULL)
    atlas_extra_set (model_object, extra);
}

void
atlas_loader_members_clear (Members *m)
{
  if (m->extra != NULL)
    g_string_free (g_steal_pointer (&m->extra), TRUE);
  g_clear_pointer (&m->extra_names, g_hash_table_unref);
}

int
atlas_loader_read_each (Loader          *l,
                        const Path      *path,
                        ReadElementFunc  read_element,
                        gpointer         data)
{
  AtlasJsonType type = atlas_json_reader_peek (&l->reader);
  gsize offset = l->reader.value_offset;
  guint index = 0;

  if (type != ATLAS_JSON_ARRAY)
    {
      const char *found = atlas_loader_skip_and_describe (l, type);

      if (found != NULL)
        atlas_loader_add_problem (l, path, offset, _("must be an array, not %s"), found);
      return -1;
    }

  if (!atlas_json_reader_begin_array (&l->reader))
    return -1;

  while (atlas_json_reader_next_element (&l->reader))
    {
      const Path *element_path = INDEX (path, index);

      atlas_json_reader_peek (&l->reader);
      read_element (l, element_path, index, l->reader.value_offset, data);
      atlas_loader_note_error_path (l, element_path);
      index++;
    }
  atlas_loader_note_error_path (l, path);

  return (int) index;
}

typedef struct
{
  ReadItemFunc  read_item;
  GPtrArray    *items;
} ArrayRead;

static void
read_array_element (Loader     *l,
                    const Path *path,
                    guint       index,
                    gsize       offset,
                    gpointer    data)
{
  ArrayRead *read = data;
  gpointer item = read->read_item (l, path, index);

  if (item != NULL)
    g_ptr_array_add (read->items, item);
}

/* Reads an array through read_item; NULL when the value is no array. */
GPtrArray *
atlas_loader_read_array (Loader       *l,
                         const Path   *path,
                         ReadItemFunc  read_item)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  ArrayRead read = { read_item, items };

  if (atlas_loader_read_each (l, path, read_array_element, &read) < 0)
    return NULL;

  return atlas_loader_reader_ok (l) ? g_steal_pointer (&items) : NULL;
}

/* Fills store in one splice: one items-changed instead of one per entry. */
void
atlas_loader_read_entries (Loader       *l,
                           const Path   *path,
                           ReadItemFunc  read_item,
                           GListStore   *store)
{
  g_autoptr(GPtrArray) items = atlas_loader_read_array (l, path, read_item);

  if (items != NULL)
    g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                         items->pdata, items->len);
}
