/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The briefing is a flow of blocks (a paragraph, a table row, the chips, the
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

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "atlas-briefing.h"
#include "atlas-export-private.h"
#include "atlas-format-rules.h"
#include "atlas-text-layout.h"
#include "atlas-map-render.h"

#define FONT_FAMILY "Cantarell, Nimbus Sans, DejaVu Sans, sans-serif"

/* Sizes in points */
#define MARGIN_SIDE    56.0
#define MARGIN_TOP     56.0
#define MARGIN_BOTTOM  64.0
#define BODY_SIZE      9.5
#define SMALL_SIZE     8.0
#define H1_SIZE        20.0
#define H2_SIZE        11.5
#define TITLE_SIZE     24.0
#define COLUMN_GAP     8.0
#define ROW_PADDING    3.5
#define MAP_LABEL_SIZE 6.5

/* Values longer than this are cut in the history table: the full current
 * text is in the section above it. */
#define MAX_HISTORY_VALUE 240

/* The layouts of the first this many bytes of text are kept from layout
 * to drawing (a few MB; every layout of a briefing of the bundled data):
 * beyond, texts are laid out again when drawn (see above). */
#define KEEP_TEXT (256 * 1024)

#define TEXT_COLOR      0x1e1e1e
#define SECONDARY_COLOR 0x5e5c64
#define LINK_COLOR      0x1a5fb4
#define RULE_COLOR      0xdeddda
#define SHADE_COLOR     0xf3f2f1

typedef enum {
  BLOCK_TEXT,
  BLOCK_ROW,
  BLOCK_CHIPS,
  BLOCK_MAP,
  BLOCK_CONTENTS_ROW,
} BlockKind;

/* What a text is laid out from (see above) */
typedef struct
{
  char        *text;
  float        size;
  float        width;    /* wraps at it; <= 0: one line */
  PangoWeight  weight;
  int          spacing;  /* Pango units */
} Spec;

typedef struct
{
  double x;
  double top;
  double bottom;
  double baseline;
} Line;

typedef struct
{
  Spec         spec;
  PangoLayout *layout;   /* or NULL: laid out again when drawn */
  double       text_width;
  double       text_height;
  double       baseline;
  double       x;
  double       y;
  double       width;    /* chips: the chip's width */
  double       height;   /* chips: the chip's height */
  gboolean     has_swatch;
  guint32      swatch;
  int          swatch_index;
  guint32      color;
} Cell;

typedef struct
{
  BlockKind    kind;
  double       space_before;
  double       height;
  double       x;             /* from the content's left edge */
  gboolean     keep_with_next;
  gboolean     new_page;
  int          section;       /* the partner whose section starts here, or -1 */
  int          owner;         /* the partner whose section this is in, or -1 */
  guint32      color;
  double       min_room;      /* starts a new page when less room is left */

  /* The PDF structure: the element a text block is ("H1", "H2", "P",
   * "Figure"), a row's place in its table. */
  const char  *role;
  gboolean     table_begin;
  gboolean     table_end;
  gboolean     header_row;

  /* BLOCK_TEXT */
  Spec         spec;
  PangoLayout *layout;        /* or NULL: laid out again when drawn */
  guint        first_line;    /* in the briefing's lines */
  guint        n_lines;
  const char  *marker;        /* a bullet hanging left of the text */
  char        *uri;

  /* BLOCK_ROW, BLOCK_CHIPS, BLOCK_CONTENTS_ROW */
  GArray      *cells;         /* Cell */
  gboolean     shaded;
  gboolean     rule;
  int          target;        /* BLOCK_CONTENTS_ROW: a section */
} Block;

typedef struct
{
  Block *block;
  double y;
  guint  first_line;
  guint  n_lines;
} Piece;

struct _AtlasBriefing
{
  AtlasDataset   *dataset;
  AtlasLens      *lens;
  GPtrArray      *partners;
  char           *title;
  gboolean        hatch;
  gboolean        tagged;
  gboolean        fiche;
  AtlasBriefingOrder order;
  AtlasBriefingAnnexFunc annex_func;
  gpointer        annex_data;
  GDestroyNotify  annex_destroy;
  GPtrArray      *figure_alts;

  double          page_width;
  double          page_height;
  double          content_width;

  PangoContext   *context;
  AtlasMapRender *map;
  GPtrArray      *blocks;     /* Block */
  GPtrArray      *pages;      /* GArray of Piece */
  GArray         *section_pages;
  GPtrArray      *section_titles;
  int             owner;      /* the section blocks are added to, -1: cover */
  char           *footer;
  Block          *last_row;   /* of the table being added */
  double          row_scale;  /* of the table rows' text: 1, or less in a crowded matrix */
  GArray         *lines;      /* Line, of every text block */
  gsize           kept;       /* bytes of text whose layouts are kept */
  Block          *drawn;      /* the text block drawn last... */
  PangoLayout    *drawn_layout; /* ...and its layout */
};

static void
cell_clear (Cell *cell)
{
  g_clear_pointer (&cell->spec.text, g_free);
  g_clear_object (&cell->layout);
}

static void
block_free (Block *block)
{
  g_free (block->spec.text);
  g_clear_object (&block->layout);
  g_free (block->uri);
  g_clear_pointer (&block->cells, g_array_unref);
  g_free (block);
}

static void
set_source (cairo_t *cr,
            guint32  color)
{
  cairo_set_source_rgb (cr,
                        ((color >> 16) & 0xff) / 255.0,
                        ((color >> 8) & 0xff) / 255.0,
                        (color & 0xff) / 255.0);
}

static double
luminance (guint32 color)
{
  return (0.2126 * ((color >> 16) & 0xff) +
          0.7152 * ((color >> 8) & 0xff) +
          0.0722 * (color & 0xff)) / 255.0;
}

/* The subject's colour marks the briefing, unless too pale to read. */
static guint32
accent_color (AtlasBriefing *self)
{
  guint32 color = atlas_dataset_get_subject_color (self->dataset);

  return luminance (color) < 0.55 ? color : TEXT_COLOR;
}

static PangoLayout *
new_layout (AtlasBriefing *self,
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

static void
layout_size (PangoLayout *layout,
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
  PangoLayout *layout = new_layout (self, spec->text, spec->size, spec->weight, spec->width);

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
static void
cell_init (AtlasBriefing *self,
           Cell          *cell,
           const char    *text,
           double         size,
           PangoWeight    weight,
           double         width)
{
  g_autoptr(PangoLayout) layout = NULL;

  spec_init (&cell->spec, text, size, weight, width);
  layout = spec_layout (self, &cell->spec);
  layout_size (layout, &cell->text_width, &cell->text_height);
  cell->baseline = (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
  cell->layout = keep_layout (self, layout);
}

/* A new reference to the layout of a cell being drawn */
static PangoLayout *
cell_layout (AtlasBriefing *self,
             const Cell    *cell)
{
  return cell->layout ? g_object_ref (cell->layout) : spec_layout (self, &cell->spec);
}

/* The layout of a text block being drawn. Pages are drawn in order, so
 * the one laid out again last is kept: a paragraph that goes on over the
 * next pages is laid out once more, not once a page. */
static PangoLayout *
block_layout (AtlasBriefing *self,
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

static inline const Line *
block_lines (AtlasBriefing *self,
             Block         *block)
{
  return &g_array_index (self->lines, Line, block->first_line);
}

static Block *
block_new (BlockKind kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->section = -1;
  block->target = -1;
  block->color = TEXT_COLOR;

  return block;
}

static Block *
add_block (AtlasBriefing *self,
           Block         *block)
{
  block->owner = self->owner;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
measure_lines (AtlasBriefing *self,
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

  layout_size (layout, NULL, &block->height);
  block->layout = keep_layout (self, layout);
}

static Block *
add_text (AtlasBriefing *self,
          const char    *text,
          double         size,
          PangoWeight    weight,
          guint32        color,
          double         space_before)
{
  Block *block = block_new (BLOCK_TEXT);

  spec_init (&block->spec, text, size, weight, self->content_width);
  block->color = color;
  block->space_before = space_before;
  block->role = "P";
  measure_lines (self, block);

  return add_block (self, block);
}

static Block *
add_heading (AtlasBriefing *self,
             const char    *text)
{
  Block *block = add_text (self, text, H2_SIZE, PANGO_WEIGHT_BOLD, TEXT_COLOR, 16);

  block->keep_with_next = TRUE;
  block->role = "H2";
  return block;
}

/* A list item: the text indented, a bullet in the margin, an optional link
 * line under it; @level 1 is an item of the item above. */
static void
add_item (AtlasBriefing *self,
          const char    *text,
          const char    *uri,
          guint          level)
{
  double indent = 12 * (level + 1);
  Block *block = block_new (BLOCK_TEXT);

  spec_init (&block->spec, text, level > 0 ? BODY_SIZE - 0.5 : BODY_SIZE,
             PANGO_WEIGHT_NORMAL, self->content_width - indent);
  block->marker = level > 0 ? "–" : "•";
  block->x = indent;
  block->role = "P";
  block->space_before = level > 0 ? 2 : 4;
  if (level > 0)
    block->color = SECONDARY_COLOR;
  measure_lines (self, block);
  add_block (self, block);

  /* Only what the format takes as a link becomes one (a file written by
   * hand may not have been checked). */
  if (uri != NULL && atlas_format_is_web_link (uri))
    {
      Block *link = block_new (BLOCK_TEXT);

      spec_init (&link->spec, uri, SMALL_SIZE, PANGO_WEIGHT_NORMAL, self->content_width - indent);
      link->x = indent;
      link->space_before = 1;
      link->color = LINK_COLOR;
      link->uri = g_strdup (uri);
      link->role = "P";
      measure_lines (self, link);
      block->keep_with_next = TRUE;
      add_block (self, link);
    }
}

typedef struct
{
  const char *title;
  double      share;   /* of the content's width */
} Column;

static Block *
add_row (AtlasBriefing      *self,
         const Column       *columns,
         guint               n_columns,
         const char * const *texts,
         gboolean            header)
{
  Block *block = block_new (BLOCK_ROW);
  double x = 0;

  block->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (block->cells, (GDestroyNotify) cell_clear);
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

      cell_init (self, &cell, text ? text : "—",
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
  return add_block (self, block);
}

/* Closes the table whose rows were added last. */
static void
end_table (AtlasBriefing *self)
{
  if (self->last_row != NULL)
    self->last_row->table_end = TRUE;
  self->last_row = NULL;
}

static void
add_table_header (AtlasBriefing *self,
                  const Column  *columns,
                  guint          n_columns)
{
  g_autofree const char **titles = g_new0 (const char *, n_columns);

  for (guint i = 0; i < n_columns; i++)
    titles[i] = columns[i].title;
  add_row (self, columns, n_columns, titles, TRUE);
}

/* The app's labels for the enumerated fields (atlas-entries.c). */
static const char *
value_label (const char *value)
{
  return atlas_entry_value_get_label (value);
}

static char *
year_text (int year)
{
  return year > 0 ? g_strdup_printf ("%d", year) : NULL;
}

/* Takes @text; returns it cut to MAX_HISTORY_VALUE characters. */
static char *
shorten (char *text)
{
  char *cut;

  if (text == NULL || g_utf8_strlen (text, -1) <= MAX_HISTORY_VALUE)
    return text;

  cut = g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (text, MAX_HISTORY_VALUE) - text), text);
  g_free (text);
  return cut;
}

static void
add_chips (AtlasBriefing *self,
           AtlasPartner  *partner)
{
  GListModel *lenses = atlas_dataset_get_lenses (self->dataset);
  Block *block = block_new (BLOCK_CHIPS);
  double x = 0, y = 0, row_height = 0;
  double pad_x = 6, pad_y = 3.5, swatch = 8, gap = 4, spacing = 5;

  block->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (block->cells, (GDestroyNotify) cell_clear);
  block->space_before = 6;
  block->role = "P";

  for (guint i = 0; i < g_list_model_get_n_items (lenses); i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
      const char *category_id = atlas_partner_get_indicator (partner, atlas_lens_get_id (lens));
      AtlasCategory *category = category_id ? atlas_lens_find_category (lens, category_id) : NULL;
      g_autofree char *text = NULL;
      Cell cell = { 0 };

      /* Translators: an indicator chip, "Lens: Category" */
      text = g_strdup_printf (_("%s: %s"), atlas_lens_get_name (lens),
                              category ? atlas_category_get_name (category)
                                       : atlas_lens_get_empty_label (lens, atlas_dataset_get_as_of (self->dataset)));
      cell_init (self, &cell, text, SMALL_SIZE, PANGO_WEIGHT_NORMAL,
                 self->content_width - 2 * pad_x - swatch - gap);
      cell.has_swatch = TRUE;
      cell.swatch = category ? atlas_category_get_color (category) : ATLAS_MAP_NO_DATA_COLOR;
      cell.swatch_index = category ? atlas_lens_get_category_index (lens, category_id) : -1;
      cell.width = pad_x + swatch + gap + cell.text_width + pad_x;
      cell.height = MAX (cell.text_height, swatch) + 2 * pad_y;
      cell.color = TEXT_COLOR;

      if (x > 0 && x + cell.width > self->content_width)
        {
          x = 0;
          y += row_height + spacing;
          row_height = 0;
        }
      cell.x = x;
      cell.y = y;
      x += cell.width + spacing;
      row_height = MAX (row_height, cell.height);
      g_array_append_val (block->cells, cell);
    }

  block->height = y + row_height;
  if (block->cells->len > 0)
    add_block (self, block);
  else
    block_free (block);
}

/* A dialogue's last round as of the briefing's date ("6 Dec 2023, Brussels"),
 * or what makes it overdue ("No round since 6 Dec 2023", "No round
 * recorded"). */
static char *
last_round_text (AtlasBriefing *self,
                 AtlasDialogue *dialogue)
{
  const char *as_of = atlas_dataset_get_as_of (self->dataset);
  char *overdue = atlas_dialogue_dup_overdue_text (dialogue, as_of);
  const AtlasRound *last;
  g_autofree char *when = NULL;

  if (overdue != NULL)
    return overdue;

  last = atlas_dialogue_get_last_round (dialogue, as_of);
  if (last == NULL)
    return g_strdup ("");

  when = atlas_round_date_format_short (last->date);
  if (last->place == NULL)
    return g_steal_pointer (&when);

  /* Translators: a dialogue's last round: "6 Dec 2023, Brussels" */
  return g_strdup_printf (_("%s, %s"), when, last->place);
}

/* The dialogues overdue as of the dataset's date, partner by partner, on
 * the cover after the matrix; nothing when none is. */
static void
add_overdue (AtlasBriefing *self)
{
  const char *as_of = atlas_dataset_get_as_of (self->dataset);
  g_autofree char *date = atlas_format_display_date (as_of);
  g_autofree char *heading = NULL;
  const Column columns[] = {
    { _("Partner"), 0.22 },
    { _("Dialogue"), 0.46 },
    { _("Frequency"), 0.12 },
    { _("Last round"), 0.20 },
  };
  gboolean any = FALSE;
  Block *block;

  for (guint p = 0; p < self->partners->len && !any; p++)
    any = atlas_partner_count_overdue_dialogues (g_ptr_array_index (self->partners, p), as_of) > 0;
  if (!any)
    return;

  /* Translators: a heading in the briefing; %s is a date */
  heading = g_strdup_printf (_("Overdue dialogues, as of %s"), date);
  block = add_heading (self, heading);
  block->space_before = 14;
  block = add_text (self, _("Active dialogues that have had no round for twice their frequency, "
                            "or none on record."),
                    SMALL_SIZE, PANGO_WEIGHT_NORMAL, SECONDARY_COLOR, 2);
  block->keep_with_next = TRUE;

  add_table_header (self, columns, G_N_ELEMENTS (columns));
  for (guint p = 0; p < self->partners->len; p++)
    {
      AtlasPartner *partner = g_ptr_array_index (self->partners, p);
      GListModel *dialogues = atlas_partner_get_dialogues (partner);

      for (guint i = 0; i < g_list_model_get_n_items (dialogues); i++)
        {
          g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (dialogues, i);
          g_autofree char *last = NULL;
          const char *texts[4];

          if (!atlas_dialogue_is_overdue (dialogue, as_of))
            continue;

          last = last_round_text (self, dialogue);
          texts[0] = atlas_partner_get_display_name (partner);
          texts[1] = atlas_dialogue_get_name (dialogue);
          texts[2] = atlas_dialogue_get_frequency (dialogue);
          texts[3] = last;
          add_row (self, columns, G_N_ELEMENTS (columns), texts, FALSE);
        }
    }
  end_table (self);
}

static char *source_line (AtlasBriefing *self);

static void
add_section (AtlasBriefing *self,
             AtlasPartner  *partner,
             int            section)
{
  GListModel *documents = atlas_partner_get_documents (partner);
  GListModel *dialogues = atlas_partner_get_dialogues (partner);
  GListModel *agreements = atlas_partner_get_agreements (partner);
  GListModel *sources = atlas_partner_get_sources (partner);
  GListModel *history = atlas_partner_get_history (partner);
  g_autofree char *updated = atlas_format_display_date (atlas_partner_get_updated (partner));
  g_auto(GStrv) paragraphs = NULL;
  Block *block;

  if (self->fiche)
    {
      g_autofree char *date = atlas_format_display_date (atlas_dataset_get_as_of (self->dataset));
      g_autofree char *upper = g_utf8_strup (_("Partner fiche"), -1);
      /* Translators: above a partner fiche's title: "PARTNER FICHE · as of DATE" */
      g_autofree char *overline = g_strdup_printf (_("%s · as of %s"), upper, date);

      block = add_text (self, overline, SMALL_SIZE + 0.5, PANGO_WEIGHT_BOLD, accent_color (self), 0);
      block->new_page = TRUE;
      block->section = section;
      block->keep_with_next = TRUE;
    }

  block = add_text (self, atlas_partner_get_display_name (partner), H1_SIZE, PANGO_WEIGHT_BOLD,
                    TEXT_COLOR, self->fiche ? 4 : 30);
  /* A section starts on a new page rather than in the last quarter of one. */
  block->min_room = (self->page_height - MARGIN_TOP - MARGIN_BOTTOM) * 0.25;
  if (!self->fiche)
    block->section = section;
  block->keep_with_next = TRUE;
  block->role = "H1";

  /* The bottom line first: the assessment, then the indicators, then the
   * tables. Sections with nothing to say are left out. */
  paragraphs = g_strsplit (atlas_partner_get_assessment (partner), "\n\n", -1);
  for (guint i = 0, n = 0; paragraphs[i] != NULL; i++)
    {
      g_strstrip (paragraphs[i]);
      if (*paragraphs[i] == '\0')
        continue;
      if (n++ == 0)
        add_heading (self, _("Assessment"))->space_before = 10;
      add_text (self, paragraphs[i], BODY_SIZE, PANGO_WEIGHT_NORMAL, TEXT_COLOR, n == 1 ? 4 : 6);
    }

  add_heading (self, _("Indicators"));
  add_chips (self, partner);

  if (self->fiche)
    {
      block = add_block (self, block_new (BLOCK_MAP));
      block->height = MIN (self->content_width / atlas_map_render_get_aspect (), self->page_height * 0.2);
      block->space_before = 10;
      block->role = "Figure";
    }

  if (g_list_model_get_n_items (documents) > 0)
    add_heading (self, _("Key documents"));
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AtlasDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *text = NULL;

      if (atlas_document_get_year (document) > 0)
        text = g_strdup_printf ("%s (%d)", atlas_document_get_title (document),
                                atlas_document_get_year (document));
      else
        text = g_strdup (atlas_document_get_title (document));
      add_item (self, text, atlas_document_get_url (document), 0);
    }

  if (g_list_model_get_n_items (dialogues) > 0)
    {
      add_heading (self, _("Dialogues"));
      const Column columns[] = {
        { _("Dialogue"), 0.33 },
        { _("Level"), 0.13 },
        { _("Frequency"), 0.13 },
        { _("Since"), 0.08 },
        { _("Status"), 0.12 },
        { _("Last round"), 0.21 },
      };

      add_table_header (self, columns, G_N_ELEMENTS (columns));
      for (guint i = 0; i < g_list_model_get_n_items (dialogues); i++)
        {
          g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (dialogues, i);
          g_autofree char *since = year_text (atlas_dialogue_get_established (dialogue));
          g_autofree char *last = last_round_text (self, dialogue);
          const char *texts[] = {
            atlas_dialogue_get_name (dialogue),
            value_label (atlas_dialogue_get_level (dialogue)),
            atlas_dialogue_get_frequency (dialogue),
            since,
            value_label (atlas_dialogue_get_status (dialogue)),
            last,
          };

          add_row (self, columns, G_N_ELEMENTS (columns), texts, FALSE);
        }
      end_table (self);
    }

  if (g_list_model_get_n_items (agreements) > 0)
    {
      add_heading (self, _("Agreements"));
      const Column columns[] = {
        { _("Agreement"), 0.40 },
        { _("Type"), 0.22 },
        { _("Signed"), 0.10 },
        { _("In force"), 0.10 },
        { _("Status"), 0.18 },
      };

      add_table_header (self, columns, G_N_ELEMENTS (columns));
      for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
        {
          g_autoptr(AtlasAgreement) agreement = g_list_model_get_item (agreements, i);
          g_autofree char *signed_year = year_text (atlas_agreement_get_signed (agreement));
          g_autofree char *in_force = year_text (atlas_agreement_get_in_force (agreement));
          const char *texts[] = {
            atlas_agreement_get_title (agreement),
            value_label (atlas_agreement_get_kind (agreement)),
            signed_year,
            in_force,
            value_label (atlas_agreement_get_status (agreement)),
          };

          add_row (self, columns, G_N_ELEMENTS (columns), texts, FALSE);
        }
      end_table (self);
    }

  add_heading (self, _("Last update and sources"));
  {
    /* Translators: %s is a date */
    g_autofree char *line = g_strdup_printf (_("Profile last updated %s."), updated);

    add_text (self, line, BODY_SIZE, PANGO_WEIGHT_NORMAL, TEXT_COLOR, 4);
  }
  /* A source cited several times in a row is named once, its places under it. */
  for (guint i = 0; i < g_list_model_get_n_items (sources); )
    {
      g_autoptr(AtlasSourceRef) ref = g_list_model_get_item (sources, i);
      const char *id = atlas_source_ref_get_id (ref);
      AtlasSource *source = atlas_dataset_find_source (self->dataset, id);
      g_autoptr(GString) text = g_string_new (NULL);
      guint end = i + 1;

      while (end < g_list_model_get_n_items (sources))
        {
          g_autoptr(AtlasSourceRef) next = g_list_model_get_item (sources, end);

          if (!g_str_equal (atlas_source_ref_get_id (next), id))
            break;
          end++;
        }

      if (source != NULL)
        {
          if (*atlas_source_get_author (source) != '\0')
            g_string_append_printf (text, "%s, ", atlas_source_get_author (source));
          g_string_append (text, atlas_source_get_title (source));
          if (atlas_source_get_year (source) > 0)
            g_string_append_printf (text, " (%d)", atlas_source_get_year (source));
        }
      else
        g_string_append (text, id);
      /* A fiche names the works, the briefing also the places in them. */
      if (end == i + 1 && !self->fiche && *atlas_source_ref_get_locator (ref) != '\0')
        g_string_append_printf (text, " — %s", atlas_source_ref_get_locator (ref));
      add_item (self, text->str, source ? atlas_source_get_url (source) : NULL, 0);
      if (end > i + 1 && !self->fiche)
        ((Block *) g_ptr_array_index (self->blocks, self->blocks->len - 1))->keep_with_next = TRUE;

      for (guint j = i; end > i + 1 && !self->fiche && j < end; j++)
        {
          g_autoptr(AtlasSourceRef) place = g_list_model_get_item (sources, j);

          if (*atlas_source_ref_get_locator (place) != '\0')
            add_item (self, atlas_source_ref_get_locator (place), NULL, 1);
        }
      i = end;
    }

  /* A fiche has no cover: it carries the credit itself. */
  if (self->fiche)
    {
      g_autofree char *source = source_line (self);

      add_text (self, source, SMALL_SIZE, PANGO_WEIGHT_NORMAL, SECONDARY_COLOR, 10);
    }

  /* A fiche is for the minister's folder: the history stays in the briefing. */
  if (g_list_model_get_n_items (history) > 0 && !self->fiche)
    {
      add_heading (self, _("History"));
      const Column columns[] = {
        { _("Date"), 0.15 },
        { _("Field"), 0.20 },
        { _("Change"), 0.40 },
        { _("Source"), 0.25 },
      };

      add_table_header (self, columns, G_N_ELEMENTS (columns));
      for (guint i = 0; i < g_list_model_get_n_items (history); i++)
        {
          g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, i);
          const char *field = atlas_history_entry_get_field (entry);
          const char *old_value = atlas_history_entry_get_old_value (entry);
          const char *new_value = atlas_history_entry_get_new_value (entry);
          g_autofree char *field_text = NULL;
          g_autofree char *old_text = NULL;
          g_autofree char *new_text = NULL;
          g_autofree char *change = NULL;
          g_autofree char *date = atlas_format_display_date (atlas_history_entry_get_date (entry));
          AtlasLens *lens = NULL;

          if (g_str_has_prefix (field, "indicators."))
            lens = atlas_dataset_find_lens (self->dataset, field + strlen ("indicators."));

          if (lens != NULL)
            {
              AtlasCategory *old_category = old_value ? atlas_lens_find_category (lens, old_value) : NULL;
              AtlasCategory *new_category = new_value ? atlas_lens_find_category (lens, new_value) : NULL;

              field_text = g_strdup (atlas_lens_get_name (lens));
              old_text = g_strdup (old_category ? atlas_category_get_name (old_category) : old_value);
              new_text = g_strdup (new_category ? atlas_category_get_name (new_category) : new_value);
            }
          else
            {
              field_text = g_strdup (g_str_equal (field, "assessment") ? _("Assessment") : field);
              old_text = g_strdup (old_value);
              new_text = g_strdup (new_value);
            }

          old_text = shorten (old_text);
          new_text = shorten (new_text);

          /* Translators: a change in the history, old value → new value */
          change = g_strdup_printf (_("%s → %s"),
                                    old_text ? old_text : _("none"),
                                    new_text ? new_text : _("none"));
          {
            const char *texts[] = { date, field_text, change, atlas_history_entry_get_source (entry) };

            add_row (self, columns, G_N_ELEMENTS (columns), texts, FALSE);
          }
        }
      end_table (self);
    }
}

static double
map_height (AtlasBriefing *self)
{
  return MIN (self->content_width / atlas_map_render_get_aspect (), self->page_height * 0.3);
}

/* What the map shows, for readers who cannot see it. */
static char *
map_alt_text (AtlasBriefing *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->lens == NULL)
    {
      g_string_append (text, _("World map of the partners."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  /* Translators: the start of a map's description for screen readers; %s is a lens */
  g_string_append_printf (text, _("World map coloured by %s."), atlas_lens_get_name (self->lens));
  for (int c = -1; c < (int) atlas_lens_get_n_categories (self->lens); c++)
    {
      g_autoptr(AtlasCategory) category = c >= 0 ? g_list_model_get_item (atlas_lens_get_categories (self->lens), c) : NULL;
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < self->partners->len; i++)
        {
          AtlasPartner *partner = g_ptr_array_index (self->partners, i);
          const char *id = atlas_partner_get_indicator (partner, atlas_lens_get_id (self->lens));
          AtlasCategory *found = id ? atlas_lens_find_category (self->lens, id) : NULL;

          if (found != category)
            continue;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, atlas_partner_get_display_name (partner));
        }
      if (names->len == 0)
        continue;
      /* Translators: in a map's description: a category, then the partners in it */
      g_string_append_printf (text, " %s: %s.", category ? atlas_category_get_name (category)
                                       : atlas_lens_get_empty_label (self->lens, atlas_dataset_get_as_of (self->dataset)),
                              names->str);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Source: author, title (year) · as of DATE" for every output. */
static char *
source_line (AtlasBriefing *self)
{
  return atlas_export_source_line (self->dataset);
}

static double
cell_height (Cell *cell)
{
  return cell->text_height;
}

/* The widest piece of @text no line may break inside, at @size and
 * @weight: a word, or the part of a hyphenated word up to its hyphen
 * ("Multi-|stakeholder" may break there, "Intergovernmental" nowhere). */
static double
widest_word (AtlasBriefing *self,
             const char    *text,
             double         size,
             PangoWeight    weight)
{
  g_autofree char *line = atlas_text_layout_one_line (text ? text : "");
  double widest = 0;

  for (const char *p = line, *end; *p != '\0'; p = end)
    {
      g_autofree char *piece = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      double width;

      for (end = p; *end != '\0' && *end != ' ' && *end != '-'; end++)
        ;
      if (*end == '-')
        end++;
      if (end == p)
        {
          end++;
          continue;
        }
      piece = g_strndup (p, end - p);
      layout = new_layout (self, piece, size, weight, 0);
      layout_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }

  return widest;
}

/* The matrix's column widths, in points: the partners', each lens's (@n
 * of them); the page's is fixed. No column is narrower than its widest
 * word, so no name is cut or hyphenated; the rest of the width goes to
 * make the lenses' columns as equal as they can be. When the widest words
 * alone do not fit, the matrix's text is made smaller (*scale < 1) until
 * they do, down to 70 %. */
static void
matrix_widths (AtlasBriefing *self,
               GListModel    *lenses,
               double         available,
               double         swatch,
               double        *widths,
               double        *scale)
{
  guint n = g_list_model_get_n_items (lenses);
  g_autofree double *words = g_new0 (double, n + 1);
  g_autofree double *fixed = g_new0 (double, n + 1);
  g_autofree gboolean *at_min = g_new0 (gboolean, n + 1);
  double sum_words = 0, sum_fixed = 0, rest;
  guint n_free = n;

  /* The header's words (bold) and the cells' (after a swatch) */
  words[0] = widest_word (self, _("Partner"), SMALL_SIZE, PANGO_WEIGHT_BOLD);
  fixed[0] = COLUMN_GAP + 5;
  for (guint p = 0; p < self->partners->len; p++)
    words[0] = MAX (words[0], widest_word (self, atlas_partner_get_display_name (g_ptr_array_index (self->partners, p)),
                                           SMALL_SIZE + 0.5, PANGO_WEIGHT_SEMIBOLD));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
      GListModel *categories = atlas_lens_get_categories (lens);
      double header = widest_word (self, atlas_lens_get_name (lens), SMALL_SIZE, PANGO_WEIGHT_BOLD);
      double cells = widest_word (self, atlas_lens_get_empty_label (lens, atlas_dataset_get_as_of (self->dataset)),
                                  SMALL_SIZE, PANGO_WEIGHT_NORMAL);

      for (guint c = 0; c < g_list_model_get_n_items (categories); c++)
        {
          g_autoptr(AtlasCategory) category = g_list_model_get_item (categories, c);

          cells = MAX (cells, widest_word (self, atlas_category_get_name (category), SMALL_SIZE, PANGO_WEIGHT_NORMAL));
        }
      /* The header's text starts 4 points in, the cells' after the swatch */
      words[i + 1] = MAX (header, cells);
      fixed[i + 1] = COLUMN_GAP + 1 + (cells + swatch + 6 > header + 4 ? swatch + 6 : 4);
    }
  for (guint i = 0; i <= n; i++)
    {
      sum_words += words[i];
      sum_fixed += fixed[i];
    }

  *scale = 1;
  if (sum_words + sum_fixed > available && sum_words > 0)
    *scale = MAX ((available - sum_fixed) / sum_words, 0.7);
  for (guint i = 0; i <= n; i++)
    widths[i] = words[i] * *scale + fixed[i];
  if (*scale < 1)
    {
      /* Shared by what each needs */
      double total = 0;

      for (guint i = 0; i <= n; i++)
        total += widths[i];
      for (guint i = 0; i <= n; i++)
        widths[i] *= available / total;
      return;
    }

  /* The partners' column keeps its usual share if there is room */
  rest = available - widths[0];
  for (guint i = 1; i <= n; i++)
    rest -= widths[i];
  widths[0] += MIN (MAX (0.165 * self->content_width - widths[0], 0), rest);
  rest = available - widths[0];
  /* The lenses: equal, save those whose words need more */
  for (gboolean changed = TRUE; changed && n_free > 0;)
    {
      double share = rest / n_free;

      changed = FALSE;
      for (guint i = 1; i <= n; i++)
        if (!at_min[i] && widths[i] > share)
          {
            at_min[i] = TRUE;
            rest -= widths[i];
            n_free--;
            changed = TRUE;
          }
    }
  for (guint i = 1; i <= n; i++)
    if (!at_min[i])
      widths[i] = rest / n_free;
}

/* The at-a-glance matrix: every partner under every lens, with the page of
 * its section. */
static void
add_matrix (AtlasBriefing *self)
{
  GListModel *lenses = atlas_dataset_get_lenses (self->dataset);
  guint n_lenses = g_list_model_get_n_items (lenses);
  double page_share = 0.07;
  double swatch = 8;
  g_autofree double *widths = g_new0 (double, n_lenses + 1);
  double scale;
  g_autofree char *date = atlas_format_display_date (atlas_dataset_get_as_of (self->dataset));
  g_autofree char *heading = NULL;
  g_autofree char *note = NULL;
  Block *block;

  /* Translators: a heading in the briefing; %s is a date */
  heading = g_strdup_printf (_("At a glance, as of %s"), date);
  block = add_heading (self, heading);
  block->space_before = 14;

  if (self->order == ATLAS_BRIEFING_ORDER_CATEGORY && self->lens != NULL)
    /* Translators: %s is a lens, such as "Depth of cooperation" */
    note = g_strdup_printf (_("Partners by %s, then alphabetically; the page of each partner’s section on the right."),
                            atlas_lens_get_name (self->lens));
  else
    note = g_strdup (_("Partners in alphabetical order; the page of each partner’s section on the right."));
  block = add_text (self, note, SMALL_SIZE, PANGO_WEIGHT_NORMAL, SECONDARY_COLOR, 2);
  block->keep_with_next = TRUE;

  matrix_widths (self, lenses, self->content_width * (1 - page_share), swatch, widths, &scale);

  /* The header row */
  {
    g_autoptr(GPtrArray) titles = g_ptr_array_new ();
    g_autofree Column *columns = g_new0 (Column, n_lenses + 2);

    columns[0] = (Column) { _("Partner"), widths[0] / self->content_width };
    for (guint i = 0; i < n_lenses; i++)
      {
        g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);

        /* Borrowed from the dataset, which outlives the row */
        columns[i + 1] = (Column) { atlas_lens_get_name (lens), widths[i + 1] / self->content_width };
      }
    columns[n_lenses + 1] = (Column) { _("Page"), page_share };
    self->row_scale = scale;
    block = add_row (self, columns, n_lenses + 2, NULL, TRUE);
    self->row_scale = 1;
    block->keep_with_next = TRUE;
  }

  for (guint p = 0; p < self->partners->len; p++)
    {
      AtlasPartner *partner = g_ptr_array_index (self->partners, p);
      double x = 0;
      Cell name = { 0 };

      block = block_new (BLOCK_CONTENTS_ROW);
      block->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
      g_array_set_clear_func (block->cells, (GDestroyNotify) cell_clear);
      block->rule = TRUE;
      block->target = p;
      /* The matrix stays in one piece. */
      block->keep_with_next = p + 1 < self->partners->len;

      cell_init (self, &name, atlas_partner_get_display_name (partner), (SMALL_SIZE + 0.5) * scale,
                 PANGO_WEIGHT_SEMIBOLD, widths[0] - COLUMN_GAP);
      name.x = 4;
      name.y = ROW_PADDING;
      name.color = TEXT_COLOR;
      block->height = cell_height (&name) + 2 * ROW_PADDING;
      g_array_append_val (block->cells, name);
      x = widths[0];

      for (guint i = 0; i < n_lenses; i++)
        {
          g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
          const char *category_id = atlas_partner_get_indicator (partner, atlas_lens_get_id (lens));
          AtlasCategory *category = category_id ? atlas_lens_find_category (lens, category_id) : NULL;
          Cell value = { 0 };

          cell_init (self, &value, category ? atlas_category_get_name (category)
                                       : atlas_lens_get_empty_label (lens, atlas_dataset_get_as_of (self->dataset)),
                     SMALL_SIZE * scale, PANGO_WEIGHT_NORMAL, widths[i + 1] - COLUMN_GAP - swatch - 6);
          value.x = x + 4 + swatch + 6;
          value.y = ROW_PADDING;
          value.color = category ? TEXT_COLOR : SECONDARY_COLOR;
          value.has_swatch = TRUE;
          value.swatch = category ? atlas_category_get_color (category) : ATLAS_MAP_NO_DATA_COLOR;
          value.swatch_index = category ? atlas_lens_get_category_index (lens, category_id) : -1;
          block->height = MAX (block->height, cell_height (&value) + 2 * ROW_PADDING);
          g_array_append_val (block->cells, value);
          x += widths[i + 1];
        }

      self->last_row = block;
      add_block (self, block);
    }
  end_table (self);
}

static void
add_cover (AtlasBriefing *self)
{
  g_autofree char *date = atlas_format_display_date (atlas_dataset_get_as_of (self->dataset));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = atlas_format_display_date (today_iso);
  g_autofree char *overline = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *partners_text = NULL;
  g_autofree char *source = NULL;
  Block *block;

  /* Translators: above the title of an exported briefing */
  overline = g_utf8_strup (_("Briefing"), -1);
  /* No letter-spacing: it splits the word for search and copy. */
  add_text (self, overline, SMALL_SIZE + 0.5, PANGO_WEIGHT_BOLD, accent_color (self), 0);

  block = add_text (self, self->title, TITLE_SIZE, PANGO_WEIGHT_BOLD, TEXT_COLOR, 6);
  block->role = "H1";
  block->spec.spacing = -2 * PANGO_SCALE;
  measure_lines (self, block);

  partners_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u partner", "%u partners",
                                                self->partners->len),
                                   self->partners->len);
  /* Translators: under a briefing's title: a date, "10 partners", today's date */
  meta = g_strdup_printf (_("As of %s · %s · Prepared %s"), date, partners_text, today);
  add_text (self, meta, BODY_SIZE + 0.5, PANGO_WEIGHT_NORMAL, SECONDARY_COLOR, 8);

  block = add_block (self, block_new (BLOCK_MAP));
  block->height = map_height (self);
  block->space_before = 14;
  block->role = "Figure";
  block->keep_with_next = TRUE;

  source = source_line (self);
  if (self->lens != NULL && *atlas_lens_get_description (self->lens) != '\0')
    {
      g_autofree char *caption = g_strdup_printf ("%s: %s %s", atlas_lens_get_name (self->lens),
                                                  atlas_lens_get_description (self->lens), source);

      add_text (self, caption, SMALL_SIZE, PANGO_WEIGHT_NORMAL, SECONDARY_COLOR, 5);
    }
  else
    add_text (self, source, SMALL_SIZE, PANGO_WEIGHT_NORMAL, SECONDARY_COLOR, 5);

  if (self->partners->len > 0)
    {
      add_matrix (self);
      add_overdue (self);
    }
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

static void
paginate (AtlasBriefing *self)
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
  PangoLayout *layout = block_layout (self, block);
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
      g_autoptr(PangoLayout) marker = new_layout (self, block->marker, BODY_SIZE, PANGO_WEIGHT_NORMAL, -1);

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
  g_autoptr(PangoLayout) layout = cell_layout (self, cell);

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
      g_autoptr(PangoLayout) layout = new_layout (self, number, BODY_SIZE, PANGO_WEIGHT_NORMAL, -1);
      g_autofree char *link = g_strdup_printf ("page=%u", page + 1);
      double w;

      layout_size (layout, &w, NULL);
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
      g_autoptr(PangoLayout) layout = cell_layout (self, cell);

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
  layout = new_layout (self, line, 7.5, PANGO_WEIGHT_NORMAL, self->content_width);
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
  g_autoptr(PangoLayout) right = new_layout (self, number, 7.5, PANGO_WEIGHT_NORMAL, -1);
  g_autoptr(PangoLayout) left = NULL;
  g_autofree char *footer = NULL;
  double y = self->page_height - MARGIN_BOTTOM + 22;
  double w;

  layout_size (right, &w, NULL);
  /* The dataset's title may be a page long: only what one line shows is
   * laid out (and written to the PDF). */
  footer = atlas_text_layout_one_line (self->footer);
  left = new_layout (self, footer, 7.5, PANGO_WEIGHT_NORMAL, -1);
  pango_layout_set_width (left, (int) ((self->content_width - w - 24) * PANGO_SCALE));
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);

  draw_row_rule (cr, MARGIN_SIDE, y - 6, self->content_width);
  set_source (cr, SECONDARY_COLOR);
  cairo_move_to (cr, MARGIN_SIDE, y);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, MARGIN_SIDE + self->content_width - w, y);
  pango_cairo_show_layout (cr, right);
}

