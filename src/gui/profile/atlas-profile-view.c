/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The profile of one partner: its category under each lens, key documents,
 * dialogues, agreements, the assessment, sources and history; and, with
 * "Edit" on, the same as a form.
 *
 * Everything the form changes goes through the AtlasUndoStack, never into
 * the partner directly. The form's widgets refer to entries by list and
 * position, not by object, because the stack swaps a partner's contents
 * when it undoes; after any change of the partner, the form is brought
 * back in line with it in one idle pass (rebuilding a list section only
 * when its length changed), and the widgets' own handlers ignore that pass
 * so that undo never feeds back into the stack.
 *
 * All text from the dataset is shown as plain text. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "atlas-profile-view.h"
#include "atlas-source-prompt.h"
#include "atlas-swatch.h"
#include "atlas-long-text.h"

/* The narrowest a wrapped label of the profile gets, in characters. */
#define MIN_WRAP_CHARS 24

/* Years a form offers; the bottom one stands for "none". */
#define YEAR_NONE (ATLAS_FORMAT_YEAR_MIN - 1)
#define YEAR_MAX  ATLAS_FORMAT_YEAR_MAX

typedef enum
{
  SECTION_DOCUMENTS,
  SECTION_DIALOGUES,
  SECTION_AGREEMENTS,
  SECTION_SOURCES,
  N_SECTIONS
} SectionKind;

typedef enum
{
  FIELD_TEXT,          /* string, "" when empty */
  FIELD_NULLABLE_TEXT, /* string, NULL when empty */
  FIELD_URL,           /* nullable; only http(s) is taken */
  FIELD_YEAR,          /* int, 0 for none */
  FIELD_ENUM,          /* string among the model's values (*_get_*_values ()) */
  FIELD_SOURCE,        /* string, the id of one of the dataset's sources */
} FieldKind;

/* What one form widget edits: a property of the n-th entry of a list. */
typedef struct
{
  SectionKind       section;
  guint             index;
  const char       *property;
  FieldKind         kind;
  const char * const *values;
} FieldRef;

/* A group of read-only rows, kept from one partner to the next */
typedef struct
{
  GtkWidget *group;       /* AdwPreferencesGroup, NULL until built */
  GtkWidget *placeholder; /* shown when the list is empty */
  GPtrArray *rows;        /* in use, then spare (hidden) */
} RowList;

typedef struct
{
  GtkWidget *group;  /* AdwPreferencesGroup */
  GPtrArray *rows;   /* the group's rows (borrowed) */
  GPtrArray *fields; /* field widgets (borrowed) */
  guint      n_items;
} Section;

struct _AtlasProfileView
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  GtkLabel        *name_label;
  GtkLabel        *subtitle_label;
  GtkToggleButton *edit_button;
  GtkScrolledWindow *scroller;
  GtkBox          *content_box;

  AtlasDataset    *dataset;
  AtlasUndoStack  *undo_stack;
  char            *selected_id;
  AtlasPartner    *partner;
  gboolean         editing;
  guint            refresh_id;
  gulong           partners_changed_id;

  /* The read view */
  gboolean         read_built;
  RowList          indicators;
  RowList          documents;
  RowList          dialogues;
  RowList          agreements;
  RowList          sources;
  RowList          history;
  GtkWidget       *assessment_label;
  GtkWidget       *updated_label;
  GPtrArray       *source_ids;  /* interned, in order of first citation */

  /* The form, while editing */
  gboolean         form_built;
  GPtrArray       *indicator_dropdowns; /* GtkDropDown, "lens-id" data */
  GtkTextBuffer   *assessment_buffer;
  GtkWidget       *name_row;
  GtkWidget       *updated_row;
  GtkWidget       *source_row;
  GtkWidget       *change_date_row;
  GtkWidget       *change_reason;   /* why a change was refused, or hidden */
  guint            resync_id;
  GtkWidget       *assessment_source_row;
  Section          sections[N_SECTIONS];

  /* > 0 while the form is being brought in line with the partner */
  guint            syncing;
};

enum {
  PROP_0,
  PROP_DATASET,
  PROP_SELECTED_ID,
  PROP_PARTNER,
  PROP_UNDO_STACK,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasProfileView, atlas_profile_view, GTK_TYPE_WIDGET)

static void rebuild (AtlasProfileView *self);
static void sync_form (AtlasProfileView *self);

static const char * const section_keys[N_SECTIONS] = {
  "documents", "dialogues", "agreements", "sources"
};

static const char *
value_label (const char *value)
{
  return value ? atlas_entry_value_get_label (value) : "";
}

static GListModel *
section_model (AtlasPartner *partner,
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
  return G_LIST_STORE (section_model (partner, section));
}

/* A wrapping label's natural width is, by default, searched for among
 * widths that keep its line count, laying the text out again each time;
 * and its minimum width is measured by laying it out at width 0, a line
 * per word (or per character), the dearest layout of all. With a few dozen
 * rows that made showing a profile take 100-200 ms. The panel's width is
 * set by the window anyway: ask for the unwrapped width, and a minimum of
 * a few words when the text is long enough to be wider than that (GTK
 * warns when the minimum exceeds the natural width). Call again when the
 * text changes. */
static void
tune_wrap (GtkLabel *label)
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

static void
tune_wrap_all (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        tune_wrap (GTK_LABEL (child));
      else
        tune_wrap_all (child);
    }
}

/* Rows: dataset text is never markup. */

static GtkWidget *
action_row_new (const char *title,
                const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  tune_wrap_all (row);

  return row;
}

static GtkWidget *
placeholder_row_new (const char *text)
{
  GtkWidget *row = action_row_new (text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  gtk_widget_add_css_class (row, "placeholder-row");
  return row;
}

static GtkWidget *
group_new (const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  return group;
}

static GtkWidget *
plain_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), text);
  atlas_label_fit_text (GTK_LABEL (label));
  return label;
}

/* A category as a coloured chip with its name. */
static void
chip_set_category_or (GtkWidget     *chip,
                      AtlasCategory *category,
                      const char    *empty_label)
{
  const char *description = category ? atlas_category_get_description (category) : "";

  atlas_swatch_set_color (g_object_get_data (G_OBJECT (chip), "swatch"),
                          category ? (gint64) atlas_category_get_color (category) : -1);
  gtk_label_set_text (g_object_get_data (G_OBJECT (chip), "label"),
                      category ? atlas_category_get_name (category) : empty_label);
  atlas_label_fit_title (g_object_get_data (G_OBJECT (chip), "label"));
  if (category == NULL)
    gtk_widget_add_css_class (chip, "no-data");
  else
    gtk_widget_remove_css_class (chip, "no-data");
  gtk_widget_set_tooltip_text (chip, description[0] != '\0' ? description : NULL);
}

static void
chip_set_category (GtkWidget     *chip,
                   AtlasCategory *category)
{
  chip_set_category_or (chip, category, _("No data"));
}

static GtkWidget *
chip_new (AtlasCategory *category)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = atlas_swatch_new ();
  GtkWidget *label = plain_label_new ("");

  gtk_widget_set_size_request (swatch, 12, 12);
  gtk_widget_add_css_class (chip, "category-chip");
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (chip), swatch);
  gtk_box_append (GTK_BOX (chip), label);
  g_object_set_data (G_OBJECT (chip), "swatch", swatch);
  g_object_set_data (G_OBJECT (chip), "label", label);
  chip_set_category (chip, category);

  return chip;
}

static GtkWidget *
status_label_new (const char *text)
{
  GtkWidget *label = plain_label_new (text);

  gtk_widget_add_css_class (label, "status-pill");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static char *
join_parts (const char * const *parts)
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

/* A macro so that the format stays a literal the compiler can check. */
#define year_text(format, year) \
  ((year) > 0 ? g_strdup_printf ((format), (year)) : g_strdup (""))

static void
link_clicked_cb (GtkButton        *button,
                 AtlasProfileView *self)
{
  atlas_profile_view_open_link (self, g_object_get_data (G_OBJECT (button), "uri"));
}

/* Shown only for a web link: see atlas_profile_view_open_link (). */
static void
link_button_set_uri (GtkWidget  *button,
                     const char *uri)
{
  g_autofree char *tooltip = NULL;
  gboolean web = atlas_format_is_web_link (uri);

  gtk_widget_set_visible (button, web);
  g_object_set_data_full (G_OBJECT (button), "uri", web ? g_strdup (uri) : NULL, g_free);
  if (!web)
    return;

  /* Translators: %s is a web address */
  tooltip = g_strdup_printf (_("Open %s in the browser"), uri);
  gtk_widget_set_tooltip_text (button, tooltip);
}

static GtkWidget *
link_button_new (AtlasProfileView *self,
                 const char       *uri)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("web-browser-symbolic");

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open Link"),
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (link_clicked_cb), self);
  link_button_set_uri (button, uri);

  return button;
}

/* Reading */

