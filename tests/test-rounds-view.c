/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Dialogue rounds in the profile: the compact line of years, each round in
 * full when a dialogue is opened, "No round since …" on an overdue one; and
 * in the editor: adding, editing, moving and removing rounds, each one undo
 * step. Built on the bundled dataset (its rounds of 2014-2026). With
 * ATLAS_SHOTS_DIR set, /rounds-view/shots saves rounds-*.png. */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "atlas-core.h"
#include "atlas-map-view.h"
#include "atlas-partner-list.h"
#include "atlas-profile-view.h"
#include "atlas-test-util.h"

static GtkWindow *
window_with (GtkWidget *child,
             int        width,
             int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);
  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, scroller);
  gtk_window_present (window);
  atlas_test_wait_ms (50);

  return window;
}

/* A read-view dialogue row's overdue mark: the alarm icon it shows, or
 * NULL (an editor's row has none). */
static GtkWidget *
overdue_mark (gpointer row)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new ();

  atlas_test_collect_widgets (GTK_WIDGET (row), GTK_TYPE_IMAGE, images);
  for (guint i = 0; i < images->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (images, i), "overdue"))
      return g_ptr_array_index (images, i);

  return NULL;
}

static AdwExpanderRow *
find_dialogue_row (GtkWidget  *root,
                   const char *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  atlas_test_collect_widgets (root, ADW_TYPE_EXPANDER_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), name) == 0 &&
        overdue_mark (g_ptr_array_index (rows, i)) != NULL)
      return g_ptr_array_index (rows, i);

  return NULL;
}

static void
test_profile_rounds (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  AtlasProfileView *profile = ATLAS_PROFILE_VIEW (atlas_profile_view_new ());
  GtkWindow *window = window_with (GTK_WIDGET (profile), 480, 900);
  GtkWidget *root = GTK_WIDGET (profile);
  AdwExpanderRow *cyber, *summit;
  GtkWidget *overdue;

  atlas_profile_view_set_dataset (profile, dataset);
  atlas_profile_view_set_selected_id (profile, "US");
  atlas_test_flush ();

  cyber = find_dialogue_row (root, "Cyber dialogue");
  g_assert_nonnull (cyber);
  g_assert_cmpstr (adw_expander_row_get_subtitle (cyber), ==,
                   "Working level · annual · since 2014\n4 rounds: 2014 · 2017 · 2022 · 2023\n"
                   "No round since 6 Dec 2023");
  g_assert_true (adw_expander_row_get_enable_expansion (cyber));

  /* Annual, last met on 6 December 2023: overdue as of 31 January 2026. */
  overdue = overdue_mark (cyber);
  g_assert_true (gtk_widget_get_visible (overdue));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (overdue), ==, "No round since 6 Dec 2023");
  g_assert_true (atlas_test_has_label (overdue, "No round since 6 Dec 2023"));

  /* The summit has no round in the dataset: nothing to open, and overdue. */
  summit = find_dialogue_row (root, "Summit");
  g_assert_nonnull (summit);
  g_assert_false (adw_expander_row_get_enable_expansion (summit));
  g_assert_true (atlas_test_has_label (overdue_mark (summit), "No round recorded"));
  g_assert_true (g_str_has_suffix (adw_expander_row_get_subtitle (summit), "\nNo round recorded"));

  /* Opened: every round, newest first, with its place, number, note and link. */
  g_assert_null (atlas_test_find_label_showing (root, "6 December 2023 · Brussels"));
  adw_expander_row_set_expanded (cyber, TRUE);
  atlas_test_flush ();
  g_assert_nonnull (atlas_test_find_label_showing (root, "6 December 2023 · Brussels"));
  g_assert_nonnull (atlas_test_find_label_showing (root, "Round 9 · 6–7 December"));
  g_assert_nonnull (atlas_test_find_label_showing (root, "5 December 2014"));
  g_assert_nonnull (atlas_test_find_label_showing (root, "Round 1 · Inaugural meeting"));
  atlas_test_save_shot (GTK_WIDGET (window), "rounds-profile-us.png");

  /* Another partner: its own rounds; a year-only round reads as the year. */
  atlas_profile_view_set_selected_id (profile, "KR");
  atlas_test_flush ();
  cyber = find_dialogue_row (root, "EU-South Korea Cyber Policy Consultation");
  g_assert_nonnull (cyber);
  g_assert_false (adw_expander_row_get_expanded (cyber));
  /* No frequency given: never overdue. */
  g_assert_false (gtk_widget_get_visible (overdue_mark (cyber)));
  adw_expander_row_set_expanded (cyber, TRUE);
  atlas_test_flush ();
  g_assert_nonnull (atlas_test_find_label_showing (root, "20 May 2025 · Seoul"));
  g_assert_nonnull (atlas_test_find_label_showing (root, "2020"));
  {
    /* The United States' rounds are not shown. */
    GtkLabel *us = atlas_test_find_label_showing (root, "6 December 2023 · Brussels");

    g_assert_true (us == NULL || !gtk_widget_is_visible (GTK_WIDGET (us)));
  }

  gtk_window_destroy (window);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static GtkEditable *
