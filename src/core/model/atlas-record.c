/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The records' fields, by their tables (see atlas-record-private.h). */

#include "config.h"

#include "atlas-record-private.h"
#include "atlas-text.h"

#define TEXT_AT(self, field) ((char **) G_STRUCT_MEMBER_P ((self), (field)->offset))
#define INT_AT(self, field)  ((int *) G_STRUCT_MEMBER_P ((self), (field)->offset))

void
atlas_record_class_install (GObjectClass           *klass,
                            const AtlasRecordField *fields,
                            guint                   n_fields,
                            GParamSpec            **pspecs,
                            guint                   n_props)
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  for (guint i = 0; i < n_fields; i++)
    {
      const AtlasRecordField *field = &fields[i];

      switch (field->kind)
        {
        case ATLAS_RECORD_TEXT:
          pspecs[i + 1] = g_param_spec_string (field->property, NULL, NULL, "", flags);
          break;
        case ATLAS_RECORD_NULLABLE_TEXT:
          pspecs[i + 1] = g_param_spec_string (field->property, NULL, NULL, NULL, flags);
          break;
        case ATLAS_RECORD_YEAR:
          pspecs[i + 1] = g_param_spec_int (field->property, NULL, NULL, 0, G_MAXINT, 0, flags);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_object_class_install_properties (klass, n_props, pspecs);
}

void
atlas_record_init (gpointer                self,
                   const AtlasRecordField *fields,
                   guint                   n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].kind == ATLAS_RECORD_TEXT)
      *TEXT_AT (self, &fields[i]) = g_strdup ("");
}

void
atlas_record_clear (gpointer                self,
                    const AtlasRecordField *fields,
                    guint                   n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].kind != ATLAS_RECORD_YEAR)
      g_clear_pointer (TEXT_AT (self, &fields[i]), g_free);
}

void
atlas_record_get_value (gpointer                self,
                        const AtlasRecordField *field,
                        GValue                 *value)
{
  if (field->kind == ATLAS_RECORD_YEAR)
    g_value_set_int (value, *INT_AT (self, field));
  else
    g_value_set_string (value, *TEXT_AT (self, field));
}

void
atlas_record_set_value (gpointer                self,
                        const AtlasRecordField *field,
                        GParamSpec             *pspec,
                        const GValue           *value)
{
  if (field->kind == ATLAS_RECORD_YEAR)
    atlas_record_set_year (self, field, pspec, g_value_get_int (value));
  else
    atlas_record_set_text (self, field, pspec, g_value_get_string (value));
}

void
atlas_record_set_text (gpointer                self,
                       const AtlasRecordField *field,
                       GParamSpec             *pspec,
                       const char             *text)
{
  g_return_if_fail (field->kind != ATLAS_RECORD_YEAR);

  if (text == NULL && field->kind == ATLAS_RECORD_TEXT)
    text = "";
  if (atlas_set_str (TEXT_AT (self, field), text))
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

void
atlas_record_set_year (gpointer                self,
                       const AtlasRecordField *field,
                       GParamSpec             *pspec,
                       int                     year)
{
  g_return_if_fail (field->kind == ATLAS_RECORD_YEAR);
  g_return_if_fail (year >= 0);

  if (*INT_AT (self, field) == year)
    return;

  *INT_AT (self, field) = year;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

void
atlas_record_copy_fields (gpointer                copy,
                          gpointer                self,
                          const AtlasRecordField *fields,
                          guint                   n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const AtlasRecordField *field = &fields[i];

      if (field->kind == ATLAS_RECORD_YEAR)
        *INT_AT (copy, field) = *INT_AT (self, field);
      else
        {
          g_free (*TEXT_AT (copy, field));
          *TEXT_AT (copy, field) = g_strdup (*TEXT_AT (self, field));
        }
    }
}

gboolean
atlas_record_equal_fields (gpointer                a,
                           gpointer                b,
                           const AtlasRecordField *fields,
                           guint                   n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const AtlasRecordField *field = &fields[i];

      if (field->kind == ATLAS_RECORD_YEAR ? *INT_AT (a, field) != *INT_AT (b, field)
                                           : g_strcmp0 (*TEXT_AT (a, field), *TEXT_AT (b, field)) != 0)
        return FALSE;
    }

  return TRUE;
}
