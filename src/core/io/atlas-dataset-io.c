/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Reading the model's objects from a dataset file: one reader per object of
 * the format (a source, a lens, a partner...), each checking its members
 * with the value readers of atlas-dataset-reading.c as it goes. A new member
 * of an object is read here, in that object's reader (and written in
 * atlas-dataset-writer.c, named in atlas-dataset-format-private.h).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "atlas-core-private.h"
#include "atlas-dataset-format-private.h"
#include "atlas-dataset-io.h"
#include "atlas-dataset-loader-private.h"
#include "atlas-dataset-private.h"
#include "atlas-entries-private.h"
#include "atlas-iso-codes.h"
#include "atlas-json-reader-private.h"
#include "atlas-safe-write.h"
#include "atlas-timeline.h"
#include "atlas-translations.h"

/* The model */

static gpointer
read_source (Loader     *l,
             const Path *path,
             guint       index)
{
  g_auto(Members) m;
  g_autofree char *id = NULL, *title = NULL, *author = NULL, *url = NULL;
  int year = 0;
  AtlasSource *source;

  if (!atlas_loader_members_begin (l, &m, path, source_keys))
    return NULL;

  while (atlas_loader_members_next (&m))
    switch (m.index)
      {
      case 0:
        if (atlas_loader_read_id (l, &m.member_path, '-', &id))
          {
            if (g_hash_table_contains (l->source_ids, id))
              atlas_loader_add_problem (l, &m.member_path, l->reader.value_offset,
                                        _("duplicate source id \"%s\""), id);
            else
              g_hash_table_add (l->source_ids, g_strdup (id));
          }
        break;
      case 1: atlas_loader_read_string (l, &m.member_path, FALSE, &title); break;
      case 2: atlas_loader_read_string (l, &m.member_path, FALSE, &author); break;
      case 3: atlas_loader_read_year (l, &m.member_path, FALSE, &year); break;
      case 4: atlas_loader_read_url (l, &m.member_path, &url); break;
      default: g_assert_not_reached ();
      }

  if (!atlas_loader_members_end (&m))
    return NULL;

  source = atlas_source_new_take (g_steal_pointer (&id), g_steal_pointer (&title),
                                  g_steal_pointer (&author), year, g_steal_pointer (&url));
  atlas_loader_members_keep_extra (&m, source);

  return source;
}

static AtlasMemberChange *
read_member_change (Loader     *l,
                    const Path *path)
{
  g_auto(Members) m;
  g_autofree char *date = NULL, *id = NULL, *change = NULL, *source = NULL;
  AtlasMemberChange *result;

  if (!atlas_loader_members_begin (l, &m, path, member_change_keys))
    return NULL;

  while (atlas_loader_members_next (&m))
    switch (m.index)
      {
      case 0: atlas_loader_read_date (l, &m.member_path, &date); break;
      case 1:
        if (atlas_loader_read_string (l, &m.member_path, FALSE, &id) && !atlas_iso_codes_is_valid_alpha2 (id))
          {
            atlas_loader_add_problem (l, &m.member_path, l->reader.value_offset,
                                      _("\"%s\" is not an ISO 3166-1 alpha-2 country code"), id);
            g_clear_pointer (&id, g_free);
          }
        break;
      case 2:
        atlas_loader_read_enum (l, &m.member_path, atlas_member_change_get_change_values (), &change);
        break;
      case 3: atlas_loader_read_string (l, &m.member_path, FALSE, &source); break;
      default: g_assert_not_reached ();
      }

  if (!atlas_loader_members_end (&m) || date == NULL || id == NULL || change == NULL ||
      !atlas_format_is_date (date) ||
      !g_strv_contains (atlas_member_change_get_change_values (), change))
    return NULL;

  result = atlas_member_change_new (date, id, change, source);
  result->extra = atlas_loader_members_steal_extra (&m);

  return result;
}

/* Offsets parallel to the changes kept */
static void
read_member_change_element (Loader     *l,
                            const Path *path,
                            guint       index,
                            gsize       offset,
                            gpointer    changes)
{
  AtlasMemberChange *change = read_member_change (l, path);

  if (change != NULL)
    {
      g_ptr_array_add (changes, change);
      g_array_append_val (l->member_change_offsets, offset);
    }
}

static void
read_member_changes (Loader       *l,
                     AtlasDataset *dataset,
                     const Path   *path)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_member_change_free);

  g_array_set_size (l->member_change_offsets, 0);
  if (atlas_loader_read_each (l, path, read_member_change_element, changes) < 0)
    return;

  atlas_dataset_set_member_changes (dataset, changes);
}

