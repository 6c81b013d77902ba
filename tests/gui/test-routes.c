/* Planning a walk in a real window under Xvfb: the walk's details in the
 * sidebar, a route drawn with real pointer and key events (XTest through
 * xdotool) at map coordinates, stops placed and renumbered, every step
 * undoable; then core reads the GeoPackage back and checks each value and
 * coordinate. A screenshot of the route being drawn goes to the build
 * folder. */
#define G_LOG_DOMAIN "test-routes"

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "sw-test-files.h"
#include "sw-test-gui.h"
#include "sw-application.h"
#include "sw-crs-transform.h"
#include "sw-map-transform.h"
#include "sw-project.h"
#include "sw-route-editor.h"
#include "sw-route-panel.h"
#include "sw-stop-list.h"
#include "sw-walk-editor.h"
#include "sw-window.h"


/* Katrineholm's station square. */
#define CENTER_LATITUDE  58.9957
#define CENTER_LONGITUDE 16.2074
#define ZOOM             16.0

static SwApplication *application;
static char *tmpdir;
static GFile *project_file;
static char *mbtiles_path;
static SwWindow *window;
static SwCrsTransform *transform;
static gboolean use_xdotool;

/* What the test drew, to compare with what the file holds. */
static GVariant *drawn_points;
static char *walk_uuid;
static char *route_uuid;

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */

/* The entry row titled @title under @widget. */
static AdwEntryRow *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ENTRY_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static ShumateMap *
get_map (void)
{
  return shumate_simple_map_get_map (sw_window_get_map (window));
}

static SwRouteEditor *
get_route_editor (void)
{
  GtkWidget *editor = find_descendant (GTK_WIDGET (get_map ()), SW_TYPE_ROUTE_EDITOR);

  g_assert_nonnull (editor);
  return SW_ROUTE_EDITOR (editor);
}

static SwWalkEditor *
get_walk_editor (void)
{
  return sw_sidebar_get_walk_editor (sw_window_get_sidebar (window));
}

static void
to_widget (double  longitude,
           double  latitude,
           double *x,
           double *y)
{
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (get_map ()),
                                              GTK_WIDGET (get_map ()),
                                              latitude, longitude, x, y);
}

static void
to_location (double  x,
             double  y,
             double *longitude,
             double *latitude)
{
  shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (get_map ()),
                                              GTK_WIDGET (get_map ()),
                                              x, y, latitude, longitude);
}

static GtkGesture *
get_editor_gesture (void)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (get_map ()));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "sw-route-editor") == 0)
        return GTK_GESTURE (controller);
    }

  g_assert_not_reached ();
}

/* Moves the pointer to map coordinates @x0, @y0, presses, moves to @x1,
 * @y1 in steps and releases; a click when both are the same. */
static void
pointer_drag (double x0,
              double y0,
              double x1,
              double y1)
{
  sw_test_pointer_drag (GTK_WIDGET (get_map ()), use_xdotool ? NULL : get_editor_gesture (), x0, y0, x1, y1);
}

static void
click (double x,
       double y)
{
  pointer_drag (x, y, x, y);
}

static void
double_click (double x,
              double y)
{
  if (use_xdotool)
    {
      int sx, sy;

      sw_test_to_surface (GTK_WIDGET (get_map ()), x, y, &sx, &sy);
      sw_test_xdotool ("mousemove --window %lu %d %d", sw_test_get_xid (GTK_WIDGET (window)), sx, sy);
      sw_test_xdotool ("click --repeat 2 --delay 60 1");
    }
  else
    {
      /* Without events both presses have time 0: a double click. */
      click (x, y);
      click (x, y);
    }
}

/* A key as the user presses it, over the map; through the window's
 * actions where X is not at hand. */
static void
press_key (const char *key,
           const char *action)
{
  if (use_xdotool)
    {
      int sx, sy;

      sw_test_to_surface (GTK_WIDGET (get_map ()), gtk_widget_get_width (GTK_WIDGET (get_map ())) - 20, 20, &sx, &sy);
      sw_test_xdotool ("mousemove --window %lu %d %d", sw_test_get_xid (GTK_WIDGET (window)), sx, sy);
      sw_test_xdotool ("key %s", key);
    }
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
}

/* ---------------------------------------------------------------------- */
/* The MBTiles fixture                                                    */

static GBytes *
draw_tile (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GBytes) png = NULL;

  cairo_set_source_rgb (cr, 0.949, 0.937, 0.914);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 6);
  for (int i = 0; i <= 256; i += 64)
    {
      cairo_move_to (cr, i, 0);
      cairo_line_to (cr, i, 256);
      cairo_move_to (cr, 0, i);
      cairo_line_to (cr, 256, i);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
  png = sw_test_png_from_surface (surface);
  cairo_surface_destroy (surface);

  return g_steal_pointer (&png);
}

