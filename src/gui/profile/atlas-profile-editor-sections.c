/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The profile editor's list sections (key documents, dialogues, agreements,
 * sources): a row per entry that opens on a field per property, the
 * entry's actions (move, remove) and a button to add one. The fields refer
 * to entries by list and position, not by object, because the undo stack
 * swaps a partner's contents when it undoes. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-profile-editor-private.h"

static const char * const section_keys[N_SECTIONS] = {
  "documents", "dialogues", "agreements", "sources"
};

GListModel *
_atlas_profile_editor_section_model (AtlasPartner *partner,
                                     SectionKind   section)
{
  switch (section)
    {
    case SECTION_DOCUMENTS:
      return atlas_partner_get_documents (partner);
    case SECTION_DIALOGUES:
      return atlas_partner_get_dialogues (partner);
    case SECTION_AGREEMENTS:
      return atlas_partner_get_agreements (partner);
    case SECTION_SOURCES:
      return atlas_partner_get_sources (partner);
    case N_SECTIONS:
    default:
      g_assert_not_reached ();
    }
}

static GListStore *
section_store (AtlasPartner *partner,
               SectionKind   section)
{
  return G_LIST_STORE (_atlas_profile_editor_section_model (partner, section));
}

static FieldRef *
field_ref (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "atlas-field");
}

static const char *
section_edit_label (SectionKind section)
{
  switch (section)
    {
    case SECTION_DOCUMENTS:
      return _("Edit Document");
    case SECTION_DIALOGUES:
      return _("Edit Dialogue");
    case SECTION_AGREEMENTS:
      return _("Edit Agreement");
    case SECTION_SOURCES:
      return _("Edit Source");
    case N_SECTIONS:
    default:
      g_assert_not_reached ();
    }
}

/* Sets a property of an entry through a copy of the partner, unless it
 * already has that value. */
static void
apply_field (AtlasProfileEditor *self,
             FieldRef           *ref,
             const GValue       *value)
{
  g_autoptr(AtlasPartner) copy = NULL;
  g_autoptr(GObject) current = NULL;
  g_autoptr(GObject) item = NULL;
  g_auto(GValue) old = G_VALUE_INIT;
  g_autofree char *key = NULL;

  if (!_atlas_profile_editor_can_edit (self))
    return;

  current = g_list_model_get_item (_atlas_profile_editor_section_model (self->partner, ref->section), ref->index);
  if (current == NULL)
    return;

  g_value_init (&old, G_VALUE_TYPE (value));
  g_object_get_property (current, ref->property, &old);
  if (G_VALUE_HOLDS_STRING (value) ?
      g_strcmp0 (g_value_get_string (&old), g_value_get_string (value)) == 0 :
      g_value_get_int (&old) == g_value_get_int (value))
    return;

  copy = atlas_partner_copy (self->partner);
  item = g_list_model_get_item (_atlas_profile_editor_section_model (copy, ref->section), ref->index);
  g_object_set_property (item, ref->property, value);

  key = g_strdup_printf ("%s.%u.%s", section_keys[ref->section], ref->index, ref->property);
  _atlas_profile_editor_edit_copy (self, copy, section_edit_label (ref->section), key);
}

static void
field_entry_changed_cb (GtkEditable        *editable,
                        AtlasProfileEditor *self)
{
  FieldRef *ref = field_ref (GTK_WIDGET (editable));
  const char *text = gtk_editable_get_text (editable);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);

  if (ref->kind == FIELD_URL)
    {
      gboolean ok = text[0] == '\0' || atlas_format_is_web_link (text);

      /* Only web links are kept: a half-typed one waits until it is one. */
      if (ok)
        gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
      else
        gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      if (!ok)
        return;
    }

  if (text[0] == '\0' && ref->kind != FIELD_TEXT)
    g_value_set_string (&value, NULL);
  else
    g_value_set_string (&value, text);

  apply_field (self, ref, &value);
}

static void
field_year_changed_cb (GtkSpinButton      *spin,
                       AtlasProfileEditor *self)
{
  int year = gtk_spin_button_get_value_as_int (spin);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, year <= YEAR_NONE ? 0 : year);
  apply_field (self, field_ref (GTK_WIDGET (spin)), &value);
}

