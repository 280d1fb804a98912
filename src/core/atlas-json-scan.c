/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-json-scan.h"

/* Objects with more keys than this look for duplicates in a hash table
 * rather than by comparing every pair. */
#define LINEAR_KEYS 16

typedef struct
{
  gsize    start;   /* first byte after the opening quote */
  gsize    len;     /* bytes up to the closing quote */
} KeySpan;

typedef struct
{
  GArray     *keys;     /* KeySpan */
  GHashTable *key_set;  /* decoded keys, once keys->len > LINEAR_KEYS */
} Frame;

typedef struct
{
  const char          *text;
  gsize                len;
  gsize                pos;
  guint                max_depth;
  Frame               *frames;
  GHashTable          *wanted;
  GString             *path;  /* NULL unless tracking paths */
  AtlasJsonScanResult *result;
} Scanner;

static gboolean scan_value (Scanner *s,
                            guint    depth);

static gboolean
fail (Scanner    *s,
      gsize       offset,
      const char *message)
{
  s->result->status = ATLAS_JSON_SCAN_SYNTAX;
  s->result->error_offset = offset;
  s->result->error_message = g_strdup (message);
  if (s->path != NULL)
    s->result->error_path = g_strdup (s->path->str);

  return FALSE;
}

static gboolean
fail_unexpected (Scanner    *s,
                 const char *expected)
{
  g_autofree char *message = NULL;

  if (s->pos >= s->len)
    /* Translators: %s says what was expected, e.g. "a value" */
    message = g_strdup_printf (_("unexpected end of file, expected %s"), expected);
  else if ((guchar) s->text[s->pos] < 0x80 && g_ascii_isgraph (s->text[s->pos]))
    /* Translators: the first %c is the character found, %s what was expected */
    message = g_strdup_printf (_("unexpected character \"%c\", expected %s"),
                               s->text[s->pos], expected);
  else
    {
      gunichar c = g_utf8_get_char (s->text + s->pos);
      /* Translators: %04X is a Unicode code point, %s what was expected */
      message = g_strdup_printf (_("unexpected character U+%04X, expected %s"), c, expected);
    }

  return fail (s, s->pos, message);
}

static inline void
skip_whitespace (Scanner *s)
{
  while (s->pos < s->len)
    {
      char c = s->text[s->pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      s->pos++;
    }
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Scanner  *s,
           gsize     at,
           gunichar *out)
{
  gunichar value = 0;

  if (at + 4 > s->len)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (s->text[at + i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }

  *out = value;

  return TRUE;
}

/* Scans a string starting at its opening quote; leaves pos after the
 * closing one. *has_escapes says whether decoding is needed to compare it. */
static gboolean
scan_string (Scanner  *s,
             KeySpan  *span,
             gboolean *has_escapes)
{
  const char *text = s->text;
  gsize pos = s->pos + 1;

  *has_escapes = FALSE;
  span->start = pos;

  for (;;)
    {
      guchar c;

      /* Most of a dataset is prose: run through plain bytes quickly. */
      while (pos < s->len && (guchar) text[pos] >= 0x20 && text[pos] != '"' && text[pos] != '\\')
        pos++;

      if (pos >= s->len)
        {
          s->pos = pos;
          return fail (s, span->start - 1, _("unterminated string"));
        }

      c = text[pos];
      if (c == '"')
        break;

      if (c < 0x20)
        {
          s->pos = pos;
          return fail (s, pos, c == '\n' ? _("line break inside a string (write it as \\n)")
                                         : _("control character inside a string"));
        }

      /* c == '\\' */
      *has_escapes = TRUE;
      if (pos + 1 >= s->len)
        {
          s->pos = pos + 1;
          return fail (s, span->start - 1, _("unterminated string"));
        }

      switch (text[pos + 1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          pos += 2;
          break;

        case 'u':
          {
            gunichar u;

            if (!read_hex4 (s, pos + 2, &u))
              {
                s->pos = pos;
                return fail (s, pos, _("\"\\u\" must be followed by four hexadecimal digits"));
              }
            if (u == 0)
              {
                s->pos = pos;
                return fail (s, pos, _("\"\\u0000\" is not allowed in strings"));
              }
            if (u >= 0xdc00 && u <= 0xdfff)
              {
                s->pos = pos;
                return fail (s, pos, _("unpaired UTF-16 surrogate in \"\\u\" escape"));
              }
            if (u >= 0xd800 && u <= 0xdbff)
              {
                gunichar low;

                if (pos + 7 >= s->len || text[pos + 6] != '\\' || text[pos + 7] != 'u' ||
                    !read_hex4 (s, pos + 8, &low) || low < 0xdc00 || low > 0xdfff)
                  {
                    s->pos = pos;
                    return fail (s, pos, _("unpaired UTF-16 surrogate in \"\\u\" escape"));
                  }
                pos += 6;
              }
            pos += 6;
          }
          break;

        default:
          s->pos = pos;
          return fail (s, pos, _("invalid escape sequence in string"));
        }
    }

  span->len = pos - span->start;
  s->pos = pos + 1;

  return TRUE;
}

/* Decodes a string known to be valid (scan_string passed it). */
static char *
decode_string (const char *raw,
               gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (raw[i] != '\\')
        {
          g_string_append_c (out, raw[i]);
          continue;
        }

      i++;
      switch (raw[i])
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar u = 0;

            for (guint k = 1; k <= 4; k++)
              u = u * 16 + hex_value (raw[i + k]);
            i += 4;
            if (u >= 0xd800 && u <= 0xdbff)
              {
                gunichar low = 0;

                for (guint k = 3; k <= 6; k++)
                  low = low * 16 + hex_value (raw[i + k]);
                u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
                i += 6;
              }
            g_string_append_unichar (out, u);
          }
          break;
        default: /* '"', '\\', '/' */
          g_string_append_c (out, raw[i]);
        }
    }

  return g_string_free (out, FALSE);
}

