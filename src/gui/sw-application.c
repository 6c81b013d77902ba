/* The application: opens each project in one window, keeps the recent
 * projects menu, and holds the app-wide actions. */
#define G_LOG_DOMAIN "sw-application"

#include "config.h"

#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "sw-project.h"
#include "sw-vocabulary.h"

#include "sw-application.h"
#include "sw-new-project-dialog.h"
#include "sw-preferences-window.h"

#define WEBSITE            "https://github.com/safetywalk/safetywalk"
#define PROJECT_MIME_TYPE  "application/geopackage+sqlite3"
#define MAX_RECENT         10

struct _SwApplication
{
  AdwApplication parent_instance;

  GtkRecentManager *recent_manager;
  GMenu *recent_menu;
};

G_DEFINE_FINAL_TYPE (SwApplication, sw_application, ADW_TYPE_APPLICATION)

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

static SwWindow *
get_active_sw_window (SwApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return SW_IS_WINDOW (window) ? SW_WINDOW (window) : NULL;
}

/* ---------------------------------------------------------------------- */
/* Windows                                                                */

/* The window showing @file, or opening it. */
SwWindow *
sw_application_find_window (SwApplication *self,
                            GFile         *file)
{
  g_return_val_if_fail (SW_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GFile *window_file;

      if (!SW_IS_WINDOW (l->data))
        continue;

      window_file = sw_window_get_file (l->data);
      if (window_file != NULL && g_file_equal (window_file, file))
        return l->data;
    }

  return NULL;
}

/* @preferred if it is empty, else any empty window, else a new one. */
static SwWindow *
get_empty_window (SwApplication *self,
                  SwWindow      *preferred)
{
  if (preferred != NULL && sw_window_is_empty (preferred))
    return preferred;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SW_IS_WINDOW (l->data) && sw_window_is_empty (l->data))
      return l->data;

  return sw_window_new (GTK_APPLICATION (self));
}

/* Shows @file: presents the window that has it open already, or opens it
 * in an empty window, @preferred first. Returns the window. */
