/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The profile as a form, while "Edit" is on: the source and date of this
 * change, the partner's name and update date, a drop-down per lens, the
 * assessment, an AtlasProfileSection per list of entries (its fields in
 * the tables of atlas-profile-sections.c) and the history. Its fixed
 * parts are in its template (atlas-profile-editor.ui); the indicators'
 * rows and the sections are added here, as the dataset has them.
 *
 * Everything the form changes goes through the AtlasUndoStack, never into
 * the partner directly. After any change of the partner, the view calls
 * atlas_profile_editor_sync () once, in an idle pass, to bring the form in
 * line with it, and the widgets' own handlers ignore that pass (syncing) so
 * that undo never feeds back into the stack. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-choice-row.h"
#include "atlas-date-button.h"
#include "atlas-link-row.h"
#include "atlas-long-text.h"
#include "atlas-profile-editor.h"
#include "atlas-profile-history.h"
#include "atlas-profile-private.h"
#include "atlas-profile-section.h"
#include "atlas-source-prompt.h"
#include "atlas-swatch.h"

struct _AtlasProfileEditor
{
  GtkWidget            parent_instance;

  AtlasDataset        *dataset;
  AtlasUndoStack      *undo_stack;
  AtlasPartner        *partner;

  GPtrArray           *indicators;      /* Indicator, owned */
  GtkWidget           *indicators_group;
  GtkWidget           *assessment_group;
  GtkTextView         *assessment_view;
  GtkTextBuffer       *assessment_buffer;
  GtkWidget           *name_row;
  GtkWidget           *updated_row;
  GtkWidget           *updated_problem; /* what saving would say of its date */
  GtkWidget           *source_row;
  GtkWidget           *change_date_row;
  GtkWidget           *change_reason;   /* why a change was refused, or hidden */
  guint                resync_id;
  GtkWidget           *assessment_source_row;
  GPtrArray           *sections;        /* AtlasProfileSection (borrowed) */
  AtlasProfileHistory *history;

  /* > 0 while the form is being brought in line with the partner */
  guint                syncing;
};
enum {
  PROP_0,
  PROP_DATASET,
  PROP_UNDO_STACK,
  PROP_PARTNER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasProfileEditor, atlas_profile_editor, GTK_TYPE_WIDGET)

/* The drop-down of one lens */
typedef struct
{
  AtlasProfileEditor *self;
  GtkDropDown        *dropdown;
  char               *lens_id;
} Indicator;

/* What the drop-down of a lens shows: the button or its list */
typedef struct
{
  AtlasLens *lens;
  gboolean   in_list;
} CategoryItems;

static void sync_form (AtlasProfileEditor *self);

static gboolean
can_edit (AtlasProfileEditor *self)
{
  return self->syncing == 0;
}

/* Says why the change date would break the history's chain (the change is
 * not made), or hides the reason. */
static void
show_change_reason (AtlasProfileEditor *self,
                    const char         *reason)
{
  if (self->change_reason == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (self->change_reason), reason ? reason : "");
  gtk_widget_set_visible (self->change_reason, reason != NULL);
  if (reason != NULL)
    gtk_widget_add_css_class (self->change_date_row, "error");
  else
    gtk_widget_remove_css_class (self->change_date_row, "error");
}

static gboolean
resync_cb (gpointer data)
{
  AtlasProfileEditor *self = data;

  self->resync_id = 0;
  if (self->partner != NULL)
    sync_form (self);
  return G_SOURCE_REMOVE;
}

/* Whether a change of @field, dated with the change date, may be made; if
 * not, the form goes back to the profile as it is and says why. */
static gboolean
check_change (AtlasProfileEditor *self,
              const char         *field)
{
  g_autoptr(GError) error = NULL;

  if (atlas_undo_stack_check_change (self->undo_stack, self->partner, field, &error))
    {
      show_change_reason (self, NULL);
      return TRUE;
    }

  show_change_reason (self, error->message);
  /* Not inside the signal of the widget being changed. */
  if (self->resync_id == 0)
    self->resync_id = g_idle_add (resync_cb, self);
  return FALSE;
}

