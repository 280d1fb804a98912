/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Time in the window: the "As of" control of the header bar (a calendar and
 * a slider along the dataset's span, a tick for every dated change), the
 * keys that step through the changes ([ and ], Ctrl+[ and Ctrl+] by a
 * year), and the banner that says which date is on show. As of a past date
 * the map, its legend, the partner list and the profile all show the state
 * atlas_timeline_dup_as_of () gives; editing is off until back to the
 * latest state, where every edit is made. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "atlas-long-text.h"
#include "atlas-window-private.h"

/* Days since 0001-01-01 of a YYYY-MM-DD date (it is one: callers check). */
static double
julian_of (const char *date)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  if (!g_date_valid (&d))
    {
      int y = 0, m = 0, day = 0;

      if (sscanf (date, "%d-%d-%d", &y, &m, &day) == 3 && g_date_valid_dmy (day, m, y))
        g_date_set_dmy (&d, day, m, y);
      else
        return 0;
    }
  return g_date_get_julian (&d);
}

static char *
date_of_julian (double julian)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, (guint32) CLAMP (julian, 1, G_MAXUINT32));
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d));
}

static char *
add_days (const char *date,
          int         days)
{
  return date_of_julian (julian_of (date) + days);
}

static char *
add_years (const char *date,
           int         years)
{
  GDate d;
  int y, m, day;

  if (sscanf (date, "%d-%d-%d", &y, &m, &day) != 3)
    return g_strdup (date);
  y += years;
  /* 29 February in a year that has none. */
  while (day > 28 && !g_date_valid_dmy (day, m, y))
    day--;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, m, CLAMP (y, 1, 9999));
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d));
}

/* The date the window shows: the one chosen, or the dataset's own. */
static const char *
shown_date (AtlasWindow *self)
{
  if (self->as_of_date != NULL)
    return self->as_of_date;
  return atlas_window_get_dataset (self) ? atlas_dataset_get_as_of (atlas_window_get_dataset (self)) : NULL;
}

/* The first day the slider reaches: the day before the first change (the
 * baseline), or a year before the dataset's date when nothing changed. */
static char *
span_start (AtlasWindow *self)
{
  g_auto(GStrv) dates = atlas_timeline_dup_dates (atlas_window_get_dataset (self));

  if (dates[0] != NULL)
    return add_days (dates[0], -1);
  return add_years (atlas_dataset_get_as_of (atlas_window_get_dataset (self)), -1);
}

static void
sync_controls (AtlasWindow *self)
{
  const char *date = shown_date (self);
  g_autofree char *shown = NULL;
  g_autofree char *label = NULL;

  if (date == NULL)
    return;

  shown = atlas_format_display_date (date);
  if (self->as_of_date == NULL)
    /* Translators: the "As of" button of the header bar at the latest state;
     * %s is the dataset's date, e.g. "30 June 2014" */
    label = g_strdup_printf (_("Latest (%s)"), shown);
  else
    label = g_strdup (shown);
  gtk_menu_button_set_label (self->as_of_button, label);

  self->syncing_time = TRUE;
  gtk_range_set_value (GTK_RANGE (self->as_of_scale), julian_of (date));
  {
    g_autoptr(GDateTime) day = NULL;
    int y, m, d;

    if (sscanf (date, "%d-%d-%d", &y, &m, &d) == 3)
      day = g_date_time_new_local (y, m, d, 12, 0, 0);
    if (day != NULL)
      gtk_calendar_select_day (self->as_of_calendar, day);
  }
  self->syncing_time = FALSE;

  if (self->as_of_date != NULL)
    {
      g_autofree char *text =
        /* Translators: %s is a date, e.g. "30 June 2014" */
        g_strdup_printf (_("Showing %s. Editing is off: edits are made to the latest state."),
                         shown);

      gtk_label_set_text (self->time_label, text);
    }
  /* On a projector the caption says the date; the banner is for the desk. */
  gtk_info_bar_set_revealed (self->time_bar, self->as_of_date != NULL && !self->presenting);
  gtk_widget_set_visible (GTK_WIDGET (self->time_bar), self->as_of_date != NULL && !self->presenting);
}

