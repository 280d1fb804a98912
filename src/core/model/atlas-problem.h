/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One thing wrong with a dataset file, located as precisely as the parser
 * allows: line and column are 1-based, 0 when unknown; path is a JSON path
 * such as "partners[3].indicators.wcit_2012" ("" for the whole document).
 */
typedef struct _AtlasProblem AtlasProblem;

struct _AtlasProblem
{
  char *file;
  int   line;
  int   column;
  char *path;
  char *message;
};

#define ATLAS_TYPE_PROBLEM (atlas_problem_get_type ())

GType         atlas_problem_get_type  (void) G_GNUC_CONST;
AtlasProblem *atlas_problem_new       (const char         *file,
                                       int                 line,
                                       int                 column,
                                       const char         *path,
                                       const char         *message);
AtlasProblem *atlas_problem_copy      (const AtlasProblem *self);
void          atlas_problem_free      (AtlasProblem       *self);
char         *atlas_problem_to_string (const AtlasProblem *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasProblem, atlas_problem_free)

#define ATLAS_DATASET_ERROR (atlas_dataset_error_quark ())

typedef enum
{
  ATLAS_DATASET_ERROR_INVALID,   /* parsed, but problems found: see the problem list */
  ATLAS_DATASET_ERROR_TOO_NEW,   /* schema_version newer than this app knows */
  ATLAS_DATASET_ERROR_NOT_JSON,  /* not UTF-8, or not JSON at all */
  ATLAS_DATASET_ERROR_TOO_LARGE, /* refused before parsing */
  ATLAS_DATASET_ERROR_TOO_DEEP,  /* nesting deeper than the parser can take */
} AtlasDatasetError;

GQuark atlas_dataset_error_quark (void);

G_END_DECLS