static void
write_mbtiles (const char *path)
{
  g_autoptr (GBytes) png = draw_tile ();

  sw_test_write_mbtiles (path, png, 14, 17, CENTER_LONGITUDE - 0.03, CENTER_LATITUDE - 0.015,
                         CENTER_LONGITUDE + 0.03, CENTER_LATITUDE + 0.015, "Test tiles");
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                  */

static gboolean
window_has_project (gpointer user_data)
{
  return sw_window_get_project (user_data) != NULL;
}

static gboolean
map_is_ready (gpointer user_data)
{
  GtkWidget *map = GTK_WIDGET (get_map ());

  return gtk_widget_get_mapped (map) && gtk_widget_get_width (map) > 400;
}

static void
test_open (void)
{
  ShumateViewport *viewport;

  g_application_open (G_APPLICATION (application), &project_file, 1, "");
  window = sw_application_find_window (application, project_file);
  g_assert_nonnull (window);
  g_assert_true (wait_for (window_has_project, window, "the project to open"));
  g_assert_true (wait_for (map_is_ready, NULL, "the map to be shown"));

  /* The window fits a project with nothing on the map to Sweden once the
   * map has its size; look at the station square after that. */
  spin (500);
  viewport = shumate_map_get_viewport (get_map ());
  shumate_viewport_set_zoom_level (viewport, ZOOM);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), CENTER_LATITUDE, CENTER_LONGITUDE);
  spin (300);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, ZOOM);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), CENTER_LATITUDE, 1e-6);

#ifdef GDK_WINDOWING_X11
  {
    g_autofree char *program = g_find_program_in_path ("xdotool");

    /* SW_TEST_NO_XTEST=1 tries the other way on an X display too. */
    use_xdotool = program != NULL
                  && GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window)))
                  && g_getenv ("SW_TEST_NO_XTEST") == NULL;
  }
#endif
  g_test_message ("Input through %s", use_xdotool ? "XTest (xdotool)" : "the gesture's signals");
}

static void
activate_entry (AdwEntryRow *row,
                const char  *text)
{
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "entry-activated");
}

#define NOTES "Samling 18.15 vid resecentrum. Två grupper, en per rutt.\nTa med ficklampor."

/* A new walk and its details, each saved as one edit. */
static void
test_walk_details (void)
{
  SwProject *project = sw_window_get_project (window);
  GtkWidget *editor;
  SwWalk *walk;
  AdwComboRow *light_row;
  AdwEntryRow *date_row;
  GtkTextView *notes;

  g_assert_cmpuint (sw_project_count (project, SW_KIND_WALK), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-walk", NULL));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_WALK), ==, 1);

  walk = sw_walk_editor_get_walk (get_walk_editor ());
  g_assert_nonnull (walk);
  g_assert_cmpstr (sw_walk_get_title (walk), ==, "Walk 1");
  walk_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (walk)));
  editor = GTK_WIDGET (get_walk_editor ());

  activate_entry (find_entry_row (editor, "Title"), "Kvällsvandring vid resecentrum");
  g_assert_cmpstr (sw_walk_get_title (walk), ==, "Kvällsvandring vid resecentrum");

  /* Not a date: marked, not saved. */
  date_row = find_entry_row (editor, "Date (YYYY-MM-DD)");
  activate_entry (date_row, "2026-13-40");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (date_row), "error"));
  g_assert_null (sw_walk_get_date (walk));
  activate_entry (date_row, "2026-11-05");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (date_row), "error"));
  g_assert_cmpstr (sw_walk_get_date (walk), ==, "2026-11-05");

  activate_entry (find_entry_row (editor, "Start Time (HH:MM)"), "18.30");
  g_assert_cmpstr (sw_walk_get_start_time (walk), ==, "18:30");
  activate_entry (find_entry_row (editor, "Meeting Point"), "Resecentrum, entrén mot Stationsparken");
  activate_entry (find_entry_row (editor, "Area"), "Stationsområdet och gångtunneln");

  /* Notes are saved when the text view lets go of the focus, not on
   * every key. */
  notes = GTK_TEXT_VIEW (find_descendant (editor, GTK_TYPE_TEXT_VIEW));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (notes)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (notes), NOTES, -1);
  g_assert_null (sw_walk_get_notes (walk));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (find_entry_row (editor, "Area"))));
  spin (50);
  g_assert_cmpstr (sw_walk_get_notes (walk), ==, NOTES);

  light_row = ADW_COMBO_ROW (find_descendant (editor, ADW_TYPE_COMBO_ROW));
  adw_combo_row_set_selected (light_row, 2);
  g_assert_cmpstr (sw_walk_get_light (walk), ==, "dark");

  /* A click on the map takes the focus from the sidebar. */
  click (gtk_widget_get_width (GTK_WIDGET (get_map ())) / 2.0, gtk_widget_get_height (GTK_WIDGET (get_map ())) - 60);
  if (use_xdotool)
    g_assert_true (gtk_widget_has_focus (GTK_WIDGET (get_map ())));
  else
    gtk_widget_grab_focus (GTK_WIDGET (get_map ()));

  /* Each field was one step: undo the light, redo it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_null (sw_walk_get_light (walk));
  g_assert_cmpuint (adw_combo_row_get_selected (light_row), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (sw_walk_get_light (walk), ==, "dark");
}

static gboolean
label_shows_length (gpointer user_data)
{
  GtkLabel *label = user_data;

  return strstr (gtk_label_get_label (label), " m") != NULL
         || strstr (gtk_label_get_label (label), " km") != NULL;
}

static GtkLabel *
find_length_label (void)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (sw_window_get_map (window)));

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_REVEALER (child)
        && GTK_IS_LABEL (gtk_revealer_get_child (GTK_REVEALER (child)))
        && gtk_widget_has_css_class (gtk_revealer_get_child (GTK_REVEALER (child)), "route-length"))
      return GTK_LABEL (gtk_revealer_get_child (GTK_REVEALER (child)));

  g_assert_not_reached ();
}

/* The five vertices, as offsets from the map's centre in pixels. */
static const double vertex_offsets[][2] = {
  { -220, -120 },
  { -80, -160 },
  { 60, -40 },
  { 180, 40 },
  { 240, 160 },
};

