/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Loading and saving datasets.
 *
 * Loading goes in stages, each guarding the next: a size limit; UTF-8;
 * a strict scan of the JSON syntax (atlas-json-scan.c) that also refuses
 * deep nesting, on which json-glib 1.6 overflows its stack, and notices
 * duplicate keys, which json-glib drops silently; json-glib's parse; and a
 * walk over the tree that checks the format's rules while building the
 * model. Problems are collected with their JSON paths only; when there are
 * any, a second scan of the text, tracking paths, finds their lines and
 * columns, so that a valid file pays nothing for locating errors.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "atlas-core.h"
#include "atlas-core-private.h"
#include "atlas-dataset-io.h"
#include "atlas-dataset-private.h"
#include "atlas-iso-codes.h"
#include "atlas-json-scan.h"

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
  gboolean  at_key;  /* point at the member's key rather than its value */
  gsize     offset;
  guint     sequence;  /* keeps problems at the same place in walk order */
  int       line;
  int       column;
} Pending;

typedef struct
{
  const char *file;
  GPtrArray  *pending;     /* Pending */
  guint       n_dropped;
  gboolean    too_new;
  GHashTable *source_ids;  /* id -> itself, strings of the JSON tree */
  GHashTable *lenses;      /* id -> AtlasLens, borrowed */
  GHashTable *partner_ids; /* id -> index + 1 */
  guint32     subject_color;
  gboolean    has_subject_color;
} Loader;

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
static const char * const subject_keys[] = { "name", "color", "members", NULL };
static const char * const lens_keys[] = {
  "id", "name", "description", "ordered", "categories", NULL
};
static const char * const category_keys[] = { "id", "name", "description", "color", NULL };
static const char * const partner_keys[] = {
  "id", "name", "indicators", "documents", "dialogues", "agreements", "assessment", "updated",
  "sources", "history", NULL
};
static const char * const document_keys[] = { "title", "year", "url", NULL };
static const char * const dialogue_keys[] = {
  "name", "frequency", "level", "established", "status", NULL
};
static const char * const agreement_keys[] = {
  "kind", "title", "signed", "in_force", "status", NULL
};
static const char * const source_ref_keys[] = { "id", "locator", NULL };
static const char * const history_keys[] = { "date", "field", "old", "new", "source", NULL };

static void
pending_free (gpointer data)
{
  Pending *pending = data;

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

static void
add_pending (Loader     *l,
             char       *path,
             gboolean    at_key,
             char       *message)
{
  Pending *pending;

  if (l->pending->len >= MAX_PROBLEMS)
    {
      l->n_dropped++;
      g_free (path);
      g_free (message);
      return;
    }

  pending = g_new0 (Pending, 1);
  pending->path = path;
  pending->message = message;
  pending->at_key = at_key;
  pending->offset = G_MAXSIZE;
  pending->sequence = l->pending->len;
  g_ptr_array_add (l->pending, pending);
}

static void add_problem (Loader     *l,
                         const Path *path,
                         gboolean    at_key,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (Loader     *l,
             const Path *path,
             gboolean    at_key,
             const char *format,
             ...)
{
  GString *str;
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

  str = g_string_new (NULL);
  path_render (str, path);
  add_pending (l, g_string_free (str, FALSE), at_key, message);
}

static const char *
describe (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("true or false");
        case G_TYPE_INT64:
          return _("a whole number");
        default:
          return _("a number with a fraction");
        }
    }
}

static gboolean
holds_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static JsonNode *
get_member (Loader     *l,
            JsonObject *object,
            const Path *path,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    add_problem (l, path, FALSE, _("missing key \"%s\""), key);

  return node;
}

static gboolean
get_string (Loader      *l,
            JsonObject  *object,
            const Path  *path,
            const char  *key,
            gboolean     nullable,
            const char **out)
{
  JsonNode *node = get_member (l, object, path, key);

  *out = NULL;
  if (node == NULL)
    return FALSE;

  if (nullable && JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!holds_string (node))
    {
      if (nullable)
        add_problem (l, MEMBER (path, key), FALSE, _("must be a string or null, not %s"),
                     describe (node));
      else
        add_problem (l, MEMBER (path, key), FALSE, _("must be a string, not %s"),
                     describe (node));
      return FALSE;
    }

  *out = json_node_get_string (node);

  return TRUE;
}

/* Ids as the schema has them: lower-case letters, digits, and one
 * separator ('-' for sources and categories, '_' for lenses). */
static gboolean
get_id (Loader      *l,
        JsonObject  *object,
        const Path  *path,
        const char  *key,
        char         separator,
        const char **out)
{
  const char *id;
  gboolean valid;

  if (!get_string (l, object, path, key, FALSE, &id))
    return FALSE;

  valid = id[0] != '\0';
  for (const char *p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != separator)
      valid = FALSE;

  if (!valid)
    {
      add_problem (l, MEMBER (path, key), FALSE,
                   _("\"%s\" is not a valid id (use a–z, 0–9 and \"%c\")"), id, separator);
      return FALSE;
    }

  *out = id;

  return TRUE;
}

/* 0 for null */
static gboolean
get_year (Loader     *l,
          JsonObject *object,
          const Path *path,
          const char *key,
          gboolean    nullable,
          int        *out)
{
  JsonNode *node = get_member (l, object, path, key);
  gint64 year;

  *out = 0;
  if (node == NULL)
    return FALSE;

  if (nullable && JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      if (nullable)
        add_problem (l, MEMBER (path, key), FALSE, _("must be a year or null, not %s"),
                     describe (node));
      else
        add_problem (l, MEMBER (path, key), FALSE, _("must be a year, not %s"),
                     describe (node));
      return FALSE;
    }

  year = json_node_get_int (node);
  if (year < 1900 || year > 2100)
    {
      add_problem (l, MEMBER (path, key), FALSE,
                   _("year %" G_GINT64_FORMAT " is outside 1900–2100"), year);
      return FALSE;
    }

  *out = (int) year;

  return TRUE;
}

