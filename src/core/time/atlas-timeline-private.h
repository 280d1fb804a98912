/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "atlas-timeline.h"

G_BEGIN_DECLS

/* Shared by atlas-timeline.c and atlas-timeline-index.c. */

/* A category's name for an indicator value, the value itself otherwise. */
const char           *atlas_timeline_value_name (AtlasLens  *lens,
                                                 const char *value);
/* Up or down on an ordered lens, else changed. */
AtlasChangeDirection  atlas_timeline_direction  (AtlasLens  *lens,
                                                 const char *old_value,
                                                 const char *new_value);

G_END_DECLS
