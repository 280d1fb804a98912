/* SPDX-License-Identifier: GPL-3.0-or-later */

/* `cyber-atlas --export`: one export from the command line, with no display
 * (see atlas-cli.h). */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "atlas-cli.h"
#include "atlas-cli-private.h"
#include "atlas-export.h"
#include "atlas-safe-write.h"

static char *
format_list (void)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < ATLAS_EXPORT_N_FORMATS; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, atlas_export_format_to_string (i));
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* "us, ca,MX" -> { "US", "CA", "MX" } */
static GStrv
parse_partners (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *id = g_ascii_strup (g_strstrip (parts[i]), -1);

      if (*id != '\0')
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

/* What --export was given */
typedef struct
{
  char     *format_name;
  char     *output;
  char     *lens;
  char     *partners;
  char     *size;
  char     *paper_name;
  char     *title;
  char     *as_of;
  char     *since;
  char     *order;
  GStrv     remaining;
  gboolean  hatch;
  gboolean  force;
} ExportArgs;

static void
export_args_clear (ExportArgs *args)
{
  g_free (args->format_name);
  g_free (args->output);
  g_free (args->lens);
  g_free (args->partners);
  g_free (args->size);
  g_free (args->paper_name);
  g_free (args->title);
  g_free (args->as_of);
  g_free (args->since);
  g_free (args->order);
  g_strfreev (args->remaining);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportArgs, export_args_clear)

/* The options the arguments ask for, or NULL when one of them is wrong
 * (said on stderr). */
static AtlasExportOptions *
options_from_args (const ExportArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasExportOptions) options = NULL;
  AtlasExportFormat format;
  AtlasPaper paper;
  int width = ATLAS_EXPORT_DEFAULT_WIDTH, height = ATLAS_EXPORT_DEFAULT_HEIGHT;

  if (args->format_name == NULL || !atlas_export_format_from_string (args->format_name, &format))
    {
      g_autofree char *known = format_list ();
      g_autofree char *message = NULL;

      if (args->format_name == NULL)
        /* Translators: %s is a list of formats */
        message = g_strdup_printf (_("--export needs a format: %s"), known);
      else
        /* Translators: the first %s is what the user typed, the second a list of formats */
        message = g_strdup_printf (_("“%s” is not an export format (use one of: %s)"),
                                   args->format_name, known);
      atlas_cli_print_error (message);
      return NULL;
    }

  if (args->since != NULL && format != ATLAS_EXPORT_FORMAT_PDF)
    {
      atlas_cli_print_error (_("--since adds a section to the PDF briefing: use it with --export pdf"));
      return NULL;
    }

  if (args->output == NULL || *args->output == '\0')
    {
      atlas_cli_print_error (_("--export needs --output FILE (“-” for the standard output)"));
      return NULL;
    }

  if (args->remaining != NULL && g_strv_length (args->remaining) > 1)
    {
      atlas_cli_print_error (_("--export takes at most one dataset"));
      return NULL;
    }

  if (args->size != NULL && !atlas_export_parse_size (args->size, &width, &height, &error))
    {
      atlas_cli_print_error (error->message);
      return NULL;
    }

  paper = atlas_paper_get_default ();
  if (args->paper_name != NULL && !atlas_paper_from_string (args->paper_name, &paper))
    {
      g_autofree char *message =
        /* Translators: %s is what the user typed */
        g_strdup_printf (_("“%s” is not a paper size (use a4 or letter)"), args->paper_name);

      atlas_cli_print_error (message);
      return NULL;
    }

  if (args->order != NULL && !g_str_equal (args->order, "name") && !g_str_equal (args->order, "category"))
    {
      g_autofree char *message =
        /* Translators: %s is what the user typed; do not translate "name" and "category" */
        g_strdup_printf (_("“%s” is not an order (use name or category)"), args->order);

      atlas_cli_print_error (message);
      return NULL;
    }

  options = atlas_export_options_new (format);
  if (args->order != NULL && g_str_equal (args->order, "category"))
    atlas_export_options_set_order (options, ATLAS_EXPORT_ORDER_CATEGORY);
  atlas_export_options_set_lens_id (options, args->lens);
  atlas_export_options_set_size (options, width, height);
  atlas_export_options_set_paper (options, paper);
  atlas_export_options_set_title (options, args->title);
  atlas_export_options_set_hatch (options, args->hatch);
  if (args->partners != NULL)
    {
      g_auto(GStrv) ids = parse_partners (args->partners);

      if (ids[0] == NULL)
        {
          atlas_cli_print_error (_("--partners needs at least one country code, such as US,CA"));
          return NULL;
        }
      atlas_export_options_set_partner_ids (options, (const char * const *) ids);
    }
  atlas_export_options_set_as_of (options, args->as_of);
  atlas_export_options_set_since (options, args->since);

  return g_steal_pointer (&options);
}

