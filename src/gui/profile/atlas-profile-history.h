/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_PROFILE_HISTORY (atlas_profile_history_get_type ())

G_DECLARE_FINAL_TYPE (AtlasProfileHistory, atlas_profile_history, ATLAS, PROFILE_HISTORY, AdwPreferencesGroup)

GtkWidget *atlas_profile_history_new  (void);
/* Shows @partner's history, newest first; call again when it changed. */
void       atlas_profile_history_show (AtlasProfileHistory *self,
                                       AtlasDataset        *dataset,
                                       AtlasPartner        *partner);

G_END_DECLS
