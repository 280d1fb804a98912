/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Long dataset text laid out in linear time (atlas-text-layout.h): where
 * the pieces are cut, that they change nothing drawn, that a
 * 200 000-character word wraps in about the time prose does, and that a
 * line is cut to what one line can show. No display needed. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "atlas-text-layout.h"

static char *
repeat_word (guint n)
{
  GString *word = g_string_sized_new (n + 1);

  for (guint i = 0; i < n; i++)
    g_string_append_c (word, 'a' + i % 26);

  return g_string_free (word, FALSE);
}

static char *
repeat_prose (guint n)
{
  GString *prose = g_string_sized_new (n + 1);

  for (guint i = 0; i < n; i++)
    g_string_append_c (prose, i % 8 == 7 ? ' ' : 'a' + i % 26);

  return g_string_free (prose, FALSE);
}

typedef struct {
  const char *text;
  guint       n;
  guint       longest;
  gboolean    after_space;
  gboolean    before_joined;
} Pieces;

static void
check_pieces (const char    *text,
              PangoAttrList *list,
              Pieces        *pieces)
{
  PangoAttrIterator *iter = pango_attr_list_get_iterator (list);

  memset (pieces, 0, sizeof *pieces);
  pieces->after_space = TRUE;
  do
    {
      int start, end;

      pango_attr_iterator_range (iter, &start, &end);
      if (pango_attr_iterator_get (iter, PANGO_ATTR_FALLBACK) == NULL)
        continue;
      g_assert_true (g_utf8_validate (text + start, end - start, NULL));
      pieces->n++;
      pieces->longest = MAX (pieces->longest, (guint) g_utf8_strlen (text + start, end - start));
      if (start > 0)
        {
          gunichar first = g_utf8_get_char (text + start);
          gunichar before = g_utf8_get_char (g_utf8_prev_char (text + start));

          if (!g_unichar_isspace (before))
            pieces->after_space = FALSE;
          if (g_unichar_ismark (first) || before == 0x200d)
            pieces->before_joined = TRUE;
        }
    }
  while (pango_attr_iterator_next (iter));
  pango_attr_iterator_destroy (iter);
}

static void
test_pieces (void)
{
  g_autofree char *word = repeat_word (200000);
  g_autofree char *prose = repeat_prose (200000);
  g_autoptr(GString) accented = g_string_new (NULL);
  PangoAttrList *list;
  Pieces pieces;

  /* Short text: nothing added, nothing changed. */
  g_assert_null (atlas_text_layout_attributes ("A short assessment.", NULL));
  g_assert_null (atlas_text_layout_attributes (NULL, NULL));
  g_assert_cmpuint (atlas_text_layout_count_pieces ("A short assessment."), ==, 1);

  /* A word of 200 000 characters: pieces of 128 characters at most. */
  list = atlas_text_layout_attributes (word, NULL);
  check_pieces (word, list, &pieces);
  g_assert_cmpuint (pieces.n, ==, atlas_text_layout_count_pieces (word));
  g_assert_cmpuint (pieces.n, >=, 200000 / 128);
  g_assert_cmpuint (pieces.longest, <=, 128);
  pango_attr_list_unref (list);

  /* Prose: cut after a space, never inside a word. */
  list = atlas_text_layout_attributes (prose, NULL);
  check_pieces (prose, list, &pieces);
  g_assert_cmpuint (pieces.n, >=, 200000 / 72);
  g_assert_true (pieces.after_space);
  pango_attr_list_unref (list);

  /* Never between a letter and its accent, or after a joiner. */
  for (guint i = 0; i < 2000; i++)
    g_string_append (accented, i % 3 ? "e\xcc\x81" : "\xf0\x9f\x91\xa9\xe2\x80\x8d");
  list = atlas_text_layout_attributes (accented->str, NULL);
  check_pieces (accented->str, list, &pieces);
  g_assert_cmpuint (pieces.n, >, 10);
  g_assert_false (pieces.before_joined);
  pango_attr_list_unref (list);

  /* Attributes already there are kept. */
  {
    PangoAttrList *base = pango_attr_list_new ();
    PangoAttrIterator *iter;

    pango_attr_list_insert (base, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    list = atlas_text_layout_attributes (word, base);
    iter = pango_attr_list_get_iterator (list);
    pango_attr_iterator_next (iter);
    pango_attr_iterator_next (iter);
    g_assert_nonnull (pango_attr_iterator_get (iter, PANGO_ATTR_WEIGHT));
    pango_attr_iterator_destroy (iter);
    pango_attr_list_unref (list);
    pango_attr_list_unref (base);
  }
}

static cairo_surface_t *
draw (const char *text,
      gboolean    pieces)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 420, 800);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, DejaVu Sans 11");

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, 400 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (pieces)
    atlas_text_layout_set_text (layout, text);
  else
    pango_layout_set_text (layout, text, -1);
  pango_cairo_show_layout (cr, layout);
  cairo_surface_flush (surface);

  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);

  return surface;
}

