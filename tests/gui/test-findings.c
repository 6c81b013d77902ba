/* Recording findings in a real window under Xvfb: three findings added with
 * the N key and clicks at map coordinates (real pointer and key events
 * through XTest and xdotool where X is at hand), each given a category,
 * severity, light, whom it feels unsafe for, a note and a photo with EXIF
 * orientation 6; photos reordered, shown large and removed; one finding
 * dragged, one deleted and brought back with undo. Then core reads the
 * GeoPackage back and checks each value and coordinate. Screenshots of the
 * map with the findings and the editor go to the build folder. */
#define G_LOG_DOMAIN "test-findings"

#include "config.h"

#include <adwaita.h>
#include <cairo.h>
#include <gdal.h>
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
#include "sw-finding-editor.h"
#include "sw-finding-layer.h"
#include "sw-finding-tool.h"
#include "sw-map-transform.h"
#include "sw-photo-strip.h"
#include "sw-photo-viewer.h"
#include "sw-project.h"
#include "sw-test-photos.h"
#include "sw-vocabulary.h"
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

/* What the test entered, to compare with what the file holds. */
typedef struct
{
  const char *category;
  const char *categories;
  int severity;
  const char *light;
  const char *unsafe_for;
  const char *note;
  double offset_x;
  double offset_y;
  char *uuid;
  double longitude;
  double latitude;
} Entered;

static Entered entered[] = {
  { "lighting", "lighting,passages", 3, "dark", "women,elderly",
    "Trasig gatlampa vid gångtunnelns norra mynning", -150, -80 },
  { "vegetation", "vegetation", 2, "dark", "everyone",
    "Buskar skymmer sikten mot busshållplatsen", 60, -100 },
  { "positive", "positive", 0, "daylight", NULL,
    "Ny belysning och neonkonst gör torget tryggt", 120, 90 },
};

/* Each a different photo: 0 to 2 for the findings added, 3 added in the
 * editor, 4 dropped on the map, 5 dropped on the editor. */
static char *photo_paths[6];
static char *bad_photo_path;

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */

/* The entry row titled @title under @widget. */

static ShumateMap *
get_map (void)
{
  return shumate_simple_map_get_map (sw_window_get_map (window));
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

static GtkGesture *
get_editor_gesture (void)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (get_map ()));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "sw-finding-tool") == 0)
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

/* A key pressed with the pointer at map coordinates @x, @y, or over the
 * window's title when @x is negative; through @action where X is not at
 * hand. */
static void
press_key_at (const char *key,
              double      x,
              double      y,
              const char *action)
{
  if (use_xdotool)
    {
      int sx, sy;

      if (x >= 0)
        sw_test_to_surface (GTK_WIDGET (get_map ()), x, y, &sx, &sy);
      else
        {
          double dx, dy;

          gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
          sx = (int) (gtk_widget_get_width (GTK_WIDGET (window)) / 2 + dx);
          sy = (int) (20 + dy);
        }
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
/* The editor                                                             */

static SwFindingEditor *
get_editor (void)
{
  return sw_sidebar_get_finding_editor (sw_window_get_sidebar (window));
}

static SwFindingTool *
get_tool (void)
{
  return sw_window_get_finding_tool (window);
}

/* The finding the finding layer highlights, as the listed one. */
static SwFinding *
get_highlighted (void)
{
  GtkWidget *layer = find_descendant (GTK_WIDGET (get_map ()), SW_TYPE_FINDING_LAYER);
  SwFinding *finding;

  g_assert_nonnull (layer);
  finding = sw_finding_layer_get_selected_finding (SW_FINDING_LAYER (layer));
  if (finding == NULL)
    return NULL;

  return SW_FINDING (sw_project_lookup (sw_window_get_project (window), SW_KIND_FINDING,
                                        sw_feature_get_uuid (SW_FEATURE (finding))));
}

/* The preferences row titled @title under @widget. */
static AdwPreferencesRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_PREFERENCES_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *found = find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The toggle button showing @label under @widget. */
static GtkToggleButton *
find_toggle (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), label) == 0)
    {
      GtkWidget *button = gtk_widget_get_ancestor (widget, GTK_TYPE_TOGGLE_BUTTON);

      if (button != NULL)
        return GTK_TOGGLE_BUTTON (button);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *found = find_toggle (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
check_row (const char *title,
           gboolean    active)
{
  AdwPreferencesRow *row = find_row (GTK_WIDGET (get_editor ()), title);
  GtkWidget *check;

  g_assert_nonnull (row);
  check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)) != active)
    adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)) == active);
}

