/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The briefing's layout engine. The briefing is a flow of blocks (a paragraph, a table row, the chips, the
 * map) laid out once with Pango, then cut into pages: paragraphs break
 * between lines, keeping at least two lines on either side; headings stay
 * with what follows them; each partner starts a new page. Text is drawn
 * line by line with Pango so a PDF holds real, searchable text, and never
 * twice (no clipping tricks).
 *
 * A block keeps what its text is laid out from and the measures of its
 * lines; its PangoLayout only while the layouts kept hold less than
 * KEEP_TEXT bytes of text. A layout holds 30-60 bytes a character (glyphs,
 * log attributes), so keeping every one until the last page was drawn
 * took 50-100 times the dataset's size (2.1 GB for a 56 MB file). A text
 * whose layout was let go is laid out again when its page is drawn; the
 * last one is kept for the next page, where a long paragraph goes on. */

#include "config.h"

#include <string.h>

#include "atlas-briefing-private.h"
#include "atlas-format-rules.h"
#include "atlas-text-layout.h"

/* The layouts of the first this many bytes of text are kept from layout
 * to drawing (a few MB; every layout of a briefing of the bundled data):
 * beyond, texts are laid out again when drawn (see above). */
#define KEEP_TEXT (256 * 1024)

static void
cell_clear (Cell *cell)
{
  g_clear_pointer (&cell->spec.text, g_free);
  g_clear_object (&cell->layout);
}

GArray *
_atlas_briefing_cells_new (void)
{
  GArray *cells = g_array_new (FALSE, TRUE, sizeof (Cell));

  g_array_set_clear_func (cells, (GDestroyNotify) cell_clear);
  return cells;
}

void
_atlas_briefing_block_free (Block *block)
{
  g_free (block->spec.text);
  g_clear_object (&block->layout);
  g_free (block->uri);
  g_clear_pointer (&block->cells, g_array_unref);
  g_free (block);
}

PangoLayout *
_atlas_briefing_new_layout (AtlasBriefing *self,
                            const char    *text,
                            double         size,
                            PangoWeight    weight,
                            double         width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  /* Plain text: nothing from a dataset is read as markup; a word of
   * 200 000 characters is laid out in linear time. */
  atlas_text_layout_set_text (layout, text);

  return layout;
}

void
_atlas_briefing_layout_size (PangoLayout *layout,
                             double      *width,
                             double      *height)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (width != NULL)
    *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
}

static void
spec_init (Spec        *spec,
           const char  *text,
           double       size,
           PangoWeight  weight,
           double       width)
{
  spec->text = g_strdup (text);
  spec->size = size;
  spec->weight = weight;
  spec->width = width;
  spec->spacing = 0;
}

static PangoLayout *
spec_layout (AtlasBriefing *self,
             const Spec    *spec)
{
  PangoLayout *layout = _atlas_briefing_new_layout (self, spec->text, spec->size, spec->weight, spec->width);

  if (spec->spacing != 0)
    pango_layout_set_spacing (layout, spec->spacing);
  return layout;
}

/* @layout, measured, if it may be kept until drawn; else NULL. */
static PangoLayout *
keep_layout (AtlasBriefing *self,
             PangoLayout   *layout)
{
  gsize size = strlen (pango_layout_get_text (layout));

  if (self->kept + size > KEEP_TEXT)
    return NULL;
  self->kept += size;
  return g_object_ref (layout);
}

