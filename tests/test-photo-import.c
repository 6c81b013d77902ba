/* Phone photos become findings where they were taken, join findings close
 * by, follow the track by their time, or wait unplaced; a photo imported
 * twice is skipped, and the whole import is one undo step. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gdal.h>

#include "sw-crs-transform.h"
#include "sw-photo-import.h"
#include "sw-project.h"
#include "sw-test-photos.h"

typedef struct
{
  char *dir;
  SwProject *project;
  SwWalk *walk;
  SwCrsTransform *transform;
  guint counter;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwWalk) walk = sw_walk_new ();

  fixture->dir = g_dir_make_tmp ("sw-test-photo-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "degerfors.gpkg", NULL);
  file = g_file_new_for_path (path);
  fixture->project = sw_project_create (file, "Trygghetsvandring", "Degerfors", &error);
  g_assert_no_error (error);
  sw_walk_set_title (walk, "Centrum");
  fixture->walk = g_object_ref (SW_WALK (sw_project_add (fixture->project, SW_FEATURE (walk), &error)));
  g_assert_no_error (error);
  fixture->transform = sw_crs_transform_new ("EPSG:3006", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  sw_project_close (fixture->project);
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->walk);
  g_clear_object (&fixture->transform);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* A photo file on disk with the EXIF given, different bytes each time. */
static GFile *
photo_file (Fixture    *fixture,
            double      longitude,
            double      latitude,
            const char *taken_at)
{
  g_autoptr (GPtrArray) exif = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GBytes) jpeg = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (!isnan (longitude))
    {
      g_autofree char *lat = sw_test_exif_dms (latitude);
      g_autofree char *lon = sw_test_exif_dms (longitude);

      g_ptr_array_add (exif, g_strdup_printf ("EXIF_GPSLatitudeRef=%s", latitude < 0 ? "S" : "N"));
      g_ptr_array_add (exif, g_strdup_printf ("EXIF_GPSLatitude=%s", lat));
      g_ptr_array_add (exif, g_strdup_printf ("EXIF_GPSLongitudeRef=%s", longitude < 0 ? "W" : "E"));
      g_ptr_array_add (exif, g_strdup_printf ("EXIF_GPSLongitude=%s", lon));
    }
  if (taken_at != NULL)
    {
      g_ptr_array_add (exif, g_strdup_printf ("EXIF_DateTimeOriginal=%s", taken_at));
      g_ptr_array_add (exif, g_strdup ("EXIF_OffsetTimeOriginal=+00:00"));
    }
  /* The counter in the image description makes each file's bytes unique. */
  g_ptr_array_add (exif, g_strdup_printf ("EXIF_ImageDescription=photo %u", fixture->counter));
  g_ptr_array_add (exif, NULL);

  jpeg = sw_test_make_jpeg (160 + fixture->counter, 120, (const char *const *) exif->pdata);
  path = g_strdup_printf ("%s/IMG_%04u.jpg", fixture->dir, fixture->counter++);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GArray *
import (Fixture                    *fixture,
        GFile                     **files,
        guint                       n_files,
        const SwPhotoImportOptions *options)
{
  g_autoptr (GPtrArray) prepared = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  SwPhotoImportOptions defaults;
  GArray *results;

  for (guint i = 0; i < n_files; i++)
    {
      SwPreparedPhoto *photo = sw_prepared_photo_new_from_file (files[i], 2048, NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (prepared, photo);
    }
  if (options == NULL)
    {
      sw_photo_import_options_init (&defaults);
      defaults.walk_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->walk));
      options = &defaults;
    }
  results = sw_project_import_photos (fixture->project, prepared, options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, n_files);
  return results;
}

static double
distance_m (Fixture *fixture,
            double   lon_a,
            double   lat_a,
            double   lon_b,
            double   lat_b)
{
  return sw_crs_transform_distance (fixture->transform, lon_a, lat_a, lon_b, lat_b);
}