static void read_indicators (Loader       *l,
                             AtlasPartner *partner,
                             const Path   *path);

/* "names" or "descriptions": language tag -> text. A bad entry is a
 * problem of its own and the others are kept, as for indicators. */
static GHashTable *
read_translations (Loader     *l,
                   const Path *path)
{
  AtlasJsonType type = atlas_json_reader_peek (&l->reader);
  gsize offset = l->reader.value_offset;
  g_autoptr(GHashTable) translations = NULL;

  if (type != ATLAS_JSON_OBJECT)
    {
      const char *found = atlas_loader_skip_and_describe (l, type);

      if (found != NULL)
        atlas_loader_add_problem (l, path, offset,
                                  _("must be an object of translations (language code: text), not %s"), found);
      return NULL;
    }

  if (!atlas_json_reader_begin_object (&l->reader))
    return NULL;

  translations = atlas_translations_new ();
  while (atlas_json_reader_next_member (&l->reader))
    {
      g_autofree char *tag = g_strdup (l->reader.key->str);
      gsize key_offset = l->reader.key_offset;
      const Path *member_path = MEMBER (path, tag);
      g_autofree char *text = NULL;
      gsize value_offset;

      atlas_json_reader_peek (&l->reader);
      value_offset = l->reader.value_offset;
      if (!atlas_loader_read_string (l, member_path, FALSE, &text))
        {
          atlas_loader_note_error_path (l, member_path);
          if (!atlas_loader_reader_ok (l))
            break;
          continue;
        }

      if (!atlas_format_is_language_tag (tag))
        atlas_loader_add_problem (l, member_path, key_offset,
                                  _("\"%s\" is not a language code (such as \"fr\" or \"pt-BR\")"), tag);
      else if (g_hash_table_contains (translations, tag))
        atlas_loader_add_problem (l, member_path, key_offset, _("duplicate key \"%s\""), tag);
      else if (text[strspn (text, " \t\r\n")] == '\0')
        atlas_loader_add_problem (l, member_path, value_offset, _("a translation cannot be empty"));
      else
        g_hash_table_insert (translations, g_steal_pointer (&tag), g_steal_pointer (&text));
    }
  atlas_loader_note_error_path (l, path);

  if (g_hash_table_size (translations) == 0)
    return NULL;

  return g_steal_pointer (&translations);
}

/* The subject's members: ISO 3166-1 codes, each once */
typedef struct
{
  GPtrArray  *codes;
  GHashTable *seen;
} MembersRead;

static void
read_member_element (Loader     *l,
                     const Path *path,
                     guint       index,
                     gsize       offset,
                     gpointer    data)
{
  MembersRead *read = data;
  char *code = NULL;

  if (!atlas_loader_read_string (l, path, FALSE, &code))
    return;

  if (!atlas_iso_codes_is_valid_alpha2 (code))
    atlas_loader_add_problem (l, path, offset, _("\"%s\" is not an ISO 3166-1 alpha-2 country code"), code);
  else if (g_hash_table_contains (read->seen, code))
    atlas_loader_add_problem (l, path, offset, _("\"%s\" is listed twice"), code);
  else
    {
      g_hash_table_add (read->seen, code);
      g_ptr_array_add (read->codes, code);
      return;
    }
  g_free (code);
}

static void
read_subject (Loader       *l,
              AtlasDataset *dataset,
              const Path   *path)
{
  g_auto(Members) m;
  g_autofree char *name = NULL;
  guint32 color;

  if (!atlas_loader_members_begin (l, &m, path, subject_keys))
    return;
  m.optional = SUBJECT_OPTIONAL;

  while (atlas_loader_members_next (&m))
    switch (m.index)
      {
      case 0:
        atlas_loader_read_string (l, &m.member_path, FALSE, &name);
        atlas_dataset_set_subject_name (dataset, name);
        break;

      case 1:
        {
          g_autoptr(GHashTable) names = read_translations (l, &m.member_path);

          atlas_dataset_set_subject_names (dataset, names);
        }
        break;

      case 2:
        if (atlas_loader_read_color (l, &m.member_path, &color))
          {
            l->subject_color = color;
            l->has_subject_color = TRUE;
            atlas_dataset_set_subject_color (dataset, color);
          }
        break;

      case 3:
        {
          MembersRead read = {
            g_ptr_array_new_null_terminated (32, g_free, TRUE),
            g_hash_table_new (g_str_hash, g_str_equal),
          };
          g_autoptr(GPtrArray) codes = read.codes;
          g_autoptr(GHashTable) seen = read.seen;

          if (atlas_loader_read_each (l, &m.member_path, read_member_element, &read) < 0)
            break;
          atlas_dataset_set_members (dataset, (const char * const *) codes->pdata);
        }
        break;

      case 4:
        read_member_changes (l, dataset, &m.member_path);
        break;

      case 5:
        {
          guint partner_index = l->partner_index;

          g_clear_object (&l->subject_indicators);
          l->subject_indicators = atlas_partner_new ("", "");
          l->partner_index = SUBJECT_INDEX;
          read_indicators (l, l->subject_indicators, &m.member_path);
          l->partner_index = partner_index;
        }
        break;

      default:
        g_assert_not_reached ();
      }

  if (atlas_loader_members_end (&m))
    {
      g_autoptr(GBytes) extra = atlas_loader_members_steal_extra (&m);

      atlas_dataset_set_subject_extra (dataset, extra);
    }
}

