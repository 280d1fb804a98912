/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The "Dataset" dialog (win.dataset-properties): the dataset's title, the
 * date it describes, and the works it cites, which the profiles' source
 * drop-downs offer. Every change is a command of the window's undo stack,
 * so Ctrl+Z undoes it (here or in the window) and the window shows unsaved
 * changes; the dialog redraws itself from the dataset after each command,
 * so it follows undo and redo too. A work that profiles cite cannot be
 * removed: its Remove button says who cites it. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-dataset-dialog.h"
#include "atlas-dataset-io.h"
#include "atlas-link-row.h"
#include "atlas-palette.h"
#include "atlas-format-rules.h"

#define YEAR_MIN ATLAS_FORMAT_YEAR_MIN
#define YEAR_MAX ATLAS_FORMAT_YEAR_MAX

typedef struct _SourceRow SourceRow;

struct _AtlasDatasetDialog
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *title_row;
  AdwEntryRow          *as_of_row;
  AdwPreferencesGroup  *sources_group;
  AdwPreferencesGroup  *colors_group;
  GtkButton            *add_button;

  GPtrArray            *color_rows;  /* the rows of colors_group */

  AtlasUndoStack       *undo_stack;
  GPtrArray            *rows;        /* of SourceRow, in list order */
  GtkWidget            *empty_row;
  /* The id of a source just added, to open and focus once shown. */
  char                 *expand_id;
  /* Set while the widgets are being made to show the dataset, when their
   * change signals are not the user's. */
  guint                 syncing;
};

struct _SourceRow
{
  AtlasDatasetDialog *self;
  AtlasSource        *source;        /* the dataset's own */
  GtkWidget          *expander;
  GtkWidget          *title_row;
  GtkWidget          *author_row;
  GtkWidget          *year_spin;
  GtkWidget          *url_row;
  GtkWidget          *id_label;
  GtkWidget          *remove_row;
  GtkWidget          *remove_button;
};

G_DEFINE_FINAL_TYPE (AtlasDatasetDialog, atlas_dataset_dialog, ADW_TYPE_PREFERENCES_WINDOW)

static void sync_from_dataset (AtlasDatasetDialog *self);

/* The widgets may outlive the row by a moment (a row removed from inside
 * its own Remove button's handler): they must not call back into it. */
static void
source_row_free (SourceRow *row)
{
  GtkWidget *widgets[] = { row->title_row, row->author_row, row->year_spin,
                           row->url_row, row->remove_button };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    g_signal_handlers_disconnect_by_data (widgets[i], row);
  g_clear_object (&row->source);
  g_free (row);
}

static AtlasDataset *
get_dataset (AtlasDatasetDialog *self)
{
  return atlas_undo_stack_get_dataset (self->undo_stack);
}

