/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "atlas-profile-section.h"

G_BEGIN_DECLS

/* Adds the rounds of the index-th dialogue, and a button to add one, to
 * @expander, that dialogue's row in @section. */
void atlas_profile_rounds_editor_add (AtlasProfileSection *section,
                                      GtkWidget           *expander,
                                      guint                index);

G_END_DECLS
