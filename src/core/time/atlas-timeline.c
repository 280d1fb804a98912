/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Time: the history chain rules, the state as of a date and the changes
 * between two dates. The loader (and so --validate) checks the rules with
 * atlas_timeline_check_partner (); the command line, the exports and the
 * window's "As of" control read the state through atlas_timeline_dup_as_of ()
 * and the changes through atlas_timeline_changes (). Dates are YYYY-MM-DD
 * strings throughout, so that comparing them is comparing strings. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-core-private.h"
#include "atlas-dataset-private.h"
#include "atlas-format-rules.h"
#include "atlas-timeline.h"
#include "atlas-timeline-private.h"

#define INDICATOR_PREFIX "indicators."
/* Values quoted in messages are cut to this many characters. */
#define QUOTE_CHARS 40

typedef struct
{
  AtlasHistoryEntry *entry;
  const char        *date;
  const char        *field;
  guint              index;
} Link;

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const Link *la = a, *lb = b;
  int c = strcmp (la->field, lb->field);

  if (c != 0)
    return c;
  c = g_strcmp0 (la->date, lb->date);
  if (c != 0)
    return c;
  return la->index < lb->index ? -1 : la->index > lb->index;
}

/* The partner's history as links, in file order; sorted with
 * compare_links, they are grouped by field, each group in chain order (date,
 * then file order). */
static GArray *
history_links (AtlasPartner *partner)
{
  GListModel *history = atlas_partner_get_history (partner);
  guint n = g_list_model_get_n_items (history);
  GArray *links = g_array_sized_new (FALSE, FALSE, sizeof (Link), n);

  for (guint i = 0; i < n; i++)
    {
      AtlasHistoryEntry *entry = g_list_model_get_item (history, i);
      Link link = {
        entry,
        atlas_history_entry_get_date (entry),
        atlas_history_entry_get_field (entry),
        i,
      };

      /* The store holds a reference for as long as the array lives. */
      g_object_unref (entry);
      if (link.field == NULL)
        link.field = "";
      g_array_append_val (links, link);
    }

  return links;
}

static gboolean
is_indicator_field (const char *field)
{
  return g_str_has_prefix (field, INDICATOR_PREFIX) && field[strlen (INDICATOR_PREFIX)] != '\0';
}

/* Fields whose history is a chain of values; others ("dialogues",
 * "agreements"...) are plain dated records of what happened. */
static gboolean
is_value_field (const char *field)
{
  return is_indicator_field (field) ||
         strcmp (field, "assessment") == 0 ||
         strcmp (field, "name") == 0 ||
         strcmp (field, ATLAS_TIMELINE_FIELD_PARTNER) == 0;
}

/* The value @field has now, when the profile says it: *known is FALSE for
 * fields only the history knows of. */
static const char *
current_value (AtlasPartner *partner,
               const char   *field,
               gboolean     *known)
{
  *known = TRUE;

  if (is_indicator_field (field))
    return atlas_partner_get_indicator (partner, field + strlen (INDICATOR_PREFIX));
  if (strcmp (field, "assessment") == 0)
    return atlas_partner_get_assessment (partner);
  if (strcmp (field, "name") == 0)
    return atlas_partner_get_name (partner);

  *known = FALSE;
  return NULL;
}

/* An empty assessment is written "" but may be recorded as null. */
static gboolean
values_equal (const char *field,
              const char *a,
              const char *b)
{
  if (strcmp (field, "assessment") == 0)
    return g_strcmp0 (a ? a : "", b ? b : "") == 0;

  return g_strcmp0 (a, b) == 0;
}

static char *
quote (const char *value)
{
  g_autofree char *cut = NULL;

  if (value == NULL)
    /* Translators: a history value that is null, in "old none does not
     * follow "party" of history[1]" */
    return g_strdup (_("none"));

  if (g_utf8_strlen (value, -1) > QUOTE_CHARS)
    {
      g_autofree char *head = g_utf8_substring (value, 0, QUOTE_CHARS - 1);

      cut = g_strconcat (head, "…", NULL);
      value = cut;
    }

  return g_strdup_printf ("\"%s\"", value);
}

