/* The window's volunteer copies and merging: Create Volunteer Copy for one
 * walk; Merge Projects reads the chosen files in a worker thread with
 * progress and Cancel, keeps a copy of the project, shows a review when
 * there are conflicts, and stores everything as one edit that Undo Merge
 * takes back. */
#define G_LOG_DOMAIN "sw-window-merge"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sw-merge.h"
#include "sw-merge-dialog.h"
#include "sw-window-private.h"

static char *
dup_basename (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

static gboolean
is_busy (SwWindow *self)
{
  return self->merge_cancellable != NULL;
}

/* ---------------------------------------------------------------------- */
/* Create Volunteer Copy                                                  */

static void
on_volunteer_copy_chosen (GtkNativeDialog *native,
                          int              response,
                          SwWindow        *self)
{
  g_autoptr (GFile) chosen = NULL;
  g_autoptr (GFile) destination = NULL;
  g_autoptr (GError) error = NULL;
  const char *walk_uuid = g_object_get_data (G_OBJECT (native), "walk-uuid");
  SwFeature *walk;

  if (response != GTK_RESPONSE_ACCEPT || self->project == NULL ||
      (chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native))) == NULL)
    goto out;

  if (!g_str_has_suffix (g_file_peek_path (chosen) != NULL ? g_file_peek_path (chosen) : "", ".gpkg"))
    {
      g_autofree char *path = g_strconcat (g_file_peek_path (chosen), ".gpkg", NULL);

      destination = g_file_new_for_path (path);
    }
  else
    destination = g_object_ref (chosen);

  walk = sw_project_lookup (self->project, SW_KIND_WALK, walk_uuid);
  if (walk == NULL)
    goto out;

  /* A walk with its routes and stops: small, written at once. The chooser
   * asked before replacing a file; a new project is never written over one. */
  if (g_file_query_exists (destination, NULL) && !g_file_delete (destination, NULL, &error))
    {
      sw_window_show_error (self, _("Could Not Create the Volunteer Copy"), error->message);
      goto out;
    }
  if (!sw_project_write_volunteer_copy (self->project, SW_WALK (walk), destination, &error))
    sw_window_show_error (self, _("Could Not Create the Volunteer Copy"), error->message);
  else
    {
      g_autofree char *name = dup_basename (destination);
      g_autofree char *title = g_strdup_printf (_("Wrote the volunteer copy “%s”"), name);

      sw_window_add_toast (self, adw_toast_new (title));
    }

