/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Load problems in the dataset's own words, and a dataset without the
 * values that broke it (see the header). json-glib parses the file again:
 * the problems name their place by JSON path, and a tree is the simplest
 * way to find the partner and the lens a path lies in. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "atlas-dataset-io.h"
#include "atlas-safe-write.h"
#include "atlas-salvage.h"

typedef struct
{
  char *member;   /* NULL for an index */
  guint index;
} Step;

static void
step_clear (Step *step)
{
  g_free (step->member);
}

/* The steps of a path as the loader writes them (atlas_json_path_append_*):
 * a.b, a[3], a["odd name"]. NULL when it is not one. */
static GArray *
parse_path (const char *path)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, TRUE, sizeof (Step));
  const char *p = path;

  g_array_set_clear_func (steps, (GDestroyNotify) step_clear);
  if (path == NULL)
    return NULL;

  while (*p != '\0')
    {
      Step step = { 0 };

      if (*p == '.')
        {
          p++;
          continue;
        }
      if (p[0] == '[' && p[1] == '"')
        {
          g_autoptr(GString) name = g_string_new (NULL);

          for (p += 2; *p != '\0' && *p != '"'; p++)
            {
              if (*p == '\\' && p[1] == 'u' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
                  g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]))
                {
                  g_string_append_c (name, (char) g_ascii_strtoull (p + 2, NULL, 16));
                  p += 5;
                }
              else if (*p == '\\' && p[1] != '\0')
                g_string_append_c (name, *++p);
              else
                g_string_append_c (name, *p);
            }
          if (p[0] != '"' || p[1] != ']')
            return NULL;
          p += 2;
          step.member = g_string_free (g_steal_pointer (&name), FALSE);
        }
      else if (*p == '[')
        {
          char *end;
          guint64 index = g_ascii_strtoull (p + 1, &end, 10);

          if (end == p + 1 || *end != ']' || index > G_MAXUINT)
            return NULL;
          step.index = (guint) index;
          p = end + 1;
        }
      else
        {
          gsize n = strcspn (p, ".[");

          step.member = g_strndup (p, n);
          p += n;
        }
      g_array_append_val (steps, step);
    }

  return g_steal_pointer (&steps);
}

static gboolean
step_is (GArray     *steps,
         guint       i,
         const char *member)
{
  return i < steps->len && g_strcmp0 (g_array_index (steps, Step, i).member, member) == 0;
}

static gboolean
step_is_index (GArray *steps,
               guint   i)
{
  return i < steps->len && g_array_index (steps, Step, i).member == NULL;
}

/* The node the first @n steps lead to, or NULL */
static JsonNode *
walk (JsonNode *root,
      GArray   *steps,
      guint     n)
{
  JsonNode *node = root;

  for (guint i = 0; node != NULL && i < n; i++)
    {
      Step *step = &g_array_index (steps, Step, i);

      if (step->member != NULL && JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), step->member);
      else if (step->member == NULL && JSON_NODE_HOLDS_ARRAY (node) &&
               step->index < json_array_get_length (json_node_get_array (node)))
        node = json_array_get_element (json_node_get_array (node), step->index);
      else
        node = NULL;
    }

  return node;
}

/* A string member of an object node, or NULL */
static const char *
string_member (JsonNode   *node,
               const char *name)
{
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  member = json_object_get_member (json_node_get_object (node), name);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (member);
}

static JsonNode *
find_lens (JsonNode   *root,
           const char *id)
{
  JsonNode *lenses;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  lenses = json_object_get_member (json_node_get_object (root), "lenses");
  if (lenses == NULL || !JSON_NODE_HOLDS_ARRAY (lenses))
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (lenses)); i++)
    {
      JsonNode *lens = json_array_get_element (json_node_get_array (lenses), i);

      if (g_strcmp0 (string_member (lens, "id"), id) == 0)
        return lens;
    }

  return NULL;
}

/* "Signed, Refused"; NULL when the lens has no named category. Sets
 * @found when @id is one of them. */
