/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's files: opening, saving, recent files, undo and redo, the
 * questions asked before work could be lost (closing with unsaved changes,
 * a file changed by someone else, a failed save), the bar shown when another
 * program changes the file, and the offer to restore drafts after a crash.
 * The safety itself is AtlasDatasetFile's; this is how the user sees it. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-window-private.h"

/* Problems listed on the error page; the rest are counted. */
#define MAX_PROBLEMS_SHOWN 50
#define MAX_RECENT_FILES 10

/* Drafts are offered once a run, by the first window that shows a dataset:
 * every window of the app lives in this one process, so a draft found then
 * is one that a previous run left behind. */
static gboolean drafts_offered;

typedef struct
{
  AtlasWindow *window;
  GFile       *file;
} SaveContext;

static void save_document (AtlasWindow               *self,
                           GFile                     *file,
                           AtlasDatasetFileSaveFlags  flags);
static void save_as       (AtlasWindow               *self);
static void offer_next_draft (AtlasWindow *self);

static void
save_context_free (SaveContext *context)
{
  g_object_unref (context->window);
  g_clear_object (&context->file);
  g_free (context);
}

static gboolean
is_modified (AtlasWindow *self)
{
  return self->document != NULL && atlas_dataset_file_get_modified (self->document);
}

/* A new window of the same application, for a file opened while this one
 * holds unsaved work: nothing is replaced behind the user's back. The
 * application takes it in as it takes every window (its window-added
 * handler hands it the settings and keeps "last-file" to its file). */
static AtlasWindow *
new_window (AtlasWindow *self)
{
  AtlasWindow *window = g_object_new (ATLAS_TYPE_WINDOW,
                                      "application", gtk_window_get_application (GTK_WINDOW (self)),
                                      NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static AtlasWindow *
window_for_new_document (AtlasWindow *self)
{
  return is_modified (self) ? new_window (self) : self;
}

static void
update_title (AtlasWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  if (self->document == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, "");
      gtk_window_set_title (GTK_WINDOW (self), _("Cyber Diplomacy Atlas"));
      return;
    }

  name = atlas_dataset_file_dup_display_name (self->document);
  if (is_modified (self))
    {
      /* Translators: the name of a dataset with unsaved changes */
      subtitle = g_strdup_printf (_("• %s"), name);
    }
  else if (atlas_dataset_file_get_read_only (self->document))
    {
      /* Translators: %s is "Bundled dataset" */
      subtitle = g_strdup_printf (_("%s (read-only)"), name);
    }
  else
    subtitle = g_strdup (name);

  /* Translators: the window title: a dataset's name, then the app's */
  title = g_strdup_printf (_("%s — Cyber Diplomacy Atlas"), subtitle);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_actions (AtlasWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean can_save = self->document != NULL && !atlas_dataset_file_get_saving (self->document);
  AtlasUndoStack *stack = self->document ? atlas_dataset_file_get_undo_stack (self->document) : NULL;

  gtk_widget_action_set_enabled (widget, "win.save", can_save);
  gtk_widget_action_set_enabled (widget, "win.save-as", can_save);
  gtk_widget_action_set_enabled (widget, "win.undo", stack && atlas_undo_stack_get_can_undo (stack));
  gtk_widget_action_set_enabled (widget, "win.redo", stack && atlas_undo_stack_get_can_redo (stack));
  gtk_widget_action_set_enabled (widget, "win.reload",
                                 self->document && atlas_dataset_file_get_file (self->document));
}

static void
undo_stack_notify_cb (AtlasWindow *self)
{
  AtlasUndoStack *stack = atlas_dataset_file_get_undo_stack (self->document);
  const char *undo_label = atlas_undo_stack_get_undo_label (stack);

  update_actions (self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button),
                               undo_label ? undo_label : _("Undo"));
}

static void
document_notify_cb (AtlasWindow *self)
{
  update_title (self);
  update_actions (self);
}

/* recent files */

static void
update_recent_menu (AtlasWindow *self)
{
  GSettings *settings = atlas_window_get_settings (self);
  g_auto(GStrv) uris = settings ? g_settings_get_strv (settings, "recent-files") : NULL;
  guint n = 0;

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; uris != NULL && uris[i] != NULL && n < MAX_RECENT_FILES; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *label = NULL;
      g_auto(GStrv) parts = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (name == NULL)
        continue;
      /* Menu labels take mnemonics: a file named "a_b" keeps its underscore. */
      parts = g_strsplit (name, "_", -1);
      label = g_strjoinv ("__", parts);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (uris[i]));
      g_menu_append_item (self->recent_section, item);
      n++;
    }

  if (n == 0)
    {
      /* An action no one installs: the item shows, insensitive. */
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Files"), "win.no-recent-files");

      g_menu_append_item (self->recent_section, item);
    }
}