out:
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_copy_file (SwWindow *self,
                  SwWalk   *walk)
{
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (GFile) folder = g_file_get_parent (self->file);
  g_autofree char *suggestion = NULL;
  const char *title = sw_walk_get_title (walk);

  native = gtk_file_chooser_native_new (_("Create Volunteer Copy"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("C_reate"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _("Safety Walk Projects"));
  gtk_file_filter_add_pattern (filter, "*.gpkg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  /* TRANSLATORS: the suggested file name of a volunteer copy; %s is the walk's title */
  suggestion = g_strdup_printf (_("%s (volunteer).gpkg"), title != NULL && *title != '\0' ? title : _("Walk"));
  g_strdelimit (suggestion, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggestion);
  g_object_set_data_full (G_OBJECT (native), "walk-uuid", g_strdup (sw_feature_get_uuid (SW_FEATURE (walk))),
                          g_free);
  g_signal_connect (native, "response", G_CALLBACK (on_volunteer_copy_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_copy_walk_response (AdwMessageDialog *dialog,
                       const char       *response,
                       SwWindow         *self)
{
  AdwComboRow *row = g_object_get_data (G_OBJECT (dialog), "walk-row");
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr (SwWalk) walk = NULL;

  if (!g_str_equal (response, "continue") || self->project == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  walk = g_list_model_get_item (sw_project_get_walks (self->project), selected);
  if (walk != NULL)
    choose_copy_file (self, walk);
}

static void
volunteer_copy_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  GListModel *walks;
  guint n_walks;

  if (self->project == NULL)
    return;
  walks = sw_project_get_walks (self->project);
  n_walks = g_list_model_get_n_items (walks);
  if (n_walks == 0)
    {
      sw_window_show_error (self, _("Could Not Create the Volunteer Copy"),
                            _("The project has no walk yet. A volunteer copy holds one walk with "
                              "its routes and stops: add a walk first."));
      return;
    }
  if (n_walks == 1)
    {
      g_autoptr (SwWalk) walk = g_list_model_get_item (walks, 0);

      choose_copy_file (self, walk);
      return;
    }

  /* Several walks: which one the volunteer fills in. */
  {
    GtkStringList *titles = gtk_string_list_new (NULL);
    GtkWidget *list = gtk_list_box_new ();
    AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
    SwWalk *shown = sw_walk_editor_get_walk (sw_sidebar_get_walk_editor (self->sidebar));
    AdwMessageDialog *dialog;

    for (guint i = 0; i < n_walks; i++)
      {
        g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);

        gtk_string_list_append (titles, sw_walk_get_title (walk) != NULL ? sw_walk_get_title (walk) : "");
      }
    adw_combo_row_set_model (row, G_LIST_MODEL (titles));
    g_object_unref (titles);
    for (guint i = 0; shown != NULL && i < n_walks; i++)
      {
        g_autoptr (SwWalk) walk = g_list_model_get_item (walks, i);

        if (walk == shown)
          adw_combo_row_set_selected (row, i);
      }
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Walk"));
    gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (list, "boxed-list");
    gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));

    dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Create Volunteer Copy"),
                                                         _("The copy holds one walk with its routes and "
                                                           "stops, for one volunteer to fill in on another "
                                                           "computer. Merge it back when it returns.")));
    adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "continue", _("C_ontinue…"), NULL);
    adw_message_dialog_set_response_appearance (dialog, "continue", ADW_RESPONSE_SUGGESTED);
    adw_message_dialog_set_default_response (dialog, "continue");
    adw_message_dialog_set_close_response (dialog, "cancel");
    adw_message_dialog_set_extra_child (dialog, list);
    g_object_set_data (G_OBJECT (dialog), "walk-row", row);
    g_signal_connect_object (dialog, "response", G_CALLBACK (on_copy_walk_response), self, 0);
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

/* ---------------------------------------------------------------------- */
/* Merge Projects                                                         */

typedef struct
{
  GPtrArray *files;
  /* Read in the thread */
  GPtrArray *sources;
  GFile *backup;
  SwProject *project;
  /* Progress, written by the thread and shown by the main loop */
  GtkProgressBar *progress_bar;
  AdwMessageDialog *progress_dialog;
} MergeJob;

static void
merge_job_free (MergeJob *job)
{
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_clear_pointer (&job->sources, g_ptr_array_unref);
  g_clear_object (&job->backup);
  g_clear_object (&job->project);
  g_clear_object (&job->progress_bar);
  g_clear_object (&job->progress_dialog);
  g_free (job);
}

typedef struct
{
  GtkProgressBar *bar;
  double fraction;
  char *text;
} ProgressUpdate;

static gboolean
show_progress (gpointer data)
{
  ProgressUpdate *update = data;

  gtk_progress_bar_set_fraction (update->bar, update->fraction);
  gtk_progress_bar_set_text (update->bar, update->text);
  g_object_unref (update->bar);
  g_free (update->text);
  g_free (update);
  return G_SOURCE_REMOVE;
}

static void
report_progress (MergeJob   *job,
                 double      fraction,
                 const char *text)
{
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->bar = g_object_ref (job->progress_bar);
  update->fraction = fraction;
  update->text = g_strdup (text);
  g_idle_add (show_progress, update);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* Keeps the newest @keep copies made for the project @stem: the cache is
 * not a place for every merge ever made. Names sort by time. */
static void
prune_backups (const char *folder,
               const char *stem,
               guint       keep)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *prefix = g_strconcat (stem, "-", NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      /* stem-YYYYMMDD-HHMMSS-NNNNNN.gpkg, and nothing else */
      const char *rest = g_str_has_prefix (name, prefix) ? name + strlen (prefix) : "";
      gboolean ours = strlen (rest) == strlen ("20261122-085948-206894.gpkg") && g_str_has_suffix (rest, ".gpkg");

      for (guint i = 0; ours && i < strlen ("20261122-085948-206894"); i++)
        ours = (i == 8 || i == 15) ? rest[i] == '-' : g_ascii_isdigit (rest[i]);
      if (ours)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);

      g_unlink (path);
    }
}

/* A copy of the project beside the user's other cached files, named for
 * the project and the time, for Undo Merge. */
static GFile *
new_backup_file (GFile *project_file)
{
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "safetywalk", "merge-backups", NULL);
  g_autofree char *basename = g_file_get_basename (project_file);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *stem = g_str_has_suffix (basename, ".gpkg")
                            ? g_strndup (basename, strlen (basename) - strlen (".gpkg"))
                            : g_strdup (basename);
  g_autofree char *name = g_strdup_printf ("%s-%s-%06d.gpkg", stem, stamp, g_random_int_range (0, 1000000));

  g_mkdir_with_parents (folder, 0700);
  prune_backups (folder, stem, 4);
  return g_file_new_build_filename (folder, name, NULL);
}

