/* The main window under Xvfb: opens the demo project on a map drawn from an
 * MBTiles file the test makes, lists the findings, toggles the sidebar, says
 * when the tile server cannot be reached, refuses a file that is not a
 * project, and keeps one window per project. Screenshots go to the build
 * folder. */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "sw-test-files.h"
#include "sw-test-gui.h"
#include "sw-application.h"
#include "sw-finding-layer.h"
#include "sw-map-transform.h"
#include "sw-mbtiles-source.h"
#include "sw-vocabulary.h"
#include "sw-project.h"
#include "sw-window.h"


static SwApplication *application;
static char *tmpdir;
static GFile *demo_file;
static char *mbtiles_path;
static guint n_fixture_tiles;

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */

static GPtrArray *
list_windows (void)
{
  GPtrArray *windows = g_ptr_array_new ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    if (SW_IS_WINDOW (l->data))
      g_ptr_array_add (windows, l->data);

  return windows;
}

static SwWindow *
find_window (GFile *file)
{
  return sw_application_find_window (application, file);
}

static void
open_file (GFile *file)
{
  g_application_open (G_APPLICATION (application), &file, 1, "");
}

static gboolean
window_has_project (gpointer user_data)
{
  return sw_window_get_project (user_data) != NULL;
}

/* Renders @widget as the window's renderer draws it and saves a PNG in the
 * build folder, for a person to look at. */
/* The share of pixels in @texture within a few steps of #f2efe9, the land
 * colour of the fixture's tiles. */
static double
fraction_of_tile_colour (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  guint n_land = 0;

  gdk_texture_download (texture, pixels, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        /* Cairo ARGB32 in memory order on little-endian: B, G, R, A. */
        const guchar *p = pixels + y * stride + x * 4;

        if (ABS (p[2] - 0xf2) <= 3 && ABS (p[1] - 0xef) <= 3 && ABS (p[0] - 0xe9) <= 3)
          n_land++;
      }

  return (double) n_land / (width * height);
}

/* ---------------------------------------------------------------------- */
/* The MBTiles fixture                                                    */

static GBytes *
draw_tile (int zoom,
           int x,
           int y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GBytes) png = NULL;
  char label[64];

  /* Land colour as on OpenStreetMap, a block pattern for streets, and the
   * tile's address so a screenshot shows where tiles came from. */
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

  cairo_set_source_rgb (cr, 0.8, 0.79, 0.77);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0.5, 0.5, 255, 255);
  cairo_stroke (cr);

  g_snprintf (label, sizeof label, "%d/%d/%d", zoom, x, y);
  cairo_set_source_rgb (cr, 0.55, 0.54, 0.52);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  cairo_move_to (cr, 8, 20);
  cairo_show_text (cr, label);

  cairo_destroy (cr);
  png = sw_test_png_from_surface (surface);
  cairo_surface_destroy (surface);

  return g_steal_pointer (&png);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s: %s", sql, message);
}

/* Tiles for zoom 0 to 16 over the project's extent and a margin around it. */
static void
write_mbtiles (const char *path,
               SwBounds   *bounds)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  double west = sw_bounds_get_west (bounds) - 0.02;
  double east = sw_bounds_get_east (bounds) + 0.02;
  double south = sw_bounds_get_south (bounds) - 0.01;
  double north = sw_bounds_get_north (bounds) + 0.01;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db,
            "CREATE TABLE metadata (name TEXT, value TEXT);"
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
            "                    tile_row INTEGER, tile_data BLOB);"
            "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
            "INSERT INTO metadata VALUES ('name', 'Test tiles'), ('format', 'png'),"
            "  ('minzoom', '0'), ('maxzoom', '16'), ('type', 'baselayer'),"
            "  ('attribution', '<a href=\"https://example.org\">Test tiles</a> &copy; test-window');"
            "BEGIN;");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &insert, NULL),
                   ==, SQLITE_OK);

  for (int zoom = 0; zoom <= 16; zoom++)
    {
      double n = exp2 (zoom);
      int x0 = (int) floor (sw_mercator_x (west) * n);
      int x1 = (int) floor (sw_mercator_x (east) * n);
      int y0 = (int) floor (sw_mercator_y (north) * n);
      int y1 = (int) floor (sw_mercator_y (south) * n);

      for (int x = x0; x <= x1; x++)
        for (int y = y0; y <= y1; y++)
          {
            g_autoptr (GBytes) png = draw_tile (zoom, x, y);
            gsize size;
            const void *data = g_bytes_get_data (png, &size);

            sqlite3_bind_int (insert, 1, zoom);
            sqlite3_bind_int (insert, 2, x);
            sqlite3_bind_int (insert, 3, (1 << zoom) - 1 - y);
            sqlite3_bind_blob (insert, 4, data, (int) size, SQLITE_TRANSIENT);
            g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
            sqlite3_reset (insert);
            n_fixture_tiles++;
          }
    }

  sqlite3_finalize (insert);
  exec_sql (db, "COMMIT;");
  sqlite3_close (db);
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                  */

