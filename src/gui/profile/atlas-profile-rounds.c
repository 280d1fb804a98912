/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The rounds of a dialogue in the profile's editor, under the dialogue's
 * fields (the dialogues' AtlasSectionType adds them): a row per round with
 * its actions, and the dialog that adds or edits one. Rounds stay oldest
 * first: a new or edited one goes where its date puts it, and moving is
 * offered only between rounds whose dates do not order them ("2020" and
 * "2020-01-20"). */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-link-row.h"
#include "atlas-profile-private.h"
#include "atlas-profile-rounds.h"
#include "atlas-section-row.h"

typedef struct
{
  AtlasProfileSection *self;
  guint               dialogue;
  int                 round;      /* -1: a new one */
  GtkWidget          *date;
  GtkWidget          *place;
  GtkWidget          *number;
  GtkWidget          *url;
  GtkWidget          *note;
} RoundDialog;

/* What a round's button does: "add", "edit", "up", "down" or "remove" */
typedef struct
{
  AtlasProfileSection *section;
  guint                dialogue;
  int                  round;   /* -1 for "add" */
  const char          *what;
} RoundAction;

/* The index-th dialogue of the partner, or NULL */
static AtlasDialogue *
dialogue_at (AtlasProfileSection *self,
             guint                index)
{
  return g_list_model_get_item (atlas_partner_get_dialogues (atlas_profile_section_get_partner (self)), index);
}

static void
round_dialog_free (gpointer  data,
                   GClosure *closure)
{
  RoundDialog *rd = data;

  g_object_unref (rd->self);
  g_free (rd);
}

static const char *
entry_text_or_null (GtkWidget *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  return text[0] != '\0' ? text : NULL;
}

/* The number typed: 0 for none, -1 for something that is not one. */
static int
round_dialog_number (RoundDialog *rd)
{
  const char *text = entry_text_or_null (rd->number);
  guint64 value = 0;

  if (text == NULL)
    return 0;
  if (!g_ascii_string_to_unsigned (text, 10, 1, 10000, &value, NULL))
    return -1;

  return (int) value;
}

static void
mark_entry (GtkWidget *entry,
            gboolean   valid)
{
  if (valid)
    gtk_widget_remove_css_class (entry, "error");
  else
    gtk_widget_add_css_class (entry, "error");
}

static void
round_dialog_validate (RoundDialog *rd)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (rd->date, ADW_TYPE_MESSAGE_DIALOG);
  const char *url = entry_text_or_null (rd->url);
  gboolean date_ok = atlas_round_date_is_valid (gtk_editable_get_text (GTK_EDITABLE (rd->date)));
  gboolean number_ok = round_dialog_number (rd) >= 0;
  /* A link saving would refuse says why, in its words */
  g_autofree char *url_problem = url != NULL ? atlas_format_check_web_link (url) : NULL;
  gboolean url_ok = url_problem == NULL;

  mark_entry (rd->date, date_ok);
  mark_entry (rd->number, number_ok);
  atlas_field_show_problem (rd->url, url_problem);
  if (dialog != NULL)
    adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save",
                                             date_ok && number_ok && url_ok);
}

/* Where a round dated @date goes: after every round it does not precede. */
static guint
round_position (GPtrArray  *rounds,
                const char *date)
{
  guint position = 0;

  for (guint i = 0; i < rounds->len; i++)
    if (atlas_round_date_compare (((AtlasRound *) g_ptr_array_index (rounds, i))->date, date) <= 0)
      position = i + 1;

  return position;
}

static void
set_dialogue_rounds (AtlasProfileSection *self,
                     guint                dialogue_index,
                     GPtrArray           *rounds,
                     const char          *label)
{
  g_autoptr(AtlasPartner) copy = atlas_partner_copy (atlas_profile_section_get_partner (self));
  g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (atlas_partner_get_dialogues (copy),
                                                              dialogue_index);

  if (dialogue == NULL)
    return;

  atlas_dialogue_set_rounds (dialogue, rounds);
  atlas_profile_section_edit (self, copy, label, NULL);
  atlas_profile_section_sync (self);
}

