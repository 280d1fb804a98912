/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The undo stack: the one way the editor changes a dataset.
 *
 * A profile edit is recorded as two snapshots of the partner (before and
 * after, made with atlas_partner_copy ()) and applied by copying a snapshot's
 * contents into the live partner, so that the AtlasPartner object, which
 * views hold, never changes identity. Adding and removing a partner are
 * recorded with its position. Each command has a serial number; the dataset
 * is "modified" when the command on top of the stack is not the one that was
 * on top when it was saved, which stays exact across undo, redo and a new
 * edit after undoing past the save point.
 *
 * The dataset's own fields are recorded the same way: its title and date as
 * two pairs of strings, its works cited as two lists of copies synced into
 * the one GListStore the dataset has, which the profile's source drop-downs
 * show.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core-private.h"
#include "atlas-dataset-io.h"
#include "atlas-dataset-private.h"
#include "atlas-timeline.h"
#include "atlas-translations.h"
#include "atlas-undo-stack.h"

/* The serial of the empty stack's state. */
#define BASE_SERIAL 0
/* A saved serial no command has: modified until the next save. */
#define NEVER_SAVED G_MAXUINT64

typedef enum
{
  COMMAND_EDIT,
  COMMAND_ADD,
  COMMAND_REMOVE,
  COMMAND_INFO,
  COMMAND_SOURCES,
  COMMAND_DATASET,
} CommandKind;

/* COMMAND_DATASET: everything a dataset holds, to swap in place. */
typedef struct
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
} DatasetState;

typedef struct
{
  CommandKind   kind;
  guint64       serial;
  AtlasPartner *partner;
  /* COMMAND_EDIT */
  AtlasPartner *before;
  AtlasPartner *after;
  char         *coalesce_key;
  /* COMMAND_ADD, COMMAND_REMOVE */
  guint         position;
  /* COMMAND_INFO */
  char         *before_title;
  char         *after_title;
  char         *before_as_of;
  char         *after_as_of;
  /* COMMAND_SOURCES: of AtlasSource copies */
  GListStore   *before_sources;
  GListStore   *after_sources;
  /* COMMAND_DATASET */
  DatasetState *before_state;
  DatasetState *after_state;
  /* What it did, translated: "Change of Cooperation depth" */
  char         *description;
} Command;

struct _AtlasUndoStack
{
  GObject       parent_instance;

  AtlasDataset *dataset;
  GQueue        undo;       /* of Command, newest at the head */
  GQueue        redo;       /* of Command, next to redo at the head */
  guint64       next_serial;
  guint64       saved_serial;
  /* The head of the undo queue may take more of the same edit. */
  gboolean      can_coalesce;

  /* AtlasPartner -> SavedPartner: which history entries are already on
   * disk, and must be appended to, not rewritten. */
  GHashTable   *saved_history;

  char         *change_source;
  char         *change_date;
  char         *today;

  /* What the properties last said, to notify only on change. */
  gboolean      was_modified;
  char         *undo_label;
  char         *redo_label;
};

G_DEFINE_FINAL_TYPE (AtlasUndoStack, atlas_undo_stack, G_TYPE_OBJECT)
G_DEFINE_QUARK (atlas-undo-stack-error-quark, atlas_undo_stack_error)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MODIFIED,
  PROP_CHANGE_SOURCE,
  PROP_CHANGE_DATE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
dataset_state_free (DatasetState *state)
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

static void
command_free (Command *command)
{
  dataset_state_free (command->before_state);
  dataset_state_free (command->after_state);
  g_clear_object (&command->partner);
  g_clear_object (&command->before);
  g_clear_object (&command->after);
  g_free (command->before_title);
  g_free (command->after_title);
  g_free (command->before_as_of);
  g_free (command->after_as_of);
  g_clear_object (&command->before_sources);
  g_clear_object (&command->after_sources);
  g_free (command->coalesce_key);
  g_free (command->description);
  g_free (command);
}

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

static void
record_saved_history (AtlasUndoStack *self)
{
  GListModel *partners = atlas_dataset_get_all_partners (self->dataset);
  guint n = g_list_model_get_n_items (partners);

  g_hash_table_remove_all (self->saved_history);
  for (guint i = 0; i < n; i++)
    {
      AtlasPartner *partner = g_list_model_get_item (partners, i);

      /* The table owns the reference. */
      g_hash_table_insert (self->saved_history, partner, saved_partner_new (partner));
    }
}

/* Whether the entry at @index of the partner's history is one this editing
 * session made since the last save, and so may still be rewritten. */
