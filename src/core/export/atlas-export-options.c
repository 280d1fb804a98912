/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What an export is asked for: the formats and their names, the paper, the
 * image sizes, AtlasExportOptions and its checks against a dataset (the
 * lens, the partners, the dates). */

#include "config.h"

#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include <glib/gi18n.h>

#include "atlas-core-private.h"
#include "atlas-export-options.h"
#include "atlas-timeline.h"

struct _AtlasExportOptions
{
  GObject            parent_instance;

  AtlasExportFormat  format;
  char              *lens_id;
  GStrv              partner_ids;
  int                width;
  int                height;
  AtlasPaper         paper;
  char              *title;
  gboolean           hatch;
  char              *as_of;
  char              *since;
  AtlasExportOrder   order;
};

enum {
  PROP_0,
  PROP_FORMAT,
  PROP_LENS_ID,
  PROP_PARTNER_IDS,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_PAPER,
  PROP_TITLE,
  PROP_HATCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasExportOptions, atlas_export_options, G_TYPE_OBJECT)

G_DEFINE_QUARK (atlas-export-error-quark, atlas_export_error)

static const struct {
  const char *name;
  const char *extension;
  const char *mime_type;
  const char *label;
  gboolean    uses_lens;
  gboolean    is_image;
} formats[ATLAS_EXPORT_N_FORMATS] = {
  [ATLAS_EXPORT_FORMAT_PDF] = { "pdf", "pdf", "application/pdf", N_("PDF Briefing"), TRUE, FALSE },
  [ATLAS_EXPORT_FORMAT_PNG] = { "png", "png", "image/png", N_("Map Image (PNG)"), TRUE, TRUE },
  [ATLAS_EXPORT_FORMAT_SVG] = { "svg", "svg", "image/svg+xml", N_("Map Image (SVG)"), TRUE, TRUE },
  [ATLAS_EXPORT_FORMAT_CSV] = { "csv", "csv", "text/csv", N_("Table (CSV)"), FALSE, FALSE },
  [ATLAS_EXPORT_FORMAT_GEOJSON] = { "geojson", "geojson", "application/geo+json", N_("Outlines (GeoJSON)"), FALSE, FALSE },
  [ATLAS_EXPORT_FORMAT_JSON] = { "json", "json", "application/json", N_("Profiles (Dataset JSON)"), FALSE, FALSE },
  [ATLAS_EXPORT_FORMAT_FICHE] = { "fiche", "pdf", "application/pdf", N_("Partner Fiches (PDF, a page each)"), TRUE, FALSE },
  [ATLAS_EXPORT_FORMAT_BIBTEX] = { "bibtex", "bib", "application/x-bibtex", N_("Citations (BibTeX)"), FALSE, FALSE },
  [ATLAS_EXPORT_FORMAT_RIS] = { "ris", "ris", "application/x-research-info-systems", N_("Citations (RIS)"), FALSE, FALSE },
  [ATLAS_EXPORT_FORMAT_CSL_JSON] = { "csl-json", "json", "application/vnd.citationstyles.csl+json", N_("Citations (CSL-JSON)"), FALSE, FALSE },
};

const char *
atlas_export_format_to_string (AtlasExportFormat format)
{
  g_return_val_if_fail (format < ATLAS_EXPORT_N_FORMATS, NULL);

  return formats[format].name;
}

gboolean
atlas_export_format_from_string (const char        *string,
                                 AtlasExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (string == NULL)
    return FALSE;

  for (guint i = 0; i < ATLAS_EXPORT_N_FORMATS; i++)
    if (g_ascii_strcasecmp (string, formats[i].name) == 0)
      {
        *format = i;
        return TRUE;
      }

  return FALSE;
}

const char *
atlas_export_format_get_extension (AtlasExportFormat format)
{
  g_return_val_if_fail (format < ATLAS_EXPORT_N_FORMATS, NULL);

  return formats[format].extension;
}

const char *
atlas_export_format_get_mime_type (AtlasExportFormat format)
{
  g_return_val_if_fail (format < ATLAS_EXPORT_N_FORMATS, NULL);

  return formats[format].mime_type;
}

