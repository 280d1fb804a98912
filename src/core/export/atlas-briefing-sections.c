/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What the briefing says, as blocks for the layout engine: the cover (the
 * title, the map and its caption, the at-a-glance matrix, the overdue
 * dialogues) and each partner's section (assessment, indicators, documents,
 * dialogues, agreements, sources, history), or a partner's fiche. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atlas-briefing-private.h"
#include "atlas-export-job.h"
#include "atlas-format-rules.h"
#include "atlas-text-layout.h"

/* Values longer than this are cut in the history table: the full current
 * text is in the section above it. */
#define MAX_HISTORY_VALUE 240

static double
luminance (guint32 color)
{
  return (0.2126 * ((color >> 16) & 0xff) +
          0.7152 * ((color >> 8) & 0xff) +
          0.0722 * (color & 0xff)) / 255.0;
}

/* The subject's colour marks the briefing, unless too pale to read. */
static guint32
accent_color (AtlasBriefing *self)
{
  guint32 color = atlas_dataset_get_subject_color (self->dataset);

  return luminance (color) < 0.55 ? color : TEXT_COLOR;
}

/* The app's labels for the enumerated fields (atlas-entries.c). */
static const char *
value_label (const char *value)
{
  return atlas_entry_value_get_label (value);
}

static char *
year_text (int year)
{
  return year > 0 ? g_strdup_printf ("%d", year) : NULL;
}

/* Takes @text; returns it cut to MAX_HISTORY_VALUE characters. */
static char *
shorten (char *text)
{
  char *cut;

  if (text == NULL || g_utf8_strlen (text, -1) <= MAX_HISTORY_VALUE)
    return text;

  cut = g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (text, MAX_HISTORY_VALUE) - text), text);
  g_free (text);
  return cut;
}

static void
add_chips (AtlasBriefing *self,
           AtlasPartner  *partner)
{
  GListModel *lenses = atlas_dataset_get_lenses (self->dataset);
  Block *block = _atlas_briefing_block_new (BLOCK_CHIPS);
  double x = 0, y = 0, row_height = 0;
  double pad_x = 6, pad_y = 3.5, swatch = 8, gap = 4, spacing = 5;

  block->cells = _atlas_briefing_cells_new ();
  block->space_before = 6;
  block->role = "P";

  for (guint i = 0; i < g_list_model_get_n_items (lenses); i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
      const char *category_id = atlas_partner_get_indicator (partner, atlas_lens_get_id (lens));
      AtlasCategory *category = category_id ? atlas_lens_find_category (lens, category_id) : NULL;
      g_autofree char *text = NULL;
      Cell cell = { 0 };

      /* Translators: an indicator chip, "Lens: Category" */
      text = g_strdup_printf (_("%s: %s"), atlas_lens_get_name (lens),
                              category ? atlas_category_get_name (category)
                                       : atlas_lens_get_empty_label (lens, atlas_dataset_get_as_of (self->dataset)));
      _atlas_briefing_cell_init (self, &cell, text, SMALL_SIZE, PANGO_WEIGHT_NORMAL,
                                 self->content_width - 2 * pad_x - swatch - gap);
      cell.has_swatch = TRUE;
      cell.swatch = category ? atlas_category_get_color (category) : ATLAS_MAP_NO_DATA_COLOR;
      cell.swatch_index = category ? atlas_lens_get_category_index (lens, category_id) : -1;
      cell.width = pad_x + swatch + gap + cell.text_width + pad_x;
      cell.height = MAX (cell.text_height, swatch) + 2 * pad_y;
      cell.color = TEXT_COLOR;

      if (x > 0 && x + cell.width > self->content_width)
        {
          x = 0;
          y += row_height + spacing;
          row_height = 0;
        }
      cell.x = x;
      cell.y = y;
      x += cell.width + spacing;
      row_height = MAX (row_height, cell.height);
      g_array_append_val (block->cells, cell);
    }

  block->height = y + row_height;
  if (block->cells->len > 0)
    _atlas_briefing_add_block (self, block);
  else
    _atlas_briefing_block_free (block);
}

/* A dialogue's last round as of the briefing's date ("6 Dec 2023, Brussels"),
 * or what makes it overdue ("No round since 6 Dec 2023", "No round
 * recorded"). */
