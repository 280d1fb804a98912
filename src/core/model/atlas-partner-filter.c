/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The search keys and collation keys of each partner are computed once and
 * kept until its name or code changes, so that filtering as a key is typed
 * is a few substring searches per partner (see the filter-large bench). */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "atlas-iso-codes.h"
#include "atlas-partner-filter.h"

typedef struct
{
  AtlasPartner *partner;
  char         *words;       /* " word word ...", folded; NULL until needed */
  char         *collate_key; /* of the display name; NULL until needed */
  guint         generation;
  gulong        notify_id;
  gulong        indicators_id;
  gulong        changed_id;
} Entry;

struct _AtlasPartnerFilter
{
  GObject              parent_instance;

  GListModel          *partners;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkCustomFilter     *filter;
  GtkCustomSorter     *sorter;

  GHashTable          *entries;  /* AtlasPartner* -> Entry* */
  guint                generation;
  gulong               items_changed_id;

  char                *search;
  char               **tokens;   /* folded words of the search; NULL when empty */
  AtlasLens           *lens;
  AtlasPartnerSort     sort;
  char                *overdue_date;  /* only partners overdue then; NULL: all */
};

enum {
  PROP_0,
  PROP_PARTNERS,
  PROP_MODEL,
  PROP_SEARCH,
  PROP_LENS,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasPartnerFilter, atlas_partner_filter, G_TYPE_OBJECT)

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
atlas_partner_filter_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *words;
  gboolean in_word = FALSE;

  if (text == NULL)
    return g_strdup ("");

  /* Decompose so that "é" becomes "e" plus a mark we can drop; casefold
   * last, since folding may itself decompose ("ß" -> "ss"). */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  words = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_mark (c))
        continue;
      if (g_unichar_isalnum (c))
        {
          if (!in_word && words->len > 0)
            g_string_append_c (words, ' ');
          g_string_append_unichar (words, c);
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }

  folded = g_utf8_casefold (words->str, words->len);
  g_string_free (words, TRUE);

  return g_steal_pointer (&folded);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_signal_handler (&entry->notify_id, entry->partner);
  g_clear_signal_handler (&entry->indicators_id, entry->partner);
  g_clear_signal_handler (&entry->changed_id, entry->partner);
  g_clear_object (&entry->partner);
  g_free (entry->words);
  g_free (entry->collate_key);
  g_free (entry);
}

static Entry *
get_entry (AtlasPartnerFilter *self,
           AtlasPartner       *partner)
{
  return g_hash_table_lookup (self->entries, partner);
}

static const char *
entry_get_words (Entry *entry)
{
  if (entry->words == NULL)
    {
      AtlasPartner *partner = entry->partner;
      const char *id = atlas_partner_get_id (partner);
      g_autofree char *display = atlas_partner_filter_fold (atlas_partner_get_display_name (partner));
      g_autofree char *name = atlas_partner_filter_fold (atlas_partner_get_name (partner));
      g_autofree char *english = atlas_partner_filter_fold (atlas_iso_codes_get_name (id));
      g_autofree char *codes = NULL;
      g_autofree char *folded_codes = NULL;

      codes = g_strdup_printf ("%s %s", id ? id : "", id ? atlas_iso_codes_get_alpha3 (id) : "");
      folded_codes = atlas_partner_filter_fold (codes);
      /* A leading space lets " token" find the start of any word. */
      entry->words = g_strjoin (" ", "", display, name, english, folded_codes, NULL);
    }

  return entry->words;
}

static const char *
entry_get_collate_key (Entry *entry)
{
  if (entry->collate_key == NULL)
    entry->collate_key = g_utf8_collate_key (atlas_partner_get_display_name (entry->partner), -1);

  return entry->collate_key;
}

