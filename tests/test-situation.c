/* The lägesbild's counts against counts computed independently with SQL on
 * the project file (the GeoPackage's own R-tree for the area), for the whole
 * project, a period, one walk and an area, on generated findings in
 * Haninge. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gdal.h>
#include <sqlite3.h>

#include "sw-place-grouping.h"
#include "sw-project.h"
#include "sw-situation.h"
#include "sw-vocabulary.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  char *dir;
  char *path;
  SwProject *project;
  char *walk_uuids[3];
} Fixture;

static const char *const categories[] = { "lighting", "vegetation", "overview", "wayfinding",
                                          "maintenance", "people", "passages", "walkpath",
                                          "traffic", "other", "positive" };
static const char *const statuses[] = { "proposed", "decided", "in-progress", "done", NULL };
static const char *const responsibles[] = { "municipality", "police", "housing-company", NULL };

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (20230701);
  g_autoptr (GPtrArray) features = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) added = NULL;
  static const char *const dates[] = { "2025-05-10", "2025-10-14", "2026-04-20" };
  static const char *const lights[] = { "daylight", "dark", "dark" };

  fixture->dir = g_dir_make_tmp ("sw-test-situation-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "Haninge.gpkg", NULL);
  file = g_file_new_for_path (fixture->path);
  fixture->project = sw_project_create (file, "Brottsförebyggande forum", "Haninge", &error);
  g_assert_no_error (error);

  for (guint w = 0; w < 3; w++)
    {
      SwWalk *walk = sw_walk_new ();

      sw_walk_set_title (walk, dates[w]);
      sw_walk_set_date (walk, dates[w]);
      sw_walk_set_light (walk, lights[w]);
      g_ptr_array_add (features, walk);
    }
  added = sw_project_add_many (fixture->project, features, "Add Walks", &error);
  g_assert_no_error (error);
  for (guint w = 0; w < 3; w++)
    fixture->walk_uuids[w] = g_strdup (sw_feature_get_uuid (added->pdata[w]));
  g_ptr_array_set_size (features, 0);
  g_clear_pointer (&added, g_ptr_array_unref);

  /* 300 findings in a 2 by 2 km square around Handen, a few without a walk
   * or a light; positions in clusters so that places form. */
  for (guint i = 0; i < 300; i++)
    {
      SwFinding *finding = sw_finding_new ();
      const char *category = categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))];
      double cx = 18.12 + 0.04 * (g_rand_int_range (rand, 0, 12) / 12.0);
      double cy = 59.16 + 0.02 * (g_rand_int_range (rand, 0, 12) / 12.0);
      guint w = g_rand_int_range (rand, 0, 3);

      sw_finding_set_walk_uuid (finding, i % 50 == 7 ? NULL : fixture->walk_uuids[w]);
      sw_finding_set_category (finding, category);
      sw_finding_set_severity (finding, g_str_equal (category, "positive") ? 0 : g_rand_int_range (rand, 1, 4));
      sw_finding_set_light (finding, i % 9 == 4 ? NULL : (g_rand_boolean (rand) ? "dark" : "daylight"));
      sw_finding_set_longitude (finding, cx + g_rand_double_range (rand, -0.0002, 0.0002));
      sw_finding_set_latitude (finding, cy + g_rand_double_range (rand, -0.0001, 0.0001));
      g_ptr_array_add (features, finding);
    }
  added = sw_project_add_many (fixture->project, features, "Add Findings", &error);
  g_assert_no_error (error);
  g_assert_true (sw_project_group_places (fixture->project, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sw_project_count (fixture->project, SW_KIND_PLACE), >, 20);

  g_ptr_array_set_size (features, 0);
  for (guint i = 0; i < 60; i++)
    {
      SwMeasure *measure = sw_measure_new ();
      SwFinding *finding = added->pdata[g_rand_int_range (rand, 0, added->len)];

      if (i % 2 == 0)
        sw_measure_set_finding_uuid (measure, sw_feature_get_uuid (SW_FEATURE (finding)));
      else if (i % 11 != 3)
        sw_measure_set_place_uuid (measure, sw_finding_get_place_uuid (finding));
      sw_measure_set_measure_type (measure, "other");
      sw_measure_set_status (measure, statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))]);
      sw_measure_set_responsible (measure, responsibles[g_rand_int_range (rand, 0, G_N_ELEMENTS (responsibles))]);
      sw_measure_set_due_date (measure, i % 3 == 0 ? "2026-01-31" : "2099-12-31");
      g_ptr_array_add (features, measure);
    }
  g_clear_pointer (&added, g_ptr_array_unref);
  added = sw_project_add_many (fixture->project, features, "Add Measures", &error);
  g_assert_no_error (error);
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
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  for (guint w = 0; w < 3; w++)
    g_free (fixture->walk_uuids[w]);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The findings the choice covers, in SQL: the walk's date or uuid, and the
 * R-tree of the findings' geometry for the area. */