static gboolean
tiles_served (gpointer user_data)
{
  SwWindow *window = user_data;
  SwBasemapSource *basemap = sw_window_get_basemap_source (window);

  return sw_basemap_source_get_n_served (basemap) >= 4;
}

static void
test_open_demo (void)
{
  g_autoptr (GPtrArray) windows = NULL;
  SwWindow *window;
  SwProject *project;
  SwBasemapSource *basemap;
  GListModel *rows;
  guint n_finding_rows = 0;
  guint n_walk_rows = 0;
  g_autoptr (GdkTexture) screenshot = NULL;
  GtkWidget *finding_layer;
  double land;

  if (demo_file == NULL)
    {
      g_test_skip ("The demo project is not built");
      return;
    }

  open_file (demo_file);
  window = find_window (demo_file);
  g_assert_nonnull (window);
  g_assert_true (wait_for (window_has_project, window, "the demo project to open"));

  windows = list_windows ();
  g_assert_cmpuint (windows->len, ==, 1);

  project = sw_window_get_project (window);
  g_assert_true (sw_project_is_open (project));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), >, 0);

  /* The map draws tiles from the MBTiles fixture, not the network. */
  basemap = sw_window_get_basemap_source (window);
  g_assert_true (SW_IS_MBTILES_SOURCE (sw_basemap_source_get_tiles (basemap)));
  g_assert_true (wait_for (tiles_served, window, "tiles from the MBTiles file"));
  g_assert_null (sw_basemap_source_get_problem (basemap));

  /* Each finding of the demo is one row, under its walk. */
  rows = sw_sidebar_get_rows (sw_window_get_sidebar (window));
  g_assert_nonnull (rows);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (GObject) item = gtk_tree_list_row_get_item (row);

      if (SW_IS_FINDING (item))
        {
          g_assert_cmpuint (gtk_tree_list_row_get_depth (row), ==, 1);
          n_finding_rows++;
        }
      else if (SW_IS_WALK (item))
        n_walk_rows++;
    }
  g_assert_cmpuint (n_walk_rows, ==, sw_project_count (project, SW_KIND_WALK));
  g_assert_cmpuint (n_finding_rows, ==, sw_project_count (project, SW_KIND_FINDING));

  /* Let the fit to the project and the tiles settle before the picture. */
  spin (500);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  screenshot = save_screenshot (GTK_WIDGET (window), "screenshot-window.png");

  /* The map fits the project: every finding is in view and drawn, over
   * tiles from the fixture that cover much of the window. */
  finding_layer = find_descendant (GTK_WIDGET (sw_window_get_map (window)), SW_TYPE_FINDING_LAYER);
  g_assert_nonnull (finding_layer);
  g_assert_cmpuint (sw_finding_layer_get_n_drawn (SW_FINDING_LAYER (finding_layer)),
                    ==, sw_project_count (project, SW_KIND_FINDING));
  land = fraction_of_tile_colour (screenshot);
  g_test_message ("Tile background covers %.0f%% of the window", land * 100);
  g_assert_cmpfloat (land, >, 0.2);
}