static guint
category_index (const char *key)
{
  guint n_terms;
  const SwTerm *terms = sw_vocabulary_get_terms (SW_VOCABULARY_CATEGORY, &n_terms);

  for (guint i = 0; i < n_terms; i++)
    if (g_str_equal (terms[i].key, key))
      return i;

  g_assert_not_reached ();
}

static gboolean
editor_is_idle (gpointer user_data)
{
  return !sw_finding_editor_is_busy (get_editor ());
}

static guint
count_photos (SwFinding *finding)
{
  g_autoptr (GPtrArray) photos = sw_project_list_finding_photos (sw_window_get_project (window), finding);

  return photos->len;
}

static void
add_photo_files (const char *first,
                 ...)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    g_ptr_array_add (files, g_file_new_for_path (path));
  va_end (args);

  sw_finding_editor_add_photo_files (get_editor (), files);
  g_assert_true (sw_finding_editor_is_busy (get_editor ()));
  g_assert_true (wait_for (editor_is_idle, NULL, "the photos to be added"));
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

  spin (500);
  viewport = shumate_map_get_viewport (get_map ());
  shumate_viewport_set_zoom_level (viewport, ZOOM);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), CENTER_LATITUDE, CENTER_LONGITUDE);
  spin (300);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

#ifdef GDK_WINDOWING_X11
  {
    g_autofree char *program = g_find_program_in_path ("xdotool");

    use_xdotool = program != NULL
                  && GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window)))
                  && g_getenv ("SW_TEST_NO_XTEST") == NULL;
  }
#endif
  g_test_message ("Input through %s", use_xdotool ? "XTest (xdotool)" : "the gesture's signals");
}

/* N then a click on the map; for the last finding N with the pointer
 * over the map places it there at once. */
static SwFinding *
add_finding (guint   index,
             double *x,
             double *y)
{
  SwProject *project = sw_window_get_project (window);
  guint before = sw_project_count (project, SW_KIND_FINDING);
  double cx = gtk_widget_get_width (GTK_WIDGET (get_map ())) / 2.0;
  double cy = gtk_widget_get_height (GTK_WIDGET (get_map ())) / 2.0;
  SwFinding *finding;

  *x = round (cx + entered[index].offset_x);
  *y = round (cy + entered[index].offset_y);

  if (index == 2 && use_xdotool)
    press_key_at ("n", *x, *y, "win.add-finding");
  else
    {
      press_key_at ("n", -1, -1, "win.add-finding");
      g_assert_true (sw_finding_tool_get_adding (get_tool ()));
      click (*x, *y);
    }

  g_assert_false (sw_finding_tool_get_adding (get_tool ()));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, before + 1);
  finding = sw_finding_editor_get_finding (get_editor ());
  g_assert_nonnull (finding);
  g_assert_true (sw_finding_tool_get_selected (get_tool ()) == finding);
  g_assert_true (get_highlighted () == finding);
  return finding;
}

