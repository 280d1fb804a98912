/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What every command-line mode shares (printing an error, reading the
 * options, loading the dataset, writing to the standard output) and
 * --validate. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "atlas-cli.h"
#include "atlas-cli-private.h"
#include "atlas-dataset-io.h"
#include "atlas-salvage.h"
#include "atlas-text.h"

/* Messages may quote the dataset or a path: escaped, one line each. */
void
atlas_cli_print_error (const char *message)
{
  g_autofree char *shown = atlas_text_escape_line (message);

  g_printerr ("cyber-atlas: %s\n", shown);
}

/* The same reader as the app's: a named pipe or a device is refused, and
 * no more than ATLAS_DATASET_MAX_SIZE is read. */
AtlasDataset *
atlas_cli_load_dataset (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset;

  if (path == NULL)
    return atlas_dataset_new_bundled ();

  file = g_file_new_for_commandline_arg (path);
  dataset = atlas_dataset_load_file_named (file, path, NULL, &problems, NULL, &error);
  if (dataset != NULL)
    return dataset;

  if (problems != NULL && problems->len > 0)
    for (guint i = 0; i < problems->len; i++)
      {
        g_autofree char *line = atlas_problem_to_string (g_ptr_array_index (problems, i));

        g_printerr ("%s\n", line);
      }
  else
    /* The loader's message names the file and is escaped already. */
    g_printerr ("cyber-atlas: %s\n", error->message);

  return NULL;
}

gboolean
atlas_cli_write_stdout (GBytes  *bytes,
                        GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Could not write to the standard output"));
      return FALSE;
    }

  return TRUE;
}

gboolean
atlas_cli_parse_options (int                 argc,
                         char              **argv,
                         const GOptionEntry *entries)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  /* _strv frees what it takes out of the copy. */
  g_auto(GStrv) copy = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    copy[i] = g_strdup (argv[i]);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &copy, &error))
    {
      atlas_cli_print_error (error->message);
      return FALSE;
    }

  return TRUE;
}

/* "file:line:column: " as compilers write it, then the problem in the
 * dataset's words (the app's load dialog says the same), then the JSON path
 * in brackets for whoever fixes the file by hand:
 * partners.json:432:20: India’s WCIT-12 vote is “maybe”, which is not one
 * of Signed, Refused [partners[3].indicators.wcit_2012]. Everything that
 * comes from the file or its name is escaped for the terminal. */
static char *
problem_line (const AtlasProblem *problem,
              const char         *sentence)
{
  GString *line = g_string_new (NULL);
  g_autofree char *shown_sentence = atlas_text_escape_line (sentence);

  if (problem->file != NULL && problem->file[0] != '\0')
    {
      g_autofree char *shown_file = atlas_text_escape_line (problem->file);

      g_string_append (line, shown_file);
      if (problem->line > 0)
        {
          g_string_append_printf (line, ":%d", problem->line);
          if (problem->column > 0)
            g_string_append_printf (line, ":%d", problem->column);
        }
      g_string_append (line, ": ");
    }
  g_string_append (line, shown_sentence);
  if (problem->path != NULL && problem->path[0] != '\0')
    {
      g_autofree char *shown_path = atlas_text_escape_line (problem->path);

      g_string_append_printf (line, " [%s]", shown_path);
    }

  return g_string_free (line, FALSE);
}

int
atlas_cli_validate (const char * const *paths)
{
  guint n_files = 0, n_invalid = 0, n_problems = 0;

  if (paths == NULL || paths[0] == NULL)
    {
      g_printerr ("%s\n", _("No file to validate"));
      return 1;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);
      g_autoptr(AtlasDataset) dataset = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;

      n_files++;

      /* Problems name the file as the user typed it. */
      dataset = atlas_dataset_load_file_named (file, paths[i], NULL, &problems, NULL, &error);

      if (dataset != NULL)
        continue;

      n_invalid++;
      if (problems != NULL && problems->len > 0)
        {
          g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
          g_auto(GStrv) sentences = bytes ? atlas_salvage_describe_bytes (bytes, problems) : NULL;

          for (guint j = 0; j < problems->len; j++)
            {
              g_autofree char *line = sentences ? problem_line (g_ptr_array_index (problems, j), sentences[j])
                                                : atlas_problem_to_string (g_ptr_array_index (problems, j));

              /* Raw UTF-8: g_print() would turn quoted text into "?" in a C locale. */
              fputs (line, stdout);
              fputc ('\n', stdout);
            }
          n_problems += problems->len;
        }
      else
        {
          g_autofree char *shown_path = atlas_text_escape_line (paths[i]);
          g_autofree char *shown_message = atlas_text_escape_line (error->message);

          fprintf (stdout, "%s: %s\n", shown_path, shown_message);
          n_problems++;
        }
    }

  fflush (stdout);

  if (n_invalid == 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u file valid\n", "%u files valid\n", n_files),
                n_files);
  else
    {
      g_autofree char *files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u of %u file invalid",
                                                             "%u of %u files invalid", n_files),
                                                n_invalid, n_files);

      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s, %u problem\n", "%s, %u problems\n",
                               n_problems),
                  files, n_problems);
    }

  return n_invalid == 0 ? 0 : 1;
}
