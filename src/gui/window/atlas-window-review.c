/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The window's side of merging: Merge when the file changed on disk under
 * your edits (the version you opened is the base, the disk's is theirs),
 * Review Changes for the conflicts a merge left in a file, and Import
 * Changes from a colleague's copy. Each ends in the Review Changes window;
 * what is applied goes through the undo stack. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-diff.h"
#include "atlas-merge.h"
#include "atlas-review-window.h"
#include "atlas-safe-write.h"
#include "atlas-window-private.h"

typedef struct
{
  AtlasWindow *window;
  char        *etag;  /* theirs' etag, when theirs is the file on disk */
} Applied;

static void
applied_free (gpointer data,
              GClosure *closure)
{
  Applied *applied = data;

  g_object_unref (applied->window);
  g_free (applied->etag);
  g_free (applied);
}

static void
toast (AtlasWindow *self,
       const char  *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
review_applied_cb (AtlasReviewWindow *review,
                   Applied           *applied)
{
  AtlasWindow *self = applied->window;

  /* The disk's version is in now: the next save may replace it. */
  if (applied->etag != NULL)
    {
      g_free (self->merged_etag);
      self->merged_etag = g_strdup (applied->etag);
      toast (self, _("Changes merged. Save to write the result."));
    }
  else
    toast (self, _("Changes applied"));
}

static void
open_review (AtlasWindow *self,
             JsonNode    *merged,
             GPtrArray   *conflicts,
             const char  *source_name,
             const char  *etag)
{
  AtlasUndoStack *stack = atlas_window_get_undo_stack (self);
  GtkWidget *review;
  Applied *applied;

  if (stack == NULL)
    return;

  review = atlas_review_window_new (GTK_WINDOW (self), stack, merged, conflicts, source_name);
  applied = g_new0 (Applied, 1);
  applied->window = g_object_ref (self);
  applied->etag = g_strdup (etag);
  g_signal_connect_data (review, "applied", G_CALLBACK (review_applied_cb), applied, applied_free, 0);
  gtk_window_present (GTK_WINDOW (review));
}

static void
show_error (AtlasWindow *self,
            const char  *heading,
            const char  *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static AtlasDataset *
load_other (AtlasWindow *self,
            GFile       *file,
            char       **etag)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *message = NULL;
  AtlasDataset *dataset = atlas_dataset_load_file (file, NULL, NULL, etag, &error);

  if (dataset != NULL)
    return dataset;

  /* Translators: a file name, then what is wrong with it */
  message = g_strdup_printf (_("“%s”: %s"), name, error->message);
  show_error (self, _("Could Not Read the Other Version"), message);

  return NULL;
}

/* Three-way, against @base, or without one against what the history of
 * both tells of where they parted. */
static void
review_against (AtlasWindow  *self,
                AtlasDataset *base,
                AtlasDataset *theirs,
                const char   *source_name,
                const char   *etag)
{
  g_autoptr(JsonNode) theirs_tree = atlas_dataset_to_json (theirs);
  g_autoptr(JsonNode) ours_tree = atlas_dataset_to_json (atlas_window_get_dataset (self));
  g_autoptr(JsonNode) base_tree = base != NULL ? atlas_dataset_to_json (base)
                                               : atlas_merge_base_from_history (ours_tree, theirs_tree);
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  merged = atlas_merge_json (base_tree, ours_tree, theirs_tree, &conflicts);
  open_review (self, merged, conflicts, source_name, etag);
}

void
_atlas_window_merge_with_disk (AtlasWindow *self,
                               GFile       *file)
{
  g_autofree char *etag = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(AtlasDataset) theirs = load_other (self, file, &etag);
  g_autoptr(AtlasDataset) base = NULL;
  g_autofree char *source_name = NULL;

  if (theirs == NULL)
    return;
  if (self->merge_base != NULL)
    base = atlas_dataset_load_bytes (self->merge_base, NULL, NULL, NULL);

  /* Translators: %s is a file name: the version someone else saved */
  source_name = g_strdup_printf (_("%s as saved on disk"), name);
  review_against (self, base, theirs, source_name, etag);
}

gboolean
_atlas_window_review_may_overwrite (AtlasWindow *self,
                                    GFile       *file)
{
  if (self->merged_etag == NULL || file == NULL)
    return FALSE;

  return atlas_safe_etag_matches (file, self->merged_etag, NULL);
}

/* Review Changes: the conflicts a merge recorded in the file. */
static void
review_changes_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) ours = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *name = NULL;

  if (atlas_window_get_dataset (self) == NULL || self->document == NULL)
    return;

  conflicts = atlas_dataset_dup_merge_conflicts (atlas_window_get_dataset (self));
  if (conflicts->len == 0)
    {
      toast (self, _("Nothing to review: no merge left conflicts in this dataset"));
      return;
    }

  ours = atlas_dataset_to_json (atlas_window_get_dataset (self));
  file_name = atlas_dataset_file_dup_display_name (self->document);
  /* Translators: %s is a file name */
  name = g_strdup_printf (_("the merge recorded in %s"), file_name);
  open_review (self, ours, conflicts, name, NULL);
}

