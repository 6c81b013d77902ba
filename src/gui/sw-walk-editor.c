/* A walk's details in the sidebar. Each field is saved as one edit when its
 * entry is activated or loses focus, not on every key, so that undo steps
 * are whole values. */
#define G_LOG_DOMAIN "sw-walk-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "sw-crs-transform.h"
#include "sw-route-panel.h"
#include "sw-walk-editor.h"
#include "sw-window.h"

/* The light values in the order of the combo row; the first is unset. */
static const char *light_keys[] = { NULL, "daylight", "dark" };

struct _SwWalkEditor
{
  GtkWidget parent_instance;

  SwProject *project;
  SwWalk *walk;
  SwCrsTransform *transform;
  char *selected_route_uuid;
  gboolean updating;
  double kept_scroll;
  guint keep_scroll_id;

  GtkScrolledWindow *scrolled_window;
  GtkLabel *heading_label;
  AdwEntryRow *title_row;
  AdwEntryRow *date_row;
  GtkPopover *calendar_popover;
  GtkCalendar *calendar;
  AdwEntryRow *start_time_row;
  AdwComboRow *light_row;
  AdwEntryRow *meeting_point_row;
  AdwEntryRow *area_row;
  GtkTextView *notes_view;
  GtkListBox *routes_list;
  SwRoutePanel *route_panel;
};

G_DEFINE_FINAL_TYPE (SwWalkEditor, sw_walk_editor, GTK_TYPE_WIDGET)

enum
{
  CLOSE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
report_error (SwWalkEditor *self,
              GError       *error)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), SW_TYPE_WINDOW);

  if (window != NULL)
    sw_window_show_error (SW_WINDOW (window), _("Could Not Change the Walk"), error->message);
  else
    g_warning ("Could not change the walk: %s", error->message);
}

/* TRUE while the user types in @widget: its text has the keyboard focus. A
 * focused button beside the text, as the calendar's, does not count. */
static gboolean
is_typing_in (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL
         && (GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus))
         && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* ---------------------------------------------------------------------- */
/* Values                                                                 */

/* A date as YYYY-MM-DD that exists in the calendar; "" stands for none. */
static gboolean
parse_date (const char *text,
            char      **normalized)
{
  int year, month, day;
  char end;

  if (*text == '\0')
    {
      *normalized = NULL;
      return TRUE;
    }

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3
      || !g_date_valid_dmy (day, month, year))
    return FALSE;

  *normalized = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  return TRUE;
}

/* A time as HH:MM on a 24-hour clock; "" stands for none. */
static gboolean
parse_time (const char *text,
            char      **normalized)
{
  int hour, minute;
  char end;

  if (*text == '\0')
    {
      *normalized = NULL;
      return TRUE;
    }

  if ((sscanf (text, "%2d:%2d%c", &hour, &minute, &end) != 2
       && sscanf (text, "%2d.%2d%c", &hour, &minute, &end) != 2)
      || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return FALSE;

  *normalized = g_strdup_printf ("%02d:%02d", hour, minute);
  return TRUE;
}

static void
save_property (SwWalkEditor *self,
               const char   *property,
               const char   *value)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *current = NULL;

  if (self->updating || self->project == NULL || self->walk == NULL)
    return;

  g_object_get (self->walk, property, &current, NULL);
  if (g_strcmp0 (current, value) == 0
      || ((current == NULL || *current == '\0') && (value == NULL || *value == '\0')))
    return;

  if (!sw_project_edit (self->project, SW_FEATURE (self->walk), &error, property, value, NULL))
    report_error (self, error);
}

static void
save_row (SwWalkEditor *self,
          AdwEntryRow  *row)
{
  const char *property = g_object_get_data (G_OBJECT (row), "property");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *value = NULL;
  gboolean valid = TRUE;

  if (self->updating || self->walk == NULL)
    return;

  if (row == self->date_row)
    valid = parse_date (text, &value);
  else if (row == self->start_time_row)
    valid = parse_time (text, &value);
  else
    value = *text != '\0' ? g_strdup (text) : NULL;

  /* A value that is not a date or time stays in the entry, marked, until
   * it is corrected; nothing is saved. */
  if (!valid)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");

  save_property (self, property, value);
}

static void
on_row_activated (AdwEntryRow  *row,
                  SwWalkEditor *self)
{
  save_row (self, row);
}

static void
on_row_focus_left (GtkEventControllerFocus *focus,
                   SwWalkEditor            *self)
{
  save_row (self, ADW_ENTRY_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))));
}

