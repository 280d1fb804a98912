/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Safe writing and bounded reading (atlas-safe-write.h).
 *
 * Written with POSIX calls rather than g_file_replace (): GIO writes in
 * place through a symlink and onto a hard-linked file (a full disk or a
 * kill then leaves the file cut short), does not fsync the folder, makes
 * its backup with default permissions, and its part files carry no lock to
 * tell a dead writer's from a live one's. The bytes still go through a
 * GOutputStream when the tests install their seam. */

/* openat, O_NOFOLLOW, flock, st_mtim: POSIX 2008 and BSD, not plain C11. */
#define _GNU_SOURCE

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "atlas-safe-write-private.h"

#define MAX_SYMLINKS 40
/* Part file names are ".NAME.XXXXXXXX.part"; a long NAME is cut to this
 * many bytes so that the part file's name stays within NAME_MAX. */
#define MAX_PART_BASE 200
#define READ_CHUNK (64 * 1024)

static AtlasSafeWriteHook write_hook;
static gpointer write_hook_data;
static gboolean refuse_chown;

void
atlas_safe_write_set_hook (AtlasSafeWriteHook hook,
                           gpointer           user_data)
{
  write_hook = hook;
  write_hook_data = user_data;
}

/* A write past RLIMIT_FSIZE kills the process with SIGXFSZ unless it is
 * ignored; ignored, the write fails with EFBIG, which is reported. */
static void
ignore_sigxfsz (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      struct sigaction action;

      if (sigaction (SIGXFSZ, NULL, &action) == 0 && action.sa_handler == SIG_DFL)
        signal (SIGXFSZ, SIG_IGN);
      g_once_init_leave (&done, 1);
    }
}

/* FNV-1a, 64 bits: the contents' fingerprint in an etag. Not for
 * security (whoever can write the file can do anything to it), only to tell
 * whether its bytes changed; GLib's checksums cost 5 to 10 times more
 * (SHA-256: 100 ms for 10 MB here), and a load pays for this one. */
static guint64
fingerprint_update (guint64       hash,
                    const guint8 *data,
                    gsize         len)
{
  for (gsize i = 0; i < len; i++)
    {
      hash ^= data[i];
      hash *= G_GUINT64_CONSTANT (0x100000001b3);
    }

  return hash;
}

#define FINGERPRINT_INIT G_GUINT64_CONSTANT (0xcbf29ce484222325)

static char *
stat_part (const struct stat *st)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%" G_GINT64_FORMAT
                          ":%" G_GINT64_FORMAT ".%09ld:%" G_GINT64_FORMAT ".%09ld",
                          (guint64) st->st_dev, (guint64) st->st_ino, (gint64) st->st_size,
                          (gint64) st->st_mtim.tv_sec, (long) st->st_mtim.tv_nsec,
                          (gint64) st->st_ctim.tv_sec, (long) st->st_ctim.tv_nsec);
}

/* "DEV:INODE:SIZE:MTIME:CTIME/LENGTH-FINGERPRINT" */
static char *
make_etag (const struct stat *st,
           const guint8      *data,
           gsize              len)
{
  g_autofree char *part = stat_part (st);

  return g_strdup_printf ("%s/%" G_GSIZE_FORMAT "-%016" G_GINT64_MODIFIER "x", part, len,
                          fingerprint_update (FINGERPRINT_INIT, data, len));
}

/* The "LENGTH-FINGERPRINT" of what @fd holds now. */
static char *
fingerprint_fd (int fd)
{
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  guint64 hash = FINGERPRINT_INIT;
  gsize len = 0;

  for (;;)
    {
      ssize_t n = read (fd, buffer, 64 * 1024);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      hash = fingerprint_update (hash, buffer, n);
      len += n;
    }

  return g_strdup_printf ("%" G_GSIZE_FORMAT "-%016" G_GINT64_MODIFIER "x", len, hash);
}

/* Whether the regular file at @path (status @st) is the one @etag
 * describes: the same status (nothing touched it), or other status but the
 * same bytes (a chmod, a new hard link, a backup tool's attributes). A
 * preserved modification time does not fool it: the status change time
 * cannot be set back, so the bytes are compared. */
