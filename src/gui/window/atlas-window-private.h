/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Shared by the files the window is split into (atlas-window-*.c), each
 * owning one area: files and saving, export, presentation...
 * atlas-window.c puts them together (it alone calls their _class_init ()
 * and _init ()); atlas-window-state.c holds what they share (the document,
 * the lens, the selection, the settings) and calls no part. The parts call
 * it; besides, files calls salvage and review, and panels, present and
 * export ask time for the date on show. No call goes back up that way:
 * what a part must hear of, it hears through the window's notify signals
 * (dataset, file, dataset-file, shown-dataset, lens-id, selected-id). */

#pragma once

#include "atlas-compare-marks.h"
#include "atlas-dataset-file.h"
#include "atlas-window.h"
#include "atlas-map-view.h"
#include "atlas-swatch.h"
#include "atlas-partner-list.h"
#include "atlas-profile-view.h"
#include "atlas-salvage.h"

G_BEGIN_DECLS

struct _AtlasWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkDropDown          *lens_dropdown;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  AtlasPartnerList     *partner_list;
  AtlasMapView         *map_view;
  GtkOverlay           *map_overlay;
  AdwFlap              *profile_flap;
  AtlasProfileView     *profile_view;
  AdwStatusPage        *error_page;
  GtkLabel             *error_details;

  /* A file that did not load (atlas-window-salvage.c) */
  GtkLabel             *error_summary;
  GtkExpander          *error_expander;
  GtkWidget            *error_read_only_button;
  GtkWidget            *error_bundled_button;
  GtkInfoBar           *problems_bar;
  GtkLabel             *problems_label;
  AtlasSalvage         *salvage;
  GFile                *salvage_file;

  /* The open file: its dataset, file name, undo stack, modified flag and
   * version on disk are the document's, never copied here. */
  AtlasDatasetFile     *document;
  char                 *lens_id;
  GSettings            *settings;       /* the application's; NULL in a test's window */
  gboolean              settings_bound;
  GCancellable         *cancellable;
  GFile                *loading_file;

  /* Files and saving (atlas-window-files.c) */
  GtkInfoBar           *reload_bar;
  GtkLabel             *reload_label;
  GtkButton            *reload_button;
  GtkButton            *undo_button;
  /* Header bar controls that act on a loaded dataset */
  GtkWidget            *sidebar_button;
  GtkWidget            *profile_button;
  GtkWidget            *save_button;
  GtkWidget            *present_button;
  GMenu                *recent_section;
  GSignalGroup         *document_signals; /* the document's, and its undo stack's */
  GSignalGroup         *undo_signals;
  GPtrArray            *pending_drafts; /* of AtlasDraft, to offer */
  gboolean              close_after_save;
  gboolean              close_confirmed;
  char                 *selected_id;

  /* Merging (atlas-window-review.c) */
  GBytes               *merge_base;   /* the dataset as loaded or last saved */
  char                 *merged_etag;  /* the disk version a review took in */

  /* Presentation mode (atlas-window-present.c) */
  AdwHeaderBar         *header_bar;
  GtkWidget            *presentation_caption;
  GtkLabel             *presentation_title;
  GtkLabel             *presentation_category;
  AtlasSwatch          *presentation_swatch;
  GtkRevealer          *presentation_hint_revealer;
  GtkEventController   *presentation_keys;
  guint                 presentation_hint_id;
  guint                 presentation_tick_id;
  int                   presentation_start_width;
  int                   presentation_frames;
  gboolean              presenting;
  gboolean              presentation_saved_flap;
  gboolean              presentation_saved_profile;

  /* Time (atlas-window-time.c) */
  GtkMenuButton        *as_of_button;
  GtkCalendar          *as_of_calendar;
  GtkScale             *as_of_scale;
  GtkInfoBar           *time_bar;
  GtkLabel             *time_label;
  char                 *as_of_date;     /* NULL: the latest state */
  AtlasDataset         *shown_dataset;  /* the state on show */
  GSignalGroup         *dataset_signals; /* the document's dataset's */
  gboolean              syncing_time;
  /* Compare: NULL when off */
  char                 *compare_from;
  GtkRevealer          *changes_revealer;
  GtkLabel             *changes_title;
  GtkEntry             *compare_from_entry;
  GtkDropDown          *changes_partner_dropdown;
  GtkDropDown          *changes_lens_dropdown;
  GtkListBox           *changes_list;
  AtlasCompareMarks    *compare_marks;
  guint                 play_id;
  /* What presentation mode changes only until it ends */
  char                 *presentation_saved_lens;
  char                 *presentation_saved_selected;
  gboolean              presentation_saved_hatch;
  gboolean              presentation_saved_legend;
  gboolean              presentation_saved_editing;
  double                presentation_camera[3];
  gboolean              presentation_restore_camera;
};