#define RESULT(results, i) (&g_array_index ((results), SwPhotoImportResult, (i)))

/* Three photos: two 5 m apart become one finding, one 40 m away another. */
static void
test_positions (Fixture       *fixture,
                gconstpointer  user_data)
{
  /* Degerfors, by the square: 0.0001° of latitude is 11 m. */
  g_autoptr (GFile) a = photo_file (fixture, 14.7301, 59.2375, NULL);
  g_autoptr (GFile) b = photo_file (fixture, 14.73015, 59.23753, NULL);
  g_autoptr (GFile) c = photo_file (fixture, 14.7301, 59.23786, NULL);
  GFile *files[] = { a, b, c };
  g_autoptr (GArray) results = import (fixture, files, 3, NULL);
  SwFinding *first = RESULT (results, 0)->finding;
  SwFinding *third = RESULT (results, 2)->finding;
  g_autoptr (GPtrArray) photos = NULL;

  g_assert_cmpint (RESULT (results, 0)->outcome, ==, SW_PHOTO_IMPORT_NEW_FINDING);
  g_assert_cmpint (RESULT (results, 1)->outcome, ==, SW_PHOTO_IMPORT_JOINED);
  g_assert_cmpint (RESULT (results, 2)->outcome, ==, SW_PHOTO_IMPORT_NEW_FINDING);
  g_assert_true (RESULT (results, 1)->finding == first);
  g_assert_true (third != first);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_FINDING), ==, 2);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PHOTO), ==, 3);

  /* The finding stands where the first photo was taken, to within 1 m. */
  g_assert_cmpfloat (distance_m (fixture, sw_finding_get_longitude (first), sw_finding_get_latitude (first),
                                 14.7301, 59.2375), <, 1.0);
  g_assert_cmpfloat (distance_m (fixture, sw_finding_get_longitude (third), sw_finding_get_latitude (third),
                                 14.7301, 59.23786), <, 1.0);
  g_assert_cmpstr (sw_finding_get_walk_uuid (first), ==, sw_feature_get_uuid (SW_FEATURE (fixture->walk)));
  g_assert_null (sw_finding_get_category (first));

  photos = sw_project_list_finding_photos (fixture->project, first);
  g_assert_cmpuint (photos->len, ==, 2);
  g_assert_cmpint (sw_photo_get_position (photos->pdata[0]), ==, 0);
  g_assert_cmpint (sw_photo_get_position (photos->pdata[1]), ==, 1);

  /* One undo takes the whole import back. */
  g_assert_true (sw_project_undo (fixture->project, NULL));
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_FINDING), ==, 0);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PHOTO), ==, 0);
}

/* A photo within the join distance of an existing finding joins it; the
 * distance is the user's. */
static void
test_join_existing (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (SwFinding) input = sw_finding_new ();
  g_autoptr (GFile) near = photo_file (fixture, 14.73012, 59.23758, NULL);
  g_autoptr (GFile) far = photo_file (fixture, 14.7301, 59.2378, NULL);
  GFile *files[] = { near, far };
  g_autoptr (GArray) results = NULL;
  g_autoptr (GArray) wide_results = NULL;
  g_autoptr (GFile) far_again = NULL;
  SwPhotoImportOptions options;
  SwFeature *existing;

  sw_finding_set_walk_uuid (input, sw_feature_get_uuid (SW_FEATURE (fixture->walk)));
  sw_finding_set_category (input, "lighting");
  sw_finding_set_longitude (input, 14.7301);
  sw_finding_set_latitude (input, 59.2375);
  existing = sw_project_add (fixture->project, SW_FEATURE (input), NULL);

  results = import (fixture, files, 2, NULL);
  g_assert_cmpint (RESULT (results, 0)->outcome, ==, SW_PHOTO_IMPORT_JOINED);
  g_assert_true (SW_FEATURE (RESULT (results, 0)->finding) == existing);
  g_assert_cmpint (RESULT (results, 1)->outcome, ==, SW_PHOTO_IMPORT_NEW_FINDING);

  /* 33 m away, with a join distance of 50 m, a new photo joins too. */
  far_again = photo_file (fixture, 14.7301, 59.2378, NULL);
  sw_photo_import_options_init (&options);
  options.walk_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->walk));
  options.join_distance = 50.0;
  g_assert_cmpfloat (distance_m (fixture, 14.7301, 59.2375, 14.7301, 59.2378), >, 30.0);
  wide_results = import (fixture, &far_again, 1, &options);
  g_assert_cmpint (RESULT (wide_results, 0)->outcome, ==, SW_PHOTO_IMPORT_JOINED);
}

