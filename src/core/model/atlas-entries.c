/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The dataset's small records. They are all alike: plain fields behind
 * properties, a deep copy and an equality that also cover the JSON members
 * this app does not know (see atlas-core-private.h).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core-private.h"
#include "atlas-entries.h"
#include "atlas-entries-private.h"
#include "atlas-round.h"

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

/* Non-nullable strings hold "" rather than NULL. */
static gboolean
set_required_str (char       **field,
                  const char  *value)
{
  return atlas_set_str (field, value ? value : "");
}

/* AtlasSource */

struct _AtlasSource
{
  GObject parent_instance;

  char   *id;
  char   *title;
  char   *author;
  int     year;
  char   *url;
};

G_DEFINE_FINAL_TYPE (AtlasSource, atlas_source, G_TYPE_OBJECT)

enum {
  SOURCE_PROP_0,
  SOURCE_PROP_ID,
  SOURCE_PROP_TITLE,
  SOURCE_PROP_AUTHOR,
  SOURCE_PROP_YEAR,
  SOURCE_PROP_URL,
  SOURCE_N_PROPS
};

static GParamSpec *source_properties[SOURCE_N_PROPS];

static void
atlas_source_finalize (GObject *object)
{
  AtlasSource *self = (AtlasSource *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->author);
  g_free (self->url);

  G_OBJECT_CLASS (atlas_source_parent_class)->finalize (object);
}

static void
atlas_source_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtlasSource *self = ATLAS_SOURCE (object);

  switch (prop_id)
    {
    case SOURCE_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case SOURCE_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case SOURCE_PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case SOURCE_PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case SOURCE_PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_source_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AtlasSource *self = ATLAS_SOURCE (object);

  switch (prop_id)
    {
    case SOURCE_PROP_ID:
      atlas_source_set_id (self, g_value_get_string (value));
      break;
    case SOURCE_PROP_TITLE:
      atlas_source_set_title (self, g_value_get_string (value));
      break;
    case SOURCE_PROP_AUTHOR:
      atlas_source_set_author (self, g_value_get_string (value));
      break;
    case SOURCE_PROP_YEAR:
      atlas_source_set_year (self, g_value_get_int (value));
      break;
    case SOURCE_PROP_URL:
      atlas_source_set_url (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_source_class_init (AtlasSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_source_finalize;
  object_class->get_property = atlas_source_get_property;
  object_class->set_property = atlas_source_set_property;

  source_properties[SOURCE_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  source_properties[SOURCE_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  source_properties[SOURCE_PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  source_properties[SOURCE_PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  source_properties[SOURCE_PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, SOURCE_N_PROPS, source_properties);
}

static void
atlas_source_init (AtlasSource *self)
{
  self->id = g_strdup ("");
  self->title = g_strdup ("");
  self->author = g_strdup ("");
}

AtlasSource *
atlas_source_new (const char *id)
{
  return g_object_new (ATLAS_TYPE_SOURCE,
                       "id", id,
                       NULL);
}

const char *
atlas_source_get_id (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);

  return self->id;
}

void
atlas_source_set_id (AtlasSource *self,
                     const char  *id)
{
  g_return_if_fail (ATLAS_IS_SOURCE (self));

  if (set_required_str (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), source_properties[SOURCE_PROP_ID]);
}

const char *
atlas_source_get_title (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);

  return self->title;
}

void
atlas_source_set_title (AtlasSource *self,
                        const char  *title)
{
  g_return_if_fail (ATLAS_IS_SOURCE (self));

  if (set_required_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), source_properties[SOURCE_PROP_TITLE]);
}

const char *
atlas_source_get_author (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);

  return self->author;
}

void
atlas_source_set_author (AtlasSource *self,
                         const char  *author)
{
  g_return_if_fail (ATLAS_IS_SOURCE (self));

  if (set_required_str (&self->author, author))
    g_object_notify_by_pspec (G_OBJECT (self), source_properties[SOURCE_PROP_AUTHOR]);
}

int
atlas_source_get_year (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), 0);

  return self->year;
}

void
atlas_source_set_year (AtlasSource *self,
                       int          year)
{
  g_return_if_fail (ATLAS_IS_SOURCE (self));
  g_return_if_fail (year >= 0);

  if (self->year == year)
    return;

  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), source_properties[SOURCE_PROP_YEAR]);
}

const char *
atlas_source_get_url (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);

  return self->url;
}

