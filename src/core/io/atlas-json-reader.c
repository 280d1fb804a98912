/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-json-reader-private.h"

static gboolean
fail (AtlasJsonReader *r,
      gsize            offset,
      const char      *message)
{
  if (r->error == ATLAS_JSON_ERROR_NONE)
    {
      r->error = ATLAS_JSON_ERROR_SYNTAX;
      r->error_offset = offset;
      r->error_message = g_strdup (message);
    }

  return FALSE;
}

static gboolean
fail_unexpected (AtlasJsonReader *r,
                 const char      *expected)
{
  g_autofree char *message = NULL;

  if (r->pos >= r->len)
    /* Translators: %s says what was expected, e.g. "a value" */
    message = g_strdup_printf (_("unexpected end of file, expected %s"), expected);
  else if ((guchar) r->text[r->pos] < 0x80 && g_ascii_isgraph (r->text[r->pos]))
    /* Translators: %c is the character found, %s what was expected */
    message = g_strdup_printf (_("unexpected character \"%c\", expected %s"),
                               r->text[r->pos], expected);
  else
    /* Translators: %04X is a Unicode code point, %s what was expected */
    message = g_strdup_printf (_("unexpected character U+%04X, expected %s"),
                               g_utf8_get_char_validated (r->text + r->pos, r->len - r->pos),
                               expected);

  return fail (r, r->pos, message);
}

static inline void
skip_whitespace (AtlasJsonReader *r)
{
  while (r->pos < r->len)
    {
      char c = r->text[r->pos];

      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      r->pos++;
    }
}

void
atlas_json_reader_init (AtlasJsonReader *r,
                        const char      *text,
                        gsize            len,
                        guint            max_depth)
{
  memset (r, 0, sizeof *r);
  r->text = text;
  r->len = len;
  r->max_depth = max_depth;
  r->first = g_new0 (guint8, max_depth + 1);
  r->key = g_string_sized_new (64);

  /* A byte order mark is allowed, and ignored. */
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    r->pos = 3;

  skip_whitespace (r);
  if (r->pos >= len)
    fail (r, r->pos, _("the file is empty"));
}

void
atlas_json_reader_clear (AtlasJsonReader *r)
{
  g_clear_pointer (&r->first, g_free);
  if (r->key != NULL)
    g_string_free (g_steal_pointer (&r->key), TRUE);
  g_clear_pointer (&r->error_message, g_free);
}

gboolean
atlas_json_reader_end (AtlasJsonReader *r)
{
  if (r->error != ATLAS_JSON_ERROR_NONE)
    return FALSE;

  skip_whitespace (r);
  if (r->pos < r->len)
    return fail (r, r->pos, _("unexpected text after the end of the data"));

  return TRUE;
}

AtlasJsonType
atlas_json_reader_peek (AtlasJsonReader *r)
{
  if (r->error != ATLAS_JSON_ERROR_NONE)
    return ATLAS_JSON_NONE;

  skip_whitespace (r);
  r->value_offset = r->pos;

  if (r->pos >= r->len)
    {
      fail_unexpected (r, _("a value"));
      return ATLAS_JSON_NONE;
    }

  switch (r->text[r->pos])
    {
    case '{':
      return ATLAS_JSON_OBJECT;
    case '[':
      return ATLAS_JSON_ARRAY;
    case '"':
      return ATLAS_JSON_STRING;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return ATLAS_JSON_NUMBER;
    case 't':
    case 'f':
      return ATLAS_JSON_BOOLEAN;
    case 'n':
      return ATLAS_JSON_NULL;
    default:
      fail_unexpected (r, _("a value"));
      return ATLAS_JSON_NONE;
    }
}

