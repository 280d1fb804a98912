/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rules of the dataset format for single values, in one place: the
 * loader (and so --validate), the checks before saving, the editors, the
 * link buttons and the exporters all call these, so that an editor refuses
 * exactly what saving refuses. data/dataset.schema.json states the same
 * rules for other tools; the schema test checks that they agree.
 */

#define ATLAS_FORMAT_YEAR_MIN 1900
#define ATLAS_FORMAT_YEAR_MAX 2100

/* An http or https link (the scheme in any case, as RFC 3986 has it) with
 * a host, no user name or password in it, and no white space or control
 * character anywhere. NULL is not a link. */
gboolean atlas_format_is_web_link     (const char *url);

/* A YYYY-MM-DD calendar date that exists (no 2023-02-30). */
gboolean atlas_format_is_date         (const char *text);

/* Why @text is not a link, or not a date, that the format takes, in the
 * words the loader, the undo stack and the editors all use (so that an
 * editor refuses as the user types exactly what saving would refuse, and
 * says it the same way); NULL when it is one. */
char    *atlas_format_check_web_link  (const char *text);
char    *atlas_format_check_date      (const char *text);

/* "30 June 2014" from "2014-06-30", in the user's language, as the app,
 * the exports and the briefing show a date; a copy of the input when it is
 * not a date, "" for NULL. */
char    *atlas_format_display_date    (const char *iso_date);

/* A year the format takes: ATLAS_FORMAT_YEAR_MIN to ATLAS_FORMAT_YEAR_MAX. */
gboolean atlas_format_is_year         (gint64      year);

/* A JSON number as a year: any integer-valued number (1984, 1984.0,
 * 1.984e3: JSON Schema's "integer"). FALSE for a fraction; *year is set
 * when the value is a whole number, in range or not. */
gboolean atlas_format_number_to_year  (double      number,
                                       gint64     *year);

/* An id: one or more of a-z, 0-9 and separator ('-' for sources and
 * categories, '_' for lenses). */
gboolean atlas_format_is_id           (const char *text,
                                       char        separator);
#define ATLAS_FORMAT_SOURCE_ID_SEPARATOR   '-'
#define ATLAS_FORMAT_CATEGORY_ID_SEPARATOR '-'
#define ATLAS_FORMAT_LENS_ID_SEPARATOR     '_'

/* A language tag naming a translation the dataset carries (a lens's
 * "names", say): a language of two or three lower-case letters, then
 * optionally a script (four letters, the first upper-case) and a region
 * (two upper-case letters or three digits), joined by '-', in the
 * canonical case of BCP 47: "fr", "pt-BR", "zh-Hant-TW", "es-419". */
gboolean atlas_format_is_language_tag (const char *text);

G_END_DECLS