static void
get_vertex_position (guint   index,
                     double *x,
                     double *y)
{
  double longitude, latitude;

  sw_route_editor_get_point (get_route_editor (), index, &longitude, &latitude);
  to_widget (longitude, latitude, x, y);
}

static void
test_draw_route (void)
{
  SwProject *project = sw_window_get_project (window);
  SwRouteEditor *editor = get_route_editor ();
  double cx = gtk_widget_get_width (GTK_WIDGET (get_map ())) / 2.0;
  double cy = gtk_widget_get_height (GTK_WIDGET (get_map ())) / 2.0;
  double x, y, ax, ay, bx, by, mx, my;
  double expected[G_N_ELEMENTS (vertex_offsets)][2];
  g_autoptr (GVariant) points = NULL;
  GtkLabel *label = find_length_label ();
  double length;
  g_autofree char *length_text = NULL;

  press_key ("r", "win.draw-route");
  g_assert_cmpint (sw_route_editor_get_mode (editor), ==, SW_ROUTE_EDITOR_MODE_ROUTE);

  /* Five clicks, five vertices where the clicks were. */
  for (guint i = 0; i < G_N_ELEMENTS (vertex_offsets); i++)
    {
      click (round (cx + vertex_offsets[i][0]), round (cy + vertex_offsets[i][1]));
      g_assert_cmpuint (sw_route_editor_get_n_points (editor), ==, i + 1);
      get_vertex_position (i, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, round (cx + vertex_offsets[i][0]), 1.0);
      g_assert_cmpfloat_with_epsilon (y, round (cy + vertex_offsets[i][1]), 1.0);
    }

  /* Clicks far apart in time are no double click. */
  g_assert_cmpint (sw_route_editor_get_mode (editor), ==, SW_ROUTE_EDITOR_MODE_ROUTE);
  g_assert_true (wait_for (label_shows_length, label, "the length on the map"));
  points = g_variant_ref_sink (sw_route_editor_dup_points (editor));
  length = sw_crs_transform_line_length (transform, points);
  length_text = sw_route_panel_format_length (length);
  g_test_message ("Length shown: %s (%.1f m)", gtk_label_get_label (label), length);
  g_assert_nonnull (strstr (gtk_label_get_label (label), length_text));
  g_assert_cmpfloat (length, >, 100);

  /* Drag the third vertex 50 px down and left. */
  get_vertex_position (2, &x, &y);
  pointer_drag (x, y, x - 50, y + 50);
  g_assert_cmpuint (sw_route_editor_get_n_points (editor), ==, 5);
  get_vertex_position (2, &ax, &ay);
  g_assert_cmpfloat_with_epsilon (ax, x - 50, 1.5);
  g_assert_cmpfloat_with_epsilon (ay, y + 50, 1.5);
  g_assert_cmpint (sw_route_editor_get_selected (editor), ==, 2);

  /* The map stayed where it was: the drag moved the vertex, not the map. */
  get_vertex_position (0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, round (cx + vertex_offsets[0][0]), 1.0);

  /* Drag the midpoint handle of the last segment: a sixth vertex. */
  get_vertex_position (3, &ax, &ay);
  get_vertex_position (4, &bx, &by);
  mx = round ((ax + bx) / 2);
  my = round ((ay + by) / 2);
  pointer_drag (mx, my, mx + 40, my - 40);
  g_assert_cmpuint (sw_route_editor_get_n_points (editor), ==, 6);
  get_vertex_position (4, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, mx + 40, 1.5);
  g_assert_cmpfloat_with_epsilon (y, my - 40, 1.5);

  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-route-drawing.png"));

  /* Ctrl+Z takes back the inserted vertex, not a project edit. */
  g_assert_true (sw_project_can_undo (project));
  press_key ("ctrl+z", "win.undo");
  g_assert_cmpuint (sw_route_editor_get_n_points (editor), ==, 5);
  g_assert_cmpint (sw_route_editor_get_mode (editor), ==, SW_ROUTE_EDITOR_MODE_ROUTE);
  g_assert_cmpstr (sw_walk_get_light (SW_WALK (sw_project_lookup (project, SW_KIND_WALK, walk_uuid))), ==, "dark");

  for (guint i = 0; i < 5; i++)
    sw_route_editor_get_point (editor, i, &expected[i][0], &expected[i][1]);
  g_clear_pointer (&points, g_variant_unref);
  points = g_variant_ref_sink (sw_route_editor_dup_points (editor));

  /* Enter finishes: one new route of the walk, one undo step. */
  press_key ("Return", "route.finish");
  g_assert_cmpint (sw_route_editor_get_mode (editor), ==, SW_ROUTE_EDITOR_MODE_NONE);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 1);

  {
    g_autoptr (SwRoute) route = g_list_model_get_item (sw_project_get_routes (project), 0);

    g_assert_cmpstr (sw_route_get_walk_uuid (route), ==, walk_uuid);
    g_assert_cmpstr (sw_route_get_name (route), ==, "Route 1");
    g_assert_cmpstr (sw_route_get_color (route), ==, sw_route_panel_get_palette_color (0));
    g_assert_true (g_variant_equal (sw_route_get_points (route), points));
    g_assert_true (sw_walk_editor_get_route (get_walk_editor ()) == route);
    route_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (route)));
    drawn_points = g_variant_ref (points);
  }

  /* Undo and redo the whole route. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 1);
}

/* A route with fewer than two points is not saved; Escape cancels. */
static void
test_short_route_refused (void)
{
  SwProject *project = sw_window_get_project (window);
  SwRouteEditor *editor = get_route_editor ();
  double x = gtk_widget_get_width (GTK_WIDGET (get_map ())) / 2.0 - 300;
  double y = gtk_widget_get_height (GTK_WIDGET (get_map ())) / 2.0 + 150;

  press_key ("r", "win.draw-route");
  click (x, y);
  g_assert_cmpuint (sw_route_editor_get_n_points (editor), ==, 1);
  press_key ("Return", "route.finish");
  g_assert_cmpint (sw_route_editor_get_mode (editor), ==, SW_ROUTE_EDITOR_MODE_NONE);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 1);

  press_key ("r", "win.draw-route");
  click (x, y);
  click (x + 60, y + 10);
  press_key ("Escape", "route.cancel");
  g_assert_cmpint (sw_route_editor_get_mode (editor), ==, SW_ROUTE_EDITOR_MODE_NONE);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 1);
}