static char *
history_field_name (AtlasProfileView *self,
                    const char       *field,
                    AtlasLens       **lens_out)
{
  *lens_out = NULL;

  if (g_str_equal (field, "assessment"))
    return g_strdup (_("Assessment"));
  /* Records of list entries added or removed. */
  if (g_str_equal (field, "agreements"))
    return g_strdup (_("Agreements"));
  if (g_str_equal (field, "dialogues"))
    return g_strdup (_("Dialogues"));
  if (g_str_equal (field, "documents"))
    return g_strdup (_("Key documents"));

  if (g_str_has_prefix (field, "indicators."))
    {
      AtlasLens *lens = atlas_dataset_find_lens (self->dataset, field + strlen ("indicators."));

      if (lens != NULL)
        {
          *lens_out = lens;
          return g_strdup (atlas_lens_get_name (lens));
        }
    }

  return g_strdup (field);
}

static const char *
history_value (AtlasLens  *lens,
               const char *value)
{
  AtlasCategory *category;

  if (value == NULL)
    return _("No data");
  if (lens != NULL && (category = atlas_lens_find_category (lens, value)) != NULL)
    return atlas_category_get_name (category);

  return value;
}

static char *
dialogue_summary (AtlasDialogue *dialogue)
{
  g_autofree char *since = year_text (_("since %d"), atlas_dialogue_get_established (dialogue));
  const char *frequency = atlas_dialogue_get_frequency (dialogue);
  const char *parts[] = {
    value_label (atlas_dialogue_get_level (dialogue)),
    frequency ? frequency : "",
    since,
    NULL
  };

  return join_parts (parts);
}

static char *
agreement_summary (AtlasAgreement *agreement)
{
  g_autofree char *signed_text = year_text (_("signed %d"), atlas_agreement_get_signed (agreement));
  g_autofree char *in_force = year_text (_("in force %d"), atlas_agreement_get_in_force (agreement));
  const char *parts[] = {
    value_label (atlas_agreement_get_kind (agreement)),
    signed_text,
    in_force,
    NULL
  };

  return join_parts (parts);
}

/* The read view keeps its widgets from one partner to the next and only
 * changes their text: building rows is half the cost of showing a profile
 * (see the select-partner bench). Spare rows are hidden, not destroyed. */

typedef GtkWidget *(*RowCreateFunc) (AtlasProfileView *self);
typedef void       (*RowFillFunc)   (AtlasProfileView *self,
                                     GtkWidget        *row,
                                     guint             index);

static void
row_list_clear (RowList *list)
{
  list->group = NULL;
  list->placeholder = NULL;
  g_ptr_array_set_size (list->rows, 0);
}

static void
row_list_build (AtlasProfileView *self,
                RowList          *list,
                const char       *title,
                const char       *empty_text)
{
  list->group = group_new (title);
  list->placeholder = placeholder_row_new (empty_text);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (list->group), list->placeholder);
  gtk_box_append (self->content_box, list->group);
}

static void
row_list_sync (AtlasProfileView *self,
               RowList          *list,
               guint             n,
               RowCreateFunc     create,
               RowFillFunc       fill)
{
  while (list->rows->len < n)
    {
      GtkWidget *row = create (self);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (list->group), row);
      g_ptr_array_add (list->rows, row);
    }

  for (guint i = 0; i < list->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (list->rows, i);

      if (i < n)
        fill (self, row, i);
      gtk_widget_set_visible (row, i < n);
    }
  gtk_widget_set_visible (list->placeholder, n == 0);
}

static void
row_set_text (GtkWidget  *row,
              const char *title,
              const char *subtitle)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle ? subtitle : "");
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  tune_wrap_all (row);
}

/* Indicators: a row per lens, its category as a chip */

static GtkWidget *
indicator_row_create (AtlasProfileView *self)
{
  GtkWidget *row = action_row_new (NULL, NULL);
  GtkWidget *chip = chip_new (NULL);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), chip);
  g_object_set_data (G_OBJECT (row), "chip", chip);
  return row;
}

static void
indicator_row_fill (AtlasProfileView *self,
                    GtkWidget        *row,
                    guint             index)
{
  g_autoptr(AtlasLens) lens = g_list_model_get_item (atlas_dataset_get_lenses (self->dataset), index);
  const char *category_id = atlas_partner_get_indicator (self->partner, atlas_lens_get_id (lens));
  AtlasCategory *category = category_id ? atlas_lens_find_category (lens, category_id) : NULL;

  row_set_text (row, atlas_lens_get_name (lens), NULL);
  chip_set_category_or (g_object_get_data (G_OBJECT (row), "chip"), category,
                        atlas_lens_get_empty_label (lens, atlas_dataset_get_as_of (self->dataset)));
}

/* Documents */

static GtkWidget *
document_row_create (AtlasProfileView *self)
{
  GtkWidget *row = action_row_new (NULL, NULL);
  GtkWidget *button = link_button_new (self, NULL);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "link", button);
  return row;
}

static void
document_row_fill (AtlasProfileView *self,
                   GtkWidget        *row,
                   guint             index)
{
  g_autoptr(AtlasDocument) document = g_list_model_get_item (atlas_partner_get_documents (self->partner), index);
  g_autofree char *year = year_text ("%d", atlas_document_get_year (document));

  row_set_text (row, atlas_document_get_title (document), year);
  link_button_set_uri (g_object_get_data (G_OBJECT (row), "link"), atlas_document_get_url (document));
}

/* Dialogues and agreements: a status at the end */

static GtkWidget *
status_row_create (AtlasProfileView *self)
{
  GtkWidget *row = action_row_new (NULL, NULL);
  GtkWidget *status = status_label_new ("");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  g_object_set_data (G_OBJECT (row), "status", status);
  return row;
}

/* Dialogues: the rounds as a compact line of years under the summary, each
 * round in full (date, place, number, note, link) when the row is opened,
 * and a warning when the dialogue is overdue. */

/* "Rounds: 2014 · 2017 · 2022 · 2023", years only; a long run is cut in
 * the middle. */
static char *
rounds_timeline_text (GPtrArray *rounds)
{
  GString *years = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < rounds->len; i++)
    {
      AtlasRound *round = g_ptr_array_index (rounds, i);

      if (rounds->len > 8 && i >= 3 && i < rounds->len - 3)
        {
          if (i == 3)
            g_string_append (years, " · …");
          continue;
        }
      if (years->len > 0)
        g_string_append (years, " · ");
      g_string_append_len (years, round->date, 4);
    }

  /* Translators: %s lists the years of a dialogue's rounds ("2014 · 2017") */
  text = g_strdup_printf (ngettext ("%u round: %s", "%u rounds: %s", rounds->len),
                          rounds->len, years->str);
  g_string_free (years, TRUE);

  return g_steal_pointer (&text);
}

static char *
round_title (const AtlasRound *round)
{
  g_autofree char *when = atlas_round_date_format (round->date);
  const char *parts[] = { when, round->place ? round->place : "", NULL };

  return join_parts (parts);
}

static char *
round_subtitle (const AtlasRound *round)
{
  g_autofree char *number = round->number > 0
                            /* Translators: the nth meeting of a dialogue */
                            ? g_strdup_printf (_("Round %d"), round->number) : g_strdup ("");
  const char *parts[] = { number, round->note ? round->note : "", NULL };

  return join_parts (parts);
}

static void
dialogue_expanded_cb (AdwExpanderRow   *row,
                      GParamSpec       *pspec,
                      AtlasProfileView *self)
{
  GPtrArray *children = g_object_get_data (G_OBJECT (row), "rounds-rows");
  GPtrArray *rounds = g_object_get_data (G_OBJECT (row), "rounds");

  if (!adw_expander_row_get_expanded (row) || children->len > 0 || rounds == NULL)
    return;

  /* Newest first: what a desk officer looks for. */
  for (guint i = rounds->len; i > 0; i--)
    {
      const AtlasRound *round = g_ptr_array_index (rounds, i - 1);
      g_autofree char *title = round_title (round);
      g_autofree char *subtitle = round_subtitle (round);
      GtkWidget *child = action_row_new (title, subtitle);
      GtkWidget *link = link_button_new (self, round->url);

      adw_action_row_add_suffix (ADW_ACTION_ROW (child), link);
      adw_expander_row_add_row (row, child);
      g_ptr_array_add (children, child);
    }
}

static GtkWidget *
dialogue_row_create (AtlasProfileView *self)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *status = status_label_new ("");
  /* The words go in the subtitle, where they wrap; the icon marks the row. */
  GtkWidget *overdue = gtk_image_new_from_icon_name ("alarm-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (overdue, "overdue");
  gtk_widget_set_valign (overdue, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (overdue, FALSE);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), overdue);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), status);
  g_object_set_data (G_OBJECT (row), "status", status);
  g_object_set_data (G_OBJECT (row), "overdue", overdue);
  g_object_set_data_full (G_OBJECT (row), "rounds-rows", g_ptr_array_new (),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (dialogue_expanded_cb), self);
  return row;
}