static void
set_text_if_changed (GtkWidget  *editable,
                     const char *text)
{
  if (text == NULL)
    text = "";
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editable)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
show_error (AtlasDatasetDialog *self,
            const GError       *error)
{
  /* libadwaita 1.2 takes a toast's title as markup, and the message may
   * quote a title from the dataset. */
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* Names shown before "and 5 more": a work cited by every partner would
 * otherwise take a screenful. */
#define MAX_NAMES_SHOWN 3

/* "Brazil, Japan", or NULL when no profile cites @source_id. */
static char *
dup_citing_names (AtlasDatasetDialog *self,
                  const char         *source_id)
{
  g_autoptr(GPtrArray) citing = atlas_undo_stack_dup_citing_partners (self->undo_stack, source_id);
  g_autoptr(GString) names = NULL;

  if (citing->len == 0)
    return NULL;

  names = g_string_new (NULL);
  for (guint i = 0; i < citing->len && i < MAX_NAMES_SHOWN; i++)
    {
      if (i > 0)
        /* Translators: between the names of partners in a list */
        g_string_append (names, _(", "));
      g_string_append (names, atlas_partner_get_display_name (g_ptr_array_index (citing, i)));
    }
  if (citing->len > MAX_NAMES_SHOWN)
    {
      guint more = citing->len - MAX_NAMES_SHOWN;

      g_string_append_c (names, ' ');
      /* Translators: after the first few names of partners citing a work,
       * "Brazil, Canada, China and 12 more" */
      g_string_append_printf (names, ngettext ("and %u more", "and %u more", more), more);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Hands the dataset's sources, with @live replaced by @new_state (or left
 * out when it is NULL, or @new_state appended when @live is NULL), to the
 * undo stack. */
static gboolean
edit_sources (AtlasDatasetDialog  *self,
              AtlasSource         *live,
              AtlasSource         *new_state,
              const char          *label,
              const char          *coalesce_key,
              GError             **error)
{
  GListModel *sources = atlas_dataset_get_sources (get_dataset (self));
  g_autoptr(GListStore) edited = g_list_store_new (ATLAS_TYPE_SOURCE);
  guint n = g_list_model_get_n_items (sources);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (sources, i);

      if (source != live)
        {
          g_autoptr(AtlasSource) copy = atlas_source_copy (source);

          g_list_store_append (edited, copy);
        }
      else if (new_state != NULL)
        g_list_store_append (edited, new_state);
    }
  if (live == NULL && new_state != NULL)
    g_list_store_append (edited, new_state);

  return atlas_undo_stack_edit_sources (self->undo_stack, G_LIST_MODEL (edited),
                                        label, coalesce_key, error);
}

static char *
field_key (SourceRow  *row,
           const char *field)
{
  guint position = 0;

  g_list_store_find (atlas_dataset_get_sources_store (get_dataset (row->self)),
                     row->source, &position);

  return g_strdup_printf ("source.%u.%s", position, field);
}

/* A new work's id follows its author and year as they are typed, as long
 * as it is the one they would give and no profile cites it yet; after that
 * it stays, so that references to it hold. */
static void
follow_id (SourceRow   *row,
           AtlasSource *state)
{
  AtlasUndoStack *stack = row->self->undo_stack;
  const char *id = atlas_source_get_id (row->source);
  g_autofree char *generated = NULL;
  g_autoptr(GPtrArray) citing = NULL;
  g_autofree char *new_id = NULL;

  generated = atlas_undo_stack_make_source_id (stack, atlas_source_get_author (row->source),
                                               atlas_source_get_year (row->source), id);
  if (g_strcmp0 (generated, id) != 0)
    return;

  citing = atlas_undo_stack_dup_citing_partners (stack, id);
  if (citing->len > 0)
    return;

  new_id = atlas_undo_stack_make_source_id (stack, atlas_source_get_author (state),
                                            atlas_source_get_year (state), id);
  atlas_source_set_id (state, new_id);
}

/* A text field of a work cited changed (the link: only to one saving
 * takes, see AtlasLinkRow). */
static void
source_text_changed (SourceRow  *row,
                     const char *field,
                     const char *text)
{
  AtlasDatasetDialog *self = row->self;
  g_autoptr(AtlasSource) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  if (self->syncing > 0)
    return;

  state = atlas_source_copy (row->source);
  if (g_str_equal (field, "url"))
    atlas_source_set_url (state, text);
  else if (g_str_equal (field, "author"))
    {
      atlas_source_set_author (state, text);
      follow_id (row, state);
    }
  else
    atlas_source_set_title (state, text);

  key = field_key (row, field);
  if (!edit_sources (self, row->source, state, _("Source Edit"), key, &error))
    show_error (self, error);
}

static void
source_title_changed_cb (GtkEditable *editable,
                         SourceRow   *row)
{
  source_text_changed (row, "title", gtk_editable_get_text (editable));
}

static void
source_author_changed_cb (GtkEditable *editable,
                          SourceRow   *row)
{
  source_text_changed (row, "author", gtk_editable_get_text (editable));
}

static void
source_url_changed_cb (AtlasLinkRow *link,
                       GParamSpec   *pspec,
                       SourceRow    *row)
{
  source_text_changed (row, "url", atlas_link_row_get_uri (link));
}

static void
year_changed_cb (GtkSpinButton *spin,
                 SourceRow     *row)
{
  AtlasDatasetDialog *self = row->self;
  g_autoptr(AtlasSource) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  if (self->syncing > 0)
    return;

  state = atlas_source_copy (row->source);
  atlas_source_set_year (state, gtk_spin_button_get_value_as_int (spin));
  follow_id (row, state);

  key = field_key (row, "year");
  if (!edit_sources (self, row->source, state, _("Source Edit"), key, &error))
    show_error (self, error);
}

static void
remove_clicked_cb (GtkButton *button,
                   SourceRow *row)
{
  AtlasDatasetDialog *self = row->self;
  g_autoptr(GError) error = NULL;

  /* Also refused by the stack, should the button be clicked anyway. */
  if (!edit_sources (self, row->source, NULL, _("Removal of a Source"), NULL, &error))
    show_error (self, error);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                AtlasDatasetDialog      *self)
{
  atlas_undo_stack_break_coalescing (self->undo_stack);
}

static void
break_coalescing_on_leave (AtlasDatasetDialog *self,
                           GtkWidget          *widget)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (widget, controller);
}