/* Without a position, the time on the track places a photo; a camera clock
 * 2 minutes slow is put right by the offset. */
static void
test_track (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr (GDateTime) start = g_date_time_new_utc (2026, 10, 15, 19, 0, 0);
  gint64 t0 = g_date_time_to_unix (start);
  /* Walking north, 0.001° (111 m) every 100 s. */
  g_autoptr (GVariant) track = g_variant_ref_sink (
    g_variant_new_parsed ("[(14.73, 59.237, %x), (14.73, 59.238, %x), (14.73, 59.239, %x)]",
                          t0, t0 + 100, t0 + 200));
  g_autoptr (GFile) on_time = photo_file (fixture, NAN, NAN, "2026:10:15 19:00:50");
  g_autoptr (GFile) slow_clock = photo_file (fixture, NAN, NAN, "2026:10:15 18:59:30");
  g_autoptr (GFile) before = photo_file (fixture, NAN, NAN, "2026:10:15 18:00:00");
  GFile *files[] = { on_time, slow_clock, before };
  g_autoptr (GArray) results = NULL;
  SwPhotoImportOptions options;
  SwFinding *finding;

  sw_photo_import_options_init (&options);
  options.walk_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->walk));
  options.track = track;
  options.clock_offset = 2 * G_TIME_SPAN_MINUTE;
  options.join_distance = 5.0;
  results = import (fixture, files, 3, &options);

  /* 19:00:50 + 2 min is 19:02:50: 70 % of the way from 59.238 to 59.239. */
  g_assert_cmpint (RESULT (results, 0)->outcome, ==, SW_PHOTO_IMPORT_PLACED_BY_TRACK);
  finding = RESULT (results, 0)->finding;
  g_assert_cmpfloat (distance_m (fixture, sw_finding_get_longitude (finding), sw_finding_get_latitude (finding),
                                 14.73, 59.2387), <, 1.0);
  /* 18:59:30 + 2 min is 19:01:30: 90 % of the way from 59.237 to 59.238. */
  g_assert_cmpint (RESULT (results, 1)->outcome, ==, SW_PHOTO_IMPORT_PLACED_BY_TRACK);
  finding = RESULT (results, 1)->finding;
  g_assert_cmpfloat (distance_m (fixture, sw_finding_get_longitude (finding), sw_finding_get_latitude (finding),
                                 14.73, 59.2379), <, 1.0);
  /* An hour before the walk is off the track: unplaced. */
  g_assert_cmpint (RESULT (results, 2)->outcome, ==, SW_PHOTO_IMPORT_UNPLACED);
  g_assert_null (RESULT (results, 2)->finding);
}

/* Neither a position nor a time on the track, or a position of 0, 0 (a
 * camera without a fix): the photo waits unplaced, with no finding. */
