/* Import Photos in a real window under Xvfb, on JPEGs the test writes with
 * EXIF: an import cancelled half-way leaves the file as it was; a folder
 * dropped on the map opens the dialog, and its photos become findings where
 * they were taken (within 1 m), join a finding close by, land on the walk's
 * track by their time with the camera's clock offset, wait in the Unplaced
 * Photos tray, or are skipped as duplicates or as broken, each counted; the
 * same folder again adds nothing. Unplaced photos are placed from the tray
 * by keyboard and by a drop on the map. Quick Entry, driven by real key
 * presses, gives three findings their category, severity and light, and
 * the file holds them. Screenshots of the tray and of Quick Entry go to the
 * build folder. */
#define G_LOG_DOMAIN "test-photo-import"

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
#include "sw-map-transform.h"
#include "sw-photo-import-bar.h"
#include "sw-photo-import-dialog.h"
#include "sw-photo-tray.h"
#include "sw-project.h"
#include "sw-quick-entry.h"
#include "sw-test-photos.h"
#include "sw-window.h"
#include "sw-window-private.h"

/* Katrineholm's station square. */
#define CENTER_LATITUDE  58.9957
#define CENTER_LONGITUDE 16.2074
#define ZOOM             16.0

/* The walk's track starts at 19:00:00 UTC and runs ten minutes west to east. */
#define TRACK_START      "2026-11-05T19:00:00Z"
#define TRACK_SECONDS    600
#define TRACK_WEST       (CENTER_LONGITUDE - 0.003)
#define TRACK_EAST       (CENTER_LONGITUDE + 0.003)
#define TRACK_LATITUDE   (CENTER_LATITUDE - 0.002)
/* The camera was two minutes slow. */
#define CLOCK_OFFSET     (120 * G_TIME_SPAN_SECOND)

static SwApplication *application;
static char *tmpdir;
static char *walk_folder;
static char *many_folder;
static GFile *project_file;
static char *mbtiles_path;
static SwWindow *window;
static gboolean use_xdotool;

/* Photos with a position, each a finding of its own. */
static const struct
{
  const char *name;
  double longitude;
  double latitude;
} placed[] = {
  { "IMG_0101.JPG", CENTER_LONGITUDE, CENTER_LATITUDE },
  { "IMG_0102.JPG", CENTER_LONGITUDE + 0.002, CENTER_LATITUDE },
  { "IMG_0103.JPG", CENTER_LONGITUDE, CENTER_LATITUDE + 0.0015 },
  { "IMG_0104.JPG", CENTER_LONGITUDE - 0.002, CENTER_LATITUDE - 0.001 },
};

/* Seconds after the track's start at which the two photos without a
 * position were taken, by the real clock. */
static const int track_seconds[] = { 100, 400 };

/* ---------------------------------------------------------------------- */
/* Fixtures                                                               */

/* A local basemap, so that nothing goes to the network. */
static void
write_mbtiles (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GBytes) tile = NULL;

  cairo_set_source_rgb (cr, 0.949, 0.937, 0.914);
  cairo_paint (cr);
  cairo_destroy (cr);
  png = sw_test_png_from_surface (surface);
  cairo_surface_destroy (surface);

  tile = g_steal_pointer (&png);
  sw_test_write_mbtiles (path, tile, 15, 17, CENTER_LONGITUDE - 0.02, CENTER_LATITUDE - 0.01,
                         CENTER_LONGITUDE + 0.02, CENTER_LATITUDE + 0.01, "Test tiles");
}

static void
write_file (const char *folder,
            const char *name,
            GBytes     *bytes,
            gsize       length)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) length, &error);
  g_assert_no_error (error);
}

/* A photo with the EXIF asked for; @number makes its bytes its own. */
static GBytes *
make_photo (guint       number,
            double      longitude,
            double      latitude,
            const char *taken_at)
{
  g_autoptr (GPtrArray) exif = g_ptr_array_new_with_free_func (g_free);

  if (!isnan (longitude))
    {
      g_autofree char *lat = sw_test_exif_dms (latitude);
      g_autofree char *lon = sw_test_exif_dms (longitude);

      g_ptr_array_add (exif, g_strdup ("EXIF_GPSLatitudeRef=N"));
      g_ptr_array_add (exif, g_strdup_printf ("EXIF_GPSLatitude=%s", lat));
      g_ptr_array_add (exif, g_strdup ("EXIF_GPSLongitudeRef=E"));
      g_ptr_array_add (exif, g_strdup_printf ("EXIF_GPSLongitude=%s", lon));
    }
  if (taken_at != NULL)
    {
      g_ptr_array_add (exif, g_strdup_printf ("EXIF_DateTimeOriginal=%s", taken_at));
      g_ptr_array_add (exif, g_strdup ("EXIF_OffsetTimeOriginal=+00:00"));
    }
  g_ptr_array_add (exif, g_strdup_printf ("EXIF_ImageDescription=foto %u", number));
  g_ptr_array_add (exif, NULL);

  return sw_test_make_jpeg (640, 480, (const char *const *) exif->pdata);
}

