/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The Export dialog (see the header). The export itself is the core's
 * atlas_export_to_file (), run in a GTask thread on a copy of the dataset
 * so that editing may go on meanwhile; the worker reports progress through
 * an atomic counter the dialog polls. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atlas-export-dialog.h"

/* The rows of the partners drop-down */
enum {
  PARTNERS_ALL,
  PARTNERS_SELECTED,
  PARTNERS_CHOSEN,
};

/* The rows of the size drop-down */
enum {
  SIZE_FULL_HD,
  SIZE_4K,
  SIZE_CUSTOM,
};

typedef struct
{
  AtlasDataset       *dataset;
  AtlasExportOptions *options;
  GFile              *file;
  int                 progress;  /* permille, atomic */
} ExportJob;

struct _AtlasExportDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  GtkButton          *cancel_button;
  GtkButton          *export_button;
  AdwPreferencesPage *page;
  AdwComboRow        *format_row;
  AdwComboRow        *lens_row;
  AdwComboRow        *partners_row;
  AdwPreferencesGroup *chosen_group;
  AdwPreferencesGroup *layout_group;
  AdwEntryRow        *title_row;
  AdwEntryRow        *as_of_row;
  AdwEntryRow        *since_row;
  AdwComboRow        *paper_row;
  AdwComboRow        *order_row;
  AdwComboRow        *size_row;
  AdwActionRow       *custom_size_row;
  GtkSpinButton      *width_spin;
  GtkSpinButton      *height_spin;
  AdwActionRow       *hatch_row;
  GtkSwitch          *hatch_switch;
  GtkRevealer        *progress_revealer;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;

  AtlasDataset       *dataset;
  GSettings          *settings;
  char               *selected_id;
  GPtrArray          *checks;       /* GtkCheckButton, one per partner */
  GPtrArray          *check_ids;    /* the id of each check's partner */
  GCancellable       *cancellable;  /* while exporting */
  GTask              *task;
  guint               progress_id;
  gboolean            closed;
};

enum {
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AtlasExportDialog, atlas_export_dialog, ADW_TYPE_WINDOW)

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->dataset);
  g_clear_object (&job->options);
  g_clear_object (&job->file);
  g_free (job);
}

static AtlasExportFormat
get_format (AtlasExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  return selected < ATLAS_EXPORT_N_FORMATS ? (AtlasExportFormat) selected : ATLAS_EXPORT_FORMAT_PDF;
}

static guint
get_partners_mode (AtlasExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->partners_row);

  /* Without a selection the drop-down has no "selected" row. */
  if (self->selected_id == NULL && selected == 1)
    return PARTNERS_CHOSEN;
  return selected;
}

static guint
count_chosen (AtlasExportDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      n++;

  return n;
}

static void
update_sensitivity (AtlasExportDialog *self)
{
  gboolean busy = self->task != NULL;
  gboolean ready = get_partners_mode (self) != PARTNERS_CHOSEN || count_chosen (self) > 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy && ready);
}

static void
update_rows (AtlasExportDialog *self)
{
  AtlasExportFormat format = get_format (self);
  gboolean map = atlas_export_format_uses_lens (format);
  gboolean image = atlas_export_format_is_image (format);

  gtk_widget_set_visible (GTK_WIDGET (self->lens_row), map);
  gtk_widget_set_visible (GTK_WIDGET (self->layout_group), map);
  gtk_widget_set_visible (GTK_WIDGET (self->paper_row),
                          format == ATLAS_EXPORT_FORMAT_PDF || format == ATLAS_EXPORT_FORMAT_FICHE);
  gtk_widget_set_visible (GTK_WIDGET (self->order_row),
                          format == ATLAS_EXPORT_FORMAT_PDF || format == ATLAS_EXPORT_FORMAT_FICHE);
  gtk_widget_set_visible (GTK_WIDGET (self->size_row), image);
  /* The briefing's "Changes since" section. */
  gtk_widget_set_visible (GTK_WIDGET (self->since_row), format == ATLAS_EXPORT_FORMAT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_size_row),
                          image && adw_combo_row_get_selected (self->size_row) == SIZE_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_group),
                          get_partners_mode (self) == PARTNERS_CHOSEN);
  update_sensitivity (self);
}