typedef struct
{
  AtlasPartner *partner;
  char         *key;
  int           rank;
} SortItem;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const SortItem *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return strcmp (x->key, y->key);
}

/* Puts self->partners in the order chosen: by the name shown in the
 * user's language (collated), or by category first. */
static void
sort_partners (AtlasBriefing *self)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SortItem));
  GPtrArray *sorted = g_ptr_array_new_full (self->partners->len, g_object_unref);

  for (guint i = 0; i < self->partners->len; i++)
    {
      AtlasPartner *partner = g_ptr_array_index (self->partners, i);
      SortItem item = { partner, g_utf8_collate_key (atlas_partner_get_display_name (partner), -1), 0 };

      if (self->order == ATLAS_BRIEFING_ORDER_CATEGORY && self->lens != NULL)
        {
          const char *id = atlas_partner_get_indicator (partner, atlas_lens_get_id (self->lens));
          int index = id ? atlas_lens_get_category_index (self->lens, id) : -1;

          item.rank = index >= 0 ? index : G_MAXINT;
        }
      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_items);
  for (guint i = 0; i < items->len; i++)
    {
      SortItem *item = &g_array_index (items, SortItem, i);

      g_ptr_array_add (sorted, g_object_ref (item->partner));
      g_free (item->key);
    }

  g_ptr_array_unref (self->partners);
  self->partners = sorted;
}

