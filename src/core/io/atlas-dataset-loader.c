/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Loading datasets: the entry points. What every reader of the format
 * shares is in atlas-dataset-reading.c.
 *
 * Loading refuses oversized files and text that is not UTF-8, then reads
 * the JSON with a strict pull reader (atlas-json-reader.c) and builds the
 * model as it goes (atlas-dataset-io.c), checking every rule of the format
 * on the way. Rules that tie distant parts of the file together (an
 * indicator names a lens, a source reference names a source) are checked
 * once the whole file is read, since JSON members may come in any order
 * (atlas-dataset-checks.c). Every problem carries the byte offset where it
 * lies, turned into a line and a column at the end in one pass over the
 * text.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-dataset-format-private.h"
#include "atlas-dataset-io.h"
#include "atlas-dataset-loader-private.h"
#include "atlas-safe-write.h"

typedef struct
{
  AtlasDataset *dataset;
  GPtrArray    *problems;
  char         *etag;
  GError       *error;
} LoadResult;

static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const Pending *pa = *(const Pending * const *) a;
  const Pending *pb = *(const Pending * const *) b;

  if (pa->offset != pb->offset)
    return pa->offset < pb->offset ? -1 : 1;

  return pa->sequence < pb->sequence ? -1 : pa->sequence > pb->sequence;
}

/* Lines and columns count from 1; columns count characters, not bytes.
 * One pass over the text for all the problems, sorted by offset. */
static void
compute_positions (const char *text,
                   gsize       len,
                   GPtrArray  *pending)
{
  gsize pos = 0;
  int line = 1, column = 1;

  g_ptr_array_sort (pending, compare_pending);

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = g_ptr_array_index (pending, i);

      if (p->offset == G_MAXSIZE || p->offset > len)
        continue;

      for (; pos < p->offset; pos++)
        {
          guchar c = text[pos];

          if (c == '\n')
            {
              line++;
              column = 1;
            }
          else if ((c & 0xc0) != 0x80)
            column++;
        }

      p->line = line;
      p->column = column;
    }
}

/* Replaces the problems found so far by one that says it all. */
static void
set_verdict (Loader  *l,
             Pending *verdict)
{
  g_ptr_array_set_size (l->pending, 0);
  l->n_dropped = 0;
  g_ptr_array_add (l->pending, verdict);
}

static void
finish_with_problems (Loader      *l,
                      const char  *text,
                      gsize        len,
                      int          code,
                      GPtrArray  **problems_out,
                      GError     **error)
{
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
  guint n_total = l->pending->len + l->n_dropped;
  g_autofree char *first = NULL;

  compute_positions (text, len, l->pending);

  for (guint i = 0; i < l->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (l->pending, i);

      g_ptr_array_add (problems, atlas_problem_new (l->file, p->line, p->column, p->path,
                                                    p->message));
    }

  if (l->n_dropped > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u more problem not listed",
                                      "%u more problems not listed", l->n_dropped),
                         l->n_dropped);

      g_ptr_array_add (problems, atlas_problem_new (l->file, 0, 0, NULL, message));
    }

  first = atlas_problem_to_string (g_ptr_array_index (problems, 0));
  if (n_total <= 1)
    g_set_error_literal (error, ATLAS_DATASET_ERROR, code, first);
  else
    g_set_error (error, ATLAS_DATASET_ERROR, code,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                              "%s (and %u more problems)", n_total - 1),
                 first, n_total - 1);

  if (problems_out != NULL)
    *problems_out = g_steal_pointer (&problems);
}

static void
indicator_check_clear (gpointer data)
{
  IndicatorCheck *check = data;

  g_object_unref (check->partner);
  g_free (check->lens_id);
  g_free (check->category_id);
}

static void
source_ref_check_clear (gpointer data)
{
  SourceRefCheck *check = data;

  g_object_unref (check->ref);
}

