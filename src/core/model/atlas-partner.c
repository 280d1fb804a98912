/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "atlas-core-private.h"
#include "atlas-dataset-private.h"
#include "atlas-iso-codes.h"
#include "atlas-partner.h"

struct _AtlasPartner
{
  GObject          parent_instance;

  char            *id;
  char            *name;
  char            *display_name; /* cache, NULL until asked for */
  GHashTable      *indicators;   /* lens id -> category id */
  GListStore      *documents;
  GListStore      *dialogues;
  GListStore      *agreements;
  GListStore      *sources;
  GListStore      *history;
  char            *assessment;
  char            *updated;

  AtlasStoreWatch *watches[5];
};

G_DEFINE_FINAL_TYPE (AtlasPartner, atlas_partner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_DOCUMENTS,
  PROP_DIALOGUES,
  PROP_AGREEMENTS,
  PROP_SOURCES,
  PROP_HISTORY,
  PROP_ASSESSMENT,
  PROP_UPDATED,
  N_PROPS
};

enum {
  INDICATORS_CHANGED,
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

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
atlas_partner_notify (GObject    *object,
                      GParamSpec *pspec)
{
  emit_changed (object);
}

static void
atlas_partner_dispose (GObject *object)
{
  AtlasPartner *self = (AtlasPartner *)object;

  for (guint i = 0; i < G_N_ELEMENTS (self->watches); i++)
    g_clear_pointer (&self->watches[i], atlas_store_watch_free);

  G_OBJECT_CLASS (atlas_partner_parent_class)->dispose (object);
}

static void
atlas_partner_finalize (GObject *object)
{
  AtlasPartner *self = (AtlasPartner *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->display_name);
  g_hash_table_unref (self->indicators);
  g_object_unref (self->documents);
  g_object_unref (self->dialogues);
  g_object_unref (self->agreements);
  g_object_unref (self->sources);
  g_object_unref (self->history);
  g_free (self->assessment);
  g_free (self->updated);

  G_OBJECT_CLASS (atlas_partner_parent_class)->finalize (object);
}

static void
atlas_partner_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AtlasPartner *self = ATLAS_PARTNER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, atlas_partner_get_display_name (self));
      break;
    case PROP_DOCUMENTS:
      g_value_set_object (value, self->documents);
      break;
    case PROP_DIALOGUES:
      g_value_set_object (value, self->dialogues);
      break;
    case PROP_AGREEMENTS:
      g_value_set_object (value, self->agreements);
      break;
    case PROP_SOURCES:
      g_value_set_object (value, self->sources);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_ASSESSMENT:
      g_value_set_string (value, self->assessment);
      break;
    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_partner_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AtlasPartner *self = ATLAS_PARTNER (object);

  switch (prop_id)
    {
    case PROP_ID:
      atlas_partner_set_id (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      atlas_partner_set_name (self, g_value_get_string (value));
      break;
    case PROP_ASSESSMENT:
      atlas_partner_set_assessment (self, g_value_get_string (value));
      break;
    case PROP_UPDATED:
      atlas_partner_set_updated (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_partner_class_init (AtlasPartnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_partner_dispose;
  object_class->finalize = atlas_partner_finalize;
  object_class->get_property = atlas_partner_get_property;
  object_class->set_property = atlas_partner_set_property;
  object_class->notify = atlas_partner_notify;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENTS] =
    g_param_spec_object ("documents", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIALOGUES] =
    g_param_spec_object ("dialogues", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGREEMENTS] =
    g_param_spec_object ("agreements", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ASSESSMENT] =
    g_param_spec_string ("assessment", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED] =
    g_param_spec_string ("updated", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtlasPartner::indicators-changed:
   * @lens_id: the lens whose indicator was set or cleared
   */
  signals[INDICATORS_CHANGED] =
    g_signal_new ("indicators-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
atlas_partner_init (AtlasPartner *self)
{
  self->id = g_strdup ("");
  self->name = g_strdup ("");
  self->assessment = g_strdup ("");
  self->updated = g_strdup ("");
  self->indicators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->documents = g_list_store_new (ATLAS_TYPE_DOCUMENT);
  self->dialogues = g_list_store_new (ATLAS_TYPE_DIALOGUE);
  self->agreements = g_list_store_new (ATLAS_TYPE_AGREEMENT);
  self->sources = g_list_store_new (ATLAS_TYPE_SOURCE_REF);
  self->history = g_list_store_new (ATLAS_TYPE_HISTORY_ENTRY);

  self->watches[0] = atlas_store_watch_new (G_LIST_MODEL (self->documents), "notify", emit_changed, self);
  self->watches[1] = atlas_store_watch_new (G_LIST_MODEL (self->dialogues), "notify", emit_changed, self);
  self->watches[2] = atlas_store_watch_new (G_LIST_MODEL (self->agreements), "notify", emit_changed, self);
  self->watches[3] = atlas_store_watch_new (G_LIST_MODEL (self->sources), "notify", emit_changed, self);
  self->watches[4] = atlas_store_watch_new (G_LIST_MODEL (self->history), "notify", emit_changed, self);
}

AtlasPartner *
atlas_partner_new (const char *id,
                   const char *name)
{
  return g_object_new (ATLAS_TYPE_PARTNER,
                       "id", id,
                       "name", name,
                       NULL);
}

const char *
atlas_partner_get_id (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);

  return self->id;
}

void
atlas_partner_set_id (AtlasPartner *self,
                      const char   *id)
{
  g_return_if_fail (ATLAS_IS_PARTNER (self));

  if (!atlas_set_str (&self->id, id ? id : ""))
    return;

  g_clear_pointer (&self->display_name, g_free);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
atlas_partner_get_name (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);

  return self->name;
}

void
atlas_partner_set_name (AtlasPartner *self,
                        const char   *name)
{
  g_return_if_fail (ATLAS_IS_PARTNER (self));

  if (!atlas_set_str (&self->name, name ? name : ""))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  if (!atlas_iso_codes_is_valid_alpha2 (self->id))
    {
      g_clear_pointer (&self->display_name, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
atlas_partner_get_display_name (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);

  if (self->display_name == NULL)
    {
      self->display_name = atlas_iso_codes_get_localized_name (self->id);
      if (self->display_name == NULL)
        self->display_name = g_strdup (self->name);
    }

  return self->display_name;
}

const char *
atlas_partner_get_indicator (AtlasPartner *self,
                             const char   *lens_id)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);
  g_return_val_if_fail (lens_id != NULL, NULL);

  return g_hash_table_lookup (self->indicators, lens_id);
}

void
atlas_partner_set_indicator (AtlasPartner *self,
                             const char   *lens_id,
                             const char   *category_id)
{
  g_return_if_fail (ATLAS_IS_PARTNER (self));
  g_return_if_fail (lens_id != NULL);

  if (g_strcmp0 (g_hash_table_lookup (self->indicators, lens_id), category_id) == 0)
    return;

  if (category_id == NULL)
    g_hash_table_remove (self->indicators, lens_id);
  else
    g_hash_table_replace (self->indicators, g_strdup (lens_id), g_strdup (category_id));

  g_signal_emit (self, signals[INDICATORS_CHANGED], 0, lens_id);
  emit_changed (self);
}

char **
atlas_partner_dup_indicator_lenses (AtlasPartner *self)
{
  g_autofree const char **keys = NULL;
  char **lenses;
  guint n = 0;

  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->indicators, &n);
  qsort (keys, n, sizeof (char *), compare_strings);
  lenses = g_new (char *, n + 1);
  for (guint i = 0; i < n; i++)
    lenses[i] = g_strdup (keys[i]);
  lenses[n] = NULL;

  return lenses;
}

GListModel *
atlas_partner_get_documents (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);
  return G_LIST_MODEL (self->documents);
}

GListStore *
atlas_partner_get_documents_store (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);
  return self->documents;
}

GListModel *
atlas_partner_get_dialogues (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);
  return G_LIST_MODEL (self->dialogues);
}

