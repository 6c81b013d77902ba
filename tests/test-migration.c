/* An old project opens in this version: upgraded in one transaction, with
 * everything it held, and still a valid GeoPackage. */
#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <gdal.h>
#include <ogr_api.h>
#include <sqlite3.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "sw-test-files.h"
#include "sw-place-grouping.h"
#include "sw-project.h"

/* tests/data/project-v1.gpkg was written by schema version 1 (journal mode
 * DELETE, so it is one file): a walk, a route, a stop, a finding with a
 * photo and a measure, in Kungsör. */
static char *
copy_fixture (char **dir_out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "project-v1.gpkg", NULL);
  g_autofree char *contents = NULL;
  char *dir = g_dir_make_tmp ("sw-test-migration-XXXXXX", &error);
  char *path;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_no_error (error);
  path = g_build_filename (dir, "Kungsör 2025.gpkg", NULL);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
  *dir_out = dir;
  return path;
}

static int
stored_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM safetywalk_metadata "
                                           "WHERE key = 'schema_version'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = atoi ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

static gboolean
photos_have_column (const char *path,
                    const char *column)
{
  const char *const drivers[] = { "GPKG", NULL };
  GDALDatasetH dataset = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, NULL, NULL);
  OGRLayerH layer;
  gboolean found;

  g_assert_nonnull (dataset);
  layer = GDALDatasetGetLayerByName (dataset, "photos");
  g_assert_nonnull (layer);
  found = OGR_L_FindFieldIndex (layer, column, TRUE) >= 0;
  GDALClose (dataset);
  return found;
}

static void
test_upgrade (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = copy_fixture (&dir);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SwFinding) finding = NULL;
  g_autoptr (SwPhoto) photo = NULL;
  g_autoptr (SwMeasure) measure = NULL;
  g_autoptr (GBytes) data = NULL;
  g_autoptr (GPtrArray) finding_photos = NULL;

  g_assert_cmpint (stored_version (path), ==, 1);
  g_assert_false (photos_have_column (path, "source_sha256"));

  /* Valid as it is: an older project is not a broken one. */
  g_assert_true (sw_project_validate_file (file, &problems, &error));
  g_assert_no_error (error);
  g_clear_pointer (&problems, g_ptr_array_unref);

  project = sw_project_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sw_project_get_schema_version (project), ==, SW_PROJECT_SCHEMA_VERSION);
  g_assert_cmpstr (sw_project_get_title (project), ==, "Trygghetsvandring Kungsör 2025");
  g_assert_cmpstr (sw_project_get_municipality (project), ==, "Kungsör");
  g_assert_cmpuint (sw_project_count (project, SW_KIND_WALK), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_ROUTE), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_STOP), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_MEASURE), ==, 1);

  finding = g_list_model_get_item (sw_project_get_findings (project), 0);
  g_assert_cmpstr (sw_finding_get_note (finding), ==, "Trasig belysning vid torget");
  g_assert_cmpint (sw_finding_get_severity (finding), ==, 3);
  g_assert_cmpfloat_with_epsilon (sw_finding_get_longitude (finding), 16.0957, 1e-9);
  g_assert_cmpfloat_with_epsilon (sw_finding_get_latitude (finding), 59.4263, 1e-9);

  /* The photo keeps its link and its bytes; its source hash is unknown. */
  finding_photos = sw_project_list_finding_photos (project, finding);
  g_assert_cmpuint (finding_photos->len, ==, 1);
  photo = g_object_ref (finding_photos->pdata[0]);
  g_assert_null (sw_photo_get_source_sha256 (photo));
  data = sw_project_load_photo_data (project, photo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (data), >, 100);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (data, NULL))[0], ==, 0xFF);

  measure = g_list_model_get_item (sw_project_get_measures (project), 0);
  g_assert_cmpstr (sw_measure_get_description (measure), ==, "Byt armaturer");
  g_assert_cmpfloat (sw_measure_get_cost (measure), ==, 12000.0);

  /* The upgrade is not an edit the user could undo. */
  g_assert_false (sw_project_can_undo (project));

  /* New columns take values at once. */
  g_assert_true (sw_project_edit (project, SW_FEATURE (photo), &error,
                                  "source-sha256", "00ff", NULL));
  g_assert_no_error (error);
  sw_project_close (project);
  g_clear_object (&project);

  g_assert_cmpint (stored_version (path), ==, SW_PROJECT_SCHEMA_VERSION);
  g_assert_true (photos_have_column (path, "source_sha256"));
  g_assert_true (sw_project_validate_file (file, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) problems->pdata[i]);

  project = sw_project_open_with_flags (file, SW_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_clear_object (&photo);
  photo = g_list_model_get_item (sw_project_get_photos (project), 0);
  g_assert_cmpstr (sw_photo_get_source_sha256 (photo), ==, "00ff");
  sw_project_close (project);

  sw_test_remove_tree (dir);
}

