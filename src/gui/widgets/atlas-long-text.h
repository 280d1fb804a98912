/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The most characters of a dataset text a wrapping label shows: a body
 * text (an assessment), a title (a name, a row's title). */
#define ATLAS_LONG_TEXT_LABEL_MAX 10000
#define ATLAS_LONG_TEXT_TITLE_MAX 1000

/* Call after setting a label's text (or on a row's labels after setting
 * its title). A long text (atlas-text-layout.h) is laid out in pieces, so
 * a word wraps in linear time. GtkLabel lays its text out again for every
 * width it is asked about (dozens of times when a panel is shown) and
 * measures widths up to 2^20 pixels only: a wrapping label shows the first
 * ATLAS_LONG_TEXT_LABEL_MAX characters, then "…" and how many more there
 * are; a label that does not wrap shows one line's worth
 * (ATLAS_TEXT_LAYOUT_LINE_MAX) and "…". Copying from the label (Ctrl+C,
 * the context menu) gives the text as it was: a selection that reaches the
 * "…" runs to the end of the whole text. A short text gets the label back
 * as it was. */
void atlas_label_fit_text (GtkLabel *label);

/* The same for a title: at most ATLAS_LONG_TEXT_TITLE_MAX characters and
 * "…" (no count). Once fitted, a label keeps its fit until its text
 * changes: fit a body text before calling this on all labels. */
void atlas_label_fit_title (GtkLabel *label);

/* The text @label was given, whole. */
const char *atlas_label_get_original_text (GtkLabel *label);

/* For a GtkTextBuffer that holds dataset text the user edits (an
 * assessment): from now on, its text is cut into runs as
 * atlas_text_layout_attributes () cuts a layout's, with a tag that draws
 * nothing different (a font scale of 1.000001, the same size in Pango
 * units), so a GtkTextView wraps a word of 200 000 characters in the time
 * prose takes, not minutes. Text inserted later (typed, pasted, set) is
 * cut as it comes. */
void atlas_text_buffer_cut_long_runs (GtkTextBuffer *buffer);

/* atlas_label_fit_title () on every label inside @widget. */
void atlas_widget_fit_labels (GtkWidget *widget);

G_END_DECLS
