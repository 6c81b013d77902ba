/* Tests that the spatial index answers box, radius and nearest queries
 * exactly as a scan of every point does, and builds 100,000 points fast. */
#define G_LOG_DOMAIN "test-point-index"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "sw-point-index.h"

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Random points over Sweden's latitudes, denser in a few towns as findings
 * are, with exact duplicates and a few left-out points. */
static double *
make_points (GRand *rand,
             guint  n_points)
{
  double *coords = g_new (double, 2 * n_points);

  for (guint i = 0; i < n_points; i++)
    {
      double lon, lat;

      switch (g_rand_int_range (rand, 0, 10))
        {
        case 0:
        case 1:
        case 2:
          lon = g_rand_double_range (rand, 11.0, 24.0);
          lat = g_rand_double_range (rand, 55.3, 69.0);
          break;
        case 3:
          /* The same spot as an earlier point. */
          if (i > 0)
            {
              guint j = g_rand_int_range (rand, 0, i);

              lon = coords[2 * j];
              lat = coords[2 * j + 1];
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          /* Katrineholm, within a few kilometres. */
          lon = 16.2 + g_rand_double_range (rand, -0.05, 0.05);
          lat = 58.99 + g_rand_double_range (rand, -0.03, 0.03);
          break;
        }

      coords[2 * i] = lon;
      coords[2 * i + 1] = lat;
    }

  if (n_points > 10)
    {
      coords[2 * 3] = NAN;
      coords[2 * 7 + 1] = INFINITY;
    }

  return coords;
}

static GArray *
brute_bbox (const double *coords,
            guint         n_points,
            double        min_x,
            double        min_y,
            double        max_x,
            double        max_y)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n_points; i++)
    {
      double x = coords[2 * i];
      double y = coords[2 * i + 1];

      if (isfinite (x) && isfinite (y) && x >= min_x && x <= max_x && y >= min_y && y <= max_y)
        g_array_append_val (result, i);
    }

  return result;
}

static void
assert_same_sets (GArray *expected,
                  GArray *actual)
{
  g_array_sort (expected, compare_uint);
  g_array_sort (actual, compare_uint);
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpuint (g_array_index (actual, guint, i), ==, g_array_index (expected, guint, i));
}

static void
random_box (GRand  *rand,
            double *min_x,
            double *min_y,
            double *max_x,
            double *max_y)
{
  double w = exp (g_rand_double_range (rand, log (1e-5), log (10.0)));
  double h = w * g_rand_double_range (rand, 0.3, 3.0);
  /* Half the boxes around the dense town. */
  double cx = g_rand_boolean (rand) ? g_rand_double_range (rand, 10.0, 25.0) : 16.2;
  double cy = g_rand_boolean (rand) ? g_rand_double_range (rand, 55.0, 69.5) : 58.99;

  *min_x = cx - w / 2;
  *max_x = cx + w / 2;
  *min_y = cy - h / 2;
  *max_y = cy + h / 2;
}

static void
test_bbox (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3006);

  for (guint size = 0; size < 5; size++)
    {
      guint n_points = (guint[]) { 0, 1, 33, 1000, 20000 }[size];
      g_autofree double *coords = make_points (rand, n_points);
      g_autoptr (SwPointIndex) index = sw_point_index_new (coords, n_points);

      g_assert_cmpuint (sw_point_index_get_n_points (index), ==, n_points);

      for (guint q = 0; q < 300; q++)
        {
          double min_x, min_y, max_x, max_y;
          g_autoptr (GArray) expected = NULL;
          g_autoptr (GArray) actual = g_array_new (FALSE, FALSE, sizeof (guint));
          guint n_found;

          random_box (rand, &min_x, &min_y, &max_x, &max_y);
          expected = brute_bbox (coords, n_points, min_x, min_y, max_x, max_y);
          n_found = sw_point_index_query_bbox (index, min_x, min_y, max_x, max_y, actual);
          g_assert_cmpuint (n_found, ==, actual->len);
          assert_same_sets (expected, actual);
        }

      /* A box over everything finds every finite point once. */
      {
        g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autoptr (GArray) expected = brute_bbox (coords, n_points, -1e9, -1e9, 1e9, 1e9);

        sw_point_index_query_bbox (index, -1e9, -1e9, 1e9, 1e9, all);
        assert_same_sets (expected, all);
        g_assert_cmpuint (all->len, ==, n_points > 10 ? n_points - 2 : n_points);
      }
    }
}