/* A lens's and a category's name and description, each with its
 * translations: their members 1 to 4. */
typedef struct
{
  char       *name;
  GHashTable *names;
  char       *description;
  GHashTable *descriptions;
} Texts;

static void
texts_clear (Texts *texts)
{
  g_clear_pointer (&texts->name, g_free);
  g_clear_pointer (&texts->names, g_hash_table_unref);
  g_clear_pointer (&texts->description, g_free);
  g_clear_pointer (&texts->descriptions, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Texts, texts_clear)

static void
read_texts_member (Loader  *l,
                   Members *m,
                   Texts   *texts)
{
  switch (m->index)
    {
    case 1: atlas_loader_read_string (l, &m->member_path, FALSE, &texts->name); break;
    case 2:
      g_clear_pointer (&texts->names, g_hash_table_unref);
      texts->names = read_translations (l, &m->member_path);
      break;
    case 3: atlas_loader_read_string (l, &m->member_path, FALSE, &texts->description); break;
    case 4:
      g_clear_pointer (&texts->descriptions, g_hash_table_unref);
      texts->descriptions = read_translations (l, &m->member_path);
      break;
    default: g_assert_not_reached ();
    }
}

static AtlasCategory *
read_category (Loader     *l,
               const Path *path,
               guint       index,
               GHashTable *ids)
{
  g_auto(Members) m;
  g_autofree char *id = NULL;
  g_auto(Texts) texts = { NULL, };
  guint32 color = 0;
  AtlasCategory *category;

  if (!atlas_loader_members_begin (l, &m, path, category_keys))
    return NULL;
  m.optional = CATEGORY_OPTIONAL;

  while (atlas_loader_members_next (&m))
    switch (m.index)
      {
      case 0:
        if (atlas_loader_read_id (l, &m.member_path, '-', &id) && g_hash_table_contains (ids, id))
          {
            atlas_loader_add_problem (l, &m.member_path, l->reader.value_offset,
                                      _("duplicate category id \"%s\""), id);
            g_clear_pointer (&id, g_free);
          }
        break;
      case 1: case 2: case 3: case 4:
        read_texts_member (l, &m, &texts);
        break;
      case 5:
        if (atlas_loader_read_color (l, &m.member_path, &color))
          {
            ColorCheck check = { l->lens_index, index, color, l->reader.value_offset };

            g_array_append_val (l->color_checks, check);
          }
        break;
      default: g_assert_not_reached ();
      }

  if (!atlas_loader_members_end (&m) || id == NULL)
    return NULL;

  category = atlas_category_new (id, texts.name, texts.description, color);
  atlas_category_set_translations (category, texts.names, texts.descriptions);
  g_hash_table_add (ids, (gpointer) atlas_category_get_id (category));
  atlas_loader_members_keep_extra (&m, category);

  return category;
}

typedef struct
{
  GPtrArray  *categories;
  GHashTable *ids;        /* theirs, to find one twice */
} CategoriesRead;

static void
read_category_element (Loader     *l,
                       const Path *path,
                       guint       index,
                       gsize       offset,
                       gpointer    data)
{
  CategoriesRead *read = data;
  AtlasCategory *category = read_category (l, path, index, read->ids);

  if (category != NULL)
    g_ptr_array_add (read->categories, category);
}

static gpointer
read_lens (Loader     *l,
           const Path *path,
           guint       index)
{
  g_auto(Members) m;
  g_autofree char *id = NULL, *opens = NULL;
  g_auto(Texts) texts = { NULL, };
  gboolean ordered = FALSE;
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) category_ids = g_hash_table_new (g_str_hash, g_str_equal);
  gsize opens_offset = G_MAXSIZE;
  AtlasLens *lens;

  l->lens_index = index;

  if (!atlas_loader_members_begin (l, &m, path, lens_keys))
    return NULL;
  m.optional = LENS_OPTIONAL;

  while (atlas_loader_members_next (&m))
    switch (m.index)
      {
      case 0:
        if (atlas_loader_read_id (l, &m.member_path, '_', &id) && g_hash_table_contains (l->lenses, id))
          {
            atlas_loader_add_problem (l, &m.member_path, l->reader.value_offset,
                                      _("duplicate lens id \"%s\""), id);
            g_clear_pointer (&id, g_free);
          }
        break;
      case 1: case 2: case 3: case 4:
        read_texts_member (l, &m, &texts);
        break;
      case 5: atlas_loader_read_boolean (l, &m.member_path, &ordered); break;
      case 6:
        /* null: always open, as when the key is missing. */
        if (atlas_loader_read_string (l, &m.member_path, TRUE, &opens) && opens != NULL)
          {
            opens_offset = l->reader.value_offset;
            if (!atlas_format_is_date (opens))
              {
                g_autofree char *problem = atlas_format_check_date (opens);

                atlas_loader_add_problem (l, &m.member_path, opens_offset, "%s", problem);
                g_clear_pointer (&opens, g_free);
              }
          }
        break;
      case 7:
        {
          CategoriesRead read = { categories, category_ids };
          gsize offset;

          atlas_json_reader_peek (&l->reader);
          offset = l->reader.value_offset;
          if (atlas_loader_read_each (l, &m.member_path, read_category_element, &read) == 0 &&
              atlas_loader_reader_ok (l))
            atlas_loader_add_problem (l, &m.member_path, offset, _("a lens needs at least one category"));
        }
        break;
      default: g_assert_not_reached ();
      }

  if (!atlas_loader_members_end (&m) || id == NULL)
    return NULL;

  lens = atlas_lens_new (id, texts.name, texts.description, ordered);
  atlas_lens_set_translations (lens, texts.names, texts.descriptions);
  atlas_lens_set_opens (lens, opens);
  if (opens != NULL)
    {
      OpensCheck check = { lens, index, opens_offset };

      g_array_append_val (l->opens_checks, check);
    }
  for (guint i = 0; i < categories->len; i++)
    atlas_lens_append_category (lens, g_ptr_array_index (categories, i));
  atlas_loader_members_keep_extra (&m, lens);
  /* The key is the lens's own, alive as long as the table's reference. */
  g_hash_table_insert (l->lenses, (gpointer) atlas_lens_get_id (lens), g_object_ref (lens));

  return lens;
}