/* The ticks of the slider: one per dated change, within the span. */
static void
sync_span (AtlasWindow *self)
{
  g_auto(GStrv) dates = NULL;
  g_autofree char *start = NULL;

  gtk_scale_clear_marks (self->as_of_scale);
  if (atlas_window_get_dataset (self) == NULL)
    return;

  start = span_start (self);
  self->syncing_time = TRUE;
  gtk_range_set_range (GTK_RANGE (self->as_of_scale), julian_of (start),
                       julian_of (atlas_dataset_get_as_of (atlas_window_get_dataset (self))));
  self->syncing_time = FALSE;

  dates = atlas_timeline_dup_dates (atlas_window_get_dataset (self));
  for (guint i = 0; dates[i] != NULL; i++)
    gtk_scale_add_mark (self->as_of_scale, julian_of (dates[i]), GTK_POS_BOTTOM, NULL);
}

static void update_compare (AtlasWindow *self);
static void fill_filters   (AtlasWindow *self);

/* Hands the state on show to the map, the list and the profile, keeping
 * the selection when the partner is there. A step in time (@animate)
 * cross-fades the map's colours. */
static void
show_state_full (AtlasWindow *self,
                 gboolean     animate)
{
  g_autofree char *selected = g_strdup (self->selected_id);
  AtlasDataset *shown;

  g_clear_object (&self->shown_dataset);
  if (atlas_window_get_dataset (self) != NULL && self->as_of_date != NULL)
    self->shown_dataset = atlas_timeline_dup_as_of (atlas_window_get_dataset (self), self->as_of_date);
  else if (atlas_window_get_dataset (self) != NULL)
    self->shown_dataset = g_object_ref (atlas_window_get_dataset (self));
  shown = self->shown_dataset;

  /* Edits are made at the latest state only: a profile as of a past date
   * has no undo stack to edit through (the banner says why). */
  if (self->as_of_date != NULL)
    atlas_profile_view_set_editing (self->profile_view, FALSE);
  atlas_profile_view_set_undo_stack (self->profile_view,
                                     self->as_of_date ? NULL : atlas_window_get_undo_stack (self));

  if (animate)
    atlas_map_view_set_dataset_animated (self->map_view, shown);
  else
    atlas_map_view_set_dataset (self->map_view, shown);
  atlas_partner_list_set_dataset (self->partner_list, shown);
  atlas_profile_view_set_dataset (self->profile_view, shown);
  if (selected != NULL && shown != NULL && atlas_dataset_find_partner (shown, selected) != NULL)
    atlas_window_set_selected_id (self, selected);

  g_object_notify_by_pspec (G_OBJECT (self), _atlas_window_properties[_ATLAS_WINDOW_PROP_SHOWN_DATASET]);
  sync_controls (self);
  update_compare (self);
}

static void
show_state (AtlasWindow *self)
{
  show_state_full (self, FALSE);
}

void
atlas_window_set_as_of (AtlasWindow *self,
                         const char  *date)
{
  const char *latest;

  g_return_if_fail (ATLAS_IS_WINDOW (self));

  if (atlas_window_get_dataset (self) == NULL)
    return;

  /* The dataset's own date, or after it: the latest state. */
  latest = atlas_dataset_get_as_of (atlas_window_get_dataset (self));
  if (date != NULL && (!atlas_format_is_date (date) || g_strcmp0 (date, latest) >= 0))
    date = NULL;

  if (g_strcmp0 (date, self->as_of_date) == 0 && self->shown_dataset != NULL)
    {
      sync_controls (self);
      return;
    }

  g_free (self->as_of_date);
  self->as_of_date = g_strdup (date);
  show_state_full (self, TRUE);
}

const char *
atlas_window_get_as_of (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->as_of_date;
}

AtlasDataset *
atlas_window_get_shown_dataset (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  return self->shown_dataset ? self->shown_dataset : atlas_window_get_dataset (self);
}

/* An undo or a redo while a past date is on show: that past may differ. */
static void
dataset_changed_cb (AtlasWindow *self)
{
  sync_span (self);
  if (self->as_of_date != NULL)
    show_state (self);
  else
    {
      sync_controls (self);
      update_compare (self);
    }
}

/* A new dataset opens at its latest state. */
static void
dataset_set_cb (AtlasWindow *self)
{
  g_clear_pointer (&self->as_of_date, g_free);
  g_clear_pointer (&self->compare_from, g_free);
  fill_filters (self);
  g_signal_group_set_target (self->dataset_signals, atlas_window_get_dataset (self));
  sync_span (self);
  show_state (self);
}


/* Compare */

/* The id a filter drop-down has chosen, or NULL for "all". */
static const char *
filter_id (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);
  const char *id;

  if (item == NULL || gtk_drop_down_get_selected (dropdown) == 0)
    return NULL;
  id = g_object_get_data (G_OBJECT (item), "id");
  return id;
}