static void
test_unplaced (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (GFile) nothing = photo_file (fixture, NAN, NAN, NULL);
  g_autoptr (GFile) null_island = photo_file (fixture, 0.0, 0.0, "2026:10:15 19:00:00");
  GFile *files[] = { nothing, null_island };
  g_autoptr (GArray) results = import (fixture, files, 2, NULL);
  GListModel *photos = sw_project_get_photos (fixture->project);

  g_assert_cmpint (RESULT (results, 0)->outcome, ==, SW_PHOTO_IMPORT_UNPLACED);
  g_assert_cmpint (RESULT (results, 1)->outcome, ==, SW_PHOTO_IMPORT_UNPLACED);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_FINDING), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (photos), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (SwPhoto) photo = g_list_model_get_item (photos, i);

      g_assert_null (sw_photo_get_finding_uuid (photo));
      g_assert_true (isnan (sw_photo_get_taken_lat (photo)));
    }
}

/* The same file twice, in one import or across two, is stored once. */
static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (GFile) a = photo_file (fixture, 14.7301, 59.2375, NULL);
  GFile *twice[] = { a, a };
  g_autoptr (GArray) first = import (fixture, twice, 2, NULL);
  g_autoptr (GArray) again = NULL;

  g_assert_cmpint (RESULT (first, 0)->outcome, ==, SW_PHOTO_IMPORT_NEW_FINDING);
  g_assert_cmpint (RESULT (first, 1)->outcome, ==, SW_PHOTO_IMPORT_DUPLICATE);
  again = import (fixture, &a, 1, NULL);
  g_assert_cmpint (RESULT (again, 0)->outcome, ==, SW_PHOTO_IMPORT_DUPLICATE);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PHOTO), ==, 1);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_FINDING), ==, 1);
}

/* A truncated or non-image file is refused with its name, before anything
 * is stored. */
static void
test_bad_file (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "IMG_trasig.jpg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwPreparedPhoto) photo = NULL;

  g_assert_true (g_file_set_contents (path, "\xff\xd8\xff\xe0 not really", -1, NULL));
  photo = sw_prepared_photo_new_from_file (file, 2048, NULL, &error);
  g_assert_null (photo);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "IMG_trasig.jpg"));
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PHOTO), ==, 0);
}


/* A photo cut short in its picture data would decode with a grey band: it
 * is refused, naming the file. */
static void
test_cut_short (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "IMG_avbruten.jpg", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GBytes) jpeg = sw_test_make_jpeg (640, 480, NULL);
  g_autoptr (SwPreparedPhoto) photo = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL),
                                      (gssize) (g_bytes_get_size (jpeg) * 6 / 10), NULL));
  photo = sw_prepared_photo_new_from_file (file, 2048, NULL, &error);
  g_assert_null (photo);
  g_assert_error (error, SW_PHOTO_IMAGE_ERROR, SW_PHOTO_IMAGE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "IMG_avbruten.jpg"));
}

static void
count_progress (guint    n_done,
                guint    n_total,
                gpointer user_data)
{
  guint *last = user_data;

  /* Only ever forwards. */
  g_assert_cmpuint (n_done, >=, *last);
  g_assert_cmpuint (n_done, <=, n_total);
  *last = n_done;
}

/* A folder with a sub-folder, a text file and a truncated photo: the photos
 * come in name order, folder by folder, the text file is not taken, the
 * truncated photo fails with its name, and progress reaches the end. */
