/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A document: a dataset, where it lives, its undo stack; saving it safely,
 * keeping drafts of unsaved edits (atlas-dataset-file-drafts.c), and
 * noticing outside changes. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-dataset-file-private.h"
#include "atlas-dataset-io.h"
#include "atlas-safe-write-private.h"

#define DEFAULT_DRAFT_DELAY_MS 2000
/* The invalid dataset error names this many problems; the rest are counted. */
#define MAX_PROBLEMS_IN_ERROR 5

typedef struct
{
  GFile   *file;
  GBytes  *bytes;
  char    *etag;
  char    *new_etag;
  guint64  mark;
  AtlasSafeWriteResult result;
} SaveData;

typedef struct
{
  GFile      *file;
  AtlasDraft *draft; /* when restoring one */
} LoadData;

/* What the file monitor's check found (query_disk_thread ()). */
typedef struct
{
  char     *etag;      /* in: ours; out: the file's now, when it changed */
  char     *reported;  /* in: the outside change last reported */
  gboolean  unchanged; /* ours, or the one reported already */
  gboolean  deleted;
  gboolean  failed;
} DiskState;

static void
disk_state_free (DiskState *state)
{
  g_free (state->etag);
  g_free (state->reported);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DiskState, disk_state_free)

G_DEFINE_FINAL_TYPE (AtlasDatasetFile, atlas_dataset_file, G_TYPE_OBJECT)

G_DEFINE_QUARK (atlas-dataset-file-error-quark, atlas_dataset_file_error)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_UNDO_STACK,
  PROP_FILE,
  PROP_ETAG,
  PROP_READ_ONLY,
  PROP_MODIFIED,
  PROP_SAVING,
  N_PROPS
};

enum {
  CHANGED_ON_DISK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_monitor (AtlasDatasetFile *self);

void
atlas_dataset_file_set_write_hook (AtlasDatasetFileWriteHook hook,
                                   gpointer                  user_data)
{
  atlas_safe_write_set_hook (hook, user_data);
}

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->etag);
  g_free (data->new_etag);
  g_free (data);
}

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->draft, atlas_draft_free);
  g_free (data);
}

static void
undo_stack_notify_modified_cb (AtlasDatasetFile *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* The etag is the safe writer's (atlas-safe-write.h), not GIO's: GIO's is
 * the modification time only, which cp -p or touch -r keep. */
static void
query_disk_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  DiskState *state = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  g_autoptr(GError) error = NULL;

  if ((state->etag != NULL && atlas_safe_etag_matches (file, state->etag, &error)) ||
      (state->reported != NULL && atlas_safe_etag_matches (file, state->reported, NULL)))
    {
      state->unchanged = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_clear_pointer (&state->etag, g_free);
  g_clear_error (&error);
  state->etag = atlas_safe_query_etag (file, &error);
  if (state->etag == NULL)
    {
      state->deleted = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      state->failed = !state->deleted;
    }
  g_task_return_boolean (task, TRUE);
}

static void
query_disk_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AtlasDatasetFile *self = ATLAS_DATASET_FILE (object);
  GFile *file = g_object_get_data (G_OBJECT (result), "file");
  DiskState *state = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || state->failed ||
      self->file == NULL || !g_file_equal (file, self->file))
    return;

  if (self->saving)
    {
      self->recheck_after_save = TRUE;
      return;
    }

  if (state->deleted)
    {
      if (self->reported_deleted)
        return;
      self->reported_deleted = TRUE;
      g_clear_pointer (&self->reported_etag, g_free);
    }
  else
    {
      /* Our own save, or a touch that changed nothing we can see. */
      if (state->unchanged)
        {
          self->reported_deleted = FALSE;
          return;
        }
      self->reported_deleted = FALSE;
      g_free (self->reported_etag);
      self->reported_etag = g_strdup (state->etag);
    }

  g_signal_emit (self, signals[CHANGED_ON_DISK], 0, state->deleted);
}

static void
check_disk (AtlasDatasetFile *self)
{
  g_autoptr(GTask) task = NULL;
  DiskState *state;

  if (self->file == NULL)
    return;

  state = g_new0 (DiskState, 1);
  state->etag = g_strdup (self->etag);
  state->reported = g_strdup (self->reported_etag);
  task = g_task_new (self, self->monitor_cancellable, query_disk_cb, NULL);
  g_task_set_source_tag (task, check_disk);
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_task_data (task, state, (GDestroyNotify) disk_state_free);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (self->file), g_object_unref);
  g_task_run_in_thread (task, query_disk_thread);
}

