/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_DATE_BUTTON (atlas_date_button_get_type ())

G_DECLARE_FINAL_TYPE (AtlasDateButton, atlas_date_button, ATLAS, DATE_BUTTON, GtkWidget)

/* A button beside a date field (its "entry", a GtkEditable such as an
 * AdwEntryRow) that opens a calendar on the field's date, or today's; a
 * day picked writes YYYY-MM-DD into the field. */
GtkWidget *atlas_date_button_new (GtkEditable *entry);

G_END_DECLS
