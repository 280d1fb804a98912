/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A dialogue between the EU and a partner: its name, level, frequency,
 * status and the rounds it has held (AtlasRound, oldest first), as the
 * other records are (atlas-entries.c). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-core-private.h"
#include "atlas-entries.h"
#include "atlas-entries-private.h"
#include "atlas-record-private.h"
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

/* The record's fields, in the order of its properties */
static const AtlasRecordField dialogue_fields[] = {
  ATLAS_RECORD_FIELD (AtlasDialogue, name, "name", ATLAS_RECORD_TEXT),
  ATLAS_RECORD_FIELD (AtlasDialogue, frequency, "frequency", ATLAS_RECORD_NULLABLE_TEXT),
  ATLAS_RECORD_FIELD (AtlasDialogue, level, "level", ATLAS_RECORD_TEXT),
  ATLAS_RECORD_FIELD (AtlasDialogue, established, "established", ATLAS_RECORD_YEAR),
  ATLAS_RECORD_FIELD (AtlasDialogue, status, "status", ATLAS_RECORD_TEXT),
};

static void
atlas_dialogue_finalize (GObject *object)
{
  AtlasDialogue *self = (AtlasDialogue *)object;

  g_ptr_array_unref (self->rounds);
  atlas_record_clear (self, dialogue_fields, G_N_ELEMENTS (dialogue_fields));

  G_OBJECT_CLASS (atlas_dialogue_parent_class)->finalize (object);
}

static void
atlas_dialogue_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasDialogue *self = ATLAS_DIALOGUE (object);

  if (prop_id == DIALOGUE_PROP_ROUNDS)
    g_value_set_boxed (value, self->rounds);
  else if (prop_id > 0 && prop_id <= G_N_ELEMENTS (dialogue_fields))
    atlas_record_get_value (self, &dialogue_fields[prop_id - 1], value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
atlas_dialogue_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasDialogue *self = ATLAS_DIALOGUE (object);

  if (prop_id == DIALOGUE_PROP_ROUNDS)
    atlas_dialogue_set_rounds (self, g_value_get_boxed (value));
  else if (prop_id > 0 && prop_id <= G_N_ELEMENTS (dialogue_fields))
    atlas_record_set_value (self, &dialogue_fields[prop_id - 1], pspec, value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
atlas_dialogue_class_init (AtlasDialogueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_dialogue_finalize;
  object_class->get_property = atlas_dialogue_get_property;
  object_class->set_property = atlas_dialogue_set_property;

  /* A GPtrArray of AtlasRound. Never changed in place: set a new one. */
  dialogue_properties[DIALOGUE_PROP_ROUNDS] =
    g_param_spec_boxed ("rounds", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  atlas_record_class_install (object_class, dialogue_fields, G_N_ELEMENTS (dialogue_fields),
                              dialogue_properties, DIALOGUE_N_PROPS);
}

static void
atlas_dialogue_init (AtlasDialogue *self)
{
  self->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_round_free);
  atlas_record_init (self, dialogue_fields, G_N_ELEMENTS (dialogue_fields));
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

  atlas_record_set_text (self, &dialogue_fields[DIALOGUE_PROP_NAME - 1],
                         dialogue_properties[DIALOGUE_PROP_NAME], name);
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

  atlas_record_set_text (self, &dialogue_fields[DIALOGUE_PROP_FREQUENCY - 1],
                         dialogue_properties[DIALOGUE_PROP_FREQUENCY], frequency);
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

  atlas_record_set_text (self, &dialogue_fields[DIALOGUE_PROP_LEVEL - 1],
                         dialogue_properties[DIALOGUE_PROP_LEVEL], level);
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

  atlas_record_set_year (self, &dialogue_fields[DIALOGUE_PROP_ESTABLISHED - 1],
                         dialogue_properties[DIALOGUE_PROP_ESTABLISHED], established);
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

  atlas_record_set_text (self, &dialogue_fields[DIALOGUE_PROP_STATUS - 1],
                         dialogue_properties[DIALOGUE_PROP_STATUS], status);
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
  atlas_record_copy_fields (copy, self, dialogue_fields, G_N_ELEMENTS (dialogue_fields));
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

  return atlas_record_equal_fields (a, b, dialogue_fields, G_N_ELEMENTS (dialogue_fields)) &&
         atlas_rounds_equal (a->rounds, b->rounds) &&
         atlas_extra_equal (a, b);
}
