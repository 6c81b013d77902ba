/* Tracks and merging in a real window under Xvfb, on a copy of the demo
 * project: a GPX track imported for the walk and drawn on the map; a
 * municipality's KML dropped on the map and imported as findings; a
 * volunteer copy edited on both sides and merged back through the review
 * dialog, one conflict settled "take theirs", the other kept; the file read
 * back; Undo Merge. Screenshots of the track and the review dialog go to
 * the build folder. */
#define G_LOG_DOMAIN "test-merge-gui"

#include "config.h"

#include <cairo.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sw-test-files.h"
#include "sw-test-gui.h"
#include "sw-application.h"
#include "sw-map-transform.h"
#include "sw-merge.h"
#include "sw-merge-dialog.h"
#include "sw-project.h"
#include "sw-track-layer.h"
#include "sw-window.h"

/* Katrineholm, where the demo walk is. */
#define CENTER_LATITUDE  58.9962
#define CENTER_LONGITUDE 16.2080

static SwApplication *application;
static SwWindow *window;
static char *tmpdir;
static GFile *master_file;
static GFile *copy_file;
static char *mbtiles_path;
static char *walk_uuid;
static char *stop_uuid;
static char *finding_uuid;

/* A light grey basemap with a faint grid, so nothing reaches for the
 * network. */
/* A plain light tile with a faint border. */
static GBytes *
draw_tile (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GBytes) png = NULL;

  cairo_set_source_rgb (cr, 0.94, 0.93, 0.91);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.86, 0.85, 0.83);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, 0.5, 0.5, 255, 255);
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

static gboolean
window_has_project (gpointer user_data)
{
  return sw_window_get_project (window) != NULL;
}

static gboolean
has_track (gpointer user_data)
{
  return sw_project_count (sw_window_get_project (window), SW_KIND_TRACK) == 1;
}

static SwMergeDialog *
find_merge_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (SW_IS_MERGE_DIALOG (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        return SW_MERGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
merge_dialog_shown (gpointer user_data)
{
  return find_merge_dialog () != NULL;
}

static gboolean
finding_merged (gpointer user_data)
{
  return sw_project_lookup (sw_window_get_project (window), SW_KIND_FINDING, finding_uuid) != NULL;
}

static gboolean
finding_gone (gpointer user_data)
{
  return sw_project_lookup (sw_window_get_project (window), SW_KIND_FINDING, finding_uuid) == NULL;
}

static gboolean
toggle_is_active (gpointer user_data)
{
  return gtk_toggle_button_get_active (user_data);
}

static GtkDropTarget *
find_file_drop_target (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      /* The map also takes unplaced photos from the sidebar. */
      if (GTK_IS_DROP_TARGET (controller) &&
          g_strcmp0 (gtk_event_controller_get_name (GTK_EVENT_CONTROLLER (controller)), "sw-photo-drop") != 0)
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* Drops @path on the middle of the map as a file manager would. */
static void
drop_on_map (const char *path)
{
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (sw_window_get_map (window)));
  GtkDropTarget *target = find_file_drop_target (map);
  GFile *files[1] = { g_file_new_for_path (path) };
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 1));
  g_signal_emit_by_name (target, "drop", &value, gtk_widget_get_width (map) / 2.0,
                         gtk_widget_get_height (map) / 2.0, &dropped);
  g_value_unset (&value);
  g_object_unref (files[0]);
  g_assert_true (dropped);
}

/* The message dialog whose heading starts with @heading, once shown. */
static AdwMessageDialog *
find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_mapped (GTK_WIDGET (toplevel)) &&
          g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), heading))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer heading)
{
  return find_message_dialog (heading) != NULL;
}

