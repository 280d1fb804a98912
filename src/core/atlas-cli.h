/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `cyber-atlas --validate FILE...`: prints one line per problem on stdout
 * and a summary on stderr. Returns the process exit status: 0 when every
 * file is valid, 1 otherwise. Needs no display. */
int atlas_cli_validate (const char * const *paths);

G_END_DECLS
