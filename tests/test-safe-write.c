/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The safe writer and reader (atlas-safe-write.h): symlinks and hard links,
 * permissions of the file and its backup, part files left by a killed
 * writer, special files, the read bound, the file size limit, etags that a
 * preserved modification time cannot fool. */

/* symlink, mknod, utimensat, st_mtim: POSIX 2008, not plain C11. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sys/wait.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "atlas-safe-write-private.h"
#include "atlas-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("atlas-safe-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  atlas_safe_write_set_hook (NULL, NULL);
  atlas_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
put (const char *path,
     const char *text,
     mode_t      mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

static mode_t
mode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  return st.st_mode;
}

static gboolean
write_text (const char           *path,
            const char           *text,
            AtlasSafeWriteFlags   flags,
            AtlasSafeWriteResult *result,
            GError              **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return atlas_safe_write (file, bytes, flags, NULL, NULL, result, NULL, error);
}

/* Part files of any target in @dir. */
static guint
count_parts (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".part"))
      n++;

  return n;
}

/* A stream that fails with ENOSPC after @limit bytes, as a full disk does. */

#define TYPE_FULL_STREAM (full_stream_get_type ())
G_DECLARE_FINAL_TYPE (FullStream, full_stream, FULL, STREAM, GFilterOutputStream)

struct _FullStream
{
  GFilterOutputStream parent_instance;
  gsize               left;
};

G_DEFINE_FINAL_TYPE (FullStream, full_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gssize
full_stream_write (GOutputStream  *stream,
                   const void     *buffer,
                   gsize           count,
                   GCancellable   *cancellable,
                   GError        **error)
{
  FullStream *self = FULL_STREAM (stream);
  GOutputStream *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (stream));
  gssize n;

  if (self->left == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
      return -1;
    }
  n = g_output_stream_write (base, buffer, MIN (count, self->left), cancellable, error);
  if (n > 0)
    self->left -= n;
  return n;
}

static void
full_stream_class_init (FullStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = full_stream_write;
}

static void
full_stream_init (FullStream *self)
{
}

static GOutputStream *
full_hook (GOutputStream *base,
           GFile         *file,
           gpointer       user_data)
{
  FullStream *stream = g_object_new (TYPE_FULL_STREAM,
                                     "base-stream", base,
                                     "close-base-stream", FALSE,
                                     NULL);

  stream->left = GPOINTER_TO_SIZE (user_data);
  return G_OUTPUT_STREAM (stream);
}

/* tests */

/* Through a symlink: the link stays, its target is replaced whole, with its
 * permissions; the backup beside the target keeps them too. */
