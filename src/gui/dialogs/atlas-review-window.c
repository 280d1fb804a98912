/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Review Changes (atlas-review-window.h). The rows are built from the
 * diff between your dataset and the merged one; what Apply does is the
 * core's (atlas_review_apply ()), and the result reaches the dataset
 * through the undo stack as one step, which Undo takes back as a whole.
 * Dataset text is shown in labels as plain text, never markup. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-long-text.h"
#include "atlas-text-layout.h"
#include "atlas-dataset-io.h"
#include "atlas-iso-codes.h"
#include "atlas-review.h"
#include "atlas-review-window.h"

typedef struct
{
  AtlasDiffChange     *change;   /* owned for conflicts, else borrowed */
  AtlasConflict   *conflict; /* borrowed, or NULL */
  GtkToggleButton *accept;   /* changes: pressed when accepted */
  GtkToggleButton *theirs;   /* conflicts */
  char            *accept_name; /* the accept button's accessible name */
} Item;

struct _AtlasReviewWindow
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkBox          *content;
  GtkLabel        *summary_label;
  GtkButton       *apply_button;

  AtlasUndoStack  *undo_stack;
  JsonNode        *ours;
  JsonNode        *merged;
  GPtrArray       *changes;   /* of AtlasDiffChange, not history */
  GPtrArray       *history;   /* of AtlasDiffChange, history entries */
  GPtrArray       *all;       /* owns the changes */
  GPtrArray       *conflicts;
  GPtrArray       *items;     /* of Item */
  char            *source_name;
};

G_DEFINE_FINAL_TYPE (AtlasReviewWindow, atlas_review_window, ADW_TYPE_WINDOW)

enum { APPLIED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
item_free (Item *item)
{
  if (item->conflict != NULL)
    atlas_diff_change_free (item->change);
  g_free (item->accept_name);
  g_free (item);
}

/* What is shown */

static const char *
member_code (AtlasDiffChange *change)
{
  JsonNode *value = change->new_value ? change->new_value : change->old_value;

  if (!g_str_has_prefix (change->path, "subject.members[") || change->kind == ATLAS_DIFF_MOVED ||
      value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (value);
}


static AtlasLens *
find_lens (AtlasReviewWindow *self,
           const char        *field)
{
  AtlasDataset *dataset = atlas_undo_stack_get_dataset (self->undo_stack);

  if (field == NULL || !g_str_has_prefix (field, "indicators."))
    return NULL;

  return atlas_dataset_find_lens (dataset, field + strlen ("indicators."));
}

static char *
describe_value (AtlasReviewWindow *self,
                JsonNode          *value,
                const char        *field)
{
  g_autoptr(GString) text = NULL;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup (_("(none)"));

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    {
      AtlasLens *lens = find_lens (self, field);
      AtlasCategory *category = lens ? atlas_lens_find_category (lens, json_node_get_string (value)) : NULL;

      return g_strdup (category ? atlas_category_get_name (category) : json_node_get_string (value));
    }

  if (JSON_NODE_HOLDS_OBJECT (value) && json_object_has_member (json_node_get_object (value), "date") &&
      (json_object_has_member (json_node_get_object (value), "field") ||
       json_object_has_member (json_node_get_object (value), "change")))
    {
      /* A history entry: what it says, then its source. */
      JsonObject *object = json_node_get_object (value);
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;
      const char *entry_field = json_object_get_string_member_with_default (object, "field", NULL);

      if (entry_field == NULL)
        /* Translators: a member change: a date, a country code, "joined" or "left", the source */
        return g_strdup_printf (_("%s: %s %s (%s)"),
                                json_object_get_string_member_with_default (object, "date", ""),
                                json_object_get_string_member_with_default (object, "id", ""),
                                json_object_get_string_member_with_default (object, "change", ""),
                                json_object_get_string_member_with_default (object, "source", ""));
      old_value = describe_value (self, json_object_get_member (object, "old"), entry_field);
      new_value = describe_value (self, json_object_get_member (object, "new"), entry_field);
      /* Translators: a history entry: its date, its old and new value, its source */
      return g_strdup_printf (_("%s: %s → %s (%s)"),
                              json_object_get_string_member_with_default (object, "date", ""),
                              old_value, new_value,
                              json_object_get_string_member_with_default (object, "source", ""));
    }

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      /* An order: the entries' identities, each the JSON of the values that
       * make it ("Summit"; "Cyber note",2014), shown as those values. */
      JsonArray *array = json_node_get_array (value);
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *key = json_array_get_string_element (array, i);
          g_autofree char *wrapped = key ? g_strdup_printf ("[%s]", key) : NULL;
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonArray *parts;

          if (i > 0)
            g_string_append (list, "; ");
          if (wrapped == NULL || !json_parser_load_from_data (parser, wrapped, -1, NULL) ||
              !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
            {
              g_string_append (list, key ? key : "");
              continue;
            }
          parts = json_node_get_array (json_parser_get_root (parser));
          for (guint j = 0; j < json_array_get_length (parts); j++)
            {
              g_autofree char *part = describe_value (self, json_array_get_element (parts, j), NULL);

              if (j > 0)
                g_string_append_c (list, ' ');
              g_string_append (list, part);
            }
        }
      return g_string_free (g_steal_pointer (&list), FALSE);
    }

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);
      const char *keys[] = { "title", "name", "date", "id" };

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          const char *main_text = json_object_get_string_member_with_default (object, keys[i], NULL);