static GtkWidget *
change_row (AtlasChange *change)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *date = atlas_format_display_date (change->date);
  g_autofree char *text = _atlas_window_describe_change (change);
  const char *source = atlas_history_entry_get_source (change->entry);
  GtkWidget *date_label = gtk_label_new (date);
  GtkWidget *text_label = gtk_label_new (text);
  GtkWidget *icon;
  const char *icon_name, *direction;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  gtk_label_set_xalign (GTK_LABEL (date_label), 0);
  gtk_label_set_width_chars (GTK_LABEL (date_label), 17);
  gtk_widget_add_css_class (date_label, "dim-label");
  gtk_widget_add_css_class (date_label, "numeric");
  gtk_box_append (GTK_BOX (box), date_label);

  switch (change->direction)
    {
    case ATLAS_CHANGE_UP:
      icon_name = "go-up-symbolic";
      direction = _("Improvement");
      break;
    case ATLAS_CHANGE_DOWN:
      icon_name = "go-down-symbolic";
      direction = _("Setback");
      break;
    case ATLAS_CHANGE_CHANGED:
    default:
      icon_name = "media-playlist-repeat-symbolic";
      direction = _("Changed");
      break;
    }
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_set_tooltip_text (icon, direction);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  direction, -1);
  gtk_box_append (GTK_BOX (box), icon);

  gtk_label_set_xalign (GTK_LABEL (text_label), 0);
  gtk_label_set_wrap (GTK_LABEL (text_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text_label), PANGO_WRAP_WORD_CHAR);
  atlas_label_fit_text (GTK_LABEL (text_label));
  gtk_widget_set_hexpand (text_label, TRUE);
  gtk_box_append (GTK_BOX (box), text_label);

  /* A source opens only when it is a web link; other text is shown as
   * written, never as markup. */
  if (source != NULL && atlas_format_is_web_link (source))
    {
      GtkWidget *link = gtk_link_button_new_with_label (source, _("Source"));

      gtk_widget_set_tooltip_text (link, source);
      gtk_box_append (GTK_BOX (box), link);
    }
  else if (source != NULL && source[0] != '\0')
    {
      GtkWidget *label = gtk_label_new (source);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_tooltip_text (label, source);
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
}

static void
fill_filters (AtlasWindow *self)
{
  GtkStringList *partners = gtk_string_list_new (NULL);
  GtkStringList *lenses = gtk_string_list_new (NULL);
  GListModel *model;

  self->syncing_time = TRUE;
  gtk_string_list_append (partners, _("All Partners"));
  gtk_string_list_append (lenses, _("All Lenses and Fields"));
  if (atlas_window_get_dataset (self) != NULL)
    {
      /* Removed partners too: their changes are listed. */
      model = atlas_dataset_get_all_partners (atlas_window_get_dataset (self));
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(AtlasPartner) partner = g_list_model_get_item (model, i);
          g_autoptr(GObject) item = NULL;

          gtk_string_list_append (partners, atlas_partner_get_display_name (partner));
          item = g_list_model_get_item (G_LIST_MODEL (partners), i + 1);
          g_object_set_data_full (item, "id", g_strdup (atlas_partner_get_id (partner)), g_free);
        }
      model = atlas_dataset_get_lenses (atlas_window_get_dataset (self));
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(AtlasLens) lens = g_list_model_get_item (model, i);
          g_autoptr(GObject) item = NULL;

          gtk_string_list_append (lenses, atlas_lens_get_name (lens));
          item = g_list_model_get_item (G_LIST_MODEL (lenses), i + 1);
          g_object_set_data_full (item, "id", g_strconcat ("indicators.", atlas_lens_get_id (lens), NULL),
                                  g_free);
        }
    }
  gtk_drop_down_set_model (self->changes_partner_dropdown, G_LIST_MODEL (partners));
  gtk_drop_down_set_model (self->changes_lens_dropdown, G_LIST_MODEL (lenses));
  g_object_unref (partners);
  g_object_unref (lenses);
  self->syncing_time = FALSE;
}

