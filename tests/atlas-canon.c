/* SPDX-License-Identifier: GPL-3.0-or-later */

/* atlas-canon FILE: prints FILE as the app would save it, or its problems.
 * The bundled dataset is kept in this canonical form, so that loading and
 * saving it gives the same bytes. Usage from the source tree:
 *   _build/tests/atlas-canon data/dataset.json > x && mv x data/dataset.json
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "atlas-core.h"
#include "atlas-dataset-private.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  setlocale (LC_ALL, "");
  atlas_core_init ();

  if (argc != 2)
    {
      g_printerr ("Usage: %s FILE\n", argv[0]);
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  dataset = atlas_dataset_load_file_named (file, argv[1], NULL, &problems, NULL, &error);
  if (dataset == NULL)
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        {
          g_autofree char *line = atlas_problem_to_string (g_ptr_array_index (problems, i));
          g_printerr ("%s\n", line);
        }
      if (problems == NULL)
        g_printerr ("%s\n", error->message);
      return 1;
    }

  bytes = atlas_dataset_to_bytes (dataset);
  data = g_bytes_get_data (bytes, &len);

  return fwrite (data, 1, len, stdout) == len && fflush (stdout) == 0 ? 0 : 1;
}