static void
monitor_changed_cb (AtlasDatasetFile  *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      break;
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    default:
      /* A CHANGES_DONE_HINT follows a series of CHANGED. */
      return;
    }

  if (self->saving)
    self->recheck_after_save = TRUE;
  else
    check_disk (self);
}

static void
stop_monitor (AtlasDatasetFile *self)
{
  g_cancellable_cancel (self->monitor_cancellable);
  g_clear_object (&self->monitor_cancellable);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, monitor_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_pointer (&self->reported_etag, g_free);
  self->reported_deleted = FALSE;
}

static void
start_monitor (AtlasDatasetFile *self)
{
  g_autoptr(GError) error = NULL;

  stop_monitor (self);
  if (self->file == NULL)
    return;

  self->monitor_cancellable = g_cancellable_new ();
  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES,
                                       NULL, &error);
  if (self->monitor == NULL)
    {
      /* Not every file system can be watched; saving still checks the etag. */
      g_debug ("Not watching %s: %s", g_file_peek_path (self->file), error->message);
      return;
    }

  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
atlas_dataset_file_constructed (GObject *object)
{
  AtlasDatasetFile *self = ATLAS_DATASET_FILE (object);

  G_OBJECT_CLASS (atlas_dataset_file_parent_class)->constructed (object);

  g_assert (self->dataset != NULL);
  self->undo_stack = atlas_undo_stack_new (self->dataset);
  g_signal_connect_object (self->undo_stack, "changed",
                           G_CALLBACK (_atlas_dataset_file_edits_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "notify::modified",
                           G_CALLBACK (undo_stack_notify_modified_cb), self, G_CONNECT_SWAPPED);

  start_monitor (self);
}

static void
atlas_dataset_file_dispose (GObject *object)
{
  AtlasDatasetFile *self = ATLAS_DATASET_FILE (object);

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  stop_monitor (self);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->dataset);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (atlas_dataset_file_parent_class)->dispose (object);
}

static void
atlas_dataset_file_finalize (GObject *object)
{
  AtlasDatasetFile *self = ATLAS_DATASET_FILE (object);

  g_free (self->etag);
  g_free (self->origin_name);
  g_free (self->save_notice);

  G_OBJECT_CLASS (atlas_dataset_file_parent_class)->finalize (object);
}

static void
atlas_dataset_file_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AtlasDatasetFile *self = ATLAS_DATASET_FILE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo_stack);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, atlas_dataset_file_get_read_only (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, atlas_dataset_file_get_modified (self));
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_dataset_file_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AtlasDatasetFile *self = ATLAS_DATASET_FILE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    case PROP_ETAG:
      self->etag = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_dataset_file_class_init (AtlasDatasetFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = atlas_dataset_file_constructed;
  object_class->dispose = atlas_dataset_file_dispose;
  object_class->finalize = atlas_dataset_file_finalize;
  object_class->get_property = atlas_dataset_file_get_property;
  object_class->set_property = atlas_dataset_file_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         ATLAS_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL,
                         ATLAS_TYPE_UNDO_STACK,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_ETAG] =
    g_param_spec_string ("etag", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED_ON_DISK] =
    g_signal_new ("changed-on-disk",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
atlas_dataset_file_init (AtlasDatasetFile *self)
{
  self->draft_delay_ms = DEFAULT_DRAFT_DELAY_MS;
  g_queue_init (&self->draft_queue);
}

AtlasDatasetFile *
atlas_dataset_file_new (AtlasDataset *dataset,
                        GFile        *file,
                        const char   *etag)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  return g_object_new (ATLAS_TYPE_DATASET_FILE,
                       "dataset", dataset,
                       "file", file,
                       "etag", etag,
                       NULL);
}

AtlasDatasetFile *
atlas_dataset_file_new_bundled (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  AtlasDatasetFile *self = atlas_dataset_file_new (dataset, NULL, NULL);

  self->bundled = TRUE;

  return self;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *etag = NULL;
  GError *error = NULL;
  LoadData *data = g_task_get_task_data (task);
  AtlasDatasetFile *self;

  dataset = atlas_dataset_load_file_finish (result, &problems, &etag, &error);
  if (dataset == NULL)
    {
      if (problems != NULL)
        g_object_set_data_full (G_OBJECT (task), "problems", g_steal_pointer (&problems),
                                (GDestroyNotify) g_ptr_array_unref);
      g_task_return_error (task, error);
      return;
    }

  if (data->draft != NULL)
    {
      /* The draft's edits are unsaved edits of the original. */
      self = atlas_dataset_file_new (dataset, data->draft->original, data->draft->etag);
      atlas_undo_stack_mark_unsaved (self->undo_stack);
    }
  else
    self = atlas_dataset_file_new (dataset, data->file, etag);

  g_task_return_pointer (task, self, g_object_unref);
}

