/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the profile's widgets share (the view, the reader, the history and
 * the editor): rows that show dataset text as plain text, the words for a
 * dialogue's or an agreement's summary, and links that open only on the
 * web. Private to src/gui/profile/. */

#include <adwaita.h>

#include "atlas-core.h"
#include "atlas-undo-stack.h"

G_BEGIN_DECLS

/* Rows and labels; dataset text is never markup. */
void        atlas_profile_tune_wrap            (GtkLabel   *label);
void        atlas_profile_tune_wrap_all        (GtkWidget  *widget);
GtkWidget  *atlas_profile_action_row_new       (const char *title,
                                                const char *subtitle);
GtkWidget  *atlas_profile_placeholder_row_new  (const char *text);
GtkWidget  *atlas_profile_group_new            (const char *title);
GtkWidget  *atlas_profile_plain_label_new      (const char *text);
GtkWidget  *atlas_profile_status_label_new     (const char *text);
/* A flat button showing an icon, @label as its tooltip and name. */
GtkWidget  *atlas_profile_icon_button_new      (const char *icon_name,
                                                const char *label);
/* @widget, the row's suffix, takes the row's title as its accessible
 * name, now and whenever the title changes. */
void        atlas_profile_name_by_title        (AdwPreferencesRow *row,
                                                GtkWidget         *widget);
void        atlas_profile_row_set_text         (GtkWidget  *row,
                                                const char *title,
                                                const char *subtitle);

/* Editing: leaving a field ends its undo step (the next edit is a new
 * one); an entry row whose undo is the app's, not its own. */
void        atlas_profile_break_coalescing_on_leave (GtkWidget      *widget,
                                                     AtlasUndoStack *undo_stack);
GtkWidget  *atlas_profile_entry_row_new        (const char     *title,
                                                const char     *text,
                                                AtlasUndoStack *undo_stack);

/* Texts */
const char *atlas_profile_value_label          (const char *value);
char       *atlas_profile_join_parts           (const char * const *parts);
char       *atlas_profile_dialogue_summary     (AtlasDialogue    *dialogue);
char       *atlas_profile_agreement_summary    (AtlasAgreement   *agreement);
char       *atlas_profile_round_title          (const AtlasRound *round);
char       *atlas_profile_round_subtitle       (const AtlasRound *round);

/* A macro so that the format stays a literal the compiler can check. */
#define atlas_profile_year_text(format, year) \
  ((year) > 0 ? g_strdup_printf ((format), (year)) : g_strdup (""))

/* Opens @uri in the browser, over @widget's window, if it is an http or
 * https URL; returns FALSE, opening nothing, for anything else. */
gboolean    atlas_profile_open_link            (GtkWidget  *widget,
                                                const char *uri);

/* A group of read-only rows kept from one partner to the next: only their
 * text changes, spare rows are hidden, not destroyed (building rows is half
 * the cost of showing a profile, see the select-partner bench). */
typedef struct
{
  GtkWidget  *widget;    /* AdwActionRow or AdwExpanderRow */
  GtkWidget  *suffix;    /* a chip, a link button or a status, or NULL */
  GtkWidget  *mark;      /* a dialogue's overdue mark, or NULL */
  GPtrArray  *children;  /* rows added to an expander when opened */
  GPtrArray  *rounds;    /* the dialogue's rounds shown (held), or NULL */
  const char *id;        /* the work a source row shows (interned) */
  gpointer    owner;
} AtlasProfileRow;

typedef void (*AtlasProfileRowCreate) (AtlasProfileRow *row);
typedef void (*AtlasProfileRowFill)   (AtlasProfileRow *row,
                                       guint            index);

typedef struct
{
  GtkWidget *group;       /* AdwPreferencesGroup */
  GtkWidget *placeholder; /* shown when the list is empty */
  GPtrArray *rows;        /* AtlasProfileRow, in use, then spare (hidden) */
} AtlasProfileRowList;

void        atlas_profile_row_list_init        (AtlasProfileRowList  *list,
                                                GtkWidget            *group,
                                                GtkWidget            *placeholder);
void        atlas_profile_row_list_clear       (AtlasProfileRowList  *list);
void        atlas_profile_row_list_sync        (AtlasProfileRowList  *list,
                                                guint                 n,
                                                AtlasProfileRowCreate create,
                                                AtlasProfileRowFill   fill,
                                                gpointer              owner);

G_END_DECLS
