/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-dataset.h"

G_BEGIN_DECLS

/* Every change the editor makes to a dataset goes through an AtlasUndoStack,
 * so that undo and redo cover text edits, list edits and indicator changes
 * alike, and "modified" is exact: TRUE when the dataset differs from the last
 * atlas_undo_stack_mark_saved () point, also after undoing past it.
 *
 * Properties (notify): "can-undo", "can-redo", "undo-label", "redo-label"
 * (translated, e.g. "Undo Change of Cooperation depth"), "modified",
 * "change-source", "change-date".
 *
 * Signal "changed" () after every do, undo and redo: the window marks itself
 * modified and schedules a draft.
 */

#define ATLAS_TYPE_UNDO_STACK (atlas_undo_stack_get_type ())
#define ATLAS_UNDO_STACK_ERROR (atlas_undo_stack_error_quark ())

typedef enum
{
  /* A value the file format would refuse (a bad date, id or link). */
  ATLAS_UNDO_STACK_ERROR_INVALID,
  /* Removing (or renaming) a source that partners still cite. */
  ATLAS_UNDO_STACK_ERROR_CITED,
  /* A change dated before a later change of the same field: it would break
   * the history chain (see atlas-timeline.h). */
  ATLAS_UNDO_STACK_ERROR_CHAIN,
} AtlasUndoStackError;

GQuark atlas_undo_stack_error_quark (void);

G_DECLARE_FINAL_TYPE (AtlasUndoStack, atlas_undo_stack, ATLAS, UNDO_STACK, GObject)

AtlasUndoStack *atlas_undo_stack_new               (AtlasDataset   *dataset);
AtlasDataset   *atlas_undo_stack_get_dataset       (AtlasUndoStack *self);

gboolean        atlas_undo_stack_get_can_undo      (AtlasUndoStack *self);
gboolean        atlas_undo_stack_get_can_redo      (AtlasUndoStack *self);
/* NULL when there is nothing to undo (redo). */
const char     *atlas_undo_stack_get_undo_label    (AtlasUndoStack *self);
const char     *atlas_undo_stack_get_redo_label    (AtlasUndoStack *self);
gboolean        atlas_undo_stack_get_modified      (AtlasUndoStack *self);
void            atlas_undo_stack_mark_saved        (AtlasUndoStack *self);
/* Saving serializes the dataset, then writes it while the user may go on
 * editing: take a mark when serializing, and hand it to
 * atlas_undo_stack_mark_saved_at () once written. Taking a mark ends
 * coalescing, so that later edits cannot merge into the saved state. */
guint64         atlas_undo_stack_save_mark         (AtlasUndoStack *self);
void            atlas_undo_stack_mark_saved_at     (AtlasUndoStack *self,
                                                    guint64         mark);
/* For a dataset that exists nowhere on disk yet (a new copy of the bundled
 * one): modified until saved, whatever is undone. */
void            atlas_undo_stack_mark_unsaved      (AtlasUndoStack *self);
gboolean        atlas_undo_stack_undo              (AtlasUndoStack *self);
gboolean        atlas_undo_stack_redo              (AtlasUndoStack *self);
/* Forgets every command; the modified state is kept as it is. */
void            atlas_undo_stack_clear             (AtlasUndoStack *self);

/* The source given for the changes being made now ("Council of Europe
 * treaty office, 2015", a URL...), and the date stamped on them
 * (YYYY-MM-DD; NULL or default: today). History entries take them. */
void            atlas_undo_stack_set_change_source (AtlasUndoStack *self,
                                                    const char     *source);
const char     *atlas_undo_stack_get_change_source (AtlasUndoStack *self);
/* A source given after the change: this editing session's history entries
 * of @partner recorded without a source take the change source, as one
 * undoable step. FALSE when there was none (or no change source). */
gboolean        atlas_undo_stack_fill_missing_sources (AtlasUndoStack *self,
                                                       AtlasPartner   *partner);
void            atlas_undo_stack_set_change_date   (AtlasUndoStack *self,
                                                    const char     *date);
/* The date set, or today's. */
const char     *atlas_undo_stack_get_change_date   (AtlasUndoStack *self);

/* Indicator and assessment changes also append (or, when the last history
 * entry is an unsaved one for the same field, update) an AtlasHistoryEntry
 * {date, field ("indicators.<lens>" / "assessment"), old, new, source} and
 * set the partner's "updated" to the change date, all inside the one
 * undoable command. An unsaved entry whose value comes back to where it
 * started is removed. Consecutive assessment edits of the same partner
 * coalesce into one command (typing a sentence is one undo step).
 * @category_id NULL clears the indicator ("No data"). */
void            atlas_undo_stack_set_indicator     (AtlasUndoStack *self,
                                                    AtlasPartner   *partner,
                                                    const char     *lens_id,
                                                    const char     *category_id);
/* Whether a change of @field ("indicators.<lens id>", "assessment") of
 * @partner, dated with the change date, keeps the history a chain: an entry
 * dated in the past is inserted in date order, but not before a later change
 * of the same field. On FALSE @error (ATLAS_UNDO_STACK_ERROR_CHAIN or
 * _INVALID) says why in words for the user; atlas_undo_stack_set_indicator ()
 * and atlas_undo_stack_set_assessment () then change nothing. An edit whose
 * date is after the dataset's as_of moves the as_of to it, in the same undo
 * step. */
gboolean        atlas_undo_stack_check_change      (AtlasUndoStack *self,
                                                    AtlasPartner   *partner,
                                                    const char     *field,
                                                    GError        **error);
