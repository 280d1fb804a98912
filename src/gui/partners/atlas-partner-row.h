/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_PARTNER_ROW (atlas_partner_row_get_type ())

G_DECLARE_FINAL_TYPE (AtlasPartnerRow, atlas_partner_row, ATLAS, PARTNER_ROW, GtkWidget)

/* A row of the partner list: the partner's swatch under the lens, its
 * name and its category's name. It follows the partner's changes. */
GtkWidget    *atlas_partner_row_new         (void);
AtlasPartner *atlas_partner_row_get_partner (AtlasPartnerRow *self);
/* @partner may be NULL (an unbound row). */
void          atlas_partner_row_set_partner (AtlasPartnerRow *self,
                                             AtlasPartner    *partner);
/* Shows the partner under the lens @lens_id of @dataset (either NULL:
 * no category). */
void          atlas_partner_row_set_lens    (AtlasPartnerRow *self,
                                             AtlasDataset    *dataset,
                                             const char      *lens_id);

G_END_DECLS