static void
test_prepare_folder (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "DCIM", NULL);
  g_autofree char *sub = g_build_filename (folder, "100APPLE", NULL);
  g_autofree char *text = g_build_filename (folder, "notes.txt", NULL);
  g_autofree char *truncated = g_build_filename (sub, "IMG_0003.JPG", NULL);
  g_autoptr (GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr (GPtrArray) given = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GPtrArray) failures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr (GPtrArray) prepared = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint last = 0;
  const char *names[] = { "IMG_0010.jpg", "IMG_0002.jpg" };
  g_autoptr (GPtrArray) made = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GFile) photo = photo_file (fixture, 14.73 + i * 0.001, 59.23, NULL);
      g_autofree char *path = g_build_filename (i == 0 ? folder : sub, names[i], NULL);

      g_assert_true (g_file_get_contents (g_file_peek_path (photo), &contents, &length, NULL));
      g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
      g_clear_pointer (&contents, g_free);
      g_ptr_array_add (made, g_steal_pointer (&path));
    }
  g_assert_true (g_file_get_contents (made->pdata[0], &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, (gssize) length / 3, NULL));
  g_assert_true (g_file_set_contents (text, "inte ett foto", -1, NULL));

  g_ptr_array_add (given, g_object_ref (folder_file));
  files = sw_photo_import_collect_files (given, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 3);
  g_assert_cmpstr (g_file_peek_path (files->pdata[0]), ==, made->pdata[0]);
  g_assert_cmpstr (g_file_peek_path (files->pdata[1]), ==, made->pdata[1]);
  g_assert_cmpstr (g_file_peek_path (files->pdata[2]), ==, truncated);

  prepared = sw_photo_import_prepare_files (files, 2048, 2, count_progress, &last, failures, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last, ==, 3);
  g_assert_cmpuint (prepared->len, ==, 2);
  g_assert_true (g_file_equal (sw_prepared_photo_get_file (prepared->pdata[0]), files->pdata[0]));
  g_assert_true (g_file_equal (sw_prepared_photo_get_file (prepared->pdata[1]), files->pdata[1]));
  g_assert_cmpuint (failures->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) failures->pdata[0])->message, "IMG_0003.JPG"));

  g_unlink (truncated);
  g_unlink (made->pdata[1]);
  g_rmdir (sub);
  g_unlink (made->pdata[0]);
  g_unlink (text);
  g_rmdir (folder);
}

/* Cancelled before it starts, preparing gives nothing but the cancel. */
static void
test_prepare_cancelled (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) failures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GPtrArray) prepared = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (files, photo_file (fixture, 14.73, 59.23 + i * 0.001, NULL));
  g_cancellable_cancel (cancellable);
  prepared = sw_photo_import_prepare_files (files, 2048, 2, NULL, NULL, failures, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (prepared);
  g_assert_cmpuint (failures->len, ==, 0);
}

/* An unplaced photo put on the map: a new finding holding it, one undo
 * step, and undo makes it unplaced again. */
static void
test_place_photo (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr (GFile) nothing = photo_file (fixture, NAN, NAN, NULL);
  g_autoptr (GArray) results = import (fixture, &nothing, 1, NULL);
  g_autoptr (SwPhoto) photo = g_list_model_get_item (sw_project_get_photos (fixture->project), 0);
  g_autoptr (SwFinding) finding = sw_finding_new ();
  g_autoptr (GPtrArray) on_finding = NULL;
  g_autoptr (GError) error = NULL;
  SwFinding *placed;

  g_assert_cmpint (RESULT (results, 0)->outcome, ==, SW_PHOTO_IMPORT_UNPLACED);
  g_assert_true (sw_photo_is_unplaced (photo));
  sw_finding_set_walk_uuid (finding, sw_feature_get_uuid (SW_FEATURE (fixture->walk)));
  sw_finding_set_longitude (finding, 14.5312);
  sw_finding_set_latitude (finding, 59.3041);

  placed = sw_project_place_photo (fixture->project, photo, finding, &error);
  g_assert_no_error (error);
  g_assert_nonnull (placed);
  g_assert_cmpfloat_with_epsilon (sw_finding_get_longitude (placed), 14.5312, 1e-9);
  g_assert_cmpstr (sw_photo_get_finding_uuid (photo), ==, sw_feature_get_uuid (SW_FEATURE (placed)));
  on_finding = sw_project_list_finding_photos (fixture->project, placed);
  g_assert_cmpuint (on_finding->len, ==, 1);
  g_assert_cmpstr (sw_project_get_undo_label (fixture->project), ==, "Place Photo");

  /* Placed once, it cannot be placed again. */
  g_assert_null (sw_project_place_photo (fixture->project, photo, finding, &error));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (sw_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_FINDING), ==, 0);
  g_assert_true (sw_photo_is_unplaced (photo));
  g_assert_true (sw_project_redo (fixture->project, &error));
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_FINDING), ==, 1);
  g_assert_false (sw_photo_is_unplaced (photo));
}