static AtlasDataset *
load_text (const char  *text,
           gsize        len,
           const char  *display_name,
           GPtrArray  **problems,
           GError     **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (atlas_loader_pending_free);
  g_autoptr(GHashTable) source_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) lenses = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GHashTable) partner_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) indicator_checks = g_array_new (FALSE, FALSE, sizeof (IndicatorCheck));
  g_autoptr(GArray) source_ref_checks = g_array_new (FALSE, FALSE, sizeof (SourceRefCheck));
  g_autoptr(GArray) color_checks = g_array_new (FALSE, FALSE, sizeof (ColorCheck));
  g_autoptr(GArray) opens_checks = g_array_new (FALSE, FALSE, sizeof (OpensCheck));
  g_autoptr(GArray) member_change_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) history_checks = g_array_new (FALSE, FALSE, sizeof (HistoryCheck));
  g_autoptr(AtlasDataset) dataset = NULL;
  const char *end = NULL;
  Loader l = {
    .file = display_name ? display_name : "",
    .pending = pending,
    .source_ids = source_ids,
    .lenses = lenses,
    .partner_ids = partner_ids,
    .indicator_checks = indicator_checks,
    .source_ref_checks = source_ref_checks,
    .color_checks = color_checks,
    .opens_checks = opens_checks,
    .member_change_offsets = member_change_offsets,
    .history_checks = history_checks,
  };
  int code = ATLAS_DATASET_ERROR_INVALID;

  g_array_set_clear_func (indicator_checks, indicator_check_clear);
  g_array_set_clear_func (source_ref_checks, source_ref_check_clear);

  if (problems != NULL)
    *problems = NULL;

  if (len > ATLAS_DATASET_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (ATLAS_DATASET_MAX_SIZE);

      atlas_loader_add_pending (&l, g_strdup (""), G_MAXSIZE,
                                g_strdup_printf (_("the file is too large (%s; the limit is %s)"), size, limit));
      finish_with_problems (&l, text, 0, ATLAS_DATASET_ERROR_TOO_LARGE, problems, error);
      return NULL;
    }

  if (!g_utf8_validate_len (text, len, &end))
    {
      gsize offset = end - text;

      if (text[offset] == '\0')
        atlas_loader_add_pending (&l, g_strdup (""), offset,
                                  g_strdup (_("not a text file: it contains a NUL byte")));
      else
        atlas_loader_add_pending (&l, g_strdup (""), offset,
                                  g_strdup_printf (_("not valid UTF-8 text (byte 0x%02x)"),
                                                   (guchar) text[offset]));
      finish_with_problems (&l, text, len, ATLAS_DATASET_ERROR_NOT_JSON, problems, error);
      return NULL;
    }

  atlas_json_reader_init (&l.reader, text, len, ATLAS_DATASET_MAX_DEPTH);
  dataset = atlas_loader_read_root (&l);
  atlas_loader_note_error_path (&l, NULL);
  atlas_json_reader_end (&l.reader);

  if (l.reader.error != ATLAS_JSON_ERROR_NONE)
    {
      /* Nothing read after a syntax error can be trusted. */
      code = l.reader.error == ATLAS_JSON_ERROR_TOO_DEEP ? ATLAS_DATASET_ERROR_TOO_DEEP
                                                         : ATLAS_DATASET_ERROR_NOT_JSON;
      set_verdict (&l, atlas_loader_pending_new (g_strdup (l.error_path ? l.error_path : ""),
                                                 l.reader.error_offset, g_strdup (l.reader.error_message)));
    }
  else if (!l.format_ok)
    {
      /* Some other JSON file: listing all it lacks would bury the point. */
      Pending *verdict = l.not_ours ? g_steal_pointer (&l.not_ours)
                                    : atlas_loader_pending_new (g_strdup (""), 0, NULL);

      verdict->message = g_strdup_printf (_("not a Cyber Diplomacy Atlas dataset "
                                            "(\"format\" must be \"%s\")"), ATLAS_DATASET_FORMAT_NAME);
      set_verdict (&l, verdict);
    }
  else if (l.too_new != NULL)
    {
      code = ATLAS_DATASET_ERROR_TOO_NEW;
      set_verdict (&l, g_steal_pointer (&l.too_new));
    }
  else
    {
      atlas_loader_check_references (&l);
      if (dataset != NULL)
        atlas_loader_check_dates (&l, dataset);
      if (dataset != NULL)
        atlas_loader_apply_subject_indicators (&l, dataset);
      if (l.pending->len == 0 && l.n_dropped == 0 && dataset != NULL)
        atlas_loader_check_history (&l, dataset);
    }

  atlas_loader_pending_free (l.not_ours);
  g_clear_object (&l.subject_indicators);
  g_free (l.as_of);
  atlas_loader_pending_free (l.too_new);
  g_free (l.error_path);
  atlas_json_reader_clear (&l.reader);

  if (pending->len == 0 && l.n_dropped == 0 && dataset != NULL)
    return g_steal_pointer (&dataset);

  finish_with_problems (&l, text, len, code, problems, error);

  return NULL;
}