static void
make_walk_folder (void)
{
  g_autoptr (GDateTime) start = g_date_time_new_from_iso8601 (TRACK_START, NULL);
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) second = NULL;
  g_autoptr (GBytes) joining = NULL;
  g_autofree char *notes = NULL;

  walk_folder = g_build_filename (tmpdir, "Telefon", NULL);
  g_assert_cmpint (g_mkdir_with_parents (walk_folder, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (placed); i++)
    {
      g_autoptr (GBytes) photo = make_photo (i, placed[i].longitude, placed[i].latitude, NULL);

      write_file (walk_folder, placed[i].name, photo, g_bytes_get_size (photo));
      if (i == 0)
        first = g_bytes_ref (photo);
      if (i == 1)
        second = g_bytes_ref (photo);
    }

  /* About 4.5 m north of the first: joins its finding. */
  joining = make_photo (10, placed[0].longitude, placed[0].latitude + 0.00004, NULL);
  write_file (walk_folder, "IMG_0105.JPG", joining, g_bytes_get_size (joining));

  /* No position; taken by a camera two minutes slow. */
  for (guint i = 0; i < G_N_ELEMENTS (track_seconds); i++)
    {
      g_autoptr (GDateTime) real = g_date_time_add_seconds (start, track_seconds[i]);
      g_autoptr (GDateTime) camera = g_date_time_add (real, -CLOCK_OFFSET);
      g_autofree char *taken_at = g_date_time_format (camera, "%Y:%m:%d %H:%M:%S");
      g_autofree char *name = g_strdup_printf ("IMG_02%02u.JPG", i);
      g_autoptr (GBytes) photo = make_photo (20 + i, NAN, NAN, taken_at);

      write_file (walk_folder, name, photo, g_bytes_get_size (photo));
    }

  /* Neither position nor time. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("IMG_03%02u.JPG", i);
      g_autoptr (GBytes) photo = make_photo (30 + i, NAN, NAN, NULL);

      write_file (walk_folder, name, photo, g_bytes_get_size (photo));
    }

  /* The first photo again under another name, and the second cut short. */
  write_file (walk_folder, "IMG_0101 kopia.JPG", first, g_bytes_get_size (first));
  write_file (walk_folder, "IMG_trasig.JPG", second, g_bytes_get_size (second) * 6 / 10);

  notes = g_build_filename (walk_folder, "anteckningar.txt", NULL);
  g_assert_true (g_file_set_contents (notes, "Inte ett foto.", -1, NULL));
}

/* Many large photos, so that an import takes long enough to cancel: one
 * picture, each file with its own comment segment. */
static void
make_many_folder (void)
{
  const char *exif[] = { "EXIF_GPSLatitudeRef=N", "EXIF_GPSLatitude=(58) (59) (44.5200)",
                         "EXIF_GPSLongitudeRef=E", "EXIF_GPSLongitude=(16) (12) (26.6400)", NULL };
  g_autoptr (GBytes) base = sw_test_make_jpeg (2400, 1800, exif);
  gsize size;
  const guint8 *data = g_bytes_get_data (base, &size);

  many_folder = g_build_filename (tmpdir, "Många", NULL);
  g_assert_cmpint (g_mkdir_with_parents (many_folder, 0700), ==, 0);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *comment = g_strdup_printf ("bild %u", i);
      gsize length = strlen (comment);
      guint8 header[4] = { 0xFF, 0xFE, (guint8) ((length + 2) >> 8), (guint8) (length + 2) };
      g_autoptr (GByteArray) out = g_byte_array_sized_new (size + 32);
      g_autofree char *name = g_strdup_printf ("DSC_%04u.JPG", i);
      g_autoptr (GBytes) bytes = NULL;

      g_byte_array_append (out, data, 2);
      g_byte_array_append (out, header, 4);
      g_byte_array_append (out, (const guint8 *) comment, length);
      g_byte_array_append (out, data + 2, size - 2);
      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&out));
      write_file (many_folder, name, bytes, g_bytes_get_size (bytes));
    }
}