static void
round_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          RoundDialog      *rd)
{
  AtlasProfileSection *self = rd->self;
  g_autoptr(AtlasDialogue) dialogue = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  AtlasRound *round;

  if (!g_str_equal (response, "save") || !atlas_profile_section_can_edit (self))
    return;

  dialogue = dialogue_at (self, rd->dialogue);
  if (dialogue == NULL)
    return;

  rounds = atlas_rounds_copy (atlas_dialogue_get_rounds (dialogue));
  round = atlas_round_new (gtk_editable_get_text (GTK_EDITABLE (rd->date)),
                           entry_text_or_null (rd->place), round_dialog_number (rd),
                           entry_text_or_null (rd->url), entry_text_or_null (rd->note));
  if (rd->round >= 0 && (guint) rd->round < rounds->len)
    {
      AtlasRound *old = g_ptr_array_index (rounds, rd->round);

      /* Keys this app does not know stay with the round. */
      if (old->extra != NULL)
        round->extra = g_bytes_ref (old->extra);
      g_ptr_array_remove_index (rounds, rd->round);
    }
  g_ptr_array_insert (rounds, round_position (rounds, round->date), round);

  set_dialogue_rounds (self, rd->dialogue, rounds,
                       rd->round >= 0 ? _("Edit Round") : _("Add Round"));
}

static GtkWidget *
round_entry_new (RoundDialog *rd,
                 GtkWidget   *list,
                 const char  *title,
                 const char  *text)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (round_dialog_validate), rd);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);

  return entry;
}

static void
open_round_dialog (AtlasProfileSection *self,
                   guint                dialogue_index,
                   int                  round_index)
{
  g_autoptr(AtlasDialogue) dialogue = dialogue_at (self, dialogue_index);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const AtlasRound *round = NULL;
  g_autofree char *number = NULL;
  const char *change_date = atlas_undo_stack_get_change_date (atlas_profile_section_get_undo_stack (self));
  RoundDialog *rd;
  GtkWidget *dialog, *list;

  if (dialogue == NULL)
    return;
  if (round_index >= 0 && (guint) round_index < atlas_dialogue_get_rounds (dialogue)->len)
    round = g_ptr_array_index (atlas_dialogue_get_rounds (dialogue), round_index);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   round ? _("Edit Round") : _("Add Round"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), atlas_dialogue_get_name (dialogue));
  rd = g_new0 (RoundDialog, 1);
  rd->self = g_object_ref (self);
  rd->dialogue = dialogue_index;
  rd->round = round ? round_index : -1;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  number = round && round->number > 0 ? g_strdup_printf ("%d", round->number) : NULL;
  rd->date = round_entry_new (rd, list, _("Date (YYYY-MM-DD, YYYY-MM or YYYY)"),
                              round ? round->date : change_date);
  rd->place = round_entry_new (rd, list, _("Place"), round ? round->place : NULL);
  rd->number = round_entry_new (rd, list, _("Number (the nth round)"), number);
  rd->url = round_entry_new (rd, list, _("Link (http or https)"), round ? round->url : NULL);
  rd->note = round_entry_new (rd, list, _("Note"), round ? round->note : NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", round ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* rd lives as long as the dialog's handler */
  g_signal_connect_data (dialog, "response", G_CALLBACK (round_dialog_response_cb), rd,
                         round_dialog_free, 0);
  round_dialog_validate (rd);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (rd->date);
}

