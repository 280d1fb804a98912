/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The one way the app writes a file (saves, drafts, exports, merges), and
 * the one way it reads a dataset-sized file.
 *
 * Writing: the new contents go to a hidden part file (".NAME.XXXXXXXX.part")
 * in the folder of the file that is really replaced (a symlink, or a chain
 * of them, is followed: the link stays a link and its target is replaced),
 * are fsync'd, then renamed over the target, and the folder is fsync'd. The
 * target is always the old complete file or the new complete one, whatever
 * happens (full disk, file size limit, kill, power cut). The new file keeps
 * the old one's permissions and, where the system allows, its owner and
 * group (ATLAS_SAFE_WRITE_OWNER_NOT_KEPT says when it could not: another
 * warning for the user). A file with other hard links is not written in place: the name
 * written gets the new file, the other names keep the old contents, and
 * ATLAS_SAFE_WRITE_BROKE_HARD_LINK says so (a warning for the user). Only
 * regular files are replaced: a folder, a device, a named pipe or a socket
 * is refused. Part files left by a killed writer of the same target are
 * removed by the next write (a live writer holds a lock on its own).
 *
 * Errors are in G_IO_ERROR with messages meant for the user, naming the
 * file and saying plainly what failed ("the disk is full", "the folder …
 * does not allow creating files"). G_IO_ERROR_WRONG_ETAG: the file is not
 * the one the etag describes; G_IO_ERROR_NOT_REGULAR_FILE,
 * G_IO_ERROR_IS_DIRECTORY: nothing to replace.
 *
 * Etags: "DEV:INODE:SIZE:MTIME:CTIME/LENGTH-FINGERPRINT" (times in
 * nanoseconds, a 64-bit FNV-1a of the bytes). Unlike GIO's (the
 * modification time only), an outside edit that keeps the modification
 * time (cp -p, rsync -t, touch -r) does not match: the status change time
 * cannot be set back and a replacing file has a new inode, and when the
 * status differs the bytes decide, so that a chmod or a new hard link is
 * not taken for an edit. Compare etags with atlas_safe_etag_matches (),
 * not as strings.
 */

typedef enum
{
  ATLAS_SAFE_WRITE_NONE    = 0,
  /* Keep the replaced file as "NAME~" beside it, with its permissions. */
  ATLAS_SAFE_WRITE_BACKUP  = 1 << 0,
  /* A new file is readable by its owner only (an existing one keeps its
   * permissions). */
  ATLAS_SAFE_WRITE_PRIVATE = 1 << 1,
} AtlasSafeWriteFlags;

typedef enum
{
  ATLAS_SAFE_WRITE_RESULT_NONE     = 0,
  /* The file had other hard links: they still show the old contents. */
  ATLAS_SAFE_WRITE_BROKE_HARD_LINK = 1 << 0,
  /* The file was someone else's (or another group's) and the system did
   * not let the writer give it back: the new file is the writer's, with
   * the old permissions. */
  ATLAS_SAFE_WRITE_OWNER_NOT_KEPT  = 1 << 1,
} AtlasSafeWriteResult;

/* Replaces @file with @bytes. @etag: when not NULL and the file exists,
 * the write fails with G_IO_ERROR_WRONG_ETAG unless the file is the one it
 * describes. @new_etag: the written file's etag. @result: notes for the
 * user about a write that succeeded. Blocks: call it in a thread. */
gboolean atlas_safe_write          (GFile                 *file,
                                    GBytes                *bytes,
                                    AtlasSafeWriteFlags    flags,
                                    const char            *etag,
                                    char                 **new_etag,
                                    AtlasSafeWriteResult  *result,
                                    GCancellable          *cancellable,
                                    GError               **error);

/* The etag of @file now (following symlinks; it reads the file); NULL with
 * an error when it cannot be read (G_IO_ERROR_NOT_FOUND when it is gone). */
char    *atlas_safe_query_etag     (GFile                 *file,
                                    GError               **error);
/* Whether @file is still the one @etag describes (it reads the file only
 * when its status changed). FALSE with an error when it cannot be read
 * (G_IO_ERROR_NOT_FOUND when it is gone). */
gboolean atlas_safe_etag_matches   (GFile                 *file,
                                    const char            *etag,
                                    GError               **error);

/* Reads all of @file, at most @max_size bytes. Refuses, before opening
 * it, anything but a regular file (a named pipe, a device such as
 * /dev/zero, a folder) with G_IO_ERROR_NOT_REGULAR_FILE (or
 * G_IO_ERROR_IS_DIRECTORY), and checks again on the opened file so that a
 * file swapped meanwhile cannot block it. A larger file fails with
 * G_IO_ERROR_MESSAGE_TOO_LARGE; the bound holds while reading, whatever
 * the file's size said. @etag: the etag of what was read. */
GBytes  *atlas_safe_read           (GFile                 *file,
                                    gsize                  max_size,
                                    char                 **etag,
                                    GCancellable          *cancellable,
                                    GError               **error);

/* Whether @a and @b are the same file on disk (following symlinks; hard
 * links count). FALSE when either does not exist. */
gboolean atlas_safe_same_file      (GFile                 *a,
                                    GFile                 *b);

/* Refuses an output that is not a regular file (missing is fine): a
 * folder, a device, a named pipe, a socket, with the message the writer
 * would give. For checks made before the work of an export starts. */
gboolean atlas_safe_check_target   (GFile                 *file,
                                    GError               **error);

G_END_DECLS
