/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-lens.h"
#include "atlas-partner.h"

#include "atlas-model-enums.h"

G_BEGIN_DECLS

/* What the partner list shows: a list of partners, narrowed by a search
 * and sorted, as a GListModel chain (GtkFilterListModel then
 * GtkSortListModel) that follows the source list and the partners' own
 * changes. No display is needed.
 *
 * The search matches, case and accents aside, the start of any word of the
 * partner's name in the user's language, its name in the dataset, its
 * English name from iso-codes, and its ISO codes: "kor", "KR" and "coree"
 * all find South Korea. Every word of the search must match.
 */

typedef enum
{
  ATLAS_PARTNER_SORT_NAME,
  ATLAS_PARTNER_SORT_CATEGORY,
} AtlasPartnerSort;

/* ATLAS_TYPE_PARTNER_SORT (atlas-model-enums.h) has the nicks "name" and
 * "category", as in the partner-sort GSettings key, so that
 * g_settings_bind () maps one onto the other. */

#define ATLAS_TYPE_PARTNER_FILTER (atlas_partner_filter_get_type ())

G_DECLARE_FINAL_TYPE (AtlasPartnerFilter, atlas_partner_filter, ATLAS, PARTNER_FILTER, GObject)

AtlasPartnerFilter *atlas_partner_filter_new          (GListModel         *partners);
/* The filtered and sorted partners. */
GListModel         *atlas_partner_filter_get_model    (AtlasPartnerFilter *self);
GListModel         *atlas_partner_filter_get_partners (AtlasPartnerFilter *self);
void                atlas_partner_filter_set_partners (AtlasPartnerFilter *self,
                                                       GListModel         *partners);
const char         *atlas_partner_filter_get_search   (AtlasPartnerFilter *self);
void                atlas_partner_filter_set_search   (AtlasPartnerFilter *self,
                                                       const char         *search);
/* The lens whose category order ATLAS_PARTNER_SORT_CATEGORY follows. */
AtlasLens          *atlas_partner_filter_get_lens     (AtlasPartnerFilter *self);
void                atlas_partner_filter_set_lens     (AtlasPartnerFilter *self,
                                                       AtlasLens          *lens);
AtlasPartnerSort    atlas_partner_filter_get_sort     (AtlasPartnerFilter *self);
void                atlas_partner_filter_set_sort     (AtlasPartnerFilter *self,
                                                       AtlasPartnerSort    sort);
/* With a date (YYYY-MM-DD), only partners with a dialogue overdue as of
 * that date pass (see atlas_dialogue_is_overdue ()); NULL: all. */
const char         *atlas_partner_filter_get_overdue_date (AtlasPartnerFilter *self);
void                atlas_partner_filter_set_overdue_date (AtlasPartnerFilter *self,
                                                           const char         *date);
/* Whether @partner passes the current search and filter (shown or not). */
gboolean            atlas_partner_filter_matches      (AtlasPartnerFilter *self,
                                                       AtlasPartner       *partner);

/* Case- and accent-insensitive form of @text, words separated by single
 * spaces (also used by other searchable lists). */
char               *atlas_partner_filter_fold         (const char         *text);

G_END_DECLS
