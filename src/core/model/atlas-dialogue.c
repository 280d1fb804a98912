/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A dialogue between the EU and a partner: its name, level, frequency,
 * status and the rounds it has held (AtlasRound, oldest first), as the
 * other records are (atlas-entries.c). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core-private.h"
#include "atlas-entries.h"
#include "atlas-entries-private.h"
#include "atlas-round.h"

/* AtlasDialogue */

struct _AtlasDialogue
{
  GObject parent_instance;

  char   *name;
  char   *frequency;
  char   *level;
  int     established;
  char   *status;
  GPtrArray *rounds;  /* of AtlasRound, oldest first; never modified in place */
};

G_DEFINE_FINAL_TYPE (AtlasDialogue, atlas_dialogue, G_TYPE_OBJECT)

enum {
  DIALOGUE_PROP_0,
  DIALOGUE_PROP_NAME,
  DIALOGUE_PROP_FREQUENCY,
  DIALOGUE_PROP_LEVEL,
  DIALOGUE_PROP_ESTABLISHED,
  DIALOGUE_PROP_STATUS,
  DIALOGUE_PROP_ROUNDS,
  DIALOGUE_N_PROPS
};

static GParamSpec *dialogue_properties[DIALOGUE_N_PROPS];

static void
atlas_dialogue_finalize (GObject *object)
{
  AtlasDialogue *self = (AtlasDialogue *)object;

  g_free (self->name);
  g_free (self->frequency);
  g_free (self->level);
  g_free (self->status);
  g_ptr_array_unref (self->rounds);

  G_OBJECT_CLASS (atlas_dialogue_parent_class)->finalize (object);
}