static void
add_recent (AtlasWindow *self,
            GFile       *file)
{
  GSettings *settings = atlas_window_get_settings (self);
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) uris = NULL;
  GtkRecentData data = {
    .mime_type = (char *) "application/json",
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "cyber-atlas %u",
  };
  guint n = 1;

  /* Also where the file chooser's "Recent" looks. */
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);

  if (settings == NULL)
    return;

  old = g_settings_get_strv (settings, "recent-files");
  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_FILES; i++)
    if (!g_str_equal (old[i], uri))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  uris = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-files", (const char * const *) uris);
}

static void
settings_set_cb (AtlasWindow *self)
{
  GSettings *settings = atlas_window_get_settings (self);

  if (settings != NULL)
    g_signal_connect_object (settings, "changed::recent-files",
                             G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
}

/* changed on disk */

static void
hide_reload_bar (AtlasWindow *self)
{
  gtk_info_bar_set_revealed (self->reload_bar, FALSE);
}

static void
changed_on_disk_cb (AtlasWindow      *self,
                    gboolean          deleted,
                    AtlasDatasetFile *document)
{
  g_autofree char *name = atlas_dataset_file_dup_display_name (document);
  g_autofree char *text = NULL;

  if (deleted)
    /* Translators: %s is a file name */
    text = g_strdup_printf (_("“%s” was deleted or moved by another program. Save to keep it."),
                            name);
  else
    /* Translators: %s is a file name */
    text = g_strdup_printf (_("“%s” was changed by another program."), name);

  gtk_label_set_text (self->reload_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->reload_button), !deleted);
  gtk_info_bar_set_revealed (self->reload_bar, TRUE);
}

static gboolean
offer_drafts_idle_cb (gpointer user_data)
{
  offer_next_draft (ATLAS_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
offer_drafts_when_idle (AtlasWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, offer_drafts_idle_cb, g_object_ref (self),
                   g_object_unref);
}

static void
map_offer_drafts_cb (AtlasWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, map_offer_drafts_cb, NULL);
  offer_drafts_when_idle (self);
}

/* Another document on show (_atlas_window_set_document ()): the signal
 * groups follow it, from the one before to this one. */
static void
document_set_cb (AtlasWindow *self)
{
  g_signal_group_set_target (self->document_signals, self->document);
  g_signal_group_set_target (self->undo_signals, atlas_window_get_undo_stack (self));
  hide_reload_bar (self);
  undo_stack_notify_cb (self);
  document_notify_cb (self);

  if (!drafts_offered)
    {
      drafts_offered = TRUE;
      g_clear_pointer (&self->pending_drafts, g_ptr_array_unref);
      self->pending_drafts = atlas_dataset_file_find_drafts (NULL, NULL);
      if (self->pending_drafts != NULL && self->pending_drafts->len > 0)
        {
          /* A dialog presented before its window is mapped can end up
           * beneath it. */
          if (gtk_widget_get_mapped (GTK_WIDGET (self)))
            offer_drafts_when_idle (self);
          else
            g_signal_connect (self, "map", G_CALLBACK (map_offer_drafts_cb), NULL);
        }
    }
}

/* loading */

