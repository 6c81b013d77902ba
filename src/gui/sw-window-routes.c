/* The window's part in planning a walk: new walks, the draw and edit route
 * mode, placing stops, and the length shown while drawing. */
#define G_LOG_DOMAIN "sw-window-routes"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sw-finding-tool.h"
#include "sw-map-transform.h"
#include "sw-route-panel.h"
#include "sw-stop-list.h"
#include "sw-walk-editor.h"
#include "sw-window-private.h"

/* A click this close to a route puts the stop on the route. */
#define STOP_SNAP_PIXELS 15.0
/* A click this close to a route, outside any mode, selects it. */
#define ROUTE_PICK_PIXELS 8.0

static GtkWidget *
get_map_widget (SwWindow *self)
{
  return GTK_WIDGET (shumate_simple_map_get_map (self->map));
}

static void
show_error (SwWindow   *self,
            const char *heading,
            GError     *error)
{
  sw_window_show_error (self, heading, error->message);
}

/* The walk shown in the sidebar, else the project's first walk. */
static SwWalk *
get_current_walk (SwWindow *self)
{
  SwWalkEditor *editor = sw_sidebar_get_walk_editor (self->sidebar);
  SwWalk *walk = sw_walk_editor_get_walk (editor);
  GListModel *walks;

  if (walk != NULL || self->project == NULL)
    return walk;

  walks = sw_project_get_walks (self->project);
  if (g_list_model_get_n_items (walks) == 0)
    return NULL;

  walk = g_list_model_get_item (walks, 0);
  g_object_unref (walk);

  return walk;
}

static SwWalk *
add_walk (SwWindow *self)
{
  g_autoptr (SwWalk) walk = sw_walk_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  SwFeature *added;

  /* Translators: the title of a new walk; %u is its number in the project. */
  title = g_strdup_printf (_("Walk %u"), sw_project_count (self->project, SW_KIND_WALK) + 1);
  sw_walk_set_title (walk, title);

  added = sw_project_add (self->project, SW_FEATURE (walk), &error);
  if (added == NULL)
    {
      show_error (self, _("Could Not Add a Walk"), error);
      return NULL;
    }

  return SW_WALK (added);
}

/* ---------------------------------------------------------------------- */
/* The mode                                                               */

