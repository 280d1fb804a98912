/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Loading and saving datasets.
 *
 * Loading refuses oversized files and text that is not UTF-8, then reads
 * the JSON with a strict pull reader (atlas-json-reader.c) and builds the
 * model as it goes, checking every rule of the format on the way. Rules
 * that tie distant parts of the file together (an indicator names a lens,
 * a source reference names a source) are checked once the whole file is
 * read, since JSON members may come in any order. Every problem carries
 * the byte offset where it lies, turned into a line and a column at the
 * end in one pass over the text.
 *
 * Saving writes the model out directly, known keys in the order of the
 * README, then the unknown ones as they were read.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "atlas-core-private.h"
#include "atlas-dataset-io.h"
#include "atlas-dataset-private.h"
#include "atlas-entries-private.h"
#include "atlas-iso-codes.h"
#include "atlas-json-reader.h"
#include "atlas-safe-write.h"
#include "atlas-timeline.h"

#define FORMAT_NAME "cyber-diplomacy-atlas"
/* Past this, more problems say nothing new; the list ends with a note. */
#define MAX_PROBLEMS 1000

/* A JSON path as a chain of stack frames, rendered only for a problem. */
typedef struct _Path Path;
struct _Path
{
  const Path *parent;
  const char *member;
  int         index;
};

#define MEMBER(p, name) (&(const Path) { (p), (name), -1 })
#define INDEX(p, i)     (&(const Path) { (p), NULL, (int) (i) })

typedef struct
{
  char     *path;
  char     *message;
  gsize     offset;    /* G_MAXSIZE when nowhere in particular */
  guint     sequence;  /* keeps problems at the same place in reading order */
  int       line;
  int       column;
} Pending;

/* Checks made once the whole file is read. They hold references: a
 * second "partners" member, say, replaces the partners of the first. */
typedef struct
{
  AtlasPartner *partner;
  guint         partner_index;
  char         *lens_id;
  char         *category_id;
  gsize         key_offset;
  gsize         value_offset;
} IndicatorCheck;

typedef struct
{
  AtlasSourceRef *ref;
  guint           partner_index;
  guint           ref_index;
  gsize           offset;
} SourceRefCheck;

typedef struct
{
  guint   lens_index;
  guint   category_index;
  guint32 color;
  gsize   offset;
} ColorCheck;

/* Where each part of a history entry lies, for the chain rules
 * (AtlasTimelinePart order: the entry, date, field, old, new). */
typedef struct
{
  guint   partner_index;
  guint   entry_index;
  gsize   offsets[5];
} HistoryCheck;

typedef struct
{
  const char      *file;
  AtlasJsonReader  reader;
  GPtrArray       *pending;        /* Pending */
  guint            n_dropped;

  /* Verdicts on the whole file, which replace the other problems. */
  Pending         *not_ours;       /* no "format": "cyber-diplomacy-atlas" */
  Pending         *too_new;
  gboolean         format_ok;
  char            *error_path;     /* where the reader failed, if it did */

  GHashTable      *source_ids;     /* owned id -> itself */
  GHashTable      *lenses;         /* id -> AtlasLens */
  GHashTable      *partner_ids;    /* owned id -> index + 1 */
  guint            partner_index;  /* of the partner being read */
  guint            lens_index;     /* of the lens being read */
  gboolean         has_subject_color;
  guint32          subject_color;
  GArray          *indicator_checks;
  GArray          *source_ref_checks;
  GArray          *color_checks;
  char            *as_of;          /* the dataset's, once read */
  GArray          *opens_checks;   /* OpensCheck */
  GArray          *member_change_offsets; /* gsize per subject.member_changes[] read */
  GArray          *history_checks;
  /* subject.indicators, held as a partner's until the lenses are known */
  AtlasPartner    *subject_indicators;
} Loader;

/* IndicatorCheck.partner_index of subject.indicators */
#define SUBJECT_INDEX G_MAXUINT

typedef struct
{
  AtlasLens *lens;   /* borrowed: the lenses table holds it */
  guint      lens_index;
  gsize      offset;
} OpensCheck;

/* The members of one JSON object, as the model's objects expect them. */
typedef struct
{
  Loader             *l;
  const Path         *path;
  const char * const *known;
  guint               n_known;
  guint32             seen;         /* bit i: known[i] was read */
  guint32             optional;     /* bit i: known[i] may be left out */
  gsize               offset;       /* the opening brace */
  GString            *extra;        /* members not in known, in order, as
                                     * compact JSON text: "{"a":1,"b":[]" */
  GHashTable         *extra_names;  /* their names */
  int                 index;        /* of the current member in known */
  Path                member_path;  /* of the current member */
} Members;

typedef struct
{
  AtlasDataset *dataset;
  GPtrArray    *problems;
  char         *etag;
  GError       *error;
} LoadResult;

static const char * const root_keys[] = {
  "format", "schema_version", "title", "as_of", "sources", "subject", "lenses", "partners", NULL
};
static const char * const source_keys[] = { "id", "title", "author", "year", "url", NULL };
/* Keys that came with format additions are optional, so that older files
 * load unchanged; the writer leaves them out when they are empty. */
static const char * const subject_keys[] = { "name", "color", "members", "member_changes", "indicators", NULL };
#define SUBJECT_OPTIONAL ((1u << 3) | (1u << 4))
static const char * const member_change_keys[] = { "date", "id", "change", "source", NULL };
static const char * const lens_keys[] = {
  "id", "name", "description", "ordered", "opens", "categories", NULL
};
#define LENS_OPTIONAL (1u << 4)
static const char * const category_keys[] = { "id", "name", "description", "color", NULL };
static const char * const partner_keys[] = {
  "id", "name", "indicators", "documents", "dialogues", "agreements", "assessment", "updated",
  "sources", "history", NULL
};
static const char * const document_keys[] = { "title", "year", "url", NULL };
static const char * const dialogue_keys[] = {
  "name", "frequency", "level", "established", "status", "rounds", NULL
};
#define DIALOGUE_OPTIONAL (1u << 5)
static const char * const round_keys[] = { "date", "place", "number", "url", "note", NULL };
#define ROUND_OPTIONAL ((1u << 1) | (1u << 2) | (1u << 3) | (1u << 4))
static const char * const agreement_keys[] = {
  "kind", "title", "signed", "in_force", "status", NULL
};
static const char * const source_ref_keys[] = { "id", "locator", NULL };
static const char * const history_keys[] = { "date", "field", "old", "new", "source", NULL };

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

