/* Places: findings grouped by distance in metres at Swedish latitudes, each
 * place keeping its identity, its name and the user's merges and splits
 * when grouped again, on a real project file. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gdal.h>
#include <ogr_api.h>

#include "sw-crs-transform.h"
#include "sw-place-grouping.h"
#include "sw-project.h"

typedef struct
{
  char *dir;
  char *path;
  SwProject *project;
  SwCrsTransform *transform;
  SwWalk *walk;
  /* Karlskoga torg in SWEREF 99 TM: findings are placed in metres from it. */
  double x0;
  double y0;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwWalk) walk = sw_walk_new ();

  fixture->dir = g_dir_make_tmp ("sw-test-places-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "Karlskoga.gpkg", NULL);
  file = g_file_new_for_path (fixture->path);
  fixture->project = sw_project_create (file, "Trygghetsvandring Karlskoga", "Karlskoga", &error);
  g_assert_no_error (error);
  fixture->transform = sw_crs_transform_new ("EPSG:3006", &error);
  g_assert_no_error (error);
  g_assert_true (sw_crs_transform_forward (fixture->transform, 14.5240, 59.3270,
                                           &fixture->x0, &fixture->y0));

  sw_walk_set_title (walk, "Centrum, oktober");
  sw_walk_set_date (walk, "2025-10-14");
  sw_walk_set_light (walk, "dark");
  fixture->walk = SW_WALK (g_object_ref (sw_project_add (fixture->project, SW_FEATURE (walk), &error)));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->walk);
  sw_project_close (fixture->project);
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->transform);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* A finding @east and @north metres from the fixture's origin. */
static SwFinding *
add_finding_at (Fixture    *fixture,
                SwWalk     *walk,
                double      east,
                double      north,
                const char *note)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwFinding) finding = sw_finding_new ();
  double lon, lat;

  g_assert_true (sw_crs_transform_inverse (fixture->transform, fixture->x0 + east,
                                           fixture->y0 + north, &lon, &lat));
  sw_finding_set_walk_uuid (finding, sw_feature_get_uuid (SW_FEATURE (walk != NULL ? walk : fixture->walk)));
  sw_finding_set_category (finding, "lighting");
  sw_finding_set_severity (finding, 2);
  sw_finding_set_light (finding, "dark");
  sw_finding_set_note (finding, note);
  sw_finding_set_longitude (finding, lon);
  sw_finding_set_latitude (finding, lat);
  SwFeature *listed = sw_project_add (fixture->project, SW_FEATURE (finding), &error);

  g_assert_no_error (error);
  return SW_FINDING (g_object_ref (listed));
}

static void
add_stop_at (Fixture    *fixture,
             double      east,
             double      north,
             const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwStop) stop = sw_stop_new ();
  double lon, lat;

  g_assert_true (sw_crs_transform_inverse (fixture->transform, fixture->x0 + east,
                                           fixture->y0 + north, &lon, &lat));
  sw_stop_set_walk_uuid (stop, sw_feature_get_uuid (SW_FEATURE (fixture->walk)));
  sw_stop_set_name (stop, name);
  sw_stop_set_number (stop, 1);
  sw_stop_set_longitude (stop, lon);
  sw_stop_set_latitude (stop, lat);
  g_assert_nonnull (sw_project_add (fixture->project, SW_FEATURE (stop), &error));
  g_assert_no_error (error);
}

static void
group (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;

  g_assert_true (sw_project_group_places (fixture->project, 0, NULL, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static SwPlace *
place_of (Fixture   *fixture,
          SwFinding *finding)
{
  return SW_PLACE (sw_project_lookup (fixture->project, SW_KIND_PLACE,
                                      sw_finding_get_place_uuid (finding)));
}

/* Reopens the file, so that what is checked next is what was stored. */
static void
reopen (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (fixture->path);
  g_autofree char *walk_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (fixture->walk)));

  sw_project_close (fixture->project);
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->walk);
  fixture->project = sw_project_open (file, &error);
  g_assert_no_error (error);
  fixture->walk = SW_WALK (g_object_ref (sw_project_lookup (fixture->project, SW_KIND_WALK, walk_uuid)));
}

static SwFinding *
reload (Fixture   *fixture,
        SwFinding *finding)
{
  return SW_FINDING (sw_project_lookup (fixture->project, SW_KIND_FINDING,
                                        sw_feature_get_uuid (SW_FEATURE (finding))));
}