static gboolean
get_boolean (Loader     *l,
             JsonObject *object,
             const Path *path,
             const char *key,
             gboolean   *out)
{
  JsonNode *node = get_member (l, object, path, key);

  *out = FALSE;
  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      add_problem (l, MEMBER (path, key), FALSE, _("must be true or false, not %s"),
                   describe (node));
      return FALSE;
    }

  *out = json_node_get_boolean (node);

  return TRUE;
}

static JsonArray *
get_array (Loader     *l,
           JsonObject *object,
           const Path *path,
           const char *key)
{
  JsonNode *node = get_member (l, object, path, key);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      add_problem (l, MEMBER (path, key), FALSE, _("must be an array, not %s"), describe (node));
      return NULL;
    }

  return json_node_get_array (node);
}

static JsonObject *
get_object (Loader     *l,
            JsonObject *object,
            const Path *path,
            const char *key)
{
  JsonNode *node = get_member (l, object, path, key);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (l, MEMBER (path, key), FALSE, _("must be an object, not %s"), describe (node));
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonObject *
expect_object (Loader     *l,
               JsonNode   *node,
               const Path *path)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (l, path, FALSE, _("must be an object, not %s"), describe (node));
      return NULL;
    }

  return json_node_get_object (node);
}

static gboolean
get_enum (Loader             *l,
          JsonObject         *object,
          const Path         *path,
          const char         *key,
          const char * const *values,
          const char        **out)
{
  const char *value;

  if (!get_string (l, object, path, key, FALSE, &value))
    return FALSE;

  if (!g_strv_contains (values, value))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) values);

      add_problem (l, MEMBER (path, key), FALSE, _("\"%s\" is not one of: %s"), value, list);
      return FALSE;
    }

  *out = value;

  return TRUE;
}

static gboolean
is_date (const char *s)
{
  int year, month, day;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;

  year = atoi (s);
  month = atoi (s + 5);
  day = atoi (s + 8);

  return year >= 1 && g_date_valid_dmy (day, month, year);
}