static gboolean
year_output_cb (GtkSpinButton *spin)
{
  int year = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = NULL;

  /* Translators: shown in a year field left empty */
  text = year <= YEAR_NONE ? g_strdup (C_("year", "None")) : g_strdup_printf ("%d", year);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
year_input_cb (GtkSpinButton *spin,
               double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  gint64 year;

  year = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0')
    {
      /* Anything that is not a number empties the field. */
      *new_value = YEAR_NONE;
      return TRUE;
    }

  *new_value = CLAMP (year, YEAR_NONE, YEAR_MAX);
  return TRUE;
}

static void
field_enum_changed_cb (GtkDropDown        *dropdown,
                       GParamSpec         *pspec,
                       AtlasProfileEditor *self)
{
  FieldRef *ref = field_ref (GTK_WIDGET (dropdown));
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_auto(GValue) value = G_VALUE_INIT;

  if (selected == GTK_INVALID_LIST_POSITION)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, ref->values[selected]);
  apply_field (self, ref, &value);
}

static void
attach_ref (GtkWidget          *widget,
            SectionKind         section,
            guint               index,
            const char         *property,
            FieldKind           kind,
            const char * const *values)
{
  FieldRef *ref = g_new0 (FieldRef, 1);

  ref->section = section;
  ref->index = index;
  ref->property = property;
  ref->kind = kind;
  ref->values = values;
  g_object_set_data_full (G_OBJECT (widget), "atlas-field", ref, g_free);
}

static GtkWidget *
add_text_field (AtlasProfileEditor *self,
                GtkWidget          *expander,
                SectionKind         section,
                guint               index,
                const char         *property,
                FieldKind           kind,
                const char         *title)
{
  GtkWidget *row = _atlas_profile_editor_entry_row_new (self, title, NULL);

  attach_ref (row, section, index, property, kind, NULL);
  if (kind == FIELD_URL)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_URL);
  g_signal_connect (row, "changed", G_CALLBACK (field_entry_changed_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  g_ptr_array_add (self->sections[section].fields, row);

  return row;
}

static GtkWidget *
add_year_field (AtlasProfileEditor *self,
                GtkWidget          *expander,
                SectionKind         section,
                guint               index,
                const char         *property,
                const char         *title)
{
  GtkWidget *row = atlas_profile_action_row_new (title, NULL);
  GtkWidget *spin = gtk_spin_button_new_with_range (YEAR_NONE, YEAR_MAX, 1);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  attach_ref (spin, section, index, property, FIELD_YEAR, NULL);
  g_signal_connect (spin, "output", G_CALLBACK (year_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (year_input_cb), NULL);
  g_signal_connect (spin, "value-changed", G_CALLBACK (field_year_changed_cb), self);
  _atlas_profile_editor_break_coalescing_on_leave (self, spin);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  g_ptr_array_add (self->sections[section].fields, spin);

  return spin;
}

static GtkWidget *
add_enum_field (AtlasProfileEditor *self,
                GtkWidget          *expander,
                SectionKind         section,
                guint               index,
                const char         *property,
                const char * const *values,
                const char         *title)
{
  GtkWidget *row = atlas_profile_action_row_new (title, NULL);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (choices, atlas_entry_value_get_label (values[i]));

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&choices)), NULL);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dropdown, "flat");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), GTK_INVALID_LIST_POSITION);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  attach_ref (dropdown, section, index, property, FIELD_ENUM, values);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (field_enum_changed_cb), self);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  g_ptr_array_add (self->sections[section].fields, dropdown);

  return dropdown;
}

static void
field_source_changed_cb (GtkDropDown        *dropdown,
                         GParamSpec         *pspec,
                         AtlasProfileEditor *self)
{
  AtlasSource *source = gtk_drop_down_get_selected_item (dropdown);
  g_auto(GValue) value = G_VALUE_INIT;

  if (source == NULL)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, atlas_source_get_id (source));
  apply_field (self, field_ref (GTK_WIDGET (dropdown)), &value);
}

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

/* Which of the dataset's sources a reference cites. With none in the
 * dataset there is nothing to pick: say so rather than offer an empty
 * list. */
