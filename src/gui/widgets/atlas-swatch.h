/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_SWATCH (atlas_swatch_get_type ())

G_DECLARE_FINAL_TYPE (AtlasSwatch, atlas_swatch, ATLAS, SWATCH, GtkWidget)

GtkWidget *atlas_swatch_new       (void);
/* 0xRRGGBB; a negative value shows an empty (outlined) swatch for "No data". */
void       atlas_swatch_set_color (AtlasSwatch *self,
                                   gint64       color);
gint64     atlas_swatch_get_color (AtlasSwatch *self);

G_END_DECLS
