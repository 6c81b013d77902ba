/* The worked example of docs/priority.md, built in a real project file:
 * every score, the ranking and the reasons must be the document's. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <glib/gstdio.h>
#include <gdal.h>

#include "sw-crs-transform.h"
#include "sw-place-grouping.h"
#include "sw-place-priority.h"
#include "sw-project.h"

typedef struct
{
  const char *id;
  const char *place;
  const char *category;
  int severity;
  const char *light;
  int walk;
  const char *unsafe_for;
} ExampleFinding;

/* The table of docs/priority.md, "Worked example". */
static const ExampleFinding example[] = {
  { "f1", "Gångtunneln", "lighting", 3, "dark", 1, "women" },
  { "f2", "Gångtunneln", "passages", 2, "dark", 1, "women,elderly" },
  { "f3", "Gångtunneln", "lighting", 2, "dark", 2, NULL },
  { "f4", "Gångtunneln", "positive", 0, "dark", 2, NULL },
  { "f5", "Stadsparken", "vegetation", 3, "dark", 1, "everyone" },
  { "f6", "Stadsparken", "overview", 3, "daylight", 1, NULL },
  { "f7", "Drottninggatan", "maintenance", 2, "daylight", 1, NULL },
  { "f8", "Drottninggatan", "wayfinding", 1, "daylight", 2, NULL },
  { "f9", "Drottninggatan", "traffic", 3, "dark", 2, "young" },
  { "f10", "Resecentrum", "positive", 0, "dark", 1, NULL },
};

/* The places lie 200 m apart on a line through Katrineholm; their stops
 * name them. */
static const char *const place_names[] = { "Gångtunneln", "Stadsparken", "Drottninggatan",
                                           "Resecentrum" };

typedef struct
{
  char *dir;
  SwProject *project;
} Fixture;

