/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The editor's sections, one table each: what list of the partner it
 * edits, how a new entry starts, what its row says, and a line per field.
 * A new property of an entry is a line in its fields[] (and the model's
 * property, atlas-entries.c); AtlasProfileSection does the rest. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-profile-private.h"
#include "atlas-profile-rounds.h"
#include "atlas-profile-section.h"

/* Key documents */

static const AtlasFieldSpec document_fields[] = {
  { "title", ATLAS_FIELD_TEXT, N_("Title") },
  { "year", ATLAS_FIELD_YEAR, N_("Year") },
  { "url", ATLAS_FIELD_URL, N_("Link (http or https)") },
};

static GObject *
document_new (AtlasDataset *dataset)
{
  return G_OBJECT (atlas_document_new (""));
}

static void
document_describe (AtlasDataset *dataset,
                   GObject      *entry,
                   char        **title,
                   char        **subtitle)
{
  *title = g_strdup (atlas_document_get_title (ATLAS_DOCUMENT (entry)));
  *subtitle = atlas_profile_year_text ("%d", atlas_document_get_year (ATLAS_DOCUMENT (entry)));
}

static const AtlasSectionType documents = {
  .key = "documents",
  .entries = atlas_partner_get_documents,
  .new_entry = document_new,
  .describe = document_describe,
  .fields = document_fields,
  .n_fields = G_N_ELEMENTS (document_fields),
  .title = N_("Key Documents"),
  .empty_text = N_("No key documents"),
  .add_label = N_("Add Document"),
  .edit_label = N_("Edit Document"),
  .remove_label = N_("Remove Document"),
  .up_label = N_("Move Document Up"),
  .down_label = N_("Move Document Down"),
};

/* Dialogues, with their rounds under the fields */

static const AtlasFieldSpec dialogue_fields[] = {
  { "name", ATLAS_FIELD_TEXT, N_("Name") },
  { "frequency", ATLAS_FIELD_NULLABLE_TEXT, N_("Frequency (such as “annual”)") },
  { "level", ATLAS_FIELD_CHOICE, N_("Level"), atlas_dialogue_get_level_values },
  { "established", ATLAS_FIELD_YEAR, N_("Set up in") },
  { "status", ATLAS_FIELD_CHOICE, N_("Status"), atlas_dialogue_get_status_values },
};

static GObject *
dialogue_new (AtlasDataset *dataset)
{
  AtlasDialogue *dialogue = atlas_dialogue_new ("");

  atlas_dialogue_set_level (dialogue, "working");
  atlas_dialogue_set_status (dialogue, "active");
  return G_OBJECT (dialogue);
}

static void
dialogue_describe (AtlasDataset *dataset,
                   GObject      *entry,
                   char        **title,
                   char        **subtitle)
{
  *title = g_strdup (atlas_dialogue_get_name (ATLAS_DIALOGUE (entry)));
  *subtitle = atlas_profile_dialogue_summary (ATLAS_DIALOGUE (entry));
}

/* The rows of the rounds are those of this array: another array (an edit
 * of the rounds, an undo) builds them anew. */
static GPtrArray *
dialogue_rounds (GObject *entry)
{
  return atlas_dialogue_get_rounds (ATLAS_DIALOGUE (entry));
}

static const AtlasSectionType dialogues = {
  .key = "dialogues",
  .entries = atlas_partner_get_dialogues,
  .new_entry = dialogue_new,
  .describe = dialogue_describe,
  .add_rows = atlas_profile_rounds_editor_add,
  .children = dialogue_rounds,
  .fields = dialogue_fields,
  .n_fields = G_N_ELEMENTS (dialogue_fields),
  .title = N_("Dialogues"),
  .empty_text = N_("No dialogues"),
  .add_label = N_("Add Dialogue"),
  .edit_label = N_("Edit Dialogue"),
  .remove_label = N_("Remove Dialogue"),
  .up_label = N_("Move Dialogue Up"),
  .down_label = N_("Move Dialogue Down"),
};

/* Agreements */