static gboolean
get_date (Loader      *l,
          JsonObject  *object,
          const Path  *path,
          const char  *key,
          const char **out)
{
  const char *value;

  if (!get_string (l, object, path, key, FALSE, &value))
    return FALSE;

  if (!is_date (value))
    {
      add_problem (l, MEMBER (path, key), FALSE, _("\"%s\" is not a date (YYYY-MM-DD)"), value);
      return FALSE;
    }

  *out = value;

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
get_color (Loader     *l,
           JsonObject *object,
           const Path *path,
           const char *key,
           guint32    *out)
{
  const char *value;

  if (!get_string (l, object, path, key, FALSE, &value))
    return FALSE;

  if (!parse_color (value, out))
    {
      add_problem (l, MEMBER (path, key), FALSE, _("\"%s\" is not a colour (#rrggbb)"), value);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_http_url (const char *s)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (!g_str_has_prefix (s, "http://") && !g_str_has_prefix (s, "https://"))
    return FALSE;

  for (const char *p = s; *p; p++)
    if (g_ascii_isspace (*p) || (guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;

  uri = g_uri_parse (s, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  host = g_uri_get_host (uri);

  return host != NULL && host[0] != '\0';
}

static gboolean
get_url (Loader      *l,
         JsonObject  *object,
         const Path  *path,
         const char  *key,
         const char **out)
{
  const char *value;

  if (!get_string (l, object, path, key, TRUE, &value))
    return FALSE;

  if (value != NULL && !is_http_url (value))
    {
      add_problem (l, MEMBER (path, key), FALSE, _("\"%s\" is not an http or https link"), value);
      return FALSE;
    }

  *out = value;

  return TRUE;
}

/* The members of object that are not in known, in file order, or NULL. */
static JsonObject *
collect_extra (JsonObject         *object,
               const char * const *known)
{
  JsonObject *extra = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (json_object_get_size (object) <= g_strv_length ((char **) known))
    return NULL; /* all known keys are required: no room for others */

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (g_strv_contains (known, name))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      /* Shares the value with the parser's tree, which is dropped. */
      json_object_set_member (extra, name, json_node_copy (node));
    }

  return extra;
}

static void
keep_extra (gpointer            model_object,
            JsonObject         *object,
            const char * const *known)
{
  g_autoptr(JsonObject) extra = collect_extra (object, known);

  if (extra != NULL)
    atlas_extra_set (model_object, extra);
}

static gboolean
check_country (Loader     *l,
               const Path *path,
               const char *code)
{
  if (!atlas_iso_codes_is_valid_alpha2 (code))
    {
      add_problem (l, path, FALSE, _("\"%s\" is not an ISO 3166-1 alpha-2 country code"), code);
      return FALSE;
    }

  return TRUE;
}

static AtlasSource *
load_source (Loader     *l,
             JsonNode   *node,
             const Path *path)
{
  JsonObject *object = expect_object (l, node, path);
  const char *id = NULL, *title = NULL, *author = NULL, *url = NULL;
  int year = 0;
  AtlasSource *source;

  if (object == NULL)
    return NULL;

  if (get_id (l, object, path, "id", '-', &id))
    {
      if (g_hash_table_contains (l->source_ids, id))
        add_problem (l, MEMBER (path, "id"), FALSE, _("duplicate source id \"%s\""), id);
      else
        g_hash_table_add (l->source_ids, (gpointer) id);
    }
  get_string (l, object, path, "title", FALSE, &title);
  get_string (l, object, path, "author", FALSE, &author);
  get_year (l, object, path, "year", FALSE, &year);
  get_url (l, object, path, "url", &url);

  source = atlas_source_new (id);
  atlas_source_set_title (source, title);
  atlas_source_set_author (source, author);
  atlas_source_set_year (source, year);
  atlas_source_set_url (source, url);
  keep_extra (source, object, source_keys);

  return source;
}

static void
load_subject (Loader       *l,
              AtlasDataset *dataset,
              JsonObject   *object,
              const Path   *path)
{
  const char *name = NULL;
  guint32 color = 0;
  JsonArray *members;

  get_string (l, object, path, "name", FALSE, &name);
  atlas_dataset_set_subject_name (dataset, name);

  if (get_color (l, object, path, "color", &color))
    {
      l->subject_color = color;
      l->has_subject_color = TRUE;
      atlas_dataset_set_subject_color (dataset, color);
    }

  members = get_array (l, object, path, "members");
  if (members != NULL)
    {
      const Path *members_path = MEMBER (path, "members");
      guint n = json_array_get_length (members);
      g_autoptr(GPtrArray) codes = g_ptr_array_new_null_terminated (n, NULL, TRUE);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (members, i);
          const char *code;

          if (!holds_string (node))
            {
              add_problem (l, INDEX (members_path, i), FALSE, _("must be a string, not %s"),
                           describe (node));
              continue;
            }

          code = json_node_get_string (node);
          if (!check_country (l, INDEX (members_path, i), code))
            continue;

          if (!g_hash_table_add (seen, (gpointer) code))
            {
              add_problem (l, INDEX (members_path, i), FALSE, _("\"%s\" is listed twice"), code);
              continue;
            }

          g_ptr_array_add (codes, (gpointer) code);
        }

      atlas_dataset_set_members (dataset, (const char * const *) codes->pdata);
    }

  {
    g_autoptr(JsonObject) extra = collect_extra (object, subject_keys);

    atlas_dataset_set_subject_extra (dataset, extra);
  }
}

static AtlasCategory *
load_category (Loader     *l,
               JsonNode   *node,
               const Path *path,
               GHashTable *ids)
{
  JsonObject *object = expect_object (l, node, path);
  const char *id = NULL, *name = NULL, *description = NULL;
  guint32 color = 0;
  AtlasCategory *category;

  if (object == NULL)
    return NULL;

  if (get_id (l, object, path, "id", '-', &id) && !g_hash_table_add (ids, (gpointer) id))
    {
      add_problem (l, MEMBER (path, "id"), FALSE, _("duplicate category id \"%s\""), id);
      id = NULL;
    }
  get_string (l, object, path, "name", FALSE, &name);
  get_string (l, object, path, "description", FALSE, &description);
  if (get_color (l, object, path, "color", &color))
    {
      if (l->has_subject_color && color == l->subject_color)
        add_problem (l, MEMBER (path, "color"), FALSE,
                     _("colour #%06x is the subject's colour"), color);
      else if (color == ATLAS_NO_DATA_COLOR)
        add_problem (l, MEMBER (path, "color"), FALSE,
                     _("colour #%06x is the grey kept for \"No data\""), color);
    }

  if (id == NULL)
    return NULL;

  category = atlas_category_new (id, name, description, color);
  keep_extra (category, object, category_keys);

  return category;
}

static AtlasLens *
load_lens (Loader     *l,
           JsonNode   *node,
           const Path *path)
{
  JsonObject *object = expect_object (l, node, path);
  const char *id = NULL, *name = NULL, *description = NULL;
  gboolean ordered = FALSE;
  JsonArray *categories;
  g_autoptr(AtlasLens) lens = NULL;
  gboolean duplicate = FALSE;

  if (object == NULL)
    return NULL;

  if (get_id (l, object, path, "id", '_', &id) && g_hash_table_contains (l->lenses, id))
    {
      add_problem (l, MEMBER (path, "id"), FALSE, _("duplicate lens id \"%s\""), id);
      duplicate = TRUE;
    }
  get_string (l, object, path, "name", FALSE, &name);
  get_string (l, object, path, "description", FALSE, &description);
  get_boolean (l, object, path, "ordered", &ordered);

  lens = atlas_lens_new (id, name, description, ordered);

  categories = get_array (l, object, path, "categories");
  if (categories != NULL)
    {
      const Path *categories_path = MEMBER (path, "categories");
      guint n = json_array_get_length (categories);
      g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

      if (n == 0)
        add_problem (l, categories_path, FALSE, _("a lens needs at least one category"));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AtlasCategory) category =
            load_category (l, json_array_get_element (categories, i), INDEX (categories_path, i), ids);

          if (category != NULL)
            atlas_lens_append_category (lens, category);
        }
    }

  keep_extra (lens, object, lens_keys);

  if (id == NULL || duplicate)
    return NULL;

  g_hash_table_insert (l->lenses, (gpointer) atlas_lens_get_id (lens), lens);

  return g_steal_pointer (&lens);
}

static AtlasDocument *
load_document (Loader     *l,
               JsonNode   *node,
               const Path *path)
{
  JsonObject *object = expect_object (l, node, path);
  const char *title = NULL, *url = NULL;
  int year = 0;
  AtlasDocument *document;

  if (object == NULL)
    return NULL;

  get_string (l, object, path, "title", FALSE, &title);
  get_year (l, object, path, "year", TRUE, &year);
  get_url (l, object, path, "url", &url);

  document = atlas_document_new (title);
  atlas_document_set_year (document, year);
  atlas_document_set_url (document, url);
  keep_extra (document, object, document_keys);

  return document;
}

static AtlasDialogue *
load_dialogue (Loader     *l,
               JsonNode   *node,
               const Path *path)
{
  JsonObject *object = expect_object (l, node, path);
  const char *name = NULL, *frequency = NULL, *level = NULL, *status = NULL;
  int established = 0;
  AtlasDialogue *dialogue;

  if (object == NULL)
    return NULL;

  get_string (l, object, path, "name", FALSE, &name);
  get_string (l, object, path, "frequency", TRUE, &frequency);
  get_enum (l, object, path, "level", atlas_dialogue_get_level_values (), &level);
  get_year (l, object, path, "established", TRUE, &established);
  get_enum (l, object, path, "status", atlas_dialogue_get_status_values (), &status);

  dialogue = atlas_dialogue_new (name);
  atlas_dialogue_set_frequency (dialogue, frequency);
  atlas_dialogue_set_level (dialogue, level);
  atlas_dialogue_set_established (dialogue, established);
  atlas_dialogue_set_status (dialogue, status);
  keep_extra (dialogue, object, dialogue_keys);

  return dialogue;
}

static AtlasAgreement *
load_agreement (Loader     *l,
                JsonNode   *node,
                const Path *path)
{
  JsonObject *object = expect_object (l, node, path);
  const char *kind = NULL, *title = NULL, *status = NULL;
  int signed_year = 0, in_force = 0;
  AtlasAgreement *agreement;

  if (object == NULL)
    return NULL;

  get_enum (l, object, path, "kind", atlas_agreement_get_kind_values (), &kind);
  get_string (l, object, path, "title", FALSE, &title);
  get_year (l, object, path, "signed", TRUE, &signed_year);
  get_year (l, object, path, "in_force", TRUE, &in_force);
  get_enum (l, object, path, "status", atlas_agreement_get_status_values (), &status);

  agreement = atlas_agreement_new (kind, title);
  atlas_agreement_set_signed (agreement, signed_year);
  atlas_agreement_set_in_force (agreement, in_force);
  atlas_agreement_set_status (agreement, status);
  keep_extra (agreement, object, agreement_keys);

  return agreement;
}

static AtlasSourceRef *
load_source_ref (Loader     *l,
                 JsonNode   *node,
                 const Path *path)
{
  JsonObject *object = expect_object (l, node, path);
  const char *id = NULL, *locator = NULL;
  AtlasSourceRef *ref;

  if (object == NULL)
    return NULL;

  if (get_string (l, object, path, "id", FALSE, &id) && !g_hash_table_contains (l->source_ids, id))
    add_problem (l, MEMBER (path, "id"), FALSE,
                 _("\"%s\" is not the id of a source of the dataset"), id);
  get_string (l, object, path, "locator", FALSE, &locator);

  ref = atlas_source_ref_new (id, locator);
  keep_extra (ref, object, source_ref_keys);

  return ref;
}

static AtlasHistoryEntry *
load_history_entry (Loader     *l,
                    JsonNode   *node,
                    const Path *path)
{
  JsonObject *object = expect_object (l, node, path);
  const char *date = NULL, *field = NULL, *old_value = NULL, *new_value = NULL, *source = NULL;
  AtlasHistoryEntry *entry;

  if (object == NULL)
    return NULL;

  get_date (l, object, path, "date", &date);
  if (get_string (l, object, path, "field", FALSE, &field) && field[0] == '\0')
    add_problem (l, MEMBER (path, "field"), FALSE, _("must name the field that changed"));
  get_string (l, object, path, "old", TRUE, &old_value);
  get_string (l, object, path, "new", TRUE, &new_value);
  get_string (l, object, path, "source", FALSE, &source);

  entry = atlas_history_entry_new (date, field, old_value, new_value, source);
  keep_extra (entry, object, history_keys);

  return entry;
}

typedef gpointer (*LoadEntryFunc) (Loader     *l,
                                   JsonNode   *node,
                                   const Path *path);

/* Fills store in one splice: one items-changed instead of one per entry. */
static void
load_entries (Loader        *l,
              JsonObject    *object,
              const Path    *path,
              const char    *key,
              LoadEntryFunc  load_entry,
              GListStore    *store)
{
  JsonArray *array = get_array (l, object, path, key);
  const Path *array_path = MEMBER (path, key);
  g_autoptr(GPtrArray) entries = NULL;
  guint n;

  if (array == NULL)
    return;

  n = json_array_get_length (array);
  entries = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      gpointer entry = load_entry (l, json_array_get_element (array, i), INDEX (array_path, i));

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }

  g_list_store_splice (store, 0, 0, entries->pdata, entries->len);
}

