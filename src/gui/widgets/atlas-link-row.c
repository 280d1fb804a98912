/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A link field of the editor (see the header). */

#include "config.h"

#include "atlas-core.h"
#include "atlas-link-row.h"

struct _AtlasLinkRow
{
  AdwEntryRow parent_instance;

  char       *uri;
  guint       empty_id;  /* emptied: taken when idle */
};

enum {
  PROP_0,
  PROP_URI,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtlasLinkRow, atlas_link_row, ADW_TYPE_ENTRY_ROW)

static void
take_uri (AtlasLinkRow *self,
          const char   *uri)
{
  if (atlas_set_str (&self->uri, uri))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
}

void
atlas_field_show_problem (GtkWidget  *row,
                          const char *problem)
{
  g_return_if_fail (GTK_IS_WIDGET (row));

  gtk_widget_set_tooltip_text (row, problem);
  if (problem != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem,
                                      -1);
      gtk_widget_add_css_class (row, "error");
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_widget_remove_css_class (row, "error");
    }
}

static gboolean
emptied_cb (gpointer data)
{
  AtlasLinkRow *self = data;

  self->empty_id = 0;
  if (gtk_editable_get_text (GTK_EDITABLE (self))[0] == '\0')
    take_uri (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
changed_cb (AtlasLinkRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  g_autofree char *problem = text[0] == '\0' ? NULL : atlas_format_check_web_link (text);

  /* A half-typed link waits until it is one, and says why in the words
   * saving would use. */
  atlas_field_show_problem (GTK_WIDGET (self), problem);
  if (problem != NULL)
    return;

  /* Text that replaces the whole link in one step (set by an input
   * method, an assistive technology, a program) empties the field for a
   * moment before it comes: only a field still empty once that is over
   * loses its link, so that a link refused keeps the one it would have
   * replaced. */
  if (text[0] == '\0')
    {
      if (self->empty_id == 0)
        self->empty_id = g_idle_add (emptied_cb, self);
      return;
    }

  take_uri (self, text);
}

static void
atlas_link_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasLinkRow *self = ATLAS_LINK_ROW (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_link_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasLinkRow *self = ATLAS_LINK_ROW (object);

  switch (prop_id)
    {
    case PROP_URI:
      atlas_link_row_set_uri (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_link_row_dispose (GObject *object)
{
  AtlasLinkRow *self = ATLAS_LINK_ROW (object);

  g_clear_handle_id (&self->empty_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_LINK_ROW);

  G_OBJECT_CLASS (atlas_link_row_parent_class)->dispose (object);
}

static void
atlas_link_row_finalize (GObject *object)
{
  AtlasLinkRow *self = ATLAS_LINK_ROW (object);

  g_free (self->uri);

  G_OBJECT_CLASS (atlas_link_row_parent_class)->finalize (object);
}

static void
atlas_link_row_class_init (AtlasLinkRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = atlas_link_row_get_property;
  object_class->set_property = atlas_link_row_set_property;
  object_class->dispose = atlas_link_row_dispose;
  object_class->finalize = atlas_link_row_finalize;

  properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                              G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-link-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
atlas_link_row_init (AtlasLinkRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
atlas_link_row_new (const char *title)
{
  return g_object_new (ATLAS_TYPE_LINK_ROW, "title", title, NULL);
}

const char *
atlas_link_row_get_uri (AtlasLinkRow *self)
{
  g_return_val_if_fail (ATLAS_IS_LINK_ROW (self), NULL);

  return self->uri;
}

void
atlas_link_row_set_uri (AtlasLinkRow *self,
                        const char   *uri)
{
  g_return_if_fail (ATLAS_IS_LINK_ROW (self));

  if (uri != NULL && uri[0] == '\0')
    uri = NULL;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), uri ? uri : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), uri ? uri : "");
  g_clear_handle_id (&self->empty_id, g_source_remove);
  atlas_field_show_problem (GTK_WIDGET (self), NULL);
  take_uri (self, uri);
}