static void
update_mode_display (SwWindow *self)
{
  SwRouteEditorMode mode = sw_route_editor_get_mode (self->route_editor);
  g_autofree char *text = NULL;

  if (mode == SW_ROUTE_EDITOR_MODE_ROUTE)
    {
      guint n_points = sw_route_editor_get_n_points (self->route_editor);

      if (n_points >= 2 && self->length_transform != NULL)
        {
          g_autoptr (GVariant) points = g_variant_ref_sink (sw_route_editor_dup_points (self->route_editor));
          g_autofree char *length = sw_route_panel_format_length (sw_crs_transform_line_length (self->length_transform,
                                                                                                 points));

          /* Translators: shown on the map while drawing a route; %s is its length, as "1.2 km". */
          text = g_strdup_printf (_("%s · Enter to finish, Escape to cancel"), length);
        }
      else
        text = g_strdup (_("Click on the map to add points"));
    }
  else if (mode == SW_ROUTE_EDITOR_MODE_STOP)
    text = g_strdup (_("Click on or beside a route to place a stop"));

  gtk_label_set_label (self->route_length_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (self->route_length_revealer, mode != SW_ROUTE_EDITOR_MODE_NONE);
  gtk_toggle_button_set_active (self->draw_route_button, mode == SW_ROUTE_EDITOR_MODE_ROUTE);

  _sw_window_actions_update (self);
}

static gboolean
is_not_edited_route (gpointer item,
                     gpointer user_data)
{
  return g_strcmp0 (sw_feature_get_uuid (item), user_data) != 0;
}

/* The route being edited is drawn by the editor only, not also in its old
 * shape underneath; NULL shows every route again. */
static void
hide_route_on_map (SwWindow *self,
                   SwRoute  *route)
{
  g_autoptr (GtkFilterListModel) others = NULL;
  GtkCustomFilter *filter;

  if (self->project == NULL || self->route_layer == NULL)
    return;

  if (route == NULL)
    {
      sw_route_layer_set_models (self->route_layer,
                                 sw_project_get_routes (self->project),
                                 sw_project_get_stops (self->project));
      return;
    }

  filter = gtk_custom_filter_new (is_not_edited_route,
                                  g_strdup (sw_feature_get_uuid (SW_FEATURE (route))), g_free);
  others = gtk_filter_list_model_new (g_object_ref (sw_project_get_routes (self->project)),
                                      GTK_FILTER (filter));
  sw_route_layer_set_models (self->route_layer, G_LIST_MODEL (others), sw_project_get_stops (self->project));
}

static void
end_mode (SwWindow *self)
{
  if (self->edited_route != NULL)
    hide_route_on_map (self, NULL);
  g_clear_object (&self->edited_route);
  g_clear_pointer (&self->drawing_walk_uuid, g_free);
  sw_route_editor_end (self->route_editor);
  shumate_map_set_zoom_on_double_click (SHUMATE_MAP (get_map_widget (self)), TRUE);
  update_mode_display (self);
}

static guint
count_walk_routes (SwWindow *self,
                   SwWalk   *walk)
{
  GListModel *routes = sw_project_get_routes (self->project);
  guint n_routes = 0;

  for (guint i = 0; i < g_list_model_get_n_items (routes) && walk != NULL; i++)
    {
      g_autoptr (SwRoute) route = g_list_model_get_item (routes, i);

      if (g_strcmp0 (sw_route_get_walk_uuid (route), sw_feature_get_uuid (SW_FEATURE (walk))) == 0)
        n_routes++;
    }

  return n_routes;
}

/* Each new route of a walk takes the next colour of the palette. */
static const char *
pick_new_route_color (SwWindow *self,
                      SwWalk   *walk)
{
  return sw_route_panel_get_palette_color (count_walk_routes (self, walk));
}

static void
begin_route (SwWindow *self,
             SwRoute  *route)
{
  const char *color;

  g_set_object (&self->edited_route, route);
  g_clear_pointer (&self->drawing_walk_uuid, g_free);
  if (route != NULL)
    {
      color = sw_route_get_color (route);
      hide_route_on_map (self, route);
    }
  else
    {
      SwWalk *walk = get_current_walk (self);

      /* The route belongs to the walk shown when drawing began, even if
       * the sidebar shows another one by the time it is finished. */
      if (walk != NULL)
        self->drawing_walk_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (walk)));
      color = pick_new_route_color (self, walk);
    }

  /* A double click finishes the route rather than zooming. */
  shumate_map_set_zoom_on_double_click (SHUMATE_MAP (get_map_widget (self)), FALSE);
  sw_route_editor_begin_route (self->route_editor, route != NULL ? sw_route_get_points (route) : NULL, color);
  update_mode_display (self);
}

static char *
dup_new_route_name (SwWindow *self,
                    SwWalk   *walk)
{
  /* Translators: the name of a new route; %u is its number within the walk. */
  return g_strdup_printf (_("Route %u"), count_walk_routes (self, walk) + 1);
}

/* Saves the route drawn or edited: a new route is one addition, an edited
 * one is one update, each one undo step. */
