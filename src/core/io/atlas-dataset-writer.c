/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Writing a dataset as canonical JSON: the same dataset gives the same
 * bytes, known members in the order of the README (the lists in
 * atlas-dataset-format-private.h), then the unknown ones as they were
 * read, laid out by the JSON writer (atlas-json-writer.c). */

#include "config.h"

#include "atlas-core-private.h"
#include "atlas-dataset-format-private.h"
#include "atlas-dataset-io.h"
#include "atlas-dataset-private.h"
#include "atlas-json-writer-private.h"
#include "atlas-translations.h"

/* Short, as every function here takes one. */
typedef AtlasJsonWriter Writer;

/* 0 is null */
static void
write_year_member (Writer     *w,
                   const char *key,
                   int         year)
{
  if (year == 0)
    atlas_json_writer_null_member (w, key);
  else
    atlas_json_writer_int_member (w, key, year);
}

/* Upper-case hex digits, as palettes (Okabe-Ito) are usually printed. */
static void
write_color_member (Writer     *w,
                    const char *key,
                    guint32     color)
{
  atlas_json_writer_item (w, key);
  g_string_append_printf (w->out, "\"#%06X\"", color & 0xffffff);
}

/* Unknown members go after the known ones, in the order they were read. */
static void
write_extra (Writer             *w,
             GBytes             *extra,
             const char * const *known)
{
  AtlasJsonReader r;
  gsize len;
  const char *text;

  if (extra == NULL)
    return;

  text = g_bytes_get_data (extra, &len);
  atlas_json_reader_init (&r, text, len, ATLAS_DATASET_MAX_DEPTH + 1);
  if (atlas_json_reader_begin_object (&r))
    while (atlas_json_reader_next_member (&r))
      {
        if (g_strv_contains (known, r.key->str))
          {
            atlas_json_reader_skip (&r);
            continue;
          }
        atlas_json_writer_item (w, r.key->str);
        atlas_json_writer_raw_value (w, &r);
      }
  /* The loader checked this text: it cannot fail. */
  g_warn_if_fail (r.error == ATLAS_JSON_ERROR_NONE);
  atlas_json_reader_clear (&r);
}

typedef void (*WriteItemFunc) (Writer   *w,
                               gpointer  item);

static void
write_list_member (Writer        *w,
                   const char    *key,
                   GListModel    *model,
                   WriteItemFunc  write_one)
{
  guint n = g_list_model_get_n_items (model);

  atlas_json_writer_item (w, key);
  atlas_json_writer_begin (w, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      atlas_json_writer_item (w, NULL);
      write_one (w, item);
    }
  atlas_json_writer_end (w, ']');
}

/* An array member that is left out when empty (the format's optional
 * lists: a dialogue's rounds, the subject's member changes). */
static void
write_optional_array_member (Writer        *w,
                             const char    *key,
                             GPtrArray     *items,
                             WriteItemFunc  write_one)
{
  if (items->len == 0)
    return;

  atlas_json_writer_item (w, key);
  atlas_json_writer_begin (w, '[');
  for (guint i = 0; i < items->len; i++)
    {
      atlas_json_writer_item (w, NULL);
      write_one (w, g_ptr_array_index (items, i));
    }
  atlas_json_writer_end (w, ']');
}

/* An object of indicators (lens id -> category id), of a partner or of
 * the subject: in the dataset's lens order, so that the same indicators
 * always give the same text; indicators of lenses the dataset lacks come
 * last, sorted (@ids, all the lenses with an indicator, comes sorted). */
typedef const char *(*IndicatorFunc) (gpointer    owner,
                                      const char *lens_id);

static void
write_indicators_member (Writer             *w,
                         AtlasDataset       *dataset,
                         const char * const *ids,
                         IndicatorFunc       indicator,
                         gpointer            owner)
{
  GListModel *lenses = atlas_dataset_get_lenses (dataset);
  guint n = g_list_model_get_n_items (lenses);

  atlas_json_writer_item (w, "indicators");
  atlas_json_writer_begin (w, '{');

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
      const char *category = indicator (owner, atlas_lens_get_id (lens));

      if (category != NULL)
        atlas_json_writer_string_member (w, atlas_lens_get_id (lens), category);
    }

  for (guint i = 0; ids[i] != NULL; i++)
    if (atlas_dataset_find_lens (dataset, ids[i]) == NULL)
      atlas_json_writer_string_member (w, ids[i], indicator (owner, ids[i]));

  atlas_json_writer_end (w, '}');
}

