/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-entries.h"
#include "atlas-text.h"

G_BEGIN_DECLS

/* Non-nullable strings hold "" rather than NULL. */
static inline gboolean
atlas_entry_set_required_str (char       **field,
                              const char  *value)
{
  return atlas_set_str (field, value ? value : "");
}

/* Constructors for the loader: they take ownership of the strings (NULL
 * for a required one gives "") and emit no notifications. */

AtlasSource       *atlas_source_new_take        (char *id,
                                                 char *title,
                                                 char *author,
                                                 int   year,
                                                 char *url);
AtlasDocument     *atlas_document_new_take      (char *title,
                                                 int   year,
                                                 char *url);
AtlasDialogue     *atlas_dialogue_new_take      (char *name,
                                                 char *frequency,
                                                 char *level,
                                                 int   established,
                                                 char *status);
/* Takes @rounds (a GPtrArray of AtlasRound). */
void               atlas_dialogue_take_rounds   (AtlasDialogue *self,
                                                 GPtrArray     *rounds);
AtlasAgreement    *atlas_agreement_new_take     (char *kind,
                                                 char *title,
                                                 int   year,
                                                 int   in_force,
                                                 char *status);
AtlasSourceRef    *atlas_source_ref_new_take    (char *id,
                                                 char *locator);
AtlasHistoryEntry *atlas_history_entry_new_take (char *date,
                                                 char *field,
                                                 char *old_value,
                                                 char *new_value,
                                                 char *source);

G_END_DECLS
