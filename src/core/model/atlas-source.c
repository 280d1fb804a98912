/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The works a dataset cites (AtlasSource: title, author, year, link) and
 * a profile's references to them (AtlasSourceRef: which work, and where in
 * it), as the other records are (atlas-entries.c). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core-private.h"
#include "atlas-entries.h"
#include "atlas-entries-private.h"

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

  if (atlas_entry_set_required_str (&self->id, id))
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

  if (atlas_entry_set_required_str (&self->title, title))
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

  if (atlas_entry_set_required_str (&self->author, author))
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

  if (atlas_entry_set_required_str (&self->id, id))
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

  if (atlas_entry_set_required_str (&self->locator, locator))
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