static gboolean
begin_container (AtlasJsonReader *r,
                 char             open)
{
  if (atlas_json_reader_peek (r) == ATLAS_JSON_NONE)
    return FALSE;

  if (r->text[r->pos] != open)
    return fail_unexpected (r, open == '{' ? _("an object") : _("an array"));

  /* json-glib recurses once per level: it is a guard for it as well as
   * for this reader's callers, which recurse too. */
  if (r->depth + 1 > r->max_depth)
    {
      g_autofree char *message =
        g_strdup_printf (_("nested more than %u levels deep"), r->max_depth);

      fail (r, r->pos, message);
      r->error = ATLAS_JSON_ERROR_TOO_DEEP;
      return FALSE;
    }

  r->pos++;
  r->depth++;
  r->first[r->depth] = TRUE;

  return TRUE;
}

gboolean
atlas_json_reader_begin_object (AtlasJsonReader *r)
{
  return begin_container (r, '{');
}

gboolean
atlas_json_reader_begin_array (AtlasJsonReader *r)
{
  return begin_container (r, '[');
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
read_hex4 (AtlasJsonReader *r,
           gsize            at,
           gunichar        *out)
{
  gunichar value = 0;

  if (at + 4 > r->len)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (r->text[at + i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }

  *out = value;

  return TRUE;
}

/* Reads the string at pos (its opening quote) into out, decoded. */
static gboolean
read_string_into (AtlasJsonReader *r,
                  GString         *out)
{
  const char *text = r->text;
  gsize start = r->pos;
  gsize pos = r->pos + 1;

  for (;;)
    {
      gsize run = pos;
      guchar c;

      /* Most of a dataset is prose: copy plain runs in one go. */
      while (pos < r->len && (guchar) text[pos] >= 0x20 && text[pos] != '"' && text[pos] != '\\')
        pos++;
      g_string_append_len (out, text + run, pos - run);

      if (pos >= r->len)
        return fail (r, start, _("unterminated string"));

      c = text[pos];
      if (c == '"')
        break;

      if (c < 0x20)
        return fail (r, pos, c == '\n' ? _("line break inside a string (write it as \\n)")
                                       : _("control character inside a string"));

      /* c == '\\' */
      if (pos + 1 >= r->len)
        return fail (r, start, _("unterminated string"));

      switch (text[pos + 1])
        {
        case '"':  g_string_append_c (out, '"'); pos += 2; break;
        case '\\': g_string_append_c (out, '\\'); pos += 2; break;
        case '/':  g_string_append_c (out, '/'); pos += 2; break;
        case 'b':  g_string_append_c (out, '\b'); pos += 2; break;
        case 'f':  g_string_append_c (out, '\f'); pos += 2; break;
        case 'n':  g_string_append_c (out, '\n'); pos += 2; break;
        case 'r':  g_string_append_c (out, '\r'); pos += 2; break;
        case 't':  g_string_append_c (out, '\t'); pos += 2; break;

        case 'u':
          {
            gunichar u;

            if (!read_hex4 (r, pos + 2, &u))
              return fail (r, pos, _("\"\\u\" must be followed by four hexadecimal digits"));
            /* Strings end up in C strings. */
            if (u == 0)
              return fail (r, pos, _("\"\\u0000\" is not allowed in strings"));
            if (u >= 0xdc00 && u <= 0xdfff)
              return fail (r, pos, _("unpaired UTF-16 surrogate in \"\\u\" escape"));
            if (u >= 0xd800 && u <= 0xdbff)
              {
                gunichar low;

                if (pos + 7 >= r->len || text[pos + 6] != '\\' || text[pos + 7] != 'u' ||
                    !read_hex4 (r, pos + 8, &low) || low < 0xdc00 || low > 0xdfff)
                  return fail (r, pos, _("unpaired UTF-16 surrogate in \"\\u\" escape"));
                u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
                pos += 6;
              }
            g_string_append_unichar (out, u);
            pos += 6;
          }
          break;

        default:
          return fail (r, pos, _("invalid escape sequence in string"));
        }
    }

  r->pos = pos + 1;

  return TRUE;
}

static gboolean
read_key (AtlasJsonReader *r)
{
  if (r->pos >= r->len || r->text[r->pos] != '"')
    return fail_unexpected (r, _("a key in quotes"));

  r->key_offset = r->pos;
  g_string_truncate (r->key, 0);
  if (!read_string_into (r, r->key))
    return FALSE;

  skip_whitespace (r);
  if (r->pos >= r->len || r->text[r->pos] != ':')
    return fail_unexpected (r, _("\":\" after the key"));
  r->pos++;

  return TRUE;
}

gboolean
atlas_json_reader_next_member (AtlasJsonReader *r)
{
  if (r->error != ATLAS_JSON_ERROR_NONE)
    return FALSE;

  skip_whitespace (r);

  if (r->pos < r->len && r->text[r->pos] == '}')
    {
      r->pos++;
      r->depth--;
      return FALSE;
    }

  if (!r->first[r->depth])
    {
      if (r->pos >= r->len || r->text[r->pos] != ',')
        return fail_unexpected (r, _("\",\" or \"}\""));
      r->pos++;
      skip_whitespace (r);
    }

  r->first[r->depth] = FALSE;

  return read_key (r);
}

gboolean
atlas_json_reader_next_element (AtlasJsonReader *r)
{
  if (r->error != ATLAS_JSON_ERROR_NONE)
    return FALSE;

  skip_whitespace (r);

  if (r->pos < r->len && r->text[r->pos] == ']')
    {
      r->pos++;
      r->depth--;
      return FALSE;
    }

  if (!r->first[r->depth])
    {
      if (r->pos >= r->len || r->text[r->pos] != ',')
        return fail_unexpected (r, _("\",\" or \"]\""));
      r->pos++;
    }

  r->first[r->depth] = FALSE;

  return TRUE;
}

char *
atlas_json_reader_read_string (AtlasJsonReader *r)
{
  const char *text = r->text;
  gsize start, pos;
  GString *out;

  if (atlas_json_reader_peek (r) != ATLAS_JSON_STRING)
    {
      if (r->error == ATLAS_JSON_ERROR_NONE)
        fail_unexpected (r, _("a string"));
      return NULL;
    }

  /* The common case, no escapes: one copy, no GString. */
  start = r->pos + 1;
  for (pos = start; pos < r->len; pos++)
    {
      guchar c = text[pos];

      if (c == '"')
        {
          r->pos = pos + 1;
          return g_strndup (text + start, pos - start);
        }
      if (c == '\\' || c < 0x20)
        break;
    }

  out = g_string_sized_new (pos - start + 16);
  if (!read_string_into (r, out))
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/* Checks the number at r->pos against JSON's grammar; *end is where it
 * ends, *integral says it has no fraction and no exponent. */
static gboolean
scan_number (AtlasJsonReader *r,
             gsize           *end,
             gboolean        *integral)
{
  const char *text = r->text;
  gsize start, pos;

  start = pos = r->pos;
  *integral = TRUE;

  if (text[pos] == '-')
    pos++;

  if (pos < r->len && text[pos] == '0')
    pos++;
  else if (pos < r->len && text[pos] >= '1' && text[pos] <= '9')
    while (pos < r->len && g_ascii_isdigit (text[pos]))
      pos++;
  else
    return fail (r, start, _("invalid number"));

  if (pos < r->len && text[pos] == '.')
    {
      *integral = FALSE;
      pos++;
      if (pos >= r->len || !g_ascii_isdigit (text[pos]))
        return fail (r, start, _("invalid number"));
      while (pos < r->len && g_ascii_isdigit (text[pos]))
        pos++;
    }

  if (pos < r->len && (text[pos] == 'e' || text[pos] == 'E'))
    {
      *integral = FALSE;
      pos++;
      if (pos < r->len && (text[pos] == '+' || text[pos] == '-'))
        pos++;
      if (pos >= r->len || !g_ascii_isdigit (text[pos]))
        return fail (r, start, _("invalid number"));
      while (pos < r->len && g_ascii_isdigit (text[pos]))
        pos++;
    }

  *end = pos;

  return TRUE;
}

gboolean
atlas_json_reader_read_number (AtlasJsonReader *r,
                               gboolean        *is_integer,
                               gint64          *integer,
                               double          *number)
{
  const char *text = r->text;
  gsize start, pos;
  gboolean integral = TRUE;
  char buffer[64];
  g_autofree char *copy = NULL;
  const char *digits;

  *is_integer = FALSE;
  *integer = 0;
  *number = 0;

  if (atlas_json_reader_peek (r) != ATLAS_JSON_NUMBER)
    {
      if (r->error == ATLAS_JSON_ERROR_NONE)
        fail_unexpected (r, _("a number"));
      return FALSE;
    }

  start = r->pos;
  if (!scan_number (r, &pos, &integral))
    return FALSE;

  /* The text is not NUL-terminated where the number ends. */
  if (pos - start < sizeof buffer)
    {
      memcpy (buffer, text + start, pos - start);
      buffer[pos - start] = '\0';
      digits = buffer;
    }
  else
    digits = copy = g_strndup (text + start, pos - start);

  r->pos = pos;

  if (integral)
    {
      char *end = NULL;
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (digits, &end, 10);
      if (errno == 0 && end != NULL && *end == '\0')
        {
          *is_integer = TRUE;
          *integer = value;
          *number = (double) value;
          return TRUE;
        }
    }

  *number = g_ascii_strtod (digits, NULL);
  if (!isfinite (*number))
    return fail (r, start, _("number too large"));

  return TRUE;
}

gboolean
atlas_json_reader_read_boolean (AtlasJsonReader *r,
                                gboolean        *value)
{
  static const struct { const char *word; gboolean value; } words[] = {
    { "true", TRUE }, { "false", FALSE },
  };

  *value = FALSE;

  if (atlas_json_reader_peek (r) != ATLAS_JSON_BOOLEAN)
    {
      if (r->error == ATLAS_JSON_ERROR_NONE)
        fail_unexpected (r, _("true or false"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i].word);

      if (r->pos + n <= r->len && memcmp (r->text + r->pos, words[i].word, n) == 0 &&
          (r->pos + n == r->len || !g_ascii_isalnum (r->text[r->pos + n])))
        {
          r->pos += n;
          *value = words[i].value;
          return TRUE;
        }
    }

  return fail (r, r->pos, _("invalid value (only true, false and null are written without quotes)"));
}

gboolean
atlas_json_reader_read_null (AtlasJsonReader *r)
{
  if (atlas_json_reader_peek (r) != ATLAS_JSON_NULL)
    {
      if (r->error == ATLAS_JSON_ERROR_NONE)
        fail_unexpected (r, _("null"));
      return FALSE;
    }

  if (r->pos + 4 <= r->len && memcmp (r->text + r->pos, "null", 4) == 0 &&
      (r->pos + 4 == r->len || !g_ascii_isalnum (r->text[r->pos + 4])))
    {
      r->pos += 4;
      return TRUE;
    }

  return fail (r, r->pos, _("invalid value (only true, false and null are written without quotes)"));
}

static gboolean
skip_string (AtlasJsonReader *r)
{
  const char *text = r->text;
  gsize pos;

  for (pos = r->pos + 1; pos < r->len; pos++)
    {
      guchar c = text[pos];

      if (c == '"')
        {
          r->pos = pos + 1;
          return TRUE;
        }
      if (c == '\\' || c < 0x20)
        break;
    }

  /* Escapes: decode to check them, and throw the result away. */
  {
    g_autoptr(GString) scratch = g_string_new (NULL);

    return read_string_into (r, scratch);
  }
}

gboolean
atlas_json_reader_skip (AtlasJsonReader *r)
{
  switch (atlas_json_reader_peek (r))
    {
    case ATLAS_JSON_OBJECT:
      if (!atlas_json_reader_begin_object (r))
        return FALSE;
      while (atlas_json_reader_next_member (r))
        if (!atlas_json_reader_skip (r))
          return FALSE;
      return r->error == ATLAS_JSON_ERROR_NONE;

    case ATLAS_JSON_ARRAY:
      if (!atlas_json_reader_begin_array (r))
        return FALSE;
      while (atlas_json_reader_next_element (r))
        if (!atlas_json_reader_skip (r))
          return FALSE;
      return r->error == ATLAS_JSON_ERROR_NONE;

    case ATLAS_JSON_STRING:
      return skip_string (r);

    case ATLAS_JSON_NUMBER:
      {
        gboolean integral;
        gsize end;

        /* Its value is not wanted: any size will do. */
        if (!scan_number (r, &end, &integral))
          return FALSE;
        r->pos = end;
        return TRUE;
      }

    case ATLAS_JSON_BOOLEAN:
      {
        gboolean value;

        return atlas_json_reader_read_boolean (r, &value);
      }

    case ATLAS_JSON_NULL:
      return atlas_json_reader_read_null (r);

    case ATLAS_JSON_NONE:
    default:
      return FALSE;
    }
}

/* Where copy_value is, as a chain of stack frames: a path is only
 * rendered for a duplicate key, never for each of millions of elements. */
typedef struct _Frame Frame;
struct _Frame
{
  const Frame *parent;
  const char  *key;    /* or NULL for an element */
  guint        index;
};

static void
render_frame (GString     *path,
              const Frame *frame)
{
  if (frame == NULL)
    return;

  render_frame (path, frame->parent);
  if (frame->key != NULL)
    {
      g_string_append_c (path, '.');
      atlas_json_path_append_member (path, frame->key);
    }
  else
    atlas_json_path_append_index (path, frame->index);
}

/* Copies one value, checked, to out without white space; numbers keep
 * their text (any size, any precision). */
static gboolean copy_value (AtlasJsonReader        *r,
                            GString                *out,
                            const Frame            *parent,
                            AtlasJsonDuplicateFunc  duplicate,
                            gpointer                data);

/* An object member by member, telling @duplicate of a key seen twice */
static gboolean
copy_object (AtlasJsonReader        *r,
             GString                *out,
             const Frame            *parent,
             AtlasJsonDuplicateFunc  duplicate,
             gpointer                data)
{
  /* Made at the second member: most objects here are small. */
  g_autoptr(GHashTable) keys = NULL;
  g_autofree char *first_key = NULL;
  guint n = 0;

  if (!atlas_json_reader_begin_object (r))
    return FALSE;

  g_string_append_c (out, '{');
  while (atlas_json_reader_next_member (r))
    {
      g_autofree char *key = g_strdup (r->key->str);
      Frame frame = { parent, key, 0 };

      if (n > 0)
        {
          if (keys == NULL)
            {
              keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_hash_table_add (keys, g_steal_pointer (&first_key));
            }
          if (!g_hash_table_add (keys, g_strdup (key)) && duplicate != NULL)
            {
              g_autoptr(GString) path = g_string_new (NULL);

              render_frame (path, &frame);
              duplicate (data, path->str, r->key_offset);
            }
          g_string_append_c (out, ',');
        }
      else
        first_key = g_strdup (key);

      atlas_json_append_string (out, key);
      g_string_append_c (out, ':');
      n++;

      if (!copy_value (r, out, &frame, duplicate, data))
        return FALSE;
    }
  g_string_append_c (out, '}');

  return r->error == ATLAS_JSON_ERROR_NONE;
}

static gboolean
copy_array (AtlasJsonReader        *r,
            GString                *out,
            const Frame            *parent,
            AtlasJsonDuplicateFunc  duplicate,
            gpointer                data)
{
  Frame frame = { parent, NULL, 0 };

  if (!atlas_json_reader_begin_array (r))
    return FALSE;

  g_string_append_c (out, '[');
  while (atlas_json_reader_next_element (r))
    {
      if (frame.index > 0)
        g_string_append_c (out, ',');

      if (!copy_value (r, out, &frame, duplicate, data))
        return FALSE;
      frame.index++;
    }
  g_string_append_c (out, ']');

  return r->error == ATLAS_JSON_ERROR_NONE;
}

static gboolean
copy_value (AtlasJsonReader        *r,
            GString                *out,
            const Frame            *parent,
            AtlasJsonDuplicateFunc  duplicate,
            gpointer                data)
{
  gsize start;

  switch (atlas_json_reader_peek (r))
    {
    case ATLAS_JSON_OBJECT:
      return copy_object (r, out, parent, duplicate, data);

    case ATLAS_JSON_ARRAY:
      return copy_array (r, out, parent, duplicate, data);

    case ATLAS_JSON_STRING:
      start = r->pos;
      if (!skip_string (r))
        return FALSE;
      /* Checked: kept as written, escapes and all. */
      g_string_append_len (out, r->text + start, r->pos - start);
      return TRUE;

    case ATLAS_JSON_NUMBER:
      {
        gboolean integral;
        gsize end;

        start = r->pos;
        if (!scan_number (r, &end, &integral))
          return FALSE;
        r->pos = end;
        g_string_append_len (out, r->text + start, end - start);
        return TRUE;
      }

    case ATLAS_JSON_BOOLEAN:
      {
        gboolean value;

        if (!atlas_json_reader_read_boolean (r, &value))
          return FALSE;
        g_string_append (out, value ? "true" : "false");
        return TRUE;
      }

    case ATLAS_JSON_NULL:
      if (!atlas_json_reader_read_null (r))
        return FALSE;
      g_string_append (out, "null");
      return TRUE;

    case ATLAS_JSON_NONE:
    default:
      return FALSE;
    }
}

gboolean
atlas_json_reader_copy_value (AtlasJsonReader        *r,
                              GString                *out,
                              AtlasJsonDuplicateFunc  duplicate,
                              gpointer                data)
{
  return copy_value (r, out, NULL, duplicate, data);
}

gboolean
atlas_json_reader_read_number_text (AtlasJsonReader  *r,
                                    const char      **text,
                                    gsize            *len)
{
  gboolean integral;
  gsize end;

  if (atlas_json_reader_peek (r) != ATLAS_JSON_NUMBER)
    {
      if (r->error == ATLAS_JSON_ERROR_NONE)
        fail_unexpected (r, _("a number"));
      return FALSE;
    }

  if (!scan_number (r, &end, &integral))
    return FALSE;

  *text = r->text + r->pos;
  *len = end - r->pos;
  r->pos = end;

  return TRUE;
}

/* Whether any of the 8 bytes of @word is a control character, a quote
 * or a backslash (the bit tricks of "Bit Twiddling Hacks": a byte below
 * 0x20, a byte equal to one). */
static inline gboolean
word_needs_escape (guint64 word)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = word ^ (ones * '"');
  guint64 backslash = word ^ (ones * '\\');

  guint64 found = ((word - ones * 0x20) & ~word) |
                  ((quote - ones) & ~quote) |
                  ((backslash - ones) & ~backslash);

  return (found & highs) != 0;
}

/* Runs of plain text are found eight bytes at a time: the writer spends
 * most of a save here. */
void
atlas_json_append_string (GString    *out,
                          const char *s)
{
  gsize len = strlen (s);
  const char *end = s + len;
  const char *run = s;
  const char *p = s;

  g_string_append_c (out, '"');

  while (p < end)
    {
      guchar c;
      const char *escape;

      if (end - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, sizeof word);
          if (!word_needs_escape (word))
            {
              p += 8;
              continue;
            }
        }

      c = *p;
      if (c >= 0x20 && c != '"' && c != '\\')
        {
          p++;
          continue;
        }

      g_string_append_len (out, run, p - run);
      run = ++p;

      switch (c)
        {
        case '"':  escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
          continue;
        }
      g_string_append (out, escape);
    }

  g_string_append_len (out, run, end - run);
  g_string_append_c (out, '"');
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
      if (path->len > 0 && path->str[path->len - 1] != '.')
        g_string_append_c (path, '.');
      g_string_append (path, name);
      return;
    }

  if (path->len > 0 && path->str[path->len - 1] == '.')
    g_string_truncate (path, path->len - 1);

  g_string_append (path, "[\"");
  for (const char *p = name; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (path, '\\');
          g_string_append_c (path, *p);
        }
      else if ((guchar) *p < 0x20)
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