static void
format_changed_cb (AtlasExportDialog *self)
{
  update_rows (self);
}

static void
partners_changed_cb (AtlasExportDialog *self)
{
  update_rows (self);
}

static void
size_changed_cb (AtlasExportDialog *self)
{
  update_rows (self);
}

static void
check_toggled_cb (AtlasExportDialog *self)
{
  update_sensitivity (self);
}

static void
get_size (AtlasExportDialog *self,
          int               *width,
          int               *height)
{
  switch (adw_combo_row_get_selected (self->size_row))
    {
    case SIZE_4K:
      *width = 3840;
      *height = 2160;
      break;
    case SIZE_CUSTOM:
      *width = gtk_spin_button_get_value_as_int (self->width_spin);
      *height = gtk_spin_button_get_value_as_int (self->height_spin);
      break;
    case SIZE_FULL_HD:
    default:
      *width = ATLAS_EXPORT_DEFAULT_WIDTH;
      *height = ATLAS_EXPORT_DEFAULT_HEIGHT;
      break;
    }
}

static void
save_choices (AtlasExportDialog  *self,
              AtlasExportOptions *options,
              GFile              *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *size = NULL;
  g_autofree char *uri = folder ? g_file_get_uri (folder) : g_strdup ("");

  if (self->settings == NULL)
    return;

  size = g_strdup_printf ("%dx%d", atlas_export_options_get_width (options),
                          atlas_export_options_get_height (options));
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "export-format",
                         atlas_export_format_to_string (atlas_export_options_get_format (options)));
  if (atlas_export_format_uses_lens (atlas_export_options_get_format (options)))
    g_settings_set_string (self->settings, "export-lens",
                           atlas_export_options_get_lens_id (options) ? atlas_export_options_get_lens_id (options) : "");
  if (atlas_export_format_is_image (atlas_export_options_get_format (options)))
    g_settings_set_string (self->settings, "export-size", size);
  if (atlas_export_options_get_format (options) == ATLAS_EXPORT_FORMAT_PDF ||
      atlas_export_options_get_format (options) == ATLAS_EXPORT_FORMAT_FICHE)
    g_settings_set_string (self->settings, "export-paper",
                           atlas_paper_to_string (atlas_export_options_get_paper (options)));
  g_settings_set_string (self->settings, "export-folder", uri);
  g_settings_apply (self->settings);
}

static gboolean
progress_cb (gpointer user_data)
{
  AtlasExportDialog *self = user_data;
  ExportJob *job;
  int permille;

  if (self->task == NULL)
    return G_SOURCE_CONTINUE;

  job = g_task_get_task_data (self->task);
  permille = g_atomic_int_get (&job->progress);
  if (permille <= 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);

  return G_SOURCE_CONTINUE;
}

