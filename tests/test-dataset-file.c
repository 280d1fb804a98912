/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Saving without losing work: atomic replace with a backup, the etag guard,
 * the ways a save fails (a vanished folder, a path through a file, a write
 * that fails midway, permission denied), drafts, and outside changes. */

/* symlink, link, utimensat, st_mtim: POSIX 2008, not plain C11. */
#define _GNU_SOURCE

#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <unistd.h>

#include "atlas-core.h"
#include "atlas-dataset-file-private.h"
#include "atlas-safe-write-private.h"
#include "atlas-test-util.h"

#define TIMEOUT_MS 5000

typedef struct
{
  char             *dir;
  GFile            *file;
  GBytes           *original;
  AtlasDatasetFile *doc;
  AtlasPartner     *brazil;
} Fixture;

/* main-loop helpers */

static gboolean
wait_for_file (GFile    *file,
               gboolean  exists)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (g_file_query_exists (file, NULL) != exists)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  return TRUE;
}

typedef struct
{
  gboolean          done;
  gboolean          ok;
  GError           *error;
  AtlasDatasetFile *doc;
} Result;

static void
result_clear (Result *result)
{
  g_clear_error (&result->error);
  g_clear_object (&result->doc);
  result->done = FALSE;
  result->ok = FALSE;
}

static void
save_cb (GObject      *object,
         GAsyncResult *async_result,
         gpointer      user_data)
{
  Result *result = user_data;

  result->ok = atlas_dataset_file_save_finish (ATLAS_DATASET_FILE (object), async_result,
                                               &result->error);
  result->done = TRUE;
}

static gboolean
save (AtlasDatasetFile          *doc,
      GFile                     *file,
      AtlasDatasetFileSaveFlags  flags,
      GError                   **error)
{
  Result result = { 0 };

  atlas_dataset_file_save_async (doc, file, flags, NULL, save_cb, &result);
  g_assert_true (atlas_test_wait_for_flag (&result.done, TIMEOUT_MS));
  if (result.error != NULL)
    g_propagate_error (error, g_steal_pointer (&result.error));

  return result.ok;
}

static void
load_cb (GObject      *object,
         GAsyncResult *async_result,
         gpointer      user_data)
{
  Result *result = user_data;

  result->doc = atlas_dataset_file_load_finish (async_result, NULL, &result->error);
  result->done = TRUE;
}

static AtlasDatasetFile *
load (GFile *file)
{
  Result result = { 0 };

  atlas_dataset_file_load_async (file, NULL, load_cb, &result);
  g_assert_true (atlas_test_wait_for_flag (&result.done, TIMEOUT_MS));
  g_assert_no_error (result.error);

  return result.doc;
}

static void
draft_cb (GObject      *object,
          GAsyncResult *async_result,
          gpointer      user_data)
{
  Result *result = user_data;

  result->ok = atlas_dataset_file_write_draft_finish (ATLAS_DATASET_FILE (object), async_result,
                                                      &result->error);
  result->done = TRUE;
}

static void
write_draft (AtlasDatasetFile *doc)
{
  Result result = { 0 };

  atlas_dataset_file_write_draft_async (doc, NULL, draft_cb, &result);
  g_assert_true (atlas_test_wait_for_flag (&result.done, TIMEOUT_MS));
  g_assert_no_error (result.error);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *async_result,
            gpointer      user_data)
{
  Result *result = user_data;

  result->doc = atlas_dataset_file_restore_draft_finish (async_result, NULL, &result->error);
  result->done = TRUE;
}