static gboolean
has_findings (gpointer user_data)
{
  return sw_project_count (sw_window_get_project (window), SW_KIND_FINDING) >= GPOINTER_TO_UINT (user_data);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
edit (SwProject  *project,
      SwKind      kind,
      const char *uuid,
      const char *property,
      const char *value)
{
  g_autoptr (GError) error = NULL;

  /* Timestamps are milliseconds: keep edits apart from the copy's time. */
  g_usleep (5000);
  g_assert_true (sw_project_edit (project, sw_project_lookup (project, kind, uuid), &error, property, value, NULL));
  g_assert_no_error (error);
}

static void
test_open (void)
{
  g_application_open (G_APPLICATION (application), &master_file, 1, "");
  window = sw_application_find_window (application, master_file);
  g_assert_nonnull (window);
  g_assert_true (wait_for (window_has_project, NULL, "the project to open"));
}

/* A GPX track for the walk, through the same action the menu and a drop
 * use; the track layer draws it. */
static void
test_import_track (void)
{
  g_autofree char *gpx_path = g_build_filename (tmpdir, "spår.gpx", NULL);
  GString *body = g_string_new ("<?xml version=\"1.0\"?><gpx version=\"1.1\" "
                                "xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>Kvällen</name><trkseg>");
  GtkWidget *layer;
  ShumateViewport *viewport;

  /* The group walked the first planned route, a few metres beside it,
   * a point every 20 s. */
  {
    g_autoptr (SwRoute) route = g_list_model_get_item (sw_project_get_routes (sw_window_get_project (window)), 0);
    GVariant *points = sw_route_get_points (route);
    guint n = g_variant_n_children (points);
    guint k = 0;

    for (guint i = 0; i + 1 < n; i++)
      {
        double lon0, lat0, lon1, lat1;

        g_variant_get_child (points, i, "(dd)", &lon0, &lat0);
        g_variant_get_child (points, i + 1, "(dd)", &lon1, &lat1);
        for (int step = 0; step < 4; step++, k++)
          {
            double t = step / 4.0;
            double wobble = 0.00012 * sin (k * 0.9);

            g_string_append_printf (body,
                                    "<trkpt lat=\"%.6f\" lon=\"%.6f\"><time>2026-10-15T%02u:%02u:%02uZ</time></trkpt>",
                                    lat0 + (lat1 - lat0) * t + 0.00008 + wobble,
                                    lon0 + (lon1 - lon0) * t + 0.00010 - wobble, 17 + k / 180, (k / 3) % 60,
                                    (k % 3) * 20);
          }
      }
  }
  g_string_append (body, "</trkseg></trk></gpx>");
  g_assert_true (g_file_set_contents (gpx_path, body->str, -1, NULL));
  g_string_free (body, TRUE);

  /* Dropped on the map, as from a file manager. */
  drop_on_map (gpx_path);
  g_assert_true (wait_for (has_track, NULL, "the track to be imported"));

  layer = find_descendant (GTK_WIDGET (window), SW_TYPE_TRACK_LAYER);
  g_assert_nonnull (layer);
  g_assert_cmpuint (sw_track_layer_get_n_tracks (SW_TRACK_LAYER (layer)), ==, 1);

  viewport = shumate_simple_map_get_viewport (sw_window_get_map (window));
  shumate_viewport_set_zoom_level (viewport, 15.5);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), CENTER_LATITUDE, CENTER_LONGITUDE);
  spin (500);
  g_object_unref (save_screenshot (GTK_WIDGET (window), "merge-track.png"));
}

/* A municipality's citizen reports dropped on the map: asked what they
 * become, imported as findings with their attributes in the note, the one
 * without a position listed by name. */
static void
test_import_kml (void)
{
  g_autofree char *kml_path = g_build_filename (tmpdir, "medborgardialog.kml", NULL);
  SwProject *project = sw_window_get_project (window);
  guint before = sw_project_count (project, SW_KIND_FINDING);
  AdwMessageDialog *dialog;
  g_autoptr (SwFinding) last = NULL;
  GListModel *findings;

  g_assert_true (g_file_set_contents (
    kml_path,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>"
    "<Placemark><name>Buskar skymmer gångvägen</name>"
    "<ExtendedData><Data name=\"ärende\"><value>2026-1042</value></Data></ExtendedData>"
    "<Point><coordinates>16.2092,58.9958</coordinates></Point></Placemark>"
    "<Placemark><name>Ingen plats angiven</name><Point><coordinates>0,0</coordinates></Point></Placemark>"
    "</Document></kml>", -1, NULL));

  drop_on_map (kml_path);
  g_assert_true (wait_for (message_dialog_shown, (gpointer) "Import “", "the import options"));
  dialog = find_message_dialog ("Import “");
  spin (200);
  g_object_unref (save_screenshot (GTK_WIDGET (dialog), "import-options.png"));
  adw_message_dialog_response (dialog, "import");

  g_assert_true (wait_for (has_findings, GUINT_TO_POINTER (before + 1), "the finding to be imported"));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, before + 1);
  findings = sw_project_get_findings (project);
  last = g_list_model_get_item (findings, g_list_model_get_n_items (findings) - 1);
  g_assert_nonnull (strstr (sw_finding_get_note (last), "Buskar skymmer gångvägen"));
  g_assert_nonnull (strstr (sw_finding_get_note (last), "ärende: 2026-1042"));

  /* The item left out is named, with the reason. */
  g_assert_true (wait_for (message_dialog_shown, (gpointer) "Imported 1 finding", "the list of items left out"));
  dialog = find_message_dialog ("Imported 1 finding");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Ingen plats angiven"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "0, 0"));
  adw_message_dialog_response (dialog, "close");

  /* One undo takes the import back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, before);
}

static char *
file_checksum (GFile *file)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = g_file_get_path (file);
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
merge_cancelled_said (gpointer user_data)
{
  return has_label (GTK_WIDGET (window), "Merge cancelled: the project is unchanged");
}

/* Cancel on the progress dialog the moment it shows: no review, no
 * change to the project or its file, no copy left in the cache. */
