/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-map-labels.h"

G_BEGIN_DECLS

/* What the map's labels promise, checked from the outside: every partner
 * whose label point is in @viewport has one label, with its short name, at
 * least @min_size big; no label leaves the viewport, covers another label
 * or has its text over another partner's land. Appends one line per broken
 * promise to @problems and returns how many there were. */
guint atlas_test_check_labels (AtlasMapColoring        *coloring,
                               const AtlasMapTransform *transform,
                               const AtlasMapBox       *viewport,
                               GArray                  *labels,
                               double                   size,
                               double                   min_size,
                               GString                 *problems);

/* The window's transform: map units to the pixels of @frame (which must
 * outlive the transform). */
AtlasMapTransform atlas_test_frame_transform (const AtlasMapFrame *frame);

G_END_DECLS