/* A project with one walk after dark and its recorded track. */
static void
make_project (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwWalk) walk = sw_walk_new ();
  g_autoptr (SwTrack) track = sw_track_new ();
  g_autoptr (GDateTime) start = g_date_time_new_from_iso8601 (TRACK_START, NULL);
  g_autofree char *path = g_build_filename (tmpdir, "import.gpkg", NULL);
  gint64 t0 = g_date_time_to_unix (start);
  SwFeature *added;

  project_file = g_file_new_for_path (path);
  project = sw_project_create (project_file, "Vandring vid resecentrum", "Katrineholm", &error);
  g_assert_no_error (error);
  sw_walk_set_title (walk, "Kvällsvandring");
  sw_walk_set_light (walk, "dark");
  added = sw_project_add (project, SW_FEATURE (walk), &error);
  g_assert_no_error (error);

  sw_track_set_walk_uuid (track, sw_feature_get_uuid (added));
  sw_track_set_points (track, g_variant_new_parsed ("[(%d, %d, %x), (%d, %d, %x)]",
                                                    TRACK_WEST, TRACK_LATITUDE, t0,
                                                    TRACK_EAST, TRACK_LATITUDE, t0 + TRACK_SECONDS));
  sw_project_add (project, SW_FEATURE (track), &error);
  g_assert_no_error (error);
  sw_project_close (project);
}

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */

static SwProject *
get_project (void)
{
  return sw_window_get_project (window);
}

static SwPhotoImportBar *
get_bar (void)
{
  return _sw_window_get_photo_import_bar (window);
}

static SwPhotoTray *
get_tray (void)
{
  return SW_PHOTO_TRAY (find_descendant (GTK_WIDGET (sw_window_get_sidebar (window)), SW_TYPE_PHOTO_TRAY));
}

static ShumateMap *
get_map (void)
{
  return shumate_simple_map_get_map (sw_window_get_map (window));
}

/* Rows of @table as the file holds them, read beside the app. */
static int
count_rows (const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  int count;

  g_assert_cmpint (sqlite3_open_v2 (g_file_peek_path (project_file), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  count = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return count;
}

static gboolean
has_dialog (gpointer user_data)
{
  SwPhotoImportDialog **dialog = user_data;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (SW_IS_PHOTO_IMPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      *dialog = l->data;
  return *dialog != NULL;
}

static SwPhotoImportDialog *
wait_for_dialog (void)
{
  SwPhotoImportDialog *dialog = NULL;

  g_assert_true (wait_for (has_dialog, &dialog, "the Import Photos dialog"));
  return dialog;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_null (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

/* Presses the dialog's Import button, as the keyboard does (the button
 * shows itself pressed for a moment first); the dialog closes. */
static void
press_import (SwPhotoImportDialog *dialog)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), "import-dialog.import");

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate (button);
  g_assert_true (wait_for (is_null, &dialog, "the dialog to close"));
}

static gboolean
import_is_idle (gpointer user_data)
{
  return !sw_photo_import_bar_is_running (get_bar ());
}

static gboolean
import_has_progressed (gpointer user_data)
{
  guint n_done, n_total;

  sw_photo_import_bar_get_progress (get_bar (), &n_done, &n_total);
  return n_done >= 2 || !sw_photo_import_bar_is_running (get_bar ());
}

static void
drop_files_on_map (const char *path)
{
  GtkWidget *map = GTK_WIDGET (get_map ());
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (map);
  GtkDropTarget *target = NULL;
  GFile *files[1] = { g_file_new_for_path (path) };
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);
      gsize n_types;
      const GType *types;

      if (!GTK_IS_DROP_TARGET (controller))
        continue;
      types = gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), &n_types);
      if (n_types > 0 && types[0] == GDK_TYPE_FILE_LIST)
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, 1));
  g_signal_emit_by_name (target, "drop", &value, 200.0, 200.0, &dropped);
  g_value_unset (&value);
  g_object_unref (files[0]);
  g_assert_true (dropped);
}