static GtkWidget *
add_source_field (AtlasProfileEditor *self,
                  GtkWidget          *expander,
                  guint               index)
{
  GListModel *sources = atlas_dataset_get_sources (self->dataset);
  GtkWidget *row = atlas_profile_action_row_new (_("Source"), NULL);
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;
  GtkWidget *dropdown;

  if (g_list_model_get_n_items (sources) == 0)
    {
      GtkWidget *label = atlas_profile_plain_label_new (_("None in the dataset"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
      return NULL;
    }

  dropdown = gtk_drop_down_new (g_object_ref (sources), NULL);
  factory = source_factory_new (NULL);
  list_factory = source_factory_new (GTK_DROP_DOWN (dropdown));
  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), factory);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dropdown, "flat");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), GTK_INVALID_LIST_POSITION);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Source"),
                                  -1);
  attach_ref (dropdown, SECTION_SOURCES, index, "id", FIELD_SOURCE, NULL);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (field_source_changed_cb), self);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  g_ptr_array_add (self->sections[SECTION_SOURCES].fields, dropdown);

  return dropdown;
}

/* Brings one form widget in line with the entry it edits. */
static void
sync_field (AtlasProfileEditor *self,
            GtkWidget          *widget)
{
  FieldRef *ref = field_ref (widget);
  g_autoptr(GObject) item = g_list_model_get_item (_atlas_profile_editor_section_model (self->partner, ref->section),
                                                   ref->index);

  if (item == NULL)
    return;

  switch (ref->kind)
    {
    case FIELD_TEXT:
    case FIELD_NULLABLE_TEXT:
    case FIELD_URL:
      {
        g_autofree char *text = NULL;

        g_object_get (item, ref->property, &text, NULL);
        if (g_strcmp0 (text ? text : "", gtk_editable_get_text (GTK_EDITABLE (widget))) != 0)
          {
            gtk_editable_set_text (GTK_EDITABLE (widget), text ? text : "");
            gtk_widget_remove_css_class (widget, "error");
          }
      }
      break;

    case FIELD_YEAR:
      {
        int year = 0;

        g_object_get (item, ref->property, &year, NULL);
        if (year <= 0)
          year = YEAR_NONE;
        if (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (widget)) != year)
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), year);
      }
      break;

    case FIELD_ENUM:
      {
        g_autofree char *value = NULL;
        guint position = GTK_INVALID_LIST_POSITION;

        g_object_get (item, ref->property, &value, NULL);
        for (guint i = 0; ref->values[i] != NULL; i++)
          if (g_strcmp0 (ref->values[i], value) == 0)
            position = i;
        if (gtk_drop_down_get_selected (GTK_DROP_DOWN (widget)) != position)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), position);
      }
      break;

    case FIELD_SOURCE:
      {
        GListModel *sources = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
        g_autofree char *id = NULL;
        guint position = GTK_INVALID_LIST_POSITION;

        g_object_get (item, ref->property, &id, NULL);
        for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
          {
            g_autoptr(AtlasSource) source = g_list_model_get_item (sources, i);

            if (g_strcmp0 (atlas_source_get_id (source), id) == 0)
              {
                position = i;
                break;
              }
          }
        if (gtk_drop_down_get_selected (GTK_DROP_DOWN (widget)) != position)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), position);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
