/* SPDX-License-Identifier: GPL-3.0-or-later */

/* One list of a partner's entries in the editor (key documents, dialogues,
 * agreements or sources), driven by its AtlasSectionType: a row per entry
 * that opens on a field per line of the type's table, the entry's actions
 * (move, remove) under them, and a button to add one.
 *
 * The fields refer to entries by position, not by object, because the undo
 * stack swaps a partner's contents when it undoes. Every change goes
 * through the undo stack as a copy of the partner; after it, the section
 * is brought in line with the partner (atlas_profile_section_sync ()), and
 * the fields' handlers ignore that pass (syncing). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-choice-row.h"
#include "atlas-link-row.h"
#include "atlas-profile-private.h"
#include "atlas-profile-section.h"
#include "atlas-section-row.h"
#include "atlas-year-row.h"

typedef struct _EntryRow EntryRow;

/* One field: a widget that edits a property of the row's entry. */
typedef struct
{
  EntryRow             *row;
  const AtlasFieldSpec *spec;
  /* AdwEntryRow (text), AtlasLinkRow, AtlasYearRow or AtlasChoiceRow */
  GtkWidget            *widget;
} Field;

/* The row of the index-th entry. */
struct _EntryRow
{
  AtlasProfileSection *section;
  guint                index;
  GtkWidget           *expander;  /* AtlasSectionRow */
  GPtrArray           *fields;    /* Field, owned */
  GPtrArray           *children;  /* type->children () of the entry shown */
};

struct _AtlasProfileSection
{
  AdwPreferencesGroup     parent_instance;

  const AtlasSectionType *type;
  AtlasDataset           *dataset;
  AtlasUndoStack         *undo_stack;
  AtlasPartner           *partner;

  GPtrArray              *rows;        /* EntryRow, owned */
  GtkWidget              *placeholder; /* there for an empty list */
  guint                   n_items;     /* G_MAXUINT before the first build */

  /* > 0 while the fields are being brought in line with the partner */
  guint                   syncing;
};

G_DEFINE_FINAL_TYPE (AtlasProfileSection, atlas_profile_section, ADW_TYPE_PREFERENCES_GROUP)

static void
field_free (gpointer data)
{
  Field *field = data;

  g_signal_handlers_disconnect_by_data (field->widget, field);
  g_free (field);
}

static void
entry_row_free (gpointer data)
{
  EntryRow *row = data;

  g_signal_handlers_disconnect_by_data (row->expander, row);
  g_ptr_array_unref (row->fields);
  g_clear_pointer (&row->children, g_ptr_array_unref);
  g_free (row);
}

static GListModel *
entries (AtlasProfileSection *self,
         AtlasPartner        *partner)
{
  return self->type->entries (partner);
}

/* Sets a property of an entry through a copy of the partner, unless it
 * already has that value. */
static void
apply_field (Field        *field,
             const GValue *value)
{
  AtlasProfileSection *self = field->row->section;
  guint index = field->row->index;
  const char *property = field->spec->property;
  g_autoptr(AtlasPartner) copy = NULL;
  g_autoptr(GObject) current = NULL;
  g_autoptr(GObject) item = NULL;
  g_auto(GValue) old = G_VALUE_INIT;
  g_autofree char *key = NULL;

  if (!atlas_profile_section_can_edit (self))
    return;

  current = g_list_model_get_item (entries (self, self->partner), index);
  if (current == NULL)
    return;

  g_value_init (&old, G_VALUE_TYPE (value));
  g_object_get_property (current, property, &old);
  if (G_VALUE_HOLDS_STRING (value) ?
      g_strcmp0 (g_value_get_string (&old), g_value_get_string (value)) == 0 :
      g_value_get_int (&old) == g_value_get_int (value))
    return;

  copy = atlas_partner_copy (self->partner);
  item = g_list_model_get_item (entries (self, copy), index);
  g_object_set_property (item, property, value);

  key = g_strdup_printf ("%s.%u.%s", self->type->key, index, property);
  atlas_profile_section_edit (self, copy, _(self->type->edit_label), key);
}

/* Fields: what a change of each kind of widget sets */

static void
set_text_value (Field      *field,
                const char *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  if (text[0] == '\0' && field->spec->kind != ATLAS_FIELD_TEXT)
    g_value_set_string (&value, NULL);
  else
    g_value_set_string (&value, text);

  apply_field (field, &value);
}

static void
field_entry_changed_cb (GtkEditable *editable,
                        Field       *field)
{
  set_text_value (field, gtk_editable_get_text (editable));
}