static void
read_sources_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  MergeJob *job = task_data;
  GError *error = NULL;

  job->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) sw_merge_source_free);
  for (guint i = 0; i < job->files->len; i++)
    {
      g_autofree char *name = dup_basename (job->files->pdata[i]);
      g_autofree char *text = g_strdup_printf (_("Reading “%s”"), name);
      SwMergeSource *source;

      report_progress (job, (double) i / (job->files->len + 1), text);
      if (g_file_equal (job->files->pdata[i], sw_project_get_file (job->project)))
        {
          g_task_return_new_error (task, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID,
                                   _("Cannot merge “%s” into itself."), name);
          return;
        }
      source = sw_merge_source_read (job->files->pdata[i], cancellable, &error);
      if (source == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (job->sources, source);
    }

  /* The copy Undo Merge restores, taken on its own connection. */
  report_progress (job, (double) job->files->len / (job->files->len + 1), _("Keeping a copy of the project"));
  if (g_task_return_error_if_cancelled (task))
    return;
  job->backup = new_backup_file (sw_project_get_file (job->project));
  if (!sw_project_save_copy (job->project, job->backup, &error))
    {
      g_prefix_error (&error, _("Nothing was merged, as no copy of the project could be kept: "));
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      g_file_delete (job->backup, NULL, NULL);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
commit_merge (SwWindow   *self,
              MergeJob   *job,
              GHashTable *choices)
{
  g_autoptr (SwMergeReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *counts = NULL;
  SwMergeOptions options;
  AdwToast *toast;

  sw_merge_options_init (&options);
  options.choices = choices;
  report = sw_project_merge_sources (self->project, job->sources, &options, &error);
  if (report == NULL)
    {
      sw_window_show_error (self, _("Could Not Merge"), error->message);
      return;
    }

  g_set_object (&self->merge_backup, job->backup);
  g_free (self->merge_label);
  self->merge_label = g_strdup (sw_project_get_undo_label (self->project));

  /* TRANSLATORS: after a merge: items added and updated */
  counts = g_strdup_printf (_("%u added, %u updated"), report->added, report->updated);
  if (report->conflicts->len > 0)
    {
      g_autofree char *with_conflicts = NULL;

      /* TRANSLATORS: the counts above, then the conflicts the user settled */
      with_conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u conflict settled",
                                                     "%s, %u conflicts settled", report->conflicts->len),
                                        counts, report->conflicts->len);
      g_free (counts);
      counts = g_steal_pointer (&with_conflicts);
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Merged %u project: %s", "Merged %u projects: %s",
                                        job->sources->len),
                           job->sources->len, counts);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("Undo _Merge"));
  adw_toast_set_action_name (toast, "win.undo-merge");
  sw_window_add_toast (self, toast);
  _sw_window_actions_update (self);
}