static void
indicator_selected_cb (GtkDropDown *dropdown,
                       GParamSpec  *pspec,
                       Indicator   *indicator)
{
  AtlasProfileEditor *self = indicator->self;
  const char *lens_id = indicator->lens_id;
  AtlasLens *lens;
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *category_id = NULL;

  if (!can_edit (self) || (lens = atlas_dataset_find_lens (self->dataset, lens_id)) == NULL)
    return;

  if (selected < atlas_lens_get_n_categories (lens))
    {
      g_autoptr(AtlasCategory) category = g_list_model_get_item (atlas_lens_get_categories (lens), selected);

      category_id = atlas_category_get_id (category);
    }

  if (g_strcmp0 (category_id, atlas_partner_get_indicator (self->partner, lens_id)) == 0)
    return;

  {
    g_autofree char *field = g_strconcat ("indicators.", lens_id, NULL);

    if (!check_change (self, field))
      return;
  }
  atlas_undo_stack_set_indicator (self->undo_stack, self->partner, lens_id, category_id);
  /* Where it comes from, asked now rather than in a row easily missed */
  if (atlas_undo_stack_get_change_source (self->undo_stack) == NULL &&
      g_strcmp0 (category_id, atlas_partner_get_indicator (self->partner, lens_id)) == 0)
    atlas_source_prompt_popup (GTK_WIDGET (dropdown), self->undo_stack, self->partner);
}

static guint
indicator_position (AtlasProfileEditor *self,
                    AtlasLens          *lens)
{
  const char *category_id = atlas_partner_get_indicator (self->partner, atlas_lens_get_id (lens));
  int index = atlas_lens_get_category_index (lens, category_id);

  /* "No data" is the last choice. */
  return index < 0 ? atlas_lens_get_n_categories (lens) : (guint) index;
}

/* The indicators' drop-downs show each category with its swatch, as on
 * the map; the list adds what the category means. The model holds the
 * names, "No data" last; the lens gives colours and descriptions by
 * position. */
static void
category_item_setup_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        CategoryItems            *items)
{
  gboolean in_list = items->in_list;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = atlas_swatch_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = atlas_profile_plain_label_new ("");

  gtk_widget_set_size_request (swatch, 14, 14);
  gtk_widget_set_valign (swatch, in_list ? GTK_ALIGN_START : GTK_ALIGN_CENTER);
  if (in_list)
    gtk_widget_set_margin_top (swatch, 2);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_box_append (GTK_BOX (texts), name);
  if (!in_list)
    gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  if (in_list)
    {
      GtkWidget *description = atlas_profile_plain_label_new ("");

      gtk_label_set_xalign (GTK_LABEL (description), 0);
      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (description), 36);
      gtk_label_set_width_chars (GTK_LABEL (description), 28);
      gtk_widget_add_css_class (description, "dim-label");
      gtk_widget_add_css_class (description, "caption");
      gtk_box_append (GTK_BOX (texts), description);
    }
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_list_item_set_child (item, box);
}

static void
category_item_bind_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       CategoryItems            *items)
{
  AtlasLens *lens = items->lens;
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_last_child (box);
  GtkWidget *name = gtk_widget_get_first_child (texts);
  guint position = gtk_list_item_get_position (item);
  g_autoptr(AtlasCategory) category = NULL;

  if (position < atlas_lens_get_n_categories (lens))
    category = g_list_model_get_item (atlas_lens_get_categories (lens), position);

  gtk_label_set_text (GTK_LABEL (name), category ? atlas_category_get_name (category) : _("No data"));
  atlas_label_fit_title (GTK_LABEL (name));
  atlas_swatch_set_color (ATLAS_SWATCH (swatch), category ? (gint64) atlas_category_get_color (category) : -1);
  if (items->in_list)
    {
      GtkWidget *description = gtk_widget_get_last_child (texts);
      const char *text = category ? atlas_category_get_description (category)
                                  : _("The dataset records no category for this partner");

      gtk_label_set_text (GTK_LABEL (description), text);
      atlas_label_fit_text (GTK_LABEL (description));
      gtk_widget_set_visible (description, text != NULL && *text != '\0');
    }
}