/* A double click finishes a route, without zooming the map; a second
 * route of the walk takes the next name and colour. Deleting it shows a
 * toast and is one undo step. */
static void
test_double_click_finishes (void)
{
  SwProject *project = sw_window_get_project (window);
  SwRouteEditor *editor = get_route_editor ();
  ShumateViewport *viewport = shumate_map_get_viewport (get_map ());
  double x = gtk_widget_get_width (GTK_WIDGET (get_map ())) / 2.0 - 300;
  double y = gtk_widget_get_height (GTK_WIDGET (get_map ())) / 2.0 + 100;
  SwRoute *route;

  press_key ("r", "win.draw-route");
  click (x, y);
  click (x + 80, y + 20);
  /* Delete takes away the selected (last) vertex. */
  press_key ("Delete", "route.delete-vertex");
  g_assert_cmpuint (sw_route_editor_get_n_points (editor), ==, 1);
  click (x + 80, y + 40);
  double_click (x + 100, y + 120);
  g_assert_cmpint (sw_route_editor_get_mode (editor), ==, SW_ROUTE_EDITOR_MODE_NONE);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, ZOOM);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 2);

  route = sw_walk_editor_get_route (get_walk_editor ());
  g_assert_nonnull (route);
  g_assert_cmpstr (sw_route_get_name (route), ==, "Route 2");
  g_assert_cmpstr (sw_route_get_color (route), ==, sw_route_panel_get_palette_color (1));
  g_assert_cmpuint (g_variant_n_children (sw_route_get_points (route)), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-route", NULL));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 1);
  g_assert_null (sw_walk_editor_get_route (get_walk_editor ()));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 1);
}