static void
test_add_findings (void)
{
  SwProject *project = sw_window_get_project (window);
  GtkWidget *editor = GTK_WIDGET (get_editor ());

  g_assert_cmpuint (sw_project_count (project, SW_KIND_WALK), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (entered); i++)
    {
      Entered *e = &entered[i];
      SwFinding *finding;
      AdwComboRow *category_row;
      double x, y, fx, fy;
      GtkTextBuffer *buffer;
      g_autoptr (GPtrArray) photos = NULL;
      SwPhoto *photo;

      finding = add_finding (i, &x, &y);
      e->uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (finding)));

      /* The first finding made a walk for itself; the others joined it. */
      g_assert_cmpuint (sw_project_count (project, SW_KIND_WALK), ==, 1);
      g_assert_nonnull (sw_finding_get_walk_uuid (finding));

      to_widget (sw_finding_get_longitude (finding), sw_finding_get_latitude (finding), &fx, &fy);
      g_assert_cmpfloat_with_epsilon (fx, x, 1.0);
      g_assert_cmpfloat_with_epsilon (fy, y, 1.0);
      e->longitude = sw_finding_get_longitude (finding);
      e->latitude = sw_finding_get_latitude (finding);

      category_row = ADW_COMBO_ROW (find_row (editor, "_Category"));
      g_assert_nonnull (category_row);

      /* The keyboard is on the category, the first thing to choose. */
      {
        GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

        g_assert_nonnull (focus);
        g_assert_true (focus == GTK_WIDGET (category_row) || gtk_widget_is_ancestor (focus, GTK_WIDGET (category_row)));
      }
      adw_combo_row_set_selected (category_row, category_index (e->category));
      g_assert_cmpstr (sw_finding_get_category (finding), ==, e->category);

      if (g_strcmp0 (e->categories, "lighting,passages") == 0)
        {
          check_row ("Tunnels, passages, no alternative routes", TRUE);
          check_row ("Overview, hiding places", TRUE);
          check_row ("Overview, hiding places", FALSE);
        }
      g_assert_cmpstr (sw_finding_get_categories (finding), ==, e->categories);

      /* A safe place has no severity to choose. */
      g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (find_toggle (editor, "High")),
                                                                      ADW_TYPE_PREFERENCES_GROUP))
                     == (e->severity != 0));
      if (e->severity != 0)
        {
          const char *labels[] = { NULL, "Low", "Medium", "High" };

          gtk_toggle_button_set_active (find_toggle (editor, labels[e->severity]), TRUE);
        }
      g_assert_cmpint (sw_finding_get_severity (finding), ==, e->severity);

      gtk_toggle_button_set_active (find_toggle (editor, g_str_equal (e->light, "dark") ? "Darkness" : "Daylight"), TRUE);
      g_assert_cmpstr (sw_finding_get_light (finding), ==, e->light);

      if (e->unsafe_for != NULL)
        {
          g_auto (GStrv) keys = g_strsplit (e->unsafe_for, ",", -1);

          for (guint k = 0; keys[k] != NULL; k++)
            check_row (sw_vocabulary_get_label (SW_VOCABULARY_UNSAFE_FOR, keys[k]), TRUE);
        }
      g_assert_cmpstr (sw_finding_get_unsafe_for (finding), ==, e->unsafe_for);

      /* A burst of typing is one edit, saved after a pause. */
      buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_descendant (editor, GTK_TYPE_TEXT_VIEW)));
      {
        g_autofree char *half = g_strndup (e->note, 10);

        gtk_text_buffer_set_text (buffer, half, -1);
        spin (100);
        gtk_text_buffer_set_text (buffer, e->note, -1);
      }
      g_assert_null (sw_finding_get_note (finding));
      spin (1300);
      g_assert_cmpstr (sw_finding_get_note (finding), ==, e->note);

      /* The photo, turned upright: stored 480 wide and 640 high. */
      add_photo_files (photo_paths[i], NULL);
      photos = sw_project_list_finding_photos (project, finding);
      g_assert_cmpuint (photos->len, ==, 1);
      photo = g_ptr_array_index (photos, 0);
      g_assert_cmpint (sw_photo_get_width (photo), ==, 480);
      g_assert_cmpint (sw_photo_get_height (photo), ==, 640);
      g_assert_cmpint (sw_photo_get_position (photo), ==, 0);
      g_assert_nonnull (sw_photo_get_thumbnail (photo));
      g_assert_nonnull (sw_photo_get_taken_at (photo));
      g_assert_cmpuint (sw_photo_strip_get_n_photos (SW_PHOTO_STRIP (find_descendant (editor, SW_TYPE_PHOTO_STRIP))), ==, 1);
    }

  /* Each value was one step: the last photo, then the note, go back. */
  g_assert_cmpstr (sw_project_get_undo_label (project), ==, "Add Photo");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (count_photos (sw_finding_editor_get_finding (get_editor ())), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_null (sw_finding_get_note (sw_finding_editor_get_finding (get_editor ())));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (sw_finding_get_note (sw_finding_editor_get_finding (get_editor ())), ==, entered[2].note);
  g_assert_cmpuint (count_photos (sw_finding_editor_get_finding (get_editor ())), ==, 1);
}

