/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Loading datasets: the entry points, and what every reader of the format
 * shares.
 *
 * Loading refuses oversized files and text that is not UTF-8, then reads
 * the JSON with a strict pull reader (atlas-json-reader.c) and builds the
 * model as it goes (atlas-dataset-io.c), checking every rule of the format
 * on the way. Rules that tie distant parts of the file together (an
 * indicator names a lens, a source reference names a source) are checked
 * once the whole file is read, since JSON members may come in any order
 * (atlas-dataset-checks.c). Every problem carries the byte offset where it
 * lies, turned into a line and a column at the end in one pass over the
 * text.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "atlas-core-private.h"
#include "atlas-dataset-format-private.h"
#include "atlas-dataset-io.h"
#include "atlas-dataset-loader-private.h"
#include "atlas-dataset-private.h"
#include "atlas-entries-private.h"
#include "atlas-iso-codes.h"
#include "atlas-json-reader-private.h"
#include "atlas-safe-write.h"
#include "atlas-timeline.h"

typedef struct
{
  AtlasDataset *dataset;
  GPtrArray    *problems;
  char         *etag;
  GError       *error;
} LoadResult;

/* Problems */

static void
pending_free (gpointer data)
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

static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const Pending *pa = *(const Pending * const *) a;
  const Pending *pb = *(const Pending * const *) b;

  if (pa->offset != pb->offset)
    return pa->offset < pb->offset ? -1 : 1;

  return pa->sequence < pb->sequence ? -1 : pa->sequence > pb->sequence;
}

/* Lines and columns count from 1; columns count characters, not bytes.
 * One pass over the text for all the problems, sorted by offset. */
static void
compute_positions (const char *text,
                   gsize       len,
                   GPtrArray  *pending)
{
  gsize pos = 0;
  int line = 1, column = 1;

  g_ptr_array_sort (pending, compare_pending);

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = g_ptr_array_index (pending, i);

      if (p->offset == G_MAXSIZE || p->offset > len)
        continue;

      for (; pos < p->offset; pos++)
        {
          guchar c = text[pos];

          if (c == '\n')
            {
              line++;
              column = 1;
            }
          else if ((c & 0xc0) != 0x80)
            column++;
        }

      p->line = line;
      p->column = column;
    }
}

/* Replaces the problems found so far by one that says it all. */
static void
set_verdict (Loader  *l,
             Pending *verdict)
{
  g_ptr_array_set_size (l->pending, 0);
  l->n_dropped = 0;
  g_ptr_array_add (l->pending, verdict);
}

static void
finish_with_problems (Loader      *l,
                      const char  *text,
                      gsize        len,
                      int          code,
                      GPtrArray  **problems_out,
                      GError     **error)
{
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  guint n_total = l->pending->len + l->n_dropped;
  g_autofree char *first = NULL;

  compute_positions (text, len, l->pending);

  for (guint i = 0; i < l->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (l->pending, i);

      g_ptr_array_add (problems, atlas_problem_new (l->file, p->line, p->column, p->path,
                                                    p->message));
    }

  if (l->n_dropped > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u more problem not listed",
                                      "%u more problems not listed", l->n_dropped),
                         l->n_dropped);

      g_ptr_array_add (problems, atlas_problem_new (l->file, 0, 0, NULL, message));
    }

  first = atlas_problem_to_string (g_ptr_array_index (problems, 0));
  if (n_total <= 1)
    g_set_error_literal (error, ATLAS_DATASET_ERROR, code, first);
  else
    g_set_error (error, ATLAS_DATASET_ERROR, code,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                              "%s (and %u more problems)", n_total - 1),
                 first, n_total - 1);

  if (problems_out != NULL)
    *problems_out = g_steal_pointer (&problems);
}

static void
indicator_check_clear (gpointer data)
{
  IndicatorCheck *check = data;

  g_object_unref (check->partner);
  g_free (check->lens_id);
  g_free (check->category_id);
}

static void
source_ref_check_clear (gpointer data)
{
  SourceRefCheck *check = data;

  g_object_unref (check->ref);
}

