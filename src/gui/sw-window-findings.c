/* The window's part in recording findings: the add finding mode and the N
 * key, selecting and dragging findings on the map, deleting them with a
 * toast to undo, and photos dropped on the map as a new finding. */
#define G_LOG_DOMAIN "sw-window-findings"

#include "config.h"

#include <glib/gi18n.h>

#include "sw-application.h"
#include "sw-finding-editor.h"
#include "sw-finding-tool.h"
#include "sw-walk-editor.h"
#include "sw-window-private.h"

static GtkWidget *
get_map_widget (SwWindow *self)
{
  return GTK_WIDGET (shumate_simple_map_get_map (self->map));
}

/* The walk shown in the sidebar, else the one of the finding being edited,
 * else the project's first walk; a project without walks gets one. */
static SwWalk *
get_walk_for_new_finding (SwWindow *self)
{
  SwWalk *walk = sw_walk_editor_get_walk (sw_sidebar_get_walk_editor (self->sidebar));
  SwFinding *finding = sw_finding_editor_get_finding (sw_sidebar_get_finding_editor (self->sidebar));
  GListModel *walks = sw_project_get_walks (self->project);
  g_autoptr (SwWalk) new_walk = NULL;
  g_autoptr (GError) error = NULL;

  if (walk != NULL)
    return walk;

  if (finding != NULL)
    {
      walk = SW_WALK (sw_project_lookup (self->project, SW_KIND_WALK, sw_finding_get_walk_uuid (finding)));
      if (walk != NULL)
        return walk;
    }

  if (g_list_model_get_n_items (walks) > 0)
    {
      walk = g_list_model_get_item (walks, 0);
      g_object_unref (walk);
      return walk;
    }

  new_walk = sw_walk_new ();
  sw_walk_set_title (new_walk, _("Walk"));
  walk = SW_WALK (sw_project_add (self->project, SW_FEATURE (new_walk), &error));
  if (walk == NULL)
    sw_window_show_error (self, _("Could Not Add a Walk"), error->message);

  return walk;
}

static SwFinding *
create_finding (SwWindow *self,
                double    x,
                double    y)
{
  SwWalk *walk = get_walk_for_new_finding (self);
  SwFinding *finding;
  double latitude, longitude;

  if (walk == NULL)
    return NULL;

  shumate_viewport_widget_coords_to_location (shumate_simple_map_get_viewport (self->map),
                                              get_map_widget (self), x, y, &latitude, &longitude);

  finding = sw_finding_new ();
  sw_finding_set_walk_uuid (finding, sw_feature_get_uuid (SW_FEATURE (walk)));
  sw_finding_set_longitude (finding, longitude);
  sw_finding_set_latitude (finding, latitude);
  /* Most findings of a walk in the dark were seen in the dark. */
  sw_finding_set_light (finding, sw_walk_get_light (walk));

  return finding;
}

static void
select_finding (SwWindow  *self,
                SwFinding *finding)
{
  sw_finding_tool_set_selected (self->finding_tool, finding);
  sw_sidebar_show_finding (self->sidebar, finding);
  if (finding != NULL && !self->sidebar_visible)
    g_object_set (self, "sidebar-visible", TRUE, NULL);
  _sw_window_actions_update (self);
}

static void
set_adding (SwWindow *self,
            gboolean  adding)
{
  sw_finding_tool_set_adding (self->finding_tool, adding);
  gtk_revealer_set_reveal_child (self->add_finding_revealer, adding);
  if (gtk_toggle_button_get_active (self->add_finding_button) != adding)
    gtk_toggle_button_set_active (self->add_finding_button, adding);
}

/* A new finding at @x, @y in the map widget, selected and shown in the
 * sidebar: one undo step. */
static SwFinding *
add_finding_at (SwWindow *self,
                double    x,
                double    y)
{
  g_autoptr (SwFinding) finding = NULL;
  g_autoptr (GError) error = NULL;
  SwFinding *added;

  set_adding (self, FALSE);
  if (self->project == NULL || (finding = create_finding (self, x, y)) == NULL)
    return NULL;

  added = SW_FINDING (sw_project_add (self->project, SW_FEATURE (finding), &error));
  if (added == NULL)
    {
      sw_window_show_error (self, _("Could Not Add the Finding"), error->message);
      return NULL;
    }

  select_finding (self, added);
  sw_finding_editor_focus_category (sw_sidebar_get_finding_editor (self->sidebar));

  return added;
}

