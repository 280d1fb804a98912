/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The side panels' figures. What the user waits for is the next frame: the
 * widgets built, laid out at the window's size, snapshotted and rendered to
 * a texture by the cairo renderer, as the frame clock would do. The partner
 * list and the profile sit side by side in a window the size of the app's
 * panels. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <adwaita.h>

#include "atlas-bench-panels.h"
#include "atlas-partner-list.h"
#include "atlas-profile-view.h"

#define LIST_WIDTH    280
#define PROFILE_WIDTH 380
#define HEIGHT        900

typedef struct
{
  GtkWindow        *window;
  GtkWidget        *box;
  AtlasPartnerList *list;
  AtlasProfileView *profile;
} Panels;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static void
ensure_gtk (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  if (!gtk_init_check ())
    {
      g_printerr ("atlas-bench: the panels' figures need a display\n");
      exit (1);
    }
  adw_init ();
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

static Panels *
panels_new (AtlasDataset *dataset)
{
  Panels *p = g_new0 (Panels, 1);

  ensure_gtk ();
  p->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (p->window, FALSE);
  gtk_window_set_default_size (p->window, LIST_WIDTH + PROFILE_WIDTH, HEIGHT);
  p->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  p->list = g_object_new (ATLAS_TYPE_PARTNER_LIST, NULL);
  p->profile = ATLAS_PROFILE_VIEW (atlas_profile_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (p->list), LIST_WIDTH, -1);
  gtk_widget_set_size_request (GTK_WIDGET (p->profile), PROFILE_WIDTH, -1);
  gtk_widget_set_hexpand (GTK_WIDGET (p->profile), TRUE);
  gtk_box_append (GTK_BOX (p->box), GTK_WIDGET (p->list));
  gtk_box_append (GTK_BOX (p->box), GTK_WIDGET (p->profile));
  gtk_window_set_child (p->window, p->box);

  /* As the window binds them */
  g_object_bind_property (p->list, "selected-id", p->profile, "selected-id", G_BINDING_SYNC_CREATE);
  atlas_partner_list_set_dataset (p->list, dataset);
  atlas_partner_list_set_lens_id (p->list, "cooperation_depth");
  atlas_profile_view_set_dataset (p->profile, dataset);

  gtk_window_present (p->window);
  settle ();

  return p;
}

static void
panels_free (Panels *p)
{
  gtk_window_destroy (p->window);
  settle ();
  g_free (p);
}

/* The frame: layout at the window's size, snapshot, render. */
static void
render_frame (Panels *p)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = LIST_WIDTH + PROFILE_WIDTH;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gtk_widget_allocate (p->box, width, HEIGHT, -1, NULL);
  gtk_widget_snapshot_child (GTK_WIDGET (p->window), p->box, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_printerr ("atlas-bench: the panels drew nothing\n");
      exit (1);
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (p->window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, HEIGHT));
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
report (const char *name,
        double     *times,
        guint       runs)
{
  qsort (times, runs, sizeof (double), compare_doubles);
  g_print ("bench %s: median %.2f ms (n=%u)\n", name, times[runs / 2], runs);
}

void
atlas_bench_panels_select_partner (const char   *name,
                                   AtlasDataset *dataset)
{
  GListModel *partners = atlas_dataset_get_partners (dataset);
  guint n_partners = g_list_model_get_n_items (partners);
  guint runs = MAX (31, MIN (n_partners, 101));
  g_autofree double *times = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  g_autofree char *cpu_name = g_strdup_printf ("%s-cpu", name);
  Panels *p = panels_new (dataset);

  /* One warm-up selection, then each partner in turn. */
  for (guint i = 0; i <= runs; i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, (i * 7) % n_partners);
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_ms ();

      atlas_partner_list_set_selected_id (p->list, atlas_partner_get_id (partner));
      render_frame (p);
      if (i > 0)
        {
          times[i - 1] = (g_get_monotonic_time () - start) / 1000.0;
          cpu[i - 1] = thread_cpu_ms () - cpu_start;
        }

      /* What the main loop does between two clicks is not the user's wait. */
      settle ();
    }

  report (name, times, runs);
  /* The same in processor time: what a busy machine adds is left out. */
  report (cpu_name, cpu, runs);
  panels_free (p);
}

void
atlas_bench_panels_filter_list (const char   *name,
                                AtlasDataset *dataset)
{
  static const char * const words[] = { "south korea", "united states", "bra", "ger", "côte" };
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *times = NULL;
  Panels *p = panels_new (dataset);

  /* Type each word a key at a time, then delete it the same way. */
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      glong len = g_utf8_strlen (words[w], -1);

      for (glong i = 1; i <= len; i++)
        g_ptr_array_add (steps, g_utf8_substring (words[w], 0, i));
      for (glong i = len - 1; i >= 0; i--)
        g_ptr_array_add (steps, g_utf8_substring (words[w], 0, i));
    }

  times = g_new (double, steps->len);
  atlas_partner_list_set_search (p->list, "x");
  render_frame (p);
  atlas_partner_list_set_search (p->list, "");
  render_frame (p);

  for (guint i = 0; i < steps->len; i++)
    {
      gint64 start = g_get_monotonic_time ();

      atlas_partner_list_set_search (p->list, g_ptr_array_index (steps, i));
      render_frame (p);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      settle ();
    }

  report (name, times, steps->len);
  panels_free (p);
}