void
atlas_source_set_url (AtlasSource *self,
                      const char  *url)
{
  g_return_if_fail (ATLAS_IS_SOURCE (self));

  if (atlas_set_str (&self->url, url))
    g_object_notify_by_pspec (G_OBJECT (self), source_properties[SOURCE_PROP_URL]);
}

/* For the loader: takes the strings, notifies nothing. */
AtlasSource *
atlas_source_new_take (char *id,
                       char *title,
                       char *author,
                       int   year,
                       char *url)
{
  AtlasSource *self = g_object_new (ATLAS_TYPE_SOURCE, NULL);

  g_free (self->id);
  self->id = id ? id : g_strdup ("");
  g_free (self->title);
  self->title = title ? title : g_strdup ("");
  g_free (self->author);
  self->author = author ? author : g_strdup ("");
  self->year = MAX (year, 0);
  self->url = url;

  return self;
}

AtlasSource *
atlas_source_copy (AtlasSource *self)
{
  AtlasSource *copy;

  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);

  copy = g_object_new (ATLAS_TYPE_SOURCE, NULL);
  g_free (copy->id);
  copy->id = g_strdup (self->id);
  g_free (copy->title);
  copy->title = g_strdup (self->title);
  g_free (copy->author);
  copy->author = g_strdup (self->author);
  copy->year = self->year;
  g_free (copy->url);
  copy->url = g_strdup (self->url);
  atlas_extra_copy (copy, self);

  return copy;
}

gboolean
atlas_source_equal (AtlasSource *a,
                    AtlasSource *b)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_SOURCE (b), FALSE);

  return
    g_strcmp0 (a->id, b->id) == 0 &&
    g_strcmp0 (a->title, b->title) == 0 &&
    g_strcmp0 (a->author, b->author) == 0 &&
    a->year == b->year &&
    g_strcmp0 (a->url, b->url) == 0 &&
    atlas_extra_equal (a, b);
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

  if (set_required_str (&self->title, title))
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

/* AtlasDialogue */

struct _AtlasDialogue
{
  GObject parent_instance;

  char   *name;
  char   *frequency;
  char   *level;
  int     established;
  char   *status;
  GPtrArray *rounds;  /* of AtlasRound, oldest first; never modified in place */
};

G_DEFINE_FINAL_TYPE (AtlasDialogue, atlas_dialogue, G_TYPE_OBJECT)

enum {
  DIALOGUE_PROP_0,
  DIALOGUE_PROP_NAME,
  DIALOGUE_PROP_FREQUENCY,
  DIALOGUE_PROP_LEVEL,
  DIALOGUE_PROP_ESTABLISHED,
  DIALOGUE_PROP_STATUS,
  DIALOGUE_PROP_ROUNDS,
  DIALOGUE_N_PROPS
};

static GParamSpec *dialogue_properties[DIALOGUE_N_PROPS];

static void
atlas_dialogue_finalize (GObject *object)
{
  AtlasDialogue *self = (AtlasDialogue *)object;

  g_free (self->name);
  g_free (self->frequency);
  g_free (self->level);
  g_free (self->status);
  g_ptr_array_unref (self->rounds);

  G_OBJECT_CLASS (atlas_dialogue_parent_class)->finalize (object);
}