static Pending *
pending_new (char  *path,
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
static void
add_pending (Loader *l,
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

  pending = pending_new (path, offset, message);
  pending->sequence = l->pending->len;
  g_ptr_array_add (l->pending, pending);
}

static void add_problem (Loader     *l,
                         const Path *path,
                         gsize       offset,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (Loader     *l,
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

  add_pending (l, path_to_string (path), offset, message);
}

/* Reading values */

static gboolean
reader_ok (Loader *l)
{
  return l->reader.error == ATLAS_JSON_ERROR_NONE;
}

/* The reader knows no paths: the loader notes the innermost one it is in
 * when it first sees the reader fail, while that path still exists. */
static void
note_error_path (Loader     *l,
                 const Path *path)
{
  if (!reader_ok (l) && l->error_path == NULL)
    l->error_path = path_to_string (path);
}

/* Consumes a value of an unexpected type and says what it was; NULL after
 * a syntax error. */
static const char *
skip_and_describe (Loader        *l,
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

static gboolean
read_string (Loader      *l,
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

  found = skip_and_describe (l, type);
  if (found == NULL)
    return FALSE;

  if (nullable)
    add_problem (l, path, offset, _("must be a string or null, not %s"), found);
  else
    add_problem (l, path, offset, _("must be a string, not %s"), found);

  return FALSE;
}

/* 0 for null */
static gboolean
read_year (Loader     *l,
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
          add_problem (l, path, offset, _("must be a year, not a number with a fraction"));
          return FALSE;
        }

      if (!atlas_format_is_year (year))
        {
          add_problem (l, path, offset, _("year %lld is outside %d-%d"), (long long) year,
                       ATLAS_FORMAT_YEAR_MIN, ATLAS_FORMAT_YEAR_MAX);
          return FALSE;
        }

      *out = (int) year;
      return TRUE;
    }

  if (type == ATLAS_JSON_NULL && nullable)
    return atlas_json_reader_read_null (&l->reader);

  found = skip_and_describe (l, type);
  if (found == NULL)
    return FALSE;

  if (nullable)
    add_problem (l, path, offset, _("must be a year or null, not %s"), found);
  else
    add_problem (l, path, offset, _("must be a year, not %s"), found);

  return FALSE;
}

static gboolean
read_boolean (Loader     *l,
              const Path *path,
              gboolean   *out)
{
  AtlasJsonType type = atlas_json_reader_peek (&l->reader);
  gsize offset = l->reader.value_offset;
  const char *found;

  *out = FALSE;

  if (type == ATLAS_JSON_BOOLEAN)
    return atlas_json_reader_read_boolean (&l->reader, out);

  found = skip_and_describe (l, type);
  if (found != NULL)
    add_problem (l, path, offset, _("must be true or false, not %s"), found);

  return FALSE;
}

/* Ids as the schema has them: lower-case letters, digits, and one
 * separator ('-' for sources and categories, '_' for lenses). */
static gboolean
read_id (Loader      *l,
         const Path  *path,
         char         separator,
         char       **out)
{
  if (!read_string (l, path, FALSE, out))
    return FALSE;

  if (!atlas_format_is_id (*out, separator))
    {
      add_problem (l, path, l->reader.value_offset,
                   _("\"%s\" is not a valid id (use a-z, 0-9 and \"%c\")"),
                   *out, separator);
      /* Not an id: it must not take part in the checks for duplicates. */
      g_clear_pointer (out, g_free);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_enum (Loader              *l,
           const Path          *path,
           const char * const  *values,
           char               **out)
{
  if (!read_string (l, path, FALSE, out))
    return FALSE;

  if (!g_strv_contains (values, *out))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) values);

      add_problem (l, path, l->reader.value_offset, _("\"%s\" is not one of: %s"), *out, list);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_date (Loader      *l,
           const Path  *path,
           char       **out)
{
  if (!read_string (l, path, FALSE, out))
    return FALSE;

  if (!atlas_format_is_date (*out))
    {
      add_problem (l, path, l->reader.value_offset, _("\"%s\" is not a date (YYYY-MM-DD)"), *out);
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

static gboolean
read_color (Loader     *l,
            const Path *path,
            guint32    *out)
{
  g_autofree char *value = NULL;

  *out = 0;
  if (!read_string (l, path, FALSE, &value))
    return FALSE;

  if (!parse_color (value, out))
    {
      add_problem (l, path, l->reader.value_offset, _("\"%s\" is not a colour (#rrggbb)"), value);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_url (Loader      *l,
          const Path  *path,
          char       **out)
{
  if (!read_string (l, path, TRUE, out))
    return FALSE;

  if (*out != NULL && !atlas_format_is_web_link (*out))
    {
      add_problem (l, path, l->reader.value_offset, _("\"%s\" is not an http or https link"), *out);
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
  add_pending (context->l, g_string_free (path, FALSE), key_offset,
               g_strdup_printf (_("duplicate key \"%s\""),
                                last && (!bracket || last > bracket) ? last + 1 : relative_path));
}

/* Starts reading an object; a value of another type is reported (and
 * skipped) and gives FALSE. */
static gboolean
members_begin (Loader             *l,
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

  found = skip_and_describe (l, type);
  if (found != NULL)
    add_problem (l, path, m->offset, _("must be an object, not %s"), found);

  return FALSE;
}

/* Moves to the next member this object knows, keeping the others aside;
 * FALSE at the end of the object. */
static gboolean
members_next (Members *m)
{
  Loader *l = m->l;
  AtlasJsonReader *r = &l->reader;

  note_error_path (l, m->index >= 0 ? &m->member_path : m->path);

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
              add_problem (l, &m->member_path, key_offset, _("duplicate key \"%s\""), key);
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
        add_problem (l, MEMBER (m->path, name), key_offset, _("duplicate key \"%s\""), name);
      atlas_json_append_string (m->extra, name);
      g_string_append_c (m->extra, ':');

      if (!atlas_json_reader_copy_value (r, m->extra, nested_duplicate_cb, &context))
        {
          note_error_path (l, context.base);
          return FALSE;
        }
    }

  note_error_path (l, m->path);

  return FALSE;
}

/* After the loop: reports missing keys; FALSE after a syntax error. */
static gboolean
members_end (Members *m)
{
  if (!reader_ok (m->l))
    return FALSE;

  for (guint i = 0; i < m->n_known; i++)
    if (!(m->seen & (1u << i)) && !(m->optional & (1u << i)))
      add_problem (m->l, m->path, m->offset, _("missing key \"%s\""), m->known[i]);

  return TRUE;
}

/* The unknown members, "{...}", or NULL when there were none. */
static GBytes *
members_steal_extra (Members *m)
{
  if (m->extra == NULL)
    return NULL;

  g_string_append_c (m->extra, '}');
  g_clear_pointer (&m->extra_names, g_hash_table_unref);

  return g_string_free_to_bytes (g_steal_pointer (&m->extra));
}

/* Hands the unknown members to the model object that was read. */
static void
members_keep_extra (Members  *m,
                    gpointer  model_object)
{
  g_autoptr(GBytes) extra = members_steal_extra (m);

  if (extra != NULL)
    atlas_extra_set (model_object, extra);
}

static void
members_clear (Members *m)
{
  if (m->extra != NULL)
    g_string_free (g_steal_pointer (&m->extra), TRUE);
  g_clear_pointer (&m->extra_names, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Members, members_clear)

typedef gpointer (*ReadItemFunc) (Loader     *l,
                                  const Path *path,
                                  guint       index);

/* Reads an array through read_item; NULL when the value is no array. */
static GPtrArray *
read_array (Loader       *l,
            const Path   *path,
            ReadItemFunc  read_item)
{
  AtlasJsonType type = atlas_json_reader_peek (&l->reader);
  gsize offset = l->reader.value_offset;
  g_autoptr(GPtrArray) items = NULL;
  const char *found;
  guint index = 0;

  if (type != ATLAS_JSON_ARRAY)
    {
      found = skip_and_describe (l, type);
      if (found != NULL)
        add_problem (l, path, offset, _("must be an array, not %s"), found);
      return NULL;
    }

  if (!atlas_json_reader_begin_array (&l->reader))
    return NULL;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  while (atlas_json_reader_next_element (&l->reader))
    {
      const Path *item_path = INDEX (path, index);
      gpointer item = read_item (l, item_path, index);

      note_error_path (l, item_path);
      if (item != NULL)
        g_ptr_array_add (items, item);
      index++;
    }
  note_error_path (l, path);

  return reader_ok (l) ? g_steal_pointer (&items) : NULL;
}

/* Fills store in one splice: one items-changed instead of one per entry. */
static void
read_entries (Loader       *l,
              const Path   *path,
              ReadItemFunc  read_item,
              GListStore   *store)
{
  g_autoptr(GPtrArray) items = read_array (l, path, read_item);

  if (items != NULL)
    g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                         items->pdata, items->len);
}

/* The model */

static gpointer
read_source (Loader     *l,
             const Path *path,
             guint       index)
{
  g_auto(Members) m;
  g_autofree char *id = NULL, *title = NULL, *author = NULL, *url = NULL;
  int year = 0;
  AtlasSource *source;

  if (!members_begin (l, &m, path, source_keys))
    return NULL;

  while (members_next (&m))
    switch (m.index)
      {
      case 0:
        if (read_id (l, &m.member_path, '-', &id))
          {
            if (g_hash_table_contains (l->source_ids, id))
              add_problem (l, &m.member_path, l->reader.value_offset,
                           _("duplicate source id \"%s\""), id);
            else
              g_hash_table_add (l->source_ids, g_strdup (id));
          }
        break;
      case 1: read_string (l, &m.member_path, FALSE, &title); break;
      case 2: read_string (l, &m.member_path, FALSE, &author); break;
      case 3: read_year (l, &m.member_path, FALSE, &year); break;
      case 4: read_url (l, &m.member_path, &url); break;
      default: g_assert_not_reached ();
      }

  if (!members_end (&m))
    return NULL;

  source = atlas_source_new_take (g_steal_pointer (&id), g_steal_pointer (&title),
                                  g_steal_pointer (&author), year, g_steal_pointer (&url));
  members_keep_extra (&m, source);

  return source;
}

static AtlasMemberChange *
read_member_change (Loader     *l,
                    const Path *path)
{
  g_auto(Members) m;
  g_autofree char *date = NULL, *id = NULL, *change = NULL, *source = NULL;
  AtlasMemberChange *result;

  if (!members_begin (l, &m, path, member_change_keys))
    return NULL;

  while (members_next (&m))
    switch (m.index)
      {
      case 0: read_date (l, &m.member_path, &date); break;
      case 1:
        if (read_string (l, &m.member_path, FALSE, &id) && !atlas_iso_codes_is_valid_alpha2 (id))
          {
            add_problem (l, &m.member_path, l->reader.value_offset,
                         _("\"%s\" is not an ISO 3166-1 alpha-2 country code"), id);
            g_clear_pointer (&id, g_free);
          }
        break;
      case 2:
        read_enum (l, &m.member_path, atlas_member_change_get_change_values (), &change);
        break;
      case 3: read_string (l, &m.member_path, FALSE, &source); break;
      default: g_assert_not_reached ();
      }

  if (!members_end (&m) || date == NULL || id == NULL || change == NULL ||
      !atlas_format_is_date (date) ||
      !g_strv_contains (atlas_member_change_get_change_values (), change))
    return NULL;

  result = atlas_member_change_new (date, id, change, source);
  result->extra = members_steal_extra (&m);

  return result;
}

static void
read_member_changes (Loader       *l,
                     AtlasDataset *dataset,
                     const Path   *path)
{
  AtlasJsonType type = atlas_json_reader_peek (&l->reader);
  gsize offset = l->reader.value_offset;
  g_autoptr(GPtrArray) changes = NULL;
  guint index = 0;

  if (type != ATLAS_JSON_ARRAY)
    {
      const char *found = skip_and_describe (l, type);

      if (found != NULL)
        add_problem (l, path, offset, _("must be an array, not %s"), found);
      return;
    }

  if (!atlas_json_reader_begin_array (&l->reader))
    return;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_member_change_free);
  g_array_set_size (l->member_change_offsets, 0);
  while (atlas_json_reader_next_element (&l->reader))
    {
      const Path *item_path = INDEX (path, index);
      gsize item_offset;
      AtlasMemberChange *change;

      atlas_json_reader_peek (&l->reader);
      item_offset = l->reader.value_offset;
      change = read_member_change (l, item_path);
      note_error_path (l, item_path);
      /* Offsets parallel to the changes kept. */
      if (change != NULL)
        {
          g_ptr_array_add (changes, change);
          g_array_append_val (l->member_change_offsets, item_offset);
        }
      index++;
    }
  note_error_path (l, path);

  atlas_dataset_set_member_changes (dataset, changes);
}

static void read_indicators (Loader       *l,
                             AtlasPartner *partner,
                             const Path   *path);

static void
read_subject (Loader       *l,
              AtlasDataset *dataset,
              const Path   *path)
{
  g_auto(Members) m;
  g_autofree char *name = NULL;
  guint32 color;

  if (!members_begin (l, &m, path, subject_keys))
    return;
  m.optional = SUBJECT_OPTIONAL;

  while (members_next (&m))
    switch (m.index)
      {
      case 0:
        read_string (l, &m.member_path, FALSE, &name);
        atlas_dataset_set_subject_name (dataset, name);
        break;

      case 1:
        if (read_color (l, &m.member_path, &color))
          {
            l->subject_color = color;
            l->has_subject_color = TRUE;
            atlas_dataset_set_subject_color (dataset, color);
          }
        break;

      case 2:
        {
          AtlasJsonType type = atlas_json_reader_peek (&l->reader);
          gsize offset = l->reader.value_offset;
          g_autoptr(GPtrArray) codes = g_ptr_array_new_null_terminated (32, g_free, TRUE);
          g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
          guint index = 0;

          if (type != ATLAS_JSON_ARRAY)
            {
              const char *found = skip_and_describe (l, type);

              if (found != NULL)
                add_problem (l, &m.member_path, offset, _("must be an array, not %s"), found);
              break;
            }

          atlas_json_reader_begin_array (&l->reader);
          while (atlas_json_reader_next_element (&l->reader))
            {
              const Path *element_path = INDEX (&m.member_path, index++);
              char *code = NULL;

              if (!read_string (l, element_path, FALSE, &code))
                {
                  note_error_path (l, element_path);
                  continue;
                }

              if (!atlas_iso_codes_is_valid_alpha2 (code))
                add_problem (l, element_path, l->reader.value_offset,
                             _("\"%s\" is not an ISO 3166-1 alpha-2 country code"), code);
              else if (g_hash_table_contains (seen, code))
                add_problem (l, element_path, l->reader.value_offset,
                             _("\"%s\" is listed twice"), code);
              else
                {
                  g_hash_table_add (seen, code);
                  g_ptr_array_add (codes, code);
                  continue;
                }
              g_free (code);
            }
          note_error_path (l, &m.member_path);

          atlas_dataset_set_members (dataset, (const char * const *) codes->pdata);
        }
        break;

      case 3:
        read_member_changes (l, dataset, &m.member_path);
        break;

      case 4:
        {
          guint partner_index = l->partner_index;

          g_clear_object (&l->subject_indicators);
          l->subject_indicators = atlas_partner_new ("", "");
          l->partner_index = SUBJECT_INDEX;
          read_indicators (l, l->subject_indicators, &m.member_path);
          l->partner_index = partner_index;
        }
        break;

      default:
        g_assert_not_reached ();
      }

  if (members_end (&m))
    {
      g_autoptr(GBytes) extra = members_steal_extra (&m);

      atlas_dataset_set_subject_extra (dataset, extra);
    }
}

static AtlasCategory *
read_category (Loader     *l,
               const Path *path,
               guint       index,
               GHashTable *ids)
{
  g_auto(Members) m;
  g_autofree char *id = NULL, *name = NULL, *description = NULL;
  guint32 color = 0;
  AtlasCategory *category;

  if (!members_begin (l, &m, path, category_keys))
    return NULL;

  while (members_next (&m))
    switch (m.index)
      {
      case 0:
        if (read_id (l, &m.member_path, '-', &id) && g_hash_table_contains (ids, id))
          {
            add_problem (l, &m.member_path, l->reader.value_offset,
                         _("duplicate category id \"%s\""), id);
            g_clear_pointer (&id, g_free);
          }
        break;
      case 1: read_string (l, &m.member_path, FALSE, &name); break;
      case 2: read_string (l, &m.member_path, FALSE, &description); break;
      case 3:
        if (read_color (l, &m.member_path, &color))
          {
            ColorCheck check = { l->lens_index, index, color, l->reader.value_offset };

            g_array_append_val (l->color_checks, check);
          }
        break;
      default: g_assert_not_reached ();
      }

  if (!members_end (&m) || id == NULL)
    return NULL;

  category = atlas_category_new (id, name, description, color);
  g_hash_table_add (ids, (gpointer) atlas_category_get_id (category));
  members_keep_extra (&m, category);

  return category;
}

static gpointer
read_lens (Loader     *l,
           const Path *path,
           guint       index)
{
  g_auto(Members) m;
  g_autofree char *id = NULL, *name = NULL, *description = NULL, *opens = NULL;
  gboolean ordered = FALSE;
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) category_ids = g_hash_table_new (g_str_hash, g_str_equal);
  gsize opens_offset = G_MAXSIZE;
  AtlasLens *lens;

  l->lens_index = index;

  if (!members_begin (l, &m, path, lens_keys))
    return NULL;
  m.optional = LENS_OPTIONAL;

  while (members_next (&m))
    switch (m.index)
      {
      case 0:
        if (read_id (l, &m.member_path, '_', &id) && g_hash_table_contains (l->lenses, id))
          {
            add_problem (l, &m.member_path, l->reader.value_offset,
                         _("duplicate lens id \"%s\""), id);
            g_clear_pointer (&id, g_free);
          }
        break;
      case 1: read_string (l, &m.member_path, FALSE, &name); break;
      case 2: read_string (l, &m.member_path, FALSE, &description); break;
      case 3: read_boolean (l, &m.member_path, &ordered); break;
      case 4:
        /* null: always open, as when the key is missing. */
        if (read_string (l, &m.member_path, TRUE, &opens) && opens != NULL)
          {
            opens_offset = l->reader.value_offset;
            if (!atlas_format_is_date (opens))
              {
                add_problem (l, &m.member_path, opens_offset,
                             _("\"%s\" is not a date (YYYY-MM-DD)"), opens);
                g_clear_pointer (&opens, g_free);
              }
          }
        break;
      case 5:
        {
          AtlasJsonType type = atlas_json_reader_peek (&l->reader);
          gsize offset = l->reader.value_offset;
          guint i = 0;

          if (type != ATLAS_JSON_ARRAY)
            {
              const char *found = skip_and_describe (l, type);

              if (found != NULL)
                add_problem (l, &m.member_path, offset, _("must be an array, not %s"), found);
              break;
            }

          atlas_json_reader_begin_array (&l->reader);
          while (atlas_json_reader_next_element (&l->reader))
            {
              const Path *category_path = INDEX (&m.member_path, i);
              AtlasCategory *category = read_category (l, category_path, i, category_ids);

              note_error_path (l, category_path);
              if (category != NULL)
                g_ptr_array_add (categories, category);
              i++;
            }
          note_error_path (l, &m.member_path);

          if (i == 0 && reader_ok (l))
            add_problem (l, &m.member_path, offset, _("a lens needs at least one category"));
        }
        break;
      default: g_assert_not_reached ();
      }

  if (!members_end (&m) || id == NULL)
    return NULL;

  lens = atlas_lens_new (id, name, description, ordered);
  atlas_lens_set_opens (lens, opens);
  if (opens != NULL)
    {
      OpensCheck check = { lens, index, opens_offset };

      g_array_append_val (l->opens_checks, check);
    }
  for (guint i = 0; i < categories->len; i++)
    atlas_lens_append_category (lens, g_ptr_array_index (categories, i));
  members_keep_extra (&m, lens);
  /* The key is the lens's own, alive as long as the table's reference. */
  g_hash_table_insert (l->lenses, (gpointer) atlas_lens_get_id (lens), g_object_ref (lens));

  return lens;
}

static gpointer
read_document (Loader     *l,
               const Path *path,
               guint       index)
{
  g_auto(Members) m;
  g_autofree char *title = NULL, *url = NULL;
  int year = 0;
  AtlasDocument *document;

  if (!members_begin (l, &m, path, document_keys))
    return NULL;

  while (members_next (&m))
    switch (m.index)
      {
      case 0: read_string (l, &m.member_path, FALSE, &title); break;
      case 1: read_year (l, &m.member_path, TRUE, &year); break;
      case 2: read_url (l, &m.member_path, &url); break;
      default: g_assert_not_reached ();
      }

  if (!members_end (&m))
    return NULL;

  document = atlas_document_new_take (g_steal_pointer (&title), year, g_steal_pointer (&url));
  members_keep_extra (&m, document);

  return document;
}

static AtlasRound *
read_round (Loader     *l,
            const Path *path)
{
  g_auto(Members) m;
  g_autofree char *date = NULL, *place = NULL, *url = NULL, *note = NULL;
  int number = 0;
  AtlasRound *round;

  if (!members_begin (l, &m, path, round_keys))
    return NULL;
  m.optional = ROUND_OPTIONAL;

  while (members_next (&m))
    switch (m.index)
      {
      case 0:
        if (read_string (l, &m.member_path, FALSE, &date) && !atlas_round_date_is_valid (date))
          {
            add_problem (l, &m.member_path, l->reader.value_offset,
                         _("\"%s\" is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"), date);
            g_clear_pointer (&date, g_free);
          }
        break;
      case 1: read_string (l, &m.member_path, TRUE, &place); break;
      case 2:
        {
          AtlasJsonType type = atlas_json_reader_peek (&l->reader);
          gsize offset = l->reader.value_offset;
          gboolean is_integer = FALSE;
          gint64 value = 0;
          double real;

          if (type == ATLAS_JSON_NULL)
            atlas_json_reader_read_null (&l->reader);
          else if (type != ATLAS_JSON_NUMBER)
            {
              const char *found = skip_and_describe (l, type);

              if (found != NULL)
                add_problem (l, &m.member_path, offset,
                             _("must be a whole number or null, not %s"), found);
            }
          else if (atlas_json_reader_read_number (&l->reader, &is_integer, &value, &real))
            {
              if (!is_integer || value < 1 || value > 10000)
                add_problem (l, &m.member_path, offset,
                             _("must be the number of the round (1, 2, 3...) or null"));
              else
                number = (int) value;
            }
        }
        break;
      case 3: read_url (l, &m.member_path, &url); break;
      case 4: read_string (l, &m.member_path, TRUE, &note); break;
      default: g_assert_not_reached ();
      }

  if (!members_end (&m) || date == NULL)
    return NULL;

  round = atlas_round_new (date, place, number, url, note);
  round->extra = members_steal_extra (&m);

  return round;
}

/* Takes nothing; gives the rounds read (NULL when the value is no array). */
static GPtrArray *
read_rounds (Loader     *l,
             const Path *path)
{
  AtlasJsonType type = atlas_json_reader_peek (&l->reader);
  gsize offset = l->reader.value_offset;
  g_autoptr(GPtrArray) rounds = NULL;
  const char *previous = NULL;
  guint index = 0;

  if (type != ATLAS_JSON_ARRAY)
    {
      const char *found = skip_and_describe (l, type);

      if (found != NULL)
        add_problem (l, path, offset, _("must be an array, not %s"), found);
      return NULL;
    }

  if (!atlas_json_reader_begin_array (&l->reader))
    return NULL;

  rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_round_free);
  while (atlas_json_reader_next_element (&l->reader))
    {
      const Path *item_path = INDEX (path, index);
      gsize item_offset;
      AtlasRound *round;

      atlas_json_reader_peek (&l->reader);
      item_offset = l->reader.value_offset;
      round = read_round (l, item_path);
      note_error_path (l, item_path);
      if (round != NULL)
        {
          if (previous != NULL && atlas_round_date_compare (round->date, previous) < 0)
            add_problem (l, MEMBER (item_path, "date"), item_offset,
                         _("rounds run oldest first: %s comes after %s"),
                         round->date, previous);
          previous = round->date;
          g_ptr_array_add (rounds, round);
        }
      index++;
    }
  note_error_path (l, path);

  return reader_ok (l) ? g_steal_pointer (&rounds) : NULL;
}

static gpointer
read_dialogue (Loader     *l,
               const Path *path,
               guint       index)
{
  g_auto(Members) m;
  g_autofree char *name = NULL, *frequency = NULL, *level = NULL, *status = NULL;
  int established = 0;
  g_autoptr(GPtrArray) rounds = NULL;
  AtlasDialogue *dialogue;

  if (!members_begin (l, &m, path, dialogue_keys))
    return NULL;
  m.optional = DIALOGUE_OPTIONAL;

  while (members_next (&m))
    switch (m.index)
      {
      case 0: read_string (l, &m.member_path, FALSE, &name); break;
      case 1: read_string (l, &m.member_path, TRUE, &frequency); break;
      case 2: read_enum (l, &m.member_path, atlas_dialogue_get_level_values (), &level); break;
      case 3: read_year (l, &m.member_path, TRUE, &established); break;
      case 4: read_enum (l, &m.member_path, atlas_dialogue_get_status_values (), &status); break;
      case 5:
        g_clear_pointer (&rounds, g_ptr_array_unref);
        rounds = read_rounds (l, &m.member_path);
        break;
      default: g_assert_not_reached ();
      }

  if (!members_end (&m))
    return NULL;

  dialogue = atlas_dialogue_new_take (g_steal_pointer (&name), g_steal_pointer (&frequency),
                                      g_steal_pointer (&level), established,
                                      g_steal_pointer (&status));
  if (rounds != NULL)
    atlas_dialogue_take_rounds (dialogue, g_steal_pointer (&rounds));
  members_keep_extra (&m, dialogue);

  return dialogue;
}

static gpointer
read_agreement (Loader     *l,
                const Path *path,
                guint       index)
{
  g_auto(Members) m;
  g_autofree char *kind = NULL, *title = NULL, *status = NULL;
  int signed_year = 0, in_force = 0;
  AtlasAgreement *agreement;

  if (!members_begin (l, &m, path, agreement_keys))
    return NULL;

  while (members_next (&m))
    switch (m.index)
      {
      case 0: read_enum (l, &m.member_path, atlas_agreement_get_kind_values (), &kind); break;
      case 1: read_string (l, &m.member_path, FALSE, &title); break;
      case 2: read_year (l, &m.member_path, TRUE, &signed_year); break;
      case 3: read_year (l, &m.member_path, TRUE, &in_force); break;
      case 4: read_enum (l, &m.member_path, atlas_agreement_get_status_values (), &status); break;
      default: g_assert_not_reached ();
      }

  if (!members_end (&m))
    return NULL;

  agreement = atlas_agreement_new_take (g_steal_pointer (&kind), g_steal_pointer (&title),
                                        signed_year, in_force, g_steal_pointer (&status));
  members_keep_extra (&m, agreement);

  return agreement;
}

static gpointer
read_source_ref (Loader     *l,
                 const Path *path,
                 guint       index)
{
  g_auto(Members) m;
  g_autofree char *id = NULL, *locator = NULL;
  gsize id_offset = G_MAXSIZE;
  AtlasSourceRef *ref;

  if (!members_begin (l, &m, path, source_ref_keys))
    return NULL;

  while (members_next (&m))
    switch (m.index)
      {
      case 0:
        if (read_string (l, &m.member_path, FALSE, &id))
          id_offset = l->reader.value_offset;
        break;
      case 1: read_string (l, &m.member_path, FALSE, &locator); break;
      default: g_assert_not_reached ();
      }

  if (!members_end (&m))
    return NULL;

  ref = atlas_source_ref_new_take (g_steal_pointer (&id), g_steal_pointer (&locator));
  members_keep_extra (&m, ref);

  if (id_offset != G_MAXSIZE)
    {
      SourceRefCheck check = { g_object_ref (ref), l->partner_index, index, id_offset };

      g_array_append_val (l->source_ref_checks, check);
    }

  return ref;
}

static gpointer
read_history_entry (Loader     *l,
                    const Path *path,
                    guint       index)
{
  g_auto(Members) m;
  g_autofree char *date = NULL, *field = NULL, *old_value = NULL, *new_value = NULL;
  g_autofree char *source = NULL;
  AtlasHistoryEntry *entry;
  HistoryCheck check = { l->partner_index, index, { 0, } };

  if (!members_begin (l, &m, path, history_keys))
    return NULL;

  check.offsets[ATLAS_TIMELINE_PART_ENTRY] = m.offset;
  while (members_next (&m))
    {
      switch (m.index)
        {
        case 0: read_date (l, &m.member_path, &date); break;
        case 1:
          if (read_string (l, &m.member_path, FALSE, &field) && field[0] == '\0')
            add_problem (l, &m.member_path, l->reader.value_offset,
                         _("must name the field that changed"));
          break;
        case 2: read_string (l, &m.member_path, TRUE, &old_value); break;
        case 3: read_string (l, &m.member_path, TRUE, &new_value); break;
        case 4: read_string (l, &m.member_path, FALSE, &source); break;
        default: g_assert_not_reached ();
        }
      /* The readers peeked at the value: where it starts. */
      if (m.index < 4)
        check.offsets[ATLAS_TIMELINE_PART_DATE + m.index] = l->reader.value_offset;
    }

  if (!members_end (&m))
    return NULL;

  for (guint i = 1; i < G_N_ELEMENTS (check.offsets); i++)
    if (check.offsets[i] == 0)
      check.offsets[i] = m.offset;
  g_array_append_val (l->history_checks, check);

  entry = atlas_history_entry_new_take (g_steal_pointer (&date), g_steal_pointer (&field),
                                        g_steal_pointer (&old_value),
                                        g_steal_pointer (&new_value),
                                        g_steal_pointer (&source));
  members_keep_extra (&m, entry);

  return entry;
}

/* Lens and category ids are checked once the lenses are known. */
static void
read_indicators (Loader       *l,
                 AtlasPartner *partner,
                 const Path   *path)
{
  AtlasJsonType type = atlas_json_reader_peek (&l->reader);
  gsize offset = l->reader.value_offset;
  g_autoptr(GPtrArray) seen = NULL;

  if (type != ATLAS_JSON_OBJECT)
    {
      const char *found = skip_and_describe (l, type);

      if (found != NULL)
        add_problem (l, path, offset, _("must be an object, not %s"), found);
      return;
    }

  if (!atlas_json_reader_begin_object (&l->reader))
    return;

  seen = g_ptr_array_new_with_free_func (g_free);
  while (atlas_json_reader_next_member (&l->reader))
    {
      g_autofree char *lens_id = g_strdup (l->reader.key->str);
      gsize key_offset = l->reader.key_offset;
      const Path *member_path = MEMBER (path, lens_id);
      IndicatorCheck check;
      char *category_id = NULL;

      if (g_ptr_array_find_with_equal_func (seen, lens_id, g_str_equal, NULL))
        add_problem (l, member_path, key_offset, _("duplicate key \"%s\""), lens_id);
      else
        g_ptr_array_add (seen, g_strdup (lens_id));

      {
        AtlasJsonType value_type = atlas_json_reader_peek (&l->reader);
        gsize value_offset = l->reader.value_offset;

        if (value_type != ATLAS_JSON_STRING)
          {
            const char *found = skip_and_describe (l, value_type);

            if (found != NULL)
              add_problem (l, member_path, value_offset,
                           _("must be a category id (a string), not %s"), found);
            continue;
          }

        category_id = atlas_json_reader_read_string (&l->reader);
        if (category_id == NULL)
          {
            note_error_path (l, member_path);
            break;
          }

        check.partner = g_object_ref (partner);
        check.partner_index = l->partner_index;
        check.lens_id = g_steal_pointer (&lens_id);
        check.category_id = category_id;
        check.key_offset = key_offset;
        check.value_offset = value_offset;
        g_array_append_val (l->indicator_checks, check);
      }
    }
  note_error_path (l, path);
}

static gpointer
read_partner (Loader     *l,
              const Path *path,
              guint       index)
{
  g_auto(Members) m;
  g_autofree char *text = NULL;
  g_autoptr(AtlasPartner) partner = atlas_partner_new (NULL, NULL);

  l->partner_index = index;

  if (!members_begin (l, &m, path, partner_keys))
    return NULL;

  while (members_next (&m))
    switch (m.index)
      {
      case 0:
        if (!read_string (l, &m.member_path, FALSE, &text))
          break;
        if (!atlas_iso_codes_is_valid_alpha2 (text))
          add_problem (l, &m.member_path, l->reader.value_offset,
                       _("\"%s\" is not an ISO 3166-1 alpha-2 country code"), text);
        else
          {
            gpointer first = g_hash_table_lookup (l->partner_ids, text);

            if (first != NULL)
              add_problem (l, &m.member_path, l->reader.value_offset,
                           _("duplicate partner \"%s\" (already at partners[%u])"),
                           text, GPOINTER_TO_UINT (first) - 1);
            else
              g_hash_table_insert (l->partner_ids, g_strdup (text), GUINT_TO_POINTER (index + 1));
          }
        atlas_partner_set_id (partner, text);
        break;

      case 1:
        read_string (l, &m.member_path, FALSE, &text);
        atlas_partner_set_name (partner, text);
        break;

      case 2:
        read_indicators (l, partner, &m.member_path);
        break;

      case 3:
        read_entries (l, &m.member_path, read_document,
                      atlas_partner_get_documents_store (partner));
        break;

      case 4:
        read_entries (l, &m.member_path, read_dialogue,
                      atlas_partner_get_dialogues_store (partner));
        break;

      case 5:
        read_entries (l, &m.member_path, read_agreement,
                      atlas_partner_get_agreements_store (partner));
        break;

      case 6:
        read_string (l, &m.member_path, FALSE, &text);
        atlas_partner_set_assessment (partner, text);
        break;

      case 7:
        read_date (l, &m.member_path, &text);
        atlas_partner_set_updated (partner, text);
        break;

      case 8:
        read_entries (l, &m.member_path, read_source_ref,
                      atlas_partner_get_sources_store (partner));
        break;

      case 9:
        read_entries (l, &m.member_path, read_history_entry,
                      atlas_partner_get_history_store (partner));
        break;

      default:
        g_assert_not_reached ();
      }

  if (!members_end (&m))
    return NULL;

  members_keep_extra (&m, partner);

  return g_steal_pointer (&partner);
}

static AtlasDataset *
read_root (Loader *l)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new ();
  g_auto(Members) m;
  g_autofree char *text = NULL;

  if (!members_begin (l, &m, NULL, root_keys))
    return NULL;

  while (members_next (&m))
    switch (m.index)
      {
      case 0:
        {
          gsize offset;

          atlas_json_reader_peek (&l->reader);
          offset = l->reader.value_offset;
          if (read_string (l, &m.member_path, FALSE, &text) && strcmp (text, FORMAT_NAME) == 0)
            l->format_ok = TRUE;
          else if (l->not_ours == NULL)
            l->not_ours = pending_new (g_strdup ("format"), offset, NULL);
        }
        break;

      case 1:
        {
          AtlasJsonType type = atlas_json_reader_peek (&l->reader);
          gsize offset = l->reader.value_offset;
          gboolean is_integer = FALSE;
          gint64 version = 0;
          double number;

          if (type != ATLAS_JSON_NUMBER)
            {
              const char *found = skip_and_describe (l, type);

              if (found != NULL)
                add_problem (l, &m.member_path, offset, _("must be a whole number, not %s"), found);
            }
          else if (atlas_json_reader_read_number (&l->reader, &is_integer, &version, &number))
            {
              if (!is_integer)
                add_problem (l, &m.member_path, offset,
                             _("must be a whole number, not a number with a fraction"));
              else if (version > ATLAS_DATASET_SCHEMA_VERSION && l->too_new == NULL)
                l->too_new = pending_new (g_strdup ("schema_version"), offset,
                  g_strdup_printf (_("the file has format version %lld"
                                     ", this version of the app reads version %d only: "
                                     "open it with a newer version of Cyber Diplomacy Atlas"),
                                   (long long) version, ATLAS_DATASET_SCHEMA_VERSION));
              else if (version < 1)
                add_problem (l, &m.member_path, offset,
                             _("format version %lld does not exist"), (long long) version);
            }
        }
        break;

      case 2:
        read_string (l, &m.member_path, FALSE, &text);
        atlas_dataset_set_title (dataset, text);
        break;

      case 3:
        if (read_date (l, &m.member_path, &text))
          {
            g_free (l->as_of);
            l->as_of = g_strdup (text);
          }
        atlas_dataset_set_as_of (dataset, text);
        break;

      case 4:
        read_entries (l, &m.member_path, read_source, atlas_dataset_get_sources_store (dataset));
        break;

      case 5:
        read_subject (l, dataset, &m.member_path);
        break;

      case 6:
        {
          g_autoptr(GPtrArray) lenses = read_array (l, &m.member_path, read_lens);

          for (guint i = 0; lenses != NULL && i < lenses->len; i++)
            atlas_dataset_append_lens (dataset, g_ptr_array_index (lenses, i));
        }
        break;

      case 7:
        {
          g_autoptr(GPtrArray) partners = read_array (l, &m.member_path, read_partner);

          if (partners != NULL)
            atlas_dataset_splice_partners (dataset, (AtlasPartner **) partners->pdata,
                                           partners->len);
        }
        break;

      default:
        g_assert_not_reached ();
      }

  if (!members_end (&m))
    return NULL;

  members_keep_extra (&m, dataset);

  return g_steal_pointer (&dataset);
}

/* The rules that tie parts of the file together. */
static void
check_references (Loader *l)
{
  for (guint i = 0; i < l->color_checks->len; i++)
    {
      ColorCheck *check = &g_array_index (l->color_checks, ColorCheck, i);
      char *path;

      if ((!l->has_subject_color || check->color != l->subject_color) &&
          check->color != ATLAS_NO_DATA_COLOR && check->color != ATLAS_OTHER_COUNTRIES_COLOR)
        continue;

      path = g_strdup_printf ("lenses[%u].categories[%u].color",
                              check->lens_index, check->category_index);
      if (check->color == ATLAS_NO_DATA_COLOR)
        add_pending (l, path, check->offset,
                     g_strdup_printf (_("colour #%06X is the grey kept for \"No data\""),
                                      check->color));
      else if (check->color == ATLAS_OTHER_COUNTRIES_COLOR)
        add_pending (l, path, check->offset,
                     g_strdup_printf (_("colour #%06X is the grey kept for other countries"),
                                      check->color));
      else
        add_pending (l, path, check->offset,
                     g_strdup_printf (_("colour #%06X is the subject's colour"), check->color));
    }

  for (guint i = 0; i < l->indicator_checks->len; i++)
    {
      IndicatorCheck *check = &g_array_index (l->indicator_checks, IndicatorCheck, i);
      AtlasLens *lens = g_hash_table_lookup (l->lenses, check->lens_id);
      GString *path;

      if (lens != NULL && atlas_lens_get_category_index (lens, check->category_id) >= 0)
        {
          atlas_partner_set_indicator (check->partner, check->lens_id, check->category_id);
          continue;
        }

      path = g_string_new (NULL);
      if (check->partner_index == SUBJECT_INDEX)
        g_string_append (path, "subject.indicators");
      else
        g_string_append_printf (path, "partners[%u].indicators", check->partner_index);
      atlas_json_path_append_member (path, check->lens_id);

      if (lens == NULL)
        add_pending (l, g_string_free (path, FALSE), check->key_offset,
                     g_strdup_printf (_("unknown lens \"%s\""), check->lens_id));
      else
        add_pending (l, g_string_free (path, FALSE), check->value_offset,
                     g_strdup_printf (_("\"%s\" is not a category of lens %s"),
                                      check->category_id, check->lens_id));
    }

  for (guint i = 0; i < l->source_ref_checks->len; i++)
    {
      SourceRefCheck *check = &g_array_index (l->source_ref_checks, SourceRefCheck, i);
      const char *id = atlas_source_ref_get_id (check->ref);

      if (g_hash_table_contains (l->source_ids, id))
        continue;

      add_pending (l, g_strdup_printf ("partners[%u].sources[%u].id",
                                       check->partner_index, check->ref_index),
                   check->offset,
                   g_strdup_printf (_("\"%s\" is not the id of a source of the dataset"), id));
    }
}

/* The subject's categories, checked as a partner's by check_references () */
static void
apply_subject_indicators (Loader       *l,
                          AtlasDataset *dataset)
{
  g_auto(GStrv) ids = NULL;

  if (l->subject_indicators == NULL)
    return;
  ids = atlas_partner_dup_indicator_lenses (l->subject_indicators);
  for (guint i = 0; ids[i] != NULL; i++)
    atlas_dataset_set_subject_indicator (dataset, ids[i],
                                         atlas_partner_get_indicator (l->subject_indicators, ids[i]));
}

/* The rules of dates that the format additions bring: a lens that opens
 * after the dataset's date has no categories yet; membership changes chain
 * and none lies after the dataset's date. */
static void
check_dates (Loader       *l,
             AtlasDataset *dataset)
{
  GPtrArray *changes = atlas_dataset_get_member_changes (dataset);
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; l->as_of != NULL && i < l->opens_checks->len; i++)
    {
      OpensCheck *check = &g_array_index (l->opens_checks, OpensCheck, i);
      const char *opens = atlas_lens_get_opens (check->lens);

      if (strcmp (l->as_of, opens) >= 0)
        continue;

      for (guint j = 0; j < l->indicator_checks->len; j++)
        {
          IndicatorCheck *indicator = &g_array_index (l->indicator_checks, IndicatorCheck, j);
          GString *path;

          if (strcmp (indicator->lens_id, atlas_lens_get_id (check->lens)) != 0)
            continue;

          path = g_string_new (NULL);
          if (indicator->partner_index == SUBJECT_INDEX)
            g_string_append (path, "subject.indicators");
          else
            g_string_append_printf (path, "partners[%u].indicators", indicator->partner_index);
          atlas_json_path_append_member (path, indicator->lens_id);
          add_pending (l, g_string_free (path, FALSE), indicator->value_offset,
                       g_strdup_printf (_("lens %s opens on %s, after the dataset's date %s: "
                                          "no partner can have a category in it yet"),
                                        indicator->lens_id, opens, l->as_of));
        }
    }

  /* Walk each country's changes in date order (stable: same date, file order). */
  {
    g_autoptr(GPtrArray) order = g_ptr_array_new ();

    for (guint i = 0; i < changes->len; i++)
      g_ptr_array_add (order, GUINT_TO_POINTER (i));

    for (guint i = 1; i < order->len; i++)
      for (guint j = i; j > 0; j--)
        {
          AtlasMemberChange *a = g_ptr_array_index (changes, GPOINTER_TO_UINT (order->pdata[j - 1]));
          AtlasMemberChange *b = g_ptr_array_index (changes, GPOINTER_TO_UINT (order->pdata[j]));
          gpointer tmp;

          if (strcmp (a->date, b->date) <= 0)
            break;
          tmp = order->pdata[j - 1];
          order->pdata[j - 1] = order->pdata[j];
          order->pdata[j] = tmp;
        }

    for (guint k = 0; k < order->len; k++)
      {
        guint i = GPOINTER_TO_UINT (order->pdata[k]);
        AtlasMemberChange *change = g_ptr_array_index (changes, i);
        AtlasMemberChange *previous = g_hash_table_lookup (last, change->id);
        gsize offset = i < l->member_change_offsets->len
                       ? g_array_index (l->member_change_offsets, gsize, i) : G_MAXSIZE;

        if (l->as_of != NULL && strcmp (change->date, l->as_of) > 0)
          add_pending (l, g_strdup_printf ("subject.member_changes[%u].date", i), offset,
                       g_strdup_printf (_("%s is after the dataset's date %s"),
                                        change->date, l->as_of));
        if (previous != NULL && strcmp (previous->change, change->change) == 0)
          add_pending (l, g_strdup_printf ("subject.member_changes[%u].change", i), offset,
                       g_strdup_printf (_("%s cannot have %s twice in a row (%s, then %s)"),
                                        change->id, change->change, previous->date,
                                        change->date));
        g_hash_table_insert (last, change->id, change);
      }

    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, last);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          AtlasMemberChange *change = value;
          gboolean member = atlas_dataset_is_member (dataset, change->id);
          guint i;

          if (member == (strcmp (change->change, "joined") == 0))
            continue;

          g_ptr_array_find (changes, change, &i);
          add_pending (l, g_strdup_printf ("subject.member_changes[%u].change", i),
                       i < l->member_change_offsets->len
                       ? g_array_index (l->member_change_offsets, gsize, i) : G_MAXSIZE,
                       member ? g_strdup_printf (_("%s left, but subject.members still lists it"),
                                                 change->id)
                              : g_strdup_printf (_("%s joined, but subject.members does not list it"),
                                                 change->id));
        }
    }
  }
}

