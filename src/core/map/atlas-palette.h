/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "atlas-lens.h"

G_BEGIN_DECLS

/* Whether a lens's colours say what its categories mean, for every eye:
 *
 * - every two categories, and each category against the map's own colours
 *   ("No data", "Other countries" and the subject's), at least
 *   ATLAS_PALETTE_MIN_DELTA_E apart (CIEDE2000) in normal vision and as
 *   people with deuteranopia and protanopia see them (Machado, Oliveira
 *   and Fernandes 2009, severity 1);
 * - an ordered lens a lightness ramp: L* runs one way along the order,
 *   by at least ATLAS_PALETTE_MIN_STEP at each step, so a photocopy keeps
 *   the order;
 * - a lens of two categories dark against light (ΔL* of at least
 *   ATLAS_PALETTE_MIN_TWO_STEP).
 *
 * Colour science by Little CMS (sRGB to CIELAB, CIEDE2000); the
 * colour-vision matrices are Machado's, applied in linear sRGB. */

#define ATLAS_PALETTE_MIN_DELTA_E   10.0
#define ATLAS_PALETTE_MIN_STEP      7.0
#define ATLAS_PALETTE_MIN_TWO_STEP  20.0

typedef enum
{
  ATLAS_VISION_NORMAL,
  ATLAS_VISION_DEUTERANOPIA,
  ATLAS_VISION_PROTANOPIA,
  ATLAS_N_VISIONS
} AtlasVision;

/* CIELAB (D50) of an sRGB colour 0xRRGGBB as seen with @vision */
void       atlas_palette_lab          (guint32      rgb,
                                       AtlasVision  vision,
                                       double       lab[3]);
/* CIEDE2000 between two colours as seen with @vision */
double     atlas_palette_delta_e      (guint32      a,
                                       guint32      b,
                                       AtlasVision  vision);
/* The vision's name for messages ("deuteranopia"), translated */
const char *atlas_palette_vision_name (AtlasVision  vision);

/* Every way the lens's colours break the rules above, as sentences with
 * the numbers (translated, dataset text escaped for a one-line message);
 * an empty array when they keep them all. */
GPtrArray *atlas_palette_check_lens   (AtlasLens   *lens,
                                       guint32      subject_color);

G_END_DECLS