static GtkDropTarget *
find_photo_drop_target (void)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (get_map ()));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);
      gsize n_types;
      const GType *types;

      if (!GTK_IS_DROP_TARGET (controller))
        continue;
      types = gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), &n_types);
      if (n_types > 0 && types[0] == SW_TYPE_PHOTO)
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
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
  spin (300);
  viewport = shumate_map_get_viewport (get_map ());
  shumate_viewport_set_zoom_level (viewport, ZOOM);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), CENTER_LATITUDE, CENTER_LONGITUDE);
  spin (200);

  /* Nothing waits unplaced yet: the tray is hidden. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_tray ())));

#ifdef GDK_WINDOWING_X11
  {
    g_autofree char *program = g_find_program_in_path ("xdotool");

    use_xdotool = program != NULL
                  && GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window)))
                  && g_getenv ("SW_TEST_NO_XTEST") == NULL;
  }
#endif
  g_test_message ("Keys through %s", use_xdotool ? "XTest (xdotool)" : "the key controller's signal");
}

/* Import Photos from the menu's action on a folder of 60 large photos,
 * cancelled with the bar's Cancel button once some are prepared: the file
 * holds no more rows than before. */
static void
test_cancel (void)
{
  SwPhotoImportDialog *dialog;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  int photos_before = count_rows ("photos");
  int findings_before = count_rows ("findings");
  guint n_done, n_total;
  GtkWidget *cancel;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-photos", NULL));
  dialog = wait_for_dialog ();
  g_ptr_array_add (files, g_file_new_for_path (many_folder));
  sw_photo_import_dialog_set_files (dialog, files);
  press_import (dialog);

  g_assert_true (sw_photo_import_bar_is_running (get_bar ()));
  /* A second import waits for the first: the action is off. */
  {
    SwPhotoImportDialog *second = NULL;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.import-photos", NULL);
    spin (50);
    g_assert_false (has_dialog (&second));
  }
  g_assert_true (wait_for (import_has_progressed, NULL, "some photos to be prepared"));
  sw_photo_import_bar_get_progress (get_bar (), &n_done, &n_total);
  g_test_message ("Cancelled at %u of %u", n_done, n_total);
  g_assert_cmpuint (n_total, ==, 60);
  g_assert_cmpuint (n_done, <, n_total);

  cancel = find_button (GTK_WIDGET (get_bar ()), "import-bar.cancel");
  g_assert_nonnull (cancel);
  gtk_widget_activate (cancel);
  g_assert_true (wait_for (import_is_idle, NULL, "the import to stop"));

  g_assert_cmpint (count_rows ("photos"), ==, photos_before);
  g_assert_cmpint (count_rows ("findings"), ==, findings_before);
  g_assert_cmpuint (sw_project_count (get_project (), SW_KIND_PHOTO), ==, (guint) photos_before);
  g_assert_false (sw_project_can_undo (get_project ()));
}

/* A folder dropped on the map opens Import Photos with it; with the clock
 * offset set, each photo goes where it belongs. */