static gboolean
history_entry_is_unsaved (AtlasUndoStack    *self,
                          AtlasPartner      *partner,
                          guint              index,
                          AtlasHistoryEntry *entry)
{
  SavedPartner *saved = g_hash_table_lookup (self->saved_history, partner);

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
has_unsaved_history (AtlasUndoStack *self,
                     AtlasPartner   *partner,
                     AtlasPartner   *state)
{
  GListModel *history = atlas_partner_get_history (state);
  guint n = g_list_model_get_n_items (history);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, i);

      if (history_entry_is_unsaved (self, partner, i, entry))
        return TRUE;
    }

  return FALSE;
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
static void
sync_store (GListStore *dest,
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
static void
partner_assign (AtlasPartner *dest,
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

  sync_store (atlas_partner_get_documents_store (dest),
              atlas_partner_get_documents (src), ATLAS_TYPE_DOCUMENT);
  sync_store (atlas_partner_get_dialogues_store (dest),
              atlas_partner_get_dialogues (src), ATLAS_TYPE_DIALOGUE);
  sync_store (atlas_partner_get_agreements_store (dest),
              atlas_partner_get_agreements (src), ATLAS_TYPE_AGREEMENT);
  sync_store (atlas_partner_get_sources_store (dest),
              atlas_partner_get_sources (src), ATLAS_TYPE_SOURCE_REF);
  sync_store (atlas_partner_get_history_store (dest),
              atlas_partner_get_history (src), ATLAS_TYPE_HISTORY_ENTRY);

  atlas_partner_set_assessment (dest, atlas_partner_get_assessment (src));
  atlas_partner_set_updated (dest, atlas_partner_get_updated (src));
  if (!atlas_extra_equal (dest, src))
    atlas_extra_copy (dest, src);

  g_object_thaw_notify (G_OBJECT (dest));
}

static guint64
current_serial (AtlasUndoStack *self)
{
  Command *top = g_queue_peek_head (&self->undo);

  return top != NULL ? top->serial : BASE_SERIAL;
}

static char *
make_label (GQueue   *queue,
            gboolean  undo)
{
  Command *command = g_queue_peek_head (queue);

  if (command == NULL)
    return NULL;

  if (undo)
    /* Translators: %s is what the command did, e.g. "Change of Cooperation depth" */
    return g_strdup_printf (_("Undo %s"), command->description);
  else
    /* Translators: %s is what the command did, e.g. "Change of Cooperation depth" */
    return g_strdup_printf (_("Redo %s"), command->description);
}

/* Notifies whatever of the derived state changed. */
static void
update_state (AtlasUndoStack *self)
{
  gboolean modified = atlas_undo_stack_get_modified (self);
  gboolean could_undo = self->undo_label != NULL;
  gboolean could_redo = self->redo_label != NULL;
  g_autofree char *undo_label = make_label (&self->undo, TRUE);
  g_autofree char *redo_label = make_label (&self->redo, FALSE);

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (undo_label, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
      if (could_undo != (self->undo_label != NULL))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (g_strcmp0 (redo_label, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
      if (could_redo != (self->redo_label != NULL))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  if (modified != self->was_modified)
    {
      self->was_modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static GListStore *copy_sources (GListModel *sources);

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
static DatasetState *
dataset_state_new (AtlasDataset *live,
                   AtlasDataset *dataset)
{
  DatasetState *state = g_new0 (DatasetState, 1);
  GListModel *lenses = atlas_dataset_get_lenses (dataset);
  /* Every partner of the file, those removed in their history too. */
  GListModel *partners = atlas_dataset_get_all_partners (dataset);
  GPtrArray *changes = atlas_dataset_get_member_changes (dataset);

  state->title = g_strdup (atlas_dataset_get_title (dataset));
  state->as_of = g_strdup (atlas_dataset_get_as_of (dataset));
  state->sources = copy_sources (atlas_dataset_get_sources (dataset));
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

static gboolean partners_in_order (AtlasDataset *dataset,
                                   GPtrArray    *partners);

/* Whether applying @state would change nothing. */
static gboolean
dataset_state_is_current (AtlasDataset *dataset,
                          DatasetState *state)
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
static void
dataset_state_apply (AtlasUndoStack *self,
                     DatasetState   *state)
{
  AtlasDataset *dataset = self->dataset;
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
  sync_store (atlas_dataset_get_sources_store (dataset), G_LIST_MODEL (state->sources), ATLAS_TYPE_SOURCE);

  for (guint i = 0; i < state->partners->len; i++)
    {
      AtlasPartner *partner = g_ptr_array_index (state->partners, i);
      AtlasPartner *contents = g_ptr_array_index (state->contents, i);

      if (!atlas_partner_equal (partner, contents))
        partner_assign (partner, contents);
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

static void
command_apply (AtlasUndoStack *self,
               Command        *command,
               gboolean        forward)
{
  switch (command->kind)
    {
    case COMMAND_EDIT:
      partner_assign (command->partner, forward ? command->after : command->before);
      if (command->after_as_of != NULL)
        atlas_dataset_set_as_of (self->dataset,
                                 forward ? command->after_as_of : command->before_as_of);
      break;

    case COMMAND_ADD:
    case COMMAND_REMOVE:
      if ((command->kind == COMMAND_ADD) == forward)
        atlas_dataset_insert_partner (self->dataset, command->position, command->partner);
      else
        {
          int position = atlas_dataset_remove_partner (self->dataset, command->partner);

          if (position >= 0)
            command->position = position;
        }
      if (command->after_as_of != NULL)
        atlas_dataset_set_as_of (self->dataset,
                                 forward ? command->after_as_of : command->before_as_of);
      break;

    case COMMAND_INFO:
      g_object_freeze_notify (G_OBJECT (self->dataset));
      atlas_dataset_set_title (self->dataset, forward ? command->after_title : command->before_title);
      atlas_dataset_set_as_of (self->dataset, forward ? command->after_as_of : command->before_as_of);
      g_object_thaw_notify (G_OBJECT (self->dataset));
      break;

    case COMMAND_SOURCES:
      sync_store (atlas_dataset_get_sources_store (self->dataset),
                  G_LIST_MODEL (forward ? command->after_sources : command->before_sources),
                  ATLAS_TYPE_SOURCE);
      break;

    case COMMAND_DATASET:
      dataset_state_apply (self, forward ? command->after_state : command->before_state);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
clear_queue (GQueue *queue)
{
  Command *command;

  while ((command = g_queue_pop_head (queue)) != NULL)
    command_free (command);
}

/* Records a command already applied to the dataset. */
static void
push_command (AtlasUndoStack *self,
              Command        *command)
{
  /* A redo entry holding the saved state is gone for good: only saving can
   * make the document unmodified again. */
  for (GList *l = self->redo.head; l != NULL; l = l->next)
    if (((Command *) l->data)->serial == self->saved_serial)
      self->saved_serial = NEVER_SAVED;
  clear_queue (&self->redo);

  command->serial = ++self->next_serial;
  g_queue_push_head (&self->undo, command);
  self->can_coalesce = TRUE;

  update_state (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The edit command on top that @partner and @key may merge into, or NULL. */
static Command *
coalescing_command (AtlasUndoStack *self,
                    CommandKind     kind,
                    AtlasPartner   *partner,
                    const char     *key)
{
  Command *top = g_queue_peek_head (&self->undo);

  if (key == NULL || top == NULL || !self->can_coalesce ||
      top->kind != kind || top->partner != partner ||
      g_strcmp0 (top->coalesce_key, key) != 0 ||
      /* Merging into the saved state would hide the change from "modified". */
      top->serial == self->saved_serial)
    return NULL;

  return top;
}

/* The dataset's date follows its history: an edit whose history goes past
 * the dataset's as_of moves it along, in the same command, so that no entry
 * is ever dated after it (a history chain rule). */
static void
track_as_of (AtlasUndoStack *self,
             Command        *command)
{
  GListModel *history = atlas_partner_get_history (command->after);
  const char *base = command->before_as_of ? command->before_as_of
                                           : atlas_dataset_get_as_of (self->dataset);
  const char *latest = base;

  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, i);
      const char *date = atlas_history_entry_get_date (entry);

      if (g_strcmp0 (date, latest) > 0)
        latest = date;
    }

  if (latest == base)
    {
      /* Back where it was (a coalesced edit undone by typing). */
      if (command->before_as_of != NULL)
        atlas_set_str (&command->after_as_of, command->before_as_of);
      return;
    }

  if (command->before_as_of == NULL)
    command->before_as_of = g_strdup (base);
  atlas_set_str (&command->after_as_of, latest);
}

/* Applies @new_state (taken) to @partner as one command, or as part of the
 * one on top when @coalesce_key allows. */
static void
edit (AtlasUndoStack *self,
      AtlasPartner   *partner,
      AtlasPartner   *new_state,
      const char     *description,
      const char     *coalesce_key)
{
  Command *command;

  command = coalescing_command (self, COMMAND_EDIT, partner, coalesce_key);
  if (command != NULL)
    {
      g_set_object (&command->after, new_state);
      g_object_unref (new_state);
      track_as_of (self, command);
      partner_assign (partner, command->after);
      if (command->after_as_of != NULL)
        atlas_dataset_set_as_of (self->dataset, command->after_as_of);

      /* Typed and then deleted: nothing is left to undo. */
      if (atlas_partner_equal (command->before, command->after))
        command_free (g_queue_pop_head (&self->undo));

      update_state (self);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

  if (atlas_partner_equal (partner, new_state))
    {
      g_object_unref (new_state);
      return;
    }

  command = g_new0 (Command, 1);
  command->kind = COMMAND_EDIT;
  command->partner = g_object_ref (partner);
  command->before = atlas_partner_copy (partner);
  command->after = new_state;
  command->coalesce_key = g_strdup (coalesce_key);
  command->description = g_strdup (description);

  track_as_of (self, command);
  partner_assign (partner, command->after);
  if (command->after_as_of != NULL)
    atlas_dataset_set_as_of (self->dataset, command->after_as_of);
  push_command (self, command);
}

/* The last entry of @field in @state's history in chain order (date, then
 * file order), or -1. */
static int
chain_last (AtlasPartner *state,
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
static gboolean
check_chain_date (AtlasPartner  *state,
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
static void
insert_in_order (GListStore        *history,
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
static gboolean
record_history (AtlasUndoStack *self,
                AtlasPartner   *partner,
                AtlasPartner   *state,
                const char     *field,
                const char     *old_value,
                const char     *new_value,
                GError        **error)
{
  GListStore *history = atlas_partner_get_history_store (state);
  const char *date = atlas_undo_stack_get_change_date (self);
  const char *source = self->change_source ? self->change_source : "";
  int last = chain_last (state, field);
  g_autoptr(AtlasHistoryEntry) last_entry = NULL;

  if (last >= 0)
    last_entry = g_list_model_get_item (G_LIST_MODEL (history), last);

  if (last_entry != NULL && history_entry_is_unsaved (self, partner, last, last_entry))
    {
      if (!check_chain_date (state, field, date, last, error))
        return FALSE;

      /* Changed back to where this session found it: no change to
       * record, and no reason to say the profile was updated, unless
       * someone set that date by hand. */
      if (g_strcmp0 (atlas_history_entry_get_old_value (last_entry), new_value) == 0)
        {
          SavedPartner *saved = g_hash_table_lookup (self->saved_history, partner);

          g_list_store_remove (history, last);
          if (saved != NULL &&
              g_strcmp0 (atlas_partner_get_updated (state), date) == 0 &&
              !has_unsaved_history (self, partner, state))
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
          insert_in_order (history, last_entry);
        }
      atlas_partner_set_updated (state, date);
      return TRUE;
    }

  if (!check_chain_date (state, field, date, -1, error))
    return FALSE;

  {
    g_autoptr(AtlasHistoryEntry) entry = NULL;

    entry = atlas_history_entry_new (date, field, old_value, new_value, source);
    insert_in_order (history, entry);
  }
  if (g_strcmp0 (date, atlas_partner_get_updated (state)) > 0)
    atlas_partner_set_updated (state, date);

  return TRUE;
}

static const char *
today (AtlasUndoStack *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_free (self->today);
  self->today = g_date_time_format (now, "%Y-%m-%d");

  return self->today;
}

static void
atlas_undo_stack_dispose (GObject *object)
{
  AtlasUndoStack *self = ATLAS_UNDO_STACK (object);

  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_hash_table_remove_all (self->saved_history);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (atlas_undo_stack_parent_class)->dispose (object);
}

static void
atlas_undo_stack_finalize (GObject *object)
{
  AtlasUndoStack *self = ATLAS_UNDO_STACK (object);

  g_hash_table_unref (self->saved_history);
  g_free (self->change_source);
  g_free (self->change_date);
  g_free (self->today);
  g_free (self->undo_label);
  g_free (self->redo_label);

  G_OBJECT_CLASS (atlas_undo_stack_parent_class)->finalize (object);
}

static void
atlas_undo_stack_constructed (GObject *object)
{
  AtlasUndoStack *self = ATLAS_UNDO_STACK (object);

  G_OBJECT_CLASS (atlas_undo_stack_parent_class)->constructed (object);

  g_assert (self->dataset != NULL);
  record_saved_history (self);
}

static void
atlas_undo_stack_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasUndoStack *self = ATLAS_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, atlas_undo_stack_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, atlas_undo_stack_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, atlas_undo_stack_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, atlas_undo_stack_get_redo_label (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, atlas_undo_stack_get_modified (self));
      break;
    case PROP_CHANGE_SOURCE:
      g_value_set_string (value, atlas_undo_stack_get_change_source (self));
      break;
    case PROP_CHANGE_DATE:
      g_value_set_string (value, atlas_undo_stack_get_change_date (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_undo_stack_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtlasUndoStack *self = ATLAS_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;
    case PROP_CHANGE_SOURCE:
      atlas_undo_stack_set_change_source (self, g_value_get_string (value));
      break;
    case PROP_CHANGE_DATE:
      atlas_undo_stack_set_change_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_undo_stack_class_init (AtlasUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = atlas_undo_stack_constructed;
  object_class->dispose = atlas_undo_stack_dispose;
  object_class->finalize = atlas_undo_stack_finalize;
  object_class->get_property = atlas_undo_stack_get_property;
  object_class->set_property = atlas_undo_stack_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         ATLAS_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANGE_SOURCE] =
    g_param_spec_string ("change-source", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANGE_DATE] =
    g_param_spec_string ("change-date", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
atlas_undo_stack_init (AtlasUndoStack *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->next_serial = BASE_SERIAL;
  self->saved_serial = BASE_SERIAL;
  self->saved_history = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                               (GDestroyNotify) saved_partner_free);
}

AtlasUndoStack *
atlas_undo_stack_new (AtlasDataset *dataset)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  return g_object_new (ATLAS_TYPE_UNDO_STACK,
                       "dataset", dataset,
                       NULL);
}

AtlasDataset *
atlas_undo_stack_get_dataset (AtlasUndoStack *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), NULL);

  return self->dataset;
}

gboolean
atlas_undo_stack_get_can_undo (AtlasUndoStack *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);

  return !g_queue_is_empty (&self->undo);
}

gboolean
atlas_undo_stack_get_can_redo (AtlasUndoStack *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);

  return !g_queue_is_empty (&self->redo);
}

const char *
atlas_undo_stack_get_undo_label (AtlasUndoStack *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), NULL);

  return self->undo_label;
}

const char *
atlas_undo_stack_get_redo_label (AtlasUndoStack *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), NULL);

  return self->redo_label;
}

gboolean
atlas_undo_stack_get_modified (AtlasUndoStack *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);

  return current_serial (self) != self->saved_serial;
}

void
atlas_undo_stack_mark_saved (AtlasUndoStack *self)
{
  g_return_if_fail (ATLAS_IS_UNDO_STACK (self));

  atlas_undo_stack_mark_saved_at (self, atlas_undo_stack_save_mark (self));
}

guint64
atlas_undo_stack_save_mark (AtlasUndoStack *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), BASE_SERIAL);

  self->can_coalesce = FALSE;

  return current_serial (self);
}

void
atlas_undo_stack_mark_saved_at (AtlasUndoStack *self,
                                guint64         mark)
{
  g_return_if_fail (ATLAS_IS_UNDO_STACK (self));

  /* A mark whose command has since been dropped (undone, then replaced by
   * a new edit) is out of reach, as the state it stands for: modified
   * until the next save, which is the truth. */
  self->saved_serial = mark;
  if (mark == current_serial (self))
    self->can_coalesce = FALSE;
  record_saved_history (self);
  update_state (self);
}

void
atlas_undo_stack_mark_unsaved (AtlasUndoStack *self)
{
  g_return_if_fail (ATLAS_IS_UNDO_STACK (self));

  self->saved_serial = NEVER_SAVED;
  update_state (self);
}

gboolean
atlas_undo_stack_undo (AtlasUndoStack *self)
{
  Command *command;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);

  command = g_queue_pop_head (&self->undo);
  if (command == NULL)
    return FALSE;

  command_apply (self, command, FALSE);
  g_queue_push_head (&self->redo, command);
  self->can_coalesce = FALSE;

  update_state (self);
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

gboolean
atlas_undo_stack_redo (AtlasUndoStack *self)
{
  Command *command;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);

  command = g_queue_pop_head (&self->redo);
  if (command == NULL)
    return FALSE;

  command_apply (self, command, TRUE);
  g_queue_push_head (&self->undo, command);
  self->can_coalesce = FALSE;

  update_state (self);
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

void
atlas_undo_stack_clear (AtlasUndoStack *self)
{
  gboolean modified;

  g_return_if_fail (ATLAS_IS_UNDO_STACK (self));

  modified = atlas_undo_stack_get_modified (self);
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  self->saved_serial = modified ? NEVER_SAVED : BASE_SERIAL;
  self->can_coalesce = FALSE;

  update_state (self);
}

void
atlas_undo_stack_set_change_source (AtlasUndoStack *self,
                                    const char     *source)
{
  g_return_if_fail (ATLAS_IS_UNDO_STACK (self));

  if (source != NULL && source[0] == '\0')
    source = NULL;

  if (atlas_set_str (&self->change_source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGE_SOURCE]);
}

gboolean
atlas_undo_stack_fill_missing_sources (AtlasUndoStack *self,
                                       AtlasPartner   *partner)
{
  AtlasPartner *state;
  GListModel *history;
  gboolean filled = FALSE;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), FALSE);

  if (self->change_source == NULL)
    return FALSE;

  state = atlas_partner_copy (partner);
  history = atlas_partner_get_history (state);
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, i);
      const char *source = atlas_history_entry_get_source (entry);

      if ((source == NULL || source[0] == '\0') && history_entry_is_unsaved (self, partner, i, entry))
        {
          atlas_history_entry_set_source (entry, self->change_source);
          filled = TRUE;
        }
    }
  if (!filled)
    {
      g_object_unref (state);
      return FALSE;
    }

  atlas_undo_stack_break_coalescing (self);
  /* Translators: follows "Undo " in a menu */
  edit (self, partner, state, _("Addition of a Source"), NULL);
  return TRUE;
}

const char *
atlas_undo_stack_get_change_source (AtlasUndoStack *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), NULL);

  return self->change_source;
}