static char *
last_round_text (AtlasBriefing *self,
                 AtlasDialogue *dialogue)
{
  const char *as_of = atlas_dataset_get_as_of (self->dataset);
  char *overdue = atlas_dialogue_dup_overdue_text (dialogue, as_of);
  const AtlasRound *last;
  g_autofree char *when = NULL;

  if (overdue != NULL)
    return overdue;

  last = atlas_dialogue_get_last_round (dialogue, as_of);
  if (last == NULL)
    return g_strdup ("");

  when = atlas_round_date_format_short (last->date);
  if (last->place == NULL)
    return g_steal_pointer (&when);

  /* Translators: a dialogue's last round: "6 Dec 2023, Brussels" */
  return g_strdup_printf (_("%s, %s"), when, last->place);
}

/* The dialogues overdue as of the dataset's date, partner by partner, on
 * the cover after the matrix; nothing when none is. */
static void
add_overdue (AtlasBriefing *self)
{
  const char *as_of = atlas_dataset_get_as_of (self->dataset);
  g_autofree char *date = atlas_format_display_date (as_of);
  g_autofree char *heading = NULL;
  const Column columns[] = {
    { _("Partner"), 0.22 },
    { _("Dialogue"), 0.46 },
    { _("Frequency"), 0.12 },
    { _("Last round"), 0.20 },
  };
  gboolean any = FALSE;
  Block *block;

  for (guint p = 0; p < self->partners->len && !any; p++)
    any = atlas_partner_count_overdue_dialogues (g_ptr_array_index (self->partners, p), as_of) > 0;
  if (!any)
    return;

  /* Translators: a heading in the briefing; %s is a date */
  heading = g_strdup_printf (_("Overdue dialogues, as of %s"), date);
  block = _atlas_briefing_add_subheading (self, heading);
  block->space_before = 14;
  block = _atlas_briefing_add_text (self, _("Active dialogues that have had no round for twice their frequency, "
                                            "or none on record."),
                                    SMALL_SIZE, PANGO_WEIGHT_NORMAL, SECONDARY_COLOR, 2);
  block->keep_with_next = TRUE;

  _atlas_briefing_add_table_header (self, columns, G_N_ELEMENTS (columns));
  for (guint p = 0; p < self->partners->len; p++)
    {
      AtlasPartner *partner = g_ptr_array_index (self->partners, p);
      GListModel *dialogues = atlas_partner_get_dialogues (partner);

      for (guint i = 0; i < g_list_model_get_n_items (dialogues); i++)
        {
          g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (dialogues, i);
          g_autofree char *last = NULL;
          const char *texts[4];

          if (!atlas_dialogue_is_overdue (dialogue, as_of))
            continue;

          last = last_round_text (self, dialogue);
          texts[0] = atlas_partner_get_display_name (partner);
          texts[1] = atlas_dialogue_get_name (dialogue);
          texts[2] = atlas_dialogue_get_frequency (dialogue);
          texts[3] = last;
          _atlas_briefing_add_row (self, columns, G_N_ELEMENTS (columns), texts, FALSE);
        }
    }
  _atlas_briefing_end_table (self);
}

/* "Source: author, title (year) · as of DATE" for every output. */
static char *
source_line (AtlasBriefing *self)
{
  return atlas_export_source_line (self->dataset);
}

/* A fiche's overline, "PARTNER FICHE · as of DATE": its page starts here. */
static void
add_fiche_overline (AtlasBriefing *self,
                    int            section)
{
  g_autofree char *date = atlas_format_display_date (atlas_dataset_get_as_of (self->dataset));
  g_autofree char *upper = g_utf8_strup (_("Partner fiche"), -1);
  /* Translators: above a partner fiche's title: "PARTNER FICHE · as of DATE" */
  g_autofree char *overline = g_strdup_printf (_("%s · as of %s"), upper, date);
  Block *block;

  block = _atlas_briefing_add_text (self, overline, SMALL_SIZE + 0.5, PANGO_WEIGHT_BOLD, accent_color (self), 0);
  block->new_page = TRUE;
  block->section = section;
  block->keep_with_next = TRUE;
}

/* The partner's name, an H1; the section starts there unless a fiche's
 * overline started it. */