sync_item_row (AtlasProfileEditor *self,
               SectionKind         section,
               guint               index)
{
  GtkWidget *row = g_ptr_array_index (self->sections[section].rows, index);
  g_autoptr(GObject) item = g_list_model_get_item (_atlas_profile_editor_section_model (self->partner, section), index);
  g_autofree char *subtitle = NULL;
  const char *title = NULL;

  switch (section)
    {
    case SECTION_DOCUMENTS:
      title = atlas_document_get_title (ATLAS_DOCUMENT (item));
      subtitle = atlas_profile_year_text ("%d", atlas_document_get_year (ATLAS_DOCUMENT (item)));
      break;
    case SECTION_DIALOGUES:
      title = atlas_dialogue_get_name (ATLAS_DIALOGUE (item));
      subtitle = atlas_profile_dialogue_summary (ATLAS_DIALOGUE (item));
      break;
    case SECTION_AGREEMENTS:
      title = atlas_agreement_get_title (ATLAS_AGREEMENT (item));
      subtitle = atlas_profile_agreement_summary (ATLAS_AGREEMENT (item));
      break;
    case SECTION_SOURCES:
      {
        /* The place first, the work in short under it: a profile often
         * cites one work many times, and the drop-down names it in full. */
        const char *id = atlas_source_ref_get_id (ATLAS_SOURCE_REF (item));
        AtlasSource *source = atlas_dataset_find_source (self->dataset, id);
        const char *work = source != NULL ? atlas_source_get_title (source) : id;
        g_autofree char *year = source != NULL ? atlas_profile_year_text ("%d", atlas_source_get_year (source)) : NULL;
        const char *parts[] = {
          source != NULL ? atlas_source_get_author (source) : "",
          year ? year : "",
          NULL
        };

        title = atlas_source_ref_get_locator (ATLAS_SOURCE_REF (item));
        subtitle = atlas_profile_join_parts (parts);
        if (title[0] == '\0')
          title = work;
        else if (subtitle[0] == '\0')
          {
            g_free (subtitle);
            subtitle = g_strdup (work);
          }
      }
      break;
    case N_SECTIONS:
    default:
      g_assert_not_reached ();
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 title && title[0] ? title : _("Untitled"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle ? subtitle : "");
}

static void
add_item_clicked_cb (GtkButton          *button,
                     AtlasProfileEditor *self)
{
  SectionKind section = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "section"));
  g_autoptr(AtlasPartner) copy = NULL;
  g_autoptr(GObject) item = NULL;
  const char *label = NULL;

  if (!_atlas_profile_editor_can_edit (self))
    return;

  switch (section)
    {
    case SECTION_DOCUMENTS:
      item = G_OBJECT (atlas_document_new (""));
      label = _("Add Document");
      break;
    case SECTION_DIALOGUES:
      item = G_OBJECT (atlas_dialogue_new (""));
      atlas_dialogue_set_level (ATLAS_DIALOGUE (item), "working");
      atlas_dialogue_set_status (ATLAS_DIALOGUE (item), "active");
      label = _("Add Dialogue");
      break;
    case SECTION_AGREEMENTS:
      item = G_OBJECT (atlas_agreement_new ("other", ""));
      atlas_agreement_set_status (ATLAS_AGREEMENT (item), "under-negotiation");
      label = _("Add Agreement");
      break;
    case SECTION_SOURCES:
      {
        GListModel *sources = atlas_dataset_get_sources (self->dataset);
        g_autoptr(AtlasSource) source = g_list_model_get_item (sources, 0);

        if (source == NULL)
          return;
        item = G_OBJECT (atlas_source_ref_new (atlas_source_get_id (source), ""));
        label = _("Add Source");
      }
      break;
    case N_SECTIONS:
    default:
      g_assert_not_reached ();
    }

  copy = atlas_partner_copy (self->partner);
  g_list_store_append (section_store (copy, section), item);
  _atlas_profile_editor_edit_copy (self, copy, label, NULL);
  _atlas_profile_editor_refresh_now (self);

  /* Open the new entry and put the cursor in its first field. */
  if (self->sections[section].rows->len > 0)
    {
      GtkWidget *row = g_ptr_array_index (self->sections[section].rows,
                                          self->sections[section].rows->len - 1);

      if (ADW_IS_EXPANDER_ROW (row))
        {
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          for (guint i = 0; i < self->sections[section].fields->len; i++)
            {
              GtkWidget *field = g_ptr_array_index (self->sections[section].fields, i);

              if (field_ref (field)->index == self->sections[section].n_items - 1 &&
                  ADW_IS_ENTRY_ROW (field))
                {
                  gtk_widget_grab_focus (field);
                  break;
                }
            }
        }
    }
}

static const char *
section_label (SectionKind  section,
               const char  *what)
{
  static const char *labels[N_SECTIONS][3] = {
    { N_("Remove Document"), N_("Move Document Up"), N_("Move Document Down") },
    { N_("Remove Dialogue"), N_("Move Dialogue Up"), N_("Move Dialogue Down") },
    { N_("Remove Agreement"), N_("Move Agreement Up"), N_("Move Agreement Down") },
    { N_("Remove Source"), N_("Move Source Up"), N_("Move Source Down") },
  };

  if (g_str_equal (what, "remove"))
    return _(labels[section][0]);
  if (g_str_equal (what, "up"))
    return _(labels[section][1]);
  return _(labels[section][2]);
}

