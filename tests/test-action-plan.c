/* The action plan's rows on a real project file: the red, amber and green
 * of each status and of a measure past its due day, the text of Brå's
 * columns, the walk of a measure, due dates, and the copied table. */
#define G_LOG_DOMAIN "test-action-plan"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sw-action-plan.h"
#include "sw-project.h"

typedef struct
{
  char *dir;
  SwProject *project;
  SwWalk *walk;
  SwFinding *finding;
  SwPlace *place;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwWalk) walk = sw_walk_new ();
  g_autoptr (SwFinding) finding = sw_finding_new ();
  g_autoptr (SwPlace) place = sw_place_new ();

  fixture->dir = g_dir_make_tmp ("action-plan-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "plan.gpkg", NULL);
  file = g_file_new_for_path (path);
  fixture->project = sw_project_create (file, "Plan", "Katrineholm", &error);
  g_assert_no_error (error);

  sw_walk_set_title (walk, "Centrum");
  sw_walk_set_date (walk, "2026-10-15");
  fixture->walk = SW_WALK (sw_project_add (fixture->project, SW_FEATURE (walk), &error));
  g_assert_no_error (error);

  sw_finding_set_walk_uuid (finding, sw_feature_get_uuid (SW_FEATURE (fixture->walk)));
  sw_finding_set_category (finding, "lighting");
  sw_finding_set_severity (finding, 3);
  sw_finding_set_light (finding, "dark");
  sw_finding_set_note (finding, "Trasig belysning i gångtunneln.\tTvå armaturer är sönder.");
  sw_finding_set_longitude (finding, 16.199);
  sw_finding_set_latitude (finding, 58.996);
  fixture->finding = SW_FINDING (sw_project_add (fixture->project, SW_FEATURE (finding), &error));
  g_assert_no_error (error);

  sw_place_set_name (place, "Gångtunneln under järnvägen");
  sw_place_set_longitude (place, 16.199);
  sw_place_set_latitude (place, 58.996);
  fixture->place = SW_PLACE (sw_project_add (fixture->project, SW_FEATURE (place), &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "plan.gpkg", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  sw_project_close (fixture->project);
  g_clear_object (&fixture->project);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static SwMeasure *
add_measure (Fixture    *fixture,
             const char *status,
             const char *due_date)
{
  g_autoptr (SwMeasure) measure = sw_measure_new ();
  g_autoptr (GError) error = NULL;
  SwFeature *added;

  sw_measure_set_finding_uuid (measure, sw_feature_get_uuid (SW_FEATURE (fixture->finding)));
  sw_measure_set_measure_type (measure, "lighting");
  sw_measure_set_description (measure, "Byta armaturerna mot vandalsäkra LED-armaturer.");
  sw_measure_set_responsible (measure, "municipality");
  sw_measure_set_responsible_unit (measure, "Gatu- och parkförvaltningen");
  sw_measure_set_status (measure, status);
  if (g_strcmp0 (status, "rejected") == 0)
    sw_measure_set_status_reason (measure, "Ingår i belysningsprogrammet.");
  if (g_strcmp0 (status, "followed-up") == 0)
    sw_measure_set_effect (measure, "better");
  sw_measure_set_due_date (measure, due_date);
  sw_measure_set_cost (measure, 85000);

  added = sw_project_add (fixture->project, SW_FEATURE (measure), &error);
  g_assert_no_error (error);
  return SW_MEASURE (added);
}

static void
test_colors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GDate) today = g_date_new_dmy (22, 11, 2026);
  const struct
  {
    const char *status;
    const char *due;
    gboolean overdue;
    SwPlanColor color;
  } cases[] = {
    { "proposed",    "2027-01-01", FALSE, SW_PLAN_COLOR_RED },
    { "decided",     NULL,         FALSE, SW_PLAN_COLOR_RED },
    { "in-progress", "2027-01-01", FALSE, SW_PLAN_COLOR_AMBER },
    /* Late is red, whatever the work has come to. */
    { "in-progress", "2026-11-21", TRUE,  SW_PLAN_COLOR_RED },
    { "decided",     "2026-11-01", TRUE,  SW_PLAN_COLOR_RED },
    /* Due today is not yet late. */
    { "in-progress", "2026-11-22", FALSE, SW_PLAN_COLOR_AMBER },
    { "done",        "2026-01-01", FALSE, SW_PLAN_COLOR_GREEN },
    { "followed-up", "2026-01-01", FALSE, SW_PLAN_COLOR_GREEN },
    { "rejected",    "2026-01-01", FALSE, SW_PLAN_COLOR_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SwMeasure *measure = add_measure (fixture, cases[i].status, cases[i].due);

      g_assert_cmpint (sw_action_plan_is_overdue (measure, today), ==, cases[i].overdue);
      g_assert_cmpint (sw_action_plan_get_color (measure, today), ==, cases[i].color);
    }
}

static void
test_cells (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (GDate) today = g_date_new_dmy (22, 11, 2026);
  SwMeasure *measure = add_measure (fixture, "rejected", "2026-12-15");
  SwMeasure *late = add_measure (fixture, "decided", "2026-11-15");
  g_autoptr (SwMeasure) on_place = sw_measure_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *cause = NULL;
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *goal = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *place_cause = NULL;
  SwFeature *added;

  cause = sw_action_plan_dup_cell (fixture->project, measure, SW_PLAN_COLUMN_CAUSE, today);
  g_assert_cmpstr (cause, ==, "Lighting: Trasig belysning i gångtunneln.\tTvå armaturer är sönder.");
  kind = sw_action_plan_dup_cell (fixture->project, measure, SW_PLAN_COLUMN_MEASURE, today);
  g_assert_cmpstr (kind, ==, "New or better lighting");
  goal = sw_action_plan_dup_cell (fixture->project, measure, SW_PLAN_COLUMN_GOAL, today);
  g_assert_cmpstr (goal, ==, "Byta armaturerna mot vandalsäkra LED-armaturer.");
  who = sw_action_plan_dup_cell (fixture->project, measure, SW_PLAN_COLUMN_WHO, today);
  g_assert_cmpstr (who, ==, "Municipality, Gatu- och parkförvaltningen");
  when = sw_action_plan_dup_cell (fixture->project, measure, SW_PLAN_COLUMN_WHEN, today);
  g_assert_cmpstr (when, ==, "2026-12-15");
  /* The follow-up names the day the status was reached, from the history. */
  follow_up = sw_action_plan_dup_cell (fixture->project, measure, SW_PLAN_COLUMN_FOLLOW_UP, today);
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *expected = g_strdup_printf ("Rejected %s: Ingår i belysningsprogrammet.", day);

    g_assert_cmpstr (follow_up, ==, expected);
  }
  {
    g_autofree char *decided = NULL;

    g_assert_true (sw_project_set_measure_status (fixture->project, late, "in-progress", "2026-11-10", NULL, &error));
    g_assert_no_error (error);
    decided = sw_action_plan_dup_cell (fixture->project, late, SW_PLAN_COLUMN_FOLLOW_UP, today);
    g_assert_cmpstr (decided, ==, "In progress 2026-11-10");
  }

  g_clear_pointer (&when, g_free);
  when = sw_action_plan_dup_cell (fixture->project, late, SW_PLAN_COLUMN_WHEN, today);
  g_assert_cmpstr (when, ==, "2026-11-15 (overdue)");

  /* A measure on a place names the place; it has no walk of its own. */
  sw_measure_set_place_uuid (on_place, sw_feature_get_uuid (SW_FEATURE (fixture->place)));
  sw_measure_set_measure_type (on_place, "art");
  sw_measure_set_status (on_place, "proposed");
  added = sw_project_add (fixture->project, SW_FEATURE (on_place), &error);
  g_assert_no_error (error);
  place_cause = sw_action_plan_dup_cell (fixture->project, SW_MEASURE (added), SW_PLAN_COLUMN_CAUSE, today);
  g_assert_cmpstr (place_cause, ==, "The place “Gångtunneln under järnvägen”");
  g_assert_null (sw_action_plan_get_walk_uuid (fixture->project, SW_MEASURE (added)));
  g_assert_cmpstr (sw_action_plan_get_walk_uuid (fixture->project, measure), ==,
                   sw_feature_get_uuid (SW_FEATURE (fixture->walk)));

  /* The copied table: a header, then a line per measure, no stray tab. */
  {
    g_autofree char *tsv = sw_action_plan_to_tsv (fixture->project, sw_project_get_measures (fixture->project), today);
    g_auto (GStrv) lines = g_strsplit (tsv, "\n", -1);
    g_auto (GStrv) header = g_strsplit (lines[0], "\t", -1);
    g_auto (GStrv) first = g_strsplit (lines[1], "\t", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 3 + 1);
    g_assert_cmpstr (lines[4], ==, "");
    g_assert_cmpuint (g_strv_length (header), ==, SW_PLAN_N_COLUMNS + 1);
    g_assert_cmpstr (header[SW_PLAN_COLUMN_CAUSE], ==, "Cause");
    g_assert_cmpuint (g_strv_length (first), ==, SW_PLAN_N_COLUMNS + 1);
    g_assert_cmpstr (first[SW_PLAN_COLUMN_STATUS], ==, "None");
    g_assert_cmpstr (first[SW_PLAN_COLUMN_CAUSE], ==, "Lighting: Trasig belysning i gångtunneln. Två armaturer är sönder.");
    g_assert_cmpstr (first[SW_PLAN_N_COLUMNS], ==, "85000");
  }
}

static void
test_parse_date (void)
{
  GDate date;

  g_assert_true (sw_action_plan_parse_date ("2027-03-31", &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 31);
  g_assert_true (sw_action_plan_parse_date ("2028-02-29", &date));
  g_assert_false (sw_action_plan_parse_date ("2027-02-29", &date));
  g_assert_false (sw_action_plan_parse_date ("2027-13-01", &date));
  g_assert_false (sw_action_plan_parse_date ("2027-3-31", &date));
  g_assert_false (sw_action_plan_parse_date ("31/3/2027", &date));
  g_assert_false (sw_action_plan_parse_date ("2027-03-31x", &date));
  g_assert_false (sw_action_plan_parse_date ("", &date));
  g_assert_false (sw_action_plan_parse_date (NULL, &date));
}

static void
test_format_kronor (void)
{
  const struct { double kronor; const char *text; } cases[] = {
    { 0, "0 kr" },
    { 950, "950 kr" },
    { 85000, "85\u202f000 kr" },
    { 1250000.4, "1\u202f250\u202f000 kr" },
    { 999.5, "1\u202f000 kr" },
    { -1200, "−1\u202f200 kr" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sw_action_plan_format_kronor (cases[i].kronor);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/action-plan/colors", Fixture, NULL, fixture_set_up, test_colors, fixture_tear_down);
  g_test_add ("/action-plan/cells", Fixture, NULL, fixture_set_up, test_cells, fixture_tear_down);
  g_test_add_func ("/action-plan/parse-date", test_parse_date);
  g_test_add_func ("/action-plan/format-kronor", test_format_kronor);

  return g_test_run ();
}