AtlasBriefing *
atlas_briefing_new (AtlasDataset *dataset,
                    AtlasLens    *lens,
                    GPtrArray    *partners,
                    double        page_width,
                    double        page_height)
{
  AtlasBriefing *self;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (lens == NULL || ATLAS_IS_LENS (lens), NULL);
  g_return_val_if_fail (partners != NULL, NULL);
  g_return_val_if_fail (page_width > 2 * MARGIN_SIDE + 72, NULL);
  g_return_val_if_fail (page_height > MARGIN_TOP + MARGIN_BOTTOM + 72, NULL);

  self = g_new0 (AtlasBriefing, 1);
  self->dataset = g_object_ref (dataset);
  self->lens = lens ? g_object_ref (lens) : NULL;
  self->partners = g_ptr_array_copy (partners, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (self->partners, g_object_unref);
  self->page_width = page_width;
  self->page_height = page_height;
  self->row_scale = 1;
  self->content_width = page_width - 2 * MARGIN_SIDE;

  return self;
}

void
atlas_briefing_free (AtlasBriefing *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->dataset);
  g_clear_object (&self->lens);
  g_ptr_array_unref (self->partners);
  g_free (self->title);
  g_clear_pointer (&self->map, atlas_map_render_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->section_pages, g_array_unref);
  g_clear_pointer (&self->section_titles, g_ptr_array_unref);
  g_clear_pointer (&self->figure_alts, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_object (&self->drawn_layout);
  g_clear_object (&self->context);
  g_free (self->footer);
  if (self->annex_destroy != NULL)
    self->annex_destroy (self->annex_data);
  g_free (self);
}

void
atlas_briefing_set_title (AtlasBriefing *self,
                          const char    *title)
{
  g_return_if_fail (self != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
}

void
atlas_briefing_set_hatch (AtlasBriefing *self,
                          gboolean       hatch)
{
  g_return_if_fail (self != NULL);

  self->hatch = !!hatch;
}

gboolean
atlas_briefing_paginate (AtlasBriefing  *self,
                         GCancellable   *cancellable,
                         GError        **error)
{
  cairo_font_options_t *options;
  g_autofree char *date = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->section_pages, g_array_unref);
  g_clear_pointer (&self->section_titles, g_ptr_array_unref);
  g_clear_pointer (&self->map, atlas_map_render_free);
  g_clear_pointer (&self->figure_alts, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_object (&self->drawn_layout);
  self->drawn = NULL;
  self->kept = 0;
  g_clear_pointer (&self->footer, g_free);
  g_clear_object (&self->context);

  sort_partners (self);

  if (self->title == NULL)
    self->title = g_strdup (atlas_dataset_get_title (self->dataset));

  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* Unhinted metrics: the layout does not depend on the device, so a page
   * prints as it exports. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  self->map = atlas_map_render_new (atlas_world_get_default (), self->dataset, self->lens);
  atlas_map_render_set_partners (self->map, self->partners);
  atlas_map_render_set_hatch (self->map, self->hatch);
  atlas_map_render_set_label_size (self->map, MAP_LABEL_SIZE);
  /* A fiche's locator map is small: outlines at 150 dpi are plenty, and
   * keep a one-page fiche quick to write. */
  if (self->fiche)
    atlas_map_render_set_detail (self->map, 150.0 / 72.0);

  date = atlas_format_display_date (atlas_dataset_get_as_of (self->dataset));
  /* Translators: a briefing's footer: its title and a date */
  self->footer = g_strdup_printf (_("%s — as of %s"), self->title, date);

  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->section_pages = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (self->section_pages, self->partners->len);
  self->section_titles = g_ptr_array_new_with_free_func (g_free);

  self->owner = -1;
  if (!self->fiche)
    add_cover (self);
  for (guint i = 0; i < self->partners->len; i++)
    {
      AtlasPartner *partner = g_ptr_array_index (self->partners, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_ptr_array_add (self->section_titles, g_strdup (atlas_partner_get_display_name (partner)));
      self->owner = i;
      add_section (self, partner, i);
    }

  /* Annexes run no "(continued)" header. */
  self->owner = -1;
  self->last_row = NULL;
  if (self->annex_func != NULL)
    {
      self->annex_func (self, self->annex_data);
      end_table (self);
    }

  self->figure_alts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->blocks->len; i++)
    if (((Block *) g_ptr_array_index (self->blocks, i))->kind == BLOCK_MAP)
      g_ptr_array_add (self->figure_alts, map_alt_text (self));

  paginate (self);

  return TRUE;
}

guint
atlas_briefing_get_n_pages (AtlasBriefing *self)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->pages != NULL, 0);

  return self->pages->len;
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

guint
atlas_briefing_get_n_sections (AtlasBriefing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->section_titles ? self->section_titles->len : 0;
}

const char *
atlas_briefing_get_section_title (AtlasBriefing *self,
                                  guint          section)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (section < atlas_briefing_get_n_sections (self), NULL);

  return g_ptr_array_index (self->section_titles, section);
}

