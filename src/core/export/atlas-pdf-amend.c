/* SPDX-License-Identifier: GPL-3.0-or-later */

/* An incremental update of a PDF cairo wrote: no PDF library in Debian's
 * GNOME stack writes one (poppler only reads; qpdf is C++ and a large
 * dependency for two keys), and what is needed here is small: find two
 * kinds of objects in a file whose object dictionaries cairo writes as
 * plain text, and append new versions of them. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "atlas-export-options.h"
#include "atlas-pdf-amend.h"

typedef struct
{
  guint  number;
  char  *body;
} Object;

static void
object_clear (Object *object)
{
  g_free (object->body);
}

/* Finds @needle in the @size bytes at @data, from the end when @last. */
static const char *
find (const char *data,
      gsize       size,
      const char *needle,
      gboolean    last)
{
  gsize n = strlen (needle);
  const char *found = NULL;

  if (n > size)
    return NULL;
  for (gsize i = 0; i + n <= size; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      {
        found = data + i;
        if (!last)
          break;
      }

  return found;
}

/* The number after @key ("/Root 12 0 R" -> 12) inside [start, end). */
static gboolean
read_number_after (const char *start,
                   const char *end,
                   const char *key,
                   guint64    *value)
{
  const char *at = find (start, end - start, key, FALSE);
  char *stop;

  if (at == NULL)
    return FALSE;
  at += strlen (key);
  while (at < end && g_ascii_isspace (*at))
    at++;
  if (at >= end || !g_ascii_isdigit (*at))
    return FALSE;
  *value = g_ascii_strtoull (at, &stop, 10);
  return stop <= end;
}

/* A text string as UTF-16BE with its byte-order mark, in hexadecimal: any
 * character, nothing to escape. */
static void
append_text_string (GString    *out,
                    const char *text)
{
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);

  g_string_append (out, "<FEFF");
  for (guint i = 0; utf16 != NULL && utf16[i] != 0; i++)
    g_string_append_printf (out, "%04X", utf16[i]);
  g_string_append_c (out, '>');
}

/* The dictionary of object @number as written ("<< ... >>"), or NULL. */
static char *
object_body (const char *data,
             gsize       size,
             guint       number,
             const char *from)
{
  g_autofree char *head = g_strdup_printf ("\n%u 0 obj\n", number);
  const char *start = find (from, size - (from - data), head, FALSE);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (head);
  end = find (start, size - (start - data), "\nendobj", FALSE);
  if (end == NULL)
    return NULL;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (end - start < 4 || strncmp (start, "<<", 2) != 0 || strncmp (end - 2, ">>", 2) != 0)
    return NULL;

  return g_strndup (start, end - start);
}

/* @body with @entry added before its closing ">>" */
static char *
add_entry (const char *body,
           const char *entry)
{
  gsize n = strlen (body);

  return g_strdup_printf ("%.*s   %s\n>>", (int) (n - 2), body, entry);
}

static int
compare_objects (gconstpointer a,
                 gconstpointer b)
{
  const Object *x = a, *y = b;

  return x->number < y->number ? -1 : x->number > y->number;
}

static gboolean
cannot_complete (GError **error)
{
  g_set_error_literal (error, ATLAS_EXPORT_ERROR, ATLAS_EXPORT_ERROR_FAILED,
                       _("The PDF writer produced a file this app cannot complete"));
  return FALSE;
}

/* What the update's trailer repeats or points back to */
typedef struct
{
  guint64  root;       /* the catalog */
  guint64  info;
  gboolean has_info;
  guint64  n_objects;  /* /Size */
  guint64  prev;       /* the original cross-reference table's offset */
} Trailer;

/* Reads the last trailer of the @size bytes at @data; FALSE if there is
 * none as cairo writes it. */
static gboolean
read_trailer (const char *data,
              gsize       size,
              Trailer    *out)
{
  const char *trailer, *startxref, *eof;

  trailer = data ? find (data, size, "\ntrailer", TRUE) : NULL;
  startxref = trailer ? find (trailer, size - (trailer - data), "\nstartxref", FALSE) : NULL;
  eof = startxref ? find (startxref, size - (startxref - data), "%%EOF", FALSE) : NULL;
  if (eof == NULL ||
      !read_number_after (trailer, startxref, "/Root", &out->root) ||
      !read_number_after (trailer, startxref, "/Size", &out->n_objects) ||
      !read_number_after (startxref, eof, "startxref", &out->prev) ||
      out->prev >= size || out->root == 0 || out->root >= out->n_objects)
    return FALSE;
  out->has_info = read_number_after (trailer, startxref, "/Info", &out->info);
  return TRUE;
}

/* Adds the catalog (object @root) with @lang to @objects; FALSE if object
 * @root is not a catalog. */
