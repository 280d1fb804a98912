/* SPDX-License-Identifier: GPL-3.0-or-later */

/* atlas-bench: the app's performance figures, one line each:
 *   bench NAME: median X ms (n=RUNS)
 *   bench NAME: X MB
 *
 * To add a figure, write a function that prints its lines (with
 * bench_time() or bench_report_mb()) and add it to the figures table.
 * `atlas-bench --only NAME` runs one figure; `--list` lists them.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atlas-test-util.h"
#include "atlas-bench-export.h"
#include "atlas-bench-map.h"
#include "atlas-bench-panels.h"
#include "atlas-core.h"
#include "atlas-diff.h"
#include "atlas-merge.h"
#include "atlas-dataset-file.h"
#include "atlas-partner-filter.h"

typedef struct
{
  const char *name;
  void      (*run) (void);
} Figure;

static char *self_path;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* Runs func runs times (after one warm-up run) and prints the median.
 * func returns what it made, or NULL; freeing that is not timed. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);

  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static void
bench_time (const char *name,
            guint       runs,
            gpointer  (*func) (gpointer data),
            gpointer    data)
{
  g_autofree double *times = g_new (double, runs);
  g_autofree double *cpu_times = g_new (double, runs);
  gpointer warm_up = func (data);

  if (warm_up != NULL)
    g_object_unref (warm_up);

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_ms ();
      gpointer result = func (data);

      cpu_times[i] = thread_cpu_ms () - cpu_start;
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (result != NULL)
        g_object_unref (result);
    }

  qsort (times, runs, sizeof (double), compare_doubles);
  qsort (cpu_times, runs, sizeof (double), compare_doubles);
  /* The CPU time the work took: on a machine shared with other jobs the
   * wall time also counts their turns. */
  g_print ("bench %s: median %.2f ms (n=%u), cpu %.2f ms\n", name, times[runs / 2], runs, cpu_times[runs / 2]);
}

static void
bench_report_mb (const char *name,
                 double      bytes)
{
  g_print ("bench %s: %.1f MB\n", name, bytes / (1024.0 * 1024.0));
}

/* Datasets */

static GBytes *
bundled_bytes (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = g_resources_lookup_data ("/io/github/cyberdiplomacy/Atlas/data/dataset.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  return bytes;
}

static char *
filler (const char *prefix,
        guint       i,
        guint       words)
{
  static const char * const vocabulary[] = {
    "cyber-security", "cooperation", "dialogue", "partnership", "internet", "governance",
    "strategic", "cyber-crime", "agreement", "multilateral", "capacity", "Europol",
  };
  GString *str = g_string_new (prefix);

  for (guint w = 0; w < words; w++)
    g_string_append_printf (str, " %s", vocabulary[(i * 7 + w * 3) % G_N_ELEMENTS (vocabulary)]);

  return g_string_free (str, FALSE);
}

/* Oldest first, as a file keeps them; g_ptr_array_sort () is stable. */
static int
compare_entry_dates (gconstpointer a,
                     gconstpointer b)
{
  return strcmp (atlas_history_entry_get_date (*(AtlasHistoryEntry * const *) a),
                 atlas_history_entry_get_date (*(AtlasHistoryEntry * const *) b));
}

/* A history that chains (atlas-timeline.h) and ends in the partner's
 * values: 24 assessment rewrites, and 40 changes of each indicator the
 * partner has, from 2015 to 2024. */
static void
add_long_history (AtlasDataset *dataset,
                  AtlasPartner *partner)
{
  GListStore *history = atlas_partner_get_history_store (partner);
  GListModel *lenses = atlas_dataset_get_lenses (dataset);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *assessment = filler ("Assessment:", 24, 2);

  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *date = g_strdup_printf ("%04u-%02u-%02u", 2015 + i * 10 / 24, 1 + i % 12, 1 + i % 28);
      g_autofree char *old_value = filler ("Assessment:", i, 2);
      g_autofree char *new_value = filler ("Assessment:", i + 1, 2);

      g_ptr_array_add (entries, atlas_history_entry_new (date, "assessment", old_value, new_value,
                                                         "https://example.org/s"));
    }
  atlas_partner_set_assessment (partner, assessment);

  for (guint l = 0; l < g_list_model_get_n_items (lenses); l++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, l);
      const char *current = atlas_partner_get_indicator (partner, atlas_lens_get_id (lens));
      guint n = atlas_lens_get_n_categories (lens);
      g_autofree char *field = g_strconcat ("indicators.", atlas_lens_get_id (lens), NULL);
      int c;

      if (current == NULL || n < 2)
        continue;
      c = atlas_lens_get_category_index (lens, current);
      for (guint j = 0; j < 40; j++)
        {
          /* v(j) = category (c + 40 - j): v(40) is the current one. */
          g_autoptr(AtlasCategory) from = g_list_model_get_item (atlas_lens_get_categories (lens),
                                                                  (c + 40 - j) % n);
          g_autoptr(AtlasCategory) to = g_list_model_get_item (atlas_lens_get_categories (lens),
                                                                (c + 40 - j - 1) % n);
          g_autofree char *date = g_strdup_printf ("%04u-%02u-%02u", 2015 + j / 4, 1 + (j % 4) * 3,
                                                   2 + l);

          g_ptr_array_add (entries,
                           atlas_history_entry_new (date, field, atlas_category_get_id (from),
                                                    atlas_category_get_id (to),
                                                    "https://example.org/t"));
        }
    }

  g_ptr_array_sort (entries, compare_entry_dates);
  g_list_store_splice (history, 0, 0, entries->pdata, entries->len);
}

