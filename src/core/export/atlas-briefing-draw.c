/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Drawing a briefing's page with cairo: its pieces of text blocks, table
 * rows, chips and maps, the running header and the footer. On a PDF
 * surface (atlas_briefing_set_tagged ()) each piece is wrapped in the PDF
 * structure tags it is (H1, H2, P, Table, TR, TH, TD, Figure), links in
 * link tags. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-briefing-private.h"
#include "atlas-text-layout.h"

static void
set_source (cairo_t *cr,
            guint32  color)
{
  cairo_set_source_rgb (cr,
                        ((color >> 16) & 0xff) / 255.0,
                        ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

static void
draw_text_piece (AtlasBriefing *self,
                 cairo_t       *cr,
                 const Piece   *piece)
{
  Block *block = piece->block;
  const Line *lines = block_lines (self, block);
  double x = MARGIN_SIDE + block->x;
  double offset = piece->y - lines[piece->first_line].top;
  gboolean tag = self->tagged && block->role != NULL;
  g_autofree char *link = NULL;
  PangoLayout *layout = _atlas_briefing_block_layout (self, block);
  GSList *line = g_slist_nth (pango_layout_get_lines_readonly (layout), piece->first_line);

  /* A paragraph broken across pages is one element. */
  if (tag && piece->first_line == 0)
    cairo_tag_begin (cr, block->role, "");

  if (block->uri != NULL)
    {
      g_autoptr(GString) escaped = g_string_new (block->uri);

      /* cairo's attribute syntax: single quotes, backslash escapes */
      g_string_replace (escaped, "\\", "\\\\", 0);
      g_string_replace (escaped, "'", "\\'", 0);
      link = g_strdup_printf ("uri='%s'", escaped->str);
      cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
    }

  set_source (cr, block->color);
  if (block->marker != NULL && piece->first_line == 0)
    {
      g_autoptr(PangoLayout) marker = _atlas_briefing_new_layout (self, block->marker, BODY_SIZE, PANGO_WEIGHT_NORMAL, -1);

      cairo_move_to (cr, x - 10, offset + lines[0].baseline);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (marker, 0));
    }

  for (guint i = piece->first_line; i < piece->first_line + piece->n_lines && line != NULL; i++, line = line->next)
    {
      cairo_move_to (cr, x + lines[i].x, offset + lines[i].baseline);
      pango_cairo_show_layout_line (cr, line->data);
    }

  if (link != NULL)
    cairo_tag_end (cr, CAIRO_TAG_LINK);
  if (tag && piece->first_line + piece->n_lines == block->n_lines)
    cairo_tag_end (cr, block->role);
}

static void
draw_cell (AtlasBriefing *self,
           cairo_t       *cr,
           const Cell    *cell,
           double         x,
           double         y)
{
  g_autoptr(PangoLayout) layout = _atlas_briefing_cell_layout (self, cell);

  set_source (cr, cell->color);
  cairo_move_to (cr, x + cell->x, y + cell->y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_row_rule (cairo_t *cr,
               double   x,
               double   y,
               double   width)
{
  set_source (cr, RULE_COLOR);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
}

static void
draw_row_piece (AtlasBriefing *self,
                cairo_t       *cr,
                const Piece   *piece)
{
  Block *block = piece->block;
  double x = MARGIN_SIDE + block->x;

  cairo_save (cr);
  /* A row taller than a page is cut rather than spilled over the footer. */
  cairo_rectangle (cr, 0, 0, self->page_width, self->page_height - MARGIN_BOTTOM + 4);
  cairo_clip (cr);

  if (block->shaded)
    {
      set_source (cr, SHADE_COLOR);
      cairo_rectangle (cr, x, piece->y, self->content_width, block->height);
      cairo_fill (cr);
    }

  if (self->tagged)
    {
      if (block->table_begin)
        cairo_tag_begin (cr, "Table", "");
      cairo_tag_begin (cr, "TR", "");
    }

  for (guint i = 0; i < block->cells->len; i++)
    {
      const Cell *cell = &g_array_index (block->cells, Cell, i);

      if (self->tagged)
        cairo_tag_begin (cr, block->header_row ? "TH" : "TD", "");

      if (cell->has_swatch)
        {
          double size = 8;

          atlas_map_render_draw_swatch (self->map, cr, x + cell->x - size - 6,
                                        piece->y + cell->y + cell->baseline - size + 0.5,
                                        size, cell->swatch, cell->swatch_index);
        }
      draw_cell (self, cr, cell, x, piece->y);
      if (self->tagged)
        cairo_tag_end (cr, block->header_row ? "TH" : "TD");
    }

  if (block->kind == BLOCK_CONTENTS_ROW && block->target >= 0)
    {
      guint page = g_array_index (self->section_pages, guint, block->target);
      g_autofree char *number = g_strdup_printf ("%u", page + 1);
      g_autoptr(PangoLayout) layout = _atlas_briefing_new_layout (self, number, BODY_SIZE, PANGO_WEIGHT_NORMAL, -1);
      g_autofree char *link = g_strdup_printf ("page=%u", page + 1);
      double w;

      _atlas_briefing_layout_size (layout, &w, NULL);
      if (self->tagged)
        cairo_tag_begin (cr, "TD", "");
      set_source (cr, TEXT_COLOR);
      cairo_move_to (cr, x + self->content_width - 4 - w, piece->y + ROW_PADDING);
      pango_cairo_show_layout (cr, layout);

      /* The whole row links to the section. */
      cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
      cairo_rectangle (cr, x, piece->y, self->content_width, block->height);
      cairo_set_source_rgba (cr, 0, 0, 0, 0);
      cairo_fill (cr);
      cairo_tag_end (cr, CAIRO_TAG_LINK);
      if (self->tagged)
        cairo_tag_end (cr, "TD");
    }

  if (self->tagged)
    {
      cairo_tag_end (cr, "TR");
      if (block->table_end)
        cairo_tag_end (cr, "Table");
    }

  if (block->rule)
    draw_row_rule (cr, x, piece->y + block->height, self->content_width);

  cairo_restore (cr);
}

static void
draw_chips_piece (AtlasBriefing *self,
                  cairo_t       *cr,
                  const Piece   *piece)
{
  Block *block = piece->block;
  double x = MARGIN_SIDE + block->x;

  if (self->tagged)
    cairo_tag_begin (cr, block->role, "");
  for (guint i = 0; i < block->cells->len; i++)
    {
      const Cell *cell = &g_array_index (block->cells, Cell, i);
      double cx = x + cell->x, cy = piece->y + cell->y;
      double r = cell->height / 2, swatch = 8;
      g_autoptr(PangoLayout) layout = _atlas_briefing_cell_layout (self, cell);

      cairo_new_sub_path (cr);
      cairo_arc (cr, cx + cell->width - r, cy + r, r, -G_PI / 2, G_PI / 2);
      cairo_arc (cr, cx + r, cy + r, r, G_PI / 2, 3 * G_PI / 2);
      cairo_close_path (cr);
      set_source (cr, SHADE_COLOR);
      cairo_fill_preserve (cr);
      set_source (cr, RULE_COLOR);
      cairo_set_line_width (cr, 0.6);
      cairo_stroke (cr);

      atlas_map_render_draw_swatch (self->map, cr, cx + 6, cy + (cell->height - swatch) / 2,
                                    swatch, cell->swatch, cell->swatch_index);
      set_source (cr, cell->color);
      cairo_move_to (cr, cx + 6 + swatch + 4, cy + (cell->height - cell->text_height) / 2);
      pango_cairo_show_layout (cr, layout);
    }
  if (self->tagged)
    cairo_tag_end (cr, block->role);
}

static void
draw_map_piece (AtlasBriefing *self,
                cairo_t       *cr,
                const Piece   *piece)
{
  double x = MARGIN_SIDE, y = piece->y;
  double height = piece->block->height, legend_height;

  if (self->tagged)
    cairo_tag_begin (cr, "Figure", "");
  atlas_map_render_draw_map (self->map, cr, x, y, self->content_width, height);
  atlas_map_render_draw_legend (self->map, NULL, 0, 0, MAP_LABEL_SIZE, NULL, &legend_height);
  atlas_map_render_draw_legend (self->map, cr, x + 8, y + height - 8 - legend_height,
                                MAP_LABEL_SIZE, NULL, NULL);
  if (self->tagged)
    cairo_tag_end (cr, "Figure");
  /* The source and the outlines' credit are in the caption under the map. */
}

/* A page that goes on with a partner's section says whose. */
static void
draw_header (AtlasBriefing *self,
             cairo_t       *cr,
             GArray        *pieces)
{
  const Piece *first;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  if (pieces->len == 0)
    return;
  first = &g_array_index (pieces, Piece, 0);
  if (first->block->owner < 0 || first->block->section >= 0)
    return;

  /* Translators: at the top of a page that continues a partner's section */
  text = g_strdup_printf (_("%s (continued)"),
                          (const char *) g_ptr_array_index (self->section_titles, first->block->owner));
  line = atlas_text_layout_one_line (text);
  layout = _atlas_briefing_new_layout (self, line, 7.5, PANGO_WEIGHT_NORMAL, self->content_width);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  set_source (cr, SECONDARY_COLOR);
  cairo_move_to (cr, MARGIN_SIDE, MARGIN_TOP - 30);
  pango_cairo_show_layout (cr, layout);
  draw_row_rule (cr, MARGIN_SIDE, MARGIN_TOP - 16, self->content_width);
}

static void
draw_footer (AtlasBriefing *self,
             cairo_t       *cr,
             guint          page)
{
  /* Translators: the page number in a briefing's footer */
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  g_autoptr(PangoLayout) right = _atlas_briefing_new_layout (self, number, 7.5, PANGO_WEIGHT_NORMAL, -1);
  g_autoptr(PangoLayout) left = NULL;
  g_autofree char *footer = NULL;
  double y = self->page_height - MARGIN_BOTTOM + 22;
  double w;

  _atlas_briefing_layout_size (right, &w, NULL);
  /* The dataset's title may be a page long: only what one line shows is
   * laid out (and written to the PDF). */
  footer = atlas_text_layout_one_line (self->footer);
  left = _atlas_briefing_new_layout (self, footer, 7.5, PANGO_WEIGHT_NORMAL, -1);
  pango_layout_set_width (left, (int) ((self->content_width - w - 24) * PANGO_SCALE));
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);

  draw_row_rule (cr, MARGIN_SIDE, y - 6, self->content_width);
  set_source (cr, SECONDARY_COLOR);
  cairo_move_to (cr, MARGIN_SIDE, y);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, MARGIN_SIDE + self->content_width - w, y);
  pango_cairo_show_layout (cr, right);
}

void
atlas_briefing_draw_page (AtlasBriefing *self,
                          cairo_t       *cr,
                          guint          page)
{
  GArray *pieces;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->pages != NULL);
  g_return_if_fail (page < self->pages->len);

  pieces = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  for (guint i = 0; i < pieces->len; i++)
    {
      const Piece *piece = &g_array_index (pieces, Piece, i);

      switch (piece->block->kind)
        {
        case BLOCK_TEXT:
          draw_text_piece (self, cr, piece);
          break;
        case BLOCK_ROW:
        case BLOCK_CONTENTS_ROW:
          draw_row_piece (self, cr, piece);
          break;
        case BLOCK_CHIPS:
          draw_chips_piece (self, cr, piece);
          break;
        case BLOCK_MAP:
          draw_map_piece (self, cr, piece);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* Outside any element: running headers and footers are not content. */
  draw_header (self, cr, pieces);
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

