/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_ADD_PARTNER_DIALOG (atlas_add_partner_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasAddPartnerDialog, atlas_add_partner_dialog, ATLAS, ADD_PARTNER_DIALOG, AdwWindow)

/* Lists every country iso-codes knows that is not yet a partner of
 * @dataset, by name in the user's language; "partner-chosen" (const char
 * *alpha2) is emitted when one is picked, and the dialog closes. */
AtlasAddPartnerDialog *atlas_add_partner_dialog_new       (GtkWindow             *parent,
                                                           AtlasDataset          *dataset);
GListModel            *atlas_add_partner_dialog_get_model (AtlasAddPartnerDialog *self);
void                   atlas_add_partner_dialog_set_search (AtlasAddPartnerDialog *self,
                                                            const char            *search);

G_END_DECLS
