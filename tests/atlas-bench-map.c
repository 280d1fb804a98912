/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The map's figures. A frame is what the user waits for: the map view
 * (outlines, borders, labels, legend) snapshotted and its node tree rendered
 * to a texture by the cairo renderer, in an undecorated window of the size
 * named. Panning moves the view along a small circle, as a drag does;
 * redrawing switches the lens every frame, so nothing can be reused.
 *
 * startup-first-frame runs the app in a fresh process: the bench itself,
 * re-executed with --child-startup, starts AtlasApplication as src/main.c
 * does and watches its window's frame clock; after the first frame that drew
 * the map in its colours it prints the monotonic time and its peak resident
 * size then, and quits. The app carries no code for it. */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <adwaita.h>

#include <glib/gi18n.h>
#include <locale.h>

#include "atlas-application.h"
#include "atlas-bench-map.h"
#include "atlas-core.h"
#include "atlas-geo.h"
#include "atlas-map-view.h"

#define PAN_RADIUS 120.0

typedef struct
{
  GtkWindow *window;
  AtlasMapView *view;
  AtlasDataset *dataset;
  ShumateViewport *viewport;
  double center_x, center_y;   /* on the plane the viewport pans */
  double world;                /* pixels */
  gboolean redraw;
  GStrv dates;            /* timeline: the dates a ] steps through */
  AtlasDataset *shown;    /* timeline: the state on show */
  guint step;
  int width, height;
} MapBench;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);

  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

/* The figures need a display; without one they say so and are left out,
 * so that the rest of the bench still runs. */
static gboolean
ensure_gtk (void)
{
  static int state;   /* 0: not tried, 1: ready, -1: no display */

  if (state == 0)
    {
      /* The figures are defined on the cairo renderer. */
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
      g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
      state = gtk_init_check () ? 1 : -1;
      if (state > 0)
        adw_init ();
    }
  if (state < 0)
    g_printerr ("atlas-bench: no display, map figures left out\n");
  return state > 0;
}

