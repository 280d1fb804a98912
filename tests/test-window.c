/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window as a whole: a file that cannot be opened gets a page saying
 * what is wrong and where, and its name is shown as it is, never read as
 * markup (the status page's description is markup). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "atlas-window-private.h"

static void
iterate_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
showing_error (gpointer data)
{
  AtlasWindow *window = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (window->main_stack), "error") == 0;
}

/* The first label below @widget whose displayed text contains @needle. */
static GtkWidget *
find_label_containing (GtkWidget  *widget,
                       const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_error_page_plain_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("atlas-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "R&D <i>draft.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AtlasWindow *window;
  GtkWidget *label;

  /* Broken at line 2, column 3. */
  g_assert_true (g_file_set_contents (path, "{\n  \"format\" 1\n}\n", -1, NULL));

  window = g_object_new (ATLAS_TYPE_WINDOW, NULL);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_load_file (window, file);
  iterate_until (showing_error, window);

  /* The name is shown literally, tags and all... */
  label = find_label_containing (GTK_WIDGET (window->error_page), "R&D <i>draft.json");
  g_assert_nonnull (label);
  /* ...and the problem with its place. */
  g_assert_nonnull (strstr (gtk_label_get_text (window->error_details), ":2:"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  atlas_core_init ();

  g_test_add_func ("/window/error-page-plain-name", test_error_page_plain_name);

  return g_test_run ();
}