void
atlas_undo_stack_set_change_date (AtlasUndoStack *self,
                                  const char     *date)
{
  g_return_if_fail (ATLAS_IS_UNDO_STACK (self));

  if (date != NULL && date[0] == '\0')
    date = NULL;

  if (atlas_set_str (&self->change_date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGE_DATE]);
}

const char *
atlas_undo_stack_get_change_date (AtlasUndoStack *self)
{
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), NULL);

  if (self->change_date != NULL)
    return self->change_date;

  return today (self);
}

void
atlas_undo_stack_set_indicator (AtlasUndoStack *self,
                                AtlasPartner   *partner,
                                const char     *lens_id,
                                const char     *category_id)
{
  const char *old_value;
  g_autofree char *field = NULL;
  g_autofree char *description = NULL;
  AtlasPartner *state;
  AtlasLens *lens;

  g_return_if_fail (ATLAS_IS_UNDO_STACK (self));
  g_return_if_fail (ATLAS_IS_PARTNER (partner));
  g_return_if_fail (lens_id != NULL);

  old_value = atlas_partner_get_indicator (partner, lens_id);
  if (g_strcmp0 (old_value, category_id) == 0)
    return;

  field = g_strconcat ("indicators.", lens_id, NULL);
  state = atlas_partner_copy (partner);
  atlas_partner_set_indicator (state, lens_id, category_id);
  if (!record_history (self, partner, state, field, old_value, category_id, NULL))
    {
      /* atlas_undo_stack_check_change () tells the user why. */
      g_object_unref (state);
      return;
    }

  lens = atlas_dataset_find_lens (self->dataset, lens_id);
  /* Translators: %s is the name of a lens, e.g. "Cooperation depth"; it
   * follows "Undo " in a menu */
  description = g_strdup_printf (_("Change of %s"), lens ? atlas_lens_get_name (lens) : lens_id);

  atlas_undo_stack_break_coalescing (self);
  edit (self, partner, state, description, NULL);
}

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

  last = chain_last (partner, field);
  if (last >= 0)
    last_entry = g_list_model_get_item (atlas_partner_get_history (partner), last);

  return check_chain_date (partner, field, atlas_undo_stack_get_change_date (self),
                           last_entry != NULL &&
                           history_entry_is_unsaved (self, partner, last, last_entry) ? last : -1,
                           error);
}