          if (main_text == NULL)
            continue;
          if (json_object_has_member (object, "year") &&
              json_node_get_value_type (json_object_get_member (object, "year")) == G_TYPE_INT64)
            return g_strdup_printf ("%s (%" G_GINT64_FORMAT ")", main_text,
                                    json_object_get_int_member (object, "year"));
          return g_strdup (main_text);
        }
    }

  text = g_string_new (NULL);
  atlas_json_append_escaped (text, value);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_field (AtlasReviewWindow *self,
                AtlasDiffChange       *change)
{
  AtlasLens *lens = find_lens (self, change->field);
  const char *rest;

  if (change->partner_id != NULL && change->field == NULL)
    return g_strdup (change->kind == ATLAS_DIFF_ADDED ? _("Partner added")
                     : change->kind == ATLAS_DIFF_REMOVED ? _("Partner removed") : _("Partner moved"));

  if (change->kind == ATLAS_DIFF_MOVED && change->new_value != NULL && JSON_NODE_HOLDS_ARRAY (change->new_value))
    {
      const char *bracket = change->partner_id ? strchr (change->path, ']') : NULL;

      /* Translators: both sides put a list in a different order; %s names the list */
      return g_strdup_printf (_("Order of %s"), bracket && bracket[1] == '.' ? bracket + 2 : change->path);
    }

  if (member_code (change) != NULL)
    {
      const char *code = member_code (change);
      const char *country = atlas_iso_codes_get_name (code);

      if (country == NULL)
        country = code;
      /* Translators: a country joining or leaving the dataset's subject (the EU) */
      return g_strdup_printf (change->kind == ATLAS_DIFF_ADDED ? _("Member joined: %s") : _("Member left: %s"),
                              country);
    }

  if (g_str_has_prefix (change->path, "lenses["))
    {
      const char *id = change->path + strlen ("lenses[");
      const char *end = strchr (id, ']');
      g_autofree char *lens_id = end ? g_strndup (id, end - id) : g_strdup (id);
      AtlasLens *known = atlas_dataset_find_lens (atlas_undo_stack_get_dataset (self->undo_stack), lens_id);
      const char *name = known ? atlas_lens_get_name (known) : lens_id;

      if (end != NULL && end[1] == '.')
        /* Translators: a lens's name, then which of its fields changed (name, categories[...]) */
        return g_strdup_printf (_("Lens %s: %s"), name, end + 2);
      if (end != NULL && end[1] == '\0')
        return g_strdup_printf (change->kind == ATLAS_DIFF_ADDED ? _("Lens added: %s")
                                : change->kind == ATLAS_DIFF_REMOVED ? _("Lens removed: %s")
                                : _("Lens moved: %s"), name);
    }

  if (atlas_diff_change_is_history (change))
    {
      const char *bracket = strchr (change->path, '[');

      bracket = change->partner_id != NULL && bracket ? strchr (bracket + 1, '[') : bracket;
      /* Translators: a history entry, named by its date and field */
      return g_strdup_printf (change->kind == ATLAS_DIFF_REMOVED ? _("History entry removed: %s")
                              : _("History entry: %s"), bracket ? bracket : change->path);
    }

  if (lens != NULL && g_str_has_suffix (change->path, change->field))
    return g_strdup (atlas_lens_get_name (lens));
  if (g_strcmp0 (change->field, "assessment") == 0)
    return g_strdup (_("Assessment"));
  if (g_strcmp0 (change->field, "name") == 0)
    return g_strdup (_("Name"));
  if (g_strcmp0 (change->field, "updated") == 0)
    return g_strdup (_("Profile updated"));

  rest = change->path;
  if (change->partner_id != NULL)
    {
      const char *dot = strchr (change->path, ']');

      rest = dot && dot[1] == '.' ? dot + 2 : change->path;
    }

  switch (change->kind)
    {
    case ATLAS_DIFF_ADDED:
      /* Translators: %s is where in the dataset, e.g. documents["Cyber dialogue" 2015] */
      return g_strdup_printf (_("Added: %s"), rest);
    case ATLAS_DIFF_REMOVED:
      return g_strdup_printf (_("Removed: %s"), rest);
    case ATLAS_DIFF_MOVED:
      return g_strdup_printf (_("Moved: %s"), rest);
    default:
      return g_strdup (rest);
    }
}