static char *
chosen_findings_sql (const SwSituationChoice *choice)
{
  GString *sql = g_string_new ("SELECT f.fid FROM findings f LEFT JOIN walks w ON w.uuid = f.walk_uuid"
                               " JOIN rtree_findings_geom r ON r.id = f.fid WHERE 1");

  if (choice->walk_uuid != NULL)
    g_string_append_printf (sql, " AND w.uuid = '%s'", choice->walk_uuid);
  if (choice->from != NULL)
    g_string_append_printf (sql, " AND w.date >= '%s'", choice->from);
  if (choice->to != NULL)
    g_string_append_printf (sql, " AND w.date <= '%s'", choice->to);
  if (choice->area != NULL)
    g_string_append_printf (sql, " AND r.minx >= %.6f AND r.maxx <= %.6f AND r.miny >= %.6f AND r.maxy <= %.6f",
                            sw_bounds_get_west (choice->area), sw_bounds_get_east (choice->area),
                            sw_bounds_get_south (choice->area), sw_bounds_get_north (choice->area));
  return g_string_free (sql, FALSE);
}

static char *
chosen_measures_sql (const SwSituationChoice *choice)
{
  g_autofree char *findings = chosen_findings_sql (choice);
  GString *sql = g_string_new (NULL);
  gboolean anything = choice->from != NULL || choice->to != NULL || choice->walk_uuid != NULL ||
                      choice->area != NULL;

  g_string_append_printf (sql,
                          "SELECT m.* FROM measures m WHERE"
                          " (m.finding_uuid IS NOT NULL AND m.finding_uuid IN"
                          "   (SELECT uuid FROM findings WHERE fid IN (%s)))"
                          " OR (m.finding_uuid IS NULL AND m.place_uuid IN"
                          "   (SELECT p.uuid FROM places p JOIN rtree_places_geom r ON r.id = p.fid WHERE 1",
                          findings);
  if (choice->area != NULL)
    g_string_append_printf (sql, " AND r.minx >= %.6f AND r.maxx <= %.6f AND r.miny >= %.6f AND r.maxy <= %.6f",
                            sw_bounds_get_west (choice->area), sw_bounds_get_east (choice->area),
                            sw_bounds_get_south (choice->area), sw_bounds_get_north (choice->area));
  g_string_append (sql, "))");
  if (!anything)
    g_string_append (sql, " OR (m.finding_uuid IS NULL AND m.place_uuid IS NULL)");
  return g_string_free (sql, FALSE);
}

/* key → count from a query whose rows are (key, count). */
static GHashTable *
query_counts (sqlite3    *db,
              const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  return counts;
}

static guint
query_count (sqlite3    *db,
             const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return (guint) sqlite3_column_int (stmt, 0);
}

