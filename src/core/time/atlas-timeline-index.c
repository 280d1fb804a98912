/* SPDX-License-Identifier: GPL-3.0-or-later */

/* An index over a dataset's history, for what is asked again and again of
 * the same dataset (a slider dragged, a presentation playing, a long
 * history): each partner's indicator chains sorted once, and every entry
 * in one array sorted by date. The state of every indicator as of a date is
 * then a binary search per partner and lens, and the changes between two
 * dates a range of that array. Built from the dataset as it is: build a new
 * one when the dataset changes. Gives the same answers as
 * atlas_timeline_value_at () and atlas_timeline_changes () (tests compare). */

#include "config.h"

#include <string.h>

#include "atlas-timeline.h"
#include "atlas-timeline-private.h"

#define INDICATOR_PREFIX "indicators."

typedef struct
{
  const char *date;
  const char *old_value;
  const char *new_value;
} Step;

/* An entry as a change: what atlas_change_new () works out, once. */
typedef struct
{
  AtlasPartner         *partner;
  AtlasHistoryEntry    *entry;
  AtlasLens            *lens;
  const char           *date;
  const char           *field;
  const char           *old_value;
  const char           *new_value;
  const char           *old_name;
  const char           *new_name;
  AtlasChangeDirection  direction;
  guint                 partner_index;
  guint                 entry_index;
} Dated;

struct _AtlasTimelineIndex
{
  AtlasDataset *dataset;
  guint         n_partners;
  guint         n_lenses;
  AtlasLens   **lenses;        /* borrowed from the dataset */
  /* n_partners × n_lenses chains, then n_partners "partner" chains */
  GArray      **chains;        /* of Step, chain order; NULL when empty */
  const char  **current;       /* n_partners × n_lenses current values */
  GArray       *all;           /* of Dated, by date, partner, entry */
};

static int
compare_dated (gconstpointer a,
               gconstpointer b)
{
  const Dated *da = a, *db = b;
  int c = strcmp (da->date, db->date);

  if (c != 0)
    return c;
  if (da->partner_index != db->partner_index)
    return da->partner_index < db->partner_index ? -1 : 1;
  return da->entry_index < db->entry_index ? -1 : da->entry_index > db->entry_index;
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const Step *) a)->date, ((const Step *) b)->date);
}

AtlasTimelineIndex *
atlas_timeline_index_new (AtlasDataset *dataset)
{
  AtlasTimelineIndex *self;
  GListModel *partners, *lenses;
  g_autoptr(GHashTable) lens_index = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  self = g_new0 (AtlasTimelineIndex, 1);
  self->dataset = g_object_ref (dataset);
  partners = atlas_dataset_get_all_partners (dataset);
  lenses = atlas_dataset_get_lenses (dataset);
  self->n_partners = g_list_model_get_n_items (partners);
  self->n_lenses = g_list_model_get_n_items (lenses);
  self->lenses = g_new0 (AtlasLens *, self->n_lenses);
  for (guint l = 0; l < self->n_lenses; l++)
    {
      self->lenses[l] = g_list_model_get_item (lenses, l);
      g_object_unref (self->lenses[l]);
      g_hash_table_insert (lens_index, (gpointer) atlas_lens_get_id (self->lenses[l]),
                           GUINT_TO_POINTER (l + 1));
    }
  self->chains = g_new0 (GArray *, self->n_partners * (self->n_lenses + 1));
  self->current = g_new0 (const char *, self->n_partners * self->n_lenses);
  self->all = g_array_new (FALSE, FALSE, sizeof (Dated));

  for (guint p = 0; p < self->n_partners; p++)
    {
      AtlasPartner *partner = g_list_model_get_item (partners, p);
      GListModel *history = atlas_partner_get_history (partner);
      guint n = g_list_model_get_n_items (history);

      /* The dataset's store keeps the partner, the partner its entries. */
      g_object_unref (partner);
      for (guint l = 0; l < self->n_lenses; l++)
        self->current[p * self->n_lenses + l] =
          atlas_partner_get_indicator (partner, atlas_lens_get_id (self->lenses[l]));

      for (guint i = 0; i < n; i++)
        {
          AtlasHistoryEntry *entry = g_list_model_get_item (history, i);
          const char *date = atlas_history_entry_get_date (entry);
          const char *field = atlas_history_entry_get_field (entry);
          Dated dated = { partner, entry, NULL, date, field,
                          atlas_history_entry_get_old_value (entry),
                          atlas_history_entry_get_new_value (entry),
                          NULL, NULL, ATLAS_CHANGE_CHANGED, p, i };
          guint slot = G_MAXUINT;

          g_object_unref (entry);
          if (date == NULL || field == NULL)
            continue;

          if (g_str_has_prefix (field, INDICATOR_PREFIX))
            {
              guint l = GPOINTER_TO_UINT (g_hash_table_lookup (lens_index,
                                                               field + strlen (INDICATOR_PREFIX)));
              if (l > 0)
                {
                  slot = p * self->n_lenses + l - 1;
                  dated.lens = self->lenses[l - 1];
                }
            }
          else if (strcmp (field, ATLAS_TIMELINE_FIELD_PARTNER) == 0)
            slot = self->n_partners * self->n_lenses + p;
          dated.old_name = atlas_timeline_value_name (dated.lens, dated.old_value);
          dated.new_name = atlas_timeline_value_name (dated.lens, dated.new_value);
          dated.direction = atlas_timeline_direction (dated.lens, dated.old_value, dated.new_value);
          g_array_append_val (self->all, dated);

          if (slot != G_MAXUINT)
            {
              Step step = { date, atlas_history_entry_get_old_value (entry),
                            atlas_history_entry_get_new_value (entry) };

              if (self->chains[slot] == NULL)
                self->chains[slot] = g_array_new (FALSE, FALSE, sizeof (Step));
              g_array_append_val (self->chains[slot], step);
            }
        }
    }

  /* Stable sorts: entries of one date keep file order. */
  for (guint s = 0; s < self->n_partners * (self->n_lenses + 1); s++)
    if (self->chains[s] != NULL)
      g_array_sort (self->chains[s], compare_steps);
  g_array_sort (self->all, compare_dated);

  return self;
}

