/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A process that saves or exports the way the app does, for the tests that
 * must kill it midway, fill its disk or limit its file size
 * (test-safe-write-cli.py):
 *
 *   atlas-save-helper save FILE TEXT [SLOW_US]
 *     opens the dataset FILE, sets the first partner's assessment to TEXT
 *     ("repeat:N": N letters) and saves it (AtlasDatasetFile, as the window's Save does);
 *   atlas-save-helper export FORMAT OUTPUT [SLOW_US]
 *     exports the bundled dataset (atlas_export_to_file, as the Export
 *     dialog does).
 *
 * SLOW_US: each 1 KiB written waits this many microseconds, so that a kill
 * lands in the middle of the write. Prints "ok" and exits 0, or prints the
 * error and exits 1. */

#include "config.h"

#include <stdio.h>

#include "atlas-core.h"
#include "atlas-dataset-file.h"
#include "atlas-export.h"
#include "atlas-safe-write-private.h"

#define SLOW_CHUNK 1024

#define TYPE_SLOW_STREAM (slow_stream_get_type ())
G_DECLARE_FINAL_TYPE (SlowStream, slow_stream, SLOW, STREAM, GFilterOutputStream)

struct _SlowStream
{
  GFilterOutputStream parent_instance;
  gulong              delay_us;
};

G_DEFINE_FINAL_TYPE (SlowStream, slow_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gssize
slow_stream_write (GOutputStream  *stream,
                   const void     *buffer,
                   gsize           count,
                   GCancellable   *cancellable,
                   GError        **error)
{
  SlowStream *self = SLOW_STREAM (stream);
  GOutputStream *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (stream));

  g_usleep (self->delay_us);
  return g_output_stream_write (base, buffer, MIN (count, SLOW_CHUNK), cancellable, error);
}

static void
slow_stream_class_init (SlowStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = slow_stream_write;
}

static void
slow_stream_init (SlowStream *self)
{
}

static GOutputStream *
slow_hook (GOutputStream *base,
           GFile         *file,
           gpointer       user_data)
{
  SlowStream *stream = g_object_new (TYPE_SLOW_STREAM,
                                     "base-stream", base,
                                     "close-base-stream", FALSE,
                                     NULL);

  stream->delay_us = GPOINTER_TO_SIZE (user_data);
  return G_OUTPUT_STREAM (stream);
}

typedef struct
{
  gboolean          done;
  AtlasDatasetFile *doc;
  gboolean          ok;
  GError           *error;
} Result;

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->doc = atlas_dataset_file_load_finish (result, NULL, &r->error);
  r->done = TRUE;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->ok = atlas_dataset_file_save_finish (ATLAS_DATASET_FILE (object), result, &r->error);
  r->done = TRUE;
}

static void
wait_for (Result *r)
{
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static int
fail (GError *error)
{
  fprintf (stdout, "%s\n", error->message);
  return 1;
}

static int
save (const char *path,
      const char *text)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(AtlasDatasetFile) doc = NULL;
  g_autoptr(AtlasPartner) partner = NULL;
  Result r = { 0 };

  atlas_dataset_file_load_async (file, NULL, load_cb, &r);
  wait_for (&r);
  if (r.doc == NULL)
    return fail (r.error);
  doc = r.doc;

  partner = g_list_model_get_item (atlas_dataset_get_partners (atlas_dataset_file_get_dataset (doc)), 0);
  /* "repeat:N": N letters, more than one argument may hold. */
  if (g_str_has_prefix (text, "repeat:"))
    {
      g_autofree char *long_text = g_strnfill (g_ascii_strtoull (text + 7, NULL, 10), 'r');

      atlas_undo_stack_set_assessment (atlas_dataset_file_get_undo_stack (doc), partner, long_text);
    }
  else
    atlas_undo_stack_set_assessment (atlas_dataset_file_get_undo_stack (doc), partner, text);

  r = (Result) { 0 };
  atlas_dataset_file_save_async (doc, NULL, ATLAS_DATASET_FILE_SAVE_NONE, NULL, save_cb, &r);
  wait_for (&r);
  if (!r.ok)
    return fail (r.error);

  return 0;
}

static int
export (const char *format_name,
        const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasExportOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  AtlasExportFormat format;

  if (!atlas_export_format_from_string (format_name, &format))
    return 2;
  options = atlas_export_options_new (format);
  if (!atlas_export_to_file (dataset, options, file, NULL, NULL, NULL, &error))
    return fail (error);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc < 4)
    {
      fprintf (stderr, "usage: %s save FILE TEXT [SLOW_US] | export FORMAT OUTPUT [SLOW_US]\n",
               argv[0]);
      return 2;
    }

  atlas_core_init ();
  if (argc > 4)
    atlas_safe_write_set_hook (slow_hook, GSIZE_TO_POINTER (g_ascii_strtoull (argv[4], NULL, 10)));

  if (g_str_equal (argv[1], "save"))
    status = save (argv[2], argv[3]);
  else if (g_str_equal (argv[1], "export"))
    status = export (argv[2], argv[3]);
  else
    return 2;

  if (status == 0)
    fprintf (stdout, "ok\n");
  return status;
}