static void
report_progress (double   fraction,
                 gpointer user_data)
{
  ExportJob *job = user_data;

  g_atomic_int_set (&job->progress, MAX (1, (int) (fraction * 1000)));
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (atlas_export_to_file (job->dataset, job->options, job->file, cancellable,
                            report_progress, job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
stop_busy (AtlasExportDialog *self)
{
  g_clear_object (&self->task);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_sensitivity (self);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GFile) file = g_object_ref (job->file);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (G_TASK (result) == self->task)
    stop_busy (self);

  if (error == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, file);
      if (!self->closed)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->closed)
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Could Not Export"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* A name to offer: what is exported and the dataset's date. */
static char *
suggest_name (AtlasExportDialog  *self,
              AtlasExportOptions *options)
{
  AtlasExportFormat format = atlas_export_options_get_format (options);
  const char *as_of = atlas_dataset_get_as_of (self->dataset);
  const char *extension = atlas_export_format_get_extension (format);
  g_autofree char *base = NULL;
  AtlasLens *lens = NULL;

  if (atlas_export_options_get_lens_id (options) != NULL)
    lens = atlas_dataset_find_lens (self->dataset, atlas_export_options_get_lens_id (options));

  switch (format)
    {
    case ATLAS_EXPORT_FORMAT_PDF:
      /* Translators: a file name; %s is a date such as 2014-06-30 */
      base = g_strdup_printf (_("Briefing %s"), as_of);
      break;
    case ATLAS_EXPORT_FORMAT_FICHE:
      /* Translators: a file name; %s is a date such as 2014-06-30 */
      base = g_strdup_printf (_("Partner fiches %s"), as_of);
      break;
    case ATLAS_EXPORT_FORMAT_PNG:
    case ATLAS_EXPORT_FORMAT_SVG:
      /* Translators: a file name; the first %s is a lens, the second a date */
      base = g_strdup_printf (_("Map %s %s"), lens ? atlas_lens_get_name (lens) : "", as_of);
      break;
    case ATLAS_EXPORT_FORMAT_JSON:
      /* Translators: a file name; %s is a date */
      base = g_strdup_printf (_("Profiles %s"), as_of);
      break;
    case ATLAS_EXPORT_FORMAT_BIBTEX:
    case ATLAS_EXPORT_FORMAT_RIS:
    case ATLAS_EXPORT_FORMAT_CSL_JSON:
      /* Translators: a file name; %s is a date */
      base = g_strdup_printf (_("Citations %s"), as_of);
      break;
    case ATLAS_EXPORT_FORMAT_CSV:
    case ATLAS_EXPORT_FORMAT_GEOJSON:
    default:
      /* Translators: a file name; %s is a date */
      base = g_strdup_printf (_("Partners %s"), as_of);
      break;
    }

  g_strdelimit (base, "/\\:", '-');
  return g_strdup_printf ("%s.%s", base, extension);
}

static void
chooser_response_cb (GtkNativeDialog   *chooser,
                     int                response,
                     AtlasExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *basename = g_file_get_basename (file);
      AtlasExportFormat format = get_format (self);

      /* A name typed without an extension gets the format's. */
      if (strchr (basename, '.') == NULL)
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *name = g_strdup_printf ("%s.%s", basename,
                                                   atlas_export_format_get_extension (format));

          GFile *renamed = g_file_get_child (parent, name);

          g_object_unref (file);
          file = renamed;
        }

      atlas_export_dialog_export_to (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_clicked_cb (AtlasExportDialog *self)
{
  g_autoptr(AtlasExportOptions) options = atlas_export_dialog_get_options (self);
  AtlasExportFormat format = atlas_export_options_get_format (options);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = suggest_name (self, options);
  g_autofree char *pattern = g_strdup_printf ("*.%s", atlas_export_format_get_extension (format));
  g_autofree char *folder_uri = self->settings ? g_settings_get_string (self->settings, "export-folder") : NULL;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, atlas_export_format_get_label (format));
  gtk_file_filter_add_mime_type (filter, atlas_export_format_get_mime_type (format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (folder_uri != NULL && *folder_uri != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_uri (folder_uri);

      /* A folder that has gone is no reason to fail: the chooser picks one. */
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_clicked_cb (AtlasExportDialog *self)
{
  if (self->task != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
atlas_export_dialog_close_request (GtkWindow *window)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (window);

  /* The worker stops at its next check; the file is left as it was. */
  g_cancellable_cancel (self->cancellable);
  self->closed = TRUE;

  return GTK_WINDOW_CLASS (atlas_export_dialog_parent_class)->close_request (window);
}

static void
atlas_export_dialog_dispose (GObject *object)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->task);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->dataset);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->check_ids, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (atlas_export_dialog_parent_class)->dispose (object);
}

static void
atlas_export_dialog_finalize (GObject *object)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (object);

  g_free (self->selected_id);

  G_OBJECT_CLASS (atlas_export_dialog_parent_class)->finalize (object);
}

static void
atlas_export_dialog_class_init (AtlasExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = atlas_export_dialog_dispose;
  object_class->finalize = atlas_export_dialog_finalize;
  window_class->close_request = atlas_export_dialog_close_request;

  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, lens_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, partners_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, chosen_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, layout_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, as_of_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, since_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, order_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, custom_size_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, hatch_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, hatch_switch);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, partners_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, size_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
atlas_export_dialog_init (AtlasExportDialog *self)
{
  GtkStringList *formats = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < ATLAS_EXPORT_N_FORMATS; i++)
    gtk_string_list_append (formats, atlas_export_format_get_label (i));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  g_object_unref (formats);

  self->checks = g_ptr_array_new ();
  self->check_ids = g_ptr_array_new_with_free_func (g_free);
}

static void
populate (AtlasExportDialog *self,
          const char        *lens_id)
{
  GListModel *lenses = atlas_dataset_get_lenses (self->dataset);
  GListModel *partners = atlas_dataset_get_partners (self->dataset);
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;
  AtlasPartner *selected = self->selected_id ? atlas_dataset_find_partner (self->dataset, self->selected_id) : NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *saved_lens = NULL;
  g_autofree char *size = NULL;
  g_autofree char *paper_name = NULL;
  AtlasExportFormat format = ATLAS_EXPORT_FORMAT_PDF;
  AtlasPaper paper = atlas_paper_get_default ();
  int width, height;

  if (selected == NULL)
    g_clear_pointer (&self->selected_id, g_free);

  if (self->settings != NULL)
    {
      format_name = g_settings_get_string (self->settings, "export-format");
      saved_lens = g_settings_get_string (self->settings, "export-lens");
      size = g_settings_get_string (self->settings, "export-size");
      paper_name = g_settings_get_string (self->settings, "export-paper");
    }
  atlas_export_format_from_string (format_name, &format);
  atlas_paper_from_string (paper_name, &paper);
  if (saved_lens != NULL && *saved_lens != '\0' && atlas_dataset_find_lens (self->dataset, saved_lens))
    lens_id = saved_lens;

  adw_combo_row_set_selected (self->format_row, format);

  expression = gtk_property_expression_new (ATLAS_TYPE_LENS, NULL, "name");
  adw_combo_row_set_expression (self->lens_row, expression);
  adw_combo_row_set_model (self->lens_row, lenses);
  for (guint i = 0; i < g_list_model_get_n_items (lenses); i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);

      if (g_strcmp0 (atlas_lens_get_id (lens), lens_id) == 0)
        adw_combo_row_set_selected (self->lens_row, i);
    }

  gtk_string_list_append (modes, _("All partners"));
  if (selected != NULL)
    {
      /* Translators: %s is a country */
      g_autofree char *label = g_strdup_printf (_("Selected: %s"), atlas_partner_get_display_name (selected));

      gtk_string_list_append (modes, label);
    }
  gtk_string_list_append (modes, _("Chosen partners"));
  adw_combo_row_set_model (self->partners_row, G_LIST_MODEL (modes));

  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), atlas_partner_get_display_name (partner));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (row, atlas_partner_get_id (partner));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   selected == NULL || selected == partner);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      adw_action_row_add_prefix (row, check);
      adw_action_row_set_activatable_widget (row, check);
      adw_preferences_group_add (self->chosen_group, GTK_WIDGET (row));
      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->check_ids, g_strdup (atlas_partner_get_id (partner)));
    }

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), atlas_dataset_get_title (self->dataset));
  adw_combo_row_set_selected (self->paper_row, paper == ATLAS_PAPER_LETTER ? 1 : 0);

  width = ATLAS_EXPORT_DEFAULT_WIDTH;
  height = ATLAS_EXPORT_DEFAULT_HEIGHT;
  if (size != NULL)
    atlas_export_parse_size (size, &width, &height, NULL);
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
  if (width == 3840 && height == 2160)
    adw_combo_row_set_selected (self->size_row, SIZE_4K);
  else if (width != ATLAS_EXPORT_DEFAULT_WIDTH || height != ATLAS_EXPORT_DEFAULT_HEIGHT)
    adw_combo_row_set_selected (self->size_row, SIZE_CUSTOM);

  if (self->settings != NULL)
    gtk_switch_set_active (self->hatch_switch, g_settings_get_boolean (self->settings, "hatch-patterns"));

  update_rows (self);
}