/* Every ISO 3166-1 country as a partner, each with 200 entries across
 * documents, dialogues and agreements and a long history: about 10 MB. */
static AtlasDataset *
make_large_dataset (void)
{
  AtlasDataset *dataset = atlas_dataset_new_bundled ();
  AtlasPartner *model;
  g_autoptr(AtlasPartner) template = NULL;
  const char * const *codes = atlas_iso_codes_get_all ();
  g_autoptr(GPtrArray) partners = g_ptr_array_new_with_free_func (g_object_unref);

  model = atlas_dataset_find_partner (dataset, "US");
  template = atlas_partner_copy (model);

  while (atlas_dataset_get_n_partners (dataset) > 0)
    {
      g_autoptr(AtlasPartner) first = g_list_model_get_item (atlas_dataset_get_partners (dataset), 0);
      atlas_dataset_remove_partner (dataset, first);
    }

  for (guint c = 0; codes[c] != NULL; c++)
    {
      AtlasPartner *partner = atlas_partner_copy (template);
      GListStore *documents = atlas_partner_get_documents_store (partner);
      GListStore *dialogues = atlas_partner_get_dialogues_store (partner);
      GListStore *agreements = atlas_partner_get_agreements_store (partner);

      atlas_partner_set_id (partner, codes[c]);
      atlas_partner_set_name (partner, atlas_iso_codes_get_name (codes[c]));
      g_list_store_remove_all (documents);
      g_list_store_remove_all (dialogues);
      g_list_store_remove_all (agreements);

      for (guint i = 0; i < 70; i++)
        {
          g_autofree char *title = filler ("Statement on", i, 1);
          g_autofree char *url = g_strdup_printf ("https://example.org/%s/%u",
                                                  codes[c], i);
          g_autoptr(AtlasDocument) document = atlas_document_new (title);

          atlas_document_set_year (document, 1990 + i % 30);
          atlas_document_set_url (document, url);
          g_list_store_append (documents, document);
        }

      for (guint i = 0; i < 65; i++)
        {
          g_autofree char *name = filler ("Dialogue on", i, 1);
          g_autoptr(AtlasDialogue) dialogue = atlas_dialogue_new (name);

          atlas_dialogue_set_frequency (dialogue, i % 3 ? "annual" : NULL);
          atlas_dialogue_set_level (dialogue, atlas_dialogue_get_level_values ()[i % 4]);
          atlas_dialogue_set_established (dialogue, i % 2 ? 2000 + i % 20 : 0);
          atlas_dialogue_set_status (dialogue, atlas_dialogue_get_status_values ()[i % 3]);
          g_list_store_append (dialogues, dialogue);
        }

      for (guint i = 0; i < 65; i++)
        {
          g_autofree char *title = filler ("Agreement on", i, 1);
          g_autoptr(AtlasAgreement) agreement =
            atlas_agreement_new (atlas_agreement_get_kind_values ()[i % 8], title);

          atlas_agreement_set_signed (agreement, 2000 + i % 15);
          atlas_agreement_set_in_force (agreement, i % 2 ? 2005 + i % 15 : 0);
          atlas_agreement_set_status (agreement, atlas_agreement_get_status_values ()[i % 6]);
          g_list_store_append (agreements, agreement);
        }

      add_long_history (dataset, partner);
      g_ptr_array_add (partners, partner);
    }

  for (guint i = 0; i < partners->len; i++)
    atlas_dataset_add_partner (dataset, g_ptr_array_index (partners, i));
  atlas_dataset_set_as_of (dataset, "2024-12-31");

  return dataset;
}

