/* SPDX-License-Identifier: GPL-3.0-or-later */

/* `cyber-atlas --diff` and `cyber-atlas --merge` (see atlas-cli.h): git's
 * conventions, so that both work as git's diff and merge drivers. */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "atlas-cli.h"
#include "atlas-cli-private.h"
#include "atlas-dataset-io.h"
#include "atlas-diff.h"
#include "atlas-merge.h"
#include "atlas-safe-write.h"
#include "atlas-text.h"

#define EXIT_TROUBLE 2

/* The files named: exactly @n_files, else the usage. */
static gboolean
check_files (GStrv       files,
             guint       n_files,
             const char *usage)
{
  g_autofree char *message = NULL;

  if (files != NULL && g_strv_length (files) == n_files)
    return TRUE;

  message = g_strdup_printf (_("Usage: cyber-atlas %s"), usage);
  atlas_cli_print_error (message);

  return FALSE;
}

int
atlas_cli_diff (int    argc,
                char **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *format = NULL;
  gboolean diff = FALSE;
  const GOptionEntry entries[] = {
    { "diff", 0, 0, G_OPTION_ARG_NONE, &diff, NULL, NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(AtlasDataset) a = NULL;
  g_autoptr(AtlasDataset) b = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gboolean json;

  if (!atlas_cli_parse_options (argc, argv, entries) ||
      !check_files (files, 2, "--diff A B [--format text|json]"))
    return EXIT_TROUBLE;
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown format “%s”: text or json"), format);

      atlas_cli_print_error (message);
      return EXIT_TROUBLE;
    }
  json = g_strcmp0 (format, "json") == 0;

  a = atlas_cli_load_dataset (files[0]);
  b = a ? atlas_cli_load_dataset (files[1]) : NULL;
  if (b == NULL)
    return EXIT_TROUBLE;

  changes = atlas_diff_datasets (a, b);

  /* Raw UTF-8: the text is escaped already, and g_print () would turn it
   * into "?" in a C locale. */
  if (json)
    fputs ("[", stdout);
  for (guint i = 0; i < changes->len; i++)
    {
      AtlasDiffChange *change = g_ptr_array_index (changes, i);
      g_autoptr(GString) line = g_string_new (NULL);

      if (json)
        {
          g_autoptr(JsonNode) node = atlas_diff_change_to_json (change);

          g_string_append (line, i > 0 ? ",\n  " : "\n  ");
          atlas_json_append_escaped (line, node);
        }
      else
        {
          g_autofree char *text = atlas_diff_change_to_string (change);

          g_string_append (line, text);
          g_string_append_c (line, '\n');
        }
      fputs (line->str, stdout);
    }
  if (json)
    fputs (changes->len > 0 ? "\n]\n" : "]\n", stdout);

  if (fflush (stdout) != 0)
    {
      atlas_cli_print_error (_("Could not write to the standard output"));
      return EXIT_TROUBLE;
    }

  return changes->len == 0 ? 0 : 1;
}

int
atlas_cli_merge (int    argc,
                 char **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *output = NULL;
  gboolean merge = FALSE;
  const GOptionEntry entries[] = {
    { "merge", 0, 0, G_OPTION_ARG_NONE, &merge, NULL, NULL },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  AtlasDataset *sides[3] = { NULL, NULL, NULL };
  g_autoptr(AtlasDataset) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) target = NULL;
  const char *target_path;
  int status = EXIT_TROUBLE;

  if (!atlas_cli_parse_options (argc, argv, entries) ||
      !check_files (files, 3, "--merge BASE OURS THEIRS [--output FILE]"))
    return EXIT_TROUBLE;

  for (guint i = 0; i < 3; i++)
    if ((sides[i] = atlas_cli_load_dataset (files[i])) == NULL)
      goto out;

  merged = atlas_merge (sides[0], sides[1], sides[2], &conflicts, &problems, &error);
  if (merged == NULL)
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        {
          g_autofree char *line = atlas_problem_to_string (g_ptr_array_index (problems, i));

          fprintf (stderr, "%s\n", line);
        }
      atlas_cli_print_error (error->message);
      goto out;
    }

  /* As git's merge drivers do: the result goes over ours. */
  target_path = output != NULL ? output : files[1];
  target = g_file_new_for_commandline_arg (target_path);
  bytes = atlas_dataset_to_bytes (merged);
  /* As git expects of a merge driver: the file replaced, no FILE~ left in
   * the work tree. */
  if (!atlas_safe_write (target, bytes, ATLAS_SAFE_WRITE_NONE, NULL, NULL, NULL, NULL, &error))
    {
      /* Safe writes' messages name the file. */
      atlas_cli_print_error (error->message);
      goto out;
    }

  for (guint i = 0; i < conflicts->len; i++)
    {
      g_autofree char *line = atlas_conflict_to_string (g_ptr_array_index (conflicts, i));

      fprintf (stderr, "%s\n", line);
    }
  if (conflicts->len > 0)
    {
      g_autofree char *safe_path = atlas_text_escape_line (target_path);

      fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                    "cyber-atlas: %u conflict, ours kept in %s; open it in Cyber Diplomacy Atlas to review\n",
                                    "cyber-atlas: %u conflicts, ours kept in %s; open it in Cyber Diplomacy Atlas to review\n",
                                    conflicts->len),
               conflicts->len, safe_path);
    }
  status = conflicts->len == 0 ? 0 : 1;

out:
  for (guint i = 0; i < 3; i++)
    g_clear_object (&sides[i]);

  return status;
}