static char *
span_dup (Scanner       *s,
          const KeySpan *span)
{
  const char *raw = s->text + span->start;

  if (memchr (raw, '\\', span->len) == NULL)
    return g_strndup (raw, span->len);

  return decode_string (raw, span->len);
}

static gboolean
spans_equal (Scanner       *s,
             const KeySpan *a,
             const KeySpan *b)
{
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;

  if (a->len == b->len && memcmp (s->text + a->start, s->text + b->start, a->len) == 0)
    return TRUE;

  /* "a" and "\u0061" are the same key. */
  if (memchr (s->text + a->start, '\\', a->len) == NULL &&
      memchr (s->text + b->start, '\\', b->len) == NULL)
    return FALSE;

  da = span_dup (s, a);
  db = span_dup (s, b);

  return strcmp (da, db) == 0;
}

/* Returns whether key was already in the object of frame. */
static gboolean
frame_add_key (Scanner       *s,
               Frame         *frame,
               const KeySpan *key)
{
  if (frame->key_set != NULL)
    return !g_hash_table_add (frame->key_set, span_dup (s, key));

  for (guint i = 0; i < frame->keys->len; i++)
    if (spans_equal (s, &g_array_index (frame->keys, KeySpan, i), key))
      return TRUE;

  g_array_append_val (frame->keys, *key);

  if (frame->keys->len > LINEAR_KEYS)
    {
      frame->key_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < frame->keys->len; i++)
        g_hash_table_add (frame->key_set, span_dup (s, &g_array_index (frame->keys, KeySpan, i)));
    }

  return FALSE;
}

static void
frame_reset (Frame *frame)
{
  if (frame->keys == NULL)
    frame->keys = g_array_new (FALSE, FALSE, sizeof (KeySpan));
  g_array_set_size (frame->keys, 0);
  g_clear_pointer (&frame->key_set, g_hash_table_unref);
}

static void
record_location (Scanner *s,
                 gboolean is_key,
                 gsize    offset)
{
  AtlasJsonLocation *location = g_hash_table_lookup (s->wanted, s->path->str);

  if (location == NULL)
    return;

  if (is_key)
    location->key_offset = offset;
  else
    location->value_offset = offset;
}