static GtkDropTarget *
find_file_drop_target (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      /* The map also takes unplaced photos from the sidebar. */
      if (GTK_IS_DROP_TARGET (controller)
          && g_strcmp0 (gtk_event_controller_get_name (GTK_EVENT_CONTROLLER (controller)), "sw-photo-drop") != 0)
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

static gboolean
viewer_is_open (gpointer user_data)
{
  GtkWindow **viewer = user_data;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (SW_IS_PHOTO_VIEWER (l->data) && gtk_widget_get_visible (l->data))
      *viewer = l->data;

  return *viewer != NULL;
}

/* A file that is no image is refused; the photo beside it is added. */
static void
test_photos (void)
{
  SwProject *project = sw_window_get_project (window);
  SwFinding *finding = SW_FINDING (sw_project_lookup (project, SW_KIND_FINDING, entered[0].uuid));
  SwPhotoStrip *strip = SW_PHOTO_STRIP (find_descendant (GTK_WIDGET (get_editor ()), SW_TYPE_PHOTO_STRIP));
  g_autoptr (GPtrArray) photos = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  GtkWindow *viewer = NULL;

  sw_sidebar_show_finding (sw_window_get_sidebar (window), finding);
  g_assert_true (sw_finding_editor_get_finding (get_editor ()) == finding);

  add_photo_files (bad_photo_path, photo_paths[3], NULL);
  g_assert_cmpuint (count_photos (finding), ==, 2);
  g_assert_cmpuint (sw_photo_strip_get_n_photos (strip), ==, 2);

  photos = sw_project_list_finding_photos (project, finding);
  first = g_strdup (sw_feature_get_uuid (g_ptr_array_index (photos, 0)));
  second = g_strdup (sw_feature_get_uuid (g_ptr_array_index (photos, 1)));
  g_clear_pointer (&photos, g_ptr_array_unref);

  /* Move the first to the right: one step, positions 0 and 1. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (strip), "strip.move-right", "i", 0));
  g_assert_cmpstr (sw_project_get_undo_label (project), ==, "Reorder Photos");
  photos = sw_project_list_finding_photos (project, finding);
  g_assert_cmpstr (sw_feature_get_uuid (g_ptr_array_index (photos, 0)), ==, second);
  g_assert_cmpstr (sw_feature_get_uuid (g_ptr_array_index (photos, 1)), ==, first);
  g_assert_cmpint (sw_photo_get_position (g_ptr_array_index (photos, 0)), ==, 0);
  g_assert_cmpint (sw_photo_get_position (g_ptr_array_index (photos, 1)), ==, 1);
  g_clear_pointer (&photos, g_ptr_array_unref);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  photos = sw_project_list_finding_photos (project, finding);
  g_assert_cmpstr (sw_feature_get_uuid (g_ptr_array_index (photos, 0)), ==, first);
  g_clear_pointer (&photos, g_ptr_array_unref);

  /* Drag the second thumbnail onto the first: the same order as above. */
  {
    GtkDropTarget *target = find_file_drop_target (sw_photo_strip_get_thumbnail (strip, 0));
    GValue value = G_VALUE_INIT;
    gboolean dropped = FALSE;

    g_assert_nonnull (target);
    g_value_init (&value, G_TYPE_INT);
    g_value_set_int (&value, 1);
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
    g_assert_true (dropped);
    photos = sw_project_list_finding_photos (project, finding);
    g_assert_cmpstr (sw_feature_get_uuid (g_ptr_array_index (photos, 0)), ==, second);
    g_clear_pointer (&photos, g_ptr_array_unref);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  }

  /* A click on a thumbnail opens the photo large; Right steps, Escape
   * closes. */
  gtk_widget_activate (sw_photo_strip_get_thumbnail (strip, 0));
  g_assert_true (wait_for (viewer_is_open, &viewer, "the photo viewer"));
  g_assert_nonnull (sw_photo_viewer_get_paintable (SW_PHOTO_VIEWER (viewer)));
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (sw_photo_viewer_get_paintable (SW_PHOTO_VIEWER (viewer))), ==, 480);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (sw_photo_viewer_get_paintable (SW_PHOTO_VIEWER (viewer))), ==, 640);
#ifdef GDK_WINDOWING_X11
  if (use_xdotool)
    {
      /* The real key, in the viewer's own window. */
      sw_test_xdotool ("windowfocus %lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (viewer))));
      sw_test_xdotool ("key Right");
    }
  else
#endif
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next", NULL));
  g_assert_cmpuint (sw_photo_viewer_get_index (SW_PHOTO_VIEWER (viewer)), ==, 1);
  g_object_unref (save_screenshot (GTK_WIDGET (viewer), "screenshot-photo-viewer.png"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.close", NULL));
  spin (100);

  /* Remove the second photo and take it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (strip), "strip.remove", "i", 1));
  g_assert_cmpuint (count_photos (finding), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (count_photos (finding), ==, 2);
  g_assert_cmpuint (sw_photo_strip_get_n_photos (strip), ==, 2);
}

/* Drag the second finding 60 px right and 40 px down: one edit. */
static void
test_drag (void)
{
  SwProject *project = sw_window_get_project (window);
  SwFinding *finding = SW_FINDING (sw_project_lookup (project, SW_KIND_FINDING, entered[1].uuid));
  SwFinding *other = SW_FINDING (sw_project_lookup (project, SW_KIND_FINDING, entered[0].uuid));
  double x, y, nx, ny, ox, oy, x_before, y_before;

  to_widget (sw_finding_get_longitude (finding), sw_finding_get_latitude (finding), &x, &y);
  to_widget (sw_finding_get_longitude (other), sw_finding_get_latitude (other), &ox, &oy);
  x = round (x);
  y = round (y);
  x_before = x;
  y_before = y;
  pointer_drag (x, y, x + 60, y + 40);

  to_widget (sw_finding_get_longitude (finding), sw_finding_get_latitude (finding), &nx, &ny);
  g_assert_cmpfloat_with_epsilon (nx, x + 60, 1.5);
  g_assert_cmpfloat_with_epsilon (ny, y + 40, 1.5);
  g_assert_cmpstr (sw_project_get_undo_label (project), ==, "Edit Finding");
  g_assert_true (sw_finding_editor_get_finding (get_editor ()) == finding);

  /* The map did not pan under the drag. */
  to_widget (sw_finding_get_longitude (other), sw_finding_get_latitude (other), &x, &y);
  g_assert_cmpfloat_with_epsilon (x, ox, 0.5);
  g_assert_cmpfloat_with_epsilon (y, oy, 0.5);

  entered[1].longitude = sw_finding_get_longitude (finding);
  entered[1].latitude = sw_finding_get_latitude (finding);

  /* Undo puts it back where it was, also on the map; redo moves it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  to_widget (sw_finding_get_longitude (finding), sw_finding_get_latitude (finding), &nx, &ny);
  g_assert_cmpfloat_with_epsilon (nx, x_before, 1.5);
  g_assert_cmpfloat_with_epsilon (ny, y_before, 1.5);
  spin (300);
  g_assert_true (sw_finding_tool_pick (get_tool (), x_before, y_before) == finding);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  spin (300);
  g_assert_true (sw_finding_tool_pick (get_tool (), x_before + 60, y_before + 40) == finding);
  g_assert_cmpfloat (sw_finding_get_longitude (finding), ==, entered[1].longitude);
}

/* Select the third finding with a click, Delete, and Undo. */
static void
test_delete_and_undo (void)
{
  SwProject *project = sw_window_get_project (window);
  SwFinding *finding = SW_FINDING (sw_project_lookup (project, SW_KIND_FINDING, entered[2].uuid));
  double x, y;

  to_widget (sw_finding_get_longitude (finding), sw_finding_get_latitude (finding), &x, &y);
  click (round (x), round (y));
  g_assert_true (sw_finding_editor_get_finding (get_editor ()) == finding);
  g_assert_true (sw_finding_tool_get_selected (get_tool ()) == finding);

  press_key_at ("Delete", round (x), round (y), "finding.delete");
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 2);
  g_assert_null (sw_project_lookup (project, SW_KIND_FINDING, entered[2].uuid));
  g_assert_null (sw_finding_editor_get_finding (get_editor ()));
  g_assert_null (sw_finding_tool_get_selected (get_tool ()));
  g_assert_null (get_highlighted ());

  press_key_at ("ctrl+z", round (x), round (y), "win.undo");
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 3);
  finding = SW_FINDING (sw_project_lookup (project, SW_KIND_FINDING, entered[2].uuid));
  g_assert_nonnull (finding);
  g_assert_cmpuint (count_photos (finding), ==, 1);

  /* Show it again for the screenshot, once the map has drawn it back:
   * hit-testing answers for what was drawn. */
  spin (300);
  click (round (x), round (y));
  g_assert_true (sw_finding_editor_get_finding (get_editor ()) == finding);
  spin (300);
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-findings.png"));

  /* Escape goes back to the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_editor ()), "editor.close", NULL));
  g_assert_null (sw_finding_editor_get_finding (get_editor ()));
  g_assert_null (sw_finding_tool_get_selected (get_tool ()));
}

static gboolean
has_exif (const guint8 *bytes,
          gsize         size)
{
  for (gsize i = 0; i + 6 <= size; i++)
    if (memcmp (bytes + i, "Exif\0\0", 6) == 0)
      return TRUE;

  return FALSE;
}

/* Core reads the file on its own and finds everything as entered. */
static void
test_read_back (void)
{
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GError) error = NULL;

  project = sw_project_open_with_flags (project_file, SW_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (entered); i++)
    {
      Entered *e = &entered[i];
      SwFinding *finding = SW_FINDING (sw_project_lookup (project, SW_KIND_FINDING, e->uuid));
      g_autoptr (GPtrArray) photos = NULL;
      g_autoptr (GBytes) data = NULL;
      const guint8 *bytes;
      gsize size;

      g_assert_nonnull (finding);
      g_assert_cmpstr (sw_finding_get_category (finding), ==, e->category);
      g_assert_cmpstr (sw_finding_get_categories (finding), ==, e->categories);
      g_assert_cmpint (sw_finding_get_severity (finding), ==, e->severity);
      g_assert_cmpstr (sw_finding_get_light (finding), ==, e->light);
      g_assert_cmpstr (sw_finding_get_unsafe_for (finding), ==, e->unsafe_for);
      g_assert_cmpstr (sw_finding_get_note (finding), ==, e->note);
      g_assert_nonnull (sw_project_lookup (project, SW_KIND_WALK, sw_finding_get_walk_uuid (finding)));
      g_assert_cmpfloat (sw_crs_transform_distance (transform,
                                                    sw_finding_get_longitude (finding), sw_finding_get_latitude (finding),
                                                    e->longitude, e->latitude), <, 1.0);

      photos = sw_project_list_finding_photos (project, finding);
      g_assert_cmpuint (photos->len, ==, i == 0 ? 2 : 1);
      for (guint p = 0; p < photos->len; p++)
        {
          SwPhoto *photo = g_ptr_array_index (photos, p);

          g_assert_cmpint (sw_photo_get_position (photo), ==, p);
          g_assert_cmpint (sw_photo_get_width (photo), ==, 480);
          g_assert_cmpint (sw_photo_get_height (photo), ==, 640);
          g_assert_cmpstr (sw_photo_get_content_type (photo), ==, "image/jpeg");

          /* Stored without any EXIF: no APP1 segment. */
          data = sw_project_load_photo_data (project, photo, &error);
          g_assert_no_error (error);
          bytes = g_bytes_get_data (data, &size);
          g_assert_cmpuint (size, >, 4);
          g_assert_cmpint (bytes[0], ==, 0xff);
          g_assert_cmpint (bytes[1], ==, 0xd8);
          g_assert_false (has_exif (bytes, size));
          g_clear_pointer (&data, g_bytes_unref);
        }
    }

  sw_project_close (project);
}

/* The check button labelled @label among @widget's descendants, or NULL. */
static GtkWidget *
find_check_button (GtkWidget  *widget,
                   const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget)
      && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The note's "Internal" check marks it for the municipality only: one edit,
 * stored, and taken back by undo. */
static void
test_internal_note (void)
{
  SwProject *project = sw_window_get_project (window);
  SwFinding *finding = SW_FINDING (sw_project_lookup (project, SW_KIND_FINDING, entered[1].uuid));
  GtkWidget *check;

  g_assert_nonnull (finding);
  sw_sidebar_show_finding (sw_window_get_sidebar (window), finding);
  spin (200);
  check = find_check_button (GTK_WIDGET (get_editor ()), "_Internal: left out of public exports");
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  g_assert_true (gtk_widget_activate (check));
  spin (200);
  g_assert_true (sw_finding_get_note_internal (finding));
  g_assert_cmpstr (sw_project_get_undo_label (project), ==, "Edit Finding");
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (SwProject) reader = sw_project_open_with_flags (project_file, SW_PROJECT_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    g_assert_true (sw_finding_get_note_internal (SW_FINDING (sw_project_lookup (reader, SW_KIND_FINDING,
                                                                                entered[1].uuid))));
    g_assert_cmpstr (sw_finding_get_note (SW_FINDING (sw_project_lookup (reader, SW_KIND_FINDING, entered[1].uuid))),
                     ==, entered[1].note);
    sw_project_close (reader);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin (200);
  g_assert_false (sw_finding_get_note_internal (finding));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}


static gboolean
has_four_findings (gpointer user_data)
{
  return sw_project_count (sw_window_get_project (window), SW_KIND_FINDING) == 4;
}

/* One photo dropped on the map: a new finding where it fell, with the
 * photo, one undo step. (A folder or several files open Import Photos.) */
static void
test_drop_on_map (void)
{
  SwProject *project = sw_window_get_project (window);
  GtkDropTarget *target = find_file_drop_target (GTK_WIDGET (get_map ()));
  GFile *files[1];
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  double x = gtk_widget_get_width (GTK_WIDGET (get_map ())) / 2.0 - 200;
  double y = gtk_widget_get_height (GTK_WIDGET (get_map ())) / 2.0 + 150;
  double fx, fy;
  SwFinding *finding;

  g_assert_nonnull (target);
  files[0] = g_file_new_for_path (photo_paths[4]);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 1));
  g_signal_emit_by_name (target, "drop", &value, x, y, &dropped);
  g_value_unset (&value);
  g_object_unref (files[0]);
  g_assert_true (dropped);

  g_assert_true (wait_for (has_four_findings, NULL, "the dropped photo's finding"));
  finding = sw_finding_editor_get_finding (get_editor ());
  g_assert_nonnull (finding);
  g_assert_cmpuint (count_photos (finding), ==, 1);
  to_widget (sw_finding_get_longitude (finding), sw_finding_get_latitude (finding), &fx, &fy);
  g_assert_cmpfloat_with_epsilon (fx, x, 1.0);
  g_assert_cmpfloat_with_epsilon (fy, y, 1.0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 3);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), ==, 4);
}