typedef struct
{
  AtlasTimelineReportFunc report;
  gpointer                user_data;
  gboolean                ok;
} Checker;

static void
report (Checker           *checker,
        guint              index,
        AtlasTimelinePart  part,
        char              *message)
{
  checker->ok = FALSE;
  if (checker->report != NULL)
    checker->report (index, part, message, checker->user_data);
  g_free (message);
}

/* The values of one entry: categories of its lens, or "listed"/null. */
static void
check_values (Checker      *checker,
              AtlasDataset *dataset,
              const Link   *link)
{
  const char *values[2] = {
    atlas_history_entry_get_old_value (link->entry),
    atlas_history_entry_get_new_value (link->entry),
  };
  const AtlasTimelinePart parts[2] = { ATLAS_TIMELINE_PART_OLD, ATLAS_TIMELINE_PART_NEW };

  if (is_indicator_field (link->field) && dataset != NULL)
    {
      const char *lens_id = link->field + strlen (INDICATOR_PREFIX);
      AtlasLens *lens = atlas_dataset_find_lens (dataset, lens_id);

      if (lens == NULL)
        {
          report (checker, link->index, ATLAS_TIMELINE_PART_FIELD,
                  g_strdup_printf (_("field \"%s\" names no lens of the dataset"), link->field));
          return;
        }

      for (guint i = 0; i < 2; i++)
        if (values[i] != NULL && atlas_lens_get_category_index (lens, values[i]) < 0)
          {
            g_autofree char *q = quote (values[i]);

            report (checker, link->index, parts[i],
                    i == 0 ? g_strdup_printf (_("old %s is not a category of lens %s"), q, lens_id)
                           : g_strdup_printf (_("new %s is not a category of lens %s"), q, lens_id));
          }
    }
  else if (strcmp (link->field, ATLAS_TIMELINE_FIELD_PARTNER) == 0)
    {
      for (guint i = 0; i < 2; i++)
        if (values[i] != NULL && strcmp (values[i], ATLAS_TIMELINE_LISTED) != 0)
          {
            g_autofree char *q = quote (values[i]);

            report (checker, link->index, parts[i],
                    g_strdup_printf (_("%s must be \"%s\" or null for field \"%s\""),
                                     q, ATLAS_TIMELINE_LISTED, ATLAS_TIMELINE_FIELD_PARTNER));
          }
    }
}

gboolean
atlas_timeline_check_partner (AtlasPartner            *partner,
                              AtlasDataset            *dataset,
                              const char              *as_of,
                              AtlasTimelineReportFunc  report_func,
                              gpointer                 user_data)
{
  g_autoptr(GArray) links = NULL;
  Checker checker = { report_func, user_data, TRUE };

  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), FALSE);

  links = history_links (partner);

  /* Problems of single entries first, in file order. */
  for (guint i = 0; i < links->len; i++)
    {
      const Link *link = &g_array_index (links, Link, i);

      if (as_of != NULL && link->date != NULL && strcmp (link->date, as_of) > 0)
        report (&checker, link->index, ATLAS_TIMELINE_PART_DATE,
                g_strdup_printf (_("dated %s, after the dataset's date (as_of %s)"),
                                 link->date, as_of));
      check_values (&checker, dataset, link);
    }

  g_array_sort (links, compare_links);

  for (guint j = 0; j < links->len; j++)
    {
      const Link *link = &g_array_index (links, Link, j);
      const Link *next = j + 1 < links->len ? &g_array_index (links, Link, j + 1) : NULL;
      const char *new_value = atlas_history_entry_get_new_value (link->entry);

      if (link->date == NULL || !is_value_field (link->field))
        continue;
      /* Already reported: a lens the dataset does not have. */
      if (is_indicator_field (link->field) && dataset != NULL &&
          atlas_dataset_find_lens (dataset, link->field + strlen (INDICATOR_PREFIX)) == NULL)
        continue;

      if (next != NULL && strcmp (next->field, link->field) == 0)
        {
          const char *next_old = atlas_history_entry_get_old_value (next->entry);

          if (!values_equal (link->field, next_old, new_value))
            {
              g_autofree char *q_old = quote (next_old);
              g_autofree char *q_new = quote (new_value);

              report (&checker, next->index, ATLAS_TIMELINE_PART_OLD,
                      g_strdup_printf (_("old %s does not follow %s of history[%u]"),
                                       q_old, q_new, link->index));
            }
        }
      else
        {
          gboolean known;
          const char *current = current_value (partner, link->field, &known);

          if (known && !values_equal (link->field, new_value, current))
            {
              g_autofree char *q_new = quote (new_value);
              g_autofree char *q_current = quote (current);

              report (&checker, link->index, ATLAS_TIMELINE_PART_NEW,
                      g_strdup_printf (_("new %s is not the current value %s of %s"),
                                       q_new, q_current, link->field));
            }
        }
    }

  return checker.ok;
}

