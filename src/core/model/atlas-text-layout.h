/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* Text longer than this many bytes is laid out in pieces (see below). */
#define ATLAS_TEXT_LAYOUT_LONG 1000

/* Dataset text laid out in time linear in its length.
 *
 * Pango 1.50 wraps a paragraph in time that grows with the square of its
 * longest run of text in one font: for every line it walks the rest of
 * that run, and for an unbroken word (a pasted URL or blob) it walks it
 * again looking for a break; a 20 000-character word took 1-2 s, 200 000
 * minutes, and prose of 200 000 characters in one paragraph seconds.
 * Pango ends a run where an attribute that chooses fonts starts or ends,
 * so these cut long text into runs of about 64 characters: after a white
 * space where there is one, elsewhere between two characters that do not
 * belong together (never before a combining mark, a variation selector or
 * after a zero width joiner). The attributes (PANGO_ATTR_FALLBACK with the
 * default value) change nothing that is drawn, and the text itself is not
 * touched, so copying it gives it back exactly.
 *
 * Returns a new list: a copy of @base (which may be NULL) with the pieces
 * added, or NULL when @text is short and @base is NULL. */
PangoAttrList *atlas_text_layout_attributes (const char    *text,
                                             PangoAttrList *base);

/* pango_layout_set_text() (plain text, never markup) and the pieces above,
 * added to the layout's own attributes. */
void atlas_text_layout_set_text (PangoLayout *layout,
                                 const char  *text);

/* The most characters a text shown on one line (a title, a footer, a map
 * label, a legend row: ellipsized or not) keeps. */
#define ATLAS_TEXT_LAYOUT_LINE_MAX 300

/* @text cut to ATLAS_TEXT_LAYOUT_LINE_MAX characters and "…", for a layout
 * of one line: laying out (and, in a PDF, writing as the ellipsis's
 * ActualText on every page) 200 000 characters that never show costs
 * seconds. Never cuts before a combining mark or after a zero width
 * joiner. Returns a new string; NULL gives "". */
char *atlas_text_layout_one_line (const char *text);

/* Calls @func with the start and end (byte offsets) of each piece
 * atlas_text_layout_attributes() cuts @text in; nothing for short text.
 * For a text that is laid out elsewhere (a GtkTextView's buffer). */
typedef void (*AtlasTextPieceFunc) (guint    start,
                                    guint    end,
                                    gpointer user_data);
void atlas_text_layout_foreach_piece (const char         *text,
                                      AtlasTextPieceFunc  func,
                                      gpointer            user_data);

/* How many pieces atlas_text_layout_attributes() cuts @text in (1 for
 * short text): for tests. */
guint atlas_text_layout_count_pieces (const char *text);

G_END_DECLS
