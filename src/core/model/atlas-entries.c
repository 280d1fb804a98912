/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The dataset's small records. They are all alike: plain fields behind
 * properties, a deep copy and an equality that also cover the JSON members
 * this app does not know (see atlas-core-private.h). This file holds the
 * value lists of the enumerated fields with their labels, documents,
 * agreements and history entries; dialogues are in atlas-dialogue.c, the
 * works cited and the references to them in atlas-source.c.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core-private.h"
#include "atlas-entries.h"
#include "atlas-entries-private.h"
#include "atlas-record-private.h"

static const char * const dialogue_levels[] = {
  "summit", "ministerial", "working", "expert", NULL
};

static const char * const dialogue_statuses[] = {
  "active", "dormant", "planned", NULL
};

static const char * const agreement_kinds[] = {
  "extradition", "mutual-legal-assistance", "europol-operational", "europol-strategic",
  "eurojust", "liaison-magistrate", "framework", "other", NULL
};

static const char * const agreement_statuses[] = {
  "in-force", "signed", "under-negotiation", "on-hold", "envisaged", "terminated", NULL
};

/* What people read for each value above: the profile, the editor's
 * choices and the briefing all show these. */
static const struct
{
  const char *value;
  const char *label;
} value_labels[] = {
  { "summit", N_("Summit") },
  { "ministerial", N_("Ministerial") },
  { "working", N_("Working level") },
  { "expert", N_("Expert level") },
  { "active", N_("Active") },
  { "dormant", N_("Dormant") },
  { "planned", N_("Planned") },
  { "extradition", N_("Extradition") },
  { "mutual-legal-assistance", N_("Mutual legal assistance") },
  { "europol-operational", N_("Europol operational") },
  { "europol-strategic", N_("Europol strategic") },
  { "eurojust", N_("Eurojust") },
  { "liaison-magistrate", N_("Liaison magistrate") },
  { "framework", N_("Framework") },
  { "other", N_("Other") },
  { "in-force", N_("In force") },
  { "signed", N_("Signed") },
  { "under-negotiation", N_("Under negotiation") },
  { "on-hold", N_("On hold") },
  { "envisaged", N_("Envisaged") },
  { "terminated", N_("Terminated") },
};

/* The value lists and their labels */

const char * const *
atlas_dialogue_get_level_values (void)
{
  return dialogue_levels;
}

const char * const *
atlas_dialogue_get_status_values (void)
{
  return dialogue_statuses;
}

const char *
atlas_entry_value_get_label (const char *value)
{
  if (value == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (value_labels); i++)
    if (g_str_equal (value, value_labels[i].value))
      return g_dgettext (GETTEXT_PACKAGE, value_labels[i].label);

  return value;
}

const char * const *
atlas_agreement_get_kind_values (void)
{
  return agreement_kinds;
}

const char * const *
atlas_agreement_get_status_values (void)
{
  return agreement_statuses;
}

/* AtlasDocument */

struct _AtlasDocument
{
  GObject parent_instance;

  char   *title;
  int     year;
  char   *url;
};

G_DEFINE_FINAL_TYPE (AtlasDocument, atlas_document, G_TYPE_OBJECT)

enum {
  DOCUMENT_PROP_0,
  DOCUMENT_PROP_TITLE,
  DOCUMENT_PROP_YEAR,
  DOCUMENT_PROP_URL,
  DOCUMENT_N_PROPS
};

static GParamSpec *document_properties[DOCUMENT_N_PROPS];

/* The record's fields, in the order of its properties */
static const AtlasRecordField document_fields[] = {
  ATLAS_RECORD_FIELD (AtlasDocument, title, "title", ATLAS_RECORD_TEXT),
  ATLAS_RECORD_FIELD (AtlasDocument, year, "year", ATLAS_RECORD_YEAR),
  ATLAS_RECORD_FIELD (AtlasDocument, url, "url", ATLAS_RECORD_NULLABLE_TEXT),
};

ATLAS_RECORD_DEFINE_PROPERTY_FUNCS (atlas_document, document_fields, document_properties)

static void
atlas_document_finalize (GObject *object)
{
  AtlasDocument *self = (AtlasDocument *)object;

  atlas_record_clear (self, document_fields, G_N_ELEMENTS (document_fields));

  G_OBJECT_CLASS (atlas_document_parent_class)->finalize (object);
}

