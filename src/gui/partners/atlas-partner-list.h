/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"
#include "atlas-partner-filter.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_PARTNER_LIST (atlas_partner_list_get_type ())

G_DECLARE_FINAL_TYPE (AtlasPartnerList, atlas_partner_list, ATLAS, PARTNER_LIST, GtkWidget)

AtlasDataset     *atlas_partner_list_get_dataset     (AtlasPartnerList *self);
void              atlas_partner_list_set_dataset     (AtlasPartnerList *self,
                                                      AtlasDataset     *dataset);
const char       *atlas_partner_list_get_lens_id     (AtlasPartnerList *self);
void              atlas_partner_list_set_lens_id     (AtlasPartnerList *self,
                                                      const char       *lens_id);
/* The selected partner's ISO code, or NULL. It stays while a search hides
 * the partner, and goes when the partner leaves the dataset. */
const char       *atlas_partner_list_get_selected_id (AtlasPartnerList *self);
void              atlas_partner_list_set_selected_id (AtlasPartnerList *self,
                                                      const char       *id);
AtlasPartnerSort  atlas_partner_list_get_sort        (AtlasPartnerList *self);
void              atlas_partner_list_set_sort        (AtlasPartnerList *self,
                                                      AtlasPartnerSort  sort);
/* Only partners with a dialogue overdue as of the dataset's date (the
 * "partners.overdue-only" action, in the sort menu). */
gboolean          atlas_partner_list_get_overdue_only (AtlasPartnerList *self);
void              atlas_partner_list_set_overdue_only (AtlasPartnerList *self,
                                                       gboolean          overdue_only);
const char       *atlas_partner_list_get_search      (AtlasPartnerList *self);
void              atlas_partner_list_set_search      (AtlasPartnerList *self,
                                                      const char       *search);
/* Gives the search entry the keyboard focus, its text selected. */
void              atlas_partner_list_focus_search    (AtlasPartnerList *self);
/* The filtered, sorted partners as shown (for tests and the benchmark). */
GListModel       *atlas_partner_list_get_model       (AtlasPartnerList *self);

G_END_DECLS
