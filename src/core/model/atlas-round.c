/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Dialogue rounds: a boxed record, partial dates, and the frequency words a
 * dataset uses. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-round.h"

G_DEFINE_BOXED_TYPE (AtlasRound, atlas_round, atlas_round_copy, atlas_round_free)

AtlasRound *
atlas_round_new (const char *date,
                 const char *place,
                 int         number,
                 const char *url,
                 const char *note)
{
  AtlasRound *self = g_new0 (AtlasRound, 1);

  self->date = g_strdup (date ? date : "");
  self->place = g_strdup (place);
  self->number = MAX (number, 0);
  self->url = g_strdup (url);
  self->note = g_strdup (note);

  return self;
}

AtlasRound *
atlas_round_copy (const AtlasRound *self)
{
  AtlasRound *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = atlas_round_new (self->date, self->place, self->number, self->url, self->note);
  if (self->extra != NULL)
    copy->extra = g_bytes_ref (self->extra);

  return copy;
}

void
atlas_round_free (AtlasRound *self)
{
  if (self == NULL)
    return;

  g_free (self->date);
  g_free (self->place);
  g_free (self->url);
  g_free (self->note);
  g_clear_pointer ((GBytes **) &self->extra, g_bytes_unref);
  g_free (self);
}

/* Unknown members as the loader keeps them (see atlas_extra_get ()). */
static gboolean
extra_equal (GBytes *a,
             GBytes *b)
{
  if (a == NULL || b == NULL)
    return a == b || (a != NULL ? g_bytes_get_size (a) : g_bytes_get_size (b)) <= 2;

  return g_bytes_equal (a, b);
}

gboolean
atlas_round_equal (const AtlasRound *a,
                   const AtlasRound *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->date, b->date) == 0 &&
         g_strcmp0 (a->place, b->place) == 0 &&
         a->number == b->number &&
         g_strcmp0 (a->url, b->url) == 0 &&
         g_strcmp0 (a->note, b->note) == 0 &&
         extra_equal (a->extra, b->extra);
}

GPtrArray *
atlas_rounds_copy (GPtrArray *rounds)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_round_free);

  for (guint i = 0; rounds != NULL && i < rounds->len; i++)
    g_ptr_array_add (copy, atlas_round_copy (g_ptr_array_index (rounds, i)));

  return copy;
}

gboolean
atlas_rounds_equal (GPtrArray *a,
                    GPtrArray *b)
{
  guint na = a ? a->len : 0, nb = b ? b->len : 0;

  if (na != nb)
    return FALSE;

  for (guint i = 0; i < na; i++)
    if (!atlas_round_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

static gboolean
all_digits (const char *s,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

gboolean
atlas_round_date_is_valid (const char *date)
{
  gsize len;
  int year, month;

  if (date == NULL)
    return FALSE;

  len = strlen (date);
  if ((len != 4 && len != 7 && len != 10) || !all_digits (date, 4))
    return FALSE;

  year = atoi (date);
  if (year < 1)
    return FALSE;
  if (len == 4)
    return TRUE;

  if (date[4] != '-' || !all_digits (date + 5, 2))
    return FALSE;
  month = atoi (date + 5);
  if (month < 1 || month > 12)
    return FALSE;
  if (len == 7)
    return TRUE;

  return date[7] == '-' && all_digits (date + 8, 2) &&
         g_date_valid_dmy (atoi (date + 8), month, year);
}

int
atlas_round_date_compare (const char *a,
                          const char *b)
{
  gsize n;
  int result;

  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);

  n = MIN (strlen (a), strlen (b));
  result = strncmp (a, b, n);

  return result < 0 ? -1 : result > 0;
}

char *
atlas_round_date_last_day (const char *date)
{
  int year, month;

  g_return_val_if_fail (atlas_round_date_is_valid (date), NULL);

  if (strlen (date) == 10)
    return g_strdup (date);

  year = atoi (date);
  month = strlen (date) == 7 ? atoi (date + 5) : 12;

  return g_strdup_printf ("%04d-%02d-%02d", year, month,
                          g_date_get_days_in_month (month, year));
}

static char *
format_date (const char *date,
             gboolean    abbreviated)
{
  g_autoptr(GDateTime) dt = NULL;
  gsize len;

  if (!atlas_round_date_is_valid (date))
    return g_strdup (date ? date : "");

  len = strlen (date);
  if (len == 4)
    return g_strdup (date);

  dt = g_date_time_new_utc (atoi (date), atoi (date + 5), len == 10 ? atoi (date + 8) : 1,
                            12, 0, 0);
  if (dt == NULL)
    return g_strdup (date);

  if (abbreviated)
    /* Translators: a short date with day, month and year, in strftime () form. */
    return g_date_time_format (dt, len == 10 ? C_("round date", "%-d %b %Y")
    /* Translators: a short month and year, in strftime () form. */
                                             : C_("round date", "%b %Y"));

  /* Translators: a date with day, month and year, in strftime () form. */
  return g_date_time_format (dt, len == 10 ? C_("round date", "%-d %B %Y")
  /* Translators: a month and year, in strftime () form. */
                                           : C_("round date", "%B %Y"));
}

char *
atlas_round_date_format (const char *date)
{
  return format_date (date, FALSE);
}

char *
atlas_round_date_format_short (const char *date)
{
  return format_date (date, TRUE);
}

int
atlas_frequency_months (const char *frequency)
{
  static const struct { const char *text; int months; } known[] = {
    { "monthly", 1 }, { "every month", 1 },
    { "quarterly", 3 }, { "four times a year", 3 }, { "four times per year", 3 },
    { "several times a year", 4 }, { "several times per year", 4 },
    { "three times a year", 4 }, { "three times per year", 4 },
    { "twice a year", 6 }, { "twice per year", 6 }, { "biannual", 6 },
    { "semi-annual", 6 }, { "semiannual", 6 }, { "every six months", 6 },
    { "annual", 12 }, { "annually", 12 }, { "yearly", 12 }, { "once a year", 12 },
    { "every year", 12 },
    { "biennial", 24 }, { "every two years", 24 },
    { "every three years", 36 },
  };
  g_autofree char *folded = NULL;

  if (frequency == NULL)
    return 0;

  folded = g_utf8_casefold (frequency, -1);
  g_strstrip (folded);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (folded, known[i].text) == 0)
      return known[i].months;

  return 0;
}