/* A table's or a chip's text */
void
_atlas_briefing_cell_init (AtlasBriefing *self,
                           Cell          *cell,
                           const char    *text,
                           double         size,
                           PangoWeight    weight,
                           double         width)
{
  g_autoptr(PangoLayout) layout = NULL;

  spec_init (&cell->spec, text, size, weight, width);
  layout = spec_layout (self, &cell->spec);
  _atlas_briefing_layout_size (layout, &cell->text_width, &cell->text_height);
  cell->baseline = (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
  cell->layout = keep_layout (self, layout);
}

/* A new reference to the layout of a cell being drawn */
PangoLayout *
_atlas_briefing_cell_layout (AtlasBriefing *self,
                             const Cell    *cell)
{
  return cell->layout ? g_object_ref (cell->layout) : spec_layout (self, &cell->spec);
}

/* The layout of a text block being drawn. Pages are drawn in order, so
 * the one laid out again last is kept: a paragraph that goes on over the
 * next pages is laid out once more, not once a page. */
PangoLayout *
_atlas_briefing_block_layout (AtlasBriefing *self,
                              Block         *block)
{
  if (block->layout != NULL)
    return block->layout;
  if (self->drawn != block)
    {
      g_clear_object (&self->drawn_layout);
      self->drawn_layout = spec_layout (self, &block->spec);
      self->drawn = block;
    }
  return self->drawn_layout;
}

Block *
_atlas_briefing_block_new (BlockKind kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->section = -1;
  block->target = -1;
  block->color = TEXT_COLOR;

  return block;
}

Block *
_atlas_briefing_add_block (AtlasBriefing *self,
                           Block         *block)
{
  block->owner = self->owner;
  g_ptr_array_add (self->blocks, block);
  return block;
}

void
_atlas_briefing_measure_lines (AtlasBriefing *self,
                               Block         *block)
{
  g_autoptr(PangoLayout) layout = spec_layout (self, &block->spec);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  /* Measured again (a changed spacing): its lines were the last ones. */
  if (block->n_lines > 0 && block->first_line + block->n_lines == self->lines->len)
    g_array_set_size (self->lines, block->first_line);
  if (block->layout != NULL)
    self->kept -= strlen (pango_layout_get_text (block->layout));
  g_clear_object (&block->layout);
  block->first_line = self->lines->len;
  do
    {
      PangoRectangle logical;
      Line line;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line.x = (double) logical.x / PANGO_SCALE;
      line.top = (double) logical.y / PANGO_SCALE;
      line.bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      line.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      g_array_append_val (self->lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  block->n_lines = self->lines->len - block->first_line;

  _atlas_briefing_layout_size (layout, NULL, &block->height);
  block->layout = keep_layout (self, layout);
}

Block *
_atlas_briefing_add_text (AtlasBriefing *self,
                          const char    *text,
                          double         size,
                          PangoWeight    weight,
                          guint32        color,
                          double         space_before)
{
  Block *block = _atlas_briefing_block_new (BLOCK_TEXT);

  spec_init (&block->spec, text, size, weight, self->content_width);
  block->color = color;
  block->space_before = space_before;
  block->role = "P";
  _atlas_briefing_measure_lines (self, block);

  return _atlas_briefing_add_block (self, block);
}

Block *
_atlas_briefing_add_subheading (AtlasBriefing *self,
                                const char    *text)
{
  Block *block = _atlas_briefing_add_text (self, text, H2_SIZE, PANGO_WEIGHT_BOLD, TEXT_COLOR, 16);

  block->keep_with_next = TRUE;
  block->role = "H2";
  return block;
}

/* A list item: the text indented, a bullet in the margin, an optional link
 * line under it; @level 1 is an item of the item above. */
void
_atlas_briefing_add_item (AtlasBriefing *self,
                          const char    *text,
                          const char    *uri,
                          guint          level)
{
  double indent = 12 * (level + 1);
  Block *block = _atlas_briefing_block_new (BLOCK_TEXT);

  spec_init (&block->spec, text, level > 0 ? BODY_SIZE - 0.5 : BODY_SIZE,
             PANGO_WEIGHT_NORMAL, self->content_width - indent);
  block->marker = level > 0 ? "–" : "•";
  block->x = indent;
  block->role = "P";
  block->space_before = level > 0 ? 2 : 4;
  if (level > 0)
    block->color = SECONDARY_COLOR;
  _atlas_briefing_measure_lines (self, block);
  _atlas_briefing_add_block (self, block);

  /* Only what the format takes as a link becomes one (a file written by
   * hand may not have been checked). */
  if (uri != NULL && atlas_format_is_web_link (uri))
    {
      Block *link = _atlas_briefing_block_new (BLOCK_TEXT);

      spec_init (&link->spec, uri, SMALL_SIZE, PANGO_WEIGHT_NORMAL, self->content_width - indent);
      link->x = indent;
      link->space_before = 1;
      link->color = LINK_COLOR;
      link->uri = g_strdup (uri);
      link->role = "P";
      _atlas_briefing_measure_lines (self, link);
      block->keep_with_next = TRUE;
      _atlas_briefing_add_block (self, link);
    }
}

Block *
_atlas_briefing_add_row (AtlasBriefing      *self,
                         const Column       *columns,
                         guint               n_columns,
                         const char * const *texts,
                         gboolean            header)
{
  Block *block = _atlas_briefing_block_new (BLOCK_ROW);
  double x = 0;

  block->cells = _atlas_briefing_cells_new ();
  block->shaded = header;
  block->rule = TRUE;
  block->keep_with_next = header;
  block->space_before = header ? 6 : 0;
  block->header_row = header;
  block->table_begin = header;

  for (guint i = 0; i < n_columns; i++)
    {
      double width = self->content_width * columns[i].share;
      Cell cell = { 0 };

      const char *text = texts != NULL ? texts[i] : columns[i].title;

      _atlas_briefing_cell_init (self, &cell, text ? text : "—",
                                 (header ? SMALL_SIZE : BODY_SIZE - 0.5) * self->row_scale,
                                 header ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                 width - COLUMN_GAP - 4);
      cell.x = x + 4;
      cell.y = ROW_PADDING;
      cell.color = header ? SECONDARY_COLOR : TEXT_COLOR;
      block->height = MAX (block->height, cell.text_height + 2 * ROW_PADDING);
      g_array_append_val (block->cells, cell);
      x += width;
    }

  self->last_row = block;
  return _atlas_briefing_add_block (self, block);
}

/* Closes the table whose rows were added last. */
void
_atlas_briefing_end_table (AtlasBriefing *self)
{
  if (self->last_row != NULL)
    self->last_row->table_end = TRUE;
  self->last_row = NULL;
}

void
_atlas_briefing_add_table_header (AtlasBriefing *self,
                                  const Column  *columns,
                                  guint          n_columns)
{
  g_autofree const char **titles = g_new0 (const char *, n_columns);

  for (guint i = 0; i < n_columns; i++)
    titles[i] = columns[i].title;
  _atlas_briefing_add_row (self, columns, n_columns, titles, TRUE);
}

/* The height a block needs at the bottom of a page: two lines of a long
 * paragraph, or all of anything else. */
static double
min_height (AtlasBriefing *self,
            Block         *block)
{
  if (block->kind == BLOCK_TEXT && block->n_lines >= 4)
    return block_lines (self, block)[1].bottom - block_lines (self, block)[0].top;

  return block->height;
}

static double
chain_height (AtlasBriefing *self,
              guint          start)
{
  double height = 0;

  for (guint i = start; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (i > start)
        height += block->space_before;
      if (!block->keep_with_next || i + 1 == self->blocks->len)
        return height + min_height (self, block);
      height += block->height;
    }

  return height;
}

static GArray *
new_page (AtlasBriefing *self)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Piece));

  g_ptr_array_add (self->pages, page);
  return page;
}