static void
add_partner_title (AtlasBriefing *self,
                   AtlasPartner  *partner,
                   int            section)
{
  Block *block = _atlas_briefing_add_text (self, atlas_partner_get_display_name (partner), H1_SIZE,
                                           PANGO_WEIGHT_BOLD, TEXT_COLOR, self->fiche ? 4 : 30);

  /* A section starts on a new page rather than in the last quarter of one. */
  block->min_room = (self->page_height - MARGIN_TOP - MARGIN_BOTTOM) * 0.25;
  if (!self->fiche)
    block->section = section;
  block->keep_with_next = TRUE;
  block->role = "H1";
}

/* The assessment's paragraphs (split at blank lines), under a heading
 * only if there is one. */
static void
add_assessment (AtlasBriefing *self,
                AtlasPartner  *partner)
{
  g_auto(GStrv) paragraphs = g_strsplit (atlas_partner_get_assessment (partner), "\n\n", -1);

  for (guint i = 0, n = 0; paragraphs[i] != NULL; i++)
    {
      g_strstrip (paragraphs[i]);
      if (*paragraphs[i] == '\0')
        continue;
      if (n++ == 0)
        _atlas_briefing_add_subheading (self, _("Assessment"))->space_before = 10;
      _atlas_briefing_add_text (self, paragraphs[i], BODY_SIZE, PANGO_WEIGHT_NORMAL, TEXT_COLOR, n == 1 ? 4 : 6);
    }
}

/* A fiche's small locator map */
static void
add_locator_map (AtlasBriefing *self)
{
  Block *block = _atlas_briefing_add_block (self, _atlas_briefing_block_new (BLOCK_MAP));

  block->height = MIN (self->content_width / atlas_map_render_get_aspect (), self->page_height * 0.2);
  block->space_before = 10;
  block->role = "Figure";
}

/* "Title (year)", with its link */
static void
add_documents (AtlasBriefing *self,
               AtlasPartner  *partner)
{
  GListModel *documents = atlas_partner_get_documents (partner);

  if (g_list_model_get_n_items (documents) > 0)
    _atlas_briefing_add_subheading (self, _("Key documents"));
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AtlasDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *text = NULL;

      if (atlas_document_get_year (document) > 0)
        text = g_strdup_printf ("%s (%d)", atlas_document_get_title (document),
                                atlas_document_get_year (document));
      else
        text = g_strdup (atlas_document_get_title (document));
      _atlas_briefing_add_item (self, text, atlas_document_get_url (document), 0);
    }
}

static void
add_dialogues_table (AtlasBriefing *self,
                     AtlasPartner  *partner)
{
  GListModel *dialogues = atlas_partner_get_dialogues (partner);
  const Column columns[] = {
    { _("Dialogue"), 0.33 },
    { _("Level"), 0.13 },
    { _("Frequency"), 0.13 },
    { _("Since"), 0.08 },
    { _("Status"), 0.12 },
    { _("Last round"), 0.21 },
  };

  if (g_list_model_get_n_items (dialogues) == 0)
    return;

  _atlas_briefing_add_subheading (self, _("Dialogues"));
  _atlas_briefing_add_table_header (self, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < g_list_model_get_n_items (dialogues); i++)
    {
      g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (dialogues, i);
      g_autofree char *since = year_text (atlas_dialogue_get_established (dialogue));
      g_autofree char *last = last_round_text (self, dialogue);
      const char *texts[] = {
        atlas_dialogue_get_name (dialogue),
        value_label (atlas_dialogue_get_level (dialogue)),
        atlas_dialogue_get_frequency (dialogue),
        since,
        value_label (atlas_dialogue_get_status (dialogue)),
        last,
      };

      _atlas_briefing_add_row (self, columns, G_N_ELEMENTS (columns), texts, FALSE);
    }
  _atlas_briefing_end_table (self);
}

