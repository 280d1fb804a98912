/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "atlas-window.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_APPLICATION (atlas_application_get_type ())

G_DECLARE_FINAL_TYPE (AtlasApplication, atlas_application, ATLAS, APPLICATION, AdwApplication)

AtlasApplication *atlas_application_new          (void);
GSettings        *atlas_application_get_settings (AtlasApplication *self);
/* A new, empty window of the application. Every window that joins it (this
 * one, or one a window opens for a file while it holds unsaved work) gets
 * the application's settings and keeps "last-file" to its file. */
AtlasWindow      *atlas_application_new_window   (AtlasApplication *self);

G_END_DECLS