/* 24 m apart join, 26 m apart do not, and a chain joins through its links:
 * metres on the ground, not degrees. */
static void
test_distance_in_metres (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (SwFinding) a = add_finding_at (fixture, NULL, 0, 0, "a");
  g_autoptr (SwFinding) b = add_finding_at (fixture, NULL, 24, 0, "b");
  g_autoptr (SwFinding) c = add_finding_at (fixture, NULL, 48, 0, "c, chained through b");
  g_autoptr (SwFinding) d = add_finding_at (fixture, NULL, 48, 26, "d, 26 m north of c");
  /* Northward degrees are shorter than eastward ones are not: 24 m north. */
  g_autoptr (SwFinding) e = add_finding_at (fixture, NULL, 0, -24, "e, 24 m south of a");
  SwPlace *place;
  double x, y;

  group (fixture);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 2);
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, b)), ==, sw_finding_get_place_uuid (a));
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, c)), ==, sw_finding_get_place_uuid (a));
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, e)), ==, sw_finding_get_place_uuid (a));
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, d)), !=, sw_finding_get_place_uuid (a));
  g_assert_false (sw_finding_get_place_pinned (reload (fixture, a)));

  /* The place lies at the centre of its findings, in metres. */
  place = place_of (fixture, reload (fixture, a));
  g_assert_true (sw_crs_transform_forward (fixture->transform, sw_place_get_longitude (place),
                                           sw_place_get_latitude (place), &x, &y));
  g_assert_cmpfloat_with_epsilon (x - fixture->x0, (0 + 24 + 48 + 0) / 4.0, 0.01);
  g_assert_cmpfloat_with_epsilon (y - fixture->y0, (0 + 0 + 0 - 24) / 4.0, 0.01);

  /* A wider distance from the project's setting joins d too. */
  g_assert_true (sw_project_set_setting (fixture->project, SW_PLACE_DISTANCE_SETTING, "30", NULL));
  g_assert_cmpfloat (sw_project_get_place_distance (fixture->project), ==, 30.0);
  group (fixture);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 1);
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, d)), ==,
                   sw_finding_get_place_uuid (reload (fixture, a)));
}

/* A place keeps its uuid when grouped again, and a finding made months later
 * at the same corner, on another walk, joins it. */
static void
test_identity_across_walks (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwFinding) a = add_finding_at (fixture, NULL, 0, 0, "Mörk gångtunnel");
  g_autoptr (SwFinding) b = add_finding_at (fixture, NULL, 10, 5, "Trasig lampa");
  g_autoptr (SwWalk) later = sw_walk_new ();
  g_autoptr (SwFinding) c = NULL;
  g_autofree char *place_uuid = NULL;
  SwWalk *listed_later;

  add_stop_at (fixture, 30, 0, "Gångtunneln vid stationen");
  group (fixture);
  place_uuid = g_strdup (sw_finding_get_place_uuid (reload (fixture, a)));
  g_assert_nonnull (place_uuid);
  g_assert_cmpstr (sw_place_get_name (place_of (fixture, reload (fixture, a))), ==,
                   "Gångtunneln vid stationen");
  g_assert_false (sw_place_get_user_named (place_of (fixture, reload (fixture, a))));
  g_assert_cmpstr (sw_project_get_undo_label (fixture->project), ==, "Group Places");

  /* Grouping again with nothing new adds no undo step: one undo takes the
   * first grouping back. */
  group (fixture);
  g_assert_true (sw_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 0);
  g_assert_true (sw_project_redo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 1);

  sw_walk_set_title (later, "Centrum, uppföljning");
  sw_walk_set_date (later, "2026-04-20");
  listed_later = SW_WALK (sw_project_add (fixture->project, SW_FEATURE (later), &error));
  g_assert_no_error (error);
  c = add_finding_at (fixture, listed_later, -12, 8, "Fortfarande mörkt");
  reopen (fixture);
  group (fixture);

  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 1);
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, c)), ==, place_uuid);
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, a)), ==, place_uuid);
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, b)), ==, place_uuid);

  /* Grouping is one undo step: undone, the new finding has no place again. */
  g_assert_true (sw_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_null (sw_finding_get_place_uuid (reload (fixture, c)));
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, a)), ==, place_uuid);
}

/* A name the user gives survives grouping; a blank one gives the place back
 * the nearest stop's name. */
