/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The profile as a reader sees it: the partner's category under each lens
 * as a chip, the assessment, key documents, dialogues (their rounds when a
 * row is opened), agreements, the works cited with their places, and the
 * history. Its widgets are kept from one partner to the next and only
 * their text changes (atlas_profile_reader_show ()). All text from the
 * dataset is shown as plain text. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-category-chip.h"
#include "atlas-link-button.h"
#include "atlas-long-text.h"
#include "atlas-profile-history.h"
#include "atlas-profile-private.h"
#include "atlas-profile-reader.h"

struct _AtlasProfileReader
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkWidget           *indicators_group;
  GtkWidget           *indicators_placeholder;
  GtkWidget           *assessment_label;
  GtkWidget           *documents_group;
  GtkWidget           *documents_placeholder;
  GtkWidget           *dialogues_group;
  GtkWidget           *dialogues_placeholder;
  GtkWidget           *agreements_group;
  GtkWidget           *agreements_placeholder;
  GtkWidget           *sources_group;
  GtkWidget           *sources_placeholder;
  GtkWidget           *updated_row;
  GtkWidget           *updated_label;
  AtlasProfileHistory *history;

  AtlasProfileRowList  indicators;
  AtlasProfileRowList  documents;
  AtlasProfileRowList  dialogues;
  AtlasProfileRowList  agreements;
  AtlasProfileRowList  sources;
  GPtrArray           *source_ids;  /* interned, in order of first citation */

  AtlasDataset        *dataset;
  AtlasPartner        *partner;
};

G_DEFINE_FINAL_TYPE (AtlasProfileReader, atlas_profile_reader, GTK_TYPE_WIDGET)

/* Indicators: a row per lens, its category as a chip */

static void
indicator_row_create (AtlasProfileRow *row)
{
  row->widget = atlas_profile_action_row_new (NULL, NULL);
  row->suffix = atlas_category_chip_new ();
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->widget), row->suffix);
}

static void
indicator_row_fill (AtlasProfileRow *row,
                    guint            index)
{
  AtlasProfileReader *self = row->owner;
  g_autoptr(AtlasLens) lens = g_list_model_get_item (atlas_dataset_get_lenses (self->dataset), index);
  const char *category_id = atlas_partner_get_indicator (self->partner, atlas_lens_get_id (lens));
  AtlasCategory *category = category_id ? atlas_lens_find_category (lens, category_id) : NULL;

  atlas_profile_row_set_text (row->widget, atlas_lens_get_name (lens), NULL);
  atlas_category_chip_set_category (ATLAS_CATEGORY_CHIP (row->suffix), category,
                                    atlas_lens_get_empty_label (lens, atlas_dataset_get_as_of (self->dataset)));
}

/* Documents: a link at the end */

static void
document_row_create (AtlasProfileRow *row)
{
  row->widget = atlas_profile_action_row_new (NULL, NULL);
  row->suffix = atlas_link_button_new (NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->widget), row->suffix);
}

static void
document_row_fill (AtlasProfileRow *row,
                   guint            index)
{
  AtlasProfileReader *self = row->owner;
  g_autoptr(AtlasDocument) document = g_list_model_get_item (atlas_partner_get_documents (self->partner), index);
  g_autofree char *year = atlas_profile_year_text ("%d", atlas_document_get_year (document));

  atlas_profile_row_set_text (row->widget, atlas_document_get_title (document), year);
  atlas_link_button_set_uri (ATLAS_LINK_BUTTON (row->suffix), atlas_document_get_url (document));
}

/* Agreements: a status at the end */

static void
agreement_row_create (AtlasProfileRow *row)
{
  row->widget = atlas_profile_action_row_new (NULL, NULL);
  row->suffix = atlas_profile_status_label_new ("");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->widget), row->suffix);
}

static void
agreement_row_fill (AtlasProfileRow *row,
                    guint            index)
{
  AtlasProfileReader *self = row->owner;
  g_autoptr(AtlasAgreement) agreement = g_list_model_get_item (atlas_partner_get_agreements (self->partner), index);
  g_autofree char *summary = atlas_profile_agreement_summary (agreement);

  atlas_profile_row_set_text (row->widget, atlas_agreement_get_title (agreement), summary);
  gtk_label_set_text (GTK_LABEL (row->suffix), atlas_profile_value_label (atlas_agreement_get_status (agreement)));
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

/* Another partner's or dialogue's rows under an expander: gone, and the
 * row folded until asked for. */
static void
clear_children (AtlasProfileRow *row)
{
  for (guint i = 0; i < row->children->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (row->widget), g_ptr_array_index (row->children, i));
  g_ptr_array_set_size (row->children, 0);
}

static void
add_child (AtlasProfileRow *row,
           GtkWidget       *child)
{
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->widget), child);
  g_ptr_array_add (row->children, child);
}

