/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A year field of the editor (see the header). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core.h"
#include "atlas-profile-private.h"
#include "atlas-year-row.h"

/* The spin button's bottom value stands for "none". */
#define YEAR_NONE (ATLAS_FORMAT_YEAR_MIN - 1)
#define YEAR_MAX  ATLAS_FORMAT_YEAR_MAX

struct _AtlasYearRow
{
  AdwActionRow   parent_instance;

  GtkSpinButton *spin;
};

enum {
  PROP_0,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasYearRow, atlas_year_row, ADW_TYPE_ACTION_ROW)

static gboolean
output_cb (GtkSpinButton *spin)
{
  int year = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *text = NULL;

  /* Translators: shown in a year field left empty */
  text = year <= YEAR_NONE ? g_strdup (C_("year", "None")) : g_strdup_printf ("%d", year);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
input_cb (GtkSpinButton *spin,
          double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  gint64 year;

  year = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0')
    {
      /* Anything that is not a number empties the field. */
      *new_value = YEAR_NONE;
      return TRUE;
    }

  *new_value = CLAMP (year, YEAR_NONE, YEAR_MAX);
  return TRUE;
}

static void
value_changed_cb (AtlasYearRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

static void
atlas_year_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasYearRow *self = ATLAS_YEAR_ROW (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_int (value, atlas_year_row_get_year (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_year_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasYearRow *self = ATLAS_YEAR_ROW (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      atlas_year_row_set_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_year_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATLAS_TYPE_YEAR_ROW);

  G_OBJECT_CLASS (atlas_year_row_parent_class)->dispose (object);
}

static void
atlas_year_row_class_init (AtlasYearRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = atlas_year_row_get_property;
  object_class->set_property = atlas_year_row_set_property;
  object_class->dispose = atlas_year_row_dispose;

  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, YEAR_MAX, 0,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                            G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-year-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasYearRow, spin);
  gtk_widget_class_bind_template_callback (widget_class, output_cb);
  gtk_widget_class_bind_template_callback (widget_class, input_cb);
  gtk_widget_class_bind_template_callback (widget_class, value_changed_cb);
}

static void
atlas_year_row_init (AtlasYearRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bounds are the format's (atlas-format-rules.h), hence set here. */
  gtk_spin_button_configure (self->spin, gtk_adjustment_new (YEAR_NONE, YEAR_NONE, YEAR_MAX, 1, 10, 0), 1, 0);
  atlas_profile_name_by_title (ADW_PREFERENCES_ROW (self), GTK_WIDGET (self->spin));
}

GtkWidget *
atlas_year_row_new (const char *title)
{
  return g_object_new (ATLAS_TYPE_YEAR_ROW, "title", title, NULL);
}

int
atlas_year_row_get_year (AtlasYearRow *self)
{
  int year;

  g_return_val_if_fail (ATLAS_IS_YEAR_ROW (self), 0);

  year = gtk_spin_button_get_value_as_int (self->spin);
  return year <= YEAR_NONE ? 0 : year;
}

void
atlas_year_row_set_year (AtlasYearRow *self,
                         int           year)
{
  g_return_if_fail (ATLAS_IS_YEAR_ROW (self));

  if (year <= 0)
    year = YEAR_NONE;
  if (gtk_spin_button_get_value_as_int (self->spin) != year)
    gtk_spin_button_set_value (self->spin, year);
}