static void
finish_route (SwWindow *self)
{
  g_autoptr (GVariant) points = NULL;
  g_autoptr (GError) error = NULL;
  SwRoute *saved = NULL;

  if (sw_route_editor_get_mode (self->route_editor) != SW_ROUTE_EDITOR_MODE_ROUTE)
    return;

  points = g_variant_ref_sink (sw_route_editor_dup_points (self->route_editor));
  if (g_variant_n_children (points) < 2)
    {
      sw_window_add_toast (self, adw_toast_new (_("A route needs at least two points; nothing was saved")));
      end_mode (self);
      return;
    }

  if (self->edited_route != NULL)
    {
      g_autoptr (SwFeature) copy = sw_feature_copy (SW_FEATURE (self->edited_route));

      saved = g_object_ref (self->edited_route);
      sw_route_set_points (SW_ROUTE (copy), points);
      if (!sw_feature_equal (copy, SW_FEATURE (self->edited_route))
          && !sw_project_update (self->project, copy, &error))
        {
          show_error (self, _("Could Not Save the Route"), error);
          g_clear_object (&saved);
          return;
        }
    }
  else
    {
      g_autoptr (SwRoute) route = sw_route_new ();
      g_autoptr (SwWalk) new_walk = NULL;
      g_autofree char *name = NULL;
      SwWalk *walk = NULL;

      if (self->drawing_walk_uuid != NULL)
        walk = SW_WALK (sw_project_lookup (self->project, SW_KIND_WALK, self->drawing_walk_uuid));
      if (walk == NULL)
        walk = get_current_walk (self);
      if (walk == NULL)
        {
          g_autofree char *uuid = g_uuid_string_random ();
          g_autofree char *title = NULL;

          /* A project without walks gets one with its first route, in the
           * same step, so one undo takes both back. */
          new_walk = sw_walk_new ();
          sw_feature_set_uuid (SW_FEATURE (new_walk), uuid);
          /* Translators: the title of a new walk; %u is its number in the project. */
          title = g_strdup_printf (_("Walk %u"), 1u);
          sw_walk_set_title (new_walk, title);
          walk = new_walk;
        }

      name = dup_new_route_name (self, walk);
      sw_route_set_walk_uuid (route, sw_feature_get_uuid (SW_FEATURE (walk)));
      sw_route_set_name (route, name);
      sw_route_set_color (route, pick_new_route_color (self, walk));
      sw_route_set_points (route, points);

      if (new_walk != NULL)
        {
          g_autoptr (GPtrArray) features = g_ptr_array_new ();
          g_autoptr (GPtrArray) added = NULL;

          g_ptr_array_add (features, new_walk);
          g_ptr_array_add (features, route);
          added = sw_project_add_many (self->project, features, _("Add Route"), &error);
          if (added == NULL)
            {
              show_error (self, _("Could Not Save the Route"), error);
              return;
            }
          saved = g_object_ref (g_ptr_array_index (added, 1));
        }
      else
        {
          saved = SW_ROUTE (sw_project_add (self->project, SW_FEATURE (route), &error));
          if (saved == NULL)
            {
              show_error (self, _("Could Not Save the Route"), error);
              return;
            }
          g_object_ref (saved);
        }
    }

  end_mode (self);

  /* Show the route in the sidebar, where its name, colour and stops are. */
  {
    SwWalk *walk = SW_WALK (sw_project_lookup (self->project, SW_KIND_WALK, sw_route_get_walk_uuid (saved)));

    if (walk != NULL)
      {
        sw_sidebar_show_walk (self->sidebar, walk);
        sw_walk_editor_select_route (sw_sidebar_get_walk_editor (self->sidebar), saved);
      }
  }
  g_object_unref (saved);
}

static void
on_finish_requested (SwWindow *self)
{
  finish_route (self);
}

/* ---------------------------------------------------------------------- */
/* Stops                                                                  */

typedef struct
{
  SwRoute *route;
  double distance;
  double mercator_x;
  double mercator_y;
} NearestRoute;

static void
find_nearest_route (SwWindow     *self,
                    double        x,
                    double        y,
                    const char   *walk_uuid,
                    NearestRoute *nearest)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  GtkWidget *map = get_map_widget (self);
  GListModel *routes = sw_project_get_routes (self->project);

  nearest->route = NULL;
  nearest->distance = G_MAXDOUBLE;

  for (guint i = 0; i < g_list_model_get_n_items (routes); i++)
    {
      g_autoptr (SwRoute) route = g_list_model_get_item (routes, i);
      GVariant *points = sw_route_get_points (route);
      double previous_x = 0, previous_y = 0, previous_mx = 0, previous_my = 0;
      GVariantIter iter;
      double longitude, latitude;
      gboolean first = TRUE;

      if (walk_uuid != NULL && g_strcmp0 (sw_route_get_walk_uuid (route), walk_uuid) != 0)
        continue;
      if (points == NULL)
        continue;

      g_variant_iter_init (&iter, points);
      while (g_variant_iter_next (&iter, "(dd)", &longitude, &latitude))
        {
          double px, py;
          double mx = sw_mercator_x (longitude);
          double my = sw_mercator_y (latitude);

          shumate_viewport_location_to_widget_coords (viewport, map, latitude, longitude, &px, &py);

          if (!first)
            {
              double dx = px - previous_x;
              double dy = py - previous_y;
              double length2 = dx * dx + dy * dy;
              double t = length2 > 0 ? ((x - previous_x) * dx + (y - previous_y) * dy) / length2 : 0;
              double distance;

              t = CLAMP (t, 0.0, 1.0);
              distance = hypot (previous_x + t * dx - x, previous_y + t * dy - y);
              if (distance < nearest->distance)
                {
                  /* The screen is linear in Web Mercator, so the point
                   * found on screen is found there too. */
                  nearest->distance = distance;
                  nearest->route = route;
                  nearest->mercator_x = previous_mx + t * (mx - previous_mx);
                  nearest->mercator_y = previous_my + t * (my - previous_my);
                }
            }

          first = FALSE;
          previous_x = px;
          previous_y = py;
          previous_mx = mx;
          previous_my = my;
        }
    }
}