/* Edit the route again: select a vertex, Delete, Enter: one update. */
static void
test_edit_route (void)
{
  SwProject *project = sw_window_get_project (window);
  SwRouteEditor *editor = get_route_editor ();
  SwRoute *route = SW_ROUTE (sw_project_lookup (project, SW_KIND_ROUTE, route_uuid));
  double x, y;

  g_assert_nonnull (route);
  sw_walk_editor_select_route (get_walk_editor (), route);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-route", NULL));
  g_assert_cmpint (sw_route_editor_get_mode (editor), ==, SW_ROUTE_EDITOR_MODE_ROUTE);
  g_assert_cmpuint (sw_route_editor_get_n_points (editor), ==, 5);

  get_vertex_position (1, &x, &y);
  click (x, y);
  g_assert_cmpint (sw_route_editor_get_selected (editor), ==, 1);
  press_key ("Delete", "route.delete-vertex");
  g_assert_cmpuint (sw_route_editor_get_n_points (editor), ==, 4);
  press_key ("Return", "route.finish");
  g_assert_cmpuint (g_variant_n_children (sw_route_get_points (route)), ==, 4);

  /* One step back to the route as drawn. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (g_variant_equal (sw_route_get_points (route), drawn_points));
}

static gboolean
stop_count_is (gpointer user_data)
{
  return sw_project_count (sw_window_get_project (window), SW_KIND_STOP) == GPOINTER_TO_UINT (user_data);
}

static SwStop *
get_stop_by_number (int number)
{
  g_autoptr (GPtrArray) stops = sw_stop_list_collect (sw_window_get_project (window), route_uuid);

  for (guint i = 0; i < stops->len; i++)
    if (sw_stop_get_number (g_ptr_array_index (stops, i)) == number)
      return g_ptr_array_index (stops, i);

  return NULL;
}

/* Distance in metres from a point to the segment @a-@b, in the working CRS. */
static double
distance_to_segment (double longitude,
                     double latitude,
                     double a_longitude,
                     double a_latitude,
                     double b_longitude,
                     double b_latitude)
{
  double px, py, ax, ay, bx, by, t;

  g_assert_true (sw_crs_transform_forward (transform, longitude, latitude, &px, &py));
  g_assert_true (sw_crs_transform_forward (transform, a_longitude, a_latitude, &ax, &ay));
  g_assert_true (sw_crs_transform_forward (transform, b_longitude, b_latitude, &bx, &by));
  t = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) * (bx - ax) + (by - ay) * (by - ay));
  t = CLAMP (t, 0, 1);

  return hypot (ax + t * (bx - ax) - px, ay + t * (by - ay) - py);
}

static double stop_positions[3][2];

static void
test_stops (void)
{
  SwProject *project = sw_window_get_project (window);
  double ax, ay, bx, by, x, y;
  double a[2], b[2];
  SwStop *stop;

  g_variant_get_child (drawn_points, 0, "(dd)", &a[0], &a[1]);
  g_variant_get_child (drawn_points, 1, "(dd)", &b[0], &b[1]);
  to_widget (a[0], a[1], &ax, &ay);
  to_widget (b[0], b[1], &bx, &by);

  /* 1: 6 px beside the first segment: put onto it. */
  press_key ("s", "win.add-stop");
  g_assert_cmpint (sw_route_editor_get_mode (get_route_editor ()), ==, SW_ROUTE_EDITOR_MODE_STOP);
  x = round ((ax + bx) / 2);
  y = round ((ay + by) / 2) + 6;
  click (x, y);
  g_assert_true (wait_for (stop_count_is, GUINT_TO_POINTER (1), "the first stop"));
  stop = get_stop_by_number (1);
  g_assert_nonnull (stop);
  g_assert_cmpstr (sw_stop_get_route_uuid (stop), ==, route_uuid);
  g_assert_cmpstr (sw_stop_get_walk_uuid (stop), ==, walk_uuid);
  g_assert_cmpfloat (distance_to_segment (sw_stop_get_longitude (stop), sw_stop_get_latitude (stop),
                                          a[0], a[1], b[0], b[1]), <, 0.5);

  /* 2: 60 px beside the route: stays where clicked. */
  g_variant_get_child (drawn_points, 3, "(dd)", &a[0], &a[1]);
  to_widget (a[0], a[1], &ax, &ay);
  press_key ("s", "win.add-stop");
  click (round (ax), round (ay) + 60);
  g_assert_true (wait_for (stop_count_is, GUINT_TO_POINTER (2), "the second stop"));
  stop = get_stop_by_number (2);
  g_assert_nonnull (stop);
  to_location (round (ax), round (ay) + 60, &x, &y);
  g_assert_cmpfloat (sw_crs_transform_distance (transform, x, y,
                                                sw_stop_get_longitude (stop), sw_stop_get_latitude (stop)),
                     <, 1.0);

  /* 3: on the last vertex. */
  g_variant_get_child (drawn_points, 4, "(dd)", &a[0], &a[1]);
  to_widget (a[0], a[1], &ax, &ay);
  press_key ("s", "win.add-stop");
  click (round (ax), round (ay));
  g_assert_true (wait_for (stop_count_is, GUINT_TO_POINTER (3), "the third stop"));
  stop = get_stop_by_number (3);
  g_assert_nonnull (stop);
  g_assert_cmpfloat (sw_crs_transform_distance (transform, a[0], a[1],
                                                sw_stop_get_longitude (stop), sw_stop_get_latitude (stop)),
                     <, 1.0);

  for (int i = 0; i < 3; i++)
    {
      stop = get_stop_by_number (i + 1);
      stop_positions[i][0] = sw_stop_get_longitude (stop);
      stop_positions[i][1] = sw_stop_get_latitude (stop);
    }

  g_assert_cmpuint (sw_project_count (project, SW_KIND_STOP), ==, 3);
  spin (200);
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-route-stops.png"));
}

