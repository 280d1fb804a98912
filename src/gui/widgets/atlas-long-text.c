/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atlas-long-text.h"
#include "atlas-text-layout.h"

/* What the label had before it was fitted, and what it shows. */
typedef struct {
  PangoAttrList *attributes;
  char          *original;   /* NULL when the label shows its whole text */
  char          *shown;
  guint          kept;       /* characters of @original at the start of @shown */
  gulong         copy_handler;
} Saved;

static void
saved_free (Saved *saved)
{
  g_clear_pointer (&saved->attributes, pango_attr_list_unref);
  g_free (saved->original);
  g_free (saved->shown);
  g_free (saved);
}

#define SAVED_KEY "atlas-long-text-saved"

/* A character that belongs with the one before it. */
static gboolean
is_joined (const char *text,
           const char *p)
{
  gunichar c = g_utf8_get_char (p);

  return g_unichar_ismark (c) || c == 0x200d || (c >= 0xfe00 && c <= 0xfe0f) ||
         (p > text && g_utf8_get_char (g_utf8_prev_char (p)) == 0x200d);
}

/* Ctrl+C and the context menu's Copy: the original text. */
static void
copy_clipboard_cb (GtkLabel *label,
                   gpointer  user_data)
{
  Saved *saved = g_object_get_data (G_OBJECT (label), SAVED_KEY);
  int start, end;
  const char *from, *to;
  g_autofree char *text = NULL;

  if (saved == NULL || saved->original == NULL ||
      g_strcmp0 (gtk_label_get_text (label), saved->shown) != 0 ||
      !gtk_label_get_selection_bounds (label, &start, &end))
    return;

  from = g_utf8_offset_to_pointer (saved->original, MIN ((guint) start, saved->kept));
  if ((guint) end > saved->kept)
    to = saved->original + strlen (saved->original);
  else
    to = g_utf8_offset_to_pointer (saved->original, end);
  text = g_strndup (from, to - from);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (label)), text);
  g_signal_stop_emission_by_name (label, "copy-clipboard");
}

static void
fit (GtkLabel *label,
     guint     wrapped_max,
     gboolean  count)
{
  const char *text, *p;
  Saved *saved;
  PangoAttrList *list;
  guint max, length = 0;

  g_return_if_fail (GTK_IS_LABEL (label));

  text = gtk_label_get_text (label);
  saved = g_object_get_data (G_OBJECT (label), SAVED_KEY);

  /* Already fitted. */
  if (saved != NULL && saved->shown != NULL && strcmp (text, saved->shown) == 0)
    return;

  if (strlen (text) <= ATLAS_TEXT_LAYOUT_LONG)
    {
      if (saved != NULL)
        {
          gtk_label_set_attributes (label, saved->attributes);
          g_signal_handler_disconnect (label, saved->copy_handler);
          g_object_set_data (G_OBJECT (label), SAVED_KEY, NULL);
        }
      return;
    }

  if (saved == NULL)
    {
      PangoAttrList *attributes = gtk_label_get_attributes (label);

      saved = g_new0 (Saved, 1);
      saved->attributes = attributes ? pango_attr_list_ref (attributes) : NULL;
      saved->copy_handler = g_signal_connect (label, "copy-clipboard",
                                              G_CALLBACK (copy_clipboard_cb), NULL);
      g_object_set_data_full (G_OBJECT (label), SAVED_KEY, saved, (GDestroyNotify) saved_free);
    }
  g_clear_pointer (&saved->original, g_free);
  g_clear_pointer (&saved->shown, g_free);

  max = gtk_label_get_wrap (label) ? wrapped_max : ATLAS_TEXT_LAYOUT_LINE_MAX;
  for (p = text; *p != '\0'; p = g_utf8_next_char (p), length++)
    if (length >= max && !is_joined (text, p))
      break;

  if (*p != '\0')
    {
      g_autoptr(GString) shown = g_string_new_len (text, p - text);
      guint more = g_utf8_strlen (p, -1);

      saved->original = g_strdup (text);
      saved->kept = length;
      g_string_append (shown, "…");
      if (gtk_label_get_wrap (label) && count)
        {
          g_string_append_c (shown, '\n');
          /* Translators: after the first 10 000 characters of a very long
           * text (a pasted blob) in the profile */
          g_string_append_printf (shown, ngettext ("(%u more character: copy the text or open the editor to see it all)",
                                                   "(%u more characters: copy the text or open the editor to see it all)",
                                                   more), more);
        }
      gtk_label_set_text (label, shown->str);
      text = gtk_label_get_text (label);
    }
  saved->shown = g_strdup (text);

  list = atlas_text_layout_attributes (text, saved->attributes);
  gtk_label_set_attributes (label, list);
  pango_attr_list_unref (list);
}