static void
dialogue_row_fill (AtlasProfileView *self,
                   GtkWidget        *row,
                   guint             index)
{
  g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (atlas_partner_get_dialogues (self->partner), index);
  g_autofree char *summary = dialogue_summary (dialogue);
  g_autofree char *overdue_text = atlas_dialogue_dup_overdue_text (dialogue,
                                                                  atlas_dataset_get_as_of (self->dataset));
  GPtrArray *rounds = atlas_dialogue_get_rounds (dialogue);
  GPtrArray *children = g_object_get_data (G_OBJECT (row), "rounds-rows");
  GtkWidget *overdue = g_object_get_data (G_OBJECT (row), "overdue");
  g_autofree char *subtitle = NULL;

  {
    g_autofree char *timeline = rounds->len > 0 ? rounds_timeline_text (rounds) : g_strdup ("");
    GString *text = g_string_new (summary);

    if (timeline[0] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", timeline);
    if (overdue_text != NULL)
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", overdue_text);
    subtitle = g_string_free (text, FALSE);
  }

  /* Another dialogue's rounds: gone, and folded until asked for. */
  for (guint i = 0; i < children->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (row), g_ptr_array_index (children, i));
  g_ptr_array_set_size (children, 0);
  /* Enabling expansion also expands: fold after. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), rounds->len > 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
  /* Nothing to open: no arrow either. */
  if (rounds->len > 0)
    gtk_widget_remove_css_class (row, "no-rounds");
  else
    gtk_widget_add_css_class (row, "no-rounds");
  g_object_set_data_full (G_OBJECT (row), "rounds", g_ptr_array_ref (rounds),
                          (GDestroyNotify) g_ptr_array_unref);

  row_set_text (row, atlas_dialogue_get_name (dialogue), subtitle);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "status"),
                      value_label (atlas_dialogue_get_status (dialogue)));
  gtk_widget_set_tooltip_text (overdue, overdue_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (overdue),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, overdue_text ? overdue_text : "",
                                  -1);
  g_object_set_data_full (G_OBJECT (overdue), "text", g_strdup (overdue_text), g_free);
  gtk_widget_set_visible (overdue, overdue_text != NULL);
}

static void
agreement_row_fill (AtlasProfileView *self,
                    GtkWidget        *row,
                    guint             index)
{
  g_autoptr(AtlasAgreement) agreement = g_list_model_get_item (atlas_partner_get_agreements (self->partner), index);
  g_autofree char *summary = agreement_summary (agreement);

  row_set_text (row, atlas_agreement_get_title (agreement), summary);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "status"),
                      value_label (atlas_agreement_get_status (agreement)));
}

/* Sources: one row per work cited, its places (pages, sections, footnotes)
 * under it, since a profile often cites one paper many times. */

static void
source_expanded_cb (AdwExpanderRow   *row,
                    GParamSpec       *pspec,
                    AtlasProfileView *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "source-id");
  GPtrArray *places = g_object_get_data (G_OBJECT (row), "places");
  GListModel *refs;

  if (!adw_expander_row_get_expanded (row) || places->len > 0 || self->partner == NULL)
    return;

  refs = atlas_partner_get_sources (self->partner);
  for (guint i = 0; i < g_list_model_get_n_items (refs); i++)
    {
      g_autoptr(AtlasSourceRef) ref = g_list_model_get_item (refs, i);
      GtkWidget *place;

      if (!g_str_equal (atlas_source_ref_get_id (ref), id))
        continue;
      place = action_row_new (atlas_source_ref_get_locator (ref), NULL);
      adw_expander_row_add_row (row, place);
      g_ptr_array_add (places, place);
    }
}

static GtkWidget *
source_row_create (AtlasProfileView *self)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *button = link_button_new (self, NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
  g_object_set_data (G_OBJECT (row), "link", button);
  g_object_set_data_full (G_OBJECT (row), "places", g_ptr_array_new (),
                          (GDestroyNotify) g_ptr_array_unref);
  /* The places are laid out even while folded: add them when opened. */
  g_signal_connect (row, "notify::expanded", G_CALLBACK (source_expanded_cb), self);
  return row;
}

static void
source_row_fill (AtlasProfileView *self,
                 GtkWidget        *row,
                 guint             index)
{
  const char *id = g_ptr_array_index (self->source_ids, index);
  AtlasSource *source = atlas_dataset_find_source (self->dataset, id);
  GListModel *refs = atlas_partner_get_sources (self->partner);
  GPtrArray *places = g_object_get_data (G_OBJECT (row), "places");
  g_autofree char *year = source ? year_text ("%d", atlas_source_get_year (source)) : NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *subtitle = NULL;
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (refs); i++)
    {
      g_autoptr(AtlasSourceRef) ref = g_list_model_get_item (refs, i);

      if (g_str_equal (atlas_source_ref_get_id (ref), id))
        count++;
    }
  count_text = g_strdup_printf (ngettext ("%u place", "%u places", count), count);

  {
    const char *parts[] = {
      source ? atlas_source_get_author (source) : "",
      year ? year : "",
      count_text,
      NULL
    };

    subtitle = join_parts (parts);
  }

  /* Another partner's places: gone, and folded until asked for. */
  for (guint i = 0; i < places->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (row), g_ptr_array_index (places, i));
  g_ptr_array_set_size (places, 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);

  g_object_set_data (G_OBJECT (row), "source-id", (gpointer) id);
  row_set_text (row, source ? atlas_source_get_title (source) : id, subtitle);
  link_button_set_uri (g_object_get_data (G_OBJECT (row), "link"),
                       source ? atlas_source_get_url (source) : NULL);
}

static void
sync_sources (AtlasProfileView *self)
{
  GListModel *refs = atlas_partner_get_sources (self->partner);
  const char *updated = atlas_partner_get_updated (self->partner);

  if (self->sources.group == NULL)
    {
      GtkWidget *row = action_row_new (_("Last updated"), NULL);

      row_list_build (self, &self->sources, _("Sources"), _("No sources"));
      self->updated_label = plain_label_new ("");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->updated_label);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->sources.group), row);
    }

  gtk_label_set_text (GTK_LABEL (self->updated_label),
                        updated && updated[0] ? updated : _("Unknown"));

  g_ptr_array_set_size (self->source_ids, 0);
  for (guint i = 0; i < g_list_model_get_n_items (refs); i++)
    {
      g_autoptr(AtlasSourceRef) ref = g_list_model_get_item (refs, i);
      const char *id = g_intern_string (atlas_source_ref_get_id (ref));

      if (!g_ptr_array_find (self->source_ids, id, NULL))
        g_ptr_array_add (self->source_ids, (gpointer) id);
    }

  row_list_sync (self, &self->sources, self->source_ids->len, source_row_create, source_row_fill);
}

/* History, newest first: what changed last is what a reader looks for. */

static GtkWidget *
history_row_create (AtlasProfileView *self)
{
  return action_row_new (NULL, NULL);
}

static void
history_row_fill (AtlasProfileView *self,
                  GtkWidget        *row,
                  guint             index)
{
  GListModel *history = atlas_partner_get_history (self->partner);
  guint n = g_list_model_get_n_items (history);
  g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, n - 1 - index);
  AtlasLens *lens = NULL;
  g_autofree char *field = history_field_name (self, atlas_history_entry_get_field (entry), &lens);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *parts[] = {
    atlas_history_entry_get_date (entry),
    atlas_history_entry_get_source (entry),
    NULL
  };

  if (lens != NULL)
    {
      const char *old_value = atlas_history_entry_get_old_value (entry);
      const char *opens = atlas_lens_get_opens (lens);

      /* Before a change on or before the day a lens opened, the partner
       * had no category because there was none to have. */
      gboolean before_opening = old_value == NULL && opens != NULL &&
                                strcmp (atlas_history_entry_get_date (entry), opens) <= 0;

      /* Translators: a change of an indicator: "Lens: old value → new value" */
      title = g_strdup_printf (_("%s: %s → %s"), field,
                               before_opening ? atlas_lens_get_empty_label (lens, "0001-01-01")
                                              : history_value (lens, old_value),
                               history_value (lens, atlas_history_entry_get_new_value (entry)));
    }
  else if (g_str_equal (atlas_history_entry_get_field (entry), "partner"))
    /* Listed from this date on, or no longer (atlas-timeline.h). */
    title = g_strdup (atlas_history_entry_get_new_value (entry) != NULL
                      ? _("Added as a partner") : _("No longer a partner"));
  else if (!g_str_equal (atlas_history_entry_get_field (entry), "assessment") &&
           (atlas_history_entry_get_old_value (entry) == NULL) !=
           (atlas_history_entry_get_new_value (entry) == NULL))
    {
      gboolean added = atlas_history_entry_get_old_value (entry) == NULL;
      const char *what = added ? atlas_history_entry_get_new_value (entry)
                               : atlas_history_entry_get_old_value (entry);

      title = added
              /* Translators: "Agreements: added “EU-Japan Security and Defence Partnership”" */
              ? g_strdup_printf (_("%s: added “%s”"), field, what)
              /* Translators: "Dialogues: removed “Summit”" */
              : g_strdup_printf (_("%s: removed “%s”"), field, what);
    }
  else
    /* Translators: %s is the changed field, such as "Assessment" */
    title = g_strdup_printf (_("%s changed"), field);

  subtitle = join_parts (parts);
  row_set_text (row, title, subtitle);
  gtk_widget_set_tooltip_text (row, lens == NULL ? atlas_history_entry_get_new_value (entry) : NULL);
}

static void
build_history (AtlasProfileView *self)
{
  row_list_build (self, &self->history, _("History of Changes"), _("No recorded changes"));
}

static void
sync_history (AtlasProfileView *self)
{
  row_list_sync (self, &self->history,
                 g_list_model_get_n_items (atlas_partner_get_history (self->partner)),
                 history_row_create, history_row_fill);
}

/* The assessment */