static void
atlas_document_class_init (AtlasDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_document_finalize;
  object_class->get_property = atlas_document_get_property;
  object_class->set_property = atlas_document_set_property;

  atlas_record_class_install (object_class, document_fields, G_N_ELEMENTS (document_fields),
                              document_properties, DOCUMENT_N_PROPS);
}

static void
atlas_document_init (AtlasDocument *self)
{
  atlas_record_init (self, document_fields, G_N_ELEMENTS (document_fields));
}

AtlasDocument *
atlas_document_new (const char *title)
{
  return g_object_new (ATLAS_TYPE_DOCUMENT,
                       "title", title,
                       NULL);
}

const char *
atlas_document_get_title (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);

  return self->title;
}

void
atlas_document_set_title (AtlasDocument *self,
                          const char    *title)
{
  g_return_if_fail (ATLAS_IS_DOCUMENT (self));

  atlas_record_set_text (self, &document_fields[DOCUMENT_PROP_TITLE - 1],
                         document_properties[DOCUMENT_PROP_TITLE], title);
}

int
atlas_document_get_year (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), 0);

  return self->year;
}

void
atlas_document_set_year (AtlasDocument *self,
                         int            year)
{
  g_return_if_fail (ATLAS_IS_DOCUMENT (self));

  atlas_record_set_year (self, &document_fields[DOCUMENT_PROP_YEAR - 1],
                         document_properties[DOCUMENT_PROP_YEAR], year);
}

const char *
atlas_document_get_url (AtlasDocument *self)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);

  return self->url;
}

void
atlas_document_set_url (AtlasDocument *self,
                        const char    *url)
{
  g_return_if_fail (ATLAS_IS_DOCUMENT (self));

  atlas_record_set_text (self, &document_fields[DOCUMENT_PROP_URL - 1],
                         document_properties[DOCUMENT_PROP_URL], url);
}

/* For the loader: takes the strings, notifies nothing. */
AtlasDocument *
atlas_document_new_take (char *title,
                         int   year,
                         char *url)
{
  AtlasDocument *self = g_object_new (ATLAS_TYPE_DOCUMENT, NULL);

  g_free (self->title);
  self->title = title ? title : g_strdup ("");
  self->year = MAX (year, 0);
  self->url = url;

  return self;
}

AtlasDocument *
atlas_document_copy (AtlasDocument *self)
{
  AtlasDocument *copy;

  g_return_val_if_fail (ATLAS_IS_DOCUMENT (self), NULL);

  copy = g_object_new (ATLAS_TYPE_DOCUMENT, NULL);
  atlas_record_copy_fields (copy, self, document_fields, G_N_ELEMENTS (document_fields));
  atlas_extra_copy (copy, self);

  return copy;
}

gboolean
atlas_document_equal (AtlasDocument *a,
                      AtlasDocument *b)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (b), FALSE);

  return atlas_record_equal_fields (a, b, document_fields, G_N_ELEMENTS (document_fields)) &&
         atlas_extra_equal (a, b);
}

/* AtlasAgreement */

struct _AtlasAgreement
{
  GObject parent_instance;

  char   *kind;
  char   *title;
  int     signed_year;
  int     in_force;
  char   *status;
};

G_DEFINE_FINAL_TYPE (AtlasAgreement, atlas_agreement, G_TYPE_OBJECT)

enum {
  AGREEMENT_PROP_0,
  AGREEMENT_PROP_KIND,
  AGREEMENT_PROP_TITLE,
  AGREEMENT_PROP_SIGNED,
  AGREEMENT_PROP_IN_FORCE,
  AGREEMENT_PROP_STATUS,
  AGREEMENT_N_PROPS
};

static GParamSpec *agreement_properties[AGREEMENT_N_PROPS];

/* The record's fields, in the order of its properties */
static const AtlasRecordField agreement_fields[] = {
  ATLAS_RECORD_FIELD (AtlasAgreement, kind, "kind", ATLAS_RECORD_TEXT),
  ATLAS_RECORD_FIELD (AtlasAgreement, title, "title", ATLAS_RECORD_TEXT),
  ATLAS_RECORD_FIELD (AtlasAgreement, signed_year, "signed", ATLAS_RECORD_YEAR),
  ATLAS_RECORD_FIELD (AtlasAgreement, in_force, "in-force", ATLAS_RECORD_YEAR),
  ATLAS_RECORD_FIELD (AtlasAgreement, status, "status", ATLAS_RECORD_TEXT),
};