/* atlas-window-state.c: what the parts share (the public getters and
 * setters of atlas-window.h are there too). */
enum {
  _ATLAS_WINDOW_PROP_0,
  _ATLAS_WINDOW_PROP_DATASET,
  _ATLAS_WINDOW_PROP_FILE,
  _ATLAS_WINDOW_PROP_DATASET_FILE,
  _ATLAS_WINDOW_PROP_UNDO_STACK,
  _ATLAS_WINDOW_PROP_LENS_ID,
  _ATLAS_WINDOW_PROP_SELECTED_ID,
  _ATLAS_WINDOW_PROP_SHOWN_DATASET,
  _ATLAS_WINDOW_PROP_SETTINGS,
  _ATLAS_WINDOW_N_PROPS
};
/* Installed by atlas-window.c, notified by the part that changes one. */
extern GParamSpec *_atlas_window_properties[_ATLAS_WINDOW_N_PROPS];
/* Another document on show (a file opened, a draft restored, a read-only
 * copy of a file that did not load): notifies dataset (when it is another
 * document), file, dataset-file and undo-stack. */
void       _atlas_window_set_document  (AtlasWindow      *self,
                                        AtlasDatasetFile *document);
/* The document was saved, perhaps under another name: notifies file. */
void       _atlas_window_document_saved (AtlasWindow     *self);

/* atlas-window-panels.c: the partner list, the profile and its editor */
void _atlas_window_panels_class_init  (GtkWidgetClass *widget_class);
void _atlas_window_panels_init        (AtlasWindow    *self);

/* atlas-window-time.c: the "As of" date, the keys that step through time */
void          _atlas_window_time_class_init      (GtkWidgetClass *widget_class);
void          _atlas_window_time_init            (AtlasWindow    *self);
void          _atlas_window_time_dispose         (AtlasWindow    *self);
/* Presentation mode: [ and ] with a caption naming what changed, and P
 * playing through the years. */
void          _atlas_window_time_present_step    (AtlasWindow    *self,
                                                  gboolean        forward);
void          _atlas_window_time_toggle_play     (AtlasWindow    *self);
/* "Canada, Budapest Convention: Signatory → Party" */
char         *_atlas_window_describe_change      (AtlasChange    *change);

/* atlas-window-files.c: opening, saving, undo, the file changed on disk */
void _atlas_window_files_class_init   (AtlasWindowClass *klass);
void _atlas_window_files_init         (AtlasWindow      *self);
void _atlas_window_files_dispose      (AtlasWindow      *self);

/* atlas-window-salvage.c: a file that did not load, in plain words, and
 * opened read-only without its bad values */
void _atlas_window_salvage_class_init   (GtkWidgetClass *widget_class);
void _atlas_window_salvage_init         (AtlasWindow    *self);
void _atlas_window_salvage_dispose      (AtlasWindow    *self);
/* Reads @file again for its problems in words; then the error page (or a
 * dialog when a dataset is open) says them, @technical below. */
void _atlas_window_salvage              (AtlasWindow    *self,
                                         GFile          *file,
                                         GPtrArray      *problems,
                                         const char     *technical);

/* atlas-window-export.c: the Export dialog and printing */
/* atlas-window-present.c: presentation mode, for projectors */
void _atlas_window_present_class_init (GtkWidgetClass *widget_class);
void _atlas_window_present_init       (AtlasWindow    *self);

/* atlas-window-review.c: merging with the disk's version, Review Changes, Import Changes */
void     _atlas_window_review_class_init    (GtkWidgetClass *widget_class);
void     _atlas_window_review_init          (AtlasWindow    *self);
void     _atlas_window_review_dispose       (AtlasWindow    *self);
void     _atlas_window_merge_with_disk      (AtlasWindow    *self,
                                             GFile          *file);
/* TRUE when the file on disk is the version a review merged in. */
gboolean _atlas_window_review_may_overwrite (AtlasWindow    *self,
                                             GFile          *file);

/* atlas-window-dataset.c: the dataset's title, date and works cited */
void _atlas_window_dataset_class_init (GtkWidgetClass *widget_class);
void _atlas_window_dataset_init       (AtlasWindow    *self);

void _atlas_window_export_class_init (GtkWidgetClass *widget_class);
void _atlas_window_export_init       (AtlasWindow    *self);

G_END_DECLS