static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwFinding) a = add_finding_at (fixture, NULL, 0, 0, "a");
  g_autoptr (SwFinding) far = add_finding_at (fixture, NULL, 1000, 0, "far from any stop");
  SwPlace *place;

  add_stop_at (fixture, 40, 0, "Torget");
  group (fixture);
  place = place_of (fixture, reload (fixture, a));
  g_assert_cmpstr (sw_place_get_name (place), ==, "Torget");
  g_assert_cmpstr (sw_place_get_name (place_of (fixture, reload (fixture, far))), ==, "Place 1");

  g_assert_true (sw_project_rename_place (fixture->project, place, "  Torgets norra hörn ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sw_project_get_undo_label (fixture->project), ==, "Rename Place");
  reopen (fixture);
  group (fixture);
  place = place_of (fixture, reload (fixture, a));
  g_assert_cmpstr (sw_place_get_name (place), ==, "Torgets norra hörn");
  g_assert_true (sw_place_get_user_named (place));

  g_assert_true (sw_project_rename_place (fixture->project, place, "", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sw_place_get_name (place), ==, "Torget");
  g_assert_false (sw_place_get_user_named (place));
}

/* A finding split out of its place stays out when grouped again, and a new
 * finding beside it alone joins its new place. */
static void
test_split_survives (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwFinding) a = add_finding_at (fixture, NULL, 0, 0, "a");
  g_autoptr (SwFinding) b = add_finding_at (fixture, NULL, 15, 0, "b");
  g_autoptr (SwFinding) c = add_finding_at (fixture, NULL, 30, 0, "c, to be split out");
  g_autoptr (SwFinding) d = NULL;
  g_autofree char *old_uuid = NULL;
  g_autofree char *new_uuid = NULL;
  SwPlace *split;

  group (fixture);
  old_uuid = g_strdup (sw_finding_get_place_uuid (reload (fixture, c)));
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 1);

  split = sw_project_split_finding (fixture->project, reload (fixture, c), &error);
  g_assert_no_error (error);
  g_assert_nonnull (split);
  new_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (split)));
  g_assert_cmpstr (new_uuid, !=, old_uuid);
  g_assert_true (sw_finding_get_place_pinned (reload (fixture, c)));
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 2);

  reopen (fixture);
  group (fixture);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 2);
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, c)), ==, new_uuid);
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, b)), ==, old_uuid);
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, a)), ==, old_uuid);

  /* 20 m beyond c, 35 m from b: it joins c's own place. */
  d = add_finding_at (fixture, NULL, 50, 0, "d, beside c");
  group (fixture);
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, d)), ==, new_uuid);

  /* Given back to the grouping, c rejoins its neighbours' place. */
  g_assert_true (sw_project_move_finding (fixture->project, reload (fixture, c), NULL, &error));
  g_assert_no_error (error);
  group (fixture);
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, c)), ==,
                   sw_finding_get_place_uuid (reload (fixture, a)));
}

/* Two places merged stay one, with the measures of both, when grouped again. */
static void
test_merge_survives (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwFinding) a = add_finding_at (fixture, NULL, 0, 0, "a");
  g_autoptr (SwFinding) b = add_finding_at (fixture, NULL, 100, 0, "b, across the square");
  g_autoptr (SwMeasure) measure = sw_measure_new ();
  g_autoptr (SwFinding) c = NULL;
  g_autofree char *target_uuid = NULL;
  g_autofree char *other_uuid = NULL;
  SwMeasure *listed_measure;

  group (fixture);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 2);
  target_uuid = g_strdup (sw_finding_get_place_uuid (reload (fixture, a)));
  other_uuid = g_strdup (sw_finding_get_place_uuid (reload (fixture, b)));

  sw_measure_set_place_uuid (measure, other_uuid);
  sw_measure_set_measure_type (measure, "lighting");
  sw_measure_set_status (measure, "proposed");
  listed_measure = SW_MEASURE (sw_project_add (fixture->project, SW_FEATURE (measure), &error));
  g_assert_no_error (error);

  g_assert_false (sw_project_merge_places (fixture->project, place_of (fixture, reload (fixture, a)),
                                           place_of (fixture, reload (fixture, a)), &error));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (sw_project_merge_places (fixture->project, place_of (fixture, reload (fixture, a)),
                                          place_of (fixture, reload (fixture, b)), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sw_project_get_undo_label (fixture->project), ==, "Merge Places");
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 1);
  g_assert_null (sw_project_lookup (fixture->project, SW_KIND_PLACE, other_uuid));
  g_assert_cmpstr (sw_measure_get_place_uuid (listed_measure), ==, target_uuid);

  reopen (fixture);
  group (fixture);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 1);
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, b)), ==, target_uuid);

  /* A new finding near either end joins the merged place. */
  c = add_finding_at (fixture, NULL, 110, 0, "c, near b");
  group (fixture);
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, c)), ==, target_uuid);

  /* Undo takes the last grouping back, then the merge: two places again. */
  g_assert_true (sw_project_undo (fixture->project, &error));
  g_assert_true (sw_project_undo (fixture->project, &error));
  g_assert_no_error (error);
}