dialog_entry (AdwMessageDialog *dialog,
              const char       *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  atlas_test_collect_widgets (adw_message_dialog_get_extra_child (dialog), ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title))
      return g_ptr_array_index (rows, i);

  g_assert_not_reached ();
}

static GtkWidget *
nth_button (GtkWidget  *root,
            const char *name,
            guint       n)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint seen = 0;

  atlas_test_collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), name) == 0 &&
        seen++ == n)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static const char *
round_date (AtlasDialogue *dialogue,
            guint          i)
{
  return ((AtlasRound *) g_ptr_array_index (atlas_dialogue_get_rounds (dialogue), i))->date;
}

static void
test_editor_rounds (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasUndoStack) stack = atlas_undo_stack_new (dataset);
  AtlasProfileView *profile = ATLAS_PROFILE_VIEW (atlas_profile_view_new ());
  GtkWindow *window = window_with (GTK_WIDGET (profile), 600, 1000);
  GtkWidget *root = GTK_WIDGET (profile);
  AtlasPartner *brazil = atlas_dataset_find_partner (dataset, "BR");
  g_autoptr(AtlasDialogue) cyber = g_list_model_get_item (atlas_partner_get_dialogues (brazil), 0);
  AdwMessageDialog *dialog;
  GtkWidget *button;

  atlas_undo_stack_set_change_source (stack, "Test source");
  atlas_undo_stack_set_change_date (stack, "2025-06-30");
  atlas_profile_view_set_dataset (profile, dataset);
  atlas_profile_view_set_undo_stack (profile, stack);
  atlas_profile_view_set_selected_id (profile, "BR");
  atlas_profile_view_set_editing (profile, TRUE);
  atlas_test_flush ();

  g_assert_cmpstr (atlas_dialogue_get_name (cyber), ==, "EU-Brazil dialogue on international cyber policy");
  g_assert_cmpuint (atlas_dialogue_get_rounds (cyber)->len, ==, 2);

  /* Add: a dialog, the change date offered, a bad link refused. */
  button = nth_button (root, "Add Round", 0);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  atlas_test_flush ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (dialog_entry (dialog, "Date")), ==, "2025-06-30");
  gtk_editable_set_text (dialog_entry (dialog, "Date"), "2018-05");
  gtk_editable_set_text (dialog_entry (dialog, "Place"), "Brussels");
  gtk_editable_set_text (dialog_entry (dialog, "Link"), "javascript:alert(1)");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  /* ...saying why in the words saving would use */
  {
    g_autofree char *problem = atlas_format_check_web_link ("javascript:alert(1)");

    g_assert_nonnull (problem);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dialog_entry (dialog, "Link"))), ==, problem);
  }
  gtk_editable_set_text (dialog_entry (dialog, "Link"), "https://example.org/round");
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (dialog_entry (dialog, "Link"))));
  gtk_editable_set_text (dialog_entry (dialog, "Number"), "x");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (dialog_entry (dialog, "Number"), "");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  atlas_test_save_shot (GTK_WIDGET (dialog), "rounds-add-dialog.png");
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  atlas_test_flush ();

  /* It goes where its date puts it, in one undo step. */
  g_clear_object (&cyber);
  cyber = g_list_model_get_item (atlas_partner_get_dialogues (brazil), 0);
  g_assert_cmpuint (atlas_dialogue_get_rounds (cyber)->len, ==, 3);
  g_assert_cmpstr (round_date (cyber, 0), ==, "2017-12-06");
  g_assert_cmpstr (round_date (cyber, 1), ==, "2018-05");
  g_assert_cmpstr (round_date (cyber, 2), ==, "2020");
  g_assert_cmpstr (atlas_undo_stack_get_undo_label (stack), ==, "Undo Add Round");
  g_assert_nonnull (atlas_test_find_label_showing (root, "May 2018 · Brussels"));

  /* Moving is offered only where dates do not order rounds. */
  g_assert_false (gtk_widget_get_sensitive (nth_button (root, "Move Round Up", 1)));
  g_assert_false (gtk_widget_get_sensitive (nth_button (root, "Move Round Down", 1)));

  /* Edit the 2020 round to a date equal to the year: now they can swap. */
  g_signal_emit_by_name (nth_button (root, "Edit Round", 2), "clicked");
  atlas_test_flush ();
  dialog = find_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (dialog_entry (dialog, "Date")), ==, "2020");
  g_assert_cmpstr (gtk_editable_get_text (dialog_entry (dialog, "Number")), ==, "2");
  gtk_editable_set_text (dialog_entry (dialog, "Date"), "2018");
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  atlas_test_flush ();
  g_clear_object (&cyber);
  cyber = g_list_model_get_item (atlas_partner_get_dialogues (brazil), 0);
  g_assert_cmpstr (round_date (cyber, 2), ==, "2018");
  g_assert_true (gtk_widget_get_sensitive (nth_button (root, "Move Round Up", 2)));
  g_signal_emit_by_name (nth_button (root, "Move Round Up", 2), "clicked");
  atlas_test_flush ();
  g_clear_object (&cyber);
  cyber = g_list_model_get_item (atlas_partner_get_dialogues (brazil), 0);
  g_assert_cmpstr (round_date (cyber, 1), ==, "2018");
  g_assert_cmpstr (round_date (cyber, 2), ==, "2018-05");
  g_assert_cmpstr (atlas_undo_stack_get_undo_label (stack), ==, "Undo Move Round Up");

  /* Remove, then undo everything: the dataset's rounds again. */
  g_signal_emit_by_name (nth_button (root, "Remove Round", 0), "clicked");
  atlas_test_flush ();
  g_clear_object (&cyber);
  cyber = g_list_model_get_item (atlas_partner_get_dialogues (brazil), 0);
  g_assert_cmpuint (atlas_dialogue_get_rounds (cyber)->len, ==, 2);
  while (atlas_undo_stack_get_can_undo (stack))
    atlas_undo_stack_undo (stack);
  atlas_test_flush ();
  g_clear_object (&cyber);
  cyber = g_list_model_get_item (atlas_partner_get_dialogues (brazil), 0);
  g_assert_cmpuint (atlas_dialogue_get_rounds (cyber)->len, ==, 2);
  g_assert_cmpstr (round_date (cyber, 0), ==, "2017-12-06");
  g_assert_cmpstr (round_date (cyber, 1), ==, "2020");
  g_assert_null (atlas_test_find_label_showing (root, "May 2018 · Brussels"));

  /* What the editor writes still loads. */
  {
    g_autoptr(GPtrArray) problems = atlas_dataset_validate (dataset, "edited");

    g_assert_cmpuint (problems->len, ==, 0);
  }

  gtk_window_destroy (window);
}

