/* Repeat Walk and each place's before and after, as docs/priority.md
 * defines them, on a real project file in Gävle. */
#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <gdal.h>

#include "sw-crs-transform.h"
#include "sw-follow-up.h"
#include "sw-place-grouping.h"
#include "sw-project.h"

typedef struct
{
  char *dir;
  SwProject *project;
  SwCrsTransform *transform;
  double x0;
  double y0;
  SwWalk *first;
} Fixture;

static SwFeature *
add (Fixture   *fixture,
     gpointer   feature)
{
  g_autoptr (GError) error = NULL;
  SwFeature *listed = sw_project_add (fixture->project, SW_FEATURE (feature), &error);

  g_assert_no_error (error);
  g_object_unref (feature);
  return listed;
}

static void
lonlat (Fixture *fixture,
        double   east,
        double   north,
        double  *lon,
        double  *lat)
{
  g_assert_true (sw_crs_transform_inverse (fixture->transform, fixture->x0 + east,
                                           fixture->y0 + north, lon, lat));
}

static SwFinding *
add_finding (Fixture    *fixture,
             SwWalk     *walk,
             double      east,
             const char *category,
             int         severity)
{
  SwFinding *finding = sw_finding_new ();
  double lon, lat;

  lonlat (fixture, east, 0, &lon, &lat);
  sw_finding_set_walk_uuid (finding, sw_feature_get_uuid (SW_FEATURE (walk)));
  sw_finding_set_category (finding, category);
  sw_finding_set_severity (finding, severity);
  sw_finding_set_longitude (finding, lon);
  sw_finding_set_latitude (finding, lat);
  return SW_FINDING (add (fixture, finding));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  SwWalk *walk = sw_walk_new ();
  SwRoute *route = sw_route_new ();
  SwFeature *listed_route;
  double lon_a, lat_a, lon_b, lat_b;

  fixture->dir = g_dir_make_tmp ("sw-test-follow-up-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "Gävle.gpkg", NULL);
  file = g_file_new_for_path (path);
  fixture->project = sw_project_create (file, "Tillsammans mot brott", "Gävle", &error);
  g_assert_no_error (error);
  fixture->transform = sw_crs_transform_new ("EPSG:3006", &error);
  g_assert_no_error (error);
  g_assert_true (sw_crs_transform_forward (fixture->transform, 17.1413, 60.6749,
                                           &fixture->x0, &fixture->y0));

  sw_walk_set_title (walk, "Brynäs");
  sw_walk_set_date (walk, "2025-10-14");
  sw_walk_set_light (walk, "dark");
  sw_walk_set_meeting_point (walk, "Brynäs centrum");
  fixture->first = SW_WALK (g_object_ref (add (fixture, walk)));

  lonlat (fixture, -50, 0, &lon_a, &lat_a);
  lonlat (fixture, 450, 0, &lon_b, &lat_b);
  sw_route_set_walk_uuid (route, sw_feature_get_uuid (SW_FEATURE (fixture->first)));
  sw_route_set_name (route, "Norra slingan");
  sw_route_set_color (route, "#3584e4");
  sw_route_set_points (route, g_variant_new_parsed ("[(%d, %d), (%d, %d)]", lon_a, lat_a, lon_b, lat_b));
  listed_route = add (fixture, route);

  for (int i = 0; i < 2; i++)
    {
      SwStop *stop = sw_stop_new ();
      double lon, lat;

      lonlat (fixture, i * 200, 5, &lon, &lat);
      sw_stop_set_walk_uuid (stop, sw_feature_get_uuid (SW_FEATURE (fixture->first)));
      sw_stop_set_route_uuid (stop, sw_feature_get_uuid (listed_route));
      sw_stop_set_number (stop, i + 1);
      sw_stop_set_name (stop, i == 0 ? "Gångtunneln" : "Parken");
      sw_stop_set_longitude (stop, lon);
      sw_stop_set_latitude (stop, lat);
      add (fixture, stop);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->first);
  sw_project_close (fixture->project);
  g_clear_object (&fixture->project);
  g_clear_object (&fixture->transform);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
test_repeat_walk (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  SwWalk *repeat;
  GListModel *stops;
  guint n_copied = 0;

  repeat = sw_project_repeat_walk (fixture->project, fixture->first, "2026-04-20", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (repeat);
  g_assert_cmpstr (sw_project_get_undo_label (fixture->project), ==, "Repeat Walk");
  g_assert_cmpstr (sw_walk_get_title (repeat), ==, "Brynäs, follow-up");
  g_assert_cmpstr (sw_walk_get_date (repeat), ==, "2026-04-20");
  g_assert_cmpstr (sw_walk_get_light (repeat), ==, "dark");
  g_assert_cmpstr (sw_walk_get_meeting_point (repeat), ==, "Brynäs centrum");
  g_assert_cmpstr (sw_walk_get_repeats_uuid (repeat), ==, sw_feature_get_uuid (SW_FEATURE (fixture->first)));
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_ROUTE), ==, 2);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_STOP), ==, 4);

  /* The copies belong to the new walk and its own route, numbered as before. */
  stops = sw_project_get_stops (fixture->project);
  for (guint i = 0; i < g_list_model_get_n_items (stops); i++)
    {
      g_autoptr (SwStop) stop = g_list_model_get_item (stops, i);
      SwFeature *route;

      if (g_strcmp0 (sw_stop_get_walk_uuid (stop), sw_feature_get_uuid (SW_FEATURE (repeat))) != 0)
        continue;
      n_copied++;
      route = sw_project_lookup (fixture->project, SW_KIND_ROUTE, sw_stop_get_route_uuid (stop));
      g_assert_nonnull (route);
      g_assert_cmpstr (sw_route_get_walk_uuid (SW_ROUTE (route)), ==, sw_feature_get_uuid (SW_FEATURE (repeat)));
      g_assert_cmpstr (sw_route_get_name (SW_ROUTE (route)), ==, "Norra slingan");
      {
        g_autoptr (SwRoute) original = g_list_model_get_item (sw_project_get_routes (fixture->project), 0);

        g_assert_true (SW_ROUTE (route) != original);
        g_assert_true (g_variant_equal (sw_route_get_points (SW_ROUTE (route)),
                                        sw_route_get_points (original)));
      }
      g_assert_cmpstr (sw_stop_get_name (stop), ==, sw_stop_get_number (stop) == 1 ? "Gångtunneln" : "Parken");
    }
  g_assert_cmpuint (n_copied, ==, 2);

  /* One undo step takes the walk, its route and its stops back. */
  g_assert_true (sw_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_WALK), ==, 1);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_ROUTE), ==, 1);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_STOP), ==, 2);
}