static void
build_assessment (AtlasProfileView *self)
{
  GtkWidget *group = group_new (_("Assessment"));
  GtkWidget *label = plain_label_new ("");
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "assessment");
  gtk_widget_set_name (label, "assessment-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Assessment"),
                                  -1);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "assessment-card");
  gtk_box_append (GTK_BOX (card), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);
  gtk_box_append (self->content_box, group);
  self->assessment_label = label;
}

static void
fill_assessment (AtlasProfileView *self)
{
  const char *assessment = atlas_partner_get_assessment (self->partner);
  gboolean empty = assessment == NULL || assessment[0] == '\0';
  GtkLabel *label = GTK_LABEL (self->assessment_label);

  gtk_label_set_text (label, empty ? _("No assessment") : assessment);
  gtk_label_set_selectable (label, !empty);
  if (empty)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  /* The first 10 000 characters of a pasted blob, and how many more. */
  atlas_label_fit_text (label);
  tune_wrap (label);
}

static void
build_read_view (AtlasProfileView *self)
{
  row_list_build (self, &self->indicators, _("Indicators"), _("No lenses"));
  build_assessment (self);
  row_list_build (self, &self->documents, _("Key Documents"), _("No key documents"));
  row_list_build (self, &self->dialogues, _("Dialogues"), _("No dialogues"));
  row_list_build (self, &self->agreements, _("Agreements"), _("No agreements"));
  sync_sources (self);
  build_history (self);
  self->read_built = TRUE;
}

static void
fill_read_view (AtlasProfileView *self)
{
  row_list_sync (self, &self->indicators,
                 g_list_model_get_n_items (atlas_dataset_get_lenses (self->dataset)),
                 indicator_row_create, indicator_row_fill);
  fill_assessment (self);
  row_list_sync (self, &self->documents,
                 g_list_model_get_n_items (atlas_partner_get_documents (self->partner)),
                 document_row_create, document_row_fill);
  row_list_sync (self, &self->dialogues,
                 g_list_model_get_n_items (atlas_partner_get_dialogues (self->partner)),
                 dialogue_row_create, dialogue_row_fill);
  row_list_sync (self, &self->agreements,
                 g_list_model_get_n_items (atlas_partner_get_agreements (self->partner)),
                 status_row_create, agreement_row_fill);
  sync_sources (self);
  sync_history (self);
}

static void
update_header (AtlasProfileView *self)
{
  const char *id = atlas_partner_get_id (self->partner);
  const char *name = atlas_partner_get_name (self->partner);
  const char *display = atlas_partner_get_display_name (self->partner);
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (self->name_label, display);
  if (g_strcmp0 (name, display) != 0 && name != NULL && name[0] != '\0')
    {
      const char *parts[] = { name, id, NULL };

      subtitle = join_parts (parts);
    }
  else
    subtitle = g_strdup (id);
  gtk_label_set_text (self->subtitle_label, subtitle);
  atlas_label_fit_title (self->name_label);
  atlas_label_fit_title (self->subtitle_label);
}

/* Editing */

static void
clear_form (AtlasProfileView *self)
{
  self->form_built = FALSE;
  g_ptr_array_set_size (self->indicator_dropdowns, 0);
  g_clear_object (&self->assessment_buffer);
  self->name_row = NULL;
  self->updated_row = NULL;
  self->source_row = NULL;
  self->change_date_row = NULL;
  self->change_reason = NULL;
  self->assessment_source_row = NULL;
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      self->sections[i].group = NULL;
      g_ptr_array_set_size (self->sections[i].rows, 0);
      g_ptr_array_set_size (self->sections[i].fields, 0);
      self->sections[i].n_items = 0;
    }
}

static gboolean
can_edit (AtlasProfileView *self)
{
  return self->partner != NULL && self->undo_stack != NULL && self->dataset != NULL &&
         self->syncing == 0;
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                AtlasProfileView        *self)
{
  if (self->undo_stack != NULL)
    atlas_undo_stack_break_coalescing (self->undo_stack);
}

/* Leaving a field ends its undo step: the next edit is a new one. */
static void
break_coalescing_on_leave (AtlasProfileView *self,
                           GtkWidget        *widget)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (widget, controller);
}

static void sync_form (AtlasProfileView *self);

/* Says why the change date would break the history's chain (the change is
 * not made), or hides the reason. */
static void
show_change_reason (AtlasProfileView *self,
                    const char       *reason)
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
  AtlasProfileView *self = data;

  self->resync_id = 0;
  if (self->form_built && self->partner != NULL)
    sync_form (self);
  return G_SOURCE_REMOVE;
}

/* Whether a change of @field, dated with the change date, may be made; if
 * not, the form goes back to the profile as it is and says why. */
static gboolean
check_change (AtlasProfileView *self,
              const char       *field)
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
indicator_selected_cb (GtkDropDown      *dropdown,
                       GParamSpec       *pspec,
                       AtlasProfileView *self)
{
  const char *lens_id = g_object_get_data (G_OBJECT (dropdown), "lens-id");
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
indicator_position (AtlasProfileView *self,
                    AtlasLens        *lens)
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
                        gpointer                  in_list)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = atlas_swatch_new ();
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = plain_label_new ("");

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
      GtkWidget *description = plain_label_new ("");

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
                       gpointer                  in_list)
{
  AtlasLens *lens = g_object_get_data (G_OBJECT (factory), "lens");
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
  if (in_list)
    {
      GtkWidget *description = gtk_widget_get_last_child (texts);
      const char *text = category ? atlas_category_get_description (category)
                                  : _("The dataset records no category for this partner");

      gtk_label_set_text (GTK_LABEL (description), text);
      atlas_label_fit_text (GTK_LABEL (description));
      gtk_widget_set_visible (description, text != NULL && *text != '\0');
    }
}

static GtkListItemFactory *
category_factory_new (AtlasLens *lens,
                      gboolean   in_list)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data_full (G_OBJECT (factory), "lens", g_object_ref (lens), g_object_unref);
  g_signal_connect (factory, "setup", G_CALLBACK (category_item_setup_cb), GINT_TO_POINTER (in_list));
  g_signal_connect (factory, "bind", G_CALLBACK (category_item_bind_cb), GINT_TO_POINTER (in_list));
  return factory;
}

static void
build_indicator_form (AtlasProfileView *self)
{
  GtkWidget *group = group_new (_("Indicators"));
  GListModel *lenses = atlas_dataset_get_lenses (self->dataset);
  guint n = g_list_model_get_n_items (lenses);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
      GListModel *categories = atlas_lens_get_categories (lens);
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
      GtkWidget *row = action_row_new (atlas_lens_get_name (lens), NULL);
      GtkWidget *dropdown;

      for (guint j = 0; j < g_list_model_get_n_items (categories); j++)
        {
          g_autoptr(AtlasCategory) category = g_list_model_get_item (categories, j);

          gtk_string_list_append (choices, atlas_category_get_name (category));
        }
      gtk_string_list_append (choices, _("No data"));

      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&choices)), NULL);
      {
        g_autoptr(GtkListItemFactory) button = category_factory_new (lens, FALSE);
        g_autoptr(GtkListItemFactory) list = category_factory_new (lens, TRUE);

        gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button);
        gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list);
      }
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (dropdown, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, atlas_lens_get_name (lens),
                                      -1);
      g_object_set_data_full (G_OBJECT (dropdown), "lens-id",
                              g_strdup (atlas_lens_get_id (lens)), g_free);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), indicator_position (self, lens));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (indicator_selected_cb), self);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (self->indicator_dropdowns, dropdown);
    }

  gtk_box_append (self->content_box, group);
}

static char *
get_buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
assessment_changed_cb (GtkTextBuffer    *buffer,
                       AtlasProfileView *self)
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
build_assessment_form (AtlasProfileView *self)
{
  GtkWidget *group = group_new (_("Assessment"));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  self->assessment_buffer = g_object_ref (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  /* The app's undo stack owns Ctrl+Z: the buffer's own history would undo
   * behind its back. */
  gtk_text_buffer_set_enable_undo (self->assessment_buffer, FALSE);
  gtk_text_buffer_set_text (self->assessment_buffer, atlas_partner_get_assessment (self->partner), -1);
  g_signal_connect (self->assessment_buffer, "changed", G_CALLBACK (assessment_changed_cb), self);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 160);
  gtk_widget_add_css_class (view, "assessment-editor");
  gtk_widget_set_name (view, "assessment-editor");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Assessment"),
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                  -1);
  break_coalescing_on_leave (self, view);

  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "assessment-frame");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  self->assessment_source_row = atlas_source_prompt_row_new (self->undo_stack, self->partner);
  gtk_widget_set_margin_top (self->assessment_source_row, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->assessment_source_row);
  gtk_box_append (self->content_box, group);
}

static void
edit_copy (AtlasProfileView *self,
           AtlasPartner     *copy,
           const char       *label,
           const char       *coalesce_key)
{
  atlas_undo_stack_edit_partner (self->undo_stack, self->partner, copy, label, coalesce_key);
}

static void
name_changed_cb (GtkEditable      *editable,
                 AtlasProfileView *self)
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

/* The reason in the row's title, where the eye is; the usual title back
 * once the date is good. */