AtlasExportDialog *
atlas_export_dialog_new (GtkWindow    *parent,
                         AtlasDataset *dataset,
                         const char   *lens_id,
                         const char   *selected_id,
                         GSettings    *settings)
{
  AtlasExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ATLAS_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->dataset = g_object_ref (dataset);
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->selected_id = g_strdup (selected_id);
  populate (self, lens_id);

  return self;
}

AtlasExportOptions *
atlas_export_dialog_get_options (AtlasExportDialog *self)
{
  AtlasExportOptions *options;
  AtlasLens *lens;
  int width, height;

  g_return_val_if_fail (ATLAS_IS_EXPORT_DIALOG (self), NULL);

  options = atlas_export_options_new (get_format (self));

  lens = adw_combo_row_get_selected_item (self->lens_row);
  if (lens != NULL)
    atlas_export_options_set_lens_id (options, atlas_lens_get_id (lens));

  switch (get_partners_mode (self))
    {
    case PARTNERS_SELECTED:
      {
        const char *ids[] = { self->selected_id, NULL };

        atlas_export_options_set_partner_ids (options, ids);
      }
      break;
    case PARTNERS_CHOSEN:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) ids = NULL;

        for (guint i = 0; i < self->checks->len; i++)
          {
            GtkCheckButton *check = g_ptr_array_index (self->checks, i);

            if (gtk_check_button_get_active (check))
              g_strv_builder_add (builder, g_ptr_array_index (self->check_ids, i));
          }
        ids = g_strv_builder_end (builder);
        atlas_export_options_set_partner_ids (options, (const char * const *) ids);
      }
      break;
    case PARTNERS_ALL:
    default:
      break;
    }

  get_size (self, &width, &height);
  atlas_export_options_set_size (options, width, height);
  atlas_export_options_set_paper (options, adw_combo_row_get_selected (self->paper_row) == 1
                                           ? ATLAS_PAPER_LETTER : ATLAS_PAPER_A4);
  atlas_export_options_set_order (options, adw_combo_row_get_selected (self->order_row) == 1
                                           ? ATLAS_EXPORT_ORDER_CATEGORY : ATLAS_EXPORT_ORDER_NAME);
  atlas_export_options_set_title (options, gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  atlas_export_options_set_hatch (options, gtk_switch_get_active (self->hatch_switch));
  {
    g_autofree char *as_of = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->as_of_row))));

    /* A bad date is refused by the export, which says why. */
    atlas_export_options_set_as_of (options, as_of[0] != '\0' ? as_of : NULL);
  }
  if (atlas_export_options_get_format (options) == ATLAS_EXPORT_FORMAT_PDF)
    {
      g_autofree char *since = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->since_row))));

      atlas_export_options_set_since (options, since[0] != '\0' ? since : NULL);
    }

  return options;
}

