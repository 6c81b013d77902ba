/* Grouping close points: checked against a brute-force grouping on random
 * points at Swedish latitudes, in metres of SWEREF 99 TM. */
#include "config.h"

#include <math.h>

#include "sw-crs-transform.h"
#include "sw-grouping.h"

/* The same grouping the slow way: every pair, and a flood fill. */
static guint
brute_force (const double *xy,
             guint         n,
             double        distance,
             guint        *groups)
{
  guint n_groups = 0;

  for (guint i = 0; i < n; i++)
    groups[i] = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GArray) stack = NULL;

      if (groups[i] != G_MAXUINT)
        continue;
      stack = g_array_new (FALSE, FALSE, sizeof (guint));
      groups[i] = n_groups;
      g_array_append_val (stack, i);
      while (stack->len > 0)
        {
          guint p = g_array_index (stack, guint, stack->len - 1);

          g_array_set_size (stack, stack->len - 1);
          for (guint q = 0; q < n; q++)
            if (groups[q] == G_MAXUINT &&
                hypot (xy[2 * p] - xy[2 * q], xy[2 * p + 1] - xy[2 * q + 1]) <= distance)
              {
                groups[q] = n_groups;
                g_array_append_val (stack, q);
              }
        }
      n_groups++;
    }
  return n_groups;
}

static void
test_random (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwCrsTransform) transform = sw_crs_transform_new ("EPSG:3006", &error);
  g_autoptr (GRand) rand = g_rand_new_with_seed (2023196);
  const guint n = 2000;
  g_autofree double *xy = g_new (double, 2 * n);
  g_autofree guint *fast = g_new (guint, n);
  g_autofree guint *slow = g_new (guint, n);
  guint n_fast, n_slow;

  g_assert_no_error (error);
  /* Karlskoga: 2000 findings in about 1.5 km square. */
  for (guint i = 0; i < n; i++)
    g_assert_true (sw_crs_transform_forward (transform,
                                             14.50 + g_rand_double (rand) * 0.025,
                                             59.32 + g_rand_double (rand) * 0.0135,
                                             &xy[2 * i], &xy[2 * i + 1]));

  n_fast = sw_group_points (xy, n, 25.0, fast);
  n_slow = brute_force (xy, n, 25.0, slow);
  g_test_message ("%u groups of %u points", n_fast, n);
  g_assert_cmpuint (n_fast, ==, n_slow);
  /* Numbered by first point on both sides, so the labels agree exactly. */
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (fast[i], ==, slow[i]);
  g_assert_cmpuint (n_fast, >, 1);
  g_assert_cmpuint (n_fast, <, n);
}

/* The distance is metres on the ground, in the working CRS: a point 24 m on
 * joins, one 26 m further does not, and a chain joins through its links. */
static void
test_metres_not_degrees (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SwCrsTransform) transform = sw_crs_transform_new ("EPSG:3006", &error);
  double lon = 15.2134, lat = 59.2741;
  double xy[6];
  guint groups[3];

  /* Örebro; the second point 24 m north of the first, the third 26 m on. */
  g_assert_true (sw_crs_transform_forward (transform, lon, lat, &xy[0], &xy[1]));
  xy[2] = xy[0];
  xy[3] = xy[1] + 24.0;
  xy[4] = xy[0];
  xy[5] = xy[1] + 24.0 + 26.0;

  g_assert_cmpuint (sw_group_points (xy, 3, 25.0, groups), ==, 2);
  g_assert_cmpuint (groups[0], ==, groups[1]);
  g_assert_cmpuint (groups[1], !=, groups[2]);

  /* Chains join: with 30 m, all three are one place. */
  g_assert_cmpuint (sw_group_points (xy, 3, 30.0, groups), ==, 1);
}

static void
test_edges (void)
{
  double one[2] = { 500000.0, 6500000.0 };
  double same[4] = { 500000.0, 6500000.0, 500000.0, 6500000.0 };
  guint groups[2];

  g_assert_cmpuint (sw_group_points (NULL, 0, 25.0, NULL), ==, 0);
  g_assert_cmpuint (sw_group_points (one, 1, 25.0, groups), ==, 1);
  g_assert_cmpuint (groups[0], ==, 0);
  g_assert_cmpuint (sw_group_points (same, 2, 0.0, groups), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grouping/random", test_random);
  g_test_add_func ("/grouping/metres-not-degrees", test_metres_not_degrees);
  g_test_add_func ("/grouping/edges", test_edges);

  return g_test_run ();
}