const char *
atlas_export_format_get_label (AtlasExportFormat format)
{
  g_return_val_if_fail (format < ATLAS_EXPORT_N_FORMATS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, formats[format].label);
}

gboolean
atlas_export_format_uses_lens (AtlasExportFormat format)
{
  g_return_val_if_fail (format < ATLAS_EXPORT_N_FORMATS, FALSE);

  return formats[format].uses_lens;
}

gboolean
atlas_export_format_is_image (AtlasExportFormat format)
{
  g_return_val_if_fail (format < ATLAS_EXPORT_N_FORMATS, FALSE);

  return formats[format].is_image;
}

AtlasPaper
atlas_paper_get_default (void)
{
#ifdef __GLIBC__
  /* glibc knows the paper of LC_PAPER: 279 mm tall is Letter (and Legal is
   * 356, used in the same countries). _NL_PAPER_HEIGHT is an enum constant,
   * not a macro, so it cannot be tested with #if: every glibc has it.
   * The height is a 32-bit word in a pointer-sized slot whose other half
   * glibc leaves as it was (garbage under MALLOC_PERTURB_): read the word
   * only, as GTK's paper size code does. */
  union { char *string; unsigned int word; } value;

  value.string = nl_langinfo (_NL_PAPER_HEIGHT);
  if (value.word == 279 || value.word == 356)
    return ATLAS_PAPER_LETTER;
#endif

  return ATLAS_PAPER_A4;
}

gboolean
atlas_paper_from_string (const char *string,
                         AtlasPaper *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (string == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (string, "a4") == 0 || g_ascii_strcasecmp (string, "iso_a4") == 0)
    *paper = ATLAS_PAPER_A4;
  else if (g_ascii_strcasecmp (string, "letter") == 0 || g_ascii_strcasecmp (string, "na_letter") == 0)
    *paper = ATLAS_PAPER_LETTER;
  else
    return FALSE;

  return TRUE;
}

const char *
atlas_paper_to_string (AtlasPaper paper)
{
  return paper == ATLAS_PAPER_LETTER ? "na_letter" : "iso_a4";
}

void
atlas_paper_get_size (AtlasPaper  paper,
                      double     *width,
                      double     *height)
{
  /* 210 × 297 mm; 8.5 × 11 in */
  if (paper == ATLAS_PAPER_LETTER)
    {
      *width = 612;
      *height = 792;
    }
  else
    {
      *width = 210 / 25.4 * 72;
      *height = 297 / 25.4 * 72;
    }
}

