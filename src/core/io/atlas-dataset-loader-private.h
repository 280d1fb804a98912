/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the parts of the dataset loader share: the loader's state, the
 * readers of values and objects that record a located problem instead of
 * failing (atlas-dataset-reading.c), the entry points that drive them
 * (atlas-dataset-loader.c), the readers of the model's objects
 * (atlas-dataset-io.c) and the rules that tie distant parts of a file
 * together (atlas-dataset-checks.c). Private to src/core/io/. */

#include <glib.h>

#include "atlas-dataset.h"
#include "atlas-json-reader-private.h"

G_BEGIN_DECLS

/* Past this, more problems say nothing new; the list ends with a note. */
#define MAX_PROBLEMS 1000

/* A JSON path as a chain of stack frames, rendered only for a problem. */
typedef struct _Path Path;
struct _Path
{
  const Path *parent;
  const char *member;
  int         index;
};

#define MEMBER(p, name) (&(const Path) { (p), (name), -1 })
#define INDEX(p, i)     (&(const Path) { (p), NULL, (int) (i) })

typedef struct
{
  char     *path;
  char     *message;
  gsize     offset;    /* G_MAXSIZE when nowhere in particular */
  guint     sequence;  /* keeps problems at the same place in reading order */
  int       line;
  int       column;
} Pending;

/* Checks made once the whole file is read. They hold references: a
 * second "partners" member, say, replaces the partners of the first. */
typedef struct
{
  AtlasPartner *partner;
  guint         partner_index;
  char         *lens_id;
  char         *category_id;
  gsize         key_offset;
  gsize         value_offset;
} IndicatorCheck;

typedef struct
{
  AtlasSourceRef *ref;
  guint           partner_index;
  guint           ref_index;
  gsize           offset;
} SourceRefCheck;

typedef struct
{
  guint   lens_index;
  guint   category_index;
  guint32 color;
  gsize   offset;
} ColorCheck;

/* Where each part of a history entry lies, for the chain rules
 * (AtlasTimelinePart order: the entry, date, field, old, new). */
typedef struct
{
  guint   partner_index;
  guint   entry_index;
  gsize   offsets[5];
} HistoryCheck;

typedef struct
{
  const char      *file;
  AtlasJsonReader  reader;
  GPtrArray       *pending;        /* Pending */
  guint            n_dropped;

  /* Verdicts on the whole file, which replace the other problems. */
  Pending         *not_ours;       /* no "format": "cyber-diplomacy-atlas" */
  Pending         *too_new;
  gboolean         format_ok;
  char            *error_path;     /* where the reader failed, if it did */

  GHashTable      *source_ids;     /* owned id -> itself */
  GHashTable      *lenses;         /* id -> AtlasLens */
  GHashTable      *partner_ids;    /* owned id -> index + 1 */
  guint            partner_index;  /* of the partner being read */
  guint            lens_index;     /* of the lens being read */
  gboolean         has_subject_color;
  guint32          subject_color;
  GArray          *indicator_checks;
  GArray          *source_ref_checks;
  GArray          *color_checks;
  char            *as_of;          /* the dataset's, once read */
  GArray          *opens_checks;   /* OpensCheck */
  GArray          *member_change_offsets; /* gsize per subject.member_changes[] read */
  GArray          *history_checks;
  /* subject.indicators, held as a partner's until the lenses are known */
  AtlasPartner    *subject_indicators;
} Loader;

/* IndicatorCheck.partner_index of subject.indicators */
#define SUBJECT_INDEX G_MAXUINT

typedef struct
{
  AtlasLens *lens;   /* borrowed: the lenses table holds it */
  guint      lens_index;
  gsize      offset;
} OpensCheck;