static SwPlaceFollowUp *
follow_up_of (Fixture   *fixture,
              SwFinding *finding)
{
  SwFeature *place = sw_project_lookup (fixture->project, SW_KIND_PLACE,
                                        sw_finding_get_place_uuid (finding));

  g_assert_nonnull (place);
  return sw_project_follow_up_place (fixture->project, SW_PLACE (place));
}

static void
test_before_after (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwPlaceFollowUp) tunnel = NULL;
  g_autoptr (SwPlaceFollowUp) park = NULL;
  g_autoptr (SwPlaceFollowUp) corner = NULL;
  g_autoptr (SwPlaceFollowUp) again = NULL;
  SwFinding *tunnel_light, *park_bushes, *later_tunnel, *corner_new;
  SwMeasure *tunnel_measure, *park_measure;
  SwWalk *second, *third;
  SwPlaceVisit *visit;

  /* Walk 1: the tunnel, severity 3 + 2; the park, 1. */
  tunnel_light = add_finding (fixture, fixture->first, 0, "lighting", 3);
  add_finding (fixture, fixture->first, 8, "passages", 2);
  park_bushes = add_finding (fixture, fixture->first, 200, "vegetation", 1);
  g_assert_true (sw_project_group_places (fixture->project, 0, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Measures between the walks, and one after the second. */
  tunnel_measure = sw_measure_new ();
  sw_measure_set_place_uuid (tunnel_measure, sw_finding_get_place_uuid (tunnel_light));
  sw_measure_set_measure_type (tunnel_measure, "lighting");
  sw_measure_set_status (tunnel_measure, "proposed");
  tunnel_measure = SW_MEASURE (add (fixture, tunnel_measure));
  g_assert_true (sw_project_set_measure_status (fixture->project, tunnel_measure, "in-progress",
                                                "2026-01-10", NULL, &error));
  g_assert_true (sw_project_set_measure_status (fixture->project, tunnel_measure, "done",
                                                "2026-02-15", NULL, &error));
  park_measure = sw_measure_new ();
  sw_measure_set_finding_uuid (park_measure, sw_feature_get_uuid (SW_FEATURE (park_bushes)));
  sw_measure_set_measure_type (park_measure, "vegetation");
  sw_measure_set_status (park_measure, "proposed");
  park_measure = SW_MEASURE (add (fixture, park_measure));
  g_assert_true (sw_project_set_measure_status (fixture->project, park_measure, "in-progress",
                                                "2026-06-01", NULL, &error));
  g_assert_no_error (error);

  /* Only one walk so far: no verdict. */
  tunnel = follow_up_of (fixture, tunnel_light);
  g_assert_cmpint (sw_place_follow_up_get_trend (tunnel), ==, SW_TREND_NONE);
  g_assert_cmpuint (sw_place_follow_up_get_visits (tunnel)->len, ==, 1);
  g_clear_pointer (&tunnel, sw_place_follow_up_unref);

  /* Walk 2 repeats walk 1: the tunnel milder, nothing in the park, a new
   * problem at a corner walk 1 passed without a word. */
  second = sw_project_repeat_walk (fixture->project, fixture->first, "2026-04-20", NULL, &error);
  g_assert_no_error (error);
  later_tunnel = add_finding (fixture, second, -6, "lighting", 1);
  corner_new = add_finding (fixture, second, 400, "overview", 2);
  g_assert_true (sw_project_group_places (fixture->project, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sw_finding_get_place_uuid (later_tunnel), ==, sw_finding_get_place_uuid (tunnel_light));

  tunnel = follow_up_of (fixture, tunnel_light);
  g_assert_cmpuint (sw_place_follow_up_get_visits (tunnel)->len, ==, 2);
  visit = sw_place_follow_up_get_visits (tunnel)->pdata[0];
  g_assert_true (visit->walk == fixture->first);
  g_assert_cmpint (visit->severity_sum, ==, 5);
  g_assert_cmpuint (visit->findings->len, ==, 2);
  visit = sw_place_follow_up_get_visits (tunnel)->pdata[1];
  g_assert_true (visit->walk == second);
  g_assert_cmpint (visit->severity_sum, ==, 1);
  g_assert_cmpint (sw_place_follow_up_get_trend (tunnel), ==, SW_TREND_BETTER);
  g_assert_cmpstr (sw_trend_get_label (SW_TREND_BETTER), ==, "Better");
  g_assert_cmpuint (sw_place_follow_up_get_measures (tunnel)->len, ==, 1);
  g_assert_true (sw_place_follow_up_get_measures (tunnel)->pdata[0] == tunnel_measure);

  park = follow_up_of (fixture, park_bushes);
  g_assert_cmpuint (sw_place_follow_up_get_visits (park)->len, ==, 2);
  visit = sw_place_follow_up_get_visits (park)->pdata[1];
  g_assert_cmpuint (visit->findings->len, ==, 0);
  g_assert_cmpint (sw_place_follow_up_get_trend (park), ==, SW_TREND_BETTER);
  /* Work begun after the second walk is not "in between". */
  g_assert_cmpuint (sw_place_follow_up_get_measures (park)->len, ==, 0);

  corner = follow_up_of (fixture, corner_new);
  g_assert_cmpint (sw_place_follow_up_get_trend (corner), ==, SW_TREND_WORSE);

  /* Walk 3 repeats walk 2: a chain. The tunnel is back to 5: unchanged
   * since the first walk. */
  third = sw_project_repeat_walk (fixture->project, second, "2026-10-13", "Brynäs, ett år senare", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sw_walk_get_title (third), ==, "Brynäs, ett år senare");
  add_finding (fixture, third, 3, "lighting", 3);
  add_finding (fixture, third, 5, "people", 2);
  g_assert_true (sw_project_group_places (fixture->project, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  again = follow_up_of (fixture, tunnel_light);
  g_assert_cmpuint (sw_place_follow_up_get_visits (again)->len, ==, 3);
  g_assert_cmpint (sw_place_follow_up_get_trend (again), ==, SW_TREND_SAME);
  g_assert_cmpuint (sw_place_follow_up_get_measures (again)->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  g_test_add ("/follow-up/repeat-walk", Fixture, NULL, fixture_set_up, test_repeat_walk,
              fixture_tear_down);
  g_test_add ("/follow-up/before-after", Fixture, NULL, fixture_set_up, test_before_after,
              fixture_tear_down);

  return g_test_run ();
}