gboolean
atlas_export_parse_size (const char  *string,
                         int         *width,
                         int         *height,
                         GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *normalized = NULL;
  guint64 w = 0, h = 0;

  g_return_val_if_fail (width != NULL && height != NULL, FALSE);

  if (string != NULL)
    {
      GString *s = g_string_new (string);

      g_string_replace (s, "×", "x", 0);
      g_string_replace (s, "X", "x", 0);
      normalized = g_string_free (s, FALSE);
      g_strstrip (normalized);
      parts = g_strsplit (normalized, "x", 3);
    }

  if (parts == NULL || g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (g_strstrip (parts[0]), 10, 1, G_MAXINT, &w, NULL) ||
      !g_ascii_string_to_unsigned (g_strstrip (parts[1]), 10, 1, G_MAXINT, &h, NULL))
    {
      g_set_error (error, ATLAS_EXPORT_ERROR, ATLAS_EXPORT_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is what the user typed, such as "1920x" */
                   _("“%s” is not a size: write WIDTHxHEIGHT in pixels, such as 1920x1080"),
                   string ? string : "");
      return FALSE;
    }

  if (w < ATLAS_EXPORT_MIN_SIZE || h < ATLAS_EXPORT_MIN_SIZE ||
      w > ATLAS_EXPORT_MAX_SIZE || h > ATLAS_EXPORT_MAX_SIZE)
    {
      g_set_error (error, ATLAS_EXPORT_ERROR, ATLAS_EXPORT_ERROR_INVALID_ARGUMENT,
                   _("The size %s is out of range: each side must be %d to %d pixels"),
                   string, ATLAS_EXPORT_MIN_SIZE, ATLAS_EXPORT_MAX_SIZE);
      return FALSE;
    }

  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static void
atlas_export_options_finalize (GObject *object)
{
  AtlasExportOptions *self = ATLAS_EXPORT_OPTIONS (object);

  g_free (self->lens_id);
  g_strfreev (self->partner_ids);
  g_free (self->title);
  g_free (self->as_of);
  g_free (self->since);

  G_OBJECT_CLASS (atlas_export_options_parent_class)->finalize (object);
}

static void
atlas_export_options_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AtlasExportOptions *self = ATLAS_EXPORT_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;
    case PROP_LENS_ID:
      g_value_set_string (value, self->lens_id);
      break;
    case PROP_PARTNER_IDS:
      g_value_set_boxed (value, self->partner_ids);
      break;
    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;
    case PROP_HEIGHT:
      g_value_set_int (value, self->height);
      break;
    case PROP_PAPER:
      g_value_set_enum (value, self->paper);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_HATCH:
      g_value_set_boolean (value, self->hatch);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_export_options_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AtlasExportOptions *self = ATLAS_EXPORT_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      atlas_export_options_set_format (self, g_value_get_enum (value));
      break;
    case PROP_LENS_ID:
      atlas_export_options_set_lens_id (self, g_value_get_string (value));
      break;
    case PROP_PARTNER_IDS:
      atlas_export_options_set_partner_ids (self, g_value_get_boxed (value));
      break;
    case PROP_WIDTH:
      atlas_export_options_set_size (self, g_value_get_int (value), self->height);
      break;
    case PROP_HEIGHT:
      atlas_export_options_set_size (self, self->width, g_value_get_int (value));
      break;
    case PROP_PAPER:
      atlas_export_options_set_paper (self, g_value_get_enum (value));
      break;
    case PROP_TITLE:
      atlas_export_options_set_title (self, g_value_get_string (value));
      break;
    case PROP_HATCH:
      atlas_export_options_set_hatch (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_export_options_class_init (AtlasExportOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_export_options_finalize;
  object_class->get_property = atlas_export_options_get_property;
  object_class->set_property = atlas_export_options_set_property;

  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL,
                       ATLAS_TYPE_EXPORT_FORMAT, ATLAS_EXPORT_FORMAT_PDF,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LENS_ID] =
    g_param_spec_string ("lens-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTNER_IDS] =
    g_param_spec_boxed ("partner-ids", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL,
                      ATLAS_EXPORT_MIN_SIZE, ATLAS_EXPORT_MAX_SIZE, ATLAS_EXPORT_DEFAULT_WIDTH,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEIGHT] =
    g_param_spec_int ("height", NULL, NULL,
                      ATLAS_EXPORT_MIN_SIZE, ATLAS_EXPORT_MAX_SIZE, ATLAS_EXPORT_DEFAULT_HEIGHT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAPER] =
    g_param_spec_enum ("paper", NULL, NULL,
                       ATLAS_TYPE_PAPER, ATLAS_PAPER_A4,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HATCH] =
    g_param_spec_boolean ("hatch", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atlas_export_options_init (AtlasExportOptions *self)
{
  self->width = ATLAS_EXPORT_DEFAULT_WIDTH;
  self->height = ATLAS_EXPORT_DEFAULT_HEIGHT;
  self->paper = atlas_paper_get_default ();
}

AtlasExportOptions *
atlas_export_options_new (AtlasExportFormat format)
{
  return g_object_new (ATLAS_TYPE_EXPORT_OPTIONS,
                       "format", format,
                       NULL);
}

AtlasExportOptions *
atlas_export_options_copy (AtlasExportOptions *self)
{
  AtlasExportOptions *copy;

  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), NULL);

  copy = atlas_export_options_new (self->format);
  copy->lens_id = g_strdup (self->lens_id);
  copy->partner_ids = g_strdupv (self->partner_ids);
  copy->width = self->width;
  copy->height = self->height;
  copy->paper = self->paper;
  copy->title = g_strdup (self->title);
  copy->hatch = self->hatch;
  copy->as_of = g_strdup (self->as_of);
  copy->since = g_strdup (self->since);
  copy->order = self->order;

  return copy;
}

const char *
atlas_export_options_get_as_of (AtlasExportOptions *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), NULL);

  return self->as_of;
}

