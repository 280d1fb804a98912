/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A strict (RFC 8259) pull reader over JSON text in memory, which the
 * dataset loader drives to build its model directly.
 *
 * Why not JsonParser: json-glib 1.6 builds a whole tree first (on this
 * machine about 20 ms and 7 bytes of memory per byte of input, before any
 * validation), overflows its stack on deep nesting, keeps the last of
 * duplicate keys without a word, and knows only approximately where a value
 * was. This reader builds nothing it is not asked for, refuses nesting
 * deeper than max_depth, and gives the offset of every key and value.
 * Values that the loader keeps as opaque JSON (members it does not know)
 * are copied as compact text (atlas_json_reader_copy_value()).
 *
 * Once an error is set every call fails, so callers check it after loops.
 */

typedef enum
{
  ATLAS_JSON_NONE,     /* error, or nothing left */
  ATLAS_JSON_OBJECT,
  ATLAS_JSON_ARRAY,
  ATLAS_JSON_STRING,
  ATLAS_JSON_NUMBER,
  ATLAS_JSON_BOOLEAN,
  ATLAS_JSON_NULL,
} AtlasJsonType;

typedef enum
{
  ATLAS_JSON_ERROR_NONE,
  ATLAS_JSON_ERROR_SYNTAX,
  ATLAS_JSON_ERROR_TOO_DEEP,
} AtlasJsonError;

typedef struct
{
  const char     *text;
  gsize           len;
  gsize           pos;
  guint           depth;
  guint           max_depth;
  guint8         *first;          /* per depth: no member or element read yet */
  GString        *key;            /* the current key, decoded */
  gsize           key_offset;     /* where the current key starts */
  gsize           value_offset;   /* where the value last peeked at starts */

  AtlasJsonError  error;
  gsize           error_offset;
  char           *error_message;
} AtlasJsonReader;

void           atlas_json_reader_init          (AtlasJsonReader  *reader,
                                                const char       *text,
                                                gsize             len,
                                                guint             max_depth);
void           atlas_json_reader_clear         (AtlasJsonReader  *reader);
/* After the root value: fails unless only white space is left. */
gboolean       atlas_json_reader_end           (AtlasJsonReader  *reader);

/* The type of the next value, whose offset is then value_offset. */
AtlasJsonType  atlas_json_reader_peek          (AtlasJsonReader  *reader);

gboolean       atlas_json_reader_begin_object  (AtlasJsonReader  *reader);
/* Moves to the next member: TRUE with reader->key set, FALSE after the
 * closing brace (or on error). */
gboolean       atlas_json_reader_next_member   (AtlasJsonReader  *reader);
gboolean       atlas_json_reader_begin_array   (AtlasJsonReader  *reader);
/* TRUE when there is another element to read. */
gboolean       atlas_json_reader_next_element  (AtlasJsonReader  *reader);

/* A new, decoded string. */
char          *atlas_json_reader_read_string   (AtlasJsonReader  *reader);
/* Integers that fit in 64 bits set *is_integer and *integer; other numbers
 * set *number only. */
gboolean       atlas_json_reader_read_number   (AtlasJsonReader  *reader,
                                                gboolean         *is_integer,
                                                gint64           *integer,
                                                double           *number);
gboolean       atlas_json_reader_read_boolean  (AtlasJsonReader  *reader,
                                                gboolean         *value);
gboolean       atlas_json_reader_read_null     (AtlasJsonReader  *reader);
gboolean       atlas_json_reader_skip          (AtlasJsonReader  *reader);

/* A duplicate key inside a value being copied calls duplicate (data, path,
 * key_offset) with the path relative to the value (".a.b", "[2].c"). */
typedef void (*AtlasJsonDuplicateFunc) (gpointer    data,
                                        const char *relative_path,
                                        gsize       key_offset);

/* Reads any value, checked, and appends it to out as compact JSON text: no
 * white space, strings as written, numbers exactly as written (any size or
 * precision: 123456789012345678901234567890, 1e400, -0 and 1.0 stay so).
 * This is how the loader keeps what it does not know, at about the size of
 * its text. */
gboolean       atlas_json_reader_copy_value    (AtlasJsonReader        *reader,
                                                GString                *out,
                                                AtlasJsonDuplicateFunc  duplicate,
                                                gpointer                data);

/* A number's text as written (not NUL-terminated), checked. */
gboolean       atlas_json_reader_read_number_text (AtlasJsonReader  *reader,
                                                   const char      **text,
                                                   gsize            *len);

/* Appends s as a JSON string, escaping only what must be. */
void           atlas_json_append_string        (GString          *out,
                                                const char       *s);

/* Appends a member name to a JSON path the way problems show it:
 * a.b for plain names, a["odd name"] for the others. */
void           atlas_json_path_append_member   (GString          *path,
                                                const char       *name);
void           atlas_json_path_append_index    (GString          *path,
                                                guint             index);

G_END_DECLS
