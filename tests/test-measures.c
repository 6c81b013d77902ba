/* Measures through their lifecycle in a real project file: each status
 * change kept with its day, the rules that refuse what cannot be right,
 * and undo. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gdal.h>

#include "sw-project.h"

typedef struct
{
  char *dir;
  char *path;
  SwProject *project;
  SwMeasure *measure;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (SwMeasure) measure = sw_measure_new ();
  g_autoptr (SwPlace) place = sw_place_new ();
  SwFeature *listed_place;

  fixture->dir = g_dir_make_tmp ("sw-test-measures-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "Degerfors.gpkg", NULL);
  file = g_file_new_for_path (fixture->path);
  fixture->project = sw_project_create (file, "Trygghetsvandring Degerfors", "Degerfors", &error);
  g_assert_no_error (error);

  sw_place_set_name (place, "Gångbron över Letälven");
  sw_place_set_longitude (place, 14.4300);
  sw_place_set_latitude (place, 59.2370);
  listed_place = sw_project_add (fixture->project, SW_FEATURE (place), &error);
  g_assert_no_error (error);

  sw_measure_set_place_uuid (measure, sw_feature_get_uuid (listed_place));
  sw_measure_set_measure_type (measure, "lighting");
  sw_measure_set_description (measure, "Belysning längs gångbron");
  sw_measure_set_responsible (measure, "municipality");
  sw_measure_set_responsible_unit (measure, "Gatu- och parkförvaltningen");
  sw_measure_set_due_date (measure, "2026-12-15");
  sw_measure_set_cost (measure, 85000);
  sw_measure_set_status (measure, "proposed");
  fixture->measure = SW_MEASURE (g_object_ref (sw_project_add (fixture->project,
                                                               SW_FEATURE (measure), &error)));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->measure);
  sw_project_close (fixture->project);
  g_clear_object (&fixture->project);
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

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
check_history (Fixture    *fixture,
               const char *expected)
{
  g_autoptr (GPtrArray) history = sw_project_list_status_changes (fixture->project, fixture->measure);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < history->len; i++)
    {
      SwStatusChange *change = history->pdata[i];

      g_string_append_printf (text, "%s%s %s%s%s", i > 0 ? "; " : "",
                              sw_status_change_get_date (change),
                              sw_status_change_get_status (change),
                              sw_status_change_get_note (change) != NULL ? " " : "",
                              sw_status_change_get_note (change) != NULL
                                ? sw_status_change_get_note (change) : "");
    }
  g_assert_cmpstr (text->str, ==, expected);
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *now = today ();
  g_autofree char *expected = NULL;
  g_autofree char *decided = NULL;
  g_autoptr (GFile) file = NULL;

  /* A new measure starts its history with its status, today. */
  expected = g_strdup_printf ("%s proposed", now);
  check_history (fixture, expected);
  g_assert_null (sw_project_dup_decision_date (fixture->project, fixture->measure));

  g_assert_true (sw_project_set_measure_status (fixture->project, fixture->measure, "decided",
                                                "2026-11-05", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sw_measure_get_status (fixture->measure), ==, "decided");
  g_assert_cmpstr (sw_project_get_undo_label (fixture->project), ==, "Change Status");
  decided = sw_project_dup_decision_date (fixture->project, fixture->measure);
  g_assert_cmpstr (decided, ==, "2026-11-05");

  g_assert_true (sw_project_set_measure_status (fixture->project, fixture->measure, "in-progress",
                                                "2026-11-20", NULL, &error));
  g_assert_true (sw_project_set_measure_status (fixture->project, fixture->measure, "done",
                                                "2026-12-10", NULL, &error));
  g_assert_true (sw_project_set_measure_status (fixture->project, fixture->measure, "followed-up",
                                                "2027-04-20", "better", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sw_measure_get_effect (fixture->measure), ==, "better");

  /* Kept in the file, in date order (the first change, dated today, sorts
   * by its date among the rest). */
  file = g_file_new_for_path (fixture->path);
  sw_project_close (fixture->project);
  g_clear_object (&fixture->project);
  fixture->project = sw_project_open (file, &error);
  g_assert_no_error (error);
  g_set_object (&fixture->measure, g_list_model_get_item (sw_project_get_measures (fixture->project), 0));
  g_object_unref (fixture->measure);
  {
    g_autoptr (GPtrArray) history = sw_project_list_status_changes (fixture->project, fixture->measure);
    guint n = history->len;

    g_assert_cmpuint (n, ==, 5);
    g_assert_cmpstr (sw_status_change_get_status (history->pdata[n - 1]), ==, "followed-up");
    g_assert_cmpstr (sw_status_change_get_date (history->pdata[n - 1]), ==, "2027-04-20");
    g_assert_cmpstr (sw_status_change_get_note (history->pdata[n - 1]), ==, "better");
  }

  /* Undo takes the last change and its history row back together. */
  g_assert_false (sw_project_can_undo (fixture->project));
  g_assert_true (sw_project_set_measure_status (fixture->project, fixture->measure, "in-progress",
                                                "2027-05-01", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_STATUS_CHANGE), ==, 6);
  g_assert_true (sw_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sw_measure_get_status (fixture->measure), ==, "followed-up");
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_STATUS_CHANGE), ==, 5);

  /* An ordinary edit of the status keeps history too, dated today. */
  g_assert_true (sw_project_edit (fixture->project, SW_FEATURE (fixture->measure), &error,
                                  "status", "in-progress", NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_STATUS_CHANGE), ==, 6);
  /* An edit that leaves the status alone adds none. */
  g_assert_true (sw_project_edit (fixture->project, SW_FEATURE (fixture->measure), &error,
                                  "description", "Belysning och röjning längs gångbron", NULL));
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_STATUS_CHANGE), ==, 6);

  /* Deleting the measure deletes its history; undo brings both back. */
  g_assert_true (sw_project_remove (fixture->project, SW_FEATURE (fixture->measure), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_STATUS_CHANGE), ==, 0);
  g_assert_true (sw_project_undo (fixture->project, &error));
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_STATUS_CHANGE), ==, 6);
}

