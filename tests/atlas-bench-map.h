/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The map's figures for atlas-bench (see the top of atlas-bench-map.c).
 * All but hit-test need a display: run the bench under Xvfb. */

void atlas_bench_map_pan_1080p        (void);
void atlas_bench_map_pan_2160p        (void);
void atlas_bench_map_pan_europe_1080p (void);
void atlas_bench_map_redraw_1080p     (void);
void atlas_bench_map_pan_1080p_mercator    (void);
void atlas_bench_map_redraw_1080p_mercator (void);
void atlas_bench_timeline_step_1080p (void);
void atlas_bench_hit_test             (void);
void atlas_bench_paint_world_1080p    (void);
/* Both figures come from the same runs of the app... */
void atlas_bench_startup              (void);
/* ...each this, in a process of its own (atlas-bench --child-startup) */
int  atlas_bench_startup_child        (const char *argv0);

/* The process's peak resident size so far, in KiB (atlas-bench.c) */
long atlas_bench_peak_rss_kb          (void);

G_END_DECLS
