/* Benchmark, not a test: exports a project of 100,000 findings to a GeoPackage in
 * EPSG:3006, the way Export does, and times it; the peer, in the same run, is
 * `ogr2ogr -t_srs EPSG:3006` converting the same findings layer of the same file.
 *
 * Usage: bench-export [N_FINDINGS] (default 100000); budget: at most 1.2 times ogr2ogr. */
#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>

#include "sw-export.h"
#include "sw-project.h"

#define RUNS 3

static void
make_project (const char *path,
              guint       n_findings)
{
  static const char *const categories[] = { "lighting", "vegetation", "overview", "maintenance",
                                            "people", "traffic", "positive" };
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (SwProject) project = sw_project_create (file, "Trygghetsvandring", "Karlskoga", &error);
  g_autoptr (SwWalk) walk = sw_walk_new ();
  g_autoptr (GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) added = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (6);
  SwFeature *listed_walk;

  g_assert_no_error (error);
  sw_walk_set_title (walk, "Kvällsvandring");
  listed_walk = sw_project_add (project, SW_FEATURE (walk), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_findings; i++)
    {
      SwFinding *finding = sw_finding_new ();
      const char *category = categories[i % G_N_ELEMENTS (categories)];

      sw_finding_set_walk_uuid (finding, sw_feature_get_uuid (listed_walk));
      sw_finding_set_category (finding, category);
      sw_finding_set_severity (finding, g_str_equal (category, "positive") ? 0 : 1 + i % 3);
      sw_finding_set_light (finding, i % 2 ? "dark" : "daylight");
      sw_finding_set_note (finding, "Trasig gatlykta vid gångvägen, buskarna skymmer sikten");
      sw_finding_set_longitude (finding, g_rand_double_range (rand, 14.45, 14.60));
      sw_finding_set_latitude (finding, g_rand_double_range (rand, 59.30, 59.36));
      g_ptr_array_add (findings, finding);
    }
  added = sw_project_add_many (project, findings, "Add Findings", &error);
  g_assert_no_error (error);
  sw_project_close (project);
}

static double
time_export (const char *project_path,
             const char *out)
{
  g_autoptr (GFile) project = g_file_new_for_path (project_path);
  g_autoptr (GFile) target = g_file_new_for_path (out);
  g_autoptr (SwExportOptions) options = sw_export_options_new ();
  g_autoptr (GError) error = NULL;
  gint64 start;

  g_remove (out);
  start = g_get_monotonic_time ();
  if (!sw_export_file (project, target, options, NULL, NULL, NULL, NULL, &error))
    g_error ("export failed: %s", error->message);
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
time_ogr2ogr (const char *project_path,
              const char *out)
{
  const char *argv[] = { "ogr2ogr", "-f", "GPKG", "-t_srs", "EPSG:3006", out, project_path,
                         "findings", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status;
  gint64 start;

  g_remove (out);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("ogr2ogr failed: %s %s", error != NULL ? error->message : "", err);
  return (g_get_monotonic_time () - start) / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sw-bench-export-XXXXXX", &error);
  g_autofree char *project = g_build_filename (dir, "projekt.gpkg", NULL);
  g_autofree char *ours = g_build_filename (dir, "export.gpkg", NULL);
  g_autofree char *peer = g_build_filename (dir, "ogr2ogr.gpkg", NULL);
  double export_times[RUNS], peer_times[RUNS];
  gint64 start;

  g_assert_no_error (error);
  GDALAllRegister ();

  start = g_get_monotonic_time ();
  make_project (project, n);
  g_print ("made %u findings in %.1f s (not timed below)\n", n,
           (g_get_monotonic_time () - start) / 1e6);

  /* Alternate, so that a busy moment of the machine hits both. */
  for (int i = 0; i < RUNS; i++)
    {
      export_times[i] = time_export (project, ours);
      peer_times[i] = time_ogr2ogr (project, peer);
      g_print ("run %d: export %.2f s, ogr2ogr %.2f s\n", i + 1, export_times[i], peer_times[i]);
    }
  qsort (export_times, RUNS, sizeof (double), compare_doubles);
  qsort (peer_times, RUNS, sizeof (double), compare_doubles);

  g_print ("GeoPackage export of %u findings to EPSG:3006 (all layers, styles): %.2f s (median of %d)\n",
           n, export_times[RUNS / 2], RUNS);
  g_print ("ogr2ogr -t_srs EPSG:3006, the same findings layer:                 %.2f s (median of %d)\n",
           peer_times[RUNS / 2], RUNS);
  g_print ("ratio: %.2f (budget 1.20)\n", export_times[RUNS / 2] / peer_times[RUNS / 2]);

  g_remove (ours);
  g_remove (peer);
  g_remove (project);
  g_rmdir (dir);
  return 0;
}