/* Photos dropped on the editor join the finding shown, as one step; one
 * already in the project is not added again. */
static void
test_drop_on_editor (void)
{
  SwProject *project = sw_window_get_project (window);
  SwFinding *finding = SW_FINDING (sw_project_lookup (project, SW_KIND_FINDING, entered[1].uuid));
  GtkDropTarget *target = find_file_drop_target (GTK_WIDGET (get_editor ()));
  GFile *files[2];
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  sw_sidebar_show_finding (sw_window_get_sidebar (window), finding);
  g_assert_nonnull (target);
  g_assert_cmpuint (count_photos (finding), ==, 1);

  /* The first is already in the project: only the second is added. */
  files[0] = g_file_new_for_path (photo_paths[0]);
  files[1] = g_file_new_for_path (photo_paths[5]);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 2));
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &dropped);
  g_value_unset (&value);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  g_assert_true (dropped);
  g_assert_true (wait_for (editor_is_idle, NULL, "the dropped photos"));

  g_assert_cmpuint (count_photos (finding), ==, 2);
  g_assert_cmpstr (sw_project_get_undo_label (project), ==, "Add Photo");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (count_photos (finding), ==, 1);
}

/* ---------------------------------------------------------------------- */

static void
make_photos (void)
{
  const char *exif[] = {
    "EXIF_Orientation=6",
    "EXIF_DateTimeOriginal=2026:11:05 19:42:10",
    NULL
  };

  GDALAllRegister ();
  for (guint i = 0; i < G_N_ELEMENTS (photo_paths); i++)
    {
      g_autofree char *description = g_strdup_printf ("EXIF_ImageDescription=foto %u", i);
      const char *unique_exif[] = { exif[0], exif[1], description, NULL };
      g_autoptr (GBytes) jpeg = sw_test_make_jpeg (640, 480, unique_exif);
      g_autofree char *name = g_strdup_printf ("IMG_%04u.JPG", 1200 + i);
      g_autoptr (GError) error = NULL;

      photo_paths[i] = g_build_filename (tmpdir, name, NULL);
      g_file_set_contents (photo_paths[i], g_bytes_get_data (jpeg, NULL), (gssize) g_bytes_get_size (jpeg), &error);
      g_assert_no_error (error);
    }

  bad_photo_path = g_build_filename (tmpdir, "not-a-photo.jpg", NULL);
  g_assert_true (g_file_set_contents (bad_photo_path, "Mötesanteckningar, inte ett foto.\n", -1, NULL));
}