guint
atlas_partner_count_overdue_dialogues (AtlasPartner *self,
                                       const char   *date)
{
  guint n = 0;

  g_return_val_if_fail (ATLAS_IS_PARTNER (self), 0);

  for (guint i = 0; date != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->dialogues)); i++)
    {
      g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (G_LIST_MODEL (self->dialogues), i);

      if (atlas_dialogue_is_overdue (dialogue, date))
        n++;
    }

  return n;
}

GListStore *
atlas_partner_get_dialogues_store (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);
  return self->dialogues;
}

GListModel *
atlas_partner_get_agreements (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);
  return G_LIST_MODEL (self->agreements);
}

GListStore *
atlas_partner_get_agreements_store (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);
  return self->agreements;
}

GListModel *
atlas_partner_get_sources (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);
  return G_LIST_MODEL (self->sources);
}

GListStore *
atlas_partner_get_sources_store (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);
  return self->sources;
}

GListModel *
atlas_partner_get_history (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);
  return G_LIST_MODEL (self->history);
}

GListStore *
atlas_partner_get_history_store (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);
  return self->history;
}

gboolean
atlas_partner_is_listed (AtlasPartner *self)
{
  GListModel *history;
  guint n;
  AtlasHistoryEntry *last = NULL;

  g_return_val_if_fail (ATLAS_IS_PARTNER (self), FALSE);

  history = G_LIST_MODEL (self->history);
  n = g_list_model_get_n_items (history);
  for (guint i = 0; i < n; i++)
    {
      AtlasHistoryEntry *entry = g_list_model_get_item (history, i);

      /* The store keeps it alive. */
      g_object_unref (entry);
      if (g_strcmp0 (atlas_history_entry_get_field (entry), "partner") != 0)
        continue;
      if (last == NULL ||
          g_strcmp0 (atlas_history_entry_get_date (entry), atlas_history_entry_get_date (last)) >= 0)
        last = entry;
    }

  return last == NULL || atlas_history_entry_get_new_value (last) != NULL;
}