/* Deleting a place leaves its findings without one, as one undo step, and
 * the next grouping gives them a place again. */
static void
test_delete_place (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwFinding) a = add_finding_at (fixture, NULL, 0, 0, "a");
  g_autoptr (SwFinding) b = add_finding_at (fixture, NULL, 10, 0, "b");
  g_autofree char *uuid = NULL;

  group (fixture);
  uuid = g_strdup (sw_finding_get_place_uuid (a));
  g_assert_true (sw_project_split_finding (fixture->project, b, &error) != NULL);
  g_assert_true (sw_finding_get_place_pinned (b));
  g_assert_true (sw_project_remove (fixture->project, SW_FEATURE (place_of (fixture, b)), &error));
  g_assert_no_error (error);
  g_assert_null (sw_finding_get_place_uuid (b));
  g_assert_false (sw_finding_get_place_pinned (b));
  g_assert_cmpstr (sw_finding_get_place_uuid (a), ==, uuid);

  g_assert_true (sw_project_undo (fixture->project, &error));
  g_assert_nonnull (sw_finding_get_place_uuid (b));
  g_assert_true (sw_finding_get_place_pinned (b));
  g_assert_true (sw_project_redo (fixture->project, &error));
  g_assert_no_error (error);

  /* Free again, b joins its neighbour's place. */
  group (fixture);
  g_assert_cmpstr (sw_finding_get_place_uuid (b), ==, uuid);
}

/* A finding whose geometry an import left empty is reported, not grouped,
 * and does not stop the others. */
static void
test_empty_geometry (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (SwFinding) a = add_finding_at (fixture, NULL, 0, 0, "a");
  g_autoptr (SwFinding) broken = add_finding_at (fixture, NULL, 5, 0, "Utan position efter import");
  g_autofree char *broken_uuid = g_strdup (sw_feature_get_uuid (SW_FEATURE (broken)));
  const char *const drivers[] = { "GPKG", NULL };
  GDALDatasetH dataset;
  OGRLayerH layer;
  OGRFeatureH row;
  OGRGeometryH empty;

  /* Empty the geometry behind the project's back, as a broken import would. */
  sw_project_close (fixture->project);
  dataset = GDALOpenEx (fixture->path, GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, NULL, NULL);
  g_assert_nonnull (dataset);
  layer = GDALDatasetGetLayerByName (dataset, "findings");
  OGR_L_SetAttributeFilter (layer, "note = 'Utan position efter import'");
  row = OGR_L_GetNextFeature (layer);
  g_assert_nonnull (row);
  empty = OGR_G_CreateGeometry (wkbPoint);
  OGR_F_SetGeometryDirectly (row, empty);
  g_assert_cmpint (OGR_L_SetFeature (layer, row), ==, OGRERR_NONE);
  OGR_F_Destroy (row);
  GDALClose (dataset);
  g_clear_object (&fixture->walk);
  g_clear_object (&fixture->project);
  {
    g_autoptr (GFile) file = g_file_new_for_path (fixture->path);

    fixture->project = sw_project_open (file, &error);
    g_assert_no_error (error);
  }

  g_assert_true (sw_project_group_places (fixture->project, 0, NULL, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (problems->pdata[0], "Utan position efter import"));
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 1);
  g_assert_nonnull (sw_finding_get_place_uuid (reload (fixture, a)));
  g_assert_null (sw_finding_get_place_uuid (SW_FINDING (sw_project_lookup (fixture->project,
                                                                            SW_KIND_FINDING,
                                                                            broken_uuid))));
  fixture->walk = g_list_model_get_item (sw_project_get_walks (fixture->project), 0);
}