typedef struct
{
  GPtrArray  *problems;
  const char *file;
  guint       partner_index;
} Collector;

static void
collect_cb (guint              entry_index,
            AtlasTimelinePart  part,
            const char        *message,
            gpointer           user_data)
{
  Collector *collector = user_data;
  g_autofree char *path = g_strdup_printf ("partners[%u].history[%u]",
                                           collector->partner_index, entry_index);

  g_ptr_array_add (collector->problems,
                   atlas_problem_new (collector->file, 0, 0, path, message));
}

GPtrArray *
atlas_timeline_check_dataset (AtlasDataset *dataset,
                              const char   *display_name)
{
  GListModel *partners;
  Collector collector = { NULL, display_name ? display_name : "", 0 };

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  collector.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  partners = atlas_dataset_get_all_partners (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);

      collector.partner_index = i;
      atlas_timeline_check_partner (partner, dataset, atlas_dataset_get_as_of (dataset),
                                    collect_cb, &collector);
    }

  return collector.problems;
}

/* State as of a date */

/* For each field changed after @date, the first such entry in chain order
 * (its "old" is the value at @date); a new table field -> AtlasHistoryEntry,
 * borrowed from the partner. */
static GHashTable *
undone_after (AtlasPartner *partner,
              const char   *date)
{
  GListModel *history = atlas_partner_get_history (partner);
  guint n = g_list_model_get_n_items (history);
  GHashTable *first = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      AtlasHistoryEntry *entry = g_list_model_get_item (history, i);
      const char *entry_date = atlas_history_entry_get_date (entry);
      const char *field = atlas_history_entry_get_field (entry);
      AtlasHistoryEntry *seen;

      g_object_unref (entry);
      if (entry_date == NULL || field == NULL || strcmp (entry_date, date) <= 0)
        continue;

      /* File order breaks ties: the earlier entry of the same date wins. */
      seen = g_hash_table_lookup (first, field);
      if (seen == NULL || strcmp (entry_date, atlas_history_entry_get_date (seen)) < 0)
        g_hash_table_insert (first, (gpointer) field, entry);
    }

  return first;
}

/* The value of a field that has no current value in the profile: the "new"
 * of its last entry in chain order. */
static const char *
last_new_value (AtlasPartner *partner,
                const char   *field)
{
  GListModel *history = atlas_partner_get_history (partner);
  guint n = g_list_model_get_n_items (history);
  AtlasHistoryEntry *last = NULL;

  for (guint i = 0; i < n; i++)
    {
      AtlasHistoryEntry *entry = g_list_model_get_item (history, i);

      g_object_unref (entry);
      if (g_strcmp0 (atlas_history_entry_get_field (entry), field) != 0)
        continue;
      if (last == NULL ||
          g_strcmp0 (atlas_history_entry_get_date (entry), atlas_history_entry_get_date (last)) >= 0)
        last = entry;
    }

  return last ? atlas_history_entry_get_new_value (last) : NULL;
}

