/* SPDX-License-Identifier: GPL-3.0-or-later */

/* An AtlasBriefing: its options, laying it out (the cover, the partners'
 * sections, an annex, then the pages) and what the PDF writer asks of it
 * (pages, sections, the maps' alternative texts). The other parts are
 * named in atlas-briefing-private.h. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atlas-briefing-private.h"
#include "atlas-format-rules.h"

typedef struct
{
  AtlasPartner *partner;
  char         *key;
  int           rank;
} SortItem;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const SortItem *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return strcmp (x->key, y->key);
}

/* Puts self->partners in the order chosen: by the name shown in the
 * user's language (collated), or by category first. */
static void
sort_partners (AtlasBriefing *self)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SortItem));
  GPtrArray *sorted = g_ptr_array_new_full (self->partners->len, g_object_unref);

  for (guint i = 0; i < self->partners->len; i++)
    {
      AtlasPartner *partner = g_ptr_array_index (self->partners, i);
      SortItem item = { partner, g_utf8_collate_key (atlas_partner_get_display_name (partner), -1), 0 };

      if (self->order == ATLAS_BRIEFING_ORDER_CATEGORY && self->lens != NULL)
        {
          const char *id = atlas_partner_get_indicator (partner, atlas_lens_get_id (self->lens));
          int index = id ? atlas_lens_get_category_index (self->lens, id) : -1;

          item.rank = index >= 0 ? index : G_MAXINT;
        }
      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_items);
  for (guint i = 0; i < items->len; i++)
    {
      SortItem *item = &g_array_index (items, SortItem, i);

      g_ptr_array_add (sorted, g_object_ref (item->partner));
      g_free (item->key);
    }

  g_ptr_array_unref (self->partners);
  self->partners = sorted;
}

AtlasBriefing *
atlas_briefing_new (AtlasDataset *dataset,
                    AtlasLens    *lens,
                    GPtrArray    *partners,
                    double        page_width,
                    double        page_height)
{
  AtlasBriefing *self;

  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (lens == NULL || ATLAS_IS_LENS (lens), NULL);
  g_return_val_if_fail (partners != NULL, NULL);
  g_return_val_if_fail (page_width > 2 * MARGIN_SIDE + 72, NULL);
  g_return_val_if_fail (page_height > MARGIN_TOP + MARGIN_BOTTOM + 72, NULL);

  self = g_new0 (AtlasBriefing, 1);
  self->dataset = g_object_ref (dataset);
  self->lens = lens ? g_object_ref (lens) : NULL;
  self->partners = g_ptr_array_copy (partners, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (self->partners, g_object_unref);
  self->page_width = page_width;
  self->page_height = page_height;
  self->row_scale = 1;
  self->content_width = page_width - 2 * MARGIN_SIDE;

  return self;
}

void
atlas_briefing_free (AtlasBriefing *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->dataset);
  g_clear_object (&self->lens);
  g_ptr_array_unref (self->partners);
  g_free (self->title);
  g_clear_pointer (&self->map, atlas_map_render_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->section_pages, g_array_unref);
  g_clear_pointer (&self->section_titles, g_ptr_array_unref);
  g_clear_pointer (&self->figure_alts, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_object (&self->drawn_layout);
  g_clear_object (&self->context);
  g_free (self->footer);
  if (self->annex_destroy != NULL)
    self->annex_destroy (self->annex_data);
  g_free (self);
}

void
atlas_briefing_set_title (AtlasBriefing *self,
                          const char    *title)
{
  g_return_if_fail (self != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
}

void
atlas_briefing_set_hatch (AtlasBriefing *self,
                          gboolean       hatch)
{
  g_return_if_fail (self != NULL);

  self->hatch = !!hatch;
}

gboolean
atlas_briefing_paginate (AtlasBriefing  *self,
                         GCancellable   *cancellable,
                         GError        **error)
{
  cairo_font_options_t *options;
  g_autofree char *date = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->section_pages, g_array_unref);
  g_clear_pointer (&self->section_titles, g_ptr_array_unref);
  g_clear_pointer (&self->map, atlas_map_render_free);
  g_clear_pointer (&self->figure_alts, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_object (&self->drawn_layout);
  self->drawn = NULL;
  self->kept = 0;
  g_clear_pointer (&self->footer, g_free);
  g_clear_object (&self->context);

  sort_partners (self);

  if (self->title == NULL)
    self->title = g_strdup (atlas_dataset_get_title (self->dataset));

  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* Unhinted metrics: the layout does not depend on the device, so a page
   * prints as it exports. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  self->map = atlas_map_render_new (atlas_world_get_default (), self->dataset, self->lens);
  atlas_map_render_set_partners (self->map, self->partners);
  atlas_map_render_set_hatch (self->map, self->hatch);
  atlas_map_render_set_label_size (self->map, MAP_LABEL_SIZE);
  /* A fiche's locator map is small: outlines at 150 dpi are plenty, and
   * keep a one-page fiche quick to write. */
  if (self->fiche)
    atlas_map_render_set_detail (self->map, 150.0 / 72.0);

  date = atlas_format_display_date (atlas_dataset_get_as_of (self->dataset));
  /* Translators: a briefing's footer: its title and a date */
  self->footer = g_strdup_printf (_("%s — as of %s"), self->title, date);

  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _atlas_briefing_block_free);
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->section_pages = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (self->section_pages, self->partners->len);
  self->section_titles = g_ptr_array_new_with_free_func (g_free);

  self->owner = -1;
  if (!self->fiche)
    _atlas_briefing_add_cover (self);
  for (guint i = 0; i < self->partners->len; i++)
    {
      AtlasPartner *partner = g_ptr_array_index (self->partners, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_ptr_array_add (self->section_titles, g_strdup (atlas_partner_get_display_name (partner)));
      self->owner = i;
      _atlas_briefing_add_section (self, partner, i);
    }

  /* Annexes run no "(continued)" header. */
  self->owner = -1;
  self->last_row = NULL;
  if (self->annex_func != NULL)
    {
      self->annex_func (self, self->annex_data);
      _atlas_briefing_end_table (self);
    }

  self->figure_alts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->blocks->len; i++)
    if (((Block *) g_ptr_array_index (self->blocks, i))->kind == BLOCK_MAP)
      g_ptr_array_add (self->figure_alts, _atlas_briefing_map_alt_text (self));

  _atlas_briefing_cut_pages (self);

  return TRUE;
}

guint
atlas_briefing_get_n_pages (AtlasBriefing *self)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->pages != NULL, 0);

  return self->pages->len;
}

