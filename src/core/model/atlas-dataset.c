/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "atlas-core-private.h"
#include "atlas-dataset.h"
#include "atlas-dataset-private.h"
#include "atlas-translations.h"

struct _AtlasDataset
{
  GObject          parent_instance;

  char            *title;
  char            *as_of;
  GListStore      *sources;
  char            *subject_name;
  GHashTable      *subject_names;   /* language tag -> name, or NULL */
  guint32          subject_color;
  char             subject_color_string[8];
  char           **members;
  GPtrArray       *member_changes;  /* of AtlasMemberChange, file order */
  GBytes          *subject_extra;
  GHashTable      *subject_indicators;   /* lens id -> category id */
  GListStore      *lenses;
  /* Every partner in file order, removed ones too; "partners" holds the
   * ones listed at the dataset's date (see atlas-timeline.h, "partner"). */
  GListStore      *all_partners;
  GListStore      *partners;

  AtlasStoreWatch *sources_watch;
  AtlasStoreWatch *partners_watch;
};

G_DEFINE_FINAL_TYPE (AtlasDataset, atlas_dataset, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_AS_OF,
  PROP_SOURCES,
  PROP_SUBJECT_NAME,
  PROP_SUBJECT_COLOR,
  PROP_SUBJECT_COLOR_STRING,
  PROP_MEMBERS,
  PROP_LENSES,
  PROP_PARTNERS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
emit_changed (gpointer self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
atlas_dataset_notify (GObject    *object,
                      GParamSpec *pspec)
{
  emit_changed (object);
}

static void
atlas_dataset_dispose (GObject *object)
{
  AtlasDataset *self = (AtlasDataset *)object;

  g_clear_pointer (&self->sources_watch, atlas_store_watch_free);
  g_clear_pointer (&self->partners_watch, atlas_store_watch_free);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->all_partners)); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (G_LIST_MODEL (self->all_partners), i);

      g_signal_handlers_disconnect_by_data (partner, self);
    }

  G_OBJECT_CLASS (atlas_dataset_parent_class)->dispose (object);
}

static void
atlas_dataset_finalize (GObject *object)
{
  AtlasDataset *self = (AtlasDataset *)object;

  g_free (self->title);
  g_free (self->as_of);
  g_object_unref (self->sources);
  g_free (self->subject_name);
  g_clear_pointer (&self->subject_names, g_hash_table_unref);
  g_strfreev (self->members);
  g_ptr_array_unref (self->member_changes);
  g_clear_pointer (&self->subject_extra, g_bytes_unref);
  g_hash_table_unref (self->subject_indicators);
  g_object_unref (self->lenses);
  g_object_unref (self->partners);
  g_object_unref (self->all_partners);

  G_OBJECT_CLASS (atlas_dataset_parent_class)->finalize (object);
}