static GtkWidget *
entry_row_new (SourceRow  *row,
               GtkWidget  *entry,
               const char *title,
               const char *accessible_name)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  /* Undo belongs to the app's stack. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);
  break_coalescing_on_leave (row->self, entry);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), entry);

  return entry;
}

static SourceRow *
source_row_new (AtlasDatasetDialog *self,
                AtlasSource        *source)
{
  SourceRow *row = g_new0 (SourceRow, 1);
  GtkWidget *year_row, *id_row;

  row->self = self;
  row->source = g_object_ref (source);

  row->expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->expander), FALSE);

  row->title_row = entry_row_new (row, adw_entry_row_new (), _("Title"), _("Source Title"));
  g_signal_connect (row->title_row, "changed", G_CALLBACK (source_title_changed_cb), row);
  row->author_row = entry_row_new (row, adw_entry_row_new (), _("Author"), _("Author"));
  g_signal_connect (row->author_row, "changed", G_CALLBACK (source_author_changed_cb), row);

  year_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (year_row), _("Year"));
  row->year_spin = gtk_spin_button_new_with_range (YEAR_MIN, YEAR_MAX, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (row->year_spin), TRUE);
  gtk_widget_set_valign (row->year_spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->year_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Year"),
                                  -1);
  g_signal_connect (row->year_spin, "value-changed", G_CALLBACK (year_changed_cb), row);
  break_coalescing_on_leave (self, row->year_spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (year_row), row->year_spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (year_row), row->year_spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), year_row);

  /* Takes only a link saving takes, and says why not in saving's words */
  row->url_row = entry_row_new (row, atlas_link_row_new (NULL), _("Link (http or https)"), _("Link"));
  g_signal_connect (row->url_row, "notify::uri", G_CALLBACK (source_url_changed_cb), row);

  /* The id is what profiles store: shown, so that a file read elsewhere
   * can be matched, but made by the app. */
  id_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (id_row), _("Id"));
  row->id_label = gtk_label_new (NULL);
  gtk_label_set_use_markup (GTK_LABEL (row->id_label), FALSE);
  gtk_label_set_selectable (GTK_LABEL (row->id_label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (row->id_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (row->id_label, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->id_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Id"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (id_row), row->id_label);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), id_row);

  row->remove_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->remove_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->remove_row), _("Remove from the Dataset"));
  row->remove_button = gtk_button_new_with_mnemonic (_("_Remove"));
  gtk_widget_set_valign (row->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->remove_button, "destructive-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Source"),
                                  -1);
  g_signal_connect (row->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->remove_row), row->remove_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), row->remove_row);

  return row;
}

/* Makes the row show its source as the dataset has it now. */
static void
source_row_sync (SourceRow *row)
{
  AtlasSource *source = row->source;
  const char *title = atlas_source_get_title (source);
  const char *author = atlas_source_get_author (source);
  int year = atlas_source_get_year (source);
  g_autofree char *subtitle = NULL;
  g_autofree char *citing = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander),
                                 title[0] != '\0' ? title : _("Untitled"));
  if (author[0] != '\0')
    /* Translators: a work's author and year, "Council of Europe, 2022" */
    subtitle = g_strdup_printf (_("%s, %d"), author, year);
  else
    subtitle = g_strdup_printf ("%d", year);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander), subtitle);

  set_text_if_changed (row->title_row, title);
  set_text_if_changed (row->author_row, author);
  if (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (row->year_spin)) != year)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (row->year_spin), year);
  atlas_link_row_set_uri (ATLAS_LINK_ROW (row->url_row), atlas_source_get_url (source));
  gtk_label_set_text (GTK_LABEL (row->id_label), atlas_source_get_id (source));

  citing = dup_citing_names (row->self, atlas_source_get_id (source));
  gtk_widget_set_sensitive (row->remove_button, citing == NULL);
  if (citing != NULL)
    {
      /* Translators: %s names the partners, "Brazil, Japan" */
      g_autofree char *why = g_strdup_printf (_("Cited by %s"), citing);

      gtk_widget_set_tooltip_text (row->remove_button, why);
      gtk_widget_set_tooltip_text (row->remove_row, why);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row->remove_row), why);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why,
                                      -1);
    }
  else
    {
      gtk_widget_set_tooltip_text (row->remove_button, NULL);
      gtk_widget_set_tooltip_text (row->remove_row, NULL);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row->remove_row),
                                   _("No profile cites this work"));
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row->remove_button),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* One row per source, made anew when the list itself changed (a source
 * added or removed); those that were open stay open. */
