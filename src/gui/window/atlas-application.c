/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The application: command-line modes that need no display (validation,
 * export) are handled before GTK starts; everything else opens windows. */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-application.h"
#include "atlas-cli.h"
#include "atlas-core.h"
#include "atlas-preferences-window.h"
#include "atlas-window.h"

struct _AtlasApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (AtlasApplication, atlas_application, ADW_TYPE_APPLICATION)

/* Shown by --help; the headless modes are parsed in local_command_line so
 * they run before GTK needs a display. */
static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "validate", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check the dataset FILEs given without opening a window; exit 1 if any is invalid"), NULL },
  { "export", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export without opening a window: pdf, fiche, png, svg, csv, geojson, json, bibtex, ris or csl-json; the dataset is the bundled one unless a FILE is given"),
    N_("FORMAT") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The file to export to (with --export), or to write a merge to (with --merge)"), N_("FILE") },
  { "lens", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The lens of an exported map (with --export)"), N_("ID") },
  { "partners", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Export only these partners (with --export)"), N_("ID,ID,…") },
  { "size", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The size of an exported image, 1920x1080 by default (with --export)"), N_("WxH") },
  { "paper", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The paper of an exported briefing: a4 or letter (with --export)"), N_("PAPER") },
  { "title", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The title of an exported briefing or map (with --export)"), N_("TEXT") },
  { "hatch", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Hatch patterns on an exported map, for black and white prints (with --export)"), NULL },
  { "force", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Let --output replace the dataset being exported; the old file is kept as FILE~ (with --export)"), NULL },
  { "as-of", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Export the dataset as it stood on this date (with --export)"), N_("YYYY-MM-DD") },
  { "since", 0, 0, G_OPTION_ARG_STRING, NULL, N_("End the PDF briefing with the changes since this date (with --export pdf)"), N_("YYYY-MM-DD") },
  { "changes", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("List the changes after FROM up to TO (default: the dataset's date) without opening a window"),
    N_("FROM[..TO]") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The format of the changes: csv, markdown or json (with --changes); of the differences: text or json (with --diff)"), N_("FORMAT") },
  { "diff", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Compare two datasets A B field by field without opening a window; exit 0 when equal, 1 when different, 2 on an error"), NULL },
  { "merge", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Merge datasets BASE OURS THEIRS into OURS (or --output FILE) without opening a window, as a git merge driver; exit 1 on conflicts"), NULL },
  { "order", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The order of the partners in a briefing or fiches: name (the default) or category, by the lens (with --export)"), N_("ORDER") },
  { NULL }
};

static gboolean
argv_has (char * const *argv,
          const char   *option)
{
  for (guint i = 1; argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "--"))
        return FALSE;
      if (g_str_equal (argv[i], option))
        return TRUE;
    }
  return FALSE;
}

static gboolean
argv_has_prefix (char * const *argv,
                 const char   *prefix)
{
  for (guint i = 1; argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "--"))
        return FALSE;
      if (g_str_has_prefix (argv[i], prefix))
        return TRUE;
    }
  return FALSE;
}

/* Takes a copy of the arguments: g_option_context_parse_strv() frees what
 * it removes from it, where g_option_context_parse() would leak it. */
static int
run_validate (char **arguments)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  gboolean validate = FALSE;
  g_auto(GStrv) args = g_strdupv (arguments);
  const GOptionEntry entries[] = {
    { "validate", 0, 0, G_OPTION_ARG_NONE, &validate, NULL, NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE…"));
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_autofree char *shown = atlas_text_escape_line (error->message);

      g_printerr ("cyber-atlas: %s\n", shown);
      return 1;
    }
  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("cyber-atlas: %s\n", _("--validate needs at least one file"));
      return 1;
    }

  return atlas_cli_validate ((const char * const *) files);
}

static gboolean
atlas_application_local_command_line (GApplication   *application,
                                      char         ***arguments,
                                      int            *exit_status)
{
  /* Hidden: what the shell completions complete (atlas-cli-list.c). */
  if (argv_has (*arguments, "--list-ids") || argv_has_prefix (*arguments, "--list-ids="))
    {
      atlas_core_init ();
      *exit_status = atlas_cli_list_ids (g_strv_length (*arguments), *arguments);
      return TRUE;
    }

  if (argv_has (*arguments, "--export") || argv_has_prefix (*arguments, "--export="))
    {
      atlas_core_init ();
      *exit_status = atlas_cli_export (g_strv_length (*arguments), *arguments);
      return TRUE;
    }

  if (argv_has (*arguments, "--changes") || argv_has_prefix (*arguments, "--changes="))
    {
      atlas_core_init ();
      *exit_status = atlas_cli_changes (g_strv_length (*arguments), *arguments);
      return TRUE;
    }

  if (argv_has (*arguments, "--diff"))
    {
      atlas_core_init ();
      *exit_status = atlas_cli_diff (g_strv_length (*arguments), *arguments);
      return TRUE;
    }

  if (argv_has (*arguments, "--merge"))
    {
      atlas_core_init ();
      *exit_status = atlas_cli_merge (g_strv_length (*arguments), *arguments);
      return TRUE;
    }

  if (argv_has (*arguments, "--validate"))
    {
      atlas_core_init ();
      *exit_status = run_validate (*arguments);
      return TRUE;
    }

  return G_APPLICATION_CLASS (atlas_application_parent_class)->local_command_line (application,
                                                                                     arguments,
                                                                                     exit_status);
}

static int
atlas_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

/* What the user worked on last is what the next start opens. */
static void
window_file_changed_cb (AtlasWindow      *window,
                        GParamSpec       *pspec,
                        AtlasApplication *self)
{
  GFile *file = atlas_window_get_file (window);
  g_autofree char *uri = file ? g_file_get_uri (file) : NULL;

  g_settings_set_string (atlas_application_get_settings (self), "last-file", uri ? uri : "");
}

/* The one way a window joins the application, however it was made (here,
 * or by a window opening a file while it holds unsaved work): it gets the
 * settings, and "last-file" follows its file. */
static void
atlas_application_window_added (GtkApplication *application,
                                GtkWindow      *window)
{
  AtlasApplication *self = ATLAS_APPLICATION (application);

  GTK_APPLICATION_CLASS (atlas_application_parent_class)->window_added (application, window);

  if (ATLAS_IS_WINDOW (window))
    {
      atlas_window_set_settings (ATLAS_WINDOW (window), atlas_application_get_settings (self));
      g_signal_connect_object (window, "notify::file", G_CALLBACK (window_file_changed_cb), self, 0);
    }
}

AtlasWindow *
atlas_application_new_window (AtlasApplication *self)
{
  g_return_val_if_fail (ATLAS_IS_APPLICATION (self), NULL);

  return g_object_new (ATLAS_TYPE_WINDOW, "application", self, NULL);
}

static void
atlas_application_activate (GApplication *application)
{
  AtlasApplication *self = ATLAS_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      AtlasWindow *atlas_window = atlas_application_new_window (self);
      g_autofree char *uri = g_settings_get_string (atlas_application_get_settings (self), "last-file");
      g_autoptr(GFile) file = uri[0] != '\0' ? g_file_new_for_uri (uri) : NULL;

      /* A file moved or deleted since is not an error worth a page: the
       * bundled dataset opens instead. */
      if (file != NULL && g_file_query_exists (file, NULL))
        atlas_window_load_file (atlas_window, file);
      else
        atlas_window_load_bundled (atlas_window);
      window = GTK_WINDOW (atlas_window);
    }

  gtk_window_present (window);
}

static void
atlas_application_open (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  AtlasApplication *self = ATLAS_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      AtlasWindow *window = atlas_application_new_window (self);

      atlas_window_load_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *application = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Close each window so that one with unsaved work can ask first. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *application = user_data;
  const char *developers[] = { "Cyber Diplomacy Atlas contributors", NULL };

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", _("Cyber Diplomacy Atlas"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/cyberdiplomacy/atlas",
                         "comments", _("The EU's cyber-security cooperation with its strategic partners"),
                         /* Translators: credit for the bundled map data */
                         "copyright", _("Map data: Natural Earth (public domain)"),
                         NULL);
}

static void
new_window_action_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  AtlasApplication *self = user_data;
  AtlasWindow *window = atlas_application_new_window (self);

  atlas_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AtlasApplication *self = user_data;
  GtkWidget *window;

  window = atlas_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         atlas_application_get_settings (self));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action_cb },
  { "quit", quit_action_cb },
  { "about", about_action_cb },
  { "new-window", new_window_action_cb },
};

static void
atlas_application_startup (GApplication *application)
{
  AtlasApplication *self = ATLAS_APPLICATION (application);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *new_accels[] = { "<Control>n", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char * const setting_actions[] = { "hatch-patterns", "legend-visible", "online-tiles" };

  G_APPLICATION_CLASS (atlas_application_parent_class)->startup (application);

  atlas_core_init ();
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  /* Map options as stateful actions, for the menu and for presentation keys. */
  for (guint i = 0; i < G_N_ELEMENTS (setting_actions); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (atlas_application_get_settings (self),
                                                            setting_actions[i]);

      g_action_map_add_action (G_ACTION_MAP (self), action);
    }
}

static void
atlas_application_dispose (GObject *object)
{
  AtlasApplication *self = ATLAS_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (atlas_application_parent_class)->dispose (object);
}

static void
atlas_application_class_init (AtlasApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = atlas_application_dispose;

  app_class->local_command_line = atlas_application_local_command_line;
  app_class->handle_local_options = atlas_application_handle_local_options;
  app_class->startup = atlas_application_startup;
  app_class->activate = atlas_application_activate;
  app_class->open = atlas_application_open;
  GTK_APPLICATION_CLASS (klass)->window_added = atlas_application_window_added;
}

static void
atlas_application_init (AtlasApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Map and brief the EU's cyber-security cooperation with its strategic partners."));
}

AtlasApplication *
atlas_application_new (void)
{
  return g_object_new (ATLAS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_PATH,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/* The settings are created on first use so the headless modes never need the
 * schema to be installed. */
GSettings *
atlas_application_get_settings (AtlasApplication *self)
{
  g_return_val_if_fail (ATLAS_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new ("io.github.cyberdiplomacy.Atlas");

  return self->settings;
}