static void
show_load_error (AtlasWindow *self,
                 GFile       *file,
                 GError      *error,
                 GPtrArray   *problems)
{
  g_autofree char *escaped = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *title = NULL;

  if (problems != NULL && problems->len > 0)
    {
      for (guint i = 0; i < problems->len && i < MAX_PROBLEMS_SHOWN; i++)
        {
          g_autofree char *line = atlas_problem_to_string (g_ptr_array_index (problems, i));

          g_string_append_printf (details, "%s\n", line);
        }
      if (problems->len > MAX_PROBLEMS_SHOWN)
        g_string_append_printf (details,
                                ngettext ("… and %u more problem",
                                          "… and %u more problems",
                                          problems->len - MAX_PROBLEMS_SHOWN),
                                problems->len - MAX_PROBLEMS_SHOWN);
    }
  else
    {
      g_autofree char *message = atlas_text_escape_line (error->message);

      g_string_append (details, message);
    }

  if (problems != NULL && problems->len > 0)
    {
      /* The problems in words, and the file without its bad values */
      _atlas_window_salvage (self, file, problems, details->str);
      if (atlas_window_get_dataset (self) != NULL)
        return;
    }
  else if (atlas_window_get_dataset (self) != NULL)
    {
      /* Keep what is open; say what went wrong. */
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Could Not Open the Dataset"),
                                                           NULL));
      adw_message_dialog_format_body (dialog, "%s\n\n%s", name, details->str);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* Translators: %s is a file name. The status page reads its description as
   * markup: a name like "R&D <draft>.json" must show as it is. */
  escaped = g_markup_escape_text (name, -1);
  title = g_strdup_printf (_("“%s” is not a dataset this app can open"), escaped);
  adw_status_page_set_description (self->error_page, title);
  gtk_label_set_text (self->error_details, details->str);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static void
load_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AtlasWindow) self = user_data;
  g_autoptr(AtlasDatasetFile) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  document = atlas_dataset_file_load_finish (result, &problems, &error);
  /* A newer load replaced this one: it owns loading_file now. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  file = g_steal_pointer (&self->loading_file);
  if (document == NULL)
    {
      show_load_error (self, file, error, problems);
      return;
    }

  add_recent (self, file);
  _atlas_window_set_document (self, document);
}

void
atlas_window_load_file (AtlasWindow *self,
                        GFile       *file)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->loading_file, file);

  if (atlas_window_get_dataset (self) == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");

  atlas_dataset_file_load_async (file, self->cancellable, load_file_cb, g_object_ref (self));
}

void
atlas_window_load_bundled (AtlasWindow *self)
{
  g_autoptr(AtlasDatasetFile) document = NULL;

  g_return_if_fail (ATLAS_IS_WINDOW (self));

  document = atlas_dataset_file_new_bundled ();
  _atlas_window_set_document (self, document);
}

/* Opens @file here, or in a new window when this one holds unsaved work. */
static void
open_file (AtlasWindow *self,
           GFile       *file)
{
  atlas_window_load_file (window_for_new_document (self), file);
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  AtlasWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      open_file (self, file);
    }

  g_object_unref (dialog);
}

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) json_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (json_filter, _("Datasets (JSON)"));
  gtk_file_filter_add_mime_type (json_filter, "application/json");
  gtk_file_filter_add_suffix (json_filter, "json");
  gtk_file_chooser_add_filter (chooser, json_filter);
  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (chooser, all_filter);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Dataset"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser));

  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  open_file (self, file);
}

static void
open_bundled_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  atlas_window_load_bundled (window_for_new_document (ATLAS_WINDOW (widget)));
}

/* A copy of the bundled dataset to edit and save as one's own. */
static void
new_from_bundled_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AtlasWindow *self = window_for_new_document (ATLAS_WINDOW (widget));
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new_bundled ();
  g_autoptr(AtlasDatasetFile) document = atlas_dataset_file_new (dataset, NULL, NULL);

  atlas_undo_stack_mark_unsaved (atlas_dataset_file_get_undo_stack (document));
  _atlas_window_set_document (self, document);
}

/* reloading */