/* Looking at an old project read-only shows what it holds, as the old
 * version it is, and leaves the file byte for byte alone. */
static void
test_read_only_old (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = copy_fixture (&dir);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwFinding) finding = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  project = sw_project_open_with_flags (file, SW_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sw_project_get_schema_version (project), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_FINDING), ==, 1);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PHOTO), ==, 1);
  finding = g_list_model_get_item (sw_project_get_findings (project), 0);
  g_assert_cmpstr (sw_finding_get_note (finding), ==, "Trasig belysning vid torget");
  sw_project_close (project);

  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  g_assert_cmpint (stored_version (path), ==, 1);
  sw_test_remove_tree (dir);
}

/* A photo added after the upgrade is known by its source file's hash. */
static void
test_duplicate_source (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = copy_fixture (&dir);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SwFinding) finding = NULL;
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autofree char *buffer = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GBytes) jpeg = NULL;
  SwPhoto *photo;
  gsize size;

  project = sw_project_open (file, &error);
  g_assert_no_error (error);
  finding = g_list_model_get_item (sw_project_get_findings (project), 0);

  gdk_pixbuf_fill (pixbuf, 0x2040a0ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, NULL));
  jpeg = g_bytes_new (buffer, size);
  expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, jpeg);

  g_assert_null (sw_project_find_photo_by_source (project, expected));
  photo = sw_project_add_photo (project, finding, jpeg, 2048, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sw_photo_get_source_sha256 (photo), ==, expected);
  g_assert_true (sw_project_find_photo_by_source (project, expected) == photo);
  sw_project_close (project);
  sw_test_remove_tree (dir);
}

/* Version 4 brings places and the history of measures: the old measure
 * starts its history with its status on the day it was last changed, and
 * the old finding is grouped into a place. */
static void
test_places_and_history (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = copy_fixture (&dir);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SwFinding) finding = NULL;
  g_autoptr (SwMeasure) measure = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *modified = NULL;
  SwStatusChange *change;

  project = sw_project_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sw_project_get_schema_version (project), ==, SW_PROJECT_SCHEMA_VERSION);

  measure = g_list_model_get_item (sw_project_get_measures (project), 0);
  history = sw_project_list_status_changes (project, measure);
  g_assert_cmpuint (history->len, ==, 1);
  change = history->pdata[0];
  modified = g_date_time_format (sw_feature_get_modified (SW_FEATURE (measure)), "%Y-%m-%d");
  g_assert_cmpstr (sw_status_change_get_status (change), ==, sw_measure_get_status (measure));
  g_assert_cmpstr (sw_status_change_get_date (change), ==, modified);
  g_assert_true (g_uuid_string_is_valid (sw_feature_get_uuid (SW_FEATURE (change))));

  finding = g_list_model_get_item (sw_project_get_findings (project), 0);
  g_assert_null (sw_finding_get_place_uuid (finding));
  g_assert_false (sw_finding_get_place_pinned (finding));
  g_assert_true (sw_project_group_places (project, 0, NULL, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PLACE), ==, 1);
  g_assert_nonnull (sw_finding_get_place_uuid (finding));
  sw_project_close (project);

  g_assert_true (sw_project_validate_file (file, &problems, &error));
  g_assert_no_error (error);
  sw_test_remove_tree (dir);
}

/* Version 5 lets a finding's note be internal: an old note is not, and
 * the new column takes a value at once and keeps it. */
static void
test_internal_note (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = copy_fixture (&dir);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwFinding) finding = NULL;
  g_autoptr (GError) error = NULL;

  project = sw_project_open (file, &error);
  g_assert_no_error (error);
  finding = g_list_model_get_item (sw_project_get_findings (project), 0);
  g_assert_false (sw_finding_get_note_internal (finding));
  g_assert_true (sw_project_edit (project, SW_FEATURE (finding), &error, "note-internal", TRUE, NULL));
  g_assert_no_error (error);
  sw_project_close (project);
  g_clear_object (&project);
  g_clear_object (&finding);

  project = sw_project_open_with_flags (file, SW_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  finding = g_list_model_get_item (sw_project_get_findings (project), 0);
  g_assert_true (sw_finding_get_note_internal (finding));
  g_assert_cmpstr (sw_finding_get_note (finding), ==, "Trasig belysning vid torget");
  sw_project_close (project);
  sw_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  g_test_add_func ("/migration/upgrade", test_upgrade);
  g_test_add_func ("/migration/read-only-old", test_read_only_old);
  g_test_add_func ("/migration/duplicate-source", test_duplicate_source);
  g_test_add_func ("/migration/places-and-history", test_places_and_history);
  g_test_add_func ("/migration/internal-note", test_internal_note);

  return g_test_run ();
}
