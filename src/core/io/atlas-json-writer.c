/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "atlas-json-writer-private.h"

static void
write_newline (AtlasJsonWriter *w)
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

void
atlas_json_writer_init (AtlasJsonWriter *w,
                        gsize            size_hint)
{
  gboolean top = TRUE;

  w->out = g_string_sized_new (size_hint);
  w->first = g_array_sized_new (FALSE, FALSE, sizeof (gboolean), 16);
  /* Depth 0 holds the root value alone, at indentation 0. */
  g_array_append_val (w->first, top);
}

GBytes *
atlas_json_writer_finish (AtlasJsonWriter *w)
{
  GString *out = g_steal_pointer (&w->out);

  /* Text files end with a newline. */
  g_string_append_c (out, '\n');
  g_clear_pointer (&w->first, g_array_unref);

  return g_string_free_to_bytes (out);
}

void
atlas_json_writer_string (AtlasJsonWriter *w,
                          const char      *s)
{
  atlas_json_append_string (w->out, s);
}

void
atlas_json_writer_begin (AtlasJsonWriter *w,
                         char             open)
{
  gboolean first = TRUE;

  g_string_append_c (w->out, open);
  g_array_append_val (w->first, first);
}

void
atlas_json_writer_end (AtlasJsonWriter *w,
                       char             close)
{
  gboolean empty = g_array_index (w->first, gboolean, w->first->len - 1);

  g_array_set_size (w->first, w->first->len - 1);
  if (!empty)
    write_newline (w);
  g_string_append_c (w->out, close);
}

void
atlas_json_writer_item (AtlasJsonWriter *w,
                        const char      *key)
{
  gboolean *first = &g_array_index (w->first, gboolean, w->first->len - 1);

  if (!*first)
    g_string_append_c (w->out, ',');
  *first = FALSE;
  write_newline (w);

  if (key != NULL)
    {
      atlas_json_writer_string (w, key);
      g_string_append (w->out, ": ");
    }
}

void
atlas_json_writer_string_member (AtlasJsonWriter *w,
                                 const char      *key,
                                 const char      *value)
{
  atlas_json_writer_item (w, key);
  if (value == NULL)
    g_string_append (w->out, "null");
  else
    atlas_json_writer_string (w, value);
}

void
atlas_json_writer_int_member (AtlasJsonWriter *w,
                              const char      *key,
                              gint64           value)
{
  atlas_json_writer_item (w, key);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

void
atlas_json_writer_boolean_member (AtlasJsonWriter *w,
                                  const char      *key,
                                  gboolean         value)
{
  atlas_json_writer_item (w, key);
  g_string_append (w->out, value ? "true" : "false");
}

void
atlas_json_writer_null_member (AtlasJsonWriter *w,
                               const char      *key)
{
  atlas_json_writer_item (w, key);
  g_string_append (w->out, "null");
}

static void
write_raw_container (AtlasJsonWriter *w,
                     AtlasJsonReader *r,
                     gboolean         object)
{
  if (object)
    {
      atlas_json_reader_begin_object (r);
      atlas_json_writer_begin (w, '{');
      while (atlas_json_reader_next_member (r))
        {
          atlas_json_writer_item (w, r->key->str);
          atlas_json_writer_raw_value (w, r);
        }
      atlas_json_writer_end (w, '}');
    }
  else
    {
      atlas_json_reader_begin_array (r);
      atlas_json_writer_begin (w, '[');
      while (atlas_json_reader_next_element (r))
        {
          atlas_json_writer_item (w, NULL);
          atlas_json_writer_raw_value (w, r);
        }
      atlas_json_writer_end (w, ']');
    }
}

void
atlas_json_writer_raw_value (AtlasJsonWriter *w,
                             AtlasJsonReader *r)
{
  switch (atlas_json_reader_peek (r))
    {
    case ATLAS_JSON_OBJECT:
    case ATLAS_JSON_ARRAY:
      write_raw_container (w, r, atlas_json_reader_peek (r) == ATLAS_JSON_OBJECT);
      break;

    case ATLAS_JSON_STRING:
      {
        g_autofree char *value = atlas_json_reader_read_string (r);

        if (value != NULL)
          atlas_json_writer_string (w, value);
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