static void
update_compare (AtlasWindow *self)
{
  const char *to = shown_date (self);
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *title = NULL;
  const char *partner_id, *field;
  GtkWidget *child;
  guint shown = 0;

  gtk_revealer_set_reveal_child (self->changes_revealer, self->compare_from != NULL);
  atlas_compare_marks_update (self->compare_marks, self->compare_from ? atlas_window_get_dataset (self) : NULL,
                              self->lens_id, self->compare_from, to);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_list))) != NULL)
    gtk_list_box_remove (self->changes_list, child);
  if (self->compare_from == NULL || atlas_window_get_dataset (self) == NULL || to == NULL)
    return;

  partner_id = filter_id (self->changes_partner_dropdown);
  field = filter_id (self->changes_lens_dropdown);
  changes = atlas_timeline_changes (atlas_window_get_dataset (self), self->compare_from, to);
  for (guint i = 0; i < changes->len; i++)
    {
      AtlasChange *change = g_ptr_array_index (changes, i);

      if (partner_id != NULL && g_strcmp0 (atlas_partner_get_id (change->partner), partner_id) != 0)
        continue;
      if (field != NULL && g_strcmp0 (change->field, field) != 0)
        continue;
      gtk_list_box_append (self->changes_list, change_row (change));
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *none = gtk_label_new (_("No change between these dates"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_append (self->changes_list, none);
    }

  from_text = atlas_format_display_date (self->compare_from);
  to_text = atlas_format_display_date (to);
  /* Translators: "Changes after 1 January 2015, up to 30 June 2020: 4" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Changes after %s, up to %s: %u",
                                        "Changes after %s, up to %s: %u", shown),
                           from_text, to_text, shown);
  gtk_label_set_text (self->changes_title, title);
}

void
atlas_window_set_compare_from (AtlasWindow *self,
                                const char  *from)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));

  if (from != NULL && !atlas_format_is_date (from))
    return;
  atlas_set_str (&self->compare_from, from);
  if (from != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->compare_from_entry), from);
  gtk_widget_remove_css_class (GTK_WIDGET (self->compare_from_entry), "error");
  update_compare (self);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autofree char *start = NULL;

  if (atlas_window_get_dataset (self) == NULL)
    return;
  if (self->compare_from != NULL)
    {
      atlas_window_set_compare_from (self, NULL);
      return;
    }

  /* From the baseline: every change up to the date on show. */
  start = span_start (self);
  fill_filters (self);
  atlas_window_set_compare_from (self, start);
  gtk_popover_popdown (gtk_menu_button_get_popover (self->as_of_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->compare_from_entry));
}

static void
compare_from_activate_cb (AtlasWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->compare_from_entry));
  g_autoptr(GError) error = NULL;

  if (atlas_window_get_dataset (self) == NULL)
    return;
  if (!atlas_timeline_check_date (atlas_window_get_dataset (self), text, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->compare_from_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_from_entry), error->message);
      gtk_widget_error_bell (GTK_WIDGET (self->compare_from_entry));
      return;
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_from_entry),
                               _("Compare the date on show with this one (YYYY-MM-DD, then Enter)"));
  atlas_window_set_compare_from (self, text);
}

static void
filter_changed_cb (AtlasWindow *self)
{
  if (!self->syncing_time)
    update_compare (self);
}

/* Steps */

static void
step (AtlasWindow *self,
      gboolean     forward)
{
  const char *date = shown_date (self);
  const char *latest;
  g_autofree char *next = NULL;
  g_auto(GStrv) dates = NULL;

  if (date == NULL)
    return;

  latest = atlas_dataset_get_as_of (atlas_window_get_dataset (self));
  dates = atlas_timeline_dup_dates (atlas_window_get_dataset (self));
  if (dates[0] == NULL)
    return;

  if (forward)
    {
      next = atlas_timeline_step (atlas_window_get_dataset (self), date, TRUE);
      /* Past the last change: the latest state. */
      atlas_window_set_as_of (self, next);
      return;
    }

  next = atlas_timeline_step (atlas_window_get_dataset (self), date, FALSE);
  /* At the latest state, the last change may be on the dataset's date. */
  if (self->as_of_date == NULL && next != NULL && g_strcmp0 (next, latest) >= 0)
    {
      g_autofree char *before = atlas_timeline_step (atlas_window_get_dataset (self), next, FALSE);

      g_free (next);
      next = g_steal_pointer (&before);
    }
  if (next == NULL)
    {
      /* Before the first change: the baseline, once. */
      g_autofree char *baseline = add_days (dates[0], -1);

      if (g_strcmp0 (date, baseline) <= 0)
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return;
        }
      next = g_steal_pointer (&baseline);
    }
  atlas_window_set_as_of (self, next);
}

static void
as_of_previous_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  step (ATLAS_WINDOW (widget), FALSE);
}