ATLAS_RECORD_DEFINE_PROPERTY_FUNCS (atlas_agreement, agreement_fields, agreement_properties)

static void
atlas_agreement_finalize (GObject *object)
{
  AtlasAgreement *self = (AtlasAgreement *)object;

  atlas_record_clear (self, agreement_fields, G_N_ELEMENTS (agreement_fields));

  G_OBJECT_CLASS (atlas_agreement_parent_class)->finalize (object);
}

static void
atlas_agreement_class_init (AtlasAgreementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_agreement_finalize;
  object_class->get_property = atlas_agreement_get_property;
  object_class->set_property = atlas_agreement_set_property;

  atlas_record_class_install (object_class, agreement_fields, G_N_ELEMENTS (agreement_fields),
                              agreement_properties, AGREEMENT_N_PROPS);
}

static void
atlas_agreement_init (AtlasAgreement *self)
{
  atlas_record_init (self, agreement_fields, G_N_ELEMENTS (agreement_fields));
}

AtlasAgreement *
atlas_agreement_new (const char *kind,
                     const char *title)
{
  return g_object_new (ATLAS_TYPE_AGREEMENT,
                       "kind", kind,
                       "title", title,
                       NULL);
}

const char *
atlas_agreement_get_kind (AtlasAgreement *self)
{
  g_return_val_if_fail (ATLAS_IS_AGREEMENT (self), NULL);

  return self->kind;
}

void
atlas_agreement_set_kind (AtlasAgreement *self,
                          const char     *kind)
{
  g_return_if_fail (ATLAS_IS_AGREEMENT (self));

  atlas_record_set_text (self, &agreement_fields[AGREEMENT_PROP_KIND - 1],
                         agreement_properties[AGREEMENT_PROP_KIND], kind);
}

const char *
atlas_agreement_get_title (AtlasAgreement *self)
{
  g_return_val_if_fail (ATLAS_IS_AGREEMENT (self), NULL);

  return self->title;
}

void
atlas_agreement_set_title (AtlasAgreement *self,
                           const char     *title)
{
  g_return_if_fail (ATLAS_IS_AGREEMENT (self));

  atlas_record_set_text (self, &agreement_fields[AGREEMENT_PROP_TITLE - 1],
                         agreement_properties[AGREEMENT_PROP_TITLE], title);
}

int
atlas_agreement_get_signed (AtlasAgreement *self)
{
  g_return_val_if_fail (ATLAS_IS_AGREEMENT (self), 0);

  return self->signed_year;
}

void
atlas_agreement_set_signed (AtlasAgreement *self,
                            int             year)
{
  g_return_if_fail (ATLAS_IS_AGREEMENT (self));

  atlas_record_set_year (self, &agreement_fields[AGREEMENT_PROP_SIGNED - 1],
                         agreement_properties[AGREEMENT_PROP_SIGNED], year);
}

int
atlas_agreement_get_in_force (AtlasAgreement *self)
{
  g_return_val_if_fail (ATLAS_IS_AGREEMENT (self), 0);

  return self->in_force;
}

void
atlas_agreement_set_in_force (AtlasAgreement *self,
                              int             in_force)
{
  g_return_if_fail (ATLAS_IS_AGREEMENT (self));

  atlas_record_set_year (self, &agreement_fields[AGREEMENT_PROP_IN_FORCE - 1],
                         agreement_properties[AGREEMENT_PROP_IN_FORCE], in_force);
}

const char *
atlas_agreement_get_status (AtlasAgreement *self)
{
  g_return_val_if_fail (ATLAS_IS_AGREEMENT (self), NULL);

  return self->status;
}

void
atlas_agreement_set_status (AtlasAgreement *self,
                            const char     *status)
{
  g_return_if_fail (ATLAS_IS_AGREEMENT (self));

  atlas_record_set_text (self, &agreement_fields[AGREEMENT_PROP_STATUS - 1],
                         agreement_properties[AGREEMENT_PROP_STATUS], status);
}

