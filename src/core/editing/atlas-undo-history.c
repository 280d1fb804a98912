/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The undo stack's partner histories (atlas-undo-stack-private.h): which
 * entries are on disk already, the chain a new entry must keep, and the
 * entry an edit records. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core-private.h"
#include "atlas-format-rules.h"
#include "atlas-timeline.h"
#include "atlas-undo-stack.h"
#include "atlas-undo-stack-private.h"

/* What the last save wrote of a partner's history */
typedef struct
{
  GPtrArray *history; /* of AtlasHistoryEntry copies */
  char      *updated;
} SavedPartner;

static void
saved_partner_free (SavedPartner *saved)
{
  g_ptr_array_unref (saved->history);
  g_free (saved->updated);
  g_free (saved);
}

static SavedPartner *
saved_partner_new (AtlasPartner *partner)
{
  GListModel *history = atlas_partner_get_history (partner);
  guint n = g_list_model_get_n_items (history);
  SavedPartner *saved = g_new0 (SavedPartner, 1);

  saved->history = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, i);

      g_ptr_array_add (saved->history, atlas_history_entry_copy (entry));
    }
  saved->updated = g_strdup (atlas_partner_get_updated (partner));

  return saved;
}

GHashTable *
atlas_undo_saved_new (void)
{
  return g_hash_table_new_full (NULL, NULL, g_object_unref, (GDestroyNotify) saved_partner_free);
}

void
atlas_undo_saved_record (GHashTable   *saved_history,
                         AtlasDataset *dataset)
{
  GListModel *partners = atlas_dataset_get_all_partners (dataset);
  guint n = g_list_model_get_n_items (partners);

  g_hash_table_remove_all (saved_history);
  for (guint i = 0; i < n; i++)
    {
      AtlasPartner *partner = g_list_model_get_item (partners, i);

      /* The table owns the reference. */
      g_hash_table_insert (saved_history, partner, saved_partner_new (partner));
    }
}

/* Whether the entry at @index of the partner's history is one this editing
 * session made since the last save, and so may still be rewritten. */
gboolean
atlas_undo_saved_is_unsaved (GHashTable        *saved_history,
                             AtlasPartner      *partner,
                             guint              index,
                             AtlasHistoryEntry *entry)
{
  SavedPartner *saved = g_hash_table_lookup (saved_history, partner);

  if (saved == NULL)
    return TRUE;

  /* Entries dated in the past are inserted in date order, so a saved entry
   * may have moved down the list. */
  if (index < saved->history->len &&
      atlas_history_entry_equal (entry, g_ptr_array_index (saved->history, index)))
    return FALSE;
  for (guint i = 0; i < saved->history->len; i++)
    if (atlas_history_entry_equal (entry, g_ptr_array_index (saved->history, i)))
      return FALSE;

  return TRUE;
}

static gboolean
has_unsaved_history (GHashTable   *saved_history,
                     AtlasPartner *partner,
                     AtlasPartner *state)
{
  GListModel *history = atlas_partner_get_history (state);
  guint n = g_list_model_get_n_items (history);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, i);

      if (atlas_undo_saved_is_unsaved (saved_history, partner, i, entry))
        return TRUE;
    }

  return FALSE;
}

/* The last entry of @field in @state's history in chain order (date, then
 * file order), or -1. */
int
atlas_undo_chain_last (AtlasPartner *state,
                       const char   *field)
{
  GListModel *history = atlas_partner_get_history (state);
  guint n = g_list_model_get_n_items (history);
  const char *last_date = NULL;
  int last = -1;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, i);
      const char *date = atlas_history_entry_get_date (entry);

      if (g_strcmp0 (atlas_history_entry_get_field (entry), field) != 0)
        continue;
      if (last_date == NULL || g_strcmp0 (date, last_date) >= 0)
        {
          last = i;
          last_date = date;
        }
    }

  return last;
}

/* Whether a change of @field dated @date keeps @state's history a chain: no
 * other entry of the field (but the one at @skip) may be dated after it. */
gboolean
atlas_undo_check_chain_date (AtlasPartner  *state,
                             const char    *field,
                             const char    *date,
                             int            skip,
                             GError       **error)
{
  GListModel *history = atlas_partner_get_history (state);
  const char *latest = NULL;

  if (!atlas_format_is_date (date))
    {
      g_set_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID,
                   _("The date of the change, %s, is not a date (YYYY-MM-DD)."), date);
      return FALSE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, i);
      const char *entry_date = atlas_history_entry_get_date (entry);

      if ((int) i == skip || g_strcmp0 (atlas_history_entry_get_field (entry), field) != 0)
        continue;
      if (g_strcmp0 (entry_date, date) > 0 && g_strcmp0 (entry_date, latest) > 0)
        latest = entry_date;
    }

  if (latest != NULL)
    {
      g_set_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_CHAIN,
                   _("This was changed again on %s, after %s: a change dated %s would "
                     "contradict that later change. Date it %s or later."),
                   latest, date, date, latest);
      return FALSE;
    }

  return TRUE;
}