/* The history since 2014 in words: indicators from and to, a lens that
 * opened, agreements added. */
static void
test_profile_history (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  AtlasProfileView *profile = ATLAS_PROFILE_VIEW (atlas_profile_view_new ());
  GtkWindow *window = window_with (GTK_WIDGET (profile), 480, 900);
  GtkWidget *root = GTK_WIDGET (profile);

  atlas_profile_view_set_dataset (profile, dataset);
  atlas_profile_view_set_selected_id (profile, "CA");
  atlas_test_flush ();

  g_assert_nonnull (atlas_test_find_label_showing (root, "Budapest Convention: Signatory → Party"));
  g_assert_nonnull (atlas_test_find_label_showing (root,
                                                   "UN Convention against Cybercrime: Not yet open → Not signed"));
  g_assert_nonnull (atlas_test_find_label_showing (root,
                                                   "Agreements: added “EU-Canada Security and Defence "
                                                   "Partnership (cyber issues among its areas)”"));
  g_assert_null (atlas_test_find_label_showing (root, "agreements changed"));

  gtk_window_destroy (window);
}

/* The partner list's "Only Partners with Overdue Dialogues". */
static void
test_list_overdue_filter (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  AtlasPartnerList *list = g_object_new (ATLAS_TYPE_PARTNER_LIST, NULL);
  GtkWindow *window = window_with (GTK_WIDGET (list), 360, 600);
  GListModel *partners = atlas_dataset_get_partners (dataset);
  GListModel *shown;
  char *ids;

  /* Only Brazil's cyber dialogue keeps a frequency: the others cannot be late. */
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);
      GListModel *dialogues = atlas_partner_get_dialogues (partner);

      for (guint j = 0; j < g_list_model_get_n_items (dialogues); j++)
        {
          g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (dialogues, j);

          if (!g_str_equal (atlas_dialogue_get_name (dialogue),
                            "EU-Brazil dialogue on international cyber policy"))
            atlas_dialogue_set_frequency (dialogue, NULL);
        }
    }

  atlas_partner_list_set_dataset (list, dataset);
  shown = atlas_partner_list_get_model (list);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 10);

  /* Through the menu's action, as a user would. */
  gtk_widget_activate_action (GTK_WIDGET (list), "partners.overdue-only", NULL);
  atlas_test_flush ();
  g_assert_true (atlas_partner_list_get_overdue_only (list));
  ids = atlas_test_partner_ids (shown);
  g_assert_cmpstr (ids, ==, "BR");
  g_free (ids);

  /* As of mid-2021 the 2020 round is recent enough: nobody is late. */
  atlas_dataset_set_as_of (dataset, "2021-06-30");
  atlas_test_flush ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_assert_nonnull (atlas_test_find_label_showing (GTK_WIDGET (list), "No Overdue Dialogues"));

  atlas_dataset_set_as_of (dataset, "2026-01-31");
  gtk_widget_activate_action (GTK_WIDGET (list), "partners.overdue-only", NULL);
  atlas_test_flush ();
  g_assert_false (atlas_partner_list_get_overdue_only (list));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 10);

  gtk_window_destroy (window);
}