static void
category_items_free (gpointer  data,
                     GClosure *closure)
{
  CategoryItems *items = data;

  g_object_unref (items->lens);
  g_free (items);
}

static GtkListItemFactory *
category_factory_new (AtlasLens *lens,
                      gboolean   in_list)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  CategoryItems *items = g_new0 (CategoryItems, 1);

  items->lens = g_object_ref (lens);
  items->in_list = in_list;
  g_signal_connect (factory, "setup", G_CALLBACK (category_item_setup_cb), items);
  /* The factory's handlers go together: the last one frees items. */
  g_signal_connect_data (factory, "bind", G_CALLBACK (category_item_bind_cb), items,
                         category_items_free, 0);
  return factory;
}

static void
indicator_free (gpointer data)
{
  Indicator *indicator = data;

  g_signal_handlers_disconnect_by_data (indicator->dropdown, indicator);
  g_free (indicator->lens_id);
  g_free (indicator);
}

static void
build_indicator_form (AtlasProfileEditor *self)
{
  GtkWidget *group = self->indicators_group;
  GListModel *lenses = atlas_dataset_get_lenses (self->dataset);
  guint n = g_list_model_get_n_items (lenses);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
      GListModel *categories = atlas_lens_get_categories (lens);
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
      Indicator *indicator;
      GtkDropDown *dropdown;
      GtkWidget *row;

      for (guint j = 0; j < g_list_model_get_n_items (categories); j++)
        {
          g_autoptr(AtlasCategory) category = g_list_model_get_item (categories, j);

          gtk_string_list_append (choices, atlas_category_get_name (category));
        }
      gtk_string_list_append (choices, _("No data"));

      row = atlas_choice_row_new (atlas_lens_get_name (lens), G_LIST_MODEL (choices));
      atlas_profile_tune_wrap_all (row);
      dropdown = atlas_choice_row_get_drop_down (ATLAS_CHOICE_ROW (row));
      {
        g_autoptr(GtkListItemFactory) button = category_factory_new (lens, FALSE);
        g_autoptr(GtkListItemFactory) list = category_factory_new (lens, TRUE);

        gtk_drop_down_set_factory (dropdown, button);
        gtk_drop_down_set_list_factory (dropdown, list);
      }
      gtk_drop_down_set_selected (dropdown, indicator_position (self, lens));
      indicator = g_new0 (Indicator, 1);
      indicator->self = self;
      indicator->dropdown = dropdown;
      indicator->lens_id = g_strdup (atlas_lens_get_id (lens));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (indicator_selected_cb), indicator);
      g_ptr_array_add (self->indicators, indicator);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static char *
get_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
assessment_changed_cb (GtkTextBuffer      *buffer,
                       AtlasProfileEditor *self)
{
  g_autofree char *text = NULL;

  if (!can_edit (self))
    return;

  text = get_buffer_text (buffer);
  if (g_strcmp0 (text, atlas_partner_get_assessment (self->partner)) == 0)
    return;

  if (!check_change (self, "assessment"))
    return;
  atlas_undo_stack_set_assessment (self->undo_stack, self->partner, text);
  /* Asked under the text, without taking the focus from it */
  if (self->assessment_source_row != NULL && atlas_undo_stack_get_change_source (self->undo_stack) == NULL)
    gtk_widget_set_visible (self->assessment_source_row, TRUE);
}

static void
build_assessment_form (AtlasProfileEditor *self)
{
  self->assessment_buffer = g_object_ref (gtk_text_view_get_buffer (self->assessment_view));
  /* The app's undo stack owns Ctrl+Z: the buffer's own history would undo
   * behind its back. */
  gtk_text_buffer_set_enable_undo (self->assessment_buffer, FALSE);
  /* A pasted blob of 200 000 characters: laid out in linear time */
  atlas_text_buffer_cut_long_runs (self->assessment_buffer);
  gtk_text_buffer_set_text (self->assessment_buffer, atlas_partner_get_assessment (self->partner), -1);
  g_signal_connect (self->assessment_buffer, "changed", G_CALLBACK (assessment_changed_cb), self);
  atlas_profile_break_coalescing_on_leave (GTK_WIDGET (self->assessment_view), self->undo_stack);

  self->assessment_source_row = atlas_source_prompt_row_new (self->undo_stack, self->partner);
  gtk_widget_set_margin_top (self->assessment_source_row, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->assessment_group), self->assessment_source_row);
}