/* Puts @entry into @history after every entry dated on or before it. */
void
atlas_undo_insert_in_order (GListStore        *history,
                            AtlasHistoryEntry *entry)
{
  guint position = g_list_model_get_n_items (G_LIST_MODEL (history));
  const char *date = atlas_history_entry_get_date (entry);

  while (position > 0)
    {
      g_autoptr(AtlasHistoryEntry) before = g_list_model_get_item (G_LIST_MODEL (history),
                                                                   position - 1);

      if (g_strcmp0 (atlas_history_entry_get_date (before), date) <= 0)
        break;
      position--;
    }

  g_list_store_insert (history, position, entry);
}

/* Records the change of @field from @old_value to @new_value in @state's
 * history, the way the README's "history entry" says, and stamps it. An
 * entry dated in the past goes where its date puts it; FALSE (nothing done)
 * when its date would break the field's chain. */
gboolean
atlas_undo_record_history (GHashTable    *saved_history,
                           AtlasPartner  *partner,
                           AtlasPartner  *state,
                           const char    *field,
                           const char    *old_value,
                           const char    *new_value,
                           const char    *date,
                           const char    *source,
                           GError       **error)
{
  GListStore *history = atlas_partner_get_history_store (state);
  int last = atlas_undo_chain_last (state, field);
  g_autoptr(AtlasHistoryEntry) last_entry = NULL;

  if (last >= 0)
    last_entry = g_list_model_get_item (G_LIST_MODEL (history), last);

  if (source == NULL)
    source = "";
  if (last_entry != NULL && atlas_undo_saved_is_unsaved (saved_history, partner, last, last_entry))
    {
      if (!atlas_undo_check_chain_date (state, field, date, last, error))
        return FALSE;

      /* Changed back to where this session found it: no change to
       * record, and no reason to say the profile was updated, unless
       * someone set that date by hand. */
      if (g_strcmp0 (atlas_history_entry_get_old_value (last_entry), new_value) == 0)
        {
          SavedPartner *saved = g_hash_table_lookup (saved_history, partner);

          g_list_store_remove (history, last);
          if (saved != NULL &&
              g_strcmp0 (atlas_partner_get_updated (state), date) == 0 &&
              !has_unsaved_history (saved_history, partner, state))
            atlas_partner_set_updated (state, saved->updated);
          return TRUE;
        }

      atlas_history_entry_set_new_value (last_entry, new_value);
      if (source[0] != '\0')
        atlas_history_entry_set_source (last_entry, source);
      if (g_strcmp0 (atlas_history_entry_get_date (last_entry), date) != 0)
        {
          atlas_history_entry_set_date (last_entry, date);
          g_list_store_remove (history, last);
          atlas_undo_insert_in_order (history, last_entry);
        }
      atlas_partner_set_updated (state, date);
      return TRUE;
    }

  if (!atlas_undo_check_chain_date (state, field, date, -1, error))
    return FALSE;

  {
    g_autoptr(AtlasHistoryEntry) entry = NULL;

    entry = atlas_history_entry_new (date, field, old_value, new_value, source);
    atlas_undo_insert_in_order (history, entry);
  }
  if (g_strcmp0 (date, atlas_partner_get_updated (state)) > 0)
    atlas_partner_set_updated (state, date);

  return TRUE;
}

/* The date a change is recorded under: the one set, else today */

static const char *
today (AtlasUndoStack *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_free (self->today);
  self->today = g_date_time_format (now, "%Y-%m-%d");

  return self->today;
}

const char *
atlas_undo_stack_get_change_date (AtlasUndoStack *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), NULL);

  if (self->change_date != NULL)
    return self->change_date;

  return today (self);
}

/* The checks an edit passes first: the chain a change or a listing keeps */

gboolean
atlas_undo_stack_check_change (AtlasUndoStack  *self,
                               AtlasPartner    *partner,
                               const char      *field,
                               GError         **error)
{
  int last;
  g_autoptr(AtlasHistoryEntry) last_entry = NULL;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  last = atlas_undo_chain_last (partner, field);
  if (last >= 0)
    last_entry = g_list_model_get_item (atlas_partner_get_history (partner), last);

  if (last_entry == NULL ||
      !atlas_undo_saved_is_unsaved (self->saved_history, partner, last, last_entry))
    last = -1;

  return atlas_undo_check_chain_date (partner, field, atlas_undo_stack_get_change_date (self), last, error);
}

gboolean
atlas_undo_stack_check_listed (AtlasUndoStack  *self,
                               AtlasPartner    *partner,
                               const char      *date,
                               GError         **error)
{
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), FALSE);

  if (date == NULL)
    date = atlas_undo_stack_get_change_date (self);

  return atlas_undo_check_chain_date (partner, ATLAS_TIMELINE_FIELD_PARTNER, date, -1, error);
}