static void
atlas_dataset_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AtlasDataset *self = ATLAS_DATASET (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_AS_OF:
      g_value_set_string (value, self->as_of);
      break;
    case PROP_SOURCES:
      g_value_set_object (value, self->sources);
      break;
    case PROP_SUBJECT_NAME:
      g_value_set_string (value, self->subject_name);
      break;
    case PROP_SUBJECT_COLOR:
      g_value_set_uint (value, self->subject_color);
      break;
    case PROP_SUBJECT_COLOR_STRING:
      g_value_set_string (value, self->subject_color_string);
      break;
    case PROP_MEMBERS:
      g_value_set_boxed (value, self->members);
      break;
    case PROP_LENSES:
      g_value_set_object (value, self->lenses);
      break;
    case PROP_PARTNERS:
      g_value_set_object (value, self->partners);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_dataset_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AtlasDataset *self = ATLAS_DATASET (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      atlas_dataset_set_title (self, g_value_get_string (value));
      break;
    case PROP_AS_OF:
      atlas_dataset_set_as_of (self, g_value_get_string (value));
      break;
    case PROP_SUBJECT_NAME:
      atlas_dataset_set_subject_name (self, g_value_get_string (value));
      break;
    case PROP_SUBJECT_COLOR:
      atlas_dataset_set_subject_color (self, g_value_get_uint (value));
      break;
    case PROP_MEMBERS:
      atlas_dataset_set_members (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_dataset_class_init (AtlasDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_dataset_dispose;
  object_class->finalize = atlas_dataset_finalize;
  object_class->get_property = atlas_dataset_get_property;
  object_class->set_property = atlas_dataset_set_property;
  object_class->notify = atlas_dataset_notify;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AS_OF] =
    g_param_spec_string ("as-of", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT_NAME] =
    g_param_spec_string ("subject-name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT_COLOR] =
    g_param_spec_uint ("subject-color", NULL, NULL, 0, 0xffffff, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBJECT_COLOR_STRING] =
    g_param_spec_string ("subject-color-string", NULL, NULL, "#000000",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEMBERS] =
    g_param_spec_boxed ("members", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LENSES] =
    g_param_spec_object ("lenses", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTNERS] =
    g_param_spec_object ("partners", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasDataset::changed:
   *
   * Something in the dataset changed, however deep.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
atlas_dataset_init (AtlasDataset *self)
{
  self->title = g_strdup ("");
  self->as_of = g_strdup ("");
  self->subject_name = g_strdup ("");
  self->subject_indicators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_strlcpy (self->subject_color_string, "#000000", sizeof self->subject_color_string);
  self->members = g_new0 (char *, 1);
  self->member_changes = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_member_change_free);
  self->sources = g_list_store_new (ATLAS_TYPE_SOURCE);
  self->lenses = g_list_store_new (ATLAS_TYPE_LENS);
  self->partners = g_list_store_new (ATLAS_TYPE_PARTNER);
  self->all_partners = g_list_store_new (ATLAS_TYPE_PARTNER);

  self->sources_watch = atlas_store_watch_new (G_LIST_MODEL (self->sources), "notify",
                                               emit_changed, self);
  self->partners_watch = atlas_store_watch_new (G_LIST_MODEL (self->all_partners), "changed",
                                                emit_changed, self);
}

AtlasDataset *
atlas_dataset_new (void)
{
  return g_object_new (ATLAS_TYPE_DATASET, NULL);
}

const char *
atlas_dataset_get_title (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->title;
}

void
atlas_dataset_set_title (AtlasDataset *self,
                         const char   *title)
{
  g_return_if_fail (ATLAS_IS_DATASET (self));

  if (atlas_set_str (&self->title, title ? title : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
atlas_dataset_get_as_of (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->as_of;
}

void
atlas_dataset_set_as_of (AtlasDataset *self,
                         const char   *as_of)
{
  g_return_if_fail (ATLAS_IS_DATASET (self));

  if (atlas_set_str (&self->as_of, as_of ? as_of : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

GListModel *
atlas_dataset_get_sources (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->sources);
}

GListStore *
atlas_dataset_get_sources_store (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->sources;
}

/* Linear: a dataset cites a handful of sources. */
AtlasSource *
atlas_dataset_find_source (AtlasDataset *self,
                           const char   *id)
{
  guint n;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (guint i = 0; i < n; i++)
    {
      AtlasSource *source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      g_object_unref (source); /* the store keeps it */
      if (strcmp (atlas_source_get_id (source), id) == 0)
        return source;
    }

  return NULL;
}

const char *
atlas_dataset_get_subject_name (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return atlas_translations_pick (self->subject_names, self->subject_name);
}

const char *
atlas_dataset_get_subject_original_name (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->subject_name;
}

GHashTable *
atlas_dataset_get_subject_names (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->subject_names;
}

void
atlas_dataset_set_subject_names (AtlasDataset *self,
                                 GHashTable   *names)
{
  g_return_if_fail (ATLAS_IS_DATASET (self));

  if (atlas_translations_equal (self->subject_names, names))
    return;

  g_clear_pointer (&self->subject_names, g_hash_table_unref);
  self->subject_names = atlas_translations_copy (names);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT_NAME]);
}

void
atlas_dataset_set_subject_name (AtlasDataset *self,
                                const char   *name)
{
  g_return_if_fail (ATLAS_IS_DATASET (self));

  if (atlas_set_str (&self->subject_name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT_NAME]);
}

guint32
atlas_dataset_get_subject_color (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), 0);

  return self->subject_color;
}

const char *
atlas_dataset_get_subject_color_string (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->subject_color_string;
}

void
atlas_dataset_set_subject_color (AtlasDataset *self,
                                 guint32       color)
{
  g_return_if_fail (ATLAS_IS_DATASET (self));

  color &= 0xffffff;
  if (self->subject_color == color)
    return;

  self->subject_color = color;
  g_snprintf (self->subject_color_string, sizeof self->subject_color_string, "#%06x", color);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT_COLOR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT_COLOR_STRING]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
atlas_dataset_get_subject_indicator (AtlasDataset *self,
                                     const char   *lens_id)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return lens_id ? g_hash_table_lookup (self->subject_indicators, lens_id) : NULL;
}

void
atlas_dataset_set_subject_indicator (AtlasDataset *self,
                                     const char   *lens_id,
                                     const char   *category_id)
{
  g_return_if_fail (ATLAS_IS_DATASET (self));
  g_return_if_fail (lens_id != NULL);

  if (category_id == NULL)
    g_hash_table_remove (self->subject_indicators, lens_id);
  else
    g_hash_table_replace (self->subject_indicators, g_strdup (lens_id), g_strdup (category_id));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
atlas_dataset_dup_subject_indicator_lenses (AtlasDataset *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  g_hash_table_iter_init (&iter, self->subject_indicators);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_steal (ids, NULL);
}

void
atlas_dataset_copy_subject_indicators (AtlasDataset *self,
                                       AtlasDataset *from)
{
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (ATLAS_IS_DATASET (self));
  g_return_if_fail (ATLAS_IS_DATASET (from));

  g_hash_table_remove_all (self->subject_indicators);
  ids = atlas_dataset_dup_subject_indicator_lenses (from);
  for (guint i = 0; ids[i] != NULL; i++)
    atlas_dataset_set_subject_indicator (self, ids[i], atlas_dataset_get_subject_indicator (from, ids[i]));
}

const char * const *
atlas_dataset_get_members (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return (const char * const *) self->members;
}

void
atlas_dataset_set_members (AtlasDataset       *self,
                           const char * const *members)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (ATLAS_IS_DATASET (self));

  if (members == NULL)
    members = none;

  if (g_strv_equal ((const char * const *) self->members, members))
    return;

  g_strfreev (self->members);
  self->members = g_strdupv ((char **) members);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBERS]);
}

gboolean
atlas_dataset_is_member (AtlasDataset *self,
                         const char   *alpha2)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), FALSE);

  return alpha2 != NULL && g_strv_contains ((const char * const *) self->members, alpha2);
}