typedef struct
{
  Loader       *l;
  GHashTable   *where;          /* partner index << 32 | entry index -> HistoryCheck */
  guint         partner_index;
} ChainContext;

static void
chain_problem_cb (guint              entry_index,
                  AtlasTimelinePart  part,
                  const char        *message,
                  gpointer           user_data)
{
  ChainContext *context = user_data;
  guint64 key = ((guint64) context->partner_index << 32) | entry_index;
  HistoryCheck *check = g_hash_table_lookup (context->where, &key);

  add_pending (context->l,
               g_strdup_printf ("partners[%u].history[%u]", context->partner_index, entry_index),
               check ? check->offsets[part] : G_MAXSIZE, g_strdup (message));
}

/* The history chain rules (atlas-timeline.c), once everything else holds:
 * a chain checked against values the file got wrong would only repeat
 * those problems. */
static void
check_history (Loader       *l,
               AtlasDataset *dataset)
{
  g_autoptr(GHashTable) where = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GListModel *partners = atlas_dataset_get_all_partners (dataset);
  ChainContext context = { l, where, 0 };

  for (guint i = 0; i < l->history_checks->len; i++)
    {
      HistoryCheck *check = &g_array_index (l->history_checks, HistoryCheck, i);
      guint64 *key = g_new (guint64, 1);

      *key = ((guint64) check->partner_index << 32) | check->entry_index;
      g_hash_table_replace (where, key, check);
    }

  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);

      context.partner_index = i;
      atlas_timeline_check_partner (partner, dataset, atlas_dataset_get_as_of (dataset),
                                    chain_problem_cb, &context);
    }
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

      add_pending (&l, g_strdup (""), G_MAXSIZE,
                   g_strdup_printf (_("the file is too large (%s; the limit is %s)"), size, limit));
      finish_with_problems (&l, text, 0, ATLAS_DATASET_ERROR_TOO_LARGE, problems, error);
      return NULL;
    }

  if (!g_utf8_validate_len (text, len, &end))
    {
      gsize offset = end - text;

      if (text[offset] == '\0')
        add_pending (&l, g_strdup (""), offset,
                     g_strdup (_("not a text file: it contains a NUL byte")));
      else
        add_pending (&l, g_strdup (""), offset,
                     g_strdup_printf (_("not valid UTF-8 text (byte 0x%02x)"),
                                      (guchar) text[offset]));
      finish_with_problems (&l, text, len, ATLAS_DATASET_ERROR_NOT_JSON, problems, error);
      return NULL;
    }

  atlas_json_reader_init (&l.reader, text, len, ATLAS_DATASET_MAX_DEPTH);
  dataset = read_root (&l);
  note_error_path (&l, NULL);
  atlas_json_reader_end (&l.reader);

  if (l.reader.error != ATLAS_JSON_ERROR_NONE)
    {
      /* Nothing read after a syntax error can be trusted. */
      code = l.reader.error == ATLAS_JSON_ERROR_TOO_DEEP ? ATLAS_DATASET_ERROR_TOO_DEEP
                                                         : ATLAS_DATASET_ERROR_NOT_JSON;
      set_verdict (&l, pending_new (g_strdup (l.error_path ? l.error_path : ""),
                                    l.reader.error_offset, g_strdup (l.reader.error_message)));
    }
  else if (!l.format_ok)
    {
      /* Some other JSON file: listing all it lacks would bury the point. */
      Pending *verdict = l.not_ours ? g_steal_pointer (&l.not_ours)
                                    : pending_new (g_strdup (""), 0, NULL);

      verdict->message = g_strdup_printf (_("not a Cyber Diplomacy Atlas dataset "
                                            "(\"format\" must be \"%s\")"), FORMAT_NAME);
      set_verdict (&l, verdict);
    }
  else if (l.too_new != NULL)
    {
      code = ATLAS_DATASET_ERROR_TOO_NEW;
      set_verdict (&l, g_steal_pointer (&l.too_new));
    }
  else
    {
      check_references (&l);
      if (dataset != NULL)
        check_dates (&l, dataset);
      if (dataset != NULL)
        apply_subject_indicators (&l, dataset);
      if (l.pending->len == 0 && l.n_dropped == 0 && dataset != NULL)
        check_history (&l, dataset);
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

/* Saving
 *
 * The writer lays JSON out the way Python's json.dump (indent=2,
 * ensure_ascii=False) does, so that files written by scripts can already
 * be canonical: members one per line, "key": value, [] and {} when empty,
 * only what must be escaped escaped. JsonGenerator in json-glib 1.6 writes
 * "key" : value and pads empty objects with spaces, and building its tree
 * for a large dataset costs more than writing the text itself.
 */

typedef struct
{
  GString *out;
  GArray  *first;  /* per depth: no member or element written yet */
} Writer;

static void
write_newline (Writer *w)
{
  static const char spaces[] = "                                ";
  guint n = (w->first->len - 1) * 2;

  g_string_append_c (w->out, '\n');
  while (n > 0)
    {
      guint chunk = MIN (n, sizeof spaces - 1);

      g_string_append_len (w->out, spaces, chunk);
      n -= chunk;
    }
}

static void
write_string (Writer     *w,
              const char *s)
{
  atlas_json_append_string (w->out, s);
}

static void
write_begin (Writer *w,
             char    open)
{
  gboolean first = TRUE;

  g_string_append_c (w->out, open);
  g_array_append_val (w->first, first);
}

static void
write_end (Writer *w,
           char    close)
{
  gboolean empty = g_array_index (w->first, gboolean, w->first->len - 1);

  g_array_set_size (w->first, w->first->len - 1);
  if (!empty)
    write_newline (w);
  g_string_append_c (w->out, close);
}

/* Before each element of an array, and each member (with its key). */
static void
write_item (Writer     *w,
            const char *key)
{
  gboolean *first = &g_array_index (w->first, gboolean, w->first->len - 1);

  if (!*first)
    g_string_append_c (w->out, ',');
  *first = FALSE;
  write_newline (w);

  if (key != NULL)
    {
      write_string (w, key);
      g_string_append (w->out, ": ");
    }
}

static void
write_string_member (Writer     *w,
                     const char *key,
                     const char *value)
{
  write_item (w, key);
  if (value == NULL)
    g_string_append (w->out, "null");
  else
    write_string (w, value);
}

static void
write_int_member (Writer     *w,
                  const char *key,
                  gint64      value)
{
  write_item (w, key);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

/* 0 is null */
static void
write_year_member (Writer     *w,
                   const char *key,
                   int         year)
{
  write_item (w, key);
  if (year == 0)
    g_string_append (w->out, "null");
  else
    g_string_append_printf (w->out, "%d", year);
}

/* Upper-case hex digits, as palettes (Okabe-Ito) are usually printed. */
static void
write_color_member (Writer     *w,
                    const char *key,
                    guint32     color)
{
  write_item (w, key);
  g_string_append_printf (w->out, "\"#%06X\"", color & 0xffffff);
}

/* The shortest text that reads back as the same double, laid out as
 * Python's repr() does: 1.0, 0.0001, 1e-05, 1e+16. */
/* Unknown members and their values, from the compact text the loader
 * kept, laid out like the rest. */
static void
write_raw_value (Writer          *w,
                 AtlasJsonReader *r)
{
  switch (atlas_json_reader_peek (r))
    {
    case ATLAS_JSON_OBJECT:
      atlas_json_reader_begin_object (r);
      write_begin (w, '{');
      while (atlas_json_reader_next_member (r))
        {
          write_item (w, r->key->str);
          write_raw_value (w, r);
        }
      write_end (w, '}');
      break;

    case ATLAS_JSON_ARRAY:
      atlas_json_reader_begin_array (r);
      write_begin (w, '[');
      while (atlas_json_reader_next_element (r))
        {
          write_item (w, NULL);
          write_raw_value (w, r);
        }
      write_end (w, ']');
      break;

    case ATLAS_JSON_STRING:
      {
        g_autofree char *value = atlas_json_reader_read_string (r);

        if (value != NULL)
          write_string (w, value);
      }
      break;

    case ATLAS_JSON_NUMBER:
      {
        const char *text;
        gsize len;

        /* As written: a number kept for a newer app loses no digit. */
        if (atlas_json_reader_read_number_text (r, &text, &len))
          g_string_append_len (w->out, text, len);
      }
      break;

    case ATLAS_JSON_BOOLEAN:
      {
        gboolean value;

        if (atlas_json_reader_read_boolean (r, &value))
          g_string_append (w->out, value ? "true" : "false");
      }
      break;

    case ATLAS_JSON_NULL:
      if (atlas_json_reader_read_null (r))
        g_string_append (w->out, "null");
      break;

    case ATLAS_JSON_NONE:
    default:
      break;
    }
}

/* Unknown members go after the known ones, in the order they were read. */
static void
write_extra (Writer             *w,
             GBytes             *extra,
             const char * const *known)
{
  AtlasJsonReader r;
  gsize len;
  const char *text;

  if (extra == NULL)
    return;

  text = g_bytes_get_data (extra, &len);
  atlas_json_reader_init (&r, text, len, ATLAS_DATASET_MAX_DEPTH + 1);
  if (atlas_json_reader_begin_object (&r))
    while (atlas_json_reader_next_member (&r))
      {
        if (g_strv_contains (known, r.key->str))
          {
            atlas_json_reader_skip (&r);
            continue;
          }
        write_item (w, r.key->str);
        write_raw_value (w, &r);
      }
  /* The loader checked this text: it cannot fail. */
  g_warn_if_fail (r.error == ATLAS_JSON_ERROR_NONE);
  atlas_json_reader_clear (&r);
}

typedef void (*WriteItemFunc) (Writer   *w,
                               gpointer  item);

static void
write_list_member (Writer        *w,
                   const char    *key,
                   GListModel    *model,
                   WriteItemFunc  write_one)
{
  guint n = g_list_model_get_n_items (model);

  write_item (w, key);
  write_begin (w, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      write_item (w, NULL);
      write_one (w, item);
    }
  write_end (w, ']');
}

static void
write_source (Writer      *w,
              AtlasSource *source)
{
  write_begin (w, '{');
  write_string_member (w, "id", atlas_source_get_id (source));
  write_string_member (w, "title", atlas_source_get_title (source));
  write_string_member (w, "author", atlas_source_get_author (source));
  write_int_member (w, "year", atlas_source_get_year (source));
  write_string_member (w, "url", atlas_source_get_url (source));
  write_extra (w, atlas_extra_get (source), source_keys);
  write_end (w, '}');
}

static void
write_category (Writer        *w,
                AtlasCategory *category)
{
  write_begin (w, '{');
  write_string_member (w, "id", atlas_category_get_id (category));
  write_string_member (w, "name", atlas_category_get_name (category));
  write_string_member (w, "description", atlas_category_get_description (category));
  write_color_member (w, "color", atlas_category_get_color (category));
  write_extra (w, atlas_extra_get (category), category_keys);
  write_end (w, '}');
}

static void
write_lens (Writer    *w,
            AtlasLens *lens)
{
  write_begin (w, '{');
  write_string_member (w, "id", atlas_lens_get_id (lens));
  write_string_member (w, "name", atlas_lens_get_name (lens));
  write_string_member (w, "description", atlas_lens_get_description (lens));
  write_item (w, "ordered");
  g_string_append (w->out, atlas_lens_get_ordered (lens) ? "true" : "false");
  if (atlas_lens_get_opens (lens) != NULL)
    write_string_member (w, "opens", atlas_lens_get_opens (lens));
  write_list_member (w, "categories", atlas_lens_get_categories (lens),
                     (WriteItemFunc) write_category);
  write_extra (w, atlas_extra_get (lens), lens_keys);
  write_end (w, '}');
}

static void
write_document (Writer        *w,
                AtlasDocument *document)
{
  write_begin (w, '{');
  write_string_member (w, "title", atlas_document_get_title (document));
  write_year_member (w, "year", atlas_document_get_year (document));
  write_string_member (w, "url", atlas_document_get_url (document));
  write_extra (w, atlas_extra_get (document), document_keys);
  write_end (w, '}');
}

static void
write_dialogue (Writer        *w,
                AtlasDialogue *dialogue)
{
  write_begin (w, '{');
  write_string_member (w, "name", atlas_dialogue_get_name (dialogue));
  write_string_member (w, "frequency", atlas_dialogue_get_frequency (dialogue));
  write_string_member (w, "level", atlas_dialogue_get_level (dialogue));
  write_year_member (w, "established", atlas_dialogue_get_established (dialogue));
  write_string_member (w, "status", atlas_dialogue_get_status (dialogue));
  {
    GPtrArray *rounds = atlas_dialogue_get_rounds (dialogue);

    if (rounds->len > 0)
      {
        write_item (w, "rounds");
        write_begin (w, '[');
        for (guint i = 0; i < rounds->len; i++)
          {
            AtlasRound *round = g_ptr_array_index (rounds, i);

            write_item (w, NULL);
            write_begin (w, '{');
            write_string_member (w, "date", round->date);
            write_string_member (w, "place", round->place);
            if (round->number > 0)
              write_int_member (w, "number", round->number);
            else
              write_string_member (w, "number", NULL);
            write_string_member (w, "url", round->url);
            write_string_member (w, "note", round->note);
            write_extra (w, round->extra, round_keys);
            write_end (w, '}');
          }
        write_end (w, ']');
      }
  }
  write_extra (w, atlas_extra_get (dialogue), dialogue_keys);
  write_end (w, '}');
}

static void
write_agreement (Writer         *w,
                 AtlasAgreement *agreement)
{
  write_begin (w, '{');
  write_string_member (w, "kind", atlas_agreement_get_kind (agreement));
  write_string_member (w, "title", atlas_agreement_get_title (agreement));
  write_year_member (w, "signed", atlas_agreement_get_signed (agreement));
  write_year_member (w, "in_force", atlas_agreement_get_in_force (agreement));
  write_string_member (w, "status", atlas_agreement_get_status (agreement));
  write_extra (w, atlas_extra_get (agreement), agreement_keys);
  write_end (w, '}');
}

static void
write_source_ref (Writer         *w,
                  AtlasSourceRef *ref)
{
  write_begin (w, '{');
  write_string_member (w, "id", atlas_source_ref_get_id (ref));
  write_string_member (w, "locator", atlas_source_ref_get_locator (ref));
  write_extra (w, atlas_extra_get (ref), source_ref_keys);
  write_end (w, '}');
}

static void
write_history_entry (Writer            *w,
                     AtlasHistoryEntry *entry)
{
  write_begin (w, '{');
  write_string_member (w, "date", atlas_history_entry_get_date (entry));
  write_string_member (w, "field", atlas_history_entry_get_field (entry));
  write_string_member (w, "old", atlas_history_entry_get_old_value (entry));
  write_string_member (w, "new", atlas_history_entry_get_new_value (entry));
  write_string_member (w, "source", atlas_history_entry_get_source (entry));
  write_extra (w, atlas_extra_get (entry), history_keys);
  write_end (w, '}');
}

/* In the dataset's lens order, so that the same indicators always give
 * the same text; indicators of lenses the dataset lacks come last, sorted. */
static void
write_indicators (Writer       *w,
                  AtlasDataset *dataset,
                  AtlasPartner *partner)
{
  GListModel *lenses = atlas_dataset_get_lenses (dataset);
  g_auto(GStrv) ids = atlas_partner_dup_indicator_lenses (partner);
  guint n = g_list_model_get_n_items (lenses);

  write_item (w, "indicators");
  write_begin (w, '{');

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
      const char *category = atlas_partner_get_indicator (partner, atlas_lens_get_id (lens));

      if (category != NULL)
        write_string_member (w, atlas_lens_get_id (lens), category);
    }

  for (guint i = 0; ids[i] != NULL; i++)
    if (atlas_dataset_find_lens (dataset, ids[i]) == NULL)
      write_string_member (w, ids[i], atlas_partner_get_indicator (partner, ids[i]));

  write_end (w, '}');
}

static void
write_partner (Writer       *w,
               AtlasDataset *dataset,
               AtlasPartner *partner)
{
  write_begin (w, '{');
  write_string_member (w, "id", atlas_partner_get_id (partner));
  write_string_member (w, "name", atlas_partner_get_name (partner));
  write_indicators (w, dataset, partner);
  write_list_member (w, "documents", atlas_partner_get_documents (partner),
                     (WriteItemFunc) write_document);
  write_list_member (w, "dialogues", atlas_partner_get_dialogues (partner),
                     (WriteItemFunc) write_dialogue);
  write_list_member (w, "agreements", atlas_partner_get_agreements (partner),
                     (WriteItemFunc) write_agreement);
  write_string_member (w, "assessment", atlas_partner_get_assessment (partner));
  write_string_member (w, "updated", atlas_partner_get_updated (partner));
  write_list_member (w, "sources", atlas_partner_get_sources (partner),
                     (WriteItemFunc) write_source_ref);
  write_list_member (w, "history", atlas_partner_get_history (partner),
                     (WriteItemFunc) write_history_entry);
  write_extra (w, atlas_extra_get (partner), partner_keys);
  write_end (w, '}');
}

GBytes *
atlas_dataset_to_bytes (AtlasDataset *self)
{
  const char * const *members;
  GListModel *partners;
  guint n;
  Writer w;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  members = atlas_dataset_get_members (self);
  /* Removed partners too: their history says when they were listed. */
  partners = atlas_dataset_get_all_partners (self);
  n = g_list_model_get_n_items (partners);

  /* About 40 kB a partner in a well-filled dataset. */
  w.out = g_string_sized_new (16 * 1024 + n * 40 * 1024);
  w.first = g_array_sized_new (FALSE, FALSE, sizeof (gboolean), 16);
  {
    gboolean top = TRUE;

    /* Depth 0 holds the root value alone, at indentation 0. */
    g_array_append_val (w.first, top);
  }

  write_begin (&w, '{');
  write_string_member (&w, "format", FORMAT_NAME);
  write_int_member (&w, "schema_version", ATLAS_DATASET_SCHEMA_VERSION);
  write_string_member (&w, "title", atlas_dataset_get_title (self));
  write_string_member (&w, "as_of", atlas_dataset_get_as_of (self));
  write_list_member (&w, "sources", atlas_dataset_get_sources (self),
                     (WriteItemFunc) write_source);

  write_item (&w, "subject");
  write_begin (&w, '{');
  write_string_member (&w, "name", atlas_dataset_get_subject_name (self));
  write_color_member (&w, "color", atlas_dataset_get_subject_color (self));
  write_item (&w, "members");
  write_begin (&w, '[');
  for (guint i = 0; members[i] != NULL; i++)
    {
      write_item (&w, NULL);
      write_string (&w, members[i]);
    }
  write_end (&w, ']');
  {
    GPtrArray *changes = atlas_dataset_get_member_changes (self);

    if (changes->len > 0)
      {
        write_item (&w, "member_changes");
        write_begin (&w, '[');
        for (guint i = 0; i < changes->len; i++)
          {
            AtlasMemberChange *change = g_ptr_array_index (changes, i);

            write_item (&w, NULL);
            write_begin (&w, '{');
            write_string_member (&w, "date", change->date);
            write_string_member (&w, "id", change->id);
            write_string_member (&w, "change", change->change);
            write_string_member (&w, "source", change->source);
            write_extra (&w, change->extra, member_change_keys);
            write_end (&w, '}');
          }
        write_end (&w, ']');
      }
  }
  {
    g_auto(GStrv) ids = atlas_dataset_dup_subject_indicator_lenses (self);
    GListModel *lenses = atlas_dataset_get_lenses (self);

    if (ids[0] != NULL)
      {
        /* In the dataset's lens order, as a partner's; others after, sorted */
        write_item (&w, "indicators");
        write_begin (&w, '{');
        for (guint i = 0; i < g_list_model_get_n_items (lenses); i++)
          {
            g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
            const char *category = atlas_dataset_get_subject_indicator (self, atlas_lens_get_id (lens));

            if (category != NULL)
              write_string_member (&w, atlas_lens_get_id (lens), category);
          }
        for (guint i = 0; ids[i] != NULL; i++)
          if (atlas_dataset_find_lens (self, ids[i]) == NULL)
            write_string_member (&w, ids[i], atlas_dataset_get_subject_indicator (self, ids[i]));
        write_end (&w, '}');
      }
  }
  write_extra (&w, atlas_dataset_get_subject_extra (self), subject_keys);
  write_end (&w, '}');

  write_list_member (&w, "lenses", atlas_dataset_get_lenses (self), (WriteItemFunc) write_lens);

  write_item (&w, "partners");
  write_begin (&w, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);

      write_item (&w, NULL);
      write_partner (&w, self, partner);
    }
  write_end (&w, ']');

  write_extra (&w, atlas_extra_get (self), root_keys);
  write_end (&w, '}');
  /* Text files end with a newline. */
  g_string_append_c (w.out, '\n');

  g_array_unref (w.first);

  return g_string_free_to_bytes (w.out);
}