static void
show_date_reason (GtkWidget  *row,
                  const char *reason)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason ? reason : _("Last updated (YYYY-MM-DD)"));
  if (reason != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
updated_changed_cb (GtkEditable      *editable,
                    AtlasProfileView *self)
{
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(AtlasPartner) copy = NULL;
  g_autofree char *reason = bad_date_reason (text);
  gboolean valid = reason == NULL;

  show_date_reason (GTK_WIDGET (editable), reason);

  if (!valid || !can_edit (self) || g_strcmp0 (text, atlas_partner_get_updated (self->partner)) == 0)
    return;

  copy = atlas_partner_copy (self->partner);
  atlas_partner_set_updated (copy, text);
  edit_copy (self, copy, _("Change Update Date"), "updated");
}

static void
calendar_day_selected_cb (GtkCalendar *calendar,
                          GtkWidget   *row)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  int shown = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (calendar), "atlas-month"));
  int month = g_date_time_get_year (date) * 12 + g_date_time_get_month (date);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  /* A day picked in the month shown closes the calendar; going to another
   * month keeps it open. */
  g_object_set_data (G_OBJECT (calendar), "atlas-month", GINT_TO_POINTER (month));
  if (popover != NULL && month == shown)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* The calendar opens on the row's date, or today's. */
static void
calendar_popover_show_cb (GtkWidget   *popover,
                          GtkCalendar *calendar)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (calendar), "atlas-row");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  int year, month, day;
  g_autoptr(GDateTime) date = NULL;

  if (atlas_format_is_date (text) && sscanf (text, "%4d-%2d-%2d", &year, &month, &day) == 3)
    date = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (date == NULL)
    date = g_date_time_new_now_local ();
  g_signal_handlers_block_by_func (calendar, calendar_day_selected_cb, row);
  gtk_calendar_select_day (calendar, date);
  g_object_set_data (G_OBJECT (calendar), "atlas-month",
                     GINT_TO_POINTER (g_date_time_get_year (date) * 12 + g_date_time_get_month (date)));
  g_signal_handlers_unblock_by_func (calendar, calendar_day_selected_cb, row);
}

static void
add_calendar_button (AtlasProfileView *self,
                     GtkWidget        *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Pick a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick a Date"), -1);
  g_object_set_data (G_OBJECT (calendar), "atlas-row", row);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), row);
  g_signal_connect (popover, "show", G_CALLBACK (calendar_popover_show_cb), calendar);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
}

static void
source_changed_cb (GtkEditable      *editable,
                   AtlasProfileView *self)
{
  if (self->undo_stack != NULL && self->syncing == 0)
    atlas_undo_stack_set_change_source (self->undo_stack, gtk_editable_get_text (editable));
}

/* The date the next changes are recorded with: a change that happened
 * earlier (8 July 2015, entered today) goes where its date puts it. */
static void
change_date_changed_cb (GtkEditable      *editable,
                        AtlasProfileView *self)
{
  const char *text = gtk_editable_get_text (editable);
  gboolean valid = atlas_format_is_date (text);

  if (self->undo_stack == NULL || self->syncing != 0)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editable),
                                 valid ? _("Date of this change (YYYY-MM-DD)")
                                       : _("Date of this change: write year-month-day, e.g. 2015-07-08"));
  show_change_reason (self, NULL);
  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
      atlas_undo_stack_set_change_date (self->undo_stack, text);
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
}

static void
source_row_leave_cb (AtlasProfileView *self)
{
  if (self->undo_stack != NULL && self->partner != NULL && self->syncing == 0)
    atlas_undo_stack_fill_missing_sources (self->undo_stack, self->partner);
}

static GtkWidget *
entry_row_new (AtlasProfileView *self,
               const char       *title,
               const char       *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  /* As for the assessment: undo belongs to the app's stack. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  break_coalescing_on_leave (self, row);

  return row;
}

static void
build_change_form (AtlasProfileView *self)
{
  GtkWidget *group = group_new (_("This Change"));
  const char *source = atlas_undo_stack_get_change_source (self->undo_stack);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Changes of indicators and of the assessment are "
                                           "recorded in the history with this source and date"));

  self->source_row = entry_row_new (self, _("Source of this change"), source);
  g_signal_connect (self->source_row, "changed", G_CALLBACK (source_changed_cb), self);
  {
    GtkEventController *controller = gtk_event_controller_focus_new ();

    /* Given after the change: the changes made without one take it */
    g_signal_connect_swapped (controller, "leave", G_CALLBACK (source_row_leave_cb), self);
    gtk_widget_add_controller (self->source_row, controller);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->source_row);

  self->change_date_row = entry_row_new (self, _("Date of this change (YYYY-MM-DD)"),
                                         atlas_undo_stack_get_change_date (self->undo_stack));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->change_date_row), FALSE);
  g_signal_connect (self->change_date_row, "changed", G_CALLBACK (change_date_changed_cb), self);
  add_calendar_button (self, self->change_date_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->change_date_row);

  self->change_reason = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->change_reason), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->change_reason), 0);
  gtk_widget_add_css_class (self->change_reason, "error");
  gtk_widget_set_margin_top (self->change_reason, 6);
  gtk_widget_set_visible (self->change_reason, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->change_reason);

  self->updated_row = entry_row_new (self, _("Last updated (YYYY-MM-DD)"),
                                     atlas_partner_get_updated (self->partner));
  /* The title may quote what was typed: plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->updated_row), FALSE);
  g_signal_connect (self->updated_row, "changed", G_CALLBACK (updated_changed_cb), self);
  add_calendar_button (self, self->updated_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->updated_row);

  self->name_row = entry_row_new (self, _("Name in the dataset"),
                                  atlas_partner_get_name (self->partner));
  g_signal_connect (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->name_row);

  gtk_box_append (self->content_box, group);
}

/* List sections: fields */

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
apply_field (AtlasProfileView *self,
             FieldRef         *ref,
             const GValue     *value)
{
  g_autoptr(AtlasPartner) copy = NULL;
  g_autoptr(GObject) current = NULL;
  g_autoptr(GObject) item = NULL;
  g_auto(GValue) old = G_VALUE_INIT;
  g_autofree char *key = NULL;

  if (!can_edit (self))
    return;

  current = g_list_model_get_item (section_model (self->partner, ref->section), ref->index);
  if (current == NULL)
    return;

  g_value_init (&old, G_VALUE_TYPE (value));
  g_object_get_property (current, ref->property, &old);
  if (G_VALUE_HOLDS_STRING (value) ?
      g_strcmp0 (g_value_get_string (&old), g_value_get_string (value)) == 0 :
      g_value_get_int (&old) == g_value_get_int (value))
    return;

  copy = atlas_partner_copy (self->partner);
  item = g_list_model_get_item (section_model (copy, ref->section), ref->index);
  g_object_set_property (item, ref->property, value);

  key = g_strdup_printf ("%s.%u.%s", section_keys[ref->section], ref->index, ref->property);
  edit_copy (self, copy, section_edit_label (ref->section), key);
}

