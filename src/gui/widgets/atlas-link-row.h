/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_LINK_ROW (atlas_link_row_get_type ())

G_DECLARE_FINAL_TYPE (AtlasLinkRow, atlas_link_row, ATLAS, LINK_ROW, AdwEntryRow)

/* A row that edits an optional web link. "uri" is the link the row holds:
 * it takes what is typed only when saving would take it too
 * (atlas_format_check_web_link ()); else the row says why, in those
 * words, as its tooltip and accessible description, and keeps the link it
 * had. Emptied, it holds none (NULL). */
GtkWidget  *atlas_link_row_new     (const char   *title);
const char *atlas_link_row_get_uri (AtlasLinkRow *self);
/* Shows @uri (NULL for none), forgetting any refused text. */
void        atlas_link_row_set_uri (AtlasLinkRow *self,
                                    const char   *uri);

/* Marks @row (a field) as refusing what it holds, with @problem, saving's
 * words for it, as its tooltip and accessible description; NULL takes the
 * mark away. AtlasLinkRow does this itself; other fields checked as they
 * are typed (a date) use it too. */
void        atlas_field_show_problem (GtkWidget    *row,
                                      const char   *problem);

G_END_DECLS
