/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_CATEGORY_CHIP (atlas_category_chip_get_type ())

G_DECLARE_FINAL_TYPE (AtlasCategoryChip, atlas_category_chip, ATLAS, CATEGORY_CHIP, GtkWidget)

/* A lens category as a coloured swatch with its name, its description as
 * the tooltip; without one, @empty_label on a dimmed chip. */
GtkWidget *atlas_category_chip_new          (void);
void       atlas_category_chip_set_category (AtlasCategoryChip *self,
                                             AtlasCategory     *category,
                                             const char        *empty_label);

G_END_DECLS