static void
dialogue_expanded_cb (AdwExpanderRow  *expander,
                      GParamSpec      *pspec,
                      AtlasProfileRow *row)
{
  if (!adw_expander_row_get_expanded (expander) || row->children->len > 0 || row->rounds == NULL)
    return;

  /* Newest first: what a desk officer looks for. */
  for (guint i = row->rounds->len; i > 0; i--)
    {
      const AtlasRound *round = g_ptr_array_index (row->rounds, i - 1);
      g_autofree char *title = atlas_profile_round_title (round);
      g_autofree char *subtitle = atlas_profile_round_subtitle (round);
      GtkWidget *child = atlas_profile_action_row_new (title, subtitle);

      adw_action_row_add_suffix (ADW_ACTION_ROW (child), atlas_link_button_new (round->url));
      add_child (row, child);
    }
}

static void
dialogue_row_create (AtlasProfileRow *row)
{
  row->widget = adw_expander_row_new ();
  row->suffix = atlas_profile_status_label_new ("");
  /* The words go in the subtitle, where they wrap; the icon marks the row. */
  row->mark = gtk_image_new_from_icon_name ("alarm-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->widget), FALSE);
  gtk_widget_add_css_class (row->mark, "overdue");
  gtk_widget_set_valign (row->mark, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (row->mark, FALSE);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->widget), row->mark);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->widget), row->suffix);
  g_signal_connect (row->widget, "notify::expanded", G_CALLBACK (dialogue_expanded_cb), row);
}

static void
dialogue_row_fill (AtlasProfileRow *row,
                   guint            index)
{
  AtlasProfileReader *self = row->owner;
  g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (atlas_partner_get_dialogues (self->partner), index);
  g_autofree char *summary = atlas_profile_dialogue_summary (dialogue);
  g_autofree char *overdue_text = atlas_dialogue_dup_overdue_text (dialogue,
                                                                  atlas_dataset_get_as_of (self->dataset));
  GPtrArray *rounds = atlas_dialogue_get_rounds (dialogue);
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

  clear_children (row);
  /* Enabling expansion also expands: fold after. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row->widget), rounds->len > 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->widget), FALSE);
  /* Nothing to open: no arrow either. */
  if (rounds->len > 0)
    gtk_widget_remove_css_class (row->widget, "no-rounds");
  else
    gtk_widget_add_css_class (row->widget, "no-rounds");
  g_clear_pointer (&row->rounds, g_ptr_array_unref);
  row->rounds = g_ptr_array_ref (rounds);

  atlas_profile_row_set_text (row->widget, atlas_dialogue_get_name (dialogue), subtitle);
  gtk_label_set_text (GTK_LABEL (row->suffix), atlas_profile_value_label (atlas_dialogue_get_status (dialogue)));
  gtk_widget_set_tooltip_text (row->mark, overdue_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->mark),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, overdue_text ? overdue_text : "",
                                  -1);
  gtk_widget_set_visible (row->mark, overdue_text != NULL);
}

/* Sources: one row per work cited, its places (pages, sections, footnotes)
 * under it, since a profile often cites one paper many times. */

static void
source_expanded_cb (AdwExpanderRow  *expander,
                    GParamSpec      *pspec,
                    AtlasProfileRow *row)
{
  AtlasProfileReader *self = row->owner;
  GListModel *refs;

  if (!adw_expander_row_get_expanded (expander) || row->children->len > 0 || self->partner == NULL)
    return;

  refs = atlas_partner_get_sources (self->partner);
  for (guint i = 0; i < g_list_model_get_n_items (refs); i++)
    {
      g_autoptr(AtlasSourceRef) ref = g_list_model_get_item (refs, i);

      if (g_str_equal (atlas_source_ref_get_id (ref), row->id))
        add_child (row, atlas_profile_action_row_new (atlas_source_ref_get_locator (ref), NULL));
    }
}

static void
source_row_create (AtlasProfileRow *row)
{
  row->widget = adw_expander_row_new ();
  row->suffix = atlas_link_button_new (NULL);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->widget), FALSE);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row->widget), row->suffix);
  /* The places are laid out even while folded: add them when opened. */
  g_signal_connect (row->widget, "notify::expanded", G_CALLBACK (source_expanded_cb), row);
}

static void
source_row_fill (AtlasProfileRow *row,
                 guint            index)
{
  AtlasProfileReader *self = row->owner;
  const char *id = g_ptr_array_index (self->source_ids, index);
  AtlasSource *source = atlas_dataset_find_source (self->dataset, id);
  GListModel *refs = atlas_partner_get_sources (self->partner);
  g_autofree char *year = source ? atlas_profile_year_text ("%d", atlas_source_get_year (source)) : NULL;
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

    subtitle = atlas_profile_join_parts (parts);
  }

  clear_children (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->widget), FALSE);

  row->id = id;
  atlas_profile_row_set_text (row->widget, source ? atlas_source_get_title (source) : id, subtitle);
  atlas_link_button_set_uri (ATLAS_LINK_BUTTON (row->suffix), source ? atlas_source_get_url (source) : NULL);
}

