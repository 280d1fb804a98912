/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "atlas-problem.h"
#include "atlas-text.h"

G_DEFINE_BOXED_TYPE (AtlasProblem, atlas_problem, atlas_problem_copy, atlas_problem_free)

G_DEFINE_QUARK (atlas-dataset-error-quark, atlas_dataset_error)

AtlasProblem *
atlas_problem_new (const char *file,
                   int         line,
                   int         column,
                   const char *path,
                   const char *message)
{
  AtlasProblem *self = g_new0 (AtlasProblem, 1);

  self->file = g_strdup (file ? file : "");
  self->line = line;
  self->column = column;
  self->path = g_strdup (path ? path : "");
  self->message = g_strdup (message ? message : "");

  return self;
}

AtlasProblem *
atlas_problem_copy (const AtlasProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return atlas_problem_new (self->file, self->line, self->column, self->path, self->message);
}

void
atlas_problem_free (AtlasProblem *self)
{
  if (self == NULL)
    return;

  g_free (self->file);
  g_free (self->path);
  g_free (self->message);
  g_free (self);
}

static void
append_escaped (GString    *str,
                const char *text)
{
  g_autofree char *escaped = atlas_text_escape_line (text);

  g_string_append (str, escaped);
}

/* "file:line:col: path: message", the form compilers use, so that editors
 * and terminals can jump to the spot. Parts that are unknown are left out.
 * Dataset text in it is escaped (atlas_text_escape_line()): one problem is
 * always one line, and nothing in it acts on a terminal.
 */
char *
atlas_problem_to_string (const AtlasProblem *self)
{
  GString *str;

  g_return_val_if_fail (self != NULL, NULL);

  str = g_string_new (NULL);

  if (self->file[0] != '\0')
    {
      append_escaped (str, self->file);
      if (self->line > 0)
        {
          g_string_append_printf (str, ":%d", self->line);
          if (self->column > 0)
            g_string_append_printf (str, ":%d", self->column);
        }
      g_string_append (str, ": ");
    }

  if (self->path[0] != '\0')
    {
      append_escaped (str, self->path);
      g_string_append (str, ": ");
    }

  append_escaped (str, self->message);

  return g_string_free (str, FALSE);
}
