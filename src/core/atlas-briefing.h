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
 * and the list of partners with their pages. Then each partner starts a
 * page of its own: name, indicators as chips, documents, dialogues,
 * agreements, assessment, last update and sources, history. Long sections
 * break between lines of text or table rows, keeping headings with what
 * follows them.
 *
 * An AtlasBriefing reads the dataset when it lays out and draws: use it from
 * one thread and do not change the dataset meanwhile.
 */

typedef struct _AtlasBriefing AtlasBriefing;

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasBriefing, atlas_briefing_free)

G_END_DECLS