static void
write_source (Writer      *w,
              AtlasSource *source)
{
  atlas_json_writer_begin (w, '{');
  atlas_json_writer_string_member (w, "id", atlas_source_get_id (source));
  atlas_json_writer_string_member (w, "title", atlas_source_get_title (source));
  atlas_json_writer_string_member (w, "author", atlas_source_get_author (source));
  atlas_json_writer_int_member (w, "year", atlas_source_get_year (source));
  atlas_json_writer_string_member (w, "url", atlas_source_get_url (source));
  write_extra (w, atlas_extra_get (source), source_keys);
  atlas_json_writer_end (w, '}');
}

/* Optional: only when the dataset carries translations; languages sorted. */
static void
write_translations_member (Writer     *w,
                           const char *key,
                           GHashTable *translations)
{
  g_autoptr(GPtrArray) languages = atlas_translations_get_languages (translations);

  if (languages->len == 0)
    return;

  atlas_json_writer_item (w, key);
  atlas_json_writer_begin (w, '{');
  for (guint i = 0; i < languages->len; i++)
    {
      const char *language = g_ptr_array_index (languages, i);

      atlas_json_writer_string_member (w, language, g_hash_table_lookup (translations, language));
    }
  atlas_json_writer_end (w, '}');
}

/* A lens's and a category's name and description, each with its
 * translations */
static void
write_texts_members (Writer     *w,
                     const char *name,
                     GHashTable *names,
                     const char *description,
                     GHashTable *descriptions)
{
  atlas_json_writer_string_member (w, "name", name);
  write_translations_member (w, "names", names);
  atlas_json_writer_string_member (w, "description", description);
  write_translations_member (w, "descriptions", descriptions);
}

static void
write_category (Writer        *w,
                AtlasCategory *category)
{
  atlas_json_writer_begin (w, '{');
  atlas_json_writer_string_member (w, "id", atlas_category_get_id (category));
  write_texts_members (w, atlas_category_get_original_name (category), atlas_category_get_names (category),
                       atlas_category_get_original_description (category),
                       atlas_category_get_descriptions (category));
  write_color_member (w, "color", atlas_category_get_color (category));
  write_extra (w, atlas_extra_get (category), category_keys);
  atlas_json_writer_end (w, '}');
}

static void
write_lens (Writer    *w,
            AtlasLens *lens)
{
  atlas_json_writer_begin (w, '{');
  atlas_json_writer_string_member (w, "id", atlas_lens_get_id (lens));
  write_texts_members (w, atlas_lens_get_original_name (lens), atlas_lens_get_names (lens),
                       atlas_lens_get_original_description (lens), atlas_lens_get_descriptions (lens));
  atlas_json_writer_boolean_member (w, "ordered", atlas_lens_get_ordered (lens));
  if (atlas_lens_get_opens (lens) != NULL)
    atlas_json_writer_string_member (w, "opens", atlas_lens_get_opens (lens));
  write_list_member (w, "categories", atlas_lens_get_categories (lens),
                     (WriteItemFunc) write_category);
  write_extra (w, atlas_extra_get (lens), lens_keys);
  atlas_json_writer_end (w, '}');
}

static void
write_document (Writer        *w,
                AtlasDocument *document)
{
  atlas_json_writer_begin (w, '{');
  atlas_json_writer_string_member (w, "title", atlas_document_get_title (document));
  write_year_member (w, "year", atlas_document_get_year (document));
  atlas_json_writer_string_member (w, "url", atlas_document_get_url (document));
  write_extra (w, atlas_extra_get (document), document_keys);
  atlas_json_writer_end (w, '}');
}