/* The list box under @widget that has rows; a preferences group holds an
 * empty one of its own. */
static GtkListBox *
find_list_with_rows (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget) && gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0) != NULL)
    return GTK_LIST_BOX (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found = find_list_with_rows (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkDropTarget *
find_drop_target (GtkWidget *row)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (row);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

/* Renumber by the arrow of a row, then by dropping a row on another; each
 * is one undo step. */
static void
test_renumber_stops (void)
{
  GtkWidget *stop_list = find_descendant (GTK_WIDGET (get_walk_editor ()), SW_TYPE_STOP_LIST);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  GtkListBox *list_box;
  GtkDropTarget *target;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  g_assert_nonnull (stop_list);
  first = g_strdup (sw_feature_get_uuid (SW_FEATURE (get_stop_by_number (1))));
  second = g_strdup (sw_feature_get_uuid (SW_FEATURE (get_stop_by_number (2))));
  third = g_strdup (sw_feature_get_uuid (SW_FEATURE (get_stop_by_number (3))));

  /* Stop 1 down one: 2, 1, 3 become 1, 2, 3. */
  g_assert_true (gtk_widget_activate_action (stop_list, "stops.move-down", "s", first));
  g_assert_cmpstr (sw_feature_get_uuid (SW_FEATURE (get_stop_by_number (1))), ==, second);
  g_assert_cmpstr (sw_feature_get_uuid (SW_FEATURE (get_stop_by_number (2))), ==, first);
  g_assert_cmpstr (sw_feature_get_uuid (SW_FEATURE (get_stop_by_number (3))), ==, third);
  g_assert_cmpstr (sw_project_get_undo_label (sw_window_get_project (window)), ==, "Renumber Stops");

  /* The keyboard focus follows the stop to its new row. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_true (GTK_IS_BUTTON (focus));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), ==, "stops.move-down");
    g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (focus)), NULL),
                     ==, first);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (sw_feature_get_uuid (SW_FEATURE (get_stop_by_number (1))), ==, first);
  g_assert_cmpstr (sw_feature_get_uuid (SW_FEATURE (get_stop_by_number (2))), ==, second);

  /* Drop the third stop's row onto the first row: 3, 1, 2. */
  list_box = find_list_with_rows (stop_list);
  g_assert_nonnull (list_box);
  target = find_drop_target (GTK_WIDGET (gtk_list_box_get_row_at_index (list_box, 0)));
  g_assert_nonnull (target);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, third);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  g_assert_cmpstr (sw_feature_get_uuid (SW_FEATURE (get_stop_by_number (1))), ==, third);
  g_assert_cmpstr (sw_feature_get_uuid (SW_FEATURE (get_stop_by_number (2))), ==, first);
  g_assert_cmpstr (sw_feature_get_uuid (SW_FEATURE (get_stop_by_number (3))), ==, second);

  /* The positions stay; only numbers change. */
  g_assert_cmpfloat (sw_stop_get_longitude (get_stop_by_number (1)), ==, stop_positions[2][0]);
  g_assert_cmpfloat (sw_stop_get_latitude (get_stop_by_number (1)), ==, stop_positions[2][1]);
}

/* Name and colour in the route panel. */
static void
test_route_name_and_colour (void)
{
  SwProject *project = sw_window_get_project (window);
  SwRoute *route = SW_ROUTE (sw_project_lookup (project, SW_KIND_ROUTE, route_uuid));
  GtkWidget *panel = sw_walk_editor_get_route_panel (get_walk_editor ());
  GtkWidget *swatch = NULL;

  activate_entry (find_entry_row (panel, "Name"), "Stationsrundan");
  g_assert_cmpstr (sw_route_get_name (route), ==, "Stationsrundan");

  for (GtkWidget *widget = find_descendant (panel, GTK_TYPE_TOGGLE_BUTTON); widget != NULL;
       widget = gtk_widget_get_next_sibling (widget))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "color"), sw_route_panel_get_palette_color (3)) == 0)
      swatch = widget;
  g_assert_nonnull (swatch);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (swatch), TRUE);
  g_assert_cmpstr (sw_route_get_color (route), ==, sw_route_panel_get_palette_color (3));

  /* The first stop's name and note, in its row. */
  activate_entry (find_entry_row (find_descendant (panel, SW_TYPE_STOP_LIST), "Name"), "Trappan vid resecentrum");
  g_assert_cmpstr (sw_stop_get_name (get_stop_by_number (1)), ==, "Trappan vid resecentrum");
  activate_entry (find_entry_row (find_descendant (panel, SW_TYPE_STOP_LIST), "Note"), "Hur känns trappan efter mörkrets inbrott?");
  g_assert_cmpstr (sw_stop_get_note (get_stop_by_number (1)), ==, "Hur känns trappan efter mörkrets inbrott?");
}

