/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "atlas-round.h"

G_BEGIN_DECLS

/* The small records a dataset is made of. Each is a final GObject with one
 * read/write property per field, so that list views can bind to them and an
 * undo stack can record property changes.
 *
 * Conventions: string fields are never NULL ("" when empty) except those
 * documented as nullable, where NULL stands for JSON null; year fields use
 * 0 for JSON null. Enumerated fields (a dialogue's level, an agreement's
 * kind...) are plain strings; the allowed values are listed by the
 * *_get_*_values() functions, in the order an editor should offer them.
 */

/* AtlasSource: a work cited by the dataset */

#define ATLAS_TYPE_SOURCE (atlas_source_get_type ())

G_DECLARE_FINAL_TYPE (AtlasSource, atlas_source, ATLAS, SOURCE, GObject)

AtlasSource *atlas_source_new        (const char  *id);
const char  *atlas_source_get_id     (AtlasSource *self);
void         atlas_source_set_id     (AtlasSource *self,
                                      const char  *id);
const char  *atlas_source_get_title  (AtlasSource *self);
void         atlas_source_set_title  (AtlasSource *self,
                                      const char  *title);
const char  *atlas_source_get_author (AtlasSource *self);
void         atlas_source_set_author (AtlasSource *self,
                                      const char  *author);
int          atlas_source_get_year   (AtlasSource *self);
void         atlas_source_set_year   (AtlasSource *self,
                                      int          year);
const char  *atlas_source_get_url    (AtlasSource *self); /* nullable */
void         atlas_source_set_url    (AtlasSource *self,
                                      const char  *url);
AtlasSource *atlas_source_copy       (AtlasSource *self);
gboolean     atlas_source_equal      (AtlasSource *a,
                                      AtlasSource *b);

/* AtlasDocument: a key document of a partnership */

#define ATLAS_TYPE_DOCUMENT (atlas_document_get_type ())

G_DECLARE_FINAL_TYPE (AtlasDocument, atlas_document, ATLAS, DOCUMENT, GObject)

AtlasDocument *atlas_document_new       (const char    *title);
const char    *atlas_document_get_title (AtlasDocument *self);
void           atlas_document_set_title (AtlasDocument *self,
                                         const char    *title);
int            atlas_document_get_year  (AtlasDocument *self);
void           atlas_document_set_year  (AtlasDocument *self,
                                         int            year);
const char    *atlas_document_get_url   (AtlasDocument *self); /* nullable */
void           atlas_document_set_url   (AtlasDocument *self,
                                         const char    *url);
AtlasDocument *atlas_document_copy      (AtlasDocument *self);
gboolean       atlas_document_equal     (AtlasDocument *a,
                                         AtlasDocument *b);

/* AtlasDialogue: a recurring dialogue between the subject and a partner */

#define ATLAS_TYPE_DIALOGUE (atlas_dialogue_get_type ())

G_DECLARE_FINAL_TYPE (AtlasDialogue, atlas_dialogue, ATLAS, DIALOGUE, GObject)

AtlasDialogue      *atlas_dialogue_new               (const char    *name);
const char         *atlas_dialogue_get_name          (AtlasDialogue *self);
void                atlas_dialogue_set_name          (AtlasDialogue *self,
                                                      const char    *name);
const char         *atlas_dialogue_get_frequency     (AtlasDialogue *self); /* nullable */
void                atlas_dialogue_set_frequency     (AtlasDialogue *self,
                                                      const char    *frequency);
const char         *atlas_dialogue_get_level         (AtlasDialogue *self);
void                atlas_dialogue_set_level         (AtlasDialogue *self,
                                                      const char    *level);
int                 atlas_dialogue_get_established   (AtlasDialogue *self);
void                atlas_dialogue_set_established   (AtlasDialogue *self,
                                                      int            established);
const char         *atlas_dialogue_get_status        (AtlasDialogue *self);
void                atlas_dialogue_set_status        (AtlasDialogue *self,
                                                      const char    *status);
/* The rounds, oldest first: a GPtrArray of AtlasRound, never NULL. Do not
 * modify it; set_rounds () takes a copy of a new array. */
GPtrArray          *atlas_dialogue_get_rounds        (AtlasDialogue *self);
void                atlas_dialogue_set_rounds        (AtlasDialogue *self,
                                                      GPtrArray     *rounds);
/* The last round on or before @date (NULL: the last of all), or NULL. */
const AtlasRound   *atlas_dialogue_get_last_round    (AtlasDialogue *self,
                                                      const char    *date);
/* An active dialogue with a frequency the app can measure (see
 * atlas_frequency_months ()) whose last round on or before @date
 * (YYYY-MM-DD) lies more than twice that interval before @date. With no
 * round at all, the interval runs from the end of the year it was
 * established, or it is overdue when that is unknown too. A partial round
 * date counts from its last day. */
gboolean            atlas_dialogue_is_overdue        (AtlasDialogue *self,
                                                      const char    *date);
/* "No round since 6 Dec 2023" or "No round recorded" when the
 * dialogue is overdue as of @date, else NULL. */
