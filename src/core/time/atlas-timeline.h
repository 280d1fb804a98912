/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "atlas-dataset.h"
#include "atlas-problem.h"

G_BEGIN_DECLS

/* Time: a dataset's history read as a timeline (README.md, "History").
 *
 * Each partner's history is one chain per field: sorted by date (entries on
 * the same date keep file order), the "new" of each entry is the "old" of
 * the next, the last "new" is the current value, and no entry is dated
 * after the dataset's "as_of". The state as of a date D undoes, newest
 * first, every entry dated after D.
 *
 * Fields a chain can end in a current value: "indicators.<lens id>",
 * "assessment", "name", and "partner" (whether the partner is listed: "listed"
 * or null; a partner whose "partner" chain starts with null -> "listed" was
 * added on that date, one whose chain ends in null was removed: it stays in
 * the file, atlas_partner_is_listed () is FALSE, and the dataset does not
 * list it, see atlas_dataset_get_partners ()). Entries of
 * any other field (say "dialogues": old null, new the dialogue's name) are
 * plain dated records: they are listed among the changes but not chained.
 */

#define ATLAS_TIMELINE_FIELD_PARTNER "partner"
#define ATLAS_TIMELINE_LISTED        "listed"

/* Where in a history entry a problem lies. */
typedef enum
{
  ATLAS_TIMELINE_PART_ENTRY,
  ATLAS_TIMELINE_PART_DATE,
  ATLAS_TIMELINE_PART_FIELD,
  ATLAS_TIMELINE_PART_OLD,
  ATLAS_TIMELINE_PART_NEW,
} AtlasTimelinePart;

/* Called once per problem, in the partner's file order of entries.
 * @message is translated and complete ("old \"signatory\" does not follow
 * \"party\" of history[1]"). */
typedef void (*AtlasTimelineReportFunc) (guint              entry_index,
                                         AtlasTimelinePart  part,
                                         const char        *message,
                                         gpointer           user_data);

/* Checks the chain rules on one partner's history. @lenses (nullable) is
 * used to check that indicator values are categories of their lens; @as_of
 * (nullable) is the dataset's date. Returns TRUE when all is well. */
gboolean   atlas_timeline_check_partner  (AtlasPartner            *partner,
                                          AtlasDataset            *dataset,
                                          const char              *as_of,
                                          AtlasTimelineReportFunc  report,
                                          gpointer                 user_data);

/* Every chain problem of a dataset held in memory, as AtlasProblems with the
 * path "partners[i].history[j]" and no line or column; @display_name is their
 * "file". Returns a new array, empty when all is well. */
GPtrArray *atlas_timeline_check_dataset  (AtlasDataset            *dataset,
                                          const char              *display_name);

/* The value @field had as of @date (NULL: none), by the partner's history
 * (the chain is assumed valid). A date before every entry gives the value
 * before the first one. */
const char *atlas_timeline_value_at      (AtlasPartner            *partner,
                                          const char              *field,
                                          const char              *date);

/* Whether the partner is listed as of @date (see "partner" above). */
gboolean   atlas_timeline_is_listed_at   (AtlasPartner            *partner,
                                          const char              *date);

/* The dataset as it stood at @date (YYYY-MM-DD, not after the dataset's
 * as_of): a new dataset whose as_of is @date, whose partners' indicators,
 * assessment and name are reconstructed, whose history stops at @date, whose
 * dialogues established, agreements signed and documents dated in a year
 * after @date's are left out, and whose partners not yet added or already
 * removed at @date are left out. It is itself a valid dataset. Lenses and the
 * entries it keeps are shared with @dataset, not copied: treat it as
 * read-only and make a new one when @dataset changes. */
AtlasDataset *atlas_timeline_dup_as_of   (AtlasDataset            *dataset,
                                          const char              *date);

/* Every date on which something changed (a history entry, a member joining
 * or leaving, a lens opening), sorted, unique, NULL-terminated; free with
 * g_strfreev(). */
char      **atlas_timeline_dup_dates     (AtlasDataset            *dataset);

/* The nearest date of a change after (@forward) or before @date, or NULL
 * when there is none. Free with g_free(). */
char       *atlas_timeline_step          (AtlasDataset            *dataset,
                                          const char              *date,
                                          gboolean                 forward);