void
_atlas_briefing_cut_pages (AtlasBriefing *self)
{
  double top = MARGIN_TOP;
  double bottom = self->page_height - MARGIN_BOTTOM;
  double room = bottom - top;
  GArray *page = new_page (self);
  double y = top;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double space = page->len > 0 ? block->space_before : 0;
      double need = block->keep_with_next ? chain_height (self, i) : min_height (self, block);
      Piece piece = { block, 0, 0, 0 };

      if (page->len > 0 &&
          (block->new_page ||
           (y + space + need > bottom && need <= room) ||
           bottom - y - space < block->min_room))
        {
          page = new_page (self);
          y = top;
          space = 0;
        }
      y += space;

      if (block->section >= 0)
        g_array_index (self->section_pages, guint, block->section) = self->pages->len - 1;

      if (block->kind != BLOCK_TEXT)
        {
          piece.y = y;
          g_array_append_val (page, piece);
          y += block->height;
          continue;
        }

      for (guint first = 0; first < block->n_lines; )
        {
          guint n = block->n_lines;
          const Line *lines = block_lines (self, block);
          guint count = 0;

          while (first + count < n && lines[first + count].bottom - lines[first].top <= bottom - y)
            count++;

          if (first + count < n)
            {
              /* No single line left behind at the top of the next page... */
              if (n - first - count == 1 && count > 2)
                count--;
              /* ...nor alone at the bottom of this one. */
              if (count == 1 && n - first > 1)
                count = 0;
            }
          if (count == 0 && page->len == 0)
            count = 1;

          if (count > 0)
            {
              piece.y = y;
              piece.first_line = first;
              piece.n_lines = count;
              g_array_append_val (page, piece);
              y += lines[first + count - 1].bottom - lines[first].top;
              first += count;
            }
          if (first < n)
            {
              page = new_page (self);
              y = top;
            }
        }
    }
}