/* Takes @expected. */
static void
compare_counts (const char *what,
                GArray     *counts,
                GHashTable *expected)
{
  guint total_expected = 0, total = 0;
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < counts->len; i++)
    {
      SwSituationCount *count = &g_array_index (counts, SwSituationCount, i);
      guint want = GPOINTER_TO_UINT (g_hash_table_lookup (expected, count->key));

      if (count->count != want)
        g_error ("%s “%s”: %u counted, SQL says %u", what, count->key, count->count, want);
      total += count->count;
    }
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total_expected += GPOINTER_TO_UINT (value);
  /* Nothing SQL found is missing from the figures. */
  g_assert_cmpuint (total, ==, total_expected);
  g_hash_table_unref (expected);
}

static void
check_choice (Fixture                 *fixture,
              const SwSituationChoice *choice)
{
  g_autoptr (sqlite3) db = NULL;
  g_autoptr (SwSituation) situation = NULL;
  g_autoptr (GDate) today = g_date_new_dmy (1, G_DATE_MARCH, 2026);
  g_autofree char *findings = chosen_findings_sql (choice);
  g_autofree char *measures = chosen_measures_sql (choice);
  g_autofree char *sql = NULL;
  g_autofree char *tsv = NULL;
  GPtrArray *top;
  GArray *walks;

  situation = sw_situation_new (fixture->project, choice, today);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  sql = g_strdup_printf ("SELECT count(*) FROM (%s)", findings);
  g_assert_cmpuint (sw_situation_get_n_findings (situation), ==, query_count (db, sql));
  g_assert_cmpuint (sw_situation_get_n_findings (situation), >, 0);
  g_clear_pointer (&sql, g_free);

  sql = g_strdup_printf ("SELECT category, count(*) FROM findings WHERE fid IN (%s) GROUP BY 1", findings);
  compare_counts ("category", sw_situation_get_findings_by_category (situation), query_counts (db, sql));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT CASE WHEN category = 'positive' OR severity <= 0 THEN 'positive'"
                         " ELSE CAST (severity AS TEXT) END, count(*) FROM findings WHERE fid IN (%s)"
                         " GROUP BY 1", findings);
  compare_counts ("severity", sw_situation_get_findings_by_severity (situation), query_counts (db, sql));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT coalesce (light, ''), count(*) FROM findings WHERE fid IN (%s)"
                         " GROUP BY 1", findings);
  compare_counts ("light", sw_situation_get_findings_by_light (situation), query_counts (db, sql));
  g_clear_pointer (&sql, g_free);

  sql = g_strdup_printf ("SELECT count(*) FROM (%s)", measures);
  g_assert_cmpuint (sw_situation_get_n_measures (situation), ==, query_count (db, sql));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM (%s) WHERE coalesce (status, 'proposed') IN ('proposed', 'decided', 'in-progress')"
                         " AND due_date < '2026-03-01'", measures);
  g_assert_cmpuint (sw_situation_get_n_overdue (situation), ==, query_count (db, sql));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT coalesce (status, 'proposed'), count(*) FROM (%s) GROUP BY 1", measures);
  compare_counts ("status", sw_situation_get_measures_by_status (situation), query_counts (db, sql));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT coalesce (responsible, ''), count(*) FROM (%s) GROUP BY 1", measures);
  compare_counts ("responsible", sw_situation_get_measures_by_responsible (situation), query_counts (db, sql));
  g_clear_pointer (&sql, g_free);

  {
    g_autofree char *area = choice->area == NULL ? g_strdup ("") :
      g_strdup_printf (" AND r.minx >= %.6f AND r.maxx <= %.6f AND r.miny >= %.6f AND r.maxy <= %.6f",
                       sw_bounds_get_west (choice->area), sw_bounds_get_east (choice->area),
                       sw_bounds_get_south (choice->area), sw_bounds_get_north (choice->area));

    sql = g_strdup_printf ("SELECT count(DISTINCT p.uuid) FROM places p JOIN rtree_places_geom r ON r.id = p.fid"
                           " JOIN findings f ON f.place_uuid = p.uuid WHERE f.fid IN (%s)%s", findings, area);
  }
  g_assert_cmpuint (sw_situation_get_n_places (situation), ==, query_count (db, sql));
  g_clear_pointer (&sql, g_free);

  /* The top places: at most ten, chosen, in rank order. */
  top = sw_situation_get_top_places (situation);
  g_assert_cmpuint (top->len, ==, MIN (10, sw_situation_get_n_places (situation)));
  for (guint i = 1; i < top->len; i++)
    g_assert_cmpuint (sw_place_priority_get_rank (top->pdata[i - 1]), <,
                      sw_place_priority_get_rank (top->pdata[i]));

  /* The trend, walk by walk. */
  walks = sw_situation_get_walks (situation);
  for (guint i = 0; i < walks->len; i++)
    {
      SwSituationWalk *entry = &g_array_index (walks, SwSituationWalk, i);
      g_autoptr (GHashTable) expected = NULL;
      g_autofree char *walk_sql = NULL;

      if (i > 0)
        g_assert_cmpstr (sw_walk_get_date (g_array_index (walks, SwSituationWalk, i - 1).walk), <,
                         sw_walk_get_date (entry->walk));
      walk_sql = g_strdup_printf ("SELECT CASE WHEN category = 'positive' OR severity <= 0 THEN '0'"
                                  " ELSE CAST (severity AS TEXT) END, count(*) FROM findings"
                                  " WHERE fid IN (%s) AND walk_uuid = '%s' GROUP BY 1",
                                  findings, sw_feature_get_uuid (SW_FEATURE (entry->walk)));
      expected = query_counts (db, walk_sql);
      for (guint s = 0; s < 4; s++)
        {
          char key[2] = { (char) ('0' + s), '\0' };

          g_assert_cmpuint (entry->by_severity[s], ==, GPOINTER_TO_UINT (g_hash_table_lookup (expected, key)));
        }
    }

  /* The table to copy holds the same figures. */
  tsv = sw_situation_to_tsv (situation);
  {
    g_autofree char *line = g_strdup_printf ("\nFindings\t%u\n", sw_situation_get_n_findings (situation));

    g_assert_nonnull (strstr (tsv, line));
    g_assert_nonnull (strstr (tsv, "\nFindings by category\tCount\n"));
    g_assert_nonnull (strstr (tsv, "\nTrend across walks\tDate\t"));
  }
}