SwWindow *
sw_application_open_project (SwApplication *self,
                             GFile         *file,
                             SwWindow      *preferred)
{
  SwWindow *window;

  g_return_val_if_fail (SW_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (preferred == NULL || SW_IS_WINDOW (preferred), NULL);

  window = sw_application_find_window (self, file);
  if (window == NULL)
    {
      window = get_empty_window (self, preferred);
      sw_window_open_file (window, file);
    }

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

/* ---------------------------------------------------------------------- */
/* Recent projects                                                        */

static int
compare_recent_by_date (gconstpointer a,
                        gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

static char *
escape_mnemonic (const char *label)
{
  g_auto (GStrv) parts = g_strsplit (label, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
rebuild_recent_menu (SwApplication *self)
{
  g_autoptr (GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GList *items = gtk_recent_manager_get_items (self->recent_manager);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_application (info, PACKAGE_NAME)
          && g_str_has_suffix (gtk_recent_info_get_uri (info), ".gpkg")
          && (!gtk_recent_info_is_local (info) || gtk_recent_info_exists (info)))
        g_ptr_array_add (infos, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (infos, compare_recent_by_date);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < MIN (infos->len, MAX_RECENT); i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (infos, i);
      g_autofree char *label = escape_mnemonic (gtk_recent_info_get_display_name (info));
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "app.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
    }

  if (infos->len == 0)
    {
      /* Its action is always disabled: the line is there to be read. */
      g_autoptr (GMenuItem) item = g_menu_item_new (_("No Recent Projects"), "app.no-recent-projects");

      g_menu_append_item (self->recent_menu, item);
    }
}

void
sw_application_add_recent (SwApplication *self,
                           GFile         *file)
{
  g_autofree char *uri = NULL;
  GtkRecentData data = {
    .mime_type = (char *) PROJECT_MIME_TYPE,
    .app_name = (char *) PACKAGE_NAME,
    .app_exec = (char *) "safetywalk %u",
  };

  g_return_if_fail (SW_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  gtk_recent_manager_add_full (self->recent_manager, uri, &data);
}

/* The recent projects, for the Open Recent submenu of each window. */
GMenuModel *
sw_application_get_recent_menu (SwApplication *self)
{
  g_return_val_if_fail (SW_IS_APPLICATION (self), NULL);

  return G_MENU_MODEL (self->recent_menu);
}

/* ---------------------------------------------------------------------- */
/* Demo project                                                           */

/* The demo as built or installed; NULL when there is none. */
GFile *
sw_application_dup_demo_file (SwApplication *self)
{
  const char *path = g_getenv ("SAFETYWALK_DEMO");
  g_autofree char *installed = NULL;

  g_return_val_if_fail (SW_IS_APPLICATION (self), NULL);

  if (path == NULL || *path == '\0')
    path = installed = g_build_filename (PKGDATADIR, "demo", "katrineholm.gpkg", NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  return g_file_new_for_path (path);
}

static void
on_demo_copied (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (SwApplication) self = user_data;
  GFile *copy = g_object_get_data (object, "copy");
  g_autoptr (GError) error = NULL;
  SwWindow *window;

  if (!g_file_copy_finish (G_FILE (object), result, &error))
    {
      window = get_empty_window (self, get_active_sw_window (self));
      gtk_window_present (GTK_WINDOW (window));
      sw_window_show_error (window, _("Could Not Open the Demo Project"), error->message);
      return;
    }

  sw_application_open_project (self, copy, get_active_sw_window (self));
}

/* The demo opens as the user's own copy: edits must not touch the
 * installed file, and an earlier copy keeps its edits. */
static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SwApplication *self = user_data;
  g_autoptr (GFile) demo = sw_application_dup_demo_file (self);
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GFile) copy = NULL;
  g_autoptr (GError) error = NULL;

  if (demo == NULL)
    return;

  folder = g_file_new_build_filename (g_get_user_data_dir (), PACKAGE_NAME, NULL);
  copy = g_file_get_child (folder, "katrineholm.gpkg");

  if (g_file_query_exists (copy, NULL))
    {
      sw_application_open_project (self, copy, get_active_sw_window (self));
      return;
    }

  if (!g_file_make_directory_with_parents (folder, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      SwWindow *window = get_empty_window (self, get_active_sw_window (self));

      gtk_window_present (GTK_WINDOW (window));
      sw_window_show_error (window, _("Could Not Open the Demo Project"), error->message);
      return;
    }

  g_object_set_data_full (G_OBJECT (demo), "copy", g_object_ref (copy), g_object_unref);
  g_file_copy_async (demo, copy, G_FILE_COPY_NONE, G_PRIORITY_DEFAULT, NULL,
                     NULL, NULL, on_demo_copied, g_object_ref (self));
}

/* ---------------------------------------------------------------------- */
/* New Project                                                            */

typedef struct
{
  char *title;
  char *municipality;
  GFile *file;
  GWeakRef window;
} NewProject;

static void
new_project_free (NewProject *new_project)
{
  g_clear_pointer (&new_project->title, g_free);
  g_clear_pointer (&new_project->municipality, g_free);
  g_clear_object (&new_project->file);
  g_weak_ref_clear (&new_project->window);
  g_free (new_project);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NewProject, new_project_free)

static void
create_project_in_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  NewProject *new_project = task_data;
  SwProject *project;
  GError *error = NULL;

  /* The file chooser asked before replacing: the old file goes to the
   * trash, where it can be found again, never deleted outright. */
  if (g_file_query_exists (new_project->file, NULL)
      && !g_file_trash (new_project->file, NULL, &error))
    {
      g_autofree char *name = dup_display_name (new_project->file);

      g_task_return_new_error (task, error->domain, error->code,
                               _("Cannot replace “%s”: %s"), name, error->message);
      g_error_free (error);
      return;
    }

  project = sw_project_create (new_project->file, new_project->title, new_project->municipality, &error);
  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

static void
on_project_created (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SwApplication *self = SW_APPLICATION (object);
  NewProject *new_project = g_task_get_task_data (G_TASK (result));
  g_autoptr (SwWindow) preferred = g_weak_ref_get (&new_project->window);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GError) error = NULL;
  SwWindow *window;

  project = g_task_propagate_pointer (G_TASK (result), &error);
  window = get_empty_window (self, preferred);

  if (project == NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      sw_window_show_error (window, _("Could Not Create the Project"), error->message);
      return;
    }

  sw_window_set_project (window, project);
  gtk_window_present (GTK_WINDOW (window));
  sw_application_add_recent (self, new_project->file);
}

static void
on_new_project_file_chosen (GtkNativeDialog *native,
                            int              response,
                            gpointer         user_data)
{
  g_autoptr (NewProject) new_project = user_data;
  SwApplication *self = SW_APPLICATION (g_application_get_default ());
  g_autoptr (GFile) chosen = NULL;
  g_autoptr (GTask) task = NULL;
  g_autoptr (SwWindow) parent = NULL;
  SwWindow *open_window;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  gtk_native_dialog_destroy (native);
  g_object_unref (native);

  if (chosen == NULL || !SW_IS_APPLICATION (self))
    return;

  if (g_file_peek_path (chosen) != NULL && !g_str_has_suffix (g_file_peek_path (chosen), ".gpkg"))
    {
      g_autofree char *path = g_strconcat (g_file_peek_path (chosen), ".gpkg", NULL);

      new_project->file = g_file_new_for_path (path);
    }
  else
    new_project->file = g_steal_pointer (&chosen);

  /* Replacing a project that is open would pull the file from under its
   * window. */
  open_window = sw_application_find_window (self, new_project->file);
  if (open_window != NULL)
    {
      g_autofree char *name = dup_display_name (new_project->file);
      g_autofree char *message = g_strdup_printf (_("“%s” is open in a window. "
                                                    "Choose another name for the new project."),
                                                  name);

      sw_window_show_error (open_window, _("Could Not Create the Project"), message);
      return;
    }

  parent = g_weak_ref_get (&new_project->window);
  task = g_task_new (self, NULL, on_project_created, NULL);
  g_task_set_source_tag (task, on_new_project_file_chosen);
  g_task_set_task_data (task, g_steal_pointer (&new_project), (GDestroyNotify) new_project_free);
  g_task_run_in_thread (task, create_project_in_thread);
}

static void
on_new_project_response (AdwMessageDialog *dialog,
                         const char       *response,
                         SwApplication    *self)
{
  SwNewProjectDialog *new_dialog = SW_NEW_PROJECT_DIALOG (dialog);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) filter = NULL;
  g_autofree char *suggestion = NULL;
  NewProject *new_project;

  if (!g_str_equal (response, "create"))
    return;

  new_project = g_new0 (NewProject, 1);
  new_project->title = g_strstrip (g_strdup (sw_new_project_dialog_get_title (new_dialog)));
  new_project->municipality = g_strstrip (g_strdup (sw_new_project_dialog_get_municipality (new_dialog)));
  g_weak_ref_init (&new_project->window, SW_IS_WINDOW (parent) ? parent : NULL);

  native = gtk_file_chooser_native_new (_("Save the New Project"),
                                        parent,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("C_reate"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Safety Walk Projects"));
  gtk_file_filter_add_pattern (filter, "*.gpkg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  /* File names travel by e-mail and USB sticks: no slashes from titles. */
  suggestion = g_strdup_printf ("%s.gpkg", g_strdelimit (g_strdup (new_project->title), "/\\:", '-'));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggestion);

  g_signal_connect (native, "response", G_CALLBACK (on_new_project_file_chosen), new_project);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
new_project_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  SwApplication *self = user_data;
  GtkWidget *dialog;

  dialog = sw_new_project_dialog_new (GTK_WINDOW (get_active_sw_window (self)));
  g_signal_connect (dialog, "response", G_CALLBACK (on_new_project_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------------- */
/* Open                                                                   */

static void
on_open_response (GtkNativeDialog *native,
                  int              response,
                  SwApplication   *self)
{
  g_autoptr (GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

  gtk_native_dialog_destroy (native);
  g_object_unref (native);

  if (files == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr (GFile) file = g_list_model_get_item (files, i);

      sw_application_open_project (self, file, get_active_sw_window (self));
    }
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SwApplication *self = user_data;
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) filter = NULL;
  g_autoptr (GtkFileFilter) all = NULL;

  native = gtk_file_chooser_native_new (_("Open a Project"),
                                        GTK_WINDOW (get_active_sw_window (self)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Safety Walk Projects"));
  gtk_file_filter_add_pattern (filter, "*.gpkg");
  gtk_file_filter_add_mime_type (filter, PROJECT_MIME_TYPE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);

  g_signal_connect (native, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  SwApplication *self = user_data;
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  sw_application_open_project (self, file, get_active_sw_window (self));
}

/* ---------------------------------------------------------------------- */
/* Preferences, shortcuts, about, quit                                    */

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  SwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (sw_preferences_window_new (parent)));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SwApplication *self = user_data;
  g_autoptr (GtkBuilder) builder = NULL;
  GtkWindow *window;

  builder = gtk_builder_new_from_resource ("/io/github/safetywalk/SafetyWalk/sw-shortcuts-window.ui");
  window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (window, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  SwApplication *self = user_data;
  static const char *developers[] = { "The Safety Walk contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Safety Walk"),
                        "developer-name", _("The Safety Walk contributors"),
                        "version", PACKAGE_VERSION,
                        "website", WEBSITE,
                        "issue-url", WEBSITE "/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© The Safety Walk contributors",
                        "developers", developers,
                        /* Translators: your names, one per line, for the About window. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Plan safety walks (trygghetsvandringar), record what "
                                      "participants find on the way, and follow up on measures "
                                      "with the people responsible."),
                        NULL);

  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Map data"),
                                      SW_BASEMAP_OSM_LICENSE,
                                      GTK_LICENSE_CUSTOM,
                                      _("The default map background shows map data from "
                                        "OpenStreetMap, available under the Open Database "
                                        "License: <a href=\"https://www.openstreetmap.org/copyright\">"
                                        "openstreetmap.org/copyright</a>. Map tiles are served by "
                                        "the OpenStreetMap Foundation under its tile usage policy."));
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about),
                                       _("Method"),
                                       (const char *[]) { "Brå – Brottsförebyggande rådet https://bra.se",
                                                          "Boverket https://www.boverket.se",
                                                          NULL });

  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SwApplication *self = user_data;
  g_autoptr (GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (not destroying) lets each window save its state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "new-project", new_project_action },
  { "open", open_action },
  { "open-demo", open_demo_action },
  { "open-recent", open_recent_action, "s" },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "quit", quit_action },
  { "no-recent-projects", NULL },
};

static void
sw_application_actions_update (SwApplication *self)
{
  g_autoptr (GFile) demo = sw_application_dup_demo_file (self);
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "open-demo");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), demo != NULL);

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "no-recent-projects");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), FALSE);
}

/* ---------------------------------------------------------------------- */
/* GApplication                                                           */

/* The category colours live in the vocabulary, so the sidebar badges and
 * the map dots cannot disagree. */
static void
load_category_styles (SwApplication *self)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();
  g_autoptr (GString) css = g_string_new (NULL);
  const SwTerm *terms;
  guint n_terms;

  terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    if (terms[i].color != NULL)
      g_string_append_printf (css, ".category-badge.category-%s { background-color: %s; }\n",
                              terms[i].key, terms[i].color);

  terms = sw_vocabulary_get_terms (SW_VOCABULARY_SEVERITY, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    if (terms[i].color != NULL)
      g_string_append_printf (css,
                              ".severity.severity-%s { background-color: alpha(%s, 0.25); "
                              "color: mix(%s, currentColor, 0.55); }\n",
                              terms[i].key, terms[i].color, terms[i].color);

  gtk_css_provider_load_from_data (provider, css->str, (gssize) css->len);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
sw_application_startup (GApplication *application)
{
  SwApplication *self = SW_APPLICATION (application);
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new-project", { "<Control>n", NULL } },
    { "app.open", { "<Control>o", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };
  g_autofree char *user_agent = NULL;

  G_APPLICATION_CLASS (sw_application_parent_class)->startup (application);

  /* OpenStreetMap's tile policy asks each app to name itself. */
  user_agent = g_strdup_printf ("SafetyWalk/%s (+%s)", PACKAGE_VERSION, WEBSITE);
  shumate_set_user_agent (user_agent);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
  sw_application_actions_update (self);

  load_category_styles (self);

  self->recent_manager = g_object_ref (gtk_recent_manager_get_default ());
  g_signal_connect_object (self->recent_manager, "changed", G_CALLBACK (rebuild_recent_menu),
                           self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);
}

static void
sw_application_activate (GApplication *application)
{
  SwApplication *self = SW_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (sw_window_new (GTK_APPLICATION (self)));

  gtk_window_present (window);
}

static void
sw_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  SwApplication *self = SW_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    sw_application_open_project (self, files[i], get_active_sw_window (self));
}

static void
sw_application_dispose (GObject *object)
{
  SwApplication *self = SW_APPLICATION (object);

  g_clear_object (&self->recent_manager);

  G_OBJECT_CLASS (sw_application_parent_class)->dispose (object);
}

static void
sw_application_finalize (GObject *object)
{
  SwApplication *self = SW_APPLICATION (object);

  g_clear_object (&self->recent_menu);

  G_OBJECT_CLASS (sw_application_parent_class)->finalize (object);
}

static void
sw_application_class_init (SwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sw_application_dispose;
  object_class->finalize = sw_application_finalize;

  application_class->startup = sw_application_startup;
  application_class->activate = sw_application_activate;
  application_class->open = sw_application_open;
}

static void
sw_application_init (SwApplication *self)
{
  self->recent_menu = g_menu_new ();
}

SwApplication *
sw_application_new (const char        *application_id,
                    GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (SW_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/safetywalk/SafetyWalk",
                       NULL);
}
