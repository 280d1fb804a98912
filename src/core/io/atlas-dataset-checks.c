/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The rules of the dataset format that tie distant parts of a file
 * together, checked once the whole file is read: an indicator names a lens
 * and one of its categories, a source reference names a source, the dates
 * agree with the dataset's as_of, the history chains (atlas-timeline.c). */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "atlas-core-private.h"
#include "atlas-dataset-format-private.h"
#include "atlas-dataset-io.h"
#include "atlas-dataset-loader-private.h"
#include "atlas-dataset-private.h"
#include "atlas-entries-private.h"
#include "atlas-iso-codes.h"
#include "atlas-json-reader-private.h"
#include "atlas-safe-write.h"
#include "atlas-timeline.h"

/* The rules that tie parts of the file together. */
void
atlas_loader_check_references (Loader *l)
{
  for (guint i = 0; i < l->color_checks->len; i++)
    {
      ColorCheck *check = &g_array_index (l->color_checks, ColorCheck, i);
      char *path;

      if ((!l->has_subject_color || check->color != l->subject_color) &&
          check->color != ATLAS_NO_DATA_COLOR && check->color != ATLAS_OTHER_COUNTRIES_COLOR)
        continue;

      path = g_strdup_printf ("lenses[%u].categories[%u].color",
                              check->lens_index, check->category_index);
      if (check->color == ATLAS_NO_DATA_COLOR)
        atlas_loader_add_pending (l, path, check->offset,
                                  g_strdup_printf (_("colour #%06X is the grey kept for \"No data\""),
                                                   check->color));
      else if (check->color == ATLAS_OTHER_COUNTRIES_COLOR)
        atlas_loader_add_pending (l, path, check->offset,
                                  g_strdup_printf (_("colour #%06X is the grey kept for other countries"),
                                                   check->color));
      else
        atlas_loader_add_pending (l, path, check->offset,
                                  g_strdup_printf (_("colour #%06X is the subject's colour"), check->color));
    }

  for (guint i = 0; i < l->indicator_checks->len; i++)
    {
      IndicatorCheck *check = &g_array_index (l->indicator_checks, IndicatorCheck, i);
      AtlasLens *lens = g_hash_table_lookup (l->lenses, check->lens_id);
      GString *path;

      if (lens != NULL && atlas_lens_get_category_index (lens, check->category_id) >= 0)
        {
          atlas_partner_set_indicator (check->partner, check->lens_id, check->category_id);
          continue;
        }

      path = g_string_new (NULL);
      if (check->partner_index == SUBJECT_INDEX)
        g_string_append (path, "subject.indicators");
      else
        g_string_append_printf (path, "partners[%u].indicators", check->partner_index);
      atlas_json_path_append_member (path, check->lens_id);

      if (lens == NULL)
        atlas_loader_add_pending (l, g_string_free (path, FALSE), check->key_offset,
                                  g_strdup_printf (_("unknown lens \"%s\""), check->lens_id));
      else
        atlas_loader_add_pending (l, g_string_free (path, FALSE), check->value_offset,
                                  g_strdup_printf (_("\"%s\" is not a category of lens %s"),
                                                   check->category_id, check->lens_id));
    }

  for (guint i = 0; i < l->source_ref_checks->len; i++)
    {
      SourceRefCheck *check = &g_array_index (l->source_ref_checks, SourceRefCheck, i);
      const char *id = atlas_source_ref_get_id (check->ref);

      if (g_hash_table_contains (l->source_ids, id))
        continue;

      atlas_loader_add_pending (l, g_strdup_printf ("partners[%u].sources[%u].id",
                                                    check->partner_index, check->ref_index),
                                check->offset,
                                g_strdup_printf (_("\"%s\" is not the id of a source of the dataset"), id));
    }
}

/* The subject's categories, checked as a partner's by atlas_loader_check_references () */
void
atlas_loader_apply_subject_indicators (Loader       *l,
                                       AtlasDataset *dataset)
{
  g_auto(GStrv) ids = NULL;

  if (l->subject_indicators == NULL)
    return;
  ids = atlas_partner_dup_indicator_lenses (l->subject_indicators);
  for (guint i = 0; ids[i] != NULL; i++)
    atlas_dataset_set_subject_indicator (dataset, ids[i],
                                         atlas_partner_get_indicator (l->subject_indicators, ids[i]));
}

/* The rules of dates that the format additions bring: a lens that opens
 * after the dataset's date has no categories yet; membership changes chain
 * and none lies after the dataset's date. */