void
atlas_dataset_file_load_async (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  LoadData *data;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_dataset_file_load_async);
  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  atlas_dataset_load_file_async (file, cancellable, load_cb, task);
}

static AtlasDatasetFile *
load_finish (GAsyncResult  *result,
             GPtrArray    **problems,
             GError       **error)
{
  GPtrArray *found;

  if (problems != NULL)
    {
      found = g_object_get_data (G_OBJECT (result), "problems");
      *problems = found ? g_ptr_array_ref (found) : NULL;
    }

  return g_task_propagate_pointer (G_TASK (result), error);
}

AtlasDatasetFile *
atlas_dataset_file_load_finish (GAsyncResult  *result,
                                GPtrArray    **problems,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == atlas_dataset_file_load_async,
                        NULL);

  return load_finish (result, problems, error);
}

AtlasDataset *
atlas_dataset_file_get_dataset (AtlasDatasetFile *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET_FILE (self), NULL);

  return self->dataset;
}

AtlasUndoStack *
atlas_dataset_file_get_undo_stack (AtlasDatasetFile *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET_FILE (self), NULL);

  return self->undo_stack;
}

GFile *
atlas_dataset_file_get_file (AtlasDatasetFile *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET_FILE (self), NULL);

  return self->file;
}

const char *
atlas_dataset_file_get_etag (AtlasDatasetFile *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET_FILE (self), NULL);

  return self->etag;
}

gboolean
atlas_dataset_file_get_read_only (AtlasDatasetFile *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET_FILE (self), TRUE);

  return self->file == NULL;
}

gboolean
atlas_dataset_file_get_modified (AtlasDatasetFile *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET_FILE (self), FALSE);

  return atlas_undo_stack_get_modified (self->undo_stack);
}

gboolean
atlas_dataset_file_get_saving (AtlasDatasetFile *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET_FILE (self), FALSE);

  return self->saving;
}

char *
atlas_dataset_file_dup_display_name (AtlasDatasetFile *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET_FILE (self), NULL);

  if (self->file != NULL)
    return g_file_get_basename (self->file);
  if (self->bundled)
    return g_strdup (_("Bundled dataset"));
  if (self->origin_name != NULL)
    return g_strdup (self->origin_name);
  return g_strdup (_("Unsaved dataset"));
}

