/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's exports: the Export dialog (win.export, Ctrl+Shift+E) and
 * printing the briefing (win.print, Ctrl+P) through GtkPrintOperation, which
 * draws the very pages of the PDF export (atlas-briefing.h). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-briefing.h"
#include "atlas-export.h"
#include "atlas-export-dialog.h"
#include "atlas-window-private.h"

static void
exported_cb (AtlasWindow *self,
             GFile       *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display_name = g_filename_display_name (basename);
  g_autofree char *escaped = g_markup_escape_text (display_name, -1);
  g_autofree char *uri = g_file_get_uri (file);
  /* Translators: %s is a file name. (A toast's title is markup.) */
  g_autofree char *title = g_strdup_printf (_("Exported “%s”"), escaped);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-export");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  AtlasExportDialog *dialog;

  if (atlas_window_get_dataset (self) == NULL)
    return;

  dialog = atlas_export_dialog_new (GTK_WINDOW (self), atlas_window_get_dataset (self), self->lens_id,
                                    self->selected_id, atlas_window_get_settings (self));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported_cb), self, G_CONNECT_SWAPPED);
  /* What the window shows is what is exported. */
  atlas_export_dialog_set_as_of (dialog, atlas_window_get_as_of (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

typedef struct
{
  AtlasDataset  *dataset;   /* a copy: printing must not see edits halfway */
  char          *lens_id;
  AtlasBriefing *briefing;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->dataset);
  g_free (job->lens_id);
  g_clear_pointer (&job->briefing, atlas_briefing_free);
  g_free (job);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  g_autoptr(GPtrArray) partners = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = atlas_dataset_get_partners (job->dataset);
  AtlasLens *lens = job->lens_id ? atlas_dataset_find_lens (job->dataset, job->lens_id) : NULL;

  if (lens == NULL && g_list_model_get_n_items (atlas_dataset_get_lenses (job->dataset)) > 0)
    {
      g_autoptr(AtlasLens) first = g_list_model_get_item (atlas_dataset_get_lenses (job->dataset), 0);

      lens = first;
    }

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (partners, g_list_model_get_item (model, i));

  /* The whole sheet in points: the briefing keeps its own margins. */
  g_clear_pointer (&job->briefing, atlas_briefing_free);
  job->briefing = atlas_briefing_new (job->dataset, lens, partners,
                                      gtk_print_context_get_width (context),
                                      gtk_print_context_get_height (context));
  atlas_briefing_paginate (job->briefing, NULL, NULL);
  gtk_print_operation_set_n_pages (operation, atlas_briefing_get_n_pages (job->briefing));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  atlas_briefing_draw_page (job->briefing, gtk_print_context_get_cairo_context (context), page);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               AtlasWindow             *self)
{
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  if (error != NULL)
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Print"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

GtkPrintOperation *
atlas_window_create_print_operation (AtlasWindow *self)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper_size = NULL;
  GSettings *settings = atlas_window_get_settings (self);
  g_autofree char *paper_name = settings ? g_settings_get_string (settings, "export-paper") : NULL;
  AtlasPaper paper = atlas_paper_get_default ();
  PrintJob *job;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (atlas_window_get_dataset (self) != NULL, NULL);

  atlas_paper_from_string (paper_name, &paper);
  paper_size = gtk_paper_size_new (paper == ATLAS_PAPER_LETTER ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper_size);

  job = g_new0 (PrintJob, 1);
  job->dataset = atlas_export_copy_dataset (atlas_window_get_dataset (self), NULL);
  job->lens_id = g_strdup (self->lens_id);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, atlas_dataset_get_title (atlas_window_get_dataset (self)));
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_object_set_data_full (G_OBJECT (operation), "atlas-print-job", job, (GDestroyNotify) print_job_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  return operation;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (atlas_window_get_dataset (self) == NULL)
    return;

  operation = atlas_window_create_print_operation (self);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    print_done_cb (operation, GTK_PRINT_OPERATION_RESULT_ERROR, self);
}

/* The dataset's citation, as plain text, for a report's bibliography */
static void
copy_citation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autofree char *citation = NULL;

  if (atlas_window_get_dataset (self) == NULL)
    return;

  citation = atlas_export_citation_text (atlas_window_get_dataset (self));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), citation);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Citation copied")));
}

static void
dataset_changed_cb (AtlasWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-citation", atlas_window_get_dataset (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", atlas_window_get_dataset (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", atlas_window_get_dataset (self) != NULL);
}

void
_atlas_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-export", "s", open_export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-citation", NULL, copy_citation_action);
}

void
_atlas_window_export_init (AtlasWindow *self)
{
  g_signal_connect (self, "notify::dataset", G_CALLBACK (dataset_changed_cb), NULL);
  dataset_changed_cb (self);
}