static void
atlas_dialogue_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasDialogue *self = ATLAS_DIALOGUE (object);

  switch (prop_id)
    {
    case DIALOGUE_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case DIALOGUE_PROP_FREQUENCY:
      g_value_set_string (value, self->frequency);
      break;
    case DIALOGUE_PROP_LEVEL:
      g_value_set_string (value, self->level);
      break;
    case DIALOGUE_PROP_ESTABLISHED:
      g_value_set_int (value, self->established);
      break;
    case DIALOGUE_PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case DIALOGUE_PROP_ROUNDS:
      g_value_set_boxed (value, self->rounds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_dialogue_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasDialogue *self = ATLAS_DIALOGUE (object);

  switch (prop_id)
    {
    case DIALOGUE_PROP_NAME:
      atlas_dialogue_set_name (self, g_value_get_string (value));
      break;
    case DIALOGUE_PROP_FREQUENCY:
      atlas_dialogue_set_frequency (self, g_value_get_string (value));
      break;
    case DIALOGUE_PROP_LEVEL:
      atlas_dialogue_set_level (self, g_value_get_string (value));
      break;
    case DIALOGUE_PROP_ESTABLISHED:
      atlas_dialogue_set_established (self, g_value_get_int (value));
      break;
    case DIALOGUE_PROP_STATUS:
      atlas_dialogue_set_status (self, g_value_get_string (value));
      break;
    case DIALOGUE_PROP_ROUNDS:
      atlas_dialogue_set_rounds (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_dialogue_class_init (AtlasDialogueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_dialogue_finalize;
  object_class->get_property = atlas_dialogue_get_property;
  object_class->set_property = atlas_dialogue_set_property;

  dialogue_properties[DIALOGUE_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  dialogue_properties[DIALOGUE_PROP_FREQUENCY] =
    g_param_spec_string ("frequency", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  dialogue_properties[DIALOGUE_PROP_LEVEL] =
    g_param_spec_string ("level", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  dialogue_properties[DIALOGUE_PROP_ESTABLISHED] =
    g_param_spec_int ("established", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  dialogue_properties[DIALOGUE_PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* A GPtrArray of AtlasRound. Never changed in place: set a new one. */
  dialogue_properties[DIALOGUE_PROP_ROUNDS] =
    g_param_spec_boxed ("rounds", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, DIALOGUE_N_PROPS, dialogue_properties);
}

static void
atlas_dialogue_init (AtlasDialogue *self)
{
  self->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_round_free);
  self->name = g_strdup ("");
  self->level = g_strdup ("");
  self->status = g_strdup ("");
}

AtlasDialogue *
atlas_dialogue_new (const char *name)
{
  return g_object_new (ATLAS_TYPE_DIALOGUE,
                       "name", name,
                       NULL);
}

const char *
atlas_dialogue_get_name (AtlasDialogue *self)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  return self->name;
}

void
atlas_dialogue_set_name (AtlasDialogue *self,
                         const char    *name)
{
  g_return_if_fail (ATLAS_IS_DIALOGUE (self));

  if (set_required_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), dialogue_properties[DIALOGUE_PROP_NAME]);
}

const char *
atlas_dialogue_get_frequency (AtlasDialogue *self)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  return self->frequency;
}

void
atlas_dialogue_set_frequency (AtlasDialogue *self,
                              const char    *frequency)
{
  g_return_if_fail (ATLAS_IS_DIALOGUE (self));

  if (atlas_set_str (&self->frequency, frequency))
    g_object_notify_by_pspec (G_OBJECT (self), dialogue_properties[DIALOGUE_PROP_FREQUENCY]);
}

const char *
atlas_dialogue_get_level (AtlasDialogue *self)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  return self->level;
}

void
atlas_dialogue_set_level (AtlasDialogue *self,
                          const char    *level)
{
  g_return_if_fail (ATLAS_IS_DIALOGUE (self));

  if (set_required_str (&self->level, level))
    g_object_notify_by_pspec (G_OBJECT (self), dialogue_properties[DIALOGUE_PROP_LEVEL]);
}

int
atlas_dialogue_get_established (AtlasDialogue *self)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), 0);

  return self->established;
}

void
atlas_dialogue_set_established (AtlasDialogue *self,
                                int            established)
{
  g_return_if_fail (ATLAS_IS_DIALOGUE (self));
  g_return_if_fail (established >= 0);

  if (self->established == established)
    return;

  self->established = established;
  g_object_notify_by_pspec (G_OBJECT (self), dialogue_properties[DIALOGUE_PROP_ESTABLISHED]);
}

const char *
atlas_dialogue_get_status (AtlasDialogue *self)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  return self->status;
}

void
atlas_dialogue_set_status (AtlasDialogue *self,
                           const char    *status)
{
  g_return_if_fail (ATLAS_IS_DIALOGUE (self));

  if (set_required_str (&self->status, status))
    g_object_notify_by_pspec (G_OBJECT (self), dialogue_properties[DIALOGUE_PROP_STATUS]);
}

GPtrArray *
atlas_dialogue_get_rounds (AtlasDialogue *self)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  return self->rounds;
}

void
atlas_dialogue_set_rounds (AtlasDialogue *self,
                           GPtrArray     *rounds)
{
  g_return_if_fail (ATLAS_IS_DIALOGUE (self));

  if (rounds == self->rounds || atlas_rounds_equal (self->rounds, rounds))
    return;

  g_ptr_array_unref (self->rounds);
  self->rounds = atlas_rounds_copy (rounds);
  g_object_notify_by_pspec (G_OBJECT (self), dialogue_properties[DIALOGUE_PROP_ROUNDS]);
}

