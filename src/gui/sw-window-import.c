/* The window's imports of other tools' files: a GPX track for a walk, and
 * routes or findings from KML, GeoJSON or GPX, from the menu or dropped on
 * the map. Files are read in a worker thread; storing is one edit. */
#define G_LOG_DOMAIN "sw-window-import"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-track-import.h"
#include "sw-vector-import.h"
#include "sw-window-private.h"

static char *
dup_basename (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

gboolean
_sw_window_import_accepts (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *folded = basename != NULL ? g_utf8_casefold (basename, -1) : NULL;

  return folded != NULL && (g_str_has_suffix (folded, ".gpx") || g_str_has_suffix (folded, ".kml") ||
                            g_str_has_suffix (folded, ".geojson") || g_str_has_suffix (folded, ".json"));
}

static gboolean
is_gpx (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *folded = basename != NULL ? g_utf8_casefold (basename, -1) : NULL;

  return folded != NULL && g_str_has_suffix (folded, ".gpx");
}

/* The walk shown in the sidebar, else the project's only or first walk. */
static SwWalk *
current_walk (SwWindow *self)
{
  SwWalk *walk = sw_walk_editor_get_walk (sw_sidebar_get_walk_editor (self->sidebar));
  GListModel *walks;
  g_autoptr (SwWalk) first = NULL;

  if (walk != NULL || self->project == NULL)
    return walk;
  walks = sw_project_get_walks (self->project);
  if (g_list_model_get_n_items (walks) == 0)
    return NULL;
  first = g_list_model_get_item (walks, 0);
  return first;
}

static void
import_started (SwWindow *self)
{
  self->n_importing++;
  _sw_window_actions_update (self);
}

static void
import_finished (SwWindow *self)
{
  g_assert (self->n_importing > 0);
  self->n_importing--;
  _sw_window_actions_update (self);
}

/* ---------------------------------------------------------------------- */
/* Routes and findings from KML, GeoJSON and GPX                          */

typedef struct
{
  GFile *file;
  SwVectorImportMode mode;
  char *walk_uuid;
} VectorJob;

static void
vector_job_free (VectorJob *job)
{
  g_clear_object (&job->file);
  g_free (job->walk_uuid);
  g_free (job);
}

static void
read_vector_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  VectorJob *job = task_data;
  GError *error = NULL;
  SwVectorImport *import = sw_vector_import_read (job->file, job->mode, cancellable, &error);

  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, (GDestroyNotify) sw_vector_import_free);
}

static void
on_vector_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SwWindow *self = SW_WINDOW (object);
  VectorJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (SwVectorImport) import = NULL;
  g_autoptr (GPtrArray) added = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = dup_basename (job->file);
  g_autofree char *title = NULL;
  SwFeature *walk;

  import_finished (self);
  import = g_task_propagate_pointer (G_TASK (result), &error);
  if (import == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sw_window_show_error (self, _("Could Not Import"), error->message);
      return;
    }
  if (self->project == NULL)
    return;

  walk = sw_project_lookup (self->project, SW_KIND_WALK, job->walk_uuid);
  if (walk == NULL)
    {
      sw_window_show_error (self, _("Could Not Import"), _("The walk to import into was deleted meanwhile."));
      return;
    }
  added = sw_project_import_vector (self->project, import, SW_WALK (walk), &error);
  if (added == NULL)
    {
      sw_window_show_error (self, _("Could Not Import"), error->message);
      return;
    }

  if (job->mode == SW_VECTOR_IMPORT_ROUTES)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u route from “%s”",
                                          "Imported %u routes from “%s”", added->len),
                             added->len, name);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u finding from “%s”",
                                          "Imported %u findings from “%s”", added->len),
                             added->len, name);

  if (import->skipped->len == 0)
    {
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      sw_window_add_toast (self, toast);
    }
  else
    {
      g_autoptr (GString) body = g_string_new (NULL);

      /* Every skipped item by name: the user may fix them at the source. */
      g_string_append_printf (body,
                              g_dngettext (GETTEXT_PACKAGE, "%u item was left out:", "%u items were left out:",
                                           import->skipped->len),
                              import->skipped->len);
      for (guint i = 0; i < import->skipped->len && i < 20; i++)
        g_string_append_printf (body, "\n• %s", (const char *) import->skipped->pdata[i]);
      if (import->skipped->len > 20)
        g_string_append_printf (body, "\n%s", _("…and more."));
      sw_window_show_error (self, title, body->str);
    }
}

static void
start_vector_import (SwWindow           *self,
                     GFile              *file,
                     SwVectorImportMode  mode,
                     SwWalk             *walk)
{
  g_autoptr (GTask) task = NULL;
  VectorJob *job = g_new0 (VectorJob, 1);

  job->file = g_object_ref (file);
  job->mode = mode;
  job->walk_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (walk)));

  import_started (self);
  task = g_task_new (self, self->cancellable, on_vector_read, NULL);
  g_task_set_source_tag (task, start_vector_import);
  g_task_set_task_data (task, job, (GDestroyNotify) vector_job_free);
  g_task_run_in_thread (task, read_vector_in_thread);
}