static char *
category_names (JsonNode   *lens,
                const char *id,
                gboolean   *found)
{
  JsonNode *categories = json_object_get_member (json_node_get_object (lens), "categories");
  g_autoptr(GString) names = g_string_new (NULL);

  *found = FALSE;
  if (categories == NULL || !JSON_NODE_HOLDS_ARRAY (categories))
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (categories)); i++)
    {
      JsonNode *category = json_array_get_element (json_node_get_array (categories), i);
      const char *name = string_member (category, "name");

      if (g_strcmp0 (string_member (category, "id"), id) == 0)
        *found = TRUE;
      if (name == NULL)
        continue;
      if (names->len > 0)
        /* Translators: between the names of categories in a list */
        g_string_append (names, _(", "));
      g_string_append (names, name);
    }

  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

/* What an element of a list is called, by its name, title or date */
static char *
element_label (const char *list,
               JsonNode   *element,
               guint       index)
{
  const char *name = string_member (element, "name");
  const char *title = string_member (element, "title");
  const char *date = string_member (element, "date");

  if (g_str_equal (list, "dialogues"))
    /* Translators: part of a place in a dataset, "the dialogue “Cyber dialogue”" */
    return name ? g_strdup_printf (_("the dialogue “%s”"), name) : g_strdup_printf (_("dialogue %u"), index + 1);
  if (g_str_equal (list, "agreements"))
    return name ? g_strdup_printf (_("the agreement “%s”"), name) : g_strdup_printf (_("agreement %u"), index + 1);
  if (g_str_equal (list, "documents"))
    return title ? g_strdup_printf (_("the document “%s”"), title) : g_strdup_printf (_("document %u"), index + 1);
  if (g_str_equal (list, "sources"))
    return title ? g_strdup_printf (_("the source “%s”"), title) : g_strdup_printf (_("source %u"), index + 1);
  if (g_str_equal (list, "rounds"))
    return date ? g_strdup_printf (_("the round of %s"), date) : g_strdup_printf (_("round %u"), index + 1);
  if (g_str_equal (list, "history"))
    return date ? g_strdup_printf (_("the change of %s in its history"), date)
                : g_strdup_printf (_("change %u in its history"), index + 1);

  if (g_str_equal (list, "member_changes"))
    return date ? g_strdup_printf (_("the change of its members of %s"), date)
                : g_strdup_printf (_("change %u of its members"), index + 1);
  if (g_str_equal (list, "categories"))
    return name ? g_strdup_printf (_("the category “%s”"), name) : g_strdup_printf (_("category %u"), index + 1);
  if (g_str_equal (list, "members"))
    return g_strdup_printf (_("member %u"), index + 1);

  /* Translators: an element of a list in a dataset: "categories, 2" */
  return g_strdup_printf (_("%s, %u"), list, index + 1);
}

