/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "atlas-test-util.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#if ATLAS_TEST_HAVE_X11 && defined(GDK_WINDOWING_X11)
#include <gdk/x11/gdkx.h>
#endif

#include "atlas-core.h"
#include "atlas-partner.h"

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Matches the laid-out text, not the label's own: markup would be gone
 * from it. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text,
            gboolean    exact)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  atlas_test_collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *shown = pango_layout_get_text (gtk_label_get_layout (label));

      if (exact ? g_strcmp0 (shown, text) == 0 : strstr (shown, text) != NULL)
        return label;
    }

  return NULL;
}

static const char *test_home;

static void
remove_test_home (void)
{
  if (test_home != NULL)
    atlas_test_remove_tree (test_home);
}

/* A test that dies (a failed assertion aborts, a fatal critical traps, the
 * harness's timeout terminates) runs no atexit () handler: its folder goes
 * here, then the signal does what it would have done. Not async-signal-safe,
 * but the process is ending either way; the default action is back first,
 * so a second fault in here ends it too. */
static void
remove_test_home_and_die (int sig)
{
  signal (sig, SIG_DFL);
  remove_test_home ();
  raise (sig);
}

static void
remove_test_home_on_signals (void)
{
  static const int signals[] = { SIGABRT, SIGTRAP, SIGTERM, SIGINT, SIGHUP, SIGSEGV, SIGBUS, SIGFPE, SIGILL };

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      struct sigaction old;

      /* Whoever handles it already (a sanitizer, a debugger's helper) keeps it. */
      if (sigaction (signals[i], NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL)
        signal (signals[i], remove_test_home_and_die);
    }
}

void
atlas_test_isolate_home (void)
{
  static char *home;

  if (home != NULL)
    return;

  /* Its own state, data and config folders: drafts, recent files and
   * settings a window writes never reach the user's, nor another test
   * running beside it, and none left by earlier runs are offered. */
  home = g_dir_make_tmp ("atlas-test-XDG-XXXXXX", NULL);
  g_assert_nonnull (home);
  for (guint i = 0; i < 4; i++)
    {
      static const char *vars[] = { "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      g_setenv (vars[i], dir, TRUE);
    }
  test_home = home;
  atexit (remove_test_home);
  remove_test_home_on_signals ();
}

/* A folder of its own for one test, inside the isolated home, so it goes
 * when the test program exits (as g_dir_make_tmp's folders would not).
 * @name_template ends in XXXXXX, as for g_mkdtemp. */
char *
atlas_test_make_tmp_dir (const char *name_template)
{
  char *path;

  atlas_test_isolate_home ();
  path = g_build_filename (test_home, name_template, NULL);
  g_assert_nonnull (g_mkdtemp (path));
  return path;
}

/* A widget test with no display to open skips instead of failing: in TAP
 * mode (--tap, as meson runs the suite) with the plan `1..0 # SKIP reason`
 * and status 0, which is TAP's way and the one meson reads as a skip (it
 * calls any other status of a TAP test an error); run alone, with the GNU
 * skip status 77. The reason goes to stderr too, for whoever reads logs. */
static void
skip_without_display (int    argc,
                      char **argv)
{
  static const char reason[] =
    "needs a display: neither DISPLAY nor WAYLAND_DISPLAY is set (run it under xvfb-run)";
  gboolean tap = FALSE;

  if ((g_getenv ("DISPLAY") != NULL && g_getenv ("DISPLAY")[0] != '\0') ||
      (g_getenv ("WAYLAND_DISPLAY") != NULL && g_getenv ("WAYLAND_DISPLAY")[0] != '\0'))
    return;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--tap"))
      tap = TRUE;

  printf ("1..0 # SKIP %s\n", reason);
  fflush (stdout);
  fprintf (stderr, "%s: skipped: %s\n", argc > 0 ? argv[0] : "test", reason);
  exit (tap ? 0 : 77);
}

void
atlas_test_init_gui (int    *argc,
                     char ***argv)
{
  skip_without_display (*argc, *argv);
  atlas_test_isolate_home ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  atlas_core_init ();
}

void
atlas_test_flush (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

void
atlas_test_wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  atlas_test_flush ();
}

gboolean
atlas_test_iterate_until (AtlasTestDoneFunc done,
                          gpointer          data,
                          guint             timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timed_out_cb, &timed_out);
  gboolean result;

  while (!(result = done (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  return result;
}

gboolean
atlas_test_wait_for_flag (gboolean *flag,
                          guint     timeout_ms)
{
  return atlas_test_iterate_until (flag_set, flag, timeout_ms);
}

gboolean
atlas_test_focus_is_within (gpointer widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
window_inactive (gpointer window)
{
  return !gtk_window_is_active (window);
}

GtkWindow *
atlas_test_take_focus_from (GtkWindow *window)
{
  GtkWindow *other = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_title (other, "Another test's window");
  gtk_window_set_default_size (other, 64, 64);
  gtk_window_present (other);
  /* Not an assertion: while another client holds a keyboard grab (a popover
   * of another test), X reports focus changes that GDK does not follow. */
  if (!atlas_test_iterate_until (window_inactive, window, 5000))
    g_test_message ("the window stayed the active one: another client holds a grab?");
  return other;
}

gboolean
atlas_test_park_pointer (int  x,
                         int  y,
                         int *was_x,
                         int *was_y)
{
#if ATLAS_TEST_HAVE_X11 && defined(GDK_WINDOWING_X11)
  GdkDisplay *display = gdk_display_get_default ();
  Display *xdisplay;
  Window root, child;
  int root_x = 0, root_y = 0, win_x, win_y;
  unsigned int mask;

  if (!GDK_IS_X11_DISPLAY (display))
    return FALSE;
  xdisplay = gdk_x11_display_get_xdisplay (display);
  XQueryPointer (xdisplay, DefaultRootWindow (xdisplay), &root, &child, &root_x, &root_y, &win_x, &win_y, &mask);
  if (was_x != NULL)
    *was_x = root_x;
  if (was_y != NULL)
    *was_y = root_y;
  XWarpPointer (xdisplay, None, DefaultRootWindow (xdisplay), 0, 0, 0, 0, x, y);
  XSync (xdisplay, False);
  return TRUE;
#else
  return FALSE;
#endif
}

gboolean
atlas_test_has_label (GtkWidget  *widget,
                      const char *label)
{
  g_autofree char *mismatch = NULL;

  if (label == NULL)
    return TRUE;
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  return mismatch == NULL;
}

GtkWidget *
atlas_test_find_widget (GtkWidget  *root,
                        GType       type,
                        const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && atlas_test_has_label (child, label))
        return child;
      if ((found = atlas_test_find_widget (child, type, label)) != NULL)
        return found;
    }

  return NULL;
}

void
atlas_test_collect_widgets (GtkWidget *root,
                            GType      type,
                            GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      atlas_test_collect_widgets (child, type, found);
    }
}

GtkLabel *
atlas_test_find_label_showing (GtkWidget  *root,
                               const char *text)
{
  return find_label (root, text, TRUE);
}

GtkLabel *
atlas_test_find_label_containing (GtkWidget  *root,
                                  const char *needle)
{
  return find_label (root, needle, FALSE);
}

gpointer
atlas_test_template_child (gpointer    widget,
                           const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), G_OBJECT_TYPE (widget), id);

  g_assert_nonnull (child);
  return child;
}