/* The members of one JSON object, as the model's objects expect them. */
typedef struct
{
  Loader             *l;
  const Path         *path;
  const char * const *known;
  guint               n_known;
  guint32             seen;         /* bit i: known[i] was read */
  guint32             optional;     /* bit i: known[i] may be left out */
  gsize               offset;       /* the opening brace */
  GString            *extra;        /* members not in known, in order, as
                                     * compact JSON text: "{"a":1,"b":[]" */
  GHashTable         *extra_names;  /* their names */
  int                 index;        /* of the current member in known */
  Path                member_path;  /* of the current member */
} Members;

typedef gpointer (*ReadItemFunc) (Loader     *l,
                                  const Path *path,
                                  guint       index);

void     atlas_loader_pending_free (gpointer data);
Pending *atlas_loader_pending_new (char  *path,
                                   gsize  offset,
                                   char  *message);

void atlas_loader_add_pending (Loader *l,
                               char   *path,
                               gsize   offset,
                               char   *message);

void atlas_loader_add_problem (Loader     *l,
                               const Path *path,
                               gsize       offset,
                               const char *format,
                               ...) G_GNUC_PRINTF (4, 5);

gboolean atlas_loader_reader_ok (Loader *l);

void atlas_loader_note_error_path (Loader     *l,
                                   const Path *path);

const char *atlas_loader_skip_and_describe (Loader        *l,
                                            AtlasJsonType  type);

gboolean atlas_loader_read_string (Loader      *l,
                                   const Path  *path,
                                   gboolean     nullable,
                                   char       **out);

gboolean atlas_loader_read_year (Loader     *l,
                                 const Path *path,
                                 gboolean    nullable,
                                 int        *out);

gboolean atlas_loader_read_boolean (Loader     *l,
                                    const Path *path,
                                    gboolean   *out);

gboolean atlas_loader_read_id (Loader      *l,
                               const Path  *path,
                               char         separator,
                               char       **out);

gboolean atlas_loader_read_enum (Loader              *l,
                                 const Path          *path,
                                 const char * const  *values,
                                 char               **out);

gboolean atlas_loader_read_date (Loader      *l,
                                 const Path  *path,
                                 char       **out);

gboolean atlas_loader_read_color (Loader     *l,
                                  const Path *path,
                                  guint32    *out);

gboolean atlas_loader_read_url (Loader      *l,
                                const Path  *path,
                                char       **out);

gboolean atlas_loader_members_begin (Loader             *l,
                                     Members            *m,
                                     const Path         *path,
                                     const char * const *known);

gboolean atlas_loader_members_next (Members *m);

gboolean atlas_loader_members_end (Members *m);

GBytes *atlas_loader_members_steal_extra (Members *m);

void atlas_loader_members_keep_extra (Members  *m,
                                      gpointer  model_object);

void atlas_loader_members_clear (Members *m);

/* What atlas_loader_read_each () does with an element of an array: read
 * it (it starts at @offset in the text). */
typedef void (*ReadElementFunc) (Loader     *l,
                                 const Path *path,
                                 guint       index,
                                 gsize       offset,
                                 gpointer    data);

/* Reads the array at @path an element at a time; when the value is no
 * array, says so and reads nothing. Returns how many elements there were,
 * or -1 for no array. */
int        atlas_loader_read_each  (Loader          *l,
                                    const Path      *path,
                                    ReadElementFunc  read_element,
                                    gpointer         data);

GPtrArray *atlas_loader_read_array (Loader       *l,
                                    const Path   *path,
                                    ReadItemFunc  read_item);

void atlas_loader_read_entries (Loader       *l,
                                const Path   *path,
                                ReadItemFunc  read_item,
                                GListStore   *store);

void atlas_loader_check_references (Loader *l);

void atlas_loader_check_dates (Loader       *l,
                               AtlasDataset *dataset);

void atlas_loader_check_history (Loader       *l,
                                 AtlasDataset *dataset);

AtlasDataset *atlas_loader_read_root (Loader *l);

/* The subject's categories, checked as a partner's (atlas-dataset-checks.c). */
void atlas_loader_apply_subject_indicators (Loader       *l,
                                            AtlasDataset *dataset);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Members, atlas_loader_members_clear)

G_END_DECLS