static GBytes *
large_bytes (void)
{
  static GBytes *bytes = NULL;

  if (bytes == NULL)
    {
      g_autoptr(AtlasDataset) dataset = make_large_dataset ();
      bytes = atlas_dataset_to_bytes (dataset);
    }

  return bytes;
}

/* Figures */

static gpointer
load_once (gpointer data)
{
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load_bytes (data, "bench.json", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);

  return dataset;
}

/* Includes freeing the bytes: a save is done when they are written. */
static gpointer
save_once (gpointer data)
{
  g_autoptr(GBytes) bytes = atlas_dataset_to_bytes (data);

  g_assert_nonnull (bytes);

  return NULL;
}

static void
figure_load_bundled (void)
{
  g_autoptr(GBytes) bytes = bundled_bytes ();

  bench_time ("load-bundled", 51, load_once, bytes);
}

static void
figure_save_bundled (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();

  bench_time ("save-bundled", 51, save_once, dataset);
}

static void
figure_load_large (void)
{
  GBytes *bytes = large_bytes ();

  bench_report_mb ("large-size", g_bytes_get_size (bytes));
  bench_time ("load-large", 7, load_once, bytes);
}

static void
figure_save_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load_bytes (large_bytes (), NULL, NULL, &error);

  g_assert_no_error (error);
  bench_time ("save-large", 7, save_once, dataset);
}

/* The whole of Save (atlas-dataset-file.c): check, serialize, write beside
 * the file, keep a backup, rename over it, read the new etag. */
static void
save_file_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  atlas_dataset_file_save_finish (ATLAS_DATASET_FILE (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

static gpointer
save_file_once (gpointer data)
{
  AtlasDatasetFile *document = data;
  gboolean done = FALSE;

  atlas_dataset_file_save_async (document, NULL, ATLAS_DATASET_FILE_SAVE_NONE, NULL,
                                 save_file_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  return NULL;
}

static void
figure_save_bundled_file (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autofree char *dir = g_dir_make_tmp ("atlas-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dataset.json", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AtlasDatasetFile) document = atlas_dataset_file_new (dataset, file, NULL);

  bench_time ("save-bundled-file", 51, save_file_once, document);

  g_clear_object (&document);
  g_remove (path);
  g_remove (backup);
  g_rmdir (dir);
}

/* An edit and its undo on the large dataset: the undo stack copies the
 * partner before and after. */
static gpointer
edit_undo_once (gpointer data)
{
  AtlasUndoStack *stack = data;
  AtlasDataset *dataset = atlas_undo_stack_get_dataset (stack);
  g_autoptr(AtlasPartner) partner = g_list_model_get_item (atlas_dataset_get_partners (dataset), 0);

  atlas_undo_stack_set_assessment (stack, partner, "Edited by the bench.");
  atlas_undo_stack_break_coalescing (stack);
  atlas_undo_stack_undo (stack);

  return NULL;
}

static void
figure_edit_undo_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load_bytes (large_bytes (), NULL, NULL, &error);
  g_autoptr(AtlasUndoStack) stack = NULL;

  g_assert_no_error (error);
  stack = atlas_undo_stack_new (dataset);
  bench_time ("edit-undo-large", 51, edit_undo_once, stack);
}

/* The peak resident size of this process, in kB. Not getrusage(): its
 * ru_maxrss survives execve(), so a child would inherit the bench's peak. */
long
atlas_bench_peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, "VmHWM:");

  return line ? strtol (line + strlen ("VmHWM:"), NULL, 10) : 0;
}