/* Theirs' history entry for a change, when they recorded one. */
static JsonObject *
find_entry (AtlasReviewWindow *self,
            AtlasDiffChange       *change)
{
  const char *code = member_code (change);

  /* A country joining or leaving: their member change. */
  for (guint i = 0; code != NULL && i < self->history->len; i++)
    {
      AtlasDiffChange *entry = g_ptr_array_index (self->history, i);

      if (entry->kind == ATLAS_DIFF_ADDED && entry->partner_id == NULL && JSON_NODE_HOLDS_OBJECT (entry->new_value) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (entry->new_value), "id", NULL),
                     code) == 0)
        return json_node_get_object (entry->new_value);
    }

  if (change->partner_id == NULL || change->field == NULL)
    return NULL;

  for (guint i = 0; i < self->history->len; i++)
    {
      AtlasDiffChange *entry = g_ptr_array_index (self->history, i);
      JsonObject *object;

      if (entry->kind != ATLAS_DIFF_ADDED || g_strcmp0 (entry->partner_id, change->partner_id) != 0 ||
          !JSON_NODE_HOLDS_OBJECT (entry->new_value))
        continue;
      object = json_node_get_object (entry->new_value);
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "field", NULL), change->field) == 0)
        return object;
    }

  return NULL;
}

/* Two long texts (assessments) that differ in a sentence: show where they
 * differ, with some context, rather than two identical beginnings. */
#define EXCERPT_CONTEXT 60

static char *
excerpt (const char *text,
         glong       start,
         glong       end)
{
  glong length = g_utf8_strlen (text, -1);
  glong from = MAX (0, start - EXCERPT_CONTEXT);
  glong to = MIN (length, end + EXCERPT_CONTEXT);
  g_autofree char *middle = NULL;
  char *space;

  /* Start on a word. */
  middle = g_utf8_substring (text, from, to);
  if (from > 0 && (space = strchr (middle, ' ')) != NULL && g_utf8_strlen (middle, space - middle) < 20 &&
      g_utf8_strlen (middle, space - middle) < start - from)
    {
      char *rest = g_strdup (space + 1);

      g_free (middle);
      middle = rest;
    }

  return g_strconcat (from > 0 ? "…" : "", middle, to < length ? "…" : "", NULL);
}