void
atlas_export_dialog_export_to (AtlasExportDialog *self,
                               GFile             *file)
{
  ExportJob *job;
  g_autofree char *basename = NULL;
  g_autofree char *status = NULL;

  g_return_if_fail (ATLAS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->task == NULL);

  job = g_new0 (ExportJob, 1);
  job->options = atlas_export_dialog_get_options (self);
  /* The worker gets its own copy: the window may edit the dataset meanwhile. */
  job->dataset = atlas_export_copy_dataset (self->dataset, NULL);
  job->file = g_object_ref (file);

  save_choices (self, job->options, file);

  self->cancellable = g_cancellable_new ();
  self->task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_source_tag (self->task, atlas_export_dialog_export_to);
  g_task_set_task_data (self->task, job, (GDestroyNotify) export_job_free);

  basename = g_file_get_basename (file);
  /* Translators: %s is a file name */
  status = g_strdup_printf (_("Exporting “%s”…"), basename);
  gtk_label_set_text (self->progress_label, status);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  self->progress_id = g_timeout_add (50, progress_cb, self);
  update_sensitivity (self);

  g_task_run_in_thread (self->task, export_thread);
}

void
atlas_export_dialog_set_as_of (AtlasExportDialog *self,
                               const char        *date)
{
  g_return_if_fail (ATLAS_IS_EXPORT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->as_of_row), date ? date : "");
}

gboolean
atlas_export_dialog_is_busy (AtlasExportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_DIALOG (self), FALSE);

  return self->task != NULL;
}
