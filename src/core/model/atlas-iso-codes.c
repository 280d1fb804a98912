/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The table comes from the iso-codes package at run time rather than being
 * copied into the app, so that names and their translations follow the
 * system's iso-codes. It is read once, on first use, from any thread.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "atlas-iso-codes.h"

#define ISO_3166_1_JSON ISO_CODES_PREFIX "/share/iso-codes/json/iso_3166-1.json"

typedef struct
{
  char *alpha2;
  char *alpha3;
  char *name;
  int   numeric;
} Country;

typedef struct
{
  GArray      *countries;      /* of Country, file order */
  GHashTable  *by_alpha2;      /* alpha2 -> Country* */
  const char  *by_numeric[1000];
  const char **all;
} Table;

static Table *
load_table (void)
{
  Table *table = g_new0 (Table, 1);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonArray *array = NULL;
  guint n = 0;

  bindtextdomain ("iso_3166-1", ISO_CODES_LOCALEDIR);
  bind_textdomain_codeset ("iso_3166-1", "UTF-8");

  table->countries = g_array_new (FALSE, TRUE, sizeof (Country));
  table->by_alpha2 = g_hash_table_new (g_str_hash, g_str_equal);

  /* Without iso-codes every partner would be refused: say why loudly, but
   * keep running so that the user can still see something. */
  if (!json_parser_load_from_mapped_file (parser, ISO_3166_1_JSON, &error))
    g_critical ("Cannot read the country list %s: %s", ISO_3166_1_JSON, error->message);
  else if ((root = json_parser_get_root (parser)) != NULL &&
           JSON_NODE_HOLDS_OBJECT (root) &&
           json_object_has_member (json_node_get_object (root), "3166-1") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "3166-1")))
    array = json_object_get_array_member (json_node_get_object (root), "3166-1");
  else
    g_critical ("Cannot read the country list %s: unexpected structure", ISO_3166_1_JSON);

  if (array != NULL)
    n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *alpha2, *alpha3, *name, *numeric;
      Country country = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      alpha2 = json_object_get_string_member_with_default (object, "alpha_2", NULL);
      alpha3 = json_object_get_string_member_with_default (object, "alpha_3", "");
      numeric = json_object_get_string_member_with_default (object, "numeric", "0");
      /* "Korea, Republic of" is how a list sorts; "South Korea" is what a
       * desk officer reads and writes. iso-codes translates both. */
      name = json_object_get_string_member_with_default (object, "common_name", NULL);
      if (name == NULL)
        name = json_object_get_string_member_with_default (object, "name", NULL);
      if (alpha2 == NULL || name == NULL)
        continue;

      country.alpha2 = g_strdup (alpha2);
      country.alpha3 = g_strdup (alpha3);
      country.name = g_strdup (name);
      country.numeric = (int) g_ascii_strtoll (numeric, NULL, 10);
      g_array_append_val (table->countries, country);
    }

  /* The array no longer grows: pointers into it are stable from here. */
  table->all = g_new0 (const char *, table->countries->len + 1);
  for (guint i = 0; i < table->countries->len; i++)
    {
      Country *country = &g_array_index (table->countries, Country, i);

      g_hash_table_insert (table->by_alpha2, country->alpha2, country);
      if (country->numeric > 0 && country->numeric < 1000)
        table->by_numeric[country->numeric] = country->alpha2;
      table->all[i] = country->alpha2;
    }

  return table;
}

static const Table *
get_table (void)
{
  static Table *table = NULL;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, load_table ());

  return table;
}

static const Country *
lookup (const char *alpha2)
{
  if (alpha2 == NULL)
    return NULL;

  return g_hash_table_lookup (get_table ()->by_alpha2, alpha2);
}

gboolean
atlas_iso_codes_is_valid_alpha2 (const char *alpha2)
{
  return lookup (alpha2) != NULL;
}

const char *
atlas_iso_codes_get_name (const char *alpha2)
{
  const Country *country = lookup (alpha2);

  return country ? country->name : NULL;
}

char *
atlas_iso_codes_get_localized_name (const char *alpha2)
{
  const Country *country = lookup (alpha2);
  const char *translated, *comma;

  if (country == NULL)
    return NULL;

  /* Some translations invert a name the English does not ("Russian
   * Federation" is "Russie, Fédération de", "Rusia, Federación de"): the
   * form of a sorted list, not of a name read in a list of partners or on
   * a map; what comes before the comma is the name. A name inverted in
   * English too ("Bonaire, Sint Eustatius and Saba") is kept whole. */
  translated = dgettext ("iso_3166-1", country->name);
  comma = strstr (translated, ", ");
  if (comma != NULL && comma > translated && strstr (country->name, ", ") == NULL)
    return g_strndup (translated, comma - translated);

  return g_strdup (translated);
}

const char *
atlas_iso_codes_alpha2_from_numeric (int numeric)
{
  if (numeric <= 0 || numeric >= 1000)
    return NULL;

  return get_table ()->by_numeric[numeric];
}

int
atlas_iso_codes_get_numeric (const char *alpha2)
{
  const Country *country = lookup (alpha2);

  return country ? country->numeric : 0;
}

const char *
atlas_iso_codes_get_alpha3 (const char *alpha2)
{
  const Country *country = lookup (alpha2);

  return country ? country->alpha3 : NULL;
}

const char * const *
atlas_iso_codes_get_all (void)
{
  return get_table ()->all;
}
