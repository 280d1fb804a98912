/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_LINK_BUTTON (atlas_link_button_get_type ())

G_DECLARE_FINAL_TYPE (AtlasLinkButton, atlas_link_button, ATLAS, LINK_BUTTON, GtkButton)

/* A flat button that opens a web link from the dataset; it hides itself
 * for anything that is not http(s) (atlas_profile_open_link ()). */
GtkWidget  *atlas_link_button_new     (const char      *uri);
const char *atlas_link_button_get_uri (AtlasLinkButton *self);
void        atlas_link_button_set_uri (AtlasLinkButton *self,
                                       const char      *uri);

G_END_DECLS