typedef struct
{
  AtlasWindow  *window;
  AtlasDataset *theirs;
  char         *name;
} Import;

static void
import_free (Import *import)
{
  g_object_unref (import->window);
  g_object_unref (import->theirs);
  g_free (import->name);
  g_free (import);
}

static void
base_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                Import          *import)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(AtlasDataset) base = load_other (import->window, file, NULL);

      if (base != NULL)
        review_against (import->window, base, import->theirs, import->name, NULL);
    }

  import_free (import);
  g_object_unref (chooser);
}

static void
base_question_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Import           *import)
{
  GtkFileChooserNative *chooser;

  if (g_str_equal (response, "history"))
    {
      review_against (import->window, NULL, import->theirs, import->name, NULL);
      import_free (import);
      return;
    }
  if (!g_str_equal (response, "base"))
    {
      import_free (import);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Choose the Common Base"), GTK_WINDOW (import->window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (base_chosen_cb), import);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  AtlasWindow     *self)
{
  g_autoptr(GFile) file = NULL;
  Import *import;
  GtkWidget *dialog;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (chooser);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  import = g_new0 (Import, 1);
  import->theirs = load_other (self, file, NULL);
  if (import->theirs == NULL)
    {
      g_free (import);
      return;
    }
  import->window = g_object_ref (self);
  import->name = g_file_get_basename (file);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Which Version Did You Both Start From?"),
                                   _("With the file you both started from, changes made on each side "
                                     "are told apart and only true conflicts are asked about. Without "
                                     "it, the history of both copies tells where they parted: a change "
                                     "only one side recorded is taken, nothing only one side has is "
                                     "removed, and a difference no history explains is asked about."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "history", _("Use _History"),
                                    "base", _("Choose _Base File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "base", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "history");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (base_question_cb), import);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_changes_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (atlas_window_get_dataset (self) == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Changes from Another File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A dataset shown: remember what it was as loaded or saved (the base of a
 * later merge with the disk) and say when a merge left conflicts in it. */
/* Another document, or the same saved (notify::file): the base a merge
 * compares with is what the file now holds. */
static void
file_set_cb (AtlasWindow *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_clear_pointer (&self->merge_base, g_bytes_unref);
  g_clear_pointer (&self->merged_etag, g_free);
  if (atlas_window_get_dataset (self) == NULL)
    return;

  bytes = atlas_dataset_to_bytes (atlas_window_get_dataset (self));
  /* A restored draft is not what the file held: no base, compare directly. */
  if (atlas_window_get_file (self) != NULL && self->document != NULL && !atlas_dataset_file_get_modified (self->document))
    self->merge_base = g_bytes_ref (bytes);

  conflicts = atlas_merge_conflicts_from_bytes (bytes);
  if (conflicts->len > 0)
    {
      AdwToast *notice = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE,
                                                            "A merge left %u conflict to settle",
                                                            "A merge left %u conflicts to settle",
                                                            conflicts->len),
                                               conflicts->len);

      adw_toast_set_button_label (notice, _("_Review"));
      adw_toast_set_action_name (notice, "win.review-changes");
      adw_toast_set_timeout (notice, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, notice);
    }
}

void
_atlas_window_review_dispose (AtlasWindow *self)
{
  g_clear_pointer (&self->merge_base, g_bytes_unref);
  g_clear_pointer (&self->merged_etag, g_free);
}

void
_atlas_window_review_init (AtlasWindow *self)
{
  g_signal_connect (self, "notify::file", G_CALLBACK (file_set_cb), NULL);
}

void
_atlas_window_review_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.review-changes", NULL, review_changes_action);
  gtk_widget_class_install_action (widget_class, "win.import-changes", NULL, import_changes_action);
}