static void
edit_copy (AtlasProfileEditor *self,
           AtlasPartner       *copy,
           const char         *label,
           const char         *coalesce_key)
{
  atlas_undo_stack_edit_partner (self->undo_stack, self->partner, copy, label, coalesce_key);
}

static void
name_changed_cb (GtkEditable        *editable,
                 AtlasProfileEditor *self)
{
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(AtlasPartner) copy = NULL;

  if (!can_edit (self) || g_strcmp0 (text, atlas_partner_get_name (self->partner)) == 0)
    return;

  copy = atlas_partner_copy (self->partner);
  atlas_partner_set_name (copy, text);
  edit_copy (self, copy, _("Rename Partner"), "name");
}

/* Why a date cannot be taken, in words, with the date it may have meant;
 * NULL when it is a date. */
static char *
bad_date_reason (const char *text)
{
  int a, b, c;
  char end;

  if (atlas_format_is_date (text))
    return NULL;
  if (text == NULL || *text == '\0')
    return g_strdup (_("Last updated: a date is needed, e.g. 2014-06-30"));
  /* 30/06/2014 or 30.06.2014: day, month, year */
  if ((sscanf (text, "%2d/%2d/%4d%c", &a, &b, &c, &end) == 3 ||
       sscanf (text, "%2d.%2d.%4d%c", &a, &b, &c, &end) == 3) && c >= 1000)
    {
      g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", c, b, a);

      if (atlas_format_is_date (iso))
        /* Translators: %s is the date typed, written as YYYY-MM-DD */
        return g_strdup_printf (_("Last updated: write it %s (year-month-day)"), iso);
    }
  if (sscanf (text, "%4d-%2d-%2d%c", &a, &b, &c, &end) == 3)
    return g_strdup (_("Last updated: there is no such day"));

  return g_strdup (_("Last updated: write year-month-day, e.g. 2014-06-30"));
}

/* The hint in the row's title, where the eye is, and under the row, in
 * full, what saving would say of the date (atlas_format_check_date ());
 * the usual title back once the date is good. */
static void
show_date_reason (AtlasProfileEditor *self,
                  const char         *text)
{
  g_autofree char *reason = bad_date_reason (text);
  g_autofree char *problem = atlas_format_check_date (text);
  GtkWidget *row = self->updated_row;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason ? reason : _("Last updated (YYYY-MM-DD)"));
  gtk_label_set_text (GTK_LABEL (self->updated_problem), problem ? problem : "");
  gtk_widget_set_visible (self->updated_problem, problem != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem ? problem : "",
                                  -1);
  if (reason != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
updated_changed_cb (GtkEditable        *editable,
                    AtlasProfileEditor *self)
{
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(AtlasPartner) copy = NULL;
  gboolean valid = atlas_format_is_date (text);

  if (!can_edit (self))
    return;
  show_date_reason (self, text);

  if (!valid || g_strcmp0 (text, atlas_partner_get_updated (self->partner)) == 0)
    return;

  copy = atlas_partner_copy (self->partner);
  atlas_partner_set_updated (copy, text);
  edit_copy (self, copy, _("Change Update Date"), "updated");
}

static void
source_changed_cb (GtkEditable        *editable,
                   AtlasProfileEditor *self)
{
  if (self->undo_stack != NULL && self->partner != NULL && self->syncing == 0)
    atlas_undo_stack_set_change_source (self->undo_stack, gtk_editable_get_text (editable));
}

/* The date the next changes are recorded with: a change that happened
 * earlier (8 July 2015, entered today) goes where its date puts it. */
static void
change_date_changed_cb (GtkEditable        *editable,
                        AtlasProfileEditor *self)
{
  const char *text = gtk_editable_get_text (editable);
  gboolean valid = atlas_format_is_date (text);

  if (self->undo_stack == NULL || self->syncing != 0)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editable),
                                 valid ? _("Date of this change (YYYY-MM-DD)")
                                       : _("Date of this change: write year-month-day, e.g. 2015-07-08"));
  show_change_reason (self, NULL);
  /* The hint in the title, saving's words for it as the row's tooltip and
   * accessible description */
  {
    g_autofree char *problem = valid ? NULL : atlas_format_check_date (text);

    atlas_field_show_problem (GTK_WIDGET (editable), problem);
  }
  if (valid)
    atlas_undo_stack_set_change_date (self->undo_stack, text);
}