void
atlas_export_options_set_as_of (AtlasExportOptions *self,
                                const char         *as_of)
{
  g_return_if_fail (ATLAS_IS_EXPORT_OPTIONS (self));

  atlas_set_str (&self->as_of, as_of);
}

const char *
atlas_export_options_get_since (AtlasExportOptions *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), NULL);

  return self->since;
}

void
atlas_export_options_set_since (AtlasExportOptions *self,
                                const char         *since)
{
  g_return_if_fail (ATLAS_IS_EXPORT_OPTIONS (self));

  atlas_set_str (&self->since, since);
}

AtlasExportFormat
atlas_export_options_get_format (AtlasExportOptions *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), ATLAS_EXPORT_FORMAT_PDF);

  return self->format;
}

void
atlas_export_options_set_format (AtlasExportOptions *self,
                                 AtlasExportFormat   format)
{
  g_return_if_fail (ATLAS_IS_EXPORT_OPTIONS (self));
  g_return_if_fail (format < ATLAS_EXPORT_N_FORMATS);

  if (self->format == format)
    return;

  self->format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

const char *
atlas_export_options_get_lens_id (AtlasExportOptions *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), NULL);

  return self->lens_id;
}

void
atlas_export_options_set_lens_id (AtlasExportOptions *self,
                                  const char         *lens_id)
{
  g_return_if_fail (ATLAS_IS_EXPORT_OPTIONS (self));

  if (lens_id != NULL && *lens_id == '\0')
    lens_id = NULL;

  if (atlas_set_str (&self->lens_id, lens_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENS_ID]);
}

const char * const *
atlas_export_options_get_partner_ids (AtlasExportOptions *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), NULL);

  return (const char * const *) self->partner_ids;
}

void
atlas_export_options_set_partner_ids (AtlasExportOptions *self,
                                      const char * const *partner_ids)
{
  g_return_if_fail (ATLAS_IS_EXPORT_OPTIONS (self));

  if (partner_ids == NULL && self->partner_ids == NULL)
    return;
  if (partner_ids != NULL && self->partner_ids != NULL &&
      g_strv_equal (partner_ids, (const char * const *) self->partner_ids))
    return;

  g_strfreev (self->partner_ids);
  self->partner_ids = g_strdupv ((char **) partner_ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTNER_IDS]);
}

int
atlas_export_options_get_width (AtlasExportOptions *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), 0);

  return self->width;
}

int
atlas_export_options_get_height (AtlasExportOptions *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), 0);

  return self->height;
}

void
atlas_export_options_set_size (AtlasExportOptions *self,
                               int                 width,
                               int                 height)
{
  g_return_if_fail (ATLAS_IS_EXPORT_OPTIONS (self));

  width = CLAMP (width, ATLAS_EXPORT_MIN_SIZE, ATLAS_EXPORT_MAX_SIZE);
  height = CLAMP (height, ATLAS_EXPORT_MIN_SIZE, ATLAS_EXPORT_MAX_SIZE);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->width != width)
    {
      self->width = width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
    }
  if (self->height != height)
    {
      self->height = height;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEIGHT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

AtlasPaper
atlas_export_options_get_paper (AtlasExportOptions *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), ATLAS_PAPER_A4);

  return self->paper;
}

void
atlas_export_options_set_paper (AtlasExportOptions *self,
                                AtlasPaper          paper)
{
  g_return_if_fail (ATLAS_IS_EXPORT_OPTIONS (self));

  if (self->paper == paper)
    return;

  self->paper = paper;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAPER]);
}

const char *
atlas_export_options_get_title (AtlasExportOptions *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), NULL);

  return self->title;
}

void
atlas_export_options_set_title (AtlasExportOptions *self,
                                const char         *title)
{
  g_return_if_fail (ATLAS_IS_EXPORT_OPTIONS (self));

  if (title != NULL && *title == '\0')
    title = NULL;

  if (atlas_set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

AtlasExportOrder
atlas_export_options_get_order (AtlasExportOptions *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), ATLAS_EXPORT_ORDER_NAME);

  return self->order;
}