void
atlas_loader_check_dates (Loader       *l,
                          AtlasDataset *dataset)
{
  GPtrArray *changes = atlas_dataset_get_member_changes (dataset);
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; l->as_of != NULL && i < l->opens_checks->len; i++)
    {
      OpensCheck *check = &g_array_index (l->opens_checks, OpensCheck, i);
      const char *opens = atlas_lens_get_opens (check->lens);

      if (strcmp (l->as_of, opens) >= 0)
        continue;

      for (guint j = 0; j < l->indicator_checks->len; j++)
        {
          IndicatorCheck *indicator = &g_array_index (l->indicator_checks, IndicatorCheck, j);
          GString *path;

          if (strcmp (indicator->lens_id, atlas_lens_get_id (check->lens)) != 0)
            continue;

          path = g_string_new (NULL);
          if (indicator->partner_index == SUBJECT_INDEX)
            g_string_append (path, "subject.indicators");
          else
            g_string_append_printf (path, "partners[%u].indicators", indicator->partner_index);
          atlas_json_path_append_member (path, indicator->lens_id);
          atlas_loader_add_pending (l, g_string_free (path, FALSE), indicator->value_offset,
                                    g_strdup_printf (_("lens %s opens on %s, after the dataset's date %s: "
                                                       "no partner can have a category in it yet"),
                                                     indicator->lens_id, opens, l->as_of));
        }
    }

  /* Walk each country's changes in date order (stable: same date, file order). */
  {
    g_autoptr(GPtrArray) order = g_ptr_array_new ();

    for (guint i = 0; i < changes->len; i++)
      g_ptr_array_add (order, GUINT_TO_POINTER (i));

    for (guint i = 1; i < order->len; i++)
      for (guint j = i; j > 0; j--)
        {
          AtlasMemberChange *a = g_ptr_array_index (changes, GPOINTER_TO_UINT (order->pdata[j - 1]));
          AtlasMemberChange *b = g_ptr_array_index (changes, GPOINTER_TO_UINT (order->pdata[j]));
          gpointer tmp;

          if (strcmp (a->date, b->date) <= 0)
            break;
          tmp = order->pdata[j - 1];
          order->pdata[j - 1] = order->pdata[j];
          order->pdata[j] = tmp;
        }

    for (guint k = 0; k < order->len; k++)
      {
        guint i = GPOINTER_TO_UINT (order->pdata[k]);
        AtlasMemberChange *change = g_ptr_array_index (changes, i);
        AtlasMemberChange *previous = g_hash_table_lookup (last, change->id);
        gsize offset = i < l->member_change_offsets->len
                       ? g_array_index (l->member_change_offsets, gsize, i) : G_MAXSIZE;

        if (l->as_of != NULL && strcmp (change->date, l->as_of) > 0)
          atlas_loader_add_pending (l, g_strdup_printf ("subject.member_changes[%u].date", i), offset,
                                    g_strdup_printf (_("%s is after the dataset's date %s"),
                                                     change->date, l->as_of));
        if (previous != NULL && strcmp (previous->change, change->change) == 0)
          atlas_loader_add_pending (l, g_strdup_printf ("subject.member_changes[%u].change", i), offset,
                                    g_strdup_printf (_("%s cannot have %s twice in a row (%s, then %s)"),
                                                     change->id, change->change, previous->date,
                                                     change->date));
        g_hash_table_insert (last, change->id, change);
      }

    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, last);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          AtlasMemberChange *change = value;
          gboolean member = atlas_dataset_is_member (dataset, change->id);
          guint i;

          if (member == (strcmp (change->change, "joined") == 0))
            continue;

          g_ptr_array_find (changes, change, &i);
          atlas_loader_add_pending (l, g_strdup_printf ("subject.member_changes[%u].change", i),
                                    i < l->member_change_offsets->len
                                    ? g_array_index (l->member_change_offsets, gsize, i) : G_MAXSIZE,
                                    member ? g_strdup_printf (_("%s left, but subject.members still lists it"),
                                                              change->id)
                                           : g_strdup_printf (_("%s joined, but subject.members does not list it"),
                                                              change->id));
        }
    }
  }
}

typedef struct
{
  Loader       *l;
  GHashTable   *where;          /* partner index << 32 | entry index -> HistoryCheck, once needed */
  guint         partner_index;
} ChainContext;

/* Where each history entry lies in the file: looked up only for a problem,
 * so made only for the first one (a large history has tens of thousands
 * of entries and, most often, no problem). */
static GHashTable *
dup_history_places (Loader *l)
{
  GHashTable *where = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < l->history_checks->len; i++)
    {
      HistoryCheck *check = &g_array_index (l->history_checks, HistoryCheck, i);
      guint64 *key = g_new (guint64, 1);

      *key = ((guint64) check->partner_index << 32) | check->entry_index;
      g_hash_table_replace (where, key, check);
    }

  return where;
}

static void
chain_problem_cb (guint              entry_index,
                  AtlasTimelinePart  part,
                  const char        *message,
                  gpointer           user_data)
{
  ChainContext *context = user_data;
  guint64 key = ((guint64) context->partner_index << 32) | entry_index;
  HistoryCheck *check;

  if (context->where == NULL)
    context->where = dup_history_places (context->l);
  check = g_hash_table_lookup (context->where, &key);

  atlas_loader_add_pending (context->l,
                            g_strdup_printf ("partners[%u].history[%u]", context->partner_index, entry_index),
                            check ? check->offsets[part] : G_MAXSIZE, g_strdup (message));
}

/* The history chain rules (atlas-timeline.c), once everything else holds:
 * a chain checked against values the file got wrong would only repeat
 * those problems. */
void
atlas_loader_check_history (Loader       *l,
                            AtlasDataset *dataset)
{
  GListModel *partners = atlas_dataset_get_all_partners (dataset);
  ChainContext context = { l, NULL, 0 };

  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);

      context.partner_index = i;
      atlas_timeline_check_partner (partner, dataset, atlas_dataset_get_as_of (dataset),
                                    chain_problem_cb, &context);
    }
  g_clear_pointer (&context.where, g_hash_table_unref);
}