static void
test_cancel_merge (void)
{
  g_autofree char *uri = g_file_get_uri (copy_file);
  const char *uris[] = { uri, NULL };
  SwProject *project = sw_window_get_project (window);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undo_before = g_strdup (sw_project_get_undo_label (project));
  g_autofree char *backups = g_build_filename (g_get_user_cache_dir (), "safetywalk", "merge-backups", NULL);
  guint findings_before = sw_project_count (project, SW_KIND_FINDING);
  AdwMessageDialog *progress;

  before = file_checksum (master_file);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.merge-uris", "^as", uris);
  progress = find_message_dialog ("Merging Projects");
  g_assert_nonnull (progress);
  adw_message_dialog_response (progress, "cancel");
  g_assert_true (wait_for (merge_cancelled_said, NULL, "the merge to say it was cancelled"));
  spin (200);

  g_assert_null (find_merge_dialog ());
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, findings_before);
  g_assert_cmpstr (sw_project_get_undo_label (project), ==, undo_before);
  after = file_checksum (master_file);
  g_assert_cmpstr (before, ==, after);
  {
    g_autoptr (GDir) dir = g_dir_open (backups, 0, NULL);

    g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  }
}

/* The volunteer's copy comes back: a new finding, the walk's title and a
 * stop's name changed on both sides. The review shows both conflicts; the
 * stop takes the volunteer's name, the walk keeps ours. */
static void
test_review_and_merge (void)
{
  g_autofree char *uri = g_file_get_uri (copy_file);
  const char *uris[] = { uri, NULL };
  SwProject *project = sw_window_get_project (window);
  SwMergeDialog *dialog;
  GtkWidget *take;
  g_autoptr (GError) error = NULL;
  guint findings_before = sw_project_count (project, SW_KIND_FINDING);
  guint stop_index = G_MAXUINT;

  edit (project, SW_KIND_WALK, walk_uuid, "title", "Samordnarens titel");
  edit (project, SW_KIND_STOP, stop_uuid, "name", "Samordnarens hållplats");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.merge-uris", "^as", uris);
  g_assert_true (wait_for (merge_dialog_shown, NULL, "the review dialog"));
  dialog = find_merge_dialog ();
  g_assert_cmpuint (sw_merge_dialog_get_n_conflicts (dialog), ==, 2);
  /* Nothing is stored while the user reviews. */
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, findings_before);

  spin (300);
  g_object_unref (save_screenshot (GTK_WIDGET (dialog), "merge-review.png"));

  /* Conflicts come walk first, then the stop. */
  for (guint i = 0; i < sw_merge_dialog_get_n_conflicts (dialog); i++)
    {
      g_autofree char *name = g_strdup_printf ("take-theirs-%u", i);

      take = find_named (GTK_WIDGET (dialog), name);
      g_assert_nonnull (take);
      g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (take)));
    }
  stop_index = 1;
  {
    g_autofree char *name = g_strdup_printf ("take-theirs-%u", stop_index);

    take = find_named (GTK_WIDGET (dialog), name);
  }
  /* A button's activation ends after its press animation. */
  gtk_widget_activate (take);
  g_assert_true (wait_for (toggle_is_active, take, "“Take Theirs” to be pressed"));
  g_assert_cmpint (sw_merge_dialog_get_choice (dialog, stop_index), ==, SW_MERGE_PREFER_SOURCE);
  g_assert_cmpint (sw_merge_dialog_get_choice (dialog, 0), ==, SW_MERGE_PREFER_TARGET);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "merge-dialog.merge", NULL);
  g_assert_true (wait_for (finding_merged, NULL, "the merge to be stored"));

  g_assert_cmpstr (sw_stop_get_name (SW_STOP (sw_project_lookup (project, SW_KIND_STOP, stop_uuid))), ==,
                   "Volontärens hållplats");
  g_assert_cmpstr (sw_walk_get_title (SW_WALK (sw_project_lookup (project, SW_KIND_WALK, walk_uuid))), ==,
                   "Samordnarens titel");

  /* The file itself, read on its own connection. */
  {
    g_autoptr (SwProject) reread = sw_project_open_with_flags (master_file, SW_PROJECT_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (sw_stop_get_name (SW_STOP (sw_project_lookup (reread, SW_KIND_STOP, stop_uuid))), ==,
                     "Volontärens hållplats");
    g_assert_cmpstr (sw_walk_get_title (SW_WALK (sw_project_lookup (reread, SW_KIND_WALK, walk_uuid))), ==,
                     "Samordnarens titel");
    g_assert_nonnull (sw_project_lookup (reread, SW_KIND_FINDING, finding_uuid));
    g_assert_cmpuint (sw_project_count (reread, SW_KIND_FINDING), ==, findings_before + 1);
    sw_project_close (reread);
  }
}