static void
add_agreements_table (AtlasBriefing *self,
                      AtlasPartner  *partner)
{
  GListModel *agreements = atlas_partner_get_agreements (partner);
  const Column columns[] = {
    { _("Agreement"), 0.40 },
    { _("Type"), 0.22 },
    { _("Signed"), 0.10 },
    { _("In force"), 0.10 },
    { _("Status"), 0.18 },
  };

  if (g_list_model_get_n_items (agreements) == 0)
    return;

  _atlas_briefing_add_subheading (self, _("Agreements"));
  _atlas_briefing_add_table_header (self, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < g_list_model_get_n_items (agreements); i++)
    {
      g_autoptr(AtlasAgreement) agreement = g_list_model_get_item (agreements, i);
      g_autofree char *signed_year = year_text (atlas_agreement_get_signed (agreement));
      g_autofree char *in_force = year_text (atlas_agreement_get_in_force (agreement));
      const char *texts[] = {
        atlas_agreement_get_title (agreement),
        value_label (atlas_agreement_get_kind (agreement)),
        signed_year,
        in_force,
        value_label (atlas_agreement_get_status (agreement)),
      };

      _atlas_briefing_add_row (self, columns, G_N_ELEMENTS (columns), texts, FALSE);
    }
  _atlas_briefing_end_table (self);
}

/* The end of the run of references from @start that cite the same work */
static guint
same_work_end (GListModel *sources,
               guint       start)
{
  g_autoptr(AtlasSourceRef) ref = g_list_model_get_item (sources, start);
  guint end = start + 1;

  while (end < g_list_model_get_n_items (sources))
    {
      g_autoptr(AtlasSourceRef) next = g_list_model_get_item (sources, end);

      if (!g_str_equal (atlas_source_ref_get_id (next), atlas_source_ref_get_id (ref)))
        break;
      end++;
    }
  return end;
}

/* "Author, title (year)", or the id of a work the dataset does not have */
static void
append_work (GString     *text,
             AtlasSource *source,
             const char  *id)
{
  if (source != NULL)
    atlas_export_append_work (text, source);
  else
    g_string_append (text, id);
}

/* The date of the profile, then the works cited. A work cited several
 * times in a row is named once, its places under it. */
static void
add_sources (AtlasBriefing *self,
             AtlasPartner  *partner)
{
  GListModel *sources = atlas_partner_get_sources (partner);
  g_autofree char *updated = atlas_format_display_date (atlas_partner_get_updated (partner));
  /* Translators: %s is a date */
  g_autofree char *line = g_strdup_printf (_("Profile last updated %s."), updated);

  _atlas_briefing_add_subheading (self, _("Last update and sources"));
  _atlas_briefing_add_text (self, line, BODY_SIZE, PANGO_WEIGHT_NORMAL, TEXT_COLOR, 4);

  for (guint i = 0, end; i < g_list_model_get_n_items (sources); i = end)
    {
      g_autoptr(AtlasSourceRef) ref = g_list_model_get_item (sources, i);
      const char *id = atlas_source_ref_get_id (ref);
      AtlasSource *source = atlas_dataset_find_source (self->dataset, id);
      g_autoptr(GString) text = g_string_new (NULL);

      end = same_work_end (sources, i);
      append_work (text, source, id);
      /* A fiche names the works, the briefing also the places in them. */
      if (end == i + 1 && !self->fiche && *atlas_source_ref_get_locator (ref) != '\0')
        g_string_append_printf (text, " — %s", atlas_source_ref_get_locator (ref));
      _atlas_briefing_add_item (self, text->str, source ? atlas_source_get_url (source) : NULL, 0);
      if (end > i + 1 && !self->fiche)
        ((Block *) g_ptr_array_index (self->blocks, self->blocks->len - 1))->keep_with_next = TRUE;

      for (guint j = i; end > i + 1 && !self->fiche && j < end; j++)
        {
          g_autoptr(AtlasSourceRef) place = g_list_model_get_item (sources, j);

          if (*atlas_source_ref_get_locator (place) != '\0')
            _atlas_briefing_add_item (self, atlas_source_ref_get_locator (place), NULL, 1);
        }
    }

  /* A fiche has no cover: it carries the credit itself. */
  if (self->fiche)
    {
      g_autofree char *credit = source_line (self);

      _atlas_briefing_add_text (self, credit, SMALL_SIZE, PANGO_WEIGHT_NORMAL, SECONDARY_COLOR, 10);
    }
}

/* A history entry's field and change ("old → new", values cut short), in
 * the lens's and categories' names for an indicator. */