static void
test_toggle_sidebar (void)
{
  SwWindow *window;
  AdwFlap *flap;
  gboolean visible;

  if (demo_file == NULL || (window = find_window (demo_file)) == NULL)
    {
      g_test_skip ("No window with the demo project");
      return;
    }

  flap = ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (sw_window_get_sidebar (window)), ADW_TYPE_FLAP));
  g_assert_nonnull (flap);

  g_object_get (window, "sidebar-visible", &visible, NULL);
  g_assert_true (visible);
  g_assert_true (adw_flap_get_reveal_flap (flap));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  g_object_get (window, "sidebar-visible", &visible, NULL);
  g_assert_false (visible);
  g_assert_false (adw_flap_get_reveal_flap (flap));

  spin (400);
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-window-no-sidebar.png"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  g_object_get (window, "sidebar-visible", &visible, NULL);
  g_assert_true (visible);
  g_assert_true (adw_flap_get_reveal_flap (flap));
}

static guint
count_finding_rows (GListModel *rows)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (GObject) item = gtk_tree_list_row_get_item (row);

      if (SW_IS_FINDING (item))
        n++;
    }
  return n;
}

/* The search keeps the findings whose note or category holds the text,
 * whatever its case. */
static void
test_search_findings (void)
{
  GListModel *findings;
  GtkWidget *sidebar;
  GtkWidget *entry;
  SwWindow *window;
  guint expected = 0;

  if (demo_file == NULL || (window = find_window (demo_file)) == NULL)
    {
      g_test_skip ("No window with the demo project");
      return;
    }

  findings = sw_project_get_findings (sw_window_get_project (window));
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *note = g_utf8_casefold (sw_finding_get_note (finding) ? sw_finding_get_note (finding) : "", -1);

      const char *category = sw_finding_get_category (finding);
      g_autofree char *label = g_utf8_casefold (category ? sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, category) : "", -1);

      g_auto (GStrv) further = g_strsplit (sw_finding_get_categories (finding) ? sw_finding_get_categories (finding) : "", ",", -1);
      gboolean match = strstr (note, "tunnel") != NULL || strstr (label, "tunnel") != NULL;

      for (guint j = 0; !match && further[j] != NULL; j++)
        {
          g_autofree char *further_label = g_utf8_casefold (sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, further[j]) ? sw_vocabulary_get_label (SW_VOCABULARY_CATEGORY, further[j]) : "", -1);

          match = strstr (further_label, "tunnel") != NULL;
        }
      if (match)
        expected++;
    }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, g_list_model_get_n_items (findings));

  sidebar = GTK_WIDGET (sw_window_get_sidebar (window));
  entry = find_descendant (sidebar, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);

  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.search", NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry), "TUNNEL");
  spin (500);
  g_assert_cmpuint (count_finding_rows (sw_sidebar_get_rows (SW_SIDEBAR (sidebar))), ==, expected);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  spin (500);
  g_assert_cmpuint (count_finding_rows (sw_sidebar_get_rows (SW_SIDEBAR (sidebar))),
                    ==, g_list_model_get_n_items (findings));
}

/* What one SQL count on the project file says, with @text bound to ?1. */
static guint
count_in_file (GFile      *file,
               const char *sql,
               const char *text)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3_stmt *statement = NULL;
  sqlite3 *db = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (statement, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return n;
}

static guint
count_walk_rows (GListModel *rows)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (GObject) item = gtk_tree_list_row_get_item (row);

      if (SW_IS_WALK (item))
        n++;
    }
  return n;
}

