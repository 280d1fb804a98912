/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the profile's widgets share: rows that show dataset text as plain
 * text, the summary lines of dialogues, agreements and rounds, and links
 * that open only on the web (atlas-profile-private.h). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-long-text.h"
#include "atlas-profile-private.h"

/* The narrowest a wrapped label of the profile gets, in characters. */
#define MIN_WRAP_CHARS 24

/* A wrapping label's natural width is, by default, searched for among
 * widths that keep its line count, laying the text out again each time;
 * and its minimum width is measured by laying it out at width 0, a line
 * per word (or per character), the dearest layout of all. With a few dozen
 * rows that made showing a profile take 100-200 ms. The panel's width is
 * set by the window anyway: ask for the unwrapped width, and a minimum of
 * a few words when the text is long enough to be wider than that (GTK
 * warns when the minimum exceeds the natural width). Call again when the
 * text changes. */
void
atlas_profile_tune_wrap (GtkLabel *label)
{
  /* Three times over: even a text of i's and l's is then wider than the
   * minimum, which counts in average characters. */
  gboolean long_text = g_utf8_strlen (gtk_label_get_text (label), -1) >= 3 * MIN_WRAP_CHARS;

  gtk_label_set_natural_wrap_mode (label, GTK_NATURAL_WRAP_NONE);
  if (gtk_label_get_wrap (label))
    gtk_label_set_width_chars (label, long_text ? MIN_WRAP_CHARS : -1);
  /* A word of 200 000 characters (a pasted blob) in linear time. */
  atlas_label_fit_title (label);
}

void
atlas_profile_tune_wrap_all (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        atlas_profile_tune_wrap (GTK_LABEL (child));
      else
        atlas_profile_tune_wrap_all (child);
    }
}

GtkWidget *
atlas_profile_action_row_new (const char *title,
                              const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  atlas_profile_tune_wrap_all (row);

  return row;
}

static void
name_by_title_cb (AdwPreferencesRow *row,
                  GParamSpec        *pspec,
                  GtkWidget         *widget)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, adw_preferences_row_get_title (row),
                                  -1);
}

void
atlas_profile_name_by_title (AdwPreferencesRow *row,
                             GtkWidget         *widget)
{
  g_signal_connect_object (row, "notify::title", G_CALLBACK (name_by_title_cb), widget, 0);
  name_by_title_cb (row, NULL, widget);
}

GtkWidget *
atlas_profile_placeholder_row_new (const char *text)
{
  GtkWidget *row = atlas_profile_action_row_new (text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  gtk_widget_add_css_class (row, "placeholder-row");
  return row;
}

GtkWidget *
atlas_profile_group_new (const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  return group;
}

GtkWidget *
atlas_profile_plain_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), text);
  atlas_label_fit_text (GTK_LABEL (label));
  return label;
}

GtkWidget *
atlas_profile_status_label_new (const char *text)
{
  GtkWidget *label = atlas_profile_plain_label_new (text);

  gtk_widget_add_css_class (label, "status-pill");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

GtkWidget *
atlas_profile_icon_button_new (const char *icon_name,
                               const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

void
atlas_profile_row_set_text (GtkWidget  *row,
                            const char *title,
                            const char *subtitle)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle ? subtitle : "");
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  atlas_profile_tune_wrap_all (row);
}

char *
atlas_profile_join_parts (const char * const *parts)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, parts[i]);
    }

  return g_string_free (text, FALSE);
}

char *
atlas_profile_dialogue_summary (AtlasDialogue *dialogue)
{
  g_autofree char *since = atlas_profile_year_text (_("since %d"), atlas_dialogue_get_established (dialogue));
  const char *frequency = atlas_dialogue_get_frequency (dialogue);
  const char *parts[] = {
    atlas_profile_value_label (atlas_dialogue_get_level (dialogue)),
    frequency ? frequency : "",
    since,
    NULL
  };

  return atlas_profile_join_parts (parts);
}

