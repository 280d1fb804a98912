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

static void
atlas_document_finalize (GObject *object)
{
  AtlasDocument *self = (AtlasDocument *)object;

  g_free (self->title);
  g_free (self->url);

  G_OBJECT_CLASS (atlas_document_parent_class)->finalize (object);
}

static void
atlas_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasDocument *self = ATLAS_DOCUMENT (object);

  switch (prop_id)
    {
    case DOCUMENT_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case DOCUMENT_PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case DOCUMENT_PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_document_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasDocument *self = ATLAS_DOCUMENT (object);

  switch (prop_id)
    {
    case DOCUMENT_PROP_TITLE:
      atlas_document_set_title (self, g_value_get_string (value));
      break;
    case DOCUMENT_PROP_YEAR:
      atlas_document_set_year (self, g_value_get_int (value));
      break;
    case DOCUMENT_PROP_URL:
      atlas_document_set_url (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_document_class_init (AtlasDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_document_finalize;
  object_class->get_property = atlas_document_get_property;
  object_class->set_property = atlas_document_set_property;

  document_properties[DOCUMENT_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  document_properties[DOCUMENT_PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  document_properties[DOCUMENT_PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, DOCUMENT_N_PROPS, document_properties);
}

static void
atlas_document_init (AtlasDocument *self)
{
  self->title = g_strdup ("");
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

  if (atlas_entry_set_required_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), document_properties[DOCUMENT_PROP_TITLE]);
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
  g_return_if_fail (year >= 0);

  if (self->year == year)
    return;

  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), document_properties[DOCUMENT_PROP_YEAR]);
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

  if (atlas_set_str (&self->url, url))
    g_object_notify_by_pspec (G_OBJECT (self), document_properties[DOCUMENT_PROP_URL]);
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
  g_free (copy->title);
  copy->title = g_strdup (self->title);
  copy->year = self->year;
  g_free (copy->url);
  copy->url = g_strdup (self->url);
  atlas_extra_copy (copy, self);

  return copy;
}

gboolean
atlas_document_equal (AtlasDocument *a,
                      AtlasDocument *b)
{
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_DOCUMENT (b), FALSE);

  return
    g_strcmp0 (a->title, b->title) == 0 &&
    a->year == b->year &&
    g_strcmp0 (a->url, b->url) == 0 &&
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

static void
atlas_agreement_finalize (GObject *object)
{
  AtlasAgreement *self = (AtlasAgreement *)object;

  g_free (self->kind);
  g_free (self->title);
  g_free (self->status);

  G_OBJECT_CLASS (atlas_agreement_parent_class)->finalize (object);
}

static void
atlas_agreement_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AtlasAgreement *self = ATLAS_AGREEMENT (object);

  switch (prop_id)
    {
    case AGREEMENT_PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case AGREEMENT_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case AGREEMENT_PROP_SIGNED:
      g_value_set_int (value, self->signed_year);
      break;
    case AGREEMENT_PROP_IN_FORCE:
      g_value_set_int (value, self->in_force);
      break;
    case AGREEMENT_PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_agreement_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AtlasAgreement *self = ATLAS_AGREEMENT (object);

  switch (prop_id)
    {
    case AGREEMENT_PROP_KIND:
      atlas_agreement_set_kind (self, g_value_get_string (value));
      break;
    case AGREEMENT_PROP_TITLE:
      atlas_agreement_set_title (self, g_value_get_string (value));
      break;
    case AGREEMENT_PROP_SIGNED:
      atlas_agreement_set_signed (self, g_value_get_int (value));
      break;
    case AGREEMENT_PROP_IN_FORCE:
      atlas_agreement_set_in_force (self, g_value_get_int (value));
      break;
    case AGREEMENT_PROP_STATUS:
      atlas_agreement_set_status (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_agreement_class_init (AtlasAgreementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_agreement_finalize;
  object_class->get_property = atlas_agreement_get_property;
  object_class->set_property = atlas_agreement_set_property;

  agreement_properties[AGREEMENT_PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  agreement_properties[AGREEMENT_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  agreement_properties[AGREEMENT_PROP_SIGNED] =
    g_param_spec_int ("signed", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  agreement_properties[AGREEMENT_PROP_IN_FORCE] =
    g_param_spec_int ("in-force", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  agreement_properties[AGREEMENT_PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, AGREEMENT_N_PROPS, agreement_properties);
}

static void
atlas_agreement_init (AtlasAgreement *self)
{
  self->kind = g_strdup ("");
  self->title = g_strdup ("");
  self->status = g_strdup ("");
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

  if (atlas_entry_set_required_str (&self->kind, kind))
    g_object_notify_by_pspec (G_OBJECT (self), agreement_properties[AGREEMENT_PROP_KIND]);
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

  if (atlas_entry_set_required_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), agreement_properties[AGREEMENT_PROP_TITLE]);
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
  g_return_if_fail (year >= 0);

  if (self->signed_year == year)
    return;

  self->signed_year = year;
  g_object_notify_by_pspec (G_OBJECT (self), agreement_properties[AGREEMENT_PROP_SIGNED]);
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
  g_return_if_fail (in_force >= 0);

  if (self->in_force == in_force)
    return;

  self->in_force = in_force;
  g_object_notify_by_pspec (G_OBJECT (self), agreement_properties[AGREEMENT_PROP_IN_FORCE]);
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

  if (atlas_entry_set_required_str (&self->status, status))
    g_object_notify_by_pspec (G_OBJECT (self), agreement_properties[AGREEMENT_PROP_STATUS]);
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
  g_free (copy->kind);
  copy->kind = g_strdup (self->kind);
  g_free (copy->title);
  copy->title = g_strdup (self->title);
  copy->signed_year = self->signed_year;
  copy->in_force = self->in_force;
  g_free (copy->status);
  copy->status = g_strdup (self->status);
  atlas_extra_copy (copy, self);

  return copy;
}

gboolean
atlas_agreement_equal (AtlasAgreement *a,
                       AtlasAgreement *b)
{
  g_return_val_if_fail (ATLAS_IS_AGREEMENT (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_AGREEMENT (b), FALSE);

  return
    g_strcmp0 (a->kind, b->kind) == 0 &&
    g_strcmp0 (a->title, b->title) == 0 &&
    a->signed_year == b->signed_year &&
    a->in_force == b->in_force &&
    g_strcmp0 (a->status, b->status) == 0 &&
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

static void
atlas_history_entry_finalize (GObject *object)
{
  AtlasHistoryEntry *self = (AtlasHistoryEntry *)object;

  g_free (self->date);
  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);
  g_free (self->source);

  G_OBJECT_CLASS (atlas_history_entry_parent_class)->finalize (object);
}

static void
atlas_history_entry_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AtlasHistoryEntry *self = ATLAS_HISTORY_ENTRY (object);

  switch (prop_id)
    {
    case HISTORY_ENTRY_PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case HISTORY_ENTRY_PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case HISTORY_ENTRY_PROP_OLD_VALUE:
      g_value_set_string (value, self->old_value);
      break;
    case HISTORY_ENTRY_PROP_NEW_VALUE:
      g_value_set_string (value, self->new_value);
      break;
    case HISTORY_ENTRY_PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_history_entry_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AtlasHistoryEntry *self = ATLAS_HISTORY_ENTRY (object);

  switch (prop_id)
    {
    case HISTORY_ENTRY_PROP_DATE:
      atlas_history_entry_set_date (self, g_value_get_string (value));
      break;
    case HISTORY_ENTRY_PROP_FIELD:
      atlas_history_entry_set_field (self, g_value_get_string (value));
      break;
    case HISTORY_ENTRY_PROP_OLD_VALUE:
      atlas_history_entry_set_old_value (self, g_value_get_string (value));
      break;
    case HISTORY_ENTRY_PROP_NEW_VALUE:
      atlas_history_entry_set_new_value (self, g_value_get_string (value));
      break;
    case HISTORY_ENTRY_PROP_SOURCE:
      atlas_history_entry_set_source (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_history_entry_class_init (AtlasHistoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_history_entry_finalize;
  object_class->get_property = atlas_history_entry_get_property;
  object_class->set_property = atlas_history_entry_set_property;

  history_entry_properties[HISTORY_ENTRY_PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  history_entry_properties[HISTORY_ENTRY_PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  history_entry_properties[HISTORY_ENTRY_PROP_OLD_VALUE] =
    g_param_spec_string ("old-value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  history_entry_properties[HISTORY_ENTRY_PROP_NEW_VALUE] =
    g_param_spec_string ("new-value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  history_entry_properties[HISTORY_ENTRY_PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, HISTORY_ENTRY_N_PROPS, history_entry_properties);
}

static void
atlas_history_entry_init (AtlasHistoryEntry *self)
{
  self->date = g_strdup ("");
  self->field = g_strdup ("");
  self->source = g_strdup ("");
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

  if (atlas_entry_set_required_str (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), history_entry_properties[HISTORY_ENTRY_PROP_DATE]);
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

  if (atlas_entry_set_required_str (&self->field, field))
    g_object_notify_by_pspec (G_OBJECT (self), history_entry_properties[HISTORY_ENTRY_PROP_FIELD]);
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

  if (atlas_set_str (&self->old_value, old_value))
    g_object_notify_by_pspec (G_OBJECT (self), history_entry_properties[HISTORY_ENTRY_PROP_OLD_VALUE]);
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

  if (atlas_set_str (&self->new_value, new_value))
    g_object_notify_by_pspec (G_OBJECT (self), history_entry_properties[HISTORY_ENTRY_PROP_NEW_VALUE]);
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

  if (atlas_entry_set_required_str (&self->source, source))
    g_object_notify_by_pspec (G_OBJECT (self), history_entry_properties[HISTORY_ENTRY_PROP_SOURCE]);
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
  g_free (copy->date);
  copy->date = g_strdup (self->date);
  g_free (copy->field);
  copy->field = g_strdup (self->field);
  g_free (copy->old_value);
  copy->old_value = g_strdup (self->old_value);
  g_free (copy->new_value);
  copy->new_value = g_strdup (self->new_value);
  g_free (copy->source);
  copy->source = g_strdup (self->source);
  atlas_extra_copy (copy, self);

  return copy;
}

gboolean
atlas_history_entry_equal (AtlasHistoryEntry *a,
                           AtlasHistoryEntry *b)
{
  g_return_val_if_fail (ATLAS_IS_HISTORY_ENTRY (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_HISTORY_ENTRY (b), FALSE);

  return
    g_strcmp0 (a->date, b->date) == 0 &&
    g_strcmp0 (a->field, b->field) == 0 &&
    g_strcmp0 (a->old_value, b->old_value) == 0 &&
    g_strcmp0 (a->new_value, b->new_value) == 0 &&
    g_strcmp0 (a->source, b->source) == 0 &&
    atlas_extra_equal (a, b);
}