/* A click on a route shows it in the sidebar, with its walk, ready for a
 * new name, colour, stops or Edit Route. */
static void
pick_route (SwWindow *self,
            double    x,
            double    y)
{
  NearestRoute nearest;
  SwWalk *walk;

  if (self->project == NULL)
    return;
  /* A finding is drawn over the routes: a click on it is the finding's. */
  if (self->finding_tool != NULL
      && (sw_finding_tool_get_adding (self->finding_tool)
          || sw_finding_tool_pick (self->finding_tool, x, y) != NULL))
    return;

  find_nearest_route (self, x, y, NULL, &nearest);
  if (nearest.route == NULL || nearest.distance > ROUTE_PICK_PIXELS)
    return;

  walk = SW_WALK (sw_project_lookup (self->project, SW_KIND_WALK, sw_route_get_walk_uuid (nearest.route)));
  if (walk == NULL)
    return;

  sw_sidebar_show_walk (self->sidebar, walk);
  sw_walk_editor_select_route (sw_sidebar_get_walk_editor (self->sidebar), nearest.route);
}

/* A stop where the user clicked: on the route when the click is within a
 * few pixels of it, else beside it; numbered after the route's last stop. */
static void
on_map_clicked (SwWindow      *self,
                double         x,
                double         y,
                SwRouteEditor *editor)
{
  SwWalk *walk = get_current_walk (self);
  SwRoute *selected = sw_walk_editor_get_route (sw_sidebar_get_walk_editor (self->sidebar));
  g_autoptr (SwStop) stop = NULL;
  g_autoptr (GPtrArray) stops = NULL;
  g_autoptr (GError) error = NULL;
  NearestRoute nearest;
  SwRoute *route;
  SwWalk *route_walk;
  double longitude, latitude;
  int number = 1;

  if (sw_route_editor_get_mode (editor) == SW_ROUTE_EDITOR_MODE_NONE)
    {
      pick_route (self, x, y);
      return;
    }
  if (sw_route_editor_get_mode (editor) != SW_ROUTE_EDITOR_MODE_STOP)
    return;

  find_nearest_route (self, x, y, walk != NULL ? sw_feature_get_uuid (SW_FEATURE (walk)) : NULL, &nearest);
  if (nearest.route == NULL)
    find_nearest_route (self, x, y, NULL, &nearest);

  if (nearest.route == NULL)
    {
      sw_window_add_toast (self, adw_toast_new (_("Draw a route first: each stop belongs to a route")));
      end_mode (self);
      return;
    }

  if (nearest.distance <= STOP_SNAP_PIXELS)
    {
      route = nearest.route;
      longitude = sw_mercator_longitude (nearest.mercator_x);
      latitude = sw_mercator_latitude (nearest.mercator_y);
    }
  else
    {
      route = selected != NULL ? selected : nearest.route;
      shumate_viewport_widget_coords_to_location (shumate_simple_map_get_viewport (self->map),
                                                  get_map_widget (self), x, y, &latitude, &longitude);
    }

  stops = sw_stop_list_collect (self->project, sw_feature_get_uuid (SW_FEATURE (route)));
  for (guint i = 0; i < stops->len; i++)
    number = MAX (number, sw_stop_get_number (g_ptr_array_index (stops, i)) + 1);

  stop = sw_stop_new ();
  sw_stop_set_walk_uuid (stop, sw_route_get_walk_uuid (route));
  sw_stop_set_route_uuid (stop, sw_feature_get_uuid (SW_FEATURE (route)));
  sw_stop_set_number (stop, number);
  sw_stop_set_longitude (stop, longitude);
  sw_stop_set_latitude (stop, latitude);

  g_object_ref (route);
  end_mode (self);

  if (sw_project_add (self->project, SW_FEATURE (stop), &error) == NULL)
    show_error (self, _("Could Not Add the Stop"), error);

  route_walk = SW_WALK (sw_project_lookup (self->project, SW_KIND_WALK, sw_route_get_walk_uuid (route)));
  if (route_walk != NULL)
    {
      sw_sidebar_show_walk (self->sidebar, route_walk);
      sw_walk_editor_select_route (sw_sidebar_get_walk_editor (self->sidebar), route);
    }
  g_object_unref (route);
}