static gboolean
add_lang (const char *data,
          gsize       size,
          guint64     root,
          const char *lang,
          GArray     *objects)
{
  g_autofree char *body = object_body (data, size, root, data);
  g_autoptr(GString) entry = g_string_new (NULL);
  Object object;

  if (body == NULL || strstr (body, "/Type /Catalog") == NULL)
    return FALSE;
  /* A language tag is letters, digits and hyphens: a literal string. */
  if (strspn (lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == strlen (lang))
    g_string_printf (entry, "/Lang (%s)", lang);
  else
    {
      g_string_assign (entry, "/Lang ");
      append_text_string (entry, lang);
    }
  object.number = root;
  object.body = add_entry (body, entry->str);
  g_array_append_val (objects, object);
  return TRUE;
}

/* The newline before the header ("N 0 obj") of the object @at is in, or
 * NULL when there is none. */
static const char *
find_object_start (const char *data,
                   const char *at)
{
  const char *line;

  for (line = at; line > data; line--)
    if (line[-1] == '\n' && g_ascii_isdigit (line[0]))
      {
        gsize digits = strspn (line, "0123456789");

        if (line + digits + 7 <= at && memcmp (line + digits, " 0 obj\n", 7) == 0)
          break;
      }
  return line == data ? NULL : line - 1;
}

/* Adds the Figure structure elements with their alternative texts to
 * @objects, in the order they are in the file. */
static void
add_figure_alts (const char *data,
                 gsize       size,
                 GPtrArray  *figure_alts,
                 GArray     *objects)
{
  guint figure = 0;

  /* Structure elements: "N 0 obj\n<< /Type /StructElem\n   /S /Figure ..." */
  for (const char *at = data;
       figure_alts != NULL && figure < figure_alts->len &&
       (at = find (at, size - (at - data), "/S /Figure", FALSE)) != NULL;
       at++)
    {
      const char *line = find_object_start (data, at);
      guint number;
      g_autofree char *body = NULL;
      g_autoptr(GString) entry = g_string_new ("/Alt ");
      Object object;

      if (line == NULL)
        break;
      number = (guint) g_ascii_strtoull (line + 1, NULL, 10);
      body = object_body (data, size, number, line);
      if (body == NULL || strstr (body, "/StructElem") == NULL || strstr (body, "/Alt") != NULL)
        continue;
      append_text_string (entry, g_ptr_array_index (figure_alts, figure++));
      object.number = number;
      object.body = add_entry (body, entry->str);
      g_array_append_val (objects, object);
    }
}

/* Appends @objects (sorted), their cross-reference section and a trailer
 * pointing back to the original one to @pdf, where it is: a copy of a
 * briefing of thousands of pages would double the memory it takes.
 * Offsets count from the file's start. */
static void
append_update (GByteArray    *pdf,
               GArray        *objects,
               const Trailer *trailer)
{
  gsize size = pdf->len;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree gsize *offsets = g_new0 (gsize, objects->len);
  gsize xref;

  if (pdf->data[size - 1] != '\n')
    g_string_append_c (out, '\n');
  for (guint i = 0; i < objects->len; i++)
    {
      Object *object = &g_array_index (objects, Object, i);

      offsets[i] = size + out->len;
      g_string_append_printf (out, "%u 0 obj\n%s\nendobj\n", object->number, object->body);
    }

  xref = size + out->len;
  g_string_append (out, "xref\n");
  for (guint i = 0; i < objects->len; i++)
    g_string_append_printf (out, "%u 1\n%010" G_GSIZE_FORMAT " 00000 n \n",
                            g_array_index (objects, Object, i).number, offsets[i]);
  g_string_append_printf (out, "trailer\n<< /Size %" G_GUINT64_FORMAT "\n   /Root %" G_GUINT64_FORMAT " 0 R\n",
                          trailer->n_objects, trailer->root);
  if (trailer->has_info)
    g_string_append_printf (out, "   /Info %" G_GUINT64_FORMAT " 0 R\n", trailer->info);
  g_string_append_printf (out, "   /Prev %" G_GUINT64_FORMAT "\n>>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          trailer->prev, xref);

  g_byte_array_append (pdf, (const guint8 *) out->str, out->len);
}

gboolean
atlas_pdf_amend (GByteArray *pdf,
                 const char *lang,
                 GPtrArray  *figure_alts,
                 GError    **error)
{
  gsize size = pdf->len;
  const char *data = size > 0 ? (const char *) pdf->data : NULL;
  Trailer trailer = { 0 };
  g_autoptr(GArray) objects = g_array_new (FALSE, TRUE, sizeof (Object));

  g_array_set_clear_func (objects, (GDestroyNotify) object_clear);

  if (!read_trailer (data, size, &trailer))
    return cannot_complete (error);
  if (lang != NULL && *lang != '\0' && !add_lang (data, size, trailer.root, lang, objects))
    return cannot_complete (error);
  add_figure_alts (data, size, figure_alts, objects);

  if (objects->len == 0)
    return TRUE;
  g_array_sort (objects, compare_objects);
  append_update (pdf, objects, &trailer);
  return TRUE;
}

char *
atlas_pdf_document_lang (void)
{
  /* Translators: the language of your translation as a BCP 47 tag, such as
   * "fr" or "pt-BR": exported PDFs declare it to screen readers */
  const char *tag = C_("document language", "en");

  return g_strdup (tag);
}