void
atlas_undo_stack_set_assessment (AtlasUndoStack *self,
                                 AtlasPartner   *partner,
                                 const char     *assessment)
{
  const char *old_value;
  AtlasPartner *state;

  g_return_if_fail (ATLAS_IS_UNDO_STACK (self));
  g_return_if_fail (ATLAS_IS_PARTNER (partner));

  if (assessment == NULL)
    assessment = "";

  old_value = atlas_partner_get_assessment (partner);
  if (g_strcmp0 (old_value, assessment) == 0)
    return;

  state = atlas_partner_copy (partner);
  atlas_partner_set_assessment (state, assessment);

  /* While typing, the history entry keeps the value from before the first
   * keystroke as "old": record_history updates the unsaved entry. */
  if (!record_history (self, partner, state, "assessment", old_value, assessment, NULL))
    {
      g_object_unref (state);
      return;
    }

  /* Translators: follows "Undo " in a menu */
  edit (self, partner, state, _("Assessment Edit"), "assessment");
}

void
atlas_undo_stack_edit_partner (AtlasUndoStack *self,
                               AtlasPartner   *partner,
                               AtlasPartner   *new_state,
                               const char     *label,
                               const char     *coalesce_key)
{
  g_return_if_fail (ATLAS_IS_UNDO_STACK (self));
  g_return_if_fail (ATLAS_IS_PARTNER (partner));
  g_return_if_fail (ATLAS_IS_PARTNER (new_state));
  g_return_if_fail (partner != new_state);

  if (coalesce_key == NULL)
    atlas_undo_stack_break_coalescing (self);

  /* A copy: the caller may keep editing its own for the next step. */
  edit (self, partner, atlas_partner_copy (new_state),
        label ? label : _("Profile Edit"), coalesce_key);
}