char *
atlas_profile_agreement_summary (AtlasAgreement *agreement)
{
  g_autofree char *signed_text = atlas_profile_year_text (_("signed %d"), atlas_agreement_get_signed (agreement));
  g_autofree char *in_force = atlas_profile_year_text (_("in force %d"), atlas_agreement_get_in_force (agreement));
  const char *parts[] = {
    atlas_profile_value_label (atlas_agreement_get_kind (agreement)),
    signed_text,
    in_force,
    NULL
  };

  return atlas_profile_join_parts (parts);
}

char *
atlas_profile_round_title (const AtlasRound *round)
{
  g_autofree char *when = atlas_round_date_format (round->date);
  const char *parts[] = { when, round->place ? round->place : "", NULL };

  return atlas_profile_join_parts (parts);
}

char *
atlas_profile_round_subtitle (const AtlasRound *round)
{
  g_autofree char *number = round->number > 0
                            /* Translators: the nth meeting of a dialogue */
                            ? g_strdup_printf (_("Round %d"), round->number) : g_strdup ("");
  const char *parts[] = { number, round->note ? round->note : "", NULL };

  return atlas_profile_join_parts (parts);
}

const char *
atlas_profile_value_label (const char *value)
{
  return value ? atlas_entry_value_get_label (value) : "";
}

gboolean
atlas_profile_open_link (GtkWidget  *widget,
                         const char *uri)
{
  GtkRoot *root;

  /* A dataset is a document from elsewhere: its links may only lead to the
   * web, never to a local file or another program. */
  if (!atlas_format_is_web_link (uri))
    {
      g_autofree char *shown = atlas_text_escape_line (uri);

      g_debug ("Refusing to open a link that is not http(s): %s", shown);
      return FALSE;
    }

  root = gtk_widget_get_root (widget);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  return TRUE;
}

/* Editing */

void
atlas_profile_break_coalescing_on_leave (GtkWidget      *widget,
                                         AtlasUndoStack *undo_stack)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect_object (controller, "leave", G_CALLBACK (atlas_undo_stack_break_coalescing),
                           undo_stack, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);
}

GtkWidget *
atlas_profile_entry_row_new (const char     *title,
                             const char     *text,
                             AtlasUndoStack *undo_stack)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  /* As for the assessment: undo belongs to the app's stack. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  atlas_profile_break_coalescing_on_leave (row, undo_stack);

  return row;
}

/* Rows kept from one partner to the next: the widgets belong to the
 * group, the structs to the list, which is cleared after the widgets
 * are gone (finalize). */

static void
row_free (gpointer data)
{
  AtlasProfileRow *row = data;

  g_clear_pointer (&row->children, g_ptr_array_unref);
  g_clear_pointer (&row->rounds, g_ptr_array_unref);
  g_free (row);
}

void
atlas_profile_row_list_init (AtlasProfileRowList *list,
                             GtkWidget           *group,
                             GtkWidget           *placeholder)
{
  list->group = group;
  list->placeholder = placeholder;
  list->rows = g_ptr_array_new_with_free_func (row_free);
}

void
atlas_profile_row_list_clear (AtlasProfileRowList *list)
{
  list->group = NULL;
  list->placeholder = NULL;
  g_clear_pointer (&list->rows, g_ptr_array_unref);
}

void
atlas_profile_row_list_sync (AtlasProfileRowList  *list,
                             guint                 n,
                             AtlasProfileRowCreate create,
                             AtlasProfileRowFill   fill,
                             gpointer              owner)
{
  while (list->rows->len < n)
    {
      AtlasProfileRow *row = g_new0 (AtlasProfileRow, 1);

      row->owner = owner;
      row->children = g_ptr_array_new ();
      create (row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (list->group), row->widget);
      g_ptr_array_add (list->rows, row);
    }

  for (guint i = 0; i < list->rows->len; i++)
    {
      AtlasProfileRow *row = g_ptr_array_index (list->rows, i);

      if (i < n)
        fill (row, i);
      gtk_widget_set_visible (row->widget, i < n);
    }
  gtk_widget_set_visible (list->placeholder, n == 0);
}