/* A walk recorded in two pieces gives one track in time order; another
 * walk's track is not in it. */
static void
test_walk_track (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *walk_uuid = sw_feature_get_uuid (SW_FEATURE (fixture->walk));
  g_autoptr (SwTrack) later = sw_track_new ();
  g_autoptr (SwTrack) earlier = sw_track_new ();
  g_autoptr (SwTrack) other = sw_track_new ();
  g_autoptr (GVariant) points = NULL;
  g_autoptr (GError) error = NULL;
  gint64 previous = G_MININT64;

  g_assert_null (sw_project_dup_walk_track_points (fixture->project, walk_uuid));

  sw_track_set_walk_uuid (later, walk_uuid);
  sw_track_set_points (later, g_variant_new_parsed ("[(14.52, 59.30, %x), (14.53, 59.31, %x)]",
                                                    (gint64) 2000, (gint64) 2100));
  sw_track_set_walk_uuid (earlier, walk_uuid);
  sw_track_set_points (earlier, g_variant_new_parsed ("[(14.50, 59.30, %x), (14.51, 59.30, %x)]",
                                                      (gint64) 1000, (gint64) 1100));
  sw_track_set_walk_uuid (other, "0b5a2c1e-0000-4000-8000-000000000000");
  sw_track_set_points (other, g_variant_new_parsed ("[(15.0, 60.0, %x), (15.1, 60.1, %x)]",
                                                    (gint64) 1500, (gint64) 1600));
  g_assert_nonnull (sw_project_add (fixture->project, SW_FEATURE (later), &error));
  g_assert_no_error (error);
  g_assert_nonnull (sw_project_add (fixture->project, SW_FEATURE (earlier), &error));
  g_assert_no_error (error);
  sw_project_add (fixture->project, SW_FEATURE (other), NULL);

  points = sw_project_dup_walk_track_points (fixture->project, walk_uuid);
  g_assert_nonnull (points);
  g_assert_cmpuint (g_variant_n_children (points), ==, 4);
  for (gsize i = 0; i < 4; i++)
    {
      gint64 t;

      g_variant_get_child (points, i, "(ddx)", NULL, NULL, &t);
      g_assert_cmpint (t, >, previous);
      previous = t;
    }
}

static void
test_track_position (void)
{
  g_autoptr (GVariant) track = g_variant_ref_sink (
    g_variant_new_parsed ("[(16.0, 59.0, %x), (16.1, 59.1, %x)]", (gint64) 1000, (gint64) 1100));
  g_autoptr (GDateTime) middle = g_date_time_new_from_unix_utc (1050);
  g_autoptr (GDateTime) after = g_date_time_new_from_unix_utc (1101);
  double lon, lat;

  g_assert_true (sw_track_position_at (track, middle, &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lon, 16.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 59.05, 1e-9);
  g_assert_false (sw_track_position_at (track, after, &lon, &lat));
  g_assert_false (sw_track_position_at (NULL, middle, &lon, &lat));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/photo-import/positions", test_positions);
  ADD ("/photo-import/join-existing", test_join_existing);
  ADD ("/photo-import/track", test_track);
  ADD ("/photo-import/unplaced", test_unplaced);
  ADD ("/photo-import/duplicates", test_duplicates);
  ADD ("/photo-import/bad-file", test_bad_file);
  ADD ("/photo-import/cut-short", test_cut_short);
  ADD ("/photo-import/prepare-folder", test_prepare_folder);
  ADD ("/photo-import/prepare-cancelled", test_prepare_cancelled);
  ADD ("/photo-import/place-photo", test_place_photo);
  ADD ("/photo-import/walk-track", test_walk_track);
#undef ADD
  g_test_add_func ("/photo-import/track-position", test_track_position);

  return g_test_run ();
}