static const char *
member_label (const char *member)
{
  static const struct { const char *member; const char *label; } labels[] = {
    { "updated", N_("the date of the last update") },
    { "as_of", N_("the dataset’s date") },
    { "assessment", N_("the assessment") },
    { "name", N_("the name") },
    { "id", N_("the code") },
    { "url", N_("the link") },
    { "date", N_("the date") },
    { "color", N_("the colour") },
    { "title", N_("the title") },
    { "established", N_("the year it was established") },
    { "signed", N_("the year it was signed") },
    { "in_force", N_("the year it came into force") },
    { "frequency", N_("the frequency") },
    { "level", N_("the level") },
    { "status", N_("the status") },
    { "description", N_("the description") },
    { "opens", N_("the date it opens") },
    { "place", N_("the place") },
    { "number", N_("the number") },
    { "note", N_("the note") },
    { "kind", N_("the kind") },
    { "year", N_("the year") },
    { "author", N_("the author") },
    { "locator", N_("the locator") },
    { "source", N_("the source") },
    { "change", N_("the change") },
    { "members", N_("the members") },
    { "indicators", N_("the indicators") },
    { "names", N_("the names in other languages") },
    { "descriptions", N_("the descriptions in other languages") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (member, labels[i].member))
      return _(labels[i].label);

  return member;
}

/* The steps from @first on, in words: "the dialogue “Summit”, the date" */
static char *
place_in_words (JsonNode *root,
                GArray   *steps,
                guint     first)
{
  g_autoptr(GString) words = g_string_new (NULL);

  for (guint i = first; i < steps->len; i++)
    {
      Step *step = &g_array_index (steps, Step, i);
      g_autofree char *part = NULL;

      if (step->member != NULL && step_is_index (steps, i + 1))
        {
          part = element_label (step->member, walk (root, steps, i + 2),
                                g_array_index (steps, Step, i + 1).index);
          i++;
        }
      else if (step->member != NULL)
        part = g_strdup (member_label (step->member));
      else
        part = g_strdup_printf ("%u", step->index + 1);

      if (words->len > 0)
        /* Translators: between the parts of a place in a dataset */
        g_string_append (words, _(", "));
      g_string_append (words, part);
    }

  return g_string_free (g_steal_pointer (&words), FALSE);
}

/* The problem in the dataset's words, without its line */
static char *
describe_sentence (JsonNode           *root,
                   const AtlasProblem *problem)
{
  g_autoptr(GArray) steps = parse_path (problem->path);
  g_autofree char *sentence = NULL;

  if (root == NULL || steps == NULL || steps->len == 0)
    sentence = g_strdup (problem->message);
  else if (step_is (steps, 0, "partners") && step_is_index (steps, 1))
    {
      JsonNode *partner = walk (root, steps, 2);
      const char *name = string_member (partner, "name");
      g_autofree char *fallback = NULL;

      if (name == NULL)
        name = string_member (partner, "id");
      if (name == NULL)
        /* Translators: a partner with neither name nor code in the file */
        name = fallback = g_strdup_printf (_("Partner %u"), g_array_index (steps, Step, 1).index + 1);

      if (steps->len == 4 && step_is (steps, 2, "indicators") && !step_is_index (steps, 3))
        {
          const char *lens_id = g_array_index (steps, Step, 3).member;
          JsonNode *lens = find_lens (root, lens_id);
          JsonNode *value = walk (root, steps, 4);
          const char *lens_name = lens ? string_member (lens, "name") : NULL;
          gboolean found = FALSE;
          g_autofree char *names = lens ? category_names (lens, value && JSON_NODE_HOLDS_VALUE (value) &&
                                                          json_node_get_value_type (value) == G_TYPE_STRING
                                                            ? json_node_get_string (value) : NULL, &found)
                                        : NULL;

          if (lens == NULL)
            /* Translators: "India has a value for “wcit”, which is not a lens of this dataset" */
            sentence = g_strdup_printf (_("%s has a value for “%s”, which is not a lens of this dataset"),
                                        name, lens_id);
          else if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
                   json_node_get_value_type (value) == G_TYPE_STRING && !found && names != NULL)
            /* Translators: "India’s WCIT-12 vote is “maybe”, which is not one of Signed, Refused":
             * a partner, a lens, the value in the file, the lens's categories */
            sentence = g_strdup_printf (_("%1$s’s %2$s is “%3$s”, which is not one of %4$s"),
                                        name, lens_name ? lens_name : lens_id, json_node_get_string (value), names);
          else
            /* Translators: a partner, a lens, what is wrong */
            sentence = g_strdup_printf (_("%1$s’s %2$s: %3$s"), name, lens_name ? lens_name : lens_id,
                                        problem->message);
        }
      else if (steps->len > 2)
        {
          g_autofree char *place = place_in_words (root, steps, 2);

          /* Translators: a partner, a place in its profile, what is wrong:
           * "India, the dialogue “Summit”, the date: “2014-13-01” is not a date" */
          sentence = g_strdup_printf (_("%1$s, %2$s: %3$s"), name, place, problem->message);
        }
      else
        sentence = g_strdup_printf (_("%s: %s"), name, problem->message);
    }
  else if (step_is (steps, 0, "subject") && steps->len > 1)
    {
      const char *name = string_member (walk (root, steps, 1), "name");
      g_autofree char *place = place_in_words (root, steps, 1);

      /* Translators: the subject of a dataset with no name in the file */
      sentence = g_strdup_printf (_("%1$s, %2$s: %3$s"), name ? name : _("The subject"), place, problem->message);
    }
  else if (step_is (steps, 0, "lenses") && step_is_index (steps, 1))
    {
      JsonNode *lens = walk (root, steps, 2);
      const char *name = string_member (lens, "name");
      g_autofree char *place = steps->len > 2 ? place_in_words (root, steps, 2) : NULL;

      if (name == NULL)
        name = string_member (lens, "id");
      if (name != NULL && place != NULL)
        /* Translators: a lens, a place in it, what is wrong */
        sentence = g_strdup_printf (_("The lens “%1$s”, %2$s: %3$s"), name, place, problem->message);
      else if (name != NULL)
        sentence = g_strdup_printf (_("The lens “%1$s”: %2$s"), name, problem->message);
      else
        {
          g_autofree char *all = place_in_words (root, steps, 0);

          sentence = g_strdup_printf (_("%s: %s"), all, problem->message);
        }
    }
  else
    {
      g_autofree char *place = place_in_words (root, steps, 0);

      sentence = g_strdup_printf (_("%s: %s"), place, problem->message);
    }

  /* A sentence: "The title: …", not "the title: …" */
  if (g_unichar_islower (g_utf8_get_char (sentence)))
    {
      gunichar upper = g_unichar_totitle (g_utf8_get_char (sentence));
      char buffer[8] = { 0 };
      char *rest = g_utf8_next_char (sentence);

      char *capitalised;

      g_unichar_to_utf8 (upper, buffer);
      capitalised = g_strconcat (buffer, rest, NULL);
      g_free (sentence);
      sentence = capitalised;
    }

  return g_steal_pointer (&sentence);
}

