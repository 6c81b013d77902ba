/* Grouping points that stand close together: the step from findings to
 * places. GEOS 3.11 has no clustering in its C API, so it is an STRtree
 * query per point and a union-find. */
#define G_LOG_DOMAIN "sw-grouping"

#include "config.h"

#include <math.h>
#include <geos_c.h>

#include "sw-grouping.h"

typedef struct
{
  const double *xy;
  guint *parent;
  guint self;
  double distance_squared;
} QueryState;

static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    {
      /* Path halving keeps the trees flat. */
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static void
unite (guint *parent,
       guint  a,
       guint  b)
{
  guint ra = find_root (parent, a);
  guint rb = find_root (parent, b);

  /* The smaller index wins, so the numbering below follows point order. */
  if (ra < rb)
    parent[rb] = ra;
  else if (rb < ra)
    parent[ra] = rb;
}

static void
on_candidate (void *item,
              void *user_data)
{
  QueryState *state = user_data;
  guint other = GPOINTER_TO_UINT (item) - 1;
  double dx, dy;

  /* Each pair is seen from both ends; once is enough. */
  if (other <= state->self)
    return;
  dx = state->xy[2 * other] - state->xy[2 * state->self];
  dy = state->xy[2 * other + 1] - state->xy[2 * state->self + 1];
  if (dx * dx + dy * dy <= state->distance_squared)
    unite (state->parent, state->self, other);
}

guint
sw_group_points (const double *xy,
                 guint         n,
                 double        distance,
                 guint        *groups)
{
  GEOSContextHandle_t context;
  GEOSSTRtree *tree;
  GEOSGeometry **points;
  g_autofree guint *parent = NULL;
  g_autofree guint *numbers = NULL;
  QueryState state = { 0 };
  guint n_groups = 0;

  g_return_val_if_fail (n == 0 || xy != NULL, 0);
  g_return_val_if_fail (n == 0 || groups != NULL, 0);
  g_return_val_if_fail (distance >= 0.0, 0);

  if (n == 0)
    return 0;

  parent = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    parent[i] = i;

  context = GEOS_init_r ();
  tree = GEOSSTRtree_create_r (context, 10);
  points = g_new (GEOSGeometry *, n);
  for (guint i = 0; i < n; i++)
    {
      points[i] = GEOSGeom_createPointFromXY_r (context, xy[2 * i], xy[2 * i + 1]);
      /* Items are indexes + 1: the tree takes NULL for no item. */
      GEOSSTRtree_insert_r (context, tree, points[i], GUINT_TO_POINTER (i + 1));
    }

  state.xy = xy;
  state.parent = parent;
  state.distance_squared = distance * distance;
  for (guint i = 0; i < n; i++)
    {
      GEOSGeometry *box = GEOSGeom_createRectangle_r (context,
                                                      xy[2 * i] - distance, xy[2 * i + 1] - distance,
                                                      xy[2 * i] + distance, xy[2 * i + 1] + distance);

      state.self = i;
      GEOSSTRtree_query_r (context, tree, box, on_candidate, &state);
      GEOSGeom_destroy_r (context, box);
    }

  GEOSSTRtree_destroy_r (context, tree);
  for (guint i = 0; i < n; i++)
    GEOSGeom_destroy_r (context, points[i]);
  g_free (points);
  GEOS_finish_r (context);

  numbers = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      guint root = find_root (parent, i);

      if (root == i)
        numbers[i] = n_groups++;
      groups[i] = numbers[root];
    }
  return n_groups;
}