static gboolean
scan_object (Scanner *s,
             guint    depth)
{
  Frame *frame = &s->frames[depth];
  gsize path_len = s->path ? s->path->len : 0;

  frame_reset (frame);
  s->pos++; /* '{' */
  skip_whitespace (s);

  if (s->pos < s->len && s->text[s->pos] == '}')
    {
      s->pos++;
      return TRUE;
    }

  for (;;)
    {
      KeySpan key;
      gboolean has_escapes;
      gsize key_offset = s->pos;
      gboolean duplicate;

      if (s->pos >= s->len || s->text[s->pos] != '"')
        return fail_unexpected (s, _("a key in quotes"));
      if (!scan_string (s, &key, &has_escapes))
        return FALSE;

      duplicate = frame_add_key (s, frame, &key);

      if (s->path != NULL)
        {
          g_autofree char *name = span_dup (s, &key);

          g_string_truncate (s->path, path_len);
          atlas_json_path_append_member (s->path, name);
          if (s->wanted != NULL)
            record_location (s, TRUE, key_offset);

          if (duplicate)
            {
              AtlasJsonDuplicate *dup = g_new0 (AtlasJsonDuplicate, 1);

              dup->path = g_strdup (s->path->str);
              dup->key = g_steal_pointer (&name);
              dup->key_offset = key_offset;
              g_ptr_array_add (s->result->duplicates, dup);
            }
        }
      if (duplicate)
        s->result->has_duplicates = TRUE;

      skip_whitespace (s);
      if (s->pos >= s->len || s->text[s->pos] != ':')
        return fail_unexpected (s, _("\":\" after the key"));
      s->pos++;

      if (!scan_value (s, depth))
        return FALSE;

      if (s->path != NULL)
        g_string_truncate (s->path, path_len);

      skip_whitespace (s);
      if (s->pos < s->len && s->text[s->pos] == ',')
        {
          s->pos++;
          skip_whitespace (s);
          continue;
        }
      if (s->pos < s->len && s->text[s->pos] == '}')
        {
          s->pos++;
          return TRUE;
        }

      return fail_unexpected (s, _("\",\" or \"}\""));
    }
}

static gboolean
scan_array (Scanner *s,
            guint    depth)
{
  gsize path_len = s->path ? s->path->len : 0;
  guint index = 0;

  s->pos++; /* '[' */
  skip_whitespace (s);

  if (s->pos < s->len && s->text[s->pos] == ']')
    {
      s->pos++;
      return TRUE;
    }

  for (;; index++)
    {
      if (s->path != NULL)
        {
          g_string_truncate (s->path, path_len);
          atlas_json_path_append_index (s->path, index);
        }

      if (!scan_value (s, depth))
        return FALSE;

      if (s->path != NULL)
        g_string_truncate (s->path, path_len);

      skip_whitespace (s);
      if (s->pos < s->len && s->text[s->pos] == ',')
        {
          s->pos++;
          continue;
        }
      if (s->pos < s->len && s->text[s->pos] == ']')
        {
          s->pos++;
          return TRUE;
        }

      return fail_unexpected (s, _("\",\" or \"]\""));
    }
}

static gboolean
scan_number (Scanner *s)
{
  const char *text = s->text;
  gsize start = s->pos;
  gsize pos = s->pos;

  if (pos < s->len && text[pos] == '-')
    pos++;

  if (pos < s->len && text[pos] == '0')
    pos++;
  else if (pos < s->len && text[pos] >= '1' && text[pos] <= '9')
    while (pos < s->len && g_ascii_isdigit (text[pos]))
      pos++;
  else
    goto invalid;

  if (pos < s->len && text[pos] == '.')
    {
      pos++;
      if (pos >= s->len || !g_ascii_isdigit (text[pos]))
        goto invalid;
      while (pos < s->len && g_ascii_isdigit (text[pos]))
        pos++;
    }

  if (pos < s->len && (text[pos] == 'e' || text[pos] == 'E'))
    {
      pos++;
      if (pos < s->len && (text[pos] == '+' || text[pos] == '-'))
        pos++;
      if (pos >= s->len || !g_ascii_isdigit (text[pos]))
        goto invalid;
      while (pos < s->len && g_ascii_isdigit (text[pos]))
        pos++;
    }

  /* "12abc": let the caller complain about "a" after the number. */
  s->pos = pos;
  return TRUE;

invalid:
  return fail (s, start, _("invalid number"));
}

