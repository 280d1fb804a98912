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
 * The dataset's title and date are two pairs of strings, its works cited two
 * lists of copies synced into its one GListStore (the source drop-downs'). Parts:
 * atlas-undo-state.c, -history.c, -sources.c (atlas-undo-stack-private.h). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core-private.h"
#include "atlas-dataset-private.h"
#include "atlas-format-rules.h"
#include "atlas-timeline.h"
#include "atlas-undo-stack.h"
#include "atlas-undo-stack-private.h"

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
  AtlasDatasetState *before_state;
  AtlasDatasetState *after_state;
  /* What it did, translated: "Change of Cooperation depth" */
  char         *description;
} Command;

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
command_free (Command *command)
{
  atlas_dataset_state_free (command->before_state);
  atlas_dataset_state_free (command->after_state);
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

static void
command_apply (AtlasUndoStack *self,
               Command        *command,
               gboolean        forward)
{
  switch (command->kind)
    {
    case COMMAND_EDIT:
      atlas_undo_partner_assign (command->partner, forward ? command->after : command->before);
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
      atlas_undo_sync_store (atlas_dataset_get_sources_store (self->dataset),
                  G_LIST_MODEL (forward ? command->after_sources : command->before_sources),
                  ATLAS_TYPE_SOURCE);
      break;

    case COMMAND_DATASET:
      atlas_dataset_state_apply (self->dataset, forward ? command->after_state : command->before_state);
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
      atlas_undo_partner_assign (partner, command->after);
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
  atlas_undo_partner_assign (partner, command->after);
  if (command->after_as_of != NULL)
    atlas_dataset_set_as_of (self->dataset, command->after_as_of);
  push_command (self, command);
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
  atlas_undo_saved_record (self->saved_history, self->dataset);
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
  self->saved_history = atlas_undo_saved_new ();
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
  atlas_undo_saved_record (self->saved_history, self->dataset);
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

      if ((source == NULL || source[0] == '\0') &&
          atlas_undo_saved_is_unsaved (self->saved_history, partner, i, entry))
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
  if (!atlas_undo_record_history (self->saved_history, partner, state, field, old_value, category_id,
                                  atlas_undo_stack_get_change_date (self), self->change_source, NULL))
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
   * keystroke as "old": atlas_undo_record_history () updates the unsaved entry. */
  if (!atlas_undo_record_history (self->saved_history, partner, state, "assessment", old_value, assessment,
                                  atlas_undo_stack_get_change_date (self), self->change_source, NULL))
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
  if (atlas_undo_chain_last (partner, ATLAS_TIMELINE_FIELD_PARTNER) < 0)
    {
      const char *date = atlas_undo_stack_get_change_date (self);
      g_autoptr(AtlasHistoryEntry) entry =
        atlas_history_entry_new (date, ATLAS_TIMELINE_FIELD_PARTNER, NULL, ATLAS_TIMELINE_LISTED,
                                 self->change_source ? self->change_source : "");

      atlas_undo_insert_in_order (atlas_partner_get_history_store (partner), entry);
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
  if (!atlas_undo_check_chain_date (partner, ATLAS_TIMELINE_FIELD_PARTNER, date, -1, error))
    return FALSE;

  /* Always an entry of its own, even after an addition made in this
   * session: the chain says it was listed, then not. */
  state = atlas_partner_copy (partner);
  entry = atlas_history_entry_new (date, ATLAS_TIMELINE_FIELD_PARTNER,
                                   listed ? NULL : ATLAS_TIMELINE_LISTED,
                                   listed ? ATLAS_TIMELINE_LISTED : NULL,
                                   source);
  atlas_undo_insert_in_order (atlas_partner_get_history_store (state), entry);
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

  if (!atlas_undo_stack_check_sources (self, new_sources, error))
    return FALSE;

  if (coalesce_key == NULL)
    atlas_undo_stack_break_coalescing (self);

  current = atlas_dataset_get_sources (self->dataset);
  command = coalescing_command (self, COMMAND_SOURCES, NULL, coalesce_key);
  if (command != NULL)
    {
      g_clear_object (&command->after_sources);
      command->after_sources = atlas_undo_copy_sources (new_sources);
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
  command->before_sources = atlas_undo_copy_sources (current);
  command->after_sources = atlas_undo_copy_sources (new_sources);
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
  AtlasDatasetState *after;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_DATASET (new_state), FALSE);
  g_return_val_if_fail (new_state != self->dataset, FALSE);

  atlas_undo_stack_break_coalescing (self);
  after = atlas_dataset_state_new (self->dataset, new_state);
  if (atlas_dataset_state_is_current (self->dataset, after))
    {
      atlas_dataset_state_free (after);
      return FALSE;
    }

  command = g_new0 (Command, 1);
  command->kind = COMMAND_DATASET;
  command->before_state = atlas_dataset_state_new (self->dataset, self->dataset);
  command->after_state = after;
  /* Translators: follows "Undo " in a menu */
  command->description = g_strdup (label ? label : _("Dataset Edit"));

  command_apply (self, command, TRUE);
  push_command (self, command);

  return TRUE;
}

