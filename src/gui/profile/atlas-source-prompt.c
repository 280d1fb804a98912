/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Where a change comes from, asked when it is made (see the header): a
 * popover on the widget just changed, or a row under a field being typed
 * in. Both hold the undo stack and the partner the answer is for. */

#include "config.h"

#include "atlas-source-prompt.h"

static void
give_source (AtlasUndoStack *stack,
             AtlasPartner   *partner,
             const char     *text)
{
  g_autofree char *source = g_strstrip (g_strdup (text));

  if (source[0] == '\0')
    return;
  atlas_undo_stack_set_change_source (stack, source);
  atlas_undo_stack_fill_missing_sources (stack, partner);
}

/* The popover */

struct _AtlasSourcePrompt
{
  GtkPopover      parent_instance;

  AtlasUndoStack *stack;
  AtlasPartner   *partner;
  GtkEditable    *entry;
  GtkWidget      *record;
};

G_DEFINE_FINAL_TYPE (AtlasSourcePrompt, atlas_source_prompt, GTK_TYPE_POPOVER)

static void
record_clicked_cb (AtlasSourcePrompt *self)
{
  give_source (self->stack, self->partner, gtk_editable_get_text (self->entry));
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
not_now_clicked_cb (AtlasSourcePrompt *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
entry_changed_cb (AtlasSourcePrompt *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (self->entry)));

  gtk_widget_set_sensitive (self->record, text[0] != '\0');
}

static void
entry_activate_cb (AtlasSourcePrompt *self)
{
  if (gtk_widget_get_sensitive (self->record))
    record_clicked_cb (self);
}

/* Shortcuts the entry leaves alone (Ctrl+S, Ctrl+Z...) are the window's:
 * the question is put aside, the key goes on. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AtlasSourcePrompt     *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (gtk_widget_get_parent (GTK_WIDGET (self))));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0 || root == NULL)
    return FALSE;

  gtk_popover_popdown (GTK_POPOVER (self));
  return gtk_event_controller_key_forward (controller, root);
}

/* Weak: a popover already gone (see anchor_unmap_cb ()) is not kept alive
 * for it. */
static gboolean
unparent_idle (gpointer data)
{
  GWeakRef *ref = data;
  g_autoptr(GtkWidget) popover = g_weak_ref_get (ref);

  if (popover != NULL && gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  g_weak_ref_clear (ref);
  g_free (ref);
  return G_SOURCE_REMOVE;
}

/* The editor may rebuild its rows (and drop the drop-down the popover
 * hangs on) while the popover is open or before its idle unparenting: a
 * widget must not be finalized with a child it did not make. */
static void
anchor_destroy_cb (GtkWidget *anchor,
                   GtkWidget *popover)
{
  if (gtk_widget_get_parent (popover) == anchor)
    gtk_widget_unparent (popover);
}

/* Its drop-down leaves the screen (the editor built anew for another
 * partner, the window closed): the question is put aside, and the popover
 * goes at once rather than live on unrealized. GTK 4.8 times a tooltip
 * against the last surface that had pointer events, which is the popover's
 * while its grab holds the pointer (the pointer outside the window); once
 * the popover is unrealized but still alive (held by anyone: a window parks
 * a reference on a widget that took its focus away with it), that tooltip
 * asks for the pointer on no surface (Gdk-CRITICAL
 * gdk_surface_get_device_position). So: the focus out of it first, so that
 * none is parked; down; unparented, so that it is finalized now. */
static void
anchor_unmap_cb (GtkWidget         *anchor,
                 AtlasSourcePrompt *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && (focus == GTK_WIDGET (self) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self))))
    gtk_root_set_focus (root, NULL);
  gtk_popover_popdown (GTK_POPOVER (self));
  if (gtk_widget_get_parent (GTK_WIDGET (self)) == anchor)
    gtk_widget_unparent (GTK_WIDGET (self));
}

static void
closed_cb (AtlasSourcePrompt *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  /* Not from inside its own signal */
  g_weak_ref_init (ref, self);
  g_idle_add (unparent_idle, ref);
}

static void
atlas_source_prompt_dispose (GObject *object)
{
  AtlasSourcePrompt *self = ATLAS_SOURCE_PROMPT (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_SOURCE_PROMPT);
  g_clear_object (&self->stack);
  g_clear_object (&self->partner);

  G_OBJECT_CLASS (atlas_source_prompt_parent_class)->dispose (object);
}

static void
atlas_source_prompt_class_init (AtlasSourcePromptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_source_prompt_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-source-prompt.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasSourcePrompt, entry);
  gtk_widget_class_bind_template_child (widget_class, AtlasSourcePrompt, record);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, not_now_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, closed_cb);
}

static void
atlas_source_prompt_init (AtlasSourcePrompt *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
atlas_source_prompt_popup (GtkWidget      *anchor,
                           AtlasUndoStack *stack,
                           AtlasPartner   *partner)
{
  AtlasSourcePrompt *self;

  g_return_if_fail (GTK_IS_WIDGET (anchor));
  g_return_if_fail (ATLAS_IS_UNDO_STACK (stack));
  g_return_if_fail (ATLAS_IS_PARTNER (partner));

  self = g_object_new (ATLAS_TYPE_SOURCE_PROMPT, NULL);
  self->stack = g_object_ref (stack);
  self->partner = g_object_ref (partner);

  gtk_widget_set_parent (GTK_WIDGET (self), anchor);
  g_signal_connect_object (anchor, "destroy", G_CALLBACK (anchor_destroy_cb), self, 0);
  g_signal_connect_object (anchor, "unmap", G_CALLBACK (anchor_unmap_cb), self, 0);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* The row */

struct _AtlasSourcePromptRow
{
  AdwEntryRow     parent_instance;

  AtlasUndoStack *stack;
  AtlasPartner   *partner;
};

G_DEFINE_FINAL_TYPE (AtlasSourcePromptRow, atlas_source_prompt_row, ADW_TYPE_ENTRY_ROW)

static void
apply_cb (AtlasSourcePromptRow *self)
{
  give_source (self->stack, self->partner, gtk_editable_get_text (GTK_EDITABLE (self)));
  if (atlas_undo_stack_get_change_source (self->stack) != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
atlas_source_prompt_row_dispose (GObject *object)
{
  AtlasSourcePromptRow *self = ATLAS_SOURCE_PROMPT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_SOURCE_PROMPT_ROW);
  g_clear_object (&self->stack);
  g_clear_object (&self->partner);

  G_OBJECT_CLASS (atlas_source_prompt_row_parent_class)->dispose (object);
}

static void
atlas_source_prompt_row_class_init (AtlasSourcePromptRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_source_prompt_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cyberdiplomacy/Atlas/ui/atlas-source-prompt-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
}

static void
atlas_source_prompt_row_init (AtlasSourcePromptRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
atlas_source_prompt_row_new (AtlasUndoStack *stack,
                             AtlasPartner   *partner)
{
  AtlasSourcePromptRow *self;

  g_return_val_if_fail (ATLAS_IS_UNDO_STACK (stack), NULL);
  g_return_val_if_fail (ATLAS_IS_PARTNER (partner), NULL);

  self = g_object_new (ATLAS_TYPE_SOURCE_PROMPT_ROW, NULL);
  self->stack = g_object_ref (stack);
  self->partner = g_object_ref (partner);

  return GTK_WIDGET (self);
}
