/* SPDX-License-Identifier: GPL-3.0-or-later */

/* `cyber-atlas --list-ids=KIND [DATASET]`: a hidden option for the shell
 * completions (data/completions/), which complete formats, lens ids and
 * partner ids from the app itself rather than from a copy of its rules or a
 * JSON parser of their own. Prints one id a line; needs no display. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "atlas-cli.h"
#include "atlas-dataset-io.h"
#include "atlas-export.h"
#include "atlas-lens.h"
#include "atlas-partner.h"
#include "atlas-text.h"

static AtlasDataset *
load (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset;

  if (path == NULL)
    return atlas_dataset_new_bundled ();

  file = g_file_new_for_commandline_arg (path);
  dataset = atlas_dataset_load_file_named (file, path, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      g_autofree char *shown = atlas_text_escape_line (path);

      /* Translators: %s is a file name */
      g_printerr (_("cyber-atlas: %s is not a valid dataset (cyber-atlas --validate says why)\n"),
                  shown);
    }

  return dataset;
}

int
atlas_cli_list_ids (int    argc,
                    char **argv)
{
  g_autoptr(AtlasDataset) dataset = NULL;
  const char *kind = NULL;
  const char *path = NULL;
  GListModel *items;
  const char * (*get_id) (gpointer);

  /* Read by hand, not by GOptionContext: a completion passes the whole line
   * typed so far, with the options of other modes, whose values must not be
   * taken for the dataset. The dataset is the last .json file on the line
   * that is not the value of --output (the one an export or a window would
   * use), else the bundled one. */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_has_prefix (argv[i], "--list-ids="))
        kind = argv[i] + strlen ("--list-ids=");
      else if (g_str_equal (argv[i], "--list-ids") && i + 1 < argc)
        kind = argv[++i];
      else if ((g_str_equal (argv[i], "--output") || g_str_equal (argv[i], "-o")) && i + 1 < argc)
        i++;
      else if (argv[i][0] != '-' && g_str_has_suffix (argv[i], ".json"))
        path = argv[i];
    }

  if (g_strcmp0 (kind, "formats") == 0)
    {
      for (guint i = 0; i < ATLAS_EXPORT_N_FORMATS; i++)
        printf ("%s\n", atlas_export_format_to_string (i));
      return fflush (stdout) == 0 ? 0 : 1;
    }

  if (g_strcmp0 (kind, "lenses") == 0)
    get_id = (gpointer) atlas_lens_get_id;
  else if (g_strcmp0 (kind, "partners") == 0)
    get_id = (gpointer) atlas_partner_get_id;
  else
    {
      g_printerr ("cyber-atlas: --list-ids takes formats, lenses or partners\n");
      return 1;
    }

  dataset = load (path);
  if (dataset == NULL)
    return 1;

  items = g_str_equal (kind, "lenses") ? atlas_dataset_get_lenses (dataset)
                                        : atlas_dataset_get_partners (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      /* Ids are checked by the loader ([a-z0-9_]+, ISO codes): safe on a
       * terminal, escaped all the same. */
      g_autofree char *id = atlas_text_escape_line (get_id (item));

      printf ("%s\n", id);
    }

  return fflush (stdout) == 0 ? 0 : 1;
}
