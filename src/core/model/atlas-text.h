/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dataset text shown where it must not act: on a terminal, in a one-line
 * message. Returns a new string, valid UTF-8, with no line break and
 * nothing a terminal or the bidirectional algorithm would act on:
 * newline, carriage return and tab as \n, \r, \t; other C0 controls, DEL
 * and the C1 controls as \u001b and the like; bidirectional formatting
 * characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and
 * the line and paragraph separators as \u202e and the like; bytes that are
 * not UTF-8 as \xff. Everything else is kept as it is. NULL gives "". */
char *atlas_text_escape_line (const char *text);

/* Replaces *field with a copy of value; returns whether it changed. (What
 * g_set_str () does from GLib 2.76 on; the model and the widgets share it.) */
gboolean atlas_set_str (char       **field,
                        const char  *value);

/* Appends one RFC 4180 cell, preceded by a comma unless @first; NULL is an
 * empty cell; a value a spreadsheet would run as a formula is neutralized
 * with a leading apostrophe. The CSV export and `--changes` share it. */
void     atlas_text_append_csv_cell (GString    *line,
                                     const char *value,
                                     gboolean    first);

G_END_DECLS
