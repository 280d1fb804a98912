/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_YEAR_ROW (atlas_year_row_get_type ())

G_DECLARE_FINAL_TYPE (AtlasYearRow, atlas_year_row, ATLAS, YEAR_ROW, AdwActionRow)

/* A row that edits a year within the format's bounds, or none (0): its
 * spin button's lowest value reads "None". "year" is notified as it
 * changes. */
GtkWidget *atlas_year_row_new      (const char   *title);
int        atlas_year_row_get_year (AtlasYearRow *self);
void       atlas_year_row_set_year (AtlasYearRow *self,
                                    int           year);

G_END_DECLS