static void
excerpt_difference (char **a,
                    char **b)
{
  glong length_a = g_utf8_strlen (*a, -1), length_b = g_utf8_strlen (*b, -1);
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (*a, -1, NULL);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (*b, -1, NULL);
  glong prefix = 0, suffix = 0;
  char *new_a, *new_b;

  if (MIN (length_a, length_b) < 3 * EXCERPT_CONTEXT)
    return;

  while (prefix < length_a && prefix < length_b && ua[prefix] == ub[prefix])
    prefix++;
  while (suffix < length_a - prefix && suffix < length_b - prefix &&
         ua[length_a - 1 - suffix] == ub[length_b - 1 - suffix])
    suffix++;

  new_a = excerpt (*a, prefix, length_a - suffix);
  new_b = excerpt (*b, prefix, length_b - suffix);
  g_free (*a);
  g_free (*b);
  *a = new_a;
  *b = new_b;
}

static void
accept_toggled_cb (GtkToggleButton *button,
                   Item            *item)
{
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_button_set_label (GTK_BUTTON (button), active ? _("Accepted") : _("Rejected"));
  /* The label would name the button; the name says which change. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  item->accept_name, -1);
  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (button), "suggested-action");
}

static GtkWidget *
value_column (const char *caption,
              const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (caption);
  GtkWidget *value = gtk_label_new (text);

  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (value), 6);
  gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  atlas_label_fit_title (GTK_LABEL (value));
  {
    /* A tooltip wraps its text too: one line's worth of a long one. */
    g_autofree char *tooltip = atlas_text_layout_one_line (text);

    gtk_widget_set_tooltip_text (value, tooltip);
  }
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), value);

  return box;
}

static GtkWidget *
new_row (const char *title,
         GtkWidget **grid_out)
{
  GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "title", title, "activatable", FALSE, NULL);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *label = gtk_label_new (title);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 10);
  gtk_widget_set_margin_bottom (grid, 10);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  atlas_label_fit_title (GTK_LABEL (label));
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 3, 1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  *grid_out = grid;

  return row;
}

static GtkWidget *
change_row (AtlasReviewWindow *self,
            Item              *item,
            const char        *partner_name)
{
  AtlasDiffChange *change = item->change;
  g_autofree char *title = describe_field (self, change);
  g_autofree char *old_text = describe_value (self, change->old_value, change->field);
  g_autofree char *new_text = describe_value (self, change->new_value, change->field);
  JsonObject *entry = find_entry (self, change);
  GtkWidget *grid;
  GtkWidget *row = new_row (title, &grid);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  /* A toggle button rather than a check button: GTK 4.8 gives check
   * buttons no accessible action, and assistive tools must be able to
   * accept and reject. */
  GtkWidget *check = gtk_toggle_button_new ();

  if (change->kind == ATLAS_DIFF_MOVED)
    {
      g_free (old_text);
      g_free (new_text);
      old_text = g_strdup_printf (_("Position %d"), change->old_position + 1);
      new_text = g_strdup_printf (_("Position %d"), change->new_position + 1);
    }
  else if (member_code (change) != NULL)
    {
      g_free (old_text);
      g_free (new_text);
      old_text = g_strdup (change->old_value ? _("Member") : _("Not a member"));
      new_text = g_strdup (change->new_value ? _("Member") : _("Not a member"));
    }

  excerpt_difference (&old_text, &new_text);
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_widget_set_hexpand (columns, TRUE);
  gtk_box_append (GTK_BOX (columns), value_column (_("Yours"), old_text));
  gtk_box_append (GTK_BOX (columns), value_column (_("Theirs"), new_text));
  gtk_grid_attach (GTK_GRID (grid), columns, 0, 1, 3, 1);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (check, 110, -1);
  gtk_grid_attach (GTK_GRID (grid), check, 3, 0, 1, 2);

  if (entry != NULL)
    {
      /* Translators: where theirs' change comes from: a source, then its date */
      g_autofree char *source = g_strdup_printf (_("Their source: %s, %s"),
                                                 json_object_get_string_member_with_default (entry, "source", ""),
                                                 json_object_get_string_member_with_default (entry, "date", ""));
      GtkWidget *label = gtk_label_new (source);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_grid_attach (GTK_GRID (grid), label, 0, 2, 3, 1);
    }

  /* Translators: accessible name of a check button: a partner, then the change */
  item->accept_name = g_strdup_printf (_("Accept %s: %s"), partner_name, title);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check), TRUE);
  g_signal_connect (check, "toggled", G_CALLBACK (accept_toggled_cb), item);
  accept_toggled_cb (GTK_TOGGLE_BUTTON (check), item);
  item->accept = GTK_TOGGLE_BUTTON (check);

  return row;
}