static gboolean
etag_matches (const char        *path,
              const struct stat *st,
              const char        *etag)
{
  g_autofree char *now = stat_part (st);
  g_autofree char *contents = NULL;
  const char *slash = strrchr (etag, '/');
  int fd;

  if (slash == NULL)
    return g_str_equal (now, etag);
  if (strlen (now) == (gsize) (slash - etag) && strncmp (now, etag, slash - etag) == 0)
    return TRUE;

  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  contents = fingerprint_fd (fd);
  close (fd);

  return contents != NULL && g_str_equal (contents, slash + 1);
}

/* What went wrong, in plain words, for "Could not write “x”: …". */
static const char *
describe_errno (int err)
{
  switch (err)
    {
    case ENOSPC:
      return _("the disk is full");
#ifdef EDQUOT
    case EDQUOT:
      return _("the disk quota is used up");
#endif
    case EFBIG:
      return _("the file would be larger than this system allows (file size limit)");
    case EROFS:
      return _("the disk is read-only");
    case EACCES:
    case EPERM:
      return _("permission denied");
    case EIO:
      return _("the disk reported an input/output error");
    case ENOENT:
      return _("the folder does not exist");
    case ENOTDIR:
      return _("a part of the path is not a folder");
    case EISDIR:
      return _("it is a folder");
    case ENAMETOOLONG:
      return _("the name is too long");
    case ELOOP:
      return _("too many levels of symbolic links");
    default:
      return g_strerror (err);
    }
}

/* The same for an error that came through a stream (the tests' seam). */
static const char *
describe_io_error (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_NO_SPACE:
        return describe_errno (ENOSPC);
      case G_IO_ERROR_PERMISSION_DENIED:
        return describe_errno (EACCES);
      case G_IO_ERROR_READ_ONLY:
        return describe_errno (EROFS);
      default:
        break;
      }

  return error->message;
}

static void
set_errno_error (GError     **error,
                 int          err,
                 const char  *name)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err),
               /* Translators: a file name, then what went wrong */
               _("Could not write “%s”: %s"), name, describe_errno (err));
}

/* Why a file that is there is not one to read or replace, or NULL. */
static const char *
describe_not_regular (mode_t mode)
{
  if (S_ISREG (mode))
    return NULL;
  if (S_ISDIR (mode))
    return _("it is a folder, not a file");
  if (S_ISFIFO (mode))
    return _("it is a named pipe (FIFO), not a regular file");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("it is a device, not a regular file");
  if (S_ISSOCK (mode))
    return _("it is a socket, not a regular file");
  return _("it is not a regular file");
}

static void
set_not_regular_error (GError     **error,
                       mode_t       mode,
                       const char  *name)
{
  g_set_error (error, G_IO_ERROR,
               S_ISDIR (mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
               /* Translators: a file name, then why it cannot be replaced */
               _("Could not write “%s”: %s"), name, describe_not_regular (mode));
}

static void
set_read_not_regular_error (GError **error,
                            mode_t   mode)
{
  g_set_error_literal (error, G_IO_ERROR,
                       S_ISDIR (mode) ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE,
                       describe_not_regular (mode));
}

/* Follows @path's symlinks (relative ones from the folder of the link) to
 * the file they end at, which need not exist. */
static char *
resolve_target (const char  *path,
                struct stat *st,
                gboolean    *exists,
                int         *err)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i <= MAX_SYMLINKS; i++)
    {
      g_autofree char *link = NULL;

      if (lstat (current, st) != 0)
        {
          if (errno != ENOENT)
            {
              *err = errno;
              return NULL;
            }
          *exists = FALSE;
          return g_steal_pointer (&current);
        }

      if (!S_ISLNK (st->st_mode))
        {
          *exists = TRUE;
          return g_steal_pointer (&current);
        }

      link = g_file_read_link (current, NULL);
      if (link == NULL)
        {
          *err = errno != 0 ? errno : EINVAL;
          return NULL;
        }
      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
      else
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, link, NULL);
        }
    }

  *err = ELOOP;
  return NULL;
}

static char *
part_prefix (const char *base)
{
  g_autofree char *cut = g_strndup (base, MAX_PART_BASE);

  return g_strdup_printf (".%s.", cut);
}