static void
load_indicators (Loader       *l,
                 AtlasPartner *partner,
                 JsonObject   *indicators,
                 const Path   *path)
{
  JsonObjectIter iter;
  const char *lens_id;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, indicators);
  while (json_object_iter_next_ordered (&iter, &lens_id, &node))
    {
      AtlasLens *lens = g_hash_table_lookup (l->lenses, lens_id);
      const char *category_id;

      if (lens == NULL)
        {
          add_problem (l, MEMBER (path, lens_id), TRUE, _("unknown lens \"%s\""), lens_id);
          continue;
        }

      if (!holds_string (node))
        {
          add_problem (l, MEMBER (path, lens_id), FALSE,
                       _("must be a category id (a string), not %s"), describe (node));
          continue;
        }

      category_id = json_node_get_string (node);
      if (atlas_lens_get_category_index (lens, category_id) < 0)
        {
          add_problem (l, MEMBER (path, lens_id), FALSE,
                       _("\"%s\" is not a category of lens %s"), category_id, lens_id);
          continue;
        }

      atlas_partner_set_indicator (partner, lens_id, category_id);
    }
}

static AtlasPartner *
load_partner (Loader     *l,
              JsonNode   *node,
              const Path *path,
              guint       index)
{
  JsonObject *object = expect_object (l, node, path);
  const char *id = NULL, *name = NULL, *assessment = NULL, *updated = NULL;
  JsonObject *indicators;
  AtlasPartner *partner;

  if (object == NULL)
    return NULL;

  if (get_string (l, object, path, "id", FALSE, &id) &&
      check_country (l, MEMBER (path, "id"), id))
    {
      gpointer first = g_hash_table_lookup (l->partner_ids, id);

      if (first != NULL)
        add_problem (l, MEMBER (path, "id"), FALSE,
                     _("duplicate partner \"%s\" (already at partners[%u])"),
                     id, GPOINTER_TO_UINT (first) - 1);
      else
        g_hash_table_insert (l->partner_ids, (gpointer) id, GUINT_TO_POINTER (index + 1));
    }
  get_string (l, object, path, "name", FALSE, &name);

  partner = atlas_partner_new (id, name);

  indicators = get_object (l, object, path, "indicators");
  if (indicators != NULL)
    load_indicators (l, partner, indicators, MEMBER (path, "indicators"));

  load_entries (l, object, path, "documents", (LoadEntryFunc) load_document,
                atlas_partner_get_documents_store (partner));
  load_entries (l, object, path, "dialogues", (LoadEntryFunc) load_dialogue,
                atlas_partner_get_dialogues_store (partner));
  load_entries (l, object, path, "agreements", (LoadEntryFunc) load_agreement,
                atlas_partner_get_agreements_store (partner));

  get_string (l, object, path, "assessment", FALSE, &assessment);
  atlas_partner_set_assessment (partner, assessment);
  get_date (l, object, path, "updated", &updated);
  atlas_partner_set_updated (partner, updated);

  load_entries (l, object, path, "sources", (LoadEntryFunc) load_source_ref,
                atlas_partner_get_sources_store (partner));
  load_entries (l, object, path, "history", (LoadEntryFunc) load_history_entry,
                atlas_partner_get_history_store (partner));

  keep_extra (partner, object, partner_keys);

  return partner;
}

