/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The calendar of a date field (see the header). */

#include "config.h"

#include <stdio.h>

#include "atlas-core.h"
#include "atlas-date-button.h"

struct _AtlasDateButton
{
  GtkWidget    parent_instance;

  GtkEditable *entry;     /* the field it fills (not held: its parent) */
  GtkWidget   *button;
  GtkCalendar *calendar;
  int          month;     /* the month shown: year * 12 + month */
};

enum {
  PROP_0,
  PROP_ENTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasDateButton, atlas_date_button, GTK_TYPE_WIDGET)

static void
day_selected_cb (AtlasDateButton *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  int shown = self->month;
  int month = g_date_time_get_year (date) * 12 + g_date_time_get_month (date);

  if (self->entry != NULL)
    gtk_editable_set_text (self->entry, text);
  /* A day picked in the month shown closes the calendar; going to another
   * month keeps it open. */
  self->month = month;
  if (month == shown)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

/* The calendar opens on the field's date, or today's. */
static void
popover_show_cb (AtlasDateButton *self)
{
  const char *text = self->entry ? gtk_editable_get_text (self->entry) : "";
  int year, month, day;
  g_autoptr(GDateTime) date = NULL;

  if (atlas_format_is_date (text) && sscanf (text, "%4d-%2d-%2d", &year, &month, &day) == 3)
    date = g_date_time_new_local (year, month, day, 0, 0, 0);
  if (date == NULL)
    date = g_date_time_new_now_local ();
  g_signal_handlers_block_by_func (self->calendar, day_selected_cb, self);
  gtk_calendar_select_day (self->calendar, date);
  self->month = g_date_time_get_year (date) * 12 + g_date_time_get_month (date);
  g_signal_handlers_unblock_by_func (self->calendar, day_selected_cb, self);
}

static void
atlas_date_button_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtlasDateButton *self = ATLAS_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_date_button_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AtlasDateButton *self = ATLAS_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      self->entry = g_value_get_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_date_button_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ATLAS_TYPE_DATE_BUTTON);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (atlas_date_button_parent_class)->dispose (object);
}

static void
atlas_date_button_class_init (AtlasDateButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = atlas_date_button_get_property;
  object_class->set_property = atlas_date_button_set_property;
  object_class->dispose = atlas_date_button_dispose;

  properties[PROP_ENTRY] = g_param_spec_object ("entry", NULL, NULL, GTK_TYPE_EDITABLE,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-date-button.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasDateButton, button);
  gtk_widget_class_bind_template_child (widget_class, AtlasDateButton, calendar);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
}

static void
atlas_date_button_init (AtlasDateButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
atlas_date_button_new (GtkEditable *entry)
{
  return g_object_new (ATLAS_TYPE_DATE_BUTTON, "entry", entry, NULL);
}
