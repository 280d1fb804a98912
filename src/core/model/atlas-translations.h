/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Translations a dataset carries for its own words (a lens's name, a
 * category's description): the optional "names" or "descriptions" object
 * beside the text, language tag ("fr", "pt-BR": atlas_format_is_language_tag ())
 * to text. In the model a table is a GHashTable of strings, owned keys and
 * values, or NULL when the dataset gives none. Which one is shown follows
 * the user's languages, as the interface's own strings do. */

GHashTable *atlas_translations_new           (void);

/* The text for the first of the user's languages (g_get_language_names (),
 * LANGUAGE counting only outside the C locale, as for gettext) that
 * @translations holds: "fr_FR" takes "fr-FR", then "fr". @fallback (the
 * dataset's own text) when none does, or in the C locale. */
const char *atlas_translations_pick          (GHashTable *translations,
                                              const char *fallback);

/* Whether both hold the same texts; NULL and an empty table are alike. */
gboolean    atlas_translations_equal         (GHashTable *a,
                                              GHashTable *b);

/* A new table with the same texts, or NULL for NULL or empty. */
GHashTable *atlas_translations_copy          (GHashTable *translations);

/* The languages @translations holds, sorted (borrowed strings; the writer's
 * order). Empty for NULL. */
GPtrArray  *atlas_translations_get_languages (GHashTable *translations);

G_END_DECLS