/* ---------------------------------------------------------------------- */
/* Actions                                                                */

static void
add_walk_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  SwWalk *walk;

  if (self->project == NULL)
    return;

  walk = add_walk (self);
  if (walk != NULL)
    sw_sidebar_show_walk (self->sidebar, walk);
}

static void
draw_route_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);

  if (self->project == NULL)
    return;

  switch (sw_route_editor_get_mode (self->route_editor))
    {
    case SW_ROUTE_EDITOR_MODE_ROUTE:
      finish_route (self);
      break;

    case SW_ROUTE_EDITOR_MODE_STOP:
      end_mode (self);
      begin_route (self, NULL);
      break;

    case SW_ROUTE_EDITOR_MODE_NONE:
    default:
      begin_route (self, NULL);
      break;
    }
}

static void
edit_route_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  SwRoute *route = sw_walk_editor_get_route (sw_sidebar_get_walk_editor (self->sidebar));

  if (self->project == NULL || route == NULL)
    return;

  if (sw_route_editor_get_mode (self->route_editor) != SW_ROUTE_EDITOR_MODE_NONE)
    end_mode (self);
  begin_route (self, route);
}

static void
delete_route_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);
  SwRoute *route = sw_walk_editor_get_route (sw_sidebar_get_walk_editor (self->sidebar));
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->project == NULL || route == NULL)
    return;

  /* Translators: a toast after deleting a route; %s is its name. */
  title = g_strdup_printf (_("“%s” deleted"), sw_route_get_name (route) != NULL ? sw_route_get_name (route) : "");
  if (!sw_project_remove (self->project, SW_FEATURE (route), &error))
    {
      show_error (self, _("Could Not Delete the Route"), error);
      return;
    }

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  sw_window_add_toast (self, toast);
}

static void
add_stop_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);

  if (self->project == NULL)
    return;

  if (sw_route_editor_get_mode (self->route_editor) == SW_ROUTE_EDITOR_MODE_ROUTE)
    finish_route (self);
  else if (sw_route_editor_get_mode (self->route_editor) == SW_ROUTE_EDITOR_MODE_STOP)
    {
      end_mode (self);
      return;
    }

  sw_route_editor_begin_stop (self->route_editor);
  update_mode_display (self);
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  finish_route (SW_WINDOW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  end_mode (SW_WINDOW (widget));
}

static void
delete_vertex_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SwWindow *self = SW_WINDOW (widget);

  sw_route_editor_delete_selected (self->route_editor);
}

/* ---------------------------------------------------------------------- */

/* While a route is drawn, Ctrl+Z takes back its last change. */
gboolean
_sw_window_routes_undo (SwWindow *self)
{
  if (sw_route_editor_get_mode (self->route_editor) != SW_ROUTE_EDITOR_MODE_ROUTE)
    return FALSE;

  sw_route_editor_undo (self->route_editor);
  return TRUE;
}

gboolean
_sw_window_routes_redo (SwWindow *self)
{
  if (sw_route_editor_get_mode (self->route_editor) != SW_ROUTE_EDITOR_MODE_ROUTE)
    return FALSE;

  sw_route_editor_redo (self->route_editor);
  return TRUE;
}

void
_sw_window_routes_update (SwWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_project = self->project != NULL;
  SwRouteEditorMode mode = self->route_editor != NULL
                           ? sw_route_editor_get_mode (self->route_editor)
                           : SW_ROUTE_EDITOR_MODE_NONE;
  gtk_widget_action_set_enabled (widget, "win.add-walk", has_project);
  gtk_widget_action_set_enabled (widget, "win.draw-route", has_project);
  gtk_widget_action_set_enabled (widget, "win.add-stop", has_project);
  /* Both act on the route selected in the sidebar, where their buttons are. */
  gtk_widget_action_set_enabled (widget, "win.edit-route", has_project);
  gtk_widget_action_set_enabled (widget, "win.delete-route", has_project && mode == SW_ROUTE_EDITOR_MODE_NONE);
  gtk_widget_action_set_enabled (widget, "route.finish", mode == SW_ROUTE_EDITOR_MODE_ROUTE);
  gtk_widget_action_set_enabled (widget, "route.cancel", mode != SW_ROUTE_EDITOR_MODE_NONE);
  gtk_widget_action_set_enabled (widget, "route.delete-vertex", mode == SW_ROUTE_EDITOR_MODE_ROUTE);

  if (mode == SW_ROUTE_EDITOR_MODE_ROUTE)
    {
      gtk_widget_action_set_enabled (widget, "win.undo", sw_route_editor_can_undo (self->route_editor));
      gtk_widget_action_set_enabled (widget, "win.redo", sw_route_editor_can_redo (self->route_editor));
    }

  if (self->draw_route_button != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->draw_route_button), has_project);
  if (self->add_stop_button != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->add_stop_button), has_project);
}