static void
atlas_dialogue_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasDialogue *self = ATLAS_DIALOGUE (object);

  switch (prop_id)
    {
    case DIALOGUE_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case DIALOGUE_PROP_FREQUENCY:
      g_value_set_string (value, self->frequency);
      break;
    case DIALOGUE_PROP_LEVEL:
      g_value_set_string (value, self->level);
      break;
    case DIALOGUE_PROP_ESTABLISHED:
      g_value_set_int (value, self->established);
      break;
    case DIALOGUE_PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case DIALOGUE_PROP_ROUNDS:
      g_value_set_boxed (value, self->rounds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_dialogue_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasDialogue *self = ATLAS_DIALOGUE (object);

  switch (prop_id)
    {
    case DIALOGUE_PROP_NAME:
      atlas_dialogue_set_name (self, g_value_get_string (value));
      break;
    case DIALOGUE_PROP_FREQUENCY:
      atlas_dialogue_set_frequency (self, g_value_get_string (value));
      break;
    case DIALOGUE_PROP_LEVEL:
      atlas_dialogue_set_level (self, g_value_get_string (value));
      break;
    case DIALOGUE_PROP_ESTABLISHED:
      atlas_dialogue_set_established (self, g_value_get_int (value));
      break;
    case DIALOGUE_PROP_STATUS:
      atlas_dialogue_set_status (self, g_value_get_string (value));
      break;
    case DIALOGUE_PROP_ROUNDS:
      atlas_dialogue_set_rounds (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_dialogue_class_init (AtlasDialogueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_dialogue_finalize;
  object_class->get_property = atlas_dialogue_get_property;
  object_class->set_property = atlas_dialogue_set_property;

  dialogue_properties[DIALOGUE_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  dialogue_properties[DIALOGUE_PROP_FREQUENCY] =
    g_param_spec_string ("frequency", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  dialogue_properties[DIALOGUE_PROP_LEVEL] =
    g_param_spec_string ("level", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  dialogue_properties[DIALOGUE_PROP_ESTABLISHED] =
    g_param_spec_int ("established", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  dialogue_properties[DIALOGUE_PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* A GPtrArray of AtlasRound. Never changed in place: set a new one. */
  dialogue_properties[DIALOGUE_PROP_ROUNDS] =
    g_param_spec_boxed ("rounds", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, DIALOGUE_N_PROPS, dialogue_properties);
}

static void
atlas_dialogue_init (AtlasDialogue *self)
{
  self->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_round_free);
  self->name = g_strdup ("");
  self->level = g_strdup ("");
  self->status = g_strdup ("");
}

AtlasDialogue *
atlas_dialogue_new (const char *name)
{
  return g_object_new (ATLAS_TYPE_DIALOGUE,
                       "name", name,
                       NULL);
}

const char *
atlas_dialogue_get_name (AtlasDialogue *self)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  return self->name;
}

void
atlas_dialogue_set_name (AtlasDialogue *self,
                         const char    *name)
{
  g_return_if_fail (ATLAS_IS_DIALOGUE (self));

  if (atlas_entry_set_required_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), dialogue_properties[DIALOGUE_PROP_NAME]);
}

const char *
atlas_dialogue_get_frequency (AtlasDialogue *self)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  return self->frequency;
}

void
atlas_dialogue_set_frequency (AtlasDialogue *self,
                              const char    *frequency)
{
  g_return_if_fail (ATLAS_IS_DIALOGUE (self));

  if (atlas_set_str (&self->frequency, frequency))
    g_object_notify_by_pspec (G_OBJECT (self), dialogue_properties[DIALOGUE_PROP_FREQUENCY]);
}

const char *
atlas_dialogue_get_level (AtlasDialogue *self)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  return self->level;
}

void
atlas_dialogue_set_level (AtlasDialogue *self,
                          const char    *level)
{
  g_return_if_fail (ATLAS_IS_DIALOGUE (self));

  if (atlas_entry_set_required_str (&self->level, level))
    g_object_notify_by_pspec (G_OBJECT (self), dialogue_properties[DIALOGUE_PROP_LEVEL]);
}

int
atlas_dialogue_get_established (AtlasDialogue *self)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), 0);

  return self->established;
}

void
atlas_dialogue_set_established (AtlasDialogue *self,
                                int            established)
{
  g_return_if_fail (ATLAS_IS_DIALOGUE (self));
  g_return_if_fail (established >= 0);

  if (self->established == established)
    return;

  self->established = established;
  g_object_notify_by_pspec (G_OBJECT (self), dialogue_properties[DIALOGUE_PROP_ESTABLISHED]);
}

const char *
atlas_dialogue_get_status (AtlasDialogue *self)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  return self->status;
}

void
atlas_dialogue_set_status (AtlasDialogue *self,
                           const char    *status)
{
  g_return_if_fail (ATLAS_IS_DIALOGUE (self));

  if (atlas_entry_set_required_str (&self->status, status))
    g_object_notify_by_pspec (G_OBJECT (self), dialogue_properties[DIALOGUE_PROP_STATUS]);
}

GPtrArray *
atlas_dialogue_get_rounds (AtlasDialogue *self)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  return self->rounds;
}

void
atlas_dialogue_set_rounds (AtlasDialogue *self,
                           GPtrArray     *rounds)
{
  g_return_if_fail (ATLAS_IS_DIALOGUE (self));

  if (rounds == self->rounds || atlas_rounds_equal (self->rounds, rounds))
    return;

  g_ptr_array_unref (self->rounds);
  self->rounds = atlas_rounds_copy (rounds);
  g_object_notify_by_pspec (G_OBJECT (self), dialogue_properties[DIALOGUE_PROP_ROUNDS]);
}

/* For the loader: takes the array. */
void
atlas_dialogue_take_rounds (AtlasDialogue *self,
                            GPtrArray     *rounds)
{
  g_ptr_array_unref (self->rounds);
  self->rounds = rounds;
}

const AtlasRound *
atlas_dialogue_get_last_round (AtlasDialogue *self,
                               const char    *date)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  for (guint i = self->rounds->len; i > 0; i--)
    {
      const AtlasRound *round = g_ptr_array_index (self->rounds, i - 1);

      if (date == NULL || atlas_round_date_compare (round->date, date) <= 0)
        return round;
    }

  return NULL;
}

