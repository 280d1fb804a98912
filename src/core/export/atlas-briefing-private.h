/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the files of the briefing share; for them only.
 *
 *   atlas-briefing.c           the object: options, laying out (in that
 *                              order: cover, sections, annex, pages), the
 *                              partners' order, the annex API
 *   atlas-briefing-layout.c    the layout engine: blocks of text, rows and
 *                              cells measured with Pango, cut into pages
 *   atlas-briefing-sections.c  what the briefing says: the cover (map,
 *                              matrix, overdue dialogues) and each
 *                              partner's section
 *   atlas-briefing-draw.c      drawing a page with cairo, and its PDF
 *                              structure tags
 */

#include <cairo.h>
#include <pango/pangocairo.h>

#include "atlas-briefing.h"
#include "atlas-map-render.h"

G_BEGIN_DECLS

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

/* What a text is laid out from (atlas-briefing-layout.c says why) */
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

typedef struct
{
  const char *title;
  double      share;   /* of the content's width */
} Column;


static inline const Line *
block_lines (AtlasBriefing *self,
             Block         *block)
{
  return &g_array_index (self->lines, Line, block->first_line);
}

/* The layout engine (atlas-briefing-layout.c) */

/* A layout of @text, plain text, wrapped at @width (<= 0: one line) */
PangoLayout *_atlas_briefing_new_layout      (AtlasBriefing *self,
                                              const char    *text,
                                              double         size,
                                              PangoWeight    weight,
                                              double         width);
void         _atlas_briefing_layout_size     (PangoLayout   *layout,
                                              double        *width,
                                              double        *height);
/* A table's or a chip's text */
void         _atlas_briefing_cell_init       (AtlasBriefing *self,
                                              Cell          *cell,
                                              const char    *text,
                                              double         size,
                                              PangoWeight    weight,
                                              double         width);
/* An empty array of Cell that clears them */
GArray      *_atlas_briefing_cells_new       (void);
/* A new reference to the layout of a cell being drawn */
PangoLayout *_atlas_briefing_cell_layout     (AtlasBriefing *self,
                                              const Cell    *cell);
/* The layout of a text block being drawn (not a new reference) */
PangoLayout *_atlas_briefing_block_layout    (AtlasBriefing *self,
                                              Block         *block);
Block       *_atlas_briefing_block_new       (BlockKind      kind);
void         _atlas_briefing_block_free      (Block         *block);
/* Appends @block to the section being added; returns it */
Block       *_atlas_briefing_add_block       (AtlasBriefing *self,
                                              Block         *block);
/* (Again, after its spec changed) the lines of a text block */
void         _atlas_briefing_measure_lines   (AtlasBriefing *self,
                                              Block         *block);
Block       *_atlas_briefing_add_text        (AtlasBriefing *self,
                                              const char    *text,
                                              double         size,
                                              PangoWeight    weight,
                                              guint32        color,
                                              double         space_before);
/* An H2, kept with what follows */
Block       *_atlas_briefing_add_subheading  (AtlasBriefing *self,
                                              const char    *text);
void         _atlas_briefing_add_item        (AtlasBriefing *self,
                                              const char    *text,
                                              const char    *uri,
                                              guint          level);
/* @texts NULL: the columns' titles */
Block       *_atlas_briefing_add_row         (AtlasBriefing      *self,
                                              const Column       *columns,
                                              guint               n_columns,
                                              const char * const *texts,
                                              gboolean            header);
void         _atlas_briefing_add_table_header (AtlasBriefing *self,
                                               const Column  *columns,
                                               guint          n_columns);
void         _atlas_briefing_end_table       (AtlasBriefing *self);
/* Cuts the blocks into self->pages */
void         _atlas_briefing_cut_pages       (AtlasBriefing *self);

/* What the briefing says (atlas-briefing-sections.c) */

void         _atlas_briefing_add_cover       (AtlasBriefing *self);
void         _atlas_briefing_add_section     (AtlasBriefing *self,
                                              AtlasPartner  *partner,
                                              int            section);
/* What the map shows, for readers who cannot see it */
char        *_atlas_briefing_map_alt_text    (AtlasBriefing *self);

G_END_DECLS