static gpointer
read_document (Loader     *l,
               const Path *path,
               guint       index)
{
  g_auto(Members) m;
  g_autofree char *title = NULL, *url = NULL;
  int year = 0;
  AtlasDocument *document;

  if (!atlas_loader_members_begin (l, &m, path, document_keys))
    return NULL;

  while (atlas_loader_members_next (&m))
    switch (m.index)
      {
      case 0: atlas_loader_read_string (l, &m.member_path, FALSE, &title); break;
      case 1: atlas_loader_read_year (l, &m.member_path, TRUE, &year); break;
      case 2: atlas_loader_read_url (l, &m.member_path, &url); break;
      default: g_assert_not_reached ();
      }

  if (!atlas_loader_members_end (&m))
    return NULL;

  document = atlas_document_new_take (g_steal_pointer (&title), year, g_steal_pointer (&url));
  atlas_loader_members_keep_extra (&m, document);

  return document;
}

static AtlasRound *
read_round (Loader     *l,
            const Path *path)
{
  g_auto(Members) m;
  g_autofree char *date = NULL, *place = NULL, *url = NULL, *note = NULL;
  int number = 0;
  AtlasRound *round;

  if (!atlas_loader_members_begin (l, &m, path, round_keys))
    return NULL;
  m.optional = ROUND_OPTIONAL;

  while (atlas_loader_members_next (&m))
    switch (m.index)
      {
      case 0:
        if (atlas_loader_read_string (l, &m.member_path, FALSE, &date) && !atlas_round_date_is_valid (date))
          {
            atlas_loader_add_problem (l, &m.member_path, l->reader.value_offset,
                                      _("\"%s\" is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"), date);
            g_clear_pointer (&date, g_free);
          }
        break;
      case 1: atlas_loader_read_string (l, &m.member_path, TRUE, &place); break;
      case 2:
        {
          AtlasJsonType type = atlas_json_reader_peek (&l->reader);
          gsize offset = l->reader.value_offset;
          gboolean is_integer = FALSE;
          gint64 value = 0;
          double real;

          if (type == ATLAS_JSON_NULL)
            atlas_json_reader_read_null (&l->reader);
          else if (type != ATLAS_JSON_NUMBER)
            {
              const char *found = atlas_loader_skip_and_describe (l, type);

              if (found != NULL)
                atlas_loader_add_problem (l, &m.member_path, offset,
                                          _("must be a whole number or null, not %s"), found);
            }
          else if (atlas_json_reader_read_number (&l->reader, &is_integer, &value, &real))
            {
              if (!is_integer || value < 1 || value > 10000)
                atlas_loader_add_problem (l, &m.member_path, offset,
                                          _("must be the number of the round (1, 2, 3...) or null"));
              else
                number = (int) value;
            }
        }
        break;
      case 3: atlas_loader_read_url (l, &m.member_path, &url); break;
      case 4: atlas_loader_read_string (l, &m.member_path, TRUE, &note); break;
      default: g_assert_not_reached ();
      }

  if (!atlas_loader_members_end (&m) || date == NULL)
    return NULL;

  round = atlas_round_new (date, place, number, url, note);
  round->extra = atlas_loader_members_steal_extra (&m);

  return round;
}