static const char *
value_now (AtlasPartner *partner,
           const char   *field)
{
  gboolean known;
  const char *value = current_value (partner, field, &known);

  if (known)
    return value;

  if (strcmp (field, ATLAS_TIMELINE_FIELD_PARTNER) == 0)
    {
      GListModel *history = atlas_partner_get_history (partner);

      for (guint i = 0; i < g_list_model_get_n_items (history); i++)
        {
          g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, i);

          if (g_strcmp0 (atlas_history_entry_get_field (entry), field) == 0)
            return last_new_value (partner, field);
        }
      return ATLAS_TIMELINE_LISTED;
    }

  return last_new_value (partner, field);
}

static const char *
value_in (AtlasPartner *partner,
          GHashTable   *undone,
          const char   *field)
{
  AtlasHistoryEntry *entry = g_hash_table_lookup (undone, field);

  if (entry != NULL)
    return atlas_history_entry_get_old_value (entry);

  return value_now (partner, field);
}

const char *
atlas_timeline_value_at (AtlasPartner *partner,
                         const char   *field,
                         const char   *date)
{
  g_autoptr(GHashTable) undone = NULL;

  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), NULL);
  g_return_val_if_fail (field != NULL && date != NULL, NULL);

  undone = undone_after (partner, date);

  return value_in (partner, undone, field);
}

gboolean
atlas_timeline_is_listed_at (AtlasPartner *partner,
                             const char   *date)
{
  return atlas_timeline_value_at (partner, ATLAS_TIMELINE_FIELD_PARTNER, date) != NULL;
}

static int
year_of (const char *date)
{
  return (int) g_ascii_strtoll (date, NULL, 10);
}

typedef gboolean (*KeepFunc) (gpointer item,
                              int      year);

static gboolean
keep_document (gpointer item,
               int      year)
{
  int y = atlas_document_get_year (item);

  return y == 0 || y <= year;
}

static gboolean
keep_dialogue (gpointer item,
               int      year)
{
  int y = atlas_dialogue_get_established (item);

  return y == 0 || y <= year;
}

static gboolean
keep_agreement (gpointer item,
                int      year)
{
  int y = atlas_agreement_get_signed (item);

  return y == 0 || y <= year;
}

/* Shares the items of @src that @keep keeps (NULL: all) with @dest. */
static void
share_items (GListStore *dest,
             GListModel *src,
             KeepFunc    keep,
             int         year)
{
  guint n = g_list_model_get_n_items (src);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      gpointer item = g_list_model_get_item (src, i);

      if (keep == NULL || keep (item, year))
        g_ptr_array_add (items, item);
      else
        g_object_unref (item);
    }

  g_list_store_splice (dest, 0, 0, items->pdata, items->len);
}

/* The dialogues established by @date's year, with the rounds held by @date:
 * shared when they have none after it, copied otherwise. */
static void
share_dialogues (GListStore *dest,
                 GListModel *src,
                 const char *date)
{
  guint n = g_list_model_get_n_items (src);
  int year = year_of (date);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      AtlasDialogue *dialogue = g_list_model_get_item (src, i);
      GPtrArray *rounds = atlas_dialogue_get_rounds (dialogue);
      guint kept = 0;

      if (!keep_dialogue (dialogue, year))
        {
          g_object_unref (dialogue);
          continue;
        }

      while (kept < rounds->len &&
             atlas_round_date_compare (((AtlasRound *) g_ptr_array_index (rounds, kept))->date,
                                       date) <= 0)
        kept++;

      if (kept < rounds->len)
        {
          AtlasDialogue *then = atlas_dialogue_copy (dialogue);
          g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_round_free);

          for (guint r = 0; r < rounds->len; r++)
            if (atlas_round_date_compare (((AtlasRound *) g_ptr_array_index (rounds, r))->date,
                                          date) <= 0)
              g_ptr_array_add (before, atlas_round_copy (g_ptr_array_index (rounds, r)));
          atlas_dialogue_set_rounds (then, before);
          g_object_unref (dialogue);
          dialogue = then;
        }

      g_ptr_array_add (items, dialogue);
    }

  g_list_store_splice (dest, 0, 0, items->pdata, items->len);
}

