/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "atlas-translations.h"

GHashTable *
atlas_translations_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* gettext leaves LANGUAGE aside in the C locale, and so does the dataset's
 * text, or the names would be French in an English interface. */
static gboolean
in_c_locale (void)
{
  const char *locale = setlocale (LC_MESSAGES, NULL);

  return locale == NULL || strcmp (locale, "C") == 0 || strcmp (locale, "POSIX") == 0;
}

static const char *
lookup_tag (GHashTable *translations,
            const char *tag)
{
  GHashTableIter iter;
  gpointer key, value;

  /* Tags are few; "fr-fr" from a locale matches the file's "fr-FR". */
  g_hash_table_iter_init (&iter, translations);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_ascii_strcasecmp (key, tag) == 0)
      return value;

  return NULL;
}

const char *
atlas_translations_pick (GHashTable *translations,
                         const char *fallback)
{
  const char * const *names;

  if (translations == NULL || g_hash_table_size (translations) == 0 || in_c_locale ())
    return fallback;

  /* "fr_FR.UTF-8", "fr_FR", "fr.UTF-8", "fr", "C": the forms with a codeset
   * or a modifier come with plain ones after them. */
  names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      char tag[32];
      const char *text;

      if (strcmp (names[i], "C") == 0 || strcmp (names[i], "POSIX") == 0)
        break;
      if (strpbrk (names[i], ".@") != NULL || strlen (names[i]) >= sizeof tag)
        continue;

      g_strlcpy (tag, names[i], sizeof tag);
      g_strdelimit (tag, "_", '-');
      text = lookup_tag (translations, tag);
      if (text != NULL)
        return text;
    }

  return fallback;
}

gboolean
atlas_translations_equal (GHashTable *a,
                          GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n_a = a ? g_hash_table_size (a) : 0;
  guint n_b = b ? g_hash_table_size (b) : 0;

  if (n_a != n_b)
    return FALSE;
  if (n_a == 0)
    return TRUE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;

  return TRUE;
}

GHashTable *
atlas_translations_copy (GHashTable *translations)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer key, value;

  if (translations == NULL || g_hash_table_size (translations) == 0)
    return NULL;

  copy = atlas_translations_new ();
  g_hash_table_iter_init (&iter, translations);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));

  return copy;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
atlas_translations_get_languages (GHashTable *translations)
{
  GPtrArray *languages = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (translations == NULL)
    return languages;

  g_hash_table_iter_init (&iter, translations);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (languages, key);
  g_ptr_array_sort (languages, compare_strings);

  return languages;
}