GtkWindow *
atlas_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

void
atlas_test_add_app_style (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

GdkTexture *
atlas_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

void
atlas_test_save_texture (GdkTexture *texture,
                         const char *name)
{
  const char *dir = g_getenv ("ATLAS_SHOTS_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;

  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

void
atlas_test_save_shot (GtkWidget  *widget,
                      const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (g_getenv ("ATLAS_SHOTS_DIR") == NULL)
    return;

  atlas_test_wait_ms (300);
  texture = atlas_test_render_widget (widget);
  atlas_test_save_texture (texture, name);
}

AtlasTestPixels *
atlas_test_pixels_new (GdkTexture *texture)
{
  AtlasTestPixels *pixels = g_new0 (AtlasTestPixels, 1);

  pixels->width = gdk_texture_get_width (texture);
  pixels->height = gdk_texture_get_height (texture);
  pixels->stride = pixels->width * 4;
  pixels->data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->data, pixels->stride);

  return pixels;
}

void
atlas_test_pixels_free (AtlasTestPixels *pixels)
{
  g_free (pixels->data);
  g_free (pixels);
}

guint32
atlas_test_pixels_get (AtlasTestPixels *pixels,
                       double           x,
                       double           y)
{
  int px = (int) floor (x), py = (int) floor (y);
  guint32 argb;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, pixels->width);
  g_assert_cmpint (py, <, pixels->height);
  /* gdk_texture_download() writes native-endian ARGB words. */
  argb = *(guint32 *) (pixels->data + py * pixels->stride + px * 4);
  return argb & 0xffffff;
}

char *
atlas_test_partner_ids (GListModel *model)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, atlas_partner_get_id (partner));
    }

  return g_string_free (ids, FALSE);
}

guint
atlas_test_count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

void
atlas_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      atlas_test_remove_tree (child);
    }
  g_rmdir (path);
}

AtlasDataset *
atlas_test_load_paper (void)
{
  g_autoptr(GFile) file = g_file_new_build_filename (ATLAS_TEST_DATA_DIR, "paper-2014.json", NULL);
  g_autoptr(GError) error = NULL;
  AtlasDataset *dataset = atlas_dataset_load_file (file, NULL, NULL, NULL, &error);

  g_assert_no_error (error);

  return dataset;
}