gboolean
atlas_dialogue_is_overdue (AtlasDialogue *self,
                           const char    *date)
{
  const AtlasRound *last;
  g_autofree char *since = NULL;
  g_autoptr(GDate) limit = NULL;
  g_autoptr(GDate) today = NULL;
  int months;

  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  months = atlas_frequency_months (self->frequency);
  if (months == 0 || g_strcmp0 (self->status, "active") != 0)
    return FALSE;

  last = atlas_dialogue_get_last_round (self, date);
  if (last != NULL && atlas_round_date_is_valid (last->date))
    since = atlas_round_date_last_day (last->date);
  else if (last == NULL && self->established > 0)
    since = g_strdup_printf ("%04d-12-31", self->established);
  else
    return TRUE;

  limit = g_date_new ();
  g_date_set_parse (limit, since);
  today = g_date_new ();
  g_date_set_parse (today, date);
  if (!g_date_valid (limit) || !g_date_valid (today))
    return FALSE;

  g_date_add_months (limit, 2 * months);

  return g_date_compare (today, limit) > 0;
}

char *
atlas_dialogue_dup_overdue_text (AtlasDialogue *self,
                                 const char    *date)
{
  const AtlasRound *last;
  g_autofree char *when = NULL;

  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  if (date == NULL || !atlas_dialogue_is_overdue (self, date))
    return NULL;

  last = atlas_dialogue_get_last_round (self, date);
  if (last == NULL)
    return g_strdup (_("No round recorded"));

  when = atlas_round_date_format_short (last->date);
  /* Translators: %s is a date ("6 Dec 2023", "Jan 2020", "2020") */
  return g_strdup_printf (_("No round since %s"), when);
}

/* For the loader: takes the strings, notifies nothing. */
AtlasDialogue *
atlas_dialogue_new_take (char *name,
                         char *frequency,
                         char *level,
                         int   established,
                         char *status)
{
  AtlasDialogue *self = g_object_new (ATLAS_TYPE_DIALOGUE, NULL);

  g_free (self->name);
  self->name = name ? name : g_strdup ("");
  self->frequency = frequency;
  g_free (self->level);
  self->level = level ? level : g_strdup ("");
  self->established = MAX (established, 0);
  g_free (self->status);
  self->status = status ? status : g_strdup ("");

  return self;
}

AtlasDialogue *
atlas_dialogue_copy (AtlasDialogue *self)
{
  AtlasDialogue *copy;

  g_return_val_if_fail (ATLAS_IS_DIALOGUE (self), NULL);

  copy = g_object_new (ATLAS_TYPE_DIALOGUE, NULL);
  g_free (copy->name);
  copy->name = g_strdup (self->name);
  g_free (copy->frequency);
  copy->frequency = g_strdup (self->frequency);
  g_free (copy->level);
  copy->level = g_strdup (self->level);
  copy->established = self->established;
  g_free (copy->status);
  copy->status = g_strdup (self->status);
  g_ptr_array_unref (copy->rounds);
  copy->rounds = atlas_rounds_copy (self->rounds);
  atlas_extra_copy (copy, self);

  return copy;
}

gboolean
atlas_dialogue_equal (AtlasDialogue *a,
                      AtlasDialogue *b)
{
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (a), FALSE);
  g_return_val_if_fail (ATLAS_IS_DIALOGUE (b), FALSE);

  return
    g_strcmp0 (a->name, b->name) == 0 &&
    g_strcmp0 (a->frequency, b->frequency) == 0 &&
    g_strcmp0 (a->level, b->level) == 0 &&
    a->established == b->established &&
    g_strcmp0 (a->status, b->status) == 0 &&
    atlas_rounds_equal (a->rounds, b->rounds) &&
    atlas_extra_equal (a, b);
}
