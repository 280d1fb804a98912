/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "atlas-offline-source.h"

/* Deep enough to tell Luxembourg from its neighbours; the outlines are
 * 1:50m, so more would only magnify their simplification. */
#define MAX_ZOOM 10

struct _AtlasOfflineSource
{
  ShumateMapSource parent_instance;
};

G_DEFINE_FINAL_TYPE (AtlasOfflineSource, atlas_offline_source, SHUMATE_TYPE_MAP_SOURCE)

static void
atlas_offline_source_fill_tile_async (ShumateMapSource    *source,
                                      ShumateTile         *tile,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_task_report_new_error (source, callback, user_data,
                           atlas_offline_source_fill_tile_async,
                           G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "The offline map has no tiles");
}

static gboolean
atlas_offline_source_fill_tile_finish (ShumateMapSource  *source,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
atlas_offline_source_class_init (AtlasOfflineSourceClass *klass)
{
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  source_class->fill_tile_async = atlas_offline_source_fill_tile_async;
  source_class->fill_tile_finish = atlas_offline_source_fill_tile_finish;
}

static void
atlas_offline_source_init (AtlasOfflineSource *self)
{
}

ShumateMapSource *
atlas_offline_source_new (void)
{
  return g_object_new (ATLAS_TYPE_OFFLINE_SOURCE,
                       "id", "cyber-atlas-offline",
                       "name", "Natural Earth",
                       "license", "Natural Earth (public domain)",
                       "license-uri", "https://www.naturalearthdata.com/",
                       "min-zoom-level", 0,
                       "max-zoom-level", MAX_ZOOM,
                       "tile-size", 256,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
}
