/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-dataset.h"

#include "atlas-export-enums.h"

G_BEGIN_DECLS

/* What an export is asked for: the formats and their names, the paper, the
 * image sizes, the errors, and AtlasExportOptions, the bag of properties
 * every export takes (atlas-export-options.c). atlas-export.h does the
 * exports with them. */

typedef enum {
  ATLAS_EXPORT_FORMAT_PDF,
  ATLAS_EXPORT_FORMAT_PNG,
  ATLAS_EXPORT_FORMAT_SVG,
  ATLAS_EXPORT_FORMAT_CSV,
  ATLAS_EXPORT_FORMAT_GEOJSON,
  ATLAS_EXPORT_FORMAT_JSON,
  ATLAS_EXPORT_FORMAT_FICHE,  /* a one-page PDF per partner */
  ATLAS_EXPORT_FORMAT_BIBTEX,  /* citations: the dataset and the works cited */
  ATLAS_EXPORT_FORMAT_RIS,
  ATLAS_EXPORT_FORMAT_CSL_JSON,
} AtlasExportFormat;

#define ATLAS_EXPORT_N_FORMATS 10

/* "pdf", "png"...: the command line's names, the GSettings values */
const char  *atlas_export_format_to_string     (AtlasExportFormat  format);
gboolean     atlas_export_format_from_string   (const char        *string,
                                                AtlasExportFormat *format);
/* "pdf", "png", "svg", "csv", "geojson", "json" (no dot) */
const char  *atlas_export_format_get_extension (AtlasExportFormat  format);
const char  *atlas_export_format_get_mime_type (AtlasExportFormat  format);
/* Translated, for a drop-down: "PDF Briefing"... */
const char  *atlas_export_format_get_label     (AtlasExportFormat  format);
/* Whether the format draws the map (and so uses a lens) */
gboolean     atlas_export_format_uses_lens     (AtlasExportFormat  format);
/* Whether the format is an image with a size in pixels */
gboolean     atlas_export_format_is_image      (AtlasExportFormat  format);

typedef enum {
  ATLAS_PAPER_A4,     /*< nick=iso_a4 >*/
  ATLAS_PAPER_LETTER, /*< nick=na_letter >*/
} AtlasPaper;

/* Letter in the locales that use it (LC_PAPER), A4 elsewhere. */
AtlasPaper   atlas_paper_get_default           (void);
/* Accepts "a4", "letter" and the PWG names "iso_a4", "na_letter" */
gboolean     atlas_paper_from_string           (const char        *string,
                                                AtlasPaper        *paper);
/* The PWG name: "iso_a4", "na_letter" */
const char  *atlas_paper_to_string             (AtlasPaper         paper);
/* In PostScript points, portrait */
void         atlas_paper_get_size              (AtlasPaper         paper,
                                                double            *width,
                                                double            *height);

#define ATLAS_EXPORT_ERROR (atlas_export_error_quark ())
GQuark       atlas_export_error_quark          (void);

typedef enum {
  ATLAS_EXPORT_ERROR_INVALID_ARGUMENT,
  ATLAS_EXPORT_ERROR_UNKNOWN_LENS,
  ATLAS_EXPORT_ERROR_UNKNOWN_PARTNER,
  ATLAS_EXPORT_ERROR_FAILED,
} AtlasExportError;

/* Image sizes, in pixels */
#define ATLAS_EXPORT_DEFAULT_WIDTH  1920
#define ATLAS_EXPORT_DEFAULT_HEIGHT 1080
#define ATLAS_EXPORT_MIN_SIZE       64
#define ATLAS_EXPORT_MAX_SIZE       16384

/* Parses "WIDTHxHEIGHT" (also with "×" or "X"), each within
 * ATLAS_EXPORT_MIN_SIZE..ATLAS_EXPORT_MAX_SIZE. */
gboolean     atlas_export_parse_size           (const char        *string,
                                                int               *width,
                                                int               *height,
                                                GError           **error);

/* What to export and how: a plain bag of properties. */

#define ATLAS_TYPE_EXPORT_OPTIONS (atlas_export_options_get_type ())