typedef struct
{
  GPtrArray  *rounds;
  const char *previous;  /* the last round's date */
} RoundsRead;

static void
read_round_element (Loader     *l,
                    const Path *path,
                    guint       index,
                    gsize       offset,
                    gpointer    data)
{
  RoundsRead *read = data;
  AtlasRound *round = read_round (l, path);

  if (round == NULL)
    return;

  if (read->previous != NULL && atlas_round_date_compare (round->date, read->previous) < 0)
    atlas_loader_add_problem (l, MEMBER (path, "date"), offset,
                              _("rounds run oldest first: %s comes after %s"),
                              round->date, read->previous);
  read->previous = round->date;
  g_ptr_array_add (read->rounds, round);
}

/* Takes nothing; gives the rounds read (NULL when the value is no array). */
static GPtrArray *
read_rounds (Loader     *l,
             const Path *path)
{
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_round_free);
  RoundsRead read = { rounds, NULL };

  if (atlas_loader_read_each (l, path, read_round_element, &read) < 0)
    return NULL;

  return atlas_loader_reader_ok (l) ? g_steal_pointer (&rounds) : NULL;
}

static gpointer
read_dialogue (Loader     *l,
               const Path *path,
               guint       index)
{
  g_auto(Members) m;
  g_autofree char *name = NULL, *frequency = NULL, *level = NULL, *status = NULL;
  int established = 0;
  g_autoptr(GPtrArray) rounds = NULL;
  AtlasDialogue *dialogue;

  if (!atlas_loader_members_begin (l, &m, path, dialogue_keys))
    return NULL;
  m.optional = DIALOGUE_OPTIONAL;

  while (atlas_loader_members_next (&m))
    switch (m.index)
      {
      case 0: atlas_loader_read_string (l, &m.member_path, FALSE, &name); break;
      case 1: atlas_loader_read_string (l, &m.member_path, TRUE, &frequency); break;
      case 2: atlas_loader_read_enum (l, &m.member_path, atlas_dialogue_get_level_values (), &level); break;
      case 3: atlas_loader_read_year (l, &m.member_path, TRUE, &established); break;
      case 4: atlas_loader_read_enum (l, &m.member_path, atlas_dialogue_get_status_values (), &status); break;
      case 5:
        g_clear_pointer (&rounds, g_ptr_array_unref);
        rounds = read_rounds (l, &m.member_path);
        break;
      default: g_assert_not_reached ();
      }

  if (!atlas_loader_members_end (&m))
    return NULL;

  dialogue = atlas_dialogue_new_take (g_steal_pointer (&name), g_steal_pointer (&frequency),
                                      g_steal_pointer (&level), established,
                                      g_steal_pointer (&status));
  if (rounds != NULL)
    atlas_dialogue_take_rounds (dialogue, g_steal_pointer (&rounds));
  atlas_loader_members_keep_extra (&m, dialogue);

  return dialogue;
}

