/* Benchmark, not a test: groups 100,000 findings into places, the way the
 * app does (a snapshot on the main thread, the grouping on plain arrays as
 * in the worker thread, one edit to store it), and times each step. Peers
 * measured in the same run, on subsets because they are slow, and scaled to
 * 100,000 as labelled: grouping by comparing every pair (O(n²)), and GEOS
 * buffers merged with GEOSUnaryUnion (the usual GIS way to "dissolve" close
 * points).
 *
 * Usage: bench-grouping [N_FINDINGS] (default 100000); budget: the grouping
 * step (the worker's part) under 0.5 s for 100,000. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gdal.h>
#include <geos_c.h>
#include <glib/gstdio.h>

#include "sw-crs-transform.h"
#include "sw-grouping.h"
#include "sw-place-grouping.h"
#include "sw-project.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static char *
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("unknown");
  return g_strndup (text, strcspn (text, "\n"));
}

/* Every pair, with a union-find: what one writes first. */
static guint
group_all_pairs (const double *xy,
                 guint         n,
                 double        distance)
{
  g_autofree guint *parent = g_new (guint, n);
  double d2 = distance * distance;
  guint groups = 0;

  for (guint i = 0; i < n; i++)
    parent[i] = i;
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        double dx = xy[2 * i] - xy[2 * j], dy = xy[2 * i + 1] - xy[2 * j + 1];

        if (dx * dx + dy * dy <= d2)
          {
            guint a = i, b = j;

            while (parent[a] != a)
              a = parent[a];
            while (parent[b] != b)
              b = parent[b];
            if (a != b)
              parent[MAX (a, b)] = MIN (a, b);
          }
      }
  for (guint i = 0; i < n; i++)
    if (parent[i] == i)
      groups++;
  return groups;
}

/* Buffers of half the distance, dissolved: each polygon of the union is a
 * group. */