static void
save_notes (SwWalkEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  save_property (self, "notes", *text != '\0' ? text : NULL);
}

static void
on_light_selected (SwWalkEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->light_row);

  if (selected < G_N_ELEMENTS (light_keys))
    save_property (self, "light", light_keys[selected]);
}

static void
on_day_selected (SwWalkEditor *self)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = NULL;

  if (self->updating)
    return;

  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  gtk_popover_popdown (self->calendar_popover);
  save_row (self, self->date_row);
}

/* ---------------------------------------------------------------------- */
/* Routes                                                                 */

static void
draw_route_swatch (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  const char *color = g_object_get_data (G_OBJECT (area), "color");
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, sw_route_panel_get_palette_color (0));

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, 4);
  cairo_move_to (cr, 3, height - 4);
  cairo_curve_to (cr, width / 2.0, height - 2, width / 2.0, 2, width - 3, 4);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_stroke (cr);
}

static GtkWidget *
create_route_row (SwWalkEditor *self,
                  SwRoute      *route)
{
  const char *name = sw_route_get_name (route);
  GVariant *points = sw_route_get_points (route);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *swatch = gtk_drawing_area_new ();
  g_autofree char *escaped = NULL;

  escaped = g_markup_escape_text (name != NULL && *name != '\0' ? name : _("Untitled Route"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  if (points != NULL && self->transform != NULL)
    {
      g_autofree char *length = sw_route_panel_format_length (sw_crs_transform_line_length (self->transform, points));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), length);
    }

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 24);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 16);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (swatch), "color", g_strdup (sw_route_get_color (route)), g_free);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_route_swatch, NULL, NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch);

  g_object_set_data_full (G_OBJECT (row), "route", g_object_ref (route), g_object_unref);

  return row;
}

static void
rebuild_routes (SwWalkEditor *self)
{
  g_autofree char *selected_uuid = g_strdup (self->selected_route_uuid);
  GtkListBoxRow *selected_row = NULL;
  GtkListBoxRow *old_row;
  GListModel *routes;

  self->updating = TRUE;

  while ((old_row = gtk_list_box_get_row_at_index (self->routes_list, 0)) != NULL)
    gtk_list_box_remove (self->routes_list, GTK_WIDGET (old_row));

  if (self->project != NULL && self->walk != NULL)
    {
      routes = sw_project_get_routes (self->project);
      for (guint i = 0; i < g_list_model_get_n_items (routes); i++)
        {
          g_autoptr (SwRoute) route = g_list_model_get_item (routes, i);
          GtkWidget *row;

          if (g_strcmp0 (sw_route_get_walk_uuid (route), sw_feature_get_uuid (SW_FEATURE (self->walk))) != 0)
            continue;

          row = create_route_row (self, route);
          gtk_list_box_append (self->routes_list, row);
          if (g_strcmp0 (selected_uuid, sw_feature_get_uuid (SW_FEATURE (route))) == 0)
            selected_row = GTK_LIST_BOX_ROW (row);
        }
    }

  gtk_list_box_select_row (self->routes_list, selected_row);
  self->updating = FALSE;

  g_free (self->selected_route_uuid);
  self->selected_route_uuid = selected_row != NULL ? g_steal_pointer (&selected_uuid) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->route_panel), selected_row != NULL);
  sw_route_panel_set_route (self->route_panel, self->project,
                            selected_row != NULL ? g_object_get_data (G_OBJECT (selected_row), "route") : NULL);
}

static void
on_route_selected (SwWalkEditor  *self,
                   GtkListBoxRow *row)
{
  SwRoute *route = row != NULL ? g_object_get_data (G_OBJECT (row), "route") : NULL;

  /* The list lets go of its rows while the template is disposed. */
  if (self->updating || self->route_panel == NULL)
    return;

  g_free (self->selected_route_uuid);
  self->selected_route_uuid = route != NULL ? g_strdup (sw_feature_get_uuid (SW_FEATURE (route))) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->route_panel), route != NULL);
  sw_route_panel_set_route (self->route_panel, self->project, route);
}

/* ---------------------------------------------------------------------- */