static void
settle (void)
{
  for (int i = 0; i < 40; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
map_bench_center (MapBench *b,
                  double    x,
                  double    y)
{
  double lon, lat;

  atlas_geo_map_to_lonlat (x, y, &lon, &lat);
  shumate_location_set_location (SHUMATE_LOCATION (b->viewport), lat, lon);
}

static MapBench *
map_bench_new (int                width,
               int                height,
               double             lon,
               double             lat,
               double             zoom,
               AtlasMapProjection projection)
{
  MapBench *b = g_new0 (MapBench, 1);
  AtlasMapFrame frame = { 0 };

  b->width = width;
  b->height = height;
  b->dataset = atlas_dataset_new_bundled ();
  b->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (b->window, FALSE);
  gtk_window_set_default_size (b->window, width, height);
  b->view = ATLAS_MAP_VIEW (atlas_map_view_new ());
  gtk_window_set_child (b->window, GTK_WIDGET (b->view));
  atlas_map_view_set_dataset (b->view, b->dataset);
  atlas_map_view_set_lens_id (b->view, "cooperation_depth");
  gtk_window_present (b->window);
  settle ();

  gtk_widget_allocate (GTK_WIDGET (b->view), width, height, -1, NULL);

  b->viewport = shumate_map_get_viewport (atlas_map_view_get_map (b->view));
  /* Equal Earth is the map's own; Web Mercator is what it shows under
   * tiles (the layer alone, without their network) */
  atlas_world_layer_set_projection (atlas_map_view_get_world_layer (b->view), projection);
  if (zoom > 0)
    atlas_map_view_set_camera (b->view, lat, lon, zoom);
  else
    atlas_map_view_show_world (b->view);
  settle ();

  atlas_world_layer_get_frame (atlas_map_view_get_world_layer (b->view), &frame);
  b->world = atlas_map_frame_get_world_width (&frame);
  atlas_geo_lonlat_to_map (shumate_location_get_longitude (SHUMATE_LOCATION (b->viewport)),
                           shumate_location_get_latitude (SHUMATE_LOCATION (b->viewport)),
                           &b->center_x, &b->center_y);
  return b;
}

static void
map_bench_free (MapBench *b)
{
  gtk_window_destroy (b->window);
  settle ();
  g_clear_object (&b->shown);
  g_strfreev (b->dates);
  g_object_unref (b->dataset);
  g_free (b);
}

static void
render_frame (MapBench *b)
{
  GtkWidget *widget = GTK_WIDGET (b->view);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = b->width;
  int height = b->height;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  /* The layout a frame does first (a moved map lays out its layers again),
   * at the size asked for: a virtual screen may be smaller than 4K. */
  gtk_widget_allocate (widget, width, height, -1, NULL);
  /* What the frame clock's paint does to the window's child (a widget
   * paintable would only give back the last frame's nodes). */
  gtk_widget_snapshot_child (GTK_WIDGET (b->window), widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_printerr ("atlas-bench: the map drew nothing\n");
      exit (1);
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* For looking at what was measured. */
static void
save_frame (MapBench   *b,
            const char *name)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (g_getenv ("ATLAS_BENCH_SHOTS"), file, NULL);

  gtk_widget_snapshot_child (GTK_WIDGET (b->window), GTK_WIDGET (b->view), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (b->window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, b->width, b->height));
  gdk_texture_save_to_png (texture, path);
}

static void
map_frame (MapBench *b)
{
  b->step++;
  if (b->dates != NULL)
    {
      /* One ] step: the state as of the next date, then the map repainted. */
      const char *date = b->dates[b->step % g_strv_length (b->dates)];

      g_clear_object (&b->shown);
      b->shown = atlas_timeline_dup_as_of (b->dataset, date);
      atlas_map_view_set_dataset (b->view, b->shown);
    }
  else if (b->redraw)
    atlas_map_view_set_lens_id (b->view, b->step % 2 ? "wcit_2012" : "cooperation_depth");

  else
    {
      double angle = b->step * 0.3;
      map_bench_center (b,
                        b->center_x + PAN_RADIUS * cos (angle) / b->world,
                        b->center_y + PAN_RADIUS * sin (angle) / b->world);
    }
  render_frame (b);
}

static void
run_frames_in (const char        *name,
               int                width,
               int                height,
               double             lon,
               double             lat,
               double             zoom,
               gboolean           redraw,
               guint              runs,
               AtlasMapProjection projection)
{
  MapBench *b;
  g_autofree double *times = g_new (double, runs);
  g_autofree double *cpu_times = g_new (double, runs);

  if (!ensure_gtk ())
    return;
  b = map_bench_new (width, height, lon, lat, zoom, projection);
  b->redraw = redraw;
  if (g_str_has_prefix (name, "timeline-"))
    {
      /* Every dated change of the bundled dataset, and its latest state. */
      g_auto(GStrv) dates = atlas_timeline_dup_dates (b->dataset);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      g_strv_builder_addv (builder, (const char **) dates);
      g_strv_builder_add (builder, atlas_dataset_get_as_of (b->dataset));
      b->dates = g_strv_builder_end (builder);
      atlas_map_view_set_lens_id (b->view, "budapest_convention");
    }
  /* Warm-up: the first frame draws the cache. */
  map_frame (b);
  map_frame (b);
  for (guint i = 0; i < runs; i++)
    {
      gint64 start;
      double cpu_start;

      /* What the map does while the user looks (its idle work: the cache's
       * margins, a raster of the view) happens between frames, untimed. */
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      start = g_get_monotonic_time ();
      cpu_start = thread_cpu_ms ();
      map_frame (b);
      cpu_times[i] = thread_cpu_ms () - cpu_start;
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  /* The CPU time beside the wall time, as atlas-bench.c's figures */
  g_print ("bench %s: median %.2f ms (n=%u), cpu %.2f ms\n", name, median (times, runs), runs,
           median (cpu_times, runs));
  if (g_getenv ("ATLAS_BENCH_SHOTS") != NULL)
    save_frame (b, name);
  map_bench_free (b);
}

static void
run_frames (const char *name,
            int         width,
            int         height,
            double      lon,
            double      lat,
            double      zoom,
            gboolean    redraw,
            guint       runs)
{
  run_frames_in (name, width, height, lon, lat, zoom, redraw, runs, ATLAS_MAP_PROJECTION_EQUAL_EARTH);
}

void
atlas_bench_map_pan_1080p_mercator (void)
{
  run_frames_in ("map-pan-1080p-mercator", 1920, 1080, 0, 0, 0, FALSE, 41, ATLAS_MAP_PROJECTION_MERCATOR);
}

void
atlas_bench_map_redraw_1080p_mercator (void)
{
  run_frames_in ("map-redraw-1080p-mercator", 1920, 1080, 0, 0, 0, TRUE, 21, ATLAS_MAP_PROJECTION_MERCATOR);
}

void
atlas_bench_map_pan_1080p (void)
{
  run_frames ("map-pan-1080p", 1920, 1080, 0, 0, 0, FALSE, 41);
}

void
atlas_bench_map_pan_2160p (void)
{
  run_frames ("map-pan-2160p", 3840, 2160, 0, 0, 0, FALSE, 21);
}

void
atlas_bench_map_pan_europe_1080p (void)
{
  run_frames ("map-pan-europe-1080p", 1920, 1080, 12.0, 50.0, 4.5, FALSE, 41);
}

void
atlas_bench_map_redraw_1080p (void)
{
  run_frames ("map-redraw-1080p", 1920, 1080, 0, 0, 0, TRUE, 21);
}

/* One ] step in the window: the state as of the next dated change, and the
 * map repainted. */
void
atlas_bench_timeline_step_1080p (void)
{
  run_frames ("timeline-step-1080p", 1920, 1080, 0, 0, 0, FALSE, 41);
}

/* The world drawn into a 1920x1080 image, as the window's cache is after a
 * change of lens or zoom (no display needed): the whole-world view in
 * Equal Earth (all of the world in view) and in Web Mercator (the same
 * width, Antarctica and the high Arctic out of view). */
static void
paint_world (const char         *name,
             AtlasMapProjection  projection)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasMapColoring) coloring = atlas_map_coloring_new (atlas_world_get_default (), dataset,
                                                                 "cooperation_depth");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  const guint runs = 21;
  double times[21];
  AtlasMapFrame frame = { 0 };
  double top, bottom, u;

  atlas_map_to_plane (projection, 0.5, 0, &u, &top);
  atlas_map_to_plane (projection, 0.5, 1, &u, &bottom);
  /* The world's width, its middle in the middle */
  atlas_map_frame_init_plane (&frame, projection, 0, (top + bottom) / 2 - 540.0 / 1920, 1920);
  frame.width = 1920;
  frame.height = 1080;
  frame.pixel = 1;
  for (guint i = 0; i <= runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      cairo_t *cr = cairo_create (surface);

      atlas_map_paint (cr, coloring, &frame, ATLAS_MAP_PAINT_NONE);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      /* The first one projects the outlines (Equal Earth), once per process */
      if (i == 0)
        g_print ("bench %s-first: %.2f ms\n", name, (g_get_monotonic_time () - start) / 1000.0);
      else
        times[i - 1] = (g_get_monotonic_time () - start) / 1000.0;
    }
  g_print ("bench %s: median %.2f ms (n=%u)\n", name, median (times, runs), runs);
  if (g_getenv ("ATLAS_BENCH_SHOTS") != NULL)
    {
      g_autofree char *file = g_strdup_printf ("%s.png", name);
      g_autofree char *path = g_build_filename (g_getenv ("ATLAS_BENCH_SHOTS"), file, NULL);

      cairo_surface_write_to_png (surface, path);
    }
  cairo_surface_destroy (surface);
}

void
atlas_bench_paint_world_1080p (void)
{
  paint_world ("paint-world-1080p", ATLAS_MAP_PROJECTION_EQUAL_EARTH);
  paint_world ("paint-world-1080p-mercator", ATLAS_MAP_PROJECTION_MERCATOR);
}

void
atlas_bench_hit_test (void)
{
  AtlasWorld *world = atlas_world_get_default ();
  const guint batch = 20000, runs = 21;
  g_autofree double *times = g_new (double, runs);
  g_autofree double *points = g_new (double, 2 * batch);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  volatile int sink = 0;

  /* Anywhere between the polar circles: land and sea alike. */
  for (guint i = 0; i < batch; i++)
    atlas_geo_lonlat_to_map (g_rand_double_range (rand, -180, 180),
                             g_rand_double_range (rand, -66, 66),
                             &points[2 * i], &points[2 * i + 1]);

  for (guint r = 0; r <= runs; r++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < batch; i++)
        sink += atlas_world_hit_test (world, points[2 * i], points[2 * i + 1]);
      /* The first batch warms the caches up. */
      if (r > 0)
        times[r - 1] = (g_get_monotonic_time () - start) / 1000.0 / batch;
    }
  (void) sink;
  g_print ("bench hit-test: median %.5f ms (n=%u)\n", median (times, runs), runs);
}

static AtlasWorldLayer *
find_world_layer (GtkWidget *widget)
{
  if (ATLAS_IS_WORLD_LAYER (widget))
    return ATLAS_WORLD_LAYER (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AtlasWorldLayer *found = find_world_layer (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* After each frame of the first window until one drew the map in colour:
 * the layer draws its colours in every frame once it has them and a size
 * (and nothing runs between a frame's drawing and this). */
static void
first_frame_after_paint_cb (GdkFrameClock *clock,
                            GtkWidget     *window)
{
  gint64 now = g_get_monotonic_time ();
  AtlasWorldLayer *layer = find_world_layer (window);

  if (layer == NULL || atlas_world_layer_get_coloring (layer) == NULL ||
      !gtk_widget_is_drawable (GTK_WIDGET (layer)) ||
      gtk_widget_get_width (GTK_WIDGET (layer)) <= 0 || gtk_widget_get_height (GTK_WIDGET (layer)) <= 0)
    return;

  g_signal_handlers_disconnect_by_func (clock, first_frame_after_paint_cb, window);
  printf ("first-frame %" G_GINT64_FORMAT "\n", now);
  /* The peak resident size so far, while the process still exists. */
  printf ("peak-rss-kb %ld\n", atlas_bench_peak_rss_kb ());
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

static void
first_window_realized_cb (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (first_frame_after_paint_cb), window, 0);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window)
{
  static gboolean watching;

  if (watching)
    return;
  watching = TRUE;
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    first_window_realized_cb (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (first_window_realized_cb), NULL);
}

int
atlas_bench_startup_child (const char *argv0)
{
  g_autoptr(AtlasApplication) app = NULL;
  char *argv[] = { (char *) argv0, NULL };

  /* What src/main.c does */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = atlas_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}

typedef struct
{
  GMainLoop *loop;
  char *output;
  gboolean timed_out;
} Run;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->output, NULL, NULL);
  g_main_loop_quit (run->loop);
}

static gboolean
timeout_cb (gpointer user_data)
{
  GSubprocess *process = user_data;

  g_subprocess_force_exit (process);
  return G_SOURCE_REMOVE;
}

void
atlas_bench_startup (void)
{
  g_autofree char *app = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *app_dir = NULL;
  g_autofree char *schema_dir = NULL;
  const guint runs = 7;
  double times[7], rss[7];
  guint done = 0;

  if (app == NULL)
    {
      g_printerr ("atlas-bench: cannot find itself in /proc, start-up figures left out\n");
      return;
    }
  app_dir = g_path_get_dirname (app);
  schema_dir = g_build_filename (app_dir, "..", "data", NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("atlas-bench: no display, start-up figures left out\n");
      return;
    }

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      Run run = { loop, NULL, FALSE };
      const char *line;
      gint64 start;
      guint timeout;

      g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "cairo", TRUE);
      g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
      g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", schema_dir, FALSE);
      start = g_get_monotonic_time ();
      process = g_subprocess_launcher_spawn (launcher, &error, app, "--child-startup", NULL);
      if (process == NULL)
        {
          g_printerr ("atlas-bench: %s\n", error->message);
          return;
        }
      timeout = g_timeout_add_seconds (20, timeout_cb, process);
      g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &run);
      g_main_loop_run (loop);
      g_source_remove_by_user_data (process);
      (void) timeout;

      line = run.output ? strstr (run.output, "first-frame ") : NULL;
      if (line == NULL)
        {
          g_printerr ("atlas-bench: %s showed no coloured map within 20 s\n", app);
          g_free (run.output);
          return;
        }
      times[done] = (g_ascii_strtoll (line + strlen ("first-frame "), NULL, 10) - start) / 1000.0;
      line = strstr (run.output, "peak-rss-kb ");
      rss[done] = line ? g_ascii_strtod (line + strlen ("peak-rss-kb "), NULL) / 1024.0 : 0;
      done++;
      g_free (run.output);
    }

  g_print ("bench startup-first-frame: median %.2f ms (n=%u)\n", median (times, done), done);
  g_print ("bench startup-rss: %.1f MB\n", median (rss, done));
}