static void
rebuild_rows (AtlasDatasetDialog *self)
{
  GListModel *sources = atlas_dataset_get_sources (get_dataset (self));
  guint n = g_list_model_get_n_items (sources);
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *focus = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      SourceRow *row = g_ptr_array_index (self->rows, i);

      if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row->expander)))
        g_hash_table_add (expanded, g_strdup (atlas_source_get_id (row->source)));
      g_ptr_array_add (old, g_object_ref (row->expander));
    }
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < old->len; i++)
    adw_preferences_group_remove (self->sources_group, g_ptr_array_index (old, i));

  gtk_widget_set_visible (self->empty_row, n == 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (sources, i);
      SourceRow *row = source_row_new (self, source);
      const char *id = atlas_source_get_id (source);

      g_ptr_array_add (self->rows, row);
      source_row_sync (row);
      adw_preferences_group_add (self->sources_group, row->expander);
      if (g_hash_table_contains (expanded, id) || g_strcmp0 (id, self->expand_id) == 0)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander), TRUE);
      if (g_strcmp0 (id, self->expand_id) == 0)
        focus = row->title_row;
    }

  g_clear_pointer (&self->expand_id, g_free);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

/* The palette checks of atlas-palette.h, lens by lens, with the numbers:
 * a dataset's colours are the author's to fix (in the file). */
static void
sync_colors (AtlasDatasetDialog *self)
{
  AtlasDataset *dataset = get_dataset (self);
  GListModel *lenses = atlas_dataset_get_lenses (dataset);
  guint n_problems = 0;

  for (guint i = 0; i < self->color_rows->len; i++)
    adw_preferences_group_remove (self->colors_group, g_ptr_array_index (self->color_rows, i));
  g_ptr_array_set_size (self->color_rows, 0);

  for (guint l = 0; l < g_list_model_get_n_items (lenses); l++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, l);
      g_autoptr(GPtrArray) problems = atlas_palette_check_lens (lens, atlas_dataset_get_subject_color (dataset));
      GtkWidget *expander;
      g_autofree char *subtitle = NULL;

      if (problems->len == 0)
        continue;
      n_problems += problems->len;
      expander = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), atlas_lens_get_name (lens));
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem with its colours",
                                               "%u problems with its colours", problems->len), problems->len);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander),
                                   gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      for (guint i = 0; i < problems->len; i++)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (problems, i));
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      adw_preferences_group_add (self->colors_group, expander);
      g_ptr_array_add (self->color_rows, expander);
    }

  if (n_problems == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Every lens's colours keep apart, for every eye and in grey"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
      adw_preferences_group_add (self->colors_group, row);
      g_ptr_array_add (self->color_rows, row);
    }
}

static void
sync_from_dataset (AtlasDatasetDialog *self)
{
  AtlasDataset *dataset = get_dataset (self);
  GListModel *sources = atlas_dataset_get_sources (dataset);
  guint n = g_list_model_get_n_items (sources);
  gboolean same_list = self->rows->len == n;

  self->syncing++;

  set_text_if_changed (GTK_WIDGET (self->title_row), atlas_dataset_get_title (dataset));
  set_text_if_changed (GTK_WIDGET (self->as_of_row), atlas_dataset_get_as_of (dataset));
  atlas_field_show_problem (GTK_WIDGET (self->as_of_row), NULL);
  sync_colors (self);

  for (guint i = 0; same_list && i < n; i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (sources, i);
      SourceRow *row = g_ptr_array_index (self->rows, i);

      same_list = row->source == source;
    }

  if (same_list)
    for (guint i = 0; i < self->rows->len; i++)
      source_row_sync (g_ptr_array_index (self->rows, i));
  else
    rebuild_rows (self);

  self->syncing--;
}

