/* A static k-d tree over points, packed in two arrays (after kdbush): built
 * in O(n log n) by repeated selection, queried by bounding box or radius. */
#define G_LOG_DOMAIN "sw-point-index"

#include "config.h"

#include <math.h>

#include "sw-point-index.h"

/* Below this many points a subtree is scanned rather than split: scanning a
 * short run of packed doubles beats descending further. */
#define NODE_SIZE 32

struct _SwPointIndex
{
  gatomicrefcount ref_count;

  guint n_points;           /* as given, including the left-out ones */
  guint n_indexed;          /* finite points, in the tree */
  guint *ids;               /* tree order to the caller's position */
  double *coords;           /* tree order, x and y interleaved */
  double *original;         /* the caller's order, for get_point */
};

G_DEFINE_BOXED_TYPE (SwPointIndex, sw_point_index, sw_point_index_ref, sw_point_index_unref)

static inline void
swap_item (SwPointIndex *self,
           guint         i,
           guint         j)
{
  guint id = self->ids[i];
  double x = self->coords[2 * i];
  double y = self->coords[2 * i + 1];

  self->ids[i] = self->ids[j];
  self->coords[2 * i] = self->coords[2 * j];
  self->coords[2 * i + 1] = self->coords[2 * j + 1];
  self->ids[j] = id;
  self->coords[2 * j] = x;
  self->coords[2 * j + 1] = y;
}

/* Rearranges [left, right] so that item k is in its sorted place on @axis,
 * with no larger item before it and no smaller one after it (Hoare's
 * selection with a median-of-three pivot, iterative). */
static void
select_kth (SwPointIndex *self,
            guint         k,
            guint         left,
            guint         right,
            guint         axis)
{
  while (right > left)
    {
      guint mid = left + (right - left) / 2;
      double pivot;
      guint i, j;

      /* Median of three as the pivot, left in place at @mid. */
      if (self->coords[2 * mid + axis] < self->coords[2 * left + axis])
        swap_item (self, mid, left);
      if (self->coords[2 * right + axis] < self->coords[2 * left + axis])
        swap_item (self, right, left);
      if (self->coords[2 * right + axis] < self->coords[2 * mid + axis])
        swap_item (self, right, mid);
      pivot = self->coords[2 * mid + axis];

      i = left;
      j = right;
      while (i <= j)
        {
          while (self->coords[2 * i + axis] < pivot)
            i++;
          while (self->coords[2 * j + axis] > pivot)
            j--;
          if (i <= j)
            {
              swap_item (self, i, j);
              i++;
              if (j == 0)
                break;
              j--;
            }
        }

      /* Now [left, j] <= pivot <= [i, right], and j < i. */
      if (k <= j)
        right = j;
      else if (k >= i)
        left = i;
      else
        return;
    }
}

static void
sort_kd (SwPointIndex *self,
         guint         left,
         guint         right,
         guint         axis)
{
  guint mid;

  if (right - left <= NODE_SIZE)
    return;

  mid = left + (right - left) / 2;
  select_kth (self, mid, left, right, axis);
  sort_kd (self, left, mid - 1, 1 - axis);
  sort_kd (self, mid + 1, right, 1 - axis);
}

SwPointIndex *
sw_point_index_new (const double *coordinates,
                    guint         n_points)
{
  SwPointIndex *self;

  g_return_val_if_fail (coordinates != NULL || n_points == 0, NULL);

  self = g_new0 (SwPointIndex, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_points = n_points;
  self->original = g_memdup2 (coordinates, sizeof (double) * 2 * n_points);
  self->ids = g_new (guint, MAX (n_points, 1));
  self->coords = g_new (double, 2 * MAX (n_points, 1));

  for (guint i = 0; i < n_points; i++)
    {
      double x = coordinates[2 * i];
      double y = coordinates[2 * i + 1];

      if (!isfinite (x) || !isfinite (y))
        continue;

      self->ids[self->n_indexed] = i;
      self->coords[2 * self->n_indexed] = x;
      self->coords[2 * self->n_indexed + 1] = y;
      self->n_indexed++;
    }

  if (self->n_indexed > 0)
    sort_kd (self, 0, self->n_indexed - 1, 0);

  return self;
}

SwPointIndex *
sw_point_index_ref (SwPointIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sw_point_index_unref (SwPointIndex *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->ids);
      g_free (self->coords);
      g_free (self->original);
      g_free (self);
    }
}