static void
describe_change (AtlasBriefing      *self,
                 AtlasHistoryEntry  *entry,
                 char              **field_text,
                 char              **change)
{
  const char *field = atlas_history_entry_get_field (entry);
  const char *old_value = atlas_history_entry_get_old_value (entry);
  const char *new_value = atlas_history_entry_get_new_value (entry);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  AtlasLens *lens = NULL;

  if (g_str_has_prefix (field, "indicators."))
    lens = atlas_dataset_find_lens (self->dataset, field + strlen ("indicators."));

  if (lens != NULL)
    {
      AtlasCategory *old_category = old_value ? atlas_lens_find_category (lens, old_value) : NULL;
      AtlasCategory *new_category = new_value ? atlas_lens_find_category (lens, new_value) : NULL;

      *field_text = g_strdup (atlas_lens_get_name (lens));
      old_text = g_strdup (old_category ? atlas_category_get_name (old_category) : old_value);
      new_text = g_strdup (new_category ? atlas_category_get_name (new_category) : new_value);
    }
  else
    {
      *field_text = g_strdup (g_str_equal (field, "assessment") ? _("Assessment") : field);
      old_text = g_strdup (old_value);
      new_text = g_strdup (new_value);
    }

  old_text = shorten (old_text);
  new_text = shorten (new_text);

  /* Translators: a change in the history, old value → new value */
  *change = g_strdup_printf (_("%s → %s"),
                             old_text ? old_text : _("none"),
                             new_text ? new_text : _("none"));
}

/* The profile's history, a table; a fiche (for the minister's folder)
 * leaves it to the briefing. */
static void
add_history_table (AtlasBriefing *self,
                   AtlasPartner  *partner)
{
  GListModel *history = atlas_partner_get_history (partner);
  const Column columns[] = {
    { _("Date"), 0.15 },
    { _("Field"), 0.20 },
    { _("Change"), 0.40 },
    { _("Source"), 0.25 },
  };

  if (g_list_model_get_n_items (history) == 0 || self->fiche)
    return;

  _atlas_briefing_add_subheading (self, _("History"));
  _atlas_briefing_add_table_header (self, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, i);
      g_autofree char *date = atlas_format_display_date (atlas_history_entry_get_date (entry));
      g_autofree char *field_text = NULL;
      g_autofree char *change = NULL;
      const char *texts[4];

      describe_change (self, entry, &field_text, &change);
      texts[0] = date;
      texts[1] = field_text;
      texts[2] = change;
      texts[3] = atlas_history_entry_get_source (entry);
      _atlas_briefing_add_row (self, columns, G_N_ELEMENTS (columns), texts, FALSE);
    }
  _atlas_briefing_end_table (self);
}

/* A partner's section (or fiche): the bottom line first, the assessment,
 * then the indicators, then the tables. Sections with nothing to say are
 * left out. */
void
_atlas_briefing_add_section (AtlasBriefing *self,
                             AtlasPartner  *partner,
                             int            section)
{
  if (self->fiche)
    add_fiche_overline (self, section);
  add_partner_title (self, partner, section);
  add_assessment (self, partner);

  _atlas_briefing_add_subheading (self, _("Indicators"));
  add_chips (self, partner);
  if (self->fiche)
    add_locator_map (self);

  add_documents (self, partner);
  add_dialogues_table (self, partner);
  add_agreements_table (self, partner);
  add_sources (self, partner);
  add_history_table (self, partner);
}


static double
map_height (AtlasBriefing *self)
{
  return MIN (self->content_width / atlas_map_render_get_aspect (), self->page_height * 0.3);
}