static gboolean
scan_literal (Scanner    *s,
              const char *word)
{
  gsize n = strlen (word);

  if (s->pos + n <= s->len && memcmp (s->text + s->pos, word, n) == 0 &&
      (s->pos + n == s->len || !g_ascii_isalnum (s->text[s->pos + n])))
    {
      s->pos += n;
      return TRUE;
    }

  return fail (s, s->pos, _("invalid value (only true, false and null are written without quotes)"));
}

static gboolean
scan_value (Scanner *s,
            guint    depth)
{
  skip_whitespace (s);

  if (s->pos >= s->len)
    return fail_unexpected (s, _("a value"));

  if (s->wanted != NULL)
    record_location (s, FALSE, s->pos);

  switch (s->text[s->pos])
    {
    case '{':
    case '[':
      if (depth + 1 > s->max_depth)
        {
          g_autofree char *message =
            g_strdup_printf (_("nested more than %u levels deep"), s->max_depth);

          fail (s, s->pos, message);
          s->result->status = ATLAS_JSON_SCAN_TOO_DEEP;
          return FALSE;
        }
      if (s->text[s->pos] == '{')
        return scan_object (s, depth + 1);
      else
        return scan_array (s, depth + 1);

    case '"':
      {
        KeySpan span;
        gboolean has_escapes;

        return scan_string (s, &span, &has_escapes);
      }

    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scan_number (s);

    case 't':
      return scan_literal (s, "true");
    case 'f':
      return scan_literal (s, "false");
    case 'n':
      return scan_literal (s, "null");

    default:
      return fail_unexpected (s, _("a value"));
    }
}

static void
duplicate_free (gpointer data)
{
  AtlasJsonDuplicate *dup = data;

  g_free (dup->path);
  g_free (dup->key);
  g_free (dup);
}

void
atlas_json_scan (const char          *text,
                 gsize                len,
                 guint                max_depth,
                 GHashTable          *wanted,
                 AtlasJsonScanResult *result)
{
  Scanner s = { 0 };

  memset (result, 0, sizeof *result);
  result->status = ATLAS_JSON_SCAN_OK;
  if (wanted != NULL)
    result->duplicates = g_ptr_array_new_with_free_func (duplicate_free);

  s.text = text;
  s.len = len;
  s.max_depth = max_depth;
  s.frames = g_new0 (Frame, max_depth + 1);
  s.wanted = wanted;
  s.path = wanted != NULL ? g_string_new (NULL) : NULL;
  s.result = result;

  /* A byte order mark is allowed, and ignored. */
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    s.pos = 3;

  skip_whitespace (&s);
  if (s.pos >= len)
    fail (&s, s.pos, _("the file is empty"));
  else if (scan_value (&s, 0))
    {
      skip_whitespace (&s);
      if (s.pos < len)
        fail (&s, s.pos, _("unexpected text after the end of the data"));
    }

  for (guint i = 0; i <= max_depth; i++)
    {
      g_clear_pointer (&s.frames[i].keys, g_array_unref);
      g_clear_pointer (&s.frames[i].key_set, g_hash_table_unref);
    }
  g_free (s.frames);
  if (s.path != NULL)
    g_string_free (s.path, TRUE);
}

void
atlas_json_scan_result_clear (AtlasJsonScanResult *result)
{
  g_clear_pointer (&result->error_message, g_free);
  g_clear_pointer (&result->error_path, g_free);
  g_clear_pointer (&result->duplicates, g_ptr_array_unref);
}

static gboolean
is_plain_name (const char *name)
{
  if (!g_ascii_isalpha (name[0]) && name[0] != '_')
    return FALSE;

  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

void
atlas_json_path_append_member (GString    *path,
                               const char *name)
{
  if (is_plain_name (name))
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, name);
      return;
    }

  g_string_append (path, "[\"");
  for (const char *p = name; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (path, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (path, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (path, *p);
    }
  g_string_append (path, "\"]");
}

void
atlas_json_path_append_index (GString *path,
                              guint    index)
{
  g_string_append_printf (path, "[%u]", index);
}
