/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "atlas-core.h"
#include "atlas-undo-stack.h"

G_BEGIN_DECLS

/* What a field of the editor edits: a property of an entry, and how. */
typedef enum
{
  ATLAS_FIELD_TEXT,          /* string, "" when empty */
  ATLAS_FIELD_NULLABLE_TEXT, /* string, NULL when empty */
  ATLAS_FIELD_URL,           /* nullable; only http(s) is taken */
  ATLAS_FIELD_YEAR,          /* int, 0 for none */
  ATLAS_FIELD_CHOICE,        /* string among the model's values (values ()) */
  ATLAS_FIELD_SOURCE,        /* string, the id of one of the dataset's sources */
} AtlasFieldKind;

typedef struct
{
  const char          *property;  /* the entry's GObject property */
  AtlasFieldKind       kind;
  const char          *title;     /* marked for translation */
  const char * const *(*values) (void);   /* ATLAS_FIELD_CHOICE */
  const char          *tooltip;   /* marked for translation, or NULL */
} AtlasFieldSpec;

typedef struct _AtlasProfileSection AtlasProfileSection;

/* One kind of list of a partner's entries (key documents, dialogues,
 * agreements, sources) as the editor shows it: a row per entry, titled by
 * describe (), that opens on a field per line of fields[]. Adding a field
 * to a kind of entry is one line there (atlas-profile-sections.c). */
typedef struct
{
  const char           *key;         /* the list's name in the format */
  GListModel         *(*entries)    (AtlasPartner *partner);
  /* A new entry as "Add" makes it; NULL when there is none to make, and
   * then the section says cannot_add. */
  GObject            *(*new_entry)  (AtlasDataset *dataset);
  /* The row's title (NULL: "Untitled") and subtitle, both owned by the caller. */
  void                (*describe)   (AtlasDataset *dataset,
                                     GObject      *entry,
                                     char        **title,
                                     char        **subtitle);
  /* What else an entry's row holds: the rows of a list of the entry's own
   * (a dialogue's rounds), built anew when the entry has another list. */
  void                (*add_rows)   (AtlasProfileSection *section,
                                     GtkWidget           *expander,
                                     guint                index);
  GPtrArray          *(*children)   (GObject      *entry);
  const AtlasFieldSpec *fields;
  guint                 n_fields;
  /* marked for translation */
  const char           *title;
  const char           *empty_text;
  const char           *add_label;
  const char           *edit_label;
  const char           *remove_label;
  const char           *up_label;
  const char           *down_label;
  const char           *cannot_add;
} AtlasSectionType;

/* atlas-profile-sections.c: the editor's sections, in order. */
extern const AtlasSectionType * const atlas_profile_section_types[];
extern const guint atlas_profile_n_section_types;

#define ATLAS_TYPE_PROFILE_SECTION (atlas_profile_section_get_type ())

G_DECLARE_FINAL_TYPE (AtlasProfileSection, atlas_profile_section, ATLAS, PROFILE_SECTION, AdwPreferencesGroup)

GtkWidget      *atlas_profile_section_new            (const AtlasSectionType *type,
                                                      AtlasDataset           *dataset,
                                                      AtlasUndoStack         *undo_stack,
                                                      AtlasPartner           *partner);
/* Brings the section in line with the partner: its rows are built anew
 * when the list changed length (or an entry has another list of its own),
 * else they only take the values. */
void            atlas_profile_section_sync           (AtlasProfileSection    *self);

/* For what type->add_rows () adds */
AtlasDataset   *atlas_profile_section_get_dataset    (AtlasProfileSection    *self);
AtlasUndoStack *atlas_profile_section_get_undo_stack (AtlasProfileSection    *self);
AtlasPartner   *atlas_profile_section_get_partner    (AtlasProfileSection    *self);
/* Whether an edit may go to the undo stack now (not while syncing). */
gboolean        atlas_profile_section_can_edit       (AtlasProfileSection    *self);
/* Records @copy as the partner's new state (the section shows it at its
 * next sync). */
void            atlas_profile_section_edit           (AtlasProfileSection    *self,
                                                      AtlasPartner           *copy,
                                                      const char             *label,
                                                      const char             *coalesce_key);

G_END_DECLS
