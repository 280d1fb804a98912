/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The dataset's small records (documents, agreements, history entries,
 * works cited, references to them, dialogues) are plain fields behind
 * properties. Each describes its fields once, in a table, and the
 * functions here do for every record what each did by hand: the
 * properties and their specs, the defaults, get and set with one
 * notification per change, free, copy and compare. Private to the model. */

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ATLAS_RECORD_TEXT,           /* char *, "" when empty, never NULL */
  ATLAS_RECORD_NULLABLE_TEXT,  /* char *, NULL when empty */
  ATLAS_RECORD_YEAR,           /* int, 0 for none, never below */
} AtlasRecordKind;

typedef struct
{
  const char      *property;
  AtlasRecordKind  kind;
  gsize            offset;    /* of the field in the instance struct */
} AtlasRecordField;

#define ATLAS_RECORD_FIELD(Type, member, property, kind) \
  { (property), (kind), G_STRUCT_OFFSET (Type, member) }

/* Fills pspecs[1] to pspecs[n_fields] (property ids start at 1, in the
 * table's order) and installs them, from @n_props on: ids above the
 * table's are the record's own. */
void     atlas_record_class_install  (GObjectClass           *klass,
                                      const AtlasRecordField *fields,
                                      guint                   n_fields,
                                      GParamSpec            **pspecs,
                                      guint                   n_props);
void     atlas_record_init           (gpointer                self,
                                      const AtlasRecordField *fields,
                                      guint                   n_fields);
void     atlas_record_clear          (gpointer                self,
                                      const AtlasRecordField *fields,
                                      guint                   n_fields);
void     atlas_record_get_value      (gpointer                self,
                                      const AtlasRecordField *field,
                                      GValue                 *value);
/* Sets and notifies @pspec if the value changed. */
void     atlas_record_set_value      (gpointer                self,
                                      const AtlasRecordField *field,
                                      GParamSpec             *pspec,
                                      const GValue           *value);
void     atlas_record_set_text       (gpointer                self,
                                      const AtlasRecordField *field,
                                      GParamSpec             *pspec,
                                      const char             *text);
void     atlas_record_set_year       (gpointer                self,
                                      const AtlasRecordField *field,
                                      GParamSpec             *pspec,
                                      int                     year);
/* Copies the fields of @self into @copy (made with the record's defaults). */
void     atlas_record_copy_fields    (gpointer                copy,
                                      gpointer                self,
                                      const AtlasRecordField *fields,
                                      guint                   n_fields);
gboolean atlas_record_equal_fields   (gpointer                a,
                                      gpointer                b,
                                      const AtlasRecordField *fields,
                                      guint                   n_fields);

/* The get_property and set_property of a record whose properties are all
 * in its table (FIELDS, a static array; PSPECS its GParamSpec array). */
#define ATLAS_RECORD_DEFINE_PROPERTY_FUNCS(prefix, FIELDS, PSPECS)                       \
  static void                                                                            \
  prefix##_get_property (GObject    *object,                                             \
                         guint       prop_id,                                            \
                         GValue     *value,                                              \
                         GParamSpec *pspec)                                              \
  {                                                                                      \
    if (prop_id == 0 || prop_id > G_N_ELEMENTS (FIELDS))                                 \
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);                        \
    else                                                                                 \
      atlas_record_get_value (object, &FIELDS[prop_id - 1], value);                      \
  }                                                                                      \
                                                                                         \
  static void                                                                            \
  prefix##_set_property (GObject      *object,                                           \
                         guint         prop_id,                                          \
                         const GValue *value,                                            \
                         GParamSpec   *pspec)                                            \
  {                                                                                      \
    if (prop_id == 0 || prop_id > G_N_ELEMENTS (FIELDS))                                 \
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);                        \
    else                                                                                 \
      atlas_record_set_value (object, &FIELDS[prop_id - 1], PSPECS[prop_id], value);     \
  }

G_END_DECLS