/* A click on a route line selects it in the sidebar. */
static void
test_pick_route (void)
{
  double a[2], b[2], ax, ay, bx, by;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_walk_editor ()), "walk.close", NULL));
  g_assert_null (sw_walk_editor_get_walk (get_walk_editor ()));

  g_variant_get_child (drawn_points, 2, "(dd)", &a[0], &a[1]);
  g_variant_get_child (drawn_points, 3, "(dd)", &b[0], &b[1]);
  to_widget (a[0], a[1], &ax, &ay);
  to_widget (b[0], b[1], &bx, &by);
  click (round ((ax + bx) / 2), round ((ay + by) / 2));

  g_assert_nonnull (sw_walk_editor_get_walk (get_walk_editor ()));
  g_assert_cmpstr (sw_feature_get_uuid (SW_FEATURE (sw_walk_editor_get_walk (get_walk_editor ()))), ==, walk_uuid);
  g_assert_nonnull (sw_walk_editor_get_route (get_walk_editor ()));
  g_assert_cmpstr (sw_feature_get_uuid (SW_FEATURE (sw_walk_editor_get_route (get_walk_editor ()))), ==, route_uuid);
}

/* A finding drawn over a route takes the click: the route is not picked. */
static void
test_finding_over_route (void)
{
  SwProject *project = sw_window_get_project (window);
  g_autoptr (SwFinding) finding = sw_finding_new ();
  g_autoptr (GError) error = NULL;
  SwFeature *added;
  double a[2], ax, ay;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_walk_editor ()), "walk.close", NULL));
  g_assert_null (sw_walk_editor_get_walk (get_walk_editor ()));

  g_variant_get_child (drawn_points, 2, "(dd)", &a[0], &a[1]);
  g_object_set (finding, "walk-uuid", walk_uuid, "category", "lighting", "severity", 2,
                "longitude", a[0], "latitude", a[1], NULL);
  added = sw_project_add (project, SW_FEATURE (finding), &error);
  g_assert_no_error (error);
  spin (300);

  to_widget (a[0], a[1], &ax, &ay);
  click (round (ax), round (ay));
  g_assert_null (sw_walk_editor_get_walk (get_walk_editor ()));

  g_assert_true (sw_project_remove (project, added, &error));
  g_assert_no_error (error);
  spin (300);
}

/* Core reads the file on its own and finds everything as entered. */
static void
test_read_back (void)
{
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GError) error = NULL;
  SwWalk *walk;
  SwRoute *route;
  GVariant *points;
  int order[3] = { 2, 0, 1 };

  project = sw_project_open_with_flags (project_file, SW_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (sw_project_count (project, SW_KIND_WALK), ==, 1);
  walk = SW_WALK (sw_project_lookup (project, SW_KIND_WALK, walk_uuid));
  g_assert_nonnull (walk);
  g_assert_cmpstr (sw_walk_get_title (walk), ==, "Kvällsvandring vid resecentrum");
  g_assert_cmpstr (sw_walk_get_date (walk), ==, "2026-11-05");
  g_assert_cmpstr (sw_walk_get_start_time (walk), ==, "18:30");
  g_assert_cmpstr (sw_walk_get_light (walk), ==, "dark");
  g_assert_cmpstr (sw_walk_get_meeting_point (walk), ==, "Resecentrum, entrén mot Stationsparken");
  g_assert_cmpstr (sw_walk_get_area (walk), ==, "Stationsområdet och gångtunneln");
  g_assert_cmpstr (sw_walk_get_notes (walk), ==, NOTES);

  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 1);
  route = SW_ROUTE (sw_project_lookup (project, SW_KIND_ROUTE, route_uuid));
  g_assert_nonnull (route);
  g_assert_cmpstr (sw_route_get_walk_uuid (route), ==, walk_uuid);
  g_assert_cmpstr (sw_route_get_name (route), ==, "Stationsrundan");
  g_assert_cmpstr (sw_route_get_color (route), ==, sw_route_panel_get_palette_color (3));

  points = sw_route_get_points (route);
  g_assert_cmpuint (g_variant_n_children (points), ==, g_variant_n_children (drawn_points));
  for (gsize i = 0; i < g_variant_n_children (points); i++)
    {
      double stored[2], drawn[2];

      g_variant_get_child (points, i, "(dd)", &stored[0], &stored[1]);
      g_variant_get_child (drawn_points, i, "(dd)", &drawn[0], &drawn[1]);
      g_assert_cmpfloat (sw_crs_transform_distance (transform, stored[0], stored[1], drawn[0], drawn[1]), <, 1.0);
    }

  g_assert_cmpuint (sw_project_count (project, SW_KIND_STOP), ==, 3);
  {
    g_autoptr (GPtrArray) stops = sw_stop_list_collect (project, route_uuid);

    g_assert_cmpuint (stops->len, ==, 3);
    for (guint i = 0; i < stops->len; i++)
      {
        SwStop *stop = g_ptr_array_index (stops, i);

        g_assert_cmpint (sw_stop_get_number (stop), ==, i + 1);
        g_assert_cmpstr (sw_stop_get_name (stop), ==, i == 0 ? "Trappan vid resecentrum" : NULL);
        g_assert_cmpstr (sw_stop_get_note (stop), ==, i == 0 ? "Hur känns trappan efter mörkrets inbrott?" : NULL);
        g_assert_cmpstr (sw_stop_get_walk_uuid (stop), ==, walk_uuid);
        g_assert_cmpstr (sw_stop_get_route_uuid (stop), ==, route_uuid);
        g_assert_cmpfloat (sw_crs_transform_distance (transform,
                                                      sw_stop_get_longitude (stop), sw_stop_get_latitude (stop),
                                                      stop_positions[order[i]][0], stop_positions[order[i]][1]),
                           <, 1.0);
      }
  }

  sw_project_close (project);
}