static void
test_import (void)
{
  SwProject *project = get_project ();
  SwPhotoImportDialog *dialog;
  g_autoptr (SwCrsTransform) transform = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *failures;
  GListModel *findings = sw_project_get_findings (project);

  drop_files_on_map (walk_folder);
  dialog = wait_for_dialog ();
  g_assert_cmpuint (sw_photo_import_dialog_get_files (dialog)->len, ==, 1);
  g_assert_cmpfloat (sw_photo_import_dialog_get_join_distance (dialog), ==, 15.0);
  sw_photo_import_dialog_set_clock_offset (dialog, CLOCK_OFFSET);
  g_assert_cmpint (sw_photo_import_dialog_get_clock_offset (dialog), ==, CLOCK_OFFSET);
  press_import (dialog);
  g_assert_true (wait_for (import_is_idle, NULL, "the import to end"));

  g_assert_cmpuint (sw_photo_import_bar_get_count (get_bar (), SW_PHOTO_IMPORT_NEW_FINDING), ==, 4);
  g_assert_cmpuint (sw_photo_import_bar_get_count (get_bar (), SW_PHOTO_IMPORT_JOINED), ==, 1);
  g_assert_cmpuint (sw_photo_import_bar_get_count (get_bar (), SW_PHOTO_IMPORT_PLACED_BY_TRACK), ==, 2);
  g_assert_cmpuint (sw_photo_import_bar_get_count (get_bar (), SW_PHOTO_IMPORT_UNPLACED), ==, 2);
  g_assert_cmpuint (sw_photo_import_bar_get_count (get_bar (), SW_PHOTO_IMPORT_DUPLICATE), ==, 1);
  failures = sw_photo_import_bar_get_failures (get_bar ());
  g_assert_cmpuint (failures->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) failures->pdata[0])->message, "IMG_trasig.JPG"));
  g_assert_nonnull (strstr (sw_photo_import_bar_get_summary (get_bar ()), "4 new findings"));
  {
    g_autofree char *details = sw_photo_import_bar_dup_details (get_bar ());

    g_assert_nonnull (strstr (details, "IMG_trasig.JPG"));
  }
  g_assert_cmpstr (sw_project_get_undo_label (project), ==, "Import Photos");

  /* What the file holds. */
  g_assert_cmpint (count_rows ("findings"), ==, 6);
  g_assert_cmpint (count_rows ("photos"), ==, 9);
  g_assert_cmpint (count_rows ("findings_photos"), ==, 7);

  /* Each photo with a position has a finding within 1 m of it; each
   * photo placed by time lies on the track where the corrected time says. */
  transform = sw_crs_transform_new (sw_project_get_working_crs (project), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (placed) + G_N_ELEMENTS (track_seconds); i++)
    {
      double lon, lat, nearest = G_MAXDOUBLE;

      if (i < G_N_ELEMENTS (placed))
        {
          lon = placed[i].longitude;
          lat = placed[i].latitude;
        }
      else
        {
          lon = TRACK_WEST + (TRACK_EAST - TRACK_WEST) * track_seconds[i - G_N_ELEMENTS (placed)] / TRACK_SECONDS;
          lat = TRACK_LATITUDE;
        }
      for (guint j = 0; j < g_list_model_get_n_items (findings); j++)
        {
          g_autoptr (SwFinding) finding = g_list_model_get_item (findings, j);
          nearest = MIN (nearest, sw_crs_transform_distance (transform, lon, lat, sw_finding_get_longitude (finding),
                                                             sw_finding_get_latitude (finding)));
        }
      g_assert_cmpfloat (nearest, <, 1.0);
    }

  /* The photos with neither wait in the tray. */
  g_assert_cmpuint (g_list_model_get_n_items (sw_photo_tray_get_photos (get_tray ())), ==, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_tray ())));
}

/* The same folder again: all skipped, nothing added, no undo step. */
static void
test_import_again (void)
{
  SwPhotoImportDialog *dialog;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  const char *undo_label = sw_project_get_undo_label (get_project ());
  g_autofree char *label_before = g_strdup (undo_label);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-photos", NULL));
  dialog = wait_for_dialog ();
  g_ptr_array_add (files, g_file_new_for_path (walk_folder));
  sw_photo_import_dialog_set_files (dialog, files);
  press_import (dialog);
  g_assert_true (wait_for (import_is_idle, NULL, "the import to end"));

  g_assert_cmpuint (sw_photo_import_bar_get_count (get_bar (), SW_PHOTO_IMPORT_DUPLICATE), ==, 10);
  g_assert_cmpuint (sw_photo_import_bar_get_count (get_bar (), SW_PHOTO_IMPORT_NEW_FINDING), ==, 0);
  g_assert_cmpuint (sw_photo_import_bar_get_failures (get_bar ())->len, ==, 1);
  g_assert_cmpint (count_rows ("findings"), ==, 6);
  g_assert_cmpint (count_rows ("photos"), ==, 9);
  g_assert_cmpstr (sw_project_get_undo_label (get_project ()), ==, label_before);
}

static SwFinding *
finding_of (SwPhoto *photo)
{
  return SW_FINDING (sw_project_lookup (get_project (), SW_KIND_FINDING, sw_photo_get_finding_uuid (photo)));
}

/* One unplaced photo placed from the keyboard, at the map's centre; the
 * other dropped on the map; each one undo step. */
