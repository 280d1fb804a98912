/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "atlas-text-layout.h"

/* A piece ends at the first white space after this many characters... */
#define PIECE 64
/* ... or, with none, at this many. */
#define MAX_PIECE 128

/* A character that belongs with the one before it: a piece never starts
 * with it. */
static gboolean
is_joined (gunichar c)
{
  return g_unichar_ismark (c) ||
         (c >= 0xfe00 && c <= 0xfe0f) ||     /* variation selectors */
         (c >= 0xe0100 && c <= 0xe01ef) ||
         (c >= 0xe0020 && c <= 0xe007f) ||   /* emoji tag sequences */
         (c >= 0x1f3fb && c <= 0x1f3ff) ||   /* emoji skin tones */
         c == 0x200c || c == 0x200d ||       /* zero width (non-)joiner */
         c == 0x034f;
}

typedef void (*PieceFunc) (guint start, guint end, gpointer data);

static guint
cut_pieces (const char *text,
            PieceFunc   func,
            gpointer    data)
{
  const char *p, *start;
  gunichar previous = 0;
  guint length = 0, pieces = 0;

  if (text == NULL || strlen (text) <= ATLAS_TEXT_LAYOUT_LONG)
    return 1;

  for (p = start = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (length >= PIECE && !is_joined (c) && previous != 0x200d &&
          (g_unichar_isspace (previous) || length >= MAX_PIECE))
        {
          if (func != NULL)
            func (start - text, p - text, data);
          pieces++;
          start = p;
          length = 0;
        }
      previous = c;
      length++;
    }
  if (p > start)
    {
      if (func != NULL)
        func (start - text, p - text, data);
      pieces++;
    }

  return pieces;
}

static void
add_piece (guint    start,
           guint    end,
           gpointer data)
{
  PangoAttribute *attribute = pango_attr_fallback_new (TRUE);

  attribute->start_index = start;
  attribute->end_index = end;
  pango_attr_list_insert (data, attribute);
}

PangoAttrList *
atlas_text_layout_attributes (const char    *text,
                              PangoAttrList *base)
{
  PangoAttrList *list;

  if (text == NULL || strlen (text) <= ATLAS_TEXT_LAYOUT_LONG)
    return base != NULL ? pango_attr_list_copy (base) : NULL;

  list = base != NULL ? pango_attr_list_copy (base) : pango_attr_list_new ();
  cut_pieces (text, add_piece, list);

  return list;
}

void
atlas_text_layout_foreach_piece (const char         *text,
                                 AtlasTextPieceFunc  func,
                                 gpointer            user_data)
{
  g_return_if_fail (func != NULL);

  if (text != NULL && strlen (text) > ATLAS_TEXT_LAYOUT_LONG)
    cut_pieces (text, func, user_data);
}

guint
atlas_text_layout_count_pieces (const char *text)
{
  return cut_pieces (text, NULL, NULL);
}

void
atlas_text_layout_set_text (PangoLayout *layout,
                            const char  *text)
{
  PangoAttrList *list;

  if (text == NULL)
    text = "";
  pango_layout_set_text (layout, text, -1);
  if (strlen (text) <= ATLAS_TEXT_LAYOUT_LONG)
    return;

  list = atlas_text_layout_attributes (text, pango_layout_get_attributes (layout));
  pango_layout_set_attributes (layout, list);
  pango_attr_list_unref (list);
}

char *
atlas_text_layout_one_line (const char *text)
{
  const char *p;
  guint length = 0;

  if (text == NULL)
    return g_strdup ("");

  for (p = text; *p; p = g_utf8_next_char (p), length++)
    if (length >= ATLAS_TEXT_LAYOUT_LINE_MAX && !is_joined (g_utf8_get_char (p)) &&
        (p == text || g_utf8_get_char (g_utf8_prev_char (p)) != 0x200d))
      return g_strdup_printf ("%.*s…", (int) (p - text), text);

  return g_strdup (text);
}
