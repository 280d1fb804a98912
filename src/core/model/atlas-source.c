/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The works a dataset cites (AtlasSource: title, author, year, link) and
 * a profile's references to them (AtlasSourceRef: which work, and where in
 * it), as the other records are (atlas-entries.c). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core-private.h"
#include "atlas-entries.h"
#include "atlas-entries-private.h"
#include "atlas-record-private.h"

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

/* The record's fields, in the order of its properties */
static const AtlasRecordField source_fields[] = {
  ATLAS_RECORD_FIELD (AtlasSource, id, "id", ATLAS_RECORD_TEXT),
  ATLAS_RECORD_FIELD (AtlasSource, title, "title", ATLAS_RECORD_TEXT),
  ATLAS_RECORD_FIELD (AtlasSource, author, "author", ATLAS_RECORD_TEXT),
  ATLAS_RECORD_FIELD (AtlasSource, year, "year", ATLAS_RECORD_YEAR),
  ATLAS_RECORD_FIELD (AtlasSource, url, "url", ATLAS_RECORD_NULLABLE_TEXT),
};

ATLAS_RECORD_DEFINE_PROPERTY_FUNCS (atlas_source, source_fields, source_properties)

static void
atlas_source_finalize (GObject *object)
{
  AtlasSource *self = (AtlasSource *)object;

  atlas_record_clear (self, source_fields, G_N_ELEMENTS (source_fields));

  G_OBJECT_CLASS (atlas_source_parent_class)->finalize (object);
}

static void
atlas_source_class_init (AtlasSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_source_finalize;
  object_class->get_property = atlas_source_get_property;
  object_class->set_property = atlas_source_set_property;

  atlas_record_class_install (object_class, source_fields, G_N_ELEMENTS (source_fields),
                              source_properties, SOURCE_N_PROPS);
}

static void
atlas_source_init (AtlasSource *self)
{
  atlas_record_init (self, source_fields, G_N_ELEMENTS (source_fields));
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

  atlas_record_set_text (self, &source_fields[SOURCE_PROP_ID - 1],
                         source_properties[SOURCE_PROP_ID], id);
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

  atlas_record_set_text (self, &source_fields[SOURCE_PROP_TITLE - 1],
                         source_properties[SOURCE_PROP_TITLE], title);
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

  atlas_record_set_text (self, &source_fields[SOURCE_PROP_AUTHOR - 1],
                         source_properties[SOURCE_PROP_AUTHOR], author);
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

  atlas_record_set_year (self, &source_fields[SOURCE_PROP_YEAR - 1],
                         source_properties[SOURCE_PROP_YEAR], year);
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

  atlas_record_set_text (self, &source_fields[SOURCE_PROP_URL - 1],
                         source_properties[SOURCE_PROP_URL], url);
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
  atlas_record_copy_fields (copy, self, source_fields, G_N_ELEMENTS (source_fields));
  atlas_extra_copy (copy, self);

  return copy;
}

gboolean
atlas_source_equal (AtlasSource *a,
                    AtlasSource *b)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_SOURCE (b), FALSE);

  return atlas_record_equal_fields (a, b, source_fields, G_N_ELEMENTS (source_fields)) &&
         atlas_extra_equal (a, b);
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

/* The record's fields, in the order of its properties */
static const AtlasRecordField source_ref_fields[] = {
  ATLAS_RECORD_FIELD (AtlasSourceRef, id, "id", ATLAS_RECORD_TEXT),
  ATLAS_RECORD_FIELD (AtlasSourceRef, locator, "locator", ATLAS_RECORD_TEXT),
};

ATLAS_RECORD_DEFINE_PROPERTY_FUNCS (atlas_source_ref, source_ref_fields, source_ref_properties)

static void
atlas_source_ref_finalize (GObject *object)
{
  AtlasSourceRef *self = (AtlasSourceRef *)object;

  atlas_record_clear (self, source_ref_fields, G_N_ELEMENTS (source_ref_fields));

  G_OBJECT_CLASS (atlas_source_ref_parent_class)->finalize (object);
}

static void
atlas_source_ref_class_init (AtlasSourceRefClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_source_ref_finalize;
  object_class->get_property = atlas_source_ref_get_property;
  object_class->set_property = atlas_source_ref_set_property;

  atlas_record_class_install (object_class, source_ref_fields, G_N_ELEMENTS (source_ref_fields),
                              source_ref_properties, SOURCE_REF_N_PROPS);
}

static void
atlas_source_ref_init (AtlasSourceRef *self)
{
  atlas_record_init (self, source_ref_fields, G_N_ELEMENTS (source_ref_fields));
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

  atlas_record_set_text (self, &source_ref_fields[SOURCE_REF_PROP_ID - 1],
                         source_ref_properties[SOURCE_REF_PROP_ID], id);
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

  atlas_record_set_text (self, &source_ref_fields[SOURCE_REF_PROP_LOCATOR - 1],
                         source_ref_properties[SOURCE_REF_PROP_LOCATOR], locator);
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
  atlas_record_copy_fields (copy, self, source_ref_fields, G_N_ELEMENTS (source_ref_fields));
  atlas_extra_copy (copy, self);

  return copy;
}

gboolean
atlas_source_ref_equal (AtlasSourceRef *a,
                        AtlasSourceRef *b)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE_REF (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_SOURCE_REF (b), FALSE);

  return atlas_record_equal_fields (a, b, source_ref_fields, G_N_ELEMENTS (source_ref_fields)) &&
         atlas_extra_equal (a, b);
}
