/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "atlas-dataset.h"

G_BEGIN_DECLS

/* The briefing's pages, laid out once for a page size and drawn into any
 * cairo context whose unit is the PostScript point with the origin at the
 * top left of the paper: a PDF surface for the export, a GtkPrintContext
 * for printing. Nothing here needs a display.
 *
 * Page 1 is the cover: title, date, the map for the lens with its legend,
 * its source, and an "at a glance" matrix of every partner under every
 * lens with the page of each partner's section. Then the partners, in the
 * order chosen, the bottom line first: name, assessment, indicators as
 * chips, then documents, dialogues, agreements, last update and sources,
 * history; empty sections are left out. Sections follow one another; one
 * starts a new page only when little room is left. Long sections break
 * between lines of text or table rows, keeping headings with what follows
 * them and at least two lines of a paragraph together.
 *
 * An AtlasBriefing reads the dataset when it lays out and draws: use it from
 * one thread and do not change the dataset meanwhile.
 */

typedef struct _AtlasBriefing AtlasBriefing;

/* The order of the partners' sections (and of the at-a-glance matrix):
 * alphabetical by the name shown, or by their category under the lens
 * (the lens's order, "No data" last), then by name. The cover says which. */
typedef enum {
  ATLAS_BRIEFING_ORDER_NAME,
  ATLAS_BRIEFING_ORDER_CATEGORY,
} AtlasBriefingOrder;

/* Adds sections after the partners' (a "Changes since DATE" annex, say),
 * with the atlas_briefing_add_* () functions below; called by
 * atlas_briefing_paginate () each time it lays out. */
typedef void (*AtlasBriefingAnnexFunc) (AtlasBriefing *briefing,
                                        gpointer       user_data);

/* @lens may be NULL; @partners holds the AtlasPartners to include, in order. */
AtlasBriefing *atlas_briefing_new                (AtlasDataset   *dataset,
                                                  AtlasLens      *lens,
                                                  GPtrArray      *partners,
                                                  double          page_width,
                                                  double          page_height);
void           atlas_briefing_free               (AtlasBriefing  *self);

/* NULL: the dataset's title */
void           atlas_briefing_set_title          (AtlasBriefing  *self,
                                                  const char     *title);
void           atlas_briefing_set_hatch          (AtlasBriefing  *self,
                                                  gboolean        hatch);
void           atlas_briefing_set_order          (AtlasBriefing  *self,
                                                  AtlasBriefingOrder order);
/* A fiche: no cover; each partner on one page of its own, with a small
 * locator map. Pages that do not fit are not shrunk here: see
 * atlas_briefing_get_n_pages (). */
void           atlas_briefing_set_fiche          (AtlasBriefing  *self,
                                                  gboolean        fiche);
/* Draws the PDF structure (H1, H2, P, Table, TR, TH, TD, Figure) with cairo
 * tags: set it when drawing on a PDF surface, draw every page once, in
 * order, inside a "Document" tag of the caller's. */
void           atlas_briefing_set_tagged         (AtlasBriefing  *self,
                                                  gboolean        tagged);
void           atlas_briefing_set_annex_func     (AtlasBriefing  *self,
                                                  AtlasBriefingAnnexFunc func,
                                                  gpointer        user_data,
                                                  GDestroyNotify  destroy);

/* For an annex function only. @level 1 starts a section (an H1, on a new
 * page when little room is left), 2 a subsection (an H2). */
void           atlas_briefing_add_heading        (AtlasBriefing  *self,
                                                  const char     *text,
                                                  guint           level);
void           atlas_briefing_add_paragraph      (AtlasBriefing  *self,
                                                  const char     *text);
/* A table: a header row, rows, then atlas_briefing_end_table (). @shares
 * are the columns' parts of the width (summing to 1); NULL texts show as
 * a dash. */
void           atlas_briefing_add_table_header   (AtlasBriefing      *self,
                                                  guint               n_columns,
                                                  const char * const *titles,
                                                  const double       *shares);
void           atlas_briefing_add_table_row      (AtlasBriefing      *self,
                                                  guint               n_columns,
                                                  const char * const *texts,
                                                  const double       *shares);
void           atlas_briefing_end_table          (AtlasBriefing      *self);

/* Lays out the pages; needed before anything below. */
gboolean       atlas_briefing_paginate           (AtlasBriefing  *self,
                                                  GCancellable   *cancellable,
                                                  GError        **error);
guint          atlas_briefing_get_n_pages        (AtlasBriefing  *self);
/* @page counts from 0 */
void           atlas_briefing_draw_page          (AtlasBriefing  *self,
                                                  cairo_t        *cr,
                                                  guint           page);

/* The partners' sections, for a PDF's outline: the name shown and the page
 * (from 0) the section starts on. */
guint          atlas_briefing_get_n_sections     (AtlasBriefing  *self);
const char    *atlas_briefing_get_section_title  (AtlasBriefing  *self,
                                                  guint           section);
guint          atlas_briefing_get_section_page   (AtlasBriefing  *self,
                                                  guint           section);

/* The alternative texts of the maps (PDF figures), in the order drawn:
 * cairo 1.16 cannot write them, atlas_pdf_amend () adds them. */
GPtrArray     *atlas_briefing_get_figure_alts    (AtlasBriefing  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasBriefing, atlas_briefing_free)

G_END_DECLS
