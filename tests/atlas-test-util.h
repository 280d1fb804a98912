/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the tests share: running the main loop while GTK lays out and draws,
 * finding widgets by what they show or by their accessible name, drawing a
 * widget to a texture (its pixels, or a PNG in ATLAS_SHOTS_DIR for people to
 * look at), and a few fixture chores. Built as a static library that the
 * tests link (atlas_test_util_dep in tests/meson.build). */

#pragma once

#include <gtk/gtk.h>

#include "atlas-dataset.h"

G_BEGIN_DECLS

typedef gboolean (*AtlasTestDoneFunc) (gpointer data);

typedef struct
{
  guint8 *data;
  gsize   stride;
  int     width;
  int     height;
} AtlasTestPixels;

/* Points XDG_STATE_HOME, XDG_DATA_HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME at a new folder, removed at exit. */
void             atlas_test_isolate_home          (void);
/* Skips the test without a display (TAP `1..0 # SKIP`, or exit 77 outside TAP), then
 * atlas_test_isolate_home(), gtk_test_init(), libadwaita and the core library, as the app starts them. */
void             atlas_test_init_gui              (int               *argc,
                                                   char            ***argv);
/* Dispatches whatever the main loop has pending, without waiting. */
void             atlas_test_flush                 (void);
/* Runs the main loop for @ms: time for the frame clock to lay out and draw, or for timers to fire. */
void             atlas_test_wait_ms               (guint              ms);
/* Runs the main loop until @done (@data) is TRUE or @timeout_ms pass; returns what @done said last. */
gboolean         atlas_test_iterate_until         (AtlasTestDoneFunc  done,
                                                   gpointer           data,
                                                   guint              timeout_ms);
/* Runs the main loop until *@flag (set by a callback) or @timeout_ms pass; returns *@flag. */
gboolean         atlas_test_wait_for_flag         (gboolean          *flag,
                                                   guint              timeout_ms);

/* Whether @widget (a GtkWidget) is its window's focus widget or holds it:
 * where typing goes once that window is active. Unlike gtk_widget_has_focus ()
 * and the focus-child chain, which GTK clears while the window is not the
 * active one, this holds when another window (another test's, on a shared
 * display) has the display's input focus. */
gboolean         atlas_test_focus_is_within       (gpointer           widget);
/* Another window takes the display's input focus from @window, as a window of
 * another test on the same display does; returns once @window is not the
 * active one (or after 5 s, saying so). Returns that other window: destroy it
 * when done. */
GtkWindow       *atlas_test_take_focus_from       (GtkWindow         *window);

/* Moves the pointer to (@x, @y) of the X screen, as if a user left it there
 * (an AT-SPI test may leave it anywhere); where it was goes in @was_x, @was_y
 * (may be NULL), to put it back. FALSE, having done nothing, on a display
 * that is not X11. */
gboolean         atlas_test_park_pointer          (int                x,
                                                   int                y,
                                                   int               *was_x,
                                                   int               *was_y);

/* Whether @widget's accessible label is @label (NULL: always). */
gboolean         atlas_test_has_label             (GtkWidget         *widget,
                                                   const char        *label);
/* The first descendant of @root (depth first) of @type whose accessible label is @label (NULL: any). */
GtkWidget       *atlas_test_find_widget           (GtkWidget         *root,
                                                   GType              type,
                                                   const char        *label);
/* Appends every descendant of @root of @type to @found, depth first. */
void             atlas_test_collect_widgets       (GtkWidget         *root,
                                                   GType              type,
                                                   GPtrArray         *found);
/* The first label below @root laid out as exactly @text (markup would have been stripped from it). */
GtkLabel        *atlas_test_find_label_showing    (GtkWidget         *root,
                                                   const char        *text);
/* The first label below @root whose laid-out text contains @needle. */
GtkLabel        *atlas_test_find_label_containing (GtkWidget         *root,
                                                   const char        *needle);
/* The first toplevel window of @type, or NULL. */
GtkWindow       *atlas_test_find_toplevel         (GType              type);
/* The part of @widget's template with this id (as its .ui file names it):
 * how tests reach a window's map view or profile, rather than through its
 * private struct. */
gpointer         atlas_test_template_child        (gpointer           widget,
                                                   const char        *id);

/* Gives the display the app's style.css, as AdwApplication does in the app. */
void             atlas_test_add_app_style         (void);
/* @widget at its current size, drawn by its window's renderer as a frame would be. */
GdkTexture      *atlas_test_render_widget         (GtkWidget         *widget);
/* Saves @texture as ATLAS_SHOTS_DIR/@name when that variable is set. */
void             atlas_test_save_texture          (GdkTexture        *texture,
                                                   const char        *name);
/* Lets @widget settle, then saves it as ATLAS_SHOTS_DIR/@name when that variable is set. */
void             atlas_test_save_shot             (GtkWidget         *widget,
                                                   const char        *name);

/* A copy of @texture's pixels, to read with atlas_test_pixels_get(). */
AtlasTestPixels *atlas_test_pixels_new            (GdkTexture        *texture);
/* Frees @pixels. */
void             atlas_test_pixels_free           (AtlasTestPixels   *pixels);
/* The colour (0xRRGGBB) of the pixel holding point @x, @y; asserts that it is inside. */
guint32          atlas_test_pixels_get            (AtlasTestPixels   *pixels,
                                                   double             x,
                                                   double             y);

/* The ids of the partners in @model, comma-separated, for readable asserts. */
char            *atlas_test_partner_ids           (GListModel        *model);
/* The bundled dataset as it transcribed the 2014 paper
 * (tests/data/paper-2014.json), for tests that need the paper's profiles
 * whatever the bundled data has become since. */
AtlasDataset    *atlas_test_load_paper            (void);
/* How many entries the folder @path holds (0 if it cannot be read). */
guint            atlas_test_count_files           (const char        *path);
/* Deletes @path and, if it is a folder, everything below it. */
void             atlas_test_remove_tree           (const char        *path);

char            *atlas_test_make_tmp_dir          (const char        *name_template);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasTestPixels, atlas_test_pixels_free)

G_END_DECLS