/* A lens before its opening date: "Not yet open", not "No data", in the
 * profile, the partner list and the map's legend. */
static void
test_not_yet_open (void)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  AtlasProfileView *profile = ATLAS_PROFILE_VIEW (atlas_profile_view_new ());
  AtlasPartnerList *list = g_object_new (ATLAS_TYPE_PARTNER_LIST, NULL);
  AtlasMapView *map = ATLAS_MAP_VIEW (atlas_map_view_new ());
  GtkWindow *window;

  gtk_widget_set_size_request (GTK_WIDGET (list), 300, -1);
  gtk_widget_set_size_request (GTK_WIDGET (profile), 400, -1);
  gtk_widget_set_hexpand (GTK_WIDGET (map), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (map));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (profile));
  window = window_with (box, 1366, 768);

  atlas_partner_list_set_dataset (list, dataset);
  atlas_partner_list_set_lens_id (list, "un_cybercrime_convention");
  atlas_map_view_set_dataset (map, dataset);
  atlas_map_view_set_lens_id (map, "un_cybercrime_convention");
  atlas_profile_view_set_dataset (profile, dataset);
  atlas_profile_view_set_selected_id (profile, "US");
  atlas_test_flush ();

  /* Today: the United States has no category: "No data". */
  g_assert_nonnull (atlas_test_find_label_showing (GTK_WIDGET (profile), "No data"));
  g_assert_null (atlas_test_find_label_showing (box, "Not yet open"));

  /* The same data dated before 25 October 2025 (as an as-of view is). */
  atlas_dataset_set_as_of (dataset, "2025-10-24");
  atlas_profile_view_set_selected_id (profile, NULL);
  atlas_profile_view_set_selected_id (profile, "US");
  atlas_map_view_set_lens_id (map, "cooperation_depth");
  atlas_map_view_set_lens_id (map, "un_cybercrime_convention");
  atlas_partner_list_set_lens_id (list, "cooperation_depth");
  atlas_partner_list_set_lens_id (list, "un_cybercrime_convention");
  atlas_test_flush ();
  g_assert_nonnull (atlas_test_find_label_showing (GTK_WIDGET (profile), "Not yet open"));
  g_assert_nonnull (atlas_test_find_label_showing (GTK_WIDGET (list), "Not yet open"));
  g_assert_nonnull (atlas_test_find_label_showing (GTK_WIDGET (map), "Not yet open"));
  g_assert_null (atlas_test_find_label_showing (GTK_WIDGET (map), "No data"));
  atlas_test_save_shot (GTK_WIDGET (window), "rounds-not-yet-open.png");

  /* Other lenses are open whatever the date. */
  g_assert_cmpstr (atlas_lens_get_empty_label (atlas_dataset_find_lens (dataset, "wcit_2012"),
                                               "1990-01-01"), ==, "No data");
  g_assert_cmpstr (atlas_lens_get_empty_label (NULL, "1990-01-01"), ==, "No data");

  gtk_window_destroy (window);
}

