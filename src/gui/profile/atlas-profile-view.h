/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "atlas-core.h"
#include "atlas-undo-stack.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_PROFILE_VIEW (atlas_profile_view_get_type ())

G_DECLARE_FINAL_TYPE (AtlasProfileView, atlas_profile_view, ATLAS, PROFILE_VIEW, GtkWidget)

GtkWidget      *atlas_profile_view_new             (void);
AtlasDataset   *atlas_profile_view_get_dataset     (AtlasProfileView *self);
void            atlas_profile_view_set_dataset     (AtlasProfileView *self,
                                                    AtlasDataset     *dataset);
/* The ISO code of the partner shown, or NULL for none. */
const char     *atlas_profile_view_get_selected_id (AtlasProfileView *self);
void            atlas_profile_view_set_selected_id (AtlasProfileView *self,
                                                    const char       *id);
AtlasPartner   *atlas_profile_view_get_partner     (AtlasProfileView *self);
/* Every edit goes through it; without one the profile cannot be edited. */
AtlasUndoStack *atlas_profile_view_get_undo_stack  (AtlasProfileView *self);
void            atlas_profile_view_set_undo_stack  (AtlasProfileView *self,
                                                    AtlasUndoStack   *undo_stack);
/* Whether the profile is shown as a form. */
gboolean        atlas_profile_view_get_editing     (AtlasProfileView *self);
void            atlas_profile_view_set_editing     (AtlasProfileView *self,
                                                    gboolean          editing);
/* Opens @uri in the browser if it is an http or https URL; returns FALSE,
 * opening nothing, for anything else. */
gboolean        atlas_profile_view_open_link       (AtlasProfileView *self,
                                                    const char       *uri);
/* Whether @uri is a link the profile offers to open. */
/* Old name: atlas_format_is_web_link() is the one rule for links. */
#define atlas_profile_view_is_web_link atlas_format_is_web_link

G_END_DECLS