static void
on_place_requested (SwWindow      *self,
                    double         x,
                    double         y,
                    SwFindingTool *tool)
{
  if (sw_finding_tool_get_adding (tool))
    add_finding_at (self, x, y);
}

typedef struct
{
  SwWindow *window;
  SwFinding *finding;
} ClickedFinding;

static gboolean
select_clicked_finding_cb (gpointer user_data)
{
  ClickedFinding *clicked = user_data;
  SwWindow *self = clicked->window;

  if (self->project != NULL
      && sw_project_lookup (self->project, SW_KIND_FINDING,
                            sw_feature_get_uuid (SW_FEATURE (clicked->finding))) == SW_FEATURE (clicked->finding))
    select_finding (self, clicked->finding);

  g_object_unref (clicked->window);
  g_object_unref (clicked->finding);
  g_free (clicked);

  return G_SOURCE_REMOVE;
}

/* Other gestures on the map see the same click (a route under the finding
 * shows its walk); the finding, on top, is shown after them. */
static void
on_finding_clicked (SwWindow      *self,
                    SwFinding     *finding,
                    SwFindingTool *tool)
{
  ClickedFinding *clicked = g_new0 (ClickedFinding, 1);

  clicked->window = g_object_ref (self);
  clicked->finding = g_object_ref (finding);
  g_idle_add_full (G_PRIORITY_DEFAULT, select_clicked_finding_cb, clicked, NULL);
}

static void
on_finding_moved (SwWindow      *self,
                  SwFinding     *finding,
                  double         longitude,
                  double         latitude,
                  SwFindingTool *tool)
{
  g_autoptr (GError) error = NULL;

  if (self->project == NULL)
    return;

  if (!sw_project_edit (self->project, SW_FEATURE (finding), &error,
                        "longitude", longitude, "latitude", latitude, NULL))
    sw_window_show_error (self, _("Could Not Move the Finding"), error->message);

  select_finding (self, finding);
}

static void
on_finding_editor_closed (SwWindow *self)
{
  sw_finding_tool_set_selected (self->finding_tool, NULL);
  _sw_window_actions_update (self);
}

static void
on_finding_activated (SwWindow  *self,
                      SwFinding *finding,
                      SwSidebar *sidebar)
{
  select_finding (self, finding);
  shumate_map_go_to (shumate_simple_map_get_map (self->map),
                     sw_finding_get_latitude (finding), sw_finding_get_longitude (finding));
}

/* Moving through the list shows each finding on the map, selected, without
 * leaving the list for its editor. */
static void
on_finding_selected (SwWindow  *self,
                     SwFinding *finding,
                     SwSidebar *sidebar)
{
  sw_finding_tool_set_selected (self->finding_tool, finding);
  shumate_map_go_to (shumate_simple_map_get_map (self->map),
                     sw_finding_get_latitude (finding), sw_finding_get_longitude (finding));
  _sw_window_actions_update (self);
}