static guint
place_number (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (place_names); i++)
    if (g_str_equal (place_names[i], name))
      return i;
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwCrsTransform) transform = sw_crs_transform_new ("EPSG:3006", &error);
  g_autoptr (GPtrArray) features = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) walks = NULL;
  g_autoptr (SwWalk) walk1 = sw_walk_new ();
  g_autoptr (SwWalk) walk2 = sw_walk_new ();
  double x0, y0;

  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("sw-test-priority-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "Katrineholm.gpkg", NULL);
  file = g_file_new_for_path (path);
  fixture->project = sw_project_create (file, "Trygghetsvandringar i Katrineholm", "Katrineholm",
                                        &error);
  g_assert_no_error (error);
  g_assert_true (sw_crs_transform_forward (transform, 16.2066, 58.9960, &x0, &y0));

  sw_walk_set_title (walk1, "Centrum, oktober");
  sw_walk_set_date (walk1, "2025-10-14");
  sw_walk_set_light (walk1, "dark");
  sw_walk_set_title (walk2, "Centrum, uppföljning");
  sw_walk_set_date (walk2, "2026-04-20");
  g_ptr_array_add (features, g_object_ref (walk1));
  g_ptr_array_add (features, g_object_ref (walk2));
  walks = sw_project_add_many (fixture->project, features, "Add Walks", &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (features, 0);

  for (guint i = 0; i < G_N_ELEMENTS (place_names); i++)
    {
      SwStop *stop = sw_stop_new ();
      double lon, lat;

      g_assert_true (sw_crs_transform_inverse (transform, x0 + 200.0 * i, y0, &lon, &lat));
      sw_stop_set_walk_uuid (stop, sw_feature_get_uuid (walks->pdata[0]));
      sw_stop_set_number (stop, (int) i + 1);
      sw_stop_set_name (stop, place_names[i]);
      sw_stop_set_longitude (stop, lon);
      sw_stop_set_latitude (stop, lat + 0.0001);
      g_ptr_array_add (features, stop);
    }

  for (guint i = 0; i < G_N_ELEMENTS (example); i++)
    {
      SwFinding *finding = sw_finding_new ();
      guint p = place_number (example[i].place);
      double lon, lat;

      /* Findings of a place within 10 m of each other. */
      g_assert_true (sw_crs_transform_inverse (transform, x0 + 200.0 * p + 3.0 * (i % 3),
                                               y0 + 2.0 * (i % 2), &lon, &lat));
      sw_finding_set_walk_uuid (finding, sw_feature_get_uuid (walks->pdata[example[i].walk - 1]));
      sw_finding_set_category (finding, example[i].category);
      sw_finding_set_severity (finding, example[i].severity);
      sw_finding_set_light (finding, example[i].light);
      sw_finding_set_unsafe_for (finding, example[i].unsafe_for);
      sw_finding_set_note (finding, example[i].id);
      sw_finding_set_longitude (finding, lon);
      sw_finding_set_latitude (finding, lat);
      g_ptr_array_add (features, finding);
    }
  g_clear_pointer (&walks, g_ptr_array_unref);
  walks = sw_project_add_many (fixture->project, features, "Add Example", &error);
  g_assert_no_error (error);

  g_assert_true (sw_project_group_places (fixture->project, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), ==, 4);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  sw_project_close (fixture->project);
  g_clear_object (&fixture->project);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static SwPlacePriority *
ranked (GListModel *ranking,
        guint       rank)
{
  g_autoptr (SwPlacePriority) item = g_list_model_get_item (ranking, rank - 1);

  g_assert_cmpuint (sw_place_priority_get_rank (item), ==, rank);
  return item;
}

static SwPriorityReason *
reason_of (SwPlacePriority     *item,
           SwPriorityReasonKind kind)
{
  GPtrArray *reasons = sw_place_priority_get_reasons (item);

  for (guint i = 0; i < reasons->len; i++)
    if (((SwPriorityReason *) reasons->pdata[i])->kind == kind)
      return reasons->pdata[i];
  return NULL;
}

static void
test_worked_example (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GListModel) ranking = sw_project_rank_places (fixture->project, NULL);
  SwPlacePriority *tunnel, *street, *park, *station;
  g_autofree char *explanation = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (ranking), ==, 4);
  tunnel = ranked (ranking, 1);
  street = ranked (ranking, 2);
  park = ranked (ranking, 3);
  station = ranked (ranking, 4);

  g_assert_cmpstr (sw_place_get_name (sw_place_priority_get_place (tunnel)), ==, "Gångtunneln");
  g_assert_cmpstr (sw_place_get_name (sw_place_priority_get_place (street)), ==, "Drottninggatan");
  g_assert_cmpstr (sw_place_get_name (sw_place_priority_get_place (park)), ==, "Stadsparken");
  g_assert_cmpstr (sw_place_get_name (sw_place_priority_get_place (station)), ==, "Resecentrum");

  g_assert_cmpfloat_with_epsilon (sw_place_priority_get_score (tunnel), 23.22, 1e-9);
  g_assert_cmpfloat_with_epsilon (sw_place_priority_get_score (street), 11.385, 1e-9);
  g_assert_cmpfloat_with_epsilon (sw_place_priority_get_score (park), 11.34, 1e-9);
  g_assert_cmpfloat (sw_place_priority_get_score (station), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (sw_place_priority_get_relative (park), 11.34 / 23.22, 1e-9);

  /* Gångtunneln's reasons, as the document lists them. */
  g_assert_cmpuint (sw_place_priority_get_n_findings (tunnel), ==, 3);
  g_assert_cmpuint (sw_place_priority_get_n_positive (tunnel), ==, 1);
  g_assert_cmpuint (sw_place_priority_get_n_walks (tunnel), ==, 2);
  g_assert_cmpuint (sw_place_priority_get_n_dark (tunnel), ==, 3);
  g_assert_cmpint (sw_place_priority_get_max_severity (tunnel), ==, 3);
  g_assert_cmpint (sw_place_priority_get_severity_sum (tunnel), ==, 7);
  g_assert_cmpstr (sw_place_priority_get_unsafe_for (tunnel), ==, "women,elderly");
  g_assert_cmpfloat_with_epsilon (reason_of (tunnel, SW_PRIORITY_REASON_FINDINGS)->value, 7.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (reason_of (tunnel, SW_PRIORITY_REASON_CATEGORY)->value, 1.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (reason_of (tunnel, SW_PRIORITY_REASON_DARKNESS)->value, 4.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (reason_of (tunnel, SW_PRIORITY_REASON_WALKS)->value, 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (reason_of (tunnel, SW_PRIORITY_REASON_GROUPS)->value, 1.2, 1e-9);
  g_assert_nonnull (reason_of (tunnel, SW_PRIORITY_REASON_POSITIVE));
  g_assert_cmpstr (reason_of (tunnel, SW_PRIORITY_REASON_WALKS)->label, ==, "Reported on 2 walks: ×1.5");
  g_assert_cmpstr (reason_of (tunnel, SW_PRIORITY_REASON_GROUPS)->label, ==,
                   "Feels unsafe for Women, Elderly: ×1.2");

  /* "Alla" is all four groups; one walk adds nothing. */
  g_assert_cmpfloat_with_epsilon (reason_of (park, SW_PRIORITY_REASON_GROUPS)->value, 1.4, 1e-9);
  g_assert_null (reason_of (park, SW_PRIORITY_REASON_WALKS));
  g_assert_cmpstr (sw_place_priority_get_unsafe_for (park), ==, "women,elderly,young,disabilities");

  explanation = sw_place_priority_dup_explanation (tunnel);
  g_assert_true (g_str_has_prefix (explanation, "Rank 1 of 4, score 23.2\n"));

  g_assert_true (sw_place_ranking_lookup (ranking, sw_feature_get_uuid (SW_FEATURE (sw_place_priority_get_place (park)))) == park);
}

/* Weights kept in the project change the ranking, the same on every
 * opening: without the walk factor Stadsparken passes Drottninggatan. */
static void
test_project_weights (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwPriorityWeights) weights = sw_priority_weights_new_for_project (fixture->project);
  g_autoptr (SwPriorityWeights) stored = NULL;
  g_autoptr (GListModel) ranking = NULL;

  g_assert_cmpfloat (sw_priority_weights_get_category (weights, "passages"), ==, 1.3);
  g_assert_cmpfloat (sw_priority_weights_get_darkness (weights), ==, 1.5);
  sw_priority_weights_set_per_walk (weights, 0.0);
  sw_priority_weights_set_category (weights, "maintenance", 1.0);
  g_assert_true (sw_project_set_priority_weights (fixture->project, weights, &error));
  g_assert_no_error (error);

  stored = sw_priority_weights_new_for_project (fixture->project);
  g_assert_cmpfloat (sw_priority_weights_get_per_walk (stored), ==, 0.0);
  g_assert_cmpfloat (sw_priority_weights_get_category (stored, "maintenance"), ==, 1.0);

  ranking = sw_project_rank_places (fixture->project, NULL);
  /* Stadsparken 8.1 × 1.4 = 11.34; Drottninggatan (2 + 0.8 + 4.5) × 1.1 = 8.03. */
  g_assert_cmpstr (sw_place_get_name (sw_place_priority_get_place (ranked (ranking, 2))), ==,
                   "Stadsparken");
  g_assert_cmpfloat_with_epsilon (sw_place_priority_get_score (ranked (ranking, 3)), 8.03, 1e-9);
  g_assert_cmpfloat_with_epsilon (sw_place_priority_get_score (ranked (ranking, 1)), 12.9 * 1.2, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  g_test_add ("/priority/worked-example", Fixture, NULL, fixture_set_up, test_worked_example,
              fixture_tear_down);
  g_test_add ("/priority/project-weights", Fixture, NULL, fixture_set_up, test_project_weights,
              fixture_tear_down);

  return g_test_run ();
}