static void
test_symlink (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *real = path_in (fixture, "real.json");
  g_autofree char *link = path_in (fixture, "link.json");
  g_autofree char *backup = path_in (fixture, "real.json~");
  g_autofree char *link_backup = NULL;
  g_autoptr(GError) error = NULL;
  AtlasSafeWriteResult result;

  put (real, "old", 0600);
  g_assert_cmpint (symlink ("real.json", link), ==, 0);

  g_assert_true (write_text (link, "new", ATLAS_SAFE_WRITE_BACKUP, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, ATLAS_SAFE_WRITE_RESULT_NONE);

  g_assert_true (S_ISLNK (mode_of (link)));
  assert_contents (real, "new");
  g_assert_cmpint (mode_of (real) & 07777, ==, 0600);
  assert_contents (backup, "old");
  g_assert_cmpint (mode_of (backup) & 07777, ==, 0600);
  link_backup = g_strconcat (link, "~", NULL);
  g_assert_false (g_file_test (link_backup, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_parts (fixture->dir), ==, 0);
}

/* A chain of links, one relative and one absolute, into another folder. */
static void
test_symlink_chain (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *sub = path_in (fixture, "sub");
  g_autofree char *real = g_build_filename (sub, "real.json", NULL);
  g_autofree char *middle = path_in (fixture, "middle.json");
  g_autofree char *link = path_in (fixture, "link.json");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  put (real, "old", 0640);
  g_assert_cmpint (symlink (real, middle), ==, 0);
  g_assert_cmpint (symlink ("middle.json", link), ==, 0);

  g_assert_true (write_text (link, "new", ATLAS_SAFE_WRITE_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (S_ISLNK (mode_of (link)));
  g_assert_true (S_ISLNK (mode_of (middle)));
  assert_contents (real, "new");
  g_assert_cmpint (mode_of (real) & 07777, ==, 0640);
  g_assert_cmpuint (count_parts (sub), ==, 0);

  /* A loop is an error, not a hang. */
  g_assert_cmpint (g_unlink (middle), ==, 0);
  g_assert_cmpint (symlink ("link.json", middle), ==, 0);
  g_assert_false (write_text (link, "x", ATLAS_SAFE_WRITE_NONE, NULL, &error));
  g_assert_nonnull (strstr (error->message, "symbolic links"));
}

/* A hard-linked file is not written in place: the name written gets the
 * new file, the other name keeps the old one, and the caller is told. */
static void
test_hard_link (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *a = path_in (fixture, "a.json");
  g_autofree char *b = path_in (fixture, "b.json");
  g_autoptr(GError) error = NULL;
  AtlasSafeWriteResult result;

  put (a, "old", 0640);
  g_assert_cmpint (link (a, b), ==, 0);

  g_assert_true (write_text (a, "new", ATLAS_SAFE_WRITE_BACKUP, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, ATLAS_SAFE_WRITE_BROKE_HARD_LINK);
  assert_contents (a, "new");
  assert_contents (b, "old");
  g_assert_cmpint (mode_of (a) & 07777, ==, 0640);

  /* Once alone, no warning. */
  g_assert_true (write_text (a, "newer", ATLAS_SAFE_WRITE_NONE, &result, &error));
  g_assert_cmpint (result, ==, ATLAS_SAFE_WRITE_RESULT_NONE);
}

/* A full disk midway through a symlink or a hard link: nothing changes. */
static void
test_full_disk_through_links (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *real = path_in (fixture, "real.json");
  g_autofree char *sym = path_in (fixture, "link.json");
  g_autofree char *hard = path_in (fixture, "hard.json");
  g_autofree char *big = g_strnfill (100000, 'x');
  g_autoptr(GError) error = NULL;

  put (real, "old", 0644);
  g_assert_cmpint (symlink ("real.json", sym), ==, 0);
  g_assert_cmpint (link (real, hard), ==, 0);
  atlas_safe_write_set_hook (full_hook, GSIZE_TO_POINTER (4096));

  g_assert_false (write_text (sym, big, ATLAS_SAFE_WRITE_BACKUP, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  g_assert_nonnull (strstr (error->message, "link.json"));
  g_clear_error (&error);
  assert_contents (real, "old");
  assert_contents (hard, "old");

  g_assert_false (write_text (hard, big, ATLAS_SAFE_WRITE_BACKUP, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  assert_contents (real, "old");
  assert_contents (hard, "old");
  g_assert_true (S_ISLNK (mode_of (sym)));
  g_assert_cmpuint (count_parts (fixture->dir), ==, 0);
}

/* The permissions of an existing file are kept; a new file gets the usual
 * ones, or the owner's only when private. */
static void
test_modes (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *kept = path_in (fixture, "kept.json");
  g_autofree char *fresh = path_in (fixture, "fresh.json");
  g_autofree char *private = path_in (fixture, "private.json");
  g_autoptr(GError) error = NULL;
  mode_t mask = umask (022);

  put (kept, "old", 0604);
  g_assert_true (write_text (kept, "new", ATLAS_SAFE_WRITE_BACKUP, NULL, &error));
  g_assert_cmpint (mode_of (kept) & 07777, ==, 0604);
  g_assert_true (write_text (fresh, "new", ATLAS_SAFE_WRITE_NONE, NULL, &error));
  g_assert_cmpint (mode_of (fresh) & 07777, ==, 0644);
  g_assert_true (write_text (private, "new", ATLAS_SAFE_WRITE_PRIVATE, NULL, &error));
  g_assert_cmpint (mode_of (private) & 07777, ==, 0600);
  g_assert_no_error (error);
  umask (mask);
}

/* The owner and group of the replaced file are kept (where the writer may
 * give files away: as root). */
static void
test_owner (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "theirs.json");
  g_autoptr(GError) error = NULL;
  AtlasSafeWriteResult result;
  struct stat st;

  if (geteuid () != 0)
    {
      g_test_skip ("only root can give a file to someone else");
      return;
    }

  put (path, "old", 0640);
  /* Root of a user namespace (a rootless container) may not map these ids. */
  if (chown (path, 4321, 4322) != 0)
    {
      g_test_skip ("cannot give a file to uid 4321 here");
      return;
    }
  g_assert_true (write_text (path, "new", ATLAS_SAFE_WRITE_BACKUP, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, ATLAS_SAFE_WRITE_RESULT_NONE);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_uid, ==, 4321);
  g_assert_cmpint (st.st_gid, ==, 4322);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  assert_contents (path, "new");
}

/* A user who may write in a folder replaces a file of someone else's
 * there: the new file is theirs, with the old permissions, and the result
 * says the owner was not kept (the window and --export tell the user). */
static void
test_owner_not_kept (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *shared = path_in (fixture, "shared");
  g_autofree char *path = g_build_filename (shared, "roots.json", NULL);
  int status;
  pid_t pid;
  struct stat st;

  if (geteuid () != 0)
    {
      g_test_skip ("only root can make a file someone else's and become another user");
      return;
    }

  /* A folder anyone may write in (not sticky: any file in it may be
   * replaced), a file of root's in it */
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (shared, 0777), ==, 0);
  g_assert_cmpint (g_chmod (shared, 0777), ==, 0);
  put (path, "old", 0644);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      AtlasSafeWriteResult result = ATLAS_SAFE_WRITE_RESULT_NONE;

      /* Root of a user namespace may not map these ids: 77 = skip */
      if (setgroups (0, NULL) != 0 || setgid (4322) != 0 || setuid (4321) != 0)
        _exit (77);
      if (!write_text (path, "new", ATLAS_SAFE_WRITE_NONE, &result, NULL))
        _exit (1);
      _exit (result == ATLAS_SAFE_WRITE_OWNER_NOT_KEPT ? 0 : 2);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 77)
    {
      g_test_skip ("cannot become uid 4321 here");
      return;
    }
  /* 1: the write failed; 2: the result did not say the owner changed */
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  assert_contents (path, "new");
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_uid, ==, 4321);
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);
}

/* A killed writer's part file goes with the next write of the same
 * target; a live writer's (locked), or another target's, stays. */
static void
test_stale_parts (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *target = path_in (fixture, "data.json");
  g_autofree char *dead = path_in (fixture, ".data.json.0badc0de.part");
  g_autofree char *live = path_in (fixture, ".data.json.12345678.part");
  g_autofree char *other = path_in (fixture, ".other.json.0badc0de.part");
  g_autofree char *lookalike = path_in (fixture, ".data.json.notmine.part");
  g_autoptr(GError) error = NULL;
  int fd;

  put (target, "old", 0644);
  put (dead, "half", 0600);
  put (live, "half", 0600);
  put (other, "half", 0600);
  put (lookalike, "keep", 0600);
  fd = open (live, O_RDONLY);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  g_assert_true (write_text (target, "new", ATLAS_SAFE_WRITE_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (lookalike, G_FILE_TEST_EXISTS));

  /* Its writer gone, the next write takes it. */
  close (fd);
  g_assert_true (write_text (target, "newer", ATLAS_SAFE_WRITE_NONE, NULL, &error));
  g_assert_false (g_file_test (live, G_FILE_TEST_EXISTS));
}

/* Only a regular file is replaced: a named pipe, a device, a folder, or a
 * symlink to one, is refused and left as it is. */
static void
test_not_regular_targets (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *fifo = path_in (fixture, "fifo");
  g_autofree char *to_null = path_in (fixture, "null-link");
  g_autofree char *device = path_in (fixture, "device");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (write_text (fifo, "x", ATLAS_SAFE_WRITE_NONE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "named pipe"));
  g_clear_error (&error);
  g_assert_true (S_ISFIFO (mode_of (fifo)));

  /* (Only if /dev/null is what it should be: a test elsewhere, run as
   * root, may have replaced it.) */
  if (S_ISCHR (mode_of ("/dev/null")))
    {
      g_assert_cmpint (symlink ("/dev/null", to_null), ==, 0);
      g_assert_false (write_text (to_null, "x", ATLAS_SAFE_WRITE_NONE, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_assert_nonnull (strstr (error->message, "device"));
      g_clear_error (&error);
      g_assert_true (S_ISCHR (mode_of ("/dev/null")));
    }

  if (mknod (device, S_IFCHR | 0600, makedev (1, 3)) == 0)
    {
      g_assert_false (write_text (device, "x", ATLAS_SAFE_WRITE_NONE, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_clear_error (&error);
      g_assert_true (S_ISCHR (mode_of (device)));
    }

  g_assert_false (write_text (fixture->dir, "x", ATLAS_SAFE_WRITE_NONE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  g_assert_cmpuint (count_parts (fixture->dir), ==, 0);
}

/* Reading refuses a named pipe (it would block) and a device (it would
 * never end) before opening them. */
static void
test_read_special (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *fifo = path_in (fixture, "fifo");
  g_autoptr(GFile) fifo_file = g_file_new_for_path (fifo);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* Were it opened for reading, with no writer, this would block. */
  alarm (20);
  g_assert_null (atlas_safe_read (fifo_file, 1024, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "named pipe"));
  g_clear_error (&error);

  g_assert_null (atlas_safe_read (zero, 1024 * 1024, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  g_assert_null (atlas_safe_read (dir, 1024, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  alarm (0);
}

/* The bound holds while reading: a /proc file says it is empty. */
static void
test_read_bound (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "ten.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) proc = g_file_new_for_path ("/proc/self/maps");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  struct stat st;

  put (path, "0123456789", 0644);
  bytes = atlas_safe_read (file, 10, &etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 10);
  g_assert_nonnull (etag);
  g_clear_pointer (&bytes, g_bytes_unref);

  g_assert_null (atlas_safe_read (file, 9, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);

  g_assert_cmpint (stat ("/proc/self/maps", &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_null (atlas_safe_read (proc, 64, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
}

/* An outside change that puts the modification time back (touch -r,
 * cp -p, rsync -t) still changes the etag, and a write with the old etag
 * is refused. */
static void
test_etag_preserved_mtime (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "data.json");
  g_autofree char *copy = path_in (fixture, "copy.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) ours = g_bytes_new_static ("ours", 4);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *renamed = NULL;
  struct stat st;
  struct timespec times[2];

  put (path, "aaaa", 0644);
  g_assert_cmpint (stat (path, &st), ==, 0);
  before = atlas_safe_query_etag (file, &error);
  g_assert_no_error (error);

  /* Same size, same modification time, other bytes, written in place. */
  g_usleep (20000);
  put (path, "bbbb", 0644);
  times[0] = st.st_atim;
  times[1] = st.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
  after = atlas_safe_query_etag (file, &error);
  g_assert_cmpstr (before, !=, after);

  g_assert_false (atlas_safe_write (file, ours, ATLAS_SAFE_WRITE_NONE, before, NULL, NULL,
                                    NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  assert_contents (path, "bbbb");

  /* Replaced by a copy with the same time (rsync -t renames one in). */
  put (copy, "cccc", 0644);
  g_assert_cmpint (utimensat (AT_FDCWD, copy, times, 0), ==, 0);
  g_assert_cmpint (rename (copy, path), ==, 0);
  renamed = atlas_safe_query_etag (file, &error);
  g_assert_cmpstr (renamed, !=, after);

  /* With the etag of what is there, the write goes through. */
  g_assert_true (atlas_safe_write (file, ours, ATLAS_SAFE_WRITE_NONE, renamed, NULL, NULL,
                                   NULL, &error));
  g_assert_no_error (error);
  assert_contents (path, "ours");
}

/* The file size limit (RLIMIT_FSIZE) makes a write fail midway: an error
 * that says so, not a silent death by SIGXFSZ, and the old file stands. */
static void
test_file_size_limit (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *real = path_in (fixture, "real.json");
  g_autofree char *link = path_in (fixture, "link.json");

  if (g_test_subprocess ())
    {
      struct rlimit limit = { 4096, 4096 };
      g_autofree char *big = g_strnfill (100000, 'x');
      g_autoptr(GError) error = NULL;
      const char *dir = g_getenv ("ATLAS_TEST_DIR");
      g_autofree char *sub_link = g_build_filename (dir, "link.json", NULL);

      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (write_text (sub_link, big, ATLAS_SAFE_WRITE_BACKUP, NULL, &error));
      g_printerr ("%s\n", error->message);
      return;
    }

  put (real, "old", 0644);
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  g_setenv ("ATLAS_TEST_DIR", fixture->dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*file size limit*");
  assert_contents (real, "old");
  g_assert_true (S_ISLNK (mode_of (link)));
  g_assert_cmpuint (count_parts (fixture->dir), ==, 0);
}

/* A folder where files cannot be created: said plainly. */
static void
test_folder_messages (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *gone = path_in (fixture, "gone");
  g_autofree char *in_gone = g_build_filename (gone, "data.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (write_text (in_gone, "x", ATLAS_SAFE_WRITE_NONE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);

  /* /proc/self/status is a file in a folder where none can be made. */
  g_assert_false (write_text ("/proc/self/status", "x", ATLAS_SAFE_WRITE_NONE, NULL, &error));
  g_assert_nonnull (strstr (error->message, "does not allow creating files"));
  g_clear_error (&error);

  if (geteuid () != 0)
    {
      g_autofree char *locked = path_in (fixture, "locked");
      g_autofree char *in_locked = g_build_filename (locked, "data.json", NULL);

      g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
      put (in_locked, "old", 0644);
      g_assert_cmpint (g_chmod (locked, 0500), ==, 0);
      g_assert_false (write_text (in_locked, "x", ATLAS_SAFE_WRITE_BACKUP, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, "does not allow creating files"));
      g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
      assert_contents (in_locked, "old");
    }
}

static void
test_same_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *a = path_in (fixture, "a.json");
  g_autofree char *b = path_in (fixture, "b.json");
  g_autofree char *c = path_in (fixture, "c.json");
  g_autofree char *d = path_in (fixture, "d.json");
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);
  g_autoptr(GFile) fc = g_file_new_for_path (c);
  g_autoptr(GFile) fd = g_file_new_for_path (d);

  put (a, "a", 0644);
  put (c, "a", 0644);
  g_assert_cmpint (symlink ("a.json", b), ==, 0);
  g_assert_true (atlas_safe_same_file (fa, fb));
  g_assert_false (atlas_safe_same_file (fa, fc));
  g_assert_false (atlas_safe_same_file (fa, fd));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/safe-write/symlink", test_symlink);
  ADD ("/safe-write/symlink-chain", test_symlink_chain);
  ADD ("/safe-write/hard-link", test_hard_link);
  ADD ("/safe-write/full-disk-through-links", test_full_disk_through_links);
  ADD ("/safe-write/modes", test_modes);
  ADD ("/safe-write/owner", test_owner);
  ADD ("/safe-write/owner-not-kept", test_owner_not_kept);
  ADD ("/safe-write/stale-parts", test_stale_parts);
  ADD ("/safe-write/not-regular-targets", test_not_regular_targets);
  ADD ("/safe-write/read-special", test_read_special);
  ADD ("/safe-write/read-bound", test_read_bound);
  ADD ("/safe-write/etag-preserved-mtime", test_etag_preserved_mtime);
  ADD ("/safe-write/file-size-limit", test_file_size_limit);
  ADD ("/safe-write/folder-messages", test_folder_messages);
  ADD ("/safe-write/same-file", test_same_file);

  return g_test_run ();
}
