/* A walk's recorded track: read from GPX files the test writes, stored as
 * a LineString M with each point's time, read back, and used to place a
 * photo; GPX files without a usable track are refused by name. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gdal.h>

#include "sw-project.h"
#include "sw-photo-import.h"
#include "sw-track-import.h"

static char *tmp_dir;

static GFile *
write_gpx (const char *name,
           const char *body)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *contents = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<gpx version=\"1.1\" creator=\"test\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
    "%s</gpx>\n", body);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static const char *walk_gpx =
  "<trk><name>Kvällsvandring Gävle</name>\n"
  " <trkseg>\n"
  "  <trkpt lat=\"60.6745\" lon=\"17.1417\"><time>2026-10-15T17:00:00Z</time></trkpt>\n"
  "  <trkpt lat=\"60.6750\" lon=\"17.1425\"><time>2026-10-15T17:02:00Z</time></trkpt>\n"
  " </trkseg>\n"
  " <trkseg>\n"
  "  <trkpt lat=\"60.6756\" lon=\"17.1431\"><time>2026-10-15T17:05:00Z</time></trkpt>\n"
  "  <trkpt lat=\"60.6760\" lon=\"17.1440\"><time>2026-10-15T17:07:30Z</time></trkpt>\n"
  " </trkseg>\n"
  "</trk>\n";

static void
test_read_and_store (void)
{
  g_autoptr (GFile) gpx = write_gpx ("spår.gpx", walk_gpx);
  g_autofree char *project_path = g_build_filename (tmp_dir, "gävle.gpkg", NULL);
  g_autoptr (GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwTrack) track = sw_track_new_from_gpx (gpx, &error);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwTrack) stored = NULL;
  g_autoptr (GDateTime) at = g_date_time_new_utc (2026, 10, 15, 17, 1, 0);
  GVariant *points;
  double lon, lat, x, y;
  gint64 t;

  g_assert_no_error (error);
  g_assert_cmpstr (sw_track_get_name (track), ==, "Kvällsvandring Gävle");
  points = sw_track_get_points (track);
  g_assert_cmpuint (g_variant_n_children (points), ==, 4);
  g_variant_get_child (points, 3, "(ddx)", &lon, &lat, &t);
  g_assert_cmpfloat_with_epsilon (lon, 17.1440, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 60.6760, 1e-9);
  g_assert_cmpint (t, ==, 1792083600 + 7 * 60 + 30);

  project = sw_project_create (project_file, "Tillsammans mot brott", "Gävle", &error);
  g_assert_no_error (error);
  g_assert_nonnull (sw_project_add (project, SW_FEATURE (track), &error));
  g_assert_no_error (error);
  sw_project_close (project);
  g_clear_object (&project);

  /* Read back from the file: positions and times survive as M values. */
  project = sw_project_open (project_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_TRACK), ==, 1);
  stored = g_list_model_get_item (sw_project_get_tracks (project), 0);
  g_assert_true (g_variant_equal (sw_track_get_points (stored), points));
  g_assert_true (sw_project_validate_file (project_file, NULL, &error));
  g_assert_no_error (error);

  /* Halfway between the first two points at 17:01. */
  g_assert_true (sw_track_position_at (sw_track_get_points (stored), at, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 17.1421, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 60.67475, 1e-9);
  sw_project_close (project);
}

static void
assert_refused (const char *name,
                const char *body,
                int         code)
{
  g_autoptr (GFile) gpx = write_gpx (name, body);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwTrack) track = sw_track_new_from_gpx (gpx, &error);

  g_assert_null (track);
  g_assert_error (error, SW_TRACK_IMPORT_ERROR, code);
  g_assert_nonnull (strstr (error->message, name));
  g_test_message ("%s", error->message);
}

static void
test_bad_files (void)
{
  g_autofree char *text_path = g_build_filename (tmp_dir, "anteckning.gpx", NULL);
  g_autoptr (GFile) text = g_file_new_for_path (text_path);
  g_autoptr (GError) error = NULL;

  assert_refused ("bara-punkter.gpx",
                  "<wpt lat=\"60.67\" lon=\"17.14\"><name>Tunneln</name></wpt>\n",
                  SW_TRACK_IMPORT_ERROR_NO_TRACK);
  assert_refused ("en-punkt.gpx",
                  "<trk><trkseg><trkpt lat=\"60.67\" lon=\"17.14\"><time>2026-10-15T17:00:00Z</time></trkpt>"
                  "</trkseg></trk>\n",
                  SW_TRACK_IMPORT_ERROR_TOO_SHORT);
  assert_refused ("utan-tider.gpx",
                  "<trk><trkseg><trkpt lat=\"60.67\" lon=\"17.14\"></trkpt>"
                  "<trkpt lat=\"60.68\" lon=\"17.15\"></trkpt></trkseg></trk>\n",
                  SW_TRACK_IMPORT_ERROR_NO_TIMES);

  g_assert_true (g_file_set_contents (text_path, "inte gpx alls", -1, NULL));
  g_assert_null (sw_track_new_from_gpx (text, &error));
  g_assert_error (error, SW_TRACK_IMPORT_ERROR, SW_TRACK_IMPORT_ERROR_NOT_GPX);
  g_assert_nonnull (strstr (error->message, "anteckning.gpx"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();
  tmp_dir = g_dir_make_tmp ("sw-test-track-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/track/read-and-store", test_read_and_store);
  g_test_add_func ("/track/bad-files", test_bad_files);
  status = g_test_run ();

  {
    g_autoptr (GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }
  return status;
}