static void
source_row_leave_cb (AtlasProfileEditor *self)
{
  if (self->undo_stack != NULL && self->partner != NULL && self->syncing == 0)
    atlas_undo_stack_fill_missing_sources (self->undo_stack, self->partner);
}

/* The rows of "This Change" (in the template), filled */
static void
build_change_form (AtlasProfileEditor *self)
{
  const char *source = atlas_undo_stack_get_change_source (self->undo_stack);
  GtkWidget *rows[] = { self->source_row, self->change_date_row, self->updated_row, self->name_row };

  self->syncing++;
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), source ? source : "");
  gtk_editable_set_text (GTK_EDITABLE (self->change_date_row),
                         atlas_undo_stack_get_change_date (self->undo_stack));
  gtk_editable_set_text (GTK_EDITABLE (self->updated_row), atlas_partner_get_updated (self->partner));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), atlas_partner_get_name (self->partner));
  self->syncing--;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    atlas_profile_break_coalescing_on_leave (rows[i], self->undo_stack);
}

/* Another window or the files side may set the source too. */
static void
change_source_changed_cb (AtlasProfileEditor *self)
{
  const char *source = atlas_undo_stack_get_change_source (self->undo_stack);

  if (self->source_row == NULL ||
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->source_row)), source ? source : "") == 0)
    return;

  self->syncing++;
  gtk_editable_set_text (GTK_EDITABLE (self->source_row), source ? source : "");
  self->syncing--;
}

static void
change_date_notify_cb (AtlasProfileEditor *self)
{
  const char *date = atlas_undo_stack_get_change_date (self->undo_stack);

  if (self->change_date_row == NULL ||
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->change_date_row)), date) == 0)
    return;

  self->syncing++;
  gtk_editable_set_text (GTK_EDITABLE (self->change_date_row), date);
  self->syncing--;
}

static void
build_form (AtlasProfileEditor *self)
{
  build_change_form (self);
  build_indicator_form (self);
  build_assessment_form (self);
  /* The lists, between the assessment and the history */
  for (guint i = 0; i < atlas_profile_n_section_types; i++)
    {
      GtkWidget *section = atlas_profile_section_new (atlas_profile_section_types[i], self->dataset,
                                                      self->undo_stack, self->partner);

      gtk_widget_insert_before (section, GTK_WIDGET (self), GTK_WIDGET (self->history));
      g_ptr_array_add (self->sections, section);
    }
  atlas_profile_history_show (self->history, self->dataset, self->partner);
}

static void
sync_form (AtlasProfileEditor *self)
{
  g_autofree char *text = NULL;

  self->syncing++;

  for (guint i = 0; i < self->indicators->len; i++)
    {
      Indicator *indicator = g_ptr_array_index (self->indicators, i);
      AtlasLens *lens = atlas_dataset_find_lens (self->dataset, indicator->lens_id);
      guint position;

      if (lens == NULL)
        continue;
      position = indicator_position (self, lens);
      if (gtk_drop_down_get_selected (indicator->dropdown) != position)
        gtk_drop_down_set_selected (indicator->dropdown, position);
    }

  text = get_buffer_text (self->assessment_buffer);
  if (g_strcmp0 (text, atlas_partner_get_assessment (self->partner)) != 0)
    gtk_text_buffer_set_text (self->assessment_buffer, atlas_partner_get_assessment (self->partner), -1);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                 atlas_partner_get_name (self->partner)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), atlas_partner_get_name (self->partner));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->updated_row)),
                 atlas_partner_get_updated (self->partner)) != 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->updated_row), atlas_partner_get_updated (self->partner));
      show_date_reason (self, atlas_partner_get_updated (self->partner));
    }

  self->syncing--;

  for (guint i = 0; i < self->sections->len; i++)
    atlas_profile_section_sync (g_ptr_array_index (self->sections, i));
  atlas_profile_history_show (self->history, self->dataset, self->partner);
}

