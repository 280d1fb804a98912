/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-core.h"

G_BEGIN_DECLS

/* The side panels' figures for atlas-bench (see atlas-bench-panels.c).
 * They need a display: run the bench under Xvfb. */

/* Selecting a partner in the list and drawing its profile, over the
 * dataset's partners in turn. */
void atlas_bench_panels_select_partner (const char   *name,
                                        AtlasDataset *dataset);
/* Typing in the partner list's search, the list drawn after each key. */
void atlas_bench_panels_filter_list    (const char   *name,
                                        AtlasDataset *dataset);

G_END_DECLS