/* What the map shows, for readers who cannot see it. */
char *
_atlas_briefing_map_alt_text (AtlasBriefing *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->lens == NULL)
    {
      g_string_append (text, _("World map of the partners."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  /* Translators: the start of a map's description for screen readers; %s is a lens */
  g_string_append_printf (text, _("World map coloured by %s."), atlas_lens_get_name (self->lens));
  for (int c = -1; c < (int) atlas_lens_get_n_categories (self->lens); c++)
    {
      g_autoptr(AtlasCategory) category = c >= 0 ? g_list_model_get_item (atlas_lens_get_categories (self->lens), c) : NULL;
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < self->partners->len; i++)
        {
          AtlasPartner *partner = g_ptr_array_index (self->partners, i);
          const char *id = atlas_partner_get_indicator (partner, atlas_lens_get_id (self->lens));
          AtlasCategory *found = id ? atlas_lens_find_category (self->lens, id) : NULL;

          if (found != category)
            continue;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, atlas_partner_get_display_name (partner));
        }
      if (names->len == 0)
        continue;
      /* Translators: in a map's description: a category, then the partners in it */
      g_string_append_printf (text, " %s: %s.", category ? atlas_category_get_name (category)
                                       : atlas_lens_get_empty_label (self->lens, atlas_dataset_get_as_of (self->dataset)),
                              names->str);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static double
cell_height (Cell *cell)
{
  return cell->text_height;
}

/* The widest piece of @text no line may break inside, at @size and
 * @weight: a word, or the part of a hyphenated word up to its hyphen
 * ("Multi-|stakeholder" may break there, "Intergovernmental" nowhere). */
static double
widest_word (AtlasBriefing *self,
             const char    *text,
             double         size,
             PangoWeight    weight)
{
  g_autofree char *line = atlas_text_layout_one_line (text ? text : "");
  double widest = 0;

  for (const char *p = line, *end; *p != '\0'; p = end)
    {
      g_autofree char *piece = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      double width;

      for (end = p; *end != '\0' && *end != ' ' && *end != '-'; end++)
        ;
      if (*end == '-')
        end++;
      if (end == p)
        {
          end++;
          continue;
        }
      piece = g_strndup (p, end - p);
      layout = _atlas_briefing_new_layout (self, piece, size, weight, 0);
      _atlas_briefing_layout_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }

  return widest;
}

/* The matrix's column widths, in points: the partners', each lens's (@n
 * of them); the page's is fixed. No column is narrower than its widest
 * word, so no name is cut or hyphenated; the rest of the width goes to
 * make the lenses' columns as equal as they can be. When the widest words
 * alone do not fit, the matrix's text is made smaller (*scale < 1) until
 * they do, down to 70 %. */
static void
matrix_widths (AtlasBriefing *self,
               GListModel    *lenses,
               double         available,
               double         swatch,
               double        *widths,
               double        *scale)
{
  guint n = g_list_model_get_n_items (lenses);
  g_autofree double *words = g_new0 (double, n + 1);
  g_autofree double *fixed = g_new0 (double, n + 1);
  g_autofree gboolean *at_min = g_new0 (gboolean, n + 1);
  double sum_words = 0, sum_fixed = 0, rest;
  guint n_free = n;

  /* The header's words (bold) and the cells' (after a swatch) */
  words[0] = widest_word (self, _("Partner"), SMALL_SIZE, PANGO_WEIGHT_BOLD);
  fixed[0] = COLUMN_GAP + 5;
  for (guint p = 0; p < self->partners->len; p++)
    words[0] = MAX (words[0], widest_word (self, atlas_partner_get_display_name (g_ptr_array_index (self->partners, p)),
                                           SMALL_SIZE + 0.5, PANGO_WEIGHT_SEMIBOLD));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
      GListModel *categories = atlas_lens_get_categories (lens);
      double header = widest_word (self, atlas_lens_get_name (lens), SMALL_SIZE, PANGO_WEIGHT_BOLD);
      double cells = widest_word (self, atlas_lens_get_empty_label (lens, atlas_dataset_get_as_of (self->dataset)),
                                  SMALL_SIZE, PANGO_WEIGHT_NORMAL);

      for (guint c = 0; c < g_list_model_get_n_items (categories); c++)
        {
          g_autoptr(AtlasCategory) category = g_list_model_get_item (categories, c);

          cells = MAX (cells, widest_word (self, atlas_category_get_name (category), SMALL_SIZE, PANGO_WEIGHT_NORMAL));
        }
      /* The header's text starts 4 points in, the cells' after the swatch */
      words[i + 1] = MAX (header, cells);
      fixed[i + 1] = COLUMN_GAP + 1 + (cells + swatch + 6 > header + 4 ? swatch + 6 : 4);
    }
  for (guint i = 0; i <= n; i++)
    {
      sum_words += words[i];
      sum_fixed += fixed[i];
    }

  *scale = 1;
  if (sum_words + sum_fixed > available && sum_words > 0)
    *scale = MAX ((available - sum_fixed) / sum_words, 0.7);
  for (guint i = 0; i <= n; i++)
    widths[i] = words[i] * *scale + fixed[i];
  if (*scale < 1)
    {
      /* Shared by what each needs */
      double total = 0;

      for (guint i = 0; i <= n; i++)
        total += widths[i];
      for (guint i = 0; i <= n; i++)
        widths[i] *= available / total;
      return;
    }

  /* The partners' column keeps its usual share if there is room */
  rest = available - widths[0];
  for (guint i = 1; i <= n; i++)
    rest -= widths[i];
  widths[0] += MIN (MAX (0.165 * self->content_width - widths[0], 0), rest);
  rest = available - widths[0];
  /* The lenses: equal, save those whose words need more */
  for (gboolean changed = TRUE; changed && n_free > 0;)
    {
      double share = rest / n_free;

      changed = FALSE;
      for (guint i = 1; i <= n; i++)
        if (!at_min[i] && widths[i] > share)
          {
            at_min[i] = TRUE;
            rest -= widths[i];
            n_free--;
            changed = TRUE;
          }
    }
  for (guint i = 1; i <= n; i++)
    if (!at_min[i])
      widths[i] = rest / n_free;
}

/* The at-a-glance matrix: every partner under every lens, with the page of
 * its section. */
static void
add_matrix (AtlasBriefing *self)
{
  GListModel *lenses = atlas_dataset_get_lenses (self->dataset);
  guint n_lenses = g_list_model_get_n_items (lenses);
  double page_share = 0.07;
  double swatch = 8;
  g_autofree double *widths = g_new0 (double, n_lenses + 1);
  double scale;
  g_autofree char *date = atlas_format_display_date (atlas_dataset_get_as_of (self->dataset));
  g_autofree char *heading = NULL;
  g_autofree char *note = NULL;
  Block *block;

  /* Translators: a heading in the briefing; %s is a date */
  heading = g_strdup_printf (_("At a glance, as of %s"), date);
  block = _atlas_briefing_add_subheading (self, heading);
  block->space_before = 14;

  if (self->order == ATLAS_BRIEFING_ORDER_CATEGORY && self->lens != NULL)
    /* Translators: %s is a lens, such as "Depth of cooperation" */
    note = g_strdup_printf (_("Partners by %s, then alphabetically; the page of each partner’s section on the right."),
                            atlas_lens_get_name (self->lens));
  else
    note = g_strdup (_("Partners in alphabetical order; the page of each partner’s section on the right."));
  block = _atlas_briefing_add_text (self, note, SMALL_SIZE, PANGO_WEIGHT_NORMAL, SECONDARY_COLOR, 2);
  block->keep_with_next = TRUE;

  matrix_widths (self, lenses, self->content_width * (1 - page_share), swatch, widths, &scale);

  /* The header row */
  {
    g_autoptr(GPtrArray) titles = g_ptr_array_new ();
    g_autofree Column *columns = g_new0 (Column, n_lenses + 2);

    columns[0] = (Column) { _("Partner"), widths[0] / self->content_width };
    for (guint i = 0; i < n_lenses; i++)
      {
        g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);

        /* Borrowed from the dataset, which outlives the row */
        columns[i + 1] = (Column) { atlas_lens_get_name (lens), widths[i + 1] / self->content_width };
      }
    columns[n_lenses + 1] = (Column) { _("Page"), page_share };
    self->row_scale = scale;
    block = _atlas_briefing_add_row (self, columns, n_lenses + 2, NULL, TRUE);
    self->row_scale = 1;
    block->keep_with_next = TRUE;
  }

  for (guint p = 0; p < self->partners->len; p++)
    {
      AtlasPartner *partner = g_ptr_array_index (self->partners, p);
      double x = 0;
      Cell name = { 0 };

      block = _atlas_briefing_block_new (BLOCK_CONTENTS_ROW);
      block->cells = _atlas_briefing_cells_new ();
      block->rule = TRUE;
      block->target = p;
      /* The matrix stays in one piece. */
      block->keep_with_next = p + 1 < self->partners->len;

      _atlas_briefing_cell_init (self, &name, atlas_partner_get_display_name (partner), (SMALL_SIZE + 0.5) * scale,
                                 PANGO_WEIGHT_SEMIBOLD, widths[0] - COLUMN_GAP);
      name.x = 4;
      name.y = ROW_PADDING;
      name.color = TEXT_COLOR;
      block->height = cell_height (&name) + 2 * ROW_PADDING;
      g_array_append_val (block->cells, name);
      x = widths[0];

      for (guint i = 0; i < n_lenses; i++)
        {
          g_autoptr(AtlasLens) lens = g_list_model_get_item (lenses, i);
          const char *category_id = atlas_partner_get_indicator (partner, atlas_lens_get_id (lens));
          AtlasCategory *category = category_id ? atlas_lens_find_category (lens, category_id) : NULL;
          Cell value = { 0 };

          _atlas_briefing_cell_init (self, &value, category ? atlas_category_get_name (category)
                                                       : atlas_lens_get_empty_label (lens, atlas_dataset_get_as_of (self->dataset)),
                                     SMALL_SIZE * scale, PANGO_WEIGHT_NORMAL, widths[i + 1] - COLUMN_GAP - swatch - 6);
          value.x = x + 4 + swatch + 6;
          value.y = ROW_PADDING;
          value.color = category ? TEXT_COLOR : SECONDARY_COLOR;
          value.has_swatch = TRUE;
          value.swatch = category ? atlas_category_get_color (category) : ATLAS_MAP_NO_DATA_COLOR;
          value.swatch_index = category ? atlas_lens_get_category_index (lens, category_id) : -1;
          block->height = MAX (block->height, cell_height (&value) + 2 * ROW_PADDING);
          g_array_append_val (block->cells, value);
          x += widths[i + 1];
        }

      self->last_row = block;
      _atlas_briefing_add_block (self, block);
    }
  _atlas_briefing_end_table (self);
}