/* Drawing a route or placing a stop owns the pointer. */
static void
on_route_editor_changed (SwWindow *self)
{
  gboolean routing = sw_route_editor_get_mode (self->route_editor) != SW_ROUTE_EDITOR_MODE_NONE;

  sw_finding_tool_set_blocked (self->finding_tool, routing);
  if (routing && sw_finding_tool_get_adding (self->finding_tool))
    set_adding (self, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Photos dropped on the map                                              */

typedef struct
{
  SwWindow *window;
  SwFinding *finding;
} DropOnMap;

static void
drop_on_map_free (DropOnMap *drop)
{
  g_clear_object (&drop->window);
  g_clear_object (&drop->finding);
  g_free (drop);
}

static void
on_dropped_photos_prepared (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  DropOnMap *drop = user_data;
  SwWindow *self = drop->window;
  g_autoptr (GPtrArray) photos = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) features = NULL;
  g_autoptr (GPtrArray) added = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *finding_uuid = g_uuid_string_random ();

  photos = sw_finding_editor_prepare_photos_finish (result, &problems, &error);
  if (photos == NULL || self->project == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sw_window_show_error (self, _("Could Not Add the Photos"), error->message);
      drop_on_map_free (drop);
      return;
    }

  sw_finding_editor_drop_duplicate_photos (self->project, photos, problems);
  sw_finding_editor_report_photo_problems (GTK_WIDGET (self), problems);
  if (photos->len == 0)
    {
      drop_on_map_free (drop);
      return;
    }

  /* The finding and its photos are one step, also for undo. */
  features = g_ptr_array_new ();
  sw_feature_set_uuid (SW_FEATURE (drop->finding), finding_uuid);
  g_ptr_array_add (features, drop->finding);
  for (guint i = 0; i < photos->len; i++)
    {
      SwPhoto *photo = g_ptr_array_index (photos, i);

      sw_photo_set_finding_uuid (photo, finding_uuid);
      sw_photo_set_position (photo, (int) i);
      g_ptr_array_add (features, photo);
    }

  added = sw_project_add_many (self->project, features, _("Add Finding with Photos"), &error);
  if (added == NULL)
    sw_window_show_error (self, _("Could Not Add the Finding"), error->message);
  else
    select_finding (self, g_ptr_array_index (added, 0));

  drop_on_map_free (drop);
}

static gboolean
on_map_drop (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             SwWindow      *self)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) imports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GSettings) settings = NULL;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  DropOnMap *drop;
  GSList *list;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->project == NULL)
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    {
      g_autofree char *basename = g_file_get_basename (l->data);
      g_autofree char *folded = basename != NULL ? g_utf8_casefold (basename, -1) : NULL;

      /* A project dropped on the map opens, as anywhere in the window. */
      if (folded != NULL && g_str_has_suffix (folded, ".gpkg") && SW_IS_APPLICATION (application))
        sw_application_open_project (SW_APPLICATION (application), l->data, self);
      else if (_sw_window_import_accepts (l->data))
        g_ptr_array_add (imports, g_object_ref (l->data));
      else
        g_ptr_array_add (files, g_object_ref (l->data));
    }
  g_slist_free (list);

  /* Tracks and other tools' map files are imports, not photos. */
  if (imports->len > 0)
    _sw_window_import_files (self, imports);
  if (files->len == 0)
    return TRUE;

  if (_sw_window_photos_wants_drop (self, files))
    return _sw_window_photos_show_import (self, files) != NULL;

  drop = g_new0 (DropOnMap, 1);
  drop->window = g_object_ref (self);
  drop->finding = create_finding (self, x, y);
  if (drop->finding == NULL)
    {
      drop_on_map_free (drop);
      return FALSE;
    }

  settings = g_settings_new (APPLICATION_ID);
  sw_finding_editor_prepare_photos_async (files, g_settings_get_uint (settings, "photo-max-edge"),
                                          self->cancellable, on_dropped_photos_prepared, drop);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Actions                                                                */

/* Also the condition for deleting: a project to write, and no route being
 * drawn. */
static gboolean
can_add_finding (SwWindow *self)
{
  gboolean routing = self->route_editor != NULL
                     && sw_route_editor_get_mode (self->route_editor) != SW_ROUTE_EDITOR_MODE_NONE;

  return self->project != NULL && !sw_project_is_read_only (self->project) && !routing;
}

static void
add_finding_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);

  if (self->project == NULL)
    return;

  set_adding (self, !sw_finding_tool_get_adding (self->finding_tool));
}

/* N over the map places the finding at the pointer; elsewhere it waits for
 * a click on the map, as the button does. */
static gboolean
add_finding_key (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  SwWindow *self = SW_WINDOW (widget);

  if (!can_add_finding (self))
    return FALSE;

  if (self->pointer_in_map && !sw_finding_tool_get_adding (self->finding_tool))
    add_finding_at (self, self->pointer_x, self->pointer_y);
  else
    gtk_widget_activate_action (widget, "win.add-finding", NULL);

  return TRUE;
}

static SwFinding *
get_selected_finding (SwWindow *self)
{
  SwFinding *finding = sw_finding_tool_get_selected (self->finding_tool);

  if (finding == NULL)
    finding = sw_finding_editor_get_finding (sw_sidebar_get_finding_editor (self->sidebar));

  return finding;
}