/* One pass over the history: what undone_after () finds, and the entries
 * dated on or before @date. */
static void
split_history (AtlasPartner *partner,
               const char   *date,
               GHashTable   *undone,
               GPtrArray    *kept,
               const char  **last_date)
{
  GListModel *history = atlas_partner_get_history (partner);
  guint n = g_list_model_get_n_items (history);

  for (guint i = 0; i < n; i++)
    {
      AtlasHistoryEntry *entry = g_list_model_get_item (history, i);
      const char *entry_date = atlas_history_entry_get_date (entry);
      const char *field = atlas_history_entry_get_field (entry);
      AtlasHistoryEntry *seen;

      if (entry_date == NULL || field == NULL)
        {
          g_object_unref (entry);
          continue;
        }

      if (strcmp (entry_date, date) <= 0)
        {
          if (*last_date == NULL || strcmp (entry_date, *last_date) > 0)
            *last_date = entry_date;
          g_ptr_array_add (kept, entry);
          continue;
        }

      seen = g_hash_table_lookup (undone, field);
      if (seen == NULL || strcmp (entry_date, atlas_history_entry_get_date (seen)) < 0)
        g_hash_table_insert (undone, (gpointer) field, entry);
      /* The partner's store keeps it alive. */
      g_object_unref (entry);
    }
}

static AtlasPartner *
partner_as_of (AtlasDataset *dataset,
               AtlasPartner *partner,
               const char   *date)
{
  g_autoptr(GHashTable) undone = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  const char *last_date = NULL;
  const char *name, *assessment;
  const char *updated = atlas_partner_get_updated (partner);
  GListModel *lenses = atlas_dataset_get_lenses (dataset);
  int year = year_of (date);
  AtlasPartner *copy;

  split_history (partner, date, undone, kept, &last_date);
  /* Not yet added at @date: not in the file as it stood. One removed by
   * then stays in it, not listed, with its history. */
  if (value_in (partner, undone, ATLAS_TIMELINE_FIELD_PARTNER) == NULL)
    {
      gboolean recorded = FALSE;

      for (guint i = 0; i < kept->len && !recorded; i++)
        recorded = g_strcmp0 (atlas_history_entry_get_field (g_ptr_array_index (kept, i)),
                              ATLAS_TIMELINE_FIELD_PARTNER) == 0;
      if (!recorded)
        return NULL;
    }

  name = value_in (partner, undone, "name");
  assessment = value_in (partner, undone, "assessment");
  copy = atlas_partner_new (atlas_partner_get_id (partner),
                            name ? name : atlas_partner_get_name (partner));
  atlas_partner_stop_watching_entries (copy);

  for (guint i = 0; i < g_list_model_get_n_items (lenses); i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
      const char *lens_id = atlas_lens_get_id (lens);
      const char *value;

      if (g_hash_table_size (undone) == 0)
        value = atlas_partner_get_indicator (partner, lens_id);
      else
        {
          g_autofree char *field = g_strconcat (INDICATOR_PREFIX, lens_id, NULL);

          value = value_in (partner, undone, field);
        }
      /* A lens not yet open for signature has no categories yet. */
      if (value != NULL && atlas_lens_is_open_at (lens, date))
        atlas_partner_set_indicator (copy, lens_id, value);
    }

  share_items (atlas_partner_get_documents_store (copy), atlas_partner_get_documents (partner),
               keep_document, year);
  share_dialogues (atlas_partner_get_dialogues_store (copy), atlas_partner_get_dialogues (partner),
                   date);
  share_items (atlas_partner_get_agreements_store (copy), atlas_partner_get_agreements (partner),
               keep_agreement, year);
  share_items (atlas_partner_get_sources_store (copy), atlas_partner_get_sources (partner),
               NULL, year);
  g_list_store_splice (atlas_partner_get_history_store (copy), 0, 0, kept->pdata, kept->len);

  atlas_partner_set_assessment (copy, assessment ? assessment : "");
  /* The profile cannot have been updated after the date it shows. */
  if (updated != NULL && strcmp (updated, date) > 0)
    updated = last_date ? last_date : date;
  atlas_partner_set_updated (copy, updated);
  atlas_extra_copy (copy, partner);

  return copy;
}