static guint
group_by_buffer_union (const double *xy,
                       guint         n,
                       double        distance)
{
  GEOSContextHandle_t context = GEOS_init_r ();
  g_autofree GEOSGeometry **buffers = g_new (GEOSGeometry *, n);
  GEOSGeometry *collection, *merged;
  guint groups;

  for (guint i = 0; i < n; i++)
    {
      GEOSGeometry *point = GEOSGeom_createPointFromXY_r (context, xy[2 * i], xy[2 * i + 1]);

      buffers[i] = GEOSBuffer_r (context, point, distance / 2.0, 8);
      GEOSGeom_destroy_r (context, point);
    }
  collection = GEOSGeom_createCollection_r (context, GEOS_GEOMETRYCOLLECTION, buffers, n);
  merged = GEOSUnaryUnion_r (context, collection);
  groups = (guint) GEOSGetNumGeometries_r (context, merged);
  GEOSGeom_destroy_r (context, merged);
  GEOSGeom_destroy_r (context, collection);
  GEOS_finish_r (context);
  return groups;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwCrsTransform) transform = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (2023196);
  g_autoptr (GPtrArray) features = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) added = NULL;
  g_autoptr (SwProject) project = NULL;
  g_autoptr (SwPlaceGrouping) grouping = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *load = NULL;
  g_autofree double *xy = NULL;
  g_autofree guint *groups = NULL;
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  const guint pairs_subset = MIN (n, 5000);
  const guint union_subset = MIN (n, 20000);
  double t_points, t_snapshot, t_compute, t_apply, t_pairs, t_union, t_store;
  guint n_groups, n_pair_groups, n_union_groups, n_subset_groups;
  gint64 start;

  GDALAllRegister ();
  load = load_average ();
  transform = sw_crs_transform_new ("EPSG:3006", &error);
  g_assert_no_error (error);

  /* Findings over central Stockholm, 10 by 10 km, a third of them in
   * clusters of a few metres as walks leave them. */
  xy = g_new (double, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      SwFinding *finding = sw_finding_new ();
      double lon, lat;

      if (i % 3 == 0 || i == 0)
        {
          lon = 18.00 + g_rand_double (rand) * 0.175;
          lat = 59.28 + g_rand_double (rand) * 0.09;
        }
      else
        {
          lon = sw_finding_get_longitude (features->pdata[i - 1]) + g_rand_double_range (rand, -0.0002, 0.0002);
          lat = sw_finding_get_latitude (features->pdata[i - 1]) + g_rand_double_range (rand, -0.0001, 0.0001);
        }
      sw_finding_set_category (finding, "lighting");
      sw_finding_set_severity (finding, 1 + (int) (i % 3));
      sw_finding_set_longitude (finding, lon);
      sw_finding_set_latitude (finding, lat);
      g_ptr_array_add (features, finding);
      g_assert_true (sw_crs_transform_forward (transform, lon, lat, &xy[2 * i], &xy[2 * i + 1]));
    }

  g_print ("Grouping %u findings into places at 25 m (load average before: %s)\n\n", n, load);

  groups = g_new (guint, n);
  start = g_get_monotonic_time ();
  n_groups = sw_group_points (xy, n, 25.0, groups);
  t_points = seconds_since (start);

  /* A real project file with the findings, as the app has it. */
  dir = g_dir_make_tmp ("sw-bench-grouping-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.gpkg", NULL);
  file = g_file_new_for_path (path);
  project = sw_project_create (file, "Bench", "Stockholm", &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  added = sw_project_add_many (project, features, "Add Findings", &error);
  g_assert_no_error (error);
  t_store = seconds_since (start);

  start = g_get_monotonic_time ();
  grouping = sw_place_grouping_new (project, 25.0);
  t_snapshot = seconds_since (start);
  start = g_get_monotonic_time ();
  g_assert_true (sw_place_grouping_compute (grouping, NULL, &error));
  g_assert_no_error (error);
  t_compute = seconds_since (start);
  start = g_get_monotonic_time ();
  g_assert_true (sw_project_apply_place_grouping (project, grouping, &error));
  g_assert_no_error (error);
  t_apply = seconds_since (start);
  g_assert_cmpuint (sw_project_count (project, SW_KIND_PLACE), ==, n_groups);

  /* Peers, on subsets. */
  n_subset_groups = sw_group_points (xy, pairs_subset, 25.0, groups);
  start = g_get_monotonic_time ();
  n_pair_groups = group_all_pairs (xy, pairs_subset, 25.0);
  t_pairs = seconds_since (start);
  g_assert_cmpuint (n_pair_groups, ==, n_subset_groups);

  start = g_get_monotonic_time ();
  n_union_groups = group_by_buffer_union (xy, union_subset, 25.0);
  t_union = seconds_since (start);
  n_subset_groups = sw_group_points (xy, union_subset, 25.0, groups);

  g_print ("  Safety Walk, STRtree + union-find (sw_group_points), %u points:  %7.3f s  (%u places)\n",
           n, t_points, n_groups);
  g_print ("  Safety Walk, worker step (sw_place_grouping_compute):             %7.3f s  <- budget 0.5 s\n",
           t_compute);
  g_print ("    of which on the main thread: snapshot %.3f s, store as one edit %.3f s\n",
           t_snapshot, t_apply);
  g_print ("  Peer: every pair, %u points measured: %.3f s; scaled by (%u/%u)^2 to %u: ~%.1f s (estimate)\n",
           pairs_subset, t_pairs, n, pairs_subset, n,
           t_pairs * ((double) n / pairs_subset) * ((double) n / pairs_subset));
  g_print ("  Peer: GEOS buffer 12.5 m + GEOSUnaryUnion, %u points measured: %.3f s (%u groups,\n"
           "        sw_group_points finds %u on the same points); scaled linearly to %u: ~%.1f s\n"
           "        (estimate, a lower bound: a union grows faster than linearly)\n",
           union_subset, t_union, n_union_groups, n_subset_groups, n, t_union * ((double) n / union_subset));
  g_print ("  (storing the %u findings first took %.2f s)\n", n, t_store);
  {
    g_autofree char *after = load_average ();

    g_print ("\nLoad average after: %s\n", after);
  }

  sw_project_close (project);
  {
    g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *file_path = g_build_filename (dir, name, NULL);

        g_unlink (file_path);
      }
    g_rmdir (dir);
  }
  return 0;
}
