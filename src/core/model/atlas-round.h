/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* AtlasRound: one meeting of a dialogue. A plain boxed record: a dialogue
 * holds its rounds as an immutable GPtrArray (see atlas_dialogue_get_rounds
 * ()), replaced as a whole when edited.
 *
 * @date is "YYYY-MM-DD", "YYYY-MM" or "YYYY" (as precise as the source is);
 * @place, @url and @note are nullable; @number is the nth round, 0 when the
 * source gives none. */

#define ATLAS_TYPE_ROUND (atlas_round_get_type ())

typedef struct _AtlasRound AtlasRound;

struct _AtlasRound
{
  char       *date;
  char       *place;   /* nullable */
  int         number;  /* 0: unknown */
  char       *url;     /* nullable */
  char       *note;    /* nullable */
  /*< private >*/
  gpointer    extra;   /* GBytes: unknown members as compact JSON, or NULL */
};

GType       atlas_round_get_type   (void) G_GNUC_CONST;
AtlasRound *atlas_round_new        (const char *date,
                                    const char *place,
                                    int         number,
                                    const char *url,
                                    const char *note);
AtlasRound *atlas_round_copy       (const AtlasRound *self);
void        atlas_round_free       (AtlasRound       *self);
gboolean    atlas_round_equal      (const AtlasRound *a,
                                    const AtlasRound *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasRound, atlas_round_free)

/* A new GPtrArray of AtlasRound (owning them); @rounds may be NULL. */
GPtrArray  *atlas_rounds_copy      (GPtrArray  *rounds);
gboolean    atlas_rounds_equal     (GPtrArray  *a,
                                    GPtrArray  *b);

/* "YYYY-MM-DD", "YYYY-MM" or "YYYY", a real date. */
gboolean    atlas_round_date_is_valid (const char *date);
/* Orders partial dates by what they share: "2020" and "2020-01-20" are
 * equal, "2019-12" comes before "2020". */
int         atlas_round_date_compare  (const char *a,
                                       const char *b);
/* The last day a partial date may stand for ("2020" -> "2020-12-31",
 * "2020-02" -> "2020-02-29"), as a newly allocated YYYY-MM-DD. */
char       *atlas_round_date_last_day (const char *date);
/* The round's date in words for the user's locale ("20 May 2025",
 * "January 2020", "2020"). */
char       *atlas_round_date_format   (const char *date);
/* The same with short month names ("6 Dec 2023"). */
char       *atlas_round_date_format_short (const char *date);

/* How many months a dialogue's free-text frequency stands for ("annual":
 * 12, "twice a year": 6, "several times per year": 4, "quarterly": 3,
 * "monthly": 1, "every two years": 24...); 0 when the text says nothing
 * the app can measure (NULL, "ad hoc"). */
int         atlas_frequency_months    (const char *frequency);

G_END_DECLS