static void
field_entry_changed_cb (GtkEditable      *editable,
                        AtlasProfileView *self)
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
field_year_changed_cb (GtkSpinButton    *spin,
                       AtlasProfileView *self)
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
field_enum_changed_cb (GtkDropDown      *dropdown,
                       GParamSpec       *pspec,
                       AtlasProfileView *self)
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
attach_ref (GtkWidget        *widget,
            SectionKind       section,
            guint             index,
            const char       *property,
            FieldKind         kind,
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
add_text_field (AtlasProfileView *self,
                GtkWidget        *expander,
                SectionKind       section,
                guint             index,
                const char       *property,
                FieldKind         kind,
                const char       *title)
{
  GtkWidget *row = entry_row_new (self, title, NULL);

  attach_ref (row, section, index, property, kind, NULL);
  if (kind == FIELD_URL)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_URL);
  g_signal_connect (row, "changed", G_CALLBACK (field_entry_changed_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  g_ptr_array_add (self->sections[section].fields, row);

  return row;
}

static GtkWidget *
add_year_field (AtlasProfileView *self,
                GtkWidget        *expander,
                SectionKind       section,
                guint             index,
                const char       *property,
                const char       *title)
{
  GtkWidget *row = action_row_new (title, NULL);
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
  break_coalescing_on_leave (self, spin);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  g_ptr_array_add (self->sections[section].fields, spin);

  return spin;
}

static GtkWidget *
add_enum_field (AtlasProfileView *self,
                GtkWidget        *expander,
                SectionKind       section,
                guint             index,
                const char       *property,
                const char * const *values,
                const char       *title)
{
  GtkWidget *row = action_row_new (title, NULL);
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
field_source_changed_cb (GtkDropDown      *dropdown,
                         GParamSpec       *pspec,
                         AtlasProfileView *self)
{
  AtlasSource *source = gtk_drop_down_get_selected_item (dropdown);
  g_auto(GValue) value = G_VALUE_INIT;

  if (source == NULL)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, atlas_source_get_id (source));
  apply_field (self, field_ref (GTK_WIDGET (dropdown)), &value);
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
  GtkWidget *label = plain_label_new ("");

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
add_source_field (AtlasProfileView *self,
                  GtkWidget        *expander,
                  guint             index)
{
  GListModel *sources = atlas_dataset_get_sources (self->dataset);
  GtkWidget *row = action_row_new (_("Source"), NULL);
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;
  GtkWidget *dropdown;

  if (g_list_model_get_n_items (sources) == 0)
    {
      GtkWidget *label = plain_label_new (_("None in the dataset"));

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
sync_field (AtlasProfileView *self,
            GtkWidget        *widget)
{
  FieldRef *ref = field_ref (widget);
  g_autoptr(GObject) item = g_list_model_get_item (section_model (self->partner, ref->section),
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
sync_item_row (AtlasProfileView *self,
               SectionKind       section,
               guint             index)
{
  GtkWidget *row = g_ptr_array_index (self->sections[section].rows, index);
  g_autoptr(GObject) item = g_list_model_get_item (section_model (self->partner, section), index);
  g_autofree char *subtitle = NULL;
  const char *title = NULL;

  switch (section)
    {
    case SECTION_DOCUMENTS:
      title = atlas_document_get_title (ATLAS_DOCUMENT (item));
      subtitle = year_text ("%d", atlas_document_get_year (ATLAS_DOCUMENT (item)));
      break;
    case SECTION_DIALOGUES:
      title = atlas_dialogue_get_name (ATLAS_DIALOGUE (item));
      subtitle = dialogue_summary (ATLAS_DIALOGUE (item));
      break;
    case SECTION_AGREEMENTS:
      title = atlas_agreement_get_title (ATLAS_AGREEMENT (item));
      subtitle = agreement_summary (ATLAS_AGREEMENT (item));
      break;
    case SECTION_SOURCES:
      {
        /* The place first, the work in short under it: a profile often
         * cites one work many times, and the drop-down names it in full. */
        const char *id = atlas_source_ref_get_id (ATLAS_SOURCE_REF (item));
        AtlasSource *source = atlas_dataset_find_source (self->dataset, id);
        const char *work = source != NULL ? atlas_source_get_title (source) : id;
        g_autofree char *year = source != NULL ? year_text ("%d", atlas_source_get_year (source)) : NULL;
        const char *parts[] = {
          source != NULL ? atlas_source_get_author (source) : "",
          year ? year : "",
          NULL
        };

        title = atlas_source_ref_get_locator (ATLAS_SOURCE_REF (item));
        subtitle = join_parts (parts);
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
refresh_now (AtlasProfileView *self);

static void
add_item_clicked_cb (GtkButton        *button,
                     AtlasProfileView *self)
{
  SectionKind section = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "section"));
  g_autoptr(AtlasPartner) copy = NULL;
  g_autoptr(GObject) item = NULL;
  const char *label = NULL;

  if (!can_edit (self))
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
  edit_copy (self, copy, label, NULL);
  refresh_now (self);

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
section_label (SectionKind section,
               const char *what)
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
item_action_clicked_cb (GtkButton        *button,
                        AtlasProfileView *self)
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

  if (!can_edit (self))
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

  edit_copy (self, copy, section_label (section, what), NULL);
  refresh_now (self);

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
item_button_new (AtlasProfileView *self,
                 SectionKind       section,
                 guint             index,
                 const char       *what,
                 const char       *icon_name)
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

/* Rounds in the dialogue form: a row per round with its actions, and a
 * button to add one. Rounds stay oldest first: a new or edited one goes
 * where its date puts it, and moving is offered only between rounds whose
 * dates do not order them ("2020" and "2020-01-20"). */

typedef struct
{
  AtlasProfileView *self;
  guint             dialogue;
  int               round;      /* -1: a new one */
  GtkWidget        *date;
  GtkWidget        *place;
  GtkWidget        *number;
  GtkWidget        *url;
  GtkWidget        *note;
} RoundDialog;

static void
round_dialog_free (gpointer data)
{
  RoundDialog *rd = data;

  g_object_unref (rd->self);
  g_free (rd);
}

static const char *
entry_text_or_null (GtkWidget *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  return text[0] != '\0' ? text : NULL;
}

/* The number typed: 0 for none, -1 for something that is not one. */
static int
round_dialog_number (RoundDialog *rd)
{
  const char *text = entry_text_or_null (rd->number);
  guint64 value = 0;

  if (text == NULL)
    return 0;
  if (!g_ascii_string_to_unsigned (text, 10, 1, 10000, &value, NULL))
    return -1;

  return (int) value;
}

static void
mark_entry (GtkWidget *entry,
            gboolean   valid)
{
  if (valid)
    gtk_widget_remove_css_class (entry, "error");
  else
    gtk_widget_add_css_class (entry, "error");
}

static void
round_dialog_validate (RoundDialog *rd)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (rd->date, ADW_TYPE_MESSAGE_DIALOG);
  const char *url = entry_text_or_null (rd->url);
  gboolean date_ok = atlas_round_date_is_valid (gtk_editable_get_text (GTK_EDITABLE (rd->date)));
  gboolean number_ok = round_dialog_number (rd) >= 0;
  gboolean url_ok = url == NULL || atlas_format_is_web_link (url);

  mark_entry (rd->date, date_ok);
  mark_entry (rd->number, number_ok);
  mark_entry (rd->url, url_ok);
  if (dialog != NULL)
    adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save",
                                             date_ok && number_ok && url_ok);
}

/* Where a round dated @date goes: after every round it does not precede. */
static guint
round_position (GPtrArray  *rounds,
                const char *date)
{
  guint position = 0;

  for (guint i = 0; i < rounds->len; i++)
    if (atlas_round_date_compare (((AtlasRound *) g_ptr_array_index (rounds, i))->date, date) <= 0)
      position = i + 1;

  return position;
}

static void
set_dialogue_rounds (AtlasProfileView *self,
                     guint             dialogue_index,
                     GPtrArray        *rounds,
                     const char       *label)
{
  g_autoptr(AtlasPartner) copy = atlas_partner_copy (self->partner);
  g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (atlas_partner_get_dialogues (copy),
                                                              dialogue_index);

  if (dialogue == NULL)
    return;

  atlas_dialogue_set_rounds (dialogue, rounds);
  edit_copy (self, copy, label, NULL);
  refresh_now (self);
}

static void
round_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          RoundDialog      *rd)
{
  AtlasProfileView *self = rd->self;
  g_autoptr(AtlasDialogue) dialogue = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  AtlasRound *round;

  if (!g_str_equal (response, "save") || !can_edit (self))
    return;

  dialogue = g_list_model_get_item (atlas_partner_get_dialogues (self->partner), rd->dialogue);
  if (dialogue == NULL)
    return;

  rounds = atlas_rounds_copy (atlas_dialogue_get_rounds (dialogue));
  round = atlas_round_new (gtk_editable_get_text (GTK_EDITABLE (rd->date)),
                           entry_text_or_null (rd->place), round_dialog_number (rd),
                           entry_text_or_null (rd->url), entry_text_or_null (rd->note));
  if (rd->round >= 0 && (guint) rd->round < rounds->len)
    {
      AtlasRound *old = g_ptr_array_index (rounds, rd->round);

      /* Keys this app does not know stay with the round. */
      if (old->extra != NULL)
        round->extra = g_bytes_ref (old->extra);
      g_ptr_array_remove_index (rounds, rd->round);
    }
  g_ptr_array_insert (rounds, round_position (rounds, round->date), round);

  set_dialogue_rounds (self, rd->dialogue, rounds,
                       rd->round >= 0 ? _("Edit Round") : _("Add Round"));
}

static GtkWidget *
round_entry_new (RoundDialog *rd,
                 GtkWidget   *list,
                 const char  *title,
                 const char  *text)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (round_dialog_validate), rd);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);

  return entry;
}

static void
open_round_dialog (AtlasProfileView *self,
                   guint             dialogue_index,
                   int               round_index)
{
  g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (atlas_partner_get_dialogues (self->partner),
                                                              dialogue_index);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const AtlasRound *round = NULL;
  g_autofree char *number = NULL;
  RoundDialog *rd;
  GtkWidget *dialog, *list;

  if (dialogue == NULL)
    return;
  if (round_index >= 0 && (guint) round_index < atlas_dialogue_get_rounds (dialogue)->len)
    round = g_ptr_array_index (atlas_dialogue_get_rounds (dialogue), round_index);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   round ? _("Edit Round") : _("Add Round"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), atlas_dialogue_get_name (dialogue));
  rd = g_new0 (RoundDialog, 1);
  rd->self = g_object_ref (self);
  rd->dialogue = dialogue_index;
  rd->round = round ? round_index : -1;
  g_object_set_data_full (G_OBJECT (dialog), "round-dialog", rd, round_dialog_free);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  number = round && round->number > 0 ? g_strdup_printf ("%d", round->number) : NULL;
  rd->date = round_entry_new (rd, list, _("Date (YYYY-MM-DD, YYYY-MM or YYYY)"),
                              round ? round->date : atlas_undo_stack_get_change_date (self->undo_stack));
  rd->place = round_entry_new (rd, list, _("Place"), round ? round->place : NULL);
  rd->number = round_entry_new (rd, list, _("Number (the nth round)"), number);
  rd->url = round_entry_new (rd, list, _("Link (http or https)"), round ? round->url : NULL);
  rd->note = round_entry_new (rd, list, _("Note"), round ? round->note : NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", round ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (round_dialog_response_cb), rd);
  round_dialog_validate (rd);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (rd->date);
}

static void
round_action_clicked_cb (GtkButton        *button,
                         AtlasProfileView *self)
{
  const char *what = g_object_get_data (G_OBJECT (button), "round-action");
  guint dialogue_index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dialogue-index"));
  int round_index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "round-index"));
  g_autoptr(AtlasDialogue) dialogue = NULL;
  g_autoptr(GPtrArray) rounds = NULL;

  if (!can_edit (self))
    return;

  if (g_str_equal (what, "add"))
    {
      open_round_dialog (self, dialogue_index, -1);
      return;
    }
  if (g_str_equal (what, "edit"))
    {
      open_round_dialog (self, dialogue_index, round_index);
      return;
    }

  dialogue = g_list_model_get_item (atlas_partner_get_dialogues (self->partner), dialogue_index);
  if (dialogue == NULL)
    return;
  rounds = atlas_rounds_copy (atlas_dialogue_get_rounds (dialogue));
  if (round_index < 0 || (guint) round_index >= rounds->len)
    return;

  if (g_str_equal (what, "remove"))
    {
      g_ptr_array_remove_index (rounds, round_index);
      set_dialogue_rounds (self, dialogue_index, rounds, _("Remove Round"));
    }
  else
    {
      int target = round_index + (g_str_equal (what, "up") ? -1 : 1);
      gpointer tmp;

      if (target < 0 || (guint) target >= rounds->len)
        return;
      tmp = rounds->pdata[round_index];
      rounds->pdata[round_index] = rounds->pdata[target];
      rounds->pdata[target] = tmp;
      set_dialogue_rounds (self, dialogue_index, rounds,
                           g_str_equal (what, "up") ? _("Move Round Up") : _("Move Round Down"));
    }
}

static GtkWidget *
round_button_new (AtlasProfileView *self,
                  guint             dialogue_index,
                  int               round_index,
                  const char       *what,
                  const char       *icon_name,
                  const char       *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "round-action", (gpointer) what);
  g_object_set_data (G_OBJECT (button), "dialogue-index", GUINT_TO_POINTER (dialogue_index));
  g_object_set_data (G_OBJECT (button), "round-index", GINT_TO_POINTER (round_index));
  g_signal_connect (button, "clicked", G_CALLBACK (round_action_clicked_cb), self);

  return button;
}

