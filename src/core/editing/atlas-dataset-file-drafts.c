/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A document's drafts: unsaved edits written, a little after each change,
 * beside the user's data (never over the file itself), one operation at a
 * time; found again after a crash, offered, restored or discarded. The
 * rest of AtlasDatasetFile is in atlas-dataset-file.c. */

#include "config.h"

#include "atlas-dataset-file-private.h"
#include "atlas-dataset-io.h"
#include "atlas-safe-write-private.h"

#define DRAFT_GROUP "Draft"
/* A draft's info is a few lines: anything larger is not one. */
#define MAX_DRAFT_INFO_SIZE (64 * 1024)

/* One operation on this document's draft; they run one at a time, in the
 * order asked, so that a delete is never overtaken by an older write. */
typedef struct
{
  DraftOp  op;
  GFile   *json;
  GFile   *info;
  /* Filled when the operation starts (DRAFT_SYNC): the state then. */
  GBytes  *bytes;
  GBytes  *info_bytes;
} DraftData;

void
atlas_draft_free (AtlasDraft *draft)
{
  if (draft == NULL)
    return;

  g_clear_object (&draft->file);
  g_clear_object (&draft->original);
  g_free (draft->etag);
  g_clear_pointer (&draft->time, g_date_time_unref);
  g_free (draft);
}

static void
draft_data_free (DraftData *data)
{
  g_clear_object (&data->json);
  g_clear_object (&data->info);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_pointer (&data->info_bytes, g_bytes_unref);
  g_free (data);
}

static GFile *
get_drafts_dir (void)
{
  return g_file_new_build_filename (g_get_user_state_dir (), "cyber-atlas", "drafts", NULL);
}

/* Drafts are named after the document's URI, so that reopening a file
 * finds its draft; "bundled" stands for the dataset with no file. */
static char *
draft_key (GFile *file)
{
  g_autofree char *uri = NULL;
  g_autofree char *checksum = NULL;

  if (file == NULL)
    return g_strdup ("bundled");

  uri = g_file_get_uri (file);
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);

  return g_strndup (checksum, 32);
}

static GFile *
draft_file (GFile      *file,
            const char *suffix)
{
  g_autoptr(GFile) dir = get_drafts_dir ();
  g_autofree char *key = draft_key (file);
  g_autofree char *name = g_strconcat (key, suffix, NULL);

  return g_file_get_child (dir, name);
}

static GBytes *
make_draft_info (AtlasDatasetFile *self)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);
  g_autofree char *uri = self->file ? g_file_get_uri (self->file) : g_strdup ("");
  char *data;
  gsize size;

  g_key_file_set_string (key_file, DRAFT_GROUP, "uri", uri);
  g_key_file_set_string (key_file, DRAFT_GROUP, "etag", self->etag ? self->etag : "");
  g_key_file_set_string (key_file, DRAFT_GROUP, "time", time);
  data = g_key_file_to_data (key_file, &size, NULL);

  return g_bytes_new_take (data, size);
}