static void
field_link_changed_cb (AtlasLinkRow *row,
                       GParamSpec   *pspec,
                       Field        *field)
{
  const char *uri = atlas_link_row_get_uri (row);

  set_text_value (field, uri ? uri : "");
}

static void
field_year_changed_cb (AtlasYearRow *row,
                       GParamSpec   *pspec,
                       Field        *field)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, atlas_year_row_get_year (row));
  apply_field (field, &value);
}

/* The value a choice's position stands for: one of the type's values, or
 * the id of one of the dataset's sources. */
static const char *
choice_value (Field *field,
              guint  position)
{
  GtkDropDown *dropdown = atlas_choice_row_get_drop_down (ATLAS_CHOICE_ROW (field->widget));
  g_autoptr(GObject) item = NULL;

  if (field->spec->values != NULL)
    return field->spec->values ()[position];
  item = g_list_model_get_item (gtk_drop_down_get_model (dropdown), position);
  return item ? atlas_source_get_id (ATLAS_SOURCE (item)) : NULL;
}

static void
field_choice_changed_cb (AtlasChoiceRow *row,
                         GParamSpec     *pspec,
                         Field          *field)
{
  guint selected = atlas_choice_row_get_selected (row);
  g_auto(GValue) value = G_VALUE_INIT;

  if (selected == GTK_INVALID_LIST_POSITION)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, choice_value (field, selected));
  apply_field (field, &value);
}

/* The works cited have long titles: the drop-down's button ellipsizes
 * them (so that they never widen the panel) with the whole title as a
 * tooltip, and its list wraps them, with the check mark the stock
 * drop-downs have beside the chosen one. */

static void
source_item_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      GtkDropDown              *popup_of)
{
  GtkWidget *label = atlas_profile_plain_label_new ("");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (popup_of == NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_list_item_set_child (item, label);
    }
  else
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *check = g_object_new (GTK_TYPE_IMAGE,
                                       "icon-name", "object-select-symbolic",
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                       NULL);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      /* The list is as wide as its narrowest row allows. */
      gtk_label_set_width_chars (GTK_LABEL (label), 32);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), check);
      gtk_list_item_set_child (item, box);
    }
}

static void
source_item_check_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));
  gboolean chosen = gtk_list_item_get_item (item) != NULL &&
                    gtk_drop_down_get_selected_item (dropdown) == gtk_list_item_get_item (item);

  gtk_widget_set_opacity (check, chosen ? 1.0 : 0.0);
}

static void
source_item_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     GtkDropDown              *popup_of)
{
  AtlasSource *source = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  const char *title = atlas_source_get_title (source);

  if (popup_of == NULL)
    {
      gtk_label_set_text (GTK_LABEL (child), title);
      gtk_widget_set_tooltip_text (child, title);
      return;
    }

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (child)), title);
  g_signal_connect (popup_of, "notify::selected-item", G_CALLBACK (source_item_check_cb), item);
  source_item_check_cb (popup_of, NULL, item);
}

static void
source_item_unbind_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       GtkDropDown              *popup_of)
{
  if (popup_of != NULL)
    g_signal_handlers_disconnect_by_func (popup_of, source_item_check_cb, item);
}

static GtkListItemFactory *
source_factory_new (GtkDropDown *popup_of)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (source_item_setup_cb), popup_of);
  g_signal_connect (factory, "bind", G_CALLBACK (source_item_bind_cb), popup_of);
  g_signal_connect (factory, "unbind", G_CALLBACK (source_item_unbind_cb), popup_of);
  return factory;
}

/* The row of each kind of field, in the entry's expander */

static GtkWidget *
text_field_new (Field      *field,
                const char *title)
{
  GtkWidget *row = atlas_profile_entry_row_new (title, NULL, field->row->section->undo_stack);

  if (field->spec->tooltip != NULL)
    gtk_widget_set_tooltip_text (row, _(field->spec->tooltip));
  g_signal_connect (row, "changed", G_CALLBACK (field_entry_changed_cb), field);
  return row;
}

static GtkWidget *
choice_field_new (Field      *field,
                  const char *title)
{
  const char * const *values = field->spec->values ();
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  GtkWidget *row;

  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (choices, atlas_entry_value_get_label (values[i]));

  row = atlas_choice_row_new (title, G_LIST_MODEL (choices));
  g_signal_connect (row, "notify::selected", G_CALLBACK (field_choice_changed_cb), field);
  return row;
}

/* Which of the dataset's sources a reference cites. With none in the
 * dataset there is nothing to pick: say so rather than offer an empty
 * list (and no field). */