/* Peak memory of loading, measured in a fresh process so that nothing the
 * bench built before counts: the growth of the child's peak RSS from just
 * before reading the file to just after the dataset is built. */
static void
figure_load_large_rss (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  GBytes *bytes = large_bytes ();
  int fd, status = 0;
  double kb;
  const char *argv[] = { self_path, "--child-load", NULL, NULL };

  fd = g_file_open_tmp ("atlas-bench-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  argv[2] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_unlink (path);

  kb = g_ascii_strtod (output, NULL);
  bench_report_mb ("load-large-rss", kb * 1024.0);
}

/* Partner list: the core's filter and sort models, a key at a time, as
 * the search is typed and deleted (sorted by category, the dearer order). */
typedef struct
{
  AtlasPartnerFilter *filter;
  GPtrArray          *steps;
  guint               step;
} FilterBench;

static gpointer
filter_key_once (gpointer data)
{
  FilterBench *b = data;

  atlas_partner_filter_set_search (b->filter, g_ptr_array_index (b->steps, b->step++ % b->steps->len));
  g_list_model_get_n_items (atlas_partner_filter_get_model (b->filter));

  return NULL;
}

static void
figure_filter_large (void)
{
  static const char * const words[] = { "south korea", "united states", "bra", "ger", "côte" };
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load_bytes (large_bytes (), NULL, NULL, &error);
  g_autoptr(AtlasPartnerFilter) filter = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  FilterBench b = { 0 };

  g_assert_no_error (error);
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      glong len = g_utf8_strlen (words[w], -1);

      for (glong i = 1; i <= len; i++)
        g_ptr_array_add (steps, g_utf8_substring (words[w], 0, i));
      for (glong i = len - 1; i >= 0; i--)
        g_ptr_array_add (steps, g_utf8_substring (words[w], 0, i));
    }

  filter = atlas_partner_filter_new (atlas_dataset_get_partners (dataset));
  atlas_partner_filter_set_lens (filter, atlas_dataset_find_lens (dataset, "cooperation_depth"));
  atlas_partner_filter_set_sort (filter, ATLAS_PARTNER_SORT_CATEGORY);
  b.filter = filter;
  b.steps = steps;
  bench_time ("filter-large", steps->len, filter_key_once, &b);
}

/* The same, with the list drawn after each key (needs a display). */
static void
figure_filter_large_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load_bytes (large_bytes (), NULL, NULL, &error);

  g_assert_no_error (error);
  atlas_bench_panels_filter_list ("filter-large-list", dataset);
}

/* Selecting a partner and drawing its profile (needs a display). */
static void
figure_select_partner (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();

  atlas_bench_panels_select_partner ("select-partner", dataset);
}

/* The same on the large dataset: profiles of 200 entries and 24 changes. */
static void
figure_select_partner_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = atlas_dataset_load_bytes (large_bytes (), NULL, NULL, &error);

  g_assert_no_error (error);
  atlas_bench_panels_select_partner ("select-partner-large", dataset);
}

static int
child_load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  long before;

  /* What any run of the app has: types, the iso-codes table. */
  atlas_core_init ();
  before = atlas_bench_peak_rss_kb ();

  dataset = atlas_dataset_load_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_print ("%ld\n", atlas_bench_peak_rss_kb () - before);

  return 0;
}

/* Time (atlas-timeline.c). as-of-recompute: the indicators of every
 * partner as of another date each run, from the history's index (what a
 * step of the slider needs); as-of-state: the whole state as of a date, a
 * dataset of its own (what the window shows); changes-large: every change
 * between two dates. The indexes are built once, outside the timing
 * (timeline-index-large times that). */
typedef struct
{
  AtlasDataset       *dataset;
  AtlasTimelineIndex *index;
  GStrv               dates;
  guint               next;
  const char        **values;
  gboolean           *listed;
} AsOfBench;