static gboolean
is_part_of (const char *name,
            const char *prefix)
{
  gsize len = strlen (name), prefix_len = strlen (prefix);

  if (len != prefix_len + 8 + strlen (".part") ||
      !g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".part"))
    return FALSE;
  for (gsize i = prefix_len; i < prefix_len + 8; i++)
    if (!g_ascii_isxdigit (name[i]))
      return FALSE;

  return TRUE;
}

/* Part files of this target whose writer is gone (killed: nothing holds
 * their lock any more) go before a new one is made. */
static void
remove_stale_parts (const char *dir,
                    const char *base)
{
  g_autofree char *prefix = part_prefix (base);
  DIR *handle = opendir (dir);
  struct dirent *entry;

  if (handle == NULL)
    return;

  while ((entry = readdir (handle)) != NULL)
    {
      struct stat st;
      int fd;

      if (!is_part_of (entry->d_name, prefix))
        continue;

      fd = openat (dirfd (handle), entry->d_name,
                   O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0)
        unlinkat (dirfd (handle), entry->d_name, 0);
      close (fd);
    }

  closedir (handle);
}

/* Creates a new part file in @dir, locked for as long as it is open. */
static char *
create_part (const char *dir,
             const char *base,
             mode_t      mode,
             int        *fd_out,
             int        *err)
{
  g_autofree char *prefix = part_prefix (base);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf ("%s%08x.part", prefix, g_random_int ());
      g_autofree char *path = g_build_filename (dir, name, NULL);
      struct stat mine, there;
      int fd;

      fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, mode);
      if (fd < 0)
        {
          if (errno == EEXIST)
            continue;
          *err = errno;
          return NULL;
        }

      /* Where locks are not supported, a killed writer's part file stays. */
      flock (fd, LOCK_EX);

      /* Another writer's clean-up may have taken it before the lock. */
      if (fstat (fd, &mine) != 0 || lstat (path, &there) != 0 ||
          mine.st_ino != there.st_ino || mine.st_dev != there.st_dev)
        {
          close (fd);
          continue;
        }

      *fd_out = fd;
      return g_steal_pointer (&path);
    }

  *err = EEXIST;
  return NULL;
}