/* For the loader: takes the strings, notifies nothing. */
AtlasAgreement *
atlas_agreement_new_take (char *kind,
                          char *title,
                          int   year,
                          int   in_force,
                          char *status)
{
  AtlasAgreement *self = g_object_new (ATLAS_TYPE_AGREEMENT, NULL);

  g_free (self->kind);
  self->kind = kind ? kind : g_strdup ("");
  g_free (self->title);
  self->title = title ? title : g_strdup ("");
  self->signed_year = MAX (year, 0);
  self->in_force = MAX (in_force, 0);
  g_free (self->status);
  self->status = status ? status : g_strdup ("");

  return self;
}

AtlasAgreement *
atlas_agreement_copy (AtlasAgreement *self)
{
  AtlasAgreement *copy;

  g_return_val_if_fail (ATLAS_IS_AGREEMENT (self), NULL);

  copy = g_object_new (ATLAS_TYPE_AGREEMENT, NULL);
  atlas_record_copy_fields (copy, self, agreement_fields, G_N_ELEMENTS (agreement_fields));
  atlas_extra_copy (copy, self);

  return copy;
}

gboolean
atlas_agreement_equal (AtlasAgreement *a,
                       AtlasAgreement *b)
{
  g_return_val_if_fail (ATLAS_IS_AGREEMENT (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_AGREEMENT (b), FALSE);

  return atlas_record_equal_fields (a, b, agreement_fields, G_N_ELEMENTS (agreement_fields)) &&
         atlas_extra_equal (a, b);
}

/* AtlasHistoryEntry */

struct _AtlasHistoryEntry
{
  GObject parent_instance;

  char   *date;
  char   *field;
  char   *old_value;
  char   *new_value;
  char   *source;
};

G_DEFINE_FINAL_TYPE (AtlasHistoryEntry, atlas_history_entry, G_TYPE_OBJECT)

enum {
  HISTORY_ENTRY_PROP_0,
  HISTORY_ENTRY_PROP_DATE,
  HISTORY_ENTRY_PROP_FIELD,
  HISTORY_ENTRY_PROP_OLD_VALUE,
  HISTORY_ENTRY_PROP_NEW_VALUE,
  HISTORY_ENTRY_PROP_SOURCE,
  HISTORY_ENTRY_N_PROPS
};

static GParamSpec *history_entry_properties[HISTORY_ENTRY_N_PROPS];

/* The record's fields, in the order of its properties */
static const AtlasRecordField history_entry_fields[] = {
  ATLAS_RECORD_FIELD (AtlasHistoryEntry, date, "date", ATLAS_RECORD_TEXT),
  ATLAS_RECORD_FIELD (AtlasHistoryEntry, field, "field", ATLAS_RECORD_TEXT),
  ATLAS_RECORD_FIELD (AtlasHistoryEntry, old_value, "old-value", ATLAS_RECORD_NULLABLE_TEXT),
  ATLAS_RECORD_FIELD (AtlasHistoryEntry, new_value, "new-value", ATLAS_RECORD_NULLABLE_TEXT),
  ATLAS_RECORD_FIELD (AtlasHistoryEntry, source, "source", ATLAS_RECORD_TEXT),
};

ATLAS_RECORD_DEFINE_PROPERTY_FUNCS (atlas_history_entry, history_entry_fields, history_entry_properties)

static void
atlas_history_entry_finalize (GObject *object)
{
  AtlasHistoryEntry *self = (AtlasHistoryEntry *)object;

  atlas_record_clear (self, history_entry_fields, G_N_ELEMENTS (history_entry_fields));

  G_OBJECT_CLASS (atlas_history_entry_parent_class)->finalize (object);
}

static void
atlas_history_entry_class_init (AtlasHistoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_history_entry_finalize;
  object_class->get_property = atlas_history_entry_get_property;
  object_class->set_property = atlas_history_entry_set_property;

  atlas_record_class_install (object_class, history_entry_fields, G_N_ELEMENTS (history_entry_fields),
                              history_entry_properties, HISTORY_ENTRY_N_PROPS);
}

static void
atlas_history_entry_init (AtlasHistoryEntry *self)
{
  atlas_record_init (self, history_entry_fields, G_N_ELEMENTS (history_entry_fields));
}

AtlasHistoryEntry *
atlas_history_entry_new (const char *date,
                         const char *field,
                         const char *old_value,
                         const char *new_value,
                         const char *source)
{
  return g_object_new (ATLAS_TYPE_HISTORY_ENTRY,
                       "date", date,
                       "field", field,
                       "old-value", old_value,
                       "new-value", new_value,
                       "source", source,
                       NULL);
}

const char *
atlas_history_entry_get_date (AtlasHistoryEntry *self)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY_ENTRY (self), NULL);

  return self->date;
}