static void
add_rounds_editor (AtlasProfileView *self,
                   GtkWidget        *expander,
                   guint             index)
{
  g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (atlas_partner_get_dialogues (self->partner), index);
  GPtrArray *rounds = dialogue ? atlas_dialogue_get_rounds (dialogue) : NULL;
  GtkWidget *header, *add;

  if (rounds == NULL)
    return;

  header = action_row_new (_("Rounds"), rounds->len == 0 ? _("None recorded") : NULL);
  add = round_button_new (self, index, -1, "add", "list-add-symbolic", _("Add Round"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (header), add);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), header);

  for (guint i = 0; i < rounds->len; i++)
    {
      const AtlasRound *round = g_ptr_array_index (rounds, i);
      g_autofree char *title = round_title (round);
      g_autofree char *subtitle = round_subtitle (round);
      GtkWidget *row = action_row_new (title, subtitle);
      GtkWidget *up = round_button_new (self, index, i, "up", "go-up-symbolic", _("Move Round Up"));
      GtkWidget *down = round_button_new (self, index, i, "down", "go-down-symbolic",
                                          _("Move Round Down"));
      GtkWidget *edit = round_button_new (self, index, i, "edit", "document-edit-symbolic",
                                          _("Edit Round"));
      GtkWidget *remove = round_button_new (self, index, i, "remove", "user-trash-symbolic",
                                            _("Remove Round"));
      const AtlasRound *previous = i > 0 ? g_ptr_array_index (rounds, i - 1) : NULL;
      const AtlasRound *next = i + 1 < rounds->len ? g_ptr_array_index (rounds, i + 1) : NULL;

      gtk_widget_set_margin_start (row, 12);
      gtk_widget_set_sensitive (up, previous && atlas_round_date_compare (previous->date, round->date) == 0);
      gtk_widget_set_sensitive (down, next && atlas_round_date_compare (next->date, round->date) == 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  /* sync_form () rebuilds the form when the rounds are no longer these. */
  g_object_set_data_full (G_OBJECT (expander), "rounds", g_ptr_array_ref (rounds),
                          (GDestroyNotify) g_ptr_array_unref);
}

static GtkWidget *
item_row_new (AtlasProfileView *self,
              SectionKind       section,
              guint             index,
              guint             n_items)
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
      add_rounds_editor (self, row, index);
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
  tune_wrap_all (row);

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
build_section_rows (AtlasProfileView *self,
                    SectionKind       section)
{
  Section *s = &self->sections[section];
  GListModel *model = section_model (self->partner, section);
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
      GtkWidget *row = placeholder_row_new (section_empty_text (section));

      g_ptr_array_add (s->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (s->group), row);
    }

  s->n_items = n;
}

static void
build_section_form (AtlasProfileView *self,
                    SectionKind       section,
                    const char       *title,
                    const char       *add_label)
{
  Section *s = &self->sections[section];
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  s->group = group_new (title);
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
  gtk_box_append (self->content_box, s->group);
}

static void
build_form (AtlasProfileView *self)
{
  GtkWidget *remove;

  build_change_form (self);
  build_indicator_form (self);
  build_assessment_form (self);
  build_section_form (self, SECTION_DOCUMENTS, _("Key Documents"), _("Add Document"));
  build_section_form (self, SECTION_DIALOGUES, _("Dialogues"), _("Add Dialogue"));
  build_section_form (self, SECTION_AGREEMENTS, _("Agreements"), _("Add Agreement"));
  build_section_form (self, SECTION_SOURCES, _("Sources"), _("Add Source"));
  if (g_list_model_get_n_items (atlas_dataset_get_sources (self->dataset)) == 0)
    {
      GtkWidget *group = self->sections[SECTION_SOURCES].group;

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("The dataset lists no works to cite"));
      gtk_widget_set_sensitive (adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group)),
                                FALSE);
    }
  /* Read only, but there while editing: changes of indicators and of the
   * assessment add to it as they are made. */
  build_history (self);
  sync_history (self);

  remove = gtk_button_new_with_mnemonic (_("_Remove Partner"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-partner");
  gtk_widget_set_halign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_add_css_class (remove, "pill");
  gtk_box_append (self->content_box, remove);

  self->form_built = TRUE;
}

/* Whether a dialogue's rounds are no longer those its form shows. */
static gboolean
rounds_changed (AtlasProfileView *self)
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

static void
sync_form (AtlasProfileView *self)
{
  g_autofree char *text = NULL;

  update_header (self);
  self->syncing++;

  for (guint i = 0; i < self->indicator_dropdowns->len; i++)
    {
      GtkDropDown *dropdown = g_ptr_array_index (self->indicator_dropdowns, i);
      AtlasLens *lens = atlas_dataset_find_lens (self->dataset,
                                                 g_object_get_data (G_OBJECT (dropdown), "lens-id"));
      guint position;

      if (lens == NULL)
        continue;
      position = indicator_position (self, lens);
      if (gtk_drop_down_get_selected (dropdown) != position)
        gtk_drop_down_set_selected (dropdown, position);
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
      show_date_reason (self->updated_row, NULL);
    }

  self->syncing--;

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      Section *s = &self->sections[i];
      guint n = g_list_model_get_n_items (section_model (self->partner, i));

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

  sync_history (self);
}

/* Whole views */

static void
clear_content (AtlasProfileView *self)
{
  GtkWidget *child;

  clear_form (self);
  self->read_built = FALSE;
  row_list_clear (&self->indicators);
  row_list_clear (&self->documents);
  row_list_clear (&self->dialogues);
  row_list_clear (&self->agreements);
  row_list_clear (&self->sources);
  row_list_clear (&self->history);
  self->assessment_label = NULL;
  self->updated_label = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);
}

/* While editing, the button is a clear way out: "Done", the suggested
 * action, rather than a pressed "Edit" that looks disabled. */
static void
update_edit_button (AtlasProfileView *self)
{
  AdwButtonContent *content = ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (self->edit_button)));

  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button),
                            self->partner != NULL && self->undo_stack != NULL);
  if (gtk_toggle_button_get_active (self->edit_button) != self->editing)
    gtk_toggle_button_set_active (self->edit_button, self->editing);

  adw_button_content_set_label (content, self->editing ? _("_Done") : _("_Edit"));
  adw_button_content_set_icon_name (content, self->editing ? "object-select-symbolic" : "document-edit-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_button),
                               self->editing ? _("Stop Editing (Ctrl+E)") : _("Edit the Profile (Ctrl+E)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->editing ? _("Done") : _("Edit"), -1);
  if (self->editing)
    gtk_widget_add_css_class (GTK_WIDGET (self->edit_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->edit_button), "suggested-action");
}

/* Shows the partner afresh: the form is built anew, the read view is
 * reused. */
static void
rebuild (AtlasProfileView *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  update_edit_button (self);

  if (self->partner == NULL || self->dataset == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "profile");
  update_header (self);

  if (self->editing && self->undo_stack != NULL)
    {
      clear_content (self);
      build_form (self);
      return;
    }

  if (!self->read_built)
    {
      clear_content (self);
      build_read_view (self);
    }
  fill_read_view (self);
}

static void
refresh_now (AtlasProfileView *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->partner == NULL)
    return;

  if (self->form_built)
    sync_form (self);
  else
    rebuild (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  AtlasProfileView *self = user_data;

  self->refresh_id = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

/* One edit can change a partner many times over (a swap of its contents):
 * catch up once, before the next frame. */
static void
partner_changed_cb (AtlasProfileView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle_cb, self, NULL);
}

static void
set_partner (AtlasProfileView *self,
             AtlasPartner     *partner)
{
  if (self->partner == partner)
    return;

  if (self->partner != NULL)
    g_signal_handlers_disconnect_by_func (self->partner, partner_changed_cb, self);
  g_set_object (&self->partner, partner);
  if (partner != NULL)
    g_signal_connect_swapped (partner, "changed", G_CALLBACK (partner_changed_cb), self);

  if (self->undo_stack != NULL)
    atlas_undo_stack_break_coalescing (self->undo_stack);

  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTNER]);
}