static char *
describe (JsonNode           *root,
          const AtlasProblem *problem)
{
  g_autofree char *sentence = describe_sentence (root, problem);

  if (problem->line > 0)
    /* Translators: a problem, then the line of the file it is on */
    return g_strdup_printf (_("%s (line %d)"), sentence, problem->line);

  return g_steal_pointer (&sentence);
}

typedef struct
{
  JsonArray *array;
  guint      index;
} Removal;

static int
compare_removals (gconstpointer a,
                  gconstpointer b)
{
  const Removal *ra = a, *rb = b;

  if (ra->array != rb->array)
    return ra->array < rb->array ? -1 : 1;
  return (ra->index < rb->index) - (ra->index > rb->index);
}

/* Leaves out the values the problems are about. FALSE when a problem is
 * not in a partner's value: the structure, a missing key, the lenses. */
static gboolean
leave_out (JsonNode  *root,
           GPtrArray *problems,
           gboolean   remove_members)
{
  g_autoptr(GArray) removals = g_array_new (FALSE, FALSE, sizeof (Removal));

  for (guint i = 0; i < problems->len; i++)
    {
      AtlasProblem *problem = g_ptr_array_index (problems, i);
      g_autoptr(GArray) steps = parse_path (problem->path);
      JsonNode *parent, *node;
      Step *last;

      if (steps == NULL || steps->len < 3 || !step_is (steps, 0, "partners") || !step_is_index (steps, 1))
        return FALSE;
      parent = walk (root, steps, steps->len - 1);
      node = walk (root, steps, steps->len);
      last = &g_array_index (steps, Step, steps->len - 1);
      if (node == NULL || parent == NULL || !JSON_NODE_HOLDS_VALUE (node))
        return FALSE;

      if (last->member != NULL)
        {
          JsonObject *object = json_node_get_object (parent);

          /* An indicator left out is "No data" */
          if (remove_members || (steps->len == 4 && step_is (steps, 2, "indicators")))
            json_object_remove_member (object, last->member);
          else
            json_object_set_null_member (object, last->member);
        }
      else
        {
          Removal removal = { json_node_get_array (parent), last->index };

          g_array_append_val (removals, removal);
        }
    }

  /* Last first, so that the indexes hold */
  g_array_sort (removals, compare_removals);
  for (guint i = 0; i < removals->len; i++)
    {
      Removal *removal = &g_array_index (removals, Removal, i);

      Removal *previous = i > 0 ? &g_array_index (removals, Removal, i - 1) : NULL;

      if (previous != NULL && previous->array == removal->array && previous->index == removal->index)
        continue;
      json_array_remove_element (removal->array, removal->index);
    }

  return TRUE;
}

