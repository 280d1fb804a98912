/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A dataset file that did not load: its problems in the dataset's own
 * words (on the error page, or in a dialog when a dataset is open), the
 * JSON paths kept as technical details; and, when every problem is in a
 * partner's value that can be left out, Open Read-Only: the rest of the
 * file, the bad values as "No data", listed in a bar with their lines.
 * Saving it asks for a new name, so the file itself is never rewritten. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-salvage.h"
#include "atlas-text.h"
#include "atlas-window-private.h"

/* More than a bar or a page can usefully hold */
#define MAX_SHOWN 8

/* "• India’s WCIT-12 vote is …\n• …", at most MAX_SHOWN, escaped for a
 * terminal-safe label */
static char *
list_descriptions (GStrv descriptions)
{
  g_autoptr(GString) list = g_string_new (NULL);
  guint n = g_strv_length (descriptions);

  for (guint i = 0; i < n && i < MAX_SHOWN; i++)
    {
      g_autofree char *line = atlas_text_escape_line (descriptions[i]);

      if (list->len > 0)
        g_string_append_c (list, '\n');
      /* Translators: an item of a list of problems */
      g_string_append_printf (list, _("• %s"), line);
    }
  if (n > MAX_SHOWN)
    {
      g_string_append_c (list, '\n');
      g_string_append_printf (list, ngettext ("… and %u more", "… and %u more", n - MAX_SHOWN),
                              n - MAX_SHOWN);
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

static void
open_read_only (AtlasWindow *self)
{
  g_autoptr(AtlasDatasetFile) document = NULL;
  g_autofree char *name = NULL;
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (self->salvage == NULL || self->salvage->dataset == NULL || self->salvage_file == NULL)
    return;

  document = atlas_dataset_file_new_read_only (self->salvage->dataset, self->salvage_file);
  name = g_file_get_basename (self->salvage_file);
  n = g_strv_length (self->salvage->descriptions);
  list = list_descriptions (self->salvage->descriptions);
  _atlas_window_set_document (self, document);

  {
    g_autofree char *escaped = atlas_text_escape_line (name);

    /* Translators: %s is a file name; then the list of problems */
    text = g_strdup_printf (ngettext ("“%s” is open read-only: a value it holds could not be read and "
                                      "shows as “No data”. Save it under a new name to keep working on it.",
                                      "“%s” is open read-only: %u values it holds could not be read and "
                                      "show as “No data”. Save it under a new name to keep working on it.", n),
                            escaped, n);
  }
  {
    g_autofree char *full = g_strdup_printf ("%s\n%s", text, list);

    gtk_label_set_text (self->problems_label, full);
  }
  gtk_info_bar_set_revealed (self->problems_bar, TRUE);
}

static void
open_read_only_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_read_only (ATLAS_WINDOW (widget));
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AtlasWindow      *self)
{
  if (g_strcmp0 (response, "read-only") == 0)
    open_read_only (self);
}

/* The problems in words, the technical lines below in an expander */
static GtkWidget *
technical_expander (const char *technical)
{
  GtkWidget *expander = gtk_expander_new_with_mnemonic (_("_Technical Details"));
  GtkWidget *label = gtk_label_new (technical);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_expander_set_child (GTK_EXPANDER (expander), label);

  return expander;
}

static void
show_salvage (AtlasWindow *self,
              const char  *technical)
{
  gboolean can_open = self->salvage->dataset != NULL;
  g_autofree char *list = list_descriptions (self->salvage->descriptions);
  g_autofree char *name = g_file_get_parse_name (self->salvage_file);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-read-only", can_open);

  if (atlas_window_get_dataset (self) != NULL)
    {
      /* Keep what is open; say what went wrong, and offer the rest. */
      AdwMessageDialog *dialog;
      g_autofree char *escaped = atlas_text_escape_line (name);

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Could Not Open the Dataset"), NULL));
      if (can_open)
        {
          guint n = g_strv_length (self->salvage->descriptions);
          g_autofree char *sentence = NULL;

          /* What the error page says: what can be done, not only what failed */
          sentence = g_strdup_printf (ngettext ("“%s” has a value this app cannot read; the rest can be opened read-only",
                                                "“%s” has %u values this app cannot read; the rest can be opened read-only",
                                                n),
                                      escaped, n);
          adw_message_dialog_format_body (dialog, "%s\n\n%s", sentence, list);
        }
      else
        adw_message_dialog_format_body (dialog, "%s\n\n%s", escaped, list);
      adw_message_dialog_set_extra_child (dialog, technical_expander (technical));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      if (can_open)
        {
          adw_message_dialog_add_response (dialog, "read-only", _("Open _Read-Only"));
          adw_message_dialog_set_response_appearance (dialog, "read-only", ADW_RESPONSE_SUGGESTED);
          adw_message_dialog_set_default_response (dialog, "read-only");
        }
      g_signal_connect (dialog, "response", G_CALLBACK (dialog_response_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (can_open)
    {
      guint n = g_strv_length (self->salvage->descriptions);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autofree char *description = NULL;

      /* Translators: %s is a file name. The status page reads its
       * description as markup: the name is escaped. */
      description = g_strdup_printf (ngettext ("“%s” has a value this app cannot read; the rest can be opened read-only",
                                               "“%s” has %u values this app cannot read; the rest can be opened read-only",
                                               n),
                                     escaped, n);
      adw_status_page_set_description (self->error_page, description);
    }
  gtk_label_set_text (self->error_summary, list);
  gtk_widget_set_visible (GTK_WIDGET (self->error_summary), TRUE);
  gtk_expander_set_expanded (self->error_expander, FALSE);
  gtk_widget_set_visible (self->error_read_only_button, can_open);
  if (can_open)
    {
      gtk_widget_add_css_class (self->error_read_only_button, "suggested-action");
      gtk_widget_remove_css_class (self->error_bundled_button, "suggested-action");
    }
}

typedef struct
{
  AtlasWindow *window;
  GFile       *file;
  char        *technical;
} SalvageRequest;

static void
salvage_request_free (SalvageRequest *request)
{
  g_object_unref (request->window);
  g_object_unref (request->file);
  g_free (request->technical);
  g_free (request);
}

static void
salvage_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SalvageRequest *request = user_data;
  AtlasWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  AtlasSalvage *salvage = atlas_salvage_file_finish (result, &error);

  if (salvage != NULL)
    {
      g_clear_pointer (&self->salvage, atlas_salvage_free);
      self->salvage = salvage;
      g_set_object (&self->salvage_file, request->file);
      show_salvage (self, request->technical);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && atlas_window_get_dataset (self) != NULL)
    {
      /* The file went away meanwhile: say what the loader said. */
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Could Not Open the Dataset"), NULL));
      adw_message_dialog_format_body (dialog, "%s", request->technical);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }

  salvage_request_free (request);
}

void
_atlas_window_salvage (AtlasWindow *self,
                       GFile       *file,
                       GPtrArray   *problems,
                       const char  *technical)
{
  SalvageRequest *request = g_new0 (SalvageRequest, 1);

  request->window = g_object_ref (self);
  request->file = g_object_ref (file);
  request->technical = g_strdup (technical);
  atlas_salvage_file_async (file, problems, self->cancellable, salvage_cb, request);
}

/* Another document: the bar was about the one before. */
static void
document_set_cb (AtlasWindow *self)
{
  gtk_info_bar_set_revealed (self->problems_bar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_summary), FALSE);
  gtk_widget_set_visible (self->error_read_only_button, FALSE);
  gtk_widget_add_css_class (self->error_bundled_button, "suggested-action");
  gtk_expander_set_expanded (self->error_expander, TRUE);
}

static void
problems_bar_response_cb (GtkInfoBar  *bar,
                          int          response,
                          AtlasWindow *self)
{
  if (response == GTK_RESPONSE_CLOSE)
    gtk_info_bar_set_revealed (bar, FALSE);
}

void
_atlas_window_salvage_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, problems_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, error_summary);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, error_expander);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, error_read_only_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, error_bundled_button);
  gtk_widget_class_install_action (widget_class, "win.open-read-only", NULL, open_read_only_action);
}

void
_atlas_window_salvage_init (AtlasWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-read-only", FALSE);
  g_signal_connect (self->problems_bar, "response", G_CALLBACK (problems_bar_response_cb), self);
  g_signal_connect (self, "notify::dataset-file", G_CALLBACK (document_set_cb), NULL);
}

void
_atlas_window_salvage_dispose (AtlasWindow *self)
{
  g_clear_pointer (&self->salvage, atlas_salvage_free);
  g_clear_object (&self->salvage_file);
}