/* Returns NULL for a file that is not ours at all or too new; the
 * dataset otherwise, even when problems were found. */
static AtlasDataset *
load_root (Loader   *l,
           JsonNode *root)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  JsonObject *object;
  JsonNode *format, *version;
  const char *title = NULL, *as_of = NULL;
  JsonArray *array;
  JsonObject *subject;

  object = expect_object (l, root, NULL);
  if (object == NULL)
    return NULL;

  /* Anything else is some other JSON file: listing all it lacks would
   * only bury the one useful message. */
  format = json_object_get_member (object, "format");
  if (format == NULL || !holds_string (format) ||
      strcmp (json_node_get_string (format), FORMAT_NAME) != 0)
    {
      add_problem (l, format ? MEMBER (NULL, "format") : NULL, FALSE,
                   _("not a Cyber Diplomacy Atlas dataset (\"format\" must be \"%s\")"),
                   FORMAT_NAME);
      return NULL;
    }

  version = get_member (l, object, NULL, "schema_version");
  if (version != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
        add_problem (l, MEMBER (NULL, "schema_version"), FALSE,
                     _("must be a whole number, not %s"), describe (version));
      else if (json_node_get_int (version) > ATLAS_DATASET_SCHEMA_VERSION)
        {
          add_problem (l, MEMBER (NULL, "schema_version"), FALSE,
                       _("the file has format version %" G_GINT64_FORMAT
                         ", this version of the app reads version %d only: "
                         "open it with a newer version of Cyber Diplomacy Atlas"),
                       json_node_get_int (version), ATLAS_DATASET_SCHEMA_VERSION);
          l->too_new = TRUE;
          return NULL;
        }
      else if (json_node_get_int (version) < 1)
        add_problem (l, MEMBER (NULL, "schema_version"), FALSE,
                     _("format version %" G_GINT64_FORMAT " does not exist"),
                     json_node_get_int (version));
    }

  dataset = atlas_dataset_new ();

  get_string (l, object, NULL, "title", FALSE, &title);
  atlas_dataset_set_title (dataset, title);
  get_date (l, object, NULL, "as_of", &as_of);
  atlas_dataset_set_as_of (dataset, as_of);

  load_entries (l, object, NULL, "sources", (LoadEntryFunc) load_source,
                atlas_dataset_get_sources_store (dataset));

  /* Before the lenses: category colours must differ from the subject's. */
  subject = get_object (l, object, NULL, "subject");
  if (subject != NULL)
    load_subject (l, dataset, subject, MEMBER (NULL, "subject"));

  array = get_array (l, object, NULL, "lenses");
  if (array != NULL)
    {
      const Path *lenses_path = MEMBER (NULL, "lenses");
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AtlasLens) lens =
            load_lens (l, json_array_get_element (array, i), INDEX (lenses_path, i));

          if (lens != NULL)
            atlas_dataset_append_lens (dataset, lens);
        }
    }

  array = get_array (l, object, NULL, "partners");
  if (array != NULL)
    {
      const Path *partners_path = MEMBER (NULL, "partners");
      guint n = json_array_get_length (array);
      g_autoptr(GPtrArray) partners = g_ptr_array_new_full (n, g_object_unref);

      for (guint i = 0; i < n; i++)
        {
          AtlasPartner *partner =
            load_partner (l, json_array_get_element (array, i), INDEX (partners_path, i), i);

          if (partner != NULL)
            g_ptr_array_add (partners, partner);
        }

      atlas_dataset_splice_partners (dataset, (AtlasPartner **) partners->pdata, partners->len);
    }

  keep_extra (dataset, object, root_keys);

  return g_steal_pointer (&dataset);
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

static GPtrArray *
pending_to_problems (Loader     *l,
                     GPtrArray  *pending)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = g_ptr_array_index (pending, i);

      g_ptr_array_add (problems, atlas_problem_new (l->file, p->line, p->column, p->path, p->message));
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

  return problems;
}

