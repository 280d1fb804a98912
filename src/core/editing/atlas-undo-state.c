/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the undo stack copies and puts back (atlas-undo-stack-private.h): a
 * partner's contents into the live object, a list store synced to another
 * touching only what differs, and the whole of a dataset as one state. */

#include "config.h"

#include "atlas-core-private.h"
#include "atlas-dataset-private.h"
#include "atlas-translations.h"
#include "atlas-undo-stack.h"
#include "atlas-undo-stack-private.h"

/* Everything a dataset holds, to swap in place (a COMMAND_DATASET) */
struct _AtlasDatasetState
{
  char        *title;
  char        *as_of;
  GListStore  *sources;        /* of AtlasSource copies */
  GPtrArray   *lenses;         /* the AtlasLens objects themselves */
  char        *subject_name;
  GHashTable  *subject_names;
  guint32      subject_color;
  char       **members;
  GPtrArray   *member_changes; /* of AtlasMemberChange copies */
  GBytes      *subject_extra;
  GBytes      *extra;
  GPtrArray   *partners;       /* the AtlasPartner objects, in order */
  GPtrArray   *contents;       /* and what each holds: copies */
};

void
atlas_dataset_state_free (AtlasDatasetState *state)
{
  if (state == NULL)
    return;

  g_free (state->title);
  g_free (state->as_of);
  g_clear_object (&state->sources);
  g_ptr_array_unref (state->lenses);
  g_free (state->subject_name);
  g_clear_pointer (&state->subject_names, g_hash_table_unref);
  g_strfreev (state->members);
  g_ptr_array_unref (state->member_changes);
  g_clear_pointer (&state->subject_extra, g_bytes_unref);
  g_clear_pointer (&state->extra, g_bytes_unref);
  g_ptr_array_unref (state->partners);
  g_ptr_array_unref (state->contents);
  g_free (state);
}

static gboolean
entry_equal (gpointer a,
             gpointer b,
             GType    type)
{
  if (type == ATLAS_TYPE_DOCUMENT)
    return atlas_document_equal (a, b);
  if (type == ATLAS_TYPE_DIALOGUE)
    return atlas_dialogue_equal (a, b);
  if (type == ATLAS_TYPE_AGREEMENT)
    return atlas_agreement_equal (a, b);
  if (type == ATLAS_TYPE_SOURCE_REF)
    return atlas_source_ref_equal (a, b);
  if (type == ATLAS_TYPE_HISTORY_ENTRY)
    return atlas_history_entry_equal (a, b);
  if (type == ATLAS_TYPE_SOURCE)
    return atlas_source_equal (a, b);
  g_return_val_if_reached (FALSE);
}

static gpointer
entry_copy (gpointer item,
            GType    type)
{
  if (type == ATLAS_TYPE_DOCUMENT)
    return atlas_document_copy (item);
  if (type == ATLAS_TYPE_DIALOGUE)
    return atlas_dialogue_copy (item);
  if (type == ATLAS_TYPE_AGREEMENT)
    return atlas_agreement_copy (item);
  if (type == ATLAS_TYPE_SOURCE_REF)
    return atlas_source_ref_copy (item);
  if (type == ATLAS_TYPE_HISTORY_ENTRY)
    return atlas_history_entry_copy (item);
  if (type == ATLAS_TYPE_SOURCE)
    return atlas_source_copy (item);
  g_return_val_if_reached (NULL);
}

static gboolean
items_equal_at (GListModel *a,
                guint       ia,
                GListModel *b,
                guint       ib,
                GType       type)
{
  g_autoptr(GObject) item_a = g_list_model_get_item (a, ia);
  g_autoptr(GObject) item_b = g_list_model_get_item (b, ib);

  return entry_equal (item_a, item_b, type);
}

/* Sets @dest's writable properties to @src's (two entries of one type). */
static void
copy_fields (GObject *dest,
             GObject *src)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (dest), &n_pspecs);
  g_object_freeze_notify (dest);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (src, pspecs[i]->name, &value);
      g_object_set_property (dest, pspecs[i]->name, &value);
    }
  if (!atlas_extra_equal (dest, src))
    atlas_extra_copy (dest, src);
  g_object_thaw_notify (dest);
}

/* Makes @dest hold copies of @src's items, replacing only the run between the
 * common head and tail: the rows around an edit keep their objects, so a
 * list view keeps its scroll position and focus. */