static void
atlas_profile_editor_constructed (GObject *object)
{
  AtlasProfileEditor *self = ATLAS_PROFILE_EDITOR (object);

  G_OBJECT_CLASS (atlas_profile_editor_parent_class)->constructed (object);

  g_return_if_fail (self->dataset != NULL && self->undo_stack != NULL && self->partner != NULL);

  /* Another window or the files side may set the source or the date too. */
  g_signal_connect_object (self->undo_stack, "notify::change-source",
                           G_CALLBACK (change_source_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "notify::change-date",
                           G_CALLBACK (change_date_notify_cb), self, G_CONNECT_SWAPPED);
  build_form (self);
}

static void
atlas_profile_editor_dispose (GObject *object)
{
  AtlasProfileEditor *self = ATLAS_PROFILE_EDITOR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->resync_id, g_source_remove);
  if (self->undo_stack != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->undo_stack, change_source_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->undo_stack, change_date_notify_cb, self);
    }
  /* Their handlers first, while the drop-downs are there */
  if (self->indicators != NULL)
    g_ptr_array_set_size (self->indicators, 0);
  if (self->sections != NULL)
    g_ptr_array_set_size (self->sections, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_PROFILE_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->assessment_source_row = NULL;
  g_clear_object (&self->assessment_buffer);
  g_clear_object (&self->partner);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (atlas_profile_editor_parent_class)->dispose (object);
}

static void
atlas_profile_editor_finalize (GObject *object)
{
  AtlasProfileEditor *self = ATLAS_PROFILE_EDITOR (object);

  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_profile_editor_parent_class)->finalize (object);
}

static void
atlas_profile_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AtlasProfileEditor *self = ATLAS_PROFILE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo_stack);
      break;
    case PROP_PARTNER:
      g_value_set_object (value, self->partner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_profile_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AtlasProfileEditor *self = ATLAS_PROFILE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;
    case PROP_UNDO_STACK:
      self->undo_stack = g_value_dup_object (value);
      break;
    case PROP_PARTNER:
      self->partner = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_profile_editor_class_init (AtlasProfileEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = atlas_profile_editor_constructed;
  object_class->dispose = atlas_profile_editor_dispose;
  object_class->finalize = atlas_profile_editor_finalize;
  object_class->get_property = atlas_profile_editor_get_property;
  object_class->set_property = atlas_profile_editor_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         ATLAS_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL,
                         ATLAS_TYPE_UNDO_STACK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTNER] =
    g_param_spec_object ("partner", NULL, NULL,
                         ATLAS_TYPE_PARTNER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ATLAS_TYPE_DATE_BUTTON);
  g_type_ensure (ATLAS_TYPE_PROFILE_HISTORY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-profile-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileEditor, change_date_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileEditor, change_reason);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileEditor, updated_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileEditor, updated_problem);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileEditor, indicators_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileEditor, assessment_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileEditor, assessment_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileEditor, history);
  gtk_widget_class_bind_template_callback (widget_class, source_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_row_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, updated_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
}

static void
atlas_profile_editor_init (AtlasProfileEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->indicators = g_ptr_array_new_with_free_func (indicator_free);
  self->sections = g_ptr_array_new ();
}

GtkWidget *
atlas_profile_editor_new (AtlasDataset   *dataset,
                          AtlasUndoStack *undo_stack,
                          AtlasPartner   *partner)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (undo_stack), NULL);
  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), NULL);

  return g_object_new (ATLAS_TYPE_PROFILE_EDITOR,
                       "dataset", dataset,
                       "undo-stack", undo_stack,
                       "partner", partner,
                       NULL);
}

void
atlas_profile_editor_sync (AtlasProfileEditor *self)
{
  g_return_if_fail (ATLAS_IS_PROFILE_EDITOR (self));

  sync_form (self);
}