static void
sync_sources (AtlasProfileReader *self)
{
  GListModel *refs = atlas_partner_get_sources (self->partner);
  const char *updated = atlas_partner_get_updated (self->partner);

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

  atlas_profile_row_list_sync (&self->sources, self->source_ids->len,
                               source_row_create, source_row_fill, self);
}

static void
fill_assessment (AtlasProfileReader *self)
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
  atlas_profile_tune_wrap (label);
}


static void
atlas_profile_reader_dispose (GObject *object)
{
  AtlasProfileReader *self = ATLAS_PROFILE_READER (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_PROFILE_READER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->partner);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (atlas_profile_reader_parent_class)->dispose (object);
}

static void
atlas_profile_reader_finalize (GObject *object)
{
  AtlasProfileReader *self = ATLAS_PROFILE_READER (object);

  atlas_profile_row_list_clear (&self->indicators);
  atlas_profile_row_list_clear (&self->documents);
  atlas_profile_row_list_clear (&self->dialogues);
  atlas_profile_row_list_clear (&self->agreements);
  atlas_profile_row_list_clear (&self->sources);
  g_clear_pointer (&self->source_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (atlas_profile_reader_parent_class)->finalize (object);
}

static void
atlas_profile_reader_class_init (AtlasProfileReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_profile_reader_dispose;
  object_class->finalize = atlas_profile_reader_finalize;

  g_type_ensure (ATLAS_TYPE_PROFILE_HISTORY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-profile-reader.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, indicators_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, indicators_placeholder);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, assessment_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, documents_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, documents_placeholder);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, dialogues_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, dialogues_placeholder);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, agreements_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, agreements_placeholder);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, sources_group);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, sources_placeholder);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, updated_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, updated_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasProfileReader, history);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
atlas_profile_reader_init (AtlasProfileReader *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 24);

  atlas_profile_row_list_init (&self->indicators, self->indicators_group, self->indicators_placeholder);
  atlas_profile_row_list_init (&self->documents, self->documents_group, self->documents_placeholder);
  atlas_profile_row_list_init (&self->dialogues, self->dialogues_group, self->dialogues_placeholder);
  atlas_profile_row_list_init (&self->agreements, self->agreements_group, self->agreements_placeholder);
  atlas_profile_row_list_init (&self->sources, self->sources_group, self->sources_placeholder);
  self->source_ids = g_ptr_array_new ();

  /* As rows made in code are (atlas_profile_action_row_new ()) */
  atlas_profile_tune_wrap_all (self->indicators_placeholder);
  atlas_profile_tune_wrap_all (self->documents_placeholder);
  atlas_profile_tune_wrap_all (self->dialogues_placeholder);
  atlas_profile_tune_wrap_all (self->agreements_placeholder);
  atlas_profile_tune_wrap_all (self->sources_placeholder);
  atlas_profile_tune_wrap_all (self->updated_row);
}

GtkWidget *
atlas_profile_reader_new (void)
{
  return g_object_new (ATLAS_TYPE_PROFILE_READER, NULL);
}

void
atlas_profile_reader_show (AtlasProfileReader *self,
                           AtlasDataset       *dataset,
                           AtlasPartner       *partner)
{
  g_return_if_fail (ATLAS_IS_PROFILE_READER (self));
  g_return_if_fail (ATLAS_IS_DATASET (dataset));
  g_return_if_fail (ATLAS_IS_PARTNER (partner));

  g_set_object (&self->dataset, dataset);
  g_set_object (&self->partner, partner);

  atlas_profile_row_list_sync (&self->indicators,
                               g_list_model_get_n_items (atlas_dataset_get_lenses (dataset)),
                               indicator_row_create, indicator_row_fill, self);
  fill_assessment (self);
  atlas_profile_row_list_sync (&self->documents,
                               g_list_model_get_n_items (atlas_partner_get_documents (partner)),
                               document_row_create, document_row_fill, self);
  atlas_profile_row_list_sync (&self->dialogues,
                               g_list_model_get_n_items (atlas_partner_get_dialogues (partner)),
                               dialogue_row_create, dialogue_row_fill, self);
  atlas_profile_row_list_sync (&self->agreements,
                               g_list_model_get_n_items (atlas_partner_get_agreements (partner)),
                               agreement_row_create, agreement_row_fill, self);
  sync_sources (self);
  atlas_profile_history_show (self->history, dataset, partner);
}