static GtkWidget *
source_field_new (Field      *field,
                  GtkWidget  *expander,
                  const char *title)
{
  GListModel *sources = atlas_dataset_get_sources (field->row->section->dataset);
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;
  GtkDropDown *dropdown;
  GtkWidget *row;

  if (g_list_model_get_n_items (sources) == 0)
    {
      GtkWidget *label = atlas_profile_plain_label_new (_("None in the dataset"));

      row = atlas_profile_action_row_new (title, NULL);
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      atlas_section_row_add (ATLAS_SECTION_ROW (expander), row);
      return NULL;
    }

  row = atlas_choice_row_new (title, sources);
  dropdown = atlas_choice_row_get_drop_down (ATLAS_CHOICE_ROW (row));
  factory = source_factory_new (NULL);
  list_factory = source_factory_new (dropdown);
  gtk_drop_down_set_factory (dropdown, factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);
  g_signal_connect (row, "notify::selected", G_CALLBACK (field_choice_changed_cb), field);
  return row;
}

static GtkWidget *
field_widget_new (Field     *field,
                  GtkWidget *expander)
{
  const char *title = _(field->spec->title);
  GtkWidget *row;

  switch (field->spec->kind)
    {
    case ATLAS_FIELD_TEXT:
    case ATLAS_FIELD_NULLABLE_TEXT:
      row = text_field_new (field, title);
      break;
    case ATLAS_FIELD_URL:
      row = atlas_link_row_new (title);
      atlas_profile_break_coalescing_on_leave (row, field->row->section->undo_stack);
      g_signal_connect (row, "notify::uri", G_CALLBACK (field_link_changed_cb), field);
      break;
    case ATLAS_FIELD_YEAR:
      row = atlas_year_row_new (title);
      atlas_profile_break_coalescing_on_leave (row, field->row->section->undo_stack);
      g_signal_connect (row, "notify::year", G_CALLBACK (field_year_changed_cb), field);
      break;
    case ATLAS_FIELD_CHOICE:
      row = choice_field_new (field, title);
      break;
    case ATLAS_FIELD_SOURCE:
      row = source_field_new (field, expander, title);
      break;
    default:
      g_assert_not_reached ();
    }

  if (row != NULL)
    atlas_section_row_add (ATLAS_SECTION_ROW (expander), row);
  return row;
}

/* Brings one field in line with the entry it edits. */
static void
sync_field (Field   *field,
            GObject *item)
{
  const char *property = field->spec->property;
  GtkWidget *widget = field->widget;

  switch (field->spec->kind)
    {
    case ATLAS_FIELD_TEXT:
    case ATLAS_FIELD_NULLABLE_TEXT:
      {
        g_autofree char *text = NULL;

        g_object_get (item, property, &text, NULL);
        if (g_strcmp0 (text ? text : "", gtk_editable_get_text (GTK_EDITABLE (widget))) != 0)
          gtk_editable_set_text (GTK_EDITABLE (widget), text ? text : "");
      }
      break;

    case ATLAS_FIELD_URL:
      {
        g_autofree char *uri = NULL;

        g_object_get (item, property, &uri, NULL);
        atlas_link_row_set_uri (ATLAS_LINK_ROW (widget), uri);
      }
      break;

    case ATLAS_FIELD_YEAR:
      {
        int year = 0;

        g_object_get (item, property, &year, NULL);
        atlas_year_row_set_year (ATLAS_YEAR_ROW (widget), year);
      }
      break;

    case ATLAS_FIELD_CHOICE:
    case ATLAS_FIELD_SOURCE:
      {
        GtkDropDown *dropdown = atlas_choice_row_get_drop_down (ATLAS_CHOICE_ROW (widget));
        guint n = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));
        g_autofree char *value = NULL;
        guint position = GTK_INVALID_LIST_POSITION;

        g_object_get (item, property, &value, NULL);
        for (guint i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
          if (g_strcmp0 (choice_value (field, i), value) == 0)
            position = i;
        atlas_choice_row_set_selected (ATLAS_CHOICE_ROW (widget), position);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
sync_row (AtlasProfileSection *self,
          EntryRow            *row)
{
  g_autoptr(GObject) item = g_list_model_get_item (entries (self, self->partner), row->index);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (item == NULL)
    return;

  self->type->describe (self->dataset, item, &title, &subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander),
                                 title && title[0] ? title : _("Untitled"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander), subtitle ? subtitle : "");

  self->syncing++;
  for (guint i = 0; i < row->fields->len; i++)
    sync_field (g_ptr_array_index (row->fields, i), item);
  self->syncing--;
}

/* Actions */

static void
add_clicked_cb (AtlasProfileSection *self)
{
  g_autoptr(AtlasPartner) copy = NULL;
  g_autoptr(GObject) item = NULL;

  if (!atlas_profile_section_can_edit (self) || (item = self->type->new_entry (self->dataset)) == NULL)
    return;

  copy = atlas_partner_copy (self->partner);
  g_list_store_append (G_LIST_STORE (entries (self, copy)), item);
  atlas_profile_section_edit (self, copy, _(self->type->add_label), NULL);
  atlas_profile_section_sync (self);

  /* Open the new entry and put the cursor in its first field. */
  if (self->rows->len > 0 && self->n_items > 0)
    {
      EntryRow *row = g_ptr_array_index (self->rows, self->rows->len - 1);

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander), TRUE);
      for (guint i = 0; i < row->fields->len; i++)
        {
          Field *field = g_ptr_array_index (row->fields, i);

          if (ADW_IS_ENTRY_ROW (field->widget))
            {
              gtk_widget_grab_focus (field->widget);
              break;
            }
        }
    }
}