static gpointer
read_agreement (Loader     *l,
                const Path *path,
                guint       index)
{
  g_auto(Members) m;
  g_autofree char *kind = NULL, *title = NULL, *status = NULL;
  int signed_year = 0, in_force = 0;
  AtlasAgreement *agreement;

  if (!atlas_loader_members_begin (l, &m, path, agreement_keys))
    return NULL;

  while (atlas_loader_members_next (&m))
    switch (m.index)
      {
      case 0: atlas_loader_read_enum (l, &m.member_path, atlas_agreement_get_kind_values (), &kind); break;
      case 1: atlas_loader_read_string (l, &m.member_path, FALSE, &title); break;
      case 2: atlas_loader_read_year (l, &m.member_path, TRUE, &signed_year); break;
      case 3: atlas_loader_read_year (l, &m.member_path, TRUE, &in_force); break;
      case 4: atlas_loader_read_enum (l, &m.member_path, atlas_agreement_get_status_values (), &status); break;
      default: g_assert_not_reached ();
      }

  if (!atlas_loader_members_end (&m))
    return NULL;

  agreement = atlas_agreement_new_take (g_steal_pointer (&kind), g_steal_pointer (&title),
                                        signed_year, in_force, g_steal_pointer (&status));
  atlas_loader_members_keep_extra (&m, agreement);

  return agreement;
}

static gpointer
read_source_ref (Loader     *l,
                 const Path *path,
                 guint       index)
{
  g_auto(Members) m;
  g_autofree char *id = NULL, *locator = NULL;
  gsize id_offset = G_MAXSIZE;
  AtlasSourceRef *ref;

  if (!atlas_loader_members_begin (l, &m, path, source_ref_keys))
    return NULL;

  while (atlas_loader_members_next (&m))
    switch (m.index)
      {
      case 0:
        if (atlas_loader_read_string (l, &m.member_path, FALSE, &id))
          id_offset = l->reader.value_offset;
        break;
      case 1: atlas_loader_read_string (l, &m.member_path, FALSE, &locator); break;
      default: g_assert_not_reached ();
      }

  if (!atlas_loader_members_end (&m))
    return NULL;

  ref = atlas_source_ref_new_take (g_steal_pointer (&id), g_steal_pointer (&locator));
  atlas_loader_members_keep_extra (&m, ref);

  if (id_offset != G_MAXSIZE)
    {
      SourceRefCheck check = { g_object_ref (ref), l->partner_index, index, id_offset };

      g_array_append_val (l->source_ref_checks, check);
    }

  return ref;
}

static gpointer
read_history_entry (Loader     *l,
                    const Path *path,
                    guint       index)
{
  g_auto(Members) m;
  g_autofree char *date = NULL, *field = NULL, *old_value = NULL, *new_value = NULL;
  g_autofree char *source = NULL;
  AtlasHistoryEntry *entry;
  HistoryCheck check = { l->partner_index, index, { 0, } };

  if (!atlas_loader_members_begin (l, &m, path, history_keys))
    return NULL;

  check.offsets[ATLAS_TIMELINE_PART_ENTRY] = m.offset;
  while (atlas_loader_members_next (&m))
    {
      switch (m.index)
        {
        case 0: atlas_loader_read_date (l, &m.member_path, &date); break;
        case 1:
          if (atlas_loader_read_string (l, &m.member_path, FALSE, &field) && field[0] == '\0')
            atlas_loader_add_problem (l, &m.member_path, l->reader.value_offset,
                                      _("must name the field that changed"));
          break;
        case 2: atlas_loader_read_string (l, &m.member_path, TRUE, &old_value); break;
        case 3: atlas_loader_read_string (l, &m.member_path, TRUE, &new_value); break;
        case 4: atlas_loader_read_string (l, &m.member_path, FALSE, &source); break;
        default: g_assert_not_reached ();
        }
      /* The readers peeked at the value: where it starts. */
      if (m.index < 4)
        check.offsets[ATLAS_TIMELINE_PART_DATE + m.index] = l->reader.value_offset;
    }

  if (!atlas_loader_members_end (&m))
    return NULL;

  for (guint i = 1; i < G_N_ELEMENTS (check.offsets); i++)
    if (check.offsets[i] == 0)
      check.offsets[i] = m.offset;
  g_array_append_val (l->history_checks, check);

  entry = atlas_history_entry_new_take (g_steal_pointer (&date), g_steal_pointer (&field),
                                        g_steal_pointer (&old_value),
                                        g_steal_pointer (&new_value),
                                        g_steal_pointer (&source));
  atlas_loader_members_keep_extra (&m, entry);

  return entry;
}

