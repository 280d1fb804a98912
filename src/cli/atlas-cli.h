/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `cyber-atlas --validate FILE...`: prints one line per problem on stdout
 * and a summary on stderr. Returns the process exit status: 0 when every
 * file is valid, 1 otherwise. Needs no display. */
int atlas_cli_validate (const char * const *paths);

/* `cyber-atlas --export FORMAT --output FILE [--lens ID] [--partners ID,...]
 * [--size WxH] [--paper a4|letter] [--title TEXT] [--hatch] [--force] [--order name|category] [DATASET]`
 * (atlas-cli-export.c): writes one export of DATASET, or of the bundled
 * dataset. @argv is the whole command line. Returns 0 on success, 1 with a
 * message on stderr otherwise. Needs no display. */
int atlas_cli_export   (int                 argc,
                        char              **argv);

/* `cyber-atlas --list-ids=formats|lenses|partners [DATASET]`, hidden, for
 * the shell completions (atlas-cli-list.c): one id a line, of DATASET or
 * the bundled dataset. Returns 0, or 1 with a message on stderr. */
int atlas_cli_list_ids (int                 argc,
                        char              **argv);

/* `cyber-atlas --changes FROM[..TO] [--format csv|markdown|json]
 * [--output FILE] [DATASET]` (atlas-cli-changes.c): the changes dated
 * after FROM and up to TO (default: the dataset's as_of), one per row, on
 * the standard output or written to FILE. Returns 0, or 1 with a message on
 * stderr and nothing written. Needs no display. */
int atlas_cli_changes  (int                 argc,
                        char              **argv);

/* `cyber-atlas --diff A B [--format text|json]` (atlas-cli-merge.c): one
 * line per difference on stdout (or a JSON array). Returns 0 when the
 * datasets are equal, 1 when they differ, 2 on an error (git's convention). */
int atlas_cli_diff     (int                 argc,
                        char              **argv);

/* `cyber-atlas --merge BASE OURS THEIRS [--output FILE]`: writes the
 * three-way merge over OURS (git's merge drivers) or to FILE. Returns 0
 * when clean; 1 with conflicts (listed on stderr, ours kept, recorded in the
 * file); 2 with nothing written when a side cannot be read or the result
 * would not be valid. */
int atlas_cli_merge    (int                 argc,
                        char              **argv);

G_END_DECLS