static void
assert_refused (GError     *error,
                const char *part)
{
  g_assert_error (error, SW_PROJECT_ERROR, SW_PROJECT_ERROR_REFUSED);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, part));
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  guint n_changes;

  g_assert_true (sw_project_set_measure_status (fixture->project, fixture->measure, "decided",
                                                "2026-11-05", NULL, &error));
  g_assert_no_error (error);
  n_changes = sw_project_count (fixture->project, SW_KIND_STATUS_CHANGE);

  /* A due date before the decision, either way round. */
  g_assert_false (sw_project_edit (fixture->project, SW_FEATURE (fixture->measure), &error,
                                   "due-date", "2026-11-01", NULL));
  assert_refused (error, "before the decision on 2026-11-05");
  g_clear_error (&error);
  g_assert_cmpstr (sw_measure_get_due_date (fixture->measure), ==, "2026-12-15");
  g_assert_true (sw_project_edit (fixture->project, SW_FEATURE (fixture->measure), &error,
                                  "status", "proposed", NULL));
  /* Decided again later: the first decision stands, and it was before the
   * due date. */
  g_assert_true (sw_project_set_measure_status (fixture->project, fixture->measure, "decided",
                                                "2027-01-10", NULL, &error));
  g_assert_no_error (error);

  {
    g_autoptr (SwMeasure) late = sw_measure_new ();
    SwMeasure *listed;

    sw_measure_set_measure_type (late, "cleaning");
    sw_measure_set_due_date (late, "2026-10-01");
    sw_measure_set_status (late, "proposed");
    listed = SW_MEASURE (sw_project_add (fixture->project, SW_FEATURE (late), &error));
    g_assert_no_error (error);
    g_assert_false (sw_project_set_measure_status (fixture->project, listed, "decided",
                                                   "2026-11-05", NULL, &error));
    assert_refused (error, "The due date 2026-10-01 is before the decision on 2026-11-05");
    g_clear_error (&error);
    g_assert_cmpstr (sw_measure_get_status (listed), ==, "proposed");
  }
  n_changes = sw_project_count (fixture->project, SW_KIND_STATUS_CHANGE);

  g_assert_false (sw_project_set_measure_status (fixture->project, fixture->measure, "rejected",
                                                 "2026-11-06", NULL, &error));
  assert_refused (error, "needs a reason");
  g_clear_error (&error);
  g_assert_false (sw_project_set_measure_status (fixture->project, fixture->measure, "rejected",
                                                 "2026-11-06", "   ", &error));
  assert_refused (error, "needs a reason");
  g_clear_error (&error);
  g_assert_false (sw_project_set_measure_status (fixture->project, fixture->measure, "followed-up",
                                                 "2026-11-06", NULL, &error));
  assert_refused (error, "needs its effect");
  g_clear_error (&error);
  g_assert_false (sw_project_set_measure_status (fixture->project, fixture->measure, "finished",
                                                 "2026-11-06", NULL, &error));
  assert_refused (error, "not a known status");
  g_clear_error (&error);
  g_assert_false (sw_project_set_measure_status (fixture->project, fixture->measure, "done",
                                                 "6/11/2026", NULL, &error));
  assert_refused (error, "year-month-day");
  g_clear_error (&error);
  g_assert_false (sw_project_edit (fixture->project, SW_FEATURE (fixture->measure), &error,
                                   "cost", -500.0, NULL));
  assert_refused (error, "cannot be negative");
  g_clear_error (&error);
  g_assert_false (sw_project_edit (fixture->project, SW_FEATURE (fixture->measure), &error,
                                   "due-date", "15 december", NULL));
  assert_refused (error, "is not a due date");
  g_clear_error (&error);

  /* Nothing refused left a trace. */
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_STATUS_CHANGE), ==, n_changes);
  g_assert_cmpfloat (sw_measure_get_cost (fixture->measure), ==, 85000);

  g_assert_true (sw_project_set_measure_status (fixture->project, fixture->measure, "rejected",
                                                "2026-11-06", "Fastighetsägaren sköter belysningen",
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sw_measure_get_status_reason (fixture->measure), ==,
                   "Fastighetsägaren sköter belysningen");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  g_test_add ("/measures/lifecycle", Fixture, NULL, fixture_set_up, test_lifecycle,
              fixture_tear_down);
  g_test_add ("/measures/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);

  return g_test_run ();
}