AtlasDataset *
atlas_timeline_dup_as_of (AtlasDataset *dataset,
                          const char   *date)
{
  AtlasDataset *copy;
  GListModel *lenses, *partners;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (date != NULL, NULL);

  copy = atlas_dataset_new ();
  atlas_dataset_set_title (copy, atlas_dataset_get_title (dataset));
  atlas_dataset_set_as_of (copy, date);
  atlas_list_store_copy_items (atlas_dataset_get_sources_store (copy),
                               atlas_dataset_get_sources (dataset),
                               (gpointer) atlas_source_copy);
  atlas_dataset_set_subject_name (copy, atlas_dataset_get_subject_original_name (dataset));
  atlas_dataset_set_subject_names (copy, atlas_dataset_get_subject_names (dataset));
  atlas_dataset_set_subject_color (copy, atlas_dataset_get_subject_color (dataset));
  {
    g_auto(GStrv) members = atlas_dataset_dup_members_at (dataset, date);
    GPtrArray *changes = atlas_dataset_get_member_changes (dataset);
    g_autoptr(GPtrArray) before = g_ptr_array_new ();

    atlas_dataset_set_members (copy, (const char * const *) members);
    for (guint i = 0; i < changes->len; i++)
      {
        AtlasMemberChange *change = g_ptr_array_index (changes, i);

        if (strcmp (change->date, date) <= 0)
          g_ptr_array_add (before, change);
      }
    atlas_dataset_set_member_changes (copy, before);
  }
  atlas_dataset_set_subject_extra (copy, atlas_dataset_get_subject_extra (dataset));
  atlas_dataset_copy_subject_indicators (copy, dataset);

  lenses = atlas_dataset_get_lenses (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (lenses); i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);

      atlas_dataset_append_lens (copy, lens);
    }

  partners = atlas_dataset_get_all_partners (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);
      AtlasPartner *state = partner_as_of (dataset, partner, date);

      if (state != NULL)
        g_ptr_array_add (kept, state);
    }
  atlas_dataset_splice_partners (copy, (AtlasPartner **) kept->pdata, kept->len);
  atlas_extra_copy (copy, dataset);

  return copy;
}

/* Dates */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
atlas_timeline_dup_dates (AtlasDataset *dataset)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *partners;
  GPtrArray *dates = g_ptr_array_new ();

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  partners = atlas_dataset_get_all_partners (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);
      GListModel *history = atlas_partner_get_history (partner);

      for (guint j = 0; j < g_list_model_get_n_items (history); j++)
        {
          g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, j);
          const char *date = atlas_history_entry_get_date (entry);

          if (date != NULL && g_hash_table_add (seen, (gpointer) date))
            g_ptr_array_add (dates, g_strdup (date));
        }
    }

  /* The map also changes when a member leaves or a lens opens. */
  {
    GPtrArray *changes = atlas_dataset_get_member_changes (dataset);
    GListModel *lenses = atlas_dataset_get_lenses (dataset);

    for (guint i = 0; i < changes->len; i++)
      {
        AtlasMemberChange *change = g_ptr_array_index (changes, i);

        if (g_hash_table_add (seen, change->date))
          g_ptr_array_add (dates, g_strdup (change->date));
      }
    for (guint i = 0; i < g_list_model_get_n_items (lenses); i++)
      {
        g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
        const char *opens = atlas_lens_get_opens (lens);

        if (opens != NULL && g_hash_table_add (seen, (gpointer) opens))
          g_ptr_array_add (dates, g_strdup (opens));
      }
  }

  g_ptr_array_sort (dates, compare_strings);
  g_ptr_array_add (dates, NULL);

  return (char **) g_ptr_array_free (dates, FALSE);
}

