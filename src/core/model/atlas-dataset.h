/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-entries.h"
#include "atlas-lens.h"
#include "atlas-partner.h"

G_BEGIN_DECLS

/* AtlasMemberChange: a country joining or leaving the subject (the UK left
 * the EU on 2020-01-31), so that the members can be known as of any date.
 * In JSON: subject.member_changes[] = { "date", "id", "change" ("joined" or
 * "left"), "source" }. subject.members stays the list as of the dataset's
 * "as_of". */

#define ATLAS_TYPE_MEMBER_CHANGE (atlas_member_change_get_type ())

typedef struct _AtlasMemberChange AtlasMemberChange;

struct _AtlasMemberChange
{
  char     *date;    /* YYYY-MM-DD: the first day the change holds */
  char     *id;      /* ISO 3166-1 alpha-2 */
  char     *change;  /* "joined" or "left" */
  char     *source;
  /*< private >*/
  gpointer  extra;   /* GBytes: unknown members as compact JSON, or NULL */
};

GType               atlas_member_change_get_type          (void) G_GNUC_CONST;
AtlasMemberChange  *atlas_member_change_new               (const char *date,
                                                           const char *id,
                                                           const char *change,
                                                           const char *source);
AtlasMemberChange  *atlas_member_change_copy              (const AtlasMemberChange *self);
void                atlas_member_change_free              (AtlasMemberChange *self);
const char * const *atlas_member_change_get_change_values (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasMemberChange, atlas_member_change_free)

/* A whole dataset: what one JSON file holds (see README.md for the format).
 *
 * "changed" () is emitted after any change anywhere in the dataset (its own
 * properties, the source list, the partner list, or inside any partner), so
 * that the UI can mark the document modified with one handler. Finer-grained
 * notifications are there too: property notifications, the GListModels'
 * items-changed, and each partner's own signals.
 *
 * Partners stay in file order: sorting is a view's business.
 */

#define ATLAS_TYPE_DATASET (atlas_dataset_get_type ())

G_DECLARE_FINAL_TYPE (AtlasDataset, atlas_dataset, ATLAS, DATASET, GObject)

AtlasDataset        *atlas_dataset_new                      (void);

const char          *atlas_dataset_get_title                (AtlasDataset *self);
void                 atlas_dataset_set_title                (AtlasDataset *self,
                                                             const char   *title);
/* YYYY-MM-DD */
const char          *atlas_dataset_get_as_of                (AtlasDataset *self);
void                 atlas_dataset_set_as_of                (AtlasDataset *self,
                                                             const char   *as_of);

GListModel          *atlas_dataset_get_sources              (AtlasDataset *self);
GListStore          *atlas_dataset_get_sources_store        (AtlasDataset *self);
AtlasSource         *atlas_dataset_find_source              (AtlasDataset *self,
                                                             const char   *id);

/* The subject's name to show: in the user's language when the dataset
 * carries it (subject.names, atlas-translations.h), else the file's own,
 * which is atlas_dataset_get_subject_original_name (). */
const char          *atlas_dataset_get_subject_name         (AtlasDataset *self);
const char          *atlas_dataset_get_subject_original_name (AtlasDataset *self);
void                 atlas_dataset_set_subject_name         (AtlasDataset *self,
                                                             const char   *name);
/* Language tag -> name, or NULL; set copies. */
GHashTable          *atlas_dataset_get_subject_names        (AtlasDataset *self);
void                 atlas_dataset_set_subject_names        (AtlasDataset *self,
                                                             GHashTable   *names);
/* 0xRRGGBB */
guint32              atlas_dataset_get_subject_color        (AtlasDataset *self);
/* "#rrggbb" */
const char          *atlas_dataset_get_subject_color_string (AtlasDataset *self);
void                 atlas_dataset_set_subject_color        (AtlasDataset *self,
                                                             guint32       color);
/* The subject's own category in a lens (the EU refused the WCIT-12
 * treaty too), or NULL. In JSON: subject.indicators { lens id: category id }. */