/* For the loader: takes the array. */
void
atlas_dialogue_take_rounds (AtlasDialogue *self,
                            GPtrArray     *rounds)
{
  g_ptr_array_unref (self->rounds);
  self->rounds = rounds;
}

const AtlasRound *
atlas_dialogue_get_last_round (AtlasDialogue *self,
                               const char    *date)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  for (guint i = self->rounds->len; i > 0; i--)
    {
      const AtlasRound *round = g_ptr_array_index (self->rounds, i - 1);

      if (date == NULL || atlas_round_date_compare (round->date, date) <= 0)
        return round;
    }

  return NULL;
}

gboolean
atlas_dialogue_is_overdue (AtlasDialogue *self,
                           const char    *date)
{
  const AtlasRound *last;
  g_autofree char *since = NULL;
  g_autoptr(GDate) limit = NULL;
  g_autoptr(GDate) today = NULL;
  int months;

  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  months = atlas_frequency_months (self->frequency);
  if (months == 0 || g_strcmp0 (self->status, "active") != 0)
    return FALSE;

  last = atlas_dialogue_get_last_round (self, date);
  if (last != NULL && atlas_round_date_is_valid (last->date))
    since = atlas_round_date_last_day (last->date);
  else if (last == NULL && self->established > 0)
    since = g_strdup_printf ("%04d-12-31", self->established);
  else
    return TRUE;

  limit = g_date_new ();
  g_date_set_parse (limit, since);
  today = g_date_new ();
  g_date_set_parse (today, date);
  if (!g_date_valid (limit) || !g_date_valid (today))
    return FALSE;

  g_date_add_months (limit, 2 * months);

  return g_date_compare (today, limit) > 0;
}

char *
atlas_dialogue_dup_overdue_text (AtlasDialogue *self,
                                 const char    *date)
{
  const AtlasRound *last;
  g_autofree char *when = NULL;

  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  if (date == NULL || !atlas_dialogue_is_overdue (self, date))
    return NULL;

  last = atlas_dialogue_get_last_round (self, date);
  if (last == NULL)
    return g_strdup (_("No round recorded"));

  when = atlas_round_date_format_short (last->date);
  /* Translators: %s is a date ("6 Dec 2023", "Jan 2020", "2020") */
  return g_strdup_printf (_("No round since %s"), when);
}

/* For the loader: takes the strings, notifies nothing. */
AtlasDialogue *
atlas_dialogue_new_take (char *name,
                         char *frequency,
                         char *level,
                         int   established,
                         char *status)
{
  AtlasDialogue *self = g_object_new (ATLAS_TYPE_DIALOGUE, NULL);

  g_free (self->name);
  self->name = name ? name : g_strdup ("");
  self->frequency = frequency;
  g_free (self->level);
  self->level = level ? level : g_strdup ("");
  self->established = MAX (established, 0);
  g_free (self->status);
  self->status = status ? status : g_strdup ("");

  return self;
}

AtlasDialogue *
atlas_dialogue_copy (AtlasDialogue *self)
{
  AtlasDialogue *copy;

  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  copy = g_object_new (ATLAS_TYPE_DIALOGUE, NULL);
  g_free (copy->name);
  copy->name = g_strdup (self->name);
  g_free (copy->frequency);
  copy->frequency = g_strdup (self->frequency);
  g_free (copy->level);
  copy->level = g_strdup (self->level);
  copy->established = self->established;
  g_free (copy->status);
  copy->status = g_strdup (self->status);
  g_ptr_array_unref (copy->rounds);
  copy->rounds = atlas_rounds_copy (self->rounds);
  atlas_extra_copy (copy, self);

  return copy;
}

gboolean
atlas_dialogue_equal (AtlasDialogue *a,
                      AtlasDialogue *b)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (b), FALSE);

  return
    g_strcmp0 (a->name, b->name) == 0 &&
    g_strcmp0 (a->frequency, b->frequency) == 0 &&
    g_strcmp0 (a->level, b->level) == 0 &&
    a->established == b->established &&
    g_strcmp0 (a->status, b->status) == 0 &&
    atlas_rounds_equal (a->rounds, b->rounds) &&
    atlas_extra_equal (a, b);
}

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

  if (set_required_str (&self->kind, kind))
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

  if (set_required_str (&self->title, title))
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

  if (set_required_str (&self->status, status))
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

/* AtlasSourceRef */

struct _AtlasSourceRef
{
  GObject parent_instance;

  char   *id;
  char   *locator;
};

