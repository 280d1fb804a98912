/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "atlas-dataset.h"

G_BEGIN_DECLS

/* Shared by the command-line modes (--export, --changes, --diff, --merge). */

/* Parses @argv against @entries, on a copy (the parser takes out what it
 * reads); FALSE with the error printed. */
gboolean      atlas_cli_parse_options (int                 argc,
                                       char              **argv,
                                       const GOptionEntry *entries);

/* "cyber-atlas: MESSAGE" on stderr, escaped, one line. */
void          atlas_cli_print_error  (const char  *message);
/* The dataset at @path (NULL: the bundled one), or NULL with its problems
 * printed on stderr. */
AtlasDataset *atlas_cli_load_dataset (const char  *path);
gboolean      atlas_cli_write_stdout (GBytes      *bytes,
                                      GError     **error);

G_END_DECLS