/* AtlasMemberChange */

G_DEFINE_BOXED_TYPE (AtlasMemberChange, atlas_member_change,
                     atlas_member_change_copy, atlas_member_change_free)

AtlasMemberChange *
atlas_member_change_new (const char *date,
                         const char *id,
                         const char *change,
                         const char *source)
{
  AtlasMemberChange *self = g_new0 (AtlasMemberChange, 1);

  self->date = g_strdup (date ? date : "");
  self->id = g_strdup (id ? id : "");
  self->change = g_strdup (change ? change : "");
  self->source = g_strdup (source ? source : "");

  return self;
}

AtlasMemberChange *
atlas_member_change_copy (const AtlasMemberChange *self)
{
  AtlasMemberChange *copy = atlas_member_change_new (self->date, self->id, self->change,
                                                     self->source);

  if (self->extra != NULL)
    copy->extra = g_bytes_ref (self->extra);

  return copy;
}

void
atlas_member_change_free (AtlasMemberChange *self)
{
  if (self == NULL)
    return;

  g_free (self->date);
  g_free (self->id);
  g_free (self->change);
  g_free (self->source);
  g_clear_pointer ((GBytes **) &self->extra, g_bytes_unref);
  g_free (self);
}

const char * const *
atlas_member_change_get_change_values (void)
{
  static const char * const values[] = { "joined", "left", NULL };

  return values;
}