static void
round_action_clicked_cb (GtkButton   *button,
                         RoundAction *action)
{
  /* Copied: a change builds the rows anew, and this button with them. */
  AtlasProfileSection *self = action->section;
  const char *what = action->what;
  guint dialogue_index = action->dialogue;
  int round_index = action->round;
  g_autoptr(AtlasDialogue) dialogue = NULL;
  g_autoptr(GPtrArray) rounds = NULL;

  if (!atlas_profile_section_can_edit (self))
    return;

  if (g_str_equal (what, "add"))
    {
      open_round_dialog (self, dialogue_index, -1);
      return;
    }
  if (g_str_equal (what, "edit"))
    {
      open_round_dialog (self, dialogue_index, round_index);
      return;
    }

  dialogue = dialogue_at (self, dialogue_index);
  if (dialogue == NULL)
    return;
  rounds = atlas_rounds_copy (atlas_dialogue_get_rounds (dialogue));
  if (round_index < 0 || (guint) round_index >= rounds->len)
    return;

  if (g_str_equal (what, "remove"))
    {
      g_ptr_array_remove_index (rounds, round_index);
      set_dialogue_rounds (self, dialogue_index, rounds, _("Remove Round"));
    }
  else
    {
      int target = round_index + (g_str_equal (what, "up") ? -1 : 1);
      gpointer tmp;

      if (target < 0 || (guint) target >= rounds->len)
        return;
      tmp = rounds->pdata[round_index];
      rounds->pdata[round_index] = rounds->pdata[target];
      rounds->pdata[target] = tmp;
      set_dialogue_rounds (self, dialogue_index, rounds,
                           g_str_equal (what, "up") ? _("Move Round Up") : _("Move Round Down"));
    }
}

static GtkWidget *
round_button_new (AtlasProfileSection *self,
                  guint                dialogue_index,
                  int                  round_index,
                  const char          *what,
                  const char          *icon_name,
                  const char          *label)
{
  GtkWidget *button = atlas_profile_icon_button_new (icon_name, label);
  RoundAction *action;

  action = g_new0 (RoundAction, 1);
  action->section = self;
  action->dialogue = dialogue_index;
  action->round = round_index;
  action->what = what;
  g_signal_connect_data (button, "clicked", G_CALLBACK (round_action_clicked_cb), action,
                         (GClosureNotify) (void (*) (void)) g_free, 0);

  return button;
}

void
atlas_profile_rounds_editor_add (AtlasProfileSection *self,
                                 GtkWidget           *expander,
                                 guint                index)
{
  AtlasPartner *partner = atlas_profile_section_get_partner (self);
  g_autoptr(AtlasDialogue) dialogue = g_list_model_get_item (atlas_partner_get_dialogues (partner),
                                                              index);
  GPtrArray *rounds = dialogue ? atlas_dialogue_get_rounds (dialogue) : NULL;
  GtkWidget *header, *add;

  if (rounds == NULL)
    return;

  header = atlas_profile_action_row_new (_("Rounds"), rounds->len == 0 ? _("None recorded") : NULL);
  add = round_button_new (self, index, -1, "add", "list-add-symbolic", _("Add Round"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (header), add);
  atlas_section_row_add (ATLAS_SECTION_ROW (expander), header);

  for (guint i = 0; i < rounds->len; i++)
    {
      const AtlasRound *round = g_ptr_array_index (rounds, i);
      g_autofree char *title = atlas_profile_round_title (round);
      g_autofree char *subtitle = atlas_profile_round_subtitle (round);
      GtkWidget *row = atlas_profile_action_row_new (title, subtitle);
      GtkWidget *up = round_button_new (self, index, i, "up", "go-up-symbolic", _("Move Round Up"));
      GtkWidget *down = round_button_new (self, index, i, "down", "go-down-symbolic",
                                          _("Move Round Down"));
      GtkWidget *edit = round_button_new (self, index, i, "edit", "document-edit-symbolic",
                                          _("Edit Round"));
      GtkWidget *remove = round_button_new (self, index, i, "remove", "user-trash-symbolic",
                                            _("Remove Round"));
      const AtlasRound *previous = i > 0 ? g_ptr_array_index (rounds, i - 1) : NULL;
      const AtlasRound *next = i + 1 < rounds->len ? g_ptr_array_index (rounds, i + 1) : NULL;

      gtk_widget_set_margin_start (row, 12);
      gtk_widget_set_sensitive (up, previous && atlas_round_date_compare (previous->date, round->date) == 0);
      gtk_widget_set_sensitive (down, next && atlas_round_date_compare (next->date, round->date) == 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      atlas_section_row_add (ATLAS_SECTION_ROW (expander), row);
    }

}