static gboolean
write_fd (int     fd,
          const guint8 *data,
          gsize   size,
          int    *err)
{
  while (size > 0)
    {
      ssize_t n = write (fd, data, MIN (size, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *err = errno;
          return FALSE;
        }
      data += n;
      size -= n;
    }

  return TRUE;
}

/* Writes @bytes to @fd, through the tests' seam if there is one. On
 * failure sets *@err (an errno) or @error. */
static gboolean
write_contents (int            fd,
                GFile         *file,
                GBytes        *bytes,
                GCancellable  *cancellable,
                int           *err,
                GError       **error)
{
  g_autoptr(GOutputStream) base = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (write_hook == NULL)
    return write_fd (fd, data, size, err);

  base = g_unix_output_stream_new (fd, FALSE);
  stream = write_hook (base, file, write_hook_data);

  return g_output_stream_write_all (stream, data, size, NULL, cancellable, error) &&
         g_output_stream_flush (stream, cancellable, error);
}

static gboolean
copy_fd (int  from,
         int  to,
         int *err)
{
  g_autofree guint8 *buffer = g_malloc (READ_CHUNK);

  for (;;)
    {
      ssize_t n = read (from, buffer, READ_CHUNK);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *err = errno;
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      if (!write_fd (to, buffer, n, err))
        return FALSE;
    }
}

/* The replaced file becomes "NAME~": a hard link to it, so it keeps its
 * permissions and owner and costs nothing; a copy with the same
 * permissions where the file system has no hard links. */
static gboolean
make_backup (const char        *target,
             const char        *dir,
             const char        *base,
             const struct stat *st,
             int               *err)
{
  g_autofree char *backup = g_strconcat (target, "~", NULL);
  g_autofree char *part = NULL;
  int from, to = -1;

  if (unlink (backup) != 0 && errno != ENOENT)
    {
      *err = errno;
      return FALSE;
    }
  if (link (target, backup) == 0)
    return TRUE;
  if (errno != EPERM && errno != EXDEV && errno != EMLINK && errno != ENOSYS &&
      errno != EOPNOTSUPP)
    {
      *err = errno;
      return FALSE;
    }

  from = open (target, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (from < 0)
    {
      *err = errno;
      return FALSE;
    }
  part = create_part (dir, base, 0600, &to, err);
  if (part == NULL ||
      fchmod (to, st->st_mode & 07777) != 0 ||
      !copy_fd (from, to, err) ||
      fsync (to) != 0 ||
      rename (part, backup) != 0)
    {
      if (*err == 0)
        *err = errno;
      if (part != NULL)
        unlink (part);
      if (to >= 0)
        close (to);
      close (from);
      return FALSE;
    }

  close (to);
  close (from);
  return TRUE;
}

void
atlas_safe_write_set_refuse_chown (gboolean refuse)
{
  refuse_chown = !!refuse;
}

static int
give_to (int   fd,
         uid_t uid,
         gid_t gid)
{
  if (refuse_chown)
    {
      errno = EPERM;
      return -1;
    }
  return fchown (fd, uid, gid);
}

/* The new file takes the old one's owner and group where the system lets
 * it (as root, or a group the user is in); otherwise it is the writer's,
 * with the old permissions, and this returns FALSE. */
static gboolean
keep_owner (int                fd,
            const struct stat *st)
{
  if (st->st_uid == geteuid () && st->st_gid == getegid ())
    return TRUE;
  if (give_to (fd, st->st_uid, st->st_gid) == 0)
    return TRUE;
  g_debug ("Could not keep the owner of a replaced file: %s", g_strerror (errno));
  /* The group alone, when the owner was already the writer */
  return give_to (fd, (uid_t) -1, st->st_gid) == 0 && st->st_uid == geteuid ();
}

static void
sync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  /* Some file systems cannot sync a folder (EINVAL); the rename stands. */
  fsync (fd);
  close (fd);
}

/* Files with no local path (a remote location, say): GIO's replace, which
 * at least never renames a half-written file into place. */
static gboolean
write_with_gio (GFile                *file,
                GBytes               *bytes,
                AtlasSafeWriteFlags   flags,
                const char           *etag,
                char                **new_etag,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  out = g_file_replace (file, etag, (flags & ATLAS_SAFE_WRITE_BACKUP) != 0,
                        (flags & ATLAS_SAFE_WRITE_PRIVATE) ? G_FILE_CREATE_PRIVATE
                                                           : G_FILE_CREATE_NONE,
                        cancellable, error);
  if (out == NULL)
    return FALSE;

  if (write_hook != NULL)
    stream = write_hook (G_OUTPUT_STREAM (out), file, write_hook_data);
  else
    stream = g_object_ref (G_OUTPUT_STREAM (out));

  if (!g_output_stream_write_all (stream, data, size, NULL, cancellable, error) ||
      !g_output_stream_flush (stream, cancellable, error))
    {
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      /* Closed with a cancelled cancellable, the new file is dropped. */
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return FALSE;

  if (new_etag != NULL)
    *new_etag = g_file_output_stream_get_etag (out);

  return TRUE;
}

/* Why no file could be made in @dir: the folder's fault, in its words. */
static void
set_create_error (GError    **error,
                  int         err,
                  const char *name,
                  const char *dir)
{
  struct stat dir_st;

  if (err == EACCES || err == EPERM ||
      (err == ENOENT && stat (dir, &dir_st) == 0 && S_ISDIR (dir_st.st_mode)))
    g_set_error (error, G_IO_ERROR,
                 err == ENOENT ? G_IO_ERROR_PERMISSION_DENIED : g_io_error_from_errno (err),
                 /* Translators: a file name, then a folder's */
                 _("Could not write “%s”: the folder “%s” does not allow creating files in it"),
                 name, dir);
  else if (err == EROFS)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                 /* Translators: a file name, then a folder's */
                 _("Could not write “%s”: the folder “%s” is on a read-only disk"),
                 name, dir);
  else if (err == ENOENT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 /* Translators: a file name, then a folder's */
                 _("Could not write “%s”: the folder “%s” does not exist"), name, dir);
  else
    set_errno_error (error, err, name);
}

gboolean
atlas_safe_write (GFile                 *file,
                  GBytes                *bytes,
                  AtlasSafeWriteFlags    flags,
                  const char            *etag,
                  char                 **new_etag,
                  AtlasSafeWriteResult  *result,
                  GCancellable          *cancellable,
                  GError               **error)
{
  const char *path;
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *part = NULL;
  g_autoptr(GError) stream_error = NULL;
  struct stat st, written;
  gboolean exists = FALSE;
  mode_t mode;
  int fd = -1, err = 0;
  gboolean owner_kept = TRUE;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (new_etag != NULL)
    *new_etag = NULL;
  if (result != NULL)
    *result = ATLAS_SAFE_WRITE_RESULT_NONE;

  path = g_file_peek_path (file);
  if (path == NULL)
    return write_with_gio (file, bytes, flags, etag, new_etag, cancellable, error);

  ignore_sigxfsz ();
  name = g_file_get_parse_name (file);

  target = resolve_target (path, &st, &exists, &err);
  if (target == NULL)
    {
      set_errno_error (error, err, name);
      return FALSE;
    }
  if (exists && !S_ISREG (st.st_mode))
    {
      set_not_regular_error (error, st.st_mode, name);
      return FALSE;
    }
  if (etag != NULL && exists)
    {
      if (!etag_matches (target, &st, etag))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                       /* Translators: %s is a file name */
                       _("“%s” was changed by someone else since it was opened"), name);
          return FALSE;
        }
    }

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  remove_stale_parts (dir, base);

  /* Until it has the old file's permissions, the new one is private. */
  mode = exists || (flags & ATLAS_SAFE_WRITE_PRIVATE) ? 0600 : 0666;
  part = create_part (dir, base, mode, &fd, &err);
  if (part == NULL)
    {
      set_create_error (error, err, name, dir);
      return FALSE;
    }

  if (exists)
    {
      owner_kept = keep_owner (fd, &st);
      /* After the owner: changing it clears the set-id bits. */
      if (fchmod (fd, st.st_mode & 07777) != 0)
        err = errno;
    }

  if (err != 0 ||
      !write_contents (fd, file, bytes, cancellable, &err, &stream_error) ||
      (fsync (fd) != 0 && (err = errno) != 0) ||
      g_cancellable_set_error_if_cancelled (cancellable, &stream_error) ||
      ((flags & ATLAS_SAFE_WRITE_BACKUP) && exists && !make_backup (target, dir, base, &st, &err)) ||
      (rename (part, target) != 0 && (err = errno) != 0))
    {
      unlink (part);
      close (fd);

      if (g_error_matches (stream_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&stream_error));
      else if (stream_error != NULL)
        g_set_error (error, stream_error->domain, stream_error->code,
                     _("Could not write “%s”: %s"), name, describe_io_error (stream_error));
      else
        set_errno_error (error, err, name);
      return FALSE;
    }

  sync_dir (dir);

  if (new_etag != NULL && fstat (fd, &written) == 0)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (bytes, &size);

      *new_etag = make_etag (&written, data, size);
    }
  close (fd);

  if (result != NULL && exists && st.st_nlink > 1)
    *result |= ATLAS_SAFE_WRITE_BROKE_HARD_LINK;
  if (result != NULL && !owner_kept)
    *result |= ATLAS_SAFE_WRITE_OWNER_NOT_KEPT;

  return TRUE;
}

