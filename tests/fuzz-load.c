/* SPDX-License-Identifier: GPL-3.0-or-later */

/* libFuzzer target for dataset loading and saving. .ci/sanitize builds it
 * (with clang, the core instrumented for coverage, and sanitizers) and runs
 * it through tests/run-fuzz.py; by hand:
 *
 *   CC=clang meson setup _sanitize -Db_sanitize=address,undefined -Db_lundef=false \
 *     -Dfuzzing=true -Dc_args=-fsanitize=fuzzer-no-link
 *   meson compile -C _sanitize fuzz-load
 *   _sanitize/tests/fuzz-load -max_len=65536 NEW_DIR tests/fuzz-corpus tests/data
 *
 * Besides "no crash, no hang", it checks that whatever loads saves to
 * canonical text: saving, loading that and saving again gives the same
 * bytes.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "atlas-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasDataset) reloaded = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  /* A failed precondition in the core is a bug the fuzzer should report. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  atlas_core_init ();

  bytes = g_bytes_new_static (data, size);
  dataset = atlas_dataset_load_bytes (bytes, "fuzz.json", &problems, &error);

  if (dataset == NULL)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (problems);
      g_assert_cmpuint (problems->len, >=, 1);
      return 0;
    }

  g_assert_no_error (error);
  saved = atlas_dataset_to_bytes (dataset);
  reloaded = atlas_dataset_load_bytes (saved, "saved.json", NULL, &error);
  g_assert_no_error (error);
  saved_again = atlas_dataset_to_bytes (reloaded);
  g_assert_true (g_bytes_equal (saved, saved_again));

  return 0;
}
