/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "atlas-text.h"
#include "atlas-lens.h"
#include "atlas-translations.h"

struct _AtlasCategory
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *description;
  GHashTable *names;        /* language tag -> text, or NULL */
  GHashTable *descriptions;
  guint32  color;
  char     color_string[8];
};

struct _AtlasLens
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *description;
  GHashTable *names;       /* language tag -> text, or NULL */
  GHashTable *descriptions;
  gboolean    ordered;
  char       *opens;       /* YYYY-MM-DD or NULL */
  GListStore *categories;
  GHashTable *index_by_id; /* id -> position + 1 */
};

G_DEFINE_FINAL_TYPE (AtlasCategory, atlas_category, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (AtlasLens, atlas_lens, G_TYPE_OBJECT)

enum {
  CATEGORY_PROP_0,
  CATEGORY_PROP_ID,
  CATEGORY_PROP_NAME,
  CATEGORY_PROP_DESCRIPTION,
  CATEGORY_PROP_COLOR,
  CATEGORY_PROP_COLOR_STRING,
  CATEGORY_N_PROPS
};

enum {
  LENS_PROP_0,
  LENS_PROP_ID,
  LENS_PROP_NAME,
  LENS_PROP_DESCRIPTION,
  LENS_PROP_ORDERED,
  LENS_PROP_CATEGORIES,
  LENS_N_PROPS
};

static GParamSpec *category_properties[CATEGORY_N_PROPS];
static GParamSpec *lens_properties[LENS_N_PROPS];

static void
atlas_category_finalize (GObject *object)
{
  AtlasCategory *self = (AtlasCategory *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->descriptions, g_hash_table_unref);

  G_OBJECT_CLASS (atlas_category_parent_class)->finalize (object);
}

static void
atlas_category_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasCategory *self = ATLAS_CATEGORY (object);

  switch (prop_id)
    {
    case CATEGORY_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case CATEGORY_PROP_NAME:
      g_value_set_string (value, atlas_category_get_name (self));
      break;
    case CATEGORY_PROP_DESCRIPTION:
      g_value_set_string (value, atlas_category_get_description (self));
      break;
    case CATEGORY_PROP_COLOR:
      g_value_set_uint (value, self->color);
      break;
    case CATEGORY_PROP_COLOR_STRING:
      g_value_set_string (value, self->color_string);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_category_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasCategory *self = ATLAS_CATEGORY (object);

  switch (prop_id)
    {
    case CATEGORY_PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;
    case CATEGORY_PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;
    case CATEGORY_PROP_DESCRIPTION:
      g_free (self->description);
      self->description = g_value_dup_string (value);
      break;
    case CATEGORY_PROP_COLOR:
      self->color = g_value_get_uint (value) & 0xffffff;
      g_snprintf (self->color_string, sizeof self->color_string, "#%06x", self->color);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_category_class_init (AtlasCategoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_category_finalize;
  object_class->get_property = atlas_category_get_property;
  object_class->set_property = atlas_category_set_property;

  category_properties[CATEGORY_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  category_properties[CATEGORY_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  category_properties[CATEGORY_PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  category_properties[CATEGORY_PROP_COLOR] =
    g_param_spec_uint ("color", NULL, NULL, 0, 0xffffff, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  category_properties[CATEGORY_PROP_COLOR_STRING] =
    g_param_spec_string ("color-string", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, CATEGORY_N_PROPS, category_properties);
}

static void
atlas_category_init (AtlasCategory *self)
{
}

AtlasCategory *
atlas_category_new (const char *id,
                    const char *name,
                    const char *description,
                    guint32     color)
{
  return g_object_new (ATLAS_TYPE_CATEGORY,
                       "id", id ? id : "",
                       "name", name ? name : "",
                       "description", description ? description : "",
                       "color", (guint) (color & 0xffffff),
                       NULL);
}

const char *
atlas_category_get_id (AtlasCategory *self)
{
  g_return_val_if_fail (ATLAS_IS_CATEGORY (self), NULL);
  return self->id;
}

const char *
atlas_category_get_name (AtlasCategory *self)
{
  g_return_val_if_fail (ATLAS_IS_CATEGORY (self), NULL);
  return atlas_translations_pick (self->names, self->name);
}

const char *
atlas_category_get_description (AtlasCategory *self)
{
  g_return_val_if_fail (ATLAS_IS_CATEGORY (self), NULL);
  return atlas_translations_pick (self->descriptions, self->description);
}

const char *
atlas_category_get_original_name (AtlasCategory *self)
{
  g_return_val_if_fail (ATLAS_IS_CATEGORY (self), NULL);
  return self->name;
}

const char *
atlas_category_get_original_description (AtlasCategory *self)
{
  g_return_val_if_fail (ATLAS_IS_CATEGORY (self), NULL);
  return self->description;
}

GHashTable *
atlas_category_get_names (AtlasCategory *self)
{
  g_return_val_if_fail (ATLAS_IS_CATEGORY (self), NULL);
  return self->names;
}

GHashTable *
atlas_category_get_descriptions (AtlasCategory *self)
{
  g_return_val_if_fail (ATLAS_IS_CATEGORY (self), NULL);
  return self->descriptions;
}

static void
set_table (GHashTable **field,
           GHashTable  *table)
{
  if (table != NULL)
    g_hash_table_ref (table);
  g_clear_pointer (field, g_hash_table_unref);
  *field = table;
}

void
atlas_category_set_translations (AtlasCategory *self,
                                 GHashTable    *names,
                                 GHashTable    *descriptions)
{
  g_return_if_fail (ATLAS_IS_CATEGORY (self));

  set_table (&self->names, names);
  set_table (&self->descriptions, descriptions);
}

guint32
atlas_category_get_color (AtlasCategory *self)
{
  g_return_val_if_fail (ATLAS_IS_CATEGORY (self), 0);
  return self->color;
}

const char *
atlas_category_get_color_string (AtlasCategory *self)
{
  g_return_val_if_fail (ATLAS_IS_CATEGORY (self), NULL);
  return self->color_string;
}

static void
atlas_lens_finalize (GObject *object)
{
  AtlasLens *self = (AtlasLens *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->descriptions, g_hash_table_unref);
  g_free (self->opens);
  g_clear_object (&self->categories);
  g_clear_pointer (&self->index_by_id, g_hash_table_unref);

  G_OBJECT_CLASS (atlas_lens_parent_class)->finalize (object);
}

static void
atlas_lens_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AtlasLens *self = ATLAS_LENS (object);

  switch (prop_id)
    {
    case LENS_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case LENS_PROP_NAME:
      g_value_set_string (value, atlas_lens_get_name (self));
      break;
    case LENS_PROP_DESCRIPTION:
      g_value_set_string (value, atlas_lens_get_description (self));
      break;
    case LENS_PROP_ORDERED:
      g_value_set_boolean (value, self->ordered);
      break;
    case LENS_PROP_CATEGORIES:
      g_value_set_object (value, self->categories);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_lens_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AtlasLens *self = ATLAS_LENS (object);

  switch (prop_id)
    {
    case LENS_PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;
    case LENS_PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;
    case LENS_PROP_DESCRIPTION:
      g_free (self->description);
      self->description = g_value_dup_string (value);
      break;
    case LENS_PROP_ORDERED:
      self->ordered = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_lens_class_init (AtlasLensClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_lens_finalize;
  object_class->get_property = atlas_lens_get_property;
  object_class->set_property = atlas_lens_set_property;

  lens_properties[LENS_PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  lens_properties[LENS_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  lens_properties[LENS_PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  lens_properties[LENS_PROP_ORDERED] =
    g_param_spec_boolean ("ordered", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  lens_properties[LENS_PROP_CATEGORIES] =
    g_param_spec_object ("categories", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, LENS_N_PROPS, lens_properties);
}

static void
atlas_lens_init (AtlasLens *self)
{
  self->categories = g_list_store_new (ATLAS_TYPE_CATEGORY);
  self->index_by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

AtlasLens *
atlas_lens_new (const char *id,
                const char *name,
                const char *description,
                gboolean    ordered)
{
  return g_object_new (ATLAS_TYPE_LENS,
                       "id", id ? id : "",
                       "name", name ? name : "",
                       "description", description ? description : "",
                       "ordered", ordered,
                       NULL);
}

const char *
atlas_lens_get_id (AtlasLens *self)
{
  g_return_val_if_fail (ATLAS_IS_LENS (self), NULL);
  return self->id;
}

const char *
atlas_lens_get_name (AtlasLens *self)
{
  g_return_val_if_fail (ATLAS_IS_LENS (self), NULL);
  return atlas_translations_pick (self->names, self->name);
}

const char *
atlas_lens_get_description (AtlasLens *self)
{
  g_return_val_if_fail (ATLAS_IS_LENS (self), NULL);
  return atlas_translations_pick (self->descriptions, self->description);
}

const char *
atlas_lens_get_original_name (AtlasLens *self)
{
  g_return_val_if_fail (ATLAS_IS_LENS (self), NULL);
  return self->name;
}

const char *
atlas_lens_get_original_description (AtlasLens *self)
{
  g_return_val_if_fail (ATLAS_IS_LENS (self), NULL);
  return self->description;
}

GHashTable *
atlas_lens_get_names (AtlasLens *self)
{
  g_return_val_if_fail (ATLAS_IS_LENS (self), NULL);
  return self->names;
}

GHashTable *
atlas_lens_get_descriptions (AtlasLens *self)
{
  g_return_val_if_fail (ATLAS_IS_LENS (self), NULL);
  return self->descriptions;
}

void
atlas_lens_set_translations (AtlasLens  *self,
                             GHashTable *names,
                             GHashTable *descriptions)
{
  g_return_if_fail (ATLAS_IS_LENS (self));

  set_table (&self->names, names);
  set_table (&self->descriptions, descriptions);
}

gboolean
atlas_lens_get_ordered (AtlasLens *self)
{
  g_return_val_if_fail (ATLAS_IS_LENS (self), FALSE);
  return self->ordered;
}

const char *
atlas_lens_get_opens (AtlasLens *self)
{
  g_return_val_if_fail (ATLAS_IS_LENS (self), NULL);
  return self->opens;
}

void
atlas_lens_set_opens (AtlasLens  *self,
                      const char *opens)
{
  g_return_if_fail (ATLAS_IS_LENS (self));
  atlas_set_str (&self->opens, opens);
}

const char *
atlas_lens_get_empty_label (AtlasLens  *self,
                            const char *date)
{
  if (self != NULL && !atlas_lens_is_open_at (self, date))
    /* Translators: a lens (say, a treaty) that does not apply yet at the date shown */
    return _("Not yet open");

  return _("No data");
}

gboolean
atlas_lens_is_open_at (AtlasLens  *self,
                       const char *date)
{
  g_return_val_if_fail (ATLAS_IS_LENS (self), FALSE);

  return self->opens == NULL || date == NULL || strcmp (date, self->opens) >= 0;
}

GListModel *
atlas_lens_get_categories (AtlasLens *self)
{
  g_return_val_if_fail (ATLAS_IS_LENS (self), NULL);
  return G_LIST_MODEL (self->categories);
}

guint
atlas_lens_get_n_categories (AtlasLens *self)
{
  g_return_val_if_fail (ATLAS_IS_LENS (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->categories));
}

int
atlas_lens_get_category_index (AtlasLens  *self,
                               const char *category_id)
{
  gpointer value;

  g_return_val_if_fail (ATLAS_IS_LENS (self), -1);

  if (category_id == NULL)
    return -1;

  value = g_hash_table_lookup (self->index_by_id, category_id);

  return value ? GPOINTER_TO_INT (value) - 1 : -1;
}

/* Returns a borrowed reference: the lens holds its categories. */
AtlasCategory *
atlas_lens_find_category (AtlasLens  *self,
                          const char *category_id)
{
  int index;
  g_autoptr(AtlasCategory) category = NULL;

  g_return_val_if_fail (ATLAS_IS_LENS (self), NULL);

  index = atlas_lens_get_category_index (self, category_id);
  if (index < 0)
    return NULL;

  category = g_list_model_get_item (G_LIST_MODEL (self->categories), index);

  return category;
}

void
atlas_lens_append_category (AtlasLens     *self,
                            AtlasCategory *category)
{
  guint n;

  g_return_if_fail (ATLAS_IS_LENS (self));
  g_return_if_fail (ATLAS_IS_CATEGORY (category));
  g_return_if_fail (atlas_lens_get_category_index (self, category->id) < 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->categories));
  g_list_store_append (self->categories, category);
  /* The key lives as long as the category, which the store keeps. */
  g_hash_table_insert (self->index_by_id, category->id, GINT_TO_POINTER (n + 1));
}