/* After a later edit, Undo Merge puts back the copy kept before it. */
static void
test_undo_merge (void)
{
  SwProject *project = sw_window_get_project (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-merge", NULL));
  g_assert_true (wait_for (finding_gone, NULL, "the merge to be undone"));
  g_assert_cmpstr (sw_stop_get_name (SW_STOP (sw_project_lookup (project, SW_KIND_STOP, stop_uuid))), ==,
                   "Samordnarens hållplats");
}

static void
set_up (void)
{
  const char *demo = g_getenv ("SW_DEMO_PROJECT");
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) master = NULL;
  g_autoptr (SwProject) copy = NULL;
  g_autoptr (SwWalk) walk = NULL;
  g_autoptr (SwStop) stop = NULL;
  g_autoptr (SwFinding) finding = sw_finding_new ();
  g_autofree char *master_path = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *contents = NULL;
  SwFeature *added;
  const char *dirs[] = { "cache", "config", "data" };
  const char *variables[] = { "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME" };
  gsize length;

  tmpdir = g_dir_make_tmp ("safetywalk-merge-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (tmpdir, dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (variables[i], dir, TRUE);
    }

  g_assert_nonnull (demo);
  master_path = g_build_filename (tmpdir, "katrineholm.gpkg", NULL);
  copy_path = g_build_filename (tmpdir, "volontär Anna.gpkg", NULL);
  g_assert_true (g_file_get_contents (demo, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (master_path, contents, length, NULL));
  master_file = g_file_new_for_path (master_path);
  copy_file = g_file_new_for_path (copy_path);

  master = sw_project_open (master_file, &error);
  g_assert_no_error (error);
  walk = g_list_model_get_item (sw_project_get_walks (master), 0);
  stop = g_list_model_get_item (sw_project_get_stops (master), 2);
  walk_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (walk)));
  stop_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (stop)));
  g_assert_true (sw_project_write_volunteer_copy (master, walk, copy_file, &error));
  g_assert_no_error (error);
  sw_project_close (master);

  /* The volunteer's evening. */
  copy = sw_project_open (copy_file, &error);
  g_assert_no_error (error);
  sw_finding_set_walk_uuid (finding, walk_uuid);
  sw_finding_set_category (finding, "lighting");
  sw_finding_set_severity (finding, 3);
  sw_finding_set_note (finding, "Belysningen släckt längs gångvägen");
  sw_finding_set_longitude (finding, CENTER_LONGITUDE + 0.001);
  sw_finding_set_latitude (finding, CENTER_LATITUDE);
  added = sw_project_add (copy, SW_FEATURE (finding), &error);
  g_assert_no_error (error);
  finding_uuid = g_strdup (sw_feature_get_uuid (added));
  edit (copy, SW_KIND_WALK, walk_uuid, "title", "Volontärens titel");
  edit (copy, SW_KIND_STOP, stop_uuid, "name", "Volontärens hållplats");
  sw_project_close (copy);

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

  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_debug_enabled (FALSE);

  if (g_getenv ("SW_DEMO_PROJECT") == NULL)
    {
      g_test_skip ("SW_DEMO_PROJECT is not set: the build has no demo project");
      return g_test_run ();
    }
  set_up ();

  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "basemap-mbtiles", mbtiles_path);
  g_settings_set_string (settings, "basemap-source", "mbtiles");
  g_settings_set_boolean (settings, "sidebar-visible", TRUE);

  application = sw_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/merge-gui/open", test_open);
  g_test_add_func ("/merge-gui/import-track", test_import_track);
  g_test_add_func ("/merge-gui/import-kml", test_import_kml);
  g_test_add_func ("/merge-gui/cancel-merge", test_cancel_merge);
  g_test_add_func ("/merge-gui/review-and-merge", test_review_and_merge);
  g_test_add_func ("/merge-gui/undo-merge", test_undo_merge);
  status = g_test_run ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (application)))
    gtk_window_destroy (l->data);
  spin (50);
  g_clear_object (&application);

  sw_test_remove_tree (tmpdir);
  g_clear_object (&master_file);
  g_clear_object (&copy_file);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_pointer (&mbtiles_path, g_free);
  g_clear_pointer (&walk_uuid, g_free);
  g_clear_pointer (&stop_uuid, g_free);
  g_clear_pointer (&finding_uuid, g_free);
  return status;
}