AtlasDatasetFile *
atlas_dataset_file_new_read_only (AtlasDataset *dataset,
                                  GFile        *origin)
{
  AtlasDatasetFile *self;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (G_IS_FILE (origin), NULL);

  self = atlas_dataset_file_new (dataset, NULL, NULL);
  self->origin_name = g_file_get_basename (origin);

  return self;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (!atlas_safe_write (data->file, data->bytes, ATLAS_SAFE_WRITE_BACKUP, data->etag,
                         &data->new_etag, &data->result, cancellable, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        {
          g_autofree char *name = g_file_get_parse_name (data->file);

          g_clear_error (&error);
          g_set_error (&error, ATLAS_DATASET_FILE_ERROR, ATLAS_DATASET_FILE_ERROR_CHANGED_ON_DISK,
                       /* Translators: %s is a file name */
                       _("“%s” was changed by someone else since it was opened"), name);
        }
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
set_saving (AtlasDatasetFile *self,
            gboolean          saving)
{
  if (self->saving == saving)
    return;

  self->saving = saving;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AtlasDatasetFile *self = ATLAS_DATASET_FILE (object);
  g_autoptr(GTask) task = user_data; /* the outer task */
  SaveData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  set_saving (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->recheck_after_save)
        {
          self->recheck_after_save = FALSE;
          check_disk (self);
        }
      g_task_return_error (task, error);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (self->file == NULL || !g_file_equal (self->file, data->file))
    {
      gboolean was_read_only = self->file == NULL;

      /* Saved elsewhere: the old draft is no longer this document's. */
      _atlas_dataset_file_queue_draft_op (self, DRAFT_DELETE, self->file, NULL, NULL, NULL);
      g_set_object (&self->file, data->file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      if (was_read_only)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
      start_monitor (self);
    }

  g_free (self->etag);
  self->etag = g_steal_pointer (&data->new_etag);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ETAG]);
  g_clear_pointer (&self->reported_etag, g_free);
  self->reported_deleted = FALSE;

  atlas_undo_stack_mark_saved_at (self->undo_stack, data->mark);

  g_clear_pointer (&self->save_notice, g_free);
  if (data->result & (ATLAS_SAFE_WRITE_BROKE_HARD_LINK | ATLAS_SAFE_WRITE_OWNER_NOT_KEPT))
    {
      g_autofree char *name = g_file_get_basename (data->file);
      g_autoptr(GString) notice = g_string_new (NULL);

      if (data->result & ATLAS_SAFE_WRITE_BROKE_HARD_LINK)
        g_string_append_printf (notice,
                                /* Translators: %s is a file name */
                                _("“%s” had other hard links: they still show the version before this save"),
                                name);
      if (data->result & ATLAS_SAFE_WRITE_OWNER_NOT_KEPT)
        {
          if (notice->len > 0)
            g_string_append_c (notice, '\n');
          g_string_append_printf (notice,
                                  /* Translators: %s is a file name. Saving replaced a file that
                                   * belonged to another user or group, and the system did not
                                   * let the app give it back to them. */
                                  _("“%s” now belongs to you: its owner or group could not be kept, "
                                    "only its permissions"),
                                  name);
        }
      self->save_notice = g_string_free (g_steal_pointer (&notice), FALSE);
    }

  /* Edits made while saving stay in the draft; otherwise it goes. */
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  _atlas_dataset_file_queue_draft_op (self, DRAFT_SYNC, self->file, NULL, NULL, NULL);

  g_object_thaw_notify (G_OBJECT (self));

  if (self->recheck_after_save)
    {
      self->recheck_after_save = FALSE;
      check_disk (self);
    }

  g_task_return_boolean (task, TRUE);
}

static char *
describe_problems (GPtrArray *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len && i < MAX_PROBLEMS_IN_ERROR; i++)
    {
      g_autofree char *line = atlas_problem_to_string (g_ptr_array_index (problems, i));

      g_string_append_printf (text, "\n%s", line);
    }
  if (problems->len > MAX_PROBLEMS_IN_ERROR)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              ngettext ("… and %u more problem",
                                        "… and %u more problems",
                                        problems->len - MAX_PROBLEMS_IN_ERROR),
                              problems->len - MAX_PROBLEMS_IN_ERROR);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
atlas_dataset_file_save_async (AtlasDatasetFile          *self,
                               GFile                     *file,
                               AtlasDatasetFileSaveFlags  flags,
                               GCancellable              *cancellable,
                               GAsyncReadyCallback        callback,
                               gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *name = NULL;
  SaveData *data;

  g_return_if_fail (ATLAS_IS_DATASET_FILE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_dataset_file_save_async);

  if (file == NULL)
    file = self->file;
  if (file == NULL)
    {
      g_task_return_new_error (task, ATLAS_DATASET_FILE_ERROR, ATLAS_DATASET_FILE_ERROR_NO_FILE,
                               _("The bundled dataset is read-only: save it under a new name"));
      return;
    }
  if (self->saving)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The dataset is being saved already"));
      return;
    }

  name = g_file_get_basename (file);
  problems = atlas_dataset_validate (self->dataset, name);
  if (problems->len > 0)
    {
      g_autofree char *details = describe_problems (problems);

      g_task_return_new_error (task, ATLAS_DATASET_FILE_ERROR, ATLAS_DATASET_FILE_ERROR_INVALID,
                               ngettext ("The dataset has %u problem and was not saved:%s",
                                         "The dataset has %u problems and was not saved:%s",
                                         problems->len),
                               problems->len, details);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (file);
  data->bytes = atlas_dataset_to_bytes (self->dataset);
  data->mark = atlas_undo_stack_save_mark (self->undo_stack);
  /* Only our own file's etag means anything; a file picked in Save As was
   * confirmed by the user. */
  if (self->file != NULL && g_file_equal (file, self->file) &&
      (flags & ATLAS_DATASET_FILE_SAVE_OVERWRITE) == 0)
    data->etag = g_strdup (self->etag);

  set_saving (self, TRUE);

  thread_task = g_task_new (self, cancellable, save_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (thread_task, save_thread);
  g_task_set_task_data (thread_task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (thread_task, save_thread);
}

gboolean
atlas_dataset_file_save_finish (AtlasDatasetFile  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (ATLAS_IS_DATASET_FILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
atlas_dataset_file_get_save_notice (AtlasDatasetFile *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET_FILE (self), NULL);

  return self->save_notice;
}

void
atlas_dataset_file_restore_draft_async (AtlasDraft          *draft,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;
  LoadData *data;

  g_return_if_fail (draft != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_dataset_file_restore_draft_async);
  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (draft->file);
  data->draft = _atlas_dataset_file_draft_copy (draft);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  atlas_dataset_load_file_async (draft->file, cancellable, load_cb, task);
}

AtlasDatasetFile *
atlas_dataset_file_restore_draft_finish (GAsyncResult  *result,
                                         GPtrArray    **problems,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        atlas_dataset_file_restore_draft_async, NULL);

  return load_finish (result, problems, error);
}
