/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "atlas-dataset.h"

G_BEGIN_DECLS

/* The subject is not an object of its own, so its unknown members live here. */
GBytes     *atlas_dataset_get_subject_extra (AtlasDataset  *self);
void        atlas_dataset_set_subject_extra (AtlasDataset  *self,
                                             GBytes        *extra);
void        atlas_dataset_splice_partners   (AtlasDataset  *self,
                                             AtlasPartner **partners,
                                             guint          n_partners);
/* The lens list becomes @lenses (referenced); "changed" when it differs. */
void        atlas_dataset_set_lenses        (AtlasDataset  *self,
                                             AtlasLens    **lenses,
                                             guint          n_lenses);

/* atlas-partner.c: see there. */
void          atlas_partner_stop_watching_entries (AtlasPartner *self);


G_END_DECLS