void
atlas_undo_stack_add_partner (AtlasUndoStack *self,
                              AtlasPartner   *partner,
                              guint           position)
{
  Command *command;
  guint n;

  g_return_if_fail (ATLAS_IS_UNDO_STACK (self));
  g_return_if_fail (ATLAS_IS_PARTNER (partner));

  n = atlas_dataset_get_n_partners (self->dataset);
  command = g_new0 (Command, 1);
  command->kind = COMMAND_ADD;
  command->partner = g_object_ref (partner);
  command->position = MIN (position, n);
  /* Translators: %s is a country name; follows "Undo " in a menu */
  command->description = g_strdup_printf (_("Addition of %s"),
                                          atlas_partner_get_display_name (partner));

  /* So that the dataset as of an earlier date does not list it. */
  if (chain_last (partner, ATLAS_TIMELINE_FIELD_PARTNER) < 0)
    {
      const char *date = atlas_undo_stack_get_change_date (self);
      g_autoptr(AtlasHistoryEntry) entry =
        atlas_history_entry_new (date, ATLAS_TIMELINE_FIELD_PARTNER, NULL, ATLAS_TIMELINE_LISTED,
                                 self->change_source ? self->change_source : "");

      insert_in_order (atlas_partner_get_history_store (partner), entry);
    }
  if (g_strcmp0 (atlas_undo_stack_get_change_date (self),
                 atlas_dataset_get_as_of (self->dataset)) > 0)
    {
      command->before_as_of = g_strdup (atlas_dataset_get_as_of (self->dataset));
      command->after_as_of = g_strdup (atlas_undo_stack_get_change_date (self));
    }

  command_apply (self, command, TRUE);
  push_command (self, command);
}