/* Prose cut in pieces is drawn pixel for pixel as it was. */
static void
test_same_drawing (void)
{
  g_autofree char *prose = NULL;
  cairo_surface_t *plain, *cut;
  const char *sentence = "The EU and its strategic partners meet on cyber issues: "
                         "dialogues, agreements, and the assessments of 2014. ";
  g_autoptr(GString) text = g_string_new (NULL);
  int stride, differ = 0;

  while (text->len < 3000)
    g_string_append (text, sentence);
  g_assert_cmpuint (atlas_text_layout_count_pieces (text->str), >, 20);

  plain = draw (text->str, FALSE);
  cut = draw (text->str, TRUE);
  stride = cairo_image_surface_get_stride (plain);
  differ = memcmp (cairo_image_surface_get_data (plain), cairo_image_surface_get_data (cut),
                   stride * cairo_image_surface_get_height (plain));
  g_assert_cmpint (differ, ==, 0);
  /* And something was drawn at all. */
  {
    const guint32 *pixels = (const guint32 *) cairo_image_surface_get_data (cut);
    guint dark = 0;

    for (int i = 0; i < 420 * 800; i++)
      dark += (pixels[i] & 0xff) < 0x80;
    g_assert_cmpuint (dark, >, 1000);
  }
  cairo_surface_destroy (plain);
  cairo_surface_destroy (cut);
  (void) prose;
}

static double
seconds_to_wrap (const char *text)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 8, 8);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, DejaVu Sans 11");
  gint64 start = g_get_monotonic_time ();
  int height;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, 400 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  atlas_text_layout_set_text (layout, text);
  pango_layout_get_pixel_size (layout, NULL, &height);
  g_assert_cmpint (height, >, 1000);
  /* No line is much wider than asked (a few pixels where a word is cut
   * by character). */
  {
    int width;

    pango_layout_get_pixel_size (layout, &width, NULL);
    g_assert_cmpint (width, <=, 412);
  }

  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return (g_get_monotonic_time () - start) / 1e6;
}

/* A word of 200 000 characters wraps in about the time prose of that
 * length does. Without the pieces: 20 000 characters took 1-2 s, 40 000
 * 4-8 s, 200 000 minutes. */
static void
test_linear (void)
{
  g_autofree char *word = repeat_word (200000);
  g_autofree char *prose = repeat_prose (200000);
  double word_seconds, prose_seconds;

  prose_seconds = seconds_to_wrap (prose);
  word_seconds = seconds_to_wrap (word);
  g_test_message ("bench wrap-long-word: %.0f ms (prose of that length: %.0f ms)",
                  word_seconds * 1000, prose_seconds * 1000);
  /* Generous, for a machine shared with others. */
  g_assert_cmpfloat (word_seconds, <, 3 * prose_seconds + 5);
}

static void
test_one_line (void)
{
  g_autofree char *word = repeat_word (200000);
  g_autofree char *line = atlas_text_layout_one_line (word);
  g_autofree char *same = atlas_text_layout_one_line ("Japan");
  g_autofree char *empty = atlas_text_layout_one_line (NULL);
  g_autoptr(GString) accented = g_string_new (NULL);
  g_autofree char *accented_line = NULL;

  g_assert_cmpuint (g_utf8_strlen (line, -1), ==, ATLAS_TEXT_LAYOUT_LINE_MAX + 1);
  g_assert_true (g_str_has_suffix (line, "…"));
  g_assert_true (strncmp (line, word, ATLAS_TEXT_LAYOUT_LINE_MAX) == 0);
  g_assert_cmpstr (same, ==, "Japan");
  g_assert_cmpstr (empty, ==, "");

  /* Never cut between a letter and its accent. */
  for (guint i = 0; i < 400; i++)
    g_string_append (accented, "e\xcc\x81");
  accented_line = atlas_text_layout_one_line (accented->str);
  g_assert_true (g_str_has_suffix (accented_line, "e\xcc\x81…"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-layout/pieces", test_pieces);
  g_test_add_func ("/text-layout/same-drawing", test_same_drawing);
  g_test_add_func ("/text-layout/linear", test_linear);
  g_test_add_func ("/text-layout/one-line", test_one_line);

  return g_test_run ();
}