static GtkWidget *
conflict_row (AtlasReviewWindow *self,
              Item              *item,
              const char        *partner_name)
{
  AtlasConflict *conflict = item->conflict;
  g_autofree char *title = describe_field (self, item->change);
  g_autofree char *ours = describe_value (self, conflict->ours, conflict->field);
  g_autofree char *theirs = describe_value (self, conflict->theirs, conflict->field);
  g_autofree char *base = describe_value (self, conflict->base, conflict->field);
  g_autofree char *before = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *keep_name = NULL;
  g_autofree char *take_name = NULL;
  GtkWidget *grid;
  GtkWidget *row;
  GtkWidget *choice = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *keep = gtk_toggle_button_new_with_mnemonic (_("Keep _Yours"));
  GtkWidget *take = gtk_toggle_button_new_with_mnemonic (_("Take _Theirs"));
  GtkWidget *base_label;

  /* Translators: a partner's name, then the field both sides changed */
  heading = partner_name ? g_strdup_printf (_("%s · %s"), partner_name, title) : g_strdup (title);
  row = new_row (heading, &grid);
  excerpt_difference (&ours, &theirs);
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_widget_set_hexpand (columns, TRUE);
  gtk_box_append (GTK_BOX (columns), value_column (_("Yours"), ours));
  gtk_box_append (GTK_BOX (columns), value_column (_("Theirs"), theirs));
  gtk_grid_attach (GTK_GRID (grid), columns, 0, 1, 3, 1);

  /* Translators: the value both sides started from */
  if (conflict->base != NULL && conflict->ours != NULL)
    {
      g_autofree char *ours_again = describe_value (self, conflict->ours, conflict->field);

      excerpt_difference (&base, &ours_again);
    }
  before = g_strdup_printf (_("Before both changes: %s"), base);
  base_label = gtk_label_new (before);
  gtk_widget_add_css_class (base_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (base_label), 0);
  gtk_label_set_wrap (GTK_LABEL (base_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (base_label), PANGO_WRAP_WORD_CHAR);
  gtk_grid_attach (GTK_GRID (grid), base_label, 0, 2, 3, 1);

  gtk_widget_add_css_class (choice, "linked");
  gtk_widget_set_valign (choice, GTK_ALIGN_CENTER);
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (take), GTK_TOGGLE_BUTTON (keep));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (keep), TRUE);
  /* Translators: accessible names: keep your value / take theirs, for a partner's field */
  keep_name = g_strdup_printf (_("Keep yours for %s"), heading);
  take_name = g_strdup_printf (_("Take theirs for %s"), heading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (keep), GTK_ACCESSIBLE_PROPERTY_LABEL, keep_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (take), GTK_ACCESSIBLE_PROPERTY_LABEL, take_name, -1);
  gtk_box_append (GTK_BOX (choice), keep);
  gtk_box_append (GTK_BOX (choice), take);
  gtk_grid_attach (GTK_GRID (grid), choice, 3, 0, 1, 3);
  item->theirs = GTK_TOGGLE_BUTTON (take);

  return row;
}

/* What "Accept All" or "Reject All" of a partner does */
typedef struct
{
  AtlasReviewWindow *self;
  char              *partner_id;
  gboolean           accept;
} PartnerChoice;