char               *atlas_dialogue_dup_overdue_text  (AtlasDialogue *self,
                                                      const char    *date);
AtlasDialogue      *atlas_dialogue_copy              (AtlasDialogue *self);
gboolean            atlas_dialogue_equal             (AtlasDialogue *a,
                                                      AtlasDialogue *b);
const char * const *atlas_dialogue_get_level_values  (void);
const char * const *atlas_dialogue_get_status_values (void);

/* AtlasAgreement: an agreement in force or under way */

#define ATLAS_TYPE_AGREEMENT (atlas_agreement_get_type ())

G_DECLARE_FINAL_TYPE (AtlasAgreement, atlas_agreement, ATLAS, AGREEMENT, GObject)

AtlasAgreement     *atlas_agreement_new               (const char     *kind,
                                                       const char     *title);
const char         *atlas_agreement_get_kind          (AtlasAgreement *self);
void                atlas_agreement_set_kind          (AtlasAgreement *self,
                                                       const char     *kind);
const char         *atlas_agreement_get_title         (AtlasAgreement *self);
void                atlas_agreement_set_title         (AtlasAgreement *self,
                                                       const char     *title);
int                 atlas_agreement_get_signed        (AtlasAgreement *self);
void                atlas_agreement_set_signed        (AtlasAgreement *self,
                                                       int             year);
int                 atlas_agreement_get_in_force      (AtlasAgreement *self);
void                atlas_agreement_set_in_force      (AtlasAgreement *self,
                                                       int             year);
const char         *atlas_agreement_get_status        (AtlasAgreement *self);
void                atlas_agreement_set_status        (AtlasAgreement *self,
                                                       const char     *status);
AtlasAgreement     *atlas_agreement_copy              (AtlasAgreement *self);
gboolean            atlas_agreement_equal             (AtlasAgreement *a,
                                                       AtlasAgreement *b);
const char * const *atlas_agreement_get_kind_values   (void);
const char * const *atlas_agreement_get_status_values (void);

/* The label people read for a value of an enumerated field (a level, a
 * status, a kind), translated; an unknown value as it is, NULL for NULL. */
const char         *atlas_entry_value_get_label       (const char *value);

/* AtlasSourceRef: where in a source a profile's facts come from */

#define ATLAS_TYPE_SOURCE_REF (atlas_source_ref_get_type ())

G_DECLARE_FINAL_TYPE (AtlasSourceRef, atlas_source_ref, ATLAS, SOURCE_REF, GObject)

AtlasSourceRef *atlas_source_ref_new         (const char     *id,
                                              const char     *locator);
const char     *atlas_source_ref_get_id      (AtlasSourceRef *self);
void            atlas_source_ref_set_id      (AtlasSourceRef *self,
                                              const char     *id);
const char     *atlas_source_ref_get_locator (AtlasSourceRef *self);
void            atlas_source_ref_set_locator (AtlasSourceRef *self,
                                              const char     *locator);
AtlasSourceRef *atlas_source_ref_copy        (AtlasSourceRef *self);
gboolean        atlas_source_ref_equal       (AtlasSourceRef *a,
                                              AtlasSourceRef *b);

/* AtlasHistoryEntry: one dated change to a profile. In JSON the values are
 * "old" and "new"; the properties are "old-value" and "new-value" because
 * "new" makes poor C. */

#define ATLAS_TYPE_HISTORY_ENTRY (atlas_history_entry_get_type ())

G_DECLARE_FINAL_TYPE (AtlasHistoryEntry, atlas_history_entry, ATLAS, HISTORY_ENTRY, GObject)

AtlasHistoryEntry *atlas_history_entry_new           (const char        *date,
                                                      const char        *field,
                                                      const char        *old_value,
                                                      const char        *new_value,
                                                      const char        *source);
const char        *atlas_history_entry_get_date      (AtlasHistoryEntry *self);
void               atlas_history_entry_set_date      (AtlasHistoryEntry *self,
                                                      const char        *date);
const char        *atlas_history_entry_get_field     (AtlasHistoryEntry *self);
void               atlas_history_entry_set_field     (AtlasHistoryEntry *self,
                                                      const char        *field);
const char        *atlas_history_entry_get_old_value (AtlasHistoryEntry *self); /* nullable */
void               atlas_history_entry_set_old_value (AtlasHistoryEntry *self,
                                                      const char        *old_value);
const char        *atlas_history_entry_get_new_value (AtlasHistoryEntry *self); /* nullable */
void               atlas_history_entry_set_new_value (AtlasHistoryEntry *self,
                                                      const char        *new_value);
const char        *atlas_history_entry_get_source    (AtlasHistoryEntry *self);
void               atlas_history_entry_set_source    (AtlasHistoryEntry *self,
                                                      const char        *source);
AtlasHistoryEntry *atlas_history_entry_copy          (AtlasHistoryEntry *self);
gboolean           atlas_history_entry_equal         (AtlasHistoryEntry *a,
                                                      AtlasHistoryEntry *b);

G_END_DECLS