/* The status page with @title among @widget's descendants, or NULL. */
static GtkWidget *
find_status_page (GtkWidget  *widget,
                  const char *title)
{
  if (ADW_IS_STATUS_PAGE (widget)
      && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_status_page (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

#define FINDINGS_ON_WALKS "SELECT count(*) FROM findings WHERE walk_uuid IN (SELECT uuid FROM walks)"

/* The filters keep the findings of a category (first or further), a
 * severity, a light and a walk, as counted in the file with SQL; when
 * nothing is left the list says so and one button shows everything again. */
static void
test_filter_findings (void)
{
  GtkWidget *sidebar;
  GtkWidget *entry;
  GtkWidget *no_match;
  GtkWidget *button;
  GListModel *rows;
  SwWindow *window;
  g_autoptr (SwWalk) walk = NULL;
  guint all, expected;

  if (demo_file == NULL || (window = find_window (demo_file)) == NULL)
    {
      g_test_skip ("No window with the demo project");
      return;
    }

  sidebar = GTK_WIDGET (sw_window_get_sidebar (window));
  rows = sw_sidebar_get_rows (SW_SIDEBAR (sidebar));
  all = count_in_file (demo_file, FINDINGS_ON_WALKS, NULL);
  g_assert_cmpuint (count_finding_rows (rows), ==, all);

  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.filter-severity", "i", 3));
  spin (200);
  expected = count_in_file (demo_file, FINDINGS_ON_WALKS " AND severity = 3", NULL);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, all);
  g_assert_cmpuint (count_finding_rows (rows), ==, expected);

  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.filter-light", "s", "dark"));
  spin (200);
  expected = count_in_file (demo_file, FINDINGS_ON_WALKS " AND severity = 3 AND light = 'dark'", NULL);
  g_assert_cmpuint (count_finding_rows (rows), ==, expected);
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-filter.png"));

  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.clear-filters", NULL));
  spin (200);
  g_assert_cmpuint (count_finding_rows (rows), ==, all);

  /* A category matches further categories as well as the first. */
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.filter-category", "s", "vegetation"));
  spin (200);
  expected = count_in_file (demo_file,
                            FINDINGS_ON_WALKS " AND (category = ?1 OR ',' || categories || ',' LIKE '%,' || ?1 || ',%')",
                            "vegetation");
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (count_finding_rows (rows), ==, expected);
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.clear-filters", NULL));

  /* A walk filter leaves that walk alone in the list. */
  walk = g_list_model_get_item (sw_project_get_walks (sw_window_get_project (window)), 0);
  g_assert_nonnull (walk);
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.filter-walk", "s",
                                             sw_feature_get_uuid (SW_FEATURE (walk))));
  spin (200);
  g_assert_cmpuint (count_walk_rows (rows), ==, 1);
  g_assert_cmpuint (count_finding_rows (rows), ==,
                    count_in_file (demo_file, "SELECT count(*) FROM findings WHERE walk_uuid = ?1",
                                   sw_feature_get_uuid (SW_FEATURE (walk))));

  /* Nothing left: the list says so, and its button clears everything. */
  entry = find_descendant (sidebar, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "ingenting sådant finns");
  spin (500);
  g_assert_cmpuint (count_finding_rows (rows), ==, 0);
  no_match = find_status_page (sidebar, "No Findings Match");
  g_assert_nonnull (no_match);
  g_assert_true (gtk_widget_get_mapped (no_match));
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-filter-no-match.png"));

  button = find_descendant (no_match, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin (500);
  g_assert_false (gtk_widget_get_mapped (no_match));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (count_walk_rows (rows), ==, sw_project_count (sw_window_get_project (window), SW_KIND_WALK));
  g_assert_cmpuint (count_finding_rows (rows), ==, all);
}

/* Moving the selection through the list (as the arrow keys do) selects
 * each finding on the map and keeps the list in view. */
static void
test_selection_follows (void)
{
  GtkWidget *sidebar;
  GtkWidget *list_view;
  GtkSingleSelection *selection;
  SwFindingTool *tool;
  SwWindow *window;
  guint found = 0;

  if (demo_file == NULL || (window = find_window (demo_file)) == NULL)
    {
      g_test_skip ("No window with the demo project");
      return;
    }

  sidebar = GTK_WIDGET (sw_window_get_sidebar (window));
  list_view = find_descendant (sidebar, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list_view);
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list_view)));
  tool = sw_window_get_finding_tool (window);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)) && found < 2; i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_autoptr (GObject) item = gtk_tree_list_row_get_item (row);

      if (!SW_IS_FINDING (item))
        continue;
      gtk_single_selection_set_selected (selection, i);
      spin (200);
      g_assert_true (G_OBJECT (sw_finding_tool_get_selected (tool)) == item);
      g_assert_true (gtk_widget_get_mapped (list_view));
      found++;
    }
  g_assert_cmpuint (found, ==, 2);
}