static void
set_row_text (SwWalkEditor *self,
              AdwEntryRow  *row,
              const char   *text)
{
  /* Do not overwrite what is being typed. */
  if (is_typing_in (GTK_WIDGET (row)))
    return;

  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
update (SwWalkEditor *self)
{
  const char *title;
  const char *light;
  guint selected = 0;

  if (self->walk == NULL)
    return;

  self->updating = TRUE;

  title = sw_walk_get_title (self->walk);
  gtk_label_set_label (self->heading_label, title != NULL && *title != '\0' ? title : _("Untitled Walk"));

  set_row_text (self, self->title_row, title);
  set_row_text (self, self->date_row, sw_walk_get_date (self->walk));
  set_row_text (self, self->start_time_row, sw_walk_get_start_time (self->walk));
  set_row_text (self, self->meeting_point_row, sw_walk_get_meeting_point (self->walk));
  set_row_text (self, self->area_row, sw_walk_get_area (self->walk));

  light = sw_walk_get_light (self->walk);
  for (guint i = 1; i < G_N_ELEMENTS (light_keys); i++)
    if (g_strcmp0 (light, light_keys[i]) == 0)
      selected = i;
  adw_combo_row_set_selected (self->light_row, selected);

  if (!is_typing_in (GTK_WIDGET (self->notes_view)))
    {
      const char *notes = sw_walk_get_notes (self->walk);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes != NULL ? notes : "", -1);
    }

  if (sw_walk_get_date (self->walk) != NULL)
    {
      g_autofree char *date = NULL;
      g_autoptr (GDateTime) time = NULL;

      if (parse_date (sw_walk_get_date (self->walk), &date) && date != NULL)
        {
          g_autofree char *iso = g_strconcat (date, "T12:00:00Z", NULL);

          time = g_date_time_new_from_iso8601 (iso, NULL);
          if (time != NULL)
            gtk_calendar_select_day (self->calendar, time);
        }
    }

  self->updating = FALSE;

  rebuild_routes (self);
}

static gboolean
restore_scroll_cb (gpointer user_data)
{
  SwWalkEditor *self = user_data;

  self->keep_scroll_id = 0;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), self->kept_scroll);

  return G_SOURCE_REMOVE;
}

static void
on_project_changed (SwWalkEditor *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);

  /* The walk was removed, or its addition undone. */
  if (self->walk != NULL
      && sw_project_lookup (self->project, SW_KIND_WALK, sw_feature_get_uuid (SW_FEATURE (self->walk))) == NULL)
    {
      sw_walk_editor_set_walk (self, self->project, NULL);
      g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
      return;
    }

  /* Rows made anew, and the focus leaving a row that went, would scroll the
   * page away from where the user works: keep it where it was. */
  self->kept_scroll = gtk_adjustment_get_value (adjustment);
  update (self);
  gtk_adjustment_set_value (adjustment, self->kept_scroll);
  if (self->keep_scroll_id == 0)
    self->keep_scroll_id = g_idle_add (restore_scroll_cb, self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SwWalkEditor *self = SW_WALK_EDITOR (widget);

  /* Leaving the page saves what is in the entries. */
  gtk_widget_grab_focus (GTK_WIDGET (self->routes_list));
  g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
}

/* Deletes the walk with its routes, stops and findings; a toast offers to
 * take it back. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SwWalkEditor *self = SW_WALK_EDITOR (widget);
  GtkWidget *window = gtk_widget_get_ancestor (widget, SW_TYPE_WINDOW);
  g_autoptr (SwWalk) walk = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  const char *walk_title;
  AdwToast *toast;

  if (self->project == NULL || self->walk == NULL)
    return;

  walk = g_object_ref (self->walk);
  walk_title = sw_walk_get_title (walk);
  /* Translators: a toast after deleting a walk; %s is its title. */
  title = g_strdup_printf (_("“%s” deleted with its routes, stops and findings"),
                           walk_title != NULL && *walk_title != '\0' ? walk_title : _("Untitled Walk"));

  if (!sw_project_remove (self->project, SW_FEATURE (walk), &error))
    {
      report_error (self, error);
      return;
    }

  if (window != NULL)
    {
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      sw_window_add_toast (SW_WINDOW (window), toast);
    }
}

static void
sw_walk_editor_dispose (GObject *object)
{
  SwWalkEditor *self = SW_WALK_EDITOR (object);
  GtkWidget *child;

  sw_walk_editor_set_walk (self, NULL, NULL);
  g_clear_handle_id (&self->keep_scroll_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SW_TYPE_WALK_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sw_walk_editor_parent_class)->dispose (object);
}