const char          *atlas_dataset_get_subject_indicator    (AtlasDataset *self,
                                                             const char   *lens_id);
/* @category_id NULL: none */
void                 atlas_dataset_set_subject_indicator    (AtlasDataset *self,
                                                             const char   *lens_id,
                                                             const char   *category_id);
/* The lenses the subject has a category in, sorted; g_strfreev () */
char               **atlas_dataset_dup_subject_indicator_lenses (AtlasDataset *self);
/* Makes @self's subject indicators those of @from (copies of a dataset) */
void                 atlas_dataset_copy_subject_indicators  (AtlasDataset *self,
                                                             AtlasDataset *from);
/* ISO 3166-1 alpha-2 codes, file order, NULL-terminated */
const char * const  *atlas_dataset_get_members              (AtlasDataset *self);
void                 atlas_dataset_set_members              (AtlasDataset *self,
                                                             const char * const *members);
gboolean             atlas_dataset_is_member                (AtlasDataset *self,
                                                             const char   *alpha2);
/* Of AtlasMemberChange, file order; never NULL, do not modify. set_ copies. */
GPtrArray           *atlas_dataset_get_member_changes       (AtlasDataset *self);
void                 atlas_dataset_set_member_changes       (AtlasDataset *self,
                                                             GPtrArray    *changes);
/* Membership as of @date (YYYY-MM-DD): the current members with every
 * member change dated after @date undone, newest first. @date NULL: now. */
gboolean             atlas_dataset_is_member_at             (AtlasDataset *self,
                                                             const char   *alpha2,
                                                             const char   *date);
/* The members as of @date, sorted; free with g_strfreev (). */
char               **atlas_dataset_dup_members_at           (AtlasDataset *self,
                                                             const char   *date);

GListModel          *atlas_dataset_get_lenses               (AtlasDataset *self);
AtlasLens           *atlas_dataset_find_lens                (AtlasDataset *self,
                                                             const char   *id);
void                 atlas_dataset_append_lens              (AtlasDataset *self,
                                                             AtlasLens    *lens);

/* The partners listed at the dataset's date, in file order: what the map,
 * the list, the profile and every export show. A partner removed in its
 * history ("partner": "listed" -> null, see atlas-timeline.h) stays in the
 * file, with its history, but is not listed; when its history changes (the
 * removal recorded, or undone), it leaves or joins this list by itself. */
GListModel          *atlas_dataset_get_partners             (AtlasDataset *self);
/* Every partner of the file, removed ones too, in file order: what is
 * saved, what the history and the state as of an earlier date read. */
GListModel          *atlas_dataset_get_all_partners         (AtlasDataset *self);
guint                atlas_dataset_get_n_partners           (AtlasDataset *self);
/* A listed partner (NULL: none listed has the id). */
AtlasPartner        *atlas_dataset_find_partner             (AtlasDataset *self,
                                                             const char   *id);
/* Any partner of the file, removed ones too. */
AtlasPartner        *atlas_dataset_find_any_partner         (AtlasDataset *self,
                                                             const char   *id);
void                 atlas_dataset_add_partner              (AtlasDataset *self,
                                                             AtlasPartner *partner);
/* @position among the listed partners; the file gets it before the partner
 * listed there now. */
void                 atlas_dataset_insert_partner           (AtlasDataset *self,
                                                             guint         position,
                                                             AtlasPartner *partner);
/* @position among all the partners of the file (atlas_dataset_get_all_partners ()). */
void                 atlas_dataset_insert_partner_in_file   (AtlasDataset *self,
                                                             guint         position,
                                                             AtlasPartner *partner);
/* Takes the partner out of the file altogether (undoing its addition).
 * Returns the position it had among the listed partners (for one not listed,
 * where it would have been), or -1 if it was not there. */
int                  atlas_dataset_remove_partner           (AtlasDataset *self,
                                                             AtlasPartner *partner);

G_END_DECLS