char *
atlas_safe_query_etag (GFile   *file,
                       GError **error)
{
  const char *path;
  g_autofree char *contents = NULL;
  g_autofree char *part = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_peek_path (file);
  if (path == NULL)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, error);

      return info != NULL ? g_strdup (g_file_info_get_etag (info)) : NULL;
    }

  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) ||
      (contents = fingerprint_fd (fd)) == NULL)
    {
      int err = errno;
      g_autofree char *name = g_file_get_parse_name (file);

      if (fd >= 0 && !S_ISREG (st.st_mode))
        set_not_regular_error (error, st.st_mode, name);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err), "%s: %s", name,
                     describe_errno (err));
      if (fd >= 0)
        close (fd);
      return NULL;
    }
  close (fd);
  part = stat_part (&st);

  return g_strconcat (part, "/", contents, NULL);
}

gboolean
atlas_safe_etag_matches (GFile       *file,
                         const char  *etag,
                         GError     **error)
{
  const char *path;
  struct stat st;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (etag != NULL, FALSE);

  path = g_file_peek_path (file);
  if (path == NULL)
    {
      g_autofree char *now = atlas_safe_query_etag (file, error);

      return now != NULL && g_str_equal (now, etag);
    }

  if (stat (path, &st) != 0)
    {
      int err = errno;
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err), "%s: %s", name,
                   describe_errno (err));
      return FALSE;
    }

  return S_ISREG (st.st_mode) && etag_matches (path, &st, etag);
}