char *
atlas_timeline_step (AtlasDataset *dataset,
                     const char   *date,
                     gboolean      forward)
{
  g_auto(GStrv) dates = NULL;
  const char *found = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (date != NULL, NULL);

  dates = atlas_timeline_dup_dates (dataset);
  for (guint i = 0; dates[i] != NULL; i++)
    {
      int c = strcmp (dates[i], date);

      if (forward && c > 0)
        {
          found = dates[i];
          break;
        }
      if (!forward && c < 0)
        found = dates[i];
    }

  return g_strdup (found);
}

gboolean
atlas_timeline_check_date (AtlasDataset  *dataset,
                           const char    *text,
                           GError       **error)
{
  const char *as_of;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), FALSE);

  if (text == NULL || !atlas_format_is_date (text))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("\"%s\" is not a date: write it YYYY-MM-DD, e.g. 2015-07-08"),
                   text ? text : "");
      return FALSE;
    }

  as_of = atlas_dataset_get_as_of (dataset);
  if (as_of != NULL && strcmp (text, as_of) > 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s is after the dataset's date (%s): nothing is known of it yet"),
                   text, as_of);
      return FALSE;
    }

  return TRUE;
}

/* Changes between two dates */

void
atlas_change_free (AtlasChange *change)
{
  if (change == NULL)
    return;

  g_clear_object (&change->partner);
  g_clear_object (&change->entry);
  g_clear_object (&change->lens);
  g_free (change);
}

const char *
atlas_change_direction_to_string (AtlasChangeDirection direction)
{
  switch (direction)
    {
    case ATLAS_CHANGE_UP: return "up";
    case ATLAS_CHANGE_DOWN: return "down";
    case ATLAS_CHANGE_CHANGED:
    default: return "changed";
    }
}

const char *
atlas_timeline_value_name (AtlasLens  *lens,
                           const char *value)
{
  AtlasCategory *category;

  if (value == NULL || lens == NULL)
    return value;

  category = atlas_lens_find_category (lens, value);
  return category ? atlas_category_get_name (category) : value;
}

AtlasChangeDirection
atlas_timeline_direction (AtlasLens  *lens,
                          const char *old_value,
                          const char *new_value)
{
  int old_index, new_index;

  if (lens == NULL || !atlas_lens_get_ordered (lens) || old_value == NULL || new_value == NULL)
    return ATLAS_CHANGE_CHANGED;

  /* Categories run from most to least. */
  old_index = atlas_lens_get_category_index (lens, old_value);
  new_index = atlas_lens_get_category_index (lens, new_value);
  if (old_index < 0 || new_index < 0 || old_index == new_index)
    return ATLAS_CHANGE_CHANGED;

  return new_index < old_index ? ATLAS_CHANGE_UP : ATLAS_CHANGE_DOWN;
}

char *
atlas_change_describe (AtlasChange *change,
                       gboolean     with_partner)
{
  g_autofree char *what = NULL;
  const char *partner = atlas_partner_get_display_name (change->partner);
  const char *old_name = change->old_name ? change->old_name : _("No data");
  const char *new_name = change->new_name ? change->new_name : _("No data");

  if (g_strcmp0 (change->field, ATLAS_TIMELINE_FIELD_PARTNER) == 0)
    {
      if (!with_partner)
        return g_strdup (change->new_value ? _("Added as a partner") : _("No longer a partner"));
      return change->new_value ? g_strdup_printf (_("%s added"), partner)
                               : g_strdup_printf (_("%s removed"), partner);
    }

  if (change->lens != NULL)
    /* Translators: "Budapest Convention: Signatory → Party" */
    what = g_strdup_printf (_("%s: %s → %s"), atlas_lens_get_name (change->lens), old_name, new_name);
  else if (g_strcmp0 (change->field, "assessment") == 0)
    what = g_strdup (_("assessment rewritten"));
  else if (g_strcmp0 (change->field, "agreements") == 0)
    /* Translators: "agreement: EU-Japan Security and Defence Partnership" */
    what = g_strdup_printf (_("agreement: %s"), new_name);
  else if (g_strcmp0 (change->field, "dialogues") == 0)
    /* Translators: "dialogue: EU-Japan Cyber Dialogue" */
    what = g_strdup_printf (_("dialogue: %s"), new_name);
  else if (g_strcmp0 (change->field, "documents") == 0)
    /* Translators: "document: Joint statement" */
    what = g_strdup_printf (_("document: %s"), new_name);
  else
    /* Translators: "<a field of the profile>: <its new value>" */
    what = g_strdup_printf (_("%s: %s"), change->field, new_name);

  if (!with_partner)
    return g_steal_pointer (&what);
  /* Translators: "Canada, Budapest Convention: Signatory → Party" */
  return g_strdup_printf (_("%s, %s"), partner, what);
}