void
atlas_undo_stack_remove_partner (AtlasUndoStack *self,
                                 AtlasPartner   *partner)
{
  Command *command;
  guint position;

  g_return_if_fail (ATLAS_IS_UNDO_STACK (self));
  g_return_if_fail (ATLAS_IS_PARTNER (partner));

  if (!g_list_store_find (G_LIST_STORE (atlas_dataset_get_all_partners (self->dataset)),
                          partner, &position))
    {
      g_critical ("%s: partner %s is not in the dataset", G_STRFUNC,
                  atlas_partner_get_id (partner));
      return;
    }

  command = g_new0 (Command, 1);
  command->kind = COMMAND_REMOVE;
  command->partner = g_object_ref (partner);
  /* Translators: %s is a country name; follows "Undo " in a menu */
  command->description = g_strdup_printf (_("Removal of %s"),
                                          atlas_partner_get_display_name (partner));

  command_apply (self, command, TRUE);
  push_command (self, command);
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

  return check_chain_date (partner, ATLAS_TIMELINE_FIELD_PARTNER, date, -1, error);
}

gboolean
atlas_undo_stack_set_listed (AtlasUndoStack  *self,
                             AtlasPartner    *partner,
                             gboolean         listed,
                             const char      *date,
                             const char      *source,
                             GError         **error)
{
  g_autoptr(AtlasHistoryEntry) entry = NULL;
  g_autofree char *description = NULL;
  AtlasPartner *state;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_list_store_find (G_LIST_STORE (atlas_dataset_get_all_partners (self->dataset)),
                          partner, NULL))
    {
      g_critical ("%s: partner %s is not in the dataset", G_STRFUNC,
                  atlas_partner_get_id (partner));
      return FALSE;
    }
  if (atlas_partner_is_listed (partner) == listed)
    return TRUE;

  if (date == NULL)
    date = atlas_undo_stack_get_change_date (self);
  if (source == NULL)
    source = self->change_source ? self->change_source : "";
  if (!check_chain_date (partner, ATLAS_TIMELINE_FIELD_PARTNER, date, -1, error))
    return FALSE;

  /* Always an entry of its own, even after an addition made in this
   * session: the chain says it was listed, then not. */
  state = atlas_partner_copy (partner);
  entry = atlas_history_entry_new (date, ATLAS_TIMELINE_FIELD_PARTNER,
                                   listed ? NULL : ATLAS_TIMELINE_LISTED,
                                   listed ? ATLAS_TIMELINE_LISTED : NULL,
                                   source);
  insert_in_order (atlas_partner_get_history_store (state), entry);
  if (g_strcmp0 (date, atlas_partner_get_updated (state)) > 0)
    atlas_partner_set_updated (state, date);

  if (listed)
    /* Translators: %s is a country name; follows "Undo " in a menu. The
     * partner had been removed from the atlas and is listed again. */
    description = g_strdup_printf (_("Return of %s"), atlas_partner_get_display_name (partner));
  else
    /* Translators: %s is a country name; follows "Undo " in a menu */
    description = g_strdup_printf (_("Removal of %s"), atlas_partner_get_display_name (partner));

  atlas_undo_stack_break_coalescing (self);
  edit (self, partner, state, description, NULL);

  return TRUE;
}