const char *
atlas_partner_get_assessment (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);

  return self->assessment;
}

void
atlas_partner_set_assessment (AtlasPartner *self,
                              const char   *assessment)
{
  g_return_if_fail (ATLAS_IS_PARTNER (self));

  if (atlas_set_str (&self->assessment, assessment ? assessment : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSESSMENT]);
}

const char *
atlas_partner_get_updated (AtlasPartner *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);

  return self->updated;
}

void
atlas_partner_set_updated (AtlasPartner *self,
                           const char   *updated)
{
  g_return_if_fail (ATLAS_IS_PARTNER (self));

  if (atlas_set_str (&self->updated, updated ? updated : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

AtlasPartner *
atlas_partner_copy (AtlasPartner *self)
{
  AtlasPartner *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (ATLAS_IS_PARTNER (self), NULL);

  copy = atlas_partner_new (self->id, self->name);
  g_hash_table_iter_init (&iter, self->indicators);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->indicators, g_strdup (key), g_strdup (value));
  atlas_list_store_copy_items (copy->documents, G_LIST_MODEL (self->documents),
                               (gpointer) atlas_document_copy);
  atlas_list_store_copy_items (copy->dialogues, G_LIST_MODEL (self->dialogues),
                               (gpointer) atlas_dialogue_copy);
  atlas_list_store_copy_items (copy->agreements, G_LIST_MODEL (self->agreements),
                               (gpointer) atlas_agreement_copy);
  atlas_list_store_copy_items (copy->sources, G_LIST_MODEL (self->sources),
                               (gpointer) atlas_source_ref_copy);
  atlas_list_store_copy_items (copy->history, G_LIST_MODEL (self->history),
                               (gpointer) atlas_history_entry_copy);
  atlas_partner_set_assessment (copy, self->assessment);
  atlas_partner_set_updated (copy, self->updated);
  atlas_extra_copy (copy, self);

  return copy;
}

static gboolean
indicators_equal (GHashTable *a,
                  GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;

  return TRUE;
}

gboolean
atlas_partner_equal (AtlasPartner *a,
                     AtlasPartner *b)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_PARTNER (b), FALSE);

  return
    strcmp (a->id, b->id) == 0 &&
    strcmp (a->name, b->name) == 0 &&
    indicators_equal (a->indicators, b->indicators) &&
    atlas_list_model_equal (G_LIST_MODEL (a->documents), G_LIST_MODEL (b->documents),
                            (GEqualFunc) atlas_document_equal) &&
    atlas_list_model_equal (G_LIST_MODEL (a->dialogues), G_LIST_MODEL (b->dialogues),
                            (GEqualFunc) atlas_dialogue_equal) &&
    atlas_list_model_equal (G_LIST_MODEL (a->agreements), G_LIST_MODEL (b->agreements),
                            (GEqualFunc) atlas_agreement_equal) &&
    atlas_list_model_equal (G_LIST_MODEL (a->sources), G_LIST_MODEL (b->sources),
                            (GEqualFunc) atlas_source_ref_equal) &&
    atlas_list_model_equal (G_LIST_MODEL (a->history), G_LIST_MODEL (b->history),
                            (GEqualFunc) atlas_history_entry_equal) &&
    strcmp (a->assessment, b->assessment) == 0 &&
    strcmp (a->updated, b->updated) == 0 &&
    atlas_extra_equal (a, b);
}

/* For read-only copies that share their entries with another partner (the
 * state as of a date, atlas-timeline.c): "changed" then follows only the
 * partner's own fields and list changes, not edits inside shared entries,
 * which spares one signal connection per entry. */
void
atlas_partner_stop_watching_entries (AtlasPartner *self)
{
  g_return_if_fail (ATLAS_IS_PARTNER (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->watches); i++)
    g_clear_pointer (&self->watches[i], atlas_store_watch_free);
}