static void
on_review_response (SwMergeDialog *dialog,
                    gboolean       merge,
                    SwWindow      *self)
{
  MergeJob *job = g_object_get_data (G_OBJECT (dialog), "job");
  g_autoptr (GHashTable) choices = NULL;

  if (!merge || self->project == NULL)
    {
      sw_window_add_toast (self, adw_toast_new (_("Nothing was merged")));
      g_file_delete (job->backup, NULL, NULL);
      return;
    }
  choices = sw_merge_dialog_dup_choices (dialog);
  commit_merge (self, job, choices);
}

static void
on_sources_read (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SwWindow *self = SW_WINDOW (object);
  MergeJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (SwMergeReport) review = NULL;
  SwMergeOptions options;

  g_clear_object (&self->merge_cancellable);
  gtk_window_destroy (GTK_WINDOW (job->progress_dialog));
  _sw_window_actions_update (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* A cancel that came after the copy was kept: the copy goes too. */
      if (job->backup != NULL)
        g_file_delete (job->backup, NULL, NULL);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sw_window_add_toast (self, adw_toast_new (_("Merge cancelled: the project is unchanged")));
      else
        sw_window_show_error (self, _("Could Not Merge"), error->message);
      return;
    }
  if (self->project == NULL)
    return;

  sw_merge_options_init (&options);
  options.dry_run = TRUE;
  review = sw_project_merge_sources (self->project, job->sources, &options, &error);
  if (review == NULL)
    {
      sw_window_show_error (self, _("Could Not Merge"), error->message);
      g_file_delete (job->backup, NULL, NULL);
      return;
    }
  if (review->added + review->updated + review->removed == 0 && review->conflicts->len == 0)
    {
      sw_window_add_toast (self, adw_toast_new (_("Nothing new to merge: the project already has it all")));
      g_file_delete (job->backup, NULL, NULL);
      return;
    }
  if (review->conflicts->len == 0)
    {
      commit_merge (self, job, NULL);
      return;
    }

  /* Conflicts: the user settles each before anything is stored. */
  {
    SwMergeDialog *dialog = sw_merge_dialog_new (GTK_WINDOW (self), g_steal_pointer (&review));
    GTask *task = G_TASK (result);

    /* The job lives as long as the task the dialog holds. */
    g_object_set_data (G_OBJECT (dialog), "job", job);
    g_object_set_data_full (G_OBJECT (dialog), "task", g_object_ref (task), g_object_unref);
    g_signal_connect_object (dialog, "response", G_CALLBACK (on_review_response), self, 0);
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

static void
on_progress_response (AdwMessageDialog *dialog,
                      const char       *response,
                      SwWindow         *self)
{
  if (g_str_equal (response, "cancel") && self->merge_cancellable != NULL)
    g_cancellable_cancel (self->merge_cancellable);
}

/* Merges @files (GFile) into the open project, as described at the top. */
static void
merge_files (SwWindow  *self,
             GPtrArray *files)
{
  g_autoptr (GTask) task = NULL;
  GtkWidget *bar = gtk_progress_bar_new ();
  MergeJob *job;
  AdwMessageDialog *dialog;

  if (self->project == NULL || is_busy (self) || files->len == 0)
    return;

  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Merging Projects"),
                                                       _("The files are read and checked first; the "
                                                         "project changes only at the end.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_extra_child (dialog, bar);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_progress_response), self, 0);

  job = g_new0 (MergeJob, 1);
  job->files = g_ptr_array_ref (files);
  job->project = g_object_ref (self->project);
  job->progress_bar = GTK_PROGRESS_BAR (g_object_ref (bar));
  job->progress_dialog = g_object_ref (dialog);

  self->merge_cancellable = g_cancellable_new ();
  _sw_window_actions_update (self);
  gtk_window_present (GTK_WINDOW (dialog));

  task = g_task_new (self, self->merge_cancellable, on_sources_read, NULL);
  g_task_set_source_tag (task, merge_files);
  g_task_set_task_data (task, job, (GDestroyNotify) merge_job_free);
  g_task_run_in_thread (task, read_sources_in_thread);
}

/* win.merge-uris: what the file chooser and tests hand over. */
static void
merge_uris_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree const char **uris = g_variant_get_strv (parameter, NULL);

  for (guint i = 0; uris[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_uri (uris[i]));
  merge_files (SW_WINDOW (widget), files);
}

static void
on_merge_chosen (GtkNativeDialog *native,
                 int              response,
                 SwWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      merge_files (self, files);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
merge_projects_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Merge Projects"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Merge"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_filter_set_name (filter, _("Safety Walk Projects"));
  gtk_file_filter_add_pattern (filter, "*.gpkg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (on_merge_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---------------------------------------------------------------------- */
/* Undo Merge                                                             */

static void
read_backup_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;
  SwMergeSource *source = sw_merge_source_read (task_data, cancellable, &error);

  if (source == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, source, (GDestroyNotify) sw_merge_source_free);
}

static void
on_backup_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SwWindow *self = SW_WINDOW (object);
  g_autoptr (SwMergeSource) source = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->merge_cancellable);
  _sw_window_actions_update (self);
  source = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->project == NULL)
    return;
  if (source == NULL || !sw_project_restore_source (self->project, source, _("Undo Merge"), &error))
    {
      sw_window_show_error (self, _("Could Not Undo the Merge"), error->message);
      return;
    }
  g_clear_object (&self->merge_backup);
  g_clear_pointer (&self->merge_label, g_free);
  sw_window_add_toast (self, adw_toast_new (_("The project is as it was before the merge")));
  _sw_window_actions_update (self);
}

static void
undo_merge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;

  if (self->project == NULL || self->merge_backup == NULL || is_busy (self))
    return;

  /* Straight after the merge, undo is the merge's own undo step. */
  if (sw_project_can_undo (self->project) &&
      g_strcmp0 (sw_project_get_undo_label (self->project), self->merge_label) == 0)
    {
      if (!sw_project_undo (self->project, &error))
        sw_window_show_error (self, _("Could Not Undo the Merge"), error->message);
      else
        sw_window_add_toast (self, adw_toast_new (_("The project is as it was before the merge")));
      g_clear_object (&self->merge_backup);
      g_clear_pointer (&self->merge_label, g_free);
      _sw_window_actions_update (self);
      return;
    }

  /* Edits came after it: put the kept copy back, as one more undo step. */
  self->merge_cancellable = g_cancellable_new ();
  _sw_window_actions_update (self);
  task = g_task_new (self, self->merge_cancellable, on_backup_read, NULL);
  g_task_set_source_tag (task, undo_merge_action);
  g_task_set_task_data (task, g_object_ref (self->merge_backup), g_object_unref);
  g_task_run_in_thread (task, read_backup_in_thread);
}

/* ---------------------------------------------------------------------- */

void
_sw_window_merge_update (SwWindow *self)
{
  gboolean can_edit = self->project != NULL && !sw_project_is_read_only (self->project) && !is_busy (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.volunteer-copy", self->project != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-projects", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-uris", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-merge", can_edit && self->merge_backup != NULL);
}

void
_sw_window_merge_dispose (SwWindow *self)
{
  if (self->merge_cancellable != NULL)
    g_cancellable_cancel (self->merge_cancellable);
  g_clear_object (&self->merge_cancellable);
  g_clear_object (&self->merge_backup);
  g_clear_pointer (&self->merge_label, g_free);
}

void
_sw_window_class_merge_init (SwWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.volunteer-copy", NULL, volunteer_copy_action);
  gtk_widget_class_install_action (widget_class, "win.merge-projects", NULL, merge_projects_action);
  gtk_widget_class_install_action (widget_class, "win.merge-uris", "as", merge_uris_action);
  gtk_widget_class_install_action (widget_class, "win.undo-merge", NULL, undo_merge_action);
}
