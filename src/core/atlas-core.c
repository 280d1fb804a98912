/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "atlas-core.h"

void
atlas_core_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Loading the table binds the iso_3166-1 text domain. */
      atlas_iso_codes_is_valid_alpha2 ("EU");
      g_type_ensure (ATLAS_TYPE_DATASET);
      g_type_ensure (ATLAS_TYPE_PARTNER);
      g_type_ensure (ATLAS_TYPE_LENS);
      g_type_ensure (ATLAS_TYPE_CATEGORY);
      g_type_ensure (ATLAS_TYPE_SOURCE);
      g_type_ensure (ATLAS_TYPE_DOCUMENT);
      g_type_ensure (ATLAS_TYPE_DIALOGUE);
      g_type_ensure (ATLAS_TYPE_AGREEMENT);
      g_type_ensure (ATLAS_TYPE_SOURCE_REF);
      g_type_ensure (ATLAS_TYPE_HISTORY_ENTRY);
      g_type_ensure (ATLAS_TYPE_PROBLEM);
      g_once_init_leave (&initialized, 1);
    }
}