/* A walk chooser for dialogs: a combo row of the walks' titles. */
static AdwComboRow *
walk_row_new (SwWindow *self)
{
  GListModel *walks = sw_project_get_walks (self->project);
  GtkStringList *titles = gtk_string_list_new (NULL);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  SwWalk *current = current_walk (self);

  for (guint i = 0; i < g_list_model_get_n_items (walks); i++)
    {
      g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);
      const char *title = sw_walk_get_title (walk);

      gtk_string_list_append (titles, title != NULL && *title != '\0' ? title : _("Untitled Walk"));
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (titles));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Walk"));
  if (current != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (walks); i++)
      {
        g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);

        if (walk == current)
          adw_combo_row_set_selected (row, i);
      }
  g_object_unref (titles);
  return row;
}

static SwWalk *
walk_row_get_walk (SwWindow    *self,
                   AdwComboRow *row)
{
  g_autoptr (SwWalk) walk = NULL;
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  walk = g_list_model_get_item (sw_project_get_walks (self->project), selected);
  return walk;
}

static void
on_import_options_response (AdwMessageDialog *dialog,
                            const char       *response,
                            SwWindow         *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  AdwComboRow *walk_row = g_object_get_data (G_OBJECT (dialog), "walk-row");
  AdwComboRow *mode_row = g_object_get_data (G_OBJECT (dialog), "mode-row");
  SwWalk *walk;

  if (!g_str_equal (response, "import") || self->project == NULL)
    return;
  walk = walk_row_get_walk (self, walk_row);
  if (walk == NULL)
    return;
  start_vector_import (self, file,
                       adw_combo_row_get_selected (mode_row) == 1 ? SW_VECTOR_IMPORT_ROUTES
                                                                  : SW_VECTOR_IMPORT_FINDINGS,
                       walk);
}

/* Asks what @file's items become and for which walk, then imports. */
static void
show_import_options (SwWindow           *self,
                     GFile              *file,
                     SwVectorImportMode  suggested)
{
  g_autofree char *name = dup_basename (file);
  g_autofree char *heading = g_strdup_printf (_("Import “%s”"), name);
  const char *const modes[] = { N_("Findings, from its points"), N_("Routes, from its lines"), NULL };
  g_autoptr (GtkStringList) mode_names = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  AdwComboRow *mode_row = ADW_COMBO_ROW (adw_combo_row_new ());
  AdwComboRow *walk_row;

  if (sw_project_count (self->project, SW_KIND_WALK) == 0)
    {
      sw_window_show_error (self, _("Could Not Import"),
                            _("The project has no walk yet. Add a walk first, then import into it."));
      return;
    }

  for (guint i = 0; modes[i] != NULL; i++)
    gtk_string_list_append (mode_names, _(modes[i]));
  adw_combo_row_set_model (mode_row, G_LIST_MODEL (mode_names));
  adw_combo_row_set_selected (mode_row, suggested == SW_VECTOR_IMPORT_ROUTES ? 1 : 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (mode_row), _("Import As"));
  walk_row = walk_row_new (self);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (mode_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (walk_row));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Points become findings with their attributes "
                                                         "in the note, lines become routes. Items that "
                                                         "cannot be used are listed afterwards.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "walk-row", walk_row);
  g_object_set_data (G_OBJECT (dialog), "mode-row", mode_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_options_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------------- */
/* A GPX track for a walk                                                 */

typedef struct
{
  GFile *file;
  char *walk_uuid;
} TrackJob;

static void
track_job_free (TrackJob *job)
{
  g_clear_object (&job->file);
  g_free (job->walk_uuid);
  g_free (job);
}

static void
read_track_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  TrackJob *job = task_data;
  GError *error = NULL;
  SwTrack *track = sw_track_new_from_gpx (job->file, &error);

  if (track == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, track, g_object_unref);
}

static void
on_untimed_track_response (AdwMessageDialog *dialog,
                           const char       *response,
                           SwWindow         *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  const char *walk_uuid = g_object_get_data (G_OBJECT (dialog), "walk-uuid");
  SwFeature *walk;

  if (!g_str_equal (response, "route") || self->project == NULL)
    return;
  walk = sw_project_lookup (self->project, SW_KIND_WALK, walk_uuid);
  if (walk != NULL)
    start_vector_import (self, file, SW_VECTOR_IMPORT_ROUTES, SW_WALK (walk));
}

static void
on_track_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SwWindow *self = SW_WINDOW (object);
  TrackJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (SwTrack) track = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = dup_basename (job->file);
  g_autofree char *title = NULL;
  SwFeature *walk;
  SwTrack *stored;

  import_finished (self);
  track = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->project == NULL)
    return;

  if (g_error_matches (error, SW_TRACK_IMPORT_ERROR, SW_TRACK_IMPORT_ERROR_NO_TIMES))
    {
      AdwMessageDialog *dialog;

      /* Without times the track cannot place photos, which is what a
       * recorded track is for here; as a route it still shows the way. */
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("The Track Has No Times"),
                                                           error->message));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "route", _("Import as _Route"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "route", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "route");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (job->file), g_object_unref);
      g_object_set_data_full (G_OBJECT (dialog), "walk-uuid", g_strdup (job->walk_uuid), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_untimed_track_response), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (track == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sw_window_show_error (self, _("Could Not Import the Track"), error->message);
      return;
    }

  walk = sw_project_lookup (self->project, SW_KIND_WALK, job->walk_uuid);
  if (walk == NULL)
    {
      sw_window_show_error (self, _("Could Not Import the Track"),
                            _("The walk to import into was deleted meanwhile."));
      return;
    }
  stored = sw_project_import_track (self->project, track, SW_WALK (walk), &error);
  if (stored == NULL)
    {
      sw_window_show_error (self, _("Could Not Import the Track"), error->message);
      return;
    }

  /* TRANSLATORS: the file and the walk it was imported for */
  title = g_strdup_printf (_("Imported the track “%s” for “%s”"), name, sw_walk_get_title (SW_WALK (walk)));
  {
    AdwToast *toast = adw_toast_new (title);

    adw_toast_set_button_label (toast, _("_Undo"));
    adw_toast_set_action_name (toast, "win.undo");
    sw_window_add_toast (self, toast);
  }
}

