/* The window's part in bringing photos in: Import Photos (the menu item, and
 * a folder or several files dropped on the map), unplaced photos placed on
 * the map, and Quick Entry. */
#define G_LOG_DOMAIN "sw-window-photos"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-finding-editor.h"
#include "sw-photo-import-bar.h"
#include "sw-photo-import-dialog.h"
#include "sw-photo-import.h"
#include "sw-quick-entry.h"
#include "sw-walk-editor.h"
#include "sw-window-private.h"

static gboolean
can_edit (SwWindow *self)
{
  return self->project != NULL && !sw_project_is_read_only (self->project);
}

/* ---------------------------------------------------------------------- */
/* Import Photos                                                          */

static void
on_import_requested (SwWindow            *self,
                     SwPhotoImportDialog *dialog)
{
  const char *walk_uuid = sw_photo_import_dialog_get_walk_uuid (dialog);

  if (!can_edit (self) || sw_photo_import_bar_is_running (self->photo_import_bar))
    return;

  /* A project without walks gets one, as for a finding added by hand. */
  if (walk_uuid == NULL)
    {
      SwWalk *walk = _sw_window_get_walk_for_new_finding (self);

      if (walk == NULL)
        return;
      walk_uuid = sw_feature_get_uuid (SW_FEATURE (walk));
    }

  sw_photo_import_bar_start (self->photo_import_bar, self->project,
                             sw_photo_import_dialog_get_files (dialog), walk_uuid,
                             sw_photo_import_dialog_get_join_distance (dialog),
                             sw_photo_import_dialog_get_clock_offset (dialog));
}

/* Opens the Import Photos dialog, with @files (may be NULL) chosen. */
SwPhotoImportDialog *
_sw_window_photos_show_import (SwWindow  *self,
                               GPtrArray *files)
{
  SwWalk *walk;
  SwPhotoImportDialog *dialog;

  if (!can_edit (self))
    return NULL;

  walk = sw_walk_editor_get_walk (sw_sidebar_get_walk_editor (self->sidebar));
  if (walk == NULL && g_list_model_get_n_items (sw_project_get_walks (self->project)) > 0)
    {
      walk = g_list_model_get_item (sw_project_get_walks (self->project), 0);
      g_object_unref (walk);
    }

  dialog = sw_photo_import_dialog_new (GTK_WINDOW (self), self->project,
                                       walk != NULL ? sw_feature_get_uuid (SW_FEATURE (walk)) : NULL);
  if (files != NULL)
    sw_photo_import_dialog_set_files (dialog, files);
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_import_requested), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
import_photos_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _sw_window_photos_show_import (SW_WINDOW (widget), NULL);
}

/* A folder, or more than one file, dropped on the map is an import; a
 * single photo makes a finding where it falls. */
gboolean
_sw_window_photos_wants_drop (SwWindow  *self,
                              GPtrArray *files)
{
  if (files->len > 1)
    return TRUE;
  for (guint i = 0; i < files->len; i++)
    if (g_file_query_file_type (files->pdata[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Unplaced photos                                                        */

static SwFinding *
place_photo (SwWindow *self,
             SwPhoto  *photo,
             double    longitude,
             double    latitude)
{
  SwWalk *walk;
  g_autoptr (SwFinding) finding = NULL;
  g_autoptr (GError) error = NULL;
  SwFinding *placed;

  if (!can_edit (self) || (walk = _sw_window_get_walk_for_new_finding (self)) == NULL)
    return NULL;

  finding = sw_finding_new ();
  sw_finding_set_walk_uuid (finding, sw_feature_get_uuid (SW_FEATURE (walk)));
  sw_finding_set_longitude (finding, longitude);
  sw_finding_set_latitude (finding, latitude);
  sw_finding_set_light (finding, sw_walk_get_light (walk));

  placed = sw_project_place_photo (self->project, photo, finding, &error);
  if (placed == NULL)
    {
      sw_window_show_error (self, _("Could Not Place the Photo"), error->message);
      return NULL;
    }

  sw_finding_tool_set_selected (self->finding_tool, placed);
  sw_sidebar_show_finding (self->sidebar, placed);
  sw_finding_editor_focus_category (sw_sidebar_get_finding_editor (self->sidebar));
  _sw_window_actions_update (self);
  return placed;
}

static void
place_photo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  SwFeature *photo;

  if (self->project == NULL)
    return;
  photo = sw_project_lookup (self->project, SW_KIND_PHOTO, g_variant_get_string (parameter, NULL));
  if (photo == NULL)
    return;

  place_photo (self, SW_PHOTO (photo),
               shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
               shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
}

static gboolean
on_photo_drop (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               SwWindow      *self)
{
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (self->map));
  SwPhoto *photo;
  double latitude, longitude;

  if (!G_VALUE_HOLDS (value, SW_TYPE_PHOTO) || self->project == NULL)
    return FALSE;
  photo = g_value_get_object (value);
  if (photo == NULL || !sw_photo_is_unplaced (photo))
    return FALSE;

  shumate_viewport_widget_coords_to_location (shumate_simple_map_get_viewport (self->map),
                                              map, x, y, &latitude, &longitude);
  return place_photo (self, photo, longitude, latitude) != NULL;
}

/* ---------------------------------------------------------------------- */
/* Quick entry                                                            */

static void
quick_entry_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  SwQuickEntry *entry;

  if (!can_edit (self))
    return;

  entry = sw_quick_entry_new (GTK_WINDOW (self), self->project, self->basemap);
  gtk_window_present (GTK_WINDOW (entry));
}

/* ---------------------------------------------------------------------- */

void
_sw_window_photos_update (SwWindow *self)
{
  gboolean editable = can_edit (self);
  gboolean importing = self->photo_import_bar != NULL && sw_photo_import_bar_is_running (self->photo_import_bar);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-photos", editable && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.place-photo", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.quick-entry", editable && !importing);
}

void
_sw_window_photos_init (SwWindow *self)
{
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (self->map));
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (self->map));
  GtkDropTarget *drop_target;

  /* At the top of the map, above the other notes shown there. */
  self->photo_import_bar = SW_PHOTO_IMPORT_BAR (sw_photo_import_bar_new ());
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->photo_import_bar));
  g_signal_connect_object (self->photo_import_bar, "notify::running",
                           G_CALLBACK (_sw_window_actions_update), self, G_CONNECT_SWAPPED);

  drop_target = gtk_drop_target_new (SW_TYPE_PHOTO, GDK_ACTION_MOVE | GDK_ACTION_COPY);
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (drop_target), "sw-photo-drop");
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_photo_drop), self);
  gtk_widget_add_controller (map, GTK_EVENT_CONTROLLER (drop_target));
}

/* Import under way, for tests and the window's own use. */
SwPhotoImportBar *
_sw_window_get_photo_import_bar (SwWindow *self)
{
  return self->photo_import_bar;
}

void
_sw_window_class_photos_init (SwWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.import-photos", NULL, import_photos_action);
  gtk_widget_class_install_action (widget_class, "win.place-photo", "s", place_photo_action);
  gtk_widget_class_install_action (widget_class, "win.quick-entry", NULL, quick_entry_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-photos", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.quick-entry", NULL);
}