/* An edit made elsewhere (as the finding editor will) is undone and redone
 * with the window's actions, and the sidebar row follows. */
static void
test_undo_redo (void)
{
  g_autoptr (SwFinding) finding = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *original = NULL;
  SwProject *project;
  SwWindow *window;

  if (demo_file == NULL || (window = find_window (demo_file)) == NULL)
    {
      g_test_skip ("No window with the demo project");
      return;
    }

  project = sw_window_get_project (window);
  g_assert_false (sw_project_can_undo (project));
  /* Nothing to undo: the action is off and does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);

  finding = g_list_model_get_item (sw_project_get_findings (project), 0);
  original = g_strdup (sw_finding_get_note (finding));

  g_assert_true (sw_project_edit (project, SW_FEATURE (finding), &error,
                                  "note", "Lampan vid trappan är trasig", NULL));
  g_assert_no_error (error);
  g_assert_cmpstr (sw_finding_get_note (finding), ==, "Lampan vid trappan är trasig");
  g_assert_true (sw_project_can_undo (project));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (sw_finding_get_note (finding), ==, original);
  g_assert_true (sw_project_can_redo (project));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpstr (sw_finding_get_note (finding), ==, "Lampan vid trappan är trasig");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (sw_finding_get_note (finding), ==, original);
}

static gboolean
basemap_has_problem (gpointer user_data)
{
  SwWindow *window = user_data;

  return sw_basemap_source_get_problem (sw_window_get_basemap_source (window)) != NULL;
}

static gboolean
basemap_has_no_problem (gpointer user_data)
{
  SwWindow *window = user_data;

  return sw_basemap_source_get_problem (sw_window_get_basemap_source (window)) == NULL
         && sw_basemap_source_get_n_served (sw_window_get_basemap_source (window)) > 0;
}

/* A tile server nobody answers on, as when the laptop is offline: the map
 * says so, and stops saying so when tiles come again. */
static void
test_unreachable_tile_server (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  SwWindow *window;

  if (demo_file == NULL || (window = find_window (demo_file)) == NULL)
    {
      g_test_skip ("No window with the demo project");
      return;
    }

  g_settings_delay (settings);
  g_settings_set_string (settings, "basemap-url", "http://127.0.0.1:9/{z}/{x}/{y}.png");
  g_settings_set_string (settings, "basemap-source", "xyz");
  g_settings_apply (settings);

  g_assert_true (wait_for (basemap_has_problem, window, "the map to report the unreachable server"));
  g_test_message ("Problem shown: %s", sw_basemap_source_get_problem (sw_window_get_basemap_source (window)));

  spin (400);
  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-window-offline.png"));

  /* Still delayed since the first change. */
  g_settings_set_string (settings, "basemap-source", "mbtiles");
  g_settings_apply (settings);
  g_assert_true (wait_for (basemap_has_no_problem, window, "tiles from the MBTiles file again"));
}

static void
test_open_same_file_twice (void)
{
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GFile) same = NULL;
  g_autofree char *path = NULL;
  SwWindow *window;

  if (demo_file == NULL || (window = find_window (demo_file)) == NULL)
    {
      g_test_skip ("No window with the demo project");
      return;
    }

  before = list_windows ();

  /* The same file by another path still is the same file. */
  path = g_build_filename (tmpdir, ".", "demo.gpkg", NULL);
  same = g_file_new_for_path (path);
  open_file (same);
  spin (200);

  after = list_windows ();
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_true (find_window (same) == window);
  g_assert_true (sw_window_get_project (window) != NULL);
}

typedef struct
{
  GtkWindow *parent;
  AdwMessageDialog *dialog;
} DialogSearch;

