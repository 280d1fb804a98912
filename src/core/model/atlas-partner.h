/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-entries.h"

G_BEGIN_DECLS

/* A partner country's profile.
 *
 * Signals: "indicators-changed" (const char *lens_id) when one indicator is
 * set or cleared; "changed" () after any change to the profile, including
 * changes inside its entries (a document's title, a dialogue's status...),
 * so that a view or a "modified" flag needs only one handler.
 *
 * The entry lists are GListStores: edit them through the *_store ()
 * getters; the GListModel getters return the same object, for views.
 */

#define ATLAS_TYPE_PARTNER (atlas_partner_get_type ())

G_DECLARE_FINAL_TYPE (AtlasPartner, atlas_partner, ATLAS, PARTNER, GObject)

AtlasPartner  *atlas_partner_new                (const char   *id,
                                                 const char   *name);
const char    *atlas_partner_get_id             (AtlasPartner *self);
void           atlas_partner_set_id             (AtlasPartner *self,
                                                 const char   *id);
const char    *atlas_partner_get_name           (AtlasPartner *self);
void           atlas_partner_set_name           (AtlasPartner *self,
                                                 const char   *name);
/* The country's name from iso-codes in the user's language, or the
 * dataset's name when iso-codes does not know the code. */
const char    *atlas_partner_get_display_name   (AtlasPartner *self);

/* NULL means "No data". */
const char    *atlas_partner_get_indicator      (AtlasPartner *self,
                                                 const char   *lens_id);
void           atlas_partner_set_indicator      (AtlasPartner *self,
                                                 const char   *lens_id,
                                                 const char   *category_id);
/* Lens ids having an indicator, sorted; free with g_strfreev(). */
char         **atlas_partner_dup_indicator_lenses (AtlasPartner *self);

GListModel    *atlas_partner_get_documents      (AtlasPartner *self);
GListStore    *atlas_partner_get_documents_store (AtlasPartner *self);
GListModel    *atlas_partner_get_dialogues      (AtlasPartner *self);
/* How many of the partner's dialogues are overdue as of @date (YYYY-MM-DD). */
guint               atlas_partner_count_overdue_dialogues (AtlasPartner *self,
                                                           const char   *date);
GListStore    *atlas_partner_get_dialogues_store (AtlasPartner *self);
GListModel    *atlas_partner_get_agreements     (AtlasPartner *self);
GListStore    *atlas_partner_get_agreements_store (AtlasPartner *self);
GListModel    *atlas_partner_get_sources        (AtlasPartner *self);
GListStore    *atlas_partner_get_sources_store  (AtlasPartner *self);
GListModel    *atlas_partner_get_history        (AtlasPartner *self);
GListStore    *atlas_partner_get_history_store  (AtlasPartner *self);
/* Whether the partner is listed now: FALSE when its history's last entry
 * of the field "partner" (by date, then file order) says null, i.e. it was
 * removed (see atlas-timeline.h); TRUE with no such entry. */
gboolean       atlas_partner_is_listed          (AtlasPartner *self);

const char    *atlas_partner_get_assessment     (AtlasPartner *self);
void           atlas_partner_set_assessment     (AtlasPartner *self,
                                                 const char   *assessment);
/* YYYY-MM-DD */
const char    *atlas_partner_get_updated        (AtlasPartner *self);
void           atlas_partner_set_updated        (AtlasPartner *self,
                                                 const char   *updated);

AtlasPartner  *atlas_partner_copy               (AtlasPartner *self);
gboolean       atlas_partner_equal              (AtlasPartner *a,
                                                 AtlasPartner *b);

G_END_DECLS