/* Sets error from problems: the first one, and how many more. */
static void
set_error (GError     **error,
           int          code,
           GPtrArray   *problems,
           guint        n_total)
{
  g_autofree char *first = atlas_problem_to_string (g_ptr_array_index (problems, 0));

  if (n_total <= 1)
    g_set_error_literal (error, ATLAS_DATASET_ERROR, code, first);
  else
    g_set_error (error, ATLAS_DATASET_ERROR, code,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                              "%s (and %u more problems)", n_total - 1),
                 first, n_total - 1);
}

static void
finish_with_problems (Loader      *l,
                      const char  *text,
                      gsize        len,
                      int          code,
                      GPtrArray  **problems_out,
                      GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;

  compute_positions (text, len, l->pending);
  problems = pending_to_problems (l, l->pending);
  set_error (error, code, problems, l->pending->len + l->n_dropped);

  if (problems_out != NULL)
    *problems_out = g_steal_pointer (&problems);
}

/* Finds where the pending problems are, and adds the duplicate keys. */
static void
locate_problems (Loader     *l,
                 const char *text,
                 gsize       len)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  AtlasJsonScanResult scan;

  for (guint i = 0; i < l->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (l->pending, i);
      AtlasJsonLocation *location;

      if (g_hash_table_contains (wanted, p->path))
        continue;
      location = g_new (AtlasJsonLocation, 1);
      location->key_offset = G_MAXSIZE;
      location->value_offset = G_MAXSIZE;
      g_hash_table_insert (wanted, p->path, location);
    }

  atlas_json_scan (text, len, ATLAS_DATASET_MAX_DEPTH, wanted, &scan);

  for (guint i = 0; i < l->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (l->pending, i);
      AtlasJsonLocation *location = g_hash_table_lookup (wanted, p->path);

      if (p->at_key && location->key_offset != G_MAXSIZE)
        p->offset = location->key_offset;
      else
        p->offset = location->value_offset;
    }

  for (guint i = 0; scan.duplicates != NULL && i < scan.duplicates->len; i++)
    {
      AtlasJsonDuplicate *dup = g_ptr_array_index (scan.duplicates, i);
      guint n = l->pending->len;

      add_pending (l, g_strdup (dup->path), TRUE,
                   g_strdup_printf (_("duplicate key \"%s\""), dup->key));
      if (l->pending->len > n)
        ((Pending *) g_ptr_array_index (l->pending, n))->offset = dup->key_offset;
    }

  atlas_json_scan_result_clear (&scan);
}

/* json-glib's messages read "<data>:4:1: Parse error: ..."; its columns
 * count bytes. Keep the words, put the place where ours go. */
static void
add_json_glib_problem (Loader     *l,
                       const char *text,
                       gsize       len,
                       GError     *json_error)
{
  const char *message = json_error->message;
  unsigned line = 0, column = 0;
  int consumed = 0;
  Pending *p;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    message += consumed;
  if (g_str_has_prefix (message, "Parse error: "))
    message += strlen ("Parse error: ");

  add_pending (l, g_strdup (""), FALSE, g_strdup (message));
  p = g_ptr_array_index (l->pending, l->pending->len - 1);

  if (line > 0)
    {
      gsize offset = 0;

      for (unsigned current = 1; current < line && offset < len; offset++)
        if (text[offset] == '\n')
          current++;
      offset += column > 0 ? column - 1 : 0;
      p->offset = MIN (offset, len);
    }
}