void
atlas_undo_sync_store (GListStore *dest,
                       GListModel *src,
                       GType       type)
{
  GListModel *dest_model = G_LIST_MODEL (dest);
  guint n_dest = g_list_model_get_n_items (dest_model);
  guint n_src = g_list_model_get_n_items (src);
  guint head = 0, tail = 0;
  g_autoptr(GPtrArray) copies = NULL;

  while (head < n_dest && head < n_src && items_equal_at (dest_model, head, src, head, type))
    head++;
  while (tail < n_dest - head && tail < n_src - head &&
         items_equal_at (dest_model, n_dest - 1 - tail, src, n_src - 1 - tail, type))
    tail++;

  if (head == n_dest && head == n_src)
    return;

  /* One entry edited (a title being typed): change its fields, so that the
   * row showing it, and the entry that has the focus, stay. */
  if (n_dest - head - tail == 1 && n_src - head - tail == 1)
    {
      g_autoptr(GObject) dest_item = g_list_model_get_item (dest_model, head);
      g_autoptr(GObject) src_item = g_list_model_get_item (src, head);

      copy_fields (dest_item, src_item);
      return;
    }

  copies = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = head; i < n_src - tail; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (src, i);

      g_ptr_array_add (copies, entry_copy (item, type));
    }

  g_list_store_splice (dest, head, n_dest - head - tail, copies->pdata, copies->len);
}

/* Copies @src's contents into @dest, touching only what differs. */
void
atlas_undo_partner_assign (AtlasPartner *dest,
                           AtlasPartner *src)
{
  g_auto(GStrv) dest_lenses = atlas_partner_dup_indicator_lenses (dest);
  g_auto(GStrv) src_lenses = atlas_partner_dup_indicator_lenses (src);

  g_object_freeze_notify (G_OBJECT (dest));

  atlas_partner_set_id (dest, atlas_partner_get_id (src));
  atlas_partner_set_name (dest, atlas_partner_get_name (src));

  for (guint i = 0; dest_lenses[i] != NULL; i++)
    if (atlas_partner_get_indicator (src, dest_lenses[i]) == NULL)
      atlas_partner_set_indicator (dest, dest_lenses[i], NULL);
  for (guint i = 0; src_lenses[i] != NULL; i++)
    atlas_partner_set_indicator (dest, src_lenses[i],
                                 atlas_partner_get_indicator (src, src_lenses[i]));

  atlas_undo_sync_store (atlas_partner_get_documents_store (dest),
              atlas_partner_get_documents (src), ATLAS_TYPE_DOCUMENT);
  atlas_undo_sync_store (atlas_partner_get_dialogues_store (dest),
              atlas_partner_get_dialogues (src), ATLAS_TYPE_DIALOGUE);
  atlas_undo_sync_store (atlas_partner_get_agreements_store (dest),
              atlas_partner_get_agreements (src), ATLAS_TYPE_AGREEMENT);
  atlas_undo_sync_store (atlas_partner_get_sources_store (dest),
              atlas_partner_get_sources (src), ATLAS_TYPE_SOURCE_REF);
  atlas_undo_sync_store (atlas_partner_get_history_store (dest),
              atlas_partner_get_history (src), ATLAS_TYPE_HISTORY_ENTRY);

  atlas_partner_set_assessment (dest, atlas_partner_get_assessment (src));
  atlas_partner_set_updated (dest, atlas_partner_get_updated (src));
  if (!atlas_extra_equal (dest, src))
    atlas_extra_copy (dest, src);

  g_object_thaw_notify (G_OBJECT (dest));
}

static gboolean
bytes_equal0 (GBytes *a,
              GBytes *b)
{
  return a == b || (a != NULL && b != NULL && g_bytes_equal (a, b));
}

static gboolean
member_changes_equal (GPtrArray *a,
                      GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      AtlasMemberChange *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->date, y->date) != 0 || g_strcmp0 (x->id, y->id) != 0 ||
          g_strcmp0 (x->change, y->change) != 0 || g_strcmp0 (x->source, y->source) != 0 ||
          !bytes_equal0 (x->extra, y->extra))
        return FALSE;
    }

  return TRUE;
}

static gboolean
category_equal (gpointer a,
                gpointer b)
{
  return g_strcmp0 (atlas_category_get_id (a), atlas_category_get_id (b)) == 0 &&
         g_strcmp0 (atlas_category_get_original_name (a), atlas_category_get_original_name (b)) == 0 &&
         g_strcmp0 (atlas_category_get_original_description (a),
                    atlas_category_get_original_description (b)) == 0 &&
         atlas_translations_equal (atlas_category_get_names (a), atlas_category_get_names (b)) &&
         atlas_translations_equal (atlas_category_get_descriptions (a), atlas_category_get_descriptions (b)) &&
         atlas_category_get_color (a) == atlas_category_get_color (b) &&
         atlas_extra_equal (a, b);
}