guint
atlas_briefing_get_n_sections (AtlasBriefing *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->section_titles ? self->section_titles->len : 0;
}

const char *
atlas_briefing_get_section_title (AtlasBriefing *self,
                                  guint          section)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (section < atlas_briefing_get_n_sections (self), NULL);

  return g_ptr_array_index (self->section_titles, section);
}

guint
atlas_briefing_get_section_page (AtlasBriefing *self,
                                 guint          section)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (section < atlas_briefing_get_n_sections (self), 0);

  return g_array_index (self->section_pages, guint, section);
}

void
atlas_briefing_set_order (AtlasBriefing      *self,
                          AtlasBriefingOrder  order)
{
  g_return_if_fail (self != NULL);

  self->order = order;
}

void
atlas_briefing_set_fiche (AtlasBriefing *self,
                          gboolean       fiche)
{
  g_return_if_fail (self != NULL);

  self->fiche = !!fiche;
}

void
atlas_briefing_set_tagged (AtlasBriefing *self,
                           gboolean       tagged)
{
  g_return_if_fail (self != NULL);

  self->tagged = !!tagged;
}

void
atlas_briefing_set_annex_func (AtlasBriefing          *self,
                               AtlasBriefingAnnexFunc  func,
                               gpointer                user_data,
                               GDestroyNotify          destroy)
{
  g_return_if_fail (self != NULL);

  if (self->annex_destroy != NULL)
    self->annex_destroy (self->annex_data);
  self->annex_func = func;
  self->annex_data = user_data;
  self->annex_destroy = destroy;
}

void
atlas_briefing_add_heading (AtlasBriefing *self,
                            const char    *text,
                            guint          level)
{
  Block *block;

  g_return_if_fail (self != NULL && self->blocks != NULL);
  g_return_if_fail (level == 1 || level == 2);

  _atlas_briefing_end_table (self);
  if (level == 2)
    {
      _atlas_briefing_add_subheading (self, text);
      return;
    }

  block = _atlas_briefing_add_text (self, text, H1_SIZE, PANGO_WEIGHT_BOLD, TEXT_COLOR, 30);
  block->role = "H1";
  block->keep_with_next = TRUE;
  block->min_room = (self->page_height - MARGIN_TOP - MARGIN_BOTTOM) * 0.25;
}

void
atlas_briefing_add_paragraph (AtlasBriefing *self,
                              const char    *text)
{
  g_return_if_fail (self != NULL && self->blocks != NULL);

  _atlas_briefing_end_table (self);
  _atlas_briefing_add_text (self, text, BODY_SIZE, PANGO_WEIGHT_NORMAL, TEXT_COLOR, 4);
}

static void
add_annex_row (AtlasBriefing      *self,
               guint               n_columns,
               const char * const *texts,
               const double       *shares,
               gboolean            header)
{
  g_autofree Column *columns = g_new0 (Column, n_columns);
  gboolean first = self->last_row == NULL;
  Block *row;

  for (guint i = 0; i < n_columns; i++)
    columns[i] = (Column) { header ? texts[i] : NULL, shares[i] };
  row = _atlas_briefing_add_row (self, columns, n_columns, texts, header);
  row->table_begin = first;
}

void
atlas_briefing_add_table_header (AtlasBriefing      *self,
                                 guint               n_columns,
                                 const char * const *titles,
                                 const double       *shares)
{
  g_return_if_fail (self != NULL && self->blocks != NULL);
  g_return_if_fail (n_columns > 0 && titles != NULL && shares != NULL);

  _atlas_briefing_end_table (self);
  add_annex_row (self, n_columns, titles, shares, TRUE);
}

void
atlas_briefing_add_table_row (AtlasBriefing      *self,
                              guint               n_columns,
                              const char * const *texts,
                              const double       *shares)
{
  g_return_if_fail (self != NULL && self->blocks != NULL);
  g_return_if_fail (n_columns > 0 && texts != NULL && shares != NULL);

  add_annex_row (self, n_columns, texts, shares, FALSE);
}

void
atlas_briefing_end_table (AtlasBriefing *self)
{
  g_return_if_fail (self != NULL);

  _atlas_briefing_end_table (self);
}

GPtrArray *
atlas_briefing_get_figure_alts (AtlasBriefing *self)
{
  g_return_val_if_fail (self != NULL && self->figure_alts != NULL, NULL);

  return self->figure_alts;
}
