/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-dataset-io.h"

AtlasDataset *
atlas_dataset_load_bytes (GBytes      *bytes,
                          const char  *display_name,
                          GPtrArray  **problems,
                          GError     **error)
{
  if (problems != NULL)
    *problems = NULL;
  g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_NOT_JSON,
                       "Loading is not written yet");
  return NULL;
}

AtlasDataset *
atlas_dataset_load_file (GFile         *file,
                         GCancellable  *cancellable,
                         GPtrArray    **problems,
                         char         **etag_out,
                         GError       **error)
{
  return atlas_dataset_load_bytes (NULL, NULL, problems, error);
}

void
atlas_dataset_load_file_async (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
}

AtlasDataset *
atlas_dataset_load_file_finish (GAsyncResult  *result,
                                GPtrArray    **problems,
                                char         **etag_out,
                                GError       **error)
{
  return NULL;
}

GPtrArray *
atlas_dataset_validate (AtlasDataset *self,
                        const char   *display_name)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
}

GBytes *
atlas_dataset_to_bytes (AtlasDataset *self)
{
  return g_bytes_new_static ("", 0);
}