static void
title_changed_cb (AdwEntryRow        *entry,
                  AtlasDatasetDialog *self)
{
  if (self->syncing > 0)
    return;

  atlas_undo_stack_edit_dataset_info (self->undo_stack,
                                      gtk_editable_get_text (GTK_EDITABLE (entry)), NULL,
                                      _("Rename Dataset"), "dataset.title", NULL);
}

static void
as_of_changed_cb (AdwEntryRow        *entry,
                  AtlasDatasetDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean valid = atlas_format_is_date (text);

  if (self->syncing > 0)
    return;

  /* A half-typed date waits until it is one, saying why in saving's words. */
  {
    g_autofree char *problem = valid ? NULL : atlas_format_check_date (text);

    atlas_field_show_problem (GTK_WIDGET (entry), problem);
  }
  if (valid)
    atlas_undo_stack_edit_dataset_info (self->undo_stack, NULL, text,
                                        _("Change of the Dataset Date"), "dataset.as-of", NULL);
}

static void
add_clicked_cb (GtkButton          *button,
                AtlasDatasetDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = CLAMP (g_date_time_get_year (now), YEAR_MIN, YEAR_MAX);
  g_autofree char *id = atlas_undo_stack_make_source_id (self->undo_stack, NULL, year, NULL);
  g_autoptr(AtlasSource) source = atlas_source_new (id);
  g_autoptr(GError) error = NULL;

  atlas_source_set_year (source, year);
  g_free (self->expand_id);
  self->expand_id = g_strdup (id);
  if (!edit_sources (self, NULL, source, _("Addition of a Source"), NULL, &error))
    {
      g_clear_pointer (&self->expand_id, g_free);
      show_error (self, error);
    }
}

static gboolean
undo_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  AtlasDatasetDialog *self = ATLAS_DATASET_DIALOG (widget);

  if (g_variant_get_boolean (args))
    return atlas_undo_stack_redo (self->undo_stack);

  return atlas_undo_stack_undo (self->undo_stack);
}

static void
atlas_dataset_dialog_dispose (GObject *object)
{
  AtlasDatasetDialog *self = ATLAS_DATASET_DIALOG (object);

  if (self->undo_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_stack, self);
  g_clear_object (&self->undo_stack);
  /* Before the widgets go, while they are there to disconnect from. */
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), ATLAS_TYPE_DATASET_DIALOG);

  G_OBJECT_CLASS (atlas_dataset_dialog_parent_class)->dispose (object);
}

static void
atlas_dataset_dialog_finalize (GObject *object)
{
  AtlasDatasetDialog *self = ATLAS_DATASET_DIALOG (object);

  g_free (self->expand_id);
  g_ptr_array_unref (self->color_rows);

  G_OBJECT_CLASS (atlas_dataset_dialog_parent_class)->finalize (object);
}

static void
atlas_dataset_dialog_class_init (AtlasDatasetDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_dataset_dialog_dispose;
  object_class->finalize = atlas_dataset_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/atlas-dataset-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasDatasetDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasDatasetDialog, as_of_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasDatasetDialog, sources_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasDatasetDialog, colors_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasDatasetDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, as_of_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);

  /* The dialog is modal: the window's own Ctrl+Z cannot be reached. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                undo_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                undo_cb, "b", TRUE);
}

static void
atlas_dataset_dialog_init (AtlasDatasetDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) source_row_free);
  self->color_rows = g_ptr_array_new ();

  self->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("No works cited yet"));
  gtk_widget_add_css_class (self->empty_row, "dim-label");
  adw_preferences_group_add (self->sources_group, self->empty_row);
}

GtkWidget *
atlas_dataset_dialog_new (GtkWindow      *parent,
                          AtlasUndoStack *undo_stack)
{
  AtlasDatasetDialog *self;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (undo_stack), NULL);

  self = g_object_new (ATLAS_TYPE_DATASET_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->undo_stack = g_object_ref (undo_stack);
  g_signal_connect_swapped (undo_stack, "changed", G_CALLBACK (sync_from_dataset), self);
  sync_from_dataset (self);

  return GTK_WIDGET (self);
}