GPtrArray *
atlas_dataset_get_member_changes (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return self->member_changes;
}

void
atlas_dataset_set_member_changes (AtlasDataset *self,
                                  GPtrArray    *changes)
{
  g_return_if_fail (ATLAS_IS_DATASET (self));

  if (changes == self->member_changes)
    return;

  g_ptr_array_set_size (self->member_changes, 0);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    g_ptr_array_add (self->member_changes,
                     atlas_member_change_copy (g_ptr_array_index (changes, i)));
  g_signal_emit_by_name (self, "changed");
}

static int
compare_change_dates (gconstpointer a,
                      gconstpointer b)
{
  const AtlasMemberChange *ca = *(const AtlasMemberChange * const *) a;
  const AtlasMemberChange *cb = *(const AtlasMemberChange * const *) b;

  return strcmp (ca->date, cb->date);
}

/* The member changes dated after @date, newest first (same date: last in
 * the file first), which is the order to undo them in. */
static GPtrArray *
changes_after (AtlasDataset *self,
               const char   *date)
{
  GPtrArray *after = g_ptr_array_new ();

  for (guint i = 0; date != NULL && i < self->member_changes->len; i++)
    {
      AtlasMemberChange *change = g_ptr_array_index (self->member_changes, i);

      if (strcmp (change->date, date) > 0)
        g_ptr_array_add (after, change);
    }

  /* Stable: entries of one date keep file order, then reversed whole. */
  g_ptr_array_sort (after, compare_change_dates);

  for (guint i = 0; i < after->len / 2; i++)
    {
      gpointer tmp = after->pdata[i];

      after->pdata[i] = after->pdata[after->len - 1 - i];
      after->pdata[after->len - 1 - i] = tmp;
    }

  return after;
}

gboolean
atlas_dataset_is_member_at (AtlasDataset *self,
                            const char   *alpha2,
                            const char   *date)
{
  g_autoptr(GPtrArray) after = NULL;
  gboolean member;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), FALSE);

  if (alpha2 == NULL)
    return FALSE;

  member = atlas_dataset_is_member (self, alpha2);
  after = changes_after (self, date);
  for (guint i = 0; i < after->len; i++)
    {
      AtlasMemberChange *change = g_ptr_array_index (after, i);

      if (strcmp (change->id, alpha2) == 0)
        member = strcmp (change->change, "left") == 0;
    }

  return member;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
atlas_dataset_dup_members_at (AtlasDataset *self,
                              const char   *date)
{
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) result = NULL;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  if (date == NULL || self->member_changes->len == 0)
    return g_strdupv (self->members);

  result = g_ptr_array_new_null_terminated (32, g_free, TRUE);
  for (guint i = 0; self->members[i] != NULL; i++)
    g_ptr_array_add (result, g_strdup (self->members[i]));

  after = changes_after (self, date);
  for (guint i = 0; i < after->len; i++)
    {
      AtlasMemberChange *change = g_ptr_array_index (after, i);
      guint index;
      gboolean found = g_ptr_array_find_with_equal_func (result, change->id, g_str_equal, &index);

      if (strcmp (change->change, "left") == 0 && !found)
        g_ptr_array_add (result, g_strdup (change->id));
      else if (strcmp (change->change, "joined") == 0 && found)
        g_ptr_array_remove_index (result, index);
    }

  g_ptr_array_sort (result, compare_strings);

  return (char **) g_ptr_array_steal (result, NULL);
}

GListModel *
atlas_dataset_get_lenses (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->lenses);
}

/* Linear: a dataset has a handful of lenses. Returns a borrowed reference. */
AtlasLens *
atlas_dataset_find_lens (AtlasDataset *self,
                         const char   *id)
{
  guint n;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->lenses));
  for (guint i = 0; i < n; i++)
    {
      AtlasLens *lens = g_list_model_get_item (G_LIST_MODEL (self->lenses), i);

      g_object_unref (lens);
      if (strcmp (atlas_lens_get_id (lens), id) == 0)
        return lens;
    }

  return NULL;
}