/* Lens and category ids are checked once the lenses are known. */
static void
read_indicators (Loader       *l,
                 AtlasPartner *partner,
                 const Path   *path)
{
  AtlasJsonType type = atlas_json_reader_peek (&l->reader);
  gsize offset = l->reader.value_offset;
  g_autoptr(GPtrArray) seen = NULL;

  if (type != ATLAS_JSON_OBJECT)
    {
      const char *found = atlas_loader_skip_and_describe (l, type);

      if (found != NULL)
        atlas_loader_add_problem (l, path, offset, _("must be an object, not %s"), found);
      return;
    }

  if (!atlas_json_reader_begin_object (&l->reader))
    return;

  seen = g_ptr_array_new_with_free_func (g_free);
  while (atlas_json_reader_next_member (&l->reader))
    {
      g_autofree char *lens_id = g_strdup (l->reader.key->str);
      gsize key_offset = l->reader.key_offset;
      const Path *member_path = MEMBER (path, lens_id);
      IndicatorCheck check;
      char *category_id = NULL;

      if (g_ptr_array_find_with_equal_func (seen, lens_id, g_str_equal, NULL))
        atlas_loader_add_problem (l, member_path, key_offset, _("duplicate key \"%s\""), lens_id);
      else
        g_ptr_array_add (seen, g_strdup (lens_id));

      {
        AtlasJsonType value_type = atlas_json_reader_peek (&l->reader);
        gsize value_offset = l->reader.value_offset;

        if (value_type != ATLAS_JSON_STRING)
          {
            const char *found = atlas_loader_skip_and_describe (l, value_type);

            if (found != NULL)
              atlas_loader_add_problem (l, member_path, value_offset,
                                        _("must be a category id (a string), not %s"), found);
            continue;
          }

        category_id = atlas_json_reader_read_string (&l->reader);
        if (category_id == NULL)
          {
            atlas_loader_note_error_path (l, member_path);
            break;
          }

        check.partner = g_object_ref (partner);
        check.partner_index = l->partner_index;
        check.lens_id = g_steal_pointer (&lens_id);
        check.category_id = category_id;
        check.key_offset = key_offset;
        check.value_offset = value_offset;
        g_array_append_val (l->indicator_checks, check);
      }
    }
  atlas_loader_note_error_path (l, path);
}

static gpointer
read_partner (Loader     *l,
              const Path *path,
              guint       index)
{
  g_auto(Members) m;
  g_autofree char *text = NULL;
  g_autoptr(AtlasPartner) partner = atlas_partner_new (NULL, NULL);

  l->partner_index = index;

  if (!atlas_loader_members_begin (l, &m, path, partner_keys))
    return NULL;

  while (atlas_loader_members_next (&m))
    switch (m.index)
      {
      case 0:
        if (!atlas_loader_read_string (l, &m.member_path, FALSE, &text))
          break;
        if (!atlas_iso_codes_is_valid_alpha2 (text))
          atlas_loader_add_problem (l, &m.member_path, l->reader.value_offset,
                                    _("\"%s\" is not an ISO 3166-1 alpha-2 country code"), text);
        else
          {
            gpointer first = g_hash_table_lookup (l->partner_ids, text);

            if (first != NULL)
              atlas_loader_add_problem (l, &m.member_path, l->reader.value_offset,
                                        _("duplicate partner \"%s\" (already at partners[%u])"),
                                        text, GPOINTER_TO_UINT (first) - 1);
            else
              g_hash_table_insert (l->partner_ids, g_strdup (text), GUINT_TO_POINTER (index + 1));
          }
        atlas_partner_set_id (partner, text);
        break;

      case 1:
        atlas_loader_read_string (l, &m.member_path, FALSE, &text);
        atlas_partner_set_name (partner, text);
        break;

      case 2:
        read_indicators (l, partner, &m.member_path);
        break;

      case 3:
        atlas_loader_read_entries (l, &m.member_path, read_document,
                                   atlas_partner_get_documents_store (partner));
        break;

      case 4:
        atlas_loader_read_entries (l, &m.member_path, read_dialogue,
                                   atlas_partner_get_dialogues_store (partner));
        break;

      case 5:
        atlas_loader_read_entries (l, &m.member_path, read_agreement,
                                   atlas_partner_get_agreements_store (partner));
        break;

      case 6:
        atlas_loader_read_string (l, &m.member_path, FALSE, &text);
        atlas_partner_set_assessment (partner, text);
        break;

      case 7:
        atlas_loader_read_date (l, &m.member_path, &text);
        atlas_partner_set_updated (partner, text);
        break;

      case 8:
        atlas_loader_read_entries (l, &m.member_path, read_source_ref,
                                   atlas_partner_get_sources_store (partner));
        break;

      case 9:
        atlas_loader_read_entries (l, &m.member_path, read_history_entry,
                                   atlas_partner_get_history_store (partner));
        break;

      default:
        g_assert_not_reached ();
      }

  if (!atlas_loader_members_end (&m))
    return NULL;

  atlas_loader_members_keep_extra (&m, partner);

  return g_steal_pointer (&partner);
}