static gboolean
find_message_dialog (gpointer user_data)
{
  DialogSearch *search = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel)
          && gtk_window_get_transient_for (toplevel) == search->parent)
        {
          search->dialog = ADW_MESSAGE_DIALOG (toplevel);
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_open_not_a_project (void)
{
  static const char content[] = "Walk notes, not a GeoPackage.\n";
  g_autofree char *path = g_build_filename (tmpdir, "notes.gpkg", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *read_back = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) windows = NULL;
  DialogSearch search = { NULL, NULL };
  g_autofree char *text = NULL;
  SwWindow *window;

  g_assert_true (g_file_set_contents (path, content, -1, NULL));

  open_file (file);
  window = find_window (file);
  g_assert_nonnull (window);

  search.parent = GTK_WINDOW (window);
  g_assert_true (wait_for (find_message_dialog, &search, "an error dialog"));

  /* The message names the file, and the window shows no project. */
  text = g_strconcat (adw_message_dialog_get_heading (search.dialog), "\n",
                      adw_message_dialog_get_body (search.dialog), NULL);
  g_test_message ("Error shown: %s", text);
  g_assert_nonnull (strstr (text, "notes.gpkg"));
  g_assert_null (sw_window_get_project (window));
  g_assert_true (sw_window_is_empty (window));

  g_object_unref (save_screenshot (GTK_WIDGET (search.dialog), "screenshot-open-error.png"));

  /* Nothing on disk changed. */
  g_assert_true (g_file_get_contents (path, &read_back, NULL, NULL));
  g_assert_cmpstr (read_back, ==, content);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  adw_message_dialog_response (search.dialog, "close");
  gtk_window_destroy (GTK_WINDOW (search.dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);

  windows = list_windows ();
  g_assert_cmpuint (windows->len, ==, 1);
}

/* A project dropped onto the window from the file manager opens in a window
 * of its own; other files are refused. */
static void
test_drop_project (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "dropped.gpkg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SwProject) created = NULL;
  g_autoptr (GListModel) controllers = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GError) error = NULL;
  GtkDropTarget *drop_target = NULL;
  GdkFileList *file_list;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  SwWindow *window;
  SwWindow *dropped_window;

  if (demo_file == NULL || (window = find_window (demo_file)) == NULL)
    {
      g_test_skip ("No window with the demo project");
      return;
    }

  created = sw_project_create (file, "Dropped", "Katrineholm", &error);
  g_assert_no_error (error);
  sw_project_close (created);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop_target == NULL; i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        drop_target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (drop_target);

  before = list_windows ();
  file_list = gdk_file_list_new_from_array (&file, 1);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, file_list);
  g_signal_emit_by_name (drop_target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  dropped_window = find_window (file);
  g_assert_nonnull (dropped_window);
  g_assert_true (dropped_window != window);
  g_assert_true (wait_for (window_has_project, dropped_window, "the dropped project to open"));
  after = list_windows ();
  g_assert_cmpuint (after->len, ==, before->len + 1);

  gtk_window_destroy (GTK_WINDOW (dropped_window));
  spin (50);
}

typedef struct
{
  GType type;
  GtkWindow *found;
} ToplevelSearch;

static gboolean
find_toplevel (gpointer user_data)
{
  ToplevelSearch *search = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, search->type)
          && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        {
          search->found = toplevel;
          return TRUE;
        }
    }

  return FALSE;
}

/* Activates an app action that opens a window of @type and screenshots it. */
static GtkWindow *
open_dialog (const char *action,
             GType       type,
             const char *screenshot)
{
  ToplevelSearch search = { type, NULL };

  g_action_group_activate_action (G_ACTION_GROUP (application), action, NULL);
  g_assert_true (wait_for (find_toplevel, &search, action));
  spin (300);
  g_object_unref (save_screenshot (GTK_WIDGET (search.found), screenshot));

  return search.found;
}

static void
test_preferences (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *source = NULL;
  GtkWindow *preferences;
  AdwEntryRow *url_row = NULL;
  GtkWidget *widget;

  preferences = open_dialog ("preferences", ADW_TYPE_PREFERENCES_WINDOW, "screenshot-preferences.png");

  /* An address without the tile placeholders is refused, and nothing
   * changes. */
  for (widget = GTK_WIDGET (preferences); widget != NULL;)
    {
      if (ADW_IS_ENTRY_ROW (widget))
        {
          url_row = ADW_ENTRY_ROW (widget);
          break;
        }
      if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != NULL && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          if (widget != NULL)
            widget = gtk_widget_get_next_sibling (widget);
        }
    }
  g_assert_nonnull (url_row);

  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://tiles.example.org/map.png");
  g_signal_emit_by_name (url_row, "apply");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (url_row), "error"));
  source = g_settings_get_string (settings, "basemap-source");
  g_assert_cmpstr (source, ==, "mbtiles");

  gtk_window_destroy (preferences);
}