static const AtlasFieldSpec agreement_fields[] = {
  { "kind", ATLAS_FIELD_CHOICE, N_("Kind"), atlas_agreement_get_kind_values },
  { "title", ATLAS_FIELD_TEXT, N_("Title") },
  { "signed", ATLAS_FIELD_YEAR, N_("Signed in") },
  { "in-force", ATLAS_FIELD_YEAR, N_("In force since") },
  { "status", ATLAS_FIELD_CHOICE, N_("Status"), atlas_agreement_get_status_values },
};

static GObject *
agreement_new (AtlasDataset *dataset)
{
  AtlasAgreement *agreement = atlas_agreement_new ("other", "");

  atlas_agreement_set_status (agreement, "under-negotiation");
  return G_OBJECT (agreement);
}

static void
agreement_describe (AtlasDataset *dataset,
                    GObject      *entry,
                    char        **title,
                    char        **subtitle)
{
  *title = g_strdup (atlas_agreement_get_title (ATLAS_AGREEMENT (entry)));
  *subtitle = atlas_profile_agreement_summary (ATLAS_AGREEMENT (entry));
}

static const AtlasSectionType agreements = {
  .key = "agreements",
  .entries = atlas_partner_get_agreements,
  .new_entry = agreement_new,
  .describe = agreement_describe,
  .fields = agreement_fields,
  .n_fields = G_N_ELEMENTS (agreement_fields),
  .title = N_("Agreements"),
  .empty_text = N_("No agreements"),
  .add_label = N_("Add Agreement"),
  .edit_label = N_("Edit Agreement"),
  .remove_label = N_("Remove Agreement"),
  .up_label = N_("Move Agreement Up"),
  .down_label = N_("Move Agreement Down"),
};

/* Sources: which of the dataset's works, and where in it */

static const AtlasFieldSpec source_fields[] = {
  { "id", ATLAS_FIELD_SOURCE, N_("Source") },
  { "locator", ATLAS_FIELD_TEXT, N_("Locator"), NULL,
    N_("A page, section or footnote, such as “Appendix, EU-USA”") },
};

/* A reference to the first of the works cited; none without a work. */
static GObject *
source_new (AtlasDataset *dataset)
{
  g_autoptr(AtlasSource) source = g_list_model_get_item (atlas_dataset_get_sources (dataset), 0);

  if (source == NULL)
    return NULL;
  return G_OBJECT (atlas_source_ref_new (atlas_source_get_id (source), ""));
}

/* The place first, the work in short under it: a profile often cites one
 * work many times, and the drop-down names it in full. */
static void
source_describe (AtlasDataset *dataset,
                 GObject      *entry,
                 char        **title,
                 char        **subtitle)
{
  const char *id = atlas_source_ref_get_id (ATLAS_SOURCE_REF (entry));
  const char *locator = atlas_source_ref_get_locator (ATLAS_SOURCE_REF (entry));
  AtlasSource *source = atlas_dataset_find_source (dataset, id);
  const char *work = source != NULL ? atlas_source_get_title (source) : id;
  g_autofree char *year = source != NULL ? atlas_profile_year_text ("%d", atlas_source_get_year (source)) : NULL;
  const char *parts[] = {
    source != NULL ? atlas_source_get_author (source) : "",
    year ? year : "",
    NULL
  };

  *title = g_strdup (locator[0] != '\0' ? locator : work);
  *subtitle = atlas_profile_join_parts (parts);
  if (locator[0] != '\0' && (*subtitle)[0] == '\0')
    {
      g_free (*subtitle);
      *subtitle = g_strdup (work);
    }
}

static const AtlasSectionType sources = {
  .key = "sources",
  .entries = atlas_partner_get_sources,
  .new_entry = source_new,
  .describe = source_describe,
  .fields = source_fields,
  .n_fields = G_N_ELEMENTS (source_fields),
  .title = N_("Sources"),
  .empty_text = N_("No sources"),
  .add_label = N_("Add Source"),
  .edit_label = N_("Edit Source"),
  .remove_label = N_("Remove Source"),
  .up_label = N_("Move Source Up"),
  .down_label = N_("Move Source Down"),
  .cannot_add = N_("The dataset lists no works to cite"),
};

const AtlasSectionType * const atlas_profile_section_types[] = {
  &documents, &dialogues, &agreements, &sources,
};

const guint atlas_profile_n_section_types = G_N_ELEMENTS (atlas_profile_section_types);