/* Whether @text is a YYYY-MM-DD date that the dataset can be shown as of:
 * a real calendar date, not after its as_of. On FALSE @error says why in
 * plain words. */
gboolean    atlas_timeline_check_date    (AtlasDataset            *dataset,
                                          const char              *text,
                                          GError                 **error);

typedef enum
{
  ATLAS_CHANGE_CHANGED,   /* unordered lens, or not a lens */
  ATLAS_CHANGE_UP,        /* an improvement on an ordered lens */
  ATLAS_CHANGE_DOWN,      /* a setback on an ordered lens */
} AtlasChangeDirection;

/* One dated change between two dates. Names are the categories' names for
 * an indicator (NULL for "No data"), the values themselves otherwise. The
 * strings belong to the entry and the lens, which the change holds. */
typedef struct
{
  AtlasPartner         *partner;
  AtlasHistoryEntry    *entry;
  AtlasLens            *lens;       /* NULL unless an indicator */
  const char           *date;
  const char           *field;
  const char           *old_value;
  const char           *new_value;
  const char           *old_name;
  const char           *new_name;
  AtlasChangeDirection  direction;
} AtlasChange;

void        atlas_change_free            (AtlasChange             *change);
/* The change in words for the user: "Canada, Budapest Convention: Signatory
 * → Party" (or without the partner, "Budapest Convention: …"). */
char       *atlas_change_describe        (AtlasChange             *change,
                                          gboolean                 with_partner);
/* "up", "down", "changed" */
const char *atlas_change_direction_to_string (AtlasChangeDirection direction);

/* The changes with @from < date <= @to (@to NULL: the dataset's as_of), in
 * date order, then partner order, then file order; a new array of
 * AtlasChange. When @from is after @to, the changes of (@to, @from] are
 * given as going back in time: newest first, old and new swapped, up and
 * down exchanged. */
GPtrArray  *atlas_timeline_changes       (AtlasDataset            *dataset,
                                          const char              *from,
                                          const char              *to);

/* The formats changes can be written in: "csv", "markdown", "json"
 * (atlas-timeline-format.c). */
const char * const *atlas_timeline_changes_formats  (void);
/* @changes (of AtlasChange) as a file of @format, one change per row:
 * date, partner_id, partner_name, field, old_id, new_id (indicators only),
 * old_name, new_name, direction, source. @from and @to name the span in
 * the Markdown heading. */
GBytes             *atlas_timeline_changes_to_bytes (GPtrArray  *changes,
                                                     const char *format,
                                                     const char *from,
                                                     const char *to);

/* One change of @partner's @entry (both referenced), as atlas_timeline_changes ()
 * gives it; @backwards swaps old and new. */
AtlasChange        *atlas_change_new                (AtlasDataset      *dataset,
                                                     AtlasPartner      *partner,
                                                     AtlasHistoryEntry *entry,
                                                     gboolean           backwards);

/* An index over a dataset's history (atlas-timeline-index.c), for asking
 * the same dataset many dates: the indicators of every partner as of a date
 * and the changes between two dates, without walking every entry each
 * time. It reads the dataset as it is when built: build another when the
 * dataset changes. */
typedef struct _AtlasTimelineIndex AtlasTimelineIndex;

AtlasTimelineIndex *atlas_timeline_index_new        (AtlasDataset        *dataset);
void                atlas_timeline_index_free       (AtlasTimelineIndex  *self);
guint               atlas_timeline_index_get_n_partners (AtlasTimelineIndex *self);
guint               atlas_timeline_index_get_n_lenses   (AtlasTimelineIndex *self);
/* Fills @values (n_partners × n_lenses, partner-major, in the orders of
 * atlas_dataset_get_all_partners () and of the lenses) with each indicator's category id as of @date (NULL: none, or the
 * lens not open yet), and @listed (n_partners, nullable) with whether each
 * partner is listed then. The strings belong to the dataset. */
void                atlas_timeline_index_indicators_at (AtlasTimelineIndex  *self,
                                                        const char          *date,
                                                        const char         **values,
                                                        gboolean            *listed);
/* As atlas_timeline_changes (). */
GPtrArray          *atlas_timeline_index_changes    (AtlasTimelineIndex  *self,
                                                     const char          *from,
                                                     const char          *to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasChange, atlas_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasTimelineIndex, atlas_timeline_index_free)

G_END_DECLS