static gboolean
delete_if_exists (GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_delete (file, cancellable, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
draft_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DraftData *data = task_data;
  GError *error = NULL;

  if (data->bytes == NULL)
    {
      /* The info goes first: without it a draft is not offered. */
      if (!delete_if_exists (data->info, cancellable, &error) ||
          !delete_if_exists (data->json, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  {
    g_autoptr(GFile) dir = g_file_get_parent (data->json);
    g_autoptr(GError) mkdir_error = NULL;

    if (!g_file_make_directory_with_parents (dir, cancellable, &mkdir_error) &&
        !g_error_matches (mkdir_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
      {
        g_task_return_error (task, g_steal_pointer (&mkdir_error));
        return;
      }
  }

  /* The dataset first, then the info that makes it a draft: a crash in
   * between leaves the previous draft's info pointing at newer edits. */
  if (!atlas_safe_write (data->json, data->bytes, ATLAS_SAFE_WRITE_PRIVATE, NULL, NULL, NULL,
                         cancellable, &error) ||
      !atlas_safe_write (data->info, data->info_bytes, ATLAS_SAFE_WRITE_PRIVATE, NULL, NULL, NULL,
                         cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void start_next_draft_op (AtlasDatasetFile *self);

static void
draft_op_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AtlasDatasetFile *self = ATLAS_DATASET_FILE (object);
  g_autoptr(GTask) task = user_data; /* the outer task */
  GError *error = NULL;

  g_assert (g_queue_peek_head (&self->draft_queue) == task);
  g_queue_pop_head (&self->draft_queue);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Not fatal: the edits are still in memory, and the next change
       * tries again. */
      g_message ("Could not update the draft of unsaved changes: %s", error->message);
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);

  start_next_draft_op (self);
}

static void
start_next_draft_op (AtlasDatasetFile *self)
{
  GTask *task = g_queue_peek_head (&self->draft_queue);
  g_autoptr(GTask) thread_task = NULL;
  DraftData *data;

  if (task == NULL)
    return;

  data = g_task_get_task_data (task);
  if (data->op == DRAFT_SYNC && atlas_undo_stack_get_modified (self->undo_stack))
    {
      data->bytes = atlas_dataset_to_bytes (self->dataset);
      data->info_bytes = make_draft_info (self);
    }

  thread_task = g_task_new (self, g_task_get_cancellable (task), draft_op_done_cb,
                            g_object_ref (task));
  g_task_set_source_tag (thread_task, start_next_draft_op);
  g_task_set_task_data (thread_task, data, NULL);
  g_task_run_in_thread (thread_task, draft_thread);
}

void
_atlas_dataset_file_queue_draft_op (AtlasDatasetFile    *self,
                                    DraftOp              op,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  DraftData *data = g_new0 (DraftData, 1);

  data->op = op;
  data->json = draft_file (file, ".json");
  data->info = draft_file (file, ".info");
  g_task_set_source_tag (task, _atlas_dataset_file_queue_draft_op);
  g_task_set_task_data (task, data, (GDestroyNotify) draft_data_free);

  g_queue_push_tail (&self->draft_queue, task);
  if (self->draft_queue.length == 1)
    start_next_draft_op (self);
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  AtlasDatasetFile *self = user_data;

  self->draft_timeout_id = 0;
  _atlas_dataset_file_queue_draft_op (self, DRAFT_SYNC, self->file, NULL, NULL, NULL);

  return G_SOURCE_REMOVE;
}

void
_atlas_dataset_file_edits_changed (AtlasDatasetFile *self)
{
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_timeout_id = g_timeout_add (self->draft_delay_ms, draft_timeout_cb, self);
}

void
atlas_dataset_file_set_draft_delay (AtlasDatasetFile *self,
                                    guint             delay_ms)
{
  g_return_if_fail (ATLAS_IS_DATASET_FILE (self));

  self->draft_delay_ms = delay_ms;
}

GFile *
atlas_dataset_file_get_draft_file (AtlasDatasetFile *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET_FILE (self), NULL);

  return draft_file (self->file, ".json");
}

void
atlas_dataset_file_write_draft_async (AtlasDatasetFile    *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (ATLAS_IS_DATASET_FILE (self));

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  _atlas_dataset_file_queue_draft_op (self, DRAFT_SYNC, self->file, cancellable, callback, user_data);
}

gboolean
atlas_dataset_file_write_draft_finish (AtlasDatasetFile  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (ATLAS_IS_DATASET_FILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
atlas_dataset_file_discard_draft (AtlasDatasetFile *self)
{
  g_return_if_fail (ATLAS_IS_DATASET_FILE (self));

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  _atlas_dataset_file_queue_draft_op (self, DRAFT_DELETE, self->file, NULL, NULL, NULL);
}

static int
compare_drafts_newest_first (gconstpointer a,
                             gconstpointer b)
{
  const AtlasDraft *draft_a = *(AtlasDraft * const *) a;
  const AtlasDraft *draft_b = *(AtlasDraft * const *) b;

  return g_date_time_compare (draft_b->time, draft_a->time);
}

static AtlasDraft *
read_draft (GFile        *dir,
            const char   *info_name,
            GCancellable *cancellable)
{
  g_autoptr(GFile) info = g_file_get_child (dir, info_name);
  g_autofree char *key = g_strndup (info_name, strlen (info_name) - strlen (".info"));
  g_autofree char *json_name = g_strconcat (key, ".json", NULL);
  g_autoptr(GFile) json = g_file_get_child (dir, json_name);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *time = NULL;
  AtlasDraft *draft;

  contents = atlas_safe_read (info, MAX_DRAFT_INFO_SIZE, NULL, cancellable, NULL);
  if (contents == NULL ||
      !g_key_file_load_from_bytes (key_file, contents, G_KEY_FILE_NONE, NULL) ||
      !g_file_query_exists (json, cancellable))
    return NULL;

  uri = g_key_file_get_string (key_file, DRAFT_GROUP, "uri", NULL);
  time = g_key_file_get_string (key_file, DRAFT_GROUP, "time", NULL);
  if (uri == NULL || time == NULL)
    return NULL;

  draft = g_new0 (AtlasDraft, 1);
  draft->file = g_steal_pointer (&json);
  draft->original = uri[0] != '\0' ? g_file_new_for_uri (uri) : NULL;
  draft->etag = g_key_file_get_string (key_file, DRAFT_GROUP, "etag", NULL);
  if (draft->etag != NULL && draft->etag[0] == '\0')
    g_clear_pointer (&draft->etag, g_free);
  draft->time = g_date_time_new_from_iso8601 (time, NULL);
  if (draft->time == NULL)
    draft->time = g_date_time_new_from_unix_utc (0);

  return draft;
}

GPtrArray *
atlas_dataset_file_find_drafts (GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GFile) dir = get_drafts_dir ();
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_draft_free);
  g_autoptr(GError) local_error = NULL;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (enumerator == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_steal_pointer (&drafts);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (;;)
    {
      GFileInfo *info;
      const char *name;
      AtlasDraft *draft;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, error))
        return NULL;
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (!g_str_has_suffix (name, ".info"))
        continue;
      draft = read_draft (dir, name, cancellable);
      if (draft != NULL)
        g_ptr_array_add (drafts, draft);
    }

  g_ptr_array_sort (drafts, compare_drafts_newest_first);

  return g_steal_pointer (&drafts);
}

gboolean
atlas_draft_discard (AtlasDraft  *draft,
                     GError     **error)
{
  g_autoptr(GFile) dir = NULL;
  g_autofree char *json_name = NULL;
  g_autofree char *key = NULL;
  g_autofree char *info_name = NULL;
  g_autoptr(GFile) info = NULL;

  g_return_val_if_fail (draft != NULL, FALSE);

  dir = g_file_get_parent (draft->file);
  json_name = g_file_get_basename (draft->file);
  key = g_strndup (json_name, strlen (json_name) - strlen (".json"));
  info_name = g_strconcat (key, ".info", NULL);
  info = g_file_get_child (dir, info_name);

  return delete_if_exists (info, NULL, error) && delete_if_exists (draft->file, NULL, error);
}

AtlasDraft *
_atlas_dataset_file_draft_copy (AtlasDraft *draft)
{
  AtlasDraft *copy = g_new0 (AtlasDraft, 1);

  copy->file = g_object_ref (draft->file);
  copy->original = draft->original ? g_object_ref (draft->original) : NULL;
  copy->etag = g_strdup (draft->etag);
  copy->time = g_date_time_ref (draft->time);

  return copy;
}
