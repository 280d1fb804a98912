/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The undo stack's works cited: the list an edit may make of them (each
 * source well formed, none a partner cites left out), the partners citing
 * one, and an id for a new one. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core-private.h"
#include "atlas-format-rules.h"
#include "atlas-undo-stack.h"
#include "atlas-undo-stack-private.h"

/* The display names of @partners, for a sentence: "Brazil, Japan". */
static char *
join_partner_names (GPtrArray *partners)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < partners->len; i++)
    {
      if (i > 0)
        /* Translators: between the names of partners in a list */
        g_string_append (names, _(", "));
      g_string_append (names, atlas_partner_get_display_name (g_ptr_array_index (partners, i)));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Whether @sources is a list the file format takes, and one that keeps
 * every source a partner cites. */
gboolean
atlas_undo_stack_check_sources (AtlasUndoStack  *self,
                                GListModel      *sources,
                                GError         **error)
{
  GListModel *current = atlas_dataset_get_sources (self->dataset);
  guint n = g_list_model_get_n_items (sources);
  guint n_current = g_list_model_get_n_items (current);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (sources, i);
      const char *id, *url;
      int year;

      g_return_val_if_fail (ATLAS_IS_SOURCE (source), FALSE);

      id = atlas_source_get_id (source);
      url = atlas_source_get_url (source);
      year = atlas_source_get_year (source);
      if (!atlas_format_is_id (id, ATLAS_FORMAT_SOURCE_ID_SEPARATOR))
        {
          g_set_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID,
                       _("\"%s\" is not a source id (lower-case letters, digits and hyphens)"), id);
          return FALSE;
        }
      if (!g_hash_table_add (ids, (gpointer) id))
        {
          g_set_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID,
                       _("Two sources have the id \"%s\""), id);
          return FALSE;
        }
      if (url != NULL && !atlas_format_is_web_link (url))
        {
          g_autofree char *problem = atlas_format_check_web_link (url);

          g_set_error_literal (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID, problem);
          return FALSE;
        }
      if (!atlas_format_is_year (year))
        {
          g_set_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_INVALID,
                       _("The year of \"%s\" is not between %d and %d"), id,
                       ATLAS_FORMAT_YEAR_MIN, ATLAS_FORMAT_YEAR_MAX);
          return FALSE;
        }
    }

  for (guint i = 0; i < n_current; i++)
    {
      g_autoptr(AtlasSource) source = g_list_model_get_item (current, i);
      const char *id = atlas_source_get_id (source);
      g_autoptr(GPtrArray) citing = NULL;
      g_autofree char *names = NULL;

      if (g_hash_table_contains (ids, id))
        continue;

      citing = atlas_undo_stack_dup_citing_partners (self, id);
      if (citing->len == 0)
        continue;

      names = join_partner_names (citing);
      g_set_error (error, ATLAS_UNDO_STACK_ERROR, ATLAS_UNDO_STACK_ERROR_CITED,
                   /* Translators: the first %s is a work cited, the second
                    * the partners citing it, "Brazil, Japan" */
                   _("\"%s\" is cited by %s"),
                   atlas_source_get_title (source)[0] != '\0' ? atlas_source_get_title (source) : id,
                   names);
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
atlas_undo_stack_dup_citing_partners (AtlasUndoStack *self,
                                      const char     *source_id)
{
  GListModel *partners;
  GPtrArray *citing;
  guint n;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), NULL);
  g_return_val_if_fail (source_id != NULL, NULL);

  citing = g_ptr_array_new_with_free_func (g_object_unref);
  /* A removed partner's profile is still saved, and may cite the source. */
  partners = atlas_dataset_get_all_partners (self->dataset);
  n = g_list_model_get_n_items (partners);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);
      GListModel *refs = atlas_partner_get_sources (partner);
      guint n_refs = g_list_model_get_n_items (refs);

      for (guint j = 0; j < n_refs; j++)
        {
          g_autoptr(AtlasSourceRef) ref = g_list_model_get_item (refs, j);

          if (g_strcmp0 (atlas_source_ref_get_id (ref), source_id) == 0)
            {
              g_ptr_array_add (citing, g_object_ref (partner));
              break;
            }
        }
    }

  return citing;
}

static gboolean
source_id_taken (AtlasUndoStack *self,
                 const char     *id,
                 const char     *except_id)
{
  if (except_id != NULL && g_str_equal (id, except_id))
    return FALSE;

  return atlas_dataset_find_source (self->dataset, id) != NULL;
}

char *
atlas_undo_stack_make_source_id (AtlasUndoStack *self,
                                 const char     *author,
                                 int             year,
                                 const char     *except_id)
{
  g_autofree char *ascii = NULL;
  g_autoptr(GString) base = g_string_new (NULL);
  char *id;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (self), NULL);

  /* "Česká republika" gives "ceska-republika", not "esk-republika". */
  ascii = g_str_to_ascii (author ? author : "", "C");
  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, g_ascii_tolower (*p));
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }
  if (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_append (base, "source");
  if (year > 0)
    g_string_append_printf (base, "-%d", year);

  id = g_strdup (base->str);
  for (guint i = 2; source_id_taken (self, id, except_id); i++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base->str, i);
    }

  return id;
}