AtlasDataset *
atlas_dataset_load_bytes (GBytes      *bytes,
                          const char  *display_name,
                          GPtrArray  **problems,
                          GError     **error)
{
  const char *text;
  gsize len = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_bytes_get_data (bytes, &len);
  if (text == NULL)
    text = "";

  return load_text (text, len, display_name, problems, error);
}

AtlasDataset *
atlas_dataset_new_bundled (void)
{
#define BUNDLED_PATH "/io/github/cyberdiplomacy/Atlas/data/dataset.json"
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  AtlasDataset *self;

  bytes = g_resources_lookup_data (BUNDLED_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The bundled dataset is missing: %s", error->message);

  self = atlas_dataset_load_bytes (bytes, "resource://" BUNDLED_PATH, &problems, &error);
  if (self == NULL)
    g_error ("The bundled dataset is broken: %s", error->message);

  return self;
#undef BUNDLED_PATH
}

AtlasDataset *
atlas_dataset_load_file_named (GFile         *file,
                               const char    *display_name,
                               GCancellable  *cancellable,
                               GPtrArray    **problems,
                               char         **etag_out,
                               GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *etag = NULL;
  AtlasDataset *dataset;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;
  if (etag_out != NULL)
    *etag_out = NULL;

  /* Never a named pipe or a device (they block or never end), and never
   * more than the limit, whatever the file's size said. */
  bytes = atlas_safe_read (file, ATLAS_DATASET_MAX_SIZE, &etag, cancellable, &local_error);
  if (bytes == NULL)
    {
      g_autoptr(AtlasProblem) problem = NULL;
      g_autofree char *line = NULL;
      int code;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      problem = atlas_problem_new (display_name, 0, 0, NULL, local_error->message);
      line = atlas_problem_to_string (problem);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        {
          /* Not the file's contents: no problem list, as for any I/O error. */
          code = local_error->domain == G_IO_ERROR ? local_error->code : G_IO_ERROR_FAILED;
          g_set_error_literal (error, G_IO_ERROR, code, line);
          return NULL;
        }

      g_set_error_literal (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_TOO_LARGE, line);
      if (problems != NULL)
        {
          *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);
          g_ptr_array_add (*problems, g_steal_pointer (&problem));
        }
      return NULL;
    }

  dataset = atlas_dataset_load_bytes (bytes, display_name, problems, error);

  if (dataset != NULL && etag_out != NULL)
    *etag_out = g_steal_pointer (&etag);

  return dataset;
}

AtlasDataset *
atlas_dataset_load_file (GFile         *file,
                         GCancellable  *cancellable,
                         GPtrArray    **problems,
                         char         **etag_out,
                         GError       **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);

  return atlas_dataset_load_file_named (file, name, cancellable, problems, etag_out, error);
}

static void
load_result_free (gpointer data)
{
  LoadResult *result = data;

  g_clear_object (&result->dataset);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->etag, g_free);
  g_clear_error (&result->error);
  g_free (result);
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LoadResult *result = g_new0 (LoadResult, 1);

  result->dataset = atlas_dataset_load_file (task_data, cancellable, &result->problems,
                                             &result->etag, &result->error);

  /* Returned even on failure: the problems travel with the error. */
  g_task_return_pointer (task, result, load_result_free);
}

void
atlas_dataset_load_file_async (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_dataset_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_file_thread);
}

AtlasDataset *
atlas_dataset_load_file_finish (GAsyncResult  *result,
                                GPtrArray    **problems,
                                char         **etag_out,
                                GError       **error)
{
  LoadResult *load;
  AtlasDataset *dataset;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (problems != NULL)
    *problems = NULL;
  if (etag_out != NULL)
    *etag_out = NULL;

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;

  if (load->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&load->error));
      if (problems != NULL)
        *problems = g_steal_pointer (&load->problems);
      load_result_free (load);
      return NULL;
    }

  dataset = g_steal_pointer (&load->dataset);
  if (etag_out != NULL)
    *etag_out = g_steal_pointer (&load->etag);
  load_result_free (load);

  return dataset;
}

GPtrArray *
atlas_dataset_validate (AtlasDataset *self,
                        const char   *display_name)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AtlasDataset) reloaded = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  /* One set of rules: check what saving would write. */
  bytes = atlas_dataset_to_bytes (self);
  reloaded = atlas_dataset_load_bytes (bytes, display_name, &problems, &error);

  if (problems == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_problem_free);

  /* Positions in text the user never saw would only mislead. */
  for (guint i = 0; i < problems->len; i++)
    {
      AtlasProblem *problem = g_ptr_array_index (problems, i);

      problem->line = 0;
      problem->column = 0;
    }

  return g_steal_pointer (&problems);
}
