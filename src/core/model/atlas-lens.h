/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The two greys the map keeps for itself, 0xRRGGBB: partners with "No
 * data" in a lens (a light grey under a fine hatch, ATLAS_NO_DATA_HATCH_COLOR:
 * neither a country's grey nor a label's white halo), and countries that
 * are neither the subject nor a partner. No category may use them, or its
 * partners would read as one of those. */
#define ATLAS_NO_DATA_COLOR         0xededea
#define ATLAS_NO_DATA_HATCH_COLOR   0xb4b4ae
#define ATLAS_OTHER_COUNTRIES_COLOR 0xd6d6d2

/* A lens is one indicator a map can be coloured by (say, the vote at
 * WCIT-12); its categories are the values a partner can take. Both are
 * immutable once built: a dataset's lenses are read from its file.
 *
 * Names and descriptions: *_get_name () and *_get_description () (and the
 * "name" and "description" properties) give the text to show, in the
 * user's language when the dataset carries it ("names", "descriptions":
 * atlas-translations.h), else the dataset's own. What the file says in its
 * own language is *_get_original_name () and *_get_original_description ():
 * what is written, compared and copied.
 */

#define ATLAS_TYPE_CATEGORY (atlas_category_get_type ())

G_DECLARE_FINAL_TYPE (AtlasCategory, atlas_category, ATLAS, CATEGORY, GObject)

AtlasCategory *atlas_category_new              (const char    *id,
                                                const char    *name,
                                                const char    *description,
                                                guint32        color);
const char    *atlas_category_get_id           (AtlasCategory *self);
const char    *atlas_category_get_name         (AtlasCategory *self);
const char    *atlas_category_get_description  (AtlasCategory *self);
const char    *atlas_category_get_original_name        (AtlasCategory *self);
const char    *atlas_category_get_original_description (AtlasCategory *self);
/* Language tag -> text, or NULL when the dataset gives none. */
GHashTable    *atlas_category_get_names        (AtlasCategory *self);
GHashTable    *atlas_category_get_descriptions (AtlasCategory *self);
/* For building a category (the loader, tests): the tables are referenced,
 * not copied, and must not change afterwards; NULL for none. */
void           atlas_category_set_translations (AtlasCategory *self,
                                                GHashTable    *names,
                                                GHashTable    *descriptions);
guint32        atlas_category_get_color        (AtlasCategory *self);
const char    *atlas_category_get_color_string (AtlasCategory *self);

#define ATLAS_TYPE_LENS (atlas_lens_get_type ())

G_DECLARE_FINAL_TYPE (AtlasLens, atlas_lens, ATLAS, LENS, GObject)

AtlasLens     *atlas_lens_new                (const char    *id,
                                              const char    *name,
                                              const char    *description,
                                              gboolean       ordered);
const char    *atlas_lens_get_id             (AtlasLens     *self);
const char    *atlas_lens_get_name           (AtlasLens     *self);
const char    *atlas_lens_get_description    (AtlasLens     *self);
const char    *atlas_lens_get_original_name  (AtlasLens     *self);
const char    *atlas_lens_get_original_description (AtlasLens *self);
GHashTable    *atlas_lens_get_names          (AtlasLens     *self);
GHashTable    *atlas_lens_get_descriptions   (AtlasLens     *self);
/* As atlas_category_set_translations (). */
void           atlas_lens_set_translations   (AtlasLens     *self,
                                              GHashTable    *names,
                                              GHashTable    *descriptions);
gboolean       atlas_lens_get_ordered        (AtlasLens     *self);
/* The date (YYYY-MM-DD) from which the lens applies (a treaty opened for
 * signature, say), or NULL when it always has. Before it, a partner has no
 * category yet and the map says "Not yet open" rather than "No data". */
const char    *atlas_lens_get_opens          (AtlasLens     *self);
/* For building a lens (the loader, tests). */
void           atlas_lens_set_opens          (AtlasLens     *self,
                                              const char    *opens);
/* TRUE when the lens has no opening date or @date (YYYY-MM-DD) is on or
 * after it; @date NULL: TRUE. */
gboolean       atlas_lens_is_open_at         (AtlasLens     *self,
                                              const char    *date);
/* What a partner without a category in @lens shows as of @date: "Not yet
 * open" before the lens opens, else "No data" (translated). @lens may be NULL. */
const char    *atlas_lens_get_empty_label    (AtlasLens     *self,
                                              const char    *date);
GListModel    *atlas_lens_get_categories     (AtlasLens     *self);
guint          atlas_lens_get_n_categories   (AtlasLens     *self);
AtlasCategory *atlas_lens_find_category      (AtlasLens     *self,
                                              const char    *category_id);
int            atlas_lens_get_category_index (AtlasLens     *self,
                                              const char    *category_id);
/* For building a lens (the loader, tests); appending a category whose id
 * the lens already has is a programming error. */
void           atlas_lens_append_category    (AtlasLens     *self,
                                              AtlasCategory *category);

G_END_DECLS