static AtlasDataset *
load_text (const char  *text,
           gsize        len,
           const char  *display_name,
           GPtrArray  **problems,
           GError     **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pending_free);
  g_autoptr(GHashTable) source_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lenses = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) partner_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  AtlasJsonScanResult scan;
  const char *end = NULL;
  gboolean has_duplicates;
  gsize bom = 0;
  Loader l = {
    .file = display_name ? display_name : "",
    .pending = pending,
    .source_ids = source_ids,
    .lenses = lenses,
    .partner_ids = partner_ids,
  };

  atlas_core_init ();

  if (problems != NULL)
    *problems = NULL;

  if (len > ATLAS_DATASET_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (ATLAS_DATASET_MAX_SIZE);

      add_pending (&l, g_strdup (""), FALSE,
                   g_strdup_printf (_("the file is too large (%s; the limit is %s)"), size, limit));
      finish_with_problems (&l, text, 0, ATLAS_DATASET_ERROR_TOO_LARGE, problems, error);
      return NULL;
    }

  if (!g_utf8_validate_len (text, len, &end))
    {
      gsize offset = end - text;
      Pending *p;

      if (text[offset] == '\0')
        add_pending (&l, g_strdup (""), FALSE,
                     g_strdup (_("not a text file: it contains a NUL byte")));
      else
        add_pending (&l, g_strdup (""), FALSE,
                     g_strdup_printf (_("not valid UTF-8 text (byte 0x%02x)"), (guchar) text[offset]));
      p = g_ptr_array_index (pending, 0);
      p->offset = offset;
      finish_with_problems (&l, text, len, ATLAS_DATASET_ERROR_NOT_JSON, problems, error);
      return NULL;
    }

  atlas_json_scan (text, len, ATLAS_DATASET_MAX_DEPTH, NULL, &scan);
  has_duplicates = scan.has_duplicates;
  if (scan.status != ATLAS_JSON_SCAN_OK)
    {
      g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
      AtlasJsonScanResult located;
      int code = scan.status == ATLAS_JSON_SCAN_TOO_DEEP ? ATLAS_DATASET_ERROR_TOO_DEEP
                                                         : ATLAS_DATASET_ERROR_NOT_JSON;
      Pending *p;

      /* Scan again, tracking paths, to say where in the structure it broke. */
      atlas_json_scan (text, len, ATLAS_DATASET_MAX_DEPTH, wanted, &located);
      add_pending (&l, g_strdup (located.error_path ? located.error_path : ""), FALSE,
                   g_strdup (scan.error_message));
      p = g_ptr_array_index (pending, 0);
      p->offset = scan.error_offset;
      atlas_json_scan_result_clear (&located);
      atlas_json_scan_result_clear (&scan);
      finish_with_problems (&l, text, len, code, problems, error);
      return NULL;
    }
  atlas_json_scan_result_clear (&scan);

  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    bom = 3;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text + bom, len - bom, &json_error))
    {
      /* The scan is stricter than json-glib: this would be a bug in one of
       * them, but the user still deserves a located message. */
      add_json_glib_problem (&l, text + bom, len - bom, json_error);
      finish_with_problems (&l, text, len, ATLAS_DATASET_ERROR_NOT_JSON, problems, error);
      return NULL;
    }

  dataset = load_root (&l, json_parser_get_root (parser));

  if (pending->len == 0 && !has_duplicates && dataset != NULL)
    return g_steal_pointer (&dataset);

  locate_problems (&l, text, len);
  finish_with_problems (&l, text, len,
                        l.too_new ? ATLAS_DATASET_ERROR_TOO_NEW : ATLAS_DATASET_ERROR_INVALID,
                        problems, error);

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
atlas_dataset_load_file_named (GFile         *file,
                               const char    *display_name,
                               GCancellable  *cancellable,
                               GPtrArray    **problems,
                               char         **etag_out,
                               GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *etag = NULL;
  AtlasDataset *dataset;
  char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;
  if (etag_out != NULL)
    *etag_out = NULL;

  /* Refuse a huge file before reading it into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL &&
      g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      g_file_info_get_size (info) > ATLAS_DATASET_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (ATLAS_DATASET_MAX_SIZE);
      g_autofree char *message =
        g_strdup_printf (_("the file is too large (%s; the limit is %s)"), size, limit);
      g_autoptr(AtlasProblem) problem = atlas_problem_new (display_name, 0, 0, NULL, message);
      g_autofree char *line = atlas_problem_to_string (problem);

      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_TOO_LARGE, line);
      if (problems != NULL)
        {
          *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
          g_ptr_array_add (*problems, g_steal_pointer (&problem));
        }
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &len, &etag, error))
    return NULL;

  bytes = g_bytes_new_take (contents, len);
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

  atlas_core_init ();

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

/* Saving */

static void
set_string (JsonObject *object,
            const char *key,
            const char *value)
{
  if (value == NULL)
    json_object_set_null_member (object, key);
  else
    json_object_set_string_member (object, key, value);
}

static void
set_year (JsonObject *object,
          const char *key,
          int         year)
{
  if (year == 0)
    json_object_set_null_member (object, key);
  else
    json_object_set_int_member (object, key, year);
}

static void
set_color (JsonObject *object,
           const char *key,
           guint32     color)
{
  char str[8];

  g_snprintf (str, sizeof str, "#%06x", color & 0xffffff);
  json_object_set_string_member (object, key, str);
}

/* Unknown members go after the known ones, in the order they were read. */
static void
append_extra (JsonObject *object,
              JsonObject *extra)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (extra == NULL)
    return;

  json_object_iter_init_ordered (&iter, extra);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!json_object_has_member (object, name))
      json_object_set_member (object, name, json_node_copy (node));
}

typedef JsonObject *(*SaveEntryFunc) (gpointer entry);

static JsonArray *
save_entries (GListModel    *model,
              SaveEntryFunc  save_entry)
{
  guint n = g_list_model_get_n_items (model);
  JsonArray *array = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) entry = g_list_model_get_item (model, i);
      JsonObject *object = save_entry (entry);

      append_extra (object, atlas_extra_get (entry));
      json_array_add_object_element (array, object);
    }

  return array;
}

static JsonObject *
save_source (AtlasSource *source)
{
  JsonObject *object = json_object_new ();

  set_string (object, "id", atlas_source_get_id (source));
  set_string (object, "title", atlas_source_get_title (source));
  set_string (object, "author", atlas_source_get_author (source));
  json_object_set_int_member (object, "year", atlas_source_get_year (source));
  set_string (object, "url", atlas_source_get_url (source));

  return object;
}

static JsonObject *
save_category (AtlasCategory *category)
{
  JsonObject *object = json_object_new ();

  set_string (object, "id", atlas_category_get_id (category));
  set_string (object, "name", atlas_category_get_name (category));
  set_string (object, "description", atlas_category_get_description (category));
  set_color (object, "color", atlas_category_get_color (category));

  return object;
}

static JsonObject *
save_lens (AtlasLens *lens)
{
  JsonObject *object = json_object_new ();

  set_string (object, "id", atlas_lens_get_id (lens));
  set_string (object, "name", atlas_lens_get_name (lens));
  set_string (object, "description", atlas_lens_get_description (lens));
  json_object_set_boolean_member (object, "ordered", atlas_lens_get_ordered (lens));
  json_object_set_array_member (object, "categories",
                                save_entries (atlas_lens_get_categories (lens),
                                              (SaveEntryFunc) save_category));

  return object;
}

static JsonObject *
save_document (AtlasDocument *document)
{
  JsonObject *object = json_object_new ();

  set_string (object, "title", atlas_document_get_title (document));
  set_year (object, "year", atlas_document_get_year (document));
  set_string (object, "url", atlas_document_get_url (document));

  return object;
}

static JsonObject *
save_dialogue (AtlasDialogue *dialogue)
{
  JsonObject *object = json_object_new ();

  set_string (object, "name", atlas_dialogue_get_name (dialogue));
  set_string (object, "frequency", atlas_dialogue_get_frequency (dialogue));
  set_string (object, "level", atlas_dialogue_get_level (dialogue));
  set_year (object, "established", atlas_dialogue_get_established (dialogue));
  set_string (object, "status", atlas_dialogue_get_status (dialogue));

  return object;
}

