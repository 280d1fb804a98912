/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Shared by the files the window is split into (atlas-window-*.c), each
 * owning one area: files and saving, export, presentation... */

#pragma once

#include "atlas-window.h"
#include "atlas-partner-list.h"

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
  AdwStatusPage        *error_page;
  GtkLabel             *error_details;

  AtlasDataset         *dataset;
  GFile                *file;
  char                 *etag;
  char                 *lens_id;
  GCancellable         *cancellable;
  GFile                *loading_file;
};

G_END_DECLS