static gpointer
as_of_indicators_once (gpointer data)
{
  AsOfBench *b = data;
  const char *date = b->dates[b->next++ % g_strv_length (b->dates)];

  atlas_timeline_index_indicators_at (b->index, date, b->values, b->listed);

  return NULL;
}

static gpointer
as_of_state_once (gpointer data)
{
  AsOfBench *b = data;
  const char *date = b->dates[b->next++ % g_strv_length (b->dates)];

  /* Returned: bench_time frees it outside the timing. */
  return atlas_timeline_dup_as_of (b->dataset, date);
}

static void
bench_as_of (const char   *name,
             AtlasDataset *dataset,
             gboolean      state)
{
  AsOfBench b = { dataset, NULL, NULL, 0, NULL, NULL };
  g_auto(GStrv) dates = atlas_timeline_dup_dates (dataset);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  /* Dates between the changes, and the baseline and the latest state. */
  g_strv_builder_add (builder, "2000-01-01");
  for (guint i = 0; dates[i] != NULL; i += 1 + g_strv_length (dates) / 20)
    g_strv_builder_add (builder, dates[i]);
  g_strv_builder_add (builder, atlas_dataset_get_as_of (dataset));
  b.dates = g_strv_builder_end (builder);
  b.index = atlas_timeline_index_new (dataset);
  b.values = g_new0 (const char *, atlas_timeline_index_get_n_partners (b.index) *
                                   atlas_timeline_index_get_n_lenses (b.index));
  b.listed = g_new0 (gboolean, atlas_timeline_index_get_n_partners (b.index));

  bench_time (name, 51, state ? as_of_state_once : as_of_indicators_once, &b);

  atlas_timeline_index_free (b.index);
  g_free (b.values);
  g_free (b.listed);
  g_strfreev (b.dates);
}