static void
reload (AtlasWindow *self)
{
  GFile *file;

  if (self->document == NULL || (file = atlas_dataset_file_get_file (self->document)) == NULL)
    return;

  /* The user chose to let the unsaved edits go. */
  atlas_dataset_file_discard_draft (self->document);
  atlas_window_load_file (self, file);
}

static void
confirm_reload_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            AtlasWindow      *self)
{
  if (g_str_equal (response, "reload"))
    reload (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  if (!is_modified (self))
    {
      reload (self);
      return;
    }

  name = atlas_dataset_file_dup_display_name (self->document);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Reload and Lose Your Changes?"), NULL));
  /* Translators: %s is a file name */
  adw_message_dialog_format_body (dialog, _("Reloading “%s” throws away the changes you have not saved."),
                                  name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "reload", _("_Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_reload_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_bar_response_cb (GtkInfoBar  *bar,
                        int          response,
                        AtlasWindow *self)
{
  hide_reload_bar (self);
}

/* saving */

static void
changed_on_disk_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             AtlasWindow      *self)
{
  if (g_str_equal (response, "merge"))
    {
      self->close_after_save = FALSE;
      _atlas_window_merge_with_disk (self, atlas_dataset_file_get_file (self->document));
    }
  else if (g_str_equal (response, "overwrite"))
    save_document (self, NULL, ATLAS_DATASET_FILE_SAVE_OVERWRITE);
  else if (g_str_equal (response, "reload"))
    reload (self);
  else if (g_str_equal (response, "save-as"))
    save_as (self);
  else
    self->close_after_save = FALSE;
}

static void
show_changed_on_disk_dialog (AtlasWindow *self,
                             GFile       *file)
{
  g_autofree char *name = g_file_get_parse_name (file);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("File Changed by Someone Else"), NULL));
  adw_message_dialog_format_body (dialog,
                                  /* Translators: %s is a file name */
                                  _("“%s” was changed by someone else since you opened it. "
                                    "Merge their changes with yours and review them, overwrite "
                                    "it with your version, reload it and lose your changes, or "
                                    "save your version under another name?"),
                                  name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge…"),
                                    "reload", _("_Reload"),
                                    "overwrite", _("_Overwrite"),
                                    "save-as", _("Save _As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "overwrite", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "merge");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (changed_on_disk_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_failed_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         AtlasWindow      *self)
{
  if (g_str_equal (response, "save-as"))
    save_as (self);
  else
    self->close_after_save = FALSE;
}

static void
show_save_error (AtlasWindow *self,
                 GFile       *file,
                 GError      *error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *what = NULL;
  AdwMessageDialog *dialog;
  gboolean invalid = g_error_matches (error, ATLAS_DATASET_FILE_ERROR,
                                      ATLAS_DATASET_FILE_ERROR_INVALID);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save"), NULL));
  /* Say which file, unless the message does already. */
  if (strstr (error->message, name) != NULL)
    what = g_strdup (error->message);
  else
    /* Translators: a file name, then what went wrong */
    what = g_strdup_printf (_("“%s”: %s"), name, error->message);
  adw_message_dialog_format_body (dialog, "%s\n\n%s", what,
                                  invalid
                                  ? _("Nothing was written. Correct the problems, then save again.")
                                  : _("The file on disk is as it was, and your changes are still here. "
                                      "Try again, or save them somewhere else."));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (!invalid)
    {
      adw_message_dialog_add_response (dialog, "save-as", _("Save _As…"));
      adw_message_dialog_set_response_appearance (dialog, "save-as", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_failed_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveContext *context = user_data;
  AtlasWindow *self = context->window;
  g_autoptr(GError) error = NULL;

  if (!atlas_dataset_file_save_finish (ATLAS_DATASET_FILE (object), result, &error))
    {
      if (g_error_matches (error, ATLAS_DATASET_FILE_ERROR,
                           ATLAS_DATASET_FILE_ERROR_CHANGED_ON_DISK))
        show_changed_on_disk_dialog (self, context->file);
      else if (g_error_matches (error, ATLAS_DATASET_FILE_ERROR, ATLAS_DATASET_FILE_ERROR_NO_FILE))
        save_as (self);
      else
        show_save_error (self, context->file, error);
      save_context_free (context);
      return;
    }

  hide_reload_bar (self);
  add_recent (self, context->file);
  if (atlas_dataset_file_get_save_notice (ATLAS_DATASET_FILE (object)) != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (atlas_dataset_file_get_save_notice (ATLAS_DATASET_FILE (object)), "\n", -1);

      /* One notification a line (a toast's title is one line), each
       * staying until dismissed, one after the other. */
      for (guint i = 0; lines[i] != NULL; i++)
        {
          /* A toast's title is markup. */
          g_autofree char *notice = g_markup_escape_text (lines[i], -1);
          AdwToast *toast = adw_toast_new (notice);

          adw_toast_set_timeout (toast, 0);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
    }
  if (ATLAS_DATASET_FILE (object) == self->document)
    _atlas_window_document_saved (self);

  if (self->close_after_save && !is_modified (self))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  self->close_after_save = FALSE;

  save_context_free (context);
}

static void
save_document (AtlasWindow               *self,
               GFile                     *file,
               AtlasDatasetFileSaveFlags  flags)
{
  SaveContext *context;

  if (self->document == NULL)
    return;

  if (file == NULL)
    file = atlas_dataset_file_get_file (self->document);
  if (file == NULL)
    {
      /* The bundled dataset is read-only: the first save asks where. */
      save_as (self);
      return;
    }

  /* After Merge, the disk's version is in the edits: replacing it loses nothing. */
  if (_atlas_window_review_may_overwrite (self, file))
    flags |= ATLAS_DATASET_FILE_SAVE_OVERWRITE;

  context = g_new0 (SaveContext, 1);
  context->window = g_object_ref (self);
  context->file = g_object_ref (file);
  atlas_dataset_file_save_async (self->document, file, flags, NULL, save_cb, context);
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     AtlasWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      /* The chooser asked before overwriting: no etag to check. */
      save_document (self, file, ATLAS_DATASET_FILE_SAVE_NONE);
    }
  else
    self->close_after_save = FALSE;

  g_object_unref (dialog);
}

static void
save_as (AtlasWindow *self)
{
  GtkFileChooserNative *chooser;
  GFile *file;

  if (self->document == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save Dataset As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser));

  file = atlas_dataset_file_get_file (self->document);
  if (file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
  else
    /* Translators: the suggested file name for a new dataset; keep .json */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("cyber-atlas.json"));

  g_signal_connect (chooser, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_document (ATLAS_WINDOW (widget), NULL, ATLAS_DATASET_FILE_SAVE_NONE);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (ATLAS_WINDOW (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (self->document != NULL)
    atlas_undo_stack_undo (atlas_dataset_file_get_undo_stack (self->document));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (self->document != NULL)
    atlas_undo_stack_redo (atlas_dataset_file_get_undo_stack (self->document));
}

/* closing */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   AtlasWindow      *self)
{
  if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      save_document (self, NULL, ATLAS_DATASET_FILE_SAVE_NONE);
    }
  else if (g_str_equal (response, "discard"))
    {
      atlas_dataset_file_discard_draft (self->document);
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
close_request_cb (AtlasWindow *self)
{
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  if (self->close_confirmed || !is_modified (self))
    return FALSE;

  name = atlas_dataset_file_dup_display_name (self->document);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  /* Translators: %s is a file name */
                                  _("“%s” has unsaved changes. Changes which are not saved will be "
                                    "permanently lost."),
                                  name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* drafts left behind */

static void
restore_draft_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AtlasWindow) self = user_data;
  g_autoptr(AtlasDatasetFile) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  document = atlas_dataset_file_restore_draft_finish (result, &problems, &error);
  if (document == NULL)
    {
      AdwToast *toast;

      g_autofree char *message = g_markup_escape_text (error->message, -1);

      /* Translators: %s is an error message. (A toast's title is markup.) */
      toast = adw_toast_new_format (_("Could not restore the unsaved changes: %s"), message);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else
    _atlas_window_set_document (window_for_new_document (self), document);

  offer_next_draft (self);
}

static void
draft_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   AtlasWindow      *self)
{
  g_autoptr(AtlasDraft) draft = NULL;

  if (self->pending_drafts == NULL || self->pending_drafts->len == 0)
    return;

  draft = g_ptr_array_steal_index (self->pending_drafts, 0);
  if (g_str_equal (response, "restore"))
    {
      atlas_dataset_file_restore_draft_async (draft, NULL, restore_draft_cb, g_object_ref (self));
      return;
    }

  if (g_str_equal (response, "discard"))
    {
      g_autoptr(GError) error = NULL;

      if (!atlas_draft_discard (draft, &error))
        g_message ("Could not delete a draft: %s", error->message);
    }
  /* Otherwise ("later") it stays, to be offered next time. */

  offer_next_draft (self);
}

static void
offer_next_draft (AtlasWindow *self)
{
  AtlasDraft *draft;
  AdwMessageDialog *dialog;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (self->pending_drafts == NULL || self->pending_drafts->len == 0)
    {
      g_clear_pointer (&self->pending_drafts, g_ptr_array_unref);
      return;
    }

  draft = g_ptr_array_index (self->pending_drafts, 0);
  if (draft->original != NULL)
    name = g_file_get_parse_name (draft->original);
  else
    name = g_strdup (_("the bundled dataset"));
  local = g_date_time_to_local (draft->time);
  /* Translators: a date and time, see the GDateTime documentation; written
   * out ("28 November 2026"), as the briefings are, since "%x" reads 11/28/26
   * in the C locale and is ambiguous across countries. */
  when = g_date_time_format (local, _("%-d %B %Y at %H:%M"));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Restore Unsaved Changes?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  /* Translators: the first %s is a file name, the second a time */
                                  _("Changes to %s made on %s were not saved when the app last "
                                    "closed. Restore them?"),
                                  name, when);
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (draft_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_atlas_window_files_dispose (AtlasWindow *self)
{
  g_clear_object (&self->document_signals);
  g_clear_object (&self->undo_signals);
  g_clear_pointer (&self->pending_drafts, g_ptr_array_unref);
}

void
_atlas_window_files_class_init (AtlasWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, reload_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, reload_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, reload_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, undo_button);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-bundled", NULL, open_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-bundled", NULL,
                                   new_from_bundled_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
}

void
_atlas_window_files_init (AtlasWindow *self)
{
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
  g_signal_connect (self, "notify::settings", G_CALLBACK (settings_set_cb), NULL);
  g_signal_connect (self->reload_bar, "response", G_CALLBACK (reload_bar_response_cb), self);

  self->document_signals = g_signal_group_new (ATLAS_TYPE_DATASET_FILE);
  g_signal_group_connect_swapped (self->document_signals, "notify::modified",
                                  G_CALLBACK (document_notify_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::saving",
                                  G_CALLBACK (document_notify_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "notify::file",
                                  G_CALLBACK (document_notify_cb), self);
  g_signal_group_connect_swapped (self->document_signals, "changed-on-disk",
                                  G_CALLBACK (changed_on_disk_cb), self);
  self->undo_signals = g_signal_group_new (ATLAS_TYPE_UNDO_STACK);
  g_signal_group_connect_swapped (self->undo_signals, "notify::can-undo",
                                  G_CALLBACK (undo_stack_notify_cb), self);
  g_signal_group_connect_swapped (self->undo_signals, "notify::can-redo",
                                  G_CALLBACK (undo_stack_notify_cb), self);
  g_signal_group_connect_swapped (self->undo_signals, "notify::undo-label",
                                  G_CALLBACK (undo_stack_notify_cb), self);
  g_signal_connect (self, "notify::dataset-file", G_CALLBACK (document_set_cb), NULL);
  g_signal_connect (self, "notify::file", G_CALLBACK (update_title), NULL);

  update_recent_menu (self);
  update_actions (self);
}