static void
write_round (Writer     *w,
             AtlasRound *round)
{
  atlas_json_writer_begin (w, '{');
  atlas_json_writer_string_member (w, "date", round->date);
  atlas_json_writer_string_member (w, "place", round->place);
  if (round->number > 0)
    atlas_json_writer_int_member (w, "number", round->number);
  else
    atlas_json_writer_null_member (w, "number");
  atlas_json_writer_string_member (w, "url", round->url);
  atlas_json_writer_string_member (w, "note", round->note);
  write_extra (w, round->extra, round_keys);
  atlas_json_writer_end (w, '}');
}

static void
write_dialogue (Writer        *w,
                AtlasDialogue *dialogue)
{
  atlas_json_writer_begin (w, '{');
  atlas_json_writer_string_member (w, "name", atlas_dialogue_get_name (dialogue));
  atlas_json_writer_string_member (w, "frequency", atlas_dialogue_get_frequency (dialogue));
  atlas_json_writer_string_member (w, "level", atlas_dialogue_get_level (dialogue));
  write_year_member (w, "established", atlas_dialogue_get_established (dialogue));
  atlas_json_writer_string_member (w, "status", atlas_dialogue_get_status (dialogue));
  write_optional_array_member (w, "rounds", atlas_dialogue_get_rounds (dialogue),
                               (WriteItemFunc) write_round);
  write_extra (w, atlas_extra_get (dialogue), dialogue_keys);
  atlas_json_writer_end (w, '}');
}

static void
write_agreement (Writer         *w,
                 AtlasAgreement *agreement)
{
  atlas_json_writer_begin (w, '{');
  atlas_json_writer_string_member (w, "kind", atlas_agreement_get_kind (agreement));
  atlas_json_writer_string_member (w, "title", atlas_agreement_get_title (agreement));
  write_year_member (w, "signed", atlas_agreement_get_signed (agreement));
  write_year_member (w, "in_force", atlas_agreement_get_in_force (agreement));
  atlas_json_writer_string_member (w, "status", atlas_agreement_get_status (agreement));
  write_extra (w, atlas_extra_get (agreement), agreement_keys);
  atlas_json_writer_end (w, '}');
}

static void
write_source_ref (Writer         *w,
                  AtlasSourceRef *ref)
{
  atlas_json_writer_begin (w, '{');
  atlas_json_writer_string_member (w, "id", atlas_source_ref_get_id (ref));
  atlas_json_writer_string_member (w, "locator", atlas_source_ref_get_locator (ref));
  write_extra (w, atlas_extra_get (ref), source_ref_keys);
  atlas_json_writer_end (w, '}');
}

static void
write_history_entry (Writer            *w,
                     AtlasHistoryEntry *entry)
{
  atlas_json_writer_begin (w, '{');
  atlas_json_writer_string_member (w, "date", atlas_history_entry_get_date (entry));
  atlas_json_writer_string_member (w, "field", atlas_history_entry_get_field (entry));
  atlas_json_writer_string_member (w, "old", atlas_history_entry_get_old_value (entry));
  atlas_json_writer_string_member (w, "new", atlas_history_entry_get_new_value (entry));
  atlas_json_writer_string_member (w, "source", atlas_history_entry_get_source (entry));
  write_extra (w, atlas_extra_get (entry), history_keys);
  atlas_json_writer_end (w, '}');
}

static void
write_member_change (Writer            *w,
                     AtlasMemberChange *change)
{
  atlas_json_writer_begin (w, '{');
  atlas_json_writer_string_member (w, "date", change->date);
  atlas_json_writer_string_member (w, "id", change->id);
  atlas_json_writer_string_member (w, "change", change->change);
  atlas_json_writer_string_member (w, "source", change->source);
  write_extra (w, change->extra, member_change_keys);
  atlas_json_writer_end (w, '}');
}