static void
test_everything (Fixture       *fixture,
                 gconstpointer  data)
{
  SwSituationChoice choice = { 0 };

  check_choice (fixture, &choice);
}

static void
test_period (Fixture       *fixture,
             gconstpointer  data)
{
  SwSituationChoice choice = { "2025-10-01", "2026-12-31", NULL, NULL };
  g_autoptr (SwSituation) situation = NULL;

  check_choice (fixture, &choice);
  situation = sw_situation_new (fixture->project, &choice, NULL);
  g_assert_cmpuint (sw_situation_get_walks (situation)->len, ==, 2);
}

static void
test_one_walk (Fixture       *fixture,
               gconstpointer  data)
{
  SwSituationChoice choice = { NULL, NULL, fixture->walk_uuids[1], NULL };

  check_choice (fixture, &choice);
}

static void
test_area (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (SwBounds) area = sw_bounds_new ();
  SwSituationChoice choice = { "2025-01-01", NULL, NULL, area };

  /* Between the clusters, so that the R-tree's single precision does not
   * put a point on the other side of the edge. */
  sw_bounds_extend (area, 18.1317, 59.1658);
  sw_bounds_extend (area, 18.1517, 59.1742);
  check_choice (fixture, &choice);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();

  g_test_add ("/situation/everything", Fixture, NULL, fixture_set_up, test_everything, fixture_tear_down);
  g_test_add ("/situation/period", Fixture, NULL, fixture_set_up, test_period, fixture_tear_down);
  g_test_add ("/situation/one-walk", Fixture, NULL, fixture_set_up, test_one_walk, fixture_tear_down);
  g_test_add ("/situation/area", Fixture, NULL, fixture_set_up, test_area, fixture_tear_down);

  return g_test_run ();
}