gboolean
atlas_safe_same_file (GFile *a,
                      GFile *b)
{
  const char *path_a, *path_b;
  struct stat st_a, st_b;

  g_return_val_if_fail (G_IS_FILE (a), FALSE);
  g_return_val_if_fail (G_IS_FILE (b), FALSE);

  path_a = g_file_peek_path (a);
  path_b = g_file_peek_path (b);
  if (path_a == NULL || path_b == NULL)
    return g_file_equal (a, b);

  return stat (path_a, &st_a) == 0 && stat (path_b, &st_b) == 0 &&
         st_a.st_dev == st_b.st_dev && st_a.st_ino == st_b.st_ino;
}

gboolean
atlas_safe_check_target (GFile   *file,
                         GError **error)
{
  const char *path;
  g_autofree char *target = NULL;
  struct stat st;
  gboolean exists = FALSE;
  int err = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_peek_path (file);
  if (path == NULL)
    return TRUE;

  target = resolve_target (path, &st, &exists, &err);
  if (target == NULL || (exists && !S_ISREG (st.st_mode)))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (target == NULL)
        set_errno_error (error, err, name);
      else
        set_not_regular_error (error, st.st_mode, name);
      return FALSE;
    }

  return TRUE;
}

static GBytes *
read_with_gio (GFile         *file,
               gsize          max_size,
               char         **etag,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autofree guint8 *chunk = g_malloc (READ_CHUNK);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ETAG_VALUE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("it is not a regular file"));
      return NULL;
    }

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), chunk, READ_CHUNK, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > max_size)
        {
          g_autofree char *limit = g_format_size (max_size);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       _("the file is too large (the limit is %s)"), limit);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
    }

  if (etag != NULL)
    *etag = g_strdup (g_file_info_get_etag (info));

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

GBytes *
atlas_safe_read (GFile         *file,
                 gsize          max_size,
                 char         **etag,
                 GCancellable  *cancellable,
                 GError       **error)
{
  const char *path;
  struct stat st;
  g_autofree guint8 *data = NULL;
  gsize len = 0, capacity;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (etag != NULL)
    *etag = NULL;

  path = g_file_peek_path (file);
  if (path == NULL)
    return read_with_gio (file, max_size, etag, cancellable, error);

  /* Never open a named pipe (that blocks) or a device (endless). */
  if (stat (path, &st) != 0)
    {
      int err = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (err),
                           err == ENOENT ? _("the file does not exist") : describe_errno (err));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_read_not_regular_error (error, st.st_mode);
      return NULL;
    }

  /* It may have been swapped since: non-blocking, and checked again. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      int err = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (err), describe_errno (err));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      set_read_not_regular_error (error, st.st_mode);
      close (fd);
      return NULL;
    }

  capacity = MIN ((gsize) MAX (st.st_size, 0), max_size) + 1;
  data = g_malloc (capacity);
  for (;;)
    {
      ssize_t n;

      if (len == capacity)
        {
          if (capacity > max_size)
            {
              g_autofree char *limit = g_format_size (max_size);

              g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                           _("the file is too large (the limit is %s)"), limit);
              close (fd);
              return NULL;
            }
          capacity = MIN (MAX (capacity * 2, (gsize) READ_CHUNK), max_size + 1);
          data = g_realloc (data, capacity);
        }

      n = read (fd, data + len, capacity - len);
      if (n < 0)
        {
          int err = errno;

          if (err == EINTR)
            continue;
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (err),
                               describe_errno (err));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      len += n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return NULL;
        }
    }
  close (fd);

  if (len > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("the file is too large (the limit is %s)"), limit);
      return NULL;
    }

  if (etag != NULL)
    *etag = make_etag (&st, data, len);

  return g_bytes_new_take (g_steal_pointer (&data), len);
}