guint
atlas_briefing_get_section_page (AtlasBriefing *self,
                                 guint          section)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (section < atlas_briefing_get_n_sections (self), 0);

  return g_array_index (self->section_pages, guint, section);
}

void
atlas_briefing_set_order (AtlasBriefing      *self,
                          AtlasBriefingOrder  order)
{
  g_return_if_fail (self != NULL);

  self->order = order;
}

void
atlas_briefing_set_fiche (AtlasBriefing *self,
                          gboolean       fiche)
{
  g_return_if_fail (self != NULL);

  self->fiche = !!fiche;
}

void
atlas_briefing_set_tagged (AtlasBriefing *self,
                           gboolean       tagged)
{
  g_return_if_fail (self != NULL);

  self->tagged = !!tagged;
}

void
atlas_briefing_set_annex_func (AtlasBriefing          *self,
                               AtlasBriefingAnnexFunc  func,
                               gpointer                user_data,
                               GDestroyNotify          destroy)
{
  g_return_if_fail (self != NULL);

  if (self->annex_destroy != NULL)
    self->annex_destroy (self->annex_data);
  self->annex_func = func;
  self->annex_data = user_data;
  self->annex_destroy = destroy;
}

void
atlas_briefing_add_heading (AtlasBriefing *self,
                            const char    *text,
                            guint          level)
{
  Block *block;

  g_return_if_fail (self != NULL && self->blocks != NULL);
  g_return_if_fail (level == 1 || level == 2);

  end_table (self);
  if (level == 2)
    {
      add_heading (self, text);
      return;
    }

  block = add_text (self, text, H1_SIZE, PANGO_WEIGHT_BOLD, TEXT_COLOR, 30);
  block->role = "H1";
  block->keep_with_next = TRUE;
  block->min_room = (self->page_height - MARGIN_TOP - MARGIN_BOTTOM) * 0.25;
}