static void
row_action (EntryRow         *row,
            AtlasEntryAction  action)
{
  /* Copied: the change builds the rows anew, freeing this one. */
  AtlasProfileSection *self = row->section;
  guint index = row->index;
  g_autoptr(AtlasPartner) copy = NULL;
  g_autoptr(GObject) item = NULL;
  const char *label;
  GListStore *store;
  guint target = 0;
  guint n;

  if (!atlas_profile_section_can_edit (self))
    return;

  copy = atlas_partner_copy (self->partner);
  store = G_LIST_STORE (entries (self, copy));
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (index >= n)
    return;

  if (action == ATLAS_ENTRY_REMOVE)
    {
      g_list_store_remove (store, index);
      label = self->type->remove_label;
    }
  else
    {
      if (action == ATLAS_ENTRY_MOVE_UP ? index == 0 : index + 1 >= n)
        return;
      target = action == ATLAS_ENTRY_MOVE_UP ? index - 1 : index + 1;
      item = g_list_model_get_item (G_LIST_MODEL (store), index);
      g_list_store_remove (store, index);
      g_list_store_insert (store, target, item);
      label = action == ATLAS_ENTRY_MOVE_UP ? self->type->up_label : self->type->down_label;
    }

  atlas_profile_section_edit (self, copy, _(label), NULL);
  atlas_profile_section_sync (self);

  /* Keep the entry open and the keyboard where the user was: on the same
   * button of the row the entry moved to. */
  if (action != ATLAS_ENTRY_REMOVE && target < self->rows->len && index < self->rows->len)
    {
      EntryRow *to = g_ptr_array_index (self->rows, target);
      EntryRow *from = g_ptr_array_index (self->rows, index);
      gboolean was_expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (from->expander));

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (from->expander),
                                     adw_expander_row_get_expanded (ADW_EXPANDER_ROW (to->expander)));
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (to->expander), was_expanded);

      if (!atlas_section_row_focus_action (ATLAS_SECTION_ROW (to->expander), action))
        gtk_widget_grab_focus (to->expander);
    }
}

static void
entry_action_cb (AtlasSectionRow *expander,
                 int                   action,
                 EntryRow             *row)
{
  row_action (row, action);
}

/* The row of the index-th of n entries: its fields, then its actions. */
static EntryRow *
entry_row_new (AtlasProfileSection *self,
               guint                index,
               guint                n_items)
{
  EntryRow *row = g_new0 (EntryRow, 1);

  row->section = self;
  row->index = index;
  row->fields = g_ptr_array_new_with_free_func (field_free);
  row->expander = atlas_section_row_new (_(self->type->up_label), _(self->type->down_label),
                                               _(self->type->remove_label));
  atlas_section_row_set_movable (ATLAS_SECTION_ROW (row->expander), index > 0, index + 1 < n_items);
  g_signal_connect (row->expander, "entry-action", G_CALLBACK (entry_action_cb), row);

  for (guint i = 0; i < self->type->n_fields; i++)
    {
      Field *field = g_new0 (Field, 1);

      field->row = row;
      field->spec = &self->type->fields[i];
      field->widget = field_widget_new (field, row->expander);
      if (field->widget != NULL)
        g_ptr_array_add (row->fields, field);
      else
        g_free (field);
    }
  if (self->type->add_rows != NULL)
    self->type->add_rows (self, row->expander, index);
  atlas_profile_tune_wrap_all (row->expander);

  return row;
}