static void
partner_choice_free (gpointer  data,
                     GClosure *closure)
{
  PartnerChoice *choice = data;

  g_free (choice->partner_id);
  g_free (choice);
}

static void
set_partner_cb (GtkButton     *button,
                PartnerChoice *choice)
{
  AtlasReviewWindow *self = choice->self;
  const char *partner_id = choice->partner_id;
  gboolean accept = choice->accept;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->accept != NULL && g_strcmp0 (item->change->partner_id, partner_id) == 0 &&
          gtk_widget_get_sensitive (GTK_WIDGET (item->accept)))
        gtk_toggle_button_set_active (item->accept, accept);
    }
}

static GtkWidget *
partner_buttons (AtlasReviewWindow *self,
                 const char        *partner_id,
                 const char        *partner_name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *labels[] = { N_("Accept All"), N_("Reject All") };

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(labels[i]));
      /* Translators: accessible names of the buttons for a whole partner */
      g_autofree char *name = i == 0 ? g_strdup_printf (_("Accept all changes for %s"), partner_name)
                                     : g_strdup_printf (_("Reject all changes for %s"), partner_name);
      PartnerChoice *choice = g_new0 (PartnerChoice, 1);

      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      choice->self = self;
      choice->partner_id = g_strdup (partner_id);
      choice->accept = i == 0;
      g_signal_connect_data (button, "clicked", G_CALLBACK (set_partner_cb), choice,
                             partner_choice_free, 0);
      gtk_box_append (GTK_BOX (box), button);
    }

  return box;
}

static const char *
partner_name (AtlasReviewWindow *self,
              const char        *id)
{
  AtlasPartner *partner;

  if (id == NULL)
    return NULL;
  partner = atlas_dataset_find_any_partner (atlas_undo_stack_get_dataset (self->undo_stack), id);

  return partner ? atlas_partner_get_display_name (partner) : id;
}

static void
build (AtlasReviewWindow *self)
{
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *summary = NULL;
  GtkWidget *group;

  if (self->conflicts != NULL && self->conflicts->len > 0)
    {
      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Conflicts"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("Both sides changed these. Yours is kept unless you take theirs."));
      for (guint i = 0; i < self->conflicts->len; i++)
        {
          Item *item = g_new0 (Item, 1);

          item->conflict = g_ptr_array_index (self->conflicts, i);
          item->change = atlas_conflict_to_change (item->conflict);
          g_ptr_array_add (self->items, item);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     conflict_row (self, item, partner_name (self, item->conflict->partner_id)));
        }
      gtk_box_append (self->content, group);
    }

  for (guint i = 0; i < self->changes->len; i++)
    {
      AtlasDiffChange *change = g_ptr_array_index (self->changes, i);
      const char *key = change->partner_id ? change->partner_id : "";
      const char *name = change->partner_id ? partner_name (self, change->partner_id) : _("Dataset");
      Item *item = g_new0 (Item, 1);

      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), name);
          if (change->partner_id != NULL)
            adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                                     partner_buttons (self, change->partner_id, name));
          g_hash_table_insert (groups, (gpointer) key, group);
          gtk_box_append (self->content, group);
        }

      item->change = change;
      g_ptr_array_add (self->items, item);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), change_row (self, item, name));
    }

  {
    guint n_conflicts = self->conflicts ? self->conflicts->len : 0;
    g_autofree char *changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes",
                                                             self->changes->len), self->changes->len);
    g_autofree char *conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict", "%u conflicts",
                                                               n_conflicts), n_conflicts);

    /* Translators: "3 changes and 1 conflict from FILE. ..." */
    summary = g_strdup_printf (_("%s and %s from %s. Accept or reject each change, pick a side for "
                                 "each conflict, then apply."), changes, conflicts, self->source_name);
  }
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, self->items->len > 0 ? "changes" : "empty");
}

/* Applying */