typedef struct
{
  AtlasChange *change;
  guint        partner_index;
  guint        entry_index;
} Ordered;

static int
compare_ordered (gconstpointer a,
                 gconstpointer b)
{
  const Ordered *oa = a, *ob = b;
  int c = strcmp (oa->change->date, ob->change->date);

  if (c != 0)
    return c;
  if (oa->partner_index != ob->partner_index)
    return oa->partner_index < ob->partner_index ? -1 : 1;
  return oa->entry_index < ob->entry_index ? -1 : oa->entry_index > ob->entry_index;
}

AtlasChange *
atlas_change_new (AtlasDataset      *dataset,
                  AtlasPartner      *partner,
                  AtlasHistoryEntry *entry,
                  gboolean           backwards)
{
  AtlasChange *change = g_new0 (AtlasChange, 1);
  const char *field = atlas_history_entry_get_field (entry);
  const char *old_value = atlas_history_entry_get_old_value (entry);
  const char *new_value = atlas_history_entry_get_new_value (entry);

  if (backwards)
    {
      const char *swap = old_value;

      old_value = new_value;
      new_value = swap;
    }

  change->partner = g_object_ref (partner);
  change->entry = g_object_ref (entry);
  change->date = atlas_history_entry_get_date (entry);
  change->field = field;
  if (is_indicator_field (field))
    {
      AtlasLens *lens = atlas_dataset_find_lens (dataset, field + strlen (INDICATOR_PREFIX));

      change->lens = lens ? g_object_ref (lens) : NULL;
    }
  change->old_value = old_value;
  change->new_value = new_value;
  change->old_name = atlas_timeline_value_name (change->lens, old_value);
  change->new_name = atlas_timeline_value_name (change->lens, new_value);
  change->direction = atlas_timeline_direction (change->lens, old_value, new_value);

  return change;
}

GPtrArray *
atlas_timeline_changes (AtlasDataset *dataset,
                        const char   *from,
                        const char   *to)
{
  g_autoptr(GArray) ordered = g_array_new (FALSE, FALSE, sizeof (Ordered));
  GPtrArray *changes;
  GListModel *partners;
  gboolean backwards;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (from != NULL, NULL);

  if (to == NULL)
    to = atlas_dataset_get_as_of (dataset);
  backwards = strcmp (from, to) > 0;
  if (backwards)
    {
      const char *swap = from;

      from = to;
      to = swap;
    }

  partners = atlas_dataset_get_all_partners (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);
      GListModel *history = atlas_partner_get_history (partner);

      for (guint j = 0; j < g_list_model_get_n_items (history); j++)
        {
          g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, j);
          const char *date = atlas_history_entry_get_date (entry);
          Ordered o = { NULL, i, j };

          if (date == NULL || atlas_history_entry_get_field (entry) == NULL ||
              strcmp (date, from) <= 0 || strcmp (date, to) > 0)
            continue;

          o.change = atlas_change_new (dataset, partner, entry, backwards);
          g_array_append_val (ordered, o);
        }
    }

  g_array_sort (ordered, compare_ordered);

  changes = g_ptr_array_new_full (ordered->len, (GDestroyNotify) atlas_change_free);
  for (guint i = 0; i < ordered->len; i++)
    {
      guint k = backwards ? ordered->len - 1 - i : i;

      g_ptr_array_add (changes, g_array_index (ordered, Ordered, k).change);
    }

  return changes;
}
