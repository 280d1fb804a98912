/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-dataset.h"
#include "atlas-undo-stack.h"

G_BEGIN_DECLS

/* Between the undo stack (atlas-undo-stack.c) and its parts */

/* The stack's state, which its parts read and keep directly (they call
 * none of atlas-undo-stack.c's functions: it calls theirs) */
struct _AtlasUndoStack
{
  GObject       parent_instance;

  AtlasDataset *dataset;
  GQueue        undo;       /* of Command, newest at the head */
  GQueue        redo;       /* of Command, next to redo at the head */
  guint64       next_serial;
  guint64       saved_serial;
  /* The head of the undo queue may take more of the same edit. */
  gboolean      can_coalesce;

  /* AtlasPartner -> SavedPartner: which history entries are already on
   * disk, and must be appended to, not rewritten. */
  GHashTable   *saved_history;

  char         *change_source;
  char         *change_date;
  char         *today;

  /* What the properties last said, to notify only on change. */
  gboolean      was_modified;
  char         *undo_label;
  char         *redo_label;
};

/* atlas-undo-state.c: what a command copies and puts back */

/* Makes @dest's items equal copies of @src's (items of @type), replacing
 * only the runs that differ, so that views keep their rows. */
void               atlas_undo_sync_store          (GListStore        *dest,
                                                   GListModel        *src,
                                                   GType              type);
/* Copies @src's contents into @dest, touching only what differs. */
void               atlas_undo_partner_assign      (AtlasPartner      *dest,
                                                   AtlasPartner      *src);
GListStore        *atlas_undo_copy_sources        (GListModel        *sources);

typedef struct _AtlasDatasetState AtlasDatasetState;

/* What @dataset holds now, its partners and lenses matched by id with
 * @live's objects, which stay the same objects when the state is applied */
AtlasDatasetState *atlas_dataset_state_new        (AtlasDataset      *live,
                                                   AtlasDataset      *dataset);
void               atlas_dataset_state_free       (AtlasDatasetState *state);
/* Whether applying @state to @dataset would change nothing */
gboolean           atlas_dataset_state_is_current (AtlasDataset      *dataset,
                                                   AtlasDatasetState *state);
/* Makes @dataset hold @state, touching only what differs */
void               atlas_dataset_state_apply      (AtlasDataset      *dataset,
                                                   AtlasDatasetState *state);

/* atlas-undo-history.c: partners' histories */

/* AtlasPartner -> what the last save wrote of its history */
GHashTable        *atlas_undo_saved_new           (void);
void               atlas_undo_saved_record        (GHashTable        *saved_history,
                                                   AtlasDataset      *dataset);
/* Whether the entry at @index of @partner's history was made since the
 * last save, and so may still be rewritten */
gboolean           atlas_undo_saved_is_unsaved    (GHashTable        *saved_history,
                                                   AtlasPartner      *partner,
                                                   guint              index,
                                                   AtlasHistoryEntry *entry);
/* The last entry of @field in @state's history in chain order, or -1 */
int                atlas_undo_chain_last          (AtlasPartner      *state,
                                                   const char        *field);
/* Whether a change of @field dated @date keeps @state's history a chain
 * (the entry at @skip aside) */
gboolean           atlas_undo_check_chain_date    (AtlasPartner      *state,
                                                   const char        *field,
                                                   const char        *date,
                                                   int                skip,
                                                   GError           **error);
/* Puts @entry into @history after every entry dated on or before it */
void               atlas_undo_insert_in_order     (GListStore        *history,
                                                   AtlasHistoryEntry *entry);
/* Records the change of @field in @state's history, dated @date, from
 * @source (NULL: none); FALSE when the date would break the chain */
gboolean           atlas_undo_record_history      (GHashTable        *saved_history,
                                                   AtlasPartner      *partner,
                                                   AtlasPartner      *state,
                                                   const char        *field,
                                                   const char        *old_value,
                                                   const char        *new_value,
                                                   const char        *date,
                                                   const char        *source,
                                                   GError           **error);

/* atlas-undo-sources.c: works cited */

/* Whether @sources is a list the format takes that keeps every source a
 * partner cites */
gboolean           atlas_undo_stack_check_sources (AtlasUndoStack    *self,
                                                   GListModel        *sources,
                                                   GError           **error);

G_END_DECLS
