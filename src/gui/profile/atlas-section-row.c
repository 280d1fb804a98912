/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The editor's row of one entry (see the header). */

#include "config.h"

#include "atlas-section-row.h"

struct _AtlasSectionRow
{
  AdwExpanderRow  parent_instance;

  GtkWidget      *actions_row;
  GtkWidget      *up_button;
  GtkWidget      *down_button;
  GtkWidget      *remove_button;
};

enum {
  ENTRY_ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AtlasSectionRow, atlas_section_row, ADW_TYPE_EXPANDER_ROW)

static void
up_clicked_cb (AtlasSectionRow *self)
{
  g_signal_emit (self, signals[ENTRY_ACTION], 0, ATLAS_ENTRY_MOVE_UP);
}

static void
down_clicked_cb (AtlasSectionRow *self)
{
  g_signal_emit (self, signals[ENTRY_ACTION], 0, ATLAS_ENTRY_MOVE_DOWN);
}

static void
remove_clicked_cb (AtlasSectionRow *self)
{
  g_signal_emit (self, signals[ENTRY_ACTION], 0, ATLAS_ENTRY_REMOVE);
}

static GtkWidget *
action_button (AtlasSectionRow *self,
               AtlasEntryAction      action)
{
  switch (action)
    {
    case ATLAS_ENTRY_MOVE_UP:
      return self->up_button;
    case ATLAS_ENTRY_MOVE_DOWN:
      return self->down_button;
    case ATLAS_ENTRY_REMOVE:
      return self->remove_button;
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
atlas_section_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATLAS_TYPE_SECTION_ROW);

  G_OBJECT_CLASS (atlas_section_row_parent_class)->dispose (object);
}

static void
atlas_section_row_class_init (AtlasSectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_section_row_dispose;

  signals[ENTRY_ACTION] = g_signal_new ("entry-action",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-section-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasSectionRow, actions_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasSectionRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasSectionRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasSectionRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, up_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, down_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
atlas_section_row_init (AtlasSectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
atlas_section_row_new (const char *up_label,
                             const char *down_label,
                             const char *remove_label)
{
  AtlasSectionRow *self = g_object_new (ATLAS_TYPE_SECTION_ROW, NULL);
  const char *labels[] = { up_label, down_label, remove_label };

  /* The buttons show icons: their labels name them */
  for (AtlasEntryAction action = ATLAS_ENTRY_MOVE_UP; action <= ATLAS_ENTRY_REMOVE; action++)
    {
      GtkWidget *button = action_button (self, action);

      gtk_widget_set_tooltip_text (button, labels[action]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, labels[action],
                                      -1);
    }

  return GTK_WIDGET (self);
}

void
atlas_section_row_add (AtlasSectionRow *self,
                             GtkWidget            *row)
{
  AdwExpanderRow *expander;

  g_return_if_fail (ATLAS_IS_SECTION_ROW (self));

  /* The buttons' row stays last: out, and in again after @row */
  expander = ADW_EXPANDER_ROW (self);
  g_object_ref (self->actions_row);
  adw_expander_row_remove (expander, self->actions_row);
  adw_expander_row_add_row (expander, row);
  adw_expander_row_add_row (expander, self->actions_row);
  g_object_unref (self->actions_row);
}

void
atlas_section_row_set_movable (AtlasSectionRow *self,
                                     gboolean              up,
                                     gboolean              down)
{
  g_return_if_fail (ATLAS_IS_SECTION_ROW (self));

  gtk_widget_set_sensitive (self->up_button, up);
  gtk_widget_set_sensitive (self->down_button, down);
}

gboolean
atlas_section_row_focus_action (AtlasSectionRow *self,
                                      AtlasEntryAction      action)
{
  GtkWidget *button;

  g_return_val_if_fail (ATLAS_IS_SECTION_ROW (self), FALSE);

  button = action_button (self, action);
  if (button == NULL || !gtk_widget_get_sensitive (button))
    return FALSE;

  gtk_widget_grab_focus (button);
  return TRUE;
}