G_DECLARE_FINAL_TYPE (AtlasExportOptions, atlas_export_options, ATLAS, EXPORT_OPTIONS, GObject)

AtlasExportOptions  *atlas_export_options_new             (AtlasExportFormat   format);
AtlasExportOptions  *atlas_export_options_copy            (AtlasExportOptions *self);
AtlasExportFormat    atlas_export_options_get_format      (AtlasExportOptions *self);
void                 atlas_export_options_set_format      (AtlasExportOptions *self,
                                                           AtlasExportFormat   format);
/* NULL: the dataset's first lens */
const char          *atlas_export_options_get_lens_id     (AtlasExportOptions *self);
void                 atlas_export_options_set_lens_id     (AtlasExportOptions *self,
                                                           const char         *lens_id);
/* NULL: every partner, in the dataset's order. Otherwise these partners,
 * still in the dataset's order. */
const char * const  *atlas_export_options_get_partner_ids (AtlasExportOptions *self);
void                 atlas_export_options_set_partner_ids (AtlasExportOptions *self,
                                                           const char * const *partner_ids);
int                  atlas_export_options_get_width       (AtlasExportOptions *self);
int                  atlas_export_options_get_height      (AtlasExportOptions *self);
void                 atlas_export_options_set_size        (AtlasExportOptions *self,
                                                           int                 width,
                                                           int                 height);
AtlasPaper           atlas_export_options_get_paper       (AtlasExportOptions *self);
void                 atlas_export_options_set_paper       (AtlasExportOptions *self,
                                                           AtlasPaper          paper);
/* NULL: the dataset's title */
const char          *atlas_export_options_get_title       (AtlasExportOptions *self);
void                 atlas_export_options_set_title       (AtlasExportOptions *self,
                                                           const char         *title);
/* Hatch patterns over the category colours (for black and white prints) */
gboolean             atlas_export_options_get_hatch       (AtlasExportOptions *self);
void                 atlas_export_options_set_hatch       (AtlasExportOptions *self,
                                                           gboolean            hatch);

/* NULL: the dataset as it is; a YYYY-MM-DD date: the dataset as it stood
 * then (atlas_timeline_dup_as_of ()), which every format then shows and
 * names. */
const char          *atlas_export_options_get_as_of       (AtlasExportOptions *self);
void                 atlas_export_options_set_as_of       (AtlasExportOptions *self,
                                                           const char         *as_of);
/* NULL, or a YYYY-MM-DD date: the PDF briefing adds "Changes since" it. */
const char          *atlas_export_options_get_since       (AtlasExportOptions *self);
void                 atlas_export_options_set_since       (AtlasExportOptions *self,
                                                           const char         *since);
/* Whether the dates of the options are ones the dataset can be shown as of
 * (real dates, not after its as_of, "since" not after "as of"); @error in
 * words for the user otherwise. atlas_export_to_bytes () checks them first. */
gboolean             atlas_export_options_check_dates    (AtlasExportOptions *self,
                                                           AtlasDataset       *dataset,
                                                           GError            **error);
/* The order of the partners in a briefing or fiches: alphabetical by the
 * name shown, or by category under the lens, then by name. */
typedef enum {
  ATLAS_EXPORT_ORDER_NAME,
  ATLAS_EXPORT_ORDER_CATEGORY,
} AtlasExportOrder;

AtlasExportOrder     atlas_export_options_get_order       (AtlasExportOptions *self);
void                 atlas_export_options_set_order       (AtlasExportOptions *self,
                                                           AtlasExportOrder    order);

/* Checks the options against a dataset: the lens and the partners must
 * exist. On success, returns the partners to export (a new array of
 * references, dataset order) and sets *lens (borrowed; NULL when the
 * dataset has no lens). */
GPtrArray           *atlas_export_options_resolve         (AtlasExportOptions *self,
                                                           AtlasDataset       *dataset,
                                                           AtlasLens         **lens,
                                                           GError            **error);

/* Called from the thread that exports, with a fraction in 0..1. */
typedef void (*AtlasExportProgressFunc) (double   fraction,
                                         gpointer user_data);

G_END_DECLS