/* Before any work: whether the output may be written, and whether it is
 * the dataset itself (then only with --force). */
static gboolean
check_output (const ExportArgs *args,
              gboolean         *overwrites_input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  *overwrites_input = FALSE;
  if (g_str_equal (args->output, "-"))
    return TRUE;

  file = g_file_new_for_commandline_arg (args->output);
  /* A device, a named pipe or a folder is never replaced (a symlink to a
   * regular file is followed). */
  if (!atlas_safe_check_target (file, &error))
    {
      atlas_cli_print_error (error->message);
      return FALSE;
    }

  if (args->remaining != NULL)
    {
      g_autoptr(GFile) input = g_file_new_for_commandline_arg (args->remaining[0]);

      *overwrites_input = atlas_safe_same_file (input, file);
      if (*overwrites_input && !args->force)
        {
          g_autofree char *message =
            /* Translators: %s is a file name */
            g_strdup_printf (_("“%s” is the dataset being exported: add --force to replace it "
                               "(the old file is then kept as “%s~”)"), args->output, args->output);

          atlas_cli_print_error (message);
          return FALSE;
        }
    }

  return TRUE;
}

/* Writes the export to @output ("-": the standard output); replacing its
 * own input, the old dataset stays as FILE~. */
static gboolean
write_export (AtlasDataset       *dataset,
              AtlasExportOptions *options,
              const char         *output,
              gboolean            overwrites_input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = atlas_export_to_bytes (dataset, options, NULL, NULL, NULL, &error);
  g_autoptr(GFile) file = NULL;
  AtlasSafeWriteResult result = ATLAS_SAFE_WRITE_RESULT_NONE;

  if (g_str_equal (output, "-"))
    {
      if (bytes == NULL || !atlas_cli_write_stdout (bytes, &error))
        {
          atlas_cli_print_error (error->message);
          return FALSE;
        }
      return TRUE;
    }

  file = g_file_new_for_commandline_arg (output);
  if (bytes == NULL ||
      !atlas_safe_write (file, bytes,
                         overwrites_input ? ATLAS_SAFE_WRITE_BACKUP : ATLAS_SAFE_WRITE_NONE,
                         NULL, NULL, &result, NULL, &error))
    {
      atlas_cli_print_error (error->message);
      return FALSE;
    }
  if (result & ATLAS_SAFE_WRITE_BROKE_HARD_LINK)
    {
      g_autofree char *message =
        /* Translators: %s is a file name */
        g_strdup_printf (_("warning: “%s” had other hard links: they still show the old file"),
                         output);

      atlas_cli_print_error (message);
    }
  if (result & ATLAS_SAFE_WRITE_OWNER_NOT_KEPT)
    {
      g_autofree char *message =
        /* Translators: %s is a file name */
        g_strdup_printf (_("warning: “%s” now belongs to you: its owner or group could not be kept, "
                           "only its permissions"),
                         output);

      atlas_cli_print_error (message);
    }

  return TRUE;
}

int
atlas_cli_export (int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtlasDataset) dataset = NULL;
  g_autoptr(AtlasExportOptions) options = NULL;
  g_auto(ExportArgs) args = { 0 };
  gboolean overwrites_input = FALSE;
  const GOptionEntry entries[] = {
    { "export", 0, 0, G_OPTION_ARG_STRING, &args.format_name, NULL, NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output, NULL, NULL },
    { "lens", 0, 0, G_OPTION_ARG_STRING, &args.lens, NULL, NULL },
    { "partners", 0, 0, G_OPTION_ARG_STRING, &args.partners, NULL, NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &args.size, NULL, NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &args.paper_name, NULL, NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &args.title, NULL, NULL },
    { "hatch", 0, 0, G_OPTION_ARG_NONE, &args.hatch, NULL, NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &args.force, NULL, NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &args.as_of, NULL, NULL },
    { "since", 0, 0, G_OPTION_ARG_STRING, &args.since, NULL, NULL },
    { "order", 0, 0, G_OPTION_ARG_STRING, &args.order, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args.remaining, NULL, NULL },
    { NULL }
  };

  if (!atlas_cli_parse_options (argc, argv, entries))
    return 1;

  options = options_from_args (&args);
  if (options == NULL || !check_output (&args, &overwrites_input))
    return 1;

  dataset = atlas_cli_load_dataset (args.remaining ? args.remaining[0] : NULL);
  if (dataset == NULL)
    return 1;

  /* Before anything is written. */
  if (!atlas_export_options_check_dates (options, dataset, &error))
    {
      atlas_cli_print_error (error->message);
      return 1;
    }

  return write_export (dataset, options, args.output, overwrites_input) ? 0 : 1;
}