void
atlas_undo_stack_break_coalescing (AtlasUndoStack *self)
{
  g_return_if_fail (ATLAS_IS_UNDO_STACK (self));

  self->can_coalesce = FALSE;
}

/* Ends a command that merged a new step into the one on top: gone if it
 * came back to where it started (typed, then deleted). */
static void
finish_coalesced (AtlasUndoStack *self,
                  Command        *command,
                  gboolean        back_to_start)
{
  command_apply (self, command, TRUE);
  if (back_to_start)
    command_free (g_queue_pop_head (&self->undo));

  update_state (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
atlas_undo_stack_edit_dataset_info (AtlasUndoStack  *self,
                                    const char      *title,
                                    const char      *as_of,
                                    const char      *label,
                                    const char      *coalesce_key,
                                    GError         **error)
{
  Command *command;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (title == NULL)
    title = atlas_dataset_get_title (self->dataset);
  if (as_of == NULL)
    as_of = atlas_dataset_get_as_of (self->dataset);

  if (!atlas_format_is_date (as_of))
    {
      g_autofree char *problem = atlas_format_check_date (as_of);

      g_set_error_literal (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID, problem);
      return FALSE;
    }

  if (coalesce_key == NULL)
    atlas_undo_stack_break_coalescing (self);

  command = coalescing_command (self, COMMAND_INFO, NULL, coalesce_key);
  if (command != NULL)
    {
      atlas_set_str (&command->after_title, title);
      atlas_set_str (&command->after_as_of, as_of);
      finish_coalesced (self, command,
                        g_strcmp0 (command->before_title, command->after_title) == 0 &&
                        g_strcmp0 (command->before_as_of, command->after_as_of) == 0);
      return TRUE;
    }

  if (g_strcmp0 (title, atlas_dataset_get_title (self->dataset)) == 0 &&
      g_strcmp0 (as_of, atlas_dataset_get_as_of (self->dataset)) == 0)
    return TRUE;

  command = g_new0 (Command, 1);
  command->kind = COMMAND_INFO;
  command->before_title = g_strdup (atlas_dataset_get_title (self->dataset));
  command->before_as_of = g_strdup (atlas_dataset_get_as_of (self->dataset));
  command->after_title = g_strdup (title);
  command->after_as_of = g_strdup (as_of);
  command->coalesce_key = g_strdup (coalesce_key);
  /* Translators: follows "Undo " in a menu */
  command->description = g_strdup (label ? label : _("Dataset Edit"));

  command_apply (self, command, TRUE);
  push_command (self, command);

  return TRUE;
}

/* The display names of @partners, for a sentence: "Brazil, Japan". */
static char *
join_partner_names (GPtrArray *partners)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < partners->len; i++)
    {
      if (i > 0)
        /* Translators: between the names of partners in a list */
        g_string_append (names, _(", "));
      g_string_append (names, atlas_partner_get_display_name (g_ptr_array_index (partners, i)));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Whether @sources is a list the file format takes, and one that keeps
 * every source a partner cites. */
static gboolean
check_sources (AtlasUndoStack  *self,
               GListModel      *sources,
               GError         **error)
{
  GListModel *current = atlas_dataset_get_sources (self->dataset);
  guint n = g_list_model_get_n_items (sources);
  guint n_current = g_list_model_get_n_items (current);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (sources, i);
      const char *id, *url;
      int year;

      g_return_val_if_fail (ATLAS_IS_SOURCE (source), FALSE);

      id = atlas_source_get_id (source);
      url = atlas_source_get_url (source);
      year = atlas_source_get_year (source);
      if (!atlas_format_is_id (id, ATLAS_FORMAT_SOURCE_ID_SEPARATOR))
        {
          g_set_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID,
                       _("\"%s\" is not a source id (lower-case letters, digits and hyphens)"), id);
          return FALSE;
        }
      if (!g_hash_table_add (ids, (gpointer) id))
        {
          g_set_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID,
                       _("Two sources have the id \"%s\""), id);
          return FALSE;
        }
      if (url != NULL && !atlas_format_is_web_link (url))
        {
          g_autofree char *problem = atlas_format_check_web_link (url);

          g_set_error_literal (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID, problem);
          return FALSE;
        }
      if (!atlas_format_is_year (year))
        {
          g_set_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID,
                       _("The year of \"%s\" is not between %d and %d"), id,
                       ATLAS_FORMAT_YEAR_MIN, ATLAS_FORMAT_YEAR_MAX);
          return FALSE;
        }
    }

  for (guint i = 0; i < n_current; i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (current, i);
      const char *id = atlas_source_get_id (source);
      g_autoptr(GPtrArray) citing = NULL;
      g_autofree char *names = NULL;

      if (g_hash_table_contains (ids, id))
        continue;

      citing = atlas_undo_stack_dup_citing_partners (self, id);
      if (citing->len == 0)
        continue;

      names = join_partner_names (citing);
      g_set_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_CITED,
                   /* Translators: the first %s is a work cited, the second
                    * the partners citing it, "Brazil, Japan" */
                   _("\"%s\" is cited by %s"),
                   atlas_source_get_title (source)[0] != '\0' ? atlas_source_get_title (source) : id,
                   names);
      return FALSE;
    }

  return TRUE;
}