static AtlasDataset *
load_text (const char  *text,
           gsize        len,
           const char  *display_name,
           GPtrArray  **problems,
           GError     **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pending_free);
  g_autoptr(GHashTable) source_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) lenses = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GHashTable) partner_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) indicator_checks = g_array_new (FALSE, FALSE, sizeof (IndicatorCheck));
  g_autoptr(GArray) source_ref_checks = g_array_new (FALSE, FALSE, sizeof (SourceRefCheck));
  g_autoptr(GArray) color_checks = g_array_new (FALSE, FALSE, sizeof (ColorCheck));
  g_autoptr(GArray) opens_checks = g_array_new (FALSE, FALSE, sizeof (OpensCheck));
  g_autoptr(GArray) member_change_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) history_checks = g_array_new (FALSE, FALSE, sizeof (HistoryCheck));
  g_autoptr(AtlasDataset) dataset = NULL;
  const char *end = NULL;
  Loader l = {
    .file = display_name ? display_name : "",
    .pending = pending,
    .source_ids = source_ids,
    .lenses = lenses,
    .partner_ids = partner_ids,
    .indicator_checks = indicator_checks,
    .source_ref_checks = source_ref_checks,
    .color_checks = color_checks,
    .opens_checks = opens_checks,
    .member_change_offsets = member_change_offsets,
    .history_checks = history_checks,
  };
  int code = ATLAS_DATASET_ERROR_INVALID;

  g_array_set_clear_func (indicator_checks, indicator_check_clear);
  g_array_set_clear_func (source_ref_checks, source_ref_check_clear);

  if (problems != NULL)
    *problems = NULL;

  if (len > ATLAS_DATASET_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (ATLAS_DATASET_MAX_SIZE);

      atlas_loader_add_pending (&l, g_strdup (""), G_MAXSIZE,
                                g_strdup_printf (_("the file is too large (%s; the limit is %s)"), size, limit));
      finish_with_problems (&l, text, 0, ATLAS_DATASET_ERROR_TOO_LARGE, problems, error);
      return NULL;
    }

  if (!g_utf8_validate_len (text, len, &end))
    {
      gsize offset = end - text;

      if (text[offset] == '\0')
        atlas_loader_add_pending (&l, g_strdup (""), offset,
                                  g_strdup (_("not a text file: it contains a NUL byte")));
      else
        atlas_loader_add_pending (&l, g_strdup (""), offset,
                                  g_strdup_printf (_("not valid UTF-8 text (byte 0x%02x)"),
                                                   (guchar) text[offset]));
      finish_with_problems (&l, text, len, ATLAS_DATASET_ERROR_NOT_JSON, problems, error);
      return NULL;
    }

  atlas_json_reader_init (&l.reader, text, len, ATLAS_DATASET_MAX_DEPTH);
  dataset = atlas_loader_read_root (&l);
  atlas_loader_note_error_path (&l, NULL);
  atlas_json_reader_end (&l.reader);

  if (l.reader.error != ATLAS_JSON_ERROR_NONE)
    {
      /* Nothing read after a syntax error can be trusted. */
      code = l.reader.error == ATLAS_JSON_ERROR_TOO_DEEP ? ATLAS_DATASET_ERROR_TOO_DEEP
                                                         : ATLAS_DATASET_ERROR_NOT_JSON;
      set_verdict (&l, atlas_loader_pending_new (g_strdup (l.error_path ? l.error_path : ""),
                                                 l.reader.error_offset, g_strdup (l.reader.error_message)));
    }
  else if (!l.format_ok)
    {
      /* Some other JSON file: listing all it lacks would bury the point. */
      Pending *verdict = l.not_ours ? g_steal_pointer (&l.not_ours)
                                    : atlas_loader_pending_new (g_strdup (""), 0, NULL);

      verdict->message = g_strdup_printf (_("not a Cyber Diplomacy Atlas dataset "
                                            "(\"format\" must be \"%s\")"), ATLAS_DATASET_FORMAT_NAME);
      set_verdict (&l, verdict);
    }
  else if (l.too_new != NULL)
    {
      code = ATLAS_DATASET_ERROR_TOO_NEW;
      set_verdict (&l, g_steal_pointer (&l.too_new));
    }
  else
    {
      atlas_loader_check_references (&l);
      if (dataset != NULL)
        atlas_loader_check_dates (&l, dataset);
      if (dataset != NULL)
        atlas_loader_apply_subject_indicators (&l, dataset);
      if (l.pending->len == 0 && l.n_dropped == 0 && dataset != NULL)
        atlas_loader_check_history (&l, dataset);
    }

  pending_free (l.not_ours);
  g_clear_object (&l.subject_indicators);
  g_free (l.as_of);
  pending_free (l.too_new);
  g_free (l.error_path);
  atlas_json_reader_clear (&l.reader);

  if (pending->len == 0 && l.n_dropped == 0 && dataset != NULL)
    return g_steal_pointer (&dataset);

  finish_with_problems (&l, text, len, code, problems, error);

  return NULL;
}

