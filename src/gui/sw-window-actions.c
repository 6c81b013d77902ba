/* The window's actions: sidebar, undo and redo, zoom, Save a Copy. */
#define G_LOG_DOMAIN "sw-window-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sw-application.h"
#include "sw-print-dialog.h"
#include "sw-window-private.h"

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (self->project != NULL && _sw_window_routes_undo (self))
    return;

  if (self->project == NULL || !sw_project_can_undo (self->project))
    return;

  if (!sw_project_undo (self->project, &error))
    sw_window_show_error (self, _("Could Not Undo"), error->message);

  _sw_window_actions_update (self);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (self->project != NULL && _sw_window_routes_redo (self))
    return;

  if (self->project == NULL || !sw_project_can_redo (self->project))
    return;

  if (!sw_project_redo (self->project, &error))
    sw_window_show_error (self, _("Could Not Redo"), error->message);

  _sw_window_actions_update (self);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);

  shumate_map_zoom_in (shumate_simple_map_get_map (self->map));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);

  shumate_map_zoom_out (shumate_simple_map_get_map (self->map));
}

/* ---------------------------------------------------------------------- */
/* Save a Copy                                                            */

static void
save_copy_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  SwProject *project = g_object_get_data (G_OBJECT (task), "project");
  GFile *destination = task_data;
  GError *error = NULL;

  if (sw_project_save_copy (project, destination, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_copy_saved (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SwWindow *self = SW_WINDOW (object);
  GFile *destination = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  g_assert (self->n_saving > 0);
  self->n_saving--;
  _sw_window_actions_update (self);

  /* A copy runs to its end even when the window closes meanwhile; it is
   * reported only if the window is still there to say so. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (gtk_widget_get_realized (GTK_WIDGET (self)))
        sw_window_show_error (self, _("Could Not Save a Copy"), error->message);
      return;
    }

  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      g_autofree char *basename = g_file_get_basename (destination);
      g_autofree char *name = g_filename_display_name (basename);
      g_autofree char *title = g_strdup_printf (_("Saved a copy as “%s”"), name);

      sw_window_add_toast (self, adw_toast_new (title));
    }
}

static void
on_save_copy_response (GtkNativeDialog *native,
                       int              response,
                       SwWindow        *self)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GFile) chosen = NULL;
  g_autoptr (GFile) destination = NULL;
  GtkApplication *application;

  if (response != GTK_RESPONSE_ACCEPT || self->project == NULL)
    goto out;

  chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (chosen == NULL)
    goto out;

  /* Keep the extension: other programs, QGIS among them, go by it. */
  if (!g_str_has_suffix (g_file_peek_path (chosen) != NULL ? g_file_peek_path (chosen) : "", ".gpkg"))
    {
      g_autofree char *path = g_strconcat (g_file_peek_path (chosen), ".gpkg", NULL);

      destination = g_file_new_for_path (path);
    }
  else
    destination = g_object_ref (chosen);

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (SW_IS_APPLICATION (application)
      && sw_application_find_window (SW_APPLICATION (application), destination) != NULL)
    {
      g_autofree char *basename = g_file_get_basename (destination);
      g_autofree char *name = g_filename_display_name (basename);
      g_autofree char *message = g_strdup_printf (_("“%s” is open in another window. "
                                                    "Choose another name for the copy."),
                                                  name);

      sw_window_show_error (self, _("Could Not Save a Copy"), message);
      goto out;
    }

  self->n_saving++;
  _sw_window_actions_update (self);

  task = g_task_new (self, NULL, on_copy_saved, NULL);
  g_task_set_source_tag (task, on_save_copy_response);
  g_task_set_task_data (task, g_steal_pointer (&destination), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "project", g_object_ref (self->project), g_object_unref);
  g_task_run_in_thread (task, save_copy_in_thread);

out:
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
save_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr (GtkFileFilter) filter = NULL;
  g_autoptr (GFile) folder = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *suggestion = NULL;

  if (self->project == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Save a Copy"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Safety Walk Projects"));
  gtk_file_filter_add_pattern (filter, "*.gpkg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  folder = g_file_get_parent (self->file);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);

  basename = g_file_get_basename (self->file);
  stem = g_str_has_suffix (basename, ".gpkg")
         ? g_strndup (basename, strlen (basename) - strlen (".gpkg"))
         : g_strdup (basename);
  /* Translators: the suggested file name of a copy; %s is the project's file name without extension. */
  suggestion = g_strdup_printf (_("%s (copy).gpkg"), stem);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggestion);

  g_signal_connect (native, "response", G_CALLBACK (on_save_copy_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---------------------------------------------------------------------- */

void
_sw_window_actions_update (SwWindow *self)
{
  gboolean has_project = self->project != NULL;
  gboolean idle = self->n_saving == 0;

  g_assert (SW_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sidebar", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", has_project && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 has_project && idle && sw_project_can_undo (self->project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 has_project && idle && sw_project_can_redo (self->project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", has_project);

  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), has_project);

  _sw_window_routes_update (self);
  _sw_window_findings_update (self);
  _sw_window_import_update (self);
  _sw_window_merge_update (self);
  _sw_window_views_update (self);
  _sw_window_photos_update (self);
  sw_print_dialog_update_actions (GTK_WIDGET (self), has_project);
}

void
_sw_window_class_actions_init (SwWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_property_action (widget_class, "win.show-sidebar", "sidebar-visible");
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
}
