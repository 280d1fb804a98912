/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the parts of the profile's editor share: atlas-profile-editor.c
 * (the widget, its forms for the change, the indicators, the assessment and
 * the partner's name and date), atlas-profile-editor-sections.c (a section
 * per list of entries: a row per entry, a field per property) and
 * atlas-profile-editor-rounds.c (a dialogue's rounds). Private to
 * src/gui/profile/. */

#include "atlas-profile-editor.h"
#include "atlas-profile-history.h"
#include "atlas-profile-private.h"

G_BEGIN_DECLS

/* Years a form offers; the bottom one stands for "none". */
#define YEAR_NONE (ATLAS_FORMAT_YEAR_MIN - 1)
#define YEAR_MAX  ATLAS_FORMAT_YEAR_MAX

typedef enum
{
  SECTION_DOCUMENTS,
  SECTION_DIALOGUES,
  SECTION_AGREEMENTS,
  SECTION_SOURCES,
  N_SECTIONS
} SectionKind;

typedef enum
{
  FIELD_TEXT,          /* string, "" when empty */
  FIELD_NULLABLE_TEXT, /* string, NULL when empty */
  FIELD_URL,           /* nullable; only http(s) is taken */
  FIELD_YEAR,          /* int, 0 for none */
  FIELD_ENUM,          /* string among the model's values (*_get_*_values ()) */
  FIELD_SOURCE,        /* string, the id of one of the dataset's sources */
} FieldKind;

/* What one form widget edits: a property of the n-th entry of a list. */
typedef struct
{
  SectionKind       section;
  guint             index;
  const char       *property;
  FieldKind         kind;
  const char * const *values;
} FieldRef;

typedef struct
{
  GtkWidget *group;  /* AdwPreferencesGroup */
  GPtrArray *rows;   /* the group's rows (borrowed) */
  GPtrArray *fields; /* field widgets (borrowed) */
  guint      n_items;
} Section;

struct _AtlasProfileEditor
{
  GtkWidget            parent_instance;

  AtlasDataset        *dataset;
  AtlasUndoStack      *undo_stack;
  AtlasPartner        *partner;

  GPtrArray           *indicator_dropdowns; /* GtkDropDown, "lens-id" data */
  GtkTextBuffer       *assessment_buffer;
  GtkWidget           *name_row;
  GtkWidget           *updated_row;
  GtkWidget           *source_row;
  GtkWidget           *change_date_row;
  GtkWidget           *change_reason;   /* why a change was refused, or hidden */
  guint                resync_id;
  GtkWidget           *assessment_source_row;
  Section              sections[N_SECTIONS];
  AtlasProfileHistory *history;

  /* > 0 while the form is being brought in line with the partner */
  guint                syncing;
};

/* atlas-profile-editor.c */
gboolean    _atlas_profile_editor_can_edit                  (AtlasProfileEditor *self);
void        _atlas_profile_editor_edit_copy                 (AtlasProfileEditor *self,
                                                             AtlasPartner       *copy,
                                                             const char         *label,
                                                             const char         *coalesce_key);
void        _atlas_profile_editor_refresh_now               (AtlasProfileEditor *self);
void        _atlas_profile_editor_break_coalescing_on_leave (AtlasProfileEditor *self,
                                                             GtkWidget          *widget);
GtkWidget  *_atlas_profile_editor_entry_row_new             (AtlasProfileEditor *self,
                                                             const char         *title,
                                                             const char         *text);

/* atlas-profile-editor-sections.c */
GListModel *_atlas_profile_editor_section_model             (AtlasPartner       *partner,
                                                             SectionKind         section);
void        _atlas_profile_editor_build_section_form        (AtlasProfileEditor *self,
                                                             SectionKind         section,
                                                             const char         *title,
                                                             const char         *add_label);
void        _atlas_profile_editor_sync_sections             (AtlasProfileEditor *self);

/* atlas-profile-editor-rounds.c */
void        _atlas_profile_editor_add_rounds_editor         (AtlasProfileEditor *self,
                                                             GtkWidget          *expander,
                                                             guint               index);

G_END_DECLS