void
atlas_dataset_append_lens (AtlasDataset *self,
                           AtlasLens    *lens)
{
  g_return_if_fail (ATLAS_IS_DATASET (self));
  g_return_if_fail (ATLAS_IS_LENS (lens));

  g_list_store_append (self->lenses, lens);
  emit_changed (self);
}

GListModel *
atlas_dataset_get_partners (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->partners);
}

GListModel *
atlas_dataset_get_all_partners (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->all_partners);
}

guint
atlas_dataset_get_n_partners (AtlasDataset *self)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->partners));
}

/* Linear: a few hundred partners at most (there are 249 countries), and
 * looking up a hash table kept in step with every partner's id would cost
 * more in bookkeeping than it saves. Returns a borrowed reference. */
static AtlasPartner *
find_in (GListModel *model,
         const char *id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      AtlasPartner *partner = g_list_model_get_item (model, i);

      g_object_unref (partner);
      if (strcmp (atlas_partner_get_id (partner), id) == 0)
        return partner;
    }

  return NULL;
}

AtlasPartner *
atlas_dataset_find_partner (AtlasDataset *self,
                            const char   *id)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find_in (G_LIST_MODEL (self->partners), id);
}

AtlasPartner *
atlas_dataset_find_any_partner (AtlasDataset *self,
                                const char   *id)
{
  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find_in (G_LIST_MODEL (self->all_partners), id);
}

/* Puts @partner into the listed ones, or takes it out, as its history says
 * (a removal is an entry "partner": "listed" -> null). The listed ones keep
 * the file order. */
static void
sync_listed (AtlasDataset *self,
             AtlasPartner *partner)
{
  GListModel *all = G_LIST_MODEL (self->all_partners);
  GListModel *listed = G_LIST_MODEL (self->partners);
  gboolean is_listed = atlas_partner_is_listed (partner);
  guint position;
  guint n_listed, j = 0;

  if (g_list_store_find (self->partners, partner, &position))
    {
      if (!is_listed)
        g_list_store_remove (self->partners, position);
      return;
    }
  if (!is_listed || !g_list_store_find (self->all_partners, partner, &position))
    return;

  /* Its place: after the listed partners that come before it in the file. */
  n_listed = g_list_model_get_n_items (listed);
  for (guint i = 0; i < position && j < n_listed; i++)
    {
      g_autoptr(AtlasPartner) before = g_list_model_get_item (all, i);
      g_autoptr(AtlasPartner) next = g_list_model_get_item (listed, j);

      if (before == next)
        j++;
    }
  g_list_store_insert (self->partners, j, partner);
}

static void
partner_changed_cb (AtlasPartner *partner,
                    AtlasDataset *self)
{
  sync_listed (self, partner);
}

static void
watch_partner (AtlasDataset *self,
               AtlasPartner *partner)
{
  g_signal_connect_object (partner, "changed", G_CALLBACK (partner_changed_cb), self, 0);
}

void
atlas_dataset_add_partner (AtlasDataset *self,
                           AtlasPartner *partner)
{
  g_return_if_fail (ATLAS_IS_DATASET (self));
  g_return_if_fail (ATLAS_IS_PARTNER (partner));

  g_list_store_append (self->all_partners, partner);
  watch_partner (self, partner);
  sync_listed (self, partner);
}

void
atlas_dataset_insert_partner (AtlasDataset *self,
                              guint         position,
                              AtlasPartner *partner)
{
  GListModel *listed;
  guint at;

  g_return_if_fail (ATLAS_IS_DATASET (self));
  g_return_if_fail (ATLAS_IS_PARTNER (partner));

  /* Before the partner listed at @position now, wherever the file has it. */
  listed = G_LIST_MODEL (self->partners);
  at = g_list_model_get_n_items (G_LIST_MODEL (self->all_partners));
  if (position < g_list_model_get_n_items (listed))
    {
      g_autoptr(AtlasPartner) next = g_list_model_get_item (listed, position);

      g_list_store_find (self->all_partners, next, &at);
    }

  g_list_store_insert (self->all_partners, at, partner);
  watch_partner (self, partner);
  sync_listed (self, partner);
}