static void
item_action_clicked_cb (GtkButton          *button,
                        AtlasProfileEditor *self)
{
  FieldRef *ref = field_ref (GTK_WIDGET (button));
  /* Copied: removing an entry destroys this button and its ref. */
  const char *what = ref->property;
  SectionKind section = ref->section;
  guint index = ref->index;
  g_autoptr(AtlasPartner) copy = NULL;
  g_autoptr(GObject) item = NULL;
  GListStore *store;
  guint target = 0;
  guint n;

  if (!_atlas_profile_editor_can_edit (self))
    return;

  copy = atlas_partner_copy (self->partner);
  store = section_store (copy, section);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (index >= n)
    return;

  if (g_str_equal (what, "remove"))
    g_list_store_remove (store, index);
  else
    {
      target = g_str_equal (what, "up") ? index - 1 : index + 1;
      if (index == 0 && g_str_equal (what, "up"))
        return;
      if (target >= n)
        return;
      item = g_list_model_get_item (G_LIST_MODEL (store), index);
      g_list_store_remove (store, index);
      g_list_store_insert (store, target, item);
    }

  _atlas_profile_editor_edit_copy (self, copy, section_label (section, what), NULL);
  _atlas_profile_editor_refresh_now (self);

  /* Keep the entry open and the keyboard where the user was: on the same
   * button of the row the entry moved to. */
  if (!g_str_equal (what, "remove") && target < self->sections[section].rows->len)
    {
      GPtrArray *rows = self->sections[section].rows;
      GtkWidget *row = g_ptr_array_index (rows, target);
      GtkWidget *from = g_ptr_array_index (rows, index);
      GtkWidget *same = g_object_get_data (G_OBJECT (row), what);
      gboolean was_expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (from));

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (from),
                                     adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), was_expanded);

      if (same != NULL && gtk_widget_get_sensitive (same))
        gtk_widget_grab_focus (same);
      else if (same != NULL)
        gtk_widget_grab_focus (row);
    }
}

static GtkWidget *
item_button_new (AtlasProfileEditor *self,
                 SectionKind         section,
                 guint               index,
                 const char         *what,
                 const char         *icon_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);
  const char *label = section_label (section, what);

  if (g_str_equal (what, "remove"))
    {
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Remove"));
      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_widget_add_css_class (button, "error");
    }

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  attach_ref (button, section, index, what, FIELD_TEXT, NULL);
  g_signal_connect (button, "clicked", G_CALLBACK (item_action_clicked_cb), self);

  return button;
}

static GtkWidget *
item_row_new (AtlasProfileEditor *self,
              SectionKind         section,
              guint               index,
              guint               n_items)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *up = item_button_new (self, section, index, "up", "go-up-symbolic");
  GtkWidget *down = item_button_new (self, section, index, "down", "go-down-symbolic");
  GtkWidget *remove = item_button_new (self, section, index, "remove", "user-trash-symbolic");

  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *actions_row = gtk_list_box_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_sensitive (up, index > 0);
  gtk_widget_set_sensitive (down, index + 1 < n_items);
  g_object_set_data (G_OBJECT (row), "up", up);
  g_object_set_data (G_OBJECT (row), "down", down);
  g_object_set_data (G_OBJECT (row), "remove", remove);

  switch (section)
    {
    case SECTION_DOCUMENTS:
      add_text_field (self, row, section, index, "title", FIELD_TEXT, _("Title"));
      add_year_field (self, row, section, index, "year", _("Year"));
      add_text_field (self, row, section, index, "url", FIELD_URL, _("Link (http or https)"));
      break;
    case SECTION_DIALOGUES:
      add_text_field (self, row, section, index, "name", FIELD_TEXT, _("Name"));
      add_text_field (self, row, section, index, "frequency", FIELD_NULLABLE_TEXT,
                      _("Frequency (such as “annual”)"));
      add_enum_field (self, row, section, index, "level", atlas_dialogue_get_level_values (), _("Level"));
      add_year_field (self, row, section, index, "established", _("Set up in"));
      add_enum_field (self, row, section, index, "status", atlas_dialogue_get_status_values (), _("Status"));
      _atlas_profile_editor_add_rounds_editor (self, row, index);
      break;
    case SECTION_AGREEMENTS:
      add_enum_field (self, row, section, index, "kind", atlas_agreement_get_kind_values (), _("Kind"));
      add_text_field (self, row, section, index, "title", FIELD_TEXT, _("Title"));
      add_year_field (self, row, section, index, "signed", _("Signed in"));
      add_year_field (self, row, section, index, "in-force", _("In force since"));
      add_enum_field (self, row, section, index, "status", atlas_agreement_get_status_values (), _("Status"));
      break;
    case SECTION_SOURCES:
      {
        GtkWidget *locator;

        add_source_field (self, row, index);
        locator = add_text_field (self, row, section, index, "locator", FIELD_TEXT, _("Locator"));
        gtk_widget_set_tooltip_text (locator,
                                     _("A page, section or footnote, such as “Appendix, EU-USA”"));
      }
      break;
    case N_SECTIONS:
    default:
      g_assert_not_reached ();
    }

  /* Moving and removing sit under the fields, away from the expander's
   * own arrow. */
  gtk_widget_set_halign (actions, GTK_ALIGN_END);
  gtk_widget_set_margin_top (actions, 6);
  gtk_widget_set_margin_bottom (actions, 6);
  gtk_widget_set_margin_start (actions, 12);
  gtk_widget_set_margin_end (actions, 12);
  gtk_box_append (GTK_BOX (actions), up);
  gtk_box_append (GTK_BOX (actions), down);
  gtk_box_append (GTK_BOX (actions), remove);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (actions_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (actions_row), actions);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), actions_row);
  atlas_profile_tune_wrap_all (row);

  return row;
}