static void
test_dialogs (void)
{
  GtkWindow *dialog;

  dialog = open_dialog ("about", ADW_TYPE_ABOUT_WINDOW, "screenshot-about.png");
  gtk_window_destroy (dialog);

  dialog = open_dialog ("shortcuts", GTK_TYPE_SHORTCUTS_WINDOW, "screenshot-shortcuts.png");
  gtk_window_destroy (dialog);

  /* New Project asks for a title before it goes on. */
  dialog = open_dialog ("new-project", ADW_TYPE_MESSAGE_DIALOG, "screenshot-new-project.png");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  gtk_window_destroy (dialog);
}

/* ---------------------------------------------------------------------- */

static gboolean
copy_demo (void)
{
  const char *source = g_getenv ("SW_DEMO_PROJECT");
  g_autofree char *path = g_build_filename (tmpdir, "demo.gpkg", NULL);
  g_autoptr (GFile) from = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwBounds) bounds = NULL;

  if (source == NULL || !g_file_test (source, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  /* A copy, so the build's demo never changes under the test. */
  from = g_file_new_for_path (source);
  demo_file = g_file_new_for_path (path);
  g_assert_true (g_file_copy (from, demo_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  project = sw_project_open (demo_file, &error);
  g_assert_no_error (error);
  bounds = sw_project_get_bounds (project);
  g_assert_false (sw_bounds_is_empty (bounds));
  sw_project_close (project);

  mbtiles_path = g_build_filename (tmpdir, "katrineholm.mbtiles", NULL);
  write_mbtiles (mbtiles_path, bounds);
  g_test_message ("MBTiles fixture: %u tiles in %s", n_fixture_tiles, mbtiles_path);

  return TRUE;
}

static void
set_up_environment (void)
{
  g_autoptr (GError) error = NULL;
  const char *dirs[] = { "cache", "config", "data" };
  const char *variables[] = { "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME" };

  tmpdir = g_dir_make_tmp ("safetywalk-gui-XXXXXX", &error);
  g_assert_no_error (error);

  /* Recent files and libshumate's tile cache stay in the temporary folder. */
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (tmpdir, dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (variables[i], dir, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  set_up_environment ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* One line per tile request drowns the test's own messages. */
  g_log_set_debug_enabled (FALSE);

  if (copy_demo ())
    {
      settings = g_settings_new (APPLICATION_ID);
      g_settings_set_string (settings, "basemap-mbtiles", mbtiles_path);
      g_settings_set_string (settings, "basemap-source", "mbtiles");
    }

  application = sw_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/window/open-demo", test_open_demo);
  g_test_add_func ("/window/toggle-sidebar", test_toggle_sidebar);
  g_test_add_func ("/window/search-findings", test_search_findings);
  g_test_add_func ("/window/filter-findings", test_filter_findings);
  g_test_add_func ("/window/selection-follows", test_selection_follows);
  g_test_add_func ("/window/undo-redo", test_undo_redo);
  g_test_add_func ("/window/unreachable-tile-server", test_unreachable_tile_server);
  g_test_add_func ("/window/open-same-file-twice", test_open_same_file_twice);
  g_test_add_func ("/window/open-not-a-project", test_open_not_a_project);
  g_test_add_func ("/window/drop-project", test_drop_project);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add_func ("/window/dialogs", test_dialogs);

  status = g_test_run ();

  {
    g_autoptr (GPtrArray) windows = list_windows ();

    for (guint i = 0; i < windows->len; i++)
      gtk_window_destroy (g_ptr_array_index (windows, i));
  }
  spin (50);
  g_clear_object (&application);
  g_clear_object (&demo_file);

  sw_test_remove_tree (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&mbtiles_path, g_free);

  return status;
}