void
atlas_briefing_add_paragraph (AtlasBriefing *self,
                              const char    *text)
{
  g_return_if_fail (self != NULL && self->blocks != NULL);

  end_table (self);
  add_text (self, text, BODY_SIZE, PANGO_WEIGHT_NORMAL, TEXT_COLOR, 4);
}

static void
add_annex_row (AtlasBriefing      *self,
               guint               n_columns,
               const char * const *texts,
               const double       *shares,
               gboolean            header)
{
  g_autofree Column *columns = g_new0 (Column, n_columns);
  gboolean first = self->last_row == NULL;
  Block *row;

  for (guint i = 0; i < n_columns; i++)
    columns[i] = (Column) { header ? texts[i] : NULL, shares[i] };
  row = add_row (self, columns, n_columns, texts, header);
  row->table_begin = first;
}

void
atlas_briefing_add_table_header (AtlasBriefing      *self,
                                 guint               n_columns,
                                 const char * const *titles,
                                 const double       *shares)
{
  g_return_if_fail (self != NULL && self->blocks != NULL);
  g_return_if_fail (n_columns > 0 && titles != NULL && shares != NULL);

  end_table (self);
  add_annex_row (self, n_columns, titles, shares, TRUE);
}

void
atlas_briefing_add_table_row (AtlasBriefing      *self,
                              guint               n_columns,
                              const char * const *texts,
                              const double       *shares)
{
  g_return_if_fail (self != NULL && self->blocks != NULL);
  g_return_if_fail (n_columns > 0 && texts != NULL && shares != NULL);

  add_annex_row (self, n_columns, texts, shares, FALSE);
}

void
atlas_briefing_end_table (AtlasBriefing *self)
{
  g_return_if_fail (self != NULL);

  end_table (self);
}

GPtrArray *
atlas_briefing_get_figure_alts (AtlasBriefing *self)
{
  g_return_val_if_fail (self != NULL && self->figure_alts != NULL, NULL);

  return self->figure_alts;
}