static gboolean
match_words (const char  *words,
             char       **tokens)
{
  char needle[256];

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      /* Tokens are short; a long one cannot be a word start anyway. */
      if (g_snprintf (needle, sizeof needle, " %s", tokens[i]) >= (int) sizeof needle)
        return FALSE;
      if (strstr (words, needle) == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  AtlasPartnerFilter *self = user_data;

  return atlas_partner_filter_matches (self, item);
}

static int
category_rank (AtlasPartnerFilter *self,
               AtlasPartner       *partner)
{
  int index = atlas_lens_get_category_index (self->lens,
                                             atlas_partner_get_indicator (partner,
                                                                          atlas_lens_get_id (self->lens)));

  /* "No data" goes last. */
  return index < 0 ? G_MAXINT : index;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  AtlasPartnerFilter *self = user_data;
  AtlasPartner *partner_a = (AtlasPartner *) a;
  AtlasPartner *partner_b = (AtlasPartner *) b;
  Entry *entry_a = get_entry (self, partner_a);
  Entry *entry_b = get_entry (self, partner_b);
  int result;

  if (self->sort == ATLAS_PARTNER_SORT_CATEGORY && self->lens != NULL)
    {
      int rank_a = category_rank (self, partner_a);
      int rank_b = category_rank (self, partner_b);

      if (rank_a != rank_b)
        return rank_a < rank_b ? -1 : 1;
    }

  /* Entries exist for every partner of the source list; a partner sorted
   * before its items-changed reached us is compared by name directly. */
  if (entry_a != NULL && entry_b != NULL)
    result = strcmp (entry_get_collate_key (entry_a), entry_get_collate_key (entry_b));
  else
    result = g_utf8_collate (atlas_partner_get_display_name (partner_a),
                             atlas_partner_get_display_name (partner_b));
  if (result != 0)
    return result;

  return g_strcmp0 (atlas_partner_get_id (partner_a), atlas_partner_get_id (partner_b));
}

static void
partner_notify_cb (AtlasPartner       *partner,
                   GParamSpec         *pspec,
                   AtlasPartnerFilter *self)
{
  const char *name = g_param_spec_get_name (pspec);
  Entry *entry;

  if (!g_str_equal (name, "id") && !g_str_equal (name, "name") &&
      !g_str_equal (name, "display-name"))
    return;

  entry = get_entry (self, partner);
  if (entry != NULL)
    {
      g_clear_pointer (&entry->words, g_free);
      g_clear_pointer (&entry->collate_key, g_free);
    }

  if (self->tokens != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* A dialogue or a round edited may make a partner overdue, or not. */
static void
partner_changed_cb (AtlasPartner       *partner,
                    AtlasPartnerFilter *self)
{
  if (self->overdue_date != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
partner_indicators_changed_cb (AtlasPartner       *partner,
                               const char         *lens_id,
                               AtlasPartnerFilter *self)
{
  if (self->sort == ATLAS_PARTNER_SORT_CATEGORY && self->lens != NULL &&
      g_strcmp0 (lens_id, atlas_lens_get_id (self->lens)) == 0)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* items-changed does not say which partners left, so mark the ones still
 * there and drop the rest; it is linear, and lists change rarely. */
static void
sync_entries (AtlasPartnerFilter *self)
{
  GHashTableIter iter;
  Entry *entry;
  guint n;

  self->generation++;
  n = self->partners ? g_list_model_get_n_items (self->partners) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (self->partners, i);

      entry = get_entry (self, partner);
      if (entry == NULL)
        {
          entry = g_new0 (Entry, 1);
          entry->partner = g_object_ref (partner);
          entry->notify_id = g_signal_connect (partner, "notify",
                                               G_CALLBACK (partner_notify_cb), self);
          entry->indicators_id = g_signal_connect (partner, "indicators-changed",
                                                   G_CALLBACK (partner_indicators_changed_cb), self);
          entry->changed_id = g_signal_connect (partner, "changed",
                                                G_CALLBACK (partner_changed_cb), self);
          g_hash_table_insert (self->entries, partner, entry);
        }
      entry->generation = self->generation;
    }

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (entry->generation != self->generation)
      g_hash_table_iter_remove (&iter);
}

static void
partners_items_changed_cb (GListModel         *partners,
                           guint               position,
                           guint               removed,
                           guint               added,
                           AtlasPartnerFilter *self)
{
  sync_entries (self);
}

static void
atlas_partner_filter_dispose (GObject *object)
{
  AtlasPartnerFilter *self = ATLAS_PARTNER_FILTER (object);

  if (self->partners != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->partners);
  g_clear_object (&self->partners);
  if (self->entries != NULL)
    g_hash_table_remove_all (self->entries);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->lens);

  G_OBJECT_CLASS (atlas_partner_filter_parent_class)->dispose (object);
}

static void
atlas_partner_filter_finalize (GObject *object)
{
  AtlasPartnerFilter *self = ATLAS_PARTNER_FILTER (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->tokens, g_strfreev);
  g_clear_pointer (&self->overdue_date, g_free);

  G_OBJECT_CLASS (atlas_partner_filter_parent_class)->finalize (object);
}

static void
atlas_partner_filter_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AtlasPartnerFilter *self = ATLAS_PARTNER_FILTER (object);

  switch (prop_id)
    {
    case PROP_PARTNERS:
      g_value_set_object (value, self->partners);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->sort_model);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_LENS:
      g_value_set_object (value, self->lens);
      break;
    case PROP_SORT:
      g_value_set_enum (value, self->sort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_partner_filter_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AtlasPartnerFilter *self = ATLAS_PARTNER_FILTER (object);

  switch (prop_id)
    {
    case PROP_PARTNERS:
      atlas_partner_filter_set_partners (self, g_value_get_object (value));
      break;
    case PROP_SEARCH:
      atlas_partner_filter_set_search (self, g_value_get_string (value));
      break;
    case PROP_LENS:
      atlas_partner_filter_set_lens (self, g_value_get_object (value));
      break;
    case PROP_SORT:
      atlas_partner_filter_set_sort (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_partner_filter_class_init (AtlasPartnerFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atlas_partner_filter_dispose;
  object_class->finalize = atlas_partner_filter_finalize;
  object_class->get_property = atlas_partner_filter_get_property;
  object_class->set_property = atlas_partner_filter_set_property;

  properties[PROP_PARTNERS] =
    g_param_spec_object ("partners", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LENS] =
    g_param_spec_object ("lens", NULL, NULL,
                         ATLAS_TYPE_LENS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL,
                       ATLAS_TYPE_PARTNER_SORT, ATLAS_PARTNER_SORT_NAME,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_partner_filter_init (AtlasPartnerFilter *self)
{
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (GTK_SORTER (self->sorter)));
}

AtlasPartnerFilter *
atlas_partner_filter_new (GListModel *partners)
{
  g_return_val_if_fail (!partners || G_IS_LIST_MODEL (partners), NULL);

  return g_object_new (ATLAS_TYPE_PARTNER_FILTER,
                       "partners", partners,
                       NULL);
}

GListModel *
atlas_partner_filter_get_model (AtlasPartnerFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_FILTER (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

GListModel *
atlas_partner_filter_get_partners (AtlasPartnerFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_FILTER (self), NULL);

  return self->partners;
}

void
atlas_partner_filter_set_partners (AtlasPartnerFilter *self,
                                   GListModel         *partners)
{
  g_return_if_fail (ATLAS_IS_PARTNER_FILTER (self));
  g_return_if_fail (!partners || G_IS_LIST_MODEL (partners));

  if (self->partners == partners)
    return;

  if (self->partners != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->partners);
  g_set_object (&self->partners, partners);

  /* Entries first: the models below sort as soon as they get the list. */
  sync_entries (self);
  if (partners != NULL)
    self->items_changed_id = g_signal_connect (partners, "items-changed",
                                               G_CALLBACK (partners_items_changed_cb), self);
  gtk_filter_list_model_set_model (self->filter_model, partners);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTNERS]);
}

const char *
atlas_partner_filter_get_search (AtlasPartnerFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_FILTER (self), NULL);

  return self->search;
}

void
atlas_partner_filter_set_search (AtlasPartnerFilter *self,
                                 const char         *search)
{
  g_autofree char *old_folded = NULL;
  g_autofree char *folded = NULL;
  GtkFilterChange change;

  g_return_if_fail (ATLAS_IS_PARTNER_FILTER (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;

  old_folded = self->tokens ? g_strjoinv (" ", self->tokens) : g_strdup ("");
  folded = atlas_partner_filter_fold (search);

  g_free (self->search);
  self->search = g_strdup (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);

  if (g_str_equal (old_folded, folded))
    return;

  g_clear_pointer (&self->tokens, g_strfreev);
  if (folded[0] != '\0')
    self->tokens = g_strsplit (folded, " ", -1);

  /* Typing on at the end of the last word only narrows what matched, and
   * deleting from the end only widens it: the model then re-checks only
   * the items that can change. */
  if (g_str_has_prefix (folded, old_folded))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (old_folded, folded))
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

AtlasLens *
atlas_partner_filter_get_lens (AtlasPartnerFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_FILTER (self), NULL);

  return self->lens;
}

void
atlas_partner_filter_set_lens (AtlasPartnerFilter *self,
                               AtlasLens          *lens)
{
  g_return_if_fail (ATLAS_IS_PARTNER_FILTER (self));
  g_return_if_fail (!lens || ATLAS_IS_LENS (lens));

  if (!g_set_object (&self->lens, lens))
    return;

  if (self->sort == ATLAS_PARTNER_SORT_CATEGORY)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENS]);
}

AtlasPartnerSort
atlas_partner_filter_get_sort (AtlasPartnerFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_FILTER (self), ATLAS_PARTNER_SORT_NAME);

  return self->sort;
}

void
atlas_partner_filter_set_sort (AtlasPartnerFilter *self,
                               AtlasPartnerSort    sort)
{
  g_return_if_fail (ATLAS_IS_PARTNER_FILTER (self));
  g_return_if_fail (sort == ATLAS_PARTNER_SORT_NAME || sort == ATLAS_PARTNER_SORT_CATEGORY);

  if (self->sort == sort)
    return;

  self->sort = sort;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

const char *
atlas_partner_filter_get_overdue_date (AtlasPartnerFilter *self)
{
  g_return_val_if_fail (ATLAS_IS_PARTNER_FILTER (self), NULL);

  return self->overdue_date;
}

void
atlas_partner_filter_set_overdue_date (AtlasPartnerFilter *self,
                                       const char         *date)
{
  g_return_if_fail (ATLAS_IS_PARTNER_FILTER (self));

  if (g_strcmp0 (self->overdue_date, date) == 0)
    return;

  /* Narrower when set from nothing, anything else when changed. */
  g_free (self->overdue_date);
  self->overdue_date = g_strdup (date);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

gboolean
atlas_partner_filter_matches (AtlasPartnerFilter *self,
                              AtlasPartner       *partner)
{
  Entry *entry;

  g_return_val_if_fail (ATLAS_IS_PARTNER_FILTER (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), FALSE);

  if (self->overdue_date != NULL &&
      atlas_partner_count_overdue_dialogues (partner, self->overdue_date) == 0)
    return FALSE;

  if (self->tokens == NULL)
    return TRUE;

  entry = get_entry (self, partner);
  if (entry != NULL)
    return match_words (entry_get_words (entry), self->tokens);

  /* Not (yet) in the source list: compute the keys once, uncached. */
  {
    Entry scratch = { .partner = partner };
    gboolean result = match_words (entry_get_words (&scratch), self->tokens);

    g_free (scratch.words);
    return result;
  }
}
