/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* A map source that never fetches a tile. ShumateMap needs a source for its
 * viewport maths (tile size, zoom range, projection) even when every pixel
 * is drawn by our own layers; this one answers every tile request with
 * G_IO_ERROR_NOT_SUPPORTED, so the map never touches the network. */

#define ATLAS_TYPE_OFFLINE_SOURCE (atlas_offline_source_get_type ())

G_DECLARE_FINAL_TYPE (AtlasOfflineSource, atlas_offline_source, ATLAS, OFFLINE_SOURCE, ShumateMapSource)

ShumateMapSource *atlas_offline_source_new (void);

G_END_DECLS