guint
sw_point_index_get_n_points (SwPointIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_points;
}

void
sw_point_index_get_point (SwPointIndex *self,
                          guint         point,
                          double       *x,
                          double       *y)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (point < self->n_points);

  if (x != NULL)
    *x = self->original[2 * point];
  if (y != NULL)
    *y = self->original[2 * point + 1];
}

/* One subtree still to visit: the run [left, right] split on @axis. */
typedef struct
{
  guint left;
  guint right;
  guint axis;
} Range;

/* Visits every point in the box; with @radius >= 0 only those within it of
 * (cx, cy). The tree is balanced, so the stack never holds more than about
 * 2 log2 n ranges. */
static guint
query (SwPointIndex *self,
       double        min_x,
       double        min_y,
       double        max_x,
       double        max_y,
       double        cx,
       double        cy,
       double        radius,
       GArray       *result)
{
  Range stack[128];
  guint depth = 0;
  guint n_found = 0;
  double r2 = radius * radius;

  if (self->n_indexed == 0)
    return 0;

  stack[depth++] = (Range) { 0, self->n_indexed - 1, 0 };

  while (depth > 0)
    {
      Range range = stack[--depth];
      guint mid;
      double x, y;

      if (range.right - range.left <= NODE_SIZE)
        {
          for (guint i = range.left; i <= range.right; i++)
            {
              x = self->coords[2 * i];
              y = self->coords[2 * i + 1];
              if (x < min_x || x > max_x || y < min_y || y > max_y)
                continue;
              if (radius >= 0 && (x - cx) * (x - cx) + (y - cy) * (y - cy) > r2)
                continue;
              g_array_append_val (result, self->ids[i]);
              n_found++;
            }
          continue;
        }

      mid = range.left + (range.right - range.left) / 2;
      x = self->coords[2 * mid];
      y = self->coords[2 * mid + 1];

      if (x >= min_x && x <= max_x && y >= min_y && y <= max_y
          && (radius < 0 || (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r2))
        {
          g_array_append_val (result, self->ids[mid]);
          n_found++;
        }

      g_assert (depth + 2 <= G_N_ELEMENTS (stack));
      if (range.axis == 0 ? min_x <= x : min_y <= y)
        if (mid > range.left)
          stack[depth++] = (Range) { range.left, mid - 1, 1 - range.axis };
      if (range.axis == 0 ? max_x >= x : max_y >= y)
        stack[depth++] = (Range) { mid + 1, range.right, 1 - range.axis };
    }

  return n_found;
}

guint
sw_point_index_query_bbox (SwPointIndex *self,
                           double        min_x,
                           double        min_y,
                           double        max_x,
                           double        max_y,
                           GArray       *result)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (result) == sizeof (guint), 0);

  return query (self, min_x, min_y, max_x, max_y, 0, 0, -1, result);
}

guint
sw_point_index_query_radius (SwPointIndex *self,
                             double        x,
                             double        y,
                             double        radius,
                             GArray       *result)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (result != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (result) == sizeof (guint), 0);

  if (!(radius >= 0))
    return 0;

  return query (self, x - radius, y - radius, x + radius, y + radius, x, y, radius, result);
}

gboolean
sw_point_index_nearest (SwPointIndex *self,
                        double        x,
                        double        y,
                        double        radius,
                        guint        *point,
                        double       *distance)
{
  g_autoptr (GArray) found = NULL;
  gboolean any = FALSE;
  double best = INFINITY;
  guint best_point = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  found = g_array_new (FALSE, FALSE, sizeof (guint));
  sw_point_index_query_radius (self, x, y, radius, found);

  for (guint i = 0; i < found->len; i++)
    {
      guint p = g_array_index (found, guint, i);
      double dx = self->original[2 * p] - x;
      double dy = self->original[2 * p + 1] - y;
      double d = sqrt (dx * dx + dy * dy);

      if (d < best || (d == best && p > best_point))
        {
          best = d;
          best_point = p;
          any = TRUE;
        }
    }

  if (any)
    {
      if (point != NULL)
        *point = best_point;
      if (distance != NULL)
        *distance = best;
    }

  return any;
}