void
_atlas_briefing_add_cover (AtlasBriefing *self)
{
  g_autofree char *date = atlas_format_display_date (atlas_dataset_get_as_of (self->dataset));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = atlas_format_display_date (today_iso);
  g_autofree char *overline = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *partners_text = NULL;
  g_autofree char *source = NULL;
  Block *block;

  /* Translators: above the title of an exported briefing */
  overline = g_utf8_strup (_("Briefing"), -1);
  /* No letter-spacing: it splits the word for search and copy. */
  _atlas_briefing_add_text (self, overline, SMALL_SIZE + 0.5, PANGO_WEIGHT_BOLD, accent_color (self), 0);

  block = _atlas_briefing_add_text (self, self->title, TITLE_SIZE, PANGO_WEIGHT_BOLD, TEXT_COLOR, 6);
  block->role = "H1";
  block->spec.spacing = -2 * PANGO_SCALE;
  _atlas_briefing_measure_lines (self, block);

  partners_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u partner", "%u partners",
                                                self->partners->len),
                                   self->partners->len);
  /* Translators: under a briefing's title: a date, "10 partners", today's date */
  meta = g_strdup_printf (_("As of %s · %s · Prepared %s"), date, partners_text, today);
  _atlas_briefing_add_text (self, meta, BODY_SIZE + 0.5, PANGO_WEIGHT_NORMAL, SECONDARY_COLOR, 8);

  block = _atlas_briefing_add_block (self, _atlas_briefing_block_new (BLOCK_MAP));
  block->height = map_height (self);
  block->space_before = 14;
  block->role = "Figure";
  block->keep_with_next = TRUE;

  source = source_line (self);
  if (self->lens != NULL && *atlas_lens_get_description (self->lens) != '\0')
    {
      g_autofree char *caption = g_strdup_printf ("%s: %s %s", atlas_lens_get_name (self->lens),
                                                  atlas_lens_get_description (self->lens), source);

      _atlas_briefing_add_text (self, caption, SMALL_SIZE, PANGO_WEIGHT_NORMAL, SECONDARY_COLOR, 5);
    }
  else
    _atlas_briefing_add_text (self, source, SMALL_SIZE, PANGO_WEIGHT_NORMAL, SECONDARY_COLOR, 5);

  if (self->partners->len > 0)
    {
      add_matrix (self);
      add_overdue (self);
    }
}

