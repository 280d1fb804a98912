/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Shared by the files the window is split into (atlas-window-*.c), each
 * owning one area: files and saving, export, presentation... */

#pragma once

#include "atlas-dataset-file.h"
#include "atlas-window.h"
#include "atlas-map-view.h"
#include "atlas-swatch.h"
#include "atlas-partner-list.h"
#include "atlas-profile-view.h"

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
  AdwFlap              *profile_flap;
  AtlasProfileView     *profile_view;
  AdwStatusPage        *error_page;
  GtkLabel             *error_details;

  AtlasDataset         *dataset;
  GFile                *file;
  char                 *etag;
  char                 *lens_id;
  gboolean              settings_bound;
  GCancellable         *cancellable;
  GFile                *loading_file;

  /* Files and saving (atlas-window-files.c) */
  GtkInfoBar           *reload_bar;
  GtkLabel             *reload_label;
  GtkButton            *reload_button;
  GtkButton            *undo_button;
  GMenu                *recent_section;
  AtlasDatasetFile     *document;
  GPtrArray            *pending_drafts; /* of AtlasDraft, to offer */
  gboolean              close_after_save;
  gboolean              close_confirmed;
  char                 *selected_id;

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
};

/* atlas-window-panels.c: the partner list, the profile and its editor */
void _atlas_window_panels_class_init  (GtkWidgetClass *widget_class);
void _atlas_window_panels_init        (AtlasWindow    *self);
void _atlas_window_panels_constructed (AtlasWindow    *self);

/* atlas-window.c */
void _atlas_window_set_dataset        (AtlasWindow      *self,
                                       AtlasDataset     *dataset,
                                       GFile            *file,
                                       const char       *etag);

/* atlas-window-files.c */
void _atlas_window_files_class_init   (AtlasWindowClass *klass);
void _atlas_window_files_init         (AtlasWindow      *self);
void _atlas_window_files_dispose      (AtlasWindow      *self);
void _atlas_window_files_update_title (AtlasWindow      *self);

/* atlas-window-export.c: the Export dialog and printing */
/* atlas-window-present.c: presentation mode, for projectors */
void _atlas_window_present_class_init (GtkWidgetClass *widget_class);
void _atlas_window_present_init       (AtlasWindow    *self);

/* atlas-window-dataset.c: the dataset's title, date and works cited */
void _atlas_window_dataset_class_init (GtkWidgetClass *widget_class);
void _atlas_window_dataset_init       (AtlasWindow    *self);

void               _atlas_window_export_class_init      (GtkWidgetClass *widget_class);
void               _atlas_window_export_init            (AtlasWindow    *self);
/* The print operation win.print runs, for the whole briefing */
GtkPrintOperation *_atlas_window_create_print_operation (AtlasWindow    *self);

G_END_DECLS