static void
on_walk_editor_changed (SwWindow *self)
{
  _sw_window_actions_update (self);
}

void
_sw_window_routes_set_project (SwWindow *self)
{
  g_autoptr (GError) error = NULL;

  end_mode (self);
  g_clear_object (&self->length_transform);
  if (self->project == NULL)
    return;

  self->length_transform = sw_crs_transform_new (sw_project_get_working_crs (self->project), &error);
  if (self->length_transform == NULL)
    g_warning ("Route lengths cannot be measured: %s", error->message);

  /* An undo may take away the route being edited. */
  g_signal_connect_object (self->project, "changed", G_CALLBACK (on_walk_editor_changed), self,
                           G_CONNECT_SWAPPED);
}

/* Enter, Escape and Delete belong to the drawing while it lasts, also when
 * a button in the header bar has the focus; text entries keep their keys,
 * except Escape. */
static gboolean
on_key_pressed (SwWindow              *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  SwRouteEditorMode mode = sw_route_editor_get_mode (self->route_editor);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean in_text = focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));

  if (mode == SW_ROUTE_EDITOR_MODE_NONE
      || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      return gtk_widget_activate_action (GTK_WIDGET (self), "route.cancel", NULL);

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      return !in_text && gtk_widget_activate_action (GTK_WIDGET (self), "route.finish", NULL);

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      return !in_text && gtk_widget_activate_action (GTK_WIDGET (self), "route.delete-vertex", NULL);

    default:
      return FALSE;
    }
}

/* A click on the map takes the focus from a field in the sidebar, which
 * saves it, and lets the map's single-key shortcuts (R, S) work. */
static void
on_map_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                SwWindow        *self)
{
  gtk_widget_grab_focus (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
}

/* The editor goes above every other layer of the map. */
void
_sw_window_routes_init (SwWindow *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  GtkEventController *keys;
  GtkGesture *press;

  gtk_widget_set_focusable (GTK_WIDGET (map), TRUE);
  press = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_map_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (map), GTK_EVENT_CONTROLLER (press));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (keys, "sw-route-keys");
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->route_editor = g_object_ref_sink (sw_route_editor_new (map));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->route_editor));

  g_signal_connect_object (self->route_editor, "changed", G_CALLBACK (update_mode_display), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->route_editor, "finish-requested", G_CALLBACK (on_finish_requested), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->route_editor, "map-clicked", G_CALLBACK (on_map_clicked), self,
                           G_CONNECT_SWAPPED);
}

void
_sw_window_routes_dispose (SwWindow *self)
{
  g_clear_object (&self->edited_route);
  g_clear_pointer (&self->drawing_walk_uuid, g_free);
  g_clear_object (&self->length_transform);
  g_clear_object (&self->route_editor);
}

void
_sw_window_class_routes_init (SwWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child (widget_class, SwWindow, draw_route_button);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, add_stop_button);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, route_length_revealer);
  gtk_widget_class_bind_template_child (widget_class, SwWindow, route_length_label);

  gtk_widget_class_install_action (widget_class, "win.add-walk", NULL, add_walk_action);
  gtk_widget_class_install_action (widget_class, "win.draw-route", NULL, draw_route_action);
  gtk_widget_class_install_action (widget_class, "win.edit-route", NULL, edit_route_action);
  gtk_widget_class_install_action (widget_class, "win.delete-route", NULL, delete_route_action);
  gtk_widget_class_install_action (widget_class, "win.add-stop", NULL, add_stop_action);
  gtk_widget_class_install_action (widget_class, "route.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "route.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "route.delete-vertex", NULL, delete_vertex_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "win.draw-route", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "win.add-stop", NULL);
}