G_DEFINE_FINAL_TYPE (AtlasSourceRef, atlas_source_ref, G_TYPE_OBJECT)

enum {
  SOURCE_REF_PROP_0,
  SOURCE_REF_PROP_ID,
  SOURCE_REF_PROP_LOCATOR,
  SOURCE_REF_N_PROPS
};

static GParamSpec *source_ref_properties[SOURCE_REF_N_PROPS];

static void
atlas_source_ref_finalize (GObject *object)
{
  AtlasSourceRef *self = (AtlasSourceRef *)object;

  g_free (self->id);
  g_free (self->locator);

  G_OBJECT_CLASS (atlas_source_ref_parent_class)->finalize (object);
}

static void
atlas_source_ref_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasSourceRef *self = ATLAS_SOURCE_REF (object);

  switch (prop_id)
    {
    case SOURCE_REF_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case SOURCE_REF_PROP_LOCATOR:
      g_value_set_string (value, self->locator);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_source_ref_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtlasSourceRef *self = ATLAS_SOURCE_REF (object);

  switch (prop_id)
    {
    case SOURCE_REF_PROP_ID:
      atlas_source_ref_set_id (self, g_value_get_string (value));
      break;
    case SOURCE_REF_PROP_LOCATOR:
      atlas_source_ref_set_locator (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_source_ref_class_init (AtlasSourceRefClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_source_ref_finalize;
  object_class->get_property = atlas_source_ref_get_property;
  object_class->set_property = atlas_source_ref_set_property;

  source_ref_properties[SOURCE_REF_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  source_ref_properties[SOURCE_REF_PROP_LOCATOR] =
    g_param_spec_string ("locator", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, SOURCE_REF_N_PROPS, source_ref_properties);
}

static void
atlas_source_ref_init (AtlasSourceRef *self)
{
  self->id = g_strdup ("");
  self->locator = g_strdup ("");
}

AtlasSourceRef *
atlas_source_ref_new (const char *id,
                      const char *locator)
{
  return g_object_new (ATLAS_TYPE_SOURCE_REF,
                       "id", id,
                       "locator", locator,
                       NULL);
}

const char *
atlas_source_ref_get_id (AtlasSourceRef *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_REF (self), NULL);

  return self->id;
}

void
atlas_source_ref_set_id (AtlasSourceRef *self,
                         const char     *id)
{
  g_return_if_fail (ATLAS_IS_SOURCE_REF (self));

  if (set_required_str (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), source_ref_properties[SOURCE_REF_PROP_ID]);
}

const char *
atlas_source_ref_get_locator (AtlasSourceRef *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_REF (self), NULL);

  return self->locator;
}

void
atlas_source_ref_set_locator (AtlasSourceRef *self,
                              const char     *locator)
{
  g_return_if_fail (ATLAS_IS_SOURCE_REF (self));

  if (set_required_str (&self->locator, locator))
    g_object_notify_by_pspec (G_OBJECT (self), source_ref_properties[SOURCE_REF_PROP_LOCATOR]);
}

/* For the loader: takes the strings, notifies nothing. */
AtlasSourceRef *
atlas_source_ref_new_take (char *id,
                           char *locator)
{
  AtlasSourceRef *self = g_object_new (ATLAS_TYPE_SOURCE_REF, NULL);

  g_free (self->id);
  self->id = id ? id : g_strdup ("");
  g_free (self->locator);
  self->locator = locator ? locator : g_strdup ("");

  return self;
}

AtlasSourceRef *
atlas_source_ref_copy (AtlasSourceRef *self)
{
  AtlasSourceRef *copy;

  g_return_val_if_fail (ATLAS_IS_SOURCE_REF (self), NULL);

  copy = g_object_new (ATLAS_TYPE_SOURCE_REF, NULL);
  g_free (copy->id);
  copy->id = g_strdup (self->id);
  g_free (copy->locator);
  copy->locator = g_strdup (self->locator);
  atlas_extra_copy (copy, self);

  return copy;
}

gboolean
atlas_source_ref_equal (AtlasSourceRef *a,
                        AtlasSourceRef *b)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_REF (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_SOURCE_REF (b), FALSE);

  return
    g_strcmp0 (a->id, b->id) == 0 &&
    g_strcmp0 (a->locator, b->locator) == 0 &&
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

  if (set_required_str (&self->date, date))
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

  if (set_required_str (&self->field, field))
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

  if (set_required_str (&self->source, source))
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
