/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A partner's history of changes, newest first: what changed last is what
 * a reader looks for. Shown by the read view and, read-only, by the editor,
 * where changes of indicators and of the assessment add to it as they are
 * made. Its rows are kept from one partner to the next. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-profile-history.h"
#include "atlas-profile-private.h"

struct _AtlasProfileHistory
{
  AdwPreferencesGroup  parent_instance;

  AtlasProfileRowList  rows;
  /* Borrowed while filling */
  AtlasDataset        *dataset;
  AtlasPartner        *partner;
};

G_DEFINE_FINAL_TYPE (AtlasProfileHistory, atlas_profile_history, ADW_TYPE_PREFERENCES_GROUP)

static char *
history_field_name (AtlasProfileHistory  *self,
                    const char           *field,
                    AtlasLens           **lens_out)
{
  *lens_out = NULL;

  if (g_str_equal (field, "assessment"))
    return g_strdup (_("Assessment"));
  /* Records of list entries added or removed. */
  if (g_str_equal (field, "agreements"))
    return g_strdup (_("Agreements"));
  if (g_str_equal (field, "dialogues"))
    return g_strdup (_("Dialogues"));
  if (g_str_equal (field, "documents"))
    return g_strdup (_("Key documents"));

  if (g_str_has_prefix (field, "indicators."))
    {
      AtlasLens *lens = atlas_dataset_find_lens (self->dataset, field + strlen ("indicators."));

      if (lens != NULL)
        {
          *lens_out = lens;
          return g_strdup (atlas_lens_get_name (lens));
        }
    }

  return g_strdup (field);
}

static const char *
history_value (AtlasLens  *lens,
               const char *value)
{
  AtlasCategory *category;

  if (value == NULL)
    return _("No data");
  if (lens != NULL && (category = atlas_lens_find_category (lens, value)) != NULL)
    return atlas_category_get_name (category);

  return value;
}

static void
history_row_create (AtlasProfileRow *row)
{
  row->widget = atlas_profile_action_row_new (NULL, NULL);
}

static void
history_row_fill (AtlasProfileRow *row,
                  guint            index)
{
  AtlasProfileHistory *self = row->owner;
  GListModel *history = atlas_partner_get_history (self->partner);
  guint n = g_list_model_get_n_items (history);
  g_autoptr(AtlasHistoryEntry) entry = g_list_model_get_item (history, n - 1 - index);
  AtlasLens *lens = NULL;
  g_autofree char *field = history_field_name (self, atlas_history_entry_get_field (entry), &lens);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *parts[] = {
    atlas_history_entry_get_date (entry),
    atlas_history_entry_get_source (entry),
    NULL
  };

  if (lens != NULL)
    {
      const char *old_value = atlas_history_entry_get_old_value (entry);
      const char *opens = atlas_lens_get_opens (lens);

      /* Before a change on or before the day a lens opened, the partner
       * had no category because there was none to have. */
      gboolean before_opening = old_value == NULL && opens != NULL &&
                                strcmp (atlas_history_entry_get_date (entry), opens) <= 0;

      /* Translators: a change of an indicator: "Lens: old value → new value" */
      title = g_strdup_printf (_("%s: %s → %s"), field,
                               before_opening ? atlas_lens_get_empty_label (lens, "0001-01-01")
                                              : history_value (lens, old_value),
                               history_value (lens, atlas_history_entry_get_new_value (entry)));
    }
  else if (g_str_equal (atlas_history_entry_get_field (entry), "partner"))
    /* Listed from this date on, or no longer (atlas-timeline.h). */
    title = g_strdup (atlas_history_entry_get_new_value (entry) != NULL
                      ? _("Added as a partner") : _("No longer a partner"));
  else if (!g_str_equal (atlas_history_entry_get_field (entry), "assessment") &&
           (atlas_history_entry_get_old_value (entry) == NULL) !=
           (atlas_history_entry_get_new_value (entry) == NULL))
    {
      gboolean added = atlas_history_entry_get_old_value (entry) == NULL;
      const char *what = added ? atlas_history_entry_get_new_value (entry)
                               : atlas_history_entry_get_old_value (entry);

      title = added
              /* Translators: "Agreements: added “EU-Japan Security and Defence Partnership”" */
              ? g_strdup_printf (_("%s: added “%s”"), field, what)
              /* Translators: "Dialogues: removed “Summit”" */
              : g_strdup_printf (_("%s: removed “%s”"), field, what);
    }
  else
    /* Translators: %s is the changed field, such as "Assessment" */
    title = g_strdup_printf (_("%s changed"), field);

  subtitle = atlas_profile_join_parts (parts);
  atlas_profile_row_set_text (row->widget, title, subtitle);
  gtk_widget_set_tooltip_text (row->widget, lens == NULL ? atlas_history_entry_get_new_value (entry) : NULL);
}


static void
atlas_profile_history_finalize (GObject *object)
{
  AtlasProfileHistory *self = ATLAS_PROFILE_HISTORY (object);

  atlas_profile_row_list_clear (&self->rows);

  G_OBJECT_CLASS (atlas_profile_history_parent_class)->finalize (object);
}

static void
atlas_profile_history_class_init (AtlasProfileHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_profile_history_finalize;
}

static void
atlas_profile_history_init (AtlasProfileHistory *self)
{
  GtkWidget *placeholder = atlas_profile_placeholder_row_new (_("No recorded changes"));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("History of Changes"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), placeholder);
  atlas_profile_row_list_init (&self->rows, GTK_WIDGET (self), placeholder);
}

GtkWidget *
atlas_profile_history_new (void)
{
  return g_object_new (ATLAS_TYPE_PROFILE_HISTORY, NULL);
}

void
atlas_profile_history_show (AtlasProfileHistory *self,
                            AtlasDataset        *dataset,
                            AtlasPartner        *partner)
{
  g_return_if_fail (ATLAS_IS_PROFILE_HISTORY (self));
  g_return_if_fail (ATLAS_IS_DATASET (dataset));
  g_return_if_fail (ATLAS_IS_PARTNER (partner));

  self->dataset = dataset;
  self->partner = partner;
  atlas_profile_row_list_sync (&self->rows,
                               g_list_model_get_n_items (atlas_partner_get_history (partner)),
                               history_row_create, history_row_fill, self);
  self->dataset = NULL;
  self->partner = NULL;
}
