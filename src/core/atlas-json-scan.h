/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A strict JSON (RFC 8259) scanner that builds nothing. The loader runs it
 * before json-glib, which is lenient in places, keeps the last of duplicate
 * keys without a word and overflows its stack on deep nesting; and runs it
 * again, tracking paths, to find where in the text a problem lies.
 */

typedef enum
{
  ATLAS_JSON_SCAN_OK,
  ATLAS_JSON_SCAN_SYNTAX,
  ATLAS_JSON_SCAN_TOO_DEEP,
} AtlasJsonScanStatus;

typedef struct
{
  gsize key_offset;   /* the member's key, G_MAXSIZE if none */
  gsize value_offset; /* the value's first byte, G_MAXSIZE if not found */
} AtlasJsonLocation;

typedef struct
{
  char  *path;
  char  *key;
  gsize  key_offset;
} AtlasJsonDuplicate;

typedef struct
{
  AtlasJsonScanStatus status;
  gsize               error_offset;
  char               *error_message;  /* for SYNTAX and TOO_DEEP */
  char               *error_path;     /* only when paths were tracked */
  gboolean            has_duplicates;
  GPtrArray          *duplicates;     /* AtlasJsonDuplicate, only when paths were tracked */
} AtlasJsonScanResult;

/* Scans text. With @wanted (path -> AtlasJsonLocation, both owned by the
 * caller), also tracks the path of every value, fills in the locations of
 * the wanted ones (the last occurrence, as json-glib keeps the last of
 * duplicate keys) and lists duplicate keys with their paths. */
void   atlas_json_scan              (const char          *text,
                                     gsize                len,
                                     guint                max_depth,
                                     GHashTable          *wanted,
                                     AtlasJsonScanResult *result);
void   atlas_json_scan_result_clear (AtlasJsonScanResult *result);

/* Appends a member name to a JSON path the way problems show it:
 * a.b for plain names, a["odd name"] for the others. */
void   atlas_json_path_append_member (GString            *path,
                                      const char         *name);
void   atlas_json_path_append_index  (GString            *path,
                                      guint               index);

G_END_DECLS