static void
as_of_next_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (self->as_of_date == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  step (self, TRUE);
}

static void
as_of_year_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  int years = g_variant_get_int32 (parameter);
  const char *date = shown_date (self);
  g_autofree char *next = NULL;
  g_autofree char *start = NULL;

  if (date == NULL || (years > 0 && self->as_of_date == NULL))
    return;

  next = add_years (date, years);
  start = span_start (self);
  if (strcmp (next, start) < 0)
    {
      g_free (next);
      next = g_steal_pointer (&start);
    }
  atlas_window_set_as_of (self, next);
}

static void
as_of_today_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  atlas_window_set_as_of (ATLAS_WINDOW (widget), NULL);
}


/* Presentation */

/* The caption after a step: the date, and what changed on it. */
static void
present_caption (AtlasWindow *self,
                 const char  *heading_date,
                 const char  *from,
                 const char  *to)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *line = NULL;

  if (!self->presenting || to == NULL)
    return;

  title = atlas_format_display_date (heading_date);
  if (from != NULL)
    changes = atlas_timeline_changes (atlas_window_get_dataset (self), from, to);
  if (changes == NULL || changes->len == 0)
    line = g_strdup (self->as_of_date == NULL ? _("The latest state") : _("No change on this date"));
  else
    {
      g_autofree char *first = _atlas_window_describe_change (g_ptr_array_index (changes, 0));

      if (changes->len == 1)
        line = g_steal_pointer (&first);
      else
        /* Translators: "Canada, Budapest Convention: Signatory → Party, and 2 more changes" */
        line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, and %u more change",
                                             "%s, and %u more changes", changes->len - 1),
                                first, changes->len - 1);
    }

  gtk_label_set_text (self->presentation_title, title);
  gtk_label_set_text (self->presentation_category, line);
  gtk_widget_set_visible (GTK_WIDGET (self->presentation_swatch), FALSE);
}

void
_atlas_window_time_present_step (AtlasWindow *self,
                                 gboolean     forward)
{
  const char *before;
  g_autofree char *was = NULL;
  g_autofree char *day_before = NULL;


  if (atlas_window_get_dataset (self) == NULL)
    return;

  g_clear_handle_id (&self->play_id, g_source_remove);
  was = g_strdup (shown_date (self));
  step (self, forward);
  before = shown_date (self);
  if (g_strcmp0 (was, before) == 0)
    return;

  /* What happened on the date now on show. */
  day_before = add_days (before, -1);
  present_caption (self, before, day_before, before);
}