void
atlas_history_entry_set_date (AtlasHistoryEntry *self,
                              const char        *date)
{
  g_return_if_fail (ATLAS_IS_HISTORY_ENTRY (self));

  atlas_record_set_text (self, &history_entry_fields[HISTORY_ENTRY_PROP_DATE - 1],
                         history_entry_properties[HISTORY_ENTRY_PROP_DATE], date);
}

const char *
atlas_history_entry_get_field (AtlasHistoryEntry *self)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY_ENTRY (self), NULL);

  return self->field;
}

void
atlas_history_entry_set_field (AtlasHistoryEntry *self,
                               const char        *field)
{
  g_return_if_fail (ATLAS_IS_HISTORY_ENTRY (self));

  atlas_record_set_text (self, &history_entry_fields[HISTORY_ENTRY_PROP_FIELD - 1],
                         history_entry_properties[HISTORY_ENTRY_PROP_FIELD], field);
}

const char *
atlas_history_entry_get_old_value (AtlasHistoryEntry *self)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY_ENTRY (self), NULL);

  return self->old_value;
}

void
atlas_history_entry_set_old_value (AtlasHistoryEntry *self,
                                   const char        *old_value)
{
  g_return_if_fail (ATLAS_IS_HISTORY_ENTRY (self));

  atlas_record_set_text (self, &history_entry_fields[HISTORY_ENTRY_PROP_OLD_VALUE - 1],
                         history_entry_properties[HISTORY_ENTRY_PROP_OLD_VALUE], old_value);
}

const char *
atlas_history_entry_get_new_value (AtlasHistoryEntry *self)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY_ENTRY (self), NULL);

  return self->new_value;
}

void
atlas_history_entry_set_new_value (AtlasHistoryEntry *self,
                                   const char        *new_value)
{
  g_return_if_fail (ATLAS_IS_HISTORY_ENTRY (self));

  atlas_record_set_text (self, &history_entry_fields[HISTORY_ENTRY_PROP_NEW_VALUE - 1],
                         history_entry_properties[HISTORY_ENTRY_PROP_NEW_VALUE], new_value);
}

const char *
atlas_history_entry_get_source (AtlasHistoryEntry *self)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY_ENTRY (self), NULL);

  return self->source;
}

void
atlas_history_entry_set_source (AtlasHistoryEntry *self,
                                const char        *source)
{
  g_return_if_fail (ATLAS_IS_HISTORY_ENTRY (self));

  atlas_record_set_text (self, &history_entry_fields[HISTORY_ENTRY_PROP_SOURCE - 1],
                         history_entry_properties[HISTORY_ENTRY_PROP_SOURCE], source);
}

/* For the loader: takes the strings, notifies nothing. */
AtlasHistoryEntry *
atlas_history_entry_new_take (char *date,
                              char *field,
                              char *old_value,
                              char *new_value,
                              char *source)
{
  AtlasHistoryEntry *self = g_object_new (ATLAS_TYPE_HISTORY_ENTRY, NULL);

  g_free (self->date);
  self->date = date ? date : g_strdup ("");
  g_free (self->field);
  self->field = field ? field : g_strdup ("");
  self->old_value = old_value;
  self->new_value = new_value;
  g_free (self->source);
  self->source = source ? source : g_strdup ("");

  return self;
}

AtlasHistoryEntry *
atlas_history_entry_copy (AtlasHistoryEntry *self)
{
  AtlasHistoryEntry *copy;

  g_return_val_if_fail (ATLAS_IS_HISTORY_ENTRY (self), NULL);

  copy = g_object_new (ATLAS_TYPE_HISTORY_ENTRY, NULL);
  atlas_record_copy_fields (copy, self, history_entry_fields, G_N_ELEMENTS (history_entry_fields));
  atlas_extra_copy (copy, self);

  return copy;
}

gboolean
atlas_history_entry_equal (AtlasHistoryEntry *a,
                           AtlasHistoryEntry *b)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY_ENTRY (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_HISTORY_ENTRY (b), FALSE);

  return atlas_record_equal_fields (a, b, history_entry_fields, G_N_ELEMENTS (history_entry_fields)) &&
         atlas_extra_equal (a, b);
}