AtlasDataset *
atlas_loader_read_root (Loader *l)
{
  g_autoptr(AtlasDataset) dataset = atlas_dataset_new ();
  g_auto(Members) m;
  g_autofree char *text = NULL;

  if (!atlas_loader_members_begin (l, &m, NULL, root_keys))
    return NULL;

  while (atlas_loader_members_next (&m))
    switch (m.index)
      {
      case 0:
        {
          gsize offset;

          atlas_json_reader_peek (&l->reader);
          offset = l->reader.value_offset;
          if (atlas_loader_read_string (l, &m.member_path, FALSE, &text) && strcmp (text, ATLAS_DATASET_FORMAT_NAME) == 0)
            l->format_ok = TRUE;
          else if (l->not_ours == NULL)
            l->not_ours = atlas_loader_pending_new (g_strdup ("format"), offset, NULL);
        }
        break;

      case 1:
        {
          AtlasJsonType type = atlas_json_reader_peek (&l->reader);
          gsize offset = l->reader.value_offset;
          gboolean is_integer = FALSE;
          gint64 version = 0;
          double number;

          if (type != ATLAS_JSON_NUMBER)
            {
              const char *found = atlas_loader_skip_and_describe (l, type);

              if (found != NULL)
                atlas_loader_add_problem (l, &m.member_path, offset, _("must be a whole number, not %s"), found);
            }
          else if (atlas_json_reader_read_number (&l->reader, &is_integer, &version, &number))
            {
              if (!is_integer)
                atlas_loader_add_problem (l, &m.member_path, offset,
                                          _("must be a whole number, not a number with a fraction"));
              else if (version > ATLAS_DATASET_SCHEMA_VERSION && l->too_new == NULL)
                l->too_new = atlas_loader_pending_new (g_strdup ("schema_version"), offset,
                               g_strdup_printf (_("the file has format version %lld"
                                                  ", this version of the app reads version %d only: "
                                                  "open it with a newer version of Cyber Diplomacy Atlas"),
                                                (long long) version, ATLAS_DATASET_SCHEMA_VERSION));
              else if (version < 1)
                atlas_loader_add_problem (l, &m.member_path, offset,
                                          _("format version %lld does not exist"), (long long) version);
            }
        }
        break;

      case 2:
        atlas_loader_read_string (l, &m.member_path, FALSE, &text);
        atlas_dataset_set_title (dataset, text);
        break;

      case 3:
        if (atlas_loader_read_date (l, &m.member_path, &text))
          {
            g_free (l->as_of);
            l->as_of = g_strdup (text);
          }
        atlas_dataset_set_as_of (dataset, text);
        break;

      case 4:
        atlas_loader_read_entries (l, &m.member_path, read_source, atlas_dataset_get_sources_store (dataset));
        break;

      case 5:
        read_subject (l, dataset, &m.member_path);
        break;

      case 6:
        {
          g_autoptr(GPtrArray) lenses = atlas_loader_read_array (l, &m.member_path, read_lens);

          for (guint i = 0; lenses != NULL && i < lenses->len; i++)
            atlas_dataset_append_lens (dataset, g_ptr_array_index (lenses, i));
        }
        break;

      case 7:
        {
          g_autoptr(GPtrArray) partners = atlas_loader_read_array (l, &m.member_path, read_partner);

          if (partners != NULL)
            atlas_dataset_splice_partners (dataset, (AtlasPartner **) partners->pdata,
                                           partners->len);
        }
        break;

      default:
        g_assert_not_reached ();
      }

  if (!atlas_loader_members_end (&m))
    return NULL;

  atlas_loader_members_keep_extra (&m, dataset);

  return g_steal_pointer (&dataset);
}