/* Deleting the walk takes its routes and stops along, as one step. */
static void
test_delete_walk (void)
{
  SwProject *project = sw_window_get_project (window);
  SwWalk *walk = SW_WALK (sw_project_lookup (project, SW_KIND_WALK, walk_uuid));

  sw_sidebar_show_walk (sw_window_get_sidebar (window), walk);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_walk_editor ()), "walk.delete", NULL));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_WALK), ==, 0);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 0);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_STOP), ==, 0);
  g_assert_null (sw_walk_editor_get_walk (get_walk_editor ()));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_WALK), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_STOP), ==, 3);
}

/* ---------------------------------------------------------------------- */

static void
set_up (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autofree char *path = NULL;
  const char *dirs[] = { "cache", "config", "data" };
  const char *variables[] = { "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME" };

  tmpdir = g_dir_make_tmp ("safetywalk-routes-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (tmpdir, dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (variables[i], dir, TRUE);
    }

  path = g_build_filename (tmpdir, "routes.gpkg", NULL);
  project_file = g_file_new_for_path (path);
  project = sw_project_create (project_file, "Trygghetsvandring vid resecentrum", "Katrineholm", &error);
  g_assert_no_error (error);
  transform = sw_crs_transform_new (sw_project_get_working_crs (project), &error);
  g_assert_no_error (error);
  sw_project_close (project);

  mbtiles_path = g_build_filename (tmpdir, "tiles.mbtiles", NULL);
  write_mbtiles (mbtiles_path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  /* The English strings the test looks for. */
  g_setenv ("LANGUAGE", "C", TRUE);

  set_up ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_debug_enabled (FALSE);

  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "basemap-mbtiles", mbtiles_path);
  g_settings_set_string (settings, "basemap-source", "mbtiles");
  g_settings_set_boolean (settings, "sidebar-visible", TRUE);

  application = sw_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/routes/open", test_open);
  g_test_add_func ("/routes/walk-details", test_walk_details);
  g_test_add_func ("/routes/draw-route", test_draw_route);
  g_test_add_func ("/routes/short-route-refused", test_short_route_refused);
  g_test_add_func ("/routes/double-click-finishes", test_double_click_finishes);
  g_test_add_func ("/routes/edit-route", test_edit_route);
  g_test_add_func ("/routes/stops", test_stops);
  g_test_add_func ("/routes/renumber-stops", test_renumber_stops);
  g_test_add_func ("/routes/name-and-colour", test_route_name_and_colour);
  g_test_add_func ("/routes/pick-route", test_pick_route);
  g_test_add_func ("/routes/finding-over-route", test_finding_over_route);
  g_test_add_func ("/routes/read-back", test_read_back);
  g_test_add_func ("/routes/delete-walk", test_delete_walk);

  status = g_test_run ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (application)))
    gtk_window_destroy (l->data);
  spin (50);
  g_clear_object (&application);
  g_clear_object (&transform);
  g_clear_pointer (&drawn_points, g_variant_unref);

  sw_test_remove_tree (tmpdir);
  g_clear_object (&project_file);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&mbtiles_path, g_free);
  g_clear_pointer (&walk_uuid, g_free);
  g_clear_pointer (&route_uuid, g_free);

  return status;
}
