/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What cairo 1.16 cannot write into a tagged PDF: the document's language
 * (/Lang in the catalog) and the alternative text of figures (/Alt in their
 * structure elements). Both are added as an incremental update appended to
 * the file (PDF 1.7, 7.5.6): the objects are written again with the new
 * keys, followed by a cross-reference section and a trailer pointing back
 * to the original one, so nothing cairo wrote is moved.
 *
 * @lang is a BCP 47 tag such as "en" or "fr-BE" (NULL: leave it out);
 * @figure_alts holds one string per Figure structure element, in the order
 * they appear in the file (NULL or fewer: the rest keep none). The update
 * is appended to @pdf in place (no copy of the file). Returns FALSE with
 * @error set, and @pdf as it was, when @pdf is not a PDF with a classic
 * cross-reference table and a catalog (as cairo writes). */
gboolean atlas_pdf_amend        (GByteArray *pdf,
                                 const char *lang,
                                 GPtrArray  *figure_alts,
                                 GError    **error);

/* The language of the text the app writes: the user's, when the app is
 * translated into it, else "en". As a BCP 47 tag ("pt-BR"). */
char   *atlas_pdf_document_lang (void);

G_END_DECLS
