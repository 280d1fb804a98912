/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_PROFILE_READER (atlas_profile_reader_get_type ())

G_DECLARE_FINAL_TYPE (AtlasProfileReader, atlas_profile_reader, ATLAS, PROFILE_READER, GtkWidget)

GtkWidget *atlas_profile_reader_new  (void);
/* Shows @partner of @dataset, reusing the rows it has; call again when
 * either changed. */
void       atlas_profile_reader_show (AtlasProfileReader *self,
                                      AtlasDataset       *dataset,
                                      AtlasPartner       *partner);

G_END_DECLS