static void
test_tray (void)
{
  SwProject *project = get_project ();
  SwPhotoTray *tray = get_tray ();
  GListModel *unplaced = sw_photo_tray_get_photos (tray);
  ShumateViewport *viewport = shumate_map_get_viewport (get_map ());
  GtkDropTarget *target = find_photo_drop_target ();
  g_autoptr (SwPhoto) first = g_list_model_get_item (unplaced, 0);
  g_autoptr (SwPhoto) second = g_list_model_get_item (unplaced, 1);
  GtkWidget *grid = find_descendant (GTK_WIDGET (tray), GTK_TYPE_GRID_VIEW);
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  double x = 180, y = 140, latitude, longitude;
  SwFinding *finding;

  g_object_unref (save_screenshot (GTK_WIDGET (window), "screenshot-unplaced-photos.png"));

  /* The first is selected; Enter on the grid places it. */
  g_assert_true (sw_photo_tray_get_selected (tray) == first);
  g_assert_nonnull (grid);
  g_signal_emit_by_name (grid, "activate", 0);
  finding = finding_of (first);
  g_assert_nonnull (finding);
  g_assert_cmpfloat_with_epsilon (sw_finding_get_latitude (finding),
                                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 1e-9);
  g_assert_cmpfloat_with_epsilon (sw_finding_get_longitude (finding),
                                  shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 1e-9);
  g_assert_cmpstr (sw_finding_get_light (finding), ==, "dark");
  g_assert_cmpstr (sw_project_get_undo_label (project), ==, "Place Photo");
  g_assert_cmpuint (g_list_model_get_n_items (unplaced), ==, 1);

  /* The second dropped on the map. */
  g_assert_nonnull (target);
  g_value_init (&value, SW_TYPE_PHOTO);
  g_value_set_object (&value, second);
  g_signal_emit_by_name (target, "drop", &value, x, y, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  finding = finding_of (second);
  g_assert_nonnull (finding);
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (get_map ()), x, y, &latitude, &longitude);
  g_assert_cmpfloat_with_epsilon (sw_finding_get_latitude (finding), latitude, 1e-9);
  g_assert_cmpfloat_with_epsilon (sw_finding_get_longitude (finding), longitude, 1e-9);
  g_assert_cmpuint (g_list_model_get_n_items (unplaced), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (tray)));
  g_assert_cmpint (count_rows ("findings"), ==, 8);
  g_assert_cmpint (count_rows ("findings_photos"), ==, 9);

  /* Undo takes the finding away and the photo back to the tray. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (unplaced), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (tray)));
  g_assert_cmpint (count_rows ("findings"), ==, 7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (unplaced), ==, 0);
}

static gboolean
has_quick_entry (gpointer user_data)
{
  SwQuickEntry **entry = user_data;

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (SW_IS_QUICK_ENTRY (l->data) && gtk_widget_get_visible (l->data))
      *entry = l->data;
  return *entry != NULL;
}

static gboolean
quick_entry_closed (gpointer user_data)
{
  SwQuickEntry *entry = NULL;

  return !has_quick_entry (&entry);
}

static void
xdotool (const char *arguments)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *command = g_strdup_printf ("xdotool %s", arguments);
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  spin (100);
}

/* Presses @keys (xdotool's names, space-separated) in Quick Entry. */
static void
press (SwQuickEntry *entry,
       const char   *keys)
{
  g_auto (GStrv) names = g_strsplit (keys, " ", -1);

  if (use_xdotool)
    {
#ifdef GDK_WINDOWING_X11
      g_autofree char *arguments = g_strdup_printf ("key --delay 60 %s", keys);

      xdotool (arguments);
#endif
      return;
    }

  /* Without X: the key events' signal on the window's key controller. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (entry));
      const char *name = names[i];
      GdkModifierType state = 0;
      guint keyval;
      gboolean handled = FALSE;

      if (g_str_has_prefix (name, "alt+"))
        {
          state = GDK_ALT_MASK;
          name += strlen ("alt+");
        }
      keyval = gdk_keyval_from_name (name);
      for (guint j = 0; j < g_list_model_get_n_items (controllers); j++)
        {
          g_autoptr (GObject) controller = g_list_model_get_item (controllers, j);

          if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
            g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
        }
      g_assert_true (handled);
    }
}

static gboolean
photo_is_shown (gpointer user_data)
{
  return sw_quick_entry_get_paintable (user_data) != NULL;
}

/* Quick Entry by keys alone: three findings, then Escape. */
static void
test_quick_entry (void)
{
  SwQuickEntry *entry = NULL;
  const struct
  {
    const char *keys;
    const char *category;
    int severity;
    const char *light;
  } entered[] = {
    { "1 alt+3 d Return", "lighting", 3, "daylight" },
    { "5 alt+1 Return", "maintenance", 1, "dark" },
    { "p m Return", "positive", 0, "dark" },
  };
  g_autofree char *uuids[G_N_ELEMENTS (entered)] = { NULL };
  guint n_before = 0;
  GListModel *findings = sw_project_get_findings (get_project ());

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (SwFinding) finding = g_list_model_get_item (findings, i);

      n_before += sw_finding_get_category (finding) == NULL;
    }
  g_assert_cmpuint (n_before, ==, 8);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.quick-entry", NULL));
  g_assert_true (wait_for (has_quick_entry, &entry, "Quick Entry"));
  g_assert_cmpuint (sw_quick_entry_get_n_findings (entry), ==, 8);
  g_assert_true (wait_for (photo_is_shown, entry, "the photo"));
  spin (300);

#ifdef GDK_WINDOWING_X11
  if (use_xdotool)
    {
      g_autofree char *focus = g_strdup_printf ("windowfocus --sync %lu",
                                                (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (entry))));

      xdotool (focus);
    }