static const char *
section_empty_text (SectionKind section)
{
  switch (section)
    {
    case SECTION_DOCUMENTS:
      return _("No key documents");
    case SECTION_DIALOGUES:
      return _("No dialogues");
    case SECTION_AGREEMENTS:
      return _("No agreements");
    case SECTION_SOURCES:
      return _("No sources");
    case N_SECTIONS:
    default:
      g_assert_not_reached ();
    }
}

static void
build_section_rows (AtlasProfileEditor *self,
                    SectionKind         section)
{
  Section *s = &self->sections[section];
  GListModel *model = _atlas_profile_editor_section_model (self->partner, section);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GArray) expanded = g_array_new (FALSE, TRUE, sizeof (gboolean));

  for (guint i = 0; i < s->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (s->rows, i);
      gboolean is_expanded = ADW_IS_EXPANDER_ROW (row) &&
                             adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row));

      g_array_append_val (expanded, is_expanded);
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (s->group), row);
    }
  g_ptr_array_set_size (s->rows, 0);
  g_ptr_array_set_size (s->fields, 0);

  self->syncing++;
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = item_row_new (self, section, i, n);

      g_ptr_array_add (s->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (s->group), row);
      sync_item_row (self, section, i);
      if (i < expanded->len && s->n_items == n)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_array_index (expanded, gboolean, i));
    }
  for (guint i = 0; i < s->fields->len; i++)
    sync_field (self, g_ptr_array_index (s->fields, i));
  self->syncing--;

  if (n == 0)
    {
      GtkWidget *row = atlas_profile_placeholder_row_new (section_empty_text (section));

      g_ptr_array_add (s->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (s->group), row);
    }

  s->n_items = n;
}

void
_atlas_profile_editor_build_section_form (AtlasProfileEditor *self,
                                          SectionKind         section,
                                          const char         *title,
                                          const char         *add_label)
{
  Section *s = &self->sections[section];
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  s->group = atlas_profile_group_new (title);
  gtk_widget_set_tooltip_text (add, add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, add_label,
                                  -1);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (add), "section", GUINT_TO_POINTER (section));
  g_signal_connect (add, "clicked", G_CALLBACK (add_item_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (s->group), add);

  s->n_items = G_MAXUINT;
  build_section_rows (self, section);
  gtk_widget_set_parent (s->group, GTK_WIDGET (self));
}

/* Whether a dialogue's rounds are no longer those its form shows. */
static gboolean
rounds_changed (AtlasProfileEditor *self)
{
  Section *s = &self->sections[SECTION_DIALOGUES];
  GListModel *dialogues = atlas_partner_get_dialogues (self->partner);

  for (guint i = 0; i < s->rows->len && i < g_list_model_get_n_items (dialogues); i++)
    {
      g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (dialogues, i);
      GtkWidget *row = g_ptr_array_index (s->rows, i);

      if (g_object_get_data (G_OBJECT (row), "rounds") != atlas_dialogue_get_rounds (dialogue))
        return TRUE;
    }

  return FALSE;
}


/* Brings every section in line with the partner: a section whose list
 * changed length (or a dialogue whose rounds changed) is built anew, the
 * others only take the values. */
void
_atlas_profile_editor_sync_sections (AtlasProfileEditor *self)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      Section *s = &self->sections[i];
      guint n = g_list_model_get_n_items (_atlas_profile_editor_section_model (self->partner, i));

      if (n != s->n_items || (i == SECTION_DIALOGUES && rounds_changed (self)))
        {
          build_section_rows (self, i);
          continue;
        }

      self->syncing++;
      for (guint j = 0; j < n; j++)
        sync_item_row (self, i, j);
      for (guint j = 0; j < s->fields->len; j++)
        sync_field (self, g_ptr_array_index (s->fields, j));
      self->syncing--;
    }
}