static JsonObject *
save_agreement (AtlasAgreement *agreement)
{
  JsonObject *object = json_object_new ();

  set_string (object, "kind", atlas_agreement_get_kind (agreement));
  set_string (object, "title", atlas_agreement_get_title (agreement));
  set_year (object, "signed", atlas_agreement_get_signed (agreement));
  set_year (object, "in_force", atlas_agreement_get_in_force (agreement));
  set_string (object, "status", atlas_agreement_get_status (agreement));

  return object;
}

static JsonObject *
save_source_ref (AtlasSourceRef *ref)
{
  JsonObject *object = json_object_new ();

  set_string (object, "id", atlas_source_ref_get_id (ref));
  set_string (object, "locator", atlas_source_ref_get_locator (ref));

  return object;
}

static JsonObject *
save_history_entry (AtlasHistoryEntry *entry)
{
  JsonObject *object = json_object_new ();

  set_string (object, "date", atlas_history_entry_get_date (entry));
  set_string (object, "field", atlas_history_entry_get_field (entry));
  set_string (object, "old", atlas_history_entry_get_old_value (entry));
  set_string (object, "new", atlas_history_entry_get_new_value (entry));
  set_string (object, "source", atlas_history_entry_get_source (entry));

  return object;
}

/* In the dataset's lens order, so that the same indicators always give
 * the same text; indicators of lenses the dataset lacks come last, sorted. */
static JsonObject *
save_indicators (AtlasDataset *dataset,
                 AtlasPartner *partner)
{
  JsonObject *object = json_object_new ();
  GListModel *lenses = atlas_dataset_get_lenses (dataset);
  g_auto(GStrv) ids = atlas_partner_dup_indicator_lenses (partner);
  guint n = g_list_model_get_n_items (lenses);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
      const char *category = atlas_partner_get_indicator (partner, atlas_lens_get_id (lens));

      if (category != NULL)
        json_object_set_string_member (object, atlas_lens_get_id (lens), category);
    }

  for (guint i = 0; ids[i] != NULL; i++)
    if (!json_object_has_member (object, ids[i]))
      json_object_set_string_member (object, ids[i], atlas_partner_get_indicator (partner, ids[i]));

  return object;
}

static JsonObject *
save_partner (AtlasDataset *dataset,
              AtlasPartner *partner)
{
  JsonObject *object = json_object_new ();

  set_string (object, "id", atlas_partner_get_id (partner));
  set_string (object, "name", atlas_partner_get_name (partner));
  json_object_set_object_member (object, "indicators", save_indicators (dataset, partner));
  json_object_set_array_member (object, "documents",
                                save_entries (atlas_partner_get_documents (partner),
                                              (SaveEntryFunc) save_document));
  json_object_set_array_member (object, "dialogues",
                                save_entries (atlas_partner_get_dialogues (partner),
                                              (SaveEntryFunc) save_dialogue));
  json_object_set_array_member (object, "agreements",
                                save_entries (atlas_partner_get_agreements (partner),
                                              (SaveEntryFunc) save_agreement));
  set_string (object, "assessment", atlas_partner_get_assessment (partner));
  set_string (object, "updated", atlas_partner_get_updated (partner));
  json_object_set_array_member (object, "sources",
                                save_entries (atlas_partner_get_sources (partner),
                                              (SaveEntryFunc) save_source_ref));
  json_object_set_array_member (object, "history",
                                save_entries (atlas_partner_get_history (partner),
                                              (SaveEntryFunc) save_history_entry));
  append_extra (object, atlas_extra_get (partner));

  return object;
}

static JsonNode *
save_root (AtlasDataset *self)
{
  JsonObject *object = json_object_new ();
  JsonObject *subject = json_object_new ();
  JsonArray *members = json_array_new ();
  const char * const *codes = atlas_dataset_get_members (self);
  GListModel *partners = atlas_dataset_get_partners (self);
  guint n = g_list_model_get_n_items (partners);
  JsonArray *partner_array = json_array_sized_new (n);
  JsonNode *root;

  json_object_set_string_member (object, "format", FORMAT_NAME);
  json_object_set_int_member (object, "schema_version", ATLAS_DATASET_SCHEMA_VERSION);
  set_string (object, "title", atlas_dataset_get_title (self));
  set_string (object, "as_of", atlas_dataset_get_as_of (self));
  json_object_set_array_member (object, "sources",
                                save_entries (atlas_dataset_get_sources (self),
                                              (SaveEntryFunc) save_source));

  set_string (subject, "name", atlas_dataset_get_subject_name (self));
  set_color (subject, "color", atlas_dataset_get_subject_color (self));
  for (guint i = 0; codes[i] != NULL; i++)
    json_array_add_string_element (members, codes[i]);
  json_object_set_array_member (subject, "members", members);
  append_extra (subject, atlas_dataset_get_subject_extra (self));
  json_object_set_object_member (object, "subject", subject);

  json_object_set_array_member (object, "lenses",
                                save_entries (atlas_dataset_get_lenses (self),
                                              (SaveEntryFunc) save_lens));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);

      json_array_add_object_element (partner_array, save_partner (self, partner));
    }
  json_object_set_array_member (object, "partners", partner_array);

  append_extra (object, atlas_extra_get (self));

  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  return root;
}

GBytes *
atlas_dataset_to_bytes (AtlasDataset *self)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  GString *str;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  root = save_root (self);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  str = g_string_sized_new (64 * 1024);
  json_generator_to_gstring (generator, str);
  /* Text files end with a newline. */
  g_string_append_c (str, '\n');

  return g_string_free_to_bytes (str);
}