static AtlasDataset *
load_without_bad_values (GBytes     *bytes,
                         const char *display_name,
                         GPtrArray  *problems)
{
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) generator = NULL;
      g_autoptr(GBytes) repaired = NULL;
      g_autoptr(AtlasDataset) dataset = NULL;
      g_autoptr(GPtrArray) left = NULL;
      char *text;
      gsize length;

      if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
        return NULL;
      if (!leave_out (json_parser_get_root (parser), problems, attempt == 1))
        return NULL;

      generator = json_generator_new ();
      json_generator_set_root (generator, json_parser_get_root (parser));
      text = json_generator_to_data (generator, &length);
      repaired = g_bytes_new_take (text, length);
      dataset = atlas_dataset_load_bytes (repaired, display_name, &left, NULL);
      if (dataset != NULL)
        return g_steal_pointer (&dataset);
    }

  return NULL;
}

void
atlas_salvage_free (AtlasSalvage *salvage)
{
  if (salvage == NULL)
    return;

  g_strfreev (salvage->descriptions);
  g_clear_object (&salvage->dataset);
  g_free (salvage);
}

AtlasSalvage *
atlas_salvage_bytes (GBytes     *bytes,
                     const char *display_name,
                     GPtrArray  *problems)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  AtlasSalvage *salvage = g_new0 (AtlasSalvage, 1);
  GPtrArray *descriptions = g_ptr_array_new ();
  JsonNode *root = NULL;

  g_return_val_if_fail (bytes != NULL, salvage);

  if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    root = json_parser_get_root (parser);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_ptr_array_add (descriptions, describe (root, g_ptr_array_index (problems, i)));
  g_ptr_array_add (descriptions, NULL);
  salvage->descriptions = (GStrv) g_ptr_array_free (descriptions, FALSE);

  if (root != NULL && problems != NULL && problems->len > 0)
    salvage->dataset = load_without_bad_values (bytes, display_name, problems);

  return salvage;
}

GStrv
atlas_salvage_describe_bytes (GBytes    *bytes,
                              GPtrArray *problems)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *sentences = g_ptr_array_new ();
  JsonNode *root = NULL;

  if (bytes != NULL &&
      json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    root = json_parser_get_root (parser);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_ptr_array_add (sentences, describe_sentence (root, g_ptr_array_index (problems, i)));
  g_ptr_array_add (sentences, NULL);

  return (GStrv) g_ptr_array_free (sentences, FALSE);
}

typedef struct
{
  GFile     *file;
  GPtrArray *problems;
} SalvageData;

static void
salvage_data_free (SalvageData *data)
{
  g_object_unref (data->file);
  g_ptr_array_unref (data->problems);
  g_free (data);
}

static void
salvage_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SalvageData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_parse_name (data->file);
  GError *error = NULL;

  bytes = atlas_safe_read (data->file, ATLAS_DATASET_MAX_SIZE, NULL, cancellable, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, atlas_salvage_bytes (bytes, name, data->problems),
                         (GDestroyNotify) atlas_salvage_free);
}

void
atlas_salvage_file_async (GFile              *file,
                          GPtrArray          *problems,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  SalvageData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (problems != NULL);

  data = g_new0 (SalvageData, 1);
  data->file = g_object_ref (file);
  data->problems = g_ptr_array_ref (problems);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atlas_salvage_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) salvage_data_free);
  g_task_run_in_thread (task, salvage_thread);
}

AtlasSalvage *
atlas_salvage_file_finish (GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