static void
write_partner (Writer       *w,
               AtlasDataset *dataset,
               AtlasPartner *partner)
{
  atlas_json_writer_begin (w, '{');
  atlas_json_writer_string_member (w, "id", atlas_partner_get_id (partner));
  atlas_json_writer_string_member (w, "name", atlas_partner_get_name (partner));
  {
    g_auto(GStrv) ids = atlas_partner_dup_indicator_lenses (partner);

    write_indicators_member (w, dataset, (const char * const *) ids,
                             (IndicatorFunc) atlas_partner_get_indicator, partner);
  }
  write_list_member (w, "documents", atlas_partner_get_documents (partner),
                     (WriteItemFunc) write_document);
  write_list_member (w, "dialogues", atlas_partner_get_dialogues (partner),
                     (WriteItemFunc) write_dialogue);
  write_list_member (w, "agreements", atlas_partner_get_agreements (partner),
                     (WriteItemFunc) write_agreement);
  atlas_json_writer_string_member (w, "assessment", atlas_partner_get_assessment (partner));
  atlas_json_writer_string_member (w, "updated", atlas_partner_get_updated (partner));
  write_list_member (w, "sources", atlas_partner_get_sources (partner),
                     (WriteItemFunc) write_source_ref);
  write_list_member (w, "history", atlas_partner_get_history (partner),
                     (WriteItemFunc) write_history_entry);
  write_extra (w, atlas_extra_get (partner), partner_keys);
  atlas_json_writer_end (w, '}');
}

GBytes *
atlas_dataset_to_bytes (AtlasDataset *self)
{
  const char * const *members;
  GListModel *partners;
  guint n;
  Writer w;

  g_return_val_if_fail (ATLAS_IS_DATASET (self), NULL);

  members = atlas_dataset_get_members (self);
  /* Removed partners too: their history says when they were listed. */
  partners = atlas_dataset_get_all_partners (self);
  n = g_list_model_get_n_items (partners);

  /* About 40 kB a partner in a well-filled dataset. */
  atlas_json_writer_init (&w, 16 * 1024 + n * 40 * 1024);

  atlas_json_writer_begin (&w, '{');
  atlas_json_writer_string_member (&w, "format", ATLAS_DATASET_FORMAT_NAME);
  atlas_json_writer_int_member (&w, "schema_version", ATLAS_DATASET_SCHEMA_VERSION);
  atlas_json_writer_string_member (&w, "title", atlas_dataset_get_title (self));
  atlas_json_writer_string_member (&w, "as_of", atlas_dataset_get_as_of (self));
  write_list_member (&w, "sources", atlas_dataset_get_sources (self),
                     (WriteItemFunc) write_source);

  atlas_json_writer_item (&w, "subject");
  atlas_json_writer_begin (&w, '{');
  atlas_json_writer_string_member (&w, "name", atlas_dataset_get_subject_original_name (self));
  write_translations_member (&w, "names", atlas_dataset_get_subject_names (self));
  write_color_member (&w, "color", atlas_dataset_get_subject_color (self));
  atlas_json_writer_item (&w, "members");
  atlas_json_writer_begin (&w, '[');
  for (guint i = 0; members[i] != NULL; i++)
    {
      atlas_json_writer_item (&w, NULL);
      atlas_json_writer_string (&w, members[i]);
    }
  atlas_json_writer_end (&w, ']');
  write_optional_array_member (&w, "member_changes", atlas_dataset_get_member_changes (self),
                               (WriteItemFunc) write_member_change);
  {
    g_auto(GStrv) ids = atlas_dataset_dup_subject_indicator_lenses (self);

    /* Optional for the subject */
    if (ids[0] != NULL)
      write_indicators_member (&w, self, (const char * const *) ids,
                               (IndicatorFunc) atlas_dataset_get_subject_indicator, self);
  }
  write_extra (&w, atlas_dataset_get_subject_extra (self), subject_keys);
  atlas_json_writer_end (&w, '}');

  write_list_member (&w, "lenses", atlas_dataset_get_lenses (self), (WriteItemFunc) write_lens);

  atlas_json_writer_item (&w, "partners");
  atlas_json_writer_begin (&w, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);

      atlas_json_writer_item (&w, NULL);
      write_partner (&w, self, partner);
    }
  atlas_json_writer_end (&w, ']');

  write_extra (&w, atlas_extra_get (self), root_keys);
  atlas_json_writer_end (&w, '}');
  return atlas_json_writer_finish (&w);
}
