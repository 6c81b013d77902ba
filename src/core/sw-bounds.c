/* A longitude/latitude bounding box, as a refcounted boxed value. */
#define G_LOG_DOMAIN "sw-bounds"

#include "config.h"

#include <math.h>

#include "sw-bounds.h"

struct _SwBounds
{
  gatomicrefcount ref_count;
  double west;
  double south;
  double east;
  double north;
};

G_DEFINE_BOXED_TYPE (SwBounds, sw_bounds, sw_bounds_ref, sw_bounds_unref)

SwBounds *
sw_bounds_new (void)
{
  SwBounds *self = g_new0 (SwBounds, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->west = self->south = INFINITY;
  self->east = self->north = -INFINITY;
  return self;
}

SwBounds *
sw_bounds_ref (SwBounds *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sw_bounds_unref (SwBounds *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    g_free (self);
}

void
sw_bounds_extend (SwBounds *self,
                  double    longitude,
                  double    latitude)
{
  g_return_if_fail (self != NULL);

  if (!isfinite (longitude) || !isfinite (latitude))
    return;
  self->west = MIN (self->west, longitude);
  self->east = MAX (self->east, longitude);
  self->south = MIN (self->south, latitude);
  self->north = MAX (self->north, latitude);
}

gboolean
sw_bounds_is_empty (const SwBounds *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->west > self->east || self->south > self->north;
}

double
sw_bounds_get_west (const SwBounds *self)
{
  return self->west;
}

double
sw_bounds_get_south (const SwBounds *self)
{
  return self->south;
}

double
sw_bounds_get_east (const SwBounds *self)
{
  return self->east;
}

double
sw_bounds_get_north (const SwBounds *self)
{
  return self->north;
}

void
sw_bounds_get_center (const SwBounds *self,
                      double         *longitude,
                      double         *latitude)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!sw_bounds_is_empty (self));

  if (longitude != NULL)
    *longitude = (self->west + self->east) / 2.0;
  if (latitude != NULL)
    *latitude = (self->south + self->north) / 2.0;
}