static gboolean
play_tick_cb (gpointer data)
{
  AtlasWindow *self = data;
  g_autofree char *from = g_strdup (shown_date (self));
  g_autofree char *next = NULL;

  if (atlas_window_get_dataset (self) == NULL || self->as_of_date == NULL)
    {
      self->play_id = 0;
      return G_SOURCE_REMOVE;
    }

  next = add_years (self->as_of_date, 1);
  atlas_window_set_as_of (self, next);
  present_caption (self, shown_date (self), from, shown_date (self));

  /* The end: the latest state, and the play stops there. */
  if (self->as_of_date == NULL)
    {
      self->play_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
_atlas_window_time_toggle_play (AtlasWindow *self)
{
  g_autofree char *start = NULL;

  if (atlas_window_get_dataset (self) == NULL)
    return;

  if (self->play_id != 0)
    {
      g_clear_handle_id (&self->play_id, g_source_remove);
      return;
    }

  /* From the start of the span, or on from the date on show. */
  if (self->as_of_date == NULL)
    {
      start = span_start (self);
      atlas_window_set_as_of (self, start);
      present_caption (self, start, NULL, start);
    }
  self->play_id = g_timeout_add_seconds (1, play_tick_cb, self);
}

/* Controls */

static void
scale_changed_cb (AtlasWindow *self)
{
  g_autofree char *date = NULL;

  if (self->syncing_time || atlas_window_get_dataset (self) == NULL)
    return;

  date = date_of_julian (gtk_range_get_value (GTK_RANGE (self->as_of_scale)));
  atlas_window_set_as_of (self, date);
}

static void
calendar_day_selected_cb (AtlasWindow *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *date = NULL;

  if (self->syncing_time || atlas_window_get_dataset (self) == NULL)
    return;

  day = gtk_calendar_get_date (self->as_of_calendar);
  date = g_date_time_format (day, "%Y-%m-%d");
  atlas_window_set_as_of (self, date);
}

/* Hovering the slider names the changes of the nearest tick. */
static gboolean
scale_query_tooltip_cb (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip,
                        AtlasWindow *self)
{
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (widget));
  double lower = gtk_adjustment_get_lower (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  int width = gtk_widget_get_width (widget);
  double value, best_distance = G_MAXDOUBLE;
  const char *best = NULL;
  g_auto(GStrv) dates = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *shown = NULL;

  if (atlas_window_get_dataset (self) == NULL || width <= 0 || upper <= lower)
    return FALSE;

  value = keyboard ? gtk_range_get_value (GTK_RANGE (widget))
                   : lower + (upper - lower) * CLAMP ((double) x / width, 0, 1);
  dates = atlas_timeline_dup_dates (atlas_window_get_dataset (self));
  for (guint i = 0; dates[i] != NULL; i++)
    {
      double distance = ABS (julian_of (dates[i]) - value);

      if (distance < best_distance)
        {
          best_distance = distance;
          best = dates[i];
        }
    }
  /* Within a few pixels of a tick. */
  if (best == NULL || best_distance > (upper - lower) * 8.0 / width)
    return FALSE;

  before = add_days (best, -1);
  changes = atlas_timeline_changes (atlas_window_get_dataset (self), before, best);
  shown = atlas_format_display_date (best);
  text = g_string_new (shown);
  for (guint i = 0; i < changes->len && i < 8; i++)
    {
      AtlasChange *change = g_ptr_array_index (changes, i);
      g_autofree char *line = _atlas_window_describe_change (change);

      g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  if (changes->len > 8)
    g_string_append (text, "\n…");
  gtk_tooltip_set_text (tooltip, text->str);

  return TRUE;
}

char *
_atlas_window_describe_change (AtlasChange *change)
{
  return atlas_change_describe (change, TRUE);
}

void
_atlas_window_time_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (ATLAS_TYPE_COMPARE_MARKS);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, as_of_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, as_of_calendar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, as_of_scale);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, time_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, time_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, changes_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, changes_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, compare_from_entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, changes_partner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, changes_lens_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, changes_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, compare_marks);

  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.compare", NULL);

  gtk_widget_class_install_action (widget_class, "win.as-of-previous", NULL, as_of_previous_action);
  gtk_widget_class_install_action (widget_class, "win.as-of-next", NULL, as_of_next_action);
  gtk_widget_class_install_action (widget_class, "win.as-of-year", "i", as_of_year_action);
  gtk_widget_class_install_action (widget_class, "win.as-of-today", NULL, as_of_today_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0,
                                       "win.as-of-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0,
                                       "win.as-of-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, GDK_CONTROL_MASK,
                                       "win.as-of-year", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, GDK_CONTROL_MASK,
                                       "win.as-of-year", "i", 1);
}

void
_atlas_window_time_init (AtlasWindow *self)
{
  g_signal_connect_swapped (self->as_of_scale, "value-changed", G_CALLBACK (scale_changed_cb), self);
  g_signal_connect_swapped (self->as_of_calendar, "day-selected",
                            G_CALLBACK (calendar_day_selected_cb), self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->as_of_scale), TRUE);
  g_signal_connect (self->as_of_scale, "query-tooltip", G_CALLBACK (scale_query_tooltip_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self->time_bar), FALSE);

  atlas_compare_marks_set_view (self->compare_marks, self->map_view);
  g_signal_connect_swapped (self->compare_from_entry, "activate",
                            G_CALLBACK (compare_from_activate_cb), self);
  g_signal_connect_swapped (self->changes_partner_dropdown, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->changes_lens_dropdown, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self, "notify::lens-id", G_CALLBACK (filter_changed_cb), self);
  /* After the lenses (atlas-window.c) and the parts' handlers: the map, the
   * list and the profile show the new dataset's latest state. */
  g_signal_connect (self, "notify::dataset", G_CALLBACK (dataset_set_cb), NULL);
  self->dataset_signals = g_signal_group_new (ATLAS_TYPE_DATASET);
  g_signal_group_connect_swapped (self->dataset_signals, "changed", G_CALLBACK (dataset_changed_cb), self);
}

void
_atlas_window_time_dispose (AtlasWindow *self)
{
  g_clear_handle_id (&self->play_id, g_source_remove);
  g_clear_object (&self->dataset_signals);
  g_clear_object (&self->shown_dataset);
  g_clear_pointer (&self->as_of_date, g_free);
  g_clear_pointer (&self->compare_from, g_free);
}