static void
test_radius_and_nearest (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3021);
  guint n_points = 20000;
  g_autofree double *coords = make_points (rand, n_points);
  g_autoptr (SwPointIndex) index = sw_point_index_new (coords, n_points);

  for (guint q = 0; q < 500; q++)
    {
      g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr (GArray) actual = g_array_new (FALSE, FALSE, sizeof (guint));
      double x = g_rand_boolean (rand) ? g_rand_double_range (rand, 11.0, 24.0) : 16.2 + g_rand_double_range (rand, -0.06, 0.06);
      double y = g_rand_boolean (rand) ? g_rand_double_range (rand, 55.3, 69.0) : 58.99 + g_rand_double_range (rand, -0.04, 0.04);
      double radius = exp (g_rand_double_range (rand, log (1e-5), log (2.0)));
      double best = INFINITY;
      guint best_point = 0;
      gboolean any = FALSE;
      guint point = G_MAXUINT;
      double distance = -1;

      /* Queries may start on an indexed point exactly. */
      if (q % 10 == 0)
        {
          x = coords[2 * (q + 20)];
          y = coords[2 * (q + 20) + 1];
        }

      for (guint i = 0; i < n_points; i++)
        {
          double d = hypot (coords[2 * i] - x, coords[2 * i + 1] - y);

          if (!isfinite (d) || d > radius)
            continue;
          g_array_append_val (expected, i);
          if (d < best || (d == best && i > best_point))
            {
              best = d;
              best_point = i;
              any = TRUE;
            }
        }

      sw_point_index_query_radius (index, x, y, radius, actual);
      assert_same_sets (expected, actual);

      g_assert_cmpint (sw_point_index_nearest (index, x, y, radius, &point, &distance), ==, any);
      if (any)
        {
          g_assert_cmpuint (point, ==, best_point);
          g_assert_cmpfloat_with_epsilon (distance, best, 1e-12);
        }
    }

  /* Nothing within a negative or zero-sized reach of an empty spot. */
  g_assert_false (sw_point_index_nearest (index, 0.0, 0.0, 1.0, NULL, NULL));
}

static void
test_get_point (void)
{
  double coords[] = { 16.1, 58.9, NAN, 1.0, 17.5, 60.0 };
  g_autoptr (SwPointIndex) index = sw_point_index_new (coords, 3);
  double x, y;

  sw_point_index_get_point (index, 2, &x, &y);
  g_assert_cmpfloat (x, ==, 17.5);
  g_assert_cmpfloat (y, ==, 60.0);
  sw_point_index_get_point (index, 1, &x, NULL);
  g_assert_true (isnan (x));
}

/* The map builds the index when a project opens: 100,000 findings must take
 * well under the layer's half-second budget. The bound is loose so a slow
 * or busy machine does not fail it; the figure is in the log. */
static void
test_build_speed (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2026);
  guint n_points = 100000;
  g_autofree double *coords = make_points (rand, n_points);
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autoptr (SwPointIndex) index = NULL;
  double seconds;

  index = sw_point_index_new (coords, n_points);
  seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("Built an index of %u points in %.1f ms", n_points, seconds * 1000);
  g_assert_cmpfloat (seconds, <, 0.2);

  /* Many equal coordinates must not make the build quadratic. */
  for (guint i = 0; i < n_points; i++)
    {
      coords[2 * i] = 16.2;
      coords[2 * i + 1] = 59.0;
    }
  g_timer_start (timer);
  g_clear_pointer (&index, sw_point_index_unref);
  index = sw_point_index_new (coords, n_points);
  seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("Built an index of %u equal points in %.1f ms", n_points, seconds * 1000);
  g_assert_cmpfloat (seconds, <, 0.2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/point-index/bbox", test_bbox);
  g_test_add_func ("/point-index/radius-and-nearest", test_radius_and_nearest);
  g_test_add_func ("/point-index/get-point", test_get_point);
  g_test_add_func ("/point-index/build-speed", test_build_speed);

  return g_test_run ();
}