static gboolean
lens_equal (AtlasLens *a,
            AtlasLens *b)
{
  return a == b ||
         (g_strcmp0 (atlas_lens_get_id (a), atlas_lens_get_id (b)) == 0 &&
          g_strcmp0 (atlas_lens_get_original_name (a), atlas_lens_get_original_name (b)) == 0 &&
          g_strcmp0 (atlas_lens_get_original_description (a), atlas_lens_get_original_description (b)) == 0 &&
          atlas_translations_equal (atlas_lens_get_names (a), atlas_lens_get_names (b)) &&
          atlas_translations_equal (atlas_lens_get_descriptions (a), atlas_lens_get_descriptions (b)) &&
          atlas_lens_get_ordered (a) == atlas_lens_get_ordered (b) &&
          g_strcmp0 (atlas_lens_get_opens (a), atlas_lens_get_opens (b)) == 0 &&
          atlas_list_model_equal (atlas_lens_get_categories (a), atlas_lens_get_categories (b),
                                  (GEqualFunc) category_equal) &&
          atlas_extra_equal (a, b));
}

/* What @dataset holds now; @partners_from and @lenses_from (NULL: the
 * dataset's own) give the partners' and lenses' contents, matched by id
 * with the live objects, which stay the same objects when the state is
 * applied. A partner or lens the dataset does not have is a new object. */
static gboolean partners_in_order (AtlasDataset *dataset,
                                   GPtrArray    *partners);

AtlasDatasetState *
atlas_dataset_state_new (AtlasDataset *live,
                         AtlasDataset *dataset)
{
  AtlasDatasetState *state = g_new0 (AtlasDatasetState, 1);
  GListModel *lenses = atlas_dataset_get_lenses (dataset);
  /* Every partner of the file, those removed in their history too. */
  GListModel *partners = atlas_dataset_get_all_partners (dataset);
  GPtrArray *changes = atlas_dataset_get_member_changes (dataset);

  state->title = g_strdup (atlas_dataset_get_title (dataset));
  state->as_of = g_strdup (atlas_dataset_get_as_of (dataset));
  state->sources = atlas_undo_copy_sources (atlas_dataset_get_sources (dataset));
  state->subject_name = g_strdup (atlas_dataset_get_subject_original_name (dataset));
  state->subject_names = atlas_translations_copy (atlas_dataset_get_subject_names (dataset));
  state->subject_color = atlas_dataset_get_subject_color (dataset);
  state->members = g_strdupv ((char **) atlas_dataset_get_members (dataset));
  state->member_changes = g_ptr_array_new_full (changes->len, (GDestroyNotify) atlas_member_change_free);
  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (state->member_changes, atlas_member_change_copy (g_ptr_array_index (changes, i)));
  state->subject_extra = atlas_dataset_get_subject_extra (dataset);
  if (state->subject_extra != NULL)
    g_bytes_ref (state->subject_extra);
  state->extra = atlas_extra_get (dataset);
  if (state->extra != NULL)
    g_bytes_ref (state->extra);

  state->lenses = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (lenses); i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
      AtlasLens *same = atlas_dataset_find_lens (live, atlas_lens_get_id (lens));

      /* An unchanged lens stays the object views look up. */
      g_ptr_array_add (state->lenses, g_object_ref (same != NULL && lens_equal (same, lens) ? same : lens));
    }

  state->partners = g_ptr_array_new_with_free_func (g_object_unref);
  state->contents = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);
      AtlasPartner *same = atlas_dataset_find_any_partner (live, atlas_partner_get_id (partner));

      g_ptr_array_add (state->partners, same != NULL ? g_object_ref (same) : atlas_partner_copy (partner));
      g_ptr_array_add (state->contents, atlas_partner_copy (partner));
    }

  return state;
}

/* Whether applying @state would change nothing. */
gboolean
atlas_dataset_state_is_current (AtlasDataset      *dataset,
                                AtlasDatasetState *state)
{
  GListModel *lenses = atlas_dataset_get_lenses (dataset);

  if (g_strcmp0 (state->title, atlas_dataset_get_title (dataset)) != 0 ||
      g_strcmp0 (state->as_of, atlas_dataset_get_as_of (dataset)) != 0 ||
      g_strcmp0 (state->subject_name, atlas_dataset_get_subject_original_name (dataset)) != 0 ||
      !atlas_translations_equal (state->subject_names, atlas_dataset_get_subject_names (dataset)) ||
      state->subject_color != atlas_dataset_get_subject_color (dataset) ||
      !g_strv_equal ((const char * const *) state->members, atlas_dataset_get_members (dataset)) ||
      !member_changes_equal (state->member_changes, atlas_dataset_get_member_changes (dataset)) ||
      !bytes_equal0 (state->subject_extra, atlas_dataset_get_subject_extra (dataset)) ||
      !bytes_equal0 (state->extra, atlas_extra_get (dataset)) ||
      !atlas_list_model_equal (G_LIST_MODEL (state->sources), atlas_dataset_get_sources (dataset),
                               (GEqualFunc) atlas_source_equal) ||
      g_list_model_get_n_items (lenses) != state->lenses->len ||
      !partners_in_order (dataset, state->partners))
    return FALSE;

  for (guint i = 0; i < state->lenses->len; i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);

      if (lens != g_ptr_array_index (state->lenses, i))
        return FALSE;
    }
  for (guint i = 0; i < state->partners->len; i++)
    if (!atlas_partner_equal (g_ptr_array_index (state->partners, i), g_ptr_array_index (state->contents, i)))
      return FALSE;

  return TRUE;
}

