/* SPDX-License-Identifier: GPL-3.0-or-later */

/* `cyber-atlas --changes FROM[..TO]`: the dated changes between two dates,
 * from the command line, with no display (see atlas-cli.h). */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-cli.h"
#include "atlas-cli-private.h"
#include "atlas-export.h"
#include "atlas-timeline.h"

/* "2015-01-01..2020-12-31" or "2015-01-01": FALSE when the shape is wrong
 * (the dates themselves are checked against the dataset later). */
static gboolean
split_span (const char  *span,
            char       **from,
            char       **to)
{
  const char *dots = strstr (span, "..");

  if (dots == NULL)
    {
      *from = g_strdup (span);
      *to = NULL;
      return *span != '\0';
    }

  *from = g_strndup (span, dots - span);
  *to = g_strdup (dots + 2);

  return **from != '\0' && **to != '\0';
}

static gboolean
check_date (AtlasDataset *dataset,
            const char   *label,
            const char   *date)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (atlas_timeline_check_date (dataset, date, &error))
    return TRUE;

  /* Translators: "--changes FROM: <what is wrong>" */
  message = g_strdup_printf (_("--changes %s: %s"), label, error->message);
  atlas_cli_print_error (message);

  return FALSE;
}

int
atlas_cli_changes (int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *span = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_auto(GStrv) remaining = NULL;
  const GOptionEntry entries[] = {
    { "changes", 0, 0, G_OPTION_ARG_STRING, &span, NULL, NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, NULL, NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &remaining, NULL, NULL },
    { NULL }
  };

  if (!atlas_cli_parse_options (argc, argv, entries))
    return 1;

  if (span == NULL || !split_span (span, &from, &to))
    {
      atlas_cli_print_error (_("--changes needs a date or a span of dates: "
                               "FROM or FROM..TO, each YYYY-MM-DD"));
      return 1;
    }

  if (format == NULL)
    format = g_strdup ("csv");
  if (!g_strv_contains (atlas_timeline_changes_formats (), format))
    {
      g_autofree char *message =
        /* Translators: %s is what the user typed */
        g_strdup_printf (_("“%s” is not a format for --changes (use csv, markdown or json)"),
                         format);

      atlas_cli_print_error (message);
      return 1;
    }

  if (remaining != NULL && g_strv_length (remaining) > 1)
    {
      atlas_cli_print_error (_("--changes takes at most one dataset"));
      return 1;
    }

  dataset = atlas_cli_load_dataset (remaining ? remaining[0] : NULL);
  if (dataset == NULL)
    return 1;

  if (!check_date (dataset, "FROM", from) || (to != NULL && !check_date (dataset, "TO", to)))
    return 1;
  if (to == NULL)
    to = g_strdup (atlas_dataset_get_as_of (dataset));

  changes = atlas_timeline_changes (dataset, from, to);
  bytes = atlas_timeline_changes_to_bytes (changes, format, from, to);

  if (output == NULL || g_str_equal (output, "-"))
    {
      if (!atlas_cli_write_stdout (bytes, &error))
        {
          atlas_cli_print_error (error->message);
          return 1;
        }
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      if (!atlas_export_write_bytes (file, bytes, NULL, &error))
        {
          atlas_cli_print_error (error->message);
          return 1;
        }
    }

  return 0;
}
