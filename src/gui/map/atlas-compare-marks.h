/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "atlas-map-view.h"
#include "atlas-timeline.h"

G_BEGIN_DECLS

/* Compare: marks over the map on the partners whose category changed
 * between two dates under the lens on show; an arrow up for an
 * improvement, down for a setback (an ordered lens), a ring for a change
 * (an unordered one). It draws over an AtlasMapView, following its pans
 * and zooms, and takes no input. */

#define ATLAS_TYPE_COMPARE_MARKS (atlas_compare_marks_get_type ())
G_DECLARE_FINAL_TYPE (AtlasCompareMarks, atlas_compare_marks, ATLAS, COMPARE_MARKS, GtkWidget)

GtkWidget *atlas_compare_marks_new       (void);
void       atlas_compare_marks_set_view  (AtlasCompareMarks *self,
                                          AtlasMapView      *view);
/* Marks the partners of @dataset whose value of @lens_id differs between
 * @from and @to (NULL @from: no marks). */
void       atlas_compare_marks_update    (AtlasCompareMarks *self,
                                          AtlasDataset      *dataset,
                                          const char        *lens_id,
                                          const char        *from,
                                          const char        *to);
/* The marks, for tests: alpha-2 code -> AtlasChangeDirection + 1. */
GHashTable *atlas_compare_marks_get_marks (AtlasCompareMarks *self);
/* Where a partner's mark is drawn, in the widget; FALSE when none. */
gboolean   atlas_compare_marks_locate    (AtlasCompareMarks *self,
                                          const char        *alpha2,
                                          double            *x,
                                          double            *y);

/* The colours of the marks, 0xRRGGBB. */
#define ATLAS_COMPARE_UP_COLOR      0x1a7f37
#define ATLAS_COMPARE_DOWN_COLOR    0xc01c28
#define ATLAS_COMPARE_CHANGED_COLOR 0x1c71d8

G_END_DECLS