static gboolean
partners_in_order (AtlasDataset *dataset,
                   GPtrArray    *partners)
{
  GListModel *model = atlas_dataset_get_all_partners (dataset);

  if (g_list_model_get_n_items (model) != partners->len)
    return FALSE;
  for (guint i = 0; i < partners->len; i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (model, i);

      if (partner != g_ptr_array_index (partners, i))
        return FALSE;
    }

  return TRUE;
}

/* Makes the dataset hold @state, touching only what differs: the partners
 * and lenses that stay keep their objects and rows. */
void
atlas_dataset_state_apply (AtlasDataset      *dataset,
                           AtlasDatasetState *state)
{
  GListModel *partners = atlas_dataset_get_all_partners (dataset);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean later;

  g_object_freeze_notify (G_OBJECT (dataset));

  atlas_dataset_set_title (dataset, state->title);
  /* No history entry may lie after the date, even for a moment (views
   * follow every change): a later date comes first, an earlier one last. */
  later = g_strcmp0 (state->as_of, atlas_dataset_get_as_of (dataset)) > 0;
  if (later)
    atlas_dataset_set_as_of (dataset, state->as_of);
  atlas_dataset_set_subject_name (dataset, state->subject_name);
  atlas_dataset_set_subject_names (dataset, state->subject_names);
  atlas_dataset_set_subject_color (dataset, state->subject_color);
  atlas_dataset_set_members (dataset, (const char * const *) state->members);
  if (!member_changes_equal (atlas_dataset_get_member_changes (dataset), state->member_changes))
    atlas_dataset_set_member_changes (dataset, state->member_changes);
  atlas_dataset_set_subject_extra (dataset, state->subject_extra);
  atlas_extra_set (dataset, state->extra);
  atlas_dataset_set_lenses (dataset, (AtlasLens **) state->lenses->pdata, state->lenses->len);

  /* New works first, for the partners that cite them. */
  atlas_undo_sync_store (atlas_dataset_get_sources_store (dataset), G_LIST_MODEL (state->sources), ATLAS_TYPE_SOURCE);

  for (guint i = 0; i < state->partners->len; i++)
    {
      AtlasPartner *partner = g_ptr_array_index (state->partners, i);
      AtlasPartner *contents = g_ptr_array_index (state->contents, i);

      if (!atlas_partner_equal (partner, contents))
        atlas_undo_partner_assign (partner, contents);
    }

  if (!partners_in_order (dataset, state->partners))
    {
      /* Removed ones go, new ones come in where they stand; a list that is
       * still out of order (partners moved) is replaced as a whole. */
      for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
        {
          AtlasPartner *partner = g_list_model_get_item (partners, i);

          if (g_ptr_array_find (state->partners, partner, NULL))
            g_object_unref (partner);
          else
            g_ptr_array_add (gone, partner);
        }
      for (guint i = 0; i < gone->len; i++)
        atlas_dataset_remove_partner (dataset, g_ptr_array_index (gone, i));
      for (guint i = 0; i < state->partners->len; i++)
        if (!g_list_store_find (G_LIST_STORE (partners), g_ptr_array_index (state->partners, i), NULL))
          atlas_dataset_insert_partner_in_file (dataset, i, g_ptr_array_index (state->partners, i));
      if (!partners_in_order (dataset, state->partners))
        atlas_dataset_splice_partners (dataset, (AtlasPartner **) state->partners->pdata,
                                       state->partners->len);
    }
  if (!later)
    atlas_dataset_set_as_of (dataset, state->as_of);

  g_object_thaw_notify (G_OBJECT (dataset));
}

GListStore *
atlas_undo_copy_sources (GListModel *sources)
{
  GListStore *copy = g_list_store_new (ATLAS_TYPE_SOURCE);

  atlas_list_store_copy_items (copy, sources, (gpointer (*) (gpointer)) atlas_source_copy);

  return copy;
}