void
atlas_dataset_insert_partner_in_file (AtlasDataset *self,
                                      guint         position,
                                      AtlasPartner *partner)
{
  g_return_if_fail (ATLAS_IS_DATASET (self));
  g_return_if_fail (ATLAS_IS_PARTNER (partner));

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->all_partners)));
  g_list_store_insert (self->all_partners, position, partner);
  watch_partner (self, partner);
  sync_listed (self, partner);
}

int
atlas_dataset_remove_partner (AtlasDataset *self,
                              AtlasPartner *partner)
{
  guint position;
  int listed_position = -1;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), -1);
  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), -1);

  if (!g_list_store_find (self->all_partners, partner, &position))
    return -1;

  g_signal_handlers_disconnect_by_func (partner, partner_changed_cb, self);
  g_list_store_remove (self->all_partners, position);
  {
    guint at;

    if (g_list_store_find (self->partners, partner, &at))
      {
        g_list_store_remove (self->partners, at);
        listed_position = (int) at;
      }
  }

  /* A partner removed in its history is not listed: where it would go. */
  if (listed_position < 0)
    {
      GListModel *all = G_LIST_MODEL (self->all_partners);
      GListModel *listed = G_LIST_MODEL (self->partners);
      guint n_listed = g_list_model_get_n_items (listed), j = 0;

      for (guint i = 0; i < position && j < n_listed; i++)
        {
          g_autoptr(AtlasPartner) before = g_list_model_get_item (all, i);
          g_autoptr(AtlasPartner) next = g_list_model_get_item (listed, j);

          if (before == next)
            j++;
        }
      listed_position = (int) j;
    }

  return listed_position;
}

GBytes *
atlas_dataset_get_subject_extra (AtlasDataset *self)
{
  return self->subject_extra;
}

void
atlas_dataset_set_subject_extra (AtlasDataset *self,
                                 GBytes       *extra)
{
  if (extra != NULL)
    g_bytes_ref (extra);
  g_clear_pointer (&self->subject_extra, g_bytes_unref);
  self->subject_extra = extra;
}

static gboolean
is_item_at (GListModel *model,
            guint       position,
            gpointer    item)
{
  g_autoptr(GObject) there = g_list_model_get_item (model, position);

  return there == item;
}

/* Makes the lens list @lenses (the objects themselves), replacing only the
 * run between the common head and tail, so that views of the list keep the
 * rows of the lenses that stay. */
void
atlas_dataset_set_lenses (AtlasDataset  *self,
                          AtlasLens    **lenses,
                          guint          n_lenses)
{
  GListModel *model = G_LIST_MODEL (self->lenses);
  guint n = g_list_model_get_n_items (model);
  guint head = 0, tail = 0;

  while (head < n && head < n_lenses && is_item_at (model, head, lenses[head]))
    head++;
  while (tail < n - head && tail < n_lenses - head &&
         is_item_at (model, n - 1 - tail, lenses[n_lenses - 1 - tail]))
    tail++;
  if (head == n && head == n_lenses)
    return;

  g_list_store_splice (self->lenses, head, n - head - tail, (gpointer *) lenses + head, n_lenses - head - tail);
  emit_changed (self);
}

/* Loading fills a dataset nobody watches yet: one splice, no per-item signals. */
void
atlas_dataset_splice_partners (AtlasDataset  *self,
                               AtlasPartner **partners,
                               guint          n_partners)
{
  GListModel *all = G_LIST_MODEL (self->all_partners);
  g_autoptr(GPtrArray) listed = g_ptr_array_sized_new (n_partners);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (all, i);

      g_signal_handlers_disconnect_by_func (partner, partner_changed_cb, self);
    }
  g_list_store_splice (self->all_partners, 0, g_list_model_get_n_items (all),
                       (gpointer *) partners, n_partners);
  for (guint i = 0; i < n_partners; i++)
    {
      watch_partner (self, partners[i]);
      if (atlas_partner_is_listed (partners[i]))
        g_ptr_array_add (listed, partners[i]);
    }
  g_list_store_splice (self->partners, 0, g_list_model_get_n_items (G_LIST_MODEL (self->partners)),
                       listed->pdata, listed->len);
}