/* The rows anew, each entry open if its row was. */
static void
build_rows (AtlasProfileSection *self)
{
  GListModel *model = entries (self, self->partner);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GArray) expanded = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_autoptr(GPtrArray) old = g_ptr_array_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      EntryRow *row = g_ptr_array_index (self->rows, i);
      gboolean is_expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row->expander));

      g_array_append_val (expanded, is_expanded);
      g_ptr_array_add (old, row->expander);
    }
  /* The rows' handlers go first, while their widgets are there. */
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < old->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (old, i));
  if (self->placeholder != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_steal_pointer (&self->placeholder));

  self->syncing++;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      EntryRow *row = entry_row_new (self, i, n);

      /* Held, so that another list is never taken for it at its address */
      if (self->type->children != NULL)
        row->children = g_ptr_array_ref (self->type->children (item));
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row->expander);
      sync_row (self, row);
      if (i < expanded->len && self->n_items == n)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander), g_array_index (expanded, gboolean, i));
    }
  self->syncing--;

  if (n == 0)
    {
      self->placeholder = atlas_profile_placeholder_row_new (_(self->type->empty_text));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->placeholder);
    }
  self->n_items = n;
}

/* Whether an entry's row no longer fits it (a dialogue's rounds). */
static gboolean
children_changed (AtlasProfileSection *self)
{
  GListModel *model = entries (self, self->partner);

  if (self->type->children == NULL)
    return FALSE;

  for (guint i = 0; i < self->rows->len && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      EntryRow *row = g_ptr_array_index (self->rows, i);

      if (row->children != self->type->children (item))
        return TRUE;
    }

  return FALSE;
}

static void
atlas_profile_section_dispose (GObject *object)
{
  AtlasProfileSection *self = ATLAS_PROFILE_SECTION (object);

  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  g_clear_object (&self->partner);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (atlas_profile_section_parent_class)->dispose (object);
}

static void
atlas_profile_section_finalize (GObject *object)
{
  AtlasProfileSection *self = ATLAS_PROFILE_SECTION (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_profile_section_parent_class)->finalize (object);
}

static void
atlas_profile_section_class_init (AtlasProfileSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_profile_section_dispose;
  object_class->finalize = atlas_profile_section_finalize;
}

static void
atlas_profile_section_init (AtlasProfileSection *self)
{
  self->rows = g_ptr_array_new_with_free_func (entry_row_free);
  self->n_items = G_MAXUINT;
}

GtkWidget *
atlas_profile_section_new (const AtlasSectionType *type,
                           AtlasDataset           *dataset,
                           AtlasUndoStack         *undo_stack,
                           AtlasPartner           *partner)
{
  AtlasProfileSection *self;
  GtkWidget *add;

  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (undo_stack), NULL);
  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), NULL);

  self = g_object_new (ATLAS_TYPE_PROFILE_SECTION, NULL);
  self->type = type;
  self->dataset = g_object_ref (dataset);
  self->undo_stack = g_object_ref (undo_stack);
  self->partner = g_object_ref (partner);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _(type->title));
  add = atlas_profile_icon_button_new ("list-add-symbolic", _(type->add_label));
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), add);

  build_rows (self);

  /* Nothing to add, such as a source where the dataset cites no work */
  {
    g_autoptr(GObject) probe = type->new_entry (dataset);

    if (probe == NULL)
      {
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), _(type->cannot_add));
        gtk_widget_set_sensitive (add, FALSE);
      }
  }

  return GTK_WIDGET (self);
}

void
atlas_profile_section_sync (AtlasProfileSection *self)
{
  g_return_if_fail (ATLAS_IS_PROFILE_SECTION (self));

  if (g_list_model_get_n_items (entries (self, self->partner)) != self->n_items || children_changed (self))
    {
      build_rows (self);
      return;
    }

  for (guint i = 0; i < self->rows->len; i++)
    sync_row (self, g_ptr_array_index (self->rows, i));
}

AtlasDataset *
atlas_profile_section_get_dataset (AtlasProfileSection *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_SECTION (self), NULL);

  return self->dataset;
}

AtlasUndoStack *
atlas_profile_section_get_undo_stack (AtlasProfileSection *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_SECTION (self), NULL);

  return self->undo_stack;
}

AtlasPartner *
atlas_profile_section_get_partner (AtlasProfileSection *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_SECTION (self), NULL);

  return self->partner;
}

gboolean
atlas_profile_section_can_edit (AtlasProfileSection *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_SECTION (self), FALSE);

  return self->syncing == 0;
}

void
atlas_profile_section_edit (AtlasProfileSection *self,
                            AtlasPartner        *copy,
                            const char          *label,
                            const char          *coalesce_key)
{
  g_return_if_fail (ATLAS_IS_PROFILE_SECTION (self));

  atlas_undo_stack_edit_partner (self->undo_stack, self->partner, copy, label, coalesce_key);
}