static void
set_up (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autofree char *path = NULL;
  const char *dirs[] = { "cache", "config", "data" };
  const char *variables[] = { "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME" };

  tmpdir = g_dir_make_tmp ("safetywalk-findings-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (tmpdir, dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (variables[i], dir, TRUE);
    }

  path = g_build_filename (tmpdir, "findings.gpkg", NULL);
  project_file = g_file_new_for_path (path);
  project = sw_project_create (project_file, "Fynd vid resecentrum", "Katrineholm", &error);
  g_assert_no_error (error);
  transform = sw_crs_transform_new (sw_project_get_working_crs (project), &error);
  g_assert_no_error (error);
  sw_project_close (project);

  mbtiles_path = g_build_filename (tmpdir, "tiles.mbtiles", NULL);
  write_mbtiles (mbtiles_path);
  make_photos ();
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

  g_test_add_func ("/findings/open", test_open);
  g_test_add_func ("/findings/add", test_add_findings);
  g_test_add_func ("/findings/photos", test_photos);
  g_test_add_func ("/findings/drag", test_drag);
  g_test_add_func ("/findings/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/findings/read-back", test_read_back);
  g_test_add_func ("/findings/internal-note", test_internal_note);
  g_test_add_func ("/findings/drop-on-map", test_drop_on_map);
  g_test_add_func ("/findings/drop-on-editor", test_drop_on_editor);

  status = g_test_run ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (application)))
    gtk_window_destroy (l->data);
  spin (50);
  g_clear_object (&application);
  g_clear_object (&transform);

  sw_test_remove_tree (tmpdir);
  g_clear_object (&project_file);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&mbtiles_path, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (entered); i++)
    g_clear_pointer (&entered[i].uuid, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (photo_paths); i++)
    g_clear_pointer (&photo_paths[i], g_free);
  g_clear_pointer (&bad_photo_path, g_free);

  return status;
}