static void
sw_walk_editor_finalize (GObject *object)
{
  SwWalkEditor *self = SW_WALK_EDITOR (object);

  g_clear_pointer (&self->selected_route_uuid, g_free);

  G_OBJECT_CLASS (sw_walk_editor_parent_class)->finalize (object);
}

static void
sw_walk_editor_class_init (SwWalkEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sw_walk_editor_dispose;
  object_class->finalize = sw_walk_editor_finalize;

  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SW_TYPE_ROUTE_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/safetywalk/SafetyWalk/sw-walk-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, start_time_row);
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, light_row);
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, meeting_point_row);
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, area_row);
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, routes_list);
  gtk_widget_class_bind_template_child (widget_class, SwWalkEditor, route_panel);
  gtk_widget_class_bind_template_callback (widget_class, on_light_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_route_selected);

  gtk_widget_class_install_action (widget_class, "walk.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "walk.delete", NULL, delete_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sw_walk_editor_init (SwWalkEditor *self)
{
  static const char *properties[] = { "title", "date", "start-time", "meeting-point", "area" };
  AdwEntryRow *rows[G_N_ELEMENTS (properties)];
  GtkEventController *focus;
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  rows[0] = self->title_row;
  rows[1] = self->date_row;
  rows[2] = self->start_time_row;
  rows[3] = self->meeting_point_row;
  rows[4] = self->area_row;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_object_set_data (G_OBJECT (rows[i]), "property", (gpointer) properties[i]);
      g_signal_connect (rows[i], "entry-activated", G_CALLBACK (on_row_activated), self);
      focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "leave", G_CALLBACK (on_row_focus_left), self);
      gtk_widget_add_controller (GTK_WIDGET (rows[i]), focus);
    }

  placeholder = gtk_label_new (_("No routes yet. Press R, then click on the map to draw one."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->routes_list, placeholder);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (save_notes), self);
  gtk_widget_add_controller (GTK_WIDGET (self->notes_view), focus);
}

GtkWidget *
sw_walk_editor_new (void)
{
  return g_object_new (SW_TYPE_WALK_EDITOR, NULL);
}

void
sw_walk_editor_set_walk (SwWalkEditor *self,
                         SwProject    *project,
                         SwWalk       *walk)
{
  g_return_if_fail (SW_IS_WALK_EDITOR (self));
  g_return_if_fail (project == NULL || SW_IS_PROJECT (project));
  g_return_if_fail (walk == NULL || SW_IS_WALK (walk));

  if (self->project != project)
    {
      if (self->project != NULL)
        g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
      g_set_object (&self->project, project);
      g_clear_object (&self->transform);
      if (self->project != NULL)
        {
          g_autoptr (GError) error = NULL;

          g_signal_connect_object (self->project, "changed", G_CALLBACK (on_project_changed), self,
                                   G_CONNECT_SWAPPED);
          self->transform = sw_crs_transform_new (sw_project_get_working_crs (self->project), &error);
          if (self->transform == NULL)
            g_warning ("No lengths in the working CRS: %s", error->message);
        }
    }

  if (self->walk != walk)
    {
      g_set_object (&self->walk, walk);
      g_clear_pointer (&self->selected_route_uuid, g_free);
    }

  if (self->walk == NULL)
    {
      sw_route_panel_set_route (self->route_panel, NULL, NULL);
      return;
    }

  update (self);
}

SwWalk *
sw_walk_editor_get_walk (SwWalkEditor *self)
{
  g_return_val_if_fail (SW_IS_WALK_EDITOR (self), NULL);

  return self->walk;
}

/* The route selected in the list of the walk's routes, if any. */
SwRoute *
sw_walk_editor_get_route (SwWalkEditor *self)
{
  g_return_val_if_fail (SW_IS_WALK_EDITOR (self), NULL);

  return sw_route_panel_get_route (self->route_panel);
}

void
sw_walk_editor_select_route (SwWalkEditor *self,
                             SwRoute      *route)
{
  g_return_if_fail (SW_IS_WALK_EDITOR (self));
  g_return_if_fail (route == NULL || SW_IS_ROUTE (route));

  g_free (self->selected_route_uuid);
  self->selected_route_uuid = route != NULL ? g_strdup (sw_feature_get_uuid (SW_FEATURE (route))) : NULL;
  rebuild_routes (self);
}

GtkWidget *
sw_walk_editor_get_route_panel (SwWalkEditor *self)
{
  g_return_val_if_fail (SW_IS_WALK_EDITOR (self), NULL);

  return GTK_WIDGET (self->route_panel);
}