AtlasDataset *
atlas_dataset_load_bytes (GBytes      *bytes,
                          const char  *display_name,
                          GPtrArray  **problems,
                          GError     **error)
{
  const char *text;
  gsize len = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_bytes_get_data (bytes, &len);
  if (text == NULL)
    text = "";

  return load_text (text, len, display_name, problems, error);
}

AtlasDataset *
atlas_dataset_new_bundled (void)
{
#define BUNDLED_PATH "/io/github/cyberdiplomacy/Atlas/data/dataset.json"
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  AtlasDataset *self;

  bytes = g_resources_lookup_data (BUNDLED_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The bundled dataset is missing: %s", error->message);

  self = atlas_dataset_load_bytes (bytes, "resource://" BUNDLED_PATH, &problems, &error);
  if (self == NULL)
    g_error ("The bundled dataset is broken: %s", error->message);

  return self;
#undef BUNDLED_PATH
}

AtlasDataset *
atlas_dataset_load_file_named (GFile         *file,
                               const char    *display_name,
                               GCancellable  *cancellable,
                               GPtrArray    **problems,
                               char         **etag_out,
                               GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *etag = NULL;
  AtlasDataset *dataset;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;
  if (etag_out != NULL)
    *etag_out = NULL;

  /* Never a named pipe or a device (they block or never end), and never
   * more than the limit, whatever the file's size said. */
  bytes = atlas_safe_read (file, ATLAS_DATASET_MAX_SIZE, &etag, cancellable, &local_error);
  if (bytes == NULL)
    {
      g_autoptr(AtlasProblem) problem = NULL;
      g_autofree char *line = NULL;
      int code;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      problem = atlas_problem_new (display_name, 0, 0, NULL, local_error->message);
      line = atlas_problem_to_string (problem);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        {
          /* Not the file's contents: no problem list, as for any I/O error. */
          code = local_error->domain == G_IO_ERROR ? local_error->code : G_IO_ERROR_FAILED;
          g_set_error_literal (error, G_IO_ERROR, code, line);
          return NULL;
        }

      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_TOO_LARGE, line);
      if (problems != NULL)
        {
          *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
          g_ptr_array_add (*problems, g_steal_pointer (&problem));
        }
      return NULL;
    }

  dataset = atlas_dataset_load_bytes (bytes, display_name, problems, error);

  if (dataset != NULL && etag_out != NULL)
    *etag_out = g_steal_pointer (&etag);

  return dataset;
}

AtlasDataset *
atlas_dataset_load_file (GFile         *file,
                         GCancellable  *cancellable,
                         GPtrArray    **problems,
                         char         **etag_out,
                         GError       **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);

  return atlas_dataset_load_file_named (file, name, cancellable, problems, etag_out, error);
}

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_object (&result->dataset);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->etag, g_free);
  g_clear_error (&result->error);
  g_free (result);
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LoadResult *result = g_new0 (LoadResult, 1);

  result->dataset = atlas_dataset_load_file (task_data, cancellable, &result->problems,
                                             &result->etag, &result->error);

  /* Returned even on failure: the problems travel with the error. */
  g_task_return_pointer (task, result, load_result_free);
}

void
atlas_dataset_load_file_async (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_dataset_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_file_thread);
}

AtlasDataset *
atlas_dataset_load_file_finish (GAsyncResult  *result,
                                GPtrArray    **problems,
                                char         **etag_out,
                                GError       **error)
{
  LoadResult *load;
  AtlasDataset *dataset;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (problems != NULL)
    *problems = NULL;
  if (etag_out != NULL)
    *etag_out = NULL;

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;

  if (load->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&load->error));
      if (problems != NULL)
        *problems = g_steal_pointer (&load->problems);
      load_result_free (load);
      return NULL;
    }

  dataset = g_steal_pointer (&load->dataset);
  if (etag_out != NULL)
    *etag_out = g_steal_pointer (&load->etag);
  load_result_free (load);

  return dataset;
}

GPtrArray *
atlas_dataset_validate (AtlasDataset *self,
                        const char   *display_name)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AtlasDataset) reloaded = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  /* One set of rules: check what saving would write. */
  bytes = atlas_dataset_to_bytes (self);
  reloaded = atlas_dataset_load_bytes (bytes, display_name, &problems, &error);

  if (problems == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);

  /* Positions in text the user never saw would only mislead. */
  for (guint i = 0; i < problems->len; i++)
    {
      AtlasProblem *problem = g_ptr_array_index (problems, i);

      problem->line = 0;
      problem->column = 0;
    }

  return g_steal_pointer (&problems);
}