void            atlas_undo_stack_set_assessment    (AtlasUndoStack *self,
                                                    AtlasPartner   *partner,
                                                    const char     *assessment);
/* Anything else in a profile (name, updated, documents, dialogues,
 * agreements, sources: add, remove, reorder, edit a field): build the new
 * state on a copy (atlas_partner_copy ()), then hand it over; the stack
 * swaps the contents in place (the AtlasPartner object stays the same, so
 * views keep their references) and can swap back. @label names the change
 * ("Rename Document"); the undo label becomes "Undo <label>".
 * @coalesce_key: non-NULL to merge with the previous command when it has the
 * same key and partner (typing in a document title), NULL for a discrete
 * step. */
void            atlas_undo_stack_edit_partner      (AtlasUndoStack *self,
                                                    AtlasPartner   *partner,
                                                    AtlasPartner   *new_state,
                                                    const char     *label,
                                                    const char     *coalesce_key);
/* @position: where in the dataset's partner list, or G_MAXUINT to append. */
void            atlas_undo_stack_add_partner       (AtlasUndoStack *self,
                                                    AtlasPartner   *partner,
                                                    guint           position);
/* Takes the partner out of the file altogether, history and all (what
 * undoing its addition does). The editor's "Remove" records a removal
 * instead: atlas_undo_stack_set_listed (). */
void            atlas_undo_stack_remove_partner    (AtlasUndoStack *self,
                                                    AtlasPartner   *partner);
/* Records that the partner leaves the atlas (@listed FALSE) or comes back
 * to it (TRUE) on @date (NULL: the change date) with @source (NULL: the
 * change source), as a history entry "partner": "listed" -> null (null ->
 * "listed"), one undoable step. The partner stays in the file with its
 * history, so that the dataset as of an earlier date still shows it, but
 * is no longer listed (atlas_dataset_get_partners ()). A date before a
 * later "partner" entry is refused as for atlas_undo_stack_check_change ();
 * nothing is changed then. TRUE (nothing done) when it is already so. */
gboolean        atlas_undo_stack_set_listed        (AtlasUndoStack *self,
                                                    AtlasPartner   *partner,
                                                    gboolean        listed,
                                                    const char     *date,
                                                    const char     *source,
                                                    GError        **error);
/* Whether atlas_undo_stack_set_listed () would take @date (NULL: the change
 * date); on FALSE @error says why in words for the user. */
gboolean        atlas_undo_stack_check_listed      (AtlasUndoStack *self,
                                                    AtlasPartner   *partner,
                                                    const char     *date,
                                                    GError        **error);
/* The dataset's own title and "as of" date (YYYY-MM-DD); NULL keeps one
 * as it is. @label and @coalesce_key as for atlas_undo_stack_edit_partner ().
 * Refuses a date that is not one with ATLAS_UNDO_STACK_ERROR_INVALID. */
gboolean        atlas_undo_stack_edit_dataset_info (AtlasUndoStack *self,
                                                    const char     *title,
                                                    const char     *as_of,
                                                    const char     *label,
                                                    const char     *coalesce_key,
                                                    GError        **error);
/* The works cited: @new_sources (of AtlasSource, copied) becomes the whole
 * list, swapped into the dataset's own GListStore (views keep it, and the
 * rows of unchanged sources keep their objects). Refused, with nothing
 * changed, when an id is not [a-z0-9-]+ or is there twice, a year is outside
 * 1900-2100 or a link is not http(s) (ATLAS_UNDO_STACK_ERROR_INVALID), or
 * when a source that partners cite would be gone (removed, or its id
 * changed: ATLAS_UNDO_STACK_ERROR_CITED, naming them). */
gboolean        atlas_undo_stack_edit_sources      (AtlasUndoStack *self,
                                                    GListModel     *new_sources,
                                                    const char     *label,
                                                    const char     *coalesce_key,
                                                    GError        **error);
/* Makes the dataset hold what @new_state holds (say, the result of taking a
 * colleague's changes), as ONE command ("Undo <label>"): partners matched
 * by id keep their AtlasPartner objects (views keep them) and take the new
 * contents; partners and lenses @new_state adds are copies of its own,
 * those it lacks go; the partners' order, title, date, works cited, lenses,
 * subject (name, colour, members and their changes) and unknown members
 * follow. Nothing is checked: @new_state should come through the loader.
 * Returns FALSE, with nothing recorded, when nothing differs. */
gboolean        atlas_undo_stack_replace_dataset   (AtlasUndoStack *self,
                                                    AtlasDataset   *new_state,
                                                    const char     *label);
/* The partners whose source references name @source_id, in dataset order:
 * a new array of AtlasPartner references, empty when none does. */
GPtrArray      *atlas_undo_stack_dup_citing_partners (AtlasUndoStack *self,
                                                      const char     *source_id);
/* An id for a new source, from its author and year ("Council of Europe",
 * 2022: "council-of-europe-2022"), made unique among the dataset's sources
 * with "-2", "-3"... The source with @except_id (NULL: none) does not count,
 * so that a new source's id can follow its author as it is typed. */
char           *atlas_undo_stack_make_source_id    (AtlasUndoStack *self,
                                                    const char     *author,
                                                    int             year,
                                                    const char     *except_id);

/* Ends coalescing (focus left a field, or a pause): the next edit is a new
 * undo step. */
void            atlas_undo_stack_break_coalescing  (AtlasUndoStack *self);

G_END_DECLS