static AtlasDataset *
large_dataset (void)
{
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load_bytes (large_bytes (), NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static void
figure_as_of_recompute (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();

  bench_as_of ("as-of-recompute", dataset, FALSE);
}

static void
figure_as_of_recompute_large (void)
{
  g_autoptr(AtlasDataset) dataset = large_dataset ();

  bench_as_of ("as-of-recompute-large", dataset, FALSE);
}

static void
figure_as_of_state (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();

  bench_as_of ("as-of-state", dataset, TRUE);
}

static void
figure_as_of_state_large (void)
{
  g_autoptr(AtlasDataset) dataset = large_dataset ();

  bench_as_of ("as-of-state-large", dataset, TRUE);
}

static gpointer
index_once (gpointer data)
{
  atlas_timeline_index_free (atlas_timeline_index_new (data));

  return NULL;
}

static void
figure_timeline_index_large (void)
{
  g_autoptr(AtlasDataset) dataset = large_dataset ();

  bench_time ("timeline-index-large", 21, index_once, dataset);
}

static gpointer
changes_once (gpointer data)
{
  g_autoptr(GPtrArray) changes = atlas_timeline_index_changes (data, "2016-06-30", "2022-06-30");

  g_assert_cmpuint (changes->len, >, 0);

  return NULL;
}

static void
figure_changes_large (void)
{
  g_autoptr(AtlasDataset) dataset = large_dataset ();
  g_autoptr(AtlasTimelineIndex) index = atlas_timeline_index_new (dataset);

  bench_time ("changes-large", 21, changes_once, index);
}

/* Diff and merge. Each side changes 1,000 fields spread over the
 * partners (documents' links on one side, dialogues' and agreements'
 * status on the other), so that nearly every partner is merged field by
 * field, as when two desks worked on a dataset for months. */

static JsonNode *
parse_tree (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
edit_side (JsonNode *tree,
           gboolean  ours,
           guint     n_changes)
{
  JsonArray *partners = json_object_get_array_member (json_node_get_object (tree), "partners");
  guint n = json_array_get_length (partners);

  for (guint i = 0; i < n_changes; i++)
    {
      JsonObject *partner = json_array_get_object_element (partners, (i * 7919u) % n);
      guint k = i / n;

      if (ours)
        {
          JsonArray *documents = json_object_get_array_member (partner, "documents");
          g_autofree char *url = g_strdup_printf ("https://example.org/merged/%u", i);

          if (json_array_get_length (documents) == 0)
            continue;
          json_object_set_string_member (json_array_get_object_element (documents, k % json_array_get_length (documents)),
                                         "url", url);
        }
      else
        {
          const char *list = i % 2 ? "dialogues" : "agreements";
          JsonArray *entries = json_object_get_array_member (partner, list);

          if (json_array_get_length (entries) == 0)
            continue;
          json_object_set_string_member (json_array_get_object_element (entries, k % json_array_get_length (entries)),
                                         "status", i % 2 ? "dormant" : "on-hold");
        }
    }
}

typedef struct
{
  JsonNode     *base;
  JsonNode     *ours;
  JsonNode     *theirs;
  AtlasDataset *base_dataset;
  AtlasDataset *ours_dataset;
  AtlasDataset *theirs_dataset;
} MergeBench;

static void
merge_bench_init (MergeBench *b,
                  GBytes     *bytes,
                  guint       n_changes)
{
  g_autoptr(GError) error = NULL;

  b->base = parse_tree (bytes);
  b->ours = atlas_json_deep_copy (b->base);
  b->theirs = atlas_json_deep_copy (b->base);
  edit_side (b->ours, TRUE, n_changes);
  edit_side (b->theirs, FALSE, n_changes);
  b->base_dataset = atlas_dataset_from_json (b->base, "base", NULL, &error);
  g_assert_no_error (error);
  b->ours_dataset = atlas_dataset_from_json (b->ours, "ours", NULL, &error);
  g_assert_no_error (error);
  b->theirs_dataset = atlas_dataset_from_json (b->theirs, "theirs", NULL, &error);
  g_assert_no_error (error);
}

static void
merge_bench_clear (MergeBench *b)
{
  json_node_unref (b->base);
  json_node_unref (b->ours);
  json_node_unref (b->theirs);
  g_object_unref (b->base_dataset);
  g_object_unref (b->ours_dataset);
  g_object_unref (b->theirs_dataset);
}

static gpointer
diff_trees_once (gpointer data)
{
  MergeBench *b = data;
  g_autoptr(GPtrArray) changes = atlas_diff_json (b->base, b->ours);

  g_assert_cmpuint (changes->len, >, 0);
  return NULL;
}

static gpointer
diff_datasets_once (gpointer data)
{
  MergeBench *b = data;
  g_autoptr(GPtrArray) changes = atlas_diff_datasets (b->base_dataset, b->ours_dataset);

  g_assert_cmpuint (changes->len, >, 0);
  return NULL;
}

static gpointer
merge_trees_once (gpointer data)
{
  MergeBench *b = data;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) merged = atlas_merge_json (b->base, b->ours, b->theirs, &conflicts);

  g_assert_cmpuint (conflicts->len, ==, 0);
  return NULL;
}

/* The whole of atlas_merge (): the datasets' JSON, the merge, and the
 * result loaded and checked like any save. */
static gpointer
merge_datasets_once (gpointer data)
{
  MergeBench *b = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  AtlasDataset *merged = atlas_merge (b->base_dataset, b->ours_dataset, b->theirs_dataset,
                                      &conflicts, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  return merged;
}

static void
figure_diff_large (void)
{
  MergeBench b;

  merge_bench_init (&b, large_bytes (), 1000);
  bench_time ("diff-large", 7, diff_trees_once, &b);
  bench_time ("diff-large-datasets", 5, diff_datasets_once, &b);
  merge_bench_clear (&b);
}

static void
figure_merge_large (void)
{
  MergeBench b;

  merge_bench_init (&b, large_bytes (), 1000);
  bench_time ("merge-large", 7, merge_trees_once, &b);
  bench_time ("merge-large-datasets", 5, merge_datasets_once, &b);
  merge_bench_clear (&b);
}

static void
figure_merge_bundled (void)
{
  g_autoptr(GBytes) bytes = bundled_bytes ();
  MergeBench b;

  merge_bench_init (&b, bytes, 10);
  bench_time ("merge-bundled", 51, merge_datasets_once, &b);
  merge_bench_clear (&b);
}

static const Figure figures[] = {
  { "load-bundled", figure_load_bundled },
  { "save-bundled", figure_save_bundled },
  { "save-bundled-file", figure_save_bundled_file },
  { "edit-undo-large", figure_edit_undo_large },
  { "load-large", figure_load_large },
  { "save-large", figure_save_large },
  { "load-large-rss", figure_load_large_rss },
  { "as-of-recompute", figure_as_of_recompute },
  { "as-of-recompute-large", figure_as_of_recompute_large },
  { "as-of-state", figure_as_of_state },
  { "as-of-state-large", figure_as_of_state_large },
  { "timeline-index-large", figure_timeline_index_large },
  { "changes-large", figure_changes_large },
  { "diff-large", figure_diff_large },
  { "merge-large", figure_merge_large },
  { "merge-bundled", figure_merge_bundled },
  /* The map's figures (atlas-bench-map.c) need a display. */
  { "map-pan-1080p", atlas_bench_map_pan_1080p },
  { "map-pan-2160p", atlas_bench_map_pan_2160p },
  { "map-pan-europe-1080p", atlas_bench_map_pan_europe_1080p },
  { "map-redraw-1080p", atlas_bench_map_redraw_1080p },
  { "map-pan-1080p-mercator", atlas_bench_map_pan_1080p_mercator },
  { "map-redraw-1080p-mercator", atlas_bench_map_redraw_1080p_mercator },
  { "timeline-step-1080p", atlas_bench_timeline_step_1080p },
  { "hit-test", atlas_bench_hit_test },
  { "paint-world-1080p", atlas_bench_paint_world_1080p },
  { "startup", atlas_bench_startup },
  /* The side panels (atlas-bench-panels.c); all but filter-large need a display. */
  { "filter-large", figure_filter_large },
  { "filter-large-list", figure_filter_large_list },
  { "select-partner", figure_select_partner },
  { "select-partner-large", figure_select_partner_large },
  /* The exports (atlas-bench-export.c); no display. */
  { "export-pdf", atlas_bench_export_pdf },
  { "export-fiche", atlas_bench_export_fiche },
  { "export-png-2160p", atlas_bench_export_png_2160p },
  { "export-svg", atlas_bench_export_svg },
  { "export-csv", atlas_bench_export_csv },
  { "export-geojson", atlas_bench_export_geojson },
  { "export-json", atlas_bench_export_json },
};

int
main (int   argc,
      char *argv[])
{
  g_autofree char *only = NULL;
  gboolean list = FALSE;
  g_autofree char *child = NULL;
  g_autofree char *write_large = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run one figure", "NAME" },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, "List the figures", NULL },
    { "write-large", 0, 0, G_OPTION_ARG_FILENAME, &write_large,
      "Write the generated large dataset to FILE", "FILE" },
    { "child-load", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &child, NULL, NULL },
    { NULL }
  };
  gboolean found = FALSE;

  /* startup-first-frame's app, started as src/main.c starts it */
  if (argc == 2 && strcmp (argv[1], "--child-startup") == 0)
    return atlas_bench_startup_child (argv[0]);

  setlocale (LC_ALL, "");
  /* Drafts written while it edits, and settings, stay out of the user's
   * folders. */
  atlas_test_isolate_home ();
  /* Re-executed for figures that need a fresh process. */
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  context = g_option_context_new ("- measure Cyber Diplomacy Atlas");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  atlas_core_init ();

  if (child != NULL)
    return child_load (child);

  if (write_large != NULL)
    {
      GBytes *bytes = large_bytes ();

      if (!g_file_set_contents (write_large, g_bytes_get_data (bytes, NULL),
                                g_bytes_get_size (bytes), &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      if (list)
        g_print ("%s\n", figures[i].name);
      else if (only == NULL || strcmp (only, figures[i].name) == 0)
        {
          figures[i].run ();
          found = TRUE;
        }
    }

  if (!list && !found)
    {
      g_printerr ("No figure named %s (see --list)\n", only);
      return 2;
    }

  return 0;
}