void
atlas_export_options_set_order (AtlasExportOptions *self,
                                AtlasExportOrder    order)
{
  g_return_if_fail (ATLAS_IS_EXPORT_OPTIONS (self));
  g_return_if_fail (order == ATLAS_EXPORT_ORDER_NAME || order == ATLAS_EXPORT_ORDER_CATEGORY);

  self->order = order;
}

gboolean
atlas_export_options_get_hatch (AtlasExportOptions *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), FALSE);

  return self->hatch;
}

void
atlas_export_options_set_hatch (AtlasExportOptions *self,
                                gboolean            hatch)
{
  g_return_if_fail (ATLAS_IS_EXPORT_OPTIONS (self));

  hatch = !!hatch;
  if (self->hatch == hatch)
    return;

  self->hatch = hatch;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HATCH]);
}

static char *
list_ids (GListModel *model,
          const char *(*get_id) (gpointer item))
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, get_id (item));
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

GPtrArray *
atlas_export_options_resolve (AtlasExportOptions  *self,
                              AtlasDataset        *dataset,
                              AtlasLens          **lens,
                              GError             **error)
{
  GListModel *lenses;
  GListModel *partners;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  AtlasLens *found = NULL;

  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), NULL);
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), NULL);

  lenses = atlas_dataset_get_lenses (dataset);
  partners = atlas_dataset_get_partners (dataset);

  if (self->lens_id != NULL)
    {
      found = atlas_dataset_find_lens (dataset, self->lens_id);
      if (found == NULL)
        {
          g_autofree char *known = list_ids (lenses, (gpointer) atlas_lens_get_id);

          g_set_error (error, ATLAS_EXPORT_ERROR, ATLAS_EXPORT_ERROR_UNKNOWN_LENS,
                       /* Translators: the second %s is a list of lens ids */
                       _("The dataset has no lens “%s” (its lenses: %s)"),
                       self->lens_id, known);
          return NULL;
        }
    }
  else if (g_list_model_get_n_items (lenses) > 0)
    {
      g_autoptr(AtlasLens) first = g_list_model_get_item (lenses, 0);

      /* The dataset holds its lenses: a borrowed pointer stays valid. */
      found = first;
    }

  if (self->partner_ids != NULL)
    {
      for (guint i = 0; self->partner_ids[i] != NULL; i++)
        if (atlas_dataset_find_partner (dataset, self->partner_ids[i]) == NULL)
          {
            g_autofree char *known = list_ids (partners, (gpointer) atlas_partner_get_id);

            g_set_error (error, ATLAS_EXPORT_ERROR, ATLAS_EXPORT_ERROR_UNKNOWN_PARTNER,
                         /* Translators: the second %s is a list of country codes */
                         _("The dataset has no partner “%s” (its partners: %s)"),
                         self->partner_ids[i], known);
            return NULL;
          }
    }

  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(AtlasPartner) partner = g_list_model_get_item (partners, i);

      if (self->partner_ids == NULL ||
          g_strv_contains ((const char * const *) self->partner_ids, atlas_partner_get_id (partner)))
        g_ptr_array_add (result, g_steal_pointer (&partner));
    }

  if (lens != NULL)
    *lens = found;

  return g_steal_pointer (&result);
}

gboolean
atlas_export_options_check_dates (AtlasExportOptions  *self,
                                  AtlasDataset        *dataset,
                                  GError             **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (ATLAS_IS_EXPORT_OPTIONS (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_DATASET (dataset), FALSE);

  if (self->as_of != NULL && !atlas_timeline_check_date (dataset, self->as_of, &local))
    {
      /* Translators: %s says what is wrong with the date */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("As of: %s"), local->message);
      return FALSE;
    }

  if (self->since != NULL)
    {
      if (!atlas_timeline_check_date (dataset, self->since, &local))
        {
          /* Translators: %s says what is wrong with the date */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Since: %s"),
                       local->message);
          return FALSE;
        }
      if (self->as_of != NULL && strcmp (self->since, self->as_of) > 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: both are dates, YYYY-MM-DD */
                       _("Since %s is after the date shown (%s)"), self->since, self->as_of);
          return FALSE;
        }
    }

  return TRUE;
}

