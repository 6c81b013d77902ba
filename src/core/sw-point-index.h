/* A static spatial index over many points, for drawing, clustering and
 * hit-testing findings on the map without looking at every one. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Points are (x, y) pairs in any planar coordinates the caller picks
 * (longitude/latitude, or Web Mercator 0..1 as the map layers use); the
 * index knows no projection and measures plain Euclidean distance in them.
 * A point is known by its position 0..n-1 in the array it was built from, so
 * the caller keeps its own array of what the points stand for.
 *
 * The index is immutable once built: rebuild it when the points change
 * (100,000 points take a few milliseconds). It is a refcounted boxed value
 * and may be queried from several threads at once. */
#define SW_TYPE_POINT_INDEX (sw_point_index_get_type ())

typedef struct _SwPointIndex SwPointIndex;

GType         sw_point_index_get_type     (void) G_GNUC_CONST;

/* @coordinates holds 2 * @n_points doubles, x then y for each point; points
 * with a NaN or infinite coordinate are left out of every query. */
SwPointIndex *sw_point_index_new          (const double *coordinates,
                                           guint         n_points);
SwPointIndex *sw_point_index_ref          (SwPointIndex *self);
void          sw_point_index_unref        (SwPointIndex *self);

guint         sw_point_index_get_n_points (SwPointIndex *self);
void          sw_point_index_get_point    (SwPointIndex *self,
                                           guint         point,
                                           double       *x,
                                           double       *y);

/* Appends to @result (a GArray of guint) every point with min_x <= x <=
 * max_x and min_y <= y <= max_y, in no particular order; returns how many it
 * appended. */
guint         sw_point_index_query_bbox   (SwPointIndex *self,
                                           double        min_x,
                                           double        min_y,
                                           double        max_x,
                                           double        max_y,
                                           GArray       *result);
/* Appends every point at distance <= @radius from (x, y). */
guint         sw_point_index_query_radius (SwPointIndex *self,
                                           double        x,
                                           double        y,
                                           double        radius,
                                           GArray       *result);
/* The point nearest to (x, y) at distance <= @radius, or FALSE when there
 * is none; of points at the same distance, the one with the highest
 * position wins (drawn last, so on top). */
gboolean      sw_point_index_nearest      (SwPointIndex *self,
                                           double        x,
                                           double        y,
                                           double        radius,
                                           guint        *point,
                                           double       *distance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SwPointIndex, sw_point_index_unref)

G_END_DECLS