static void
resolve_partner (AtlasProfileView *self)
{
  AtlasPartner *partner = NULL;

  if (self->dataset != NULL && self->selected_id != NULL)
    partner = atlas_dataset_find_partner (self->dataset, self->selected_id);

  set_partner (self, partner);
}

/* Another window or the files side may set the source too. */
static void
change_source_changed_cb (AtlasProfileView *self)
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
change_date_notify_cb (AtlasProfileView *self)
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
edit_toggled_cb (AtlasProfileView *self)
{
  atlas_profile_view_set_editing (self, gtk_toggle_button_get_active (self->edit_button));
}

static void
atlas_profile_view_dispose (GObject *object)
{
  AtlasProfileView *self = ATLAS_PROFILE_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->partner != NULL)
    g_signal_handlers_disconnect_by_func (self->partner, partner_changed_cb, self);
  if (self->dataset != NULL)
    g_clear_signal_handler (&self->partners_changed_id, atlas_dataset_get_partners (self->dataset));
  if (self->indicator_dropdowns != NULL)
    clear_form (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_PROFILE_VIEW);

  if (self->undo_stack != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->undo_stack, change_source_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->undo_stack, change_date_notify_cb, self);
    }
  g_clear_handle_id (&self->resync_id, g_source_remove);
  g_clear_object (&self->partner);
  g_clear_object (&self->dataset);
  g_clear_object (&self->undo_stack);

  G_OBJECT_CLASS (atlas_profile_view_parent_class)->dispose (object);
}

static void
atlas_profile_view_finalize (GObject *object)
{
  AtlasProfileView *self = ATLAS_PROFILE_VIEW (object);

  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->indicator_dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->source_ids, g_ptr_array_unref);
  g_clear_pointer (&self->indicators.rows, g_ptr_array_unref);
  g_clear_pointer (&self->documents.rows, g_ptr_array_unref);
  g_clear_pointer (&self->dialogues.rows, g_ptr_array_unref);
  g_clear_pointer (&self->agreements.rows, g_ptr_array_unref);
  g_clear_pointer (&self->sources.rows, g_ptr_array_unref);
  g_clear_pointer (&self->history.rows, g_ptr_array_unref);
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      g_clear_pointer (&self->sections[i].rows, g_ptr_array_unref);
      g_clear_pointer (&self->sections[i].fields, g_ptr_array_unref);
    }

  G_OBJECT_CLASS (atlas_profile_view_parent_class)->finalize (object);
}

static void
atlas_profile_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AtlasProfileView *self = ATLAS_PROFILE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;
    case PROP_PARTNER:
      g_value_set_object (value, self->partner);
      break;
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo_stack);
      break;
    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_profile_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AtlasProfileView *self = ATLAS_PROFILE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      atlas_profile_view_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_ID:
      atlas_profile_view_set_selected_id (self, g_value_get_string (value));
      break;
    case PROP_UNDO_STACK:
      atlas_profile_view_set_undo_stack (self, g_value_get_object (value));
      break;
    case PROP_EDITING:
      atlas_profile_view_set_editing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_profile_view_class_init (AtlasProfileViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_profile_view_dispose;
  object_class->finalize = atlas_profile_view_finalize;
  object_class->get_property = atlas_profile_view_get_property;
  object_class->set_property = atlas_profile_view_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL,
                         ATLAS_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTNER] =
    g_param_spec_object ("partner", NULL, NULL,
                         ATLAS_TYPE_PARTNER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL,
                         ATLAS_TYPE_UNDO_STACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-profile-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileView, stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileView, name_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileView, scroller);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileView, content_box);
  gtk_widget_class_bind_template_callback (widget_class, edit_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "profileview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
atlas_profile_view_init (AtlasProfileView *self)
{
  self->indicator_dropdowns = g_ptr_array_new ();
  self->source_ids = g_ptr_array_new ();
  self->indicators.rows = g_ptr_array_new ();
  self->documents.rows = g_ptr_array_new ();
  self->dialogues.rows = g_ptr_array_new ();
  self->agreements.rows = g_ptr_array_new ();
  self->sources.rows = g_ptr_array_new ();
  self->history.rows = g_ptr_array_new ();
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      self->sections[i].rows = g_ptr_array_new ();
      self->sections[i].fields = g_ptr_array_new ();
    }

  gtk_widget_init_template (GTK_WIDGET (self));
  update_edit_button (self);
}

GtkWidget *
atlas_profile_view_new (void)
{
  return g_object_new (ATLAS_TYPE_PROFILE_VIEW, NULL);
}

AtlasDataset *
atlas_profile_view_get_dataset (AtlasProfileView *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), NULL);

  return self->dataset;
}

void
atlas_profile_view_set_dataset (AtlasProfileView *self,
                                AtlasDataset     *dataset)
{
  g_return_if_fail (ATLAS_IS_PROFILE_VIEW (self));
  g_return_if_fail (!dataset || ATLAS_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  if (self->dataset != NULL)
    g_clear_signal_handler (&self->partners_changed_id, atlas_dataset_get_partners (self->dataset));
  g_set_object (&self->dataset, dataset);
  /* A partner removed (or brought back by undo) leaves (or comes back). */
  if (dataset != NULL)
    self->partners_changed_id = g_signal_connect_swapped (atlas_dataset_get_partners (dataset),
                                                          "items-changed",
                                                          G_CALLBACK (resolve_partner), self);

  /* Another dataset's partner with the same code is another profile. */
  set_partner (self, NULL);
  resolve_partner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

const char *
atlas_profile_view_get_selected_id (AtlasProfileView *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), NULL);

  return self->selected_id;
}

void
atlas_profile_view_set_selected_id (AtlasProfileView *self,
                                    const char       *id)
{
  g_return_if_fail (ATLAS_IS_PROFILE_VIEW (self));

  if (!atlas_set_str (&self->selected_id, id))
    return;

  /* Leaving the partner ends editing; the changes are kept (and undoable). */
  if (self->editing)
    {
      self->editing = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
    }
  resolve_partner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
}

AtlasPartner *
atlas_profile_view_get_partner (AtlasProfileView *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), NULL);

  return self->partner;
}

AtlasUndoStack *
atlas_profile_view_get_undo_stack (AtlasProfileView *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), NULL);

  return self->undo_stack;
}

void
atlas_profile_view_set_undo_stack (AtlasProfileView *self,
                                   AtlasUndoStack   *undo_stack)
{
  g_return_if_fail (ATLAS_IS_PROFILE_VIEW (self));
  g_return_if_fail (!undo_stack || ATLAS_IS_UNDO_STACK (undo_stack));

  if (self->undo_stack == undo_stack)
    return;

  if (self->undo_stack != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->undo_stack, change_source_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->undo_stack, change_date_notify_cb, self);
    }
  g_set_object (&self->undo_stack, undo_stack);
  if (undo_stack != NULL)
    {
      g_signal_connect_swapped (undo_stack, "notify::change-source",
                                G_CALLBACK (change_source_changed_cb), self);
      g_signal_connect_swapped (undo_stack, "notify::change-date",
                                G_CALLBACK (change_date_notify_cb), self);
    }

  if (self->editing)
    rebuild (self);
  update_edit_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_STACK]);
}

gboolean
atlas_profile_view_get_editing (AtlasProfileView *self)
{
  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), FALSE);

  return self->editing;
}

void
atlas_profile_view_set_editing (AtlasProfileView *self,
                                gboolean          editing)
{
  g_return_if_fail (ATLAS_IS_PROFILE_VIEW (self));

  editing = !!editing;
  if (self->editing == editing)
    return;

  self->editing = editing;
  if (self->undo_stack != NULL)
    atlas_undo_stack_break_coalescing (self->undo_stack);
  rebuild (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  /* Focus moves into the form, to its first field. */
  if (editing && self->partner != NULL && self->undo_stack != NULL)
    gtk_widget_child_focus (GTK_WIDGET (self->content_box), GTK_DIR_TAB_FORWARD);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

gboolean
atlas_profile_view_open_link (AtlasProfileView *self,
                              const char       *uri)
{
  GtkRoot *root;

  g_return_val_if_fail (ATLAS_IS_PROFILE_VIEW (self), FALSE);

  /* A dataset is a document from elsewhere: its links may only lead to the
   * web, never to a local file or another program. */
  if (!atlas_format_is_web_link (uri))
    {
      g_autofree char *shown = atlas_text_escape_line (uri);

      g_debug ("Refusing to open a link that is not http(s): %s", shown);
      return FALSE;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  return TRUE;
}