void
atlas_timeline_index_free (AtlasTimelineIndex *self)
{
  if (self == NULL)
    return;

  for (guint s = 0; s < self->n_partners * (self->n_lenses + 1); s++)
    if (self->chains[s] != NULL)
      g_array_unref (self->chains[s]);
  g_free (self->chains);
  g_free (self->current);
  g_free (self->lenses);
  g_array_unref (self->all);
  g_object_unref (self->dataset);
  g_free (self);
}

/* The value a chain gives at @date: the new of its last step on or before
 * it, or the old of its first, or @current when the chain is empty. */
static const char *
chain_value_at (GArray     *chain,
                const char *date,
                const char *current)
{
  guint lo = 0, hi;

  if (chain == NULL)
    return current;

  /* The first step dated after @date. */
  hi = chain->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (strcmp (g_array_index (chain, Step, mid).date, date) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo == 0)
    return g_array_index (chain, Step, 0).old_value;
  return g_array_index (chain, Step, lo - 1).new_value;
}

guint
atlas_timeline_index_get_n_partners (AtlasTimelineIndex *self)
{
  return self->n_partners;
}

guint
atlas_timeline_index_get_n_lenses (AtlasTimelineIndex *self)
{
  return self->n_lenses;
}

void
atlas_timeline_index_indicators_at (AtlasTimelineIndex  *self,
                                    const char          *date,
                                    const char         **values,
                                    gboolean            *listed)
{
  g_return_if_fail (self != NULL && date != NULL && values != NULL);

  for (guint p = 0; p < self->n_partners; p++)
    {
      GArray *presence = self->chains[self->n_partners * self->n_lenses + p];

      if (listed != NULL)
        listed[p] = chain_value_at (presence, date, ATLAS_TIMELINE_LISTED) != NULL;
      for (guint l = 0; l < self->n_lenses; l++)
        {
          guint slot = p * self->n_lenses + l;
          const char *value = chain_value_at (self->chains[slot], date, self->current[slot]);

          values[slot] = value != NULL && atlas_lens_is_open_at (self->lenses[l], date) ? value : NULL;
        }
    }
}

/* The first entry of the sorted array dated after @date. */
static guint
first_after (GArray     *all,
             const char *date)
{
  guint lo = 0, hi = all->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (strcmp (g_array_index (all, Dated, mid).date, date) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

GPtrArray *
atlas_timeline_index_changes (AtlasTimelineIndex *self,
                              const char         *from,
                              const char         *to)
{
  gboolean backwards;
  guint start, end;
  GPtrArray *changes;

  g_return_val_if_fail (self != NULL && from != NULL, NULL);

  if (to == NULL)
    to = atlas_dataset_get_as_of (self->dataset);
  backwards = strcmp (from, to) > 0;
  if (backwards)
    {
      const char *swap = from;

      from = to;
      to = swap;
    }

  start = first_after (self->all, from);
  end = first_after (self->all, to);
  changes = g_ptr_array_new_full (end > start ? end - start : 0, (GDestroyNotify) atlas_change_free);
  for (guint i = start; i < end; i++)
    {
      guint k = backwards ? end - 1 - (i - start) : i;
      Dated *dated = &g_array_index (self->all, Dated, k);
      AtlasChange *change = g_new (AtlasChange, 1);

      *change = (AtlasChange) {
        .partner = g_object_ref (dated->partner),
        .entry = g_object_ref (dated->entry),
        .lens = dated->lens ? g_object_ref (dated->lens) : NULL,
        .date = dated->date,
        .field = dated->field,
        .old_value = backwards ? dated->new_value : dated->old_value,
        .new_value = backwards ? dated->old_value : dated->new_value,
        .old_name = backwards ? dated->new_name : dated->old_name,
        .new_name = backwards ? dated->old_name : dated->new_name,
        .direction = !backwards ? dated->direction
                   : dated->direction == ATLAS_CHANGE_UP ? ATLAS_CHANGE_DOWN
                   : dated->direction == ATLAS_CHANGE_DOWN ? ATLAS_CHANGE_UP
                   : ATLAS_CHANGE_CHANGED,
      };
      g_ptr_array_add (changes, change);
    }

  return changes;
}