#endif

  for (guint i = 0; i < G_N_ELEMENTS (entered); i++)
    {
      g_assert_cmpuint (sw_quick_entry_get_index (entry), ==, i);
      uuids[i] = g_strdup (sw_feature_get_uuid (SW_FEATURE (sw_quick_entry_get_finding (entry))));
      if (i == 0)
        {
          /* The choices shown before Enter. */
          press (entry, "1 alt+3 d");
          g_object_unref (save_screenshot (GTK_WIDGET (entry), "screenshot-quick-entry.png"));
          press (entry, "Return");
        }
      else
        press (entry, entered[i].keys);
    }
  g_assert_cmpuint (sw_quick_entry_get_index (entry), ==, 3);
  press (entry, "Escape");
  g_assert_true (wait_for (quick_entry_closed, NULL, "Quick Entry to close"));

  /* The file holds what was entered, each finding one undo step. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *statement = NULL;

    g_assert_cmpint (sqlite3_open_v2 (g_file_peek_path (project_file), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT category, severity, light FROM findings WHERE uuid = ?",
                                         -1, &statement, NULL), ==, SQLITE_OK);
    for (guint i = 0; i < G_N_ELEMENTS (entered); i++)
      {
        sqlite3_bind_text (statement, 1, uuids[i], -1, SQLITE_TRANSIENT);
        g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
        g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 0), ==, entered[i].category);
        g_assert_cmpint (sqlite3_column_int (statement, 1), ==, entered[i].severity);
        g_assert_cmpstr ((const char *) sqlite3_column_text (statement, 2), ==, entered[i].light);
        sqlite3_reset (statement);
      }
    sqlite3_finalize (statement);
    sqlite3_close (db);
  }
  g_assert_cmpstr (sw_project_get_undo_label (get_project ()), ==, "Edit Finding");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GError) error = NULL;
  const char *dirs[] = { "cache", "config", "data" };
  const char *variables[] = { "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME" };
  int status;

  /* The English strings the test looks for. */
  g_setenv ("LANGUAGE", "C", TRUE);

  tmpdir = g_dir_make_tmp ("safetywalk-photo-import-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (tmpdir, dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (variables[i], dir, TRUE);
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_debug_enabled (FALSE);
  GDALAllRegister ();

  make_project ();
  make_walk_folder ();
  make_many_folder ();
  mbtiles_path = g_build_filename (tmpdir, "tiles.mbtiles", NULL);
  write_mbtiles (mbtiles_path);

  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "basemap-mbtiles", mbtiles_path);
  g_settings_set_string (settings, "basemap-source", "mbtiles");
  g_settings_set_boolean (settings, "sidebar-visible", TRUE);

  application = sw_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/photo-import/open", test_open);
  g_test_add_func ("/photo-import/cancel", test_cancel);
  g_test_add_func ("/photo-import/import", test_import);
  g_test_add_func ("/photo-import/import-again", test_import_again);
  g_test_add_func ("/photo-import/tray", test_tray);
  g_test_add_func ("/photo-import/quick-entry", test_quick_entry);

  status = g_test_run ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (application)))
    gtk_window_destroy (l->data);
  spin (50);
  g_clear_object (&application);

  sw_test_remove_tree (tmpdir);
  g_clear_object (&project_file);
  g_free (tmpdir);
  g_free (walk_folder);
  g_free (many_folder);
  g_free (mbtiles_path);

  return status;
}