static void
start_track_import (SwWindow *self,
                    GFile    *file)
{
  g_autoptr (GTask) task = NULL;
  TrackJob *job;
  SwWalk *walk = current_walk (self);

  if (walk == NULL)
    {
      sw_window_show_error (self, _("Could Not Import the Track"),
                            _("The project has no walk yet. Add a walk first, then import its track."));
      return;
    }

  job = g_new0 (TrackJob, 1);
  job->file = g_object_ref (file);
  job->walk_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (walk)));

  import_started (self);
  task = g_task_new (self, self->cancellable, on_track_read, NULL);
  g_task_set_source_tag (task, start_track_import);
  g_task_set_task_data (task, job, (GDestroyNotify) track_job_free);
  g_task_run_in_thread (task, read_track_in_thread);
}

/* GPX files become the current walk's track; the others are asked about. */
void
_sw_window_import_files (SwWindow  *self,
                         GPtrArray *files)
{
  g_return_if_fail (SW_IS_WINDOW (self));

  if (self->project == NULL || sw_project_is_read_only (self->project))
    return;
  for (guint i = 0; i < files->len; i++)
    {
      if (is_gpx (files->pdata[i]))
        start_track_import (self, files->pdata[i]);
      else
        show_import_options (self, files->pdata[i], SW_VECTOR_IMPORT_FINDINGS);
    }
}

/* ---------------------------------------------------------------------- */
/* Actions                                                                */

/* win.import-uris: what the file choosers and tests hand over. */
static void
import_uris_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree const char **uris = g_variant_get_strv (parameter, NULL);

  for (guint i = 0; uris[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_uri (uris[i]));
  _sw_window_import_files (self, files);
}

static void
on_import_chosen (GtkNativeDialog *native,
                  int              response,
                  SwWindow        *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native))) != NULL)
    {
      gboolean as_track = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "as-track"));

      if (as_track)
        start_track_import (self, file);
      else
        show_import_options (self, file, SW_VECTOR_IMPORT_FINDINGS);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_file (SwWindow   *self,
             gboolean    as_track)
{
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (as_track ? _("Import Track") : _("Import Routes or Findings"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (as_track)
    {
      gtk_file_filter_set_name (filter, _("GPS Tracks (GPX)"));
      gtk_file_filter_add_pattern (filter, "*.gpx");
      gtk_file_filter_add_pattern (filter, "*.GPX");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Map Files (KML, GeoJSON, GPX)"));
      gtk_file_filter_add_pattern (filter, "*.kml");
      gtk_file_filter_add_pattern (filter, "*.KML");
      gtk_file_filter_add_pattern (filter, "*.geojson");
      gtk_file_filter_add_pattern (filter, "*.json");
      gtk_file_filter_add_pattern (filter, "*.gpx");
      gtk_file_filter_add_pattern (filter, "*.GPX");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_set_data (G_OBJECT (native), "as-track", GINT_TO_POINTER (as_track));
  g_signal_connect (native, "response", G_CALLBACK (on_import_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
import_track_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_file (SW_WINDOW (widget), TRUE);
}

static void
import_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  choose_file (SW_WINDOW (widget), FALSE);
}

void
_sw_window_import_update (SwWindow *self)
{
  gboolean can_import = self->project != NULL && !sw_project_is_read_only (self->project);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-track", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-file", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-uris", can_import);
}

void
_sw_window_class_import_init (SwWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.import-track", NULL, import_track_action);
  gtk_widget_class_install_action (widget_class, "win.import-file", NULL, import_file_action);
  gtk_widget_class_install_action (widget_class, "win.import-uris", "as", import_uris_action);
}