void
atlas_label_fit_text (GtkLabel *label)
{
  fit (label, ATLAS_LONG_TEXT_LABEL_MAX, TRUE);
}

void
atlas_label_fit_title (GtkLabel *label)
{
  fit (label, ATLAS_LONG_TEXT_TITLE_MAX, FALSE);
}

const char *
atlas_label_get_original_text (GtkLabel *label)
{
  Saved *saved;

  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);

  saved = g_object_get_data (G_OBJECT (label), SAVED_KEY);
  if (saved != NULL && saved->original != NULL &&
      g_strcmp0 (gtk_label_get_text (label), saved->shown) == 0)
    return saved->original;

  return gtk_label_get_text (label);
}

void
atlas_widget_fit_labels (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_LABEL (widget))
    {
      atlas_label_fit_title (GTK_LABEL (widget));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    atlas_widget_fit_labels (child);
}

#define RUN_TAG "atlas-text-run"

typedef struct
{
  GtkTextBuffer *buffer;
  GtkTextTag    *tag;
  const char    *text;
  int            offset;   /* of the text's start in the buffer */
  guint          byte;     /* where the offset was counted to */
  guint          n;
} CutData;

static void
tag_piece (guint    start,
           guint    end,
           gpointer user_data)
{
  CutData *cut = user_data;
  GtkTextIter from, to;
  int length;

  cut->offset += g_utf8_strlen (cut->text + cut->byte, start - cut->byte);
  length = g_utf8_strlen (cut->text + start, end - start);
  cut->byte = end;
  /* Every other piece: a run ends where the tag starts or ends. */
  if (cut->n++ % 2 == 0)
    {
      gtk_text_buffer_get_iter_at_offset (cut->buffer, &from, cut->offset);
      gtk_text_buffer_get_iter_at_offset (cut->buffer, &to, cut->offset + length);
      gtk_text_buffer_apply_tag (cut->buffer, cut->tag, &from, &to);
    }
  cut->offset += length;
}

/* Cuts the text between @start and @end (offsets) again. */
static void
cut_range (GtkTextBuffer *buffer,
           GtkTextTag    *tag,
           int            start,
           int            end)
{
  GtkTextIter from, to;
  g_autofree char *text = NULL;
  CutData cut = { buffer, tag, NULL, start, 0, 0 };

  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, end);
  text = gtk_text_buffer_get_text (buffer, &from, &to, TRUE);
  if (strlen (text) <= ATLAS_TEXT_LAYOUT_LONG)
    return;
  gtk_text_buffer_remove_tag (buffer, tag, &from, &to);
  cut.text = text;
  atlas_text_layout_foreach_piece (text, tag_piece, &cut);
}

static void
run_inserted_cb (GtkTextBuffer *buffer,
                 GtkTextIter   *location,
                 const char    *text,
                 int            length,
                 GtkTextTag    *tag)
{
  int end = gtk_text_iter_get_offset (location);
  int start = end - (int) g_utf8_strlen (text, length);
  GtkTextIter from, to;

  /* The run the text went into: from the tag's toggle before it to the
   * one after it (typing makes a run longer, a character at a time). */
  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  to = *location;
  if (!gtk_text_iter_starts_tag (&from, tag) && !gtk_text_iter_ends_tag (&from, tag))
    gtk_text_iter_backward_to_tag_toggle (&from, tag);
  if (!gtk_text_iter_ends_tag (&to, tag) && !gtk_text_iter_starts_tag (&to, tag))
    gtk_text_iter_forward_to_tag_toggle (&to, tag);
  if (gtk_text_iter_get_offset (&to) - gtk_text_iter_get_offset (&from) <= ATLAS_TEXT_LAYOUT_LONG / 4)
    return;

  cut_range (buffer, tag, gtk_text_iter_get_offset (&from), gtk_text_iter_get_offset (&to));
  /* Tags changed: the handlers after this one get a valid iter. */
  gtk_text_buffer_get_iter_at_offset (buffer, location, end);
}

void
atlas_text_buffer_cut_long_runs (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table;
  GtkTextTag *tag;
  GtkTextIter start, end;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  table = gtk_text_buffer_get_tag_table (buffer);
  if (gtk_text_tag_table_lookup (table, RUN_TAG) != NULL)
    return;
  /* A font scale that changes no size in Pango units (1/1024 point) ends
   * a run for Pango, which lays a run out in time that grows with the
   * square of its length. */
  tag = gtk_text_buffer_create_tag (buffer, RUN_TAG, "scale", 1.000001, NULL);
  g_signal_connect_after (buffer, "insert-text", G_CALLBACK (run_inserted_cb), tag);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  cut_range (buffer, tag, 0, gtk_text_iter_get_offset (&end));
}