static void
on_grouped (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* In a worker thread: the heavy part off the main thread, the result stored
 * on it; an edit in between makes the result stale, and it is refused. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (SwFinding) a = add_finding_at (fixture, NULL, 0, 0, "a");
  g_autoptr (SwFinding) b = add_finding_at (fixture, NULL, 200, 0, "b");
  g_autoptr (SwFinding) c = NULL;

  sw_project_group_places_async (fixture->project, 0, NULL, on_grouped, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sw_project_group_places_finish (fixture->project, result, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 2);
  g_clear_object (&result);

  sw_project_group_places_async (fixture->project, 0, NULL, on_grouped, &result);
  c = add_finding_at (fixture, NULL, 5, 0, "c, added while grouping");
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sw_project_group_places_finish (fixture->project, result, NULL, &error));
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_INVALID);
  g_assert_null (sw_finding_get_place_uuid (reload (fixture, c)));
  g_clear_error (&error);
  g_clear_object (&result);

  /* Cancelled, nothing is stored. */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    sw_project_group_places_async (fixture->project, 0, cancellable, on_grouped, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (sw_project_group_places_finish (fixture->project, result, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (sw_finding_get_place_uuid (reload (fixture, c)));
  }
}

/* A place made by hand (or left empty) takes the findings made there. */
static void
test_empty_place_adopted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwPlace) place = sw_place_new ();
  g_autoptr (SwFinding) a = NULL;
  SwPlace *listed;
  double lon, lat;

  g_assert_true (sw_crs_transform_inverse (fixture->transform, fixture->x0 + 10, fixture->y0,
                                           &lon, &lat));
  sw_place_set_name (place, "Gångtunneln");
  sw_place_set_user_named (place, TRUE);
  sw_place_set_longitude (place, lon);
  sw_place_set_latitude (place, lat);
  listed = SW_PLACE (sw_project_add (fixture->project, SW_FEATURE (place), &error));
  g_assert_no_error (error);

  a = add_finding_at (fixture, NULL, 0, 0, "a");
  group (fixture);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 1);

  /* One made by hand where nothing was found yet stays while it has the
   * user's name; without one, grouping clears it away. */
  {
    g_autoptr (SwPlace) lonely = sw_place_new ();
    SwPlace *listed_lonely;

    g_assert_true (sw_crs_transform_inverse (fixture->transform, fixture->x0 + 500, fixture->y0,
                                             &lon, &lat));
    sw_place_set_name (lonely, "Busskuren");
    sw_place_set_user_named (lonely, TRUE);
    sw_place_set_longitude (lonely, lon);
    sw_place_set_latitude (lonely, lat);
    listed_lonely = SW_PLACE (sw_project_add (fixture->project, SW_FEATURE (lonely), &error));
    g_assert_no_error (error);
    group (fixture);
    g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 2);
    g_assert_true (sw_project_rename_place (fixture->project, listed_lonely, NULL, &error));
    g_assert_no_error (error);
    group (fixture);
    g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 1);
  }
  g_assert_cmpstr (sw_finding_get_place_uuid (reload (fixture, a)), ==,
                   sw_feature_get_uuid (SW_FEATURE (listed)));
  g_assert_cmpstr (sw_place_get_name (listed), ==, "Gångtunneln");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  g_test_add ("/places/distance-in-metres", Fixture, NULL, fixture_set_up,
              test_distance_in_metres, fixture_tear_down);
  g_test_add ("/places/identity-across-walks", Fixture, NULL, fixture_set_up,
              test_identity_across_walks, fixture_tear_down);
  g_test_add ("/places/rename", Fixture, NULL, fixture_set_up, test_rename, fixture_tear_down);
  g_test_add ("/places/split-survives", Fixture, NULL, fixture_set_up, test_split_survives,
              fixture_tear_down);
  g_test_add ("/places/merge-survives", Fixture, NULL, fixture_set_up, test_merge_survives,
              fixture_tear_down);
  g_test_add ("/places/empty-geometry", Fixture, NULL, fixture_set_up, test_empty_geometry,
              fixture_tear_down);
  g_test_add ("/places/delete-place", Fixture, NULL, fixture_set_up, test_delete_place,
              fixture_tear_down);
  g_test_add ("/places/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);
  g_test_add ("/places/empty-place-adopted", Fixture, NULL, fixture_set_up,
              test_empty_place_adopted, fixture_tear_down);

  return g_test_run ();
}