static void
show_problems (AtlasReviewWindow *self,
               GError            *error,
               GPtrArray         *problems)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Apply These Choices"), NULL);
  g_autoptr(GString) body = g_string_new (error->message);

  for (guint i = 0; problems != NULL && i < problems->len && i < 10; i++)
    {
      g_autofree char *line = atlas_problem_to_string (g_ptr_array_index (problems, i));

      g_string_append_printf (body, "\n%s", line);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("Nothing was changed. Accept or reject other changes, then apply again."));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AtlasReviewWindow *self = ATLAS_REVIEW_WINDOW (widget);
  g_autoptr(GPtrArray) accepted = g_ptr_array_new ();
  g_autoptr(JsonNode) tree = atlas_json_deep_copy (self->ours);
  g_autoptr(AtlasDataset) result = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if ((item->accept != NULL && gtk_toggle_button_get_active (item->accept)) ||
          (item->theirs != NULL && gtk_toggle_button_get_active (item->theirs)))
        g_ptr_array_add (accepted, item->change);
    }

  /* Translators: the source of history entries a merge adds; %s names the other version */
  source = g_strdup_printf (_("Merged from %s"), self->source_name);
  json_object_remove_member (json_node_get_object (tree), "merge_conflicts");
  if (atlas_review_apply (tree, accepted, self->history,
                          atlas_undo_stack_get_change_date (self->undo_stack), source, &error))
    result = atlas_dataset_from_json (tree, _("your dataset with the accepted changes"), &problems, &error);
  if (result == NULL)
    {
      show_problems (self, error, problems);
      return;
    }
  /* All of it one step: Undo takes back the whole review. */
  atlas_undo_stack_replace_dataset (self->undo_stack, result, _("Merged Changes"));

  g_signal_emit (self, signals[APPLIED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject */

static void
atlas_review_window_dispose (GObject *object)
{
  AtlasReviewWindow *self = ATLAS_REVIEW_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_REVIEW_WINDOW);
  g_clear_object (&self->undo_stack);

  G_OBJECT_CLASS (atlas_review_window_parent_class)->dispose (object);
}

static void
atlas_review_window_finalize (GObject *object)
{
  AtlasReviewWindow *self = ATLAS_REVIEW_WINDOW (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->ours, json_node_unref);
  g_clear_pointer (&self->merged, json_node_unref);
  g_free (self->source_name);

  G_OBJECT_CLASS (atlas_review_window_parent_class)->finalize (object);
}

static void
atlas_review_window_class_init (AtlasReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_review_window_dispose;
  object_class->finalize = atlas_review_window_finalize;

  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasReviewWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasReviewWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasReviewWindow, content);
  gtk_widget_class_bind_template_child (widget_class, AtlasReviewWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasReviewWindow, apply_button);

  gtk_widget_class_install_action (widget_class, "review.apply", NULL, apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
atlas_review_window_init (AtlasReviewWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->changes = g_ptr_array_new ();
  self->history = g_ptr_array_new ();
}

GtkWidget *
atlas_review_window_new (GtkWindow      *parent,
                         AtlasUndoStack *stack,
                         JsonNode       *merged,
                         GPtrArray      *conflicts,
                         const char     *source_name)
{
  AtlasReviewWindow *self;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (stack), NULL);
  g_return_val_if_fail (merged != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_REVIEW_WINDOW, "transient-for", parent, NULL);
  self->undo_stack = g_object_ref (stack);
  self->ours = atlas_dataset_to_json (atlas_undo_stack_get_dataset (stack));
  self->merged = json_node_ref (merged);
  self->all = atlas_diff_json (self->ours, merged);
  self->conflicts = conflicts ? g_ptr_array_ref (conflicts) : NULL;
  self->source_name = g_strdup (source_name);
  adw_window_title_set_subtitle (self->window_title, source_name);

  /* Conflicts have their own rows; history entries go with the value they
   * record, or are a change of their own. */
  atlas_review_split (self->all, self->changes, self->history);
  build (self);

  return GTK_WIDGET (self);
}