static void
test_shots (void)
{
  static const struct { int width, height; gboolean dark; const char *name; } sizes[] = {
    { 1024, 768, FALSE, "rounds-1024.png" },
    { 1366, 768, FALSE, "rounds-1366.png" },
    { 1920, 1080, FALSE, "rounds-1920.png" },
    { 1366, 768, TRUE, "rounds-1366-dark.png" },
  };

  if (g_getenv ("ATLAS_SHOTS_DIR") == NULL)
    {
      g_test_skip ("set ATLAS_SHOTS_DIR to save screenshots");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
      AtlasProfileView *profile = ATLAS_PROFILE_VIEW (atlas_profile_view_new ());
      /* The profile pane takes about a third of the window. */
      GtkWindow *window = window_with (GTK_WIDGET (profile), sizes[i].width / 3 + 80, sizes[i].height);
      AdwExpanderRow *cyber;

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          sizes[i].dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_DEFAULT);
      atlas_profile_view_set_dataset (profile, dataset);
      atlas_profile_view_set_selected_id (profile, "US");
      atlas_test_flush ();
      cyber = find_dialogue_row (GTK_WIDGET (profile), "Cyber dialogue");
      adw_expander_row_set_expanded (cyber, TRUE);
      atlas_test_flush ();
      {
        /* Scrolled to the dialogues. */
        g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();
        GtkScrolledWindow *inner;
        GtkAdjustment *adj;
        graphene_rect_t bounds;

        atlas_test_collect_widgets (GTK_WIDGET (profile), GTK_TYPE_SCROLLED_WINDOW, scrollers);
        g_assert_cmpuint (scrollers->len, >, 1);
        inner = g_ptr_array_index (scrollers, 1);
        adj = gtk_scrolled_window_get_vadjustment (inner);
        atlas_test_wait_ms (200);
        if (gtk_widget_compute_bounds (GTK_WIDGET (cyber),
                                       gtk_scrolled_window_get_child (inner), &bounds))
          gtk_adjustment_set_value (adj, bounds.origin.y - 260);
        atlas_test_flush ();
      }
      atlas_test_save_shot (GTK_WIDGET (window), sizes[i].name);
      gtk_window_destroy (window);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  atlas_test_init_gui (&argc, &argv);
  atlas_test_add_app_style ();

  g_test_add_func ("/rounds-view/profile", test_profile_rounds);
  g_test_add_func ("/rounds-view/editor", test_editor_rounds);
  g_test_add_func ("/rounds-view/profile-history", test_profile_history);
  g_test_add_func ("/rounds-view/list-overdue-filter", test_list_overdue_filter);
  g_test_add_func ("/rounds-view/not-yet-open", test_not_yet_open);
  g_test_add_func ("/rounds-view/shots", test_shots);

  return g_test_run ();
}