static void
delete_finding_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  SwFinding *finding = get_selected_finding (self);
  g_autoptr (GError) error = NULL;
  AdwToast *toast;

  if (self->project == NULL || finding == NULL)
    return;

  g_object_ref (finding);
  if (!sw_project_remove (self->project, SW_FEATURE (finding), &error))
    {
      sw_window_show_error (self, _("Could Not Delete the Finding"), error->message);
      g_object_unref (finding);
      return;
    }
  g_object_unref (finding);

  select_finding (self, NULL);

  toast = adw_toast_new (_("Finding deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  sw_window_add_toast (self, toast);
}

/* Delete belongs to the finding unless a text has the focus. */
static gboolean
delete_finding_key (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  SwWindow *self = SW_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return FALSE;
  if (!can_add_finding (self) || get_selected_finding (self) == NULL)
    return FALSE;

  return gtk_widget_activate_action (widget, "finding.delete", NULL);
}

static gboolean
on_key_pressed (SwWindow              *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Escape && sw_finding_tool_get_adding (self->finding_tool))
    {
      set_adding (self, FALSE);
      return TRUE;
    }

  return FALSE;
}

/* Escape also leaves the finding when the map has the focus; in the bubble
 * phase, so that an open popover or list closes first. */
static gboolean
on_escape_pressed (SwWindow              *self,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           GtkEventControllerKey *controller)
{
  SwFindingEditor *editor = sw_sidebar_get_finding_editor (self->sidebar);

  if (keyval != GDK_KEY_Escape || sw_finding_editor_get_finding (editor) == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (editor), "editor.close", NULL);
}

static void
on_pointer_motion (SwWindow                 *self,
                   double                    x,
                   double                    y,
                   GtkEventControllerMotion *controller)
{
  self->pointer_in_map = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
on_pointer_leave (SwWindow *self)
{
  self->pointer_in_map = FALSE;
}

/* ---------------------------------------------------------------------- */

void
_sw_window_findings_update (SwWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_project = self->project != NULL;
  gboolean can_add = can_add_finding (self);

  gtk_widget_action_set_enabled (widget, "win.add-finding", can_add);
  gtk_widget_action_set_enabled (widget, "finding.delete",
                                 can_add && self->finding_tool != NULL && get_selected_finding (self) != NULL);

  if (self->add_finding_button != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->add_finding_button), has_project);
}

void
_sw_window_findings_set_project (SwWindow *self)
{
  set_adding (self, FALSE);
  sw_finding_tool_set_selected (self->finding_tool, NULL);
}

/* After _sw_window_routes_init(), whose route editor it yields to. */
void
_sw_window_findings_init (SwWindow *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  GtkEventController *controller;
  GtkDropTarget *drop_target;

  self->finding_tool = sw_finding_tool_new (map, self->finding_layer);
  g_signal_connect_object (self->finding_tool, "place-requested", G_CALLBACK (on_place_requested), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->finding_tool, "finding-clicked", G_CALLBACK (on_finding_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->finding_tool, "finding-moved", G_CALLBACK (on_finding_moved), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->route_editor, "changed", G_CALLBACK (on_route_editor_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sw_sidebar_get_finding_editor (self->sidebar), "close-requested",
                           G_CALLBACK (on_finding_editor_closed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "finding-selected", G_CALLBACK (on_finding_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "finding-activated", G_CALLBACK (on_finding_activated), self,
                           G_CONNECT_SWAPPED);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_pointer_motion), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_pointer_motion), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_pointer_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (map), controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "sw-finding-keys");
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (controller, "sw-finding-escape");
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_escape_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_map_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (map), GTK_EVENT_CONTROLLER (drop_target));
}

SwWalk *
_sw_window_get_walk_for_new_finding (SwWindow *self)
{
  return get_walk_for_new_finding (self);
}

/* What the pointer does with findings on the map: adding, selecting and
 * dragging them. */
SwFindingTool *
sw_window_get_finding_tool (SwWindow *self)
{
  g_return_val_if_fail (SW_IS_WINDOW (self), NULL);

  return self->finding_tool;
}

void
_sw_window_findings_dispose (SwWindow *self)
{
  g_clear_object (&self->finding_tool);
}

void
_sw_window_class_findings_init (SwWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child (widget_class, SwWindow, add_finding_button);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, add_finding_revealer);

  gtk_widget_class_install_action (widget_class, "win.add-finding", NULL, add_finding_action);
  gtk_widget_class_install_action (widget_class, "finding.delete", NULL, delete_finding_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_n, 0, add_finding_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_finding_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_finding_key, NULL);
}