static GBytes *
read_bytes (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
assert_file_is (GFile  *file,
                GBytes *expected)
{
  g_autoptr(GBytes) bytes = read_bytes (file);

  g_assert_true (g_bytes_equal (bytes, expected));
}

static void
assert_dir_holds_only (const char *dir,
                       const char *name)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  g_assert_nonnull (handle);
  while ((entry = g_dir_read_name (handle)) != NULL)
    {
      g_assert_cmpstr (entry, ==, name);
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
}

/* fixture: the bundled dataset saved as dataset.json in a new folder, open */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AtlasDataset) bundled = atlas_dataset_new_bundled ();
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("atlas-file-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->file = g_file_new_build_filename (fixture->dir, "dataset.json", NULL);
  fixture->original = atlas_dataset_to_bytes (bundled);
  g_file_replace_contents (fixture->file, g_bytes_get_data (fixture->original, NULL),
                           g_bytes_get_size (fixture->original), NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  fixture->doc = load (fixture->file);
  atlas_dataset_file_set_draft_delay (fixture->doc, 20);
  fixture->brazil = atlas_dataset_find_partner (atlas_dataset_file_get_dataset (fixture->doc), "BR");
  g_assert_nonnull (fixture->brazil);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  atlas_dataset_file_set_write_hook (NULL, NULL);
  if (fixture->doc != NULL)
    atlas_dataset_file_discard_draft (fixture->doc);
  atlas_test_wait_ms (50);
  g_clear_object (&fixture->doc);
  g_clear_object (&fixture->file);
  g_clear_pointer (&fixture->original, g_bytes_unref);
  g_chmod (fixture->dir, 0700);
  atlas_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
edit (Fixture *fixture)
{
  AtlasUndoStack *stack = atlas_dataset_file_get_undo_stack (fixture->doc);
  const char *now = atlas_partner_get_indicator (fixture->brazil, "cooperation_depth");

  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth",
                                  g_strcmp0 (now, "strategic") == 0 ? "mature" : "strategic");
  g_assert_true (atlas_dataset_file_get_modified (fixture->doc));
}

/* Asserts that a failed save lost nothing: the file as it was, no stray
 * temporary file beside it, the edit still in memory. */
static void
assert_nothing_lost (Fixture    *fixture,
                     const char *indicator)
{
  assert_file_is (fixture->file, fixture->original);
  assert_dir_holds_only (fixture->dir, "dataset.json");
  g_assert_true (atlas_dataset_file_get_modified (fixture->doc));
  g_assert_cmpstr (atlas_partner_get_indicator (fixture->brazil, "cooperation_depth"), ==, indicator);
  g_assert_false (atlas_dataset_file_get_saving (fixture->doc));
}

/* tests */

static void
test_save (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) backup = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(AtlasDatasetFile) reloaded = NULL;
  g_autofree char *old_etag = g_strdup (atlas_dataset_file_get_etag (fixture->doc));
  g_autofree char *etag = NULL;
  g_autofree char *backup_path = g_strconcat (g_file_peek_path (fixture->file), "~", NULL);

  g_assert_nonnull (old_etag);
  g_assert_false (atlas_dataset_file_get_read_only (fixture->doc));

  edit (fixture);
  expected = atlas_dataset_to_bytes (atlas_dataset_file_get_dataset (fixture->doc));
  g_assert_true (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_no_error (error);

  assert_file_is (fixture->file, expected);
  g_assert_false (atlas_dataset_file_get_modified (fixture->doc));
  /* The etag kept is the new file's. (Not simply "a different one": the
   * file system's clock may not have ticked since the fixture wrote the
   * original.) */
  etag = atlas_safe_query_etag (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (atlas_dataset_file_get_etag (fixture->doc), ==, etag);

  /* The previous version is kept beside it. */
  backup = g_file_new_for_path (backup_path);
  assert_file_is (backup, fixture->original);

  /* What was written reads back as the same dataset. */
  reloaded = load (fixture->file);
  g_assert_cmpstr (atlas_partner_get_indicator (atlas_dataset_find_partner (atlas_dataset_file_get_dataset (reloaded), "BR"),
                                                "cooperation_depth"),
                   ==,
                   atlas_partner_get_indicator (fixture->brazil, "cooperation_depth"));
  g_clear_object (&reloaded);

  /* A second save goes through with the etag of the first. */
  edit (fixture);
  g_assert_true (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_no_error (error);
  assert_file_is (backup, expected);
}

static void
test_save_invalid (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AtlasUndoStack *stack = atlas_dataset_file_get_undo_stack (fixture->doc);

  atlas_undo_stack_set_indicator (stack, fixture->brazil, "cooperation_depth", "no-such-category");
  g_assert_false (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_error (error, ATLAS_DATASET_FILE_ERROR, ATLAS_DATASET_FILE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "no-such-category"));
  assert_nothing_lost (fixture, "no-such-category");
}

static void
test_wrong_etag (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) theirs = g_bytes_new_static ("{\"someone\": \"else\"}\n", 20);
  g_autoptr(GBytes) ours = NULL;

  edit (fixture);
  /* Someone else saves the file meanwhile (a second later, so that the
   * modification time, which the local etag is made of, surely differs). */
  g_usleep (G_USEC_PER_SEC / 100);
  g_file_replace_contents (fixture->file, g_bytes_get_data (theirs, NULL), g_bytes_get_size (theirs),
                           NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_error (error, ATLAS_DATASET_FILE_ERROR, ATLAS_DATASET_FILE_ERROR_CHANGED_ON_DISK);
  g_clear_error (&error);
  /* Their file stands, our edits too. */
  assert_file_is (fixture->file, theirs);
  g_assert_true (atlas_dataset_file_get_modified (fixture->doc));

  /* "Overwrite" */
  g_assert_true (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_OVERWRITE, &error));
  g_assert_no_error (error);
  ours = atlas_dataset_to_bytes (atlas_dataset_file_get_dataset (fixture->doc));
  assert_file_is (fixture->file, ours);
  g_assert_false (atlas_dataset_file_get_modified (fixture->doc));
}

static void
test_vanished_folder (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "gone", NULL);
  g_autoptr(GFile) file = g_file_new_build_filename (folder, "dataset.json", NULL);
  g_autoptr(AtlasDatasetFile) doc = NULL;
  AtlasPartner *brazil;

  /* A document whose folder went away after it was opened. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_copy (fixture->file, file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  doc = load (file);
  g_assert_cmpint (g_remove (g_file_peek_path (file)), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);

  brazil = atlas_dataset_find_partner (atlas_dataset_file_get_dataset (doc), "BR");
  atlas_undo_stack_set_indicator (atlas_dataset_file_get_undo_stack (doc), brazil,
                                  "cooperation_depth", "strategic");
  g_assert_false (save (doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_assert_true (atlas_dataset_file_get_modified (doc));
  g_assert_cmpstr (atlas_partner_get_indicator (brazil, "cooperation_depth"), ==, "strategic");
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  atlas_dataset_file_discard_draft (doc);
}

static void
test_not_a_directory (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) under_file = g_file_get_child (fixture->file, "dataset.json");

  edit (fixture);
  /* Save As into "dataset.json/dataset.json": the folder is a file. */
  g_assert_false (save (fixture->doc, under_file, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY) ||
                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
  /* The document stays where it was. */
  g_assert_true (g_file_equal (atlas_dataset_file_get_file (fixture->doc), fixture->file));
  assert_nothing_lost (fixture, "strategic");
}

/* A stream that takes @limit bytes, then fails as a full disk or a
 * permission check would: the seam for failures root cannot provoke. */

#define TYPE_FAILING_STREAM (failing_stream_get_type ())
G_DECLARE_FINAL_TYPE (FailingStream, failing_stream, FAILING, STREAM, GFilterOutputStream)

struct _FailingStream
{
  GFilterOutputStream parent_instance;
  gsize               limit;
  gsize               written;
  int                 code;
};

G_DEFINE_FINAL_TYPE (FailingStream, failing_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gssize
failing_stream_write (GOutputStream  *stream,
                      const void     *buffer,
                      gsize           count,
                      GCancellable   *cancellable,
                      GError        **error)
{
  FailingStream *self = FAILING_STREAM (stream);
  GOutputStream *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (stream));
  gssize n;

  if (self->written >= self->limit)
    {
      g_set_error_literal (error, G_IO_ERROR, self->code,
                           self->code == G_IO_ERROR_NO_SPACE ? "No space left on device"
                                                             : "Permission denied");
      return -1;
    }

  n = g_output_stream_write (base, buffer, MIN (count, self->limit - self->written),
                             cancellable, error);
  if (n > 0)
    self->written += n;
  return n;
}

static void
failing_stream_class_init (FailingStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = failing_stream_write;
}

static void
failing_stream_init (FailingStream *self)
{
}

typedef struct
{
  GFile *target;  /* only writes to this file fail: a draft written by the
                   * debounce timer on a slow machine must not count */
  gsize  limit;
  int    code;
  guint  calls;
} FailingHook;

static GOutputStream *
failing_hook (GOutputStream *base,
              GFile         *file,
              gpointer       user_data)
{
  FailingHook *hook = user_data;
  FailingStream *stream;

  if (!g_file_equal (file, hook->target))
    return g_object_ref (base);

  hook->calls++;
  stream = g_object_new (TYPE_FAILING_STREAM,
                         "base-stream", base,
                         "close-base-stream", FALSE,
                         NULL);
  stream->limit = hook->limit;
  stream->code = hook->code;

  return G_OUTPUT_STREAM (stream);
}

static void
test_write_failure (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FailingHook hook = { .target = fixture->file, .limit = 1000, .code = G_IO_ERROR_NO_SPACE };
  g_autoptr(GBytes) expected = NULL;

  edit (fixture);
  atlas_dataset_file_set_write_hook (failing_hook, &hook);
  g_assert_false (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (hook.calls, ==, 1);
  /* 1000 bytes went to a temporary file, which is gone; the file stands. */
  assert_nothing_lost (fixture, "strategic");
  g_clear_error (&error);

  /* Space is back: the same edits save. */
  atlas_dataset_file_set_write_hook (NULL, NULL);
  g_assert_true (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_no_error (error);
  expected = atlas_dataset_to_bytes (atlas_dataset_file_get_dataset (fixture->doc));
  assert_file_is (fixture->file, expected);
}

static void
test_permission_denied (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FailingHook hook = { .target = fixture->file, .limit = 0, .code = G_IO_ERROR_PERMISSION_DENIED };

  edit (fixture);
  atlas_dataset_file_set_write_hook (failing_hook, &hook);
  g_assert_false (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  assert_nothing_lost (fixture, "strategic");
}

/* The real thing, where permissions apply (not as root). */
static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes into read-only folders; see /dataset-file/permission-denied");
      return;
    }

  edit (fixture);
  g_assert_cmpint (g_chmod (fixture->dir, 0500), ==, 0);
  g_assert_false (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
  assert_nothing_lost (fixture, "strategic");
}

static void
test_bundled_read_only (void)
{
  g_autoptr(AtlasDatasetFile) doc = atlas_dataset_file_new_bundled ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-file-XXXXXX", NULL);
  g_autoptr(GFile) file = g_file_new_build_filename (dir, "copy.json", NULL);
  g_autofree char *name = NULL;

  g_assert_true (atlas_dataset_file_get_read_only (doc));
  g_assert_false (atlas_dataset_file_get_modified (doc));
  g_assert_null (atlas_dataset_file_get_file (doc));
  name = atlas_dataset_file_dup_display_name (doc);
  g_assert_cmpstr (name, ==, "Bundled dataset");

  g_assert_false (save (doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_error (error, ATLAS_DATASET_FILE_ERROR, ATLAS_DATASET_FILE_ERROR_NO_FILE);
  g_clear_error (&error);

  /* A new copy is modified until saved: it exists nowhere yet. */
  atlas_undo_stack_mark_unsaved (atlas_dataset_file_get_undo_stack (doc));
  g_assert_true (atlas_dataset_file_get_modified (doc));

  /* Save As makes it a document of its own. */
  g_assert_true (save (doc, file, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_no_error (error);
  g_assert_false (atlas_dataset_file_get_read_only (doc));
  g_assert_true (g_file_equal (atlas_dataset_file_get_file (doc), file));
  g_assert_false (atlas_dataset_file_get_modified (doc));
  g_assert_nonnull (atlas_dataset_file_get_etag (doc));

  g_clear_object (&doc);
  atlas_test_wait_ms (50);
  g_remove (g_file_peek_path (file));
  g_rmdir (dir);
}

static guint
n_drafts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = atlas_dataset_file_find_drafts (NULL, &error);

  g_assert_no_error (error);
  return drafts->len;
}

static void
test_draft (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) draft_file = atlas_dataset_file_get_draft_file (fixture->doc);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(GBytes) restored_bytes = NULL;
  g_autofree char *state_dir = NULL;
  Result result = { 0 };
  AtlasDraft *draft;

  /* The drafts go under the (test's own) state directory. */
  state_dir = g_file_get_path (draft_file);
  g_assert_true (g_str_has_prefix (state_dir, g_get_user_state_dir ()));
  g_assert_false (g_file_query_exists (draft_file, NULL));
  g_assert_cmpuint (n_drafts (), ==, 0);

  /* A short while after a change, the draft appears by itself. */
  edit (fixture);
  g_assert_true (wait_for_file (draft_file, TRUE));
  atlas_test_wait_ms (100);
  edited = atlas_dataset_to_bytes (atlas_dataset_file_get_dataset (fixture->doc));
  assert_file_is (draft_file, edited);

  /* As after a crash: the draft is found, with what it is a draft of. */
  drafts = atlas_dataset_file_find_drafts (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  draft = g_ptr_array_index (drafts, 0);
  g_assert_true (g_file_equal (draft->original, fixture->file));
  g_assert_cmpstr (draft->etag, ==, atlas_dataset_file_get_etag (fixture->doc));
  g_assert_nonnull (draft->time);

  atlas_dataset_file_restore_draft_async (draft, NULL, restore_cb, &result);
  g_assert_true (atlas_test_wait_for_flag (&result.done, TIMEOUT_MS));
  g_assert_no_error (result.error);
  g_assert_true (atlas_dataset_file_get_modified (result.doc));
  g_assert_true (g_file_equal (atlas_dataset_file_get_file (result.doc), fixture->file));
  g_assert_cmpstr (atlas_dataset_file_get_etag (result.doc), ==,
                   atlas_dataset_file_get_etag (fixture->doc));
  restored_bytes = atlas_dataset_to_bytes (atlas_dataset_file_get_dataset (result.doc));
  g_assert_true (g_bytes_equal (restored_bytes, edited));
  result_clear (&result);

  /* Saving deletes it. */
  g_assert_true (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for_file (draft_file, FALSE));
  g_assert_cmpuint (n_drafts (), ==, 0);
}

static void
test_draft_discard (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) draft_file = atlas_dataset_file_get_draft_file (fixture->doc);

  atlas_dataset_file_set_draft_delay (fixture->doc, 60 * 1000);
  edit (fixture);
  write_draft (fixture->doc);
  g_assert_true (g_file_query_exists (draft_file, NULL));
  g_assert_cmpuint (n_drafts (), ==, 1);

  atlas_dataset_file_discard_draft (fixture->doc);
  g_assert_true (wait_for_file (draft_file, FALSE));
  g_assert_cmpuint (n_drafts (), ==, 0);

  /* Undone back to the saved state: nothing to keep. */
  edit (fixture);
  write_draft (fixture->doc);
  g_assert_true (g_file_query_exists (draft_file, NULL));
  while (atlas_undo_stack_undo (atlas_dataset_file_get_undo_stack (fixture->doc)))
    ;
  g_assert_false (atlas_dataset_file_get_modified (fixture->doc));
  write_draft (fixture->doc);
  g_assert_false (g_file_query_exists (draft_file, NULL));
}

static void
test_draft_bundled (void)
{
  g_autoptr(AtlasDatasetFile) doc = atlas_dataset_file_new_bundled ();
  g_autoptr(GFile) draft_file = atlas_dataset_file_get_draft_file (doc);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *name = g_file_get_basename (draft_file);
  AtlasDataset *dataset = atlas_dataset_file_get_dataset (doc);

  g_assert_cmpstr (name, ==, "bundled.json");
  atlas_undo_stack_set_assessment (atlas_dataset_file_get_undo_stack (doc),
                                   atlas_dataset_find_partner (dataset, "JP"), "Edited.");
  write_draft (doc);
  drafts = atlas_dataset_file_find_drafts (NULL, NULL);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_null (((AtlasDraft *) g_ptr_array_index (drafts, 0))->original);
  g_assert_true (atlas_draft_discard (g_ptr_array_index (drafts, 0), NULL));
  g_assert_false (g_file_query_exists (draft_file, NULL));
  g_assert_cmpuint (n_drafts (), ==, 0);
}

static void
changed_on_disk_cb (AtlasDatasetFile *doc,
                    gboolean          deleted,
                    int              *count)
{
  (*count)++;
}

static void
test_changed_on_disk (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int count = 0;

  g_signal_connect (fixture->doc, "changed-on-disk", G_CALLBACK (changed_on_disk_cb), &count);

  /* Our own save is not an outside change. */
  edit (fixture);
  g_assert_true (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_no_error (error);
  atlas_test_wait_ms (1500);
  g_assert_cmpint (count, ==, 0);

  /* Another program's is. */
  g_assert_true (g_file_set_contents (g_file_peek_path (fixture->file), "{}\n", -1, &error));
  for (gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
       count == 0 && g_get_monotonic_time () < deadline;)
    atlas_test_wait_ms (20);
  g_assert_cmpint (count, ==, 1);

  /* Once per change. */
  atlas_test_wait_ms (500);
  g_assert_cmpint (count, ==, 1);
  /* A late event in the teardown must not write into this gone frame. */
  g_signal_handlers_disconnect_by_func (fixture->doc, changed_on_disk_cb, &count);
}

/* Saving a 0600 file through a symlink: the link stays a link, its target
 * gets the new dataset and keeps 0600, and so does the backup beside it. A
 * full disk midway changes nothing. */
static void
test_save_through_symlink (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *real = g_build_filename (fixture->dir, "real.json", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link.json", NULL);
  g_autofree char *backup = g_strconcat (real, "~", NULL);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autoptr(GFile) real_file = g_file_new_for_path (real);
  g_autoptr(GFile) backup_file = g_file_new_for_path (backup);
  g_autoptr(AtlasDatasetFile) doc = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;
  FailingHook hook = { .target = link_file, .limit = 1000, .code = G_IO_ERROR_NO_SPACE };
  AtlasPartner *brazil;
  GStatBuf st;

  g_assert_cmpint (g_rename (g_file_peek_path (fixture->file), real), ==, 0);
  g_assert_cmpint (g_chmod (real, 0600), ==, 0);
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  doc = load (link_file);
  brazil = atlas_dataset_find_partner (atlas_dataset_file_get_dataset (doc), "BR");
  atlas_undo_stack_set_indicator (atlas_dataset_file_get_undo_stack (doc), brazil,
                                  "cooperation_depth", "strategic");

  atlas_dataset_file_set_write_hook (failing_hook, &hook);
  g_assert_false (save (doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  assert_file_is (real_file, fixture->original);
  g_assert_cmpuint (atlas_test_count_files (fixture->dir), ==, 2);

  atlas_dataset_file_set_write_hook (NULL, NULL);
  g_assert_true (save (doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_no_error (error);
  expected = atlas_dataset_to_bytes (atlas_dataset_file_get_dataset (doc));

  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  assert_file_is (real_file, expected);
  g_assert_cmpint (g_stat (real, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  assert_file_is (backup_file, fixture->original);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_null (atlas_dataset_file_get_save_notice (doc));
  atlas_dataset_file_discard_draft (doc);
}

/* Saving a hard-linked file never writes it in place: the other name keeps
 * the old dataset, and the user is told. */
static void
test_save_hard_link (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other.json", NULL);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;
  FailingHook hook = { .target = fixture->file, .limit = 1000, .code = G_IO_ERROR_NO_SPACE };

  g_assert_cmpint (link (g_file_peek_path (fixture->file), other), ==, 0);
  edit (fixture);

  atlas_dataset_file_set_write_hook (failing_hook, &hook);
  g_assert_false (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_clear_error (&error);
  assert_file_is (fixture->file, fixture->original);
  assert_file_is (other_file, fixture->original);

  atlas_dataset_file_set_write_hook (NULL, NULL);
  g_assert_true (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_no_error (error);
  g_assert_no_error (error);
  expected = atlas_dataset_to_bytes (atlas_dataset_file_get_dataset (fixture->doc));
  assert_file_is (fixture->file, expected);
  assert_file_is (other_file, fixture->original);
  g_assert_nonnull (atlas_dataset_file_get_save_notice (fixture->doc));
  g_assert_nonnull (strstr (atlas_dataset_file_get_save_notice (fixture->doc), "hard links"));

  /* The next save has nothing to say. */
  edit (fixture);
  g_assert_true (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_null (atlas_dataset_file_get_save_notice (fixture->doc));
}

/* Saving a file of someone else's that the system does not let the app
 * give back to them (a user who is not root, in a folder they may write
 * in): the save goes through, the file is now the user's, and they are
 * told so, in the notice as for hard links. */
static void
test_save_owner_not_kept (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other.json", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  const char *notice;

  if (geteuid () != 0)
    {
      g_test_skip ("only root can make a file someone else's");
      return;
    }
  if (chown (g_file_peek_path (fixture->file), 4321, 4322) != 0)
    {
      g_test_skip ("cannot give a file to uid 4321 here");
      return;
    }

  edit (fixture);
  atlas_safe_write_set_refuse_chown (TRUE);
  g_assert_true (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  atlas_safe_write_set_refuse_chown (FALSE);
  g_assert_no_error (error);
  notice = atlas_dataset_file_get_save_notice (fixture->doc);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "now belongs to you"));
  g_assert_null (strstr (notice, "hard links"));

  /* Kept (as root may): nothing to say. */
  g_assert_cmpint (chown (g_file_peek_path (fixture->file), 4321, 4322), ==, 0);
  edit (fixture);
  g_assert_true (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_no_error (error);
  g_assert_null (atlas_dataset_file_get_save_notice (fixture->doc));

  /* Both at once: a line each (the window shows a notification a line). */
  g_assert_cmpint (chown (g_file_peek_path (fixture->file), 4321, 4322), ==, 0);
  g_assert_cmpint (link (g_file_peek_path (fixture->file), other), ==, 0);
  edit (fixture);
  atlas_safe_write_set_refuse_chown (TRUE);
  g_assert_true (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  atlas_safe_write_set_refuse_chown (FALSE);
  g_assert_no_error (error);
  lines = g_strsplit (atlas_dataset_file_get_save_notice (fixture->doc), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_nonnull (strstr (lines[0], "hard links"));
  g_assert_nonnull (strstr (lines[1], "now belongs to you"));
}

/* Someone else's edit that keeps the modification time (touch -r, cp -p,
 * rsync -t) is still a conflict: a save does not overwrite it. */
static void
test_preserved_mtime_conflict (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *path = g_file_peek_path (fixture->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) theirs = NULL;
  g_autofree char *text = NULL;
  struct stat st;
  struct timespec times[2];
  gsize len;

  edit (fixture);
  g_assert_cmpint (stat (path, &st), ==, 0);
  /* Their edit: the same size, one byte else, the time put back. */
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  text[len - 1] = ' ';
  g_usleep (20000);
  g_assert_true (g_file_set_contents (path, text, len, NULL));
  times[0] = st.st_atim;
  times[1] = st.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
  theirs = g_bytes_new (text, len);

  g_assert_false (save (fixture->doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, &error));
  g_assert_error (error, ATLAS_DATASET_FILE_ERROR, ATLAS_DATASET_FILE_ERROR_CHANGED_ON_DISK);
  assert_file_is (fixture->file, theirs);
  g_assert_true (atlas_dataset_file_get_modified (fixture->doc));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
  atlas_core_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/dataset-file/save", test_save);
  ADD ("/dataset-file/save-invalid", test_save_invalid);
  ADD ("/dataset-file/wrong-etag", test_wrong_etag);
  ADD ("/dataset-file/vanished-folder", test_vanished_folder);
  ADD ("/dataset-file/not-a-directory", test_not_a_directory);
  ADD ("/dataset-file/write-failure", test_write_failure);
  ADD ("/dataset-file/permission-denied", test_permission_denied);
  ADD ("/dataset-file/read-only-folder", test_read_only_folder);
  ADD ("/dataset-file/draft", test_draft);
  ADD ("/dataset-file/draft-discard", test_draft_discard);
  ADD ("/dataset-file/changed-on-disk", test_changed_on_disk);
  ADD ("/dataset-file/save-through-symlink", test_save_through_symlink);
  ADD ("/dataset-file/save-hard-link", test_save_hard_link);
  ADD ("/dataset-file/save-owner-not-kept", test_save_owner_not_kept);
  ADD ("/dataset-file/preserved-mtime-conflict", test_preserved_mtime_conflict);
#undef ADD
  g_test_add_func ("/dataset-file/bundled-read-only", test_bundled_read_only);
  g_test_add_func ("/dataset-file/draft-bundled", test_draft_bundled);

  return g_test_run ();
}
