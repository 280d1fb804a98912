/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "atlas-json-reader-private.h"

G_BEGIN_DECLS

/* Writes JSON text laid out the way Python's json.dump (indent=2,
 * ensure_ascii=False) does, so that files written by scripts can already be
 * canonical: members one per line, "key": value, [] and {} when empty, only
 * what must be escaped escaped. JsonGenerator in json-glib 1.6 writes
 * "key" : value and pads empty objects with spaces, and building its tree
 * for a large dataset costs more than writing the text itself.
 *
 * A value is written by atlas_json_writer_item () (with the member's key, or
 * NULL in an array) and then the value itself; the *_member () functions do
 * both. Not thread-safe; one writer per text.
 */
typedef struct
{
  GString *out;
  GArray  *first;  /* per depth: no member or element written yet */
} AtlasJsonWriter;

void    atlas_json_writer_init           (AtlasJsonWriter *writer,
                                          gsize            size_hint);
/* Ends the text with a newline and returns it; the writer is cleared. */
GBytes *atlas_json_writer_finish         (AtlasJsonWriter *writer);

/* open is '{' or '[', close the matching '}' or ']'. */
void    atlas_json_writer_begin          (AtlasJsonWriter *writer,
                                          char             open);
void    atlas_json_writer_end            (AtlasJsonWriter *writer,
                                          char             close);
/* Before each element of an array (key NULL), and each member. */
void    atlas_json_writer_item           (AtlasJsonWriter *writer,
                                          const char      *key);

void    atlas_json_writer_string         (AtlasJsonWriter *writer,
                                          const char      *value);
/* The value that the reader stands before, laid out like the rest; numbers
 * as they were written, so that no digit is lost. */
void    atlas_json_writer_raw_value      (AtlasJsonWriter *writer,
                                          AtlasJsonReader *reader);

/* NULL is null. */
void    atlas_json_writer_string_member  (AtlasJsonWriter *writer,
                                          const char      *key,
                                          const char      *value);
void    atlas_json_writer_int_member     (AtlasJsonWriter *writer,
                                          const char      *key,
                                          gint64           value);
void    atlas_json_writer_boolean_member (AtlasJsonWriter *writer,
                                          const char      *key,
                                          gboolean         value);
void    atlas_json_writer_null_member    (AtlasJsonWriter *writer,
                                          const char      *key);

G_END_DECLS