static GListStore *
copy_sources (GListModel *sources)
{
  GListStore *copy = g_list_store_new (ATLAS_TYPE_SOURCE);

  atlas_list_store_copy_items (copy, sources, (gpointer (*) (gpointer)) atlas_source_copy);

  return copy;
}

gboolean
atlas_undo_stack_edit_sources (AtlasUndoStack  *self,
                               GListModel      *new_sources,
                               const char      *label,
                               const char      *coalesce_key,
                               GError         **error)
{
  GListModel *current;
  Command *command;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (new_sources), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_sources (self, new_sources, error))
    return FALSE;

  if (coalesce_key == NULL)
    atlas_undo_stack_break_coalescing (self);

  current = atlas_dataset_get_sources (self->dataset);
  command = coalescing_command (self, COMMAND_SOURCES, NULL, coalesce_key);
  if (command != NULL)
    {
      g_clear_object (&command->after_sources);
      command->after_sources = copy_sources (new_sources);
      finish_coalesced (self, command,
                        atlas_list_model_equal (G_LIST_MODEL (command->before_sources),
                                                G_LIST_MODEL (command->after_sources),
                                                (GEqualFunc) atlas_source_equal));
      return TRUE;
    }

  if (atlas_list_model_equal (current, new_sources, (GEqualFunc) atlas_source_equal))
    return TRUE;

  command = g_new0 (Command, 1);
  command->kind = COMMAND_SOURCES;
  command->before_sources = copy_sources (current);
  command->after_sources = copy_sources (new_sources);
  command->coalesce_key = g_strdup (coalesce_key);
  /* Translators: follows "Undo " in a menu */
  command->description = g_strdup (label ? label : _("Sources Edit"));

  command_apply (self, command, TRUE);
  push_command (self, command);

  return TRUE;
}

gboolean
atlas_undo_stack_replace_dataset (AtlasUndoStack *self,
                                  AtlasDataset   *new_state,
                                  const char     *label)
{
  Command *command;
  DatasetState *after;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_DATASET (new_state), FALSE);
  g_return_val_if_fail (new_state != self->dataset, FALSE);

  atlas_undo_stack_break_coalescing (self);
  after = dataset_state_new (self->dataset, new_state);
  if (dataset_state_is_current (self->dataset, after))
    {
      dataset_state_free (after);
      return FALSE;
    }

  command = g_new0 (Command, 1);
  command->kind = COMMAND_DATASET;
  command->before_state = dataset_state_new (self->dataset, self->dataset);
  command->after_state = after;
  /* Translators: follows "Undo " in a menu */
  command->description = g_strdup (label ? label : _("Dataset Edit"));

  command_apply (self, command, TRUE);
  push_command (self, command);

  return TRUE;
}

GPtrArray *
atlas_undo_stack_dup_citing_partners (AtlasUndoStack *self,
                                      const char     *source_id)
{
  GListModel *partners;
  GPtrArray *citing;
  guint n;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), NULL);
  g_return_val_if_fail (source_id != NULL, NULL);

  citing = g_ptr_array_new_with_free_func (g_object_unref);
  /* A removed partner's profile is still saved, and may cite the source. */
  partners = atlas_dataset_get_all_partners (self->dataset);
  n = g_list_model_get_n_items (partners);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);
      GListModel *refs = atlas_partner_get_sources (partner);
      guint n_refs = g_list_model_get_n_items (refs);

      for (guint j = 0; j < n_refs; j++)
        {
          g_autoptr(AtlasSourceRef) ref = g_list_model_get_item (refs, j);

          if (g_strcmp0 (atlas_source_ref_get_id (ref), source_id) == 0)
            {
              g_ptr_array_add (citing, g_object_ref (partner));
              break;
            }
        }
    }

  return citing;
}

static gboolean
source_id_taken (AtlasUndoStack *self,
                 const char     *id,
                 const char     *except_id)
{
  if (except_id != NULL && g_str_equal (id, except_id))
    return FALSE;

  return atlas_dataset_find_source (self->dataset, id) != NULL;
}

char *
atlas_undo_stack_make_source_id (AtlasUndoStack *self,
                                 const char     *author,
                                 int             year,
                                 const char     *except_id)
{
  g_autofree char *ascii = NULL;
  g_autoptr(GString) base = g_string_new (NULL);
  char *id;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), NULL);

  /* "Česká republika" gives "ceska-republika", not "esk-republika". */
  ascii = g_str_to_ascii (author ? author : "", "C");
  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, g_ascii_tolower (*p));
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }
  if (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_append (base, "source");
  if (year > 0)
    g_string_append_printf (base, "-%d", year);

  id = g_strdup (base->str);
  for (guint i = 2; source_id_taken (self, id, except_id); i++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base->str, i);
    }

  return id;
}
