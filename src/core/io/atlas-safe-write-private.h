/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-safe-write.h"

G_BEGIN_DECLS

/* A seam for the tests: every safe write goes through the stream this
 * returns (a wrapper that fails after some bytes, as a full disk would, or
 * one that writes slowly, to be killed midway). @file is the file asked
 * for, before symlinks are followed. It must not close @base. NULL
 * restores the plain stream. */
typedef GOutputStream *(*AtlasSafeWriteHook) (GOutputStream *base,
                                              GFile         *file,
                                              gpointer       user_data);

void atlas_safe_write_set_hook (AtlasSafeWriteHook hook,
                                gpointer           user_data);

/* Another: when @refuse, giving a replaced file back to its owner fails
 * as it does for a user who is not root (EPERM), so that a test run as
 * root can see what the user is told then. */
void atlas_safe_write_set_refuse_chown (gboolean refuse);

G_END_DECLS
